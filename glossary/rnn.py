"""A recurrent neural network reads a sequence one element at a time and carries a hidden state
from step to step, applying the same weights at every step, so each output can depend on
everything read so far.

## Intuition
Think of reading a sentence word by word while keeping a running gist in your head: each word
updates the gist, and the gist shapes how you read the next word. An RNN does this with a vector,
the hidden state. One set of weights serves every step, so the same small network handles 5 items
or 5,000. Unrolled in time, one copy per step, it becomes a deep chain whose layers share weights;
that unrolled view is how it is trained.

## The math
With input x_t (d numbers) and hidden state h_t (n numbers), starting from h_0 = 0:

- h_t = tanh(W x_t + U h_(t−1) + b)
- y_t = V h_t + c   (an output read off the state, when needed)

W is n × d, U is n × n, b has n entries: for d = 3, n = 4 that is 12 + 16 + 4 = 32 parameters,
whatever the sequence length.

Backpropagation through time (BPTT) runs ordinary backpropagation on the unrolled chain and sums
the gradient each copy contributes to the shared W, U and b. Truncated BPTT stops k steps back.

Why long spans are hard: one step back multiplies the gradient by the Jacobian
∂h_t/∂h_(t−1) = diag(1 − h_t²) U, the tanh slope (at most 1) times U. Reaching from step t back to
step k takes t − k such factors. If they shrink the signal by 0.9 per step, 100 steps leave
0.9^100 ≈ 2.7 × 10⁻⁵ of it (vanishing); if they stretch it by 1.1, 100 steps give
1.1^100 ≈ 13,800 (exploding). Plain RNNs therefore struggle to link events more than a few dozen
steps apart.

## Picture
```text
         y_1          y_2          y_3
          ▲ V          ▲ V          ▲ V
 h_0 ─U─►[h_1] ──U──►[h_2] ──U──►[h_3] ──► ...
          ▲ W          ▲ W          ▲ W
         x_1          x_2          x_3
```

## In practice
Gradient clipping tames explosion; gated units (LSTM, GRU) tame vanishing. Typical uses: text,
speech, predicting the next character or word.

## Try it
`nutshell demo rnn` trains our SimpleRNN cell on the adding problem of the lstm entry. With
sequences of 10 steps it reaches test MSE 0.007 after 47,200 sequences; given as many sequences of
50 steps, it stays at the mean guess (MSE 0.163, the guess 0.163) (seed 0).

## See also
- **lstm**: gating that keeps gradients alive over long spans
- **gru**: a simpler gated alternative
- **vanishing-gradient**: why long products of derivatives misbehave
- **backpropagation**: what BPTT applies to the unrolled chain
- **weight-sharing**: the same idea across space instead of time
- **language-model**: the classic task, predicting the next word or character

## Sources
- [lecun2015]
- [overview]
- [elman1990]
- [werbos1990]
- [bengio1994]
"""

TITLE = "Recurrent Neural Network (RNN)"
ALIASES = (
    "recurrent neural network",
    "recurrent network",
    "recurrent net",
    "backpropagation through time",
    "bptt",
    "elman network",
    "vanilla rnn",
    "simple rnn",
    "hidden state",
    "sequence learning",
    "sequential data",
    "time step",
)

DEMO = {
    "epochs": 20, "batch_size": 32, "learning_rate": 3e-3, "datasets": ("synthetic",),
    "global_batch": "its claim counts training sequences, and bigger batches need more of them",
    "quick": {"epochs": 16},
}

__all__ = ["SimpleRNNCellFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
# The adding problem's training loop: fresh sequences, counted until the check MSE stays < 0.01.
from nutshell.glossary.lstm import SEQUENCES_PER_EPOCH, SOLVED_MSE, VARIANTS, train_until_solved

MODERN = VARIANTS["adding-modern"]   # the modern adding problem: values in [0, 1], target their sum


@keras.saving.register_keras_serializable(package="nutshell")
class SimpleRNNCellFromScratch(keras.layers.Layer):
    """One step of a plain recurrent net, h_t = tanh(W x_t + U h_(t−1) + b): wrap it in
    `keras.layers.RNN` to run it over a sequence.

    The same W, U and b serve every step. The weights are laid out like `keras.layers.SimpleRNN`'s
    (kernel W as (d, n), recurrent kernel U as (n, n), bias b), so the same weights give the same
    numbers in both.

    Args:
        units: n, the size of the hidden state; a positive integer.

    Input shape: (batch, d) per step; `RNN(cell)` takes (batch, time, d).
    Output shape: (batch, n) per step; the state is h itself.

    Example:
        >>> import numpy as np
        >>> layer = keras.layers.RNN(SimpleRNNCellFromScratch(4))
        >>> tuple(layer(np.zeros((2, 10, 3), "float32")).shape), layer.count_params()
        ((2, 4), 32)
    """

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units < 1:
            raise ValueError(f"units must be a positive integer, not {units!r}")
        self.units = units
        self.state_size = units      # what keras.layers.RNN carries from step to step: h
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform", name="kernel")          # W
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                initializer="orthogonal", name="recurrent_kernel")  # U
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")  # b

    def call(self, x, states, training=False):
        h_prev = states[0] if isinstance(states, (list, tuple)) else states
        h = ops.tanh(ops.matmul(x, self.kernel) + ops.matmul(h_prev, self.recurrent_kernel) + self.bias)
        return h, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


# --- the demo --------------------------------------------------------------------------------

SHORT, LONG = 10, 50   # time steps of the two adding problems
UNITS = 64


def _rnn_net(steps):
    return keras.Sequential([keras.Input((steps, 2)),
                             keras.layers.RNN(SimpleRNNCellFromScratch(UNITS), name="rnn"),
                             keras.layers.Dense(1, name="sum")], name=f"simple_rnn_{steps}_steps")


def _test_mse(model, test):
    x, y = test
    return float(np.mean((np.asarray(model.predict(x, batch_size=500, verbose=0)).reshape(-1) - y) ** 2))


def demo(run):
    """A plain RNN learns the adding problem when the two marked numbers are 10 steps apart at
    most, and not when they can be 50 apart."""
    budget = run.epochs * SEQUENCES_PER_EPOCH
    seed = run.seed
    problems = {steps: (data.adding_problem(budget, steps=steps, seed=seed),
                        data.adding_problem(512, steps=steps, seed=seed + 1_000),
                        data.adding_problem(2000, steps=steps, seed=seed + 2_000))
                for steps in (SHORT, LONG)}
    baseline = {steps: float(np.mean((test[1] - train[1].mean()) ** 2))
                for steps, (train, _, test) in problems.items()}
    run.say(f"The adding problem: the sum of the two marked numbers in a sequence. Guessing the mean "
            f"scores MSE {baseline[SHORT]:.3f}; solved means MSE < {SOLVED_MSE}.")

    run.say(f"A SimpleRNN of {UNITS} units (our cell) on {SHORT}-step sequences, until solved "
            f"(at most {budget:,} sequences)…")
    train, check, _ = problems[SHORT]
    short = _rnn_net(SHORT)
    used, solved_at, _ = train_until_solved(run, short, MODERN, train, check, budget)
    run.say(f"…then a fresh one on {LONG}-step sequences, given as many: {used:,}.")
    train, check, _ = problems[LONG]
    long = _rnn_net(LONG)
    long_used, _, _ = train_until_solved(run, long, MODERN, train, check, used, name=f"rnn-{LONG}-steps")

    short_mse, long_mse = _test_mse(short, problems[SHORT][2]), _test_mse(long, problems[LONG][2])
    run.metrics({f"test_mse_{SHORT}_steps": short_mse, f"test_mse_{LONG}_steps": long_mse,
                 "baseline_mse": baseline[LONG]})
    reached = {f"sequences_to_solve_{SHORT}_steps": solved_at} if solved_at else {}
    run.claim(
        f"A SimpleRNN of {UNITS} units solves the {SHORT}-step adding problem within {budget:,} "
        f"training sequences (check MSE stays < {SOLVED_MSE}, test MSE < {2 * SOLVED_MSE}), but on "
        f"the {LONG}-step problem, trained on as many sequences as it needed there, stays near the "
        "mean-guess baseline (test MSE above 3/4 of it).",
        verdict=bool(solved_at) and short_mse < 2 * SOLVED_MSE and long_mse > 0.75 * baseline[LONG],
        **{f"test_mse_{SHORT}_steps": short_mse, f"test_mse_{LONG}_steps": long_mse},
        baseline_mse=baseline[LONG], **reached, sequences_trained_short=used,
        sequences_trained_long=long_used,
    )
