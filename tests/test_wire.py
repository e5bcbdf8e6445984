"""The fast path (msgspec into the models' wire Structs, ``clear_street._wire``) against the reference parse (``json``
and the models' own checks): whatever the body, both give the same result, the same deviations at the same paths,
the same errors; and the parse touches no process-wide state (the garbage collector)."""

from __future__ import annotations

import ast
import copy
import datetime
import enum
import gc
import json
import logging
import math
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import clear_street
import httpx
import pytest
from clear_street import _response, _wire
from conftest import example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
ALL = example("cancel_all_open_orders", "200")
ONE = example("cancel_open_order", "200")
ORDERS = [ONE["data"], *ALL["data"]]
FIELDS = sorted({key for order in ORDERS for key in order} | {"expires_at", "details", "queue_state", "releases_at"})

# Tokens json.dumps writes as strings, put in the body as JSON text the json module takes but msgspec refuses.
SPECIAL = {"NAN": "NaN", "INF": "1e400", "NEG_INF": "-Infinity", "SURROGATE": '"\\ud800x"', "BIG": "9" * 40,
           "HUGE": "7" * 4400, "U64": str(2**64), "NEG": str(-(2**63) - 1), "FLOAT": "5.0", "EXP": "1E2"}  # fmt: skip
scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=12)
    | st.sampled_from([f"@@{token}@@" for token in SPECIAL])
)  # fmt: skip
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6),
                           inner, max_size=3), max_leaves=6)  # fmt: skip
field_values = (
    json_values
    | st.sampled_from(["BUY", "SELL_SHORT", "BUY_TO_COVER", "LIMIT", "PENDING_CANCEL", "PENDING_REVIEW", "DAY",
                       "COMMON_STOCK", "RELEASED", "PRICE", "", "2025-10-31T13:30:00.123456789Z",
                       "2025-10-31T13:30:00.123456789+00:90", "2025-10-31T13:30:00Z", "2025-02-30T13:30:00.000000000Z",
                       "2025-10-31 13:30", "2025-10-31T13:30:00.1234567891Z", "6d1e5a2c-0a8f-4a35-9cfe-000000000001"])
    | st.lists(st.text(max_size=5), max_size=3)
)  # fmt: skip


@st.composite
def orders(draw: st.DrawFn) -> dict:
    """A spec example order, mutated: fields dropped, set to anything (nulls, wrong types, unknown enum values,
    text msgspec refuses), unknown keys added (some nested)."""
    order = copy.deepcopy(draw(st.sampled_from(ORDERS)))
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        if draw(st.booleans()):
            order.pop(key, None)
        else:
            order[key] = draw(field_values)
    for key in draw(st.lists(st.sampled_from(["queue_position", "venue_order_id", "x"]) | st.text(max_size=4),
                             max_size=2)):  # fmt: skip
        order[key] = draw(json_values)
    return order


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    data: Any = draw(st.lists(orders(), max_size=5) | orders() | json_values)
    body: Any = {"data": data, "error": None, "metadata": {"request_id": "r-1"}}
    if draw(st.booleans()):
        body["metadata"] = draw(json_values | st.fixed_dictionaries({"request_id": json_values}))
    if draw(st.booleans()):
        body[draw(st.sampled_from(["error", "extra", "data"]))] = draw(json_values)
    if draw(st.integers(0, 9)) == 0:
        body = draw(json_values)
    text = json.dumps(body)
    for token, literal in SPECIAL.items():
        text = text.replace(f'"@@{token}@@"', literal)
    return text.encode()


def shape(value: Any) -> Any:
    """Everything the caller can tell of a parsed value: types, values, a timestamp's text and nanoseconds, the
    unknown fields (not their order); floats by their repr (NaN is not equal to itself)."""
    if attrs.has(type(value)):
        return (type(value), [(f.name, shape(getattr(value, f.name))) for f in attrs.fields(type(value))])
    if isinstance(value, clear_street.Timestamp):
        return (type(value), value.text, value.nanosecond, value.isoformat())
    if isinstance(value, enum.Enum):
        return (type(value), value.value, value.name)
    if isinstance(value, list):
        return (list, [shape(item) for item in value])
    if isinstance(value, dict):  # by key: keys learned into a Struct come in the order learned (see _wire)
        return (dict, sorted((key, shape(item)) for key, item in value.items()))
    if isinstance(value, float):
        return (float, repr(value))
    return (type(value), value)


def outcome(client: clear_street.ClearStreet, single: bool) -> Any:
    """What a call gives: the parsed envelope's shape, its deviations, request id and round trip; or the error."""
    orders_resource = client.v1.orders.with_raw_response
    raw = orders_resource.cancel_open_order("o", account_id=1) if single else orders_resource.cancel_all_open_orders(1)
    try:
        envelope = raw.parse()
    except clear_street.APIResponseValidationError as error:
        return (type(error), str(error), shape(error.body), error.request_id)
    return (shape(envelope), list(raw.deviations), raw.request_id, shape(envelope.to_dict()))


def serving(body: Any, **options: Any) -> clear_street.ClearStreet:
    """A client whose every call gets ``body`` (bytes as they are, else as JSON) with a 200."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    replying = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    return clear_street.ClearStreet(api_key="k", base_url="https://api.test", max_retries=0,
                                    http_client=httpx.Client(transport=replying), **options)  # fmt: skip


def both_paths(body: bytes, single: bool, strict: bool) -> tuple[Any, Any]:
    with serving(body, strict_response_validation=strict) as c:
        fast = outcome(c, single)
        with mock.patch.object(_response, "parse_wire", lambda model, content, deviations: None):
            reference = outcome(c, single)
    return fast, reference


@pytest.fixture(autouse=True)
def _quiet_and_unlearned() -> Any:
    """No warnings printed; and each test starts with no key learned (other tests' bodies teach some)."""
    logger = logging.getLogger("clear_street")
    with mock.patch.object(logger, "disabled", True), mock.patch.object(_wire, "_learned", {}), \
            mock.patch.object(_wire, "_wires", {}):  # fmt: skip
        yield


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=bodies(), single=st.booleans(), strict=st.booleans())
def test_the_fast_path_gives_what_the_reference_parse_gives(body: bytes, single: bool, strict: bool) -> None:
    fast, reference = both_paths(body, single, strict)
    assert fast == reference


CASES = {
    "conforming": ALL,
    "unknown enum values": {**ALL, "data": [dict(o, side="BUY_TO_COVER", status="PENDING_REVIEW") for o in ORDERS]},
    "a deviating order": {**ALL, "data": [*ORDERS, dict(ORDERS[0], filled_quantity=5, side=None)]},
    "bools as integers": {**ALL, "data": [dict(ORDERS[0], account_id=True)]},
    "a nested unknown key": {**ALL, "data": [dict(ORDERS[0], extra={"deep": [1, {"x": None}]})]},
    "an item not an object": {**ALL, "data": [ORDERS[0], 5]},
    "data missing": {"metadata": {"request_id": "r"}},
    "an unknown key at the top": {**ALL, "trace": {"span": 1}},
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("strict", [False, True])
def test_named_bodies_give_the_same_on_both_paths(name: str, strict: bool) -> None:
    fast, reference = both_paths(json.dumps(CASES[name]).encode(), False, strict)
    assert fast == reference


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("NaN", math.nan),
        ("1e400", math.inf),
        ('"\\ud800"', "\ud800"),
        (str(2**64), 2**64),
        ("7" * 4400, 7 * (10**4400 - 1) // 9),
    ],
    ids=["NaN", "1e400", "lone surrogate", "2**64", "4400 digits"],
)
def test_what_msgspec_refuses_is_parsed_by_the_reference_path(literal: str, value: object) -> None:
    text = json.dumps({**ALL, "data": [*ORDERS, dict(ORDERS[0], venue_seq="@@")]}).replace('"@@"', literal)
    fast, reference = both_paths(text.encode(), False, False)
    assert fast == reference
    with serving(text.encode()) as c:
        kept = c.v1.orders.cancel_all_open_orders(1).data[-1].additional_properties["venue_seq"]
    assert type(kept) is type(value)
    assert kept == value or (math.isnan(kept) and math.isnan(value))  # type: ignore[arg-type]


def test_a_body_whose_every_order_deviates_is_parsed_whole_by_the_reference_path() -> None:
    body = {**ALL, "data": [dict(ORDERS[i % len(ORDERS)], filled_quantity=i) for i in range(300)]}
    with mock.patch.object(_wire, "_reference", wraps=_wire._reference) as per_object:
        fast, reference = both_paths(json.dumps(body).encode(), False, False)
    assert fast == reference
    assert len(fast[1]) == 300
    assert per_object.call_count == 300 // 10 + 8  # then the fast path gave up: one parse of the whole body


def test_giant_integers_stay_exact_and_timestamps_keep_their_nanoseconds() -> None:
    body = {**ALL, "data": [dict(ORDERS[0], account_id=2**64 + 1, created_at="2025-10-31T13:30:00.123456789Z")]}
    with serving(body) as c:
        (order,) = c.v1.orders.cancel_all_open_orders(1).data
    assert order.account_id == 2**64 + 1
    assert (order.created_at.text, order.created_at.nanosecond) == ("2025-10-31T13:30:00.123456789Z", 789)
    assert order.to_dict() == body["data"][0]


def test_a_key_on_every_order_is_learned_and_kept_in_additional_properties() -> None:
    key = "learned_key_for_the_test"
    body = {**ALL, "data": [dict(order, **{key: [i, {"n": math.pi}]}) for i, order in enumerate(ORDERS * 50)]}
    with serving(body) as c:
        first = c.v1.orders.cancel_all_open_orders(1)
        assert key in _wire._learned[clear_street.Order]
        second = c.v1.orders.with_raw_response.cancel_all_open_orders(1)
    for envelope in (first, second.parse()):
        assert [order.additional_properties for order in envelope.data] == [
            {key: [i, {"n": math.pi}]} for i in range(len(body["data"]))
        ]
        assert envelope.to_dict() == body
    assert second.deviations == []


def test_keys_learned_are_bounded_per_model() -> None:
    for index in range(_wire.LEARNED_KEYS + 5):
        body = {**ALL, "data": [dict(ORDERS[0], **{f"bound_{index}": index})]}
        fast, reference = both_paths(json.dumps(body).encode(), False, False)
        assert fast == reference
    assert len(_wire._learned[clear_street.Order]) == _wire.LEARNED_KEYS


# No process-wide state


def test_no_module_of_the_package_calls_the_garbage_collector() -> None:
    for path in [*(ROOT / "overrides").rglob("*.py"), *(ROOT / "generated").rglob("*.py")]:
        tree = ast.parse(path.read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert "gc" not in imported, path


def big_book(count: int) -> dict:
    return {**ALL, "data": [dict(ORDERS[i % len(ORDERS)], id=f"o-{i}") for i in range(count)]}


def test_a_parse_makes_no_call_to_the_garbage_collector() -> None:
    def refused(*args: object) -> None:
        raise AssertionError("the garbage collector was called")

    body = big_book(3000)
    body["data"][7]["filled_quantity"] = 5  # a deviating order: the reference path too
    with (
        serving(body) as c,
        mock.patch.multiple(gc, disable=refused, enable=refused, freeze=refused, unfreeze=refused, collect=refused,
                            isenabled=refused, set_threshold=refused),
    ):  # fmt: skip
        raw = c.v1.orders.with_raw_response.cancel_all_open_orders(1)
        assert len(raw.parse().data) == 3000
        with mock.patch.object(_response, "parse_wire", lambda model, content, deviations: None):
            assert len(c.v1.orders.cancel_all_open_orders(1).data) == 3000
    assert [d.path for d in raw.deviations] == ["data[7].filled_quantity"]


def test_an_applications_gc_disable_in_another_thread_during_a_parse_stays() -> None:
    """The application's thread disables the collector while a parse of a large body is under way in another (the
    parse's own warning waits for it), and finds it still disabled when the parse has ended."""
    body = big_book(5000)
    body["data"][4999]["filled_quantity"] = 5  # warned at the end of the parse
    in_parse, disabled = threading.Event(), threading.Event()

    class Handshake(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            in_parse.set()
            assert disabled.wait(timeout=30)

    def application() -> None:
        assert in_parse.wait(timeout=30)
        gc.disable()
        disabled.set()

    logger = logging.getLogger("clear_street")
    handler = Handshake()
    thread = threading.Thread(target=application)
    assert gc.isenabled()
    try:
        with (
            mock.patch.object(logger, "disabled", False),
            serving(body) as c,
        ):  # fmt: skip
            logger.addHandler(handler)
            thread.start()
            envelope = c.v1.orders.cancel_all_open_orders(1)
            thread.join(timeout=30)
            assert not gc.isenabled()  # the application's choice, kept
            assert len(envelope.data) == 5000
    finally:
        logger.removeHandler(handler)
        gc.enable()


def test_date_times_of_the_wire_path_are_timestamps_when_read() -> None:
    body = {**ALL, "data": [dict(ORDERS[0], created_at="2025-10-31T13:30:00+05:30")]}
    with serving(body) as c:
        (order,) = c.v1.orders.cancel_all_open_orders(1).data
    assert order.created_at == datetime.datetime(2025, 10, 31, 8, 0, tzinfo=datetime.UTC)
    assert order.created_at.text == "2025-10-31T13:30:00+05:30"
