"""The SRS worker pool: workers run at a lower priority (and their symbolic workers with them), a
killed worker takes its symbolic worker with it, and workers are recycled (after N runs, above
a memory ceiling, and the pool shrinks to its minimum when idle). The pipelines are the scripted
ones of tests/srs_scripted.py; nothing here asserts how long anything takes."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import httpx
import pytest
from havoc_server.app import ServerConfig
from havoc_server.cli import read_config_file
from havoc_server.srs_worker import WorkerPool, descendants, rss_bytes, tree_rss_bytes

SRS = "/v1/srs"
SCRIPTED = str(Path(__file__).with_name("srs_scripted.py"))
REPO = Path(__file__).resolve().parents[3]


def _wait_until(predicate, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (a killed orphan may wait for its reaper)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _pid_of(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return response.json()["trace"]["stages"][0]["pid"]


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_timeout_kills_the_workers_symbolic_child_and_both_run_niced(make_server, install_srs):
    base = os.getpriority(os.PRIO_PROCESS, 0)
    with make_server(srs_timeout=5.0, srs_max_concurrent=1, srs_worker_nice=7) as (url, app):
        service = install_srs(app, "Symbolic")
        # warm the worker (and its symbolic worker, started when the pipeline is built)
        service.workers.give_back(service.workers.take(120))
        body = {"question": "integrate for an hour", "stream": True}
        with httpx.stream("POST", url + SRS, json=body, timeout=120) as rs:
            lines = rs.iter_lines()
            pid = json.loads(next(lines)[6:])["pid"]
            kids = descendants(pid)
            niceness = [os.getpriority(os.PRIO_PROCESS, p) for p in (pid, *kids)]
            rest = [line for line in lines if line]
        assert len(kids) == 1, "the worker's symbolic worker"
        assert niceness == [min(19, base + 7)] * 2
        assert rest[-1] == "data: [DONE]"
        assert json.loads(rest[-2][6:])["error"]["code"] == "srs_timeout"
        # the integral was allowed an hour; the timeout's kill ends it with its worker
        _wait_until(lambda: not _running(pid) and not _running(kids[0]))
        service.shutdown()


def test_worker_retired_after_max_tasks(make_server, install_srs):
    with make_server(srs_max_concurrent=1, srs_worker_max_tasks=2) as (url, app):
        service = install_srs(app)
        pids = [_pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120))]
        pids.append(_pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120)))
        assert pids[0] == pids[1]  # reused for its second run, retired after it
        _wait_until(lambda: not _running(pids[0]))
        assert [pid for pid, _ in service.workers.retired] == [pids[0]]
        assert "2 runs" in service.workers.retired[0][1]
        third = _pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120))
        assert third != pids[0]
        service.shutdown()


def test_worker_retired_above_the_memory_ceiling(make_server, install_srs):
    with make_server(srs_max_concurrent=1, srs_worker_max_rss_mb=1) as (url, app):
        service = install_srs(app)
        first = _pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120))
        _wait_until(lambda: not _running(first))
        ((pid, why),) = service.workers.retired
        assert pid == first and "max_rss_mb 1" in why
        second = _pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120))
        assert second != first
        service.shutdown()


def test_worker_below_the_ceiling_is_reused(make_server, install_srs):
    with make_server(srs_max_concurrent=1, srs_worker_max_rss_mb=100_000) as (url, app):
        service = install_srs(app)
        pids = {_pid_of(httpx.post(url + SRS, json={"question": "q"}, timeout=120)) for _ in "ab"}
        assert len(pids) == 1 and not service.workers.retired
        service.shutdown()


def test_idle_pool_shrinks_to_its_minimum():
    pool = WorkerPool(
        3, f"{SCRIPTED}:Scripted", min_size=1, idle_seconds=3600.0
    )  # the period is an hour: only the calls below shrink it
    try:
        pool.fill()
        _wait_until(lambda: len(pool.idle_pids()) == 3, 180)
        assert pool.shrink() == []  # nobody has been idle for an hour yet
        newest = pool.take(10)  # used last: it stays
        pool.give_back(newest)
        ended = pool.shrink(now=newest.idle_since + 3600.0)
        assert len(ended) == 2 and newest.pid not in ended
        assert pool.idle_pids() == [newest.pid]
        for pid in ended:
            _wait_until(lambda pid=pid: not _running(pid))
        assert pool.shrink(now=time.monotonic() + 10**6) == []  # never below min_size
        # it grows again on demand
        pool.fill()
        _wait_until(lambda: len(pool.idle_pids()) == 3, 180)
    finally:
        pool.shutdown()


def test_memory_readings_match_psutil():
    psutil = pytest.importorskip("psutil")
    own = rss_bytes(os.getpid())
    reference = psutil.Process().memory_info().rss
    assert own is not None and abs(own - reference) < 0.05 * reference
    assert tree_rss_bytes(os.getpid()) >= own
    assert sorted(descendants(os.getpid())) == sorted(
        p.pid for p in psutil.Process().children(recursive=True)
    )


@pytest.mark.parametrize(
    "settings, word",
    [
        ({"srs_worker_nice": 20}, "srs_worker_nice"),
        ({"srs_worker_nice": -1}, "srs_worker_nice"),
        ({"srs_worker_max_tasks": -1}, "srs_worker_max_tasks"),
        ({"srs_min_workers": 1.5}, "srs_min_workers"),
        ({"srs_worker_max_rss_mb": "lots"}, "srs_worker_max_rss_mb"),
        ({"srs_idle_seconds": -5}, "srs_idle_seconds"),
        ({"srs_timeout": "30"}, "srs_timeout"),
        ({"srs_prestart": "yes"}, "srs_prestart"),
    ],
)
def test_bad_pool_settings_are_named(settings, word):
    with pytest.raises(ValueError, match=word):
        ServerConfig(**settings)


def test_config_file_of_the_repository_is_the_defaults():
    settings = read_config_file(REPO / "configs" / "server" / "havoc-serve.yaml")
    defaults = ServerConfig()
    assert settings and all(getattr(defaults, k) == v for k, v in settings.items())


@pytest.mark.parametrize(
    "text, words",
    [
        ("srs: {worker_nicety: 3}", "unknown keys ['worker_nicety']"),
        ("server: {}", "unknown sections ['server']"),
        ("srs: [1, 2]", "must be a mapping"),
        ("- a\n- b", "must be a mapping"),
        ("srs: {timeout: [", "not valid YAML"),
    ],
)
def test_bad_config_files_are_named(tmp_path, text, words):
    path = tmp_path / "serve.yaml"
    path.write_text(text)
    with pytest.raises(ValueError) as info:
        read_config_file(path)
    assert words in str(info.value) and str(path) in str(info.value)


def test_cli_reads_the_file_and_its_options_win(tmp_path, monkeypatch):
    from havoc_server import cli

    path = tmp_path / "serve.yaml"
    path.write_text("srs:\n  worker_nice: 20\n")
    assert cli.main(["--config", str(path), "--no-ui"]) == 2  # refused before loading a model
    missing = tmp_path / "absent.yaml"
    assert cli.main(["--config", str(missing), "--no-ui"]) == 2
    path.write_text("srs:\n  timeout: 12\n  max_concurrent: 3\n  worker_max_tasks: 5\n")
    seen = {}

    def fake_create_app(model, tokenizer, config, build=None):
        seen["config"] = config
        raise ValueError("stop here")

    monkeypatch.setattr(cli, "_model_or_build", lambda *a: (None, None, "m", None))
    monkeypatch.setattr("havoc_server.app.create_app", fake_create_app)
    argv = ["--config", str(path), "--no-ui", "--device", "cpu", "--srs-timeout", "7"]
    assert cli.main(argv) == 2
    config = seen["config"]
    assert (config.srs_timeout, config.srs_max_concurrent, config.srs_worker_max_tasks) == (
        7.0,
        3,
        5,
    )


def test_event_loop_lag_is_recorded():
    """A loop blocked for 0.3 s shows a lag of at least 0.2 s (timer of 0.1 s)."""
    import asyncio

    from havoc_server.app import _watch_loop_lag
    from havoc_server.metrics import Metrics

    metrics = Metrics()

    async def block() -> None:
        watcher = asyncio.create_task(_watch_loop_lag(metrics))
        await asyncio.sleep(0)  # the watcher's timer is set
        time.sleep(0.3)  # what a blocking call in a handler would do
        await asyncio.sleep(0.25)
        watcher.cancel()

    asyncio.run(block())
    assert metrics.loop_lag.count >= 1
    assert metrics._loop_lag_max >= 0.2
    text = metrics.render()
    assert "havoc_event_loop_lag_max_seconds" in text
    assert 'havoc_event_loop_lag_seconds_bucket{le="0.1"}' in text


def test_metrics_expose_the_loop_lag(server):
    url, _ = server

    def samples() -> float:
        text = httpx.get(url + "/metrics", timeout=30).text
        (line,) = [x for x in text.splitlines() if x.startswith("havoc_event_loop_lag_seconds_c")]
        return float(line.split()[-1])

    _wait_until(lambda: samples() >= 3)


def test_without_os_nice_the_pool_says_so_and_workers_keep_the_priority(monkeypatch, caplog):
    from havoc_server import srs_worker

    monkeypatch.delattr(srs_worker.os, "nice", raising=False)
    with caplog.at_level("INFO", logger="havoc_server"):
        pool = WorkerPool(1, f"{SCRIPTED}:Scripted", nice=10)
    pool.shutdown()
    assert any("os.nice is not available" in r.getMessage() for r in caplog.records)
    assert srs_worker.lower_priority(10) is False  # the worker's side: skipped, no error


def test_pool_settings_are_checked():
    for bad in ({"nice": -1}, {"max_tasks": -2}, {"max_rss_mb": -1.0}, {"idle_seconds": -1}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            WorkerPool(1, f"{SCRIPTED}:Scripted", **bad)
