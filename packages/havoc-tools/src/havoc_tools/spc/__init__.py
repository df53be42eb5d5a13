"""Statistical process control: control charts, run rules, capability and Gage R&R.

Every function returns a typed, JSON-serialisable result with a readable ``summary()``.
"""

from .capability import Capability, capability
from .charts import (
    ChartPanel,
    ControlChart,
    c_chart,
    cusum,
    ewma,
    imr,
    np_chart,
    p_chart,
    u_chart,
    xbar_r,
    xbar_s,
)
from .constants import ChartConstants, c4, constants, d2, d3
from .gage import GageRR, gage_rr
from .rules import RULE_TEXT, RuleReport, nelson_rules

__all__ = [
    "RULE_TEXT",
    "Capability",
    "ChartConstants",
    "ChartPanel",
    "ControlChart",
    "GageRR",
    "RuleReport",
    "c4",
    "c_chart",
    "capability",
    "constants",
    "cusum",
    "d2",
    "d3",
    "ewma",
    "gage_rr",
    "imr",
    "nelson_rules",
    "np_chart",
    "p_chart",
    "u_chart",
    "xbar_r",
    "xbar_s",
]
