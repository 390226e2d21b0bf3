"""Parquet round-trip: Parquet -> Article equals the JSONL record, nested fields as Arrow structs/lists."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsmill.model import (
    Article,
    Entity,
    Mention,
    Paragraph,
    Quote,
    Removed,
    Source,
    Span,
    Speaker,
    TimeExpr,
    article_from_dict,
)
from newsmill.run.schema import arrow_schema
from newsmill.run.writers import PartWriter


def _full_article() -> Article:
    text = 'The mayor said "we will build it" on Monday.'
    return Article(
        id="abc",
        source=Source(
            path="a.warc.gz", url="http://x/1", crawl_date="2024-01-01T00:00:00Z", record_id="<urn:uuid:1>"
        ),
        title="Mayor pledges bridge",
        text=text,
        paragraphs=[Paragraph(text, 0, len(text))],
        published="2024-01-01",
        authors=["Ann Lee"],
        language="en",
        removed=[Removed("Share this", "share_widget")],
        entities=[Entity("e1", "person", "The mayor", ["mayor"], [Mention("The mayor", 0, 9)])],
        quotes=[
            Quote(
                "we will build it",
                16,
                32,
                "direct",
                cue=Span("said", 10, 14),
                speaker=Speaker("The mayor", 0, 9, name="The mayor", entity="e1"),
                when=TimeExpr("on Monday", 34, 43, "2024-01-01", False),
            )
        ],
        dates=[TimeExpr("on Monday", 34, 43, "2024-01-01")],
        warnings=["w"],
    )


def test_run_schema_parquet_round_trip(tmp_path: Path) -> None:
    plain = Article(id="p", text="Only text.", source=Source(path="p.txt"))  # entities stay null
    articles = [_full_article(), plain]
    for sub in ("records", "errors"):
        (tmp_path / sub).mkdir()
    for fmt in ("parquet", "jsonl"):
        part = PartWriter(tmp_path, f"part-{fmt}", fmt, 100, 10**9)
        part.write_articles(articles, [])
        part.commit()
    table = pq.read_table(tmp_path / "records" / "part-parquet.parquet")
    assert table.schema.equals(arrow_schema())
    assert pa.types.is_struct(table.schema.field("source").type)
    assert pa.types.is_list(table.schema.field("quotes").type)
    from_parquet = [article_from_dict(r) for r in table.to_pylist()]
    lines = (tmp_path / "records" / "part-jsonl.jsonl").read_text(encoding="utf-8").splitlines()
    from_jsonl = [article_from_dict(json.loads(line)) for line in lines]
    assert from_parquet == from_jsonl == articles
    assert from_parquet[1].entities is None and from_parquet[1].paragraphs == []


def test_run_schema_documented(repo: Path) -> None:
    """docs/schema.md's Parquet layout names every column of the generated schema."""
    doc = (repo / "docs" / "schema.md").read_text(encoding="utf-8").split("## Parquet layout", 1)[1]
    for field in arrow_schema():
        assert f"`{field.name}`" in doc
