"""Regenerate the tables used by corpus "c" (questions_c.jsonl and scope_c.jsonl).

Run from the repository root:  uv run python bench/srs/corpus/make_tables_c.py

Derived tables come from datasets bundled with statsmodels and pingouin (offline); columns are
renamed into the styles real users' CSVs have (units in brackets, CamelCase, snake_case, trailing
spaces) and coded columns are decoded to text. The engineering, health and environment tables are
simulated with fixed seeds and parameters chosen to be plausible for the quantity (documented
inline). Every table file name ends in ``_c``.
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


def bundled_csv(module, filename: str) -> pd.DataFrame:
    """The raw CSV statsmodels ships, which keeps the labels ``load_pandas`` drops."""
    return pd.read_csv(Path(module.__file__).parent / filename)


# ---------------------------------------------------------------- derived from statsmodels


def copper() -> None:
    d = bundled_csv(sm.datasets.copper, "copper.csv").drop(columns="TIME")
    d.columns = [
        "Year",
        "World Consumption (kt)",
        "Copper Price",
        "Income Index",
        "Aluminium Price",
        "Inventory Index",
    ]
    d["Year"] = d["Year"].astype(int)
    save(d, "copper_market_c.csv")


def stackloss() -> None:
    d = sm.datasets.stackloss.load_pandas().data.astype(int)
    d = d.rename(
        columns={
            "STACKLOSS": "stack_loss",
            "AIRFLOW": "Air Flow",
            "WATERTEMP": "Water Temp (C)",
            "ACIDCONC": "Acid Conc.",
        }
    )
    d.insert(0, "Run", range(1, len(d) + 1))
    save(d[["Run", "Air Flow", "Water Temp (C)", "Acid Conc.", "stack_loss"]], "stack_loss_c.csv")


def engel() -> None:
    d = sm.datasets.engel.load_pandas().data.round(2)
    d = d.rename(columns={"income": "household_income", "foodexp": "food_expenditure"})
    save(d, "household_food_c.csv")


def nile() -> None:
    d = sm.datasets.nile.load_pandas().data.astype(int)
    d.columns = ["Year", "Flow (1e8 m3)"]
    # the Aswan dam (1898) is the textbook change point of this series
    d["Period"] = np.where(d["Year"] < 1899, "before dam", "after dam")
    save(d, "nile_flow_c.csv")


def sunspots() -> None:
    d = sm.datasets.sunspots.load_pandas().data
    d.columns = ["Year", "Sunspot Number"]
    d["Year"] = d["Year"].astype(int)
    d["Century"] = np.select(
        [d["Year"] < 1800, d["Year"] < 1900, d["Year"] < 2000], ["18th", "19th", "20th"], "21st"
    )
    save(d, "sunspots_c.csv")


def spector() -> None:
    d = sm.datasets.spector.load_pandas().data
    out = pd.DataFrame(
        {
            "Student": range(1, len(d) + 1),
            "GPA": d["GPA"],
            "TUCE": d["TUCE"].astype(int),
            "PSI": np.where(d["PSI"] == 1, "Yes", "No"),
            "Grade Improved": np.where(d["GRADE"] == 1, "Yes", "No"),
        }
    )
    save(out, "econ_teaching_c.csv")


def star98() -> None:
    d = sm.datasets.star98.load_pandas().data
    out = pd.DataFrame(
        {
            "District": [f"D{i:03d}" for i in range(1, len(d) + 1)],
            "NumAboveMedian": d["NABOVE"].astype(int),
            "NumBelowMedian": d["NBELOW"].astype(int),
            "PctLowIncome": d["LOWINC"].round(2),
            "PctAsian": d["PERASIAN"].round(2),
            "PctBlack": d["PERBLACK"].round(2),
            "PctHispanic": d["PERHISP"].round(2),
            "TeacherExpYears": d["AVYRSEXP"].round(2),
            "AvgSalary_k": d["AVSALK"].round(2),
            "SpendPerPupil_k": d["PERSPENK"].round(3),
            "PupilTeacherRatio": d["PTRATIO"].round(2),
            "PctAlgebra": d["PCTAF"].round(2),
        }
    )
    out["Pass Rate %"] = (100 * d["NABOVE"] / (d["NABOVE"] + d["NBELOW"])).round(1)
    out["Has Charter"] = np.where(d["PCTCHRT"] > 0, "Yes", "No")
    out["Year-Round"] = np.where(d["PCTYRRND"] > 0, "Yes", "No")
    save(out, "ca_schools_c.csv")


def scotland() -> None:
    d = bundled_csv(sm.datasets.scotland, "scotvote.csv").drop(columns="COUTAX_FEMALEUNEMP")
    d.columns = [
        "Council",
        "Yes Vote %",
        "Council Tax",
        "Female Unemployment %",
        "Mortality Index",
        "Labour Force Participation",
        "GDP",
        "Children 5-15 %",
    ]
    d["Council"] = d["Council"].str.replace("_", " ")
    save(d, "scotland_referendum_c.csv")


def cpunish() -> None:
    d = bundled_csv(sm.datasets.cpunish, "cpunish.csv")
    d.columns = [
        "State",
        "Executions",
        "Median Income",
        "Poverty %",
        "Black %",
        "ViolentCrime_per100k",
        "South",
        "Degree Share",
    ]
    d["South"] = np.where(d["South"] == 1, "Yes", "No")
    save(d, "executions_1996_c.csv")


def committee() -> None:
    d = sm.datasets.committee.load_pandas().data.astype(int)
    d = d.rename(
        columns={
            "BILLS104": "bills_104th",
            "SIZE": "members",
            "SUBS": "subcommittees",
            "STAFF": "staff",
            "PRESTIGE": "prestige",
            "BILLS103": "bills_103rd",
        }
    )
    d["prestige"] = np.where(d["prestige"] == 1, "high", "low")
    save(d, "house_committees_c.csv")


def strikes() -> None:
    d = sm.datasets.strikes.load_pandas().data
    d = d.rename(columns={"duration": "Duration (days)", "iprod": "Industrial Production"})
    d["Duration (days)"] = d["Duration (days)"].astype(int)
    save(d, "strike_durations_c.csv")


# ---------------------------------------------------------------- derived from pingouin


def wine_judges() -> None:
    d = pg.read_dataset("icc").rename(columns={"Scores": "Score"})
    d["Judge"] = "Judge " + d["Judge"]
    save(d, "wine_judges_c.csv")


def fertiliser() -> None:
    d = pg.read_dataset("anova2").rename(
        columns={"Ss": "Plot", "Blend": "Fertiliser", "Yield": "Yield (bu/acre)"}
    )
    save(d, "fertiliser_trial_c.csv")


def meters() -> None:
    d = pg.read_dataset("blandaltman")
    d.columns = ["Meter A (ppm)", "Meter B (ppm)"]
    d.insert(0, "Sample", [f"S{i:02d}" for i in range(1, len(d) + 1)])
    save(d, "meter_comparison_c.csv")


def personality() -> None:
    d = pg.read_dataset("pairwise_corr").round(3)
    save(d, "big_five_c.csv")


def meditation() -> None:
    d = pg.read_dataset("mixed_anova").round(3)
    d = d.rename(columns={"Scores": "Wellbeing Score", "Time": "Month"})
    save(d[["Subject", "Group", "Month", "Wellbeing Score"]], "meditation_study_c.csv")


def cholesterol() -> None:
    d = pg.read_dataset("anova3").round(3)
    d = d.rename(columns={"Cholesterol": "Cholesterol (mmol/L)", "Risk": "Risk Group"})
    save(d, "cholesterol_drug_c.csv")


# ---------------------------------------------------------------- simulated (seeded)


def torque() -> None:
    """3 torque wrenches x 3 operators x 5 readings on a 50 N·m check fixture.

    W-205 is an older click wrench: reads ~0.8 N·m high and scatters twice as much.
    """
    rng = np.random.default_rng(301)
    bias = {"W-101": 0.0, "W-102": 0.15, "W-205": 0.8}
    sd = {"W-101": 0.55, "W-102": 0.6, "W-205": 1.2}
    op = {"Ana": 0.0, "Ben": -0.2, "Chloe": 0.25}
    rows = []
    n = 1
    for w in bias:
        for o in op:
            for _ in range(5):
                t = 50 + bias[w] + op[o] + rng.normal(0, sd[w])
                rows.append((f"R{n:03d}", w, o, round(t, 2)))
                n += 1
    d = pd.DataFrame(rows, columns=["Reading ID", "Wrench", "Operator", "Torque (N·m)"])
    d["Within Spec"] = np.where(d["Torque (N·m)"].between(48.5, 51.5), "Yes", "No")
    save(d, "torque_wrenches_c.csv")


def welds() -> None:
    """96 butt welds, 32 per electrode class; tensile strength in MPa.

    E7018 (low-hydrogen, 70 ksi ≈ 480 MPa minimum) is strongest and most consistent; porosity is
    likelier overhead and makes a failed bend test likelier.
    """
    rng = np.random.default_rng(302)
    mean = {"E6010": 455, "E6013": 468, "E7018": 512}
    sd = {"E6010": 17, "E6013": 14, "E7018": 10}
    rows = []
    n = 1
    for e in mean:
        for _ in range(32):
            welder = rng.choice(["Diaz", "Okafor", "Nguyen", "Smith"])
            pos = rng.choice(["Flat", "Vertical", "Overhead"], p=[0.45, 0.35, 0.2])
            heat = rng.uniform(0.8, 2.0)
            strength = mean[e] - 12 * (heat - 1.4) + rng.normal(0, sd[e])
            p_por = {"Flat": 0.08, "Vertical": 0.15, "Overhead": 0.35}[pos]
            porosity = rng.random() < p_por
            bend = "Fail" if rng.random() < (0.45 if porosity else 0.06) else "Pass"
            rows.append(
                (
                    f"WLD-{n:03d}",
                    e,
                    welder,
                    pos,
                    round(heat, 2),
                    round(strength, 1),
                    "Yes" if porosity else "No",
                    bend,
                )
            )
            n += 1
    cols = [
        "Weld ID",
        "Electrode",
        "Welder",
        "Position",
        "Heat Input (kJ/mm)",
        "Tensile Strength (MPa)",
        "Porosity",
        "Bend Test",
    ]
    save(pd.DataFrame(rows, columns=cols), "weld_strength_c.csv")


def dryers() -> None:
    """90 batches of granulate through three fluid-bed dryers; spec 4.5-7.0 % moisture.

    Hotter inlet air and longer residence dry more; dryer D3 has a worn distributor plate and
    scatters more.
    """
    rng = np.random.default_rng(303)
    rows = []
    for i in range(90):
        dryer = ["D1", "D2", "D3"][i % 3]
        temp = rng.uniform(168, 182)
        res = rng.uniform(20, 28)
        noise = rng.normal(0, 0.6 if dryer == "D3" else 0.2)
        moist = 5.8 - 0.045 * (temp - 175) - 0.06 * (res - 24) + noise
        shift = "Day" if rng.random() < 0.55 else "Night"
        rows.append((1001 + i, dryer, shift, round(temp, 1), round(res, 1), round(moist, 2)))
    cols = ["batch_no", "dryer", "shift", "inlet_temp_C", "residence_min", "moisture_pct"]
    save(pd.DataFrame(rows, columns=cols), "dryer_moisture_c.csv")


def call_centre() -> None:
    """300 calls to a utility's contact centre; waits are exponential with a queue-dependent mean."""
    rng = np.random.default_rng(304)
    wait_mean = {"Billing": 95, "Technical": 150, "Sales": 55}
    rows = []
    for i in range(300):
        q = rng.choice(list(wait_mean), p=[0.45, 0.35, 0.2])
        channel = "Chat" if rng.random() < 0.3 else "Phone"
        hour = int(rng.integers(8, 20))
        wait = rng.exponential(wait_mean[q])
        handle = rng.gamma(3.0, 2.2 if q != "Technical" else 3.0)
        tenure = int(rng.integers(1, 61))
        fcr = rng.random() < (0.55 + 0.005 * tenure - (0.15 if q == "Technical" else 0))
        p_sat = 0.8 - wait / 600 + (0.1 if fcr else -0.2)
        csat = int(np.clip(np.round(rng.normal(2.2 + 2.4 * p_sat, 0.8)), 1, 5))
        rows.append(
            (
                f"C{20000 + i}",
                q,
                channel,
                hour,
                round(wait, 1),
                round(handle, 2),
                tenure,
                "Yes" if fcr else "No",
                csat,
            )
        )
    cols = [
        "CallID",
        "Queue",
        "Channel",
        "HourOfDay",
        "WaitTimeSec",
        "HandleTimeMin",
        "AgentTenureMonths",
        "FirstCallResolution",
        "CSAT",
    ]
    d = pd.DataFrame(rows, columns=cols)
    d["Satisfied"] = np.where(d["CSAT"] >= 4, "Yes", "No")
    save(d, "call_centre_c.csv")


def air_quality() -> None:
    """Daily means at four monitoring stations over 60 days; PM2.5 is lognormal, lower in wind."""
    rng = np.random.default_rng(305)
    base = {"Harbour": 2.7, "Downtown": 2.9, "Airport": 2.6, "Parkside": 2.2}
    dates = pd.date_range("2023-01-02", periods=60, freq="D")
    temp = 4 + 3 * np.sin(np.arange(60) / 9) + rng.normal(0, 2, 60)
    rows = []
    for st, b in base.items():
        for k, day in enumerate(dates):
            wind = rng.gamma(2.5, 1.4)
            hum = np.clip(rng.normal(75, 10), 35, 100)
            log_pm = b - 0.12 * (wind - 3.5) + 0.006 * (hum - 75) + rng.normal(0, 0.35)
            pm = np.exp(log_pm)
            no2 = max(3.0, 8 + 0.9 * pm + rng.normal(0, 5) + (6 if st == "Downtown" else 0))
            ozone = max(2.0, 30 + 1.5 * wind - 0.25 * no2 + rng.normal(0, 4))
            t = temp[k] + rng.normal(0, 0.6)
            rows.append(
                (
                    day.date().isoformat(),
                    st,
                    round(pm, 1),
                    round(no2, 1),
                    round(ozone, 1),
                    round(t, 1),
                    round(hum, 0),
                    round(wind, 1),
                )
            )
    cols = [
        "Date",
        "Station",
        "PM2.5 (µg/m³)",
        "NO2_ppb",
        "Ozone_ppb",
        "Temp_C",
        "RelHumidity",
        "WindSpeed_ms",
    ]
    d = pd.DataFrame(rows, columns=cols)
    d["AQI Category"] = pd.cut(
        d["PM2.5 (µg/m³)"], [0, 12, 35.4, 1000], labels=["Good", "Moderate", "Unhealthy"]
    ).astype(str)
    save(d, "air_quality_c.csv")


def patients() -> None:
    """200 outpatients: blood pressure rises with age and BMI; smokers slightly higher."""
    rng = np.random.default_rng(306)
    rows = []
    for i in range(200):
        age = int(rng.integers(25, 86))
        sex = "M" if rng.random() < 0.48 else "F"
        smoker = "Yes" if rng.random() < 0.22 else "No"
        bmi = np.clip(rng.normal(27.5, 4.8), 17, 48)
        sbp = 95 + 0.55 * age + 0.9 * (bmi - 25) + (4 if smoker == "Yes" else 0)
        sbp += rng.normal(0, 11)
        dbp = 0.45 * sbp + 22 + rng.normal(0, 6)
        chol = rng.normal(195 + 0.4 * (age - 50) + (8 if smoker == "Yes" else 0), 32)
        p_diab = 1 / (1 + np.exp(-(-6.0 + 0.04 * age + 0.1 * (bmi - 25) + 0.06 * 25)))
        diab = "Yes" if rng.random() < p_diab else "No"
        ward = rng.choice(["Cardiology", "General", "Renal"], p=[0.4, 0.4, 0.2])
        rows.append(
            (f"P{1000 + i}", age, sex, smoker, round(bmi, 1), round(sbp), round(dbp), round(chol),
             diab, ward)
        )  # fmt: skip
    cols = [
        "PatientID",
        "Age",
        "Sex",
        "Smoker",
        "BMI",
        "Systolic BP",
        "Diastolic BP",
        "Total Cholesterol (mg/dL)",
        "Diabetes",
        "Clinic",
    ]
    save(pd.DataFrame(rows, columns=cols), "patient_vitals_c.csv")


def led_life() -> None:
    """120 LED modules on accelerated life test: hours to L70 are Weibull (shape ~2.3)."""
    rng = np.random.default_rng(307)
    scale = {"Lumitek": 9000, "BrightCo": 7600, "Voltiq": 8300}
    temp_factor = {45: 1.0, 65: 0.72, 85: 0.5}
    rows = []
    n = 1
    for sup, eta in scale.items():
        for temp, f in temp_factor.items():
            for _ in range(40 // 3 + (1 if temp == 45 else 0)):
                hours = eta * f * rng.weibull(2.3)
                mode = rng.choice(
                    ["Lumen decay", "Driver failure", "Open circuit"],
                    p=[0.6, 0.3, 0.1] if sup != "BrightCo" else [0.45, 0.45, 0.1],
                )
                rows.append((f"LED{n:04d}", sup, temp, round(hours), mode))
                n += 1
    cols = ["unit_id", "driver_supplier", "ambient_temp_C", "hours_to_L70", "failure_mode"]
    save(pd.DataFrame(rows, columns=cols), "led_lifetime_c.csv")


def gage() -> None:
    """Crossed gage R&R: 10 parts x 3 operators x 3 trials, sheet thickness around 2.50 mm."""
    rng = np.random.default_rng(308)
    parts = 2.50 + rng.normal(0, 0.04, 10)
    op = {"Kim": 0.0, "Lee": 0.006, "Patel": -0.004}
    rows = []
    for p in range(10):
        for o, b in op.items():
            for t in (1, 2, 3):
                rows.append((p + 1, o, t, round(parts[p] + b + rng.normal(0, 0.008), 3)))
    cols = ["Part", "Operator", "Trial", "Thickness (mm)"]
    save(pd.DataFrame(rows, columns=cols), "gage_thickness_c.csv")


def fill_subgroups() -> None:
    """25 hourly subgroups of 5 bottles on a 500 mL filler; the nozzle drifts up after hour 18."""
    rng = np.random.default_rng(309)
    rows = []
    for g in range(1, 26):
        shift = 1.2 if g >= 19 else 0.0
        for k in range(5):
            rows.append((g, f"{6 + (g - 1) % 24:02d}:00", k + 1,
                         round(500.4 + shift + rng.normal(0, 0.9), 1)))  # fmt: skip
    cols = ["Subgroup", "Hour", "Bottle", "Fill Volume (mL)"]
    save(pd.DataFrame(rows, columns=cols), "bottle_fill_c.csv")


def main() -> None:
    for make in (
        copper, stackloss, engel, nile, sunspots, spector, star98, scotland, cpunish, committee,
        strikes, wine_judges, fertiliser, meters, personality, meditation, cholesterol,
        torque, welds, dryers, call_centre, air_quality, patients, led_life, gage, fill_subgroups,
    ):  # fmt: skip
        make()


if __name__ == "__main__":
    main()
