"""Capability and control charts asked in forms the readers did not know (cap8): limits said as
"50 MPa or more", an interval in brackets, a number with its ± tolerance, an index requirement
("Cpk of at least 1.33") that is no limit; and the cases where these readings must stay silent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.families._specs import spec_limits

RNG = np.random.default_rng(8808)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(index=False)


# ---- spec limits: the side said after the number ("or more", "and below") ------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("peel force has to be 18 N or more", {"lsl": 18.0}),
        ("the bead must weigh 2.5 g or heavier", {"lsl": 2.5}),
        ("burst pressure 60 bar and above is acceptable", {"lsl": 60.0}),
        ("shrinkage of 1.2 % or smaller is fine", {"usl": 1.2}),
        ("we want a Cpk of 1.33 or more", {}),  # the index's value, not a limit
        ("runout 0.04 mm and below", {"usl": 0.04}),
        ("gap width 3 mm or narrower", {"usl": 3.0}),
    ],
)
def test_side_after_the_number(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_a_count_of_things_is_no_limit() -> None:
    # "5 or more parts" counts parts, it states no limit of the measurement
    assert spec_limits("we pull 5 or more parts every hour").as_slots() == {}
    assert spec_limits("we pull 5 or more parts every hour, USL 3.2").as_slots() == {"usl": 3.2}


# ---- an index requirement is no limit of the measurement -------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("customer wants a Cpk of at least 1.33; the bore must be at least 8.00 mm", {"lsl": 8.0}),
        ("Ppk ≥ 1.67 needed, seal force no less than 40 N", {"lsl": 40.0}),
        ("is the Cpk 1.33 or better? hardness 55 HRC or more", {"lsl": 55.0}),
        ("1.33 Cpk minimum, lower spec 12", {"lsl": 12.0}),
    ],
)
def test_index_requirement_is_not_a_limit(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_index_masking_keeps_a_limit_named_after_the_index() -> None:
    # the number follows a limit word, not the index: still the limit
    assert spec_limits("Cpk for the flatness, max 0.05").as_slots() == {"usl": 0.05}
    assert spec_limits("Cpk impurity USL 0.8").as_slots() == {"usl": 0.8}


# ---- an interval in brackets; a number with its ± tolerance ---------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("viscosity has to stay in the interval [850, 950] cP", {"lsl": 850.0, "usl": 950.0}),
        ("pH limits (6.8; 7.4)", {"lsl": 6.8, "usl": 7.4}),
        ("fill volume within [498 ml, 506 ml]", {"lsl": 498.0, "usl": 506.0}),
    ],
)
def test_bracketed_interval(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_bracketed_pair_without_limit_words_is_no_spec() -> None:
    assert spec_limits("the points (3, 4) and (5, 9) lie on a line").as_slots() == {}


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("bore 8 mm with a tolerance of ±0.02 mm", (7.98, 8.02, 8.0)),
        ("shim thickness 1.50 mm, tolerance +/- 0.03", (1.47, 1.53, 1.5)),
        ("slot width 6.0 mm (tol. ±0.1)", (5.9, 6.1, 6.0)),
    ],
)
def test_number_with_plus_minus_tolerance(q: str, want: tuple) -> None:
    s = spec_limits(q)
    assert (s.lsl, s.usl, s.target) == want


def test_tolerance_after_a_count_is_no_nominal() -> None:
    # without ± the tolerance width is not split around the number before it
    s = spec_limits("we checked 12 parts with a tolerance gauge")
    assert s.lsl is None and s.usl is None


def test_capability_with_or_more(pipe: Pipeline) -> None:
    df = pd.DataFrame({"Peel force (N)": np.round(24 + RNG.normal(0, 1.2, 50), 2)})
    res = pipe.run("Peel force has to be 18 N or more. Is the process capable? Cpk", data=df)
    assert res.status == "answered"
    assert res.answer["key_numbers"]["lsl"] == 18.0
    assert res.answer["key_numbers"].get("usl") is None


# ---- a column named by a process-stage word opposite to its header's ------------------------

_T = np.arange(60)
STREAMS = pd.DataFrame(
    {
        "Day": _T + 1,
        "Raw feed COD mg/L": np.round(420 + RNG.normal(0, 30, 60), 1),
        "COD (mg/L)": np.round(38 + RNG.normal(0, 3, 60), 2),
        "Flow m3/h": np.round(120 + RNG.normal(0, 8, 60), 1),
    }
)


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("I chart of the treated effluent COD", "COD (mg/L)"),
        ("is the purified stream's COD in control? individuals chart", "COD (mg/L)"),
        ("EWMA of the COD after treatment, finished product side", "COD (mg/L)"),
        ("I chart of the raw feed COD", "Raw feed COD mg/L"),  # the raw column named: kept
    ],
)
def test_stage_word_chooses_the_column(pipe: Pipeline, q: str, want: str) -> None:
    res = pipe.run(q, data=STREAMS)
    assert res.status == "answered"
    assert res.answer["columns"] == [want]


def test_stage_contradicted_unit() -> None:
    from havoc_srs.families._sqc import stage_contradicted

    cols = list(STREAMS.columns)
    assert stage_contradicted("the filtered cod", ["Raw feed COD mg/L"], cols) == ["COD (mg/L)"]
    # no stage word in the question, or both: nothing is contradicted
    assert stage_contradicted("the cod readings", ["Raw feed COD mg/L"], cols) is None
    assert stage_contradicted("raw and treated cod", ["Raw feed COD mg/L"], cols) is None


# ---- MODE: a control chart asked in words --------------------------------------------------


def _family(q: str, df: pd.DataFrame) -> str:
    from havoc_srs.data import load_data
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing
    from havoc_srs.reader import read
    from havoc_srs.reader.decide import choose_family

    ds = load_data(df)
    return choose_family(decide_mode(q, Phrasing(), ds), read(q, ds), ds).family


PURITY = pd.DataFrame(
    {
        "Batch": [f"B{i:03d}" for i in range(40)],
        "Purity %": np.round(99 + RNG.normal(0, 0.2, 40), 2),
    }
)
REJECTS = pd.DataFrame(
    {
        "Week": np.arange(1, 31),
        "Pumps tested": RNG.integers(180, 260, 30),
        "Pumps rejected": RNG.integers(2, 12, 30),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "Purity, lot after lot: has it held steady?",
        "Does purity hold steady from one batch to the next, or are there odd batches?",
        "purity shift by shift - is it stable?",
    ],
)
def test_sequence_and_stability_is_a_chart(q: str) -> None:
    assert _family(q, PURITY) == "spc_chart"


@pytest.mark.parametrize(
    "q",
    [
        "was week 12 a bad week for pump rejects or just normal variation?",
        "Week 19 looked odd to me - real or only random noise?",
        "was the last week's reject level exceptional or just chance?",
    ],
)
def test_one_period_against_noise_is_a_chart(q: str) -> None:
    assert _family(q, REJECTS) == "spc_chart"


def test_spread_between_groups_is_not_a_chart() -> None:
    # the same words without the sequence of periods: a comparison of groups
    df = pd.DataFrame(
        {"Line": ["A", "B"] * 20, "Purity %": np.round(99 + RNG.normal(0, 0.2, 40), 2)}
    )
    assert _family("Is the purity spread different between line A and line B?", df) != "spc_chart"


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ("I want a running total of the deviations from 99 % so a slow drift shows", "cusum"),
        ("something that accumulates the small differences from target batch by batch", "cusum"),
        ("a chart that weights the recent values more than the old ones", "ewma"),
    ],
)
def test_cusum_ewma_by_what_they_do(pipe: Pipeline, q: str, kind: str) -> None:
    res = pipe.run(q, data=PURITY)
    assert res.answer["family"] == "spc_chart"
    assert res.answer["analysis"] == f"chart_{kind}"


def test_which_chart_of_data_is_a_chart_but_not_a_histogram() -> None:
    assert _family("What chart would show whether purity moved around?", PURITY) == "spc_chart"
    from havoc_srs.families.spc_chart import mode_cue

    w, _ = mode_cue("which chart shows purity best, a histogram or a box plot?", None)
    assert w == 0.0


# ---- chart names in other spellings and languages -------------------------------------------


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ("gráfica x-barra r del peso", "xbar_r"),
        ("carte x barre s du diamètre", "xbar_s"),
        ("x-quer-r-karte", "xbar_r"),
        ("mean-and-range chart", "xbar_r"),
        ("x-double-bar and s chart", "xbar_s"),
    ],
)
def test_chart_kind_other_spellings(q: str, kind: str) -> None:
    from havoc_srs.families.spc_chart import chart_kind

    assert chart_kind(q) == kind


def test_barre_alone_is_no_chart() -> None:
    from havoc_srs.families.spc_chart import chart_kind

    assert chart_kind("la barre de 12 mm") is None


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Bitte eine Spannweitenkarte für das Gewicht", "range chart"),
        ("Mittelwert-Spannweitenkarte für den Durchmesser", "mean and range chart"),
        ("Einzelwertkarte für die Temperatur bitte", "individual chart"),
    ],
)
def test_german_chart_compounds(q: str, want: str) -> None:
    from havoc_srs.reader.foreign import to_english

    assert want in to_english(q)


def test_german_compound_of_unknown_words_is_left() -> None:
    from havoc_srs.reader.foreign import to_english

    assert "Lieferkarte" in to_english("Die Lieferkarte ist für das Lager und die Halle")


# ---- attribute charts: the counts the question names by the header's noun ------------------


@pytest.mark.parametrize(
    "q",
    [
        "pump line: was week 12 out of the ordinary or just noise?",
        "were the pumps of week 19 unusual, or only random variation?",
        "chart the pumps rejected week by week",
    ],
)
def test_reject_header_named_by_its_noun(pipe: Pipeline, q: str) -> None:
    res = pipe.run(q, data=REJECTS)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_p"
    assert sorted(res.answer["columns"]) == ["Pumps rejected", "Pumps tested"]


def test_defects_per_unit_is_no_slope() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.families.regression import mode_cue

    df = pd.DataFrame({"Defects": RNG.integers(0, 9, 30), "Units": RNG.integers(20, 40, 30)})
    assert mode_cue("defects per unit chart", load_data(df))[0] == 0.0
    # a slope in words is still read as one
    assert mode_cue("how much do defects go up per unit of speed", load_data(df))[0] > 0


def test_everyday_normal_is_no_distribution_cue() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.reader import read

    ds = load_data(PURITY)
    for q in (
        "is that spike just normal variation?",
        "under normal operation, does purity wander?",
        "purity swings a bit - is that only normal noise?",
    ):
        assert "cue distribution: 'normal'" not in " ".join(read(q, ds).evidence)
    # the distribution asked still is
    assert "cue distribution" in " ".join(read("is purity normally distributed?", ds).evidence)


# ---- flaws counted in a header with no chart named: c (same number inspected) or u ----------

FLAWS = pd.DataFrame(
    {
        "Roll": np.arange(1, 31),
        "Metres inspected": RNG.integers(80, 140, 30),
        "Same n": np.full(30, 50),
        "Slubs counted": RNG.integers(0, 9, 30),
        "Rolls failed": RNG.integers(0, 3, 30),
    }
)


@pytest.mark.parametrize(
    ("q", "kind", "cols"),
    [
        ("control chart of the slubs counted", "u", ["Metres inspected", "Slubs counted"]),
        ("are the slubs in control?", "u", ["Metres inspected", "Slubs counted"]),
    ],
)
def test_flaw_header_is_an_attribute_chart(pipe: Pipeline, q: str, kind: str, cols: list) -> None:
    res = pipe.run(q, data=FLAWS.drop(columns=["Same n"]))
    assert res.answer["analysis"] == f"chart_{kind}"
    assert sorted(res.answer["columns"]) == cols


def test_flaws_with_a_constant_number_inspected_is_a_c_chart(pipe: Pipeline) -> None:
    df = FLAWS.drop(columns=["Metres inspected"])
    res = pipe.run("please chart the slubs counted, roll by roll", data=df)
    assert res.answer["analysis"] == "chart_c"
    assert res.answer["columns"] == ["Slubs counted"]


def test_flaw_nouns() -> None:
    from havoc_srs.families.spc_chart import _DEFECTS

    for header in ("thread nicks", "pinholes found", "dents", "burrs counted", "cracks detected"):
        assert _DEFECTS.search(header), header
    for header in ("chipset temp", "cutting speed", "spotify plays"):
        assert not _DEFECTS.search(header), header


def test_element_named_for_its_symbol() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.reader.named import named_gaps

    df = pd.DataFrame(
        {"Fe (ppm)": RNG.normal(3, 0.2, 20), "Residual Cl2 (mg/L)": RNG.normal(1, 0.1, 20)}
    )
    ds = load_data(df)
    assert named_gaps("Ppk for the iron content, max 4 ppm", ds) == []
    assert named_gaps("I chart of the free chlorine", ds) == []
    assert named_gaps("I chart of the copper content", ds) != []


# ---- Dutch and Swedish questions read in English --------------------------------------------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("Graag een p-kaart van de afgekeurde flessen per dag", "p chart"),
        ("Wat is de Cpk van de wanddikte? Tolerantie 1,20 tot 1,60 mm", "tolerance 1.20"),
        (
            "Kunnen jullie een regelkaart maken voor het gewicht?",
            "control chart make for the weight",
        ),
        ("Kan ni göra ett EWMA-diagram för vikten?", "EWMA chart for"),
        ("Jag vill ha kapabilitet för tjockleken, tolerans 2,0 till 2,4", "capability for"),
        (
            "Kan ni ta fram ett styrdiagram för borrdiametern?",
            "control chart for the bore diameter",
        ),
    ],
)
def test_dutch_and_swedish(q: str, want: str) -> None:
    from havoc_srs.reader.foreign import to_english

    def norm(text: str) -> str:  # the merged glossary drops some articles and lowercases
        return " ".join(w for w in text.lower().split() if w != "the")

    assert norm(want) in norm(to_english(q))


def test_english_with_dutch_looking_names_stays_english() -> None:
    from havoc_srs.reader.foreign import to_english

    assert to_english("Is the van de Graaf voltage in control?") is None
    assert to_english("Plot the den and het readings on a chart") is None


# ---- a chart called by its software name; limits as ± on a nominal --------------------------


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ('qcc(scratches, type = "c")', "c"),
        ("qcc::qcc(df$fails, sizes = df$n, type='p')", "p"),
        ('qcc(data.frame(w), type="xbar.one") of the weights', "imr"),
    ],
)
def test_qcc_call_names_the_chart(q: str, kind: str) -> None:
    from havoc_srs.families.spc_chart import chart_kind, mode_cue

    assert chart_kind(q.lower()) == kind
    assert mode_cue(q, None)[0] > 0


def test_qcc_inside_process_capability_is_no_chart_request() -> None:
    from havoc_srs.families.spc_chart import mode_cue

    q = "qcc::process.capability(qcc(x, type='xbar.one'), spec.limits=c(1, 2))"
    assert mode_cue(q, None)[0] == 0.0


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("are the shafts within ±0.02 on 15 mm?", (14.98, 15.02)),
        ("hold +/- 0.5 at 120 bar", (119.5, 120.5)),
        ("a tolerance of ± 3 on the 250 g nominal", (247.0, 253.0)),
    ],
)
def test_width_on_a_nominal(q: str, want: tuple) -> None:
    s = spec_limits(q)
    assert (s.lsl, s.usl) == want


@pytest.mark.parametrize(
    "q",
    [
        "Did the line go off the rails at some point last week?",
        "The fill weight ran off target on Tuesday, did it?",
        "has the purity veered away lately?",
    ],
)
def test_departure_phrasal_verbs_are_chart_evidence(q: str) -> None:
    assert _family(q, PURITY) == "spc_chart"


def test_contraction_is_no_quantity() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.reader.named import named_gaps

    ds = load_data(PURITY)
    assert named_gaps("Shewhart charts don't show it, try an EWMA of purity", ds) == []
    assert named_gaps("the mean isn't what I need: the purity chart", ds) == []
    assert named_gaps("a chart of the viscosity doesn't exist yet", ds) != []


@pytest.mark.parametrize(
    "q",
    [
        "What is the average purity, batch by batch?",
        "summarise purity from one batch to the next",
    ],
)
def test_sequence_without_stability_is_not_a_chart(q: str) -> None:
    # the periods in order, but a summary asked: no control chart
    assert _family(q, PURITY) != "spc_chart"


# ---- more limit forms: a chained inequality, the passing side, "not above", ", ±" ---------


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("acceptance: 6.8 ≤ pH ≤ 7.4", {"lsl": 6.8, "usl": 7.4}),
        ("we need 0.70 <= acidity (%) <= 0.95", {"lsl": 0.7, "usl": 0.95}),
        ("10 < cycle time < 12 s", {"lsl": 10.0, "usl": 12.0}),
    ],
)
def test_chained_inequality(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


def test_chained_letters_are_no_limits() -> None:
    assert spec_limits("is a < b < c for the three lines?").as_slots() == {}
    assert spec_limits("p < 0.05 < alpha").as_slots() == {}


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("anything above 40 N passes the pull test", {}),  # "passes the ..." continues: no rule
        ("a pull force above 40 N passes", {"lsl": 40.0}),
        ("porosity under 2 % is acceptable, and we want Ppk", {"usl": 2.0}),
        ("torque over 18 Nm is fine", {"lsl": 18.0}),
        ("values over 12 are good news for sales", {}),
    ],
)
def test_passing_side(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("must not go above 0.5 ppm", {"usl": 0.5}),
        ("film not below 20 µm and not above 30 µm", {"lsl": 20.0, "usl": 30.0}),
        ("target 40.0, ±1.5 mm", {"lsl": 38.5, "usl": 41.5, "target": 40.0}),
    ],
)
def test_not_above_and_comma_plus_minus(q: str, want: dict) -> None:
    assert spec_limits(q).as_slots() == want


# ---- a whole-number measurement is no count; charts of a share or of failures named ----------

LINE = pd.DataFrame(
    {
        "Reel": np.arange(1, 41),
        "Line speed m/min": RNG.integers(395, 420, 40),
        "Spindle (rpm)": RNG.integers(2980, 3020, 40),
        "Breaks": RNG.poisson(3, 40),
        "Cones tested": np.full(40, 60),
        "Cones failed /60": RNG.integers(0, 6, 40),
    }
)


@pytest.mark.parametrize(
    ("q", "col"),
    [
        ("is line speed under control?", "Line speed m/min"),
        ("control chart of the spindle rpm", "Spindle (rpm)"),
    ],
)
def test_whole_number_measurement_is_individuals(pipe: Pipeline, q: str, col: str) -> None:
    res = pipe.run(q, data=LINE)
    assert res.answer["analysis"] == "chart_imr"
    assert res.answer["columns"] == [col]


def test_count_header_is_still_counts() -> None:
    from havoc_srs.families.spc_chart import _measured_in_unit

    assert not _measured_in_unit("Breaks")
    assert not _measured_in_unit("Defects per m2")  # a count, though it names a unit
    assert _measured_in_unit("Torque_Nm") and _measured_in_unit("Line speed m/min")


@pytest.mark.parametrize(
    "q",
    [
        "chart of the proportion of cones failed",
        "chart the failed cones please",
        "graph for the share of defective cones, reel by reel",
    ],
)
def test_chart_of_failures_is_a_chart(q: str) -> None:
    assert _family(q, LINE) == "spc_chart"


def test_chart_of_a_proportion_without_failures_is_not_forced() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing

    m = decide_mode("chart of the proportion of women by region", Phrasing(), load_data(LINE))
    assert not any("chart (of|for)" in e or "proportion of women" in e for e in m.evidence)


# ---- np chart: the defectives header that states its own constant sample size ---------------

AUDIT = pd.DataFrame(
    {
        "Wk": np.arange(1, 31),
        "Hoses checked": RNG.integers(150, 300, 30),
        "Hoses rejected": RNG.integers(2, 12, 30),
        "Audit rejects (n=40)": RNG.integers(0, 5, 30),
    }
)


@pytest.mark.parametrize(
    "q",
    [
        "np chart of the audit rejects",
        "np-chart for the rejects of the audit, always 40 hoses",
        "Carte np des rebuts de l'audit",
    ],
)
def test_np_prefers_the_header_with_its_own_size(pipe: Pipeline, q: str) -> None:
    res = pipe.run(q, data=AUDIT)
    assert res.status == "answered"
    assert res.answer["analysis"] == "chart_np"
    assert res.answer["columns"] == ["Audit rejects (n=40)"]


def test_np_of_a_varying_size_column_is_still_refused(pipe: Pipeline) -> None:
    res = pipe.run("np chart of the hoses rejected", data=AUDIT)
    assert res.status != "answered"


def test_shared_noun_does_not_override_a_named_count(pipe: Pipeline) -> None:
    df = pd.DataFrame(
        {
            "Lot": [f"L{i}" for i in range(24)],
            "Boards in lot": RNG.integers(40, 120, 24),
            "Boards failed": RNG.integers(0, 4, 24),
            "Open vias": RNG.integers(0, 9, 24),
        }
    )
    q = "Open vias per board vary with lot size; which attributes chart shows an odd lot?"
    res = pipe.run(q, data=df)
    assert res.answer["analysis"] == "chart_u"
    assert sorted(res.answer["columns"]) == ["Boards in lot", "Open vias"]
