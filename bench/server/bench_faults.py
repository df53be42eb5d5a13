"""Load and fault test: 100 concurrent mixed /v1/srs and chat requests against havoc-serve on
127.0.0.1, five of them poisoned (inputs that once froze the server), while /health is probed
and the server's threads and memory are sampled.

    uv run python bench/server/bench_faults.py                 # random tiny model, own tokenizer
    uv run python bench/server/bench_faults.py --checkpoint ~/.cache/havoc/demo-*/final
    uv run python bench/server/bench_faults.py --url http://127.0.0.1:8000   # a running server
    uv run python bench/server/bench_faults.py --server-config my.yaml --settle 60  # pool settings

Without ``--checkpoint`` a tokenizer is trained here on a few lines of text and a random model of
the ``tiny`` preset is written next to it (no downloads). Healthy SRS clients honour 429 +
Retry-After and try again (for up to ``--retry-for`` seconds), and so do the poisoned ones, so
each of them really reaches the pipeline. One SRS question is asked first, unmeasured, so the
pipeline's one-time start (loading the handbook index, the symbolic worker) is not in the figures.
Reported: p50/p95 latency of the healthy requests by kind, /health latency (p50, p95, max)
throughout (probed from the load generator and from a process of its own) with the server's own
event-loop lag (/metrics), the 1-minute load average during the test, the server's peak threads
and RSS (plus its descendants: SRS and symbolic workers), every status code per kind, and with
``--settle`` the workers' count and memory after the load. Not a unit test: it takes minutes on
a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_serve import start_server  # noqa: E402

CORPUS = (
    "A control chart plots a process statistic over time with control limits. "
    "The p-value is the probability of a result at least as extreme as the one observed. "
    "A two-sample t-test compares two means; Welch's version allows unequal variances. "
    "Regression fits a line by least squares; residuals should look like noise. "
)
CSV = "line1,line2\n" + "\n".join(
    f"{a},{b}"
    for a, b in zip(
        [10.1, 9.8, 10.3, 10.0, 9.9, 10.2], [10.9, 11.2, 11.0, 10.7, 11.3, 10.8], strict=True
    )
)
HEALTHY_SRS = [
    {"question": "What is the derivative of x^3*sin(x)?", "use_model": False},
    {"question": "Integrate x^2 from 0 to 3.", "use_model": False},
    {"question": "Solve x^2 - 5x + 6 = 0.", "use_model": False},
    {"question": "Is line1 different from line2?", "data_csv": CSV, "use_model": False},
]
POISONED = [
    ("srs", {"question": "simplify 9^9^9", "use_model": False}),
    ("srs", {"question": "simplify 2^(2^40)", "use_model": False}),
    ("srs", {"question": "integrate exp(x^3)*sin(x^7)*log(x) dx", "use_model": False}),
    ("srs", {"question": "simplify (x+1)^100000", "use_model": False}),
    ("completions", {"prompt": ["control chart"] * 64, "n": 16, "max_tokens": 500}),
]


def tiny_checkpoint(out: Path) -> Path:
    import torch
    from havoc_model import HavocModel, ModelConfig
    from havoc_tokenizer import train_tokenizer

    src = out / "corpus"
    src.mkdir(parents=True)
    (src / "c.txt").write_text(
        "\n".join(f"{CORPUS} Run {i}." for i in range(200)) + "\n", encoding="utf-8"
    )
    tok = train_tokenizer([src], 600, out / "tok", show_progress=False)
    cfg = ModelConfig.from_dict(
        {**ModelConfig.from_preset("tiny").to_dict(), "vocab_size": tok.vocab_size}
    )
    torch.manual_seed(0)
    ckpt = out / "ckpt"
    HavocModel(cfg).save_pretrained(ckpt)
    tok.save_pretrained(ckpt / "tokenizer")
    return ckpt


def _proc_status(pid: int) -> tuple[int, int]:
    """(threads, RSS bytes) of one process from /proc."""
    threads = rss = 0
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("Threads:"):
                threads = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
    return threads, rss


def _children(pid: int) -> list[int]:
    """Descendant processes (the SRS workers and their symbolic workers)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *_children(kid)]
    return out


# /health probed from a process of its own as well: the load generator's event loop (100
# requests, JSON, /proc sampling) is itself starved on a busy machine, and its probe then
# measures its own wait; this one does nothing else. It stops when its stdin closes.
PROBE = """
import json, select, sys, time, httpx
url, out = sys.argv[1], []
with httpx.Client(timeout=30) as client:
    while not select.select([sys.stdin], [], [], 0)[0]:
        t = time.perf_counter()
        try:
            client.get(url + "/health")
            out.append(time.perf_counter() - t)
        except httpx.HTTPError:
            out.append(float("inf"))
        time.sleep(0.2)
print(json.dumps(out))
"""


def health_stats(health: list[float]) -> dict:
    finite = [h for h in health if h != float("inf")]
    return {
        "probes": len(health),
        "failed": len(health) - len(finite),
        "p50_ms": 1000 * (pct(finite, 0.5) or 0),
        "p95_ms": 1000 * (pct(finite, 0.95) or 0),
        "max_ms": 1000 * max(finite, default=0),
    }


def lag_buckets(metrics_text: str) -> dict[float, float]:
    """The server's event-loop lag histogram (cumulative counts by upper bound) from /metrics."""
    out = {}
    for line in metrics_text.splitlines():
        if line.startswith("havoc_event_loop_lag_seconds_bucket"):
            bound = line.split('le="')[1].split('"')[0]
            out[float("inf") if bound == "+Inf" else float(bound)] = float(line.split()[-1])
    return out


def lag_during(before: dict[float, float], after: dict[float, float]) -> dict:
    """Loop-lag samples taken during the load: how many, how many over 100 ms, and the bucket
    bound below which all of them lay."""
    diff = {b: after[b] - before.get(b, 0.0) for b in sorted(after)}
    total = diff.get(float("inf"), 0.0)
    below = next((b for b, n in diff.items() if n == total), None)
    return {
        "samples": total,
        "over_100ms": total - diff.get(0.1, 0.0),
        "all_below_s": below,
    }


def pct(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


async def run(url: str, pid: int | None, n: int, retry_for: float, settle: float = 0.0) -> dict:
    records: list[dict] = []
    health: list[float] = []
    samples: list[tuple[int, int, int, int]] = []
    loads: list[float] = []  # 1-minute load average during the test (what `uptime` shows)
    stop = asyncio.Event()
    # keep idle connections for less than uvicorn's 5 s keep-alive, so the client never sends on
    # a connection the server is closing (that race shows up as ReadError, not as the server)
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200, keepalive_expiry=2)
    async with httpx.AsyncClient(timeout=180, limits=limits) as client:

        async def probe_health() -> None:
            while not stop.is_set():
                t = time.perf_counter()
                try:
                    await client.get(url + "/health", timeout=30)
                    health.append(time.perf_counter() - t)
                except httpx.HTTPError:
                    health.append(float("inf"))
                await asyncio.sleep(0.2)

        async def sample() -> None:
            while not stop.is_set():
                loads.append(os.getloadavg()[0])
                if pid is None:
                    await asyncio.sleep(0.2)
                    continue
                try:
                    threads, rss = _proc_status(pid)
                    kids = _children(pid)
                    child_rss = 0
                    for c in kids:
                        with contextlib.suppress(OSError):  # a worker may end meanwhile
                            child_rss += _proc_status(c)[1]
                    samples.append((threads, rss, child_rss, len(kids)))
                except OSError:
                    pass
                await asyncio.sleep(0.2)

        async def one(kind: str, path: str, body: dict, poisoned: bool) -> None:
            start = time.perf_counter()
            codes = []
            while True:
                try:
                    r = await client.post(url + path, json=body)
                    codes.append(r.status_code)
                    detail = (
                        r.json().get("error", {}).get("code")
                        if r.status_code != 200
                        else (r.json().get("status") if kind == "srs" else "ok")
                    )
                except httpx.HTTPError as exc:
                    codes.append(type(exc).__name__)
                    detail = repr(exc)[:120]
                # poisoned requests retry too: a 429 must not hide whether they are handled
                if codes[-1] != 429 or time.perf_counter() - start > retry_for:
                    break
                await asyncio.sleep(float(r.headers.get("retry-after", "1")))
            records.append(
                {
                    "kind": kind,
                    "poisoned": poisoned,
                    "codes": codes,
                    "detail": detail,
                    "seconds": time.perf_counter() - start,
                    "body": str(body)[:80],
                }
            )

        jobs = []
        for i in range(n - len(POISONED)):
            if i % 2 == 0:
                body = HEALTHY_SRS[(i // 2) % len(HEALTHY_SRS)]
                jobs.append(one("srs", "/v1/srs", body, False))
            else:
                msg = [{"role": "user", "content": f"What is a control chart? ({i})"}]
                chat = {"messages": msg, "max_tokens": 8, "temperature": 0}
                jobs.append(one("chat", "/v1/chat/completions", chat, False))
        for j, (kind, body) in enumerate(POISONED):
            path = "/v1/srs" if kind == "srs" else "/v1/completions"
            jobs.insert(10 + 17 * j, one(kind, path, body, True))
        warm = time.perf_counter()
        await client.post(url + "/v1/srs", json=HEALTHY_SRS[0], timeout=300)
        warm_up_s = time.perf_counter() - warm
        lag_before = lag_buckets((await client.get(url + "/metrics")).text)
        probe = subprocess.Popen(
            [sys.executable, "-c", PROBE, url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        bg = [asyncio.create_task(probe_health()), asyncio.create_task(sample())]
        t0 = time.perf_counter()
        await asyncio.gather(*jobs)
        wall = time.perf_counter() - t0
        stop.set()
        await asyncio.gather(*bg)
        probed, _ = await asyncio.to_thread(probe.communicate, "")
        own_probe = json.loads(probed)
        lag_after = lag_buckets((await client.get(url + "/metrics")).text)
        settled = []  # (seconds after the load, workers, their RSS): the pool shrinking back
        t_end = time.perf_counter()
        while pid is not None and time.perf_counter() - t_end < settle:
            await asyncio.sleep(min(5.0, settle))
            kids, rss = _children(pid), 0
            for c in kids:
                with contextlib.suppress(OSError):
                    rss += _proc_status(c)[1]
            settled.append((round(time.perf_counter() - t_end), len(kids), round(rss / 2**20)))

    def latency(kind: str) -> dict:
        xs = [r["seconds"] for r in records if r["kind"] == kind and not r["poisoned"]
              and r["codes"][-1] == 200]  # fmt: skip
        return {"n_ok": len(xs), "p50_s": pct(xs, 0.5), "p95_s": pct(xs, 0.95)}

    outcomes: dict[str, dict[str, int]] = {}
    for r in records:
        key = f"{r['kind']}{' (poisoned)' if r['poisoned'] else ''}"
        first = str(r["codes"][0])
        final = f"{r['codes'][-1]} {r['detail'] or ''}".strip()
        bucket = outcomes.setdefault(key, {})
        bucket[f"first {first}"] = bucket.get(f"first {first}", 0) + 1
        bucket[f"final {final}"] = bucket.get(f"final {final}", 0) + 1
    return {
        "requests": n,
        "warm_up_s": warm_up_s,
        "wall_s": wall,
        "srs": latency("srs"),
        "chat": latency("chat"),
        "health": health_stats(health),  # probed from the load generator's event loop
        "health_own_process": health_stats(own_probe),
        "server_loop_lag": lag_during(lag_before, lag_after),  # the server's own measure
        "load_1min": {
            "start": loads[0] if loads else None,
            "peak": max(loads, default=None),
            "end": loads[-1] if loads else None,
        },
        "peak_threads": max((s[0] for s in samples), default=None),
        "peak_rss_mb": max((s[1] for s in samples), default=0) / 2**20,
        "peak_children_rss_mb": max((s[2] for s in samples), default=0) / 2**20,
        "peak_children": max((s[3] for s in samples), default=0),
        "end_children_rss_mb": samples[-1][2] / 2**20 if samples else None,
        "after_load": [
            {"s": s, "workers": k, "rss_mb": m} for s, k, m in settled
        ],  # with --settle: the pool's processes and their memory after the load
        "start_threads": samples[0][0] if samples else None,
        "start_rss_mb": samples[0][1] / 2**20 if samples else None,
        "poisoned": [
            {k: r[k] for k in ("body", "codes", "detail", "seconds")}
            for r in records
            if r["poisoned"]
        ],
        "unhealthy": [
            {k: r[k] for k in ("body", "codes", "detail", "seconds")}
            for r in records
            if not r["poisoned"]
            and (r["codes"][-1] != 200 or r["detail"] not in ("ok", "answered"))
        ],
        "outcomes": outcomes,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", type=Path)
    ap.add_argument("--url")
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--retry-for", type=float, default=120.0)
    ap.add_argument(
        "--server-config",
        type=Path,
        help="havoc-serve --config FILE (e.g. configs/server/havoc-serve.yaml or a copy)",
    )
    ap.add_argument(
        "--settle",
        type=float,
        default=0.0,
        help="seconds to keep sampling the workers after the load (to see the pool shrink)",
    )
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "faults.json")
    args = ap.parse_args()
    proc = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            url, pid = args.url, None
        else:
            ckpt = args.checkpoint or tiny_checkpoint(Path(tmp))
            extra = ("--config", str(args.server_config)) if args.server_config else ()
            proc, url = start_server(ckpt, timeout=300, extra=extra)
            pid = proc.pid
        try:
            result = asyncio.run(run(url, pid, args.requests, args.retry_for, args.settle))
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=60)
    result["load_average"] = os.getloadavg()
    result["server_config"] = str(args.server_config) if args.server_config else "defaults"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
