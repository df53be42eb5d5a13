"""The havoc-serve command: option validation, device/dtype resolution, UI discovery, and a real
run on a saved checkpoint (health, the UI at /, graceful shutdown on SIGINT)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
import torch
from havoc_server.cli import build_parser, main
from havoc_server.loading import find_ui, load_served_model, resolve_device, resolve_dtype


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "argv",
    [["--port", "0"], ["--port", "70000"], ["--max-batch", "0"], ["--max-queue", "x"],
     ["--request-timeout", "-1"]],
)  # fmt: skip
def test_bad_options_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 2
    assert argv[0] in capsys.readouterr().err


def test_defaults_bind_loopback():
    args = build_parser().parse_args([])
    assert (args.host, args.port, args.cors_origin) == ("127.0.0.1", 8000, [])


def test_device_and_dtype():
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_dtype("bf16", torch.device("cpu")) == torch.bfloat16
    assert resolve_dtype("auto", torch.device("cpu")) == torch.float32
    with pytest.raises(ValueError, match="--dtype"):
        resolve_dtype("float8", torch.device("cpu"))
    with pytest.raises(ValueError, match="--device"):
        resolve_device("toaster")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="CUDA"):
            resolve_device("cuda")


def test_missing_checkpoint_is_a_clear_error(tmp_path, capsys):
    assert main(["--checkpoint", str(tmp_path / "nope"), "--no-ui"]) == 2
    assert "config.json" in capsys.readouterr().err


def test_find_ui(tmp_path):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("<html>ui</html>")
    assert find_ui(tmp_path) == tmp_path / "dist"
    assert find_ui(tmp_path / "dist") == tmp_path / "dist"
    with pytest.raises(ValueError, match="index.html"):
        find_ui(tmp_path / "empty")


def test_ui_is_never_built_unless_asked(tmp_path, monkeypatch):
    import havoc_server.loading as loading

    project = tmp_path / "frontend"
    project.mkdir()
    (project / "package.json").write_text("{}")
    calls = []
    monkeypatch.setattr(loading.shutil, "which", lambda name: "/usr/bin/npm")

    def fake_run(*args, **kwargs):
        calls.append(args)
        return loading.subprocess.CompletedProcess(args, 1)  # as if npm failed

    monkeypatch.setattr(loading.subprocess, "run", fake_run)
    assert find_ui(project) is None  # a missing build: the API alone, nothing run
    assert calls == []
    find_ui(project, build=True)  # --build-ui runs npm ci and npm run build
    assert [c[0][1:] for c in calls] == [["ci"]]  # stops at the failed step


def test_hardening_options():
    args = build_parser().parse_args([])
    assert (args.build_ui, args.max_choices, args.srs_max_concurrent, args.srs_timeout) == (
        False,
        64,
        4,
        30.0,
    )
    args = build_parser().parse_args(
        ["--build-ui", "--max-choices", "8", "--srs-max-concurrent", "2", "--srs-timeout", "5"]
    )
    assert (args.build_ui, args.max_choices, args.srs_max_concurrent, args.srs_timeout) == (
        True,
        8,
        2,
        5.0,
    )


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory, model, tokenizer):
    path = tmp_path_factory.mktemp("ckpt") / "tiny-ckpt"
    model.save_pretrained(path)
    tokenizer.save_pretrained(path / "tokenizer")
    return path


def test_load_bf16(checkpoint):
    model, tok, model_id = load_served_model(checkpoint, torch.device("cpu"), torch.bfloat16)
    assert next(model.parameters()).dtype == torch.bfloat16 and model_id == "tiny-ckpt"


def test_serve_checkpoint_and_shut_down(checkpoint, tmp_path):
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "index.html").write_text("<html>HAVOC UI</html>")
    port = free_port()
    cmd = [sys.executable, "-m", "havoc_server.cli", "--checkpoint", str(checkpoint), "--port",
           str(port), "--ui-dir", str(ui), "--device", "cpu", "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # a loaded 2-core machine imports torch slowly
        while True:
            try:
                health = httpx.get(url + "/health", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health.json()["model"]["id"] == "tiny-ckpt" and health.json()["ui"] is True
        assert "HAVOC UI" in httpx.get(timeout=60, url=url + "/").text
        r = httpx.post(
            timeout=60, url=url + "/v1/completions", json={"prompt": "Cpk", "max_tokens": 4}
        )
        assert r.status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err


def test_quantize_option_and_in_process_server(checkpoint, tokenizer, serve_app):
    """--quantize int8 end to end: parse, load (quantised on load), serve a completion, /health
    reports it; a bad value exits 2."""
    from havoc_model.quantize import QuantizedLinear
    from havoc_server import ServerConfig, create_app

    assert build_parser().parse_args([]).quantize == "none"
    args = build_parser().parse_args(["--quantize", "int8"])
    assert args.quantize == "int8"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--quantize", "int3"])
    model, tok, model_id = load_served_model(
        checkpoint, torch.device("cpu"), torch.float32, quantize="int8"
    )
    assert model.quantization == "int8"
    assert isinstance(model.layers[0].attention.q_proj, QuantizedLinear)
    app = create_app(model, tok, ServerConfig(model_id=model_id, quantization="int8"))
    with serve_app(app) as url:
        health = httpx.get(url + "/health", timeout=60).json()
        assert health["quantization"] == "int8"
        r = httpx.post(
            url + "/v1/completions",
            json={"prompt": "Cpk", "max_tokens": 6, "temperature": 0},
            timeout=120,
        )
        assert r.status_code == 200, r.text
        assert r.json()["usage"]["completion_tokens"] >= 1


def test_serve_quantised_checkpoint_subprocess(checkpoint, tmp_path):
    """A checkpoint saved quantised is served with --quantize int8 by the real command."""
    from havoc_model import HavocModel

    quantised = tmp_path / "tiny-int8"
    HavocModel.from_pretrained(checkpoint, quantize="int8").save_pretrained(
        quantised, extra_files={"tokenizer": checkpoint / "tokenizer"}
    )
    port = free_port()
    cmd = [sys.executable, "-m", "havoc_server.cli", "--checkpoint", str(quantised), "--port",
           str(port), "--no-ui", "--device", "cpu", "--quantize", "int8",
           "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                health = httpx.get(url + "/health", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health.json()["quantization"] == "int8"
        r = httpx.post(
            timeout=120, url=url + "/v1/completions", json={"prompt": "Cpk", "max_tokens": 4}
        )
        assert r.status_code == 200, r.text
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
