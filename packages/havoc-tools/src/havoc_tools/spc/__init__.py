"""Statistical process control: control charts, run rules, capability, Gage R&R and MSA.

Every function returns a typed, JSON-serialisable result with a readable ``summary()``.
"""

from .capability import Capability, capability, capability_summary
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
from .false_alarm import FalseAlarm, false_alarm_rate
from .gage import GageRR, gage_rr

# --- capability --- (non-normal capability)
from .nonnormal import (
    BoxCox,
    DistributionID,
    FittedDistribution,
    Johnson,
    NonNormalCapability,
    TransformedCapability,
    boxcox_transform,
    capability_nonnormal,
    capability_transformed,
    fit_distribution,
    identify_distribution,
    johnson_transform,
)
from .rules import RULE_NAMES, RULE_TEXT, RuleReport, nelson_rules

__all__ = [
    "RULE_NAMES",
    "RULE_TEXT",
    "Capability",
    "ChartConstants",
    "ChartPanel",
    "ControlChart",
    "FalseAlarm",
    "GageRR",
    "RuleReport",
    "c4",
    "c_chart",
    "capability",
    "capability_summary",
    "constants",
    "cusum",
    "d2",
    "d3",
    "ewma",
    "false_alarm_rate",
    "gage_rr",
    "imr",
    "nelson_rules",
    "np_chart",
    "p_chart",
    "u_chart",
    "xbar_r",
    "xbar_s",
    # --- capability ---
    "BoxCox",
    "DistributionID",
    "FittedDistribution",
    "Johnson",
    "NonNormalCapability",
    "TransformedCapability",
    "boxcox_transform",
    "capability_nonnormal",
    "capability_transformed",
    "fit_distribution",
    "identify_distribution",
    "johnson_transform",
]

# --- msa ---
from .msa import (  # noqa: E402 - one block at the end, for the merge
    AgreementRow,
    AttributeAgreement,
    BiasRow,
    CohenKappa,
    GageLinearity,
    KappaStat,
    NestedGageRR,
    Type1Gage,
    attribute_agreement,
    cohen_kappa,
    d2_star,
    fleiss_kappa,
    gage_linearity,
    gage_nested,
    gage_type1,
)

__all__ += [
    "AgreementRow",
    "AttributeAgreement",
    "BiasRow",
    "CohenKappa",
    "GageLinearity",
    "KappaStat",
    "NestedGageRR",
    "Type1Gage",
    "attribute_agreement",
    "cohen_kappa",
    "d2_star",
    "fleiss_kappa",
    "gage_linearity",
    "gage_nested",
    "gage_type1",
]
# --- end msa ---
# --- spcpower ---
from .arl import ARLResult, arl, arl_cusum, arl_ewma, arl_shewhart  # noqa: E402
from .charts_extra import laney_p, laney_u, zmr  # noqa: E402

__all__ += [
    "ARLResult",
    "arl",
    "arl_cusum",
    "arl_ewma",
    "arl_shewhart",
    "laney_p",
    "laney_u",
    "zmr",
]
