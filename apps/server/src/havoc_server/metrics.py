"""Prometheus metrics in the text exposition format (version 0.0.4), without a client library.

Counters, gauges and histograms are updated from the scheduler thread and read by `/metrics`,
so every update takes a lock.

>>> m = Metrics()
>>> m.tokens_generated.inc(3)
>>> "havoc_generation_tokens_total 3" in m.render()
True
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Seconds; time to first token spans queueing + prefill, inter-token latency one decode step.
TTFT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
ITL_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
# Seconds an event-loop callback started later than asked (the loop blocked or starved).
LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def _fmt(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    esc = {
        k: v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        for k, v in labels.items()
    }
    return "{" + ",".join(f'{k}="{v}"' for k, v in sorted(esc.items())) + "}"


class Counter:
    def __init__(self, name: str, help_text: str) -> None:
        self.name, self.help = name, help_text
        self._values: dict[tuple[tuple[str, str], ...], float] = {}
        self._lock = threading.Lock()

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        if amount < 0:
            raise ValueError("a counter can only increase")
        key = tuple(sorted(labels.items()))
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        with self._lock:
            return self._values.get(tuple(sorted(labels.items())), 0.0)

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} counter"]
        with self._lock:
            items = sorted(self._values.items()) or [((), 0.0)]
        lines += [f"{self.name}{_labels(dict(k))} {_fmt(v)}" for k, v in items]
        return lines


class Gauge:
    """A gauge read from a callback at scrape time (so it is never stale)."""

    def __init__(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self.name, self.help, self._read = name, help_text, read

    def render(self) -> list[str]:
        return [
            f"# HELP {self.name} {self.help}",
            f"# TYPE {self.name} gauge",
            f"{self.name} {_fmt(self._read())}",
        ]


class Histogram:
    def __init__(self, name: str, help_text: str, buckets: Sequence[float]) -> None:
        if list(buckets) != sorted(buckets):
            raise ValueError("histogram buckets must be increasing")
        self.name, self.help = name, help_text
        self.bounds = (*buckets, math.inf)
        self._counts = [0] * len(self.bounds)
        self._sum = 0.0
        self._lock = threading.Lock()

    def observe(self, value: float) -> None:
        with self._lock:
            self._sum += value
            for i, bound in enumerate(self.bounds):
                if value <= bound:
                    self._counts[i] += 1
                    break

    @property
    def count(self) -> int:
        with self._lock:
            return sum(self._counts)

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} histogram"]
        with self._lock:
            counts, total = list(self._counts), self._sum
        running = 0
        for bound, c in zip(self.bounds, counts, strict=True):
            running += c
            lines.append(f'{self.name}_bucket{{le="{_fmt(bound)}"}} {running}')
        lines += [f"{self.name}_sum {_fmt(total)}", f"{self.name}_count {running}"]
        return lines


class Metrics:
    """All server metrics. ``running`` / ``waiting`` are callbacks set by the scheduler."""

    def __init__(
        self,
        running: Callable[[], float] = lambda: 0,
        waiting: Callable[[], float] = lambda: 0,
    ) -> None:
        self.requests = Counter(
            "havoc_requests_total", "Generation requests by endpoint and outcome."
        )
        self.requests_by_endpoint = Counter(
            "havoc_http_generation_requests_total", "Accepted generation requests by endpoint."
        )
        self.prompt_tokens = Counter("havoc_prompt_tokens_total", "Prompt tokens prefilled.")
        self.tokens_generated = Counter(
            "havoc_generation_tokens_total", "Tokens generated (sampled) by the scheduler."
        )
        self.ttft = Histogram(
            "havoc_time_to_first_token_seconds",
            "Time from a request's arrival to its first generated token.",
            TTFT_BUCKETS,
        )
        self.itl = Histogram(
            "havoc_inter_token_latency_seconds",
            "Time between consecutive tokens of one sequence.",
            ITL_BUCKETS,
        )
        self.loop_lag = Histogram(
            "havoc_event_loop_lag_seconds",
            "How late a 0.1 s timer on the server's event loop fires (blocked or starved loop).",
            LAG_BUCKETS,
        )
        self._loop_lag_max = 0.0
        self.loop_lag_max = Gauge(
            "havoc_event_loop_lag_max_seconds",
            "The largest event-loop lag seen since the server started.",
            lambda: self._loop_lag_max,
        )
        self.running = Gauge("havoc_requests_running", "Sequences holding a batch slot.", running)
        self.waiting = Gauge("havoc_requests_waiting", "Requests queued for a batch slot.", waiting)

    def observe_loop_lag(self, seconds: float) -> None:
        self.loop_lag.observe(seconds)
        self._loop_lag_max = max(self._loop_lag_max, seconds)

    def render(self) -> str:
        parts = [
            self.running,
            self.waiting,
            self.loop_lag,
            self.loop_lag_max,
            self.requests,
            self.requests_by_endpoint,
            self.prompt_tokens,
            self.tokens_generated,
            self.ttft,
            self.itl,
        ]
        lines: list[str] = []
        for metric in parts:
            lines += metric.render()
        return "\n".join(lines) + "\n"
