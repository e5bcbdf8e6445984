"""The spec's models and enums, each imported at its first read: by a call that returns or takes it, by
``clear_street.<Model>``, or by ``from clear_street import <Model>``.

A program pays for attrs and the classes it uses only: a client of the vendor's whole document (200 schemas) costs
what one of two operations does. Custom template: overrides/templates/models_init.py.jinja.
"""

from typing import TYPE_CHECKING

from ..._lazy import first_read

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


def __dir__() -> list[str]:
    return sorted(globals().keys() | _MODULES.keys())


if not TYPE_CHECKING:  # hidden from type checkers, which would otherwise take any name here for a model
    __getattr__ = first_read(globals(), _MODULES)

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
