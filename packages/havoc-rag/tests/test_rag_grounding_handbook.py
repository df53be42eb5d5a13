import re

import pytest
from havoc_rag import (
    Chunk,
    Hit,
    RagError,
    default_index,
    extract_citations,
    ground,
    handbook_dir,
    handbook_questions,
    handbook_slugs,
)
from havoc_rag.evaluation import evaluate, ndcg_at_k, reciprocal_rank
from havoc_rag.text import count_tokens


def _hit(i, text, source=None):
    chunk = Chunk(
        text, source or f"notes/n{i}.md", (f"Note {i}", "Formula"), 10 * i + 1, 10 * i + 4
    )
    return Hit(chunk=chunk, score=1.0 / i, rank=i, mode="hybrid")


def test_context_numbering_and_sources():
    hits = [_hit(1, "Alpha text."), _hit(2, "Beta text."), _hit(3, "Gamma text.")]
    g = ground("What?", hits, budget_tokens=500)
    assert g.context.split("\n\n")[0] == "[1] Note 1 > Formula (notes/n1.md:11-14)\nAlpha text."
    assert [s.number for s in g.sources] == [1, 2, 3]
    assert g.sources_block().splitlines()[1] == "[2] notes/n2.md:21-24 — Note 2 > Formula"
    assert g.tokens == count_tokens(g.context) and g.dropped == 0


def test_budget_drops_later_hits_and_truncates_first():
    long = " ".join(f"word{i}" for i in range(300))
    hits = [_hit(1, "Short first passage."), _hit(2, long), _hit(3, "Third.")]
    g = ground("q", hits, budget_tokens=60)
    assert [s.number for s in g.sources] == [1] and g.dropped == 2
    assert count_tokens(g.context) <= 60
    g2 = ground("q", [_hit(1, long)], budget_tokens=40)
    assert g2.truncated and len(g2.sources) == 1
    assert count_tokens(g2.context) <= 40 and g2.context.endswith("…")
    with pytest.raises(RagError):
        ground("q", hits, budget_tokens=3)
    with pytest.raises(RagError):
        ground("", hits)


def test_duplicate_hits_cited_once():
    h = _hit(1, "Same.")
    assert len(ground("q", [h, h]).sources) == 1


def test_citations_kept_with_answer():
    g = ground("q", [_hit(1, "A."), _hit(2, "B."), _hit(3, "C.")])
    assert extract_citations("Use Welch [2], see [1, 3] and [2-3].") == [2, 1, 3]
    cited = g.cite("Use Welch [2].")
    assert cited.endswith("Sources:\n[2] notes/n2.md:21-24 — Note 2 > Formula")
    assert "[1]" not in cited.split("Sources:")[1]
    with pytest.raises(RagError, match=r"\[7\]"):
        g.cite("As shown in [7].")
    assert "[1]" in g.prompt() and "Question: q" in g.prompt()


def test_handbook_notes_have_titles_and_sections():
    slugs = handbook_slugs()
    assert len(slugs) >= 40
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        text = (handbook_dir() / f"{slug}.md").read_text(encoding="utf-8")
        assert text.startswith("# "), slug
        assert len(re.findall(r"^## ", text, flags=re.M)) >= 3, slug
        assert "mistake" in text.lower(), slug


def test_labelled_questions_are_valid():
    questions = handbook_questions()
    slugs = set(handbook_slugs())
    assert len(questions) >= 60
    assert len({q.question for q in questions}) == len(questions)
    for q in questions:
        assert q.relevant and set(q.relevant) <= slugs, q


def test_metrics_by_hand():
    assert reciprocal_rank(["a", "b", "c"], {"c"}) == pytest.approx(1 / 3)
    assert ndcg_at_k(["x", "a"], {"a"}, 10) == pytest.approx(1 / 1.5849625007211563)


def test_default_index_and_hybrid_beats_lexical(handbook_index, handbook_cache):
    index = handbook_index
    assert any(p.name.startswith("handbook-") for p in handbook_cache.iterdir())
    assert default_index(handbook_cache) is index  # memoised
    assert index.embedder.config()["name"] == "minilm"
    assert index.aux_embedder.config()["name"] == "hashing"
    hit = index.search("two-sample t-test when the variances are unequal", k=1)[0]
    assert hit.source == "handbook/welch-t-test.md"
    questions = handbook_questions()
    lexical = evaluate(index, questions, "lexical")
    hybrid = evaluate(index, questions, "hybrid")
    assert hybrid.recall_at_5 > lexical.recall_at_5
    assert hybrid.mrr > lexical.mrr
    assert hybrid.ndcg_at_10 > lexical.ndcg_at_10
    assert hybrid.recall_at_5 > 0.85
