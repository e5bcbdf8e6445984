"""A connection pool whose cost per request stays flat as concurrency grows, for fan-outs such as the kill switch.

httpcore 1.0.3 to 1.0.9 assign queued requests to connections by rescanning every request and connection on each
pass, probing each idle connection for expiry, and offer one idle connection to several queued requests, all but
one of which fail and pass again: at 256 requests in flight a request costs 7 ms of CPU (BENCHMARKS.md). This pool
assigns with a stack of idle connections per origin and a queue of waiting requests, so that a request costs one
pop or one push whatever the concurrency. A connection serves one request at a time; a released one goes to the
longest-waiting request for its origin, else onto the idle stack.

Under asyncio its connections are ours (``_network``, about half the CPU of httpcore's stack); under trio they are
httpcore's (HTTP/1.1 through h11, TLS, connect retries), behind httpx's transport as before. HTTP/2 and proxies are
left to httpcore's own pool.
"""

from __future__ import annotations

import math
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

import anyio
import httpcore
import httpx

from ._network import Connection, Key, key_of, running_asyncio
from ._routing import proxy_mounts, replaced

HTTPX_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""httpx's own default, for a transport made without ``limits``."""


class Pooled(Protocol):
    """What the pool needs of a connection: httpcore's, or ours (``_network.Connection``)."""

    def is_idle(self) -> bool: ...
    def is_closed(self) -> bool: ...
    def has_expired(self) -> bool: ...
    async def aclose(self) -> None: ...


C = TypeVar("C", bound=Pooled)


class _Waiter(Generic[C]):
    """A request waiting for a connection: handed either an idle one, or the right to open one."""

    __slots__ = ("connection", "event", "granted", "key")

    def __init__(self, key: Key) -> None:
        self.key = key
        self.event = anyio.Event()
        self.granted = False
        self.connection: C | None = None


class FanOutPool(Generic[C]):
    """Connections per origin, assigned in constant time: ``acquire`` one for a request, ``release`` it after.

    ``create(key)`` makes a connection, which opens at its first request. As httpcore's ``AsyncConnectionPool``
    (``handle_async_request``), it serves ``httpx.AsyncHTTPTransport`` with connections from ``factory`` (httpcore's
    pool, unused otherwise), so they carry the transport's TLS context, local address, socket options and retries.
    """

    def __init__(self, create: Callable[[Key], C], limits: httpx.Limits) -> None:
        self._create = create
        self._max_connections = math.inf if limits.max_connections is None else limits.max_connections
        self._max_idle = math.inf if limits.max_keepalive_connections is None else limits.max_keepalive_connections
        self._expiry = limits.keepalive_expiry
        self._idle: dict[Key, deque[tuple[float, C]]] = {}
        self._idle_count = 0
        self._connections: dict[C, Key] = {}  # open, opening, idle or busy
        self._places = 0  # the connections, and the places handed to waiting requests that will open one
        self._waiters: deque[_Waiter[C]] = deque()
        self._closed = False

    @classmethod
    def over_httpcore(cls, factory: httpcore.AsyncConnectionPool, limits: httpx.Limits) -> FanOutPool[Any]:
        def create(key: Key) -> Any:
            return factory.create_connection(httpcore.Origin(*key))

        return FanOutPool(create, limits)

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        if request.url.scheme not in (b"http", b"https"):
            raise httpcore.UnsupportedProtocol(f"Request URL has an unsupported scheme {request.url.scheme!r}")
        origin = request.url.origin
        connection: Any = await self.acquire((origin.scheme, origin.host, origin.port), _pool_timeout(request))
        if getattr(connection, "_request_lock", None) is not None:
            connection._request_lock = _UNLOCKED  # see _Unlocked
        try:
            response = await connection.handle_async_request(request)
        except BaseException:
            await self.release(connection)  # closed by httpcore if the exchange broke: counted out, never reused
            raise
        if (http11 := getattr(connection, "_connection", None)) is not None:
            http11._state_lock = _UNLOCKED  # made at the first request, once connected
        return httpcore.Response(status=response.status, headers=response.headers,
                                 content=_Stream(response.stream, self, connection),
                                 extensions=response.extensions)  # fmt: skip

    async def acquire(self, key: Key, pool_timeout: float | None) -> C:
        """An idle connection to ``key``'s origin, or a new one (unopened) when the limit allows; else wait, up to
        ``pool_timeout`` seconds (``httpcore.PoolTimeout``), for one to be released or closed."""
        if self._closed:
            raise _pool_closed()
        idle = self._idle.get(key)
        while idle:
            _, connection = idle.pop()  # the most recently used: the least likely to have been closed by the server
            self._idle_count -= 1
            if not connection.has_expired():  # keep-alive expiry, or the server closed it while idle
                return connection
            await self._close(connection)
        if self._places < self._max_connections:
            self._places += 1
        elif (evicted := self._other_idle()) is not None:  # its place is taken over, then it is closed
            del self._connections[evicted]
            with anyio.CancelScope(shield=True):
                await evicted.aclose()
        elif (given := await self._wait(_Waiter(key), pool_timeout)) is not None:
            if not given.has_expired():  # checked as an idle one is, now that this request runs: not when released
                return given
            del self._connections[given]  # its place is this request's, for a new connection
            with anyio.CancelScope(shield=True):
                await given.aclose()
        # else a connection was closed and its place handed to this request
        connection = self._create(key)
        self._connections[connection] = key
        return connection

    async def _wait(self, waiter: _Waiter[C], timeout: float | None) -> C | None:
        self._waiters.append(waiter)
        try:
            with anyio.fail_after(timeout):
                await waiter.event.wait()
        except BaseException as exc:
            if waiter.granted:  # handed a connection or a place just as it gave up: pass it on
                await self._give_back(waiter)
            else:
                self._waiters.remove(waiter)
            if isinstance(exc, TimeoutError):
                raise httpcore.PoolTimeout("Timed out waiting for a connection from the pool") from None
            raise
        if self._closed:
            raise _pool_closed()
        return waiter.connection

    async def _give_back(self, waiter: _Waiter[C]) -> None:
        if waiter.connection is not None:
            await self.release(waiter.connection)
        else:
            self._grant_place()

    def _grant_place(self) -> None:
        """A connection was closed: the longest-waiting request may open one in its place, else the place is free."""
        if self._waiters:
            waiter = self._waiters.popleft()
            waiter.granted = True
            waiter.event.set()
        else:
            self._places -= 1

    async def release(self, connection: C) -> None:
        """A request is done with ``connection``: to the next waiter for its origin, onto the idle stack, or
        closed (broken, not idle, over the keep-alive limit, or wanted for another origin)."""
        if self._closed or connection.is_closed() or not connection.is_idle():
            await self._close(connection)
            return
        key = self._connections[connection]
        if self._waiters:
            if self._waiters[0].key == key:
                waiter = self._waiters.popleft()
                waiter.granted, waiter.connection = True, connection
                waiter.event.set()
            else:
                await self._close(connection)  # its place goes to the longest-waiting request, for another origin
            return
        if self._idle_count >= self._max_idle:
            await self._close(connection)
            return
        now = time.monotonic()
        idle = self._idle.setdefault(key, deque())
        idle.append((now, connection))
        self._idle_count += 1
        if self._expiry is not None and idle[0][0] < now - self._expiry:  # the oldest idle: closed once expired
            _, stale = idle.popleft()
            self._idle_count -= 1
            await self._close(stale)

    def _other_idle(self) -> C | None:
        """At the limit with no idle connection for this origin: the oldest idle one for another origin, if any."""
        for idle in self._idle.values():
            if idle:
                self._idle_count -= 1
                return idle.popleft()[1]
        return None

    async def _close(self, connection: C) -> None:
        """Close ``connection``, shielded from cancellation, and give its place to a waiting request."""
        if self._connections.pop(connection, None) is not None:
            self._grant_place()
        with anyio.CancelScope(shield=True):
            await connection.aclose()

    async def aclose(self) -> None:
        self._closed = True
        connections, self._connections = list(self._connections), {}
        self._idle.clear()
        self._idle_count = 0
        while self._waiters:
            self._waiters.popleft().event.set()
        with anyio.CancelScope(shield=True):
            for connection in connections:
                await connection.aclose()

    def abandon(self) -> None:
        """Its event loop has closed: its connections' sockets are closed at once, those of its own connections
        (``Connection.abandon``); httpcore's are left to the collector."""
        self._closed = True
        for connection in self._connections:
            if isinstance(connection, Connection):
                connection.abandon()

    async def __aenter__(self) -> FanOutPool[C]:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None = None, exc_value: BaseException | None = None,
                        traceback: TracebackType | None = None) -> None:  # fmt: skip
        await self.aclose()

    def __repr__(self) -> str:
        busy = len(self._connections) - self._idle_count
        return f"<FanOutPool [{busy} busy, {self._idle_count} idle, {len(self._waiters)} waiting]>"


def _pool_closed() -> httpcore.ConnectError:
    """A request the pool can no longer serve, never sent: a connect failure to httpx, to the client, and to the kill
    switch (``not_sent``)."""
    return httpcore.ConnectError("The connection pool was closed before the request got a connection: not sent")


def _pool_timeout(request: httpcore.Request) -> float | None:
    timeout: float | None = request.extensions.get("timeout", {}).get("pool")
    return timeout


class _Unlocked:
    """httpcore locks each connection around every request (and its HTTP/1.1 state around every exchange and
    close); under anyio each acquisition yields to the event loop. This pool hands a connection to one request at a
    time, so those locks guard nothing here and are replaced by this one, which does not yield."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc_info: object) -> None:
        return None


_UNLOCKED = _Unlocked()


class _Stream:
    """The response body; closing it (as httpx does once the body is read) hands the connection back."""

    __slots__ = ("_closed", "_connection", "_pool", "_stream")

    def __init__(self, stream: Any, pool: FanOutPool[Any], connection: httpcore.AsyncConnectionInterface) -> None:
        self._stream, self._pool, self._connection, self._closed = stream, pool, connection, False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for part in self._stream:
                yield part
        except BaseException:
            await self.aclose()
            raise

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await self._stream.aclose()
        finally:  # cancelled mid-close, the connection is not idle and is closed rather than reused
            await self._pool.release(self._connection)


class AsyncFanOutTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport``'s arguments, over ``FanOutPool``: under asyncio with our own HTTP/1.1
    connections (``_network``), under trio (or for Unix sockets and socket options) with httpcore's. With
    ``http2=True`` or a ``proxy`` it keeps httpcore's own pool, which multiplexes HTTP/2 streams and tunnels
    through proxies. A transport serves one event-loop library at a time: the two pools do not share a limit.

    While a test suite's mock (respx, pytest-httpx) replaces httpx's or httpcore's methods, every request goes
    through a plain ``httpx.AsyncHTTPTransport`` of the same arguments instead, where the mock sees it (``_routing``).
    """

    def __init__(self, *, verify: ssl.SSLContext | str | bool = True, cert: Any = None, trust_env: bool = True,
                 http1: bool = True, http2: bool = False, limits: httpx.Limits = HTTPX_LIMITS, proxy: Any = None,
                 uds: str | None = None, local_address: str | None = None, retries: int = 0,
                 socket_options: Any = None) -> None:  # fmt: skip
        self._asyncio: FanOutPool[Connection] | None = None
        self._arguments = {"verify": verify, "cert": cert, "trust_env": trust_env, "http1": http1, "http2": http2,
                           "limits": limits, "proxy": proxy, "uds": uds, "local_address": local_address,
                           "retries": retries, "socket_options": socket_options}  # fmt: skip
        self._mocked: httpx.AsyncHTTPTransport | None = None
        if proxy is not None or http2:
            super().__init__(verify=verify, cert=cert, trust_env=trust_env, http1=http1, http2=http2, limits=limits,
                             proxy=proxy, uds=uds, local_address=local_address, retries=retries,
                             socket_options=socket_options)  # fmt: skip
            return
        tls = httpx.create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)
        factory = httpcore.AsyncConnectionPool(ssl_context=tls, keepalive_expiry=limits.keepalive_expiry, uds=uds,
                                               local_address=local_address, retries=retries,
                                               socket_options=socket_options)  # fmt: skip
        self._pool = FanOutPool.over_httpcore(factory, limits)  # type: ignore[assignment]  # httpx's transport's
        if uds is None and not socket_options:
            expiry = limits.keepalive_expiry
            self._asyncio = FanOutPool(
                lambda key: Connection(key, tls if key[0] == b"https" else None, local_address, retries, expiry), limits
            )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if replaced():
            if self._mocked is None:
                self._mocked = httpx.AsyncHTTPTransport(**self._arguments)
            return await self._mocked.handle_async_request(request)
        if self._asyncio is None or not running_asyncio():
            return await super().handle_async_request(request)
        if request.url.raw_scheme not in (b"http", b"https"):
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported scheme {request.url.scheme!r}",
                                            request=request)  # fmt: skip
        try:
            connection = await self._asyncio.acquire(
                key_of(request.url), request.extensions.get("timeout", {}).get("pool")
            )
        except httpcore.PoolTimeout as exc:
            raise httpx.PoolTimeout(str(exc), request=request) from None
        except httpcore.ConnectError as exc:  # the pool closed
            raise httpx.ConnectError(str(exc), request=request) from None
        return await connection.exchange(request, self._asyncio.release)

    async def aclose(self) -> None:
        await super().aclose()
        if self._asyncio is not None:
            await self._asyncio.aclose()
        if self._mocked is not None:
            await self._mocked.aclose()

    def abandon(self) -> None:
        """Its event loop has closed: the sockets of its own connections are closed at once."""
        if self._asyncio is not None:
            self._asyncio.abandon()

    async def __aexit__(self, exc_type: type[BaseException] | None = None, exc_value: BaseException | None = None,
                        traceback: TracebackType | None = None) -> None:  # fmt: skip
        await self.aclose()


class _Cookies(httpx.Cookies):
    """httpx hands every response to the cookie jar, through two adapter objects, whether it sets a cookie or not
    (a tenth of a fan-out's CPU a request): only one that does is handed on."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


def async_http_client(
    max_connections: int,
    timeout: httpx.Timeout,
    *,
    proxy: httpx.Proxy | httpx.URL | str | None = None,
    trust_env: bool = True,
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` for ``max_connections`` requests in flight at once, each with its own connection
    (kept alive for reuse), over ``AsyncFanOutTransport``. Size it to the fan-out's concurrency: a smaller pool
    makes requests queue for a connection, counted in ``timeout.pool``.

    Proxies as ``httpx.AsyncClient`` takes them: ``proxy`` for every request, else (``trust_env``) the environment's
    ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``. A proxied origin is served by httpx's own
    transport and pool (CONNECT for https); the others by the fan-out pool."""
    if not isinstance(max_connections, int) or isinstance(max_connections, bool) or max_connections < 1:
        raise ValueError(f"max_connections must be a positive int, got {max_connections!r}")
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    client = httpx.AsyncClient(timeout=timeout, limits=limits, trust_env=trust_env,
                               transport=AsyncFanOutTransport(limits=limits, trust_env=trust_env),
                               mounts=proxy_mounts(proxy, trust_env, limits=limits))  # fmt: skip
    client._cookies = _Cookies(client.cookies)  # the same jar's behaviour; assigning .cookies would wrap it anew
    return client
