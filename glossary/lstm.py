"""An LSTM is a recurrent unit that keeps a memory cell beside its hidden state and uses learned
gates to decide what to write, erase and reveal at each step, so information can survive hundreds
of time steps.

## Intuition
A plain RNN rewrites its whole state each step, like retelling a story from memory once a minute:
after a hundred retellings the opening detail is gone. An LSTM keeps a notebook, the cell, that it
only edits. Each step it may cross out lines (forget gate), add notes (input gate) and choose what
to read aloud (output gate), so a fact noted at step 3 can still be there at step 300. Each gate is
a sigmoid layer (0 blocks, 1 passes) trained like any weights.

## The math
Input x_t has d entries; the hidden state h_(t−1) and cell c_(t−1) have n entries each.

- input gate: i = σ(W_i x_t + U_i h_(t−1) + b_i)
- forget gate: f = σ(W_f x_t + U_f h_(t−1) + b_f)
- output gate: o = σ(W_o x_t + U_o h_(t−1) + b_o)
- candidate: g = tanh(W_g x_t + U_g h_(t−1) + b_g)
- cell update: c_t = f ⊙ c_(t−1) + i ⊙ g
- output: h_t = o ⊙ tanh(c_t)

σ is the logistic sigmoid and ⊙ the element-wise product; each W is n × d, each U is n × n, each b
has n entries, so 4(nd + n² + n) parameters: 5,504 for d = 10, n = 32.

Why gradients survive: along the cell, ∂c_t/∂c_(t−1) = f, element-wise, free of the weight matrix
and squashing slope a plain RNN multiplies in at every step back. The 1997 design had no forget
gate, so this factor was exactly 1 and error riding the cell kept its size over any span: the
constant error carousel. With f, memory fades only where the net learns to let it.

## Picture
```text
 c_(t−1) ──►(×)───────────►(+)──────────┬─────────► c_t
             ▲              ▲           │
             f             (×)         tanh
             │             ▲ ▲          │
             │             i g    o ──►(×)────────► h_t
             │             │ │    │
 [h_(t−1), x_t] ──► f, i, o = σ(...)   g = tanh(...)
```

## The adding problem
The classic test: each step carries a random number and a marker bit, exactly two steps are
marked, and after 100 or more steps the network must output the sum of the two marked numbers.
Hochreiter and Schmidhuber report that LSTM solved it at 100 steps after about 74,000 training
sequences in their experiments, a gap plain RNNs rarely bridge.

## History and practice
The forget gate came later (Gers, Schmidhuber and Cummins, 2000); without it the cell can only
accumulate, which fails on long unsegmented streams. Keras starts the forget-gate bias at 1
(unit_forget_bias=True) so the cell remembers by default early in training.

## Try it
`nutshell demo lstm` counts the adding-problem sequences our cell needs to reach MSE < 0.01, then
trains a SimpleRNN on the same sequences.

## See also
- **rnn**: the plain recurrent net LSTM improves on
- **gru**: a lighter gated unit without a separate cell
- **vanishing-gradient**: the problem the cell path solves
- **sigmoid**: the function behind every gate
- **backpropagation**: how the gates are trained

## Sources
- Tim Dettmers, NVIDIA Technical Blog, 2015: "Deep Learning in a Nutshell: Core Concepts".
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- S. Hochreiter, J. Schmidhuber, "Long short-term memory", Neural Computation 9(8), 1735-1780, 1997.
- F. A. Gers, J. Schmidhuber, F. Cummins, "Learning to forget: Continual prediction with LSTM",
  Neural Computation 12(10), 2451-2471, 2000.
"""

TITLE = "Long Short-Term Memory (LSTM)"
ALIASES = (
    "long short-term memory",
    "lstm unit",
    "lstm cell",
    "memory cell",
    "lstm network",
    "forget gate",
    "input gate",
    "output gate",
    "constant error carousel",
)

DEMO = {
    "epochs": 16, "batch_size": 32, "learning_rate": 1e-2, "datasets": ("synthetic",),
    "quick": {"epochs": 1},
}

__all__ = ["LSTMCellFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell import data


@keras.saving.register_keras_serializable(package="nutshell")
class LSTMCellFromScratch(keras.layers.Layer):
    """One LSTM step, gate by gate: wrap it in `keras.layers.RNN` to run it over a sequence.

    The weights are laid out exactly like `keras.layers.LSTM`'s: the four gates' matrices sit
    side by side in one kernel, in Keras's order i, f, g (Keras calls it c), o. So the same
    weights give the same numbers in both, and a trained built-in LSTM's weights load here.

    Args:
        units: n, the size of the hidden state h and of the cell c.
        unit_forget_bias: start the forget gate's bias at 1 instead of 0, so f ≈ σ(1) ≈ 0.73
            and the cell keeps most of its contents before the gates have learned anything.
        kernel_initializer: initializer of the input weights W (all four gates).
        recurrent_initializer: initializer of the recurrent weights U (all four gates).

    Input shape: (batch, d) per step; `RNN(cell)` takes (batch, time, d).
    Output shape: (batch, n) per step; the state is [h, c], two (batch, n) tensors.

    Example:
        >>> layer = keras.layers.RNN(LSTMCellFromScratch(8))
        >>> layer(np.zeros((4, 10, 3), "float32")).shape
        (4, 8)
    """

    def __init__(self, units, unit_forget_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.unit_forget_bias = unit_forget_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.recurrent_initializer = keras.initializers.get(recurrent_initializer)
        # keras.layers.RNN reads these two: the carried state is [h, c]; each step outputs h.
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        d, n = input_shape[-1], self.units
        # Columns [0:n] feed i, [n:2n] f, [2n:3n] g, [3n:4n] o: Keras's layout, so weights swap.
        self.kernel = self.add_weight(shape=(d, 4 * n), initializer=self.kernel_initializer,
                                      name="kernel")                    # W, applied to x_t
        self.recurrent_kernel = self.add_weight(shape=(n, 4 * n), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer)  # U, to h
        self.bias = self.add_weight(shape=(4 * n,), initializer=self._bias_initializer,
                                    name="bias")

    def _bias_initializer(self, shape, dtype=None):
        n = self.units
        forget = np.ones(n) if self.unit_forget_bias else np.zeros(n)
        return ops.convert_to_tensor(np.concatenate([np.zeros(n), forget, np.zeros(2 * n)]),
                                     dtype=dtype)

    def call(self, x, states, training=False):
        h_prev, c_prev = states
        # All four pre-activations in one matrix product (cheaper than four), then cut apart.
        z = ops.matmul(x, self.kernel) + ops.matmul(h_prev, self.recurrent_kernel) + self.bias
        z_i, z_f, z_g, z_o = ops.split(z, 4, axis=-1)
        i = ops.sigmoid(z_i)     # input gate: how much of the candidate to write
        f = ops.sigmoid(z_f)     # forget gate: how much of the old cell to keep
        o = ops.sigmoid(z_o)     # output gate: how much of the cell to reveal
        g = ops.tanh(z_g)        # candidate: what could be written, in (-1, 1)
        c = f * c_prev + i * g   # the cell is edited, not rewritten: the path gradients ride
        h = o * ops.tanh(c)
        return h, [h, c]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                "unit_forget_bias": self.unit_forget_bias,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "recurrent_initializer": keras.initializers.serialize(self.recurrent_initializer)}


# --- the demo --------------------------------------------------------------------------------

STEPS = 100                  # sequence length: the 100-step adding problem of the 1997 paper
UNITS = 64
SEQUENCES_PER_EPOCH = 4000   # every epoch brings fresh sequences; none is shown twice
CHECK_EVERY = 25             # batches between two looks at the held-out check set
SOLVED_MSE = 0.01
PAPER_SEQUENCES = 74_000     # Hochreiter & Schmidhuber (1997), adding problem at 100 steps


def _lstm_net(unit_forget_bias=True):
    cell = LSTMCellFromScratch(UNITS, unit_forget_bias=unit_forget_bias)
    return keras.Sequential([keras.Input((STEPS, 2)), keras.layers.RNN(cell),
                             keras.layers.Dense(1)], name="lstm")


def _simple_rnn_net():
    return keras.Sequential([keras.Input((STEPS, 2)), keras.layers.SimpleRNN(UNITS),
                             keras.layers.Dense(1)], name="simple_rnn")


class _SequenceCounter(keras.callbacks.Callback):
    """Counts the training sequences a model has seen and, every few batches, its held-out MSE.

    Records when the MSE first drops below SOLVED_MSE, then stops training once it has stayed
    there for `confirm` looks in a row (one lucky batch of the check set is not a solution), or
    when `max_sequences` have been seen.
    """

    def __init__(self, run, label, check, batch_size, max_sequences, confirm=3):
        super().__init__()
        self.run, self.label, self.check = run, label, check
        self.batch_size, self.max_sequences, self.confirm = batch_size, max_sequences, confirm
        self.seen = 0
        self.first_solved_at = None   # sequences seen when the check MSE first fell below 0.01
        self.streak = 0
        self.curve = []               # (sequences seen, check MSE)

    def _check_mse(self):
        x, y = self.check
        prediction = np.asarray(self.model.predict_on_batch(x)).reshape(-1)
        return float(np.mean((prediction - y) ** 2))

    def on_train_batch_end(self, batch, logs=None):
        self.seen += self.batch_size
        if self.seen % (CHECK_EVERY * self.batch_size) and self.seen < self.max_sequences:
            return
        mse = self._check_mse()
        self.curve.append((self.seen, mse))
        self.run.scalars({f"{self.label}_check_mse": mse}, step=self.seen, prefix="sequences_seen")
        self.streak = self.streak + 1 if mse < SOLVED_MSE else 0
        if self.streak == 1 and self.first_solved_at is None:
            self.first_solved_at = self.seen
        if self.streak >= self.confirm or self.seen >= self.max_sequences:
            self.model.stop_training = True


def _train(run, model, train, check, max_sequences, name=None):
    """Train on fresh sequences in order until solved or `max_sequences`; returns the counter."""
    batch = run.batch_size
    run.compile(model, loss="mse", clipnorm=1.0)  # clipping tames the rare exploding step
    counter = _SequenceCounter(run, name or "lstm", check, batch, max_sequences)
    epochs = -(-max_sequences // SEQUENCES_PER_EPOCH)
    # shuffle=False and steps_per_epoch: each epoch continues where the last stopped, so the
    # model walks through the pool once, and both models see the same sequences in the same order.
    run.fit(model, *train, validation_data=check, name=name, epochs=epochs, callbacks=[counter],
            steps_per_epoch=SEQUENCES_PER_EPOCH // batch, shuffle=False)
    return counter


def _test_mse(model, test):
    x, y = test
    return float(np.mean((np.asarray(model.predict(x, batch_size=500, verbose=0)).reshape(-1) - y) ** 2))


def demo(run):
    """An LSTM solves the 100-step adding problem; a SimpleRNN of the same width does not."""
    budget = run.epochs * SEQUENCES_PER_EPOCH
    seed = run.seed
    train = data.adding_problem(budget, steps=STEPS, seed=seed)
    check = data.adding_problem(512, steps=STEPS, seed=seed + 1_000)   # watched during training
    test = data.adding_problem(4000, steps=STEPS, seed=seed + 2_000)   # touched once, at the end
    baseline = float(np.mean((test[1] - train[1].mean()) ** 2))        # always guess the mean
    run.say(f"Adding problem, {STEPS} steps: guessing the mean scores MSE {baseline:.3f}; "
            f"solved means MSE < {SOLVED_MSE}. Up to {budget:,} fresh training sequences.")
    if run.quick:
        run.say("Quick mode: far fewer sequences than an LSTM needs here (tens of thousands), so "
                "this shows the mechanics; expect the verdict to fail. Run without --quick.")

    run.say(f"An LSTM of {UNITS} units (our cell, in keras.layers.RNN), until solved…")
    started = time.perf_counter()
    lstm = _lstm_net()
    lstm_log = _train(run, lstm, train, check, budget)
    lstm_seconds = time.perf_counter() - started
    used = lstm_log.seen
    solved_at = lstm_log.first_solved_at
    reached = {} if solved_at is None else {"lstm_sequences_to_solve": solved_at}
    run.say(f"The LSTM first reached check MSE < {SOLVED_MSE} after {solved_at:,} sequences "
            f"(the 1997 paper: {PAPER_SEQUENCES:,})." if solved_at is not None else
            f"The LSTM did not reach check MSE < {SOLVED_MSE} within {budget:,} sequences.")

    run.say(f"…then a SimpleRNN of {UNITS} units on the same {used:,} sequences, same optimizer.")
    simple = _simple_rnn_net()
    simple_log = _train(run, simple, train, check, used, name="simple-rnn")

    lstm_mse, simple_mse = _test_mse(lstm, test), _test_mse(simple, test)
    run.metrics({"test_mse_lstm": lstm_mse, "test_mse_simple_rnn": simple_mse,
                 "baseline_mse": baseline, "lstm_training_seconds": lstm_seconds})
    curve = "\n".join(f"| {seen:,} | {mse:.4f} |" for seen, mse in lstm_log.curve)
    run.text("lstm_learning_curve", "| sequences seen | check MSE |\n|---:|---:|\n" + curve)
    run.claim(
        f"On the {STEPS}-step adding problem (guessing the mean: MSE {baseline:.3f}) an LSTM of "
        f"{UNITS} units reaches test MSE < {SOLVED_MSE} within {budget:,} training sequences, "
        f"while a SimpleRNN of {UNITS} units trained on the same {used:,} sequences stays near the "
        f"baseline (MSE above 3/4 of it). Hochreiter & Schmidhuber needed {PAPER_SEQUENCES:,}.",
        verdict=lstm_mse < SOLVED_MSE and simple_mse > 0.75 * baseline,
        baseline_mse=baseline, lstm_test_mse=lstm_mse, simple_rnn_test_mse=simple_mse,
        **reached, sequences_trained=used, simple_rnn_sequences_trained=simple_log.seen,
        paper_sequences=PAPER_SEQUENCES,
    )
