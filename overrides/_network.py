"""HTTP/1.1 connections on asyncio's own protocol callbacks, for the fan-out pool under asyncio.

Under httpx's transport, a request passes through httpcore's request and response models, its trace and lock
contexts and an anyio stream before h11 sees it: about 0.6 ms of CPU a request, three times what the exchange
itself takes. Here h11 writes the request and reads the answer (its grammar, its checks, its framing of bodies both
ways) inside one asyncio protocol per connection: an ``httpx.Request`` goes out through the event loop's transport,
and an ``httpx.Response`` comes back whose body streams from the connection, at most ``READ_AHEAD`` bytes read
ahead of its reader. A request h11 refuses (a header that would forge another, a body longer or shorter than its
``Content-Length``) is ``LocalProtocolError`` before anything is sent or any connection opened. Failures are
httpx's exceptions, as its transport raises them: a refused or slow connect is ``ConnectError``/``ConnectTimeout``
(nothing was sent); a reset, a lost answer or a malformed one after the request went out is
``ReadError``/``RemoteProtocolError``, a slow one ``ReadTimeout`` (the cancel may have taken effect). The ``trace``
extension gets httpcore's event names for the request's head and the response's head. Connects are httpcore's:
Happy Eyeballs over every address of the host, the connect timeout and retries per attempt, ALPN ``http/1.1``.

Stricter than h11 and httpcore, on purpose, where it protects:

- an answer framed by both Transfer-Encoding and Content-Length is read as chunked, as h11 reads it, but its
  connection is not reused (RFC 9112 section 6.3: it may be an attempt at response splitting);
- bytes after an answer, with it or while the connection is idle, drop the connection: they answer no request;
- h11 refuses a response head still incomplete past ``MAX_HEAD`` bytes (httpcore's limit) and is handed at most
  that many at a time while it reads one, so no head over twice ``MAX_HEAD`` is read, however its bytes arrive;
- a 101 is refused: this client never asks to switch protocols;
- a request framed by both Transfer-Encoding and Content-Length is sent chunked without its Content-Length
  (RFC 9112 section 6.2), which a server reading the length would misread.
"""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

import h11
import httpx

Key = tuple[bytes, bytes, int]
READ_AHEAD = 1 << 20
"""Bytes the connection buffers before it stops reading from the socket, until the body is taken (besides what it
has handed h11: the part of one read that came with the response's head)."""
MAX_HEAD = 100 * 1024
"""The largest incomplete response head (or chunk-size line, or trailer section) h11 keeps: httpcore's limit."""
HAPPY_EYEBALLS_DELAY = 0.25
"""Seconds before the next address is tried while one still connects: anyio's (and so httpcore's) delay."""
_DEFAULT_PORTS = {b"http": 80, b"https": 443}
_Trace = Callable[[str, dict[str, Any]], Awaitable[None]]
Release = Callable[["Connection"], Awaitable[None]]


def key_of(url: httpx.URL) -> Key:
    return (url.raw_scheme, url.raw_host, url.port or _DEFAULT_PORTS.get(url.raw_scheme, 0))


class Connection(asyncio.Protocol):
    """One HTTP/1.1 connection, serving one request at a time; opened at its first request."""

    def __init__(self, key: Key, ssl_context: ssl.SSLContext | None, local_address: str | None, retries: int,
                 expiry: float | None) -> None:  # fmt: skip
        self.key, self._ssl, self._local_address = key, ssl_context, local_address
        self._retries, self._expiry = retries, expiry
        self._h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        self._transport: asyncio.Transport | None = None
        self._poll: select.poll | None = None  # the socket, for bytes or an end the loop has not read yet
        self._buffer = bytearray()  # received, not yet handed to h11
        self._reading_paused = False
        self._eof = False
        self._lost: Exception | None = None
        self._closed = False
        self._busy = False
        self._idle_since = 0.0
        self._waiter: asyncio.Future[None] | None = None  # a read, or a write waiting for the buffer to drain
        self._writable = True

    # --- the pool's view, as httpcore's connections offer it ---

    def is_idle(self) -> bool:
        return not self._busy and not self._closed

    def is_closed(self) -> bool:
        return self._closed

    def has_expired(self) -> bool:
        """Closed, or idle past the keep-alive expiry, or the server closed it or sent something while it was idle
        (either way it cannot carry a request), seen by the loop or still unread in the socket: a server that closes
        right after an answer, without saying so, would otherwise fail the next request, which it never saw."""
        if self._closed or self._eof or self._buffer:
            return True
        if self._expiry is not None and time.monotonic() - self._idle_since > self._expiry:
            return True
        return self._poll is not None and bool(self._poll.poll(0))  # as httpcore's is_socket_readable

    async def aclose(self) -> None:
        """Closed when this returns, as httpcore's connections are: the loop closes an aborted socket at its next
        turn."""
        self._close()
        await asyncio.sleep(0)

    def _close(self) -> None:
        self._closed = True
        if self._transport is not None:
            self._transport.abort()  # at once: a TLS connection is not held open for the peer's close_notify

    def abandon(self) -> None:
        """Close the socket now, its event loop having closed: asyncio closes a transport's socket in a callback of
        its loop, which will not run again, and the socket would stay open until the cyclic collector found it."""
        if self._closed or self._transport is None:
            return
        self._closed = True
        raw = getattr(self._transport.get_extra_info("socket"), "_sock", None)  # asyncio's TransportSocket wraps it
        if isinstance(raw, socket.socket):
            raw.close()

    # --- asyncio's callbacks ---

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None and hasattr(select, "poll"):  # not on Windows
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) > READ_AHEAD and self._transport is not None:
            self._transport.pause_reading()
            self._reading_paused = True
        self._wake()

    def eof_received(self) -> None:
        self._eof = True
        self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = self._closed = True
        self._lost = exc
        self._writable = True
        self._wake()

    def pause_writing(self) -> None:
        self._writable = False

    def resume_writing(self) -> None:
        self._writable = True
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _resume_reading(self) -> None:
        if self._reading_paused and self._transport is not None:
            self._reading_paused = False
            self._transport.resume_reading()

    async def _wait(self, timeout: float | None, reading: bool = True) -> None:
        """Until the loop reports something (bytes, the end, a drained buffer); ``TimeoutError`` after ``timeout``.
        Waiting to write (``reading=False``), a full read-ahead stays full: the answer is read once the request
        is sent, as httpcore reads it."""
        if reading:
            self._resume_reading()
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        timer = None if timeout is None else loop.call_later(timeout, _expire, waiter)
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

    # --- one exchange ---

    async def exchange(self, request: httpx.Request, release: Release) -> httpx.Response:
        """Send ``request`` and read the response's head; its body streams from this connection, which goes back
        through ``release`` when the body is closed. On any failure the connection is closed, and released."""
        timeouts = request.extensions.get("timeout", {})
        trace: _Trace | None = request.extensions.get("trace")
        self._busy = True
        try:
            try:  # before connecting: a request h11 refuses opens no connection and sends nothing
                outgoing, whole = self._request_bytes(request)
            except h11.LocalProtocolError as exc:
                raise httpx.LocalProtocolError(str(exc), request=request) from None
            if self._transport is None:
                await self._connect(request, timeouts.get("connect"))
            if trace is not None:
                await trace("http11.send_request_headers.started", {"request": request})
            await self._write(request, outgoing, timeouts.get("write"))
            if not whole:
                await self._send_stream(request, timeouts.get("write"))
            if trace is not None:
                await trace("http11.receive_response_headers.started", {"request": request})
            head = await self._receive_head(request, timeouts.get("read"))
        except BaseException:
            self._close()
            await release(self)
            raise
        body = _Body(self, not _both_framings(head.headers), request, timeouts.get("read"), release)
        response = httpx.Response(head.status_code, headers=head.headers.raw_items(), stream=body,
                                  extensions={"http_version": b"HTTP/" + head.http_version,
                                              "reason_phrase": head.reason})  # fmt: skip
        if trace is not None:
            try:
                await trace("http11.receive_response_headers.complete", {"request": request, "return_value": response})
            except BaseException:
                await body.aclose()  # the response is lost: closed, and released
                raise
        return response

    def _request_bytes(self, request: httpx.Request) -> tuple[bytes, bool]:
        """The request's head, followed by its body and end if the body is in memory (then ``True``), through
        h11; raises ``h11.LocalProtocolError`` for what h11 refuses to send."""
        headers = request.headers.raw  # httpx builds this list at each read
        if "transfer-encoding" in request.headers and "content-length" in request.headers:
            headers = [(name, value) for name, value in headers if name.lower() != b"content-length"]
        send = self._h11.send
        head = send(h11.Request(method=request.method, target=request.url.raw_path, headers=headers))
        assert head is not None  # None only for a ConnectionClosed
        try:
            body = request.content
        except httpx.RequestNotRead:
            return head, False
        parts = [head, send(h11.Data(data=body)) if body else b"", send(h11.EndOfMessage())]
        return b"".join(part for part in parts if part), True

    async def _connect(self, request: httpx.Request, timeout: float | None) -> None:
        """Open the connection as httpcore does: Happy Eyeballs over the host's addresses, TLS with ALPN
        ``http/1.1``, within ``timeout`` per attempt, a failed one retried ``retries`` times with its backoff."""
        _, host, port = self.key
        name = host.decode("ascii")
        if self._ssl is not None:
            self._ssl.set_alpn_protocols(["http/1.1"])  # at each connect, as httpcore sets it on a shared context
        local = None if self._local_address is None else (self._local_address, 0)
        loop = asyncio.get_running_loop()
        for attempt in range(self._retries + 1):
            try:
                async with asyncio.timeout(timeout):
                    await loop.create_connection(lambda: self, name, port, ssl=self._ssl, local_addr=local,
                                                 server_hostname=name if self._ssl is not None else None,
                                                 happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY, interleave=1)  # fmt: skip
                return
            except TimeoutError as exc:
                failure: httpx.TransportError = httpx.ConnectTimeout(str(exc) or "Timed out", request=request)
            except OSError as exc:  # ssl.SSLError among them
                failure = httpx.ConnectError(str(exc), request=request)
            if attempt == self._retries:
                raise failure
            await asyncio.sleep(0.5 * 2 ** (attempt - 1) if attempt else 0)

    async def _send_stream(self, request: httpx.Request, timeout: float | None) -> None:
        """A body that is not in memory, chunk by chunk through h11 (which chunk-encodes it or holds it to its
        ``Content-Length``), then its end."""
        assert isinstance(request.stream, httpx.AsyncByteStream)
        try:
            async for chunk in request.stream:
                if chunk:
                    await self._write(request, self._encoded(h11.Data(data=chunk)), timeout)
            await self._write(request, self._encoded(h11.EndOfMessage()), timeout)
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc), request=request) from None

    def _encoded(self, event: h11.Data | h11.EndOfMessage) -> bytes:
        data = self._h11.send(event)
        assert data is not None
        return data

    async def _write(self, request: httpx.Request, data: bytes, timeout: float | None) -> None:
        if not data:
            return
        if self._closed or self._transport is None or self._transport.is_closing():
            raise httpx.WriteError("The connection was closed before the request could be sent", request=request)
        self._transport.write(data)
        while not self._writable and not self._closed:
            try:
                await self._wait(timeout, reading=False)
            except TimeoutError:
                raise httpx.WriteTimeout("Timed out sending the request", request=request) from None
        if self._lost is not None:
            raise httpx.WriteError(str(self._lost), request=request)

    async def _receive_head(self, request: httpx.Request, timeout: float | None) -> h11.Response:
        await self._more(request, timeout)  # h11 holds nothing yet: a cycle starts with none of its bytes
        while True:
            event = await self._event(request, timeout)
            if type(event) is h11.Response:
                return event
            if isinstance(event, h11.InformationalResponse) and event.status_code == 101:
                raise httpx.RemoteProtocolError("101 Switching Protocols, to a request that proposed no switch",
                                                request=request)  # fmt: skip
            # else an interim (1xx) answer: read on

    async def _event(self, request: httpx.Request, timeout: float | None) -> h11.Event | type[h11.PAUSED]:
        """h11's next event of the answer, fed what has arrived, waiting for more as it needs."""
        connection = self._h11
        while True:
            try:
                event = connection.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc), request=request) from None
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]  # h11 types its sentinels as classes
            await self._more(request, timeout)

    async def _more(self, request: httpx.Request, timeout: float | None) -> None:
        """Hand h11 what has arrived (at most ``MAX_HEAD`` bytes while it reads a head), or the end of the stream;
        wait for either if need be."""
        connection, buffer = self._h11, self._buffer
        while not buffer:
            if self._lost is not None:
                raise httpx.ReadError(str(self._lost) or type(self._lost).__name__, request=request)
            if self._eof:
                if connection.their_state is h11.SEND_RESPONSE:  # httpcore's words for it
                    raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
                connection.receive_data(b"")  # h11 ends a body read until the close, or refuses one cut short
                return
            try:
                await self._wait(timeout)
            except TimeoutError:
                raise httpx.ReadTimeout("Timed out reading the response", request=request) from None
        if len(buffer) <= MAX_HEAD or connection.their_state is not h11.SEND_RESPONSE:
            connection.receive_data(bytes(buffer))
            buffer.clear()
        else:
            connection.receive_data(bytes(buffer[:MAX_HEAD]))
            del buffer[:MAX_HEAD]

    def _finished(self, reusable: bool) -> None:
        """The response was read to its end: idle again if both sides may go on and nothing follows the answer,
        else closed."""
        connection = self._h11
        if (reusable and connection.our_state is h11.DONE and connection.their_state is h11.DONE and not self._buffer
                and not self._eof and not self._closed and not connection.trailing_data[0]):  # fmt: skip
            connection.start_next_cycle()
            self._busy = False
            self._idle_since = time.monotonic()
            self._resume_reading()  # paused, it would not see the server close it (``has_expired``)
        else:
            self._close()


def _both_framings(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether an answer's head carries both Transfer-Encoding and Content-Length (names as h11 lowercases them)."""
    names = [name for name, _ in headers if name in (b"transfer-encoding", b"content-length")]
    return len(set(names)) == 2


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class _Body(httpx.AsyncByteStream):
    """A response's body as h11 reads it; closing it (httpx does, once it is read) releases the connection, closed
    first if the body was not read to its end."""

    def __init__(self, connection: Connection, reusable: bool, request: httpx.Request, timeout: float | None,
                 release: Release) -> None:  # fmt: skip
        self._connection, self._reusable = connection, reusable
        self._request, self._timeout, self._done = request, timeout, False
        self._release: Release | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (data := await self._next()) is not None:
            yield data

    async def _next(self) -> bytes | None:
        """The body's next bytes, ``None`` at its end."""
        if self._done:
            return None
        connection = self._connection
        try:
            event = await connection._event(self._request, self._timeout)
        except BaseException:
            connection._close()
            raise
        if type(event) is h11.Data:
            return bytes(event.data)
        self._done = True  # its end; or, after a CONNECT, the tunnel's start, which is not HTTP's to read
        connection._finished(self._reusable and type(event) is h11.EndOfMessage)
        return None

    async def aclose(self) -> None:
        if self._release is None:
            return
        release, self._release = self._release, None
        if not self._done:
            self._connection._close()
        await release(self._connection)


def running_asyncio() -> bool:
    """Whether this task runs under asyncio (under trio no asyncio loop runs; sniffio, which httpx does not
    require, is not needed to tell)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
