"""MODE's final word: the rules' engineering families and the reader's five new families,
weighed together; questions that are not statistics or engineering at all are marked."""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.mode import ModeDecision
from havoc_srs.reader import NEW_FAMILIES, Reading, out_of_scope
from havoc_srs.reader.abstain import (
    amusement,
    history_of_method,
    instruction_to_assistant,
    results_without_data,
    unsupported_method,
)
from havoc_srs.reader.concept import conceptual, lookup, own_data
from havoc_srs.reader.offer import not_offered
from havoc_srs.reader.relation import _RELATED, relation_family

# The reader's cue scores are on the same footing as the rules' (a decisive word is 3-5).
_MIN_NEW = 2.5


INJECTION = re.compile(
    r"(ignore|disregard|forget|override|bypass) (all |any |the |your |my |these |those |of )*"
    r"(previous |prior |above |earlier |preceding |system |original |safety )?(instructions|prompts?|"
    r"rules|messages|guidelines|programming|directives)|system prompt|jailbreak|developer mode|"
    r"you are (now|no longer) (a|an|in|my)|act as (a|an|my) (?!statistic)|pretend (to be|you are)|"
    r"reveal your (instructions|prompt)|/etc/passwd"
)
INJECTION_EXTRA = re.compile(
    r"new (instructions?|policy|rules?)\s*:|#+ *new instructions|from now on,? (you|always|answer|reply|respond|say|only)|"
    r"always (say|answer|reply) |"
    r"repeat (everything|all|the text|the words|your) .{0,20}(above|before|earlier)|\[\[?/?system\]?\]|</?system>|"
    r"\]\]\}\}|<\|im_start\|>|\bsudo\b|print (your|the) (prompt|instructions)"
)
UNSUPPORTED = re.compile(
    r"\b(garch|arima|sarima|arma|var model|exponential smoothing|holt[- ]winters|"
    # a forecast over time; not a response forecast at a stated setting ("what wear would you
    # forecast for an axle load of 700 kg")
    r"forecast\w*(?![^.?!]{0,50}?\b(?:for|at|with|given|when|if)\b[^.?!]{0,40}?\d+(?:\.\d+)?"
    r"(?![\d.])(?!\s*(?:more |further |coming |next )?(?:days?|weeks?|months?|years?|quarters?|periods?|"
    r"steps?|seasons?)\b))|"
    r"mcmc|bayesian|pymc|stan model|posterior|prior distribution|(?<!box[- ])(?<!box)cox|proportional hazards|"
    r"kaplan|survival (analysis|curve)|hazard ratio|neural (net|network)|deep learning|lstm|"
    r"random forest|xgboost|lightgbm|catboost|adaboost|gradient[- ]boost\w*|boosted (trees?|models?|"
    r"regression|ensembles?)|bagged trees?|bagging|svm|support vector|k-?means|clustering|pca|"
    r"principal component|factor analysis|structural equation|mixed[- ]effects?|multilevel|"
    r"glmm|gam\b|spline|time[- ]series decomposition|seasonal decomposition|\bstl\b|sentiment|"
    r"isolation forest|anomaly detection|seasonality|fmea|\brpn\b|gd&t|latent (variable|factor|class)|"
    r"mediat(ion|es?|or)|monte carlo|crow[- ]amsaa|reliability growth)\b"
)
_CONCEPTUAL = re.compile(
    r"\s*(what('?s| is| are| does)|when (is|should|do|would)|why|how (do|does|should|can) (i|you|we) "
    r"(interpret|choose|read|decide)|explain|define|difference between|is it (ok|okay|better))\b"
)
# engineering families that answer without data (the five data families cannot)
_NO_DATA = ("power", "doe_design", "symbolic")
CLASSIFIER_WEIGHT = 4.0  # a probability of 1 counts as much as a decisive cue word


def classifier_probs(question: str) -> dict[str, float]:
    from havoc_srs.reader.classifier import FamilyClassifier

    clf = FamilyClassifier.shared()
    return clf.predict(question) if clf is not None else {}


def _two_rates(reading: Reading, low: str) -> str:
    """Counts typed as "x out of n" per group and a question about their rates (not about an
    association or a table): the evidence for a two-proportion test, or ""."""
    t = reading.counts
    if t is None or t.shape != (2, 2) or not str(t.columns[1]).startswith("not "):
        return ""
    if re.search(r"chi|independen|associat|contingency|cross[- ]?tab|fisher|odds", low):
        return ""
    if not re.search(r"\brates?\b|proportion|percent|fraction|share|%|more often|likel|yield", low):
        return ""
    return "hypothesis_test: two counts out of their totals and a question about the rates (+3)"


# Greetings, thanks and the weather said in passing around a question about the attached data.
_SMALL_TALK = re.compile(
    r"\b(hello|hi there|good morning|thank(s| you)|how are you|what'?s up|weather)\b"
)


def _only_small_talk(low: str) -> bool:
    """The off-topic phrases of the question are all small talk (it may still be on topic)."""
    return out_of_scope(_SMALL_TALK.sub(" ", low)) is False


def _named(reading: Reading) -> bool:
    return any(m.kind == "column" for m in reading.mentions)


def _design_factors_associated(low: str, ds: Any) -> bool:
    """An association asked of a two-level run sheet with no association test named: the
    design's factors are independent by construction, so "does X depend on Y" asks for the
    effects and their interaction."""
    from havoc_srs.families.doe_analysis import run_sheet

    if ds is None or re.search(r"chi|fisher|mantel|contingency|cross[- ]?tab|odds", low):
        return False
    return run_sheet(ds)


def summary_test(question: str) -> bool:
    """Samples typed as size, mean and SD with a test asked of them (not capability or power)."""
    from havoc_srs.families._summary_t import asks_test
    from havoc_srs.reader.summaries import summaries

    return asks_test(question, summaries(question))


def choose_family(mode: ModeDecision, reading: Reading, ds: Any) -> ModeDecision:
    scores = dict(mode.scores)
    for fam in NEW_FAMILIES:
        scores[fam] = reading.scores.get(fam, 0.0)
    evidence = list(mode.evidence) + reading.evidence
    if reading.probs is None:
        reading.probs = classifier_probs(reading.question)
    for fam, p in reading.probs.items():
        if fam in scores and p >= 0.05:
            scores[fam] += CLASSIFIER_WEIGHT * p
            evidence.append(f"classifier {fam}: p = {p:.2f} (+{CLASSIFIER_WEIGHT * p:.2f})")
    low = reading.question.lower()
    has_data = ds is not None or reading.inline is not None or reading.counts is not None
    probs = reading.probs or {}
    rules_only = {k: v for k, v in mode.scores.items() if k != "general"} | {
        f: reading.scores.get(f, 0.0) for f in NEW_FAMILIES
    }
    two_rates = _two_rates(reading, low)
    if two_rates:  # "14 rejects out of 520 ... 29 out of 610": a test of two proportions
        scores["hypothesis_test"] = scores.get("hypothesis_test", 0.0) + 3
        evidence.append(two_rates)
    summarized = ds is None and reading.inline is None and summary_test(reading.question)
    if summarized:
        # "n = 25, mean 812, sd 14; is the mean below 820?": a t-test from summarized data
        scores["hypothesis_test"] = scores.get("hypothesis_test", 0.0) + 6
        evidence.append("samples given by size, mean and SD, and a test asked")
    new_top = max(NEW_FAMILIES, key=lambda f: scores[f])
    old = {k: v for k, v in scores.items() if k not in NEW_FAMILIES and k != "general"}
    old_top = max(old, key=lambda f: old[f]) if old else "general"
    explanatory = (
        not has_data
        and not own_data(low)
        and (
            (mode.scores.get("general", 0.0) >= 2 and probs.get("general", 0.5) >= 0.2)
            or probs.get("general", 0.0) >= 0.4
            or (
                bool(_CONCEPTUAL.match(low)) and not re.search(r"\d", low) and not reading.statistic
            )
        )
    )
    fam, conf, by = mode.family, mode.confidence, mode.decided_by
    if summarized and old_top == "hypothesis_test" and fam != old_top:
        fam, by = old_top, "reader"  # the rules' first pick did not see the typed summaries
    s_new = scores[new_top]
    # typed means and SDs with a test asked: the statistic words ("mean was", "std dev") are
    # the data, not a summary asked for (descriptive has nothing to summarise without values)
    typed_summaries = summarized and new_top == "descriptive" and fam == "hypothesis_test"
    if (
        s_new >= _MIN_NEW
        and s_new >= old.get(old_top, 0.0) * 0.9
        and not explanatory
        and not typed_summaries
    ):
        fam, by = new_top, "reader"
        ranked = sorted((scores[f] for f in scores if f != "general"), reverse=True)
        second = ranked[1] if len(ranked) > 1 else 0.0
        conf = max(0.05, min(0.99, (s_new - second) / s_new * 0.6 + min(s_new, 6) / 6 * 0.4))
    elif fam in NEW_FAMILIES or (
        fam != old_top and probs.get(old_top, 0) >= 0.6 and mode.confidence < 0.5
    ):
        fam, by = old_top, "reader"
    if not has_data and not explanatory and fam in NEW_FAMILIES and old_top in _NO_DATA:
        if old[old_top] >= 4.0:  # a data family cannot run without data; this one can
            fam, by = old_top, "reader"
            evidence.append(f"no data attached: {old_top} needs none ({old[old_top]:.2f})")
    if has_data and fam == "general":
        # a question about attached data: the best analysis family, when anything points to one
        cands = {k: v for k, v in scores.items() if k not in ("general", "out_of_scope")}
        best = max(cands, key=lambda f: cands[f]) if cands else "general"
        if cands and cands[best] >= 0.3:
            fam, by = best, "reader"
            evidence.append(
                f"data attached: {best} is the strongest analysis family ({cands[best]:.2f})"
            )
    typed = ds is not None and getattr(ds, "name", "") == "question"
    if (fam == "contingency" or (typed and fam in NEW_FAMILIES)) and _design_factors_associated(
        low, ds
    ):  # a two-level design typed into the question is typed to have its effects estimated
        fam, by = "doe_analysis", "reader"
        evidence.append(
            "a two-level run sheet: its factors are balanced by design, so their effects are asked"
        )
    if (
        typed
        and list(ds.frame.columns) == ["part", "operator", "measurement"]
        and fam not in ("measurement_system", "general")
    ):  # parts crossed with operators typed in (reader.numbers.crossed_table): a gage study
        fam, by = "measurement_system", "reader"
        evidence.append("parts crossed with operators, repeats per cell: a gage study")
    named = _named_verdict(reading, low, fam)
    if named:  # "PM2.5 ~ NO2 pearson", "bartlett.test(y ~ g)": the formula only names columns
        fam, by = named, "reader"
        evidence.append(f"a {named} method named and no model asked: {named}, not {old_top}")
    if fam == "doe_design" and not has_data and results_without_data(low):
        # "analyse my 2^3 factorial": the results of an experiment run, not a design to run
        fam, by = "doe_analysis", "reader"
        evidence.append("an experiment's results asked to be analysed: doe_analysis, not a design")
    kinds = relation_family(fam, reading, ds)  # the grounded columns' kinds decide (relation.py)
    if kinds:
        fam, by = kinds[0], "reader"
        evidence.append(kinds[1])
    # not a statistics or engineering question: the classifier's out-of-scope class, the
    # rules' list of off-topic phrases, or no cue at all with no data
    if UNSUPPORTED.search(low):
        reading.scope = "out_of_scope"
        evidence.append(
            f"out of scope: {UNSUPPORTED.search(low).group(0)} is not among HAVOC's analyses"
        )
        return ModeDecision(fam, conf, by, scores, evidence, mode.note)
    if INJECTION.search(low) or INJECTION_EXTRA.search(low):
        reading.scope = "out_of_scope"
        evidence.append("out of scope: the question tries to change HAVOC's instructions")
        return ModeDecision(fam, conf, by, scores, evidence, mode.note)
    why = instruction_to_assistant(reading.question)
    if not why and unsupported_method(reading.question):
        why = f"{unsupported_method(reading.question)} is not among HAVOC's analyses"
    if not why:
        why = history_of_method(reading.question) or amusement(reading.question)
    if why:  # an instruction to HAVOC itself, or a method it does not run (reader/abstain.py)
        reading.scope = "out_of_scope"
        evidence.append(f"out of scope: {why}")
        return ModeDecision(fam, conf, by, scores, evidence, mode.note)
    strongest_rule = max(rules_only.values() or [0.0])
    why = not_offered(reading.question, ds, fam, has_data, strongest_rule)
    if why:  # a class of request HAVOC does not offer (see reader/offer.py)
        reading.scope = "out_of_scope"
        evidence.append(f"out of scope: {why}")
        return ModeDecision(fam, conf, by, scores, evidence, mode.note)
    p_out = probs.get("out_of_scope", 0.0)
    if (
        p_out >= 0.5
        and strongest_rule < 3.5
        and not (has_data and fam in NEW_FAMILIES and strongest_rule >= 2.5)
    ):
        reading.scope = "out_of_scope"
        evidence.append(
            f"out of scope: classifier p = {p_out:.2f}, strongest rule {strongest_rule:.1f}"
        )
    elif (
        out_of_scope(reading.question)
        and strongest_rule < 3
        and not (has_data and _only_small_talk(low) and fam != "general" and _named(reading))
        and not (ds is not None and fam in NEW_FAMILIES and _RELATED.search(low))
    ):  # ("is who won related to the time control?" of a table of games asks about its columns)
        reading.scope = "out_of_scope"
        evidence.append("out of scope: an off-topic phrase and no statistics cue")
    elif (
        strongest_rule == 0
        and not has_data
        and mode.scores.get("general", 0) < 1.5
        and probs.get("general", 0) < 0.5
    ):
        reading.scope = "out_of_scope"
        evidence.append("out of scope: no statistics or engineering cue")
    if reading.scope != "out_of_scope" and lookup(reading.question):
        reading.scope = "out_of_scope"
        evidence.append(
            "out of scope: a figure kept in records or set by an outside body, not an analysis"
        )
    elif (
        reading.scope != "out_of_scope"
        and reading.inline is None
        and reading.counts is None
        and conceptual(reading.question, bool(reading.mentions), has_data)
        and not (fam == "power" and _power_settings(reading.question))
    ):
        fam, by = "general", "reader"
        evidence.append("conceptual wording and no request to compute on data: explained")
    return ModeDecision(fam, conf, by, scores, evidence, mode.note)


# words of a fitted model: a question naming them asks for the regression, whatever test it names
_MODEL_ASKED = re.compile(
    r"regress|\bols\b|slope|intercept|predict|\bmodel|r-?squared|\br2\b|\bfit(ted)?\b|coefficients"
)


def _named_verdict(reading: Reading, low: str, fam: str) -> str | None:
    """A regression read only because the columns are written as a formula ("y ~ x") or a
    relation, while the question names a test of one of the verdict families (Pearson,
    Bartlett, chi-square) and no model: that family."""
    from havoc_srs.reader import _METHOD_FAMILY

    if fam != "regression" or _MODEL_ASKED.search(low):
        return None
    # (a control clause alone reads as a partial correlation: no test named by its name)
    named = [_METHOD_FAMILY.get(m) for m in reading.methods
             if m != "partial_correlation" or "partial" in low]  # fmt: skip
    named = [f for f in named if f in ("correlation", "contingency", "variance")]
    return named[0] if named and len(set(named)) == 1 else None


def _power_settings(question: str) -> bool:
    """A power question that states its settings (an effect and n or a power) asks for a
    calculation, however chatty its wording ("what power is that, like?")."""
    from havoc_srs.families.power import read_power

    r = read_power(question)
    effect = "effect" in r or "effect_f" in r or ("difference" in r and "sd" in r)
    return effect and ("n" in r or "power" in r)
