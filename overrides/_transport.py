"""Sending one operation: the URL, auth and headers added per request, retries, and logging.

The caller's ``httpx.Client`` is never mutated: everything of ours travels on the request, so one pool can serve
many configured copies of a client (``with_options``) and the caller's own hooks, proxies and transports apply.
"""

from __future__ import annotations

import logging
import math
import os
import random
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from ._exceptions import APIConnectionError, APIError, APIStatusError, APITimeoutError, status_error

log = logging.getLogger("clear_street")

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A server's Retry-After above this is ignored in favour of our own backoff: a kill switch must not stall."""
_RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True, slots=True)
class Settings:
    """What a client adds to every request. Built once per client, so a call does no option handling."""

    base_url: str
    headers: dict[str, str]
    timeout: httpx.Timeout
    max_retries: int


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first retry).

    A usable ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date) from the server wins; otherwise
    exponential backoff from 0.5 s, capped at 8 s, less up to 25% jitter so that clients do not retry in step.
    """
    if response is not None:
        after = _retry_after(response.headers)
        if after is not None and 0 <= after <= MAX_RETRY_AFTER:
            return after
    delay = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: httpx.Headers) -> float | None:
    try:
        if (milliseconds := headers.get("retry-after-ms")) is not None:
            return _finite(float(milliseconds) / 1000)
        if (value := headers.get("retry-after")) is None:
            return None
        try:
            return _finite(float(value))
        except ValueError:
            import email.utils  # lazily: only this rare form needs it, and it costs 8 ms at import

            when = email.utils.parsedate_to_datetime(value)  # an HTTP date
            return when.timestamp() - time.time()
    except (ValueError, TypeError, OverflowError):  # parsedate_to_datetime raises any of these on garbage
        return None


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def should_retry(error: APIError) -> bool:
    """Connection failures, timeouts, 408, 409, 429 and 5xx; never another 4xx or an invalid success body."""
    if isinstance(error, APIStatusError):
        return error.status_code in _RETRY_STATUSES or error.status_code >= 500
    return isinstance(error, APIConnectionError)


def build_request(
    http: httpx.Client | httpx.AsyncClient, settings: Settings, kwargs: dict[str, Any], timeout: httpx.Timeout | None
) -> httpx.Request:
    """The request for generated ``request_kwargs`` output, with our base URL, headers and timeout on it.

    The query is encoded here rather than by httpx, which would escape the commas that join an array
    (``style: form, explode: false``) and so turn two ids into one. Values never hold a comma of their own:
    the argument checks refuse them.
    """
    url = settings.base_url + kwargs["url"]
    if params := kwargs.get("params"):
        url += "?" + urlencode(params, quote_via=quote, safe=",")
    request = http.build_request(kwargs["method"], url, headers=settings.headers, timeout=timeout or settings.timeout)
    # The client merges its own default ``params`` into the URL: httpx 0.27 adds them, 0.28 replaces our query
    # with them, and a filtered cancel-all would go out unfiltered. The URL we built is the one that is sent.
    request.url = httpx.URL(url)
    return request


def _settle(
    request: httpx.Request, response: httpx.Response | None, exc: Exception | None, attempt: int, max_retries: int,
    start: float,
) -> float | None:  # fmt: skip
    """Judge one attempt: None when ``response`` is a 2xx to return, else seconds to wait before the next try.

    Raises the attempt's typed error when it may not be retried or the retries are spent.
    """
    error: APIError | None
    if isinstance(exc, httpx.TimeoutException):
        error = APITimeoutError(request)
    elif exc is not None:
        error = APIConnectionError(request, f"Connection error: {type(exc).__name__}: {exc}")
    else:
        assert response is not None
        error = None if response.is_success else status_error(response)
    if log.isEnabledFor(logging.DEBUG):
        outcome = response.status_code if response is not None else type(error).__name__
        request_id = error.request_id if error else response.headers.get("x-request-id") if response else None
        log.debug(
            "%s %s -> %s request_id=%s attempt=%d elapsed=%.1fms",
            request.method, request.url.path, outcome, request_id, attempt + 1, (time.perf_counter() - start) * 1000,
        )  # fmt: skip
    if error is None:
        return None
    if attempt >= max_retries or not should_retry(error):
        raise error
    delay = retry_delay(attempt, response)
    log.info("retrying after %s in %.2fs (retry %d of %d)", type(error).__name__, delay, attempt + 1, max_retries)
    return delay


def send(http: httpx.Client, request: httpx.Request, max_retries: int) -> httpx.Response:
    """Send with retries; the 2xx response with its body read, or the typed error of the last attempt."""
    for attempt in range(max_retries + 1):
        start = time.perf_counter()
        try:
            response = http.send(request)
        except httpx.HTTPError as exc:
            delay = _settle(request, None, exc, attempt, max_retries, start)
        else:
            if (delay := _settle(request, response, None, attempt, max_retries, start)) is None:
                return response
        time.sleep(delay)  # type: ignore[arg-type]  # _settle returns a delay for every failure or raises
    raise AssertionError("unreachable: the last attempt returns or raises")


async def send_async(http: httpx.AsyncClient, request: httpx.Request, max_retries: int) -> httpx.Response:
    """``send`` for an ``httpx.AsyncClient``."""
    for attempt in range(max_retries + 1):
        start = time.perf_counter()
        try:
            response = await http.send(request)
        except httpx.HTTPError as exc:
            delay = _settle(request, None, exc, attempt, max_retries, start)
        else:
            if (delay := _settle(request, response, None, attempt, max_retries, start)) is None:
                return response
        await _async_sleep(delay)  # type: ignore[arg-type]  # as in send
    raise AssertionError("unreachable: the last attempt returns or raises")


async def _async_sleep(delay: float) -> None:
    import asyncio  # lazily: a sync-only user should not pay its 12 ms of import

    await asyncio.sleep(delay)


def configure_logging_from_env() -> None:
    """``CLEAR_STREET_LOG=debug|info`` turns the ``clear_street`` logger on without code."""
    level = os.environ.get("CLEAR_STREET_LOG", "").strip().upper()
    if level in ("DEBUG", "INFO") and not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(level)
