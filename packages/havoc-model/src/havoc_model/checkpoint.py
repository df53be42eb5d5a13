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
    quantization = getattr(model, "quantization", None)
    metadata = {"format": "pt"}
    meta = {**config.to_dict(), "havoc_version": havoc_version()}
    if quantization is not None:
        metadata["quantization"] = quantization
        meta["quantization"] = quantization_entry(quantization)
    save_file(state, str(directory / WEIGHTS_FILE), metadata=metadata)
    (directory / CONFIG_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def quantization_entry(method: str) -> dict[str, object]:
    """The ``quantization`` entry of a quantised checkpoint's ``config.json``."""
    return {
        "method": method,
        "weights": "int8, symmetric, one scale per output channel (row)",
        "scales": "<name>.scales next to each int8 <name>.weight",
        "modules": "all linear layers, the output head and the token embedding",
    }


def load_quantization(directory: str | Path) -> str | None:
    """The quantisation method of a checkpoint folder ("int8"), or None for float weights."""
    from havoc_model.quantize import METHODS

    data = _read_config_json(directory)
    entry = data.get("quantization")
    if entry is None:
        return None
    method = entry.get("method") if isinstance(entry, dict) else entry
    if method not in METHODS:
        raise ValueError(
            f"{Path(directory) / CONFIG_FILE}: quantization method {method!r} is not one of "
            f"{', '.join(METHODS)}"
        )
    return str(method)


def _read_config_json(directory: str | Path) -> dict:
    path = Path(directory) / CONFIG_FILE
    if not path.is_file():
        raise ValueError(f"not a HAVOC checkpoint: {path} is missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path} must hold a JSON object")
    return data


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
    data = {k: v for k, v in data.items() if k not in ("havoc_version", "quantization")}
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
    quantize: str | None = None,
):
    """Build a `HavocModel` from a checkpoint folder (``config.json`` + ``model.safetensors``).

    A quantised checkpoint (a ``quantization`` entry in ``config.json``) loads as the quantised
    model it is, without re-quantising. ``quantize="int8"`` quantises a float checkpoint after
    loading (before any ``dtype`` cast, so the scales come from the stored weights); for a
    checkpoint already quantised that way it changes nothing. ``dtype`` casts only the
    floating-point tensors (scales and norms); int8 weights stay int8.
    """
    from havoc_model.model import HavocModel
    from havoc_model.quantize import METHODS, make_quantized_skeleton
    from havoc_model.quantize import quantize as quantize_model

    if quantize is not None and quantize not in METHODS:
        raise ValueError(f"quantize={quantize!r} is not one of {', '.join(METHODS)}")
    config = load_config(directory)
    stored = load_quantization(directory)
    if stored is not None and quantize is not None and quantize != stored:
        raise ValueError(f"{directory} is quantised with {stored}, not {quantize}")
    state = load_state_dict(directory, device)
    with torch.device("meta"):
        model = HavocModel(config)
        if stored is not None:
            make_quantized_skeleton(model, stored)
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
    for name, tensor in model.state_dict().items():
        if (tensor.dtype == torch.int8) != (state[name].dtype == torch.int8):
            raise ValueError(f"weight {name} is {state[name].dtype}, expected {tensor.dtype}")
    model.load_state_dict(state, strict=True, assign=True)
    if quantize is not None and stored is None:
        quantize_model(model, quantize)
    if dtype is not None:
        model.to(dtype)  # floating-point tensors only; int8 weights are left as they are
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
