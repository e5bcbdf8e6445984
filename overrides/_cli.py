"""``clear-street``: the kill switch from a shell.

    clear-street orders cancel ORDER_ID --account-id N
    clear-street orders cancel-all --account-id N [--instrument-id ID]... [--instrument-type T] [--side S] [--type T]

The key comes only from ``CLEAR_STREET_API_KEY`` (a flag would land in shell history and ``ps``). Exit status:
0 done, 2 usage (checked before any request), 1 the API or the connection failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from ._client import ClearStreet
from ._exceptions import APIError, APIStatusError, ClearStreetError, request_id_of
from ._generated.models import Order, OrderType, SecurityType, Side
from ._response import APIResponse
from ._version import __version__

EXIT_OK, EXIT_API, EXIT_USAGE = 0, 1, 2
_COLUMNS = ("id", "symbol", "side", "quantity", "filled_quantity", "limit_price", "status", "client_order_id")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clear-street", description="Cancel Clear Street orders.")
    parser.add_argument("--version", action="version", version=f"clear-street {__version__}")
    parser.add_argument("--base-url", help="API base URL (default: $CLEAR_STREET_BASE_URL, else production)")
    parser.add_argument("--output", choices=("json", "table"), help="default: table on a terminal, else json")
    groups = parser.add_subparsers(dest="group", required=True)
    orders = groups.add_parser("orders", help="order commands").add_subparsers(dest="command", required=True)

    cancel = orders.add_parser("cancel", help="cancel one open order")
    cancel.add_argument("order_id", help="the order's id or client_order_id")
    cancel.add_argument("--account-id", type=int, required=True)

    cancel_all = orders.add_parser("cancel-all", help="cancel every open order of an account, or those matching")
    cancel_all.add_argument("--account-id", type=int, required=True)
    cancel_all.add_argument("--instrument-id", action="append", dest="instrument_ids", metavar="ID")
    cancel_all.add_argument("--instrument-type", choices=sorted(SecurityType.known()))
    cancel_all.add_argument("--side", choices=sorted(Side.known()))
    cancel_all.add_argument("--type", choices=sorted(OrderType.known()))
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation on a terminal")
    for sub in (cancel, cancel_all):  # accept the global options after the command too
        sub.add_argument("--base-url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--output", choices=("json", "table"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _table(orders: list[Order]) -> str:
    rows = [[_cell(getattr(order, column)) for column in _COLUMNS] for order in orders]
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(_COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(_COLUMNS, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return "-" if value is None or not isinstance(value, (str, int)) else str(value)


def _confirm(args: argparse.Namespace) -> bool:
    filters = [f"{name}={value}" for name in ("instrument_ids", "instrument_type", "side", "type")
               if (value := getattr(args, name)) is not None]  # fmt: skip
    scope = f"matching {', '.join(filters)}" if filters else "(no filters: ALL of them)"
    answer = input(f"Cancel open orders of account {args.account_id} {scope}? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.account_id < 0:
        parser.error("--account-id must be a non-negative integer")
    if not os.environ.get("CLEAR_STREET_API_KEY"):
        parser.error("set CLEAR_STREET_API_KEY to your API key")
    output = args.output or ("table" if sys.stdout.isatty() else "json")
    if args.command == "cancel-all" and not args.yes and sys.stdin.isatty() and not _confirm(args):
        print("Nothing cancelled.", file=sys.stderr)
        return EXIT_USAGE
    logging.getLogger("clear_street").addHandler(logging.NullHandler())  # deviations: one line of ours instead
    try:
        with ClearStreet(base_url=args.base_url) as client:
            orders_resource = client.v1.orders.with_raw_response
            if args.command == "cancel":
                raw: APIResponse[Any] = orders_resource.cancel_open_order(args.order_id, account_id=args.account_id)
                response = raw.parse()
                orders = [response.data]
            else:
                raw = orders_resource.cancel_all_open_orders(
                    args.account_id, instrument_ids=args.instrument_ids, instrument_type=args.instrument_type,
                    side=args.side, type=args.type,
                )  # fmt: skip
                response = raw.parse()
                orders = response.data
    except (ValueError, TypeError) as error:  # an argument the client refused before sending
        parser.error(str(error))
    except APIError as error:
        facts = [f"status {error.status_code}"] if isinstance(error, APIStatusError) else []
        facts += [f"request_id {error.request_id}"] if error.request_id else []
        print(f"clear-street: {error.message}" + (f" ({', '.join(facts)})" if facts else ""), file=sys.stderr)
        return EXIT_API
    except ClearStreetError as error:
        print(f"clear-street: {error}", file=sys.stderr)
        return EXIT_USAGE
    body = response.to_dict()  # exactly what the server sent
    request_id = request_id_of(raw.http_response, body)
    if deviations := raw.deviations:
        where = ", ".join(deviation.path for deviation in deviations)
        print(f"clear-street: warning: the response deviates from the spec at {where} (request_id {request_id})",
              file=sys.stderr)  # fmt: skip
    if output == "json":
        print(json.dumps(body, indent=2))
    else:
        print(_table(orders))
        print(f"\n{len(orders)} order(s) pending cancel; request_id {request_id}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
