"""A feature map is the 2-D grid of outputs that one kernel produces when it is slid over the
input: each cell says how strongly that kernel's pattern is present at that spot.

## Intuition
Imagine laying a sheet of tracing paper over a photo and shading every place where you see a
vertical edge. The shaded sheet is a feature map. A convolutional layer makes one such sheet per
kernel and stacks them, so a layer with 64 kernels hands the next layer a pile of 64 sheets, each
highlighting a different pattern. In the first layers the sheets mark edges and colour blobs; deep
in the network they light up for eyes, wheels or letters.

The input image itself is treated the same way: a colour picture is three maps (red, green, blue)
stacked on top of each other. That is why "feature map" and "channel" are used almost
interchangeably.

## The math
A layer's activations form a tensor of shape H×W×C (height, width, channels; PyTorch stores it as
C×H×W). Map number d is y[:, :, d] = f(K_d ⋆ x + b_d), where K_d is kernel d, x is the whole input
stack, ⋆ is the sliding dot product over all input channels, b_d a bias and f the nonlinearity.
So each output map mixes information from every input map.

Shape example: a 224×224×3 image through 64 kernels of 3×3 with padding 1 gives 224×224×64, i.e.
3,211,264 numbers, about 12.8 MB per image in 32-bit floats. Feature maps, not weights, often
dominate the GPU memory used while training a CNN, which is one reason pooling is applied.

## Picture
```text
 input x: H×W×3          kernels, 3×3×3 each        output: H×W×64
 R, G, B planes     ──►  K_1   vertical edge   ──►  map 1
                    ──►  K_2   horizontal edge ──►  map 2
                         ...                        ...
                    ──►  K_64  green blob      ──►  map 64
 each kernel reads all 3 input planes and writes exactly 1 output map
```

## Try it
`nutshell demo feature-map` trains the small CNN of the cnn entry on MNIST, recomputes each
output map of its second convolution from that map's kernel alone (difference about 1.5 × 10⁻⁶),
and blanks the input maps one at a time: every one of the 32 output maps moves, the least by
1-2.5% of its mean size (`--quick`, seeds 0-4). Held to one input map per kernel, they do not.
It also counts: at batch 32 the maps of one training step hold 752,640 numbers, 37 times the
20,490 weights.

## See also
- **kernel**: each kernel yields exactly one feature map
- **convolution**: the operation that produces it
- **pooling**: how maps are shrunk
- **feature-learning**: why the maps become more abstract with depth

## Sources
- [dettmers2015]
- [lecun2015]
- [zeiler2014]
"""

TITLE = "Feature map"
ALIASES = ("activation map", "channel", "feature plane", "colour channel", "color channel")

DEMO = {
    "epochs": 8,
    "batch_size": 32,
    "learning_rate": 0.003,
    "datasets": ("mnist", "digits", "fashion_mnist"),
    "quick": {"epochs": 2},
}

PREREQUISITES = ("convolution", "kernel")

PREDICT = {
    "question": "A small CNN is trained to classify images. Then the maps that enter its second "
    "convolution are set to zero one at a time (maps that are blank anyway are skipped). "
    "What happens to that convolution's output maps each time?",
    "options": {
        "A": "every output map changes by a clear amount, whichever input map was zeroed",
        "B": "every output map changes, but some only by a trace",
        "C": "some output maps stay exactly as they were: each reads only some of the input maps",
        "D": "it depends on the seed",
    },
    "why": "Map number d is y[:, :, d] = f(K_d ⋆ x + b_d), where K_d is kernel d, x is the whole input "
    "stack, ⋆ is the sliding dot product over all input channels, b_d a bias and f the "
    "nonlinearity. So each output map mixes information from every input map.",
}

RECALL = (
    {
        "question": "A 224x224 RGB image goes through a conv layer of 64 kernels of 3x3, with padding 1 "
        "and stride 1. How many numbers does the layer output for this one image?",
        "options": {"A": "3,211,264", "B": "150,528", "C": "1,728", "D": "9,633,792"},
        "answer": "A",
        "why": "Shape example: a 224×224×3 image through 64 kernels of 3×3 with padding 1 gives "
        "224×224×64, i.e. 3,211,264 numbers, about 12.8 MB per image in 32-bit floats.",
    },
    {
        "question": "While a CNN trains, what often takes up most of the GPU's memory?",
        "options": {
            "A": "the weights",
            "B": "the feature maps",
            "C": "the gradients of the weights",
            "D": "the batch of input images",
        },
        "answer": "B",
        "why": "Feature maps, not weights, often dominate the GPU memory used while training a CNN, which "
        "is one reason pooling is applied.",
    },
)

__all__ = ["one_feature_map", "numbers_in_maps_and_weights"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.convolution import conv2d_sliding_window


def one_feature_map(maps, kernel, bias, d, padding="same"):
    """Map d of a convolutional layer, computed from kernel d alone: K_d ⋆ x + b_d.

    Kernel d has shape (k, k, C): it reads all C input maps at once and writes exactly one output
    map. The layer's D output maps are D such computations side by side, nothing more.

    Args:
        maps: the layer's input, (batch, H, W, C).
        kernel: the layer's kernel, (k, k, C, D). bias: its D biases.
        d: which output map.

    Returns:
        (batch, H', W'), the pre-activation of map d.
    """
    only_d = kernel[:, :, :, d : d + 1]  # (k, k, C, 1): one kernel, all channels
    return conv2d_sliding_window(maps, only_d, padding=padding)[..., 0] + bias[d]


def numbers_in_maps_and_weights(model, batch_size):
    """(numbers in the feature maps of one batch, numbers in the weights) of a model.

    Training keeps each layer's output for the backward pass, so one step holds every map of
    every example in the batch; the weights are held once, however large the batch.
    """
    maps = sum(int(np.prod(layer.output.shape[1:])) for layer in model.layers if len(layer.output.shape) == 4)
    return maps * batch_size, model.count_params()


# --- the demo --------------------------------------------------------------------------------


def measure(model, images):
    """What conv_2 of a trained CNN does with the maps below it (pure: model in, numbers out).

    `one_kernel_gap`: each output map recomputed from its own kernel alone, against the layer.
    `mixing`: for every (input map c, output map d), how much blanking c moves d, as a share of d's
    mean size (pre-activation); the weakest of these links is `weakest_link`, and `input_maps_blank`
    counts input maps that are blank for these images already (they cannot move anything and are
    left out).
    """
    conv_2 = model.get_layer("conv_2")
    below = keras.Model(model.inputs, model.get_layer("pool_1").output).predict(images, verbose=0)
    kernel, bias = (ops.convert_to_numpy(w) for w in conv_2.weights)
    layer_output = ops.convert_to_numpy(conv_2(below))  # after its ReLU
    by_hand = np.stack(
        [ops.convert_to_numpy(one_feature_map(below, kernel, bias, d)) for d in range(kernel.shape[-1])], axis=-1
    )
    size = np.abs(by_hand).mean(axis=(0, 1, 2))  # each output map's mean size
    live = [c for c in range(below.shape[-1]) if below[..., c].any()]
    mixing = np.zeros((len(live), kernel.shape[-1]))
    for row, c in enumerate(live):
        blanked = below.copy()
        blanked[..., c] = 0.0
        pre = ops.convert_to_numpy(conv2d_sliding_window(blanked, kernel, padding="same")) + bias
        mixing[row] = np.abs(pre - by_hand).mean(axis=(0, 1, 2)) / np.maximum(size, 1e-12)
    return mixing, {
        "one_kernel_gap": float(np.abs(np.maximum(by_hand, 0.0) - layer_output).max()),
        "weakest_link": float(mixing.min()),
        "input_maps_blank": below.shape[-1] - len(live),
    }


# Bars, chosen with --quick --held-out on MNIST, seeds 100-102 (2 epochs on 3,000 images): the CNN
# reached 0.939-0.957 validation accuracy (0.8: it learned, chance is 0.1), and the weakest of
# conv_2's 16 × 32 links moved its output map by 1.1-1.7% of that map's mean size (0.5%: a link,
# not round-off; a layer whose maps each read one input map has links of exactly 0).
MIN_ACCURACY = 0.8
MIN_WEAKEST_LINK = 0.005
MIN_MAPS_TO_WEIGHTS = 5


def claim_parts(
    numbers: dict[str, float],
    accuracy: float,
    tolerance: float,
    min_accuracy: float = MIN_ACCURACY,
    min_link: float = MIN_WEAKEST_LINK,
) -> list[Part]:
    """One map from one kernel and the count of numbers are true by construction: checks. Measured:
    the CNN learned, and in its trained conv layer every input map feeds every output map."""
    return [
        at_most("one_kernel_gap", numbers["one_kernel_gap"], tolerance, kind="identity"),
        at_least("maps_to_weights", numbers["maps_to_weights"], MIN_MAPS_TO_WEIGHTS, kind="identity"),
        at_least("test_accuracy", accuracy, min_accuracy),
        at_least("weakest_link", numbers["weakest_link"], min_link),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows, from the weakest link: how far the least moved
    output map moved when an input map was zeroed, relative to that map's mean size. A link of 1e-4
    or less is rounding: that output map did not read the input map."""
    link = recorded_parts(claim)["weakest_link"]

    def option(value: float) -> str:
        return "A" if value >= link["bar"] else "C" if value <= 1e-4 else "B"

    return option(link["min"]) if option(link["min"]) == option(link["max"]) else "D"


def demo(run: Run) -> None:
    """Each kernel writes one map from all the maps below it; a batch's maps outnumber the weights."""
    split = run.load_images(quick=(3000, 1000))
    model = build_cnn(split.input_shape, split.num_classes)
    run.say("Training the small CNN of the cnn entry (conv 16, pool, conv 32, pool, softmax)…")
    accuracy = run.train_and_evaluate(
        model,
        (split.x_train, split.y_train),
        (split.x_test, split.y_test),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )["accuracy"]

    run.say(
        "conv_2: recomputing each output map from its own kernel alone, then blanking its input "
        "maps one at a time to see which output maps move…"
    )
    mixing, numbers = measure(model, split.x_test[:8])
    maps_in_batch, weights = numbers_in_maps_and_weights(model, run.batch_size)
    numbers["maps_to_weights"] = maps_in_batch / weights
    run.say(
        run.table(
            "maps_and_weights",
            ["layer", "map shape", f"numbers in maps, batch {run.batch_size}", "weights"],
            [
                [
                    layer.name,
                    "×".join(map(str, layer.output.shape[1:])),
                    int(np.prod(layer.output.shape[1:])) * run.batch_size,
                    layer.count_params(),
                ]
                for layer in model.layers
                if len(layer.output.shape) == 4
            ],
        )
    )

    # float32 rounding leaves ~1e-6; --precision mixed computes the layer in 16-bit floats
    tolerance = 1e-4 if model.get_layer("conv_2").compute_dtype == "float32" else 0.1
    run.metrics({"test_accuracy": accuracy, "maps_to_weights": numbers["maps_to_weights"]})
    run.claim(
        "Each output map of a trained conv layer is its own kernel applied to all the input maps "
        "(recomputed from that kernel alone: max difference <= {one_kernel_gap:g}), and every output "
        "map reads every input map: blanking any non-blank input map moves every output map by at "
        "least {weakest_link:.1%} of its mean size (the CNN reaches {test_accuracy:.0%}). At batch "
        f"{run.batch_size} the feature maps a training step keeps hold >= {{maps_to_weights:g}}x as "
        "many numbers as the weights.",
        claim_parts(numbers, accuracy, tolerance),
        input_maps_blank=numbers["input_maps_blank"],
        numbers_in_maps=maps_in_batch,
        numbers_in_weights=weights,
    )
    image = split.x_test[:1]
    run.images("feature_maps/input", image, enlarge=max(1, 64 // image.shape[1]))
    for name in ("conv_1", "conv_2"):
        maps = keras.Model(model.inputs, model.get_layer(name).output).predict(image, verbose=0)[0]
        run.mosaic(f"feature_maps/{name}", maps.transpose(2, 0, 1)[..., None], enlarge=max(1, 64 // maps.shape[0]))
    run.images("feature_maps/conv_2_mixing_input_by_output", mixing[None, :, :, None], enlarge=8)
