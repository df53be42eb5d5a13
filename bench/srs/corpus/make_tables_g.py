"""Build the corpus-g (blind engineering corpus) tables deterministically; files end in ``_g.csv``.

Simulated shop-floor, lab and service records, each from its own fixed seed, with parameters
chosen to be plausible for the quantity: 500 mg tablets, dissolution at 30 minutes, 725 um wafers,
CD-SEM line widths, bolt torque before and after a tool recalibration, call handle times, concrete
cube strengths, injection-moulding shrinkage from a 2^(5-2) run sheet, a replicated 2^3 welding
study, bottling-line rejects, snack bag fills and moisture, battery cell capacity by supplier,
3D-printed part lengths, hospital lab turnaround times, paint film thickness and a door flush gage study. Headers follow
the habits of real exports: units in brackets, "Operator name", "LotID", "thk_um",
"Result(pass/fail)", a trailing space.

Run:  uv run python bench/srs/corpus/make_tables_g.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 7707


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def tablet_weights() -> pd.DataFrame:
    """Tablet press, 5 tablets every 20 minutes (long format), 25 subgroups; target 500 mg.
    Press P2 takes over at subgroup 14 and runs about 3 mg heavy."""
    rng = _rng(1)
    rows = []
    start = pd.Timestamp("2025-02-03 22:00")
    for sg in range(1, 26):
        press = "P1" if sg <= 13 else "P2"
        mean = 500.5 + (3.0 if press == "P2" else 0.0)
        t = (start + pd.Timedelta(minutes=20 * (sg - 1))).strftime("%H:%M")
        for k in range(1, 6):
            rows.append((sg, t, press, k, round(rng.normal(mean, 4.0), 1)))
    return pd.DataFrame(rows, columns=["Subgroup", "Time", "Press", "Tablet #", "Weight (mg)"])


def dissolution() -> pd.DataFrame:
    """Percent dissolved at 30 min, 12 vessels for each of four manufacturing sites (Q = 80%)."""
    rng = _rng(2)
    site_mean = {"Basel": 91.0, "Cork": 89.5, "Pune": 86.0, "Singapore": 90.0}
    site_sd = {"Basel": 2.2, "Cork": 2.5, "Pune": 4.0, "Singapore": 2.0}
    rows = []
    for site in site_mean:
        for v in range(1, 13):
            x = min(rng.normal(site_mean[site], site_sd[site]), 100.4)
            rows.append((f"{site[:3].upper()}-{v:02d}", site, round(x, 1)))
    return pd.DataFrame(rows, columns=["Vessel", "Mfg Site", "Dissolved_30min_pct"])


def wafer_thickness() -> pd.DataFrame:
    """Wafer thickness at five sites per wafer (wide subgroups), 30 wafers, nominal 725 um."""
    rng = _rng(3)
    rows = []
    for w in range(1, 31):
        lot = f"L{2401 + (w - 1) // 6}"
        tool = "GRD-A" if w % 2 else "GRD-B"
        centre = 725.0 + (1.5 if tool == "GRD-B" else 0.0) + rng.normal(0, 1.8)
        sites = [round(centre + rng.normal(0, 2.2), 1) for _ in range(5)]
        rows.append((lot, (w - 1) % 6 + 1, tool, *sites))
    cols = ["LotID", "Slot", "Tool", "thk_um_C", "thk_um_T", "thk_um_B", "thk_um_L", "thk_um_R"]
    return pd.DataFrame(rows, columns=cols)


def linewidth_gage() -> pd.DataFrame:
    """Crossed gage study on a CD-SEM: 10 sites x 3 operators x 3 repeats, line width in nm."""
    rng = _rng(4)
    true = 90.0 + rng.normal(0, 2.5, 10)
    bias = {"Mei": 0.0, "Tomasz": 0.6, "Aisha": -0.3}
    rows = []
    for rep in range(1, 4):
        for op in bias:
            for s in range(10):
                x = true[s] + bias[op] + rng.normal(0, 0.45)
                rows.append((f"S{s + 1:02d}", op, rep, round(x, 2)))
    return pd.DataFrame(rows, columns=["Site No", "Operator name", "Repeat", "CD (nm)"])


def torque_recal() -> pd.DataFrame:
    """Wheel-nut torque on the same 20 joints before and after the nutrunner recalibration."""
    rng = _rng(5)
    rows = []
    for j in range(1, 21):
        joint_effect = rng.normal(0, 2.0)
        before = 118.0 + joint_effect + rng.normal(0, 1.5)
        after = 120.0 + joint_effect + rng.normal(0, 1.5)
        rows.append((f"J{j:02d}", round(before, 1), round(after, 1)))
    return pd.DataFrame(rows, columns=["Joint", "Torque before [Nm]", "Torque after [Nm]"])


def call_handling() -> pd.DataFrame:
    """Call-centre handle times (seconds, gamma) for four teams; resolution on first contact."""
    rng = _rng(6)
    team_mean = {"Blue": 310.0, "Green": 295.0, "Red": 360.0, "Orange": 320.0}
    res_p = {"Blue": 0.78, "Green": 0.81, "Red": 0.70, "Orange": 0.76}
    types = ["Billing", "Technical", "Cancellation"]
    rows = []
    for i in range(240):
        team = list(team_mean)[i % 4]
        ctype = types[int(rng.integers(0, 3))]
        scale = team_mean[team] / 4.0 * (1.25 if ctype == "Technical" else 1.0)
        aht = rng.gamma(4.0, scale)
        resolved = "Y" if rng.random() < res_p[team] else "N"
        rows.append((f"C{30001 + i}", f"AG{100 + (i * 7) % 23}", team, ctype, round(aht), resolved))
    cols = ["CallID", "Agent", "Team", "Call Type", "Handle time (s)", "Resolved (Y/N)"]
    return pd.DataFrame(rows, columns=cols)


def concrete() -> pd.DataFrame:
    """Concrete cube strength against mix and age: strength falls with w/c, rises with log(age)."""
    rng = _rng(7)
    rows = []
    ages = [3, 7, 14, 28, 56]
    for i in range(80):
        cement = float(rng.integers(280, 460))
        wc = round(float(rng.uniform(0.38, 0.62)), 2)
        water = round(cement * wc)
        ash = float(rng.choice([0, 0, 40, 60, 90]))
        age = ages[i % 5]
        s = 95.0 - 90.0 * wc + 9.0 * np.log(age / 28.0) + 0.03 * ash + rng.normal(0, 2.8)
        rows.append((f"M{i + 1:03d}", cement, water, wc, ash, age, round(s, 1)))
    cols = ["MixID", "Cement (kg/m3)", "Water (kg/m3)", "w/c ratio", "Fly ash (kg/m3)",
            "Age (days)", "Compressive Strength (MPa)"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def moulding_fractional() -> pd.DataFrame:
    """2^(5-2) injection-moulding screen (D = AB, E = AC), coded, two replicates; shrinkage %."""
    rng = _rng(8)
    rows = []
    base = list(itertools.product((-1, 1), repeat=3))
    std = 0
    for rep in (1, 2):
        for c, b, a in base:
            std += 1
            d, e = a * b, a * c
            y = 1.45 + 0.12 * a - 0.09 * c + 0.05 * d + 0.01 * e + 0.04 * a * c
            rows.append((std, rep, a, b, c, d, e, round(y + rng.normal(0, 0.02), 3)))
    order = rng.permutation(len(rows)) + 1
    df = pd.DataFrame(
        rows,
        columns=["StdOrder", "Rep", "MeltTemp", "MoldTemp", "HoldPress", "HoldTime", "CoolTime",
                 "Shrinkage %"],
    )  # fmt: skip
    df.insert(1, "RunOrder", order)
    return df


def weld_factorial() -> pd.DataFrame:
    """Replicated 2^3 welding study in natural units; tensile strength of the coupon in kN."""
    rng = _rng(9)
    rows = []
    for rep in (1, 2):
        for gas, speed, current in itertools.product(("Ar", "Ar/CO2"), (5, 8), (180, 220)):
            a = 1 if current == 220 else -1
            b = 1 if speed == 8 else -1
            c = 1 if gas == "Ar/CO2" else -1
            y = 24.0 + 1.8 * a - 1.2 * b + 0.3 * c - 0.9 * a * b + rng.normal(0, 0.5)
            rows.append((rep, current, speed, gas, round(y, 2)))
    return pd.DataFrame(
        rows, columns=["Replicate", "Current (A)", "Travel speed (mm/s)", "Shield gas",
                       "Tensile (kN)"]
    )  # fmt: skip


def bottling_rejects() -> pd.DataFrame:
    """Daily bottling-line inspection: bottles inspected, bottles rejected, label defects."""
    rng = _rng(10)
    rows = []
    day = pd.Timestamp("2025-05-05")
    while len(rows) < 30:
        if day.weekday() < 6:
            n = int(rng.integers(1800, 2600))
            p = 0.012 if len(rows) != 21 else 0.026
            rej = int(rng.binomial(n, p))
            label = int(rng.poisson(n * 0.009))
            rows.append((day.strftime("%d.%m.%Y"), n, rej, label))
        day += pd.Timedelta(days=1)
    return pd.DataFrame(rows, columns=["Date", "Inspected", "Rejected", "Defects"])


def snack_filling() -> pd.DataFrame:
    """Snack bags off two filling lines, one bag every 10 minutes: net weight and moisture."""
    rng = _rng(11)
    rows = []
    start = pd.Timestamp("2025-06-02 06:00")
    for i in range(120):
        line = "L1" if i < 60 else "L2"
        k = i % 60
        mean = 152.0 + (0.0 if line == "L1" else 0.8) + (1.2 if line == "L1" and k >= 45 else 0.0)
        t = (start + pd.Timedelta(minutes=10 * k)).strftime("%Y-%m-%d %H:%M")
        moist = rng.normal(3.1 if line == "L1" else 3.4, 0.25)
        rows.append((t, line, round(rng.normal(mean, 1.1), 1), round(moist, 2)))
    return pd.DataFrame(rows, columns=["Timestamp", "Line", "Net wt (g)", "Moisture %"])


def battery_cells() -> pd.DataFrame:
    """Incoming inspection of 18650 cells from the current and a candidate supplier."""
    rng = _rng(12)
    rows = []
    for i in range(120):
        sup = "Voltix" if i % 2 == 0 else "KempCell"
        cap = rng.normal(3000.0 if sup == "Voltix" else 2968.0, 28.0 if sup == "Voltix" else 45.0)
        ir = 38.0 - 0.02 * (cap - 3000.0) + rng.normal(0, 1.5)
        res = "PASS" if cap >= 2900 and ir <= 45 else "FAIL"
        rows.append((f"B{70001 + i}", sup, round(cap), round(ir, 1), res))
    cols = ["Cell ID", "Supplier", "Capacity (mAh)", "IR_mOhm", "Result(pass/fail)"]
    return pd.DataFrame(rows, columns=cols)


def printed_parts() -> pd.DataFrame:
    """3D-printed brackets, nominal length 50.00 mm, three printers and two layer heights."""
    rng = _rng(13)
    bias = {"Prusa-01": -0.06, "Prusa-02": -0.02, "Form3": 0.03}
    sd = {"Prusa-01": 0.07, "Prusa-02": 0.06, "Form3": 0.03}
    rows = []
    for i in range(90):
        pr = list(bias)[i % 3]
        lh = 0.2 if (i // 3) % 2 == 0 else 0.1
        if pr == "Form3":
            lh = 0.05
        infill = int(rng.choice([20, 40, 60]))
        length = 50.0 + bias[pr] - 0.002 * (infill - 40) + rng.normal(0, sd[pr])
        hole = 6.0 - 0.08 + 0.2 * lh + rng.normal(0, 0.03)
        rows.append((f"BR{i + 1:03d}", pr, lh, infill, round(length, 3), round(hole, 3)))
    cols = ["Part", "Printer", "Layer height (mm)", "Infill %", "Length_mm", "Hole dia mm"]
    return pd.DataFrame(rows, columns=cols)


def lab_turnaround() -> pd.DataFrame:
    """Hospital lab turnaround (receipt to result, minutes, lognormal) by priority and shift."""
    rng = _rng(14)
    rows = []
    shifts = ["Day", "Evening", "Night"]
    for i in range(210):
        prio = "STAT" if rng.random() < 0.35 else "Routine"
        shift = shifts[i % 3]
        med = (42.0 if prio == "STAT" else 95.0) * (1.18 if shift == "Night" else 1.0)
        tat = rng.lognormal(np.log(med), 0.35)
        test = str(rng.choice(["CBC", "BMP", "Troponin", "Coag"]))
        rows.append((f"S{880001 + i}", prio, shift, test, round(tat)))
    cols = ["Sample ID", "Priority", "Shift ", "Test", "TAT (min)"]
    return pd.DataFrame(rows, columns=cols)


def paint_film() -> pd.DataFrame:
    """Dry film thickness, four panel readings per hour (wide subgroups), 25 hours, spec 60-100."""
    rng = _rng(15)
    rows = []
    for h in range(1, 26):
        booth = "Booth 1" if h <= 12 else "Booth 2"
        mean = 80.0 + (0.0 if h < 18 else 4.0)
        sd = 4.5 if h not in (9, 10) else 9.0
        rows.append((h, booth, *[round(rng.normal(mean, sd), 1) for _ in range(4)]))
    return pd.DataFrame(rows, columns=["Hour", "Booth", "DFT1", "DFT2", "DFT3", "DFT4"])


def flush_gage() -> pd.DataFrame:
    """Crossed gage study on door-to-fender flush: 10 cars x 3 inspectors x 2 trials, in mm.
    A weak gauge: repeatability and inspector bias are large against a +-1.0 mm tolerance."""
    rng = _rng(16)
    true = rng.normal(0.1, 0.35, 10)
    bias = {"K. Novak": 0.0, "R. Haas": 0.12, "L. Ortiz": -0.05}
    rows = []
    for car in range(10):
        for insp in bias:
            for trial in (1, 2):
                x = true[car] + bias[insp] + rng.normal(0, 0.09)
                rows.append((f"CAR-{4711 + car}", insp, trial, round(x, 2)))
    return pd.DataFrame(rows, columns=["Car", "Inspector", "Trial", "Flush (mm)"])


TABLES = {
    "tablet_weights_g.csv": tablet_weights,
    "dissolution_sites_g.csv": dissolution,
    "wafer_thickness_g.csv": wafer_thickness,
    "linewidth_gage_g.csv": linewidth_gage,
    "torque_recal_g.csv": torque_recal,
    "call_handling_g.csv": call_handling,
    "concrete_cubes_g.csv": concrete,
    "moulding_fractional_g.csv": moulding_fractional,
    "weld_factorial_g.csv": weld_factorial,
    "bottling_rejects_g.csv": bottling_rejects,
    "snack_filling_g.csv": snack_filling,
    "battery_cells_g.csv": battery_cells,
    "printed_parts_g.csv": printed_parts,
    "lab_turnaround_g.csv": lab_turnaround,
    "paint_film_g.csv": paint_film,
    "flush_gage_g.csv": flush_gage,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
