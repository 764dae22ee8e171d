"""A convolutional network (CNN) stacks convolution and pooling layers that turn a grid-shaped
input, such as an image, into ever more abstract feature maps, then ends with fully connected
layers that make the prediction.

## Intuition
A plain network wires every pixel to every unit, as if each unit had to study the whole photo.
A CNN instead lets many small detectors scan the picture. The first layer finds edges and colour
blobs, the next combines them into corners and textures, deeper ones into wheels, eyes or letters,
and the last layer votes on the class. Training, not a designer, tunes the detectors to whatever
helps the task. Pooling between stages shrinks the maps, so deeper layers cover more of the image
cheaply.

LeCun, Bengio and Hinton name four ideas behind the design: local connections (a unit sees a small
patch), shared weights (one kernel is reused at every position), pooling, and many stacked layers.

## The math
One conv layer maps an H×W×C input to an H′×W′×D output with D kernels of size k×k×C:
y[i, j, d] = f(b[d] + ∑ₘ ∑ₙ ∑_c K[m, n, c, d] · x[i + m, j + n, c]), with f a nonlinearity
such as ReLU. Its parameter count is D·(k·k·C + 1), independent of the image size.

Compare on a 32×32 grey image. A conv layer with 4 kernels of 5×5 yields 28×28×4 maps from
4·25 + 4 = 104 parameters. A dense layer producing the same 3,136 outputs from 1,024 pixels needs
1,024·3,136 = 3,211,264 weights, about 30,000 times more, and would have to learn the same edge
detector separately at every location.

## Picture
The traffic-sign network from the Nutshell article; the shapes assume a 32×32 input:
```text
 32×32×1   sign image
    │  conv, 4 kernels 5×5          4·25 + 4     =   104 parameters
 28×28×4
    │  max pool 2×2, stride 2       no parameters
 14×14×4
    │  conv, 10 kernels 5×5×4       10·100 + 10  = 1,010 parameters
 10×10×10
    │  max pool 2×2, stride 2
  5×5×10   flattened to 250 numbers
    │  fully connected to K classes 250·K + K parameters
 class scores → softmax
```

## In practice
LeNet-5 (1998) read handwritten digits. In 2012 a much larger CNN, trained on GPUs with ReLU and
dropout, nearly halved the best error rate on ImageNet (about a million images, 1,000 classes);
CNNs have led image recognition since.

## Try it
`nutshell demo cnn` trains conv (16 kernels 3×3), pool, conv (32), pool, dense on the bundled 8×8
digits, with padding so the maps keep their size, and checks test accuracy ≥ 97%. A dense network
of similar size trains alongside for comparison; the learned kernels and the feature maps of one
test digit go to TensorBoard.

## See also
- **convolution**: the layer that does the filtering
- **pooling**: the shrinking step between convolutions
- **weight-sharing**: why a CNN needs so few parameters
- **receptive-field**: how much of the image each unit sees
- **fully-connected-layer**: the classifier at the end
- **inception**: a multi-branch building block for deeper CNNs

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, CNN, RNN, LSTM and GRU).
- Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
  recognition", Proc. IEEE, 1998.
- A. Krizhevsky, I. Sutskever, G. Hinton, "ImageNet classification with deep convolutional neural
  networks", NIPS, 2012.
"""

TITLE = "Convolutional Neural Network (CNN)"
ALIASES = (
    "convnet", "convolutional network", "convolutional neural network", "convolutional net",
    "lenet",
)

DEMO = {
    "epochs": 15, "batch_size": 32, "learning_rate": 0.003,
    "datasets": ("digits", "mnist", "fashion_mnist", "cifar10"),
    "quick": {"epochs": 8},
}

__all__ = ["build_cnn", "dense_equivalent_weights"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data


def build_cnn(input_shape, num_classes: int, filters=(16, 32), kernel_size: int = 3,
              pool_size: int = 2, padding: str = "same", activation: str = "relu") -> keras.Sequential:
    """A small convolutional network: (convolution, pooling) stages, then one dense softmax layer.

    Each stage is a convolution with `filters[i]` kernels of kernel_size×kernel_size, which turns
    its input into that many feature maps, followed by max pooling, which keeps the strongest
    response in each pool_size×pool_size window and so halves height and width. The last maps are
    flattened into one vector and a fully connected layer turns it into class probabilities.

    The article's traffic-sign network is `build_cnn((32, 32, 1), K, filters=(4, 10),
    kernel_size=5, padding="valid")`: 28×28×4, 14×14×4, 10×10×10, 5×5×10, then K classes.
    `padding="same"` pads the border with zeros so a convolution keeps height and width; without
    it an 8×8 digit shrinks to nothing after two 5×5 stages.

    Args:
        input_shape: (height, width, channels) of one image.
        num_classes: K, the number of outputs of the softmax layer.
        filters: the number of kernels in each stage; its length is the number of stages.
        kernel_size: k, the side of each square kernel.
        pool_size: the side of each pooling window (also its stride).
        padding: "same" keeps height and width through a convolution, "valid" does not pad.
        activation: the nonlinearity after each convolution.

    Input shape: (batch, height, width, channels). Output shape: (batch, num_classes).

    Example:
        >>> build_cnn((8, 8, 1), 10).output_shape
        (None, 10)
    """
    layers = [keras.Input(input_shape)]
    for stage, width in enumerate(filters, start=1):
        layers += [
            # width kernels of k×k×C: each slides over the whole image with the same weights
            keras.layers.Conv2D(width, kernel_size, padding=padding, activation=activation,
                                name=f"conv_{stage}"),
            # keep the largest response per window: smaller maps, a little shift tolerance
            keras.layers.MaxPooling2D(pool_size, name=f"pool_{stage}"),
        ]
    layers += [
        keras.layers.Flatten(name="flatten"),  # H×W×D maps -> one vector of H·W·D numbers
        keras.layers.Dense(num_classes, activation="softmax", name="classify"),
    ]
    return keras.Sequential(layers, name="cnn")


def dense_equivalent_weights(conv: keras.layers.Conv2D) -> int:
    """Parameters a fully connected layer would need to map the same input to the same output as
    the built layer `conv`: one weight per (input number, output number) pair, plus one bias per
    output. The convolution itself needs only D·(k·k·C + 1), because every position shares them."""
    inputs = int(np.prod(conv.input.shape[1:]))
    outputs = int(np.prod(conv.output.shape[1:]))
    return (inputs + 1) * outputs


# --- the demo --------------------------------------------------------------------------------

def _mlp(input_shape, num_classes, hidden=64):
    """The dense baseline: every pixel wired to every hidden unit, no notion of neighbourhood."""
    return keras.Sequential([
        keras.Input(input_shape), keras.layers.Flatten(),
        keras.layers.Dense(hidden, activation="relu"),
        keras.layers.Dense(num_classes, activation="softmax"),
    ], name="mlp")


def _kernel_tiles(kernel):
    """The first layer's kernels (k, k, C, D) as tiles for a mosaic, and whether to rescale them:
    for grey inputs red marks a positive weight, blue a negative one and white zero, each kernel
    on its own scale; for colour inputs each kernel is the small RGB patch it responds to most."""
    tiles = kernel.transpose(3, 0, 1, 2)                       # (D, k, k, C)
    if tiles.shape[-1] != 1:
        return tiles[..., :3], True
    signed = tiles[..., 0] / np.maximum(np.abs(tiles).max(axis=(1, 2, 3))[:, None, None], 1e-8)
    fade_positive, fade_negative = 1.0 - np.clip(signed, 0, 1), 1.0 - np.clip(-signed, 0, 1)
    colours = np.stack([fade_negative, fade_positive * fade_negative, fade_positive], axis=-1)
    return colours, False


def _layer_table(model):
    """Markdown: each layer's output shape and parameter count."""
    rows = ["| layer | output | parameters |", "|---|---|---:|"]
    for layer in model.layers:
        shape = "×".join(str(n) for n in layer.output.shape[1:])
        rows.append(f"| {layer.name} | {shape} | {layer.count_params():,} |")
    rows.append(f"| **total** | | {model.count_params():,} |")
    return "\n".join(rows)


def demo(run):
    """A small CNN learns the digits; its kernels, feature maps and weight count are shown."""
    split = data.load_images(run.settings.dataset)
    limit = 5000 if run.quick else 10000  # the bundled digits have 1,438; caps MNIST/CIFAR runs
    (x_train, y_train), (x_val, y_val) = data.validation_split(split.x_train[:limit], split.y_train[:limit])
    height, width, channels = split.input_shape
    run.say(f"Data: {split.name}, images of {height}x{width}x{channels}; {len(x_train):,} to train "
            f"on, {len(x_val):,} to validate on, {len(split.x_test):,} kept for the final test.")

    model = build_cnn(split.input_shape, split.num_classes)
    stages = " -> ".join(
        f"{layer.name} {'x'.join(str(n) for n in layer.output.shape[1:])}" for layer in model.layers)
    run.say(f"Network: {stages}; {model.count_params():,} parameters.")
    run.text("network/layers", _layer_table(model))
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, x_train, y_train, validation_data=(x_val, y_val))
    test_accuracy = float(model.evaluate(split.x_test, split.y_test, verbose=0)[1])
    run.say(f"CNN test accuracy: {test_accuracy:.4f}")

    # Weight sharing, counted on the trained model's own conv layers.
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    conv_weights = sum(layer.count_params() for layer in convs)
    dense_weights = sum(dense_equivalent_weights(layer) for layer in convs)
    run.say(f"Weight sharing: the conv layers use {conv_weights:,} parameters; fully connected "
            f"layers with the same inputs and outputs would need {dense_weights:,} "
            f"({dense_weights / conv_weights:,.0f}x as many).")

    run.say("For comparison, a dense network (MLP, one hidden layer of 64) on the same images…")
    mlp = _mlp(split.input_shape, split.num_classes)
    run.compile(mlp, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(mlp, x_train, y_train, validation_data=(x_val, y_val), name="mlp")
    mlp_accuracy = float(mlp.evaluate(split.x_test, split.y_test, verbose=0)[1])
    run.say(f"MLP test accuracy: {mlp_accuracy:.4f} with {mlp.count_params():,} parameters "
            f"(CNN: {test_accuracy:.4f} with {model.count_params():,}).")

    # Look inside: the learned first-layer kernels, and one test image as each conv layer sees it.
    kernels = ops.convert_to_numpy(convs[0].kernel)           # (k, k, C, D)
    tiles, rescale = _kernel_tiles(kernels)
    run.mosaic("inside/1_kernels_conv_1", tiles, enlarge=16, rescale=rescale, gap_value=0.0)
    image = split.x_test[:1]
    run.images("inside/2_test_image", image, enlarge=8)
    probe = keras.Model(model.inputs[0], [layer.output for layer in convs])
    for layer, maps in zip(convs, probe(image)):
        maps = ops.convert_to_numpy(maps)[0]                  # (H, W, D)
        factor = max(1, 64 // maps.shape[0])                  # show every map about 64 pixels wide
        run.mosaic(f"inside/3_feature_maps_{layer.name}", maps.transpose(2, 0, 1)[..., None],
                   enlarge=factor)
    guess = int(np.argmax(model.predict(image, verbose=0)))
    run.text("inside/test_image", f"label {int(split.y_test[0])}, predicted {guess}")
    run.say("Learned kernels (red +, blue -) and feature maps are in TensorBoard's IMAGES tab.")

    run.metrics({"test_accuracy": test_accuracy, "mlp_test_accuracy": mlp_accuracy})
    run.claim(
        f"A small CNN shaped like the article's (conv, pool, conv, pool, dense) reaches test "
        f"accuracy >= 97% on {split.name}.",
        verdict=test_accuracy >= 0.97,
        test_accuracy=test_accuracy, parameters=model.count_params(),
        conv_parameters=conv_weights, dense_equivalent_parameters=dense_weights,
        mlp_test_accuracy=mlp_accuracy, mlp_parameters=mlp.count_params(),
    )
