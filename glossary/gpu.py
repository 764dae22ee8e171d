"""A GPU (graphics processing unit) is a processor with thousands of simple cores that apply the
same arithmetic to many numbers at once; neural-network training is mostly big matrix products,
so a GPU runs it many times faster than a CPU.

## Intuition
A CPU is a few master chefs who can cook anything. A GPU is a hall of thousands of line cooks
who can only chop, but all at once. Matrix products and convolutions are millions of independent
multiply-adds: pure chopping work.

GPUs were built for games, where every pixel runs the same small program. NVIDIA's CUDA (2007)
opened them to general code; cuDNN (2014) supplies fast convolutions and similar building blocks.
In 2012 Krizhevsky, Sutskever and Hinton trained a ConvNet of about 60 million parameters on two
GTX 580 cards (3 GB each) for five to six days and won ImageNet with 15.3% top-5 error against
26.2% for the runner-up; LeCun, Bengio and Hinton credit GPUs, ReLU and dropout for that result.

## The math
A fully connected layer on a batch computes Y = XW with X of size B × n and W of size n × m.
That is B·n·m multiply-adds, about 2Bnm floating-point operations (FLOP).

Example: B = 256, n = m = 4096 gives 2 · 256 · 4096 · 4096 ≈ 8.6 × 10⁹ FLOP. At a sustained
10 TFLOP/s (10¹³ per second) that takes under 1 ms; a CPU core managing 50 GFLOP/s needs over
0.17 s. Memory is the other limit: weights, gradients, optimiser state and the activations kept
for backpropagation must all fit on the card. 60 million float32 weights alone take 240 MB.

## Picture
```text
 CPU: a few strong cores       GPU: thousands of small cores
 ┌──────┬──────┐               ┌┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┐
 │ core │ core │  big caches,  ├┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┤  one operation,
 ├──────┼──────┤  branchy code ├┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┤  many numbers
 │ core │ core │               └┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┘
 └──────┴──────┘
```

## See also
- **deep-learning**: the field GPUs made practical
- **cnn**: the first big network trained on them
- **convolution**: the operation cuDNN speeds up
- **pooling**: one way to keep activations small enough for GPU memory

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with deep convolutional
  neural networks", NIPS, 2012.
- S. Chetlur et al., "cuDNN: Efficient primitives for deep learning", arXiv:1410.0759, 2014.
"""

TITLE = "GPU"
ALIASES = (
    "graphics processing unit",
    "cuda",
    "cudnn",
    "graphics card",
    "gpgpu",
    "graphics processor",
)
