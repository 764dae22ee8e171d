"""Deep learning is machine learning with neural networks built from many stacked nonlinear
layers, trained end to end on raw data so that each layer learns features that are a step more
abstract than those of the layer beneath it.

## Intuition
One nonlinear layer looking straight at pixels can find little beyond edges and blobs. Richer
features come from transforming those features again and again: edges become corners, corners
become parts, parts become objects. Depth is the number of such rounds.

Stacked networks are old, but deep ones used to train badly: the error signal shrank on its way
back through many layers (the vanishing gradient), so they lost to shallow methods such as support
vector machines. Layer-wise unsupervised pre-training helped from 2006; in the early 2010s GPUs,
ReLU units, dropout and big labelled sets made plain supervised training of many layers work.
In the 2012 ImageNet contest (about 1.2 million images, 1000 classes) a deep ConvNet nearly
halved the best rival's error. The other big success is LSTM networks for sequences.

## The math
A deep network is a composition of L simple functions:

    f(x) = f_L( … f₂(f₁(x)) … ),   f_l(h) = σ(W_l h + b_l)

with weight matrices W_l, bias vectors b_l and a nonlinearity σ. All parameters θ = {W_l, b_l}
are trained together by stochastic gradient descent on a loss L(θ); backpropagation supplies each
∂L/∂W_l through the chain rule. Without σ the stack would collapse into one linear map.

Size example: an MLP 784 → 256 → 128 → 10 for 28×28 digit images has
784·256 + 256·128 + 128·10 = 234,752 weights plus 394 biases, 235,146 parameters in all.

## See also
- **feature-learning**: the layer-by-layer feature hierarchy that depth buys
- **neural-network**: the basic model being stacked
- **vanishing-gradient**: the obstacle that long kept networks shallow
- **backpropagation**: how every layer gets its error signal
- **gpu**: the hardware that made training large nets practical
- **cnn**: the deep architecture behind the image results

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- Sebastian Raschka, "What is deep learning?" (answer on MLPs, ConvNets and pooling).
- G. E. Hinton, S. Osindero, Y.-W. Teh, "A fast learning algorithm for deep belief nets",
  Neural Computation 18(7), 2006.
- A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with deep convolutional
  neural networks", NIPS, 2012.
"""

TITLE = "Deep learning"
ALIASES = ("dl", "deep neural network", "dnn", "deep network", "deep net", "deep neural net")
