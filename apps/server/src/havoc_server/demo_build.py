"""The embedded demo checkpoint, built in the background while the server already answers.

Without ``--checkpoint`` and with nothing cached, ``havoc-serve`` starts at once: the SRS
(``/v1/srs``), the tools and the UI need no language model. :class:`DemoBuild` trains the demo
recipe in a child process (``python -m havoc_server._demo_child``, at a lower CPU priority so
requests stay quick), follows its ``metrics.jsonl`` for the step, rate and ETA that ``/health``,
``/v1/models`` and the log show, and hands the finished checkpoint to the server, which swaps
the model in. An interrupted build resumes from its last training checkpoint next time.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("havoc_server")

DEMO_NOTE = "demo model — trained in minutes on this machine; train your own with havoc-train"


def _fmt_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def last_step(metrics_path: Path) -> int | None:
    """The highest training step recorded in a ``metrics.jsonl`` (None before the first)."""
    try:
        text = metrics_path.read_text(encoding="utf-8")
    except OSError:
        return None
    best = None
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:  # a line being written
            continue
        if "loss" in record or "val_loss" in record:
            step = int(record.get("step", 0))
            best = step if best is None else max(best, step)
    return best


class StepRate:
    """Steps per second from (time, step) observations of this process; the first observation
    is the baseline, so a resumed run's earlier steps do not inflate the rate."""

    def __init__(self) -> None:
        self.first: tuple[float, int] | None = None
        self.last: tuple[float, int] | None = None

    def observe(self, now: float, step: int) -> None:
        if self.first is None:
            self.first = (now, step)
        if self.last is None or step != self.last[1]:
            self.last = (now, step)

    @property
    def per_second(self) -> float | None:
        if self.first is None or self.last is None:
            return None
        dt, ds = self.last[0] - self.first[0], self.last[1] - self.first[1]
        return ds / dt if dt > 0 and ds > 0 else None

    def eta(self, step: int, total: int, now: float) -> float | None:
        rate = self.per_second
        if rate is None or self.last is None:
            return None
        # the steps left, minus the time already spent on the current stretch of them
        return max(0.0, (total - step) / rate - (now - self.last[0]))


class DemoBuild:
    """Builds the demo checkpoint in a child process and reports its progress.

    ``load(path)`` turns the finished checkpoint into ``(model, tokenizer)``; :meth:`start` is
    given the callback that installs them in the server.
    """

    def __init__(
        self,
        cache_dir: str | Path | None,
        load: Callable[[Path], tuple[Any, Any]],
        overrides: list[str] | None = None,
        poll_seconds: float = 1.0,
        log_seconds: float | None = None,
    ) -> None:
        from havoc_train.demo import demo_config, demo_run_dir

        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.overrides = list(overrides or [])
        self.load = load
        self.run_dir = demo_run_dir(self.cache_dir, self.overrides)
        self.total_steps = demo_config(self.overrides).train.max_steps
        self.poll_seconds = poll_seconds
        # a terminal gets fewer lines: a person is watching it, not a log collector
        self.log_seconds = log_seconds or (15.0 if sys.stderr.isatty() else 5.0)
        self.log_path = self.run_dir.parent / f"{self.run_dir.name}.build.log"
        self.command = [sys.executable, "-m", "havoc_server._demo_child"]
        if self.cache_dir is not None:
            self.command += ["--cache-dir", str(self.cache_dir)]
        for item in self.overrides:
            self.command += ["--override", item]
        self._lock = threading.Lock()
        self._state = "building"
        self._phase = "starting"
        self._step: int | None = None
        self._message: str | None = None
        self._rate = StepRate()
        self._started = time.monotonic()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------
    def start(
        self,
        install: Callable[[Any, Any], None],
        after: threading.Event | None = None,
        wait_at_most: float = 90.0,
    ) -> None:
        """Start the thread that launches the child (once ``after`` is set, or ``wait_at_most``
        seconds have passed: the server lets its reasoning stack load first) and follows it."""
        self._thread = threading.Thread(
            target=self._run, args=(install, after, wait_at_most), name="havoc-demo-build"
        )
        self._thread.daemon = True
        self._thread.start()

    def _run(
        self, install: Callable[[Any, Any], None], after: threading.Event | None, wait: float
    ) -> None:
        deadline = time.monotonic() + wait
        while after is not None and not after.is_set() and time.monotonic() < deadline:
            if self._stopping.wait(0.2):
                return
        # Spawned from this long-lived thread: the child's parent-death signal follows it.
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            if self._stopping.is_set():
                return
            with open(self.log_path, "wb") as out:
                self._proc = subprocess.Popen(
                    self.command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
                )
        log.info(
            "building the demo model in the background (pid %d, log %s); /v1/srs, the tools "
            "and the UI answer now, chat once it is ready",
            self._proc.pid,
            self.log_path,
        )
        self._follow(install)

    def stop(self, timeout: float = 10.0) -> None:
        """End the child (it resumes from its last checkpoint next time) and the thread."""
        self._stopping.set()
        with self._lock:
            proc = self._proc
        if proc is not None and proc.poll() is None:
            log.info("stopping the demo build (pid %d); it resumes on the next start", proc.pid)
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    # -- progress -----------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """``{"state", "phase", "step", "of", "eta_s", "steps_per_s", "elapsed_s", "message"}``."""
        now = time.monotonic()
        with self._lock:
            step = self._step
            eta = (
                self._rate.eta(step, self.total_steps, now)
                if self._state == "building" and step is not None
                else None
            )
            rate = self._rate.per_second
            return {
                "state": self._state,
                "phase": self._phase,
                "step": step,
                "of": self.total_steps,
                "eta_s": None if eta is None else round(eta, 1),
                "steps_per_s": None if rate is None else round(rate, 3),
                "elapsed_s": round(now - self._started, 1),
                "message": self._message,
            }

    def describe(self) -> str:
        """One line for the log and for error messages."""
        s = self.status()
        if s["state"] == "failed":
            return f"the demo model could not be built: {s['message']}"
        if s["state"] == "ready":
            return "the demo model is ready"
        if s["phase"] == "training" and s["step"] is not None:
            text = f"training step {s['step']}/{s['of']}"
            if s["steps_per_s"] is not None:
                text += f" ({s['steps_per_s']:.2f} steps/s)"
            if s["eta_s"] is not None:
                text += f", ETA {_fmt_seconds(s['eta_s'])}"
            return text
        return f"{s['phase']}, {_fmt_seconds(s['elapsed_s'])} so far"

    def _set(self, **fields: Any) -> None:
        with self._lock:
            for name, value in fields.items():
                setattr(self, f"_{name}", value)

    def _follow(self, install: Callable[[Any, Any], None]) -> None:
        assert self._proc is not None
        metrics = self.run_dir / "metrics.jsonl"
        next_log = time.monotonic() + self.log_seconds
        while not self._stopping.is_set():
            code = self._proc.poll()
            step = last_step(metrics)
            now = time.monotonic()
            if step is not None:
                with self._lock:
                    self._step = step
                    self._phase = "training"
                    self._rate.observe(now, step)
            elif now - self._started > 2:
                self._set(phase=self._preparing())
            if code is not None:
                break
            if now >= next_log:
                log.info("demo model: %s", self.describe())
                next_log = now + self.log_seconds
            self._stopping.wait(self.poll_seconds)
        if self._stopping.is_set():
            return
        if self._proc.returncode != 0:
            self._fail(f"the build process exited with code {self._proc.returncode}")
            return
        self._set(phase="loading weights", step=self.total_steps)
        try:
            model, tokenizer = self.load(self.run_dir / "final")
            install(model, tokenizer)
        except Exception as exc:  # reported in /health; the SRS keeps answering
            self._fail(f"{type(exc).__name__}: {exc}")
            return
        self._set(state="ready", phase="ready")
        log.info(
            "demo model ready after %s; chat and completions now answer",
            _fmt_seconds(time.monotonic() - self._started),
        )

    def _preparing(self) -> str:
        """What the trainer does before its first step, read from the cache it fills."""
        cache = self.run_dir.parent
        if any(cache.glob("data-*/index.json")):  # written last, when the shards are packed
            return "preparing: loading the data, building the model"
        if any(cache.glob("tokenizer-*")):
            return "preparing: packing the training data"
        return "preparing: harvesting the bundled corpus, training the tokenizer"

    def _fail(self, reason: str) -> None:
        tail = ""
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
            tail = " | ".join(line.strip() for line in lines[-3:] if line.strip())
        except OSError:
            pass
        message = f"{reason}{f' ({tail})' if tail else ''}; see {self.log_path}"
        self._set(state="failed", phase="failed", message=message)
        log.error("demo model: %s", message)
