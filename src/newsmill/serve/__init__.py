"""The archive's web server: JSON API, server-rendered pages, and static assets (no build step)."""

from newsmill.serve.app import create_app

__all__ = ["create_app"]
