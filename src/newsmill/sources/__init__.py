"""Readers: everything that turns an input (file, folder, stdin, ...) into :class:`Page` objects."""

from newsmill.sources.files import Page, iter_pages, read_path

__all__ = ["Page", "iter_pages", "read_path"]
