"""Write the SIMULATED tables of corpus z (blind, engineering analyses) to tables/*_z.csv.

Every table uses its own fixed numpy seed, so a re-run is byte-identical:

    uv run python bench/srs/corpus/make_tables_z.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def anodize_tanks() -> pd.DataFrame:
    """Long format: anodic oxide thickness by tank (4 tanks x 24 racks). Seed 7101."""
    rng = np.random.default_rng(7101)
    means = {"T1": 25.0, "T2": 25.4, "T3": 24.6, "T4": 26.1}
    rows = []
    k = 0
    for tank, mu in means.items():
        for _ in range(24):
            k += 1
            rows.append(
                {
                    "RackID": f"R{k:03d}",
                    "Tank ": tank,
                    "Alloy": rng.choice(["6061", "7075"], p=[0.6, 0.4]),
                    "Oxide Thk (µm)": round(float(rng.normal(mu, 0.9)), 2),
                    "Sealed Y/N": rng.choice(["Y", "N"], p=[0.8, 0.2]),
                }
            )
    return pd.DataFrame(rows)


def valve_leak_paired() -> pd.DataFrame:
    """Paired: helium leak of 18 valve seats before and after lapping. Seed 7102."""
    rng = np.random.default_rng(7102)
    pre = rng.normal(4.2, 1.1, 18).clip(1.5)
    post = (pre - 0.8 + rng.normal(0, 0.5, 18)).clip(0.4)
    return pd.DataFrame(
        {
            "Valve S/N": [f"VS-{2300 + i}" for i in range(18)],
            "leak_pre_lapping [sccm]": pre.round(2),
            "leak_post_lapping [sccm]": post.round(2),
        }
    )


def cork_spc() -> pd.DataFrame:
    """Subgrouped SPC, long format: 25 hourly subgroups of 5 cork stoppers; +0.15 mm from 18. Seed 7103."""
    rng = np.random.default_rng(7103)
    rows = []
    for s in range(1, 26):
        shift = 0.15 if s >= 18 else 0.0
        for j in range(5):
            moist = rng.normal(6.0, 0.8)
            diam = 24.0 + shift + 0.04 * (moist - 6.0) + rng.normal(0, 0.11)
            rows.append(
                {
                    "Subgrp": s,
                    "SampleTime": f"2024-05-14 {5 + (s - 1) // 2:02d}:{30 * ((s - 1) % 2) + 2 * j:02d}",
                    "Diam. (mm)": round(float(diam), 3),
                    "Moisture %": round(float(moist), 1),
                }
            )
    return pd.DataFrame(rows)


def blister_attr() -> pd.DataFrame:
    """Attribute data for 30 blister-pack lots: defectives, defects, fixed audit sample. Seed 7104."""
    rng = np.random.default_rng(7104)
    n = rng.integers(400, 601, 30)
    p = np.full(30, 0.018)
    p[21] = 0.055
    rej = rng.binomial(n, p)
    cos = rng.poisson(n / 100 * 1.3)
    cos[9] += 14
    audit = np.full(30, 200)
    fails = rng.binomial(audit, 0.03)
    return pd.DataFrame(
        {
            "Lot No": [f"BL{4410 + i}" for i in range(30)],
            "Packed": pd.date_range("2024-03-04", periods=30, freq="B").strftime("%d/%m/%Y"),
            "Inspected (blisters)": n,
            "Seal rejects": rej,
            "Cosmetic defects": cos,
            "Audit sample": audit,
            "Audit fails": fails,
        }
    )


def profilometer_grr() -> pd.DataFrame:
    """Crossed gage R&R: 10 parts x 3 appraisers x 3 trials, surface roughness Ra. Seed 7105."""
    rng = np.random.default_rng(7105)
    parts = rng.normal(1.6, 0.15, 10)
    bias = {"Ana": 0.0, "Jonas": 0.025, "Mei": -0.015}
    rows = []
    for trial in (1, 2, 3):
        for op, b in bias.items():
            for p in range(10):
                ra = parts[p] + b + rng.normal(0, 0.03)
                rows.append(
                    {
                        "Part#": p + 1,
                        "Appraiser": op,
                        "Trial": trial,
                        "Ra [µm]": round(float(ra), 3),
                    }
                )
    return pd.DataFrame(rows)


def spray_dryer_frac() -> pd.DataFrame:
    """2^(5-1) resolution V, coded +-1, E = ABCD; response powder yield %. Seed 7106."""
    rng = np.random.default_rng(7106)
    rows = []
    for i in range(16):
        a, b, c, d = [(1 if (i >> k) & 1 else -1) for k in range(4)]
        e = a * b * c * d
        y = 62 + 4.0 * a - 3.0 * b + 2.0 * c + 0.3 * d + 0.2 * e + 1.5 * a * b + rng.normal(0, 0.8)
        rows.append(
            {
                "StdOrder": i + 1,
                "InletT": a,
                "Feed_rate": b,
                "Atomiz_P": c,
                "Solids": d,
                "Aspirator": e,
                "Yield (%)": round(float(y), 1),
            }
        )
    df = pd.DataFrame(rows)
    order = np.random.default_rng(7116).permutation(16) + 1
    df.insert(1, "RunOrder", order)
    return df


def tool_wear() -> pd.DataFrame:
    """Regression: flank wear after 10 min against cutting speed, feed, depth of cut. Seed 7107."""
    rng = np.random.default_rng(7107)
    n = 60
    vc = rng.uniform(150, 300, n).round(0)
    f = rng.uniform(0.10, 0.30, n).round(3)
    ap = rng.uniform(0.5, 2.5, n).round(2)
    cool = rng.choice(["Y", "N"], n, p=[0.7, 0.3])
    vb = 0.02 + 0.0006 * vc + 0.45 * f + 0.025 * ap + 0.03 * (cool == "N") + rng.normal(0, 0.018, n)
    return pd.DataFrame(
        {
            "Test": np.arange(1, n + 1),
            "Vc [m/min]": vc,
            "f [mm/rev]": f,
            "ap_mm": ap,
            "Coolant": cool,
            "VB_mm": vb.round(3),
        }
    )


def piston_ring_gap() -> pd.DataFrame:
    """Piston-ring end gap from two grinders, 60 each. Seed 7108."""
    rng = np.random.default_rng(7108)
    g1 = rng.normal(0.340, 0.024, 60)
    g2 = rng.normal(0.356, 0.031, 60)
    return pd.DataFrame(
        {
            "ring_id": [f"PR{i:04d}" for i in range(1, 121)],
            "Grinder": ["G1"] * 60 + ["G2"] * 60,
            "Batch": np.repeat(np.arange(1, 13), 10),
            "EndGap_mm": np.concatenate([g1, g2]).round(3),
        }
    )


def bath_ph() -> pd.DataFrame:
    """Nickel plating bath log, 80 readings every 2 h; pH up 0.08 after reading 55. Seed 7109."""
    rng = np.random.default_rng(7109)
    n = 80
    ni = rng.normal(80, 3, n)
    temp = rng.normal(55, 0.8, n)
    ph = (
        4.20 + np.where(np.arange(n) >= 55, 0.08, 0.0) - 0.006 * (ni - 80) + rng.normal(0, 0.045, n)
    )
    ts = pd.date_range("2024-09-02 06:00", periods=n, freq="2h").strftime("%Y-%m-%d %H:%M")
    return pd.DataFrame(
        {
            "reading": np.arange(1, n + 1),
            "timestamp": ts,
            "pH": ph.round(3),
            "Ni [g/L]": ni.round(1),
            "Bath temp (°C)": temp.round(1),
        }
    )


def leak_station() -> pd.DataFrame:
    """Pressure-decay leak test of housings: PASS/FAIL by station and shift. Seed 7110."""
    rng = np.random.default_rng(7110)
    n = 400
    st = rng.choice(["LT-1", "LT-2"], n)
    shift = rng.choice(["A", "B", "C"], n)
    decay = np.where(st == "LT-1", rng.gamma(4, 9, n), rng.gamma(4, 10.5, n))
    fail = decay > 75
    return pd.DataFrame(
        {
            "Station": st,
            "Shift": shift,
            "Decay (Pa)": decay.round(1),
            "Result": np.where(fail, "FAIL", "PASS"),
        }
    )


def electrospin_bbd() -> pd.DataFrame:
    """Box-Behnken, 3 factors in natural units, 3 centre points; fibre diameter nm. Seed 7111."""
    rng = np.random.default_rng(7111)
    pts = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        for a in (-1, 1):
            for b in (-1, 1):
                x = [0, 0, 0]
                x[i], x[j] = a, b
                pts.append(x)
    pts += [[0, 0, 0]] * 3
    rows = []
    for k, (v, q, d) in enumerate(pts, 1):
        y = 420 - 45 * v + 60 * q - 25 * d + 30 * v * v + 18 * q * d + 22 * q * q + rng.normal(0, 8)
        rows.append(
            {
                "Run": k,
                "Voltage (kV)": 20 + 5 * v,
                "Flow (mL/h)": 1.0 + 0.5 * q,
                "Distance (cm)": 15 + 5 * d,
                "Fibre dia (nm)": round(float(y), 1),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    save(anodize_tanks(), "anodize_tanks_z.csv")
    save(valve_leak_paired(), "valve_leak_paired_z.csv")
    save(cork_spc(), "cork_spc_z.csv")
    save(blister_attr(), "blister_attr_z.csv")
    save(profilometer_grr(), "profilometer_grr_z.csv")
    save(spray_dryer_frac(), "spray_dryer_frac_z.csv")
    save(tool_wear(), "tool_wear_z.csv")
    save(piston_ring_gap(), "piston_ring_gap_z.csv")
    save(bath_ph(), "bath_ph_z.csv")
    save(leak_station(), "leak_station_z.csv")
    save(electrospin_bbd(), "electrospin_bbd_z.csv")


if __name__ == "__main__":
    main()
