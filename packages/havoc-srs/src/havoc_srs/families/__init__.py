"""The family registry: one module per analysis family, walked by the pipeline's stages.

The five data-description families (correlation, contingency, variance, distribution,
descriptive) are modules here with ``plan``, ``argue``, ``audit`` and ``answer``. The ten
engineering families still run through the stage modules (plan.py, argue.py, audit.py,
answer.py) and are listed in ``LEGACY``; moving them into modules of their own is tracked work.
"""

from __future__ import annotations

from types import ModuleType

from havoc_srs.families import contingency, correlation, descriptive, distribution, variance

REGISTRY: dict[str, ModuleType] = {
    "correlation": correlation,
    "contingency": contingency,
    "variance": variance,
    "distribution": distribution,
    "descriptive": descriptive,
}
LEGACY = (
    "hypothesis_test", "regression", "doe_design", "doe_analysis", "spc_chart", "capability",
    "measurement_system", "power", "symbolic", "general",
)  # fmt: skip
ALL_FAMILIES = LEGACY[:-1] + tuple(REGISTRY) + ("general",)
METHOD_NAMES = tuple(m for mod in REGISTRY.values() for m in mod.METHODS)


def get(family: str) -> ModuleType | None:
    return REGISTRY.get(family)


__all__ = ["ALL_FAMILIES", "LEGACY", "METHOD_NAMES", "REGISTRY", "get"]
