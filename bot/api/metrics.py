"""Process metrics for `/metrics`, in Prometheus' text format (prometheus_client).

Each `Metrics` has its own registry, so several apps in one process (tests, the
demo) never share or collide on a figure. The `_created` series are off: a
scraper gets each counter and histogram once.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import disable_created_metrics as _disable_created_metrics

from bot.approvals.view import RequestEvent
from storage.models import OPEN_STATUSES, Status

GATE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
DECISION_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 86400)

_disable_created_metrics()


class Metrics:
    """The figures `/metrics` exposes; one instance per process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "twokey_requests",
            "Requests that entered each status, by risk level (counted by this process).",
            ("status", "risk"),
            registry=self.registry,
        )
        self.decision_latency = Histogram(
            "twokey_decision_latency_seconds",
            "From a request's creation to its decision (approved, denied, expired, cancelled).",
            buckets=DECISION_BUCKETS,
            registry=self.registry,
        )
        self.gate_latency = Histogram(
            "twokey_gate_latency_seconds",
            "Time to answer POST /v1/instructions (assessment and storage included).",
            buckets=GATE_BUCKETS,
            registry=self.registry,
        )
        self.slack_errors = Counter(
            "twokey_slack_api_errors",
            "Slack Web API calls that failed (error answer, HTTP error or no connection).",
            ("method",),
            registry=self.registry,
        )
        self.effects_given_up = Counter(
            "twokey_slack_effects_given_up",
            "Slack effects this process gave up on, by kind and Slack's error "
            "(at once for an error no retry cures, else after every retry).",
            ("kind", "error"),
            registry=self.registry,
        )
        self._counted: dict[str, str] = {}

    def gauge(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        """A value read when `/metrics` is scraped (e.g. effects the outbox gave up on)."""
        Gauge(name, help_text, registry=self.registry).set_function(read)

    async def on_event(self, event: RequestEvent) -> None:
        """Service subscriber: count each request once per status it enters; time decisions.

        The service announces a new held request twice (screened, then pending or
        awaiting_requester), so entries are de-duplicated by the last status counted.
        """
        req = event.request
        if self._counted.get(req.id) == req.status:
            return
        self.requests.labels(req.status, req.risk).inc()
        if req.status in OPEN_STATUSES or req.status == Status.APPROVED:
            if len(self._counted) >= 100_000:
                self._counted.clear()
            self._counted[req.id] = req.status
        else:
            self._counted.pop(req.id, None)
        if event.kind == "decided" and req.decided_at is not None:
            seconds = (req.decided_at - req.created_at).total_seconds()
            self.decision_latency.observe(max(0.0, seconds))

    def render(self) -> str:
        return generate_latest(self.registry).decode()
