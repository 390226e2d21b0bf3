"""The content hash is part of every stored archive: packing must keep it bit-for-bit."""

from __future__ import annotations

import json
import sqlite3
import zlib

from newsmill.store.pack import SPANS, pack, unpack
from serve_client import FIXTURE

# Digests of the fixture records as stored by archives loaded before the packer was optimised
# (computed with the previous pack()). A change here makes every reload look "replaced".
PINNED = {
    "4b9d96c0e2d3df02f797": "bf0162c858eb542990bec0c239d3446f",
    "87c4184707321e4e787c": "582bd58f2915700486bae17e03c11e2c",
    "3f2bbe8f98830444b1c0": "4e26cd852fa984216bfa7b1d85365ced",
    "5fda2b168900962b964e": "267950ad9217a0c6aaad9e5ec2f08c9c",
    "7d5882ffca4ba46f19ed": "e2f46bb9fa55bd36be6d0e95cf7beaf8",
}


def _records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]


def test_store_pack_digest_unchanged() -> None:
    assert {r["id"]: pack(r).digest for r in _records()} == PINNED


def test_store_pack_roundtrip_keeps_order() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE removed (article INTEGER, n INTEGER, blocks BLOB)")
    for i, rec in enumerate(_records()):
        packed = pack(rec)
        stored = json.loads(zlib.decompress(packed.record))
        assert stored[SPANS] == [list(s) for s in packed.paragraphs]
        assert list(stored)[-1] == SPANS
        conn.execute("INSERT INTO removed VALUES (?,?,?)", (i, packed.removed_n, packed.removed))
        back = unpack(conn, i, rec["text"], packed.record)
        assert back == rec
        assert list(back) == list(rec)  # field order too (removed blocks are stored key-sorted)


def test_store_pack_input_spans_key_kept_in_hash() -> None:
    rec = _records()[0]
    odd = {**rec, SPANS: [1]}  # a record that happens to carry the internal key
    packed = pack(odd)
    assert packed.digest != pack(rec).digest
    assert json.loads(zlib.decompress(packed.record))[SPANS] == [list(s) for s in packed.paragraphs]
