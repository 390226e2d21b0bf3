"""The --allow-fetch guard: only public http(s) addresses, every resolved address checked."""

from __future__ import annotations

import socket

import pytest

from newsmill.serve.fetch import FetchError, check_host, fetch


def fake_dns(monkeypatch: pytest.MonkeyPatch, *addrs: str) -> None:
    def getaddrinfo(host, port, *args, **kwargs):
        fam = socket.AF_INET6 if ":" in addrs[0] else socket.AF_INET
        return [(fam, socket.SOCK_STREAM, 6, "", (a, port)) for a in addrs]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_serve_fetch_public_address_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, "93.184.216.34")
    assert check_host("example.org", 443) == "93.184.216.34"


@pytest.mark.parametrize(
    "addrs",
    [
        ("127.0.0.1",),
        ("10.0.0.5",),
        ("192.168.1.1",),
        ("172.16.0.1",),
        ("169.254.169.254",),
        ("0.0.0.0",),
        ("::1",),
        ("fd00::1",),
        ("93.184.216.34", "127.0.0.1"),  # one bad address among good ones is enough
    ],
)
def test_serve_fetch_private_addresses_refused(
    monkeypatch: pytest.MonkeyPatch, addrs: tuple[str, ...]
) -> None:
    fake_dns(monkeypatch, *addrs)
    with pytest.raises(FetchError, match="refusing"):
        check_host("rebind.example", 80)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://x/", "http://", "javascript:alert(1)"])
def test_serve_fetch_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError, match="only http"):
        fetch(url)
