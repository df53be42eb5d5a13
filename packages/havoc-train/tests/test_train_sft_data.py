"""The bundled SFT drills: every answer checked against numpy, independently of `statistics`."""

import re

import numpy as np
import pytest
from havoc_train.sft_data import A2, statistics_chats


def _numbers(text):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _data(question):
    return np.array(_numbers(question.split("of ", 1)[1]))


@pytest.mark.parametrize("seed", [0, 1])
def test_answers_match_numpy(seed):
    checked = 0
    for chat in statistics_chats(400, seed):
        q = chat["messages"][1]["content"]
        a = chat["messages"][2]["content"]
        last = _numbers(a.rstrip("%."))[-1]
        if q.startswith("What is the mean of"):
            assert last == pytest.approx(_data(q).mean(), rel=1e-3)
        elif q.startswith("Find the median of"):
            assert last == pytest.approx(np.median(_data(q)), rel=1e-3)
        elif q.startswith("Compute the sample standard deviation"):
            assert last == pytest.approx(_data(q).std(ddof=1), rel=1e-3)
        elif q.startswith("What is the range of"):
            assert last == np.ptp(_data(q))
        elif q.startswith("Convert"):
            c = _numbers(q)[0]
            assert last == pytest.approx(c * 9 / 5 + 32, rel=1e-3, abs=1e-3)
        elif q.startswith("Five subgroups"):
            n = int(_numbers(q)[0])
            groups = np.array(_numbers(q.split(":", 1)[1].split("?")[0])).reshape(5, n)
            xbar = groups.mean(axis=1).mean()
            rbar = np.ptp(groups, axis=1).mean()
            assert last == pytest.approx(xbar - A2[n] * rbar, rel=1e-3)
        else:
            continue
        checked += 1
    assert checked > 200


def test_deterministic_by_seed():
    assert statistics_chats(20, 3) == statistics_chats(20, 3)
    assert statistics_chats(20, 3) != statistics_chats(20, 4)
