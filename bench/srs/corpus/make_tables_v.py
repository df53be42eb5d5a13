"""Build the corpus-v (blind engineering corpus) tables deterministically; files end in ``_v.csv``.

Synthetic records, each from its own fixed numpy seed, in domains no earlier corpus used:
injection-moulded connector latch force by cavity (long groups, a trailing-space header),
coffee-capsule fill mass in wide subgroups of five, aluminium extrusion wall thickness in long
subgroups, a crossed gage study on a height gauge, 3D-printed tensile bars, fastener
torque-tension with a Y/N lubrication code, daily filtered-water turbidity with a step, gear
backlash before and after run-in (paired), a replicated 2^3 powder-coating design with centre
points, a 2^(5-1) adhesive peel screen coded -1/+1, and weekly wire-harness inspection counts
with varying sample sizes. Headers copy the habits of real exports.

Run:  uv run python bench/srs/corpus/make_tables_v.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 7311


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def latch_force() -> pd.DataFrame:
    """160 connector latches, 4 cavities x 40; cavity C3 about 1.2 N weaker; spec 18-30 N."""
    rng = _rng(1)
    cav_shift = {"C1": 0.0, "C2": 0.3, "C3": -1.2, "C4": 0.1}
    rows = []
    for i in range(160):
        cav = f"C{i % 4 + 1}"
        shift = "Early" if (i // 40) % 2 == 0 else "Late"
        lot = "R-2207" if i < 80 else "R-2211"
        force = 24.0 + cav_shift[cav] + (0.4 if lot == "R-2211" else 0.0) + rng.normal(0, 1.3)
        rows.append((i + 1, cav, shift, lot, round(force, 2)))
    return pd.DataFrame(
        rows, columns=["Part No", "Cavity", "Shift ", "Resin lot", "Latch force [N]"]
    )


def capsule_fill() -> pd.DataFrame:
    """30 subgroups of 5 capsules, wide; 5.50 g target, +0.08 g from sample 24."""
    rng = _rng(2)
    rows = []
    for s in range(1, 31):
        mu = 5.50 + (0.08 if s >= 24 else 0.0)
        vals = np.round(mu + rng.normal(0, 0.06, 5), 3)
        hh, mm = divmod(6 * 60 + 30 * (s - 1), 60)
        rows.append((s, f"{hh:02d}:{mm:02d}", *vals))
    return pd.DataFrame(
        rows, columns=["Sample", "Time", "m1 (g)", "m2 (g)", "m3 (g)", "m4 (g)", "m5 (g)"]
    )


def extrusion_wall() -> pd.DataFrame:
    """25 subgroups x 4 positions, long; nominal 2.40 mm, tolerance 2.35-2.45; die change at 13."""
    rng = _rng(3)
    rows = []
    for sg in range(1, 26):
        die = "D-14" if sg <= 12 else "D-15"
        mu = 2.402 if die == "D-14" else 2.409
        for pos in range(1, 5):
            rows.append((sg, die, pos, round(mu + rng.normal(0, 0.011), 4)))
    return pd.DataFrame(rows, columns=["subgroup", "die_id", "position", "wall_thk_mm"])


def height_gauge_grr() -> pd.DataFrame:
    """10 parts x 3 operators x 3 trials on a height gauge; Chen reads about 6 µm high."""
    rng = _rng(4)
    parts = 25.0 + rng.normal(0, 0.03, 10)
    bias = {"Ana": 0.0, "Ben": -0.002, "Chen": 0.006}
    rows = []
    for trial in (1, 2, 3):
        for op, b in bias.items():
            for p in range(10):
                rows.append((p + 1, op, trial, round(parts[p] + b + rng.normal(0, 0.004), 3)))
    return pd.DataFrame(rows, columns=["Part", "Operator", "Trial", "Height [mm]"])


def tensile_bars() -> pd.DataFrame:
    """84 printed PLA tensile bars from three printers; UTS rises with infill and nozzle temp."""
    rng = _rng(5)
    printers = ["Prusa-A", "Prusa-B", "Ultimaker"]
    pshift = {"Prusa-A": 0.0, "Prusa-B": -0.4, "Ultimaker": 1.6}
    rows = []
    for i in range(84):
        pr = printers[i % 3]
        temp = int(rng.choice([200, 210, 220, 230]))
        layer = float(rng.choice([0.1, 0.2, 0.3]))
        infill = int(rng.choice([20, 40, 60, 80, 100]))
        orient = "XY" if rng.random() < 0.5 else "XZ"
        uts = (
            27.0
            + 0.12 * infill
            + 0.08 * (temp - 200)
            - 15.0 * (layer - 0.2)
            + pshift[pr]
            - (3.0 if orient == "XZ" else 0.0)
            + rng.normal(0, 1.8)
        )
        elong = 3.5 + 0.01 * infill - 0.8 * (orient == "XZ") + rng.normal(0, 0.4)
        rows.append(
            (f"TB-{i + 1:03d}", pr, temp, layer, infill, orient, round(uts, 1), round(elong, 2))
        )
    cols = [
        "BarID",
        "Printer",
        "NozzleTemp_C",
        "LayerHeight_mm",
        "Infill (%)",
        "Orientation",
        "UTS [MPa]",
        "Elongation at break %",
    ]
    return pd.DataFrame(rows, columns=cols)


def fastener_torque() -> pd.DataFrame:
    """60 M10 bolts: clamp load = torque / (K d), K = 0.20 dry, 0.14 lubricated."""
    rng = _rng(6)
    rows = []
    for i in range(60):
        lube = "Y" if i % 2 else "N"
        lot = "L-A" if i < 30 else "L-B"
        torque = round(float(rng.uniform(20, 80)), 1)
        k = (0.14 if lube == "Y" else 0.20) + rng.normal(0, 0.01)
        load = torque / (k * 10.0) + rng.normal(0, 0.8)
        rows.append((i + 1, lube, lot, torque, round(load, 2)))
    return pd.DataFrame(
        rows, columns=["Test #", "Lube (Y/N)", "Bolt lot", "Torque [N·m]", "Clamp load (kN)"]
    )


def turbidity() -> pd.DataFrame:
    """70 days of filtered-water turbidity (NTU); +0.03 NTU from day 46; raw water and alum dose."""
    rng = _rng(7)
    dates = pd.date_range("2024-03-01", periods=70, freq="D")
    rows = []
    for d in range(70):
        raw = float(np.clip(rng.lognormal(2.6, 0.45), 3, 60))
        alum = 12 + 0.35 * raw + rng.normal(0, 1.5)
        filt = (
            0.08
            + 0.0025 * raw
            - 0.001 * (alum - 18)
            + (0.03 if d >= 45 else 0.0)
            + rng.normal(0, 0.012)
        )
        coli = int(rng.poisson(0.7 if d != 57 else 6))
        rows.append(
            (
                d + 1,
                dates[d].strftime("%Y-%m-%d"),
                round(raw, 1),
                round(alum, 1),
                round(filt, 3),
                coli,
            )
        )
    cols = [
        "Day",
        "Date",
        "Raw water NTU",
        "Alum dose mg/L",
        "Turbidity (NTU)",
        "Coliform +ve samples",
    ]
    return pd.DataFrame(rows, columns=cols)


def gear_backlash() -> pd.DataFrame:
    """20 gear sets measured before and after a 4-hour run-in; backlash grows about 6 µm."""
    rng = _rng(8)
    before = rng.normal(82, 7, 20)
    after = before + 6 + rng.normal(0, 4, 20)
    housing = ["Cast" if i % 2 == 0 else "Machined" for i in range(20)]
    return pd.DataFrame(
        {
            "Gear set": [f"GS{i + 1:02d}" for i in range(20)],
            "Housing": housing,
            "Backlash before run-in (µm)": np.round(before, 1),
            "Backlash after run-in (µm)": np.round(after, 1),
        }
    )


def powder_coat_doe() -> pd.DataFrame:
    """Replicated 2^3 (16 runs) + 4 centre points, random run order; response film build (µm)."""
    rng = _rng(9)
    runs = []
    for _rep in range(2):
        for c, b, a in itertools.product((-1, 1), repeat=3):
            runs.append((a, b, c))
    runs += [(0, 0, 0)] * 4
    order = rng.permutation(len(runs))
    rows = []
    for run_no, idx in enumerate(order, 1):
        a, b, c = runs[idx]
        y = (
            70
            + 8 * a
            - 12 * b
            + 6 * c
            - 3 * a * b
            + (2.5 if (a, b, c) == (0, 0, 0) else 0)
            + rng.normal(0, 2.2)
        )
        rows.append((run_no, int(idx) + 1, 75 + 15 * a, 3 + b, 50 + 10 * c, round(y, 1)))
    cols = [
        "Run",
        "Std",
        "Gun voltage (kV)",
        "Line speed m/min",
        "Powder flow %",
        "Film build (µm)",
    ]
    return pd.DataFrame(rows, columns=cols)


def adhesive_frac() -> pd.DataFrame:
    """2^(5-1) resolution V, E = ABCD, coded -1/+1; peel strength with A, D and A x D active."""
    rng = _rng(10)
    rows = []
    for d, c, b, a in itertools.product((-1, 1), repeat=4):
        e = a * b * c * d
        y = 42 + 4 * a + 6 * d + 2.5 * a * d + 0.5 * b + rng.normal(0, 1.2)
        rows.append((a, b, c, d, e, round(y, 1)))
    cols = [
        "A_CureTemp",
        "B_CureTime",
        "C_Primer",
        "D_SurfacePrep",
        "E_ClampPress",
        "Peel (N/25mm)",
    ]
    return pd.DataFrame(rows, columns=cols)


def harness_inspection() -> pd.DataFrame:
    """40 weeks of wire-harness final inspection with varying sample sizes; week 27 is bad."""
    rng = _rng(11)
    rows = []
    for w in range(1, 41):
        n = int(rng.integers(150, 401))
        p = 0.04 if w != 27 else 0.11
        rej = int(rng.binomial(n, p))
        ncs = int(rng.poisson(n * (0.07 if w != 27 else 0.18)))
        audit = int(rng.binomial(50, p))
        rows.append((w, n, rej, ncs, audit))
    cols = [
        "Wk",
        "Harnesses checked",
        "Rejected harnesses",
        "Nonconformities found",
        "Audit fails (n=50)",
    ]
    return pd.DataFrame(rows, columns=cols)


TABLES = {
    "latch_force_v.csv": latch_force,
    "capsule_fill_v.csv": capsule_fill,
    "extrusion_wall_v.csv": extrusion_wall,
    "height_gauge_grr_v.csv": height_gauge_grr,
    "tensile_bars_v.csv": tensile_bars,
    "fastener_torque_v.csv": fastener_torque,
    "turbidity_v.csv": turbidity,
    "gear_backlash_v.csv": gear_backlash,
    "powder_coat_doe_v.csv": powder_coat_doe,
    "adhesive_frac_v.csv": adhesive_frac,
    "harness_inspection_v.csv": harness_inspection,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, fn in TABLES.items():
        df = fn()
        df.to_csv(OUT / name, index=False, lineterminator="\n", encoding="utf-8")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
