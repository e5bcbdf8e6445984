"""Property: any body drawn from the spec's own schemas parses and round-trips exactly through ``to_dict()``, and
one with a field changed to any JSON value still round-trips, with that field reported."""

from __future__ import annotations

from typing import Any

import clear_street
import httpx
from conftest import example, load_spec, rfc3339
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "$ref" in schema:
        return from_schema(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    if "oneOf" in schema:
        return st.one_of([from_schema(option) for option in schema["oneOf"]])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return st.one_of([of_kind(kind, schema) for kind in kinds])


def of_kind(kind: str, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum"), max_value=2**63 - 1)
    if kind == "string":
        if "enum" in schema:
            return st.sampled_from(schema["enum"]) | text  # a value the server may add later
        return rfc3339() if schema.get("format") == "date-time" else text
    if kind == "array":
        return st.lists(from_schema(schema["items"]), min_size=schema.get("minItems", 0), max_size=3)
    return objects(schema)


@st.composite
def objects(draw: st.DrawFn, schema: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    body = {name: draw(from_schema(sub)) for name, sub in properties.items() if name in required or draw(st.booleans())}
    extra = draw(st.dictionaries(text.filter(lambda key: key not in properties), json_values, max_size=2))
    return {**extra, **body}


ENVELOPES = {
    clear_street.OrderCancelOpenOrderResponse: from_schema(
        {"$ref": "#/components/schemas/OrderCancelOpenOrderResponse"}
    ),
    clear_street.OrderCancelAllOpenOrdersResponse: from_schema(
        {"$ref": "#/components/schemas/OrderCancelAllOpenOrdersResponse"}
    ),
}
envelopes = st.sampled_from(list(ENVELOPES)).flatmap(lambda model: st.tuples(st.just(model), ENVELOPES[model]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envelopes)
def test_any_body_the_spec_allows_round_trips_exactly(drawn: tuple[type, dict]) -> None:
    model, body = drawn
    assert model.from_dict(body).to_dict() == body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envelopes, st.data())
def test_a_body_with_a_field_changed_still_round_trips_and_reports_it(drawn: tuple[type, dict], data) -> None:
    model, body = drawn
    orders = body["data"] if isinstance(body["data"], list) else [body["data"]]
    if not orders:
        return
    index = data.draw(st.integers(0, len(orders) - 1))
    field = data.draw(st.sampled_from(sorted(SCHEMAS["Order"]["properties"])))
    orders[index][field] = data.draw(json_values)
    client = clear_street.ClearStreet(api_key="k", base_url="http://api.test", http_client=httpx.Client(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body))))  # fmt: skip
    with client:
        orders_resource = client.v1.orders.with_raw_response
        if model is clear_street.OrderCancelOpenOrderResponse:
            raw = orders_resource.cancel_open_order("o", account_id=1)
        else:
            raw = orders_resource.cancel_all_open_orders(1)
        assert raw.parse().to_dict() == body
        where = f"data[{index}].{field}" if isinstance(body["data"], list) else f"data.{field}"
        for deviation in raw.deviations:  # at the changed field, or inside it
            assert deviation.path == where or deviation.path.startswith((f"{where}[", f"{where}."))


def test_a_value_nested_deeper_than_the_recursion_limit_keeps_the_2xx_and_round_trips(make_client) -> None:
    """json decodes about a thousand levels; a 600-deep list in ``details`` or an unknown field is returned, reported
    where it deviates, and written back exactly, never a RecursionError."""
    deep: list = []
    for _ in range(600):
        deep = [deep]
    body = example("cancel_open_order", "200")
    body = {**body, "data": {**body["data"], "details": deep, "unknown_deep": deep}}
    client = make_client(lambda request: httpx.Response(200, json=body))
    raw = client.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=1)
    order = raw.parse().data
    assert order.to_dict() == body["data"]
    assert [deviation.path for deviation in raw.deviations] == ["data.details[0]"]


def test_a_date_time_without_seconds_is_a_deviation_not_an_index_error(make_client) -> None:
    body = example("cancel_open_order", "200")
    body = {**body, "data": {**body["data"], "created_at": "2025-10-31T13:30:Z"}}
    client = make_client(lambda request: httpx.Response(200, json=body))
    raw = client.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=1)
    assert raw.parse().data.created_at == "2025-10-31T13:30:Z"
    assert [deviation.path for deviation in raw.deviations] == ["data.created_at"]
