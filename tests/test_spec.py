"""The spec is valid, holds every example on the reference pages verbatim, and each validates against its schema."""

from __future__ import annotations

import jsonschema
import pytest
from conftest import load_spec, operations, reference_examples, spec_examples
from openapi_spec_validator import validate

PAGES = {"cancel-open-order.txt": "cancel_open_order", "cancel-all-open-orders.txt": "cancel_all_open_orders"}


def test_spec_is_valid_openapi_3_1() -> None:
    spec = load_spec()
    assert spec["openapi"].startswith("3.1")
    validate(spec)


@pytest.mark.parametrize(("page", "operation"), PAGES.items())
def test_every_example_on_the_reference_pages_is_in_the_spec(page: str, operation: str) -> None:
    documented = reference_examples(page)
    assert len(documented) == 6  # success, 403 and 404, each printed twice on the page
    attached = [value for op, _, value in spec_examples() if op == operation]
    for document in documented:
        assert document in attached


def schema_validator(spec: dict, schema: dict) -> jsonschema.Draft202012Validator:
    """A validator for ``schema`` that resolves the spec's ``#/components/...`` references."""
    root = {**schema, "components": spec["components"]}
    return jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(("operation", "status", "value"), spec_examples())
def test_every_spec_example_validates_against_its_response_schema(operation: str, status: str, value: dict) -> None:
    spec = load_spec()
    response = operations(spec)[operation]["responses"][status]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    validator = schema_validator(spec, response["content"]["application/json"]["schema"])
    validator.validate(value)


def test_schema_rejects_what_the_server_must_not_send() -> None:
    """The validation above can fail: a mistyped field and a missing required one are caught."""
    spec = load_spec()
    validator = schema_validator(spec, {"$ref": "#/components/schemas/OrderCancelOpenOrderResponse"})
    good = next(value for op, status, value in spec_examples() if op == "cancel_open_order" and status == "200")
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "data": {**good["data"], "account_id": "19816"}})
    assert not validator.is_valid({**good, "data": {k: v for k, v in good["data"].items() if k != "id"}})


def test_fields_absent_from_a_documented_example_are_not_required() -> None:
    spec = load_spec()
    required = set(spec["components"]["schemas"]["Order"]["required"])
    for operation, status, value in spec_examples():
        if status == "200":
            orders = value["data"] if isinstance(value["data"], list) else [value["data"]]
            for order in orders:
                assert required <= order.keys(), (operation, required - order.keys())
    assert {"client_order_id", "venue"}.isdisjoint(required)


def test_enums_are_the_union_of_every_source() -> None:
    """Both pages, and Clear Street's published OpenAPI document, which adds INDEX (the spec may add more)."""
    security_type = load_spec()["components"]["schemas"]["SecurityType"]["enum"]
    assert set(security_type) >= {"COMMON_STOCK", "PREFERRED_STOCK", "OPTION", "CASH", "INDEX", "OTHER"}


def test_the_published_documents_facts_are_taken_in() -> None:
    """Clear Street's published document: no single instrument for a multi-leg order, an error beside data."""
    schemas = load_spec()["components"]["schemas"]
    order = schemas["Order"]
    assert {"symbol", "instrument_id", "instrument_type"}.isdisjoint(order["required"])
    assert order["properties"]["symbol"]["type"] == ["string", "null"]
    assert order["properties"]["instrument_id"] == {**order["properties"]["instrument_id"], "type": ["string", "null"]}
    assert "format" not in order["properties"]["instrument_id"]  # a str, equal to the id as written
    for envelope in ("OrderCancelOpenOrderResponse", "OrderCancelAllOpenOrdersResponse"):
        assert {"$ref": "#/components/schemas/ApiError"} in schemas[envelope]["properties"]["error"]["oneOf"]
    assert set(schemas["ResponseMetadata"]["properties"]) >= {
        "request_id", "next_page_token", "previous_page_token", "page_number",
    }  # fmt: skip
    assert schemas["ApiError"]["properties"]["details"]["items"] == {"type": "object"}
