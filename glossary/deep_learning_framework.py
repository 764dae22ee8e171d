"""A deep learning framework is the library a network is written in. It supplies tensors,
layers, automatic differentiation, optimisers and fast GPU kernels, so a model takes a few lines
and its gradients come for free. Theano, Torch and Caffe led around 2015; TensorFlow, PyTorch, JAX
and Keras have led since.

## Intuition
Without a framework you would derive the gradient of every layer by hand, code it, check it, and
write your own GPU kernels. A framework lets you write only the forward computation. It records
the operations, and when asked for gradients it runs the chain rule backwards through that record:
reverse-mode automatic differentiation, the general form of backpropagation. For the heavy
operations it calls vendor libraries such as NVIDIA's cuDNN.

The names in Dettmers's article are of their time. Theano (Montreal, 2007-2017) compiled symbolic
expressions for CPU or GPU. Torch, scripted in Lua, served NYU, Facebook and DeepMind. Caffe
(Berkeley, 2014) defined networks in configuration files and was the vision workhorse. NVIDIA
DIGITS put a web interface on training such models, and Mocha.jl brought a Caffe-like design to
Julia. TensorFlow (Google, 2015) and PyTorch (Facebook, 2017) followed, the latter building the
graph as ordinary Python code runs; JAX (Google, 2018) transforms plain numerical functions into
differentiated, compiled ones. Keras (2015) is a high-level interface; Keras 3 runs on TensorFlow,
JAX or PyTorch, and this glossary's code is written with it.

## The math
Reverse mode computes the whole gradient of a scalar loss for a small constant multiple of the
cost of the forward pass, however many parameters there are. Estimating it by finite differences
would need one extra forward pass per parameter: a million for a network with 10⁶ weights.

Example. For L = (w x + b)² with w = 2, x = 3, b = 1 the forward pass records z = w x + b = 7 and
L = z² = 49. The backward pass walks the record in reverse:

    ∂L/∂z = 2z = 14,    ∂L/∂w = 14 · x = 42,    ∂L/∂b = 14 · 1 = 14.

## See also
- **backpropagation**: what automatic differentiation does for a network
- **gpu**: the hardware frameworks target
- **layer**: the building block frameworks provide
- **gradient-descent**: the optimisers built on the gradients
- **deep-learning**: the field the tools serve

## Sources
- [dettmers2015] — cuDNN, DIGITS, Caffe, Torch and Mocha.jl
- [baydin2018]
- [bergstra2010]
- [collobert2011torch]
- [jia2014]
- [abadi2016]
- [paszke2019]
- [chollet2015]
"""

TITLE = "Deep learning framework"
ALIASES = ("framework", "caffe", "torch", "pytorch", "tensorflow", "keras", "theano", "jax",
           "mocha.jl", "digits", "nvidia digits", "automatic differentiation", "autodiff",
           "autograd")
