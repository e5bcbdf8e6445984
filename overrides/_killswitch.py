"""The kill switch as a library: Cancel All Open Orders on many accounts at once, within a deadline, on the record.

    import anyio, clear_street

    async def flatten() -> None:
        report = await clear_street.cancel_all_accounts([19816, 20001], deadline=10, audit_log="kill.jsonl")
        for outcome in report.outcomes:
            print(outcome.account, outcome.outcome, outcome.confirmed)

    anyio.run(flatten)  # or from any asyncio or trio code

Its report is what an operator acts on, so every outcome says only what is known. An account is ``done`` (a 2xx
that is a result), ``nothing_to_cancel`` (only the documented Cancel All 404, see ``is_nothing_to_cancel``),
``failed`` (an answer that refused it, or a failure before the request went out), ``not_sent`` (never sent: still
queued at the deadline or at a stop) or ``unknown`` (sent, with no final answer, or refused after an attempt that
may have reached the server: the cancel may have taken effect). An outcome after an attempt that may have reached
the server carries that attempt in ``earlier_attempt``.

Hand-written code on top of the generated resource (as a Stainless SDK's ``lib/``): it calls
``client.v1.orders.with_raw_response`` and nothing below it. anyio is imported only when it runs.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime
import enum
import errno
import json
import math
import os
import queue
import re
import stat
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ._client import DEFAULT_TIMEOUT, AsyncClearStreet
from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APIStatusError, ClearStreetError
from ._transport import RetryWatch, watching_retries
from ._types import UNSET, to_json

if TYPE_CHECKING:
    import anyio

    from ._response import AsyncAPIResponse

__all__ = [
    "AccountOutcome", "AuditFailure", "KillSwitchReport", "Outcome", "cancel_all_accounts", "is_nothing_to_cancel",
    "safe_text",
]  # fmt: skip

DEFAULT_CONCURRENCY = 64
"""In flight at once by default: measured in make bench (docs/fan-out.md), 64 keeps a round trip of up to about
50 ms busy at the CPU cost of one cancel, bursts no more than 64 requests at the API's rate limit, and wall time
does not grow with it."""
STOP_GRACE = 2.0
"""Seconds a request in flight is given after ``stop`` is set, when the deadline leaves more than that."""
AUDIT_GRACE = 0.5
"""Seconds past the deadline the audit log is waited for, to write the lines of the accounts the deadline ended."""
AUDIT_WAIT_WITHOUT_DEADLINE = 10.0
NOTHING_TO_CANCEL_MESSAGE = "No orders match the specified filters"
"""The message of the one 404 that Clear Street documents for Cancel All Open Orders (spec/openapi.yaml)."""


class Outcome(enum.StrEnum):
    """What became of one account's cancel-all."""

    DONE = "done"
    """A 2xx that is a result: the orders listed are pending cancel."""
    NOTHING_TO_CANCEL = "nothing_to_cancel"
    """The documented 404: no open order matches the filters."""
    FAILED = "failed"
    """An answer that refused it (any other 4xx, a 503, a 404 of another kind) or a failure before sending."""
    NOT_SENT = "not_sent"
    """Never sent: queued behind the concurrency limit when the deadline passed or ``stop`` was set."""
    UNKNOWN = "unknown"
    """Sent, and no final answer (cut off, timed out, a 500/502/504, a 2xx whose body is no result): the cancel may
    have taken effect."""


@dataclass(frozen=True)
class AccountOutcome:
    """One account's outcome, with everything the API said about it. ``confirmed`` is the one bit to act on."""

    account: int
    outcome: Outcome
    sent: bool
    """Whether the request went out (at least its headers) on some attempt."""
    status: int | None = None
    request_id: str | None = None
    message: str | None = None
    """The API's own words (``error.message``), or ours when it said nothing; as received: see ``safe_text``."""
    order_ids: tuple[object, ...] = ()
    """The ids of the orders a ``done`` lists (an item that is no order shows as None)."""
    api_error: object | None = None
    """The ``error`` the API sent beside ``data`` in a 2xx, exactly as sent (None when it sent none or null)."""
    next_page_token: str | None = None
    """Set when a 2xx says more orders follow than it lists: ``order_ids`` is then not every order."""
    earlier_attempt: APIError | None = None
    """An earlier attempt of this call that may have reached the server: a ``done`` or ``nothing_to_cancel`` with
    it set may not list what that attempt cancelled."""
    response: AsyncAPIResponse[Any] | None = field(default=None, repr=False, compare=False)
    """The 2xx as received, for the orders themselves (``(await response.parse()).data``)."""

    @property
    def confirmed(self) -> bool:
        """Done or nothing to cancel, with no earlier attempt in doubt and no further page of orders."""
        return (self.outcome in (Outcome.DONE, Outcome.NOTHING_TO_CANCEL) and self.earlier_attempt is None
                and self.next_page_token is None)  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The JSON object the command prints and the audit line carries (strict JSON: ``json_safe``)."""
        earlier = self.earlier_attempt
        record: dict[str, Any] = json_safe({
            "account": self.account, "outcome": str(self.outcome), "confirmed": self.confirmed, "sent": self.sent,
            "status": self.status, "request_id": self.request_id, "message": self.message,
            "orders": len(self.order_ids), "next_page_token": self.next_page_token, "api_error": self.api_error,
            "earlier_attempt": None if earlier is None else {
                "error": type(earlier).__name__, "status": getattr(earlier, "status_code", None),
                "message": earlier.message, "request_id": earlier.request_id},
            "order_ids": list(self.order_ids),
        })  # fmt: skip
        return record


@dataclass(frozen=True)
class AuditFailure:
    """An audit line that could not be written, and why."""

    account: int
    outcome: Outcome
    reason: str


@dataclass(frozen=True)
class KillSwitchReport:
    """Every account's outcome, in the order the accounts were given, and what went wrong with the audit log."""

    outcomes: tuple[AccountOutcome, ...]
    filters: dict[str, Any]
    stopped: bool = False
    """``stop`` was set before every account had its outcome."""
    audit_log: str | None = None
    audit_failures: tuple[AuditFailure, ...] = ()

    @property
    def confirmed(self) -> bool:
        """Every account done or nothing to cancel, none in doubt: the only report that exits the command 0."""
        return all(outcome.confirmed for outcome in self.outcomes)

    def count(self, outcome: Outcome) -> int:
        return sum(entry.outcome == outcome for entry in self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        """The command's JSON document, one shape for one account or many."""
        failures = [{"account": f.account, "outcome": str(f.outcome), "reason": f.reason} for f in self.audit_failures]
        return {
            "filters": json_safe(self.filters), "confirmed": self.confirmed, "stopped": self.stopped,
            "accounts": [outcome.to_dict() for outcome in self.outcomes],  # each strict JSON already
            "audit_log": self.audit_log, "audit_failures": failures,
        }  # fmt: skip


def is_nothing_to_cancel(error: APIError) -> bool:
    """The rule: a 404 whose body is the API's error envelope with ``error.message`` "No orders match the specified
    filters" (in any case, spacing or with a full stop) and ``error.code`` 404 or absent, as Clear Street documents
    for Cancel All Open Orders. Any other 404
    (an unknown account, a wrong base URL's path, a proxy's page) is a failure: it says nothing about the orders."""
    if not (isinstance(error, APIStatusError) and error.status_code == 404 and error.code in (404, None)):
        return False
    # Case, runs of spaces and a closing full stop are a server's wording, not another meaning.
    return " ".join(error.message.split()).rstrip(".").casefold() == NOTHING_TO_CANCEL_MESSAGE.casefold()


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with what a terminal or a log reader would act on (control characters, escape sequences, bidi
    overrides, line separators, lone surrogates) written as ``\\xNN`` / ``\\uNNNN``, so it prints as it reads."""
    return _UNSAFE.sub(lambda found: f"\\x{ord(found[0]):02x}" if ord(found[0]) < 0x100 else
                       f"\\u{ord(found[0]):04x}", text)  # fmt: skip


MAX_DEPTH = 200
"""Levels of nesting ``json_safe`` keeps: deeper arrays and objects are cut (a server may send a thousand levels,
which ``json.dumps`` then could not write within Python's recursion limit)."""
CUT = f"<cut: nested deeper than {MAX_DEPTH} levels>"


def json_safe(value: Any) -> Any:
    """``value`` with every float that JSON cannot hold (NaN, infinities) written as a string, so that
    ``json.dumps(..., allow_nan=False)`` never refuses and never prints a bare ``NaN``; keys as strings, tuples as
    lists, and an array or object nested deeper than ``MAX_DEPTH`` replaced by the string ``CUT``. Walked without
    recursion: whatever the server sent, printing it cannot fail."""
    root = [value]
    stack: list[tuple[Any, int]] = [(root, 0)]  # containers copied, whose items to visit
    while stack:
        container, depth = stack.pop()
        for key, item in container.items() if isinstance(container, dict) else enumerate(container):
            if isinstance(item, float) and not math.isfinite(item):
                container[key] = repr(item)
            elif isinstance(item, (dict, list, tuple)):
                if depth >= MAX_DEPTH:
                    container[key] = CUT
                    continue
                copy = {str(name): inner for name, inner in item.items()} if isinstance(item, dict) else list(item)
                container[key] = copy
                stack.append((copy, depth + 1))
    return root[0]


# --- whether a request went out ------------------------------------------------------------------------------------


class _Account:
    """One account's progress: ``sent`` turns true when an attempt's request headers start going out, as the
    transport traces it (httpcore's event name, which the fan-out pool's own connections send too; a request still
    waiting for a pooled connection has not been sent); ``retries`` holds the answer a retry waits on."""

    __slots__ = ("account", "outcome", "retries", "sent", "started")

    def __init__(self, account: int) -> None:
        self.account = account
        self.started = self.sent = False
        self.outcome: AccountOutcome | None = None
        self.retries = RetryWatch()

    async def trace(self, name: str, info: dict[str, Any]) -> None:  # the transport awaits it
        if name.endswith("send_request_headers.started"):
            self.sent = True


_CURRENT: contextvars.ContextVar[_Account] = contextvars.ContextVar("clear_street_killswitch_account")


async def _trace_sending(request: httpx.Request) -> None:
    """An httpx request hook: runs in the calling task, so the account of the call is the context's."""
    if (account := _CURRENT.get(None)) is not None:
        request.extensions = {**request.extensions, "trace": account.trace}


def _own_client(base_url: str | None, api_key: str | None, concurrency: int,
                timeout: float | httpx.Timeout | None) -> tuple[AsyncClearStreet, httpx.AsyncClient]:  # fmt: skip
    """The client a run makes when not given one, and its pool: the fan-out pool (``_pool``), as wide as the
    concurrency (no cap at 100), closed after the run. The request hook lets the run tell a request that went out
    from one that waited for a connection."""
    from ._pool import async_http_client

    chosen = DEFAULT_TIMEOUT if timeout is None else timeout  # None: the client's default, never no timeout at all
    http = async_http_client(concurrency, chosen if isinstance(chosen, httpx.Timeout) else httpx.Timeout(chosen))
    http.event_hooks = {"request": [_trace_sending]}
    return AsyncClearStreet(base_url=base_url, api_key=api_key, timeout=chosen, http_client=http), http


# --- the audit log -------------------------------------------------------------------------------------------------


class _AuditLog:
    """Appends one JSON line per outcome from a thread of its own, so that neither a lock held by another run nor a
    slow disk holds the event loop. Each line is opened afresh (the log may be rotated), refusing a symlink and
    anything but a regular file (a FIFO would block), and written whole under an exclusive ``flock``, so runs that
    share the log interleave lines, never bytes. Lines it has not written when ``finish`` gives up are failures
    and are never written later."""

    def __init__(self, path: Path, filters: dict[str, Any]) -> None:
        self.path, self.filters, self.run = path, {k: v for k, v in filters.items() if v is not None}, uuid.uuid4().hex
        self._lines: queue.SimpleQueue[AccountOutcome | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._pending: list[AccountOutcome] = []  # queued or being written
        self._failures: list[AuditFailure] = []
        self._done, self._abandoned = threading.Event(), threading.Event()
        threading.Thread(target=self._work, name="clear-street-audit", daemon=True).start()

    def write(self, outcome: AccountOutcome) -> None:
        with self._lock:
            self._pending.append(outcome)
        self._lines.put(outcome)

    async def finish(self, wait: float) -> tuple[AuditFailure, ...]:
        """Waits up to ``wait`` seconds (off the event loop) for every line, then gives up on the rest."""
        import anyio

        self._lines.put(None)
        if not await anyio.to_thread.run_sync(self._done.wait, max(wait, 0.0), abandon_on_cancel=True):
            self._abandoned.set()
        with self._lock:
            reason = (
                f"not written within the deadline: {self.path} stayed locked or did not take the writes (a line"
                " being written as it passed may still land)"
            )
            self._failures += [AuditFailure(o.account, o.outcome, reason) for o in self._pending]
            self._pending.clear()
            return tuple(self._failures)

    def _work(self) -> None:
        while (outcome := self._lines.get()) is not None:
            reason = None
            try:
                self._append(outcome)
            except _Abandoned:
                return
            except OSError as error:
                reason = f"{type(error).__name__}: {error.strerror or error}"
            except Exception as error:  # whatever it is, the line is reported, and the next one tried
                reason = f"{type(error).__name__}: {error}"
            with self._lock:
                if outcome in self._pending:
                    self._pending.remove(outcome)
                    if reason is not None:
                        self._failures.append(AuditFailure(outcome.account, outcome.outcome, reason))
        self._done.set()

    def _append(self, outcome: AccountOutcome) -> None:
        if self._abandoned.is_set():
            raise _Abandoned
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        record = {"time": now, "run": self.run, **outcome.to_dict(), "filters": self.filters}
        line = (json.dumps(json_safe(record), allow_nan=False, default=str) + "\n").encode()
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise OSError(error.errno, f"{self.path} is a symbolic link; refused") from None
            if error.errno == errno.ENXIO:
                raise OSError(error.errno, f"{self.path} is a FIFO; refused") from None
            raise
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, f"{self.path} is not a regular file; refused")
            self._lock_exclusively(fd)
            if (written := os.write(fd, line)) != len(line):
                raise OSError(errno.EIO, f"only {written} of {len(line)} bytes written")
        finally:
            os.close(fd)

    def _lock_exclusively(self, fd: int) -> None:
        import fcntl

        while True:
            if self._abandoned.is_set():
                raise _Abandoned
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                time.sleep(0.01)


class _Abandoned(Exception):
    """The run stopped waiting for the log: the line must not be written after it was reported unwritten."""


# --- the run ------------------------------------------------------------------------------------------------------


async def cancel_all_accounts(
    accounts: Iterable[int],
    *,
    instrument_ids: Sequence[str] | None = None,
    instrument_type: str | None = None,
    side: str | None = None,
    type: str | None = None,  # the API's name for it
    concurrency: int = DEFAULT_CONCURRENCY,
    deadline: float | None = None,
    audit_log: str | os.PathLike[str] | None = None,
    client: AsyncClearStreet | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float | httpx.Timeout | None = None,
    stop: anyio.Event | None = None,
    stop_grace: float = STOP_GRACE,
) -> KillSwitchReport:
    """Cancel All Open Orders on every account (each once, in the order given) with the same filters, at most
    ``concurrency`` in flight, and return every account's outcome; one account's failure never stops another's.

    ``deadline`` (seconds) bounds the run, retries included: requests still running then are cut off (``unknown``:
    they were sent) and accounts still queued are ``not_sent``. When ``stop`` (an ``anyio.Event``) is set, no new
    request starts and those in flight get what is left of the deadline, at most ``stop_grace`` seconds: the
    command sets it on SIGINT and SIGTERM. ``audit_log`` appends one JSON line per account (never the key); its
    failures are in ``report.audit_failures`` and never hold up or cancel a request.

    Without ``client`` the run makes its own (from ``base_url``, ``api_key`` and ``timeout``, or the environment)
    and closes it; a ``client`` given is used as it is and left open. Arguments are checked before anything is
    sent: a ``ValueError`` or ``TypeError`` then. Runs under asyncio and trio.
    """
    import anyio

    from ._generated.api.orders import cancel_all_open_orders as check  # the generated argument checks

    start = anyio.current_time()  # the deadline counts from the call: building the client is part of the run
    filters: dict[str, Any] = dict(instrument_ids=instrument_ids, instrument_type=instrument_type, side=side, type=type)
    states = [_Account(account) for account in dict.fromkeys(_account_ids(accounts))]
    for state in states:
        check.request_kwargs(state.account, **filters)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be an int of at least 1, got {concurrency!r}")
    if deadline is not None and (isinstance(deadline, bool) or not isinstance(deadline, (int, float))
                                 or not 0 < deadline < math.inf):  # fmt: skip
        raise ValueError(f"deadline must be a positive number of seconds, got {deadline!r}")
    if isinstance(stop_grace, bool) or not isinstance(stop_grace, (int, float)) or not 0 <= stop_grace < math.inf:
        raise ValueError(f"stop_grace must be a non-negative number of seconds, got {stop_grace!r}")
    end = start + deadline if deadline is not None else math.inf
    if client is not None and not isinstance(client, AsyncClearStreet):
        raise TypeError(f"client must be an AsyncClearStreet, got {client.__class__.__name__}")
    own = None
    if client is None:
        own = _own_client(base_url, api_key, concurrency, timeout)
        client = own[0]
    audit = _AuditLog(Path(audit_log), filters) if audit_log is not None else None
    sent_filters = {name: value for name, value in filters.items() if value is not None}
    run = _Run(client, sent_filters, audit, anyio.CapacityLimiter(concurrency), traced=own is not None)
    try:
        with anyio.CancelScope(deadline=end) as scope:
            async with anyio.create_task_group() as watchers:
                if stop is not None:
                    watchers.start_soon(run.watch, stop, scope, stop_grace)
                async with anyio.create_task_group() as group:
                    for state in states:
                        group.start_soon(run.cancel, state)
                watchers.cancel_scope.cancel()
    finally:
        if own is not None:
            with anyio.CancelScope(shield=True):
                await own[0].close()
                await own[1].aclose()
    for state in states:
        if state.outcome is None:
            run.land(state, _cut_off(state, run))
    failures: tuple[AuditFailure, ...] = ()
    if audit is not None:
        wait = AUDIT_WAIT_WITHOUT_DEADLINE if deadline is None else max(end - anyio.current_time(), 0) + AUDIT_GRACE
        failures = await audit.finish(wait)
    outcomes = tuple(state.outcome for state in states if state.outcome is not None)
    return KillSwitchReport(outcomes, sent_filters, run.stopped, None if audit_log is None else str(audit_log),
                            failures)  # fmt: skip


def _account_ids(accounts: Iterable[int]) -> list[int]:
    if isinstance(accounts, (str, bytes, int)):
        raise TypeError(f"accounts must be an iterable of ints, got {accounts!r}")
    found = list(accounts)
    if not found:
        raise ValueError("give at least one account")
    return found


class _Run:
    """What the tasks of one run share."""

    def __init__(self, client: AsyncClearStreet, filters: dict[str, Any], audit: _AuditLog | None,
                 limiter: anyio.CapacityLimiter, traced: bool) -> None:  # fmt: skip
        self.client, self.filters, self.audit, self.limiter, self.traced = client, filters, audit, limiter, traced
        self.stopped = False
        self.stop: anyio.Event | None = None

    async def watch(self, stop: anyio.Event, scope: anyio.CancelScope, grace: float) -> None:
        import anyio

        self.stop = stop
        await stop.wait()
        self.stopped = True
        scope.deadline = min(scope.deadline, anyio.current_time() + grace)

    async def cancel(self, state: _Account) -> None:
        async with self.limiter:
            if self.stopped or (self.stop is not None and self.stop.is_set()):
                return  # stays not sent
            state.started = True
            token = _CURRENT.set(state)
            try:
                with watching_retries(state.retries):
                    cancel = self.client.v1.orders.with_raw_response.cancel_all_open_orders
                    raw = await cancel(state.account, **self.filters)
                outcome = _done(state, raw, await raw.parse())  # a structural break raises: unknown
            except APIError as error:
                outcome = _from_error(state, error, self.traced)
            except ClearStreetError as error:  # the client refused before sending (closed, say)
                outcome = AccountOutcome(state.account, Outcome.FAILED, False, message=str(error))
            except Exception as error:  # one account's surprise must not stop the others' cancels
                sent = state.sent or not self.traced
                outcome = AccountOutcome(state.account, Outcome.UNKNOWN if sent else Outcome.FAILED, sent,
                                         message=f"{type(error).__name__}: {error}")  # fmt: skip
            finally:
                _CURRENT.reset(token)
            self.land(state, outcome)

    def land(self, state: _Account, outcome: AccountOutcome) -> None:
        state.outcome = outcome
        if self.audit is not None:
            self.audit.write(outcome)


def _done(state: _Account, raw: AsyncAPIResponse[Any], envelope: Any) -> AccountOutcome:
    """The report of a 2xx, from the parsed envelope's fields as the server sent them (each order's id only: the
    orders' ``to_dict()`` would cost as much as the cancel's own parse)."""
    metadata = _sent(envelope.metadata)
    token = metadata.get("next_page_token") if isinstance(metadata, dict) else None
    orders = envelope.data if isinstance(envelope.data, list) else []
    return AccountOutcome(
        state.account, Outcome.DONE, True, raw.status_code, raw.request_id,
        order_ids=tuple(_sent(getattr(order, "id", None)) for order in orders),
        api_error=_sent(envelope.error), next_page_token=token if isinstance(token, str) else None,
        earlier_attempt=raw.earlier_attempt, response=raw,
    )  # fmt: skip


def _sent(value: Any) -> Any:
    """A parsed field as the server sent it (``to_dict``'s value); ``None`` for one it left out."""
    return None if value is UNSET else to_json(value)


def _from_error(state: _Account, error: APIError, traced: bool, earlier: APIError | None = None) -> AccountOutcome:
    """The outcome of the error a call ended with (or, cut off while waiting to retry, the last attempt's error and
    the ``earlier`` attempt that may have reached the server)."""
    status = getattr(error, "status_code", None)
    earlier = earlier or error.earlier_attempt
    if isinstance(error, (APIStatusError, APIResponseValidationError)):
        sent = True
        if is_nothing_to_cancel(error):
            kind = Outcome.NOTHING_TO_CANCEL
        elif isinstance(error, APIResponseValidationError) or error.status_code in (500, 502, 504):
            kind = Outcome.UNKNOWN  # a success without a result, or a gateway's error after it passed the request
        else:  # refused; but an earlier attempt may have cancelled before this one was refused
            kind = Outcome.FAILED if earlier is None else Outcome.UNKNOWN
    else:  # no answer: sent if any attempt put its request on the wire
        sent = state.sent if traced else not _before_sending(error)
        kind = Outcome.UNKNOWN if sent or earlier is not None else Outcome.FAILED
    return AccountOutcome(state.account, kind, sent or earlier is not None, status, error.request_id, error.message,
                          earlier_attempt=earlier)  # fmt: skip


def _before_sending(error: APIError) -> bool:
    """Without a trace (a caller's client), a connection that never opened is the one failure known to be unsent."""
    return isinstance(error, APIConnectionError) and isinstance(error.__cause__, (httpx.ConnectError,
                                                                                httpx.ConnectTimeout,
                                                                                httpx.PoolTimeout))  # fmt: skip


def _cut_off(state: _Account, run: _Run) -> AccountOutcome:
    """The outcome of an account whose call the deadline (or a stop) ended before it returned. Ended while waiting
    to retry an answer, the last answer is the truth: a 429 or 503 refused the cancel (``failed``, with what the API
    said), unless an attempt may have reached the server (``unknown``, with it in ``earlier_attempt``). Waiting to
    retry a connection that failed, it was sent or not, as traced."""
    why = "the run was stopped" if run.stopped else "the deadline passed"
    wait = state.retries.waiting
    if wait is not None and (isinstance(wait.error, APIStatusError) or wait.reached is not None):  # an answer came
        outcome = _from_error(state, wait.error, run.traced, wait.reached)
        when = "when the run was stopped" if run.stopped else "after the deadline"
        return dataclasses.replace(outcome, message=f"{outcome.message}; {wait.due()}, {when}")
    if state.sent or (state.started and not run.traced):  # a caller's client is not traced: it may have gone out
        message = f"sent, and {why} before an answer: the cancel may have taken effect"
        return AccountOutcome(state.account, Outcome.UNKNOWN, True, message=message)
    waiting = "for a connection" if state.started else "behind the concurrency limit"
    return AccountOutcome(state.account, Outcome.NOT_SENT, False, message=f"not sent: {why} while it waited {waiting}")
