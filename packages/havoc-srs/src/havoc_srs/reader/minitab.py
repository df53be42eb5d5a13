"""Minitab session commands read in words: ``MTB > Oneway C4 C2``, ``TwoSample C1 C2``,
``OneT C3; Test 12.``, ``Paired C1 C2``, with ``C1``, ``C2``, ... the worksheet's columns in
order. A question that writes such a command is rewritten as the request it makes ("one-way
ANOVA of 'Shore A' by 'Press'"), the column numbers replaced by the table's headers, so that
the English readers read it. Nothing is changed without a table, without a Minitab command at
the start of a line (or after ``MTB >``), or when a column number is past the table's last
column.

>>> with_minitab_commands("MTB > Oneway C3 C1", ["Press", "Cure", "Shore A"])
"one-way ANOVA of 'Shore A' by 'Press'"
>>> with_minitab_commands("is C3 above 5?", ["Press", "Cure", "Shore A"])
'is C3 above 5?'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# command -> (its words, the form of its column arguments)
_COMMANDS = {
    "oneway": "one-way ANOVA of {0} by {1}",
    "onewayaov": "one-way ANOVA of {0} by {1}",
    "aovoneway": "one-way ANOVA of {0}, {1}",
    "twosample": "two-sample t-test of {0} vs {1}",
    "twot": "two-sample t-test of {0} by {1}",
    "onet": "one-sample t-test of {0}",
    "onez": "one-sample z-test of {0}",
    "paired": "paired t-test of {0} vs {1}",
    "kruskal": "Kruskal-Wallis test of {0} by {1}",
    "mann": "Mann-Whitney test of {0} vs {1}",
    "wtest": "one-sample Wilcoxon signed-rank test of {0}",
    "vartest": "test of equal variances of {0} by {1}",
}
_START = re.compile(
    r"(?:^|\n|\bmtb\s*>\s*)\s*(" + "|".join(sorted(_COMMANDS, key=len)[::-1]) + r")\b"
    r"((?:\s*,?\s*'?c\d{1,3}'?)+)\s*(?:;\s*(.*?))?(?:\.\s*$|\.\s*\n|\.?\s*\(|$|\n)",
    re.I | re.S,
)
_TEST_VALUE = re.compile(r"\btest\s+(-?\d+(?:\.\d+)?)", re.I)
_ALTERNATIVE = re.compile(r"\balternative\s+(-?1|0)\b", re.I)


def with_minitab_commands(question: str, headers: Sequence[str]) -> str:
    """``question`` with each Minitab session command written as the request it makes."""
    headers = [str(h).strip() for h in headers]
    if not headers or not re.search(r"\bc\d", question, re.I):
        return question

    def words(m: re.Match[str]) -> str:
        cols = [int(k) for k in re.findall(r"c(\d{1,3})", m.group(2), re.I)]
        form = _COMMANDS[m.group(1).lower()]
        wanted = form.count("{")
        if not cols or len(cols) < wanted or any(not 1 <= k <= len(headers) for k in cols):
            return m.group(0)
        names = [f"'{headers[k - 1]}'" for k in cols]
        text = form.format(*names[:wanted], *[""] * 2)
        sub = m.group(3) or ""
        value = _TEST_VALUE.search(sub)
        if value and "one-sample" in text:
            text += f" against {value.group(1)}"
        alt = _ALTERNATIVE.search(sub)
        if alt:  # Minitab's ALTERNATIVE 1 / -1: greater / less than
            text += {"1": ", one-sided greater", "-1": ", one-sided less"}.get(alt.group(1), "")
        tail = m.group(0)[len(m.group(0).rstrip(" .(\n")) :]
        lead = "\n" if m.group(0).startswith("\n") else ""
        return lead + text + tail

    out = _START.sub(words, question)
    if out == question:
        return question
    # the same column numbers in the rest of the text ("C4 = the durometer readings")
    return re.sub(
        r"(?<![\w'])c(\d{1,3})(?![\w'])",
        lambda m: (
            f"'{headers[int(m.group(1)) - 1]}'"
            if 1 <= int(m.group(1)) <= len(headers)
            else m.group(0)
        ),
        out,
        flags=re.I,
    ).strip()
