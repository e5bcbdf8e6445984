"""``clear-street``: the kill switch from a shell.

    clear-street orders cancel ORDER_ID --account-id N
    clear-street orders cancel-all --account-id N [--account-id M]... [--accounts-file FILE]
        [--instrument-id ID]... [--instrument-type T] [--side S] [--type T]
        [--deadline SECONDS] [--concurrency K] [--audit-log FILE] [--yes]

The key comes only from ``CLEAR_STREET_API_KEY`` (a flag would land in shell history and ``ps``). ``cancel-all``
sends every account's cancel concurrently through one ``AsyncClearStreet``; ``--deadline`` bounds the whole
command, retries included, and what has not finished by then is cancelled and reported as not done.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from ._client import AsyncClearStreet, ClearStreet
from ._exceptions import APIError, APIResponseValidationError, APIStatusError, ClearStreetError
from ._generated import models
from ._generated.models import OrderType, SecurityType, Side  # enums: no attrs, which --help need not import
from ._response import APIResponse
from ._version import __version__

EXIT_OK, EXIT_API, EXIT_USAGE = 0, 1, 2
DEFAULT_CONCURRENCY = 16
FILTERS = ("instrument_ids", "instrument_type", "side", "type")
_EPILOG = """\
The API key is read from CLEAR_STREET_API_KEY, never from a flag.

exit status:
  0  done (for cancel-all: every account done, or with no open order matching: nothing to cancel)
  1  failed after a request was sent: the API refused it, the connection failed, the deadline passed first, or a
     success came with a body that is no result (the cancel may have taken effect); the API's message and the
     request id go to stderr
  2  usage error: nothing was sent (also when the confirmation is declined)
"""
_COLUMNS = ("id", "symbol", "side", "quantity", "filled_quantity", "limit_price", "status", "client_order_id")
_ACCOUNT_COLUMNS = ("account", "outcome", "orders", "status", "request_id", "message")


@dataclass
class Outcome:
    """What became of one account's cancel-all: done, nothing_to_cancel, failed, or unfinished (the deadline)."""

    account: int
    outcome: str = "unfinished"
    status: int | None = None
    request_id: str | None = None
    message: str | None = None
    order_ids: list[Any] = field(default_factory=list)
    raw: APIResponse[Any] | None = None

    def record(self) -> dict[str, Any]:
        return {"account": self.account, "outcome": self.outcome, "orders": len(self.order_ids),
                "status": self.status, "request_id": self.request_id, "message": self.message,
                "order_ids": self.order_ids}  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    formatting: dict[str, Any] = {"epilog": _EPILOG, "formatter_class": argparse.RawDescriptionHelpFormatter}
    parser = argparse.ArgumentParser(prog="clear-street", description="Cancel Clear Street orders.", **formatting)
    parser.add_argument("--version", action="version", version=f"clear-street {__version__}")
    parser.add_argument("--base-url", help="API base URL (default: $CLEAR_STREET_BASE_URL, else production)")
    parser.add_argument("--output", choices=("json", "table"), help="default: table on a terminal, else json")
    groups = parser.add_subparsers(dest="group", required=True)
    orders = groups.add_parser("orders", help="order commands").add_subparsers(dest="command", required=True)

    cancel = orders.add_parser("cancel", help="cancel one open order", **formatting)
    cancel.add_argument("order_id", help="the order's id or client_order_id")
    cancel.add_argument("--account-id", type=int, required=True)

    cancel_all = orders.add_parser(
        "cancel-all", help="cancel every open order of one or more accounts, or those matching the filters",
        description="Cancel the open orders of each account given that match every filter given. With no filters it "
        "cancels ALL open orders of each account. The accounts are cancelled concurrently. On a terminal it asks "
        "first, unless --yes.", **formatting,
    )  # fmt: skip
    cancel_all.add_argument("--account-id", type=int, action="append", dest="account_ids", metavar="N", default=[],
                            help="an account to cancel; repeat it for more")  # fmt: skip
    cancel_all.add_argument("--accounts-file", type=Path, metavar="FILE",
                            help="more accounts, one id a line; blank lines and # comments are skipped")  # fmt: skip
    cancel_all.add_argument("--instrument-id", action="append", dest="instrument_ids", metavar="ID")
    cancel_all.add_argument("--instrument-type", choices=sorted(SecurityType.known()))
    cancel_all.add_argument("--side", choices=sorted(Side.known()))
    cancel_all.add_argument("--type", choices=sorted(OrderType.known()))
    cancel_all.add_argument(
        "--deadline",
        type=float,
        metavar="SECONDS",
        help="bound the whole command, retries included; unfinished accounts are not done",
    )
    cancel_all.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="K",
        help=f"accounts in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    cancel_all.add_argument("--audit-log", type=Path, metavar="FILE",
                            help="append one JSON line per account outcome (never the key)")  # fmt: skip
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation on a terminal")
    for sub in (cancel, cancel_all):  # accept the global options after the command too
        sub.add_argument("--base-url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--output", choices=("json", "table"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _table(columns: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in [list(columns), *rows])  # fmt: skip


def _cell(value: Any) -> str:
    return "-" if value is None or not isinstance(value, (str, int)) else str(value)


def _confirm(question: str) -> bool:
    """Ask on the terminal (stderr, so ``--output json > file`` holds only JSON); Ctrl-C or Ctrl-D is a no."""
    try:
        sys.stderr.write(f"{question} [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        answer = ""
    if not answer.endswith("\n"):
        sys.stderr.write("\n")
    return answer.strip().lower() in ("y", "yes")


def _accounts(args: argparse.Namespace) -> list[int]:
    """The accounts named by ``--account-id`` and ``--accounts-file``, in order, each once."""
    accounts = list(args.account_ids)
    if args.accounts_file is not None:
        for number, line in enumerate(args.accounts_file.read_text().splitlines(), 1):
            if text := line.split("#", 1)[0].strip():
                try:
                    accounts.append(int(text))
                except ValueError:
                    raise ValueError(f"{args.accounts_file}:{number}: not an account id: {text!r}") from None
    if not accounts:
        raise ValueError("give at least one --account-id or an --accounts-file")
    return list(dict.fromkeys(accounts))


def _audit(path: Path | None, filters: dict[str, Any]) -> Callable[[Outcome], None]:
    """A writer of one JSON line per outcome to ``path``, appended whole under a lock, so that two runs at once
    interleave lines, never bytes. The file is opened now, so an unwritable one is a usage error."""
    if path is None:
        return lambda outcome: None
    os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
    sent = {name: value for name, value in filters.items() if value is not None}

    def write(outcome: Outcome) -> None:
        time = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        line = json.dumps({"time": time, **outcome.record(), "filters": sent}, default=str) + "\n"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            import fcntl  # POSIX; the append is atomic for a line this size without it too

            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line.encode())
        finally:
            os.close(fd)

    return write


async def _cancel_account(client: AsyncClearStreet, outcome: Outcome, filters: dict[str, Any], limiter: Any,
                          audit: Callable[[Outcome], None]) -> None:  # fmt: skip
    async with limiter:
        try:
            raw = await client.v1.orders.with_raw_response.cancel_all_open_orders(outcome.account, **filters)
            envelope = raw.parse()
        except APIError as error:
            status = error.status_code if isinstance(error, (APIStatusError, APIResponseValidationError)) else None
            nothing = isinstance(error, APIStatusError) and status == 404 and error.code == 404  # "No orders match"
            outcome.outcome = "nothing_to_cancel" if nothing else "failed"
            outcome.status, outcome.request_id, outcome.message = status, error.request_id, error.message
        except Exception as error:  # one account's surprise must not stop the others' cancels
            outcome.outcome, outcome.message = "failed", f"{type(error).__name__}: {error}"
        else:
            outcome.outcome, outcome.status, outcome.raw = "done", raw.status_code, raw
            outcome.request_id = raw.request_id
            orders = envelope.data if isinstance(envelope.data, list) else []
            outcome.order_ids = [order.id if isinstance(order, models.Order) else None for order in orders]
        audit(outcome)


async def _cancel_accounts(args: argparse.Namespace, outcomes: list[Outcome], filters: dict[str, Any],
                           audit: Callable[[Outcome], None]) -> None:  # fmt: skip
    """Every account at once, at most ``--concurrency`` in flight; at the deadline every request still running is
    cancelled, and its account stays unfinished."""
    import anyio  # lazily: the single-order command does not need it

    limiter = anyio.CapacityLimiter(args.concurrency)
    async with AsyncClearStreet(base_url=args.base_url) as client:
        with anyio.move_on_after(args.deadline):
            async with anyio.create_task_group() as group:
                for outcome in outcomes:
                    group.start_soon(_cancel_account, client, outcome, filters, limiter, audit)
    for outcome in outcomes:
        if outcome.outcome == "unfinished":
            outcome.message = f"not finished within the {args.deadline:g} s deadline"
            audit(outcome)


def _print(text: str) -> None:
    """Print to stdout; a reader that left (``| head``) does not turn a done cancel into a failure."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _report_response(raw: APIResponse[Any], output: str) -> None:
    """A success as today's single-account commands print it: exactly the server's JSON, or a table of orders."""
    response = raw.parse()
    body = response.to_dict()  # exactly what the server sent
    request_id = raw.request_id
    if deviations := raw.deviations:
        where = ", ".join(deviation.path for deviation in deviations)
        print(f"clear-street: warning: the response deviates from the spec at {where} (request_id {request_id})",
              file=sys.stderr)  # fmt: skip
    orders = response.data if isinstance(response.data, list) else [response.data]
    if output == "json":
        _print(json.dumps(body, indent=2))
    else:
        rows = [[_cell(getattr(order, column, None)) for column in _COLUMNS] for order in orders]
        _print(f"{_table(_COLUMNS, rows)}\n\n{len(orders)} order(s) pending cancel; request_id {request_id}")


def _failure(message: str | None, status: int | None, request_id: str | None) -> str:
    facts = ([f"status {status}"] if status else []) + ([f"request_id {request_id}"] if request_id else [])
    return f"clear-street: {message}" + (f" ({', '.join(facts)})" if facts else "")


def _cancel_one_order(args: argparse.Namespace, client: ClearStreet, output: str) -> int:
    try:
        raw = client.v1.orders.with_raw_response.cancel_open_order(args.order_id, account_id=args.account_id)
        raw.parse()
    except APIError as error:
        status = error.status_code if isinstance(error, APIStatusError) else None
        print(_failure(error.message, status, error.request_id), file=sys.stderr)
        return EXIT_API
    _report_response(raw, output)
    return EXIT_OK


def _run_cancel_all(args: argparse.Namespace, accounts: list[int], filters: dict[str, Any], output: str,
                    audit: Callable[[Outcome], None]) -> int:  # fmt: skip
    import anyio

    outcomes = [Outcome(account) for account in accounts]
    anyio.run(_cancel_accounts, args, outcomes, filters, audit)
    if len(outcomes) == 1 and not args.accounts_file:  # the single-account form, as it always printed
        (outcome,) = outcomes
        if outcome.raw is not None:
            _report_response(outcome.raw, output)
        else:
            text = "nothing to cancel: " if outcome.outcome == "nothing_to_cancel" else ""
            print(_failure(text + (outcome.message or ""), outcome.status if not text else None, outcome.request_id),
                  file=sys.stderr)  # fmt: skip
    elif output == "json":
        _print(json.dumps({"filters": filters, "accounts": [outcome.record() for outcome in outcomes]}, indent=2))
    else:
        rows = [[_cell(value) for value in outcome.record().values()][: len(_ACCOUNT_COLUMNS)] for outcome in outcomes]
        counts = {kind: sum(o.outcome == kind for o in outcomes) for kind in ("done", "nothing_to_cancel", "failed",
                                                                               "unfinished")}  # fmt: skip
        _print(_table(_ACCOUNT_COLUMNS, rows) + "\n\n" + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    ok = all(outcome.outcome in ("done", "nothing_to_cancel") for outcome in outcomes)
    return EXIT_OK if ok else EXIT_API


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 2 only when nothing was sent: every check runs before the first request. Anything after it exits 1,
    or 0 when the cancel was done, even if stdout has gone away (``| head``)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not os.environ.get("CLEAR_STREET_API_KEY"):
        parser.error("set CLEAR_STREET_API_KEY to your API key")
    output = args.output or ("table" if sys.stdout.isatty() else "json")
    logging.getLogger("clear_street").addHandler(logging.NullHandler())  # deviations: one line of ours instead
    orders_api = import_module("._generated.api.orders", __package__)
    try:
        client = ClearStreet(base_url=args.base_url)  # the key and the URL, checked
        # The generated request builders run every argument check without sending anything.
        if args.command == "cancel":
            orders_api.cancel_open_order.request_kwargs(args.order_id, account_id=args.account_id)
        else:
            filters = {name: getattr(args, name) for name in FILTERS}
            accounts = _accounts(args)
            for account in accounts:
                orders_api.cancel_all_open_orders.request_kwargs(account, **filters)
            if args.deadline is not None and not args.deadline > 0:
                raise ValueError(f"--deadline must be a positive number of seconds, got {args.deadline}")
            if args.concurrency < 1:
                raise ValueError(f"--concurrency must be at least 1, got {args.concurrency}")
            audit = _audit(args.audit_log, filters)
    except (ValueError, TypeError, ClearStreetError, OSError) as error:
        parser.error(str(error))
    try:
        with client:
            if args.command == "cancel":
                return _cancel_one_order(args, client, output)
            given = [f"{name}={value}" for name, value in filters.items() if value is not None]
            scope = f"matching {', '.join(given)}" if given else "(no filters: ALL of them)"
            whose = f"account {accounts[0]}" if len(accounts) == 1 else f"{len(accounts)} accounts"
            if not args.yes and sys.stdin.isatty() and not _confirm(f"Cancel open orders of {whose} {scope}?"):
                print("Nothing cancelled.", file=sys.stderr)
                return EXIT_USAGE
            return _run_cancel_all(args, accounts, filters, output, audit)
    except Exception as error:  # a request went out: whatever happened, it is not a usage error
        print(f"clear-street: {type(error).__name__} after the request was sent: {error}", file=sys.stderr)
        return EXIT_API


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
