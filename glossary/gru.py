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
Chung et al. (2014) raced GRU, LSTM and a plain tanh RNN on polyphonic music and on raw speech.
The two gated units came out roughly level, neither winning everywhere. Against the tanh RNN they
were clearly ahead on speech, while on music all three scored close to one another.

## Try it
`nutshell demo gru` trains our GRU cell (the equations above) on the 100-step adding problem of
the lstm entry, Adam at 1e-2 on batches of 32: solved, test MSE 0.003, after 10,400 sequences
(seed 0). On the same 12,000 sequences a SimpleRNN of the same width stayed at the mean guess (MSE
0.169, the guess 0.167), and so did an LSTM started as Keras starts it (forget-gate bias 1,
input-gate bias 0; MSE 0.167).
That race says more about starts than about cells: the lstm entry's LSTM, its gate biases started
at 5 (forget) and −3 (input), solves the same task in about 4,000 sequences (batch 8, rate 2e-2).
Recurrent weights: GRU 12,864, LSTM 17,152. `--quick` runs the race on 50-step sequences.

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
    "steps_per_execution": 1,  # the sequence counter checks the error after every batch
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 1e-2,
    "datasets": ("synthetic",),
    "quick": {"epochs": 4},
}

PREREQUISITES = ("lstm",)

PREDICT = {
    "question": "A GRU trains on the long adding problem (two marked numbers among many steps; the "
    "target is their sum) until it meets the solved rule. Then an LSTM whose gates start "
    "as Keras starts them, and a plain tanh RNN, both as wide as the GRU, train on the "
    "very same sequences. Which of them end up solving it?",
    "options": {
        "A": "the GRU and the LSTM; the plain RNN does not",
        "B": "only the GRU: the LSTM and the plain RNN do not",
        "C": "the plain RNN solves it too, so the gates were not needed",
        "D": "the GRU itself does not solve it",
        "E": "it depends on the seed",
    },
    "why": "On the same 12,000 sequences a SimpleRNN of the same width stayed at the mean guess (MSE "
    "0.169, the guess 0.167), and so did an LSTM started as Keras starts it (forget-gate bias 1, "
    "input-gate bias 0; MSE 0.167). That race says more about starts "
    "than about cells: the lstm entry's LSTM, its gate biases started at 5 (forget) and −3 "
    "(input), solves the same task in about 4,000 sequences (batch 8, rate 2e-2).",
}

RECALL = (
    {
        "question": "A GRU in Cho et al.'s form reads 10 numbers per step and has 32 units. How many "
        "trainable parameters does it have?",
        "options": {"A": "1,376", "B": "4,128", "C": "5,504", "D": "4,032"},
        "answer": "B",
        "why": "That gives 3(nd + n² + n) parameters against the LSTM's 4(nd + n² + n): for d = 10, "
        "n = 32, 4,128 versus 5,504.",
    },
    {
        "question": "With h_t = z ⊙ h_(t−1) + (1 − z) ⊙ h̃, what happens in a unit whose update gate sits near 1?",
        "options": {
            "A": "its previous value is carried forward, and gradients pass many steps without fading",
            "B": "its state is replaced by the candidate at every step",
            "C": "the candidate ignores the past, so the unit starts fresh",
            "D": "its separate memory cell is erased",
        },
        "answer": "A",
        "why": "Where z ≈ 1 the old value is copied forward and the direct derivative ∂h_t/∂h_(t−1) is "
        "about 1, so gradients cross many steps without fading.",
    },
)

__all__ = ["GRUCellFromScratch"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
from keras import ops

from nutshell.glossary._adding import MODERN, SEQUENCES_PER_EPOCH, mse_on, regressor, sequences, train_until_solved
from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.lstm import LSTMCellFromScratch
from nutshell.glossary.rnn import SimpleRNNCellFromScratch


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

    def __init__(self, units: int, reset_after: bool = True, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units < 1:
            raise ValueError(f"units must be a positive integer, not {units!r}")
        self.units = units
        self.reset_after = bool(reset_after)
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        n = self.units
        self.kernel = self.add_weight(
            shape=(input_shape[-1], 3 * n), initializer="glorot_uniform", name="kernel"
        )  # W_z W_r W_h
        self.recurrent_kernel = self.add_weight(
            shape=(n, 3 * n), initializer="orthogonal", name="recurrent_kernel"
        )  # U_z U_r U_h
        self.bias = self.add_weight(
            shape=(2, 3 * n) if self.reset_after else (3 * n,), initializer="zeros", name="bias"
        )

    def call(self, x, states, training=False):
        h_prev = states[0] if isinstance(states, (list, tuple)) else states
        n = self.units
        u_zr, u_h = self.recurrent_kernel[:, : 2 * n], self.recurrent_kernel[:, 2 * n :]
        if self.reset_after:
            x_side = ops.matmul(x, self.kernel) + self.bias[0]
            h_side = ops.matmul(h_prev, self.recurrent_kernel) + self.bias[1]
        else:
            x_side = ops.matmul(x, self.kernel) + self.bias
            h_side = ops.matmul(h_prev, u_zr)  # the candidate's part waits for the reset gate
        z = ops.sigmoid(x_side[:, :n] + h_side[:, :n])  # update gate: keep how much
        r = ops.sigmoid(x_side[:, n : 2 * n] + h_side[:, n : 2 * n])  # reset gate: consult how much
        if self.reset_after:
            candidate = ops.tanh(x_side[:, 2 * n :] + r * h_side[:, 2 * n :])
        else:
            candidate = ops.tanh(x_side[:, 2 * n :] + ops.matmul(r * h_prev, u_h))
        h = z * h_prev + (1.0 - z) * candidate  # where z ≈ 1 the old value is copied forward
        return h, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units, "reset_after": self.reset_after}


# --- the demo --------------------------------------------------------------------------------
# The modern adding problem (values in [0, 1], target the sum of the two marked ones) and its
# sequence-counting trainer come from nutshell.glossary._adding, shared with lstm and rnn.

UNITS = 64
# The claim's bars: "solved" is a test MSE at most twice the trainer's stopping level (0.01), and
# a net "stays near the mean guess" when its test MSE is at least 3/4 of the guess's. On seeds
# 100-102 (fresh sequences, never reported), quick mode: the GRU met the stopping rule after
# 8,000-8,800 of its 16,000 sequences, test MSE 0.0013-0.0025; the SimpleRNN scored 1.00-1.20
# times the mean guess's MSE.
SOLVED_BAR = 0.02
NEAR_MEAN_GUESS = 0.75


def gru_cell(units: int) -> keras.layers.Layer:
    """The racer: our GRU cell in Cho et al.'s form (the reset gate before U_h)."""
    return GRUCellFromScratch(units, reset_after=False)


def claim_parts(mse: dict[str, float], weights: dict[str, int], mean_guess_mse: float) -> list[Part]:
    """The GRU solves the task; the plain RNN, on the same sequences, stays near the mean guess;
    the GRU has 3/4 of an LSTM's recurrent weights (true by construction: a check)."""
    return [
        at_most("gru_test_mse", mse["gru"], SOLVED_BAR),
        at_least("simple_rnn_mse_over_mean_guess", mse["simple_rnn"] / mean_guess_mse, NEAR_MEAN_GUESS),
        at_most("gru_over_lstm_weights", weights["gru"] / weights["lstm"], 0.75, kind="identity"),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows (see PREDICT).

    A net solved the task when its seed-averaged test MSE is within the GRU's bar (SOLVED_BAR).
    "It depends on the seed" when the GRU solved it on some seeds, not all.
    """
    parts = recorded_parts(claim)
    gru = parts["gru_test_mse"]
    if held_on_some_seeds(gru):
        return "E"
    if gru["mean"] > gru["bar"]:
        return "D"
    if claim["numbers"]["simple_rnn_test_mse"] <= gru["bar"]:
        return "C"
    return "A" if claim["numbers"]["lstm_test_mse"] <= gru["bar"] else "B"


def demo(run: Run) -> None:
    """A GRU learns the long adding problem; a plain RNN on the same sequences stays at the mean
    guess; an LSTM at Keras's default start is trained beside them and reported."""
    steps = 50 if run.quick else 100  # quick: the same race on sequences half as long
    budget = run.epochs * SEQUENCES_PER_EPOCH
    data = sequences(MODERN, budget, run.seed, steps=steps, n_test=2_000)
    run.say(
        f"The {steps}-step adding problem (guessing the mean: MSE {data.mean_guess_mse:.3f}; "
        f"solved: check MSE stays below 0.01). A GRU of {UNITS} units (our cell, the equations "
        f"above), until solved, at most {budget:,} sequences…"
    )
    gru = regressor(keras.layers.RNN(gru_cell(UNITS), name="recurrent"), steps, "gru")
    trained = train_until_solved(
        run, gru, MODERN, data, budget, learning_rate=run.learning_rate, batch_size=run.batch_size
    )
    used = trained.sequences_seen
    run.say(
        f"…then, on the same {used:,} sequences, an LSTM at Keras's default start (forget-gate "
        f"bias 1, input-gate bias 0) and a SimpleRNN, both of {UNITS} units."
    )
    others = {"lstm": LSTMCellFromScratch(UNITS), "simple_rnn": SimpleRNNCellFromScratch(UNITS)}
    models = {"gru": gru}
    for name, cell in others.items():
        models[name] = regressor(keras.layers.RNN(cell, name="recurrent"), steps, name)
        train_until_solved(
            run,
            models[name],
            MODERN,
            data,
            used,
            learning_rate=run.learning_rate,
            batch_size=run.batch_size,
            name=name.replace("_", "-"),
        )

    mse = {name: mse_on(model, data.test) for name, model in models.items()}
    weights = {name: model.get_layer("recurrent").count_params() for name, model in models.items()}
    run.say(
        run.table(
            "race",
            ["unit", "recurrent weights", f"test MSE after {used:,} sequences"],
            [[name, weights[name], mse[name]] for name in models],
        )
    )
    run.metrics({f"test_mse_{name}": value for name, value in mse.items()} | {"mean_guess_mse": data.mean_guess_mse})
    solved = {"gru_sequences_to_solve": trained.sequences_to_solve} if trained.sequences_to_solve else {}
    run.claim(
        f"A GRU of {UNITS} units, trained on at most {budget:,} fresh {steps}-step adding-problem "
        "sequences, solves it (test MSE <= {gru_test_mse}) with 3/4 of an LSTM's recurrent weights, "
        "while a SimpleRNN trained on the sequences the GRU needed stays near the mean guess (test MSE "
        "at least {simple_rnn_mse_over_mean_guess:.0%} of the guess's). An LSTM at Keras's default "
        "start (forget-gate bias 1), on those same sequences, is reported beside them, not judged: "
        "the lstm entry's LSTM, its gate biases started at 5 and -3 (batch 8, rate 2e-2), solves the "
        "100-step task in about 4,000 sequences.",
        claim_parts(mse, weights, data.mean_guess_mse),
        mean_guess_mse=data.mean_guess_mse,
        lstm_test_mse=mse["lstm"],
        simple_rnn_test_mse=mse["simple_rnn"],
        sequences_trained=used,
        gru_weights=weights["gru"],
        lstm_weights=weights["lstm"],
        **solved,
    )
