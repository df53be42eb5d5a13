import importlib.metadata

import havoc_cli


def test_version_matches_distribution() -> None:
    assert havoc_cli.__version__ == importlib.metadata.version("havoc-cli")
