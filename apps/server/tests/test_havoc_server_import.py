import importlib.metadata

import havoc_server


def test_version_matches_distribution() -> None:
    assert havoc_server.__version__ == importlib.metadata.version("havoc-server")
