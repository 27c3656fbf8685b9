"""Making the board pack looks nothing up outside: kaleido's chromium is given a recording
proxy (every request it would make goes there) and this process's DNS lookups are trapped."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from casson.outcomes import board_pack

LOCAL = {"localhost", "127.0.0.1", "::1", ""}


class _Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:  # the request line (CONNECT host:443, GET http://…), then close
        line = self.rfile.readline(4096).decode("latin-1").strip()
        assert isinstance(self.server, _Recorder)
        self.server.requests.append(line)


@pytest.fixture
def recorder(monkeypatch) -> Iterator[_Recorder]:
    """A proxy that records and refuses; chromium is sent there both ways there are: our
    setting, and choreographer's own CHOREO_PROXY_SERVER (what a render without ours uses)."""
    server = _Recorder()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("CHOREO_PROXY_SERVER", url)
    monkeypatch.setattr(board_pack, "CHROMIUM_PROXY", url)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_lookups(monkeypatch) -> list[str]:
    """socket.getaddrinfo refuses every name but loopback, and says which were asked for."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def trapped(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        if name not in LOCAL:
            asked.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"looked up {name} (trapped)")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", trapped)
    return asked


def test_the_board_pack_renders_with_nothing_looked_up_outside(con, recorder, no_lookups):
    pack = board_pack.gather(con, "cohort-2", today=date(2026, 1, 31))
    images = board_pack.render_png([figure for _, figure in pack.figures])
    assert len(images) == len(pack.figures) >= 3
    assert all(image.startswith(b"\x89PNG") for image in images)
    assert board_pack.draw(pack, images).startswith(b"%PDF")
    # What chromium asked for went to the proxy we gave it, none of it for the charts (no CDN:
    # no MathJax from cdnjs, no plotly.js from cdn.plot.ly); chromium's own background fetches
    # (a start page, Google's services) go there too, and with the real setting go nowhere.
    chart_hosts = ("cdnjs.cloudflare.com", "cdn.plot.ly", "mathjax", "fonts.g")
    assert not [r for r in recorder.requests if any(h in r for h in chart_hosts)]
    assert no_lookups == []


def test_chromiums_own_proxy_is_a_loopback_port_nothing_answers():
    host, port = board_pack.CHROMIUM_PROXY.removeprefix("http://").split(":")
    assert host == "127.0.0.1"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=2).close()
