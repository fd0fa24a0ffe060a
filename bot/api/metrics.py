"""Process metrics in the Prometheus text exposition format (version 0.0.4).

Small enough to write by hand rather than add a dependency: counters and
histograms with labels, rendered on scrape. Updates take a lock because a few
come from worker threads.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Sequence

from bot.approvals.view import RequestEvent
from storage.models import OPEN_STATUSES, Status

GATE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
DECISION_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 86400)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names: Sequence[str], values: Sequence[str]) -> str:
    parts = [f'{n}="{_escape(v)}"' for n, v in zip(names, values, strict=True)]
    return "{" + ",".join(parts) + "}" if parts else ""


def _num(value: float) -> str:
    if math.isinf(value):
        return "+Inf"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Counter:
    def __init__(self, name: str, help_text: str, labels: Sequence[str] = ()) -> None:
        self.name, self.help, self.labels = name, help_text, tuple(labels)
        self._values: dict[tuple[str, ...], float] = {}
        self._lock = threading.Lock()

    def inc(self, *label_values: str, amount: float = 1.0) -> None:
        with self._lock:
            self._values[label_values] = self._values.get(label_values, 0.0) + amount

    def value(self, *label_values: str) -> float:
        return self._values.get(label_values, 0.0)

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        if not self.labels and not self._values:
            yield f"{self.name} 0"
        for key, val in sorted(self._values.items()):
            yield f"{self.name}{_labels(self.labels, key)} {_num(val)}"


class Histogram:
    def __init__(self, name: str, help_text: str, buckets: Sequence[float]) -> None:
        self.name, self.help = name, help_text
        self.buckets = (*sorted(buckets), math.inf)
        self._counts = [0] * len(self.buckets)
        self._sum = 0.0
        self._lock = threading.Lock()

    def observe(self, value: float) -> None:
        with self._lock:
            self._sum += value
            for i, bound in enumerate(self.buckets):
                if value <= bound:
                    self._counts[i] += 1
                    break

    @property
    def count(self) -> int:
        return sum(self._counts)

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        running = 0
        for bound, n in zip(self.buckets, self._counts, strict=True):
            running += n
            yield f'{self.name}_bucket{{le="{_num(bound)}"}} {running}'
        yield f"{self.name}_sum {_num(self._sum)}"
        yield f"{self.name}_count {running}"


class Gauge:
    """A value read when `/metrics` is scraped (e.g. effects the outbox gave up on)."""

    def __init__(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self.name = name
        self.help = help_text
        self._read = read

    def render(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} gauge"
        yield f"{self.name} {_num(self._read())}"


class Metrics:
    """The figures `/metrics` exposes; one instance per process."""

    def __init__(self) -> None:
        self.requests = Counter(
            "twokey_requests_total",
            "Requests that entered each status, by risk level (counted by this process).",
            ("status", "risk"),
        )
        self.decision_latency = Histogram(
            "twokey_decision_latency_seconds",
            "From a request's creation to its decision (approved, denied, expired, cancelled).",
            DECISION_BUCKETS,
        )
        self.gate_latency = Histogram(
            "twokey_gate_latency_seconds",
            "Time to answer POST /v1/instructions (assessment and storage included).",
            GATE_BUCKETS,
        )
        self.slack_errors = Counter(
            "twokey_slack_api_errors_total",
            "Slack Web API calls that failed (error answer, HTTP error or no connection).",
            ("method",),
        )
        self.gauges: list[Gauge] = []
        self._counted: dict[str, str] = {}

    async def on_event(self, event: RequestEvent) -> None:
        """Service subscriber: count each request once per status it enters; time decisions.

        The service announces a new held request twice (screened, then pending or
        awaiting_requester), so entries are de-duplicated by the last status counted.
        """
        req = event.request
        if self._counted.get(req.id) == req.status:
            return
        self.requests.inc(req.status, req.risk)
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
        lines: list[str] = []
        for metric in (
            self.requests,
            self.decision_latency,
            self.gate_latency,
            self.slack_errors,
        ):
            lines.extend(metric.render())
        for gauge in self.gauges:
            lines.extend(gauge.render())
        return "\n".join(lines) + "\n"
