"""``clear-street``: the kill switch from a shell.

    clear-street orders cancel ORDER_ID --account-id N
    clear-street orders cancel-all --account-id N [--instrument-id ID]... [--instrument-type T] [--side S] [--type T]

The key comes only from ``CLEAR_STREET_API_KEY`` (a flag would land in shell history and ``ps``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any

from ._client import ClearStreet
from ._exceptions import APIError, APIStatusError, ClearStreetError, NotFoundError, request_id_of
from ._generated.models import Order, OrderType, SecurityType, Side
from ._response import APIResponse
from ._version import __version__

EXIT_OK, EXIT_API, EXIT_USAGE = 0, 1, 2
_EPILOG = """\
The API key is read from CLEAR_STREET_API_KEY, never from a flag.

exit status:
  0  done (for cancel-all, also when no open order matched: nothing to cancel)
  1  failed after a request was sent: the API refused it, the connection failed, or a success came with a body
     that is no result (the cancel may have taken effect); the API's message and request id go to stderr
  2  usage error: nothing was sent (also when the confirmation is declined)
"""
_COLUMNS = ("id", "symbol", "side", "quantity", "filled_quantity", "limit_price", "status", "client_order_id")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clear-street", description="Cancel Clear Street orders.", epilog=_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--version", action="version", version=f"clear-street {__version__}")
    parser.add_argument("--base-url", help="API base URL (default: $CLEAR_STREET_BASE_URL, else production)")
    parser.add_argument("--output", choices=("json", "table"), help="default: table on a terminal, else json")
    groups = parser.add_subparsers(dest="group", required=True)
    orders = groups.add_parser("orders", help="order commands").add_subparsers(dest="command", required=True)

    cancel = orders.add_parser("cancel", help="cancel one open order", epilog=_EPILOG,
                               formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    cancel.add_argument("order_id", help="the order's id or client_order_id")
    cancel.add_argument("--account-id", type=int, required=True)

    cancel_all = orders.add_parser(
        "cancel-all", help="cancel every open order of an account, or those matching the filters",
        description="Cancel the account's open orders matching every filter given. With no filters it cancels ALL "
        "open orders of the account. On a terminal it asks first, unless --yes.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
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
    """Ask on the terminal (stderr, so ``--output json > file`` holds only JSON); Ctrl-C or Ctrl-D is a no."""
    filters = [f"{name}={value}" for name in ("instrument_ids", "instrument_type", "side", "type")
               if (value := getattr(args, name)) is not None]  # fmt: skip
    scope = f"matching {', '.join(filters)}" if filters else "(no filters: ALL of them)"
    sys.stderr.write(f"Cancel open orders of account {args.account_id} {scope}? [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        answer = ""
    if not answer.endswith("\n"):
        sys.stderr.write("\n")
    return answer.strip().lower() in ("y", "yes")


def _call(args: argparse.Namespace) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """The generated operation a command runs, with its arguments."""
    if args.command == "cancel":
        return "cancel_open_order", (args.order_id,), {"account_id": args.account_id}
    filters = {name: getattr(args, name) for name in ("instrument_ids", "instrument_type", "side", "type")}
    return "cancel_all_open_orders", (args.account_id,), filters


def _failure(error: APIError) -> str:
    facts = [f"status {error.status_code}"] if isinstance(error, APIStatusError) else []
    facts += [f"request_id {error.request_id}"] if error.request_id else []
    return f"clear-street: {error.message}" + (f" ({', '.join(facts)})" if facts else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 2 only when nothing was sent: every check runs before the first request. Anything after it exits 1,
    or 0 when the cancel was done, even if stdout has gone away (``| head``)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not os.environ.get("CLEAR_STREET_API_KEY"):
        parser.error("set CLEAR_STREET_API_KEY to your API key")
    output = args.output or ("table" if sys.stdout.isatty() else "json")
    operation, positional, keywords = _call(args)
    try:
        client = ClearStreet(base_url=args.base_url)
        # The generated request builder runs every argument check without sending anything.
        import_module(f"._generated.api.orders.{operation}", __package__).request_kwargs(*positional, **keywords)
    except (ValueError, TypeError, ClearStreetError) as error:
        parser.error(str(error))
    logging.getLogger("clear_street").addHandler(logging.NullHandler())  # deviations: one line of ours instead
    with client:
        if args.command == "cancel-all" and not args.yes and sys.stdin.isatty() and not _confirm(args):
            print("Nothing cancelled.", file=sys.stderr)
            return EXIT_USAGE
        try:
            raw: APIResponse[Any] = getattr(client.v1.orders.with_raw_response, operation)(*positional, **keywords)
            response = raw.parse()
        except NotFoundError as error:
            if args.command == "cancel-all" and error.code == 404:  # the documented "No orders match": done
                print(f"clear-street: nothing to cancel: {error.message} (request_id {error.request_id})",
                      file=sys.stderr)  # fmt: skip
                return EXIT_OK
            print(_failure(error), file=sys.stderr)
            return EXIT_API
        except APIError as error:
            print(_failure(error), file=sys.stderr)
            return EXIT_API
        except Exception as error:  # a request went out: whatever happened, it is not a usage error
            print(f"clear-street: {type(error).__name__} after the request was sent: {error}", file=sys.stderr)
            return EXIT_API
    body = response.to_dict()  # exactly what the server sent
    request_id = request_id_of(raw.http_response, body)
    if deviations := raw.deviations:
        where = ", ".join(deviation.path for deviation in deviations)
        print(f"clear-street: warning: the response deviates from the spec at {where} (request_id {request_id})",
              file=sys.stderr)  # fmt: skip
    orders = response.data if isinstance(response.data, list) else [response.data]
    try:
        if output == "json":
            print(json.dumps(body, indent=2))
        else:
            print(_table(orders))
            print(f"\n{len(orders)} order(s) pending cancel; request_id {request_id}")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (| head): the cancel is done all the same
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
