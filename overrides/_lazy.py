"""Loading at first use, for the generated code: a client of the vendor's whole document (61 operations) costs what
one of two operations does until it is used, as a Stainless SDK's resources do. The namespaces import a resource
when it is first read (``client.v1.orders``), a resource an operation's request builder and response model at the
operation's first call, and the models package each model at its first read."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from functools import cached_property
from importlib import import_module
from types import ModuleType
from typing import Any


def first_read(namespace: dict[str, Any], modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module's ``__getattr__`` that imports each name of ``modules`` (name to module, relative to the module's
    package) at its first read and keeps it in ``namespace``, the module's globals, so later reads are plain."""
    package = namespace["__name__"]

    def load(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = namespace[name] = getattr(import_module(module, package), name)
        return value

    return load


class FirstCall:
    """Stands in a resource module's globals for one operation's request builder module until the operation's
    first call reads ``request_kwargs`` here: that imports the module and the operation's models and binds them in
    its place, so every later call reads the same plain globals as if they had been imported with the resource.

    The models are bound before the module, so a thread that finds the module bound finds the models too."""

    __slots__ = ("_models", "_name", "_names", "_namespace")

    def __init__(self, namespace: dict[str, Any], name: str, models: ModuleType, *names: str) -> None:
        self._namespace, self._name, self._models, self._names = namespace, name, models, names

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.load(), attribute)

    def load(self) -> ModuleType:
        """The request builder module, imported with the operation's models and bound in this stand-in's place."""
        module = import_module(f".{self._name}", self._namespace["__name__"])
        for name in self._names:
            self._namespace[name] = getattr(self._models, name)
        self._namespace[f"_{self._name}"] = module
        return module

    def models(self) -> list[type]:
        """The operation's response models (after ``load``)."""
        return [self._namespace[name] for name in self._names]


def preload(holder: object, api_package: str) -> list[type]:
    """What the first calls of ``holder``'s operations (a client's) would import, imported now: the namespaces and
    resources below it (the ``cached_property``s of the classes ``api_package`` defines), their request builders and
    response models, which are returned."""
    loaded: list[type] = []
    for name in [name for cls in type(holder).__mro__ if cls.__module__.startswith(api_package)
                 for name, value in vars(cls).items() if isinstance(value, cached_property)]:  # fmt: skip
        below = getattr(holder, name)
        for value in list(vars(sys.modules[type(below).__module__]).values()):
            if isinstance(value, FirstCall):
                value.load()
                loaded += value.models()
        loaded += preload(below, api_package)
    return loaded
