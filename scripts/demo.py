"""`make demo`: cancel one order and then all orders through clear_street, against Prism serving our own spec.

Prism answers with the spec's documented examples; asking it for `Prefer: code=404` shows a documented error
being raised as a typed exception and caught.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import anyio
import clear_street
import prism


def show_order(order: clear_street.Order) -> str:
    price = order.limit_price if isinstance(order.limit_price, str) else "-"
    symbol = order.symbol if isinstance(order.symbol, str) else "(multi-leg)"
    return (
        f"  {symbol:<6} {order.side:<10} {order.quantity:>6} @ {price:<8} {order.status:<16}"
        f" filled {order.filled_quantity:>4}  id {order.id}  created {order.created_at.text}"
    )


def main() -> None:
    print("Starting Prism on 127.0.0.1, serving spec/openapi.yaml ...")
    with prism.running() as url:
        print(f"Prism is up at {url}\n")
        with clear_street.ClearStreet(api_key="demo-key", base_url=url) as client:
            print("client.v1.orders.cancel_open_order('my-ref-id-20251001-001', account_id=19816)")
            one = client.v1.orders.cancel_open_order("my-ref-id-20251001-001", account_id=19816)
            print(show_order(one.data))
            print(f"  request_id {one.metadata.request_id}\n")

            print("client.v1.orders.cancel_all_open_orders(19816, side='BUY', type='LIMIT')")
            every = client.v1.orders.cancel_all_open_orders(19816, side="BUY", type="LIMIT")
            for order in every.data:
                print(show_order(order))
            print(f"  {len(every.data)} orders pending cancel; request_id {every.metadata.request_id}\n")

            print("An order that does not exist (Prism asked for its documented 404):")
            missing = client.with_options(default_headers={"Prefer": "code=404"})
            try:
                missing.v1.orders.cancel_open_order("d40a92e6-381f-4803-b292-56d350d9d54a", account_id=100001)
            except clear_street.NotFoundError as error:
                print(f"  caught {type(error).__name__}: {error}")
                print(f"  status {error.status_code}, code {error.code}, request_id {error.request_id}\n")

            print("A bad argument is refused before anything is sent:")
            try:
                client.v1.orders.cancel_all_open_orders(19816, side="buy")
            except ValueError as error:
                print(f"  caught ValueError: {error}")

        print("\nThe kill switch from a shell: three accounts at once, within a 10 s deadline, on the record:")
        audit = Path(tempfile.mkdtemp()) / "kill-switch.jsonl"
        command = ["orders", "cancel-all", "--account-id", "19816", "--account-id", "19817", "--account-id", "19818",
                   "--deadline", "10", "--audit-log", str(audit), "--yes", "--output", "table",
                   "--base-url", url]  # fmt: skip
        print("  clear-street " + " ".join(command))
        env = {**os.environ, "CLEAR_STREET_API_KEY": "demo-key"}
        cli = Path(sys.executable).parent / "clear-street"
        done = subprocess.run([str(cli), *command], env=env, capture_output=True, text=True, check=False,
                              timeout=60)  # fmt: skip
        print(textwrap.indent(done.stdout.rstrip(), "  "))
        print(f"  exit status {done.returncode}; the audit log's first line of {len(audit.read_text().splitlines())}:")
        print(f"  {audit.read_text().splitlines()[0]}")

        print("\nThe same from Python, as a risk process calls it (asyncio or trio):")
        print("  await clear_street.cancel_all_accounts([19816, 19817], deadline=10)")
        report = anyio.run(lambda: clear_street.cancel_all_accounts([19816, 19817], deadline=10, base_url=url,
                                                                    api_key="demo-key"))  # fmt: skip
        for outcome in report.outcomes:
            print(f"  account {outcome.account}: {outcome.outcome}, {len(outcome.order_ids)} order(s), "
                  f"confirmed={outcome.confirmed}, request_id {outcome.request_id}")  # fmt: skip
    print("\nPrism stopped. Demo done.")


if __name__ == "__main__":
    main()
