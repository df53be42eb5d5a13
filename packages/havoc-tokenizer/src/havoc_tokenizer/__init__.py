"""SentencePiece domain tokenizer with reserved SRS/DSL markers and Hugging Face export."""

from importlib.metadata import version as _version

__version__ = _version("havoc-tokenizer")

__all__ = ["__version__"]
