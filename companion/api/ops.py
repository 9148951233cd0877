"""Operations: the request id on every request and its log lines, and Prometheus metrics at /metrics.

/metrics is off (404) unless COMPANION_METRICS_TOKEN is set; then it wants `Authorization: Bearer <token>`,
so it can sit on the public port behind the same proxy (docs/operations.md).
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import time

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, ProcessCollector, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import text

from companion.api.deps import ServicesDep
from companion.core import metrics, observability
from companion.core.errors import NotFound, Unauthorized

log = logging.getLogger("companion.access")
router = APIRouter(tags=["operations"])
TURN_PATH = re.compile(r"^/api/conversations/\d+/messages$")
BREAKER_STATES = ("closed", "open", "half_open")
RETRIEVAL_MODES = ("hybrid", "lexical-only", "degraded")
# the queues an operator watches, each one grouped count in the database (the same answer on every worker)
QUEUES = {
    "review_suggestions": "SELECT status, count(*) FROM suggestions WHERE status = 'pending' GROUP BY status",
    "xapi_outbox": "SELECT status, count(*) FROM xapi_outbox GROUP BY status",
    "reply_claims": "SELECT 'answering', count(*) FROM reply_claims",
}


class RequestContext:
    """ASGI middleware: a request id (X-Request-ID from the proxy, or a new one) for the request's logs and
    response header; one access line per request; the duration of chat turns, until the last streamed byte."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = observability.accept_request_id(given)
        token = observability.request_id.set(rid)
        started = time.perf_counter()
        status = 500
        is_turn = scope["method"] == "POST" and TURN_PATH.match(scope["path"]) is not None
        streamed = False

        async def send_with_id(message):
            nonlocal status, streamed
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", rid.encode()))
                streamed = any(k == b"content-type" and v.startswith(b"text/event-stream") for k, v in headers)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            metrics.REQUESTS.labels(method=scope["method"], status=str(status)).inc()
            if is_turn and status == 200:
                metrics.TURN_SECONDS.labels(stream="yes" if streamed else "no").observe(elapsed)
            log.info("%s %s %d %.3f s", scope["method"], scope["path"], status, elapsed)
            observability.request_id.reset(token)


class LiveState:
    """Values read at scrape time from this worker's services: breaker state, retrieval mode, queue sizes."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        services = getattr(self.app.state, "services", None)
        if services is None:
            return
        breaker = GaugeMetricFamily("companion_model_breaker_state", "1 for the breaker's current state "
                                    "(this worker)", labels=["state"])
        current = services.breaker.state if services.chat_model is not None else None
        for state in BREAKER_STATES:
            breaker.add_metric([state], 1.0 if state == current else 0.0)
        yield breaker
        retrieval = GaugeMetricFamily("companion_retrieval_mode", "1 for the retrieval mode in use (this worker)",
                                      labels=["mode"])
        mode = retrieval_mode(services)
        for name in RETRIEVAL_MODES:
            retrieval.add_metric([name], 1.0 if name == mode else 0.0)
        yield retrieval
        queues = GaugeMetricFamily("companion_queue_size", "Items waiting, per queue and status", labels=["queue",
                                                                                                           "status"])
        for queue, sql in QUEUES.items():
            try:
                with services.engine.connect() as conn:
                    for status, count in conn.execute(text(sql)):
                        queues.add_metric([queue, str(status)], float(count))
            except Exception:  # a queue this version or database does not have: left out, never a failed scrape
                log.debug("queue %s not counted", queue, exc_info=True)
        yield queues


def retrieval_mode(services) -> str:
    """"hybrid", "lexical-only" (no embedding model configured to load) or "degraded" (it failed to load)."""
    index = services.index
    if index.semantic:
        return "hybrid"
    return "degraded" if index.degraded and index.degraded != "no embedding model" else "lexical-only"


def _registry(app) -> CollectorRegistry:
    """This app's registry: the recorded metrics (of every worker in multiprocess mode) and LiveState."""
    registry = getattr(app.state, "metrics_registry", None)
    if registry is None:
        registry = CollectorRegistry()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # several workers: sum what every worker recorded
            multiprocess.MultiProcessCollector(registry)
        else:
            for collector in metrics.ALL:
                registry.register(collector)
            ProcessCollector(registry=registry)  # memory and CPU of this one process
        registry.register(LiveState(app))
        app.state.metrics_registry = registry
    return registry


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics(request: Request, services: ServicesDep) -> Response:
    """Prometheus text format; off unless COMPANION_METRICS_TOKEN is set, then only with that Bearer token."""
    token = services.settings.metrics_token
    if token is None or not token.get_secret_value():
        raise NotFound("metrics_off")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode()):
        raise Unauthorized("metrics_token_invalid")
    return Response(generate_latest(_registry(request.app)), media_type=CONTENT_TYPE_LATEST)
