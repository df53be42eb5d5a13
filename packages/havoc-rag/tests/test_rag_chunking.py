import pytest
from havoc_rag import Chunk, RagError, chunk_markdown, chunk_paths
from havoc_rag.chunking import LEAD_MAX_TOKENS
from havoc_rag.text import count_tokens

DOC = """# Title

Intro paragraph.

## Section A

First paragraph of A
continues here.

```python
x = 1

# not a heading inside a fence
y = 2
```

### Sub

Deep text.
"""


def test_headings_paragraphs_and_line_spans():
    chunks = chunk_markdown(DOC, "doc.md", max_tokens=16, overlap_tokens=4)
    got = [(c.heading_path, c.line_start, c.line_end) for c in chunks]
    assert got == [
        (("Title",), 3, 3),
        (("Title", "Section A"), 7, 8),
        (("Title", "Section A"), 10, 15),
        (("Title", "Section A", "Sub"), 19, 19),
    ]
    lines = DOC.splitlines()
    for c in chunks:  # the span points at the real text in the file
        assert c.text.splitlines()[0] == lines[c.line_start - 1]
        assert c.text.splitlines()[-1] == lines[c.line_end - 1]


def test_heading_inside_fence_is_not_a_heading():
    chunks = chunk_markdown(DOC, "doc.md", max_tokens=200)
    assert all("not a heading" not in h for c in chunks for h in c.heading_path)
    code = [c for c in chunks if "```python" in c.text][0]
    assert "# not a heading inside a fence" in code.text


def _fences_balanced(text: str) -> bool:
    return sum(1 for line in text.splitlines() if line.strip().startswith("```")) % 2 == 0


def test_code_block_never_split_mid_fence():
    body = "\n".join(f"value_{i} = compute({i}, {i + 1})" for i in range(40))
    doc = f"# Code\n\nSome intro text.\n\n```python\n{body}\n```\n\nAfter the code.\n"
    chunks = chunk_markdown(doc, "c.md", max_tokens=40, overlap_tokens=5)
    assert len(chunks) > 2
    for c in chunks:
        assert _fences_balanced(c.text), c.text
    # a moderately long block (<= 4 x max_tokens) stays whole
    small = "\n".join(f"v{i} = {i}" for i in range(8))
    doc2 = f"# C\n\n```\n{small}\n```\n"
    (code,) = [
        c for c in chunk_markdown(doc2, "c.md", max_tokens=20, overlap_tokens=4) if "```" in c.text
    ]
    assert code.text == f"```\n{small}\n```"


def test_size_limit_and_overlap_for_long_paragraph():
    sentences = [f"Sentence number {i} talks about variance." for i in range(60)]
    doc = "# Long\n\n" + "\n".join(sentences) + "\n"
    chunks = chunk_markdown(doc, "l.md", max_tokens=50, overlap_tokens=10)
    assert len(chunks) > 3
    for c in chunks:
        assert count_tokens(c.text) <= 50
    for a, b in zip(chunks, chunks[1:]):
        assert a.text.splitlines()[-1] == b.text.splitlines()[0]  # one line of overlap
        assert b.line_start <= a.line_end


def test_single_huge_line_is_split_by_words():
    doc = "# H\n\n" + " ".join(f"w{i}" for i in range(500)) + "\n"
    chunks = chunk_markdown(doc, "h.md", max_tokens=64, overlap_tokens=8)
    assert len(chunks) >= 8
    assert all(count_tokens(c.text) <= 64 and c.line_start == c.line_end == 3 for c in chunks)


def test_bad_chunk_arguments():
    with pytest.raises(RagError):
        chunk_markdown("x", "a.md", max_tokens=4)
    with pytest.raises(RagError):
        chunk_markdown("x", "a.md", max_tokens=100, overlap_tokens=60)
    with pytest.raises(RagError):
        Chunk("   ", "a.md")
    with pytest.raises(RagError):
        Chunk("text", "a.md", line_start=5, line_end=2)


def test_chunk_paths_bad_input(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RagError, match="no text to index"):
        chunk_paths([empty])
    with pytest.raises(RagError, match="does not exist"):
        chunk_paths([tmp_path / "missing"])
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("# Good\n\nReal text here.\n")
    (docs / "binary.md").write_bytes(b"\x00\x01\x02 binary junk")
    (docs / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (docs / "huge.md").write_text("word " * 1000)
    chunks, skipped = chunk_paths([docs], max_file_bytes=2000)
    assert {c.source for c in chunks} == {"docs/good.md"}
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "binary" in reasons["binary.md"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "limit" in reasons["huge.md"]
    with pytest.raises(RagError, match="binary"):  # a file named directly fails loudly
        chunk_paths([docs / "binary.md"])


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    from pathlib import Path

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.md").write_text("# Ok\n\nfine\n")
    locked = docs / "locked.md"
    locked.write_text("# Secret\n\nhidden\n")
    real_read = Path.read_bytes

    def deny(self):  # portable stand-in for chmod 000, which root ignores
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    chunks, skipped = chunk_paths([docs])
    assert [c.source for c in chunks] == ["docs/ok.md"]
    assert "cannot read" in skipped[0].reason and "Permission denied" in skipped[0].reason
    with pytest.raises(RagError, match="Permission denied"):
        chunk_paths([locked])


NOTE = """# Welch's t-test

Compares two means without assuming equal variances.

## When to use
Two groups with different spread.

## Common mistakes
Rounding the degrees of freedom.
"""


def test_every_chunk_carries_the_title_and_the_lead_once():
    chunks = chunk_markdown(NOTE, "welch.md", max_tokens=16, overlap_tokens=4, lead=True)
    assert {c.lead for c in chunk_markdown(NOTE, "welch.md")} == {""}  # off by default
    assert [c.heading_path for c in chunks] == [
        ("Welch's t-test",),
        ("Welch's t-test", "When to use"),
        ("Welch's t-test", "Common mistakes"),
    ]
    lead = "Compares two means without assuming equal variances."
    assert all(c.lead == lead for c in chunks)
    for c in chunks:
        lines = c.embed_text.splitlines()
        assert lines[0] == "Welch's t-test"
        assert c.embed_text.count(lead) == 1  # the opening chunk is not given its lead twice
        assert lines[-1] == c.text.splitlines()[-1]
    assert chunks[2].embed_text == (
        f"Welch's t-test\n{lead}\nCommon mistakes\nRounding the degrees of freedom."
    )
    assert Chunk.from_dict(chunks[2].to_dict()) == chunks[2]


def test_lead_is_empty_when_the_document_opens_with_a_section_and_is_cut_when_long():
    assert {c.lead for c in chunk_markdown("# T\n\n## S\ntext\n", "t.md", lead=True)} == {""}
    assert chunk_markdown("# T\n\n## S\ntext\n", "t.md", lead=True)[0].embed_text == "T > S\ntext"
    long_lead = " ".join(f"word{i}" for i in range(200))
    chunks = chunk_markdown(f"# T\n\n{long_lead}\n\n## S\ntext\n", "t.md", lead=True)
    assert count_tokens(chunks[-1].lead) <= LEAD_MAX_TOKENS + 1  # + the "…" cut mark
    assert chunks[-1].lead.startswith("word0 word1") and chunks[-1].lead.endswith("…")
    # no heading at all: the first paragraph is the lead, the text is the embed text
    plain = chunk_markdown("First words.\n\nSecond words.\n", "p.txt", lead=True)
    assert plain[0].embed_text == "First words.\n\nSecond words."
    # an old chunk record without a lead still loads
    assert Chunk.from_dict({"text": "x", "source": "a.md"}).lead == ""
