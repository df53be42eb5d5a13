"""Build the corpus-s (blind engineering corpus) tables deterministically; files end in ``_s.csv``.

Synthetic records, each from its own fixed seed, in domains no earlier corpus used: a crossed
gage study on aircraft rivet-hole diameters, pharmaceutical vial fill weight in long subgroups,
car-door gap in wide subgroups, daily call-abandon counts, PCB via defects per lot with varying
lot sizes, a glucose analyser against the reference method (paired), milling roughness before
and after an insert change (paired), a replicated 2^3 on plasma etch rate, a 12-run
Plackett-Burman screen on moulding shrinkage, a central composite study on dough proofing,
battery internal resistance with a categorical chemistry, cement setting time by clinker source,
emergency-department waiting time with a step, and cable crimp pull force by applicator.
Headers copy the habits of real exports: units in brackets, abbreviations, a trailing space.

Run:  uv run python bench/srs/corpus/make_tables_s.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 5150


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def rivet_gage() -> pd.DataFrame:
    """10 rivet holes x 3 inspectors x 3 repeats, bore gauge, nominal 4.85 mm (4.80-4.90);
    Marta reads about 4 µm low."""
    rng = _rng(1)
    holes = 4.85 + rng.normal(0, 0.012, 10)
    bias = {"Kofi": 0.0, "Lena": 0.001, "Marta": -0.004}
    rows = []
    for rep in (1, 2, 3):
        for op, b in bias.items():
            for i, h in enumerate(holes, 1):
                y = h + b + rng.normal(0, 0.0025)
                rows.append(
                    {"Hole No": i, "Inspector": op, "Rep": rep, "Hole dia. (mm)": round(y, 4)}
                )
    return pd.DataFrame(rows)


def vial_fill_long() -> pd.DataFrame:
    """25 subgroups x 5 filling needles, long; target 500 mg, +3 mg from subgroup 20."""
    rng = _rng(2)
    rows = []
    for s in range(1, 26):
        shift = 3.0 if s >= 20 else 0.0
        for needle in range(1, 6):
            y = 500.4 + shift + rng.normal(0, 1.8)
            rows.append(
                {
                    "Sample grp": s,
                    "Time": f"2026-10-{5 + (s - 1) // 8:02d} {6 + (s - 1) % 8 * 2:02d}:30",
                    "Needle": needle,
                    "Fill wt [mg]": round(y, 1),
                }
            )
    return pd.DataFrame(rows)


def door_gap_wide() -> pd.DataFrame:
    """24 hourly subgroups of 4 doors, gap in mm (spec 4.0 +/- 0.5); runs a little wide."""
    rng = _rng(3)
    rows = []
    for h in range(1, 25):
        sd = 0.22 if h in (15, 16) else 0.11
        g = 4.12 + rng.normal(0, sd, 4)
        row = {"Hour": h, "Shift ": "A" if h <= 8 else ("B" if h <= 16 else "C")}
        for k in range(4):
            row[f"Gap{k + 1} mm"] = round(float(g[k]), 2)
        rows.append(row)
    return pd.DataFrame(rows)


def call_abandon() -> pd.DataFrame:
    """45 days of calls offered (900-1600) and abandoned (about 6 %), day 31 a phone outage."""
    rng = _rng(4)
    rows = []
    for d in range(1, 46):
        n = int(rng.integers(900, 1601))
        p = 0.14 if d == 31 else 0.06
        rows.append(
            {
                "Day": d,
                "Date": str(pd.Timestamp("2026-09-01") + pd.Timedelta(days=d - 1))[:10],
                "Calls offered": n,
                "Calls abandoned": int(rng.binomial(n, p)),
                "Escalations": int(rng.poisson(9 if d != 31 else 22)),
            }
        )
    return pd.DataFrame(rows)


def pcb_via_lots() -> pd.DataFrame:
    """36 lots of 40-120 boards: open vias (defects), failed boards, AOI rejects of a fixed 50."""
    rng = _rng(5)
    rows = []
    for lot in range(1, 37):
        n = int(rng.integers(40, 121))
        bad = lot == 22
        rows.append(
            {
                "Lot": f"L{lot:03d}",
                "Boards in lot": n,
                "Open vias": int(rng.poisson(n * (0.15 if bad else 0.035))),
                "Boards failed": int(rng.binomial(n, 0.16 if bad else 0.04)),
                "AOI rejects (of 50)": int(rng.binomial(50, 0.15 if bad else 0.05)),
                "Via R mean (mOhm)": round(float(rng.normal(2.4, 0.08)), 3),
            }
        )
    return pd.DataFrame(rows)


def glucose_paired() -> pd.DataFrame:
    """24 patient samples on the reference method and the point-of-care analyser (+0.15 mmol/L)."""
    rng = _rng(6)
    ref = rng.uniform(3.5, 15.0, 24)
    poc = ref * 1.01 + 0.1 + rng.normal(0, 0.18, 24)
    return pd.DataFrame(
        {
            "Specimen": [f"S{i:02d}" for i in range(1, 25)],
            "Ref method (mmol/L)": np.round(ref, 2),
            "POC analyser mmol/L": np.round(poc, 2),
        }
    )


def ra_insert_paired() -> pd.DataFrame:
    """16 parts milled with the old insert, then the same features with the new one."""
    rng = _rng(7)
    old = rng.normal(1.32, 0.15, 16)
    new = old - 0.18 + rng.normal(0, 0.07, 16)
    return pd.DataFrame(
        {
            "Part": range(1, 17),
            "Ra_old_insert_um": np.round(old, 2),
            "Ra new insert (µm)": np.round(new, 2),
        }
    )


def etch_doe() -> pd.DataFrame:
    """Replicated 2^3 in natural units, random run order; power dominates, power x pressure."""
    rng = _rng(8)
    rows = []
    for rep in (1, 2):
        for k, (c, b, a) in enumerate(itertools.product((-1, 1), repeat=3), 1):
            y = 210 + 38 * a - 12 * b + 6 * c + 9 * a * b + rng.normal(0, 4)
            rows.append(
                {
                    "StdOrder": k + 8 * (rep - 1),
                    "RF power (W)": 300 if a < 0 else 500,
                    "Pressure (mTorr)": 20 if b < 0 else 60,
                    "CF4 flow (sccm)": 40 if c < 0 else 80,
                    "Etch rate nm/min": round(float(y), 1),
                }
            )
    df = pd.DataFrame(rows)
    order = rng.permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(1, "RunOrder", range(1, len(df) + 1))
    return df


def shrink_pb() -> pd.DataFrame:
    """12-run Plackett-Burman, 7 moulding factors coded -1/+1 (4 dummy columns left out)."""
    rng = _rng(9)
    gen = [1, 1, -1, 1, 1, 1, -1, -1, -1, 1, -1]
    rows_m = [np.roll(gen, i) for i in range(11)] + [np.full(11, -1)]
    m = np.array(rows_m)[:, :7]
    names = ["Melt temp", "Mould temp", "Inj speed", "Hold press", "Hold time", "Cool time",
             "Back press"]  # fmt: skip
    df = pd.DataFrame(m, columns=names)
    y = 1.45 - 0.12 * df["Hold press"] - 0.07 * df["Mould temp"] * -1 + 0.05 * df["Hold time"] * -1
    y = y + rng.normal(0, 0.025, 12)
    df.insert(0, "Run", range(1, 13))
    df["Shrinkage %"] = np.round(y, 3)
    return df


def dough_ccd() -> pd.DataFrame:
    """Rotatable CCD in 2 factors, 5 centre points: proof temperature and yeast dose."""
    rng = _rng(10)
    a = 2**0.5
    pts = [(-1, -1), (1, -1), (-1, 1), (1, 1), (-a, 0), (a, 0), (0, -a), (0, a)] + [(0, 0)] * 5
    rows = []
    for i, (x1, x2) in enumerate(pts, 1):
        y = 4.6 + 0.25 * x1 + 0.18 * x2 - 0.22 * x1**2 - 0.15 * x2**2 + 0.05 * x1 * x2
        rows.append(
            {
                "Run": i,
                "Proof temp (°C)": round(32 + 3 * x1, 1),
                "Yeast (% flour wt)": round(1.5 + 0.4 * x2, 2),
                "Specific vol mL/g": round(float(y + rng.normal(0, 0.05)), 2),
            }
        )
    return pd.DataFrame(rows)


def battery_ir() -> pd.DataFrame:
    """90 cells: chemistry (NMC/LFP/NCA), test temperature, SOC, cycles -> internal resistance."""
    rng = _rng(11)
    chem = np.repeat(["NMC", "LFP", "NCA"], 30)
    base = {"NMC": 22.0, "LFP": 18.5, "NCA": 24.0}
    temp = rng.choice([0, 10, 25, 40], 90)
    soc = rng.choice([20, 50, 80], 90)
    cyc = rng.integers(0, 1500, 90)
    ir = [base[c] for c in chem] - 0.18 * (temp - 25) - 0.03 * (soc - 50) + 0.004 * cyc
    ir = ir + rng.normal(0, 0.9, 90)
    return pd.DataFrame(
        {
            "Cell ID": [f"C{i:03d}" for i in range(1, 91)],
            "Chemistry": chem,
            "Test temp (°C)": temp,
            "SOC %": soc,
            "Cycles": cyc,
            "IR (mOhm)": np.round(ir, 2),
        }
    )


def cement_set() -> pd.DataFrame:
    """60 pastes, 4 clinker sources, initial setting time (Vicat) in min; gypsum slows it."""
    rng = _rng(12)
    src = np.tile(["Quarry A", "Quarry B", "Quarry C", "Imported"], 15)
    mean = {"Quarry A": 165, "Quarry B": 172, "Quarry C": 158, "Imported": 181}
    gyp = np.round(rng.uniform(3.0, 5.5, 60), 2)
    t = np.array([mean[s] for s in src]) + 6 * (gyp - 4.2) + rng.normal(0, 9, 60)
    return pd.DataFrame(
        {
            "Sample": [f"CP-{i:02d}" for i in range(1, 61)],
            "Clinker source": src,
            "Gypsum (%)": gyp,
            "Lab tech": rng.choice(["JM", "RT", "AK"], 60),
            "Initial set [min]": np.round(t, 0).astype(int),
        }
    )


def ed_wait() -> pd.DataFrame:
    """60 days of median ED wait (min), about 38 -> 46 min from day 41; left-without-being-seen."""
    rng = _rng(13)
    rows = []
    for d in range(1, 61):
        mu = 46.0 if d >= 41 else 38.0
        rows.append(
            {
                "Day #": d,
                "Date": str(pd.Timestamp("2026-08-01") + pd.Timedelta(days=d - 1))[:10],
                "Median wait (min)": round(float(mu + rng.normal(0, 3.2)), 1),
                "LWBS patients": int(rng.poisson(7 if d < 41 else 11)),
            }
        )
    return pd.DataFrame(rows)


def crimp_pull() -> pd.DataFrame:
    """80 crimps on two applicators and two wire sizes; pull-off force in N (min 180 N)."""
    rng = _rng(14)
    app = np.repeat(["App-1", "App-2"], 40)
    wire = np.tile(np.repeat([0.5, 0.75], 20), 2)
    f = 196 + np.where(app == "App-2", -6, 0) + np.where(wire == 0.75, 18, 0)
    f = f + rng.normal(0, 5.5, 80)
    return pd.DataFrame(
        {
            "Crimp #": range(1, 81),
            "Applicator": app,
            "Wire CSA mm2": wire,
            "Crimp height (mm)": np.round(rng.normal(1.12, 0.015, 80), 3),
            "Pull-off force N": np.round(f, 1),
        }
    )


TABLES = {
    "rivet_hole_gage_s.csv": rivet_gage,
    "vial_fill_long_s.csv": vial_fill_long,
    "door_gap_wide_s.csv": door_gap_wide,
    "call_abandon_s.csv": call_abandon,
    "pcb_via_lots_s.csv": pcb_via_lots,
    "glucose_paired_s.csv": glucose_paired,
    "ra_insert_paired_s.csv": ra_insert_paired,
    "etch_doe_s.csv": etch_doe,
    "shrink_pb_s.csv": shrink_pb,
    "dough_ccd_s.csv": dough_ccd,
    "battery_ir_s.csv": battery_ir,
    "cement_set_s.csv": cement_set,
    "ed_wait_s.csv": ed_wait,
    "crimp_pull_s.csv": crimp_pull,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        build().to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(name)


if __name__ == "__main__":
    main()
