"""HTTP/1.1 connections on asyncio's own protocol callbacks, for the fan-out pool under asyncio.

Under httpx's transport, a request passes through httpcore's request and response models, its trace and lock
contexts, an anyio or asyncio stream, and h11's state machine: about 0.6 ms of CPU a request, three times what the
exchange itself takes. Here an ``httpx.Request`` goes out as bytes through the event loop's transport, the answer is
read from the bytes the loop hands over (``_http11``), and an ``httpx.Response`` comes back whose body streams from
the connection. Failures are httpx's exceptions, as its transport raises them: a refused or slow connect is
``ConnectError``/``ConnectTimeout`` (nothing was sent); a reset, a lost answer or a malformed one after the request
went out is ``ReadError``/``RemoteProtocolError``, a slow one ``ReadTimeout`` (the cancel may have taken effect).
The ``trace`` extension gets httpcore's event names for the request's head and the response's head.
"""

from __future__ import annotations

import asyncio
import select
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

from ._http11 import Chunked, Head, Length, ProtocolError, UntilClose, closes, request_head, response_head

Key = tuple[bytes, bytes, int]
READ_AHEAD = 1 << 20
"""Bytes the connection buffers before it stops reading from the socket, until the body is taken."""
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
        self._transport: asyncio.Transport | None = None
        self._poll: select.poll | None = None  # the socket, for bytes or an end the loop has not read yet
        self._buffer = bytearray()
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
        headers = request.headers.raw  # httpx builds this list at each read
        self._busy = True
        try:
            try:  # before connecting: a request that cannot be written opens no connection
                request_bytes = request_head(request.method, request.url.raw_path, headers)
            except ProtocolError as exc:
                raise httpx.LocalProtocolError(str(exc), request=request) from None
            if self._transport is None:
                await self._connect(request, timeouts.get("connect"))
            if trace is not None:
                await trace("http11.send_request_headers.started", {"request": request})
            await self._send(request, request_bytes, timeouts.get("write"))
            if trace is not None:
                await trace("http11.receive_response_headers.started", {"request": request})
            head = await self._receive_head(request, timeouts.get("read"))
        except BaseException:
            self._close()
            await release(self)
            raise
        keep_alive = head.keep_alive and not isinstance(head.body, UntilClose) and not closes(headers)
        body = _Body(self, head.body, keep_alive, request, timeouts.get("read"), release)
        response = httpx.Response(head.status, headers=head.headers, stream=body,
                                  extensions={"http_version": b"HTTP/" + head.http_version,
                                              "reason_phrase": head.reason})  # fmt: skip
        if trace is not None:
            try:
                await trace("http11.receive_response_headers.complete", {"request": request, "return_value": response})
            except BaseException:
                await body.aclose()  # the response is lost: closed, and released
                raise
        return response

    async def _connect(self, request: httpx.Request, timeout: float | None) -> None:
        """Open the connection (TLS included), retrying a failed connect ``retries`` times with httpcore's backoff."""
        _, host, port = self.key
        server_hostname = host.decode("ascii") if self._ssl is not None else None
        local = None if self._local_address is None else (self._local_address, 0)
        loop = asyncio.get_running_loop()
        for attempt in range(self._retries + 1):
            try:
                async with asyncio.timeout(timeout):
                    await loop.create_connection(lambda: self, host.decode("ascii"), port, ssl=self._ssl,
                                                 server_hostname=server_hostname, local_addr=local)  # fmt: skip
                return
            except TimeoutError as exc:
                failure: httpx.TransportError = httpx.ConnectTimeout(str(exc) or "Timed out", request=request)
            except OSError as exc:  # ssl.SSLError among them
                failure = httpx.ConnectError(str(exc), request=request)
            if attempt == self._retries:
                raise failure
            await asyncio.sleep(0.5 * 2 ** (attempt - 1) if attempt else 0)

    async def _send(self, request: httpx.Request, head: bytes, timeout: float | None) -> None:
        try:
            body: bytes | None = request.content
        except httpx.RequestNotRead:
            body = None
        await self._write(request, head + body if body else head, timeout)
        if body is None:
            await self._send_stream(request, timeout)

    async def _send_stream(self, request: httpx.Request, timeout: float | None) -> None:
        """A body that is not in memory: chunked, or as many bytes as its ``Content-Length`` says, no more."""
        chunked = request.headers.get("transfer-encoding", "").lower() == "chunked"
        declared = request.headers.get("content-length")
        sent = 0
        assert isinstance(request.stream, httpx.AsyncByteStream)
        async for chunk in request.stream:
            sent += len(chunk)
            if declared is not None and sent > int(declared):
                raise httpx.LocalProtocolError("Too much data for declared Content-Length", request=request)
            if chunk:
                await self._write(request, b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk, timeout)
        if declared is not None and sent < int(declared):
            raise httpx.LocalProtocolError("Too little data for declared Content-Length", request=request)
        if chunked:
            await self._write(request, b"0\r\n\r\n", timeout)

    async def _write(self, request: httpx.Request, data: bytes, timeout: float | None) -> None:
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

    async def _receive_head(self, request: httpx.Request, timeout: float | None) -> Head:
        while True:
            try:
                head = response_head(self._buffer, request.method) if self._buffer else None
            except ProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc), request=request) from None
            if head is None:
                await self._more(request, timeout, "Server disconnected without sending a response.")
            elif head.status >= 200:
                return head

    async def _more(self, request: httpx.Request, timeout: float | None, at_end: str) -> None:
        """Wait for more bytes; the end of the stream is ``at_end``'s ``RemoteProtocolError`` (a reset is a
        ``ReadError``)."""
        if self._lost is not None:
            raise httpx.ReadError(str(self._lost) or type(self._lost).__name__, request=request)
        if self._eof:
            raise httpx.RemoteProtocolError(at_end, request=request)
        try:
            await self._wait(timeout)
        except TimeoutError:
            raise httpx.ReadTimeout("Timed out reading the response", request=request) from None

    def _finished(self, keep_alive: bool) -> None:
        """The response was read to its end: idle again if both sides may go on, else closed."""
        if keep_alive and not self._buffer and not self._eof and not self._closed:
            self._busy = False
            self._idle_since = time.monotonic()
            self._resume_reading()  # paused, it would not see the server close it (``has_expired``)
        else:
            self._close()


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class _Body(httpx.AsyncByteStream):
    """A response's body as it arrives; closing it (httpx does, once it is read) releases the connection, closed
    first if the body was not read to its end."""

    def __init__(self, connection: Connection, framing: Length | Chunked | UntilClose, keep_alive: bool,
                 request: httpx.Request, timeout: float | None, release: Release) -> None:  # fmt: skip
        self._connection, self._framing, self._keep_alive = connection, framing, keep_alive
        self._request, self._timeout, self._done = request, timeout, False
        self._release: Release | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (data := await self._next()) is not None:
            if data:
                yield data

    async def _next(self) -> bytes | None:
        """The body's next bytes (``b""`` when a wait brought none yet), ``None`` at its end."""
        if self._done:
            return None
        connection, framing = self._connection, self._framing
        try:
            data = framing.take(connection._buffer) if connection._buffer else b""
            if framing.done:
                self._done = True
                connection._finished(self._keep_alive)
                return data
            if data:
                return data
            if connection._eof and connection._lost is None:
                framing.end_of_stream()  # the end of an UntilClose body; else a RemoteProtocolError
                self._done = True
                connection._finished(False)
                return b""
            await connection._more(self._request, self._timeout, "Server disconnected while sending the response.")
        except ProtocolError as exc:
            connection._close()
            raise httpx.RemoteProtocolError(str(exc), request=self._request) from None
        except BaseException:
            connection._close()
            raise
        return b""

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
