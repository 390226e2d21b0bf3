"""Only the optional C fast paths (text mode, the HTML walk and tree pass) live here; the rest is in pyproject.toml.

``optional=True``: when the extension cannot be compiled (no compiler or Python headers), the install
still succeeds and newsmill uses the bit-identical numpy code (docs/design.md, "Text mode: C fast path").
"""

from setuptools import Extension, setup

_SRC = "src/newsmill/extract"


def _fast_path(name: str, *headers: str, exact_floats: bool = True, **extra: object) -> Extension:
    """The optional extension ``newsmill.extract.<name>`` built from ``<name>.c`` (and its ``headers``).
    ``exact_floats``: no fused multiply-add, so float results equal numpy's / Python's bit for bit."""
    return Extension(
        f"newsmill.extract.{name}",
        [f"{_SRC}/{name}.c"],
        depends=[f"{_SRC}/{h}" for h in headers],
        extra_compile_args=["-O2", "-ffp-contract=off"] if exact_floats else ["-O2"],
        optional=True,
        **extra,
    )


setup(
    ext_modules=[
        # Text mode's line features, smoothing, kinds, removed blocks, line split and finder prefilters.
        _fast_path("_textfast", "_buffers.h", "_textfinders.h", "_textranks.h", "_textassembly.h", "_mlp.h"),
        # The text-mode headline scorer (headline.*_py without it).
        _fast_path("_headlinefast", "_buffers.h", "_wordset.h", "_headlineurl.h"),
        # The HTML walk over lexbor's tree (htmlblocks.py falls back to the Python walk without it).
        _fast_path("_htmlfast", "_fastslots.h", "_hintsfast.h", exact_floats=False, libraries=["dl"]),
        # htmlselect.build_tree's passes over the walk's records (build_tree_python without it).
        _fast_path("_selectfast", "_fastslots.h"),
    ]
)
