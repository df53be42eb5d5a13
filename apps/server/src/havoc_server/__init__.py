"""havoc-serve: an OpenAI-compatible inference server and the SRS reasoning endpoint."""

from importlib.metadata import version as _version

__version__ = _version("havoc-server")

__all__ = ["__version__"]
