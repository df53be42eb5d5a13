"""Design of experiments: design generators and their analysis.

Every generator returns a :class:`Design` (``.table`` DataFrame with coded and actual columns,
run order and blocks; ``.to_csv(path)``); every analysis returns a typed, JSON-serialisable
result with a readable ``summary()``.
"""

from .aliasing import AliasStructure
from .analysis import FactorialAnalysis, analyze_factorial, lenth
from .design import Design
from .desirability import DesirabilityResult, Goal, desirability
from .factorial import fractional_factorial, full_factorial
from .rsm import ResponseSurface, fit_response_surface
from .rsm_designs import box_behnken, ccd_alpha, central_composite, latin_hypercube
from .screening import plackett_burman, taguchi, taguchi_array

# --- doe ---
# isort: split
from .dsd import conference_matrix, definitive_screening
from .foldover import foldover
from .mixture import mixture_design
from .optimal import OptimalDesign, d_optimal
from .reduction import backward_reduce

# --- end doe ---

__all__ = [
    "AliasStructure",
    "Design",
    "DesirabilityResult",
    "FactorialAnalysis",
    "Goal",
    "ResponseSurface",
    "analyze_factorial",
    "box_behnken",
    "ccd_alpha",
    "central_composite",
    "desirability",
    "fit_response_surface",
    "fractional_factorial",
    "full_factorial",
    "latin_hypercube",
    "lenth",
    "plackett_burman",
    "taguchi",
    "taguchi_array",
    # --- doe ---
    "OptimalDesign",
    "backward_reduce",
    "conference_matrix",
    "d_optimal",
    "definitive_screening",
    "foldover",
    "mixture_design",
]
