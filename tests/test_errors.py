"""Whatever comes back ends as a parsed result or a typed ``clear_street.APIError``; messages are the API's."""

from __future__ import annotations

import clear_street
import httpx
import pytest
from conftest import example

TABLE = [
    (400, clear_street.BadRequestError),
    (401, clear_street.AuthenticationError),
    (403, clear_street.PermissionDeniedError),
    (404, clear_street.NotFoundError),
    (409, clear_street.ConflictError),
    (422, clear_street.UnprocessableEntityError),
    (429, clear_street.RateLimitError),
    (500, clear_street.InternalServerError),
    (503, clear_street.InternalServerError),
    (599, clear_street.InternalServerError),
    (402, clear_street.APIStatusError),
    (418, clear_street.APIStatusError),
    (302, clear_street.APIStatusError),
]


def envelope(status: int, message: str = "went wrong", request_id: str = "req-1") -> dict:
    return {"error": {"code": status, "message": message}, "metadata": {"request_id": request_id}}


@pytest.mark.parametrize(("status", "error_type"), TABLE)
def test_status_maps_to_its_exception(make_client, sleeps, status: int, error_type: type) -> None:
    client = make_client(lambda request: httpx.Response(status, json=envelope(status)), max_retries=0)
    with pytest.raises(error_type) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    error = caught.value
    assert type(error) is error_type
    assert isinstance(error, clear_street.APIStatusError)
    assert (error.status_code, error.message, error.code, error.request_id) == (status, "went wrong", status, "req-1")
    assert error.body == envelope(status)
    assert error.response.status_code == status
    assert str(error) == f"Error code: {status} - went wrong (request_id: req-1)"


def test_html_from_a_proxy_is_a_typed_error_with_the_status_line(make_client, sleeps) -> None:
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    client = make_client(lambda request: httpx.Response(502, text=html), max_retries=0)
    with pytest.raises(clear_street.InternalServerError) as caught:
        client.v1.orders.cancel_all_open_orders(1)
    assert caught.value.message == "502 Bad Gateway"
    assert caught.value.body == html
    assert caught.value.request_id is None
    assert caught.value.code is None


def test_request_id_falls_back_to_the_header(make_client) -> None:
    client = make_client(lambda request: httpx.Response(404, text="gone", headers={"x-request-id": "hdr-7"}))
    with pytest.raises(clear_street.NotFoundError) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert caught.value.request_id == "hdr-7"


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"{", b'{"data": ', b"\xff\xfe\x00", b"[" * 100_000, b"null", b"[]", b'"text"', b"1e999"],
)
def test_undecodable_or_misshapen_success_body_is_a_validation_error(make_client, content: bytes) -> None:
    client = make_client(
        lambda request: httpx.Response(200, content=content, headers={"x-request-id": "r-9"}), max_retries=0
    )
    with pytest.raises(clear_street.APIResponseValidationError) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert caught.value.status_code == 200
    assert caught.value.request_id == "r-9"


def test_missing_data_is_a_validation_error_with_the_request_id(make_client) -> None:
    body = {"error": None, "metadata": {"request_id": "r-1"}}
    client = make_client(lambda request: httpx.Response(200, json=body))
    with pytest.raises(clear_street.APIResponseValidationError, match="data: required field is missing") as caught:
        client.v1.orders.cancel_all_open_orders(1)
    assert caught.value.request_id == "r-1"
    assert "r-1" in str(caught.value)


def test_error_envelope_on_success_status_is_a_validation_error(make_client) -> None:
    client = make_client(lambda request: httpx.Response(200, json=example("cancel_open_order", "404")))
    with pytest.raises(clear_street.APIResponseValidationError) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert caught.value.request_id == "70151ee4-5209-4c75-9372-dffc0a6ebade"


def test_connection_errors_are_typed(make_client, sleeps) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = make_client(refuse, max_retries=0)
    with pytest.raises(clear_street.APIConnectionError) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert not isinstance(caught.value, clear_street.APITimeoutError)
    assert isinstance(caught.value, clear_street.APIError)


def test_timeouts_are_typed(make_client, sleeps) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = make_client(slow, max_retries=0)
    with pytest.raises(clear_street.APITimeoutError):
        client.v1.orders.cancel_open_order("o-1", account_id=1)


def test_the_hierarchy() -> None:
    assert issubclass(clear_street.APITimeoutError, clear_street.APIConnectionError)
    for error_type in (
        clear_street.APIConnectionError, clear_street.APIResponseValidationError, clear_street.APIStatusError,
    ):  # fmt: skip
        assert issubclass(error_type, clear_street.APIError)
    for _, error_type in TABLE:
        assert issubclass(error_type, clear_street.APIStatusError)
    assert issubclass(clear_street.APIError, clear_street.ClearStreetError)
