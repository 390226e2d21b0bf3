"""Corpus runs: the batch engines (local processes, Ray), part writers, the resume journal.

``run(config)`` dispatches to :func:`newsmill.run.engine.run_local` or
:func:`newsmill.run.ray_engine.run_ray`; ``newsmill.process`` is the lazy library API.
"""

from __future__ import annotations

from newsmill.run.config import RunConfig, RunError, Summary


def run(config: RunConfig) -> Summary:
    """Run ``config`` on its engine; returns the summary (also in OUT/_newsmill/summary.json)."""
    if config.engine == "ray":
        from newsmill.run.ray_engine import run_ray

        return run_ray(config)
    if config.engine != "local":
        raise RunError(f"unknown engine {config.engine!r} (local or ray)")
    from newsmill.run.engine import run_local

    return run_local(config)


__all__ = ["RunConfig", "RunError", "Summary", "run"]
