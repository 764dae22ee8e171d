"""The vanishing gradient problem is the tendency of error signals to shrink toward zero as
backpropagation carries them back through many layers or time steps, so early layers barely learn;
when the signal grows instead, it is an exploding gradient.

## Intuition
Backpropagation sends blame from the output toward the input, and every layer it crosses scales
that blame by a local slope. Think of a photocopy of a photocopy: if each copy is a little fainter,
after ten copies the page is blank, and the first layers stay near their random starting weights
however long you train. If each copy is a little darker, the page turns black: gradients explode
and one update can wreck the weights.

## The math
Take a chain of single units a_k = σ(z_k), z_k = w_k a_(k−1) + b_k. By the chain rule

∂L/∂a_0 = ∂L/∂a_m × ∏ (k = 1..m) w_k σ′(z_k)

The sigmoid's slope σ′(z) = σ(z)(1 − σ(z)) is at most 0.25 (at z = 0). With |w_k| ≤ 1 each
factor |w_k σ′(z_k)| is at most 0.25, so ten layers multiply the gradient by at most
0.25¹⁰ ≈ 9.5 × 10⁻⁷: it shrinks at least about a millionfold. If each
factor were 1.5 instead, thirty layers would multiply it by 1.5^30 ≈ 190,000. With vectors the
factors become Jacobians diag(σ′(z_k)) W_k and their singular values play the same role. A
recurrent net suffers the same way along time, since it reuses one matrix at every step.

## Remedies
- ReLU: slope exactly 1 for positive inputs, so active paths do not shrink the signal.
- Careful initialization: scale random weights to keep signal variance steady, e.g.
  Var(w) = 2 / (n_in + n_out) (Glorot) or 2 / n_in for ReLU layers (He).
- LSTM and GRU gating: an additive state path whose derivative can stay near 1.
- Residual links: y = x + F(x) has Jacobian I + ∂F/∂x, so the identity part always passes the
  gradient through.
- Gradient clipping, for explosion: if the norm ‖g‖ exceeds a threshold τ, use g × τ / ‖g‖.

## Try it
`nutshell demo vanishing-gradient` trains sigmoid MLPs with 2 and 10 hidden layers of 32 units,
and the 10-layer one again with ReLU and He initialisation, on the digits by plain SGD (at 0.5
for the sigmoid nets, 0.05 for the ReLU one, which diverges at 0.5). With `--quick` (8 epochs,
seeds 0-4) the shallow sigmoid net reaches 0.83-0.89 test accuracy; the deep one stays at chance
(0.10), and its first layer's weights change by 5 × 10⁻⁶ to 10⁻⁵ of their size, 34,000-79,000
times less than its last hidden layer's. The deep ReLU net reaches 0.70-0.93, and its first layer
moves more than its last. Make the "deep" net as shallow as the other and the claim fails.

## See also
- **exploding-gradient**: the same product growing instead, and clipping
- **sigmoid**: whose small slope makes vanishing likely
- **relu**: the activation that largely sidesteps it
- **lstm**: gating that keeps gradients alive across time
- **rnn**: where the problem is sharpest
- **weight-initialization**: a starting scale that keeps gradients usable

## Sources
- [raschka]
- [overview]
- [bengio1994]
- [glorot2010]
- [pascanu2013]
- [he2016]
"""

TITLE = "Vanishing Gradient"
ALIASES = ("vanishing gradient problem",)

DEMO = {
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 0.5,
    "datasets": ("digits", "mnist"),
    "quick": {"epochs": 8},  # 5 left the learning nets' accuracy to chance: see RATES
    "ignores": {
        "learning_rate": "each network trains by plain SGD at the rate that suits its "
        "activation (sigmoid 0.5; ReLU with He's start 0.05, as at 0.5 it "
        "diverges), so no single rate given here could apply to all three"
    },
}

PREREQUISITES = ("backpropagation", "sigmoid")

PREDICT = {
    "question": "Sigmoid MLPs with 2 and with 10 hidden layers of 32 units each are trained on the "
    "digits by plain SGD at the same rate. How does the 10-layer net do on the test set?",
    "options": {
        "A": "it stays near chance, while the 2-layer net learns",
        "B": "it learns at least as well as the 2-layer net: more layers, more capacity",
        "C": "it learns, though less well than the 2-layer net",
        "D": "neither net gets beyond chance",
        "E": "it depends on the seed",
    },
    "why": "Think of a photocopy of a photocopy: if each copy is a little fainter, after ten copies the "
    "page is blank, and the first layers stay near their random starting weights however long "
    "you train.",
}

RECALL = (
    {
        "question": "What is the largest value the sigmoid's slope σ′(z) can take?",
        "options": {"A": "1", "B": "0.5", "C": "0.25", "D": "0.1"},
        "answer": "C",
        "why": "The sigmoid's slope σ′(z) = σ(z)(1 − σ(z)) is at most 0.25 (at z = 0).",
    },
)

__all__ = ["relative_change_by_layer"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp


def relative_change_by_layer(before, after) -> list[float]:
    """‖W_after − W_before‖ / ‖W_before‖ for each kernel: how much training rewrote each layer.

    With plain SGD a layer's weights move by the learning rate times its gradients, so a layer
    whose gradients vanish stays where it started, however long the training.

    Example:
        >>> [round(c, 2) for c in relative_change_by_layer([np.ones((2, 2))], [np.full((2, 2), 1.5)])]
        [0.5]
    """
    return [float(np.linalg.norm(np.asarray(b) - np.asarray(a)) / np.linalg.norm(a)) for a, b in zip(before, after)]


# --- the demo --------------------------------------------------------------------------------

DEEP, SHALLOW = 10, 2  # hidden layers
# Plain-SGD rates, one per activation. On a validation split of the digits (--quick --held-out,
# seeds 100-102) no single rate served both: at 0.05-0.2 the 2-layer sigmoid net stayed at
# 0.10-0.25 accuracy after 5 epochs, and at 0.1-0.2 the 10-layer ReLU net fell to 0.15-0.61,
# where at 0.05 it reached 0.63-0.67. Even at these rates 5 epochs were a gamble (0.43-0.70 for
# the ReLU net, 0.53-0.54 for the shallow sigmoid net); after 8 epochs both were at 0.76-0.81,
# so --quick trains 8. There, with the bars below: the deep sigmoid net at 0.10 with its first
# layer moving 62,000-74,000x less than its last hidden one, the shallow one at 0.76-0.81, the
# ReLU net at 0.81-0.82 with last/first 0.43-0.47.
RATES = {"sigmoid": 0.5, "relu": 0.05}
_BARS = {
    "deep_sigmoid_accuracy": 0.3,
    "deep_sigmoid_last_over_first": 1000.0,
    "learned": 0.5,
    "relu_last_over_first": 30.0,
}


def _kernels(model):
    return [
        ops.convert_to_numpy(layer.kernel).copy() for layer in model.layers if isinstance(layer, keras.layers.Dense)
    ]


def _train(run: Run, split, depth: int, activation: str, initializer: str, name=None):
    """Train an MLP of `depth` hidden layers of 32 units by plain SGD at its activation's rate;
    returns (test accuracy, each layer's relative weight change)."""
    model = mlp(
        split.input_shape,
        hidden=(32,) * depth,
        outputs=split.num_classes,
        activation=activation,
        output_activation="softmax",
        kernel_initializer=initializer,
    )
    start = _kernels(model)
    run.compile(
        model,
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        optimizer=keras.optimizers.SGD(RATES[activation]),
    )
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)
    accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0, return_dict=True)["accuracy"])
    return accuracy, relative_change_by_layer(start, _kernels(model))


def claim_parts(
    deep_accuracy: float, deep_ratio: float, shallow_accuracy: float, relu_accuracy: float, relu_ratio: float
) -> list[Part]:
    """The deep sigmoid net learns nothing and its first layer hardly moves; the shallow sigmoid
    net and the deep ReLU net learn, every layer of the latter moving."""
    return [
        at_most("sigmoid_deep_accuracy", deep_accuracy, _BARS["deep_sigmoid_accuracy"]),
        at_least("sigmoid_deep_last_over_first", deep_ratio, _BARS["deep_sigmoid_last_over_first"]),
        at_least("sigmoid_shallow_accuracy", shallow_accuracy, _BARS["learned"]),
        at_least("relu_deep_accuracy", relu_accuracy, _BARS["learned"]),
        at_most("relu_deep_last_over_first", relu_ratio, _BARS["relu_last_over_first"]),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows. A net "learns" when its test accuracy is
    above the deep net's near-chance bar (30%); E if either net's accuracy bar held on some seeds
    only."""
    parts = recorded_parts(claim)
    deep, shallow = parts["sigmoid_deep_accuracy"], parts["sigmoid_shallow_accuracy"]
    if held_on_some_seeds(deep, shallow):
        return "E"
    chance = deep["bar"]
    if deep["mean"] > chance:
        return "B" if deep["mean"] >= shallow["mean"] else "C"
    return "A" if shallow["mean"] > chance else "D"


def demo(run: Run) -> None:
    """In a deep sigmoid net the first layers barely move and nothing is learned; shallow is fine."""
    split = run.load_images(quick=(2000, 1000))
    if not run.quick and len(split.x_train) > 4000:
        split = split.subset(4000, 1000)
    run.say(
        f"Plain SGD at {RATES['sigmoid']:g}, {split.name}: sigmoid MLPs with {SHALLOW} and {DEEP} "
        "hidden layers of 32 units…"
    )
    shallow_accuracy, shallow_change = _train(
        run, split, SHALLOW, "sigmoid", "glorot_uniform", name=f"sigmoid-{SHALLOW}-layers"
    )
    deep_accuracy, deep_change = _train(run, split, DEEP, "sigmoid", "glorot_uniform")
    run.say(
        f"…and the {DEEP}-layer net with ReLU and He initialisation (plain SGD at {RATES['relu']:g}: "
        f"at {RATES['sigmoid']:g} it diverges)."
    )
    relu_accuracy, relu_change = _train(run, split, DEEP, "relu", "he_normal", name=f"relu-{DEEP}-layers")
    for layer in range(DEEP + 1):  # TensorBoard: weight_change/*, x = layer (1 = next to the input)
        values = {"sigmoid_deep": deep_change[layer], "relu_deep": relu_change[layer]}
        if layer <= SHALLOW:
            values["sigmoid_shallow"] = shallow_change[layer]
        run.scalars(values, step=layer + 1, prefix="weight_change")
    run.say(
        run.table(
            "weight_change",
            ["network", "test accuracy", "first layer's change", "last hidden layer's change"],
            [
                [f"sigmoid, {SHALLOW} layers", shallow_accuracy, shallow_change[0], shallow_change[-2]],
                [f"sigmoid, {DEEP} layers", deep_accuracy, deep_change[0], deep_change[-2]],
                [f"ReLU, {DEEP} layers", relu_accuracy, relu_change[0], relu_change[-2]],
            ],
        )
    )
    deep_ratio = deep_change[-2] / deep_change[0]  # last hidden layer over first
    relu_ratio = relu_change[-2] / relu_change[0]
    run.metrics(
        {
            "test_accuracy_sigmoid_shallow": shallow_accuracy,
            "test_accuracy_sigmoid_deep": deep_accuracy,
            "test_accuracy_relu_deep": relu_accuracy,
        }
    )
    run.claim(
        f"Trained by plain SGD, a {DEEP}-layer sigmoid MLP stays near chance (<= "
        "{sigmoid_deep_accuracy:.0%} test accuracy) and its first layer moves >= "
        "{sigmoid_deep_last_over_first:g}x less than its last hidden layer, while "
        f"{SHALLOW} layers of the same units learn (>= {{sigmoid_shallow_accuracy:.0%}}) and so do {DEEP} "
        "ReLU layers (>= {relu_deep_accuracy:.0%}), with every layer moving (last/first <= "
        "{relu_deep_last_over_first:g}).",
        claim_parts(deep_accuracy, deep_ratio, shallow_accuracy, relu_accuracy, relu_ratio),
        sigmoid_deep_first_layer_change=deep_change[0],
    )
