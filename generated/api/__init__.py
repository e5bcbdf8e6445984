"""The clients' namespaces: ``client.v1``, each with a resource per tag of the spec.

The resources import the models, and the models attrs: all are imported by ``load_all()``, which the clients'
constructors call, not by ``import clear_street`` (see ``models``)."""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, cast

from .. import models
from ..client import AsyncRequester, Requester

if TYPE_CHECKING:
    from .orders import AsyncOrders, Orders


def load_all() -> None:
    """Import every resource and every model now, so that no call imports anything."""
    import_module(".orders", __name__)
    models.load_all()


class V1:
    """``client.v1``."""

    def __init__(self, client: Requester) -> None:
        from .orders import Orders

        self.orders = Orders(client)


class Resources:
    """Mixed into ``ClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> V1:
        return V1(cast("Requester", self))


class AsyncV1:
    """``client.v1``."""

    def __init__(self, client: AsyncRequester) -> None:
        from .orders import AsyncOrders

        self.orders = AsyncOrders(client)


class AsyncResources:
    """Mixed into ``AsyncClearStreet``: its namespaces, made on first use."""

    @cached_property
    def v1(self) -> AsyncV1:
        return AsyncV1(cast("AsyncRequester", self))
