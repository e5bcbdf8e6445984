"""``clear-street``: the kill switch from a shell. A thin shell over ``cancel_all_accounts``: the arguments, the
prompt, and printing the report, whatever happens to stdout.

    clear-street orders cancel ORDER_ID --account-id N [--deadline SECONDS]
    clear-street orders cancel-all --account-id N [--account-id M]... [--accounts-file FILE]
        [--instrument-id ID]... [--instrument-type T] [--side S] [--type T]
        [--deadline SECONDS] [--concurrency K] [--audit-log FILE] [--yes]

The key comes only from ``CLEAR_STREET_API_KEY`` (a flag would land in shell history and ``ps``).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import logging
import math
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._client import AsyncClearStreet, ClearStreet
from ._exceptions import APIError, APIStatusError, APITimeoutError, ClearStreetError
from ._generated.models import OrderType, SecurityType, Side  # enums: no attrs, which --help need not import
from ._killswitch import (
    DEFAULT_CONCURRENCY,
    STOP_GRACE,
    KillSwitchReport,
    Outcome,
    cancel_all_accounts,
    json_safe,
    safe_text,
)
from ._response import APIResponse, AsyncAPIResponse
from ._transport import RetryWatch, configure_logging_from_env, watching_retries
from ._types import UNSET, to_json
from ._version import __version__

EXIT_OK, EXIT_NOT_CONFIRMED, EXIT_USAGE = 0, 1, 2
FILTERS = ("instrument_ids", "instrument_type", "side", "type")
_EPILOG = """\
The API key is read from CLEAR_STREET_API_KEY, never from a flag. CLEAR_STREET_LOG=info (or debug) logs one line
per call (per attempt) to stderr.

outcomes (cancel-all, one per account):
  done               a 2xx that is a result: its orders are pending cancel
  nothing_to_cancel  only the documented 404 "No orders match the specified filters"; any other 404 is failed
  failed             the API refused it, or it could not be sent (the connection failed); also a 429 or 503
                     whose retry the deadline or a signal cut short: the last answer is the truth
  not_sent           never sent: still queued at the deadline, or a signal stopped the run first
  unknown            sent, no final answer (cut off, timed out, 500/502/504, a 2xx with no result, a refusal
                     after an attempt that may have reached the server): the cancel may have taken effect
  A done or nothing_to_cancel after an attempt that may have reached the server carries "earlier_attempt";
  a 2xx with "next_page_token" set lists only some orders. Neither is confirmed.

exit status:
  0    every account done or nothing_to_cancel, confirmed (no earlier attempt in doubt, no further page)
  1    any account failed, not_sent, unknown or not confirmed; for cancel, the cancel failed or its answer did
       not come within --deadline (the API's message and the request id go to stderr, a 429's too)
  2    usage error: nothing was sent (also when the confirmation is declined)
  130  interrupted by SIGINT, 143 by SIGTERM (cancel and cancel-all): no new request was sent, those in flight
       had what was left of the deadline (at most 2 s), and every account's outcome was still reported and logged
  The report is printed (and logged) in every case; a failure to write it (or the audit log) is told on stderr
  and changes no exit status.
"""
_COLUMNS = ("id", "symbol", "side", "quantity", "filled_quantity", "limit_price", "status", "client_order_id")
_ACCOUNT_COLUMNS = ("account", "outcome", "confirmed", "orders", "status", "request_id", "message")
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _account_id(text: str) -> int:
    """An account id as a person types it: ASCII digits only (no sign, underscore, or other scripts' digits)."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"not an account id (ASCII digits only): {text!r}")
    return int(text)


class _Once(argparse.Action):
    """An option that may be given once: a second one is refused rather than silently replacing the first."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:  # fmt: skip
        if getattr(namespace, self.dest, None) is not None:
            parser.error(f"{option_string} given more than once; cancel one order on one account at a time")
        setattr(namespace, self.dest, values)


def _parser() -> argparse.ArgumentParser:
    formatting: dict[str, Any] = {"epilog": _EPILOG, "formatter_class": argparse.RawDescriptionHelpFormatter}
    parser = argparse.ArgumentParser(prog="clear-street", description="Cancel Clear Street orders.", **formatting)
    parser.add_argument("--version", action="version", version=f"clear-street {__version__}")
    parser.add_argument("--base-url", help="API base URL (default: $CLEAR_STREET_BASE_URL, else production)")
    parser.add_argument("--output", choices=("json", "table"), help="default: table on a terminal, else json")
    groups = parser.add_subparsers(dest="group", required=True)
    orders = groups.add_parser("orders", help="order commands").add_subparsers(dest="command", required=True)
    deadline_help = "bound the whole command, retries included; what has no answer by then is reported so"

    cancel = orders.add_parser("cancel", help="cancel one open order", **formatting)
    cancel.add_argument("order_id", help="the order's id or client_order_id")
    cancel.add_argument("--account-id", type=_account_id, required=True, action=_Once, metavar="N")
    cancel.add_argument("--deadline", type=float, metavar="SECONDS", help=deadline_help)

    cancel_all = orders.add_parser(
        "cancel-all", help="cancel every open order of one or more accounts, or those matching the filters",
        description="Cancel the open orders of each account given that match every filter given. With no filters it "
        "cancels ALL open orders of each account. The accounts are cancelled concurrently. On a terminal it asks "
        "first, unless --yes.", **formatting,
    )  # fmt: skip
    cancel_all.add_argument("--account-id", type=_account_id, action="append", dest="account_ids", metavar="N",
                            default=[], help="an account to cancel; repeat it for more")  # fmt: skip
    cancel_all.add_argument("--accounts-file", type=Path, metavar="FILE",
                            help="more accounts, one id a line; blank lines and # comments are skipped")  # fmt: skip
    cancel_all.add_argument("--instrument-id", action="append", dest="instrument_ids", metavar="ID")
    cancel_all.add_argument("--instrument-type", choices=sorted(SecurityType.known()))
    cancel_all.add_argument("--side", choices=sorted(Side.known()))
    cancel_all.add_argument("--type", choices=sorted(OrderType.known()))
    cancel_all.add_argument("--deadline", type=float, metavar="SECONDS", help=deadline_help)
    cancel_all.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY, metavar="K",
                            help=f"accounts in flight at once (default {DEFAULT_CONCURRENCY})")  # fmt: skip
    cancel_all.add_argument("--audit-log", type=Path, metavar="FILE",
                            help="append one JSON line per account outcome (never the key); a symlink or a "
                            "non-regular file there is refused, and its failures never stop a cancel")  # fmt: skip
    cancel_all.add_argument("--yes", action="store_true", help="do not ask for confirmation on a terminal")
    for sub in (cancel, cancel_all):  # accept the global options after the command too
        sub.add_argument("--base-url", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--output", choices=("json", "table"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


# --- output that cannot change an outcome --------------------------------------------------------------------------


def _write(stream: Any, text: str, end: str = "\n") -> str | None:
    """Write ``text`` and a newline; None when it went out, else what stopped it. Characters the stream cannot
    encode (a latin-1 terminal, a lone surrogate) are escaped rather than raised. A stream that failed is pointed
    at /dev/null, so that the interpreter's last flush cannot fail again and change the exit status."""
    if stream is None:
        return "it is closed"
    try:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        data = (text + end).encode(encoding, "backslashreplace")
        if (buffer := getattr(stream, "buffer", None)) is not None:
            stream.flush()
            buffer.write(data)
            buffer.flush()
        else:
            stream.write(data.decode(encoding))
            stream.flush()
    except (OSError, ValueError, LookupError) as error:  # ValueError: a closed file object
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return f"{type(error).__name__}: {error}"
    return None


def _warn(text: str) -> None:
    _write(sys.stderr, f"clear-street: {text}")


def _print_report_text(text: str, summary: str) -> None:
    """stdout, and when it fails, stderr says so and which cancels were done (``summary``)."""
    if (problem := _write(sys.stdout, text)) is not None:
        _warn(f"could not write the report to stdout ({problem}); {summary}")


def _by_outcome(report: KillSwitchReport) -> str:
    parts = []
    for kind in Outcome:
        if accounts := [str(o.account) for o in report.outcomes if o.outcome == kind]:
            parts.append(f"{kind}: {', '.join(accounts)}")
    return "; ".join(parts)


def _dumps(value: Any) -> str:
    """Strict JSON (no bare NaN), ASCII only: whatever the server sent cannot reach a terminal as an escape."""
    return json.dumps(json_safe(value), indent=2, allow_nan=False, default=str)


def _table(columns: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in [list(columns), *rows])  # fmt: skip


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value is None or not isinstance(value, (str, int)) else safe_text(str(value))


def _failure(message: str | None, status: int | None, request_id: str | None) -> str:
    facts = ([f"status {status}"] if status else []) + ([f"request_id {safe_text(request_id)}"] if request_id else [])
    return safe_text(message or "") + (f" ({', '.join(facts)})" if facts else "")


# --- one order -----------------------------------------------------------------------------------------------------


def _orders_table(raw: APIResponse[Any], response: Any) -> str:
    orders = response.data if isinstance(response.data, list) else [response.data]
    rows = [[_cell(getattr(order, column, None)) for column in _COLUMNS] for order in orders]
    return f"{_table(_COLUMNS, rows)}\n\n{_by_status(orders)}; request_id {_cell(raw.request_id)}"


def _by_status(orders: list[Any]) -> str:
    """How many orders the answer lists in each status, as it says: a FILLED order is not pending cancel."""
    statuses = Counter(str(status) if isinstance(status := getattr(order, "status", None), str) else None
                       for order in orders)  # fmt: skip
    return ", ".join(
        f"{count} order(s) " + ("pending cancel" if status == "PENDING_CANCEL" else
                                "with no status" if status is None else f"{safe_text(status)}, not pending cancel")
        for status, count in statuses.items()
    ) or "0 order(s) pending cancel"  # fmt: skip


def _api_said(said: object) -> str:
    """The ``error`` the API sent beside ``data``, as one line."""
    words = f"{said.get('code')} {said.get('message')}" if isinstance(said, dict) else json.dumps(json_safe(said))
    return f"the API said beside the data: {safe_text(words)}"


async def _on_signal(signals: list[int], then: Callable[[], None]) -> None:
    """Calls ``then`` once a signal has been received. Polled: the handlers only record, so asyncio's loop needs no
    handler of its own."""
    import anyio

    while not signals:
        await anyio.sleep(0.05)
    then()


async def _cancel_one_order(args: argparse.Namespace, signals: list[int],
                            retries: RetryWatch) -> tuple[AsyncAPIResponse[Any], Any] | Exception | None:  # fmt: skip
    """The cancel and its envelope, or the error it ended with; None when ``--deadline`` or a signal ended it first
    (``retries`` then holds the answer a retry was waiting on). A signal gives a request in flight what is left of
    the deadline, at most ``STOP_GRACE`` seconds, as in cancel-all."""
    import anyio

    answered: tuple[AsyncAPIResponse[Any], Any] | Exception | None = None
    async with AsyncClearStreet(base_url=args.base_url) as client:
        with anyio.move_on_after(args.deadline) as scope, watching_retries(retries):

            def stop() -> None:
                scope.deadline = min(scope.deadline, anyio.current_time() + STOP_GRACE)

            async with anyio.create_task_group() as group:
                group.start_soon(_on_signal, signals, stop)
                try:
                    raw = await client.v1.orders.with_raw_response.cancel_open_order(
                        args.order_id, account_id=args.account_id
                    )
                    answered = raw, await raw.parse()
                except Exception as error:  # returned, not raised: the task group would wrap it in a group
                    answered = error
                group.cancel_scope.cancel()
    return answered


def _run_cancel(args: argparse.Namespace, output: str, signals: list[int]) -> int:
    import anyio

    _record_signals(signals, *_SIGNALS)
    if signals:  # a SIGTERM while it started up
        _warn(f"stopped by {signal.Signals(signals[0]).name} before the request was sent: nothing was cancelled")
        return 128 + signals[0]
    retries = RetryWatch()
    try:
        answered = anyio.run(_cancel_one_order, args, signals, retries)
    except Exception as error:  # the request may have gone out: whatever happened, it is not a usage error
        answered = error
    failed = 128 + signals[0] if signals else EXIT_NOT_CONFIRMED
    if isinstance(answered, APIError):
        told = str(answered) if answered.earlier_attempt else answered.message
        status = answered.status_code if isinstance(answered, (APIStatusError, APITimeoutError)) else None
        _warn(_failure(told, status, answered.request_id))
        return failed
    if isinstance(answered, Exception):
        _warn(f"{type(answered).__name__} after the request may have been sent: {safe_text(str(answered))}")
        return failed
    if answered is None:
        _warn(_cut_off(retries, signal.Signals(signals[0]).name if signals else None))
        return failed
    raw, envelope = answered
    if deviations := raw.deviations:
        where = ", ".join(safe_text(deviation.path) for deviation in deviations)
        _warn(f"warning: the response deviates from the spec at {where} (request_id {_cell(raw.request_id)})")
    if raw.earlier_attempt is not None:
        _warn(f"warning: an earlier attempt ({safe_text(raw.earlier_attempt.message)}) may have reached the server")
    said = None if envelope.error in (None, UNSET) else _api_said(to_json(envelope.error))
    if said is not None:  # on stderr whatever the format, and under the table
        _warn(said)
    table = None if output == "json" else _orders_table(raw, envelope) + (f"\n{said}" if said else "")
    _print_report_text(table or _dumps(envelope.to_dict()), f"the cancel was done (request_id {_cell(raw.request_id)})")
    if signals:
        _warn(f"stopped by {signal.Signals(signals[0]).name}; the answer above came within the grace")
        return failed
    return EXIT_OK if raw.earlier_attempt is None else EXIT_NOT_CONFIRMED


def _cut_off(retries: RetryWatch, signal_name: str | None) -> str:
    """What is known of a cancel that ``--deadline`` or a signal ended: the last answer when a retry was awaited (a
    429 refused it), else that the request may have taken effect."""
    if (wait := retries.waiting) is None:
        if signal_name is None:
            return "no answer within the --deadline: the cancel may have taken effect"
        return (
            f"stopped by {signal_name} before an answer: if the request had gone out, the cancel may have taken effect"
        )
    error, when = wait.error, "after the --deadline" if signal_name is None else f"when {signal_name} stopped it"
    last = f"{_failure(error.message, getattr(error, 'status_code', None), error.request_id)}; {wait.due()}, {when}"
    if (earlier := wait.reached) is not None:
        doubt = (
            f"an earlier attempt ({type(earlier).__name__}: {safe_text(earlier.message)}) may have reached the server"
        )
        return f"no final answer: the cancel may have taken effect: {doubt}; the last answer: {last}"
    if isinstance(error, APIStatusError):
        return f"the API refused the cancel: {last}"
    return f"the cancel was not made: {type(error).__name__}: {last}"


# --- many accounts -------------------------------------------------------------------------------------------------


def _accounts(args: argparse.Namespace) -> list[int]:
    """The accounts named by ``--account-id`` and ``--accounts-file``, in order, each once."""
    accounts = list(args.account_ids)
    if args.accounts_file is not None:
        listed = _accounts_file(args.accounts_file)
        if not (accounts or listed):
            raise ValueError(f"--accounts-file {args.accounts_file} lists no account (only blank lines and comments);"
                             " give at least one --account-id or an account in the file")  # fmt: skip
        accounts += listed
    if not accounts:
        raise ValueError("give at least one --account-id or an --accounts-file")
    return list(dict.fromkeys(accounts))


def _accounts_file(path: Path) -> list[int]:
    """The ids of an accounts file: UTF-8, or UTF-16 when it starts with its BOM (as Windows editors write it);
    every error names the option, the file and, for a line, its number."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"--accounts-file {path}: {error.strerror or error}") from None
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")  # either way, the BOM is no account
    except UnicodeDecodeError as error:
        raise ValueError(f"--accounts-file {path}: not {error.encoding.upper().replace('-SIG', '')} text (byte "
                         f"{error.start}: {error.reason}); write it as UTF-8") from None  # fmt: skip
    accounts = []
    for number, line in enumerate(text.splitlines(), 1):
        if entry := line.split("#", 1)[0].strip():
            try:
                accounts.append(_account_id(entry))
            except argparse.ArgumentTypeError:
                raise ValueError(f"--accounts-file {path}:{number}: not an account id: {entry!r}") from None
    return accounts


async def _cancel_accounts(accounts: list[int], filters: dict[str, Any], args: argparse.Namespace,
                           signals: list[int]) -> KillSwitchReport:  # fmt: skip
    """The library's run, with a stop set as soon as a signal has been received."""
    import anyio

    stop = anyio.Event()
    async with anyio.create_task_group() as group:
        group.start_soon(_on_signal, signals, stop.set)
        report = await cancel_all_accounts(accounts, **filters, concurrency=args.concurrency, deadline=args.deadline,
                                           audit_log=args.audit_log, base_url=args.base_url, stop=stop)  # fmt: skip
        group.cancel_scope.cancel()
    return report


def _report_text(report: KillSwitchReport) -> str:
    rows = []
    for outcome in report.outcomes:
        orders = f"{len(outcome.order_ids)}+" if outcome.next_page_token is not None else len(outcome.order_ids)
        rows.append([_cell(value) for value in (outcome.account, str(outcome.outcome), outcome.confirmed, orders,
                                                outcome.status, outcome.request_id, outcome.message)])  # fmt: skip
    notes = [f"account {line}" for outcome in report.outcomes for line in _notes(outcome)]
    counts = ", ".join(f"{report.count(kind)} {kind}" for kind in Outcome)
    unconfirmed = sum(not outcome.confirmed for outcome in report.outcomes)
    return "\n".join([_table(_ACCOUNT_COLUMNS, rows), "", *notes, *([""] if notes else []),
                      f"{counts}; {unconfirmed} not confirmed"])  # fmt: skip


def _notes(outcome: Any) -> list[str]:
    """What the table's cells cannot hold: the doubt, the API's words beside the data, a further page."""
    notes = []
    if (earlier := outcome.earlier_attempt) is not None:
        notes.append(f"{outcome.account}: an earlier attempt ({type(earlier).__name__}: {safe_text(earlier.message)}) "
                     "may have reached the server: the cancel may have taken effect beyond what is listed")  # fmt: skip
    if outcome.api_error is not None:
        notes.append(f"{outcome.account}: {_api_said(outcome.api_error)}")
    if outcome.next_page_token is not None:
        token = safe_text(outcome.next_page_token)
        notes.append(f"{outcome.account}: more orders than listed (next_page_token {token}): others may remain open")
    return notes


def _tell_stderr(report: KillSwitchReport, signals: list[int]) -> None:
    for outcome in report.outcomes:
        if outcome.outcome == Outcome.NOTHING_TO_CANCEL:
            _warn(f"account {outcome.account}: nothing to cancel: "
                  + _failure(outcome.message, None, outcome.request_id))  # fmt: skip
        elif outcome.outcome != Outcome.DONE:
            _warn(f"account {outcome.account}: {outcome.outcome}: "
                  + _failure(outcome.message, outcome.status, outcome.request_id))  # fmt: skip
        for note in _notes(outcome):
            _warn(f"account {note}")
    if report.audit_failures:
        _warn(f"the audit log {safe_text(str(report.audit_log))} lacks {len(report.audit_failures)} line(s):")
        for failure in report.audit_failures:
            _warn(f"  account {failure.account} ({failure.outcome}): {safe_text(failure.reason)}")
    if signals:
        _warn(f"stopped by {signal.Signals(signals[0]).name}: " + _by_outcome(report))


def _record_signals(signals: list[int], *numbers: int) -> None:
    """From here a signal stops the run, not the process: every account's outcome is still reported."""
    for number in numbers:
        signal.signal(number, lambda received, frame: signals.append(received))


def _run_cancel_all(args: argparse.Namespace, accounts: list[int], filters: dict[str, Any], output: str,
                    signals: list[int]) -> int:  # fmt: skip
    import anyio

    _record_signals(signals, *_SIGNALS)
    report = anyio.run(_cancel_accounts, accounts, filters, args, signals)
    single = report.outcomes[0] if len(report.outcomes) == 1 else None
    if output == "json":
        text = _dumps(report.to_dict())
    elif single is not None and single.response is not None:  # one account: its orders, then its line
        parsed = APIResponse.parse(single.response)  # parsed already, in the run: the sync read of it
        text = _orders_table(single.response, parsed) + "\n\n" + _report_text(report)
    else:
        text = _report_text(report)
    _print_report_text(text, _by_outcome(report))
    _tell_stderr(report, signals)
    if signals:
        return 128 + signals[0]
    return EXIT_OK if report.confirmed else EXIT_NOT_CONFIRMED


# --- the command ---------------------------------------------------------------------------------------------------


def _confirm(question: str) -> bool:
    """Ask on the terminal (stderr, so ``--output json > file`` holds only JSON); Ctrl-C or Ctrl-D is a no."""
    try:
        _write(sys.stderr, f"{question} [y/N] ", end="")
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        answer = ""
    if not answer.endswith("\n"):
        _write(sys.stderr, "")
    return answer.strip().lower() in ("y", "yes")


def _is_terminal(stream: Any) -> bool:
    """False for a closed stream too (started with ``<&-`` or ``>&-``, Python sets it to None)."""
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 2 only when nothing was sent: every check runs before the first request."""
    signals: list[int] = []
    try:
        return _main(argv, signals)
    except KeyboardInterrupt:  # before the cancel's run, which handles SIGINT
        _warn("interrupted; if the request had gone out, the cancel may have taken effect")
        return 128 + signal.SIGINT


def _main(argv: Sequence[str] | None, signals: list[int]) -> int:
    started = time.monotonic()  # --deadline bounds the command from here, the confirmation's wait left out
    parser = _parser()
    args = parser.parse_args(argv)
    _record_signals(signals, signal.SIGTERM)  # a SIGTERM while it starts up stops it before it sends anything
    if not os.environ.get("CLEAR_STREET_API_KEY"):
        parser.error("set CLEAR_STREET_API_KEY to your API key")
    output = args.output or ("table" if _is_terminal(sys.stdout) else "json")
    configure_logging_from_env()  # CLEAR_STREET_LOG as for the library; otherwise deviations are our one line
    if not logging.getLogger("clear_street").handlers:
        logging.getLogger("clear_street").addHandler(logging.NullHandler())
    from ._generated.api.orders import cancel_all_open_orders, cancel_open_order  # the request builders

    try:
        ClearStreet(base_url=args.base_url).close()  # the key and the URL, checked
        if args.deadline is not None and not (math.isfinite(args.deadline) and args.deadline > 0):
            raise ValueError(f"--deadline must be a positive number of seconds, got {args.deadline}")
        # The generated request builders run every argument check without sending anything.
        if args.command == "cancel":
            cancel_open_order.request_kwargs(args.order_id, account_id=args.account_id)
        else:
            filters = {name: getattr(args, name) for name in FILTERS}
            accounts = _accounts(args)
            for account in accounts:
                cancel_all_open_orders.request_kwargs(account, **filters)
            if args.concurrency < 1:
                raise ValueError(f"--concurrency must be at least 1, got {args.concurrency}")
            if args.audit_log is not None and not args.audit_log.absolute().parent.is_dir():
                raise ValueError(f"--audit-log {args.audit_log}: No such file or directory (its directory)")
    except (ValueError, TypeError, ClearStreetError, OSError) as error:
        parser.error(str(error))
    if args.command == "cancel":
        if args.deadline is not None:
            args.deadline = max(args.deadline - (time.monotonic() - started), 0.001)
        return _run_cancel(args, output, signals)
    given = [f"{name}={value}" for name, value in filters.items() if value is not None]
    scope = f"matching {', '.join(given)}" if given else "(no filters: ALL of them)"
    whose = f"account {accounts[0]}" if len(accounts) == 1 else f"{len(accounts)} accounts"
    if not args.yes and _is_terminal(sys.stdin):
        if not _confirm(f"Cancel open orders of {whose} {scope}?"):
            _warn("Nothing cancelled.")
            return EXIT_USAGE
        started = time.monotonic()
    if args.deadline is not None:
        args.deadline = max(args.deadline - (time.monotonic() - started), 0.001)
    return _run_cancel_all(args, accounts, filters, output, signals)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
