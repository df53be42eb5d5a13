"""Build the corpus-i (blind engineering corpus) tables deterministically; files end in ``_i.csv``.

Simulated plant, lab and logistics records, each from its own fixed seed, with parameters chosen
to be plausible for the quantity: aerospace rivet clamp force (minimum 25 kN), yarn tenacity by
spinning frame, paper basis weight and moisture per reel (long subgroups of 5), solder-paste
heights on PCB panels (wide subgroups of 5), a crossed gage study of optical lens centre
thickness, coffee roast loss and bean moisture by roaster, brewery fermentation by yeast strain,
water-filter turbidity before and after a media change (paired), parcel delivery times by weekday
and depot, daily treated-water turbidity and residual chlorine (with a late shift), daily LED
board inspection counts, extruded pipe wall thickness, a 2^4 flotation run sheet (ore recovery)
and a 2^(4-1) HVAC airflow run sheet with centre points. Headers follow the habits of real
exports: units in brackets, "Batch no.", "roaster", "wall_mm", "Pass/Fail", "nonconf",
"n_inspected", a trailing space.

Run:  uv run python bench/srs/corpus/make_tables_i.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 4417


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def rivet_clamp() -> pd.DataFrame:
    """Clamp force of installed fasteners, 3 rivet guns x 30, two shifts; minimum 25 kN.
    Gun G3 runs about 1 kN low."""
    rng = _rng(1)
    gun_mean = {"G1": 27.4, "G2": 27.1, "G3": 26.2}
    rows = []
    for i, gun in enumerate(np.repeat(list(gun_mean), 30)):
        shift = "A" if i % 2 == 0 else "B"
        rows.append((f"RV-{1001 + i}", gun, shift, round(rng.normal(gun_mean[gun], 0.8), 2)))
    return pd.DataFrame(rows, columns=["Rivet ID", "Gun", "Shift", "Clamp force (kN)"])


def yarn_tensile() -> pd.DataFrame:
    """Single-end yarn tenacity and elongation, 20 bobbins from each of four spinning frames."""
    rng = _rng(2)
    frame_mean = {"SF-1": 15.8, "SF-2": 16.1, "SF-3": 15.2, "SF-4": 16.0}
    rows = []
    for frame, mu in frame_mean.items():
        for b in range(1, 21):
            elong = rng.normal(6.5, 0.6)
            ten = mu + 0.9 * (elong - 6.5) + rng.normal(0, 0.55)
            rows.append((f"{frame}/{b:02d}", frame, round(ten, 2), round(elong, 2)))
    return pd.DataFrame(
        rows, columns=["Bobbin", "Spinning frame", "Tenacity (cN/tex)", "Elongation %"]
    )


def paper_reels() -> pd.DataFrame:
    """Basis weight and moisture, 5 cross-direction samples per reel (long format), 25 reels,
    target 80 g/m2; the basis weight creeps up by about 1 g/m2 from reel 19."""
    rng = _rng(3)
    rows = []
    for reel in range(1, 26):
        mean = 80.1 + (1.0 if reel >= 19 else 0.0)
        for s in range(1, 6):
            bw = rng.normal(mean, 0.55)
            moist = rng.normal(6.85, 0.14)
            rows.append((f"PM2-{4300 + reel}", s, round(bw, 2), round(moist, 2)))
    return pd.DataFrame(rows, columns=["Reel", "Sample", "Basis weight (g/m²)", "Moisture %"])


def solder_paste() -> pd.DataFrame:
    """Solder-paste deposit height at five pads per panel (wide subgroups), 30 panels,
    nominal 120 um; spread widens on panels 21-23 (stencil wipe missed)."""
    rng = _rng(4)
    rows = []
    for p in range(1, 31):
        stencil = "ST-A" if p <= 15 else "ST-B"
        sd = 7.5 if 21 <= p <= 23 else 3.2
        mean = 121.0 if stencil == "ST-A" else 119.5
        h = np.round(rng.normal(mean, sd, 5), 1)
        rows.append((p, stencil, *h))
    return pd.DataFrame(
        rows, columns=["Panel", "Stencil", "h1_um", "h2_um", "h3_um", "h4_um", "h5_um"]
    )


def lens_gage() -> pd.DataFrame:
    """Crossed gage study: 10 lenses x 3 operators x 3 repeats of centre thickness (mm),
    nominal 3.200 mm with tolerance +/- 0.050 mm."""
    rng = _rng(5)
    parts = rng.normal(3.200, 0.014, 10)
    op_bias = {"Ana": 0.0, "Bjorn": 0.0025, "Chidi": -0.0015}
    rows = []
    for p, true in enumerate(parts, 1):
        for op, bias in op_bias.items():
            for r in range(1, 4):
                rows.append((p, op, r, round(true + bias + rng.normal(0, 0.0018), 4)))
    return pd.DataFrame(rows, columns=["Lens no.", "Operator", "Rep", "Centre thickness (mm)"])


def coffee_roast() -> pd.DataFrame:
    """Coffee roasting batches on three roasters: charge temperature, roast time, roast loss %
    (weight loss, rising with time and temperature) and green/roasted bean moisture."""
    rng = _rng(6)
    rows = []
    for b in range(1, 73):
        roaster = ("R1", "R2", "R3")[(b - 1) % 3]
        temp = rng.uniform(195, 225)
        time = rng.uniform(9.5, 14.0)
        loss = (
            -3.2
            + 0.055 * temp
            + 0.62 * time
            + (0.45 if roaster == "R3" else 0.0)
            + rng.normal(0, 0.35)
        )
        moist = 2.6 - 0.11 * (time - 11.5) + rng.normal(0, 0.18)
        rows.append((f"B{2400 + b}", roaster, round(temp, 1), round(time, 2), round(loss, 2),
                     round(moist, 2)))  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["Batch no.", "roaster", "Charge temp (°C)", "Roast time (min)",
                 "Roast loss %", "Bean moisture (%)"],
    )  # fmt: skip


def fermentation() -> pd.DataFrame:
    """Brewery fermentations with two yeast strains: temperature, original and final gravity
    (degrees Plato) and apparent attenuation; strain WLP001 attenuates about 2 points more."""
    rng = _rng(7)
    rows = []
    for b in range(1, 41):
        strain = "US-05" if b % 2 else "WLP001"
        temp = rng.uniform(17.0, 21.5)
        og = rng.normal(12.4, 0.35)
        att = 76.0 + (2.0 if strain == "WLP001" else 0.0) + 0.8 * (temp - 19) + rng.normal(0, 1.1)
        fg = og * (1 - att / 100)
        rows.append((f"FV{b:03d}", strain, round(temp, 1), round(og, 2), round(fg, 2),
                     round(att, 1)))  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["Batch", "Yeast strain", "Ferm temp (°C)", "OG (°P)", "FG (°P)",
                 "Attenuation %"],
    )  # fmt: skip


def filter_paired() -> pd.DataFrame:
    """Filtered-water turbidity of 16 filter beds before and after a media replacement."""
    rng = _rng(8)
    before = rng.lognormal(np.log(0.42), 0.25, 16)
    after = before * rng.lognormal(np.log(0.78), 0.12, 16)
    return pd.DataFrame(
        {
            "Filter bed": [f"F{i:02d}" for i in range(1, 17)],
            "Turbidity before (NTU)": np.round(before, 3),
            "Turbidity after (NTU)": np.round(after, 3),
        }
    )


def parcel_delivery() -> pd.DataFrame:
    """Parcel delivery times (hours from collection, gamma) by weekday and depot, with an
    on-time flag (within 48 h); Friday parcels are slower, the South depot a little slower."""
    rng = _rng(9)
    day_scale = {"Mon": 1.00, "Tue": 0.95, "Wed": 0.97, "Thu": 1.02, "Fri": 1.22}
    rows = []
    for i in range(200):
        day = list(day_scale)[i % 5]
        depot = "North" if rng.random() < 0.5 else "South"
        scale = day_scale[day] * (1.08 if depot == "South" else 1.0)
        t = rng.gamma(6.0, 5.2 * scale)
        rows.append((f"PX{58000 + i}", day, depot, round(t, 1), "Y" if t <= 48 else "N"))
    return pd.DataFrame(rows, columns=["Parcel ID", "Weekday", "Depot ", "Delivery time (h)",
                                       "On time"])  # fmt: skip


def water_daily() -> pd.DataFrame:
    """Daily treated-water turbidity (NTU) and free residual chlorine (mg/L), 60 days; the
    chlorine residual drops by about 0.12 mg/L after day 40 (dosing pump wear)."""
    rng = _rng(10)
    days = pd.date_range("2025-03-01", periods=60, freq="D")
    turb = rng.lognormal(np.log(0.18), 0.3, 60)
    cl = rng.normal(0.85, 0.06, 60) - np.where(np.arange(60) >= 40, 0.12, 0.0)
    return pd.DataFrame(
        {
            "Date": days.strftime("%Y-%m-%d"),
            "Turbidity (NTU)": np.round(turb, 3),
            "Residual Cl2 (mg/L)": np.round(cl, 3),
        }
    )


def led_inspection() -> pd.DataFrame:
    """Daily AOI inspection of LED driver boards: boards inspected (varies), nonconforming
    boards and total defects found; day 17 has a reflow profile problem."""
    rng = _rng(11)
    rows = []
    days = pd.bdate_range("2025-05-05", periods=30)
    for i, d in enumerate(days):
        n = int(rng.integers(160, 261))
        p = 0.045 if i != 16 else 0.16
        nonconf = int(rng.binomial(n, p))
        defects = nonconf + int(rng.poisson(0.03 * n)) + (12 if i == 16 else 0)
        rows.append((d.strftime("%d/%m/%Y"), n, nonconf, defects))
    return pd.DataFrame(rows, columns=["Date", "n_inspected", "nonconf", "defects"])


def pipe_wall() -> pd.DataFrame:
    """Extruded PE pipe: wall thickness against die temperature and line speed on two extruders,
    nominal 2.50 mm (spec 2.30-2.70), E2 about 0.09 mm thick; Pass/Fail from the spec."""
    rng = _rng(12)
    rows = []
    for i in range(120):
        ext = "E1" if i < 60 else "E2"
        die = rng.uniform(185, 215)
        speed = rng.uniform(8, 14)
        wall = (
            2.50 + 0.004 * (die - 200) - 0.028 * (speed - 11)
            + (0.09 if ext == "E2" else 0.0) + rng.normal(0, 0.085)
        )  # fmt: skip
        verdict = "Pass" if 2.30 <= wall <= 2.70 else "Fail"
        rows.append((f"C{7100 + i}", ext, round(die, 1), round(speed, 2), round(wall, 3), verdict))
    return pd.DataFrame(
        rows,
        columns=["Coil", "Extruder", "Die temp (°C)", "Line speed (m/min)", "wall_mm",
                 "Pass/Fail"],
    )  # fmt: skip


def flotation_doe() -> pd.DataFrame:
    """Unreplicated 2^4 flotation run sheet in natural units, randomised run order; response
    copper recovery %. pH and collector dose matter, with a pH x collector interaction."""
    rng = _rng(13)
    rows = []
    for std, (a, b, c, d) in enumerate(itertools.product((-1, 1), repeat=4), 1):
        a, b, c, d = d, c, b, a  # standard (Yates) order: first factor changes fastest
        rec = 84.0 + 2.6 * a + 1.9 * b + 0.3 * c + 0.9 * d + 1.2 * a * b + rng.normal(0, 0.45)
        rows.append((std, 9.0 if a < 0 else 11.0, 20 if b < 0 else 40, 10 if c < 0 else 20,
                     5 if d < 0 else 8, round(rec, 2)))  # fmt: skip
    df = pd.DataFrame(
        rows,
        columns=["Std order", "pH", "Collector (g/t)", "Frother (g/t)", "Air (L/min)",
                 "Cu recovery %"],
    )  # fmt: skip
    order = rng.permutation(len(df)) + 1
    df.insert(1, "Run order", order)
    return df.sort_values("Run order").reset_index(drop=True)


def hvac_fractional() -> pd.DataFrame:
    """2^(4-1) (D = ABC) HVAC duct test coded -1/+1, plus 4 centre points; response airflow
    (m3/h). Fan speed dominates; damper angle and duct diameter smaller; curvature small."""
    rng = _rng(14)
    rows = []
    for a, b, c in itertools.product((-1, 1), repeat=3):
        a, c = c, a
        d = a * b * c
        y = 1450 + 140 * b + 55 * a - 35 * c + 8 * d + 20 * a * b + rng.normal(0, 12)
        rows.append((a, b, c, d, round(y, 1)))
    for _ in range(4):
        rows.append((0, 0, 0, 0, round(1450 - 18 + rng.normal(0, 12), 1)))
    return pd.DataFrame(rows, columns=["Damper", "FanSpeed", "DuctDia", "Filter", "Airflow (m3/h)"])


TABLES = {
    "rivet_clamp_i.csv": rivet_clamp,
    "yarn_tensile_i.csv": yarn_tensile,
    "paper_reels_i.csv": paper_reels,
    "solder_paste_i.csv": solder_paste,
    "lens_gage_i.csv": lens_gage,
    "coffee_roast_i.csv": coffee_roast,
    "fermentation_i.csv": fermentation,
    "filter_turbidity_i.csv": filter_paired,
    "parcel_delivery_i.csv": parcel_delivery,
    "water_daily_i.csv": water_daily,
    "led_inspection_i.csv": led_inspection,
    "pipe_wall_i.csv": pipe_wall,
    "flotation_doe_i.csv": flotation_doe,
    "hvac_fractional_i.csv": hvac_fractional,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
