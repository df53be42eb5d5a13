"""Where the demo checkpoint is built: the folder a server follows while the demo trains."""

import re

from havoc_train.demo import demo_run_dir


def test_demo_run_dir_is_keyed_by_the_recipe(tmp_path, monkeypatch):
    run = demo_run_dir(tmp_path)
    assert run.parent == tmp_path and re.fullmatch(r"demo-[0-9a-f]{12}", run.name)
    assert demo_run_dir(tmp_path) == run  # stable
    assert demo_run_dir(tmp_path, ["train.max_steps=3"]) != run  # another recipe, another run
    monkeypatch.setenv("HAVOC_CACHE_DIR", str(tmp_path / "env"))
    assert demo_run_dir().parent == tmp_path / "env"
