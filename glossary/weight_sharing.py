"""Weight sharing means many units use one and the same set of weights; a convolutional layer
reuses a single kernel at every image position, so a pattern learned in one place is recognised
everywhere and the parameter count stays tiny.

## Intuition
Suppose you train a detector for the letter "e". It would be silly to learn a separate "e"
detector for the top-left corner, another for the centre and so on; an "e" looks the same wherever
it is printed. Weight sharing builds that belief into the network: all the units of one feature map
are copies of one detector, each stationed at a different spot. The copies may still react to
different things in the image, because each one looks at its own patch.

Two good things follow. There are far fewer numbers to learn, which reduces overfitting and memory.
And every position supplies training signal for the same kernel, so a pattern seen only in the
corner during training is still recognised in the middle at test time.

## The math
Compare three ways to map a 32×32 grey image to a 28×28 output map with 5×5 windows:
- fully connected: every output sees every pixel, 1,024 · 784 = 802,816 weights;
- locally connected, no sharing: each output has its own 5×5 window, 784 · 25 = 19,600 weights;
- convolutional (shared): one 5×5 kernel for all outputs, 25 weights plus 1 bias.

During backpropagation the gradient for a shared weight is the sum of the gradients it receives at
every position where it was used: ∂L/∂K[m, n] = ∑ᵢ ∑ⱼ ∂L/∂y[i, j] · x[i + m, j + n].

The same idea appears in recurrent networks, which reuse one weight matrix at every time step.

## Common confusions
Sharing makes a conv layer translation equivariant (shift the input and the map shifts with it),
not invariant; invariance needs pooling or a global summary on top. Sharing is a poor fit when
position itself matters, as in aligned face images, where locally connected layers are sometimes
used instead.

## See also
- **convolution**: the layer where weights are shared across space
- **receptive-field**: the local windows whose weights are shared
- **translation-invariance**: what sharing does and does not give
- **parameter**: what is being shared
- **rnn**: sharing across time instead of space

## Sources
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, CNN, RNN, LSTM and GRU).
- Y. LeCun, B. Boser, J. S. Denker, D. Henderson, R. E. Howard, W. Hubbard, L. D. Jackel,
  "Backpropagation applied to handwritten zip code recognition", Neural Computation, 1989.
"""

TITLE = "Weight sharing"
ALIASES = (
    "shared weights", "shared weight", "parameter sharing", "tied weights", "weight tying",
)
