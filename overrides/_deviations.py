"""Errors of the generated models. Hand-written; the generated ``_generated/errors.py`` re-exports it (the stock
template's UnexpectedStatus served the stock client, which this package does not generate)."""

from typing import Any, NamedTuple

from ._types import UNSET


class InvalidData(ValueError):
    """The only exception a generated ``from_dict`` raises: the JSON does not match the spec's schema."""


class Deviation(NamedTuple):
    """One place where a response differs from the spec: its JSON ``path`` (``data[3].filled_quantity``), what the
    spec ``expected``, and what came (``got``, ``UNSET`` for a missing field), which the parsed field holds."""

    path: str
    expected: str
    got: Any

    def __str__(self) -> str:
        if self.got is UNSET:
            return f"{self.path}: required field is missing"
        return f"{self.path}: expected {self.expected}, got {_shown(self.got)}"


def invalid(model: str, field: str, expected: str, value: Any) -> InvalidData:
    """Build the error for one field, naming the model, the field and what arrived (never the whole payload)."""
    if value is UNSET:
        return InvalidData(f"{model}.{field}: required field is missing")
    return InvalidData(f"{model}.{field}: expected {expected}, got {_shown(value)}")


def deviate(deviations: list[Deviation], at_path: str, field: str, expected: str, value: Any) -> Any:
    """Record a field that deviates from the spec and hand back the value as received, for the field to hold."""
    deviations.append(Deviation(join_path(at_path, field), expected, value))
    return value


def join_path(at_path: str, field: str) -> str:
    """``data[3]`` and ``filled_quantity`` make ``data[3].filled_quantity``; the top level has no prefix."""
    return f"{at_path}.{field}" if at_path else field


def _shown(value: Any) -> str:
    """A short form of a value: small scalars as they are, anything else by its type (never a whole payload)."""
    if isinstance(value, int) and value.bit_length() > 256:
        return "int"  # repr would refuse one past 4,300 digits, and a long one shows nothing
    if isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 80:
        return repr(value)
    return "null" if value is None else type(value).__name__


__all__ = ["Deviation", "InvalidData", "deviate", "invalid", "join_path"]
