"""Write the tables of corpus u (blind, five description families) into tables/*_u.csv.

Two tables come from datasets bundled with scikit-learn (no network): the diabetes progression
study (unscaled values) and the Linnerud fitness data. The other seven are simulated with fixed
numpy seeds and parameters chosen to be plausible for the domain. Output is byte-identical on
re-run.

Run:  uv run python bench/srs/corpus/make_tables_u.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import load_diabetes, load_linnerud

OUT = Path(__file__).resolve().parent / "tables"


def write(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def diabetes() -> pd.DataFrame:
    d = load_diabetes(as_frame=True, scaled=False).frame
    df = pd.DataFrame(
        {
            "Age": d["age"].astype(int),
            "Sex": d["sex"].astype(int),
            "BMI (kg/m2)": d["bmi"],
            "Mean Arterial BP": d["bp"],
            "TC": d["s1"],
            "LDL": d["s2"],
            "HDL": d["s3"],
            "TCH": d["s4"],
            "LTG": d["s5"].round(4),
            "GLU": d["s6"],
            "Disease Progression": d["target"].astype(int),
        }
    )
    df["Obese"] = np.where(df["BMI (kg/m2)"] >= 30, "Y", "N")
    df["Age Band"] = pd.cut(df["Age"], [0, 39, 59, 200], labels=["<40", "40-59", "60+"]).astype(str)
    return df


def linnerud() -> pd.DataFrame:
    data = load_linnerud(as_frame=True)
    f = data.frame.astype(int)
    return f.rename(
        columns={"Weight": "Weight (lb)", "Waist": "Waist (in)", "Pulse": "Pulse (bpm)"}
    )


def ward_audit() -> pd.DataFrame:
    rng = np.random.default_rng(5101)
    n = 480
    wards = np.array(["Cardiology", "Oncology", "Orthopaedics", "Geriatrics", "Surgical"])
    ward = rng.choice(wards, n, p=[0.22, 0.18, 0.2, 0.22, 0.18])
    shift = rng.choice(["Day", "Night"], n, p=[0.6, 0.4])
    grade = rng.choice(["Band 5", "Band 6", "Band 7"], n, p=[0.55, 0.3, 0.15])
    weekend = (rng.random(n) < 2 / 7).astype(int)
    patients = rng.integers(14, 31, n)
    nurses = np.maximum(
        2, np.round(patients / np.where(shift == "Day", 5.5, 8.0) + rng.normal(0, 0.6, n))
    )
    ratio = np.round(patients / nurses, 1)
    hh = np.clip(
        rng.normal(91, 4, n) - 1.5 * (shift == "Night") - 0.6 * (ratio - 6), 60, 100
    ).round(1)
    geri = ward == "Geriatrics"
    falls = rng.poisson(0.25 + 0.5 * geri + 0.15 * (shift == "Night"))
    pu_p = 0.05 + 0.09 * geri + 0.04 * (ward == "Orthopaedics")
    pressure = np.where(rng.random(n) < pu_p, "Y", "N")
    med_round = np.round(
        rng.gamma(9, 0.55 * patients / 9 * 1.6, n) + 10 * (ward == "Oncology"), 0
    ).astype(int)
    bell = np.round(
        rng.lognormal(np.log(95) + 0.05 * (ratio - 6) + 0.25 * (shift == "Night"), 0.45, n), 0
    ).astype(int)
    date = pd.Timestamp("2023-01-02") + pd.to_timedelta(np.sort(rng.integers(0, 364, n)), unit="D")
    return pd.DataFrame(
        {
            "Audit ID": [f"WA-{i:04d}" for i in range(1, n + 1)],
            "Audit Date": date.strftime("%Y-%m-%d"),
            "Ward": ward,
            "Shift": shift,
            "Weekend": weekend,
            "Nurse in Charge Grade": grade,
            "Patients on Ward": patients,
            "Patients per RN": ratio,
            "Hand Hygiene Compliance (%)": hh,
            "Falls": falls,
            "Pressure Ulcer": pressure,
            "Med Round Duration [min]": med_round,
            "Call Bell Response (s)": bell,
        }
    )


def district_scores() -> pd.DataFrame:
    rng = np.random.default_rng(5102)
    n = 240
    district = rng.choice(["North", "South", "East", "West", "Central"], n)
    stype = rng.choice(["Public", "Charter", "Magnet"], n, p=[0.7, 0.2, 0.1])
    frl = np.clip(
        rng.beta(2.2, 2.5, n) * 100 + 12 * (district == "South") - 10 * (district == "West"), 2, 99
    ).round(1)
    enrol = np.round(rng.lognormal(np.log(520), 0.4, n)).astype(int)
    class_size = np.clip(rng.normal(24, 3, n) - 2 * (stype == "Magnet"), 15, 34).round(1)
    title1 = np.where(frl > 50, "Y", "N")
    base = 262 - 0.45 * frl + 6 * (stype == "Magnet") + rng.normal(0, 8, n)
    cols = {}
    for yr, shift in [(2019, 0), (2021, -7), (2022, -4), (2023, -2)]:
        cols[f"Math{yr}"] = (base + shift + rng.normal(0, 4 + 2 * (yr == 2021), n)).round(1)
    rbase = base + 4 + rng.normal(0, 5, n)
    for yr, shift in [(2019, 0), (2021, -4), (2022, -2), (2023, -1)]:
        cols[f"Read{yr}"] = (rbase + shift + rng.normal(0, 4, n)).round(1)
    att = np.clip(rng.normal(94, 2.2, n) - 0.03 * frl, 80, 99.5).round(1)
    df = pd.DataFrame(
        {
            "SchoolCode": [f"SC{1000 + i}" for i in range(n)],
            "District": district,
            "SchoolType": stype,
            "TitleI": title1,
            "Enrollment": enrol,
            "FRL_pct": frl,
            "AvgClassSize": class_size,
            "AttendanceRate": att,
            **cols,
        }
    )
    miss = rng.random(n) < 0.04
    df.loc[miss, "Math2021"] = np.nan
    return df


def brewery() -> pd.DataFrame:
    rng = np.random.default_rng(5103)
    n = 360
    styles = np.array(["IPA", "Stout", "Lager", "Pilsner", "Hefeweizen"])
    style = rng.choice(styles, n, p=[0.3, 0.15, 0.2, 0.2, 0.15])
    og_mu = {"IPA": 1.062, "Stout": 1.070, "Lager": 1.048, "Pilsner": 1.046, "Hefeweizen": 1.050}
    og = np.array([og_mu[s] for s in style]) + rng.normal(0, 0.004, n)
    atten = np.clip(rng.normal(0.76, 0.035, n) - 0.05 * (style == "Stout"), 0.6, 0.88)
    fg = 1 + (og - 1) * (1 - atten)
    abv = (og - fg) * 131.25
    ibu_mu = {"IPA": 62, "Stout": 38, "Lager": 20, "Pilsner": 34, "Hefeweizen": 13}
    ibu = np.array([ibu_mu[s] for s in style]) * rng.lognormal(0, 0.12, n)
    lager = np.isin(style, ["Lager", "Pilsner"])
    fdays = np.round(np.where(lager, rng.normal(21, 3.5, n), rng.normal(10, 1.6, n))).astype(int)
    mash = rng.normal(66.5, 0.9, n).round(1)
    fermenter = rng.choice(["FV1", "FV2", "FV3", "FV4"], n)
    pitch = np.where(
        lager, rng.normal(10, 0.8, n), rng.normal(18.5, 0.8, n) + 0.7 * (fermenter == "FV4")
    ).round(1)
    diacetyl = np.round(
        rng.lognormal(np.log(45) + 0.3 * lager - 0.02 * (fdays - 14), 0.5, n), 0
    ).astype(int)
    brewer = rng.choice(["JK", "MS", "AL"], n, p=[0.4, 0.35, 0.25])
    pack = rng.choice(["Keg", "Can", "Bottle"], n, p=[0.45, 0.35, 0.2])
    qc_p = 0.93 - 0.10 * (diacetyl > 100) - 0.04 * (brewer == "AL")
    qc = np.where(rng.random(n) < qc_p, "Y", "N")
    vol = np.round(rng.normal(19.6, 0.35, n) - 0.3 * (style == "Hefeweizen"), 2)
    date = pd.Timestamp("2022-01-04") + pd.to_timedelta(np.sort(rng.integers(0, 720, n)), unit="D")
    return pd.DataFrame(
        {
            "Batch No": [f"B{2200 + i}" for i in range(n)],
            "Brew Date": date.strftime("%d/%m/%Y"),
            "Style": style,
            "Brewer": brewer,
            "Fermenter": fermenter,
            "OG": og.round(4),
            "FG": fg.round(4),
            "ABV (%)": abv.round(2),
            "IBU": ibu.round(1),
            "Mash Temp [°C]": mash,
            "Pitch Temp [°C]": pitch,
            "Ferment Days": fdays,
            "Diacetyl (ppb)": diacetyl,
            "Volume (hL)": vol,
            "Package": pack,
            "QC Pass": qc,
        }
    )


def rides() -> pd.DataFrame:
    rng = np.random.default_rng(5104)
    n = 500
    riders = np.array(["Anke", "Bruno", "Carla", "Dev", "Erin", "Femi", "Gus", "Hana"])
    rider = rng.choice(riders, n)
    bike = rng.choice(["Road", "Gravel", "MTB", "E-bike"], n, p=[0.5, 0.25, 0.15, 0.1])
    group = np.where(rng.random(n) < 0.45, "Y", "N")
    dist = np.round(rng.gamma(4.0, 14, n) * np.where(bike == "MTB", 0.6, 1.0) + 8, 1)
    elev = np.round(dist * rng.lognormal(np.log(9) + 0.6 * (bike == "MTB"), 0.45, n)).astype(int)
    speed_mu = {"Road": 27.5, "Gravel": 22.0, "MTB": 15.5, "E-bike": 24.5}
    speed = (
        np.array([speed_mu[b] for b in bike])
        + 1.2 * (group == "Y")
        - 0.12 * elev / dist
        + rng.normal(0, 2, n)
    )
    speed = np.clip(speed, 9, 40).round(1)
    moving = np.round(dist / speed * 60).astype(int)
    avg_hr = (
        np.clip(rng.normal(142, 10, n) + 0.25 * (speed - 24) - 15 * (bike == "E-bike"), 95, 185)
        .round(0)
        .astype(int)
    )
    max_hr = (avg_hr + rng.gamma(6, 5, n)).round(0).astype(int)
    cad = np.clip(rng.normal(86, 6, n) - 10 * (bike == "MTB"), 55, 110).round(0).astype(int)
    temp = np.round(rng.normal(15, 7, n), 1)
    weekday = rng.choice(
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        n,
        p=[0.08, 0.12, 0.12, 0.12, 0.06, 0.27, 0.23],
    )
    puncture = (rng.random(n) < 0.04 + 0.06 * (bike == "Gravel") + 0.0004 * dist).astype(int)
    kcal = np.round(moving * (avg_hr - 60) * 0.11 + rng.normal(0, 40, n)).astype(int)
    return pd.DataFrame(
        {
            "ride_id": np.arange(1, n + 1),
            "rider": rider,
            "weekday": weekday,
            "bike_type": bike,
            "group_ride": group,
            "distance_km": dist,
            "elevation_gain_m": elev,
            "moving_time_min": moving,
            "avg_speed_kmh": speed,
            "avg_hr_bpm": avg_hr,
            "max_hr_bpm": max_hr,
            "cadence_rpm": cad,
            "temp_c": temp,
            "kcal": kcal,
            "puncture": puncture,
        }
    )


def milk() -> pd.DataFrame:
    rng = np.random.default_rng(5105)
    n = 480
    breed = rng.choice(
        ["Holstein", "Jersey", "Brown Swiss", "Fleckvieh"], n, p=[0.45, 0.2, 0.15, 0.2]
    )
    herd = rng.choice(["A", "B", "C"], n)
    parity = rng.choice([1, 2, 3, 4, 5], n, p=[0.3, 0.27, 0.2, 0.14, 0.09])
    dim = rng.integers(5, 305, n)
    season = rng.choice(["Winter", "Spring", "Summer", "Autumn"], n)
    feed = rng.choice(["TMR", "Pasture"], n, p=[0.65, 0.35])
    peak = {"Holstein": 38, "Jersey": 26, "Brown Swiss": 32, "Fleckvieh": 30}
    a = np.array([peak[b] for b in breed])
    # Wood's lactation curve shape, a bit higher for later parities and TMR feeding
    yld = a * (dim / 50) ** 0.18 * np.exp(-0.0032 * (dim - 50)) * (
        1 + 0.05 * np.minimum(parity - 1, 2)
    ) + 2.5 * (feed == "TMR")
    yld = np.round(yld + rng.normal(0, 3, n), 1)
    fat_mu = {"Holstein": 3.9, "Jersey": 4.9, "Brown Swiss": 4.1, "Fleckvieh": 4.2}
    fat = np.round(
        np.array([fat_mu[b] for b in breed]) - 0.02 * (yld - 30) + rng.normal(0, 0.25, n), 2
    )
    prot = np.round(0.62 * fat + 0.9 + rng.normal(0, 0.12, n), 2)
    scc = np.round(rng.lognormal(np.log(140) + 0.15 * (parity - 1), 0.8, n)).astype(int)
    mast = np.where(rng.random(n) < 0.03 + 0.25 * (scc > 400), "Y", "N")
    return pd.DataFrame(
        {
            "CowID": [f"DE{rng.integers(10**7, 10**8)}" for _ in range(n)],
            "Herd": herd,
            "Breed": breed,
            "Parity": parity,
            "DaysInMilk": dim,
            "Season": season,
            "Feed": feed,
            "MilkYield_kg": yld,
            "FatPct": fat,
            "ProteinPct": prot,
            "SCC (x1000 cells/mL)": scc,
            "Mastitis": mast,
        }
    )


def returns() -> pd.DataFrame:
    rng = np.random.default_rng(5106)
    n = 500
    cat = rng.choice(
        ["Apparel", "Footwear", "Electronics", "Home", "Beauty"], n, p=[0.32, 0.18, 0.18, 0.2, 0.12]
    )
    channel = rng.choice(["App", "Web"], n, p=[0.55, 0.45])
    mu = {"Apparel": 3.9, "Footwear": 4.3, "Electronics": 5.0, "Home": 4.0, "Beauty": 3.3}
    value = np.round(rng.lognormal(np.array([mu[c] for c in cat]), 0.55, n), 2)
    items = 1 + rng.poisson(np.where(np.isin(cat, ["Apparel", "Beauty"]), 1.3, 0.5))
    discount = (rng.random(n) < 0.35).astype(int)
    rp = {"Apparel": 0.32, "Footwear": 0.26, "Electronics": 0.09, "Home": 0.1, "Beauty": 0.05}
    p = np.array([rp[c] for c in cat]) + 0.05 * discount + 0.03 * (channel == "Web")
    returned = rng.random(n) < p
    reasons = np.array(["Wrong size", "Damaged", "Not as described", "Changed mind"])
    reason = np.where(
        returned,
        np.where(
            np.isin(cat, ["Apparel", "Footwear"]),
            rng.choice(reasons, n, p=[0.55, 0.1, 0.15, 0.2]),
            rng.choice(reasons, n, p=[0.02, 0.38, 0.3, 0.3]),
        ),
        "",
    )
    days_ret = np.where(returned, np.round(rng.exponential(7.5, n) + 1).astype(int), -1)
    tenure = np.round(rng.gamma(1.6, 14, n)).astype(int)
    delivery = 1 + rng.poisson(np.where(cat == "Home", 3.5, 2.0))
    rating = np.where(
        returned,
        rng.choice([1, 2, 3, 4, 5], n, p=[0.3, 0.3, 0.2, 0.12, 0.08]),
        rng.choice([1, 2, 3, 4, 5], n, p=[0.03, 0.05, 0.15, 0.35, 0.42]),
    )
    df = pd.DataFrame(
        {
            "Order ID": [f"ORD-{700000 + 13 * i}" for i in range(n)],
            "Order Month": rng.choice([f"2024-{m:02d}" for m in range(1, 13)], n),
            "Category": cat,
            "Channel": channel,
            "Order Value (EUR)": value,
            "Items": items,
            "Discount Used": discount,
            "Delivery Days": delivery,
            "Customer Tenure (months)": tenure,
            "Returned": np.where(returned, "Yes", "No"),
            "Return Reason": reason,
            "Days to Return": days_ret,
            "Review Stars": rating,
        }
    )
    df["Days to Return"] = df["Days to Return"].astype("Int64").where(returned)
    df["Return Reason"] = df["Return Reason"].replace("", np.nan)
    return df


def water() -> pd.DataFrame:
    rng = np.random.default_rng(5107)
    sites = ["Reservoir", "Plant Outlet", "Zone A Tap", "Zone B Tap", "Zone C Tap"]
    rows = []
    for year in range(2019, 2024):
        for site in sites:
            for _ in range(20):
                rows.append((year, site))
    df = pd.DataFrame(rows, columns=["Year", "Site"])
    n = len(df)
    month = rng.integers(1, 13, n)
    day = rng.integers(1, 29, n)
    temp = np.round(12 + 8 * np.sin((month - 4) / 12 * 2 * np.pi) + rng.normal(0, 1.5, n), 1)
    raw = df["Site"].eq("Reservoir").to_numpy()
    tap = df["Site"].str.contains("Tap").to_numpy()
    ph = np.round(np.where(raw, rng.normal(7.4, 0.35, n), rng.normal(7.6, 0.15, n)), 2)
    turb = np.round(
        np.where(raw, rng.lognormal(np.log(2.5), 0.6, n), rng.lognormal(np.log(0.18), 0.5, n)), 2
    )
    chlorine = np.where(
        raw,
        0.0,
        np.clip(
            rng.normal(1.1, 0.12, n)
            - 0.35 * tap
            - 0.15 * (df["Site"] == "Zone C Tap")
            - 0.01 * (temp - 12),
            0.05,
            2,
        ),
    ).round(2)
    cond = np.round(rng.normal(420, 35, n) + 15 * (df["Year"].to_numpy() - 2019)).astype(int)
    nitrate = np.round(rng.gamma(4, 0.9, n) + 1.2 * raw, 2)
    lead = np.round(np.where(tap, rng.exponential(1.6, n), rng.exponential(0.3, n)), 2)
    coliform = np.where(
        rng.random(n) < np.where(raw, 0.35, 0.015 + 0.03 * (df["Site"] == "Zone C Tap")), "Y", "N"
    )
    df.insert(
        0,
        "SampleDate",
        [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(df["Year"], month, day, strict=True)],
    )
    df["Water Temp (°C)"] = temp
    df["pH"] = ph
    df["Turbidity (NTU)"] = turb
    df["Free Chlorine (mg/L)"] = chlorine
    df["Conductivity (uS/cm)"] = cond
    df["Nitrate (mg/L) "] = nitrate
    df["Lead (ppb)"] = lead
    df["Coliform Detected"] = coliform
    return df


def main() -> None:
    OUT.mkdir(exist_ok=True)
    write(diabetes(), "diabetes_progression_u.csv")
    write(linnerud(), "linnerud_fitness_u.csv")
    write(ward_audit(), "ward_audit_u.csv")
    write(district_scores(), "district_scores_wide_u.csv")
    write(brewery(), "brewery_batches_u.csv")
    write(rides(), "club_rides_u.csv")
    write(milk(), "milk_recording_u.csv")
    write(returns(), "eshop_returns_u.csv")
    write(water(), "water_quality_log_u.csv")


if __name__ == "__main__":
    main()
