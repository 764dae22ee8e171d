"""relu: what counts as a dead unit; the demo's claim is measured, and fails when the "too large"
rate is in fact a sensible one."""

import numpy as np

from nutshell.glossary.relu import dead_units


def test_a_unit_is_dead_only_if_it_is_zero_on_every_input():
    outputs = np.array([[0.0, 0.0, 3.0, 0.0], [0.0, 1e-6, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    assert dead_units(outputs).tolist() == [True, False, False, True]


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("relu")
    numbers = summary["claim"]["numbers"]
    assert numbers["dead_share_rate_too_large"] >= 0.5
    assert numbers["dead_share_usual_rate"] <= 0.25
    assert numbers["revived_units"] == 0
    assert summary["claim"]["verdict"] is True


def test_claim_fails_when_the_large_rate_is_harmless(quick_demo):
    # 100 x 1e-5 = 1e-3, Adam's usual rate: no mass die-off
    numbers = (summary := quick_demo("relu", learning_rate=1e-5, epochs=2))["claim"]["numbers"]
    assert numbers["dead_share_rate_too_large"] < 0.5
    assert summary["claim"]["verdict"] is False
