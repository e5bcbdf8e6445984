"""What a user's type checker sees (mypy --strict on caller code against the installed package)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CALLER = textwrap.dedent("""\
    import clear_street
    from clear_street import UNSET

    client = clear_street.ClearStreet(api_key="k")
    client.v1.orders.cancel_all_open_orders(1, side="BUY", type="LIMIT", instrument_type="INDEX")
    client.v1.orders.cancel_all_open_orders(1, side=clear_street.Side.SELL, instrument_ids=["AAPL  251017C00150000"])
    order = client.v1.orders.cancel_open_order("o", account_id=1).data
    if order.venue is not UNSET:
        venue: str = order.venue
    if order.symbol is not UNSET and order.symbol is not None:
        symbol: str = order.symbol
    stamp: int = order.created_at.nanosecond
    client.v1.orders.cancel_all_open_orders(1, side="buy")
    client.v1.orders.cancel_open_order("o", account_id="1")
    unnarrowed: str = order.venue
""")


def test_filters_are_literals_and_unset_narrows(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER)
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(caller)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)  # fmt: skip
    errors = sorted(int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error:" in line)
    assert errors == [13, 14, 15], result.stdout  # "buy", a str account id, and a venue that may be UNSET
