"""Synthetic tool-use dialogues (question → DSL → computed answer) as chat JSONL for havoc-data.

Each record is ``{"messages": [...], "source": "havoc-srs-synth", "family": ...}`` with roles
system / user / assistant / tool in havoc_tokenizer's chat template: the assistant writes the
plan as ``<SRS_PLAN><TOOL_CALL><DSL_BEGIN>…<DSL_END><TOOL_CALL_END>``, the tool turn carries the
executed result, and the final assistant turn is the pipeline's audited answer. Every number in
a dialogue was computed by havoc-tools on the dialogue's own data.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "d.jsonl")
>>> write_dialogues(path, n=2, seed=0)
2
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from havoc_srs.errors import SRSError

SYSTEM = (
    "You are HAVOC, an engineering statistics assistant. Plan with the HAVOC DSL, run it, check "
    "the assumptions and answer with the computed numbers."
)
MAX_DIALOGUES = 100_000


def _two_sample(rng: np.random.Generator) -> tuple[str, pd.DataFrame]:
    a, b = (
        rng.choice(["line1", "supplierA", "old", "before_fix"]),
        rng.choice(["line2", "supplierB", "new", "after_fix"]),
    )
    df = pd.DataFrame(
        {
            a: np.round(rng.normal(10, 1, 10), 3),
            b: np.round(rng.normal(10 + rng.uniform(0, 1.5), 1, 10), 3),
        }
    )
    q = rng.choice(
        [
            f"Is {a} different from {b}?",
            f"Compare the means of {a} and {b}.",
            f"Do {a} and {b} differ?",
        ]
    )
    return str(q), df


def _one_sample(rng: np.random.Generator) -> tuple[str, pd.DataFrame]:
    mu = float(np.round(rng.uniform(5, 500), 1))
    df = pd.DataFrame({"weight": np.round(rng.normal(mu + rng.uniform(-1, 1), 1, 15), 3)})
    return f"Is the mean weight different from {mu:g}?", df


def _regression(rng: np.random.Generator) -> tuple[str, pd.DataFrame]:
    x = np.round(np.sort(rng.uniform(0, 100, 12)), 1)
    y = np.round(rng.uniform(1, 5) + rng.uniform(-1, 1) * x + rng.normal(0, 5, 12), 2)
    q = rng.choice(["Regress strength on temperature.", "Predict strength from temperature."])
    return str(q), pd.DataFrame({"temperature": x, "strength": y})


def _chart(rng: np.random.Generator) -> tuple[str, pd.DataFrame]:
    df = pd.DataFrame({"thickness": np.round(rng.normal(2.5, 0.05, 25), 4)})
    return str(
        rng.choice(["Is the process in control?", "Make an individuals chart of thickness."])
    ), df


def _capability(rng: np.random.Generator) -> tuple[str, pd.DataFrame]:
    c = float(np.round(rng.uniform(5, 50), 1))
    df = pd.DataFrame({"width": np.round(rng.normal(c, 0.1, 30), 4)})
    return f"What is the Cpk? Spec is {c:g} +/- 0.5.", df


def _power(rng: np.random.Generator) -> tuple[str, None]:
    d = float(rng.choice([0.3, 0.4, 0.5, 0.6, 0.8]))
    p = int(rng.choice([80, 90]))
    return f"How many samples per group to detect an effect size of {d:g} with {p}% power?", None


def _symbolic(rng: np.random.Generator) -> tuple[str, None]:
    a, b = int(rng.integers(2, 6)), int(rng.integers(1, 9))
    return str(rng.choice([f"Derivative of x^{a}*sin({b}*x)", f"Integrate x^{a} from 0 to {b}",
                           f"Solve x^2 - {a + b}*x + {a * b} = 0"])), None  # fmt: skip


def _design(rng: np.random.Generator) -> tuple[str, None]:
    k = int(rng.integers(2, 5))
    return f"Design a full factorial experiment for {k} factors.", None


MAKERS: list[Callable[[np.random.Generator], tuple[str, Any]]] = [
    _two_sample, _one_sample, _regression, _chart, _capability, _power, _symbolic, _design,
]  # fmt: skip


def dialogue(question: str, data: pd.DataFrame | None, pipeline: Any) -> dict[str, Any] | None:
    """One chat record from a real pipeline run (None when the pipeline asks for input)."""
    res = pipeline.run(question, data=data)
    if res.status != "answered":
        return None
    ans = res.answer
    user = question if data is None else f"{question}\n\ndata.csv:\n{data.to_csv(index=False)}"
    execute = next(s for s in res.trace["stages"] if s["stage"] == "EXECUTE")
    result = execute["outputs"]["results"].get("primary", {})
    brief = {k: v for k, v in result.items() if not isinstance(v, list) or len(v) <= 12}
    mode = next(s for s in res.trace["stages"] if s["stage"] == "MODE")
    plan_text = (
        f"<SRS_MODE>{ans['family']}\n<SRS_PLAN><TOOL_CALL><DSL_BEGIN>\n{ans['dsl'].strip()}\n"
        "<DSL_END><TOOL_CALL_END>"
    )
    return {
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": user},
            {"role": "assistant", "content": plan_text},
            {"role": "tool", "content": json.dumps(brief, default=float, allow_nan=False)},
            {"role": "assistant", "content": "<SRS_ANSWER>" + res.markdown.strip()},
        ],
        "source": "havoc-srs-synth",
        "family": ans["family"],
        "mode_confidence": mode["outputs"]["confidence"],
    }


def write_dialogues(path: str | Path, n: int, seed: int = 0, pipeline: Any = None) -> int:
    """Write ``n`` dialogues to ``path`` (JSONL); returns how many were written."""
    if not isinstance(n, int) or n < 1 or n > MAX_DIALOGUES:
        raise SRSError(f"n must be an integer in 1..{MAX_DIALOGUES}, got {n!r}")
    if pipeline is None:
        from havoc_srs.pipeline import Pipeline

        pipeline = Pipeline(index=False)
    rng = np.random.default_rng(seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    tries = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < n and tries < 3 * n:
            tries += 1
            maker = MAKERS[int(rng.integers(len(MAKERS)))]
            q, df = maker(rng)
            rec = dialogue(q, df, pipeline)
            if rec is None:
                continue
            fh.write(json.dumps(rec, default=float, allow_nan=False) + "\n")
            written += 1
    return written
