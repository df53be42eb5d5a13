"""uv.lock and the pyproject sources must resolve on any machine: PyPI plus the workspace itself.

A `path = "/opt/wheels/..."` source (or any `file://` URL or absolute path) makes
`uv sync --locked` fail everywhere that file does not exist, so no such entry may reach the lock.
Workspace members appear as relative `editable`/`directory`/`virtual` sources; those are fine as
long as they stay inside the repository.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPI = "https://pypi.org/simple"
LOCAL_KEYS = ("path", "editable", "directory", "virtual")
_ABSOLUTE = re.compile(r"^(/|~|[A-Za-z]:[\\/]|\\\\)")


def _local_path_problem(value: str) -> str | None:
    """Why a local source path is not portable, or None when it is a path inside the repo."""
    if value.startswith("file:"):
        return "a file:// URL"
    if _ABSOLUTE.match(value):
        return "an absolute path"
    parts = PurePosixPath(value.replace("\\", "/")).parts
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return "a path outside the repository"
    return None


def lock_problems(lock: dict) -> list[str]:
    """Every entry of a parsed uv.lock that points outside PyPI and the repository."""
    problems: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{where}.{key}"
                if key in LOCAL_KEYS and isinstance(value, str):
                    why = _local_path_problem(value)
                    if why:
                        problems.append(f"{here} = {value!r} is {why}")
                elif key == "registry" and isinstance(value, str) and value != PYPI:
                    problems.append(f"{here} = {value!r} is not PyPI ({PYPI})")
                elif key == "url" and isinstance(value, str) and value.startswith("file:"):
                    problems.append(f"{here} = {value!r} is a file:// URL")
                else:
                    walk(value, here)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")
        elif isinstance(node, str) and (node.startswith("file:") or _ABSOLUTE.match(node)):
            problems.append(f"{where} = {node!r} is a local absolute path")

    for package in lock.get("package", []):
        walk(package, f"package[{package.get('name', '?')}]")
    for key, value in lock.items():
        if key != "package":
            walk(value, key)
    return problems


def test_committed_lock_is_portable() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    assert lock["package"], "uv.lock lists no packages"
    assert lock_problems(lock) == []


def test_lock_text_has_no_absolute_paths() -> None:
    text = (ROOT / "uv.lock").read_text()
    hits = [line for line in text.splitlines() if re.search(r'"(file:|/[^/]|~/)', line)]
    assert hits == [], "\n".join(hits[:5])


@pytest.mark.parametrize(
    "pyproject",
    [ROOT / "pyproject.toml", *sorted(ROOT.glob("packages/*/pyproject.toml"))]
    + sorted(ROOT.glob("apps/*/pyproject.toml")),
    ids=lambda p: "root" if p.parent == ROOT else str(p.parent.relative_to(ROOT)),
)
def test_uv_sources_stay_in_repository(pyproject: Path) -> None:
    data = tomllib.loads(pyproject.read_text())
    sources = data.get("tool", {}).get("uv", {}).get("sources", {})
    problems = []
    for name, spec in sources.items():
        for entry in spec if isinstance(spec, list) else [spec]:
            for key in ("path", "url"):
                value = entry.get(key)
                if value is None:
                    continue
                where = (pyproject.parent / value).resolve() if key == "path" else None
                if key == "url" and value.startswith("file:"):
                    problems.append(f"{name}: {key} {value!r}")
                elif where is not None and not where.is_relative_to(ROOT):
                    problems.append(f"{name}: path {value!r} is outside the repository")
    assert problems == []
    indexes = data.get("tool", {}).get("uv", {}).get("index", [])
    assert indexes == [], f"{pyproject}: extra indexes make the lock unresolvable here: {indexes}"


# The checker itself, on the entries that broke `uv sync --locked` off this machine.
BAD_LOCK = """
version = 1
[[package]]
name = "torch"
version = "2.13.0+cpu"
source = { path = "/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl" }
[package.metadata]
requires-dist = [{ name = "torch", path = "/opt/wheels/torch.whl" }]

[[package]]
name = "cpuwheel"
version = "1"
source = { registry = "https://download.pytorch.org/whl/cpu" }

[[package]]
name = "sibling"
version = "1"
source = { directory = "../elsewhere" }

[[package]]
name = "remote"
version = "1"
source = { url = "file:///home/me/remote-1.tar.gz" }

[[package]]
name = "havoc-tools"
version = "0.1.0"
source = { editable = "packages/havoc-tools" }

[[package]]
name = "numpy"
version = "2.0"
source = { registry = "https://pypi.org/simple" }
"""


def test_checker_flags_local_and_foreign_sources() -> None:
    problems = lock_problems(tomllib.loads(BAD_LOCK))
    assert len(problems) == 5, problems
    joined = "\n".join(problems)
    assert "package[torch].source.path" in joined and "an absolute path" in joined
    assert "package[torch].metadata.requires-dist[0].path" in joined
    assert "download.pytorch.org" in joined and "not PyPI" in joined
    assert "package[sibling].source.directory" in joined and "outside the repository" in joined
    assert "package[remote].source.url" in joined and "file://" in joined
    assert "havoc-tools" not in joined and "numpy" not in joined
