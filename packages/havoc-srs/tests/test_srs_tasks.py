"""The task set: size, coverage, and end-to-end accuracy on a stratified sample (threshold)."""

from __future__ import annotations

import pytest
from havoc_srs import FAMILIES, Pipeline
from havoc_srs.tasks import evaluate, load_tasks

PER_FAMILY = 4  # the full set runs in bench/srs/bench_srs.py (see README for the figure)


def test_task_set_covers_every_family_with_several_phrasings():
    tasks = load_tasks()
    assert len(tasks) >= 100
    fams = {t["family"] for t in tasks}
    assert fams == set(FAMILIES)
    for f in FAMILIES:
        qs = {t["question"] for t in tasks if t["family"] == f}
        assert len(qs) >= 5, f


def test_task_accuracy_threshold_on_a_stratified_sample():
    tasks = load_tasks()
    sample = []
    for f in FAMILIES:
        sample += [t for t in tasks if t["family"] == f][:PER_FAMILY]
    report = evaluate(Pipeline(), sample)
    assert report["accuracy"] >= 0.95, report["failures"]


def test_scorer_can_fail():
    from havoc_srs.tasks import score_task

    task = load_tasks()[0]
    res = Pipeline(index=False).run(task["question"], data=None)
    assert not score_task(task, res).passed
    pytest.importorskip("scipy")
