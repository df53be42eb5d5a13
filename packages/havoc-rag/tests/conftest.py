import pytest
from havoc_rag import default_index


@pytest.fixture(scope="session")
def handbook_cache(tmp_path_factory):
    """A cache folder holding the default handbook index, built once per test session."""
    return tmp_path_factory.mktemp("rag-cache")


@pytest.fixture(scope="session")
def handbook_index(handbook_cache):
    return default_index(handbook_cache)
