"""havoc-serve: an OpenAI-compatible inference server and the SRS reasoning endpoint.

>>> from havoc_server import ServerConfig, create_app  # doctest: +SKIP
>>> app = create_app(model, tokenizer, ServerConfig(model_id="havoc-demo"))  # doctest: +SKIP
"""

from importlib.metadata import version as _version

__version__ = _version("havoc-server")

from havoc_server.app import ServerConfig, create_app  # noqa: E402
from havoc_server.engine import Engine, SamplingParams  # noqa: E402

__all__ = ["Engine", "SamplingParams", "ServerConfig", "__version__", "create_app"]
