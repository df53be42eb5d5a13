"""Reader rules of session 11: questions in five other languages read in English, headers that
end in a unit of a rate or a count, an acronym spelt out beside its header's other words, and
"this year's" on a year-coded wide table."""

from __future__ import annotations

import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.data import load_data
from havoc_srs.reader.columns import _variants, ground_columns, this_year
from havoc_srs.reader.foreign import language, to_english


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


@pytest.mark.parametrize(
    ("question", "lang", "english"),
    [
        ("Wie hoch ist der Mittelwert des Gewichts?", "de", "mean"),
        ("Gibt es einen Zusammenhang zwischen Schicht und Ausschuss?", "de", "association"),
        ("¿Cuál es la desviación estándar del precio por región?", "es", "standard deviation"),
        ("Quelle est la variance de la pression selon la machine ?", "fr", "variance"),
        ("Qual é a mediana da idade dos clientes?", "pt", "median"),
        ("La distribuzione del peso è normale?", "it", "distribution"),
    ],
)
def test_foreign_questions_are_read_in_english(question, lang, english):
    assert language(question) == lang
    assert english in to_english(question)


@pytest.mark.parametrize(
    "question",
    [
        "Is the mean of the diameter different from 10?",
        "median price per region",
        "Compare la and le columns",  # column names that are foreign function words
        "Does Die_Temp (the die temperature) differ between the two presses?",
    ],
)
def test_english_questions_are_left_alone(question):
    assert language(question) is None and to_english(question) is None


def test_a_header_word_is_never_translated_and_a_gloss_replaces_an_unknown_word():
    q = "Wie groß ist die Streuung der Geschwindigkeit und des Bauchumfang (waist)?"
    assert "Geschwindigkeit" in to_english(q, ["Geschwindigkeit", "Waist (in)"])
    assert "speed" in to_english(q) and "waist" in to_english(q)
    assert "Bauchumfang" not in to_english(q)


def test_a_foreign_question_is_answered_and_keeps_its_wording(pipe):
    df = pd.DataFrame({"Rasse": ["A", "B"] * 20, "Fettgehalt": [3.9 + 0.01 * i for i in range(40)]})
    r = pipe.run("Mittelwert und Standardabweichung vom Fettgehalt, getrennt nach Rasse bitte", df)
    a = r.answer
    assert r.status == "answered" and a["family"] == "descriptive"
    assert set(a["columns"]) == {"Fettgehalt", "Rasse"}
    assert a["question"].startswith("Mittelwert")  # the answer quotes the user, not the reading


@pytest.mark.parametrize(
    ("header", "core"),
    [
        ("avg_speed_kmh", ("avg", "speed")),
        ("max_hr_bpm", ("max", "hr")),  # one unit only: "hr" (heart rate) is kept
        ("speed_m_s", ("speed",)),  # two units of a rate
        ("cadence_rpm", ("cadence",)),
        ("culmen_length_mm", ("culmen", "length")),
    ],
)
def test_unit_endings_leave_the_quantity(header, core):
    assert core in _variants(header)


@pytest.fixture(scope="module")
def rides():
    return load_data(
        pd.DataFrame(
            {
                "rider": list("ABCD") * 5,
                "avg_speed_kmh": [24.0 + i % 7 for i in range(20)],
                "cadence_rpm": [85.0 + i % 5 for i in range(20)],
                "kcal": [600.0 + 13 * i for i in range(20)],
            }
        )
    )


def test_speed_names_the_speed_column_not_the_rpm_one(rides):
    cols = [m.column for m in ground_columns("Which rider is most consistent on speed?", rides)]
    assert "avg_speed_kmh" in cols and "cadence_rpm" not in cols
    cols = [m.column for m in ground_columns("calories burned per rider", rides)]
    assert "kcal" in cols


def test_acronym_spelt_out_beside_the_other_header_words():
    ds = load_data(
        pd.DataFrame(
            {
                "Beds per RN": [4.0, 5, 6, 7],
                "Beds on Ward": [20.0, 22, 25, 30],
                "SCC (x1000 cells/mL)": [100.0, 150, 90, 300],
                "FRL_pct": [30.0, 40, 50, 60],
            }
        )
    )

    def cols(q):
        return [m.column for m in ground_columns(q, ds)]

    assert cols("how many beds does each registered nurse cover") == ["Beds per RN"]
    assert cols("beds on the ward") == ["Beds on Ward"]  # no nurse named: the other header
    assert cols("somatic cell counts") == ["SCC (x1000 cells/mL)"]
    assert cols("share of kids on free or reduced lunch") == ["FRL_pct"]


def test_this_years_column_is_the_latest_year():
    columns = ["School", "Read2019", "Read2021", "Read2023", "Math2023"]
    assert "2023" in this_year("this year's reading scores", columns)
    assert this_year("reading scores in 2019 and this year", columns).endswith("this year")
    assert this_year("this year's scores", ["School", "Score"]) == "this year's scores"
    ds = load_data(pd.DataFrame({c: [1.0, 2, 3] for c in columns[1:]} | {"School": list("abc")}))
    got = [m.column for m in ground_columns("Are this year's reading scores normal?", ds)]
    assert got == ["Read2023"]


@pytest.fixture(scope="module")
def fitness():
    return load_data(
        pd.DataFrame(
            {
                "Pushups": [10.0, 12, 9, 15, 11, 13],
                "Weight (lb)": [150.0, 160, 170, 155, 165, 175],
                "Group": list("ABABAB"),
                "FRL_pct": [30.0, 40, 50, 60, 35, 45],
            }
        )
    )


def test_named_check_keeps_grounded_phrases_and_still_reports_missing_ones(fitness):
    from havoc_srs.reader.named import named_gaps

    assert named_gaps("interquartile range of push-ups", fitness) == []  # "push-ups" = Pushups
    assert named_gaps("fit a gamma to the push-ups by maximum likelihood", fitness) == []
    assert (
        named_gaps("Is the spread of free or reduced lunch equal across the groups?", fitness) == []
    )
    assert named_gaps("mean resting heart rate", fitness) != []  # no such column: still a gap
    assert [m.column for m in ground_columns("median of push-ups", fitness)] == ["Pushups"]


def test_hypotheses_in_notation_are_not_column_names(fitness):
    from havoc_srs.reader.columns import unknown_names

    assert unknown_names("Chi-square test of Group by Pushups. State H0 and H1.", fitness) == []


def test_a_banded_column_for_groups_and_grouping_words_are_not_scattered_header_words():
    ds = load_data(
        pd.DataFrame(
            {
                "Age": [23.0, 35, 47, 59, 61, 30],
                "Age Band": ["<30", "30-45", "45-60", "45-60", ">60", "30-45"],
                "Beds per RN": [4.0, 5, 6, 7, 5, 6],
                "Beds on Ward": [20.0, 22, 25, 30, 21, 24],
                "Ward": list("ABCABC"),
            }
        )
    )

    def cols(q):
        return [m.column for m in ground_columns(q, ds)]

    assert cols("spread of beds per RN across the age groups") == ["Beds per RN", "Age Band"]
    assert cols("mean age by ward") == ["Age", "Ward"]  # no banding word: the numeric age
    assert cols("Levene for beds per RN across wards") == ["Beds per RN", "Ward"]
    assert "Beds on Ward" in cols("beds on each ward")  # the words together still name it


def test_counts_given_per_pair_of_levels_and_two_lists_split_by_a_slash(pipe):
    from havoc_srs.reader.numbers import count_table, inline_table

    t = count_table("Day & pass 40, Day & fail 10, Night & pass 30, Night & fail 20.")
    assert t.loc["Night", "fail"] == 20 and list(t.columns) == ["pass", "fail"]
    assert count_table("Day & pass 40, Night & fail 20.") is None  # not every pair given
    xy = inline_table("Spearman for these two judges: 2 4 1 3 5 / 1 4 2 3 5")
    assert list(xy.columns) == ["x", "y"] and xy["y"].tolist() == [1, 4, 2, 3, 5]
    assert inline_table("rates 3/4 and 5/6") is None
    r = pipe.run("Day & pass 40, Day & fail 10, Night & pass 30, Night & fail 20: any association?")
    assert r.status == "answered" and r.answer["family"] == "contingency"


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Bitte eine Regelkarte für die Wandstärke, Untergruppen zu je 5 Messungen.",
         ["control chart", "wall thickness", "subgroups of 5"]),
        ("Gráfico CUSUM de la dureza, por favor.", ["cusum chart", "hardness"]),
        ("Carte p des rebuts par lot, s'il vous plaît.", ["p chart", "rejects"]),
        ("La percentuale di scarti è superiore al 3 %? alfa 0,01", ["greater than", "alpha 0.01"]),
        ("Qual é a capacidade do processo? Tolerância 4,0 ± 0,5 mm", ["process capability", "4.0 ± 0.5"]),
    ],
)  # fmt: skip
def test_engineering_requests_in_other_languages(question, words):
    english = to_english(question).lower()
    for w in words:
        assert w in english, (w, english)


def test_a_decimal_comma_in_a_foreign_question_is_a_point_but_a_list_stays():
    assert "0.05" in to_english("Test su una proporzione, alfa 0,05")
    assert "1,2,3" in to_english("Die Werte sind 1,2,3 und der Mittelwert?")


def test_how_many_of_a_unit_names_the_column_in_that_unit():
    ds = load_data(
        pd.DataFrame(
            {
                "Shift": list("ABAB"),
                "Output_kg": [120.0, 130, 125, 128],
                "Downtime (min)": [12.0, 30, 5, 8],
                "Operators": [3.0, 4, 3, 4],
            }
        )
    )

    def cols(q):
        return [m.column for m in ground_columns(q, ds)]

    assert cols("how many kilos does a shift make on average?") == ["Output_kg", "Shift"]
    assert "Downtime (min)" in cols("how many minutes are lost per shift, median?")
    assert cols("how many operators per shift?") == ["Operators", "Shift"]  # a word, not a unit


def test_a_significance_level_is_not_a_row_condition(pipe):
    df = pd.DataFrame({"LDL": [2.0 + 0.1 * i + (0.3 if i % 3 else 0) for i in range(40)]})
    a = pipe.run("Shapiro gives me p < 0.05 on LDL. Is LDL really non-normal?", df).answer
    assert a["status"] == "answered" and not any("restricted" in n for n in a["assumptions"])
    b = pipe.run("Is LDL normal for the rows with LDL < 4?", df).answer
    assert any("restricted" in n for n in b["assumptions"])  # a real condition still subsets


@pytest.mark.parametrize(
    "question", ["diferentiate y^3 ln y", "solve y = 2 x + 1 for x", "plot e and o against a"]
)
def test_one_letter_variables_are_not_foreign_words(question):
    assert language(question) is None


def test_a_noun_in_ity_names_its_adjective_header_before_a_synonym():
    from havoc_srs.reader.text import word_match

    assert word_match("obesity", "obese") > word_match("obesity", "bmi")
    assert word_match("humidity", "humid") >= 0.9 and word_match("city", "cit") == 0.0
    ds = load_data(pd.DataFrame({"BMI": [22.0, 31, 27, 35], "Obese": list("NYNY"),
                                 "Sex": list("FMFM")}))  # fmt: skip
    assert [m.column for m in ground_columns("obesity status by sex", ds)] == ["Obese", "Sex"]


def test_a_module_path_names_no_statistic():
    from havoc_srs.reader import statistic as S

    assert S.asked_statistics("scipy.stats.wilcoxon(before, after) on the readings") == []
    assert "mean" in S.asked_statistics("summary stats of weight")


def test_no_control_characters_in_the_sources():
    """A regex once held a literal backspace where a word boundary was meant."""
    from pathlib import Path

    import havoc_srs

    root = Path(havoc_srs.__file__).parent
    bad = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if any(ord(c) < 32 and c not in "\n\t\r" for c in p.read_text(encoding="utf-8"))
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("whats the core relation between a and b", "correlation"),
        ("is the vari ance equal", "variance"),
        ("normal distri bution of age", "distribution"),
        ("the core value and relation of a to b", None),  # not neighbours
        ("a normal distribution", None),  # already a cue word
    ],
)
def test_a_cue_word_split_by_dictation_is_joined(text, want):
    from havoc_srs.reader.spelling import spelled

    out = spelled(text)
    assert len(out) == len(text)  # positions after the join stay put
    if want is None:
        assert out == text
    else:
        assert want in out


def test_dictated_correlation_is_answered(pipe):
    df = pd.DataFrame({"gravity": [1.040 + 0.002 * i for i in range(20)],
                       "abv": [4.1 + 0.1 * i + (0.2 if i % 3 else -0.1) for i in range(20)]})  # fmt: skip
    a = pipe.run("whats the core relation between gravity and abv for our batches", df).answer
    assert a["family"] == "correlation" and a["status"] == "answered"


def test_foreign_typed_values_with_decimal_commas_are_the_data(pipe):
    r = pipe.run(
        "Werte der Linie A: 10,1 10,3 9,9 10,2 10,0 und Linie B: 10,4 10,6 10,5 10,7 10,3. "
        "Unterscheiden sich die Mittelwerte?"
    )
    a = r.answer
    assert r.status == "answered" and a["analysis"] == "ttest_welch"
    assert sorted([a["key_numbers"]["mean_x"], a["key_numbers"]["mean_y"]]) == pytest.approx(
        [10.1, 10.5]
    )
    assert a["question"].startswith("Werte der Linie A: 10,1")  # quoted as written
