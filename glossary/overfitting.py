"""Overfitting is when a model learns the noise and quirks of its training examples rather than
the general pattern, so it does well on data it has seen and poorly on new data.

## Intuition
A student who memorises last year's exam answers aces that paper and fails this year's. A model
with enough parameters can likewise store the training set instead of the rule behind it. The
opposite failure, underfitting, is a model too simple for the rule: it scores badly everywhere.

So data is split three ways: the training set fits the weights, the validation set (never
trained on) picks settings and the stopping point, and the test set is used once at the end for
an honest estimate. Deep networks are especially exposed: the 2012 ImageNet ConvNet had about 60
million parameters but only 1.2 million training images. Standard remedies are more data, data
augmentation, weight penalties, dropout and early stopping.

## The math
Training error: E_train = (1/N) ∑ᵢ ℓ(f(xᵢ), yᵢ) over the N training pairs. Generalisation error:
E_test = E[ℓ(f(x), y)], the expected loss on fresh pairs from the same source, estimated on held-out
data. The generalisation gap is E_test − E_train; overfitting means this gap is large.

Example: through 10 noisy points with distinct x you can always fit a polynomial of degree 9
(10 coefficients) exactly, so E_train = 0, yet the curve swings wildly between the points and
predicts new ones badly. A straight line fits worse on the 10 points and better on new ones.

## Picture
```text
 loss
  │●
  │ ●○                                      ○ validation
  │   ●○                           ○  ○  ○
  │     ●○                  ○  ○
  │       ● ○        ○  ○
  │         ●   ○
  │            ●   ●
  │                   ●  ●  ●   ●   ●   ●   ● training
  └─────────────┬────────────────────────────► epochs
         lowest validation loss: stop here (early stopping)
```

## Try it
`nutshell demo overfitting` trains an MLP of 66,817 parameters on 100 noisy XOR points, where no
rule can expect more than 0.859 accuracy on fresh points. Seed 0: 0.98 on its training points,
0.80 on 2,000 fresh ones; it reproduces 93% of the training labels that contradict the pattern
(pure noise). Its test loss is lowest at epoch 4 (0.33) and ends at 1.41 after 150 epochs, while
the training loss keeps falling.

## See also
- **regularization**: penalties and other tricks that shrink the gap
- **dropout**: a regularizer made for neural networks
- **data-augmentation**: more varied training data at no labelling cost
- **parameter**: why more weights mean more room to memorise
- **machine-learning**: training error versus the error that matters

## Sources
- [overview]
- [lecun2015]
- [srivastava2014]
"""

TITLE = "Overfitting"
ALIASES = (
    "generalization",
    "generalisation",
    "training data",
    "test data",
    "validation set",
    "underfitting",
    "overfit",
    "training set",
    "test set",
    "early stopping",
    "generalization gap",
)

DEMO = {
    "steps_per_execution": 8,
    "epochs": 150, "batch_size": 16, "learning_rate": 0.01, "datasets": ("synthetic",),
    "quick": {"epochs": 60},
}

__all__ = ["noisy_xor_sample", "bayes_accuracy", "fits_the_noise", "generalization_gap",
           "early_stopping_epoch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import math

import keras
import numpy as np

from nutshell import data
from nutshell.glossary.mlp import mlp

EVAL_BATCH = 500  # measuring needs no small batches; large ones make each epoch's validation cheap
NOISE = 0.7  # the spread of each cloud around its corner; clouds of neighbouring corners overlap


def noisy_xor_sample(seed: int, n_train: int = 100, n_test: int = 2000, noise: float = NOISE):
    """A small training set and a large test set drawn from the same blurred XOR.

    Points scatter around the four corners (±1, ±1); the label is XOR of the corner, not of the
    quadrant the point landed in, so about one point in seven sits in a quadrant of the other
    class. No rule can get those right: they are the noise a model should ignore.
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


def fits_the_noise(model, x, y) -> float:
    """The share of the off-pattern training points (label ≠ XOR of the quadrant) that the model
    classifies with their own label: 0 for a model that learned the rule, 1 for one that memorised."""
    pattern = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype("float32")
    off = pattern != y
    if not off.any():
        return 0.0
    predicted = (np.asarray(model.predict(x[off], verbose=0)).reshape(-1) > 0.5).astype("float32")
    return float(np.mean(predicted == y[off]))


def generalization_gap(model, train, test) -> dict[str, float]:
    """E_train, E_test and the gap between them, for accuracy and for the loss.

    The model must be compiled with an accuracy metric."""
    train_loss, train_accuracy = model.evaluate(*train, batch_size=EVAL_BATCH, verbose=0)[:2]
    test_loss, test_accuracy = model.evaluate(*test, batch_size=EVAL_BATCH, verbose=0)[:2]
    train_loss, train_accuracy, test_loss, test_accuracy = (
        float(v) for v in (train_loss, train_accuracy, test_loss, test_accuracy))
    return {"train_accuracy": train_accuracy, "test_accuracy": test_accuracy,
            "accuracy_gap": train_accuracy - test_accuracy,
            "train_loss": train_loss, "test_loss": test_loss, "loss_gap": test_loss - train_loss}


def early_stopping_epoch(validation_losses) -> int:
    """The epoch (counting from 1) with the lowest validation loss: where early stopping keeps
    the weights. Ties go to the earlier epoch."""
    return int(np.argmin(np.asarray(validation_losses))) + 1


def overparameterized_mlp(**options):
    """Two hidden layers of 256 ReLU units for 2 inputs: 66,817 parameters for 100 points."""
    return mlp((2,), (256, 256), 1, output_activation="sigmoid", **options)


def fit_and_measure(run, model, train, test, name=None) -> dict[str, float]:
    """Train through the run on `train` (validating on `test` every epoch) and measure the gap."""
    run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
    history = run.fit(model, *train, validation_data=test, name=name,
                      validation_batch_size=EVAL_BATCH)
    numbers = generalization_gap(model, train, test)
    validation = history["val_loss"]
    best = early_stopping_epoch(validation)
    numbers.update(best_epoch=best, best_test_loss=float(validation[best - 1]),
                   train_loss_at_best_epoch=float(history["loss"][best - 1]),
                   noise_fitted=fits_the_noise(model, *train))
    return numbers


# --- the demo --------------------------------------------------------------------------------

def demo(run):
    """A big MLP on 100 noisy points: training accuracy climbs past what fresh data allows."""
    train, test = noisy_xor_sample(run.seed)
    run.say(f"100 noisy XOR points, an MLP with 66,817 parameters; no classifier can expect more "
            f"than {bayes_accuracy():.3f} accuracy on fresh points from this source…")
    model = overparameterized_mlp()
    m = fit_and_measure(run, model, train, test)
    rise = m["test_loss"] / m["best_test_loss"]
    run.say(f"Test loss was lowest at epoch {m['best_epoch']} of {run.epochs} "
            f"({m['best_test_loss']:.3f}) and ended at {m['test_loss']:.3f}: early stopping "
            "would have kept the weights of that epoch.")
    run.decision_surface("decision_surface/overfit_mlp", model, extent=2.5)
    run.metrics({k: m[k] for k in ("train_accuracy", "test_accuracy", "train_loss", "test_loss")})
    run.claim(
        "On 100 noisy XOR points a 66,817-parameter MLP overfits: training accuracy exceeds test "
        "accuracy by >= 0.05, it reproduces >= 40% of the off-pattern (noise) labels, and its test "
        "loss ends at >= 1.5x its minimum, which it reached in the first fifth of training.",
        verdict=(m["accuracy_gap"] >= 0.05 and m["noise_fitted"] >= 0.4 and rise >= 1.5
                 and m["best_epoch"] <= run.epochs / 5),
        train_accuracy=m["train_accuracy"], test_accuracy=m["test_accuracy"],
        accuracy_gap=m["accuracy_gap"], bayes_accuracy=bayes_accuracy(),
        noise_fitted=m["noise_fitted"], best_epoch=m["best_epoch"],
        best_test_loss=m["best_test_loss"], final_test_loss=m["test_loss"], test_loss_rise=rise,
    )
