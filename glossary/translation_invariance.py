"""Translation invariance means a model's answer does not change when the input is shifted; CNNs get
it only approximately, from convolutions that are shift-equivariant plus pooling that discards
small changes in position.

## Intuition
A cat is a cat whether it sits on the left or the right of the photo, so a classifier should not
care where it is. Two different properties help. Equivariance: when the cat moves, the feature maps
move with it, unchanged in content; convolution gives this because the same kernel is used
everywhere. Invariance: the output stays the same; pooling adds a little of this, because a
feature that moves inside a pooling window leaves the window's maximum unchanged. Stacking many
pool stages, or pooling over the whole map at the end, turns equivariant maps into a largely
position-free summary.

## The math
Let T shift an image by some pixels.
- A map g is shift-equivariant if g(T x) = T g(x). A convolution with stride 1 is, apart from
  effects at the borders.
- A map h is shift-invariant if h(T x) = h(x). Global max or average pooling on top of an
  equivariant map is, since the shifted map holds the same values in other places.

Tiny example, 1-D max pooling with window 2 and stride 2:
- x = [5, 0, 0, 0, 0, 0] gives [5, 0, 0];
- shift by one, [0, 5, 0, 0, 0, 0], still gives [5, 0, 0] (invariant: moved within a window);
- shift by two, [0, 0, 5, 0, 0, 0], gives [0, 5, 0] (the output moved: crossed a boundary).

## Common confusions
The invariance is partial. Strides and pooling subsample the maps, so a one-pixel shift can change
a modern CNN's prediction noticeably; blurring before subsampling reduces the effect. Nothing in a
standard CNN makes it invariant to rotation or scale: those come, approximately, from training on
rotated, rescaled and shifted copies of the images. The word "invariance" is often used loosely
where "equivariance" is meant.

## See also
- **pooling**: the source of local invariance
- **convolution**: the source of equivariance
- **weight-sharing**: why convolution is equivariant
- **data-augmentation**: learning the invariances that the architecture lacks
- **cnn**: where all of these combine

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- A. Azulay, Y. Weiss, "Why do deep convolutional networks generalize so poorly to small image
  transformations?", Journal of Machine Learning Research, 2019.
- R. Zhang, "Making convolutional networks shift-invariant again", ICML, 2019.
"""

TITLE = "Translation invariance"
ALIASES = (
    "invariance", "equivariance", "translation equivariance", "shift invariance",
    "translational invariance", "shift equivariance",
)
