"""Summary statistics typed into the question, read as samples: "n = 12, mean 10.2, sd 0.3".

A t-test needs only each sample's size, mean and standard deviation, and people who have no
table often give exactly those ("Line A: n=12, mean 10.2 mm, sd 0.3; line B: n=15, mean 10.5,
sd 0.4", "a sample of 25 bolts averaged 812 MPa with a standard deviation of 14 MPa"). Each
statistic is found by the words that name it (mean, average, x-bar; sd, s, std dev, standard
deviation, or a variance; n, sample size, "25 parts were measured"); they are grouped into
samples in the order they are written, a new sample starting when a statistic repeats. A sample
is kept only with all three; a size stated once for all ("10 in each group") is shared.
A standard error is never read as a standard deviation.

>>> [(s.label, s.n, s.mean, s.sd) for s in summaries("Line A: n=12, mean 10.2, sd 0.3; "
...     "line B: n=15, mean 10.5, sd 0.4. Do they differ?")]
[('Line A', 12, 10.2, 0.3), ('line B', 15, 10.5, 0.4)]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUM = r"[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_LINK = r"\s*(?:\bof\b|\bwas\b|\bis\b|\bwere\b|\bat\b|=|:|≈|~)?\s*(?:about\s+|approx\.?\s+)?"
_NOT_SE = r"(?<!standard error of the )(?<!standard error of )"

_UNIT_NOUNS = (
    r"observations|measurements|readings|specimens|samples|values|data\s+points|parts|units|"
    r"pieces|subjects|patients|runs|batches|items|lots|days|shifts|operators|groups"
)
# up to three words between a statistic's name and its value ("mean tensile strength 812 MPa")
_WORDS = (
    r"(?:\s+(?!(?:of|the|from|than|to|is|was|are|were|at|differ\w*|equal\w*|above|below|over|"
    r"under|exceed\w*|less|more|greater|higher|lower|smaller|larger|bigger|within|against|vs|"
    # nor a condition or another statistic's name: "the mean given n = 16, x̄ = 24.3"
    r"given|with|where|when|if|assuming|n|s|sd)\b)"
    r"[A-Za-z][\w\-]*){0,3}"
)  # no comparison between: "the mean recovery above 95" states the value tested, not a mean
_MEAN = re.compile(
    rf"{_NOT_SE}(?:\b(?:sample\s+)?(?:mean|average|avg|mittelwert|durchschnitt|media|moyenne|"
    rf"promedio|médi[ao])s?\b|x̄|\bx[- ]?bar\b|\bx_?bar\b|\bm\b(?=\s*[=:]))"
    rf"{_WORDS}{_LINK}(?P<v>{_NUM})(?![\d])(?!\s+(?:{_UNIT_NOUNS})\b)"
    rf"|\baverag(?:ed|ing)\s+(?:out\s+at\s+|at\s+)?(?P<v2>{_NUM})(?![\d])",
    re.IGNORECASE,
)
_SD = re.compile(
    r"(?<!error\s)(?<!\bse\s)"
    r"(?:\b(?:sample\s+)?(?:standard\s+deviation|std\.?\s*dev\.?|st\.?\s*dev\.?|stdev|std|sd|s\.d\.|"
    r"standardabweichung|desviaci[oó]n\s+est[aá]ndar|[eé]cart[- ]type|deviazione\s+standard|"
    r"desvio\s+padr[aã]o)"
    r"(?:\s*\(\s*s\s*\))?"
    r"|\bs\b(?=\s*[=:])|σ|\bsigma\b)"
    rf"{_WORDS}{_LINK}(?P<v>{_NUM})(?![\d])",
    re.IGNORECASE,
)
_SE = re.compile(
    rf"\b(?:standard\s+error(?:\s+of\s+(?:the\s+)?mean)?|s\.?e\.?m?\.?)(?=[\s=:])"
    rf"{_LINK}(?P<v>{_NUM})(?![\d])",
    re.IGNORECASE,
)
_VAR = re.compile(rf"\b(?:sample\s+)?variance{_LINK}(?P<v>{_NUM})(?![\d])", re.IGNORECASE)
_N = re.compile(
    rf"\bn\s*(?:=|:|\bof\b|\bis\b|\bwas\b)?\s*(?P<v>\d+)(?![\d.,]\d)"
    rf"|\bsample\s+size\s*(?:of|=|:|is|was)?\s*(?P<v2>\d+)(?![\d.,]\d)"
    rf"|\b(?:random\s+)?(?:samples?|groups?)\s+of\s+(?:size\s+)?(?P<v3>\d+)(?![\d.,]\d)"
    rf"|\b(?P<v4>\d+)(?![\d.,]\d)\s+(?:randomly\s+(?:selected|chosen|drawn)\s+)?(?:[a-z\-]+\s+){{0,2}}"
    r"(?:were|was|got|are|have\s+been|had\s+been)\s+"
    r"(?:measured|tested|sampled|inspected|weighed|checked|taken|selected|recorded|pulled|run)\b"
    rf"|\b(?P<v5>\d+)(?![\d.,]\d)\s+(?:{_UNIT_NOUNS})\b"
    # "14 panels averaged 212.5", "20 rods had a mean of ...": a count of things, then their mean
    r"|\b(?P<v7>\d+)(?![\d.,]\d)\s+[A-Za-z][\w\-]*s\b(?=\s+(?:averag\w*|had|have|gave|showed|"
    r"with|of which)\b)"
    r"|\b(?:tested|measured|sampled|inspected|weighed|checked|took|pulled|ran)\s+(?P<v6>\d+)"
    r"(?![\d.,]\d)(?!\s*(?:%|times|hours|minutes|days)\b)"
    # "we timed 22 cycles", "I logged 30 runs", "they cut 12 coupons": a subject, a verb in the
    # past tense, then the count of things measured
    r"|\b(?:we|i|they|he|she|the lab|the team)\s+(?:[a-z]+ed|cut|ran|took|drew|made|built|"
    r"broke|shot|spun|hit|put)\s+(?:a\s+(?:total|sample|batch|set)\s+of\s+)?(?P<v8>\d+)(?![\d.,]\d)"
    r"(?=\s+(?:[a-z\-]+\s+)?[a-z\-]+s\b)(?!\s*(?:%|times|hours|minutes|days|weeks|months|years|"
    r"seconds|dollars|euros|percent)\b)"
    # "over 20 boxes", "across 12 shifts", "from 15 bars": the count the statistics are over
    r"|\b(?:over|across|from|on)\s+(?P<v9>\d+)(?![\d.,]\d)(?=\s+(?:[a-z\-]+\s+)?[a-z\-]+s\b)"
    r"(?!\s*(?:%|times|hours|minutes|days|weeks|months|years|seconds|dollars|euros|percent)\b)"
    # ", 22 boxes." : a count of things set off on its own between the other statistics
    r"|(?:^|[,;:(]\s*)(?P<v10>\d+)(?![\d.,]\d)\s+(?:[a-z\-]+\s+)?[a-z\-]+s\b(?=\s*(?:[.,;)?]|$))"
    r"(?<!times)(?<!hours)(?<!minutes)(?<!days)(?<!weeks)(?<!months)(?<!years)(?<!seconds)",
    re.IGNORECASE,
)
_EACH = re.compile(
    r"\b(?:each|per\s+(?:group|sample|line|machine|arm)|in\s+(?:each|both)|both\s+(?:groups|samples))\b",
    re.IGNORECASE,
)
_LABEL_TAIL = re.compile(
    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z0-9][\w\-]*){0,2})\s*(?:\(|:|-|–|,)?\s*"
    r"(?:\b(?:had|has|have|showed|shows|gave|gives|with|was|were|is|are|reads?|averaged|averaging)\b\s*)?"
    r"(?:\ba\b\s*|\ban\b\s*|\bthe\b\s*)?$"
)
_LEAD = {
    "and", "the", "for", "while", "whereas", "but", "then", "from", "of", "with", "a", "an",
    "sample", "samples", "data", "we", "i", "our", "my", "got", "gives", "give", "had", "has",
    "have", "showed", "was", "were", "is", "are", "mean", "average", "sd", "n", "size", "std",
}  # fmt: skip


@dataclass(frozen=True)
class Summary:
    label: str
    n: int
    mean: float
    sd: float


def _value(text: str) -> float:
    # a decimal comma ("10,2") is a decimal point; nothing else has a comma inside a number here
    return float(text.replace(",", "."))


def _tokens(question: str) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []
    for kind, pat in (("mean", _MEAN), ("sd", _SD), ("se", _SE), ("var", _VAR), ("n", _N)):
        for m in pat.finditer(question):
            text = next(v for k, v in m.groupdict().items() if v is not None)
            if kind == "sd" and re.search(
                r"standard\s+error\s*(?:of\s+(?:the\s+)?mean\s*)?$", question[: m.start()], re.I
            ):
                continue
            out.append((m.start(), m.end(), kind, _value(text)))
    out.sort()
    # a token inside another one ("sample size of 12" read twice) counts once
    kept: list[tuple[int, int, str, float]] = []
    for t in out:
        if kept and t[0] < kept[-1][1]:
            continue
        kept.append(t)
    return kept


def without_summaries(question: str) -> str:
    """The question with its summary statistics blanked out, so that the value a mean is tested
    against is not read from "mean 10.2" itself."""
    out = question
    for start, end, _kind, _value in reversed(_tokens(question)):
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def _label(question: str, start: int, floor: int) -> str | None:
    chunk = question[floor:start]
    chunk = re.split(r"[;\n.?!]\s|[;\n]", chunk)[-1]
    m = _LABEL_TAIL.search(chunk.strip())
    if m:
        words = [w for w in m.group(1).split()]
        while words and words[0].lower() in _LEAD:
            words = words[1:]
        while words and words[-1].lower() in _LEAD - {"a", "an"}:
            words = words[:-1]
        if words and not (len(words) == 1 and re.fullmatch(r"[\d.,]+", words[0])):
            return " ".join(words)
    return None


def summaries(question: str, need_n: bool = True) -> list[Summary]:
    """The samples the question describes by size, mean and SD (empty when it gives none).
    With ``need_n=False`` a sample may lack its size (``n`` is then 0): a capability needs only
    the mean and SD."""
    tokens = _tokens(question)
    if not any(k == "mean" for _, _, k, _ in tokens):
        return []
    groups: list[dict[str, float]] = []
    spans: list[list[tuple[int, int, str]]] = []  # each group's tokens (start, end, kind)
    for start, end, kind, value in tokens:
        key = "sd" if kind == "var" else kind
        if kind == "var":
            if value < 0:
                continue
            value = math.sqrt(value)
        if not groups or key in groups[-1]:
            groups.append({})
            spans.append([])
        groups[-1][key] = value
        spans[-1].append((start, end, key))
    shared = None
    sizes = [g["n"] for g in groups if "n" in g]
    if len(sizes) == 1 and len(groups) >= 2 and _EACH.search(question):
        shared = sizes[0]
    out: list[Summary] = []
    floor = 0
    for g, span in zip(groups, spans, strict=True):
        n = g.get("n", shared)
        if "sd" not in g and "se" in g and n is not None:  # a standard error of the mean: s/sqrt(n)
            g["sd"] = g["se"] * math.sqrt(n)
        label = _group_label(question, span, floor)
        floor = span[-1][1]
        if n is None and not need_n:
            n = 0
        if n is None or "mean" not in g or "sd" not in g:
            continue
        if n != int(n) or (n < 2 and (need_n or n != 0)) or g["sd"] < 0:
            continue
        out.append(Summary(label or f"sample {len(out) + 1}", int(n), g["mean"], g["sd"]))
    labels = [s.label for s in out]
    if len(set(labels)) < len(labels):  # the same words before each: number the samples instead
        out = [Summary(f"sample {i + 1}", s.n, s.mean, s.sd) for i, s in enumerate(out)]
    return out if len(out) <= 2 else []


def _group_label(question: str, span: list[tuple[int, int, str]], floor: int) -> str | None:
    """The words naming a sample: just before its mean ("group 1 mean 5.5"), else just before
    its first statistic ("Line A: n=12, mean ...")."""
    first_mean = next((i for i, t in enumerate(span) if t[2] == "mean"), 0)
    if first_mean:
        label = _label(question, span[first_mean][0], span[first_mean - 1][1])
        if label:
            return label
    return _label(question, span[0][0], floor)
