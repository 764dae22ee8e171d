"""A convolutional network (CNN) stacks convolution and pooling layers that turn a grid-shaped
input, such as an image, into ever more abstract feature maps, then ends with fully connected
layers that make the prediction.

## Intuition
A plain network wires every pixel to every unit, as if each unit had to study the whole photo.
A CNN instead lets many small detectors scan the picture. The first layer finds edges and colour
blobs, the next combines them into corners and textures, deeper ones into wheels, eyes or letters,
and the last layer votes on the class. Training, not a designer, tunes the detectors to whatever
helps the task. Pooling between stages shrinks the maps, so deeper layers cover more of the image
cheaply.

LeCun, Bengio and Hinton name four ideas behind the design: local connections (a unit sees a small
patch), shared weights (one kernel is reused at every position), pooling, and many stacked layers.

## The math
One conv layer maps an H×W×C input to an H′×W′×D output with D kernels of size k×k×C:
y[i, j, d] = f(b[d] + ∑ₘ ∑ₙ ∑_c K[m, n, c, d] · x[i + m, j + n, c]), with f a nonlinearity
such as ReLU. Its parameter count is D·(k·k·C + 1), independent of the image size.

Compare on a 32×32 grey image. A conv layer with 4 kernels of 5×5 yields 28×28×4 maps from
4·25 + 4 = 104 parameters. A dense layer producing the same 3,136 outputs from 1,024 pixels needs
1,024·3,136 = 3,211,264 weights, about 30,000 times more, and would have to learn the same edge
detector separately at every location.

## Picture
The traffic-sign network from the Nutshell article; the shapes assume a 32×32 input:
```text
 32×32×1   sign image
    │  conv, 4 kernels 5×5          4·25 + 4     =   104 parameters
 28×28×4
    │  max pool 2×2, stride 2       no parameters
 14×14×4
    │  conv, 10 kernels 5×5×4       10·100 + 10  = 1,010 parameters
 10×10×10
    │  max pool 2×2, stride 2
  5×5×10   flattened to 250 numbers
    │  fully connected to K classes 250·K + K parameters
 class scores → softmax
```

## In practice
LeNet-5 (1998) read handwritten digits. In 2012 a much larger CNN, trained on GPUs with ReLU and
dropout, nearly halved the best error rate on ImageNet (about a million images, 1,000 classes);
CNNs have led image recognition since.

## See also
- **convolution**: the layer that does the filtering
- **pooling**: the shrinking step between convolutions
- **weight-sharing**: why a CNN needs so few parameters
- **receptive-field**: how much of the image each unit sees
- **fully-connected-layer**: the classifier at the end
- **inception**: a multi-branch building block for deeper CNNs

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, CNN, RNN, LSTM and GRU).
- Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied to document
  recognition", Proc. IEEE, 1998.
- A. Krizhevsky, I. Sutskever, G. Hinton, "ImageNet classification with deep convolutional neural
  networks", NIPS, 2012.
"""

TITLE = "Convolutional Neural Network (CNN)"
ALIASES = (
    "convnet", "convolutional network", "convolutional neural network", "convolutional net",
    "lenet",
)
