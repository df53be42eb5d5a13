import importlib.metadata

import havoc_tools


def test_version_matches_distribution() -> None:
    assert havoc_tools.__version__ == importlib.metadata.version("havoc-tools")
