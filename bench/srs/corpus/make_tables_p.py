"""Build the corpus-p (blind engineering corpus) tables deterministically; files end in ``_p.csv``.

Synthetic records, each from its own fixed seed, in domains no earlier corpus used: a crossed
gage study on O-ring cross-sections, fuel-injector flow in long subgroups, sawmill board
thickness in wide subgroups, warehouse pick errors per wave with varying line counts, laser kerf
before and after a nozzle change (paired), brake-pad wear by compound, a replicated 2^3 on
composite-panel void content, a 2^(4-1) gold-plating screen with centre points, a Box-Behnken
chocolate viscosity study, solar-module efficiency with a categorical cell type, web API
latency with a step after a deploy, rubber Shore A hardness by press, tablet dissolution at
30 minutes by site and print colour difference by press. Headers copy the habits of real
exports: units in brackets, abbreviations, a trailing space, a Greek delta.

Run:  uv run python bench/srs/corpus/make_tables_p.py
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


def oring_gage() -> pd.DataFrame:
    """10 O-rings x 3 appraisers x 3 trials, cross-section diameter, nominal 1.80 mm (spec
    1.78-1.82); Chen reads about 3 µm high."""
    rng = _rng(1)
    parts = 1.80 + rng.normal(0, 0.007, 10)
    bias = {"Ana": 0.0, "Bilal": -0.001, "Chen": 0.003}
    rows = []
    for trial in (1, 2, 3):
        for op in bias:
            for i, p in enumerate(parts, 1):
                y = p + bias[op] + rng.normal(0, 0.0018)
                rows.append(
                    {"O-ring #": i, "Appraiser": op, "Trial": trial, "CS dia (mm)": round(y, 4)}
                )
    return pd.DataFrame(rows)


def injector_flow_long() -> pd.DataFrame:
    """25 subgroups x 5 injectors, long; nominal 250 cc/min, +1.6 cc/min from subgroup 19."""
    rng = _rng(2)
    rows = []
    for s in range(1, 26):
        shift = 1.6 if s >= 19 else 0.0
        for pos in range(1, 6):
            y = 250.0 + shift + rng.normal(0, 1.1)
            rows.append(
                {
                    "Subgrp": s,
                    "Time stamp": f"2026-11-{3 + s // 6:02d} {6 + s % 6 * 2:02d}:00",
                    "Inj pos": pos,
                    "Flow cc/min": round(y, 2),
                }
            )
    return pd.DataFrame(rows)


def board_thickness_wide() -> pd.DataFrame:
    """30 samples of 5 boards, wide; target 25.4 mm, the saw wanders in samples 21-23."""
    rng = _rng(3)
    rows = []
    for s in range(1, 31):
        sd = 0.45 if 21 <= s <= 23 else 0.18
        mean = 25.55 + rng.normal(0, 0.05)
        vals = mean + rng.normal(0, sd, 5)
        row = {"Sample": s, "Saw line": "Headrig" if s % 2 else "Resaw"}
        row.update({f"Bd{j} mm": round(v, 2) for j, v in enumerate(vals, 1)})
        rows.append(row)
    return pd.DataFrame(rows)


def pick_errors() -> pd.DataFrame:
    """40 pick waves: lines picked vary 800-2400, about 1.8 mis-picks per 1000 lines; wave 27 bad (about five times the usual rate)."""
    rng = _rng(4)
    rows = []
    for w in range(1, 41):
        lines = int(rng.integers(800, 2401))
        rate = 0.012 if w == 27 else 0.0018
        orders = int(lines / rng.uniform(3.5, 4.5))
        err = int(rng.poisson(rate * lines))
        bad_orders = int(rng.binomial(err, 0.92))  # an order can hold two errors
        rows.append(
            {
                "Wave": f"W{w:03d}",
                "Lines picked": lines,
                "Mis-picks": err,
                "Orders shipped": orders,
                "Orders w/ error": bad_orders,
            }
        )
    return pd.DataFrame(rows)


def kerf_nozzle() -> pd.DataFrame:
    """18 test-plate positions cut before and after a nozzle change; about 12 µm narrower after."""
    rng = _rng(5)
    base = 0.205 + rng.normal(0, 0.008, 18)
    before = base + rng.normal(0, 0.003, 18)
    after = base - 0.012 + rng.normal(0, 0.003, 18)
    return pd.DataFrame(
        {
            "Pos": [f"P{i:02d}" for i in range(1, 19)],
            "Kerf_before_mm": before.round(4),
            "Kerf after (mm)": after.round(4),
        }
    )


def brake_wear() -> pd.DataFrame:
    """Dyno wear of four pad compounds, 12 runs each, long; ceramic wears least, semi-metallic
    most and most variably. Two suppliers, rotor temperature drives wear a little."""
    rng = _rng(6)
    means = {"NAO": 0.42, "Low-met": 0.47, "Semi-met": 0.55, "Ceramic": 0.36}
    sds = {"NAO": 0.04, "Low-met": 0.045, "Semi-met": 0.07, "Ceramic": 0.035}
    rows = []
    run = 1
    for comp in means:
        for i in range(12):
            temp = rng.normal(320, 35)
            sup = "Supplier A" if i % 2 == 0 else "Supplier B"
            extra = 0.02 if sup == "Supplier B" else 0.0
            y = means[comp] + extra + 0.0006 * (temp - 320) + rng.normal(0, sds[comp])
            rows.append(
                {
                    "Dyno run": run,
                    "Pad compound": comp,
                    "Supplier": sup,
                    "Rotor temp °C": round(temp, 0),
                    "Wear (mm/1000 km)": round(y, 3),
                }
            )
            run += 1
    return pd.DataFrame(rows)


def composite_doe() -> pd.DataFrame:
    """Replicated 2^3 on void content (%): cure temperature, autoclave pressure, ramp rate;
    pressure dominates, temperature x ramp interaction; random run order."""
    rng = _rng(7)
    rows = []
    for rep in (1, 2):
        for std, (r, p, t) in enumerate(itertools.product((-1, 1), repeat=3), 1):
            y = 2.4 - 0.65 * p - 0.25 * t + 0.18 * r + 0.22 * t * r + rng.normal(0, 0.12)
            rows.append(
                {
                    "Std": std + 8 * (rep - 1),
                    "Cure T (°C)": 120 if t < 0 else 135,
                    "Autoclave P (bar)": 3 if p < 0 else 6,
                    "Ramp": "Slow" if r < 0 else "Fast",
                    "Void content %": round(y, 2),
                }
            )
    df = pd.DataFrame(rows)
    df.insert(1, "Run", rng.permutation(16) + 1)
    return df.sort_values("Run").reset_index(drop=True)


def plating_screen() -> pd.DataFrame:
    """2^(4-1), D = ABC, coded, plus 3 centre points; gold thickness in µin (target 30)."""
    rng = _rng(8)
    rows = []
    for a, b, c in itertools.product((-1, 1), repeat=3):
        d = a * b * c
        y = 30 + 3.1 * a + 1.4 * b + 0.3 * c + 0.2 * d + 0.9 * a * b + rng.normal(0, 0.5)
        rows.append(
            {
                "Current dens": a,
                "Bath temp": b,
                "pH": c,
                "Agitation": d,
                "Au thk (µin)": round(y, 1),
            }
        )
    for _ in range(3):
        rows.append(
            {
                "Current dens": 0,
                "Bath temp": 0,
                "pH": 0,
                "Agitation": 0,
                "Au thk (µin)": round(30.4 + rng.normal(0, 0.5), 1),
            }
        )
    return pd.DataFrame(rows)


def chocolate_bbd() -> pd.DataFrame:
    """Box-Behnken, 3 factors, 3 centre points; viscosity curved in lecithin and conche time."""
    rng = _rng(9)
    pts = []
    for i, j in itertools.combinations(range(3), 2):
        for u, v in itertools.product((-1, 1), repeat=2):
            x = [0, 0, 0]
            x[i], x[j] = u, v
            pts.append(x)
    pts += [[0, 0, 0]] * 3
    rows = []
    for x1, x2, x3 in pts:
        y = 3.1 - 0.35 * x1 - 0.2 * x2 - 0.55 * x3 + 0.25 * x1**2 + 0.4 * x3**2 + 0.1 * x1 * x3
        rows.append(
            {
                "Conche time (h)": 8 + 4 * x1,
                "Temp C": 50 + 5 * x2,
                "Lecithin %": round(0.3 + 0.2 * x3, 1),
                "Viscosity (Pa·s)": round(y + rng.normal(0, 0.06), 2),
            }
        )
    return pd.DataFrame(rows)


def solar_regression() -> pd.DataFrame:
    """90 modules: efficiency rises with irradiance, falls ~0.045 pt/°C; PERC ahead of mono,
    poly behind."""
    rng = _rng(10)
    off = {"Mono": 0.0, "Poly": -1.6, "PERC": 0.9}
    rows = []
    for i in range(90):
        ct = list(off)[i % 3]
        g = rng.uniform(400, 1100)
        t = 20 + 0.028 * g + rng.normal(0, 4)
        eff = 19.2 + off[ct] + 0.0012 * (g - 800) - 0.045 * (t - 45) + rng.normal(0, 0.3)
        rows.append(
            {
                "Panel S/N": f"SP-{5100 + i}",
                "Cell type": ct,
                "Irradiance (W/m²)": round(g),
                "Module temp (°C)": round(t, 1),
                "Efficiency %": round(eff, 2),
            }
        )
    return pd.DataFrame(rows)


def api_latency() -> pd.DataFrame:
    """80 one-minute p50 latencies (ms), lognormal around 120 ms; a deploy at minute 56 adds
    ~15 ms. Errors per minute for a c chart."""
    rng = _rng(11)
    rows = []
    for m in range(1, 81):
        base = 120 if m < 56 else 135
        y = base * np.exp(rng.normal(0, 0.05))
        rows.append(
            {
                "Minute": m,
                "Timestamp": f"14:{m - 1:02d}" if m <= 60 else f"15:{m - 61:02d}",
                "p50 latency ms": round(y, 1),
                "5xx count": int(rng.poisson(3.0)),
            }
        )
    return pd.DataFrame(rows)


def shore_hardness() -> pd.DataFrame:
    """Five moulding presses x 10 parts, Shore A (spec 72 +/- 3); press 3 about 1.5 softer."""
    rng = _rng(12)
    means = {1: 72.3, 2: 72.0, 3: 70.6, 4: 72.5, 5: 72.1}
    rows = []
    for press, mu in means.items():
        for k in range(10):
            rows.append(
                {
                    "Part": f"R{press}{k:02d}",
                    "Press ": f"Press {press}",
                    "Cure min": round(rng.normal(6.0, 0.2), 1),
                    "Shore A": round(mu + rng.normal(0, 0.8), 1),
                }
            )
    return pd.DataFrame(rows)


def dissolution() -> pd.DataFrame:
    """Tablet dissolution at 30 min (% released), 10 batches x 6 vessels, two sites; Q = 80%."""
    rng = _rng(13)
    rows = []
    for b in range(10):
        site = "Plant X" if b < 5 else "Plant Y"
        bm = (88.5 if site == "Plant X" else 86.4) + rng.normal(0, 1.0)
        for v in range(1, 7):
            rows.append(
                {
                    "Batch": f"B26-{401 + b}",
                    "Site": site,
                    "Vessel": v,
                    "% diss 30 min": round(bm + rng.normal(0, 2.2), 1),
                }
            )
    return pd.DataFrame(rows)


def print_de() -> pd.DataFrame:
    """Colour difference of 60 print jobs on two presses (limit 2.5 ΔE); press 5 drifts higher."""
    rng = _rng(14)
    rows = []
    for j in range(60):
        press = "P3" if j % 2 == 0 else "P5"
        de = rng.gamma(6, 0.22 if press == "P3" else 0.26)
        rows.append(
            {
                "Job": f"J{7300 + j}",
                "Press": press,
                "Ink density": round(rng.normal(1.45, 0.05), 2),
                "ΔE00": round(de, 2),
            }
        )
    return pd.DataFrame(rows)


TABLES = {
    "oring_gage_p.csv": oring_gage,
    "injector_flow_p.csv": injector_flow_long,
    "board_thickness_p.csv": board_thickness_wide,
    "pick_errors_p.csv": pick_errors,
    "kerf_nozzle_p.csv": kerf_nozzle,
    "brake_wear_p.csv": brake_wear,
    "void_doe_p.csv": composite_doe,
    "plating_screen_p.csv": plating_screen,
    "chocolate_bbd_p.csv": chocolate_bbd,
    "solar_modules_p.csv": solar_regression,
    "api_latency_p.csv": api_latency,
    "shore_hardness_p.csv": shore_hardness,
    "dissolution_p.csv": dissolution,
    "print_de_p.csv": print_de,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        build().to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")


if __name__ == "__main__":
    main()
