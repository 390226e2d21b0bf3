"""The ``newsmill`` command: a thin layer over the library calls in :mod:`newsmill.api`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from newsmill import __version__
from newsmill.errors import NewsmillError
from newsmill.model import Article
from newsmill.options import Options


def _err(name: str, message: str) -> None:
    """One line on stderr naming the input and the problem."""
    first = " ".join(str(message).split())
    print(f"newsmill: {name}: {first}", file=sys.stderr)


def _write(article: Article, fmt: str, out: TextIO) -> None:
    if fmt == "text":
        if article.title:
            out.write(article.title + "\n\n")
        out.write(article.text + "\n")
    elif fmt == "jsonl" or not out.isatty():
        out.write(article.to_json() + "\n")
    else:
        out.write(article.to_json(indent=2) + "\n")
    out.flush()


def _options(args: argparse.Namespace) -> Options:
    return Options(
        input_format=getattr(args, "input_format", "auto"),
        nlp=not args.no_nlp,
        model=args.model,
        comments=getattr(args, "comments", False),
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from newsmill.api import extract
    from newsmill.sources.files import iter_pages

    fmt = "jsonl" if args.jsonl else args.format
    options = _options(args)
    failed = 0
    for item in iter_pages(args.inputs):
        if isinstance(item, tuple):
            _err(item[0], str(item[1]))
            failed += 1
            continue
        try:
            article = extract(item, options=options)
        except NewsmillError as exc:
            _err(item.name, str(exc))
            failed += 1
            continue
        _write(article, fmt, sys.stdout)
    return 1 if failed else 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from newsmill.api import analyze
    from newsmill.extract.encoding import decode_page
    from newsmill.sources.files import read_path

    try:
        page = read_path(args.input)
        text, _, _ = decode_page(page.data)
        article = analyze(text, published=args.published, source=page.source, options=_options(args))
    except NewsmillError as exc:
        _err(args.input, str(exc))
        return 1
    _write(article, "jsonl" if args.jsonl else "json", sys.stdout)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from newsmill.store import StoreError, load_paths

    try:
        stats = load_paths(args.db, args.outputs)
    except StoreError as exc:
        _err(args.db, str(exc))
        return 1
    for message in stats.errors:
        print(f"newsmill: {message}", file=sys.stderr)
    rate = stats.read / stats.seconds if stats.seconds else 0.0
    print(
        f"{args.db}: read {stats.read}, inserted {stats.inserted}, replaced {stats.replaced}, "
        f"unchanged {stats.unchanged}, older skipped {stats.older}, failed {stats.failed} "
        f"({stats.seconds:.1f} s, {rate:.0f} records/s)",
        file=sys.stderr,
    )
    return 1 if stats.failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from newsmill.serve import create_app
    from newsmill.store import StoreError

    try:
        app = create_app(args.db, allow_writes=args.allow_writes, allow_fetch=args.allow_fetch)
    except StoreError as exc:
        _err(args.db, str(exc))
        return 1
    # http/loop "auto": httptools and uvloop when installed (core deps), else h11/asyncio
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _add_nlp_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-nlp", action="store_true", help="skip entities, quotes and dates")
    p.add_argument("--model", help="spaCy pipeline to load (default: the installed small English model)")


def cmd_run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsmill.run import RunConfig, run
    from newsmill.run.output import write_db
    from newsmill.sources.jsonl import JsonlFields

    fields = JsonlFields(
        html=args.html_field, text=args.text_field, url=args.url_field, date=args.date_field, id=args.id_field
    )
    config = RunConfig(
        inputs=args.inputs,
        out=Path(args.out),
        fmt=args.format,
        options=_options(args),
        fields=fields,
        engine=args.engine,
        ray_address=args.ray_address,
        quiet=args.quiet,
        db=Path(args.db) if args.db else None,
        part_rows=args.part_rows,
    )
    if args.workers or args.engine == "ray":
        config.workers = args.workers  # 0 with Ray: one actor per CPU of the cluster
    try:
        summary = run(config)
        print(summary.line(config.out), file=sys.stderr)
        if config.db is not None:
            n = write_db(config.db, config.out)
            print(f"newsmill run: {n} records written to {config.db}", file=sys.stderr)
    except (NewsmillError, ImportError, OSError) as exc:
        _err(args.out, str(exc))
        return 1
    return 0


def _add_run(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "run",
        help="a whole corpus -> Parquet/JSONL, on all cores, resumable",
        description="Process folders, globs, JSONL, WARC/ARC files or - (stdin) on every "
        "core. Rerun the same command after a crash to continue exactly where it stopped.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, glob, JSONL, WARC/ARC, or -")
    p.add_argument("--out", required=True, help="output folder (records/, errors/, _newsmill/)")
    p.add_argument("--format", choices=["parquet", "jsonl"], default="parquet", help="records format")
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="worker processes / Ray actors (default: all cores of this machine / the cluster)",
    )
    p.add_argument(
        "--input-format",
        choices=["auto", "html", "text"],
        default="auto",
        help="treat pages as HTML or flattened text (default: detect)",
    )
    p.add_argument("--comments", action="store_true", help="keep reader comments, apart from the body")
    _add_nlp_flags(p)
    p.add_argument("--engine", choices=["local", "ray"], default="local", help="local processes or Ray Data")
    p.add_argument("--ray-address", help="an existing Ray cluster (default: start a local one)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--db", help="also load the records into this archive (see newsmill load)")
    p.add_argument("--part-rows", type=int, default=50_000, help="records per output part file")
    for name in ("html", "text", "url", "date", "id"):
        p.add_argument(f"--{name}-field", default=name, help=f"JSONL key of the page's {name} (dots nest)")
    p.set_defaults(func=cmd_run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsmill", description="Turn raw news pages into clean, attributed article records."
    )
    parser.add_argument("--version", action="version", version=f"newsmill {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "extract",
        help="page(s) -> article record(s)",
        description="Extract clean articles "
        "from HTML or flattened page text: files, folders, globs, or - for stdin.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="file, folder, glob, or - for stdin")
    p.add_argument(
        "--format",
        choices=["json", "jsonl", "text"],
        default="json",
        help="json (pretty on a terminal), jsonl (one record a line), text (clean article)",
    )
    p.add_argument("--jsonl", action="store_true", help="same as --format jsonl")
    p.add_argument(
        "--input-format",
        choices=["auto", "html", "text"],
        default="auto",
        help="treat inputs as HTML or flattened text (default: detect)",
    )
    p.add_argument("--comments", action="store_true", help="keep reader comments, apart from the body")
    _add_nlp_flags(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "analyze",
        help="clean article text -> entities, quotes, dates",
        description="Treat the input as the article text itself; offsets index it exactly.",
    )
    p.add_argument("input", metavar="PATH", help="a text file, or - for stdin")
    p.add_argument("--published", help="publication date (ISO 8601) to resolve relative dates against")
    p.add_argument("--jsonl", action="store_true", help="compact one-line JSON")
    _add_nlp_flags(p)
    p.set_defaults(func=cmd_analyze)

    # -- run (batch engine) --------------------------------------------------------
    _add_run(sub)

    # -- load / serve (archive) ----------------------------------------------------
    p = sub.add_parser(
        "load",
        help="run/extract output -> archive database",
        description="Load JSONL or Parquet records (files or folders) into a SQLite archive. "
        "Idempotent: loading the same records again changes nothing; a newer version of a "
        "record (same id or URL) replaces the older.",
    )
    p.add_argument("outputs", nargs="+", metavar="OUTPUT", help="JSONL file, Parquet file, or folder of them")
    p.add_argument("--db", required=True, help="archive database file (created if missing)")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser(
        "serve",
        help="web app and JSON API over an archive",
        description="Serve the archive: search, articles, speakers, 'try a page', and /api.",
    )
    p.add_argument("--db", required=True, help="archive database file (opened read-only)")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-writes", action="store_true", help="let POST /api/extract?store=1 add records")
    p.add_argument(
        "--allow-fetch",
        action="store_true",
        help="let /api/extract fetch public http(s) URLs (private/loopback addresses are refused)",
    )
    p.set_defaults(func=cmd_serve)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _entry() -> None:  # console script
    sys.exit(main())


if __name__ == "__main__":
    _entry()
