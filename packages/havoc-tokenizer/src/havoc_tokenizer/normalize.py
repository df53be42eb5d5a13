"""Domain text normalisation, applied identically at training time and at encoding time.

The rules fold typographic variants that mean the same thing to an engineer (Unicode minus,
dashes, thin spaces, super/subscript digits, vulgar fractions, ligatures) onto one documented
form, and keep the symbols engineers actually mean (σ µ→μ ± ≤ ≥ × ° Ω, Greek letters) as they are.
The full rule table is in the package README. `normalize` is idempotent:
``normalize(normalize(x)) == normalize(x)`` for every string (tested with hypothesis).
"""

from __future__ import annotations

import re
import unicodedata

# Single characters mapped to a fixed replacement (possibly empty or several characters).
# Every replacement contains only characters that no rule touches, which keeps the map idempotent.
_CHAR_MAP: dict[str, str] = {
    # dashes and minus signs -> ASCII hyphen-minus
    "\u2212": "-",  # MINUS SIGN
    "\u2010": "-",  # HYPHEN
    "\u2011": "-",  # NON-BREAKING HYPHEN
    "\u2012": "-",  # FIGURE DASH
    "\u2013": "-",  # EN DASH
    "\ufe63": "-",  # SMALL HYPHEN-MINUS
    "\uff0d": "-",  # FULLWIDTH HYPHEN-MINUS
    "\u2014": "--",  # EM DASH
    "\u2015": "--",  # HORIZONTAL BAR
    # spaces of every width -> one ASCII space
    "\u00a0": " ",  # NO-BREAK SPACE
    "\u2000": " ",
    "\u2001": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",  # FIGURE SPACE
    "\u2008": " ",  # PUNCTUATION SPACE
    "\u2009": " ",  # THIN SPACE
    "\u200a": " ",  # HAIR SPACE
    "\u202f": " ",  # NARROW NO-BREAK SPACE
    "\u205f": " ",  # MEDIUM MATHEMATICAL SPACE
    "\u3000": " ",  # IDEOGRAPHIC SPACE
    # invisible characters that only break tokens apart -> removed (ZWJ/ZWNJ are kept for emoji)
    "\u200b": "",  # ZERO WIDTH SPACE
    "\u2060": "",  # WORD JOINER
    "\ufeff": "",  # BYTE ORDER MARK / ZWNBSP
    "\u00ad": "",  # SOFT HYPHEN
    # line breaks -> "\n"
    "\r": "\n",
    "\u2028": "\n",  # LINE SEPARATOR
    "\u2029": "\n",  # PARAGRAPH SEPARATOR
    "\x85": "\n",  # NEXT LINE
    # quotes and primes
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",  # PRIME
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',  # DOUBLE PRIME
    "\u2026": "...",  # HORIZONTAL ELLIPSIS
    # unit and letter-like signs -> the letter engineers mean
    "\u00b5": "\u03bc",  # MICRO SIGN -> GREEK SMALL LETTER MU
    "\u2126": "\u03a9",  # OHM SIGN -> GREEK CAPITAL LETTER OMEGA
    "\u212a": "K",  # KELVIN SIGN
    "\u212b": "\u00c5",  # ANGSTROM SIGN -> LATIN CAPITAL LETTER A WITH RING ABOVE
    "\u2103": "\u00b0C",  # DEGREE CELSIUS
    "\u2109": "\u00b0F",  # DEGREE FAHRENHEIT
    "\u2a7d": "\u2264",  # LESS-THAN OR SLANTED EQUAL TO -> <=
    "\u2a7e": "\u2265",  # GREATER-THAN OR SLANTED EQUAL TO -> >=
    "\u2044": "/",  # FRACTION SLASH
    "\u2215": "/",  # DIVISION SLASH
    # ligatures from PDF extraction
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    # SentencePiece's own whitespace symbol would decode as a space; make it a visible underscore
    "\u2581": "_",
}

# Vulgar fractions -> "n/d"; a digit right before one gets a separating space ("1½" -> "1 1/2").
_FRACTIONS: dict[str, str] = {
    "\u00bd": "1/2",
    "\u2153": "1/3",
    "\u2154": "2/3",
    "\u00bc": "1/4",
    "\u00be": "3/4",
    "\u2155": "1/5",
    "\u2156": "2/5",
    "\u2157": "3/5",
    "\u2158": "4/5",
    "\u2159": "1/6",
    "\u215a": "5/6",
    "\u2150": "1/7",
    "\u215b": "1/8",
    "\u215c": "3/8",
    "\u215d": "5/8",
    "\u215e": "7/8",
    "\u2151": "1/9",
    "\u2152": "1/10",
    "\u2189": "0/3",
}

_SUPERSCRIPTS: dict[str, str] = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni", strict=True))
_SUBSCRIPTS: dict[str, str] = dict(
    zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ", "0123456789+-=()aeoxhklmnpst", strict=True)
)

_SUP_CLASS = "[" + "".join(_SUPERSCRIPTS) + "]"
_SUB_CLASS = "[" + "".join(_SUBSCRIPTS) + "]"
# "¹⁄₂" written with super/subscripts around a fraction slash is an ordinary fraction "1/2".
_SCRIPT_FRACTION = re.compile(f"({_SUP_CLASS}+)\u2044({_SUB_CLASS}+)")
_SUP_RUN = re.compile(f"{_SUP_CLASS}+")
_SUB_RUN = re.compile(f"{_SUB_CLASS}+")
_FRACTION = re.compile("([0-9]?)([" + "".join(_FRACTIONS) + "])")
_SIGNED_INT = re.compile(r"[+-]?[0-9]+|[A-Za-z]")
_SURROGATE = re.compile("[\ud800-\udfff]")

_TRANSLATION = str.maketrans(_CHAR_MAP)
_NEEDS_WORK = re.compile(
    "["
    + "".join(re.escape(c) for c in (*_CHAR_MAP, *_FRACTIONS))
    + "]|"
    + _SUP_CLASS
    + "|"
    + _SUB_CLASS
)

NORMALIZER_VERSION = "havoc-norm-1"


def _script_run(mark: str, table: dict[str, str], run: str) -> str:
    plain = "".join(table[c] for c in run)
    # x² -> x^2, 10⁻³ -> 10^-3, xⁿ -> x^n; anything longer is bracketed: x⁽ⁿ⁺¹⁾ -> x^((n+1))
    if _SIGNED_INT.fullmatch(plain):
        return mark + plain
    return f"{mark}({plain})"


def _fraction(match: re.Match[str]) -> str:
    digit, frac = match.group(1), match.group(2)
    return (digit + " " if digit else "") + _FRACTIONS[frac]


def normalize(text: str) -> str:
    """Map `text` onto HAVOC's normal form (see the README rule table).

    >>> normalize("σ ≤ 5 µm, x² − 1, 1½ in")
    'σ ≤ 5 μm, x^2 - 1, 1 1/2 in'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, got {type(text).__name__}")
    if text.isascii():
        # Fast path: only carriage returns can change in pure ASCII.
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_WORK.search(text) is not None:
        text = text.replace("\r\n", "\n")
        text = _SCRIPT_FRACTION.sub(
            lambda m: (
                "".join(_SUPERSCRIPTS[c] for c in m.group(1))
                + "/"
                + "".join(_SUBSCRIPTS[c] for c in m.group(2))
            ),
            text,
        )
        text = _SUP_RUN.sub(lambda m: _script_run("^", _SUPERSCRIPTS, m.group(0)), text)
        text = _SUB_RUN.sub(lambda m: _script_run("_", _SUBSCRIPTS, m.group(0)), text)
        text = _FRACTION.sub(_fraction, text)
        text = text.translate(_TRANSLATION)
        # Removing an invisible character can bring a base letter next to its combining mark.
        text = unicodedata.normalize("NFC", text)
    return text


def rule_table() -> list[tuple[str, str, str]]:
    """(character, code point name, replacement) for every single-character rule."""
    rows = []
    for ch, rep in {**_CHAR_MAP, **_FRACTIONS}.items():
        rows.append((ch, unicodedata.name(ch, f"U+{ord(ch):04X}"), rep))
    return rows
