"""A gated recurrent unit is a slimmer cousin of the LSTM: two gates, update and reset, decide how
much of the old hidden state to keep and how much to overwrite, with no separate memory cell.

## Intuition
Picture a whiteboard a team revises after every meeting. First they decide which old notes to
consult while drafting (reset gate); then, line by line, they keep the old line or replace it with
the draft (update gate). A line nobody replaces survives for as many meetings as needed, which is
what lets the unit remember over long spans. Compared with the LSTM, the GRU folds the cell into
the hidden state and merges forgetting and writing into one knob, so it has fewer weights.

## The math
Input x_t has d entries; hidden state h_(t−1) has n entries.

- reset gate: r = σ(W_r x_t + U_r h_(t−1) + b_r)
- update gate: z = σ(W_z x_t + U_z h_(t−1) + b_z)
- candidate: h̃ = tanh(W_h x_t + U_h (r ⊙ h_(t−1)) + b_h)
- new state: h_t = z ⊙ h_(t−1) + (1 − z) ⊙ h̃

σ is the logistic sigmoid and ⊙ the element-wise product; each W is n × d, each U is n × n. That
gives 3(nd + n² + n) parameters against the LSTM's 4(nd + n² + n): for d = 10, n = 32, 4,128
versus 5,504.

Where z ≈ 1 the old value is copied forward and the direct derivative ∂h_t/∂h_(t−1) is about 1,
so gradients cross many steps without fading. Where r ≈ 0 the candidate ignores the past and the
unit can start fresh.

Conventions differ: Cho et al. (2014) write the update as above, some later texts swap z and
1 − z, and some implementations (cuDNN, Keras with reset_after=True) apply r after multiplying by
U_h and add a second bias vector. The idea is the same.

## Picture
```text
 h_(t−1) ──┬─────────────────────(× z)──────►(+)──► h_t
           │                                 ▲
           └─(× r)─► tanh(W_h x_t + U_h ·) ─► h̃ ─(× (1 − z))
 r, z = σ(W x_t + U h_(t−1) + b)
```

## In practice
Chung et al. (2014) found GRU and LSTM roughly on par on music and speech modelling, both clearly
ahead of a plain tanh RNN; neither wins everywhere.

## Try it
`nutshell demo gru` trains our GRU cell (the equations above) on the 100-step adding problem of
the lstm entry: solved, test MSE 0.003, after 10,400 sequences. After the same 12,000 sequences an
LSTM and a SimpleRNN of the same width were both still at the mean guess (MSE 0.167). Recurrent
weights: GRU 12,864, LSTM 17,152 (seed 0).

## See also
- **lstm**: the three-gate design the GRU simplifies
- **rnn**: the plain recurrent net both improve on
- **vanishing-gradient**: the problem the gating addresses

## Sources
- [overview]
- [cho2014]
- [chung2014]
"""

TITLE = "Gated Recurrent Unit (GRU)"
ALIASES = (
    "gated recurrent unit",
    "update gate",
    "reset gate",
)

DEMO = {
    "epochs": 10, "batch_size": 32, "learning_rate": 1e-2, "datasets": ("synthetic",),
    "global_batch": "its claim counts training sequences, and bigger batches need more of them",
    "quick": {"epochs": 4},
}

__all__ = ["GRUCellFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.lstm import (SEQUENCES_PER_EPOCH, SOLVED_MSE, VARIANTS, LSTMCellFromScratch,
                                    train_until_solved)
from nutshell.glossary.rnn import SimpleRNNCellFromScratch

MODERN = VARIANTS["adding-modern"]   # the modern adding problem: values in [0, 1], target their sum


@keras.saving.register_keras_serializable(package="nutshell")
class GRUCellFromScratch(keras.layers.Layer):
    """One GRU step, gate by gate: wrap it in `keras.layers.RNN` to run it over a sequence.

    Laid out like `keras.layers.GRU`: the kernel W holds the input weights of the update gate, the
    reset gate and the candidate side by side (d, 3n), in that order; the recurrent kernel U does
    the same for h (n, 3n). With `reset_after=True` (Keras's default, and cuDNN's) the reset gate
    multiplies U_h h_(t−1) after the product, and the bias has two rows, one added on the input
    side and one on the recurrent side; with `reset_after=False` it multiplies h_(t−1) before it,
    as Cho et al. (2014) wrote, and there is one bias. Either way the same weights give the same
    numbers as the built-in layer with the same setting.

    Args:
        units: n, the size of the hidden state; a positive integer.
        reset_after: where the reset gate acts, as above.

    Input shape: (batch, d) per step; `RNN(cell)` takes (batch, time, d).
    Output shape: (batch, n) per step; the state is h itself.

    Example:
        >>> import numpy as np
        >>> layer = keras.layers.RNN(GRUCellFromScratch(32, reset_after=False))
        >>> tuple(layer(np.zeros((2, 5, 10), "float32")).shape), layer.count_params()
        ((2, 32), 4128)
    """

    def __init__(self, units, reset_after=True, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units < 1:
            raise ValueError(f"units must be a positive integer, not {units!r}")
        self.units = units
        self.reset_after = bool(reset_after)
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        n = self.units
        self.kernel = self.add_weight(shape=(input_shape[-1], 3 * n), initializer="glorot_uniform",
                                      name="kernel")                                  # W_z W_r W_h
        self.recurrent_kernel = self.add_weight(shape=(n, 3 * n), initializer="orthogonal",
                                                name="recurrent_kernel")              # U_z U_r U_h
        self.bias = self.add_weight(shape=(2, 3 * n) if self.reset_after else (3 * n,),
                                    initializer="zeros", name="bias")

    def call(self, x, states, training=False):
        h_prev = states[0] if isinstance(states, (list, tuple)) else states
        n = self.units
        u_zr, u_h = self.recurrent_kernel[:, :2 * n], self.recurrent_kernel[:, 2 * n:]
        if self.reset_after:
            x_side = ops.matmul(x, self.kernel) + self.bias[0]
            h_side = ops.matmul(h_prev, self.recurrent_kernel) + self.bias[1]
        else:
            x_side = ops.matmul(x, self.kernel) + self.bias
            h_side = ops.matmul(h_prev, u_zr)  # the candidate's part waits for the reset gate
        z = ops.sigmoid(x_side[:, :n] + h_side[:, :n])            # update gate: keep how much
        r = ops.sigmoid(x_side[:, n:2 * n] + h_side[:, n:2 * n])  # reset gate: consult how much
        if self.reset_after:
            candidate = ops.tanh(x_side[:, 2 * n:] + r * h_side[:, 2 * n:])
        else:
            candidate = ops.tanh(x_side[:, 2 * n:] + ops.matmul(r * h_prev, u_h))
        h = z * h_prev + (1.0 - z) * candidate   # where z ≈ 1 the old value is copied forward
        return h, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units, "reset_after": self.reset_after}


# --- the demo --------------------------------------------------------------------------------

UNITS = 64


def _net(cell, steps, name):
    return keras.Sequential([keras.Input((steps, 2)), keras.layers.RNN(cell, name="recurrent"),
                             keras.layers.Dense(1, name="sum")], name=name)


def _test_mse(model, test):
    x, y = test
    return float(np.mean((np.asarray(model.predict(x, batch_size=500, verbose=0)).reshape(-1) - y) ** 2))


def demo(run):
    """A GRU learns the long adding problem; an LSTM, given the GRU's sequences, is reported
    beside it, and a plain RNN stays at the baseline."""
    steps = 50 if run.quick else 100      # quick: the same race on sequences half as long
    budget = run.epochs * SEQUENCES_PER_EPOCH
    seed = run.seed
    train = data.adding_problem(budget, steps=steps, seed=seed)
    check = data.adding_problem(512, steps=steps, seed=seed + 1_000)
    test = data.adding_problem(2000, steps=steps, seed=seed + 2_000)
    baseline = float(np.mean((test[1] - train[1].mean()) ** 2))
    run.say(f"The {steps}-step adding problem (guessing the mean: MSE {baseline:.3f}; solved: MSE "
            f"< {SOLVED_MSE}). A GRU of {UNITS} units (our cell, the equations above), until "
            f"solved, at most {budget:,} sequences…")
    gru = _net(GRUCellFromScratch(UNITS, reset_after=False), steps, "gru")
    used, solved_at, _ = train_until_solved(run, gru, MODERN, train, check, budget)
    run.say(f"…then an LSTM and a SimpleRNN of {UNITS} units on the same {used:,} sequences.")
    lstm = _net(LSTMCellFromScratch(UNITS), steps, "lstm")
    lstm_used, lstm_solved_at, _ = train_until_solved(run, lstm, MODERN, train, check, used, name="lstm")
    simple = _net(SimpleRNNCellFromScratch(UNITS), steps, "simple_rnn")
    train_until_solved(run, simple, MODERN, train, check, used, name="simple-rnn")

    mse = {name: _test_mse(model, test) for name, model in
           (("gru", gru), ("lstm", lstm), ("simple_rnn", simple))}
    weights = {name: model.get_layer("recurrent").count_params() for name, model in
               (("gru", gru), ("lstm", lstm), ("simple_rnn", simple))}
    run.text("race", f"| unit | recurrent weights | test MSE after {used:,} sequences |\n"
             "|---|---:|---:|\n" + "\n".join(
                 f"| {name} | {weights[name]:,} | {mse[name]:.4f} |" for name in mse))
    run.metrics({f"test_mse_{name}": value for name, value in mse.items()} | {"baseline_mse": baseline})
    reached = {"gru_sequences_to_solve": solved_at} if solved_at else {}
    if lstm_solved_at:
        reached["lstm_sequences_to_solve"] = lstm_solved_at
    run.claim(
        f"A GRU of {UNITS} units solves the {steps}-step adding problem within {budget:,} training "
        f"sequences (check MSE stays < {SOLVED_MSE}, test MSE < {2 * SOLVED_MSE}), with 3/4 of an "
        "LSTM's recurrent weights; a SimpleRNN trained on the sequences the GRU needed stays near "
        "the mean-guess baseline (test MSE above 3/4 of it). An LSTM's test MSE on those same "
        "sequences is reported beside them.",
        verdict=(bool(solved_at) and mse["gru"] < 2 * SOLVED_MSE and mse["simple_rnn"] > 0.75 * baseline
                 and 4 * weights["gru"] == 3 * weights["lstm"]),
        baseline_mse=baseline, gru_test_mse=mse["gru"], lstm_test_mse=mse["lstm"],
        simple_rnn_test_mse=mse["simple_rnn"], **reached, sequences_trained=used,
        gru_weights=weights["gru"], lstm_weights=weights["lstm"],
    )
