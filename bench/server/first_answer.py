"""Time to the first useful answer of a fresh `havoc-serve`: from launch on an EMPTY cache to the
first successful `/v1/srs` answer (and, with --until-ready, to the demo model being swapped in).

    uv run python bench/server/first_answer.py                 # --no-ui, a new empty cache
    uv run python bench/server/first_answer.py --until-ready   # also wait for the demo model

The server is started exactly as the README's quick start does (`havoc-serve`, no
--checkpoint), with HAVOC_CACHE_DIR pointing at a new temporary folder, so nothing is cached.
The question is a newcomer's first: "Is line1 different from line2?" with havoc-srs's example
data. Prints one JSON object (seconds, the machine's load average from /proc/loadavg).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from importlib import resources

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    try:
        with open("/proc/loadavg") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "unknown"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--until-ready", action="store_true", help="also wait for the demo model")
    p.add_argument("--with-ui", action="store_true", help="serve the UI (may build it with npm)")
    p.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    args = p.parse_args()
    csv = resources.files("havoc_srs.tasks").joinpath("data/welch0.csv").read_text("utf-8")
    body = {"question": "Is line1 different from line2?", "data_csv": csv}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cache = tempfile.mkdtemp(prefix="havoc-first-answer-")
    cmd = ["havoc-serve", "--port", str(port), "--log-level", "info"]
    if not args.with_ui:
        cmd.append("--no-ui")
    env = {**os.environ, "HAVOC_CACHE_DIR": cache}
    result: dict[str, object] = {"command": " ".join(cmd), "cache": cache, "load_before": ""}
    result["load_before"] = load_average()
    t0 = time.monotonic()
    log = open(os.path.join(cache, "serve.log"), "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        answered = None
        while time.monotonic() - t0 < args.timeout:
            if proc.poll() is not None:
                raise SystemExit(f"havoc-serve exited with {proc.returncode}; see {log.name}")
            try:
                r = httpx.post(url + "/v1/srs", json=body, timeout=120)
                if r.status_code == 200 and r.json()["status"] == "answered":
                    answered = time.monotonic() - t0
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        result["first_srs_answer_s"] = None if answered is None else round(answered, 1)
        result["load_at_answer"] = load_average()
        health = httpx.get(url + "/health", timeout=30).json()
        result["model_at_answer"] = health["model"]
        if args.until_ready:
            while time.monotonic() - t0 < args.timeout:
                state = httpx.get(url + "/health", timeout=30).json()["model"]["state"]
                if state in ("ready", "failed"):
                    result["model_state"] = state
                    result["model_ready_s"] = round(time.monotonic() - t0, 1)
                    break
                time.sleep(2)
            result["load_at_ready"] = load_average()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
