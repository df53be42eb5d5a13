"""Build the corpus-q tables deterministically (every file ends in ``_q.csv``).

All fourteen tables are SIMULATED from fixed seeds; none is a copy of a public dataset. Their
shapes and headers imitate CSVs people download (drinking-water potability, customer-support
tickets, a blood-pressure drug trial, a fish market, abalone, a developer salary survey, marathon
results, airline passenger satisfaction, football matches, online product reviews, glass
fragments, pizza delivery, a wide table of monthly household electricity use and a long table of
crop-trial plots), header mess included: spaces, capitals, units in names, 0/1 and Y/N codes,
"Less than 1 year" in a years column, "3:41:07" times next to seconds, and "NA", blank and "-"
for missing values. Values follow plausible distributions with realistic effects (heavier fish
are longer, the drug lowers week-12 blood pressure more than placebo, critical tickets are
answered faster, delays make passengers less satisfied, home sides score more, ...).

Run:  uv run python bench/srs/corpus/make_tables_q.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 17_000


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _missing(x, r: np.random.Generator, frac: float) -> pd.Series:
    s = pd.Series(x).astype(float)
    s[r.random(len(s)) < frac] = np.nan
    return s


def water() -> pd.DataFrame:
    r, n = _rng(1), 480
    ph = np.clip(r.normal(7.05, 1.5, n), 0.5, 13.5)
    hard = r.normal(196, 32, n)
    solids = r.gamma(4.5, 4800, n)
    chlor = r.normal(7.1, 1.6, n)
    sulfate = r.normal(333, 41, n)
    turb = r.normal(3.97, 0.78, n)
    score = -0.6 - 0.35 * np.abs(ph - 7.2) + 0.00002 * (22000 - solids) - 0.2 * (turb - 4)
    pot = (r.random(n) < _expit(score)).astype(int)
    return pd.DataFrame(
        {
            "ph": _missing(ph.round(3), r, 0.12),
            "Hardness": hard.round(2),
            "Solids": solids.round(1),
            "Chloramines": chlor.round(3),
            "Sulfate": _missing(sulfate.round(2), r, 0.2),
            "Turbidity": turb.round(3),
            "Potability": pot,
        }
    )


def tickets() -> pd.DataFrame:
    r, n = _rng(2), 500
    prio = r.choice(["Low", "Medium", "High", "Critical"], n, p=[0.35, 0.35, 0.2, 0.1])
    chan = r.choice(["Email", "Chat", "Phone", "Social media"], n, p=[0.4, 0.3, 0.2, 0.1])
    speed = {"Low": 1.0, "Medium": 0.7, "High": 0.4, "Critical": 0.15}
    chan_f = {"Email": 1.3, "Chat": 0.4, "Phone": 0.5, "Social media": 1.0}
    fr = np.array([speed[p] * chan_f[c] for p, c in zip(prio, chan, strict=True)]) * r.gamma(
        1.6, 6.0, n
    )
    res = fr + r.gamma(2.0, 14, n) * np.array([1.2 if p == "Critical" else 1 for p in prio])
    csat = np.clip(np.round(4.6 - 0.025 * res + r.normal(0, 0.9, n)), 1, 5).astype(int)
    csat_s = pd.Series(csat).astype("Int64")
    csat_s[r.random(n) < 0.15] = pd.NA  # customers who skipped the survey
    agent = r.choice([f"AG{i:02d}" for i in range(1, 9)], n)
    return pd.DataFrame(
        {
            "Ticket ID": [f"TCK-{10000 + i}" for i in range(n)],
            "Ticket Priority": prio,
            "Ticket Channel": chan,
            "Agent": agent,
            "First Response (hrs)": fr.round(2),
            "Resolution Time (hrs)": _missing(res.round(1), r, 0.06),
            "Customer Satisfaction Rating": csat_s,
        }
    )


def trial() -> pd.DataFrame:
    r, n = _rng(3), 240
    arm = np.repeat(["placebo", "drug"], n // 2)
    r.shuffle(arm)
    sex = r.choice(["F", "M"], n)
    site = r.choice(["Leeds", "Porto", "Graz", "Lyon"], n)
    age = r.integers(38, 78, n)
    base = r.normal(152, 11, n) + 0.3 * (age - 58)
    drop = np.where(arm == "drug", r.normal(14, 9, n), r.normal(4, 6, n))
    wk12 = base - drop
    ae = np.where(r.random(n) < np.where(arm == "drug", 0.27, 0.12), "Y", "N")
    df = pd.DataFrame(
        {
            "subject_id": [f"S{100 + i}" for i in range(n)],
            "arm": arm,
            "sex": sex,
            "age": age,
            "site": site,
            "baseline_sbp": base.round(0).astype(int),
            "week12_sbp": _missing(wk12.round(0), r, 0.07),
            "adverse_event": ae,
        }
    )
    return df


def fish() -> pd.DataFrame:
    r = _rng(4)
    spec = {
        "Bream": (35, 30, 0.40, 0.15),
        "Roach": (20, 22, 0.27, 0.15),
        "Whitefish": (6, 31, 0.29, 0.16),
        "Parkki": (11, 20, 0.39, 0.14),
        "Perch": (56, 26, 0.26, 0.16),
        "Pike": (17, 45, 0.16, 0.10),
        "Smelt": (14, 12, 0.17, 0.10),
    }
    rows = []
    for sp, (k, mean_len, h_ratio, w_ratio) in spec.items():
        l1 = np.clip(r.normal(mean_len, mean_len * 0.22, k), 7, 60)
        l2 = l1 * r.normal(1.08, 0.01, k)
        l3 = l2 * r.normal(1.09, 0.02, k)
        h = l3 * h_ratio * r.normal(1, 0.06, k)
        w = l3 * w_ratio * r.normal(1, 0.06, k)
        weight = 0.012 * l1**3 * (h_ratio / 0.28) * r.lognormal(0, 0.1, k)
        for i in range(k):
            rows.append((sp, round(weight[i], 1), l1[i], l2[i], l3[i], h[i], w[i]))
    df = pd.DataFrame(
        rows, columns=["Species", "Weight", "Length1", "Length2", "Length3", "Height", "Width"]
    )
    for c in ["Length1", "Length2", "Length3"]:
        df[c] = df[c].round(1)
    df["Height"] = df["Height"].round(4)
    df["Width"] = df["Width"].round(4)
    return df


def abalone() -> pd.DataFrame:
    r, n = _rng(5), 500
    sex = r.choice(["M", "F", "I"], n, p=[0.37, 0.31, 0.32])
    rings = np.where(sex == "I", r.poisson(7, n) + 1, r.poisson(10, n) + 2)
    length = np.clip(0.2 + 0.045 * rings * r.normal(1, 0.12, n), 0.1, 0.8)
    length = np.where(sex == "I", length * 0.85, length)
    diam = length * r.normal(0.79, 0.02, n)
    height = length * r.normal(0.27, 0.03, n)
    whole = 3.6 * length**3 * r.lognormal(0, 0.12, n)
    shucked = whole * r.normal(0.43, 0.04, n)
    shell = whole * r.normal(0.29, 0.03, n)
    return pd.DataFrame(
        {
            "Sex": sex,
            "Length": length.round(3),
            "Diameter": diam.round(3),
            "Height": height.round(3),
            "Whole weight": whole.round(4),
            "Shucked weight": shucked.round(4),
            "Shell weight": shell.round(4),
            "Rings": rings,
        }
    )


def devsurvey() -> pd.DataFrame:
    r, n = _rng(6), 500
    country = r.choice(
        ["United States of America", "Germany", "India", "United Kingdom", "Brazil", "Poland"],
        n,
        p=[0.3, 0.15, 0.2, 0.13, 0.11, 0.11],
    )
    yrs = np.clip(r.gamma(1.8, 4.5, n).round(0), 0, 45).astype(int)
    ed = r.choice(
        ["Bachelor's degree", "Master's degree", "Some college", "Secondary school", "PhD"],
        n,
        p=[0.45, 0.27, 0.13, 0.1, 0.05],
    )
    remote = r.choice(["Remote", "Hybrid", "In-person"], n, p=[0.42, 0.41, 0.17])
    base = {
        "United States of America": 120000,
        "Germany": 72000,
        "India": 18000,
        "United Kingdom": 75000,
        "Brazil": 25000,
        "Poland": 40000,
    }
    comp = np.array([base[c] for c in country]) * (1 + 0.045 * yrs) * r.lognormal(0, 0.35, n)
    comp_s = _missing(comp.round(-2), r, 0.12)
    yrs_txt = np.where(yrs == 0, "Less than 1 year", yrs.astype(str)).astype(object)
    yrs_txt[yrs >= 40] = "More than 40 years"
    remote_s = pd.Series(remote, dtype=object)
    remote_s[r.random(n) < 0.04] = "-"
    hrs = np.clip(r.normal(41, 6, n), 15, 70).round(0)
    return pd.DataFrame(
        {
            "ResponseId": np.arange(1, n + 1),
            "Country": country,
            "EdLevel": ed,
            "YearsCodePro": yrs_txt,
            "RemoteWork": remote_s,
            "WorkWeekHrs": _missing(hrs, r, 0.05),
            "ConvertedCompYearly": comp_s,
        }
    )


def marathon() -> pd.DataFrame:
    r, n = _rng(7), 450
    gender = r.choice(["M", "F"], n, p=[0.6, 0.4])
    age = np.clip(r.normal(40, 10, n), 18, 75).astype(int)
    lo = np.where(age < 35, 18, (age // 5) * 5)
    hi = np.where(age < 35, 34, lo + 4)
    group = [
        f"{g}{a}-{b}" if a >= 35 else f"{g}18-34" for g, a, b in zip(gender, lo, hi, strict=True)
    ]
    base = np.where(gender == "M", 14200, 15600) + 60 * np.clip(age - 35, 0, None)
    finish = base * r.lognormal(0, 0.13, n)
    half = finish / 2 * r.normal(0.95, 0.025, n)
    fin = finish.round(0).astype(int)
    txt = [f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in fin]
    return pd.DataFrame(
        {
            "bib": r.choice(np.arange(1000, 40000), n, replace=False),
            "gender": gender,
            "age": age,
            "age_group": group,
            "half_split_sec": half.round(0).astype(int),
            "finish_time": txt,
            "finish_seconds": fin,
        }
    )


def airline() -> pd.DataFrame:
    r, n = _rng(8), 500
    cls = r.choice(["Business", "Eco", "Eco Plus"], n, p=[0.48, 0.44, 0.08])
    travel = r.choice(["Business travel", "Personal Travel"], n, p=[0.69, 0.31])
    cust = r.choice(["Loyal Customer", "disloyal Customer"], n, p=[0.82, 0.18])
    dist = np.clip(r.gamma(1.9, 620, n), 67, 4983).round(0).astype(int)
    dep = np.where(r.random(n) < 0.56, 0, r.exponential(28, n)).round(0)
    arr = np.clip(dep + r.normal(0, 6, n), 0, None).round(0)
    arr_s = _missing(arr, r, 0.03)
    wifi = r.integers(0, 6, n)
    lin = -1.2 + 2.1 * (cls == "Business") + 1.0 * (travel == "Business travel") + 0.3 * wifi
    lin = lin - 0.01 * dep
    sat = np.where(r.random(n) < _expit(lin), "satisfied", "neutral or dissatisfied")
    return pd.DataFrame(
        {
            "id": r.choice(np.arange(1, 130000), n, replace=False),
            "Gender": r.choice(["Female", "Male"], n),
            "Customer Type": cust,
            "Age": r.integers(7, 86, n),
            "Type of Travel": travel,
            "Class": cls,
            "Flight Distance": dist,
            "Inflight wifi service": wifi,
            "Departure Delay in Minutes": dep.astype(int),
            "Arrival Delay in Minutes": arr_s,
            "satisfaction": sat,
        }
    )


def football() -> pd.DataFrame:
    r, n = _rng(9), 480
    league = r.choice(["Premier League", "La Liga", "Serie A", "Bundesliga"], n)
    mu_home = {"Premier League": 1.55, "La Liga": 1.45, "Serie A": 1.5, "Bundesliga": 1.7}
    hg = r.poisson([mu_home[lg] for lg in league])
    ag = r.poisson([mu_home[lg] - 0.35 for lg in league])
    res = np.where(hg > ag, "H", np.where(hg == ag, "D", "A"))
    cap = {"Premier League": 38000, "La Liga": 32000, "Serie A": 28000, "Bundesliga": 42000}
    att = np.array([cap[lg] for lg in league]) * r.lognormal(0, 0.3, n)
    att_s = pd.Series(att.round(0)).astype("Int64").astype(object)
    att_s[r.random(n) < 0.05] = ""
    season = r.choice(["2022/23", "2023/24"], n)
    return pd.DataFrame(
        {
            "Season": season,
            "League": league,
            "HomeGoals": hg,
            "AwayGoals": ag,
            "FTR": res,
            "HomeShots": hg * 3 + r.poisson(9, n),
            "Attendance": att_s,
        }
    )


def reviews() -> pd.DataFrame:
    r, n = _rng(10), 500
    cat = r.choice(["Electronics", "Books", "Home & Kitchen", "Beauty", "Toys"], n)
    verified = r.choice(["Y", "N"], n, p=[0.8, 0.2])
    p_stars = np.array([0.08, 0.06, 0.1, 0.22, 0.54])
    stars = r.choice([1, 2, 3, 4, 5], n, p=p_stars)
    stars = np.where((verified == "N") & (r.random(n) < 0.3), 5, stars)
    length = (r.lognormal(3.6, 0.8, n) * np.where(stars <= 2, 1.6, 1.0)).round(0).astype(int)
    helpful = r.negative_binomial(1, 1 / (1 + 0.02 * length), n)
    price = r.lognormal(3.0, 0.7, n).round(2)
    return pd.DataFrame(
        {
            "review_id": [f"R{r.integers(10**9, 10**10)}" for _ in range(n)],
            "product_category": cat,
            "star_rating": stars,
            "helpful_votes": helpful,
            "verified_purchase": verified,
            "review_length_words": length,
            "price_usd": _missing(price, r, 0.05),
        }
    )


def glass() -> pd.DataFrame:
    r = _rng(11)
    spec = {1: 70, 2: 76, 3: 17, 5: 13, 6: 9, 7: 29}
    rows = []
    for t, k in spec.items():
        ri = r.normal(1.5184 if t != 7 else 1.5170, 0.0025 if t in (1, 2) else 0.0020, k)
        na = r.normal(13.2 if t < 5 else 14.4, 0.5, k)
        mg = np.clip(r.normal(3.5 if t < 5 else 0.6, 0.3 if t < 5 else 0.6, k), 0, None)
        al = r.normal(1.2 if t != 7 else 2.1, 0.3, k)
        si = r.normal(72.7, 0.6, k)
        ca = 8.9 + (ri - 1.518) * 900 + r.normal(0, 0.5, k)
        for i in range(k):
            rows.append(
                (round(ri[i], 5), round(na[i], 2), round(mg[i], 2), round(al[i], 2),
                 round(si[i], 2), round(ca[i], 2), t)
            )  # fmt: skip
    df = pd.DataFrame(rows, columns=["RI", "Na", "Mg", "Al", "Si", "Ca", "Type"])
    df.insert(0, "Id", np.arange(1, len(df) + 1))
    return df


def pizza() -> pd.DataFrame:
    r, n = _rng(12), 420
    branch = r.choice(["East", "West"], n, p=[0.55, 0.45])
    driver = r.choice(["Bruno", "Domenico", "Luigi", "Mario", "Salvatore"], n)
    dist = np.clip(r.gamma(3, 1.3, n), 0.4, 15)
    slow = {"Bruno": 4, "Domenico": 6, "Luigi": 0, "Mario": 1, "Salvatore": 2}
    mins = 14 + 2.4 * dist + np.array([slow[d] for d in driver]) + r.normal(0, 4, n)
    mins = mins + np.where(branch == "West", 2.5, 0)
    wine = (mins > 40).astype(int)
    pizzas = r.integers(1, 6, n)
    bill = pizzas * r.normal(11.5, 1.8, n) + r.normal(3, 1, n)
    return pd.DataFrame(
        {
            "day": r.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], n),
            "branch": branch,
            "driver": driver,
            "distance (km)": dist.round(2),
            "delivery_min": _missing(mins.round(1), r, 0.04),
            "free_wine": wine,
            "pizzas": pizzas,
            "bill (EUR)": bill.round(2),
        }
    )


def electricity_wide() -> pd.DataFrame:
    r, n = _rng(13), 120
    size = r.choice(["1-2 people", "3-4 people", "5+ people"], n, p=[0.4, 0.45, 0.15])
    heat = r.choice(["gas", "electric", "heat pump"], n, p=[0.6, 0.2, 0.2])
    scale = np.array([{"1-2 people": 180, "3-4 people": 290, "5+ people": 380}[s] for s in size])
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    season = np.array([1.55, 1.45, 1.25, 1.0, 0.85, 0.8, 0.9, 0.88, 0.9, 1.05, 1.3, 1.5])
    heat_f = np.array([{"gas": 0.0, "electric": 1.0, "heat pump": 0.5}[h] for h in heat])
    df = pd.DataFrame(
        {"household": [f"H{i:03d}" for i in range(1, n + 1)], "hh_size": size, "heating": heat}
    )
    house = r.lognormal(0, 0.25, n)
    for j, m in enumerate(months):
        winter = max(season[j] - 1, 0)
        v = scale * house * (season[j] + heat_f * winter * 2.2) * r.normal(1, 0.06, n)
        s = pd.Series(v.round(0)).astype("Int64").astype(object)
        s[r.random(n) < 0.025] = "NA"
        df[f"{m} kWh"] = s
    return df


def crop_long() -> pd.DataFrame:
    r = _rng(14)
    rows = []
    effects = {"none": 0.0, "NPK": 1.1, "manure": 0.8, "NPK+manure": 1.6}
    for block in ["B1", "B2", "B3", "B4", "B5", "B6"]:
        b = r.normal(0, 0.4)
        for fert, eff in effects.items():
            for variety in ["Tybalt", "Skyfall"]:
                for rep in (1, 2, 3):
                    sd = 0.35 if fert == "none" else 0.55
                    y = 6.2 + b + eff + (0.3 if variety == "Skyfall" else 0) + r.normal(0, sd)
                    rows.append((f"{block}-{fert}-{variety}-{rep}", block, fert, variety, y))
    df = pd.DataFrame(rows, columns=["plot", "block", "fertiliser", "variety", "yield_t_ha"])
    df["yield_t_ha"] = df["yield_t_ha"].round(2).astype(object)
    df.loc[r.choice(len(df), 5, replace=False), "yield_t_ha"] = ""
    df["lodging"] = np.where(r.random(len(df)) < 0.15 + 0.1 * (df["fertiliser"] != "none"),
                             "yes", "no")  # fmt: skip
    return df


TABLES = {
    "water_potability_q.csv": water,
    "support_tickets_q.csv": tickets,
    "bp_drug_trial_q.csv": trial,
    "fish_market_q.csv": fish,
    "abalone_q.csv": abalone,
    "dev_salary_survey_q.csv": devsurvey,
    "marathon_results_q.csv": marathon,
    "airline_satisfaction_q.csv": airline,
    "football_matches_q.csv": football,
    "product_reviews_q.csv": reviews,
    "glass_fragments_q.csv": glass,
    "pizza_delivery_q.csv": pizza,
    "household_electricity_wide_q.csv": electricity_wide,
    "crop_trial_plots_q.csv": crop_long,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, na_rep="NA", encoding="utf-8")
        print(f"{name}: {df.shape}")


if __name__ == "__main__":
    main()
