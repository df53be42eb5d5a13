"""Markdown chunking that respects headings, paragraphs and fenced code blocks.

A document is split into *blocks* (a heading line, a paragraph, a fenced code block), blocks are
grouped into sections by their heading path, and each section is packed into chunks of at most
``max_tokens`` (approximate) tokens. A paragraph longer than that is split at line boundaries (and
a single over-long line at word boundaries) with ``overlap_tokens`` of overlap. A fenced code block
is never cut inside its fence: it stays whole when it fits in ``4 * max_tokens``, and past that it
is split at line boundaries with the fence re-opened and closed in every piece, so each chunk is
valid markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from havoc_rag.errors import RagError
from havoc_rag.text import count_tokens, truncate_tokens

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")

#: Extensions read when a folder is indexed.
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".rst")
#: Files larger than this are skipped (reported), since they are almost never prose to retrieve.
MAX_FILE_BYTES = 2_000_000
#: A document's lead paragraph is cut to this many tokens before it is repeated in every chunk.
LEAD_MAX_TOKENS = 80


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a document.

    ``source`` is the document's path as given to the index (POSIX style), ``heading_path`` the
    chain of headings above the chunk (outermost first), ``line_start``/``line_end`` the 1-based
    inclusive line span in the source file. ``lead`` is the document's opening paragraph (what
    the document is about), repeated with every chunk of it in :attr:`embed_text`.
    """

    text: str
    source: str
    heading_path: tuple[str, ...] = ()
    line_start: int = 1
    line_end: int = 1
    lead: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise RagError("Chunk.text must be a non-empty string")
        if not self.source:
            raise RagError("Chunk.source must be a non-empty path or name")
        if self.line_start < 1 or self.line_end < self.line_start:
            raise RagError(
                f"Chunk line span {self.line_start}-{self.line_end} is invalid "
                "(expected 1 <= line_start <= line_end)"
            )
        object.__setattr__(self, "heading_path", tuple(self.heading_path))

    @property
    def heading(self) -> str:
        """The heading path joined with ' > ' (empty when the chunk precedes any heading)."""
        return " > ".join(self.heading_path)

    @property
    def title(self) -> str:
        """The document title: the outermost heading, else the file name without suffix."""
        if self.heading_path:
            return self.heading_path[0]
        return Path(self.source).stem

    @property
    def chunk_id(self) -> str:
        """A stable identifier: ``source#Lstart-end``."""
        return f"{self.source}#L{self.line_start}-{self.line_end}"

    @property
    def embed_text(self) -> str:
        """What the retrievers (BM25 and the embedders) see: the heading path, then the text.

        With a ``lead`` (the document's opening paragraph, see :func:`chunk_markdown`) that the
        chunk does not already contain, one line each for the title, the lead, the section
        headings below the title, then the text: a chunk of a note's "Common mistakes" section
        then still says what the note is about.

        >>> Chunk("Round df down.", "w.md", ("Welch's t-test", "Mistakes"), 9, 9).embed_text
        "Welch's t-test > Mistakes\nRound df down."
        >>> Chunk("Round df down.", "w.md", ("Welch's t-test", "Mistakes"), 9, 9,
        ...       lead="Compares two means.").embed_text
        "Welch's t-test\nCompares two means.\nMistakes\nRound df down."
        """
        if not self.lead or self.lead in self.text:
            return f"{self.heading}\n{self.text}" if self.heading_path else self.text
        section = " > ".join(self.heading_path[1:])
        parts = (self.heading_path[0] if self.heading_path else "", self.lead, section, self.text)
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "source": self.source,
            "heading_path": list(self.heading_path),
            "line_start": self.line_start,
            "line_end": self.line_end,
            "lead": self.lead,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Chunk:
        return cls(
            text=data["text"],
            source=data["source"],
            heading_path=tuple(data.get("heading_path", ())),
            line_start=int(data.get("line_start", 1)),
            line_end=int(data.get("line_end", 1)),
            lead=str(data.get("lead", "")),
        )


@dataclass
class _Block:
    kind: str  # "para" | "code"
    lines: list[str]
    start: int  # 1-based line number of lines[0]
    heading_path: tuple[str, ...]
    span: tuple[int, int] | None = None  # set when a split line repeats its line number
    tokens: int = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = count_tokens("\n".join(self.lines))

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1


def _blocks(text: str) -> Iterator[_Block]:
    """Split markdown into paragraph and code blocks, each tagged with its heading path."""
    lines = text.splitlines()
    path: list[tuple[int, str]] = []  # (level, title)
    i = 0
    para: list[str] = []
    para_start = 0

    def current_path() -> tuple[str, ...]:
        return tuple(title for _, title in path)

    def flush() -> Iterator[_Block]:
        nonlocal para
        if para:
            yield _Block("para", para, para_start, current_path())
            para = []

    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        heading = _HEADING.match(line)
        if fence:
            yield from flush()
            marker = fence.group(1)
            closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not closing.match(lines[j]):
                j += 1
            end = min(j, len(lines) - 1)  # an unclosed fence runs to the end of the file
            yield _Block("code", lines[i : end + 1], i + 1, current_path())
            i = end + 1
            continue
        if heading:
            yield from flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading.group(2).strip()))
            i += 1
            continue
        if not line.strip():
            yield from flush()
        else:
            if not para:
                para_start = i + 1
            para.append(line)
        i += 1
    yield from flush()


def _split_words(line: str, max_tokens: int, overlap: int) -> list[str]:
    """Split one over-long line into word windows of at most ``max_tokens`` tokens."""
    pieces: list[str] = []
    current: list[str] = []
    for word in line.split():
        if current and count_tokens(" ".join([*current, word])) > max_tokens:
            pieces.append(" ".join(current))
            tail: list[str] = []
            for w in reversed(current):
                if count_tokens(" ".join([w, *tail])) > overlap:
                    break
                tail.insert(0, w)
            current = tail
        current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_block(block: _Block, max_tokens: int, overlap: int) -> list[_Block]:
    """Split a block that exceeds the chunk size at line (then word) boundaries."""
    if block.kind == "code":
        if block.tokens <= 4 * max_tokens:
            return [block]
        opening, body = block.lines[0], block.lines[1:]
        marker = _FENCE.match(opening).group(1)  # type: ignore[union-attr]
        closed = bool(body) and re.match(rf"^ {{0,3}}{re.escape(marker[0])}{{3,}}", body[-1])
        if closed:
            body = body[:-1]
        pieces: list[_Block] = []
        start = 0
        while start < len(body):
            stop = start + 1
            while stop < len(body) and count_tokens("\n".join(body[start : stop + 1])) < max_tokens:
                stop += 1
            lines = [opening, *body[start:stop], marker]
            piece = _Block("code", lines, block.start + start, block.heading_path)
            pieces.append(piece)
            start = stop
        return pieces or [block]
    units: list[tuple[int, str]] = []  # (line number, text)
    for offset, line in enumerate(block.lines):
        if count_tokens(line) > max_tokens:
            units.extend((block.start + offset, p) for p in _split_words(line, max_tokens, overlap))
        else:
            units.append((block.start + offset, line))
    pieces = []
    i = 0
    while i < len(units):
        j = i
        total = 0
        while j < len(units) and (j == i or total + count_tokens(units[j][1]) <= max_tokens):
            total += count_tokens(units[j][1])
            j += 1
        lines = [u[1] for u in units[i:j]]
        span = (units[i][0], units[j - 1][0])
        pieces.append(_Block("para", lines, units[i][0], block.heading_path, span))
        if j >= len(units):
            break
        back = j
        carried = 0
        while back - 1 > i and carried + count_tokens(units[back - 1][1]) <= overlap:
            back -= 1
            carried += count_tokens(units[back][1])
        i = back
    return pieces


def _span(block: _Block) -> tuple[int, int]:
    return block.span or (block.start, block.end)


def document_lead(blocks: Sequence[_Block], max_tokens: int = LEAD_MAX_TOKENS) -> str:
    """The document's opening paragraph: the first paragraph not under a sub-heading.

    That is the text right below the title (or before any heading), cut to ``max_tokens``;
    empty when the document opens with a section or a code block.
    """
    for block in blocks:
        if len(block.heading_path) > 1:
            return ""
        if block.kind == "para":
            return truncate_tokens("\n".join(block.lines).strip(), max_tokens)
    return ""


def chunk_markdown(
    text: str,
    source: str,
    *,
    max_tokens: int = 200,
    overlap_tokens: int = 30,
    lead: bool = False,
) -> list[Chunk]:
    """Split markdown ``text`` into :class:`Chunk` objects.

    Chunks never cross a heading, paragraphs are kept whole when they fit, and fenced code blocks
    are never cut inside the fence. With ``lead``, every chunk also carries the document's opening
    paragraph (:attr:`Chunk.lead`, see :func:`document_lead`), which its ``embed_text`` repeats.

    >>> chunks = chunk_markdown("# Welch\\n\\nUse it when variances differ.\\n", "welch.md")
    >>> chunks[0].heading, chunks[0].line_start
    ('Welch', 3)
    """
    if max_tokens < 16:
        raise RagError(f"max_tokens must be at least 16, got {max_tokens}")
    if not 0 <= overlap_tokens < max_tokens // 2:
        raise RagError(
            f"overlap_tokens must be in [0, max_tokens/2), got {overlap_tokens} for "
            f"max_tokens={max_tokens}"
        )
    chunks: list[Chunk] = []
    section: list[_Block] = []
    blocks = list(_blocks(text))
    lead_text = document_lead(blocks) if lead else ""

    def emit(blocks: list[_Block]) -> None:
        body = "\n\n".join("\n".join(b.lines) for b in blocks).strip()
        if body:
            start = _span(blocks[0])[0]
            end = max(_span(b)[1] for b in blocks)
            chunks.append(Chunk(body, source, blocks[0].heading_path, start, end, lead_text))

    def pack(blocks: list[_Block]) -> None:
        pieces = [p for b in blocks for p in _split_block(b, max_tokens, overlap_tokens)]
        current: list[_Block] = []
        total = 0
        for piece in pieces:
            if current and total + piece.tokens > max_tokens:
                emit(current)
                last = current[-1]
                # carry the previous paragraph as overlap when it is short enough
                if last.kind == "para" and last.tokens <= overlap_tokens:
                    current, total = [last], last.tokens
                else:
                    current, total = [], 0
            current.append(piece)
            total += piece.tokens
        if current:
            emit(current)

    for block in blocks:
        if section and block.heading_path != section[0].heading_path:
            pack(section)
            section = []
        section.append(block)
    if section:
        pack(section)
    return chunks


@dataclass(frozen=True)
class SkippedFile:
    """A file that was found but not indexed, with the reason."""

    path: str
    reason: str


def _read_text(path: Path, max_bytes: int) -> str:
    """Read a UTF-8 text file, raising :class:`RagError` for binary, huge or unreadable files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RagError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise RagError(f"{path} is {size} bytes, over the {max_bytes}-byte limit for one document")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RagError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise RagError(f"{path} looks binary (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RagError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(file, source name)`` for every text file under ``paths`` (files or folders).

    The source name is the path relative to the folder's parent, so indexing ``docs/`` yields
    ``docs/a.md``; a file given directly is named by its file name. Raises :class:`RagError`
    for a path that does not exist.
    """
    for raw in paths:
        root = Path(raw).expanduser()
        if not root.exists():
            raise RagError(f"path does not exist: {raw}")
        root = root.resolve()
        if root.is_file():
            yield root, root.name
            continue
        if not root.is_dir():
            raise RagError(f"not a file or folder: {raw}")
        for file in sorted(root.rglob("*")):
            if file.is_file() and file.suffix.lower() in TEXT_SUFFIXES:
                if any(part.startswith(".") for part in file.relative_to(root).parts):
                    continue
                yield file, file.relative_to(root.parent).as_posix()


def chunk_paths(
    paths: Sequence[str | Path],
    *,
    max_tokens: int = 200,
    overlap_tokens: int = 30,
    max_file_bytes: int = MAX_FILE_BYTES,
    lead: bool = False,
) -> tuple[list[Chunk], list[SkippedFile]]:
    """Chunk every text file under ``paths``.

    ``lead`` is passed to :func:`chunk_markdown`. Returns ``(chunks, skipped)``: binary, non-UTF-8, over-sized or unreadable files found while
    walking a folder are skipped and listed, while a file named directly that cannot be read
    raises :class:`RagError`. Raises :class:`RagError` too when nothing indexable is found.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise RagError("no paths given to index")
    chunks: list[Chunk] = []
    skipped: list[SkippedFile] = []
    direct = {Path(p).expanduser().resolve() for p in paths}
    for file, source in iter_text_files(paths):
        try:
            text = _read_text(file, max_file_bytes)
        except RagError as exc:
            if file in direct:
                raise
            skipped.append(SkippedFile(str(file), str(exc)))
            continue
        chunks.extend(
            chunk_markdown(
                text, source, max_tokens=max_tokens, overlap_tokens=overlap_tokens, lead=lead
            )
        )
    if not chunks:
        detail = f"; skipped: {', '.join(s.path for s in skipped)}" if skipped else ""
        raise RagError(
            f"no text to index under {', '.join(str(p) for p in paths)} (looked for "
            f"{', '.join(TEXT_SUFFIXES)} files){detail}"
        )
    return chunks, skipped
