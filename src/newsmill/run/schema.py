"""The Arrow/Parquet schema of article records, generated from :mod:`newsmill.model`.

Same rule as the JSON Schema: derived from the dataclasses, never written by hand, so a field
added to the model appears in Parquet output with no change here. Mapping: ``str`` -> string,
``int`` -> int64, ``bool`` -> bool, ``Literal`` -> string, ``list[X]`` -> list<X>, a dataclass
-> struct, ``X | None`` -> nullable X. ``entities``/``quotes``/``dates`` stay null (not an empty
list) when NLP did not run, exactly as in JSON.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa

from newsmill.model import Article

_PRIMITIVES = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64()}

# The errors output: one row per input page that did not become a record.
ERROR_FIELDS = ("position", "input", "stage", "error", "message")


def _arrow_type(tp: Any) -> pa.DataType:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no Arrow mapping for union {tp!r}")
        return _arrow_type(inner[0])
    if origin is list:
        (item,) = get_args(tp)
        return pa.list_(_arrow_type(item))
    if origin is Literal:
        return pa.string()
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([pa.field(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(tp)])
    if tp in _PRIMITIVES:
        return _PRIMITIVES[tp]
    raise TypeError(f"no Arrow mapping for {tp!r}")


@cache
def arrow_schema() -> pa.Schema:
    """Arrow schema of one article row; columns in the JSON order (``schema`` first)."""
    hints = typing.get_type_hints(Article)
    names = ["schema"] + [f.name for f in dataclasses.fields(Article) if f.name != "schema"]
    return pa.schema([pa.field(n, _arrow_type(hints[n]), nullable=n != "schema") for n in names])


def records_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Article dicts (``Article.to_dict()``) -> Arrow table with :func:`arrow_schema`."""
    return pa.Table.from_pylist(rows, schema=arrow_schema())
