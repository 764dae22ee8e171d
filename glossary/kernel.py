"""A kernel (or filter) is the small array of weights that a convolution slides over its input; its
values define which local pattern, such as an edge at some angle, the layer responds to.

## Intuition
A kernel is a template. Where the patch of input under it looks like the template, the sum of
products is large; where it looks like the opposite, the sum is strongly negative; on flat,
featureless regions it is near zero. That is why kernels are also called feature detectors.

Classic image processing wrote kernels by hand: a box of ones blurs, a Sobel kernel finds edges.
A CNN starts from random kernels and lets gradient descent shape them. After training, first-layer
kernels usually look like oriented edge and colour detectors, very close to the hand-made ones.

## The math
A kernel in a 2-D convolutional layer has shape k×k×C, where k is its width (often 3, 5 or 7) and C
the number of input channels: in an ordinary convolution it spans all of them. A grouped convolution
splits the channels into g groups and gives each kernel only C/g of them (AlexNet used two groups,
one per GPU); a depthwise one gives every channel its own k×k kernel (g = C). An ordinary layer with
D kernels stores them in one tensor of shape k×k×C×D (the layout Keras uses; PyTorch uses D×C×k×k)
plus D biases, so it has D·(k·k·C + 1) parameters. A 3×3 layer from 64 to 128 channels has
128·(9·64 + 1) = 73,856.

## Picture
A Sobel kernel (it reacts to left-to-right change) on a patch that goes dark to bright:
```text
   kernel K          patch P          K ⊙ P, row sums
  -1   0   1        10  10  50        -10 + 0 + 50  =  40
  -2   0   2        10  10  50        -20 + 0 + 100 =  80
  -1   0   1        10  10  50        -10 + 0 + 50  =  40
                                      total            160
```
On a flat patch (all 10s) it gives −10·4 + 10·4 = 0, because its entries sum to zero.

## Common confusions
"Kernel" here has nothing to do with the kernels of support vector machines, nor with a GPU
kernel (a function launched on the GPU). "Filter" sometimes means one k×k×C kernel and sometimes
the whole bank of D kernels in a layer.

## Try it
`nutshell demo kernel` trains a single 5×5 kernel, followed by a global maximum and a sigmoid,
to say whether a "T" is hidden in a noisy 16×16 image. It never sees the T on its own, yet it
becomes one: its cosine with the pattern goes from 0.13-0.51 to 0.95-0.99, and the detector is
right 96-99% of the time (`--quick`, seeds 0-4). A 3×3 kernel, too small to hold the T, cannot.

## See also
- **convolution**: the operation that slides the kernel
- **feature-map**: the output one kernel produces
- **weight-sharing**: the same kernel is reused at every position
- **receptive-field**: the input area a kernel sees
- **pointwise-convolution**: the 1×1 special case

## Sources
- [dettmers2015]
- [lecun2015]
- [raschka]
"""

TITLE = "Kernel (filter)"
ALIASES = (
    "filter",
    "convolution kernel",
    "filter bank",
    "feature detector",
    "convolutional filter",
    "conv filter",
    "edge detector",
    "sobel filter",
)

DEMO = {
    "epochs": 12,
    "batch_size": 32,
    "learning_rate": 0.01,
    "datasets": ("synthetic",),
    "quick": {"epochs": 5},
}

PREREQUISITES = ("convolution",)

PREDICT = {
    "question": "A single random 5x5 kernel, followed by a max over the whole map and a sigmoid, is "
    "trained only to say whether a \"T\" is hidden somewhere in a noisy image; it is never "
    "shown the T by itself. What do its 25 weights look like after training?",
    "options": {
        "A": "a T: the kernel turns into the pattern it detects",
        "B": "a rough, blurred likeness of the T, far from a clean copy",
        "C": "no recognisable shape: a detector need not look like what it detects",
        "D": "it depends on the seed",
    },
    "why": "A kernel is a template. Where the patch of input under it looks like the template, the sum "
    "of products is large; where it looks like the opposite, the sum is strongly negative; on "
    "flat, featureless regions it is near zero.",
}

RECALL = (
    {
        "question": "How many parameters does a 3x3 conv layer from 64 to 128 channels have?",
        "options": {"A": "73,856", "B": "73,728", "C": "1,152", "D": "36,928"},
        "answer": "A",
        "why": "A 3×3 layer from 64 to 128 channels has 128·(9·64 + 1) = 73,856.",
    },
    {
        "question": "A Sobel kernel, which reacts to change from left to right, reads a patch whose nine "
        "pixels all have brightness 10. What does it output?",
        "options": {"A": "160", "B": "90", "C": "0, whatever the brightness", "D": "10, the patch's brightness"},
        "answer": "C",
        "why": "On a flat patch (all 10s) it gives −10·4 + 10·4 = 0, because its entries sum to zero.",
    },
)

__all__ = ["scenes_with_template", "kernel_cosine"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, recorded_parts
from nutshell.glossary._run import Run

# The pattern to find, 5×5: a "T".
TEMPLATE = np.zeros((5, 5), "float32")
TEMPLATE[0, :] = TEMPLATE[:, 2] = 1.0


def scenes_with_template(n, size=16, noise=0.5, seed=0):
    """n images of Gaussian noise; in half of them (label 1) TEMPLATE is added at a random spot.

    The noise is strong (standard deviation 0.5 against a pattern of ones), so no single pixel
    gives the pattern away: only a sum over the whole 5×5 window, weighted the right way, does.
    """
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    images = rng.normal(0.0, noise, (n, size, size, 1)).astype("float32")
    k = TEMPLATE.shape[0]
    for image, row, column, label in zip(images, *rng.integers(0, size - k + 1, (2, n)), labels):
        if label:
            image[row : row + k, column : column + k, 0] += TEMPLATE
    return images, labels.astype("float32")


def kernel_cosine(kernel, pattern, slack=0):
    """cos(angle) between a kernel and a pattern, both read as one long vector: 1 when the kernel
    is the pattern up to a positive scale, the case where its response peaks on that pattern.

    With `slack` = s > 0, the pattern may also sit up to s pixels off-centre in the kernel's window
    (the part pushed out is lost) and the best of those placements counts: a kernel that draws the
    pattern one pixel to the left still finds it, one position further along its slide.
    """
    a = np.ravel(kernel)
    best = -1.0
    k_h, k_w = pattern.shape
    for dy in range(-slack, slack + 1):
        for dx in range(-slack, slack + 1):
            moved = np.zeros_like(pattern)
            moved[max(dy, 0) : k_h + min(dy, 0), max(dx, 0) : k_w + min(dx, 0)] = pattern[
                max(-dy, 0) : k_h + min(-dy, 0), max(-dx, 0) : k_w + min(-dx, 0)
            ]
            b = np.ravel(moved)
            best = max(best, float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    return best


# --- the demo --------------------------------------------------------------------------------

KERNEL_SIZE = 5  # as large as the pattern: a smaller window cannot hold the whole T


def _one_kernel_detector():
    """One KERNEL_SIZE² kernel slid over the image; the strongest response anywhere, through a sigmoid.

    No dense layer on top: with one, the kernel can settle on minus the pattern and the dense
    weight on minus one, a poor solution gradient descent sometimes finds. Here a large response
    can only mean "present", so the kernel must turn towards the pattern.
    """
    return keras.Sequential(
        [
            keras.Input((16, 16, 1)),
            keras.layers.Conv2D(1, KERNEL_SIZE, name="kernel"),  # its bias: the threshold
            keras.layers.GlobalMaxPooling2D(name="strongest"),
            keras.layers.Activation("sigmoid", name="present"),
        ],
        name="one_kernel",
    )


def _on_template_grid(kernel):
    """A kernel centred on a grid the size of TEMPLATE (zeros around it), so the two compare."""
    pad = (TEMPLATE.shape[0] - kernel.shape[0]) // 2
    return np.pad(kernel, pad) if pad > 0 else kernel


def measure(model, test):
    """The learned kernel's cosine with the T (best placement within a pixel) and the detector's
    accuracy (pure: trained model in, numbers out)."""
    learned = _on_template_grid(ops.convert_to_numpy(model.get_layer("kernel").kernel)[:, :, 0, 0])
    return {
        "kernel_cosine_learned": kernel_cosine(learned, TEMPLATE, slack=1),
        "kernel_cosine_learned_centred": kernel_cosine(learned, TEMPLATE),
        "test_accuracy": float(model.evaluate(*test, verbose=0)[1]),
    }


# Bars, chosen on seeds 100-102 (fresh scenes), --quick: the learned kernel's cosine with the T was
# 0.962-0.992 (from 0.27-0.59 at the start) and the detector's accuracy 0.961-0.986. A cosine of
# 0.9 is above anything a 3×3 kernel can reach (√(3/4) ≈ 0.87: three pixels of the stem against
# the T moved up a pixel, its bar pushed out); an accuracy of 0.85 leaves room below the measured
# ones (guessing scores 0.5).
MIN_COSINE = 0.9
MIN_ACCURACY = 0.85


def claim_parts(
    numbers: dict[str, float], min_cosine: float = MIN_COSINE, min_accuracy: float = MIN_ACCURACY
) -> list[Part]:
    """Both measured: the kernel turned into the T, and the detector finds it."""
    return [
        at_least("kernel_cosine_learned", numbers["kernel_cosine_learned"], min_cosine),
        at_least("test_accuracy", numbers["test_accuracy"], min_accuracy),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows, from the learned kernel's cosine with the T: at
    least the bar (0.9) is a T; under 0.5, about where random starts lie, no shape; between, a rough
    likeness."""
    cosine = recorded_parts(claim)["kernel_cosine_learned"]

    def option(value: float) -> str:
        return "A" if value >= cosine["bar"] else "C" if value < 0.5 else "B"

    return option(cosine["min"]) if option(cosine["min"]) == option(cosine["max"]) else "D"


def demo(run: Run) -> None:
    """A single kernel, trained only on "is the pattern there?", turns into the pattern itself."""
    n_train, n_test = (3000, 1000) if run.quick else (6000, 2000)
    train = scenes_with_template(n_train, seed=run.seed)
    test = scenes_with_template(n_test, seed=run.seed + 1)
    run.images("data/scenes", train[0][:8], enlarge=8)

    model = _one_kernel_detector()
    start = _on_template_grid(ops.convert_to_numpy(model.get_layer("kernel").kernel)[:, :, 0, 0])
    cosine_start = kernel_cosine(start, TEMPLATE, slack=1)
    run.say(
        f"One {KERNEL_SIZE}×{KERNEL_SIZE} kernel starts random (cosine with the T: "
        f"{cosine_start:+.2f}) and is trained only on present / absent labels…"
    )
    run.compile(model, loss="binary_crossentropy", metrics=["accuracy"])
    run.fit(model, *train, validation_data=test)
    numbers = measure(model, test)

    learned = ops.convert_to_numpy(model.get_layer("kernel").kernel)[:, :, 0, 0]
    run.table(
        "kernel/learned",
        [f"column {c + 1}" for c in range(learned.shape[1])],
        [[f"{w:+.2f}" for w in row] for row in learned],
    )
    run.metrics({**numbers, "kernel_cosine_start": cosine_start})
    run.claim(
        f"One {KERNEL_SIZE}×{KERNEL_SIZE} kernel, trained only on whether a T is hidden somewhere in a "
        "noisy image, becomes a T: its cosine with the pattern (best placement within one pixel of the "
        "centre) goes from its random start to >= {kernel_cosine_learned:g}, and the detector finds "
        "the T >= {test_accuracy:.0%} of the time.",
        claim_parts(numbers),
        kernel_cosine_start=cosine_start,
        kernel_cosine_learned_centred=numbers["kernel_cosine_learned_centred"],
    )
    run.images(
        "kernel/template_start_learned", np.stack([TEMPLATE, start, _on_template_grid(learned)])[..., None], enlarge=24
    )
    # The learned kernel as a plain template: its response map on a test scene peaks on the T.
    run.images(
        "kernel/response_maps", ops.convert_to_numpy(ops.conv(test[0][:4], learned[:, :, None, None])), enlarge=8
    )
