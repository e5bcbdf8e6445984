"""The clients' namespaces: ``client.v1``, each with a resource per tag of the spec.

Each namespace and resource is made at its first read, and a resource's module imported then: a program pays for
the resources it uses (``clear_street._lazy``); later reads are plain attribute reads."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

from ..client import AsyncRequester, Requester

if TYPE_CHECKING:
    from .orders import AsyncOrders, Orders


class V1:
    """``client.v1``."""

    def __init__(self, client: Requester) -> None:
        self._client = client

    @cached_property
    def orders(self) -> Orders:
        from .orders import Orders

        return Orders(self._client)


class Resources:
    """Mixed into ``ClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> V1:
        return V1(cast("Requester", self))


class AsyncV1:
    """``client.v1``."""

    def __init__(self, client: AsyncRequester) -> None:
        self._client = client

    @cached_property
    def orders(self) -> AsyncOrders:
        from .orders import AsyncOrders

        return AsyncOrders(self._client)


class AsyncResources:
    """Mixed into ``AsyncClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> AsyncV1:
        return AsyncV1(cast("AsyncRequester", self))
