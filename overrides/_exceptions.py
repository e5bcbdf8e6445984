"""The exception hierarchy: every failure a call can meet ends as an ``APIError`` subclass.

Follows the Stainless SDKs' names so code ported from the official ``clearstreet`` package keeps its ``except``
clauses; adds ``code`` and ``request_id`` from the API's error envelope so an alert can quote them.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._generated import models
from ._generated.errors import InvalidData

__all__ = [
    "APIConnectionError", "APIError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
    "AuthenticationError", "BadRequestError", "ClearStreetError", "ConflictError", "InternalServerError",
    "NotFoundError", "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError",
]  # fmt: skip


class ClearStreetError(Exception):
    """Base of every error of this package; raised itself for a missing or malformed API key."""


class APIError(ClearStreetError):
    """Base of every error this client raises about a request."""

    message: str
    request: httpx.Request
    body: object | None
    """The decoded JSON body, or its text when it is not JSON; None when there was no response."""
    request_id: str | None
    retries_taken: int = 0
    """How many attempts before the one that failed for good."""
    earlier_attempt: APIError | None = None
    """An earlier attempt of this call that failed after its request may have reached the server (a read timeout,
    a connection dropped after sending, a 500/502/504): when set, the cancel may already have taken effect, whatever
    this error says. It is also this error's ``__cause__``."""

    def __init__(
        self, message: str, request: httpx.Request, *, body: object | None = None, request_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        self.request_id = request_id

    def __str__(self) -> str:
        text = self.message if self.request_id is None else f"{self.message} (request_id: {self.request_id})"
        if (earlier := self.earlier_attempt) is not None:
            text += (f". An earlier attempt ({type(earlier).__name__}: {earlier.message}) may have reached the server,"
                     " so the cancel may already have taken effect")  # fmt: skip
        return text


class APIConnectionError(APIError):
    """No usable response arrived: the connection failed, dropped, or spoke broken HTTP. The httpx exception is
    its ``__cause__``."""

    def __init__(self, request: httpx.Request, message: str, cause: Exception | None = None) -> None:
        super().__init__(message, request)
        self.__cause__ = cause


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a pooled connection), or the call's ``deadline``
    passed (its message says so).

    Still an ``APITimeoutError`` when the deadline passed while waiting to retry an answer (a 429 whose
    ``Retry-After`` comes too late): the call did run out of time. That last answer gives it ``status_code`` and
    ``request_id``, so the refusal can be quoted, and is its ``__cause__`` (a ``RateLimitError``, say) unless an
    earlier attempt may have reached the server: then that attempt is ``earlier_attempt`` and the cause, as for any
    error, and the cancel may have taken effect; with no ``earlier_attempt``, it did not."""

    status_code: int | None = None
    """The last answer's status when the deadline passed after an answer that was to be retried; otherwise None."""

    def __init__(self, request: httpx.Request, cause: Exception | None = None, *, message: str | None = None) -> None:
        kind = type(cause).__name__ if cause is not None else "timeout"
        super().__init__(request, message or f"Request to {request.url.host} timed out ({kind}).", cause)


class APIResponseValidationError(APIError):
    """A 2xx came with a body that is no result (not JSON, no ``data``), or, with ``strict_response_validation``,
    one that deviates from the spec. The server answered success: the cancel may have taken effect."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, message: str, *, body: object | None = None) -> None:
        super().__init__(message, response.request, body=body, request_id=request_id_of(response, body))
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a status other than 2xx; ``message`` is the API's ``error.message``."""

    response: httpx.Response
    status_code: int
    code: int | None
    """The envelope's ``error.code``, when the body was the API's error envelope."""

    def __init__(self, message: str, *, response: httpx.Response, body: object | None, code: int | None = None) -> None:
        super().__init__(message, response.request, body=body, request_id=request_id_of(response, body))
        self.response = response
        self.status_code = response.status_code
        self.code = code

    def __str__(self) -> str:
        return f"Error code: {self.status_code} - {super().__str__()}"


# fmt: off
class BadRequestError(APIStatusError): ...  # 400
class AuthenticationError(APIStatusError): ...  # 401
class PermissionDeniedError(APIStatusError): ...  # 403
class NotFoundError(APIStatusError): ...  # 404
class ConflictError(APIStatusError): ...  # 409
class UnprocessableEntityError(APIStatusError): ...  # 422
class RateLimitError(APIStatusError): ...  # 429
class InternalServerError(APIStatusError): ...  # Any status of 500 or more.
# fmt: on


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError, 409: ConflictError,
    422: UnprocessableEntityError, 429: RateLimitError,
}  # fmt: skip


def status_error(response: httpx.Response) -> APIStatusError:
    """The typed error for a non-2xx response whose body has been read, whatever that body is."""
    body = decode_body(response)
    message, code = f"{response.status_code} {response.reason_phrase}".strip(), None
    try:  # the reporting parse: an envelope that deviates elsewhere (no request id, say) still gives its words
        error = models.ErrorResponse.from_dict_reporting(body, [], "").error  # type: ignore[arg-type]
    except (InvalidData, AttributeError):  # AttributeError: a spec (tried with scripts/try_spec.py) without it
        pass  # not the API's envelope (a proxy's HTML page, say): keep the status line as the message
    else:
        if isinstance(error, models.ApiError):
            message = error.message if isinstance(error.message, str) and error.message else message
            code = error.code if isinstance(error.code, int) and not isinstance(error.code, bool) else None
    status = response.status_code
    cls = _BY_STATUS.get(status, InternalServerError if status >= 500 else APIStatusError)
    return cls(message, response=response, body=body, code=code)


def decode_body(response: httpx.Response) -> object | None:
    """The body as JSON when it is JSON, else as text, else None when empty."""
    try:
        return parse_json(response.content) if response.content else None
    except (ValueError, RecursionError):
        return response.text


def parse_json(content: bytes) -> Any:
    """``json.loads``, and a body with an integer longer than ``int()`` takes (4,300 digits) still parses, exactly:
    such integers are read through ``Decimal``, on a second pass taken only when the first refuses them."""
    try:
        return json.loads(content)
    except json.JSONDecodeError:
        raise
    except ValueError:  # the only other ValueError json raises: the integer digit limit
        return json.loads(content, parse_int=_exact_int)


def _exact_int(digits: str) -> int:
    if len(digits) < 4000:
        return int(digits)
    from decimal import Decimal  # lazily: only such a body needs it, and it costs 2 ms at import

    return int(Decimal(digits))


def request_id_of(response: httpx.Response, body: object | None) -> str | None:
    """The envelope's ``metadata.request_id`` (the API's own), else the ``x-request-id`` header (a proxy's, maybe)."""
    metadata = body.get("metadata") if isinstance(body, dict) else None
    request_id = metadata.get("request_id") if isinstance(metadata, dict) else None
    return request_id if isinstance(request_id, str) else response.headers.get("x-request-id")
