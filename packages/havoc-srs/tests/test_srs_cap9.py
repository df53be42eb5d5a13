"""Capability and control charts asked in forms the readers did not know (cap9). Every phrasing
here was written for these tests (none is copied from the corpus); each rule has a near miss it
must not fire on."""

from __future__ import annotations

import pytest
from havoc_srs.families._specs import spec_limits

# ---- deviations written after a tolerance word that follows the nominal ----------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Cpk of the pin, 6 mm, tolerance +0.1/-0.3", {"lsl": 5.7, "usl": 6.1, "target": 6.0}),
        ("slot width 14.00 mm (tol. -0.05/+0.02)", {"lsl": 13.95, "usl": 14.02, "target": 14.0}),
        (
            "gap 2.5, with a tolerance of -0.2 and +0.4",
            {"lsl": 2.3, "usl": 2.9, "target": 2.5},
        ),
        (
            "lid torque 30 Nm, allowed deviation +2 / -1",
            {"lsl": 29.0, "usl": 32.0, "target": 30.0},
        ),
    ],
)
def test_deviations_after_a_tolerance_word(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_signed_deviations_are_never_the_limits_themselves() -> None:
    # before: "(tolerance -0.03/+0)" read as the range -0.03 .. 0
    got = spec_limits("dimension 4.00 mm (tolerance -0.03/+0), Ppk?").as_slots()
    assert got == {"lsl": 3.97, "usl": 4.0, "target": 4.0}


# ---- a deviation is a half-width; 'either way' makes a tolerance one -------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("nominal 80 with a permitted deviation of 2", {"lsl": 78.0, "usl": 82.0, "target": 80.0}),
        ("target 12, allowable deviation 0.5", {"lsl": 11.5, "usl": 12.5, "target": 12.0}),
        ("aim for 7.0 nominal; tolerance 0.3 either way", {"lsl": 6.7, "usl": 7.3, "target": 7.0}),
        ("80 g with a maximum allowed variation of 4", {"lsl": 76.0, "usl": 84.0, "target": 80.0}),
        ("nominal 3.0, tol 0.4", {"lsl": 2.8, "usl": 3.2, "target": 3.0}),
    ],
)
def test_deviation_is_a_half_width(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_a_tolerance_without_a_side_stays_the_full_width() -> None:
    # the near miss: a bare tolerance is the width of the band, not a half-width
    assert spec_limits("target 40 and tolerance 2").as_slots() == {
        "lsl": 39.0,
        "usl": 41.0,
        "target": 40.0,
    }


# ---- two sides named, then two numbers in the same order -------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("LSL, USL = 3.1, 3.6", {"lsl": 3.1, "usl": 3.6}),
        ("the USL and LSL are 44 and 40", {"lsl": 40.0, "usl": 44.0}),
        ("upper/lower tolerances: 0.9 / 0.7", {"lsl": 0.7, "usl": 0.9}),
        ("min and max spec 120 and 180 respectively", {"lsl": 120.0, "usl": 180.0}),
    ],
)
def test_sides_then_numbers_respectively(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_min_and_max_of_a_summary_are_no_limits() -> None:
    # a near miss: the smallest and largest values observed, with no limit talk at all
    assert spec_limits("the min and max were 3.1 and 9.4 last week").as_slots() == {}


# ---- the side said after the number, or with its noun left out -------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("spec limits are 0.40 (lower) and 0.55 (upper)", {"lsl": 0.4, "usl": 0.55}),
        ("the tolerance is 12 (min) to 15 (max) kN", {"lsl": 12.0, "usl": 15.0}),
        ("limits: 7 bar lower, 9 bar upper", {"lsl": 7.0, "usl": 9.0}),
        ("a lower spec limit of 2.2 and an upper of 2.8", {"lsl": 2.2, "usl": 2.8}),
        ("tolerance bounds: lower = 61, upper = 64", {"lsl": 61.0, "usl": 64.0}),
        ("Ppk against the upper spec only, at 1.5", {"usl": 1.5}),
    ],
)
def test_side_after_the_number_or_elided(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_side_words_outside_limit_talk_are_ignored() -> None:
    # "the upper 10.05" with no limit/spec word anywhere is no limit
    assert spec_limits("the lower is 9.95, the upper 10.05 on the shelf").as_slots() == {}
    # "3 lower than" compares, it names no side of a spec
    assert spec_limits("the spec readings came out 3 lower than the gauge").as_slots() == {}


# ---- range joiners and the outside of a window -----------------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("what share of rods fall outside 4.2-4.6 mm?", {"lsl": 4.2, "usl": 4.6}),
        ("fraction beyond 70 to 75 %, Ppk too", {"lsl": 70.0, "usl": 75.0}),
        ("acceptable range is 1.10 through 1.30", {"lsl": 1.1, "usl": 1.3}),
        ("tolerance window 15 & 17 s", {"lsl": 15.0, "usl": 17.0}),
    ],
)
def test_range_joiners_and_outside(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_outside_a_time_span_is_no_range_without_order() -> None:
    assert spec_limits("readings outside 9 to 5 office hours").as_slots() == {}


# ---- negated verbs of going past a limit -----------------------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("the seal force must never drop below 35 N; Cpk?", {"lsl": 35.0}),
        ("leakage cannot exceed 4 ml/min", {"usl": 4.0}),
        ("coating can't exceed 60 µm, capability please", {"usl": 60.0}),
        ("the pH never dips under 6.5, how capable?", {"lsl": 6.5}),
    ],
)
def test_negated_limit_verbs(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_an_unnegated_drop_is_no_limit() -> None:
    assert spec_limits("sales did drop below 35 units in May").as_slots() == {}


# ---- an interval as a vector of two numbers separated by a space (MATLAB, Julia) --------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("capability(thk, [0.8 1.2]) like in MATLAB please", {"lsl": 0.8, "usl": 1.2}),
        ("run capability on torque with spec [14 18]", {"lsl": 14.0, "usl": 18.0}),
        ("julia: capability(d; limits=[2.05 2.15])", {"lsl": 2.05, "usl": 2.15}),
    ],
)
def test_space_separated_vector_interval(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_a_vector_without_limit_talk_is_no_interval() -> None:
    assert spec_limits("the index vector [3 7] picks two rows").as_slots() == {}


# ---- a header's word used as the modifier of another header ("the bath pH") -------------------


COLS = ["pH", "Ni [g/L]", "Bath temp (°C)"]


@pytest.mark.parametrize(
    ("q", "cols", "dropped"),
    [
        ("chart the tank pH for me", ["pH", "Tank level (m)"], {"Tank level (m)"}),
        ("is the oven humidity stable?", ["Humidity %", "Oven temp"], {"Oven temp"}),
        ("Ppk of the line speed", ["Speed (m/s)", "Line pressure"], {"Line pressure"}),
    ],
)
def test_header_word_as_modifier(q: str, cols: list, dropped: set) -> None:
    from havoc_srs.families._sqc import modifiers

    assert modifiers(q, cols) == dropped


@pytest.mark.parametrize(
    "q", ["chart the tank level and the pH", "is the tank stable, and the pH?", "pH"]
)
def test_header_word_not_a_modifier(q: str) -> None:
    from havoc_srs.families._sqc import modifiers

    # both named in their own right, or apart: no modifier
    assert modifiers(q, ["pH", "Tank level (m)"]) == set()


def test_modifier_reaches_the_chart(pipe_module) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(9)
    df = pd.DataFrame(
        {"pH": rng.normal(7, 0.1, 30).round(3), "Tank level (m)": rng.normal(2, 0.2, 30).round(2)}
    )
    res = pipe_module.run("I-MR chart of the tank pH please", data=df)
    assert res.status == "answered"
    assert res.answer["columns"] == ["pH"]


# ---- subgroups typed as rows of a table with pipes or tabs ------------------------------------


@pytest.mark.parametrize(
    ("q", "sizes"),
    [
        (
            "subgroups:\n| A1 | 7.1 | 7.3 | 7.2 |\n| A2 | 7.0 | 7.2 | 7.4 |\n| A3 | 7.2 | 7.1 | 7.3 |",
            3,
        ),
        ("lot 1\t3.31\t3.29\nlot 2\t3.30\t3.33\nlot 3\t3.28\t3.30\nxbar-r?", 2),
        ("G1 | 12.4 | 12.6 | 12.5 | 12.3\nG2 | 12.5 | 12.5 | 12.7 | 12.4", 4),
    ],
)
def test_pipe_and_tab_rows_are_subgroups(q: str, sizes: int) -> None:
    from havoc_srs.families.spc_chart import inline_subgroups

    ds = inline_subgroups(q)
    assert ds is not None
    assert set(ds.frame.groupby("subgroup").size()) == {sizes}


def test_rows_of_different_quantities_are_no_subgroups() -> None:
    from havoc_srs.families.spc_chart import inline_subgroups

    q = "week | sampled | failed\nW1 | 400 | 9\nW2 | 380 | 12\nW3 | 410 | 7\np chart?"
    assert inline_subgroups(q) is None


@pytest.fixture(scope="module")
def pipe_module():
    from havoc_srs import Pipeline

    return Pipeline(index=False)


# ---- control-chart rules said in words (MODE evidence) ---------------------------------------


def _frame(kind: str):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(90)
    if kind == "sub":
        return pd.DataFrame(
            {"Sample": np.repeat(range(1, 21), 5), "Bore (mm)": rng.normal(8, 0.01, 100).round(4)}
        )
    if kind == "ind":
        return pd.DataFrame({"Batch": range(1, 31), "Yield (%)": rng.normal(92, 1, 30).round(2)})
    if kind == "const":
        return pd.DataFrame({"Shift": range(1, 26), "Rejects": rng.integers(1, 12, 25)})
    return pd.DataFrame(
        {
            "Sheet": range(1, 26),
            "Pinholes": rng.poisson(5, 25),
            "Area (m2)": rng.integers(20, 40, 25),
        }
    )


@pytest.mark.parametrize(
    "q",
    [
        "is there a run of nine on one side of the mean in the bore?",
        "did seven successive points keep rising for the bore?",
        "flag 2 out of 3 points beyond 2 sigma in the bore",
        "look for special causes in the bore readings",
        "which samples stand out as unusual for the bore?",
    ],
)
def test_rules_in_words_are_a_chart(q: str) -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.spc_chart import mode_cue

    w, why = mode_cue(q, load_data(_frame("sub")))
    assert w >= 6.0 and "run rules" in why


@pytest.mark.parametrize(
    "q",
    [
        "what is the run time of the bore test?",
        "compare seven points of the bore across machines",
        "is the bore predictable from the spindle speed?",
    ],
)
def test_rules_in_words_near_misses(q: str) -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.spc_chart import mode_cue

    w, why = mode_cue(q, load_data(_frame("sub")))
    assert "run rules" not in why


def test_rules_in_words_need_data() -> None:
    from havoc_srs.families.spc_chart import mode_cue

    assert mode_cue("is there a run of nine on one side of the centre line?", None)[0] == 0.0


# ---- defectives with one constant sample size stated: np chart -------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "we inspect 120 castings each shift; are the rejects in control?",
        "chart the rejects, 80 parts checked per shift",
        "rejects per shift, 300 sampled daily — is anything out?",
    ],
)
def test_defectives_with_stated_size_are_np(pipe_module, q: str) -> None:
    res = pipe_module.run(q, data=_frame("const"))
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_np"
    assert res.answer["columns"] == ["Rejects"]


def test_defectives_without_a_size_are_no_np(pipe_module) -> None:
    res = pipe_module.run("control chart of the rejects by shift", data=_frame("const"))
    assert res.answer.get("analysis") != "chart_np"


# ---- counts per a column named by its unit, or units said to differ in size: u chart ----------


@pytest.mark.parametrize(
    "q",
    [
        "pinholes per square metre, chart it",
        "control chart of pinholes per m2",
        "chart the pinholes on each sheet — sheets vary in area",
        "pinhole counts per sheet; the sheets are not all the same size. Stable?",
    ],
)
def test_counts_per_unit_amount_are_u(pipe_module, q: str) -> None:
    res = pipe_module.run(q, data=_frame("area"))
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_u"
    assert sorted(res.answer["columns"]) == ["Area (m2)", "Pinholes"]


def test_counts_on_equal_units_stay_c(pipe_module) -> None:
    res = pipe_module.run("chart the pinholes found on each sheet", data=_frame("area"))
    assert res.answer.get("analysis") == "chart_c"


def test_unit_named_column() -> None:
    import pandas as pd
    from havoc_srs.data import load_data
    from havoc_srs.families.spc_chart import _unit_named

    ds = load_data(pd.DataFrame({"Length [km]": [1.0, 2.0], "Mass (kg)": [3.0, 4.0]}))
    assert _unit_named("kilometre", ds) == "Length [km]"
    assert _unit_named("kilograms of", ds) == "Mass (kg)"
    assert _unit_named("litre", ds) is None  # no header in litres


@pytest.mark.parametrize(
    ("q", "fires"),
    [
        ("is anything out? bore by sample", True),
        ("any lots out, looking at the bore?", True),
        ("any points outside for the bore?", True),
        ("is anything out of spec on the bore?", False),
        ("is anything out of stock?", False),
    ],
)
def test_anything_out(q: str, fires: bool) -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.spc_chart import mode_cue

    assert ("run rules" in mode_cue(q, load_data(_frame("sub")))[1]) == fires


# ---- the side said after the number as "at least / at a minimum / at most" -------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("the grip force needs to be 40 N at least", {"lsl": 40.0}),
        ("hardness 52 HRC at a minimum, what's the Ppk", {"lsl": 52.0}),
        ("moisture 4.5 % at the most", {"usl": 4.5}),
        ("noise 68 dB at a maximum", {"usl": 68.0}),
    ],
)
def test_side_words_after_the_number(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


@pytest.mark.parametrize("q", ["we want 5 samples at least", "pull 3 parts at most per hour"])
def test_a_count_with_a_side_word_is_no_limit(q: str) -> None:
    assert spec_limits(q).as_slots() == {}


# ---- the expected share beyond the limits, asked of data: capability -------------------------


def _fills():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(91)
    # (no row counter: regression's "response at stated settings" cue takes a counter named
    # like the things counted ("Can") for a setting — left to the regression family)
    return pd.DataFrame({"Net fill (ml)": rng.normal(330, 1.2, 50).round(1)})


@pytest.mark.parametrize(
    "q",
    [
        "what share of cans would end up below the 327 ml minimum?",
        "net fill must be 327 ml at least; how often will we miss it?",
        "expected fallout against 326 to 334 ml for the net fill",
        "sigma level of net fill, spec 326-334 ml",
    ],
)
def test_predicted_share_outside_is_capability(q: str) -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.capability import mode_cue

    w, why = mode_cue(q, load_data(_fills()))
    assert w >= 6.0, why


@pytest.mark.parametrize(
    "q",
    [
        "what share of cans would end up in the north warehouse?",  # no limit at all
        "how often will we miss the truck?",
    ],
)
def test_predicted_share_needs_a_limit(q: str) -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.capability import mode_cue

    assert mode_cue(q, load_data(_fills()))[0] == 0


def test_predicted_share_reaches_capability(pipe_module) -> None:
    res = pipe_module.run("what fraction of cans would be under the 327 ml minimum?", data=_fills())
    assert res.status == "answered"
    assert res.answer["family"] == "capability"
    assert res.answer["key_numbers"]["lsl"] == 327.0


@pytest.mark.parametrize(
    "q",
    [
        "how many standard deviations between the net fill mean and the 326 ml limit?",
        "how many SDs of room to the lower spec of 326 ml?",
        "net fill: how many std devs from the 326 limit?",
    ],
)
def test_margin_in_standard_deviations(q: str) -> None:
    from havoc_srs.families.capability import margin_asked

    assert margin_asked(q.lower())


def test_margin_near_miss() -> None:
    from havoc_srs.families.capability import margin_asked

    assert not margin_asked("how many samples do we need for the study?")


# ---- which figure is asked besides Cp/Cpk: share out of spec, Pp/Ppk, Cpm ---------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("how many parts per million will be out of tolerance?", {"share"}),
        ("what is the yield against 10 +/- 0.2?", {"share"}),
        ("chance a rod is made below the lower limit?", {"share"}),
        ("long-term performance of the press, Ppk", {"overall"}),
        ("how far off target are we, Cpm please", {"target"}),
        ("Cpk of the bore, spec 12-13", set()),  # near miss: only Cp/Cpk asked
    ],
)
def test_asked_figures(q: str, want: set) -> None:
    from havoc_srs.families.capability import asked_figures

    assert asked_figures(q) == want


def test_the_asked_share_is_in_the_conclusion(pipe_module) -> None:
    res = pipe_module.run("net fill 326-334 ml: what percent will fall outside?", data=_fills())
    assert res.status == "answered"
    assert "PPM" in res.answer["conclusion"] and "Asked" in res.answer["conclusion"]
    res = pipe_module.run("Cpk of net fill, spec 326-334 ml", data=_fills())
    assert "Asked" not in res.answer["conclusion"]


# ---- a process given by its mean and SD, with limits, and its share outside asked -----------


@pytest.mark.parametrize(
    "q",
    [
        "average 71.2 g, SD 0.9 g, tolerance 68-74 g: how many ppm outside?",
        "process mean 3.05, standard deviation 0.02, spec limits 3.00 and 3.10 - what percent out of spec?",
        "mean 150, s = 2.5, LSL 142, USL 158. What fraction will be nonconforming?",
    ],
)
def test_summary_with_limits_and_share_is_capability(pipe_module, q: str) -> None:
    res = pipe_module.run(q)
    assert res.status == "answered", res.answer.get("missing")
    assert res.answer["family"] == "capability"


def test_summary_mean_test_is_no_capability() -> None:
    from havoc_srs.families.capability import mode_cue

    # a test of the mean from its summary: no limits written as limits, no share asked
    assert mode_cue("n = 30, mean 9.8, sd 0.4: is the mean below 10?", None)[0] == 0


def test_interval_ends_are_no_spec_sides() -> None:
    # near miss: the ends of a confidence interval, said with "limits", are not spec limits
    assert spec_limits("95% confidence limits: lower = 3.2, upper = 4.1").as_slots() == {}
    assert spec_limits("the CI has a lower of 3.2 and an upper of 4.1 limits").as_slots() == {}
