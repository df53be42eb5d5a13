"""Units as people write them out ("12 minutes", "per millimetre", "700 kilos") against the
abbreviations headers carry ("(min)", "mm", "kg"), and the quantity a header's unit measures
("N/mm" is a stiffness, "NTU" a turbidity): general measurement vocabulary, no column names.

>>> spelled_unit("minutes"), spelled_unit("millimetre"), spelled_unit("sausage")
('min', 'mm', '')
>>> sorted(unit_quantities("n/mm"))[:2]
['rate', 'spring']
"""

from __future__ import annotations

import re

# abbreviation -> the words that spell it out (singular; plurals and "-er" spellings derived)
_SPELLED: dict[str, tuple[str, ...]] = {
    "min": ("minute", "min", "mins"), "s": ("second", "sec", "secs"), "h": ("hour", "hr", "hrs"),
    "d": ("day",), "days": ("day",), "wk": ("week",), "mo": ("month",), "yr": ("year",),
    "mm": ("millimetre", "millimeter", "mil"), "cm": ("centimetre", "centimeter"),
    "m": ("metre", "meter"), "km": ("kilometre", "kilometer", "klick"), "um": ("micron", "micrometre", "micrometer"),
    "µm": ("micron", "micrometre", "micrometer"), "in": ("inch",), "ft": ("foot", "feet"),
    "g": ("gram", "gramme"), "kg": ("kilogram", "kilo", "kilogramme"), "mg": ("milligram",),
    "t": ("tonne", "ton"), "lb": ("pound", "lb", "lbs"), "oz": ("ounce",),
    "°c": ("degree", "deg", "celsius", "centigrade"), "c": ("degree", "deg", "celsius", "centigrade"),
    "°f": ("fahrenheit",), "f": ("fahrenheit",), "k": ("kelvin",),
    "bar": ("bar",), "psi": ("psi",), "pa": ("pascal",), "kpa": ("kilopascal",),
    "mpa": ("megapascal",), "n": ("newton",), "kn": ("kilonewton",),
    "nm": ("newton-metre", "newton-meter", "newton metre", "newton meter"),
    "n·m": ("newton-metre", "newton-meter", "newton metre", "newton meter"),
    "v": ("volt",), "mv": ("millivolt",), "kv": ("kilovolt",), "a": ("amp", "ampere", "amps"),
    "ma": ("milliamp", "milliampere"), "w": ("watt",), "watts": ("watt",), "kw": ("kilowatt",), "kwh": ("kilowatt-hour",),
    "ohm": ("ohm",), "mohm": ("milliohm",), "hz": ("hertz",), "khz": ("kilohertz",),
    "l": ("litre", "liter"), "ml": ("millilitre", "milliliter"), "rpm": ("rpm", "revolution"),
    "%": ("percent", "per cent", "percentage point", "pct"), "pct": ("percent", "per cent", "pct"),
    "db": ("decibel",), "mah": ("milliamp-hour", "milliamp hour"), "$": ("dollar", "buck"),
    "k$": ("thousand dollar", "grand"), "€": ("euro",), "£": ("pound", "quid"),
    "gf": ("gram-force", "gram force"), "kgf": ("kilogram-force", "kilogram force"),
    "lbf": ("pound-force", "pound force"), "m3": ("cubic metre", "cubic meter"),
}  # fmt: skip

# currency codes and signs a header may carry ("Spend (USD)", "Price ($/t)")
_CURRENCIES = ("usd", "eur", "gbp", "zar", "inr", "aud", "cad", "chf", "jpy", "$", "€", "£")

# a header's unit -> what it measures (beyond the attribute words reader.named already knows)
_MEASURES: dict[str, tuple[str, ...]] = {
    "ntu": ("turbidity", "cloudiness"), "fnu": ("turbidity",), "n/mm": ("stiffness", "rate", "spring"),
    "kn/mm": ("stiffness",), "mah": ("capacity", "charge"), "ah": ("capacity", "charge"),
    "w/m²": ("irradiance", "sunlight", "insolation"), "w/m2": ("irradiance", "sunlight", "insolation"),
    "db": ("loudness", "noise", "level"), "db/km": ("attenuation", "loss"), "mohm": ("resistance",),
    "mω": ("resistance",), "ω": ("resistance",), "ohm": ("resistance",), "hrc": ("hardness",),
    "hv": ("hardness",), "hb": ("hardness",), "shore": ("hardness",), "mpa": ("strength", "stress"),
    "gpa": ("modulus", "stiffness"), "kn": ("force", "load"), "n": ("force", "load"),
    "nm": ("torque",), "n·m": ("torque",), "bar": ("pressure",), "psi": ("pressure",),
    "kpa": ("pressure",), "rpm": ("speed",), "v": ("voltage",), "a": ("current",),
    "w": ("power",), "kw": ("power",), "kwh": ("energy", "consumption"), "hz": ("frequency",),
    "l/min": ("flow", "flowrate"), "m3/h": ("flow", "flowrate"), "mm/s": ("speed", "velocity"),
    "km/h": ("speed", "velocity"), "°c": ("temperature",), "°f": ("temperature",),
    "cp": ("viscosity",), "mpa·s": ("viscosity",), "ppm": ("concentration",),
    "mg/l": ("concentration", "dose"), "g/l": ("concentration",), "t/ha": ("yield",),
    "kg/ha": ("rate", "application"), "lux": ("light", "brightness", "illuminance"),
    # power, data rates, radio levels, forces as a pull or peel test gives them, sugar on the
    # Brix scale, salinity in practical salinity units, volumes in cubic metres
    "watts": ("power", "wattage", "output"), "watt": ("power", "wattage", "output"),
    "mbps": ("speed", "throughput", "bandwidth"), "gbps": ("speed", "throughput", "bandwidth"),
    "kbps": ("speed", "throughput", "bandwidth"), "dbm": ("signal", "power", "strength"),
    "gf": ("force", "strength", "pull"), "kgf": ("force", "strength", "firmness"),
    "lbf": ("force", "strength", "pull"), "°bx": ("sugar", "sugars", "sweetness"),
    "bx": ("sugar", "sugars", "sweetness"), "brix": ("sugar", "sugars", "sweetness"),
    "psu": ("salinity", "salt", "saltiness"), "m3": ("volume",), "m³": ("volume",),
    # money: what was spent or paid
    **dict.fromkeys(_CURRENCIES, ("spend", "spent", "spending", "paid", "money", "cost", "price")),
}  # fmt: skip

_BY_WORD: dict[str, str] = {}
for _abbr, _words in _SPELLED.items():
    for _w in _words:
        _BY_WORD.setdefault(_w, _abbr)


def spelled_unit(word: str) -> str:
    """The abbreviation a spelled-out unit word stands for ("minutes" -> min), or ""."""
    w = word.lower().strip(".")
    if w in _BY_WORD:
        return _BY_WORD[w]
    for cut in ("es", "s"):
        if w.endswith(cut) and w[: -len(cut)] in _BY_WORD:
            return _BY_WORD[w[: -len(cut)]]
    return ""


def unit_pattern(abbr: str) -> str:
    """A regex alternation for a unit: the abbreviation or any of its spelled-out forms."""
    a = abbr.lower().strip()
    forms = {a} | {w + s for w in _SPELLED.get(a, ()) for s in ("", "s", "es")}
    if a in ("°c", "c", "°f", "f"):
        forms |= {"°" + a.strip("°"), "° " + a.strip("°"), "degrees " + a.strip("°")}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def spelled_units_pattern() -> str:
    """Every spelled-out unit word (singular and plural), as a regex alternation."""
    words = {w + s for ws in _SPELLED.values() for w in ws if len(w) >= 3 for s in ("", "s")}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# the units a header may carry as a word of its own ("Energy kWh", "AvgWatts", "DL Mbps post",
# "Salinity_psu", "m3_cut"): two letters or more, so that "w/" (with) and a single "g" are none
_WORD_UNITS = frozenset(
    "kwh mwh wh kw watts watt mbps gbps kbps dbm db psi kpa mpa bar rpm ntu ppm ppb gf kgf lbf "
    "psu m3 l/min mah hz khz lux mm cm km kg mg ml brix usd eur gbp zar inr".split()
)


def header_units(column: str) -> list[str]:
    """The units a header carries, lower-case and without a degree sign: in brackets ("Pull
    Strength [gf]" -> gf, "Brix (°Bx)" -> bx) or as a word of their own ("Energy kWh" -> kwh,
    "AvgWatts" -> watts)."""
    from havoc_srs.reader.text import split_name

    c = str(column)
    out = [
        re.sub(r"\s+", "", u.strip().lower()).lstrip("°")
        for u in re.findall(r"[\(\[]\s*([^\)\]]{1,14}?)\s*[\)\]]", c)
    ]
    # a rate's numerator is the quantity's own unit too: "($/t)" is a price in dollars
    # (money only: "l/min" is a flow, not a volume)
    out += [u.split("/", 1)[0] for u in out if "/" in u and u.split("/", 1)[0] in _CURRENCIES]
    bare = re.sub(r"[\(\[][^\)\]]*[\)\]]", " ", c)
    out += [w for w in split_name(bare) if w in _WORD_UNITS]
    return [u for u in dict.fromkeys(out) if u]


def spelled_unit_key(word: str) -> str:
    """A unit as the question writes it ("kilos", "gf", "cubic metres", "kWh") -> the key
    ``header_units`` gives, or ""."""
    from havoc_srs.reader.text import STOP

    w = word.lower().strip(".").lstrip("°")
    if len(w) < 2 or w in STOP or w in _NOT_UNITS:
        return ""
    if w in _WORD_UNITS or w in _MEASURES or w in _SPELLED:
        return w
    return spelled_unit(w)


# unit codes that are also words of asking ("min" the minimum, "in", "bar" a chart's bar)
_NOT_UNITS = frozenset("min max in am pm bar do at as db".split())


def spelled_forms(unit: str) -> set[str]:
    """A unit's spelled-out words, singular and plural ("kg" -> kilo, kilos, kilogram ...)."""
    return {w + e for w in _SPELLED.get(unit.lower(), ()) for e in ("", "s") if " " not in w}


def unit_quantities(unit: str) -> tuple[str, ...]:
    """What a header's unit measures ("n/mm" -> stiffness, rate, spring), or ()."""
    return _MEASURES.get(unit.strip().lower().replace(" ", ""), ())
