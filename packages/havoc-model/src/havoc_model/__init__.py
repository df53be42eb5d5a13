"""The HAVOC Llama-style decoder: presets up to 7B, KV-cache generation, safetensors checkpoints,
Hugging Face interop.

>>> import torch
>>> from havoc_model import HavocModel, ModelConfig
>>> model = HavocModel(ModelConfig.from_preset("tiny"))
>>> model(torch.tensor([[1, 2, 3]])).shape
torch.Size([1, 3, 8192])
"""

from importlib.metadata import version as _version

from havoc_model.config import ModelConfig, list_presets
from havoc_model.generation import (
    GenerationConfig,
    TokenEvent,
    generate,
    generate_text,
    stream_text,
)
from havoc_model.kv_cache import KVCache, KVCacheView
from havoc_model.loss import linear_cross_entropy
from havoc_model.model import HavocModel
from havoc_model.quantize import QuantizedEmbedding, QuantizedLinear, quantize

__version__ = _version("havoc-model")

__all__ = [
    "GenerationConfig",
    "HavocModel",
    "KVCache",
    "KVCacheView",
    "ModelConfig",
    "QuantizedEmbedding",
    "QuantizedLinear",
    "TokenEvent",
    "__version__",
    "generate",
    "generate_text",
    "linear_cross_entropy",
    "list_presets",
    "quantize",
    "stream_text",
]
