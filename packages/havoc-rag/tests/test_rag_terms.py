"""The statistics term table (havoc_rag.terms) and its use by BM25 on both sides."""

import json
import random

import pytest
from havoc_rag import (
    TERM_GROUPS,
    Chunk,
    HashingEmbedder,
    Index,
    IndexConfig,
    IndexFormatError,
    RagError,
    document_rank_fusion,
    expand_terms,
    lexical_terms,
    reciprocal_rank_fusion,
)
from havoc_rag.lexical import BM25
from havoc_rag.terms import concepts, table_digest


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Cpk", "process capability index"),
        ("GRR", "gauge repeatability and reproducibility"),
        ("GRR", "Gage R&R"),
        ("MSA", "measurement system analysis"),
        ("DOE", "design of experiments"),
        ("EWMA", "exponentially weighted moving average"),
        ("ANOVA", "analysis of variances"),
        ("VIF", "variance inflation factor"),
        ("CUSUM", "cumulative sum"),
        ("TOST", "two one-sided tests"),
        ("non-parametric", "distribution-free"),
        ("scatter", "dispersion"),
        ("Tukey HSD", "honestly significant difference"),
    ],
)
def test_acronym_and_spelled_out_name_share_a_concept(short, long):
    assert concepts(short)
    assert set(concepts(short)) & set(concepts(long))


def test_ambiguous_words_do_not_fire():
    assert concepts("what does resolution IV mean for a half fraction design?") == ["mean"]
    assert concepts("a scatter plot of y against x") == ["scatterplot"]
    assert "proportion" not in concepts("a 95 percent confidence interval")
    assert "specification" not in concepts("a tolerance interval")
    assert concepts("Welch's t-test compares two groups") == []


def test_expand_terms_adds_missing_concept_words_only():
    assert (
        expand_terms("machines with different scatter") == "machines with different scatter\nspread"
    )
    assert expand_terms("Cpk of 1.33") == "Cpk of 1.33"  # the concept word is already there
    assert expand_terms("process capability index").split()[-1] == "cpk"
    assert expand_terms("nothing statistical here") == "nothing statistical here"
    with pytest.raises(RagError, match="expects a str"):
        expand_terms(None)  # type: ignore[arg-type]


def test_table_is_consistent():
    concept_words = [c for c, _ in TERM_GROUPS]
    assert len(concept_words) == len(set(concept_words))
    for concept, forms in TERM_GROUPS:
        assert concept.isalnum() and concept == concept.lower(), concept
        assert forms
    assert len(table_digest()) == 12


@pytest.mark.parametrize(
    ("query", "doc"),
    [
        ("Cpk", "process capability index"),
        ("process capability index", "Cpk"),
        ("GRR study", "gauge repeatability and reproducibility"),
        ("measurement system analysis", "GRR"),
    ],
)
def test_bm25_expands_documents_and_queries(query, doc):
    texts = [doc + " of a machined part", "an unrelated note about pizza dough"]
    with_terms = BM25(terms=True)
    with_terms.add(texts)
    rows, _ = with_terms.search(query, 2)
    assert rows.tolist() == [0]
    plain = BM25(terms=False)  # the same texts without the table share no word with the query
    plain.add(texts)
    assert plain.search(query, 2)[0].tolist() == []
    assert set(concepts(query)) & set(lexical_terms(query)) & set(with_terms.analyse(texts[0]))


def _chunks():
    return [
        Chunk(
            "Splits measurement variation into repeatability and reproducibility.",
            "grr.md",
            ("Gauge R&R", "When to use"),
            3,
            3,
        ),
        Chunk(
            "Compares two means without assuming equal variances.",
            "welch.md",
            ("Welch's t-test", "When to use"),
            3,
            3,
        ),
        Chunk(
            "Round the degrees of freedom down at your peril.",
            "welch.md",
            ("Welch's t-test", "Common mistakes"),
            9,
            9,
        ),
    ]


def test_index_with_terms_persists_them(tmp_path):
    index = Index.build(_chunks(), HashingEmbedder(dim=256), IndexConfig(lexical_terms=True))
    assert index.config.lexical_terms and index.bm25.terms
    assert index.search("GRR", k=1, mode="lexical")[0].source == "grr.md"
    off = Index.build(_chunks(), HashingEmbedder(dim=256))  # the default: plain content words
    assert not off.config.lexical_terms
    assert off.search("GRR", k=1, mode="lexical") == []
    assert (
        json.loads((off.save(tmp_path / "off") / "manifest.json").read_text())["term_table"] is None
    )
    path = index.save(tmp_path / "idx")
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["term_table"] == table_digest()
    loaded = Index.load(path)
    assert loaded.config.lexical_terms and loaded.bm25.terms
    assert loaded.search("GRR", k=1, mode="lexical")[0].source == "grr.md"
    # another term table: the stored BM25 rows no longer match the queries' analysis
    manifest["term_table"] = "0" * 12
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexFormatError, match="term table"):
        Index.load(path)
    # an index saved before the table existed (no key) was analysed with plain words
    del manifest["term_table"]
    del manifest["config"]["lexical_terms"]
    (path / "manifest.json").write_text(json.dumps(manifest))
    assert Index.load(path).config.lexical_terms is False
    with pytest.raises(RagError, match="lexical_terms"):
        IndexConfig(lexical_terms="yes")  # type: ignore[arg-type]


def test_every_chunk_carries_its_title_and_section():
    # the last chunk's text never names Welch: its heading path does, for BM25 and the embedders
    chunk = _chunks()[2]
    assert chunk.embed_text.startswith("Welch's t-test > Common mistakes\n")
    index = Index.build(_chunks(), HashingEmbedder(dim=256))
    hits = index.search("Welch common mistakes", k=3, mode="lexical")
    assert hits[0].chunk == chunk


def test_handbook_chunks_start_with_their_note_title(handbook_index):
    for chunk in handbook_index.chunks:
        assert chunk.heading_path, chunk.chunk_id
        assert chunk.embed_text.startswith(chunk.heading_path[0]), chunk.chunk_id


def _position(fused, item):
    return [i for i, _ in fused].index(item)


@pytest.mark.parametrize("seed", range(20))
def test_fusion_is_monotone(seed):
    """Moving an item up in one ranking never lowers its fused score or its fused position."""
    rng = random.Random(seed)
    items = list(range(12))
    rankings = [rng.sample(items, rng.randint(6, 12)) for _ in range(3)]
    weights = [rng.choice([0.5, 1.0, 2.0]) for _ in rankings]
    doc = {i: f"d{i % 4}" for i in items}.__getitem__
    which = rng.randrange(3)
    ranking = rankings[which]
    pos = rng.randrange(1, len(ranking))
    item = ranking[pos]
    better = [list(r) for r in rankings]
    better[which][pos - 1], better[which][pos] = better[which][pos], better[which][pos - 1]
    before = reciprocal_rank_fusion(rankings, 60, weights)
    after = reciprocal_rank_fusion(better, 60, weights)
    assert dict(after)[item] > dict(before)[item]
    assert _position(after, item) <= _position(before, item)
    doc_before = dict(document_rank_fusion(rankings, doc, 60, weights))
    doc_after = dict(document_rank_fusion(better, doc, 60, weights))
    assert doc_after[item] >= doc_before[item]
