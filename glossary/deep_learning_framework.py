"""A deep learning framework is the library a network is written in. It supplies tensors,
layers, automatic differentiation, optimisers and fast GPU kernels, so a model takes a few lines
and its gradients come for free. Theano, Torch and Caffe led around 2015; TensorFlow, PyTorch, JAX
and Keras have led since, and this glossary's code is written in Keras.

## Intuition
Without a framework you would derive every layer's gradient by hand, code it, check it, and
write your own GPU kernels. A framework lets you write only the forward computation. It records
the operations, and when asked for gradients it runs the chain rule backwards through that record:
reverse-mode automatic differentiation, the general form of backpropagation. For the heavy
operations it calls vendor libraries such as NVIDIA's cuDNN.

The names in Dettmers's article are of their time. Theano (Montreal, 2007-2017) compiled symbolic
expressions for CPU or GPU; Torch, scripted in Lua, served NYU, Facebook and DeepMind; Caffe
(Berkeley, first released in December 2013) defined networks in configuration files and was the
vision workhorse; NVIDIA DIGITS put a web interface on training, and Mocha.jl brought Caffe's
design to Julia. TensorFlow (Google, 2015) and PyTorch (Facebook, 2017) followed, the latter
building the graph as ordinary Python code runs; JAX (Google, 2018) turns plain numerical
functions into differentiated, compiled ones.

Keras (2015) sits on top. Keras 3 runs the same model code on TensorFlow, JAX or PyTorch,
chosen by the KERAS_BACKEND environment variable before import. Its pieces:

- tensors: arrays with a shape and a type; a batch of 32 colour images of 28×28 pixels is
  a tensor of shape (32, 28, 28, 3), and keras.ops offers NumPy-like operations on every backend;
- models: keras.Sequential stacks layers in a line, as the cnn entry does. The functional API
  calls layers on the tensor from keras.Input and ends with keras.Model(inputs, outputs); it can
  branch and merge, and the inception entry builds its network this way;
- training: `compile` fixes the optimiser, the loss and the metrics; `fit` runs mini-batch
  gradient descent for some epochs and reports validation scores; `evaluate` scores
  held-out data once;
- gradients: `fit` computes them; to get them yourself, go through the backend:
  TensorFlow's GradientTape records what runs inside a `with` block, and
  tape.gradient(loss, variables) walks the record back; jax.grad and PyTorch's backward() do the
  same, and the backpropagation entry's autodiff_gradients calls all three.

## The math
Reverse mode computes the whole gradient of a scalar loss for a small constant multiple of the
cost of the forward pass, however many parameters there are. Finite differences would need one
extra forward pass per parameter: a million for a network with 10⁶ weights.

Example: for L = (w x + b)² with w = 2, x = 3, b = 1, the forward pass records z = 7 and
L = z² = 49; the backward pass walks back:

    ∂L/∂z = 2z = 14,    ∂L/∂w = 14 · x = 42,    ∂L/∂b = 14 · 1 = 14.

Counting parameters: Sequential([Input((28, 28, 1)), Conv2D(16, 5), Flatten(), Dense(10)]) has
16 · (5·5·1 + 1) = 416 in the convolution, whose maps hold 24 · 24 · 16 = 9,216 numbers, and
9,216 · 10 + 10 = 92,170 in the dense layer: 92,586 in all, the total model.summary() prints.

## See also
- **backpropagation**: what automatic differentiation does for a network
- **gpu**: the hardware frameworks target
- **layer**: the building block frameworks provide
- **gradient-descent**: what `fit` runs
- **inception**: a branching model built with the functional API
- **hyperparameter**: the settings passed to `compile` and `fit`

## Sources
- [dettmers2015] — cuDNN, DIGITS, Caffe, Torch and Mocha.jl
- [baydin2018]
- [bergstra2010]
- [collobert2011torch]
- [jia2014] — Caffe, released in December 2013 and described in 2014
- [abadi2016]
- [paszke2019]
- [chollet2015] — Keras, its Sequential and functional APIs and its backends
"""

TITLE = "Deep learning framework"
ALIASES = (
    "framework",
    "caffe",
    "torch",
    "pytorch",
    "tensorflow",
    "keras",
    "theano",
    "jax",
    "mocha.jl",
    "digits",
    "nvidia digits",
    "automatic differentiation",
    "autodiff",
    "autograd",
    "sequential api",
    "functional api",
    "gradienttape",
    "gradient tape",
    "keras backend",
    "tensor",
)

PREREQUISITES = ("backpropagation", "layer")

RECALL = (
    {
        "question": "In Keras, which call fixes the optimiser, the loss and the metrics before training starts?",
        "options": {"A": "fit", "B": "compile", "C": "evaluate", "D": "keras.Input"},
        "answer": "B",
        "why": "`compile` fixes the optimiser, the loss and the metrics",
    },
    {
        "question": "A model must run four branches side by side on the same data and concatenate "
        "them. Which way of building it in Keras can express that?",
        "options": {
            "A": "keras.Sequential, listing the branches one after another",
            "B": "The functional API: layers called on tensors from keras.Input, ending in "
            "keras.Model(inputs, outputs)",
            "C": "Only a hand-written GradientTape loop",
            "D": "None: Keras models must be a single chain",
        },
        "answer": "B",
        "why": "The functional API calls layers on the tensor from keras.Input and ends with "
        "keras.Model(inputs, outputs); it can branch and merge",
    },
    {
        "question": "A network has a million weights. Roughly how much work does reverse-mode automatic "
        "differentiation need for the full gradient?",
        "options": {
            "A": "A small constant multiple of one forward pass",
            "B": "About a million forward passes, one per weight",
            "C": "About a thousand forward passes, the square root of the count",
            "D": "One forward pass per layer",
        },
        "answer": "A",
        "why": "Reverse mode computes the whole gradient of a scalar loss for a small constant multiple "
        "of the cost of the forward pass, however many parameters there are.",
    },
    {
        "question": "Sequential([Input((28, 28, 1)), Conv2D(16, 5), Flatten(), Dense(10)]): how many "
        "parameters does it have?",
        "options": {"A": "92,586", "B": "416", "C": "125,866", "D": "92,170"},
        "answer": "A",
        "why": "9,216 · 10 + 10 = 92,170 in the dense layer: 92,586 in all, the total model.summary() prints.",
    },
)
