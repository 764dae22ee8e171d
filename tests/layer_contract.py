"""Keras's own layer contract for every layer in the glossary: one helper all entry tests share.

`check_layer_contract` runs `keras.src.testing.TestCase.run_layer_test`, the checks Keras runs on
its own layers (it ships in the keras wheel):

- `get_config` / `from_config` and Keras serialisation round-trip;
- `build` on a shape creates the expected number of weights;
- a symbolic call (on `keras.Input`-like tensors) gives the expected output shape;
- an eager call gives the same shape, and one training step runs (compiled, "auto" jit);
- mixed precision: with `dtype="mixed_float16"` the real output has the dtype the symbolic one
  promises (float16) and every weight stays float32. A layer whose `call` uses its weights needs
  `compute_output_shape` for this, and a composite layer must build its sublayers with its own
  `dtype_policy`.

Then three checks of our own: the output shape with an unknown batch size (the usual
`keras.Input((h, w, c))`); mixed_bfloat16, the policy `--precision mixed` picks on a CPU, where
every op needs a bfloat16 kernel; and a `.keras` file round trip of a model holding the layer,
with weights set away from their initial values, that must give the same layer config and
outputs.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path

import keras
import numpy as np
from keras.src.testing import TestCase


class _KerasLayerChecks(TestCase):
    """Keras's TestCase, used as a toolbox: `run_layer_test` is called directly, not collected."""

    def runTest(self):  # unittest needs a method to name; the checks are called by hand
        pass


def check_layer_contract(
    layer_cls,
    init_kwargs: dict,
    input_shape: tuple,
    expected_output_shape: tuple,
    *,
    trainable_weights: int,
    non_trainable_weights: int = 0,
    seed_generators: int = 0,
    training_check: bool = True,
    atol: float = 1e-6,
) -> None:
    """Run Keras's `run_layer_test` (mixed precision included) and a saved-model round trip.

    Args:
        layer_cls: the layer class, or any callable taking `init_kwargs` (and `dtype`) that
            returns a layer, e.g. a function wrapping an RNN cell in `keras.layers.RNN`.
        init_kwargs: the arguments the layer is built with.
        input_shape: a full input shape, batch size included.
        expected_output_shape: the output shape for that input.
        trainable_weights, non_trainable_weights: how many weight tensors `build` creates.
        seed_generators: how many random-number generators the layer owns (dropout, augmentation).
        training_check: False for a layer with nothing to train, whose one-step fit Keras refuses.
    """
    filtering = keras.config.is_traceback_filtering_enabled()
    checks = _KerasLayerChecks()
    checks.setUp()  # clears Keras's global state, and turns traceback filtering off
    try:
        with warnings.catch_warnings():
            # Keras's training check fits one step on a generator: harmless notices about that.
            warnings.filterwarnings("ignore", "`shuffle=True` was passed", UserWarning)
            warnings.filterwarnings("ignore", "The model does not have any trainable weights", UserWarning)
            checks.run_layer_test(
                layer_cls,
                init_kwargs=init_kwargs,
                input_shape=input_shape,
                expected_output_shape=expected_output_shape,
                expected_num_trainable_weights=trainable_weights,
                expected_num_non_trainable_weights=non_trainable_weights,
                expected_num_seed_generators=seed_generators,
                expected_num_losses=0,
                run_training_check=training_check,
                run_mixed_precision_check=True,
            )
    finally:
        checks.doCleanups()
        if filtering:  # leave the rest of the session as we found it
            keras.config.enable_traceback_filtering()
    _check_unknown_batch_size(layer_cls, init_kwargs, input_shape, expected_output_shape)
    _check_mixed_bfloat16(layer_cls, init_kwargs, input_shape)
    _check_saved_model_round_trip(layer_cls, init_kwargs, input_shape, atol)


def _check_unknown_batch_size(layer_cls, init_kwargs, input_shape, expected_output_shape):
    layer = layer_cls(**init_kwargs)
    output = layer(keras.Input(input_shape[1:], batch_size=None))
    assert tuple(output.shape) == (None, *expected_output_shape[1:]), (
        f"{type(layer).__name__} on (None, {input_shape[1:]}) gave {tuple(output.shape)}"
    )


def _check_mixed_bfloat16(layer_cls, init_kwargs, input_shape):
    """`--precision mixed` on a CPU means mixed_bfloat16: every op must have a bfloat16 kernel."""
    layer = layer_cls(**init_kwargs, dtype="mixed_bfloat16")
    x = np.random.default_rng(1).normal(size=input_shape).astype("float32")
    promised = layer.compute_output_spec(keras.KerasTensor(input_shape, dtype="bfloat16"))
    output = layer(x)
    assert keras.backend.standardize_dtype(output.dtype) == promised.dtype == "bfloat16"
    assert np.all(np.isfinite(keras.ops.convert_to_numpy(keras.ops.cast(output, "float32"))))
    assert all(weight.dtype == "float32" for weight in layer.weights)


def _check_saved_model_round_trip(layer_cls, init_kwargs, input_shape, atol):
    rng = np.random.default_rng(0)
    model = keras.Sequential([keras.Input(input_shape[1:]), layer_cls(**init_kwargs)])
    # Weights away from their start (zero biases, ones), so a mix-up on loading would show.
    model.set_weights([rng.normal(0.0, 0.5, w.shape).astype(w.dtype) for w in model.get_weights()])
    x = rng.normal(size=input_shape).astype("float32")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "layer.keras"
        model.save(path)
        loaded = keras.saving.load_model(path)
    original, revived = model.layers[-1], loaded.layers[-1]
    assert type(revived) is type(original)
    # compared as JSON, the form the file stores: a tuple in a config comes back as a list
    assert _json(revived.get_config()) == _json(original.get_config())
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(loaded(x)), keras.ops.convert_to_numpy(model(x)), rtol=1e-6, atol=atol
    )


def _json(config: dict) -> str:
    return json.dumps(config, sort_keys=True, default=repr)
