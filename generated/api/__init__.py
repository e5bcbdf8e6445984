"""The clients' namespaces: ``client.v1``, each with a resource per tag of the spec."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

from .orders import AsyncOrders, Orders

if TYPE_CHECKING:
    from ..client import AsyncRequester, Requester


class V1:
    """``client.v1``."""

    def __init__(self, client: Requester) -> None:
        self.orders = Orders(client)


class Resources:
    """Mixed into ``ClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> V1:
        return V1(cast("Requester", self))


class AsyncV1:
    """``client.v1``."""

    def __init__(self, client: AsyncRequester) -> None:
        self.orders = AsyncOrders(client)


class AsyncResources:
    """Mixed into ``AsyncClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> AsyncV1:
        return AsyncV1(cast("AsyncRequester", self))
