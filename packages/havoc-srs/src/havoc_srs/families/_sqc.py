"""Shared by the control-chart and capability families: the SQC constants tables and reading a
measurement series (a column, its subgroups, or the rows of a wide table) from the data."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from havoc_srs.data import Dataset, ident
from havoc_srs.phrasing import Phrasing
from havoc_srs.plan import ID_LIKE, Missing, Plan, mentioned

# Montgomery, Introduction to SQC, Appendix VI (n = 2..10): d2, A2, D3, D4
D2 = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.970, 10: 3.078}
A2 = {2: 1.880, 3: 1.023, 4: 0.729, 5: 0.577, 6: 0.483, 7: 0.419, 8: 0.373, 9: 0.337, 10: 0.308}
D3 = {2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0.076, 8: 0.136, 9: 0.184, 10: 0.223}
D4 = {2: 3.267, 3: 2.574, 4: 2.282, 5: 2.114, 6: 2.004, 7: 1.924, 8: 1.864, 9: 1.816, 10: 1.777}
TABLE_TOL = 2e-3  # the tables carry 3-4 significant digits


def c4(n: int) -> float:
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def d2(n: int) -> float:
    """d2(n) = E[range of n standard normals] = integral of 1 - Phi(x)^n - (1 - Phi(x))^n
    (the table where it has n, numerical integration beyond it)."""
    if n in D2:
        return D2[n]
    from scipy import integrate, stats

    def integrand(x: float) -> float:
        return 1 - stats.norm.cdf(x) ** n - stats.norm.sf(x) ** n

    return float(integrate.quad(integrand, -np.inf, np.inf)[0])


_RUN = re.compile(r"[-+]?\d+(?:\.\d+)?(?:\s*[,;]?\s*(?:and\s+)?[-+]?\d+(?:\.\d+)?){3,}")


def inline_values(question: str) -> Dataset | None:
    """The longest run of at least four numbers typed into the question ("results 61.2, 62.0,
    60.8, 61.5 HRC"), as a one-column table ``x``; None when there is none."""
    runs = [m.group(0) for m in _RUN.finditer(question)]
    if not runs:
        return None
    nums = [float(v) for v in re.findall(r"[-+]?\d+(?:\.\d+)?", max(runs, key=len))]
    return Dataset.from_frame(pd.DataFrame({"x": nums}), "question")


_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "pairs": 2}  # fmt: skip
_K = r"(\d+|" + "|".join(_WORDS) + r")"
_UNIT = r"min|minutes?|s|sec|seconds?|kg|g|mg|ml|l|litres?|liters?|mm|cm|m|km|ft|in|inch|unit|%"
_SUBGROUP_SIZE = re.compile(
    rf"\b(?:subgroups?|samples?|groups?) (?:of|with) (?:size )?{_K}\b|\bsubgroup size (?:of |is |= ?)?"
    rf"{_K}\b|\b{_K} (?:\w+ )?(?:per|in each|in every|each) (?:subgroup|sample)\b|\b(?:in|into) "
    rf"(?:groups|subgroups|samples) of {_K}\b|\b{_K} at a time\b|"
    # "5 samples per reel", "five readings on each coil", "n = 5/body"
    rf"\b{_K} (?!(?:{_UNIT})\b)(?:\w+ ){{0,2}}(?:per|in each|in every|on each|on every|from "
    rf"each|from every|for each|for every) (?!(?:cent|mil|{_UNIT})\b)[a-z]+|\bn\s*=\s*{_K}\s*(?:/|per\b)"
    # the sample said to be its count of things: "each hourly sample is 5 gobs", "every
    # subgroup has four bottles", "a sample consists of 3 parts"
    rf"|\b(?:each|every|a|one) (?:[a-z]+ )?(?:subgroup|sample)s? (?:is|was|has|had|holds|contains|"
    rf"consists of|comprises|of) {_K} (?!(?:{_UNIT})\b)[a-z]+"
)


def subgroup_size(q: str, ph: Phrasing) -> int | None:
    """The subgroup size the question states, in digits or words ("subgroups of five jars",
    "4 readings per sample"); None when it states none."""
    m = _SUBGROUP_SIZE.search(q.lower())
    if m:
        k = next(g for g in m.groups() if g)
        n = int(k) if k.isdigit() else _WORDS[k]
        if n >= 2:
            return n
    v = ph.slots.get("subgroup_size")
    return int(v) if v is not None else None


def _position_like(ds: Dataset, c: str) -> bool:
    """Whole numbers with few levels, each repeated: a position within a subgroup ("Jar" 1..5)
    or a label, not a measurement."""
    v = ds.frame[c].dropna().to_numpy(dtype=float)
    levels = len(np.unique(v))
    return bool(len(v) and (v == v.round()).all() and levels <= 20 and len(v) >= 3 * levels)


def _bare(column: str) -> str:
    """A header without its unit ("h1_um" -> "h1", "Site 2 (mm)" -> "site 2")."""
    c = re.sub(r"\s*\([^)]*\)\s*$", "", column.lower().strip())
    return re.sub(r"(?<=\d)[ _\-]?(?:um|µm|mm|cm|m|g|kg|mg|n|kn|nm|s|ms|pct|%)$", "", c)


def _indexed(values: list[str], counters: list[str]) -> bool:
    """The columns other than the counters are one quantity numbered 1..k ("h1_um" ...)."""
    rest = [_bare(c) for c in values if c not in counters]
    return len(rest) >= 2 and all(re.search(r"[a-z][ _\-]?\d+$", c) for c in rest)


def _blocked(column: pd.Series) -> bool:
    """Each label in one run of consecutive rows ("1 1 1 2 2 2"): subgroups in time order. A
    position within the subgroup cycles ("1 2 3 1 2 3": a "Sample" or "Reading" number) and
    does not name subgroups."""
    v = column.dropna()
    runs = int((v != v.shift()).sum())
    return runs == v.nunique()


_NOT_COGNATE = frozenset(
    "measurement measurements measured measuring reading readings individual individuals "
    "controlled control".split()
)


def _shared_stem(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def described(q: str, columns: list[str]) -> list[str]:
    """The one column the question names by an abbreviation's meaning: a header code spelt out
    ("internal resistance" for ``IR (mΩ)``) or a header word cut short ("conversion" for
    ``Conv_pct``). [] when none or several fit."""
    words = re.findall(r"[a-z]+", q.lower())
    hits = []
    for c in columns:
        bare = re.sub(r"[\(\[].*?[\)\]]", " ", str(c))
        codes = [x.lower() for x in re.findall(r"\b[A-Z]{2,5}\b", bare)]
        cut = [t for t in re.findall(r"[a-z]+", bare.lower()) if len(t) >= 4]
        spelt = any(
            "".join(w[0] for w in words[i : i + len(code)]) == code
            for code in codes
            for i in range(len(words) - len(code) + 1)
        )
        short = any(w.startswith(t) and len(w) >= len(t) + 2 for t in cut for w in words)
        # the same word in another language or form ("turbidez" for Turbidity, "viscosidad"
        # for Viscosity): a long shared stem, most of the shorter word
        cognate = any(
            _shared_stem(w, t) >= max(6, 0.7 * min(len(w), len(t)))
            for t in cut
            for w in words
            if w != t and w not in _NOT_COGNATE
        )
        # a chemical symbol in the header named by its element ("chlorine" for ``Cl2``)
        element = any(
            _ELEMENTS.get(sym) in words for sym in re.findall(r"\b([A-Z][a-z]?)\d*\b", bare)
        )
        # a property named by its everyday noun, the header by its unit ("the stopper size"
        # of ``Diam. (mm)``, "acidity" of ``pH``, "weight" of ``Net (g)``)
        unit = _header_units(str(c))
        kind = any(unit & _KIND_UNITS[w] for w in words if w in _KIND_UNITS)
        if spelt or short or cognate or element or kind:
            hits.append(c)
    return hits if len(hits) == 1 else []


_LENGTH = frozenset("mm cm um µm μm m in inch inches mil mils nm".split())
_MASS = frozenset("g kg mg lb lbs oz t".split())
_KIND_UNITS = {
    "size": _LENGTH, "sizes": _LENGTH, "dimension": _LENGTH, "dimensions": _LENGTH,
    "acidity": frozenset({"ph"}), "alkalinity": frozenset({"ph"}),
    "weight": _MASS, "weights": _MASS, "mass": _MASS,
}  # fmt: skip


def _header_units(header: str) -> set[str]:
    """The units a header is written in: in brackets ("Diam. (mm)", "Net [g]") or a last word
    that is a unit ("Raw water NTU", "pH")."""
    low = header.lower()
    out = {u.strip() for u in re.findall(r"[\(\[]\s*([^)\]]{1,8}?)\s*[\)\]]", low)}
    words = re.findall(r"[a-zµμ]+", low)
    if words and words[-1] in _LENGTH | _MASS | {"ph"}:
        out.add(words[-1])
    if low.strip() == "ph":
        out.add("ph")
    return out


_ELEMENTS = {
    "H": "hydrogen", "He": "helium", "C": "carbon", "N": "nitrogen", "O": "oxygen",
    "F": "fluorine", "Na": "sodium", "Mg": "magnesium", "Al": "aluminium", "Si": "silicon",
    "P": "phosphorus", "S": "sulphur", "Cl": "chlorine", "K": "potassium", "Ca": "calcium",
    "Cr": "chromium", "Mn": "manganese", "Fe": "iron", "Ni": "nickel", "Cu": "copper",
    "Zn": "zinc", "Pb": "lead", "Sn": "tin", "Ag": "silver", "Au": "gold", "Hg": "mercury",
    "Br": "bromine", "Ar": "argon", "Ti": "titanium", "Co": "cobalt", "Mo": "molybdenum",
}  # fmt: skip


def _cycle_length(ds: Dataset, columns: list[str]) -> int | None:
    """The period k of a position column that counts 1..k over and over in row order ("Sample"
    1 2 3 4 5 1 2 3 4 5 ...): consecutive rows of k are one subgroup. None when none does."""
    for c in columns:
        if c not in ds.numeric:
            continue
        v = ds.frame[c].to_numpy()
        if ds.frame[c].isna().any() or len(v) < 4:
            continue
        k = int(v.max()) if (v == np.round(v)).all() else 0
        if 2 <= k <= 25 and len(v) % k == 0 and len(v) >= 2 * k:
            if (v == np.tile(np.arange(1, k + 1), len(v) // k)).all():
                return k
    return None


def _row_index(ds: Dataset, c: str) -> bool:
    """Whole numbers counting the rows (1..n, each once): a panel or sample number."""
    v = np.sort(ds.frame[c].dropna().to_numpy(dtype=float))
    return bool(len(v) >= 3 and (v == v.round()).all() and (np.diff(v) == 1).all())


def wide_group(
    ds: Dataset, values: list[str], ment: list[str], q: str = "", size: int | None = None
) -> list[str] | None:
    """Columns that hold one subgroup per row: headers alike but for one short token (a digit
    run or a site letter: "thk_um_C, thk_um_T, ...", "h1_um ... h5_um", "T1 ... T4"), two or
    more of them, and every measured column the question names among them. None when the
    table has no such group or other measured columns compete with it unnamed, unless the
    question points at the group without naming it (:func:`_points_at_group`)."""
    measured = [c for c in values if not _row_index(ds, c)]
    best: list[str] = []
    for c in measured:
        toks = re.findall(r"[a-z]+|\d+", c.lower())
        for p, t in enumerate(toks):
            if not (t.isdigit() or len(t) <= 2):
                continue
            key = (*toks[:p], "*", *toks[p + 1 :])
            same = [
                d for d in measured
                if len(dt := re.findall(r"[a-z]+|\d+", d.lower())) == len(toks)
                and (*dt[:p], "*", *dt[p + 1 :]) == key
                and (dt[p].isdigit() or len(dt[p]) <= 2)
            ]  # fmt: skip
            if len(same) > len(best):
                best = same
    if len(best) < 2 or any(c in measured and c not in best for c in ment):
        return None
    if not ment and len(best) < len(measured) and not _points_at_group(q, best, measured, size):
        return None  # other measured columns and none named: which is charted is not clear
    return best


_XBAR = re.compile(r"\bx-?\s?bar\b|\bxbar|x̄|\bxquer|\bx-?double-?bar|\baverages? and (?:ranges|sd)")


def _points_at_group(q: str, group: list[str], measured: list[str], size: int | None) -> bool:
    """The question means the wide group though it names no column: the subgroup size it
    states is the group's width ("each sample is 5 gobs" beside G1..G5), it asks for a chart of
    subgroup means (only the group has subgroups), or the unit its numbers are written in
    ("310 ± 5 g") is the group's and no other measured column's."""
    if size is not None and size == len(group) and size >= 2:
        return True
    if _XBAR.search(q):
        return True
    from havoc_srs.families._unit_words import spelled_unit

    written = {u for u in re.findall(r"\d\s*(%|[a-zµ°][a-zµ°/]*)", q.lower())}
    written |= {spelled_unit(u) for u in written} - {""}

    def unit(c: str) -> str | None:
        m = re.search(r"\(([^)]+)\)\s*$|[\s_](%|pct|[a-zµ]{1,4})$", c.lower())
        return (m.group(1) or m.group(2)).strip() if m else None

    units = {unit(c) for c in group}
    others = {unit(c) for c in measured if c not in group}
    return (
        len(units) == 1
        and (u := next(iter(units))) is not None
        and u in written
        and u not in others
    )


# the sites a measurement is taken at, which headers shorten to their first letter
_POSITIONS = frozenset(
    "centre center top bottom left right front rear middle edge inner outer upper lower".split()
)
_BEFORE = re.compile(r"\b(?:before|pre|prior|previous|old|original|baseline|initial|incoming)\b")
_AFTER = re.compile(r"\b(?:after|post|once|following|since|new|final|outgoing)\b")


_FIRST = re.compile(r"\b(?:first|initial|earliest|opening|start)\b")
_LAST = re.compile(r"\b(?:last|final|latest|closing|end)\b")


def _ordinal_named(q: str, columns: list[str]) -> str | None:
    """Of a first/last pair of columns ("First bag (min)" / "Last bag (min)"), the one the
    question names by a word of that side before the headers' shared noun ("the final bag")."""
    heads = {
        c: re.findall(r"[a-z]+", re.sub(r"[\(\[].*?[\)\]]", " ", str(c).lower())) for c in columns
    }
    first = [c for c, h in heads.items() if _FIRST.search(" ".join(h))]
    last = [c for c, h in heads.items() if _LAST.search(" ".join(h))]
    if len(first) != 1 or len(last) != 1 or first == last:
        return None
    nouns = (set(heads[first[0]]) & set(heads[last[0]])) - {"the", "of", "a"}
    if not nouns:
        return None
    noun = "|".join(map(re.escape, nouns))
    words = " ".join(re.findall(r"[a-z]+", q.lower()))
    f = re.search(rf"{_FIRST.pattern}\s+(?:\w+\s+)?(?:{noun})\b", words)
    la = re.search(rf"{_LAST.pattern}\s+(?:\w+\s+)?(?:{noun})\b", words)
    if bool(f) == bool(la):
        return None
    return first[0] if f else last[0]


def modifiers(q: str, named: list[str]) -> set[str]:
    """Headers named only by one word that stands as the modifier of another header the
    question names right after it: in "the bath pH" beside columns "pH" and "Bath temp (°C)",
    "bath" says which pH (English puts the head noun last); "Bath temp" is not asked."""
    from havoc_srs.reader.columns import _resolve, match_headers

    found = [m for m in _resolve(match_headers(q, named)) if m.kind == "column"]
    out = set()
    for a in found:
        if not a.how.startswith("distinctive"):
            continue
        for b in found:
            if (
                b.column != a.column
                and not b.how.startswith("distinctive")
                and re.fullmatch(r"[\s-]*", q[a.end : b.start])
                and b.start >= a.end
            ):
                out.add(a.column)
    return out if len(out) < len(named) else set()


def side_named(q: str, columns: list[str]) -> str | None:
    """Of columns measured before and after something ("Kerf_before_mm" / "Kerf after (mm)",
    "pre-cabling" / "post-cabling"), the one the question's time words point to ("the cuts
    after the change", "measured before the fibres go into the cable", "once it has been
    cabled"). None unless one column has each side and the question speaks of one side only."""
    words = " ".join(re.findall(r"[a-z]+", q.lower()))
    sides = {}
    for c in columns:
        h = " ".join(re.findall(r"[a-z]+", str(c).lower()))
        b, a = bool(_BEFORE.search(h)), bool(_AFTER.search(h))
        if b != a:
            sides.setdefault("before" if b else "after", []).append(c)
    if set(sides) != {"before", "after"} or any(len(v) != 1 for v in sides.values()):
        return _ordinal_named(q, columns)
    b, a = bool(_BEFORE.search(words)), bool(_AFTER.search(words))
    if b == a:
        return None
    return sides["before" if b else "after"][0]


# the stage of a process a stream or part is measured at, before or after its treatment ("Raw
# water NTU" against the filtered water's "Turbidity (NTU)", "feed" against "product")
_STAGE_IN = re.compile(
    r"\b(?:raw|untreated|unfiltered|crude|feed|influent|incoming|inlet|upstream|unprocessed|"
    r"uncured|unwashed)\b"
)
_STAGE_OUT = re.compile(
    r"\b(?:treated|filtered|filtrate|finished|processed|effluent|outgoing|outlet|downstream|"
    r"purified|cured|washed|product|clarified)\b"
)
_SHARED_SKIP = frozenset("the of and per mg ml l g kg mm m s pct".split())


def stage_contradicted(q: str, named: list[str], values: list[str]) -> list[str] | None:
    """The columns named once a column whose process-stage word is the opposite of the
    question's is dropped ("the filtered water turbidity" names ``Raw water NTU`` by "water":
    the raw stream is not the filtered one), replaced by the one other column that shares its
    unit or quantity word and has no stage word of its own. None when nothing is contradicted."""
    words = " ".join(re.findall(r"[a-z]+", q.lower()))
    q_in, q_out = bool(_STAGE_IN.search(words)), bool(_STAGE_OUT.search(words))
    if q_in == q_out:
        return None
    opposite = _STAGE_OUT if q_in else _STAGE_IN
    out, changed = [], False
    for c in named:
        head = " ".join(re.findall(r"[a-z]+", str(c).lower()))
        if c not in values or not opposite.search(head):
            out.append(c)
            continue
        changed = True
        own = set(re.findall(r"[a-z]+", str(c).lower())) - _SHARED_SKIP
        own = {w for w in own if not (_STAGE_IN.search(w) or _STAGE_OUT.search(w))}
        alike = [
            d
            for d in values
            if d != c
            and d not in named
            and not opposite.search(" ".join(re.findall(r"[a-z]+", str(d).lower())))
            and own & set(re.findall(r"[a-z]+", str(d).lower()))
        ]
        if len(alike) == 1:
            out.append(alike[0])
    return list(dict.fromkeys(out)) if changed else None


def _member_named(q: str, group: list[str]) -> str | None:
    """The one column of a block of alike headers that the question names by the token that
    sets it apart ("final gravity" spells FG of ``OG (°P)``/``FG (°P)``, "the inlet" of
    ``T_inlet``/``T_outlet``): a code of two or more letters written out or spelled as the
    initials of consecutive words. None when no member or several are named."""
    words = re.findall(r"[a-z]+", q.lower())
    toks = [re.findall(r"[a-z]+|\d+", _bare(c)) for c in group]
    if len({len(t) for t in toks}) != 1:
        return None
    diff = [p for p in range(len(toks[0])) if len({t[p] for t in toks}) > 1]
    if len(diff) != 1:
        return None
    hits = []
    for c, t in zip(group, toks, strict=True):
        code = t[diff[0]]
        if len(code) == 1 and any(w in _POSITIONS and w[0] == code for w in words):
            hits.append(c)  # "centre thickness" of thk_C beside thk_T, thk_B (sites by letter)
            continue
        if len(code) < 2 or not code.isalpha():
            continue
        spelt = any(
            "".join(w[0] for w in words[i : i + len(code)]) == code
            for i in range(len(words) - len(code) + 1)
        )
        if code in words or spelt:
            hits.append(c)
    return hits[0] if len(hits) == 1 else None


SUBGROUP_COL = re.compile(
    r"^(subgroup|sub_group|sample|batch|lot|hour|group|shift_no|sg)s?$|"
    r"^(sample|subgroup|sub|batch|lot|body|coil|wafer|panel|unit|reel|heat)[ _]?"
    r"(grp|group|no|nr|number|#|id)\.?$"
)


def spc_series(
    q: str,
    ph: Phrasing,
    ds: Dataset,
    plan: Plan,
    prefer: str | None = None,
    force: str | None = None,
) -> dict[str, Any] | None:
    """The measurement column and its subgroups (column, fixed size or rows of a wide table).
    ``prefer`` is the caller's choice of column when the question names none; ``force`` its
    choice over the column the question's words point at (the caller says why)."""
    from havoc_srs.reader.columns import _is_id

    numeric = [c for c in ds.numeric if not ID_LIKE.match(c.lower()) and not _is_id(c, ds)]
    sub_cols = [
        c for c in ds.frame.columns if SUBGROUP_COL.match(c.lower()) and _blocked(ds.frame[c])
    ]
    ment = mentioned(q, numeric) or ([prefer] if prefer in numeric else [])
    if force in numeric:
        ment = [force]
    if len(ment) > 1 and prefer in ment:  # "the hose crimping meets the 1400 bar minimum burst":
        ment = [prefer]  # of the columns named, the one the limits' unit belongs to
    values = [c for c in numeric if c not in sub_cols]
    measured = [c for c in values if not _position_like(ds, c)]
    if measured and len(measured) < len(values):  # "Jar" 1..5 within each subgroup
        values = measured
        ment = [c for c in ment if c in values or c not in numeric]
    # a sequence number (1..n, each once: "Seq", "Unit") is no measurement beside one
    seq = [c for c in values if _row_index(ds, c)]
    if seq and len(seq) < len(values):
        values = [c for c in values if c not in seq]
        ment = [c for c in ment if c not in seq]
    if not [c for c in ment if c in values]:
        ment += described(q, values)
    if len([c for c in ment if c in values]) > 1:
        ment = [c for c in ment if c not in modifiers(q, [c for c in ment if c in values])]
    if (staged := stage_contradicted(q, ment, values)) is not None:
        ment = staged  # "filtered water" is not the column of the raw water
    if len([c for c in ment if c in values]) != 1 and (side := side_named(q, values)):
        ment = [side]  # "the cuts after the change" of Kerf before / Kerf after
    size = stated = subgroup_size(q, ph)
    if size is None and not [c for c in sub_cols if c in ds.frame.columns]:
        size = _cycle_length(
            ds, [c for c in ds.frame.columns if c not in values or len(values) > 1]
        )
    # a row counter beside a wide block ("Panel" 1, 2, 3 ... next to h1_um ... h5_um) names the
    # subgroups; it is not a measurement
    counters = [c for c in values if _row_index(ds, c)] if len(values) >= 3 else []
    if counters and _indexed(values, counters):
        values = [c for c in values if c not in counters]
        sub_cols = sub_cols + counters
    prefixes = {re.sub(r"[ _\-]?\d+$", "", _bare(c)) for c in values}
    wide_rows = (
        len(values) >= 2
        and all(re.search(r"[a-z][ _\-]?\d+$", _bare(c)) for c in values)
        and len(prefixes) == 1
        and all(c in values or c in sub_cols for c in ment)
    )
    group = wide_group(ds, values, ment, q, stated)
    one = _member_named(q, group) if group is not None and not wide_rows else None
    if one is not None:  # "final gravity" of OG/FG: one member named by its own code
        group, ment = None, [one]
    if not wide_rows and group is not None:  # "thk_um_C ... thk_um_R", "h1_um ... h5_um"
        values, wide_rows = group, True
    if wide_rows:
        block = ds.frame[values]
        if block.isna().any().any():
            plan.missing.append(
                Missing("complete subgroups", "every row (subgroup) must have all its measurements")
            )
            return None
        n = len(values)
        flat = block.to_numpy(dtype=float).ravel()
        sg = np.repeat(np.arange(1, len(block) + 1), n)
        plan.data["d"] = pd.DataFrame({"value": flat, "subgroup": sg})
        plan.context["layout"] = f"wide: each row is a subgroup of {n} ({', '.join(values)})"
        return {"x": "value", "by": "subgroup", "size": n, "label": "value", "wide": values}
    chosen = [c for c in ment if c in values] or values
    if len(chosen) != 1:
        plan.missing.append(
            Missing(
                "which column holds the measurements",
                f"name one of {', '.join(chosen) or 'the numeric columns'} in the question",
            )
        )
        return None
    col = chosen[0]
    vid = ident(col)
    if sub_cols:
        sc = sub_cols[0]
        frame = ds.frame[[col, sc]].dropna()
        sizes = frame.groupby(sc, sort=False).size()
        if sizes.max() < 2:
            # one value per level (a day or sample number): these are individual values
            plan.notes.append(f"column {sc!r} has one value per level: individual values")
            sub_cols = []
    if sub_cols:  # the table's own subgroups win over a size in the text
        if size is not None and set(sizes) != {size}:
            plan.notes.append(f"subgroups taken from column {sc!r}, not the stated size {size}")
        plan.data["d"] = pd.DataFrame(
            {vid: frame[col].to_numpy(dtype=float), "subgroup": frame[sc].to_numpy()}
        )
        plan.context["layout"] = f"subgroups from column {sc!r} (sizes {sorted(set(sizes))})"
        return {
            "x": vid,
            "by": "subgroup",
            "size": int(sizes.iloc[0]) if sizes.nunique() == 1 else None,
            "label": col,
            "subgroup_column": sc,
        }
    x = ds.values(col)
    plan.data["d"] = pd.DataFrame({vid: x})
    if size and size > 1:
        if len(x) % size:
            plan.missing.append(
                Missing(
                    "whole subgroups",
                    f"{len(x)} values do not split into subgroups of {size}; add a subgroup column",
                )
            )
            return None
        plan.data["d"]["subgroup"] = np.repeat(np.arange(1, len(x) // size + 1), size)
        plan.context["layout"] = f"consecutive subgroups of {size}"
        return {"x": vid, "by": "subgroup", "size": size, "label": col}
    plan.context["layout"] = "individual values (no subgroups)"
    return {"x": vid, "by": None, "size": 1, "label": col}
