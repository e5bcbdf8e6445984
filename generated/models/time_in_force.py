"""Custom template: overrides/templates/str_enum.py.jinja"""

from enum import StrEnum
from typing import Self


class TimeInForce(StrEnum):
    """An open enum: a value the spec does not list becomes a pseudo-member equal to its string, so a value the
    server adds later parses instead of failing. Compare with strings or members alike."""

    AT_CROSSING = "AT_CROSSING"
    AT_THE_CLOSE = "AT_THE_CLOSE"
    AT_THE_OPENING = "AT_THE_OPENING"
    DAY = "DAY"
    FILL_OR_KILL = "FILL_OR_KILL"
    GOOD_THROUGH_CROSSING = "GOOD_THROUGH_CROSSING"
    GOOD_TILL_CANCEL = "GOOD_TILL_CANCEL"
    GOOD_TILL_CROSSING = "GOOD_TILL_CROSSING"
    GOOD_TILL_DATE = "GOOD_TILL_DATE"
    IMMEDIATE_OR_CANCEL = "IMMEDIATE_OR_CANCEL"
    OTHER = "OTHER"

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


_KNOWN = frozenset(member.value for member in TimeInForce)
