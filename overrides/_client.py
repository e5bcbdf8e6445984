"""``ClearStreet`` and ``AsyncClearStreet``: options, resolved once into ``Settings``; the generated resources
(``client.v1.orders``) are mixed in and call ``_request``."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from typing import Any, Generic, Self, TypeVar

import httpx

from ._exceptions import APIConnectionError, ClearStreetError
from ._generated.api import AsyncResources, Resources
from ._generated.client import Envelope
from ._not_given import NOT_GIVEN, NotGiven
from ._response import APIResponse, AsyncAPIResponse
from ._transport import Settings, build_request, configure_logging_from_env, send, send_async
from ._version import __version__

E = TypeVar("E", bound=Envelope)
H = TypeVar("H", httpx.Client, httpx.AsyncClient)
Headers = Mapping[str, str] | None
Timeout = float | httpx.Timeout | None

ENVIRONMENTS = {"production": "https://api.clearstreet.com"}
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)
MAX_TIMEOUT = 1e9
"""Seconds; a longer one (``inf`` included) overflows the clocks under every call. ``None`` means no timeout."""
_NO_TIMEOUT = httpx.Timeout(None)
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)  # what a caller's httpx client has when none was given to it
DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024
"""Decoded bytes of one response body: a 100,000-order book is 58 MB; a gzip bomb stops here."""
USER_AGENT = f"clear-street/{__version__} python-httpx/{httpx.__version__}"


class _BaseClient(Generic[H]):
    """What both clients share: the options, checked once (the key never reaches a repr), and the pool.

    ``api_key`` defaults to ``$CLEAR_STREET_API_KEY``; ``base_url`` to ``$CLEAR_STREET_BASE_URL``, else the
    ``environment``'s URL. Pass ``http_client`` (an ``httpx.Client``, or ``httpx.AsyncClient`` for the async client)
    to use your own proxies, transports and hooks: the base URL, auth and headers go on each request, so it is not
    modified, and it stays yours to close. A client closes only the pool it made itself; a copy from
    ``with_options`` never closes the pool it shares with its parent.
    """

    _http_class: type[H]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | NotGiven | None = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers = None,
        strict_response_validation: bool = False,
        http_client: H | None = None,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.api_key = _api_key(api_key)
        url = _base_url(base_url, environment)
        if isinstance(timeout, NotGiven):  # a caller's client keeps the timeout it was given, as in the official SDK
            given = http_client.timeout if isinstance(http_client, httpx.Client | httpx.AsyncClient) else None
            timeout = given if given is not None and given != _HTTPX_DEFAULT_TIMEOUT else DEFAULT_TIMEOUT
        self.timeout = _timeout(timeout)
        self.max_retries = _max_retries(max_retries)
        if not isinstance(strict_response_validation, bool):
            raise TypeError(f"strict_response_validation must be a bool, got {strict_response_validation!r}")
        self.strict_response_validation = strict_response_validation
        self.deadline = _deadline(deadline)
        if not isinstance(max_response_bytes, int) or isinstance(max_response_bytes, bool) or max_response_bytes < 1:
            raise ValueError(f"max_response_bytes must be a positive int, got {max_response_bytes!r}")
        self.max_response_bytes = max_response_bytes
        self._default_headers = httpx.Headers(default_headers)  # names in any case: a later one replaces an earlier
        headers = httpx.Headers({"Accept": "application/json", "User-Agent": USER_AGENT})
        headers.update(self._default_headers)
        headers["Authorization"] = f"Bearer {self.api_key}"
        self._settings = Settings(url, headers, self.timeout or httpx.Timeout(None))
        self._owns_http = http_client is None
        self._pool: _Pool[H] = _Pool(self._new_pool(), self._new_pool) if http_client is None else (
            _Pool(_checked(http_client, self._http_class), None))  # fmt: skip
        self._closed = False
        configure_logging_from_env()

    @property
    def base_url(self) -> httpx.URL:
        """With a trailing slash, as in the official SDK; assigning one checks it as the constructor does."""
        return httpx.URL(self._settings.base_url + "/")

    @base_url.setter
    def base_url(self, url: str | httpx.URL) -> None:
        self._settings = self._settings._replace(base_url=_base_url(url, None))

    @property
    def default_headers(self) -> httpx.Headers:
        """The headers every request carries, the key's aside: ours and ``default_headers``. A copy."""
        headers = httpx.Headers(self._settings.headers)
        del headers["Authorization"]
        return headers

    def is_closed(self) -> bool:
        """Whether calls are refused: this client was closed, or the ``http_client`` it uses was."""
        return self._closed or self._http.is_closed

    def preload(self) -> None:
        """Import and build now what the first call of each operation would (its request builder, its models and
        their msgspec decoders; about 30 ms): a client made at start-up then sends its first cancel, the kill
        switch's moment, at the speed of every later one. Without it each operation pays at its first call."""
        from . import _generated, _lazy, _wire

        for model in _lazy.preload(self, _generated.api.__name__):
            _wire.prepare(model)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Headers = None,
        set_default_headers: Headers = None,
        strict_response_validation: bool | None = None,
        http_client: H | None = None,
        deadline: float | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """A copy with some options changed, checked as the constructor checks them; it shares this client's
        connection pool unless given another, and closing it leaves that pool open. ``default_headers`` are
        added to this client's, ``set_default_headers`` replace them. ``copy`` is the same method."""
        if default_headers is not None and set_default_headers is not None:
            raise ValueError("The `default_headers` and `set_default_headers` arguments are mutually exclusive")
        options: dict[str, Any] = {
            "api_key": self.api_key if api_key is None else api_key,
            "environment": environment,
            "base_url": None if environment is not None else self.base_url if base_url is None else base_url,
            "timeout": self.timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            "strict_response_validation": self.strict_response_validation if strict_response_validation is None
            else strict_response_validation,
        }  # fmt: skip
        headers = httpx.Headers(self._default_headers if set_default_headers is None else set_default_headers)
        headers.update(default_headers)
        copy = type(self)(**options, default_headers=headers, http_client=self._http if http_client is None
                          else http_client, deadline=self.deadline if deadline is None else deadline,
                          max_response_bytes=self.max_response_bytes if max_response_bytes is None
                          else max_response_bytes)  # fmt: skip
        if http_client is None:
            copy._pool = self._pool  # shared, and followed to a fresh pool in a forked child or another event loop
        return copy

    def _new_pool(self) -> H:
        return self._http_class(timeout=self.timeout, limits=DEFAULT_LIMITS)

    @property
    def _http(self) -> H:
        return self._pool.http

    copy = with_options

    def _build(self, request: dict[str, Any], timeout: Timeout | NotGiven, extra_headers: Headers,
               extra_query: Headers, extra_body: Mapping[str, Any] | None) -> httpx.Request:  # fmt: skip
        if self.is_closed():
            raise ClearStreetError(f"This {type(self).__name__} is closed; create a new client to send requests")
        # Per call, as in the official SDK: not given is the client's timeout, None is none at all.
        chosen = None if isinstance(timeout, NotGiven) else _timeout(timeout) or _NO_TIMEOUT
        return build_request(self._http, self._settings, request, chosen, extra_headers, extra_query,
                             extra_body)  # fmt: skip

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url='{self.base_url}', max_retries={self.max_retries})"


class ClearStreet(Resources, _BaseClient[httpx.Client]):
    """Synchronous client: ``client.v1.orders.cancel_open_order(...)`` and ``cancel_all_open_orders(...)``."""

    _http_class = httpx.Client

    def _request(self, request: dict[str, Any], model: type[E], *, extra_headers: Headers, extra_query: Headers,
                 extra_body: Mapping[str, Any] | None = None, timeout: Timeout | NotGiven = NOT_GIVEN,
                 deadline: float | None = None) -> APIResponse[E]:  # fmt: skip
        http = self._pool.current()
        built = self._build(request, timeout, extra_headers, extra_query, extra_body)
        seconds = self.deadline if deadline is None else _deadline(deadline)
        sent = send(http, built, self.max_retries, seconds, self.max_response_bytes)
        return APIResponse(sent, model, self.strict_response_validation)

    def close(self) -> None:
        """Close the connection pool if this client made it; calls after this raise ``ClearStreetError``."""
        self._closed = True
        if self._owns_http:
            self._pool.current().close()  # in a forked child, the child's own pool

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClearStreet(AsyncResources, _BaseClient[httpx.AsyncClient]):
    """Asynchronous client; the same options and calls as ``ClearStreet``, awaited. Safe to share between
    tasks: concurrent calls share one connection pool. Runs under asyncio and trio."""

    _http_class = httpx.AsyncClient

    def _new_pool(self) -> httpx.AsyncClient:  # the fan-out pool; imported here, as httpx imports httpcore
        from ._pool import async_http_client

        return async_http_client(DEFAULT_LIMITS.max_connections or 1, self._settings.timeout)

    async def _request(self, request: dict[str, Any], model: type[E], *, extra_headers: Headers, extra_query: Headers,
                       extra_body: Mapping[str, Any] | None = None, timeout: Timeout | NotGiven = NOT_GIVEN,
                       deadline: float | None = None) -> AsyncAPIResponse[E]:  # fmt: skip
        http = self._pool.current_async()
        built = self._build(request, timeout, extra_headers, extra_query, extra_body)
        if http is None:
            raise APIConnectionError(built, "http_client was used under an event loop that has since closed, and its "
                                     "pooled connections cannot be used from another: nothing was sent; pass an "
                                     "httpx.AsyncClient made in this event loop")  # fmt: skip
        seconds = self.deadline if deadline is None else _deadline(deadline)
        sent = await send_async(http, built, self.max_retries, seconds, self.max_response_bytes)
        return AsyncAPIResponse(sent, model, self.strict_response_validation)

    async def close(self) -> None:
        """Close the connection pool if this client made it; calls after this raise ``ClearStreetError``."""
        self._closed = True
        if self._owns_http and (http := self._pool.current_async()) is not None:  # this loop's pool, fresh if need be
            await http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


_forks = 0
"""Forks of this process so far, as its child sees it: a pool made before a fork is the parent's."""


def _count_fork() -> None:
    global _forks
    _forks += 1


os.register_at_fork(after_in_child=_count_fork)


class _Pool(Generic[H]):
    """The connection pool a client and its copies send through. One the client made is replaced by a fresh one in a
    forked child (parent and child would read each other's responses off shared sockets) and under another event
    loop (an asyncio or trio connection cannot outlive its loop); an ended asyncio loop's sockets are closed then,
    others as the old pool is collected."""

    __slots__ = ("forks", "http", "loop", "make")
    http: H
    make: Callable[[], H] | None
    loop: object

    def __init__(self, http: H, make: Callable[[], H] | None) -> None:
        self.http, self.make = http, make  # make: how the client made it; None for the caller's, never replaced
        self.forks, self.loop = _forks, None  # the event loop it was last used under

    def current(self) -> H:
        if self.forks != _forks and self.make is not None:
            self.http, self.forks = self.make(), _forks
        return self.http

    def current_async(self) -> H | None:
        """The pool for the running event loop; None for a caller's client last used under a loop now closed."""
        loop = _running_loop()
        if loop is not self.loop:
            if self.make is not None and self.loop is not None:
                if _finished(self.loop):
                    _abandon(self.http)
                self.http = self.make()
            elif self.make is None and self.loop is not None and _finished(self.loop):
                return None
            self.loop = loop
        return self.current()


def _running_loop() -> object:
    """The running asyncio loop, else trio's run (its token): the two runners httpx supports."""
    import asyncio  # imported already when it runs; lazily, so that a sync-only user does not pay for it

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        import trio

        return trio.lowlevel.current_trio_token()


def _abandon(http: object) -> None:
    """Close at once the sockets of a pool whose event loop has ended, if its transport can (the fan-out one's)."""
    abandon = getattr(getattr(http, "_transport", None), "abandon", None)
    if abandon is not None:
        abandon()


def _finished(loop: object) -> bool:
    import asyncio

    if isinstance(loop, asyncio.AbstractEventLoop):
        return loop.is_closed()
    import trio

    try:
        loop.run_sync_soon(lambda: None)  # type: ignore[attr-defined]
    except trio.RunFinishedError:
        return True
    return False


def _deadline(given: float | None) -> float | None:
    if given is None:
        return None
    if isinstance(given, bool) or not isinstance(given, (int, float)) or not (0 < given < math.inf):
        raise ValueError(f"deadline must be a positive finite number of seconds, got {given!r}")
    return float(given)


def _checked(given: Any, cls: type[H]) -> H:
    if not isinstance(given, cls):
        raise TypeError(f"http_client must be an {cls.__module__}.{cls.__qualname__}, got {type(given).__name__}")
    if given.follow_redirects:  # a 302 or 303 would turn the DELETE into a GET, and its 200 into a done cancel
        raise ValueError("http_client must not follow redirects: a redirected cancel is not a cancel")
    # Its default query would be merged into every request's, and its auth would replace our API key: refuse
    # both rather than send a cancel other than the one asked for.
    if given.params:
        raise ValueError("http_client must not have default params: clear_street sends exactly the spec's query")
    if given.auth is not None:
        raise ValueError("http_client must not have auth: it would replace the API key; pass api_key instead")
    return given


def _api_key(given: str | None) -> str:
    key = given if given is not None else os.environ.get("CLEAR_STREET_API_KEY")
    if not key:
        raise ClearStreetError(
            "No API key: pass api_key=... to the client or set the CLEAR_STREET_API_KEY environment variable"
        )
    if not isinstance(key, str) or not (key.isascii() and key.isprintable()) or key != key.strip():
        # A header cannot carry it; say so without echoing the key.
        raise ClearStreetError("The API key must be printable ASCII without surrounding spaces")
    return key


def _base_url(given: str | httpx.URL | NotGiven | None, environment: str | None) -> str:
    """The given URL, else the environment's, else ``$CLEAR_STREET_BASE_URL`` (empty means unset), else
    production. An empty ``base_url`` is refused: falling back to production on a typo would be the worst outcome;
    so is an ``environment`` while the variable is set, unless ``base_url=None`` says to ignore it."""
    if given and environment is not None:
        raise ValueError("Pass base_url or environment, not both")
    if environment is not None and environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {', '.join(ENVIRONMENTS)}, got {environment!r}")
    if isinstance(given, str | httpx.URL) and not str(given).strip():
        raise ValueError("base_url must not be empty; leave it out (None) for $CLEAR_STREET_BASE_URL or production")
    from_env = os.environ.get("CLEAR_STREET_BASE_URL")
    if environment is not None and from_env and isinstance(given, NotGiven):
        raise ValueError("Ambiguous URL: $CLEAR_STREET_BASE_URL and environment are both given; to use the "
                         "environment, you must pass base_url=None")  # fmt: skip
    raw = given or (ENVIRONMENTS[environment] if environment else None) or from_env or ENVIRONMENTS["production"]
    try:
        url = httpx.URL(str(raw))
    except httpx.InvalidURL as exc:  # its message names the part, not the whole URL (which may hold a password)
        raise ValueError(f"base_url is not a valid URL: {exc}") from None
    if url.userinfo:  # httpx would send it as Basic auth instead of the key, and every repr would show it
        raise ValueError("base_url must not contain a user name or password; pass the key as api_key")
    if url.scheme not in ("http", "https") or not url.host or url.query or url.fragment:
        raise ValueError(f"base_url must be an http(s) URL without query or fragment, got {str(raw)!r}")
    return str(url).rstrip("/")


def _max_retries(given: int) -> int:
    if not isinstance(given, int) or isinstance(given, bool):
        raise TypeError(f"max_retries cannot be {given!r}: pass an int, 0 to disable retries")
    if given < 0:
        raise ValueError(f"max_retries must be a non-negative int, got {given!r}")
    return given


def _timeout(given: Timeout) -> httpx.Timeout | None:
    """An ``httpx.Timeout``, every phase checked; a number applies to every phase, as in httpx and the official
    SDK; ``None`` is no timeout at all."""
    if given is None:
        return None
    if isinstance(given, httpx.Timeout):
        phases = (given.connect, given.read, given.write, given.pool)
        if all(phase is None or _seconds(phase, 0.0) for phase in phases):
            return given
    elif _seconds(given, 0.0) and given > 0:
        return httpx.Timeout(float(given))
    raise ValueError(f"timeout must be a positive number of seconds (at most {MAX_TIMEOUT:g}), an httpx.Timeout or "
                     f"None for no timeout, got {given!r}")  # fmt: skip


def _seconds(given: object, minimum: float) -> bool:
    return isinstance(given, int | float) and not isinstance(given, bool) and minimum <= given <= MAX_TIMEOUT
