"""A maxout unit computes several separate weighted sums of the same input and outputs the largest
one, so instead of using a fixed activation it learns its own piecewise-linear one.

## Intuition
An ordinary unit is one weighted sum bent by a fixed function. A maxout unit is a small panel of
k linear experts looking at the same input, and whichever gives the highest reading wins. Because
the winner can change from input to input, the output is made of straight pieces joined at kinks:
a learned, convex activation shape. In effect it is max pooling applied across a group of linear
units instead of across neighbouring positions in an image.

Maxout was introduced as a partner for dropout. It never saturates (the winning piece always
passes the gradient back at full strength) and it covers ReLU as a special case. The price is
size: each maxout unit carries k sets of weights, so a layer costs k times as many parameters as
an ordinary dense layer with the same number of outputs.

## The math
For input x, unit i with k pieces computes

    hᵢ(x) = max over j = 1 … k of (wᵢⱼ·x + bᵢⱼ)

Special cases with k = 2 and a one-dimensional input: pieces x and 0 give max(x, 0), which is
ReLU; pieces x and −x give |x|. With enough pieces, a maxout unit can approximate any convex
function of its input, and the difference of two maxout units can approximate any continuous
function on a bounded region.

Gradient: only the winning piece j* = argmaxⱼ (wᵢⱼ·x + bᵢⱼ) receives gradient for that input;
∂hᵢ/∂wᵢⱼ* = x and the other pieces get 0.

Parameter count: from 64 inputs to 32 maxout units with k = 4 costs 4 × (64·32 + 32) = 8,320
parameters, against 2,080 for a plain dense layer of the same shape.

## See also
- **unit**: maxout is one of the richer kinds of unit
- **relu**: the special case with one piece fixed at zero
- **activation**: fixed activations, for contrast
- **pooling**: the same max operation, across space
- **dropout**: the regulariser maxout was designed for

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio, "Maxout networks",
  ICML, 2013.
"""

TITLE = "Maxout"
ALIASES = ("maxout unit", "maxout network", "maxout activation", "maxout layer")
