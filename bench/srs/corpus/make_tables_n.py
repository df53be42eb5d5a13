"""Build the corpus-n tables deterministically (every file ends in ``_n.csv``).

All fourteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download (credit-card default, car fuel economy,
mushrooms, flower measurements, stroke screening, video-game sales, flight delays, taxi trips,
hotel bookings, bank marketing, breast-tumour measurements, building energy use, a wide table of
quarterly revenue, a long table of school test scores), header mess included: dots and hyphens
in names, units in names, trailing spaces, 0/1 and 1/2/3 codes, single-letter codes, "?" and
"N/A" for missing values. Values follow distributions plausible for each quantity, with the
relationships real data show (heavier cars use more fuel, glucose and age raise stroke risk,
long calls go with a "yes", malignant tumours are larger, ...).

Run:  uv run python bench/srs/corpus/make_tables_n.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 14_000


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _with_missing(x: np.ndarray, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def credit_default() -> pd.DataFrame:
    """500 card holders (UCI default-of-credit-card-clients layout), NT$ amounts."""
    r = _rng(1)
    n = 500
    sex = r.choice([1, 2], n, p=[0.4, 0.6])
    education = r.choice([1, 2, 3, 4, 5, 6, 0], n, p=[0.35, 0.46, 0.16, 0.01, 0.01, 0.005, 0.005])
    marriage = r.choice([1, 2, 3], n, p=[0.45, 0.53, 0.02])
    age = np.clip(np.round(r.gamma(9, 3.9, n)), 21, 75).astype(int)
    limit = np.round(r.lognormal(np.log(140_000) - 0.15 * (education - 2), 0.7, n), -4)
    limit = np.clip(limit, 10_000, 800_000).astype(int)
    pay0 = r.choice([-2, -1, 0, 1, 2, 3, 4, 8], n, p=[0.09, 0.19, 0.49, 0.12, 0.09, 0.01, 0.005,
                                                     0.005])  # fmt: skip
    bill = np.round(limit * r.beta(1.2, 2.5, n) + r.normal(0, 2000, n)).astype(int)
    pay_amt = np.round(r.lognormal(np.log(2500), 1.1, n) * (pay0 <= 0)).astype(int)
    logit = -1.6 + 0.8 * np.clip(pay0, 0, 3) - 0.0000025 * limit + 0.1 * (sex == 1)
    default = (r.random(n) < _expit(logit)).astype(int)
    return pd.DataFrame({
        "ID": np.arange(1, n + 1), "LIMIT_BAL": limit, "SEX": sex, "EDUCATION": education,
        "MARRIAGE": marriage, "AGE": age, "PAY_0": pay0, "BILL_AMT1": bill, "PAY_AMT1": pay_amt,
        "default.payment.next.month": default,
    })  # fmt: skip


def auto_mpg() -> pd.DataFrame:
    """398 cars, 1970-82 (auto-mpg layout), horsepower with '?' for six unknown values."""
    r = _rng(2)
    n = 398
    origin = r.choice([1, 2, 3], n, p=[0.62, 0.18, 0.20])
    cyl = np.where(
        origin == 1, r.choice([4, 6, 8], n, p=[0.3, 0.3, 0.4]), r.choice([3, 4, 5, 6], n,
                                                                         p=[0.02, 0.88, 0.03, 0.07])
    )  # fmt: skip
    disp = np.round(cyl * r.normal(40, 6, n) + np.where(cyl == 8, 40, 0), 0)
    hp = np.round(0.35 * disp + r.normal(30, 9, n), 0)
    weight = np.round(1300 + 6.5 * disp + r.normal(0, 250, n), 0).astype(int)
    year = r.integers(70, 83, n)
    mpg = np.round(np.clip(39 - 0.0065 * weight + 0.65 * (year - 70) + r.normal(0, 2.8, n), 9,
                           47), 1)  # fmt: skip
    acc = np.round(np.clip(r.normal(21 - 0.03 * hp, 1.8, n), 8, 25), 1)
    hp_txt = hp.astype(int).astype(str).astype(object)
    hp_txt[r.choice(n, 6, replace=False)] = "?"
    makers = {1: ["ford", "chevrolet", "plymouth", "amc", "dodge", "buick"],
              2: ["volkswagen", "peugeot", "fiat", "volvo", "audi"],
              3: ["toyota", "datsun", "honda", "mazda", "subaru"]}  # fmt: skip
    names = [f"{r.choice(makers[o])} model {k}" for k, o in enumerate(origin, 1)]
    return pd.DataFrame({
        "mpg": mpg, "cylinders": cyl, "displacement": disp, "horsepower": hp_txt,
        "weight": weight, "acceleration": acc, "model_year": year, "origin": origin,
        "car name": names,
    })  # fmt: skip


def mushrooms() -> pd.DataFrame:
    """500 mushrooms described by single-letter codes (UCI mushroom layout)."""
    r = _rng(3)
    n = 500
    cls = r.choice(["e", "p"], n, p=[0.52, 0.48])
    poison = cls == "p"
    odor = np.where(
        poison, r.choice(["f", "y", "s", "p", "c", "n"], n, p=[0.5, 0.15, 0.15, 0.07, 0.05, 0.08]),
        r.choice(["n", "a", "l"], n, p=[0.8, 0.1, 0.1]),
    )  # fmt: skip
    bruises = np.where(poison, r.choice(["t", "f"], n, p=[0.16, 0.84]),
                       r.choice(["t", "f"], n, p=[0.65, 0.35]))  # fmt: skip
    gill_size = np.where(poison, r.choice(["b", "n"], n, p=[0.43, 0.57]),
                         r.choice(["b", "n"], n, p=[0.93, 0.07]))  # fmt: skip
    cap_shape = r.choice(["x", "f", "k", "b", "s"], n, p=[0.45, 0.39, 0.1, 0.05, 0.01])
    cap_color = r.choice(["n", "g", "e", "y", "w", "b"], n, p=[0.28, 0.23, 0.19, 0.13, 0.13, 0.04])
    habitat = np.where(
        poison,
        r.choice(["d", "g", "p", "l", "u"], n, p=[0.3, 0.2, 0.25, 0.15, 0.1]),
        r.choice(["d", "g", "p", "l", "u"], n, p=[0.45, 0.33, 0.04, 0.08, 0.1]),
    )
    population = r.choice(["v", "y", "s", "n", "a", "c"], n, p=[0.5, 0.21, 0.15, 0.05, 0.05, 0.04])
    ring = r.choice(["o", "t", "n"], n, p=[0.92, 0.07, 0.01])
    stalk = r.choice(["t", "e"], n, p=[0.57, 0.43])
    return pd.DataFrame({
        "class": cls, "cap-shape": cap_shape, "cap-color": cap_color, "bruises": bruises,
        "odor": odor, "gill-size": gill_size, "stalk-shape": stalk, "ring-number": ring,
        "population": population, "habitat": habitat,
    })  # fmt: skip


def flower_measurements() -> pd.DataFrame:
    """150 flowers of three species, R-style dotted headers (iris-like, centimetres)."""
    r = _rng(4)
    spec = {
        "setosa": (5.0, 0.35, 3.4, 0.38, 1.46, 0.17, 0.25, 0.10),
        "versicolor": (5.9, 0.52, 2.8, 0.31, 4.26, 0.47, 1.33, 0.20),
        "virginica": (6.6, 0.64, 3.0, 0.32, 5.55, 0.55, 2.03, 0.27),
    }
    rows = []
    for name, (sl, ssl, sw, ssw, pl, spl, pw, spw) in spec.items():
        z = r.normal(size=(50, 4))
        shared = r.normal(size=50)
        rows.append(pd.DataFrame({
            "Sepal.Length": np.round(sl + ssl * (0.7 * shared + 0.7 * z[:, 0]), 1),
            "Sepal.Width": np.round(sw + ssw * (0.5 * shared + 0.85 * z[:, 1]), 1),
            "Petal.Length": np.round(pl + spl * (0.6 * shared + 0.8 * z[:, 2]), 1),
            "Petal.Width": np.round(np.clip(pw + spw * (0.5 * shared + 0.85 * z[:, 3]), 0.1, 3),
                                    1),
            "Species": name,
        }))  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def stroke_screening() -> pd.DataFrame:
    """500 screened adults and children (stroke-prediction layout), bmi 'N/A' when unknown."""
    r = _rng(5)
    n = 500
    gender = r.choice(["Female", "Male", "Other"], n, p=[0.585, 0.413, 0.002])
    age = np.round(np.clip(r.uniform(0.0, 1, n) ** 0.8 * 82, 1, 82), 0)
    hyper = (r.random(n) < _expit(-5 + 0.055 * age)).astype(int)
    heart = (r.random(n) < _expit(-6.2 + 0.06 * age + 0.3 * (gender == "Male"))).astype(int)
    married = np.where(age < 18, "No", np.where(r.random(n) < 0.78, "Yes", "No"))
    work = np.where(
        age < 16,
        np.where(r.random(n) < 0.9, "children", "Never_worked"),
        r.choice(["Private", "Self-employed", "Govt_job"], n, p=[0.67, 0.19, 0.14]),
    )
    residence = r.choice(["Urban", "Rural"], n)
    glucose = np.round(
        np.where(r.random(n) < 0.17, r.normal(205, 35, n), r.lognormal(np.log(90), 0.18, n))
        + 0.15 * age,
        2,
    )
    bmi = np.round(np.clip(np.where(age < 18, r.normal(20, 4, n), r.normal(30, 6.5, n)), 12, 70),
                   1)  # fmt: skip
    smoking = np.where(
        age < 13,
        "Unknown",
        r.choice(
            ["never smoked", "formerly smoked", "smokes", "Unknown"], n, p=[0.42, 0.19, 0.17, 0.22]
        ),
    )
    logit = -7.6 + 0.07 * age + 0.5 * hyper + 0.4 * heart + 0.006 * (glucose - 100)
    stroke = (r.random(n) < _expit(logit)).astype(int)
    bmi_s = _with_missing(bmi, r, 0.04) + 0.15 * stroke
    bmi_txt = bmi_s.round(1).map(lambda v: "N/A" if np.isnan(v) else f"{v:.1f}")
    return pd.DataFrame({
        "id": r.choice(np.arange(10_000, 73_000), n, replace=False), "gender": gender,
        "age": age, "hypertension": hyper, "heart_disease": heart, "ever_married": married,
        "work_type": work, "Residence_type": residence, "avg_glucose_level": glucose,
        "bmi": bmi_txt, "smoking_status": smoking, "stroke": stroke,
    })  # fmt: skip


def vgsales() -> pd.DataFrame:
    """500 video games with regional sales in millions of units (vgsales layout)."""
    r = _rng(6)
    n = 500
    platforms = {
        "PS2": (2000, 2011),
        "DS": (2004, 2013),
        "Wii": (2006, 2015),
        "X360": (2005, 2016),
        "PS3": (2006, 2016),
        "PS4": (2013, 2016),
        "GBA": (2001, 2007),
        "PC": (1995, 2016),
        "3DS": (2011, 2016),
        "PSP": (2005, 2014),
    }
    genres = ["Action", "Sports", "Misc", "Role-Playing", "Shooter", "Adventure", "Racing",
              "Platform", "Simulation", "Fighting", "Strategy", "Puzzle"]  # fmt: skip
    plat = r.choice(list(platforms), n, p=[0.15, 0.13, 0.1, 0.11, 0.11, 0.06, 0.06, 0.08, 0.06,
                                          0.14])  # fmt: skip
    year = np.array([r.integers(platforms[p][0], platforms[p][1] + 1) for p in plat]).astype(float)
    year[r.choice(n, 8, replace=False)] = np.nan
    genre = r.choice(genres, n, p=[0.2, 0.14, 0.1, 0.09, 0.08, 0.08, 0.075, 0.055, 0.05, 0.05,
                                   0.04, 0.04])  # fmt: skip
    publisher = r.choice(
        [
            "Nintendo",
            "Electronic Arts",
            "Activision",
            "Ubisoft",
            "Sony",
            "THQ",
            "Konami",
            "Namco Bandai",
            "Sega",
            "Capcom",
        ],
        n,
    )
    base = r.lognormal(np.log(0.22), 1.1, n)
    japan_bias = np.isin(plat, ["DS", "3DS", "PSP"]) | (genre == "Role-Playing")
    na = np.round(base * r.uniform(0.35, 0.65, n) * np.where(japan_bias, 0.6, 1), 2)
    eu = np.round(base * r.uniform(0.2, 0.4, n) * np.where(plat == "PC", 1.6, 1), 2)
    jp = np.round(base * np.where(japan_bias, r.uniform(0.2, 0.6, n), r.uniform(0, 0.08, n)), 2)
    other = np.round(base * r.uniform(0.03, 0.12, n), 2)
    glob = np.round(na + eu + jp + other, 2)
    names = [f"{g} Title {k}" for k, g in enumerate(genre, 1)]
    df = pd.DataFrame({
        "Name": names, "Platform": plat, "Year": year, "Genre": genre, "Publisher": publisher,
        "NA_Sales": na, "EU_Sales": eu, "JP_Sales": jp, "Other_Sales": other,
        "Global_Sales": glob,
    }).sort_values("Global_Sales", ascending=False, kind="stable")  # fmt: skip
    df.insert(0, "Rank", np.arange(1, n + 1))
    return df.reset_index(drop=True)


def flight_delays() -> pd.DataFrame:
    """500 domestic flights: delays in minutes, cancelled flights have no arrival delay."""
    r = _rng(7)
    n = 500
    carriers = {"AA": 9, "DL": 4, "UA": 8, "WN": 11, "B6": 15}
    carrier = r.choice(list(carriers), n, p=[0.22, 0.24, 0.2, 0.24, 0.1])
    origin = r.choice(["ATL", "ORD", "DFW", "DEN", "JFK", "SEA"], n)
    dest = r.choice(["LAX", "MIA", "BOS", "PHX", "SFO", "MSP"], n)
    month = r.integers(1, 13, n)
    distance = np.round(r.uniform(300, 2600, n)).astype(int)
    mean_delay = np.array([carriers[c] for c in carrier]) + np.where(origin == "ORD", 6, 0)
    dep = np.round(r.exponential(mean_delay + 6, n) - 8 + 4 * np.isin(month, [6, 7, 12]))
    arr = np.round(dep + r.normal(-5, 9, n))
    airtime = np.round(distance / 7.8 + 18 + r.normal(0, 8, n))
    cancelled = (r.random(n) < 0.03 + 0.03 * (origin == "ORD") + 0.02 * (month == 1)).astype(int)
    dep_s, arr_s, air_s = (pd.Series(v.astype(float)) for v in (dep, arr, airtime))
    arr_s[cancelled == 1] = np.nan
    air_s[cancelled == 1] = np.nan
    dep_s[(cancelled == 1) & (r.random(n) < 0.7)] = np.nan
    days = r.integers(1, 29, n)
    return pd.DataFrame({
        "FL_DATE": [f"2023-{m:02d}-{d:02d}" for m, d in zip(month, days, strict=True)],
        "OP_CARRIER": carrier, "ORIGIN": origin, "DEST": dest, "DEP_DELAY": dep_s,
        "ARR_DELAY": arr_s, "AIR_TIME": air_s, "DISTANCE": distance, "CANCELLED": cancelled,
    })  # fmt: skip


def taxi_trips() -> pd.DataFrame:
    """500 yellow-cab trips: tips are recorded for card payments only (payment_type 1)."""
    r = _rng(8)
    n = 500
    vendor = r.choice([1, 2], n, p=[0.33, 0.67])
    pax = r.choice([1, 2, 3, 4, 5, 6], n, p=[0.7, 0.15, 0.05, 0.03, 0.04, 0.03])
    dist = np.round(r.gamma(1.4, 2.2, n) + 0.1, 2)
    rate = np.where(dist > 8, r.choice([1, 2], n, p=[0.4, 0.6]), 1)
    fare = np.round(np.where(rate == 2, 70.0, 3.0 + 2.6 * dist + r.normal(0, 1.8, n)), 1)
    fare = np.clip(fare, 3.0, None)
    payment = r.choice([1, 2, 3, 4], n, p=[0.72, 0.25, 0.02, 0.01])
    tip = np.round(np.where(payment == 1, fare * r.normal(0.2, 0.05, n).clip(0), 0.0), 2)
    tolls = np.where(dist > 10, r.choice([0.0, 6.55], n, p=[0.5, 0.5]), 0.0)
    total = np.round(fare + tip + tolls + 0.5 + 1.0 + 2.5, 2)
    return pd.DataFrame({
        "VendorID": vendor, "tpep_pickup_hour": r.integers(0, 24, n), "passenger_count": pax,
        "trip_distance": dist, "RatecodeID": rate, "payment_type": payment, "fare_amount": fare,
        "tip_amount": tip, "tolls_amount": tolls, "total_amount": total,
    })  # fmt: skip


def hotel_bookings() -> pd.DataFrame:
    """500 bookings of a city and a resort hotel (hotel-booking-demand layout)."""
    r = _rng(9)
    n = 500
    hotel = r.choice(["City Hotel", "Resort Hotel"], n, p=[0.66, 0.34])
    seg = r.choice(
        ["Online TA", "Offline TA/TO", "Groups", "Direct", "Corporate"],
        n,
        p=[0.47, 0.2, 0.17, 0.11, 0.05],
    )
    lead = np.round(r.gamma(0.9, 115, n) * np.where(seg == "Groups", 1.7, 1)).astype(int)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
    month_i = r.integers(0, 12, n)
    season = 1 + 0.35 * np.isin(month_i, [6, 7]) * np.where(hotel == "Resort Hotel", 2, 1)
    adr = np.round(r.lognormal(np.log(95), np.where(hotel == "Resort Hotel", 0.45, 0.3), n)
                   * season, 2)  # fmt: skip
    deposit = np.where(
        seg == "Groups",
        r.choice(["No Deposit", "Non Refund"], n, p=[0.6, 0.4]),
        r.choice(["No Deposit", "Non Refund"], n, p=[0.95, 0.05]),
    )
    logit = -1.3 + 0.004 * lead + 0.9 * (hotel == "City Hotel") + 2.0 * (deposit == "Non Refund")
    requests = r.poisson(np.where(seg == "Online TA", 0.9, 0.3))
    logit = logit - 0.5 * requests
    canceled = (r.random(n) < _expit(logit)).astype(int)
    children = _with_missing(r.choice([0, 1, 2], n, p=[0.92, 0.05, 0.03]), r, 0.01)
    return pd.DataFrame({
        "hotel": hotel, "is_canceled": canceled, "lead_time": lead,
        "arrival_date_month": [months[i] for i in month_i],
        "stays_in_weekend_nights": r.poisson(0.9, n), "stays_in_week_nights": r.poisson(2.4, n),
        "adults": r.choice([1, 2, 3], n, p=[0.19, 0.75, 0.06]), "children": children,
        "meal": r.choice(["BB", "HB", "SC", "FB"], n, p=[0.77, 0.12, 0.1, 0.01]),
        "market_segment": seg, "deposit_type": deposit,
        "customer_type": r.choice(["Transient", "Transient-Party", "Contract", "Group"], n,
                                  p=[0.75, 0.21, 0.03, 0.01]),
        "adr": adr, "total_of_special_requests": requests,
    })  # fmt: skip


def bank_marketing() -> pd.DataFrame:
    """500 clients called in a term-deposit campaign (bank-marketing layout)."""
    r = _rng(10)
    n = 500
    jobs = [
        "admin.",
        "blue-collar",
        "technician",
        "services",
        "management",
        "retired",
        "self-employed",
        "entrepreneur",
        "unemployed",
        "housemaid",
        "student",
        "unknown",
    ]
    job = r.choice(jobs, n, p=[0.12, 0.21, 0.17, 0.09, 0.21, 0.05, 0.035, 0.03, 0.03, 0.025,
                               0.02, 0.01])  # fmt: skip
    age = np.round(
        np.where(
            job == "retired",
            r.normal(65, 7, n),
            np.where(job == "student", r.normal(25, 3, n), r.normal(40, 9.5, n)),
        )
    )
    age = np.clip(age, 18, 92).astype(int)
    marital = np.where(
        age < 28,
        r.choice(["single", "married"], n, p=[0.7, 0.3]),
        r.choice(["married", "single", "divorced"], n, p=[0.62, 0.26, 0.12]),
    )
    education = r.choice(
        ["primary", "secondary", "tertiary", "unknown"], n, p=[0.15, 0.51, 0.3, 0.04]
    )
    balance = np.round(r.lognormal(np.log(600), 1.3, n) - 250 + 12 * (age - 40)).astype(int)
    duration = np.round(r.gamma(1.6, 160, n)).astype(int)
    campaign = 1 + r.geometric(0.42, n) - 1
    housing = r.choice(["yes", "no"], n, p=[0.56, 0.44])
    loan = r.choice(["no", "yes"], n, p=[0.84, 0.16])
    logit = -3.6 + 0.0045 * duration - 0.12 * campaign + 0.7 * (housing == "no")
    logit = logit + 0.8 * np.isin(job, ["retired", "student"])
    y = np.where(r.random(n) < _expit(logit), "yes", "no")
    return pd.DataFrame({
        "age": age, "job": job, "marital": marital, "education": education,
        "default": r.choice(["no", "yes"], n, p=[0.98, 0.02]), "balance": balance,
        "housing": housing, "loan": loan,
        "contact": r.choice(["cellular", "telephone", "unknown"], n, p=[0.65, 0.06, 0.29]),
        "duration": duration, "campaign": campaign, "y": y,
    })  # fmt: skip


def breast_tumour() -> pd.DataFrame:
    """450 fine-needle aspirates (Wisconsin diagnostic layout), M larger than B."""
    r = _rng(11)
    n = 450
    diag = r.choice(["B", "M"], n, p=[0.63, 0.37])
    mal = diag == "M"
    radius = np.round(np.where(mal, r.normal(17.4, 3.2, n), r.normal(12.2, 1.8, n)).clip(6.5), 3)
    texture = np.round(np.where(mal, r.normal(21.6, 3.8, n), r.normal(17.9, 4.0, n)).clip(9), 2)
    perimeter = np.round(radius * 6.55 + r.normal(0, 1.5, n), 2)
    area = np.round(np.pi * radius**2 * r.normal(1.0, 0.04, n), 1)
    smooth = np.round(r.normal(np.where(mal, 0.103, 0.092), 0.013, n), 5)
    concav = np.round(r.gamma(np.where(mal, 6.0, 1.2), np.where(mal, 0.027, 0.038), n), 5)
    symmetry = np.round(r.normal(np.where(mal, 0.193, 0.174), 0.026, n), 4)
    radius_w = np.round(radius * r.normal(np.where(mal, 1.26, 1.12), 0.05, n), 2)
    return pd.DataFrame({
        "id": r.choice(np.arange(8_600, 912_000), n, replace=False), "diagnosis": diag,
        "radius_mean": radius, "texture_mean": texture, "perimeter_mean": perimeter,
        "area_mean": area, "smoothness_mean": smooth, "concavity_mean": concav,
        "symmetry_mean": symmetry, "radius_worst": radius_w,
    })  # fmt: skip


def building_energy() -> pd.DataFrame:
    """300 buildings: annual electricity use grows with floor area; hospitals most intense."""
    r = _rng(12)
    n = 300
    btype = r.choice(
        ["Office", "Retail", "School", "Warehouse", "Hospital"], n, p=[0.35, 0.2, 0.2, 0.17, 0.08]
    )
    eui = {"Office": 190, "Retail": 230, "School": 130, "Warehouse": 70, "Hospital": 420}
    spread = {"Office": 0.3, "Retail": 0.35, "School": 0.25, "Warehouse": 0.5, "Hospital": 0.2}
    area = np.round(r.lognormal(np.log(np.where(btype == "Hospital", 18_000, 4_500)), 0.7, n))
    year = r.integers(1925, 2023, n)
    intensity = np.array([eui[b] * r.lognormal(0, spread[b]) for b in btype])
    intensity = intensity * (1 + 0.004 * (2000 - year).clip(-25, 60))
    kwh = np.round(area * intensity, -2)
    score = np.clip(np.round(100 - 0.18 * intensity + r.normal(20, 14, n)), 1, 100)
    return pd.DataFrame({
        "Building ID": [f"BLD-{k:04d}" for k in range(1, n + 1)], "building_type": btype,
        "climate_zone": r.choice(["4A", "5A", "3C", "6A"], n, p=[0.35, 0.3, 0.2, 0.15]),
        "floor_area_m2": area.astype(int), "year_built": year, "floors": np.clip(
            np.round(r.gamma(2, 2.2, n)), 1, 40).astype(int),
        "kwh_per_year": kwh.astype(int), "ENERGY STAR Score ": _with_missing(score, r, 0.12),
    })  # fmt: skip


def quarterly_revenue_wide() -> pd.DataFrame:
    """60 region x product-line x year rows, revenue in thousand USD per quarter, Q4 peak."""
    r = _rng(13)
    rows = []
    regions = {"North": 1.0, "South": 0.8, "East": 1.25, "West": 1.1, "Central": 0.6}
    lines = {"Hardware": 900, "Software": 650, "Services": 420, "Support": 260, "Training": 120,
             "Accessories": 180}  # fmt: skip
    for year in (2022, 2023):
        for reg, f in regions.items():
            for line, base in lines.items():
                level = base * f * (1.07 if year == 2023 else 1.0) * r.lognormal(0, 0.12)
                qs = level * np.array([0.92, 0.98, 0.96, 1.22]) * r.lognormal(0, 0.06, 4)
                rows.append({"Region": reg, "Product Line": line, "Fiscal Year": year,
                             "Q1": round(qs[0], 1), "Q2": round(qs[1], 1),
                             "Q3": round(qs[2], 1), "Q4": round(qs[3], 1)})  # fmt: skip
    df = pd.DataFrame(rows)
    df.loc[[7, 41], "Q3"] = np.nan
    return df


def school_tests_long() -> pd.DataFrame:
    """180 pupils x 3 subjects, one row per pupil and subject (long format)."""
    r = _rng(14)
    schools = {
        "Riverside High": 3,
        "Hillcrest Academy": 8,
        "St. Mary's": 5,
        "Oakwood Comprehensive": -4,
        "Northgate School": 0,
        "Lakeview College": -1,
    }
    sd = {"Maths": 15.0, "English": 11.0, "Science": 13.0}
    rows = []
    pid = 1000
    for school, eff in schools.items():
        for _ in range(30):
            pid += 1
            ability = r.normal(0, 1)
            gender = r.choice(["F", "M"])
            fsm = r.choice(["Yes", "No"], p=[0.25, 0.75])
            for subj, s in sd.items():
                g_eff = {"English": 3, "Maths": -1, "Science": 0}[subj] * (gender == "F")
                score = (
                    62 + eff + g_eff - 6 * (fsm == "Yes") + s * (0.7 * ability + 0.7 * r.normal())
                )
                rows.append({"pupil_id": pid, "school": school, "gender": gender,
                             "free_school_meals": fsm, "subject": subj,
                             "score": float(np.clip(round(score), 0, 100))})  # fmt: skip
    df = pd.DataFrame(rows)
    df.loc[r.choice(len(df), 9, replace=False), "score"] = np.nan
    return df


TABLES = {
    "credit_card_default_n.csv": credit_default,
    "auto_mpg_n.csv": auto_mpg,
    "mushrooms_n.csv": mushrooms,
    "flower_measurements_n.csv": flower_measurements,
    "stroke_screening_n.csv": stroke_screening,
    "vgsales_n.csv": vgsales,
    "flight_delays_n.csv": flight_delays,
    "taxi_trips_n.csv": taxi_trips,
    "hotel_bookings_n.csv": hotel_bookings,
    "bank_marketing_n.csv": bank_marketing,
    "breast_tumour_n.csv": breast_tumour,
    "building_energy_n.csv": building_energy,
    "quarterly_revenue_wide_n.csv": quarterly_revenue_wide,
    "school_tests_long_n.csv": school_tests_long,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, lineterminator="\n")
        print(f"{name}: {len(df)} rows x {df.shape[1]} columns, {(OUT / name).stat().st_size} B")


if __name__ == "__main__":
    main()
