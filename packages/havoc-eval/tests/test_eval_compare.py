"""compare_reports and the `havoc-eval` command line."""

from __future__ import annotations

import copy
import json

import pytest
from havoc_eval import compare_reports, run
from havoc_eval.cli import main


@pytest.fixture(scope="module")
def base_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("base")
    run(["domain.tools", "smoke.tools"], out_dir=out, show_progress=False)
    return out


def _edited(base_report, tmp_path, edit):
    data = json.loads((base_report / "report.json").read_text())
    data = copy.deepcopy(data)
    edit(data)
    path = tmp_path / "after.json"
    path.write_text(json.dumps(data))
    return path


def _metric(data, bench, name):
    return next(m for m in data["metrics"] if m["benchmark"] == bench and m["name"] == name)


def test_compare_verdicts(base_report, tmp_path):
    def edit(d):
        _metric(d, "domain.tools", "pass_rate")["value"] = 0.5  # higher is better: worse
        _metric(d, "domain.tools", "max_abs_error_in_tolerances")["value"] = 0.0  # lower: better
        _metric(d, "domain.tools", "checks")["value"] += 1  # no direction: changed
        d["metrics"] = [m for m in d["metrics"] if m["benchmark"] != "smoke.tools"]  # removed
        d["metrics"].append({**_metric(d, "domain.tools", "checks"), "name": "speed"})  # new

    after = _edited(base_report, tmp_path, edit)
    verdicts = {(c.benchmark, c.metric): c for c in compare_reports(base_report, after)}
    assert verdicts[("domain.tools", "pass_rate")].verdict == "worse"
    assert verdicts[("domain.tools", "pass_rate")].delta == pytest.approx(-0.5)
    assert verdicts[("domain.tools", "pass_rate")].relative == pytest.approx(-0.5)
    assert verdicts[("domain.tools", "max_abs_error_in_tolerances")].verdict == "better"
    assert verdicts[("domain.tools", "checks")].verdict == "changed"
    assert verdicts[("smoke.tools", "checks_passed")].verdict == "removed"
    assert verdicts[("domain.tools", "speed")].verdict == "new"
    same = compare_reports(base_report, base_report)
    assert {c.verdict for c in same} == {"same"}


def test_cli_compare_table_json_and_exit_codes(base_report, tmp_path, capsys):
    after = _edited(
        base_report, tmp_path, lambda d: _metric(d, "domain.tools", "pass_rate").update(value=0.9)
    )
    assert main(["compare", str(base_report), str(after)]) == 0
    out = capsys.readouterr().out
    assert "pass_rate" in out and "worse" in out and "-10.00%" in out
    assert main(["compare", str(base_report), str(after), "--fail-on-worse"]) == 1
    capsys.readouterr()
    assert main(["compare", str(base_report), str(after), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["verdict"] for r in rows} == {"same", "worse"}


def test_cli_run_list_and_errors(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(
        ["run", "--suite", "smoke.tools", "--out", str(out), "--no-progress", "--threads", "1"]
    )
    assert code == 0
    assert (out / "report.json").is_file() and (out / "report.md").is_file()
    assert "checks_passed" in capsys.readouterr().out
    assert main(["list"]) == 0
    assert "domain.perplexity" in capsys.readouterr().out
    assert main(["run", "--suite", "smoke.toolz", "--no-progress"]) == 2
    assert "did you mean smoke.tools" in capsys.readouterr().err
    assert main(["run", "--suite", "smoke", "--checkpoint", str(tmp_path)]) == 2
    assert "not a HAVOC checkpoint" in capsys.readouterr().err
    assert main(["compare", str(tmp_path / "nope"), str(out)]) == 2
    assert "no report" in capsys.readouterr().err


def test_cli_run_shows_progress(tmp_path, capsys):
    assert main(["run", "--suite", "smoke.tools", "smoke.dsl", "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "benchmarks" in err and "ok smoke.dsl" in err and "ok smoke.tools" in err
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["ok"] == 2


def test_console_script_is_installed():
    import importlib.metadata

    (script,) = [
        ep
        for ep in importlib.metadata.entry_points(group="console_scripts")
        if ep.name == "havoc-eval"
    ]
    assert script.value == "havoc_eval.cli:main"


def test_cli_config_file_and_flag_precedence(tmp_path, capsys):
    import pathlib

    repo_config = pathlib.Path(__file__).resolve().parents[3] / "configs" / "eval" / "smoke.yaml"
    if repo_config.is_file():  # the shipped config parses and names the smoke suite
        import yaml

        assert yaml.safe_load(repo_config.read_text())["suite"] == ["smoke"]
    cfg = tmp_path / "run.yaml"
    cfg.write_text(f"suite: smoke.tools\nseed: 4\nout: {tmp_path / 'from-config'}\n")
    assert main(["run", "--config", str(cfg), "--seed", "9", "--no-progress"]) == 0
    data = json.loads((tmp_path / "from-config" / "report.json").read_text())
    assert data["seed"] == 9 and data["selection"] == ["smoke.tools"]
    capsys.readouterr()
    cfg.write_text("suite: [smoke.tools]\nsead: 4\n")
    assert main(["run", "--config", str(cfg)]) == 2
    assert "unknown option(s) ['sead']" in capsys.readouterr().err
    cfg.write_text("suite: [smoke.tools]\nseed: four\n")
    assert main(["run", "--config", str(cfg)]) == 2
    assert "seed must be a int" in capsys.readouterr().err
    assert main(["run", "--no-progress"]) == 2
    assert "name what to run" in capsys.readouterr().err
