"""Readers: everything that turns an input (file, folder, JSONL, WARC/ARC, stdin) into :class:`Page` objects."""

from newsmill.sources.files import Page, expand, iter_pages, read_path
from newsmill.sources.inputs import Item, input_bytes, iter_items, open_inputs
from newsmill.sources.jsonl import JsonlFields

__all__ = [
    "Item",
    "JsonlFields",
    "Page",
    "expand",
    "input_bytes",
    "iter_items",
    "iter_pages",
    "open_inputs",
    "read_path",
]
