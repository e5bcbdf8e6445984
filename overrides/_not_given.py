"""``NOT_GIVEN``: the default of an option that ``None`` cannot mark, because ``None`` means something (no
timeout), as in the official SDK."""

from __future__ import annotations

from typing import Final, Literal


class NotGiven:
    """The type of ``NOT_GIVEN``; falsy, like ``None``, so ``timeout or default`` reads as usual."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
