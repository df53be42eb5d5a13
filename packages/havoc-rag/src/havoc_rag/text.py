"""Text normalisation shared by the chunker, the lexical index, the embedder and grounding."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)

# A short English stop-word list: the words that carry no topic in an engineer's question.
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does doing for from had has have how i if
    in into is it its itself me my of on or our should so than that the their them then there these
    they this those to was we were what when where which while who whom why will with would you your
    am any about after again against all also just more most no nor not only other own same some
    such too very s t don now he she him her his hers i'm i've we're use using used want get""".split()
)


def normalise(text: str) -> str:
    """NFKC-normalise and lower-case ``text`` (the one normalisation used everywhere)."""
    return unicodedata.normalize("NFKC", text).lower()


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (letters and digits; punctuation dropped)."""
    return _WORD.findall(normalise(text))


def content_words(text: str) -> list[str]:
    """Word tokens of ``text`` without stop words (what the lexical index and embedder see)."""
    return [w for w in words(text) if w not in STOPWORDS]


def count_tokens(text: str) -> int:
    """Approximate model tokens in ``text``: words plus punctuation marks.

    Sub-word tokenizers produce about this many tokens on English technical prose (slightly more
    on rare words), so budgets computed with it are a conservative working estimate without
    loading a tokenizer.
    """
    return len(_TOKEN.findall(text))


def truncate_tokens(text: str, max_tokens: int) -> str:
    """Cut ``text`` after ``max_tokens`` tokens (see :func:`count_tokens`), marking the cut."""
    if max_tokens <= 0:
        return ""
    matches = list(_TOKEN.finditer(text))
    if len(matches) <= max_tokens:
        return text
    end = matches[max_tokens - 1].end()
    return text[:end].rstrip() + " …"
