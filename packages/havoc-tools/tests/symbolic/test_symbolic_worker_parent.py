"""A symbolic worker ends when the process that started it is killed, also in the middle of an
operation allowed to run for an hour (it runs in a session of its own, so nothing else would end
it before its CPU limit)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="reads the process tree from Linux's /proc"
)

PARENT = """
from havoc_tools.symbolic.limits import SymbolicLimits
from havoc_tools.symbolic.operations import integrate, simplify
simplify("x + x")  # starts the worker
print("ready", flush=True)
hour = SymbolicLimits(timeout=3600.0, cpu_seconds=3600.0)
integrate("exp(x^3)*sin(x^7)*log(x)", "x", limits=hour)
"""


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(x) for x in (task / "children").read_text().split()]
    return out


def _running(pid: int) -> bool:
    """Exists and is not a zombie (a killed orphan may wait for its reaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_worker_ends_when_its_parent_is_killed_mid_operation():
    env = {**os.environ, "HAVOC_SYMBOLIC_WORKERS": "1"}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env
    )
    worker = 0
    try:
        assert parent.stdout.readline().strip() == "ready"
        (worker,) = _children(parent.pid)
        time.sleep(0.5)  # the integral has started in the worker
        assert _running(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(30)
        deadline = time.monotonic() + 60  # generous: the machine may be busy
        while _running(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(worker), "the symbolic worker outlived its parent"
    finally:
        parent.kill()
        parent.wait(30)
        if worker and _running(worker):  # leave nothing behind when the test fails
            os.kill(worker, signal.SIGKILL)
