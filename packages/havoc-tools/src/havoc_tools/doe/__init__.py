"""Design of experiments: design generators and their analysis.

Every generator returns a :class:`Design` (``.table`` DataFrame with coded and actual columns,
run order and blocks; ``.to_csv(path)``); every analysis returns a typed, JSON-serialisable
result with a readable ``summary()``.
"""

from .aliasing import AliasStructure
from .analysis import FactorialAnalysis, analyze_factorial, lenth
from .design import Design
from .factorial import fractional_factorial, full_factorial
from .rsm_designs import box_behnken, ccd_alpha, central_composite, latin_hypercube
from .screening import plackett_burman, taguchi, taguchi_array

__all__ = [
    "AliasStructure",
    "Design",
    "FactorialAnalysis",
    "analyze_factorial",
    "box_behnken",
    "ccd_alpha",
    "central_composite",
    "fractional_factorial",
    "full_factorial",
    "latin_hypercube",
    "lenth",
    "plackett_burman",
    "taguchi",
    "taguchi_array",
]
