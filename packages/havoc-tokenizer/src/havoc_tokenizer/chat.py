"""The HAVOC chat template, defined once and used by SFT data, the server and the HF export.

A conversation renders as (``\\n`` is a newline)::

    <s><|system|>\\n{system}<|end|>\\n
    <|user|>\\n{question}<|end|>\\n
    <|assistant|>\\n{answer, may contain <TOOL_CALL>...<TOOL_CALL_END> and SRS/DSL markers}<|end|>\\n
    <|tool|>\\n<TOOL_RESULT>{tool output}<TOOL_RESULT_END><|end|>\\n
    <|assistant|>\\n            <- the generation prompt; the model answers and ends with <|end|>

Marker strings typed inside system, user or tool content stay plain text (they never become
marker ids); inside assistant content the content markers (SRS, DSL, tool call/result) are real
markers, because that text is the model's own output format. Role markers, ``<|end|>`` and
``<s>``/``</s>`` are never taken from content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from havoc_tokenizer.errors import TokenizerError
from havoc_tokenizer.special_tokens import (
    BOS,
    END_OF_TURN,
    ROLE_MARKERS,
    TOOL_RESULT,
    TOOL_RESULT_END,
)

ROLES: tuple[str, ...] = tuple(ROLE_MARKERS)

# The same template in Jinja, for tokenizer_config.json (transformers' apply_chat_template).
JINJA_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'tool' %}"
    "<|tool|>\n" + TOOL_RESULT + "{{ message['content'] }}" + TOOL_RESULT_END + "<|end|>\n"
    "{% else %}<|{{ message['role'] }}|>\n{{ message['content'] }}<|end|>\n{% endif %}"
    "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def validate_messages(messages: Sequence[Mapping[str, object]]) -> list[tuple[str, str]]:
    """Check a message list and return it as (role, content) pairs."""
    if isinstance(messages, (str, bytes)) or not isinstance(messages, Sequence):
        raise TokenizerError("messages must be a list of {'role': ..., 'content': ...} dicts")
    out: list[tuple[str, str]] = []
    for i, message in enumerate(messages):
        if not isinstance(message, Mapping):
            raise TokenizerError(f"messages[{i}] must be a dict, got {type(message).__name__}")
        role, content = message.get("role"), message.get("content")
        if role not in ROLE_MARKERS:
            raise TokenizerError(f"messages[{i}]['role'] must be one of {ROLES}, got {role!r}")
        if content is None:
            content = ""
        if not isinstance(content, str):
            raise TokenizerError(
                f"messages[{i}]['content'] must be a string, got {type(content).__name__}"
            )
        out.append((str(role), content))
    return out


def turn_parts(role: str, content: str) -> tuple[str, str, str, str]:
    """(header, content prefix, content suffix, trailer) around a turn's content."""
    if role == "tool":
        return ROLE_MARKERS[role] + "\n", TOOL_RESULT, TOOL_RESULT_END, END_OF_TURN + "\n"
    return ROLE_MARKERS[role] + "\n", "", "", END_OF_TURN + "\n"


def render(messages: Sequence[Mapping[str, object]], add_generation_prompt: bool = True) -> str:
    """The template as text (see the module docstring)."""
    parts = [BOS]
    for role, content in validate_messages(messages):
        header, pre, post, trailer = turn_parts(role, content)
        parts += [header, pre, content, post, trailer]
    if add_generation_prompt:
        parts.append(ROLE_MARKERS["assistant"] + "\n")
    return "".join(parts)
