"""eng10: classes of phrasing for the engineering families, each with phrasings written for
these tests (none copied from the corpus) and a near miss the rule must not fire on."""

from __future__ import annotations

import math

import pytest
from havoc_srs import Pipeline
from havoc_srs.families._quadrature import tanh_sinh


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _sym(pipe, q: str) -> tuple[str, str | None, str | None]:
    r = pipe.run(q)
    kn = r.answer.get("key_numbers") or {}
    return r.status, r.answer.get("analysis"), kn.get("result")


def _audit_checks(res) -> list[dict]:
    for st in res.trace["stages"]:
        if st["stage"] == "AUDIT":
            return st["outputs"].get("checks", [])
    return []


# -- the definite-integral audit: an independent quadrature that copes with an end singularity


@pytest.mark.parametrize(
    ("f", "a", "b", "want"),
    [
        (lambda x: x**0.5, 0.0, 4.0, 16 / 3),
        (lambda x: x**-0.5, 0.0, 9.0, 6.0),
        (lambda x: math.log(x), 0.0, 1.0, -1.0),
        (lambda x: math.exp(-x), 0.0, math.inf, 1.0),
        (lambda x: 1 / (1 + x * x), -math.inf, math.inf, math.pi),
        (lambda x: (1 - x * x) ** 0.5, -1.0, 1.0, math.pi / 2),
    ],
)
def test_tanh_sinh_handles_end_singularities(f, a, b, want):
    got, err = tanh_sinh(f, a, b)
    assert got is not None and math.isclose(got, want, rel_tol=1e-10, abs_tol=1e-12)
    assert err < 1e-8


def test_tanh_sinh_reports_no_value_for_a_divergent_integral():
    got, err = tanh_sinh(lambda x: 1 / x, 1.0, math.inf)
    assert got is None or err > 1e-6


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("integrate sqrt(x) from 0 to 4", "16/3"),
        ("what is the integral of x^(1/2) between 0 and 9", "18"),
        ("integrate 1/sqrt(t) dt from 0 to 4", "4"),
        ("integrate ln(x) from 0 to 1", "-1"),
        ("integrate sqrt(1 - x^2) from -1 to 1", "pi/2"),
    ],
)
def test_integral_with_a_root_at_an_end_passes_its_audit(pipe, q, result):
    res = pipe.run(q)
    assert res.status == "answered", res.answer.get("conclusion")
    assert str(res.answer["key_numbers"]["result"]).replace(" ", "") == result
    names = [c["check"] for c in _audit_checks(res)]
    assert any("tanh-sinh" in n for n in names), names


def test_a_corrupted_definite_integral_still_fails_the_audit():
    from havoc_srs.audit import Audit
    from havoc_srs.families import symbolic
    from havoc_srs.phrasing import Phrasing

    plan = symbolic.plan("integrate sqrt(x) from 0 to 4", Phrasing(), None)
    au = Audit()
    symbolic.audit(au, plan, {"numeric": 5.3334, "result": "5.3334"})
    assert not au.passed
    au = Audit()
    symbolic.audit(au, plan, {"numeric": 16 / 3, "result": "16/3"})
    assert au.passed


# -- a bound written as a capital letter is its own symbol ("from 0 to T" with t inside)


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("integrate k*exp(-k*t) from 0 to T", "1 - exp(-T*k)"),
        ("work out the integral of 3*t^2 dt from 0 to T", "T**3"),
        ("integrate 2*x between 0 and X", "X**2"),
    ],
)
def test_capital_bound_is_not_the_variable(pipe, q, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis) == ("answered", "integrate")
    assert str(got).replace(" ", "") == result.replace(" ", "")


def test_capital_bound_near_miss(pipe):
    # no lower-case twin in the integrand: T is simply the bound
    status, _, got = _sym(pipe, "integrate 3*x^2 from 0 to T")
    assert status == "answered" and str(got) in ("T**3", "t**3")


# -- a definite integral that converges (or has one form) only for positive parameters


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("integrate exp(-x/b) from 0 to oo", "b"),
        ("integrate exp(-k*t) dt from 0 to T", "1/k-exp(-T*k)/k"),
        ("integrate x*exp(-a*x) from 0 to infinity", "a**(-2)"),
    ],
)
def test_parameters_taken_positive(pipe, q, result):
    res = pipe.run(q)
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered", res.answer.get("conclusion")
    assert str(kn["result"]).replace(" ", "") == result
    assert "assuming" in kn["operation"] and "> 0" in kn["operation"]


def test_parameters_positive_near_miss(pipe):
    # a plain number integral needs no assumption
    res = pipe.run("integrate exp(-2*x) from 0 to oo")
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered" and "assuming" not in kn["operation"]


# -- t is the variable when there is no x (time), other letters its constants


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("derivative of A*exp(-k*t)", "-a*k*exp(-k*t)"),
        ("differentiate v0*t - g*t^2/2", "-g*t+v0"),
        ("integrate c*t from 0 to 2", "2*c"),
    ],
)
def test_t_is_the_variable_without_x(pipe, q, result):
    status, _, got = _sym(pipe, q)
    assert status == "answered"
    assert str(got).replace(" ", "") == result


def test_t_variable_near_miss(pipe):
    # x present: x stays the variable
    status, _, got = _sym(pipe, "derivative of t*x^2")
    assert status == "answered" and str(got).replace(" ", "") == "2*t*x"


# -- capability: two-sided limits far from the column the words point at belong to the one
#    column whose values lie between them


def _oven_table():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "Batch": range(1, 41),
            "Oven temp (°C)": np.round(rng.normal(182, 1.5, 40), 1),
            "Moisture %": np.round(rng.normal(12.1, 0.25, 40), 2),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Capability of the oven batches against a spec of 11 to 13?",
        "How capable is the oven line, limits 11.0 and 13.0? Cpk please",
        "oven output: Cp and Cpk with LSL 11 and USL 13",
    ],
)
def test_limits_pick_the_column_on_their_scale(pipe, q):
    res = pipe.run(q, data=_oven_table())
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["columns"] == ["Moisture %"]


def test_limits_on_the_named_columns_scale_keep_it(pipe):
    # near miss: the limits fit the oven temperature the words name
    res = pipe.run("Capability of the oven temperature, spec 178 to 186?", data=_oven_table())
    assert res.status == "answered" and res.answer["columns"] == ["Oven temp (°C)"]


# -- capability of a process given by its summary (n, mean, s) and limits: the summary's
#    numbers are no two-value sample


@pytest.mark.parametrize(
    ("q", "cpk"),
    [
        ("shafts: n = 80, average 25.003, stdev 0.004; tolerance 25.000 +/- 0.015. Cpk?", 1.0),
        ("n=40 pins, mean 6.010 mm, s = 0.005 mm, spec 6.00 ± 0.03. What is Cpk?", 4 / 3),
        ("Our bore: mean 20.02, sd 0.01 (n = 60). Limits 19.97 to 20.05 - Cpk?", 1.0),
    ],
)
def test_summary_capability(pipe, q, cpk):
    res = pipe.run(q)
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered", res.answer.get("conclusion")
    assert math.isclose(kn["Cpk"], cpk, rel_tol=1e-6)


def test_summary_capability_near_miss(pipe):
    # values typed out are a sample, not a summary
    res = pipe.run("Cpk for 12.1 12.3 12.0 12.2 12.4 12.1 with spec 11 to 13")
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered" and kn["n"] == 6


# -- attribute charts: the sample-size column by what its header says without a bracketed
#    unit, a header naming the sample drawn, sizes said to vary, a constant size column read


def _attr_table():
    import pandas as pd

    return pd.DataFrame(
        {
            "Lot": [f"L{i}" for i in range(20)],
            "Checked (cans)": [480 + (i * 37) % 90 for i in range(20)],
            "Dent rejects": [6, 9, 4, 8, 7, 5, 10, 6, 3, 8, 7, 9, 5, 6, 12, 7, 4, 6, 8, 5],
            "QA sample": [150] * 20,
            "QA fails": [2, 4, 1, 3, 2, 5, 3, 2, 1, 4, 3, 2, 6, 2, 3, 1, 2, 4, 3, 2],
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "p chart of the dent rejects, sample size varies by lot",
        "Dent rejects per lot on a p chart - the lot sizes are not constant",
        "Proportion chart for dent rejects please (variable n)",
    ],
)
def test_p_chart_size_column_with_a_bracketed_unit(pipe, q):
    res = pipe.run(q, data=_attr_table())
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["analysis"] == "chart_p"
    assert sorted(res.answer["columns"]) == ["Checked (cans)", "Dent rejects"]


@pytest.mark.parametrize(
    "q",
    [
        "np chart of the QA failures; QA always takes 150 cans",
        "Make an np chart for the QA fails",
        "np-chart of QA fails per lot, QA pulls 150 cans every lot",
    ],
)
def test_np_chart_reads_its_constant_size_column(pipe, q):
    res = pipe.run(q, data=_attr_table())
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["analysis"] == "chart_np"
    assert sorted(res.answer["columns"]) == ["QA fails", "QA sample"]


@pytest.mark.parametrize(
    "q", ["np chart of the QA fails, n = 160", "np chart of the QA fails with n = 150"]
)
def test_np_chart_size_stated_as_a_parameter_near_miss(pipe, q):
    # the user's own "n = ...": the number given is what was used, not the column
    res = pipe.run(q, data=_attr_table())
    assert res.answer["columns"] == ["QA fails"]


def test_size_header_helpers():
    from havoc_srs.families.spc_chart import _SAMPLE_HEADER, _VARYING_N

    assert _SAMPLE_HEADER.search("audit sample") and _SAMPLE_HEADER.search("qc sample")
    assert not _SAMPLE_HEADER.search("sample")  # a bare "Sample" numbers the samples
    assert _VARYING_N.search("the sample size changes in each batch")
    assert _VARYING_N.search("p chart, variable n")
    assert not _VARYING_N.search("the sample size is 200 every time")


# -- samples typed as "Name: numbers" lines under a title line of as many words are samples,
#    not a pasted table whose header is the title


@pytest.mark.parametrize(
    "q",
    [
        "Tensile strength (MPa) from three mills\nMill X: 410 415 408 412\n"
        "Mill Y: 421 425 419 423\nMill Z: 409 411 414 410\nANOVA please",
        "Cycle time for two fixtures now\nJig 1: 31.2 30.8 31.9 31.1 30.6\n"
        "Jig 2: 29.9 30.1 29.4 30.3 29.8\nis there a difference?",
        "Drop height results in cm here\nRig A: 55 57 54 58 56\nRig B: 61 60 63 59 62\n"
        "Rig C: 55 54 56 57 55\nDo the rigs differ?",
    ],
)
def test_labelled_rows_under_a_title_are_samples(q):
    from havoc_srs.reader.numbers import inline_table

    t = inline_table(q)
    assert t is not None
    assert all(":" not in str(c) for c in t.columns)
    assert all(t[c].dtype.kind == "f" for c in t.columns)
    assert len(t.columns) in (2, 3)


def test_pasted_table_with_a_header_still_reads():
    from havoc_srs.reader.pasted import pasted_table

    # near miss: a real header over rows of values (no "name:" labels)
    t = pasted_table("Data:\nmill strength\nX 410\nX 415\nY 421\nY 425\n\nANOVA?")
    assert t is not None and list(t.columns) == ["mill", "strength"]


# -- two typed proportions described as the earlier and the later, the change asked one way


@pytest.mark.parametrize(
    ("q", "alt", "first_rate"),
    [
        ("Old press: 14 cracked out of 300. New press: 5 cracked out of 310. "
         "Has the crack rate fallen?", "less", 5 / 310),
        ("Before the fix 22 of 500 boards failed; after the fix 9 of 480. "
         "Did the failure rate go down?", "less", 9 / 480),
        ("Previous batch: 12 out of 250 off-spec, current batch: 20 out of 260. "
         "Is the off-spec share up?", "greater", 20 / 260),
    ],
)  # fmt: skip
def test_change_between_earlier_and_later_counts(pipe, q, alt, first_rate):
    res = pipe.run(q)
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered" and res.answer["analysis"] == "proportion_2"
    assert kn["alternative"] == alt


@pytest.mark.parametrize(
    "q",
    [
        "Old line: 14 of 300 bad, new line 5 of 310 bad. Is there a difference in the rate?",
        "Line A: 14 of 300 bad. Line B: 5 of 310 bad. Has the rate dropped?",
    ],
)
def test_change_direction_near_miss(pipe, q):
    # no one-way change asked, or no earlier/later description: two-sided
    res = pipe.run(q)
    assert (res.answer.get("key_numbers") or {}).get("alternative") == "two-sided"


# -- "sample" inside a test's name ("one-sample t-test", "2-sample", "independent samples")
#    names no column; a one-sample test's stage word ("treated", "filtered") against a column
#    of the other stage ("Raw ...")


def _water_table():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    return pd.DataFrame(
        {
            "Day": range(1, 31),
            "Raw water COD mg/L": np.round(rng.normal(220, 30, 30), 1),
            "COD (mg/L)": np.round(rng.normal(41, 3, 30), 2),
            "Failed samples": rng.integers(0, 3, 30),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "Using a one-sample t-test at 5%, is the mean treated-water COD above 40 mg/L?",
        "One sample t test: does the COD of the treated water average more than 40?",
        "1-sample t on COD after treatment vs 40 mg/L, is it higher?",
    ],
)
def test_method_sample_word_and_stage(pipe, q):
    res = pipe.run(q, data=_water_table())
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["analysis"] == "ttest_1samp"
    assert res.answer["columns"] == ["COD (mg/L)"]


def test_method_sample_word_near_miss():
    from havoc_srs.reader.columns import match_headers

    cols = ["Failed samples", "COD (mg/L)"]
    # "samples" used as a noun of the data still names the column
    assert any(
        m.column == "Failed samples"
        for m in match_headers("how many failed samples per day on average?", cols)
    )
    assert not any(
        m.column == "Failed samples"
        for m in match_headers("a one-sample t-test of the COD against 40", cols)
    )


# -- a property named by its everyday noun, the column by its unit: size/dimension -> a
#    length unit, acidity -> pH, weight/mass -> a mass unit (only when one column fits)


def test_property_noun_names_the_column_by_its_unit():
    from havoc_srs.families._sqc import described

    cols = ["Dia. (mm)", "Moisture %", "Temp (°C)"]
    assert described("cusum of the bushing size please", cols) == ["Dia. (mm)"]
    assert described("xbar-r of the washer dimension", cols) == ["Dia. (mm)"]
    assert described("I-MR chart of the bath acidity", ["Temp (°C)", "pH"]) == ["pH"]
    assert described("chart the fill weight", ["Net [g]", "Head space (mm)"]) == ["Net [g]"]


def test_property_noun_near_miss():
    from havoc_srs.families._sqc import described

    # two length columns: "size" picks neither; a noun with no unit kind picks nothing
    assert described("chart of the part size", ["Length (mm)", "Width (mm)"]) == []
    assert described("chart of the part colour", ["Dia. (mm)", "Moisture %"]) == []


def test_size_picks_the_length_column_for_a_chart(pipe):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    t = pd.DataFrame(
        {
            "Subgroup": np.repeat(np.arange(1, 21), 4),
            "Dia. (mm)": np.round(rng.normal(12.0, 0.02, 80), 3),
            "Moisture %": np.round(rng.normal(6.0, 0.3, 80), 1),
        }
    )
    res = pipe.run("Xbar-R chart of the bushing size, subgroups of 4", data=t)
    assert res.status == "answered", res.answer.get("conclusion")
    assert "Dia. (mm)" in res.answer["columns"] and "Moisture %" not in res.answer["columns"]


# -- small glossary additions: specification limits by their local abbreviations (LIE/LSE,
#    LSI/LSS, USG/OSG), a limit's approach ("tend vers", "tiende a"), a central composite
#    design in French/Spanish/Portuguese word order


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Calculez Cp et Cpk avec LSI 9,8 et LSS 10,2 pour le diamètre", ("lsl 9.8", "usl 10.2")),
        ("Calcule el Cpk del proceso con LIE 4,1 y LSE 4,9", ("lsl 4.1", "usl 4.9")),
        ("Quelle est la limite de (exp(x)-1)/x quand x tend vers 0 ?", ("when x tends to 0",)),
        ("¿Cuál es el límite de sin(2x)/x cuando x tiende a 0?", ("when x tends to 0",)),
        ("Générez un plan composite centré pour 3 facteurs", ("central composite design",)),
    ],
)
def test_foreign_additions(q, want):
    from havoc_srs.reader.foreign import to_english

    got = to_english(q, [])
    assert got is not None
    for w in want:
        assert w in got, got


def test_foreign_additions_near_miss():
    from havoc_srs.reader.foreign import to_english

    # an English question keeps its words ("lie" is no limit here)
    assert to_english("Do most values lie between 9 and 10 when the oven is hot?", []) is None


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("Quelle est la limite de (exp(x)-1)/x quand x tend vers 0 ?", "1"),
        ("¿Cuál es el límite de sin(2x)/x cuando x tiende a 0?", "2"),
    ],
)
def test_foreign_limits_run(pipe, q, result):
    status, analysis, got = _sym(pipe, q)
    assert (status, analysis, str(got)) == ("answered", "limit", result)


# -- a fractional factorial typed as its generators and the responses in standard order


@pytest.mark.parametrize(
    ("q", "k", "n"),
    [
        ("A 2^(5-2) screening run with D = AB and E = AC; yields in standard order: "
         "61, 53, 66, 70, 58, 75, 64, 79. Which factors matter?", 5, 8),
        ("2^(3-1) fraction, C = -AB, strength in std order: 12.1, 15.4, 13.0, 19.8", 3, 4),
        ("Our 2^(4-1) (generator D = ABC) gave, in standard order: 20, 31, 22, 35, 27, 40, "
         "25, 44 - analyse the effects", 4, 8),
    ],
)  # fmt: skip
def test_fraction_in_standard_order(q, k, n):
    from havoc_srs.reader.numbers import inline_table

    t = inline_table(q)
    assert t is not None and len(t) == n
    factors = [c for c in t.columns if c != "y"]
    assert len(factors) == k
    # each generated column is the product of its base letters (a minus sign flips it)
    assert set(t[factors].abs().to_numpy().ravel()) == {1.0}


def test_fraction_generator_values():
    from havoc_srs.reader.numbers import inline_table

    t = inline_table("2^(3-1) fraction, C = -AB, strength in std order: 12.1, 15.4, 13.0, 19.8")
    assert list(t["C"]) == list(-(t["A"] * t["B"]))


@pytest.mark.parametrize(
    "q",
    [
        # a generator with a letter outside the base factors; no standard order said
        "2^(4-1), D = ABE, responses in standard order: 1, 2, 3, 4, 5, 6, 7, 8",
        "2^(4-1) with D = ABC, responses: 1, 2, 3, 4, 5, 6, 7, 8",
    ],
)
def test_fraction_in_standard_order_near_miss(q):
    from havoc_srs.reader.numbers import _fraction_order_table

    assert _fraction_order_table(q) is None


def test_fraction_in_standard_order_is_analysed(pipe):
    res = pipe.run(
        "Our 2^(4-1) (generator D = ABC) gave, in standard order: 20, 31, 22, 35, 27, 40, 25, "
        "44 - which effects stand out?"
    )
    assert res.status == "answered", res.answer.get("conclusion")
    assert res.answer["family"] == "doe_analysis"


# -- settings written with slashes, an arrow and the response at each setting


@pytest.mark.parametrize(
    ("q", "x", "y"),
    [
        ("Yield vs pressure, 2/4/6/8 bar -> 41, 55, 63, 66 %. Fit a line.", "pressure", "Yield"),
        ("Hardness against tempering time: 1/2/3/4/5 h → 58, 55, 53, 52, 51.5",
         "tempering time", "Hardness"),
        ("Drag vs speed (10/20/30/40 m/s gives 3.1, 12.5, 27.9, 50.2 N) - quadratic fit?",
         "speed", "Drag"),
    ],
)  # fmt: skip
def test_slashed_settings_with_responses(q, x, y):
    from havoc_srs.reader.numbers import inline_table

    t = inline_table(q)
    assert t is not None and len(t) in (4, 5)
    assert list(t.columns) == [x, y]


def test_slashed_settings_near_miss():
    from havoc_srs.reader.numbers import _slashed_xy_table

    # a date, and slashed numbers with a different count of responses, are no settings
    assert _slashed_xy_table("Batch of 12/03/2024: 5.1, 5.3, 5.0, 4.9 g") is None
    assert _slashed_xy_table("2/4/6 bar -> 41, 55, 63, 66") is None


def test_slashed_quadratic_fit(pipe):
    res = pipe.run(
        "Drag vs speed (10/20/30/40/50 m/s gives 3.1, 12.5, 27.9, 50.2, 78.0 N) - fit a quadratic"
    )
    assert res.status == "answered", res.answer.get("conclusion")
    assert "^2" in str(res.answer["key_numbers"].get("formula"))


# -- a model statement "model Y = A|B ..." names the response first: a two-level factor after
#    it is no category to predict


def _coded_run_sheet():
    import pandas as pd

    return pd.DataFrame(
        {
            "Temp": [-1, 1, -1, 1, -1, 1, -1, 1],
            "Time": [-1, -1, 1, 1, -1, -1, 1, 1],
            "Coated": [0, 1, 1, 0, 1, 0, 0, 1],
            "Strength": [41.0, 48.2, 44.9, 52.3, 40.1, 47.7, 45.3, 51.8],
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "MODEL strength = Temp|Time; run it and give the ANOVA",
        "model Strength = Temp Time Temp*Time, please fit",
        "Please model strength from Temp and Time",
    ],
)
def test_model_statement_response_first(q):
    from havoc_srs.data import load_data
    from havoc_srs.reader.offer import _categorical_target

    assert _categorical_target(q.lower(), load_data(_coded_run_sheet())) == ""


def test_model_statement_near_miss():
    from havoc_srs.data import load_data
    from havoc_srs.reader.offer import _categorical_target

    # the two-valued column right after the verb is a classifier's target
    got = _categorical_target("model coated from temp and time", load_data(_coded_run_sheet()))
    assert got == "Coated"


# -- a conditional integral: the variable said to be positive ("for x > 0", "assuming x is
#    positive", "for positive x") is integrated under that assumption, and the answer says so


@pytest.mark.parametrize(
    ("q", "result"),
    [
        ("integrate |x| for x > 0", "x**2/2"),
        ("integrate sqrt(x^2) with respect to x, assuming x is positive", "x**2/2"),
        ("find the antiderivative of abs(u)*u^2 for positive u", "u**4/4"),
        ("integrate abs(t)*t from 0 to 2 where t >= 0", "8/3"),
    ],
)
def test_conditional_integral(pipe, q, result):
    res = pipe.run(q)
    kn = res.answer.get("key_numbers") or {}
    assert res.status == "answered", res.answer.get("conclusion")
    assert str(kn["result"]).replace(" ", "") == result
    assert "> 0" in kn["operation"]


def test_conditional_integral_near_miss(pipe):
    # no condition: |x| keeps its sign, and a condition on another letter is no domain
    res = pipe.run("integrate x^2 from 0 to 3 when a > 0")
    kn = res.answer.get("key_numbers") or {}
    assert "for x > 0" not in str(kn.get("operation"))
    from havoc_srs.families.symbolic import _POSITIVE

    assert not _POSITIVE.search("integrate x^2 for x > 0.5")
    assert not _POSITIVE.search("integrate x^2 from 0 to 1")


def test_conditional_integral_corrupted_fails_the_audit():
    from havoc_srs.audit import Audit
    from havoc_srs.families import symbolic
    from havoc_srs.phrasing import Phrasing

    plan = symbolic.plan("integrate |x| for x > 0", Phrasing(), None)
    au = Audit()
    symbolic.audit(au, plan, {"numeric": None, "result": "x**2/3"})
    assert not au.passed
    au = Audit()
    symbolic.audit(au, plan, {"numeric": None, "result": "x**2/2"})
    assert au.passed
