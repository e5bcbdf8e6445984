"""The seam between generated and hand-written code: what a generated resource needs of a client (``_request``,
which the clients in ``clear_street`` implement with auth, retries and error mapping) and what every generated
response model gives (``Envelope``). Custom template: overrides/templates/client.py.jinja (the stock one is a
client of its own, which this package does not use)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import httpx

from .errors import Deviation

if TYPE_CHECKING:
    from .._response import APIResponse


class Envelope(Protocol):
    """A generated response model: the strict parse, the fast path, and the reporting one it falls back to."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...

    @classmethod
    def from_dict_reporting(cls, src_dict: Any, deviations: list[Deviation], at_path: str = "") -> Self: ...


E = TypeVar("E", bound=Envelope)


class Requester(Protocol):
    """A synchronous client: sends a request built by a generated ``request_kwargs`` and returns its 2xx."""

    def _request(
        self,
        request: dict[str, Any],
        model: type[E],
        *,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, str] | None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None,
    ) -> APIResponse[E]: ...


class AsyncRequester(Protocol):
    """``Requester``, awaited."""

    async def _request(
        self,
        request: dict[str, Any],
        model: type[E],
        *,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, str] | None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None,
    ) -> APIResponse[E]: ...
