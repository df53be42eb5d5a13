"""The eight-stage SRS reasoning stack: MODE, GROUND, PLAN, EXECUTE, ARGUE, ARBITER, AUDIT, ANSWER."""

from importlib.metadata import version as _version

__version__ = _version("havoc-srs")

__all__ = ["__version__"]
