"""A HAVOC checkpoint as an lm-evaluation-harness model (``pip install 'havoc-eval[lm-eval]'``).

Importing this module registers the model name ``havoc`` with lm-eval::

    import lm_eval
    import havoc_eval.lm_eval_adapter  # noqa: F401  (registers "havoc")

    results = lm_eval.simple_evaluate(
        model="havoc", model_args="checkpoint=runs/tiny/final,batch_size=8", tasks=["my_task"],
        task_manager=lm_eval.tasks.TaskManager(include_path="my_tasks/"),
    )

Every text is scored after a BOS token, as the model saw its training documents. Log-likelihoods
are summed in fp32 over the continuation tokens (see :mod:`havoc_eval.scoring`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from lm_eval.api.model import LM
    from lm_eval.api.registry import register_model
except ImportError as exc:  # pragma: no cover - depends on the optional extra
    raise ImportError(
        "the lm-eval adapter needs lm-evaluation-harness: pip install 'havoc-eval[lm-eval]'"
    ) from exc

from havoc_eval.errors import EvalError
from havoc_eval.scoring import model_max_len, rolling_windows, score_continuations

_GEN_KEYS = {"until", "max_gen_toks", "do_sample", "temperature", "top_p", "top_k", "min_p"}


@register_model("havoc")
class HavocLM(LM):
    """lm-eval ``LM`` over a HAVOC model and tokenizer.

    Give ``checkpoint`` (a folder with ``config.json``, ``model.safetensors`` and ``tokenizer/``),
    or an already loaded ``model`` and ``tokenizer``.
    """

    def __init__(
        self,
        checkpoint: str | None = None,
        *,
        model: Any = None,
        tokenizer: Any = None,
        device: str | None = None,
        dtype: str = "auto",
        batch_size: int | str = 8,
        max_length: int | str | None = None,
        max_gen_toks: int | str = 256,
        seed: int | str = 0,
        **unused: Any,
    ) -> None:
        super().__init__()
        if model is None or tokenizer is None:
            if checkpoint is None:
                raise EvalError("HavocLM needs checkpoint=PATH or both model= and tokenizer=")
            from havoc_eval.context import EvalContext

            ctx = EvalContext(checkpoint=Path(checkpoint), device=device, dtype=dtype)
            model, tokenizer = ctx.model, ctx.tokenizer
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.batch_size = _positive_int(batch_size, "batch_size")
        self.max_length = (
            _positive_int(max_length, "max_length") if max_length else model_max_len(model)
        )
        self.max_gen_toks = _positive_int(max_gen_toks, "max_gen_toks")
        self.seed = int(seed)
        self._device = next(model.parameters()).device

    # ---- helpers --------------------------------------------------------------------------
    @property
    def eot_token_id(self) -> int:
        return int(self.tokenizer.eos_id)

    @property
    def prefix_token_id(self) -> int:
        return int(self.tokenizer.bos_id)

    @property
    def tokenizer_name(self) -> str:
        return f"havoc-{getattr(self.tokenizer, 'fingerprint', 'tokenizer')}"

    def apply_chat_template(
        self, chat_history: list[dict[str, str]], add_generation_prompt: bool = True
    ) -> str:
        return self.tokenizer.apply_chat_template(
            chat_history, add_generation_prompt=add_generation_prompt
        )

    def encode_pair(self, context: str, continuation: str) -> tuple[list[int], list[int]]:
        """Token ids of ``(BOS + context, continuation)``, split the way lm-eval's HF model does:
        trailing spaces of the context move to the continuation, and the continuation ids are
        what encoding the whole text adds after the context's ids."""
        n_spaces = len(context) - len(context.rstrip())
        if n_spaces:
            continuation = context[-n_spaces:] + continuation
            context = context[:-n_spaces]
        bos = [self.prefix_token_id]
        context_ids = bos + self.tokenizer.encode(context)
        whole = bos + self.tokenizer.encode(context + continuation)
        if whole[: len(context_ids)] != context_ids:  # BPE merged across the boundary
            return context_ids, self.tokenizer.encode(continuation)
        return context_ids, whole[len(context_ids) :]

    # ---- the three request types ----------------------------------------------------------
    def loglikelihood(self, requests, disable_tqdm: bool = False) -> list[tuple[float, bool]]:
        pairs = []
        for i, req in enumerate(requests):
            context, continuation = req.args[0], req.args[1]
            ctx_ids, cont_ids = self.encode_pair(context, continuation)
            if not cont_ids:
                raise EvalError(f"request {i}: the continuation {continuation!r} has no tokens")
            pairs.append((ctx_ids, cont_ids))
        results = score_continuations(
            self.model, pairs, batch_size=self.batch_size, max_len=self.max_length
        )
        for req, res in zip(requests, results, strict=True):
            self.cache_hook.add_partial("loglikelihood", req.args, res)
        return results

    def loglikelihood_rolling(self, requests, disable_tqdm: bool = False) -> list[float]:
        pairs, owner = [], []
        for i, req in enumerate(requests):
            for pair in rolling_windows(
                self.tokenizer.encode(req.args[0]), self.prefix_token_id, self.max_length
            ):
                pairs.append(pair)
                owner.append(i)
        scores = score_continuations(
            self.model, pairs, batch_size=self.batch_size, max_len=self.max_length
        )
        totals = [0.0] * len(requests)
        for i, (logprob, _) in zip(owner, scores, strict=True):
            totals[i] += logprob
        for req, total in zip(requests, totals, strict=True):
            self.cache_hook.add_partial("loglikelihood_rolling", req.args, total)
        return totals

    def generate_until(self, requests, disable_tqdm: bool = False) -> list[str]:
        groups: dict[str, list[int]] = {}
        kwargs_of: dict[str, dict] = {}
        for i, req in enumerate(requests):
            kwargs = dict(req.args[1]) if len(req.args) > 1 and req.args[1] else {}
            key = json.dumps(kwargs, sort_keys=True, default=str)
            groups.setdefault(key, []).append(i)
            kwargs_of[key] = kwargs
        out: list[str] = [""] * len(requests)
        for key, rows in groups.items():
            texts = self._generate([requests[r].args[0] for r in rows], kwargs_of[key])
            for r, text in zip(rows, texts, strict=True):
                out[r] = text
                self.cache_hook.add_partial("generate_until", requests[r].args, text)
        return out

    def _generate(self, contexts: Sequence[str], kwargs: dict) -> list[str]:
        from havoc_model import GenerationConfig, generate

        unknown = set(kwargs) - _GEN_KEYS
        if unknown:
            raise EvalError(f"generate_until: unsupported generation arguments {sorted(unknown)}")
        until = kwargs.get("until") or []
        until = [until] if isinstance(until, str) else list(until)
        max_new = _positive_int(kwargs.get("max_gen_toks", self.max_gen_toks), "max_gen_toks")
        if max_new >= self.max_length:
            raise EvalError(f"max_gen_toks {max_new} leaves no room in a {self.max_length} context")
        temperature = float(kwargs.get("temperature", 0.0) or 0.0)
        greedy = not kwargs.get("do_sample", False) or temperature == 0.0
        config = GenerationConfig(
            max_new_tokens=max_new,
            greedy=greedy,
            temperature=1.0 if greedy else temperature,
            top_p=float(kwargs.get("top_p", 1.0) or 1.0),
            top_k=int(kwargs.get("top_k", 0) or 0),
            min_p=float(kwargs.get("min_p", 0.0) or 0.0),
            stop_token_ids=tuple(self.tokenizer.stop_ids),
            stop_strings=tuple(until),
            seed=self.seed,
        )
        keep = self.max_length - max_new
        prompts = [([self.prefix_token_id] + self.tokenizer.encode(c))[-keep:] for c in contexts]
        ids: list[list[int]] = [[] for _ in contexts]
        stops = set(config.stop_token_ids)
        for ev in generate(self.model, prompts, config, decode=self.tokenizer.decode):
            if not (ev.finish_reason == "stop" and ev.token_id in stops):
                ids[ev.row].append(ev.token_id)
        texts = []
        for row in ids:
            text = self.tokenizer.decode(row)
            cuts = [text.find(s) for s in until if s and s in text]
            texts.append(text[: min(cuts)] if cuts else text)
        return texts


def _positive_int(value: Any, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise EvalError(f"{name} must be a positive integer, got {value!r}") from exc
    if number < 1:
        raise EvalError(f"{name} must be a positive integer, got {value!r}")
    return number
