"""Mixture YAML, preprocessing and packed memmap shards for HAVOC training."""

from importlib.metadata import version as _version

from havoc_data.build import build_dataset, read_index
from havoc_data.bundled import bundled_corpus
from havoc_data.config import MixtureConfig, SourceConfig, load_mixture
from havoc_data.errors import DataError
from havoc_data.packed import PackedDataset
from havoc_data.sft import IGNORE_INDEX, SFTDataset

__version__ = _version("havoc-data")

__all__ = [
    "IGNORE_INDEX",
    "DataError",
    "MixtureConfig",
    "PackedDataset",
    "SFTDataset",
    "SourceConfig",
    "__version__",
    "build_dataset",
    "bundled_corpus",
    "load_mixture",
    "read_index",
]
