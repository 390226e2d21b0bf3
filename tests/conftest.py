"""Shared fixtures: paths, the bundled sample, the shared data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.eval.data import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def sample_text() -> str:
    return (REPO / "samples" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("../shared/data is absent: quality floors on the shared benchmarks are skipped")
    return path
