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

## See also
- **lstm**: gating that keeps gradients alive over long spans
- **gru**: a simpler gated alternative
- **vanishing-gradient**: why long products of derivatives misbehave
- **backpropagation**: what BPTT applies to the unrolled chain
- **weight-sharing**: the same idea across space instead of time

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 179-211, 1990.
- P. J. Werbos, "Backpropagation through time: what it does and how to do it", Proc. IEEE 78(10),
  1550-1560, 1990.
- Y. Bengio, P. Simard, P. Frasconi, "Learning long-term dependencies with gradient descent is
  difficult", IEEE Transactions on Neural Networks 5(2), 157-166, 1994.
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
)
