"""Parsing policy: open enums, open objects, strict types; RFC 3339 timestamps as aware UTC datetimes."""

from __future__ import annotations

import copy
import datetime
import re

import clear_street
import httpx
import pytest
from clear_street import Order, OrderCancelAllOpenOrdersResponse, SecurityType
from conftest import example, rfc3339
from hypothesis import given, settings
from hypothesis import strategies as st

ORDER = example("cancel_open_order", "200")["data"]  # the spec's example order (read once: the spec is YAML)


def order(**changes: object) -> dict:
    data = copy.deepcopy(ORDER)
    data.update(changes)
    return data


def parse(data: dict) -> Order:
    return Order.from_dict(data)


def test_unknown_enum_value_is_kept_and_usable(make_client) -> None:
    body = {"data": [order(instrument_type="CRYPTO", side="BUY_TO_COVER")], "metadata": {"request_id": "r"}}
    client = make_client(lambda request: httpx.Response(200, json=body))
    parsed = client.v1.orders.cancel_all_open_orders(1).data[0]
    assert parsed.instrument_type == "CRYPTO"
    assert isinstance(parsed.instrument_type, SecurityType)
    assert str(parsed.instrument_type) == "CRYPTO"
    assert parsed.side.value == "BUY_TO_COVER"
    assert parsed.to_dict()["instrument_type"] == "CRYPTO"
    assert "CRYPTO" not in SecurityType.known()


def test_known_enum_values_are_the_members() -> None:
    assert parse(order()).side is clear_street.Side.BUY


def test_unknown_fields_are_kept_and_round_trip() -> None:
    parsed = parse(order(routing={"algo": "TWAP"}, fee="0.01"))
    assert parsed.additional_properties == {"routing": {"algo": "TWAP"}, "fee": "0.01"}
    assert parsed["fee"] == "0.01"
    assert parsed.to_dict()["routing"] == {"algo": "TWAP"}
    envelope = OrderCancelAllOpenOrdersResponse.from_dict({"data": [], "metadata": {"request_id": "r", "trace": 1}})
    assert envelope.metadata.additional_properties == {"trace": 1}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("account_id", "19816"),
        ("account_id", True),
        ("account_id", 1.5),
        ("quantity", 10),
        ("symbol", 5),
        ("status", 3),
        ("side", None),
        ("created_at", "yesterday"),
        ("created_at", "2025-10-31T13:30:00"),  # no offset: not RFC 3339
        ("created_at", "2025-02-30T13:30:00Z"),
        # The API's own form (nine digits, Z) is checked as fully as any other, though kept as text until read:
        ("created_at", "2025-02-30T13:30:00.000000000Z"),  # no such date
        ("created_at", "2025-10-31T24:30:00.000000000Z"),
        ("created_at", "2025-10-31T13:30:00.00000000aZ"),  # fromisoformat reads six digits and skips the rest
        ("created_at", "2025-10-31T13:30:00.123456 8 Z"),
        ("created_at", "2025-10-31T13:30:00.1234567a+01:00"),
        ("created_at", "2025-10-31T13:30:00.1234567٣Z"),  # an Arabic-Indic digit
        ("created_at", "2025-10-31 13:30:00.000000000Z"),  # a space for the T
        ("created_at", "2025-10-31T13:30:00,000000000Z"),  # a comma for the point
        ("updated_at", "2025-W44-5T13:30:00.00000000Z"),  # a week date
        ("expires_at", "2025-02-29T13:30:00.000000000Z"),
        ("created_at", "2025-10-31T13:30:00.1234567890Z"),  # ten fractional digits
        ("created_at", 1761917400),
        ("instrument_id", 12),
        ("instrument_type", 3),
        ("details", "one"),
        ("details", [1]),
        ("extended_hours", "true"),
        ("queue_state", 1),
        ("venue", None),
        ("expires_at", "soon"),
    ],
)
def test_wrong_types_are_refused(field: str, value: object) -> None:
    with pytest.raises(clear_street._generated.errors.InvalidData, match=f"Order.{field}"):
        parse(order(**{field: value}))


@pytest.mark.parametrize("field", ["id", "created_at", "status", "side"])
def test_missing_required_fields_are_refused(field: str) -> None:
    data = order()
    del data[field]
    with pytest.raises(clear_street._generated.errors.InvalidData, match=f"Order.{field}: required field is missing"):
        parse(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-31T13:30:00Z", datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)),
        ("2025-10-31T13:30:00.000000000Z", datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)),
        ("2025-10-31T13:30:00.123456Z", datetime.datetime(2025, 10, 31, 13, 30, 0, 123456, tzinfo=datetime.UTC)),
        ("2025-10-31T13:30:00.5Z", datetime.datetime(2025, 10, 31, 13, 30, 0, 500000, tzinfo=datetime.UTC)),
        ("2025-10-31t13:30:00z", datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)),
        ("2025-10-31T15:30:00+02:00", datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)),
        ("2025-10-31T08:30:00.25-05:00", datetime.datetime(2025, 10, 31, 13, 30, 0, 250000, tzinfo=datetime.UTC)),
    ],
)
def test_timestamps_are_aware_utc(text: str, expected: datetime.datetime) -> None:
    parsed = parse(order(created_at=text, expires_at=text)).created_at
    assert parsed == expected
    assert parsed.tzinfo is datetime.UTC


def test_nullable_fields_take_null_and_values() -> None:
    parsed = parse(order(expires_at=None, queue_state="AWAITING_RELEASE", details=["partial fill"]))
    assert parsed.expires_at is None
    assert parsed.queue_state is clear_street.QueueState.AWAITING_RELEASE
    assert parsed.details == ["partial fill"]


def test_from_dict_refuses_a_non_object() -> None:
    with pytest.raises(clear_street._generated.errors.InvalidData, match=r"Order.\(self\)"):
        Order.from_dict(["not", "an", "object"])  # type: ignore[arg-type]


def test_timestamps_keep_their_nanoseconds_and_their_text() -> None:
    text = "2025-10-31T15:30:00.123456789+02:00"
    parsed = parse(order(created_at=text)).created_at
    assert isinstance(parsed, datetime.datetime)
    assert isinstance(parsed, clear_street.Timestamp)
    assert parsed.tzinfo is datetime.UTC
    assert (parsed.hour, parsed.microsecond, parsed.nanosecond) == (13, 123456, 789)
    assert parsed.text == text
    assert parse(order(created_at=text)).to_dict()["created_at"] == text
    assert parse(order(created_at="2025-10-31T13:30:00.1234567Z")).created_at.nanosecond == 700


def test_equality_ordering_and_hashing_honour_nanoseconds() -> None:
    def at(nanos: str) -> clear_street.Timestamp:
        return clear_street._generated.types.parse_datetime(f"2025-10-31T13:30:00.000001{nanos}Z")

    plain = datetime.datetime(2025, 10, 31, 13, 30, 0, 1, tzinfo=datetime.UTC)
    assert at("001") != at("002")
    assert at("001") < at("002") <= at("002") < plain.replace(microsecond=2)
    assert at("002") > at("001") >= at("001") > plain.replace(microsecond=0)
    assert sorted([at("900"), at("100"), plain, at("500")]) == [plain, at("100"), at("500"), at("900")]
    assert at("000") == plain
    assert hash(at("000")) == hash(plain)
    assert at("") == plain
    assert at("001") != plain
    assert plain != at("001")
    assert plain < at("001")
    assert len({at("001"), at("001"), at("002"), plain}) == 3
    # Same instant written two ways: equal, and each keeps its own text.
    other = clear_street._generated.types.parse_datetime("2025-10-31T15:30:00.000001001+02:00")
    assert other == at("001")
    assert hash(other) == hash(at("001"))
    assert other.text != at("001").text


def test_timestamps_survive_pickling_and_arithmetic() -> None:
    import pickle

    parsed = parse(order(created_at="2025-10-31T13:30:00.000000042Z")).created_at
    again = pickle.loads(pickle.dumps(parsed))
    assert (again, again.nanosecond, again.text) == (parsed, 42, parsed.text)
    later = parsed + datetime.timedelta(seconds=1)
    assert later.nanosecond == 0
    assert later.text == "2025-10-31T13:30:01+00:00"


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=40)
    | st.from_regex(
        r"\d{4}-\d\d-\d\d[Tt ]\d\d(:\d\d(:\d\d([.,]\d{0,12})?)?)?([Zz]|[+-]\d\d(:?\d\d(:\d\d)?)?)?", fullmatch=True
    )
)
def test_any_text_is_a_timestamp_or_a_value_error(text: str) -> None:
    try:
        parsed = clear_street._generated.types.parse_datetime(text)
    except ValueError:
        return
    assert parsed.tzinfo is datetime.UTC
    assert parsed.text == text
    assert re.fullmatch(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d{1,9})?([Zz]|[+-]\d\d:\d\d)", text, re.ASCII)


def test_objects_built_by_from_dict_are_those_the_constructor_builds() -> None:
    # from_dict sets the slots directly rather than calling the 33-argument __init__; that is only sound while the
    # attrs classes have no validators, converters or setattr hooks, and while every field is set.
    import attrs

    models = [getattr(clear_street, name) for name in clear_street.__all__]
    for model in [m for m in models if attrs.has(m)]:
        assert model.__setattr__ is object.__setattr__, model
        assert all(f.validator is None and f.converter is None for f in attrs.fields(model)), model
    without_venue = {k: v for k, v in order(extra_field=[1]).items() if k != "venue"}
    for data in (order(), without_venue, order(side="BUY_TO_COVER", details=None)):
        parsed = parse(data)
        fields = {f.name: getattr(parsed, f.name) for f in attrs.fields(Order) if f.init}
        built = Order(**fields)
        built.additional_properties = {k: v for k, v in data.items() if k not in fields}
        assert parsed == built
        assert repr(parsed) == repr(built)
        assert parsed.to_dict() == data


def test_timestamps_in_the_apis_form_are_built_when_first_read() -> None:
    from clear_street._generated.types import LazyTimestamp

    text = "2025-10-31T13:30:00.123456789Z"
    parsed = parse(order(created_at=text, updated_at=text, expires_at="2025-10-31T15:30:00+02:00"))
    descriptor = Order.__dict__["created_at"]
    assert isinstance(descriptor, LazyTimestamp)
    assert descriptor._slot.__get__(parsed) == text  # kept as text: the parse made no Timestamp
    assert isinstance(descriptor._slot.__get__(parsed), str)
    assert isinstance(Order.__dict__["expires_at"]._slot.__get__(parsed), clear_street.Timestamp)  # another form
    first = parsed.created_at
    assert isinstance(first, clear_street.Timestamp)
    assert (first.microsecond, first.nanosecond, first.text) == (123456, 789, text)
    assert parsed.created_at is first  # built once, then kept
    assert parse(order(created_at=text)) == parse(order(created_at=text))  # equal whether read or not
    unread, read = parse(order(created_at=text)), parse(order(created_at=text))
    assert read.created_at
    assert unread == read
    assert repr(unread) == repr(read)
    assert copy.deepcopy(parse(order(created_at=text))).created_at == first
    import pickle

    assert pickle.loads(pickle.dumps(parse(order(created_at=text)))).created_at.nanosecond == 789
    assert parse(order(created_at=text)).to_dict()["created_at"] == text


def test_a_deviating_timestamp_reads_as_received() -> None:
    from clear_street._generated.errors import Deviation

    body = {
        "data": [order(created_at="yesterday", updated_at="2025-02-30T13:30:00.000000000Z")],
        "metadata": {"request_id": "r"},
    }
    deviations: list[Deviation] = []
    parsed = OrderCancelAllOpenOrdersResponse.from_dict_reporting(body, deviations).data[0]
    assert [d.path for d in deviations] == ["data[0].created_at", "data[0].updated_at"]
    assert parsed.created_at == "yesterday"
    assert parsed.updated_at == "2025-02-30T13:30:00.000000000Z"
    assert parsed.to_dict()["updated_at"] == "2025-02-30T13:30:00.000000000Z"
    parsed.created_at = clear_street._generated.types.parse_datetime("2025-10-31T13:30:00Z")
    assert parsed.created_at.hour == 13


RFC3339 = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[Zz]|[+-](\d\d):(\d\d))", re.ASCII
)


def rfc3339_accepts(text: str) -> bool:
    """The reference: RFC 3339's grammar (ASCII digits), a real date and time, and an offset under a day."""
    found = RFC3339.fullmatch(text)
    if found is None:
        return False
    year, month, day, hour, minute, second = map(int, found.groups()[:6])
    try:
        datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    return found[8] is None or (int(found[8]) < 24 and int(found[9]) < 60)


def test_an_offset_of_sixty_minutes_or_more_is_not_rfc3339() -> None:
    # fromisoformat takes "+00:90" as an hour and a half; RFC 3339's time-minute stops at 59 (found by the test below)
    for text in ("2000-01-01T00:00:00.000000000+00:90", "2025-10-31T13:30:00+05:60", "2025-10-31T13:30:00.5-01:99"):
        assert not rfc3339_accepts(text)
        with pytest.raises(clear_street._generated.errors.InvalidData):
            parse(order(created_at=text))
    assert parse(order(created_at="2025-10-31T13:30:00+05:59")).created_at.text == "2025-10-31T13:30:00+05:59"


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_timestamps_are_accepted_exactly_when_rfc3339_accepts_them(data: st.DataObject) -> None:
    text = data.draw(rfc3339() | st.just("2025-10-31T13:30:00.123456789Z"))
    for _ in range(data.draw(st.integers(0, 2))):  # a character or two changed: digits, separators, anything
        at = data.draw(st.integers(0, len(text) - 1))
        text = text[:at] + data.draw(st.sampled_from("0959-:.TtZz+ a٣²") | st.characters()) + text[at + 1 :]
    expected = rfc3339_accepts(text)
    try:
        parsed = parse(order(created_at=text)).created_at
    except clear_street._generated.errors.InvalidData:
        assert not expected, text
        return
    assert expected, text
    assert parsed.text == text
    fraction = RFC3339.fullmatch(text)[7] or ""  # type: ignore[index]
    assert parsed.nanosecond == int(fraction[6:9].ljust(3, "0")), text


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_unknown_fields_are_found_whichever_fields_are_left_out(data: st.DataObject) -> None:
    # from_dict tells unknown keys by counting the optional fields left out: any mix of absent fields and unknown
    # keys must still give exactly the unknown ones.
    import attrs

    optional = [f.name for f in attrs.fields(Order) if f.init and f.default is not attrs.NOTHING]
    body = {k: v for k, v in order().items() if k not in data.draw(st.sets(st.sampled_from(optional)))}
    unknown = data.draw(
        st.dictionaries(st.text(min_size=1).filter(lambda k: k not in ORDER), st.integers(), max_size=3)
    )
    parsed = parse({**body, **unknown})
    assert parsed.additional_properties == unknown
    assert parsed.to_dict() == {**body, **unknown}


def test_additional_properties_of_an_object_without_unknown_fields_is_made_at_the_first_read() -> None:
    from clear_street._generated.types import LazyDict

    parsed = parse(order())
    descriptor = Order.__dict__["additional_properties"]
    assert isinstance(descriptor, LazyDict)
    with pytest.raises(AttributeError):
        descriptor._slot.__get__(parsed)  # no dict was made by the parse
    extras = parsed.additional_properties
    assert extras == {}
    assert parsed.additional_properties is extras  # made once, then kept
    parsed["desk_note"] = "kill switch"
    assert parsed.additional_properties == {"desk_note": "kill switch"}
    assert "desk_note" in parsed
    assert parsed.to_dict()["desk_note"] == "kill switch"
    other = parse(order())
    other.additional_properties["x"] = 1
    assert parse(order()).additional_properties == {}  # each object its own dict
    assert parse(order(extra=[1])).additional_properties == {"extra": [1]}
