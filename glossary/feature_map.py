"""A feature map is the 2-D grid of outputs that one kernel produces when it is slid over the
input: each cell says how strongly that kernel's pattern is present at that spot.

## Intuition
Imagine laying a sheet of tracing paper over a photo and shading every place where you see a
vertical edge. The shaded sheet is a feature map. A convolutional layer makes one such sheet per
kernel and stacks them, so a layer with 64 kernels hands the next layer a pile of 64 sheets, each
highlighting a different pattern. In the first layers the sheets mark edges and colour blobs; deep
in the network they light up for eyes, wheels or letters.

The input image itself is treated the same way: a colour picture is three maps (red, green, blue)
stacked on top of each other. That is why "feature map" and "channel" are used almost
interchangeably.

## The math
A layer's activations form a tensor of shape H×W×C (height, width, channels; PyTorch stores it as
C×H×W). Map number d is y[:, :, d] = f(K_d ⋆ x + b_d), where K_d is kernel d, x is the whole input
stack, ⋆ is the sliding dot product over all input channels, b_d a bias and f the nonlinearity.
So each output map mixes information from every input map.

Shape example: a 224×224×3 image through 64 kernels of 3×3 with padding 1 gives 224×224×64, i.e.
3,211,264 numbers, about 12.8 MB per image in 32-bit floats. Feature maps, not weights, often
dominate the GPU memory used while training a CNN, which is one reason pooling is applied.

## Picture
```text
 input x: H×W×3          kernels, 3×3×3 each        output: H×W×64
 R, G, B planes     ──►  K_1   vertical edge   ──►  map 1
                    ──►  K_2   horizontal edge ──►  map 2
                         ...                        ...
                    ──►  K_64  green blob      ──►  map 64
 each kernel reads all 3 input planes and writes exactly 1 output map
```

## See also
- **kernel**: each kernel yields exactly one feature map
- **convolution**: the operation that produces it
- **pooling**: how maps are shrunk
- **feature-learning**: why the maps become more abstract with depth

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- M. D. Zeiler, R. Fergus, "Visualizing and understanding convolutional networks", ECCV, 2014.
"""

TITLE = "Feature map"
ALIASES = ("activation map", "channel", "feature plane")
