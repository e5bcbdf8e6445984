"""The fan-out pool (``clear_street._pool``) against real loopback servers, under asyncio and trio: answers match
requests, a connection serves one request at a time, limits hold, connections are reused and expire, a cancelled
request leaks nothing, and a connection dropped after the request was sent fails as "after sending"."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import anyio
import clear_street
import httpcore
import httpx
import loopback  # scripts/, on the path through conftest
import pytest
from clear_street._network import running_asyncio
from clear_street._pool import AsyncFanOutTransport, FanOutPool, async_http_client
from faultserver import serving

TIMEOUT = httpx.Timeout(5.0, pool=5.0)
DROP_ACCOUNT, HANG_ACCOUNT = 666, 999


class Server:
    """A threaded HTTP/1.1 server on 127.0.0.1 that records what each connection saw. Paths: ``.../slow`` answers
    after 50 ms; ``.../bye`` answers, then closes the idle connection; account 666 reads the request and drops the
    connection; account 999 and ``/hang`` read it and never answer; anything else answers at once. Every answer
    says which request and connection it was for."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.listener.settimeout(0.2)
        self.tls = tls
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.pipelined = 0  # a second request arrived on a connection before the first was answered
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            with self.lock:
                self.connections += 1
                self.open += 1
                self.most_open = max(self.most_open, self.open)
                number = self.connections
            threading.Thread(target=self.serve, args=(conn, number), daemon=True).start()

    def serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(10)
        buffer = b""
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            while not self.stopping.is_set():
                while b"\r\n\r\n" not in buffer:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                path = head.split(b" ")[1].decode()
                if f"/accounts/{DROP_ACCOUNT}/" in path:
                    return  # the request was read: drop the connection unanswered
                if f"/accounts/{HANG_ACCOUNT}/" in path or path.startswith("/hang"):
                    self.stopping.wait(10)
                    return
                if path.endswith("/slow"):
                    time.sleep(0.05)
                if buffer:
                    with self.lock:
                        self.pipelined += 1
                body = json.dumps({"path": path, "connection": number}).encode()
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(body), body))  # fmt: skip
                if path.endswith("/bye"):
                    return
        except OSError:
            return
        finally:
            conn.close()
            with self.lock:
                self.open -= 1

    async def wait_closed(self, seconds: float = 5.0) -> int:
        """The connections still open once they have closed, or ``seconds`` passed."""
        with anyio.move_on_after(seconds):
            while self.open:
                await anyio.sleep(0.01)
        return self.open

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


def pool_of(client: httpx.AsyncClient) -> FanOutPool[Any]:
    """The pool serving this task's event-loop library: our connections' under asyncio, httpcore's under trio."""
    transport = client._transport
    assert isinstance(transport, AsyncFanOutTransport)
    pool = transport._asyncio if running_asyncio() else transport._pool
    assert isinstance(pool, FanOutPool)
    return pool


async def get(client: httpx.AsyncClient, url: str) -> dict[str, object]:
    response = await client.get(url)
    assert response.status_code == 200
    return dict(response.json())


async def fan_out(server: Server, max_connections: int, requests: int, concurrency: int) -> None:
    async with async_http_client(max_connections, TIMEOUT) as client:
        limiter = anyio.CapacityLimiter(concurrency)
        answers: dict[int, dict[str, object]] = {}

        async def one(i: int) -> None:
            async with limiter:
                answers[i] = await get(client, f"{server.url}/r/{i}/slow" if i % 3 == 0 else f"{server.url}/r/{i}")

        async with anyio.create_task_group() as group:
            for i in range(requests):
                group.start_soon(one, i)
        assert all(answers[i]["path"].startswith(f"/r/{i}") for i in range(requests))  # type: ignore[union-attr]
        pool = pool_of(client)
        assert len(pool._connections) <= max_connections
        assert not pool._waiters
    assert server.pipelined == 0, "a request was handed to a connection still busy with another"
    assert server.most_open <= max_connections
    assert server.connections <= max_connections, "connections were opened beyond the limit instead of reused"
    assert await server.wait_closed() == 0


async def test_every_answer_matches_its_request_and_a_connection_serves_one_request_at_a_time(server: Server) -> None:
    await fan_out(server, max_connections=8, requests=300, concurrency=40)


def test_the_same_under_trio(server: Server) -> None:
    import trio

    trio.run(fan_out, server, 8, 200, 40)


async def test_a_pool_sized_to_the_concurrency_opens_that_many_connections_and_no_more(server: Server) -> None:
    await fan_out(server, max_connections=150, requests=450, concurrency=150)
    assert server.most_open > 100, "the pool stopped at httpx's 100"


async def test_sequential_requests_reuse_one_kept_alive_connection(server: Server) -> None:
    async with async_http_client(4, TIMEOUT) as client:
        seen = {(await get(client, f"{server.url}/r/{i}"))["connection"] for i in range(30)}
    assert seen == {1}
    assert server.connections == 1


async def test_a_connection_the_server_closed_while_idle_is_not_used_again(server: Server) -> None:
    async with async_http_client(4, TIMEOUT) as client:
        first = await get(client, f"{server.url}/r/1/bye")
        await anyio.sleep(0.1)  # the server's close reaches us
        second = await get(client, f"{server.url}/r/2")
    assert first["connection"] != second["connection"]


async def test_an_idle_connection_past_its_keep_alive_expiry_is_replaced(server: Server) -> None:
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=0.1)
    async with httpx.AsyncClient(timeout=TIMEOUT, transport=AsyncFanOutTransport(limits=limits)) as client:
        first = await get(client, f"{server.url}/r/1")
        await anyio.sleep(0.3)
        second = await get(client, f"{server.url}/r/2")
    assert first["connection"] != second["connection"]
    assert await server.wait_closed() == 0


async def test_a_request_beyond_the_limit_waits_and_times_out_as_a_pool_timeout(server: Server) -> None:
    async with async_http_client(2, httpx.Timeout(5.0, pool=0.2)) as client:
        async with anyio.create_task_group() as group:
            for _ in range(2):
                group.start_soon(client.get, f"{server.url}/hang")
            await anyio.sleep(0.2)
            with pytest.raises(httpx.PoolTimeout):
                await client.get(f"{server.url}/r/1")
            group.cancel_scope.cancel()
        assert server.connections == 2
        assert (await get(client, f"{server.url}/r/2"))["path"] == "/r/2"  # the cancelled requests left places


async def test_a_cancelled_request_leaks_no_place_and_poisons_no_connection(server: Server) -> None:
    async with async_http_client(1, TIMEOUT) as client:
        with anyio.move_on_after(0.2):
            await client.get(f"{server.url}/hang")  # sent, then cancelled while waiting for the answer
        with anyio.move_on_after(0.2):
            async with anyio.create_task_group() as group:  # one holds the only connection, one waits for it
                group.start_soon(client.get, f"{server.url}/hang")
                group.start_soon(client.get, f"{server.url}/r/0")
        pool = pool_of(client)
        assert (pool._places, len(pool._connections), len(pool._waiters)) == (0, 0, 0)
        answers = [await get(client, f"{server.url}/r/{i}") for i in range(3)]
    assert [answer["path"] for answer in answers] == ["/r/0", "/r/1", "/r/2"]
    assert len({answer["connection"] for answer in answers}) == 1


async def test_a_request_cancelled_while_waiting_for_a_connection_leaves_the_queue(server: Server) -> None:
    async with async_http_client(1, TIMEOUT) as client:
        results: list[str] = []
        waiting = anyio.CancelScope()

        async def request(path: str, scope: anyio.CancelScope | None = None) -> None:
            with scope or anyio.CancelScope():
                results.append(str((await get(client, f"{server.url}{path}"))["path"]))

        async with anyio.create_task_group() as group:
            group.start_soon(request, "/r/1/slow")  # holds the only connection for 50 ms
            await anyio.sleep(0.01)
            group.start_soon(request, "/never", waiting)
            await anyio.sleep(0.01)
            group.start_soon(request, "/r/3")
            await anyio.sleep(0.01)
            assert len(pool_of(client)._waiters) == 2
            waiting.cancel()
        assert results == ["/r/1/slow", "/r/3"]
    assert server.connections == 1


async def test_requests_to_two_origins_share_the_limit(server: Server) -> None:
    other = Server()
    try:
        async with async_http_client(1, TIMEOUT) as client:
            for i in range(6):
                url = server.url if i % 2 else other.url
                assert (await get(client, f"{url}/r/{i}"))["path"] == f"/r/{i}"
                assert len(pool_of(client)._connections) == 1  # the other origin's idle one was closed
        assert (server.connections, other.connections) == (3, 3)
    finally:
        other.stop()


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_a_connection_dropped_after_the_request_was_sent_fails_as_after_sending(server: Server, backend: str) -> None:
    """What lets the client say the cancel may have taken effect: never ConnectError or ConnectTimeout."""

    async def main() -> tuple[BaseException, BaseException]:
        async with async_http_client(4, TIMEOUT) as client:
            with pytest.raises(httpx.HTTPError) as dropped:
                await client.delete(f"{server.url}/v1/accounts/{DROP_ACCOUNT}/orders")
        async with async_http_client(4, httpx.Timeout(5.0, read=0.2)) as client:
            with pytest.raises(httpx.HTTPError) as slow:
                await client.delete(f"{server.url}/v1/accounts/{HANG_ACCOUNT}/orders")
        return dropped.value, slow.value

    dropped, slow = anyio.run(main, backend=backend)
    assert isinstance(dropped, httpx.ReadError | httpx.RemoteProtocolError), repr(dropped)
    assert isinstance(slow, httpx.ReadTimeout), repr(slow)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_the_client_says_a_dropped_cancel_may_have_taken_effect(server: Server, backend: str) -> None:
    async def main() -> clear_street.APIConnectionError:
        async with clear_street.AsyncClearStreet(api_key="k", base_url=server.url, max_retries=1) as client:
            pool_of(client._http)  # the default pool is the fan-out pool
            with pytest.raises(clear_street.APIConnectionError) as raised:
                await client.v1.orders.cancel_all_open_orders(DROP_ACCOUNT)
            return raised.value

    error = anyio.run(main, backend=backend)
    assert "may already have taken effect" in str(error)
    assert isinstance(error.earlier_attempt, clear_street.APIConnectionError)
    assert server.connections == 2


async def test_the_default_async_client_fans_out_on_this_pool_and_a_callers_client_is_left_alone(
    server: Server,
) -> None:
    with loopback.serving() as api:
        async with clear_street.AsyncClearStreet(api_key="k", base_url=api.url) as ours:
            assert pool_of(ours._http)._max_connections == 100
            calls = (ours.v1.orders.cancel_open_order(f"o-{i}", account_id=1) for i in range(150))
            assert [answer.data.id for answer in await asyncio.gather(*calls)] == [f"o-{i}" for i in range(150)]
        assert api.stats()["connections"] == 100 + 1  # and the one asking for the stats
    own = httpx.AsyncClient()
    async with clear_street.AsyncClearStreet(api_key="k", base_url=server.url, http_client=own):
        assert type(own._transport) is httpx.AsyncHTTPTransport
        assert isinstance(own._transport._pool, httpcore.AsyncConnectionPool)
    assert not own.is_closed
    await own.aclose()
    assert await server.wait_closed() == 0


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, made by openssl: (certificate, key) paths."""
    directory = tmp_path_factory.mktemp("tls")
    cert, key = str(directory / "cert.pem"), str(directory / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
                    "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    return cert, key


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_https_through_the_pool_verifies_the_certificate_and_keeps_the_connection(
    certificate: tuple[str, str], backend: str
) -> None:
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = Server(tls=context)

    async def main() -> tuple[set[object], BaseException]:  # an untrusted certificate: ConnectError
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        trusted = AsyncFanOutTransport(verify=ssl.create_default_context(cafile=cert), limits=limits)
        async with httpx.AsyncClient(timeout=TIMEOUT, transport=trusted) as client:
            seen = {(await get(client, f"{server.url}/r/{i}"))["connection"] for i in range(5)}
        async with async_http_client(4, TIMEOUT) as untrusting:  # the system's roots only
            with pytest.raises(httpx.ConnectError) as refused:
                await untrusting.get(f"{server.url}/r/0")
        return seen, refused.value

    try:
        seen, refused = anyio.run(main, backend=backend)
    finally:
        server.stop()
    assert seen == {1}
    assert isinstance(refused, httpx.ConnectError)  # before sending: nothing can have taken effect


def test_http2_and_proxies_keep_httpcores_own_pool() -> None:
    assert isinstance(AsyncFanOutTransport(http2=True)._pool, httpcore.AsyncConnectionPool)
    assert isinstance(AsyncFanOutTransport(proxy="http://127.0.0.1:9")._pool, httpcore.AsyncHTTPProxy)
    assert isinstance(AsyncFanOutTransport()._pool, FanOutPool)


@pytest.mark.parametrize("size", [0, -1, 1.5, True, None])
def test_a_pool_size_that_is_not_a_positive_int_is_refused(size: object) -> None:
    with pytest.raises(ValueError, match="max_connections"):
        async_http_client(size, TIMEOUT)  # type: ignore[arg-type]


def test_an_ended_event_loops_sockets_are_closed_when_the_client_moves_to_the_next() -> None:
    """Each ``asyncio.run`` ends its loop with the pool's connection open: the next loop closes it, not the cyclic
    collector (disabled here, so that it cannot be what closed them)."""

    def sockets() -> int:
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            with suppress(FileNotFoundError):  # the listing's own descriptor, closed since
                count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        return count

    async def cancel(client: clear_street.AsyncClearStreet) -> None:
        assert (await client.v1.orders.cancel_all_open_orders(1)).data

    with serving() as server:
        before = sockets()
        client = clear_street.AsyncClearStreet(api_key="k", base_url=server.url)
        gc.disable()
        try:
            for _ in range(10):
                asyncio.run(cancel(client))
                assert sockets() <= before + 1  # this loop's connection, the one before closed
            asyncio.run(client.close())
            assert sockets() == before
        finally:
            gc.enable()
