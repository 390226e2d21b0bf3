"""Fetching a page by URL for ``POST /api/extract?fetch=...`` -- only with ``--allow-fetch``.

A server that fetches URLs for its callers can be turned against the network it
sits in (SSRF). So: http(s) only; every address the host name resolves to must be
a public one (no loopback, private, link-local, reserved, multicast); the
connection goes to the address that was checked (no second DNS lookup an
attacker could rebind); redirects are followed by hand, at most 3, each one
checked the same way; the body is capped and the whole fetch has a deadline.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3


class FetchError(Exception):
    """The URL is refused or could not be fetched; the message says why."""


def check_host(host: str, port: int) -> str:
    """Resolve ``host`` and return one address, refusing any non-public address."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}") from exc
    addrs = [info[4][0] for info in infos]
    for addr in addrs:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchError(f"refusing to fetch {host}: it resolves to a non-public address ({ip})")
    if not addrs:
        raise FetchError(f"cannot resolve {host}")
    return addrs[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a fixed, already-checked IP while verifying the certificate for the host name."""

    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


def _get_once(url: str, max_bytes: int, timeout: float) -> tuple[int, str | None, bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http:// and https:// URLs can be fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = check_host(parts.hostname, port)
    cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    conn = cls(parts.hostname, ip, port, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", path, headers={"User-Agent": "newsmill", "Accept": "text/html,text/plain"})
        resp = conn.getresponse()
        body = resp.read(max_bytes + 1)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"fetching {url} failed: {exc}") from exc
    finally:
        conn.close()
    if len(body) > max_bytes:
        raise FetchError(f"page is larger than {max_bytes} bytes")
    return resp.status, resp.getheader("Location"), body


def fetch(url: str, *, max_bytes: int = 5_000_000, timeout: float = 10.0) -> tuple[str, bytes]:
    """GET a public http(s) URL -> (final URL, body). Raises :class:`FetchError`."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"fetching {url} took longer than {timeout:.0f} s")
        status, location, body = _get_once(url, max_bytes, left)
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            continue
        if status >= 400:
            raise FetchError(f"{url} answered HTTP {status}")
        return url, body
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")
