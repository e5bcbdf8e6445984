"""A fake Clear Street for your own tests and drills: an in-memory API that is an httpx transport, sync and async.

    import httpx
    from clear_street import ClearStreet
    from clear_street.testing import FakeClearStreet

    fake = FakeClearStreet()
    fake.add_orders(19816, 3)
    fake.fail(20002, status=429, retry_after=0.01, times=1)
    client = ClearStreet(api_key="test", http_client=httpx.Client(transport=fake))
    client.v1.orders.cancel_all_open_orders(19816)
    assert fake.open_orders(19816) == []

It plays the operations as the spec documents them, from the facts ``make generate`` writes beside the generated
code (``_generated/spec_facts.py``): the envelopes, the filters' enums (a value outside one answers the API's 400),
the documented 404 of a cancel-all that matches nothing, the 401 of a request without its key. A DELETE whose 2xx
holds a list of orders cancels the account's open orders that match its filters; a DELETE whose 2xx holds one order
cancels the order its last path segment names (its ``id`` or ``client_order_id``). Any other operation of the spec
answers 501 naming it. Faults (``fail``) make an account's requests answer an error, drop the connection before or
after the request is applied, or hang until the request's read timeout: what a kill switch meets on a bad day.

The state is behind a lock: one fake may serve sync and async clients, threads and tasks at once. pytest is not
imported here; the ``clear_street_fake`` fixture comes from the package's pytest plugin.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

import httpx

from ._generated import models
from ._generated.spec_facts import ENVELOPE, MODELS, OPERATIONS

if TYPE_CHECKING:
    from ._generated.models import Order

__all__ = ["FakeClearStreet"]

CANCELLED = "PENDING_CANCEL"
"""The status a cancelled order is answered with, as the API's examples show."""
_DEFAULTS: dict[str, Any] = {
    "filled_quantity": "0", "quantity": "100", "order_type": "LIMIT", "side": "BUY", "status": "NEW",
    "time_in_force": "DAY", "symbol": "AAPL", "instrument_type": "COMMON_STOCK", "limit_price": "150.00",
    "venue": "XNAS",
}  # fmt: skip
"""A plausible open order; a field the spec does not have is left out, one it requires and this lacks is made from
its schema (``_made``)."""
_DROPPED_AFTER_SENDING = "Server disconnected without sending a response."
"""httpcore's words when a connection closes after the request went out, which httpx raises as RemoteProtocolError."""


@dataclass
class _Fault:
    status: int | None
    retry_after: float | None
    drop: Literal["after_send", "before_send"] | None
    hang: bool
    times: int | None  # None: every request


@dataclass(frozen=True)
class _Answer:
    """What the fake does with one request: answer it, then perhaps drop the connection; or hang."""

    response: httpx.Response | None
    drop: bool = False


class FakeClearStreet(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An in-memory Clear Street: give it to ``httpx.Client(transport=...)`` or ``httpx.AsyncClient(transport=...)``.

    No network and no base URL: a request is routed by its method and path alone. Closing a client leaves the fake
    as it is, so one fake can serve a test's clients one after another.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[int, dict[str, dict[str, Any]]] = {}  # account -> order id -> the order's JSON
        self._cancelled: dict[int, list[dict[str, Any]]] = {}
        self._faults: dict[int, list[_Fault]] = {}
        self._requests: list[httpx.Request] = []
        self._count = 0

    # --- arranging ---------------------------------------------------------------------------------------------

    def add_orders(self, account: int, count: int = 1, **fields: Any) -> list[str]:
        """Open ``count`` orders on ``account``, each a valid ``Order`` of the spec; returns their ids. ``fields``
        (``side="SELL"``, ``symbol="TSLA"``, enum members or their strings) override the defaults for every one;
        a name the spec's order does not have is a TypeError, a value it does not allow a ValueError."""
        _check_int("account", account)
        _check_int("count", count)
        model = _order_model()
        schema = MODELS[model.__name__]
        if unknown := sorted(fields.keys() - schema.keys()):
            raise TypeError(f"add_orders: the spec's {model.__name__} has no field {', '.join(unknown)}")
        given = {name: _as_json(value) for name, value in fields.items()}
        for name, value in given.items():
            allowed = schema[name]["enum"]
            if allowed is not None and value not in allowed and not (value is None and "null" in schema[name]["types"]):
                raise ValueError(f"add_orders: {name} must be one of {', '.join(allowed)}, got {value!r}")
        records = []
        with self._lock:
            for _ in range(count):
                self._count += 1
                record = self._order(account, schema, given)
                model.from_dict(record)  # a value of the wrong type: InvalidData (a ValueError) naming the field
                records.append(record)
            book = self._open.setdefault(account, {})
            book.update((record["id"], record) for record in records)
        return [record["id"] for record in records]

    def _order(self, account: int, schema: dict[str, dict[str, Any]], given: dict[str, Any]) -> dict[str, Any]:
        now = _now()
        symbol = given.get("symbol", _DEFAULTS["symbol"])
        record = {
            **{name: value for name, value in _DEFAULTS.items() if name in schema},
            "id": str(uuid.uuid4()), "account_id": account, "client_order_id": f"fake-{self._count}",
            "created_at": now, "updated_at": now,
            "instrument_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"instrument:{symbol}")) if symbol else None,
            **given,
        }  # fmt: skip
        if "leaves_quantity" not in given:  # what is left of the quantity, as the API reports it
            try:
                left = decimal.Decimal(record["quantity"]) - decimal.Decimal(record["filled_quantity"])
            except (decimal.InvalidOperation, TypeError):  # no number: the model's check names the field
                left = record["quantity"]
            record["leaves_quantity"] = str(left)
        for name, facts in schema.items():
            if facts["required"] and name not in record:
                record[name] = _made(facts)
        return {name: value for name, value in record.items() if name in schema}

    def fail(
        self,
        account: int,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        drop: Literal["after_send", "before_send"] | None = None,
        hang: bool = False,
        times: int | None = None,
    ) -> None:
        """The account's next ``times`` requests (all of them when None) meet a fault instead of the API's answer:
        ``status`` answers that status with the API's error envelope (and ``Retry-After: retry_after``);
        ``drop="after_send"`` applies the request, then drops the connection before the answer (httpx's
        ``RemoteProtocolError``: the client cannot know the cancel took effect); ``drop="before_send"`` fails to
        connect (``httpx.ConnectError``), nothing applied; ``hang=True`` never answers, until the request's read
        timeout passes (then ``httpx.ReadTimeout``), nothing applied. Faults queue: each takes its turn."""
        _check_int("account", account)
        chosen = [status is not None, drop is not None, hang]
        if sum(chosen) != 1:
            raise ValueError("fail: give exactly one of status=, drop= or hang=True")
        if status is not None and (isinstance(status, bool) or not isinstance(status, int) or not 400 <= status < 600):
            raise ValueError(f"fail: status must be an error status (400 to 599), got {status!r}")
        if drop not in (None, "after_send", "before_send"):
            raise ValueError(f"fail: drop must be 'after_send' or 'before_send', got {drop!r}")
        if retry_after is not None and (status is None or retry_after < 0):
            raise ValueError("fail: retry_after is a non-negative number of seconds, with status=")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
            raise ValueError(f"fail: times must be a positive int or None (every request), got {times!r}")
        with self._lock:
            self._faults.setdefault(account, []).append(_Fault(status, retry_after, drop, hang, times))

    # --- looking -----------------------------------------------------------------------------------------------

    def open_orders(self, account: int) -> list[Order]:
        """The account's open orders, as the generated ``Order`` models, in the order they were added."""
        with self._lock:
            records = list(self._open.get(account, {}).values())
        return [_order_model().from_dict(record) for record in records]

    def cancelled_orders(self, account: int) -> list[Order]:
        """The account's orders cancelled so far (``PENDING_CANCEL``), in the order they were cancelled."""
        with self._lock:
            records = list(self._cancelled.get(account, []))
        return [_order_model().from_dict(record) for record in records]

    @property
    def requests(self) -> list[httpx.Request]:
        """Every request received, in order, whatever became of it (faults included)."""
        with self._lock:
            return list(self._requests)

    # --- the transport -----------------------------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        answer = self._answer(request)
        if answer.response is None:  # hang: a sync client has no cancellation to honour, only the read timeout
            threading.Event().wait(_read_timeout(request))
            raise httpx.ReadTimeout("The fake hung: no answer within the read timeout", request=request)
        return _deliver(answer, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        answer = self._answer(request)
        if answer.response is None:
            import anyio  # asyncio or trio: a deadline's cancellation ends the wait

            timeout = _read_timeout(request)
            await (anyio.sleep_forever() if timeout is None else anyio.sleep(timeout))
            raise httpx.ReadTimeout("The fake hung: no answer within the read timeout", request=request)
        return _deliver(answer, request)

    def _answer(self, request: httpx.Request) -> _Answer:
        """The whole of one request's handling but the waiting, under the lock."""
        with self._lock:
            self._requests.append(request)
            found = _route(request)
            if isinstance(found, httpx.Response):
                return _Answer(found)
            name, parameters = found
            account = parameters.get("account_id")
            fault = self._fault(account) if isinstance(account, int) else None
            if fault is not None and fault.drop == "before_send":
                raise httpx.ConnectError("The fake refused the connection (drop='before_send')", request=request)
            if fault is not None and fault.hang:
                return _Answer(None)
            if fault is not None and fault.status is not None:
                headers = {} if fault.retry_after is None else {"retry-after": f"{fault.retry_after:g}"}
                return _Answer(_error(fault.status, _described(name, fault.status), headers))
            response = self._play(name, parameters, request)
            return _Answer(response, drop=fault is not None)  # only drop="after_send" is left

    def _fault(self, account: int) -> _Fault | None:
        faults = self._faults.get(account, [])
        if not faults:
            return None
        fault = faults[0]
        if fault.times is not None:
            fault.times -= 1
            if fault.times == 0:
                faults.pop(0)
        return fault

    def _play(self, name: str, parameters: dict[str, Any], request: httpx.Request) -> httpx.Response:
        """The operation's answer, as the spec documents it; what changed is kept."""
        if "authorization" not in request.headers:
            return _error(401, _described(name, 401))
        facts = OPERATIONS[name]
        if facts["method"] != "DELETE" or facts["model"] != _order_model().__name__ or facts["data"] is None:
            return _error(501, f"FakeClearStreet does not play {name} ({facts['method']} {facts['path']})")
        account: int = parameters["account_id"]
        book = self._open.get(account, {})
        if facts["data"] == "object":
            wanted = parameters[next(reversed(facts["path_parameters"]))]
            matched = [oid for oid, order in book.items() if wanted in (order["id"], order.get("client_order_id"))][:1]
            if not matched:
                return _error(404, f"{facts['model']} {wanted} not found for account {account}")
        else:
            filters = _filters(name, request)
            if isinstance(filters, httpx.Response):
                return filters
            matched = [oid for oid, order in book.items() if all(match(order) for match in filters)]
            if not matched:
                return _error(404, facts["not_found"] or _described(name, 404))
        now = _now()
        cancelled = [{**book.pop(oid), "status": CANCELLED, "updated_at": now} for oid in matched]
        self._cancelled.setdefault(account, []).extend(cancelled)
        data = cancelled if facts["data"] == "list" else cancelled[0]
        return _response(200, {ENVELOPE["data"]: data, ENVELOPE["error"]: None})

    # --- a transport both ways ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Nothing to release: the fake keeps its state for the next client."""

    async def aclose(self) -> None:
        """Nothing to release: the fake keeps its state for the next client."""


def _route(request: httpx.Request) -> tuple[str, dict[str, Any]] | httpx.Response:
    """The operation a request is for and its path parameters (an integer one as an int), or the error answer."""
    segments = [unquote(part) for part in request.url.raw_path.split(b"?")[0].decode("ascii").split("/")]
    for name, facts in OPERATIONS.items():
        template = facts["path"].split("/")
        if facts["method"] != request.method or len(segments) < len(template):
            continue
        given = segments[len(segments) - len(template) :]  # a base URL's own path may come before
        parameters: dict[str, Any] = {}
        for want, got in zip(template, given, strict=True):
            if want.startswith("{") and want.endswith("}"):
                parameters[want[1:-1]] = got
            elif want != got:
                break
        else:
            for key, kind in facts["path_parameters"].items():
                if kind == "integer":
                    if not parameters[key].isascii() or not parameters[key].isdigit():
                        return _error(400, f"{_described(name, 400)} {key}: {parameters[key]!r} is not an integer")
                    parameters[key] = int(parameters[key])
            return name, parameters
    return _error(404, f"No operation of the spec answers {request.method} {request.url.path}")


def _filters(name: str, request: httpx.Request) -> list[Any] | httpx.Response:
    """One predicate per filter the request gives, or the 400 of a value outside its enum. A list filter matches
    the field it names or the order's ``symbol`` (ids or symbols, as the spec describes them)."""
    predicates = []
    for key, facts in OPERATIONS[name]["query"].items():
        values = request.url.params.get_list(key)
        if not values or facts["field"] is None:
            continue
        if facts["array"] and not facts["explode"]:
            values = values[-1].split(",")
        allowed = facts["enum"]
        if allowed is not None and (wrong := [value for value in values if value not in allowed]):
            return _error(400, f"{_described(name, 400)} {key}: {wrong[0]!r} is not one of {', '.join(allowed)}")
        field = facts["field"]
        if facts["array"]:
            predicates.append(lambda order, field=field, values=values: order.get(field) in values
                              or order.get("symbol") in values)  # fmt: skip
        else:
            predicates.append(lambda order, field=field, value=values[-1]: order.get(field) == value)
    return predicates


def _described(name: str, status: int) -> str:
    """The spec's description of the status for the operation, else the HTTP reason phrase."""
    from http import HTTPStatus

    described: str = OPERATIONS[name]["errors"].get(str(status), "")
    if described:
        return described
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return _response(status, {ENVELOPE["error"]: {"code": status, "message": message}}, headers)


def _response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    """An answer with a fresh request id, in the ``x-request-id`` header and the envelope's metadata."""
    request_id = str(uuid.uuid4())
    body[ENVELOPE["metadata"]] = {ENVELOPE["request_id"]: request_id}
    return httpx.Response(status, json=body, headers={"x-request-id": request_id, **(headers or {})})


def _deliver(answer: _Answer, request: httpx.Request) -> httpx.Response:
    assert answer.response is not None
    if answer.drop:
        raise httpx.RemoteProtocolError(_DROPPED_AFTER_SENDING, request=request)
    return answer.response


def _read_timeout(request: httpx.Request) -> float | None:
    timeout: float | None = request.extensions.get("timeout", {}).get("read")
    return timeout


def _order_model() -> Any:
    """The generated model an order is (the one the operations' 2xx hold)."""
    return getattr(models, next(facts["model"] for facts in OPERATIONS.values() if facts["model"]))


def _now() -> str:
    return _api_time(datetime.datetime.now(datetime.UTC))


def _api_time(moment: datetime.datetime) -> str:
    """A date-time in the API's form: UTC, nanoseconds, ``Z``."""
    moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}000Z"


def _as_json(value: Any) -> Any:
    """An enum member as its value, a datetime in the API's form; anything else as given."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return _api_time(value)
    return value


def _made(facts: dict[str, Any]) -> Any:
    """A value of a required field the defaults do not know (the spec grew one): its first enum value, else the
    zero of its type."""
    if facts["enum"]:
        return facts["enum"][0]
    if facts["format"] == "date-time":
        return _now()
    zeros: dict[str, Any] = {"string": "0", "integer": 0, "number": 0, "boolean": False, "array": [], "object": {}}
    return next((zeros[kind] for kind in facts["types"] if kind in zeros), None)


def _check_int(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
