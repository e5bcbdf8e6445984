"""Sending one operation: the URL, auth and headers added per request, retries, and logging.

The caller's ``httpx.Client`` is never mutated: everything of ours travels on the request, so one pool can serve
many configured copies of a client (``with_options``) and the caller's own hooks, proxies and transports apply.
"""

from __future__ import annotations

import logging
import math
import os
import random
import re
import time
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode

import httpx

from ._exceptions import APIConnectionError, APIError, APIStatusError, APITimeoutError, status_error

log = logging.getLogger("clear_street")

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A server's Retry-After above this is ignored in favour of our own backoff: a kill switch must not stall."""
_RETRY_STATUSES = frozenset({408, 409, 429})


class Settings(NamedTuple):
    """What a client adds to every request. Built once per client, so a call does no option handling."""

    base_url: str
    headers: httpx.Headers  # httpx copies a Headers as a list; a dict it would parse on every request
    timeout: httpx.Timeout


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first retry).

    A ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date) from the server above 0 and up to 60 s wins,
    as in the official SDK; otherwise exponential backoff from 0.5 s, capped at 8 s, less up to 25% jitter so that
    clients do not retry in step.
    """
    if response is not None:
        after = _retry_after(response.headers)
        if after is not None and 0 < after <= MAX_RETRY_AFTER:
            return after
    delay = min(INITIAL_RETRY_DELAY * 2.0 ** min(attempt, 16), MAX_RETRY_DELAY)  # 2.0**1024 would overflow
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: httpx.Headers) -> float | None:
    """The first of ``retry-after-ms``, ``Retry-After`` in seconds, ``Retry-After`` as an HTTP date that reads as
    a number of seconds: one that does not leaves the next its say."""
    if (milliseconds := _number(headers.get("retry-after-ms"))) is not None:
        return milliseconds / 1000
    if (value := headers.get("retry-after")) is None:
        return None
    if (seconds := _number(value)) is not None:
        return seconds
    import email.utils  # lazily: only this rare form needs it, and it costs 8 ms at import

    try:
        return email.utils.parsedate_to_datetime(value).timestamp() - time.time()  # an HTTP date
    except (ValueError, TypeError, OverflowError):  # parsedate_to_datetime raises any of these on garbage
        return None


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def should_retry(error: APIError) -> bool:
    """What the server's ``x-should-retry: true|false`` says, as in the official SDK; otherwise connection
    failures, timeouts, 408, 409, 429 and 5xx, never another 4xx or an invalid success body."""
    if isinstance(error, APIStatusError):
        verdict = error.response.headers.get("x-should-retry")
        if verdict in ("true", "false"):
            return bool(verdict == "true")
        return error.status_code in _RETRY_STATUSES or error.status_code >= 500
    return isinstance(error, APIConnectionError)


def build_request(
    http: httpx.Client | httpx.AsyncClient, settings: Settings, request: dict[str, Any], timeout: httpx.Timeout | None,
    extra_headers: Mapping[str, str] | None, extra_query: Mapping[str, str] | None,
    extra_body: Mapping[str, Any] | None,
) -> httpx.Request:  # fmt: skip
    """The ``httpx.Request`` for a generated ``request_kwargs`` result, with our base URL, headers and timeout.

    The generated builder has encoded the query already, as the spec's types and styles say (the commas that join
    an array stay literal; httpx would escape them). ``extra_query`` adds parameters the spec does not know; one
    that repeats the operation's own is refused, since the server would then see a filter twice.
    """
    url, query = settings.base_url + request["path"], request["query"]
    if extra_query:
        own = {part.partition("=")[0] for part in query.split("&")}
        if repeated := own.intersection(extra_query):
            raise ValueError(f"extra_query must not repeat the operation's own parameters: {sorted(repeated)}")
        extra = urlencode(extra_query, quote_via=quote)
        query = f"{query}&{extra}" if query else extra
    if query:
        url += "?" + query
    body = {**(request["json"] or {}), **extra_body} if extra_body else request["json"]
    headers = settings.headers
    if extra_headers:  # by name in any case: "authorization" replaces ours rather than going out beside it
        headers = httpx.Headers(headers)
        headers.update(extra_headers)
    built = http.build_request(request["method"], url, headers=headers, json=body, timeout=timeout or settings.timeout)
    if http.params:  # httpx 0.27 adds a client's default params to our query, 0.28 replaces our query with them
        built.url = httpx.URL(url)  # a filtered cancel-all must not go out unfiltered: send the URL we built
    return built


class Sent(NamedTuple):
    """A 2xx and how it came: the attempts before it, the seconds the whole call took, and an earlier attempt that
    may have reached the server (the 2xx may then describe a second look at a cancel the first one made)."""

    response: httpx.Response
    retries_taken: int
    elapsed: float
    earlier_attempt: APIError | None


class _Call:
    """One call's attempts: judges each, logs it, and remembers an attempt that may have reached the server, so
    the final error can say the cancel may already have taken effect."""

    __slots__ = ("attempt", "max_retries", "reached", "request", "start")

    def __init__(self, request: httpx.Request, max_retries: int) -> None:
        self.request, self.max_retries = request, max_retries
        self.attempt, self.start = 0, time.perf_counter()
        self.reached: APIError | None = None

    def judge(self, response: httpx.Response | None, exc: Exception | None, attempt_start: float) -> Sent | float:
        """The ``Sent`` of a 2xx, else the seconds to wait before the next attempt; raises the typed error when
        the failure may not be retried or the retries are spent."""
        error = _error(self.request, response, exc)
        retry = error is not None and self.attempt < self.max_retries and should_retry(error)
        delay = retry_delay(self.attempt, response) if retry else None
        self._log(logging.DEBUG, response, error, "attempt", attempt_start, delay)
        if error is None:
            assert response is not None
            self._log(logging.INFO, response, None, "attempts", self.start)
            return Sent(response, self.attempt, time.perf_counter() - self.start, self.reached)
        if delay is not None:
            if _may_have_reached(error):
                self.reached = error
            self.attempt += 1
            return delay
        error.retries_taken = self.attempt
        self._log(logging.INFO, response, error, "attempts", self.start)
        if self.reached is not None:
            error.earlier_attempt = self.reached
            raise error from self.reached
        raise error

    def _log(self, level: int, response: httpx.Response | None, error: APIError | None, counted: str, since: float,
             delay: float | None = None) -> None:  # fmt: skip
        """DEBUG: one line per attempt; INFO: one per call. Request ids are looked for only when it is on."""
        if log.isEnabledFor(level):
            outcome = response.status_code if response is not None else type(error).__name__
            retrying = "" if delay is None else f" retrying in {delay:.2f}s"
            log.log(level, "%s %s -> %s request_id=%s %s=%d elapsed=%.1fms%s", self.request.method,
                    self.request.url.path, outcome, _request_id(response, error), counted, self.attempt + 1,
                    (time.perf_counter() - since) * 1000, retrying)  # fmt: skip


def _error(request: httpx.Request, response: httpx.Response | None, exc: Exception | None) -> APIError | None:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request, exc)
    if exc is not None:
        host = request.url.host
        return APIConnectionError(request, f"Connection error talking to {host}: {type(exc).__name__}: {exc}", exc)
    assert response is not None
    return None if response.is_success else status_error(response)


_AFTER_SENDING = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError)


def _may_have_reached(error: APIError) -> bool:
    """A failure after the request was sent: a read timeout, a dropped or broken reply, a gateway's 5xx."""
    if isinstance(error, APIStatusError):
        return error.status_code in (500, 502, 504)
    return isinstance(error.__cause__, _AFTER_SENDING)


_REQUEST_ID = re.compile(rb'"request_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _request_id(response: httpx.Response | None, error: APIError | None) -> str | None:
    """For the log, as ``request_id_of`` has it: the body's ``metadata.request_id``, else the header. Found without
    decoding the body, from its end, where the envelope's metadata is: not through ten thousand orders (3 ms)."""
    if error is not None:
        return error.request_id
    assert response is not None  # no error: a 2xx came
    body = response.content
    found = _REQUEST_ID.match(body, start) if (start := body.rfind(b'"request_id"')) >= 0 else None
    return found.group(1).decode("utf-8", "replace") if found else response.headers.get("x-request-id")


def send(http: httpx.Client, request: httpx.Request, max_retries: int) -> Sent:
    """Send with retries; the 2xx response with its body read, or the typed error of the last attempt."""
    call = _Call(request, max_retries)
    while True:
        attempt_start = time.perf_counter()
        try:
            outcome = call.judge(http.send(request), None, attempt_start)
        except httpx.HTTPError as exc:
            outcome = call.judge(None, exc, attempt_start)
        if isinstance(outcome, Sent):
            return outcome
        time.sleep(outcome)


async def send_async(http: httpx.AsyncClient, request: httpx.Request, max_retries: int) -> Sent:
    """``send`` for an ``httpx.AsyncClient``; sleeps through anyio, so it runs under asyncio and trio alike."""
    call = _Call(request, max_retries)
    while True:
        attempt_start = time.perf_counter()
        try:
            outcome = call.judge(await http.send(request), None, attempt_start)
        except httpx.HTTPError as exc:
            outcome = call.judge(None, exc, attempt_start)
        if isinstance(outcome, Sent):
            return outcome
        import anyio  # lazily: a sync-only user should not pay for its import

        await anyio.sleep(outcome)


def configure_logging_from_env() -> None:
    """``CLEAR_STREET_LOG=debug|info`` turns the ``clear_street`` logger on without code: ``info`` one line per call
    (method, path, status, request id, attempts, elapsed), ``debug`` one per attempt too. It prints to stderr only
    when the application has not configured logging; otherwise its handlers get the lines, once."""
    level = os.environ.get("CLEAR_STREET_LOG", "").strip().upper()
    if level not in ("DEBUG", "INFO"):
        return
    log.setLevel(level)
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(handler)
