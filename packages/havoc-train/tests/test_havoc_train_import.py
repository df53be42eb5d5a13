import importlib.metadata

import havoc_train


def test_version_matches_distribution() -> None:
    assert havoc_train.__version__ == importlib.metadata.version("havoc-train")
