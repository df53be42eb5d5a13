"""Export a trained SentencePiece BPE model to a Hugging Face ``tokenizer.json``.

SentencePiece BPE repeatedly merges the adjacent pair whose merged piece has the best score (the
piece's rank). A Hugging Face BPE model merges the pair with the lowest merge rank. Listing, for
every learned piece in score order, each split of it into two in-vocabulary pieces gives the same
segmentation. Spaces become "▁" in a normaliser (no dummy prefix, no pre-tokeniser, exactly like
our SentencePiece settings), unknown characters fall back to bytes, and the reserved tokens are
special added tokens with the same ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sentencepiece import sentencepiece_model_pb2 as model_pb2

_NORMAL, _UNKNOWN, _CONTROL, _USER_DEFINED, _UNUSED, _BYTE = 1, 2, 3, 4, 5, 6


def tokenizer_json(model_proto: bytes) -> dict[str, Any]:
    """The ``tokenizer.json`` document for a serialized SentencePiece model."""
    proto = model_pb2.ModelProto()
    proto.ParseFromString(model_proto)
    pieces = [(p.piece, p.type) for p in proto.pieces]
    vocab = {piece: i for i, (piece, _) in enumerate(pieces)}
    merges: list[tuple[int, int, int, str, str]] = []
    for rank, (piece, kind) in enumerate(pieces):
        if kind != _NORMAL or len(piece) < 2:
            continue
        for cut in range(1, len(piece)):
            left, right = piece[:cut], piece[cut:]
            if left in vocab and right in vocab:
                merges.append((rank, vocab[left], vocab[right], left, right))
    merges.sort()
    unk = next(p for p, kind in pieces if kind == _UNKNOWN)
    added = [
        {
            "id": i,
            "content": piece,
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": True,
        }
        for i, (piece, kind) in enumerate(pieces)
        if kind in (_UNKNOWN, _CONTROL, _USER_DEFINED)
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        "pre_tokenizer": None,
        "post_processor": None,
        "decoder": {
            "type": "Sequence",
            "decoders": [
                {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
                {"type": "ByteFallback"},
                {"type": "Fuse"},
            ],
        },
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": unk,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": True,
            "byte_fallback": True,
            "ignore_merges": False,
            "vocab": vocab,
            "merges": [[left, right] for *_, left, right in merges],
        },
    }


def write_tokenizer_json(model_proto: bytes, path: Path) -> None:
    path.write_text(json.dumps(tokenizer_json(model_proto), ensure_ascii=False), encoding="utf-8")
