"""Column grounding: which of the table's columns (and which cell values) a question names.

People rarely type a header exactly: "GRE scores" means ``GRE Score``, "body mass index" means
``bmi``, "chance of admit" means ``Chance of Admit ``, "2015" means ``F2015``, "sweet products"
means ``MntSweetProducts``. Each header is split into words (snake_case, camelCase, digits),
units in brackets are set aside, abbreviations are expanded both ways, and each variant is
matched against the question's words with stems and typo tolerance. A header word that no other
column has (``GRE``) is enough on its own. Label columns are also grounded by their values
("Nigeria and Indonesia" → the rows of ``Area`` with those values).

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"GRE Score": [320, 310], "TOEFL Score": [110, 100],
...                                       "Chance of Admit ": [0.9, 0.7]}))
>>> [m.column for m in ground_columns("Is GRE correlated with the chance of admission?", ds)]
['GRE Score', 'Chance of Admit']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from havoc_srs.reader.lexicon import merge_synonyms
from havoc_srs.reader.text import STOP, Token, split_name, stem, tokens, word_match

# Abbreviation -> words, used both ways (header "bmi" matches "body mass index" and vice versa).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bmi": ("body", "mass", "index"), "hp": ("horsepower",), "mpg": ("miles", "per", "gallon"),
    "temp": ("temperature",), "qty": ("quantity",), "amt": ("amount",), "mnt": ("amount",),
    "num": ("number",), "no": ("number",), "nb": ("number",), "pct": ("percent",),
    "perc": ("percent",), "avg": ("average",), "std": ("standard",), "yr": ("year",),
    "yrs": ("years",), "hrs": ("hours",), "hr": ("hour",), "min": ("minute",), "sec": ("second",),
    "wt": ("weight",), "ht": ("height",), "dia": ("diameter",), "diam": ("diameter",),
    "len": ("length",), "vol": ("volume",), "pop": ("population",), "gdp": ("gross", "domestic", "product"),
    "edu": ("education",), "educ": ("education",), "inc": ("income",), "exp": ("expenditure",),
    "rev": ("revenue",), "prod": ("production",), "cnt": ("count",), "dept": ("department",),
    "mgmt": ("management",), "emp": ("employee",), "cust": ("customer",), "addr": ("address",),
    "dob": ("date", "of", "birth"), "bp": ("blood", "pressure"), "hr_": ("heart", "rate"),
    "chol": ("cholesterol",), "sat": ("satisfaction",), "pres": ("pressure",),
    "press": ("pressure",), "conc": ("concentration",), "thk": ("thickness",),
    "thick": ("thickness",), "res": ("resistance",), "spd": ("speed",), "rpm": ("speed",),
    "kcal": ("calories",), "cal": ("calories",),
    "cgpa": ("gpa",), "gpa": ("grade", "point", "average"), "sop": ("statement", "of", "purpose"),
    "lor": ("letter", "of", "recommendation"), "toefl": ("toefl",), "gre": ("gre",),
    "kidhome": ("kids", "home"), "teenhome": ("teens", "home"), "recency": ("recency",),
    "lat": ("latitude",), "lon": ("longitude",), "lng": ("longitude",), "alt": ("altitude",),
    "max": ("maximum",), "avgexp": ("average", "expenditure"), "incomesq": ("income", "squared"),
    "ownrent": ("own", "rent"), "unemp": ("unemployment",), "infl": ("inflation",),
    "realgdp": ("real", "gdp"), "realcons": ("real", "consumption"), "realinv": ("real", "investment"),
    "cons": ("consumption",), "inv": ("investment",), "govt": ("government",),
    "tbilrate": ("treasury", "bill", "rate"), "def": ("deflator",), "sd": ("standard", "deviation"),
    "tbill": ("treasury", "bill"), "m1": ("money", "supply"), "cpi": ("consumer", "price", "index"),
    "trestbps": ("resting", "blood", "pressure"), "thalach": ("maximum", "heart", "rate"),
    "exang": ("exercise", "induced", "angina"), "fbs": ("fasting", "blood", "sugar"),
    "restecg": ("resting", "ecg"), "cp": ("chest", "pain"), "oldpeak": ("st", "depression"),
    "ca": ("major", "vessels"), "thal": ("thalassemia",), "gr": ("ground",), "liv": ("living",),
    "sqft": ("square", "feet"), "sf": ("square", "feet"), "bsmt": ("basement",), "yr_": ("year",),
    "lr": ("left", "right"), "id": ("identifier",), "ra": ("roughness",), "util": ("utilization",),
    "cnt_": ("count",), "kb": ("kilobytes",), "ms": ("milliseconds",), "rms": ("rms",),
    # common abbreviations of public tables, by domain (general vocabulary, not one table's)
    # sports box scores
    "pts": ("points",), "reb": ("rebounds",), "ast": ("assists",), "stl": ("steals",),
    "blk": ("blocks",), "tov": ("turnovers",), "fg": ("field", "goal"), "gp": ("games", "played"),
    "ppg": ("points", "per", "game"),
    # passenger manifests: siblings/spouses and parents/children aboard
    "sibsp": ("siblings", "spouses"), "parch": ("parents", "children"),
    "rpg": ("rebounds", "per", "game"), "apg": ("assists", "per", "game"),
    # health
    "sbp": ("systolic", "blood", "pressure"), "dbp": ("diastolic", "blood", "pressure"),
    "sys": ("systolic",), "diast": ("diastolic",),
    "systolicbp": ("systolic", "blood", "pressure"), "diastolicbp": ("diastolic", "blood", "pressure"),
    "hdl": ("hdl", "cholesterol"), "ldl": ("ldl", "cholesterol"), "glu": ("glucose",),
    "gluc": ("glucose",), "bpm": ("heart", "rate"), "hgb": ("hemoglobin",), "hb": ("hemoglobin",),
    "hba1c": ("blood", "sugar"), "wbc": ("white", "blood", "cells"),
    # air and weather
    "no2": ("nitrogen", "dioxide"), "so2": ("sulfur", "dioxide"), "co2": ("carbon", "dioxide"),
    "co": ("carbon", "monoxide"), "o3": ("ozone",), "pm25": ("fine", "particles"),
    "pm10": ("coarse", "particles"), "rh": ("relative", "humidity"), "aqi": ("air", "quality", "index"),
    "precip": ("precipitation",), "ws": ("wind", "speed"),
    # money, business, people
    "ret": ("return",), "px": ("price",), "mcap": ("market", "capitalization"), "eps": ("earnings", "per", "share"),
    "div": ("dividend",), "sal": ("salary",), "comp": ("compensation",), "perf": ("performance",),
    "tot": ("total",), "cat": ("category",), "dur": ("duration",), "dist": ("distance",),
    "sls": ("sales",), "mgr": ("manager",), "pax": ("passengers",), "occ": ("occupants",),
    "hh": ("household",), "indiv": ("individual",), "kwh": ("electricity", "consumption"),
    "yld": ("yield",), "csat": ("customer", "satisfaction"), "nps": ("net", "promoter", "score"),
    # months (headers JAN ... DEC; "March" in a question)
    "natl": ("national",), "intl": ("international",), "hs": ("high", "school"),
    "grad": ("graduates",), "grads": ("graduates",), "math": ("maths",), "pupil": ("student",),
    "hum": ("humidity",), "prep": ("preparation",), "atemp": ("apparent", "temperature"),
    # engineering test sheets
    "uts": ("tensile", "strength"), "ir": ("internal", "resistance"),
    "dft": ("dry", "film", "thickness"), "tat": ("turnaround", "time"), "atten": ("attenuation",),
    "conv": ("conversion",), "ys": ("yield", "strength"), "seq": ("sequence",),
    "jan": ("january",), "feb": ("february",), "mar": ("march",), "apr": ("april",),
    "jun": ("june",), "jul": ("july",), "aug": ("august",), "sep": ("september",),
    "sept": ("september",), "oct": ("october",), "nov": ("november",), "dec": ("december",),
    # travel, hotels, banking, regions (flight and booking tables, sales by market)
    "arr": ("arrival",), "dep": ("departure",), "adr": ("average", "daily", "rate"),
    "bal": ("balance",), "eu": ("european",), "na": ("north", "american"), "jp": ("japanese",),
    "trb": ("total", "rebounds"), "mp": ("minutes", "played"), "tm": ("team",),
    "pos": ("position",), "spec": ("specification",), "specs": ("specifications",),
    "ed": ("education",), "med": ("medication",), "meds": ("medications",),
    # sound levels as a noise survey writes them (ISO 1996): the equivalent continuous level
    # LAeq / Leq, the maximum LAmax / Lmax, the day-evening-night level Lden
    "laeq": ("equivalent", "level"), "leq": ("equivalent", "level"),
    "lamax": ("maximum", "level"), "lmax": ("maximum", "level"), "lafmax": ("maximum", "level"),
    "lden": ("day", "evening", "night", "level"), "lnight": ("night", "level"),
    # brewing sheets: alcohol by volume, bitterness units (OG is read by its initials)
    "abv": ("alcohol", "by", "volume"), "ibu": ("bitterness",),
    # fluid mechanics and heat transfer: dimensionless groups and coefficients as test sheets
    # name them by their symbol ("Cd" the drag coefficient, "Re" the Reynolds number)
    "cd": ("drag", "coefficient"), "cdrag": ("drag", "coefficient"), "cl": ("lift", "coefficient"),
    "re": ("reynolds", "number"), "nu": ("nusselt", "number"), "ma": ("mach", "number"),
    "fr": ("froude", "number"),
    # network and radio sheets: download and upload, received signal power and quality
    "dl": ("download",), "ul": ("upload",),
    "rsrp": ("received", "signal", "power"), "rsrq": ("received", "signal", "quality"),
}  # fmt: skip
# A second reading of a header abbreviation whose first (ABBREVIATIONS) is not the only one in
# common use: "exp" is an expenditure and an experience ("YearsExp"), "pop" a population and a
# popularity, "dist" a distance and a district, "prod" a production and a product.
_ALTERNATES: dict[str, tuple[str, ...]] = {
    "exp": ("experience",), "pop": ("popularity",), "dist": ("district",),
    "prod": ("product",),
    # a unit of energy as the header's word: what it measures ("energy burned" is kcal)
    "kcal": ("energy",), "kj": ("energy",),
}  # fmt: skip
# Word-level synonyms (both directions are listed where both occur in headers).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "kid": ("child", "children", "kids"), "child": ("kid", "kids"), "children": ("kids", "kid"),
    "sex": ("gender",), "gender": ("sex",), "price": ("cost",), "cost": ("price", "expensive", "cheap", "cheaper"),
    "salary": ("income", "pay", "wage", "earn", "earns"),
    "income": ("salary", "earnings", "pay", "earn", "earns", "earned"),
    "culmen": ("bill", "beak"), "mass": ("weight", "heavy", "heavier", "heaviest"),
    "weight": ("mass", "heavy", "heavier", "heaviest"), "age": ("old", "older", "younger"),
    "length": ("long", "longer", "longest"), "depth": ("deep", "deeper", "deepest"),
    "height": ("tall", "taller", "tallest"), "width": ("wide", "wider", "widest"),
    "failure": ("fail", "failed", "failing", "breakdown"), "lifetime": ("life", "lifespan", "lives"),
    "life": ("lifetime", "lifespan", "lives"), "latency": ("response",), "charges": ("cost", "bill"),
    "rating": ("rate",), "satisfaction": ("satisfied",), "unemployment": ("jobless", "joblessness"),
    "temperature": ("temp",), "temp": ("temperature",), "pressure": ("press",), "diameter": ("diam",),
    "attrition": ("leave", "left", "quit", "turnover"),
    "left": ("leaving", "leave", "quit", "attrition", "churn", "turnover"), "region": ("area",), "response": ("responded",),
    "male": ("men", "man", "boys"), "female": ("women", "woman", "girls"),
    "species": ("kind", "kinds", "type", "types"), "type": ("kind", "kinds", "category", "sort"),
    "category": ("type", "kind", "class"), "class": ("category", "grade"), "party": ("partisanship",),
    "education": ("educated", "schooling", "degree"), "occupation": ("job", "profession"),
    "area": ("country", "countries", "region", "nation"), "country": ("area", "nation"),
    "firm": ("company", "companies"), "company": ("firm", "firms"), "site": ("location",),
    "plant": ("factory",), "operator": ("worker", "technician"), "supplier": ("vendor",),
    "machine": ("lathe", "equipment"), "spending": ("spend", "expenditure"), "purchases": ("buy", "purchase"),
    "fare": ("cost", "costs", "price"), "duration": ("lasts", "length"),
    "consumption": ("use", "usage", "uses", "consume", "consumed"),
    "trip": ("ride", "rides", "journey"), "ride": ("trip", "trips"),
    "yield": ("harvest", "harvests", "harvested"),
    "humidity": ("humid",), "rainfall": ("rain", "rainy"), "wind": ("windy",),
    "distance": ("far", "farther", "commute", "commutes"), "installs": ("downloads", "download"),
    "mileage": ("economy", "efficiency"), "tenure": ("loyalty",),
    "quantity": ("units", "items", "pieces"),
    "carrier": ("airline", "airlines"), "airline": ("carrier", "carriers"), "daily": ("nightly",),
    "whole": ("total", "overall"), "comp": ("salary", "pay", "compensation"),
    "compensation": ("salary", "pay"), "half": ("halfway",),
    # a wall is named for its thickness ("the insulation wall", "wall of the tube")
    "thickness": ("wall", "thick", "thicker", "thinner", "thinnest"),
}  # fmt: skip
merge_synonyms(SYNONYMS)  # everyday words for the headers of public tables (reader/lexicon.py)
# full word -> its truncation, from ABBREVIATIONS ("chol" -> cholesterol): cuts of four or more
# letters only ("min", "max", "no" are words of their own)
_TRUNCATED: dict[str, str] = {
    full[0]: abbr
    for abbr, full in ABBREVIATIONS.items()
    if len(full) == 1 and len(abbr) >= 4 and full[0].startswith(abbr) and abbr.isalpha()
}


def _contraction(abbr: str, full: str) -> bool:
    """``abbr`` is ``full`` written as its consonants ("wt" weight, "qty" quantity, "hrs" hours,
    "amt" amount): the first letter kept, then only consonants, in order. Such a cut is no
    English word ("no" number, "min" minute and "sat" satisfaction are, and stay out)."""
    if len(abbr) < 2 or abbr[0] != full[0] or any(ch in "aeiou" for ch in abbr[1:]):
        return False
    rest = iter(full[1:])
    return all(ch in rest for ch in abbr[1:])


# the everyday contractions of measurement words (not statistic words such as "avg", "std",
# "cnt", nor cuts that are words or codes elsewhere: "exp", "inc", "alt", "oct", "id")
_EVERYDAY_CUTS = frozenset("wt ht qty amt yr yrs hr hrs pct thk spd yld mgmt mgr bsmt".split())
# full word -> its contraction ("weight" -> "wt"): a header word a question may write short
_CONTRACTED: dict[str, str] = {
    full[0]: abbr
    for abbr, full in ABBREVIATIONS.items()
    if len(full) == 1 and abbr in _EVERYDAY_CUTS and _contraction(abbr, full[0])
}
_ADJECTIVES: dict[str, tuple[str, ...]] = {
    w: SYNONYMS[w]
    for w in (
        "mass",
        "weight",
        "length",
        "depth",
        "height",
        "width",
        "cost",
        "age",
        "density",
        "moisture",
        "temperature",
        "temp",
    )
}
UNITS = frozenset(
    "mm cm m km g kg mg lb lbs s sec ms min h hr hrs c f k pct usd eur gbp um nm kn n pa kpa mpa "
    "bar psi hz kw w v a ra hrc m3h l ml mm_s ppm in ft m2 m3 km2 sqm kmh kph mph rpm bpm ppb ntu "
    "kcal kwh mah mv ma db lux dl mmol umol ug mcg iu".split()
)

# Header words too common to identify a column on their own ("score" in "GRE Score").
GENERIC = frozenset(
    "score scores rate value values total number count amount level index size type id code "
    "name time date year day month percent per of the and in at to data col column var variable "
    "x y group class category measure measurement result results avg average mean sum".split()
)
# a concentration's two units: an amount per volume ("g_dL", "mmol_L", "mg_L", "ug_m3")
_AMOUNTS = frozenset("g mg ug mcg kg mmol umol iu".split())
_VOLUMES = frozenset("l dl ml m3".split())
# Header words that say over what period a quantity is counted, not what it is.
_PERIODS = frozenset("monthly annual yearly daily weekly hourly quarterly".split())
# Header words that say how a quantity was processed, not what it is ("ConvertedCompYearly").
_PROCESSED = frozenset(
    "converted adjusted adj raw clean cleaned final reported estimated est corrected normalized "
    "normalised scaled driven".split()  # "km_driven": the kilometres
)
# Question words that never name a column by themselves (they name statistics or tests).
_NOT_COLUMN = frozenset(
    "mean average median mode range variance variances deviation standard sd std quartile "
    "quartiles percentile skew skewness kurtosis correlation correlated correlate relationship "
    "association associated test tests normal normally distributed distribution same different "
    "differ difference spread equal similar compare comparison significant".split()
)


@dataclass(frozen=True)
class Mention:
    """A column (or one of its values) named in the question."""

    column: str  # the Dataset's column name
    start: int
    end: int
    score: float
    kind: str = "column"  # column | value
    value: Any = None
    how: str = ""
    parts: tuple[tuple[int, int], ...] = ()  # matched tokens when not one contiguous span


# two-letter chemical symbols read as their element in a header (not those that are also
# common cuts of words or units: Co company, Mo month, Br bedrooms, Mg milligrams, Cd, Ar, Am,
# In, As, Be, No, Ga, Pa, Ba)
_SYMBOLS = {
    "Cl": "chlorine", "Fe": "iron", "Pb": "lead", "Cu": "copper", "Zn": "zinc", "Mn": "manganese",
    "Na": "sodium", "Ca": "calcium", "Hg": "mercury", "Cr": "chromium",
    "Ni": "nickel", "Si": "silicon", "Al": "aluminium",
    "Sn": "tin", "Ag": "silver", "Au": "gold", "Ti": "titanium",
}  # fmt: skip


def _symbol_parts(name: str) -> list[str]:
    """The header's words with letter case kept ("FreeCl_ppm" -> Free, Cl, ppm), when one of
    them is a two-letter element symbol standing on its own (capital then small letter, no
    small letter after it): [] otherwise."""
    bare = re.sub(r"[\(\[].*?[\)\]]", " ", name)
    parts = re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+", bare)
    if not any(p in _SYMBOLS for p in parts):
        return []
    return parts


# what a unit standing for its whole header measures ("km_driven" is a distance; not a
# "mileage", which is also a fuel economy)
_UNIT_QUANTITY: dict[str, tuple[str, ...]] = {
    "km": ("distance",), "mi": ("distance",), "miles": ("distance",),
    "kwh": ("energy", "consumption"), "kg": ("weight",), "lb": ("weight",), "lbs": ("weight",),
    "usd": ("spend", "spending"), "eur": ("spend", "spending"), "hrs": ("hours",),
}  # fmt: skip
_USE_VERBS = frozenset("used spent consumed driven travelled traveled run ridden flown".split())


def _variants(name: str) -> list[tuple[str, ...]]:
    words = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", name)) or split_name(name)
    out: list[tuple[str, ...]] = [tuple(words)]
    bare = list(words)
    if len(bare) > 2 and bare[-1] in ("2", "3") and bare[-2] in UNITS:
        bare = bare[:-2]  # floor_area_m2 -> floor area (square and cubic units)
    if len(bare) > 1 and bare[-1] in UNITS:  # culmen_length_mm -> culmen length
        # one unit, or two of a rate ("speed_m_s", "flow_l_h"); "max_hr_bpm" keeps its "hr"
        if bare.pop() in ("s", "h", "hr", "min") and len(bare) > 1 and bare[-1] in UNITS:
            bare.pop()
        elif len(bare) > 1 and words[len(bare)] in _VOLUMES and bare[-1] in _AMOUNTS:
            bare.pop()  # a concentration: "Hb_g_dL" -> hb, "chol_mmol_L" -> chol
    if len(bare) > 1 and bare[-1] == "s" and len(bare) >= 2 and bare[-2] in UNITS:
        bare = bare[:-2] or bare
    if len(bare) > 2 and bare[-1] in ("2", "3") and bare[-2] in UNITS:  # floor_area_m2
        bare = bare[:-2]
    out.append(tuple(bare))
    if len(bare) > 1:
        out.append(("".join(bare),))  # OverTime -> overtime
    expanded: list[str] = []
    for w in bare:
        expanded.extend(ABBREVIATIONS.get(w, (w,)))
    out.append(tuple(expanded))
    if any(w in _ALTERNATES for w in bare):  # "TeacherExpYears": the teachers' experience
        out.append(tuple(x for w in bare for x in _ALTERNATES.get(w, (w,))))
    if any(w in STOP for w in expanded) and len(expanded) > 1:  # "InSpec": the specification
        out.append(tuple(w for w in expanded if w not in STOP))
    if "%" in name and bare:  # "FG%" is the field goal percentage, "Margin %" the margin percent
        out += [(*expanded, "percentage"), (*expanded, "percent")]
    # the header read as a question is read: "PM2.5" -> pm, 2.5 (not pm, 2, 5)
    qwords = tuple(t.text for t in tokens(re.sub(r"[\(\[].*?[\)\]]", " ", name)))
    if qwords:
        out.append(qwords)
    # a code whose letters and digits belong together: "NO2" -> nitrogen dioxide, "PM2.5" -> pm25
    glued = "".join(bare).replace(".", "")
    if glued in ABBREVIATIONS and len(bare) > 1:
        out.append(ABBREVIATIONS[glued])
    # a sound level's frequency weighting is often left out ("Leq" for LAeq, "Lmax" for LCmax)
    weighted = re.fullmatch(r"l[acz](eq|max|min|\d\d)", glued)
    if weighted:
        out.append(("l" + weighted.group(1),))
        out.append(ABBREVIATIONS.get("l" + weighted.group(1), ()))
    # header words that contract to an abbreviation ("body mass index" -> "bmi")
    joined = " ".join(words)
    for abbr, full in ABBREVIATIONS.items():
        if len(full) > 1 and " ".join(full) in joined:
            out.append(tuple(joined.replace(" ".join(full), abbr).split()))
    # a header word a question may cut short ("Cholesterol" asked as "chol", "Preparation" as
    # "prep"): abbreviations that are a prefix of the one word they stand for
    cut = [_TRUNCATED.get(w, w) for w in bare]
    if cut != list(bare):
        out.append(tuple(cut))
    # ... or writes as its consonants ("Weight_kg" asked as "wt", "Quantity" as "qty")
    short = [_CONTRACTED.get(w, w) for w in bare]
    if short != list(bare):
        out.append(tuple(short))
    # a chemical element written as its symbol inside the header ("FreeCl_ppm" is the free
    # chlorine, "Fe (mg/L)" the iron, "TotalPb" the lead): the symbol read as the element's name
    named = [_SYMBOLS.get(s, s.lower()) for s in _symbol_parts(name)]
    if any(w in _SYMBOLS.values() for w in named):
        out.append(tuple(w for w in named if w not in UNITS))
    # F2015 / Y2019 / yr2018 -> "2015"
    m = re.fullmatch(r"[A-Za-z]{1,3}_?(\d{4})", name.strip())
    if m:
        out.append((m.group(1),))
    # "Mnt" prefixed marketing headers: "MntWines" -> "wines" as well
    if len(words) >= 2 and words[0] in ("mnt", "num", "n", "no", "total", "avg"):
        out.append(tuple(words[1:]))
    content = tuple(w for w in words if w not in STOP)
    if content and content != tuple(words):
        out.append(content)
    # a header that is only a unit and a processing word ("km_driven", "kwh_used", "usd_spent"):
    # the quantity the unit measures ("the distance on the odometer", "the energy")
    content = [w for w in words if w not in UNITS and w not in _PROCESSED and w not in STOP
               and w not in _USE_VERBS]  # fmt: skip
    units = [w for w in words if w in _UNIT_QUANTITY]
    if units and not content and len(words) > 1:
        out += [(q,) for q in _UNIT_QUANTITY[units[0]]]
    # an "inter-" quantity is the time between events ("inter_arrival_s", "InterArrivalTime",
    # "interval_between"): "the time between consecutive requests", "the gap between arrivals"
    if bare and (
        bare[0] == "inter"
        and len(bare) > 1
        or re.fullmatch(r"inter(arrival|event|failure)s?", bare[0])
    ):
        out += [("time", "between"), ("gap", "between"), ("gaps", "between")]
    # a time to failure is a life: "hours_to_failure" is "how long a pump survives"; so is a
    # span of time or use up to any end state ("hrs_to_dull" the blade life, "cycles_to_crack",
    # "days_to_spoil" the shelf life)
    if any(
        a == "to"
        and (
            b in ("failure", "fail", "break")
            # a span or a count of uses up to it ("holes_to_blunt", "cycles_to_crack")
            or k
            and (bare[k - 1] in _SPAN_WORDS or len(bare[k - 1]) > 3 and bare[k - 1][-1] == "s")
            and b.isalpha()
            and b not in STOP
        )
        for k, (a, b) in enumerate(zip(bare, bare[1:], strict=False))
    ):
        out += [("life",), ("lifetime",), ("lifespan",), ("survive",), ("survival",)]
    # the time since the previous event is the gap between events ("Hrs since prev alarm",
    # "days_since_last_order"): "the gaps between alarms", "the time between orders"
    if any(
        a == "since" and b in ("prev", "previous", "last", "prior")
        for a, b in zip(bare, bare[1:], strict=False)
    ):
        out += [("time", "between"), ("gap", "between"), ("gaps", "between"), ("interval",),
                ("intervals",)]  # fmt: skip
    seen, uniq = set(), []
    for v in out:
        if v and v not in seen:
            seen.add(v)
            uniq.append(v)
    return uniq


_ID_WORDS = frozenset("id no nr num number code key identifier".split())
# spans of time or use counted up to an event ("hrs_to_dull", "cycles_to_failure")
_SPAN_WORDS = frozenset(
    "hrs hours hr h days day d weeks months years yrs min minutes cycles miles km kms shots "
    "uses strokes time".split()
)


@lru_cache(maxsize=256)
def _column_index(columns: tuple[str, ...]) -> dict[str, Any]:
    variants = {c: _variants(c) for c in columns}
    # a header of three or more words said by its first two ("test prep" for "test
    # preparation course", "parental education" is not: "level" comes second): the leading
    # pair of its plain or shortened words, when no other header begins with the same pair
    leads: dict[tuple[str, ...], set[str]] = {}
    for c in columns:
        for v in variants[c]:  # every header's leading pairs, to see which are shared
            leads.setdefault(tuple(stem(w) for w in v[:2]), set()).add(c)
    for c in columns:
        for v in list(variants[c]):
            key = tuple(stem(w) for w in v[:2])
            if (
                len(v) >= 3
                and not set(v[:2]) & STOP
                and not set(v[:2]) <= GENERIC
                and leads.get(key) == {c}
                and v[:2] not in variants[c]
                and v[-1] not in _ID_WORDS  # an identifier is named in full or not at all
            ):
                variants[c].append(v[:2])
    counts: dict[str, int] = {}
    for c in columns:
        for w in {stem(w) for v in variants[c] for w in v}:
            counts[w] = counts.get(w, 0) + 1
    return {"variants": variants, "counts": counts}


def _match_variant(variant: tuple[str, ...], toks: list[Token], i: int) -> tuple[float, int]:
    """Score of ``variant`` matched at token i (allowing one filler word inside); (score, span)."""
    j, total, skipped = i, 0.0, 0
    for w in variant:
        if j < len(toks):
            s = word_match(toks[j].text, w)
            if s < 0.97 and toks[j].text in _STAT_WORDS:  # "intro stats" is not State
                s = 0.0
            if s == 0 and w in STOP:  # "chance of admit" vs "chance to admit"
                continue
            if s == 0 and j + 1 < len(toks) and toks[j + 1].start == toks[j].end:
                # a brand's mixed case split apart ("IMDb" -> im, db) against header "imdb"
                glued = word_match(toks[j].text + toks[j + 1].text, w)
                if glued >= 0.97:
                    s, j = glued, j + 1
            if s == 0 and skipped == 0 and j + 1 < len(toks) and toks[j].text in STOP | {"s"}:
                s = word_match(toks[j + 1].text, w)
                if s:
                    j, skipped = j + 1, 1
            if s == 0:
                return 0.0, 0
            total += s
            j += 1
        else:
            return 0.0, 0
    return total / len(variant) - 0.05 * skipped, j - i


# Words of asking that only match a header spelled exactly; typo-close headers are other words.
_STAT_WORDS = frozenset(
    "stats stat statistic statistics test tests mean means median mode range sigma spread".split()
)
# Verbs of asking that are also one-word headers ("Run", "Test", "Check", "Order"): followed by
# an article or pronoun ("run a Shapiro-Wilk", "check the spread") they are the verb.
_ASK_VERBS = frozenset("run test check fit plot order use count compare rank record".split())
_DETERMINERS = frozenset("a an the this that these those my our your some it them".split())


def _verb_use(toks: list[Token], i: int) -> bool:
    return toks[i].text in _ASK_VERBS and i + 1 < len(toks) and toks[i + 1].text in _DETERMINERS


# a relation said with a verb and its preposition ("depending on", "related to", "based on"):
# the words of the relation, not a header ("Dependents", "Relation", "Base")
_CONNECTIVE = re.compile(
    r"^(?:depend\w*|relat(?:ed|es|ing)|link(?:ed|s)|tied|associated|based|according)$"
)
_CONNECTIVE_NEXT = frozenset("on upon to with".split())


def _connective(toks: list[Token], i: int) -> bool:
    return bool(_CONNECTIVE.match(toks[i].text)) and (
        i + 1 < len(toks) and toks[i + 1].text in _CONNECTIVE_NEXT
    )


def match_headers(
    question: str, columns: list[str], ds: Any = None, min_score: float = 0.8
) -> list[Mention]:
    """Headers named in ``question`` (words, stems, typos, abbreviations, synonyms, reordering,
    a distinctive word); identifiers only when named in full (needs ``ds``)."""
    cols = tuple(columns)
    idx = _column_index(cols)
    toks = tokens(question)
    found: list[Mention] = []
    for c in cols:
        best: Mention | None = None
        if not idx["variants"][c]:
            continue  # a header with no word to name it by ("#", "-")
        first = idx["variants"][c][0]
        for v in idx["variants"][c]:
            # the words run together ("OverTime" -> overtime) must match closely: "household"
            # is not "householdincome"
            glued = len(v) == 1 and len(first) > 1 and v[0] == "".join(first)
            for i in range(len(toks)):
                s, span = _match_variant(v, toks, i)
                if len(v) == 1 and span and _verb_use(toks, i + span - 1):
                    continue
                if span == 1 and _connective(toks, i):  # "depending on" is no Dependents
                    continue
                if glued and s < 0.9:
                    continue
                if s >= min_score and span:
                    m = Mention(
                        c, toks[i].start, toks[i + span - 1].end, s + 0.02 * len(v), how="words"
                    )
                    if best is None or m.score > best.score:
                        best = m
            # the header's words in another order nearby ("time spent in affairs" -> AffairsTime)
            content = [w for w in v if w not in STOP and w not in UNITS]
            if 2 <= len(content) <= 3:
                m = _unordered(content, toks, c)
                if m is not None and (best is None or m.score > best.score):
                    best = m
            # a distinctive header word on its own ("GRE" for "GRE Score")
            # (the header's own words: "customer" alone does not name CSAT)
            own = v in idx["variants"][c][:2] and set(v) <= set(split_name(c))
            elements = {_SYMBOLS[p] for p in _symbol_parts(c) if p in _SYMBOLS}
            own = own or bool(elements & set(v) and set(v) <= set(split_name(c)) | elements)
            for w in v if own else ():
                sw = stem(w)
                if (
                    len(v) > 1
                    and idx["counts"].get(sw, 0) == 1
                    and w not in GENERIC
                    and w not in STOP
                    and len(w) >= 3
                ):
                    # the header's only content word (the others generic: "fare_amount")
                    only_word = all(
                        x == w
                        or x in GENERIC
                        or x in UNITS
                        or x in STOP
                        or x in _PERIODS
                        or x in _PROCESSED  # "ConvertedCompYearly": what people "earn"
                        for x in v
                    )  # "MonthlyIncome": what people "earn"
                    for k, t in enumerate(toks):
                        if t.text in _NOT_COLUMN and not (
                            t.text == w and _counted(toks, k)  # "the number of tests"
                        ):
                            continue
                        if _METHOD_SAMPLE.search(question[max(0, t.start - 14) : t.end]):
                            continue  # "a one-sample t-test": a method's name, no column
                        s = word_match(t.text, w)
                        # spelling, or the adjective of a measure ("heavier" for mass); not
                        # any synonym ("score" must not pick "rating")
                        if s >= 0.85 and (
                            t.text[:3] == w[:3]
                            or t.text in _ADJECTIVES.get(w, ())
                            or (s >= 0.9 and only_word)  # "what a ride costs": fare_amount
                        ):
                            m = Mention(c, t.start, t.end, 0.8 * s, how=f"distinctive word {w!r}")
                            if best is None or m.score > best.score:
                                best = m
        if best is None and len(first) == 1 and len(first[0]) >= 7 and first[0].isalpha():
            # a header written as one word that the question writes as two ("workingday" as
            # "working day", "weekday" as "week day")
            for a, b in zip(toks, toks[1:], strict=False):
                if (
                    b.start - a.end <= 1
                    and len(a.text) >= 3
                    and (a.text + b.text == first[0] or _inflected_pair(a.text, b.text, first[0]))
                ):
                    best = Mention(c, a.start, b.end, 0.97, how="words run together")
                    break
        if best is None:  # an abbreviated header word written out: "North American" (NA_Sales)
            best = _expanded_word(c, idx, toks)
        if best is not None and ds is not None and _is_id(c, ds) and best.score < 1.0:
            best = None  # "pumps" must not pick pump_id: identifiers only when named in full
        if best is not None:
            found.append(best)
    return found


# "sample" inside a test's name ("one-sample t-test", "2-sample", "paired-samples",
# "independent samples t test") names the method, not a column of samples
_METHOD_SAMPLE = re.compile(
    r"(?:\b(?:one|two|1|2|k|single|multi|paired|independent)[- ]?samples?)$", re.IGNORECASE
)

_INFLECTIONS = ("", "s", "es", "ing", "ed", "er", "ers")


def _inflected_pair(a: str, b: str, header: str) -> bool:
    """Two question words that are a one-word header's two halves, each inflected ("running
    times" for ``runtime``, "booked days" for ``bookday``), not another word ("weekend days" is
    not ``weekday``)."""
    for k in range(3, len(header) - 2):
        head, tail = header[:k], header[k:]
        if not a.startswith(head) or stem(b) != stem(tail):
            continue
        rest = a[k:]
        if rest in _INFLECTIONS or (rest[:1] == head[-1] and rest[1:] in _INFLECTIONS):
            return True
    return False


def _cell_words(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    from havoc_srs.reader import cell_words as W

    found = found + W.coded_word_mentions(question, ds, found) + W.condition_mentions(question, ds)
    found += W.truncated_value_mentions(question, ds, found)  # "Economy class" for Class = Eco
    found += W.state_code_mentions(question, ds, found)  # "Texas counties" for TX
    found = W.outcome_of_shared_yes(found + W.misspelt_value_mentions(question, ds, found))
    return W.numeric_twin(found, ds)  # "finishing times" (text 4:07:01) -> finish_seconds


def _expanded_word(c: str, idx: dict[str, Any], toks: list[Token]) -> Mention | None:
    """A header word of no other column whose abbreviation stands for several words, all
    written out in the question ("North American ones" -> NA_Sales)."""
    for w in split_name(c):
        full = ABBREVIATIONS.get(w, ())
        if len(full) < 2 or idx["counts"].get(stem(w), 0) != 1:
            continue
        for i in range(len(toks)):
            s, span = _match_variant(full, toks, i)
            if s >= 0.9 and span:
                return Mention(c, toks[i].start, toks[i + span - 1].end, 0.85, how="expanded word")
    return None


def _counted(toks: list[Token], k: int) -> bool:
    """Token k follows "number of" / "count of": a count column named ("number of tests")."""
    return k >= 2 and toks[k - 1].text == "of" and toks[k - 2].text in ("number", "count", "no")


def ground_columns(question: str, ds: Any, min_score: float = 0.8) -> list[Mention]:
    """Columns and label values named in ``question``, in order of first mention."""
    if ds is None:
        return []
    from havoc_srs.reader.contrast import contrasted_codes, numbered_levels
    from havoc_srs.reader.groups import (
        coded_level_mentions,
        described_groups,
        month_range_mentions,
        shared_head_mentions,
    )  # grouping columns described by their values, coded levels, month ranges

    question = this_year(question, list(ds.frame.columns))  # "this year's" -> the latest year
    question = joined_compounds(question, list(ds.frame.columns))  # "sit-ups" -> Situps
    question = spelled_letters(question, list(ds.frame.columns))  # "a b v" -> ABV
    question = phrasal_verbs(question)  # "would come back" -> "would return"
    toks = tokens(question)
    found = match_headers(question, list(ds.frame.columns), ds, min_score)
    from havoc_srs.reader.acronym import acronym_mentions  # "refractive index" -> RI, AE

    found += acronym_mentions(question, ds, found)
    found += _value_mentions(question, ds, toks)
    found = _cell_words(question, ds, found)  # "benign" for B, "sciense", a shared "yes"
    found += contrasted_codes(question, ds, found)  # "M vs B" on a column of M/B codes
    found += shared_head_mentions(question, ds, found)  # "Zone A and Zone C taps"
    found += _group_word_mentions(question, ds, toks, found)
    found += described_groups(question, ds, toks, found)
    from havoc_srs.reader import counted as K

    found += K.counted_mentions(question, ds, found)  # "the four hospitals" on a 4-level site
    found += K.unit_mentions(question, ds, found)  # "in hours" on Session_Duration (hours)
    found += K.written_unit_mentions(question, ds, found)  # "serve km/h" on Speed (km/h)
    found += K.per_unit_mentions(question, ds, found)  # "per square metre" on Yield kg/m2
    found += K.unit_noun_mentions(question, ds, found)  # "the median kilos" on Yield [kg]
    found += K.measured_mentions(question, ds, found)  # "average power" on AvgWatts
    counted = K.counted_columns_mentions(question, ds, found)  # "the two Cd columns"
    found += counted
    found += K.numbered_mentions(question, ds, found)  # "gob 1", "the first gob" on G1_g
    found += K.initial_code_mentions(question, ds, found)  # "home wins, draws" on FTR = H/D/A
    found += K.unit_value_mentions(question, ds, found)  # "at 28 and 90 days" on Age (day)
    levels = coded_level_mentions(question, ds, found)  # "first-class" on Pclass = 1
    found = [m for m in found if not any(v.column == m.column for v in levels)] + levels
    found = numbered_levels(question, ds, found)  # "glass type 1 and glass type 2"
    found += bound_band_mentions(question, ds, found)  # "the under-35s" on AgeGroup 18-34
    found += _year_range_mentions(question, list(ds.frame.columns), found)
    found += month_range_mentions(question, list(ds.frame.columns), found)  # "Jan to Dec"
    found += _shared_word_mentions(question, ds, toks, found)
    found += K.sibling_mentions(question, ds, found)  # "grip from pre to post": both
    # an identifier or row index that says what a row is ("per shift", "the hot days") goes
    # first: the word before it ("hot") then modifies nothing
    rows = [m for m in found if _per_row(m, found, toks, ds)]
    found = [m for m in found if m not in rows]
    found = [m for m in found if not _modifier_of_another(m, found, toks, question)]
    found = [m for m in found if not _names_the_dataset(m, question, found)]
    # a header written out exactly ("by(building_type)") owns its characters
    exact = [m for m in found if re.search(r"\w[_.]\w", str(m.column))
             and question[m.start : m.end].strip().lower() == str(m.column).strip().lower()]  # fmt: skip
    found = [m for m in found if m in exact or not any(
        e.start < m.end and m.start < e.end and e.column != m.column for e in exact)]  # fmt: skip
    kept = _resolve(found, toks)
    # "the two Cd columns": every column counted, though they share the one word
    kept += [m for m in counted if m.column not in {k.column for k in kept}]
    return _banded(question, ds, sorted(kept, key=lambda m: (m.start, -m.score)))


def _per_row(m: Mention, found: list[Mention], toks: list[Token], ds: Any) -> bool:
    """An identifier column named after "per" ("foreign objects found per shift" on a table
    with one row per ``Shift#``) beside another column: it says what each row is, it groups
    nothing."""
    if m.kind != "column" or not any(f.column != m.column for f in found):
        return False
    before = [t for t in toks if t.end <= m.start]
    after = [t for t in toks if t.start >= m.end]
    per = bool(before) and before[-1].text in ("per", "each", "every")
    # "the days with loads of door openings" on a table with one row per Day: the rows
    which = bool(after) and after[0].text in ("with", "where", "when", "that", "which", "on")
    # "on weekend days only", "the hot days": the rows of a kind, said in the plural
    said = [t.text for t in toks if m.start <= t.start and t.end <= m.end]
    kind = (
        len(said) == 1
        and said[0].endswith("s")
        and not str(m.column).lower().endswith("s")
        and bool(before)
        and before[-1].text not in STOP
        and before[-1].end == m.start - 1
    )
    if not (per or kind or which and before and before[-1].text == "the"):
        return False
    col = ds.frame[m.column].dropna()
    if len(col) < 5 or col.nunique() < 0.9 * len(ds.frame):
        return False
    if _is_id(m.column, ds):
        return True
    # a whole-number count of the rows (Day = 1, 2, 3 ...): an index, not a measurement
    x = pd.to_numeric(col, errors="coerce")
    return bool(x.notna().all() and (x % 1 == 0).all() and (x.diff().dropna() == 1).mean() > 0.9)


_BANDS = frozenset("band bands group groups bracket brackets class classes category categories "
                   "bin bins tier tiers level levels range ranges".split())  # fmt: skip


def _banded(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """ "Across the age groups" where the table holds both ``Age`` and a binned ``Age Band``:
    the binned column, when the word after the numeric column's mention is a word of banding
    and the other header is that column's words plus such a word."""
    from pandas.api.types import is_numeric_dtype

    out = []
    frame = ds.frame
    for m in found:
        after = re.match(r"\s*([A-Za-z]+)", question[m.end :])
        word = after.group(1).lower() if after else ""
        if m.kind == "column" and word in _BANDS and is_numeric_dtype(frame[m.column]):
            base = set(split_name(str(m.column)))
            for c in frame.columns:
                words = set(split_name(str(c)))
                if (
                    c != m.column
                    and base < words
                    and len(words - base) == 1
                    and ((words - base) <= _BANDS and not is_numeric_dtype(frame[c]))
                ):
                    end = m.end + after.end()
                    m = Mention(c, m.start, end, m.score + 0.02, "column", None, "a banded column")
                    break
        out.append(m)
    return out


_THIS_YEAR = re.compile(
    r"\b(?:this|the current|current|the latest|latest|the most recent|most recent|newest|"
    r"the newest)\s+year'?s?\b",
    re.IGNORECASE,
)


# verbs of two words that are one word of a header ("come back" is Would_Return, "drop out" is
# Dropout, "sign up" is Signup): replaced by the one word, padded to the same length so that
# the offsets of every other word stay where they are
_PHRASAL = (
    (re.compile(r"\b(?:come|comes|coming|came|go|goes|going|went)\s+(?:back|again)\b", re.I),
     "return"),
    (re.compile(r"\b(?:drop|drops|dropped|dropping)\s+out\b", re.I), "dropout"),
    (re.compile(r"\b(?:sign|signs|signed|signing)\s+up\b", re.I), "signup"),
    (re.compile(r"\b(?:show|shows|showed|showing|turn|turns|turned|turning)\s+up\b", re.I),
     "attend"),
)  # fmt: skip


def phrasal_verbs(question: str) -> str:
    """``question`` with two-word verbs read as the one word a header uses (see ``_PHRASAL``),
    each padded with spaces to its old length."""
    for pat, word in _PHRASAL:
        question = pat.sub(lambda m, w=word: w.ljust(len(m.group(0))), question)
    return question


def joined_compounds(question: str, columns: list[Any]) -> str:
    """A hyphenated word written as one word in a header ("sit-ups" for ``Situps``, "e-mail"
    for ``Email``): the hyphen dropped (a space added at the end keeps every span in place)."""
    words = {w for c in columns for w in split_name(str(c))}

    def join(m: re.Match) -> str:
        glued = (m.group(1) + m.group(2)).lower()
        if glued in words or stem(glued) in {stem(w) for w in words}:
            return m.group(1) + m.group(2) + " "
        return m.group(0)

    return re.sub(r"(?<![\w-])([A-Za-z]+)-([A-Za-z]+)(?![\w-])", join, question)


_BAND = re.compile(
    r"^\s*(?:(\d+)\s*[-–]\s*(\d+)|(\d+)\s*\+|(?:<|under\s*)(\d+)|(?:>|over\s*)(\d+))\s*$", re.I
)
_BOUND = re.compile(
    r"\b(under|below|younger than|less than|over|above|older than|more than)[- ](\d+)(?:s|'s)?\b",
    re.I,
)


def _band(value: Any) -> tuple[float, float] | None:
    """The bounds of a banded value ("18-34" -> (18, 34), "55+" -> (55, inf), "<18")."""
    m = _BAND.match(str(value))
    if not m:
        return None
    a, b, plus, under, over = m.groups()
    if a is not None:
        return float(a), float(b)
    if plus is not None:
        return float(plus), float("inf")
    if under is not None:
        return float("-inf"), float(under) - 1
    return float(over) + 1, float("inf")


def bound_band_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """A band of a banded column named by a bound ("the under-35s" for AgeGroup = "18-34",
    "the over-55s" for "55+"): the one band that lies wholly on the asked side of the bound."""
    out: list[Mention] = []
    for m in _BOUND.finditer(question):
        word, n = m.group(1).lower(), float(m.group(2))
        below = word in ("under", "below", "younger than", "less than")
        for c in ds.labels:
            if ds.n_levels(c) > 12 or any(f.column == c and f.kind == "value" for f in found):
                continue
            levels = list(ds.frame[c].dropna().unique())
            bands = {lv: _band(lv) for lv in levels}
            if len(levels) < 2 or any(b is None for b in bands.values()):
                continue
            fit = [lv for lv, (lo, hi) in bands.items() if (hi < n if below else lo >= n)]  # type: ignore[misc]
            if len(fit) == 1:
                out.append(
                    Mention(c, m.start(), m.end(), 0.9, "value", fit[0], "band by its bound")
                )
    return out


def spelled_letters(question: str, columns: list[Any]) -> str:
    """A header's code written letter by letter ("the a b v" for ``ABV (%)``, "B.M.I." for
    ``bmi``): the letters joined (padded with spaces, so spans stay where they were), when they
    spell a word of a header of two to five letters."""
    words = {w for c in columns for w in split_name(str(c)) if 2 <= len(w) <= 5 and w.isalpha()}

    def join(m: re.Match) -> str:
        glued = re.sub(r"[\s.]", "", m.group(0))
        if glued.lower() in words:
            return glued.ljust(len(m.group(0)))
        return m.group(0)

    return re.sub(r"(?<![\w.])[A-Za-z](?:[ .] ?[A-Za-z]){1,4}\.?(?![\w])", join, question)


def this_year(question: str, columns: list[Any]) -> str:
    """ "This year's reading scores" on Read2019 ... Read2023 is the latest year's: the phrase is
    read as that year (padded to the same length, so spans stay where they were), when the
    question names no year of its own and the headers carry years."""
    m = _THIS_YEAR.search(question)
    if not m or re.search(r"\b(?:19|20)\d\d\b", question):
        return question
    years = [int(y) for c in columns for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", str(c))]
    if len(set(years)) < 2:
        return question
    return question[: m.start()] + str(max(years)).ljust(m.end() - m.start()) + question[m.end() :]


def _modifier_of_another(
    m: Mention, found: list[Mention], toks: list[Token], question: str
) -> bool:
    """A header found by a near word standing right before another column's header ("welding
    position" -> Position, not Welder): that word modifies the noun after it. Only a space or
    a hyphen may stand between them: in a list ("Earbuds, Result, School") each word is its own
    column."""
    one = [t for t in toks if m.start <= t.start and t.end <= m.end]
    # (a distinctive word spelt exactly is still one word of a longer header: "game patches"
    # is no GameLength_min)
    loose = m.score <= 0.8 if m.how.startswith("distinctive") else m.score < 0.95
    if m.kind != "column" or len(one) != 1 or m.parts or not loose:
        return False
    nxt = next((t for t in toks if t.start > m.end), None)
    if nxt is not None and question[m.end : nxt.start].strip(" -"):
        return False
    return nxt is not None and any(
        o.column != m.column and o.kind == "column" and o.start == nxt.start
        and not o.how.startswith("distinctive")
        for o in found
    )  # fmt: skip


_DATASET = re.compile(
    r"\b(?:in|from|on|with|using|of) (?:the|this|these|our|my|that) ((?:[\w-]+ ){1,2})"
    r"(?:data(?:set)?|file|table|spreadsheet|sheet|records)\b",
    re.I,
)
# "in the data of travel", "from the file on admissions": the table named after it
_DATASET_OF = re.compile(
    r"\b(?:in|from|on|with|using) (?:the|this|these|our|my|that) (?:data(?:set)?|file|table|"
    r"spreadsheet|records) (?:of|on|about) ((?:[\w-]+ ){0,1}[\w-]+)\b",
    re.I,
)


def _names_the_dataset(m: Mention, question: str, found: list[Mention]) -> bool:
    """ "in this clinic data": the word names the table, not a column, when the question names
    two other columns besides."""
    for d in [*_DATASET.finditer(question), *_DATASET_OF.finditer(question)]:
        if d.start(1) <= m.start and m.end <= d.end(1) and m.kind == "column":
            others = {o.column for o in found if o.column != m.column and o.kind == "column"}
            return len(others) >= 2
    return False


_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def _shared_word_mentions(
    question: str, ds: Any, toks: list[Token], found: list[Mention]
) -> list[Mention]:
    """ "the two meters" on Meter A and Meter B: a header word that exactly N columns share,
    after "two" / "both" / "three", names all N of them."""
    cols = list(ds.frame.columns)
    have = {m.column for m in found if m.kind == "column"}
    out: list[Mention] = []
    for i, t in enumerate(toks[:-1]):
        n = _COUNT_WORDS.get(t.text)
        if n is None:
            continue
        for nxt in toks[i + 1 : i + 3]:
            share = [
                c for c in cols if any(stem(w) == stem(nxt.text) for w in (_variants(c) or [()])[0])
            ]
            if len(share) == n and stem(nxt.text) not in GENERIC and len(nxt.text) >= 3:
                out += [
                    Mention(c, nxt.start, nxt.end, 0.9, how=f"{t.text} {nxt.text}",
                            parts=((-100 - k, -100 - k),))
                    for k, c in enumerate(share)
                    if c not in have
                ]  # fmt: skip
                break
    return out


_YEAR_RANGE = re.compile(
    r"\b(?:(?:from\s+)?((?:19|20)\d\d)\s*(?:to|through|thru|until|-|–)\s*((?:19|20)\d\d)|"
    r"between\s+((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d))\b"
)


def _year_range_mentions(question: str, columns: list[str], found: list[Mention]) -> list[Mention]:
    """Year-coded columns inside a range the question gives: "each year from 2015 to 2020" on
    F2015 ... F2020 names all six, not the two ends."""
    years: dict[int, str] = {}
    for c in columns:
        m = re.fullmatch(r"[A-Za-z]{0,3}_?((?:19|20)\d\d)", str(c).strip())
        if m:
            years[int(m.group(1))] = c
    out: list[Mention] = []
    have = {f.column for f in found}
    for m in _YEAR_RANGE.finditer(question):
        ends = [g for g in m.groups() if g]
        if (
            m.group(3)
            and re.search(r"correl|relat|associat|\blink", question, re.I)
            and not re.search(r"\b(years|each|every|all|period|span)\b", question, re.I)
        ):
            continue  # "correlation between 1990 and 2010": the two years, not the range
        first = next(m.start(k) for k in range(1, 5) if m.group(k)) + 1  # in year order
        a, b = sorted(int(g) for g in ends)
        inside = [years[y] for y in sorted(years) if a <= y <= b]
        if a in years and b in years and len(inside) >= 3:
            out += [  # each its own (virtual) part: the years share the range's words
                Mention(c, first + i, first + i + 1, 0.9, how=f"year range {a}-{b}",
                        parts=((-1 - i, -1 - i),))
                for i, c in enumerate(inside)
                if c not in have
            ]  # fmt: skip
    return out


_GROUP_CUE = re.compile(
    r"\b(?:per|by|for each|in each|for every|across|within each|each)\s+(?:the\s+)?", re.I
)


def _group_word_mentions(
    question: str, ds: Any, toks: list[Token], found: list[Mention]
) -> list[Mention]:
    """A label column named by one of its header words right after a grouping cue, even a word
    too common to name a column elsewhere: "average delivery time per category" -> ``Product
    Category``; "by type" -> ``Room Type``. Only label columns, only when one column has it."""
    labels = [c for c in ds.frame.columns if c in getattr(ds, "labels", ())]
    out: list[Mention] = []
    for m in _GROUP_CUE.finditer(question):
        tok = next((t for t in toks if t.start >= m.end()), None)
        if (
            tok is None
            or tok.start > m.end() + 1
            or any(f.start <= tok.start < f.end for f in found)
        ):
            continue
        hits = [
            c for c in labels
            if any(word_match(tok.text, w) >= 0.9 for w in (_variants(c) or [()])[0] if w not in STOP)
        ]  # fmt: skip
        if len(hits) == 1:
            out.append(Mention(hits[0], tok.start, tok.end, 0.85, how=f"group word {tok.text!r}"))
    return out


_ID_NAME = re.compile(
    r"(^|[_\s])(id|no|nr|number|num|key|code)$|^(id|index|row|obs)$|ID$|Id$|No$|[a-z](Number|Num|Code|Key)$"
    # the number sign or "No." after the unit's name: "Vat#", "Sample #", "Batch No."
    r"|\w\s*#\s*$|^#\s*\w|(^|[_\s])[Nn]o\.$"
)


# headers that name the unit each row is about ("Subject", "participant"): with whole-number
# codes 0..k-1 or 1..k they number the units, they measure nothing
_UNIT_NAME = re.compile(
    r"^(subject|participant|patient|respondent|person|individual|case|animal|specimen|pupil|"
    r"student|volunteer|household|unit|plot|rat|mouse|mice|dog|cow|tree|child)s?$",
    re.I,
)


def _numbers_units(column: str, ds: Any) -> bool:
    """A column named for the unit of observation whose values are the consecutive whole
    numbers that number those units (0..59, 1..20), each the same number of times or once."""
    if not _UNIT_NAME.match(column.strip()) or column not in getattr(ds, "numeric", ()):
        return False
    col = ds.frame[column].dropna()
    if len(col) < 10 or not (col == col.round()).all():
        return False
    k = col.nunique()
    counts = col.value_counts()
    return (
        k >= 5
        and col.min() in (0, 1)
        and col.max() - col.min() + 1 == k
        and counts.max() - counts.min() <= 1
    )


def _is_id(column: str, ds: Any) -> bool:
    """An identifier column: named like one and (nearly) unique per row or per entity."""
    if _numbers_units(column, ds):
        return True
    if not _ID_NAME.search(column.strip()):
        return False
    col = ds.frame[column].dropna()
    # unique per row, or per entity of a long table (pupil_id repeated once per subject)
    return len(col) > 0 and (
        col.nunique() >= 0.9 * len(col) or col.nunique() >= max(20, 0.1 * len(col))
    )


# three-letter values whose plural is a word of its own or a unit ("days absent" is no Shift
# = Day; "news" is not "new")
_NOT_PLURAL = frozenset("new one use day top low all any yes not and per off out end set age "
                        "sum max min avg".split())  # fmt: skip


def _value_forms(text: str) -> list[str]:
    """A cell value and the words people use for it ("Male" -> men, man, males)."""
    forms = [text]
    for alt in SYNONYMS.get(text, ()):
        forms.append(alt)
    code = text.replace(".", "")
    if code in ABBREVIATIONS and any(ch.isdigit() for ch in code):  # "O3" -> ozone
        forms.append(" ".join(ABBREVIATIONS[code]))
    if text in _CALENDAR:  # "Sat" in the table, "Saturday" in the question
        forms += [_CALENDAR[text], _CALENDAR[text] + "s"]
    if len(text) >= 4 and text.isalpha() and text[-1] not in "sy":  # "Reject" -> rejected
        forms.append(text + ("d" if text.endswith("e") else "ed"))
    if len(text) >= 4 and text.isalpha():  # a place and its people: Kenyan, Ghanaian, Italian
        forms.append(text[:-1] + "ian" if text.endswith("y") else text + "ian")
        if text.endswith("a"):
            forms.append(text + "n")
    if len(text) >= 6 and text.isalpha() and text.endswith(("ics", "ing")):
        # an activity and the people who do it: Gymnastics -> gymnasts, Swimming -> swimmers
        base = text[:-3]
        for end in ("er", "ers", "ist", "ists", "", "s"):  # not "athletes" for Athletics
            if end or text.endswith("ics"):
                forms.append(base + end)
    # a value named in the plural ("Dog" -> dogs, "Batch" -> batches, "Comedy" -> comedies)
    three = len(text) == 3 and text.isalpha() and text not in _NOT_PLURAL
    if (len(text) > 3 or three) and not text.endswith("s"):
        forms.append(text + "s")
        if text.endswith(("ch", "sh", "x", "z")):
            forms.append(text + "es")
        if text.endswith("y") and text[-2:-1] not in ("a", "e", "i", "o", "u"):
            forms.append(text[:-1] + "ies")
    elif len(text) > 4 and text.isalpha() and not text.endswith(("ss", "us", "is")):
        # a plural value named in the singular ("Potatoes" -> potato, "Berries" -> berry)
        one = (
            re.sub(r"ies$", "y", text)
            if text.endswith("ies")
            else re.sub(r"(?<=o)es$|s$", "", text)
        )
        if len(one) >= 4:
            forms.append(one)
    return forms


# Days and months as tables abbreviate them ("Sat", "Thur", "Sept") -> the full word.
_CALENDAR = {
    **{d[:3]: d for d in ("monday tuesday wednesday thursday friday saturday sunday".split())},
    "tues": "tuesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
    **{m[:3]: m for m in ("january february march april june july august september october "
                           "november december").split()},
    "sept": "september",
}  # fmt: skip


_GROUPING = frozenset("across among by versus vs".split())


# words that stand between the two sides of a comparison: a header's words on both sides
# of one of them are not said together
_COMPARED_SIDES = frozenset("than against compared".split())


def _unordered(words: list[str], toks: list[Token], column: str) -> Mention | None:
    """All of ``words`` within a span of len(words) + 3 tokens, in any order."""
    hits: list[list[int]] = []
    for w in words:
        pos = [i for i, t in enumerate(toks) if word_match(t.text, w) >= 0.85]
        if not pos:
            return None
        hits.append(pos)
    best = None
    for i0 in hits[0]:
        chosen = [i0]
        for pos in hits[1:]:
            near = [i for i in pos if abs(i - i0) <= len(words) + 3 and i not in chosen]
            if not near:
                break
            chosen.append(min(near, key=lambda i: abs(i - i0)))
        else:
            lo, hi = min(chosen), max(chosen)
            between = {toks[i].text for i in range(lo, hi + 1) if i not in chosen}
            if between & _GROUPING and not set(words) & _GROUPING:
                continue  # "patients per RN across wards": the words after "across" group
            if between & _COMPARED_SIDES:
                continue  # "basket values than web orders": two sides of a comparison
            if chosen != sorted(chosen) and any(t.text == "per" for t in toks[lo:hi]):
                continue  # "played per game" is a rate, not the header "games played"
            m = Mention(
                column, toks[lo].start, toks[hi].end, 0.9, how="words in another order",
                parts=tuple(sorted((toks[i].start, toks[i].end) for i in chosen)),
            )  # fmt: skip
            if best is None or (m.end - m.start) < (best.end - best.start):
                best = m
    return best


_SEX_CODES = {
    "m": ("male", "males", "men", "man", "boys"),
    "f": ("female", "females", "women", "woman", "girls"),
}


def _year_column(ds: Any, c: str) -> bool:
    """A numeric column of a few calendar years (``IntakeYear``, ``Season``: 2022, 2023): the
    years a question names ("in 2023 than in 2022") are its values, as a label's would be."""
    levels = ds.frame[c].dropna().unique()
    return (
        2 <= len(levels) <= 12
        and all(float(v).is_integer() and 1900 <= float(v) <= 2100 for v in levels)
        and bool(re.search(r"year|season|yr|cohort|vintage", str(c), re.I))
    )


def _value_heads(ds: Any) -> dict[str, int]:
    """The last words of the label columns' values of two or more words, with how many values
    (and headers) have that word at all: a head noun held by one value alone names it."""
    counts: dict[str, int] = {}
    for c in ds.labels:
        if ds.n_levels(c) > 200:
            continue
        for lv in ds.frame[c].dropna().unique():
            for w in set(split_name(str(lv).strip().lower())):
                counts[w] = counts.get(w, 0) + 1
    for c in ds.frame.columns:
        for w in split_name(str(c)):
            counts[w] = counts.get(w, 0) + 2  # a header's word names the column, no value
    return {
        w: n
        for w, n in counts.items()
        if len(w) >= 3 and w.isalpha() and w not in STOP and w not in GENERIC
        and w not in _NOT_COLUMN
    }  # fmt: skip


def _value_mentions(question: str, ds: Any, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    low = question.lower()
    heads = _value_heads(ds)
    for c in ds.labels + [n for n in ds.numeric if ds.n_levels(n) <= 12]:
        levels = ds.frame[c].dropna().unique()
        if len(levels) > 200:
            continue
        for lv in levels:
            text = str(lv).strip().lower()
            if c in ds.numeric and text.endswith(".0") and _year_column(ds, c):
                text = text[:-2]  # a year read as a float: "2023.0" is 2023
            if not text or (
                text.replace(".", "", 1).isdigit() and c in ds.numeric and not _year_column(ds, c)
            ):
                continue
            sexcode = text in _SEX_CODES and bool(set(split_name(str(c))) & {"sex", "gender"})
            # a chemical code written out ("ozone" for O3)
            chem = any(ch.isdigit() for ch in text) and text.replace(".", "") in ABBREVIATIONS
            if (
                not sexcode
                and not chem
                and len(text) <= 2
                and (
                    str(lv).strip() not in question  # cheap test first: most levels are absent
                    or not re.search(
                        r"(?<![A-Za-z0-9])" + re.escape(str(lv).strip()) + r"(?![A-Za-z0-9])",
                        question,
                    )
                )
            ):
                continue  # short codes ("M1", "L3") only when written as in the table
            m = None
            forms = _value_forms(text)
            if sexcode:
                forms = list(_SEX_CODES[text])  # M / F in a sex column: "men", "female"
            for form in forms:
                if form not in low:  # cheap test first: most levels are absent
                    continue
                pat = r"(?<![a-z0-9])" + re.escape(form) + r"(?![a-z0-9])"
                m = re.search(pat, low)
                if m:
                    break
            words = tuple(split_name(text))
            if m is None and len(words) >= 2:  # "after dam" written "after the dam"
                for i in range(len(toks)):
                    sc, span = _match_variant(words, toks, i)
                    if sc >= 0.9 and span:
                        m = re.compile(re.escape(low[toks[i].start : toks[i + span - 1].end]))
                        m = m.search(low, toks[i].start)
                        break
            if m is None and len(words) >= 2 and heads.get(words[-1]) == 1:
                # a value of several words named by its head noun after an article ("on the
                # bus" for "Mobile bus"), when no other value or header has that noun
                m = re.search(r"\b(?:the|a|an|our|their|that|this) (" + re.escape(words[-1])
                              + r")(?:s|es)?(?![a-z0-9])", low)  # fmt: skip
                if m:
                    m = re.compile(re.escape(m.group(1))).search(low, m.start(1))
            if m and len(text) == 1 and forms[0] == text:
                # a one-letter level ("A") only right after its column's name ("drug A")
                code = str(lv).strip()
                words = {stem(w) for v in _variants(str(c))[:2] for w in v}
                named = any(
                    (before := question[: hit.start()].split())
                    and (
                        stem(w0 := before[-1].lower().strip(",;:")) in words
                        # "rated R" on rating: the participle of the header's verb
                        or (len(w0) >= 5 and any(word_match(w0, w) >= 0.9 for w in words))
                    )
                    for hit in re.finditer(
                        r"(?<![A-Za-z0-9])" + re.escape(code) + r"(?![A-Za-z0-9])", question
                    )
                )
                if not (code.isupper() and named):
                    m = None
                else:
                    sexcode = True  # a code named with its column: not the article "a"
            if m and (len(text) > 1 or str(lv).strip().isupper() or sexcode):
                if not sexcode and (
                    text in STOP or (len(text) <= 2 and str(lv) not in question and not chem)
                ):
                    continue
                out.append(Mention(c, m.start(), m.end(), 0.9, "value", lv, "cell value"))
    return out


def _token_parts(m: Mention, toks: list[Token]) -> list[tuple[int, int]]:
    if m.parts:
        return list(m.parts)
    return [(t.start, t.end) for t in toks if m.start <= t.start and t.end <= m.end]


def _clash(a: Mention, b: Mention, toks: list[Token]) -> bool:
    """Two mentions claim the same words. Sharing only their last word is coordination, not a
    clash ("GRE and TOEFL scores" names GRE Score and TOEFL Score)."""
    if not (a.start < b.end and b.start < a.end):
        return False
    pa, pb = _token_parts(a, toks), _token_parts(b, toks)
    shared = set(pa) & set(pb)
    if not shared:
        return False
    words = {t.text for t in toks if (t.start, t.end) in shared}
    if len(pa) > 1 and len(pb) > 1 and len(shared) == 1 and words <= GENERIC:
        return False  # "the two scores, reading and writing": "scores" is shared by both
    common = set(split_name(a.column)) & set(split_name(b.column))
    if len(pa) > 1 and len(pb) > 1 and len(shared) == 1 and common:
        if any(word_match(w, c) >= 0.85 for w in words for c in common):
            return False  # "sell well in Japan ... sell well in Europe": JP_Sales, EU_Sales
    return not (len(pa) > 1 and len(pb) > 1 and shared == {pa[-1]} == {pb[-1]})


def _resolve(found: list[Mention], toks: list[Token] | None = None) -> list[Mention]:
    """Overlapping column mentions: the better match keeps the span."""
    toks = toks or []
    cols = sorted((m for m in found if m.kind == "column"), key=lambda m: (-m.score, m.start))
    kept: list[Mention] = []
    for m in cols:
        clash = (
            [k for k in kept if _clash(k, m, toks)]
            if toks
            else [k for k in kept if k.start < m.end and m.start < k.end]
        )
        if clash and any(
            k.score >= m.score - 0.01 and (k.end - k.start) >= (m.end - m.start) for k in clash
        ):
            continue
        kept = [k for k in kept if k not in clash]
        kept.append(m)
    values = [m for m in found if m.kind == "value"]

    def one_word(k: Mention) -> bool:
        return len(_token_parts(k, toks)) <= 1 if toks else k.how.startswith("distinctive")

    # a cell value ("Clinton voters") outranks a header found by one of its words (clinton_lr)
    kept = [
        k
        for k in kept
        if not (
            (k.how.startswith("distinctive") or one_word(k))
            and any(
                v.start <= k.start
                and k.end <= v.end
                and (v.column != k.column or k.score < 1.0)  # "married": a value, not a synonym
                for v in values
            )
        )
    ]
    values = [v for v in values if not any(k.start <= v.start and v.end <= k.end for k in kept)]
    return sorted(kept + values, key=lambda m: (m.start, -m.score))


# What a unit says about the quantity measured ("Area (sq ft)" is a floor area in square feet).
_UNIT_MEANING = {
    "sq ft": "square feet footage", "sqft": "square feet footage", "m2": "square metres area",
    "$": "dollars price money amount spent", "usd": "dollars money amount spent",
    "eur": "euros money amount spent", "€": "euros money amount spent", "£": "pounds money", "%": "percent share", "pct": "percent share", "min": "minutes time",
    "s": "seconds time", "h": "hours time", "hrs": "hours time", "days": "days time",
    "kg": "kilograms weight", "g": "grams weight", "lb": "pounds weight", "mm": "millimetres length",
    "cm": "centimetres length", "°c": "degrees temperature", "c": "degrees celsius temperature",
    "kn": "kilonewtons force load", "mpa": "megapascals strength stress", "ppm": "parts per million",
}  # fmt: skip


def describe_column(name: str) -> str:
    """A header as words for the sentence embedder ("inter_arrival_s" -> "inter arrival";
    "Area (sq ft)" -> "area square feet footage")."""
    variants = _variants(name)
    words = max(variants[:3], key=len) if variants else split_name(name)
    expanded = []
    for w in words:
        expanded.extend(ABBREVIATIONS.get(w, (w,)))
    text = " ".join(w for w in expanded if w not in UNITS)
    for unit in re.findall(r"[\(\[]([^\)\]]{1,12})[\)\]]", name):
        meaning = _UNIT_MEANING.get(unit.strip().lower())
        if meaning:
            text += " " + meaning
    return text.strip() or name


_STAT_ACRONYMS = frozenset(
    "ks cmh anova sd cv iqr mh ad sw ok us usa uk eu qc qa csv pdf ci df f t p n r q1 q3 "
    "ppm dpmo lsl usl ucl lcl doe spc msa".split()
)
# Words of a question that are never part of a description of a column: function words,
# verbs and adverbs of asking, and the words that name the analysis rather than the data.
_FILLER = frozenset(
    "since being when while where why who whom whose fine back high higher highest low lower lowest "
    "more less most least strongly strong weak weakly matter matters wants want wanted know think "
    "keep keeps saying say says said still tend tends also really very much many one two three "
    "four five dataset table file sheet column columns variable variables question test tests "
    "check look see use using used run compute calculate help need needs like people thing things "
    "something anything everything whether sign here now again link linked related relationship "
    "relation associated association depend depends dependent move moves go goes going together "
    "similar different differ differs difference same equal equally vary varies variation "
    "variability variance spread consistent consistency erratic steady steadier stable distribution "
    "distributed follow follows normal normally uniform exponential gamma weibull lognormal "
    "correlation correlated correlate kendall spearman pearson chi fisher levene bartlett "
    "mood fligner shapiro wilk anderson darling kolmogorov smirnov lilliefors mantel haenszel "
    "partial significant significance evidence p value alpha level percent ok okay please thanks "
    "thank hi hello maybe perhaps seem seems seemed actually just only even ever both either "
    "neither other others another whole all every any none no not yes true false good bad better "
    "worse best worst way ways kind kinds sort lot lots bit little big small large want would "
    "could should might must can may shall will did does do done doing make makes made get gets "
    "got give gives given tell tells show shows find finds found let lets try tries want wonder "
    "wondering curious interested trying ask asking asked answer report quick quickly simple "
    "overall general typical typically usually usual average mean median mode quartile quartiles "
    "percentile skewness kurtosis deviation standard range iqr cv min max minimum maximum count "
    "across among within against versus vs per each every between compared compare comparing "
    "quarterly monthly yearly weekly daily annual annually over time times period "
    "comparison relative independent independence contingency cross tab crosstab proportion "
    "proportions share split group groups grouped level levels category categories".split()
)
# Cosine similarity a phrase needs to stand for a column: lower when the analysis already has
# another of its columns from the question (``anchored``), higher when a description would be
# the only link (calibrated on the tune half of the blind corpus: at 0.45, 14 of 24
# described columns right; "average hardness of the welds" on a table without hardness must
# stay unmatched).
SEMANTIC_MIN = 0.45
SEMANTIC_MIN_ALONE = 0.6


def semantic_columns(
    question: str,
    ds: Any,
    pool: list[str],
    need: int,
    taken: list[Mention],
    anchored: bool | None = None,
) -> list[Mention]:
    """Columns described rather than named ("how long the pumps last" -> hours_to_failure):
    question phrases of 1-5 words compared with each header's words by sentence embedding."""
    if need <= 0 or not pool:
        return []
    if anchored is None:
        anchored = bool(taken)
    try:
        from havoc_rag import MiniLMEmbedder, minilm_available
    except ImportError:
        return []
    if not minilm_available():
        return []
    toks = [t for t in tokens(question) if not any(m.start <= t.start < m.end for m in taken)]
    phrases: list[tuple[str, int, int]] = []
    for n in range(1, 6):
        for i in range(len(toks) - n + 1):
            span = toks[i : i + n]
            words = [t.text for t in span]
            if (
                words[0] in STOP
                or words[-1] in STOP
                or any(w in _FILLER or len(w) < 2 or w[0].isdigit() for w in words)
                or all(w in STOP | _NOT_COLUMN | GENERIC for w in words)
            ):
                continue
            phrases.append((" ".join(words), span[0].start, span[-1].end))
    if not phrases:
        return []
    # a phrase carrying a name the table does not have ("GMAT score" when only GRE exists) stands
    # for that missing column, not for a neighbour
    acronyms = {m.group(0).lower() for m in re.finditer(r"\b[A-Z][A-Z0-9]{1,}\b", question)}
    header_words = {w for c in ds.frame.columns for w in split_name(c)}
    foreign = {a for a in acronyms if a not in header_words and a not in _STAT_ACRONYMS}
    phrases = [ph for ph in phrases if not (set(ph[0].split()) & foreign)]
    if not phrases:
        return []
    emb = MiniLMEmbedder.shared()
    cols = [c for c in pool]
    vecs = emb.encode([p for p, _, _ in phrases] + [describe_column(c) for c in cols])
    pv, cv = vecs[: len(phrases)], vecs[len(phrases) :]
    sim = pv @ cv.T
    out: list[Mention] = []
    used_cols: set[str] = set()
    for _ in range(need):
        i, j = divmod(int(sim.argmax()), sim.shape[1])
        if sim[i, j] < (SEMANTIC_MIN if anchored or out else SEMANTIC_MIN_ALONE):
            break
        c = cols[j]
        p, a, b = phrases[i]
        out.append(Mention(c, a, b, float(sim[i, j]), how=f"described as {p!r}"))
        used_cols.add(c)
        sim[:, j] = -1
        for k, (_, a2, b2) in enumerate(phrases):  # the phrase is used up
            if a2 < b and a < b2:
                sim[k, :] = -1
    return out


_CODE = re.compile(r"(?<![\w.])[A-Z][A-Z0-9]{1,5}(?![\w.])")
_COMMON_CODES = frozenset(
    "q1 q2 q3 q4 p10 p25 p50 p75 p90 p95 p99 iqr "  # quartiles and percentiles asked for
    "ps nb btw fyi asap thx pls ppm dpmo lsl usl ucl lcl cl spc msa grr ndc cmh ks sd cv qq pdf cdf "
    "mle mse rmse hsd lsd ccd bbd pb mr tv pc csv xls xlsx sql nyc dc uk us usa eu km kg mm cm "
    "ml mg hz kw kwh nm mpa kpa psi rpm ct ft lb lbs dl df ci se ss ms mss pct std msd wsd gmt "
    "utc pm am sw ad mh vp hr qc qa rsd http gm ceo cfo coo hq pr sop kpi roi sla api url id "
    "ppap fmea rpn pfmea dfmea cnc plc mes erp sap crm lims hrc hrb hv hb"
    # quality-report steps and documents: 8D disciplines D0-D8, CAPA, NCR, SCAR
    " 8d d0 d1 d2 d3 d4 d5 d6 d7 d8 capa ncr scar ecn ecr dmaic"
    # hypotheses written as H0 / H1 / Ha
    " h0 h1 ha"
    # statistics packages named in capitals ("In SPSS ...", "JMP Analyze > ..."): software
    " spss jmp sas sps mtb stata spssx"
    # model and method codes of statistics software ("PROC GLM", "fit an LM", "a GLMM"): the
    # procedure, never a quantity
    " glm glmm lm lmm gls wls nls gam gee pca lda qda svm knn sem cfa efa irt mcmc sgd"
    # SAS step and statement words written in capitals ("PROC GLM; CLASS x; MODEL y = x; RUN;")
    " proc".split()
)
# statistics functions of scipy, statsmodels and R written into a question
_SOFTWARE_NAMES = frozenset(
    "ttest_1samp ttest_ind ttest_rel mannwhitneyu f_oneway kruskal wilcoxon shapiro levene "
    "bartlett fligner pearsonr spearmanr kendalltau chi2_contingency fisher_exact ks_2samp kstest "
    "anderson normaltest solve_power tt_ind_solve_power proportions_ztest pairwise_tukeyhsd "
    "anova_lm ols_fit var_equal equal_var process_capability "
    # the packages and programs themselves ("skewness(x) from StatsBase", "in GraphPad")
    "statsbase statsmodels scipy numpy pandas pingouin hypothesistests distributions minitab "
    "matlab graphpad sigmaplot xlstat jamovi jasp statcrunch spss stata rstudio sklearn "
    "scikitlearn openpyxl libreoffice googlesheets".split()
)
# terms of a trade written in mixed case, never a column's name (value at risk, capital and
# operating expenditure, degrees)
_TERMS = frozenset(
    "var capex opex phd msc bsc mba"
    # statistics as software prints them in mixed case (Minitab's "StDev", "SE Mean", "CoefVar",
    # "TrMean"; ANOVA tables' "SumSq", "MeanSq", "AdjSS"; "PValue"): a statistic, not a column
    " stdev stddev stdevs coefvar trmean semean sumsq meansq adjss adjms seqss pvalue fvalue"
    " tvalue zvalue chisq df".split()
)
# the words of a test's name in software ("FisherExactTest", "FlignerKilleenTest",
# "HypothesisTests", "LeveneTest", "EqualVarianceTest")
_METHOD_WORDS = frozenset(
    "hypothesis fisher exact levene bartlett fligner killeen pearson spearman kendall chi chisq "
    "anova welch mood mann whitney wilcoxon kruskal wallis shapiro wilk kolmogorov smirnov "
    "normality variance equal independence correlation cor corr signed rank brown forsythe "
    "mantel haenszel cochran".split()
)
# an exercise's number at the start of the question or of a line: "Q5(b).", "Q3:", "E2)"
_EXERCISE = re.compile(r"(?:^|\n)\s*([A-Z]\d{1,2})(?=\s*(?:\([a-z]\)|[.:)]))")
_IDENTIFIER = re.compile(
    r"\b(?:[a-z]{2,}[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*|[A-Za-z]+_[A-Za-z0-9_]+)\b"
)


def unknown_names(question: str, ds: Any) -> list[str]:
    """Header-like names in the question (CamelCase, snake_case, capital codes such as "LDL" or
    "SO2") that match no column: the user asks about a column the table does not have."""
    if ds is None:
        return []
    cols = list(ds.frame.columns)
    values = {
        str(v).strip().lower()
        for c in ds.labels
        if ds.n_levels(c) <= 500
        for v in ds.frame[c].dropna().unique()
    }
    out = []
    from havoc_srs.reader.calls import calls

    called = {c.name for c in calls(question)}  # "ks_2samp(...)" names a function, not a column
    # a name called as a function ("fisher_exact(...)", "chi2_contingency(") is software, not data
    names = [
        m.group(0)
        for m in _IDENTIFIER.finditer(question)
        if m.group(0).lower() not in called
        and question[m.end() : m.end() + 1] != "("
        # a name-value option of a call ("'TestType','Bartlett'", "'Type','Kendall'")
        and not re.match(r"""['"]\s*,\s*['"]""", question[m.end() :])
    ]
    # codes written in capitals with no vowel or with digits ("LDL", "SO2", "PM1"): the names of
    # measured quantities; one the table lacks is a column the user assumes is there
    codes = [
        m.group(0) for m in _CODE.finditer(question)
        if m.group(0).lower() not in _COMMON_CODES and (
            any(ch.isdigit() for ch in m.group(0)) or not re.search(r"[AEIOUY]", m.group(0))
        )
    ]  # fmt: skip
    header_words = {w for c in cols for v in _variants(c) for w in v} | {
        re.sub(r"[^a-z0-9]", "", str(c).lower()) for c in cols
    }
    glued = [re.sub(r"[^a-z0-9]", "", str(x).lower()) for x in [*cols, *values]]
    labels = {m.group(1) for m in _EXERCISE.finditer(question)}
    for code in codes:  # a code matches exactly or not at all ("SO2" is not "NO2")
        low = code.lower()
        if code in labels:
            continue  # "Q5(b).": the number of an exercise, not a quantity
        if low in header_words or any(low in g for g in glued) or code in out:
            continue  # "L70" of hours_to_L70, "CNC" of the value CNC-1
        out.append(code)
    for name in names:
        if any(name.lower() == str(c).strip().lower() for c in cols):
            continue
        if name.lower() in _SOFTWARE_NAMES:  # scipy's ttest_1samp names a test, not a column
            continue
        if name.lower() in _TERMS:  # "before we compute VaR": a term of the trade
            continue
        words = split_name(name)
        if words[-1:] in (["test"], ["tests"]) and set(words) & _METHOD_WORDS:
            continue  # "FisherExactTest", "HypothesisTests": a software's name of a test
        if name.lower() in values or name.lower().rstrip("s") in values:
            continue  # a cell value ("BrightCo" of driver_supplier), not a column
        if (len(name) >= 4 or any(ch.isdigit() for ch in name)) and any(
            name.lower() in g for g in glued
        ):
            continue  # part of a cell value ("Si3N4" of "Si3N4 hybrid"), of a header ("A1C")
        if match_headers(name, cols, ds):
            continue
        out.append(name)
    return out
