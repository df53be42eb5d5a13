"""Simulated tables of corpus k (blind): eleven new domains, fixed seeds, byte-identical output.

Run:  uv run python bench/srs/corpus/make_tables_k.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def courier_depot() -> None:
    """Long format: parcel sort times at four depots (lognormal), weights (gamma), gaps (exp)."""
    rng = np.random.default_rng(7101)
    depots = ["Leeds", "Bristol", "Norwich", "Exeter"]
    mu = {"Leeds": 3.40, "Bristol": 3.48, "Norwich": 3.45, "Exeter": 3.62}
    sig = {"Leeds": 0.28, "Bristol": 0.30, "Norwich": 0.45, "Exeter": 0.31}
    late_p = {"Leeds": 0.08, "Bristol": 0.10, "Norwich": 0.16, "Exeter": 0.13}
    rows = []
    for i in range(400):
        d = depots[i % 4]
        rows.append(
            {
                "ParcelID": f"P{i + 1:04d}",
                "Depot": d,
                "SortTime (s)": round(float(rng.lognormal(mu[d], sig[d])), 1),
                "Weight (kg)": round(float(rng.gamma(2.0, 1.8)), 2),
                "Van": "EV" if rng.random() < 0.4 else "Diesel",
                "Late Y/N": "Y" if rng.random() < late_p[d] else "N",
                "ScanGap_min": round(float(rng.exponential(1.7)), 2),
                "label_offset_mm": round(float(rng.uniform(-5, 5)), 2),
            }
        )
    save(pd.DataFrame(rows), "courier_depot_k.csv")


def wind_tunnel() -> None:
    """Paired: drag coefficient of 24 scale models before and after a fairing retrofit."""
    rng = np.random.default_rng(7102)
    n = 24
    base = rng.normal(0.315, 0.022, n)
    after = base - rng.normal(0.012, 0.007, n)
    df = pd.DataFrame(
        {
            "Model": [f"WT-{i + 1:02d}" for i in range(n)],
            "Cd baseline": base.round(4),
            "Cd w/ fairing": after.round(4),
            "Re_1e5": rng.uniform(2.0, 6.0, n).round(2),
            "Yaw (deg)": rng.choice([0, 5, 10], n),
        }
    )
    save(df, "wind_tunnel_k.csv")


def espresso_dose() -> None:
    """Subgrouped SPC: 25 hourly subgroups of 5 espresso doses, +0.3 g shift from subgroup 19."""
    rng = np.random.default_rng(7103)
    baristas = ["Ana", "Jonas", "Priya"]
    rows = []
    for s in range(1, 26):
        shift = 0.3 if s >= 19 else 0.0
        for j in range(1, 6):
            rows.append(
                {
                    "Subgroup": s,
                    "Barista": baristas[(s - 1) % 3],
                    "ShotNo": j,
                    "Dose (g)": round(float(rng.normal(18.0 + shift, 0.25)), 2),
                    "ExtractTime_s": round(float(rng.normal(28.0, 2.2)), 1),
                }
            )
    save(pd.DataFrame(rows), "espresso_dose_k.csv")


def frame_weld() -> None:
    """Attribute data: bicycle-frame weld shop, 30 days, rejected frames and porosity spots."""
    rng = np.random.default_rng(7104)
    n = rng.integers(40, 71, 30)
    p = np.full(30, 0.06)
    p[21] = 0.22  # one bad day (day 22)
    rej = rng.binomial(n, p)
    spots = rng.poisson(0.35 * n)
    spots[21] += 18
    audit = rng.binomial(50, 0.05, 30)
    df = pd.DataFrame(
        {
            "Day": np.arange(1, 31),
            "FramesWelded": n,
            "FramesRejected": rej,
            "PorositySpots": spots,
            "AuditFails_n50": audit,
            "Team": ["Red" if d % 2 else "Blue" for d in range(1, 31)],
        }
    )
    save(df, "frame_weld_k.csv")


def moisture_gage() -> None:
    """Crossed gage R&R: 10 grain samples x 3 inspectors x 2 trials on a moisture meter."""
    rng = np.random.default_rng(7105)
    parts = rng.uniform(11.0, 16.0, 10)
    bias = {"Ola": 0.0, "Bea": 0.15, "Kim": -0.05}
    rows = []
    for p in range(10):
        for op in ["Ola", "Bea", "Kim"]:
            for t in (1, 2):
                rows.append(
                    {
                        "SampleNo": p + 1,
                        "Inspector": op,
                        "Trial": t,
                        "Moisture (%wb)": round(
                            float(parts[p] + bias[op] + rng.normal(0, 0.12)), 2
                        ),
                    }
                )
    save(pd.DataFrame(rows), "moisture_gage_k.csv")


def gelato_doe() -> None:
    """Coded 2^3 factorial, two replicates: gelato overrun against fat, pressure, dasher speed."""
    rng = np.random.default_rng(7106)
    rows = []
    std = 0
    for _rep in range(2):
        for c in (-1, 1):
            for b in (-1, 1):
                for a in (-1, 1):
                    std += 1
                    y = 45 + 3.0 * a + 2.0 * b + 1.0 * c + 1.5 * a * b + rng.normal(0, 0.9)
                    rows.append(
                        {
                            "StdOrder": std,
                            "Fat_coded": a,
                            "Pressure_coded": b,
                            "DasherSpeed_coded": c,
                            "Overrun [%]": round(float(y), 1),
                        }
                    )
    df = pd.DataFrame(rows)
    order = rng.permutation(len(df)) + 1
    df.insert(1, "RunOrder", order)
    save(df, "gelato_doe_k.csv")


def coldstore_energy() -> None:
    """Regression: daily energy of a cold store against outside temperature, doors and stock."""
    rng = np.random.default_rng(7107)
    n = 150
    day = np.arange(1, n + 1)
    temp = 14 + 9 * np.sin(2 * np.pi * (day - 20) / 365 * 2) + rng.normal(0, 2.5, n)
    weekend = ((day % 7) >= 5).astype(int)
    doors = rng.poisson(np.where(weekend == 1, 60, 140))
    stock = rng.uniform(40, 120, n)
    kwh = 310 + 9.0 * temp + 0.6 * doors + 2.1 * stock + rng.normal(0, 25, n)
    df = pd.DataFrame(
        {
            "Day": day,
            "Energy_kWh": kwh.round(1),
            "OutsideTemp (°C)": temp.round(1),
            "DoorOpenings": doors,
            "Stock_tonnes": stock.round(1),
            "Weekend": weekend,
        }
    )
    save(df, "coldstore_energy_k.csv")


def hearing_screen() -> None:
    """Survey / categorical: school hearing screening, earbud use against result, by school."""
    rng = np.random.default_rng(7108)
    schools = ["St Brigid's", "Hillcrest", "Oakfield", "Riverside"]
    base = {"St Brigid's": 0.06, "Hillcrest": 0.10, "Oakfield": 0.14, "Riverside": 0.08}
    bud_p = {"St Brigid's": 0.35, "Hillcrest": 0.55, "Oakfield": 0.70, "Riverside": 0.45}
    rows = []
    for i in range(480):
        s = schools[i % 4]
        buds = rng.random() < bud_p[s]
        year = ["Y7", "Y8", "Y9"][int(rng.integers(0, 3))]
        p_ref = base[s] * (1.8 if buds else 1.0) * {"Y7": 0.9, "Y8": 1.0, "Y9": 1.2}[year]
        refer = rng.random() < p_ref
        tin = rng.choice(
            ["yes", "no", "unsure"], p=[0.25, 0.6, 0.15] if refer else [0.08, 0.8, 0.12]
        )
        rows.append(
            {
                "PupilID": 5001 + i,
                "School": s,
                "Sex": "F" if rng.random() < 0.5 else "M",
                "YearGroup": year,
                "Earbuds_daily": "Y" if buds else "N",
                "Result": "REFER" if refer else "PASS",
                "Tinnitus": tin,
            }
        )
    save(pd.DataFrame(rows), "hearing_screen_k.csv")


def marine_buoy() -> None:
    """Wide: daily summary of an offshore buoy over one year (Weibull wave heights)."""
    rng = np.random.default_rng(7109)
    n = 365
    d = np.arange(n)
    dates = pd.date_range("2025-01-01", periods=n, freq="D").strftime("%Y-%m-%d")
    press = 1013 + rng.normal(0, 9, n)
    wind = np.clip(14 - 0.45 * (press - 1013) + rng.normal(0, 4, n), 0.5, None)
    wave = (0.12 * wind) * rng.weibull(2.2, n) * 1.1 + 0.2
    sst = 12.5 + 4.5 * np.sin(2 * np.pi * (d - 110) / 365) + rng.normal(0, 0.4, n)
    sal = rng.normal(34.6, 0.18, n)
    vis = np.clip(rng.gamma(4.0, 2.0, n) - 0.05 * wind, 0.2, None)
    df = pd.DataFrame(
        {
            "Date": dates,
            "WaveHt_m": wave.round(2),
            "WindSpd (kn)": wind.round(1),
            "SST degC": sst.round(2),
            "AirPress_hPa": press.round(1),
            "Salinity_psu": sal.round(2),
            "Visibility_nm": vis.round(1),
        }
    )
    save(df, "marine_buoy_k.csv")


def poultry_broilers() -> None:
    """Long format: broiler live weight at day 35 on four rations in three houses."""
    rng = np.random.default_rng(7110)
    rations = ["Control", "Enzyme", "Insect", "Algae"]
    mean = {"Control": 2180, "Enzyme": 2235, "Insect": 2250, "Algae": 2190}
    sd = {"Control": 140, "Enzyme": 135, "Insect": 190, "Algae": 145}
    rows = []
    for i in range(240):
        r = rations[i % 4]
        house = f"H{(i // 4) % 3 + 1}"
        sex = "M" if rng.random() < 0.5 else "F"
        w = rng.normal(mean[r] + (90 if sex == "M" else -90), sd[r])
        fcr = 1.55 - 0.00012 * (w - 2200) + rng.normal(0, 0.05)
        rows.append(
            {
                "BirdID": f"B{i + 1:03d}",
                "Ration": r,
                "House": house,
                "Sex": sex,
                "LiveWt_d35 [g]": round(float(w)),
                "FCR": round(float(fcr), 3),
            }
        )
    save(pd.DataFrame(rows), "poultry_broilers_k.csv")


def vaccine_fridge() -> None:
    """Individuals: pharmacy vaccine fridge, 96 readings every 15 min, +0.8 C shift after 60."""
    rng = np.random.default_rng(7111)
    n = 96
    ts = pd.date_range("2026-03-02 00:00", periods=n, freq="15min").strftime("%Y-%m-%d %H:%M")
    door = (rng.random(n) < 0.12).astype(int)
    temp = 5.0 + np.where(np.arange(n) >= 60, 0.8, 0.0) + 0.35 * door + rng.normal(0, 0.4, n)
    amb = 21 + 2 * np.sin(2 * np.pi * np.arange(n) / 96) + rng.normal(0, 0.5, n)
    df = pd.DataFrame(
        {
            "Timestamp": ts,
            "Temp (°C)": temp.round(2),
            "DoorOpen": door,
            "Ambient (°C)": amb.round(1),
        }
    )
    save(df, "vaccine_fridge_k.csv")


def main() -> None:
    courier_depot()
    wind_tunnel()
    espresso_dose()
    frame_weld()
    moisture_gage()
    gelato_doe()
    coldstore_energy()
    hearing_screen()
    marine_buoy()
    poultry_broilers()
    vaccine_fridge()


if __name__ == "__main__":
    main()
