"""``ClearStreet`` and ``AsyncClearStreet``: options, resolved once into ``Settings``, and the resources."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Self, TypeVar

import httpx

from ._exceptions import ClearStreetError
from ._resources import V1, AsyncV1
from ._response import APIResponse, Envelope
from ._transport import Settings, build_request, configure_logging_from_env, send, send_async
from ._version import __version__

__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "ENVIRONMENTS", "AsyncClearStreet", "ClearStreet"]

E = TypeVar("E", bound=Envelope)
H = TypeVar("H", httpx.Client, httpx.AsyncClient)

ENVIRONMENTS = {"production": "https://api.clearstreet.com"}
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


class _Options:
    """The constructor options and ``with_options``, shared by both clients; the key never reaches a repr."""

    api_key: str
    base_url: str
    max_retries: int
    strict_response_validation: bool
    timeout: httpx.Timeout
    _http: Any
    _http_class: type[httpx.Client] | type[httpx.AsyncClient]
    _settings: Settings
    _default_headers: dict[str, str]

    def _configure(
        self,
        *,
        api_key: str | None,
        environment: str | None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        strict_response_validation: bool,
    ) -> None:
        self.api_key = _api_key(api_key)
        self.base_url = _base_url(base_url, environment)
        self.timeout = _timeout(timeout) or DEFAULT_TIMEOUT
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ValueError(f"max_retries must be a non-negative int, got {max_retries!r}")
        self.max_retries = max_retries
        self._default_headers = dict(default_headers or {})
        headers = {
            "Accept": "application/json",
            "User-Agent": f"clear-street/{__version__} python-httpx/{httpx.__version__}",
            **self._default_headers,
            "Authorization": f"Bearer {self.api_key}",
        }
        if not isinstance(strict_response_validation, bool):
            raise TypeError(f"strict_response_validation must be a bool, got {strict_response_validation!r}")
        self.strict_response_validation = strict_response_validation
        self._settings = Settings(self.base_url, headers, self.timeout, max_retries)
        configure_logging_from_env()

    def with_options(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        strict_response_validation: bool | None = None,
        http_client: Any = None,
    ) -> Self:
        """A copy with some options changed, sharing this client's connection pool unless given another."""
        copy = object.__new__(type(self))
        copy._configure(
            api_key=api_key or self.api_key,
            environment=environment,
            base_url=base_url or (None if environment else self.base_url),
            timeout=timeout or self.timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers={**self._default_headers, **(default_headers or {})},
            strict_response_validation=self.strict_response_validation
            if strict_response_validation is None
            else strict_response_validation,
        )
        copy._http = self._http if http_client is None else _http_client(http_client, self._http_class, copy.timeout)
        copy._attach()
        return copy

    def _attach(self) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"


class ClearStreet(_Options):
    """Synchronous client. ``client.v1.orders.cancel_open_order(...)`` and ``cancel_all_open_orders(...)``.

    ``api_key`` defaults to ``$CLEAR_STREET_API_KEY``; ``base_url`` to ``$CLEAR_STREET_BASE_URL``, else the
    ``environment``'s URL. Pass ``http_client`` to use your own ``httpx.Client`` (proxies, transports, hooks):
    the base URL, auth and headers go on each request, so it is not modified. ``close()`` closes it.
    """

    v1: V1
    _http_class = httpx.Client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        strict_response_validation: bool = False,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._configure(
            api_key=api_key, environment=environment, base_url=base_url, timeout=timeout,
            max_retries=max_retries, default_headers=default_headers,
            strict_response_validation=strict_response_validation,
        )  # fmt: skip
        self._http = _http_client(http_client, self._http_class, self.timeout)
        self._attach()

    def _attach(self) -> None:
        self.v1 = V1(self)

    def _request(self, kwargs: dict[str, Any], model: type[E], timeout: float | httpx.Timeout | None) -> APIResponse[E]:
        request = build_request(self._http, self._settings, kwargs, _timeout(timeout))
        response = send(self._http, request, self._settings.max_retries)
        return APIResponse(response, model, self.strict_response_validation)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClearStreet(_Options):
    """Asynchronous client; the same options and calls as ``ClearStreet``, awaited. Safe to share between
    tasks: concurrent calls share one connection pool."""

    v1: AsyncV1
    _http_class = httpx.AsyncClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        strict_response_validation: bool = False,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._configure(
            api_key=api_key, environment=environment, base_url=base_url, timeout=timeout,
            max_retries=max_retries, default_headers=default_headers,
            strict_response_validation=strict_response_validation,
        )  # fmt: skip
        self._http = _http_client(http_client, self._http_class, self.timeout)
        self._attach()

    def _attach(self) -> None:
        self.v1 = AsyncV1(self)

    async def _request(
        self, kwargs: dict[str, Any], model: type[E], timeout: float | httpx.Timeout | None
    ) -> APIResponse[E]:
        request = build_request(self._http, self._settings, kwargs, _timeout(timeout))
        response = await send_async(self._http, request, self._settings.max_retries)
        return APIResponse(response, model, self.strict_response_validation)

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def _http_client(given: H | None, cls: type[H], timeout: httpx.Timeout) -> H:
    if given is None:
        return cls(timeout=timeout, limits=DEFAULT_LIMITS)
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
    if given is not None and environment is not None:
        raise ValueError("Pass base_url or environment, not both")
    if environment is not None and environment not in ENVIRONMENTS:
        raise ValueError(f"environment must be one of {', '.join(ENVIRONMENTS)}, got {environment!r}")
    raw = given or (ENVIRONMENTS[environment] if environment else None)
    raw = raw or os.environ.get("CLEAR_STREET_BASE_URL") or ENVIRONMENTS["production"]
    url = httpx.URL(str(raw))
    if url.scheme not in ("http", "https") or not url.host or url.query or url.fragment:
        raise ValueError(f"base_url must be an http(s) URL without query or fragment, got {str(raw)!r}")
    return str(url).rstrip("/")


def _timeout(given: float | httpx.Timeout | None) -> httpx.Timeout | None:
    if given is None or isinstance(given, httpx.Timeout):
        return given
    if isinstance(given, bool) or not isinstance(given, (int, float)) or not given > 0:
        raise ValueError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {given!r}")
    return httpx.Timeout(float(given), connect=min(float(given), DEFAULT_TIMEOUT.connect or float(given)))
