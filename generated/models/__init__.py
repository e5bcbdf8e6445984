"""Contains all the data models used in inputs/outputs"""

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
