"""A multilayer perceptron (MLP) is a feedforward network of fully connected layers: the input,
one or more hidden layers of nonlinear units, and an output layer, trained end to end with
backpropagation.

## Intuition
The name is historical and a little misleading. An MLP is not a pile of Rosenblatt perceptrons:
its units use smooth or piecewise-linear activations (sigmoid, tanh, ReLU) instead of a hard step,
because training needs gradients. What it keeps from the perceptron is the idea of weighted sums,
now arranged in layers where every unit sees every output of the layer below.

The hidden layers are what make it more than logistic regression. Each one re-describes the input
in new features, and the output layer then only has to draw simple boundaries in that new space.
That is how an MLP solves XOR, which no single unit can. In theory one hidden layer with enough
units can approximate any continuous function on a bounded region as closely as desired; in
practice extra depth often reaches the same accuracy with far fewer units. For decades, though,
deep MLPs were hard to train, because gradients faded on their way back to the early layers.

## The math
With one hidden layer, activation f and output function g:

    h = f(W₁x + b₁),        ŷ = g(W₂h + b₂)

XOR with two ReLU hidden units: h₁ = relu(x₁ + x₂), h₂ = relu(x₁ + x₂ − 1), ŷ = h₁ − 2h₂.
Check: (0,0) → 0 − 0 = 0; (1,0) and (0,1) → 1 − 0 = 1; (1,1) → 2 − 2·1 = 0.

Size of a 784 → 256 → 10 MLP for 28 × 28 images and 10 classes:
(784·256 + 256) + (256·10 + 10) = 200,960 + 2,570 = 203,530 parameters.

## Common confusions
"MLP", "feedforward network" and "fully connected network" are often used interchangeably. Strictly,
an MLP is the fully connected kind; a ConvNet is also feedforward but is not called an MLP.

## See also
- **perceptron**: the single-unit ancestor of the name
- **layer**: input, hidden and output layers
- **fully-connected-layer**: the building block of an MLP
- **backpropagation**: how its weights are trained
- **vanishing-gradient**: why deep MLPs were once hard to train
- **neural-network**: the broader family

## Sources
- Sebastian Raschka, "What is deep learning?" (MLPs, hidden layers, vanishing gradients).
- "A short overview of deep learning" (blog overview: layers, universality, backprop).
- D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating
  errors", Nature 323, 533-536, 1986.
- G. Cybenko, "Approximation by superpositions of a sigmoidal function", Mathematics of Control,
  Signals and Systems 2, 303-314, 1989.
- K. Hornik, M. Stinchcombe, H. White, "Multilayer feedforward networks are universal
  approximators", Neural Networks 2(5), 359-366, 1989.
"""

TITLE = "Multilayer perceptron (MLP)"
ALIASES = ("multilayer perceptron", "multilayer network", "fully connected network")
