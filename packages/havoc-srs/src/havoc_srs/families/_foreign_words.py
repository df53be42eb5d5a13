"""Test and power requests written in Spanish, German, French, Portuguese or Italian: their
statistical words put into English, so that the English readers of the hypothesis-test and
power families read them ("¿cuántas muestras por grupo ... potencia 80 %" -> "how many samples
per group ... power 80%").

Only the vocabulary of tests, sample sizes and common measured quantities is translated, and
only when the question holds at least one word that is plainly not English (``foreign``); the
decimal comma of those languages ("0,5") is read as a point there. A Romance adjective after its
noun ("resistencia interna") is put before it, as English writes it ("internal resistance").

>>> to_english("¿cuántas muestras por grupo para detectar 0,5 desviaciones estándar?")
'¿how many samples per group para detect 0.5 standard deviations?'
>>> to_english("is line a different from line b?")
'is line a different from line b?'
"""

from __future__ import annotations

import re

# phrases first (longest first), then single words; keys are regex fragments on lower case
_PHRASES: list[tuple[str, str]] = [
    # Spanish
    (r"media(?= desviaci)", "half a"), (r"cu[aá]nt[ao]s", "how many"), (r"tama[ñn]o de (?:la )?muestra", "sample size"),
    (r"desviaci[oó]n(?:es)? est[aá]ndar|desviaci[oó]n(?:es)? t[ií]pica", "standard deviation"),
    (r"nivel de significa(?:ncia|ci[oó]n)", "significance level"),
    (r"prueba t de welch", "welch t-test"), (r"prueba t pareada", "paired t-test"),
    (r"prueba t", "t-test"), (r"prueba", "test"),
    (r"por grupo", "per group"), (r"por brazo", "per arm"), (r"potencia", "power"),
    (r"alfa", "alpha"), (r"diferencia", "difference"), (r"diferentes? de", "different from"),
    (r"mayor(?:es)? que", "greater than"), (r"menor(?:es)? que", "less than"),
    (r"necesit(?:o|amos|a|an)", "need"), (r"detectar", "detect"), (r"comparar", "compare"),
    (r"contra", "versus"), (r"promedio|media", "mean"), (r"muestras", "samples"),
    (r"muestra", "sample"), (r"grupos", "groups"), (r"grupo", "group"),
    # German
    (r"wie viele", "how many"), (r"stichprobenumfang|stichprobengr[öo](?:ß|ss)e", "sample size"),
    (r"standardabweichung", "standard deviation"), (r"signifikanzniveau", "significance level"),
    (r"teststärke|trennschärfe", "power"), (r"pro gruppe", "per group"),
    (r"unterschied", "difference"), (r"mittelwert", "mean"), (r"proben", "samples"),
    (r"brauch(?:e|en|t)", "need"), (r"gruppen", "groups"), (r"gruppe", "group"),
    # French
    (r"combien", "how many"), (r"[ée]cart[- ]types?", "standard deviation"),
    (r"seuil de signification", "significance level"), (r"par groupe", "per group"),
    (r"puissance", "power"), (r"diff[ée]rence", "difference"), (r"moyenne", "mean"),
    (r"[ée]chantillons", "samples"), (r"d[ée]tecter", "detect"),
    # Portuguese and Italian
    (r"quant[ao]s|quanti", "how many"), (r"desvio[- ]padr[ãa]o", "standard deviation"),
    (r"deviazione standard", "standard deviation"), (r"amostras|campioni", "samples"),
    (r"diferen[çc]a|differenza", "difference"), (r"potenza", "power"),
    # measured quantities and the groups of a plant
    (r"eficiencia|effizienz|efficacit[ée]|efici[êe]ncia|efficienza", "efficiency"),
    (r"resistencia|widerstand|r[ée]sistance|resist[êe]ncia|resistenza", "resistance"),
    (r"dureza|h[äa]rte|duret[ée]|durezza", "hardness"), (r"espesor|dicke|[ée]paisseur", "thickness"),
    (r"peso|gewicht|poids", "weight"), (r"temperatura|temp[ée]rature", "temperature"),
    (r"presi[oó]n|druck|pression", "pressure"), (r"rendimiento|ausbeute|rendement", "yield"),
    (r"l[ií]neas", "lines"), (r"l[ií]nea", "line"), (r"m[aá]quinas", "machines"),
    (r"m[aá]quina", "machine"), (r"proveedor(?:es)?|lieferant(?:en)?|fournisseurs?", "supplier"),
    (r"turnos?", "shift"), (r"paneles|paneaux", "panels"),
    # the small words the English readers lean on ("with 80% power", "power of 90%")
    (r"con|mit|avec|com", "with"), (r"para|pour|f[üu]r", "for"),
    (r"del|de|des|du|der", "of"), (r"es|ist|est|é", "is"), (r"si|wenn|se", "if"), (r"una|un|une|uma|ein|eine|einen", "a"), (r"und|et", "and"),
]  # fmt: skip
# adjectives a Romance language writes after the noun ("resistencia interna")
_ADJ_AFTER: list[tuple[str, str]] = [
    (r"intern[ao]s?|interne", "internal"), (r"extern[ao]s?|externe", "external"),
    (r"medi[ao]s?|moyenne", "mean"), (r"total(?:es)?|totale", "total"),
]  # fmt: skip
# words no English question holds: the question is in another language
_FOREIGN = re.compile(
    r"[¿¡]|\b(?:cu[aá]nt[ao]s|muestras?|necesit\w+|potencia|prueba|desviaci[oó]n|diferencia|"
    r"por favor|wie viele|proben|brauche\w*|unterschied|standardabweichung|stichprobe\w*|"
    r"combien|[ée]chantillons|puissance|[ée]cart[- ]type|quantas|amostras|campioni|"
    r"nivel de|los|las|del|und|ich|nous|avec|pour)\b"
)


def foreign(q: str) -> bool:
    """Whether the (lower-case) question is written in one of the languages translated here."""
    return bool(_FOREIGN.search(q))


def to_english(q: str, headers: list[str] | tuple[str, ...] = ()) -> str:
    """The lower-case question with its test and power words in English; unchanged when it is
    written in English. A word the table's own ``headers`` use stays as written ("eficiencia"
    of an ``Eficiencia %`` column)."""
    if not foreign(q):
        return q
    keep = {w for h in headers for w in re.findall(r"[^\W\d_]+", str(h).lower())}
    for pat, words in _PHRASES:
        q = re.sub(
            rf"(?<![\w-])(?:{pat})(?![\w-])",
            lambda m, words=words: m.group(0) if m.group(0) in keep else words,
            q,
        )
    nouns = r"(resistance|temperature|pressure|diameter|thickness|weight|hardness|efficiency)"
    for pat, words in _ADJ_AFTER:
        q = re.sub(rf"\b{nouns}\s+(?:{pat})\b", rf"{words} \1", q)
    # the decimal comma: "0,5", "2,75" (a thousands group has three digits and no space)
    return re.sub(r"(?<![\d.])(?<!\d,)(\d+),(\d{1,2}|\d{4,})(?!\d|,\d)", r"\1.\2", q)
