"""Where the fan-out client's requests go besides the fan-out pool: through a proxy, and to a test suite's mock.

Proxies. httpx reads ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (any case) only for a client
whose transport it builds itself, and ``async_http_client`` brings its own. ``proxy_mounts`` gives such a client the
mounts ``httpx.AsyncClient`` would have made, from httpx's own reading of the environment: an
``httpx.AsyncHTTPTransport`` (httpcore's pool: forwarding for http, a CONNECT tunnel for https) for each proxied
pattern, and none (the client's own transport: the fan-out pool) for ``NO_PROXY``'s hosts. An explicit ``proxy``
replaces the environment's, and ``trust_env=False`` ignores it, as in httpx.

Mocks. respx (by default) replaces ``handle_async_request`` of httpcore's connection pool and connection classes,
pytest-httpx that of ``httpx.AsyncHTTPTransport``; the fan-out transport overrides the one and uses neither of the
others, so their mocks would not see its requests, which would reach the network. ``replaced`` tells the transport,
at each request, whether one of those methods is no longer the library's own: three identity checks against the
originals, taken when this module is imported (about 0.25 us, against about 360 us of CPU a request costs: no
difference measurable at 2,000 requests at 256 in flight). While one is replaced, the transport hands its requests
to a plain ``httpx.AsyncHTTPTransport`` of the same settings, the path the mock (or an instrumentation wrapping
those methods) expects, and the fan-out pool carries none. respx with ``using="httpx"`` replaces the client's
``_transport_for_url`` and needs nothing of this.
"""

from __future__ import annotations

from types import FunctionType
from typing import Any

import httpcore
import httpx
from httpx._utils import get_environment_proxies  # httpx's reading of the environment, as its own clients use it

_TARGETS = (
    (httpx.AsyncHTTPTransport, "httpx."),
    (httpcore.AsyncConnectionPool, "httpcore."),
    (httpcore.AsyncHTTPConnection, "httpcore."),
)


def _originals() -> tuple[object, ...]:
    """The methods as the libraries define them; ``None`` for one already replaced when this runs."""
    found = []
    for cls, package in _TARGETS:
        method = cls.handle_async_request
        genuine = isinstance(method, FunctionType) and method.__module__.startswith(package)
        found.append(method if genuine else None)
    return tuple(found)


_TRANSPORT, _POOL, _CONNECTION = _originals()


def replaced() -> bool:
    """Whether a mock (or an instrumentation) has replaced a method the fan-out transport bypasses."""
    if (
        httpx.AsyncHTTPTransport.handle_async_request is _TRANSPORT
        and httpcore.AsyncConnectionPool.handle_async_request is _POOL
        and httpcore.AsyncHTTPConnection.handle_async_request is _CONNECTION
    ):
        return False
    _take_missing_originals()
    return True


def _take_missing_originals() -> None:
    """Imported while a mock was active: the originals missing are taken once it has ended."""
    global _TRANSPORT, _POOL, _CONNECTION
    if None in (_TRANSPORT, _POOL, _CONNECTION):
        now = _originals()
        _TRANSPORT, _POOL, _CONNECTION = _TRANSPORT or now[0], _POOL or now[1], _CONNECTION or now[2]


def proxy_mounts(proxy: httpx.Proxy | httpx.URL | str | None, trust_env: bool,
                 **transport: Any) -> dict[str, httpx.AsyncBaseTransport | None]:  # fmt: skip
    """``httpx.AsyncClient``'s ``mounts`` for ``proxy``, else the environment's proxies when ``trust_env``: a
    transport made with ``transport``'s arguments per proxied pattern, ``None`` (the client's own) per excluded."""
    if proxy is not None:
        proxies: dict[str, httpx.Proxy | httpx.URL | str | None] = {"all://": proxy}
    elif trust_env:
        proxies = dict(get_environment_proxies())
    else:
        return {}
    return {
        pattern: None if url is None else httpx.AsyncHTTPTransport(proxy=url, trust_env=trust_env, **transport)
        for pattern, url in proxies.items()
    }
