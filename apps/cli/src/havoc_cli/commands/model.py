"""`havoc model info|init`, `havoc generate` and `havoc export` (backed by havoc-model).

torch and havoc_model are imported inside the commands so `havoc --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

model_app = typer.Typer(
    help="Inspect and create HAVOC model checkpoints.", no_args_is_help=True, add_completion=False
)

_INIT_LIMIT_BYTES = 16 * 2**30


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _load_config(preset: str | None, config: Path | None):
    from havoc_model import ModelConfig

    if (preset is None) == (config is None):
        _fail("give exactly one of --preset NAME or --config FILE.yaml")
    return ModelConfig.from_preset(preset) if preset else ModelConfig.from_yaml(config)


@model_app.command("info")
def info(
    preset: Annotated[str | None, typer.Option(help="Preset name (see the list below).")] = None,
    config: Annotated[
        Path | None, typer.Option(help="A model config YAML instead of a preset.")
    ] = None,
    micro_batch: Annotated[int, typer.Option(help="Micro-batch for the memory plan.")] = 1,
    seq_len: Annotated[
        int | None, typer.Option(help="Tokens per sequence (default: max_seq_len).")
    ] = None,
    dtype: Annotated[str, typer.Option(help="bf16 | fp16 | fp32")] = "bf16",
    world_size: Annotated[int, typer.Option(help="Devices for the FSDP plan.")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Exact parameter count, breakdown and training-memory plan of a preset."""
    from havoc_model import list_presets
    from havoc_model.memory import count_parameters, count_parameters_meta, memory_plan

    try:
        cfg = _load_config(preset, config)
        counts = count_parameters(cfg)
        meta = count_parameters_meta(cfg)
        length = cfg.max_seq_len if seq_len is None else seq_len
        plans = [
            memory_plan(cfg, micro_batch, length, dtype, ac, world_size=ws, sharding=sh)
            for sh, ws in (("none", 1), ("fsdp", world_size))
            for ac in (False, True)
            if not (sh == "fsdp" and ws == 1)
        ]
    except ValueError as exc:
        _fail(str(exc))
    if meta != counts.total:  # the closed form and the real module must agree
        _fail(f"internal: closed-form count {counts.total} != meta-device count {meta}", 1)
    if as_json:
        out = {
            "preset": preset,
            "config": cfg.to_dict(),
            "parameters": counts.to_dict(),
            "parameters_meta_device": meta,
            "memory_plans": [p.to_dict() for p in plans],
        }
        typer.echo(json.dumps(out, indent=2))
        return
    name = preset or str(config)
    typer.echo(f"{name}: {counts.total:,} parameters (meta-device count {meta:,})")
    typer.echo(
        f"  {cfg.n_layers} layers, d_model {cfg.d_model}, {cfg.n_heads} query / "
        f"{cfg.n_kv_heads} KV heads of {cfg.head_dim}, SwiGLU {cfg.ffn_hidden}, vocab "
        f"{cfg.vocab_size}, {'tied' if cfg.tie_embeddings else 'untied'} embeddings, "
        f"max_seq_len {cfg.max_seq_len}, rope_theta {cfg.rope_theta:g}"
    )
    for label, value in (
        ("embedding", counts.embedding),
        ("lm_head", counts.lm_head),
        ("attention", counts.attention),
        ("mlp", counts.mlp),
        ("norms", counts.norms),
        ("per layer", counts.per_layer),
    ):
        typer.echo(f"  {label:<12}{value:>16,}")
    for plan in plans:
        typer.echo(plan.summary())
    if preset is None:
        typer.echo(f"presets: {', '.join(list_presets())}")


@model_app.command("init")
def init(
    out: Annotated[Path, typer.Option(help="Checkpoint folder to write.")],
    preset: Annotated[str | None, typer.Option(help="Preset name.")] = None,
    config: Annotated[
        Path | None, typer.Option(help="A model config YAML instead of a preset.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the random initialisation.")] = 0,
    dtype: Annotated[str, typer.Option(help="fp32 | bf16")] = "fp32",
    tokenizer: Annotated[
        Path | None, typer.Option(help="A tokenizer folder to copy into OUT/tokenizer.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Allow checkpoints above 16 GiB.")] = False,
) -> None:
    """Write a randomly initialised checkpoint (for tests and smoke runs)."""
    import torch
    from havoc_model import HavocModel
    from havoc_model.memory import count_parameters

    dtypes = {"fp32": torch.float32, "bf16": torch.bfloat16}
    if dtype not in dtypes:
        _fail(f"--dtype must be one of {', '.join(dtypes)}, got {dtype!r}")
    try:
        cfg = _load_config(preset, config)
    except ValueError as exc:
        _fail(str(exc))
    size = count_parameters(cfg).total * torch.empty((), dtype=dtypes[dtype]).element_size()
    if size > _INIT_LIMIT_BYTES and not force:
        _fail(f"this checkpoint would be {size / 2**30:.1f} GiB; pass --force to write it anyway")
    if tokenizer is not None:
        if not tokenizer.is_dir():
            _fail(f"--tokenizer {tokenizer} is not a folder")
        vocab = _load_tokenizer(tokenizer.parent, tok_dir=tokenizer).vocab_size
        if vocab != cfg.vocab_size:
            # the embedding must match the tokenizer, or sampled ids could not be decoded
            typer.echo(f"vocab_size {cfg.vocab_size} -> {vocab} (from {tokenizer})", err=True)
            cfg = cfg.replace(vocab_size=vocab)
    torch.manual_seed(seed)
    model = HavocModel(cfg).to(dtypes[dtype])
    extra = {"tokenizer": tokenizer} if tokenizer is not None else None
    try:
        model.save_pretrained(out, extra_files=extra)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {out} ({model.num_parameters():,} parameters, {dtype}, seed {seed})")


@model_app.command("quantize")
def quantize_cmd(
    ckpt: Annotated[Path, typer.Argument(help="Float checkpoint folder.")],
    out: Annotated[Path, typer.Option(help="Quantised checkpoint folder to write.")],
    method: Annotated[str, typer.Option(help="Only 'int8' (weight-only, per-channel).")] = "int8",
) -> None:
    """Write an int8 weight-only copy of a checkpoint (tokenizer included); it loads quantised
    without re-quantising (`havoc generate`, `havoc-serve`)."""
    from havoc_model import HavocModel
    from havoc_model.checkpoint import TOKENIZER_DIR

    if method != "int8":
        _fail(f"--method must be 'int8', got {method!r}")
    if out.resolve() == ckpt.resolve():
        _fail("--out must differ from CKPT (the float checkpoint is kept)")
    try:
        model = HavocModel.from_pretrained(ckpt, quantize=method)
        tok = ckpt / TOKENIZER_DIR
        model.save_pretrained(out, extra_files={TOKENIZER_DIR: tok} if tok.is_dir() else None)
    except (ValueError, RuntimeError) as exc:
        _fail(str(exc))
    nbytes = sum(t.numel() * t.element_size() for t in model.state_dict().values())
    typer.echo(f"wrote {out} ({method}, {nbytes / 2**20:.1f} MiB of weights)")


def _parse_ids(text: str) -> list[int]:
    try:
        ids = [int(t) for t in text.replace(",", " ").split()]
    except ValueError:
        _fail(f"--ids must be integers separated by commas or spaces, got {text!r}")
    if not ids:
        _fail("--ids is empty")
    return ids


def generate_cmd(
    ckpt: Annotated[Path, typer.Argument(help="Checkpoint folder.")],
    prompt: Annotated[
        str | None, typer.Argument(help="Prompt text (needs CKPT/tokenizer).")
    ] = None,
    ids: Annotated[
        str | None, typer.Option(help="Prompt as token ids '1,2,3' (prints ids, no tokenizer).")
    ] = None,
    max_new_tokens: Annotated[int, typer.Option(help="Tokens to generate at most.")] = 64,
    greedy: Annotated[bool, typer.Option(help="Argmax decoding.")] = False,
    temperature: Annotated[float, typer.Option(help="0 means greedy.")] = 1.0,
    top_k: Annotated[int, typer.Option(help="0 = off.")] = 0,
    top_p: Annotated[float, typer.Option(help="1 = off.")] = 1.0,
    min_p: Annotated[float, typer.Option(help="0 = off.")] = 0.0,
    repetition_penalty: Annotated[float, typer.Option(help="1 = off.")] = 1.0,
    stop: Annotated[list[str] | None, typer.Option(help="Stop string (repeatable).")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for sampling.")] = None,
    device: Annotated[str, typer.Option(help="cpu, cuda, ...")] = "cpu",
    dtype: Annotated[str, typer.Option(help="fp32 | bf16")] = "fp32",
    quantize: Annotated[
        str,
        typer.Option(
            help="none | int8 (weight-only int8; a float checkpoint is quantised on load, a "
            "quantised one loads as it is)."
        ),
    ] = "none",
    compile: Annotated[
        bool,
        typer.Option(
            "--compile",
            help="torch.compile the decode step (first call compiles; faster long generations).",
        ),
    ] = False,
) -> None:
    """Generate from a checkpoint, streaming the text (or the ids with --ids)."""
    import torch
    from havoc_model import GenerationConfig, HavocModel, generate, stream_text

    dtypes = {"fp32": torch.float32, "bf16": torch.bfloat16}
    if dtype not in dtypes:
        _fail(f"--dtype must be one of {', '.join(dtypes)}, got {dtype!r}")
    if quantize not in ("none", "int8"):
        _fail(f"--quantize must be one of none, int8, got {quantize!r}")
    if (prompt is None) == (ids is None):
        _fail('give a text PROMPT or --ids "1,2,3" (exactly one)')
    try:
        gen_cfg = GenerationConfig(
            max_new_tokens=max_new_tokens,
            greedy=greedy,
            temperature=temperature,
            top_k=top_k,
            top_p=top_p,
            min_p=min_p,
            repetition_penalty=repetition_penalty,
            stop_strings=tuple(stop or ()),
            seed=seed,
        )
        model = HavocModel.from_pretrained(
            ckpt,
            device=device,
            dtype=dtypes[dtype],
            quantize=None if quantize == "none" else quantize,
        )
    except (ValueError, RuntimeError) as exc:
        _fail(str(exc))
    if ids is not None:
        prompt_ids = _parse_ids(ids)
        if stop:
            _fail("--stop needs a text prompt and a tokenizer; with --ids use neither")
        typer.echo("(token ids; no tokenizer used)", err=True)
        try:
            for event in generate(model, [prompt_ids], gen_cfg, compile=compile):
                sys.stdout.write(f"{event.token_id} ")
                sys.stdout.flush()
        except ValueError as exc:
            _fail(str(exc))
        sys.stdout.write("\n")
        return
    tokenizer = _load_tokenizer(ckpt)
    try:
        for piece in stream_text(model, tokenizer, prompt, gen_cfg, compile=compile):
            sys.stdout.write(piece)
            sys.stdout.flush()
    except ValueError as exc:
        _fail(str(exc))
    sys.stdout.write("\n")


def _load_tokenizer(ckpt: Path, tok_dir: Path | None = None):
    tok_dir = tok_dir if tok_dir is not None else ckpt / "tokenizer"
    if not tok_dir.is_dir():
        _fail(
            f"{ckpt} has no tokenizer/ folder, so a text prompt cannot be encoded; "
            'pass the prompt as token ids with --ids "1,2,3" (ids are printed)'
        )
    try:
        from havoc_tokenizer import HavocTokenizer
    except ImportError:
        _fail('havoc-tokenizer is not installed; pass the prompt with --ids "1,2,3"')
    try:
        return HavocTokenizer.from_pretrained(tok_dir)
    except Exception as exc:  # the tokenizer package has its own error type
        _fail(f"cannot load the tokenizer in {tok_dir}: {exc}")


def export_cmd(
    ckpt: Annotated[Path, typer.Argument(help="Checkpoint folder.")],
    out: Annotated[Path, typer.Option(help="Output folder.")],
    format: Annotated[str, typer.Option("--format", help="Only 'hf' (LlamaForCausalLM).")] = "hf",
) -> None:
    """Export a checkpoint (and its tokenizer) as a Hugging Face Llama folder."""
    from havoc_model.hf import export_hf

    if format != "hf":
        _fail(f"--format must be 'hf', got {format!r}")
    try:
        export_hf(ckpt, out)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {out} (transformers.AutoModelForCausalLM.from_pretrained loads it)")


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the top-level app."""
    app.add_typer(model_app, name="model")
    app.command("generate")(generate_cmd)
    app.command("export")(export_cmd)
