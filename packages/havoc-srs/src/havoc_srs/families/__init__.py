"""The family registry: one module per analysis family, all in one table, walked by the stages.

Every module holds its reading slots, plan, checks, audits and key numbers, and says which walk
runs it (``PROTOCOL``):

- ``"verdict"`` — the data-description families (correlation, contingency, variance,
  distribution, descriptive): ``plan(reading, ds)``, ``argue(plan, results) -> Verdict`` with
  every method's verdict, ``audit(plan, results, verdict)``, ``answer(...)``; walked by
  :mod:`havoc_srs.stages` (see :class:`~havoc_srs.families.base.Family`).
- ``"arbiter"`` — the engineering families (hypothesis tests, regression, DOE, SPC, capability,
  gage R&R, power, symbolic maths, explanations): ``plan(question, phrasing, ds)``,
  ``argue(plan, ex, arg)`` with alternatives for ARBITER, ``prefer(plan, arg)``,
  ``audit(au, plan, result)``, ``key_numbers``, ``conclusion``, ``next_step``; walked by
  :mod:`havoc_srs.plan`, :mod:`havoc_srs.argue`, :mod:`havoc_srs.audit` and
  :mod:`havoc_srs.answer` (see :class:`~havoc_srs.families.base.EngineeringFamily`).

Both kinds share ``name_``, ``ground_hint`` and a ``plan``, ``argue`` and ``audit`` stage.
"""

from __future__ import annotations

from types import ModuleType

from havoc_srs.families import (
    capability,
    contingency,
    correlation,
    descriptive,
    distribution,
    doe_analysis,
    doe_design,
    general,
    hypothesis_test,
    measurement_system,
    power,
    regression,
    spc_chart,
    symbolic,
    variance,
)

_MODULES = (
    hypothesis_test, regression, doe_design, doe_analysis, spc_chart, capability,
    measurement_system, power, symbolic, correlation, contingency, variance, distribution,
    descriptive, general,
)  # fmt: skip
TABLE: dict[str, ModuleType] = {m.name_: m for m in _MODULES}
REGISTRY: dict[str, ModuleType] = {k: m for k, m in TABLE.items() if m.PROTOCOL == "verdict"}
LEGACY = tuple(k for k, m in TABLE.items() if m.PROTOCOL == "arbiter")
ALL_FAMILIES = tuple(TABLE)
METHOD_NAMES = tuple(m for mod in REGISTRY.values() for m in mod.METHODS)


def get(family: str) -> ModuleType | None:
    return TABLE.get(family)


__all__ = ["ALL_FAMILIES", "LEGACY", "METHOD_NAMES", "REGISTRY", "TABLE", "get"]
