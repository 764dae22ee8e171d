"""The hyperbolic tangent, tanh(z), squashes any real number into (−1, 1); it is a sigmoid
stretched and shifted to be centred on zero, and it was the usual hidden-layer activation
before ReLU.

## Intuition
tanh has the same S shape as the sigmoid, but its outputs run from −1 to 1 and it passes through
the origin. That symmetry matters: a layer of tanh units produces outputs that average near zero,
so the next layer sees inputs of both signs and its weights can move in different directions
during one update. With the all-positive sigmoid, the gradients for all weights into a unit share
a sign, which makes learning zig-zag.

It still saturates. For inputs beyond about ±3 the curve is nearly flat, the slope is close to
zero, and gradients fade as they travel back through many tanh layers. Today tanh lives on mainly
inside recurrent networks: a plain RNN updates its hidden state through tanh, and LSTM and GRU
units use it for the candidate values they write into memory.

## The math
tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1, where σ is the logistic sigmoid.
It is odd: tanh(−z) = −tanh(z), and tanh(0) = 0.
Slope: tanh'(z) = 1 − tanh²(z), equal to 1 at z = 0, four times the sigmoid's peak of 0.25.

Numbers: tanh(1) ≈ 0.762, tanh(2) ≈ 0.964, and tanh'(2) = 1 − 0.964² ≈ 0.071, so by z = 2
the slope has already fallen by more than 90% from its peak.

## Picture
```text
 tanh(z)
  1 ┤                         ●●●●●●●●●●
    │                    ●●●●
  0 ┼ - - - - - - - - ●- - - - - - - - -
    │            ●●●●
 −1 ┤●●●●●●●●●●●
    └────────────────┼────────────────── z
   −4                0                  4
```

## Try it
`nutshell demo tanh` trains one hidden layer of 64 units on the digits by plain SGD, once with the
sigmoid and once with tanh. In quick mode on seeds 0-4 the tanh layer's outputs averaged −0.03 to
0.02 against the sigmoid's 0.47 to 0.49; after 2 epochs the tanh network was at 0.89-0.92 test
accuracy and the sigmoid one at 0.42-0.60 (0.94-0.95 against 0.71-0.82 after 5). The demo does
not separate the two causes: tanh is centred, and it is four times steeper at 0.

## See also
- **activation**: the family it belongs to
- **sigmoid**: the same curve squeezed into (0, 1)
- **relu**: the non-saturating replacement
- **vanishing-gradient**: why its flat tails hurt deep nets
- **rnn**: where tanh still drives the hidden state
- **lstm**: tanh for candidate values, sigmoid for gates

## Sources
- [lecun2015]
- [raschka] — hyperbolic tangent units in MLPs
- [lecun1998backprop]
"""

TITLE = "Tanh"
ALIASES = ("hyperbolic tangent", "tanh function", "tanh activation")

DEMO = {
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 0.1,
    "datasets": ("digits", "mnist"),
    "quick": {"epochs": 5},
}

PREREQUISITES = ("activation", "sigmoid")

PREDICT = {
    "question": "One hidden layer of 64 units is trained on digit images by plain SGD, once with "
    "sigmoid units and once with tanh units; nothing else differs. After two epochs, which "
    "network classifies more of the test digits correctly?",
    "options": {
        "A": "the tanh network, by a wide margin",
        "B": "the sigmoid network",
        "C": "neither: they are within a few points of each other",
        "D": "it depends on the seed",
    },
    "why": "That symmetry matters: a layer of tanh units produces outputs that average near zero, so the "
    "next layer sees inputs of both signs and its weights can move in different directions "
    "during one update. With the all-positive sigmoid, the gradients for all weights into a "
    "unit share a sign, which makes learning zig-zag. Slope: tanh'(z) = 1 − tanh²(z), equal to "
    "1 at z = 0, four times the sigmoid's peak of 0.25.",
}

RECALL = (
    {
        "question": "tanh has slope 1 at z = 0. Roughly what is its slope at z = 2?",
        "options": {"A": "0.07", "B": "0.5", "C": "0.96", "D": "0.25"},
        "answer": "A",
        "why": "Numbers: tanh(1) ≈ 0.762, tanh(2) ≈ 0.964, and tanh'(2) = 1 − 0.964² ≈ 0.071, so by z = 2 "
        "the slope has already fallen by more than 90% from its peak.",
    },
    {
        "question": "How can tanh(z) be written with the logistic sigmoid σ?",
        "options": {"A": "2σ(2z) − 1", "B": "σ(z) − 0.5", "C": "2σ(z)", "D": "σ(z)²"},
        "answer": "A",
        "why": "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1, where σ is the logistic sigmoid.",
    },
)

__all__ = ["tanh_from_sigmoid"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.activation import sigmoid
from nutshell.glossary.mlp import hidden_outputs, mlp


def tanh_from_sigmoid(z):
    """tanh(z) = 2σ(2z) − 1: the sigmoid stretched to (−1, 1) and centred on 0.

    Example:
        >>> from keras import ops
        >>> np.round(ops.convert_to_numpy(tanh_from_sigmoid(np.array([-1.0, 0.0, 2.0]))), 3)
        array([-0.762,  0.   ,  0.964], dtype=float32)
    """
    return 2.0 * sigmoid(2.0 * np.asarray(z, dtype="float32")) - 1.0


# --- the demo --------------------------------------------------------------------------------

EARLY = 2  # the epoch at which the two networks are compared
CONTENDER = "tanh"  # the activation raced against the sigmoid
# The bars, chosen with `--held-out` (a validation split of the digits' training images) on seeds
# 100-102, quick mode: tanh's mean output was 0.001-0.025 in size, the sigmoid's 0.492-0.495;
# after 2 epochs tanh scored 0.855-0.900 and the sigmoid 0.476-0.501. FAST is the worst tanh
# score divided by 1.07 and rounded down, so a run as slow as the slowest seen clears it by 7%.
CENTRED, NOT_CENTRED, FAST, SLOW = 0.15, 0.35, 0.79, 0.70


def _race(run: Run, split, activation: str, name: str | None = None) -> tuple[list[float], float]:
    """One hidden layer of 64 units, plain SGD; returns (test accuracy per epoch, mean output)."""
    model = mlp(
        split.input_shape, hidden=(64,), outputs=split.num_classes, activation=activation, output_activation="softmax"
    )
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"], optimizer="sgd")
    history = run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)
    return list(history["val_accuracy"]), float(np.mean(hidden_outputs(model, split.x_train)[0]))


def claim_parts(tanh_mean: float, sigmoid_mean: float, tanh_early: float, sigmoid_early: float) -> list[Part]:
    """tanh's outputs are centred and the sigmoid's are not; tanh is well ahead early on."""
    return [
        at_most("tanh_mean_output_magnitude", abs(tanh_mean), CENTRED),
        at_least("sigmoid_mean_output", sigmoid_mean, NOT_CENTRED),
        at_least("tanh_accuracy_early", tanh_early, FAST),
        at_most("sigmoid_accuracy_early", sigmoid_early, SLOW),
    ]


# How close the two early accuracies must be for PREDICT's "neither" (option C).
SAME_WITHIN = 0.03


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which network was ahead early on.

    Reads the early test accuracies the claim measured (its parts `tanh_accuracy_early` and
    `sigmoid_accuracy_early`); within SAME_WITHIN of each other is "neither". "D" when either part
    held on some seeds and not on others.
    """
    parts = recorded_parts(claim)
    tanh_early, sigmoid_early = parts["tanh_accuracy_early"], parts["sigmoid_accuracy_early"]
    if held_on_some_seeds(tanh_early, sigmoid_early):
        return "D"
    lead = tanh_early["mean"] - sigmoid_early["mean"]
    if abs(lead) <= SAME_WITHIN:
        return "C"
    return "A" if lead > 0 else "B"


def demo(run: Run) -> None:
    """tanh's zero-centred, steeper curve trains a hidden layer faster than the sigmoid's."""
    split = run.load_images(quick=(2000, 1000))
    results = {}
    for activation, name in (("sigmoid", "sigmoid"), (CONTENDER, None)):
        run.say(f"One hidden layer of 64 {activation} units on {split.name}, plain SGD…")
        results[name] = _race(run, split, activation, name)
    (sigmoid_curve, sigmoid_mean), (tanh_curve, tanh_mean) = results["sigmoid"], results[None]
    for epoch in range(run.epochs):  # TensorBoard: test_accuracy/*, x = epoch
        run.scalars(
            {"sigmoid": sigmoid_curve[epoch], "tanh": tanh_curve[epoch]}, step=epoch + 1, prefix="test_accuracy"
        )
    run.say(
        run.table(
            "race",
            ["hidden units", "mean output", *(f"epoch {e + 1}" for e in range(run.epochs))],
            [["sigmoid", sigmoid_mean, *sigmoid_curve], [CONTENDER, tanh_mean, *tanh_curve]],
        )
    )
    early = min(EARLY, run.epochs)
    run.metrics({"test_accuracy_sigmoid": sigmoid_curve[-1], "test_accuracy_tanh": tanh_curve[-1]})
    run.claim(
        "With the same plain SGD, tanh hidden units output about 0 on average (|mean| <= "
        "{tanh_mean_output_magnitude:.2f}) where sigmoid units output about 0.5 (>= "
        f"{{sigmoid_mean_output:.2f}}), and after {early} epoch(s) the tanh network is at >= "
        "{tanh_accuracy_early:.0%} test accuracy while the sigmoid one is still <= "
        "{sigmoid_accuracy_early:.0%}.",
        claim_parts(tanh_mean, sigmoid_mean, tanh_curve[early - 1], sigmoid_curve[early - 1]),
        tanh_mean_output=tanh_mean,
        tanh_accuracy_final=tanh_curve[-1],
        sigmoid_accuracy_final=sigmoid_curve[-1],
    )
