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
overstays its request is ended by killing its worker; the pool starts a new one when needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import traceback
from importlib import import_module
from pathlib import Path
from typing import Any

STARTUP_TIMEOUT = 120.0  # seconds for a new worker to import the reasoning stack


# --- the worker's side ---------------------------------------------------------------------


def main(read_fd: int, write_fd: int, factory: str) -> None:
    """Entry point of a ``python -c`` worker: serve runs until the parent goes away."""
    import signal
    from multiprocessing.connection import Connection

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


class Worker:
    """One worker process and its two pipe ends."""

    def __init__(self, factory: str) -> None:
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
            f"m.main({to_child_r}, {from_child_w}, {factory!r})"
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

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.incoming.poll(timeout)) and self.incoming.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.wait(timeout=5)
        for conn in (self.incoming, self.outgoing):
            with contextlib.suppress(OSError):
                conn.close()


class WorkerPool:
    """``size`` reused workers: ``take`` gives an idle one, waits for one being started, or
    starts one; ``retire`` kills a worker whose run was stopped and starts its replacement in
    the background, so a killed run does not make the next request pay the start-up."""

    def __init__(self, size: int, factory: str = "havoc_srs:Pipeline") -> None:
        self.size = size
        self.factory = factory
        self._idle: list[Worker] = []
        self._cond = threading.Condition()
        self._busy = 0  # workers handed out by take()
        self._starting = 0  # workers being started in the background
        self._waiting = 0  # take() calls waiting for one of those
        self._unready: set[Worker] = set()  # started, not ready yet (shutdown kills them)
        self.closed = False
        self.started: list[int] = []  # PIDs of every worker started (tests and /health)

    def take(self, timeout: float) -> Worker | None:
        """An idle live worker, or one ready within ``timeout`` s (None if not)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()
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
            worker = Worker(self.factory)
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
                self._idle.append(worker)
                self._cond.notify_all()
                return
            self._cond.notify_all()
        worker.kill()

    def fill(self) -> None:
        """Start workers in the background until ``size`` are idle, busy or starting."""
        with self._cond:
            missing = self.size - (len(self._idle) + self._busy + self._starting)
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

    def give_back(self, worker: Worker) -> None:
        """A worker whose run ended on its own: idle again."""
        with self._cond:
            self._busy -= 1
            if not self.closed and len(self._idle) < self.size and worker.alive():
                self._idle.append(worker)
                self._cond.notify_all()
                return
        worker.kill()

    def retire(self, worker: Worker) -> None:
        """Kill a taken worker (its run was stopped) and start a replacement."""
        worker.kill()
        with self._cond:
            self._busy -= 1
        self.fill()

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
