"""The training loop: one step = k accumulated micro-batches → clip → AdamW → schedule.

Everything that makes a run reproducible flows through here: the batch of step ``s`` is a pure
function of ``(seed, s)``; checkpoints carry the model, optimizer, scheduler, data position and
every RNG state, so a resumed run continues bit-exactly (on CPU) where the saved one stopped.

>>> from havoc_train import TrainConfig, Trainer
>>> cfg = TrainConfig.from_yaml("configs/training/tiny.yaml", ["train.max_steps=5"])
>>> result = Trainer(cfg, out_dir="runs/demo").run()  # doctest: +SKIP
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from havoc_train.checkpoint import CheckpointManager, load_training_state, save_final_model
from havoc_train.config import TrainConfig
from havoc_train.data import DataModule, prepare_data
from havoc_train.flops import matmul_flops_per_token, measure_matmul_peak, palm_flops_per_token
from havoc_train.metrics import MetricsLogger, plot_loss_curve, truncate_metrics
from havoc_train.optim import build_adamw
from havoc_train.parallel import init_distributed, parallelize, unwrap
from havoc_train.precision import Precision, resolve_device
from havoc_train.progress import TrainProgress
from havoc_train.schedule import LrScheduler, make_schedule
from havoc_train.step import IGNORE_INDEX, _all_reduce_sum, logits_of, loss_sum, train_step


@dataclass
class TrainResult:
    """What a finished run produced."""

    out_dir: Path
    final_dir: Path | None
    step: int
    last_loss: float
    val_loss: float | None
    val_ppl: float | None
    unigram_ppl: float | None
    tokens_seen: int
    seconds: float


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def build_model(cfg: TrainConfig, vocab_size: int, device: torch.device) -> nn.Module:
    """The havoc-model decoder for ``cfg.model`` with the tokenizer's vocabulary size."""
    from havoc_model import HavocModel, ModelConfig

    preset = cfg.model.preset
    if preset.endswith((".yaml", ".yml")):
        model_cfg = ModelConfig.from_yaml(preset)
    else:
        model_cfg = ModelConfig.from_preset(preset)
    changes = {"vocab_size": vocab_size, **cfg.model.overrides}
    try:
        model_cfg = model_cfg.replace(**changes)
    except ValueError as exc:
        raise ValueError(f"model.overrides: {exc}") from None
    if model_cfg.vocab_size < vocab_size:
        raise ValueError(
            f"model vocab_size {model_cfg.vocab_size} is smaller than the tokenizer's {vocab_size}"
        )
    if cfg.data.seq_len > model_cfg.max_seq_len:
        raise ValueError(
            f"data.seq_len {cfg.data.seq_len} exceeds the model's max_seq_len "
            f"{model_cfg.max_seq_len}"
        )
    with torch.device(device):
        return HavocModel(model_cfg)


class Trainer:
    """Runs a :class:`TrainConfig` into ``out_dir``: metrics, TensorBoard, checkpoints, PNG."""

    def __init__(
        self,
        cfg: TrainConfig,
        out_dir: str | Path,
        *,
        resume: bool = False,
        progress: bool = True,
        cache_dir: str | Path | None = None,
        data: DataModule | None = None,
    ) -> None:
        self.cfg = cfg
        self.out_dir = Path(out_dir)
        self.resume = resume
        self.show_progress = progress
        self.cache_dir = cache_dir
        self.data = data

    # -- setup --------------------------------------------------------------------------------
    def _setup(self) -> None:
        cfg = self.cfg
        self.device = resolve_device(cfg.train.device)
        self.dist = init_distributed(self.device, cfg.distributed.backend)
        if self.device.type == "cuda" and self.dist.enabled:
            self.device = torch.device("cuda", self.dist.local_rank)
            torch.cuda.set_device(self.device)
        strategy = cfg.distributed.strategy
        if strategy == "auto":
            strategy = "fsdp" if self.dist.enabled else "none"
        if strategy != "none" and not self.dist.enabled:
            strategy = "none"  # one process: nothing to wrap
        self.strategy = strategy
        self.precision = Precision.resolve(cfg.train.precision, self.device)
        seed_everything(cfg.seed)
        if self.data is None:
            self.data = prepare_data(cfg, self.cache_dir, self.dist, progress=self.show_progress)
        model = build_model(cfg, self.data.vocab_size, self.device)
        if cfg.model.init_from:
            from havoc_model.checkpoint import load_state_dict

            from havoc_train.data import default_cache_dir, resolve_init_from

            cache = Path(self.cache_dir) if self.cache_dir else default_cache_dir()
            src = resolve_init_from(cfg.model.init_from, cache, self.show_progress)
            try:
                model.load_state_dict(load_state_dict(src, self.device), strict=True)
            except RuntimeError as exc:
                raise ValueError(
                    f"model.init_from {src} does not fit model.preset: {exc}"
                ) from None
        self.model_config = model.config
        self.raw_model = model
        # MFU counts every matmul executed (the head included, tied or not); the PaLM count
        # (tied head left out) is logged beside it as mfu_palm. See havoc_train.flops.
        self.flops_per_token = matmul_flops_per_token(self.model_config, cfg.data.seq_len)
        self.palm_flops_per_token = palm_flops_per_token(self.model_config, cfg.data.seq_len)
        self.model = parallelize(
            model,
            strategy,
            self.device,
            activation_checkpointing=cfg.train.activation_checkpointing,
            compile=cfg.train.compile,
            reshard_after_forward=cfg.distributed.reshard_after_forward,
            # FSDP2 gathers low-precision weights and reduces gradients in fp32 (torchtitan).
            mixed_precision_dtype=self.precision.autocast_dtype if strategy == "fsdp" else None,
        )
        o = cfg.optim
        self.optimizer = build_adamw(self.model, o.lr, o.weight_decay, o.betas, o.eps, o.fused)
        s = cfg.schedule
        factor = make_schedule(
            s.kind, s.warmup_steps, cfg.train.max_steps, s.min_lr_ratio, s.decay_fraction
        )
        self.scheduler = LrScheduler(self.optimizer, factor)
        self.scaler = self.precision.grad_scaler()
        self.ckpt = CheckpointManager(
            self.out_dir / "checkpoints", cfg.checkpoint.keep_last, cfg.checkpoint.keep_best
        )
        self.step = 0
        self.tokens_seen = 0
        self.best_val: float | None = None
        if self.resume:
            latest = self.ckpt.latest()
            if latest is not None:
                state = load_training_state(
                    latest, self.model, self.optimizer, self.scheduler, self.scaler, self.dist
                )
                self.step = int(state["step"])
                self.tokens_seen = int(state["tokens_seen"])
                self.best_val = state.get("best_val_loss")
                if self.dist.is_main:
                    truncate_metrics(self.out_dir / "metrics.jsonl", self.step)
        self.rows_per_rank = cfg.train.micro_batch_size * cfg.train.grad_accum_steps
        self.tokens_per_step = self.rows_per_rank * self.dist.world_size * cfg.data.seq_len
        self.peak_flops = self._measure_peak()

    def _measure_peak(self) -> float:
        dtype = self.precision.autocast_dtype or torch.float32
        return measure_matmul_peak(dtype, self.device, (512, 1024), min_seconds=0.1)

    # -- pieces ---------------------------------------------------------------------------------
    def _micro_batches(self, step: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """This rank's share of the global batch of ``step``, split into micro-batches."""
        x, y = self.data.train_batch(step, self.rows_per_rank, self.dist.rank, self.dist.world_size)
        b = self.cfg.train.micro_batch_size
        return [
            (
                x[i : i + b].to(self.device, non_blocking=True),
                y[i : i + b].to(self.device, non_blocking=True),
            )
            for i in range(0, self.rows_per_rank, b)
        ]

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        """Validation loss (nats/token), perplexity and bits per byte on fixed held-out batches."""
        self.model.eval()
        ev = self.cfg.eval
        b = self.cfg.train.micro_batch_size
        total = torch.zeros(3, dtype=torch.float64, device=self.device)  # nats, tokens, bytes
        byte_table = self.data.bytes_per_token.to(self.device)
        for i in range(ev.batches):
            x, y = self.data.val_batch(i, b, self.dist.rank, self.dist.world_size)
            x, y = x.to(self.device), y.to(self.device)
            with self.precision.autocast():
                summed = loss_sum(self.model, x, y)
            mask = y != IGNORE_INDEX
            total[0] += summed.double()
            total[1] += mask.sum()
            total[2] += byte_table[y[mask]].sum()
        total = _all_reduce_sum(total, self.dist)
        self.model.train()
        nats, tokens, nbytes = (float(v) for v in total)
        val_loss = nats / max(tokens, 1.0)
        return {
            "val_loss": val_loss,
            "val_ppl": math.exp(min(val_loss, 700.0)),
            "val_bpb": nats / math.log(2) / max(nbytes, 1.0),
        }

    @torch.no_grad()
    def sample_completions(self) -> list[str]:
        """A few sampled continuations of the eval prompts (a private RNG: training RNG is
        untouched, so sampling never changes the loss curve)."""
        ev = self.cfg.eval
        prompts = ev.prompts[: ev.samples]
        if not prompts:
            return []
        model = unwrap(self.model)
        model.eval()
        gen = torch.Generator(device=self.device).manual_seed(self.cfg.seed + self.step)
        tok = self.data.tokenizer
        out = []
        for prompt in prompts:
            ids = self.data.encode_prompt(prompt)
            x = torch.tensor([ids], device=self.device, dtype=torch.long)
            max_len = self.model_config.max_seq_len
            for _ in range(ev.max_new_tokens):
                with self.precision.autocast():
                    logits = logits_of(model(x[:, -max_len:]))[0, -1].float()
                if ev.temperature == 0:
                    nxt = int(logits.argmax())
                else:
                    logits = logits / ev.temperature
                    if ev.top_k > 0:
                        kth = torch.topk(logits, min(ev.top_k, logits.numel())).values[-1]
                        logits = logits.masked_fill(logits < kth, float("-inf"))
                    probs = torch.softmax(logits, dim=-1)
                    nxt = int(torch.multinomial(probs, 1, generator=gen))
                if nxt == self.data.eos_id:
                    break
                x = torch.cat([x, torch.tensor([[nxt]], device=self.device)], dim=1)
            out.append(prompt + " ⟶ " + tok.decode(x[0, len(ids) :].tolist()))
        model.train()
        return out

    def _validate(self, logger: MetricsLogger | None) -> dict[str, float]:
        metrics = self.evaluate()
        samples = self.sample_completions()
        if logger is not None:
            logger.log({"step": self.step, **metrics})
            if samples:
                logger.log_text("samples", "\n".join(samples), self.step)
        return metrics

    def _save(self, val_loss: float | None) -> None:
        self.ckpt.save(
            step=self.step,
            model=self.model,
            raw_model=self.raw_model,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            scaler=self.scaler,
            tokenizer_dir=self.data.tokenizer_dir,
            trainer_state={
                "step": self.step,
                "tokens_seen": self.tokens_seen,
                "data_position": {"seed": self.cfg.seed, "next_step": self.step},
                "best_val_loss": self.best_val,
                "val_loss": val_loss,
                "world_size": self.dist.world_size,
                "config": self.cfg.to_dict(),
            },
            dist_info=self.dist,
        )

    # -- the loop -------------------------------------------------------------------------------
    def run(self) -> TrainResult:
        t_start = time.perf_counter()
        self._setup()
        cfg = self.cfg
        main = self.dist.is_main
        logger = MetricsLogger(self.out_dir) if main else None
        if main and self.step == 0:
            logger.log(
                {
                    "step": 0,
                    "unigram_loss": self.data.unigram_loss,
                    "unigram_ppl": math.exp(self.data.unigram_loss),
                    "params": sum(p.numel() for p in self.raw_model.parameters()),
                    "flops_per_token": self.flops_per_token,
                    "palm_flops_per_token": self.palm_flops_per_token,
                    "peak_flops": self.peak_flops,
                    "world_size": self.dist.world_size,
                    "strategy": self.strategy,
                    "precision": self.precision.name,
                }
            )
        progress = TrainProgress(
            cfg.train.max_steps, self.step, enabled=main and self.show_progress
        )
        self.model.train()
        last_loss = float("nan")
        val: dict[str, float] = {}
        window_tokens, window_t0 = 0, time.perf_counter()
        deadline = t_start + cfg.train.max_minutes * 60 if cfg.train.max_minutes > 0 else None
        with progress:
            while self.step < cfg.train.max_steps:
                lr = self.scheduler.get_last_lr()[0]
                loss, grad_norm, n_tokens = train_step(
                    self.model,
                    self._micro_batches(self.step),
                    self.optimizer,
                    self.scaler,
                    self.precision,
                    cfg.train.grad_clip,
                    self.dist,
                )
                self.scheduler.step()
                self.step += 1
                self.tokens_seen += self.tokens_per_step
                window_tokens += self.tokens_per_step
                last_loss = loss
                if not math.isfinite(loss):
                    raise FloatingPointError(f"loss became {loss} at step {self.step}")
                now = time.perf_counter()
                tps = window_tokens / max(now - window_t0, 1e-9)
                mfu = tps / self.dist.world_size * self.flops_per_token / self.peak_flops
                if mfu > 1.0:
                    # the start-up peak was measured while something else held the cores; a
                    # fresh measurement (best so far is kept) is the honest denominator
                    self.peak_flops = max(self.peak_flops, self._measure_peak())
                    mfu = tps / self.dist.world_size * self.flops_per_token / self.peak_flops
                progress.update(self.step, loss=loss, lr=lr, tokens_per_s=tps, mfu=mfu)
                if main and (self.step % cfg.train.log_every == 0 or self.step == 1):
                    logger.log(
                        {
                            "step": self.step,
                            "loss": loss,
                            "lr": lr,
                            "tokens_per_s": tps,
                            "mfu": mfu,
                            "mfu_palm": mfu * self.palm_flops_per_token / self.flops_per_token,
                            "grad_norm": grad_norm,
                            "tokens": self.tokens_seen,
                        }
                    )
                    window_tokens, window_t0 = 0, time.perf_counter()
                out_of_time = deadline is not None and now >= deadline
                done = self.step >= cfg.train.max_steps or out_of_time
                do_eval = done or (cfg.eval.every and self.step % cfg.eval.every == 0)
                val_loss = None
                if do_eval:
                    val = self._validate(logger)
                    val_loss = val["val_loss"]
                    progress.note(
                        f"step {self.step}: val loss {val_loss:.3f}, ppl {val['val_ppl']:.1f}, "
                        f"bpb {val['val_bpb']:.3f}"
                    )
                    if self.best_val is None or val_loss < self.best_val:
                        self.best_val = val_loss
                if done or (cfg.checkpoint.every and self.step % cfg.checkpoint.every == 0):
                    self._save(val_loss)
                    window_tokens, window_t0 = 0, time.perf_counter()  # saves are not training
                if out_of_time:
                    break
        final_dir = None
        if main:
            logger.close()
            plot_loss_curve(
                self.out_dir / "metrics.jsonl", self.out_dir / "loss.png", title=cfg.name
            )
        final_dir = save_final_model(
            self.out_dir / "final", self.model, self.raw_model, self.data.tokenizer_dir, self.dist
        )
        return TrainResult(
            out_dir=self.out_dir,
            final_dir=final_dir,
            step=self.step,
            last_loss=last_loss,
            val_loss=val.get("val_loss"),
            val_ppl=val.get("val_ppl"),
            unigram_ppl=math.exp(self.data.unigram_loss),
            tokens_seen=self.tokens_seen,
            seconds=time.perf_counter() - t_start,
        )
