"""The hyperbolic tangent, tanh(z), squashes any real number into (−1, 1); it is a sigmoid
stretched and shifted to be centred on zero, and it was the usual hidden-layer activation
before ReLU.

## Intuition
tanh has the same S shape as the sigmoid, but its outputs run from −1 to 1 and it passes through
the origin. That symmetry matters: a layer of tanh units produces outputs that average near zero,
so the next layer sees inputs of both signs and its weights can move in different directions
during one update. With the all-positive sigmoid, the gradients for all weights into a unit share
a sign, which makes learning zig-zag.

It still saturates. For inputs beyond about ±3 the curve is nearly flat, the slope is close to
zero, and gradients fade as they travel back through many tanh layers. Today tanh lives on mainly
inside recurrent networks: a plain RNN updates its hidden state through tanh, and LSTM and GRU
units use it for the candidate values they write into memory.

## The math
tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1, where σ is the logistic sigmoid.
It is odd: tanh(−z) = −tanh(z), and tanh(0) = 0.
Slope: tanh'(z) = 1 − tanh²(z), equal to 1 at z = 0, four times the sigmoid's peak of 0.25.

Numbers: tanh(1) ≈ 0.762, tanh(2) ≈ 0.964, and tanh'(2) = 1 − 0.964² ≈ 0.071, so by z = 2
the slope has already fallen by more than 90% from its peak.

## Picture
```text
 tanh(z)
  1 ┤                         ●●●●●●●●●●
    │                    ●●●●
  0 ┼ - - - - - - - - ●- - - - - - - - -
    │            ●●●●
 −1 ┤●●●●●●●●●●●
    └────────────────┼────────────────── z
   −4                0                  4
```

## See also
- **activation**: the family it belongs to
- **sigmoid**: the same curve squeezed into (0, 1)
- **relu**: the non-saturating replacement
- **vanishing-gradient**: why its flat tails hurt deep nets
- **rnn**: where tanh still drives the hidden state
- **lstm**: tanh for candidate values, sigmoid for gates

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- Sebastian Raschka, "What is deep learning?" (hyperbolic tangent units in MLPs).
- Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in Neural Networks:
  Tricks of the Trade, Springer, 1998.
"""

TITLE = "Tanh"
ALIASES = ("hyperbolic tangent", "tanh function", "tanh activation")
