"""Shared types and checks of the generated code: ``UNSET``, ``Timestamp``, and the argument checks and encoders
the request builders call. Hand-written; the generated ``_generated/types.py`` re-exports it (the stock template's
File and Response served its own client, which this package does not generate)."""

import datetime
import math
import re
import sys
import threading
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, Literal
from urllib.parse import quote

if TYPE_CHECKING:  # uuid costs 2 ms at import, and only a spec with format: uuid fields needs it
    from uuid import UUID


class Unset(Enum):
    """The type of ``UNSET``: a field the JSON left out, as against one it sent as null (``None``). A one-member
    enum, so that ``if order.venue is not UNSET:`` narrows ``str | Unset`` to ``str`` for a type checker."""

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


class Timestamp(datetime.datetime):
    """An RFC 3339 date-time as received: an aware UTC ``datetime`` that keeps what ``datetime`` cannot hold.

    ``nanosecond`` holds the digits past the microsecond (0-999), and equality, ordering and hashing honour it;
    ``text`` is the string it was parsed from, which ``to_dict()`` sends back unchanged. A ``Timestamp`` made by
    arithmetic or ``replace()`` has nanosecond 0 and its ISO format as text.
    """

    __slots__ = ("_text",)
    _text: str

    @property
    def nanosecond(self) -> int:
        """Read from the text when asked, not when parsed: a bulk parse seldom asks, and parses many."""
        text = getattr(self, "_text", None)
        if text is None:
            return 0
        end = _offset_start(text)
        return _NANOSECONDS[text[26:end]] if end > 26 else 0

    @property
    def text(self) -> str:
        return getattr(self, "_text", None) or self.isoformat()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        return datetime.datetime.__eq__(self, other) and self.nanosecond == _nanosecond(other)

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        return not self.__eq__(other)

    def __lt__(self, other: datetime.date) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        if datetime.datetime.__eq__(self, other):
            return self.nanosecond < _nanosecond(other)
        return datetime.datetime.__lt__(self, other)

    def __le__(self, other: datetime.date) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        return self.__lt__(other) or self.__eq__(other)

    def __gt__(self, other: datetime.date) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        return not self.__le__(other)

    def __ge__(self, other: datetime.date) -> bool:
        if not isinstance(other, datetime.datetime):
            return NotImplemented
        return not self.__lt__(other)

    def __hash__(self) -> int:
        microseconds = datetime.datetime.__hash__(self)
        return hash((microseconds, self.nanosecond)) if self.nanosecond else microseconds

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return parse_datetime, (self.text,)  # pickle and copy: the nanoseconds and the text come along


def _nanosecond(value: datetime.datetime) -> int:
    return value.nanosecond if isinstance(value, Timestamp) else 0


_UTC = datetime.UTC
_SHAPES = ("--T::", "--t::")  # characters 4, 7, 10, 13 and 16 of YYYY-MM-DDTHH:MM:SS
# The digits past the microsecond, as written, to their nanoseconds: "7" is 700, "789" is 789.
_NANOSECONDS = {f"{n:0{width}d}": n * 10 ** (3 - width) for width in (1, 2, 3) for n in range(10**width)}


# Characters 26 to 29 of a date-time in the API's own form: the digits past the microsecond, then Z. One look-up
# checks the length, the Z and those digits, which fromisoformat skips (it reads six and passes over the rest).
API_FORM_ENDINGS = frozenset(digits + "Z" for digits in _NANOSECONDS if len(digits) == 3)
_fromisoformat = Timestamp.fromisoformat


def _offset_start(text: str) -> int:
    """Where the ``Z`` or the ``+HH:MM``/``-HH:MM`` of a date-time begins."""
    return len(text) - 1 if text[-1] in "Zz" else len(text) - 6


def parse_datetime(value: str) -> Timestamp:
    """An RFC 3339 date-time as a ``Timestamp``; ValueError for anything else.

    ``datetime.fromisoformat`` checks the digits and that the date exists, but accepts far more than RFC 3339 (no
    offset, week dates, a space separator, basic format, a comma before the fraction), so the shape is checked
    too: ``YYYY-MM-DDTHH:MM:SS``, then a ``.`` and one to nine digits, then ``Z`` or ``+HH:MM``/``-HH:MM``, with
    ``T`` and ``Z`` in either case. By position, not by a regular expression, which costs more than the parse.
    """
    if value[26:] in API_FORM_ENDINGS and value[4:20:3] == "--T::.":
        parsed = _fromisoformat(value)  # the API's own form, nanoseconds in UTC
        parsed._text = value
        return parsed
    try:
        parsed = _fromisoformat(value)
    except ValueError:  # a date that does not exist, or a lower-case "t" or "z", which fromisoformat refuses
        if not value.isascii():  # upper() could change its length
            raise ValueError(f"not an RFC 3339 date-time: {value!r}") from None
        parsed = _fromisoformat(value.upper())
    last, end = len(value) - 1, _offset_start(value)
    if (
        end < 19  # no seconds ("13:30Z"): fromisoformat takes it, RFC 3339 does not
        or parsed.tzinfo is None
        or value[4:17:3] not in _SHAPES
        or (end != 19 and (value[19] != "." or not 21 <= end <= 29))
        or (end != last and (value[end] not in "+-" or value[-3] != ":" or value[-2:] > "59"))  # "+00:90" too
        or (end > 26 and value[26:end] not in _NANOSECONDS)  # fromisoformat reads six digits and skips the rest
    ):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    if parsed.tzinfo is not _UTC:
        parsed = parsed.astimezone(_UTC)
    parsed._text = value
    return parsed


# For a field of a body being parsed, a date-time in the API's own form (nanoseconds, ``Z``) is checked by its
# ending (in ``API_FORM_ENDINGS``), its separators and this (the other digits, and that the date exists), then kept
# as text: building a ``Timestamp`` costs more than all the rest of an order's parse, and most readers of a cancel's
# result never look at its timestamps.
check_date_digits = datetime.datetime.fromisoformat  # the plain class: a quarter of the cost of a Timestamp


class _InFrontOfSlot:
    """A class attribute in front of a slot of a model (which is kept): it stores and deletes as the slot does, and
    a subclass says what a read gives."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __set__(self, obj: Any, value: Any) -> None:
        self._slot.__set__(obj, value)

    def __delete__(self, obj: Any) -> None:
        self._slot.__delete__(obj)


class LazyTimestamp(_InFrontOfSlot):
    """The class attribute of a model's date-time field. A string that is an RFC 3339 date-time (the text the parse
    checked and kept) reads as its ``Timestamp``, built at the first read and kept; any other value reads as it is:
    a ``Timestamp``, ``None``, ``UNSET``, or a value that deviated from the spec, kept as received."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self._slot.__get__(obj, owner)
        if type(value) is str:
            try:
                value = parse_datetime(value)
            except ValueError:
                return value  # a deviating value, kept as received
            self._slot.__set__(obj, value)
        return value


class LazyDict(_InFrontOfSlot):
    """The class attribute of a model's ``additional_properties``: ``from_dict`` leaves the slot empty when the
    JSON has no key the spec does not know, and the first read puts a new empty dict there (a dict made and freed
    for every object is a twentieth of a bulk parse, and few are ever read)."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            return self._slot.__get__(obj, owner)
        except AttributeError:
            with _FIRST_READ:  # two threads reading it first at once must get the same dict
                try:
                    return self._slot.__get__(obj, owner)
                except AttributeError:
                    empty: dict[str, Any] = {}
                    self._slot.__set__(obj, empty)
                    return empty


_FIRST_READ = threading.Lock()


def lazy_fields(cls: type, *timestamps: str) -> None:
    """Puts a ``LazyDict`` in front of the slot of ``cls.additional_properties`` and a ``LazyTimestamp`` in front of
    the slot of each date-time field named in ``timestamps``, which stays reachable as ``_slot_<name>``:
    ``from_dict`` stores a field's text through that, a plain attribute store (through the ``LazyTimestamp`` it
    would be a Python call, through the slot's ``__set__`` a method call)."""
    cls.additional_properties = LazyDict(cls.__dict__["additional_properties"])  # type: ignore[attr-defined]
    for name in timestamps:
        slot = cls.__dict__[name]
        if hasattr(cls, f"_slot_{name}"):
            raise TypeError(f"{cls.__name__}._slot_{name} is taken")
        setattr(cls, name, LazyTimestamp(slot))
        setattr(cls, f"_slot_{name}", slot)


def parse_uuid(value: str) -> "UUID":
    """A UUID written in the canonical 36-character hyphenated form, in either case; ValueError for anything else,
    including the forms ``uuid.UUID`` also takes (32 bare hex digits, braces, a ``urn:uuid:`` prefix)."""
    if len(value) != 36 or value[8] != "-":
        raise ValueError(f"not a UUID: {value!r}")
    from uuid import UUID

    return UUID(value)


def to_json(value: Any) -> Any:
    """The JSON value of a parsed field: what the server sent for a ``Timestamp``, a date, an enum or a model, and a
    value that deviated from the spec (kept as received) unchanged. Lists are walked without recursion: one kept as
    received may nest deeper than Python's recursion limit (``json`` decodes about a thousand levels)."""
    if not isinstance(value, list):
        return _item_to_json(value)
    result: list[Any] = []
    stack = [(iter(value), result)]
    while stack:
        items, target = stack[-1]
        for item in items:
            if isinstance(item, list):
                inner: list[Any] = []
                target.append(inner)
                stack.append((iter(item), inner))
                break
            target.append(_item_to_json(item))
        else:
            stack.pop()
    return result


def _item_to_json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            return value.text if isinstance(value, Timestamp) else value.isoformat()
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if (uuid := sys.modules.get("uuid")) is not None and isinstance(value, uuid.UUID):  # no UUID without uuid
        return str(value)
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value


def parse_date(value: str) -> datetime.date:
    """An ISO 8601 calendar date, ``YYYY-MM-DD`` (the form of JSON Schema's ``format: date``); ValueError for
    anything else, including the basic and week forms ``date.fromisoformat`` also takes."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f"not a date: {value!r}")
    return datetime.date.fromisoformat(value)


# Argument checks, called by the generated request builders before anything is sent. Each returns the value,
# raises TypeError for a value of the wrong type and ValueError for one outside the parameter's schema, naming it.


def check_integer(name: str, value: Any, minimum: int | None = None, maximum: int | None = None, bits: int = 0) -> int:
    """An ``int`` (not a ``bool``) within ``minimum``/``maximum`` and, with ``bits``, the signed range of that many."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if (
        (bits and not -(1 << (bits - 1)) <= value < 1 << (bits - 1))
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        sign = {0: "non-negative ", 1: "positive "}.get(minimum, "") if minimum is not None else ""
        kind = f"{sign}{bits}-bit integer" if bits else f"{sign}integer"
        bounds = [f">= {minimum}"] if minimum not in (None, 0, 1) else []
        bounds += [f"<= {maximum}"] if maximum is not None else []
        raise ValueError(f"{name} must be a {kind}{' ' + ' and '.join(bounds) if bounds else ''}, got {value}")
    return value if type(value) is int else int(value)  # an IntEnum member goes out as its number


def check_number(name: str, value: Any, minimum: float | None = None, maximum: float | None = None) -> float:
    """A finite ``int`` or ``float`` (not a ``bool``) within ``minimum``/``maximum``."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    outside = (minimum is not None and value < minimum) or (maximum is not None and value > maximum)
    if not math.isfinite(value) or outside:
        raise ValueError(f"{name} must be a finite number within [{minimum}, {maximum}], got {value}")
    return value


def check_boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return value


def check_string(
    name: str, value: Any, min_length: int = 0, max_length: int | None = None, pattern: str | None = None,
    no_commas: bool = False,
) -> str:  # fmt: skip
    """A ``str`` of ``min_length`` to ``max_length`` characters matching ``pattern`` (a JSON Schema regex, which
    matches anywhere, as ``re.search`` does); ``no_commas`` for an item that is comma-joined with others."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if len(value) < min_length:
        raise ValueError(f"{name} must be a non-empty str" if min_length == 1 else f"{name} must have at least "
                         f"{min_length} characters, got {value!r}")  # fmt: skip
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"{name} must have at most {max_length} characters, got {len(value)}")
    if pattern is not None and re.search(pattern, value) is None:
        raise ValueError(f"{name} must match {pattern!r}, got {value!r}")
    if no_commas and "," in value:
        # The items are sent comma-joined: a comma inside one would split it in two.
        raise ValueError(f"{name} must be without commas, got {value!r}")
    return value


def check_enum(name: str, value: Any, enum: Any) -> Any:
    """One of the spec's values of ``enum``, given as a member or as the value itself; returns the value."""
    known = enum.known()
    if (isinstance(value, Enum) or type(value) in (str, int)) and not isinstance(value, bool) and value in known:
        return value.value if isinstance(value, Enum) else value
    raise ValueError(f"{name} must be one of {', '.join(sorted(map(str, known)))}; got {value!r}")


def check_array(name: str, value: Any, min_items: int = 0, max_items: int | None = None) -> Sequence[Any]:
    """A list or tuple (not a str) of ``min_items`` to ``max_items`` items; the caller checks each item."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list, got {type(value).__name__}")
    if len(value) < min_items:
        # For a filter, an empty list could be read as no filter at all: refuse it, and say how to ask for that.
        raise ValueError(f"{name} must not be empty; pass None to leave it out" if min_items == 1 else
                         f"{name} must have at least {min_items} items, got {len(value)}")  # fmt: skip
    if max_items is not None and len(value) > max_items:
        raise ValueError(f"{name} must have at most {max_items} items, got {len(value)}")
    return value


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "array": (list, tuple),
    "object": (Mapping,), "null": (type(None),),
}  # fmt: skip
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]*={0,2}")


def check_json(name: str, value: Any, schema: dict[str, Any]) -> Any:
    """``value`` checked against a JSON schema the spec gives an argument (the keywords ``scripts/generate.py``
    lets through: type, format, enum, bounds, lengths, pattern, items, properties, required, additionalProperties,
    oneOf), and returned as JSON: dates and date-times as RFC 3339 text, UUIDs as text, enum members and models as
    their values, mappings as dicts, tuples as lists. TypeError or ValueError naming the offending part by its path
    (``orders[2].limit_price``), before anything is sent."""
    if "oneOf" in schema:
        problems = []
        for option in schema["oneOf"]:
            try:
                return check_json(name, value, option)
            except (TypeError, ValueError) as exc:
                problems.append(str(exc))
        raise ValueError(f"{name} matches none of the spec's choices: {'; '.join(problems)}")
    types = schema.get("type", ())
    types = [types] if isinstance(types, str) else list(types)
    if value is None:
        if "null" in types:
            return None
        raise TypeError(f"{name} must not be None")
    if hasattr(value, "to_dict") and "object" in types:  # a generated model, as a caller may pass one back
        value = value.to_dict()
    if "enum" in schema:
        known = [item for item in schema["enum"] if item is not None]
        plain = value.value if isinstance(value, Enum) else value
        if isinstance(plain, bool) or plain not in known or type(plain) not in (str, int, float):
            raise ValueError(f"{name} must be one of {', '.join(map(str, known))}; got {value!r}")
        return plain
    form = schema.get("format")
    if form in ("date", "date-time", "uuid") and "string" in types and not isinstance(value, str):
        return _formatted(name, value, form)
    kinds = [kind for kind in types if kind != "null"]
    if types and not any(_is(value, kind) for kind in kinds):
        raise TypeError(f"{name} must be {' or '.join(kinds) or 'None'}, got {type(value).__name__}")
    if isinstance(value, str):
        check_string(name, value, schema.get("minLength", 0), schema.get("maxLength"), schema.get("pattern"))
        if form in ("date", "date-time", "uuid"):
            try:
                {"date": parse_date, "date-time": parse_datetime, "uuid": parse_uuid}[form](value)
            except ValueError:
                raise ValueError(f"{name} must be {_FORMS[form]}, got {value!r}") from None
        elif form == "byte" and _BASE64.fullmatch(value) is None:
            raise ValueError(f"{name} must be base64 text, got {value!r}")
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not isinstance(value, int) or form not in ("int32", "int64"):
            return check_number(name, value, schema.get("minimum"), schema.get("maximum"))
        return check_integer(name, value, schema.get("minimum"), schema.get("maximum"), int(form[3:]))
    if isinstance(value, (list, tuple)):
        check_array(name, value, schema.get("minItems", 0), schema.get("maxItems"))
        items = schema.get("items", {})
        return [check_json(f"{name}[{index}]", item, items) for index, item in enumerate(value)]
    if isinstance(value, Mapping):
        return _check_object(name, value, schema)
    return value


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _JSON_TYPES.get(kind, object)) and not (kind == "string" and isinstance(value, Enum))


def _check_object(name: str, value: Mapping[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    if missing := [key for key in schema.get("required", ()) if key not in value]:
        raise ValueError(f"{name} lacks the required {', '.join(missing)}")
    extra = schema.get("additionalProperties", True)
    result: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"{name} must have str keys, got {key!r}")
        if key in properties:
            result[key] = check_json(f"{name}.{key}", item, properties[key])
        elif extra is False:
            raise ValueError(f"{name} has {key!r}, which the spec does not list")
        else:
            result[key] = check_json(f"{name}.{key}", item, extra if isinstance(extra, dict) else {})
    return result


_FORMS = {"date": "an ISO 8601 date (YYYY-MM-DD)", "date-time": "an RFC 3339 date-time", "uuid": "a UUID"}


def _formatted(name: str, value: Any, form: str) -> str:
    """A ``date``, an aware ``datetime`` or a ``UUID`` as the text the spec's format writes."""
    if form == "date" and isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if form == "date-time" and isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"{name} must be an aware datetime (RFC 3339 needs an offset), got {value!r}")
        return value.text if isinstance(value, Timestamp) else value.isoformat()
    if form == "uuid" and (uuid := sys.modules.get("uuid")) is not None and isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{name} must be {_FORMS[form]}, got {type(value).__name__}")


def path_segment(name: str, value: str | int | float | bool) -> str:
    """``value`` percent-encoded so it stays one path segment; "." and ".." are refused, because a URL resolves them
    away (a "." order id would turn a single cancel into a DELETE of the cancel-all path)."""
    text = query_value(value)
    if text in ("", ".", ".."):
        raise ValueError(f"{name} must not be {text!r}: it cannot stand as a path segment")
    return text


def query_value(value: str | int | float | bool) -> str:
    """The text of a scalar as the spec's type writes it in a URL (``true``, ``7``, ``BUY``), percent-encoded."""
    if type(value) is int:  # digits: nothing to encode
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):  # an IntEnum: its number, not its repr
        return str(int(value))
    if isinstance(value, Enum):  # a str enum: its value
        value = value.value
    return quote(value if isinstance(value, str) else repr(value), safe="")


WireFields = tuple[tuple[str, str, Any, Any], ...] | None
"""A model's wire fields (see ``_wire``): JSON name, attribute name, type (a model class stands for its Struct,
``Any`` for any JSON value), and ``REQUIRED`` or the default; None where msgspec cannot check a field as
``from_dict`` does."""

REQUIRED: Final = object()


def learned_values(w: Any, learned: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The learned keys a Struct holds: the object's ``additional_properties``."""
    return {key: value for name, key in learned if (value := getattr(w, name)) is not UNSET}


__all__ = [
    "API_FORM_ENDINGS",
    "REQUIRED",
    "UNSET",
    "LazyDict",
    "LazyTimestamp",
    "Timestamp",
    "Unset",
    "WireFields",
    "check_array",
    "check_boolean",
    "check_date_digits",
    "check_enum",
    "check_integer",
    "check_json",
    "check_number",
    "check_string",
    "lazy_fields",
    "learned_values",
    "parse_date",
    "parse_datetime",
    "parse_uuid",
    "path_segment",
    "query_value",
    "to_json",
]
