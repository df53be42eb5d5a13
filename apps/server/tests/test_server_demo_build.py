"""The demo checkpoint built in the background: the server answers /v1/srs at once, reports the
build's progress in /health and /v1/models, refuses chat with a 503 + Retry-After until the
model is swapped in, then serves it. The child process here is a small script that writes the
trainer's ``metrics.jsonl`` lines (the real trainer is havoc-train's concern and tested there)."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from importlib import resources

import httpx
import pytest
from havoc_server import ServerConfig, create_app
from havoc_server.demo_build import DEMO_NOTE, DemoBuild, StepRate, last_step

FAKE_TRAINER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    run, release, code = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    run.mkdir(parents=True, exist_ok=True)
    with open(run / "metrics.jsonl", "a") as f:
        f.write(json.dumps({"step": 0, "unigram_loss": 6.0}) + "\\n")
        for step in (1, 10, 20):
            f.write(json.dumps({"step": step, "loss": 5.0 - step / 10}) + "\\n")
            f.flush()
            time.sleep(0.4)
    while not release.exists():  # the test decides when the build finishes
        time.sleep(0.05)
    print("done" if code == 0 else "out of memory while training", flush=True)
    sys.exit(code)
    """
)


def _build(tmp_path, model, tokenizer, exit_code=0):
    loaded = []

    def load(path):
        loaded.append(path)
        return model, tokenizer

    build = DemoBuild(tmp_path / "cache", load, poll_seconds=0.1, log_seconds=0.5)
    release = tmp_path / "release"
    build.command = [sys.executable, "-c", FAKE_TRAINER, str(build.run_dir), str(release),
                     str(exit_code)]  # fmt: skip
    return build, release, loaded


def _wait(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _health(url):
    return httpx.get(url + "/health", timeout=30).json()


def test_serves_srs_while_building_then_swaps_the_model_in(tmp_path, model, tokenizer, serve_app):
    build, release, loaded = _build(tmp_path, model, tokenizer)
    app = create_app(None, None, ServerConfig(model_id="havoc-demo-tiny", demo=True), build=build)
    with serve_app(app) as url:
        health = _health(url)
        assert health["status"] == "ok" and health["model"]["state"] == "building"
        assert health["model"]["demo"] is True and health["model"]["of"] == 250
        _wait(lambda: (_health(url)["model"]["step"] or 0) >= 20)
        model_status = _health(url)["model"]
        assert model_status["phase"] == "training" and model_status["steps_per_s"] > 0
        assert model_status["eta_s"] is not None and model_status["eta_s"] >= 0

        # chat and completions: 503, OpenAI error object, Retry-After
        for path, body in (
            ("/v1/chat/completions", {"messages": [{"role": "user", "content": "hi"}]}),
            ("/v1/completions", {"prompt": "Cpk", "max_tokens": 2}),
        ):
            r = httpx.post(url + path, json=body, timeout=30)
            assert r.status_code == 503
            assert int(r.headers["retry-after"]) >= 1
            err = r.json()["error"]
            assert err["code"] == "model_not_ready" and err["type"] == "server_error"
            assert "training step 20/250" in err["message"] and "/v1/srs" in err["message"]

        # the model is listed with its state and the demo note
        card = httpx.get(url + "/v1/models", timeout=30).json()["data"][0]
        assert card["id"] == "havoc-demo-tiny" and card["max_model_len"] is None
        assert card["havoc"]["state"] == "building" and card["havoc"]["note"] == DEMO_NOTE

        # the reasoning stack answers without the model (use_model falls back to the rules)
        csv = resources.files("havoc_srs.tasks").joinpath("data/welch0.csv").read_text("utf-8")
        r = httpx.post(
            url + "/v1/srs",
            json={"question": "Is line1 different from line2?", "data_csv": csv},
            timeout=120,
        )
        assert r.status_code == 200 and r.json()["status"] == "answered"

        release.touch()
        _wait(lambda: _health(url)["model"]["state"] == "ready")
        assert loaded == [build.run_dir / "final"]
        health = _health(url)
        assert health["max_model_len"] == model.config.max_seq_len and health["model"]["demo"]
        r = httpx.post(url + "/v1/completions", json={"prompt": "Cpk", "max_tokens": 2}, timeout=60)
        assert r.status_code == 200 and r.json()["model"] == "havoc-demo-tiny"
        card = httpx.get(url + "/v1/models/havoc-demo-tiny", timeout=30).json()
        assert card["havoc"]["state"] == "ready" and card["max_model_len"] > 0


def test_a_failed_build_is_reported_and_the_srs_keeps_answering(
    tmp_path, model, tokenizer, serve_app
):
    build, release, _ = _build(tmp_path, model, tokenizer, exit_code=3)
    release.touch()
    app = create_app(None, None, ServerConfig(model_id="havoc-demo-tiny", demo=True), build=build)
    with serve_app(app) as url:
        _wait(lambda: _health(url)["model"]["state"] == "failed")
        status = _health(url)["model"]
        assert "exited with code 3" in status["message"]
        assert "out of memory while training" in status["message"]  # the log's last lines
        r = httpx.post(url + "/v1/completions", json={"prompt": "Cpk"}, timeout=30)
        assert r.status_code == 503 and r.json()["error"]["code"] == "model_unavailable"
        r = httpx.post(url + "/v1/srs", json={"question": "What is Cpk?"}, timeout=120)
        assert r.status_code == 200


def test_stop_ends_the_child(tmp_path, model, tokenizer):
    build, _, _ = _build(tmp_path, model, tokenizer)
    build.start(lambda m, t: None)
    _wait(lambda: build.status()["step"] is not None)
    build.stop(timeout=10)
    assert build._proc.poll() is not None
    assert build.status()["state"] == "building"  # not failed: a stop is not an error


def test_the_child_waits_for_the_warm_up(tmp_path, model, tokenizer):
    import threading

    build, _, _ = _build(tmp_path, model, tokenizer)
    warm = threading.Event()
    build.start(lambda m, t: None, after=warm, wait_at_most=600)
    time.sleep(0.5)
    assert build._proc is None and build.status()["phase"] == "starting"
    warm.set()
    _wait(lambda: build.status()["step"] is not None)
    build.stop(timeout=10)
    assert build._proc.poll() is not None


def test_last_step_and_rate(tmp_path):
    path = tmp_path / "metrics.jsonl"
    assert last_step(path) is None
    lines = [{"step": 0, "unigram_loss": 6}, {"step": 10, "loss": 4}, {"step": 50, "val_loss": 3}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines) + '{"step": 6', "utf-8")
    assert last_step(path) == 50  # a torn last line is skipped
    rate = StepRate()
    rate.observe(100.0, 40)
    assert rate.per_second is None and rate.eta(40, 250, 100.0) is None
    rate.observe(110.0, 60)
    assert rate.per_second == pytest.approx(2.0)
    assert rate.eta(60, 250, 110.0) == pytest.approx(95.0)
    assert rate.eta(60, 250, 115.0) == pytest.approx(90.0)
    assert rate.eta(60, 250, 300.0) == 0.0


def test_create_app_needs_a_model_or_a_build():
    with pytest.raises(ValueError, match="DemoBuild"):
        create_app(None, None, ServerConfig())


def test_the_ui_is_served_once_its_background_build_has_written_it(tmp_path, make_server):
    dist = tmp_path / "dist"  # npm run build has not written it yet
    with make_server(ui_dir=dist) as (url, _):
        page = httpx.get(url + "/", timeout=30)
        assert page.status_code == 200 and "being built" in page.text
        assert httpx.get(url + "/health", timeout=30).json()["ui"] is False
        dist.mkdir()
        (dist / "index.html").write_text("<html>HAVOC UI</html>")
        assert "HAVOC UI" in httpx.get(url + "/", timeout=30).text
        assert httpx.get(url + "/health", timeout=30).json()["ui"] is True


def test_find_ui_builds_in_the_background(tmp_path, monkeypatch):
    import havoc_server.loading as loading

    (tmp_path / "package.json").write_text("{}")
    built = []

    def fake_build(npm, root):  # the real one runs npm ci && npm run build
        built.append(root)
        (root / "dist").mkdir()
        (root / "dist" / "index.html").write_text("ui")
        return True

    monkeypatch.setattr(loading, "_build_ui", fake_build)
    monkeypatch.setattr(loading.shutil, "which", lambda name: "/usr/bin/npm")
    # never built by default (the source tree is not written to without --build-ui)
    assert loading.find_ui(tmp_path, background=True) is None and built == []
    assert loading.find_ui(tmp_path, build=True, background=True) == tmp_path / "dist"
    _wait(lambda: (tmp_path / "dist" / "index.html").is_file())
    assert built == [tmp_path]
