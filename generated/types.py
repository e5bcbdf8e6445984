"""Contains some shared types for properties. Custom template: overrides/templates/types.py.jinja"""

import datetime
from collections.abc import Mapping, MutableMapping
from enum import Enum
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


class Timestamp(datetime.datetime):
    """An RFC 3339 date-time as received: an aware UTC ``datetime`` that keeps what ``datetime`` cannot hold.

    ``nanosecond`` holds the digits past the microsecond (0-999), and equality, ordering and hashing honour it;
    ``text`` is the string it was parsed from, which ``to_dict()`` sends back unchanged. A ``Timestamp`` made by
    arithmetic or ``replace()`` has nanosecond 0 and its ISO format as text.
    """

    __slots__ = ("_nanosecond", "_text")
    _nanosecond: int
    _text: str

    @property
    def nanosecond(self) -> int:
        return getattr(self, "_nanosecond", 0)

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
_NANOSECONDS = {
    f"{n:0{width}d}": n * 10 ** (3 - width) for width in (1, 2, 3) for n in range(10**width)
}  # the digits past the microsecond, as written, to their nanoseconds: "7" is 700, "789" is 789


def parse_datetime(value: str) -> Timestamp:
    """An RFC 3339 date-time as a ``Timestamp``; ValueError for anything else.

    ``datetime.fromisoformat`` checks the digits and that the date exists, but accepts far more than RFC 3339 (no
    offset, week dates, a space separator, basic format, a comma before the fraction), so the shape is checked
    too: ``YYYY-MM-DDTHH:MM:SS``, then a ``.`` and one to nine digits, then ``Z`` or ``+HH:MM``/``-HH:MM``, with
    ``T`` and ``Z`` in either case. By position, not by a regular expression, which costs more than the parse.
    """
    try:
        parsed = Timestamp.fromisoformat(value)
    except ValueError:  # a date that does not exist, or a lower-case "t" or "z", which fromisoformat refuses
        if not value.isascii():  # upper() could change its length
            raise ValueError(f"not an RFC 3339 date-time: {value!r}") from None
        parsed = Timestamp.fromisoformat(value.upper())
    end = len(value) - 1 if value[-1] in "Zz" else len(value) - 6  # where the offset starts
    if (
        parsed.tzinfo is None
        or value[4:17:3] not in _SHAPES
        or (end != 19 and (value[19] != "." or not 21 <= end <= 29))
        or (end != len(value) - 1 and (value[end] not in "+-" or value[-3] != ":"))
    ):
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    if parsed.tzinfo is not _UTC:
        parsed = parsed.astimezone(_UTC)
    if end > 26:
        parsed._nanosecond = _NANOSECONDS[value[26:end]]
    parsed._text = value
    return parsed


def parse_uuid(value: str) -> UUID:
    """A UUID written in the canonical 36-character hyphenated form, in either case; ValueError for anything else,
    including the forms ``uuid.UUID`` also takes (32 bare hex digits, braces, a ``urn:uuid:`` prefix)."""
    if len(value) != 36 or value[8] != "-":
        raise ValueError(f"not a UUID: {value!r}")
    return UUID(value)


def to_json(value: Any) -> Any:
    """The JSON value of a parsed field: what the server sent for a ``Timestamp``, an enum or a model, and a value
    that deviated from the spec (kept as received) unchanged."""
    if isinstance(value, datetime.datetime):
        return value.text if isinstance(value, Timestamp) else value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, UUID):
        return str(value)
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Timestamp",
    "Unset",
    "parse_datetime",
    "parse_uuid",
    "to_json",
]
