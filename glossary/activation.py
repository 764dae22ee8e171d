"""An activation function is the nonlinear function a unit applies to its weighted sum; without
it, any stack of layers would shrink to a single linear map, so it is what gives depth its power.

## Intuition
A weighted sum can only stretch, rotate, shear and shift its input space: straight lines stay
straight and parallel lines stay parallel. Such a map never folds space, so classes that no
straight cut separates before it, like XOR or two interleaved spirals, stay tangled after it
whatever the weights. The activation bends and folds the space (ReLU flattens everything on one
side of a line onto it), so each layer can redraw which inputs count as similar, and stacked
bends build features of growing complexity.

## The math
Let z be a unit's pre-activation. The three classic choices and their slopes:

- sigmoid: σ(z) = 1 / (1 + e^(−z)), outputs in (0, 1); σ'(z) = σ(z)(1 − σ(z)) ≤ 0.25,
  peak at z = 0.
- tanh: tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), outputs in (−1, 1); tanh'(z) = 1 − tanh²(z),
  peak 1 at z = 0.
- ReLU: relu(z) = max(0, z); relu'(z) = 1 for z > 0 and 0 otherwise (frameworks pick 0 at z = 0).

Why linear stacks collapse: two layers with no activation compute

    W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂) = Wx + b,

one layer with W = W₂W₁ and b = W₂b₁ + b₂. By induction, a thousand linear layers are still one.

The vanishing-gradient link: backpropagation multiplies in one activation slope per layer. For
the sigmoid each slope is at most 0.25, so over 10 layers those factors alone give at most
0.25¹⁰ ≈ 9.5 × 10⁻⁷; saturated units are worse (σ'(2) ≈ 0.105, tanh'(3) ≈ 0.0099). ReLU hands
back a slope of exactly 1 for each active unit, one reason deep networks train faster with it.

## Picture
```text
 x ─► z = Wx + b ─► f(z) ─► a        range        largest slope f'
          sigmoid:                  (0, 1)       0.25
          tanh:                     (−1, 1)      1
          ReLU:                     [0, ∞)       1 (0 when z < 0)
 gradient reaching layer 1 ∝ f'(z₁) · f'(z₂) · … · f'(z_L)
```

## Common confusions
"Activation" means both the function f and the value a = f(z) it produces; "the activations of
a layer" are its outputs. Softmax is also called an activation, but it acts on a whole vector
at once rather than unit by unit. A unit may hold several activation functions (an LSTM unit
does), so unit and activation are not synonyms.

## Try it
`nutshell demo activation` fits two spirals three ways: the best single linear layer (logistic
regression solved exactly), five linear layers of 64 units trained with Adam, and the same five
layers with ReLU. In quick mode on seeds 0-4 the straight cut scored 0.60-0.67, the linear stack
never more than 0.008 above it, and the ReLU stack 0.992-1.00. It also logs per-layer gradient
norms of a fresh 10-layer MLP, same weights and batch for each activation: the first layer's
norm, as a fraction of the last hidden layer's, was 2e-7 to 1e-5 with sigmoid and 0.4 to 5 with
ReLU: at least 50,000 times smaller, where the claim asks for 10³.

## See also
- **unit**: where the activation sits
- **sigmoid**: the classic squashing choice
- **tanh**: the zero-centred squashing choice
- **relu**: today's default for hidden layers
- **vanishing-gradient**: what small slopes do to deep nets
- **softmax**: the vector-valued output activation

## Sources
- [dettmers2015]
- [lecun2015]
- [overview]
- [nair2010]
- [glorot2011]
"""

TITLE = "Activation function"
ALIASES = (
    "activation function",
    "nonlinearity",
    "transfer function",
    "squashing function",
    "nonlinear function",
    "linear transformation",
)

DEMO = {
    "epochs": 30,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 12},
}

PREREQUISITES = ("unit",)

PREDICT = {
    "question": "Two interleaved spirals, one per class, are fitted by a stack of five layers of 64 "
    "units with nothing between the layers but their weighted sums. How does the stack's "
    "test accuracy compare with the best single straight cut through the plane?",
    "options": {
        "A": "clearly higher: five layers of 64 units have thousands of weights to bend the boundary",
        "B": "about the same: the stack still separates the plane with one straight line",
        "C": "clearly lower: five layers are harder to train than one",
        "D": "it depends on the seed",
    },
    "why": "A weighted sum can only stretch, rotate, shear and shift its input space: straight lines "
    "stay straight and parallel lines stay parallel. Such a map never folds space, so classes "
    "that no straight cut separates before it, like XOR or two interleaved spirals, stay "
    "tangled after it whatever the weights.",
}

RECALL = (
    {
        "question": "Backpropagation through 10 sigmoid layers multiplies in one activation slope per "
        "layer. At most, how large can the product of those ten slopes be?",
        "options": {"A": "about 10⁻⁶", "B": "0.25", "C": "2.5", "D": "1, as each slope can reach 1"},
        "answer": "A",
        "why": "For the sigmoid each slope is at most 0.25, so over 10 layers those factors alone give at "
        "most 0.25¹⁰ ≈ 9.5 × 10⁻⁷; saturated units are worse (σ'(2) ≈ 0.105, tanh'(3) ≈ 0.0099).",
    },
    {
        "question": "Three dense layers are stacked with no nonlinearity between them. What can the stack compute?",
        "options": {
            "A": "only what a single linear layer can",
            "B": "a piecewise-linear function with up to three pieces",
            "C": "a polynomial of degree three in the input",
            "D": "any continuous function, given enough units",
        },
        "answer": "A",
        "why": "By induction, a thousand linear layers are still one.",
    },
    {
        "question": "Softmax is often listed with sigmoid, tanh and ReLU. What sets it apart from them?",
        "options": {
            "A": "it acts on a whole vector of scores at once, not on each unit separately",
            "B": "it has weights of its own that training adjusts",
            "C": "it is used only in hidden layers",
            "D": "its outputs can be negative",
        },
        "answer": "A",
        "why": "Softmax is also called an activation, but it acts on a whole vector at once rather than unit by unit.",
    },
)

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "linear",
    "linear_derivative",
    "ActivationFromScratch",
    "gradient_norms_by_layer",
]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.logistic_regression import newton_fit


def sigmoid(x):
    """σ(x) = 1 / (1 + e^(−x)): squashes any number into (0, 1).

    Written so that e is only ever raised to a number ≤ 0: for x ≥ 0 use 1 / (1 + e^(−x)), for
    x < 0 the same value rearranged as e^x / (1 + e^x). The textbook form overflows e^(−x) for
    x below about −88 in float32, and its gradient then turns into NaN.
    """
    x = ops.convert_to_tensor(x)
    positive = x >= 0
    e = ops.exp(-ops.where(positive, x, -x))  # e^(−|x|), written without abs so that the slope
    return ops.where(positive, 1.0 / (1.0 + e), e / (1.0 + e))  # at exactly 0 stays right


def sigmoid_derivative(x):
    """σ'(x) = σ(x)(1 − σ(x)): at most 0.25 (at x = 0), and close to 0 once |x| is large."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    """tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)): squashes into (−1, 1), centred on 0.

    Dividing top and bottom by e^|x| gives (1 − e^(−2|x|)) / (1 + e^(−2|x|)) for the magnitude,
    which never overflows; tanh is odd, so the sign of x is put back afterwards.
    """
    x = ops.convert_to_tensor(x)
    positive = x >= 0
    e = ops.exp(-2.0 * ops.where(positive, x, -x))
    magnitude = (1.0 - e) / (1.0 + e)
    return ops.where(positive, magnitude, -magnitude)


def tanh_derivative(x):
    """tanh'(x) = 1 − tanh²(x): 1 at x = 0, falling towards 0 as the unit saturates."""
    t = tanh(x)
    return 1.0 - t * t


def relu(x):
    """relu(x) = max(0, x): lets positive values through and zeroes the rest.

    Written as "x where x > 0, else 0" rather than ops.maximum so that automatic differentiation
    also gives slope 0 at exactly x = 0, agreeing with relu_derivative and with Keras's own ReLU.
    """
    x = ops.convert_to_tensor(x)
    return ops.where(x > 0, x, ops.zeros_like(x))


def relu_derivative(x):
    """relu'(x) = 1 for x > 0, else 0 (the kink at 0 gets 0, as in the frameworks)."""
    x = ops.convert_to_tensor(x)
    return ops.cast(x > 0, x.dtype)


def linear(x):
    """The identity, f(x) = x: "no activation". A stack of such layers is one linear map."""
    return ops.convert_to_tensor(x)


def linear_derivative(x):
    """f'(x) = 1 everywhere."""
    return ops.ones_like(ops.convert_to_tensor(x))


# name -> (f, f'): what ActivationFromScratch applies and what hand-written backprop multiplies by.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


@keras.saving.register_keras_serializable(package="nutshell")
class ActivationFromScratch(keras.layers.Layer):
    """Applies one of the activation functions above to every entry of its input.

    It has no weights: an activation layer only bends what the layer before it computed. Putting
    it after a `Dense` layer without an activation gives the same result as `Dense(...,
    activation=name)`, and keeps the pre-activation z visible as a separate step.

    Args:
        activation: "sigmoid", "tanh", "relu" or "linear".

    Input shape: any. Output shape: the same as the input.

    Example:
        >>> import numpy as np
        >>> from keras import ops
        >>> ops.convert_to_numpy(ActivationFromScratch("relu")(np.array([[-1.0, 2.0]])))
        array([[0., 2.]], dtype=float32)
    """

    def __init__(self, activation="relu", **kwargs):
        super().__init__(**kwargs)
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, not {activation!r}")
        self.activation = activation

    def call(self, x):
        function, _ = ACTIVATIONS[self.activation]
        return function(x)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "activation": self.activation}


def gradient_norms_by_layer(weights, activation: str, x, y) -> list:
    """Backpropagate by hand through an MLP and return ‖∂L/∂W‖ for each layer, first to last.

    The network: hidden layers z = aW + b followed by `activation`, then one sigmoid output unit
    trained with binary cross-entropy L (the mean over the batch). Backpropagation runs the chain
    rule from the top down. At the output, sigmoid and cross-entropy together give the error
    δ = ∂L/∂z = (p − y) / batch. Each layer's kernel gradient is its input transposed times its δ,
    and the δ handed down to the layer below is multiplied by Wᵀ and by f'(z) of that layer: one
    slope factor per layer, which is the product that vanishes when f' is the sigmoid's ≤ 0.25.

    Written with keras.ops alone, so it runs the same on every backend; the tests check it against
    TensorFlow's automatic differentiation.

    Args:
        weights: a list of (kernel, bias) pairs, kernel of shape (inputs, units); the last pair is
            the output unit's.
        activation: the hidden layers' activation, a key of ACTIVATIONS.
        x: inputs, shape (batch, features). y: 0/1 labels, shape (batch,).

    Returns: a list of scalar tensors, the Frobenius norm of each kernel's gradient.
    """
    function, derivative = ACTIVATIONS[activation]
    a = ops.convert_to_tensor(x, dtype="float32")
    layer_inputs, pre_activations = [], []
    for index, (kernel, bias) in enumerate(weights):  # forward pass, remembering what backprop needs
        layer_inputs.append(a)
        z = ops.matmul(a, ops.cast(kernel, "float32")) + ops.cast(bias, "float32")
        pre_activations.append(z)
        a = sigmoid(z) if index == len(weights) - 1 else function(z)
    labels = ops.reshape(ops.convert_to_tensor(y, dtype="float32"), (-1, 1))
    delta = (a - labels) / ops.cast(ops.shape(labels)[0], "float32")
    norms = []
    for index in reversed(range(len(weights))):  # backward pass, top layer first
        kernel_gradient = ops.matmul(ops.transpose(layer_inputs[index]), delta)  # ∂L/∂W = aᵀδ
        norms.append(ops.sqrt(ops.sum(ops.square(kernel_gradient))))
        if index > 0:  # hand δ down: through the weights, then through the slope of f below
            kernel = ops.cast(weights[index][0], "float32")
            delta = ops.matmul(delta, ops.transpose(kernel)) * derivative(pre_activations[index - 1])
    return norms[::-1]


# --- the demo --------------------------------------------------------------------------------

NONLINEARITY = "relu"  # what bends the stack that must fit the spirals


def _stack(depth: int, activation: str, width: int = 64, initializer: str = "he_normal") -> keras.Model:
    """`depth` hidden Dense layers, each followed by `activation`, then one sigmoid output unit.

    He initialisation (variance 2 / inputs) suits ReLU, which zeroes half of its inputs: with
    Keras's default Glorot start the ReLU stack sometimes needs many more epochs on the spirals.
    """
    layers = [keras.Input((2,))]
    for _ in range(depth):
        layers += [keras.layers.Dense(width, kernel_initializer=initializer), ActivationFromScratch(activation)]
    return keras.Sequential([*layers, keras.layers.Dense(1, activation="sigmoid")])


def _dense_weights(model):
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def _collapse(model):
    """Multiply a linear stack's layers into one (W, b): W = W₁W₂…W_L, b = (…(b₁W₂ + b₂)…)W_L + b_L."""
    weights = [
        (ops.convert_to_numpy(k).astype("float64"), ops.convert_to_numpy(b).astype("float64"))
        for k, b in _dense_weights(model)
    ]
    kernel, bias = weights[0]
    for next_kernel, next_bias in weights[1:]:
        kernel, bias = kernel @ next_kernel, bias @ next_kernel + next_bias
    return kernel, bias


def _best_straight_cut(train, test) -> float:
    """Test accuracy of the best single linear layer: logistic regression solved exactly (Newton's
    method on the training points), so no training budget can hold it back."""
    w, b = newton_fit(*train)
    return float(np.mean(((test[0].astype("float64") @ w + b) > 0) == (test[1] == 1)))


def _linear_decay(epochs: int) -> keras.callbacks.Callback:
    """Anneal the compiled step size linearly towards zero, so the last epoch's weights have settled:
    Adam at a constant 0.01 sometimes jumps out of a good solution near the end on this data."""
    peak = {}

    def schedule(epoch, rate):
        # The rate when training starts; a resumed run starts mid-schedule, so undo the decay.
        peak.setdefault("rate", rate / (1.0 - epoch / epochs))
        return peak["rate"] * (1.0 - epoch / epochs)

    return keras.callbacks.LearningRateScheduler(schedule)


def _test_accuracy(run: Run, model: keras.Model, train, test, name: str | None = None) -> float:
    return run.train_and_evaluate(
        model,
        train,
        test,
        loss="binary_crossentropy",
        metrics=["accuracy"],
        name=name,
        callbacks=[_linear_decay(run.epochs)],
    )["accuracy"]


def _gradient_ratios(run: Run, x, y, depth: int = 10, width: int = 32) -> dict[str, float]:
    """Per-layer gradient norms of the same freshly initialised deep MLP under three activations.

    All three start from Glorot initialisation, the scheme designed for sigmoid and tanh, so the
    sigmoid network is shown at its best.
    """
    first = _stack(depth, "sigmoid", width, initializer="glorot_uniform")
    weights = first.get_weights()
    norms = {}
    for activation in ("sigmoid", "tanh", "relu"):
        model = _stack(depth, activation, width, initializer="glorot_uniform")
        model.set_weights(weights)  # identical weights: only the activation differs
        norms[activation] = [float(g) for g in gradient_norms_by_layer(_dense_weights(model), activation, x, y)]
    for layer in range(depth + 1):  # step = layer index, 1 = next to the input, depth + 1 = output
        run.scalars({name: values[layer] for name, values in norms.items()}, step=layer + 1, prefix="gradient_norm")
    # first hidden layer relative to the last hidden layer (the output unit has no f' of its own)
    return {name: values[0] / values[depth - 1] for name, values in norms.items()}


# The bars, chosen in quick mode on seeds 100-104 (fresh spirals, never reported). The best
# straight cut scored 0.58-0.70 there and the linear stack 0.58-0.68, within -0.016..+0.004 of it;
# the ReLU stack 0.996-1.00; sigmoid's first-to-last gradient ratio was 0.9-23 million times
# smaller than ReLU's. A straight cut's share of a spiral test set varies a lot, hence 0.75.
LINEAR_AT_MOST, GAIN_AT_MOST, FITS, VANISHES = 0.75, 0.03, 0.90, 1000.0


def claim_parts(
    best_line: float,
    stacked: float,
    with_relu: float,
    collapse_error: float,
    relu_over_sigmoid: float,
    collapse_tolerance: float = 1e-4,
) -> list[Part]:
    """Five linear layers do no better than the best straight cut and are one linear map; with the
    nonlinearity the same stack fits the spirals; sigmoid's first-layer gradient vanishes."""
    return [
        at_most("linear_5_layers_accuracy", stacked, LINEAR_AT_MOST),
        at_most("linear_5_layers_gain_over_best_line", stacked - best_line, GAIN_AT_MOST),
        at_least("relu_5_layers_accuracy", with_relu, FITS),
        at_least("relu_over_sigmoid", relu_over_sigmoid, VANISHES),
        at_most("linear_collapse_error", collapse_error, collapse_tolerance, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the linear stack against the best straight cut.

    "About the same" is the claim's own band: at most GAIN_AT_MOST (0.03) above the best line, and
    no more than that below it. "D" when the gain part held on some seeds and not on others.
    """
    gain = recorded_parts(claim)["linear_5_layers_gain_over_best_line"]
    if held_on_some_seeds(gain):
        return "D"
    if gain["mean"] > gain["bar"]:
        return "A"
    return "C" if gain["mean"] < -gain["bar"] else "B"


def demo(run: Run) -> None:
    """Linear stacks collapse, ReLU stacks fit the spirals; sigmoid gradients vanish with depth."""
    n = 1000 if run.quick else 2000
    train, test = data.split_off(*data.two_spirals(n, seed=run.seed), fraction=0.25)

    # First, before any training draws random numbers, so a resumed run measures the same weights.
    run.say(
        "Gradient norms per layer of a fresh 10-layer MLP, same weights, same batch "
        "(TensorBoard: gradient_norm/*, x = layer; try a log scale)…"
    )
    ratios = _gradient_ratios(run, train[0][:256], train[1][:256])
    run.say(
        "first-layer / last-hidden-layer gradient norm: "
        + ", ".join(f"{name} {ratio:.2g}" for name, ratio in ratios.items())
    )

    best_line = _best_straight_cut(train, test)
    run.say(
        f"The best single linear layer (logistic regression, solved exactly): {best_line:.3f} on "
        "two spirals. Five linear layers of 64 units with no activation between them…"
    )
    deep_linear = _stack(5, "linear")
    stacked = _test_accuracy(run, deep_linear, train, test, name="linear-5-layers")
    kernel, bias = _collapse(deep_linear)
    collapsed = 1.0 / (1.0 + np.exp(-(test[0].astype("float64") @ kernel + bias)))
    collapse_error = float(np.abs(collapsed - deep_linear.predict(test[0], verbose=0)).max())
    # float32 rounding leaves ~1e-7; --precision mixed computes the stack in 16-bit floats
    collapse_tolerance = 1e-4 if deep_linear.compute_dtype == "float32" else 5e-2
    run.say(
        "…which is one linear map: the product of its six kernels reproduces its outputs "
        f"to within {collapse_error:.1e}."
    )
    run.say(f"Now the same five layers with {NONLINEARITY} between them.")
    deep_relu = _stack(5, NONLINEARITY)
    with_relu = _test_accuracy(run, deep_relu, train, test)

    run.metrics(
        {
            "test_accuracy_best_line": best_line,
            "test_accuracy_linear_5_layers": stacked,
            "test_accuracy_relu_5_layers": with_relu,
        }
    )
    run.claim(
        "Five linear layers are no better than one on two spirals (test accuracy <= "
        "{linear_5_layers_accuracy:.0%}, at most {linear_5_layers_gain_over_best_line:.2f} above the "
        "best single linear layer) and are one linear map; with ReLU the same stack fits them "
        "(>= {relu_5_layers_accuracy:.0%}). In a fresh 10-layer MLP the first layer's gradient, "
        "relative to the last hidden layer's, is >= {relu_over_sigmoid:g}x smaller with sigmoid "
        "than with ReLU.",
        claim_parts(
            best_line, stacked, with_relu, collapse_error, ratios["relu"] / ratios["sigmoid"], collapse_tolerance
        ),
        best_line_accuracy=best_line,
        sigmoid_first_to_last_gradient=ratios["sigmoid"],
        tanh_first_to_last_gradient=ratios["tanh"],
        relu_first_to_last_gradient=ratios["relu"],
    )
    run.decision_surface("decision_surface/linear_5_layers", deep_linear, extent=1.2)
    run.decision_surface("decision_surface/relu_5_layers", deep_relu, extent=1.2)
