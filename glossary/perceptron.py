"""The perceptron is Frank Rosenblatt's 1958 single-unit classifier: it outputs 1 when a weighted
sum of its inputs plus a bias is positive and 0 otherwise, and it learns by nudging its weights
after every mistake.

## Intuition
A perceptron draws one straight line (a hyperplane, in more dimensions) through the input space
and labels everything on one side 1 and everything on the other 0. Training is error-driven: show
it an example; if the answer is right, do nothing; if it is wrong, tilt the line towards the
correct side of that example. If some line separates the two classes perfectly, this simple
procedure is guaranteed to find one after a finite number of corrections.

The catch is the same straight line. Classes that no line can split, XOR being the classic case,
are out of reach. Minsky and Papert's 1969 analysis of such limits helped end the first wave of
neural-network research. The fix, layering units into a multilayer network, needed a training
method that a hard step cannot support: its slope is zero almost everywhere, so no gradient flows
back. Replacing the step with a smooth function such as the sigmoid gives a unit that behaves like
a differentiable perceptron, which is logistic regression, and stacks of those can be trained with
backpropagation.

## The math
Prediction: ŷ = step(w·x + b), where step(z) = 1 if z > 0 and 0 otherwise.
Learning rule for an example (x, y) with learning rate η:

    w ← w + η(y − ŷ)x,        b ← b + η(y − ŷ)

Since y − ŷ is 0 on correct answers, only mistakes change anything.

Example, logical AND with w = (1, 1) and b = −1.5: (1,1) gives 0.5 > 0, so 1; (1,0) and (0,1)
give −0.5, so 0; (0,0) gives −1.5, so 0. No choice of w and b does the same for XOR.

## Try it
`nutshell demo perceptron` trains Rosenblatt's rule (SGD on one example at a time, from w = 0)
on 200 points that a line separates with margin 0.1, then on XOR. On the separable points it
makes 23 mistakes, all in the first 3 epochs, far below Novikoff's bound of 279; on XOR it
never settles, with at least 79 mistakes in each of 20 epochs. After a single epoch the
separable run is still making mistakes and the claim fails.

## See also
- **unit**: the general form that replaced the hard step
- **mlp**: perceptron-like units stacked in layers
- **logistic-regression**: the smooth, probabilistic cousin
- **activation**: why the step function was swapped out
- **backpropagation**: the training method the step function blocks
- **history**: the perceptron's place in the first wave

## Sources
- [dettmers2015]
- [raschka] — on the name "perceptron" in MLPs
- [rosenblatt1958]
- [minsky1969]
"""

TITLE = "Perceptron"
ALIASES = ("rosenblatt perceptron", "single-layer perceptron", "perceptron learning rule",
           "linear threshold unit", "step function", "heaviside step function")

DEMO = {
    "steps_per_execution": 20,
    "epochs": 20, "batch_size": 1, "learning_rate": 1.0, "datasets": ("synthetic",),
    "quick": {"epochs": 10},
}

__all__ = ["perceptron", "wrong_side", "perceptron_loss", "PerceptronLoss", "Mistakes", "mistake_bound"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


def perceptron(inputs):
    """Rosenblatt's unit: z = w·x + b, predicting 1 when z > 0. Starts from w = 0 and b = 0.

    The model outputs the score z; the prediction is step(z). Trained with `perceptron_loss` by
    plain SGD on one example at a time, every update is exactly w ← w + η(y − ŷ)x.
    """
    return keras.Sequential([keras.Input((inputs,)),
                             keras.layers.Dense(1, kernel_initializer="zeros", name="threshold_unit")],
                            name="perceptron")


def wrong_side(y, z):
    """1.0 where step(z) ≠ y, else 0.0 (step(z) = 1 for z > 0, and 0 at z = 0 included)."""
    y = ops.reshape(ops.cast(y, "float32"), ops.shape(z))
    return ops.cast(ops.not_equal(ops.cast(z > 0, "float32"), y), "float32")


def perceptron_loss(y, z):
    """ℓ = −s·z on a mistake and 0 otherwise, with s = 2y − 1 (+1 or −1).

    Its gradient is −s·x on a mistake (the mistake flag is a constant: comparisons have no
    slope), so one SGD step w ← w − η∇ℓ adds η·s·x = η(y − ŷ)x: Rosenblatt's rule. On a correct
    answer nothing changes.
    """
    z = ops.cast(z, "float32")
    s = 2.0 * ops.reshape(ops.cast(y, "float32"), ops.shape(z)) - 1.0
    return ops.mean(-s * z * wrong_side(y, z), axis=-1)


@keras.saving.register_keras_serializable(package="nutshell")
class PerceptronLoss(keras.losses.Loss):
    """`perceptron_loss` as a Keras loss (the mean over the batch; with one example per step, that
    example's loss): a model compiled with it saves and reloads by name."""

    def __init__(self, reduction="sum_over_batch_size", name="perceptron_loss", dtype=None):
        super().__init__(name=name, reduction=reduction, dtype=dtype)

    def call(self, y_true, y_pred):
        return perceptron_loss(y_true, y_pred)


@keras.saving.register_keras_serializable(package="nutshell")
class Mistakes(keras.metrics.MeanMetricWrapper):
    """The share of examples on the wrong side; over an epoch, mistakes / examples seen.

    Keras computes metrics from the same forward pass as the loss, before the update, so with one
    example per step this counts the mistakes the rule makes as it goes.
    """

    def __init__(self, name="mistakes", dtype=None):
        super().__init__(wrong_side, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


def mistake_bound(x, y, direction):
    """Novikoff's bound (R/γ)² on the perceptron's mistakes, from a separating direction.

    With inputs extended by a constant 1 (for the bias), R = max ‖x̃‖ and γ = min s·(u·x̃) for
    the unit vector u = direction/‖direction‖. If γ > 0, starting from zero the rule makes at most
    (R/γ)² mistakes in total, in any order of examples, whatever η. Returns inf if u does not
    separate the data.

    Example, logical OR and the line x₁ + x₂ = 0.5 (R = √3, γ = 1/3):
        >>> x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        >>> round(mistake_bound(x, np.array([0, 1, 1, 1]), np.array([1.0, 1.0, -0.5])), 6)
        27.0
    """
    extended = np.concatenate([np.asarray(x, "float64"), np.ones((len(x), 1))], axis=1)
    u = np.asarray(direction, "float64") / np.linalg.norm(direction)
    margin = float(np.min((2 * np.asarray(y) - 1) * (extended @ u)))
    radius = float(np.max(np.linalg.norm(extended, axis=1)))
    return (radius / margin) ** 2 if margin > 0 else float("inf")


# --- the demo --------------------------------------------------------------------------------

MARGIN = 0.1  # no generated point lies closer than this to the true line (in x̃-space, |u·x̃|)


def _separable(n, rng):
    """Points in [-1, 1]² labelled by a random line, keeping only those at least MARGIN from it."""
    angle, offset = rng.uniform(0, 2 * np.pi), rng.uniform(-0.3, 0.3)
    direction = np.array([np.cos(angle), np.sin(angle), offset])
    direction /= np.linalg.norm(direction)
    x = rng.uniform(-1, 1, (4 * n, 2))
    side = np.concatenate([x, np.ones((len(x), 1))], axis=1) @ direction
    keep = np.abs(side) >= MARGIN
    return x[keep][:n].astype("float32"), (side[keep][:n] > 0).astype("float32"), direction


def _train(run, x, y, name=None):
    """Rosenblatt's rule, one example at a time; returns the number of mistakes in each epoch."""
    model = perceptron(x.shape[1])
    run.compile(model, loss=PerceptronLoss(), metrics=[Mistakes()], optimizer="sgd")
    history = run.fit(model, x, y, batch_size=1, name=name)
    return model, [int(round(share * len(x))) for share in history["mistakes"]]


def demo(run):
    """The perceptron rule settles on separable data within Novikoff's bound; on XOR it never does."""
    rng = np.random.default_rng(run.seed)
    x, y, direction = _separable(200, rng)
    bound = mistake_bound(x, y, direction)
    run.say(f"200 points that a line separates with margin >= {MARGIN}: Novikoff's bound allows "
            f"at most {bound:.0f} mistakes.")
    model, per_epoch = _train(run, x, y)
    total, settled = sum(per_epoch), per_epoch[-1] == 0
    run.say(f"  mistakes per epoch: {per_epoch} ({total} in all)")
    run.say("The same rule on XOR, which no line separates…")
    xor_model, xor_per_epoch = _train(run, *data.xor(200, seed=run.seed), name="xor")
    run.say(f"  mistakes per epoch: {xor_per_epoch}")
    for epoch, (a, b) in enumerate(zip(per_epoch, xor_per_epoch), start=1):
        run.scalars({"separable": a, "xor": b}, step=epoch, prefix="mistakes_per_epoch")
    run.decision_surface("decision_surface/separable", keras.Sequential([model, keras.layers.Activation(
        lambda z: ops.cast(z > 0, "float32"))]), extent=1.0)
    run.decision_surface("decision_surface/xor", keras.Sequential([xor_model, keras.layers.Activation(
        lambda z: ops.cast(z > 0, "float32"))]), extent=1.5)
    run.metrics({"mistakes_separable": total, "mistakes_xor_last_epoch": xor_per_epoch[-1]})
    run.claim(
        f"On separable data the perceptron rule stops making mistakes (none in the last of "
        f"{run.epochs} epochs) after no more than Novikoff's bound (R/γ)² mistakes in all; on XOR "
        "it still makes mistakes in every epoch.",
        verdict=settled and total <= bound and min(xor_per_epoch) > 0,
        mistakes_in_all=total, mistake_bound=bound, mistakes_last_epoch=per_epoch[-1],
        epochs_with_mistakes=sum(m > 0 for m in per_epoch),
        xor_fewest_mistakes_in_an_epoch=min(xor_per_epoch),
    )
