"""Concurrency sweep against havoc-serve on loopback: TTFT p50/p99, inter-token latency and
aggregate tokens/s for 1, 2, 4, 8, 16 concurrent streams with fixed prompt and output lengths.

    # start havoc-serve on a checkpoint (a subprocess on a free port) and sweep it
    uv run python bench/server/bench_serve.py --checkpoint ~/.cache/havoc/demo-*/final
    # or a random model of the demo's architecture (`tiny` preset) with a tokenizer folder
    uv run python bench/server/bench_serve.py --random-tiny ~/.cache/havoc/tokenizer-4096-*
    # the same with the `base` architecture (random weights, the tokenizer's vocabulary)
    uv run python bench/server/bench_serve.py --random-tiny ~/.cache/havoc/tokenizer-4096-* \
        --preset base --quantize int8
    # or an already running server
    uv run python bench/server/bench_serve.py --url http://127.0.0.1:8000
    # the same checkpoint served with int8 weights (havoc-serve --quantize int8): sweep-int8.*
    uv run python bench/server/bench_serve.py --checkpoint ~/.cache/havoc/demo-*/final \
        --quantize int8

Requests are streamed /v1/completions with token-id prompts, greedy, ``ignore_eos`` so every
request produces exactly ``--output-len`` tokens. Writes a JSON result and a PNG chart.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_tiny_checkpoint(tokenizer_dir: Path, out: Path, preset: str = "tiny") -> Path:
    import torch
    from havoc_model import HavocModel, ModelConfig
    from havoc_tokenizer import HavocTokenizer

    tok = HavocTokenizer.from_pretrained(tokenizer_dir)
    cfg = ModelConfig.from_dict(
        {**ModelConfig.from_preset(preset).to_dict(), "vocab_size": tok.vocab_size}
    )
    torch.manual_seed(0)
    model = HavocModel(cfg)
    model.save_pretrained(out)
    tok.save_pretrained(out / "tokenizer")
    return out


def start_server(
    checkpoint: Path,
    max_batch: int | None = None,
    timeout: float = 120.0,
    quantize: str | None = None,
    extra: tuple[str, ...] = (),
) -> tuple[subprocess.Popen, str]:
    """Start havoc-serve on a free loopback port and wait until /health answers."""
    port = free_port()
    cmd = [sys.executable, "-m", "havoc_server.cli", "--checkpoint", str(checkpoint), "--port",
           str(port), "--no-ui", "--log-level", "warning", "--device", "cpu",
           "--dtype", "float32"]  # fmt: skip
    if max_batch is not None:
        cmd += ["--max-batch", str(max_batch)]
    if quantize is not None:
        cmd += ["--quantize", quantize]
    cmd += list(extra)
    proc = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"havoc-serve exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"havoc-serve did not become healthy in {timeout:.0f} s")


def warm_srs(url: str, timeout: float = 600.0) -> float:
    """Ask /v1/srs one short question and wait for the answer, so the reasoning worker has
    finished loading before the sweep starts (its start-up would otherwise share the CPU with the
    decode being measured). Returns the seconds it took."""
    start = time.perf_counter()
    body = {"question": "What does a p chart plot?", "use_model": False}
    while True:  # 503/429 while the worker starts: wait as the server asks
        r = httpx.post(url + "/v1/srs", json=body, timeout=timeout)
        if r.status_code not in (429, 503) or time.perf_counter() - start > timeout:
            r.raise_for_status()
            return time.perf_counter() - start
        time.sleep(min(5.0, float(r.headers.get("retry-after", 1))))


async def one_request(client: httpx.AsyncClient, url: str, prompt: list[int], out_len: int) -> dict:
    body = {"prompt": prompt, "max_tokens": out_len, "temperature": 0, "stream": True,
            "ignore_eos": True, "stream_options": {"include_usage": True}}  # fmt: skip
    start = time.perf_counter()
    times: list[float] = []
    tokens = 0
    async with client.stream("POST", url + "/v1/completions", json=body) as r:
        r.raise_for_status()
        async for line in r.aiter_lines():
            if not line.startswith("data: {"):
                continue
            obj = json.loads(line[6:])
            if obj["choices"] and obj["choices"][0]["text"]:
                times.append(time.perf_counter())
            if obj.get("usage"):
                tokens = obj["usage"]["completion_tokens"]
    return {
        "ttft": times[0] - start,
        "itl": [b - a for a, b in zip(times, times[1:], strict=False)],
        "tokens": tokens,
        "end": time.perf_counter(),
        "start": start,
    }


async def sweep_level(url: str, concurrency: int, n_requests: int, prompts, out_len: int) -> dict:
    queue: asyncio.Queue[list[int]] = asyncio.Queue()
    for i in range(n_requests):
        queue.put_nowait(prompts[i % len(prompts)])
    results: list[dict] = []
    async with httpx.AsyncClient(timeout=300, limits=httpx.Limits(max_connections=64)) as client:

        async def worker() -> None:
            while not queue.empty():
                prompt = queue.get_nowait()
                results.append(await one_request(client, url, prompt, out_len))

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    ttft = sorted(r["ttft"] for r in results)
    itl = sorted(x for r in results for x in r["itl"])
    total = sum(r["tokens"] for r in results)

    def pct(xs, q):
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]

    return {
        "concurrency": concurrency,
        "requests": n_requests,
        "ttft_p50_ms": 1000 * pct(ttft, 0.5),
        "ttft_p99_ms": 1000 * pct(ttft, 0.99),
        "itl_mean_ms": 1000 * statistics.fmean(itl),
        "itl_p50_ms": 1000 * pct(itl, 0.5),
        "itl_p99_ms": 1000 * pct(itl, 0.99),
        "tokens": total,
        "wall_s": wall,
        "aggregate_tok_s": total / wall,
    }


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    c = [r["concurrency"] for r in rows]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot(c, [r["aggregate_tok_s"] for r in rows], "o-")
    a.set(
        xscale="log", xlabel="concurrent streams", ylabel="aggregate tokens/s", title="Throughput"
    )
    a.set_xticks(c, [str(x) for x in c])
    b.plot(c, [r["ttft_p50_ms"] for r in rows], "o-", label="TTFT p50")
    b.plot(c, [r["ttft_p99_ms"] for r in rows], "o--", label="TTFT p99")
    b.plot(c, [r["itl_mean_ms"] for r in rows], "s-", label="inter-token mean")
    b.set(xscale="log", xlabel="concurrent streams", ylabel="ms", title="Latency")
    b.set_xticks(c, [str(x) for x in c])
    b.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url")
    src.add_argument("--checkpoint", type=Path)
    src.add_argument("--random-tiny", type=Path, metavar="TOKENIZER_DIR")
    p.add_argument(
        "--preset",
        default="tiny",
        help="architecture of the --random-tiny model (e.g. base: memory-bound decode), with the "
        "tokenizer's vocabulary",
    )
    p.add_argument("--levels", default="1,2,4,8,16")
    p.add_argument("--prompt-len", type=int, default=64)
    p.add_argument("--output-len", type=int, default=64)
    p.add_argument("--requests-per-stream", type=int, default=2, help="requests = max(4, k * c)")
    p.add_argument("--out", type=Path, default=Path("bench/server/results"))
    p.add_argument(
        "--quantize", choices=["int8"], help="serve with havoc-serve --quantize (not with --url)"
    )
    args = p.parse_args()
    if args.quantize and args.url:
        p.error("--quantize starts its own server; it cannot apply to --url")
    stem = f"sweep-{args.quantize}" if args.quantize else "sweep"
    if args.random_tiny and args.preset != "tiny":
        stem += f"-{args.preset}"

    proc = None
    url = args.url
    tmp = tempfile.TemporaryDirectory()
    try:
        if url is None:
            ckpt = args.checkpoint or random_tiny_checkpoint(
                args.random_tiny, Path(tmp.name) / "ckpt", args.preset
            )
            # one reasoning worker, started and warmed before the sweep (see warm_srs)
            srs_cfg = Path(tmp.name) / "srs.yaml"
            srs_cfg.write_text("srs:\n  prestart: false\n  max_concurrent: 1\n")
            proc, url = start_server(
                ckpt, max_batch=16, quantize=args.quantize, extra=("--config", str(srs_cfg))
            )
            print(f"/v1/srs warm-up answered in {warm_srs(url):.1f} s; sweeping")
        vocab = httpx.get(url + "/health").json()
        print(
            f"server {url}: model {vocab['model']}, {vocab['max_batch']} slots, {os.cpu_count()} CPUs"
        )
        import random

        rng = random.Random(0)
        prompts = [[rng.randrange(320, 4000) for _ in range(args.prompt_len)] for _ in range(16)]
        asyncio.run(sweep_level(url, 2, 2, prompts, 8))  # warm-up
        rows = []
        for c in (int(x) for x in args.levels.split(",")):
            n = max(4, args.requests_per_stream * c)
            row = asyncio.run(sweep_level(url, c, n, prompts, args.output_len))
            rows.append(row)
            print(
                f"c={c:>2} req={n:>2}  TTFT p50 {row['ttft_p50_ms']:7.1f} ms  p99 "
                f"{row['ttft_p99_ms']:7.1f} ms  ITL mean {row['itl_mean_ms']:6.1f} ms  "
                f"p99 {row['itl_p99_ms']:6.1f} ms  aggregate {row['aggregate_tok_s']:7.1f} tok/s"
            )
        base = rows[0]["aggregate_tok_s"]
        for r in rows:
            r["speedup_vs_1"] = r["aggregate_tok_s"] / base
        eight = next((r for r in rows if r["concurrency"] == 8), None)
        if eight:
            print(
                f"aggregate at 8 streams = {eight['speedup_vs_1']:.2f}x single stream (target >= 3x)"
            )
        args.out.mkdir(parents=True, exist_ok=True)
        meta = {"prompt_len": args.prompt_len, "output_len": args.output_len}
        meta["quantize"] = args.quantize
        meta["loadavg"] = os.getloadavg()
        (args.out / f"{stem}.json").write_text(json.dumps({**meta, "rows": rows}, indent=2))
        plot(rows, args.out / f"{stem}.png")
        print(f"wrote {args.out / f'{stem}.json'} and {args.out / f'{stem}.png'}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
