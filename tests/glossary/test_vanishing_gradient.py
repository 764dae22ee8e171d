"""vanishing-gradient: the weight-change measure; the demo's claim is measured, and fails when the
"deep" network is as shallow as the other."""

import numpy as np
import pytest

import nutshell.glossary.vanishing_gradient as vanishing
from nutshell.glossary.vanishing_gradient import relative_change_by_layer


def test_relative_change_by_layer():
    before = [np.ones((2, 2)), np.full((3,), 2.0)]
    after = [np.ones((2, 2)), np.full((3,), 3.0)]
    assert relative_change_by_layer(before, after) == pytest.approx([0.0, 0.5])


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("vanishing-gradient")
    numbers = summary["claim"]["numbers"]
    assert numbers["sigmoid_deep_accuracy"] <= 0.3
    assert numbers["sigmoid_deep_last_over_first"] >= 1000
    assert numbers["sigmoid_shallow_accuracy"] >= 0.5 and numbers["relu_deep_accuracy"] >= 0.5
    assert numbers["relu_deep_last_over_first"] <= 30
    assert summary["claim"]["verdict"] is True


def test_claim_fails_without_depth(quick_demo, monkeypatch):
    monkeypatch.setattr(vanishing, "DEEP", 2)  # the "deep" sigmoid net is now the shallow one
    numbers = (summary := quick_demo("vanishing-gradient"))["claim"]["numbers"]
    assert numbers["sigmoid_deep_accuracy"] > 0.3
    assert summary["claim"]["verdict"] is False
