"""Write the simulated tables of corpus aa to tables/*_aa.csv (byte-identical on re-run).

Run:  uv run python bench/srs/corpus/make_tables_aa.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def cheese_vats() -> None:
    """Wide table: 120 cheese vats, several related numeric columns (seed 7101)."""
    rng = np.random.default_rng(7101)
    n = 120
    site = rng.choice(["Lindau", "Kempten"], n, p=[0.55, 0.45])
    temp = rng.normal(32.0, 0.6, n)
    rennet = rng.normal(22.0, 2.0, n)
    coag = 38 - 0.9 * (rennet - 22) - 2.2 * (temp - 32) + rng.normal(0, 1.6, n)
    ph = rng.normal(6.35, 0.05, n)
    moist = 38 + 9.0 * (ph - 6.35) + 0.12 * (coag - 38) + rng.normal(0, 0.9, n)
    fdm = rng.normal(48.0, 1.0, n) + np.where(site == "Kempten", 0.6, 0.0)
    salt = rng.normal(1.70, 0.15, n)
    yld = 10.2 + 0.18 * (moist - 38) + 0.09 * (fdm - 48) + rng.normal(0, 0.12, n)
    df = pd.DataFrame(
        {
            "Vat#": np.arange(1, n + 1),
            "Site": site,
            "Milk Temp [°C]": temp.round(1),
            "Rennet (mL/100L)": rennet.round(1),
            "Coag_time_min": coag.round(1),
            "pH @ drain": ph.round(2),
            "Moisture %": moist.round(2),
            "FDM_pct": fdm.round(2),
            "Salt % ": salt.round(2),
            "Yield (kg/100kg milk)": yld.round(2),
        }
    )
    save(df, "cheese_vats_aa.csv")


def gob_weights() -> None:
    """Subgrouped SPC table: 30 hourly subgroups of 5 gobs, +1.2 g shift from subgroup 22 (seed 7102)."""
    rng = np.random.default_rng(7102)
    rows = []
    for sg in range(1, 31):
        shift = 1.2 if sg >= 22 else 0.0
        g = rng.normal(310.0 + shift, 1.5, 5)
        rows.append(
            [sg, f"{(5 + sg) % 24:02d}:00", round(float(rng.normal(212, 4)), 1)]
            + list(np.round(g, 2))
        )
    df = pd.DataFrame(
        rows,
        columns=["Subgrp", "hh:mm", "Furnace pull (t/d)", "G1_g", "G2_g", "G3_g", "G4_g", "G5_g"],
    )
    save(df, "gob_weights_aa.csv")


def wirebond_pull() -> None:
    """Long format: 4 wire bonders x 40 pulls; WB-03 more variable, WB-02 slightly weaker (seed 7103)."""
    rng = np.random.default_rng(7103)
    means = {"WB-01": 9.6, "WB-02": 9.1, "WB-03": 9.5, "WB-04": 9.7}
    sds = {"WB-01": 0.55, "WB-02": 0.6, "WB-03": 1.05, "WB-04": 0.5}
    rows = []
    k = 0
    for b in means:
        for _ in range(40):
            k += 1
            age = rng.uniform(0, 500)
            pull = rng.normal(means[b], sds[b]) - 0.0016 * (age - 250)
            shear = 28 + 1.8 * (pull - 9.5) + rng.normal(0, 1.2)
            rows.append(
                [
                    f"BD{k:04d}",
                    b,
                    rng.choice(["D", "N"]),
                    round(age),
                    round(pull, 2),
                    round(shear, 1),
                ]
            )
    df = pd.DataFrame(
        rows,
        columns=[
            "bond_id",
            "Bonder",
            "Shift",
            "Capillary age (k bonds)",
            "Pull Strength [gf]",
            "BallShear_g",
        ],
    )
    save(df, "wirebond_pull_aa.csv")


def tower_retune() -> None:
    """Paired before/after table: 36 cell sites before and after antenna retuning (seed 7104)."""
    rng = np.random.default_rng(7104)
    n = 36
    region = rng.choice(["Urban", "Suburban", "Rural"], n, p=[0.4, 0.35, 0.25])
    base = rng.normal(-98, 6, n) - np.where(region == "Rural", 6, 0)
    after = base + rng.normal(2.1, 2.5, n)
    dl_pre = np.exp(rng.normal(3.2, 0.35, n))
    dl_post = dl_pre * np.exp(rng.normal(0.08, 0.12, n))
    drop_pre = np.clip(rng.normal(1.4, 0.4, n), 0.2, None)
    drop_post = np.clip(drop_pre + rng.normal(-0.15, 0.25, n), 0.1, None)
    df = pd.DataFrame(
        {
            "Site ID": [f"TWR-{100 + i}" for i in range(n)],
            "Region": region,
            "Vendor": rng.choice(["V1", "V2"], n),
            "RSRP before (dBm)": base.round(1),
            "RSRP after (dBm)": after.round(1),
            "DL Mbps pre": dl_pre.round(1),
            "DL Mbps post": dl_post.round(1),
            "Drop Calls Pre [%]": drop_pre.round(2),
            "Drop Calls Post [%]": drop_post.round(2),
        }
    )
    save(df, "tower_retune_aa.csv")


def bakery_qc() -> None:
    """Attribute table: 40 bake days, loaves inspected/rejected, crust blemishes, rolls of 50 (seed 7105)."""
    rng = np.random.default_rng(7105)
    n = 40
    insp = rng.integers(150, 261, n)
    p = np.full(n, 0.045)
    p[27] = 0.12
    rej = rng.binomial(insp, p)
    blem = rng.poisson(insp * 0.06)
    blem[33] += 14
    under = rng.binomial(50, 0.06, n)
    df = pd.DataFrame(
        {
            "BakeDate": pd.date_range("2026-09-01", periods=n, freq="D").strftime("%d/%m/%Y"),
            "Loaves inspected": insp,
            "Rejected loaves": rej,
            "Crust blemishes (count)": blem,
            "Rolls_sampled": 50,
            "Rolls_underweight": under,
        }
    )
    save(df, "bakery_qc_aa.csv")


def bracket_grr() -> None:
    """Crossed gage R&R: 10 orthodontic brackets x 3 technicians x 3 trials, slot width (seed 7106)."""
    rng = np.random.default_rng(7106)
    part = rng.normal(0.560, 0.006, 10)
    bias = {"Ana": 0.0, "Bo": 0.0012, "Chidi": -0.0006}
    rows = []
    for t in range(1, 4):
        for tech, b in bias.items():
            for i in range(10):
                rows.append([i + 1, tech, t, round(float(part[i] + b + rng.normal(0, 0.0015)), 4)])
    df = pd.DataFrame(rows, columns=["Bracket", "Tech", "Trial", "Slot width (mm)"])
    save(df, "bracket_grr_aa.csv")


def dye_doe() -> None:
    """Coded replicated 2^3 factorial, textile dyeing, response colour strength K/S (seed 7107)."""
    rng = np.random.default_rng(7107)
    rows = []
    std = 0
    for _rep in range(2):
        for c in (-1, 1):
            for b in (-1, 1):
                for a in (-1, 1):
                    std += 1
                    y = 12.0 + 1.6 * a + 0.9 * b + 0.2 * c + 0.7 * a * b + rng.normal(0, 0.35)
                    rows.append([std, a, b, c, round(y, 2)])
    order = rng.permutation(len(rows)) + 1
    df = pd.DataFrame(rows, columns=["StdOrder", "Temp", "Salt", "Time", "Colour Strength (K/S)"])
    df.insert(1, "RunOrder", order)
    save(df, "dye_doe_aa.csv")


def chiller_plant() -> None:
    """Regression table: 150 hourly readings of a data-centre chiller plant (seed 7108)."""
    rng = np.random.default_rng(7108)
    n = 150
    oat = rng.uniform(8, 34, n)
    it = rng.normal(820, 60, n)
    sp = rng.choice([6.5, 7.0, 7.5, 8.0, 8.5, 9.0], n)
    rh = np.clip(rng.normal(55, 12, n), 20, 95)
    kw = 40 + 3.2 * oat + 0.28 * it - 6.0 * sp + rng.normal(0, 9, n)
    df = pd.DataFrame(
        {
            "Obs": np.arange(1, n + 1),
            "OAT_C": oat.round(1),
            "IT Load (kW)": it.round(0).astype(int),
            "CHW supply setpoint [°C]": sp,
            "RH_%": rh.round(0).astype(int),
            "Chiller_kW": kw.round(1),
        }
    )
    save(df, "chiller_plant_aa.csv")


def zoo_survey() -> None:
    """Visitor survey at three zoo sites, categorical answers plus a rating and spend (seed 7109)."""
    rng = np.random.default_rng(7109)
    n = 420
    site = rng.choice(["North Park", "South Park", "City Zoo"], n, p=[0.35, 0.3, 0.35])
    ticket = rng.choice(["Member", "Day"], n, p=[0.3, 0.7])
    kids = rng.choice(["Y", "N"], n, p=[0.45, 0.55])
    talk = np.where(rng.random(n) < np.where(kids == "Y", 0.55, 0.35), "Y", "N")
    p_ret = 0.45 + 0.25 * (ticket == "Member") + 0.1 * (talk == "Y")
    ret = np.where(rng.random(n) < p_ret, "Y", "N")
    age = rng.choice(["18-29", "30-44", "45-64", "65+"], n, p=[0.22, 0.38, 0.28, 0.12])
    rating = np.clip(np.round(rng.normal(3.6 + 0.4 * (talk == "Y"), 0.9)), 1, 5).astype(int)
    spend = np.round(np.exp(rng.normal(3.3, 0.5, n)) + 8 * (kids == "Y"), 2)
    df = pd.DataFrame(
        {
            "RespID": np.arange(1001, 1001 + n),
            "Site": site,
            "TicketType": ticket,
            "Kids in party (Y/N)": kids,
            "Saw feeding talk": talk,
            "Would return": ret,
            "AgeBand": age,
            "Rating 1-5": rating,
            "Spend_EUR": spend,
        }
    )
    save(df, "zoo_survey_aa.csv")


def tower_outages() -> None:
    """Alarm log of mobile-network towers, durations of known shapes (seed 7110)."""
    rng = np.random.default_rng(7110)
    n = 200
    df = pd.DataFrame(
        {
            "Alarm#": np.arange(1, n + 1),
            "Region": rng.choice(["North", "Coast", "Hills"], n),
            "Power source": rng.choice(["Grid", "Solar-hybrid", "Diesel"], n, p=[0.5, 0.3, 0.2]),
            "Outage duration (min)": np.exp(rng.normal(3.4, 0.8, n)).round(1),
            "Hrs since prev alarm": rng.exponential(30, n).round(2),
            "Battery autonomy h": (5.5 * rng.weibull(2.4, n)).round(2),
            "Gen start delay s": rng.gamma(4.0, 6.0, n).round(1),
            "Remote tilt (deg)": rng.uniform(2, 12, n).round(2),
        }
    )
    save(df, "tower_outages_aa.csv")


def laundry_tunnel() -> None:
    """Hospital laundry batches from three tunnel washers; TW2 wetter, TW3 more variable (seed 7111)."""
    rng = np.random.default_rng(7111)
    n = 180
    washer = np.repeat(["TW1", "TW2", "TW3"], n // 3)
    shift = rng.choice(["Day", "Night"], n)
    load = rng.normal(48, 5, n)
    mu = {"TW1": 44.0, "TW2": 46.0, "TW3": 44.5}
    sd = {"TW1": 1.4, "TW2": 1.5, "TW3": 2.8}
    moist = np.array([rng.normal(mu[w], sd[w]) for w in washer]) + 0.08 * (load - 48)
    cycle = 31 + 0.15 * (load - 48) + rng.normal(0, 1.2, n) + np.where(shift == "Night", 0.6, 0)
    rewash_p = np.where(washer == "TW2", 0.09, 0.04)
    rewash = np.where(rng.random(n) < rewash_p, "Y", "N")
    water = rng.normal(6.8, 0.5, n)
    df = pd.DataFrame(
        {
            "Batch": [f"L{i:04d}" for i in range(1, n + 1)],
            "Washer": washer,
            "Shift": shift,
            "Load (kg)": load.round(1),
            "Residual Moisture (%)": moist.round(1),
            "Cycle Time (min)": cycle.round(1),
            "Water L/kg": water.round(2),
            "Rewash": rewash,
        }
    )
    save(df, "laundry_tunnel_aa.csv")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    cheese_vats()
    gob_weights()
    wirebond_pull()
    tower_retune()
    bakery_qc()
    bracket_grr()
    dye_doe()
    chiller_plant()
    zoo_survey()
    tower_outages()
    laundry_tunnel()


if __name__ == "__main__":
    main()
