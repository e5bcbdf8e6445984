"""Custom template: overrides/templates/str_enum.py.jinja"""

from enum import StrEnum
from typing import Self


class SecurityType(StrEnum):
    """An open enum: a value the spec does not list becomes a pseudo-member equal to its string, so a value the
    server adds later parses instead of failing. Compare with strings or members alike."""

    CASH = "CASH"
    COMMON_STOCK = "COMMON_STOCK"
    INDEX = "INDEX"
    OPTION = "OPTION"
    OTHER = "OTHER"
    PREFERRED_STOCK = "PREFERRED_STOCK"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def parse(cls, value: str) -> Self:
        """The member for ``value``, known or not; a dictionary look-up for known values, which is the hot path."""
        member = cls._value2member_map_.get(value)
        return member if member is not None else cls(value)  # type: ignore[return-value]

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @classmethod
    def known(cls) -> frozenset[str]:
        """The values the spec lists, for checking what a caller sends."""
        return _KNOWN


_KNOWN = frozenset(member.value for member in SecurityType)
