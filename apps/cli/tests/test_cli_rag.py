import json

from havoc_cli.main import app
from typer.testing import CliRunner

runner = CliRunner()


def _docs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "welch.md").write_text(
        "# Welch t-test\n\nCompares two means when the variances are unequal.\n"
    )
    (docs / "cusum.md").write_text("# CUSUM\n\nDetects small sustained shifts in a process.\n")
    (docs / "blob.md").write_bytes(b"\x00\x01binary")
    return docs


def test_index_then_query_json(tmp_path):
    docs = _docs(tmp_path)
    out = tmp_path / "ix"
    result = runner.invoke(app, ["rag", "index", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "indexed 2 chunks from 2 files" in result.output
    result = runner.invoke(
        app, ["rag", "query", str(out), "unequal variances", "-k", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["rank"] for h in hits] == [1, 2]
    assert hits[0]["source"] == "docs/welch.md" and hits[0]["heading"] == "Welch t-test"
    assert hits[0]["score"] >= hits[1]["score"]
    assert set(hits[0]) == {"rank", "score", "source", "heading", "line_start", "line_end", "text"}
    text = runner.invoke(app, ["rag", "query", str(out), "sustained shift"])
    assert text.exit_code == 0 and "docs/cusum.md:3-3" in text.output


def test_cli_errors_are_clear(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["rag", "index", str(empty), "--out", str(tmp_path / "ix")])
    assert result.exit_code == 2 and "no text to index" in result.output
    result = runner.invoke(app, ["rag", "query", str(tmp_path), "anything"])
    assert result.exit_code == 2 and "not a havoc-rag index" in result.output
    docs = _docs(tmp_path)
    result = runner.invoke(
        app, ["rag", "index", str(docs), "--out", str(tmp_path / "x"), "--embedder", "bogus"]
    )
    assert result.exit_code == 2 and "unknown embedder" in result.output
