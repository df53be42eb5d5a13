"""Build the corpus-t tables deterministically (every file ends in ``_t.csv``).

All thirteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs analysts download from open-data portals, Kaggle and UCI
(concrete compressive strength, country-year CO2 emissions, solar-plant generation, library loans,
parking citations, road traffic counts, university rankings, public-sector payroll, medical
insurance claims, retail transactions, job postings, course enrolments, county vaccination rates
and a wide table of monthly commodity prices), header mess included: units in names, CamelCase,
UPPER_SNAKE, spaces and codes, and "NA" or blank cells for missing values. Values follow plausible
distributions with realistic effects (strength rises with cement and age and falls with water, AC
power tracks DC power and irradiation, fines differ by violation, more degrees go with higher
vaccination, ...).

Run:  uv run python bench/srs/corpus/make_tables_t.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 20_260


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _missing(x, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def concrete() -> pd.DataFrame:
    r, n = _rng(1), 480
    cement = r.uniform(102, 540, n)
    slag = np.where(r.random(n) < 0.55, r.uniform(0, 360, n), 0.0)
    ash = np.where(r.random(n) < 0.45, r.uniform(0, 200, n), 0.0)
    water = r.normal(182, 21, n).clip(121, 247)
    sp = np.where(r.random(n) < 0.6, r.gamma(2.2, 4.0, n), 0.0)
    age = r.choice(
        [3, 7, 14, 28, 56, 90, 180, 365], n, p=[0.13, 0.12, 0.06, 0.42, 0.1, 0.08, 0.05, 0.04]
    )
    wb = water / (cement + 0.6 * slag + 0.4 * ash)
    strength = (
        95 * np.exp(-1.6 * wb) * (np.log(age) / np.log(28)) ** 0.55 + 0.3 * sp
    ) * r.lognormal(0, 0.12, n)
    return pd.DataFrame(
        {
            "Cement (kg/m3)": cement.round(1),
            "Blast Furnace Slag (kg/m3)": slag.round(1),
            "Fly Ash (kg/m3)": ash.round(1),
            "Water (kg/m3)": water.round(1),
            "Superplasticizer (kg/m3)": sp.round(1),
            "Age (day)": age,
            "Strength (MPa)": strength.round(2),
        }
    )


def co2() -> pd.DataFrame:
    r = _rng(2)
    countries = {
        "Argentina": ("ARG", "South America"), "Australia": ("AUS", "Oceania"),
        "Brazil": ("BRA", "South America"), "Canada": ("CAN", "North America"),
        "Chile": ("CHL", "South America"), "China": ("CHN", "Asia"), "Egypt": ("EGY", "Africa"),
        "Ethiopia": ("ETH", "Africa"), "France": ("FRA", "Europe"), "Germany": ("DEU", "Europe"),
        "India": ("IND", "Asia"), "Indonesia": ("IDN", "Asia"), "Italy": ("ITA", "Europe"),
        "Japan": ("JPN", "Asia"), "Kenya": ("KEN", "Africa"), "Mexico": ("MEX", "North America"),
        "Morocco": ("MAR", "Africa"), "New Zealand": ("NZL", "Oceania"),
        "Nigeria": ("NGA", "Africa"), "Norway": ("NOR", "Europe"), "Peru": ("PER", "South America"),
        "Poland": ("POL", "Europe"), "South Africa": ("ZAF", "Africa"),
        "Spain": ("ESP", "Europe"), "Sweden": ("SWE", "Europe"), "Thailand": ("THA", "Asia"),
        "Turkey": ("TUR", "Asia"), "United Kingdom": ("GBR", "Europe"),
        "United States": ("USA", "North America"), "Vietnam": ("VNM", "Asia"),
        "Colombia": ("COL", "South America"), "Ghana": ("GHA", "Africa"),
        "Fiji": ("FJI", "Oceania"), "Guatemala": ("GTM", "North America"),
        "Bangladesh": ("BGD", "Asia"), "Portugal": ("PRT", "Europe"),
        "Tanzania": ("TZA", "Africa"), "Ecuador": ("ECU", "South America"),
        "Papua New Guinea": ("PNG", "Oceania"), "Cuba": ("CUB", "North America"),
    }  # fmt: skip
    rows = []
    for name, (iso, cont) in countries.items():
        pop0 = np.exp(r.normal(17.3, 1.5))
        gdp0 = np.exp(r.normal(9.4, 0.9))
        intensity = np.exp(r.normal(-0.9, 0.35))
        coal_share = r.beta(2, 3)
        for year in range(2010, 2022):
            t = year - 2010
            pop = pop0 * (1 + r.normal(0.011, 0.003)) ** t
            gdp = gdp0 * (1.022**t) * r.lognormal(0, 0.03) * (0.94 if year == 2020 else 1.0)
            pc = intensity * (gdp / 1000) ** 0.8 * 0.33 * (0.99**t) * r.lognormal(0, 0.04)
            pc *= 0.93 if year == 2020 else 1.0
            co2 = pc * pop / 1e6
            energy = pc * 4300 * r.lognormal(0, 0.08)
            rows.append(
                [name, iso, cont, year, round(pop), round(gdp, 1), round(co2, 3), round(pc, 3),
                 round(co2 * coal_share * r.lognormal(0, 0.05), 3), round(energy, 1)]
            )  # fmt: skip
    df = pd.DataFrame(
        rows,
        columns=["country", "iso_code", "continent", "year", "population", "gdp_per_capita",
                 "co2", "co2_per_capita", "coal_co2", "energy_per_capita"],
    )  # fmt: skip
    df["coal_co2"] = _missing(df["coal_co2"], r, 0.06)
    df["energy_per_capita"] = _missing(df["energy_per_capita"], r, 0.05)
    return df


def solar() -> pd.DataFrame:
    r, n = _rng(3), 500
    plant = r.choice([4135001, 4136001], n)
    inverters = [f"{a}{b}" for a, b in zip("1BDIKMQRSTWY", "XrPnvEeaoqgG", strict=True)]
    source = [
        f"{plant[i] % 10}{inverters[r.integers(0, 12)]}{r.integers(100, 999)}" for i in range(n)
    ]
    day = r.integers(15, 31, n)
    hour = r.integers(6, 19, n)
    minute = r.choice([0, 15, 30, 45], n)
    sun = np.sin(np.pi * (hour + minute / 60 - 6) / 12.5).clip(0.02, None)
    irr = (sun * r.beta(6, 2, n) * 1.05).round(6)
    amb = 22 + 8 * sun + r.normal(0, 1.8, n) + (plant == 4136001) * 2.0
    mod = amb + 30 * irr + r.normal(0, 2.0, n)
    dc = irr * 13000 * (1 - 0.004 * (mod - 25)) * r.normal(1, 0.04, n)
    dc = np.where(plant == 4135001, dc * 9.8, dc)  # plant 1 logs DC in 0.1 W units (a known quirk)
    eff = np.where(plant == 4135001, 0.0977, 0.975)
    ac = dc * eff * r.normal(1, 0.006, n)
    daily = 6000 * sun * (hour - 5) / 8 * r.lognormal(0, 0.15, n)
    stamp = [f"{d:02d}-05-2020 {h:02d}:{m:02d}" for d, h, m in zip(day, hour, minute, strict=True)]
    return pd.DataFrame(
        {
            "DATE_TIME": stamp,
            "PLANT_ID": plant,
            "SOURCE_KEY": source,
            "DC_POWER": dc.round(3),
            "AC_POWER": ac.round(3),
            "DAILY_YIELD": daily.round(1),
            "IRRADIATION": irr,
            "AMBIENT_TEMPERATURE": amb.round(4),
            "MODULE_TEMPERATURE": mod.round(4),
        }
    )


def library() -> pd.DataFrame:
    r, n = _rng(4), 500
    branch = r.choice(
        ["Central", "Northgate", "Riverside", "Eastwood", "Hillcrest"],
        n,
        p=[0.3, 0.2, 0.2, 0.15, 0.15],
    )
    item = r.choice(
        ["Book", "DVD", "Audiobook", "Magazine", "eBook"], n, p=[0.5, 0.12, 0.1, 0.08, 0.2]
    )
    age = r.choice(["Child", "Teen", "Adult", "Senior"], n, p=[0.2, 0.12, 0.48, 0.2])
    base = {"Book": 17, "DVD": 6, "Audiobook": 16, "Magazine": 8, "eBook": 14}
    loan = np.array([r.gamma(4, base[i] / 4) for i in item]).round().clip(1, 90).astype(int)
    renew = r.poisson(np.where(np.isin(item, ["Book", "Audiobook"]), 0.7, 0.25))
    plate = 0.9 * (age == "Teen") + 0.5 * (item == "DVD") - 0.6 * (age == "Senior") - 1.7
    late = np.where(r.random(n) < _expit(plate), "Y", "N")
    late[item == "eBook"] = "N"  # e-loans expire by themselves
    month = r.choice(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], n
    )
    fine = np.where(late == "Y", (r.gamma(2, 1.6, n)).round(2), 0.0)
    return pd.DataFrame(
        {
            "Checkout ID": np.arange(880001, 880001 + n),
            "Branch": branch,
            "Item Type": item,
            "Patron Age Group": age,
            "Checkout Month": month,
            "Loan Days": loan,
            "Renewals": renew,
            "Returned Late": late,
            "Fine Paid ($)": _missing(fine, r, 0.04),
        }
    )


def parking() -> pd.DataFrame:
    r, n = _rng(5), 520
    viol = r.choice(
        ["NO PARK/STREET CLEAN", "METER EXP.", "RED ZONE", "PREFERENTIAL PARKING", "DISPLAY OF TABS"],
        n, p=[0.34, 0.28, 0.12, 0.14, 0.12],
    )  # fmt: skip
    base = {
        "NO PARK/STREET CLEAN": 73,
        "METER EXP.": 63,
        "RED ZONE": 93,
        "PREFERENTIAL PARKING": 68,
        "DISPLAY OF TABS": 25,
    }
    fine = np.array([base[v] for v in viol], dtype=float)
    fine = fine + r.choice([0, 0, 0, 0, 25], n)
    body = r.choice(["PA", "PU", "VN", "TK", "MC"], n, p=[0.7, 0.12, 0.08, 0.06, 0.04])
    state = r.choice(["CA", "Out of state"], n, p=[0.88, 0.12])
    agency = r.choice(["WESTERN", "HOLLYWOOD", "VALLEY", "CENTRAL", "SOUTHERN"], n)
    hour = r.integers(0, 24, n)
    issue_time = hour * 100 + r.integers(0, 60, n)
    p_paid = _expit(1.3 - 0.9 * (state == "Out of state") - 0.006 * (fine - 60))
    paid = np.where(r.random(n) < p_paid, "Yes", "No")
    days = np.where(paid == "Yes", r.gamma(1.3, 14, n).round() + 1, np.nan)
    month = r.integers(1, 13, n)
    dates = [f"2019-{m:02d}-{d:02d}" for m, d in zip(month, r.integers(1, 29, n), strict=True)]
    return pd.DataFrame(
        {
            "Ticket number": np.arange(1117000100, 1117000100 + n * 7, 7),
            "Issue Date": dates,
            "Issue time": issue_time,
            "RP State Plate": state,
            "Body Style": body,
            "Agency": agency,
            "Violation Description": viol,
            "Fine amount": _missing(fine, r, 0.03),
            "Paid": paid,
            "Days to Payment": days,
        }
    )


def traffic() -> pd.DataFrame:
    r, n = _rng(6), 480
    road = r.choice(["Motorway", "A road", "Minor"], n, p=[0.25, 0.45, 0.3])
    direction = r.choice(["N", "S", "E", "W"], n)
    daytype = r.choice(["Weekday", "Weekend"], n, p=[0.72, 0.28])
    hour = r.integers(7, 19, n)
    scale = {"Motorway": 4200, "A road": 1100, "Minor": 180}
    peak = 1 + 0.5 * np.isin(hour, [8, 17]) - 0.2 * (daytype == "Weekend")
    cars = np.array([r.gamma(6, scale[x] / 6) for x in road]) * peak
    hgv = cars * np.where(road == "Motorway", 0.14, 0.07) * r.lognormal(0, 0.3, n)
    hgv = hgv * np.where(daytype == "Weekend", 0.45, 1.0)
    cyc = r.negative_binomial(2, np.where(road == "Minor", 0.12, 0.45), n)
    speed = np.where(road == "Motorway", 64, np.where(road == "A road", 41, 27)) - 0.0015 * cars
    speed = speed + r.normal(0, np.where(road == "Minor", 6, 3.5), n)
    return pd.DataFrame(
        {
            "count_point_id": r.integers(6000, 99000, n),
            "year": r.choice([2019, 2022, 2023], n),
            "road_type": road,
            "direction_of_travel": direction,
            "day_type": daytype,
            "hour": hour,
            "cars_and_taxis": cars.round().astype(int),
            "all_hgvs": hgv.round().astype(int),
            "pedal_cycles": cyc,
            "avg_speed_mph": _missing(speed.round(1), r, 0.05),
        }
    )


def universities() -> pd.DataFrame:
    r, n = _rng(7), 400
    region = r.choice(
        ["Europe", "North America", "Asia", "Oceania", "Latin America", "Africa"],
        n,
        p=[0.38, 0.22, 0.26, 0.06, 0.05, 0.03],
    )
    quality = (
        r.normal(0, 1, n)
        + 0.5 * (region == "North America")
        - 0.4 * np.isin(region, ["Latin America", "Africa"])
    )
    teaching = (38 + 12 * quality + r.normal(0, 6, n)).clip(12, 98)
    research = (35 + 15 * quality + r.normal(0, 6, n)).clip(8, 99)
    citations = (68 + 11 * quality + r.normal(0, 10, n)).clip(10, 100)
    intl = (
        55
        + 18 * (region == "Europe")
        + 15 * (region == "Oceania")
        - 12 * (region == "Asia")
        + r.normal(0, 16, n)
    ).clip(14, 99)
    industry = (45 + 8 * quality + r.gamma(2, 8, n)).clip(34, 100)
    overall = 0.3 * teaching + 0.3 * research + 0.3 * citations + 0.075 * intl + 0.025 * industry
    rank = pd.Series(overall).rank(ascending=False, method="first").astype(int)
    students = r.lognormal(9.8, 0.7, n).round()
    ratio = (r.lognormal(2.7, 0.4, n) - 1.5 * quality).clip(4, 60)
    pct_intl = (intl / 3.2 + r.normal(0, 4, n)).clip(1, 60)
    typ = np.where(
        r.random(n) < np.where(region == "North America", 0.45, 0.15), "Private", "Public"
    )
    return (
        pd.DataFrame(
            {
                "World Rank": rank,
                "Region": region,
                "Type": typ,
                "Teaching": teaching.round(1),
                "Research": research.round(1),
                "Citations": citations.round(1),
                "International Outlook": intl.round(1),
                "Industry Income": _missing(industry.round(1), r, 0.07),
                "Overall Score": overall.round(1),
                "No. of FTE Students": students.astype(int),
                "Student/Staff Ratio": ratio.round(1),
                "% International Students": pct_intl.round(0),
            }
        )
        .sort_values("World Rank")
        .reset_index(drop=True)
    )


def payroll() -> pd.DataFrame:
    r, n = _rng(8), 500
    titles = {
        "Police Officer": ("Police", 112000), "Firefighter": ("Fire", 118000),
        "Registered Nurse": ("Public Health", 134000), "Librarian": ("Library", 86000),
        "Transit Operator": ("Transportation", 74000), "Gardener": ("Recreation & Parks", 69000),
        "IT Analyst": ("Technology", 121000), "Accountant": ("Controller", 98000),
        "Custodian": ("Public Works", 58000), "Engineer": ("Public Works", 139000),
    }  # fmt: skip
    jt = r.choice(list(titles), n, p=[0.15, 0.1, 0.12, 0.06, 0.15, 0.07, 0.08, 0.07, 0.12, 0.08])
    dept = np.array([titles[t][0] for t in jt])
    status = r.choice(["FT", "PT"], n, p=[0.86, 0.14])
    year = r.choice([2019, 2020, 2021, 2022, 2023], n)
    base = np.array([titles[t][1] for t in jt]) * r.lognormal(0, 0.12, n) * (1.025 ** (year - 2019))
    base = base * np.where(status == "PT", 0.48, 1.0)
    ot_rate = np.isin(jt, ["Police Officer", "Firefighter", "Transit Operator", "Registered Nurse"])
    overtime = np.where(
        r.random(n) < np.where(ot_rate, 0.85, 0.25),
        r.gamma(1.2, np.where(ot_rate, 16000, 3000)),
        0.0,
    )
    benefits = base * r.normal(0.34, 0.03, n) * np.where(status == "PT", 0.6, 1.0)
    return pd.DataFrame(
        {
            "Id": np.arange(1, n + 1),
            "Year": year,
            "Job Title": jt,
            "Department": dept,
            "Status": status,
            "Base Pay": base.round(2),
            "Overtime Pay": overtime.round(2),
            "Benefits": _missing(benefits.round(2), r, 0.05),
            "Total Pay": (base + overtime).round(2),
        }
    )


def claims() -> pd.DataFrame:
    r, n = _rng(9), 500
    region = r.choice(
        ["northeast", "northwest", "southeast", "southwest"], n, p=[0.24, 0.23, 0.29, 0.24]
    )
    plan = r.choice(["HMO", "PPO", "EPO"], n, p=[0.45, 0.4, 0.15])
    age = r.integers(18, 86, n)
    gender = r.choice(["Female", "Male"], n)
    dx = r.choice(
        ["Cardiac", "Orthopedic", "Respiratory", "Maternity", "Oncology", "Other"],
        n,
        p=[0.16, 0.2, 0.18, 0.1, 0.08, 0.28],
    )
    dx = np.where((dx == "Maternity") & ((gender == "Male") | (age > 48)), "Other", dx)
    scale = {
        "Cardiac": 18000,
        "Orthopedic": 12500,
        "Respiratory": 6500,
        "Maternity": 9000,
        "Oncology": 32000,
        "Other": 3500,
    }
    amount = np.array([scale[d] for d in dx]) * r.lognormal(0, 0.75, n) * (1 + 0.006 * (age - 45))
    amount = amount * np.where(region == "southeast", 1.12, 1.0)
    los = r.poisson(
        np.array(
            [
                {
                    "Cardiac": 4.5,
                    "Orthopedic": 3,
                    "Respiratory": 3.5,
                    "Maternity": 2.2,
                    "Oncology": 6,
                    "Other": 0.8,
                }[d]
                for d in dx
            ]
        )
    )
    p_deny = _expit(-2.2 + 0.000025 * amount + 0.5 * (plan == "HMO") - 0.3 * (plan == "PPO"))
    status = np.where(r.random(n) < p_deny, "Denied", "Approved")
    days = r.gamma(2.5, 9, n) + 0.0004 * amount
    return pd.DataFrame(
        {
            "claim_id": [f"CLM{100000 + i}" for i in range(n)],
            "region": region,
            "plan_type": plan,
            "patient_age": age,
            "gender": gender,
            "diagnosis_group": dx,
            "claim_amount_usd": amount.round(2),
            "length_of_stay": los,
            "days_to_process": _missing(days.round(0), r, 0.04),
            "claim_status": status,
        }
    )


def retail() -> pd.DataFrame:
    r, n = _rng(10), 500
    store = r.choice(["Downtown", "Mall", "Airport", "Suburb"], n, p=[0.3, 0.35, 0.1, 0.25])
    pay = r.choice(["Cash", "Credit card", "Ewallet"], n, p=[0.33, 0.34, 0.33])
    ctype = r.choice(["Member", "Normal"], n)
    gender = r.choice(["Female", "Male"], n)
    line = r.choice(
        [
            "Health and beauty",
            "Electronic accessories",
            "Home and lifestyle",
            "Sports and travel",
            "Food and beverages",
            "Fashion accessories",
        ],
        n,
    )
    price = np.where(
        line == "Electronic accessories", r.uniform(15, 100, n), r.uniform(10, 80, n)
    ).round(2)
    qty = r.integers(1, 11, n)
    tax = (0.05 * price * qty).round(4)
    total = (price * qty + tax).round(4)
    rating = (r.normal(7.0, 1.7, n)).clip(4, 10).round(1)
    hour = r.integers(10, 21, n)
    return pd.DataFrame(
        {
            "Invoice ID": [
                f"{r.integers(100, 900)}-{r.integers(10, 99)}-{r.integers(1000, 9999)}"
                for _ in range(n)
            ],
            "Store": store,
            "Customer type": ctype,
            "Gender": gender,
            "Product line": line,
            "Unit price": price,
            "Quantity": qty,
            "Tax 5%": tax,
            "Total": total,
            "Payment": pay,
            "Hour": hour,
            "Rating": rating,
        }
    )


def postings() -> pd.DataFrame:
    r, n = _rng(11), 480
    ind = r.choice(
        ["Software", "Finance", "Healthcare", "Retail", "Manufacturing", "Education"],
        n,
        p=[0.28, 0.18, 0.18, 0.12, 0.14, 0.1],
    )
    level = r.choice(
        ["Entry level", "Mid-Senior level", "Director", "Internship"], n, p=[0.35, 0.45, 0.1, 0.1]
    )
    mode = r.choice(["Remote", "Hybrid", "On-site"], n, p=[0.25, 0.3, 0.45])
    mode = np.where((ind == "Healthcare") & (r.random(n) < 0.7), "On-site", mode)
    mult = {"Entry level": 1.0, "Mid-Senior level": 1.55, "Director": 2.4, "Internship": 0.55}
    ibase = {
        "Software": 88000,
        "Finance": 80000,
        "Healthcare": 66000,
        "Retail": 48000,
        "Manufacturing": 60000,
        "Education": 50000,
    }
    mn = np.array([ibase[i] * mult[lv] for i, lv in zip(ind, level, strict=True)]) * r.lognormal(
        0, 0.18, n
    )
    mx = mn * r.uniform(1.1, 1.6, n)
    views = r.negative_binomial(1.2, 0.006, n) + 5
    applies = r.binomial(views, np.where(mode == "Remote", 0.16, 0.07))
    days = r.gamma(1.8, 12, n).round() + 1
    return pd.DataFrame(
        {
            "job_id": r.integers(3_700_000_000, 3_900_000_000, n),
            "industry": ind,
            "formatted_experience_level": level,
            "work_type": mode,
            "min_salary": _missing(mn.round(-2), r, 0.35),
            "max_salary": _missing(mx.round(-2), r, 0.0),
            "views": views,
            "applies": applies,
            "days_open": days.astype(int),
            "sponsored": r.choice([0, 1], n, p=[0.78, 0.22]),
        }
    ).assign(max_salary=lambda d: d["max_salary"].where(d["min_salary"].notna()))


def courses() -> pd.DataFrame:
    r, n = _rng(12), 320
    subj = r.choice(
        ["STEM", "Humanities", "Social Sciences", "Business", "Arts"],
        n,
        p=[0.32, 0.18, 0.2, 0.2, 0.1],
    )
    level = r.choice([100, 200, 300, 400], n, p=[0.35, 0.3, 0.2, 0.15])
    fmt = r.choice(["In-person", "Online", "Blended"], n, p=[0.5, 0.3, 0.2])
    enrolled = (r.lognormal(4.0, 0.6, n) * np.where(level == 100, 2.2, 1.0)).round().astype(int) + 8
    comp = _expit(
        2.0
        - 0.9 * (fmt == "Online")
        - 0.3 * (subj == "STEM")
        + 0.15 * (level - 200) / 100
        + r.normal(0, 0.35, n)
    )
    completed = r.binomial(enrolled, comp)
    grade = (
        2.9
        + 0.15 * (level - 100) / 100
        - 0.2 * (subj == "STEM")
        + 0.1 * (subj == "Arts")
        + r.normal(0, np.where(fmt == "Online", 0.38, 0.24), n)
    ).clip(1.2, 4.0)
    rating = (3.6 + 0.5 * (grade - 2.9) + r.normal(0, 0.45, n)).clip(1, 5)
    term = r.choice(["Fall 2022", "Spring 2023", "Fall 2023", "Spring 2024"], n)
    return pd.DataFrame(
        {
            "CourseID": [
                f"{s[:3].upper()}{lv + r.integers(1, 99)}-{i:03d}"
                for i, (s, lv) in enumerate(zip(subj, level, strict=True))
            ],
            "Term": term,
            "Subject Area": subj,
            "Course Level": level,
            "Delivery Mode": fmt,
            "Enrolled": enrolled,
            "Completed": completed,
            "Mean GPA": _missing(grade.round(2), r, 0.05),
            "Instructor Rating (1-5)": rating.round(2),
        }
    )


def vaccination() -> pd.DataFrame:
    r, n = _rng(13), 420
    states = ["TX", "GA", "OH", "MN", "VA", "KY", "CO"]
    st = r.choice(states, n, p=[0.25, 0.17, 0.14, 0.13, 0.13, 0.12, 0.06])
    metro = np.where(r.random(n) < 0.36, "Metro", "Non-metro")
    pop = np.where(metro == "Metro", r.lognormal(11.8, 1.1, n), r.lognormal(9.8, 0.8, n)).round()
    bach = (r.normal(20, 7, n) + 9 * (metro == "Metro") + 5 * np.isin(st, ["MN", "VA", "CO"])).clip(
        6, 70
    )
    income = (33000 + 1100 * bach + r.normal(0, 6500, n)).round(-1)
    state_eff = {"TX": -2, "GA": -5, "OH": -1, "MN": 6, "VA": 7, "KY": -4, "CO": 5}
    vax = (30 + 0.75 * bach + np.array([state_eff[s] for s in st]) + r.normal(0, 7, n)).clip(12, 95)
    boost = (vax * r.normal(0.48, 0.08, n)).clip(3, 80)
    fips = {"TX": 48, "GA": 13, "OH": 39, "MN": 27, "VA": 51, "KY": 21, "CO": 8}
    return pd.DataFrame(
        {
            "FIPS": [f"{fips[s]:02d}{r.integers(1, 500):03d}" for s in st],
            "Recip_State": st,
            "Metro_status": metro,
            "Census2019": pop.astype(int),
            "Median Household Income": income.astype(int),
            "Pct_Bachelors_Or_Higher": bach.round(1),
            "Series_Complete_Pop_Pct": _missing(vax.round(1), r, 0.04),
            "Booster_Doses_Vax_Pct": _missing(boost.round(1), r, 0.08),
            "SVI_CTGY": r.choice(["A", "B", "C", "D"], n),
        }
    )


def commodity_prices() -> pd.DataFrame:
    r, n = _rng(14), 240
    months = pd.period_range("2004-01", periods=n, freq="M")
    common = np.cumsum(r.normal(0, 0.035, n))
    shock = np.where((months.year >= 2007) & (months.year <= 2008), 0.35, 0.0) + np.where(
        months.year >= 2021, 0.3, 0.0
    )

    def series(level: float, beta: float, own: float) -> np.ndarray:
        return level * np.exp(beta * (common + shock) + np.cumsum(r.normal(0, own, n)))

    return pd.DataFrame(
        {
            "Month": [str(m) for m in months],
            "Year": months.year,
            "Maize ($/mt)": series(150, 1.0, 0.03).round(2),
            "Wheat, US HRW ($/mt)": series(180, 0.9, 0.03).round(2),
            "Soybeans ($/mt)": series(290, 0.8, 0.03).round(2),
            "Rice, Thai 5% ($/mt)": series(250, 0.5, 0.04).round(2),
            "Coffee, Arabica ($/kg)": series(2.4, 0.2, 0.055).round(3),
            "Urea ($/mt)": series(220, 1.2, 0.05).round(2),
        }
    )


TABLES = {
    "concrete_strength_t.csv": concrete,
    "co2_emissions_t.csv": co2,
    "solar_generation_t.csv": solar,
    "library_loans_t.csv": library,
    "parking_citations_t.csv": parking,
    "traffic_counts_t.csv": traffic,
    "university_rankings_t.csv": universities,
    "city_payroll_t.csv": payroll,
    "health_claims_t.csv": claims,
    "retail_transactions_t.csv": retail,
    "job_postings_t.csv": postings,
    "course_enrollments_t.csv": courses,
    "county_vaccination_t.csv": vaccination,
    "commodity_prices_wide_t.csv": commodity_prices,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        df = build()
        df.to_csv(OUT / name, index=False, na_rep="NA", encoding="utf-8")
        print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
