"""Classes of phrasing for the five data-description families: functions of statistics
software (R, SciPy/pandas, Excel, Stata), statistics asked in plain words ("typical", "how much
it varies", "not the average"), grouping columns described by their values ("per country"),
coded levels as subsets ("second-class"), columns described by the kind of their values (a
duration, money, a yes/no), activities and the people who do them, typos in plurals. Numbers
are checked against SciPy and pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import Dataset
from havoc_srs.reader.calls import call_methods, call_statistics, call_target
from havoc_srs.reader.columns import ground_columns
from havoc_srs.reader.statistic import asked_statistics, named_methods
from scipy import stats

RNG = np.random.default_rng(11)


def _run(question: str, frame: pd.DataFrame | None):
    return Pipeline(index=False).run(question, data=frame)


def _mentions(question: str, frame: pd.DataFrame) -> list[tuple[str, str, object]]:
    return [
        (m.column, m.kind, m.value) for m in ground_columns(question, Dataset.from_frame(frame))
    ]


def _method(r) -> str | None:
    return (r.answer.get("rests_on") or {}).get("method") or r.answer.get("method")


# --- software calls --------------------------------------------------------------------------

CARS = pd.DataFrame({"speed": RNG.normal(60, 10, 40).round(0)})
CARS["braking"] = (CARS["speed"] * 0.7 + RNG.normal(0, 6, 40)).round(0)


@pytest.mark.parametrize(
    "q", ["cor.test(speed, braking)", "=CORREL(speed, braking)", "pearsonr(df.speed, df.braking)"]
)
def test_correlation_functions_default_to_pearson(q):
    r = _run(q, CARS)
    assert r.status == "answered" and _method(r) == "pearson"
    want = stats.pearsonr(CARS["speed"], CARS["braking"]).statistic
    assert r.answer["key_numbers"]["r"] == pytest.approx(want, rel=1e-9)


def test_method_argument_of_a_call_wins():
    assert call_methods("cor.test(speed, braking, method = 'kendall')") == ["kendall"]
    assert named_methods('cor(x, y, method="spearman")') == ["spearman"]
    assert call_methods("spearmanr(a, b)") == ["spearman"]


def test_r_variance_test_is_the_f_test_even_with_a_formula():
    frame = pd.DataFrame({"wait": np.r_[RNG.normal(10, 1, 25), RNG.normal(10, 3, 25)],
                          "desk": ["north"] * 25 + ["south"] * 25})  # fmt: skip
    for q in ("var.test(wait ~ desk)", "run var.test on wait for north vs south"):
        r = _run(q, frame)
        assert r.status == "answered" and r.answer["family"] == "variance"
        assert _method(r) == "f_test_variance"
        assert sorted(r.answer["columns"]) == ["desk", "wait"]
    a, b = frame.wait[:25], frame.wait[25:]
    f = a.var(ddof=1) / b.var(ddof=1)
    p = 2 * min(stats.f.cdf(f, 24, 24), stats.f.sf(f, 24, 24))
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(f, rel=1e-9)
    assert r.answer["key_numbers"]["p_value"] == pytest.approx(p, rel=1e-6)


def test_ks_call_against_a_named_distribution():
    assert call_target('ks.test(gaps, "pexp")') == "exponential"
    assert call_target("kstest(gaps, 'uniform')") == "uniform"
    assert call_methods("ks_2samp(a, b)") == ["ks_two_sample"]
    # counts with zeros are inside the exponential's support (x >= 0)
    frame = pd.DataFrame({"gaps": np.r_[0, 0, RNG.exponential(4, 58).round(1)]})
    r = _run('ks.test(gaps, "pexp")', frame)
    assert r.status == "answered" and _method(r) == "ks_exponential"
    x = frame.gaps.to_numpy(float)
    want = stats.kstest(x, "expon", args=stats.expon.fit(x)).statistic
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(want, rel=1e-6)


def test_pandas_describe_per_group():
    frame = pd.DataFrame({"shop": ["A", "B", "C"] * 10, "basket": RNG.gamma(3, 10, 30).round(2)})
    q = "df.groupby('shop').basket.describe()"
    assert call_statistics(q) == ["count", "mean", "std", "min", "quartiles", "max"]
    r = _run(q, frame)
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["basket", "shop"]
    means = r.answer["key_numbers"]["mean"]
    want = frame.groupby("shop").basket.mean()
    for g in "ABC":
        assert means[f"basket [{g}]"] == pytest.approx(want[g], rel=1e-9)


def test_excel_and_r_summaries():
    assert asked_statistics('=AVERAGEIF(B:B, "x") and also the count') == ["mean", "count"]
    assert asked_statistics("summary(heights)") == ["min", "quartiles", "median", "mean", "max"]
    assert asked_statistics("=STDEV.S(C2:C40)") == ["std"]
    assert asked_statistics("what is the mean (SD) of the weights?") == ["mean", "std"]


# --- statistics in plain words ---------------------------------------------------------------


@pytest.mark.parametrize(
    "q, want",
    [
        ("What does a typical commute look like here?", ["median"]),
        ("how heavy are the parcels usually, and how much do they vary?", ["mean", "std"]),
        ("the middle value of the rents, not the mean, and how much they swing", ["median", "iqr"]),
        ("Give me the median rather than the average fare.", ["median"]),
        ("Is the typical rent higher in Leeds than in York?", []),
    ],
)
def test_statistics_asked_in_plain_words(q, want):
    assert asked_statistics(q) == want


def test_typical_value_of_a_duration_is_its_median():
    frame = pd.DataFrame({"repair_hours": RNG.gamma(2, 3, 50).round(1),
                          "crew_size": RNG.integers(2, 6, 50),
                          "parts_cost": RNG.gamma(4, 50, 50).round(2)})  # fmt: skip
    r = _run("How long does a repair typically take?", frame)
    assert r.status == "answered" and r.answer["columns"] == ["repair_hours"]
    assert r.answer["key_numbers"]["median"] == pytest.approx(frame.repair_hours.median())


# --- columns described by meaning ------------------------------------------------------------


def test_money_and_yes_no_described_by_their_values():
    frame = pd.DataFrame({"amount_eur": RNG.gamma(3, 20, 60).round(2),
                          "visits": RNG.integers(1, 9, 60),
                          "plan": ["basic", "plus", "pro"] * 20,
                          "renewed": ["Y", "N", "Y", "Y", "N", "N"] * 10})  # fmt: skip
    r = _run("What do members usually pay?", frame)
    assert r.status == "answered" and r.answer["columns"] == ["amount_eur"]
    assert r.answer["key_numbers"]["mean"] == pytest.approx(frame.amount_eur.mean())
    r = _run("Is whether someone signs up again related to which plan they are on?", frame)
    assert r.status == "answered" and r.answer["family"] == "contingency"
    assert sorted(r.answer["columns"]) == ["plan", "renewed"]
    chi2 = stats.chi2_contingency(pd.crosstab(frame.plan, frame.renewed))[0]
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(chi2)


@pytest.mark.parametrize(
    "q, frame, want",
    [
        ("mean delay per country", pd.DataFrame({"origin": ["France", "Germany", "Spain"] * 8,
                                                 "delay": RNG.normal(5, 1, 24)}), "origin"),
        ("Is the spread of prices the same across the three fuel kinds?",
         pd.DataFrame({"engine": ["Diesel", "Petrol", "Electric"] * 8,
                       "price": RNG.normal(20, 3, 24)}), "engine"),
        ("median rent in each part of the city", pd.DataFrame(
            {"borough": ["Hackney", "Camden", "Lambeth", "Brent"] * 6,
             "rent": RNG.normal(1500, 200, 24)}), "borough"),
    ],
)  # fmt: skip
def test_grouping_column_described_by_its_values(q, frame, want):
    assert (want, "column", None) in _mentions(q, frame)


def test_row_noun_after_across_is_not_a_group():
    frame = pd.DataFrame({"track_genre": ["pop", "rock"] * 10, "tempo": RNG.normal(120, 9, 20)})
    ds = Dataset.from_frame(frame)
    got = ground_columns("Is the tempo roughly bell-shaped across the tracks?", ds)
    assert not any(m.how.startswith("group described") for m in got)


def test_coded_level_restricts_the_rows():
    frame = pd.DataFrame({"grade": [1, 2, 3] * 30, "hours": RNG.normal(6, 2, 90),
                          "score": RNG.normal(70, 10, 90)})  # fmt: skip
    frame["score"] += frame["hours"] * 2
    for q, level in (("Kendall tau of hours and score among second-grade pupils only", 2),
                     ("correlate hours with score for grade 3 only, Kendall please", 3)):  # fmt: skip
        r = _run(q, frame)
        assert r.status == "answered" and _method(r) == "kendall"
        assert sorted(r.answer["columns"]) == ["grade", "hours", "score"]
        sub = frame[frame.grade == level]
        want = stats.kendalltau(sub.hours, sub.score).statistic
        assert r.answer["key_numbers"]["kendall"] == pytest.approx(want, rel=1e-9)


def test_people_named_for_an_activity_value():
    frame = pd.DataFrame({"discipline": ["Cycling", "Rowing", "Gymnastics"] * 10,
                          "weight": RNG.normal(70, 8, 30)})  # fmt: skip
    got = {v for c, k, v in _mentions("weights of rowers and gymnasts", frame) if k == "value"}
    assert got == {"Rowing", "Gymnastics"}


def test_typo_in_a_plural_names_the_header():
    frame = pd.DataFrame({"region": ["N", "S"] * 10, "sales": RNG.normal(9, 2, 20)})
    assert ("region", "column", None) in _mentions("do the diffrent regoins vary in sales", frame)


def test_count_column_named_as_a_number_of():
    frame = pd.DataFrame({"new_tests": RNG.integers(100, 900, 30),
                          "share_positive": RNG.uniform(0, 0.2, 30)})  # fmt: skip
    got = [
        c for c, _, _ in _mentions("Pearson between the number of tests and share positive", frame)
    ]
    assert "new_tests" in got


def test_misspelled_cue_words_still_name_the_family():
    from havoc_srs.reader import cue_scores
    from havoc_srs.reader.spelling import spelled

    assert spelled("is the varience equal, are they independant, same distrbution") == (
        "is the variance equal, are they independent, same distribution"
    )
    assert spelled("formally a variable") == "formally a variable"
    scores, _ = cue_scores("does the dispersion of rents varry? check the varience by borough")
    assert scores["variance"] >= 3.5


def test_pollutant_written_out_is_a_subset_of_a_long_table():
    frame = pd.DataFrame({"site": np.repeat(["Dock", "Mill", "Park"], 40),
                          "pollutant": np.tile(["NO2", "O3"], 60),
                          "value": RNG.gamma(4, 5, 120).round(1)})  # fmt: skip
    r = _run("Levene test: is the nitrogen dioxide spread the same at every site?", frame)
    assert r.status == "answered" and _method(r) == "levene"
    assert sorted(r.answer["columns"]) == ["pollutant", "site", "value"]
    sub = frame[frame.pollutant == "NO2"]
    want = stats.levene(*[g.value for _, g in sub.groupby("site")], center="median").statistic
    assert r.answer["key_numbers"]["statistic"] == pytest.approx(want, rel=1e-9)


def test_labels_of_typed_numbers_hide_no_statistic():
    r = _run("median and IQR of: 4, 9, 2, 7, 5, 11, 6", None)
    assert r.status == "answered"
    assert r.answer["key_numbers"]["statistics"] == ["median", "iqr"]
    assert r.answer["key_numbers"]["median"] == pytest.approx(6.0)


def test_self_correction_drops_the_columns_named_before_it():
    frame = pd.DataFrame({"rent": RNG.normal(900, 90, 30), "floor_area": RNG.normal(60, 9, 30),
                          "distance_km": RNG.normal(5, 2, 30)})  # fmt: skip
    r = _run("is the rent related to the floor area, no wait I meant the distance_km and rent",
             frame)  # fmt: skip
    assert r.status == "answered" and sorted(r.answer["columns"]) == ["distance_km", "rent"]


def test_wider_range_between_groups_is_a_spread_comparison():
    frame = pd.DataFrame({"channel": ["web", "shop"] * 20,
                          "basket_value": np.r_[RNG.normal(50, 5, 20), RNG.normal(50, 15, 20)]})  # fmt: skip
    r = _run("Do web orders come with a much wider range of basket values than shop orders?", frame)
    assert r.answer["family"] == "variance"
    assert asked_statistics("a wider range of prices in some shops") == []


def test_adjective_and_noun_of_a_header_and_units_for_quantity():
    frame = pd.DataFrame({"reliability": RNG.uniform(0.8, 1, 20), "qty": RNG.integers(1, 9, 20),
                          "unit_cost": RNG.normal(4, 1, 20)})  # fmt: skip
    got = [c for c, _, _ in _mentions("are the more reliable suppliers selling more units?", frame)]
    assert "reliability" in got and "qty" in got


def test_numbers_after_the_question_mark_and_lists_with_a_unit():
    from havoc_srs.reader.numbers import inline_table

    t = inline_table("Is this uniform? 0.12, 0.55, 0.91, 0.33, 0.70, 0.05, 0.48")
    assert t is not None and len(t) == 7
    t = inline_table("Spearman: rainfall (mm) 12, 30, 7, 22, 15; umbrellas sold 40, 95, 20, 70, 52")
    assert t is not None and list(t.columns) == ["rainfall", "umbrellas sold"]
    r = _run("Spearman: rainfall (mm) 12, 30, 7, 22, 15; umbrellas sold 40, 95, 20, 70, 52", None)
    assert r.status == "answered" and _method(r) == "spearman"
    want = stats.spearmanr([12, 30, 7, 22, 15], [40, 95, 20, 70, 52]).statistic
    assert r.answer["key_numbers"]["spearman"] == pytest.approx(want)


def test_month_range_on_a_wide_table():
    months = ["January", "February", "March", "April", "May", "June"]
    frame = pd.DataFrame({"branch": [f"B{i}" for i in range(12)],
                          **{m: RNG.normal(100, 10, 12) for m in months}})  # fmt: skip
    got = {c for c, _, _ in _mentions("average takings for each month from February to May", frame)}
    assert got == {"February", "March", "April", "May"}
    r = _run("standard deviation for every month from Jan to Jun", frame)
    assert r.status == "answered" and sorted(r.answer["columns"]) == sorted(months)
    assert r.answer["key_numbers"]["std"]["March"] == pytest.approx(frame["March"].std())


def test_yes_or_no_as_the_answer_wanted_is_no_cell_value():
    from havoc_srs.reader import read

    frame = pd.DataFrame({"age": RNG.integers(20, 70, 30), "spend": RNG.normal(50, 9, 30),
                          "member": ["Yes", "No", "No"] * 10})  # fmt: skip
    ds = Dataset.from_frame(frame)
    got = read("Do older shoppers spend more? Yes or no, and how strongly.", ds).mentions
    assert not any(m.kind == "value" for m in got)
    got = read("Is the share of Yes or No members different for older shoppers?", ds).mentions
    assert any(m.kind == "value" for m in got)
