"""Unsupervised learning finds structure in data that carries no labels, such as clusters, main
directions of variation or compact codes; its close relative, self-supervised learning, manufactures
labels from the data itself.

## Intuition
A toddler sorts the world into dogs, cats and cars long before learning any of the words. Most of
what people and animals know comes from watching, not from being told names, and LeCun, Bengio
and Hinton expect unlabelled learning to matter more and more. Unlabelled data is also cheap:
there are far more raw photos and texts than annotated ones.

Typical tasks: grouping similar items (k-means clustering), finding the few directions that explain
most variation (PCA), and squeezing each input through a small code and rebuilding it
(autoencoders). In deep learning it played a historic role. From 2006, deep networks were first
trained layer by layer without labels and only then fine-tuned on labelled data; once ReLU units
and large labelled sets arrived, that unsupervised pre-training was mostly dropped. Today's
self-supervised models, which predict a hidden word or image patch, continue the idea at scale.

## The math
There are only inputs x₁, …, x_N; no yᵢ. An autoencoder has an encoder g and a decoder h and
minimises the reconstruction error

    L = (1/N) ∑ᵢ ‖xᵢ − h(g(xᵢ))‖²

With 28×28 images (784 numbers) and a code z = g(x) of 32 numbers, the network must compress by a
factor of about 24, so z is forced to keep what matters most.

k-means with K centres μ₁, …, μ_K minimises ∑ᵢ min_k ‖xᵢ − μ_k‖², the squared distance from each
point to its nearest centre.

## Picture
```text
 x (784) ──► encoder g ──► z (32) ──► decoder h ──► x̂ (784)
                           code      loss = ‖x − x̂‖²
```

## See also
- **supervised-learning**: the labelled counterpart
- **feature-learning**: unlabelled training as a source of features
- **distributed-representation**: the kind of code such models learn
- **deep-learning**: where pre-training without labels first helped

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- G. E. Hinton, R. R. Salakhutdinov, "Reducing the dimensionality of data with neural networks",
  Science 313, 504-507, 2006.
- G. E. Hinton, S. Osindero, Y.-W. Teh, "A fast learning algorithm for deep belief nets",
  Neural Computation 18(7), 2006.
"""

TITLE = "Unsupervised learning"
ALIASES = (
    "unsupervised pre-training",
    "self-supervised learning",
    "unsupervised",
    "self-supervised",
    "unlabelled data",
    "unlabeled data",
    "clustering",
    "autoencoder",
)
