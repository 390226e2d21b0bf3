"""Errors a single input can raise; a batch reports them and goes on."""


class NewsmillError(Exception):
    """Base class: the message is one line that names the problem."""


class InputError(NewsmillError):
    """The input cannot be read as a page: empty, binary, undecodable, missing."""


class ExtractionError(NewsmillError):
    """The page was read but extraction failed or ran out of its time/memory bound."""
