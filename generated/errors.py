"""Errors raised by the generated code. Custom template: overrides/templates/errors.py.jinja"""

from typing import Any

from .types import UNSET


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class InvalidData(ValueError):
    """The only exception a generated ``from_dict`` raises: the JSON does not match the spec's schema."""


def invalid(model: str, field: str, expected: str, value: Any) -> InvalidData:
    """Build the error for one field, naming the model, the field and what arrived (never the whole payload)."""
    if value is UNSET:
        return InvalidData(f"{model}.{field}: required field is missing")
    shown = (
        repr(value) if isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 80 else type(value).__name__
    )
    return InvalidData(f"{model}.{field}: expected {expected}, got {shown}")


__all__ = ["InvalidData", "UnexpectedStatus", "invalid"]
