"""Build the corpus-j tables deterministically (every file ends in ``_j.csv``).

All fourteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download and ask about (ship passengers, music tracks,
diabetes screening, air-quality station readings in long and wide form, streaming titles,
e-commerce orders, a country-day epidemic table, Olympic athletes, short-let listings, daily
weather, mall customers, loan applications, monthly sales by store, a Likert survey), header
mess included: spaces, units in brackets, CamelCase, snake_case, trailing spaces, 0/1 and Y/N
codes and missing values. Values are drawn from distributions plausible for each quantity, with
the relationships real data show (survival falls with class and is higher for women, glucose
and BMI raise the diabetes outcome, energy and loudness go together, ...).

Run:  uv run python bench/srs/corpus/make_tables_j.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 9400


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _with_missing(x: np.ndarray, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def ship_passengers() -> pd.DataFrame:
    """400 passengers of a liner (Titanic-style layout), survival by class, sex and age."""
    r = _rng(1)
    n = 400
    pclass = r.choice([1, 2, 3], n, p=[0.24, 0.21, 0.55])
    sex = r.choice(["male", "female"], n, p=[0.64, 0.36])
    age = np.clip(r.normal(38 - 5 * pclass, 13, n), 0.5, 78).round(0)
    age[age < 1] = 0.5
    sibsp = r.choice([0, 1, 2, 3, 4, 5], n, p=[0.68, 0.23, 0.04, 0.02, 0.02, 0.01])
    parch = r.choice([0, 1, 2, 3], n, p=[0.76, 0.13, 0.09, 0.02])
    base_fare = np.select([pclass == 1, pclass == 2], [75.0, 20.0], 9.0)
    fare = np.round(base_fare * r.lognormal(0, 0.45, n) * (1 + 0.15 * (sibsp + parch)), 4)
    embarked = r.choice(["S", "C", "Q"], n, p=[0.72, 0.19, 0.09]).astype(object)
    embarked[r.choice(n, 2, replace=False)] = np.nan
    logit = 1.0 - 1.0 * (pclass - 1) + 2.4 * (sex == "female") - 0.025 * (age - 30) - 0.3 * sibsp
    survived = (r.random(n) < _expit(logit - 0.9)).astype(int)
    return pd.DataFrame({
        "PassengerId": np.arange(1, n + 1), "Survived": survived, "Pclass": pclass,
        "Sex": sex, "Age": _with_missing(age, r, 0.18), "SibSp": sibsp, "Parch": parch,
        "Fare": fare, "Embarked": embarked,
    })  # fmt: skip


def music_tracks() -> pd.DataFrame:
    """500 streaming tracks with audio features by genre."""
    r = _rng(2)
    n = 500
    genres = ["pop", "rock", "hip-hop", "edm", "jazz", "classical"]
    genre = r.choice(genres, n, p=[0.25, 0.2, 0.18, 0.15, 0.12, 0.1])
    g_energy = {"pop": 0.65, "rock": 0.75, "hip-hop": 0.65, "edm": 0.85, "jazz": 0.4,
                "classical": 0.18}  # fmt: skip
    g_dance = {"pop": 0.68, "rock": 0.5, "hip-hop": 0.75, "edm": 0.68, "jazz": 0.52,
               "classical": 0.3}  # fmt: skip
    energy = np.clip(np.array([g_energy[g] for g in genre]) + r.normal(0, 0.12, n), 0.01, 0.99)
    dance = np.clip(np.array([g_dance[g] for g in genre]) + r.normal(0, 0.11, n), 0.05, 0.98)
    loud = np.clip(-22 + 17 * energy + r.normal(0, 2.2, n), -35, -1)
    tempo = np.where(genre == "edm", r.normal(126, 4, n), r.normal(118, 26, n))
    valence = np.clip(0.15 + 0.5 * dance + r.normal(0, 0.18, n), 0.02, 0.98)
    acoustic = np.clip(1 - energy + r.normal(0, 0.12, n), 0.0, 1.0)
    duration = np.round(r.gamma(16, 14000, n)).astype(int)
    pop = np.clip(
        25 + 30 * dance + np.where(genre == "pop", 12, 0) + r.normal(0, 14, n), 0, 100
    ).round()
    explicit = (r.random(n) < np.where(genre == "hip-hop", 0.6, 0.1)).astype(int)
    return pd.DataFrame({
        "track_id": [f"T{100000 + i}" for i in range(n)], "track_genre": genre,
        "popularity": pop.astype(int), "duration_ms": duration, "explicit": explicit,
        "danceability": dance.round(3), "energy": energy.round(3),
        "loudness_db": loud.round(2), "acousticness": acoustic.round(4),
        "valence": valence.round(3), "tempo": tempo.round(1),
    })  # fmt: skip


def diabetes_screening() -> pd.DataFrame:
    """450 women screened for diabetes (Pima-style layout, zeros kept in Insulin)."""
    r = _rng(3)
    n = 450
    age = np.clip(np.round(21 + r.gamma(2.0, 6.5, n)), 21, 75).astype(int)
    preg = np.clip(r.poisson(np.clip((age - 19) / 6, 0.2, 6)), 0, 14)
    bmi = np.clip(r.normal(32, 6.8, n), 18.2, 59).round(1)
    glucose = np.clip(r.normal(105 + 0.6 * (bmi - 32) + 0.35 * (age - 30), 26, n), 56, 199)
    bp = np.clip(r.normal(66 + 0.25 * (age - 30) + 0.3 * (bmi - 32), 11, n), 38, 118).round()
    skin = np.clip(r.normal(8 + 0.65 * bmi, 8, n), 7, 60).round()
    insulin = np.round(np.clip(r.lognormal(np.log(110) + 0.01 * (glucose - 110), 0.6), 14, 840))
    insulin[r.random(n) < 0.35] = 0
    dpf = np.round(r.lognormal(np.log(0.38), 0.55, n), 3)
    logit = -8.6 + 0.035 * glucose + 0.09 * bmi + 0.9 * dpf + 0.02 * age
    outcome = (r.random(n) < _expit(logit)).astype(int)
    return pd.DataFrame({
        "Pregnancies": preg, "Glucose": glucose.round().astype(int),
        "BloodPressure": bp.astype(int), "SkinThickness": skin.astype(int),
        "Insulin": insulin.astype(int), "BMI": bmi, "DiabetesPedigreeFunction": dpf,
        "Age": age, "Outcome": outcome,
    })  # fmt: skip


STATIONS = ["Northgate", "Riverside", "Airport", "Old Town"]


def air_quality_long() -> pd.DataFrame:
    """4 stations x 30 days x 4 pollutants in long format (station, date, pollutant, value)."""
    r = _rng(4)
    dates = pd.date_range("2023-01-01", periods=30, freq="D").strftime("%Y-%m-%d")
    level = {"Northgate": 1.0, "Riverside": 0.8, "Airport": 1.25, "Old Town": 1.4}
    rows = []
    for st in STATIONS:
        weather = r.normal(0, 0.35, 30)
        for i, d in enumerate(dates):
            pm25 = level[st] * 14 * np.exp(weather[i] + r.normal(0, 0.3))
            vals = {
                "PM2.5": pm25, "PM10": pm25 * r.uniform(1.4, 2.1),
                "NO2": level[st] * 28 * np.exp(0.5 * weather[i] + r.normal(0, 0.25)),
                "O3": max(4.0, 52 - 9 * weather[i] + r.normal(0, 9)),
            }  # fmt: skip
            for pol, v in vals.items():
                unit = "ppb" if pol in ("NO2", "O3") else "µg/m³"
                rows.append((st, d, pol, round(float(v), 1), unit))
    return pd.DataFrame(rows, columns=["station", "date", "pollutant", "value", "unit"])


def air_quality_wide() -> pd.DataFrame:
    """3 stations x 120 days, one row per station-day, pollutants as columns."""
    r = _rng(5)
    dates = pd.date_range("2023-03-01", periods=120, freq="D").strftime("%d/%m/%Y")
    frames = []
    for st, lvl in [("Harbour Rd", 1.2), ("City Park", 0.75), ("Ring Road", 1.5)]:
        wind = np.round(r.gamma(3, 1.3, 120), 1)
        temp = np.round(12 + np.linspace(0, 9, 120) + r.normal(0, 3, 120), 1)
        pm25 = lvl * 22 * np.exp(-0.12 * wind + r.normal(0, 0.35, 120))
        no2 = lvl * 35 * np.exp(-0.1 * wind + r.normal(0, 0.25, 120))
        o3 = np.clip(20 + 2.2 * temp - 0.3 * no2 + r.normal(0, 8, 120), 3, None)
        frames.append(pd.DataFrame({
            "Station": st, "Date": dates, "PM2.5": pm25.round(1),
            "PM10": (pm25 * r.uniform(1.3, 2.2, 120)).round(1), "NO2": no2.round(1),
            "O3": o3.round(1), "Temp (C)": temp, "Wind Speed (m/s)": wind,
        }))  # fmt: skip
    df = pd.concat(frames, ignore_index=True)
    df.loc[_rng(50).choice(len(df), 9, replace=False), "PM10"] = np.nan
    return df


def streaming_titles() -> pd.DataFrame:
    """500 catalogue titles (movies and TV shows), duration stored as text."""
    r = _rng(6)
    n = 500
    kind = r.choice(["Movie", "TV Show"], n, p=[0.68, 0.32])
    year = np.clip(np.round(2021 - r.exponential(6, n)), 1970, 2021).astype(int)
    rating = np.where(
        kind == "Movie",
        r.choice(["TV-MA", "TV-14", "R", "PG-13", "PG", "TV-PG"], n,
                 p=[0.3, 0.22, 0.16, 0.14, 0.08, 0.1]),
        r.choice(["TV-MA", "TV-14", "TV-PG", "TV-Y7"], n, p=[0.42, 0.3, 0.16, 0.12]),
    )  # fmt: skip
    minutes = np.clip(np.round(r.normal(100, 22, n)), 45, 200).astype(int)
    seasons = np.clip(r.geometric(0.55, n), 1, 9)
    duration = [f"{m} min" if k == "Movie" else (f"{s} Season" if s == 1 else f"{s} Seasons")
                for k, m, s in zip(kind, minutes, seasons, strict=True)]  # fmt: skip
    country = r.choice(["United States", "India", "United Kingdom", "Japan", "South Korea",
                        "Spain"], n, p=[0.4, 0.18, 0.12, 0.1, 0.1, 0.1])  # fmt: skip
    score = np.clip(r.normal(6.5 + 0.25 * (kind == "TV Show"), 0.95, n), 1.8, 9.4).round(1)
    votes = np.round(r.lognormal(np.log(9000) + 0.04 * (2021 - year) + 0.5 * (score - 6.5), 1.3))
    added = np.minimum(2021, year + r.integers(0, 4, n))
    df = pd.DataFrame({
        "show_id": [f"s{i + 1}" for i in range(n)], "type": kind, "country": country,
        "date_added_year": added, "release_year": year, "rating": rating,
        "duration": duration, "imdb_score": score, "imdb_votes": votes.astype(int),
    })  # fmt: skip
    df.loc[_rng(60).choice(n, 14, replace=False), "country"] = np.nan
    return df


def ecommerce_orders() -> pd.DataFrame:
    """500 web-shop order lines; returns are likelier for fashion and slow deliveries."""
    r = _rng(7)
    n = 500
    cats = ["Electronics", "Fashion", "Home & Kitchen", "Beauty", "Books", "Sports"]
    cat = r.choice(cats, n, p=[0.2, 0.25, 0.18, 0.14, 0.11, 0.12])
    price_mu = {"Electronics": 120, "Fashion": 35, "Home & Kitchen": 45, "Beauty": 18,
                "Books": 14, "Sports": 40}  # fmt: skip
    unit_price = np.round(np.array([price_mu[c] for c in cat]) * r.lognormal(0, 0.5, n), 2)
    qty = 1 + r.poisson(np.where(unit_price < 30, 1.1, 0.4))
    discount = r.choice([0, 5, 10, 15, 20, 30], n, p=[0.4, 0.15, 0.2, 0.1, 0.1, 0.05])
    region = r.choice(["North", "South", "East", "West"], n)
    ship = np.round(r.gamma(np.where(region == "West", 4.5, 3.0), 1.1)).astype(int) + 1
    payment = r.choice(["Card", "PayPal", "Cash on Delivery", "Gift Card"], n,
                       p=[0.5, 0.25, 0.18, 0.07])  # fmt: skip
    p_ret = _expit(-2.6 + 1.2 * (cat == "Fashion") + 0.18 * (ship - 4))
    returned = np.where(r.random(n) < p_ret, "Y", "N")
    rating = np.clip(np.round(4.6 - 0.18 * ship - 1.2 * (returned == "Y") + r.normal(0, 0.7, n)),
                     1, 5)  # fmt: skip
    rating = _with_missing(rating, r, 0.12)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(r.integers(0, 180, n), unit="D")
    return pd.DataFrame({
        "order_id": [f"ORD-{50210 + i}" for i in range(n)],
        "order_date": dates.strftime("%Y-%m-%d"), "category": cat, "qty": qty,
        "unit_price": unit_price, "discount_pct": discount, "ship_region": region,
        "ship_days": ship, "payment_method": payment, "returned": returned,
        "review_stars": rating,
    })  # fmt: skip


def epidemic_daily() -> pd.DataFrame:
    """4 countries x 120 days of an epidemic wave (OWID-like long layout)."""
    r = _rng(8)
    days = pd.date_range("2020-09-01", periods=120, freq="D")
    frames = []
    for country, pop_m, peak, size in [
        ("Portugal", 10.3, 70, 1.0),
        ("Greece", 10.7, 85, 0.6),
        ("Czechia", 10.7, 60, 1.6),
        ("Ireland", 5.0, 95, 0.7),
    ]:
        t = np.arange(120)
        curve = size * 4000 * np.exp(-((t - peak) ** 2) / (2 * 18**2)) + 150
        weekday = np.where(days.day_of_week >= 5, 0.7, 1.05)
        cases = r.poisson(curve * weekday * r.lognormal(0, 0.15, 120))
        deaths = r.poisson(np.roll(curve, 12) * 0.018)
        tests = np.round(cases * r.uniform(8, 14, 120) + 6000 * pop_m / 10)
        stringency = np.round(np.clip(35 + 40 * (curve / curve.max()) + r.normal(0, 3, 120),
                                      10, 95), 2)  # fmt: skip
        frames.append(pd.DataFrame({
            "location": country, "date": days.strftime("%Y-%m-%d"), "new_cases": cases,
            "new_deaths": deaths, "new_tests": tests.astype(int),
            "positive_rate": np.round(cases / tests, 4), "stringency_index": stringency,
            "population_millions": pop_m,
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def olympic_athletes() -> pd.DataFrame:
    """500 athlete-event rows (athlete_events-style), Medal missing for non-medallists."""
    r = _rng(9)
    n = 500
    sports = {
        "Swimming": (182, 76, 21),
        "Athletics": (177, 68, 25),
        "Gymnastics": (163, 56, 20),
        "Rowing": (187, 84, 27),
        "Basketball": (194, 91, 26),
        "Judo": (175, 78, 26),
    }
    sport = r.choice(list(sports), n)
    sex = r.choice(["M", "F"], n, p=[0.6, 0.4])
    h0 = np.array([sports[s][0] for s in sport]) - 11 * (sex == "F")
    height = np.round(h0 + r.normal(0, 7, n))
    bmi = (
        np.array([sports[s][1] for s in sport])
        / (np.array([sports[s][0] for s in sport]) / 100) ** 2
    )
    weight = np.round(bmi * (height / 100) ** 2 * r.lognormal(0, 0.07, n))
    age = np.clip(np.round(np.array([sports[s][2] for s in sport]) + r.gamma(2, 2, n) - 4), 14, 45)
    medal = r.choice(["Gold", "Silver", "Bronze"], n).astype(object)
    medal[r.random(n) > 0.16] = np.nan
    team = r.choice(["USA", "China", "Germany", "Australia", "Kenya", "Japan", "Brazil",
                     "Great Britain"], n)  # fmt: skip
    year = r.choice([2004, 2008, 2012, 2016], n)
    return pd.DataFrame({
        "ID": np.arange(1, n + 1), "Sex": sex, "Age": age.astype(int),
        "Height": _with_missing(height, r, 0.08), "Weight": _with_missing(weight, r, 0.1),
        "Team": team, "Year": year, "Season": "Summer", "Sport": sport, "Medal": medal,
    })  # fmt: skip


def shortlet_listings() -> pd.DataFrame:
    """500 short-let listings (Airbnb-style), lognormal prices, reviews_per_month NA at 0."""
    r = _rng(10)
    n = 500
    hood = r.choice(["Central", "Riverside", "Old Town", "Harbour", "Uplands"], n,
                    p=[0.3, 0.22, 0.2, 0.16, 0.12])  # fmt: skip
    room = r.choice(["Entire home/apt", "Private room", "Shared room"], n, p=[0.55, 0.4, 0.05])
    h_mult = {"Central": 1.5, "Riverside": 1.1, "Old Town": 1.25, "Harbour": 1.0, "Uplands": 0.8}
    r_base = {"Entire home/apt": 150, "Private room": 70, "Shared room": 40}
    price = np.round(np.array([r_base[x] * h_mult[h] for x, h in zip(room, hood, strict=True)])
                     * r.lognormal(0, 0.45, n))  # fmt: skip
    min_n = r.choice(
        [1, 2, 3, 4, 5, 7, 14, 30], n, p=[0.3, 0.25, 0.18, 0.06, 0.06, 0.07, 0.03, 0.05]
    )
    reviews = np.round(r.gamma(0.6, 45, n)).astype(int)
    months = r.uniform(2, 80, n)
    rpm = np.where(reviews > 0, np.round(reviews / months + 0.01, 2), np.nan)
    avail = np.clip(np.round(r.uniform(-60, 365, n)), 0, 365).astype(int)
    return pd.DataFrame({
        "id": np.arange(2539, 2539 + n * 7, 7), "neighbourhood_group": hood,
        "room_type": room, "price": price.astype(int), "minimum_nights": min_n,
        "number_of_reviews": reviews, "reviews_per_month": rpm,
        "calculated_host_listings_count": 1 + r.geometric(0.6, n) - 1,
        "availability_365": avail,
    })  # fmt: skip


def daily_weather() -> pd.DataFrame:
    """3 towns x 180 days (weatherAUS-style), rain tomorrow likelier after humid afternoons."""
    r = _rng(11)
    days = pd.date_range("2017-01-01", periods=180, freq="D")
    frames = []
    for town, t0, wet in [("Albury", 18, 0.25), ("Hobart", 10, 0.4), ("Cairns", 23, 0.45)]:
        season = -5 * np.sin(np.arange(180) / 180 * np.pi)
        mint = np.round(t0 + season + r.normal(0, 3, 180), 1)
        maxt = np.round(mint + r.gamma(9, 1.2, 180), 1)
        hum3 = np.clip(np.round(45 + 40 * wet - 1.1 * (maxt - mint - 10) + r.normal(0, 14, 180)),
                       5, 100)  # fmt: skip
        rain_amt = np.where(r.random(180) < wet, np.round(r.exponential(6, 180), 1), 0.0)
        rain_today = np.where(rain_amt > 1, "Yes", "No")
        p = _expit(-5.2 + 0.065 * hum3 + 0.6 * (rain_today == "Yes"))
        frames.append(pd.DataFrame({
            "Date": days.strftime("%Y-%m-%d"), "Location": town, "MinTemp": mint,
            "MaxTemp": maxt, "Rainfall": rain_amt,
            "Sunshine": np.round(np.clip(11 - 0.06 * hum3 + r.normal(0, 1.8, 180), 0, 13.5), 1),
            "WindGustSpeed": np.round(r.gamma(6, 7, 180)), "Humidity9am": np.clip(
                np.round(hum3 + 15 + r.normal(0, 8, 180)), 10, 100),
            "Humidity3pm": hum3, "Pressure3pm": np.round(1016 - 0.04 * hum3 + r.normal(0, 5, 180), 1),
            "RainToday": rain_today, "RainTomorrow": np.where(r.random(180) < p, "Yes", "No"),
        }))  # fmt: skip
    df = pd.concat(frames, ignore_index=True)
    df.loc[_rng(110).choice(len(df), 12, replace=False), "Sunshine"] = np.nan
    return df


def mall_customers() -> pd.DataFrame:
    """200 mall members (Mall_Customers-style): income and spending score in five clusters."""
    r = _rng(12)
    n = 200
    centres = [(55, 50, 0.4), (25, 80, 0.1), (25, 20, 0.1), (88, 82, 0.2), (88, 17, 0.2)]
    k = r.choice(5, n, p=[c[2] for c in centres])
    income = np.clip(np.round(np.array([centres[i][0] for i in k]) + r.normal(0, 8, n)), 15, 137)
    age = np.clip(np.round(np.where(np.isin(k, [1, 3]), r.normal(30, 5, n), r.normal(44, 12, n))),
                  18, 70)  # fmt: skip
    score = np.clip(np.round(np.array([centres[i][1] for i in k]) + r.normal(0, 8, n)), 1, 99)
    return pd.DataFrame({
        "CustomerID": np.arange(1, n + 1), "Gender": r.choice(["Female", "Male"], n, p=[0.56, 0.44]),
        "Age": age.astype(int), "Annual Income (k$)": income.astype(int),
        "Spending Score (1-100)": score.astype(int),
    })  # fmt: skip


def loan_applications() -> pd.DataFrame:
    """480 home-loan applications (loan-prediction style), approval driven by credit history."""
    r = _rng(13)
    n = 480
    gender = r.choice(["Male", "Female"], n, p=[0.8, 0.2]).astype(object)
    married = r.choice(["Yes", "No"], n, p=[0.65, 0.35]).astype(object)
    deps = r.choice(["0", "1", "2", "3+"], n, p=[0.57, 0.17, 0.17, 0.09])
    edu = r.choice(["Graduate", "Not Graduate"], n, p=[0.78, 0.22])
    self_emp = r.choice(["No", "Yes"], n, p=[0.86, 0.14]).astype(object)
    inc = np.round(r.lognormal(np.log(3800) + 0.3 * (edu == "Graduate"), 0.55, n))
    coinc = np.where(r.random(n) < 0.55, np.round(r.lognormal(np.log(1600), 0.6, n)), 0)
    amount = np.round(np.clip(40 + 0.021 * (inc + coinc) + r.normal(0, 30, n), 9, 700))
    term = r.choice([360, 180, 480, 300, 120], n, p=[0.85, 0.07, 0.03, 0.03, 0.02])
    credit = (r.random(n) < 0.84).astype(float)
    area = r.choice(["Semiurban", "Urban", "Rural"], n, p=[0.38, 0.33, 0.29])
    p = _expit(-1.9 + 3.3 * credit + 0.45 * (area == "Semiurban") - 0.002 * (amount - 130))
    status = np.where(r.random(n) < p, "Y", "N")
    gender[r.random(n) < 0.02] = np.nan
    self_emp[r.random(n) < 0.05] = np.nan
    credit[r.random(n) < 0.08] = np.nan
    return pd.DataFrame({
        "Loan_ID": [f"LP00{1002 + 3 * i}" for i in range(n)], "Gender": gender,
        "Married": married, "Dependents": deps, "Education": edu, "Self_Employed": self_emp,
        "ApplicantIncome": inc.astype(int), "CoapplicantIncome": coinc.astype(int),
        "LoanAmount": _with_missing(amount, r, 0.04), "Loan_Amount_Term": term,
        "Credit_History": credit, "Property_Area": area, "Loan_Status": status,
    })  # fmt: skip


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def store_sales_wide() -> pd.DataFrame:
    """60 stores, monthly sales in thousands, Jan..Dec as columns, a December peak."""
    r = _rng(14)
    n = 60
    region = r.choice(["North", "South", "East", "West"], n)
    fmt = r.choice(["Hypermarket", "Supermarket", "Express"], n, p=[0.2, 0.5, 0.3])
    size = np.array([{"Hypermarket": 420, "Supermarket": 180, "Express": 60}[f] for f in fmt])
    level = size * r.lognormal(0, 0.25, n)
    season = np.array([0.9, 0.85, 0.95, 0.97, 1.0, 1.02, 1.05, 1.04, 0.97, 1.0, 1.08, 1.4])
    df = pd.DataFrame(
        {
            "Store": [f"ST{i + 101}" for i in range(n)],
            "Region": region,
            "Store Type": fmt,
            "Floor Area (sqm)": np.round(size * 9 * r.lognormal(0, 0.15, n)),
        }
    )
    for m, s in zip(MONTHS, season, strict=True):
        df[m] = np.round(level * s * r.lognormal(0, 0.08, n), 1)
    return df


LIKERT = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


def customer_survey() -> pd.DataFrame:
    """400 answers to a banking-app survey; Likert items stored as text."""
    r = _rng(15)
    n = 400
    agegrp = r.choice(
        ["18-24", "25-34", "35-44", "45-54", "55+"], n, p=[0.16, 0.28, 0.24, 0.18, 0.14]
    )
    old = np.array([{"18-24": -1, "25-34": -0.5, "35-44": 0, "45-54": 0.5, "55+": 1}[a]
                    for a in agegrp])  # fmt: skip
    attitude = r.normal(0, 1, n)

    def likert(shift: np.ndarray) -> np.ndarray:
        cuts = np.array([-1.6, -0.6, 0.3, 1.3])
        return np.array(LIKERT, dtype=object)[np.searchsorted(cuts, shift + r.normal(0, 0.8, n))]

    ease = likert(0.4 + 0.8 * attitude - 0.5 * old)
    trust = likert(0.2 + 0.6 * attitude + 0.2 * old)
    sat = np.clip(np.round(6.5 + 1.6 * attitude - 0.4 * old + r.normal(0, 1.2, n)), 0, 10)
    minutes = np.round(r.gamma(2.2, 18 * np.exp(-0.3 * old)), 0)
    rec = np.where(sat >= 8, "Yes", np.where(sat <= 5, "No", r.choice(["Yes", "No"], n)))
    df = pd.DataFrame({
        "Respondent ID": np.arange(1001, 1001 + n), "Age Group": agegrp,
        "Gender": r.choice(["Woman", "Man", "Non-binary", "Prefer not to say"], n,
                           p=[0.48, 0.47, 0.03, 0.02]),
        "Main Channel": r.choice(["iOS app", "Android app", "Website"], n, p=[0.4, 0.42, 0.18]),
        "Q1. The app is easy to use": ease, "Q2. I trust the bank with my data": trust,
        "Overall satisfaction (0-10)": sat.astype(int), "Minutes in app per week": minutes,
        "Would recommend? ": rec,
    })  # fmt: skip
    df.loc[_rng(150).choice(n, 11, replace=False), "Q2. I trust the bank with my data"] = np.nan
    return df


TABLES = {
    "ship_passengers_j.csv": ship_passengers,
    "music_tracks_j.csv": music_tracks,
    "diabetes_screening_j.csv": diabetes_screening,
    "air_quality_long_j.csv": air_quality_long,
    "air_quality_wide_j.csv": air_quality_wide,
    "streaming_titles_j.csv": streaming_titles,
    "ecommerce_orders_j.csv": ecommerce_orders,
    "epidemic_daily_j.csv": epidemic_daily,
    "olympic_athletes_j.csv": olympic_athletes,
    "shortlet_listings_j.csv": shortlet_listings,
    "daily_weather_j.csv": daily_weather,
    "mall_customers_j.csv": mall_customers,
    "loan_applications_j.csv": loan_applications,
    "store_sales_wide_j.csv": store_sales_wide,
    "customer_survey_j.csv": customer_survey,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, lineterminator="\n")
        print(f"{name}: {len(df)} rows x {df.shape[1]} columns, {(OUT / name).stat().st_size} B")


if __name__ == "__main__":
    main()
