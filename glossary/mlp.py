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
not the particular function); in practice extra depth often reaches the same accuracy with far fewer
units. For decades, though, deep MLPs were hard to train, because gradients faded on their way back
to the early layers.

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
and 8 tanh units (Adam on the full training set, 3,000 steps each). The test error, as a share
of f's variance, falls from 33% to 0.7% to 0.008%. Given only 60 steps, the 8-unit network has
not yet put its units to use and the claim fails.

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
"""

TITLE = "Multilayer perceptron (MLP)"
ALIASES = ("multilayer perceptron", "multilayer network", "fully connected network")

DEMO = {
    "steps_per_execution": 60,  # one call into the compiled loop per epoch of 60 steps
    "epochs": 50, "batch_size": 1024, "learning_rate": 0.02, "datasets": ("synthetic",),
    "global_batch": "each step takes all 1,024 points once, and a bigger batch would only repeat them",
    "quick": {"epochs": 20},
}

__all__ = ["mlp", "hidden_outputs", "bumpy_function"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np


def mlp(input_shape, hidden, outputs, activation="relu", output_activation=None,
        kernel_initializer="glorot_uniform", bias_initializer="zeros", *, kernel_regularizer=None,
        after_hidden=None, before=(), name=None):
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
        layers.append(keras.layers.Dense(units, activation=activation, name=f"hidden_{index}",
                                         kernel_initializer=kernel_initializer,
                                         bias_initializer=bias_initializer,
                                         kernel_regularizer=kernel_regularizer))
        if after_hidden is not None:
            layers.append(after_hidden())
    layers.append(keras.layers.Dense(outputs, activation=output_activation, name="output",
                                     kernel_regularizer=kernel_regularizer))
    return keras.Sequential(layers, name=name)


def hidden_outputs(model, x):
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


def bumpy_function(x):
    """The 1-D target of the demo on [-1, 1]: f(x) = sin(πx) + 0.5·sin(2πx).

    A hump, a dip and a lopsided shoulder: continuous and bounded, the kind of function the
    universal approximation theorem covers, with more bends than one or two tanh units can follow.
    """
    return np.sin(np.pi * x) + 0.5 * np.sin(2 * np.pi * x)


# --- the demo --------------------------------------------------------------------------------

WIDTHS = (1, 2, 8)
STEPS_PER_EPOCH = 60  # full-batch steps per epoch: with one, the per-epoch logging would cost most


def _approximation_error(run, width, train, test):
    """Fit one hidden layer of `width` tanh units to the function; return the test MSE, the fit.

    Each step uses all 1,024 training points (the batch size is the whole set): a smooth 1-D fit
    goes much further with exact gradients than with noisy mini-batch ones in the same time.
    """
    # Slopes and offsets drawn from [-3, 3] put each unit's bend somewhere on [-1, 1] from the
    # start; Keras's default (small slopes, zero offsets) leaves every unit nearly linear and
    # centred on 0, and wider layers then take far longer to spread out.
    # (Unseeded: the run seeds Keras's global generator, and one seeded initializer used twice
    # would give every unit the same slope as offset.)
    model = mlp((1,), hidden=(width,), outputs=1, activation="tanh",
                kernel_initializer=keras.initializers.RandomUniform(-3.0, 3.0),
                bias_initializer=keras.initializers.RandomUniform(-3.0, 3.0))
    run.compile(model, loss="mse")
    x, y = (np.tile(a, (STEPS_PER_EPOCH, 1)) for a in train)  # consecutive copies of the set
    run.fit(model, x, y, validation_data=test, shuffle=run.batch_size < len(train[0]),
            name=None if width == WIDTHS[-1] else f"width-{width}")
    prediction = model.predict(test[0], verbose=0)
    return float(np.mean((prediction - test[1]) ** 2)), prediction


def demo(run):
    """One hidden layer approximates a 1-D function better and better as it grows."""
    rng = np.random.default_rng(run.seed)
    x_train = rng.uniform(-1, 1, (1024, 1)).astype("float32")
    x_test = np.linspace(-1, 1, 401, dtype="float32")[:, None]
    train, test = (x_train, bumpy_function(x_train)), (x_test, bumpy_function(x_test))
    variance = float(np.var(test[1]))
    errors, curves = {}, {}
    for width in WIDTHS:
        run.say(f"One hidden layer of {width} tanh unit{'s' if width > 1 else ''}…")
        errors[width], curves[width] = _approximation_error(run, width, train, test)
        run.say(f"  test MSE {errors[width]:.1e}, {errors[width] / variance:.2%} of the function's variance")
    relative = {width: error / variance for width, error in errors.items()}
    run.metrics({f"test_mse_width_{width}": error for width, error in errors.items()})
    for step in range(0, len(x_test), 4):  # TensorBoard: fit/*, x = position on [-1, 1] (0..100)
        run.scalars({"target": float(test[1][step, 0]),
                     **{f"width_{w}": float(curves[w][step, 0]) for w in WIDTHS}},
                    step=step // 4, prefix="fit")
    run.text("approximation", "| hidden units | test MSE | share of variance |\n|---|---|---|\n"
             + "\n".join(f"| {w} | {errors[w]:.2e} | {relative[w]:.3%} |" for w in WIDTHS))
    shares = [relative[width] for width in WIDTHS]
    falling = all(later < earlier for earlier, later in zip(shares, shares[1:]))
    run.claim(
        f"One hidden layer approximates f(x) = sin(πx) + 0.5·sin(2πx) better as tanh units are "
        f"added ({', '.join(map(str, WIDTHS))}): the test error falls from >= 20% of f's variance "
        f"with {WIDTHS[0]} unit to <= 0.1% with {WIDTHS[-1]}.",
        verdict=falling and shares[0] >= 0.20 and shares[-1] <= 0.001,
        **{f"relative_error_{width}_units": relative[width] for width in WIDTHS},
    )
