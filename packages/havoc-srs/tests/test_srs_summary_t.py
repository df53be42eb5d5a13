"""t-tests from summary statistics typed into the question: the reader of "n = 12, mean 10.2,
sd 0.3", the plan (havoc-tools' ``tsummary``), the checks that can and cannot be made without the
values, and an audit that recomputes from the formulas and fails on a corrupted result."""

from __future__ import annotations

import copy
import re

import pytest
from havoc_srs import Pipeline
from havoc_srs.argue import argue
from havoc_srs.audit import audit
from havoc_srs.execute import execute_plan
from havoc_srs.phrasing import read_phrasing
from havoc_srs.plan import plan_request
from havoc_srs.reader.summaries import summaries
from scipy import stats


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _read(q):
    return [(s.label, s.n, s.mean, s.sd) for s in summaries(q)]


@pytest.mark.parametrize(
    ("question", "want"),
    [
        (
            "Press 1 gave n=14, mean 3.31 mm, sd 0.08 mm; press 2 gave n=11, mean 3.25 mm, "
            "sd 0.05 mm. Same mean?",
            [("Press 1 gave", 14, 3.31, 0.08), ("press 2 gave", 11, 3.25, 0.05)],
        ),
        (
            "We weighed 40 bags: average 1012 g, standard deviation 9 g. Below the 1015 g label?",
            [("bags", 40, 1012.0, 9.0)],
        ),
        (  # a variance instead of an SD, a standard error of the mean turned into an SD
            "Mould A: variance 0.25, mean 12.1, n 9. Mould B: mean 12.9, SEM 0.2, n 16.",
            [("Mould A", 9, 12.1, 0.5), ("Mould B", 16, 12.9, 0.8)],
        ),
        (  # a decimal comma and German words
            "Mittelwert 7,45 N, Standardabweichung 0,21 N, n = 18",
            [("sample 1", 18, 7.45, 0.21)],
        ),
        (  # one size for both samples
            "Two fixtures, 12 parts each: fixture X mean 50.2 sd 0.6, fixture Y mean 50.9 sd 0.7",
            [("fixture X", 12, 50.2, 0.6), ("fixture Y", 12, 50.9, 0.7)],
        ),
    ],
)
def test_summaries_are_read(question, want):
    got = _read(question)
    assert [(n, m, pytest.approx(s)) for _, n, m, s in got] == [(n, m, s) for _, n, m, s in want]
    if not want[0][0].startswith("sample"):
        assert [g[0].lower() for g in got][0].startswith(want[0][0].split()[0].lower())


@pytest.mark.parametrize(
    "question",
    [
        "What are the mean and standard deviation of these weights? 5.1 5.3 4.9 5.0",
        "Compute the mean and sd of Height",
        "Mean 10.2, sd 0.3 - is that good?",  # no sample size
        "Three lines: A n=5 mean 1 sd 0.1, B n=5 mean 2 sd 0.1, C n=5 mean 3 sd 0.1, D n=5 mean 4 sd 0.2",
    ],
)
def test_no_summaries_where_none_are_complete(question):
    assert summaries(question) == [] or len(summaries(question)) > 2


def test_two_sample_welch_from_summaries_matches_scipy(pipe):
    q = (
        "Supplier K: n = 16, mean 41.8 MPa, s = 2.2 MPa. Supplier L: n = 21, mean 43.4 MPa, "
        "s = 3.1 MPa. Is there a difference in mean strength at the 5% level?"
    )
    r = pipe.run(q)
    a = r.answer
    assert r.status == "answered", a.get("missing")
    assert a["family"] == "hypothesis_test" and a["analysis"] == "ttest_welch"
    ref = stats.ttest_ind_from_stats(41.8, 2.2, 16, 43.4, 3.1, 21, equal_var=False)
    assert a["key_numbers"]["t"] == pytest.approx(ref.statistic, rel=1e-9)
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert "tsummary" in a["dsl"]


def test_one_sample_against_a_stated_value_one_sided(pipe):
    q = "A sample of 20 rods had mean length 99.4 cm with a standard deviation of 1.1 cm. Is the mean below 100 cm?"
    r = pipe.run(q)
    a = r.answer
    assert r.status == "answered", a.get("missing")
    assert a["analysis"] == "ttest_1samp"
    ref = stats.t.cdf((99.4 - 100) / (1.1 / 20**0.5), 19)
    assert a["key_numbers"]["p_value"] == pytest.approx(ref, rel=1e-9)
    assert a["key_numbers"]["alternative"] == "less"


def test_pooled_when_asked(pipe):
    q = "pooled t-test: old n=30 mean 73.2 sd 2.1, new n=30 mean 75.0 sd 2.6 - do they differ?"
    a = pipe.run(q).answer
    assert a["analysis"] == "ttest_pooled"
    ref = stats.ttest_ind_from_stats(73.2, 2.1, 30, 75.0, 2.6, 30, equal_var=True)
    assert a["key_numbers"]["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_capability_from_a_mean_and_sd_is_not_a_t_test(pipe):
    a = pipe.run("n=30, mean 2.6, sd 0.45, spec 2.0 to 3.5: what is the Cpk?").answer
    assert a["family"] != "hypothesis_test"


def _plan(q):
    plan = plan_request("hypothesis_test", q, read_phrasing(q), None)
    assert not plan.missing, plan.missing
    ex = execute_plan(plan)
    assert ex.ok, ex.error
    return plan, ex


def test_checks_say_normality_was_not_checked_and_can_fail_on_size_and_variances():
    plan, ex = _plan(
        "Cell A: n = 8, mean 5.0, sd 0.2; cell B: n = 9, mean 5.4, sd 1.1. Do the means differ?"
    )
    checks = {c["name"]: c for c in argue(plan, ex).checks}
    assert checks["normality of Cell A"]["outcome"] == "not_checked"
    assert checks["sample size"]["outcome"] == "failed"
    assert checks["equal variances"]["outcome"] == "failed"  # F = (0.2/1.1)^2, p < 0.001
    plan, ex = _plan(
        "Cell A: n = 40, mean 5.0, sd 1.0; cell B: n = 45, mean 5.4, sd 1.1. Do the means differ?"
    )
    checks = {c["name"]: c for c in argue(plan, ex).checks}
    assert checks["sample size"]["outcome"] == "passed"
    assert checks["equal variances"]["outcome"] == "passed"


@pytest.mark.parametrize(
    "question",
    [
        "Cell A: n = 8, mean 5.0, sd 0.2; cell B: n = 9, mean 5.4, sd 1.1. Do the means differ?",
        "n = 12, mean 10.2, sd 0.3: is the mean different from 10?",
    ],
)
def test_audit_recomputes_and_catches_a_corrupted_t(question):
    plan, ex = _plan(question)
    good = audit(plan, ex.results)
    assert good.passed and any("typed summaries" in c["check"] for c in good.checks)
    bad = copy.deepcopy(ex.results)
    bad["primary"]["statistic"] *= 1.02
    assert not audit(plan, bad).passed


def test_a_rank_test_or_paired_test_needs_the_values():
    for q in (
        "Mann-Whitney please: A n=10 mean 3 sd 1, B n=10 mean 4 sd 1. Differ?",
        "Paired: before n=10 mean 3 sd 1, after n=10 mean 4 sd 1. Did it change?",
    ):
        plan = plan_request("hypothesis_test", q, read_phrasing(q), None)
        assert plan.missing and re.search(r"values|pairs", plan.missing[0].how)


# ---- capability from a mean and SD -------------------------------------------------------------


def test_capability_from_a_mean_and_sd_by_hand(pipe):
    r = pipe.run(
        "The bore has mean 20.03 mm and standard deviation 0.01 mm over 50 parts; the drawing "
        "says 20.00 +/- 0.05 mm. Cp and Cpk?"
    )
    a = r.answer
    assert r.status == "answered" and a["family"] == "capability", a.get("missing")
    assert "capsummary" in a["dsl"]
    assert a["key_numbers"]["Cp"] == pytest.approx(0.10 / 0.06)
    assert a["key_numbers"]["Cpk"] == pytest.approx(0.02 / 0.03)
    assert a["key_numbers"].get("ppm_observed") is None  # no values, nothing observed


def test_capability_summary_checks_and_audit():
    q = "mean 6.3, sigma 0.2, n = 12, LSL 5, USL 7: process capability?"
    plan = plan_request("capability", q, read_phrasing(q), None)
    assert not plan.missing, plan.missing
    ex = execute_plan(plan)
    checks = {c["name"]: c for c in argue(plan, ex).checks}
    assert checks["normality"]["outcome"] == "not_checked"
    assert checks["process stability"]["outcome"] == "not_checked"
    assert checks["sample size"]["outcome"] == "failed"  # 12 < 30
    assert audit(plan, ex.results).passed
    bad = copy.deepcopy(ex.results)
    bad["primary"]["cpk"] += 0.05
    assert not audit(plan, bad).passed


def test_a_stated_value_equal_to_the_sample_mean_is_still_the_value_tested(pipe):
    a = pipe.run("n = 16, mean 10.0, sd 0.4: is the mean different from 10?").answer
    assert a["status"] == "answered" and a["key_numbers"]["t"] == pytest.approx(0.0, abs=1e-12)
    b = pipe.run("n = 20, mean 95.6 %, sd 1.2 %: is the mean recovery above 95 %?").answer
    assert b["status"] == "answered" and b["key_numbers"]["alternative"] == "greater"
    t = (95.6 - 95) / (1.2 / 20**0.5)
    assert b["key_numbers"]["t"] == pytest.approx(t, rel=1e-9)
