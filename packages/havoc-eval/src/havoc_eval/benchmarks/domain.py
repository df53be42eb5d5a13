"""The domain suite: language modelling on held-out domain text, generation samples, tool
correctness against published values, retrieval quality on the handbook question set."""

from __future__ import annotations

import math
from collections import Counter

from havoc_eval.benchmarks import _shared
from havoc_eval.context import EvalContext
from havoc_eval.registry import BenchmarkOutput, Metric, benchmark


@benchmark(
    "domain.perplexity",
    suites=["domain"],
    metrics=["bits_per_byte", "perplexity", "tokens_per_byte"],
    needs=["checkpoint"],
    data_version="heldout/1",
    description="Perplexity and bits per byte on held-out domain passages (rolling windows).",
)
def perplexity(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_eval.scoring import score_texts

    all_docs = _shared.heldout_texts()
    docs = ctx.subset(all_docs)
    model, tok = ctx.model, ctx.tokenizer
    texts = [t for _, t in docs]
    scores = [score_texts(model, tok, [t])[0] for t in ctx.track(texts, "held-out passages")]
    logprob = sum(s.logprob for s in scores)
    tokens = sum(s.tokens for s in scores)
    n_bytes = sum(s.bytes for s in scores)
    per_doc = {
        name: {"bits_per_byte": s.bits_per_byte, "perplexity": s.perplexity, "tokens": s.tokens}
        for (name, _), s in zip(docs, scores, strict=True)
    }
    plots = []
    path = ctx.plot_path("perplexity_bits_per_byte.png")
    if path is not None:
        _bar_plot(
            path,
            list(per_doc),
            [v["bits_per_byte"] for v in per_doc.values()],
            "bits per byte (lower is better)",
            "Held-out domain passages",
        )
        plots.append(str(path))
    return BenchmarkOutput(
        [
            Metric("bits_per_byte", -logprob / math.log(2) / n_bytes, "bits/byte", False),
            Metric("perplexity", math.exp(-logprob / tokens), "", False, "per token"),
            Metric("tokens_per_byte", tokens / n_bytes, "tokens/byte", None),
        ],
        details={"documents": per_doc, "tokens": tokens, "bytes": n_bytes},
        plots=plots,
        data_version=ctx.versioned(
            _shared.fingerprint("heldout/1", [t for _, t in all_docs]), len(docs), len(all_docs)
        ),
    )


def _distinct_n(token_lists: list[list[int]], n: int) -> float:
    grams = [tuple(t[i : i + n]) for t in token_lists for i in range(len(t) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


def _repeated_ngram_rate(tokens: list[int], n: int = 4) -> float:
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    if not grams:
        return 0.0
    counts = Counter(grams)
    return sum(c - 1 for c in counts.values()) / len(grams)


@benchmark(
    "domain.generation",
    suites=["domain"],
    metrics=["distinct_2", "repeated_4gram_rate", "mean_new_tokens"],
    needs=["checkpoint"],
    description="Greedy samples for fixed domain prompts, with diversity and repetition figures.",
)
def generation(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_model import GenerationConfig, generate_text

    all_prompts = _shared.generation_prompts()
    prompts = ctx.subset(all_prompts)
    model, tok = ctx.model, ctx.tokenizer
    config = GenerationConfig(max_new_tokens=48, greedy=True, seed=ctx.seed)
    samples, token_lists = [], []
    for prompt in ctx.track(prompts, "generation samples"):
        text = generate_text(model, tok, prompt, config)
        ids = tok.encode(text)
        samples.append({"prompt": prompt, "completion": text, "new_tokens": len(ids)})
        token_lists.append(ids)
    rep = sum(_repeated_ngram_rate(t) for t in token_lists) / len(token_lists)
    return BenchmarkOutput(
        [
            Metric("distinct_2", _distinct_n(token_lists, 2), "", True, "unique bigrams / bigrams"),
            Metric("repeated_4gram_rate", rep, "", False, "repeated 4-grams within a sample"),
            Metric(
                "mean_new_tokens", sum(map(len, token_lists)) / len(token_lists), "tokens", None
            ),
        ],
        details={"samples": samples, "config": {"max_new_tokens": 48, "greedy": True}},
        data_version=ctx.versioned(
            _shared.fingerprint("generation-prompts/1", all_prompts), len(prompts), len(all_prompts)
        ),
    )


@benchmark(
    "domain.tools",
    suites=["domain"],
    metrics=["pass_rate", "checks", "max_abs_error_in_tolerances"],
    description="havoc-tools against published values (R outputs, Montgomery, SPC tables).",
)
def tool_correctness(ctx: EvalContext) -> BenchmarkOutput:
    from havoc_eval import references

    checks = []
    for case in ctx.track(references.CASES, "reference cases"):
        checks.extend(case())
    worst = max(c.abs_error / c.tolerance for c in checks)
    failed = [c.to_dict() for c in checks if not c.passed]
    return BenchmarkOutput(
        [
            Metric("pass_rate", sum(c.passed for c in checks) / len(checks)),
            Metric("checks", float(len(checks)), "", None),
            Metric(
                "max_abs_error_in_tolerances",
                worst,
                "x tolerance",
                False,
                "largest |computed - reference| / tolerance (<= 1 passes)",
            ),
        ],
        details={"checks": [c.to_dict() for c in checks], "failed": failed},
        data_version=references.DATA_VERSION,
    )


RETRIEVAL_MODES = ("hybrid", "lexical", "dense")


@benchmark(
    "domain.retrieval",
    suites=["domain"],
    metrics=[f"{m}.{k}" for m in RETRIEVAL_MODES for k in ("recall@5", "MRR", "nDCG@10")],
    needs=["index"],
    description="recall@5, MRR and nDCG@10 on the labelled handbook question set, per mode.",
)
def retrieval(ctx: EvalContext) -> BenchmarkOutput:
    import json

    import havoc_rag
    from havoc_rag import handbook_questions
    from havoc_rag.evaluation import evaluate

    all_questions = handbook_questions()
    questions = ctx.subset(all_questions)
    index = ctx.index
    metrics, table = [], {}
    for mode in ctx.track(RETRIEVAL_MODES, "retrieval modes"):
        scores = evaluate(index, questions, mode)
        table[mode] = scores.to_dict()
        metrics += [
            Metric(f"{mode}.recall@5", scores.recall_at_5),
            Metric(f"{mode}.MRR", scores.mrr),
            Metric(f"{mode}.nDCG@10", scores.ndcg_at_10),
        ]
    plots = []
    path = ctx.plot_path("retrieval.png")
    if path is not None:
        _grouped_plot(path, table)
        plots.append(str(path))
    lines = [json.dumps([q.question, list(q.relevant)]) for q in all_questions]
    version = _shared.fingerprint(f"handbook-questions/havoc-rag-{havoc_rag.__version__}", lines)
    return BenchmarkOutput(
        metrics,
        details={"modes": table, "questions": len(questions)},
        plots=plots,
        data_version=ctx.versioned(version, len(questions), len(all_questions)),
    )


def _bar_plot(path, labels, values, ylabel, title) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.bar(range(len(values)), values, color="#4c72b0")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _grouped_plot(path, table: dict[str, dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = ("recall@5", "MRR", "nDCG@10")
    fig, ax = plt.subplots(figsize=(6, 3.4))
    width = 0.8 / len(table)
    for i, (mode, row) in enumerate(table.items()):
        xs = [k + i * width for k in range(len(keys))]
        ax.bar(xs, [row[k] for k in keys], width, label=mode)
    ax.set_xticks([k + width * (len(table) - 1) / 2 for k in range(len(keys))], keys)
    ax.set_ylim(0, 1)
    ax.set_title(f"Handbook retrieval ({next(iter(table.values()))['questions']} questions)")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
