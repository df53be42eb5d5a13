"""The HAVOC Llama-style decoder: presets up to 7B, KV-cache generation, safetensors checkpoints, Hugging Face interop."""

from importlib.metadata import version as _version

__version__ = _version("havoc-model")

__all__ = ["__version__"]
