"""clear-street's pytest plugin, registered under the ``pytest11`` entry point: the ``clear_street_fake`` fixture, so a
test of a project with clear-street installed takes it with no conftest. The fake is imported when a test asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import FakeClearStreet


@pytest.fixture
def clear_street_fake() -> FakeClearStreet:
    """A fresh ``clear_street.testing.FakeClearStreet`` for the test: an in-memory Clear Street, an httpx
    transport for sync and async clients."""
    from .testing import FakeClearStreet

    return FakeClearStreet()
