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
