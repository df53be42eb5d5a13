"""Readers for the NIST StRD fixtures in tests/data/nist (shared by the stats and regression tests)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

NIST = Path(__file__).parent / "data" / "nist"
LLS_SETS = [
    "Norris",
    "Pontius",
    "NoInt1",
    "Longley",
    "Wampler1",
    "Wampler2",
    "Wampler3",
    "Wampler4",
    "Wampler5",
    "Filip",
]
ANOVA_SETS = [
    "SiRstv",
    "SmLs01",
    "SmLs02",
    "SmLs03",
    "AtmWtAg",
    "SmLs04",
    "SmLs05",
    "SmLs06",
    "SmLs07",
    "SmLs08",
    "SmLs09",
]


def lre(estimate: float, certified: float) -> float:
    """Log relative error (absolute when the certified value is 0), capped at 15."""
    if certified == 0:
        err = abs(estimate)
    else:
        err = abs(estimate - certified) / abs(certified)
    return 15.0 if err == 0 else min(15.0, -math.log10(err))


def load_lls(name: str) -> dict:
    model, beta, sd, rows = None, [], [], []
    out: dict = {}
    in_data = False
    for line in (NIST / "lls" / f"{name}.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if in_data:
            rows.append([float(v) for v in line.split()])
            continue
        key, *vals = line.split()
        if key == "model:":
            model = " ".join(vals)
        elif key == "beta":
            beta.append(float(vals[0]))
            sd.append(float(vals[1]))
        elif key in ("residual_sd", "r_squared"):
            out[key] = float(vals[0])
        elif key == "data:":
            in_data = True
    data = np.array(rows)
    out.update(model=model, beta=np.array(beta), sd=np.array(sd), y=data[:, 0], x=data[:, 1:])
    return out


def lls_formula_and_data(ds: dict) -> tuple[str, dict]:
    model, x, y = ds["model"], ds["x"], ds["y"]
    data = {"y": y}
    if model == "noint":
        return "y ~ x - 1", {"y": y, "x": x[:, 0]}
    if model == "linear":
        names = [f"x{j + 1}" for j in range(x.shape[1])]
        data.update({nm: x[:, j] for j, nm in enumerate(names)})
        return "y ~ " + " + ".join(names), data
    degree = int(model.split()[1])
    data["x"] = x[:, 0]
    return "y ~ " + " + ".join(["x"] + [f"I(x^{k})" for k in range(2, degree + 1)]), data


def load_anova_dat(name: str) -> tuple[list[np.ndarray], dict]:
    """A NIST ANOVA .dat file: certified values on lines 41-47, data from line 61."""
    lines = (NIST / "anova" / f"{name}.dat").read_text().splitlines()
    cert_lines = [ln for ln in lines[39:48] if ln.strip()]
    between = cert_lines[0].split()
    within = cert_lines[1].split()
    cert = {
        "df_between": float(between[-4]),
        "ss_between": float(between[-3]),
        "ms_between": float(between[-2]),
        "F": float(between[-1]),
        "df_within": float(within[-3]),
        "ss_within": float(within[-2]),
        "ms_within": float(within[-1]),
        "r_squared": float(cert_lines[2].split()[-1]),
        "residual_sd": float(cert_lines[4].split()[-1]),
    }
    groups: dict[int, list[float]] = {}
    for ln in lines[60:]:
        parts = ln.split()
        if len(parts) == 2:
            groups.setdefault(int(parts[0]), []).append(float(parts[1]))
    return [np.array(groups[k]) for k in sorted(groups)], cert


def smls_certified() -> dict[str, dict]:
    out = {}
    for ln in (NIST / "anova" / "SmLs_certified.txt").read_text().splitlines():
        if ln.startswith("#") or not ln.strip():
            continue
        name, const, reps, dfb, ssb, msb, F, dfw, ssw, msw, r2, rsd = ln.split()  # noqa: N806
        out[name] = {
            "constant": const,
            "replicates": int(reps),
            "df_between": float(dfb),
            "ss_between": float(ssb),
            "ms_between": float(msb),
            "F": float(F),
            "df_within": float(dfw),
            "ss_within": float(ssw),
            "ms_within": float(msw),
            "r_squared": float(r2),
            "residual_sd": float(rsd),
        }
    return out


def smls_groups(name: str) -> list[np.ndarray]:
    """Generate SmLs01-09 by NIST's documented pattern (see SmLs_certified.txt)."""
    info = smls_certified()[name]
    const, reps = info["constant"], info["replicates"]
    groups = []
    for t in range(1, 10):
        centre = 4 if t == 1 else (3 if t % 2 == 0 else 5)  # tenths above the constant
        vals = [centre] + [centre - 1 if i % 2 == 0 else centre + 1 for i in range(reps - 1)]
        # build the decimal text then convert, exactly as reading the published file does
        groups.append(
            np.array([float(f"{const}.{v}") if const != "1" else float(f"1.{v}") for v in vals])
        )
    return groups


def anova_dataset(name: str) -> tuple[list[np.ndarray], dict]:
    if name.startswith("SmLs"):
        return smls_groups(name), smls_certified()[name]
    return load_anova_dat(name)
