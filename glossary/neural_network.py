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

## Try it
`nutshell demo neural-network` builds the 2 → 3 → 1 network above (tanh hidden units, one sigmoid
output) and trains it on noisy XOR points. It checks that Keras counts 13 parameters, that the
formula aˡ = f(Wˡaˡ⁻¹ + bˡ) written with matrix products gives Keras's outputs, and that gradient
steps shrink the training loss at least fivefold. Seed 0: loss 0.766 before training, 0.0005
after; test accuracy 1.00; formula and Keras differ by 7 × 10⁻¹⁰.

## See also
- **unit**: the building block
- **layer**: how units are grouped
- **mlp**: the plain fully connected kind
- **backpropagation**: how gradients for every weight are computed
- **deep-learning**: networks with many layers
- **rnn**: networks with loops for sequences

## Sources
- [dettmers2015]
- [overview]
- [lecun2015]
- [rumelhart1986]
"""

TITLE = "Neural network"
ALIASES = ("artificial neural network", "ann", "neural net", "feedforward network",
           "feedforward neural network", "fnn")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 60, "batch_size": 32, "learning_rate": 0.03, "datasets": ("synthetic",),
    "quick": {"epochs": 25},
}

__all__ = ["feedforward", "parameter_count"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.mlp import mlp


def feedforward(x, weights, activations):
    """The forward pass as the formula writes it: a⁰ = x, then aˡ = fˡ(aˡ⁻¹Wˡ + bˡ) layer by layer.

    Keras stores a kernel with one row per input and one column per unit, so a batch of row
    vectors is multiplied from the left (aW rather than the column-vector Wa of the math above).

    Args:
        x: inputs, shape (batch, features).
        weights: a list of (kernel, bias) pairs, kernel of shape (inputs, units), first layer first.
        activations: one Keras activation name (or callable) per layer.

    Returns: the output of the last layer, shape (batch, units of the last layer).
    """
    if len(weights) != len(activations):
        raise ValueError(f"{len(weights)} layers of weights but {len(activations)} activations")
    a = ops.convert_to_tensor(x, dtype="float32")
    for (kernel, bias), activation in zip(weights, activations):
        z = ops.matmul(a, ops.cast(kernel, "float32")) + ops.cast(bias, "float32")
        a = keras.activations.get(activation)(z)
    return a


def parameter_count(sizes) -> int:
    """Weights and biases of a fully connected network with layer sizes (inputs, h₁, …, outputs):
    each layer has inputs·units weights and one bias per unit."""
    return sum((inputs + 1) * units for inputs, units in zip(sizes[:-1], sizes[1:]))


# --- the demo --------------------------------------------------------------------------------

def _weights(model):
    return [(layer.kernel, layer.bias) for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def demo(run):
    """The 2 → 3 → 1 network of the math section: 13 parameters, tuned by gradient steps on XOR."""
    train, test = data.split_off(*data.xor(800 if run.quick else 2000, seed=run.seed), fraction=0.25)
    model = mlp((2,), (3,), 1, activation="tanh", output_activation="sigmoid", name="network_2_3_1")
    run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
    start_loss = float(model.evaluate(*train, verbose=0)[0])
    run.say(f"A 2 → 3 → 1 tanh network with {model.count_params()} parameters starts at training "
            f"loss {start_loss:.3f}; gradient steps on XOR follow…")
    run.fit(model, *train, validation_data=test)
    end_loss, accuracy = (float(v) for v in model.evaluate(*train, verbose=0))
    test_accuracy = float(model.evaluate(*test, verbose=0)[1])

    by_formula = ops.convert_to_numpy(feedforward(test[0], _weights(model), ["tanh", "sigmoid"]))
    formula_error = float(np.abs(by_formula - model.predict(test[0], verbose=0)).max())
    counted, expected = model.count_params(), parameter_count((2, 3, 1))
    run.decision_surface("decision_surface/network_2_3_1", model)
    run.metrics({"test_accuracy": test_accuracy, "train_loss_start": start_loss,
                 "train_loss_end": end_loss})
    run.claim(
        "The 2 → 3 → 1 network has (2·3 + 3) + (3·1 + 1) = 13 parameters and its forward pass is "
        "the formula aˡ = f(aˡ⁻¹Wˡ + bˡ) (max difference < 1e-5); gradient steps cut its training "
        "loss on XOR at least fivefold and reach >= 0.95 test accuracy.",
        verdict=(counted == expected == 13 and formula_error < 1e-5
                 and end_loss <= start_loss / 5 and test_accuracy >= 0.95),
        parameters=counted, formula_difference=formula_error, train_loss_start=start_loss,
        train_loss_end=end_loss, test_accuracy=test_accuracy,
    )
