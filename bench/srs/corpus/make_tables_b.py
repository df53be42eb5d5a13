"""Build the corpus-b tables (and the engineering tables of the scope set) deterministically.

Every table is simulated from a fixed seed with relationships chosen to look like the public
CSVs people usually attach (graduate admissions, marketing campaign, FAO-style crop yields,
World-Bank-style wide indicators, medical insurance charges, factory quality records, ...).

Run:  uv run python bench/srs/corpus/make_tables_b.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 20261206


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def grad_admissions() -> pd.DataFrame:
    rng = _rng(1)
    n = 400
    ability = rng.normal(0, 1, n)
    gre = np.clip(np.round(316 + 11 * ability + rng.normal(0, 4, n)), 290, 340).astype(int)
    toefl = np.clip(np.round(107 + 5.5 * ability + rng.normal(0, 2.5, n)), 92, 120).astype(int)
    rating = np.clip(np.round(3 + 1.0 * ability + rng.normal(0, 0.7, n)), 1, 5).astype(int)
    sop = np.clip(np.round((3.4 + 0.8 * ability + rng.normal(0, 0.6, n)) * 2) / 2, 1, 5)
    lor = np.clip(np.round((3.5 + 0.7 * ability + rng.normal(0, 0.6, n)) * 2) / 2, 1, 5)
    cgpa = np.clip(np.round(8.6 + 0.55 * ability + rng.normal(0, 0.2, n), 2), 6.8, 9.92)
    research = (rng.random(n) < 1 / (1 + np.exp(-(0.2 + 1.1 * ability)))).astype(int)
    chance = 0.72 + 0.11 * ability + 0.02 * research + rng.normal(0, 0.045, n)
    chance = np.clip(np.round(chance, 2), 0.34, 0.97)
    return pd.DataFrame(
        {
            "Serial No.": np.arange(1, n + 1),
            "GRE Score": gre,
            "TOEFL Score": toefl,
            "University Rating": rating,
            "SOP": sop,
            "LOR ": lor,
            "CGPA": cgpa,
            "Research": research,
            "Chance of Admit ": chance,
        }
    )


def marketing_campaign() -> pd.DataFrame:
    rng = _rng(2)
    n = 500
    education = rng.choice(
        ["Graduation", "PhD", "Master", "2n Cycle", "Basic"], n, p=[0.5, 0.22, 0.16, 0.09, 0.03]
    )
    marital = rng.choice(
        ["Married", "Together", "Single", "Divorced", "Widow"], n, p=[0.39, 0.26, 0.21, 0.1, 0.04]
    )
    year_birth = rng.integers(1945, 1997, n)
    edu_bonus = pd.Series(education).map(
        {"Basic": -22000, "2n Cycle": -6000, "Graduation": 0, "Master": 3000, "PhD": 6000}
    )
    income = np.round(52000 + edu_bonus.to_numpy() + 350 * (1975 - year_birth) * -0.2)
    income = np.clip(income + rng.normal(0, 19000, n), 4000, 160000).round(0)
    kidhome = rng.choice([0, 1, 2], n, p=[0.58, 0.4, 0.02])
    kidhome = np.where(
        income > 70000, np.minimum(kidhome, rng.choice([0, 1], n, p=[0.9, 0.1])), kidhome
    )
    teenhome = rng.choice([0, 1, 2], n, p=[0.52, 0.46, 0.02])
    wealth = np.exp((income - 52000) / 25000) / (1 + kidhome)
    wines = np.round(np.clip(rng.lognormal(np.log(180 * wealth + 5), 0.7), 0, 1500)).astype(int)
    fruits = np.round(np.clip(rng.lognormal(np.log(14 * wealth + 1), 0.9), 0, 200)).astype(int)
    meat = np.round(np.clip(rng.lognormal(np.log(90 * wealth + 4), 0.8), 1, 1700)).astype(int)
    sweets = np.round(np.clip(rng.lognormal(np.log(15 * wealth + 1), 0.9), 0, 260)).astype(int)
    web = np.clip(rng.poisson(2 + 2.2 * np.minimum(wealth, 3)), 0, 27)
    store = np.clip(rng.poisson(3 + 2.5 * np.minimum(wealth, 3)), 0, 13)
    visits = np.clip(rng.poisson(7 - 1.5 * np.minimum(wealth, 3)), 0, 20)
    recency = rng.integers(0, 100, n)
    response = (rng.random(n) < 0.08 + 0.12 * (recency < 30) + 0.05 * (marital == "Single")).astype(
        int
    )
    complain = (rng.random(n) < 0.012).astype(int)
    return pd.DataFrame(
        {
            "ID": rng.choice(np.arange(1000, 11200), n, replace=False),
            "Year_Birth": year_birth,
            "Education": education,
            "Marital_Status": marital,
            "Income": income.astype(int),
            "Kidhome": kidhome,
            "Teenhome": teenhome,
            "Recency": recency,
            "MntWines": wines,
            "MntFruits": fruits,
            "MntMeatProducts": meat,
            "MntSweetProducts": sweets,
            "NumWebPurchases": web,
            "NumStorePurchases": store,
            "NumWebVisitsMonth": visits,
            "Response": response,
            "Complain": complain,
        }
    )


def crop_yield_long() -> pd.DataFrame:
    rng = _rng(3)
    base = {  # hg/ha, roughly FAOSTAT-like magnitudes
        ("Nigeria", "Maize"): (16000, 2500),
        ("Nigeria", "Cassava"): (95000, 9000),
        ("Nigeria", "Rice, paddy"): (20000, 2500),
        ("Indonesia", "Maize"): (38000, 3000),
        ("Indonesia", "Cassava"): (190000, 12000),
        ("Indonesia", "Rice, paddy"): (47000, 2000),
        ("India", "Maize"): (24000, 2200),
        ("India", "Cassava"): (300000, 30000),
        ("India", "Rice, paddy"): (36000, 2500),
        ("Brazil", "Maize"): (42000, 7000),
        ("Brazil", "Cassava"): (145000, 6000),
        ("Brazil", "Rice, paddy"): (50000, 6500),
        ("Kenya", "Maize"): (17000, 3500),
        ("Kenya", "Cassava"): (90000, 25000),
        ("Kenya", "Rice, paddy"): (40000, 9000),
    }
    rows = []
    for (area, item), (level, sd) in base.items():
        trend = 0.012 * level
        for year in range(1995, 2021):
            value = level + trend * (year - 2007) + rng.normal(0, sd)
            rows.append(
                {
                    "Area": area,
                    "Item": item,
                    "Element": "Yield",
                    "Year": year,
                    "Unit": "hg/ha",
                    "Value": int(round(value)),
                }
            )
    return pd.DataFrame(rows)


def worldbank_wide() -> pd.DataFrame:
    rng = _rng(4)
    countries = [
        ("Argentina", "ARG", "Latin America & Caribbean"),
        ("Australia", "AUS", "East Asia & Pacific"),
        ("Austria", "AUT", "Europe & Central Asia"),
        ("Bangladesh", "BGD", "South Asia"),
        ("Belgium", "BEL", "Europe & Central Asia"),
        ("Bolivia", "BOL", "Latin America & Caribbean"),
        ("Brazil", "BRA", "Latin America & Caribbean"),
        ("Cambodia", "KHM", "East Asia & Pacific"),
        ("Canada", "CAN", "North America"),
        ("Chile", "CHL", "Latin America & Caribbean"),
        ("China", "CHN", "East Asia & Pacific"),
        ("Colombia", "COL", "Latin America & Caribbean"),
        ("Cote d'Ivoire", "CIV", "Sub-Saharan Africa"),
        ("Denmark", "DNK", "Europe & Central Asia"),
        ("Egypt, Arab Rep.", "EGY", "Middle East & North Africa"),
        ("Ethiopia", "ETH", "Sub-Saharan Africa"),
        ("Finland", "FIN", "Europe & Central Asia"),
        ("France", "FRA", "Europe & Central Asia"),
        ("Germany", "DEU", "Europe & Central Asia"),
        ("Ghana", "GHA", "Sub-Saharan Africa"),
        ("Greece", "GRC", "Europe & Central Asia"),
        ("India", "IND", "South Asia"),
        ("Indonesia", "IDN", "East Asia & Pacific"),
        ("Iran, Islamic Rep.", "IRN", "Middle East & North Africa"),
        ("Ireland", "IRL", "Europe & Central Asia"),
        ("Italy", "ITA", "Europe & Central Asia"),
        ("Japan", "JPN", "East Asia & Pacific"),
        ("Jordan", "JOR", "Middle East & North Africa"),
        ("Kenya", "KEN", "Sub-Saharan Africa"),
        ("Korea, Rep.", "KOR", "East Asia & Pacific"),
        ("Malaysia", "MYS", "East Asia & Pacific"),
        ("Mexico", "MEX", "Latin America & Caribbean"),
        ("Morocco", "MAR", "Middle East & North Africa"),
        ("Nepal", "NPL", "South Asia"),
        ("Netherlands", "NLD", "Europe & Central Asia"),
        ("New Zealand", "NZL", "East Asia & Pacific"),
        ("Nigeria", "NGA", "Sub-Saharan Africa"),
        ("Norway", "NOR", "Europe & Central Asia"),
        ("Pakistan", "PAK", "South Asia"),
        ("Peru", "PER", "Latin America & Caribbean"),
        ("Philippines", "PHL", "East Asia & Pacific"),
        ("Poland", "POL", "Europe & Central Asia"),
        ("Portugal", "PRT", "Europe & Central Asia"),
        ("Rwanda", "RWA", "Sub-Saharan Africa"),
        ("Saudi Arabia", "SAU", "Middle East & North Africa"),
        ("Senegal", "SEN", "Sub-Saharan Africa"),
        ("South Africa", "ZAF", "Sub-Saharan Africa"),
        ("Spain", "ESP", "Europe & Central Asia"),
        ("Sri Lanka", "LKA", "South Asia"),
        ("Sweden", "SWE", "Europe & Central Asia"),
        ("Switzerland", "CHE", "Europe & Central Asia"),
        ("Tanzania", "TZA", "Sub-Saharan Africa"),
        ("Thailand", "THA", "East Asia & Pacific"),
        ("Tunisia", "TUN", "Middle East & North Africa"),
        ("Turkiye", "TUR", "Europe & Central Asia"),
        ("Uganda", "UGA", "Sub-Saharan Africa"),
        ("United Kingdom", "GBR", "Europe & Central Asia"),
        ("United States", "USA", "North America"),
        ("Vietnam", "VNM", "East Asia & Pacific"),
        ("Zambia", "ZMB", "Sub-Saharan Africa"),
    ]
    trend = {
        "Sub-Saharan Africa": 4.2,
        "South Asia": 5.5,
        "East Asia & Pacific": 4.0,
        "Europe & Central Asia": 1.9,
        "Latin America & Caribbean": 1.8,
        "Middle East & North Africa": 3.0,
        "North America": 2.2,
    }
    covid = {  # 2020 shock by region
        "Sub-Saharan Africa": -4.5,
        "South Asia": -9.0,
        "East Asia & Pacific": -5.0,
        "Europe & Central Asia": -7.5,
        "Latin America & Caribbean": -8.5,
        "Middle East & North Africa": -6.0,
        "North America": -5.0,
    }
    rows = []
    for name, code, region in countries:
        own = trend[region] + rng.normal(0, 1.2)
        row = {"Country Name": name, "Country Code": code, "Region": region}
        for year in range(2015, 2021):
            g = own + rng.normal(0, 1.1)
            if year == 2020:
                g = own + covid[region] + rng.normal(0, 2.5)
            row[f"F{year}"] = round(float(g), 2)
        rows.append(row)
    df = pd.DataFrame(rows)
    df.loc[df["Country Code"] == "CHN", "F2020"] = 2.24  # the one big economy that grew
    return df


def insurance() -> pd.DataFrame:
    rng = _rng(5)
    n = 500
    age = rng.integers(18, 65, n)
    sex = rng.choice(["female", "male"], n)
    bmi = np.round(rng.normal(30.6, 6.0, n).clip(16, 53), 2)
    children = rng.choice([0, 1, 2, 3, 4, 5], n, p=[0.43, 0.24, 0.18, 0.11, 0.025, 0.015])
    smoker = rng.choice(["yes", "no"], n, p=[0.2, 0.8])
    smoker = np.where((sex == "male") & (rng.random(n) < 0.06), "yes", smoker)
    region = rng.choice(["southeast", "southwest", "northwest", "northeast"], n)
    charges = 250 * age + 2400 * (bmi > 30) * (smoker == "yes") * 8 + 23000 * (smoker == "yes")
    charges = charges + 480 * children - 2000 + rng.gamma(2.0, 1800, n)
    charges = np.round(np.clip(charges, 1121.87, 63770.43), 4)
    return pd.DataFrame(
        {
            "age": age,
            "sex": sex,
            "bmi": bmi,
            "children": children,
            "smoker": smoker,
            "region": region,
            "charges": charges,
        }
    )


def factory_quality() -> pd.DataFrame:
    rng = _rng(6)
    n = 360
    line = np.repeat(["L1", "L2", "L3"], n // 3)
    shift = np.tile(np.repeat(["Day", "Night", "Swing"], 4), n // 12)
    supplier = rng.choice(["Acme Steel", "Borealis", "Castell GmbH"], n, p=[0.45, 0.35, 0.2])
    operator = rng.choice(["OP-07", "OP-12", "OP-15", "OP-21", "OP-33"], n)
    temp = np.round(rng.normal(182.0, 3.0, n) + np.where(shift == "Night", -1.2, 0), 1)
    pressure = np.round(6.2 + 0.045 * (temp - 182) + rng.normal(0, 0.12, n), 2)
    line_sd = pd.Series(line).map({"L1": 0.011, "L2": 0.012, "L3": 0.021}).to_numpy()
    diameter = np.round(25.000 + 0.004 * (temp - 182) + rng.normal(0, 1, n) * line_sd, 3)
    weight = np.round(148.5 + 120 * (diameter - 25) + rng.normal(0, 0.6, n), 2)
    hardness = np.round(58 - 0.35 * (temp - 182) + rng.normal(0, 1.1, n), 1)
    base_rate = 0.8 + 1.4 * (supplier == "Castell GmbH") + 0.6 * (shift == "Night")
    defects = rng.poisson(base_rate)
    out_of_tol = np.abs(diameter - 25.0) > 0.03
    result = np.where(out_of_tol | (defects >= 4), "Fail", "Pass")
    start = pd.Timestamp("2024-03-04")
    dates = [(start + pd.Timedelta(days=int(i // 12))).date().isoformat() for i in range(n)]
    return pd.DataFrame(
        {
            "batch_id": [f"B{24000 + i}" for i in range(n)],
            "prod_date": dates,
            "line": line,
            "shift": shift,
            "supplier": supplier,
            "operator": operator,
            "oven_temp_C": temp,
            "pressure_bar": pressure,
            "Diameter (mm)": diameter,
            "Weight (g)": weight,
            "hardness_HRC": hardness,
            "defects": defects,
            "inspection_result": result,
        }
    )


def hr_attrition() -> pd.DataFrame:
    rng = _rng(7)
    n = 450
    dept = rng.choice(
        ["Research & Development", "Sales", "Human Resources"], n, p=[0.64, 0.3, 0.06]
    )
    gender = rng.choice(["Male", "Female"], n, p=[0.6, 0.4])
    age = np.clip(np.round(rng.normal(37, 9, n)), 18, 60).astype(int)
    years = np.clip(np.round(rng.gamma(1.8, 3.8, n)), 0, age - 18).astype(int)
    level = np.clip(1 + (age - 18) // 9 + rng.integers(-1, 2, n), 1, 5)
    income = np.round(1800 + 2100 * level + 60 * years + rng.normal(0, 900, n)).clip(1009)
    overtime = rng.choice(["Yes", "No"], n, p=[0.28, 0.72])
    satisfaction = rng.choice([1, 2, 3, 4], n, p=[0.2, 0.19, 0.3, 0.31])
    distance = np.clip(np.round(rng.exponential(8.5, n)) + 1, 1, 29).astype(int)
    logit = -2.4 + 1.3 * (overtime == "Yes") - 0.35 * (satisfaction - 2.5) + 0.5 * (dept == "Sales")
    logit = logit - 0.00012 * (income - 6000) + 0.02 * (distance - 9)
    attrition = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "Yes", "No")
    return pd.DataFrame(
        {
            "EmployeeNumber": np.arange(1, n + 1) * 2 + 1,
            "Age": age,
            "Attrition": attrition,
            "Department": dept,
            "DistanceFromHome": distance,
            "Gender": gender,
            "JobLevel": level,
            "JobSatisfaction": satisfaction,
            "MonthlyIncome": income.astype(int),
            "OverTime": overtime,
            "YearsAtCompany": years,
        }
    )


def house_prices() -> pd.DataFrame:
    rng = _rng(8)
    n = 400
    hood = rng.choice(
        ["NAmes", "CollgCr", "OldTown", "Edwards", "Somerst", "NridgHt", "Gilbert"],
        n,
        p=[0.22, 0.18, 0.14, 0.12, 0.12, 0.11, 0.11],
    )
    premium = pd.Series(hood).map(
        {
            "NAmes": 0.0,
            "CollgCr": 0.12,
            "OldTown": -0.18,
            "Edwards": -0.15,
            "Somerst": 0.2,
            "NridgHt": 0.45,
            "Gilbert": 0.1,
        }
    )
    year_built = np.clip(
        np.where(hood == "OldTown", rng.integers(1880, 1960, n), rng.integers(1950, 2010, n)),
        1872,
        2010,
    )
    qual = np.clip(
        np.round(4 + (year_built - 1950) / 25 + 2 * premium + rng.normal(0, 1, n)), 1, 10
    )
    liv = np.round(np.exp(rng.normal(7.27, 0.3, n)) + 60 * (qual - 6)).clip(520, 4200).astype(int)
    lot = np.round(np.exp(rng.normal(9.1, 0.42, n))).astype(int)
    beds = np.clip(np.round(liv / 520 + rng.normal(0, 0.6, n)), 1, 6).astype(int)
    log_price = 12.05 + 0.55 * np.log(liv / 1500) + 0.09 * (qual - 6) + premium.to_numpy()
    log_price = log_price + 0.08 * np.log(lot / 9000) + rng.normal(0, 0.12, n)
    air = np.where((year_built < 1940) & (rng.random(n) < 0.45), "N", "Y")
    air = np.where(rng.random(n) < 0.03, "N", air)
    return pd.DataFrame(
        {
            "Id": np.arange(1, n + 1),
            "MSZoning": rng.choice(["RL", "RM", "FV", "RH"], n, p=[0.78, 0.15, 0.05, 0.02]),
            "LotArea": lot,
            "Neighborhood": hood,
            "OverallQual": qual.astype(int),
            "YearBuilt": year_built,
            "CentralAir": air,
            "GrLivArea": liv,
            "BedroomAbvGr": beds,
            "GarageCars": np.clip(np.round(qual / 3 + rng.normal(0, 0.6, n)), 0, 4).astype(int),
            "SalePrice": (np.round(np.exp(log_price) / 100) * 100).astype(int),
        }
    )


def server_requests() -> pd.DataFrame:
    rng = _rng(9)
    n = 480
    dc = rng.choice(["eu-west-1", "us-east-1", "ap-south-1"], n, p=[0.4, 0.4, 0.2])
    mu = pd.Series(dc).map({"eu-west-1": 4.3, "us-east-1": 4.1, "ap-south-1": 4.7}).to_numpy()
    sigma = pd.Series(dc).map({"eu-west-1": 0.35, "us-east-1": 0.35, "ap-south-1": 0.55})
    latency = np.round(rng.lognormal(mu, sigma.to_numpy()), 1)
    gap = np.round(rng.exponential(2.5, n), 3)
    payload = np.round(rng.gamma(3.0, 12.0, n), 1)
    cpu = np.round(np.clip(35 + 0.08 * latency + 0.25 * payload + rng.normal(0, 8, n), 3, 99), 1)
    status = np.where(latency > 220, "Timeout", np.where(rng.random(n) < 0.03, "Error", "OK"))
    return pd.DataFrame(
        {
            "request_id": [f"r-{700000 + 37 * i}" for i in range(n)],
            "datacenter": dc,
            "method": rng.choice(["GET", "POST"], n, p=[0.7, 0.3]),
            "latency_ms": latency,
            "inter_arrival_s": gap,
            "payload_kb": payload,
            "cpu_util_pct": cpu,
            "status": status,
        }
    )


def bearing_life() -> pd.DataFrame:
    rng = _rng(10)
    n = 120
    material = np.repeat(["52100 steel", "M50 steel", "Si3N4 hybrid"], n // 3)
    scale = pd.Series(material).map({"52100 steel": 1900, "M50 steel": 2400, "Si3N4 hybrid": 3100})
    load = rng.choice([8.0, 10.0, 12.5], n)
    life = scale.to_numpy() * (10 / load) ** 1.5 * rng.weibull(1.8, n)
    return pd.DataFrame(
        {
            "unit": [f"BRG-{i:03d}" for i in range(1, n + 1)],
            "Material": material,
            "Load (kN)": load,
            "Lifetime (hours)": np.round(life, 1),
            "vibration_rms_g": np.round(rng.gamma(4.0, 0.05, n) + 0.02 * load, 3),
        }
    )


def trial_outcomes() -> pd.DataFrame:
    rng = _rng(11)
    rows = []
    sites = {"Site A - Lyon": 90, "Site B - Porto": 80, "Site C - Graz": 70, "Site D - Turku": 60}
    pid = 1001
    for site, size in sites.items():
        base = {"Site A - Lyon": 0.35, "Site B - Porto": 0.45, "Site C - Graz": 0.3}.get(site, 0.5)
        for _ in range(size):
            arm = rng.choice(["Placebo", "Drug 10mg"])
            sex = rng.choice(["F", "M"])
            p = base + (0.18 if arm == "Drug 10mg" else 0.0)
            rows.append(
                {
                    "patient_id": pid,
                    "site": site,
                    "arm": arm,
                    "sex": sex,
                    "age_group": rng.choice(["18-39", "40-59", "60+"], p=[0.3, 0.45, 0.25]),
                    "baseline_score": int(np.clip(np.round(rng.normal(24, 5)), 8, 40)),
                    "outcome": "Improved" if rng.random() < p else "Not improved",
                    "adverse_event": "Yes"
                    if rng.random() < (0.06 if arm == "Placebo" else 0.12)
                    else "No",
                }
            )
            pid += 1
    df = pd.DataFrame(rows)
    df["week12_score"] = np.round(
        df["baseline_score"]
        - np.where(df["outcome"] == "Improved", 7, 2)
        + rng.normal(0, 2.5, len(df))
    ).astype(int)
    return df


# --- engineering tables for the scope set -------------------------------------------------


def eng_fill_weights() -> pd.DataFrame:
    rng = _rng(20)
    return pd.DataFrame(
        {
            "sample": np.arange(1, 31),
            "line1": np.round(rng.normal(500.4, 1.1, 30), 1),
            "line2": np.round(rng.normal(501.2, 1.4, 30), 1),
        }
    )


def eng_paired_torque() -> pd.DataFrame:
    rng = _rng(21)
    before = rng.normal(42.0, 1.5, 16)
    after = before - 0.6 + rng.normal(0, 0.5, 16)
    return pd.DataFrame(
        {
            "bolt": [f"J{i:02d}" for i in range(1, 17)],
            "torque_before_Nm": np.round(before, 2),
            "torque_after_Nm": np.round(after, 2),
        }
    )


def eng_shift_weights() -> pd.DataFrame:
    rng = _rng(22)
    means = {"A": 250.3, "B": 250.1, "C": 251.0}
    rows = [
        {"shift": s, "weight_g": round(float(rng.normal(m, 0.8)), 2)}
        for s, m in means.items()
        for _ in range(12)
    ]
    return pd.DataFrame(rows)


def eng_subgroups() -> pd.DataFrame:
    rng = _rng(23)
    rows = []
    for k in range(1, 26):
        shift = 0.09 if k in (19, 20) else 0.0
        xs = np.round(rng.normal(10.02 + shift, 0.12, 5), 3)
        rows.append({"subgroup": k, **{f"x{j}": xs[j - 1] for j in range(1, 6)}})
    return pd.DataFrame(rows)


def eng_gage_rr() -> pd.DataFrame:
    rng = _rng(24)
    parts = rng.normal(0, 0.5, 10)
    ops = {"Anna": 0.0, "Ben": 0.06, "Chen": -0.04}
    rows = []
    for p in range(10):
        for op, bias in ops.items():
            for trial in (1, 2):
                y = 12.0 + parts[p] + bias + rng.normal(0, 0.05)
                rows.append(
                    {"part": p + 1, "operator": op, "trial": trial, "measurement": round(y, 3)}
                )
    return pd.DataFrame(rows)


def eng_doe_2k3() -> pd.DataFrame:
    rng = _rng(25)
    rows = []
    run = 1
    for rep in (1, 2):
        for c in (-1, 1):
            for b in (-1, 1):
                for a in (-1, 1):
                    y = 62 + 4.5 * a + 2.0 * b - 0.4 * c + 1.5 * a * b + rng.normal(0, 1.0)
                    rows.append(
                        {
                            "run": run,
                            "temperature": a,
                            "pressure": b,
                            "catalyst": c,
                            "replicate": rep,
                            "yield_pct": round(float(y), 1),
                        }
                    )
                    run += 1
    return pd.DataFrame(rows)


def eng_cure_hardness() -> pd.DataFrame:
    rng = _rng(26)
    temp = np.repeat([140, 150, 160, 170, 180, 190], 4).astype(float)
    hardness = 31 + 0.21 * (temp - 140) + rng.normal(0, 0.9, temp.size)
    return pd.DataFrame({"cure_temp_C": temp.astype(int), "hardness_shoreD": np.round(hardness, 1)})


TABLES = {
    "grad_admissions.csv": grad_admissions,
    "marketing_campaign.csv": marketing_campaign,
    "crop_yield_long.csv": crop_yield_long,
    "gdp_growth_wide.csv": worldbank_wide,
    "insurance.csv": insurance,
    "factory_quality.csv": factory_quality,
    "hr_attrition.csv": hr_attrition,
    "house_prices.csv": house_prices,
    "server_requests.csv": server_requests,
    "bearing_life.csv": bearing_life,
    "trial_outcomes.csv": trial_outcomes,
    "eng_fill_weights.csv": eng_fill_weights,
    "eng_paired_torque.csv": eng_paired_torque,
    "eng_shift_weights.csv": eng_shift_weights,
    "eng_subgroups.csv": eng_subgroups,
    "eng_gage_rr.csv": eng_gage_rr,
    "eng_doe_2k3.csv": eng_doe_2k3,
    "eng_cure_hardness.csv": eng_cure_hardness,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in TABLES.items():
        df = build()
        df.to_csv(OUT / name, index=False, encoding="utf-8")
        print(f"{name}: {len(df)} rows x {df.shape[1]} columns")


if __name__ == "__main__":
    main()
