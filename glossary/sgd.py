"""Stochastic gradient descent updates the parameters using the gradient from a small random subset
of the training examples, a mini-batch, instead of the whole data set, trading a noisier step for
many more steps per unit of compute.

## Intuition
To learn which way the whole country leans in an election, you do not need to ask everyone; a poll
of a thousand people gives a fair estimate at a tiny fraction of the cost. SGD polls the training
set: it measures the gradient on a handful of examples, takes a step, then polls a fresh handful.
Each step is slightly off but cheap, and on average the steps head the right way. The jitter
can even help the search escape flat spots and sharp, narrow dips.

## The math
With N training examples, per-example losses ℓ_i(θ) and a mini-batch S of B examples drawn at
random, one update with learning rate η is

θ ← θ − η × (1/B) ∑ (i in S) ∇ℓ_i(θ)

The mini-batch average is an unbiased estimate of the full gradient, and its noise (variance) falls
roughly as 1/B. One epoch is one pass through all N examples, which takes N / B updates: with
N = 50,000 and B = 100, that is 500 updates per epoch where full-batch descent would make one.

Momentum, a common addition, keeps a running velocity v: v ← μ v − η g, then θ ← θ + v, with
g the mini-batch gradient and μ around 0.9. It smooths the noise and speeds travel along shallow
valleys. Robbins and Monro showed that a decaying step size with ∑ η_t = ∞ and ∑ η_t² < ∞ lets
such noisy updates converge; in practice η is often cut by a factor of 10 a few times in training.

## In practice
- Typical batch sizes run from 32 to a few hundred, limited by GPU memory and by how well larger
  batches generalize.
- Shuffle the data every epoch so the batches differ.
- Adam and RMSProp are SGD variants that adapt η separately for each parameter.

## See also
- **gradient-descent**: the full-batch method SGD approximates
- **backpropagation**: supplies the per-batch gradient
- **loss-function**: the average that each batch estimates
- **overfitting**: why held-out data is checked after each epoch
- **gpu**: why mini-batches are processed in parallel

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- H. Robbins, S. Monro, "A stochastic approximation method", Annals of Mathematical Statistics
  22(3), 400-407, 1951.
- L. Bottou, "Large-scale machine learning with stochastic gradient descent", Proceedings of
  COMPSTAT 2010, 177-186, 2010.
"""

TITLE = "Stochastic Gradient Descent (SGD)"
ALIASES = (
    "stochastic gradient descent",
    "mini-batch",
    "batch size",
    "epoch",
    "mini-batch gradient descent",
    "momentum",
)
