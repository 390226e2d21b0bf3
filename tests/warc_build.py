"""Build small WARC / ARC / JSONL inputs for tests (written for this project)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def html_page(i: int) -> str:
    body = " ".join(
        f"Sentence {i}.{k} tells the reader about event number {i} in some detail." for k in range(3)
    )
    return f"<!doctype html><html><head><title>Story {i}</title></head><body><p>{body}</p></body></html>"


def write_warc(path: Path, pages: list[tuple[str, str, str]], *, gz: bool) -> None:
    """``pages``: (url, content type, body); also writes a request and a 404 that must be skipped."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, ctype, body in pages:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
            )
            writer.write_record(rec)
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "http://example.org/missing",
                "response",
                payload=io.BytesIO(b"<html>gone</html>"),
                http_headers=missing,
            )
        )


def arc_bytes(pages: list[tuple[str, str, bytes]]) -> bytes:
    """An ARC v1 file: a filedesc record, then one record per (url, content type, body)."""
    version = b"1 0 newsmill-test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://test.arc 0.0.0.0 20240102030405 text/plain %d\n" % len(version) + version + b"\n"]
    for url, ctype, body in pages:
        http = b"HTTP/1.0 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\n\r\n" + body
        head = f"{url} 192.0.2.1 20240102030405 {ctype.split(';')[0]} {len(http)}\n".encode()
        out.append(head + http + b"\n")
    return b"".join(out)


def write_jsonl(path: Path, rows: list[dict], *, gz: bool = False) -> None:
    data = "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
