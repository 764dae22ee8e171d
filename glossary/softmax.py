"""Softmax turns a vector of K real-valued scores into K positive numbers that add up to 1, so the
last layer of a classifier can give one probability per class.

## Intuition
Think of it as a soft version of picking the winner. A hard argmax gives everything to the top
score; softmax gives the top score the biggest share but leaves something for the rest.
Exponentiating first makes every score positive and exaggerates gaps, so a lead of a few points
turns into a dominant share, while equal scores split the total evenly.

A dense layer followed by softmax is multinomial logistic regression, and that is how the final
layer of most classification networks, ConvNets included, is built: everything before it learns
features, and this last step converts them into class probabilities. Unlike sigmoid or ReLU,
softmax is not applied unit by unit; each output depends on all the scores.

## The math
For scores z = (z₁, …, z_K):

    pᵢ = e^(zᵢ) / ∑ⱼ e^(zⱼ),   so every pᵢ > 0 and ∑ᵢ pᵢ = 1.

Worked example, z = (2, 1, 0): e² ≈ 7.389, e¹ ≈ 2.718, e⁰ = 1, total ≈ 11.107, so
p ≈ (0.665, 0.245, 0.090).

Adding the same constant c to every score changes nothing, since e^c cancels. Implementations
use this to subtract max(z) first, so e^(zᵢ) never overflows.

Two classes: p₁ = e^(z₁) / (e^(z₁) + e^(z₂)) = σ(z₁ − z₂), the logistic sigmoid of the score gap.

Derivative: ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), where δᵢⱼ is 1 if i = j and 0 otherwise. Combined with the
cross-entropy loss L = −∑ᵢ yᵢ ln pᵢ for a one-hot target y, the gradient collapses to
∂L/∂zᵢ = pᵢ − yᵢ. If the first class is the true one above, that is (−0.335, 0.245, 0.090).

## Common confusions
The scores z fed into softmax are often called logits. The outputs look like probabilities but
are only as trustworthy as the training; a network can be confidently wrong.

## See also
- **logistic-regression**: softmax on a linear layer is its multi-class form
- **cross-entropy**: the loss it is nearly always paired with
- **sigmoid**: the two-class special case
- **activation**: other output and hidden nonlinearities
- **layer**: where softmax usually sits, at the end

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- J. S. Bridle, "Probabilistic interpretation of feedforward classification network outputs,
  with relationships to statistical pattern recognition", in Neurocomputing (NATO ASI Series
  F68), Springer, 1990.
"""

TITLE = "Softmax"
ALIASES = ("softmax function", "normalized exponential", "softargmax", "softmax layer",
           "softmax activation")
