"""Request and response bodies (pydantic), so `/docs` is the real contract.

The OpenAI shapes follow the official API; HAVOC adds ``top_k``, ``min_p`` and
``repetition_penalty``. A field sent as ``null`` means "use the default", as OpenAI does.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_STOP = 4
MAX_N = 16

NonEmptyStr = Annotated[str, Field(min_length=1)]


class StreamOptions(BaseModel):
    include_usage: bool | None = Field(
        None, description="Send a last chunk with `usage` and an empty `choices` list."
    )


class _Sampling(BaseModel):
    """Settings shared by chat and text completions."""

    model: str | None = Field(None, description="Model id from `/v1/models` (optional).")
    max_tokens: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Tokens to generate at most (default: what fits in the context)."
    )
    temperature: Annotated[float, Field(ge=0, le=2)] | None = Field(
        None, description="0 = greedy (argmax); default 1."
    )
    top_p: Annotated[float, Field(gt=0, le=1)] | None = Field(None, description="Nucleus mass.")
    top_k: Annotated[int, Field(ge=0)] | None = Field(None, description="HAVOC: 0 = off.")
    min_p: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="HAVOC: keep tokens with p >= min_p * p_max."
    )
    repetition_penalty: Annotated[float, Field(ge=0.01, le=10)] | None = Field(
        None, description="HAVOC: Hugging Face semantics; 1 = off."
    )
    presence_penalty: Annotated[float, Field(ge=-2, le=2)] | None = None
    frequency_penalty: Annotated[float, Field(ge=-2, le=2)] | None = None
    stop: NonEmptyStr | Annotated[list[NonEmptyStr], Field(max_length=MAX_STOP)] | None = Field(
        None, description="Up to 4 strings; matched on the decoded text across token boundaries."
    )
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = Field(
        None, description="Makes sampling repeatable (choice i uses seed + i)."
    )
    n: Annotated[int, Field(ge=1, le=MAX_N)] | None = Field(None, description="Choices per prompt.")
    stream: bool | None = Field(None, description="Send server-sent events (OpenAI chunks).")
    ignore_eos: bool | None = Field(
        None, description="HAVOC (as vLLM): keep generating past end-of-text ids (benchmarks)."
    )
    stream_options: StreamOptions | None = None
    user: str | None = None

    def stop_list(self) -> tuple[str, ...]:
        if self.stop is None:
            return ()
        return (self.stop,) if isinstance(self.stop, str) else tuple(self.stop)


class TextPart(BaseModel):
    type: Literal["text"]
    text: str


class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"] = Field(
        description="`developer` is treated as `system`."
    )
    content: str | list[TextPart] | None = None
    name: str | None = None
    tool_call_id: str | None = None

    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text for part in self.content)


class ChatCompletionRequest(_Sampling):
    messages: list[ChatMessage] = Field(min_length=1)
    max_completion_tokens: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Alias of max_tokens (the newer OpenAI name)."
    )
    logprobs: bool | None = Field(None, description="Return the chosen tokens' log-probabilities.")
    top_logprobs: Annotated[int, Field(ge=0, le=20)] | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "model": "havoc-demo",
                    "messages": [{"role": "user", "content": "What is a control chart?"}],
                    "max_tokens": 64,
                    "temperature": 0,
                }
            ]
        }
    )


class CompletionRequest(_Sampling):
    prompt: (
        str
        | Annotated[list[str], Field(min_length=1, max_length=64)]
        | Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1)]
        | Annotated[
            list[Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1)]],
            Field(min_length=1, max_length=64),
        ]
    ) = Field(description="Text, a list of texts, token ids, or a list of token-id lists.")
    echo: bool | None = Field(None, description="Put the prompt in front of the completion.")
    logprobs: Annotated[int, Field(ge=0, le=20)] | None = Field(
        None, description="Return log-probabilities with this many alternatives per token."
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"model": "havoc-demo", "prompt": "The mean of 2, 4 and 6 is", "max_tokens": 16}
            ]
        }
    )


# -- responses ----------------------------------------------------------------------------------
class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class TopLogprob(BaseModel):
    token: str
    logprob: float
    bytes: list[int] | None


class ChatTokenLogprob(TopLogprob):
    top_logprobs: list[TopLogprob]


class ChatLogprobs(BaseModel):
    content: list[ChatTokenLogprob] | None


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str | None


class ChatChoice(BaseModel):
    index: int
    message: AssistantMessage
    logprobs: ChatLogprobs | None = None
    finish_reason: Literal["stop", "length"] | None


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    system_fingerprint: str | None = None
    choices: list[ChatChoice]
    usage: Usage


class CompletionLogprobs(BaseModel):
    tokens: list[str]
    token_logprobs: list[float]
    top_logprobs: list[dict[str, float]] | None
    text_offset: list[int]


class CompletionChoice(BaseModel):
    index: int
    text: str
    logprobs: CompletionLogprobs | None = None
    finish_reason: Literal["stop", "length"] | None


class Completion(BaseModel):
    id: str
    object: Literal["text_completion"] = "text_completion"
    created: int
    model: str
    system_fingerprint: str | None = None
    choices: list[CompletionChoice]
    usage: Usage


class ModelStatus(BaseModel):
    """Whether the served model can answer; while the demo checkpoint is being built, its
    progress."""

    id: str
    state: Literal["building", "ready", "failed"] = Field(
        description="`building`: the demo checkpoint is being trained; chat and completions "
        "answer 503 until `ready`. `/v1/srs` answers in every state."
    )
    demo: bool = Field(description="The served checkpoint is the embedded demo model.")
    note: str | None = Field(None, description="What a person should know about this model.")
    phase: str | None = Field(None, description="The build's current phase, e.g. `training`.")
    step: int | None = Field(None, description="Training steps done (while building).")
    of: int | None = Field(None, description="Training steps in all (while building).")
    eta_s: float | None = Field(None, description="Estimated seconds until the build is done.")
    steps_per_s: float | None = None
    elapsed_s: float | None = None
    message: str | None = Field(None, description="Why the build failed.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "havoc"
    max_model_len: int | None = Field(
        description="HAVOC: the context window in tokens (null while the model is being built)."
    )
    havoc: ModelStatus | None = Field(None, description="HAVOC: state and metadata.")


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | int | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok", "draining"]
    model: ModelStatus
    device: str
    dtype: str
    quantization: str | None = Field(
        None, description="'int8' when the served weights are int8 (--quantize int8)."
    )
    max_batch: int
    max_queue: int
    max_model_len: int | None
    running: int
    waiting: int
    srs: bool = Field(description="Whether /v1/srs is available (havoc-srs importable).")
    ui: bool = Field(description="Whether the built chat UI is served at /.")


# -- /v1/srs (apps/server/API.md) ---------------------------------------------------------------
class SrsRequest(BaseModel):
    question: str = Field(min_length=1, max_length=20_000)
    data_csv: str | None = None
    data_name: str | None = Field(None, max_length=255)
    stream: bool = False
    use_model: bool = True

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question must not be blank")
        return value


class SrsTrace(BaseModel):
    stages: list[dict[str, Any]]
    total_ms: float


class SrsResult(BaseModel):
    id: str
    object: Literal["srs.result"] = "srs.result"
    created: int
    status: Literal["answered", "explained", "needs_input", "out_of_scope", "failed"]
    markdown: str
    answer: dict[str, Any]
    trace: SrsTrace
