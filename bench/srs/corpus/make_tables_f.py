"""Build the corpus-f tables deterministically (every file ends in ``_f.csv``).

Domains the earlier corpora lack, with headers in the styles of public CSVs (spaces, trailing
spaces, CamelCase, units, abbreviations, year columns, 0/1 and M/F codes):

* derived from datasets that ship with statsmodels: the RAND health insurance experiment
  (``randhie``, 450 rows sampled) and El Niño sea surface temperatures (``elnino``, wide by month);
* simulated, each from its own fixed seed with parameters plausible for the quantity: clinic
  check-ups (blood pressure, cholesterol, BMI by smoker status), FAO-style crop yields in long
  format (Area, Item, Year, Value), basketball player statistics, household electricity by month
  and region, PM2.5 by city, school test scores wide by year (F2015 … F2020), web-shop orders,
  taxi trips, daily stock returns in wide format, and two small engineering tables (filling-line
  subgroups, a crossed gage study) for the scope set.

Run:  uv run python bench/srs/corpus/make_tables_f.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

OUT = Path(__file__).resolve().parent / "tables"
SEED = 6100


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


# ---------------------------------------------------------------- derived from bundled data


def rand_health_visits() -> pd.DataFrame:
    """RAND health insurance experiment: outpatient visits against plan and health status."""
    d = sm.datasets.randhie.load_pandas().data.sample(n=450, random_state=SEED)
    d = d.reset_index(drop=True)
    health = np.select(
        [d["hlthp"] == 1, d["hlthf"] == 1, d["hlthg"] == 1],
        ["Poor", "Fair", "Good"],
        default="Excellent",
    )
    return pd.DataFrame(
        {
            "person_id": np.arange(1, len(d) + 1),
            "Doctor Visits": d["mdvis"].astype(int),
            "Coinsurance (%)": (np.exp(d["lncoins"]) - 1).round().astype(int),
            "IndivDeductible": d["idp"].map({1.0: "Yes", 0.0: "No"}),
            "log_incentive_pay": d["lpi"].round(3),
            "log_max_deductible": d["fmde"].round(3),
            "Physical Limitation": d["physlm"].astype(int),
            "Chronic Disease Count": d["disea"].round(1),
            "Self-Rated Health": health,
        }
    )


def elnino_sea_temp() -> pd.DataFrame:
    """Monthly Niño sea surface temperatures (°C), one row per year, one column per month."""
    d = sm.datasets.elnino.load_pandas().data
    out = d.rename(columns={"YEAR": "Year"})
    out["Year"] = out["Year"].astype(int)
    return out


# ---------------------------------------------------------------- simulated


def clinic_checkups() -> pd.DataFrame:
    """Adult check-ups: BP and cholesterol rise with age, BMI and smoking; some HDL missing."""
    rng = _rng(1)
    n = 320
    sex = rng.choice(["M", "F"], n, p=[0.48, 0.52])
    age = np.clip(rng.normal(52, 13, n), 21, 84).round().astype(int)
    smoker = (rng.random(n) < 0.22).astype(int)
    male = sex == "M"
    height = np.where(male, rng.normal(176, 7, n), rng.normal(163, 6.5, n))
    bmi = np.clip(rng.normal(26.5, 4.6, n) + 0.04 * (age - 50), 16.5, 48)
    weight = bmi * (height / 100) ** 2
    exercise = rng.choice(["Never", "Occasionally", "Regularly"], n, p=[0.3, 0.42, 0.28])
    ex_effect = pd.Series(exercise).map({"Never": 3.0, "Occasionally": 0.0, "Regularly": -4.0})
    systolic = (
        98 + 0.55 * age + 1.0 * (bmi - 25) + 6 * smoker + ex_effect.to_numpy()
        + rng.normal(0, 12, n)
    )  # fmt: skip
    diastolic = 22 + 0.42 * systolic + 0.35 * (bmi - 25) + rng.normal(0, 6.5, n)
    chol = 165 + 0.7 * age + 1.6 * (bmi - 25) + 9 * smoker + rng.normal(0, 31, n)
    hdl = np.where(male, 47.0, 58.0) - 5 * smoker - 0.5 * (bmi - 25) + rng.normal(0, 11, n)
    hdl = np.clip(hdl, 22, 105).round()
    hdl_missing = rng.choice(n, 9, replace=False)
    hdl_col = pd.Series(hdl, dtype="float64")
    hdl_col.iloc[hdl_missing] = np.nan
    p_diab = 1 / (1 + np.exp(-(-7.2 + 0.055 * age + 0.12 * (bmi - 25) + 0.3 * smoker)))
    diabetes = np.where(rng.random(n) < p_diab, "Yes", "No")
    clinic = rng.choice(["Northside", "Riverside", "Hillcrest"], n, p=[0.4, 0.35, 0.25])
    return pd.DataFrame(
        {
            "Patient ID": [f"P{i:04d}" for i in range(1, n + 1)],
            "Clinic": clinic,
            "Age": age,
            "Sex": sex,
            "Smoker": smoker,
            "Height (cm)": height.round(1),
            "Weight (kg)": weight.round(1),
            "BMI": bmi.round(1),
            "SystolicBP": systolic.round().astype(int),
            "DiastolicBP": diastolic.round().astype(int),
            "Total Cholesterol (mg/dL)": chol.round().astype(int),
            "HDL ": hdl_col,
            "Exercise": exercise,
            "Diabetes": diabetes,
        }
    )


# FAO-like yields in hg/ha (2000 level), coefficient of variation of the weather noise, and the
# country-level weather: mean rainfall (mm/year), pesticide use (tonnes), mean temperature (°C)
_CROPS = ("Wheat", "Maize", "Potatoes")
_COUNTRIES = {
    "France": ((68000, 88000, 420000), 0.06, 867, 68000, 12.4),
    "Spain": ((28000, 98000, 290000), 0.14, 636, 52000, 15.3),
    "Nigeria": ((11000, 16500, 55000), 0.12, 1150, 13000, 27.0),
    "India": ((27000, 20000, 190000), 0.07, 1083, 45000, 24.9),
    "Brazil": ((20000, 32000, 220000), 0.09, 1761, 190000, 25.4),
    "Kenya": ((22000, 16000, 90000), 0.15, 630, 4500, 24.3),
}


def crop_yield_fao() -> pd.DataFrame:
    """Long format, one row per country, crop and year 2000-2021 (6 x 3 x 22 = 396 rows)."""
    rng = _rng(2)
    years = np.arange(2000, 2022)
    rows = []
    for area, (base, cv, rain, pest, temp) in _COUNTRIES.items():
        rain_y = rain * (1 + rng.normal(0, 0.11, len(years)))
        pest_y = pest * (1.018 ** (years - 2000)) * (1 + rng.normal(0, 0.05, len(years)))
        temp_y = temp + 0.025 * (years - 2000) + rng.normal(0, 0.35, len(years))
        rain_anom = rain_y / rain - 1
        for crop, level in zip(_CROPS, base, strict=True):
            growth = 1.012 ** (years - 2000)
            weather = 1 + 0.5 * rain_anom * (cv > 0.1) + rng.normal(0, cv, len(years))
            value = level * growth * weather
            for i, year in enumerate(years):
                rows.append(
                    {
                        "Area": area,
                        "Item": crop,
                        "Year": int(year),
                        "Value": int(round(value[i])),
                        "avg_rainfall_mm": int(round(rain_y[i])),
                        "pesticides_tonnes": round(float(pest_y[i]), 1),
                        "avg_temp": round(float(temp_y[i]), 2),
                    }
                )
    return pd.DataFrame(rows)


_FIRST = (
    "Marcus Jalen Tyrese Luka Devin Andre Kevin Malik Jordan Darius Nikola Trey Isaiah Caleb "
    "Anthony Jamal Victor Evan Miles Domantas Zion Cade Tyler Bam Scottie"
).split()
_LAST = (
    "Johnson Williams Brown Green Harris Walker Mitchell Robinson Porter Young Allen Bridges "
    "Murray Holiday Barnes Simmons Turner Hayes Booker Adams Carter Jenkins Reed Coleman Price"
).split()


def basketball_players() -> pd.DataFrame:
    """One season's per-game stats for 300 players on 10 teams."""
    rng = _rng(3)
    n = 300
    names = set()
    while len(names) < n:
        names.add(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
    names = sorted(names)
    rng.shuffle(names)
    pos = rng.choice(["G", "F", "C"], n, p=[0.42, 0.4, 0.18])
    ht = np.select([pos == "G", pos == "F"], [75.5, 79.5], 83.0) + rng.normal(0, 1.8, n)
    wt = 215 + 6.5 * (ht - 79) + rng.normal(0, 12, n)
    age = np.clip(rng.gamma(2.2, 2.4, n) + 19, 19, 39).round().astype(int)
    gp = np.clip(rng.normal(62, 14, n), 8, 82).round().astype(int)
    minutes = np.clip(rng.beta(2.2, 2.0, n) * 34 + 5, 4, 38)
    skill = rng.normal(0, 1, n)
    pts = np.clip(minutes * (0.42 + 0.09 * skill) + rng.normal(0, 1.5, n), 0.5, None)
    reb = minutes * np.select([pos == "G", pos == "F"], [0.12, 0.19], 0.29)
    reb = np.clip(reb + rng.normal(0, 0.9, n), 0.2, None)
    ast = minutes * np.select([pos == "G", pos == "F"], [0.17, 0.08], 0.06)
    ast = np.clip(ast + rng.normal(0, 0.8, n), 0.1, None)
    fg = np.select([pos == "G", pos == "F"], [0.445, 0.462], 0.545) + rng.normal(0, 0.035, n)
    three = np.where(pos == "C", 0.31, 0.355) + rng.normal(0, 0.045, n)
    star = pts + 2 * skill
    all_star = np.where(star > np.quantile(star, 0.92), "Y", "N")
    teams = ["BOS", "LAL", "MIA", "DEN", "PHX", "CHI", "GSW", "MIL", "DAL", "NYK"]
    return pd.DataFrame(
        {
            "Player": names,
            "Team": rng.choice(teams, n),
            "Pos": pos,
            "Age": age,
            "Ht (in)": ht.round().astype(int),
            "Wt (lbs)": wt.round().astype(int),
            "GP": gp,
            "MIN": minutes.round(1),
            "PTS": pts.round(1),
            "REB": reb.round(1),
            "AST": ast.round(1),
            "FG%": (100 * fg).round(1),
            "3P%": (100 * three).round(1),
            "All-Star": all_star,
        }
    )


_MONTHS = ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()
# mean outdoor temperature per month (°C) by region
_REGION_TEMP = {
    "North": (-4, -3, 1, 6, 12, 16, 18, 17, 12, 6, 1, -3),
    "South": (9, 10, 13, 16, 20, 25, 28, 28, 24, 19, 13, 10),
    "Coastal": (5, 5, 7, 9, 12, 15, 17, 17, 15, 12, 8, 6),
    "Inland": (0, 2, 6, 11, 16, 21, 24, 23, 18, 11, 5, 1),
}


def household_energy() -> pd.DataFrame:
    """40 households x 12 months of metered electricity: heating, cooling and solar effects."""
    rng = _rng(4)
    rows = []
    regions = list(_REGION_TEMP)
    for h in range(40):
        region = regions[h % 4]
        heating = rng.choice(["Electric", "Gas", "Heat pump"], p=[0.35, 0.4, 0.25])
        occupants = int(rng.choice([1, 2, 3, 4, 5], p=[0.2, 0.3, 0.2, 0.2, 0.1]))
        area = float(np.clip(rng.normal(105, 30, 1)[0], 45, 220))
        solar = bool(rng.random() < 0.3)
        base = 110 + 55 * occupants + 0.6 * area
        heat_per_degree = {"Electric": 2.6, "Gas": 0.25, "Heat pump": 0.9}[heating] * area / 100
        for m, month in enumerate(_MONTHS):
            t = _REGION_TEMP[region][m] + rng.normal(0, 1.2)
            hdd = max(16 - t, 0) * 30
            cdd = max(t - 22, 0) * 30
            kwh = base + heat_per_degree * hdd / 3 + 1.1 * cdd * area / 100
            if solar:
                kwh -= 120 * np.sin(np.pi * (m + 0.5) / 12) ** 2 + 30
            kwh *= 1 + rng.normal(0, 0.07)
            rows.append(
                {
                    "HouseholdID": f"H{h + 101}",
                    "Region": region,
                    "Month": month,
                    "Consumption (kWh)": round(max(kwh, 40.0), 1),
                    "Avg Outdoor Temp (C)": round(t, 1),
                    "HeatingType": heating,
                    "Occupants": occupants,
                    "Floor Area (m2)": int(round(area)),
                    "Solar Panels": "Yes" if solar else "No",
                }
            )
    return pd.DataFrame(rows)


# lognormal PM2.5: median µg/m³ and log-sd per city
_CITIES = {
    "Delhi": (98, 0.45),
    "Beijing": (48, 0.65),
    "Mexico City": (24, 0.38),
    "Paris": (13, 0.5),
    "London": (10, 0.45),
}


def _aqi_bucket(pm: float) -> str:
    for limit, name in ((12, "Good"), (35.4, "Moderate"), (55.4, "Unhealthy (Sensitive)")):
        if pm <= limit:
            return name
    return "Unhealthy" if pm <= 150.4 else "Very Unhealthy"


def pm25_cities() -> pd.DataFrame:
    """5 cities x 100 winter/spring days: PM2.5 falls with wind, PM10 and NO2 track it."""
    rng = _rng(5)
    dates = pd.date_range("2023-01-01", periods=100, freq="D")
    rows = []
    for city, (median, sigma) in _CITIES.items():
        wind = rng.gamma(3.0, 3.5, len(dates))
        temp = {"Delhi": 18, "Beijing": 3, "Mexico City": 17, "Paris": 8, "London": 7}[city]
        temp = temp + 6 * np.arange(len(dates)) / len(dates) + rng.normal(0, 2.5, len(dates))
        rh = np.clip(rng.normal(62, 14, len(dates)), 15, 98)
        log_pm = np.log(median) - 0.035 * (wind - 10.5) + rng.normal(0, sigma, len(dates))
        pm25 = np.exp(log_pm)
        pm10 = pm25 * rng.normal(1.75, 0.18, len(dates))
        no2 = np.clip(0.35 * pm25**0.8 * 3 + rng.normal(8, 4, len(dates)), 2, None)
        for i, day in enumerate(dates):
            rows.append(
                {
                    "City": city,
                    "Date": day.strftime("%Y-%m-%d"),
                    "PM2.5": round(float(pm25[i]), 1),
                    "PM10": round(float(pm10[i]), 1),
                    "NO2 (ppb)": round(float(no2[i]), 1),
                    "Temp (°C)": round(float(temp[i]), 1),
                    "RH (%)": round(float(rh[i])),
                    "Wind Speed (km/h)": round(float(wind[i]), 1),
                    "Day Type": "Weekend" if day.day_of_week >= 5 else "Weekday",
                    "AQI_Bucket": _aqi_bucket(float(pm25[i])),
                }
            )
    return pd.DataFrame(rows)


def school_scores_wide() -> pd.DataFrame:
    """90 schools, mean scale score per year F2015 … F2020 (dip and wider spread in 2020)."""
    rng = _rng(6)
    n = 90
    district = rng.choice(["Northgate", "Eastbrook", "Westfield", "Southvale"], n)
    kind = rng.choice(["Public", "Private", "Charter"], n, p=[0.65, 0.2, 0.15])
    lunch = np.clip(rng.beta(2, 2.5, n) * 100 - 25 * (kind == "Private"), 2, 95)
    school = 255 - 0.35 * (lunch - 40) + 8 * (kind == "Private") + rng.normal(0, 9, n)
    ratio = np.clip(rng.normal(16, 3, n) - 4 * (kind == "Private"), 8, 28)
    enrol = np.clip(rng.lognormal(6.2, 0.45, n), 120, 2600).round().astype(int)
    out = {
        "School Code": [f"SCH{i:03d}" for i in range(1, n + 1)],
        "District": district,
        "Type": kind,
        "Enrollment": enrol,
        "Pct Free Lunch": lunch.round(1),
        "Student-Teacher Ratio": ratio.round(1),
    }
    for k, year in enumerate(range(2015, 2021)):
        drift = 1.3 * k
        noise_sd = 4.0
        if year == 2020:
            drift -= 7 + 0.08 * (lunch - 40)
            noise_sd = 8.0
        out[f"F{year}"] = (school + drift + rng.normal(0, noise_sd, n)).round(1)
    return pd.DataFrame(out)


_CATEGORY = {  # median order value (USD), log-sd, return probability
    "Electronics": (160, 0.7, 0.08),
    "Fashion": (48, 0.55, 0.22),
    "Home & Kitchen": (62, 0.6, 0.07),
    "Books": (21, 0.4, 0.03),
    "Beauty": (29, 0.45, 0.05),
    "Toys": (35, 0.5, 0.06),
}


def online_orders() -> pd.DataFrame:
    """500 web-shop orders: slower deliveries get lower ratings; fashion is returned most."""
    rng = _rng(7)
    n = 500
    cats = list(_CATEGORY)
    cat = rng.choice(cats, n, p=[0.16, 0.26, 0.17, 0.14, 0.15, 0.12])
    med = np.array([_CATEGORY[c][0] for c in cat])
    sd = np.array([_CATEGORY[c][1] for c in cat])
    value = np.exp(np.log(med) + rng.normal(0, 1, n) * sd)
    items = 1 + rng.poisson(0.7, n)
    prime = rng.random(n) < 0.38
    days = np.where(prime, rng.gamma(2.5, 0.9, n) + 1, rng.gamma(3.2, 1.4, n) + 1.5)
    days = days.round().astype(int)
    score = 4.6 - 0.22 * (days - 4) + rng.normal(0, 0.9, n)
    rating = np.clip(np.round(score), 1, 5).astype(int)
    returned = (rng.random(n) < np.array([_CATEGORY[c][2] for c in cat])).astype(int)
    pay = rng.choice(["Credit Card", "PayPal", "Debit Card", "Cash on Delivery"], n,
                     p=[0.45, 0.25, 0.2, 0.1])  # fmt: skip
    shipping = np.where(prime | (value > 50), 0.0, rng.choice([3.99, 4.99, 6.49], n))
    return pd.DataFrame(
        {
            "order_id": [f"ORD-{100000 + i}" for i in range(n)],
            "Product Category": cat,
            "Order Value (USD)": value.round(2),
            "Items": items,
            "ShippingFee": shipping,
            "Delivery Days": days,
            "Rating": rating,
            "Returned": returned,
            "PaymentMethod": pay,
            "Prime": np.where(prime, "Yes", "No"),
            "customer_gender": rng.choice(["F", "M"], n, p=[0.56, 0.44]),
        }
    )


def taxi_trips() -> pd.DataFrame:
    """500 yellow-cab-like trips: duration lognormal around distance / speed, card tips ~18 %."""
    rng = _rng(8)
    n = 500
    vendor = rng.choice([1, 2], n, p=[0.42, 0.58])
    borough = rng.choice(["Manhattan", "Brooklyn", "Queens"], n, p=[0.7, 0.17, 0.13])
    airport = (borough == "Queens") & (rng.random(n) < 0.55)
    dist = np.where(airport, rng.normal(11.5, 2.5, n), rng.lognormal(0.55, 0.7, n))
    dist = np.clip(dist, 0.2, 30)
    hour = rng.integers(0, 24, n)
    rush = ((hour >= 7) & (hour <= 9)) | ((hour >= 16) & (hour <= 19))
    speed = np.where(rush, 9.5, 13.0) * np.exp(rng.normal(0, 0.25, n)) + 3 * airport
    duration = 60 * dist / speed + rng.exponential(2.0, n)
    fare = 3.0 + 2.5 * dist + 0.5 * duration
    fare = np.where(airport, np.maximum(fare, 70.0), fare)
    pay = np.where(rng.random(n) < 0.72, "Credit card", "Cash")
    tip = np.where(pay == "Credit card", fare * np.clip(rng.normal(0.18, 0.06, n), 0, 0.35), 0)
    passengers = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.68, 0.15, 0.05, 0.03, 0.05, 0.04])
    return pd.DataFrame(
        {
            "VendorID": vendor,
            "pickup_hour": hour,
            "passenger_count": passengers,
            "trip_distance": dist.round(2),
            "Trip Duration (min)": duration.round(1),
            "fare_amount": fare.round(2),
            "tip_amount": tip.round(2),
            "payment_type": pay,
            "Pickup Borough": borough,
            "Airport": np.where(airport, "Y", "N"),
        }
    )


def daily_returns_wide() -> pd.DataFrame:
    """250 trading days of percent returns: a market factor plus fat-tailed idiosyncratic noise."""
    rng = _rng(9)
    days = pd.bdate_range("2023-01-02", periods=250)
    market = 0.05 + 1.0 * rng.standard_t(5, len(days)) * np.sqrt(3 / 5)
    betas = {"AAPL": 1.2, "MSFT": 1.1, "JPM": 1.05, "XOM": 0.7, "GLD": 0.05}
    noise = {"AAPL": 1.0, "MSFT": 0.9, "JPM": 1.0, "XOM": 1.3, "GLD": 0.8}
    out = {"Date": days.strftime("%Y-%m-%d")}
    for tick, beta in betas.items():
        eps = rng.standard_t(4, len(days)) * np.sqrt(2 / 4) * noise[tick]
        out[tick] = (0.02 + beta * market + eps).round(3)
    out["SPY"] = market.round(3)
    return pd.DataFrame(out)


def eng_filling_line() -> pd.DataFrame:
    """30 subgroups of 4 jars, target 250 g, spec 245-255 g; a drift from subgroup 24."""
    rng = _rng(10)
    rows = []
    for s in range(1, 31):
        mean = 250.6 + (1.4 if s >= 24 else 0.0)
        for k in range(1, 5):
            rows.append(
                {
                    "Subgroup": s,
                    "Jar": k,
                    "Net Weight (g)": round(float(rng.normal(mean, 1.1)), 2),
                    "Shift": "Day" if s % 2 else "Night",
                }
            )
    return pd.DataFrame(rows)


def eng_caliper_gage() -> pd.DataFrame:
    """Crossed gage study: 10 parts x 3 operators x 2 trials, bore diameter in mm."""
    rng = _rng(11)
    parts = 12.00 + rng.normal(0, 0.045, 10)
    bias = {"Ana": 0.0, "Ben": 0.012, "Chloe": -0.006}
    rows = []
    for op, b in bias.items():
        for trial in (1, 2):
            for p, true in enumerate(parts, 1):
                rows.append(
                    {
                        "Part": p,
                        "Operator": op,
                        "Trial": trial,
                        "Bore Dia (mm)": round(float(true + b + rng.normal(0, 0.008)), 3),
                    }
                )
    return pd.DataFrame(rows)


TABLES = {
    "rand_health_visits_f.csv": rand_health_visits,
    "elnino_sea_temp_f.csv": elnino_sea_temp,
    "clinic_checkups_f.csv": clinic_checkups,
    "crop_yield_fao_f.csv": crop_yield_fao,
    "basketball_players_f.csv": basketball_players,
    "household_energy_f.csv": household_energy,
    "pm25_cities_f.csv": pm25_cities,
    "school_scores_wide_f.csv": school_scores_wide,
    "online_orders_f.csv": online_orders,
    "taxi_trips_f.csv": taxi_trips,
    "daily_returns_wide_f.csv": daily_returns_wide,
    "eng_filling_line_f.csv": eng_filling_line,
    "eng_caliper_gage_f.csv": eng_caliper_gage,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        df = build()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
