"""Contains some shared types for properties. Custom template: overrides/templates/types.py.jinja"""

import datetime
import re
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar
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


_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:[Zz]|[+-]\d\d:\d\d)")
_CACHE_LIMIT = 4096
_datetimes: dict[str, datetime.datetime] = {}
_uuids: dict[str, UUID] = {}


def parse_datetime(value: str) -> datetime.datetime:
    """An RFC 3339 date-time as an aware UTC datetime; ValueError for anything else.

    ``datetime.fromisoformat`` alone accepts far more than RFC 3339 (no offset, week dates, a space separator),
    so the shape is checked first; fractional digits past microseconds are truncated. Results are immutable, and
    a bulk response repeats the same few timestamps, so a bounded cache serves the repeats.
    """
    cached = _datetimes.get(value)
    if cached is not None:
        return cached
    if _RFC3339.fullmatch(value) is None:
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    parsed = datetime.datetime.fromisoformat(value.upper())  # ValueError for a date that does not exist
    if parsed.tzinfo is not datetime.UTC:
        parsed = parsed.astimezone(datetime.UTC)
    if len(_datetimes) < _CACHE_LIMIT:
        _datetimes[value] = parsed
    return parsed


def parse_uuid(value: str) -> UUID:
    """A UUID in its canonical 36-character form; ValueError for anything else. Cached like ``parse_datetime``."""
    cached = _uuids.get(value)
    if cached is not None:
        return cached
    if len(value) != 36:
        raise ValueError(f"not a UUID: {value!r}")
    parsed = UUID(value)
    if len(_uuids) < _CACHE_LIMIT:
        _uuids[value] = parsed
    return parsed


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "parse_datetime", "parse_uuid"]
