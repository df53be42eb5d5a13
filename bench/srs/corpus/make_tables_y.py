"""Tables of corpus y (blind set): nine SIMULATED tables, one numpy seed each.

Run:  uv run python bench/srs/corpus/make_tables_y.py
Writes tables/*_y.csv byte-identically on every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def ems() -> pd.DataFrame:
    rng = np.random.default_rng(7101)
    n = 420
    station = rng.choice(
        ["Northgate", "Riverside", "Hillcrest", "Docklands"], n, p=[0.3, 0.25, 0.25, 0.2]
    )
    shift = rng.choice(["Day", "Night"], n, p=[0.58, 0.42])
    weekend = rng.choice(["Y", "N"], n, p=[2 / 7, 5 / 7])
    prio = rng.choice([1, 2, 3], n, p=[0.3, 0.45, 0.25])
    base = {"Northgate": 1.8, "Riverside": 2.4, "Hillcrest": 3.6, "Docklands": 2.0}
    dist = np.array([base[s] for s in station]) * rng.gamma(2.2, 0.55, n)
    resp = 2.0 + 1.6 * dist + rng.gamma(2.0, 1.1, n) + 0.8 * (prio == 3) + 0.6 * (shift == "Night")
    resp = resp * np.where(weekend == "Y", rng.normal(1.0, 0.18, n), 1.0)
    onscene = rng.exponential(14.0, n) + 3.0 * (prio == 1)
    transported = np.where(
        rng.random(n) < np.where(prio == 1, 0.82, np.where(prio == 2, 0.6, 0.35)), "Y", "N"
    )
    crew = rng.choice([2, 3], n, p=[0.7, 0.3])
    df = pd.DataFrame(
        {
            "Incident_ID": [f"INC-{23000 + i}" for i in range(n)],
            "Station": station,
            "Shift": shift,
            "Weekend (Y/N)": weekend,
            "Priority": prio,
            "Distance (km)": dist.round(2),
            "ResponseTime [min]": resp.round(1),
            "OnSceneTime [min]": onscene.round(1),
            "Transported": transported,
            "CrewSize": crew,
        }
    )
    df.loc[rng.choice(n, 6, replace=False), "ResponseTime [min]"] = np.nan
    return df


def pool() -> pd.DataFrame:
    rng = np.random.default_rng(7102)
    days = pd.date_range("2023-05-01", periods=120, freq="D")
    rows = []
    for d in days:
        wk = "Weekend" if d.day_of_week >= 5 else "Weekday"
        for p, cl, temp in (("Lap", 1.6, 27.0), ("Leisure", 2.0, 29.5), ("Toddler", 2.4, 31.0)):
            bathers = int(
                rng.poisson(
                    (260 if p == "Leisure" else 150 if p == "Lap" else 60)
                    * (1.5 if wk == "Weekend" else 1)
                )
            )
            t = rng.normal(temp, 0.6)
            fcl = max(0.3, rng.normal(cl - 0.002 * bathers, 0.35 if p != "Toddler" else 0.6))
            ph = rng.normal(7.4 + 0.05 * (fcl - 2), 0.12)
            turb = rng.lognormal(np.log(0.18 + 0.0004 * bathers), 0.35)
            algae = int(rng.random() < (0.12 if fcl < 1.2 else 0.02))
            shocked = "Yes" if rng.random() < (0.4 if algae else 0.06) else "No"
            rows.append(
                (
                    d.strftime("%d/%m/%Y"),
                    p,
                    round(fcl, 2),
                    round(ph, 2),
                    round(t, 1),
                    bathers,
                    wk,
                    algae,
                    shocked,
                    round(turb, 3),
                )
            )
    return pd.DataFrame(
        rows,
        columns=[
            "Date",
            "Pool",
            "FreeCl_ppm",
            "pH ",
            "WaterTemp °C",
            "Bathers",
            "DayType",
            "Algae_Flag",
            "Shocked",
            "Turbidity NTU",
        ],
    )


def salmon() -> pd.DataFrame:
    rng = np.random.default_rng(7103)
    n = 300
    site = rng.choice(["Ardmore", "Kilbrannan", "Sgeir"], n)
    species = rng.choice(["Atlantic salmon", "Rainbow trout"], n, p=[0.7, 0.3])
    temp = rng.normal(10.5, 1.8, n) + np.where(site == "Sgeir", -0.8, 0.0)
    weight = (
        np.where(species == "Atlantic salmon", 2900, 1700)
        + 160 * (temp - 10.5)
        + rng.normal(0, 420, n)
    )
    feed = 0.012 * weight + rng.normal(0, 4.5, n) + 6
    lice = rng.gamma(1.6, 0.9 + 0.12 * np.clip(temp - 8, 0, None), n)
    mort = rng.weibull(1.4, n) * 0.9
    treated = np.where(rng.random(n) < np.clip(0.1 + 0.15 * lice, 0, 0.9), "Y", "N")
    net = rng.choice(["Nylon", "Copper"], n, p=[0.6, 0.4])
    return pd.DataFrame(
        {
            "pen_id": [f"P{i:03d}" for i in range(1, n + 1)],
            "site": site,
            "species": species,
            "feed_kg_day": feed.round(1),
            "sea_temp_c": temp.round(2),
            "mean_weight_g": weight.round(0).astype(int),
            "lice_per_fish": lice.round(2),
            "mortality_pct": mort.round(3),
            "treated": treated,
            "net_type": net,
        }
    )


def ev() -> pd.DataFrame:
    rng = np.random.default_rng(7104)
    n = 500
    site = rng.choice(["Mall", "Office Park", "Highway", "Depot"], n, p=[0.3, 0.25, 0.25, 0.2])
    conn = np.where(
        site == "Highway",
        rng.choice(["CCS", "CHAdeMO"], n, p=[0.8, 0.2]),
        rng.choice(["CCS", "CHAdeMO", "Type 2"], n, p=[0.3, 0.1, 0.6]),
    )
    power = np.where(
        conn == "Type 2", 11.0, np.where(conn == "CHAdeMO", 50.0, rng.choice([50.0, 150.0], n))
    )
    energy = rng.lognormal(np.log(np.where(site == "Highway", 32, 18)), 0.55, n)
    dur = energy / (power * rng.uniform(0.45, 0.85, n)) * 60 + rng.normal(4, 1.5, n).clip(1)
    idle = rng.exponential(np.where(site == "Office Park", 55, 12), n)
    weekend = rng.choice([0, 1], n, p=[0.72, 0.28])
    pay = rng.choice(["App", "Card", "RFID"], n, p=[0.5, 0.3, 0.2])
    fault = np.where(rng.random(n) < np.where(conn == "CHAdeMO", 0.09, 0.035), "Y", "N")
    start = rng.uniform(0, 24, n)
    return pd.DataFrame(
        {
            "SessionID": np.arange(90001, 90001 + n),
            "Site": site,
            "Connector": conn,
            "Energy (kWh)": energy.round(2),
            "Duration (min)": dur.round(1),
            "IdleMinutes": idle.round(1),
            "Weekend": weekend,
            "Payment": pay,
            "Fault": fault,
            "StartHour": start.round(2),
            "MaxPower_kW": power,
        }
    )


def shelter() -> pd.DataFrame:
    rng = np.random.default_rng(7105)
    n = 450
    species = rng.choice(["Dog", "Cat"], n, p=[0.55, 0.45])
    intake = rng.choice(["Stray", "Surrender", "Transfer"], n, p=[0.5, 0.35, 0.15])
    sex = rng.choice(["M", "F"], n)
    age = np.round(rng.gamma(1.8, 18, n) + 2).astype(int)
    weight = np.where(
        species == "Dog", rng.normal(19, 8, n).clip(2.5), rng.normal(4.2, 1.1, n).clip(1.2)
    )
    days = np.round(
        rng.weibull(1.3, n) * np.where(species == "Dog", 24, 18) * (1 + age / 120) + 1
    ).astype(int)
    outcome = rng.choice(
        ["Adopted", "Returned to owner", "Transferred", "Euthanised"], n, p=[0.62, 0.18, 0.15, 0.05]
    )
    outcome = np.where((intake == "Stray") & (rng.random(n) < 0.15), "Returned to owner", outcome)
    chip = np.where(rng.random(n) < np.where(intake == "Stray", 0.35, 0.7), "Y", "N")
    ster = np.where(
        rng.random(n) < np.where(species == "Cat", 0.55, 0.45) + 0.15 * (chip == "Y"), "Y", "N"
    )
    year = rng.choice([2022, 2023], n)
    branch = rng.choice(["East", "West"], n, p=[0.55, 0.45])
    df = pd.DataFrame(
        {
            "AnimalID": [f"A{700000 + 13 * i}" for i in range(n)],
            "Species": species,
            "IntakeType": intake,
            "Sex": sex,
            "Sterilised": ster,
            "Age (months)": age,
            "Weight_kg": weight.round(1),
            "DaysInShelter": days,
            "Outcome": outcome,
            "Microchipped": chip,
            "IntakeYear": year,
            "Branch": branch,
        }
    )
    df.loc[rng.choice(n, 9, replace=False), "Weight_kg"] = np.nan
    return df


def esports() -> pd.DataFrame:
    rng = np.random.default_rng(7106)
    n = 400
    season = rng.choice([2022, 2023], n)
    side = rng.choice(["Blue", "Red"], n)
    region = rng.choice(["LEC", "LCS", "LCK"], n, p=[0.4, 0.3, 0.3])
    gold15 = rng.normal(np.where(side == "Blue", 250, -150), 1900, n)
    win = (rng.random(n) < 1 / (1 + np.exp(-gold15 / 1300))).astype(int)
    length = rng.gamma(16, 2.0, n) - 0.0008 * np.abs(gold15) + np.where(region == "LCK", 1.8, 0)
    kills = rng.poisson(np.clip(12 + 0.35 * length + 0.001 * gold15, 1, None))
    deaths = rng.poisson(np.clip(12 + 0.35 * length - 0.001 * gold15, 1, None))
    apm = rng.normal(np.where(region == "LCK", 215, 195), np.where(season == 2023, 28, 20), n)
    fb = rng.random(n) < 0.5 + 0.1 * win
    patch = np.where(
        season == 2022, rng.choice([12.1, 12.5, 12.9], n), rng.choice([13.1, 13.5, 13.9], n)
    )
    return pd.DataFrame(
        {
            "MatchID": [f"M{s}-{i:04d}" for i, s in enumerate(season)],
            "Season": season,
            "Patch": patch,
            "Region": region,
            "Side": side,
            "Win": win,
            "GameLength_min": length.round(1),
            "Kills": kills,
            "Deaths": deaths,
            "GoldDiff@15": gold15.round(0).astype(int),
            "APM": apm.round(1),
            "FirstBlood": fb,
        }
    )


def pharmacy() -> pd.DataFrame:
    rng = np.random.default_rng(7107)
    n = 420
    branch = rng.choice(["Centrum", "Zuid", "Station"], n, p=[0.4, 0.3, 0.3])
    wd = rng.choice(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], n)
    items = rng.poisson(1.4, n) + 1
    wait = (
        rng.gamma(
            np.where(branch == "Station", 2.2, 3.2), np.where(branch == "Station", 6.5, 3.6), n
        )
        + 1.3 * items
    )
    generic = np.where(rng.random(n) < 0.68, "Y", "N")
    ins = rng.choice(["Public", "Private", "Uninsured"], n, p=[0.6, 0.3, 0.1])
    couns = np.where(rng.random(n) < 0.35, "Y", "N")
    err = (rng.random(n) < 0.02 + 0.01 * items).astype(int)
    ph = rng.choice(["A", "B", "C"], n)
    age = rng.choice(["<40", "40-64", "65+"], n, p=[0.3, 0.35, 0.35])
    return pd.DataFrame(
        {
            "Rx No.": np.arange(500100, 500100 + n),
            "Branch": branch,
            "Weekday": wd,
            "Items": items,
            "WaitTime (mins)": wait.round(1),
            "Generic?": generic,
            "Insurance": ins,
            "Counselled": couns,
            "DispensingError": err,
            "PharmacistOnDuty": ph,
            "AgeGroup": age,
        }
    )


def tennis() -> pd.DataFrame:
    rng = np.random.default_rng(7108)
    n = 360
    players = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Reyes"]
    pl = rng.choice(players, n)
    surface = rng.choice(["Clay", "Grass", "Hard"], n, p=[0.35, 0.2, 0.45])
    season = rng.choice([2022, 2023], n)
    speed = rng.normal(192, 7, n) + np.array(
        [
            {"Varga": 6, "Okafor": 9, "Lindqvist": -3, "Moreau": 0, "Tanaka": -7, "Reyes": 2}[p]
            for p in pl
        ]
    )
    aces = rng.poisson(
        np.clip(
            (speed - 170)
            / 3
            * np.where(surface == "Grass", 1.5, np.where(surface == "Clay", 0.6, 1.0)),
            0.5,
            None,
        )
    )
    df_ = rng.poisson(3.2, n)
    first_in = rng.normal(62, 5, n).clip(40, 80)
    rally = rng.normal(
        np.where(surface == "Clay", 5.6, np.where(surface == "Grass", 3.4, 4.5)),
        np.where(surface == "Clay", 1.1, 0.7),
        n,
    ).clip(2)
    won = np.where(
        rng.random(n)
        < 1 / (1 + np.exp(-(0.08 * (aces - 6) - 0.15 * (df_ - 3) + 0.05 * (first_in - 62)))),
        "W",
        "L",
    )
    dur = rng.normal(105, 28, n) + 4 * rally
    indoor = np.where((surface == "Hard") & (rng.random(n) < 0.4), "Y", "N")
    return pd.DataFrame(
        {
            "Player": pl,
            "Surface": surface,
            "Season": season,
            "1st Serve Speed (km/h)": speed.round(1),
            "Aces": aces,
            "DoubleFaults": df_,
            "1stServeIn%": first_in.round(1),
            "Won": won,
            "Rally Length (shots)": rally.round(2),
            "Match Duration (min)": dur.round(0).astype(int),
            "Indoor": indoor,
        }
    )


def noise() -> pd.DataFrame:
    rng = np.random.default_rng(7109)
    sites = {"N01": "Residential", "N02": "Residential", "N03": "Commercial", "N04": "Industrial"}
    rows = []
    for day in range(5):
        for site, zone in sites.items():
            for hour in range(24):
                period = "Day" if 7 <= hour < 19 else "Evening" if 19 <= hour < 23 else "Night"
                weekend = "Y" if day >= 3 else "N"
                traffic = int(
                    rng.poisson(
                        {"Day": 420, "Evening": 230, "Night": 60}[period]
                        * (0.7 if weekend == "Y" else 1)
                        * (1.4 if zone == "Commercial" else 1)
                    )
                )
                wind = round(float(rng.weibull(2.0) * 4.0), 1)
                rain = int(rng.random() < 0.15)
                base = {"Residential": 48, "Commercial": 58, "Industrial": 61}[zone]
                laeq = (
                    base
                    + 6 * np.log10(traffic + 1)
                    - 4
                    + 0.6 * wind
                    + 2.5 * rain
                    + rng.normal(0, 2.5 if zone != "Industrial" else 4.5)
                )
                lamax = laeq + rng.gamma(4, 3)
                comp = (
                    "Y"
                    if rng.random() < (0.25 if (period == "Night" and laeq > 55) else 0.04)
                    else "N"
                )
                rows.append(
                    (
                        site,
                        zone,
                        hour,
                        period,
                        round(laeq, 1),
                        round(lamax, 1),
                        traffic,
                        wind,
                        comp,
                        weekend,
                        rain,
                    )
                )
    return pd.DataFrame(
        rows,
        columns=[
            "SiteCode",
            "Zone",
            "Hour",
            "Period",
            "LAeq dB(A)",
            "LAmax dB(A)",
            "TrafficCount",
            "WindSpeed m/s",
            "Complaint",
            "Weekend",
            "RainFlag",
        ],
    )


def main() -> None:
    save(ems(), "ems_response_y.csv")
    save(pool(), "pool_chemistry_y.csv")
    save(salmon(), "salmon_pens_y.csv")
    save(ev(), "ev_charging_y.csv")
    save(shelter(), "shelter_intakes_y.csv")
    save(esports(), "esports_matches_y.csv")
    save(pharmacy(), "pharmacy_queue_y.csv")
    save(tennis(), "tennis_serves_y.csv")
    save(noise(), "noise_monitor_y.csv")


if __name__ == "__main__":
    main()
