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


def _column(values: list[Any], tp: Any) -> pa.Array:
    """Python values of type ``tp`` (None allowed) -> one Arrow array, built column-wise.

    Measured on 600 flattened pages: ``to_dict`` + ``Table.from_pylist`` cost 5.4 ms/page,
    5x the extraction itself; building child arrays from attribute lists avoids the dicts.
    """
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _column(values, inner)
    if origin is list:
        (item,) = get_args(tp)
        offsets, flat, pos = [0], [], 0
        for v in values:
            if v:
                flat.extend(v)
                pos += len(v)
            offsets.append(pos)
        mask = pa.array([v is None for v in values]) if None in values else None
        return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), _column(flat, item), mask=mask)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = [f.name for f in dataclasses.fields(tp)]
        has_none = None in values
        children = [
            _column(
                [getattr(v, n) if v is not None else None for v in values]
                if has_none
                else [getattr(v, n) for v in values],
                hints[n],
            )
            for n in names
        ]
        mask = pa.array([v is None for v in values]) if has_none else None
        return pa.StructArray.from_arrays(children, fields=list(_arrow_type(tp)), mask=mask)
    return pa.array(values, type=_arrow_type(tp))


def articles_table(articles: list[Article]) -> pa.Table:
    """Article objects -> Arrow table with :func:`arrow_schema`, without going through dicts."""
    hints = typing.get_type_hints(Article)
    schema = arrow_schema()
    arrays = [_column([getattr(a, f.name) for a in articles], hints[f.name]) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)
