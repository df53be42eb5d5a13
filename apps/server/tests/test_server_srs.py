"""/v1/srs per apps/server/API.md, checked against scipy's Welch t-test."""

from __future__ import annotations

import json

import httpx
import pytest
from scipy import stats

LINE1 = [10.1, 9.8, 10.3, 10.0, 9.9, 10.2]
LINE2 = [10.9, 11.2, 11.0, 10.7, 11.3, 10.8]
CSV = "line1,line2\n" + "\n".join(f"{a},{b}" for a, b in zip(LINE1, LINE2, strict=True)) + "\n"
QUESTION = "Is line1 different from line2?"
STAGES = ["MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT", "ANSWER"]


def test_srs_json_answer_matches_scipy(server):
    url, _ = server
    r = httpx.post(
        url + "/v1/srs",
        json={"question": QUESTION, "data_csv": CSV, "data_name": "lines.csv", "use_model": True},
        timeout=120,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "srs.result" and body["id"].startswith("srs-")
    assert body["status"] == "answered"
    assert [s["stage"] for s in body["trace"]["stages"]] == STAGES
    assert all(s["status"] in ("ok", "skipped", "failed") for s in body["trace"]["stages"])
    ref = stats.ttest_ind(LINE1, LINE2, equal_var=False)
    assert body["answer"]["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-6)
    assert isinstance(body["markdown"], str) and body["markdown"]


def test_srs_stream_events(server):
    url, _ = server
    with httpx.stream(
        "POST",
        url + "/v1/srs",
        json={"question": QUESTION, "data_csv": CSV, "stream": True, "use_model": False},
        timeout=120,
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    events = [json.loads(line[len("data: ") :]) for line in lines[:-1]]
    stages = [e for e in events if e["type"] == "stage"]
    assert [e["stage"] for e in stages] == STAGES
    assert [e["index"] for e in stages] == list(range(8))
    assert len({e["id"] for e in events}) == 1
    for e in stages:
        for key in ("status", "decided_by", "duration_ms", "summary", "inputs", "outputs",
                    "tool_calls", "citations", "tables", "plots"):  # fmt: skip
            assert key in e
    assert events[-1]["type"] == "answer" and events[-1]["status"] == "answered"


@pytest.mark.parametrize(
    "body, param",
    [
        ({"question": "   "}, "question"),
        ({}, "question"),
        ({"question": "mean?", "data_csv": "\n\n"}, "data_csv"),
        ({"question": "x", "stream": "maybe"}, "stream"),
    ],
)
def test_srs_bad_input(server, body, param):
    url, _ = server
    r = httpx.post(url + "/v1/srs", json=body, timeout=60)
    assert r.status_code in (400, 422), r.text
    assert r.json()["error"]["param"] == param
