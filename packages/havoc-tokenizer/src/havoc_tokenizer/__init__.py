"""SentencePiece domain tokenizer with reserved SRS/DSL markers and Hugging Face export."""

from importlib.metadata import version as _version

from havoc_tokenizer.chat import ROLES
from havoc_tokenizer.errors import TokenizerError
from havoc_tokenizer.normalize import normalize
from havoc_tokenizer.special_tokens import (
    CONTENT_MARKERS,
    SPECIAL_TOKEN_IDS,
    SPECIAL_TOKENS,
)
from havoc_tokenizer.tokenizer import HavocTokenizer, IncrementalDecoder
from havoc_tokenizer.train import TokenizerConfig, collect_files, train_from_config, train_tokenizer

__version__ = _version("havoc-tokenizer")

__all__ = [
    "CONTENT_MARKERS",
    "ROLES",
    "SPECIAL_TOKENS",
    "SPECIAL_TOKEN_IDS",
    "HavocTokenizer",
    "IncrementalDecoder",
    "TokenizerConfig",
    "TokenizerError",
    "__version__",
    "collect_files",
    "normalize",
    "train_from_config",
    "train_tokenizer",
]
