"""PLAN's check that every measurement the question NAMES is a column of the table, before any
column may be taken by structure or elimination.

A family planner that finds no column named falls back on the table's shape (the only numeric
column, the value column of a long table): right when the user described the column loosely
("the mm readings", "how long the pumps last"), wrong when the user named a quantity the table
does not hold ("Gage R&R on the flatness readings" on a bore-depth study). So the quantity
phrases that follow a statistic, chart or test ("mean outlet temperature of", "spread of coating
gloss", "p chart of the rework hours", "compare surface finish between") are checked against the
table: header words (stems, typos, synonyms, abbreviations, units), cell values and, failing
those, the sentence embedder's reading of the headers. A phrase that matches nothing, or whose
qualifier contradicts the only column its head word matches ("outlet temperature" where the
table has ``inlet_temp_C``), is reported, and the answer asks for it (``needs_input``).

On by default (``HAVOC_SRS_CHECK_NAMED=0`` turns it off). Three readings keep a described
column from being taken for a missing one: a duration phrase stands for the table's time column
unless a qualifier no column holds contradicts that column's own word ("queue wait time" against
``Handle time (s)``, while "how long the call lasted" is ``handle_time_s``); a physical
dimension ("linewidth") stands for the one column in a length unit (``CD (nm)``); a place or
machine after a chart ("chart for the bottling line") is no quantity. A qualifier that only
names an identifier column ("tablet" of ``Tablet #``) does not ground the head word
("tablet hardness" on a table of weights is a gap).

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"booth": ["A", "B"] * 5, "thickness_um": range(10)}))
>>> named_gaps("Do the booths differ in the spread of coating gloss?", ds)
['coating gloss']
>>> named_gaps("Do the booths differ in the spread of coating thickness?", ds)
[]
"""

from __future__ import annotations

import os
import re
from typing import Any

from havoc_srs.families._unit_words import header_units, spelled_forms, unit_quantities
from havoc_srs.reader.columns import (
    _FILLER,
    _NOT_COLUMN,
    ABBREVIATIONS,
    GENERIC,
    SYNONYMS,
    UNITS,
    _variants,
    describe_column,
    match_headers,
)
from havoc_srs.reader.scales import scale_fits
from havoc_srs.reader.text import STOP, split_name, stem, tokens, word_match

# nouns that say how much of a thing there is, after the thing a column counts ("lice load",
# "parasite burden", "pollen levels"): the column's own quantity, not another one
_AMOUNT_NOUNS = frozenset("load loads burden burdens amount amounts level levels".split())
# what a quantity phrase follows: a statistic, a chart, a study, a comparison
_ANCHOR = re.compile(
    r"\b(mean|means|average|averages|avg|median|medians|spread|variance|variances|variability|"
    r"variation|standard deviations?|std dev|std|stdev|sd|distribution|distributions|histogram|range|total|"
    r"sum|minimum|maximum|min|max|skewness|kurtosis|percentiles?|quartiles?|normality|"
    r"capability|cpk|ppk|cp|chart|charts|gage r&r|gauge r&r|r&r|grr|msa|compare|comparing)\b"
    r"(\s+(of|on|for|in)\b)?"
)
_METHOD_ANCHOR = re.compile(
    # a test named by its name and what it is run on ("Kruskal-Wallis on X by Y", "a Levene test
    # of X", "Mann-Whitney U for X"): the quantity tested, as after a statistic
    r"\b(?:(?:[tzf]-?|paired |one-sample |two-sample |welch'?s? )tests?|anova|kruskal[- ]wallis|"
    r"mann[- ]whitney(?: u)?|wilcoxon(?: signed[- ]rank)?|levene'?s?|bartlett'?s?|brown[- ]forsythe|"
    r"shapiro[- ]wilk|anderson[- ]darling|kolmogorov[- ]smirnov|ks|fligner(?:[- ]killeen)?|"
    r"mood'?s?(?: median| two-sample)?)(?: tests?)?\s+(?:of|on|for)\b"
    # what a test is of by its hypothesis ("test for scale", "of homogeneity of variances") or
    # the study it is run in ("a t-test on the trial"): no quantity
    r"(?!\s+(?:the\s+|a\s+|an\s+)?(?:homogen\w*|heterogen\w*|homosc?ed\w*|"
    r"heterosc?ed\w*|scale|dispe?r\w*|location|spread|shift|trend|independence|equality|"
    r"symmetry|randomness|normality|association|difference|differences|means?|medians?|"
    r"variances?|equal|trial|study|experiment|survey|pilot|data|dataset|sample|samples|"
    r"groups?|two|both|all|each|these|those|this|that|it|them|"
    # the designed experiment itself ("anova on the coded factorial", "on the DOE runs")
    r"coded|factorial|fractional|full|design|designs|doe|runs?|screening|experiments|"
    r"results?|model|fit)\b)"
    # a regression's response ("regress X on Y")
    r"|\bregress\b"
)
# words that say "the values of" rather than name a quantity
_CARRIER = frozenset(
    "reading readings measurement measurements measured values value data results result numbers "
    "figures observations obs entries records recorded samples sample points".split()
)
# where a quantity phrase ends
_END = frozenset(
    "between across among by per versus vs against with without from at over under during since "
    "when where while which who whose that than after before within according compared relative "
    "given assuming using above below beyond exceeds exceeding"
    # prepositions of place, path and time ("spread evenly through the hour", "across and along
    # the web", "scattered around the target"): a phrase ends there as at "over" or "during"
    " through throughout into onto toward towards around along via amid upon".split()
    # the same prepositions in Spanish, German, French, Italian, Portuguese ("R&R del calibre")
    + "de del della des du da do der den dem für fur von vom zur zum para con por sur avec pour "
    "dans mit bei".split()
)
# words of the statistics themselves, of people and of clauses, never a measured quantity
_STAT_WORDS = frozenset(
    "limit limits cpk cp ppk pp cpm reproducibility repeatability coefficient rsd effect effects "
    "breakdown component components contribution contributions decomposition "
    "assumption assumptions ratio pattern shape nonconformities nonconforming defectives "
    "tol tolerance analysis audit change changes shift shifts chart charts gage gauge study test "
    "process model fit estimate interval intervals men women male female boys girls people "
    "someone anyone everyone attached sheet report table file out up down off next "
    "comes come seems seem looks look goes happens occurs depends varies differs stays remains "
    "arises requirement requirements has have had pls plz applies apply fits suits "
    "wilcoxon mann whitney kruskal wallis welch student anova ttest signed rank "
    "middle half plus minus first second third fourth fifth last "
    "control subgroup subgroups deviation deviations builder wizard platform dialog "
    "menu index indices".split()  # "the middle half",
    # "mean plus-minus SD": a statistic; "the first of the widths": an ordinal, no quantity;
    # "chart of control", "chart of subgroup standard deviations": the chart, not a quantity;
    # "Control Chart Builder", "Capability platform": a program's menu, not a quantity
)
_DETERMINERS = frozenset("the a an our my their its your this these".split())
_SEMANTIC_MIN = 0.5
# a subject phrase with no header word is a gap only when no column comes close to it
_SEMANTIC_SUBJECT = 0.35
# a duration named in other words ("lead time", "how long the call lasted") stands for a column
# measured in time
_DURATION = frozenset(
    "time times duration durations lead long length wait waiting turnaround delay delays lasted "
    "lasts cycle days hours minutes seconds".split()
)
_TIME_HEADER = frozenset(
    "time duration days day hours hrs hr h minutes min mins s sec seconds".split()
)  # a phrase that matches no header word still stands for a column above this
# a physical dimension named in other words ("linewidth", "wall thickness") stands for the one
# column measured in a length unit
_DIMENSION = ("width", "length", "thickness", "diameter", "height", "depth", "radius", "gap")
_LENGTH_UNIT = frozenset("mm cm m um µm nm in inch inches mil mils micron microns".split())
# where or on what a quantity is measured, never the quantity ("chart for the bottling line")
_WHERE = frozenset(
    "line lines machine machines plant plants station stations site sites cell cells shop "
    "floor floors booth booths bench benches".split()
    # the instrument a measurement system study is run on ("MSA on the seam mic")
    + "mic mics micrometer micrometers caliper calipers calliper callipers gauge gauges gage "
    "gages cmm probe probes durometer durometers comparator comparators profilometer "
    "profilometers".split()
)
# a header word that marks a column as an identifier or index, not a measurement ("Tablet #")
_ID_WORDS = frozenset("id no nr num number index serial subgroup seq sequence order".split())


def _header_words(ds: Any) -> dict[str, set[str]]:
    """Each column's words: header variants, abbreviations both ways, units' meanings."""
    out: dict[str, set[str]] = {}
    for c in ds.frame.columns:
        words = {w for v in _variants(str(c)) for w in v} | set(split_name(str(c)))
        words |= set(describe_column(str(c)).split())
        # what a unit written as a header word measures ("dB" a noise level, "NTU" a turbidity)
        words |= {q for w in split_name(str(c)) if w in UNITS for q in unit_quantities(w)}
        # ... and a unit in brackets or as a word ("Brix (°Bx)" a sugar content, "AvgWatts" a
        # power), with the unit's own words ("kilos" of ``Yield/tree [kg]``)
        for u in header_units(str(c)):
            words |= set(unit_quantities(u)) | spelled_forms(u) | {u}
        for w in list(words):
            words |= set(ABBREVIATIONS.get(w, ()))
            words |= {a for a, full in ABBREVIATIONS.items() if full == (w,)}
        out[c] = {w for w in words if w}
    return out


def _value_words(ds: Any) -> set[str]:
    words: set[str] = set()
    for c in ds.labels:
        if ds.n_levels(c) > 500:
            continue
        for v in ds.frame[c].dropna().unique():
            words |= {t.text for t in tokens(str(v))}
    return words


def _matches(w: str, words: set[str]) -> bool:
    if w in words or stem(w) in {stem(x) for x in words}:
        return True
    if any(w in SYNONYMS.get(x, ()) or x in SYNONYMS.get(w, ()) for x in words):
        return True
    if any(len(x) >= 3 and x.isalpha() and x not in UNITS and w.startswith(x) for x in words):
        return True  # a header word cut short ("Jun" for June, "Temp" for temperature)
    return any(word_match(w, x) >= 0.85 for x in words if len(x) >= 3)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# words of estimation methods and hypotheses, never a quantity ("by maximum likelihood")
_METHOD_WORDS = frozenset("likelihood squares moments h0 h1 ha too also either".split())


def _ignorable(w: str) -> bool:
    s = stem(w)
    return (
        len(w) < 3
        or w in _METHOD_WORDS
        or w[0].isdigit()
        or w in STOP
        or w in _FILLER
        or w in _NOT_COLUMN
        or w in GENERIC
        or s in GENERIC
        or w in _CARRIER
        or w in UNITS
        or w in _STAT_WORDS
        or s in _STAT_WORDS
        or w in _WHERE
        or (w.endswith("ed") and len(w) > 5)
        or (w.endswith("ing") and len(w) > 5)  # a verb's -ing form ("having an affair")
    )


# pronouns the stop list lacks: they stand for a quantity named elsewhere, they name none
_PRONOUNS = frozenset("they he she one ones theirs everyone everybody anyone anybody".split())


def quantity_phrases(question: str, ds: Any = None) -> list[tuple[str, list[str]]]:
    """The phrases naming a quantity after a statistic, chart, study or comparison, as the
    subject of an association, spread or distribution predicate, or before "before vs after":
    (phrase, its content words). With ``ds``, an anchor word that is part of a header the
    question names ("minimum" of "the typical minimum stay" on ``minimum_nights``) anchors
    nothing."""
    return [(p, c) for p, c, _ in _phrases(question, ds)]


def _phrases(question: str, ds: Any = None) -> list[tuple[str, list[str], bool | str]]:
    """``quantity_phrases`` with a flag: True for a phrase found by ``subject_starts`` or after
    a test's name, "attr" for the predictor of "regress X on Y"."""
    # a possessor names who or what is measured, not the quantity ("the applicant's credit
    # score" is the credit score): blanked, with the offsets kept
    q = _POSSESSOR.sub(lambda m: " " * len(m.group(0)), " ".join(question.split()))
    headers = match_headers(q, list(ds.frame.columns), ds) if ds is not None else []
    starts = []
    for m in _ANCHOR.finditer(q.lower()):
        if m.start() and q[m.start() - 1] in "-/":
            continue  # "rank-sum", "t-test": part of a method's name
        if re.search(
            r"\b(?:first|second|third|1st|2nd|3rd|last|next|another)\s+$", q[: m.start()].lower()
        ):
            continue  # "my first MSA of my life": a count of studies, no quantity follows
        if any(h.start <= m.start() < h.end for h in headers):
            continue
        starts.append(m.end())
    n_anchor = len(starts)
    # a quantity after a test's name or "regress" is read like a subject (described columns
    # are common there: only a quantity no column resembles, or another attribute, is a gap)
    starts += [m.end() for m in _METHOD_ANCHOR.finditer(q.lower())]
    starts += subject_starts(q)
    n_subject = len(starts)
    # the predictor of "regress X on Y": only a physical attribute no column holds is a gap
    # there ("on the formation temperature"; "on potash rate" may be ``K2O (kg/ha)``)
    starts += [m.end() for m in _REGRESSOR.finditer(q)]
    out: list[tuple[str, list[str], bool | str]] = []
    for i, start in enumerate(starts):
        rest = q[start:]
        words: list[str] = []
        prev = 0
        for t in tokens(rest)[:8]:
            between = rest[prev : t.start]
            prev = t.end
            if (
                t.text == "of"
                and len(words) == 1
                and words[0] in _COUNT_OF
                and not re.search(r"[,;:?!.()]", between)
                and not re.match(r"\s+(distinct|unique|different|the|a|an)\b", rest[t.end :])
            ):
                continue  # "years of service", "number of lanes": the quantity follows "of"
            if (
                re.search(r"[,;:?!.()\"'/\-\u2013\u2014]", between)
                or t.text in _END
                or (words and t.text in STOP)
                or (t.text.endswith("ly") and len(t.text) > 4)
            ):
                break
            if not words and t.text in _LINKING:
                break  # "my histogram looks peaky": said of the anchor, no quantity follows
            if not words and t.text in _PRONOUNS:
                break  # "whether they follow an exponential": the quantity said before
            if t.text in STOP and not words:
                if t.text in _DETERMINERS:
                    continue
                break
            words.append(t.text)
            if t.text in _CARRIER or len(words) == 3:
                break
            rest_after = rest[t.end : t.end + 2]
            if re.match(r"\s*[,;:?!.]", rest_after):
                break
        content = [w for w in words if not _ignorable(w)]
        if content:
            out.append((" ".join(words), content, "attr" if i >= n_subject else i >= n_anchor))
    return out


# verbs that say something of the word before them ("the histogram looks peaky")
_LINKING = frozenset("looks look seems seem appears appear feels feel sounds".split())
# a count or span whose quantity follows "of" ("years of service", "number of lanes")
_COUNT_OF = frozenset("number years months days hours level amount count percentage share".split())
# "the applicant's", "the customers'", "Boeing's": the owner of a quantity
_POSSESSOR = re.compile(r"\b[A-Za-z]+(?:'s|’s|s'|s’)(?=\s)")
# a quantity as the subject of what is asked of it: "is the cleaning fee equally variable
# across ...", "are wind direction and rain associated", "correlate X with Y", "the
# association between X and Y"
_SUBJECT = re.compile(
    r"(?:^|[.?!:;]\s*)(?:is|are|was|were)\s+(?=(?:[\w%&-]+\s+){0,6}?(?:(?:significantly|"
    r"statistically|really|actually|equally|normally|log-?normally|evenly|uniformly|"
    r"exponentially|more|less|as|at all)\s+)*(?:associated|correlated|related|linked|connected|"
    r"independent|dependent|variable|distributed|normal|lognormal|skewed|uniform|exponential|"
    r"scattered|spread out|consistent|stable|in control|in spec|within spec|on target)\b)"
    r"|\b(?:correlate|correlating|associate|relate|cross-?tab(?:ulate)?)\s+"
    r"|\b(?:correlation|association|relationship|link|connection|dependence|covariance|"
    r"independence)\s+(?:between|of)\s+"
    # "test whether the overtime pay follows an exponential distribution"
    r"|\b(?:whether|if|does|do)\s+(?=(?:[\w%&-]+\s+){1,6}?follows?\s+(?:an?|the)\s+[\w-]+"
    r"(?:\s+[\w-]+)?\s+distribution\b)",
    re.IGNORECASE,
)
# the predictor of "regress X on Y" (the response follows the anchor "regress")
_REGRESSOR = re.compile(
    r"\bregress\s+(?:the\s+)?[\w%&-]+(?:\s+[\w%&-]+){0,3}?\s+(?:on|against)\s+", re.IGNORECASE
)
# the predicate words of ``_SUBJECT``: they end a subject phrase, never belong to it
_PREDICATE = frozenset(
    "associated correlated related linked connected independent dependent variable distributed "
    "normal lognormal skewed uniform exponential scattered consistent stable follow follows".split()
)
# "head loss before vs after the media change": the quantity is the words before "before"
_BEFORE_AFTER = re.compile(
    r"\b(?:before|pre)\b[- ]?(?:\w+ )?(?:vs\.?|versus|and|against|compared (?:to|with)) "
    r"(?:after|post)\b",
    re.IGNORECASE,
)
# a measurement's head word that is generic alone ("credit score", "response rate"): it still
# sets the quantity apart from a column that shares only the qualifier (``Credit_History``)
_HEADS = frozenset("score scores rate rates index level levels count amount ratio share".split())


def subject_starts(q: str) -> list[int]:
    """Where quantity phrases start that are not introduced by a statistic (see ``_SUBJECT``):
    the subject of a predicate, the terms of a correlation, the quantity before "before vs
    after" (read backwards from "before" to the first stop word or punctuation)."""
    starts = [m.end() for m in _SUBJECT.finditer(q)]
    for m in _BEFORE_AFTER.finditer(q):
        start = m.start()
        for t in reversed([t for t in tokens(q[: m.start()])][-3:]):
            if t.text in STOP or re.search(r"[,;:?!.()]", q[t.end : start]):
                break
            start = t.start
        if start < m.start():
            starts.append(start)
    return starts


def named_gaps(question: str, ds: Any) -> list[str]:
    """Quantity phrases of ``question`` that no column of ``ds`` holds (see the module doc)."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.reader.columns import ground_columns, joined_compounds

    question = joined_compounds(question, list(ds.frame.columns))  # "sit-ups" for Situps
    from havoc_srs.reader.statistic import _MEAN_VERB

    # "do bigger leads mean shorter games": the verb "mean" anchors no quantity phrase
    for m in _MEAN_VERB.finditer(question.lower()):
        question = question[: m.start("verb")] + "give" + question[m.end("verb") :]
    # "charts don't catch it": a contraction ends a phrase, its "don" is no quantity
    question = re.sub(r"\b(\w+)n['’]t\b", r"\1 not", question)
    phrases = _phrases(question, ds)
    if not phrases:
        return alias_gaps(question, ds)
    # words the reader grounded in a column by its initials ("free or reduced lunch" is
    # ``FRL_pct``); header words are checked below, with the kinds of the columns they hit
    grounded_words = {
        t.text
        for m in ground_columns(question, ds)
        if "initials" in m.how or "acronym" in m.how
        for t in tokens(question[m.start : m.end])
    }
    headers = _header_words(ds)
    values = _value_words(ds)
    qwords = {t.text for t in tokens(question)}
    # the question names a numeric column outright, or the numeric headers are codes or years
    # (a wide table: line1/line2, T1..T4, 1960..2011): the measurement lives in no header
    outright = [
        m
        for m in match_headers(question, list(ds.frame.columns), ds)
        if m.score >= 0.95 and _is_measurement(ds, m.column)
    ]
    wide = _wide(ds) or bool(outright)
    gaps: list[str] = []
    for phrase, content, subject in phrases:
        if phrase.split()[-1] in _WHERE:
            continue  # "chart for the etch line": where it is measured, not what
        if _coded(question, phrase, ds):
            continue  # "regress edge (R) on centre": the user's code for a column follows
        if content and all(w in grounded_words for w in content):
            continue  # every word of it spelt by a header's initials
        hits = {w: [c for c, hw in headers.items() if _matches(w, hw)] for w in content}
        if any(_matches(w, values) for w in content):
            continue  # a subset of a long table ("potato yields" where Item holds Potatoes)
        if _acronym_fits(ds, phrase) or scale_fits(phrase, [str(c) for c in ds.numeric]):
            continue  # "original gravity" is ``OG (°P)``, "hardness" is ``Shore A``
        if _element_fits(ds, content):
            continue  # "chlorine" is ``Residual Cl2 (mg/L)``: the element of a header's symbol
        if (
            not _wide(ds)
            and not any(_stands_for(m, question, phrase, content) for m in outright)
            and _attribute_missing(ds, content, hits)
        ):
            gaps.append(" ".join(content))  # "blood pressure" where no column is a pressure
            continue
        if subject == "attr":
            continue
        if _gerund_names_measurement(ds, phrase, headers):
            continue  # "the vial filling" of ``Fill wt [mg]``: the -ing noun names the column
        if subject:
            gap = _subject_gap(ds, phrase, content, hits) or _other_quantity(
                ds, phrase, content, hits, qwords
            )
            if gap:
                gaps.append(gap)
            continue
        if _split_compound(ds, content, hits, qwords):
            gaps.append(" ".join(content))  # "ticket revenue" split over two columns
            continue
        loose = [w for w in content if not hits[w]]
        if not loose:
            continue
        if _other_kind(ds, content, hits):
            gaps.append(" ".join(content))  # "extraction yield" against ``ExtractTime_s``
            continue
        if set(phrase.split()) & (_DURATION | _KIND_WORDS) and _duration_fits(ds, phrase):
            continue
        if _dimension_fits(ds, loose):
            continue
        grounded = [w for w in content if hits[w]]
        if (
            grounded
            and not hits[content[-1]]
            and not any(_is_measurement(ds, c) for w in grounded for c in hits[w])
        ):
            # the qualifier names the thing measured ("tablet" of ``Tablet #``), the head word
            # the quantity ("hardness"): only the head words are checked
            grounded, phrase = [], " ".join(loose)
        if grounded:
            # the head word names a column; a qualifier the column contradicts ("outlet" where
            # the column says "inlet") makes it another quantity
            cols = {c for w in grounded for c in hits[w]}
            if all(_unit_grounds(w, c) for w in loose for c in cols):
                continue  # "rice price" of ``Rice, Thai 5% ($/mt)``: the unit is the price
            if all(w in _AMOUNT_NOUNS for w in loose) and all(_is_measurement(ds, c) for c in cols):
                continue  # "lice load" of ``lice_per_fish``: how much of it, no other quantity
            contradicted = all(_has_other_qualifier(c, loose, qwords) for c in cols)
            if contradicted and len(cols) == 1:
                gaps.append(" ".join(content))
            continue
        if wide or _semantic_match(" ".join(w for w in phrase.split() if w not in _CARRIER), ds):
            continue
        if _unit_column(question, ds):
            continue  # "the anodic film vs 22-28 µm": the one column measured in µm
        gaps.append(" ".join(content))
    groups = [  # two groups whose words the reader grounded in a column are no gap
        g
        for g in group_gaps(question, ds)
        if not all(w in grounded_words or w in STOP | {"or", "vs", "versus"} for w in g.split())
    ]
    gaps += alias_gaps(question, ds) + groups + role_gaps(question, ds)
    return list(dict.fromkeys(gaps))


# people by their role: a grouping "per picker", "by inspector", "for each nurse" needs a column
# that says who did the work
_ROLES = (
    r"operators?|inspectors?|pickers?|packers?|drivers?|nurses?|doctors?|physicians?|surgeons?|"
    r"clerks?|cashiers?|agents?|technicians?|techs?|welders?|auditors?|raters?|judges?|reviewers?|"
    r"appraisers?|examiners?|teachers?|tutors?|instructors?|students?|pilots?|workers?|employees?|"
    r"staff|shift leads?|supervisors?|managers?|salespeople|salespersons?|sales reps?|reps?|"
    r"couriers?|riders?|waiters?|waitresses?|servers?|bartenders?|baristas?|chefs?|cooks?|"
    r"machinists?|assemblers?|fitters?|installers?|mechanics?|engineers?|analysts?|chemists?|"
    r"pharmacists?|dentists?|therapists?|midwives|midwife|paramedics?|dispatchers?|callers?|"
    r"handlers?|loaders?|labellers?|labelers?|sorters?|graders?|testers?|samplers?|coders?|"
    r"developers?|programmers?|annotators?|interviewers?|surveyors?|lab techs?|scientists?|"
    r"crews?|teams?"
)
_PER_ROLE = re.compile(
    r"\b(?:per|by|for each|for every)\s+(?:the\s+|each\s+|every\s+|individual\s+)?"
    r"(?P<role>" + _ROLES + r")\b(?!\s*(?:'s|’s|s'|[-–]))"
    # "among developers with a PhD": the rows' population described, no grouping
    r"(?!\s+(?:with|who|that|whose|having|in|on|at|of|from)\b)"
)


def _singular(w: str) -> str:
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def role_gaps(question: str, ds: Any) -> list[str]:
    """A grouping by people of a role ("mis-picks per picker", "rejects by inspector") where no
    column names the role: no header word (or its abbreviation) and no cell value is that word,
    and no column reads like it. The role word must be a header's own word, not a verb's stem
    ("picker" is not ``Lines picked``)."""
    q = " ".join(question.lower().split())
    out: list[str] = []
    words = {_singular(w) for hw in _header_words(ds).values() for w in hw}
    words |= {_singular(w.lower()) for w in _value_words(ds)}
    for m in _PER_ROLE.finditer(q):
        role = m.group("role")
        if any(_singular(w) in words for w in role.split()):
            continue
        # "by rater" of ``Appraiser``: a column of labels reads like the role (a count or a
        # measurement never says who: "picker" is not ``Lines picked``)
        if _similarity(role, ds, exclude=set(ds.numeric)) >= _SEMANTIC_MIN:
            continue
        out.append(role)
    return out


# two groups set against each other and the kind of thing they are ("between the front and rear
# axle positions", "coated versus uncoated stock"): the groups must be a column's values
_TWO_GROUPS = re.compile(
    r"\b(?:between|for|on|of|in) (?:the |our |their )?(?P<a>[a-z][a-z-]+) (?:and|versus|vs\.?|or) "
    r"(?:the |our |their )?(?P<b>[a-z][a-z-]+)(?P<noun>(?: [a-z][a-z-]+){1,2}?)(?=\s*(?:[.,;:?!]|$))"
)
# group words whose values HAVOC reads elsewhere (sexes, ranks, bins, before/after)
_GROUP_WORDS_ELSEWHERE = frozenset(
    "men women man woman male female males females boys girls lowest highest low high min max "
    "minimum maximum first last early late before after small large big short long old young new "
    "top bottom upper lower pre post odd even".split()
)
# calibrated on the tune half: groups no column holds score at most 0.18 against the best label
# column described with its values; groups a column holds in other words ("happy and not-happy
# passengers" for ``satisfaction``) 0.48 or more
_GROUP_SIMILARITY = 0.3


def group_gaps(question: str, ds: Any) -> list[str]:
    """Two groups named with the kind of thing they are, where no column holds them (neither
    group word is a cell value or a header word, and no column reads like them)."""
    from havoc_srs.reader.groups import _describe

    q = " ".join(question.lower().split())
    out: list[str] = []
    words = set().union(*_header_words(ds).values()) | _value_words(ds)
    for m in _TWO_GROUPS.finditer(q):
        a, b, noun = m.group("a"), m.group("b"), m.group("noun").split()
        if {a, b} & _GROUP_WORDS_ELSEWHERE or any(
            len(w) < 3 or w in STOP or w in _NOT_COLUMN or w in _STAT_WORDS or w in GENERIC
            for w in (a, b)
        ):
            continue
        if any(_matches(w, words) for w in (a, b, *noun)):
            continue
        phrase = f"{a} and {b} {' '.join(noun)}"
        # the groups are a label column's values (or a coded column's few levels)
        cols = [c for c in ds.frame.columns if c in ds.labels or ds.n_levels(c) <= 10]
        described = [_describe(ds, c) for c in cols]
        if _similarity_to(phrase, described) < _GROUP_SIMILARITY:
            out.append(phrase)
    return out


def _similarity_to(phrase: str, texts: list[str]) -> float:
    """The sentence embedder's highest similarity of ``phrase`` to ``texts`` (1.0 without it)."""
    try:
        from havoc_rag import MiniLMEmbedder, minilm_available
    except ImportError:
        return 1.0
    if not minilm_available() or not texts:
        return 1.0
    vecs = MiniLMEmbedder.shared().encode([phrase] + texts)
    return float((vecs[1:] @ vecs[0]).max())


# a header-like name written in parentheses after a described quantity ("the mother's education
# (Medu)", "felt intensity (MMI)"): the user's own name for a column, so it must be one
_ALIAS = re.compile(r"[A-Za-z]\s*\(\s*([A-Z][A-Za-z0-9_]{2,24})\s*\)")


def alias_gaps(question: str, ds: Any) -> list[str]:
    """Names in parentheses that look like a header and match no column, cell value, unit,
    statistic or method ("(Medu)" on a table without it; never "(Spearman)" or "(Cpk)")."""
    from havoc_srs.mode import RULES
    from havoc_srs.reader.statistic import asked_statistics, named_methods

    out: list[str] = []
    words = set().union(*_header_words(ds).values()) | _value_words(ds)
    for m in _ALIAS.finditer(question):
        name = m.group(1)
        low = name.lower()
        if _ignorable(low) or _matches(low, words) or named_methods(name):
            continue
        if asked_statistics(name) or match_headers(name, list(ds.frame.columns), ds):
            continue
        if any(re.search(p, low) for pats in RULES.values() for p, _ in pats):
            continue  # a method or chart named in brackets ("(Welch)", "(EWMA)")
        out.append(name)
    return out + _kebab_gaps(question, ds)


def _kebab_gaps(question: str, ds: Any) -> list[str]:
    """A hyphenated name in the table's own naming scheme (its headers are hyphenated and the
    name shares a part with one: "spore-print-color" beside ``cap-color``) that is no column."""
    cols = [str(c).strip().lower() for c in ds.frame.columns]
    kebab = [c.split("-") for c in cols if re.fullmatch(r"[a-z]+(-[a-z]+)+", c)]
    if len(kebab) < 2:
        return []
    parts = {p for c in kebab for p in c if len(p) >= 3}
    values = {str(v).strip().lower() for v in _value_words(ds)}
    out = []
    for m in re.finditer(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])", question.lower()):
        name = m.group(0)
        if name in cols or name in values or not set(name.split("-")) & parts:
            continue
        out.append(name)
    return out


def _gerund_names_measurement(ds: Any, phrase: str, headers: dict[str, set[str]]) -> bool:
    """A word in -ing of the phrase is a noun with a measured column's header word for its stem
    ("filling" of ``Fill wt``, "plating" of ``Plate thk um``, "bending" of ``Bend angle``); the
    -ing words are otherwise read as verbs and dropped."""
    bases: set[str] = set()
    for w in phrase.split():
        if w.endswith("ing") and len(w) > 5:
            b = w[:-3]  # "filling" -> fill, "plating" -> plate, "cutting" -> cut
            bases |= {b, b + "e", stem(w)} | ({b[:-1]} if len(b) > 3 and b[-1] == b[-2] else set())
    if not bases:
        return False
    return any(
        _is_measurement(ds, c) and bases & ({x for x in hw if len(x) >= 3} | {stem(x) for x in hw})
        for c, hw in headers.items()
    )


def _subject_gap(ds: Any, phrase: str, content: list[str], hits: dict[str, list]) -> str:
    """The gap a subject phrase names, or "". Subjects are often described columns ("is
    surface finish more consistent", "is the CPU load equally variable"), so only two readings
    count: no word of the phrase is in any header and no column resembles it ("the cleaning
    fee" on a listings table), or a graded quantity ("credit score", "response rate") whose
    only grounding is a two-valued column (``Credit_History`` holds 0/1) and that no other
    column describes."""
    words = " ".join(w for w in phrase.split() if w not in _CARRIER and w not in _PREDICATE)
    content = [w for w in content if w not in _PREDICATE]
    if any(word_match(w, x) >= 0.8 for w in content for x in _NOT_COLUMN):
        return ""  # a statistic misspelt ("is the disribution of ... normal")
    grounded = {c for w in content for c in hits[w]}
    if not grounded:
        if set(phrase.split()) & (_DURATION | _KIND_WORDS) and _duration_fits(ds, phrase):
            return ""
        # a count of time ("years of service", "months of membership") is a duration: a
        # calendar column (``Year`` holding 2011-2014) resembles it by name only
        # and needs a column of spans of time
        if set(phrase.split()) & _TIME_COUNTS and not _span_columns(ds):
            return words
        if _dimension_fits(ds, content) or _similarity(words, ds) >= _SEMANTIC_SUBJECT:
            return ""
        return words
    head = phrase.split()[-1]
    if (
        head in _HEADS
        and head not in content
        and all(ds.n_levels(c) <= 2 for c in grounded)
        and _similarity(words, ds, exclude=grounded) < _SEMANTIC_MIN
    ):
        return " ".join(content + [head])
    return ""


_NUMBER_UNIT = re.compile(r"\d(?:[\d.,]*)\s*([A-Za-zµμ°%][A-Za-z0-9µμ°/%]{0,7})")


def _unit_column(question: str, ds: Any) -> str:
    """The one numeric column measured in a unit the question writes after a number ("spec 22-28
    µm" where only ``Oxide Thk (µm)`` is in µm), or "": a quantity the header does not name in
    words is still that column. A unit shared by several columns, or by none, names none."""
    stated = {
        m.group(1).lower().replace("μ", "µ").rstrip(".,") for m in _NUMBER_UNIT.finditer(question)
    }
    stated = {u for u in stated if u in UNITS or u.replace("µ", "u") in UNITS}
    if not stated:
        return ""
    found = [
        c
        for c in ds.numeric
        if _unit_words(str(c)) & (stated | {u.replace("µ", "u") for u in stated})
    ]
    return str(found[0]) if len(found) == 1 else ""


# plural time units that count a span ("years of service"): a duration, never a date
_TIME_COUNTS = frozenset("years months weeks days hours minutes decades".split())


def _calendar_columns(ds: Any) -> set[str]:
    """Numeric columns of calendar years or dates: whole numbers within 1800-2200 under a header
    that says year or date (``Year``, ``release_year``), or every value such a year."""
    out = set()
    for c in ds.numeric:
        v = ds.frame[c].dropna()
        if v.empty:
            continue
        whole = bool(((v % 1) == 0).all())
        years = whole and bool(v.between(1800, 2200).all())
        named = bool(set(split_name(str(c))) & {"year", "yr", "date", "yyyy"})
        if years and (named or v.nunique() <= 60):
            out.add(c)
    return out


_SPAN_WORDS = frozenset("years yrs months mo weeks wk tenure age seniority experience".split())


def _span_columns(ds: Any) -> list[str]:
    """Numeric columns of spans of time (in time units, or tenure, age), calendar ones aside."""
    calendar = _calendar_columns(ds)
    return [
        c
        for c in ds.numeric
        if c not in calendar and set(split_name(str(c))) & (_TIME_HEADER | _SPAN_WORDS)
    ]


# the kind of quantity a header's head word names: a time, or a physical attribute
def _head_kind(column: str) -> str:
    """The head word of a measured column's header when it names a kind of quantity (a
    duration: "time", "days"; a physical attribute: "weight", "pressure"), or ""."""
    bare = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", str(column))) or split_name(str(column))
    words = [w for w in bare if w not in UNITS and len(w) > 1] or bare
    if not words:
        return ""
    head = words[-1]
    if head in _DURATION or head in _TIME_HEADER:
        return "time"
    return _attribute(head) or (head if head in _ATTRIBUTES else "")


# head words that name a kind of quantity ("extraction yield", "coating speed")
_QUANTITY_HEADS = frozenset(
    stem(w)
    for w in (
        "yield rate ratio cost price revenue income profit score efficiency strength "
        "concentration loss gain output content percentage accuracy energy consumption wear "
        "error throughput capacity"
    ).split()
)


def _other_kind(ds: Any, content: list[str], hits: dict[str, list]) -> bool:
    """The phrase's head word names no column, and its qualifier grounds one measured column
    whose own head names a quantity of another kind ("extraction yield" against
    ``ExtractTime_s``: a yield is not a time; "coating speed" against ``Coating time (s)``)."""
    head = content[-1]
    named_quantity = stem(head) in _QUANTITY_HEADS or head in _ATTRIBUTES or _attribute(head)
    if len(content) < 2 or hits[head] or _ignorable(head) or not named_quantity:
        return False  # ("delivery hours symmetric": the last word says something of it)
    cols = {c for w in content[:-1] for c in hits[w]}
    if len(cols) != 1 or not _is_measurement(ds, next(iter(cols))):
        return False
    kind = _head_kind(next(iter(cols)))
    if not kind:
        return False
    if kind == "time":
        return head not in _DURATION and head not in _TIME_HEADER and head not in _KIND_WORDS
    return _attribute(head) != kind and head not in SYNONYMS.get(kind, ())


def _split_compound(ds: Any, content: list[str], hits: dict[str, list], qwords: set[str]) -> bool:
    """Every word of a compound names a column, but no column holds them together, and each
    column carries a word of its own the question does not use ("ticket revenue" against
    ``Avg Ticket Price ($)`` and ``Concessions Revenue ($)``): the compound is another quantity."""
    if len(content) < 2 or not all(hits[w] for w in content):
        return False
    common = set(hits[content[0]])
    for w in content[1:]:
        common &= set(hits[w])
    if common:
        return False
    cols = {c for w in content for c in hits[w]}
    return all(
        _has_other_qualifier(c, [w for w in content if c not in hits[w]], qwords) for c in cols
    )


def _other_quantity(
    ds: Any, phrase: str, content: list[str], hits: dict[str, list], qwords: set[str]
) -> str:
    """A subject whose head word no column holds, qualified by a word that grounds one
    measurement column with words of its own the question does not use ("wind direction"
    where the table has only ``WindGustSpeed``): another attribute of the same thing, or ""."""
    content = [w for w in content if w not in _PREDICATE]
    if len(content) < 2 or hits[content[-1]] or not all(hits[w] for w in content[:-1]):
        return ""
    cols = {c for w in content[:-1] for c in hits[w]}
    head = content[-1]
    if len(cols) != 1 or not _is_measurement(ds, next(iter(cols))):
        return ""
    own = set(split_name(str(next(iter(cols))))) & _ATTRIBUTES
    if head not in _ATTRIBUTES or not own or head in own:
        return ""
    return " ".join(content)


# physical attributes of one thing: a column that measures one of them (``WindGustSpeed``) does
# not hold another ("wind direction")
_ATTRIBUTES = frozenset(
    "direction speed velocity pressure temperature temp humidity weight mass length width height "
    "depth diameter thickness hardness colour color voltage current resistance force torque flow "
    "density viscosity volume area gloss brightness noise vibration frequency".split()
)


# the units each physical attribute is measured in: a column in one of them holds the attribute
# whatever its header says ("weight" is ``fill_g``, "pressure" is ``P (kPa)``)
_LENGTHS = frozenset("mm cm m um µm nm in inch inches ft km mi mil mils micron microns".split())
_ATTRIBUTE_UNITS: dict[str, frozenset[str]] = {
    "pressure": frozenset("kpa psi bar mbar mpa pa hpa mmhg atm".split()),
    "temperature": frozenset("c f k degc degf".split()),
    "weight": frozenset("kg g mg lb lbs oz t tonnes tons".split()),
    "mass": frozenset("kg g mg lb lbs oz t tonnes tons".split()),
    **dict.fromkeys(
        "width length height depth diameter thickness radius distance".split(), _LENGTHS
    ),
    "speed": frozenset("mph kmh kph km_h m_s mm_s rpm knots kn".split()),
    "velocity": frozenset("mph kmh kph km_h m_s mm_s knots".split()),
    "voltage": frozenset("v mv kv".split()),
    "resistance": frozenset("ohm ohms mohm kohm".split()),
    "force": frozenset("n kn lbf".split()),
    "torque": frozenset("nm lbf ft_lb".split()),
    "volume": frozenset("l ml m3 liters litres gal".split()),
    "hardness": frozenset("hrc hv hb shore".split()),
    "viscosity": frozenset("cp mpas cst".split()),
    "humidity": frozenset("rh".split()),
    "frequency": frozenset("hz khz mhz".split()),
    "price": frozenset("$ usd eur gbp € £ inr rs".split()),
    "cost": frozenset("$ usd eur gbp € £ inr rs".split()),
}


def _attribute(word: str) -> str:
    """The physical attribute a word names ("pressures" -> pressure), or ""."""
    return next((a for a in _ATTRIBUTE_UNITS if word in (a, a + "s") or stem(word) == stem(a)), "")


def _unit_grounds(word: str, column: str) -> bool:
    """The column's unit measures the attribute ``word`` names ("price" of ``($/mt)``)."""
    attr = _attribute(word)
    return bool(attr) and bool(_unit_words(column) & _ATTRIBUTE_UNITS[attr])


def _unit_words(column: str) -> set[str]:
    """The header's words and its bracketed unit, lower-case ("Temperature(F)" -> f)."""
    # the header outside its brackets: "Tensile (MPa)" is no metre ("MPa" split as m + Pa)
    bare = re.sub(r"[\(\[][^\)\]]{1,12}[\)\]]", " ", column)
    words = set(split_name(bare))
    first = (split_name(bare) or [""])[0]
    if len(first) == 1:
        words.discard(first)  # "f [mm/rev]": a header's symbol, not a unit (Fahrenheit)
    for u in re.findall(r"[\(\[]([^\)\]]{1,12})[\)\]]", column):
        words |= {w.strip("°%/ ").lower() for w in re.split(r"[/\s]", u) if w.strip("°%/ ")}
    return words | set(re.findall(r"[$€£]", column))


def _unnamed_measure(ds: Any) -> bool:
    """A numeric column whose header says only "value", "reading", "y" or "x1": the table
    does not name the quantity it holds, so a question may name it freely."""
    for c in ds.numeric:
        words = [w for w in split_name(str(c)) if not w.isdigit()]
        # a unit ("Avg_BPM": beats per minute, a rate) or an acronym ("IR (mΩ)") names the
        # quantity; only generic words and single letters ("Value", "y", "x1") leave it unnamed
        if not words or all(w in GENERIC or w in _CARRIER or len(w) <= 1 for w in words):
            if _is_measurement(ds, c) or not words:
                return True
    return False


def _coded(question: str, phrase: str, ds: Any) -> bool:
    """The phrase is followed by a short code in brackets that is a part of a header ("edge
    (R)" beside ``thk_um_R``): the user names the column by its code."""
    m = re.search(re.escape(phrase) + r"\s*\(\s*([A-Za-z0-9_]{1,6})\s*\)", question, re.IGNORECASE)
    if not m:
        return False
    code = m.group(1).lower()
    return any(code in split_name(str(c)) for c in ds.frame.columns)


def _stands_for(m: Any, question: str, phrase: str, content: list[str]) -> bool:
    """A column the question names outright inside ``phrase`` that stands for the quantity:
    the phrase's head word is in the header, or the header is the qualifier alone ("systolic"
    for "systolic pressure"). One with a head word of its own names the thing measured, not
    the quantity ("steel plate" of ``Steel_Plate_Thickness`` in "steel plate width",
    ``Resting_BPM`` in "resting blood pressure")."""
    named = {t.text for t in tokens(question[m.start : m.end])}
    if not named or not named <= set(phrase.split()):
        return False  # named elsewhere in the question: another quantity
    if content[-1] in named:
        return True
    bare = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", str(m.column))) or split_name(str(m.column))
    return not [w for w in bare if not _matches(w, named) and len(w) >= 2]


def _attribute_missing(ds: Any, content: list[str], hits: dict[str, list]) -> bool:
    """The phrase's head word is a physical attribute ("pressure", "width", "weight") that no
    column holds by a header word, a synonym or a unit of its own: the table does not measure
    it, whichever other word of the phrase names a column ("resting blood pressure" against
    ``Resting_BPM``, "plate width" against ``Steel_Plate_Thickness``)."""
    head = content[-1]
    attr = _attribute(head)
    if attr in _DURATION and _time_columns(ds):
        return False  # "loan length" is ``Loan Days``: a span of time, not a distance
    if not attr or hits[head] or _unnamed_measure(ds):
        return False
    units = _ATTRIBUTE_UNITS[attr]
    return not any(_unit_words(str(c)) & units for c in ds.numeric)


def _acronym_fits(ds: Any, phrase: str) -> bool:
    """A header word in capitals is the initials of the phrase ("internal resistance" for
    ``IR (mΩ)``, "dry film thickness" for ``DFT``)."""
    words = [w for w in phrase.split() if w not in _CARRIER and w not in _DETERMINERS]
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).upper()
    for c in ds.frame.columns:
        bare = re.sub(r"[\(\[].*?[\)\]]", " ", str(c))
        # whole, or a run of a longer code: "melt flow" of MFI, "film thickness" of DFT
        if any(initials in code for code in re.findall(r"\b[A-Z]{2,5}\b", bare)):
            return True
    return False


def _time_columns(ds: Any) -> list[str]:
    return [c for c in ds.numeric if set(split_name(str(c))) & _TIME_HEADER]


# kinds of duration: two phrases of different kinds name different quantities ("queue wait
# time" is not ``Handle time (s)``); words of one kind stand for each other ("lead time" is
# ``Delivery Days``)
_DURATION_KINDS = (
    frozenset("lead delivery transit shipping shipment turnaround tat".split()),
    frozenset("wait waiting queue queueing queuing hold".split()),
    frozenset("handle handling talk service".split()),
    frozenset("repair down downtime outage fix resolution resolve".split()),
    frozenset("setup changeover".split()),
    frozenset("cycle takt processing".split()),
    frozenset("response reaction".split()),
)


_KIND_WORDS = frozenset().union(*_DURATION_KINDS)


def _kinds(words: set[str]) -> set[int]:
    return {i for i, kind in enumerate(_DURATION_KINDS) if words & kind}


def _duration_fits(ds: Any, phrase: str) -> bool:
    """A duration phrase stands for the table's time column, unless the phrase and every time
    column name different kinds of duration ("queue wait time" against ``Handle time (s)``;
    "call length" and "how long the call lasted" stand for ``handle_time_s``)."""
    cols = _time_columns(ds)
    if not cols:
        return False
    asked = _kinds(set(phrase.split()))
    if not asked:
        return True
    return any(
        not _kinds(set(split_name(str(c)))) or asked & _kinds(set(split_name(str(c)))) for c in cols
    )


def _dimension_fits(ds: Any, loose: list[str]) -> bool:
    """Every loose word names a physical dimension ("linewidth") and exactly one numeric column
    is measured in a length unit (``CD (nm)``)."""
    if not all(any(d in w for d in _DIMENSION) for w in loose):
        return False
    units = [
        c
        for c in ds.numeric
        if any(
            u.strip().lower() in _LENGTH_UNIT
            for u in re.findall(r"[\(\[]([^\)\]]{1,8})[\)\]]", str(c))
        )
        or (split_name(str(c)) or [""])[-1] in _LENGTH_UNIT
    ]
    # or one quantity measured at numbered positions (h1_um ... h5_um): one block of columns
    block = {re.sub(r"\d+", "#", str(c).lower()) for c in units}
    return len(units) == 1 or (len(units) >= 2 and len(block) == 1 and "#" in next(iter(block)))


def _is_measurement(ds: Any, column: str) -> bool:
    """A numeric column that is not an identifier, index or subgroup number."""
    if column not in ds.numeric or "#" in str(column):
        return False
    return not set(split_name(str(column))) & _ID_WORDS


def _has_other_qualifier(column: str, loose: list[str], qwords: set[str]) -> bool:
    """The header carries a distinctive word the question does not use and that is no other
    spelling of the question's qualifier (``inlet`` of ``inlet_temp_C`` against "outlet"; not
    ``admit`` against "admission")."""
    bare = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", column)) or split_name(column)
    own = [w for w in bare if not _ignorable(w) and w not in UNITS]
    return any(
        not _matches(w, qwords)
        and not any(q.startswith(w) for q in qwords)  # "JUN" of "June"
        and all(_common_prefix(w, q) < 3 for q in loose)
        for w in own
    )


def _element_fits(ds: Any, content: list[str]) -> bool:
    """A word of the phrase is the element whose chemical symbol a header carries ("chlorine"
    for ``Cl2``, "iron" for ``Fe (ppm)``)."""
    from havoc_srs.families._sqc import _ELEMENTS

    names = set()
    for c in ds.numeric:
        bare = re.sub(r"[\(\[].*?[\)\]]", " ", str(c))
        names |= {_ELEMENTS.get(sym) for sym in re.findall(r"\b([A-Z][a-z]?)\d*\b", bare)}
    names.discard(None)
    return bool(names & set(content))


def _wide(ds: Any) -> bool:
    """Every numeric header is a code, a month or a year (no word of four letters or more)."""
    nums = [str(c) for c in ds.numeric]
    return bool(nums) and all(
        not any(
            len(w) >= 4 and w.isalpha() and w not in GENERIC and w not in _CARRIER
            for w in split_name(c)
        )
        for c in nums
    )


def _similarity(phrase: str, ds: Any, exclude: set | frozenset = frozenset()) -> float:
    """The sentence embedder's highest similarity of ``phrase`` to a column's description
    (1.0 without the embedder: a description cannot be ruled out)."""
    try:
        from havoc_rag import MiniLMEmbedder, minilm_available
    except ImportError:
        return 1.0
    if not minilm_available():
        return 1.0
    cols = [str(c) for c in ds.frame.columns if c not in exclude]
    if not cols:
        return 0.0
    vecs = MiniLMEmbedder.shared().encode([phrase] + [describe_column(c) for c in cols])
    return float((vecs[1:] @ vecs[0]).max())


def _semantic_match(phrase: str, ds: Any) -> bool:
    """The phrase describes a column in other words ("call length" for ``handle_time_s``)."""
    try:
        from havoc_rag import MiniLMEmbedder, minilm_available
    except ImportError:
        return True  # without the embedder, a description cannot be ruled out
    if not minilm_available():
        return True
    cols = [str(c) for c in ds.frame.columns]
    emb = MiniLMEmbedder.shared()
    vecs = emb.encode([phrase] + [describe_column(c) for c in cols])
    sims = vecs[1:] @ vecs[0]
    return bool(len(sims) and float(sims.max()) >= _SEMANTIC_MIN)


def check_named(question: str, ds: Any, plan: Any) -> Any:
    """``plan`` unchanged, or a plan that asks for the named quantities the table lacks (only
    unless ``HAVOC_SRS_CHECK_NAMED=0``; see the module doc)."""
    if os.environ.get("HAVOC_SRS_CHECK_NAMED", "1") == "0":
        return plan
    if ds is None or plan.family in ("general", "symbolic", "power", "doe_design"):
        return plan
    gaps = named_gaps(question, ds)
    if not gaps:
        return plan
    from havoc_srs.plan import Missing, Plan

    out = Plan(family=plan.family, analysis=plan.analysis)
    cols = ", ".join(repr(ds.header(c)) for c in list(ds.frame.columns)[:15])
    out.missing.append(
        Missing(
            "a column for " + ", ".join(repr(g) for g in gaps) + ", which the table does not have",
            f"name a column of the table ({cols}) or attach a table with that measurement",
        )
    )
    out.missing += [m for m in plan.missing if "column" not in m.what]
    return out


__all__ = ["check_named", "named_gaps", "quantity_phrases"]
