"""Cross-correlation slides one signal over another and, at each offset, sums the products of the
overlapping values; it measures how well a pattern matches each location, and it is what deep
learning libraries actually compute under the name "convolution".

## Intuition
Hold a small transparent template over a larger picture and move it around. Wherever the picture
underneath matches the template, bright on bright and dark on dark, the products are big and
positive and the sum peaks. That is template matching, and it is the most useful way to read a
convolutional layer: each kernel is a template, and the output map is high where the template's
pattern occurs.

Mathematical convolution does the same thing with the template turned upside down (flipped along
every axis). For a learned kernel the difference is irrelevant: if the flipped version would work
better, training simply finds the flipped weights.

## The math
For a 2-D input I and kernel K (indices m, n over the kernel):
- cross-correlation: (I ⋆ K)[i, j] = ∑ₘ ∑ₙ I[i + m, j + n] · K[m, n]
- convolution: (I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n]
So I ⋆ K equals I ∗ K′, where K′ is K rotated by 180°. The two agree for symmetric kernels.

1-D example with x = [0, 1, 2, 3] and w = [1, 0, −1] ("valid" positions only):
- cross-correlation: y[0] = 0·1 + 1·0 + 2·(−1) = −2, y[1] = 1 − 3 = −2, so y = [−2, −2];
- convolution uses the flipped kernel [−1, 0, 1]: y = [2, 2].
The sign flips, because this kernel is antisymmetric.

Unlike convolution, cross-correlation is not commutative: swapping I and K mirrors the result.
Normalised cross-correlation first subtracts the means of patch and template and divides by their
standard deviations, so the score lies between −1 and 1 and ignores brightness and contrast.

## Try it
`nutshell demo cross-correlation` checks the flip relation on the digits, then trains a 3×3
cross-correlation kernel to reproduce a convolution with a random kernel K: it learns K turned by
180° (largest weight error at most 0.015, `--quick`, seeds 0-4), while a layer made to compute a
true convolution learns K itself. Last, each test digit is hidden in a noisy scene beside a
bright square: normalised cross-correlation finds every digit, the raw sum none.

## See also
- **convolution**: the flipped-kernel twin, and the layer built on it
- **kernel**: the template being matched
- **convolution-theorem**: the frequency-domain route, which works for both
- **feature-map**: the map of match scores

## Sources
- [dettmers2015]
- [goodfellow2016] — chapter 9
"""

TITLE = "Cross-correlation"
ALIASES = ("correlation", "sliding dot product", "template matching", "xcorr")

DEMO = {
    "epochs": 10,
    "batch_size": 32,
    "learning_rate": 0.05,
    "datasets": ("digits",),
    "quick": {"epochs": 10},
}

PREREQUISITES = ("convolution",)

PREDICT = {
    "question": "A layer that computes what deep-learning libraries call a convolution (one 3x3 kernel, "
    "no bias) is trained to reproduce digits convolved, in the mathematician's sense, with a "
    "random 3x3 kernel K. Which weights does the layer end up with?",
    "options": {
        "A": "K itself",
        "B": "K turned by 180°",
        "C": "weights unlike K in any orientation",
        "D": "it depends on the seed",
    },
    "why": "Mathematical convolution does the same thing with the template turned upside down (flipped "
    "along every axis). For a learned kernel the difference is irrelevant: if the flipped "
    "version would work better, training simply finds the flipped weights. So I ⋆ K equals "
    "I ∗ K′, where K′ is K rotated by 180°.",
}

RECALL = (
    {
        "question": "Slide w = [1, 0, −1] along x = [0, 1, 2, 3] without flipping it, keeping only the "
        "offsets where w lies wholly on x. What comes out?",
        "options": {
            "A": "[−2, −2], minus two at each offset",
            "B": "[2, 2], plus two at each offset",
            "C": "[−2, −2, −2], three values",
            "D": "[0, 0], the two halves cancel",
        },
        "answer": "A",
        "why": "cross-correlation: y[0] = 0·1 + 1·0 + 2·(−1) = −2, y[1] = 1 − 3 = −2, so y = [−2, −2];",
    },
    {
        "question": "Libraries compute cross-correlation under the name convolution. Why does that not "
        "hurt a trained CNN?",
        "options": {
            "A": "the two give the same result for every kernel",
            "B": "if the flipped weights work better, training finds them",
            "C": "the library flips the image to compensate",
            "D": "it does hurt, which is why kernels are kept symmetric",
        },
        "answer": "B",
        "why": "For a learned kernel the difference is irrelevant: if the flipped version would work "
        "better, training simply finds the flipped weights.",
    },
    {
        "question": "What does normalised cross-correlation change compared with the raw sum of products?",
        "options": {
            "A": "the score ignores brightness and contrast and lies between −1 and 1",
            "B": "the kernel is flipped first",
            "C": "the result is divided by the number of pixels only",
            "D": "nothing for images; it only matters for sound",
        },
        "answer": "A",
        "why": "Normalised cross-correlation first subtracts the means of patch and template and divides "
        "by their standard deviations, so the score lies between −1 and 1 and ignores brightness "
        "and contrast.",
    },
)

__all__ = ["normalized_cross_correlation"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, at_most, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run

# The sliding window (a cross-correlation, as in every library), its flipped twin, and the
# convolution's formula read literally:
from nutshell.glossary.convolution import Conv2DFromScratch, convolution_by_definition, true_convolution
from nutshell.glossary.pooling import pooling_windows


def normalized_cross_correlation(images, templates, epsilon=1e-6):
    """Template matching that ignores brightness and contrast: a score in [−1, 1] per position.

    At each window p (n pixels) the score is the correlation coefficient of p with the template t:
    ∑ (p − p̄)(t − t̄) / (‖p − p̄‖ · ‖t − t̄‖), the cosine of the two after each loses its mean.
    Raw cross-correlation ∑ p·t grows with the window's brightness, so a bright blank patch can
    outscore the pattern itself; here a flat window, however bright, scores 0.

    Args:
        images: (batch, height, width, 1).
        templates: (k_h, k_w), one pattern for every image, or (batch, k_h, k_w), one per image.
        epsilon: a window (or template) whose spread is below this scores 0.

    Returns:
        (batch, height − k_h + 1, width − k_w + 1), one score per "valid" position.
    """
    images = ops.convert_to_tensor(images, dtype="float32")
    templates = ops.convert_to_tensor(templates, dtype="float32")
    if len(templates.shape) == 2:
        templates = ops.expand_dims(templates, 0)
    k_h, k_w = templates.shape[1], templates.shape[2]
    # Every window at once: (k_h·k_w, batch, out_h, out_w), one slice per pixel of the window.
    windows = pooling_windows(images, (k_h, k_w), (1, 1))[..., 0]
    windows = windows - ops.mean(windows, axis=0, keepdims=True)  # p − p̄
    t = ops.reshape(templates, (-1, k_h * k_w))
    t = t - ops.mean(t, axis=1, keepdims=True)  # t − t̄
    t = ops.broadcast_to(t, (images.shape[0], k_h * k_w))
    dot = ops.einsum("nbhw,bn->bhw", windows, t)
    spread = ops.sqrt(ops.sum(windows * windows, axis=0)) * ops.sqrt(ops.sum(t * t, axis=1))[:, None, None]
    flat = spread < epsilon
    return ops.where(flat, 0.0, dot / ops.where(flat, 1.0, spread))


# --- the demo --------------------------------------------------------------------------------

CANVAS = 32


def _scenes(digits, rng):
    """Each digit (8×8) pasted at a random spot of a noisy 32×32 canvas, with a bright 8×8 square
    (all ones) elsewhere; returns the canvases and where each digit's top-left corner went."""
    count, k = len(digits), digits.shape[1]
    canvases = rng.normal(0.0, 0.05, (count, CANVAS, CANVAS, 1)).astype("float32")
    corners = np.zeros((count, 2), dtype=int)
    for index, digit in enumerate(digits):
        while True:  # two corners far enough apart that the square and the digit do not overlap
            (dy, dx), (sy, sx) = rng.integers(0, CANVAS - k + 1, (2, 2))
            if abs(dy - sy) >= k or abs(dx - sx) >= k:
                break
        canvases[index, dy : dy + k, dx : dx + k, 0] += digit
        canvases[index, sy : sy + k, sx : sx + k, 0] += 1.0
        corners[index] = dy, dx
    return canvases, corners


def _raw_cross_correlation(images, templates):
    """∑ p·t at every window, each image with its own template: (batch, out_h, out_w)."""
    k_h, k_w = templates.shape[1], templates.shape[2]
    windows = pooling_windows(ops.convert_to_tensor(images), (k_h, k_w), (1, 1))[..., 0]
    return ops.einsum("nbhw,bn->bhw", windows, ops.reshape(templates, (-1, k_h * k_w)))


def _found(score_maps, corners):
    """The fraction of maps whose highest score sits exactly at the digit's top-left corner."""
    maps = ops.convert_to_numpy(score_maps)
    flat = maps.reshape(len(maps), -1).argmax(axis=1)
    peaks = np.stack(np.unravel_index(flat, maps.shape[1:]), axis=1)
    return float((peaks == corners).all(axis=1).mean())


def _learner(input_shape):
    """One 3×3 cross-correlation kernel, no bias: the layer every library calls a convolution."""
    return keras.Sequential([keras.Input(input_shape), Conv2DFromScratch(1, 3, use_bias=False, name="learned_kernel")])


def measure_flip(images, kernel):
    """Convolution from its definition against keras.ops.conv (a cross-correlation) with and
    without the kernel turned by 180°, for `kernel` and for a symmetric one (pure: numbers out)."""
    as_4d = lambda k: k[:, :, None, None]  # noqa: E731
    symmetric = (kernel + kernel[::-1, ::-1]) / 2  # one that a 180° turn leaves alone
    convolved = convolution_by_definition(images, as_4d(kernel))
    gap = lambda a, b: float(np.abs(ops.convert_to_numpy(a) - b).max())  # noqa: E731
    return {
        "convolution_vs_flipped_xcorr": gap(ops.conv(images, as_4d(kernel[::-1, ::-1].copy())), convolved),
        "convolution_vs_xcorr": gap(ops.conv(images, as_4d(kernel)), convolved),
        "symmetric_kernel_gap": gap(
            ops.conv(images, as_4d(symmetric)), convolution_by_definition(images, as_4d(symmetric))
        ),
        "true_convolution_vs_definition": gap(true_convolution(images, as_4d(kernel)), convolved),
    }


def measure_matching(scenes, digits, corners):
    """Where raw and normalised cross-correlation peak: the share of scenes where each finds the
    digit's corner (pure: scenes in, numbers out)."""
    return {
        "found_normalized": _found(normalized_cross_correlation(scenes, digits), corners),
        "found_raw": _found(_raw_cross_correlation(scenes, digits), corners),
    }


# Bars and budget, chosen with --quick --held-out on the digits, seeds 100-102: after 6 epochs the
# kernel was still up to 0.038 from K turned by 180° (and falling), so the quick run trains 10
# (under a second each), which left it at most 0.0006 away; normalised cross-correlation found
# every digit (1.0) on all three seeds, raw cross-correlation none (0.0).
MAX_KERNEL_ERROR = 0.05
MIN_FOUND_NORMALIZED = 0.9
MAX_FOUND_RAW = 0.20


def claim_parts(flip: dict[str, float], learned_error: float, matching: dict[str, float]) -> list[Part]:
    """The flip relation (identities), the kernel a cross-correlation layer learns and template
    matching with and without normalisation (measured)."""
    return [
        at_most("convolution_vs_flipped_xcorr", flip["convolution_vs_flipped_xcorr"], 1e-5, kind="identity"),
        at_most("symmetric_kernel_gap", flip["symmetric_kernel_gap"], 1e-5, kind="identity"),
        at_most("true_convolution_vs_definition", flip["true_convolution_vs_definition"], 1e-5, kind="identity"),
        at_least("convolution_vs_xcorr", flip["convolution_vs_xcorr"], 0.1, kind="identity"),
        at_most("learned_vs_flipped_kernel", learned_error, MAX_KERNEL_ERROR),
        at_least("found_normalized", matching["found_normalized"], MIN_FOUND_NORMALIZED),
        at_most("found_raw", matching["found_raw"], MAX_FOUND_RAW),
    ]


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: the kernel the cross-correlation layer learned."""
    flipped = recorded_parts(claim)["learned_vs_flipped_kernel"]
    if held_on_some_seeds(flipped):
        return "D"
    if flipped["held"] == flipped["of"]:
        return "B"
    return "A" if claim["numbers"]["learned_vs_kernel"] <= flipped["bar"] else "C"


def demo(run: Run) -> None:
    """Convolution is cross-correlation with a flipped kernel, so a learned cross-correlation
    kernel comes out flipped; normalised cross-correlation finds a template that a raw one misses."""
    split = run.load_images()
    rng = np.random.default_rng(run.seed)
    kernel = rng.normal(size=(3, 3)).astype("float32")  # a random kernel: not symmetric

    run.say(
        "True convolution, computed from its definition, against keras.ops.conv (a "
        "cross-correlation, like every library's) with and without the kernel turned by 180°…"
    )
    flip = measure_flip(split.x_test, kernel)

    run.say(
        "A cross-correlation layer (one 3×3 kernel, no bias) trained to reproduce the true "
        "convolution of the images with a random kernel K…"
    )
    as_4d = kernel[:, :, None, None]
    targets = [convolution_by_definition(x, as_4d).astype("float32") for x in (split.x_train, split.x_test)]
    model = _learner(split.input_shape)
    run.compile(model, loss="mse")
    run.fit(model, split.x_train, targets[0], validation_data=(split.x_test, targets[1]))
    learned = ops.convert_to_numpy(model.get_layer("learned_kernel").kernel)[:, :, 0, 0]
    learned_error = float(np.abs(learned - kernel[::-1, ::-1]).max())

    run.say(
        "Template matching: each test digit hidden in a noisy 32×32 scene beside a bright "
        "square; where does each score peak?"
    )
    digits = split.x_test[..., 0]
    scenes, corners = _scenes(digits, rng)
    matching = measure_matching(scenes, digits, corners)

    run.say(
        run.table(
            "numbers",
            ["number", "value"],
            [
                [name, value]
                for name, value in {
                    **flip,
                    "learned_vs_flipped_kernel": learned_error,
                    "learned_vs_kernel": float(np.abs(learned - kernel).max()),
                    **matching,
                }.items()
            ],
        )
    )
    run.metrics(matching)
    run.claim(
        "Convolution equals cross-correlation with the kernel turned by 180° (max difference <= "
        "{convolution_vs_flipped_xcorr:g}), differs from it for an asymmetric kernel and agrees for a "
        "symmetric one; a cross-correlation kernel trained to reproduce a convolution with K learns "
        "K turned by 180° (no weight off by more than {learned_vs_flipped_kernel:g}). Normalised "
        "cross-correlation finds a digit in a scene with a bright square >= {found_normalized:.0%} of "
        "the time; raw cross-correlation, drawn to the square, <= {found_raw:.0%}.",
        claim_parts(flip, learned_error, matching),
        learned_vs_kernel=float(np.abs(learned - kernel).max()),
    )
    run.images("kernel/K_flipped_K_learned", np.stack([kernel, kernel[::-1, ::-1], learned])[..., None], enlarge=32)
    run.images("matching/scene", scenes[:4], enlarge=4)
    run.images(
        "matching/raw_cross_correlation",
        ops.convert_to_numpy(_raw_cross_correlation(scenes[:4], digits[:4]))[..., None],
        enlarge=4,
    )
    run.images(
        "matching/normalized_cross_correlation",
        ops.convert_to_numpy(normalized_cross_correlation(scenes[:4], digits[:4]))[..., None],
        enlarge=4,
    )
