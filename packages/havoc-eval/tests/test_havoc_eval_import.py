import importlib.metadata

import havoc_eval


def test_version_matches_distribution() -> None:
    assert havoc_eval.__version__ == importlib.metadata.version("havoc-eval")
