"""A maxout unit computes several separate weighted sums of the same input and outputs the largest
one, so instead of using a fixed activation it learns its own piecewise-linear one.

## Intuition
An ordinary unit is one weighted sum bent by a fixed function. A maxout unit is a small panel of
k linear experts looking at the same input, and whichever gives the highest reading wins. Because
the winner can change from input to input, the output is made of straight pieces joined at kinks:
a learned, convex activation shape. In effect it is max pooling applied across a group of linear
units instead of across neighbouring positions in an image.

Maxout was introduced as a partner for dropout. It never saturates (the winning piece always
passes the gradient back at full strength) and it covers ReLU as a special case. The price is
size: each maxout unit carries k sets of weights, so a layer costs k times as many parameters as
an ordinary dense layer with the same number of outputs.

## The math
For input x, unit i with k pieces computes

    hᵢ(x) = max over j = 1 … k of (wᵢⱼ·x + bᵢⱼ)

Special cases with k = 2 and a one-dimensional input: pieces x and 0 give max(x, 0), which is
ReLU; pieces x and −x give |x|. With enough pieces, a maxout unit can approximate any convex
function of its input, and the difference of two maxout units can approximate any continuous
function on a bounded region.

Gradient: only the winning piece j* = argmaxⱼ (wᵢⱼ·x + bᵢⱼ) receives gradient for that input;
∂hᵢ/∂wᵢⱼ* = x and the other pieces get 0.

Parameter count: from 64 inputs to 32 maxout units with k = 4 costs 4 × (64·32 + 32) = 8,320
parameters, against 2,080 for a plain dense layer of the same shape.

## Try it
`nutshell demo maxout` sets a two-piece unit to ReLU exactly, then fits x² on [−1, 1] with one
unit of 2, 4 and 8 pieces and sin(3x), which bends both ways. In quick mode on seeds 0-4 the RMS
error on x² was 0.075-0.079 with 2 pieces and 0.020-0.036 with 8, of which only 3 or 4 were still
winning anywhere: a piece that never wins gets no gradient. On sin(3x) one unit of 8 pieces
stayed off by 0.34-0.35, and the difference of two fitted it to 0.070-0.073.

## See also
- **unit**: maxout is one of the richer kinds of unit
- **relu**: the special case with one piece fixed at zero
- **activation**: fixed activations, for contrast
- **pooling**: the same max operation, across space
- **dropout**: the regulariser maxout was designed for

## Sources
- [dettmers2015]
- [goodfellow2013]
"""

TITLE = "Maxout"
ALIASES = ("maxout unit", "maxout network", "maxout activation", "maxout layer")

DEMO = {
    "epochs": 15,
    "batch_size": 32,
    "learning_rate": 0.03,
    "datasets": ("synthetic",),
    "quick": {"epochs": 8},
}

PREREQUISITES = ("unit", "relu")

PREDICT = {
    "question": "On [−1, 1] the wave sin(3x) bends one way, then the other. One maxout unit of 8 linear pieces, "
    "and the difference of two such units, are each trained to follow it. Which of them "
    "ends up close to the wave everywhere?",
    "options": {
        "A": "both: 8 pieces are plenty for one wave",
        "B": "only the difference of two units",
        "C": "only the single unit: a difference of two doubles the error",
        "D": "neither",
        "E": "it depends on the seed",
    },
    "why": "Because the winner can change from input to input, the output is made of straight pieces "
    "joined at kinks: a learned, convex activation shape. With enough pieces, a maxout unit can "
    "approximate any convex function of its input, and the difference of two maxout units can "
    "approximate any continuous function on a bounded region.",
}

RECALL = (
    {
        "question": "A layer of 32 maxout units with 4 pieces each reads 64 inputs. How many parameters does it have?",
        "options": {"A": "2,080", "B": "8,320", "C": "8,192", "D": "520"},
        "answer": "B",
        "why": "Parameter count: from 64 inputs to 32 maxout units with k = 4 costs 4 × (64·32 + 32) = "
        "8,320 parameters, against 2,080 for a plain dense layer of the same shape.",
    },
    {
        "question": "A maxout unit of two pieces reads a single number x. Which two pieces make it compute ReLU?",
        "options": {"A": "x and 0", "B": "x and −x", "C": "0 and −x", "D": "x and 2x"},
        "answer": "A",
        "why": "Special cases with k = 2 and a one-dimensional input: pieces x and 0 give max(x, 0), which "
        "is ReLU; pieces x and −x give |x|.",
    },
)

__all__ = ["MaxoutDense", "MaxoutDifference"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run


@keras.saving.register_keras_serializable(package="nutshell")
class MaxoutDense(keras.layers.Layer):
    """A layer of maxout units: each of `units` outputs is the largest of `pieces` weighted sums.

    All units × pieces sums come from one matrix product; they are then grouped per unit and the
    maximum of each group is kept. One unit (`units=1`) is `nutshell.glossary.unit.MaxoutUnit`.
    The cost: pieces × (inputs·units + units) parameters, k times a dense layer of the same shape.

    Args:
        units: number of outputs; a positive integer.
        pieces: k, linear pieces per unit; a positive integer (1 is a plain linear layer).

    Input shape: (batch, inputs). Output shape: (batch, units).

    Example:
        >>> import numpy as np
        >>> layer = MaxoutDense(32, pieces=4)
        >>> tuple(layer(np.zeros((2, 64))).shape), layer.count_params()
        ((2, 32), 8320)
    """

    def __init__(self, units, pieces=2, **kwargs):
        super().__init__(**kwargs)
        for name, value in (("units", units), ("pieces", pieces)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        self.units, self.pieces = units, pieces

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units * self.pieces), initializer="glorot_uniform", name="kernel"
        )
        self.bias = self.add_weight(shape=(self.units * self.pieces,), initializer="zeros", name="bias")

    def call(self, x):
        z = ops.matmul(x, self.kernel) + self.bias  # (batch, units·pieces)
        z = ops.reshape(z, (-1, self.units, self.pieces))  # one row of k sums per unit
        return ops.max(z, axis=-1)  # h_i = max_j z_ij

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "pieces": self.pieces}


@keras.saving.register_keras_serializable(package="nutshell")
class MaxoutDifference(keras.layers.Layer):
    """The difference of two maxout units, h₁(x) − h₂(x): convex minus convex.

    One maxout unit is convex, so it cannot follow a wiggle that bends both ways; the difference
    of two can approximate any continuous function on a bounded region (Goodfellow et al., 2013).

    Args:
        pieces: k, linear pieces in each of the two units.

    Input shape: (batch, inputs). Output shape: (batch, 1).

    Example:
        >>> import numpy as np
        >>> tuple(MaxoutDifference(pieces=4)(np.zeros((3, 1))).shape)
        (3, 1)
    """

    def __init__(self, pieces=2, **kwargs):
        super().__init__(**kwargs)
        self.pieces = pieces
        self.pair = MaxoutDense(2, pieces=pieces, dtype=self.dtype_policy, name="pair")

    def build(self, input_shape):
        self.pair.build(input_shape)

    def call(self, x):
        h = self.pair(x)
        return h[:, :1] - h[:, 1:]

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 1)

    def get_config(self):
        return {**super().get_config(), "pieces": self.pieces}


# --- the demo --------------------------------------------------------------------------------

PIECES = (2, 4, 8)


def _curve(function, n, seed):
    """n points x in [−1, 1] and y = function(x); and a fine grid to measure the fit on."""
    x = np.random.default_rng(seed).uniform(-1.0, 1.0, (n, 1)).astype("float32")
    grid = np.linspace(-1.0, 1.0, 401, dtype="float32")[:, None]
    return (x, function(x)), (grid, function(grid))


def _as_tangents(layer, rng):
    """Start every piece as a tangent of the bowl x²/2 at a random point a in [−1, 1]: slope a,
    intercept −a²/2, so each piece is the largest somewhere in [−1, 1].

    Keras's usual start (random slopes, zero biases) makes every piece pass through the origin; on
    one input only the steepest and the flattest can then ever win, and since only the winner gets
    a gradient, the other pieces never learn anything.
    """
    kernel, _ = layer.get_weights()
    slopes = rng.uniform(-1.0, 1.0, kernel.shape).astype("float32")
    layer.set_weights([slopes, -(slopes[0] ** 2) / 2])


def _fit(run, model, train, grid, name):
    """Train on the points; return the root-mean-square error on the fine grid."""
    run.compile(model, loss="mse")
    run.fit(model, *train, name=name)
    return float(np.sqrt(np.mean((model.predict(grid[0], verbose=0) - grid[1]) ** 2)))


def _winning_pieces(layer, grid):
    """How many of a one-unit MaxoutDense's pieces are the largest somewhere on the grid."""
    kernel, bias = (ops.convert_to_numpy(w) for w in layer.weights)
    return len(set((grid @ kernel + bias).argmax(axis=1)))


def _one_unit(pieces, rng):
    layer = MaxoutDense(1, pieces=pieces, name="maxout")
    model = keras.Sequential([keras.Input((1,)), layer])
    _as_tangents(layer, rng)
    return model


# The bars, chosen in quick mode on seeds 100-104 (fresh points, never reported): 8 pieces left
# 0.18-0.29 of the 2-piece error on x²; on sin(3x) one unit stayed at 0.344-0.347 and the
# difference of two reached 0.070-0.079.
MORE_PIECES_AT_MOST, ONE_UNIT_AT_LEAST, TWO_UNITS_AT_MOST = 0.5, 0.25, 0.1


def claim_parts(relu_gap: float, errors: dict[int, float], sine_one_unit: float, sine_difference: float) -> list[Part]:
    """More pieces fit x² better; one unit cannot fit sin(3x) and the difference of two can. That
    a two-piece unit with pieces x and 0 is ReLU is true by construction: a check, not a vote."""
    first, last = min(errors), max(errors)
    return [
        at_most("x_squared_error_ratio", errors[last] / errors[first], MORE_PIECES_AT_MOST),
        at_least("sine_error_one_unit", sine_one_unit, ONE_UNIT_AT_LEAST),
        at_most("sine_error_difference_of_two", sine_difference, TWO_UNITS_AT_MOST),
        at_most("relu_gap", relu_gap, 0.0, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: which model followed sin(3x).

    "Close everywhere" is the difference part's bar (RMS error at most 0.1 on the grid), applied to
    both models. "E" when either sine part held on some seeds and not on others.
    """
    parts = recorded_parts(claim)
    one, pair = parts["sine_error_one_unit"], parts["sine_error_difference_of_two"]
    if held_on_some_seeds(one, pair):
        return "E"
    close = pair["bar"]
    one_fits, pair_fits = one["mean"] <= close, pair["mean"] <= close
    if pair_fits:
        return "A" if one_fits else "B"
    return "C" if one_fits else "D"


def _relu_gap() -> float:
    """Largest difference between ReLU and a two-piece maxout unit set by hand to pieces x and 0."""
    relu_unit = MaxoutDense(1, pieces=2)
    relu_unit.build((None, 1))
    relu_unit.set_weights([np.array([[1.0, 0.0]], "float32"), np.zeros(2, "float32")])
    z = np.linspace(-3.0, 3.0, 61, dtype="float32")[:, None]
    return float(np.abs(ops.convert_to_numpy(relu_unit(z)) - np.maximum(z, 0.0)).max())


def demo(run: Run) -> None:
    """One maxout unit is a learned convex piecewise-linear function; two of them, subtracted, fit
    a wiggle that one cannot."""
    n = 2000 if run.quick else 4000
    rng = np.random.default_rng(run.seed)
    run.say("ReLU is maxout with the pieces x and 0: setting those weights by hand…")
    relu_gap = _relu_gap()

    train, grid = _curve(lambda x: x * x, n, run.seed)
    errors, winning = {}, {}
    for k in PIECES:
        run.say(f"One maxout unit with {k} pieces fitting the convex x² on [−1, 1]…")
        unit = _one_unit(k, rng)
        errors[k] = _fit(run, unit, train, grid, f"square-{k}-pieces")
        winning[k] = _winning_pieces(unit.get_layer("maxout"), grid[0])
        run.scalars({"rms_error": errors[k], "pieces_still_winning": winning[k]}, step=k, prefix="x_squared_by_pieces")

    train, grid = _curve(lambda x: np.sin(3.0 * x), n, run.seed + 1)
    k = PIECES[-1]
    run.say(f"sin(3x) bends both ways: one maxout unit of {k} pieces against the difference of two…")
    single = _one_unit(k, rng)
    single_error = _fit(run, single, train, grid, "sine-one-unit")
    pair = MaxoutDifference(k, name="difference")
    difference = keras.Sequential([keras.Input((1,)), pair])
    _as_tangents(pair.pair, rng)
    difference_error = _fit(run, difference, train, grid, None)

    run.say(
        run.table(
            "errors",
            ["model", "target", "RMS error on [−1, 1]"],
            [[f"one unit, {k} pieces ({winning[k]} still winning)", "x²", errors[k]] for k in PIECES]
            + [
                [f"one unit, {PIECES[-1]} pieces", "sin 3x", single_error],
                [f"difference of two units, {PIECES[-1]} pieces each", "sin 3x", difference_error],
            ],
        )
    )
    run.metrics(
        {f"x_squared_error_{k}_pieces": errors[k] for k in PIECES}
        | {"sine_error_one_unit": single_error, "sine_error_difference": difference_error}
    )
    first, last = PIECES[0], PIECES[-1]
    run.claim(
        "ReLU is maxout with pieces x and 0 (exact). One maxout unit fits the convex x² on [−1, 1] "
        f"better with more pieces (RMS error with {last} pieces <= {{x_squared_error_ratio:g}} of that "
        f"with {first}, though only the winning piece gets a gradient, so a piece pushed off the top "
        f"rarely returns); on sin(3x), which is not convex, one unit of {last} pieces stays off (RMS "
        "error >= {sine_error_one_unit:g}) while the difference of two fits it (<= "
        "{sine_error_difference_of_two:g}).",
        claim_parts(relu_gap, errors, single_error, difference_error),
        **{f"x_squared_error_{k}_pieces": errors[k] for k in PIECES},
        **{f"x_squared_{k}_pieces_winning": winning[k] for k in PIECES},
    )
    curves = {
        "target": grid[1][:, 0],
        "one_unit": single.predict(grid[0], verbose=0)[:, 0],
        "difference_of_two": difference.predict(grid[0], verbose=0)[:, 0],
    }
    for step in range(0, len(grid[0]), 5):  # three curves in TensorBoard: step 0..400 is x = −1..1
        run.scalars({name: values[step] for name, values in curves.items()}, step=step, prefix="sine_fit")
