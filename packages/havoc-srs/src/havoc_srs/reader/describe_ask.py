"""What a description or a distribution question asks, refined after the first reading.

The statistic phrase table (:mod:`.statistic`) finds every statistic word; some of those words
play another role in the sentence, and some shape questions are tests, not summaries:

- groups ranked by the statistic asked ("the mean assists per team, and which team has the
  highest?"): the highest is the top of the per-group means, not the maximum of the column;
- a count word that describes a column of counts ("the range of how many people backed a
  project"): the column ``backers`` is summarised, no count is asked;
- a distance from the smallest to the largest ("how far it is from the shortest fish to the
  longest"): the range, not the minimum and maximum; "the middle half" spread is the IQR;
- a statistic the asker corrects ("the variance, I mean how far ...", "the average, well the
  middle one"): the correction replaces the word before it;
- a yes/no shape question with a normal curve named ("bell-shaped, or lopsided?"): a
  normality test, not a skewness (unlike "how lopsided is it?", a degree asked);
- "is the distribution of X the same for A and B", a Kolmogorov-Smirnov test "for two
  samples": two samples compared, not one tested against a normal.

``refine(reading, ds)`` adjusts the reading in place; it is called once at the end of
:func:`havoc_srs.reader.read`.

>>> from havoc_srs.reader import read
>>> read("Mean delay per airline, and which airline has the longest?", None).statistic
['mean']
"""

from __future__ import annotations

import re
from typing import Any

_SUPERLATIVE = (
    r"(highest|lowest|largest|smallest|biggest|greatest|longest|shortest|most|least|fewest|"
    r"best|worst|top|bottom|priciest|cheapest|heaviest|lightest|tallest|oldest|youngest)"
)
# "which team has the highest", "the region with the lowest", "rank the teams"
_RANK_GROUPS = re.compile(
    r"\b(which|what)( \w+){1,2} (has|have|had|is|are|was|were|gets?|got|comes? out|scores?|"
    r"ranks?|sits?)( \w+)? (the )?" + _SUPERLATIVE + r"\b"
    r"|\b(the|a) \w+ with the " + _SUPERLATIVE + r"\b"
    r"|\b(rank|order|sort)( \w+){0,2} (them|the \w+|groups?)\b"
)
_CENTRE_OR_SPREAD = {"mean", "median", "mode", "std", "variance", "iqr", "range", "cv",
                     "quartiles", "skewness", "kurtosis", "count"}  # fmt: skip
# "how far it is from the shortest to the longest", "the gap between the lowest and highest"
_DISTANCE = re.compile(
    r"\b(how (far|wide|big|large)|distance|gap|span|spread|difference)\b[^.?!]{0,60}?"
    r"\b((from|between|apart) )?(the )?(\w+ ){0,2}?(smallest|lowest|shortest|least|minimum|min|"
    r"cheapest|lightest|youngest|earliest|fewest|best|worst)\b[^.?!]{0,40}?\b(to|and) (the )?"
    r"(\w+ ){0,2}?(largest|highest|longest|biggest|maximum|max|greatest|priciest|heaviest|oldest|"
    r"latest|most|best|worst)\b"
)
# "how much taller is the tallest than the shortest", "how much more does the priciest cost
# than the cheapest": the difference of the two extremes, the range
_EXTREMES_APART = re.compile(
    r"\bhow (much|many) (\w+ ){0,2}?(\w+er|more|less|fewer)\b[^.?!]{0,40}?\bthe (\w+est|most \w+|"
    r"least \w+|(top|highest|lowest|bottom|largest|smallest) \w+)\b[^.?!]{0,40}?\bthan (the|its|their) "
    r"(\w+est|most|least|top|highest|lowest|bottom|largest|smallest)\b"
)
_MIDDLE_HALF = re.compile(
    r"\b(middle|central|inner|centre|center) (half|50 ?%|50 percent|fifty percent)\b"
)
# "the variance, I mean ...", "average salary, well the middle one": what follows corrects
_CORRECTION = re.compile(
    r"\b(i mean|i meant|meaning|by which i mean|in other words|i\.e\.)\b"
    r"|[—–]\s*well,|\s-\s+well,"  # "the average title - well, a typical title"
)
# a yes/no shape question naming the normal curve
_SHAPE_WORD = re.compile(
    r"\b(skew(ed)?|lopsided|asymmetric(al)?|symmetric(al)?|heavy[- ]tailed|fat[- ]tailed|"
    r"long[- ]tailed|(fat|heavy|long) tails?)\b"
)
# the two shapes offered as the answer: "bell-shaped, or lopsided?", "skewed or normal?"
_NORMAL_OR_SHAPE = re.compile(
    r"\b(normal\w*|gaussian|bell[- ]?\w*)\b[^.?!;]{0,60}?\bor\b[^.?!;]{0,30}?\b(skew|lopsided|"
    r"asymmetric|heavy|fat|long)|\b(skew\w*|lopsided|asymmetric\w*)\b[^.?!;]{0,30}?\bor\b[^.?!;]"
    r"{0,30}?\b(normal\w*|gaussian|bell)"
)
_DEGREE = re.compile(
    r"\bhow (\w+ )?(skew(ed)?|lopsided|asymmetric|symmetric|heavy|fat|peaked|flat)\b"
    r"|\b(skewness|kurtosis|skew (coefficient|statistic|value))\b|\bthe skew\b|\bskew,"
)
_SAME_DISTRIBUTION = re.compile(
    r"\bdistributions? (of|for) [^.?!]{1,80}?\b(the same|same|identical|alike|similar|equal|"
    r"differ\w*|different)\b"
    # "distributed the same way for A as for B", "spread out in a different manner"
    r"|\bdistributed (in )?(the same|a similar|similar|a different|different) (way|manner|fashion)"
    # "is the wear distribution the same for both", "compare the whole distribution of X
    # between A and B"
    r"|\bdistributions? (is |are )?(the same|identical|alike|equal)\b"
    r"|\bcompar\w* (the )?(whole |entire |full |overall |complete )distributions?\b"
    # the terse "X distribution A vs B same?", "distribution: A and B alike?"
    r"|\bdistributions?\b[^.?!]{0,40}\b(vs\.?|versus|against)\b[^.?!]{0,30}\b(the )?(same|alike|"
    r"identical|equal|similar|differ\w*|different)\b"
    # "differs in its whole distribution between A and B", "differ in their distributions"
    r"|\bdiffer\w* in (its|their|the) (whole |entire |overall |full )?distributions?\b"
    # "do A and B live in similarly crowded places, distribution-wise?"
    r"|\b(similar\w*|same|alike|equal\w*|differ\w*|different\w*)\b[^.?!]{0,60}\bdistribution[- ]?wise\b"
    r"|\bdistribution[- ]?wise\b[^.?!]{0,60}\b(similar\w*|same|alike|equal\w*|differ\w*|different\w*)\b"
)
# "could both come from one distribution", "drawn from a single population", "the same shape
# and spread": two samples, one distribution
_ONE_SOURCE = re.compile(
    r"\b(come|came|drawn|taken|coming) from (one|a single|a common|one and the same) (\w+ )?"
    r"(distribution|population)\b|\bsame shape and (the same )?spread\b"
    r"|\bsame spread and (the same )?shape\b"
)
_TWO_SAMPLES = re.compile(r"\b(two|2)[- ]samples?\b")


def refine(reading: Any, ds: Any) -> None:
    """Adjust ``reading`` (statistic, methods, same_distribution, scores) in place."""
    q = " ".join(reading.question.lower().split())
    _row_unit(reading)
    _all_n_measures(reading, ds)
    stats = list(reading.statistic)
    stats = _ranked_groups(q, stats)
    stats = _minutes(q, stats)
    stats = _count_of_a_column(reading, ds, q, stats)
    stats = _distance(q, stats)
    stats = _corrected(q, stats)
    stats = _worded(q, stats)
    stats = _top_of_column(reading, stats)
    if _APA_MEAN.search(reading.question) and "std" in stats and "mean" not in stats:
        stats = ["mean"] + stats  # "M (SD)": the mean beside the SD
    withdrawn = set(reading.statistic) - set(stats)
    if withdrawn & {"variance", "std"} and stats:  # "the variance, I mean how far ...": no spread
        cue = 3.5 if re.search(r"\bvariances?\b", q) else 0.0
        reading.scores["variance"] = max(0.0, reading.scores.get("variance", 0.0) - cue)
        reading.scores["descriptive"] = reading.scores.get("descriptive", 0.0) + 3.0
    added = [s for s in stats if s not in reading.statistic]
    if added and not reading.statistic:  # "the spread of the middle half": a statistic asked
        from havoc_srs.reader.statistic import _COMPARED

        reading.scores["descriptive"] = reading.scores.get("descriptive", 0.0) + 3 + len(added) / 2
        if not _COMPARED.search(q):
            reading.scores["variance"] = max(0.0, reading.scores.get("variance", 0.0) - 2.5)
    _shape_test(reading, q, stats)
    _stat_in_header(reading, q)
    _shape_degree(reading, q)
    _row_condition(reading, ds, q)
    from havoc_srs.reader.spelling import distribution_cut

    _two_samples(reading, distribution_cut(q))  # "the APM dist the same in A and B?"


# "country-year rows", "store-week records": the columns joined by hyphens name what a row is
_ROW_UNIT = re.compile(
    r"\b[\w]+(-[\w]+){1,2} (rows|records|observations|entries|pairs|combinations|cells)\b", re.I
)


def _row_unit(reading: Any) -> None:
    """Columns named only inside a hyphenated row unit ("how many country-year rows have a
    coal value") are what a row is, not columns asked about, when another column is named."""
    spans = [(m.start(), m.end()) for m in _ROW_UNIT.finditer(reading.question)]
    if not spans:
        return
    inside = [m for m in reading.mentions
              if m.kind == "column" and any(a <= m.start and m.end <= b for a, b in spans)]  # fmt: skip
    rest = [m for m in reading.mentions if m.kind == "column" and m not in inside]
    if inside and rest:
        reading.mentions = [m for m in reading.mentions if m not in inside]


_N_THINGS = re.compile(
    r"\b(?:each of|all|every one of|for)? ?(?:the|our|my|these|those) (two|three|four|five|six|both) "
    r"([a-z]+)\b"
)
_N_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _all_n_measures(reading: Any, ds: Any) -> None:
    """ "the standard deviation of each of the three stocks" with no column named, on a table of
    exactly three measurement columns (a date beside them): those three columns."""
    if ds is None or any(m.kind == "column" for m in reading.mentions):
        return
    from havoc_srs.reader.columns import Mention, _is_id

    measures = [c for c in ds.numeric if not _is_id(c, ds) and ds.n_levels(c) > 12]
    for m in _N_THINGS.finditer(reading.question.lower()):
        if _N_WORDS[m.group(1)] == len(measures) and not any(
            v.start <= m.start(2) < v.end for v in reading.mentions
        ):
            reading.mentions = sorted(
                list(reading.mentions)
                + [Mention(c, m.start(2), m.end(2), 0.8, how=f"the {m.group(1)} {m.group(2)}",
                           parts=((-200 - k, -200 - k),)) for k, c in enumerate(measures)],
                key=lambda x: x.start,
            )  # fmt: skip
            return


_TOP_BEFORE = re.compile(r"\b(the|our|its|their|a|your) (top|peak|bottom|record)\s+$", re.I)


def _top_of_column(reading: Any, stats: list[str]) -> list[str]:
    """ "the top reading score", "the peak load", "the bottom price": the maximum (minimum) of
    the column named right after, not a rank ("the top 10 scores" has a number between)."""
    for m in reading.mentions:
        hit = m.kind == "column" and _TOP_BEFORE.search(reading.question[: m.start])
        if hit:
            want = "min" if hit.group(2).lower() == "bottom" else "max"
            if want not in stats:
                return [s for s in stats if s not in ("count",)] + [want]
    return stats


def _minutes(q: str, stats: list[str]) -> list[str]:
    """ "12 min, 15 min, 9 min": minutes after numbers, not the minimum asked."""
    from havoc_srs.reader.statistic import asked_statistics

    if "min" not in stats or not re.search(r"\d\s?min\b", q):
        return stats
    if "min" in asked_statistics(re.sub(r"(\d)\s?min\b", r"\1", q)):
        return stats
    return [s for s in stats if s != "min"]


def _ranked_groups(q: str, stats: list[str]) -> list[str]:
    """ "Mean assists per team, and which team has the highest?": no maximum asked."""
    if not _RANK_GROUPS.search(q) or not set(stats) & _CENTRE_OR_SPREAD:
        return stats
    return [s for s in stats if s not in ("min", "max")]


def _count_of_a_column(reading: Any, ds: Any, q: str, stats: list[str]) -> list[str]:
    """ "The range of how many people backed a project": "how many ... backed" describes the
    numeric column ``backers`` (a count per row); with another statistic asked, no count is."""
    if "count" not in stats or ds is None or not set(stats) - {"count"}:
        return stats
    numeric = set(getattr(ds, "numeric", ()))
    q0 = reading.question
    for x in reading.mentions:  # "the view counts": the column of counts, named
        if x.kind == "column" and x.column in numeric and re.match(r"\s*counts?\b", q0[x.end :]):
            return [s for s in stats if s != "count"]
    for m in re.finditer(r"\bhow many\b|\bnumber of\b", q0.lower()):
        near = [
            x
            for x in reading.mentions
            if x.kind == "column" and x.column in numeric and 0 <= x.start - m.end() <= 30
        ]
        if near and not re.search(r"[,;.?!]| and ", q0[m.end() : near[0].start]):
            return [s for s in stats if s != "count"]
    return stats


# "the lowest, the highest and the gap between them": the two ends and their distance
_GAP_BETWEEN_THEM = re.compile(
    r"\b(gap|distance|difference|spread|span) (between|separating) (them|the two|those two|both)\b"
)


def _distance(q: str, stats: list[str]) -> list[str]:
    out = list(stats)
    if {"min", "max"} <= set(out) and "range" not in out and _GAP_BETWEEN_THEM.search(q):
        return [*out, "range"]
    if _DISTANCE.search(q) or _EXTREMES_APART.search(q):  # from the smallest to the largest
        out = [s for s in out if s not in ("min", "max")]
        if "range" not in out:
            out.append("range")
    if _MIDDLE_HALF.search(q) and "iqr" not in out:  # the spread of the middle half
        out = [s for s in out if s not in ("quartiles", "range")] + ["iqr"]
        if not re.search(r"\b(standard deviation|std|sd|stdev|sigma)\b", q):
            out = [s for s in out if s != "std"]  # "the spread of the middle half": no SD
    return out


# "the most days anyone missed", "the fewest goals any team scored": the extreme of a column
_MOST_ANYONE = re.compile(
    r"\bthe (?P<w>most|highest|largest|fewest|least|lowest|smallest) "
    r"(?!(common|frequent|popular|typical|likely|often|usual)\b)(\w+ ){1,3}?"
    r"(anyone|anybody|any one|any single|a single|any \w+ (ever|has|had|have|got|gets|took|"
    r"takes|missed|scored|spent|paid|made|did|reached|recorded|needed))\b"
)
# "a long tail to the right", "a right-hand tail": a tail's side is the skew, not its weight
_SIDED_TAIL = re.compile(
    r"\btails? (to|on|towards?) the (right|left)\b|\b(right|left)([- ]hand)?[- ](tail|skew)"
)
# "between which values does the middle half fall": the two ends (quartiles), not the width
_WHICH_VALUES = re.compile(
    r"\b(between|within) (which|what) (two )?(values|numbers|bounds|limits|points)\b"
    r"|\bfrom (what|which)( value)? to (what|which)\b|\bwhich (two )?values\b[^.?!]{0,40}\b(fall|lie|sit)"
    # "the limits of the central half", "where does the middle half fall": its two ends
    r"|\b(limits|bounds|boundaries|edges|ends|cut[- ]?offs|end ?points)\b (of|for) (the )?"
    r"(middle|central|inner)\b|\bwhere (does|do|did) (the )?(middle|central|inner) (half|50)\b"
    r"[^.?!]{0,40}\b(fall|lie|sit|start|begin|end)"
)
# "on an average day how many bikes go out": the count of each day averaged, not a row count
_HOW_MANY_ON_AVERAGE = re.compile(
    r"\bon (an? )?(average|typical|usual|normal) (day|week|month|year|night|shift|weekday|"
    r"weekend|game|evening|morning)\b[^.?!;]{0,20}\bhow many\b"
    r"|\bhow many\b[^.?!;,]{1,50}\b(on average|on an average \w+|per (day|week|month|year))\b"
)


# "the best and the worst day", "the worst score, and the best": both ends, whichever way
# the measure is better (a score's best is its maximum, a time's its minimum)
_BEST_AND_WORST = re.compile(
    r"\b(best|worst)\b[^.?!;]{0,50}?\b(and|or|vs\.?|versus|to)\b[^.?!;]{0,12}?\b(best|worst)\b"
)


# "Q3 minus Q1", "the distance between the first and third quartiles": the IQR
_QUARTILE_GAP = re.compile(
    r"\bq3\s*(minus|-|–|less)\s*q1\b|\b(difference|distance|gap|spread) between (the )?(q1 and "
    r"q3|q3 and q1|(upper and lower|lower and upper|first and third|third and first) quartiles)\b"
)
# "how far ages differ from the average, typically": the mean is the reference of the SD
_FROM_THE_MEAN = re.compile(
    r"\b(differ|deviat|stray|var(y|ies)|distance|away|spread|scatter)\w*( \w+){0,3}? (from|around|"
    r"about) (the|their|its) (average|mean)\b"
)
# APA's "M (SD)", "M ± SD", "M and SD": the mean and the standard deviation
_APA_MEAN = re.compile(r"(?<![\w-])M\s*(\(\s*SD\s*\)|±\s*SD\b|\+/-\s*SD\b|and SD\b|, SD\b)")


def _worded(q: str, stats: list[str]) -> list[str]:
    """Statistics said in words the phrase table reads otherwise (see the patterns above)."""
    out = list(stats)
    if _QUARTILE_GAP.search(q):
        out = [s for s in out if s != "quartiles"] + (["iqr"] if "iqr" not in out else [])
    if (
        "std" in out
        and "mean" in out
        and _FROM_THE_MEAN.search(q)
        and len(re.findall(r"\b(mean|average|avg)\b", q)) == 1
    ):
        out = [s for s in out if s != "mean"]
    both = _BEST_AND_WORST.search(q)
    if (
        both
        and both.group(1) != both.group(3)
        and not _DISTANCE.search(q + " ")
        and not (_EXTREMES_APART.search(q))
    ):
        out += [s for s in ("min", "max") if s not in out]
    m = _MOST_ANYONE.search(q)
    if m:
        want = "max" if m.group("w") in ("most", "highest", "largest") else "min"
        if want not in out:
            out.append(want)
    if "kurtosis" in out and _SIDED_TAIL.search(q) and not re.search(r"kurtosis|peak|fat|heav", q):
        out = [s for s in out if s != "kurtosis"]
        if "skewness" not in out:
            out.append("skewness")
    if "iqr" in out and _WHICH_VALUES.search(q) and not re.search(r"\binter-? ?quartile|\biqr", q):
        out = [("quartiles" if s == "iqr" else s) for s in out]
    if "count" in out and "mean" in out and _HOW_MANY_ON_AVERAGE.search(q):
        out = [s for s in out if s != "count"]
    return list(dict.fromkeys(out))


def _corrected(q: str, stats: list[str]) -> list[str]:
    """A statistic named before "I mean" and another after it: the first is withdrawn."""
    from havoc_srs.reader.statistic import asked_statistics

    m = _CORRECTION.search(q)
    if m is None or not stats:
        return stats
    before = asked_statistics(q[: m.start()])
    after = _distance(q[m.end() :], asked_statistics(q[m.end() :]))  # read as the whole is
    dropped = [s for s in before if s not in after]
    instead = [s for s in after if s not in before]
    if not dropped or not instead:
        return stats
    kept = [s for s in stats if s not in dropped]
    return kept + [s for s in instead if s not in kept]  # what the correction says instead


def _shape_test(reading: Any, q: str, stats: list[str]) -> None:
    """ "Are the attendance figures bell-shaped, or lopsided?": a normality test."""
    shape = {"skewness", "kurtosis"}
    if (
        reading.target == "normal"
        and set(stats) & shape
        and _SHAPE_WORD.search(q)
        and _NORMAL_OR_SHAPE.search(q)
        and not _DEGREE.search(q)
    ):
        stats = [s for s in stats if s not in shape]
        reading.scores["distribution"] = reading.scores.get("distribution", 0.0) + 2.0
        if not stats:
            reading.scores["descriptive"] = 0.0
        reading.evidence.append("a yes/no shape question naming the normal curve: a test")
    if stats != reading.statistic:
        if not stats and reading.statistic and "descriptive" in reading.scores:
            reading.scores["descriptive"] = max(0.0, reading.scores["descriptive"] - 3.0)
        reading.statistic = stats


_ASKED_FOR = re.compile(r"^\s*(what('s| is| are| was| were)|give|show|report|tell|list)\b")
_HEADER_STAT = {"average": "mean", "avg": "mean", "mean": "mean", "median": "median"}


def _stat_in_header(reading: Any, q: str) -> None:
    """ "What's the average nightly rate at each hotel?" on ``adr`` (average daily rate): the
    statistic word is inside the column's name, and nothing else is asked of the column: its
    value per row is that statistic, so the statistic is asked."""
    from havoc_srs.reader.statistic import _COMPARED

    if reading.statistic or not _ASKED_FOR.search(q) or _COMPARED.search(q):
        return
    if reading.target or reading.methods or reading.same_distribution:
        return
    for m in reading.mentions:
        first = reading.question[m.start : m.end].lower().split()[:1]
        if m.kind == "column" and first and first[0] in _HEADER_STAT:
            reading.statistic = [_HEADER_STAT[first[0]]]
            reading.scores["descriptive"] = reading.scores.get("descriptive", 0.0) + 3.5
            reading.evidence.append(f"the {first[0]} named with the column: a statistic asked")
            return


def _shape_degree(reading: Any, q: str) -> None:
    """ "How lopsided is the distribution of X?", "Is it symmetric? Report its skewness.": the
    degree of a shape asked, with no distribution named to test against: a description."""
    if (
        set(reading.statistic) & {"skewness", "kurtosis"}
        and _DEGREE.search(q)
        and not reading.target
        and not reading.methods
        and not reading.same_distribution
    ):
        reading.scores["descriptive"] = reading.scores.get("descriptive", 0.0) + 3.0
        reading.evidence.append("the degree of a shape asked, no distribution named: descriptive")


def _two_samples(reading: Any, q: str) -> None:
    """ "the distribution of RI for types 1 and 2 the same?", "KS test for two samples"."""
    if "ks_normal" in reading.methods and _TWO_SAMPLES.search(q) and not reading.target:
        reading.methods = ["ks_two_sample" if m == "ks_normal" else m for m in reading.methods]
        reading.same_distribution = True
    elif (
        (_SAME_DISTRIBUTION.search(q) and not reading.same_distribution) or _ONE_SOURCE.search(q)
    ) and not reading.target:
        reading.same_distribution = True
        reading.scores["distribution"] = reading.scores.get("distribution", 0.0) + 4.0
        reading.evidence.append("the distributions of two samples compared")


_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "fifth": 4, "5th": 4, "last": -1, "final": -1,
             # "the primary type" of Type 1 / Type 2
             "primary": 0, "secondary": 1, "tertiary": 2}  # fmt: skip
_NUMBERED = re.compile(r"^(?P<stem>.*?[A-Za-z])[ _-]?(?P<n>\d{1,2})$")


def ordinal_mentions(question: str, ds: Any, mentions: list[Any]) -> list[Any]:
    """Numbered columns of one measure (``Length1``, ``Length2``, ``Length3``) picked by an
    ordinal word beside their common name ("the first length", "the third of the length
    measurements"): that column replaces the others of its set among ``mentions``."""
    if ds is None:
        return mentions
    from havoc_srs.reader.columns import Mention
    from havoc_srs.reader.text import tokens, word_match

    sets: dict[str, list[tuple[int, str]]] = {}
    for c in ds.frame.columns:
        m = _NUMBERED.match(str(c).strip())
        if m:
            sets.setdefault(m.group("stem").lower(), []).append((int(m.group("n")), c))
    toks = tokens(question)
    out = list(mentions)
    for stem_, members in sets.items():
        if len(members) < 2:
            continue
        members.sort()
        heads = [i for i, t in enumerate(toks) if word_match(t.text, stem_) >= 0.9]
        for i in heads:
            near = [
                (j, toks[j])
                for j in range(max(0, i - 6), min(len(toks), i + 3))
                if toks[j].text in _ORDINALS
            ]
            if not near:
                continue
            j, t = min(near, key=lambda jt: abs(jt[0] - i))
            k = _ORDINALS[t.text]
            if k >= len(members):
                continue
            col = members[k][1]
            a, b = min(t.start, toks[i].start), max(t.end, toks[i].end)
            cols = {c for _, c in members}
            out = [m for m in out if m.column not in cols or m.kind != "column"]
            out.append(Mention(col, a, b, 0.95, how=f"ordinal {t.text!r} of {stem_!r}"))
            break
    return sorted(out, key=lambda m: m.start)


_FLAG = re.compile(r"^(has|is|with|supports?|uses?|offers?)[ _-]?(?P<x>.+)$|^(?P<y>.+?)[ _-]?(flag|yn)$",
                   re.I)  # fmt: skip
_YES_NO = frozenset("0 1 0.0 1.0 y n yes no true false t f".split())


def flag_mentions(question: str, ds: Any, mentions: list[Any]) -> list[Any]:
    """A yes/no column headed "has_X" / "is_X" / "X_flag" named by its feature alone ("phones
    that support 5G" -> ``has_5g``; "the organic ones" -> ``is_organic``)."""
    if ds is None:
        return mentions
    from havoc_srs.reader.columns import Mention

    have = {m.column for m in mentions}
    out = list(mentions)
    low = question.lower()
    for c in ds.frame.columns:
        m = _FLAG.match(str(c).strip())
        if c in have or m is None:
            continue
        feature = (m.group("x") or m.group("y") or "").lower().replace("_", " ").strip()
        values = {str(v).strip().lower() for v in ds.frame[c].dropna().unique()}
        if len(feature) < 2 or len(values) != 2 or not values <= _YES_NO:
            continue
        pat = r"(?<![\w-])" + r"[ _-]?".join(map(re.escape, feature.split())) + r"(?![\w])"
        hit = re.search(pat, low)
        if hit and not any(x.start <= hit.start() < x.end for x in mentions):
            out.append(
                Mention(c, hit.start(), hit.end(), 0.9, how=f"feature {feature!r} of a flag")
            )
    return sorted(out, key=lambda m: m.start)


_TESTED = re.compile(
    r"\btest|signific|evidence|\bclaim|hypothes|p[- ]?values?\b|\bprove|\bconfirm|\bverify"
    r"|\balpha\b|α|\bat (?:the )?\d+(?:\.\d+)? ?%"  # a decision at a stated level
    r"|\b(?:[12]|one|two)[- ]?(?:sided|tailed)\b"  # the side of a test ("1-sided t")
)


def _row_condition(reading: Any, ds: Any, q: str) -> None:
    """ "The mean price of listings with more than 3 bedrooms": a number that bounds the rows,
    not a value the mean is tested against."""
    from havoc_srs.reader.thresholds import thresholds

    if ds is None or not reading.statistic or _TESTED.search(q):
        return
    conds = thresholds(reading, ds)
    named = {m.column for m in reading.mentions if m.kind == "column"}
    if conds and named - {t.column for t in conds}:  # "above 250 ml on average": a comparison
        reading.scores["descriptive"] = reading.scores.get("descriptive", 0.0) + 4.0
        reading.evidence.append("a numeric condition on the rows: a statistic of a subset")


_COLUMN_RANGE = re.compile(
    r"\b([A-Za-z]+)[ _]?(\d{1,2})\s*(?:-|–|—|to|through|thru|\.\.)\s*(?:\1[ _]?)?(\d{1,2})\b", re.I
)


def column_range_mentions(question: str, ds: Any, mentions: list[Any]) -> list[Any]:
    """ "Q1–Q10", "item_3 to item_7": every numbered column of the range (wide tables)."""
    if ds is None:
        return mentions
    from havoc_srs.reader.columns import Mention

    cols = {re.sub(r"[ _]", "", str(c)).lower(): c for c in ds.frame.columns}
    out = list(mentions)
    for m in _COLUMN_RANGE.finditer(question):
        stem_, a, b = m.group(1).lower(), int(m.group(2)), int(m.group(3))
        if not a < b <= a + 60:
            continue
        names = [cols.get(f"{stem_}{i}") for i in range(a, b + 1)]
        if any(n is None for n in names):
            continue
        out = [x for x in out if x.column not in names or x.kind != "column"]
        out += [
            Mention(n, m.start(), m.end(), 0.95, how="a range of numbered columns") for n in names
        ]
    return sorted(out, key=lambda x: x.start)
