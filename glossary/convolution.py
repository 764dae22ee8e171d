"""A convolution slides a small grid of learned weights, the kernel, across an input; at every
position it multiplies the overlapping numbers pairwise and sums them, giving a map that is large
wherever the input resembles the kernel.

## Intuition
Drag a stamp-sized stencil over a photo. At each stop ask one question, such as "does brightness
jump from dark to bright here?", and note the answer at the same spot on a fresh sheet, the output
feature map. A layer owns many stencils, and training, not a human, decides
what each one asks. Since one stencil visits every position, a pattern is found wherever it sits,
and the layer stores only the stencil's few numbers, not one weight per pixel.

## The math
For an image I and a k×k kernel K, the deep-learning "convolution" computes
S[i, j] = ∑ₘ ∑ₙ I[i + m, j + n] · K[m, n] (m, n = 0 … k − 1), plus a bias b.
Strictly this is cross-correlation; true convolution flips the kernel by 180°:
(I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n]. Keras, PyTorch and cuDNN skip the flip, which is
harmless because a learned kernel just comes out flipped. With C input channels the sum also runs
over the channels, so one kernel holds k·k·C weights.

Output size per axis, for input width n, kernel k, zero padding p and stride s:
out = ⌊(n − k + 2p) / s⌋ + 1. So n = 32, k = 5, s = 1 gives 28 with p = 0 and keeps 32 with p = 2.

The convolution theorem, f ∗ g = F⁻¹(F(f) · F(g)) with F the Fourier transform and · elementwise
product, turns the sliding sums into one multiplication; some GPU libraries use it.

## Picture
An edge-detector kernel on a 5×5 image, dark (0) on the left and bright (9) on the right.
```text
 input (n = 5)        kernel (k = 3)       output (3×3)
 [0 0 9] 9 9          -1  0  1             27  27   0
 [0 0 9] 9 9          -1  0  1             27  27   0
 [0 0 9] 9 9          -1  0  1             27  27   0
  0 0 9  9 9
  0 0 9  9 9          top-left: 3 rows × (−1·0 + 0·0 + 1·9) = 27
 [ ] = current window; it steps one column right (s = 1)
```
Large where brightness jumps, 0 over flat pixels; size (5 − 3 + 0)/1 + 1 = 3.

## See also
- **kernel**: the small weight grid that does the detecting
- **cross-correlation**: what libraries really compute
- **convolution-theorem**: the Fourier-domain shortcut
- **feature-map**: what a convolution produces
- **pooling**: the step that usually follows
- **cnn**: how convolutional layers are stacked

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- V. Dumoulin, F. Visin, "A guide to convolution arithmetic for deep learning", arXiv, 2016.
- Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
  recognition", Proc. IEEE, 1998.
"""

TITLE = "Convolution"
ALIASES = (
    "conv", "convolutional layer", "conv layer", "convolve", "conv2d", "discrete convolution",
)
