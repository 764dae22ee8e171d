"""gpu: the throughput measurements are sane; the claim is honest about the device present, and
fails when the large batch is not large."""

import math

import keras

from nutshell.glossary.gpu import accelerators, matmul_rate


def test_accelerators_are_the_non_cpu_devices():
    found = accelerators()
    assert set(found) <= set(keras.distribution.list_devices())
    assert not any(name.startswith("cpu") for name in found)


def test_matmul_rate_is_a_plausible_number_of_flops():
    rate = matmul_rate(64, 256, "cpu:0", repeats=2)
    assert math.isfinite(rate) and 1e7 < rate < 1e14


def test_quick_demo_is_honest_about_the_device(quick_demo):
    summary = quick_demo("gpu")
    claim, numbers = summary["claim"], summary["claim"]["numbers"]
    assert numbers["cpu_0_gflops_batch_256"] > 0 and numbers["training_examples_per_second_batch_8"] > 0
    if accelerators():
        assert "accelerator_over_cpu_batch_256" in numbers
    else:
        assert claim["statement"].startswith("No GPU on this machine")
        assert "accelerator_over_cpu_batch_256" not in numbers
    expected = (numbers["batching_gain"] >= 4 and numbers["training_gain"] >= 3
                and numbers.get("accelerator_over_cpu_batch_256", 5) >= 5)
    assert claim["verdict"] is expected


def test_the_claim_fails_when_the_big_batch_is_small(quick_demo):
    summary = quick_demo("gpu", batch_size=8)        # batch 8 against batch 8: no gain to find
    assert summary["claim"]["numbers"]["training_gain"] < 3
    assert summary["claim"]["verdict"] is False
