"""kernel: the cosine with a pattern, the scenes with a hidden T; a kernel trained on yes/no labels
turns into the pattern, and does not when it barely trains."""

import numpy as np
import pytest

from nutshell.glossary import _claims, kernel
from nutshell.glossary.kernel import MIN_COSINE, TEMPLATE, claim_parts, kernel_cosine, scenes_with_template
from tests.helpers import assert_fails_through


def test_kernel_cosine():
    assert kernel_cosine(TEMPLATE, TEMPLATE) == pytest.approx(1.0)
    assert kernel_cosine(3.0 * TEMPLATE, TEMPLATE) == pytest.approx(1.0)
    assert kernel_cosine(-TEMPLATE, TEMPLATE) == pytest.approx(-1.0)
    moved = np.zeros_like(TEMPLATE)
    moved[:, 1:] = TEMPLATE[:, :-1]  # the T one pixel to the right
    assert kernel_cosine(moved, TEMPLATE) < 0.9
    assert kernel_cosine(moved, TEMPLATE, slack=1) == pytest.approx(1.0)


def test_scenes_hide_the_template_in_half_of_them():
    images, labels = scenes_with_template(400, noise=0.0, seed=3)
    assert 150 < labels.sum() < 250
    assert np.all(images[labels == 0] == 0.0)
    assert np.all(images[labels == 1].sum(axis=(1, 2, 3)) == TEMPLATE.sum())


def test_no_3x3_kernel_can_pass_the_cosine_bar():
    """For each placement of the T within a pixel, the 3×3 kernel closest to it is the T's part
    inside the centre window; the best of those is the best any 3×3 kernel can do."""
    window = np.zeros((5, 5), "float32")
    window[1:4, 1:4] = 1.0
    best = 0.0
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            moved = np.roll(TEMPLATE, (dy, dx), axis=(0, 1))  # then blank what wrapped around
            if dx:
                moved[:, 0 if dx > 0 else -1] = 0.0
            if dy:
                moved[0 if dy > 0 else -1, :] = 0.0
            best = max(best, kernel_cosine(moved * window, TEMPLATE, slack=1))
    assert best == pytest.approx(np.sqrt(3 / 4), abs=1e-6)
    assert best < kernel.MIN_COSINE


NUMBERS = {"kernel_cosine_learned": 0.97, "test_accuracy": 0.97}


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(claim_parts(NUMBERS)) is True


@pytest.mark.parametrize(
    "change, failing",
    [
        ({"kernel_cosine_learned": 0.5}, "kernel_cosine_learned"),
        ({"test_accuracy": 0.55}, "test_accuracy"),
    ],
    ids=["not-a-t", "does-not-find-it"],
)
def test_the_claim_can_fail(change, failing):
    parts = {part.name: part for part in claim_parts({**NUMBERS, **change})}
    assert not parts[failing].held and _claims.verdict(list(parts.values())) is False


def test_quick_demo_measures_the_claim(quick_demo):
    summary = quick_demo("kernel")
    numbers = summary["claim"]["numbers"]
    assert numbers["kernel_cosine_learned"] > numbers["kernel_cosine_start"]
    assert summary["claim"]["verdict"] is True
    assert summary["outcome"] == "A"  # the kernel became the T


def test_with_a_kernel_smaller_than_the_pattern_the_claim_fails(quick_demo, monkeypatch):
    """The concept removed: a 3×3 kernel, too small a window to hold the 5×5 T."""
    monkeypatch.setattr(kernel, "KERNEL_SIZE", 3)
    assert_fails_through(quick_demo("kernel"), "kernel_cosine_learned")


def _part(name, mean, bar, held=5, low=None, high=None):
    """One part of a claim as summary.json stores it, over 5 seeds."""
    return {
        "name": name,
        "mean": mean,
        "min": mean if low is None else low,
        "max": mean if high is None else high,
        "bar": bar,
        "held": held,
        "of": 5,
    }


def _cosine_claim(low, high, held=5):
    return {"parts": [_part("kernel_cosine_learned", (low + high) / 2, MIN_COSINE, held, low, high)]}


@pytest.mark.parametrize(
    "claim, option",
    [
        (_cosine_claim(0.954, 0.994), "A"),  # as measured
        (_cosine_claim(0.70, 0.86, held=0), "B"),  # e.g. a 3x3 kernel, too small for the T
        (_cosine_claim(0.10, 0.40, held=0), "C"),  # still about where it started
        (_cosine_claim(0.80, 0.95, held=2), "D"),  # a T on some seeds only
    ],
    ids=["T", "rough", "no-shape", "some-seeds"],
)
def test_outcome_names_what_happened(claim, option):
    assert kernel.outcome(claim) == option
