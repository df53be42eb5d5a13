"""Tables of corpus w (blind, five description families). All SIMULATED, seeded.

Run:  uv run python bench/srs/corpus/make_tables_w.py   (byte-identical output)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "tables"


def save(df: pd.DataFrame, name: str) -> None:
    df.to_csv(OUT / name, index=False, lineterminator="\n", na_rep="NA")


def vet_visits() -> None:  # seed 7101
    rng = np.random.default_rng(7101)
    n = 420
    species = rng.choice(["Dog", "Cat", "Rabbit"], n, p=[0.5, 0.38, 0.12])
    clinic = rng.choice(["Noord", "Centrum", "Oost"], n)
    base_w = {"Dog": (22, 9), "Cat": (4.6, 1.1), "Rabbit": (2.1, 0.5)}
    weight = np.array([max(0.8, rng.normal(*base_w[s])) for s in species])
    age = np.round(rng.gamma(2.2, 2.6, n), 1)
    neut_p = np.where(species == "Cat", 0.8, np.where(species == "Dog", 0.62, 0.35))
    neutered = np.where(rng.random(n) < neut_p, "Y", "N")
    vacc = (rng.random(n) < np.where(neutered == "Y", 0.85, 0.6)).astype(int)
    temp = np.round(
        np.where(species == "Rabbit", rng.normal(39.3, 0.35, n), rng.normal(38.6, 0.4, n)), 1
    )
    hr_mean = np.where(species == "Dog", 100 - 0.8 * weight, np.where(species == "Cat", 180, 220))
    hr = np.round(hr_mean + rng.normal(0, 14, n)).astype(int)
    reason = rng.choice(["Checkup", "Illness", "Injury", "Dental"], n, p=[0.4, 0.3, 0.18, 0.12])
    wait = np.round(rng.exponential(14, n), 1)
    invoice = np.round(np.exp(rng.normal(4.3, 0.55, n) + 0.25 * (reason != "Checkup")), 2)
    year = rng.choice([2022, 2023], n)
    save(
        pd.DataFrame(
            {
                "VisitID": [f"V{10000 + i}" for i in range(n)],
                "Clinic": clinic,
                "Species": species,
                "Visit reason": reason,
                "Weight [kg]": np.round(weight, 1),
                "Age_yrs": age,
                "Temp (°C)": temp,
                "HeartRate bpm": hr,
                "Neutered (Y/N)": neutered,
                "Vaccinated": vacc,
                "Wait time (min)": wait,
                "Invoice €": invoice,
                "Year": year,
            }
        ),
        "vet_visits_w.csv",
    )


def ski_lifts() -> None:  # seed 7202
    rng = np.random.default_rng(7202)
    lifts = ["Gondola A", "Chair 2", "T-bar 3", "Chair 5"]
    dates = pd.date_range("2022-12-10", periods=60, freq="D").append(
        pd.date_range("2023-12-09", periods=60, freq="D")
    )
    rows = []
    for d in dates:
        season = "2022/23" if d.year == 2022 or d.month < 6 and d.year == 2023 else "2023/24"
        snow = max(5.0, rng.normal(95 if season == "2022/23" else 70, 25))
        temp = rng.normal(-4, 4.5)
        wkend = "Y" if d.day_of_week >= 5 else "N"
        for lift in lifts:
            wind = max(0.0, rng.gamma(3, 6) + (8 if lift == "Gondola A" else 0))
            cap = {"Gondola A": 2400, "Chair 2": 1800, "T-bar 3": 900, "Chair 5": 1500}[lift]
            riders = cap * (0.45 + 0.002 * snow + (0.25 if wkend == "Y" else 0)) - 12 * wind
            riders = int(max(50, riders + rng.normal(0, cap * 0.08)))
            queue = max(0.0, 1.5 + riders / cap * 9 + rng.normal(0, 2.0))
            down = int(rng.poisson(2) + (rng.exponential(20) if wind > 40 else 0))
            rows.append(
                [d.strftime("%Y-%m-%d"), season, lift, wkend, round(snow), round(temp, 1),
                 round(wind, 1), riders, round(queue, 1), down]
            )  # fmt: skip
    save(
        pd.DataFrame(
            rows,
            columns=[
                "date",
                "season",
                "lift",
                "weekend",
                "snow_depth_cm",
                "air_temp_C",
                "wind_kmh",
                "riders",
                "avg_queue_min",
                "downtime_min",
            ],
        ),  # fmt: skip
        "ski_lift_log_w.csv",
    )


def dental_survey() -> None:  # seed 7303
    rng = np.random.default_rng(7303)
    n = 360
    agegrp = rng.choice(["18-34", "35-54", "55+"], n, p=[0.35, 0.4, 0.25])
    gender = rng.choice(["F", "M"], n)
    smoker = np.where(rng.random(n) < 0.22, "Yes", "No")
    floss = np.where(rng.random(n) < np.where(gender == "F", 0.42, 0.28), "Y", "N")
    region = rng.choice(["Urban", "Rural"], n, p=[0.6, 0.4])
    sugar = rng.poisson(np.where(agegrp == "18-34", 6, 3.5))
    brush = rng.choice([1, 2, 3], n, p=[0.25, 0.65, 0.10])
    months = np.round(rng.exponential(9, n)).astype(int)
    age_eff = np.select([agegrp == "18-34", agegrp == "35-54"], [3, 7], 12)
    dmft = rng.poisson(age_eff + 0.4 * sugar + 2 * (smoker == "Yes") - 1.2 * (floss == "Y"))
    plaque = np.round(
        np.clip(rng.normal(1.4 - 0.25 * (brush - 2) - 0.2 * (floss == "Y"), 0.45), 0, 3), 2
    )
    bleed = (rng.random(n) < 0.2 + 0.15 * plaque).astype(int)
    anxiety = np.clip(np.round(rng.normal(9, 3.5, n) + 0.1 * months), 0, 20).astype(int)
    save(
        pd.DataFrame(
            {
                "resp_id": np.arange(1, n + 1),
                "AgeGroup": agegrp,
                "Gender": gender,
                "Region": region,
                "Smoker": smoker,
                "Flosses daily": floss,
                "Brushing (times/day)": brush,
                "Sugary drinks per week": sugar,
                "Months since last visit": months,
                "DMFT": dmft,
                "Plaque index": plaque,
                "Gum bleeding": bleed,
                "Dental anxiety score (0-20)": anxiety,
            }
        ),
        "dental_survey_w.csv",
    )


def greenhouse() -> None:  # seed 7404
    rng = np.random.default_rng(7404)
    rows = []
    for comp in ["C1", "C2", "C3", "C4"]:
        led = "on" if comp in ("C2", "C4") else "off"
        for cult in ["Merlice", "Roma VF", "Sungold"]:
            for week in range(1, 25):
                co2 = rng.normal(850 if comp in ("C3", "C4") else 600, 60)
                fm = {"Merlice": 135, "Roma VF": 95, "Sungold": 16}[cult]
                mass = fm * (1 + 0.0003 * (co2 - 700) + (0.06 if led == "on" else 0))
                mass *= np.exp(rng.normal(0, 0.12))
                brix = rng.normal({"Merlice": 4.8, "Roma VF": 5.2, "Sungold": 8.6}[cult], 0.5)
                trusses = int(rng.poisson(3 + (1 if led == "on" else 0)))
                yld = 0.9 + 0.0012 * (co2 - 700) + 0.25 * (led == "on") + rng.normal(0, 0.18)
                spad = rng.normal(46 + 0.004 * (co2 - 700), 3.2)
                ber = "yes" if rng.random() < (0.12 if cult == "Roma VF" else 0.04) else "no"
                rows.append(
                    [comp, cult, led, week, round(co2), trusses, round(mass, 1), round(brix, 2),
                     round(max(yld, 0.2), 3), round(spad, 1), ber]
                )  # fmt: skip
    save(
        pd.DataFrame(
            rows,
            columns=[
                "Compartment",
                "Cultivar",
                "LED_interlight",
                "Week",
                "CO2 (ppm)",
                "TrussCount",
                "FruitMass_g",
                "Brix",
                "Yield kg/m2",
                "SPAD",
                "BER",
            ],
        ),  # fmt: skip
        "greenhouse_trial_w.csv",
    )


def apiary() -> None:  # seed 7505
    rng = np.random.default_rng(7505)
    n = 300
    apiary = rng.choice(["Heide", "Polder", "Bosrand"], n)
    year = rng.choice([2021, 2022, 2023], n)
    treat = rng.choice(["oxalic", "formic", "none"], n, p=[0.45, 0.35, 0.2])
    qage = rng.integers(2, 37, n)
    mites = np.round(rng.gamma(1.6, 1.4 + 1.6 * (treat == "none"), n), 2)
    brood = np.clip(np.round(rng.normal(7 - 0.04 * qage, 1.4, n)), 1, 10).astype(int)
    weight = np.round(rng.normal(32 + 1.6 * brood - 0.8 * mites, 4, n), 1)
    honey = np.round(np.clip(rng.normal(-8 + 0.75 * weight, 5, n), 0, None), 1)
    p_surv = 1 / (1 + np.exp(-(2.2 - 0.45 * mites)))
    surv = np.where(rng.random(n) < p_surv, "Y", "N")
    temper = rng.choice([1, 2, 3, 4, 5], n, p=[0.05, 0.15, 0.35, 0.3, 0.15])
    save(
        pd.DataFrame(
            {
                "Apiary": apiary,
                "HiveNo": [f"H{i:03d}" for i in range(1, n + 1)],
                "Year": year,
                "Treatment": treat,
                "Queen age (months)": qage,
                "Varroa /100 bees": mites,
                "Brood frames": brood,
                "Colony weight kg": weight,
                "Honey harvest (kg)": honey,
                "Temperament 1-5": temper,
                "Overwintered": surv,
            }
        ),
        "apiary_inspections_w.csv",
    )


def cinema() -> None:  # seed 7606
    rng = np.random.default_rng(7606)
    n = 450
    days = np.array(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    day = rng.choice(days, n)
    wkend = np.isin(day, ["Sat", "Sun"]).astype(int)
    genre = rng.choice(["Action", "Comedy", "Drama", "Animation", "Horror"], n)
    show = rng.choice(["matinee", "evening", "late"], n, p=[0.3, 0.5, 0.2])
    screen = rng.integers(1, 7, n)
    cap = np.where(screen <= 2, 240, np.where(screen <= 4, 150, 90))
    runtime = np.round(rng.normal(np.where(genre == "Animation", 98, 118), 14)).astype(int)
    fill = np.clip(rng.beta(2, 3, n) + 0.15 * wkend + 0.1 * (show == "evening"), 0.02, 1)
    seats = np.round(cap * fill).astype(int)
    threed = np.where(rng.random(n) < np.where(genre == "Action", 0.4, 0.12), "Y", "N")
    price = np.round(
        9.5 + 2.5 * (threed == "Y") - 2 * (show == "matinee") + rng.normal(0, 0.6, n), 2
    )
    conc = np.round(seats * rng.gamma(9, 0.55, n) * np.where(genre == "Animation", 1.3, 1), 2)
    prem = np.where(rng.random(n) < 0.18, "yes", "no")
    save(
        pd.DataFrame(
            {
                "Screen": screen,
                "Day": day,
                "Weekend": wkend,
                "Showtime": show,
                "Genre": genre,
                "3D": threed,
                "Premiere week": prem,
                "Capacity": cap,
                "Seats Sold": seats,
                "Avg Ticket Price ($)": price,
                "Runtime (min)": runtime,
                "Concessions Revenue ($)": conc,
            }
        ),
        "cinema_screenings_w.csv",
    )


def ferry() -> None:  # seed 7707
    rng = np.random.default_rng(7707)
    n = 400
    route = rng.choice(["Port-Isle N", "Port-Isle S"], n)
    vessel = np.where(route == "Port-Isle N", rng.choice(["MV Gull", "MV Tern"], n),
                      rng.choice(["MV Puffin", "MV Tern"], n))  # fmt: skip
    month = rng.integers(1, 13, n)
    season = np.where(np.isin(month, [5, 6, 7, 8, 9]), "Summer", "Winter")
    hour = rng.choice([6, 8, 10, 12, 14, 16, 18, 20], n)
    bft = np.clip(rng.poisson(np.where(season == "Winter", 4.5, 2.5)), 0, 9)
    delay = np.round(rng.weibull(1.4, n) * (6 + 2.2 * bft), 1)
    pax = rng.poisson(np.where(season == "Summer", 310, 140) * np.where(hour < 10, 0.7, 1.0))
    cars = rng.poisson(pax / 6.5)
    xtime = np.round(np.where(route == "Port-Isle N", 55, 80) + 1.8 * bft + rng.normal(0, 3, n), 1)
    fuel = np.round(xtime * 14 + cars * 1.1 + rng.normal(0, 40, n))
    save(
        pd.DataFrame(
            {
                "Route": route,
                "Vessel": vessel,
                "Month": month,
                "Season": season,
                "Dep. hour": hour,
                "Beaufort": bft,
                "Delay (min)": delay,
                "Pax": pax,
                "Cars": cars,
                "Crossing time (min)": xtime,
                "Fuel used (L)": fuel,
            }
        ),
        "ferry_crossings_w.csv",
    )


def blood_donation() -> None:  # seed 7808
    rng = np.random.default_rng(7808)
    n = 500
    sex = rng.choice(["F", "M"], n)
    group = rng.choice(["O", "A", "B", "AB"], n, p=[0.44, 0.38, 0.13, 0.05])
    rh = np.where(rng.random(n) < 0.84, "+", "-")
    first = np.where(rng.random(n) < 0.27, "Y", "N")
    site = rng.choice(["Centre", "Mobile bus"], n, p=[0.65, 0.35])
    age = rng.integers(18, 70, n)
    hb = np.round(rng.normal(np.where(sex == "M", 15.1, 13.4), np.where(sex == "M", 1.0, 0.9)), 1)
    pulse = np.round(rng.normal(72, 9, n)).astype(int)
    sbp = np.round(rng.normal(118 + 0.35 * (age - 40) + 5 * (sex == "M"), 12)).astype(int)
    deferred = (hb < np.where(sex == "M", 13.5, 12.5)).astype(int)
    vol = np.where(deferred == 1, 0, np.round(rng.normal(475, 12, n)))
    dur = np.where(deferred == 1, 0, np.round(rng.lognormal(np.log(9), 0.25, n), 1))
    faint = np.where(rng.random(n) < np.where(first == "Y", 0.09, 0.02), "Y", "N")
    save(
        pd.DataFrame(
            {
                "DonorID": [f"D-{i:04d}" for i in range(1, n + 1)],
                "Site": site,
                "Sex": sex,
                "Age": age,
                "ABO": group,
                "Rh": rh,
                "FirstTime": first,
                "Hb_g_dL": hb,
                "Pulse": pulse,
                "SysBP": sbp,
                "Deferred": deferred,
                "Volume_mL": vol.astype(int),
                "Draw_duration_min": dur,
                "Vasovagal": faint,
            }
        ),
        "blood_donation_w.csv",
    )


if __name__ == "__main__":
    vet_visits()
    ski_lifts()
    dental_survey()
    greenhouse()
    apiary()
    cinema()
    ferry()
    blood_donation()
