"""A pointwise (1×1) convolution mixes the channels at each pixel separately, like one small dense
layer applied at every position; it changes the number of feature maps cheaply without looking at
neighbouring pixels.

## Intuition
A 1×1 kernel sounds useless, since it sees one pixel. The point is that it sees the full depth of
that pixel: all C channel values stacked there. Think of each pixel as carrying a short list of
feature scores ("edge here: 0.9, green here: 0.1, ..."); a 1×1 convolution rewrites that list as a
new, usually shorter list of learned combinations, and it does so identically at every pixel.

This makes it the standard tool for squeezing a thick stack of feature maps into a thin one before
an expensive 3×3 or 5×5 convolution, the trick behind inception modules and ResNet's bottleneck
blocks, and for blending channels after a depthwise convolution in MobileNet-style networks.
Followed by a nonlinearity, it also adds depth and expressive power almost for free.

## The math
For an H×W×C input, D kernels of shape 1×1×C give an H×W×D output:
y[i, j, :] = f(W · x[i, j, :] + b),   W a D×C matrix, b a D-vector, f the activation.
Parameters: C·D + D. Multiply-adds: H·W·C·D.

Example: reducing 192 maps of 28×28 to 64 takes 192·64 + 64 = 12,352 parameters and
28·28·192·64 = 9,633,792 multiply-adds, and the following 3×3 or 5×5 layer then works on 64
channels instead of 192.

Depthwise separable convolution splits a k×k convolution from C to D channels into a k×k
depthwise step (one kernel per channel, k²·C weights) and a pointwise step (C·D weights). With
k = 3 and C = D = 256: 2,304 + 65,536 = 67,840 weights instead of 9·256·256 = 589,824, about 8.7
times fewer.

## Picture
```text
 at one pixel (i, j), C = 4 channels in, D = 2 channels out:
   (x₁, x₂, x₃, x₄)  ──  W (2×4), + b, f  ──►  (y₁, y₂)
 the same W is reused at all H×W pixels:
   H×W×4  ──► 1×1 conv ──►  H×W×2     (height and width unchanged)
```

## See also
- **inception**: where 1×1 reductions keep big kernels affordable
- **convolution**: the general k×k case
- **fully-connected-layer**: what a 1×1 conv is at each pixel
- **feature-map**: the channels being mixed
- **kernel**: here of size 1×1×C

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- M. Lin, Q. Chen, S. Yan, "Network in network", ICLR, 2014.
- C. Szegedy et al., "Going deeper with convolutions", CVPR, 2015.
- F. Chollet, "Xception: Deep learning with depthwise separable convolutions", CVPR, 2017.
- A. G. Howard et al., "MobileNets: Efficient convolutional neural networks for mobile vision
  applications", arXiv, 2017.
"""

TITLE = "Pointwise (1×1) convolution"
ALIASES = (
    "1x1 convolution", "1×1 convolution", "network in network", "bottleneck layer",
    "dimensionality reduction", "1x1 conv", "depthwise separable convolution",
)
