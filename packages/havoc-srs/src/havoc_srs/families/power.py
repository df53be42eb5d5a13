"""Power and sample size: t-tests (one-sample, paired, two-sample), one-way ANOVA (Cohen's f)
and two proportions; solves for n or for power.

There are no data assumptions to check; AUDIT recomputes the power from the noncentral t
distribution and checks that the rounded n reaches the target and one fewer does not.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset
from havoc_srs.dslbuild import let, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._typos import fix_typos
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import Missing, Plan, read_alpha
from havoc_srs.reader.foreign import to_english

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "power"
PROTOCOL = "arbiter"
ground_hint = "power and sample size"
VERBS = ("power",)

# ---------------------------------------------------------------------------------------------
# PLAN


_NUM = r"(\d+(?:\.\d+)?%?|\.\d+%?)"
_WORDNUM = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "hundred": "100",
}  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_SD_WORD = r"(?:standard deviations?|std\.? ?devs?|stdevs?|sds?|s_d|sigmas?|σ|s\.d\.)"
_FILL = r"(?:\s*(?:=|:|~|(?:is|are|was|of|about|around|roughly|approximately|approx|at|the|be|"
_FILL += r"were|would be|equal to|typically|only|just|some|maybe|probably|likely|estimated at|"
_FILL += r"assumed|like)\b))*\s*"
_RATE = r"(?:rates?|proportions?|fractions?|percent(?:ages?)?|defectives?|fail\w*|rejects?|scrap|"
_RATE += r"yields?|pass\w*|defect|conversions?|response|reliability|probabilit\w+)"
_ASK_N = re.compile(
    r"\bhow many\b|\bsample sizes?\b|\bsampl\w* size\b|\bhow (?:much|large|big) (?:a )?sampl"
    r"|\bminimum (?:number|n|sample)\b|\bnumber of (?:samples|parts|units|runs|subjects)\b"
    r"|(?:^|(?<![\d.])[\s,;])n\s*\?"  # "n?", not the unit of "2.0 N?" (newtons)
    r"|\bwhat (?:n|sample)\b|\bhow (?:big|large) (?:should|must|would|does|do) (?:n|the sample|each"
    r" group|the groups?)\b"
    r"|\b(?:samples?|observations?|units|parts|runs|replicates|subjects|specimens|measurements)"
    r" (?:are |is )?(?:needed|required|necessary)\b"
)


def _pct(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def _amount(text: str) -> float:
    """A quantity in the data's own unit: "0.4%" of a percentage is 0.4 (the sd and the
    difference keep one unit, so their ratio is the same)."""
    return float(text.rstrip("%"))


def _probability(text: str) -> float:
    """A power: strictly between 0 and 1 ("1-sample" after "power" is not a power of 1)."""
    v = _pct(text)
    if not 0 < v < 1:
        raise ValueError(f"{text} is not a probability")
    return v


def _alpha_value(text: str) -> float:
    """A significance level written bare ("at 5%"): only the small values alpha takes."""
    v = _pct(text)
    if not 0 < v <= 0.1:
        raise ValueError(f"{text} is not a significance level")
    return v


_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5,
                 "sixth": 6, "eighth": 8, "tenth": 10}  # fmt: skip
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_FRACTION = re.compile(
    r"\b(?:(one|two|three|\d+) and )?(?:(a|an|one|two|three|four|five)\s+)?"
    r"(half|halve|third|quarter|fourth|fifth|sixth|eighth|tenth)s?\s+(?:of\s+)?(?:a |an |one )"
)


def _fraction_words(q: str) -> str:
    """A fraction of a unit in words, as its value to four places: "a third of a standard
    deviation" -> "0.3333 standard deviation", "two thirds of an sd" -> "0.6667 sd", "one and a
    half sigma" -> "1.5 sigma"."""

    def value(m: re.Match) -> str:
        whole = m.group(1)
        whole_v = 0 if whole is None else int(_WORDNUM.get(whole, whole))
        num = _NUMERATORS[m.group(2)] if m.group(2) else 1
        v = whole_v + num / _DENOMINATORS[m.group(3)]
        return f"{round(v, 4):g} "

    q = re.sub(
        r"\b(one|two|three|\d+) and a half\s+(?=sd|sds|sigma|standard|std|stdev|s\.d)",
        lambda m: f"{int(_WORDNUM.get(m.group(1), m.group(1))) + 0.5:g} ",
        q,
    )
    return _FRACTION.sub(value, q)


def _words_to_numbers(q: str) -> str:
    q = _fraction_words(q)
    # "a half-sigma shift", "a half sd": half of the unit, without "of a"
    q = re.sub(r"\b(?:a |one )?half[- ](?=sigma\b|sd\b|std\b|standard deviation)", "0.5 ", q)
    # "ninety-five" -> 95 before single words, so that it does not become "90-5"
    q = re.sub(rf"\b({_TENS})[- ]({_UNITS})\b",
               lambda m: str(int(_WORDNUM[m.group(1)]) + int(_WORDNUM[m.group(2)])), q)  # fmt: skip
    q = re.sub(r"\b(?<!which )(?<!this )(?<!that )(?<!the )(?<!each )(?<!any )(?<!no )(?<!every )("
               + "|".join(_WORDNUM) + r")\b(?![- ](?:sample|sided|tailed|way))",
               lambda m: _WORDNUM[m.group(1)], q)  # fmt: skip
    q = re.sub(r"\b(\d+(?:\.\d+)?) ?(?:percent|per cent|pct|prct)\b", r"\1%", q)
    # "at the one percent level": a number word before "percent" is a number after "the" too
    q = re.sub(
        r"\b(" + "|".join(_WORDNUM) + r") ?(?:percent|per cent)\b",
        lambda m: _WORDNUM[m.group(1)] + "%",
        q,
    )
    # one percent sign for two numbers ("50 versus 65%", "from 76 to 82%"): both percentages
    q = re.sub(
        r"(?<![\w.])(\d+(?:\.\d+)?)(\s*(?:vs\.?|versus|against|to)\s*)(\d+(?:\.\d+)?%)",
        lambda m: (
            f"{m.group(1)}%{m.group(2)}{m.group(3)}" if float(m.group(1)) <= 100 else m.group(0)
        ),
        q,
    )
    return re.sub(r"\b1 (sigma|standard deviation|sd)\b", r"1 \1", q.replace("1-sigma", "1 sigma"))


def _target_power(text: str) -> float:
    """A power asked for: a probability above the values alpha takes ("power at 5%" is alpha)."""
    v = _probability(text)
    if v <= 0.1:
        raise ValueError(f"{text} is a significance level, not a power")
    return v


_ASK_POWER = re.compile(
    r"\b(?:what|which|how much)(?:'s|\s+is|\s+was|\s+would be)?\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:actual\s+|real\s+|true\s+|statistical\s+|resulting\s+)?power\b"
    r"|\b1\s*[-−]\s*(?:b|β|beta)\s*=?\s*\?"
    r"|\bwhat(?:'s|\s+is|\s+are)?\s+(?:the\s+|my\s+|our\s+)?(?:chance|probability|likelihood|odds)\b"
    # the power by what it is: how often the test comes out significant, the probability of
    # rejecting a false null, or its complement, the risk of missing the effect (beta)
    # "how likely were they to have caught it", "how likely is a 5-part check to see it"
    r"|\bhow (?:likely|probable) (?:is|are|was|were|would|will)\s+(?:[\w'-]+\s+){0,4}?to (?:have )?"
    r"(?:detect\w*|catch\w*|caught|see\w*|seen|notic\w*|spot\w*|find\w*|found|pick\w*|flag\w*)"
    r"|\bhow often (?:would|will|do|does|could|might) (?:we|i|you|it|the test|a test)\b[^.?!]{0,40}?"
    r"\b(?:significan\w*|reject\w*|detect\w*)"
    r"|\b(?:probability|chance|odds|likelihood|risk)s? (?:of|that (?:we|i|you)(?:'ll| will| would)?) "
    r"(?:rejecting|getting a significant|(?:a )?significant result|miss\w*|overlook\w*|"
    r"fail\w* to (?:detect|catch|see|notice|find|spot|reject))"
)
# the effect is the unknown: "the smallest difference we could detect", "the minimum detectable
# shift", "how small an effect can 20 per group pick up", "what difference could we resolve"
_EFFECT_NOUN = (
    r"(?:difference|diff|shift|change|effect(?: size)?|offset|gap|drift|deviation|improvement|"
    r"increase|decrease|reduction|drop|step|delta|d)s?"
)
_DETECT_VERB = r"(?:detect|catch|see|spot|notice|find|pick|resolve|distinguish|flag|show|tell)\w*"
_ASK_EFFECT = re.compile(
    rf"\b(?:smallest|minimum|minimal|least|tiniest|lowest)\s+(?:true\s+|real\s+|mean\s+|"
    rf"standardi[sz]ed\s+)?(?:detectable\s+)?{_EFFECT_NOUN}\b"
    rf"|\b(?:minimum |minimal )?detectable (?:mean )?{_EFFECT_NOUN}\b|\bmd[de]\b"
    rf"|\bhow (?:small|big|large|much) (?:of )?(?:an? )?(?:mean )?{_EFFECT_NOUN}\b[^.?!;]{{0,60}}?"
    rf"\b{_DETECT_VERB}"
    rf"|\bwhat (?:size of |kind of |sort of )?(?:mean )?{_EFFECT_NOUN}\b[^.?!;]{{0,30}}?"
    rf"\b(?:could|can|would|will|might|are|is)\b[^.?!;]{{0,60}}?\b{_DETECT_VERB}"
)
# software arguments: statsmodels solve_power(effect_size=, nobs1=), R power.t.test(sig.level=)
_SOFTWARE_ARGS = [
    (r"\beffect_size\s*=", "effect size = "), (r"\bnobs1?\s*=", "n = "),
    (r"\bsig\.level\s*=", "alpha = "), (r"\bdelta\s*=", "delta = "), (r"\bsd\s*=", "sd = "),
]  # fmt: skip


# SAS PROC POWER: "twosamplemeans meandiff = 3 stddev = 4 power = 0.8 npergroup = ." (a "."
# marks the unknown)
_SAS_ARGS = [
    (r"\b(?:npergroup|ntotal|npairs)\s*=\s*\.(?!\d)", " n? "), (r"\bmeandiff\s*=", "difference = "),
    (r"\bstddev\s*=", "sd = "), (r"\bcorr\s*=", "correlation = "),
    (r"\bpower\s*=\s*\.(?!\d)", " what power? "), (r"\b(?:npergroup|npairs)\s*=", "n = "),
]  # fmt: skip


def _software_arguments(q: str) -> str:
    if re.search(r"\bproc power\b", q):
        for pat, words in _SAS_ARGS:
            q = re.sub(pat, words, q)
        if re.search(r"\bpairedmeans\b", q):
            q += " paired"
        elif re.search(r"\bonesamplemeans\b", q):
            q += " one-sample"
        return q
    if not re.search(r"\w\s*\(", q):
        return q
    for pat, words in _SOFTWARE_ARGS:
        q = re.sub(pat, words, q)
    return q


def _english(q: str) -> str:
    """The lower-case question in English when it is written in another language (the
    pipeline has usually done this already; a family asked directly does it here)."""
    english = to_english(q)
    return english.lower() if english else q


def read_power(question: str) -> dict[str, Any]:
    """The settings of a power or sample-size request, read from plain wording.

    Finds the effect in standard-deviation units ("half a standard deviation", "a one-sigma
    shift", "d = 0.4"), a difference and a standard deviation ("delta 2, sd 3", "a 2 micron
    difference when the sd is about 3"), two proportions ("6% vs 3% defect rate",
    "p1=0.10 p2=0.15"), Cohen's f and the number of groups, n per group ("12 shafts from each
    machine", "n = 20", "15 pairs"), the power ("90% power", "80% sure of catching it") and
    whether n or the power is asked.

    >>> r = read_power("how many per arm to see a 0.3 sd shift with 85% power?")
    >>> r["effect"], r["power"], r["solve_for"]
    (0.3, 0.85, 'n')
    """
    q = _software_arguments(_words_to_numbers(fix_typos(_english(normalise(question)))))
    out: dict[str, Any] = {}
    used: list[tuple[int, int]] = []

    def take(key: str, pat: str, conv: Any = _amount, flags: int = 0) -> None:
        if key in out:
            return
        m = re.search(pat, q, flags)
        if m:
            g = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i) is not None)
            try:
                out[key] = conv(m.group(g))
            except ValueError:
                return
            used.append(m.span(g))

    take("p1", r"\bp1\s*(?:=|:|is|of)?\s*" + _NUM, _pct)
    take("p2", r"\bp2\s*(?:=|:|is|of)?\s*" + _NUM, _pct)
    take(
        "alpha",
        _NUM + r"\s*(?:confidence|conf\.?)(?:\s+level)?\b",
        lambda t: round(1 - _pct(t), 10),
    )
    not_conf = r"(?![\d%]|\.\d|\s*(?:confiden|conf\b|signif))"  # "80% power at 95% confidence"
    # "what power ... at 5%?": the power is the unknown and the number after it is not a power
    asks_power = _ASK_POWER.search(q)
    if not asks_power:  # "80% power at 5%": the 5% after "power at" is alpha, not a power
        take("power", r"\b(?:pow(?!der)\w{0,3}|pwr)\b(?:\s+level)?" + _FILL + _NUM + not_conf,
             _target_power)  # fmt: skip
    take(
        "power",
        _NUM + r"\s*(?:statistical )?(?:power|chance|probability|sure|certain|confident)\b",
        _probability,
    )
    take("power", r"\b1\s*[-−]\s*(?:b|β|beta)\s*(?:=|:)\s*" + _NUM, _probability)  # "1-b=0.8"
    # "detected with a probability of 90%", "a 90 per cent chance of catching it"
    take("power", r"\b(?:probability|chance|likelihood)\s+of\s+(?:at least\s+)?" + _NUM
         + r"(?!\s*(?:false|type|alpha|signif))", _target_power)  # fmt: skip
    take("alpha", r"(?<![\w.-])a\s*=\s*" + _NUM, _alpha_value)  # "a=0.05"
    take("power", r"(?:\bbeta|β|type ii error(?: rate)?|false negative rate)" + _FILL + _NUM,
         lambda t: round(1 - _pct(t), 10))  # fmt: skip
    take("alpha", r"(?:\balpha|α|significance(?: level)?|\bsig\.? level|type i error(?: rate)?"
                  r"|false (?:alarm|positive) rate)" + _FILL + _NUM, _pct)  # fmt: skip
    take("alpha", r"\bat (?:the )?(?:usual )?" + _NUM + r"\s*(?:level|significance)", _pct)
    # "1% risk", "a 5% false-alarm risk": the risk of a false alarm (not of missing it: beta)
    take("alpha", r"(?<![\d.])" + _NUM + r"\s*(?:false[- ]alarm |type i |false[- ]positive )?risk\b"
                  r"(?!\s+of\s+(?:missing|not|failing|overlooking|a miss))", _alpha_value)  # fmt: skip
    # "with 90% power and 5% significance", "a 1% significance level"
    take("alpha", r"(?<![\d.])" + _NUM + r"\s*(?:significance|sig\.?)(?:\s+level)?\b", _alpha_value)
    # "what power ... at 5%?": a small percentage after "at" that ends the clause is alpha
    take("alpha", r"\bat\s+(?:a\s+)?" + _NUM + r"(?=\s*(?:[?.!,;]|$|two|one|2|1)[- ]?)",
         _alpha_value)  # fmt: skip
    take("alpha", r"\b(?:usual|standard|conventional) " + _NUM + r"(?![\d%.]|\s*%?\s*(?:power|chance|sure))",
         _alpha_value)  # "the usual 5%", never "the usual 80% power"  # fmt: skip
    take("effect_f", r"(?:cohen'?s\s+)?\bf\s*(?:=|:|of|is)\s*" + _NUM)
    take("effect_f", r"\b(?:cohen'?s|effect(?: size)?)\s+f\s*" + _NUM)  # "effect f 0.25"
    take("effect", r"(?:effect size|cohen'?s d|standardi[sz]ed (?:effect(?: size)?|difference"
                   r"|shift)|\bd(?![\d.]))(?!\s*f\b)" + _FILL + _NUM)  # fmt: skip
    take(
        "effect",
        _NUM + r"\s*-?\s*" + _SD_WORD + r"(?!\s*(?:is|=|:|of)\s*\d)"
        r"(?=\s+(?:\w+\s+){0,2}?(?:difference|shift|change|offset|effect|improvement|"
        r"increase|decrease|drop|gap|apart|deviation|departure|drift|move|movement|jump|step|rise|"
        r"fall|reduction|loss|gain)|\s*[,.?!;]|\s*$|\s+(?:in|between|with|at|of)\b)",
    )
    take(
        "effect",
        r"\beffect\s*(?:=|:|of|is)?\s*" + _NUM + r"(?=\s*(?:[,;?!)]|\.(?!\d)|$|and\b|with\b|at\b))",
    )
    take("sd", r"\bvariance" + _FILL + _NUM, lambda t: math.sqrt(_pct(t)))
    # "s = 5 MPa", "s=0.3": the sample standard deviation's symbol
    take("sd", r"(?<![\w.'])s\s*(?:=|:)\s*" + _NUM)
    take("sd", r"(?:" + _SD_WORD + r"|spread|variability|scatter|noise)"
         r"(?:\s+of\s+(?:the\s+)?(?:diff(?:erence)?s?|process|measurements?|population|"
         r"(?:[a-z-]+\s+){0,2}?[a-z-]+(?=\s+(?:is|are|was|=|:|of|about|around)\b)"
         # "sd of the changes 1.8", "sd of the paired differences: 0.4": the value right after
         r"|(?:[a-z-]+\s+){0,1}?[a-z-]+s(?=\s*[=:]?\s*\d)))?"
         + _FILL + _NUM)  # fmt: skip
    # "parts vary by about 3 mm", "readings scatter by 0.2": the spread said with a verb
    take("sd", r"\b(?:var(?:y|ies|ied)|scatters?|fluctuates?|wanders?)\s+(?:by\s+)?(?:about\s+|around\s+|"
         r"roughly\s+|some\s+|typically\s+)?(?:±|\+/-|\+-)?\s*" + _NUM
         + r"(?!\s*%?\s*(?:power|confiden|signif))(?![\d.%])(?!(?<=%)\s*of\b)")  # fmt: skip
    take("difference", r"(?:\bdelta|δ|Δ|(?<!of )(?<!of the )\bdif\w*|\bshift|\bchange|\boffset|\bimprovement"
         r"|\bincrease|\bdecrease|\bdrop|\bgap|\bgain|\brise|\breduction)(?:\s+in\s+(?:the\s+)?(?:mean|average)s?)?"
         r"(?:\s*(?:=|:|(?:of|is|was|were|would be|by|at least|as small as|about|around|only)\b))*\s*"
         + _NUM)  # fmt: skip
    take("difference", r"\bmeans? (?:of )?" + _NUM + r"\s*(?:[a-zµ°/]+\s+)?(?:and|vs\.?|versus)\s+"
         + _NUM, lambda t: t)  # fmt: skip
    if isinstance(out.get("difference"), str):  # the two means: their difference
        m = re.search(
            r"\bmeans? (?:of )?" + _NUM + r"\s*(?:[a-zµ°/]+\s+)?(?:and|vs\.?|versus)\s+" + _NUM, q
        )
        out["difference"] = abs(_pct(m.group(2)) - _pct(m.group(1))) if m else None
        if out["difference"] is None:
            out.pop("difference")
    take("difference", _NUM + r"\s*-?\s*(?:[a-zµ°/]+[\s-]+){0,2}?(?:mean |average )?(?:dif\w*|shift|"
         r"change|offset|increase|decrease|drop|gap)")  # fmt: skip
    # "10 minutes slower", "2 mm thicker": a difference written as a comparative
    take("difference", _NUM + r"\s*(?:[a-zµ°/%]+[\s-]+){0,2}?(?:slower|faster|longer|shorter|"
         r"heavier|lighter|higher|lower|bigger|smaller|thicker|thinner|stronger|weaker|wider|"
         r"narrower|hotter|colder|better|worse)\b(?!\s+than\s+(?:\d|the\s+(?:label|target)))")  # fmt: skip
    take("difference", _NUM + r"\s*(?:[a-zµ°/]+\s+)?(?:above|below|over|under|higher|lower|"
         r"more|less)\b(?:\s+than)?\s+(?:the\s+)?(?:label|target|nominal|spec|standard|"
         r"specification|claim|claimed|reference|minimum|maximum|limit|requirement)")  # fmt: skip
    # "the true mean is off by 0.1 mm", "if it drifts by 2 um": a shift of the mean
    take("difference", r"\b(?:off|out|shift(?:ed|s)?|drift(?:ed|s)?|mov(?:ed|es)?|deviat(?:es|ed))"
         r"\s+by\s+(?:about\s+|around\s+|as much as\s+)?" + _NUM)  # fmt: skip
    # "a mean relaxation of 5 kN", "the difference we care about is 150": the quantity to detect
    take("difference", r"\b(?:detect|catch|spot|notice|pick up|find|see)\w*\s+(?:an?\s+|the\s+)"
         r"(?:[a-z-]+\s+){0,3}?(?:of|by)\s+" + _NUM + r"(?!%|\s*-?\s*" + _SD_WORD + ")")  # fmt: skip
    take("difference", r"\b(?:difference|shift|change|effect|gap)\s+(?:(?:i|we|you|they)\s+)"
         r"(?:[a-z']+\s+){1,3}?(?:is|=|would be|of)\s+(?:about\s+|around\s+|like\s+)?" + _NUM)  # fmt: skip
    # a relative clause between the noun and its value: "the difference that matters is 2",
    # "the shift which would hurt us is 0.5", "the change worth detecting is 3"
    take("difference", r"\b(?:difference|shift|change|gap|offset|drift)\s+(?:that|which|worth|we|i|"
         r"you|they)\b(?:\s+[a-z']+){0,3}?,?\s+(?:which\s+)?(?:is|=|would be|of)\s+(?:about\s+|"
         r"around\s+|like\s+)?" + _NUM + r"(?![\d.%])(?!\s*-?\s*" + _SD_WORD + r")")  # fmt: skip
    if "sd" in out and "difference" not in out and "effect" not in out:
        _difference_in_sd_unit(q, out, used)
    take("k", r"\bk\s*=\s*(\d+)\b", int)
    # "a 5-group ANOVA", "a 4-arm study": the count written as a hyphenated adjective
    take("k", r"\b(\d+)-(?:groups?|treatments?|levels?|arms?)\b(?!\s+(?:each|per)\b)", int)
    take("k", r"\b(\d+)\s+(?:groups|treatments|levels|suppliers|machines|lines|operators|arms|"
              r"conditions|batches|formulations|recipes|vendors|plants|shifts|methods|designs)\b"
              r"(?!\s+(?:each|per|in each|from each|for each)\b)", int)  # fmt: skip
    take("n", r"\bn[12]?\s*(?:=|is|of|:)?\s*(?:n[12]\s*=\s*)?(\d+)\b(?!\s*%)", float)
    take("n", r"\beach (?:group|arm|line|machine|supplier|batch|sample|side) (?:has|of|with|gets) (\d+)\b", float)  # fmt: skip
    take("n", r"\b(\d+)\s+(?:[a-z-]+\s+){0,2}?(?:per|in each|from each|for each|on each|each)\b"
              r"(?!\s+(?:of the\s+)?\d)", float)  # fmt: skip
    take("n", r"\b(\d+)\s+(?:pairs|matched pairs|paired)\b", float)
    take("n", r"\b(?:samples?|groups?) (?:sizes? )?of (\d+)\b", float)
    # a sample size given, as Minitab's dialog field is filled in ("sample sizes 8", "sample
    # size: 12"): a value, not the question
    given_n = (
        r"\bsample sizes?\s*(?:=|:|of|is|are|would be|will be)?\s*(\d+)\b(?!\s*%|\.\d)"
        # "sample size, two proportions", "sample size 2-sample t": a kind, not a size
        r"(?![\s-]*(?:proportions?|groups?|samples?|means?|arms?|populations?|sided|tailed|way|"
        r"rates?|treatments?|levels?|factors?|independent|paired)\b)"
    )
    take("n", given_n, float)
    # "what power do 10 filter beds give", "what shift could 25 observations detect": the count
    if (asks_power or _ASK_EFFECT.search(q)) and "n" not in out:
        for m in re.finditer(r"\b(\d+)\s+(?:[a-z-]+\s+)?[a-z]+s\b(?!\s*%)", q):
            if int(m.group(1)) >= 2 and not any(a <= m.start(1) < b for a, b in used):
                if out.get("k") != int(m.group(1)):
                    out["n"] = float(m.group(1))
                    used.append(m.span(1))
                    break
    # two rates that are not the power or alpha: the proportions compared
    # two percentages one moves between ("improving from 76% to 82%") are rates too
    moved = re.search(r"\bfrom\s+\d+(?:\.\d+)?%\s+to\s+\d+(?:\.\d+)?%", q) or re.search(
        r"(?<![\w.])\d+(?:\.\d+)?%\s*(?:vs\.?|versus|against|compared (?:to|with))\s*\d+(?:\.\d+)?%"
        r"(?!\s*(?:power|confiden|signif))",
        q,
    )  # "germination 90% vs 94%": two rates compared
    if "p1" not in out and (re.search(r"\b" + _RATE, q) or moved):
        vals = []
        for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?%|0?\.\d+)(?!\w|\.\d)", q):
            if any(a <= m.start(1) < b for a, b in used):
                continue
            v = _pct(m.group(1))
            if 0 < v < 1:
                vals.append(v)
        if len(vals) >= 2:
            out["p1"], out["p2"] = vals[0], vals[1]
    anova = re.search(r"\banova\b|\bcohen'?s f\b|\banalysis of variance\b", q)
    per = re.search(r"\b(?:per|in each|from each|for each) ([a-z]{3,}?)(?:es|s)?\b", q)
    if anova and "k" not in out and per:  # "how many per cavity ... 4 cavities": the groups
        m = re.search(rf"(?<![\d.])(\d+)\s+(?:[a-z-]+\s+)?{re.escape(per.group(1))}(?:s|es)?\b", q)
        if m and 2 <= int(m.group(1)) <= 50 and not any(a <= m.start(1) < b for a, b in used):
            out["k"] = int(m.group(1))
    if anova and "k" not in out:  # "an ANOVA with 3 printers": the groups compared
        m = re.search(r"(?:\b(?:with|of|for|across|between|among|comparing|over)|^|[,;:])\s*(\d+)\s+"
                      r"(?!(?:samples|parts|units|observations|replicates|subjects|specimens|"
                      r"measurements|runs|pairs|per|in|each)\b)(?:[a-z-]+\s+)?[a-z]+s\b"
                      r"(?!\s+(?:each|per)\b)", q)  # fmt: skip
        if m and 2 <= int(m.group(1)) <= 50:
            out["k"] = int(m.group(1))
    m = re.search(r"\b(small|medium|moderate|large)(?:[- ]sized?)? (?:standardi[sz]ed )?effect", q)
    if m and "effect" not in out and "effect_f" not in out:  # Cohen's named sizes
        size = {"small": 0, "medium": 1, "moderate": 1, "large": 2}[m.group(1)]
        key = "effect_f" if anova or out.get("k", 2) >= 3 else "effect"
        out[key] = (0.1, 0.25, 0.4)[size] if key == "effect_f" else (0.2, 0.5, 0.8)[size]
    if anova and "effect_f" not in out:
        if "effect" in out:
            out["effect_f"] = out.pop("effect")
    # the topic named as Minitab's menu is ("Power and Sample Size > 1-Sample t") asks neither
    topic = r"\bpower (?:and|&) sample sizes?\b"
    asks_n = bool(_ASK_N.search(re.sub(topic, " ", re.sub(given_n, " ", q))))
    if asks_n:
        out.pop("n", None)
    out["solve_for"] = "n" if asks_n or "n" not in out else "power"
    if (
        out["solve_for"] == "power"
        and not asks_power
        and "effect" not in out
        and "effect_f" not in out
        and "difference" not in out
        and "p1" not in out
        and _ASK_EFFECT.search(q)
    ):  # n given, the effect asked: "with 20 per group, what is the smallest shift we'd catch?"
        out["solve_for"] = "effect"
    kind = "two-sample"
    if re.search(r"\bpair(?:s|ed)?\b|\bbefore[ -/]and[ -/]after\b|\bbefore/after\b|\bmatched\b"
                 r"|\bsame (?:parts|units|items|specimens)\b|\bof the differences\b", q):  # fmt: skip
        kind = "paired"
    elif re.search(r"\bone[- ]?sample\b|\b1[- ]sample\b|\bsingle[- ]sample\b|\b(?:against|versus|vs\.?|to|from|"
                   r"above|below|than|over|under) (?:a |the )?(?:[\d.]+\s*[a-zµ°/%]*\s+)?(?:target|nominal|standard|label|spec|"
                   r"specification|reference|claimed|known|historical)\b(?! dev)", q):  # fmt: skip
        kind = "one-sample"
    # software names: statsmodels TTestPower (one sample or differences), R type = "..."
    if re.search(r"\bttestpower\b|type\s*=\s*['\"]?(?:one|1)\.sample", q):
        kind = "one-sample"
    elif re.search(r"\bttestindpower\b|type\s*=\s*['\"]?(?:two|2)\.sample", q):
        kind = "two-sample"
    out["kind"] = kind
    return out


_UNIT_AFTER = r"\s*([a-zµ°%][a-zµ°%²³\d/]*(?:/[a-zµ°%²³\d]+)?)"


def _difference_in_sd_unit(q: str, out: dict[str, Any], used: list[tuple[int, int]]) -> None:
    """'sd around 40 m3/h, we care about 30 m3/h': the other number written in the standard
    deviation's unit is the difference to detect."""
    sd_at = next((a for a, b in used if q[a:b] and _pct(q[a:b]) == out["sd"]), None)
    if sd_at is None:
        return
    unit = re.match(r"[\d.]+%?" + _UNIT_AFTER, q[sd_at:])
    if not unit or unit.group(1) in ("and", "or", "in", "of", "at", "with", "to", "for"):
        return
    for m in re.finditer(
        r"(?<![\w.])(\d+(?:\.\d+)?)\s*" + re.escape(unit.group(1)) + r"(?![a-z])", q
    ):
        if any(a <= m.start(1) < b for a, b in used) or m.start(1) == sd_at:
            continue
        if re.match(
            r"\s*(?:nominal|target|spec\w*|label\w*|limit|standard|setpoint)\b", q[m.end() :]
        ):
            continue  # "the 50.0 mm nominal" is the value tested against, not a difference
        v = float(m.group(1))
        if v > 0:
            out["difference"] = v
            used.append(m.span(1))
            return


# power and sample-size functions called by their software names
_POWER_CALL = re.compile(
    r"\b(?:power\.(?:t|prop|anova)\.test|pwr\.(?:t|t2n|p|2p|anova|norm)\.test|solve_power|"
    r"tt_(?:ind_)?solve_power|ttest(?:ind)?power|ftestanovapower|normalindpower)\s*\("
)


def mode_cue(question: str, has_data: bool) -> float:
    """MODE evidence that a question asks for power or a sample size, added to the keyword
    rules: a misspelled power word ("powr"), power asked of a test ("the power of a paired
    t-test", "what power", "power?"), and, with no data, an effect to detect together with a
    sample size or a power target."""
    from havoc_srs.reader.text import edit_distance

    q = fix_typos(_english(normalise(question)))
    score = 0.0
    if _POWER_CALL.search(
        q
    ):  # R's power.t.test(...), pwr's pwr.anova.test, statsmodels solve_power
        score += 6.0
    for w in re.findall(r"[a-z]+", q):
        if w == "pwr" or (w[0] == "p" and 3 <= len(w) <= 5 and w != "power" and edit_distance(w, "power", 1) <= 1
                and w not in ("poker", "poser", "pour", "pose", "pours", "pores")):  # fmt: skip
            score = 2.5
    if re.search(r"\b(?:pow(?!der)\w{0,3}|pwr) (?:of|for) (?:a|an|the|this|my|our|each)\b|\bwhat (?:pow(?!der)\w{0,3}|pwr)\b"
                 r"|\bhow much pow|\b(?:pow(?!der)\w{0,3}|pwr) ?\?|\b(?:pow(?!der)\w{0,3}|pwr) to (?:detect|see|catch|find|spot)"
                 r"|\bhow (?:likely|probable) (?:is it |are we )?(?:that )?(?:we|i)(?:'ll| will| would)? "
                 r"(?:detect|catch|see|notice)"
                 # "how likely is the test to detect it", "how probable is a study to pick it up"
                 # "how likely were they to have caught it", "how likely is a 5-part check to see it"
                 r"|\bhow (?:likely|probable) (?:is|are|was|were|would|will)\s+(?:[\w'-]+\s+){0,4}?to (?:have )?"
                 r"(?:detect\w*|catch\w*|caught|see\w*|seen|notic\w*|spot\w*|find\w*|found|pick\w*|flag\w*)"
                 r"|\bhow (?:likely|probable) (?:is|are|would be) (?:the|a|an|our|this|my) "
                 r"(?:\w+ )?(?:test|study|experiment|trial|comparison|design|plan)s? to "
                 r"(?:detect|catch|see|notice|spot|find|flag|pick)"
                 r"|\b(?:probability|chance|likelihood|odds) (?:of|to|that (?:we|i)(?:'ll| will| would)?) "
                 r"(?:detect\w*|catch\w*|see\w*|notic\w*|spot\w*|find\w*|pick\w* up)", q):  # fmt: skip
        score += 2.0
    elif _ASK_POWER.search(q) and re.search(
        r"\b(?:detect\w*|catch\w*|notic\w*|spot\w*|pick\w* (?:\w+ )?up|flag\w*)\b|\b1\s*[-−]\s*(?:b|β)",
        q,
    ):  # "what is the chance a t-test picks it up", "1−β = ?"
        score += 2.0
    if _ASK_N.search(q) and re.search(r"\bper\b|\bin each\b|\bfrom each\b|\beach\b|\bneed\b", q):
        score += 1.0
    if has_data:
        return score
    r = read_power(q)
    effect = any(k in r for k in ("effect", "effect_f")) or (
        "difference" in r and "sd" in r) or ("p1" in r and "p2" in r)  # fmt: skip
    intent = re.search(
        # the verbs in any inflection: "a t-test that spots it", "picks it up", "sees", "shows"
        r"\bdetect|\bnotic|\bcatch|\bcaught\b|\btell \w+ apart|\bpick(?:s|ed|ing)? (?:\w+ )?up\b|"
        r"\bspot(?:s|ted|ting)?\b|\bsee(?:s|n|ing)?\b|\bshow(?:s|n|ing)?\b|\bflag(?:s|ged|ging)?\b|"
        r"\bfind(?:s|ing)?\b|\bdiscover\w*|\breveal\w*|"
        r"\benough\b|\bsure\b|\bchances?\b|\bodds\b|\bprobability\b|\blikelihood\b|\bflags?\b|\b(?:pow(?!der)\w{0,3}|pwr)\b|\bhow many\b|\bsample size"
        r"|(?:^|(?<![\d.])[\s,;])n\s*\?|\b1\s*[-−]\s*(?:b|β|beta)\b",
        q,
    ) or _ASK_POWER.search(q)  # "how often would it come out significant", "risk of missing it"
    if r.get("solve_for") == "effect":  # "what difference could 25 per group detect"
        score += 4.5
    elif effect and (r.get("n") or r.get("power") or _ASK_N.search(q)) and intent:
        score += 4.5
        if _ASK_POWER.search(q) and r.get("n"):  # "what is the chance a t-test picks it up"
            score += 4.0
    return score


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question)
    plan = Plan("power", "power")
    mine = read_power(question)
    s = dict(ph.slots)
    for key, value in mine.items():
        if key not in ("solve_for", "kind", "alpha"):
            s.setdefault(key, value)
    if to_english(q):  # "potencia 0,9" asked of the family directly: the grammar read the
        # decimal comma as two numbers, the English reading has it as one
        s.update({k: v for k, v in mine.items() if k not in ("solve_for", "kind")})
    if "power" in mine and (s.get("power") or 1) < 0.5 <= mine["power"]:
        # the grammar's "power" below a half (a stray number read as a power; no one plans
        # for a power under 50 %): the family's own reading of the power stands
        s["power"] = mine["power"]
    if "sd" in mine and "difference" in mine:  # read together, in one unit ("0.4 %" and "0.5 %")
        s["sd"], s["difference"] = mine["sd"], mine["difference"]
        if "effect" not in mine:  # the effect is their ratio, not a number the grammar took
            s.pop("effect", None)
    if mine["solve_for"] == "effect":
        return _plan_effect(plan, ph, s, q)
    if mine["solve_for"] == "n":
        s.pop("n", None)
    elif "power" not in mine:  # n given and no power stated: the power is what is asked
        s.pop("power", None)
    elif s.get("n") and s.get("power") and (s.get("effect") or s.get("effect_f") or
                                           s.get("difference") or "p1" in s):  # fmt: skip
        # "will 40 per arm give at least 80% power?": the power of that n, held against 80%
        plan.notes.append(f"the power of n = {s['n']:g} is computed and held against the "
                          f"{s['power']:g} asked")  # fmt: skip
        s.pop("power", None)
    if not 0 < (s.get("power") or 0.5) < 1:  # the grammar's "power 1-sample": not a power
        s.pop("power", None)
    if "alpha" not in s and "alpha" in mine:
        s["alpha"] = mine["alpha"]
    ph = Phrasing(slots=s, cues=list(ph.cues), matches=ph.matches, levels=ph.levels)
    alpha = read_alpha(ph, plan.notes)
    alt = "two-sided"
    if re.search(r"\bone[- ]sided\b|\bone[- ]tailed\b", q):
        alt = "greater"
        plan.notes.append("one-sided test (alternative 'greater')")
    n = s.get("n")
    power = s.get("power")
    if power is None and n is None:
        power = 0.8
        plan.notes.append("power = 0.80 (not given; the usual convention; say e.g. '90% power')")
    o: dict[str, Any]
    if "p1" in s and "p2" in s:
        test = "proportions"
        o = {
            "p1": s["p1"],
            "p2": s["p2"],
            "n": n,
            "power": power,
            "alternative": alt,
            "alpha": alpha,
        }
    elif s.get("effect_f") is not None or (s.get("k", 0) or 0) >= 3:
        test = "anova"
        if s.get("effect_f") is None or not s.get("k"):
            plan.missing.append(
                Missing(
                    "the number of groups and Cohen's f",
                    "say e.g. '3 groups, effect size f = 0.25'",
                )
            )
            return plan
        o = {"k": s["k"], "effect": s["effect_f"], "n": n, "power": power, "alpha": alpha}
    else:
        test = "ttest"
        effect = s.get("effect")
        if effect is None and s.get("difference") is not None and s.get("sd"):
            effect = s["difference"] / s["sd"]
            plan.notes.append(
                f"effect size d = difference / sd = {s['difference']:g} / {s['sd']:g} = {effect:.4g}"
            )
        if effect is None:
            what = (
                "the standard deviation"
                if s.get("difference") is not None
                else "the effect to detect"
            )
            plan.missing.append(
                Missing(
                    what,
                    "give Cohen's d ('effect size 0.5') or a difference and a standard deviation "
                    "('detect a difference of 2 with a standard deviation of 4')",
                )
            )
            return plan
        kind = mine["kind"]
        if "paired" in ph.cues:
            kind = "paired"
        if kind == "two-sample":
            plan.notes.append("two independent groups (say 'paired' or 'one-sample' otherwise)")
        o = {
            "effect": effect,
            "n": n,
            "power": power,
            "kind": kind,
            "alternative": alt,
            "alpha": alpha,
        }
    plan.analysis = f"power_{test}"
    plan.slots.update(test=test, **{k: v for k, v in o.items() if v is not None})
    if _ASKS_BETA.search(q.lower()):  # "the risk of missing it": beta, the complement, reported too
        plan.slots["report_beta"] = True
    plan.slots["solve_for"] = "power" if n is not None else "n"
    plan.program = program(let("primary", A.PowerStmt(test=test, options=opts(**o))))
    return plan


_ASKS_BETA = re.compile(
    r"\b(?:probability|chance|odds|likelihood|risk)s? (?:of|that (?:we|i|you)(?:'ll| will| would)?) "
    r"(?:miss\w*|overlook\w*|fail\w* to (?:detect|catch|see|notice|find|spot))|\btype ii error\b"
    r"(?!\s*(?:rate\s*)?(?:=|:|of|is)?\s*[\d.])"
)


def _plan_effect(plan: Plan, ph: Phrasing, s: dict[str, Any], q: str) -> Plan:
    """The smallest effect a t-test of ``n`` (per group, pairs or observations) detects with
    the power asked: Cohen's d, and the difference in the data's unit when an SD is given."""
    ph = Phrasing(slots=s, cues=list(ph.cues), matches=ph.matches, levels=ph.levels)
    alpha = read_alpha(ph, plan.notes)
    n, power = s.get("n"), s.get("power")
    if power is None:
        power = 0.8
        plan.notes.append("power = 0.80 (not given; the usual convention; say e.g. '90% power')")
    if (s.get("k") or 0) >= 3 or "p1" in s or s.get("effect_f") is not None:
        plan.missing.append(
            Missing(
                "a t-test design",
                "the smallest detectable effect is solved for t-tests (two groups, pairs or one "
                "sample); for an ANOVA or proportions, give the effect and ask for n or power",
            )
        )
        return plan
    alt = "two-sided"
    if re.search(r"\bone[- ]sided\b|\bone[- ]tailed\b", q):
        alt = "greater"
        plan.notes.append("one-sided test (alternative 'greater')")
    kind = read_power(q)["kind"]
    if "paired" in ph.cues:
        kind = "paired"
    if kind == "two-sample":
        plan.notes.append("two independent groups (say 'paired' or 'one-sample' otherwise)")
    o = {"n": n, "power": power, "kind": kind, "alternative": alt, "alpha": alpha}
    plan.analysis = "power_ttest"
    plan.slots.update(test="ttest", solve_for="effect", **o)
    if s.get("sd"):
        plan.slots["sd"] = s["sd"]
    plan.program = program(let("primary", A.PowerStmt(test="ttest", options=opts(**o))))
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    arg.skipped = "a power calculation has no data assumptions to check"


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    from scipy import stats as st

    s = plan.slots
    alpha, alt = s["alpha"], s.get("alternative", "two-sided")
    if s["test"] not in ("ttest", "anova") or alt not in ("two-sided", "greater"):
        au.truth("power in [0, 1]", 0 <= r["power"] <= 1)
        return

    def power_at(n: float) -> float:
        if s["test"] == "anova":  # noncentral F with lambda = f^2 N
            k = s["k"]
            big_n = k * n
            fc = st.f.ppf(1 - alpha, k - 1, big_n - k)
            return float(st.ncf.sf(fc, k - 1, big_n - k, s["effect"] ** 2 * big_n))
        kind, d = s.get("kind", "two-sample"), s["effect"]
        if kind == "two-sample":
            df, nc = 2 * n - 2, d * math.sqrt(n / 2)
        else:
            df, nc = n - 1, d * math.sqrt(n)
        if alt == "greater":
            return float(st.nct.sf(st.t.ppf(1 - alpha, df), df, nc))
        tc = st.t.ppf(1 - alpha / 2, df)
        return float(st.nct.sf(tc, df, nc) + st.nct.cdf(-tc, df, nc))

    if s["solve_for"] == "effect":
        s = {**s, "effect": abs(r["effect_size"])}
        au.value(
            "power at the effect found equals the power asked (noncentral t)",
            power_at(s["n"]),
            s["power"],
            rel=1e-4,
        )
        return
    if s["solve_for"] == "n":
        n = r["n_rounded"]
        au.truth(
            "power at the rounded n reaches the target (noncentral t or F)",
            power_at(n) >= s["power"] - 1e-9,
            f"{power_at(n):.4f}",
        )
        au.truth(
            "one fewer is not enough",
            n <= 2 or power_at(n - 1) < s["power"],
            f"{power_at(n - 1):.4f}",
        )
    else:
        au.value("power from the noncentral t or F", r["power"], power_at(s["n"]), rel=1e-5)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(
        n=r["n_rounded"] if r["solved_for"] == "n" else r["n"], n_exact=r["n"],
        power=r["power"], effect_size=r["effect_size"], alpha=r["alpha"],
        solved_for=r["solved_for"], n_meaning=(r.get("extra") or {}).get("n_meaning"),
    )  # fmt: skip
    if plan.slots.get("solve_for") == "effect":
        k["solved_for"] = "effect"
        if plan.slots.get("sd"):  # d in the data's unit
            k["detectable_difference"] = abs(r["effect_size"]) * plan.slots["sd"]
            k["sd"] = plan.slots["sd"]
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    if k["solved_for"] == "effect":
        diff = (
            f" (a difference of {fmt(k['detectable_difference'])} with sd = {fmt(k['sd'])})"
            if k.get("detectable_difference") is not None
            else ""
        )
        return (
            f"With n = {fmt(k['n'])} ({k.get('n_meaning') or 'per group'}), the smallest effect "
            f"detected with power {fmt(k['power'])} at alpha = {fmt(k['alpha'])} is "
            f"d = {fmt(abs(k['effect_size']))}{diff}."
        )
    if k["solved_for"] == "n":
        return (
            f"You need n = {k['n']} ({k.get('n_meaning') or 'per group'}) for power "
            f"{fmt(k['power'])} at alpha = {fmt(k['alpha'])}."
        )
    beta = (
        f"; the risk of missing it (beta) is {fmt(1 - k['power'])}"
        if plan.slots.get("report_beta")
        else ""
    )
    return (
        f"With n = {fmt(k['n'])} the power is {fmt(k['power'])} at alpha = {fmt(k['alpha'])}{beta}."
    )


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Collect the planned sample; randomise the run order."
