"""Format checks for the blind labelled question set k (handbook_questions_k.jsonl).

The set is written by hand, blind to the ranker; these checks only guard its shape: valid JSON
lines, unique sequential ids, labels that name real handbook notes, styles from the fixed list.
"""

import json
from collections import Counter
from pathlib import Path

import havoc_rag
import pytest
from havoc_rag import handbook_questions, question_half

PACKAGE = Path(havoc_rag.__file__).parent
QUESTIONS = PACKAGE / "data" / "handbook_questions_k.jsonl"
STYLES = {
    "terse",
    "chatty",
    "novice",
    "expert",
    "misspelled",
    "non_native",
    "scenario",
    "indirect",
    "comparison",
    "how_to",
}
EXPECTED_COUNT = 200


def _rows() -> list[dict]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_rows_have_the_fixed_fields():
    for row in _rows():
        assert set(row) == {"id", "question", "relevant", "style"}, row
        assert isinstance(row["question"], str) and len(row["question"]) >= 8, row
        assert row["style"] in STYLES, row


def test_ids_are_unique_and_sequential():
    ids = [row["id"] for row in _rows()]
    assert ids == [f"k-{i:04d}" for i in range(1, len(ids) + 1)]


def test_count():
    assert len(_rows()) == EXPECTED_COUNT


def test_questions_are_unique():
    counts = Counter(row["question"].strip().lower() for row in _rows())
    assert [q for q, n in counts.items() if n > 1] == []


def test_labels_name_real_notes():
    stems = {p.stem for p in (PACKAGE / "handbook").glob("*.md")}
    for row in _rows():
        relevant = row["relevant"]
        assert 1 <= len(relevant) <= 3, row
        assert len(set(relevant)) == len(relevant), row
        assert set(relevant) <= stems, row


def test_every_note_is_covered_at_least_twice():
    stems = {p.stem for p in (PACKAGE / "handbook").glob("*.md")}
    counts = Counter(stem for row in _rows() for stem in row["relevant"])
    assert {s for s in stems if counts[s] < 2} == set()


def test_loader_reads_set_k_and_rejects_an_unknown_set():
    k = handbook_questions("k")
    assert len(k) == len(_rows())
    assert all(q.relevant for q in k)
    assert {q.question for q in k}.isdisjoint({q.question for q in handbook_questions()})
    with pytest.raises(ValueError, match="unknown question set"):
        handbook_questions("z")


def test_loader_keeps_ids_and_styles():
    k = handbook_questions("k")
    assert [q.id for q in k] == [row["id"] for row in _rows()]
    assert [q.style for q in k] == [row["style"] for row in _rows()]
    assert all(q.id == "" and q.style == "" for q in handbook_questions())


def test_question_half_is_the_sha1_parity_of_the_id():
    import hashlib

    for row in _rows():
        digest = int(hashlib.sha1(row["id"].encode()).hexdigest(), 16)
        assert question_half(row["id"]) == ("test" if digest % 2 == 0 else "tune")
    halves = Counter(question_half(row["id"]) for row in _rows())
    assert set(halves) == {"tune", "test"}
    assert 80 <= halves["tune"] <= 120  # a hash split, roughly even (98 / 102 today)


@pytest.mark.parametrize("bad", ["", None, 7])
def test_question_half_rejects_a_missing_id(bad):
    with pytest.raises(ValueError, match="non-empty question id"):
        question_half(bad)
