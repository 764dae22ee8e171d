"""gpu: the throughput measurements are sane; the claim is honest about the device present, its
speed-ups are timings that do not vote, and its measured part can fail."""

import math

import keras
import pytest

from nutshell.glossary import _claims
from nutshell.glossary.gpu import _examples_per_second, accelerators, claim_parts, matmul_rate
from tests.helpers import assert_fails_through, recorded_claim, recorded_part


def test_accelerators_are_the_non_cpu_devices():
    found = accelerators()
    assert set(found) <= set(keras.distribution.list_devices())
    assert not any(name.startswith("cpu") for name in found)


def test_matmul_rate_is_a_plausible_number_of_flops():
    rate = matmul_rate(64, 256, "cpu:0", repeats=2)
    assert math.isfinite(rate) and 1e7 < rate < 1e14


def test_examples_per_second_leaves_out_the_untimed_first_step():
    # Two epochs of 1,000 examples at batch 100; the clock left out the first step (100 examples).
    history = {"training_seconds": [1.0, 0.9]}
    assert _examples_per_second(history, 1000, 100) == pytest.approx((2000 - 100) / 1.9)


def parts(accuracy=0.86, training_gain=7.0, matmul_gain=20.0, speedup=None):
    return claim_parts(matmul_gain, training_gain, accuracy, quick=True, accelerator_speedup=speedup)


def test_the_claim_holds_for_numbers_like_the_measured_ones():
    assert _claims.verdict(parts()) is True
    assert _claims.verdict(parts(speedup=40.0)) is True


def test_the_speed_ups_are_timings_that_do_not_vote():
    slow = {part.name: part for part in parts(training_gain=1.0, matmul_gain=1.0, speedup=1.0)}
    assert {name for name, part in slow.items() if part.kind == "timing"} == {
        "training_gain",
        "matmul_batching_gain",
        "accelerator_over_cpu_batch_256",
    }
    assert not any(part.held for part in slow.values() if part.kind == "timing")
    assert _claims.verdict(slow.values()) is True


def test_the_claim_can_fail_through_the_trained_model():
    failed = {part.name: part for part in parts(accuracy=0.3)}
    assert not failed["test_accuracy"].held and _claims.verdict(failed.values()) is False


def test_quick_demo_is_honest_about_the_device(quick_demo):
    summary = quick_demo("gpu")
    claim, numbers = summary["claim"], summary["claim"]["numbers"]
    assert numbers["cpu_0_gflops_batch_256"] > 0 and numbers["examples_per_second_small_batch"] > 0
    if accelerators():
        assert "accelerator_over_cpu_batch_256" in numbers
    else:
        assert claim["statement"].startswith("No GPU on this machine")
        assert "accelerator_over_cpu_batch_256" not in numbers
    assert numbers["training_gain"] == pytest.approx(
        numbers["examples_per_second_run_batch"] / numbers["examples_per_second_small_batch"]
    )
    assert claim["verdict"] is True


def test_with_no_large_batch_the_gain_is_measured_and_fails(quick_demo):
    """The concept removed: the run's batch is the small batch (8). Both fits still run, so the
    gain is a ratio of two measurements (about 1), not 1 by arithmetic; as a timing it cannot
    decide the verdict, which rests on the trained model."""
    summary = quick_demo("gpu", batch_size=8)
    numbers = summary["claim"]["numbers"]
    assert numbers["examples_per_second_small_batch"] != numbers["examples_per_second_run_batch"]
    gain = next(part for part in summary["claim"]["parts"] if part["name"] == "training_gain")
    assert gain["kind"] == "timing" and gain["held"] == 0 and gain["max"] < 2


def test_the_claim_fails_when_the_mlp_does_not_learn(quick_demo):
    # A learning rate far too small for one epoch: the speed-ups stay, the measured part fails.
    assert_fails_through(quick_demo("gpu", learning_rate=1e-6), "test_accuracy")


def _outcome_claim(gain, held=5):
    def part(name, mean, bar, part_held, kind="timing"):
        return recorded_part(name, mean, bar, part_held, ">=", kind)

    parts = [
        part("test_accuracy", 0.82, 0.75, 5, "measured"),
        part("matmul_batching_gain", 25.0, 4.0, 5),
        part("training_gain", gain, 3.0, held),
    ]
    return recorded_claim(parts, 5)


@pytest.mark.parametrize(
    "claim, option",
    [
        (_outcome_claim(9.5), "A"),  # --quick, seeds 0-4: 6.7-12.6x
        (_outcome_claim(1.3, held=0), "B"),
        (_outcome_claim(0.7, held=0), "C"),
        (_outcome_claim(3.2, held=3), "D"),
    ],
)
def test_outcome_names_the_option_the_numbers_show(claim, option):
    from nutshell.glossary.gpu import PREDICT, outcome

    assert outcome(claim) == option and option in PREDICT["options"]
