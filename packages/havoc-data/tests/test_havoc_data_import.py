import importlib.metadata

import havoc_data


def test_version_matches_distribution() -> None:
    assert havoc_data.__version__ == importlib.metadata.version("havoc-data")
