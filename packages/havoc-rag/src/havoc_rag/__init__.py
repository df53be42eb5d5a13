"""Local retrieval with citations: chunker, local embedder, faiss + BM25 hybrid index, and the HAVOC handbook."""

from importlib.metadata import version as _version

__version__ = _version("havoc-rag")

__all__ = ["__version__"]
