"""MODE's final word: the rules' engineering families and the reader's five new families,
weighed together; questions that are not statistics or engineering at all are marked."""

from __future__ import annotations

from typing import Any

from havoc_srs.mode import ModeDecision
from havoc_srs.reader import NEW_FAMILIES, Reading, out_of_scope

# The reader's cue scores are on the same footing as the rules' (a decisive word is 3-5).
_MIN_NEW = 2.5


def choose_family(mode: ModeDecision, reading: Reading, ds: Any) -> ModeDecision:
    scores = dict(mode.scores)
    for fam in NEW_FAMILIES:
        scores[fam] = reading.scores.get(fam, 0.0)
    evidence = list(mode.evidence) + reading.evidence
    has_data = ds is not None or reading.inline is not None or reading.counts is not None
    new_top = max(NEW_FAMILIES, key=lambda f: scores[f])
    old = {k: v for k, v in mode.scores.items() if k != "general"}
    old_top = max(old, key=lambda f: old[f]) if old else "general"
    explanatory = mode.scores.get("general", 0.0) >= 2 and not has_data
    fam, conf, by = mode.family, mode.confidence, mode.decided_by
    s_new = scores[new_top]
    # a data-description question: its cue outweighs the engineering words (weighting "differ"
    # in "do the variances differ" less than "variances")
    if s_new >= _MIN_NEW and s_new >= old.get(old_top, 0.0) * 0.9 and not explanatory:
        fam, by = new_top, "reader"
        ranked = sorted((scores[f] for f in scores if f != "general"), reverse=True)
        second = ranked[1] if len(ranked) > 1 else 0.0
        conf = max(0.05, min(0.99, (s_new - second) / s_new * 0.6 + min(s_new, 6) / 6 * 0.4))
    elif fam == "general" and not has_data and out_of_scope(reading.question):
        reading.scope = "out_of_scope"
    if out_of_scope(reading.question) and max(scores.values() or [0]) < 3:
        reading.scope = "out_of_scope"
    total = sum(v for k, v in scores.items() if k != "general")
    if total == 0 and not has_data and mode.scores.get("general", 0) < 1.5:
        reading.scope = "out_of_scope"
    return ModeDecision(fam, conf, by, scores, evidence, mode.note)
