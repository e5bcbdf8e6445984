"""The fan-out client and the kill switch go through the environment's proxies (and an explicit one) as httpx's own
clients do, and answer to a test suite's mocks (respx, by default and ``using="httpx"``, and pytest-httpx) without
a byte reaching the network; the sync client, which uses httpx's own transport, behaves the same."""

from __future__ import annotations

import http.server
import json
import selectors
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import clear_street
import httpx
import pytest
import respx
from clear_street import AsyncFanOutTransport, async_http_client
from conftest import example
from pytest_httpx import HTTPXMock
from test_pool import certificate  # noqa: F401  the self-signed certificate fixture

OK = example("cancel_open_order", "200")
ALL = example("cancel_all_open_orders", "200")
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
TIMEOUT = httpx.Timeout(10.0)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROXY_VARIABLES, "SSL_CERT_FILE", "SSL_CERT_DIR", "CLEAR_STREET_API_KEY", "CLEAR_STREET_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


class _Answer(http.server.BaseHTTPRequestHandler):
    """The orders API, as far as these tests need it: a cancel echoes ``OK``, a cancel-all ``ALL``."""

    protocol_version = "HTTP/1.1"
    server: Origin

    def setup(self) -> None:
        super().setup()
        with self.server.lock:
            self.server.peers.append(self.client_address[1])

    def do_DELETE(self) -> None:
        self.server.paths.append(self.path)
        body = json.dumps(OK if self.path.count("/") == 5 else ALL).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Origin(http.server.ThreadingHTTPServer):
    """A loopback origin, over TLS when given a context, noting the port each connection came from."""

    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Answer)
        self.lock = threading.Lock()
        self.peers: list[int] = []
        self.paths: list[str] = []
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.server_address[1]}"


class _Forward(socketserver.StreamRequestHandler):
    """A forward proxy: CONNECT opens a tunnel; a request in absolute form is sent on to its origin."""

    rbufsize = 0  # what follows the request's head stays in the socket, for the pipe
    server: Proxy

    def handle(self) -> None:
        head = b""
        while not head.endswith(b"\r\n\r\n") and (line := self.rfile.readline()):
            head += line
        request_line, *headers = head.decode("latin-1").split("\r\n")
        self.server.seen.append(request_line)
        method, target, version = request_line.split(" ")
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            self.server.upstreams.append(upstream.getsockname()[1])
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            url = urlsplit(target)
            upstream = socket.create_connection((url.hostname, url.port))
            self.server.upstreams.append(upstream.getsockname()[1])
            kept = [h for h in headers if h and not h.lower().startswith(("connection:", "proxy-"))]
            origin_form = url.path + (f"?{url.query}" if url.query else "")
            upstream.sendall("\r\n".join([f"{method} {origin_form} {version}", *kept, "Connection: close", "", ""])
                             .encode("latin-1"))  # fmt: skip
        with upstream:
            _pipe(self.connection, upstream)


def _pipe(one: socket.socket, other: socket.socket) -> None:
    with selectors.DefaultSelector() as selector:
        selector.register(one, selectors.EVENT_READ, other)
        selector.register(other, selectors.EVENT_READ, one)
        while ready := selector.select(timeout=10):
            for key, _ in ready:
                data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                if not data:
                    return
                key.data.sendall(data)


class Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Forward)
        self.seen: list[str] = []
        self.upstreams: list[int] = []  # the local port of each connection it made to an origin
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


def _all_through(proxy: Proxy, origin: Origin) -> bool:
    """Whether every connection the origin saw came from the proxy."""
    return bool(origin.peers) and set(origin.peers) <= set(proxy.upstreams)


def _running(server: socketserver.BaseServer) -> Iterator[Any]:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture
def origin() -> Iterator[Origin]:
    yield from _running(Origin())


@pytest.fixture
def tls_origin(certificate: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Origin]:  # noqa: F811
    """An https origin whose certificate the clients trust through ``SSL_CERT_FILE`` (httpx's ``trust_env``)."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    yield from _running(Origin(context))


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    yield from _running(Proxy())


async def _every_client(base_url: str, http_client: httpx.AsyncClient | None = None) -> None:
    """One cancel through each: ``AsyncClearStreet``, ``cancel_all_accounts`` (two accounts), ``ClearStreet``."""
    async with clear_street.AsyncClearStreet(api_key="k", base_url=base_url, http_client=http_client) as client:
        assert (await client.v1.orders.cancel_open_order("o-1", account_id=1)).data.id == OK["data"]["id"]
        own = {"client": client} if http_client else {"base_url": base_url, "api_key": "k"}  # else the run makes one
        report = await clear_street.cancel_all_accounts([2, 3], **own)
    assert [outcome.outcome for outcome in report.outcomes] == [clear_street.Outcome.DONE] * 2
    if http_client is None:
        with clear_street.ClearStreet(api_key="k", base_url=base_url) as sync:
            assert sync.v1.orders.cancel_open_order("o-4", account_id=4).data.id == OK["data"]["id"]


# --- proxies -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
async def test_an_http_origin_goes_through_the_environments_proxy(
    origin: Origin, proxy: Proxy, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    await _every_client(origin.url)
    paths = ["/v1/accounts/1/orders/o-1", "/v1/accounts/2/orders", "/v1/accounts/3/orders", "/v1/accounts/4/orders/o-4"]
    assert sorted(proxy.seen) == sorted(f"DELETE {origin.url}{path} HTTP/1.1" for path in paths)
    assert sorted(origin.paths) == sorted(paths)
    assert _all_through(proxy, origin)


async def test_an_https_origin_is_reached_through_a_connect_tunnel(
    tls_origin: Origin, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    await _every_client(tls_origin.url)
    assert proxy.seen
    assert set(proxy.seen) == {f"CONNECT {tls_origin.url.removeprefix('https://')} HTTP/1.1"}
    assert len(tls_origin.paths) == 4
    assert _all_through(proxy, tls_origin)


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "localhost,127.0.0.1", "*"])
async def test_no_proxy_bypasses_the_proxy_through_the_fan_out_pool(
    origin: Origin, proxy: Proxy, monkeypatch: pytest.MonkeyPatch, no_proxy: str
) -> None:
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    await _every_client(origin.url)
    http = async_http_client(2, TIMEOUT)
    async with http:
        assert isinstance(http._transport_for_url(httpx.URL(origin.url)), AsyncFanOutTransport)
        await _every_client(origin.url, http)
    assert (proxy.seen, proxy.upstreams) == ([], [])
    assert len(origin.paths) == 7


async def test_trust_env_false_ignores_the_environments_proxy(
    origin: Origin, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    async with async_http_client(2, TIMEOUT, trust_env=False) as http:
        await _every_client(origin.url, http)
    assert (proxy.seen, proxy.upstreams) == ([], [])
    assert len(origin.paths) == 3


async def test_an_explicit_proxy_is_used_whatever_the_environment_says(
    origin: Origin, proxy: Proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "*")
    async with async_http_client(2, TIMEOUT, proxy=proxy.url) as http:
        await _every_client(origin.url, http)
    async with httpx.AsyncClient(transport=AsyncFanOutTransport(proxy=proxy.url)) as http:
        await _every_client(origin.url, http)
    assert len(proxy.seen) == len(origin.paths) == 6
    assert _all_through(proxy, origin)


async def test_an_explicit_proxy_tunnels_https(tls_origin: Origin, proxy: Proxy) -> None:
    async with async_http_client(2, TIMEOUT, proxy=httpx.Proxy(proxy.url)) as http:
        await _every_client(tls_origin.url, http)
    assert set(proxy.seen) == {f"CONNECT {tls_origin.url.removeprefix('https://')} HTTP/1.1"}
    assert len(tls_origin.paths) == 3
    assert _all_through(proxy, tls_origin)


# --- mocks ---------------------------------------------------------------------------------------------------------


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=OK if request.url.path.count("/") == 5 else ALL)


@pytest.mark.parametrize("using", ["httpcore", "httpx"])
async def test_respx_answers_every_client_and_nothing_reaches_the_server(origin: Origin, using: str) -> None:
    with respx.mock(base_url=origin.url, using=using) as router:
        route = router.route().mock(side_effect=_answer)
        await _every_client(origin.url)
        async with async_http_client(2, TIMEOUT) as http:
            await _every_client(origin.url, http)
    assert route.call_count == 7
    assert origin.peers == []


async def test_pytest_httpx_answers_every_client_and_nothing_reaches_the_server(
    origin: Origin, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_callback(_answer, is_reusable=True)
    await _every_client(origin.url)
    async with async_http_client(2, TIMEOUT) as http:
        await _every_client(origin.url, http)
    assert len(httpx_mock.get_requests()) == 7
    assert origin.peers == []


async def test_a_mock_of_a_proxied_origin_answers_too(origin: Origin, proxy: Proxy, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(_answer, is_reusable=True)
    async with async_http_client(2, TIMEOUT, proxy=proxy.url) as http:
        await _every_client(origin.url, http)
    assert (proxy.seen, origin.peers) == ([], [])


async def test_once_the_mock_ends_the_fan_out_pool_carries_the_requests_again(origin: Origin) -> None:
    async with clear_street.AsyncClearStreet(api_key="k", base_url=origin.url) as client:
        transport = client._http._transport
        assert isinstance(transport, AsyncFanOutTransport)
        with respx.mock(base_url=origin.url) as router:
            router.route().mock(side_effect=_answer)
            await client.v1.orders.cancel_open_order("o-1", account_id=1)
        mocked = transport._mocked
        assert mocked is not None  # the plain transport the mock was handed
        await client.v1.orders.cancel_open_order("o-2", account_id=1)
        assert transport._mocked is mocked
        assert mocked._pool.connections == []  # the fan-out pool carried it
    assert (len(origin.peers), origin.paths) == (1, ["/v1/accounts/1/orders/o-2"])


def test_imported_while_a_mock_is_active_the_fast_path_returns_once_it_ends() -> None:
    script = """if True:
        import respx
        with respx.mock:
            from clear_street import _routing
            assert _routing.replaced()
        assert _routing.replaced()  # the originals taken now
        assert not _routing.replaced()
    """
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
