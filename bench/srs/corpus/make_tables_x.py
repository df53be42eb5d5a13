"""Write the blind corpus-x tables (all SIMULATED, fixed seeds) to tables/*_x.csv.

Run:  uv run python bench/srs/corpus/make_tables_x.py   (byte-identical on re-run)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def bottle_wall() -> None:  # seed 7101: glass bottles, long format by mould cavity
    rng = np.random.default_rng(7101)
    rows = []
    means = {"C1": 2.05, "C2": 2.02, "C3": 1.91, "C4": 2.04}
    n = 0
    for cav, mu in means.items():
        for i in range(40):
            n += 1
            shift = "ABC"[i % 3]
            gob = round(rng.normal(412, 3.5), 1)
            wall = round(mu + 0.004 * (gob - 412) + rng.normal(0, 0.085), 3)
            rows.append((f"GB{n:04d}", cav, shift, wall, gob, "Y" if rng.random() > 0.05 else "N"))
    df = pd.DataFrame(
        rows,
        columns=[
            "bottle_id",
            "Mould Cavity",
            "Shift ",
            "Wall Thickness [mm]",
            "Gob Weight (g)",
            "Annealed",
        ],
    )
    save(df, "bottle_wall_x.csv")


def solder_voids() -> None:  # seed 7102: paired reflow profiles
    rng = np.random.default_rng(7102)
    n = 22
    base = rng.gamma(6, 2.6, n)
    a = np.round(base + rng.normal(0, 1.2, n), 1)
    b = np.round(base * 0.78 + rng.normal(0, 1.3, n), 1)
    df = pd.DataFrame(
        {
            "Board S/N": [f"PCB-{3300 + i}" for i in range(n)],
            "Paste Lot": rng.choice(["PL-17", "PL-18"], n),
            "Void % (profile A)": a.clip(0.5),
            "Void % (profile B)": b.clip(0.3),
        }
    )
    save(df, "solder_voids_x.csv")


def bearing_bore() -> None:  # seed 7103: 25 subgroups of 5, shift from subgroup 18
    rng = np.random.default_rng(7103)
    rows = []
    for g in range(1, 26):
        mu = 30.0012 + (0.0045 if g >= 18 else 0.0)
        spindle = "S1" if g % 2 else "S2"
        for _k in range(5):
            rows.append(
                (
                    g,
                    f"{6 + (g * 20) // 60:02d}:{(g * 20) % 60:02d}",
                    spindle,
                    round(rng.normal(mu, 0.0031), 4),
                )
            )
    df = pd.DataFrame(rows, columns=["SubgroupNo", "Time", "Spindle", "Bore_dia_mm"])
    save(df, "bearing_bore_x.csv")


def carton_labels() -> None:  # seed 7104: attribute data, varying lot size
    rng = np.random.default_rng(7104)
    n = rng.integers(150, 261, 30)
    p = np.full(30, 0.035)
    p[21] = 0.10
    rej = rng.binomial(n, p)
    defects = rng.poisson(n * 0.05)
    defects[21] += 12
    df = pd.DataFrame(
        {
            "Lot #": [f"L{24100 + i}" for i in range(30)],
            "Cartons Inspected": n,
            "Rejected Cartons": rej,
            "Print Defects": defects,
        }
    )
    save(df, "carton_labels_x.csv")


def fabric_rolls() -> (
    None
):  # seed 7105: constant-size rolls, flaws (c) and failed swatches of 50 (np)
    rng = np.random.default_rng(7105)
    flaws = rng.poisson(6.2, 32)
    flaws[26] = 17
    fails = rng.binomial(50, 0.06, 32)
    df = pd.DataFrame(
        {
            "RollID": [f"R-{501 + i}" for i in range(32)],
            "Loom": rng.choice(["LM2", "LM5"], 32),
            "Flaws per roll": flaws,
            "Swatches Failed /50": fails,
        }
    )
    save(df, "fabric_rolls_x.csv")


def tile_gage() -> None:  # seed 7106: crossed gage R&R, 10 tiles x 3 inspectors x 3 reps
    rng = np.random.default_rng(7106)
    parts = rng.normal(80, 14, 10)
    bias = {"Ines": 0.0, "Piotr": 2.6, "Sven": -1.2}
    rows = []
    for rep in range(1, 4):
        for op, b in bias.items():
            for t in range(10):
                rows.append((t + 1, op, rep, round(parts[t] + b + rng.normal(0, 3.1), 1)))
    df = pd.DataFrame(rows, columns=["Tile", "Inspector", "Rep", "Flatness (µm)"])
    save(df, "tile_flatness_grr_x.csv")


def laser_mark() -> None:  # seed 7107: 2^(5-1), E = ABCD, coded, randomised run order
    rng = np.random.default_rng(7107)
    rows = []
    for i in range(16):
        a, b, c, d = [1 if (i >> j) & 1 else -1 for j in range(4)]
        e = a * b * c * d
        y = 62 + 6.5 * a - 4.2 * b + 0.4 * c + 2.1 * d + 0.3 * e + 2.8 * a * b + rng.normal(0, 1.1)
        rows.append([a, b, c, d, e, round(y, 1)])
    df = pd.DataFrame(
        rows, columns=["A_Power", "B_Speed", "C_Freq", "D_Focus", "E_Passes", "Contrast (%)"]
    )
    df.insert(0, "RunOrder", rng.permutation(16) + 1)
    df = df.sort_values("RunOrder").reset_index(drop=True)
    save(df, "laser_mark_frac_x.csv")


def pellet_press() -> None:  # seed 7108: replicated 2^3 in natural units
    rng = np.random.default_rng(7108)
    rows = []
    for rep in range(2):
        for i in range(8):
            a, b, c = [1 if (i >> j) & 1 else -1 for j in range(3)]
            y = 118 + 14 * a + 3 * b + 9 * c - 5 * a * c + rng.normal(0, 3.5)
            rows.append(
                [
                    rep + 1,
                    20 if a < 0 else 40,
                    5 if b < 0 else 15,
                    2.0 if c < 0 else 4.0,
                    round(y, 1),
                ]
            )
    df = pd.DataFrame(
        rows,
        columns=[
            "Replicate",
            "Press Force (kN)",
            "Dwell Time (s)",
            "Binder wt%",
            "Crush Strength (N)",
        ],
    )
    save(df, "pellet_press_x.csv")


def kiln_shrink() -> None:  # seed 7109: shrinkage vs temperature (curved), soak time and moisture
    rng = np.random.default_rng(7109)
    n = 60
    t = np.round(rng.uniform(1080, 1260, n), 0)
    soak = rng.choice([20, 30, 45, 60], n)
    moist = np.round(rng.normal(6.0, 1.1, n), 2)
    y = (
        4.2
        + 0.045 * (t - 1080)
        - 0.00011 * (t - 1080) ** 2
        + 0.018 * soak
        + 0.35 * moist
        + rng.normal(0, 0.25, n)
    )
    df = pd.DataFrame(
        {
            "Firing Temp (°C)": t.astype(int),
            "SoakTime_min": soak,
            "Moisture (%)": moist,
            "Linear Shrinkage (%)": np.round(y, 2),
        }
    )
    save(df, "kiln_shrinkage_x.csv")


def cable_spark() -> None:  # seed 7110: spark test pass/fail by extruder
    rng = np.random.default_rng(7110)
    n = 240
    ex = np.repeat(["EX-1", "EX-2"], n // 2)
    fail = np.where(ex == "EX-1", rng.random(n) < 0.04, rng.random(n) < 0.10)
    thk = np.round(
        np.where(ex == "EX-1", rng.normal(0.82, 0.025, n), rng.normal(0.80, 0.034, n)), 3
    )
    speed = np.round(rng.normal(410, 18, n), 0).astype(int)
    df = pd.DataFrame(
        {
            "Reel No.": [f"RL{7000 + i}" for i in range(n)],
            "Extruder": ex,
            "Spark Test": np.where(fail, "FAIL", "PASS"),
            "Insul. thickness (mm)": thk,
            "Line speed m/min": speed,
        }
    )
    save(df, "cable_spark_x.csv")


def feedwater() -> None:  # seed 7111: individual readings, slow drift after sample 45
    rng = np.random.default_rng(7111)
    n = 72
    drift = np.where(np.arange(n) >= 45, 0.05 * (np.arange(n) - 44), 0.0)
    cond = np.round(4.1 + drift + rng.normal(0, 0.28, n), 2)
    ph = np.round(rng.normal(9.35, 0.08, n), 2)
    dates = pd.date_range("2026-03-02", periods=n // 3, freq="D").strftime("%Y-%m-%d").repeat(3)
    df = pd.DataFrame(
        {
            "Sample": np.arange(1, n + 1),
            "Date": dates,
            "Shift": ["early", "late", "night"] * (n // 3),
            "Cond. (uS/cm)": cond,
            "pH": ph,
        }
    )
    save(df, "feedwater_cond_x.csv")


if __name__ == "__main__":
    for f in (
        bottle_wall,
        solder_voids,
        bearing_bore,
        carton_labels,
        fabric_rolls,
        tile_gage,
        laser_mark,
        pellet_press,
        kiln_shrink,
        cable_spark,
        feedwater,
    ):
        f()
