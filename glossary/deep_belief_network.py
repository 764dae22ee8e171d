"""A deep belief network (DBN) is a stack of restricted Boltzmann machines trained one layer at a
time without labels and then fine-tuned. Hinton, Osindero and Teh's 2006 method was the first
recipe that trained deep fully connected networks well (ConvNets had trained since the 1990s), and
it started the deep-learning wave.

## Intuition
In 2006, backpropagation from random weights worked poorly for deep fully connected networks. The
DBN recipe went around the problem. Train one RBM on the pixels. Its hidden activities are a new
description of each image; treat them as data and train a second RBM on them; repeat. Each layer
learns features of the features below it, with no labels needed, and the stack ends up with weights
in a sensible region. Then fine-tune: either as a generative model, or by copying the weights into
an ordinary feedforward network, adding an output layer and running backpropagation on labelled
data. Bengio et al. (2007) showed that autoencoders work for the layer-by-layer step too.

Lee et al. (2009, 2011) built convolutional DBNs whose layers learned edges, then object parts,
then whole faces: the learned feature hierarchy shown in Dettmers's first figure.

From about 2010, ReLUs, better initialisation, GPUs and large labelled data sets let plain
supervised training succeed without this step, and LeCun, Bengio and Hinton note that
unsupervised pre-training was largely dropped for such tasks. Today "pretraining" usually means
something broader: training on a large general data set before the task at hand.

## The math
Greedy layer-wise training, with x the input:

- train RBM₁ on x, giving W₁ and hidden biases b₁;
- compute h₁ = σ(W₁ᵀ x + b₁) for every example and train RBM₂ on h₁;
- continue up the stack, then fine-tune all layers together.

Hinton et al. (2006) showed that adding a layer this way, under suitable conditions, improves a
lower bound on the log-probability the model gives the data. Their MNIST model had layers of 500,
500 and 2000 units, with the ten labels joined to the top, and reached 1.25% test error.

## Picture
```text
  labels ◄──────── fine-tune the whole stack at the end
  [ layer 3 ]  ◄── RBM 3, trained on layer 2's activities
  [ layer 2 ]  ◄── RBM 2, trained on layer 1's activities
  [ layer 1 ]  ◄── RBM 1, trained on the pixels
  [ pixels  ]
```

## See also
- **restricted-boltzmann-machine**: the building block
- **unsupervised-learning**: pre-training without labels
- **history**: the 2006 start of the third wave
- **weight-initialization**: the problem pre-training worked around
- **transfer-learning**: pre-training and fine-tuning as practised today
- **feature-learning**: the layer-by-layer hierarchy it learns

## Sources
- [hinton2006]
- [bengio2007]
- [lee2009]
- [lee2011] — the source of the learned-feature figure in the Dettmers text
- [dettmers2015]
- [lecun2015] — pre-training no longer needed once ReLUs arrived
"""

TITLE = "Deep belief network (DBN)"
ALIASES = (
    "dbn",
    "deep belief net",
    "convolutional deep belief network",
    "greedy layer-wise pretraining",
    "layer-wise pretraining",
)

PREREQUISITES = ("restricted-boltzmann-machine",)

RECALL = (
    {
        "question": "When a deep belief network is built, what is the second RBM of the stack trained on?",
        "options": {
            "A": "The hidden activities that the trained first RBM gives each example",
            "B": "The raw pixels, like the first one",
            "C": "The class labels of the examples",
            "D": "The errors of the first RBM's reconstructions",
        },
        "answer": "A",
        "why": "Its hidden activities are a new description of each image; treat them as data and train "
        "a second RBM on them; repeat.",
    },
    {
        "question": "Why did layer-wise pre-training fall out of use for most image classifiers?",
        "options": {
            "A": "ReLUs, better initialisation, GPUs and big labelled data sets let ordinary "
            "supervised training work without it",
            "B": "It was shown to lower the likelihood of the data",
            "C": "RBMs cannot be stacked more than three layers deep",
            "D": "It only ever worked for convolutional networks",
        },
        "answer": "A",
        "why": "From about 2010, ReLUs, better initialisation, GPUs and large labelled data sets let plain "
        "supervised training succeed without this step",
    },
)
