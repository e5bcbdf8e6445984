"""clear_street: a Python client for Clear Street's order-cancellation API.

    from clear_street import ClearStreet

    client = ClearStreet()  # api_key from $CLEAR_STREET_API_KEY
    response = client.v1.orders.cancel_open_order("order_id", account_id=19816)
    print(response.data.status, response.metadata.request_id)

Hand-written code (this module and its private siblings) wraps ``clear_street._generated``, which
openapi-python-client writes from spec/openapi.yaml; models and enums are re-exported here.
"""

from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, ENVIRONMENTS, AsyncClearStreet, ClearStreet
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClearStreetError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._generated.errors import Deviation
from ._generated.models import (
    ApiError,
    ErrorResponse,
    Order,
    OrderCancelAllOpenOrdersResponse,
    OrderCancelOpenOrderResponse,
    OrderStatus,
    OrderType,
    QueueState,
    ResponseMetadata,
    SecurityType,
    Side,
    TimeInForce,
    TrailingOffsetType,
)
from ._generated.types import UNSET, Timestamp, Unset
from ._response import APIResponse
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENVIRONMENTS",
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiError",
    "AsyncClearStreet",
    "AuthenticationError",
    "BadRequestError",
    "ClearStreet",
    "ClearStreetError",
    "ConflictError",
    "Deviation",
    "ErrorResponse",
    "InternalServerError",
    "NotFoundError",
    "Order",
    "OrderCancelAllOpenOrdersResponse",
    "OrderCancelOpenOrderResponse",
    "OrderStatus",
    "OrderType",
    "PermissionDeniedError",
    "QueueState",
    "RateLimitError",
    "ResponseMetadata",
    "SecurityType",
    "Side",
    "TimeInForce",
    "Timestamp",
    "TrailingOffsetType",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
]
