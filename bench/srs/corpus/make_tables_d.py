"""Build the corpus-d tables deterministically (every file ends in ``_d.csv``).

Two kinds of table:

* derived from datasets that ship with statsmodels and pingouin, renamed into the header styles
  of public Kaggle CSVs (spaces, units, CamelCase, trailing spaces) and sometimes subsampled with
  a fixed seed;
* simulated business, education and engineering tables (exam scores, house listings, staff
  attrition, campaign responses, web-shop orders, store sales by year, coating thickness, fill
  volumes in subgroups, a gage study), each from its own fixed seed with parameters chosen to be
  plausible for the quantity.

Run:  uv run python bench/srs/corpus/make_tables_d.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import statsmodels.api as sm

OUT = Path(__file__).resolve().parent / "tables"
SEED = 4417


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


# ---------------------------------------------------------------- derived from bundled data


def credit_card_spend() -> pd.DataFrame:
    d = sm.datasets.ccard.load_pandas().data
    return pd.DataFrame(
        {
            "CustomerID": np.arange(1001, 1001 + len(d)),
            "Avg Monthly Spend ($)": d["AVGEXP"].round(2),
            "Age": d["AGE"].astype(int),
            "Income (10k USD)": d["INCOME"].round(2),
            "OwnsHome": d["OWNRENT"].map({1.0: "Yes", 0.0: "No"}),
        }
    )


def travel_mode_choice() -> pd.DataFrame:
    """One row per traveller: the attributes of the mode they actually chose."""
    d = sm.datasets.modechoice.load_pandas().data
    chosen = d[d["choice"] == 1].reset_index(drop=True)
    return pd.DataFrame(
        {
            "traveller": chosen["individual"].astype(int),
            "Mode": chosen["mode"].map({1.0: "Air", 2.0: "Train", 3.0: "Bus", 4.0: "Car"}),
            "Terminal Wait (min)": chosen["ttme"].astype(int),
            "InVehicleCost": chosen["invc"].astype(int),
            "Travel Time (min)": chosen["invt"].astype(int),
            "Generalized Cost": chosen["gc"].astype(int),
            "HouseholdIncome": chosen["hinc"].astype(int),
            "Party Size": chosen["psize"].astype(int),
        }
    )


def strike_durations() -> pd.DataFrame:
    d = sm.datasets.strikes.load_pandas().data
    return pd.DataFrame(
        {
            "strike_no": np.arange(1, len(d) + 1),
            "Duration (days)": d["duration"].astype(int),
            "Industrial Production Index": d["iprod"].round(4),
        }
    )


def longley_employment() -> pd.DataFrame:
    d = sm.datasets.longley.load_pandas().data
    return pd.DataFrame(
        {
            "Year": d["YEAR"].astype(int),
            "TotalEmployment": d["TOTEMP"].astype(int),
            "GNP Deflator": d["GNPDEFL"],
            "GNP": d["GNP"].astype(int),
            "Unemployed": d["UNEMP"].astype(int),
            "Armed Forces": d["ARMED"].astype(int),
            "Population 14+ ": d["POP"].astype(int),
        }
    )


_REGION = {
    "Northeast": "Connecticut Maine Massachusetts New_Hampshire Rhode_Island Vermont New_Jersey "
    "New_York Pennsylvania",
    "Midwest": "Illinois Indiana Michigan Ohio Wisconsin Iowa Kansas Minnesota Missouri Nebraska "
    "North_Dakota South_Dakota",
    "South": "Delaware Florida Georgia Maryland North_Carolina South_Carolina Virginia "
    "District_of_Columbia West_Virginia Alabama Kentucky Mississippi Tennessee Arkansas "
    "Louisiana Oklahoma Texas",
    "West": "Arizona Colorado Idaho Montana Nevada New_Mexico Utah Wyoming Alaska California "
    "Hawaii Oregon Washington",
}


def state_indicators() -> pd.DataFrame:
    d = sm.datasets.statecrime.load_pandas().data.reset_index()
    region = {s.replace("_", " "): r for r, names in _REGION.items() for s in names.split()}
    state = d["state"].str.strip().str.replace("_", " ")
    if set(state) - set(region):
        raise ValueError(f"states without a region: {sorted(set(state) - set(region))}")
    median_poverty = d["poverty"].median()
    return pd.DataFrame(
        {
            "state": state,
            "census_region": state.map(region),
            "violent_crime_per_100k": d["violent"],
            "murders_per_100k": d["murder"],
            "pct_hs_grad": d["hs_grad"],
            "pct_poverty": d["poverty"],
            "pct_single_parent": d["single"],
            "pct_urban": d["urban"],
            "high_poverty": np.where(d["poverty"] > median_poverty, "yes", "no"),
        }
    )


_EDUC = {
    1: "Grade school",
    2: "Some high school",
    3: "High school",
    4: "Some college",
    5: "Associate degree",
    6: "Bachelor",
    7: "Graduate degree",
}
_PID = {
    0: "Strong Democrat",
    1: "Weak Democrat",
    2: "Independent-Democrat",
    3: "Independent",
    4: "Independent-Republican",
    5: "Weak Republican",
    6: "Strong Republican",
}


def voter_survey() -> pd.DataFrame:
    d = sm.datasets.anes96.load_pandas().data.sample(n=450, random_state=SEED).sort_index()
    income = d["income"].astype(int)
    band = pd.cut(
        income, [0, 8, 14, 18, 21, 24], labels=["<15k", "15-30k", "30-45k", "45-75k", "75k+"]
    )
    pid = d["PID"].astype(int)
    return pd.DataFrame(
        {
            "RespID": d.index + 1,
            "Age": d["age"].astype(int),
            "Days Watching TV News": d["TVnews"].astype(int),
            "SelfPlacement_LR": d["selfLR"].astype(int),
            "Clinton_LR": d["ClinLR"].astype(int),
            "Dole_LR": d["DoleLR"].astype(int),
            "Party": np.select([pid <= 2, pid >= 4], ["Democrat", "Republican"], "Independent"),
            "Party ID (7pt)": pid.map(_PID),
            "Education": d["educ"].astype(int).map(_EDUC),
            "Income Band": band.astype(str),
            "Votes For": d["vote"].map({0.0: "Clinton", 1.0: "Dole"}),
        }
    )


def tips() -> pd.DataFrame:
    d = pg.read_dataset("tips")
    return pd.DataFrame(
        {
            "BillTotal": d["total_bill"],
            "TipAmount": d["tip"],
            "Gender": d["sex"].map({"Female": "F", "Male": "M"}),
            "SmokerSection": d["smoker"],
            "DayOfWeek": d["day"].map(
                {"Thur": "Thursday", "Fri": "Friday", "Sat": "Saturday", "Sun": "Sunday"}
            ),
            "Meal": d["time"],
            "Guests": d["size"],
        }
    )


def penguins() -> pd.DataFrame:
    d = pg.read_dataset("penguins")
    return pd.DataFrame(
        {
            "Species": d["species"],
            "Island": d["island"],
            "Bill Length (mm)": d["bill_length_mm"],
            "Bill Depth (mm)": d["bill_depth_mm"],
            "Flipper Length (mm)": d["flipper_length_mm"],
            "Body Mass (g)": d["body_mass_g"],
            "Sex": d["sex"].map({"male": "Male", "female": "Female"}),
        }
    )


def personality() -> pd.DataFrame:
    d = pg.read_dataset("pairwise_corr")
    d = d.sample(n=400, random_state=SEED).sort_values("Subject")
    out = d.rename(
        columns={
            "Subject": "participant",
            "Neuroticism": "neuroticism_score",
            "Extraversion": "extraversion_score",
            "Openness": "openness_score",
            "Agreeableness": "agreeableness_score",
            "Conscientiousness": "conscientiousness_score",
        }
    )
    return out.round(4).reset_index(drop=True)


def school_districts() -> pd.DataFrame:
    d = sm.datasets.star98.load_pandas().data
    tested = d["NABOVE"] + d["NBELOW"]
    return pd.DataFrame(
        {
            "DistrictNo": np.arange(1, len(d) + 1),
            "Pct Above Natl Median (Math)": (100 * d["NABOVE"] / tested).round(2),
            "Students Tested": tested.astype(int),
            "LowIncomePct": d["LOWINC"].round(2),
            "Minority %": d["PERMINTE"].round(2),
            "Avg Teacher Experience (yrs)": d["AVYRSEXP"].round(2),
            "Avg Teacher Salary ($k)": d["AVSALK"].round(2),
            "Spend per Pupil ($k)": d["PERSPENK"].round(3),
            "PupilTeacherRatio": d["PTRATIO"].round(2),
            "Pct Taking Algebra": d["PCTAF"].round(2),
            "Charter Schools %": d["PCTCHRT"].round(2),
        }
    )


def household_food() -> pd.DataFrame:
    d = sm.datasets.engel.load_pandas().data
    return pd.DataFrame(
        {
            "household": np.arange(1, len(d) + 1),
            "Annual Income (BEF)": d["income"].round(2),
            "Food Expenditure (BEF)": d["foodexp"].round(2),
        }
    )


def econ_course() -> pd.DataFrame:
    d = sm.datasets.spector.load_pandas().data
    return pd.DataFrame(
        {
            "student": np.arange(1, len(d) + 1),
            "GPA": d["GPA"],
            "TUCE score": d["TUCE"].astype(int),
            "NewMethod": d["PSI"].map({1.0: "Yes", 0.0: "No"}),
            "Grade Improved": d["GRADE"].map({1.0: "Yes", 0.0: "No"}),
        }
    )


# ---------------------------------------------------------------- simulated business tables


def exam_scores() -> pd.DataFrame:
    rng = _rng(1)
    n = 240
    school = rng.choice(
        ["Northside High", "Riverside Academy", "St. Mary's"], n, p=[0.4, 0.35, 0.25]
    )
    gender = rng.choice(["F", "M"], n)
    lunch = rng.choice(["standard", "free/reduced"], n, p=[0.64, 0.36])
    prep = rng.choice(["completed", "none"], n, p=[0.36, 0.64])
    hours = np.clip(np.round(rng.gamma(4.0, 1.6, n), 1), 0, 25)
    ability = rng.normal(0, 1, n)
    school_eff = pd.Series(school).map(
        {"Northside High": 0.0, "Riverside Academy": 3.5, "St. Mary's": 5.0}
    )
    base = (
        64
        + school_eff.to_numpy()
        + 5.5 * (lunch == "standard")
        + 4.0 * (prep == "completed")
        + 0.6 * hours
    )
    spread = pd.Series(school).map(
        {"Northside High": 14.0, "Riverside Academy": 10.0, "St. Mary's": 11.0}
    )
    math = base + 5 * (gender == "M") + spread.to_numpy() * ability + rng.normal(0, 4, n)
    reading = base + 3 * (gender == "F") + 12 * ability + rng.normal(0, 5, n)
    writing = 0.75 * reading + 0.25 * base + 2 * (gender == "F") + rng.normal(0, 4, n)
    absences = rng.poisson(np.where(ability < -0.5, 7, 3.5))
    return pd.DataFrame(
        {
            "Student ID": [f"S{k:04d}" for k in range(1, n + 1)],
            "School": school,
            "Gender": gender,
            "Lunch": lunch,
            "Test Prep": prep,
            "Study Hours/Week": hours,
            "Days Absent": absences,
            "Math Score": np.clip(np.round(math), 12, 100).astype(int),
            "Reading Score": np.clip(np.round(reading), 20, 100).astype(int),
            "Writing Score": np.clip(np.round(writing), 18, 100).astype(int),
        }
    )


def house_listings() -> pd.DataFrame:
    rng = _rng(2)
    n = 320
    hood = rng.choice(["Oakwood", "Riverside", "Hillcrest", "Downtown", "Maple Park"], n)
    bedrooms = rng.choice([1, 2, 3, 4, 5], n, p=[0.08, 0.27, 0.38, 0.21, 0.06])
    area = np.round(380 + 430 * bedrooms + rng.normal(0, 260, n), -1).clip(450, 4200)
    baths = np.clip(np.round((bedrooms + rng.normal(0, 0.7, n)) * 0.75 * 2) / 2, 1, 4)
    year = rng.integers(1925, 2023, n)
    garage = np.where(rng.random(n) < np.where(hood == "Downtown", 0.25, 0.75), "Yes", "No")
    premium = pd.Series(hood).map(
        {"Oakwood": 1.10, "Riverside": 1.0, "Hillcrest": 1.25, "Downtown": 1.35, "Maple Park": 0.85}
    )
    price = (
        premium.to_numpy()
        * (48000 + 172 * area + 9000 * (garage == "Yes") + 260 * (year - 1925))
        * rng.lognormal(0, 0.12, n)
    )
    dom = np.round(rng.gamma(1.6, 22, n) * np.where(price > 600000, 1.4, 1.0)).astype(int) + 1
    return pd.DataFrame(
        {
            "ListingID": np.arange(5001, 5001 + n),
            "Neighbourhood": hood,
            "Price ($)": np.round(price, -2).astype(int),
            "Area (sq ft)": area.astype(int),
            "Bedrooms": bedrooms,
            "Bathrooms": baths,
            "Year Built": year,
            "Garage": garage,
            "Days on Market": dom,
        }
    )


def staff_attrition() -> pd.DataFrame:
    rng = _rng(3)
    n = 420
    dept = rng.choice(
        ["Sales", "Engineering", "Support", "Finance", "HR"], n, p=[0.3, 0.3, 0.2, 0.12, 0.08]
    )
    gender = rng.choice(["Female", "Male"], n, p=[0.46, 0.54])
    age = np.clip(np.round(rng.normal(37, 9, n)), 20, 64).astype(int)
    tenure = np.clip(np.round(rng.gamma(1.8, 3.2, n) * np.minimum(1, (age - 19) / 15)), 0, 38)
    overtime = np.where(
        rng.random(n) < np.where(np.isin(dept, ["Engineering", "Support"]), 0.38, 0.22),
        "Yes",
        "No",
    )
    travel = rng.choice(["Never", "Rarely", "Frequently"], n, p=[0.12, 0.68, 0.2])
    satisfaction = rng.choice([1, 2, 3, 4], n, p=[0.18, 0.2, 0.31, 0.31])
    dept_pay = pd.Series(dept).map(
        {"Sales": 3900, "Engineering": 5200, "Support": 3100, "Finance": 4700, "HR": 3800}
    )
    salary = np.round(dept_pay.to_numpy() * rng.lognormal(0, 0.22, n) + 75 * tenure, -1)
    logit = (
        -2.3
        + 1.3 * (overtime == "Yes")
        - 0.45 * (satisfaction - 2.5)
        + 0.7 * (travel == "Frequently")
        - 0.06 * tenure
    )
    left = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "Yes", "No")
    training = rng.poisson(2.6, n)
    return pd.DataFrame(
        {
            "emp_id": np.arange(1, n + 1),
            "department": dept,
            "gender": gender,
            "age": age,
            "years_at_company": tenure.astype(int),
            "business_travel": travel,
            "overtime": overtime,
            "job_satisfaction": satisfaction,
            "monthly_salary_eur": salary.astype(int),
            "trainings_last_year": training,
            "left_company": left,
        }
    )


def campaign_responses() -> pd.DataFrame:
    rng = _rng(4)
    n = 540
    channel = rng.choice(
        ["Email", "SMS", "Social Media", "Direct Mail"], n, p=[0.35, 0.2, 0.3, 0.15]
    )
    age_band = rng.choice(["18-24", "25-34", "35-44", "45-54", "55+"], n)
    region = rng.choice(["North", "South"], n)
    offer = rng.choice(["Discount", "Free Shipping"], n)
    base = pd.Series(channel).map(
        {"Email": 0.12, "SMS": 0.09, "Social Media": 0.15, "Direct Mail": 0.07}
    )
    age_eff = pd.Series(age_band).map(
        {"18-24": 0.04, "25-34": 0.03, "35-44": 0.0, "45-54": -0.02, "55+": -0.03}
    )
    p = base.to_numpy() + age_eff.to_numpy() + 0.04 * (offer == "Discount")
    p = p + 0.03 * (region == "South")
    responded = np.where(rng.random(n) < p, "Yes", "No")
    spend = np.where(responded == "Yes", rng.lognormal(np.log(62), 0.55, n), 0.0).round(2)
    opens = rng.poisson(np.where(channel == "Email", 3.2, 1.4))
    return pd.DataFrame(
        {
            "CustomerID": [f"C{k:05d}" for k in range(1, n + 1)],
            "Channel": channel,
            "AgeBand": age_band,
            "Region": region,
            "OfferType": offer,
            "NumContacts": opens + 1,
            "Responded": responded,
            "Spend After Campaign (€)": spend,
        }
    )


def eshop_orders() -> pd.DataFrame:
    rng = _rng(5)
    n = 500
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weekday = rng.choice(days, n, p=[0.13, 0.12, 0.13, 0.14, 0.16, 0.17, 0.15])
    customer = rng.choice(["New", "Returning"], n, p=[0.38, 0.62])
    payment = rng.choice(
        ["Card", "PayPal", "Invoice", "Cash on Delivery"], n, p=[0.5, 0.3, 0.14, 0.06]
    )
    items = 1 + rng.poisson(1.3, n)
    value = np.round(items * rng.lognormal(np.log(24), 0.45, n) + 4.9, 2)
    session = np.round(rng.gamma(2.2, 4.1, n) + 0.8 * items, 1)
    delivery = 1 + rng.poisson(np.where(np.isin(weekday, ["Fri", "Sat"]), 2.4, 1.5))
    returned = np.where(rng.random(n) < np.where(customer == "New", 0.14, 0.08), "Y", "N")
    minutes = np.round(rng.exponential(95, n), 1)
    return pd.DataFrame(
        {
            "order_id": np.arange(700001, 700001 + n),
            "Weekday": weekday,
            "Customer Type": customer,
            "Payment Method": payment,
            "Items": items,
            "Order Value (EUR)": value,
            "Session Length (min)": session,
            "Minutes Since Previous Order": minutes,
            "Delivery Days": delivery,
            "Returned": returned,
        }
    )


def store_sales_wide() -> pd.DataFrame:
    rng = _rng(6)
    n = 48
    region = rng.choice(["North", "East", "South", "West"], n)
    fmt = rng.choice(["Mall", "High Street", "Outlet"], n, p=[0.4, 0.4, 0.2])
    level = rng.lognormal(np.log(820), 0.35, n)  # thousand USD per year
    growth = {"Y2019": 1.0, "Y2020": 0.78, "Y2021": 0.93, "Y2022": 1.05, "Y2023": 1.09}
    out = {"Store": [f"ST-{k:03d}" for k in range(1, n + 1)], "Region": region, "Format": fmt}
    for col, g in growth.items():
        shock = rng.normal(0, 0.06 if col != "Y2020" else 0.14, n)
        out[col] = np.round(level * g * (1 + shock), 1)
    return pd.DataFrame(out)


# ---------------------------------------------------------------- engineering (scope set)


def coating_thickness() -> pd.DataFrame:
    """Paint film thickness (µm), spec 40-60 µm, from two coating booths."""
    rng = _rng(7)
    rows = []
    for booth, mu, sd in (("Booth A", 50.6, 2.4), ("Booth B", 48.9, 3.3)):
        for _ in range(60):
            rows.append((f"P{len(rows) + 1:03d}", booth, round(rng.normal(mu, sd), 1)))
    return pd.DataFrame(rows, columns=["panel", "booth", "thickness_um"])


def fill_volume_subgroups() -> pd.DataFrame:
    """Bottle fill volume (mL), five bottles every hour for 24 hours, drift after hour 18."""
    rng = _rng(8)
    rows = []
    for hour in range(1, 25):
        mu = 500.4 + (0.9 if hour > 18 else 0.0)
        for bottle in range(1, 6):
            rows.append((hour, bottle, round(rng.normal(mu, 0.8), 2)))
    return pd.DataFrame(rows, columns=["Hour", "Bottle", "Fill Volume (mL)"])


def gage_study() -> pd.DataFrame:
    """Crossed gage study: 10 parts x 3 appraisers x 3 trials, caliper readings in mm."""
    rng = _rng(9)
    parts = np.round(12.0 + rng.normal(0, 0.12, 10), 3)
    bias = {"Anna": 0.0, "Ben": 0.018, "Chen": -0.01}
    rows = []
    for p, true in enumerate(parts, 1):
        for who, b in bias.items():
            for trial in (1, 2, 3):
                rows.append((p, who, trial, round(true + b + rng.normal(0, 0.012), 3)))
    return pd.DataFrame(rows, columns=["Part", "Appraiser", "Trial", "Reading (mm)"])


def tensile_before_after() -> pd.DataFrame:
    """Tensile strength (MPa) of 14 coupons before and after heat treatment."""
    rng = _rng(10)
    before = np.round(rng.normal(412, 9, 14), 1)
    after = np.round(before + rng.normal(6.5, 4.0, 14), 1)
    return pd.DataFrame({"coupon": np.arange(1, 15), "Before (MPa)": before, "After (MPa)": after})


TABLES = {
    "credit_card_spend_d.csv": credit_card_spend,
    "travel_mode_choice_d.csv": travel_mode_choice,
    "strike_durations_d.csv": strike_durations,
    "longley_employment_d.csv": longley_employment,
    "state_indicators_d.csv": state_indicators,
    "voter_survey_d.csv": voter_survey,
    "tips_d.csv": tips,
    "penguins_d.csv": penguins,
    "personality_d.csv": personality,
    "school_districts_d.csv": school_districts,
    "household_food_d.csv": household_food,
    "econ_course_d.csv": econ_course,
    "exam_scores_d.csv": exam_scores,
    "house_listings_d.csv": house_listings,
    "staff_attrition_d.csv": staff_attrition,
    "campaign_responses_d.csv": campaign_responses,
    "eshop_orders_d.csv": eshop_orders,
    "store_sales_wide_d.csv": store_sales_wide,
    "eng_coating_thickness_d.csv": coating_thickness,
    "eng_fill_volume_d.csv": fill_volume_subgroups,
    "eng_gage_study_d.csv": gage_study,
    "eng_tensile_paired_d.csv": tensile_before_after,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, build in TABLES.items():
        df = build()
        df.to_csv(OUT / name, index=False, encoding="utf-8", lineterminator="\n")
        print(f"{name}: {len(df)} rows, {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
