"""The reserved tokens and their fixed ids (ids 0-63, identical in every HAVOC tokenizer).

They are SentencePiece *control* symbols: ordinary text can never be segmented into them, so a
user typing ``<|assistant|>`` or ``<SRS_PLAN>`` gets plain text pieces. They enter a sequence only
by id (``encode(..., allow_markers=True)``, the chat template, or the data pipeline).
"""

from __future__ import annotations

PAD = "<pad>"
BOS = "<s>"
EOS = "</s>"
UNK = "<unk>"

SRS_MARKERS: tuple[str, ...] = (
    "<SRS_MODE>",
    "<SRS_GROUND>",
    "<SRS_PLAN>",
    "<SRS_EXECUTE>",
    "<SRS_ARGUE>",
    "<SRS_ARBITER>",
    "<SRS_AUDIT>",
    "<SRS_ANSWER>",
)
DSL_BEGIN = "<DSL_BEGIN>"
DSL_END = "<DSL_END>"
TOOL_CALL = "<TOOL_CALL>"
TOOL_CALL_END = "<TOOL_CALL_END>"
TOOL_RESULT = "<TOOL_RESULT>"
TOOL_RESULT_END = "<TOOL_RESULT_END>"
ROLE_MARKERS: dict[str, str] = {
    "system": "<|system|>",
    "user": "<|user|>",
    "assistant": "<|assistant|>",
    "tool": "<|tool|>",
}
END_OF_TURN = "<|end|>"

NUM_RESERVED = 64  # ids 0..63 are reserved; byte pieces <0x00>..<0xFF> follow at 64..319
FIRST_BYTE_ID = NUM_RESERVED

# Markers that may appear inside an assistant turn (the model emits them itself).
CONTENT_MARKERS: tuple[str, ...] = (
    *SRS_MARKERS,
    DSL_BEGIN,
    DSL_END,
    TOOL_CALL,
    TOOL_CALL_END,
    TOOL_RESULT,
    TOOL_RESULT_END,
)

_NAMED: tuple[str, ...] = (
    PAD,
    BOS,
    EOS,
    UNK,
    *CONTENT_MARKERS,
    *ROLE_MARKERS.values(),
    END_OF_TURN,
)
SPECIAL_TOKENS: tuple[str, ...] = _NAMED + tuple(
    f"<|reserved_{k}|>" for k in range(NUM_RESERVED - len(_NAMED))
)
SPECIAL_TOKEN_IDS: dict[str, int] = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}

PAD_ID, BOS_ID, EOS_ID, UNK_ID = 0, 1, 2, 3
assert SPECIAL_TOKEN_IDS[UNK] == UNK_ID and len(SPECIAL_TOKENS) == NUM_RESERVED

# Everything after <unk> is a SentencePiece control symbol, in this order.
CONTROL_SYMBOLS: tuple[str, ...] = SPECIAL_TOKENS[4:]
