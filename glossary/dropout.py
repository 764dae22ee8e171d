"""Dropout fights overfitting by silencing a random subset of units on every training step, so no
unit can lean on particular partners; at test time all units are kept, with scaling that keeps
expected activations equal.

## Intuition
Picture a team where anyone may be off sick on any day: nobody can count on one colleague, so
each learns to be useful alone. In a network this stops units forming fragile partnerships
(co-adaptation) that only fit the training set.

A second view: with n droppable units there are 2ⁿ thinned sub-networks, all sharing weights.
Each step trains one of them; the full network at test time acts like a cheap average over this
huge ensemble. The 2012 ImageNet ConvNet used dropout (p = 0.5) in its two big fully connected
layers, which sharply cut its overfitting.

## The math
Let p be the keep probability and h a layer's activations. On each step draw a mask of independent
mᵢ ~ Bernoulli(p) (1 with probability p, else 0).

- Original form: train with h̃ = m ⊙ h, so E[h̃ᵢ] = p · hᵢ; at test time keep all units and
  multiply the outgoing weights by p, which hands the next layer that same expected input.
- Inverted dropout (what libraries do): train with h̃ = (m ⊙ h) / p, i.e. rescale the survivors
  by 1/p, so E[h̃ᵢ] = p · hᵢ / p = hᵢ; at test time use h unchanged.

Example, p = 0.8: h = (2.0, 1.0, 3.0, 0.5, 4.0), m = (1, 0, 1, 1, 0) gives
h̃ = (2.5, 0, 3.75, 0.625, 0). Typical choices are p = 0.5 for hidden units and p = 0.8 for
inputs. Keras and PyTorch take the drop rate 1 − p as their argument.

## Picture
```text
 units h      2.0    1.0    3.0    0.5    4.0
 mask m        1      0      1      1      0      mᵢ ~ Bernoulli(0.8)
 m ⊙ h / p    2.5     ·     3.75  0.625    ·
               ●      ×      ●      ●      ×      × = off this step
```

## Try it
`nutshell demo dropout` repeats the overfitting demo (100 noisy points, 66,817 parameters) with
dropout at rate 0.5 after both hidden layers. Seed 0: test loss 1.41 → 0.68, train-test accuracy
gap 0.18 → 0.13, test accuracy 0.797 → 0.819. The ensemble view holds up: the full network and
the average of 100 thinned networks classify 98.9% of the test points alike.

## See also
- **overfitting**: the problem dropout targets
- **regularization**: the wider family it belongs to
- **fully-connected-layer**: where dropout is most often placed
- **unit**: what gets switched off

## Sources
- [lecun2015]
- [srivastava2014]
- [krizhevsky2012]
"""

TITLE = "Dropout"
ALIASES = ("inverted dropout", "dropout rate", "dropout layer", "keep probability")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 150, "batch_size": 16, "learning_rate": 0.01, "datasets": ("synthetic",),
    "global_batch": "its claim rests on the steps taken over 100 points, which a bigger batch changes",
    "quick": {"epochs": 60},
}

__all__ = ["DropoutFromScratch", "thinned_average"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary.overfitting import fit_and_measure, noisy_xor_sample, overparameterized_mlp


@keras.saving.register_keras_serializable(package="nutshell")
class DropoutFromScratch(keras.layers.Layer):
    """Inverted dropout: while training, zero each value with probability `rate` and divide the
    survivors by the keep probability p = 1 − rate; at test time pass everything unchanged.

    Dividing by p keeps the expected value of every output equal to its input, E[m·h/p] = h, so
    the next layer sees inputs of the same size in training and at test time. A fresh mask is
    drawn on every call, from the layer's own seed generator (Keras's backend-neutral random
    numbers). Equals `keras.layers.Dropout(rate)` in distribution.

    Args:
        rate: the drop probability, 0 ≤ rate < 1 (Keras's convention; the keep probability
            p = 1 − rate is what the math section writes).
        seed: makes the sequence of masks repeatable.

    Input shape: any. Output shape: the same as the input.

    Example:
        >>> import numpy as np
        >>> from keras import ops
        >>> ops.convert_to_numpy(DropoutFromScratch(0.5)(np.ones((2, 3)), training=False)).tolist()
        [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(f"rate must be a number in [0, 1), not {rate!r}")
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.built = True  # no weights to create

    def call(self, inputs, training=False):
        if not training or self.rate == 0.0:
            return inputs
        keep = 1.0 - self.rate
        mask = keras.random.uniform(ops.shape(inputs), seed=self.seed_generator) < keep  # mᵢ ~ Bernoulli(p)
        return ops.where(mask, inputs / keep, ops.zeros_like(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}


def thinned_average(model, x, samples: int = 100):
    """The mean prediction of `samples` thinned networks: the model run with dropout switched on,
    a new mask each time. The full network at test time is meant to approximate this average."""
    total = 0.0
    for _ in range(samples):
        total = total + ops.convert_to_numpy(model(x, training=True))
    return total / samples


# --- the demo --------------------------------------------------------------------------------

RATE = 0.5  # drop half the hidden units, the classic choice for hidden layers


def demo(run):
    """The overfitting set-up with and without dropout after each hidden layer."""
    train, test = noisy_xor_sample(run.seed)
    run.say("The overfitting set-up first: a 66,817-parameter MLP on 100 noisy XOR points…")
    plain = overparameterized_mlp(name="no_dropout")
    base = fit_and_measure(run, plain, train, test, name="no-dropout")
    run.say(f"…then the same network with dropout (rate {RATE}) after each hidden layer.")
    thinned = overparameterized_mlp(after_hidden=lambda: DropoutFromScratch(RATE), name="dropout")
    drop = fit_and_measure(run, thinned, train, test)

    full = np.asarray(thinned.predict(test[0], verbose=0)).reshape(-1)
    ensemble = np.asarray(thinned_average(thinned, test[0])).reshape(-1)
    agreement = float(np.mean((full > 0.5) == (ensemble > 0.5)))
    run.decision_surface("decision_surface/no_dropout", plain, extent=2.5)
    run.decision_surface("decision_surface/dropout", thinned, extent=2.5)
    rows = [(key.replace("_", " "), base[key], drop[key]) for key in
            ("train_loss", "test_loss", "train_accuracy", "test_accuracy", "noise_fitted")]
    run.text("comparison", "| | no dropout | dropout |\n|---|---|---|\n"
             + "\n".join(f"| {label} | {a:.3f} | {b:.3f} |" for label, a, b in rows))
    run.metrics({"test_accuracy": drop["test_accuracy"], "test_loss": drop["test_loss"],
                 "test_accuracy_no_dropout": base["test_accuracy"],
                 "test_loss_no_dropout": base["test_loss"]})
    loss_ratio = drop["test_loss"] / base["test_loss"]
    gap_ratio = drop["accuracy_gap"] / max(base["accuracy_gap"], 1e-9)
    run.claim(
        f"Dropout (rate {RATE}) after each hidden layer curbs overfitting: test loss and train-test "
        "accuracy gap both <= 0.8x those of the same network without it; and the full "
        "network agrees with the average of 100 thinned networks on >= 95% of test points.",
        verdict=loss_ratio <= 0.8 and gap_ratio <= 0.8 and agreement >= 0.95,
        test_loss_no_dropout=base["test_loss"], test_loss_dropout=drop["test_loss"],
        test_loss_ratio=loss_ratio, accuracy_gap_no_dropout=base["accuracy_gap"],
        accuracy_gap_dropout=drop["accuracy_gap"], accuracy_gap_ratio=gap_ratio,
        test_accuracy_no_dropout=base["test_accuracy"], test_accuracy_dropout=drop["test_accuracy"],
        noise_fitted_no_dropout=base["noise_fitted"], noise_fitted_dropout=drop["noise_fitted"],
        agreement_with_thinned_average=agreement,
    )
