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

## Try it
`nutshell demo fully-connected-layer` shuffles the pixels of every MNIST image the same way.
An MLP trained on the shuffled images, started from the same weights with their rows shuffled
alike, gives exactly the answers it gives on the originals (accuracy 0.930 both), while the small
CNN of the cnn entry drops from 0.975 to 0.922: its kernels count on neighbours (seed 0).

## See also
- **layer**: the general building block
- **mlp**: a network made only of dense layers
- **cnn**: where dense layers act as the classifier
- **logistic-regression**: what the final dense layer amounts to
- **weight-sharing**: the opposite design choice, used by conv layers

## Sources
- [dettmers2015]
- [overview]
- [simonyan2015]
"""

TITLE = "Fully connected layer"
ALIASES = ("dense layer", "dense", "fc layer", "fully connected", "linear layer", "affine layer",
           "matrix multiplication", "flatten")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 6, "batch_size": 32, "learning_rate": 0.002, "datasets": ("mnist",),
    "quick": {"epochs": 3},
}

__all__ = ["permute_rows_like_pixels"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell import data
from nutshell.glossary.cnn import build_cnn
from nutshell.glossary.layer import DenseFromScratch, dense_parameter_count


def permute_rows_like_pixels(weights, permutation):
    """A dense layer's weights for inputs whose entries were reordered: x′ = x[permutation].

    Row j of the kernel W belongs to input j, so W′ = W[permutation] gives x′W′ = ∑ⱼ x[pⱼ] W[pⱼ]
    = xW: the same sums in a different order. Nothing about W says which inputs sit side by side,
    which is why a dense layer cannot care.
    """
    kernel, bias = weights
    return [np.asarray(kernel)[permutation], np.asarray(bias)]


# --- the demo --------------------------------------------------------------------------------

def _mlp(input_shape, num_classes, hidden=64):
    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(name="flatten"),
                             DenseFromScratch(hidden, activation="relu", name="hidden"),
                             DenseFromScratch(num_classes, activation="softmax", name="output")],
                            name="mlp")


def demo(run):
    """Shuffle the pixels of every image the same way: an MLP does not notice, a CNN does."""
    split = data.load_images(run.settings.dataset)
    if run.quick:
        split = split.subset(3000, 1000)
    rng = np.random.default_rng(run.seed)
    order = rng.permutation(len(split.x_train))   # one fixed order of examples for every fit
    x_train, y_train = split.x_train[order], split.y_train[order]
    x_test, y_test = split.x_test, split.y_test
    shape = split.input_shape
    pixels = rng.permutation(int(np.prod(shape)))   # one fixed shuffle of the pixel positions
    scramble = lambda x: x.reshape(len(x), -1)[:, pixels].reshape(x.shape)
    run.images("data/original_and_shuffled", np.concatenate([x_test[:4], scramble(x_test[:4])]),
               enlarge=max(1, 64 // shape[0]))

    run.say("An MLP on the images, then the same MLP, started from its weights with the kernel rows "
            "shuffled like the pixels, on the shuffled images (same batches, same order)…")
    plain, shuffled = _mlp(shape, split.num_classes), _mlp(shape, split.num_classes)
    shuffled.set_weights(plain.get_weights())
    hidden = shuffled.get_layer("hidden")
    hidden.set_weights(permute_rows_like_pixels(hidden.get_weights(), pixels))
    fit = dict(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    answers = {}
    for model, name, x, x_eval in ((plain, None, x_train, x_test),
                                   (shuffled, "mlp-shuffled", scramble(x_train), scramble(x_test))):
        run.compile(model, **fit)
        run.fit(model, x, y_train, validation_data=(x_eval, y_test), name=name, shuffle=False)
        answers[name] = model.predict(x_eval, verbose=0).argmax(axis=1)
    agree = float(np.mean(answers[None] == answers["mlp-shuffled"]))
    mlp_accuracy, mlp_shuffled_accuracy = (float(np.mean(a == y_test)) for a in answers.values())

    run.say("The same two runs for the small CNN of the cnn entry, whose 3×3 kernels assume that "
            "neighbouring pixels belong together…")
    cnn, cnn_shuffled = build_cnn(shape, split.num_classes), build_cnn(shape, split.num_classes)
    cnn_shuffled.set_weights(cnn.get_weights())
    cnn_accuracy = {}
    for model, name, x, x_eval in ((cnn, "cnn", x_train, x_test),
                                   (cnn_shuffled, "cnn-shuffled", scramble(x_train), scramble(x_test))):
        run.compile(model, **fit)
        run.fit(model, x, y_train, validation_data=(x_eval, y_test), name=name, shuffle=False)
        cnn_accuracy[name] = float(model.evaluate(x_eval, y_test, verbose=0)[1])
    cnn_loss = cnn_accuracy["cnn"] - cnn_accuracy["cnn-shuffled"]

    counts = [(layer.name, int(layer.input.shape[-1]), layer.units, layer.count_params())
              for layer in plain.layers if isinstance(layer, DenseFromScratch)]
    counts_agree = all(count == dense_parameter_count(n, m) for _, n, m, count in counts)
    run.text("results", "| model | pixels | test accuracy |\n|---|---|---:|\n"
             f"| MLP | in order | {mlp_accuracy:.4f} |\n| MLP | shuffled | {mlp_shuffled_accuracy:.4f} |\n"
             f"| CNN | in order | {cnn_accuracy['cnn']:.4f} |\n"
             f"| CNN | shuffled | {cnn_accuracy['cnn-shuffled']:.4f} |\n\n"
             + "\n".join(f"{name}: {n} inputs × {m} units + {m} biases = {count:,} parameters"
                         for name, n, m, count in counts))

    run.metrics({"test_accuracy_mlp": mlp_accuracy, "test_accuracy_mlp_shuffled": mlp_shuffled_accuracy,
                 "test_accuracy_cnn": cnn_accuracy["cnn"],
                 "test_accuracy_cnn_shuffled": cnn_accuracy["cnn-shuffled"]})
    run.claim(
        "A dense layer does not know which pixels are neighbours: an MLP trained on images whose "
        "pixels are shuffled (one fixed shuffle), from its start weights shuffled to match, gives "
        ">= 99% the same test answers as on the originals (accuracies within 0.005), while a small "
        "CNN, >= 0.9 on the originals, loses >= 0.02 accuracy on the shuffled images. Each dense "
        "layer has n·m + m parameters.",
        verdict=(agree >= 0.99 and abs(mlp_accuracy - mlp_shuffled_accuracy) <= 0.005
                 and cnn_accuracy["cnn"] >= 0.9 and cnn_loss >= 0.02 and counts_agree),
        mlp_same_answers=agree, mlp_accuracy=mlp_accuracy, mlp_shuffled_accuracy=mlp_shuffled_accuracy,
        cnn_accuracy=cnn_accuracy["cnn"], cnn_shuffled_accuracy=cnn_accuracy["cnn-shuffled"],
        cnn_accuracy_lost=cnn_loss, **{f"{name}_parameters": count for name, _, _, count in counts},
    )
