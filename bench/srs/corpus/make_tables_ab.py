"""Write the SIMULATED tables of corpus ab (tables/*_ab.csv), byte-identical on every run.

Run:  uv run python bench/srs/corpus/make_tables_ab.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def orchard() -> pd.DataFrame:  # wide numeric table, seed 7101
    rng = np.random.default_rng(7101)
    n = 180
    block = rng.choice(["North", "South", "River", "Hill"], n)
    cult = rng.choice(["Bramley", "Jazz", "Gala"], n, p=[0.3, 0.35, 0.35])
    root = rng.choice(["M9", "MM106"], n)
    girth = np.round(rng.normal(38, 6, n) + (root == "MM106") * 5, 1)
    count = np.round(np.clip(4.2 * girth + rng.normal(0, 22, n), 40, None)).astype(int)
    base_mass = np.where(cult == "Bramley", 230, np.where(cult == "Jazz", 165, 150))
    mass = np.round(base_mass - 0.25 * (count - 160) + rng.normal(0, 14, n), 1)
    brix = np.round(13.5 - 0.02 * (mass - 170) + (cult == "Jazz") * 1.0 + rng.normal(0, 0.8, n), 1)
    firm = np.round(rng.gamma(30, 0.25, n), 2)
    yld = np.round(count * mass / 1000 * rng.normal(1, 0.03, n), 2)
    irr = rng.choice(["Y", "N"], n, p=[0.6, 0.4])
    scab_p = np.where(cult == "Gala", 0.35, np.where(cult == "Jazz", 0.2, 0.12))
    scab = np.where(rng.random(n) < scab_p, "Y", "N")
    return pd.DataFrame({
        "TreeRef": [f"{b[0]}-{i + 1:03d}" for i, b in enumerate(block)],
        "Block": block, "Cultivar": cult, "Rootstock ": root, "TrunkGirth_cm": girth,
        "FruitCount": count, "Mean Fruit Mass [g]": mass, "Brix (°Bx)": brix,
        "Firmness (kgf)": firm, "Yield/tree [kg]": yld, "Irrigated": irr, "Scab Y/N": scab,
    })  # fmt: skip


def sawmill() -> pd.DataFrame:  # long format value + group, seed 7102
    rng = np.random.default_rng(7102)
    heads = np.repeat(["HS-1", "HS-2", "HS-3", "HS-4"], 60)
    mu = {"HS-1": 47.02, "HS-2": 46.98, "HS-3": 47.00, "HS-4": 47.12}
    sd = {"HS-1": 0.11, "HS-2": 0.12, "HS-3": 0.21, "HS-4": 0.12}
    thick = np.round([rng.normal(mu[h], sd[h]) for h in heads], 2)
    n = len(heads)
    return pd.DataFrame({
        "board_no": np.arange(1001, 1001 + n),
        "saw_head": heads,
        "species": rng.choice(["Sitka spruce", "Larch", "Douglas fir"], n, p=[0.5, 0.3, 0.2]),
        "shift": rng.choice(["early", "late"], n),
        "thickness_mm": thick,
        "moisture_pct": np.round(rng.normal(18, 2.5, n), 1),
        "wane_defect": (rng.random(n) < 0.08).astype(int),
    })  # fmt: skip


def recycling() -> pd.DataFrame:  # attribute chart table, seed 7103
    rng = np.random.default_rng(7103)
    n = 30
    bales = rng.integers(40, 61, n)
    p = np.full(n, 0.12)
    p[21] = 0.3
    cont = rng.binomial(bales, p)
    items = rng.poisson(bales * 0.35)
    items[21] += 14
    cans = np.full(n, 200)
    nonal = rng.binomial(200, 0.05, n)
    dates = pd.date_range("2026-03-02", periods=n, freq="D").strftime("%d/%m/%Y")
    return pd.DataFrame({
        "Shift#": np.arange(1, n + 1), "Date": dates, "Bales Checked": bales,
        "Contaminated Bales": cont, "Foreign items found": items, "Cans Audited": cans,
        "Non-Al cans": nonal,
    })  # fmt: skip


def toy_brick() -> pd.DataFrame:  # subgrouped SPC (wide), seed 7104
    rng = np.random.default_rng(7104)
    k = 25
    x = rng.normal(9.600, 0.012, (k, 5))
    x[19:, :] += 0.015
    df = pd.DataFrame(
        {
            "Sample": np.arange(1, k + 1),
            "Hour": [f"{6 + i // 2:02d}:{(i % 2) * 30:02d}" for i in range(k)],
        }
    )
    for j in range(5):
        df[f"h{j + 1} (mm)"] = np.round(x[:, j], 3)
    return df


def chair_leg() -> pd.DataFrame:  # crossed gage R&R, seed 7105
    rng = np.random.default_rng(7105)
    parts = rng.normal(450.0, 0.18, 10)
    bias = {"Aoife": 0.0, "Ruairi": 0.03, "Thandi": -0.02}
    rows = []
    for t in (1, 2, 3):
        for op, b in bias.items():
            for i, p in enumerate(parts):
                rows.append((i + 1, op, t, round(p + b + rng.normal(0, 0.035), 2)))
    return pd.DataFrame(rows, columns=["Leg No.", "Inspector", "Trial", "Length [mm]"])


def kombucha() -> pd.DataFrame:  # coded replicated 2^3, seed 7106
    rng = np.random.default_rng(7106)
    base = np.array([[a, b, c] for c in (-1, 1) for b in (-1, 1) for a in (-1, 1)])
    X = np.vstack([base, base])
    y = 4.2 + 0.55 * X[:, 0] + 0.30 * X[:, 1] + 0.05 * X[:, 2] + 0.25 * X[:, 0] * X[:, 1]
    y = np.round(y + rng.normal(0, 0.12, 16), 2)
    order = rng.permutation(16) + 1
    return pd.DataFrame(
        {
            "StdOrder": np.arange(1, 17),
            "RunOrder": order,
            "A: Temp": X[:, 0],
            "B: Sugar": X[:, 1],
            "C: Starter": X[:, 2],
            "Acidity (g/L)": y,
        }
    )


def heat_pump() -> pd.DataFrame:  # regression, seed 7107
    rng = np.random.default_rng(7107)
    n = 120
    tout = np.round(rng.normal(5, 5.5, n), 1)
    flow = np.round(rng.uniform(30, 50, n), 1)
    rh = np.round(np.clip(rng.normal(80, 9, n), 45, 100), 0).astype(int)
    defrost = rng.poisson(np.clip(6 - 0.6 * tout, 0.2, None))
    cop = 3.6 + 0.075 * tout - 0.045 * (flow - 40) - 0.03 * defrost + rng.normal(0, 0.18, n)
    return pd.DataFrame(
        {
            "day": np.arange(1, n + 1),
            "T_out_C": tout,
            "FlowTemp_C": flow,
            "RH_pct": rh,
            "DefrostCycles": defrost,
            "COP": np.round(cop, 2),
        }
    )


def trail_survey() -> pd.DataFrame:  # categorical survey with stratum, seed 7108
    rng = np.random.default_rng(7108)
    n = 480
    region = rng.choice(["Highlands", "Lowlands", "Islands"], n, p=[0.4, 0.35, 0.25])
    boots = rng.choice(["Y", "N"], n, p=[0.65, 0.35])
    base = np.where(region == "Highlands", 0.22, np.where(region == "Islands", 0.16, 0.09))
    p_inj = np.where(boots == "Y", base * 0.55, base)
    inj = np.where(rng.random(n) < p_inj, "Y", "N")
    exp = rng.choice(["Beginner", "Intermediate", "Expert"], n, p=[0.35, 0.45, 0.2])
    grp = rng.choice(["Solo", "Pair", "Group"], n, p=[0.25, 0.4, 0.35])
    ret = np.array([
        rng.choice(["Yes", "No", "Unsure"], p=[0.35, 0.35, 0.30] if i == "Y" else [0.7, 0.15, 0.15])
        for i in inj
    ])  # fmt: skip
    age = rng.choice(["18-29", "30-44", "45-59", "60+"], n)
    return pd.DataFrame({
        "resp_id": np.arange(1, n + 1), "Region": region, "Boots": boots, "Injured": inj,
        "ExperienceLvl": exp, "GroupSize": grp, "Would_Return": ret, "AgeBand": age,
    })  # fmt: skip


def physio() -> pd.DataFrame:  # before/after paired, seed 7109
    rng = np.random.default_rng(7109)
    n = 28
    pre = np.round(rng.normal(24, 6, n), 1)
    post = np.round(pre + rng.normal(2.1, 2.4, n), 1)
    pain_pre = rng.integers(3, 9, n)
    pain_post = np.clip(pain_pre - rng.integers(-1, 4, n), 0, 10)
    return pd.DataFrame({
        "PatientCode": [f"PX{i:02d}" for i in range(1, n + 1)],
        "Arm": rng.choice(["L", "R"], n), "Age": rng.integers(34, 79, n),
        "Grip_pre (kg)": pre, "Grip_post (kg)": post,
        "Pain_pre (0-10)": pain_pre, "Pain_post (0-10)": pain_post,
    })  # fmt: skip


def laundromat() -> pd.DataFrame:  # distributions, seed 7110
    rng = np.random.default_rng(7110)
    n = 300
    prog = rng.choice(["Cotton 40", "Eco", "Quick 30", "Wool"], n, p=[0.4, 0.25, 0.25, 0.1])
    mins = {"Cotton 40": 58, "Eco": 75, "Quick 30": 31, "Wool": 42}
    cyc = np.round([rng.normal(mins[p], 3) for p in prog], 0).astype(int)
    load = np.round(rng.gamma(4, 1.2, n), 2)
    kwh = np.round(0.35 + 0.012 * cyc + 0.06 * load + rng.normal(0, 0.05, n), 2)
    return pd.DataFrame({
        "Machine": rng.choice([f"W0{i}" for i in range(1, 7)], n),
        "Programme": prog, "Cycle [min]": cyc, "Load kg": load, "Energy kWh": kwh,
        "Water (L)": np.round(rng.normal(48, 6, n), 1),
        "Gap to next customer (min)": np.round(rng.exponential(7.5, n), 2),
        "Start min past hour": np.round(rng.uniform(0, 60, n), 1),
        "Spend (ZAR)": np.round(rng.lognormal(3.6, 0.45, n), 2),
    })  # fmt: skip


def rowing() -> pd.DataFrame:  # groups with different spread, seed 7111
    rng = np.random.default_rng(7111)
    n = 150
    squad = rng.choice(["Novice", "Senior", "Masters"], n, p=[0.4, 0.3, 0.3])
    sex = rng.choice(["F", "M"], n)
    mass = np.round(np.where(sex == "M", rng.normal(82, 8, n), rng.normal(68, 7, n)), 1)
    base = np.where(squad == "Senior", 405, np.where(squad == "Masters", 440, 455))
    spread = np.where(squad == "Novice", 28, np.where(squad == "Masters", 20, 12))
    t = base + np.where(sex == "F", 35, 0) - 0.4 * (mass - 75) + rng.normal(0, 1, n) * spread
    watts = np.round(2.80 / (t / 4 / 500) ** 3, 0).astype(int)
    return pd.DataFrame({
        "Athlete": [f"A{i:03d}" for i in range(1, n + 1)], "Squad": squad, "Sex": sex,
        "BodyMass_kg": mass, "2k_time_s": np.round(t, 1), "AvgWatts": watts,
        "StrokeRate_spm": np.round(rng.normal(30, 2.2, n), 0).astype(int),
    })  # fmt: skip


def bandsaw() -> pd.DataFrame:  # Weibull lives, two suppliers, seed 7112
    rng = np.random.default_rng(7112)
    sup = np.repeat(["Kestrel", "Oakline"], 35)
    scale = np.where(sup == "Kestrel", 62, 48)
    life = np.round(scale * rng.weibull(2.3, 70), 1)
    return pd.DataFrame({
        "BladeID": [f"BL-{i:03d}" for i in range(1, 71)], "Supplier": sup,
        "TPI": rng.choice([3, 4], 70), "hrs_to_dull": life,
        "m3_cut": np.round(life * rng.normal(0.42, 0.05, 70), 1),
    })  # fmt: skip


TABLES = {
    "orchard_harvest_ab.csv": orchard, "sawmill_boards_ab.csv": sawmill,
    "recycling_sort_ab.csv": recycling, "toy_brick_spc_ab.csv": toy_brick,
    "chair_leg_grr_ab.csv": chair_leg, "kombucha_2k3_ab.csv": kombucha,
    "heat_pump_cop_ab.csv": heat_pump, "trail_survey_ab.csv": trail_survey,
    "physio_grip_ab.csv": physio, "laundromat_cycles_ab.csv": laundromat,
    "rowing_erg_ab.csv": rowing, "bandsaw_blades_ab.csv": bandsaw,
}  # fmt: skip

if __name__ == "__main__":
    for name, make in TABLES.items():
        save(make(), name)
        print(name)
