"""Numbers typed with a unit or a currency on each value ("12 min, 15 min, 9 min, 22 min",
"$4.50, $3.20, $5.10, $2.80", "12%, 15%, 9%, 11%", "1,250 kg; 980 kg; ..."): the units are
dropped so that the list reads as data (:func:`.numbers.inline_table`).

>>> strip_units("Mean of these delivery times: 12 min, 15 min, 9 min, 22 min?")
'Mean of these delivery times: 12, 15, 9, 22?'
>>> strip_units("What is 5 min plus 3 min?")  # fewer than four values: left as it is
'What is 5 min plus 3 min?'
"""

from __future__ import annotations

import re

_UNIT = (
    r"(?:min|mins|minutes?|s|secs?|seconds?|ms|h|hrs?|hours?|days?|weeks?|months?|years?|yrs?|"
    r"kg|g|mg|lbs?|pounds|oz|cm|mm|m|km|miles?|ml|l|litres?|liters?|°\s?[cf]|degrees?|%|"
    r"percent|pts|points|usd|eur|gbp|dollars|euros|k|kwh|mph|kph|bpm|mmhg|units?|pcs|items?)"
)
_VALUE = r"(\d[\d,]*(?:\.\d+)?|\.\d+)"
_WITH_UNIT = re.compile(r"(?<![\w.])" + _VALUE + r"\s?" + _UNIT + r"(?![\w])", re.I)
_WITH_CURRENCY = re.compile(r"[$€£]\s?" + _VALUE + r"(?![\d])")
_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+)(?![\d,])")


def strip_units(question: str) -> str:
    """``question`` with the units of a typed list removed (see the module doc); unchanged
    unless at least four values carry a unit or currency sign."""
    hits = len(_WITH_UNIT.findall(question)) + len(_WITH_CURRENCY.findall(question))
    if hits < 4:
        return question
    out = _WITH_CURRENCY.sub(lambda m: m.group(1), question)
    out = _WITH_UNIT.sub(lambda m: m.group(1), out)
    if re.search(r"\d,\d{3}\s*[;/]", out):  # "1,250; 980": thousands separators
        out = _THOUSANDS.sub(lambda m: m.group(1).replace(",", ""), out)
    return out
