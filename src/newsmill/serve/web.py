"""Server-rendered pages: search, article, speaker, "try a page"."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsmill.serve import render
from newsmill.serve.api import extract_page, search_params
from newsmill.serve.app import archive
from newsmill.store import QueryError, get_article, search, speaker, speaker_quotes, speakers, stats
from newsmill.store.pack import removed_count
from newsmill.store.people import timeline

_FILTERS = ("q", "from", "to", "site", "language", "entity", "speaker", "sort")


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def index(request: Request) -> Response:
    conn = archive(request).conn()
    form = {k: request.query_params.get(k, "") for k in _FILTERS}
    ctx: dict[str, Any] = {"form": form, "error": None, "results": None, "stats": stats(conn)}
    try:
        res = search(conn, search_params(request))
    except QueryError as exc:
        ctx["error"] = str(exc)
        return page(request, "index.html", ctx, status=400)
    for item in res["items"]:
        item["snippet_html"] = render.highlight(item["snippet"], item["highlights"])
    ctx["results"] = res
    if res["next"]:
        keep = {k: v for k, v in form.items() if v}
        ctx["next_query"] = {**keep, "cursor": res["next"]}
    ctx["searching"] = any(form.values())
    if not ctx["searching"]:
        ctx["top_speakers"] = speakers(conn, limit=8)["items"]
    return page(request, "index.html", ctx)


# Above this many removed blocks the article page leaves them out and the toggle loads
# them on demand (/articles/{id}/removed). Flattened development pages average 221
# blocks: on 100 of them, inline lists made pages 31 KB and 1.28 ms of CPU to build,
# on demand 10 KB and 0.56 ms.
INLINE_REMOVED = 40


def article(request: Request) -> Response:
    conn = archive(request).conn()
    rec = get_article(conn, request.path_params["id"], removed_limit=INLINE_REMOVED)
    if rec is None:
        raise HTTPException(404, "No article with this id.")
    if rec.get("removed") is not None:
        return page(request, "article.html", record_context(rec))
    # too many removed blocks to show inline: they were not even decoded (0.3 ms saved)
    ctx = record_context({**rec, "removed": []}, f"/articles/{rec['id']}/removed")
    ctx["removed_count"] = removed_count(conn, rec["id"])
    return page(request, "article.html", ctx)


def removed_blocks(request: Request) -> Response:
    """The removed blocks of one article as a small HTML page (also the no-JavaScript fallback)."""
    rec = get_article(archive(request).conn(), request.path_params["id"])
    if rec is None:
        raise HTTPException(404, "No article with this id.")
    return page(
        request, "removed.html", {"rec": rec, "removed_html": render.removed_html(rec.get("removed") or [])}
    )


def record_context(rec: dict[str, Any], removed_src: str | None = None) -> dict[str, Any]:
    quotes = rec.get("quotes") or []
    from newsmill.store.write import speaker_key

    return {
        "rec": rec,
        "body": render.article_body(rec),
        "removed_src": removed_src,
        "removed_html": None if removed_src else render.removed_html(rec.get("removed") or []),
        "removed_count": len(rec.get("removed") or []),
        "quotes": [(i, q, speaker_key(q.get("speaker"))) for i, q in enumerate(quotes)],
        "entities": sorted(
            rec.get("entities") or [], key=lambda e: (-len(e.get("mentions") or []), e["name"])
        ),
        "speaker_url": render.speaker_url,
        "entity_url": render.entity_url,
    }


def speaker_page(request: Request) -> Response:
    conn = archive(request).conn()
    name = request.path_params["name"]
    info = speaker(conn, name)
    if info is None:
        raise HTTPException(404, "Nobody by this name is quoted in the archive.")
    quotes = speaker_quotes(conn, name, cursor=request.query_params.get("cursor"), limit=100)
    return page(
        request,
        "speaker.html",
        {
            "info": info,
            "quotes": quotes,
            "timeline": render.timeline_svg(timeline(conn, name)),
            "entity_url": render.entity_url,
            "name": name,
        },
    )


def speakers_page(request: Request) -> Response:
    conn = archive(request).conn()
    qp = request.query_params
    res = speakers(conn, q=qp.get("q"), cursor=qp.get("cursor"), limit=100)
    return page(
        request, "speakers.html", {"res": res, "q": qp.get("q", ""), "speaker_url": render.speaker_url}
    )


async def try_page(request: Request) -> Response:
    ctx: dict[str, Any] = {"error": None, "form": {"page": "", "format": "auto", "nlp": True, "url": ""}}
    if request.method == "GET":
        return page(request, "try.html", ctx)
    max_body = archive(request).settings.max_body
    async with request.form(max_files=1, max_fields=8, max_part_size=max_body) as form:
        text = str(form.get("page") or "")
        upload = form.get("file")
        data = text.encode("utf-8")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(max_body + 1)
        fmt = str(form.get("format") or "auto")
        nlp = form.get("nlp") == "on"
        url = str(form.get("url") or "").strip() or None
    ctx["form"] = {"page": text, "format": fmt, "nlp": nlp, "url": url or ""}
    try:
        art = await extract_page(request, data, url=url, fmt=fmt, nlp=nlp)
    except (HTTPException, QueryError) as exc:
        ctx["error"] = getattr(exc, "detail", None) or str(exc)
        return page(request, "try.html", ctx, status=getattr(exc, "status_code", 400))
    rec = art.to_dict()
    ctx.update(record_context(rec))
    ctx["json"] = art.to_json(indent=2)
    return page(request, "try.html", ctx)


def routes() -> list[Route]:
    return [
        Route("/", index, methods=["GET"]),
        Route("/articles/{id}", article, methods=["GET"]),
        Route("/articles/{id}/removed", removed_blocks, methods=["GET"]),
        Route("/speakers", speakers_page, methods=["GET"]),
        Route("/speakers/{name:path}", speaker_page, methods=["GET"]),
        Route("/try", try_page, methods=["GET", "POST"]),
    ]
