import importlib.metadata

import havoc_rag


def test_version_matches_distribution() -> None:
    assert havoc_rag.__version__ == importlib.metadata.version("havoc-rag")
