"""The record schema: generated JSON Schema is current, output validates, round-trips."""

from __future__ import annotations

import json

import jsonschema

import newsmill
from newsmill.model import Article, article_from_dict, json_schema


def test_model_schema_file_is_generated_from_code(repo):
    on_disk = json.loads((repo / "docs" / "article.schema.json").read_text())
    assert on_disk == json_schema(), "run `make schema` to regenerate docs/article.schema.json"


def test_model_output_validates_against_schema(sample_text):
    record = newsmill.extract(sample_text, path="seed.txt", options=newsmill.Options(nlp=False)).to_dict()
    jsonschema.validate(record, json_schema())
    assert record["schema"] == "newsmill.article/1"
    assert list(record)[0] == "schema"


def test_model_round_trips_through_dict(sample_text):
    art = newsmill.extract(sample_text, path="seed.txt", options=newsmill.Options(nlp=False))
    again = article_from_dict(json.loads(art.to_json()))
    assert again == art


def test_model_schema_rejects_unknown_fields():
    record = Article(text="x").to_dict()
    record["bogus"] = 1
    try:
        jsonschema.validate(record, json_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("additional properties must be rejected")


def test_model_public_api_is_pinned():
    assert sorted(newsmill.__all__) == sorted(
        [
            "SCHEMA",
            "Article",
            "Entity",
            "ExtractionError",
            "InputError",
            "Mention",
            "NewsmillError",
            "Options",
            "Page",
            "Paragraph",
            "Quote",
            "Removed",
            "Source",
            "Span",
            "Speaker",
            "TimeExpr",
            "__version__",
            "analyze",
            "extract",
            "process",
        ]
    )
