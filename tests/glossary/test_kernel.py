"""kernel: the cosine with a pattern, the scenes with a hidden T; a kernel trained on yes/no labels
turns into the pattern, and does not when it barely trains."""

import numpy as np
import pytest

from nutshell.glossary.kernel import TEMPLATE, kernel_cosine, scenes_with_template


def test_kernel_cosine():
    assert kernel_cosine(TEMPLATE, TEMPLATE) == pytest.approx(1.0)
    assert kernel_cosine(3.0 * TEMPLATE, TEMPLATE) == pytest.approx(1.0)
    assert kernel_cosine(-TEMPLATE, TEMPLATE) == pytest.approx(-1.0)
    moved = np.zeros_like(TEMPLATE)
    moved[:, 1:] = TEMPLATE[:, :-1]                      # the T one pixel to the right
    assert kernel_cosine(moved, TEMPLATE) < 0.9
    assert kernel_cosine(moved, TEMPLATE, slack=1) == pytest.approx(1.0)


def test_scenes_hide_the_template_in_half_of_them():
    images, labels = scenes_with_template(400, noise=0.0, seed=3)
    assert 150 < labels.sum() < 250
    assert np.all(images[labels == 0] == 0.0)
    assert np.all(images[labels == 1].sum(axis=(1, 2, 3)) == TEMPLATE.sum())


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("kernel")
    numbers = summary["claim"]["numbers"]
    assert numbers["kernel_cosine_learned"] >= 0.9 > numbers["kernel_cosine_start"]
    assert numbers["test_accuracy"] >= 0.90
    assert summary["claim"]["verdict"] is True


def test_the_claim_fails_when_the_kernel_barely_trains(quick_demo):
    summary = quick_demo("kernel", epochs=1, learning_rate=1e-4)
    assert summary["claim"]["numbers"]["kernel_cosine_learned"] < 0.9
    assert summary["claim"]["verdict"] is False
