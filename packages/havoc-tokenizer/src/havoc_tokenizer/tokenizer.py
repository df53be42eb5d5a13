"""`HavocTokenizer`: SentencePiece BPE + HAVOC normalisation + reserved markers + chat template."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import sentencepiece as spm

from havoc_tokenizer import chat
from havoc_tokenizer.errors import TokenizerError
from havoc_tokenizer.hf_export import write_tokenizer_json
from havoc_tokenizer.normalize import NORMALIZER_VERSION, normalize
from havoc_tokenizer.special_tokens import (
    BOS_ID,
    CONTENT_MARKERS,
    END_OF_TURN,
    EOS_ID,
    FIRST_BYTE_ID,
    PAD_ID,
    ROLE_MARKERS,
    SPECIAL_TOKEN_IDS,
    SPECIAL_TOKENS,
    TOOL_RESULT,
    TOOL_RESULT_END,
    UNK_ID,
)

MODEL_FILE = "tokenizer.model"
HF_FILE = "tokenizer.json"
SPECIAL_FILE = "special_tokens.json"
HF_CONFIG_FILE = "tokenizer_config.json"
FORMAT = "havoc-tokenizer/1"

MarkerPolicy = bool | Collection[str]


class IncrementalDecoder:
    """Turns a stream of token ids into text pieces that are always valid UTF-8.

    Bytes of a character split across byte-fallback tokens are held back until the character is
    complete; invalid byte sequences become U+FFFD. Spaces are kept exactly (no prefix stripping),
    so ``"".join(d.add(i) for i in ids) + d.flush() == tokenizer.decode(ids)``.
    """

    def __init__(self, table: Sequence[bytes], vocab_size: int) -> None:
        self._table = table
        self._vocab_size = vocab_size
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def add(self, token_id: int) -> str:
        token_id = int(token_id)
        if not 0 <= token_id < self._vocab_size:
            raise TokenizerError(
                f"token id {token_id} outside the vocabulary [0, {self._vocab_size})"
            )
        return self._utf8.decode(self._table[token_id])

    def flush(self) -> str:
        """Emit whatever is still held back (an incomplete character becomes U+FFFD)."""
        text = self._utf8.decode(b"", final=True)
        self._utf8.reset()
        return text


class HavocTokenizer:
    """The HAVOC tokenizer. Load one with `from_pretrained`, make one with `train_tokenizer`.

    >>> tok = HavocTokenizer.from_pretrained("runs/tokenizer")  # doctest: +SKIP
    >>> tok.decode(tok.encode("x² − 1 ≤ σ"))  # doctest: +SKIP
    'x^2 - 1 ≤ σ'
    """

    normalize = staticmethod(normalize)

    def __init__(self, model_proto: bytes) -> None:
        self._proto = bytes(model_proto)
        self._sp = spm.SentencePieceProcessor()
        try:
            self._sp.LoadFromSerializedProto(self._proto)
        except (RuntimeError, OSError) as err:
            raise TokenizerError(f"not a SentencePiece model: {err}") from err
        for tok, i in SPECIAL_TOKEN_IDS.items():
            if self._sp.id_to_piece(i) != tok:
                raise TokenizerError(
                    f"model does not have the HAVOC reserved layout: id {i} is "
                    f"{self._sp.id_to_piece(i)!r}, expected {tok!r}"
                )
        if self._sp.id_to_piece(FIRST_BYTE_ID) != "<0x00>":
            raise TokenizerError("model was trained without byte fallback")
        self._vocab_size = self._sp.get_piece_size()
        self._table, self._table_plain = self._byte_tables()
        self._marker_res: dict[frozenset[str], re.Pattern[str]] = {}

    # ------------------------------------------------------------------ loading and saving
    @classmethod
    def from_pretrained(cls, directory: str | os.PathLike[str]) -> HavocTokenizer:
        """Load from a folder holding ``tokenizer.model`` (as written by `save_pretrained`)."""
        path = Path(directory)
        model = path / MODEL_FILE if path.is_dir() or not path.suffix else path
        if not model.is_file():
            raise TokenizerError(f"no tokenizer at {path}: {model.name} not found")
        return cls(model.read_bytes())

    def save_pretrained(self, directory: str | os.PathLike[str]) -> Path:
        """Write tokenizer.model, tokenizer.json, special_tokens.json and tokenizer_config.json."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        _atomic_write(out / MODEL_FILE, self._proto)
        tmp = out / (HF_FILE + ".tmp")
        write_tokenizer_json(self._proto, tmp)
        tmp.replace(out / HF_FILE)
        _atomic_write(out / SPECIAL_FILE, json.dumps(self._special_doc(), indent=2).encode())
        _atomic_write(out / HF_CONFIG_FILE, json.dumps(self._hf_config(), indent=2).encode())
        return out

    def _special_doc(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "normalizer": NORMALIZER_VERSION,
            "vocab_size": self._vocab_size,
            "model_sha256": self.fingerprint,
            "pad": SPECIAL_TOKENS[PAD_ID],
            "bos": SPECIAL_TOKENS[BOS_ID],
            "eos": SPECIAL_TOKENS[EOS_ID],
            "unk": SPECIAL_TOKENS[UNK_ID],
            "end_of_turn": END_OF_TURN,
            "roles": dict(ROLE_MARKERS),
            "tokens": dict(SPECIAL_TOKEN_IDS),
        }

    def _hf_config(self) -> dict[str, Any]:
        return {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": SPECIAL_TOKENS[BOS_ID],
            "eos_token": SPECIAL_TOKENS[EOS_ID],
            "pad_token": SPECIAL_TOKENS[PAD_ID],
            "unk_token": SPECIAL_TOKENS[UNK_ID],
            "add_bos_token": False,
            "add_eos_token": False,
            "clean_up_tokenization_spaces": False,
            "model_max_length": 1_000_000_000,
            "chat_template": chat.JINJA_TEMPLATE,
        }

    # ------------------------------------------------------------------ vocabulary facts
    @property
    def vocab_size(self) -> int:
        return self._vocab_size

    @property
    def pad_id(self) -> int:
        return PAD_ID

    @property
    def bos_id(self) -> int:
        return BOS_ID

    @property
    def eos_id(self) -> int:
        return EOS_ID

    @property
    def unk_id(self) -> int:
        return UNK_ID

    @property
    def end_of_turn_id(self) -> int:
        """Id of ``<|end|>``, which closes every chat turn."""
        return SPECIAL_TOKEN_IDS[END_OF_TURN]

    @property
    def stop_ids(self) -> tuple[int, ...]:
        """Ids that end generation: ``</s>`` and ``<|end|>``."""
        return (EOS_ID, self.end_of_turn_id)

    @property
    def special_tokens(self) -> dict[str, int]:
        """Every reserved token (by its text, e.g. ``"<SRS_PLAN>"``) -> its fixed id."""
        return dict(SPECIAL_TOKEN_IDS)

    @property
    def fingerprint(self) -> str:
        """sha256 of the serialized SentencePiece model (identifies the vocabulary)."""
        return hashlib.sha256(self._proto).hexdigest()

    def token_id(self, token: str) -> int:
        """Id of a reserved token (``"<DSL_BEGIN>"``) or of any vocabulary piece."""
        if token in SPECIAL_TOKEN_IDS:
            return SPECIAL_TOKEN_IDS[token]
        i = self._sp.piece_to_id(token)
        if i == UNK_ID and token != SPECIAL_TOKENS[UNK_ID]:
            raise TokenizerError(f"{token!r} is not a token of this vocabulary")
        return i

    def id_to_piece(self, token_id: int) -> str:
        self._check_ids([token_id])
        return self._sp.id_to_piece(int(token_id))

    def is_special(self, token_id: int) -> bool:
        return 0 <= int(token_id) < len(SPECIAL_TOKENS)

    def __len__(self) -> int:
        return self._vocab_size

    def __repr__(self) -> str:
        return f"HavocTokenizer(vocab_size={self._vocab_size}, sha256={self.fingerprint[:12]})"

    # ------------------------------------------------------------------ encoding
    def encode(
        self,
        text: str,
        add_bos: bool = False,
        add_eos: bool = False,
        allow_markers: MarkerPolicy = False,
    ) -> list[int]:
        """Normalise and encode `text`.

        With ``allow_markers=False`` (the default) marker strings in `text` are plain text and
        can never produce a reserved id. ``allow_markers=True`` turns every reserved token string
        into its id; a collection of token strings allows just those (trusted text only).
        """
        if not isinstance(text, str):
            raise TokenizerError(f"encode expects str, got {type(text).__name__}")
        text = normalize(text)
        if allow_markers:
            ids = self._encode_with_markers(text, allow_markers)
        else:
            ids = self._sp.encode(text) if text else []
        if add_bos:
            ids.insert(0, BOS_ID)
        if add_eos:
            ids.append(EOS_ID)
        return ids

    def encode_batch(
        self,
        texts: Iterable[str],
        add_bos: bool = False,
        add_eos: bool = False,
        allow_markers: MarkerPolicy = False,
        num_threads: int | None = None,
    ) -> list[list[int]]:
        """`encode` for many texts; SentencePiece runs them on `num_threads` threads."""
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TokenizerError(f"texts[{i}] is {type(t).__name__}, expected str")
        if allow_markers:
            return [self.encode(t, add_bos, add_eos, allow_markers) for t in texts]
        threads = num_threads if num_threads is not None else min(8, os.cpu_count() or 1)
        out = self._sp.encode([normalize(t) for t in texts], num_threads=threads)
        if add_bos or add_eos:
            out = [
                ([BOS_ID] if add_bos else []) + ids + ([EOS_ID] if add_eos else []) for ids in out
            ]
        return out

    def _encode_with_markers(self, text: str, allow: MarkerPolicy) -> list[int]:
        allowed = frozenset(SPECIAL_TOKEN_IDS) if allow is True else frozenset(allow)  # type: ignore[arg-type]
        unknown = allowed - SPECIAL_TOKEN_IDS.keys()
        if unknown:
            raise TokenizerError(f"allow_markers names unknown tokens: {sorted(unknown)}")
        pattern = self._marker_res.get(allowed)
        if pattern is None:
            alts = sorted(allowed, key=len, reverse=True)
            pattern = re.compile("|".join(re.escape(a) for a in alts))
            self._marker_res[allowed] = pattern
        ids: list[int] = []
        pos = 0
        for m in pattern.finditer(text):
            if m.start() > pos:
                ids += self._sp.encode(text[pos : m.start()])
            ids.append(SPECIAL_TOKEN_IDS[m.group(0)])
            pos = m.end()
        if pos < len(text):
            ids += self._sp.encode(text[pos:])
        return ids

    # ------------------------------------------------------------------ decoding
    def _byte_tables(self) -> tuple[list[bytes], list[bytes]]:
        full: list[bytes] = []
        plain: list[bytes] = []
        for i in range(self._vocab_size):
            piece = self._sp.id_to_piece(i)
            if i < len(SPECIAL_TOKENS):
                full.append(piece.encode())
                plain.append(b"")
            elif self._sp.is_byte(i):
                b = bytes([int(piece[3:5], 16)])
                full.append(b)
                plain.append(b)
            else:
                b = piece.replace("\u2581", " ").encode()
                full.append(b)
                plain.append(b)
        return full, plain

    def _check_ids(self, ids: Sequence[int]) -> None:
        if ids and (min(ids) < 0 or max(ids) >= self._vocab_size):
            bad = next(i for i in ids if not 0 <= i < self._vocab_size)
            raise TokenizerError(f"token id {bad} outside the vocabulary [0, {self._vocab_size})")

    def decode(self, ids: Iterable[int], skip_special_tokens: bool = False) -> str:
        """Text for `ids`. Reserved tokens render as their text unless `skip_special_tokens`."""
        ids = _as_int_list(ids)
        self._check_ids(ids)
        table = self._table_plain if skip_special_tokens else self._table
        return b"".join([table[i] for i in ids]).decode("utf-8", errors="replace")

    def incremental_decoder(self, skip_special_tokens: bool = False) -> IncrementalDecoder:
        """A streaming decoder: ``.add(token_id) -> str`` then ``.flush() -> str``."""
        table = self._table_plain if skip_special_tokens else self._table
        return IncrementalDecoder(table, self._vocab_size)

    # ------------------------------------------------------------------ chat
    def apply_chat_template(
        self, messages: Sequence[Mapping[str, object]], add_generation_prompt: bool = True
    ) -> str:
        """The conversation as template text (see `havoc_tokenizer.chat`)."""
        return chat.render(messages, add_generation_prompt)

    def encode_chat(
        self, messages: Sequence[Mapping[str, object]], add_generation_prompt: bool = True
    ) -> list[int]:
        """Token ids of the templated conversation, starting with ``<s>``.

        Content never smuggles in role markers: system/user/tool text is plain text, assistant
        text may carry the content markers (SRS, DSL, tool call/result).
        """
        return self.encode_chat_with_mask(messages, add_generation_prompt)[0]

    def encode_chat_with_mask(
        self, messages: Sequence[Mapping[str, object]], add_generation_prompt: bool = False
    ) -> tuple[list[int], list[bool]]:
        """(ids, mask) where mask is True on tokens the model should learn to produce.

        Those are the assistant turns' content and their closing ``<|end|>``; role headers,
        system/user/tool text and the newlines between turns are False.
        """
        ids: list[int] = [BOS_ID]
        mask: list[bool] = [False]
        newline = self._sp.encode("\n")

        def put(seq: list[int], train: bool) -> None:
            ids.extend(seq)
            mask.extend([train] * len(seq))

        for role, content in chat.validate_messages(messages):
            put([SPECIAL_TOKEN_IDS[ROLE_MARKERS[role]]] + newline, False)
            if role == "assistant":
                put(self.encode(content, allow_markers=CONTENT_MARKERS), True)
                put([self.end_of_turn_id], True)
            elif role == "tool":
                put([SPECIAL_TOKEN_IDS[TOOL_RESULT]], False)
                put(self.encode(content), False)
                put([SPECIAL_TOKEN_IDS[TOOL_RESULT_END], self.end_of_turn_id], False)
            else:
                put(self.encode(content), False)
                put([self.end_of_turn_id], False)
            put(newline, False)
        if add_generation_prompt:
            put([SPECIAL_TOKEN_IDS[ROLE_MARKERS["assistant"]]] + newline, False)
        return ids, mask


def _as_int_list(ids: Iterable[int]) -> list[int]:
    if hasattr(ids, "tolist"):
        ids = ids.tolist()  # numpy arrays, torch tensors
    try:
        return [int(i) for i in ids]
    except (TypeError, ValueError) as err:
        raise TokenizerError(f"token ids must be integers: {err}") from err


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
