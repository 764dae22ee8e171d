"""Pooling shrinks a feature map by replacing each small window with one summary number, usually the
window's maximum or its mean, so later layers work on a smaller map that barely changes when the
input shifts by a pixel or two.

## Intuition
Think of a photo shown at lower resolution, each coarse pixel standing for a block of fine ones.
Max pooling keeps the strongest signal in each block ("was an edge found anywhere in here?");
average pooling keeps the typical level. The exact position inside the block is forgotten on
purpose: a detector that fired one pixel further left still lands in the same pooled cell. Pooling
has no weights and treats each channel separately, so only height and width shrink.

## The math
For a window R of size k×k moved with stride s over channel c of input x:
- max pooling: yᵢⱼ = max over (m, n) in Rᵢⱼ of x[m, n]
- average pooling: yᵢⱼ = (1 / k²) ∑ over (m, n) in Rᵢⱼ of x[m, n]

The output width follows the same rule as a convolution: ⌊(n − k) / s⌋ + 1, so the common choice
k = 2, s = 2 halves height and width. That keeps 1/4 of the activations: a 112×112×64 map
(802,816 numbers) becomes 56×56×64 (200,704), saving 75% of memory and of the next layer's work.
In backpropagation, max pooling sends the whole gradient to the single input that won its window;
average pooling splits it equally, 1/k² to each.

## Picture
2×2 windows, stride 2, on a 4×4 map.
```text
   input 4×4                max pool          average pool
  ┌─────┬─────┐
  │ 1 3 │ 2 0 │             ┌───┬───┐         ┌─────┬─────┐
  │ 4 6 │ 1 5 │    ──►      │ 6 │ 5 │         │ 3.5 │ 2.0 │
  ├─────┼─────┤             ├───┼───┤         ├─────┼─────┤
  │ 7 2 │ 9 8 │             │ 7 │ 9 │         │ 2.5 │ 6.0 │
  │ 0 1 │ 3 4 │             └───┴───┘         └─────┴─────┘
  └─────┴─────┘
```
Top-left window {1, 3, 4, 6}: max 6, mean 14/4 = 3.5. Sixteen numbers become four.

## In practice
The invariance is limited: a shift within a window often keeps the same max, but one across a
window boundary changes the output, and large moves or rotations are not covered. Too large a
window throws away where things are and costs accuracy, so most networks use 2×2 (AlexNet used
overlapping 3×3 windows, stride 2). Global average pooling, one window over the whole map, often
sits just before the classifier.

## See also
- **convolution**: the layer whose output pooling usually summarises
- **feature-map**: what gets pooled, one channel at a time
- **translation-invariance**: what pooling does and does not buy
- **cnn**: where conv and pool layers alternate
- **receptive-field**: pooling makes later units see a wider area

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- D. Scherer, A. Müller, S. Behnke, "Evaluation of pooling operations in convolutional
  architectures for object recognition", ICANN, 2010.
"""

TITLE = "Pooling"
ALIASES = (
    "pool", "max pooling", "average pooling", "mean pooling", "subsampling", "downsampling",
    "max pool", "pooling layer", "global average pooling",
)
