"""Build the corpus-r tables deterministically (every file ends in ``_r.csv``).

All fifteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download from open-data portals and Kaggle (road-crash
records, census housing blocks, monster-game stats, movie box office, gym members, a wide
engagement survey, hospital readmissions, steel-plate faults, cancer-registry counts, podcast
listening, obesity levels, used motorbikes, daily stock returns, maths-exam results and a long
table of clinic blood-pressure readings), header mess included: units in brackets
("Visibility(mi)"), "Type 1"/"Type 2" with blanks, age brackets "[70-80)", one-hot fault columns,
True/False flags, "<30"/">30" codes and "NA" or blank missing values. Values follow plausible
distributions with realistic effects (fog cuts visibility, income drives house value, bigger
budgets gross more, longer sessions burn more calories, more medications go with longer stays,
energy stocks move less with tech, test preparation raises scores, ...).

Run:  uv run python bench/srs/corpus/make_tables_r.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 18_000


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _missing(x, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def accidents() -> pd.DataFrame:
    r, n = _rng(1), 500
    weather = r.choice(
        ["Clear", "Cloudy", "Light Rain", "Rain", "Fog", "Snow"],
        n,
        p=[0.42, 0.25, 0.13, 0.08, 0.06, 0.06],
    )
    daynight = r.choice(["Day", "Night"], n, p=[0.68, 0.32])
    base_vis = {"Clear": 10, "Cloudy": 9, "Light Rain": 6, "Rain": 4, "Fog": 1.2, "Snow": 2.5}
    vis = np.array([min(10.0, r.gamma(4, base_vis[w] / 4)) for w in weather])
    temp = np.where(weather == "Snow", r.normal(27, 6, n), r.normal(62, 16, n))
    temp = temp - np.where(daynight == "Night", 7, 0)
    humid = np.clip(r.normal(60, 18, n) + np.isin(weather, ["Rain", "Fog"]) * 25, 8, 100)
    wind = np.round(r.gamma(2.2, 3.8, n), 1)
    risk = 0.9 * (daynight == "Night") + 0.25 * (10 - vis) / 3 + r.normal(0, 1, n)
    sev = np.digitize(risk, [-0.9, 1.2, 2.4]) + 1
    dist = np.round(r.exponential(0.45, n) * (1 + 0.4 * (sev - 1)), 3)
    return pd.DataFrame(
        {
            "ID": [f"A-{3000000 + i}" for i in range(n)],
            "Severity": sev,
            "State": r.choice(["CA", "TX", "FL", "NY", "OH", "PA"], n),
            "Distance(mi)": dist,
            "Temperature(F)": _missing(np.round(temp, 1), r, 0.03),
            "Humidity(%)": np.round(humid).astype(int),
            "Visibility(mi)": _missing(np.round(vis, 1), r, 0.02),
            "Wind_Speed(mph)": _missing(wind, r, 0.06),
            "Weather_Condition": weather,
            "Sunrise_Sunset": daynight,
        }
    )


def housing() -> pd.DataFrame:
    r, n = _rng(2), 500
    prox = r.choice(
        ["<1H OCEAN", "INLAND", "NEAR OCEAN", "NEAR BAY"], n, p=[0.44, 0.32, 0.13, 0.11]
    )
    lon = np.where(prox == "INLAND", r.uniform(-121.5, -116, n), r.uniform(-122.6, -117.1, n))
    lat = np.where(prox == "NEAR BAY", r.uniform(37.4, 38.1, n), r.uniform(32.6, 40.5, n))
    age = np.clip(np.round(r.normal(29, 12, n)), 1, 52).astype(int)
    income = np.round(np.clip(r.lognormal(1.28, 0.42, n), 0.5, 15.0), 4)
    rooms = np.round(r.lognormal(7.6, 0.6, n)).astype(int)
    bedrooms = np.round(rooms * r.normal(0.205, 0.03, n))
    hh = np.round(bedrooms * r.normal(0.93, 0.08, n)).astype(int)
    pop = np.round(hh * r.normal(2.9, 0.6, n)).clip(3).astype(int)
    prem = {"<1H OCEAN": 1.35, "INLAND": 0.72, "NEAR OCEAN": 1.4, "NEAR BAY": 1.55}
    value = 42000 * income * np.array([prem[p] for p in prox]) * r.lognormal(0, 0.25, n) + 20000
    value = np.round(np.minimum(value, 500001), -2).astype(int)
    return pd.DataFrame(
        {
            "longitude": np.round(lon, 2),
            "latitude": np.round(lat, 2),
            "housing_median_age": age,
            "total_rooms": rooms,
            "total_bedrooms": _missing(bedrooms, r, 0.02),
            "population": pop,
            "households": hh,
            "median_income": income,
            "median_house_value": value,
            "ocean_proximity": prox,
        }
    )


def monsters() -> pd.DataFrame:
    r, n = _rng(3), 420
    types = ["Water", "Normal", "Grass", "Bug", "Psychic", "Fire", "Electric", "Rock", "Dragon"]
    t1 = r.choice(types, n, p=[0.16, 0.14, 0.13, 0.11, 0.1, 0.1, 0.09, 0.09, 0.08])
    t2 = np.where(
        r.random(n) < 0.48, r.choice(["Flying", "Poison", "Ground", "Steel", "Fairy"], n), ""
    )
    gen = r.choice([1, 2, 3, 4, 5, 6], n, p=[0.2, 0.13, 0.17, 0.14, 0.2, 0.16])
    legend = r.random(n) < np.where(t1 == "Dragon", 0.3, 0.06)
    lvl = r.normal(0, 1, n) + 2.2 * legend + 0.5 * (t1 == "Dragon")
    hp = np.clip(np.round(68 + 14 * lvl + r.normal(0, 16, n)), 10, 255).astype(int)
    atk = np.clip(np.round(78 + 18 * lvl + r.normal(0, 20, n) + 10 * (t1 == "Fire")), 5, 190)
    dfn = np.clip(np.round(72 + 15 * lvl + r.normal(0, 22, n) + 25 * (t1 == "Rock")), 5, 230)
    spa = np.clip(np.round(72 + 17 * lvl + r.normal(0, 22, n) + 20 * (t1 == "Psychic")), 10, 194)
    spd_ = np.clip(np.round(70 + 14 * lvl + r.normal(0, 20, n)), 20, 230)
    spe = np.clip(np.round(68 + 14 * lvl + r.normal(0, 22, n) + 20 * (t1 == "Electric")), 5, 180)
    stats = np.vstack([hp, atk, dfn, spa, spd_, spe]).astype(int)
    syll = ["zar", "mo", "pli", "ka", "ron", "ve", "lux", "ti", "gor", "na", "fen", "bu"]
    names = ["".join(r.choice(syll, 3)).capitalize() for _ in range(n)]
    return pd.DataFrame(
        {
            "#": np.arange(1, n + 1),
            "Name": names,
            "Type 1": t1,
            "Type 2": t2,
            "Total": stats.sum(axis=0),
            "HP": stats[0],
            "Attack": stats[1],
            "Defense": stats[2],
            "Sp. Atk": stats[3],
            "Sp. Def": stats[4],
            "Speed": stats[5],
            "Generation": gen,
            "Legendary": np.where(legend, "True", "False"),
        }
    )


def movies() -> pd.DataFrame:
    r, n = _rng(4), 450
    genre = r.choice(
        ["Action", "Comedy", "Drama", "Horror", "Animation", "Adventure"],
        n,
        p=[0.24, 0.22, 0.22, 0.1, 0.1, 0.12],
    )
    rate_p = {
        "Animation": [0.3, 0.6, 0.1, 0.0],
        "Horror": [0.0, 0.02, 0.28, 0.7],
        "Action": [0.0, 0.08, 0.6, 0.32],
    }
    rating = np.array(
        [
            r.choice(["G", "PG", "PG-13", "R"], p=rate_p.get(g, [0.03, 0.17, 0.4, 0.4]))
            for g in genre
        ]
    )
    gscale = {
        "Action": 3.0,
        "Adventure": 2.8,
        "Animation": 2.6,
        "Comedy": 1.0,
        "Drama": 0.8,
        "Horror": 0.5,
    }
    budget = np.round(r.lognormal(np.log(25e6), 0.8, n) * np.array([gscale[g] for g in genre]), -5)
    gross = np.round(budget * r.lognormal(0.6, 0.9, n), -3)
    runtime = np.round(
        np.clip(
            r.normal(108, 17, n) + 12 * (genre == "Drama") - 18 * (genre == "Animation"), 72, 190
        )
    )
    score = np.round(
        np.clip(
            r.normal(6.4, 0.9, n) + 0.3 * (genre == "Drama") - 0.5 * (genre == "Horror"), 2.5, 9.1
        ),
        1,
    )
    votes = np.round(
        np.exp(8 + 0.5 * np.log(gross / 1e6 + 1) + 0.4 * (score - 6) + r.normal(0, 0.8, n))
    ).astype(int)
    return pd.DataFrame(
        {
            "name": [f"Film {i:03d}" for i in range(1, n + 1)],
            "year": r.integers(1990, 2021, n),
            "genre": genre,
            "rating": rating,
            "runtime": runtime.astype(int),
            "score": score,
            "votes": votes,
            "budget": _missing(budget, r, 0.08),
            "gross": gross,
        }
    )


def gym() -> pd.DataFrame:
    r, n = _rng(5), 450
    sex = r.choice(["Male", "Female"], n)
    age = r.integers(18, 60, n)
    exp = r.choice([1, 2, 3], n, p=[0.38, 0.42, 0.2])
    wtype = r.choice(["Cardio", "HIIT", "Strength", "Yoga"], n)
    height = np.round(np.where(sex == "Male", r.normal(1.77, 0.07, n), r.normal(1.64, 0.06, n)), 2)
    weight = np.round(np.where(sex == "Male", r.normal(82, 13, n), r.normal(64, 11, n)), 1)
    dur = np.round(np.clip(r.normal(0.9 + 0.25 * (exp - 1), 0.25, n), 0.5, 2.0), 2)
    avg_bpm = np.round(
        r.normal(143, 12, n) + 8 * (wtype == "HIIT") - 15 * (wtype == "Yoga")
    ).astype(int)
    cal = dur * (avg_bpm * 6.2 + np.where(sex == "Male", 120, 0)) * r.normal(1, 0.08, n) - 1.5 * (
        age - 38
    )
    fat = np.round(
        np.clip(np.where(sex == "Male", 20, 27) - 3 * (exp - 1) + r.normal(0, 4.5, n), 8, 38), 1
    )
    return pd.DataFrame(
        {
            "Age": age,
            "Gender": sex,
            "Weight (kg)": weight,
            "Height (m)": height,
            "Max_BPM": np.round(r.uniform(160, 200, n)).astype(int),
            "Avg_BPM": avg_bpm,
            "Resting_BPM": np.round(r.normal(62, 7, n) - 2 * (exp - 1)).astype(int),
            "Session_Duration (hours)": dur,
            "Calories_Burned": np.round(cal).astype(int),
            "Workout_Type": wtype,
            "Fat_Percentage": fat,
            "Water_Intake (liters)": np.round(np.clip(r.normal(2.6, 0.55, n), 1.5, 3.7), 1),
            "Workout_Frequency (days/week)": np.clip(exp + r.integers(1, 3, n), 2, 5),
            "Experience_Level": exp,
            "BMI": np.round(weight / height**2, 2),
        }
    )


def engagement() -> pd.DataFrame:
    r, n = _rng(6), 300
    dept = r.choice(
        ["Sales", "Engineering", "Operations", "Finance", "HR"], n, p=[0.3, 0.3, 0.2, 0.12, 0.08]
    )
    tenure = r.choice(["<1 yr", "1-3 yrs", "3-5 yrs", "5+ yrs"], n)
    latent = r.normal(0, 1, n) - 0.35 * (dept == "Operations")
    cols = {}
    for q in range(1, 11):
        load = 0.5 if q in (7, 8) else 0.9
        x = 3.4 + load * latent + r.normal(0, 0.8, n)
        cols[f"Q{q}"] = np.clip(np.round(x), 1, 5).astype(int)
    df = pd.DataFrame(
        {"EmpID": [f"E{1000 + i}" for i in range(n)], "Department": dept, "Tenure": tenure, **cols}
    )
    df["Q9"] = _missing(df["Q9"], r, 0.04).astype("Int64")
    return df


def readmissions() -> pd.DataFrame:
    r, n = _rng(7), 500
    brackets = ["[30-40)", "[40-50)", "[50-60)", "[60-70)", "[70-80)", "[80-90)"]
    age = r.choice(brackets, n, p=[0.05, 0.1, 0.18, 0.24, 0.27, 0.16])
    aidx = np.array([brackets.index(a) for a in age])
    tih = np.clip(np.round(r.gamma(2.2, 2.0, n) + 0.3 * aidx), 1, 14).astype(int)
    meds = np.clip(np.round(6 + 1.6 * tih + r.normal(0, 5, n)), 1, 70).astype(int)
    labs = np.clip(np.round(r.normal(43, 19, n) + 1.5 * tih), 1, 120).astype(int)
    diag = np.clip(np.round(r.normal(7.2, 1.8, n)), 1, 16).astype(int)
    ins = r.choice(["No", "Steady", "Up", "Down"], n, p=[0.47, 0.3, 0.12, 0.11])
    lp = -1.2 + 0.09 * tih + 0.25 * (ins != "No") + 0.08 * aidx
    u = r.random(n)
    p30 = _expit(lp - 1.3)
    pgt = _expit(lp) - p30
    readm = np.where(u < p30, "<30", np.where(u < p30 + pgt.clip(0), ">30", "NO"))
    return pd.DataFrame(
        {
            "encounter_id": 2278392 + np.arange(n) * 317,
            "gender": r.choice(["Female", "Male"], n, p=[0.54, 0.46]),
            "age": age,
            "admission_type": r.choice(
                ["Emergency", "Urgent", "Elective"], n, p=[0.53, 0.18, 0.29]
            ),
            "time_in_hospital": tih,
            "num_lab_procedures": labs,
            "num_medications": meds,
            "number_diagnoses": diag,
            "A1Cresult": r.choice(["None", "Norm", ">7", ">8"], n, p=[0.83, 0.05, 0.04, 0.08]),
            "insulin": ins,
            "diabetesMed": np.where((ins != "No") | (r.random(n) < 0.5), "Yes", "No"),
            "readmitted": readm,
        }
    )


def steel() -> pd.DataFrame:
    r, n = _rng(8), 450
    faults = ["Pastry", "Z_Scratch", "K_Scatch", "Stains", "Dirtiness", "Bumps", "Other_Faults"]
    f = r.choice(faults, n, p=[0.08, 0.1, 0.2, 0.04, 0.03, 0.21, 0.34])
    a300 = r.random(n) < np.where(f == "K_Scatch", 0.85, 0.35)
    xmin = np.round(r.uniform(0, 1700, n)).astype(int)
    width = np.round(r.lognormal(np.where(f == "K_Scatch", 4.6, 2.9), 0.6)).astype(int) + 2
    ymin = np.round(r.uniform(0, 1.2e7, n)).astype(int)
    height = np.round(r.lognormal(np.where(f == "Z_Scratch", 4.2, 3.1), 0.7)).astype(int) + 2
    area = np.round(width * height * r.uniform(0.35, 0.8, n)).astype(int) + 3
    lum = np.round(area * r.normal(105, 12, n)).astype(int)
    thick = r.choice([40, 50, 60, 70, 80, 100, 120, 140, 150, 175, 200, 300], n)
    df = pd.DataFrame(
        {
            "X_Minimum": xmin,
            "X_Maximum": xmin + width,
            "Y_Minimum": ymin,
            "Y_Maximum": ymin + height,
            "Pixels_Areas": area,
            "Sum_of_Luminosity": lum,
            "Minimum_of_Luminosity": np.clip(np.round(r.normal(85, 30, n)), 0, 200).astype(int),
            "Maximum_of_Luminosity": np.clip(np.round(r.normal(130, 16, n)), 40, 253).astype(int),
            "Length_of_Conveyer": np.round(r.normal(1460, 140, n)).astype(int),
            "TypeOfSteel_A300": a300.astype(int),
            "TypeOfSteel_A400": (~a300).astype(int),
            "Steel_Plate_Thickness": thick,
        }
    )
    for name in faults:
        df[name] = (f == name).astype(int)
    return df


def cancer_counts() -> pd.DataFrame:
    r = _rng(9)
    sites = {
        "Breast": 160,
        "Lung": 120,
        "Colorectal": 95,
        "Prostate": 140,
        "Melanoma": 55,
        "Pancreas": 28,
    }
    early = {
        "Breast": 0.75,
        "Lung": 0.35,
        "Colorectal": 0.5,
        "Prostate": 0.7,
        "Melanoma": 0.8,
        "Pancreas": 0.2,
    }
    rows = []
    for year in (2019, 2020, 2021):
        for site, base in sites.items():
            for sex in ("Female", "Male"):
                if (site == "Prostate" and sex == "Female") or (site == "Breast" and sex == "Male"):
                    continue
                e = early[site]
                p = np.array([e * 0.6, e * 0.4, (1 - e) * 0.45, (1 - e) * 0.55])
                counts = r.multinomial(int(r.poisson(base * (0.92 if year == 2020 else 1))), p)
                for stage, c in zip(["I", "II", "III", "IV"], counts, strict=True):
                    rows.append(
                        {"year": year, "site": site, "sex": sex, "stage": stage, "count": int(c)}
                    )
    return pd.DataFrame(rows)


def podcasts() -> pd.DataFrame:
    r, n = _rng(10), 500
    genre = r.choice(["True Crime", "Comedy", "News", "Education", "Business", "Sports"], n)
    platform = r.choice(
        ["Apple Podcasts", "Pocket Casts", "YouTube", "Web player"], n, p=[0.42, 0.18, 0.28, 0.12]
    )
    base_len = {
        "True Crime": 48,
        "Comedy": 62,
        "News": 22,
        "Education": 38,
        "Business": 35,
        "Sports": 55,
    }
    length = np.round(np.array([r.gamma(6, base_len[g] / 6) for g in genre]), 1) + 3
    listen = 100 * _expit(
        1.3
        - 0.018 * length
        + 0.5 * (genre == "True Crime")
        - 0.5 * (platform == "Web player")
        + r.normal(0, 0.9, n)
    )
    return pd.DataFrame(
        {
            "listen_id": np.arange(1, n + 1),
            "user_id": [f"u{r.integers(100, 400)}" for _ in range(n)],
            "genre": genre,
            "platform": platform,
            "device": r.choice(["phone", "desktop", "smart speaker"], n, p=[0.7, 0.2, 0.1]),
            "episode_length_min": length,
            "listen_pct": np.round(listen, 1),
            "ads_count": r.poisson(np.clip(length / 15, 0.5, None)),
            "subscribed": np.where(listen + r.normal(0, 20, n) > 60, "yes", "no"),
        }
    )


def obesity() -> pd.DataFrame:
    r, n = _rng(11), 500
    sex = r.choice(["Female", "Male"], n)
    age = np.round(np.clip(r.lognormal(np.log(23), 0.28, n), 14, 61), 1)
    height = np.round(np.where(sex == "Male", r.normal(1.76, 0.07, n), r.normal(1.63, 0.065, n)), 2)
    fam = r.random(n) < 0.8
    favc = r.random(n) < 0.88
    fcvc = np.round(np.clip(r.normal(2.4, 0.55, n), 1, 3), 2)
    ch2o = np.round(np.clip(r.normal(2.0, 0.6, n), 1, 3), 2)
    faf = np.round(np.clip(r.gamma(1.6, 0.65, n), 0, 3), 2)
    bmi = 21 + 4 * fam + 2 * favc - 1.2 * faf + 0.15 * (age - 23) + r.normal(0, 5, n)
    bmi = np.clip(bmi, 15.5, 52)
    weight = np.round(bmi * height**2, 1)
    cut = [18.5, 25, 27.5, 30, 35, 40]
    labels = ["Insufficient_Weight", "Normal_Weight", "Overweight_Level_I", "Overweight_Level_II",
              "Obesity_Type_I", "Obesity_Type_II", "Obesity_Type_III"]  # fmt: skip
    cls = np.array(labels)[np.digitize(bmi, cut)]
    return pd.DataFrame(
        {
            "Gender": sex,
            "Age": age,
            "Height": height,
            "Weight": weight,
            "family_history_with_overweight": np.where(fam, "yes", "no"),
            "FAVC": np.where(favc, "yes", "no"),
            "FCVC": fcvc,
            "NCP": r.choice([1, 3, 3, 3, 4], n),
            "CAEC": r.choice(
                ["no", "Sometimes", "Frequently", "Always"], n, p=[0.03, 0.83, 0.11, 0.03]
            ),
            "SMOKE": np.where(r.random(n) < 0.03, "yes", "no"),
            "CH2O": ch2o,
            "FAF": faf,
            "TUE": np.round(np.clip(r.gamma(1.5, 0.45, n), 0, 2), 2),
            "CALC": r.choice(["no", "Sometimes", "Frequently"], n, p=[0.3, 0.63, 0.07]),
            "MTRANS": r.choice(
                ["Public_Transportation", "Automobile", "Walking", "Bike", "Motorbike"],
                n,
                p=[0.72, 0.21, 0.04, 0.015, 0.015],
            ),
            "NObeyesdad": cls,
        }
    )


def bikes() -> pd.DataFrame:
    r, n = _rng(12), 450
    brands = {
        "Royal Enfield": 350,
        "Bajaj": 160,
        "Hero": 125,
        "Honda": 150,
        "Yamaha": 155,
        "KTM": 390,
        "TVS": 125,
    }
    brand = r.choice(list(brands), n, p=[0.2, 0.2, 0.17, 0.13, 0.1, 0.08, 0.12])
    power = np.array([brands[b] for b in brand]) * r.choice([0.7, 1.0, 1.0, 1.3], n)
    power = np.round(power).astype(int)
    age = r.integers(1, 14, n)
    kms = np.round(r.gamma(2.5, 4200, n) * (0.5 + 0.25 * age)).astype(int) + 500
    owner = np.where(
        age < 5,
        "First Owner",
        r.choice(["First Owner", "Second Owner", "Third Owner Or More"], n, p=[0.55, 0.33, 0.12]),
    )
    price = (
        260
        * power
        * np.exp(-0.11 * age)
        * r.lognormal(0, 0.22, n)
        * (1 - 0.08 * (owner != "First Owner"))
    )
    return pd.DataFrame(
        {
            "bike_name": [f"{b} {p}cc" for b, p in zip(brand, power, strict=True)],
            "price": np.round(price, -2).astype(int),
            "city": r.choice(["Delhi", "Bangalore", "Mumbai", "Hyderabad", "Pune", "Chennai"], n),
            "kms_driven": kms,
            "owner": owner,
            "age": age,
            "power": power,
            "brand": brand,
        }
    )


def stocks() -> pd.DataFrame:
    r, n = _rng(13), 500
    dates = pd.bdate_range("2022-01-03", periods=n)
    cov = np.array([[1.0, 0.68, 0.28], [0.68, 1.0, 0.25], [0.28, 0.25, 1.0]])
    z = r.multivariate_normal(np.zeros(3), cov, n)
    scale = np.sqrt(r.chisquare(4, n) / 4)[:, None]  # fat tails, as real daily returns have
    sd = np.array([1.7, 1.6, 1.9])
    ret = np.round(0.04 + z / scale * sd / np.sqrt(2), 3)
    return pd.DataFrame(
        {"Date": dates.strftime("%Y-%m-%d"), "AAPL": ret[:, 0], "MSFT": ret[:, 1], "XOM": ret[:, 2]}
    )


def student_math() -> pd.DataFrame:
    r, n = _rng(14), 500
    edu = [
        "some high school",
        "high school",
        "some college",
        "associate's degree",
        "bachelor's degree",
        "master's degree",
    ]
    par = r.choice(edu, n, p=[0.18, 0.2, 0.22, 0.22, 0.12, 0.06])
    lunch = r.choice(["standard", "free/reduced"], n, p=[0.65, 0.35])
    prep = r.choice(["none", "completed"], n, p=[0.64, 0.36])
    sex = r.choice(["female", "male"], n)
    eidx = np.array([edu.index(e) for e in par])
    ability = (
        r.normal(0, 1, n)
        + 0.15 * eidx
        + 0.45 * (lunch == "standard")
        + 0.35 * (prep == "completed")
    )
    math = np.clip(np.round(58 + 12 * ability + 4 * (sex == "male") + r.normal(0, 6, n)), 0, 100)
    read = np.clip(np.round(62 + 12 * ability - 3 * (sex == "male") + r.normal(0, 6, n)), 10, 100)
    write = np.clip(
        np.round(0.85 * read + 9 + 2 * (prep == "completed") + r.normal(0, 4, n)), 10, 100
    )
    return pd.DataFrame(
        {
            "gender": sex,
            "race/ethnicity": r.choice(
                ["group A", "group B", "group C", "group D", "group E"],
                n,
                p=[0.09, 0.19, 0.32, 0.26, 0.14],
            ),
            "parental level of education": par,
            "lunch": lunch,
            "test preparation course": prep,
            "math score": math.astype(int),
            "reading score": read.astype(int),
            "writing score": write.astype(int),
        }
    )


def clinic_bp() -> pd.DataFrame:
    r = _rng(15)
    spec = {
        "Northgate": (132, 12, 70),
        "Riverside": (128, 18, 64),
        "Hillview": (136, 13, 58),
        "Old Town": (131, 25, 52),
        "Harbour": (129, 14, 48),
    }
    rows = []
    for clinic, (mu, sd, k) in spec.items():
        for i in range(k):
            rows.append(
                {
                    "clinic": clinic,
                    "patient_ref": f"{clinic[:2].upper()}{i + 1:03d}",
                    "device": r.choice(["automatic", "manual"], p=[0.7, 0.3]),
                    "systolic": int(round(r.normal(mu, sd))),
                }
            )
    return pd.DataFrame(rows)


TABLES = {
    "us_accidents_r.csv": accidents,
    "housing_blocks_r.csv": housing,
    "monster_stats_r.csv": monsters,
    "movie_box_office_r.csv": movies,
    "gym_members_r.csv": gym,
    "engagement_survey_wide_r.csv": engagement,
    "hospital_readmissions_r.csv": readmissions,
    "steel_plates_faults_r.csv": steel,
    "cancer_registry_counts_r.csv": cancer_counts,
    "podcast_listening_r.csv": podcasts,
    "obesity_levels_r.csv": obesity,
    "used_bikes_r.csv": bikes,
    "stock_returns_r.csv": stocks,
    "student_math_r.csv": student_math,
    "clinic_bp_long_r.csv": clinic_bp,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, na_rep="NA", encoding="utf-8")
        print(f"{name}: {df.shape}")


if __name__ == "__main__":
    main()
