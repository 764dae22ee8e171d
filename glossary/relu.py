"""The rectified linear unit, relu(z) = max(0, z), lets positive inputs through unchanged and
turns negative ones into zero; it is the default activation for hidden layers in deep networks.

## Intuition
ReLU is a one-way valve. Below zero the unit is silent; above zero it simply reports how strongly
it is driven. That simplicity pays off in three ways. It is cheap: a comparison, no exponential.
It does not saturate on the positive side, so every active unit passes the gradient back at full
strength instead of shrinking it as the sigmoid and tanh do. And it is sparse: for a typical
input, a large share of units output exactly zero.

The faster training this allows was a key part of the early-2010s breakthrough: deep supervised
networks could be trained from random weights without unsupervised pre-training, and the 2012
ImageNet-winning ConvNet relied on ReLUs together with GPUs and dropout.

## The math
relu(z) = max(0, z).
Slope: relu'(z) = 1 for z > 0 and 0 for z < 0; at z = 0 it is undefined and libraries use 0.

Example: for z = (−2, 0.5, 3) a ReLU layer outputs (0, 0.5, 3) and passes back the upstream
gradient multiplied by (0, 1, 1).

Each ReLU is linear on either side of zero, yet it is not a linear function, so a network of
ReLUs computes a piecewise-linear map whose number of linear pieces can grow very fast with
depth. That is enough to approximate curved functions as closely as needed.

## Common confusions
A "dead" ReLU is a unit whose pre-activation is negative for every training input: its slope is
always 0, so its weights stop changing and it never recovers. A large learning rate can cause
this. Leaky ReLU, max(αz, z) with a small α such as 0.01, keeps a small slope below zero to avoid
it. "ReLU" is used both for the function and for a unit that applies it.

## See also
- **activation**: the family of functions ReLU belongs to
- **sigmoid**: the saturating function it displaced
- **vanishing-gradient**: the problem ReLU eases
- **maxout**: a learned generalisation of ReLU
- **deep-learning**: the field ReLU helped make practical

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines",
  ICML, 2010.
- X. Glorot, A. Bordes, Y. Bengio, "Deep sparse rectifier neural networks", AISTATS, 2011.
- A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with deep convolutional
  neural networks", NIPS, 2012.
"""

TITLE = "ReLU"
ALIASES = ("rectified linear unit", "rectifier", "half-wave rectifier", "rectified linear function",
           "leaky relu", "relu activation")
