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

## See also
- **lstm**: the three-gate design the GRU simplifies
- **rnn**: the plain recurrent net both improve on
- **vanishing-gradient**: the problem the gating addresses

## Sources
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- K. Cho, B. van Merriënboer, C. Gulcehre, D. Bahdanau, F. Bougares, H. Schwenk, Y. Bengio,
  "Learning phrase representations using RNN encoder-decoder for statistical machine translation",
  EMNLP, 2014.
- J. Chung, C. Gulcehre, K. Cho, Y. Bengio, "Empirical evaluation of gated recurrent neural networks
  on sequence modeling", arXiv:1412.3555, 2014.
"""

TITLE = "Gated Recurrent Unit (GRU)"
ALIASES = (
    "gated recurrent unit",
    "update gate",
    "reset gate",
)
