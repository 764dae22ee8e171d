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


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"epochs": 0}, "--epochs"),
        ({"batch_size": -1}, "--batch-size"),
        ({"repeats": 0}, "--repeats"),
        ({"learning_rate": float("nan")}, "--learning-rate"),
        ({"learning_rate": -1.0}, "--learning-rate"),
        ({"dataset": "imagenet"}, "unknown dataset"),
        ({"tag": "../x"}, "--tag"),
        ({"strategy": "ring"}, "--strategy"),
        ({"precision": "float8"}, "--precision"),
    ],
)
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


def test_an_option_the_demo_does_not_use_is_refused_with_its_reason():
    fixed = replace(
        UNIT, demo_config={**UNIT.demo_config, "ignores": {"learning_rate": "it compares three fixed step sizes"}}
    )
    with pytest.raises(UserError, match="unit does not use --learning-rate: it compares three fixed step sizes"):
        demo_settings(fixed, learning_rate=0.1)
    assert demo_settings(fixed).learning_rate == UNIT.demo_config["learning_rate"]


def test_settings_are_frozen_plain_values():
    settings = demo_settings(UNIT, batch_size=64, learning_rate=0.2)
    with pytest.raises(AttributeError):
        settings.batch_size = 8  # type: ignore[misc]
    assert (settings.batch_size, settings.learning_rate) == (64, 0.2)


def test_resumed_settings_refuse_what_differs_and_accept_what_agrees():
    from nutshell.settings import resumed_settings

    saved = demo_settings(UNIT, quick=True).as_dict()
    assert resumed_settings(saved, {"quick": True, "epochs": saved["epochs"]}).as_dict() == saved
    with pytest.raises(UserError, match="--batch-size 7 \\(the run has"):
        resumed_settings(saved, {"batch_size": 7})
