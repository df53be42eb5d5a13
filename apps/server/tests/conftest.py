"""Fixtures for the havoc-server tests: a tiny tokenizer trained here on text written here, a tiny
randomly initialised model (no training), and the app running under uvicorn on a free
loopback port."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import torch

CORPUS = """\
A control chart plots a process statistic over time with a centre line and control limits.
The upper control limit is the mean plus three standard deviations of the statistic.
Process capability Cpk compares the distance from the mean to the nearest specification limit
with three standard deviations. A Cpk of 1.33 or more is usually called capable.
A two-sample t-test compares two means; Welch's version does not assume equal variances.
The p-value is the probability of a result at least as extreme as the one observed when the
null hypothesis is true. A full factorial design runs every combination of factor levels.
Fractional factorial designs trade resolution for fewer runs; aliasing confounds effects.
Regression fits a line y = b0 + b1 x by least squares; residuals should look like noise.
Temperature 20 °C, pressure 101.3 kPa, tolerance ± 0.05 mm, σ = 0.012, μ = 4.97.
Analysis of variance splits the total sum of squares into between and within groups.
Response surface designs fit quadratic models around an optimum: central composite, Box-Behnken.
"""

MODEL_ID = "havoc-test"
MAX_SEQ_LEN = 256


def tiny_model(vocab_size: int, max_seq_len: int = MAX_SEQ_LEN, seed: int = 0):
    """A 2-layer random model with an untied, scaled-up output head: a fresh tied model only
    repeats its input token, and nearly flat logits would make greedy ties fragile."""
    from havoc_model import HavocModel, ModelConfig

    cfg = ModelConfig.from_dict(
        {
            **ModelConfig.from_preset("tiny").to_dict(),
            "vocab_size": vocab_size,
            "d_model": 64,
            "n_layers": 2,
            "n_heads": 4,
            "n_kv_heads": 2,
            "head_dim": 16,
            "ffn_hidden": 128,
            "max_seq_len": max_seq_len,
            "tie_embeddings": False,
        }
    )
    torch.manual_seed(seed)
    model = HavocModel(cfg).eval()
    with torch.no_grad():
        model.lm_head.weight.mul_(20.0)
    return model


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(app):
    """Run ``app`` under uvicorn in a thread on 127.0.0.1; yield its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory):
    from havoc_tokenizer import train_tokenizer

    root = tmp_path_factory.mktemp("server-tok")
    src = root / "corpus"
    src.mkdir()
    lines = [
        f"{line} Run {i}, batch {i * 7 % 13}." for i in range(40) for line in CORPUS.splitlines()
    ]
    (src / "corpus.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return train_tokenizer([src], 600, root / "tok", show_progress=False)


@pytest.fixture(scope="session")
def model(tokenizer):
    return tiny_model(tokenizer.vocab_size)


class SlowModel(torch.nn.Module):
    """The test model with a pause in every forward call, so a request of a few hundred tokens
    lasts long enough to be observed queued, timed out or abandoned mid-stream."""

    def __init__(self, inner, seconds: float = 0.01) -> None:
        super().__init__()
        self.inner = inner
        self.config = inner.config
        self.seconds = seconds

    def hidden_states(self, *args, **kwargs):
        time.sleep(self.seconds)
        return self.inner.hidden_states(*args, **kwargs)

    def logits(self, hidden):
        return self.inner.logits(hidden)

    def forward(self, *args, **kwargs):
        return self.logits(self.hidden_states(*args, **kwargs))


@pytest.fixture(scope="session")
def make_server(model, tokenizer):
    """``with make_server(**config) as (url, app): ...`` for a server with its own settings;
    ``slow=True`` serves `SlowModel`."""
    from havoc_server import ServerConfig, create_app

    @contextmanager
    def make(slow: bool = False, **overrides):
        settings = {
            "model_id": MODEL_ID,
            "max_batch": 16,
            "max_queue": 64,
            "srs_prestart": False,  # one SRS worker per test server is enough
            # the tests share a busy machine and time nothing: their workers need not yield
            # (niced workers start slowly when other processes keep the cores busy)
            "srs_worker_nice": 0,
            **overrides,
        }
        served = SlowModel(model) if slow else model
        app = create_app(served, tokenizer, ServerConfig(**settings))
        with running_server(app) as url:
            yield url, app

    return make


@pytest.fixture(scope="session")
def server(make_server):
    """The default server (16 slots), shared by the tests that do not need special settings."""
    with make_server() as (url, app):
        yield url, app


@pytest.fixture(scope="session")
def serve_app():
    """``with serve_app(app) as url: ...``: any app under uvicorn on a free loopback port."""
    return running_server


SCRIPTED_SRS = str(Path(__file__).with_name("srs_scripted.py"))


@pytest.fixture(scope="session")
def install_srs():
    """``install_srs(app, "Scripted")``: serve /v1/srs of ``app`` with a scripted pipeline class
    of tests/srs_scripted.py in the worker processes; returns the new service."""

    def install(app, factory: str = "Scripted"):
        from havoc_server.srs_api import _SERVICE_LOCK, SrsService

        state = app.state.havoc
        service = SrsService(state, factory=f"{SCRIPTED_SRS}:{factory}")
        # under the lock the server's warm-up thread creates its own service with: swapping
        # without it let a slow warm-up overwrite this one with a real worker pool (a CI flake)
        with _SERVICE_LOCK:
            old, state.srs = getattr(state, "srs", None), service
        if old is not None:
            old.shutdown()  # the one the server started with (a real worker) is not used
        return service

    return install
