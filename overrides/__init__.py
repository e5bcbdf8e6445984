"""clear_street: a Python client for Clear Street's order-cancellation API.

    from clear_street import ClearStreet

    client = ClearStreet()  # api_key from $CLEAR_STREET_API_KEY
    response = client.v1.orders.cancel_open_order("order_id", account_id=19816)
    print(response.data.status, response.metadata.request_id)

Hand-written code (this module and its private siblings) wraps ``clear_street._generated``, which openapi-python-client
writes from spec/openapi.yaml; every model and enum of the spec is re-exported here (imported at its first use).
"""

from typing import TYPE_CHECKING

from . import _exceptions
from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, ENVIRONMENTS, AsyncClearStreet, ClearStreet
from ._exceptions import *  # noqa: F403  (the exception hierarchy)
from ._generated import models as _models
from ._generated.errors import Deviation
from ._generated.types import UNSET, Timestamp, Unset
from ._not_given import NOT_GIVEN, NotGiven
from ._response import APIResponse, AsyncAPIResponse
from ._version import __version__

_KILL_SWITCH = ("AccountOutcome", "AuditFailure", "KillSwitchReport", "Outcome", "cancel_all_accounts",
                "is_nothing_to_cancel", "safe_text")  # fmt: skip
_FAN_OUT = ("AsyncFanOutTransport", "async_http_client")

if TYPE_CHECKING:
    from ._generated.models import *  # noqa: F403  (the spec's models and enums, whatever it grows to)
    from ._killswitch import (  # noqa: F401  (re-exported: __all__ names them through _KILL_SWITCH)
        AccountOutcome,
        AuditFailure,
        KillSwitchReport,
        Outcome,
        cancel_all_accounts,
        is_nothing_to_cancel,
        safe_text,
    )
    from ._pool import AsyncFanOutTransport, async_http_client  # noqa: F401  (re-exported through _FAN_OUT)
else:

    def __getattr__(name: str) -> object:
        """The models and enums (``_generated.models``), the kill switch and the fan-out client, imported at their
        first read: a program that only cancels never pays for the kill switch's 15 ms nor httpcore's import, and one
        that imports them pays at its import."""
        if name in _KILL_SWITCH:
            from . import _killswitch

            return globals().setdefault(name, getattr(_killswitch, name))
        if name in _FAN_OUT:
            from . import _pool

            return globals().setdefault(name, getattr(_pool, name))
        if name not in _models.__all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return globals().setdefault(name, getattr(_models, name))


def __dir__() -> list[str]:
    return sorted(globals().keys() | set(_models.__all__) | set(_KILL_SWITCH) | set(_FAN_OUT))


__all__ = [
    "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "ENVIRONMENTS", "NOT_GIVEN", "UNSET", "APIResponse", "AsyncAPIResponse",
    "AsyncClearStreet", "ClearStreet", "Deviation", "NotGiven", "Timestamp", "Unset", "__version__", *_KILL_SWITCH,
    *_FAN_OUT, *_exceptions.__all__, *_models.__all__,
]  # fmt: skip
