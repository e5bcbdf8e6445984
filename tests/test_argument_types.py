"""The generated signatures make a type checker refuse what the run-time checks refuse: a bare str where the spec
has a list (a Sequence[str] would take "AAPL" as four ids), while lists and tuples pass."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CALLER = textwrap.dedent("""\
    import clear_street

    client = clear_street.ClearStreet(api_key="k")
    client.v1.orders.cancel_all_open_orders(1, instrument_ids=["AAPL"])
    client.v1.orders.cancel_all_open_orders(1, instrument_ids=("AAPL", "MSFT"))
    client.v1.orders.cancel_all_open_orders(1, instrument_ids="AAPL")
""")


def test_a_str_for_a_list_fails_mypy_strict(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER)
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(caller)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)  # fmt: skip
    errors = [int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error:" in line]
    assert errors == [6], result.stdout
