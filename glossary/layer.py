"""A layer is a group of units that all read the same input vector and together produce one output
vector; a network is built by feeding each layer's output into the next.

## Intuition
Think of an assembly line. Each station (layer) takes the whole part from the station before,
reworks it and passes it on. The first station only receives raw material: the input layer holds
the data and computes nothing. The last station delivers what the customer sees: the output layer
gives class probabilities or a predicted number. Every station in between is a hidden layer,
hidden because the training data never says what its outputs should be; the network invents
those features itself.

A layer is usually uniform: all its units do the same kind of thing (one activation function, or
convolution, or pooling). That makes a network easy to write down as a list of layers, such as
"784 → 128 ReLU → 10 softmax", and makes the layer the largest building block that deep-learning
code works with.

## The math
A dense (fully connected) layer maps an input vector a with n entries to an output a' with m:

    a' = σ(Wa + b)

W is an m × n matrix whose row j holds the weights of unit j, b holds m biases, and σ is applied
to each entry. Shapes: (m × n)·(n) + (m) → (m). So a' and b always have the same size, while n is
free: the number of units can change from layer to layer. With a batch of B examples stored as
the rows of X (B × n), Keras keeps the kernel K as an n × m matrix and computes σ(XK + b), giving
B × m.

Parameter count: n·m weights plus m biases. A dense layer from 64 inputs to 32 units has
64 × 32 + 32 = 2080 parameters. A 784 → 128 → 10 network has (784·128 + 128) + (128·10 + 10)
= 100,480 + 1,290 = 101,770.

## Picture
```text
 input layer        hidden layer            output layer
 (3 values)         (4 units, ReLU)         (2 units, softmax)

   x₁ ─┐             ┌─ h₁ ─┐
   x₂ ─┼── W₁ (4×3) ─┼─ h₂ ─┼── W₂ (2×4) ─┬─ y₁
   x₃ ─┘    + b₁     ├─ h₃ ─┤    + b₂     └─ y₂
                     └─ h₄ ─┘
 parameters:    3·4 + 4 = 16            4·2 + 2 = 10        total 26
```

## Common confusions
Counting layers is not standardised. The network above has an input, a hidden and an output
layer, but only two layers of weights, so many authors call it a two-layer network: the input
layer has no units and no parameters. When a paper says "an L-layer network", check which
convention it uses.

## See also
- **unit**: what a layer is made of
- **fully-connected-layer**: the dense layer in detail
- **parameter**: the weights and biases being counted
- **neural-network**: layers chained into a model
- **convolution**: a layer type that shares its weights
- **pooling**: a layer type with no weights at all

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- "A short overview of deep learning" (blog overview: neurons, layers, backprop).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
"""

TITLE = "Layer"
ALIASES = ("input layer", "hidden layer", "output layer", "network layer")
