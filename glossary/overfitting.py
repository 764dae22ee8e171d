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
the training loss keeps falling. In quick mode (60 epochs, seeds 0-4) the test loss ends 1.8-3.7x
its minimum.

## See also
- **regularization**: penalties and other tricks that shrink the gap
- **dropout**: a regularizer made for neural networks
- **data-augmentation**: more varied training data at no labelling cost
- **parameter**: why more weights mean more room to memorise
- **machine-learning**: training error versus the error that matters
- **early-stopping**: keep the weights from before the gap opened

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
    "generalization gap",
)

# The overfitting rig's settings, shared with dropout and regularization: why these numbers, in
# glossary/_overfit.py (SETTINGS, which a test keeps equal to this literal).
DEMO = {
    "epochs": 150,
    "batch_size": 16,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 60},
}

PREREQUISITES = ("machine-learning",)

PREDICT = {
    "question": "A 66,817-parameter MLP trains for 150 epochs on only 100 XOR points, some of them "
    "with the wrong label. Compare its accuracy on those points with its accuracy on "
    "fresh points, and follow its loss on fresh points over the epochs. What do you see?",
    "options": {
        "A": "about the same accuracy on both: with so few points it cannot do better on its own",
        "B": "clearly higher accuracy on its own points; the fresh-point loss falls early, then "
        "climbs while the training loss keeps falling",
        "C": "clearly higher accuracy on its own points, but the fresh-point loss keeps falling to the end",
        "D": "it depends on the seed",
    },
    "why": "A model with enough parameters can likewise store the training set instead of the rule "
    "behind it. Its test loss is lowest at epoch 4 (0.33) and ends at 1.41 after 150 epochs, "
    "while the training loss keeps falling.",
}

RECALL = (
    {
        "question": "Ten noisy points with distinct x values are to be fitted exactly, with zero "
        "training error. What is the lowest polynomial degree that is always enough?",
        "options": {"A": "1: a straight line", "B": "5", "C": "9", "D": "10"},
        "answer": "C",
        "why": "Example: through 10 noisy points with distinct x you can always fit a polynomial of "
        "degree 9 (10 coefficients) exactly, so E_train = 0, yet the curve swings wildly between "
        "the points and predicts new ones badly.",
    },
    {
        "question": "Which part of the data should pick the settings and the epoch to stop at?",
        "options": {
            "A": "the training set",
            "B": "the validation set",
            "C": "the test set",
            "D": "all the data pooled together",
        },
        "answer": "B",
        "why": "So data is split three ways: the training set fits the weights, the validation set "
        "(never trained on) picks settings and the stopping point, and the test set is used "
        "once at the end for an honest estimate.",
    },
)

__all__ = ["generalization_gap", "fits_the_noise", "early_stopping_epoch", "measure_overfitting"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._overfit import (
    EVAL_BATCH,
    bayes_accuracy,
    noisy_xor_sample,
    overparameterized_mlp,
    ratio,
    train,
)
from nutshell.glossary._run import Run


def generalization_gap(model: keras.Model, train, test) -> dict[str, float]:
    """E_train, E_test and the gap between them, for accuracy and for the loss.

    The model must be compiled with an accuracy metric."""
    train_loss, train_accuracy = model.evaluate(*train, batch_size=EVAL_BATCH, verbose=0)[:2]
    test_loss, test_accuracy = model.evaluate(*test, batch_size=EVAL_BATCH, verbose=0)[:2]
    train_loss, train_accuracy, test_loss, test_accuracy = (
        float(v) for v in (train_loss, train_accuracy, test_loss, test_accuracy)
    )
    return {
        "train_accuracy": train_accuracy,
        "test_accuracy": test_accuracy,
        "accuracy_gap": train_accuracy - test_accuracy,
        "train_loss": train_loss,
        "test_loss": test_loss,
        "loss_gap": test_loss - train_loss,
    }


def fits_the_noise(model: keras.Model, x, y) -> float:
    """The share of the off-pattern training points (label ≠ XOR of the quadrant) that the model
    classifies with their own label: 0 for a model that learned the rule, 1 for one that memorised."""
    pattern = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype("float32")
    off = pattern != y
    if not off.any():
        return 0.0
    predicted = (np.asarray(model.predict(x[off], verbose=0)).reshape(-1) > 0.5).astype("float32")
    return float(np.mean(predicted == y[off]))


def early_stopping_epoch(validation_losses) -> int:
    """The epoch (counting from 1) with the lowest validation loss: where early stopping keeps
    the weights. Ties go to the earlier epoch."""
    return int(np.argmin(np.asarray(validation_losses))) + 1


def measure_overfitting(model: keras.Model, history: dict[str, list[float]], train, test) -> dict[str, float]:
    """Everything that shows a trained model overfitting, from the model and its history:
    the gap (generalization_gap), the noise labels it reproduces, and where its test loss
    (`val_loss`, scored after every epoch) bottomed out against where it ended."""
    numbers = generalization_gap(model, train, test)
    validation = history["val_loss"]
    best = early_stopping_epoch(validation)
    numbers.update(
        best_epoch=best,
        best_epoch_share=best / len(validation),
        best_test_loss=float(validation[best - 1]),
        test_loss_rise=ratio(numbers["test_loss"], validation[best - 1]),
        noise_fitted=fits_the_noise(model, *train),
    )
    return numbers


# --- the demo --------------------------------------------------------------------------------

# The bars, chosen on fresh noisy-XOR data (seeds 100-109, never reported): each is a round number
# at least 10% beyond the worst of those seeds in quick mode (60 epochs), the harder mode. There
# the worst accuracy gap was 0.072, noise fitted 0.42, test-loss rise 1.37x, and the test loss
# bottomed out by epoch 10 (1/6 of training). Full mode (150 epochs, seeds 100-104) is far
# clearer: gap >= 0.13, noise fitted >= 0.71, rise >= 2.8x, minimum by epoch 10 (1/15).
MIN_GAP, MIN_NOISE_FITTED, MIN_LOSS_RISE, MAX_BEST_EPOCH_SHARE = 0.05, 0.35, 1.2, 0.2


def claim_parts(m: dict[str, float]) -> list[Part]:
    """The claim from `measure_overfitting`'s numbers: the net scores clearly better on its own
    points than on fresh ones, it reproduces a good share of the labels that are pure noise, and
    its test loss bottomed out early in training and then climbed well above that minimum."""
    return [
        at_least("accuracy_gap", m["accuracy_gap"], MIN_GAP),
        at_least("noise_fitted", m["noise_fitted"], MIN_NOISE_FITTED),
        at_least("test_loss_rise", m["test_loss_rise"], MIN_LOSS_RISE),
        at_most("best_epoch_share", m["best_epoch_share"], MAX_BEST_EPOCH_SHARE),
    ]


def demo(run: Run) -> None:
    """A big MLP on 100 noisy points: training accuracy climbs past what fresh data allows."""
    train_set, test_set = noisy_xor_sample(run.seed)
    model = overparameterized_mlp()
    run.say(
        f"100 noisy XOR points, an MLP with {model.count_params():,} parameters; no classifier "
        f"can expect more than {bayes_accuracy():.3f} accuracy on fresh points from this source…"
    )
    history = train(run, model, train_set, test_set)

    m = measure_overfitting(model, history, train_set, test_set)
    run.say(
        f"Test loss was lowest at epoch {m['best_epoch']} of {run.epochs} "
        f"({m['best_test_loss']:.3f}) and ended at {m['test_loss']:.3f}: early stopping "
        "would have kept the weights of that epoch."
    )
    run.metrics({k: m[k] for k in ("train_accuracy", "test_accuracy", "train_loss", "test_loss")})
    run.claim(
        f"On 100 noisy XOR points a {model.count_params():,}-parameter MLP overfits: training "
        "accuracy exceeds test accuracy by >= {accuracy_gap}, it reproduces >= {noise_fitted:.0%} "
        "of the off-pattern (noise) labels, and its test loss ends at >= {test_loss_rise}x its "
        "minimum, which it reached within the first {best_epoch_share:.0%} of training.",
        claim_parts(m),
        train_accuracy=m["train_accuracy"],
        test_accuracy=m["test_accuracy"],
        bayes_accuracy=bayes_accuracy(),
        best_epoch=m["best_epoch"],
        best_test_loss=m["best_test_loss"],
        final_test_loss=m["test_loss"],
        parameters=model.count_params(),
    )
    run.decision_surface("decision_surface/overfit_mlp", model, extent=2.5)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: whether the net scored clearly better on its
    own points (accuracy_gap) and whether its test loss ended well above its minimum (test_loss_rise)."""
    parts = recorded_parts(claim)
    gap, rise = parts["accuracy_gap"], parts["test_loss_rise"]
    if held_on_some_seeds(gap, rise):
        return "D"
    if gap["mean"] < 0.02:
        return "A"
    return "B" if rise["mean"] >= 1.1 else "C"
