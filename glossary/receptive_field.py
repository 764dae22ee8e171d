"""A unit's receptive field is the patch of the input image that can influence its value: a few
pixels for a first-layer unit, growing with every convolution and pooling layer stacked on top.

## Intuition
Look at a scene through a drinking straw: you see a small disc and nothing else. A first-layer
unit in a CNN is like that, wired to, say, a 5×5 window of pixels instead of the whole image, so it
can only judge very local things such as an edge. A unit in the next layer looks through a straw at
the first layer's output; since each of those values already summarises a window, it indirectly
sees a wider patch of the original image. Depth therefore buys context: deep units can react to
whole faces while early ones see only strokes.

The term comes from neuroscience: Hubel and Wiesel found cells in the cat's visual cortex that fire
only for stimuli in a small region of the visual field, a finding that inspired the design of
convolutional networks.

## The math
Track two numbers layer by layer: r, the receptive-field width, and j, the distance in input
pixels between neighbouring units (the product of all strides so far). Start with r₀ = 1, j₀ = 1.
A layer with kernel k and stride s gives
r_l = r_(l−1) + (k − 1) · j_(l−1),    j_l = j_(l−1) · s.

Examples:
- two 3×3 convolutions, stride 1: r = 1 + 2 + 2 = 5, same as one 5×5 layer;
- three of them: r = 7, matching a 7×7 layer with 27·C² instead of 49·C² weights (C channels);
- 3×3 conv, then 2×2 pool with stride 2, then 3×3 conv: r = 3, then 4 (j becomes 2), then
  4 + 2·2 = 8.
Pooling and stride grow the field fast because they enlarge j for all later layers.

## In practice
Not all of the field counts equally: pixels near its centre have far more influence than those at
the edge, so the effective receptive field is smaller than the formula says. Architectures are
usually checked so that the last conv units see most of the object they must recognise.

## See also
- **convolution**: each layer adds k − 1 steps to the field
- **pooling**: the quick way to widen it
- **weight-sharing**: the other half of a conv layer's design
- **cnn**: why local connections suit images

## Sources
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- "A short overview of deep learning" (blog overview of neurons, CNN, RNN, LSTM and GRU).
- D. H. Hubel, T. N. Wiesel, "Receptive fields, binocular interaction and functional architecture
  in the cat's visual cortex", Journal of Physiology, 1962.
- W. Luo, Y. Li, R. Urtasun, R. Zemel, "Understanding the effective receptive field in deep
  convolutional neural networks", NIPS, 2016.
"""

TITLE = "Receptive field"
ALIASES = (
    "local receptive field", "local connectivity", "local connections", "local connection",
    "effective receptive field",
)
