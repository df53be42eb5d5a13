import json
import math

import numpy as np
import pytest
from havoc_rag import (
    FORMAT_VERSION,
    Chunk,
    EmbedderMismatchError,
    HashingEmbedder,
    Index,
    IndexConfig,
    IndexFormatError,
    RagError,
    document_rank_fusion,
    reciprocal_rank_fusion,
)
from havoc_rag.index import mmr_select
from havoc_rag.lexical import BM25

TEXTS = {
    "welch.md": "Welch's t-test compares two means without assuming equal variances.",
    "levene.md": "Levene's test checks whether groups have equal variances.",
    "xbar.md": "The X-bar R chart monitors subgroup means and ranges over time.",
    "cusum.md": "A CUSUM chart accumulates deviations to detect small sustained shifts.",
    "gage.md": "Gage R&R splits measurement variation into repeatability and reproducibility.",
}


def _chunks():
    return [Chunk(t, s, (s[:-3].title(),), 1, 1) for s, t in TEXTS.items()]


@pytest.fixture()
def index():
    return Index.build(_chunks(), HashingEmbedder(dim=512))


def test_rrf_matches_hand_computation():
    # dense ranks: a=1, b=2, c=3; lexical ranks: c=1, a=2, d=3; k = 60
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1, 4]], rrf_k=60)
    expected = {1: 1 / 61 + 1 / 62, 2: 1 / 62, 3: 1 / 63 + 1 / 61, 4: 1 / 63}
    assert [i for i, _ in fused] == [1, 3, 2, 4]
    for i, s in fused:
        assert s == pytest.approx(expected[i], abs=1e-15)
    # tie on score (1/61 + 1/63 vs 1/62 + 1/62 are not equal; use a true tie): best rank first
    tie = reciprocal_rank_fusion([[5, 6], [6, 5]], rrf_k=60)
    assert [i for i, _ in tie] == [5, 6]  # same score and best rank -> lower id first


def test_hybrid_order_is_rrf_of_dense_and_lexical(index):
    query = "equal variances test"
    dense = index.search(query, k=5, mode="dense")
    lexical = index.search(query, k=5, mode="lexical")
    hybrid = index.search(query, k=5, mode="hybrid")
    rank = {}
    for hits in (dense, lexical):
        for h in hits:
            rank.setdefault(h.chunk.source, []).append(h.rank)
    by_hand = {s: sum(1 / (60 + r) for r in ranks) for s, ranks in rank.items()}
    expected = sorted(by_hand, key=lambda s: (-by_hand[s], min(rank[s]), s))
    assert [h.source for h in hybrid] == expected[: len(hybrid)]
    for h in hybrid:
        assert h.score == pytest.approx(by_hand[h.source])
        assert h.dense_rank == next((d.rank for d in dense if d.source == h.source), None)


def test_bm25_matches_reference_formula():
    docs = ["anova variance variance", "variance chart", "chart chart chart control"]
    bm = BM25(k1=1.5, b=0.75)
    bm.add(docs)
    toks = [d.split() for d in docs]
    avgdl = sum(map(len, toks)) / 3

    def ref(q):
        out = []
        for t in toks:
            s = 0.0
            for term in q.split():
                df = sum(term in u for u in toks)
                idf = math.log(1 + (3 - df + 0.5) / (df + 0.5))
                tf = t.count(term)
                s += idf * tf * 2.5 / (tf + 1.5 * (1 - 0.75 + 0.75 * len(t) / avgdl))
            out.append(s)
        return out

    for q in ["variance", "chart variance", "control anova"]:
        np.testing.assert_allclose(bm.scores(q), ref(q), rtol=1e-6)


def test_hashing_embedder_unit_norm_and_stable():
    emb = HashingEmbedder(dim=256)
    emb.fit(list(TEXTS.values()))
    v = emb.embed(["unequal variances", "control chart"])
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)
    emb2 = HashingEmbedder(dim=256)
    emb2.fit(list(TEXTS.values()))
    np.testing.assert_array_equal(v, emb2.embed(["unequal variances", "control chart"]))
    # character n-grams make inflections similar
    a, b, c = emb.embed(["aliasing", "aliased", "capability"])
    assert a @ b > a @ c + 0.2


def test_search_finds_the_right_source(index):
    for mode in ("hybrid", "dense", "lexical"):
        assert index.search("small sustained shift detection", k=1, mode=mode)[0].source == (
            "cusum.md"
        )


def test_persistence_round_trip(index, tmp_path):
    path = index.save(tmp_path / "ix")
    loaded = Index.load(path)
    assert len(loaded) == len(index) and loaded.sources == index.sources
    for mode in ("hybrid", "dense", "lexical"):
        a = [h.to_dict() for h in index.search("variance chart", k=4, mode=mode)]
        b = [h.to_dict() for h in loaded.search("variance chart", k=4, mode=mode)]
        assert a == b
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["embedder"] == {
        "name": "hashing",
        "dim": 512,
        "char_ngrams": [3, 5],
        "char_weight": 0.9,
    }


def test_incremental_add_and_remove(index, tmp_path):
    n = len(index)
    added = index.add([Chunk("Box-Behnken designs avoid corner points.", "bbd.md")])
    assert added == 1 and len(index) == n + 1
    assert index.search("Box-Behnken corner points", k=1)[0].source == "bbd.md"
    # re-adding a source replaces it instead of duplicating it
    index.add([Chunk("Box-Behnken designs have three levels per factor.", "bbd.md")])
    assert len(index) == n + 1
    assert index.remove_source("welch.md") == 1
    assert index.remove_source("not-there.md") == 0
    assert "welch.md" not in {h.source for h in index.search("two means", k=5)}
    loaded = Index.load(index.save(tmp_path / "ix2"))
    assert sorted(loaded.sources) == sorted(index.sources)
    assert loaded.search("three levels per factor", k=1)[0].text.startswith("Box-Behnken")
    # remove a folder prefix
    loaded.add([Chunk("a", "dir/a.md"), Chunk("b", "dir/b.md")])
    assert loaded.remove_source("dir") == 2


def test_ivf_past_threshold_agrees_with_exact(tmp_path):
    rng = np.random.default_rng(0)
    words = "variance mean chart shift capability gauge factor design alias test".split()
    chunks = [
        Chunk(" ".join(rng.choice(words, size=8)) + f" item{i}", f"s{i % 50}.md", (), i + 1, i + 1)
        for i in range(2000)
    ]
    cfg = IndexConfig(ivf_threshold=1000, nprobe=64)
    ivf = Index.build(chunks, HashingEmbedder(dim=256), cfg)
    flat = Index.build(chunks, HashingEmbedder(dim=256))
    assert ivf.dense_kind == "ivf" and flat.dense_kind == "flat"
    q = "capability gauge item17"
    a = {h.chunk.chunk_id for h in ivf.search(q, k=10, mode="dense")}
    b = {h.chunk.chunk_id for h in flat.search(q, k=10, mode="dense")}
    assert len(a & b) >= 8
    ivf.remove_source("s3.md")
    assert all(h.source != "s3.md" for h in ivf.search("item3", k=20, mode="dense"))
    assert Index.load(ivf.save(tmp_path / "ivf")).dense_kind == "ivf"


def test_mmr_diversifies():
    rel = np.array([1.0, 0.99, 0.5])
    v = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    assert mmr_select(rel, v, 2, lambda_=0.5) == [0, 2]
    assert mmr_select(rel, v, 2, lambda_=1.0) == [0, 1]


def test_search_bad_input(index):
    with pytest.raises(RagError, match="empty"):
        Index(HashingEmbedder(dim=64)).search("anything")
    with pytest.raises(RagError, match="query is empty"):
        index.search("   ")
    with pytest.raises(RagError, match="k must be"):
        index.search("x", k=0)
    with pytest.raises(RagError, match="mode"):
        index.search("x", mode="fuzzy")
    with pytest.raises(RagError, match="zero chunks"):
        Index.build([])


def test_load_rejects_other_embedder_and_version(index, tmp_path):
    path = index.save(tmp_path / "ix")
    with pytest.raises(EmbedderMismatchError, match="built with embedder"):
        Index.load(path, embedder=HashingEmbedder(dim=1024))
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["format_version"] = 999
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexFormatError, match="format version 999"):
        Index.load(path)
    with pytest.raises(IndexFormatError, match="not a havoc-rag index"):
        Index.load(tmp_path)
    manifest["format_version"] = FORMAT_VERSION
    manifest["embedder"] = {"name": "mean-pool", "identity": "ckpt", "dim": 512}
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(EmbedderMismatchError, match="mean-pool"):
        Index.load(path)


def test_mean_pool_embedder_masks_padding():
    from havoc_rag import MeanPoolEmbedder

    def encode(texts):
        hidden = np.zeros((len(texts), 3, 2))
        hidden[:, 0] = [1.0, 0.0]
        hidden[:, 2] = [0.0, 100.0]  # padding position: must be ignored
        mask = np.array([[1, 1, 0]] * len(texts))
        hidden[:, 1] = [1.0, 0.0]
        return hidden, mask

    emb = MeanPoolEmbedder(encode, identity="toy", dim=2)
    np.testing.assert_allclose(emb.embed(["a"]), [[1.0, 0.0]])
    ix = Index.build([Chunk("x", "x.md"), Chunk("y", "y.md")], emb)
    assert len(ix.search("q", k=2, mode="dense")) == 2


def test_sentence_transformers_backend_is_local_only(tmp_path):
    from havoc_rag import make_embedder

    with pytest.raises(RagError, match="not found"):
        make_embedder(f"st:{tmp_path / 'no-model'}")
    with pytest.raises(RagError, match="unknown embedder"):
        make_embedder("openai")


def test_aux_ranker_joins_hybrid_fusion_and_persists(tmp_path):
    index = Index.build(
        _chunks(), HashingEmbedder(dim=512), aux_embedder=HashingEmbedder(dim=256, char_weight=0.2)
    )
    query = "equal variances test"
    hybrid = index.search(query, k=5)
    ranks = {}
    for h in hybrid:
        for r in (h.dense_rank, h.lexical_rank, h.aux_rank):
            if r is not None:
                ranks.setdefault(h.source, []).append(r)
    assert all(h.aux_rank is not None for h in hybrid)  # 5 chunks, all are aux candidates
    by_hand = {s: sum(1 / (60 + r) for r in rs) for s, rs in ranks.items()}
    for h in hybrid:
        assert h.score == pytest.approx(by_hand[h.source], abs=1e-12)
    loaded = Index.load(index.save(tmp_path / "aux"))
    assert loaded.aux_embedder.config() == index.aux_embedder.config()
    assert [h.to_dict() for h in loaded.search(query, k=5)] == [h.to_dict() for h in hybrid]
    with pytest.raises(EmbedderMismatchError):
        Index.load(tmp_path / "aux", aux_embedder=HashingEmbedder(dim=256))
    assert loaded.remove_source("welch.md") == 1
    assert loaded._aux_dense.ntotal == len(loaded) == 4


def test_min_score_keeps_only_hits_above_the_dense_cosine(index):
    hits = index.search("equal variances", k=5)
    cut = sorted(h.dense_score for h in hits)[2]
    kept = index.search("equal variances", k=5, min_score=cut)
    assert kept and all(h.dense_score >= cut for h in kept)
    assert {h.source for h in kept} == {h.source for h in hits if h.dense_score >= cut}
    assert index.search("equal variances", k=5, min_score=1.01) == []
    lexical = index.search("equal variances", k=5, mode="lexical", min_score=cut)
    assert all(h.dense_score is not None and h.dense_score >= cut for h in lexical)
    with pytest.raises(RagError, match="min_score"):
        index.search("equal variances", min_score="high")


def test_search_drops_pasted_numbers_from_the_query():
    chunks = [
        Chunk("Welch's t-test compares two means.", "welch.md"),
        Chunk("Table: 10.1 10.3 9.9 10.0 10.2 10.4", "numbers.md"),
    ]
    index = Index.build(chunks, HashingEmbedder(dim=512))
    query = "compare two means 10.1 10.3 9.9 10.0 10.2 10.4"
    assert index.search(query, k=1, mode="lexical")[0].source == "welch.md"
    raw = index.search(query, k=2, mode="lexical", clean=False)
    assert raw[0].source == "numbers.md"
    # a query made only of data is searched as it is
    assert index.search("10.1 10.3 9.9", k=1, mode="lexical")[0].source == "numbers.md"


def test_weighted_rrf_matches_hand_computation_and_rejects_bad_weights():
    fused = dict(reciprocal_rank_fusion([[1, 2], [2, 3]], rrf_k=10, weights=[0.5, 2.0]))
    assert fused[1] == pytest.approx(0.5 / 11)
    assert fused[2] == pytest.approx(0.5 / 12 + 2.0 / 11)
    assert fused[3] == pytest.approx(2.0 / 12)
    with pytest.raises(RagError, match="2 rankings"):
        reciprocal_rank_fusion([[1], [2]], weights=[1.0])
    with pytest.raises(RagError, match=">= 0"):
        reciprocal_rank_fusion([[1], [2]], weights=[1.0, -1.0])


def test_document_fusion_matches_hand_computation():
    doc = {1: "a", 2: "a", 3: "b", 4: "c"}.__getitem__
    # chunk rankings -> document rankings: [b, a, c] and [a, b]
    fused = document_rank_fusion([[3, 1, 4, 2], [2, 3]], doc, rrf_k=60)
    a, b, c = 1 / 62 + 1 / 61, 1 / 61 + 1 / 62, 1 / 63
    assert a == pytest.approx(b)  # a tie between notes a and b, broken by the chunk-level order
    chunk = dict(reciprocal_rank_fusion([[3, 1, 4, 2], [2, 3]], rrf_k=60))
    assert chunk[3] > chunk[2] > chunk[1]
    # best chunks of b, a, c in document order, then a's second chunk
    assert [i for i, _ in fused] == [3, 2, 4, 1]
    assert [s for _, s in fused] == pytest.approx([b, a, c, a])


@pytest.mark.parametrize("fusion", ["document", "chunk"])
def test_fusion_is_monotone_in_every_ranking(fusion):
    """Moving an item up in one ranking never lowers its fused score or its place."""
    rng = np.random.default_rng(7)
    doc = (lambda i: f"d{i // 3}") if fusion == "document" else (lambda i: str(i))
    for _ in range(200):
        rankings = [list(rng.permutation(12)[: rng.integers(3, 12)]) for _ in range(3)]
        weights = list(rng.uniform(0.1, 2.0, size=3))
        r = int(rng.integers(3))
        if len(rankings[r]) < 2:
            continue
        pos = int(rng.integers(1, len(rankings[r])))
        item = rankings[r][pos]
        better = [list(x) for x in rankings]
        better[r][pos - 1], better[r][pos] = better[r][pos], better[r][pos - 1]
        before = document_rank_fusion(rankings, doc, 60, weights)
        after = document_rank_fusion(better, doc, 60, weights)
        score_before = dict(before)[item]
        score_after = dict(after)[item]
        assert score_after >= score_before - 1e-15
        place = lambda fused: [i for i, _ in fused].index(item)  # noqa: E731
        assert place(after) <= place(before)
        firsts = list(dict.fromkeys(doc(i) for i, _ in after))
        assert [doc(i) for i, _ in after[: len(firsts)]] == firsts  # one chunk per document first


def test_document_fusion_puts_each_notes_best_chunk_first_and_hits_do_not_depend_on_k():
    chunks = [
        Chunk("Welch's t-test compares two means.", "welch.md", ("Welch",), 1, 1),
        Chunk("It does not assume equal variances.", "welch.md", ("Welch", "Use"), 3, 3),
        Chunk("Levene's test checks equal variances.", "levene.md", ("Levene",), 1, 1),
        Chunk("The CUSUM chart finds small shifts.", "cusum.md", ("CUSUM",), 1, 1),
    ]
    index = Index.build(chunks, HashingEmbedder(dim=256), IndexConfig(fusion="document"))
    hits = index.search("equal variances two means", k=4)
    sources = [h.source for h in hits]
    assert len(set(sources[:3])) == 3 and sources[3] == "welch.md"  # best chunk of each note first
    assert hits[0].source == "welch.md" and hits[3].score == hits[0].score  # the note's score
    assert [h.to_dict() for h in index.search("equal variances", k=2)] == [
        h.to_dict() for h in index.search("equal variances", k=4)[:2]
    ]
    flat = Index.build(chunks, HashingEmbedder(dim=256))  # chunk-level fusion, the default
    assert {h.source for h in flat.search("equal variances", k=4)} == set(sources)


@pytest.mark.parametrize(
    ("field", "value"),
    [("fusion", "note"), ("dense_weight", -1.0), ("aux_weight", "high"), ("rrf_k", -5)],
)
def test_index_config_rejects_bad_fusion_settings(field, value):
    with pytest.raises(RagError, match=field):
        IndexConfig(**{field: value})


def test_chunk_lead_setting_reaches_the_chunks_and_persists(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "welch.md").write_text(
        "# Welch\n\nCompares two means.\n\n## Mistakes\nRounding df.\n", encoding="utf-8"
    )
    plain = Index.from_paths([tmp_path / "notes"], HashingEmbedder(dim=64))
    assert [c.lead for c in plain.chunks] == ["", ""]
    led = Index.from_paths(
        [tmp_path / "notes"], HashingEmbedder(dim=64), IndexConfig(chunk_lead=True)
    )
    assert [c.lead for c in led.chunks] == ["Compares two means."] * 2
    assert "Compares two means." in led.chunks[1].embed_text
    loaded = Index.load(led.save(tmp_path / "ix"))
    assert loaded.config.chunk_lead and loaded.chunks == led.chunks
