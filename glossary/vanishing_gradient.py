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
and the 10-layer one again with ReLU and He initialisation, on the digits by plain SGD. The
shallow sigmoid net reaches 0.89 test accuracy; the deep one stays at chance (0.10), and its
first layer's weights change by 6 × 10⁻⁶ of their size, 77,000 times less than its last hidden
layer's. The deep ReLU net reaches 0.92, and its first layer moves more than its last.

## See also
- **backpropagation**: where the long product of derivatives comes from
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
ALIASES = (
    "exploding gradient",
    "vanishing gradient problem",
    "exploding gradient problem",
    "gradient clipping",
)

DEMO = {
    "steps_per_execution": 8,
    "epochs": 10, "batch_size": 32, "learning_rate": 0.5, "datasets": ("digits", "mnist"),
    "global_batch": "plain SGD at step size 0.5 is near the edge for the deep ReLU net, and the doubled rate overshoots it",
    "quick": {"epochs": 5},
}

__all__ = ["relative_change_by_layer"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.mlp import mlp


def relative_change_by_layer(before, after):
    """‖W_after − W_before‖ / ‖W_before‖ for each kernel: how much training rewrote each layer.

    With plain SGD a layer's weights move by the learning rate times its gradients, so a layer
    whose gradients vanish stays where it started, however long the training.

    Example:
        >>> [round(c, 2) for c in relative_change_by_layer([np.ones((2, 2))], [np.full((2, 2), 1.5)])]
        [0.5]
    """
    return [float(np.linalg.norm(np.asarray(b) - np.asarray(a)) / np.linalg.norm(a))
            for a, b in zip(before, after)]


# --- the demo --------------------------------------------------------------------------------

DEEP, SHALLOW = 10, 2  # hidden layers


def _kernels(model):
    return [ops.convert_to_numpy(layer.kernel).copy() for layer in model.layers
            if isinstance(layer, keras.layers.Dense)]


def _train(run, split, depth, activation, name=None, learning_rate=None, initializer="glorot_uniform"):
    """Train an MLP of `depth` hidden layers of 32 units by plain SGD; (test accuracy, changes)."""
    model = mlp(split.input_shape, hidden=(32,) * depth, outputs=split.num_classes,
                activation=activation, output_activation="softmax", kernel_initializer=initializer)
    start = _kernels(model)
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"], optimizer="sgd",
                learning_rate=learning_rate)
    run.fit(model, split.x_train, split.y_train, validation_data=(split.x_test, split.y_test), name=name)
    accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0, return_dict=True)["accuracy"])
    return accuracy, relative_change_by_layer(start, _kernels(model))


def demo(run):
    """In a deep sigmoid net the first layers barely move and nothing is learned; shallow is fine."""
    split = data.load_images(run.settings.dataset)
    if len(split.x_train) > 4000:
        split = split.subset(2000 if run.quick else 4000, 1000)
    run.say(f"Plain SGD, {split.name}: sigmoid MLPs with {SHALLOW} and {DEEP} hidden layers of 32 units…")
    shallow_accuracy, shallow_change = _train(run, split, SHALLOW, "sigmoid", name=f"sigmoid-{SHALLOW}-layers")
    deep_accuracy, deep_change = _train(run, split, DEEP, "sigmoid")
    run.say(f"…and the {DEEP}-layer net with ReLU and He initialisation (steps 10x smaller: at the "
            "sigmoid's rate it diverges).")
    relu_accuracy, relu_change = _train(run, split, DEEP, "relu", name=f"relu-{DEEP}-layers",
                                        learning_rate=run.learning_rate / 10, initializer="he_normal")
    for layer in range(DEEP + 1):  # TensorBoard: weight_change/*, x = layer (1 = next to the input)
        values = {"sigmoid_deep": deep_change[layer], "relu_deep": relu_change[layer]}
        if layer <= SHALLOW:
            values["sigmoid_shallow"] = shallow_change[layer]
        run.scalars(values, step=layer + 1, prefix="weight_change")
    rows = [(f"sigmoid, {SHALLOW} layers", shallow_accuracy, shallow_change),
            (f"sigmoid, {DEEP} layers", deep_accuracy, deep_change),
            (f"ReLU, {DEEP} layers", relu_accuracy, relu_change)]
    run.text("weight_change", "| network | test accuracy | first layer's change | last hidden layer's change |\n"
             "|---|---|---|---|\n" + "\n".join(f"| {name} | {acc:.3f} | {change[0]:.1e} | {change[-2]:.1e} |"
                                              for name, acc, change in rows))
    for name, acc, change in rows:
        run.say(f"  {name}: test accuracy {acc:.3f}; relative weight change, layer 1 {change[0]:.1e}, "
                f"last hidden {change[-2]:.1e}")
    deep_ratio = deep_change[-2] / deep_change[0]  # last hidden layer over first
    relu_ratio = relu_change[-2] / relu_change[0]
    run.metrics({"test_accuracy_sigmoid_shallow": shallow_accuracy, "test_accuracy_sigmoid_deep": deep_accuracy,
                 "test_accuracy_relu_deep": relu_accuracy})
    run.claim(
        f"Trained by plain SGD, a {DEEP}-layer sigmoid MLP stays near chance (<= 0.3 test accuracy) "
        f"and its first layer moves >= 1000x less than its last hidden layer, while {SHALLOW} layers "
        f"of the same units learn (>= 0.5, five times chance) and so do {DEEP} ReLU layers, with "
        "every layer moving (last/first <= 30).",
        verdict=(deep_accuracy <= 0.3 and deep_ratio >= 1000 and shallow_accuracy >= 0.5
                 and relu_accuracy >= 0.5 and relu_ratio <= 30),
        sigmoid_deep_accuracy=deep_accuracy, sigmoid_shallow_accuracy=shallow_accuracy,
        relu_deep_accuracy=relu_accuracy, sigmoid_deep_last_over_first=deep_ratio,
        relu_deep_last_over_first=relu_ratio, sigmoid_deep_first_layer_change=deep_change[0],
    )
