"""The orchestrator: trace schema (apps/server/API.md), streaming, generator protocol, synth."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from havoc_srs import STAGES, FunctionGenerator, Generator, Pipeline, SRSError
from havoc_srs.synth import write_dialogues
from havoc_tools.dsl import parse

STAGE_KEYS = {
    "type", "id", "index", "stage", "status", "decided_by", "duration_ms", "summary", "inputs",
    "outputs", "tool_calls", "citations", "tables", "plots",
}  # fmt: skip
WIDE = "line1,line2\n10.1,10.9\n9.8,11.2\n10.3,11.0\n10.0,11.4\n9.9,\n"
SPC = pd.DataFrame({"weight": np.random.default_rng(2).normal(500, 1, 30)})


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def _validate_stage(ev, i):
    assert set(ev) == STAGE_KEYS
    assert ev["type"] == "stage" and ev["index"] == i and ev["stage"] == STAGES[i]
    assert ev["status"] in ("ok", "skipped", "failed")
    assert ev["decided_by"] in ("rules", "grammar", "reader", "model", "tools")
    assert isinstance(ev["duration_ms"], float) and ev["duration_ms"] >= 0
    assert isinstance(ev["summary"], str) and ev["summary"]
    assert isinstance(ev["inputs"], dict) and isinstance(ev["outputs"], dict)
    for call in ev["tool_calls"]:
        assert set(call) >= {"tool", "dsl", "result"}
    for c in ev["citations"]:
        assert set(c) >= {"n", "source", "heading", "text"}
    for t in ev["tables"]:
        assert set(t) == {"title", "columns", "rows"}
        assert all(len(r) == len(t["columns"]) for r in t["rows"])
    for p in ev["plots"]:
        assert set(p) == {"title", "data_uri"}


def test_stream_matches_api_shape(pipe):
    events = list(pipe.stream("Is the process in control?", data=SPC))
    assert len(events) == 9
    ids = {e["id"] for e in events}
    assert len(ids) == 1 and next(iter(ids)).startswith("srs-")
    for i, ev in enumerate(events[:8]):
        _validate_stage(ev, i)
    final = events[-1]
    assert set(final) == {"type", "id", "status", "markdown", "answer"}
    assert final["type"] == "answer" and final["status"] == "answered"
    execute = events[3]
    assert execute["plots"] and execute["plots"][0]["data_uri"].startswith("data:image/png;base64,")
    assert execute["tables"][0]["title"] == "Control limits"
    json.dumps(events, allow_nan=False)  # the server sends these as JSON


def test_run_result_and_answer_form(pipe):
    res = pipe.run("Is line1 different from line2?", data=WIDE)
    d = res.to_dict()
    assert d["object"] == "srs.result" and d["status"] == "answered"
    assert set(d["trace"]) == {"stages", "total_ms"} and len(d["trace"]["stages"]) == 8
    ans = res.answer
    for key in ("conclusion", "key_numbers", "assumptions", "caveats", "citations", "next_step"):
        assert key in ans
    assert {"t", "p_value", "df", "n"} <= set(ans["key_numbers"])
    assert ans["citations"] and "### Key numbers" in res.markdown and "### Sources" in res.markdown
    audit = next(s for s in res.trace["stages"] if s["stage"] == "AUDIT")
    assert audit["status"] == "ok" and audit["outputs"]["passed"]


def test_needs_input_has_no_results(pipe):
    res = pipe.run("What is the Cpk of this process?", data=SPC)
    assert res.status == "needs_input"
    assert res.answer["key_numbers"] == {} and res.answer["missing"]
    assert "specification limits" in res.markdown and "No test was run" in res.markdown
    statuses = {s["stage"]: s["status"] for s in res.trace["stages"]}
    assert statuses["EXECUTE"] == statuses["AUDIT"] == "skipped"


def test_bad_input_raises_before_streaming(pipe):
    with pytest.raises(SRSError):
        pipe.run("")
    with pytest.raises(SRSError):
        pipe.run("Is a different from b?", data="")
    with pytest.raises(SRSError):
        pipe.run("Is a different from b?", data=12)


def test_model_proposals_accepted_only_when_they_check():
    calls = []

    def good(prompt, max_tokens, stop):
        calls.append(prompt)
        if prompt.startswith("Classify"):
            return "hypothesis_test"
        return "let primary = ttest line1 vs line2 alternative=two-sided alpha=0.05\n"

    gen = FunctionGenerator(good)
    assert isinstance(gen, Generator)
    res = Pipeline(index=False, generator=gen).run("line1 line2?", data=WIDE)
    plan = res.trace["stages"][2]
    assert plan["decided_by"] == "model" and "accepted" in plan["outputs"]["model"]
    assert res.trace["stages"][0]["decided_by"] == "model"

    bad = FunctionGenerator(
        lambda p, m, s: "ttest nonsense vs ??? " if not p.startswith("Classify") else "banana"
    )
    res = Pipeline(index=False, generator=bad).run("Is line1 different from line2?", data=WIDE)
    plan = res.trace["stages"][2]
    assert plan["decided_by"] == "rules" and "rejected" in plan["outputs"]["model"]
    assert res.status == "answered"


def test_synthetic_dialogues_are_chat_jsonl(tmp_path):
    path = tmp_path / "d.jsonl"
    assert write_dialogues(path, n=6, seed=3, pipeline=Pipeline(index=False)) == 6
    for line in path.read_text().splitlines():
        rec = json.loads(line)
        roles = [m["role"] for m in rec["messages"]]
        assert roles == ["system", "user", "assistant", "tool", "assistant"]
        plan = rec["messages"][2]["content"]
        dsl = plan.split("<DSL_BEGIN>")[1].split("<DSL_END>")[0]
        assert parse(dsl).code  # the plan is valid DSL
        assert json.loads(rec["messages"][3]["content"])
    with pytest.raises(SRSError):
        write_dialogues(path, n=0)
