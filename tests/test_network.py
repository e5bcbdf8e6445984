"""The fan-out pool's own HTTP/1.1 connections (``clear_street._network``) against loopback servers scripted per
test: every framing of a response, connections kept or not kept, servers that drop, reset, hang or speak broken
HTTP, bodies streamed both ways, TLS, cancellation, and the trace the kill switch relies on. Failures must be
httpx's exceptions as its own transport raises them, and the client must say when a cancel may have taken effect.

Each server runs in the test's own event loop (``asyncio.start_server`` on 127.0.0.1), one task per connection
running the test's script; every wait on either side is bounded by ``WAIT``."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import struct
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager, nullcontext
from types import TracebackType
from typing import Any, NamedTuple

import anyio
import clear_street
import httpx
import pytest
from clear_street._network import MAX_HEAD, READ_AHEAD, Connection
from clear_street._pool import AsyncFanOutTransport, FanOutPool, async_http_client
from conftest import example
from test_pool import certificate  # noqa: F401  the self-signed certificate fixture

WAIT = 5.0
"""Seconds any wait on a socket may take, in the servers and in the clients."""
TIMEOUT = httpx.Timeout(WAIT)
SHORT = httpx.Timeout(WAIT, read=0.2)
MAX_READ = 256 * 1024
"""The most asyncio's socket transport hands over in one ``data_received``."""
MB = 1 << 20
CANCEL_ALL = "/v1/accounts/1/orders"


class Received(NamedTuple):
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class Peer:
    """The server's side of one connection: what it received and sent, and helpers to read requests and answer."""

    def __init__(self, number: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.number, self.reader, self.writer = number, reader, writer
        self.received = bytearray()
        self.sent = 0
        self.client_closed: bool | None = None  # set by ``until_closed``
        self.done = asyncio.Event()  # the script returned, the connection is closed
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def request(self) -> Received | None:
        """The next request, its body read by its framing; ``None`` if the client closed the connection first."""
        try:
            async with asyncio.timeout(WAIT):
                head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            self.received += exc.partial
            if exc.partial:
                raise
            return None
        self.received += head
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])
                   if name}  # fmt: skip
        body = b""
        if "content-length" in headers:
            body = await self._exactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await self._line()).split(b";")[0], 16):
                body += (await self._exactly(size + 2))[:-2]
            await self._line()  # no trailers: the blank line
        return Received(method, target, headers, body)

    async def _exactly(self, count: int) -> bytes:
        try:
            async with asyncio.timeout(WAIT):
                data = await self.reader.readexactly(count)
        except asyncio.IncompleteReadError as exc:
            self.received += exc.partial
            raise
        self.received += data
        return data

    async def _line(self) -> bytes:
        async with asyncio.timeout(WAIT):
            line = await self.reader.readuntil(b"\r\n")
        self.received += line
        return line

    async def send(self, *parts: bytes, pause: float = 0.0) -> None:
        """Each part written and flushed, ``pause`` seconds apart (with TCP_NODELAY: in separate segments)."""
        for part in parts:
            self.writer.write(part)
            async with asyncio.timeout(WAIT):
                await self.writer.drain()
            self.sent += len(part)
            if pause:
                await asyncio.sleep(pause)

    async def until_closed(self, seconds: float = WAIT) -> None:
        """Read (and keep) whatever comes until the client closes the connection, for up to ``seconds``."""
        try:
            async with asyncio.timeout(seconds):
                while data := await self.reader.read(65536):
                    self.received += data
            self.client_closed = True
        except ConnectionError:
            self.client_closed = True
        except TimeoutError:
            self.client_closed = False

    def reset(self) -> None:
        """Close with a TCP reset (SO_LINGER 0) rather than a FIN."""
        self.writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


Script = Callable[[Peer], Awaitable[None]]


class Server:
    """A loopback server whose every connection runs ``script``; the connection is closed when it returns. A script
    that fails (other than on a connection the client dropped) fails the test."""

    def __init__(self, script: Script, tls: ssl.SSLContext | None = None) -> None:
        self.script, self.tls = script, tls
        self.peers: list[Peer] = []
        self.errors: list[BaseException] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self.url = ""

    async def __aenter__(self) -> Server:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"{'https' if self.tls else 'http'}://127.0.0.1:{port}"
        return self

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        peer = Peer(len(self.peers) + 1, reader, writer)
        self.peers.append(peer)
        try:
            await self.script(peer)
        except (ConnectionError, asyncio.IncompleteReadError):
            peer.client_closed = True  # the client went away mid-script: what some tests make it do
        except asyncio.CancelledError:
            pass  # by ``__aexit__``: a script still waiting when the test ended
        except Exception as exc:
            self.errors.append(exc)
        finally:
            writer.transport.abort()
            self._tasks.discard(task)
            peer.done.set()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:  # fmt: skip
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=WAIT)
        if exc is None:
            assert not self.errors, self.errors

    async def finished(self, number: int) -> Peer:
        """Connection ``number`` (from 1) once its script has returned and it is closed."""
        await eventually(lambda: len(self.peers) >= number)
        async with asyncio.timeout(WAIT):
            await self.peers[number - 1].done.wait()
        return self.peers[number - 1]


def answer(body: bytes = b"", status: bytes = b"200 OK", *headers: bytes, version: bytes = b"1.1") -> bytes:
    fields = b"".join(header + b"\r\n" for header in headers)
    return b"HTTP/%s %s\r\n%sContent-Length: %d\r\n\r\n%s" % (version, status, fields, len(body), body)


def who(peer: Peer, request: Received) -> bytes:
    """An answer saying which connection served which request."""
    return answer(b"%d %s" % (peer.number, request.target.encode()))


def answering(respond: Callable[[Peer, Received], bytes] = who) -> Script:
    """A script answering every request on its connection with ``respond``'s bytes."""

    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            await peer.send(respond(peer, request))

    return script


async def served_by(client: httpx.AsyncClient, url: str) -> int:
    """The number of the connection that answered a GET of ``url`` (through ``who``)."""
    response = await client.get(url)
    assert response.status_code == 200, response
    number, target = response.text.split(" ")
    assert url.endswith(target)
    return int(number)


async def eventually(predicate: Callable[[], bool], seconds: float = WAIT) -> None:
    async with asyncio.timeout(seconds):
        while not predicate():
            await asyncio.sleep(0.01)


def pool_of(client: httpx.AsyncClient) -> FanOutPool[Connection]:
    transport = client._transport
    assert isinstance(transport, AsyncFanOutTransport)
    assert transport._asyncio is not None
    return transport._asyncio


def the_connection(client: httpx.AsyncClient) -> Connection:
    (connection,) = pool_of(client)._connections
    return connection


def api(http: httpx.AsyncClient, server: Server, **options: Any) -> clear_street.AsyncClearStreet:
    """The client over ``http`` (left open by it): no retries unless asked."""
    options.setdefault("max_retries", 0)
    return clear_street.AsyncClearStreet(api_key="k", base_url=server.url, http_client=http, **options)


def recording() -> tuple[list[str], Callable[[str, dict[str, Any]], Awaitable[None]]]:
    """A ``trace`` extension that records the events' names, and their list."""
    events: list[str] = []

    async def trace(name: str, info: dict[str, Any]) -> None:
        events.append(name)

    return events, trace


@contextmanager
def not_accepting() -> Iterator[tuple[str, int]]:
    """The address of a loopback listener that never accepts, its queue full: a connect to it hangs."""
    with socket.create_server(("127.0.0.1", 0), backlog=0) as listener:
        address = listener.getsockname()
        queued = [socket.socket() for _ in range(4)]
        for sock in queued:
            sock.setblocking(False)
            sock.connect_ex(address)
        try:
            yield address
        finally:
            for sock in queued:
                sock.close()


def refused_url() -> str:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- framing of a response -----------------------------------------------------------------------------------------


async def test_content_length_bodies_come_whole_and_the_connection_serves_the_next_request() -> None:
    body = bytes(range(256)) * 300 + b"\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"  # what follows a head, inside a body

    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            whole = answer(body, b"200 OK", b"X-Target: " + request.target.encode())
            await peer.send(whole[:7], whole[7:40], whole[40:5000], whole[5000:], pause=0.002)

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        for i in range(3):
            response = await client.get(f"{server.url}/r/{i}")
            assert (response.status_code, response.headers["x-target"], response.content) == (200, f"/r/{i}", body)
            assert response.extensions["http_version"] == b"HTTP/1.1"
            assert response.extensions["reason_phrase"] == b"OK"
        assert len(server.peers) == 1


CHUNKED = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n1\r\n,\r\n"
           b"00006  \r\n world\r\n0\r\nX-Trailer: one\r\nX-Other: two\r\n\r\n")  # fmt: skip


@pytest.mark.parametrize(
    "split",
    [
        pytest.param(lambda data: [data], id="whole"),
        pytest.param(lambda data: [data[i : i + 1] for i in range(len(data))], id="byte-by-byte"),
        pytest.param(lambda data: data.replace(b"\r", b"\r\x00").split(b"\x00"), id="between-cr-and-lf"),
        pytest.param(
            lambda data: [
                data[: data.index(b"\r\n\r\n") + 2],
                data[data.index(b"\r\n\r\n") + 2 : -3],
                data[-3:-1],
                data[-1:],
            ],
            id="in-the-trailers",
        ),
    ],
)
async def test_a_chunked_body_split_anywhere_is_read_whole_trailers_and_all(
    split: Callable[[bytes], list[bytes]],
) -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target == "/chunked":
                await peer.send(*split(CHUNKED), pause=0.001)
            else:
                await peer.send(who(peer, request))

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        response = await client.get(f"{server.url}/chunked")
        assert (response.status_code, response.content) == (200, b"hello, world")
        assert await served_by(client, f"{server.url}/next") == 1, "the trailers were not read to their end"


@pytest.mark.parametrize("status_line", [b"HTTP/1.1 200 OK", b"HTTP/1.0 200 OK"])
async def test_a_body_without_length_ends_with_the_connection_and_the_next_request_opens_another(
    status_line: bytes,
) -> None:
    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        if request.target == "/until-close":
            await peer.send(
                status_line + b"\r\nContent-Type: text/plain\r\n\r\n", b"read until ", b"the end", pause=0.01
            )
        else:
            await peer.send(who(peer, request))
            await peer.until_closed()

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        response = await client.get(f"{server.url}/until-close")
        assert response.content == b"read until the end"
        assert await served_by(client, f"{server.url}/next") == 2
        assert pool_of(client)._places == 1


async def test_interim_answers_before_the_final_one_are_skipped() -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            final = who(peer, request)
            await peer.send(b"HTTP/1.1 100 Continue\r\n\r\n", b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n",
                            b"\r\n" + final[:20], final[20:], pause=0.005)  # fmt: skip

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        response = await client.get(f"{server.url}/hinted")
        assert (response.status_code, response.text, "link" in response.headers) == (200, "1 /hinted", False)
        assert await served_by(client, f"{server.url}/next") == 1


async def test_204_304_and_head_answers_have_no_body_whatever_their_headers_say() -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target == "/204":
                await peer.send(b"HTTP/1.1 204 No Content\r\nX-Seen: 1\r\n\r\n")
            elif request.target == "/304":
                await peer.send(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n")
            elif request.method == "HEAD":
                await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
            else:
                await peer.send(who(peer, request))

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        for method, path, status in [("DELETE", "/204", 204), ("GET", "/304", 304), ("HEAD", "/head", 200)]:
            response = await client.request(method, f"{server.url}{path}")
            assert (response.status_code, response.content) == (status, b"")
            assert await served_by(client, f"{server.url}/after{path}") == 1, "the connection waited for a body"


@pytest.mark.parametrize(
    "final",
    [
        answer(b"closing", b"200 OK", b"Connection: close"),
        answer(b"closing", b"200 OK", version=b"1.0"),
        answer(b"closing", b"200 OK", b"Connection: keep-alive, Close"),
    ],
    ids=["connection-close", "http-1.0", "close-among-others"],
)
async def test_an_answer_that_closes_is_not_followed_by_another_request_on_its_connection(final: bytes) -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            await peer.send(final if request.target == "/last" else who(peer, request))
        peer.client_closed = True  # the connection ended from the client's side

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert await served_by(client, f"{server.url}/first") == 1
        response = await client.get(f"{server.url}/last")  # the server itself keeps the connection open
        assert response.content == b"closing"
        assert (await server.finished(1)).client_closed
        assert await served_by(client, f"{server.url}/next") == 2
        assert (await server.finished(1)).received.count(b"HTTP/1.1\r\n") == 2


async def test_a_request_that_says_connection_close_is_not_followed_by_another_on_its_connection() -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            await peer.send(who(peer, request))  # the server keeps the connection open all the same
        peer.client_closed = True

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        response = await client.get(f"{server.url}/last", headers={"Connection": "close"})
        assert response.text == "1 /last"
        assert (await server.finished(1)).client_closed
        assert await served_by(client, f"{server.url}/next") == 2


@pytest.mark.parametrize("pause", [0.0, 0.05], ids=["with-the-answer", "after-it"])
async def test_bytes_beyond_an_answer_keep_its_connection_from_being_reused(pause: float) -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            await peer.send(who(peer, request), b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno", pause=pause)

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert await served_by(client, f"{server.url}/r/1") == 1
        await asyncio.sleep(0.1)
        assert await served_by(client, f"{server.url}/r/2") == 2, "an answer to no request was read as the next one's"


async def test_an_answer_framed_both_by_chunks_and_a_length_is_read_chunked_and_its_connection_not_reused() -> None:
    both = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"

    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            await peer.send(both if request.target == "/both" else who(peer, request))
        peer.client_closed = True

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert (await client.get(f"{server.url}/both")).content == b"abc"
        assert (await server.finished(1)).client_closed
        assert await served_by(client, f"{server.url}/next") == 2


# --- connections the server ends -----------------------------------------------------------------------------------


@pytest.mark.parametrize("farewell", [b"", b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"],
                         ids=["fin", "408-then-fin"])  # fmt: skip
async def test_a_kept_alive_connection_the_server_closed_while_idle_is_replaced(farewell: bytes) -> None:
    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        await peer.send(who(peer, request))
        if request.target == "/bye":
            await asyncio.sleep(0.02)
            await peer.send(farewell)  # then the script ends: the server closes
        else:
            await peer.until_closed()

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert await served_by(client, f"{server.url}/bye") == 1
        await server.finished(1)
        await asyncio.sleep(0.05)  # the close reaches the client
        assert await served_by(client, f"{server.url}/next") == 2


async def test_a_server_that_closes_right_after_each_answer_without_saying_so_fails_no_request() -> None:
    """Its close is still unread in the socket when the next request picks the idle connection (httpx's own
    transport looks, too)."""

    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        await peer.send(who(peer, request))

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert [await served_by(client, f"{server.url}/r/{i}") for i in range(20)] == list(range(1, 21))


async def test_a_connection_handed_from_one_request_to_the_next_is_checked_as_an_idle_one_is() -> None:
    """Pool of 1, more requests than that, a server that closes after each answer without saying so: the connection
    a finished request hands to a waiting one is closed by then, and is replaced, not written to (a failure there
    would read as "may have taken effect" for a request that never left)."""
    cancelled = json.dumps(example("cancel_all_open_orders", "200")).encode()

    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        await peer.send(answer(cancelled) if request.target.startswith("/v1/") else who(peer, request))

    async with Server(script) as server, async_http_client(1, TIMEOUT) as http:
        numbers = await asyncio.gather(*(served_by(http, f"{server.url}/r/{i}") for i in range(16)))
        assert sorted(numbers) == list(range(1, 17))
        async with api(http, server, max_retries=2) as client:
            cancels = client.v1.orders.with_raw_response.cancel_all_open_orders
            responses = await asyncio.gather(*(cancels(account) for account in range(1, 9)))
        assert [(r.status_code, r.retries_taken, r.earlier_attempt) for r in responses] == [(200, 0, None)] * 8
        assert len(server.peers) == 16 + 8


async def test_a_request_waiting_when_the_pool_closes_fails_as_never_sent() -> None:
    async with Server(hanging_on("/hang")) as server:
        http = async_http_client(1, TIMEOUT)
        hung = asyncio.create_task(http.get(f"{server.url}/hang"))
        await eventually(lambda: bool(server.peers) and bool(server.peers[0].received))
        client = api(http, server)
        waiting = asyncio.create_task(client.v1.orders.cancel_all_open_orders(1))
        await eventually(lambda: len(pool_of(http)._waiters) == 1)
        await http.aclose()
        with pytest.raises(clear_street.APIConnectionError) as raised:
            await waiting
        with pytest.raises(httpx.TransportError):
            await hung
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert "pool was closed" in str(raised.value)
    assert raised.value.earlier_attempt is None
    assert "may already" not in str(raised.value)
    assert [bytes(peer.received).count(b"HTTP/1.1\r\n") for peer in server.peers] == [1]


async def test_a_body_that_ends_in_the_read_ahead_leaves_the_connection_reading_so_an_idle_close_is_seen() -> None:
    """The last of a body arrives as the read-ahead fills (reading paused) and is then taken: the idle connection
    must read again, or it would not see the server close it and the next request would go out on a dead one."""
    body = b"x" * (READ_AHEAD + 10)
    headed, more = asyncio.Event(), asyncio.Event()

    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        if request.target == "/large":
            whole = answer(body)
            await peer.send(whole[: -len(body)])  # the head alone: h11 is handed nothing of the body with it
            async with asyncio.timeout(WAIT):
                await headed.wait()
            await peer.send(whole[-len(body) : -10])
            async with asyncio.timeout(WAIT):
                await more.wait()
            await peer.send(whole[-10:])
            await asyncio.sleep(0.2)  # the client reads the body meanwhile; then the server closes the connection
        else:
            await peer.send(who(peer, request))
            await peer.until_closed()

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        async with client.stream("GET", f"{server.url}/large") as response:
            connection = the_connection(client)
            headed.set()
            await eventually(lambda: len(connection._buffer) == READ_AHEAD)
            more.set()
            await eventually(lambda: connection._reading_paused)
            assert len(connection._buffer) == len(body)
            assert await response.aread() == body
        assert connection.is_idle()
        await server.finished(1)
        await asyncio.sleep(0.05)
        assert await served_by(client, f"{server.url}/next") == 2


# --- failures after the request went out ---------------------------------------------------------------------------

DROPS = {
    "before-any-answer": b"",
    "mid-head": b"HTTP/1.1 200 OK\r\nContent-Ty",
    "mid-body": b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"data": [',
    "mid-chunk": b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"data"',
}


def dropping(partial: bytes, reset: bool = False) -> Script:
    """Reads the request, sends ``partial`` and ends the connection: closed, or reset."""

    async def script(peer: Peer) -> None:
        assert await peer.request() is not None
        await peer.send(partial)
        await asyncio.sleep(0.01)
        if reset:
            peer.reset()

    return script


@pytest.mark.parametrize("partial", DROPS.values(), ids=DROPS.keys())
async def test_a_connection_closed_after_the_request_was_read_is_a_remote_protocol_error(partial: bytes) -> None:
    async with Server(dropping(partial)) as server, async_http_client(4, TIMEOUT) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="disconnected|peer closed"):
            await client.delete(f"{server.url}{CANCEL_ALL}")
        assert not pool_of(client)._connections


@pytest.mark.parametrize("partial", DROPS.values(), ids=DROPS.keys())
async def test_a_connection_reset_after_the_request_was_read_is_a_read_error(partial: bytes) -> None:
    async with Server(dropping(partial, reset=True)) as server, async_http_client(4, TIMEOUT) as client:
        with pytest.raises(httpx.ReadError):
            await client.delete(f"{server.url}{CANCEL_ALL}")
        assert not pool_of(client)._connections


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
@pytest.mark.parametrize("partial", DROPS.values(), ids=DROPS.keys())
async def test_the_client_says_a_cancel_cut_off_after_sending_may_have_taken_effect(
    partial: bytes, reset: bool, sleeps: list[float]
) -> None:
    async with Server(dropping(partial, reset)) as server, async_http_client(4, TIMEOUT) as http:
        async with api(http, server, max_retries=1) as client:
            with pytest.raises(clear_street.APIConnectionError) as raised:
                await client.v1.orders.cancel_all_open_orders(1)
    error = raised.value
    expected = httpx.ReadError if reset else httpx.RemoteProtocolError
    assert type(error) is clear_street.APIConnectionError
    assert expected.__name__ in error.message
    assert isinstance(error.earlier_attempt, clear_street.APIConnectionError)
    assert isinstance(error.earlier_attempt.__cause__, expected)
    assert "may already have taken effect" in str(error)
    assert len(server.peers) == 2
    assert len(sleeps) == 1


async def test_a_server_that_never_answers_is_a_read_timeout_before_or_during_the_body(sleeps: list[float]) -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target.endswith("/mid-body"):
                await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
            await peer.until_closed()

    async with Server(script) as server, async_http_client(4, SHORT) as client:
        for path in ("/hang", "/hang/mid-body"):
            with pytest.raises(httpx.ReadTimeout):
                await client.get(f"{server.url}{path}")
        assert [(await server.finished(n)).client_closed for n in (1, 2)] == [True, True]
        async with api(client, server, max_retries=1, timeout=SHORT) as api_client:
            with pytest.raises(clear_street.APITimeoutError) as raised:
                await api_client.v1.orders.cancel_all_open_orders(1)
    assert "ReadTimeout" in raised.value.message
    assert isinstance(raised.value.earlier_attempt, clear_street.APITimeoutError)
    assert isinstance(raised.value.earlier_attempt.__cause__, httpx.ReadTimeout)
    assert "may already have taken effect" in str(raised.value)


@pytest.mark.parametrize(
    "malformed",
    [
        b"HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab",
        b"HTTP/1.1 200 OK\r\nBad Header\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nX-Large: " + b"x" * (2 * MAX_HEAD) + b"\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
    ],
    ids=["status-line", "chunk-footer", "two-lengths", "header-line", "chunk-size", "head-over-the-limit", "101"],
)
async def test_a_malformed_answer_is_a_remote_protocol_error_and_its_connection_is_dropped(malformed: bytes) -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target == "/malformed":
                await peer.send(malformed)
                await peer.until_closed()
                return
            await peer.send(who(peer, request))

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert await served_by(client, f"{server.url}/first") == 1
        with pytest.raises(httpx.RemoteProtocolError):  # a 101 refused even to a request that proposed the switch
            await client.get(f"{server.url}/malformed", headers={"Upgrade": "websocket", "Connection": "upgrade"})
        assert (await server.finished(1)).client_closed
        assert await served_by(client, f"{server.url}/next") == 2


# --- failures before anything was sent -----------------------------------------------------------------------------


async def test_a_refused_connect_is_a_connect_error_and_nothing_is_traced() -> None:
    events, trace = recording()
    async with async_http_client(4, TIMEOUT) as client:
        with pytest.raises(httpx.ConnectError):
            await client.delete(f"{refused_url()}{CANCEL_ALL}", extensions={"trace": trace})
        assert (events, pool_of(client)._places, len(pool_of(client)._connections)) == ([], 0, 0)


async def test_a_connect_that_is_not_accepted_in_time_is_a_connect_timeout_and_nothing_is_traced() -> None:
    events, trace = recording()
    with not_accepting() as address:
        async with async_http_client(4, httpx.Timeout(WAIT, connect=0.2)) as client:
            with pytest.raises(httpx.ConnectTimeout):
                await client.delete(f"http://127.0.0.1:{address[1]}{CANCEL_ALL}", extensions={"trace": trace})
            assert (events, pool_of(client)._places) == ([], 0)


async def test_a_host_whose_first_address_is_dead_connects_to_the_next_within_the_connect_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Happy Eyeballs: tried one after the other, the dead address would take the whole connect timeout."""
    with not_accepting() as dead:
        async with Server(answering()) as server:
            live = ("127.0.0.1", int(server.url.rsplit(":", 1)[1]))
            asked: list[str] = []

            async def getaddrinfo(host: str, port: int, **options: Any) -> list[Any]:
                asked.append(host)
                return [
                    (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address) for address in (dead, live)
                ]

            monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", getaddrinfo)
            async with async_http_client(4, httpx.Timeout(WAIT, connect=2.0)) as client:
                assert await served_by(client, f"http://two-addresses.test:{live[1]}/r") == 1
            assert asked == ["two-addresses.test"]


async def test_a_tls_handshake_the_server_never_answers_is_a_connect_timeout() -> None:
    events, trace = recording()

    async def silent(peer: Peer) -> None:
        await peer.until_closed()

    async with Server(silent) as server, async_http_client(4, httpx.Timeout(WAIT, connect=0.2)) as client:
        with pytest.raises(httpx.ConnectTimeout):
            await client.get(server.url.replace("http:", "https:"), extensions={"trace": trace})
        assert (await server.finished(1)).client_closed
        assert (events, pool_of(client)._places) == ([], 0)


async def test_a_header_value_with_cr_or_lf_is_refused_before_any_byte_is_written() -> None:
    async with Server(answering()) as server, async_http_client(4, TIMEOUT) as client:
        for value in ("a\r\nX-Injected: 1", "a\nb", "a\rb"):
            with pytest.raises(httpx.LocalProtocolError, match="header value"):
                await client.get(f"{server.url}/r", headers={"X-Note": value})
        async with api(client, server) as api_client:
            with pytest.raises(clear_street.APIConnectionError) as raised:
                await api_client.v1.orders.cancel_all_open_orders(1, extra_headers={"X-Note": "a\r\nX-Injected: 1"})
        assert isinstance(raised.value.__cause__, httpx.LocalProtocolError)
        assert raised.value.retries_taken == 0  # it would be refused again
        assert raised.value.earlier_attempt is None
        assert "may already" not in str(raised.value)
        assert sum(len(peer.received) for peer in server.peers) == 0
        assert await served_by(client, f"{server.url}/next") == 1  # no connection was wasted on them
        assert len(server.peers) == 1


async def test_a_content_length_the_body_does_not_keep_to_is_refused_before_anything_is_sent() -> None:
    async with Server(answering(echoing)) as server, async_http_client(4, TIMEOUT) as client:
        for content, declared, message in [(b"hello", "2", "Too much"), (b"hi", "5", "Too little")]:
            with pytest.raises(httpx.LocalProtocolError, match=message):
                await client.post(f"{server.url}/echo", content=content, headers={"Content-Length": declared})
        async with api(client, server) as api_client:  # a DELETE has no body: two bytes promised, none to send
            with pytest.raises(clear_street.APIConnectionError) as raised:
                await api_client.v1.orders.cancel_all_open_orders(1, extra_headers={"Content-Length": "2"})
        assert isinstance(raised.value.__cause__, httpx.LocalProtocolError)
        assert (raised.value.retries_taken, raised.value.earlier_attempt) == (0, None)
        assert "may already" not in str(raised.value)
        assert server.peers == []  # no connection was even opened


async def test_a_request_that_says_chunked_is_chunk_encoded_and_ended_even_with_no_body() -> None:
    async with Server(answering(echoing)) as server, async_http_client(4, TIMEOUT) as client:
        for content in (b"in memory", b""):
            response = await client.post(f"{server.url}/echo", content=content,
                                         headers={"Transfer-Encoding": "chunked"})  # fmt: skip
            head, _, body = response.content.partition(b"\n")
            assert (json.loads(head)["framing"], body) == ("chunked", content)
        received = server.peers[0].received
        assert b"Content-Length" not in received  # httpx's own, dropped: the body is framed by its chunks
        assert received.endswith(b"0\r\n\r\n")


# --- bodies both ways ----------------------------------------------------------------------------------------------

BIG = 32 * MB


async def stream_answer(peer: Peer, size: int) -> None:
    """An answer with a body of ``size`` bytes written a megabyte at a time, each flushed (``peer.sent`` counts)."""
    await peer.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % size)
    block = b" " * MB
    for _ in range(size // MB):
        await peer.send(block)
    await peer.until_closed()


def streaming(size: int) -> Script:
    """Reads a request and answers it with ``stream_answer``."""

    async def script(peer: Peer) -> None:
        assert await peer.request() is not None
        await stream_answer(peer, size)

    return script


async def test_a_large_body_streams_through_with_the_read_ahead_bounding_what_is_buffered() -> None:
    async with Server(streaming(BIG)) as server, async_http_client(4, TIMEOUT) as client:
        async with client.stream("GET", f"{server.url}/big") as response:
            connection = the_connection(client)
            await eventually(lambda: connection._reading_paused)
            await asyncio.sleep(0.2)
            stalled = server.peers[0].sent
            await asyncio.sleep(0.2)
            assert server.peers[0].sent == stalled < BIG, "the server was not held back"
            assert len(connection._buffer) <= READ_AHEAD + MAX_READ
            received, most = 0, 0
            async for chunk in response.aiter_raw():
                received += len(chunk)
                most = max(most, len(connection._buffer) + len(chunk))
        assert received == BIG
        assert most <= READ_AHEAD + MAX_READ
        assert connection.is_idle()


async def test_max_response_bytes_stops_a_large_body_and_drops_its_connection() -> None:
    async with Server(streaming(BIG)) as server, async_http_client(4, TIMEOUT) as http:
        async with api(http, server, max_response_bytes=MB) as client:
            with pytest.raises(clear_street.APIResponseValidationError, match="max_response_bytes"):
                await client.v1.orders.cancel_all_open_orders(1)
        peer = await server.finished(1)
        assert peer.client_closed
        assert peer.sent < BIG // 2
        assert not pool_of(http)._connections


async def test_a_body_left_unread_closes_its_connection_instead_of_reusing_it() -> None:
    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target == "/long":
                await peer.send(answer(b"y" * 4 * MB)[: 64 * 1024])
                await peer.until_closed()
                return
            await peer.send(who(peer, request))

    async with Server(script) as server, async_http_client(4, TIMEOUT) as client:
        assert await served_by(client, f"{server.url}/first") == 1
        async with client.stream("GET", f"{server.url}/long") as response:
            async for chunk in response.aiter_raw():
                assert chunk
                break
        assert (await server.finished(1)).client_closed
        assert await served_by(client, f"{server.url}/next") == 2


def echoing(peer: Peer, request: Received) -> bytes:
    framing = "chunked" if "transfer-encoding" in request.headers else request.headers.get("content-length")
    return answer(json.dumps({"method": request.method, "framing": framing}).encode() + b"\n" + request.body)


async def parts(*chunks: bytes) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk
        await asyncio.sleep(0)


async def test_request_bodies_arrive_exactly_in_memory_or_streamed_chunked() -> None:
    large = bytes(range(256)) * (16 * 1024)  # 4 MB: past the transport's write buffer, so sending waits for it
    async with Server(answering(echoing)) as server, async_http_client(4, TIMEOUT) as client:
        sent = [("POST", b"small", b"small", "5"), ("PUT", large, large, str(len(large))),
                ("POST", parts(b"ab", b"", b"c\r\n0\r\n\r\n", large), b"abc\r\n0\r\n\r\n" + large, "chunked"),
                ("PUT", parts(), b"", "chunked")]  # fmt: skip
        for method, content, expected, framing in sent:
            response = await client.request(method, f"{server.url}/echo", content=content)
            head, _, body = response.content.partition(b"\n")
            assert json.loads(head) == {"method": method, "framing": framing}
            assert body == expected
        assert len(server.peers) == 1


async def test_a_body_the_server_does_not_take_in_time_is_a_write_timeout() -> None:
    async def never_reading(peer: Peer) -> None:
        await asyncio.sleep(WAIT)

    async with Server(never_reading) as server, async_http_client(4, httpx.Timeout(WAIT, write=0.2)) as client:
        with pytest.raises(httpx.WriteTimeout):
            await client.post(f"{server.url}/upload", content=b"x" * BIG)
        assert not pool_of(client)._connections


async def test_an_answer_arriving_while_the_request_is_sent_is_held_to_the_read_ahead() -> None:
    """A server that answers a large upload at once and never reads it: what its answer brings meanwhile is
    buffered up to the read-ahead, not whole, until the write times out."""

    async def answering_at_once(peer: Peer) -> None:
        async with asyncio.timeout(WAIT):
            await peer.reader.readuntil(b"\r\n\r\n")
        await stream_answer(peer, BIG)

    async with Server(answering_at_once) as server, async_http_client(4, httpx.Timeout(WAIT, write=0.5)) as client:
        most = 0

        async def watch() -> None:
            nonlocal most
            while True:
                most = max([most, *(len(connection._buffer) for connection in pool_of(client)._connections)])
                await asyncio.sleep(0.002)

        watcher = asyncio.create_task(watch())
        try:
            with pytest.raises(httpx.WriteTimeout):
                await client.post(f"{server.url}/upload", content=b"x" * BIG)
        finally:
            watcher.cancel()
        assert READ_AHEAD <= most <= READ_AHEAD + MAX_READ
        assert server.peers[0].sent < BIG // 2


@pytest.mark.parametrize(("chunks", "declared", "message"),
                         [((b"abc",), 5, "Too little"), ((b"abc", b"def"), 5, "Too much")])  # fmt: skip
async def test_a_streamed_body_that_does_not_match_its_content_length_is_refused(
    chunks: tuple[bytes, ...], declared: int, message: str
) -> None:
    async with Server(answering(echoing)) as server, async_http_client(4, TIMEOUT) as client:
        with pytest.raises(httpx.LocalProtocolError, match=message):
            await client.post(f"{server.url}/echo", content=parts(*chunks), headers={"Content-Length": str(declared)})
        peer = await server.finished(1)  # the server never gets a whole request: the connection is closed
        assert peer.received.partition(b"\r\n\r\n")[2] == b"abc"  # nothing past the declared length
        assert (await client.post(f"{server.url}/echo", content=b"after")).content.endswith(b"\nafter")
        assert len(server.peers) == 2


async def test_https_with_a_self_signed_certificate_verifies_and_keeps_its_connection(
    certificate: tuple[str, str],  # noqa: F811
) -> None:
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    trusted = AsyncFanOutTransport(verify=ssl.create_default_context(cafile=cert), limits=limits)
    async with Server(answering(), tls=context) as server:
        async with httpx.AsyncClient(timeout=TIMEOUT, transport=trusted) as client:
            assert [await served_by(client, f"{server.url}/r/{i}") for i in range(4)] == [1] * 4
            response = await client.post(f"{server.url}/post", content=parts(b"over ", b"tls"))
            assert response.status_code == 200
        assert (await server.finished(1)).received.endswith(b"3\r\ntls\r\n0\r\n\r\n")
        async with async_http_client(4, TIMEOUT) as untrusting:  # the system's roots only
            with pytest.raises(httpx.ConnectError):
                await untrusting.get(f"{server.url}/r/0")


async def test_tls_offers_alpn_http_1_1(certificate: tuple[str, str]) -> None:  # noqa: F811
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["h2", "http/1.1"])
    selected: list[str | None] = []

    async def script(peer: Peer) -> None:
        selected.append(peer.writer.get_extra_info("ssl_object").selected_alpn_protocol())
        await answering()(peer)

    transport = AsyncFanOutTransport(verify=ssl.create_default_context(cafile=cert))
    async with Server(script, tls=context) as server, httpx.AsyncClient(timeout=TIMEOUT, transport=transport) as client:
        assert await served_by(client, f"{server.url}/r") == 1
    assert selected == ["http/1.1"]


@pytest.mark.parametrize("socket_options", [None, [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]],
                         ids=["own-connections", "httpcore-for-socket-options"])  # fmt: skip
async def test_the_local_address_is_kept(socket_options: Any) -> None:
    peers: list[str] = []

    async def script(peer: Peer) -> None:
        peers.append(peer.writer.get_extra_info("peername")[0])
        await answering()(peer)

    transport = AsyncFanOutTransport(local_address="127.0.0.2", socket_options=socket_options)
    async with Server(script) as server, httpx.AsyncClient(timeout=TIMEOUT, transport=transport) as client:
        assert await served_by(client, f"{server.url}/r") == 1
    assert peers == ["127.0.0.2"]


@pytest.mark.parametrize("close_notify", [True, False], ids=["close-notify", "no-close-notify"])
async def test_over_tls_a_body_until_close_ends_with_the_connection_and_an_idle_close_is_seen(
    certificate: tuple[str, str],  # noqa: F811
    close_notify: bool,
) -> None:
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    async def script(peer: Peer) -> None:
        request = await peer.request()
        assert request is not None
        if request.target == "/until-close":
            await peer.send(b"HTTP/1.1 200 OK\r\n\r\n", b"until ", b"the end", pause=0.01)
        else:
            await peer.send(who(peer, request))
            await asyncio.sleep(0.02)
        if close_notify:
            peer.writer.close()
            async with asyncio.timeout(WAIT):
                await peer.writer.wait_closed()

    transport = AsyncFanOutTransport(verify=ssl.create_default_context(cafile=cert))
    async with Server(script, tls=context) as server, httpx.AsyncClient(timeout=TIMEOUT, transport=transport) as client:
        assert (await client.get(f"{server.url}/until-close")).content == b"until the end"
        assert await served_by(client, f"{server.url}/bye") == 2
        await server.finished(2)
        await asyncio.sleep(0.05)
        assert await served_by(client, f"{server.url}/next") == 3


# --- cancellation, the trace, expiry -------------------------------------------------------------------------------


def hanging_on(*targets: str) -> Script:
    """Answers every request except those to ``targets``: for them it sends part of an answer and waits."""

    async def script(peer: Peer) -> None:
        while (request := await peer.request()) is not None:
            if request.target in targets:
                await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345" if "body" in request.target
                                else b"")  # fmt: skip
                await peer.until_closed()
                return
            await peer.send(who(peer, request))

    return script


async def test_a_request_cancelled_mid_flight_leaves_the_pool_usable_and_its_connection_closed() -> None:
    async with Server(hanging_on("/hang/head", "/hang/body")) as server, async_http_client(1, TIMEOUT) as client:
        pool = pool_of(client)
        with anyio.move_on_after(0.1) as scope:
            await client.get(f"{server.url}/hang/head")
        assert scope.cancelled_caught
        assert (await server.finished(1)).client_closed
        assert (pool._places, len(pool._connections), len(pool._waiters)) == (0, 0, 0)
        async with client.stream("GET", f"{server.url}/hang/body") as response:
            with anyio.move_on_after(0.1) as scope:
                await response.aread()
            assert scope.cancelled_caught
        assert (await server.finished(2)).client_closed
        assert (pool._places, len(pool._connections), len(pool._waiters)) == (0, 0, 0)
        assert [await served_by(client, f"{server.url}/r/{i}") for i in range(3)] == [3, 3, 3]


async def test_the_trace_hears_the_headers_start_before_any_byte_is_written() -> None:
    events: list[tuple[str, int]] = []

    async def trace(name: str, info: dict[str, Any]) -> None:
        if name == "http11.send_request_headers.started":
            await asyncio.sleep(0.05)  # had the request been written, the server would have read it by now
        events.append((name, sum(len(peer.received) for peer in server.peers)))

    received_before = []
    async with Server(answering()) as server, async_http_client(4, TIMEOUT) as client:
        for i in range(2):  # on a new connection, then on the kept-alive one
            received_before.append(sum(len(peer.received) for peer in server.peers))
            response = await client.get(f"{server.url}/r/{i}", extensions={"trace": trace})
            assert response.text == f"1 /r/{i}"
    assert [name for name, _ in events] == ["http11.send_request_headers.started",
                                            "http11.receive_response_headers.started",
                                            "http11.receive_response_headers.complete"] * 2  # fmt: skip
    assert [events[0][1], events[3][1]] == received_before


@pytest.mark.parametrize("event", ["http11.send_request_headers.started", "http11.receive_response_headers.started",
                                   "http11.receive_response_headers.complete"])  # fmt: skip
@pytest.mark.parametrize("failure", ["cancelled", "raises"])
async def test_a_trace_that_fails_or_is_cancelled_costs_the_pool_nothing(event: str, failure: str) -> None:
    async def trace(name: str, info: dict[str, Any]) -> None:
        if name == event:
            if failure == "raises":
                raise LookupError(name)
            await asyncio.sleep(WAIT)

    async with Server(answering()) as server, async_http_client(1, httpx.Timeout(WAIT, pool=1.0)) as client:
        with anyio.move_on_after(0.1), pytest.raises(LookupError) if failure == "raises" else nullcontext():
            await client.get(f"{server.url}/traced", extensions={"trace": trace})
        pool = pool_of(client)
        assert (pool._places, len(pool._connections), len(pool._waiters)) == (0, 0, 0)
        assert await served_by(client, f"{server.url}/next") == len(server.peers)


async def test_keepalive_expiry_retires_an_idle_connection() -> None:
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=0.1)
    async with Server(answering()) as server:
        async with httpx.AsyncClient(timeout=TIMEOUT, transport=AsyncFanOutTransport(limits=limits)) as client:
            assert await served_by(client, f"{server.url}/r/1") == 1
            assert await served_by(client, f"{server.url}/r/2") == 1  # within the expiry: kept
            await asyncio.sleep(0.25)
            assert await served_by(client, f"{server.url}/r/3") == 2
            await server.finished(1)  # the expired connection was closed
            assert len(pool_of(client)._connections) == 1


# --- the kill switch, on this pool ---------------------------------------------------------------------------------


async def test_the_kill_switch_tells_a_request_never_sent_from_one_sent_and_unanswered() -> None:
    """Both cut off by the deadline: the one whose headers started going out (the connection's trace) is unknown;
    the one whose connects were refused, and which was waiting to retry, was never sent."""
    async with Server(hanging_on(CANCEL_ALL)) as server:
        hung = await clear_street.cancel_all_accounts([1], base_url=server.url, api_key="k", deadline=1.0)
        (outcome,) = hung.outcomes
        assert (outcome.outcome, outcome.sent) == (clear_street.Outcome.UNKNOWN, True), outcome
        assert (await server.finished(1)).received.startswith(b"DELETE /v1/accounts/1/orders HTTP/1.1\r\n")
    # its retries wait 0.375 to 0.5 s, then 0.75 to 1 s: the deadline ends the second wait
    refused = await clear_street.cancel_all_accounts([1], base_url=refused_url(), api_key="k", deadline=1.0)
    (outcome,) = refused.outcomes
    assert (outcome.outcome, outcome.sent) == (clear_street.Outcome.NOT_SENT, False), outcome
    assert outcome.message == "not sent: the deadline passed while it waited for a connection"


async def test_the_kill_switch_reports_a_refused_connect_as_failed_before_sending(sleeps: list[float]) -> None:
    report = await clear_street.cancel_all_accounts([1, 2], base_url=refused_url(), api_key="k")
    assert [(o.outcome, o.sent) for o in report.outcomes] == [(clear_street.Outcome.FAILED, False)] * 2
    assert all("ConnectError" in (o.message or "") for o in report.outcomes), report.outcomes
