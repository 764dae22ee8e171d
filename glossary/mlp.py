"""A multilayer perceptron (MLP) is a feedforward network of fully connected layers: the input,
one or more hidden layers of nonlinear units, and an output layer, trained end to end with
backpropagation.

## Intuition
The name is historical and a little misleading. An MLP is not a pile of Rosenblatt perceptrons:
its units use smooth or piecewise-linear activations (sigmoid, tanh, ReLU) instead of a hard step,
because training needs gradients. What it keeps from the perceptron is the idea of weighted sums,
now arranged in layers where every unit sees every output of the layer below.

The hidden layers are what make it more than logistic regression. Each one re-describes the input in
new features, and the output layer then only has to draw simple boundaries in that new space. That
is how an MLP solves XOR, which no single unit can. In theory one hidden layer with enough units can
approximate any continuous function on a bounded region as closely as desired (Cybenko proved it for
sigmoids; Hornik then for any continuous, bounded, nonconstant activation, so the layering does it,
not the particular function). Bounded is enough but not needed: what the activation must not be is
a polynomial (Leshno et al., 1993), which is why unbounded ReLU qualifies too. In practice extra
depth often reaches the same accuracy with far fewer units. For decades, though, deep MLPs were
hard to train, because gradients faded on their way back to the early layers.

## The math
With one hidden layer, activation f and output function g:

    h = f(W₁x + b₁),        ŷ = g(W₂h + b₂)

XOR with two ReLU hidden units: h₁ = relu(x₁ + x₂), h₂ = relu(x₁ + x₂ − 1), ŷ = h₁ − 2h₂.
Check: (0,0) → 0 − 0 = 0; (1,0) and (0,1) → 1 − 0 = 1; (1,1) → 2 − 2·1 = 0.

Size of a 784 → 256 → 10 MLP for 28 × 28 images and 10 classes:
(784·256 + 256) + (256·10 + 10) = 200,960 + 2,570 = 203,530 parameters.

## Common confusions
"MLP", "feedforward network" and "fully connected network" are often used interchangeably. Strictly,
an MLP is the fully connected kind; a ConvNet is also feedforward but is not called an MLP.

## Try it
`nutshell demo mlp` fits f(x) = sin(πx) + 0.5·sin(2πx) on [−1, 1] with one hidden layer of 1, 2
and 8 tanh units (Adam on the full training set, 3,000 steps each). Seed 0: the test error, as a
share of f's variance, falls from 33% to 0.7% to 0.008%. Make the hidden units linear and the
claim fails: any number of them adds up to one straight line.

## See also
- **perceptron**: the single-unit ancestor of the name
- **layer**: input, hidden and output layers
- **fully-connected-layer**: the building block of an MLP
- **backpropagation**: how its weights are trained
- **vanishing-gradient**: why deep MLPs were once hard to train
- **neural-network**: the broader family

## Sources
- [raschka] — MLPs, hidden layers, vanishing gradients
- [overview] — universality with one hidden layer
- [rumelhart1986]
- [cybenko1989]
- [hornik1989]
- [hornik1991] — the result for any bounded, nonconstant activation
- [leshno1993] — any activation that is not a polynomial
"""

TITLE = "Multilayer perceptron (MLP)"
ALIASES = ("multilayer perceptron", "multilayer network", "fully connected network")

DEMO = {
    "steps_per_execution": 60,  # one call into the compiled loop per epoch of 60 steps
    "epochs": 50,
    "batch_size": 1024,
    "learning_rate": 0.02,
    "datasets": ("synthetic",),
    "quick": {"epochs": 20},
}

PREREQUISITES = ("layer",)

PREDICT = {
    "question": "One hidden layer of tanh units is fitted to the wavy curve sin(πx) + 0.5·sin(2πx) "
    "on [−1, 1], first with 1 unit, then 2, then 8, each trained the same way. What "
    "happens to the error on test points as units are added?",
    "options": {
        "A": "it drops by a large factor at each step",
        "B": "it drops from 1 to 2 units, then hardly changes",
        "C": "it hardly changes: a single tanh unit already follows the curve",
        "D": "it depends on the seed",
    },
    "why": "In theory one hidden layer with enough units can approximate any continuous function on "
    "a bounded region as closely as desired (Cybenko proved it for sigmoids; Hornik then for "
    "any continuous, bounded, nonconstant activation, so the layering does it, not the "
    "particular function). In practice extra depth often reaches the same accuracy with far "
    "fewer units.",
}

RECALL = (
    {
        "question": "How many parameters, weights and biases together, does a 784 → 256 → 10 MLP have?",
        "options": {"A": "203,264", "B": "203,530", "C": "200,960", "D": "2,570"},
        "answer": "B",
        "why": "Size of a 784 → 256 → 10 MLP for 28 × 28 images and 10 classes: (784·256 + 256) + "
        "(256·10 + 10) = 200,960 + 2,570 = 203,530 parameters.",
    },
)

__all__ = ["mlp", "hidden_outputs", "bumpy_function"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
from collections.abc import Callable, Sequence

import keras
import numpy as np

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds
from nutshell.glossary._run import Run


def mlp(
    input_shape: Sequence[int],
    hidden: Sequence[int],
    outputs: int,
    activation: str | Callable = "relu",
    output_activation: str | Callable | None = None,
    kernel_initializer: str | keras.initializers.Initializer = "glorot_uniform",
    bias_initializer: str | keras.initializers.Initializer = "zeros",
    *,
    kernel_regularizer: keras.regularizers.Regularizer | None = None,
    after_hidden: Callable[[], keras.layers.Layer] | None = None,
    before: Sequence[keras.layers.Layer] = (),
    name: str | None = None,
) -> keras.Sequential:
    """A multilayer perceptron: the input, `hidden` fully connected layers, one output layer.

    Images are flattened first, so the same builder serves a 1-D function, points in the plane
    and the digits. Every hidden layer is `keras.layers.Dense(units, activation)`: a' = f(aW + b).
    It is the one builder every fully connected demo shares, so each of them changes one thing on
    purpose: a weight penalty (regularization), a layer after every hidden one (dropout), layers
    before the network sees the input (data augmentation), the widths (deep learning).

    Args:
        input_shape: the shape of one example, e.g. (1,) or (8, 8, 1).
        hidden: the width of each hidden layer, input side first; () gives no hidden layer, which
            is logistic regression (or, with a softmax output, its multi-class form).
        outputs: units in the output layer.
        activation: the hidden layers' nonlinearity, any Keras activation name.
        output_activation: None for raw scores or a regression output, "sigmoid", "softmax".
        kernel_initializer, bias_initializer: how the hidden layers' weights start
            ("glorot_uniform", "he_normal", ...); the output layer keeps Keras's defaults.
        kernel_regularizer: a penalty on every kernel, the output layer's too (biases are spared).
        after_hidden: a function returning a fresh layer to insert after each hidden layer.
        before: layers applied to the raw input, before it is flattened.

    Input shape: (batch, *input_shape). Output shape: (batch, outputs).

    Example:
        >>> model = mlp((8, 8, 1), hidden=(32, 16), outputs=10, output_activation="softmax")
        >>> [layer.name for layer in model.layers]
        ['flatten', 'hidden_1', 'hidden_2', 'output']
        >>> model.count_params()  # (64·32 + 32) + (32·16 + 16) + (16·10 + 10)
        2778
    """
    if any(not isinstance(units, int) or units < 1 for units in hidden):
        raise ValueError(f"hidden widths must be positive integers, not {tuple(hidden)!r}")
    layers = [keras.Input(tuple(input_shape)), *before]
    if len(input_shape) > 1:
        layers.append(keras.layers.Flatten(name="flatten"))
    for index, units in enumerate(hidden, start=1):
        layers.append(
            keras.layers.Dense(
                units,
                activation=activation,
                name=f"hidden_{index}",
                kernel_initializer=kernel_initializer,
                bias_initializer=bias_initializer,
                kernel_regularizer=kernel_regularizer,
            )
        )
        if after_hidden is not None:
            layers.append(after_hidden())
    layers.append(
        keras.layers.Dense(outputs, activation=output_activation, name="output", kernel_regularizer=kernel_regularizer)
    )
    return keras.Sequential(layers, name=name)


def hidden_outputs(model: keras.Model, x) -> list[np.ndarray]:
    """What each hidden layer of an `mlp` outputs for inputs x: a list of (examples, units) arrays.

    Example:
        >>> model = mlp((3,), hidden=(4, 2), outputs=1)
        >>> [a.shape for a in hidden_outputs(model, np.zeros((5, 3)))]
        [(5, 4), (5, 2)]
    """
    layers = [layer for layer in model.layers if layer.name.startswith("hidden_")]
    probe = keras.Model(model.inputs, [layer.output for layer in layers])
    outputs = probe.predict(np.asarray(x), verbose=0)
    return [np.asarray(a) for a in (outputs if isinstance(outputs, (list, tuple)) else [outputs])]


def bumpy_function(x: np.ndarray) -> np.ndarray:
    """The 1-D target of the demo on [-1, 1]: f(x) = sin(πx) + 0.5·sin(2πx).

    A hump, a dip and a lopsided shoulder: continuous and bounded, the kind of function the
    universal approximation theorem covers, with more bends than one or two tanh units can follow.
    """
    return np.sin(np.pi * x) + 0.5 * np.sin(2 * np.pi * x)


# --- the demo --------------------------------------------------------------------------------

WIDTHS = (1, 2, 8)
ACTIVATION = "tanh"  # the hidden units' nonlinearity: what lets more units follow more bends
STEPS_PER_EPOCH = 60  # full-batch steps per epoch: with one, the per-epoch logging would cost most

# The bars, chosen on seeds 100-109 in quick mode (20 epochs): one unit left 33-100% of the
# variance, eight units 0.01-0.08%. The middle width is shown, not claimed: on one of those seeds
# two units got stuck where one unit ends (a ratio of 1.00), so "every unit added helps" would be
# a claim about luck.
MIN_ONE_UNIT_ERROR, MAX_WIDEST_ERROR = 0.20, 0.001


def _fit_one_hidden_layer(run: Run, width: int, train, test) -> keras.Model:
    """One hidden layer of `width` units fitted to the function by full-batch steps.

    Each step uses all 1,024 training points (the batch size is the whole set): a smooth 1-D fit
    goes much further with exact gradients than with noisy mini-batch ones in the same time.
    """
    # Slopes and offsets drawn from [-3, 3] put each unit's bend somewhere on [-1, 1] from the
    # start; Keras's default (small slopes, zero offsets) leaves every unit nearly linear and
    # centred on 0, and wider layers then take far longer to spread out.
    # (Unseeded: the run seeds Keras's global generator, and one seeded initializer used twice
    # would give every unit the same slope as offset.)
    model = mlp(
        (1,),
        hidden=(width,),
        outputs=1,
        activation=ACTIVATION,
        kernel_initializer=keras.initializers.RandomUniform(-3.0, 3.0),
        bias_initializer=keras.initializers.RandomUniform(-3.0, 3.0),
    )
    run.compile(model, loss="mse")
    x, y = (np.tile(a, (STEPS_PER_EPOCH, 1)) for a in train)  # consecutive copies of the set
    run.fit(
        model,
        x,
        y,
        validation_data=test,
        shuffle=run.batch_size < len(train[0]),
        name=None if width == WIDTHS[-1] else f"width-{width}",
    )
    return model


def measure(models: dict[int, keras.Model], test) -> dict[int, float]:
    """Each model's test error as a share of the function's variance: 1 for the best constant,
    0 for a perfect fit."""
    x, y = test
    return {
        width: float(np.mean((model.predict(x, verbose=0) - y) ** 2) / np.var(y)) for width, model in models.items()
    }


def claim_parts(shares: dict[int, float]) -> list[Part]:
    """One unit cannot follow the curve (it leaves a large share of the variance); the widest
    layer gets within a tiny share of it."""
    return [
        at_least(f"relative_error_{WIDTHS[0]}_unit", shares[WIDTHS[0]], MIN_ONE_UNIT_ERROR),
        at_most(f"relative_error_{WIDTHS[-1]}_units", shares[WIDTHS[-1]], MAX_WIDEST_ERROR),
    ]


def demo(run: Run) -> None:
    """One hidden layer approximates a 1-D function better and better as it grows."""
    rng = np.random.default_rng(run.seed)
    x_train = rng.uniform(-1, 1, (1024, 1)).astype("float32")
    x_test = np.linspace(-1, 1, 401, dtype="float32")[:, None]
    train, test = (x_train, bumpy_function(x_train)), (x_test, bumpy_function(x_test))
    models = {}
    for width in WIDTHS:
        run.say(f"One hidden layer of {width} {ACTIVATION} unit{'s' if width > 1 else ''}…")
        models[width] = _fit_one_hidden_layer(run, width, train, test)

    shares = measure(models, test)
    run.say(
        run.table(
            "approximation",
            ["hidden units", "test error, share of f's variance"],
            [[width, f"{share:.3%}"] for width, share in shares.items()],
        )
    )
    run.metrics({f"relative_error_width_{width}": share for width, share in shares.items()})
    run.claim(
        f"One hidden layer approximates f(x) = sin(πx) + 0.5·sin(2πx) better as {ACTIVATION} units "
        f"are added: with {WIDTHS[0]} unit the test error is >= "
        f"{{relative_error_{WIDTHS[0]}_unit:.0%}} of f's variance, with {WIDTHS[-1]} units <= "
        f"{{relative_error_{WIDTHS[-1]}_units:.1%}}.",
        claim_parts(shares),
        **{f"relative_error_{width}_units": shares[width] for width in WIDTHS[1:-1]},
    )
    curves = {width: model.predict(x_test, verbose=0) for width, model in models.items()}
    for step in range(0, len(x_test), 4):  # TensorBoard: fit/*, x = position on [-1, 1] (0..100)
        run.scalars(
            {"target": float(test[1][step, 0]), **{f"width_{w}": float(curves[w][step, 0]) for w in WIDTHS}},
            step=step // 4,
            prefix="fit",
        )


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: how much each wider layer cut the test error
    (the mean relative errors at 1, 2 and 8 units), "a large factor" being at least halving it."""
    errors = [claim["numbers"][f"relative_error_{w}_unit{'s' if w > 1 else ''}"] for w in WIDTHS]
    if held_on_some_seeds(claim):
        return "D"
    first, second = (a / max(b, 1e-12) for a, b in zip(errors, errors[1:]))
    if first < 2.0:
        return "C"
    return "A" if second >= 2.0 else "B"
