"""Dropout fights overfitting by silencing a random subset of units on every training step, so no
unit can lean on particular partners; at test time all units are kept, with scaling that keeps
expected activations equal.

## Intuition
Picture a team where anyone may be off sick on any day: nobody can count on one colleague, so
each learns to be useful alone. In a network this stops units forming fragile partnerships
(co-adaptation) that only fit the training set.

A second view: with n droppable units there are 2ⁿ thinned sub-networks, all sharing weights.
Each step trains one of them; the full network at test time acts like a cheap average over this
huge ensemble. The 2012 ImageNet ConvNet used dropout (p = 0.5) in its two big fully connected
layers, which sharply cut its overfitting.

## The math
Let p be the keep probability and h a layer's activations. On each step draw a mask of independent
mᵢ ~ Bernoulli(p) (1 with probability p, else 0).

- Original form: train with h̃ = m ⊙ h; at test time keep all units and multiply the outgoing
  weights by p.
- Inverted dropout (what libraries do): train with h̃ = (m ⊙ h) / p, i.e. rescale the survivors
  by 1/p; at test time use h unchanged. Either way E[h̃ᵢ] = p · hᵢ / p = hᵢ.

Example, p = 0.8: h = (2.0, 1.0, 3.0, 0.5, 4.0), m = (1, 0, 1, 1, 0) gives
h̃ = (2.5, 0, 3.75, 0.625, 0). Typical choices are p = 0.5 for hidden units and p = 0.8 for
inputs. Keras and PyTorch take the drop rate 1 − p as their argument.

## Picture
```text
 units h      2.0    1.0    3.0    0.5    4.0
 mask m        1      0      1      1      0      mᵢ ~ Bernoulli(0.8)
 m ⊙ h / p    2.5     ·     3.75  0.625    ·
               ●      ×      ●      ●      ×      × = off this step
```

## See also
- **overfitting**: the problem dropout targets
- **regularization**: the wider family it belongs to
- **fully-connected-layer**: where dropout is most often placed
- **unit**: what gets switched off

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout: a simple way
  to prevent neural networks from overfitting", JMLR 15, 1929-1958, 2014.
- A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with deep convolutional
  neural networks", NIPS, 2012.
"""

TITLE = "Dropout"
ALIASES = ("inverted dropout", "dropout rate", "dropout layer", "keep probability")
