"""``with_raw_response`` results: the HTTP response now, the parsed envelope on demand."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

from ._exceptions import APIResponseValidationError, decode_body
from ._generated.errors import InvalidData

T = TypeVar("T")

__all__ = ["APIResponse"]


class APIResponse(Generic[T]):
    """A 2xx response whose body has been read but not yet parsed."""

    __slots__ = ("_parsed", "_parser", "http_response")

    def __init__(self, http_response: httpx.Response, parser: Callable[[Any], T]) -> None:
        self.http_response = http_response
        self._parser = parser
        self._parsed: T | None = None

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """The envelope the plain call returns; ``APIResponseValidationError`` if the body breaks the spec."""
        if self._parsed is None:
            self._parsed = parse_body(self.http_response, self._parser)
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.method} {self.http_response.url}>"


def parse_body(response: httpx.Response, parser: Callable[[Any], T]) -> T:
    try:
        data = json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise APIResponseValidationError(
            response, f"Response body is not valid JSON: {exc}", body=decode_body(response)
        ) from None
    try:
        return parser(data)
    except InvalidData as exc:
        raise APIResponseValidationError(response, f"Response does not match the spec: {exc}", body=data) from None
