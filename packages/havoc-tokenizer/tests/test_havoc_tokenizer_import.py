import importlib.metadata

import havoc_tokenizer


def test_version_matches_distribution() -> None:
    assert havoc_tokenizer.__version__ == importlib.metadata.version("havoc-tokenizer")
