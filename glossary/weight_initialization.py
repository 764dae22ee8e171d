"""Weight initialisation picks the random values a network's weights start from. The scale
matters: a signal passing forward, and a gradient passing back, is multiplied by roughly the same
factor at every layer, so a badly scaled start makes it fade or blow up in a deep network.

## Intuition
Why random at all? If every weight of a layer starts at the same value, all its units compute the
same thing, receive the same gradient and stay identical forever: the layer behaves like one unit.
Random starting values break this symmetry. Biases can safely start at zero.

Why the scale? Raschka points out that random initial weights can be far from any good solution,
and depth compounds the harm: each layer multiplies the size of its input by a factor set by the
number of inputs per unit and the spread of the weights. A factor of 0.5, repeated over twenty
layers, leaves about a millionth of the signal; a factor of 2 makes it a million times too big,
and sigmoid and tanh units saturate. Good schemes set the spread from the layer's fan-in (number
of inputs) so that the factor is about one.

## The math
For z = ∑ᵢ₌₁ⁿ wᵢ xᵢ with independent, zero-mean weights: Var(z) = n · Var(w) · E[x²].

- LeCun et al. (1998): Var(w) = 1 / n_in keeps Var(z) ≈ Var(x) for zero-centred, roughly linear
  units such as tanh near zero.
- Glorot and Bengio (2010): Var(w) = 2 / (n_in + n_out), a compromise between the forward pass
  (which wants 1 / n_in) and the backward pass (1 / n_out). The uniform version draws from
  [−a, a] with a = √(6 / (n_in + n_out)); it is Keras's default for Dense and Conv layers.
- He et al. (2015): Var(w) = 2 / n_in for ReLU. A ReLU zeroes half of a symmetric input, so
  E[relu(z)²] = Var(z) / 2, and the 2 puts the lost half back.

Example, a stack of ReLU layers 256 units wide. He initialisation gives each layer the variance
factor 256 · (2/256) / 2 = 1. Weights drawn with standard deviation 0.01 give
256 · 10⁻⁴ / 2 = 0.0128 per layer: after ten layers the signal's variance is about 10⁻¹⁹ of what
went in, and the gradients shrink the same way.

Recurrent weight matrices are often started orthogonal (all singular values 1), Keras's default
for its LSTM and GRU layers, so repeated multiplication over time neither shrinks nor grows them.

## See also
- **vanishing-gradient**: the failure a poor scale produces
- **parameter**: the weights and biases being initialised
- **relu**: why He initialisation has the factor 2
- **deep-belief-network**: the older answer, starting deep nets from pre-trained weights
- **batch-normalization**: rescaling activations during training instead
- **deep-learning-framework**: where the default initialisers are set

## Sources
- [raschka] — random initial weights as a reason deep nets were hard to train
- [lecun1998backprop]
- [glorot2010]
- [he2015]
- [saxe2014] — orthogonal initialisation
"""

TITLE = "Weight initialization"
ALIASES = (
    "weight initialisation",
    "initialization",
    "initialisation",
    "random initialization",
    "random initialisation",
    "initial weights",
    "glorot initialization",
    "xavier initialization",
    "he initialization",
    "kaiming initialization",
    "initializer",
    "symmetry breaking",
)

PREREQUISITES = ("parameter", "layer")

RECALL = (
    {
        "question": "Why must the weights of a layer not all start at the same value?",
        "options": {
            "A": "Its units would get the same gradients and stay copies of one another",
            "B": "Equal weights make the loss convex, with nothing to learn",
            "C": "Equal weights make every output exactly zero",
            "D": "They may, as long as the biases differ",
        },
        "answer": "A",
        "why": "If every weight of a layer starts at the same value, all its units compute the same "
        "thing, receive the same gradient and stay identical forever: the layer behaves like one "
        "unit.",
    },
    {
        "question": "Which weight variance keeps the signal's size steady through a deep stack of ReLU "
        "layers whose units each have n inputs?",
        "options": {"A": "1 / n", "B": "2 / n", "C": "2 / (n + number of outputs)", "D": "0.01², whatever n is"},
        "answer": "B",
        "why": "He et al. (2015): Var(w) = 2 / n_in for ReLU. A ReLU zeroes half of a symmetric input, "
        "so E[relu(z)²] = Var(z) / 2, and the 2 puts the lost half back.",
    },
)
