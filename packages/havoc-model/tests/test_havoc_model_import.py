import importlib.metadata

import havoc_model


def test_version_matches_distribution() -> None:
    assert havoc_model.__version__ == importlib.metadata.version("havoc-model")
