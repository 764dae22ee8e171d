"""Feature learning, or representation learning, lets a model work out from raw data which
features are worth computing instead of having a person design them; in a deep network each layer
builds its features out of the ones below.

## Intuition
Nobody tells a child "a face is two dark ovals above a vertical ridge"; after seeing many faces
the visual system settles on useful detectors by itself. A network does the same: it receives raw
pixels, sound samples or characters, and features emerge because they help reduce the error.

In an image network the features stack into a hierarchy. The first layer ends up responding to
short edges at given angles and positions. The next combines edges into small motifs such as
corners and crossings, tolerating a little jitter in where the edges sit. Later layers assemble
motifs into parts (an eye, a wheel) and then whole objects. The last layer is usually just a
softmax classifier, a multinomial logistic regression reading the top features. Features this
easy to picture are the exception; most learned features are hard to interpret.

## The math
With input h⁽⁰⁾ = x, each layer l = 1 … L computes

    h⁽ˡ⁾ = σ(W⁽ˡ⁾ h⁽ˡ⁻¹⁾ + b⁽ˡ⁾)

where W⁽ˡ⁾ is a weight matrix, b⁽ˡ⁾ a bias vector and σ a nonlinearity such as ReLU. The
classifier then gives ŷ = softmax(V h⁽ᴸ⁾ + c). Unlike a hand-made φ, the feature map
φ_θ(x) = h⁽ᴸ⁾ is trained: all W, b, V and c are fitted jointly by backpropagation on one loss,
so the features suit the task.

## Picture
```text
 pixels ─► layer 1 ─► layer 2 ─► layer 3 ─► layer 4 ─► classifier
           edges      motifs     parts      objects
           ─ │ ╱ ╲    ┘ ┼ ∧ ○    eye, ear   face, car
```

## See also
- **feature-engineering**: the hand-made alternative this replaces
- **deep-learning**: why the hierarchy needs many layers
- **cnn**: the network type where the edge-to-object ladder is clearest
- **distributed-representation**: what learned features look like as vectors
- **logistic-regression**: the simple classifier sitting on top

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- Y. Bengio, A. Courville, P. Vincent, "Representation learning: A review and new
  perspectives", IEEE TPAMI 35(8), 2013.
- H. Lee, R. Grosse, R. Ranganath, A. Y. Ng, "Convolutional deep belief networks for scalable
  unsupervised learning of hierarchical representations", ICML, 2009.
"""

TITLE = "Feature learning"
ALIASES = (
    "representation learning",
    "learned features",
    "hierarchical features",
    "feature",
    "feature hierarchy",
    "learned representation",
)
