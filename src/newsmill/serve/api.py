"""JSON endpoints under /api (the spec is in :mod:`newsmill.serve.openapi` and docs/api.md)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from newsmill.errors import NewsmillError
from newsmill.options import Options
from newsmill.serve.app import archive
from newsmill.store import (
    QueryError,
    SearchParams,
    entities,
    get_article,
    search,
    speaker_quotes,
    speakers,
    write_articles,
)


def int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a whole number") from None


def bool_param(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise QueryError(f"{name} must be 1 or 0")


def search_params(request: Request) -> SearchParams:
    qp = request.query_params
    return SearchParams(
        q=qp.get("q"),
        date_from=qp.get("from"),
        date_to=qp.get("to"),
        site=qp.get("site"),
        language=qp.get("language"),
        entity=qp.get("entity"),
        speaker=qp.get("speaker"),
        sort=qp.get("sort") or None,
        cursor=qp.get("cursor"),
        limit=int_param(request, "limit", 20),
    )


def list_articles(request: Request) -> Response:
    return JSONResponse(search(archive(request).conn(), search_params(request)))


def one_article(request: Request) -> Response:
    rec = get_article(archive(request).conn(), request.path_params["id"])
    if rec is None:
        raise HTTPException(404, "no article with this id")
    return JSONResponse(rec)


def list_speakers(request: Request) -> Response:
    qp = request.query_params
    return JSONResponse(
        speakers(
            archive(request).conn(),
            q=qp.get("q"),
            anonymous=bool_param(request, "anonymous"),
            cursor=qp.get("cursor"),
            limit=int_param(request, "limit", 50),
        )
    )


def one_speaker_quotes(request: Request) -> Response:
    qp = request.query_params
    out = speaker_quotes(
        archive(request).conn(),
        request.path_params["name"],
        q=qp.get("q"),
        cursor=qp.get("cursor"),
        limit=int_param(request, "limit", 50),
    )
    return JSONResponse(out)


def list_entities(request: Request) -> Response:
    qp = request.query_params
    return JSONResponse(
        entities(
            archive(request).conn(),
            q=qp.get("q"),
            type=qp.get("type") or None,
            cursor=qp.get("cursor"),
            limit=int_param(request, "limit", 50),
        )
    )


async def extract_page(request: Request, body: bytes, *, url: str | None, fmt: str, nlp: bool) -> Any:
    """Run newsmill on a page (body bytes, or a fetched URL when allowed) -> Article."""
    from newsmill.api import extract

    settings = archive(request).settings
    fetch_url = request.query_params.get("fetch")
    if fetch_url:
        if not settings.allow_fetch:
            raise HTTPException(403, "this server does not fetch URLs (start it with --allow-fetch)")
        from newsmill.serve.fetch import FetchError, fetch

        try:
            url, body = await run_in_threadpool(fetch, fetch_url, max_bytes=settings.max_body)
        except FetchError as exc:
            raise HTTPException(400, str(exc)) from exc
    if not body.strip():
        raise HTTPException(400, "send the page (HTML or text) as the request body")
    if fmt not in ("auto", "html", "text"):
        raise QueryError("format must be auto, html or text")
    options = Options(input_format=fmt, nlp=nlp)  # type: ignore[arg-type]
    try:
        return await run_in_threadpool(extract, body, url=url, options=options)
    except NewsmillError as exc:
        raise HTTPException(422, f"cannot extract this page: {exc}") from exc


async def api_extract(request: Request) -> Response:
    """POST a page, get its record back; ``?store=1`` also loads it (only with --allow-writes)."""
    store = bool_param(request, "store") or False
    settings = archive(request).settings
    if store and not settings.allow_writes:
        raise HTTPException(403, "this server is read-only (start it with --allow-writes to store)")
    body = await request.body()
    nlp = bool_param(request, "nlp")
    article = await extract_page(
        request,
        body,
        url=request.query_params.get("url") or None,
        fmt=request.query_params.get("format") or "auto",
        nlp=True if nlp is None else nlp,
    )
    headers = {}
    if store:
        stats = await run_in_threadpool(write_articles, settings.db_path, [article])
        outcome = next(
            k for k in ("inserted", "replaced", "unchanged", "older", "failed") if getattr(stats, k)
        )
        headers["X-Newsmill-Stored"] = outcome
    return JSONResponse(article.to_dict(), headers=headers)


def openapi(request: Request) -> Response:
    from newsmill.serve.openapi import spec

    return JSONResponse(spec())


def routes() -> list[Route]:
    return [
        Route("/api/articles", list_articles, methods=["GET"]),
        Route("/api/articles/{id}", one_article, methods=["GET"]),
        Route("/api/speakers", list_speakers, methods=["GET"]),
        Route("/api/speakers/{name:path}/quotes", one_speaker_quotes, methods=["GET"]),
        Route("/api/entities", list_entities, methods=["GET"]),
        Route("/api/extract", api_extract, methods=["POST"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
