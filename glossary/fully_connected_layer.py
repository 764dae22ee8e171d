"""A fully connected (dense) layer links every input value to every output unit through its own
weight, computing y = f(W x + b); in a CNN it usually sits at the end, turning the extracted
features into class scores.

## Intuition
Picture a committee where every member reads the entire report before voting: nothing is local,
and each member weighs every line differently. That is a dense layer. It makes no assumption about
which inputs belong together, which is flexible but costly, and it treats a pattern in the top-left
corner as unrelated to the same pattern in the centre.

In a convolutional network the convolution and pooling layers do the looking, and the dense layers
at the top do the deciding: the final feature maps are flattened into one long vector and combined
into a score per class. The very last dense layer followed by a softmax is, in effect, a
multinomial logistic regression on the learned features.

## The math
For an input vector x with n entries and m output units:
y = f(W x + b),  where W is an m×n weight matrix, b an m-vector of biases, f the activation.
Unit i computes yᵢ = f(∑ⱼ Wᵢⱼ xⱼ + bᵢ). The layer has m·n + m parameters.

Example: flatten a 7×7×64 stack of feature maps (3,136 numbers) into 128 units:
3,136 · 128 + 128 = 401,536 parameters, far more than a 3×3 conv layer from 64 to 64 channels
(9 · 64 · 64 + 64 = 36,928). In VGG-16 the first dense layer alone, 25,088 → 4,096, holds about
102.8 million of the network's roughly 138 million weights. This is why modern CNNs often replace
flattening with global average pooling, which leaves only a small dense layer.

## Picture
```text
          x₁    x₂    x₃    x₄            n = 4 inputs
   y₁ ← W₁₁   W₁₂   W₁₃   W₁₄   + b₁
   y₂ ← W₂₁   W₂₂   W₂₃   W₂₄   + b₂      m = 3 outputs
   y₃ ← W₃₁   W₃₂   W₃₃   W₃₄   + b₃
 each output has a weight for every input: 3·4 + 3 = 15 parameters
```

## See also
- **layer**: the general building block
- **mlp**: a network made only of dense layers
- **cnn**: where dense layers act as the classifier
- **logistic-regression**: what the final dense layer amounts to
- **weight-sharing**: the opposite design choice, used by conv layers

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- "A short overview of deep learning" (blog overview of neurons, CNN, RNN, LSTM and GRU).
- K. Simonyan, A. Zisserman, "Very deep convolutional networks for large-scale image
  recognition", ICLR, 2015.
"""

TITLE = "Fully connected layer"
ALIASES = ("dense layer", "dense", "fc layer", "fully connected", "linear layer", "affine layer")
