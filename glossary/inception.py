"""An inception module runs several convolutions of different sizes (1×1, 3×3, 5×5) and a max pool
side by side on the same input and stacks their outputs along the channel axis, using cheap 1×1
convolutions first to keep the cost down.

## Intuition
Which kernel size is right for a layer? Small kernels catch fine texture, large ones catch bigger
shapes, and the best answer differs from image to image. An inception module refuses to choose: it
gives the input to four parallel branches and lets the next layer use whichever outputs help.

Done naively this would be very expensive, because a 5×5 kernel over hundreds of channels costs a
lot. The trick is to first squeeze the channels with 1×1 convolutions, for example turning 192
feature maps of 28×28 into 64 maps of the same size, and only then run the big kernels.

## The math
The four branches, all with stride 1 and padding that keeps height and width:
1. 1×1 convolution;
2. 1×1 convolution (reduce), then 3×3 convolution;
3. 1×1 convolution (reduce), then 5×5 convolution;
4. 3×3 max pool, then 1×1 convolution (projection).
The output is the channel-wise concatenation, so its depth is the sum of the branch widths.

Cost of a conv layer = H·W·D·k·k·C multiply-adds (output size H×W×D, kernel k×k, C input
channels). On a 28×28×192 input, a 5×5 branch with 32 outputs costs
- directly: 28·28·32·(5·5·192) = 120,422,400, about 120 million;
- after a 1×1 reduction to 16: 28·28·16·192 = 2,408,448 for the 1×1, plus
  28·28·32·(5·5·16) = 10,035,200 for the 5×5, total 12,443,648, about 12.4 million.
That is about 9.7 times less work, and weights drop from 153,600 to 3,072 + 12,800 = 15,872.

## Picture
GoogLeNet's module "inception (3a)", widths in brackets:
```text
                     previous layer 28×28×192
        ┌───────────────┬───────┴───────┬───────────────┐
    1×1 conv        1×1 conv (96)   1×1 conv (16)   3×3 max pool
      (64)              │               │               │
        │           3×3 conv (128)  5×5 conv (32)   1×1 conv (32)
        └───────────────┴───────┬───────┴───────────────┘
                  concatenate along channels
              28×28×(64 + 128 + 32 + 32) = 28×28×256
```
The 1×1 after the pool matters: pooling keeps all 192 channels, which would otherwise pile up.

## In practice
GoogLeNet stacks nine such modules into a network 22 layers deep. It won the ImageNet (ILSVRC)
2014 classification challenge while using about 12 times fewer parameters than the 2012 winner.
Later versions (Inception v2 and v3) replace each 5×5 kernel with two stacked 3×3 ones and add
batch normalization.

## See also
- **pointwise-convolution**: the 1×1 layers that make the module affordable
- **convolution**: what each branch computes
- **pooling**: the fourth branch
- **feature-map**: what gets concatenated
- **cnn**: the networks built from these modules

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- C. Szegedy, W. Liu, Y. Jia, P. Sermanet, S. Reed, D. Anguelov, D. Erhan, V. Vanhoucke,
  A. Rabinovich, "Going deeper with convolutions", CVPR, 2015.
- M. Lin, Q. Chen, S. Yan, "Network in network", ICLR, 2014.
"""

TITLE = "Inception"
ALIASES = ("googlenet", "inception module", "inception network", "inception block", "inception v1")
