"""Build the corpus-l (blind engineering corpus) tables deterministically; files end in ``_l.csv``.

Simulated (synthetic) plant, lab and service records, each from its own fixed seed, with
parameters chosen to be plausible for the quantity: lithium-ion cell capacity and internal
resistance by formation line and shift, automotive e-coat film thickness (long subgroups of 5
readings per body, thinning drift), bakery loaf weights (wide subgroups of 4), hospital lab
turnaround times by ward and priority, FDM 3D-printed part dimensions against print settings,
a crossed gage study of food-can double-seam thickness, medical-glove water-leak failures and
pinholes per lot (varying sample sizes), thread-pitch go/no-go checks in hourly samples of 50,
wind-turbine blade bolt preload at installation and after six months (paired), a replicated 2^3
heat-treatment run sheet (Rockwell C hardness), a 2^(5-2) mortar setting-time design with centre
points, fruit-juice Brix from four suppliers, airport baggage delivery times per flight (upward
drift late in the series) and compression-spring rate against wire and coil geometry. Headers
follow the habits of real exports: units in brackets, "#", abbreviations, a trailing space.

Run:  uv run python bench/srs/corpus/make_tables_l.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"
SEED = 7121


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def cell_capacity() -> pd.DataFrame:
    """21700 cells, 40 from each of formation lines L2, L4, L5, day and night shift. Nominal
    5000 mAh; L4 runs about 30 mAh low, night shift about 8 mAh low; IR falls as capacity rises.
    QC fails a cell below 4975 mAh or above 15.8 mOhm."""
    rng = _rng(1)
    line_mean = {"L2": 5018.0, "L4": 4988.0, "L5": 5010.0}
    rows = []
    for i, line in enumerate(np.repeat(list(line_mean), 40)):
        shift = "Day" if i % 2 == 0 else "Night"
        cap = rng.normal(line_mean[line] - (8.0 if shift == "Night" else 0.0), 22.0)
        ir = 14.6 - 0.012 * (cap - 5000) + rng.normal(0, 0.45)
        qc = "FAIL" if cap < 4975 or ir > 15.8 else "PASS"
        rows.append((f"C{line}-{2301 + i}", line, shift, round(cap, 1), round(ir, 2), qc))
    return pd.DataFrame(
        rows, columns=["Cell S/N", "Form. line", "Shift", "Capacity (mAh)", "IR (mΩ)", "QC"]
    )


def ecoat_film() -> pd.DataFrame:
    """E-coat dry film thickness, 5 gauge readings per car body (long format), 25 bodies;
    target 21.5 um (spec 18-25 um); the film thins by about 1.2 um from body 19 on."""
    rng = _rng(2)
    rows = []
    for b in range(1, 26):
        mean = 21.6 - (1.2 if b >= 19 else 0.0)
        for pos in range(1, 6):
            rows.append((50100 + b, pos, round(rng.normal(mean, 0.8), 1)))
    return pd.DataFrame(rows, columns=["Body No", "Reading #", "E-coat DFT (µm)"])


def loaf_weight() -> pd.DataFrame:
    """Baked loaf weights, 4 loaves every 20 minutes (wide subgroups), 30 samples, two ovens;
    label weight 800 g. Sample 17 has a wide spread (a divider blade slipped)."""
    rng = _rng(3)
    rows = []
    for s in range(30):
        hh, mm = divmod(5 * 60 + 20 * s, 60)
        oven = "Oven A" if s % 2 == 0 else "Oven B"
        sd = 11.0 if s == 16 else 4.2
        w = np.round(rng.normal(806.0 if oven == "Oven A" else 803.5, sd, 4), 1)
        rows.append((f"{hh:02d}:{mm:02d}", oven, *w))
    return pd.DataFrame(
        rows, columns=["Sample time", "Oven", "Loaf1 g", "Loaf2 g", "Loaf3 g", "Loaf4 g"]
    )


def lab_turnaround() -> pd.DataFrame:
    """Hospital laboratory receipt-to-result times (gamma, minutes) for 180 specimens from four
    wards, STAT or routine; ED fastest, outpatients slowest. Target: result within 60 min."""
    rng = _rng(4)
    ward_scale = {"ED": 0.85, "ICU": 0.95, "Med-Surg": 1.1, "Outpatient": 1.3}
    wards = list(ward_scale)
    rows = []
    for i in range(180):
        ward = wards[i % 4]
        stat = rng.random() < (0.6 if ward in ("ED", "ICU") else 0.25)
        mean = (36.0 if stat else 58.0) * ward_scale[ward]
        tat = rng.gamma(4.0, mean / 4.0)
        rows.append(
            (f"ACC{780100 + i}", ward, "STAT" if stat else "Routine", round(tat, 1),
             "Y" if tat <= 60 else "N")
        )  # fmt: skip
    return pd.DataFrame(
        rows, columns=["Accession #", "Ward", "Priority", "TAT_min", "Met 60-min target"]
    )


def fdm_parts() -> pd.DataFrame:
    """FDM test coupons: nozzle temperature, layer height, print speed on two printers; the
    20.00 mm nominal width grows with speed and layer height and shrinks with temperature;
    tensile strength rises with temperature and falls with layer height."""
    rng = _rng(5)
    rows = []
    for b in range(1, 73):
        printer = "MK3-A" if b % 2 else "MK3-B"
        temp = float(rng.choice([200, 205, 210, 215, 220, 225, 230]))
        layer = float(rng.choice([0.1, 0.15, 0.2, 0.25, 0.3]))
        speed = float(rng.integers(30, 91))
        width = (
            20.0 + 0.0022 * (speed - 60) + 0.35 * (layer - 0.2) - 0.003 * (temp - 215)
            + (0.03 if printer == "MK3-B" else 0.0) + rng.normal(0, 0.025)
        )  # fmt: skip
        uts = 48.0 + 0.22 * (temp - 215) - 28.0 * (layer - 0.2) - 0.03 * (speed - 60)
        uts += rng.normal(0, 1.4)
        rows.append((f"FDM-{b:03d}", printer, temp, layer, speed, round(width, 3), round(uts, 1)))
    return pd.DataFrame(
        rows,
        columns=["Build", "Printer", "Nozzle T (°C)", "Layer ht (mm)", "Speed mm/s",
                 "Width (mm)", "UTS MPa"],
    )  # fmt: skip


def seam_gage() -> pd.DataFrame:
    """Crossed gage study of double-seam thickness: 10 cans x 3 inspectors x 3 trials with a
    seam micrometer; spec 1.15-1.30 mm; Wen reads about 5 microns thick."""
    rng = _rng(6)
    parts = rng.normal(1.225, 0.022, 10)
    bias = {"Priya": 0.0, "Tomasz": -0.002, "Wen": 0.005}
    rows = []
    for c, true in enumerate(parts, 1):
        for insp, b in bias.items():
            for t in range(1, 4):
                rows.append((c, insp, t, round(true + b + rng.normal(0, 0.0045), 3)))
    return pd.DataFrame(rows, columns=["Can #", "Inspector", "Trial", "Seam thickness (mm)"])


def glove_lots() -> pd.DataFrame:
    """Medical examination gloves: per lot, the sample tested by the water-leak test (AQL sample
    sizes 125/200/315 depending on lot size), gloves that failed and pinholes found in total.
    Lot GL-4127 has a former-line problem (many failures)."""
    rng = _rng(7)
    rows = []
    for i in range(40):
        n = int(rng.choice([125, 200, 315], p=[0.3, 0.45, 0.25]))
        p = 0.045 if i == 26 else 0.012
        failed = int(rng.binomial(n, p))
        holes = failed + int(rng.poisson(0.35 * failed))
        rows.append((f"GL-{4101 + i}", n, failed, holes))
    return pd.DataFrame(
        rows, columns=["Lot", "Gloves tested", "Failed leak test", "Pinholes found"]
    )


def thread_gauge() -> pd.DataFrame:
    """Hourly go/no-go thread-pitch gauge checks of M10x1.5 fasteners, 50 pieces per sample;
    no-go rejects (np chart) and thread nicks counted on the 50 (c chart); 36 hours."""
    rng = _rng(8)
    rows = []
    for h in range(1, 37):
        p = 0.03 if h < 30 else 0.06
        rows.append((h, 50, int(rng.binomial(50, p)), int(rng.poisson(2.2))))
    return pd.DataFrame(rows, columns=["Hour", "n checked", "NoGo rejects", "Thread nicks"])


def blade_bolts() -> pd.DataFrame:
    """Wind-turbine blade root bolts: ultrasonic preload at installation and at the six-month
    service of the same 24 bolts; about 2% relaxation."""
    rng = _rng(9)
    rows = []
    for b in range(1, 25):
        install = rng.normal(412.0, 9.0)
        later = install - rng.normal(8.5, 4.0)
        rows.append((f"R1-{b:02d}", round(install, 1), round(later, 1)))
    return pd.DataFrame(rows, columns=["Bolt pos", "Preload install (kN)", "Preload 6 mo (kN)"])


def hardness_doe() -> pd.DataFrame:
    """Replicated 2^3 heat-treatment run sheet in natural units (randomised run order):
    austenitising temperature, quench medium, tempering temperature; Rockwell C hardness.
    Tempering dominates (about -6 HRC), austenitising +1.5, polymer quench -1, with an
    austenitising x tempering interaction."""
    rng = _rng(10)
    base = list(itertools.product([840, 880], ["Oil", "Polymer"], [400, 500]))
    runs = []
    for rep in range(2):
        for std, (aus, quench, temper) in enumerate(base, 1):
            a = 1 if aus == 880 else -1
            q = 1 if quench == "Polymer" else -1
            t = 1 if temper == 500 else -1
            hrc = 46.0 + 0.75 * a - 0.5 * q - 3.0 * t + 0.6 * a * t + rng.normal(0, 0.45)
            runs.append([std + 8 * rep, aus, quench, temper, round(hrc, 1)])
    order = rng.permutation(len(runs)) + 1
    df = pd.DataFrame(runs, columns=["Std", "Austenitize (°C)", "Quench", "Temper (°C)", "HRC"])
    df.insert(1, "Run", order)
    return df.sort_values("Run").reset_index(drop=True)


def mortar_fractional() -> pd.DataFrame:
    """2^(5-2) design (D = AB, E = AC) coded -1/+1 plus 3 centre points; response the initial
    setting time of a mortar (Vicat, minutes). Retarder and temperature dominate."""
    rng = _rng(11)
    rows = []
    for c, b, a in itertools.product([-1, 1], repeat=3):
        rows.append((a, b, c, a * b, a * c))
    rows += [(0, 0, 0, 0, 0)] * 3
    out = []
    for a, b, c, d, e in rows:
        t = 185 + 12 * a + 3 * b + 28 * c - 22 * d + 2 * e + rng.normal(0, 4.0)
        out.append((a, b, c, d, e, round(t)))
    return pd.DataFrame(
        out,
        columns=["w/c", "Lime", "Retarder", "Temp", "RH", "Initial set (min) "],
    )


def juice_brix() -> pd.DataFrame:
    """Orange-juice not-from-concentrate deliveries from four suppliers, 20 tankers each:
    soluble solids (degrees Brix) and titratable acidity; Valle Sur runs lower in Brix."""
    rng = _rng(12)
    sup = {"Hillcrest": 12.15, "Valle Sur": 11.6, "Costa Verde": 12.05, "Sunridge": 12.3}
    rows = []
    k = 0
    for name, mu in sup.items():
        for _ in range(20):
            k += 1
            brix = rng.normal(mu, 0.38)
            acid = 0.82 - 0.05 * (brix - 12) + rng.normal(0, 0.05)
            rows.append((f"T{6100 + k}", name, round(brix, 2), round(acid, 3)))
    return pd.DataFrame(rows, columns=["Tanker", "Supplier", "°Bx", "TA (% citric)"])


def baggage_delivery() -> pd.DataFrame:
    """Arrival flights at one terminal: minutes from on-block to first and last bag on the belt,
    one flight at a time (individuals); last-bag time drifts upward from about flight 60 on
    (a belt-loader fault). Service level: last bag within 30 minutes."""
    rng = _rng(13)
    rows = []
    for i in range(1, 91):
        drift = 0.14 * (i - 60) if i > 60 else 0.0
        first = rng.normal(11.5, 1.6) + 0.3 * drift
        last = first + rng.normal(10.5, 1.8) + drift
        rows.append((f"XR{300 + i}", i, round(first, 1), round(last, 1)))
    return pd.DataFrame(rows, columns=["Flight", "Seq", "First bag (min)", "Last bag (min)"])


def spring_rate() -> pd.DataFrame:
    """Compression springs from two coilers: wire diameter, mean coil diameter, active coils and
    the measured rate k = G d^4 / (8 D^3 n) (G = 79 GPa) with about 2% measurement noise."""
    rng = _rng(14)
    rows = []
    for i in range(1, 61):
        coiler = "C1" if i % 2 else "C2"
        d = rng.uniform(1.8, 2.2)
        big_d = rng.uniform(18.0, 22.0)
        n = int(rng.choice([6, 7, 8, 9, 10]))
        k = 79000 * d**4 / (8 * big_d**3 * n) * (1 + rng.normal(0, 0.02))
        rows.append((f"SP{1000 + i}", coiler, round(d, 3), round(big_d, 2), n, round(k, 3)))
    return pd.DataFrame(
        rows,
        columns=["Spring ID", "Coiler ", "Wire dia (mm)", "Mean coil D (mm)", "Active coils",
                 "Rate (N/mm)"],
    )  # fmt: skip


TABLES = {
    "cell_capacity_l.csv": cell_capacity,
    "ecoat_film_l.csv": ecoat_film,
    "loaf_weight_l.csv": loaf_weight,
    "lab_turnaround_l.csv": lab_turnaround,
    "fdm_parts_l.csv": fdm_parts,
    "seam_gage_l.csv": seam_gage,
    "glove_lots_l.csv": glove_lots,
    "thread_gauge_l.csv": thread_gauge,
    "blade_bolts_l.csv": blade_bolts,
    "hardness_doe_l.csv": hardness_doe,
    "mortar_fractional_l.csv": mortar_fractional,
    "juice_brix_l.csv": juice_brix,
    "baggage_delivery_l.csv": baggage_delivery,
    "spring_rate_l.csv": spring_rate,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, make in TABLES.items():
        df = make()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows")


if __name__ == "__main__":
    main()
