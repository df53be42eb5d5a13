"""Design of experiments: full and fractional two-level factorials, Plackett-Burman, central
composite, Box-Behnken and Latin hypercube designs in coded and actual units.

ARGUE checks the resolution (which effects are confounded) and the centre points; AUDIT counts
the runs against 2^k (or 2^(k-p)), checks balance and orthogonality of the coded columns and the
resolution against the shortest word of the defining relation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
from havoc_tools.dsl import ast as A

from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import check
from havoc_srs.families._typos import DESIGN_WORDS, fix_typos, rule_gain
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import Missing, Plan

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "doe_design"
PROTOCOL = "arbiter"
ground_hint = "design of experiments factorial design resolution"
VERBS = ("design",)

# ---------------------------------------------------------------------------------------------
# PLAN

_KINDS = [
    (r"\bplackett[- ]?burm\w*\b|\bplacket\w*\b|\bpb\b( design)?", "plackett_burman"),
    (
        r"\bbox[- ]?b[eh]\w*n\w*\b|\bbox[- ]b[eh]+[- ]?k[aeiy]+n\w*\b|\bbbd\b|\bedges? of the cube\b|"
        r"\bmid-?points? of the edges\b|"
        r"\bnever (puts?|runs?|sets?|has|have) (all|every)\b.{0,40}\b(extreme|corner|high|maximum)|"
        r"\bnever\b.{0,30}\b(all|every|both)\b.{0,40}\b(extremes?|corners?)\b|"
        r"\b(can'?t|cannot|can not|won'?t|must not|mustn'?t) (take|handle|run|go to|reach|do)\b"
        r".{0,15}\bcorners?\b|"
        r"\b(no|without|avoid\w*) (the )?(extreme )?corners?\b|\bcorners? of the cube\b.{0,20}\b(avoid|never|not)|"
        r"\b(never|avoid\w*|skip\w*|exclud\w*|leaves? out|stays? away from|stays? off)\b[\w' ]{0,25}\bcorners?\b",
        "box_behnken",
    ),
    (
        r"\bcentral[- ]compos\w*\b|\bccd\b|\bface[- ]cent(er|re)d\b|\bstar points\b|"
        r"\bresponse[- ]surface\b|\boptimi[sz]\w*\b|\boptimum\b|\bsweet spot\b",
        "ccd",
    ),
    (r"\blatin hypercube\b|\blhs\b", "lhs"),
    (
        r"\bfull[- ]factorial\b|\bfull 2\^\d+\b|\b2\^\d+ (full )?factorial\b|"
        r"\b(every|each|all) (possible )?combinations?\b",
        "full",
    ),
    (r"\bfract\w*\b|\bresolution\b|\b2\^\(?\d+ ?- ?\d+\)?", "fractional"),
    (r"\bscreening\b|\bscreen\b", "screening"),
    (r"\bfactorial\b", "full"),
]
_NUMWORD = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-three": 23, "twenty-four": 24, "twenty-seven": 27, "twenty-eight": 28,
    "thirty-one": 31, "thirty-two": 32, "thirty-six": 36, "forty": 40, "forty-eight": 48,
}  # fmt: skip
_COUNT = r"(\d+|" + "|".join(_NUMWORD) + r")"
# "7 knobs", "four things I want to vary", "11 possible causes", "4 two-level factors"
_FACTOR_COUNT = re.compile(
    r"\b" + _COUNT + r" (?:(?:two|2|three|3)[- ]level |possible |different |process |continuous |"
    r"input |main |candidate |potential |key |control |[a-z]+ )?(?:factors?|variables?|knobs?|things|"
    r"settings|parameters|causes|inputs|dials|levers|x'?s)\b|\b" + _COUNT + r"-factors?\b|"
    # what is screened, counted: "screening 11 additives", "11 candidate additives"
    r"\bscreen(?:ing)? (?:of )?" + _COUNT + r" (?!(?:runs?|trials?|experiments?|batches|plots|"
    r"levels?|points?)\b)[a-z]+|\b" + _COUNT + r" (?:candidate|possible|potential) [a-z]+"
)
_FACTOR_LETTERS = re.compile(r"\bfactors? ([a-z]) ?(?:to|through|thru|-|–|\.\.) ?([a-z])\b")
_K_EQUALS = re.compile(r"\bk ?= ?(\d+)\b")
_UNIT = r"(?:°c|°f|c|f|k|bar|psi|kpa|mpa|s|sec|min|minutes|h|%|v|a|mm|cm|m|rpm|g|kg|ml|l|w|kw|hz)"
# "melt temperature (220 vs 250 °C)", "temperature 150-190 °C", "voltage 10 to 20 V"
_LEVELS = re.compile(
    r"([a-z][a-z\- ]{1,40}?)\s*(?:from |between |at |:)?\(?\s*([-+]?\d+(?:\.\d+)?)\s*"
    + _UNIT
    + r"?\s*(?:vs\.?|versus|to|–|-|and|/|or)\s*([-+]?\d+(?:\.\d+)?)\s*"
    + _UNIT
    + r"?\s*\)?(?![\d.])"
)
_NAME_STOP = frozenset(
    "study studying test testing investigate explore examine change try "
    "a an the and or of with at from between to vary want i we my our is are be levels level "
    "range ranges factor factors variable variables it its each for factorial design experiment "
    "optimise optimize optimising optimizing".split()
)
# the aliasing asked for in words: main effects clear of two-factor interactions (IV), two-factor
# interactions clear of each other (V)
_SEPARATE = (
    r"(mixed up|confounded|unconfounded|aliased|unaliased|clear|separate\w*|entangled|tangled|"
    r"resolv\w*|distinguish\w*|free|apart|disentangl\w*|untangl\w*|isolat\w*|independent)"
)
_RES_IV = re.compile(
    r"\bmain effects?\b.{0,50}\b"
    + _SEPARATE
    + r"\b.{0,30}\b(two|2)[- ](factor|way) interactions?\b"
    r"|\b(two|2)[- ](factor|way) interactions?\b.{0,40}\b"
    + _SEPARATE
    + r"\b.{0,30}\bmain effects?\b"
    r"|\b"
    + _SEPARATE
    + r"\b.{0,20}\bmain effects?\b.{0,20}\b(from|and)\b.{0,10}\b(two|2)[- ](factor|way) "
    r"interactions?\b"
)
_RES_V = re.compile(
    r"\b(two|2)[- ](factor|way) interactions?\b.{0,40}\b"
    + _SEPARATE
    + r"\b.{0,30}\b(another|each other|one another|other (two|2)[- ](factor|way)|themselves)"
)


def _level_count(q: str, m: re.Match[str]) -> bool:
    """A count of each factor's settings, not of factors: "(at) two settings each", "three
    settings per factor", "at two settings"."""
    if not re.search(r"settings|levels?", m.group(0)):
        return False
    before, after = q[max(0, m.start() - 4) : m.start()], q[m.end() : m.end() + 16]
    return bool(re.search(r"\bat $", before)) or bool(
        re.match(r"\s*(?:each|apiece|per (?:factor|variable|knob|setting))\b", after)
    )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMWORD[word]


def _named_levels(q: str) -> dict[str, tuple[float, float]]:
    """Factors named with their two settings: ``melt temperature (220 vs 250 °C)``."""
    out: dict[str, tuple[float, float]] = {}
    for m in _LEVELS.finditer(q):
        words = [w for w in re.split(r"[\s\-]+", m.group(1)) if w]
        keep: list[str] = []
        for w in reversed(words):  # the name is the words right before the numbers
            if w in _NAME_STOP or len(keep) == 3:
                break
            keep.insert(0, w)
        lo, hi = float(m.group(2)), float(m.group(3))
        if keep and lo != hi and not re.fullmatch(r"\d+|runs?|trials?|points?|k", keep[-1]):
            out.setdefault(" ".join(keep), (min(lo, hi), max(lo, hi)))
    return out


def _factor_names(q: str, ph: Phrasing) -> tuple[list[str] | None, int | None]:
    names = ph.slots.get("factor_names")
    if names:
        return [ident(n) for n in names], len(names)
    levels = _named_levels(q)
    k = ph.slots.get("factor_count")
    if k is None:
        m = next((f for f in _FACTOR_COUNT.finditer(q) if not _level_count(q, f)), None)
        m = m or _K_EQUALS.search(q)
        k = _count(next(g for g in m.groups() if g)) if m else None
    if k is None and (m := _FACTOR_LETTERS.search(q)):
        k = ord(m.group(2)) - ord(m.group(1)) + 1 if m.group(2) > m.group(1) else None
    if len(levels) >= 2 and (k is None or k == len(levels)):
        ph.levels = {**ph.levels, **levels}
        return [ident(n) for n in levels], len(levels)
    if ph.levels and (k is None or k == len(ph.levels)):
        return [ident(n) for n in ph.levels], len(ph.levels)
    listed = _listed_names(q)
    if len(listed) >= 2 and (k is None or k == len(listed)):
        return [ident(n) for n in listed], len(listed)
    m = re.search(r"\b2\^\(?(\d+)\b", q)
    if k is None and m:
        k = int(m.group(1))
    return None, k


# "a Box-Behnken for pressure, flow and speed", "(cutting speed, feed and depth of cut)"
_NAME_LIST = re.compile(
    r"(?:\b(?:for|in|on|over|varying|vary|factors?|variables?|settings?|test(?:ing)?|stud(?:y|ying)|"
    r"investigat(?:e|ing)|explor(?:e|ing)|examin(?:e|ing)|chang(?:e|ing)|try(?:ing)?|"
    r"optimi[sz](?:e|ing)|look(?:ing)? at|consider(?:ing)?|includ(?:e|ing)|involv(?:e|ing)|"
    r"cover(?:ing)?|adjust(?:ing)?|tweak(?:ing)?|play(?:ing)? with|manipulat(?:e|ing)|"
    r"assess(?:ing)?|evaluat(?:e|ing)|check(?:ing)?|screen(?:ing)?|mov(?:e|ing))\s+|\(|:\s+)((?:the\s+)?"
    r"[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,2}(?:\s*,\s*[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,2})*,?"
    r"\s+and\s+[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,2}?)(?=\s*(?:[.?!,;:)]|$|\b(?:with|at|in|using|"
    r"that|so|please|and|to|want|need|would|for|each|every|all)\b))"
)
_NOT_NAMES = frozenset("runs run trials centre center points replicates levels level".split())


def _listed_names(q: str) -> list[str]:
    """Factor names listed without their levels."""
    m = _NAME_LIST.search(q)
    if not m:
        return []
    text = re.sub(r"^the\s+", "", m.group(1))
    names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text) if n.strip()]
    # "3 levels", "centre points" are no factor; "inoculum level" is one
    if any(
        set(n.split()) <= _NOT_NAMES or n.split()[0].isdigit() or n.split()[0] in _NUMWORD
        for n in names
    ):
        return []
    return names


_RUNS_IN_WORDS = re.compile(
    r"\b" + _COUNT + r"[- ](?:runs?|trials?|experiments|tests|test runs|batches|plots|pots|"
    r"experimental units)\b|"
    # what the budget allows, whatever the unit of work is called: "I can do eight bakes"
    r"\b(?:can|could|only|able to|time for|room for|enough for|capacity for)\s+(?:only\s+)?"
    r"(?:(?:do|run|make|manage|fit in|squeeze in|afford|perform|try|bake|brew|print|fire|build|"
    r"test|cast|mould|mold|press|weld|cut|grow|plant|cook)\s+)?(?:about\s+|roughly\s+|up to\s+)?"
    + _COUNT
    + r"\s+(?!(?:factors?|levels?|variables?|settings?|things|knobs?|parameters|causes|inputs|"
    r"centre|center|replicates?|blocks?|hours?|days?|weeks?|people|operators?)\b)[a-z]+s\b|"
    r"\b(?:budget (?:of|for)|only|afford|just|max(?:imum)?(?: of)?) " + _COUNT + r"\b|"
    r"\b" + _COUNT + r" [a-z]+ (?:at (?:the )?most|max(?:imum)?)\b"  # "16 cuts at most"
)


_RES_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "3": 3, "4": 4, "5": 5, "6": 6,
              "iii": 3, "iv": 4, "v": 5, "vi": 6}  # fmt: skip
_RES_IN_WORDS = re.compile(r"\bres(?:olution|\.)?\s*(three|four|five|six|iii|iv|vi|v|[3-6])\b")


def _no_regular_fraction(k: int, runs: int) -> bool:
    """No catalogued 2^(k-p) design of ``runs`` runs for ``k`` factors."""
    from havoc_tools.doe.catalogue import CATALOGUE

    if runs & (runs - 1) or runs >= 2**k:
        return False
    return (k, k - (runs.bit_length() - 1)) not in CATALOGUE


def _kind_from_runs(k: int, runs: int | None, res: int | None) -> str | None:
    """A two-level design named only by its size: 2^k runs is the full factorial, a smaller
    power of two a regular fraction, another multiple of four a Plackett-Burman design."""
    if runs is None:
        return "fractional" if res else None
    if runs == 2**k:
        return "full"
    if runs & (runs - 1) == 0 and runs < 2**k:
        return "fractional"
    return "plackett_burman" if runs % 4 == 0 and runs > k else None


# a budget of runs, not a count: "in under 20 runs", "no more than 12 trials"
_RUN_BOUND = re.compile(
    r"\b(?:(?:in\s+)?(?:under|fewer than|less than|below)|(?P<incl>no more than|at most|"
    r"a maximum of|max(?:imum)?(?: of)?|up to|within))\s+(?P<n>\d+|"
    + "|".join(_NUMWORD)
    + r")\s+(?:runs?|trials?|"
    r"experiments|tests|test runs|batches)\b"
)


def _runs_within(k: int, most: int, kind: str | None) -> int | None:
    """The most runs a two-level design for ``k`` factors can have within ``most``: the full
    factorial, else the largest regular fraction, else (or for Plackett-Burman) the largest
    multiple of four above ``k``."""
    if kind != "plackett_burman":
        if 2**k <= most:
            return 2**k
        runs = 1 << (most.bit_length() - 1) if most >= 4 else 0
        if runs > k:
            return runs
    pb = most - most % 4
    return pb if pb > k else None


# a fraction declined: "full, no fraction please", "not a fractional one", "without fractioning"
_NO_FRACTION = re.compile(r"\b(no|not|without|non|rather than|instead of)[- ](a |any )?fract\w*")


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    q = normalise(question).replace("\u2013", "-").replace("\u2014", "-")
    q = fix_typos(english(q), DESIGN_WORDS)
    plan = Plan("doe_design", "design")
    declined = _NO_FRACTION.search(q)
    if declined:
        q = _NO_FRACTION.sub(" ", q)
        ph.slots.pop("fraction_p", None)
    kind = next((k for pat, k in _KINDS if re.search(pat, q)), None)
    if kind is None and _CURVE_MODEL.search(q) and not _CENTRE.search(q):
        # a model with curvature asked of the design ("so we can fit the quadratic terms"): a
        # response surface design (centre points alone only detect curvature)
        kind = "ccd"
        plan.notes.append("curvature to be modelled: a central composite (response surface) design")
    if declined and kind in (None, "screening"):
        kind = "full"  # every combination, as the fraction was declined
        plan.notes.append("a fraction was declined: the full factorial")
    names, k = _factor_names(q, ph)
    if ph.slots.get("factor_count") and names and len(names) != ph.slots["factor_count"]:
        plan.notes.append(f"{len(names)} factor names given; using them, not the count")
    if k is None:
        plan.missing.append(
            Missing(
                "the factors",
                "say how many factors or name them, e.g. '4 factors' or 'factors temperature, "
                "pressure and time'",
            )
        )
        return plan
    if k < 2 or k > 47:
        plan.missing.append(Missing("a usable number of factors", f"{k} factors: give 2 to 47"))
        return plan
    factors: Any = names if names else k
    if "fraction_p" not in ph.slots and (m := _SHARE.search(q)) and not declined:
        # "a quarter-fraction", "1/8 fraction", "one-eighth replicate": the fraction 2^-p
        ph.slots["fraction_p"], kind = (
            _SHARE_P[m.group(1).replace("one-", "").replace("one ", "")],
            "fractional",
        )
    if kind in (None, "full", "screening") and "fraction_p" not in ph.slots:
        share = 1 if _HALF_RUNS.search(q) else 2 if _QUARTER_RUNS.search(q) else None
        if share is not None:  # "half the runs": a half fraction of the full factorial
            ph.slots["fraction_p"], kind = share, "fractional"
    res_words = 5 if _RES_V.search(q) else 4 if _RES_IV.search(q) else None
    if res_words and "resolution" not in ph.slots:
        ph.slots["resolution"] = res_words
        plan.notes.append(f"the aliasing asked for in words is resolution {res_words}")
    if "resolution" not in ph.slots and (m := _RES_IN_WORDS.search(q)):  # "resolution five"
        ph.slots["resolution"] = _RES_WORDS[m.group(1)]
    bound = _RUN_BOUND.search(q)
    if bound and kind in (None, "screening", "fractional", "plackett_burman"):
        most = _count(bound.group("n")) - (0 if bound.group("incl") else 1)
        fit = _runs_within(k, most, kind)
        if fit:  # "in under 20 runs": the largest design that stays within the budget
            ph.slots["runs"] = fit
            plan.notes.append(f"at most {most} runs: the {fit}-run design")
    if "runs" not in ph.slots and (m := _RUNS_IN_WORDS.search(q)):  # "eight runs"
        ph.slots["runs"] = _count(next(g for g in m.groups() if g))  # either alternative
    if kind in (None, "screening"):
        kind = _kind_from_runs(k, ph.slots.get("runs"), ph.slots.get("resolution")) or kind
    if kind == "full" and k > 15:
        kind = "screening"
    if kind is None:
        if k <= 4:
            kind = "full"
            plan.notes.append("no design type named: a full factorial (2^k runs) is planned")
        else:
            plan.missing.append(
                Missing(
                    "the design type",
                    f"with {k} factors say 'full factorial', 'fractional factorial, resolution "
                    "IV' (or 'in 16 runs'), 'Plackett-Burman', 'central composite' or "
                    "'Box-Behnken'",
                )
            )
            return plan
    low = high = None
    if names and ph.levels:
        lv = {ident(n): v for n, v in ph.levels.items()}
        if set(lv) >= set(names):
            low = [min(lv[n]) for n in names]
            high = [max(lv[n]) for n in names]
        else:
            plan.notes.append(
                "levels were not given for every factor; the design is in coded units"
            )
    center = ph.slots.get("center_points")
    reps = ph.slots.get("replicates")
    runs = ph.slots.get("runs")
    res = ph.slots.get("resolution")
    p = ph.slots.get("fraction_p")
    if kind == "screening":
        if res or runs or p:
            kind = "fractional"
        else:
            kind = "plackett_burman"
            plan.notes.append(
                "screening design: Plackett-Burman in the fewest runs (a multiple of 4)"
            )
    o: dict[str, Any] = {"factors": factors, "low": low, "high": high}
    if kind == "full":
        o.update(replicates=reps, center=center)
    elif kind == "fractional":
        if p is not None:
            runs = 2 ** (k - p)
        if res is None and runs is None:
            plan.missing.append(
                Missing(
                    "the size of the fraction",
                    "give a resolution ('resolution IV'), a run count ('in 16 runs') or a "
                    "fraction ('half fraction')",
                )
            )
            return plan
        if runs is not None and _no_regular_fraction(k, runs) and runs % 4 == 0 and runs > k:
            # "15 factors in 16 runs": no catalogued regular fraction, a Plackett-Burman is
            kind = "plackett_burman"
            plan.notes.append(
                f"no catalogued regular fraction of {k} factors in {runs} runs: Plackett-Burman"
            )
        elif runs is not None and (runs & (runs - 1) or runs >= 2**k or runs < k + 1):
            plan.missing.append(
                Missing(
                    "a valid run count",
                    f"a regular fraction of {k} factors has a power-of-two run count between "
                    f"{k + 1} and {2 ** (k - 1)}; {runs} is not",
                )
            )
            return plan
        if kind == "fractional":
            o.update(
                resolution=res if runs is None else None, runs=runs, replicates=reps, center=center
            )
    if kind == "plackett_burman":
        o.update(runs=runs)
    elif kind == "ccd":
        o.update(center=center)
        if re.search(r"\bface[- ]?cent(er|re)d\b|\bccf\b|\bfaced\b", q):
            o.update(type="faced")
            plan.notes.append("face-centred central composite: axial points on the cube faces")
        else:
            plan.notes.append("central composite: rotatable axial distance (the library default)")
    elif kind == "box_behnken":
        if not 3 <= k <= 7:
            plan.missing.append(
                Missing("3 to 7 factors", "Box-Behnken designs exist for 3-7 factors")
            )
            return plan
        o.update(center=center)
    elif kind == "lhs":
        if runs is None:
            plan.missing.append(Missing("the number of runs", "say e.g. 'in 20 runs'"))
            return plan
        o = {"factors": factors, "samples": runs}
    o["seed"] = 1
    plan.notes.append("run order randomised with seed 1 (reproducible)")
    plan.analysis = f"design_{kind}"
    plan.slots.update(kind=kind, k=k, **{kk: v for kk, v in o.items() if v is not None})
    plan.program = program(A.DesignStmt(name="primary", kind=kind, options=opts(**o)))
    return plan


# ---------------------------------------------------------------------------------------------
# MODE evidence: a design described in words

_DESIGN_CONTEXT = re.compile(
    r"\b(runs?|trials?|experiments?|tests|settings|levels?|combinations?|fraction\w*|half|"
    r"quarter|design\w*|plan\w*|screen\w*|vary|varying|study|investigate|try|optimi[sz]\w*|cent(er|re) "
    r"points?|response surface|resolution|highs? and lows?|low and high|budget|afford)\b"
)
_POWER_OF_TWO = re.compile(r"\b2\s*\^\s*\(?\s*\d+(?:\s*-\s*\d+)?\s*\)?")
# a share of the full factorial's runs asked for in words: the fraction 2^-p
_HALF_RUNS = re.compile(
    r"\bhalf (?:the |of the |as many )?(?:runs?|trials?|experiments?|combinations?|size)\b|"
    r"\bhalf (?:a |of a |the |of the )?(?:full )?(?:factorial|design)\b|\bin half\b"
)
_CURVE_MODEL = re.compile(
    r"\b(?:fit\w*|model\w*|estimat\w*|captur\w*|quantif\w*|map\w*)\s+(?:the\s+|any\s+|a\s+)?"
    r"(?:curvature|curved (?:response|surface)|quadratic (?:terms?|effects?|model)|"
    r"second[- ]order (?:terms?|effects?|model)|squared terms?)\b"
)
_CENTRE = re.compile(r"\bcent(?:er|re)[- ]?(?:points?|runs?)\b|\bcent(?:er|re)s\b")
# the fraction named as a share of the full factorial
_SHARE_P = {"half": 1, "1/2": 1, "quarter": 2, "1/4": 2, "eighth": 3, "1/8": 3, "sixteenth": 4,
            "1/16": 4}  # fmt: skip
_SHARE = re.compile(
    r"\b((?:one[- ])?(?:half|quarter|eighth|sixteenth)|1/2|1/4|1/8|1/16)[- ](?:size |sized )?"
    r"(?:fraction\w*|replicate|factorial)\b"
)
_QUARTER_RUNS = re.compile(
    r"\ba? ?quarter (?:of )?(?:the )?(?:runs?|trials?|combinations?|(?:full )?factorial)\b"
)


# design words in German and Spanish, read as their English ones
_FOREIGN = [
    (
        r"\bteilfaktoriell\w*|\bfactorial(?:es)? fraccional\w*|\bfraccionad\w*",
        "fractional factorial",
    ),
    (r"\bvollfaktoriell\w*|\bfactorial completo\b", "full factorial"),
    (r"\bversuchspl[aä]n\w*|\bdiseño(?: de experimentos| experimental)?\b", "design"),
    (r"\bfaktoren\b|\bfactores\b", "factors"),
    (r"\bauflösung\b|\bresolución\b|\bresolucion\b", "resolution"),
    (r"\bversuche[n]?\b|\bcorridas\b|\bensayos\b", "runs"),
    (r"\b(?:zentralpunkte|zentrumspunkte|mittelpunkte)\b|\bpuntos centrales\b", "centre points"),
    (r"\bmit\b|\bcon\b", "with"),
    (r"\bfür\b|\bpara\b", "for"),
]


def english(q: str) -> str:
    """``q`` with German and Spanish design words in English ("teilfaktoriell, 5 Faktoren, 8
    Versuche, Auflösung III" -> "fractional factorial, 5 factors, 8 runs, resolution iii")."""
    for pat, word in _FOREIGN:
        q = re.sub(pat, word, q)
    return q


def mode_cue(question: str, ds: Dataset | None) -> tuple[float, str]:
    """MODE evidence, with no table attached, that a design is asked for in words: a count of
    factors ("four things to vary", "7 knobs") or factors named with two settings each, together
    with a word about runs, settings or levels; or 2^k / 2^(k-p) written out. (score, why)."""
    if ds is not None:
        return 0.0, ""
    q = english(normalise(question))
    gain, words = rule_gain("doe_design", q, DESIGN_WORDS)
    q = fix_typos(q, DESIGN_WORDS)
    if gain:
        return gain + _words_cue(q), f"design words with typos ({words})"
    return _words_cue(q), "a design described in words"


_OPTIMISE = re.compile(
    r"\b(optimi[sz]\w*|maximi[sz]\w*|minimi[sz]\w*|optimum|sweet spot|best settings?)\b"
)


def _words_cue(q: str) -> float:
    if _POWER_OF_TWO.search(q) and re.search(
        r"\b(design|factorial|runs?|experiment|plan|doe|fraction\w*)\b", q
    ):
        return 4.0
    if re.search(r"\b(sample size|power|how many (samples|parts|units|subjects))\b", q):
        return 0.0
    k_said = _FACTOR_COUNT.search(q) or _K_EQUALS.search(q) or _FACTOR_LETTERS.search(q)
    if re.search(r"\b(star|axial) (points?|runs?)\b", q) and re.search(
        r"\b(design|experiment|doe|plan|set (it )?up)\b", q
    ):
        return 4.0  # a central composite described by its star points
    if (
        _OPTIMISE.search(q)
        and re.search(r"\b(experiments?|design|runs|trials|doe)\b", q)
        and (k_said or len(_listed_names(q)) >= 2)
    ):
        return 4.5  # settings to optimise: a response-surface design
    if (k_said or len(_named_levels(q)) >= 2) and (
        _DESIGN_CONTEXT.search(q) or _RUNS_IN_WORDS.search(q)
    ):
        return 3.5  # factors counted or named with their settings, and runs or levels asked
    if len(_listed_names(q)) >= 2 and _RUNS_IN_WORDS.search(q) and _DESIGN_CONTEXT.search(q):
        return 3.5  # factors named, a number of runs and a word of varying or planning
    return 0.0


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results.get("primary") or {}
    alias = r.get("alias") or {}
    res = alias.get("resolution")
    if res is not None:
        arg.checks.append(
            check("confounding", "resolution", res >= 4,
                   f"resolution {res}: "
                   + ("main effects clear of two-factor interactions" if res >= 4
                      else "main effects are aliased with two-factor interactions"),
                   resolution=res)
        )  # fmt: skip
        if res == 3:
            arg.caveats.append(
                "resolution III: main effects are confounded with 2-factor interactions"
            )
        elif res == 4:
            arg.caveats.append("resolution IV: two-factor interactions are aliased with each other")
    if not r.get("center_points") and plan.slots.get("kind") in ("full", "fractional"):
        arg.caveats.append("no centre points: curvature cannot be detected")


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """A design has no alternative result to switch to."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Run counts, balance, orthogonality and resolution from the coded matrix itself."""
    coded = np.asarray(r["coded"], dtype=float)
    s = plan.slots
    k, kind = s["k"], s["kind"]
    reps, center = s.get("replicates") or 1, s.get("center") or 0
    au.value("factors", coded.shape[1], k)
    if kind == "full":
        au.value("runs = 2^k x replicates + centre", coded.shape[0], 2**k * reps + center)
    elif kind == "fractional":
        if s.get("runs"):
            au.value(
                "runs = 2^(k-p) x replicates + centre", coded.shape[0], s["runs"] * reps + center
            )
        if s.get("resolution"):
            au.truth(
                "resolution at least as asked", (r["alias"]["resolution"] or 0) >= s["resolution"]
            )
        words = r["alias"].get("defining_relation") or []
        lengths = [len(w.lstrip("-")) for w in words if w not in ("I",)]
        if lengths:
            au.value("resolution = shortest word", r["alias"]["resolution"], min(lengths))
    elif kind == "ccd":
        _audit_ccd(au, coded, k, center, 1.0 if s.get("type") == "faced" else 2 ** (k / 4))
    elif kind == "lhs":
        n = coded.shape[0]
        au.value("runs = samples asked", n, s["samples"])
        strata = np.floor((coded + 1) / 2 * n).clip(0, n - 1)
        au.truth(
            "one point per stratum in every column (Latin hypercube)",
            all(sorted(strata[:, j]) == list(range(n)) for j in range(coded.shape[1])),
        )
    elif kind == "box_behnken":
        edge = coded[~np.all(coded == 0, axis=1)]
        au.truth("levels -1, 0, +1 only", bool(np.isin(coded, (-1.0, 0.0, 1.0)).all()))
        if k in (3, 4, 5):  # each pair of factors at +-1, the others at 0
            au.value("edge runs = 4 C(k, 2)", len(edge), 2 * k * (k - 1))
        if center:
            au.value("centre runs as asked", coded.shape[0] - len(edge), center)
        xtx = edge.T @ edge
        au.truth("orthogonal main effects", bool(np.allclose(xtx - np.diag(np.diag(xtx)), 0)))
    if kind in ("full", "fractional", "plackett_burman"):
        corner = coded[~np.all(coded == 0, axis=1)]
        au.truth(
            "balanced columns (sum of coded levels = 0)", bool(np.allclose(corner.sum(axis=0), 0))
        )
        xtx = corner.T @ corner
        au.truth("orthogonal main effects", bool(np.allclose(xtx - np.diag(np.diag(xtx)), 0)))


def _audit_ccd(au: Audit, coded: np.ndarray, k: int, center: int, distance: float) -> None:
    """A central composite design: 2^k corners, 2k axial runs at the rotatable distance
    (2^k)^(1/4) (1 when face-centred), centre runs, and nothing else."""
    nonzero = (np.abs(coded) > 1e-12).sum(axis=1)
    corners = coded[(nonzero == k) & np.all(np.isclose(np.abs(coded), 1), axis=1)]
    axial = coded[nonzero == 1]
    centre = int((nonzero == 0).sum())
    au.value("corner runs = 2^k", len(corners), 2**k)
    au.value("axial runs = 2k", len(axial), 2 * k)
    au.value("runs = corners + axial + centre", coded.shape[0], len(corners) + len(axial) + centre)
    if center:
        au.value("centre runs as asked", centre, center)
    if len(axial):
        au.value("axial distance (rotatable (2^k)^(1/4), faced 1)", np.abs(axial).max(), distance)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    alias = r.get("alias") or {}
    k.update(
        runs=len(r["coded"]), factors=r["factor_names"], k=len(r["factor_names"]),
        design_type=r["design_type"], resolution=alias.get("resolution"),
        defining_relation=alias.get("defining_relation"), generators=alias.get("generators"),
        center_points=r.get("center_points"), replicates=r.get("replicates"),
    )  # fmt: skip
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    res = f", resolution {k['resolution']}" if k.get("resolution") else ""
    return f"A {k['design_type']} design for {k['k']} factors in {k['runs']} runs{res}."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return (
        "Run the experiment in the randomised order shown, record the response, then ask for the "
        "analysis with the results attached."
    )
