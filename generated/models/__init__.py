"""The spec's models and enums, each imported at its first use or by ``load_all()``.

attrs and the classes would add about a fifth to ``import clear_street``. The clients' constructors pay it instead
(through ``api.load_all()``), as ``httpx.Client()`` pays for importing httpcore: a program that imports the package
without making a client never pays, and no call ever does. Custom template: overrides/templates/models_init.py.jinja.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api_error import ApiError
    from .api_error_details_item import ApiErrorDetailsItem
    from .error_response import ErrorResponse
    from .order import Order
    from .order_cancel_all_open_orders_response import OrderCancelAllOpenOrdersResponse
    from .order_cancel_open_order_response import OrderCancelOpenOrderResponse
    from .order_status import OrderStatus
    from .order_type import OrderType
    from .queue_state import QueueState
    from .response_metadata import ResponseMetadata
    from .security_type import SecurityType
    from .side import Side
    from .time_in_force import TimeInForce
    from .trailing_offset_type import TrailingOffsetType

_MODULES = {
    "ApiError": ".api_error",
    "ApiErrorDetailsItem": ".api_error_details_item",
    "ErrorResponse": ".error_response",
    "Order": ".order",
    "OrderCancelAllOpenOrdersResponse": ".order_cancel_all_open_orders_response",
    "OrderCancelOpenOrderResponse": ".order_cancel_open_order_response",
    "OrderStatus": ".order_status",
    "OrderType": ".order_type",
    "QueueState": ".queue_state",
    "ResponseMetadata": ".response_metadata",
    "SecurityType": ".security_type",
    "Side": ".side",
    "TimeInForce": ".time_in_force",
    "TrailingOffsetType": ".trailing_offset_type",
}  # each name to the module that defines it


def _load(name: str) -> Any:
    """Import ``name``'s module and keep the class as this module's attribute, so later reads are plain look-ups."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(import_module(module, __name__), name)
    return value


def load_all() -> None:
    """Import every model now; each later call returns at once."""
    for name in _MODULES.keys() - globals().keys():
        _load(name)


def __dir__() -> list[str]:
    return sorted(globals().keys() | _MODULES.keys())


if not TYPE_CHECKING:  # hidden from type checkers, which would otherwise take any name here for a model
    __getattr__ = _load

__all__ = (
    "ApiError",
    "ApiErrorDetailsItem",
    "ErrorResponse",
    "Order",
    "OrderCancelAllOpenOrdersResponse",
    "OrderCancelOpenOrderResponse",
    "OrderStatus",
    "OrderType",
    "QueueState",
    "ResponseMetadata",
    "SecurityType",
    "Side",
    "TimeInForce",
    "TrailingOffsetType",
)
