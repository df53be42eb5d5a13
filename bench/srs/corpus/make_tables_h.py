"""Build the corpus-h tables deterministically (every file ends in ``_h.csv``).

All twelve tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download from Kaggle or open-data portals (student exam
scores, heart-disease screening, insurance charges, HR attrition, wine quality, used cars, World
Bank style wide indicators, a marketing-campaign customer table, app-store ratings, bike sharing
per day, FAO-style crop production in long format, telecom churn), header mess included: spaces,
trailing spaces, slashes, CamelCase, snake_case, units, codes and year-coded columns. Values come
from distributions plausible for each quantity, with the relationships real data show (scores
rise with test preparation, charges with smoking, churn with month-to-month contracts ...).

Run:  uv run python bench/srs/corpus/make_tables_h.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 8800


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _clip_round(x: np.ndarray, lo: float, hi: float, nd: int = 0) -> np.ndarray:
    x = np.clip(x, lo, hi)
    return np.round(x, nd) if nd else np.round(x).astype(int)


def student_performance() -> pd.DataFrame:
    """Exam scores of 400 students (Kaggle 'StudentsPerformance' layout)."""
    r = _rng(1)
    n = 400
    gender = r.choice(["female", "male"], n)
    race = r.choice(["group A", "group B", "group C", "group D", "group E"], n,
                    p=[0.09, 0.19, 0.32, 0.26, 0.14])  # fmt: skip
    edu = r.choice(
        ["some high school", "high school", "some college", "associate's degree",
         "bachelor's degree", "master's degree"], n, p=[0.18, 0.2, 0.22, 0.22, 0.12, 0.06],
    )  # fmt: skip
    lunch = r.choice(["standard", "free/reduced"], n, p=[0.65, 0.35])
    prep = r.choice(["none", "completed"], n, p=[0.64, 0.36])
    ability = r.normal(0, 1, n)
    base = 66 + 9 * ability - 9 * (lunch == "free/reduced") + 5 * (prep == "completed")
    math = base + 4 * (gender == "male") + r.normal(0, 6, n)
    reading = base - 3 * (gender == "male") + 3 + r.normal(0, 5, n)
    writing = reading - 1 + 3 * (prep == "completed") + r.normal(0, 3.5, n)
    return pd.DataFrame({
        "gender": gender, "race/ethnicity": race, "parental level of education": edu,
        "lunch": lunch, "test preparation course": prep,
        "math score": _clip_round(math, 0, 100), "reading score": _clip_round(reading, 0, 100),
        "writing score": _clip_round(writing, 0, 100),
    })  # fmt: skip


def heart_screening() -> pd.DataFrame:
    """Heart-disease screening of 300 patients (Kaggle 'heart failure prediction' layout)."""
    r = _rng(2)
    n = 300
    age = _clip_round(r.normal(54, 9, n), 29, 77)
    sex = r.choice(["M", "F"], n, p=[0.7, 0.3])
    cp = r.choice(["ASY", "NAP", "ATA", "TA"], n, p=[0.5, 0.22, 0.2, 0.08])
    bp = _clip_round(r.normal(100 + 0.6 * age, 16), 90, 200)
    chol = _clip_round(r.normal(200 + 0.8 * age, 45), 110, 560)
    fbs = (r.random(n) < 0.22).astype(int)
    maxhr = _clip_round(r.normal(215 - 1.1 * age, 18), 70, 202)
    logit = -4.2 + 0.05 * age + 1.1 * (sex == "M") + 1.6 * (cp == "ASY") - 0.02 * (maxhr - 140)
    disease = (r.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    angina = np.where(r.random(n) < 0.15 + 0.45 * disease, "Y", "N")
    oldpeak = np.round(np.clip(r.gamma(1.2, 0.6 + 0.7 * disease), 0, 6.2), 1)
    slope = np.where(disease == 1, r.choice(["Flat", "Up", "Down"], n, p=[0.7, 0.2, 0.1]),
                     r.choice(["Flat", "Up", "Down"], n, p=[0.25, 0.7, 0.05]))  # fmt: skip
    return pd.DataFrame({
        "Age": age, "Sex": sex, "ChestPainType": cp, "RestingBP": bp, "Cholesterol": chol,
        "FastingBS": fbs, "MaxHR": maxhr, "ExerciseAngina": angina, "Oldpeak": oldpeak,
        "ST_Slope": slope, "HeartDisease": disease,
    })  # fmt: skip


def insurance_charges() -> pd.DataFrame:
    """Medical insurance charges of 480 policy holders, with unit-laden headers."""
    r = _rng(3)
    n = 480
    age = r.integers(18, 65, n)
    sex = r.choice(["female", "male"], n)
    bmi = np.round(np.clip(r.normal(30.5, 6, n), 16, 53), 2)
    kids = r.choice([0, 1, 2, 3, 4, 5], n, p=[0.43, 0.24, 0.18, 0.11, 0.02, 0.02])
    smoker = r.choice(["yes", "no"], n, p=[0.2, 0.8])
    region = r.choice(["northeast", "northwest", "southeast", "southwest"], n)
    charges = 260 * age + 400 * kids + r.gamma(2, 1500, n)
    charges += (smoker == "yes") * (15000 + 1400 * np.clip(bmi - 30, 0, None))
    return pd.DataFrame({
        "Age": age, "Sex": sex, "BMI (kg/m2)": bmi, "No. of Children": kids, "Smoker": smoker,
        "Region": region, "Annual Charges (USD) ": np.round(charges, 2),
    })  # fmt: skip


def hr_attrition() -> pd.DataFrame:
    """HR employee attrition for 450 employees (IBM-style CamelCase headers)."""
    r = _rng(4)
    n = 450
    age = _clip_round(r.normal(37, 9, n), 18, 60)
    dept = r.choice(["Research & Development", "Sales", "Human Resources"], n, p=[0.64, 0.3, 0.06])
    travel = r.choice(["Non-Travel", "Travel_Rarely", "Travel_Frequently"], n, p=[0.1, 0.71, 0.19])
    gender = r.choice(["Male", "Female"], n, p=[0.6, 0.4])
    marital = r.choice(["Single", "Married", "Divorced"], n, p=[0.32, 0.46, 0.22])
    total_years = np.clip(np.round(age - 20 - r.gamma(2, 1.5, n)), 0, 40).astype(int)
    years_co = np.minimum(total_years, np.round(r.weibull(1.3, n) * 7)).astype(int)
    level = np.clip(1 + total_years // 7 + r.integers(0, 2, n), 1, 5)
    income = np.round(np.exp(r.normal(7.6 + 0.38 * level, 0.22))).astype(int)
    sat = r.choice([1, 2, 3, 4], n, p=[0.2, 0.19, 0.3, 0.31])
    overtime = r.choice(["Yes", "No"], n, p=[0.28, 0.72])
    distance = np.clip(np.round(r.exponential(8, n)) + 1, 1, 29).astype(int)
    logit = -2.3 + 1.3 * (overtime == "Yes") - 0.35 * (sat - 2.5) + 0.8 * (marital == "Single")
    logit += -0.04 * (age - 37) - 0.0001 * (income - 6000)
    attr = np.where(r.random(n) < 1 / (1 + np.exp(-logit)), "Yes", "No")
    return pd.DataFrame({
        "EmployeeNumber": np.arange(1001, 1001 + n), "Age": age, "Attrition": attr,
        "BusinessTravel": travel, "Department": dept, "DistanceFromHome": distance,
        "Gender": gender, "JobLevel": level, "JobSatisfaction": sat, "MaritalStatus": marital,
        "MonthlyIncome": income, "OverTime": overtime, "TotalWorkingYears": total_years,
        "YearsAtCompany": years_co,
    })  # fmt: skip


def wine_quality() -> pd.DataFrame:
    """Red and white wine physico-chemistry with a 3-9 quality score (UCI-style headers)."""
    r = _rng(5)
    n = 500
    kind = r.choice(["red", "white"], n, p=[0.4, 0.6])
    red = kind == "red"
    fixed = np.round(np.where(red, r.normal(8.3, 1.7, n), r.normal(6.9, 0.85, n)), 1)
    volatile = np.round(np.clip(np.where(red, r.normal(0.53, 0.18, n), r.normal(0.28, 0.1, n)),
                                0.08, 1.6), 3)  # fmt: skip
    citric = np.round(np.clip(0.08 * (fixed - 6) + r.normal(0.2, 0.12, n), 0, 1), 2)
    sugar = np.round(np.where(red, r.lognormal(0.8, 0.35, n), r.lognormal(1.5, 0.75, n)), 1)
    chlorides = np.round(np.where(red, r.lognormal(-2.5, 0.3, n), r.lognormal(-3.2, 0.3, n)), 3)
    free_so2 = np.round(np.where(red, r.gamma(2.5, 6, n), r.gamma(4, 9, n)))
    alcohol = np.round(np.clip(r.normal(10.5, 1.15, n) - 0.04 * (sugar - 3), 8, 14.5), 1)
    density = np.round(0.9978 + 0.0004 * (sugar - 3) - 0.0009 * (alcohol - 10.5)
                       + r.normal(0, 0.0006, n), 5)  # fmt: skip
    ph = np.round(np.clip(3.55 - 0.06 * fixed + r.normal(0, 0.12, n), 2.8, 4.0), 2)
    sulph = np.round(np.where(red, r.normal(0.66, 0.15, n), r.normal(0.49, 0.11, n)), 2)
    q = 5.6 + 0.45 * (alcohol - 10.5) - 1.2 * (volatile - 0.35) + r.normal(0, 0.65, n)
    return pd.DataFrame({
        "type": kind, "fixed acidity": fixed, "volatile acidity": volatile, "citric acid": citric,
        "residual sugar": sugar, "chlorides": chlorides, "free sulfur dioxide": free_so2,
        "density": density, "pH": ph, "sulphates": sulph, "alcohol": alcohol,
        "quality": _clip_round(q, 3, 9),
    })  # fmt: skip


def used_cars() -> pd.DataFrame:
    """Used-car listings (CarDekho-style), prices in rupees."""
    r = _rng(6)
    n = 450
    makes = ["Maruti Swift", "Hyundai i20", "Honda City", "Toyota Innova", "Mahindra XUV500",
             "Tata Nexon", "Ford EcoSport", "Renault Kwid"]  # fmt: skip
    base = dict(zip(makes, [6.0, 7.5, 10.5, 16.0, 14.0, 8.5, 9.0, 4.0], strict=True))
    name = r.choice(makes, n)
    year = r.integers(2005, 2021, n)
    age = 2021 - year
    fuel = r.choice(["Petrol", "Diesel", "CNG", "LPG"], n, p=[0.5, 0.45, 0.035, 0.015])
    km = np.round(np.clip(r.gamma(3, 5200 + 3300 * age * 0.6, n) * (1 + 0.3 * (fuel == "Diesel")),
                          1000, 500000), -2).astype(int)  # fmt: skip
    trans = r.choice(["Manual", "Automatic"], n, p=[0.85, 0.15])
    seller = r.choice(["Individual", "Dealer", "Trustmark Dealer"], n, p=[0.75, 0.22, 0.03])
    owner = r.choice(["First Owner", "Second Owner", "Third Owner", "Fourth & Above Owner"], n,
                     p=[0.62, 0.26, 0.09, 0.03])  # fmt: skip
    lakh = np.array([base[m] for m in name]) * 0.87**age * (1 + 0.35 * (trans == "Automatic"))
    lakh *= np.exp(r.normal(0, 0.18, n) - 0.0000012 * km)
    mileage = np.round(np.clip(r.normal(20, 3.5, n) - 0.25 * (np.array([base[m] for m in name])
                                                               - 8), 9, 28), 2)  # fmt: skip
    engine = np.array([base[m] for m in name]) * 95 + 700 + r.integers(-50, 50, n)
    return pd.DataFrame({
        "name": name, "year": year, "selling_price": np.round(lakh * 1e5, -3).astype(int),
        "km_driven": km, "fuel": fuel, "seller_type": seller, "transmission": trans,
        "owner": owner, "mileage (kmpl)": mileage, "engine (CC)": engine.astype(int),
    })  # fmt: skip


COUNTRIES = [
    ("Argentina", "ARG", "Latin America & Caribbean", "Upper middle income"),
    ("Australia", "AUS", "East Asia & Pacific", "High income"),
    ("Bangladesh", "BGD", "South Asia", "Lower middle income"),
    ("Bolivia", "BOL", "Latin America & Caribbean", "Lower middle income"),
    ("Brazil", "BRA", "Latin America & Caribbean", "Upper middle income"),
    ("Cambodia", "KHM", "East Asia & Pacific", "Lower middle income"),
    ("Canada", "CAN", "North America", "High income"),
    ("Chad", "TCD", "Sub-Saharan Africa", "Low income"),
    ("Chile", "CHL", "Latin America & Caribbean", "High income"),
    ("Colombia", "COL", "Latin America & Caribbean", "Upper middle income"),
    ("Denmark", "DNK", "Europe & Central Asia", "High income"),
    ("Egypt, Arab Rep.", "EGY", "Middle East & North Africa", "Lower middle income"),
    ("Ethiopia", "ETH", "Sub-Saharan Africa", "Low income"),
    ("Finland", "FIN", "Europe & Central Asia", "High income"),
    ("France", "FRA", "Europe & Central Asia", "High income"),
    ("Germany", "DEU", "Europe & Central Asia", "High income"),
    ("Ghana", "GHA", "Sub-Saharan Africa", "Lower middle income"),
    ("Greece", "GRC", "Europe & Central Asia", "High income"),
    ("India", "IND", "South Asia", "Lower middle income"),
    ("Indonesia", "IDN", "East Asia & Pacific", "Lower middle income"),
    ("Iran, Islamic Rep.", "IRN", "Middle East & North Africa", "Lower middle income"),
    ("Italy", "ITA", "Europe & Central Asia", "High income"),
    ("Japan", "JPN", "East Asia & Pacific", "High income"),
    ("Jordan", "JOR", "Middle East & North Africa", "Upper middle income"),
    ("Kenya", "KEN", "Sub-Saharan Africa", "Lower middle income"),
    ("Korea, Rep.", "KOR", "East Asia & Pacific", "High income"),
    ("Madagascar", "MDG", "Sub-Saharan Africa", "Low income"),
    ("Malawi", "MWI", "Sub-Saharan Africa", "Low income"),
    ("Malaysia", "MYS", "East Asia & Pacific", "Upper middle income"),
    ("Mexico", "MEX", "Latin America & Caribbean", "Upper middle income"),
    ("Morocco", "MAR", "Middle East & North Africa", "Lower middle income"),
    ("Mozambique", "MOZ", "Sub-Saharan Africa", "Low income"),
    ("Nepal", "NPL", "South Asia", "Lower middle income"),
    ("Netherlands", "NLD", "Europe & Central Asia", "High income"),
    ("Niger", "NER", "Sub-Saharan Africa", "Low income"),
    ("Nigeria", "NGA", "Sub-Saharan Africa", "Lower middle income"),
    ("Norway", "NOR", "Europe & Central Asia", "High income"),
    ("Pakistan", "PAK", "South Asia", "Lower middle income"),
    ("Peru", "PER", "Latin America & Caribbean", "Upper middle income"),
    ("Philippines", "PHL", "East Asia & Pacific", "Lower middle income"),
    ("Poland", "POL", "Europe & Central Asia", "High income"),
    ("Portugal", "PRT", "Europe & Central Asia", "High income"),
    ("Romania", "ROU", "Europe & Central Asia", "Upper middle income"),
    ("Rwanda", "RWA", "Sub-Saharan Africa", "Low income"),
    ("Senegal", "SEN", "Sub-Saharan Africa", "Lower middle income"),
    ("South Africa", "ZAF", "Sub-Saharan Africa", "Upper middle income"),
    ("Spain", "ESP", "Europe & Central Asia", "High income"),
    ("Sri Lanka", "LKA", "South Asia", "Lower middle income"),
    ("Sweden", "SWE", "Europe & Central Asia", "High income"),
    ("Tanzania", "TZA", "Sub-Saharan Africa", "Lower middle income"),
    ("Thailand", "THA", "East Asia & Pacific", "Upper middle income"),
    ("Tunisia", "TUN", "Middle East & North Africa", "Lower middle income"),
    ("Turkiye", "TUR", "Europe & Central Asia", "Upper middle income"),
    ("Uganda", "UGA", "Sub-Saharan Africa", "Low income"),
    ("United Kingdom", "GBR", "Europe & Central Asia", "High income"),
    ("United States", "USA", "North America", "High income"),
    ("Uruguay", "URY", "Latin America & Caribbean", "High income"),
    ("Viet Nam", "VNM", "East Asia & Pacific", "Lower middle income"),
    ("Zambia", "ZMB", "Sub-Saharan Africa", "Lower middle income"),
    ("Zimbabwe", "ZWE", "Sub-Saharan Africa", "Lower middle income"),
]


def world_life_expectancy() -> pd.DataFrame:
    """World Bank DataBank export: life expectancy at birth, wide, '2010 [YR2010]' columns."""
    r = _rng(7)
    level = {"High income": 80.5, "Upper middle income": 74.5, "Lower middle income": 68.5,
             "Low income": 61.0}  # fmt: skip
    rows = []
    for name, code, region, income in COUNTRIES:
        start = level[income] + r.normal(0, 2.2)
        gain = 0.12 + 0.25 * (income == "Low income") + r.normal(0, 0.05)
        row = {"Country Name": name, "Country Code": code, "Region": region,
               "Income Group": income,
               "Series Name": "Life expectancy at birth, total (years)"}  # fmt: skip
        for i, yr in enumerate(range(2010, 2021)):
            v = start + gain * i + r.normal(0, 0.15)
            if yr == 2020:
                v -= abs(r.normal(0.6, 0.7))
            row[f"{yr} [YR{yr}]"] = round(v, 2)
        rows.append(row)
    return pd.DataFrame(rows)


def marketing_customers() -> pd.DataFrame:
    """Marketing campaign customer table (iFood-style headers), 480 customers."""
    r = _rng(8)
    n = 480
    birth = _clip_round(r.normal(1969, 12, n), 1940, 1996)
    edu = r.choice(["Graduation", "PhD", "Master", "2n Cycle", "Basic"], n,
                   p=[0.5, 0.22, 0.16, 0.09, 0.03])  # fmt: skip
    marital = r.choice(["Married", "Together", "Single", "Divorced", "Widow"], n,
                       p=[0.39, 0.26, 0.21, 0.1, 0.04])  # fmt: skip
    income = np.round(np.clip(r.normal(52000, 20000, n) + 250 * (1975 - birth), 4000, 160000))
    kid = r.choice([0, 1, 2], n, p=[0.58, 0.4, 0.02])
    teen = r.choice([0, 1, 2], n, p=[0.52, 0.46, 0.02])
    recency = r.integers(0, 100, n)
    wealth = np.clip((income - 15000) / 60000, 0.02, None)
    wines = np.round(r.gamma(1.1, 280 * wealth / (1 + kid))).astype(int)
    meat = np.round(r.gamma(1.0, 160 * wealth / (1 + kid))).astype(int)
    fruits = np.round(r.gamma(0.8, 30 * wealth)).astype(int)
    web = np.clip(r.poisson(2 + 3 * wealth), 0, 27)
    store = np.clip(r.poisson(3 + 4.5 * wealth), 0, 13)
    visits = np.clip(r.poisson(np.clip(8 - 3 * wealth + 1.5 * kid, 1, None)), 0, 20)
    logit = -2.2 + 0.9 * wealth - 0.02 * (recency - 50) - 0.5 * teen
    response = (r.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    complain = (r.random(n) < 0.012).astype(int)
    return pd.DataFrame({
        "ID": r.choice(np.arange(1000, 11200), n, replace=False), "Year_Birth": birth,
        "Education": edu, "Marital_Status": marital, "Income": income.astype(int),
        "Kidhome": kid, "Teenhome": teen, "Recency": recency, "MntWines": wines,
        "MntFruits": fruits, "MntMeatProducts": meat, "NumWebPurchases": web,
        "NumStorePurchases": store, "NumWebVisitsMonth": visits, "Complain": complain,
        "Response": response,
    })  # fmt: skip


def app_ratings() -> pd.DataFrame:
    """Mobile app store listings with ratings (Google-Play-style headers)."""
    r = _rng(9)
    n = 420
    cats = ["GAME", "FAMILY", "TOOLS", "PRODUCTIVITY", "HEALTH_AND_FITNESS", "FINANCE",
            "EDUCATION"]  # fmt: skip
    cat = r.choice(cats, n, p=[0.22, 0.2, 0.15, 0.1, 0.11, 0.1, 0.12])
    paid = r.random(n) < 0.08
    price = np.where(paid, r.choice([0.99, 1.99, 2.99, 4.99, 9.99], n), 0.0)
    installs_log = np.clip(r.normal(13 - 2.5 * paid, 2.6, n), 4.6, 20.7)
    reviews = np.round(np.exp(installs_log - 4.0 + r.normal(0, 0.8, n))).astype(int)
    size = np.round(np.where(cat == "GAME", r.lognormal(3.7, 0.6, n), r.lognormal(2.8, 0.7, n)), 1)
    rating = np.round(np.clip(4.6 - r.gamma(1.3, 0.3, n) + 0.03 * (installs_log - 13), 1, 5), 1)
    content = r.choice(["Everyone", "Teen", "Everyone 10+", "Mature 17+"], n,
                       p=[0.78, 0.12, 0.05, 0.05])  # fmt: skip
    andver = r.choice(["4.1 and up", "4.4 and up", "5.0 and up", "Varies with device"], n,
                      p=[0.35, 0.25, 0.2, 0.2])  # fmt: skip
    return pd.DataFrame({
        "App": [f"App {i:04d}" for i in range(1, n + 1)], "Category": cat, "Rating": rating,
        "Reviews": reviews, "Size (MB)": size,
        "Installs": np.round(np.exp(installs_log), -2).astype(int),
        "Type": np.where(paid, "Paid", "Free"), "Price ($)": price, "Content Rating ": content,
        "Android Ver": andver,
    })  # fmt: skip


def bike_sharing_daily() -> pd.DataFrame:
    """Bike-sharing rentals per day over 2011-2012 sampled to 365 days (UCI 'day.csv' layout)."""
    r = _rng(10)
    dates = pd.date_range("2011-01-01", "2012-12-31", freq="D")
    dates = pd.DatetimeIndex(sorted(r.choice(dates, 365, replace=False)))
    doy = dates.day_of_year.to_numpy()
    month = dates.month.to_numpy()
    season = np.select([np.isin(month, [12, 1, 2]), np.isin(month, [3, 4, 5]),
                        np.isin(month, [6, 7, 8])], [1, 2, 3], default=4)  # fmt: skip
    yr = (dates.year == 2012).astype(int)
    weekday = ((dates.day_of_week.to_numpy() + 1) % 7).astype(int)
    holiday = (r.random(365) < 0.03).astype(int)
    working = ((weekday >= 1) & (weekday <= 5) & (holiday == 0)).astype(int)
    weather = r.choice([1, 2, 3], 365, p=[0.63, 0.34, 0.03])
    temp = np.clip(0.5 - 0.3 * np.cos(2 * np.pi * (doy - 20) / 365) + r.normal(0, 0.07, 365),
                   0.05, 0.86)  # fmt: skip
    atemp = np.clip(0.93 * temp + 0.02 + r.normal(0, 0.02, 365), 0.08, 0.84)
    hum = np.clip(0.55 + 0.1 * (weather - 1) + r.normal(0, 0.12, 365), 0.19, 0.97)
    wind = np.clip(r.gamma(5.5, 0.034, 365), 0.02, 0.5)
    cnt = 1500 + 6200 * temp - 3500 * np.clip(temp - 0.7, 0, None) * 4 + 1900 * yr
    cnt -= 900 * (weather - 1) + 2200 * wind + r.normal(0, 650, 365)
    cnt = np.clip(np.round(cnt), 22, 8700).astype(int)
    casual = np.round(cnt * np.clip(0.12 + 0.18 * (1 - working) + r.normal(0, 0.04, 365),
                                    0.02, 0.5)).astype(int)  # fmt: skip
    return pd.DataFrame({
        "instant": np.arange(1, 366), "dteday": dates.strftime("%Y-%m-%d"), "season": season,
        "yr": yr, "mnth": month, "holiday": holiday, "weekday": weekday, "workingday": working,
        "weathersit": weather, "temp": np.round(temp, 6), "atemp": np.round(atemp, 6),
        "hum": np.round(hum, 6), "windspeed": np.round(wind, 6), "casual": casual,
        "registered": cnt - casual, "cnt": cnt,
    })  # fmt: skip


def crop_production() -> pd.DataFrame:
    """FAOSTAT-style long table: production (tonnes) by Area, Item and Year 2000-2022."""
    r = _rng(11)
    areas = {"Ethiopia": 1.0, "Viet Nam": 1.6, "Mexico": 2.2, "Bangladesh": 1.9, "Kenya": 0.6}
    items = {"Rice": 4.0e6, "Maize": 6.0e6, "Sorghum": 1.2e6, "Cassava": 2.5e6}
    codes = {"Rice": 27, "Maize": 56, "Sorghum": 83, "Cassava": 125}
    noise = {"Ethiopia": 0.14, "Viet Nam": 0.05, "Mexico": 0.06, "Bangladesh": 0.05, "Kenya": 0.18}
    rows = []
    for area, scale in areas.items():
        for item, base in items.items():
            level = base * scale * r.uniform(0.4, 1.6)
            for yr in range(2000, 2023):
                v = level * (1 + 0.022 * (yr - 2000)) * np.exp(r.normal(0, noise[area]))
                rows.append({"Domain": "Crops and livestock products", "Area": area,
                             "Element": "Production", "Item Code": codes[item], "Item": item,
                             "Year": yr, "Unit": "t", "Value": int(round(v, -1)),
                             "Flag": r.choice(["A", "E", "I"], p=[0.8, 0.12, 0.08])})  # fmt: skip
    return pd.DataFrame(rows)


def telco_churn() -> pd.DataFrame:
    """Telecom customer churn (IBM Telco layout), 500 customers."""
    r = _rng(12)
    n = 500
    ids = [f"{r.integers(1000, 9999)}-{''.join(r.choice(list('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 5))}"
           for _ in range(n)]  # fmt: skip
    gender = r.choice(["Female", "Male"], n)
    senior = (r.random(n) < 0.16).astype(int)
    partner = r.choice(["Yes", "No"], n, p=[0.48, 0.52])
    dependents = np.where((partner == "Yes") & (r.random(n) < 0.55), "Yes", "No")
    contract = r.choice(["Month-to-month", "One year", "Two year"], n, p=[0.55, 0.21, 0.24])
    tenure_mean = np.select([contract == "Month-to-month", contract == "One year"], [14, 40], 56)
    tenure = np.clip(np.round(r.gamma(2.0, tenure_mean / 2.0)), 0, 72).astype(int)
    internet = r.choice(["DSL", "Fiber optic", "No"], n, p=[0.34, 0.44, 0.22])
    monthly = np.select([internet == "Fiber optic", internet == "DSL"], [85.0, 58.0], 21.0)
    monthly = np.round(np.clip(monthly + r.normal(0, 11, n), 18.25, 118.75), 2)
    paperless = r.choice(["Yes", "No"], n, p=[0.59, 0.41])
    payment = r.choice(["Electronic check", "Mailed check", "Bank transfer (automatic)",
                        "Credit card (automatic)"], n, p=[0.34, 0.23, 0.22, 0.21])  # fmt: skip
    logit = -1.0 + 1.4 * (contract == "Month-to-month") - 1.2 * (contract == "Two year")
    logit += (
        0.7 * (internet == "Fiber optic") - 0.035 * tenure + 0.4 * (payment == "Electronic check")
    )
    logit += 0.3 * (paperless == "Yes") + 0.3 * senior
    churn = np.where(r.random(n) < 1 / (1 + np.exp(-logit)), "Yes", "No")
    total = np.round(monthly * tenure * r.uniform(0.95, 1.05, n), 2)
    total_s = np.where(tenure == 0, " ", total.astype(str))
    return pd.DataFrame({
        "customerID": ids, "gender": gender, "SeniorCitizen": senior, "Partner": partner,
        "Dependents": dependents, "tenure": tenure, "InternetService": internet,
        "Contract": contract, "PaperlessBilling": paperless, "PaymentMethod": payment,
        "MonthlyCharges": monthly, "TotalCharges": total_s, "Churn": churn,
    })  # fmt: skip


TABLES = {
    "student_performance_h.csv": student_performance,
    "heart_screening_h.csv": heart_screening,
    "insurance_charges_h.csv": insurance_charges,
    "hr_employee_attrition_h.csv": hr_attrition,
    "wine_quality_h.csv": wine_quality,
    "used_cars_h.csv": used_cars,
    "world_life_expectancy_h.csv": world_life_expectancy,
    "marketing_customers_h.csv": marketing_customers,
    "app_ratings_h.csv": app_ratings,
    "bike_sharing_daily_h.csv": bike_sharing_daily,
    "crop_production_h.csv": crop_production,
    "telco_churn_h.csv": telco_churn,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, lineterminator="\n")
        print(f"{name}: {len(df)} rows x {df.shape[1]} columns")


if __name__ == "__main__":
    main()
