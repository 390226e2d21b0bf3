from newsmill.cli import _entry

_entry()
