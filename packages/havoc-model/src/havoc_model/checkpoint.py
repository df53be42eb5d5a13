"""Checkpoint directories (docs/ARCHITECTURE.md §3), written atomically.

A checkpoint is a folder with ``config.json`` (the `ModelConfig` fields plus ``havoc_version``)
and ``model.safetensors``; training runs add ``trainer_state.json`` / ``optimizer.pt`` and a
``tokenizer/`` subfolder may sit next to them. Everything is first written into a hidden
temporary sibling folder, which replaces the target only when the whole write succeeded.

>>> import tempfile, pathlib
>>> from havoc_model import HavocModel, ModelConfig
>>> from havoc_model.checkpoint import atomic_directory, save_model_files, load_model_files
>>> out = pathlib.Path(tempfile.mkdtemp()) / "step-100"
>>> with atomic_directory(out) as tmp:
...     save_model_files(HavocModel(ModelConfig.from_preset("tiny")), tmp)
...     _ = (tmp / "trainer_state.json").write_text("{}")
>>> sorted(p.name for p in out.iterdir())
['config.json', 'model.safetensors', 'trainer_state.json']
>>> load_model_files(out).config.d_model
256
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from importlib.metadata import version as _dist_version
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file

from havoc_model.config import ModelConfig

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_DIR = "tokenizer"


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield an empty temporary sibling folder; on success it replaces ``path``.

    If the block raises, the temporary folder is deleted and ``path`` is untouched. An existing
    ``path`` is first renamed aside, then the new folder renamed in, then the old one deleted:
    a crash can leave ``path`` missing (with a hidden ``.<name>.old-*`` sibling) but never a
    half-written folder under the real name. Hidden ``.<name>.tmp-*`` leftovers of a crash are
    safe to delete.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"checkpoint path {path} exists and is not a directory")
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=parent))
    try:
        yield tmp
        _fsync_tree(tmp)
        if path.exists():
            old = parent / f".{path.name}.old-{uuid.uuid4().hex[:8]}"
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
        _fsync_dir(parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def havoc_version() -> str:
    return _dist_version("havoc-model")


def save_model_files(model: torch.nn.Module, directory: str | Path) -> None:
    """Write ``config.json`` and ``model.safetensors`` of ``model`` into an existing folder.

    Unwraps ``torch.compile`` wrappers; weights go to the CPU, keep their dtype and tied
    embeddings are stored once.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"checkpoint folder {directory} does not exist")
    model = getattr(model, "_orig_mod", model)
    config = getattr(model, "config", None)
    if not isinstance(config, ModelConfig):
        raise ValueError("save_model_files needs a HavocModel (a module with a ModelConfig)")
    state = {k: v.detach().to("cpu").contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(directory / WEIGHTS_FILE), metadata={"format": "pt"})
    meta = {**config.to_dict(), "havoc_version": havoc_version()}
    (directory / CONFIG_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def load_config(directory: str | Path) -> ModelConfig:
    """Read the `ModelConfig` of a checkpoint folder."""
    path = Path(directory) / CONFIG_FILE
    if not path.is_file():
        raise ValueError(f"not a HAVOC checkpoint: {path} is missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path} must hold a JSON object")
    if "havoc_version" not in data:
        raise ValueError(f"{path} has no 'havoc_version': not a HAVOC checkpoint config")
    data = {k: v for k, v in data.items() if k != "havoc_version"}
    try:
        return ModelConfig.from_dict(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


def load_state_dict(
    directory: str | Path, device: torch.device | str | None = None
) -> dict[str, torch.Tensor]:
    """The tensors of ``model.safetensors`` (no pickle involved)."""
    path = Path(directory) / WEIGHTS_FILE
    if not path.is_file():
        raise ValueError(f"not a HAVOC checkpoint: {path} is missing")
    target = "cpu" if device is None else str(torch.device(device))
    with safe_open(str(path), framework="pt", device=target) as fh:
        return {name: fh.get_tensor(name) for name in fh.keys()}  # noqa: SIM118


def load_model_files(
    directory: str | Path,
    device: torch.device | str | None = None,
    dtype: torch.dtype | None = None,
):
    """Build a `HavocModel` from a checkpoint folder (``config.json`` + ``model.safetensors``)."""
    from havoc_model.model import HavocModel

    config = load_config(directory)
    state = load_state_dict(directory, device)
    with torch.device("meta"):
        model = HavocModel(config)
    expected = set(model.state_dict())
    missing, unexpected = sorted(expected - set(state)), sorted(set(state) - expected)
    if missing or unexpected:
        raise ValueError(
            f"{Path(directory) / WEIGHTS_FILE} does not match its config: "
            f"missing {missing[:5]}{'...' if len(missing) > 5 else ''}, "
            f"unexpected {unexpected[:5]}{'...' if len(unexpected) > 5 else ''}"
        )
    for name, tensor in model.state_dict().items():
        if tuple(state[name].shape) != tuple(tensor.shape):
            raise ValueError(
                f"weight {name} has shape {tuple(state[name].shape)}, config implies "
                f"{tuple(tensor.shape)}"
            )
    if dtype is not None:
        state = {k: v.to(dtype) for k, v in state.items()}
    model.load_state_dict(state, strict=True, assign=True)
    model.reset_rope()
    return model.eval()


def save_checkpoint(
    model: torch.nn.Module,
    directory: str | Path,
    extra_files: dict[str, str | Path | bytes] | None = None,
) -> Path:
    """Atomically write a model checkpoint folder.

    ``extra_files`` maps a relative name inside the checkpoint to a `pathlib.Path` (a file or
    folder, copied) or to ``bytes`` / ``str`` content. If ``directory`` already holds a ``tokenizer/``
    and ``extra_files`` brings none, the existing tokenizer is kept.
    """
    directory = Path(directory)
    extra = dict(extra_files or {})
    for name in extra:
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise ValueError(f"extra_files name {name!r} must be a relative path inside the folder")
    old_tokenizer = directory / TOKENIZER_DIR
    with atomic_directory(directory) as tmp:
        save_model_files(model, tmp)
        if old_tokenizer.is_dir() and not any(Path(n).parts[0] == TOKENIZER_DIR for n in extra):
            shutil.copytree(old_tokenizer, tmp / TOKENIZER_DIR)
        for name, source in extra.items():
            dest = tmp / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, bytes):
                dest.write_bytes(source)
            elif isinstance(source, Path):
                src = source
                if src.is_dir():
                    shutil.copytree(src, dest)
                elif src.is_file():
                    shutil.copy2(src, dest)
                else:
                    raise ValueError(f"extra file source {src} does not exist")
            elif isinstance(source, str):
                dest.write_text(source, encoding="utf-8")
            else:
                raise ValueError(f"extra_files[{name!r}] must be a pathlib.Path, bytes or str")
    return directory
