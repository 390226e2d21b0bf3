"""Locating the shared development data (``../shared/data`` beside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[3]


def shared_data_dir() -> Path | None:
    """``$NEWSMILL_SHARED_DATA``, else ``../shared/data`` beside the repo; None when absent."""
    env = os.environ.get("NEWSMILL_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [_REPO.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if (c / "README.md").exists():
            return c
    return None
