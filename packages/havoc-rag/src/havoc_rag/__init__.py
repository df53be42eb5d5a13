"""Local retrieval with citations: chunker, local embedder, faiss + BM25 hybrid index, and the HAVOC handbook.

>>> from havoc_rag import default_index, ground
>>> index = default_index()
>>> hits = index.search("my two groups have different spread, which t-test?", k=3)
>>> grounding = ground("Which t-test?", hits, budget_tokens=400)
>>> grounding.sources[0].number
1
"""

from importlib.metadata import version as _version

from havoc_rag.chunking import Chunk, SkippedFile, chunk_markdown, chunk_paths
from havoc_rag.embedders import (
    Embedder,
    HashingEmbedder,
    MeanPoolEmbedder,
    SentenceTransformerEmbedder,
    make_embedder,
)
from havoc_rag.errors import (
    EmbedderMismatchError,
    EmbedderUnavailableError,
    IndexFormatError,
    RagError,
)
from havoc_rag.grounding import Grounding, Source, extract_citations, ground
from havoc_rag.handbook import (
    LabelledQuestion,
    default_cache_dir,
    default_index,
    handbook_config,
    handbook_dir,
    handbook_questions,
    handbook_slugs,
    off_topic_queries,
    question_half,
)
from havoc_rag.index import (
    FORMAT_VERSION,
    Hit,
    Index,
    IndexConfig,
    document_rank_fusion,
    reciprocal_rank_fusion,
)
from havoc_rag.minilm import MiniLMEmbedder, minilm_available
from havoc_rag.query import clean_query
from havoc_rag.relevance import (
    HASHING_RELEVANCE_THRESHOLD,
    RELEVANCE_THRESHOLD,
    calibrated_threshold,
    relevant,
)
from havoc_rag.terms import TERM_GROUPS, expand_terms, lexical_terms

__version__ = _version("havoc-rag")

__all__ = [
    "HASHING_RELEVANCE_THRESHOLD",
    "RELEVANCE_THRESHOLD",
    "calibrated_threshold",
    "off_topic_queries",
    "relevant",
    "FORMAT_VERSION",
    "TERM_GROUPS",
    "expand_terms",
    "lexical_terms",
    "Chunk",
    "Embedder",
    "EmbedderMismatchError",
    "EmbedderUnavailableError",
    "Grounding",
    "HashingEmbedder",
    "Hit",
    "Index",
    "IndexConfig",
    "IndexFormatError",
    "LabelledQuestion",
    "MeanPoolEmbedder",
    "MiniLMEmbedder",
    "RagError",
    "SentenceTransformerEmbedder",
    "SkippedFile",
    "Source",
    "__version__",
    "chunk_markdown",
    "chunk_paths",
    "clean_query",
    "default_cache_dir",
    "default_index",
    "document_rank_fusion",
    "extract_citations",
    "ground",
    "handbook_config",
    "handbook_dir",
    "handbook_questions",
    "question_half",
    "handbook_slugs",
    "make_embedder",
    "minilm_available",
    "reciprocal_rank_fusion",
]
