"""The top-level package: lazy subpackages, no torch, doctest examples hold."""

from __future__ import annotations

import doctest
import subprocess
import sys

import havoc_tools


def test_import_is_light() -> None:
    code = (
        "import sys, havoc_tools; "
        "heavy = [m for m in ('torch', 'scipy', 'statsmodels', 'sympy', 'matplotlib', 'pandas') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_subpackages_resolve() -> None:
    for name in ("stats", "regression", "symbolic", "doe", "spc", "plots", "dsl"):
        assert getattr(havoc_tools, name).__name__ == f"havoc_tools.{name}"


def test_docstring_examples() -> None:
    result = doctest.testmod(havoc_tools)
    assert result.attempted >= 2 and result.failed == 0
