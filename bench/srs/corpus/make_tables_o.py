"""Build the corpus-o tables deterministically (every file ends in ``_o.csv``).

All fifteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download (basketball player seasons, coffee quality
ratings, online chess games, breakfast cereals, world happiness, restaurant inspections, avocado
prices, earthquakes, crowdfunding projects, sleep and lifestyle, smartphone specs, county census,
student alcohol use, a wide table of yearly rainfall per station, a long table of lab reaction
times), header mess included: dots, spaces, units in brackets, trailing spaces, mixed case,
TRUE/FALSE and yes/no flags, "126/83" blood pressures and some missing values. Values follow
distributions plausible for each quantity, with the relationships real data show (more minutes
go with more points, higher-rated players beat lower-rated ones, sugary cereals get low ratings,
richer countries report higher life ladders, organic avocados cost more, ...).

Run:  uv run python bench/srs/corpus/make_tables_o.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 15_000


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _with_missing(x: np.ndarray, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def players() -> pd.DataFrame:
    r, n = _rng(1), 420
    teams = ["BOS", "LAL", "MIA", "DEN", "GSW", "CHI", "PHX", "DAL", "NYK", "MIL", "TOR", "OKC"]
    pos = r.choice(["PG", "SG", "SF", "PF", "C"], n)
    age = np.clip(np.round(r.gamma(9, 0.6, n) + 20), 19, 40).astype(int)
    mp = np.round(np.clip(r.normal(1150, 650, n), 40, 2950)).astype(int)
    pts = np.round(np.clip(mp * r.normal(0.45, 0.13, n), 2, None)).astype(int)
    ast_rate = np.where(pos == "PG", 0.17, np.where(pos == "SG", 0.09, 0.05))
    ast = np.round(mp * np.clip(r.normal(ast_rate, 0.03), 0.005, None)).astype(int)
    reb_rate = np.where(pos == "C", 0.30, np.where(pos == "PF", 0.22, 0.12))
    trb = np.round(mp * np.clip(r.normal(reb_rate, 0.04), 0.02, None)).astype(int)
    fg = _with_missing(np.round(np.clip(r.normal(0.46, 0.06, n), 0.2, 0.72), 3), r, 0.02)
    return pd.DataFrame({
        "Player": [f"Player {i:03d}" for i in range(1, n + 1)],
        "Tm": r.choice(teams, n), "Pos": pos, "Age": age, "G": np.clip(mp // 20, 3, 82),
        "MP": mp, "PTS": pts, "AST": ast, "TRB": trb, "FG%": fg,
    })  # fmt: skip


def coffee() -> pd.DataFrame:
    r, n = _rng(2), 400
    countries = ["Ethiopia", "Colombia", "Brazil", "Guatemala", "Mexico", "Kenya", "Honduras"]
    c = r.choice(countries, n, p=[0.14, 0.18, 0.16, 0.16, 0.16, 0.08, 0.12])
    alt = np.where(np.isin(c, ["Ethiopia", "Kenya"]), 1900, 1350) + r.normal(0, 280, n)
    base = 7.4 + 0.00035 * (alt - 1400) + np.where(np.isin(c, ["Ethiopia", "Kenya"]), 0.2, 0)
    scores = {k: np.round(np.clip(base + r.normal(0, 0.25, n), 6.0, 8.9), 2) for k in range(6)}
    total = np.round(sum(scores.values()) + 4 * 9.5 + r.normal(0, 0.6, n) - 1.0, 2)
    proc = r.choice(["Washed / Wet", "Natural / Dry", "Semi-washed / Semi-pulped", "Other"], n,
                    p=[0.6, 0.22, 0.1, 0.08])  # fmt: skip
    return pd.DataFrame({
        "Species": r.choice(["Arabica", "Robusta"], n, p=[0.93, 0.07]),
        "Country.of.Origin": c, "Harvest.Year": r.choice([2014, 2015, 2016, 2017], n),
        "Processing.Method": pd.Series(proc).where(r.random(n) > 0.05),
        "altitude_mean_meters": _with_missing(np.round(alt), r, 0.1),
        "Aroma": scores[0], "Flavor": scores[1], "Aftertaste": scores[2], "Acidity": scores[3],
        "Body": scores[4], "Balance": scores[5], "Moisture": np.round(r.uniform(0.0, 0.13, n), 2),
        "Total.Cup.Points": total,
    })  # fmt: skip


def chess() -> pd.DataFrame:
    r, n = _rng(3), 500
    white = np.round(r.normal(1590, 280, n)).astype(int)
    black = np.round(white + r.normal(0, 220, n)).astype(int)
    p_white = _expit((white - black) / 173.7 + 0.1)
    u = r.random(n)
    draw = u < 0.05
    winner = np.where(draw, "draw", np.where(r.random(n) < p_white, "white", "black"))
    status = np.where(draw, "draw", r.choice(["resign", "mate", "outoftime"], n,
                                            p=[0.56, 0.33, 0.11]))  # fmt: skip
    turns = np.round(np.clip(r.gamma(4.5, 14, n), 2, 300)).astype(int)
    rated = r.random(n) < 0.8
    return pd.DataFrame({
        "id": [f"g{i:05d}" for i in range(n)], "rated": np.where(rated, "TRUE", "FALSE"),
        "turns": turns, "victory_status": status, "winner": winner,
        "increment_code": r.choice(["10+0", "15+0", "15+15", "5+5", "30+0"], n),
        "white_rating": white, "black_rating": black,
        "opening_ply": np.clip(np.round(r.gamma(3, 1.6, n)), 1, 20).astype(int),
    })  # fmt: skip


def cereal() -> pd.DataFrame:
    r, n = _rng(4), 77
    mfr = r.choice(list("AGKNPQR"), n, p=[0.02, 0.29, 0.30, 0.08, 0.12, 0.10, 0.09])
    typ = np.where(r.random(n) < 0.04, "H", "C")
    sugars = np.clip(np.round(r.gamma(2.2, 3.2, n)), 0, 15).astype(int)
    fiber = np.round(np.clip(r.gamma(1.1, 2.0, n), 0, 14), 1)
    calories = (np.round((70 + 5 * sugars + r.normal(15, 12, n)) / 10) * 10).astype(int)
    shelf = np.where(sugars > 9, r.choice([1, 2, 3], n, p=[0.2, 0.6, 0.2]),
                     r.choice([1, 2, 3], n, p=[0.3, 0.2, 0.5]))  # fmt: skip
    rating = np.round(np.clip(60 - 2.4 * sugars + 2.8 * fiber - 0.12 * (calories - 100)
                              + r.normal(0, 4, n), 18, 94), 6)  # fmt: skip
    return pd.DataFrame({
        "name": [f"Cereal {i:02d}" for i in range(1, n + 1)], "mfr": mfr, "type": typ,
        "calories": calories, "protein": r.choice([1, 2, 3, 4, 6], n), "fat": r.choice([0, 1, 2, 3], n),
        "sodium": np.round(np.clip(r.normal(160, 80, n), 0, 320)).astype(int), "fiber": fiber,
        "carbo": np.round(np.clip(r.normal(14.6, 4, n), 5, 23), 1), "sugars": sugars,
        "potass": _with_missing(np.round(np.clip(40 + 28 * fiber + r.normal(0, 20, n), 15, 330)), r, 0.03),
        "shelf": shelf, "cups": r.choice([0.33, 0.5, 0.67, 0.75, 1.0, 1.25], n), "rating": rating,
    })  # fmt: skip


def happiness() -> pd.DataFrame:
    r, n = _rng(5), 149
    regions = ["Western Europe", "Sub-Saharan Africa", "Latin America and Caribbean",
               "Central and Eastern Europe", "South Asia", "Southeast Asia",
               "Middle East and North Africa", "East Asia"]  # fmt: skip
    reg = r.choice(regions, n, p=[0.14, 0.24, 0.14, 0.12, 0.05, 0.07, 0.12, 0.12])
    gdp = np.clip(np.where(reg == "Western Europe", 10.8, np.where(reg == "Sub-Saharan Africa", 8.0, 9.5))
                  + r.normal(0, 0.6, n), 6.6, 11.6)  # fmt: skip
    social = np.clip(0.45 + 0.045 * gdp + r.normal(0, 0.07, n), 0.3, 0.98)
    hle = np.clip(20 + 4.6 * gdp + r.normal(0, 2.5, n), 45, 77)
    free = np.clip(r.normal(0.78, 0.11, n), 0.38, 0.97)
    ladder = 0.33 * gdp + 2.4 * social + 0.03 * hle + 1.3 * free - 1.2 + r.normal(0, 0.45, n)
    return pd.DataFrame({
        "Country name": [f"Country {i:03d}" for i in range(1, n + 1)], "Regional indicator": reg,
        "Ladder score": np.round(ladder, 3), "Logged GDP per capita": np.round(gdp, 3),
        "Social support": np.round(social, 3), "Healthy life expectancy": np.round(hle, 3),
        "Freedom to make life choices": np.round(free, 3),
        "Generosity": np.round(r.normal(0, 0.15, n), 3),
        "Perceptions of corruption": _with_missing(np.round(np.clip(r.beta(6, 1.6, n), 0.05, 0.97), 3), r, 0.04),
    })  # fmt: skip


def inspections() -> pd.DataFrame:
    r, n = _rng(6), 500
    boro = r.choice(["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"], n,
                    p=[0.38, 0.26, 0.2, 0.1, 0.06])  # fmt: skip
    cuisine = r.choice(["American", "Chinese", "Pizza", "Italian", "Mexican", "Café/Coffee/Tea",
                        "Japanese", "Caribbean"], n)  # fmt: skip
    score = np.round(np.clip(r.gamma(2.2, 6.0, n) + np.where(boro == "Bronx", 3, 0), 0, 90))
    score = score.astype(int)
    grade = np.where(score <= 13, "A", np.where(score <= 27, "B", "C"))
    crit = np.where(r.random(n) < _expit((score - 12) / 6), "Critical", "Not Critical")
    dates = pd.Timestamp("2022-01-03") + pd.to_timedelta(r.integers(0, 700, n), unit="D")
    return pd.DataFrame({
        "CAMIS": r.integers(40_000_000, 50_199_999, n), "BORO": boro, "CUISINE DESCRIPTION": cuisine,
        "INSPECTION DATE": dates.strftime("%m/%d/%Y"), "CRITICAL FLAG": crit,
        "SCORE": pd.Series(score).where(r.random(n) > 0.03).astype("Int64"),
        "GRADE": pd.Series(grade).where(r.random(n) > 0.04),
    })  # fmt: skip


def avocado() -> pd.DataFrame:
    r, n = _rng(7), 520
    typ = r.choice(["conventional", "organic"], n)
    region = r.choice(["Albany", "Atlanta", "Boston", "Chicago", "Houston", "LosAngeles",
                       "Seattle", "TotalUS"], n)  # fmt: skip
    date = pd.Timestamp("2015-01-04") + pd.to_timedelta(7 * r.integers(0, 169, n), unit="D")
    price = np.round(np.clip(np.where(typ == "organic", 1.65, 1.16)
                             + r.normal(0, np.where(typ == "organic", 0.36, 0.24)), 0.44, 3.2), 2)  # fmt: skip
    vol = np.exp(r.normal(np.where(typ == "organic", 9.6, 12.4), 0.9) - 1.1 * (price - 1.3))
    vol = np.where(region == "TotalUS", vol * 40, vol)
    bags = vol * r.uniform(0.15, 0.45, n)
    return pd.DataFrame({
        "Date": date.strftime("%Y-%m-%d"), "AveragePrice": price, "Total Volume": np.round(vol, 2),
        "4046": np.round(vol * r.uniform(0.1, 0.45, n), 2), "Total Bags": np.round(bags, 2),
        "type": typ, "year": date.year, "region": region,
    })  # fmt: skip


def quakes() -> pd.DataFrame:
    r, n = _rng(8), 500
    mag = np.round(4.5 + r.exponential(1 / (np.log(10) * 1.0), n), 1)
    mag_type = np.where(mag >= 5.5, r.choice(["mww", "mb"], n, p=[0.8, 0.2]),
                        r.choice(["mb", "ml", "mwr"], n, p=[0.75, 0.15, 0.1]))  # fmt: skip
    depth = np.round(np.where(r.random(n) < 0.7, r.gamma(1.8, 9, n), r.gamma(2, 90, n)), 2)
    tsunami = (r.random(n) < _expit(2.2 * (mag - 6.4) - 0.01 * depth)).astype(int)
    places = ["Tonga", "Japan", "Indonesia", "Chile", "Alaska", "Papua New Guinea", "Fiji", "Peru"]
    region = r.choice(places, n)
    km = r.integers(3, 180, n)
    place = [
        f"{k} km {d} of {p}"
        for k, d, p in zip(km, r.choice(["N", "SSW", "E", "WNW"], n), region, strict=True)
    ]
    t = pd.Timestamp("2022-01-01") + pd.to_timedelta(np.sort(r.uniform(0, 730, n)), unit="D")
    return pd.DataFrame({
        "time": t.strftime("%Y-%m-%dT%H:%M:%S"), "latitude": np.round(r.uniform(-45, 60, n), 4),
        "longitude": np.round(r.uniform(-180, 180, n), 4), "depth": depth, "mag": mag,
        "magType": mag_type, "nst": _with_missing(np.round(r.gamma(3, 30, n)), r, 0.3),
        "rms": np.round(r.gamma(6, 0.12, n), 2), "place": place, "tsunami": tsunami,
    })  # fmt: skip


def crowdfunding() -> pd.DataFrame:
    r, n = _rng(9), 500
    cats = ["Games", "Technology", "Design", "Film & Video", "Music", "Publishing", "Food", "Art"]
    cat = r.choice(cats, n, p=[0.12, 0.12, 0.1, 0.18, 0.15, 0.13, 0.1, 0.1])
    goal = np.round(
        np.exp(r.normal(np.where(np.isin(cat, ["Technology", "Games"]), 9.8, 8.7), 1.1)), -1
    )
    p_succ = _expit(1.3 - 0.45 * np.log(goal / 5000) + np.where(cat == "Games", 0.5, 0)
                    - np.where(cat == "Food", 0.6, 0))  # fmt: skip
    u = r.random(n)
    state = np.where(u < 0.09, "canceled", np.where(r.random(n) < p_succ, "successful", "failed"))
    ratio = np.where(state == "successful", r.lognormal(0.35, 0.45, n), r.beta(0.6, 4, n))
    pledged = np.round(goal * ratio, 2)
    backers = np.round(pledged / np.exp(r.normal(4.2, 0.5, n))).astype(int)
    return pd.DataFrame({
        "ID": r.integers(1_000_000, 2_147_000_000, n), "main_category": cat,
        "currency": "USD", "country": r.choice(["US", "GB", "CA", "AU", "DE"], n, p=[0.75, 0.1, 0.06, 0.05, 0.04]),
        "launched": (pd.Timestamp("2014-01-01") + pd.to_timedelta(r.integers(0, 1400, n), unit="D")).strftime("%Y-%m-%d"),
        "goal": goal, "pledged": pledged, "backers": backers, "state": state,
    })  # fmt: skip


def sleep() -> pd.DataFrame:
    r, n = _rng(10), 374
    occ = r.choice(["Nurse", "Doctor", "Engineer", "Lawyer", "Teacher", "Accountant",
                    "Salesperson", "Software Engineer"], n)  # fmt: skip
    gender = r.choice(["Male", "Female"], n)
    age = np.round(r.uniform(27, 59, n)).astype(int)
    stress = np.clip(
        np.round(r.normal(5.4, 1.7, n) + np.isin(occ, ["Nurse", "Salesperson"]) * 1.2), 3, 8
    ).astype(int)
    dur = np.round(np.clip(8.4 - 0.22 * stress + r.normal(0, 0.45, n), 5.8, 8.5), 1)
    quality = np.clip(np.round(1.6 * dur - 0.35 * stress - 2.5 + r.normal(0, 0.6, n)), 4, 9).astype(
        int
    )
    bmi = r.choice(
        ["Normal", "Normal Weight", "Overweight", "Obese"], n, p=[0.52, 0.06, 0.38, 0.04]
    )
    sys_bp = np.round(
        118
        + 9 * (bmi == "Overweight")
        + 14 * (bmi == "Obese")
        + 0.2 * (age - 40)
        + r.normal(0, 5, n)
    ).astype(int)
    dia_bp = np.round(sys_bp * 0.66 + r.normal(0, 3, n)).astype(int)
    disorder = np.where(bmi == "Overweight", r.choice(["None", "Insomnia", "Sleep Apnea"], n, p=[0.3, 0.35, 0.35]),
                        r.choice(["None", "Insomnia", "Sleep Apnea"], n, p=[0.85, 0.08, 0.07]))  # fmt: skip
    return pd.DataFrame({
        "Person ID": np.arange(1, n + 1), "Gender": gender, "Age": age, "Occupation": occ,
        "Sleep Duration": dur, "Quality of Sleep": quality,
        "Physical Activity Level": np.round(r.uniform(30, 90, n)).astype(int),
        "Stress Level": stress, "BMI Category": bmi,
        "Blood Pressure": [f"{s}/{d}" for s, d in zip(sys_bp, dia_bp, strict=True)],
        "Heart Rate": np.round(62 + 1.2 * stress + r.normal(0, 3, n)).astype(int),
        "Daily Steps": (np.round(r.normal(6800, 1600, n) / 100) * 100).astype(int),
        "Sleep Disorder": disorder,
    })  # fmt: skip


def phones() -> pd.DataFrame:
    r, n = _rng(11), 400
    brand = r.choice(["Samsung", "Xiaomi", "Apple", "Realme", "OnePlus", "Motorola", "Oppo", "Vivo"], n,
                     p=[0.2, 0.18, 0.1, 0.12, 0.1, 0.1, 0.1, 0.1])  # fmt: skip
    ram = r.choice([2, 3, 4, 6, 8, 12, 16], n, p=[0.05, 0.08, 0.2, 0.22, 0.28, 0.14, 0.03])
    price = np.round(np.exp(4.3 + 0.14 * ram + 0.8 * (brand == "Apple") + r.normal(0, 0.3, n)), 2)
    g5 = np.where(r.random(n) < _expit((np.log(price) - 5.4) * 3), "yes", "no")
    battery = (np.round(r.normal(np.where(brand == "Apple", 3400, 4900), 450) / 10) * 10).astype(
        int
    )
    rating = _with_missing(np.round(np.clip(62 + 2.1 * ram + r.normal(0, 4, n), 55, 89)), r, 0.1)
    return pd.DataFrame({
        "brand": brand, "model": [f"{b} M{i}" for i, b in enumerate(brand)], "price_usd": price,
        "rating": rating, "has_5g": g5, "processor_brand": np.where(brand == "Apple", "bionic",
                                                                   r.choice(["snapdragon", "dimensity", "exynos", "helio"], n)),
        "ram_gb": ram, "storage_gb": r.choice([32, 64, 128, 256, 512], n, p=[0.05, 0.2, 0.45, 0.25, 0.05]),
        "battery (mAh)": battery, "screen_size (in) ": np.round(r.normal(6.5, 0.2, n), 2),
        "refresh_rate": r.choice([60, 90, 120, 144], n, p=[0.35, 0.25, 0.35, 0.05]),
    })  # fmt: skip


def county() -> pd.DataFrame:
    r, n = _rng(12), 500
    states = ["Texas", "Georgia", "Virginia", "Kentucky", "Missouri", "Kansas", "Illinois",
              "North Carolina", "Iowa", "Tennessee"]  # fmt: skip
    st = r.choice(states, n)
    pop = np.round(np.exp(r.normal(10.2, 1.3, n))).astype(int)
    income = np.round(np.exp(r.normal(10.8 + 0.03 * (np.log(pop) - 10), 0.22, n)))
    poverty = np.round(np.clip(48 - 3.2 * income / 10_000 + r.normal(0, 3.5, n), 2.5, 50), 1)
    unemp = np.round(np.clip(0.25 * poverty + r.gamma(3, 0.7, n), 0.5, 28), 1)
    men = np.round(pop * r.normal(0.495, 0.01, n)).astype(int)
    return pd.DataFrame({
        "CountyId": 1000 + np.arange(n) * 7, "State": st,
        "County": [f"County {i:03d}" for i in range(n)], "TotalPop": pop, "Men": men,
        "Women": pop - men, "Income": _with_missing(income, r, 0.02), "Poverty": poverty,
        "Unemployment": unemp, "MeanCommute": np.round(r.normal(23.5, 5, n), 1),
        "Professional ": np.round(np.clip(r.normal(31, 6, n) + (income - 50_000) / 4000, 10, 70), 1),
    })  # fmt: skip


def alcohol() -> pd.DataFrame:
    r, n = _rng(13), 395
    sex = r.choice(["F", "M"], n)
    age = r.choice([15, 16, 17, 18, 19, 20], n, p=[0.2, 0.26, 0.25, 0.21, 0.06, 0.02])
    address = r.choice(["U", "R"], n, p=[0.78, 0.22])
    dalc = np.clip(np.round(r.gamma(1.2, 0.6, n) + 1 + 0.4 * (sex == "M")), 1, 5).astype(int)
    walc = np.clip(np.round(dalc + r.gamma(1.4, 0.8, n)), 1, 5).astype(int)
    study = r.choice([1, 2, 3, 4], n, p=[0.27, 0.5, 0.16, 0.07])
    g1 = np.clip(np.round(r.normal(10.9, 3.3, n) + 0.6 * study - 0.4 * walc), 3, 19)
    g2 = np.clip(np.round(g1 + r.normal(-0.2, 1.5, n)), 0, 19)
    g3 = np.where(r.random(n) < 0.09, 0, np.clip(np.round(g2 + r.normal(0.1, 1.3, n)), 4, 20))
    return pd.DataFrame({
        "school": r.choice(["GP", "MS"], n, p=[0.88, 0.12]), "sex": sex, "age": age,
        "address": address, "famsize": r.choice(["GT3", "LE3"], n, p=[0.71, 0.29]),
        "Pstatus": r.choice(["T", "A"], n, p=[0.9, 0.1]), "studytime": study,
        "failures": r.choice([0, 1, 2, 3], n, p=[0.79, 0.13, 0.04, 0.04]),
        "romantic": r.choice(["no", "yes"], n, p=[0.67, 0.33]), "Dalc": dalc, "Walc": walc,
        "health": r.choice([1, 2, 3, 4, 5], n), "absences": np.round(r.negative_binomial(1.1, 0.17, n)).astype(int),
        "G1": g1.astype(int), "G2": g2.astype(int), "G3": g3.astype(int),
    })  # fmt: skip


def rainfall() -> pd.DataFrame:
    r, n = _rng(14), 42
    elev = np.round(r.gamma(2, 220, n))
    base = 550 + 0.9 * elev + r.normal(0, 120, n)
    df = pd.DataFrame({"Station": [f"ST{i:03d}" for i in range(1, n + 1)],
                       "Elevation [m]": elev.astype(int)})  # fmt: skip
    for year in range(1990, 2021):
        wet = r.normal(1.0, 0.18) + (0.12 if year in (1998, 2010) else 0)
        col = np.round(np.clip(base * wet * r.gamma(30, 1 / 30, n), 120, None), 1)
        df[str(year)] = _with_missing(col, r, 0.04)
    return df


def reaction() -> pd.DataFrame:
    r = _rng(15)
    rows = []
    shift = {"congruent": 0.0, "neutral": 25.0, "incongruent": 70.0}
    for p in range(1, 31):
        speed = r.normal(0, 40)
        for cond, d in shift.items():
            for trial in range(1, 7):
                rt = (
                    380
                    + speed
                    + d
                    + r.normal(0, 45 if cond != "incongruent" else 60)
                    + r.exponential(90)
                )
                acc = int(r.random() < (0.96 if cond != "incongruent" else 0.88))
                rows.append((f"P{p:02d}", cond, trial, round(float(rt), 1), acc))
    df = pd.DataFrame(rows, columns=["participant", "condition", "trial", "rt_ms", "correct"])
    df.loc[r.choice(len(df), 7, replace=False), "rt_ms"] = np.nan
    return df


TABLES = {
    "nba_player_stats_o.csv": players, "coffee_quality_o.csv": coffee, "chess_games_o.csv": chess,
    "cereal_o.csv": cereal, "world_happiness_o.csv": happiness,
    "restaurant_inspections_o.csv": inspections, "avocado_prices_o.csv": avocado,
    "earthquakes_o.csv": quakes, "crowdfunding_projects_o.csv": crowdfunding,
    "sleep_lifestyle_o.csv": sleep, "smartphones_o.csv": phones, "county_census_o.csv": county,
    "student_alcohol_o.csv": alcohol, "station_rainfall_wide_o.csv": rainfall,
    "reaction_times_long_o.csv": reaction,
}  # fmt: skip


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, lineterminator="\n")
        print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
