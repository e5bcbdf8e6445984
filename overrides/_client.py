"""``ClearStreet`` and ``AsyncClearStreet``: options, resolved once into ``Settings``; the generated resources
(``client.v1.orders``) are mixed in and call ``_request``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Generic, Self, TypeVar

import httpx

from ._exceptions import ClearStreetError
from ._generated import api
from ._generated.api import AsyncResources, Resources
from ._generated.client import Envelope
from ._response import APIResponse
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
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Headers = None,
        strict_response_validation: bool = False,
        http_client: H | None = None,
    ) -> None:
        self.api_key = _api_key(api_key)
        self.base_url = _base_url(base_url, environment)
        self.timeout = _timeout(timeout) or DEFAULT_TIMEOUT
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ValueError(f"max_retries must be a non-negative int, got {max_retries!r}")
        self.max_retries = max_retries
        if not isinstance(strict_response_validation, bool):
            raise TypeError(f"strict_response_validation must be a bool, got {strict_response_validation!r}")
        self.strict_response_validation = strict_response_validation
        self._default_headers = httpx.Headers(default_headers)  # names in any case: a later one replaces an earlier
        headers = httpx.Headers({"Accept": "application/json", "User-Agent": USER_AGENT})
        headers.update(self._default_headers)
        headers["Authorization"] = f"Bearer {self.api_key}"
        self._settings = Settings(self.base_url, headers, self.timeout)
        self._owns_http = http_client is None
        self._http: H = self._new_http() if http_client is None else _checked(http_client, self._http_class)
        self._closed = False
        configure_logging_from_env()
        api.load_all()  # the resources and models: here, as httpx.Client() imports httpcore, so no call imports

    def _new_http(self) -> H:
        return self._http_class(timeout=self.timeout, limits=DEFAULT_LIMITS)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
        default_headers: Headers = None,
        strict_response_validation: bool | None = None,
        http_client: H | None = None,
    ) -> Self:
        """A copy with some options changed, checked as the constructor checks them; it shares this client's
        connection pool unless given another, and closing it leaves that pool open."""
        changes = {"api_key": api_key, "environment": environment, "base_url": base_url, "timeout": timeout,
                   "max_retries": max_retries, "strict_response_validation": strict_response_validation}  # fmt: skip
        options: dict[str, Any] = {"api_key": self.api_key, "timeout": self.timeout, "max_retries": self.max_retries,
                                   "strict_response_validation": self.strict_response_validation,
                                   "base_url": None if environment is not None else self.base_url}  # fmt: skip
        options.update((name, value) for name, value in changes.items() if value is not None)
        headers = httpx.Headers(self._default_headers)
        headers.update(default_headers)
        return type(self)(**options, default_headers=headers, http_client=self._http if http_client is None
                          else http_client)  # fmt: skip

    def _build(self, request: dict[str, Any], timeout: Timeout, extra_headers: Headers, extra_query: Headers,
               extra_body: Mapping[str, Any] | None) -> httpx.Request:  # fmt: skip
        if self._closed or self._http.is_closed:
            raise ClearStreetError(f"This {type(self).__name__} is closed; create a new client to send requests")
        return build_request(self._http, self._settings, request, _timeout(timeout), extra_headers, extra_query,
                             extra_body)  # fmt: skip

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"


class ClearStreet(Resources, _BaseClient[httpx.Client]):
    """Synchronous client: ``client.v1.orders.cancel_open_order(...)`` and ``cancel_all_open_orders(...)``."""

    _http_class = httpx.Client

    def _request(self, request: dict[str, Any], model: type[E], *, extra_headers: Headers, extra_query: Headers,
                 extra_body: Mapping[str, Any] | None = None, timeout: Timeout) -> APIResponse[E]:  # fmt: skip
        built = self._build(request, timeout, extra_headers, extra_query, extra_body)
        return APIResponse(send(self._http, built, self.max_retries), model, self.strict_response_validation)

    def close(self) -> None:
        """Close the connection pool if this client made it; calls after this raise ``ClearStreetError``."""
        self._closed = True
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClearStreet(AsyncResources, _BaseClient[httpx.AsyncClient]):
    """Asynchronous client; the same options and calls as ``ClearStreet``, awaited. Safe to share between
    tasks: concurrent calls share one connection pool. Runs under asyncio and trio."""

    _http_class = httpx.AsyncClient

    def _new_http(self) -> httpx.AsyncClient:  # the fan-out pool; imported here, as httpx imports httpcore
        from ._pool import async_http_client

        return async_http_client(DEFAULT_LIMITS.max_connections or 1, self.timeout)

    async def _request(self, request: dict[str, Any], model: type[E], *, extra_headers: Headers, extra_query: Headers,
                       extra_body: Mapping[str, Any] | None = None, timeout: Timeout) -> APIResponse[E]:  # fmt: skip
        built = self._build(request, timeout, extra_headers, extra_query, extra_body)
        response = await send_async(self._http, built, self.max_retries)
        return APIResponse(response, model, self.strict_response_validation)

    async def close(self) -> None:
        """Close the connection pool if this client made it; calls after this raise ``ClearStreetError``."""
        self._closed = True
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def _checked(given: Any, cls: type[H]) -> H:
    if not isinstance(given, cls):
        raise TypeError(f"http_client must be an {cls.__module__}.{cls.__qualname__}, got {type(given).__name__}")
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


def _base_url(given: str | httpx.URL | None, environment: str | None) -> str:
    """The given URL, else the environment's, else ``$CLEAR_STREET_BASE_URL`` (empty means unset), else
    production. An empty ``base_url`` is refused: falling back to production on a typo would be the worst outcome."""
    if given is not None and environment is not None:
        raise ValueError("Pass base_url or environment, not both")
    if environment is not None and environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {', '.join(ENVIRONMENTS)}, got {environment!r}")
    if given is not None and not str(given).strip():
        raise ValueError("base_url must not be empty; leave it out (None) for $CLEAR_STREET_BASE_URL or production")
    raw = given or (ENVIRONMENTS[environment] if environment else None)
    raw = raw or os.environ.get("CLEAR_STREET_BASE_URL") or ENVIRONMENTS["production"]
    url = httpx.URL(str(raw))
    if url.scheme not in ("http", "https") or not url.host or url.query or url.fragment:
        raise ValueError(f"base_url must be an http(s) URL without query or fragment, got {str(raw)!r}")
    return str(url).rstrip("/")


def _timeout(given: Timeout) -> httpx.Timeout | None:
    if given is None or isinstance(given, httpx.Timeout):
        return given
    if isinstance(given, bool) or not isinstance(given, (int, float)) or not given > 0:
        raise ValueError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {given!r}")
    return httpx.Timeout(float(given), connect=min(float(given), DEFAULT_TIMEOUT.connect or float(given)))
