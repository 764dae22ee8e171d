"""A parameter is a number inside a model that training adjusts, chiefly the weights on connections
and the bias added at each unit; together they fix which function the network computes.

## Intuition
Think of a mixing desk with thousands of knobs. The wiring of the desk, its layers and
connections, is the architecture; the knob settings are the parameters. A weight says how strongly
one input pushes a unit up or down, and its sign says which way. A bias shifts the point at which
the unit switches on, whatever the inputs are. Training turns every knob a little at a time until
the desk produces the sound you want, that is, until the loss is low.

## The math
A unit with inputs x_1..x_n computes a = φ(w_1 x_1 + ... + w_n x_n + b) = φ(w · x + b), with weights
w, bias b and activation φ. A dense layer from n_in inputs to n_out units has a weight matrix W of
shape n_out × n_in and a bias vector b of n_out entries: n_in × n_out + n_out parameters.

Worked count for an MLP with 784 inputs (a 28 × 28 image), 128 hidden units and 10 outputs:
784 × 128 + 128 = 100,480 and 128 × 10 + 10 = 1,290, so 101,770 parameters, about 407 KB at
4 bytes each (float32).

A 3 × 3 convolution from 64 to 128 channels needs only 3 × 3 × 64 × 128 + 128 = 73,856, however
large the image, because the same kernel weights are reused at every position.

Each training step updates every parameter θ by the rule θ ← θ − η ∂L/∂θ.

## Common confusions
- Hyperparameters (learning rate, number of layers, batch size) are chosen by you, not learned;
  parameters are learned.
- Activations are values computed from the parameters and the current input; they change with
  every example, the parameters only during training.
- More parameters need more data; with too few examples a large model memorizes them.

## See also
- **unit**: where weights and a bias meet
- **fully-connected-layer**: the layer type with the most parameters
- **weight-sharing**: how convolutions keep the count small
- **gradient-descent**: how parameters are updated
- **overfitting**: the risk of too many parameters for the data

## Sources
- Tim Dettmers, NVIDIA Technical Blog, 2015: "Deep Learning in a Nutshell: Core Concepts".
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
"""

TITLE = "Parameter"
ALIASES = (
    "weight",
    "bias",
    "weights and biases",
    "learnable parameter",
    "trainable parameter",
    "parameter count",
)
