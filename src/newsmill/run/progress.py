"""The live progress bar (tqdm on stderr): bytes of input done drive the ETA; pages/s and errors shown."""

from __future__ import annotations

import sys
import time
from typing import Any

from newsmill.run.config import RunConfig
from newsmill.run.journal import Journal
from newsmill.sources.inputs import input_bytes


class Progress:
    """Quiet with ``--quiet`` or when stderr is not a terminal (logs, CI, pipes)."""

    def __init__(self, config: RunConfig, journal: Journal) -> None:
        self.enabled = not config.quiet and sys.stderr.isatty()
        self.pages = self.errors = 0
        self.bar: Any = None
        self._last = 0.0
        self._start = time.perf_counter()
        if self.enabled:
            from tqdm import tqdm

            total = input_bytes(config.inputs)
            self.bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                dynamic_ncols=True,
                file=sys.stderr,
                desc="newsmill run",
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix} [{elapsed}<{remaining}]",
            )

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self._refresh()
            self.bar.close()

    def update(self, pages: int, errors: int, nbytes: int) -> None:
        self.pages += pages
        self.errors += errors
        if self.bar is None:
            return
        self.bar.update(nbytes)
        now = time.perf_counter()
        if now - self._last > 0.5:
            self._last = now
            self._refresh()

    def _refresh(self) -> None:
        rate = self.pages / max(time.perf_counter() - self._start, 1e-9)
        self.bar.set_description_str(
            f"newsmill run: {self.pages} pages, {rate:.1f} pages/s, {self.errors} errors"
        )
