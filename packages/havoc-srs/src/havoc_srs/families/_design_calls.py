"""Experimental designs asked for as software calls or shorthand, read as the words the design
reader knows: R ``FrF2(nruns = 16, nfactors = 6)``, ``pb(12)``, ``rsm::bbd(3, n0 = 3)``,
``rsm::ccd(4, n0 = c(4, 2))``, ``fac.design(nfactors = 3, nlevels = 2)``; pyDOE ``ff2n(3)``,
``fullfact([2, 2, 2])``, ``fracfact("a b c ab ac")``, ``fracfact_by_res(6, 4)``,
``pbdesign(7)``, ``bbdesign(4, center=3)``, ``ccdesign(3, center=(4, 4), face="ccf")``,
``lhs(4, samples=20)``; Minitab ``FFDesign 5 8``, ``PBDesign 11 12``, ``CCDesign 3``,
``BBDesign 4``; and shorthand ("full fact 2^3 + 4 ctr pts", "frac fact").

``design_words`` returns the reading as words ("fractional factorial design, 6 factors, 16
runs"), or None when the question holds no design call. Nothing is evaluated: arguments are
read by pattern.

>>> design_words("FrF2::FrF2(nruns = 16, nfactors = 6)")
'fractional factorial design, 6 factors, 16 runs'
>>> design_words("rsm::bbd(3, n0 = 3)")
'box-behnken design, 3 factors, 3 centre points'
>>> design_words("MTB > FFDesign 5 8.")
'fractional factorial design, 5 factors, 8 runs'
"""

from __future__ import annotations

import re

_CALL = re.compile(r"(?<![\w.])(?:[\w.]+::|pydoe\d?\.|doe\.)?([A-Za-z_][\w.]*)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", re.I)  # fmt: skip
_MINITAB = re.compile(
    r"(?:^|mtb\s*>\s*|minitab\W+)\s*(ffdesign|pbdesign|ccdesign|bbdesign|gfdesign)\s+(\d+)(?:\s+(\d+))?",
    re.I | re.M,
)  # fmt: skip
_SHORTHAND = [
    (r"\bfull[- ]?fact\b\.?", "full factorial"),
    (r"\bfrac(?:t)?[- ]?fact\b\.?", "fractional factorial"),
    (r"\b(?:ctr|cntr|cen|cent)\.?\s*(?:pts?|points?)\b\.?", "centre points"),
    (r"\b(?:ctr|center|centre)\s*pt\b", "centre point"),
]
_KIND_WORDS = {
    "full": "full factorial", "fractional": "fractional factorial",
    "plackett_burman": "plackett-burman", "box_behnken": "box-behnken",
    "ccd": "central composite", "lhs": "latin hypercube",
}  # fmt: skip


def _args(text: str) -> tuple[list[str], dict[str, str]]:
    """Positional and keyword arguments of a call, split at top-level commas."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    pos, kw = [], {}
    for p in (p.strip() for p in parts):
        m = re.match(r"([A-Za-z_][\w.]*)\s*=\s*(.+)$", p)
        if m:
            kw[m.group(1).lower()] = m.group(2).strip()
        elif p:
            pos.append(p)
    return pos, kw


def _int(text: str | None) -> int | None:
    m = re.search(r"\d+", text or "")
    return int(m.group(0)) if m else None


def _words(kind: str, k: int | None, runs: int | None = None, res: int | None = None,
           center: int | None = None, face: bool = False) -> str | None:  # fmt: skip
    if k is None:
        return None
    out = [("face-centred " if face else "") + _KIND_WORDS[kind] + " design", f"{k} factors"]
    if runs:
        out.append(f"{runs} runs")
    if res:
        out.append(f"resolution {res}")
    if center:
        out.append(f"{center} centre points")
    return ", ".join(out)


def _call_words(name: str, pos: list[str], kw: dict[str, str]) -> str | None:
    name = name.lower().split(".")[-1] if name.lower().startswith("pydoe") else name.lower()
    first = _int(pos[0]) if pos else None
    if name == "frf2":
        runs, k = _int(kw.get("nruns")), _int(kw.get("nfactors"))
        if pos and runs is None:
            runs = first
        if len(pos) > 1 and k is None:
            k = _int(pos[1])
        res, center = _int(kw.get("resolution")), _int(kw.get("ncenter"))
        kind = "full" if k and runs == 2**k else "fractional"
        return _words(kind, k, None if kind == "full" else runs, res, center)
    if name == "pb":
        runs = _int(kw.get("nruns")) or first
        k = _int(kw.get("nfactors")) or (runs - 1 if runs else None)
        return _words("plackett_burman", k, runs)
    if name in ("bbd", "bbdesign"):
        k = first if pos and not pos[0].lstrip().startswith("~") else None
        if k is None and pos and pos[0].lstrip().startswith("~"):
            k = len(re.findall(r"\w+", pos[0]))
        return _words("box_behnken", k, center=_int(kw.get("n0") or kw.get("center")))
    if name in ("ccd", "ccdesign"):
        k = first if pos and not pos[0].lstrip().startswith("~") else None
        if k is None and pos and pos[0].lstrip().startswith("~"):
            k = len(re.findall(r"\w+", pos[0]))
        given = re.findall(r"\d+", kw.get("n0") or kw.get("center") or "")
        center = sum(map(int, given)) or None  # (cube, star) centre points: their total
        face = bool(re.search(r"ccf|faced|face", kw.get("face", "") + kw.get("alpha", ""), re.I))
        return _words("ccd", k, center=center, face=face)
    if name == "fac.design":
        k = _int(kw.get("nfactors")) or first
        levels = _int(kw.get("nlevels"))
        return _words("full", k) if levels in (None, 2) else None
    if name == "ff2n":
        return _words("full", first)
    if name == "fullfact" and pos:
        levels = re.findall(r"\d+", pos[0])
        return _words("full", len(levels)) if levels and set(levels) == {"2"} else None
    if name == "fracfact" and pos:
        gens = re.findall(r"[A-Za-z]+", pos[0].strip("'\""))
        base = sum(len(g) == 1 for g in gens)
        return _words("fractional", len(gens), 2**base) if gens and base < len(gens) else None
    if name == "fracfact_by_res":
        return _words("fractional", first, res=_int(pos[1]) if len(pos) > 1 else None)
    if name == "pbdesign":
        return _words("plackett_burman", first)
    if name == "lhs":
        return _words("lhs", first, _int(kw.get("samples") or (pos[1] if len(pos) > 1 else None)))
    return None


def design_words(question: str) -> str | None:
    """The design a call or shorthand in ``question`` asks for, in words; None if none."""
    found = []
    for m in _CALL.finditer(question):
        words = _call_words(m.group(1), *_args(m.group(2)))
        if words:
            found.append(words)
    for m in _MINITAB.finditer(question):
        cmd, a, b = m.group(1).lower(), int(m.group(2)), m.group(3)
        runs = int(b) if b else None
        if cmd == "ffdesign":
            kind = "full" if runs in (None, 2**a) else "fractional"
            found.append(_words(kind, a, None if kind == "full" else runs) or "")
        elif cmd == "pbdesign":
            found.append(_words("plackett_burman", a, runs) or "")
        elif cmd == "ccdesign":
            found.append(_words("ccd", a) or "")
        elif cmd == "bbdesign":
            found.append(_words("box_behnken", a) or "")
    if found:
        return "; ".join(w for w in found if w)
    short = question
    for pat, word in _SHORTHAND:
        short = re.sub(pat, word, short, flags=re.I)
    return short if short != question else None


def with_design_words(question: str) -> str:
    """``question`` with the design its call or shorthand asks for added in words (the call is
    kept, so every later reader still sees it)."""
    words = design_words(question)
    if not words:
        return question
    return f"{question.rstrip()}\n({words})"
