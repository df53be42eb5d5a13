"""Build the corpus-e (engineering analyses) tables deterministically; every file ends in ``_e.csv``.

All tables are simulated shop-floor, lab and business records, each from its own fixed seed with
parameters chosen to be plausible for the quantity (a 12.000 mm turned diameter, 500 g fills,
binomial reject counts, Poisson blemishes, a crossed gage study whose parts spread more than the
gage, factorial run sheets whose responses follow a known model plus noise). Headers follow the
habits of public CSVs: units in brackets, trailing spaces, CamelCase, snake_case, "Batch No.".

Run:  uv run python bench/srs/corpus/make_tables_e.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 9031


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def machining_diameters() -> pd.DataFrame:
    """Turned pins, nominal 12.000 mm: three lathes, three shifts, in production order."""
    rng = _rng(1)
    offset = {"CNC-1": 0.000, "CNC-2": 0.004, "CNC-3": -0.007}
    spread = {"CNC-1": 0.010, "CNC-2": 0.012, "CNC-3": 0.016}
    shift_offset = {"Day": 0.0, "Swing": 0.001, "Night": 0.003}
    operators = {"Day": ["OP11", "OP14"], "Swing": ["OP21", "OP23"], "Night": ["OP31", "OP35"]}
    rows = []
    for i in range(135):
        machine = ("CNC-1", "CNC-2", "CNC-3")[i % 3]
        shift = ("Day", "Swing", "Night")[(i // 15) % 3]
        op = operators[shift][int(rng.integers(0, 2))]
        d = 12.000 + offset[machine] + shift_offset[shift] + rng.normal(0, spread[machine])
        rows.append((f"P{5001 + i}", machine, shift, op, round(d, 4)))
    return pd.DataFrame(
        rows, columns=["Part ID", "Machine", "Shift ", "OperatorID", "Diameter (mm)"]
    )


def filling_weights() -> pd.DataFrame:
    """Filling line, 5 jars every half hour for 30 subgroups (long format); nominal 502 g.
    The filler head drifts up by about 1.5 g from subgroup 23 on."""
    rng = _rng(2)
    rows = []
    start = pd.Timestamp("2024-03-11 06:00")
    for sg in range(1, 31):
        mean = 502.0 + (1.6 if sg >= 23 else 0.0)
        t = start + pd.Timedelta(minutes=30 * (sg - 1))
        for j in range(1, 6):
            rows.append((sg, t.strftime("%Y-%m-%d %H:%M"), j, round(rng.normal(mean, 1.2), 1)))
    return pd.DataFrame(rows, columns=["Subgroup", "Sampled At", "Jar", "Net Weight (g)"])


def daily_defects() -> pd.DataFrame:
    """Final inspection per day: units inspected vary, defective units (binomial, p ≈ 3 %) and
    total defects found (Poisson, ≈ 0.045 per unit); day 27 has a bad resin lot."""
    rng = _rng(3)
    rows = []
    day = pd.Timestamp("2024-05-01")
    n_days = 0
    while n_days < 40:
        if day.weekday() < 5:
            n_days += 1
            units = int(rng.integers(180, 320))
            p = 0.075 if n_days == 27 else 0.03
            defective = int(rng.binomial(units, p))
            defects = defective + int(rng.poisson(units * 0.015))
            line = "Line 1" if n_days % 2 else "Line 2"
            rows.append((day.strftime("%Y-%m-%d"), line, units, defective, defects))
        day += pd.Timedelta(days=1)
    return pd.DataFrame(
        rows, columns=["Date", "Line", "Units Inspected", "Defective Units", "Defects Found"]
    )


def lot_inspection() -> pd.DataFrame:
    """Incoming lots, a fixed sample of 125 per lot: rejected pieces (np chart) and cosmetic
    blemishes counted on one standard panel per lot (c chart)."""
    rng = _rng(4)
    rows = []
    for lot in range(1, 33):
        rejects = int(rng.binomial(125, 0.05 if lot != 19 else 0.14))
        blemishes = int(rng.poisson(6.0 if lot < 28 else 8.5))
        rows.append((f"L24-{lot:03d}", 125, rejects, blemishes))
    return pd.DataFrame(rows, columns=["Lot Number", "sample_size", "rejects", "Blemishes/Panel"])


def gage_study() -> pd.DataFrame:
    """Crossed gage R&R: 10 housings x 3 appraisers x 3 trials, bore depth in mm."""
    rng = _rng(5)
    parts = 25.0 + rng.normal(0, 0.060, 10)
    bias = {"Anna": 0.0, "Bram": 0.012, "Chen": -0.006}
    rows = []
    for trial in (1, 2, 3):
        for name in ("Anna", "Bram", "Chen"):
            for p in range(10):
                y = parts[p] + bias[name] + rng.normal(0, 0.011)
                rows.append((p + 1, name, trial, round(y, 3)))
    return pd.DataFrame(rows, columns=["Part No.", "Appraiser", "Trial", "Bore Depth (mm)"])


def caliper_study() -> pd.DataFrame:
    """A weaker gage: 10 sheet samples x 3 operators x 2 repeats, thickness in micrometres."""
    rng = _rng(6)
    parts = 850 + rng.normal(0, 9.0, 10)
    bias = {"OP-A": 0.0, "OP-B": 2.5, "OP-C": -1.5}
    rows = []
    for op in ("OP-A", "OP-B", "OP-C"):
        for p in range(10):
            for rep in (1, 2):
                rows.append(
                    (f"S{p + 1:02d}", op, rep, round(parts[p] + bias[op] + rng.normal(0, 3.2), 1))
                )
    return pd.DataFrame(rows, columns=["SampleID", "Operator", "Rep", "thickness_um"])


def pump_vibration() -> pd.DataFrame:
    """18 pumps measured before and after impeller re-balancing (velocity RMS, mm/s)."""
    rng = _rng(7)
    before = rng.gamma(9.0, 0.5, 18) + 1.0
    after = before - rng.normal(0.8, 0.6, 18)
    return pd.DataFrame(
        {
            "Pump Tag": [f"PU-{101 + i}" for i in range(18)],
            "Vibration Before (mm/s)": before.round(2),
            "Vibration After (mm/s)": np.clip(after, 0.8, None).round(2),
        }
    )


def reactor_doe() -> pd.DataFrame:
    """Replicated 2^3 in natural units: temperature, pressure, catalyst; yield %.
    Model: strong temperature, moderate catalyst, a temperature x pressure interaction."""
    rng = _rng(8)
    rows = []
    runs = list(itertools.product((-1, 1), repeat=3))
    order = rng.permutation(16)
    sheet = [(rep, a, b, c) for rep in (1, 2) for (c, b, a) in runs]
    for run_no, idx in enumerate(order, 1):
        rep, a, b, c = sheet[idx]
        y = 64 + 5.2 * a + 0.6 * b + 2.4 * c + 1.9 * a * b + rng.normal(0, 1.1)
        rows.append(
            (
                run_no,
                {-1: 160, 1: 180}[a],
                {-1: 2.0, 1: 4.0}[b],
                {-1: 0.5, 1: 1.0}[c],
                rep,
                round(y, 1),
            )
        )
    return pd.DataFrame(
        rows,
        columns=["Run", "Temp (C)", "Pressure (bar)", "Catalyst (%)", "Replicate", "Yield %"],
    )


def milling_fractional() -> pd.DataFrame:
    """2^(4-1) (D = ABC, resolution IV) in coded units plus 3 centre points; surface roughness Ra."""
    rng = _rng(9)
    rows = []
    for run, (c, b, a) in enumerate(itertools.product((-1, 1), repeat=3), 1):
        d = a * b * c
        ra = 1.60 + 0.32 * b - 0.18 * a + 0.05 * c + 0.02 * d - 0.11 * a * b + rng.normal(0, 0.04)
        rows.append((run, a, b, c, d, round(ra, 3)))
    for k in range(3):
        rows.append((9 + k, 0, 0, 0, 0, round(1.63 + rng.normal(0, 0.04), 3)))
    return pd.DataFrame(
        rows, columns=["StdOrder", "SpindleSpeed", "FeedRate", "DepthOfCut", "Coolant", "Ra_um"]
    )


def cure_hardness() -> pd.DataFrame:
    """Epoxy batches: hardness rises with cure temperature and time, levelling off when hot."""
    rng = _rng(10)
    temp = rng.choice(np.arange(110, 181, 5), 42)
    time = rng.choice([30, 45, 60, 75, 90], 42)
    t = (temp - 145) / 10
    hard = 74 + 3.1 * t - 0.55 * t**2 + 0.06 * (time - 60) + rng.normal(0, 1.0, 42)
    return pd.DataFrame(
        {
            "Batch No.": [f"B-{2301 + i}" for i in range(42)],
            "Cure Temp (°C)": temp,
            "Cure Time (min)": time,
            "Hardness (Shore D)": hard.round(1),
        }
    )


def ad_spend() -> pd.DataFrame:
    """52 weeks of marketing spend and unit sales for a spare-parts web shop."""
    rng = _rng(11)
    tv = rng.uniform(5, 40, 52).round(1)
    online = rng.uniform(2, 25, 52).round(1)
    promo = rng.random(52) < 0.25
    sales = 1200 + 22 * tv + 41 * online + 180 * promo + rng.normal(0, 140, 52)
    return pd.DataFrame(
        {
            "Week": np.arange(1, 53),
            "TV Spend (k$)": tv,
            "Online Spend (k$)": online,
            "Promo": np.where(promo, "Yes", "No"),
            "Units Sold": sales.round().astype(int),
        }
    )


def supplier_cycle_times() -> pd.DataFrame:
    """Purchase-order cycle times (hours, right-skewed) from four suppliers."""
    rng = _rng(12)
    shape_scale = {
        "Acme": (6, 8.0),
        "Borealis": (6, 9.5),
        "Castell": (4, 14.0),
        "Dunmore": (6, 8.3),
    }
    n = {"Acme": 24, "Borealis": 22, "Castell": 20, "Dunmore": 18}
    rows = []
    po = 7700
    for name, (k, theta) in shape_scale.items():
        for _ in range(n[name]):
            po += 1
            rows.append((f"PO{po}", name, round(float(rng.gamma(k, theta)), 1)))
    order = rng.permutation(len(rows))
    return pd.DataFrame(
        [rows[i] for i in order], columns=["PO Number", "Supplier", "cycle_time_hrs"]
    )


def final_test() -> pd.DataFrame:
    """End-of-line functional test of controller boards on two lines: pass/fail and burn-in."""
    rng = _rng(13)
    rows = []
    for i in range(420):
        line = "A" if i < 220 else "B"
        fail = rng.random() < (0.027 if line == "A" else 0.055)
        rows.append(
            (
                f"SN{880100 + i}",
                line,
                "FAIL" if fail else "PASS",
                round(float(rng.normal(48, 3)), 1),
            )
        )
    return pd.DataFrame(rows, columns=["Serial", "Line", "Test Result", "BurnIn_hrs"])


def oven_temperature() -> pd.DataFrame:
    """Individual readings of a curing oven every 15 min; a +1.5 °C drift after reading 45."""
    rng = _rng(14)
    x = 220 + rng.normal(0, 1.8, 70)
    x[45:] += 1.5
    t = pd.date_range("2024-06-03 07:00", periods=70, freq="15min")
    return pd.DataFrame({"timestamp": t.strftime("%Y-%m-%d %H:%M"), "temp_C": x.round(1)})


def assay_batches() -> pd.DataFrame:
    """Released API batches: assay % (spec 98.0-102.0), impurity % (upper limit 0.8),
    moisture %, and tablet tensile strength of the batch (MPa, at least 50 required)."""
    rng = _rng(15)
    n = 60
    return pd.DataFrame(
        {
            "Batch No.": [f"24-{310 + i}" for i in range(n)],
            "Assay (%)": rng.normal(100.3, 0.55, n).round(2),
            "Impurity %": rng.lognormal(np.log(0.42), 0.25, n).round(3),
            "Moisture_pct": rng.normal(2.1, 0.25, n).round(2),
            "Tensile Strength (MPa)": rng.normal(56.0, 1.9, n).round(1),
            "Reactor": rng.choice(["R1", "R2"], n),
        }
    )


def torque_audit() -> pd.DataFrame:
    """Bolt torque audit: 25 subgroups of 4 consecutive bolts, wide format (T1..T4), N·m."""
    rng = _rng(16)
    x = rng.normal(45.0, 0.9, (25, 4))
    x[15:18] += rng.normal(0, 2.4, (3, 4))  # a loose socket: spread grows for three subgroups
    df = pd.DataFrame(x.round(2), columns=["T1", "T2", "T3", "T4"])
    df.insert(0, "Sample", np.arange(1, 26))
    return df


def spring_rate() -> pd.DataFrame:
    """Spring rate (N/mm) of springs from two coilers and two wire suppliers."""
    rng = _rng(17)
    rows = []
    for i in range(64):
        coiler = ("Coiler 1", "Coiler 2")[i % 2]
        wire = ("Suzuki-Garphyttan", "Sandvik")[(i // 2) % 2]
        k = 18.4 + (0.25 if coiler == "Coiler 2" else 0) + (-0.1 if wire == "Sandvik" else 0)
        rows.append((i + 1, coiler, wire, round(float(k + rng.normal(0, 0.35)), 2)))
    return pd.DataFrame(rows, columns=["spring_id", "Coiler", "Wire Supplier", "Rate (N/mm)"])


TABLES = {
    "machining_diameters_e.csv": machining_diameters,
    "filling_weights_e.csv": filling_weights,
    "daily_defects_e.csv": daily_defects,
    "lot_inspection_e.csv": lot_inspection,
    "gage_study_e.csv": gage_study,
    "caliper_study_e.csv": caliper_study,
    "pump_vibration_e.csv": pump_vibration,
    "reactor_doe_e.csv": reactor_doe,
    "milling_fractional_e.csv": milling_fractional,
    "cure_hardness_e.csv": cure_hardness,
    "ad_spend_e.csv": ad_spend,
    "supplier_cycle_times_e.csv": supplier_cycle_times,
    "final_test_e.csv": final_test,
    "oven_temperature_e.csv": oven_temperature,
    "assay_batches_e.csv": assay_batches,
    "torque_audit_e.csv": torque_audit,
    "spring_rate_e.csv": spring_rate,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        df = build()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
