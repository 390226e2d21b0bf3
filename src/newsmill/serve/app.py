"""The Starlette application: JSON API under /api, web pages at /, /articles, /speakers, /try."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from newsmill.serve.guard import Guard
from newsmill.store import QueryError, StoreError, open_reader, open_writer

HERE = Path(__file__).parent
MAX_BODY = 5 * 1024 * 1024  # 5 MiB: the largest ScrapingHub/WCXB dev page is ~2 MB of HTML


@dataclass(slots=True)
class Settings:
    db_path: Path
    allow_writes: bool = False
    allow_fetch: bool = False
    max_body: int = MAX_BODY


class Archive:
    """Read-only connections, one per worker thread (sqlite3 connections are not shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        if settings.allow_writes and not settings.db_path.exists():
            open_writer(settings.db_path).close()  # create + migrate, so there is something to read
        open_reader(settings.db_path).close()  # fail at start-up, not on the first request

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_reader(self.settings.db_path)
            self._local.conn = conn
        return conn


def archive(request: Request) -> Archive:
    return request.app.state.archive


def wants_html(request: Request) -> bool:
    """Pages answer errors as HTML; /api and /openapi.json (and JSON-only clients) get JSON."""
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/json" not in accept


async def _query_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": str(exc)}, status_code=400)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code,
        )
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


def create_app(
    db_path: str | Path,
    *,
    allow_writes: bool = False,
    allow_fetch: bool = False,
    max_body: int = MAX_BODY,
) -> Starlette:
    """Build the app over an existing archive. Raises :class:`StoreError` if it cannot be read."""
    from newsmill.serve import api, render, web

    settings = Settings(Path(db_path), allow_writes, allow_fetch, max_body)
    routes: list[Any] = [
        *api.routes(),
        *web.routes(),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, max_body=max_body)],
        exception_handlers={QueryError: _query_error, HTTPException: _http_error},
    )
    app.state.settings = settings
    app.state.archive = Archive(settings)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(
        settings=settings, speaker_url=render.speaker_url, entity_url=render.entity_url
    )
    app.state.templates = templates
    return app


__all__ = ["Archive", "Route", "Settings", "StoreError", "create_app"]
