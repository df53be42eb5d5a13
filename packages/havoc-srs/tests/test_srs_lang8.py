"""Dutch, Polish, Turkish and Swedish questions read in English (reader/foreign_more.py).

Every question here was written for these tests (general statistics and engineering
phrasings), not copied from the corpus.
"""

from __future__ import annotations

import pytest
from havoc_srs.reader.foreign import language, to_english


def _has(english: str | None, *words: str) -> None:
    assert english is not None
    low = english.lower()
    for w in words:
        assert w in low, (w, english)


# ---- Dutch ----
DUTCH = [
    ("Wat is de gemiddelde wachttijd per filiaal?", ("mean", "waiting time", "per")),
    ("Is de temperatuur normaal verdeeld?", ("temperature", "normally distributed")),
    ("Verschillen de prijzen tussen de drie leveranciers?", ("differ", "prices", "between")),
    ("Is er een verband tussen leeftijd en inkomen?", ("is there", "association", "age", "income")),
    ("Graag een regelkaart voor de vulgewichten, subgroepen van 5.", ("control chart", "fill weight")),
    ("Bereken de Cpk van de wanddikte, specificatiegrenzen 2,1 en 2,9 mm.", ("compute", "wall thickness", "2.1")),
    ("Hoeveel metingen zijn nodig voor een vermogen van 90%?", ("how many", "measurements", "power")),
    ("Is de standaardafwijking van de hardheid groter dan 3?", ("standard deviation", "hardness", "greater than")),
]  # fmt: skip

# ---- Polish ----
POLISH = [
    ("Jaka jest średnia waga paczek?", ("what", "mean", "weight")),
    ("Czy mediana czasu oczekiwania różni się między oddziałami?", ("median", "time", "differs", "between")),
    ("Oblicz odchylenie standardowe temperatury dla każdej maszyny.", ("compute", "standard deviation", "temperature", "machine")),
    ("Czy ceny mają rozkład normalny?", ("whether", "price", "normal distribution")),
    ("Czy istnieje korelacja między wiekiem a ciśnieniem?", ("correlation", "between", "age", "pressure")),
    ("Proszę o kartę kontrolną dla grubości powłoki.", ("please", "control chart", "thickness")),
    ("Jaka jest zdolność procesu, jeśli tolerancja wynosi 10,0 ± 0,2 mm?", ("process capability", "tolerance", "10.0")),
    ("Ile próbek potrzebuję przy mocy 80% i poziomie istotności 0,05?", ("how many", "sample", "power", "significance level", "0.05")),
]  # fmt: skip

# ---- Turkish ----
TURKISH = [
    ("Bekleme sürelerinin ortalaması nedir?", ("waiting", "duration", "mean", "what is")),
    ("Sıcaklık ile basınç arasında korelasyon var mı?", ("temperature", "pressure", "between", "correlation")),
    ("Fiyatların standart sapması bölgeye göre farklı mı?", ("price", "standard deviation", "region", "by", "different")),
    ("Ağırlıklar normal dağılıyor mu? Lütfen test yapın.", ("weight", "normally distributed", "please", "test")),
    ("Çap için kontrol grafiği çizer misiniz?", ("diameter", "control chart")),
    ("Makinelerin kalınlık varyansı eşit mi?", ("machine", "thickness", "variance", "equal")),
    ("Süreç yeterliliği nedir? Tolerans 4,5 ile 5,5 arasında.", ("process capability", "tolerance", "4.5")),
    ("Yaşın medyanı ve çeyrekleri nedir?", ("age", "median", "quartile")),
]  # fmt: skip

# ---- Swedish ----
SWEDISH = [
    ("Vad är medelvärdet av väntetiden per avdelning?", ("what", "mean", "waiting time", "per")),
    ("Finns det ett samband mellan ålder och lön?", ("is there", "association", "between", "age", "salary")),
    ("Är vikterna normalfördelade?", ("weight", "normally distributed")),
    ("Skiljer sig priserna mellan butikerna?", ("differs", "price", "between")),
    ("Beräkna standardavvikelsen för tjockleken hos varje maskin.", ("compute", "standard deviation", "thickness", "machine")),
    ("Kan ni göra ett styrdiagram för håldiametern?", ("can you", "control chart", "diameter")),
    ("Hur stor är processdugligheten om toleransen är 12,0 till 12,4?", ("how", "process capability", "tolerance", "12.0")),
    ("Hur många mätningar behövs för en styrka på 80 %?", ("how", "measurement", "power")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "question", "words"),
    [("nl", q, w) for q, w in DUTCH]
    + [("pl", q, w) for q, w in POLISH]
    + [("tr", q, w) for q, w in TURKISH]
    + [("sv", q, w) for q, w in SWEDISH],
)
def test_read_in_english(lang, question, words):
    assert language(question) == lang
    _has(to_english(question), *words)


ENGLISH = [
    "Is the mean weight different from 10 g?",
    "Test mu = 10 vs mu > 10 with alpha 0.05",
    "Does the OD vary by operator? Gage R&R please.",
    "Is den size related to litter count in foxes?",
    "Summary stats for var1 and var2: mean, sd, min, max.",
    "Plan a 2^3 full factorial design with 2 center points.",
    "How does the plan de fund compare, mean returns by fund type?",
    "Is the proportion of defectives above 2%? 16 out of 500 failed, per the AQL plan.",
    "Make a CUSUM chart of bore diameter after lunch, then test the shift.",
    "Can the median delay for MV Tern be compared with the median for MV Skua?",
    "Is there a trend in the monthly sales for the region?",
    "Kan the data in column ni be summarised?",
]


@pytest.mark.parametrize("question", ENGLISH)
def test_english_stays_english(question):
    assert language(question) is None
    assert to_english(question) is None


def test_dutch_is_not_german_and_german_is_not_dutch():
    assert language("Ist die Streuung der Preise zwischen den Filialen gleich?") == "de"
    assert language("Is de spreiding van de prijzen tussen de filialen gelijk?") == "nl"
    assert language("Hay diferencia de la media entre los grupos?") == "es"
    assert language("Existe diferença entre a média dos grupos?") == "pt"


def test_polish_inflections_read_by_stem():
    # średnia / średniej / średnią: one stem, any case ending
    for q in ("Czy średnia jest większa?", "Ile wynosi wartość średniej?", "Porównaj ze średnią."):
        _has(to_english(q), "mean")
    # a Polish word written without its diacritics is still read
    _has(to_english("Czy srednia cisnienia jest rowna 5?"), "mean", "pressure")


def test_turkish_suffixes_and_softened_consonants():
    # fiyat / fiyatları / fiyatların; sıcaklık -> sıcaklığı (k softens to ğ)
    _has(to_english("Fiyatların dağılımı nedir?"), "price", "distribution")
    _has(
        to_english("Odanın sıcaklığı ile nem arasında ilişki var mı?"), "temperature", "association"
    )
    _has(to_english("Sicakligi icin ortalama nedir?"), "temperature", "mean")  # no diacritics


def test_swedish_definite_endings_and_compounds():
    _has(
        to_english("Vad är medianen av vikten för varje leverantör?"),
        "median",
        "weight",
        "supplier",
    )
    # compounds read by their known last part (and first part when known)
    _has(
        to_english("Gör ett diagram över borrdiametern och väggtjockleken."),
        "diameter",
        "wall thickness",
    )


def test_dutch_compound_and_hyphenated_chart():
    _has(
        to_english("Graag een p-kaart voor de afgekeurde onderdelen per partij."),
        "p chart",
        "rejected",
        "batch",
    )
    _has(to_english("Wat is de spreiding van de flesdiameter?"), "spread", "diameter")


def test_header_words_stay_untranslated():
    # a Dutch table's own header ("gewicht") stays as written so that it still names the column
    english = to_english("Wat is het gemiddelde gewicht per soort?", headers=["gewicht", "soort"])
    _has(english, "mean", "gewicht", "soort")


def test_one_letter_codes_in_brackets_are_kept():
    # "(J)" and "(N)" are codes of a Dutch table, not Spanish "y"
    english = to_english("Verschilt de dikte tussen gekoelde (Y) en niet-gekoelde (N) platen?")
    _has(english, "(y)", "(n)", "thickness", "between")


# ---- word order: Turkish postpositions, Polish "z <number>" ----
def test_turkish_postpositions_lead_their_noun_phrase():
    # "A ile B arasında" -> "between A and B"
    _has(to_english("Boy ile kilo arasında ilişki var mı?"), "between height and weight")
    # a compound noun phrase (possessive ending) moves whole: "between machine types"
    _has(to_english("Ağırlık varyansı makine tipleri arasında farklı mı?"), "between machine type")
    # "için" after a name: "for Line A"
    _has(to_english("Hat B için ortalama çap nedir?"), "for hat b", "mean", "diameter")
    # "göre" after one word: "by region"
    _has(to_english("Satışların ortalaması bölgeye göre farklı mı?"), "by region", "mean")


def test_turkish_postposition_near_miss():
    # "ile" as "with" (no "arasında"): no reordering, no "between"
    english = to_english("Levene testi ile varyansları karşılaştır lütfen.")
    assert english is not None and "between" not in english
    _has(english, "levene", "variance", "compare")


def test_polish_z_before_a_number_is_out_of():
    _has(to_english("Z 200 zbadanych części 7 było wadliwych. Czy to więcej niż 2%?"), "out of 200")
    # "z" before a word is "with": not "out of"
    english = to_english("Czy średnia z próby jest równa 5?")
    assert english is not None and "out of" not in english


# ---- Italian: elided prepositions, general vocabulary ----
def test_italian_elided_preposition_and_vocabulary():
    assert language("I giorni dall'ultimo ordine seguono una distribuzione esponenziale?") == "it"
    _has(
        to_english("I giorni trascorsi dall'ultimo ordine seguono una distribuzione esponenziale?"),
        "days since the last",
        "exponential",
    )
    _has(to_english("C'è correlazione tra la pressione arteriosa e l'età?"), "blood pressure")
    _has(to_english("Qual è la mediana dell'altezza?"), "what is", "median", "of the height")
    _has(
        to_english("La varianza del peso differisce tra i lotti?"), "variance", "weight", "batches"
    )


def test_italian_evidence_does_not_take_french_or_spanish():
    assert language("Quelle est la moyenne de l'âge des patients?") == "fr"
    assert language("¿Cuál es la media de los grupos del estudio?") == "es"
    assert language("What's the mean of all the weights?") is None


def test_turkish_request_form_reads_as_please():
    # "<verb> misiniz?": a polite request, whatever the verb
    for q in (
        "Basınç için histogram çizer misiniz?",
        "Ağırlığın ortalamasını hesaplar mısın?",
        "Çap için Cpk bulur musunuz?",
    ):
        english = to_english(q)
        _has(english, "please")
        assert "misin" not in english.lower() and "musun" not in english.lower()
    # a yes/no "mı" after an adjective is a question, not a request
    assert "please" not in to_english("Varyanslar eşit mi?")


def test_swedish_compound_head_is_an_everyday_word():
    # "styrka" alone is a test's power; as the last part of a compound a strength
    _has(to_english("Vilken styrka har testet med 20 prover?"), "power")
    english = to_english("Finns det ett samband mellan draghållfasthet och vindstyrka?")
    assert english is not None and "power" not in english
    _has(
        to_english("Hur många prov behövs för att upptäcka en skillnad på 2 mm?"),
        "how many",
        "difference of 2",
    )


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Wat is de gemiddelde vertraging per schip?", ("mean", "delay", "ship")),
        ("Czy opóźnienia zależą od siły wiatru?", ("delay", "wind")),
        ("Gemilerin yakıt tüketimi ortalaması nedir?", ("ship", "fuel", "consumption", "mean")),
        ("Vad är medelförseningen för varje fartyg?", ("mean delay", "ship")),
    ],
)
def test_everyday_nouns_of_tables(question, words):
    _has(to_english(question), *words)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Voer een lineaire regressie uit van de opbrengst op de temperatuur.",
            ("linear regression", "yield", "temperature"),
        ),
        (
            "Wykonaj regresję liniową plonu względem temperatury.",
            ("regression", "linear", "yield", "temperature"),
        ),
        (
            "Verimin sıcaklığa göre doğrusal regresyonunu hesaplayın.",
            ("yield", "temperature", "linear", "regression", "compute"),
        ),
        (
            "Gör en linjär regression av skörden mot temperaturen.",
            ("linear regression", "yield", "temperature"),
        ),
        (
            "Czy istnieje związek między sezonem a regionem?",
            ("is there", "association", "season", "region"),
        ),
        ("Mevsim ile bölge arasında ilişki var mı?", ("between season and region", "association")),
    ],
)
def test_engineering_and_data_words(question, words):
    _has(to_english(question), *words)


def test_short_questions_without_function_words():
    # no marker at all: the language's own nouns (with plural/definite endings) carry it
    assert language("Medelvärde och median för vikten?") == "sv"
    _has(to_english("Vikternas varians mellan leverantörerna?"), "weight", "variance", "supplier")
    assert language("Gemiddelde wachttijd per afdeling?") == "nl"
    assert language("Spreiding van de prijzen?") == "nl"
    # English plurals of words the glossaries hold as themselves are no evidence
    for q in (
        "Scores of the routes per machine types in weeks?",
        "Diagrams of the histogram for monsters?",
        "Median delay by vessel, and the quartiles of prices?",
    ):
        assert language(q) is None, q


def test_hyphenated_chart_names_keep_their_codes():
    _has(to_english("Maak een X-R-kaart voor de lengte."), "x-r chart", "length")
    _has(to_english("Gör ett EWMA-diagram för trycket."), "ewma chart", "pressure")
    _has(to_english("Envägs-ANOVA för vikten per maskin, tack."), "one-way anova", "weight")
    # a one-letter code is never a word ("i" is Swedish "in", "u" Dutch "you")
    english = to_english("Kan ni göra ett I-MR-diagram för vikten?")
    assert english is not None and "in mr" not in english
    _has(english, "i-mr chart")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "Graag een gepaarde t-toets op het gewicht voor en na de behandeling.",
            ("paired", "before and after"),
        ),
        (
            "Wykonaj test t dla prób zależnych: ciśnienie przed i po naprawie.",
            ("t-test", "paired samples", "before"),
        ),
        (
            "Tedavi öncesi ve sonrası ağırlık için eşleştirilmiş t testi yapın.",
            ("before and after", "paired", "weight"),
        ),
        (
            "Gör ett parat t-test på vikten före och efter behandlingen.",
            ("paired", "weight", "before and after"),
        ),
        (
            "Czy wytrzymałość na rozciąganie zależy od dostawcy? Analiza wariancji.",
            ("tensile strength", "analysis of variance"),
        ),
        (
            "Tek yönlü varyans analizi: çekme dayanımı tedarikçiye göre farklı mı?",
            ("one-way", "analysis of variance", "tensile strength"),
        ),
    ],
)
def test_paired_and_anova_phrasings(question, words):
    _has(to_english(question), *words)
