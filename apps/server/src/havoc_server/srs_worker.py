"""SRS runs in worker processes that can be killed (used by srs_api.py).

A pipeline run is ordinary Python (the question reader, tools, the arbiter); in a thread of the
server it competes with the event loop for the GIL and cannot be stopped. So each run goes to
one of a few reused worker processes, started on demand as ``python -c`` children that talk
pickles over two pipes (like havoc_tools' symbolic workers: no re-import of ``__main__`` and no
fork of a process holding torch and threads). This file is loaded in the worker by its path,
not as ``havoc_server.srs_worker``, so the worker never imports the server package (and torch).

Protocol, one run at a time. Parent -> worker: ``("run", question, data, data_name,
use_model)``. Worker -> parent: ``("event", dict)`` per SRS event, then ``("done",)``,
``("input_error", message)`` or ``("failed", traceback_text)``; with ``use_model`` the worker
asks ``("generate", prompt, max_tokens, stop)`` and waits for ``("generated", text)`` or
``("generate_error", message)``: the parent answers through its generation engine. A run that
overstays its request is ended by killing its worker and everything below it (its symbolic
worker, which runs in a session of its own); the pool starts a new one when needed.

Workers yield the CPU to the server: each lowers its own priority at start (``nice``, inherited
by its symbolic worker), so ``/health`` and the event loop keep answering while every worker is
busy. Workers are recycled: one is retired after ``max_tasks`` runs or when it and its children
hold more than ``max_rss_mb`` after a run, and workers idle for ``idle_seconds`` are ended until
``min_size`` are left (Python keeps what a run allocated; a new process gives it back).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from importlib import import_module
from pathlib import Path
from typing import Any

STARTUP_TIMEOUT = 120.0  # seconds for a new worker to import the reasoning stack
log = logging.getLogger("havoc_server")


# --- the worker's side ---------------------------------------------------------------------


def main(read_fd: int, write_fd: int, factory: str, nice: int = 0) -> None:
    """Entry point of a ``python -c`` worker: serve runs until the parent goes away."""
    from multiprocessing.connection import Connection

    lower_priority(nice)  # first: the imports below are CPU work the server should not wait for
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which kills us
    incoming = Connection(read_fd, writable=False)
    outgoing = Connection(write_fd, readable=False)
    _watch_parent(os.getppid())
    pipelines = _Pipelines(factory, outgoing, incoming)
    _warm(pipelines.get(False), factory)  # load the reasoning stack before "ready"
    outgoing.send(("ready", os.getpid()))
    while True:
        try:
            message = incoming.recv()
        except (EOFError, OSError):
            return
        _, question, data, data_name, use_model = message
        outgoing.send(_run(pipelines.get(use_model), question, data, data_name, outgoing))


def _warm(pipe: Any, factory: str) -> None:
    """Load the handbook index and the question reader's classifier now, so that they are not
    a run's time (and the classifier, fitted once, is cached on disk for the next workers)."""
    if not factory.startswith("havoc_srs:"):
        return
    pipe.index()
    with contextlib.suppress(ImportError):  # an older havoc-srs without the reader
        from havoc_srs.reader.classifier import FamilyClassifier

        FamilyClassifier.shared()
    try:  # start this worker's symbolic worker (imports sympy); havoc-tools comes with havoc-srs
        from havoc_tools.symbolic.operations import simplify
    except ImportError:
        return
    with contextlib.suppress(Exception):
        simplify("x + x")


def lower_priority(increment: int) -> bool:
    """Add ``increment`` to this process's niceness (children started later inherit it); False
    where the platform has no ``os.nice`` or refuses."""
    if increment <= 0 or not hasattr(os, "nice"):
        return False
    try:
        os.nice(increment)
    except OSError:
        return False
    return True


def _run(pipe: Any, question: str, data: Any, data_name: Any, outgoing: Any) -> tuple:
    events = None
    try:
        events = pipe.stream(question, data=data, data_name=data_name)
        for event in events:  # as JSON sees it: plain data, whatever the stage put in it
            outgoing.send(("event", json.loads(json.dumps(event, default=str))))
        return ("done",)
    except Exception as exc:
        if type(exc).__name__ == "SRSError" or any(
            c.__name__ == "SRSError" for c in type(exc).__mro__
        ):
            return ("input_error", str(exc))
        return ("failed", traceback.format_exc())
    finally:
        if events is not None:
            with contextlib.suppress(Exception):
                events.close()


def _watch_parent(parent: int) -> None:
    """End this worker when the server process is gone (also mid-run)."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="havoc-srs-parent-watch", daemon=True).start()


class _Pipelines:
    """One pipeline per mode, sharing the handbook index, built once per worker."""

    def __init__(self, factory: str, outgoing: Any, incoming: Any) -> None:
        self._make = _load_factory(factory)
        self._generator = _ParentGenerator(outgoing, incoming)
        self._pipes: dict[bool, Any] = {}

    def get(self, use_model: bool) -> Any:
        if use_model not in self._pipes:
            other = self._pipes.get(not use_model)
            index = other.index() if other is not None and hasattr(other, "index") else None
            generator = self._generator if use_model else None
            self._pipes[use_model] = self._make(index=index, generator=generator)
        return self._pipes[use_model]


def _load_factory(factory: str) -> Any:
    """``"module:name"`` or ``"/path/to/file.py:name"`` -> the callable that builds a pipeline."""
    module, _, name = factory.rpartition(":")
    if module.endswith(".py"):
        import importlib.util

        spec = importlib.util.spec_from_file_location(Path(module).stem, module)
        loaded = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(loaded)  # type: ignore[union-attr]
        return getattr(loaded, name)
    return getattr(import_module(module), name)


class _ParentGenerator:
    """havoc-srs's ``Generator`` protocol answered by the parent's generation engine."""

    name = "havoc-server"

    def __init__(self, outgoing: Any, incoming: Any) -> None:
        self.outgoing, self.incoming = outgoing, incoming

    def generate(self, prompt: str, *, max_tokens: int = 256, stop: Any = ()) -> str:
        self.outgoing.send(("generate", prompt, int(max_tokens), tuple(stop)))
        kind, value = self.incoming.recv()
        if kind != "generated":
            raise RuntimeError(value)
        return value


# --- the parent's side ---------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, theirs, ...): from /proc on Linux, from psutil
    where it is installed, else none (the symbolic worker then ends when it sees its parent
    gone, or at its own limits)."""
    tasks = Path(f"/proc/{pid}/task")
    if Path("/proc/self/task").is_dir():  # Linux
        out: list[int] = []
        try:
            threads = list(tasks.iterdir())
        except OSError:  # the process is gone
            return out
        for task in threads:
            try:
                kids = [int(x) for x in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            for kid in kids:
                out += [kid, *descendants(kid)]
        return out
    try:
        import psutil
    except ImportError:
        return []
    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def rss_bytes(pid: int) -> int | None:
    """Resident memory of one process (/proc/PID/statm on Linux, psutil elsewhere), or None."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # no psutil, or the process is gone
        return None


def tree_rss_bytes(pid: int) -> int | None:
    """Resident memory of ``pid`` and its descendants together (None if unknown)."""
    own = rss_bytes(pid)
    if own is None:
        return None
    return own + sum(rss_bytes(kid) or 0 for kid in descendants(pid))


_SIGKILL = getattr(signal, "SIGKILL", signal.SIGTERM)


class Worker:
    """One worker process and its two pipe ends."""

    def __init__(self, factory: str, nice: int = 0) -> None:
        from multiprocessing.connection import Connection

        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = dict(os.environ)  # the parent's import path, so the worker finds the same code
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        # one run at a time per worker: one symbolic worker process each is enough
        env.setdefault("HAVOC_SYMBOLIC_WORKERS", "1")
        code = (
            "import importlib.util as u; "
            f"s = u.spec_from_file_location('havoc_srs_worker', {str(Path(__file__))!r}); "
            "m = u.module_from_spec(s); s.loader.exec_module(m); "
            f"m.main({to_child_r}, {from_child_w}, {factory!r}, {int(nice)})"
        )
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code],
                pass_fds=(to_child_r, from_child_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # a Ctrl-C in the terminal reaches only the parent
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.pid = self.process.pid
        self.incoming = Connection(from_child_r, writable=False)
        self.outgoing = Connection(to_child_w, readable=False)
        self.runs = 0  # runs sent to this worker (recycling)
        self.idle_since = time.monotonic()

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.incoming.poll(timeout)) and self.incoming.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        """Kill the worker and every process below it (its symbolic worker lives in a session
        of its own, so a process-group kill would miss it). The worker is stopped first, so it
        starts no child meanwhile and its children stay its own (not reaped, their PIDs not
        reused) until they are killed."""
        family: list[int] = []
        if self.alive():
            stop = getattr(signal, "SIGSTOP", None)
            if stop is not None:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, stop)
            family = descendants(self.pid)
        for pid in reversed(family):  # the deepest first
            with contextlib.suppress(OSError):
                os.kill(pid, _SIGKILL)
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.wait(timeout=5)
        for conn in (self.incoming, self.outgoing):
            with contextlib.suppress(OSError):
                conn.close()


class WorkerPool:
    """Up to ``size`` reused workers: ``take`` gives an idle one, waits for one being started, or
    starts one; ``retire`` kills a worker whose run was stopped and starts its replacement in
    the background, so a killed run does not make the next request pay the start-up.

    Recycling: ``give_back`` retires a worker that has done ``max_tasks`` runs or whose process
    tree holds more than ``max_rss_mb`` (0 turns either off); ``shrink`` (every few seconds in a
    background thread) ends workers idle for ``idle_seconds`` until ``min_size`` are left.
    ``nice`` is added to each worker's niceness at its start."""

    def __init__(
        self,
        size: int,
        factory: str = "havoc_srs:Pipeline",
        *,
        min_size: int | None = None,
        nice: int = 0,
        max_tasks: int = 0,
        max_rss_mb: float = 0,
        idle_seconds: float = 0,
    ) -> None:
        for name, value in (("nice", nice), ("max_tasks", max_tasks), ("max_rss_mb", max_rss_mb)):
            if value < 0:
                raise ValueError(f"{name} must be >= 0, got {value!r}")
        if idle_seconds < 0:
            raise ValueError(f"idle_seconds must be >= 0, got {idle_seconds!r}")
        self.size = size
        self.min_size = size if min_size is None else max(0, min(min_size, size))
        self.factory = factory
        self.nice = nice
        self.max_tasks = max_tasks
        self.max_rss_mb = max_rss_mb
        self.idle_seconds = idle_seconds
        self._idle: list[Worker] = []
        self._cond = threading.Condition()
        self._busy = 0  # workers handed out by take()
        self._starting = 0  # workers being started in the background
        self._waiting = 0  # take() calls waiting for one of those
        self._unready: set[Worker] = set()  # started, not ready yet (shutdown kills them)
        self.closed = False
        self.started: list[int] = []  # PIDs of every worker started (tests and /health)
        self.retired: deque[tuple[int, str]] = deque(maxlen=100)  # (PID, why), the last ones
        if nice > 0 and not hasattr(os, "nice"):
            log.info("os.nice is not available here: SRS workers run at the server's priority")
        if idle_seconds > 0 and self.min_size < size:
            period = max(1.0, min(30.0, idle_seconds / 4))
            threading.Thread(
                target=self._shrink_loop, args=(period,), name="havoc-srs-pool-shrink", daemon=True
            ).start()

    def take(self, timeout: float) -> Worker | None:
        """An idle live worker, or one ready within ``timeout`` s (None if not)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()  # the most recently used: the others age out
                    if worker.alive():
                        self._busy += 1
                        return worker
                    worker.kill()
                remaining = deadline - time.monotonic()
                if self.closed or remaining <= 0:
                    return None
                if self._starting <= self._waiting:
                    break  # nobody is starting one for us: start our own
                self._waiting += 1
                self._cond.wait(remaining)
                self._waiting -= 1
            self._starting += 1
        worker = self._start()
        if worker is not None and worker.wait_ready(max(0.0, deadline - time.monotonic())):
            with self._cond:
                self._unready.discard(worker)
                self._starting -= 1
                self._busy += 1
            return worker
        if worker is not None:  # slow to start: let it finish in the background, for later
            threading.Thread(target=self._finish_start, args=(worker,), daemon=True).start()
        else:
            with self._cond:
                self._starting -= 1
        return None

    def _start(self) -> Worker | None:
        try:
            worker = Worker(self.factory, self.nice)
        except OSError:
            return None
        with self._cond:
            self.started.append(worker.pid)
            self._unready.add(worker)
            if self.closed:
                worker.kill()
        return worker

    def _finish_start(self, worker: Worker) -> None:
        ready = worker.wait_ready(STARTUP_TIMEOUT)
        with self._cond:
            self._unready.discard(worker)
            self._starting -= 1
            if ready and not self.closed and len(self._idle) < self.size:
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
                self._cond.notify_all()
                return
            self._cond.notify_all()
        worker.kill()

    def fill(self, at_most: int | None = None) -> None:
        """Start workers in the background until ``size`` are idle, busy or starting (at most
        ``at_most`` of them)."""
        with self._cond:
            missing = self.size - (len(self._idle) + self._busy + self._starting)
            if at_most is not None:
                missing = min(missing, at_most)
            if self.closed or missing <= 0:
                return
            self._starting += missing

        def start() -> None:
            for _ in range(missing):  # one after the other: start-up is CPU-heavy
                worker = self._start()
                if worker is None:
                    with self._cond:
                        self._starting -= 1
                        self._cond.notify_all()
                    continue
                self._finish_start(worker)

        threading.Thread(target=start, name="havoc-srs-pool-fill", daemon=True).start()

    def worn_out(self, worker: Worker) -> str | None:
        """Why ``worker`` should be retired rather than reused (None: reuse it)."""
        if self.max_tasks and worker.runs >= self.max_tasks:
            return f"it has done {worker.runs} runs (max_tasks {self.max_tasks})"
        if self.max_rss_mb and worker.runs:  # not a fresh one (warm-up)
            rss = tree_rss_bytes(worker.pid)
            if rss is not None and rss > self.max_rss_mb * 2**20:
                return f"it holds {rss / 2**20:.0f} MB (max_rss_mb {self.max_rss_mb:g})"
        return None

    def give_back(self, worker: Worker) -> None:
        """A worker whose run ended on its own: idle again, or retired if it is worn out."""
        reason = self.worn_out(worker) if worker.alive() else None
        if reason is not None:
            log.info("recycling SRS worker %d: %s", worker.pid, reason)
            with self._cond:
                self.retired.append((worker.pid, reason))
            self.retire(worker)
            return
        with self._cond:
            self._busy -= 1
            if not self.closed and len(self._idle) < self.size and worker.alive():
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
                self._cond.notify_all()
                return
        worker.kill()

    def retire(self, worker: Worker) -> None:
        """Kill a taken worker (its run was stopped, or it is worn out) and start one
        replacement in the background."""
        worker.kill()
        with self._cond:
            self._busy -= 1
        self.fill(at_most=1)

    def shrink(self, now: float | None = None) -> list[int]:
        """End the workers idle for ``idle_seconds`` or more (the longest idle first) while more
        than ``min_size`` are kept; their PIDs."""
        if self.idle_seconds <= 0:
            return []
        now = time.monotonic() if now is None else now
        with self._cond:
            surplus = len(self._idle) + self._busy + self._starting - self.min_size
            stale = sorted(
                (w for w in self._idle if now - w.idle_since >= self.idle_seconds),
                key=lambda w: w.idle_since,
            )[: max(0, surplus)]
            for worker in stale:
                self._idle.remove(worker)
        for worker in stale:
            log.info("ending SRS worker %d: idle for %.0f s", worker.pid, now - worker.idle_since)
            worker.kill()
        return [w.pid for w in stale]

    def _shrink_loop(self, period: float) -> None:
        while True:
            time.sleep(period)
            if self.closed:
                return
            try:
                self.shrink()
            except Exception:  # never lose the thread
                log.exception("shrinking the SRS worker pool failed")

    def idle_pids(self) -> list[int]:
        with self._cond:
            return [w.pid for w in self._idle]

    def shutdown(self) -> None:
        """Kill the idle workers; workers given back or started later are killed too."""
        with self._cond:
            self.closed = True
            idle, self._idle = self._idle, []
            idle += list(self._unready)
            self._cond.notify_all()
        for worker in idle:
            worker.kill()
