"""Data augmentation enlarges a training set at no labelling cost by applying changes that keep
the label intact, such as flips, crops, shifts and colour tweaks of images, so the model sees
more variety and overfits less.

## Intuition
A photo of a cat mirrored left to right is still a cat, and so is a slightly zoomed or darker
copy. Each such copy is a free extra training example, and it also tells the model what should not
matter: position, orientation, lighting. Augmentation is a way of writing known invariances into
the data rather than into the architecture.

The change must really keep the label. Mirroring is fine for cats but turns a "b" into a "d", and
rotating a "6" by 180° gives a "9". Copies are usually drawn afresh on every pass over the data,
so the network almost never sees exactly the same input twice. For sound, people add noise or
shift and stretch the clip; for text, they swap in synonyms or translate and translate back.

## The math
Pick a family T of transformations with label(t(x)) = label(x) for every t in T. Training then
minimises the expected loss over random transformations:

    L(θ) = (1/N) ∑ᵢ E_{t∼T}[ ℓ(f(t(xᵢ); θ), yᵢ) ]

In practice each mini-batch samples one t per example, which gives an unbiased estimate of this
average.

Example from the 2012 ImageNet ConvNet: it trained on random 224×224 crops of 256×256 images and
their mirror images. The authors counted 32 × 32 crop offsets × 2 flips = 2048 variants per
image. At test time they averaged the predictions for ten fixed crops (corners, centre and their
mirrors).

## Picture
```text
  original    mirrored     cropped     darker
  ┌──────┐    ┌──────┐    ┌────┐      ┌──────┐
  │ ▲  ● │    │ ●  ▲ │    │▲  ●│      │ △  ○ │
  │  ──  │    │  ──  │    │ ── │      │  ──  │
  └──────┘    └──────┘    └────┘      └──────┘
   "cat"       "cat"       "cat"       "cat"
```

## Try it
`nutshell demo data-augmentation` trains an MLP on 500 MNIST digits as they are, then with each
image shifted by up to 2 pixels, a fresh shift every time it is drawn. Seeds 0-4 (`--quick` trains
as long, 60 epochs): test accuracy 0.877-0.880 → 0.911-0.924 and the train-test gap 0.121-0.124 →
0.069-0.075. TensorBoard shows shifted copies of a few digits. Only shifts are used: flipping or
turning a digit by 180° can change its label.

## See also
- **overfitting**: what the extra variety protects against
- **regularization**: augmentation as one of its forms
- **translation-invariance**: the property shifts and crops teach
- **cnn**: the models where image augmentation is routine

## Sources
- [overview]
- [krizhevsky2012]
- [simard2003]
"""

TITLE = "Data augmentation"
ALIASES = (
    "augmentation",
    "image augmentation",
    "augmented data",
    "random crop",
    "random flip",
    "test-time augmentation",
)

# No "quick" budget of its own: 500 images train fast, and --quick runs the full 60 epochs. Chosen
# with --held-out on seeds 100-102: after 40 epochs augmentation's gain was 0.0185-0.0365 (below
# the 2-point bar on one seed; the shifted images need more passes to pay off), after 60
# 0.0365-0.0485.
DEMO = {"epochs": 60, "batch_size": 32, "learning_rate": 0.001, "datasets": ("mnist", "fashion_mnist")}

PREREQUISITES = ("overfitting",)

PREDICT = {
    "question": "An MLP learns 500 MNIST digits, first as they are, then with every image moved by up "
    "to 2 pixels, a new random move each time it is drawn. How does the second network's "
    "accuracy on the test digits compare with the first's?",
    "options": {
        "A": "higher by a clear margin",
        "B": "about the same: a moved digit is no new information",
        "C": "lower: moved digits blur what it learns",
        "D": "it depends on the seed",
    },
    "why": "Each such copy is a free extra training example, and it also tells the model what should "
    "not matter: position, orientation, lighting. Copies are usually drawn afresh on every "
    "pass over the data, so the network almost never sees exactly the same input twice.",
}

RECALL = (
    {
        "question": "Why is turning handwritten digits upside down a poor way to enlarge a digit set?",
        "options": {
            "A": "it costs too much memory",
            "B": "it can change which digit the image shows",
            "C": "networks cannot learn from rotated images",
            "D": "it only works for colour images",
        },
        "answer": "B",
        "why": "Mirroring is fine for cats but turns a \"b\" into a \"d\", and rotating a \"6\" by 180° gives a \"9\".",
    },
    {
        "question": "Random 224×224 crops are cut from 256×256 images, and each crop is also used "
        "mirrored. By the 2012 ImageNet authors' count, how many variants is that per image?",
        "options": {"A": "64", "B": "1024", "C": "2048", "D": "65,536"},
        "answer": "C",
        "why": "The authors counted 32 × 32 crop offsets × 2 flips = 2048 variants per image.",
    },
)

__all__ = ["RandomShift"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp
from nutshell.glossary.overfitting import generalization_gap


@keras.saving.register_keras_serializable(package="nutshell")
class RandomShift(keras.layers.Layer):
    """Moves each training image by a random whole number of pixels, up to `max_shift` in each
    direction, filling the uncovered border with zeros; at test time it does nothing.

    A shift is a matrix product: row i of the output is row i − dy of the input, which is what
    multiplying by a matrix Sᵧ with ones at (i, i − dy) does. So out = Sᵧ · image · Sₓᵀ, with
    one (Sᵧ, Sₓ) pair drawn per image; rows that would come from outside the image get all-zero
    rows of S, hence the zero border. A new shift is drawn every time an image is seen, so the
    network almost never meets the same input twice.

    Args:
        max_shift: the largest shift in pixels, a non-negative integer.
        seed: makes the sequence of shifts repeatable.

    Input shape: (batch, height, width, channels). Output shape: the same.

    Example:
        >>> import numpy as np
        >>> tuple(RandomShift(2)(np.ones((1, 4, 4, 1)), training=False).shape)
        (1, 4, 4, 1)
    """

    def __init__(self, max_shift=2, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(max_shift, int) or max_shift < 0:
            raise ValueError(f"max_shift must be a non-negative integer, not {max_shift!r}")
        self.max_shift = max_shift
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.built = True  # no weights to create

    def shift_matrices(self, shifts, size):
        """(batch, size, size) matrices S with S[b, i, j] = 1 where j = i − shifts[b]."""
        positions = ops.arange(size, dtype="int32")
        source = positions[None, :] - ops.cast(shifts, "int32")[:, None]  # the row each output row reads
        return ops.cast(ops.equal(source[:, :, None], positions[None, None, :]), self.compute_dtype)

    def call(self, images, training=False):
        if not training or self.max_shift == 0:
            return images
        batch, height, width = ops.shape(images)[0], images.shape[1], images.shape[2]
        dy = keras.random.randint((batch,), -self.max_shift, self.max_shift + 1, seed=self.seed_generator)
        dx = keras.random.randint((batch,), -self.max_shift, self.max_shift + 1, seed=self.seed_generator)
        rows, columns = self.shift_matrices(dy, height), self.shift_matrices(dx, width)
        return ops.einsum("bij,bjkc,blk->bilc", rows, images, columns)  # Sᵧ · image · Sₓᵀ

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "max_shift": self.max_shift, "seed": self.seed}


# --- the demo --------------------------------------------------------------------------------

N_TRAIN = 500  # training images: few enough that a 256-256 MLP overfits them
SHIFT = 2  # pixels: a digit moved by 2 of 28 pixels is still the same digit
# The claim's bars. With --held-out (a validation split of the training images) on seeds 100-102
# augmentation's gain was 0.0365-0.0485 and the gap ratio 0.62-0.67.
MIN_GAIN, MAX_GAP_RATIO = 0.02, 0.8


def _mlp(split, before=()):
    return mlp(
        split.input_shape,
        (256, 256),
        split.num_classes,
        output_activation="softmax",
        before=before,
        name="augmented" if before else "plain",
    )


def _fit_and_measure(run, model, split, name=None):
    """Train; the accuracies and losses on the training images (as they are) and the test images."""
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(
        model,
        split.x_train,
        split.y_train,
        validation_data=(split.x_test, split.y_test),
        name=name,
        validation_batch_size=500,
    )
    return generalization_gap(model, (split.x_train, split.y_train), (split.x_test, split.y_test))


def claim_parts(plain: dict[str, float], augmented: dict[str, float]) -> list[Part]:
    """The claim's parts from the two nets' generalization_gap numbers: augmentation raises test
    accuracy by at least MIN_GAIN, and shrinks the train-test accuracy gap to at most MAX_GAP_RATIO
    of the plain net's."""
    return [
        at_least("test_accuracy_gain", augmented["test_accuracy"] - plain["test_accuracy"], MIN_GAIN),
        at_most("accuracy_gap_ratio", augmented["accuracy_gap"] / max(plain["accuracy_gap"], 1e-9), MAX_GAP_RATIO),
    ]


def demo(run: Run) -> None:
    """A small training subset with and without random shifts of the images."""
    split = run.load_images().subset(N_TRAIN)  # and all the test images
    run.say(f"{N_TRAIN} training images, an MLP with two hidden layers of 256 units, first as they are…")
    plain = _fit_and_measure(run, _mlp(split), split, name="no-augmentation")
    run.say(f"…then each image shifted by up to {SHIFT} pixels, a new shift every time it is seen.")
    augmented = _fit_and_measure(run, _mlp(split, before=[RandomShift(SHIFT, seed=run.seed)]), split)

    run.say(
        run.table(
            "comparison",
            ["", "as they are", "shifted"],
            [
                [key.replace("_", " "), plain[key], augmented[key]]
                for key in ("train_accuracy", "test_accuracy", "accuracy_gap", "train_loss", "test_loss")
            ],
        )
    )
    run.metrics({"test_accuracy": augmented["test_accuracy"], "test_accuracy_no_augmentation": plain["test_accuracy"]})
    run.claim(
        f"On {N_TRAIN} training images, random shifts of up to {SHIFT} pixels raise test accuracy "
        "by at least {test_accuracy_gain:.0%} and shrink the train-test accuracy gap to at most "
        "{accuracy_gap_ratio:g}x that of the same MLP trained on the images as they are.",
        claim_parts(plain, augmented),
        test_accuracy_no_augmentation=plain["test_accuracy"],
        test_accuracy_augmented=augmented["test_accuracy"],
        accuracy_gap_no_augmentation=plain["accuracy_gap"],
        accuracy_gap_augmented=augmented["accuracy_gap"],
    )
    originals = np.repeat(split.x_train[:8], 4, axis=0)
    copies = ops.convert_to_numpy(RandomShift(SHIFT, seed=run.seed)(originals, training=True))
    run.mosaic("augmented_copies_four_of_each_digit", copies, columns=4, enlarge=3)


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the augmented net's test accuracy minus the
    plain net's (test_accuracy_gain), above a point, within one, below minus one, or seed-bound."""
    gain = recorded_parts(claim)["test_accuracy_gain"]
    if held_on_some_seeds(gain):
        return "D"
    if gain["mean"] >= 0.01:
        return "A"
    return "C" if gain["mean"] <= -0.01 else "B"
