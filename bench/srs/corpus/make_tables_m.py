"""Build the corpus-m (blind engineering corpus) tables deterministically; files end in ``_m.csv``.

Simulated process and lab-science records, each from its own fixed seed, with parameters chosen
to be plausible for the quantity: batch reactor yield by catalyst, fibre attenuation before and
after cabling, polymer melt flow index in subgroups, steel coil width in wide subgroups, a crossed
gage study on chip resistors, seed-lot germination tests of varying size, a 2^4 catalyst
conversion factorial with centre points, a Box-Behnken yoghurt fermentation study, fertiliser
field plots over six seasons, HPLC purity per batch, hydraulic hose burst pressure, tyre tread
wear by compound, centrifugal pump test-bench flows and elevator call-button forces. Headers
follow the habits of real exports and lab notebooks: units in brackets, abbreviations, "Chip #",
"Rep", a trailing space, a German-speaking supplier list.

Run:  uv run python bench/srs/corpus/make_tables_m.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 4242


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def catalyst_yield() -> pd.DataFrame:
    """Batch reactor, 4 catalysts x 12 batches, long format; catalyst C about 2.5 points higher,
    catalyst D more variable. Conversion tracks yield."""
    rng = _rng(1)
    means = {"A": 82.0, "B": 82.8, "C": 84.6, "D": 82.3}
    sds = {"A": 1.4, "B": 1.5, "C": 1.3, "D": 2.6}
    rows = []
    batch = 2301
    for i in range(12):
        for cat in "ABCD":
            y = rng.normal(means[cat], sds[cat])
            conv = min(99.5, y + 9.0 + rng.normal(0, 0.8))
            rows.append(
                {
                    "Batch": f"B{batch}",
                    "Reactor": "R-1" if i % 2 == 0 else "R-2",
                    "Catalyst": cat,
                    "Yield (%)": round(y, 1),
                    "Conv_pct": round(conv, 1),
                }
            )
            batch += 1
    return pd.DataFrame(rows)


def fibre_attenuation() -> pd.DataFrame:
    """20 fibres measured at 1550 nm before and after cabling; cabling adds ~0.006 dB/km."""
    rng = _rng(2)
    pre = rng.normal(0.188, 0.006, 20)
    post = pre + rng.normal(0.006, 0.004, 20)
    return pd.DataFrame(
        {
            "Fibre ID": [f"F{i:03d}" for i in range(101, 121)],
            "Preform lot": ["PF-17"] * 10 + ["PF-18"] * 10,
            "Atten 1550 pre-cabling (dB/km)": np.round(pre, 4),
            "Atten 1550 post-cabling (dB/km)": np.round(post, 4),
        }
    )


def mfi_subgroups() -> pd.DataFrame:
    """Melt flow index, 4 pellets tested every 2 hours (long format), 25 subgroups; the mean
    rises by about 0.35 g/10 min from subgroup 18 (new additive lot)."""
    rng = _rng(3)
    rows = []
    start = pd.Timestamp("2026-03-09 06:00")
    for sg in range(1, 26):
        mean = 12.0 + (0.35 if sg >= 18 else 0.0)
        t = (start + pd.Timedelta(hours=2 * (sg - 1))).strftime("%d/%m %H:%M")
        for k in range(1, 5):
            rows.append(
                {
                    "Sample grp": sg,
                    "Time": t,
                    "Pellet": k,
                    "MFI (g/10min)": round(rng.normal(mean, 0.18), 2),
                }
            )
    return pd.DataFrame(rows)


def coil_width() -> pd.DataFrame:
    """Hot-rolled coil width, 5 readings along each coil (wide), 25 coils, nominal 1250 mm;
    spread grows on coils 15-17 (edge trimmer wear)."""
    rng = _rng(4)
    rows = []
    for c in range(25):
        sd = 0.9 if 14 <= c <= 16 else 0.45
        w = rng.normal(1251.0, sd, 5)
        rows.append(
            {
                "Coil_No": f"HC{48120 + c}",
                "Trimmer": "T1" if c < 12 else "T2",
                **{f"w{j + 1}_mm": round(float(w[j]), 2) for j in range(5)},
            }
        )
    return pd.DataFrame(rows)


def resistor_gage() -> pd.DataFrame:
    """Crossed gage study: 10 chip resistors (100 ohm, 1 %) x 3 technicians x 3 repeats on a
    4-wire meter; a small technician effect (Luca reads high)."""
    rng = _rng(5)
    parts = rng.normal(100.0, 0.35, 10)
    techs = {"Ana": 0.0, "Luca": 0.06, "Wei": -0.02}
    rows = []
    for p in range(10):
        for tech, bias in techs.items():
            for r in range(1, 4):
                rows.append(
                    {
                        "Chip #": p + 1,
                        "Tech": tech,
                        "Rep": r,
                        "R (ohm)": round(parts[p] + bias + rng.normal(0, 0.05), 3),
                    }
                )
    return pd.DataFrame(rows)


def germination() -> pd.DataFrame:
    """28 seed lots, each a germination test of 200-400 seeds; about 7 % fail to germinate,
    lot 19 (stored damp) much worse."""
    rng = _rng(6)
    rows = []
    for lot in range(1, 29):
        n = int(rng.choice([200, 250, 300, 400]))
        p = 0.16 if lot == 19 else 0.07
        bad = int(rng.binomial(n, p))
        rows.append(
            {
                "Lot": f"SL-{lot:02d}",
                "Seeds tested": n,
                "Not germinated": bad,
                "Germinated": n - bad,
            }
        )
    return pd.DataFrame(rows)


def conversion_2k4() -> pd.DataFrame:
    """Unreplicated 2^4 catalyst conversion study in natural units plus 4 centre points, in run
    order; temperature, H2 ratio and a temperature x pressure interaction matter."""
    rng = _rng(7)
    runs = []
    for a, b, c, d in itertools.product((-1, 1), repeat=4):
        runs.append((a, b, c, d))
    runs += [(0, 0, 0, 0)] * 4
    order = rng.permutation(len(runs))
    rows = []
    for k, i in enumerate(order, 1):
        a, b, c, d = runs[i]
        y = 71.0 + 6.5 * a + 1.0 * b + 3.2 * c + 0.4 * d + 2.4 * a * b + rng.normal(0, 0.9)
        rows.append(
            {
                "Run": k,
                "Temp (°C)": 240 + 20 * a,
                "Press (bar)": 15 + 5 * b,
                "H2/feed": 3 + 1 * c,
                "Cat load (wt%)": 0.75 + 0.25 * d,
                "Conversion %": round(y, 1),
            }
        )
    return pd.DataFrame(rows)


def yoghurt_bbd() -> pd.DataFrame:
    """Box-Behnken in 3 factors (12 edge runs + 3 centre points) for set yoghurt; viscosity has a
    maximum inside the region, final pH falls with time and temperature."""
    rng = _rng(8)
    pts = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        for a, b in itertools.product((-1, 1), repeat=2):
            x = [0, 0, 0]
            x[i], x[j] = a, b
            pts.append(tuple(x))
    pts += [(0, 0, 0)] * 3
    order = rng.permutation(len(pts))
    rows = []
    for k, i in enumerate(order, 1):
        x1, x2, x3 = pts[i]
        visc = (
            2450 + 180 * x1 + 120 * x2 + 260 * x3 - 210 * x1**2 - 160 * x2**2 - 240 * x3**2
            + 70 * x1 * x3 + rng.normal(0, 35)
        )  # fmt: skip
        ph = 4.45 - 0.06 * x1 - 0.08 * x2 - 0.14 * x3 + 0.03 * x3**2 + rng.normal(0, 0.015)
        rows.append(
            {
                "Run": k,
                "Inoculum %": [1.0, 2.0, 3.0][x1 + 1],
                "Inc. temp (°C)": [40, 42, 44][x2 + 1],
                "Ferment time (h)": [4, 5, 6][x3 + 1],
                "Viscosity (mPa.s)": round(visc, 0),
                "Final pH": round(ph, 2),
            }
        )
    return pd.DataFrame(rows)


def fertiliser_plots() -> pd.DataFrame:
    """10 field plots x 6 seasons of winter wheat: yield against nitrogen, phosphate, spring
    rainfall and soil type (clay best, sand worst); plot 7 on the better ground."""
    rng = _rng(9)
    soils = ["clay", "loam", "loam", "sand", "clay", "sand", "loam", "clay", "sand", "loam"]
    soil_eff = {"clay": 0.45, "loam": 0.0, "sand": -0.7}
    plot_eff = rng.normal(0, 0.2, 10)
    plot_eff[6] += 0.6
    rows = []
    for season in range(2020, 2026):
        rain_base = rng.normal(240, 45)
        for p in range(10):
            n = float(rng.choice([80, 120, 160, 200, 240]))
            p2o5 = float(rng.choice([40, 60, 80]))
            rain = max(90.0, rain_base + rng.normal(0, 15))
            y = (
                4.6 + 0.012 * n - 0.000018 * n**2 + 0.004 * p2o5 + 0.0035 * (rain - 240)
                + soil_eff[soils[p]] + plot_eff[p] + rng.normal(0, 0.35)
            )  # fmt: skip
            rows.append(
                {
                    "Season": season,
                    "Plot": p + 1,
                    "Soil": soils[p],
                    "N applied (kg/ha)": int(n),
                    "P2O5 kg/ha": int(p2o5),
                    "Rain Apr-Jul (mm)": round(rain, 0),
                    "Grain yield (t/ha)": round(y, 2),
                }
            )
    return pd.DataFrame(rows)


def hplc_purity() -> pd.DataFrame:
    """42 consecutive API batches, HPLC purity (area %), spec not less than 99.0 %; a slow
    downward drift from batch 30 (column ageing)."""
    rng = _rng(10)
    rows = []
    day = pd.Timestamp("2026-01-05")
    for i in range(42):
        drift = -0.025 * (i - 29) if i >= 29 else 0.0
        pur = rng.normal(99.62, 0.11) + drift
        rows.append(
            {
                "Batch": f"API-{7301 + i}",
                "Date": (day + pd.Timedelta(days=2 * i)).strftime("%Y-%m-%d"),
                "HPLC column": "Col-A" if i < 21 else "Col-B",
                "Purity (area %)": round(pur, 2),
                "Largest impurity %": round(max(0.02, rng.normal(0.14, 0.03) - drift / 3), 3),
            }
        )
    return pd.DataFrame(rows)


def hose_burst() -> pd.DataFrame:
    """DN12 hydraulic hose assemblies, burst test; two crimp-fitting suppliers (Nordfit lower and
    wider), minimum burst 4 x 350 bar working pressure = 1400 bar."""
    rng = _rng(11)
    rows = []
    for i in range(48):
        sup = "Kessler GmbH" if i % 2 == 0 else "Nordfit"
        crimp = rng.normal(22.60, 0.06)
        base = 1625 if sup == "Kessler GmbH" else 1570
        sd = 45 if sup == "Kessler GmbH" else 75
        burst = base + 900 * (crimp - 22.60) + rng.normal(0, sd)
        rows.append(
            {
                "Assy": f"H-{5001 + i}",
                "Crimp supplier ": sup,
                "Crimp Ø (mm)": round(crimp, 3),
                "Burst (bar)": round(burst, 0),
            }
        )
    return pd.DataFrame(rows)


def tread_wear() -> pd.DataFrame:
    """Fleet trial: 4 tread compounds x 20 tyres; wear in mm per 10,000 km rises with axle load
    and average speed; Sport-X wears fastest."""
    rng = _rng(12)
    comp = {"Eco-T": 0.0, "AllSeason 2": 0.08, "Sport-X": 0.31, "Winter-S": 0.12}
    rows = []
    k = 1
    for name, eff in comp.items():
        for _ in range(20):
            load = rng.uniform(480, 820)
            speed = rng.uniform(45, 95)
            wear = 0.55 + eff + 0.0009 * (load - 650) + 0.006 * (speed - 70) + rng.normal(0, 0.07)
            rows.append(
                {
                    "Tyre": f"T{k:03d}",
                    "Compound": name,
                    "Axle load (kg)": round(load, 0),
                    "Avg speed km/h": round(speed, 1),
                    "Wear (mm/10k km)": round(wear, 3),
                }
            )
            k += 1
    return pd.DataFrame(rows)


def pump_flow() -> pd.DataFrame:
    """Centrifugal pump test bench: flow against head (quadratic pump curve) at two speeds,
    three test pumps; H = H0 (n/n0)^2 - b Q^2."""
    rng = _rng(13)
    rows = []
    k = 1
    for pump in ("P-101", "P-102", "P-103"):
        for rpm in (1450, 2900):
            for valve in np.linspace(0.2, 1.0, 8):
                h0 = 46.0 * (rpm / 2900) ** 2
                q = 420 * valve * rpm / 2900 + rng.normal(0, 4)
                head = h0 - 0.00011 * q**2 + rng.normal(0, 0.5)
                rows.append(
                    {
                        "Test": k,
                        "Pump tag": pump,
                        "Speed (rpm)": rpm,
                        "Head (m)": round(head, 2),
                        "Flow (L/min)": round(q, 1),
                        "Power kW": round(0.25 + 0.0105 * q * rpm / 2900 + rng.normal(0, 0.1), 2),
                    }
                )
                k += 1
    return pd.DataFrame(rows)


def button_force() -> pd.DataFrame:
    """Elevator call buttons, actuation force of one button per unit off the assembly line in
    order (individuals), spec 2.5-5.0 N; a step of +0.3 N after unit 34 (new spring lot)."""
    rng = _rng(14)
    rows = []
    for i in range(50):
        f = rng.normal(3.55 + (0.3 if i >= 34 else 0.0), 0.22)
        rows.append(
            {
                "Unit": i + 1,
                "Panel type": "LOP" if i % 3 else "COP",
                "Actuation force [N]": round(f, 2),
                "Travel [mm]": round(rng.normal(1.2, 0.08), 2),
            }
        )
    return pd.DataFrame(rows)


TABLES = {
    "catalyst_yield_m.csv": catalyst_yield,
    "fibre_attenuation_m.csv": fibre_attenuation,
    "mfi_subgroups_m.csv": mfi_subgroups,
    "coil_width_m.csv": coil_width,
    "resistor_gage_m.csv": resistor_gage,
    "seed_germination_m.csv": germination,
    "conversion_2k4_m.csv": conversion_2k4,
    "yoghurt_bbd_m.csv": yoghurt_bbd,
    "fertiliser_plots_m.csv": fertiliser_plots,
    "hplc_purity_m.csv": hplc_purity,
    "hose_burst_m.csv": hose_burst,
    "tread_wear_m.csv": tread_wear,
    "pump_flow_m.csv": pump_flow,
    "button_force_m.csv": button_force,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
