"""The overfitting rig shared by three demos: overfitting, dropout and regularization (not an entry).

It owns the set-up they all train on, so that each demo changes exactly one thing against the
same baseline:

- the data: 100 training points of a blurred XOR and 2,000 fresh test points from the same
  source (`noisy_xor_sample`), and the best accuracy any rule can expect there (`bayes_accuracy`);
- the model: an MLP far too big for 100 points (`overparameterized_mlp`, 66,817 parameters);
- the training: `train`, which fits through the run and validates on the fresh points every
  epoch, so the history shows the test loss turning up;
- the settings the three demos share (`SETTINGS`, below).

The registry reads each entry's `DEMO` with `ast`, without importing anything, so the three DEMO
dicts must repeat these settings as literals; tests/glossary/test__overfit.py checks that they
still agree with `SETTINGS`. What is measured on a trained model (the gap, the noise it fitted,
the early-stopping epoch) is the overfitting entry's teaching code, in its `__all__`.
"""

from __future__ import annotations

import math

import keras

from nutshell import data
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp

# The training every demo of the rig runs: 100 points in batches of 16 are 7 steps an epoch, and
# Adam at 0.01 lets the big MLP fit the training points (noise included) within the quick
# budget of 60 epochs. 150 epochs leave time for the test loss to climb well past its minimum,
# which comes early (by epoch 10 on seeds 100-104). Each DEMO dict repeats these numbers.
SETTINGS = {"epochs": 150, "batch_size": 16, "learning_rate": 0.01, "quick_epochs": 60}

N_TRAIN, N_TEST = 100, 2000
NOISE = 0.7  # the spread of each cloud around its corner; clouds of neighbouring corners overlap
HIDDEN = (256, 256)  # two wide ReLU layers: 66,817 parameters for 2 inputs and 100 points
EVAL_BATCH = 500  # measuring needs no small batches; large ones make each epoch's validation cheap


def noisy_xor_sample(seed: int, n_train: int = N_TRAIN, n_test: int = N_TEST, noise: float = NOISE):
    """A small training set and a large test set drawn from the same blurred XOR.

    Points scatter around the four corners (±1, ±1); the label is XOR of the corner, not of the
    quadrant the point landed in, so about one point in seven sits in a quadrant of the other
    class. No rule can get those right: they are the noise a model should ignore. The data is
    synthetic, so a new seed is new data: the rig's bars are chosen on seeds 100 and up.
    """
    x, y = data.xor(n_train + n_test, noise=noise, seed=seed)
    return data.split_off(x, y, fraction=n_test / (n_train + n_test))


def bayes_accuracy(noise: float = NOISE) -> float:
    """The best accuracy any classifier can expect on fresh points of `noisy_xor_sample`.

    The best rule is XOR of the quadrant. A coordinate lands on the wrong side of 0 with
    probability p = Φ(−1/noise); the quadrant rule is right when neither or both coordinates
    flipped: (1 − p)² + p² = 1 − 2p(1 − p).
    """
    p = 0.5 * math.erfc(1.0 / (noise * math.sqrt(2.0)))  # Φ(−1/noise)
    return 1.0 - 2.0 * p * (1.0 - p)


def overparameterized_mlp(**options) -> keras.Model:
    """The rig's network: `HIDDEN` ReLU layers and a sigmoid output for 2 inputs (66,817
    parameters for 100 points). `options` go to `mlp`: a penalty, a layer after each hidden one."""
    return mlp((2,), HIDDEN, 1, output_activation="sigmoid", **options)


def train(run: Run, model: keras.Model, train_set, test_set, name: str | None = None) -> dict[str, list[float]]:
    """Compile and fit `model` through the run on `train_set`, scoring `test_set` after every
    epoch (the validation curves TensorBoard shows); returns the history."""
    run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
    return run.fit(model, *train_set, validation_data=test_set, name=name, validation_batch_size=EVAL_BATCH)


def ratio(value: float, reference: float) -> float:
    """value / reference, kept finite when the reference is (near) zero."""
    return float(value) / max(float(reference), 1e-9)
