import importlib.metadata

import havoc_srs


def test_version_matches_distribution() -> None:
    assert havoc_srs.__version__ == importlib.metadata.version("havoc-srs")
