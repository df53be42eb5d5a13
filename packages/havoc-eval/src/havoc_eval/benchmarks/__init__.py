"""The built-in benchmarks. Importing this package registers them."""

from havoc_eval.benchmarks import domain, smoke, srs  # noqa: F401
