"""Symbolic operations in worker processes that can be stopped.

sympy can run for minutes (``integrate exp(x^3)*sin(x^7)*log(x)``) and a thread cannot be
interrupted, so each operation runs in a small pool of reused worker processes, started on first
use as ``python -c`` children talking pickles over two pipes (so, unlike multiprocessing's spawn
and forkserver, they never re-import the caller's ``__main__``: scripts need no main guard; on
Windows multiprocessing's spawn is used). A worker has an address-space limit
(RLIMIT_AS) for its life and a CPU-time limit (RLIMIT_CPU) per call; the caller waits at most
the wall-clock timeout. A worker that overruns is killed and replaced on the next call, and the
call answers ``("gave_up", reason)`` instead of an exception.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from havoc_tools.symbolic.limits import SymbolicLimits

_OPS_MODULE = "havoc_tools.symbolic.operations"
STARTUP_TIMEOUT = 120.0  # seconds for a new worker to import sympy (slow on a busy machine)


def main(read_fd: int, write_fd: int, memory_mb: int, parent: int = 0) -> None:
    """Entry point of a ``python -c`` worker (POSIX); it ends when ``parent`` (the PID of the
    process that started it) is gone, also in the middle of an operation."""
    from multiprocessing.connection import Connection

    if parent:
        _watch_parent(parent)
    _serve(
        _Duplex(Connection(read_fd, writable=False), Connection(write_fd, readable=False)),
        memory_mb,
    )


def _watch_parent(parent: int, period: float = 0.5) -> None:
    """End this worker once its parent is gone (killed parents close no pipe mid-operation).

    The worker runs in a session of its own, so a kill of its parent's process group misses it;
    sympy is Python code, so this thread gets the interpreter lock within the switch interval."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(period)
        os._exit(0)

    threading.Thread(target=watch, name="havoc-symbolic-parent-watch", daemon=True).start()


class _Duplex:
    """Two one-way connections used as one (send on one, recv/poll on the other)."""

    def __init__(self, incoming: Any, outgoing: Any) -> None:
        self.incoming, self.outgoing = incoming, outgoing

    def send(self, obj: Any) -> None:
        self.outgoing.send(obj)

    def recv(self) -> Any:
        return self.incoming.recv()

    def poll(self, timeout: float) -> bool:
        return self.incoming.poll(timeout)

    def close(self) -> None:
        for c in (self.incoming, self.outgoing):
            with contextlib.suppress(OSError):
                c.close()


def _serve(conn: Any, memory_mb: int) -> None:
    """The worker's loop: one ``(name, args, kwargs, cpu_seconds)`` call at a time."""
    import importlib
    import signal

    try:
        import resource
    except ImportError:  # Windows: no rlimits; the wall-clock timeout still applies
        resource = None  # type: ignore[assignment]

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which kills us
    if resource is not None:
        _limit_memory(resource, memory_mb)
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # results were bounded by the limits before computing
    ops = importlib.import_module(_OPS_MODULE)
    import sympy  # noqa: F401  (loaded before "ready": start-up is not the call's time)

    conn.send(("ready", os.getpid()))
    while True:
        try:
            name, args, kwargs, cpu_seconds = conn.recv()
        except (EOFError, OSError):
            return
        if resource is not None:
            _limit_cpu(resource, cpu_seconds)
        try:
            reply: tuple[str, Any] = ("ok", ops.run_local(name, args, kwargs))
        except MemoryError:
            reply = ("gave_up", f"it needed more than {memory_mb} MB of memory")
        except RecursionError:
            reply = ("gave_up", "the expression is nested too deeply for the algorithm")
        except Exception as exc:  # handed back to the caller, which raises it
            reply = ("raise", exc)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError):
            exc = reply[1]
            conn.send(("raise", RuntimeError(f"{type(exc).__name__}: {exc}")))


def _limit_memory(resource: Any, memory_mb: int) -> None:
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file on SIGXCPU
    with contextlib.suppress(ValueError, OSError):
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = memory_mb * 2**20
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _limit_cpu(resource: Any, cpu_seconds: float) -> None:
    """RLIMIT_CPU counts the process's whole life: allow ``cpu_seconds`` more from now."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = int(usage.ru_utime + usage.ru_stime + cpu_seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        if os.name == "posix":
            self._start_posix(memory_mb)
        else:
            ctx = multiprocessing.get_context("spawn")
            self.conn, child = ctx.Pipe()
            self.process = ctx.Process(
                target=_serve, args=(child, memory_mb), name="havoc-symbolic", daemon=True
            )
            self.process.start()
            child.close()

    def _start_posix(self, memory_mb: int) -> None:
        from multiprocessing.connection import Connection

        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        package_root = str(Path(__file__).resolve().parents[2])  # the folder holding havoc_tools
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([package_root, *filter(None, [env.get("PYTHONPATH")])])
        code = (
            "from havoc_tools.symbolic.worker import main; "
            f"main({to_child_r}, {from_child_w}, {int(memory_mb)}, {os.getpid()})"
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
        self.conn = _Duplex(
            Connection(from_child_r, writable=False), Connection(to_child_w, readable=False)
        )

    def alive(self) -> bool:
        p = self.process
        return p.poll() is None if isinstance(p, subprocess.Popen) else p.is_alive()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.conn.poll(timeout)) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            if isinstance(self.process, subprocess.Popen):
                self.process.wait(timeout=5)
            else:
                self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """Up to ``size`` reused worker processes; ``call`` is safe from many threads."""

    def __init__(self, size: int = 1) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self.started = 0  # workers started so far (tests keep this small)

    def _take(self, memory_mb: int) -> _Worker | None:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive() and worker.memory_mb == memory_mb:
                    return worker
                worker.kill()
            self.started += 1
        worker = _Worker(memory_mb)
        # starting (importing sympy) is not the operation's time: wait for it on its own clock
        if worker.wait_ready(STARTUP_TIMEOUT):
            return worker
        worker.kill()
        return None

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def call(self, name: str, args: tuple, kwargs: dict, limits: SymbolicLimits) -> tuple[str, Any]:
        """``("ok", result)``, ``("raise", exception)`` or ``("gave_up", reason)``."""
        if not self._slots.acquire(timeout=limits.timeout):
            return "gave_up", f"every symbolic worker stayed busy for {limits.timeout:g} s"
        try:
            worker = self._take(limits.memory_mb)
            if worker is None:
                return "gave_up", f"the symbolic worker did not start within {STARTUP_TIMEOUT:g} s"
            deadline = time.monotonic() + limits.timeout
            try:
                worker.conn.send((name, args, kwargs, limits.cpu_limit))
                ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
                reply = worker.conn.recv() if ready else None
            except (EOFError, OSError, BrokenPipeError):
                reply = None
                ready = True  # the worker died: the CPU limit (SIGXCPU) or the memory limit
            if reply is None:
                worker.kill()
                if not ready:
                    return "gave_up", f"gave up after {limits.timeout:g} s (the time limit)"
                return "gave_up", (
                    f"gave up: the worker stopped at its limits ({limits.cpu_limit:g} s of CPU, "
                    f"{limits.memory_mb} MB)"
                )
            self._give_back(worker)
            return reply
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def pool(size: int | None = None) -> WorkerPool:
    """The process-wide pool (created on first use; ``size`` only matters then)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or (_POOL_PID != os.getpid()):
            _set_pool(WorkerPool(size or 1))
        assert _POOL is not None
        return _POOL


_POOL_PID = os.getpid()


def _set_pool(p: WorkerPool) -> None:
    global _POOL, _POOL_PID
    _POOL, _POOL_PID = p, os.getpid()


@atexit.register
def _shutdown() -> None:
    if _POOL is not None and _POOL_PID == os.getpid():
        _POOL.shutdown()
