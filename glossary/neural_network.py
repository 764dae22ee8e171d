"""An artificial neural network is a function built from layers of simple units, each taking a
weighted sum of its inputs and bending it with a nonlinearity, whose weights are tuned from
examples by following the gradient of an error measure.

## Intuition
A network repeats one recipe: take the incoming numbers, form weighted sums, apply a nonlinear
function, and hand the results on. The numbers produced in the middle are features, new
descriptions of the input that the network invents for itself, and the last layer combines them
into a prediction.

Learning is a loop. The network predicts, a loss function scores how far the prediction is from
the target, backpropagation works out how much each weight contributed to that error, and
gradient descent moves every weight a little in the direction that lowers it. Repeated over many
examples, the weights settle into values that make useful features appear.

Networks differ mainly in how units are wired. In a feedforward network information flows one
way, from input to output (MLPs and ConvNets). A recurrent network has loops that feed a layer's
output back in at the next time step, giving it memory for sequences. The brain supplied the
original inspiration and the vocabulary, but a modern network is best understood as a chain of
matrix products and simple functions, not as a model of neurons.

## The math
A feedforward network with L layers computes, for input x,

    a⁰ = x,        aˡ = fˡ(Wˡaˡ⁻¹ + bˡ) for l = 1 … L,        ŷ = aᴸ

where Wˡ and bˡ are layer l's weights and biases and fˡ its activation. Training minimises the
average loss C = (1/N) ∑ₙ loss(ŷ(xₙ), yₙ) over N examples with steps w ← w − η ∂C/∂w, where η is
the learning rate.

Example: a 2 → 3 → 1 network has (2·3 + 3) + (3·1 + 1) = 9 + 4 = 13 parameters.

## See also
- **unit**: the building block
- **layer**: how units are grouped
- **mlp**: the plain fully connected kind
- **backpropagation**: how gradients for every weight are computed
- **deep-learning**: networks with many layers
- **rnn**: networks with loops for sequences

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- "A short overview of deep learning" (blog overview: neurons, layers, cost, backprop).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by back-propagating
  errors", Nature 323, 533-536, 1986.
"""

TITLE = "Neural network"
ALIASES = ("artificial neural network", "ann", "neural net", "feedforward network",
           "feedforward neural network", "fnn")
