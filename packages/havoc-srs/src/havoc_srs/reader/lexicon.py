"""Everyday words for the headers of public tables, added to the grounding synonyms.

Header word -> the words people use for it when they describe the column instead of naming it
("marks" for ``score``, "storeys" for ``floors``, "marital status" for ``MARRIAGE``, "called
off" for ``CANCELLED``). General vocabulary of survey, business, health, transport and building
tables, not the wording of any one question; merged into ``columns.SYNONYMS`` without replacing
an entry (the words are appended).

>>> extra = {"score": ("points",)}
>>> merge_synonyms(extra)["score"][:2]
('points', 'mark')
"""

from __future__ import annotations

LEXICON: dict[str, tuple[str, ...]] = {
    # people and households
    "marriage": ("marital", "married", "spouse"), "marital": ("marriage", "married"),
    "married": ("marital", "marriage"), "ever_married": ("marital", "married"),
    "dependents": ("children", "kids", "dependants"), "education": ("qualification", "schooling"),
    "job": ("occupation", "profession"), "occupation": ("jobs",),
    # schools and tests
    "score": ("mark", "marks", "grade", "grades", "points"),
    "grade": ("mark", "marks", "score", "scores"), "marks": ("score", "scores", "grade"),
    "absences": ("absent", "missed", "truancy"), "studytime": ("studying", "study"),
    # money and banking
    "balance": ("savings",),
    "bill": ("owe", "owes", "owed", "owing", "statement"), "loan": ("borrowing", "debt"),
    "housing": ("mortgage",), "default": ("defaulted", "defaulting", "defaults"),
    "salary": ("paid", "earning", "earnings"), "revenue": ("takings", "turnover"),
    "sales": ("sell", "sells", "sold", "selling"), "charges": ("billed", "premium"),
    "campaign": ("contacts", "contacted"),
    # travel and hospitality
    "cancelled": ("canceled", "cancellation", "cancellations", "cancel", "scrapped"),
    "canceled": ("cancelled", "cancellation", "cancellations", "cancel", "scrapped"),
    "delay": ("late", "lateness", "delayed", "punctuality"), "origin": ("departure", "departing"),
    "dest": ("destination", "arrival"), "adr": ("nightly", "rate", "price"),
    "lead": ("advance", "ahead"), "fare": ("ticket", "tickets"), "tip": ("tips", "gratuity"),
    "passenger": ("passengers", "riders"),
    # buildings and energy
    "floors": ("storeys", "stories", "storey", "levels"), "kwh": ("electricity", "energy", "power"),
    "electricity": ("kwh", "power"),
    # cars and machines
    "displacement": ("engine", "cc"), "acceleration": ("accelerate", "pickup"),
    "cylinders": ("cylinder",), "horsepower": ("power", "powerful"),
    # health and biology
    "perimeter": ("outline", "circumference"),
    "diagnosis": ("malignant", "benign"), "smoker": ("smoking", "smokes", "smoke"),
    "smoking": ("smoker", "smokers", "smokes"), "bmi": ("obesity", "overweight"),
    "stroke": ("strokes",), "glucose": ("sugar",), "cholesterol": ("lipid", "lipids"),
    "arm": ("treatment", "treatments"),  # a trial's arm is its treatment group
    # regions as sales and survey tables abbreviate them (JP_Sales, EU_Sales, NA_Sales)
    "jp": ("japan", "japanese"), "eu": ("europe", "european"), "na": ("america", "american", "sodium"),
    "us": ("america", "american", "usa"), "uk": ("britain", "british"), "cn": ("china", "chinese"),
    # chemistry: element symbols of composition tables (glass, water, soil)
    "mg": ("magnesium",), "al": ("aluminium", "aluminum"), "si": ("silicon",),
    "ca": ("calcium",), "fe": ("iron",), "ba": ("barium",), "mag": ("magnitude",),
    "hh": ("household", "households"), "boro": ("borough", "boroughs"),
    "trb": ("rebounds",), "mp": ("minutes",),
    # shops, apps, media
    # service desks: a ticket's resolution is when it is fixed or closed
    "resolution": ("resolve", "resolved", "fixed", "fix", "closed", "close", "solved", "solve"),
    "reviews": ("review", "ratings"), "installs": ("installations",), "genre": ("genres",),
    "rating": ("rated", "stars"), "price": ("priced", "costs", "pricing"),
    # places: a population density is how crowded a place is
    "density": ("crowded", "dense", "packed", "populous"),
    # vehicles: distance driven is read off the odometer
    "km": ("kilometre", "kilometres", "kilometer", "kilometers", "odometer", "odometers"),
    "kms": ("kilometre", "kilometres", "kilometer", "kilometers", "odometer", "odometers"),
    # flights: an arrival is a landing, a departure a take-off
    "arr": ("land", "lands", "landed", "landing", "arrive", "arrives", "arrived", "arriving"),
    "dep": ("depart", "departs", "departed", "departing", "takeoff"),
    "departure": ("depart", "departs", "departed", "departing", "takeoff", "leave", "leaves",
                  "leaving"),
    "arrival": ("arrive", "arrives", "arrived", "arriving", "land", "lands", "landed", "landing"),
    # an invoice is the bill sent
    "invoice": ("bill", "bills", "billed", "billing", "invoiced"),
    # films, shows, tracks: the runtime is how long each one is
    "runtime": ("length", "lengths", "duration", "running", "long"),
    # a rate per head of population
    "capita": ("person", "head", "inhabitant", "resident", "citizen"),
    # marketing: recency is the time since the last purchase
    "recency": ("since", "recent", "recently", "lapsed"),
    # job postings: applies are applications
    "applies": ("applications", "application", "applicants", "applied", "apply"),
    # stock tables head each column with the company's ticker symbol
    "aapl": ("apple",), "msft": ("microsoft",), "xom": ("exxon", "exxonmobil"),
    "goog": ("google", "alphabet"), "googl": ("google", "alphabet"), "amzn": ("amazon",),
    "tsla": ("tesla",), "nvda": ("nvidia",), "jpm": ("jpmorgan",), "nflx": ("netflix",),
    "wmt": ("walmart",), "cvx": ("chevron",), "pfe": ("pfizer",), "jnj": ("johnson",),
    "intc": ("intel",), "ko": ("coca", "coke"), "dis": ("disney",), "csco": ("cisco",),
    "orcl": ("oracle",), "pep": ("pepsi", "pepsico"), "mcd": ("mcdonalds", "mcdonald"),
    "fb": ("facebook",), "meta": ("facebook",), "brk": ("berkshire",), "gs": ("goldman",),
    "platform": ("app", "apps"),
    # events and venues: the crowd is the attendance
    "attendance": ("crowd", "crowds", "spectators", "turnout", "attendances", "audience"),
    # machined parts: a surface's roughness is its finish
    "roughness": ("finish", "smoothness"),
    # water and food quality: cloudiness is turbidity; smell is aroma, mouthfeel is body
    "turbidity": ("cloudy", "cloudier", "cloudiness", "murky", "murkier"),
    "aroma": ("smell", "smells", "scent"), "body": ("mouthfeel",),
    # a payment is how or when someone paid
    "payment": ("pay", "pays", "paying"),  # ("paid" is also an amount: "the total paid")
    # before and after a change: headers mark the two readings "pre" and "post"
    "pre": ("before", "prior", "baseline"), "post": ("after", "afterwards", "following"),
    # a visitor who would return is one who would come back, revisit
    "return": ("revisit", "revisiting", "comeback"),
    # things found or counted: items are objects, articles, pieces
    "items": ("objects", "articles", "pieces", "things"),
    # checked is inspected, audited, examined
    "checked": ("inspected", "examined", "audited", "tested"),
    "inspected": ("checked", "examined", "audited"),
    # a quantity named by its adjective: how damp (moisture), how warm (temperature)
    "moisture": ("damp", "damper", "dampness", "wet", "wetter", "wetness", "moist"),
    "temperature": ("warm", "warmer", "warmest", "hot", "hotter", "hottest", "cold", "colder",
                    "coldest", "cool", "cooler"),
    "temp": ("warm", "warmer", "warmest", "hot", "hotter", "hottest", "cold", "colder",
             "coldest", "cool", "cooler"),
    # orchards and fields: a cultivar is a variety
    "cultivar": ("variety", "varieties", "cultivars"),
    # salinity is how salty the water is
    "salinity": ("salt", "salty", "saltiness"),
}  # fmt: skip


def merge_synonyms(synonyms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Append the lexicon's words to ``synonyms`` (in place) and return it."""
    for head, words in LEXICON.items():
        have = synonyms.get(head, ())
        synonyms[head] = have + tuple(w for w in words if w not in have and w != head)
    return synonyms
