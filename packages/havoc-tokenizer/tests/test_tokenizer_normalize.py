"""The domain normaliser: documented rules, kept symbols, idempotence."""

from __future__ import annotations

import unicodedata

import pytest
from havoc_tokenizer import HavocTokenizer, normalize
from hypothesis import given, settings
from hypothesis import strategies as st

RULES = [
    ("5 \u2212 3", "5 - 3"),  # Unicode minus
    ("10\u201320 mm", "10-20 mm"),  # en dash
    ("yes\u2014no", "yes--no"),  # em dash
    ("x\u00b2 + y\u00b3", "x^2 + y^3"),
    ("10\u207b\u00b3", "10^-3"),
    ("e\u207d\u207f\u207a\u00b9\u207e", "e^((n+1))"),
    ("x\u2081 + x\u2081\u2082", "x_1 + x_12"),
    ("\u00bd + 1\u00be", "1/2 + 1 3/4"),
    ("\u00b9\u2044\u2082 inch", "1/2 inch"),
    ("5\u2009mm and 5\u202fkg and 5\u00a0s", "5 mm and 5 kg and 5 s"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("\u201cq\u201d \u2018s\u2019", "\"q\" 's'"),
    ("wait\u2026", "wait..."),
    ("\ufb01le", "file"),
    ("25\u2103 and 300\u212a", "25\u00b0C and 300K"),
    ("5 \u00b5m, 10 \u2126", "5 \u03bcm, 10 \u03a9"),
    ("e\u0301", "\u00e9"),  # NFC
]


@pytest.mark.parametrize(("raw", "expected"), RULES)
def test_documented_rules(raw: str, expected: str) -> None:
    assert normalize(raw) == expected
    assert HavocTokenizer.normalize(raw) == expected


def test_engineering_symbols_are_kept() -> None:
    kept = "σ μ ± ≤ ≥ × ÷ ° Ω α β γ δ Δ ε θ λ π ρ τ φ χ ψ ω ∑ ∫ √ ∞ ≈ ≠ → ∂ ∇ Å"
    assert normalize(kept) == kept


def test_ascii_is_untouched_except_carriage_returns() -> None:
    text = "".join(chr(c) for c in range(128) if c != 13)
    assert normalize(text) == text


def test_zero_width_joiner_emoji_survive() -> None:
    family = "👨\u200d👩\u200d👧"
    assert normalize(family) == family


def test_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        normalize(None)  # type: ignore[arg-type]


interesting = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("⁰¹²³⁻⁺⁽⁾ⁿ₀₁₂₋ₐ½¼⅞⁄\u2212\u2013\u2014\u00ad\u0301\u200b\r\n µΩ℃")),
    ),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(text=interesting)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
