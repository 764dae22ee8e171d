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
A kernel in a 2-D convolutional layer has shape k×k×C, where k is its width (often 3, 5 or 7) and
C the number of input channels: it always spans all channels. A layer with D kernels stores them
in one tensor of shape k×k×C×D (the layout Keras uses; PyTorch uses D×C×k×k) plus D biases,
so it has D·(k·k·C + 1) parameters. A 3×3 layer from 64 to 128 channels has
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

## See also
- **convolution**: the operation that slides the kernel
- **feature-map**: the output one kernel produces
- **weight-sharing**: the same kernel is reused at every position
- **receptive-field**: the input area a kernel sees
- **pointwise-convolution**: the 1×1 special case

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
"""

TITLE = "Kernel (filter)"
ALIASES = (
    "filter", "convolution kernel", "filter bank", "feature detector", "convolutional filter",
    "conv filter",
)
