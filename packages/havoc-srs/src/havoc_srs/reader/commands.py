"""Statistics-software commands written without brackets: Stata's ``swilk price``,
``summarize tip if payment == 1``, ``tabstat kwh, by(type) stats(mean sd cv)``,
``ksmirnov lead, by(hotel)``, ``tab status``, and SPSS's ``DESCRIPTIVES VARIABLES=age``.

A command stands at the start of the question (or after "run", "stata:" or a colon) and is
followed by a variable name, not by prose: "sum of the sales" is English, "sum sales" is Stata.
Each command names its analysis with that software's defaults: ``summarize`` is N, mean, SD,
min and max (with ``, detail`` also the variance, skewness, kurtosis and percentiles),
``tabstat`` the statistics of its ``stats()`` option (the mean without one), ``tab`` the
frequencies.

>>> [c.name for c in command_calls("swilk Sepal.Width")]
['swilk']
>>> command_statistics(command_calls("tabstat kwh, by(type) stats(mean sd cv)")[0])
['mean', 'std', 'cv']
>>> command_calls("sum of the sales by region")
[]
"""

from __future__ import annotations

import re
from typing import Any

# command -> the name calls.py knows it by
_COMMANDS = {
    "swilk": "swilk", "sfrancia": "swilk", "sktest": "swilk", "ksmirnov": "ksmirnov",
    "summarize": "summarize", "summ": "summarize", "sum": "summarize",
    "su": "summarize", "tabstat": "tabstat", "tab": "tab", "tabulate": "tab", "tab1": "tab",
    "descriptives": "descriptives", "frequencies": "tab",
    # Stata's tests of the verdict families: variance (robvar = Levene / Brown-Forsythe,
    # sdtest = the variance-ratio F test), correlation (pwcorr, spearman, ktau, pcorr)
    "robvar": "robvar", "sdtest": "sdtest", "pwcorr": "pwcorr", "spearman": "spearman",
    "ktau": "ktau", "pcorr": "pcorr",
}  # fmt: skip
# English words too: the variable after them must look like one ("tip_amount", "x1")
_ENGLISH = frozenset("sum su summ summarize tab tabulate".split())
_START = re.compile(
    r"(?:^|[:;]\s*|\brun\s+|\bstata\W*|\bspss\W*)(" + "|".join(sorted(_COMMANDS, key=len)[::-1])
    + r")\s+(?=[A-Za-z_])",
    re.I,
)  # fmt: skip
# a Stata option after the comma: "tab smoker cancer, chi2", "sum income, detail"
_OPTION = re.compile(r",\s*(?:chi2|exact|lrchi2|detail|row|col|cell|missing)\b", re.I)
_PROSE = frozenset(
    "of the a an up all it them this that these those my our your for in on by to and over".split()
)
_STATS = {
    "mean": "mean", "sd": "std", "var": "variance", "variance": "variance", "cv": "cv",
    "median": "median", "p50": "median", "p25": "quartiles", "p75": "quartiles", "q": "quartiles",
    "iqr": "iqr", "min": "min", "max": "max", "range": "range", "n": "count", "count": "count",
    "skewness": "skewness", "skew": "skewness", "kurtosis": "kurtosis", "kurt": "kurtosis",
    "stddev": "std", "stdev": "std", "minimum": "min", "maximum": "max",
}  # fmt: skip
_DETAIL = ["count", "mean", "std", "variance", "skewness", "kurtosis", "min", "quartiles",
           "median", "max"]  # fmt: skip


def command_calls(question: str) -> list[Any]:
    """Bracketless commands in ``question`` as :class:`havoc_srs.reader.calls.Call` objects."""
    from havoc_srs.reader.calls import Call

    out = []
    for m in _START.finditer(question):
        word = m.group(1).lower()
        rest = question[m.end() :]
        first = re.match(r"[\w.]+", rest)
        if first is None or first.group(0).lower() in _PROSE:
            continue
        spss = word in ("descriptives", "frequencies")
        if not spss and not m.group(1).islower():
            continue  # Stata's commands are lower case: "Summarize openness: ..." is English
        if not spss and not re.match(r"[\w.]+(\s+[\w.]+)*\s*(,|\bif\b|$|\?)", rest.strip()):
            continue  # "sum sales" / "sum sales, detail", not "summarize openness: mean, sd"
        if (
            word in _ENGLISH
            and not re.search(r"[_.\d]|[a-z][A-Z]", first.group(0))
            and not _OPTION.search(rest)
        ):
            continue  # "summarize income" may be English; "summarize tip_amount" is Stata
        if spss and not re.match(r"variables\s*=", rest, re.I):
            continue
        name = _COMMANDS[word]
        option = re.search(r",.*?\b(chi2|exact|lrchi2)\b", rest, re.I)
        if name == "tab" and option:
            # "tabulate smoker cancer, chi2": the test of the cross-table ("exact": Fisher);
            # with both options, the first one written
            name = "fisher.test" if option.group(1).lower() == "exact" else "chisq.test"
        if name == "ksmirnov":  # two groups with by(), else against a normal
            name, rest = ("ks_2samp", rest) if "by(" in rest.lower() else ("ks", rest + ' "norm"')
        out.append(Call(name, rest, m.start(1), m.end(1)))
    return out


def command_statistics(call: Any) -> list[str] | None:
    """The descriptive statistics a command computes, or None for a command that is no
    summary."""
    args = call.args.lower()
    if call.name == "summarize":
        return list(_DETAIL) if re.search(r",\s*(d|de|det|detail)\b", args) else [
            "count", "mean", "std", "min", "max"]  # fmt: skip
    if call.name == "descriptives":
        return ["count", "mean", "std", "min", "max"]
    if call.name == "tab":
        return ["count"]
    if call.name == "tabstat":
        m = re.search(r"\bs(?:tat(?:istic)?s?)?\(([^)]*)\)", args)
        if not m:
            return ["mean"]
        got = [_STATS[w] for w in re.findall(r"[a-z0-9]+", m.group(1)) if w in _STATS]
        return list(dict.fromkeys(got)) or ["mean"]
    return None
