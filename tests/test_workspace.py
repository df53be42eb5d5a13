"""Workspace invariants that uv itself does not check."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = sorted(
    p.parent for p in [*ROOT.glob("packages/*/pyproject.toml"), *ROOT.glob("apps/*/pyproject.toml")]
)

# docs/ARCHITECTURE.md §2: which member may depend on which (the server also needs havoc-train to build its
# embedded default checkpoint on first run; the CLI exposes the commands of the packages it lists).
ALLOWED = {
    "havoc-tools": set(),
    "havoc-tokenizer": set(),
    "havoc-model": set(),
    "havoc-rag": set(),
    "havoc-data": {"havoc-tokenizer"},
    "havoc-train": {"havoc-model", "havoc-data", "havoc-tokenizer"},
    "havoc-srs": {"havoc-tools", "havoc-rag"},
    "havoc-eval": {"havoc-model", "havoc-tokenizer", "havoc-srs", "havoc-tools", "havoc-rag"},
    "havoc-server": {"havoc-model", "havoc-tokenizer", "havoc-srs", "havoc-rag", "havoc-train"},
    "havoc-cli": {
        "havoc-model",
        "havoc-tokenizer",
        "havoc-data",
        "havoc-tools",
        "havoc-rag",
        "havoc-srs",
    },
}


def _project(path: Path) -> dict:
    return tomllib.loads((path / "pyproject.toml").read_text())


VERSIONS = {_project(m)["project"]["name"]: _project(m)["project"]["version"] for m in MEMBERS}


def test_all_ten_members_present() -> None:
    assert set(VERSIONS) == set(ALLOWED)


@pytest.mark.parametrize("member", MEMBERS, ids=lambda p: p.name)
def test_internal_pins_are_exact_and_current(member: Path) -> None:
    data = _project(member)
    name = data["project"]["name"]
    sources = data.get("tool", {}).get("uv", {}).get("sources", {})
    internal = []
    for req in data["project"]["dependencies"]:
        dist = re.split(r"[<>=!~; \[]", req, maxsplit=1)[0]
        if dist not in VERSIONS:
            continue
        internal.append(dist)
        assert req == f"{dist}=={VERSIONS[dist]}", (
            f"{name}: pin {req!r} must be exactly {dist}=={VERSIONS[dist]}"
        )
        assert sources.get(dist) == {"workspace": True}, (
            f"{name}: {dist} must be a workspace source"
        )
    assert set(internal) <= ALLOWED[name], f"{name} depends on {set(internal) - ALLOWED[name]}"


@pytest.mark.parametrize("member", MEMBERS, ids=lambda p: p.name)
def test_member_layout(member: Path) -> None:
    data = _project(member)
    module = data["project"]["name"].replace("-", "_")
    assert (member / "README.md").is_file()
    assert (member / "tests").is_dir()
    assert (member / "src" / module / "py.typed").is_file()
    assert data["build-system"]["build-backend"] == "hatchling.build"


@pytest.mark.parametrize("script", ["havoc", "havoc-train", "havoc-serve", "havoc-eval"])
def test_console_scripts_answer_help(script: str) -> None:
    exe = Path(sys.executable).parent / script
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "usage" in out.stdout.lower()


def test_python_m_havoc_cli_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "havoc_cli", "--help"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
