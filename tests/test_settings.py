"""A demo's settings: the entry's DEMO dict, --quick overrides, the user's values, and refusals."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nutshell import glossary
from nutshell.errors import SetupError, UserError
from nutshell.settings import Settings, demo_settings

UNIT = glossary.lookup("unit")


def test_defaults_quick_overrides_and_explicit_values():
    full, quick = demo_settings(UNIT), demo_settings(UNIT, quick=True)
    config = UNIT.demo_config
    assert full.epochs == config["epochs"] and quick.epochs == config["quick"].get("epochs", config["epochs"])
    assert quick.quick and not full.quick
    mine = demo_settings(UNIT, quick=True, epochs=3, learning_rate=0.5, seed=7, repeats=2)
    assert (mine.epochs, mine.learning_rate, mine.seed, mine.repeats) == (3, 0.5, 7, 2)


@pytest.mark.parametrize("overrides, message", [
    ({"epochs": 0}, "--epochs"), ({"batch_size": -1}, "--batch-size"), ({"repeats": 0}, "--repeats"),
    ({"learning_rate": float("nan")}, "--learning-rate"), ({"learning_rate": -1.0}, "--learning-rate"),
    ({"dataset": "imagenet"}, "unknown dataset"), ({"tag": "../x"}, "--tag"),
    ({"strategy": "ring"}, "--strategy"), ({"precision": "float8"}, "--precision"),
])
def test_bad_values_are_user_errors(overrides, message):
    with pytest.raises(UserError, match=message) as info:
        demo_settings(UNIT, **overrides)
    assert info.value.exit_code == 2


def test_an_entry_without_a_demo_is_refused():
    with pytest.raises(UserError, match="has no demo"):
        demo_settings(glossary.lookup("history"))


def test_a_demo_that_cannot_be_distributed_refuses_a_strategy_up_front():
    single = replace(UNIT, demo_config={**UNIT.demo_config, "single_device": "it times one device"})
    assert demo_settings(single).strategy == "none"
    with pytest.raises(SetupError, match="unit cannot run under --strategy: it times one device"):
        demo_settings(single, strategy="mirrored")


def test_saved_settings_from_an_older_run_still_load():
    saved = demo_settings(UNIT).as_dict()
    del saved["repeats"]
    saved["retired_option"] = 1
    assert Settings.from_dict(saved).repeats == 1
