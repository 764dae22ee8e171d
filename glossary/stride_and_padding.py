"""Stride and padding decide how big a convolution's output is: the stride is how far the kernel
moves between positions, and padding adds a border, usually of zeros, around the input so the
kernel can also be centred on the edge pixels.

## Intuition
Picture the kernel as a stamp pressed along a row of pixels. With stride 1 it is pressed at every
position; with stride 2 at every second one, which halves the width and height of the output. A
strided convolution is therefore a cheap way to shrink feature maps, and many modern networks use
it where older ones used a pooling layer.

Without padding ("valid" convolution) a kernel of width k fits only n − k + 1 times along a row of
n pixels, so every layer shrinks the map, and pixels on the border fall inside fewer windows than
pixels in the middle. "Same" padding adds (k − 1)/2 zeros on each side (k odd), which keeps the
size unchanged at stride 1 and lets deep stacks keep their resolution. Pooling uses the same
arithmetic, usually with the stride equal to the window size so the windows do not overlap.

## The math
For an input of width n, kernel k, padding p on each side and stride s, the output width is

    o = ⌊(n + 2p − k) / s⌋ + 1

and the same holds for the height.

- n = 28, k = 5, p = 0, s = 1: o = 24 (valid).
- n = 28, k = 5, p = 2, s = 1: o = 28 (same).
- 2×2 pooling with stride 2 on 28: o = ⌊26/2⌋ + 1 = 14.
- AlexNet's first layer: n = 227, k = 11, p = 0, s = 4: o = ⌊216/4⌋ + 1 = 55.

Keras's padding="same" gives o = ⌈n / s⌉. Neither setting changes the number of weights.

## Picture
```text
 n = 5, padding p = 1:        0 [a b c d e] 0
 k = 3, s = 1: windows start at   0 1 2 3 4     → 5 outputs ("same")
 k = 3, s = 2: windows start at   0   2   4     → 3 outputs
 check: ⌊(5 + 2 − 3) / 2⌋ + 1 = 3
```

## See also
- **convolution**: the operation whose output size this fixes
- **pooling**: the other layer that strides over a map
- **feature-map**: what shrinks or keeps its size
- **receptive-field**: strides make it grow faster
- **alexnet**: a stride-4 first layer in practice
- **hyperparameter**: stride, padding and kernel size are chosen, not learned

## Sources
- [dumoulin2016]
- [springenberg2015] — strided convolutions in place of pooling
- [krizhevsky2012]
"""

TITLE = "Stride and padding"
ALIASES = (
    "stride",
    "padding",
    "zero padding",
    "same padding",
    "valid padding",
    "strided convolution",
    "output size",
    "convolution arithmetic",
)

PREREQUISITES = ("convolution",)

RECALL = (
    {
        "question": "A row of 28 pixels, a kernel of width 5, two zeros added on each side and a step of "
        "1: how many outputs?",
        "options": {"A": "24", "B": "28", "C": "14", "D": "32"},
        "answer": "B",
        "why": "n = 28, k = 5, p = 2, s = 1: o = 28 (same).",
    },
    {
        "question": "AlexNet's first layer slides 11×11 kernels in steps of 4 over a 227×227 image with "
        "no border added. How large are its output maps?",
        "options": {"A": "55×55", "B": "56×56", "C": "57×57", "D": "217×217"},
        "answer": "A",
        "why": "AlexNet's first layer: n = 227, k = 11, p = 0, s = 4: o = ⌊216/4⌋ + 1 = 55.",
    },
)
