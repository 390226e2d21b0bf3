"""Only the optional C fast paths (text mode, the HTML walk and tree pass) live here; the rest is in pyproject.toml.

``optional=True``: when the extension cannot be compiled (no compiler or Python headers), the install
still succeeds and newsmill uses the bit-identical numpy code (docs/design.md, "Text mode: C fast path").
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "newsmill.extract._textfast",
            ["src/newsmill/extract/_textfast.c"],
            # No fused multiply-add: the float results must equal numpy's bit for bit.
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
        # The string columns of the text-mode headline scorer (headline.string_columns_py without it).
        Extension(
            "newsmill.extract._headlinefast",
            ["src/newsmill/extract/_headlinefast.c"],
            depends=["src/newsmill/extract/_wordset.h"],
            # No fused multiply-add: the feature matrix must equal numpy's bit for bit.
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
        # The HTML walk over lexbor's tree (htmlblocks.py falls back to the Python walk without it).
        Extension(
            "newsmill.extract._htmlfast",
            ["src/newsmill/extract/_htmlfast.c"],
            depends=["src/newsmill/extract/_fastslots.h"],
            extra_compile_args=["-O2"],
            libraries=["dl"],
            optional=True,
        ),
        # htmlselect.build_tree's passes over the walk's records (build_tree_python without it).
        Extension(
            "newsmill.extract._selectfast",
            ["src/newsmill/extract/_selectfast.c"],
            depends=["src/newsmill/extract/_fastslots.h"],
            # No fused multiply-add: the weight sums must equal Python's bit for bit.
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
    ]
)
