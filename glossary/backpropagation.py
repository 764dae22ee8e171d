"""Backpropagation computes the gradient of the loss with respect to every weight of a network in
one backward sweep, applying the chain rule layer by layer from the output toward the input and
reusing each intermediate result.

## Intuition
After a wrong answer, every weight deserves some share of the blame. The forward pass computes the
prediction and keeps each layer's values. The backward pass starts from the error at the output
and hands blame back one layer at a time, each layer splitting what it received among its inputs
by how much each mattered. The sweep costs about as much as one or two forward passes; nudging
each weight separately to see its effect would need one forward pass per weight, millions of them.

## The math
For layer l: z^l = W^l a^(l−1) + b^l and a^l = φ(z^l), with a^0 the input, φ the activation and
L the loss. Define the error of layer l as δ^l = ∂L/∂z^l. Then

- output layer: δ^m = ∂L/∂a^m ⊙ φ′(z^m)
- earlier layers: δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ φ′(z^l)
- weights: ∂L/∂W^l = δ^l (a^(l−1))ᵀ
- biases: ∂L/∂b^l = δ^l

⊙ is the element-wise product and ᵀ the transpose. Every line is the chain rule; the saving comes
from computing δ once per layer and reusing it.

Tiny example: one sigmoid unit a = σ(w x), loss L = (a − t)² / 2, with x = 1, w = 0, t = 1.
Forward: z = 0, a = 0.5. Backward: ∂L/∂a = a − t = −0.5, σ′(0) = 0.25, so δ = −0.125 and
∂L/∂w = δ x = −0.125. A gradient step with learning rate 1 moves w to 0.125, pushing a toward 1.

## In practice
Frameworks implement it as reverse-mode automatic differentiation: each operation records how to
pass gradients back, so any network built from such operations gets its gradients for free. On a
recurrent net unrolled in time it is called backpropagation through time.

## See also
- **gradient-descent**: uses the gradients backpropagation delivers
- **loss-function**: the quantity being differentiated
- **vanishing-gradient**: what long chains of derivatives can do
- **rnn**: backpropagation through time

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating
  errors", Nature 323, 533-536, 1986.
"""

TITLE = "Backpropagation"
ALIASES = (
    "backprop",
    "backward pass",
    "chain rule",
    "error backpropagation",
    "reverse-mode differentiation",
    "reverse-mode automatic differentiation",
)
