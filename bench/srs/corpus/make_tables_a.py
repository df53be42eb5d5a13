"""Regenerate the tables used by corpus "a" (questions_a.jsonl).

Run from the repository root:  uv run python bench/srs/corpus/make_tables_a.py

Derived tables come from datasets bundled with statsmodels and pingouin (offline);
columns are renamed into the styles real users' CSVs have and large tables are
subsampled with a fixed seed. The four engineering/quality tables are simulated
with fixed seeds and plausible parameters for the quantity (documented inline).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import statsmodels.api as sm

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT / name, index=False, encoding="utf-8")
    print(f"{name}: {df.shape[0]} rows x {df.shape[1]} cols")


def penguins() -> None:
    d = pg.read_dataset("penguins").rename(
        columns={"bill_length_mm": "culmen_length_mm", "bill_depth_mm": "culmen_depth_mm"}
    )
    d["sex"] = d["sex"].str.upper()
    save(d, "penguins_size.csv")


def tips() -> None:
    d = pg.read_dataset("tips").rename(
        columns={
            "total_bill": "Total Bill",
            "tip": "Tip ($)",
            "sex": "Sex",
            "smoker": "Smoker",
            "day": "Day",
            "time": "Time",
            "size": "Party Size",
        }
    )
    save(d, "restaurant_tips.csv")


def statecrime() -> None:
    d = sm.datasets.statecrime.load_pandas().data.reset_index()
    d.columns = [
        "State",
        "Violent Crime Rate",
        "Murder Rate",
        "HS Grad %",
        "Poverty %",
        "Single Parent %",
        "White %",
        "Urban % ",  # trailing space, as in many scraped CSVs
    ]
    save(d, "us_states_crime.csv")


def affairs() -> None:
    d = sm.datasets.fair.load_pandas().data.sample(n=500, random_state=7).reset_index(drop=True)
    d = d.rename(
        columns={
            "rate_marriage": "RateMarriage",
            "age": "Age",
            "yrs_married": "YearsMarried",
            "children": "NumChildren",
            "religious": "Religiousness",
            "educ": "EducationYears",
            "occupation": "Occupation",
            "occupation_husb": "OccupationHusband",
            "affairs": "AffairsTime",
        }
    )
    d["HadAffair"] = np.where(d["AffairsTime"] > 0, "Yes", "No")
    d["AffairsTime"] = d["AffairsTime"].round(4)
    save(d, "marital_affairs.csv")


def anes() -> None:
    d = sm.datasets.anes96.load_pandas().data.sample(n=500, random_state=11)
    d = d.sort_index().reset_index(drop=True)
    party = {
        0: "Strong Democrat",
        1: "Weak Democrat",
        2: "Independent-Democrat",
        3: "Independent",
        4: "Independent-Republican",
        5: "Weak Republican",
        6: "Strong Republican",
    }
    educ = {
        1: "Grade 1-8",
        2: "Some high school",
        3: "High school graduate",
        4: "Some college",
        5: "Associate degree",
        6: "Bachelor's degree",
        7: "Advanced degree",
    }
    out = pd.DataFrame(
        {
            "respondent_id": np.arange(1001, 1001 + len(d)),
            "pop_density": d["popul"],
            "tv_news_days": d["TVnews"].astype(int),
            "self_lr": d["selfLR"].astype(int),
            "clinton_lr": d["ClinLR"].astype(int),
            "dole_lr": d["DoleLR"].astype(int),
            "party_id": d["PID"].astype(int).map(party),
            "age": d["age"].astype(int),
            "education": d["educ"].astype(int).map(educ),
            "income_bracket": d["income"].astype(int),
            "vote": np.where(d["vote"] == 1, "Dole", "Clinton"),
        }
    )
    save(out, "election_survey_1996.csv")


def grunfeld() -> None:
    d = sm.datasets.grunfeld.load_pandas().data
    out = pd.DataFrame(
        {
            "Firm": d["firm"],
            "Year": d["year"].astype(int),
            "Investment": d["invest"],
            "Market Value": d["value"],
            "Capital Stock": d["capital"],
        }
    )
    save(out, "grunfeld_investment.csv")


def macro() -> None:
    d = sm.datasets.macrodata.load_pandas().data.rename(
        columns={
            "realgdp": "real_gdp",
            "realcons": "real_consumption",
            "realinv": "real_investment",
            "realgovt": "real_gov_spending",
            "realdpi": "real_disposable_income",
            "tbilrate": "tbill_rate",
            "unemp": "unemployment_rate",
            "pop": "population",
            "infl": "inflation",
            "realint": "real_interest_rate",
        }
    )
    d["year"] = d["year"].astype(int)
    d["quarter"] = d["quarter"].astype(int)
    save(d, "us_macro_quarterly.csv")


def fertility() -> None:
    d = sm.datasets.fertility.load_pandas().data
    years = ["1960", "1970", "1980", "1990", "2000", "2005", "2010", "2011"]
    out = d[["Country Name", "Country Code", *years]].dropna().reset_index(drop=True)
    out[years] = out[years].round(3)
    save(out, "fertility_rates_wide.csv")


def heart() -> None:
    save(pg.read_dataset("chi2_independence"), "heart.csv")


def pain() -> None:
    save(pg.read_dataset("anova"), "pain_threshold.csv")


# ---- engineering / quality tables (simulated with fixed seeds) ----------------


def shafts() -> None:
    # Turned shafts, nominal 25.000 mm, tolerance +-0.025 mm. Machine M3 is older
    # (wider spread); night shift runs slightly warmer.
    rng = np.random.default_rng(2024)
    ops = {"Day": ["Alvarez", "Brooks"], "Night": ["Chen", "Dubois"]}
    spec = {"M1": (25.002, 0.006), "M2": (25.000, 0.009), "M3": (24.998, 0.016)}
    rows = []
    pid = 5001
    for machine, (mu, sd) in spec.items():
        for i in range(32):
            shift = "Day" if i % 2 == 0 else "Night"
            temp = rng.normal(36.5 if shift == "Day" else 38.5, 1.2)
            diam = rng.normal(mu + 0.0015 * (temp - 37.5), sd)
            rough = rng.lognormal(np.log(0.8), 0.25)
            rows.append(
                {
                    "PartID": f"S{pid}",
                    "Machine": machine,
                    "Shift": shift,
                    "Operator": ops[shift][(i // 2) % 2],
                    "Diameter_mm": round(diam, 4),
                    "Roughness_Ra_um": round(rough, 3),
                    "Spindle_Temp_C": round(temp, 1),
                    "InSpec": "Yes" if abs(diam - 25.0) <= 0.025 else "No",
                }
            )
            pid += 1
    save(pd.DataFrame(rows), "shaft_diameters.csv")


def suppliers() -> None:
    # Incoming inspection of cast lots; reject rates and delivery times differ by supplier.
    rng = np.random.default_rng(77)
    sup = {
        "Acme Castings": (0.012, 6.0),
        "Birch Metals": (0.020, 9.0),
        "Corvex": (0.008, 4.5),
        "Delta Alloys": (0.030, 12.0),
    }
    types = ["Porosity", "Crack", "Dimensional", "Surface finish"]
    rows = []
    lot = 23001
    for s, (p, days) in sup.items():
        for i in range(30):
            n = int(rng.choice([50, 80, 125, 200]))
            k = int(rng.binomial(n, p))
            plant = "North" if i % 3 else "South"
            rows.append(
                {
                    "Lot No": lot,
                    "Supplier": s,
                    "Plant": plant,
                    "Units Inspected": n,
                    "Defects Found": k,
                    "Main Defect Type": "None" if k == 0 else types[int(rng.integers(0, 4))],
                    "Inspection Result": "Reject" if k / n > 0.02 else "Accept",
                    "Days to Delivery": round(float(rng.gamma(4.0, days / 4.0)), 1),
                    "Unit Price (USD)": round(float(rng.normal(14.0, 0.8)) + (p * 20), 2),
                }
            )
            lot += 1
    save(pd.DataFrame(rows), "supplier_lots.csv")


def lab() -> None:
    # Spiked QC samples (true 50 mg/L) measured on three instruments by three analysts.
    rng = np.random.default_rng(5)
    inst = {"HPLC-1": (50.1, 0.6), "HPLC-2": (49.8, 0.9), "UV-Vis": (50.6, 1.8)}
    rows = []
    sid = 1
    for name, (mu, sd) in inst.items():
        for i in range(24):
            c = rng.normal(mu, sd)
            rows.append(
                {
                    "Sample ID": f"QC-{sid:03d}",
                    "Instrument": name,
                    "Analyst": ["AK", "BL", "CM"][i % 3],
                    "Concentration (mg/L)": round(c, 2),
                    "Recovery (%) ": round(100 * c / 50.0, 1),
                    "Run Time (min)": round(
                        float(rng.normal(12.0 if "HPLC" in name else 4.0, 0.4)), 2
                    ),
                    "Lab Temp (°C)": round(float(rng.normal(21.5, 0.7)), 1),
                }
            )
            sid += 1
    save(pd.DataFrame(rows), "lab_qc_assay.csv")


def pumps() -> None:
    # Field failures of centrifugal pumps: hours to failure roughly Weibull (wear-out,
    # shape ~1.6); bearings fail earlier than seals.
    rng = np.random.default_rng(31)
    modes = ["Bearing", "Seal", "Impeller", "Motor"]
    scale = {"Bearing": 5200, "Seal": 7800, "Impeller": 9500, "Motor": 11000}
    sites = ["Rotterdam", "Houston", "Singapore"]
    rows = []
    for i in range(150):
        mode = modes[int(rng.choice(4, p=[0.4, 0.3, 0.15, 0.15]))]
        h = scale[mode] * rng.weibull(1.6)
        vib = rng.normal(2.8, 0.6) + 2000.0 / (h + 1500.0)
        rows.append(
            {
                "pump_id": f"P-{1100 + i}",
                "site": sites[i % 3],
                "failure_mode": mode,
                "hours_to_failure": round(float(h), 0),
                "vibration_mm_s": round(float(vib), 2),
                "flow_m3h": round(float(rng.normal(120, 15)), 1),
                "repair_cost_eur": round(float(rng.lognormal(np.log(1800), 0.5)), 0),
            }
        )
    save(pd.DataFrame(rows), "pump_failures.csv")


if __name__ == "__main__":
    for f in (penguins, tips, statecrime, affairs, anes, grunfeld, macro, fertility, heart, pain):
        f()
    for f in (shafts, suppliers, lab, pumps):
        f()
