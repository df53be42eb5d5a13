"""Test and power questions in wording the readers missed (hyp8). The phrasings and tables
were written for these tests, not copied from the corpus; each rule has a case where it must
not fire."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from havoc_srs import Pipeline
from havoc_srs.reader.foreign import language, to_english
from scipy import stats
from statsmodels.stats.power import TTestIndPower

RNG = np.random.default_rng(8088)


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(index=False)


def _ask(pipe, question, data=None, family="hypothesis_test", analysis=None):
    r = pipe.run(question, data=data)
    a = r.answer
    assert a["family"] == family, (question, a["family"])
    assert r.status == "answered", (question, r.status, a.get("missing"), a.get("conclusion"))
    if analysis is not None:
        assert a["analysis"] == analysis, (question, a["analysis"])
    return a


# ---- the test and power glossary, now part of reader/foreign.py ----------------------------


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("¿Cuántas piezas por grupo necesitamos para detectar 0,4 desviaciones estándar?",
         ["how many", "per group", "need", "detect", "0.4 standard deviations"]),
        ("Wie viele Proben pro Arm brauchen wir bei einer Power von 90 %?",
         ["how many samples", "per arm", "need"]),
        ("Combien d'essais par groupe pour détecter un demi-écart type ?",
         ["how many", "per group", "detect", "half a standard deviation"]),
        ("Quanti campioni per gruppo servono per rilevare una differenza di 0,3?",
         ["how many samples", "per group", "detect", "0.3"]),
        ("Quantas amostras por grupo para detectar meio desvio padrão?",
         ["how many samples", "per group", "half a standard deviation"]),
        ("¿La media de las dos líneas es diferente? Use una prueba t pareada.",
         ["paired t-test", "different"]),
        ("Vergleiche die Ausbeute der Linien mit einem Welch-Test.", ["yield", "welch t-test"]),
    ],
)  # fmt: skip
def test_power_and_test_words_read_in_english(question, words):
    english = to_english(question).lower()
    for w in words:
        assert w in english, (w, english)


def test_romance_adjective_after_its_noun_goes_before_it():
    assert "internal resistance" in to_english(
        "¿Es diferente la resistencia interna de las celdas?"
    )
    assert "mean hardness" in to_english("La dureza media de los lotes es mayor que 60?")
    assert "mean temperature" in to_english("La temperatura media du four est-elle égale à 200 ?")
    # German writes its adjectives first: nothing moved
    assert "mean" not in to_english("Ist der Widerstand gleich? Mittel und Streuung bitte.")


def test_a_capital_letter_label_is_not_the_preposition_a():
    english = to_english("¿Es la línea A más rápida que la línea B?")
    assert "line A" in english and "line B" in english
    # the preposition "a", lower case, is still read as a word
    assert "to" in to_english("Compara el peso de la línea 1 a la línea 2, por favor")


def test_english_questions_are_left_alone():
    for q in (
        "how many per group for a 0.5 sd shift? values 2,4,6",
        "Is line A different from line B?",
        "power of a t test with 20 per arm",
    ):
        assert language(q) is None and to_english(q) is None


@pytest.mark.parametrize(
    ("question", "effect", "power"),
    [
        ("¿Cuántas piezas por grupo necesitamos para detectar 0,5 desviaciones estándar con "
         "una potencia del 90 %?", 0.5, 0.9),
        ("Quanti campioni per gruppo servono per rilevare mezza deviazione standard con potenza "
         "dell'80 %?", 0.5, 0.8),
    ],
)  # fmt: skip
def test_sample_size_in_another_language_runs(pipe, question, effect, power):
    a = _ask(pipe, question, family="power")
    k = a["key_numbers"]
    assert k["solved_for"] == "n"
    assert k["effect_size"] == pytest.approx(effect)
    want = TTestIndPower().solve_power(effect_size=effect, power=power, alpha=0.05)
    assert k["n"] == int(np.ceil(want))


def test_paired_test_asked_in_spanish(pipe):
    before = RNG.normal(50, 2, 15)
    d = pd.DataFrame({"Antes": before, "Despues": before - RNG.normal(0.8, 0.5, 15)})
    a = _ask(pipe, "¿Hay diferencia entre antes y después? Prueba t pareada.", d,
             analysis="ttest_paired")  # fmt: skip
    want = stats.ttest_rel(d["Antes"], d["Despues"])
    assert a["key_numbers"]["p_value"] == pytest.approx(want.pvalue, rel=1e-6)
