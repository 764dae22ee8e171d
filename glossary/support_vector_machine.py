"""A support vector machine (SVM) is a classifier that puts its decision boundary as far as
possible from the nearest training points of either class. With the kernel trick it can draw
curved boundaries, and from the mid-1990s until about 2010 it was the flagship of the shallow
learning methods that deep networks had to beat.

## Intuition
Many lines can separate two groups of points; the SVM picks the one with the widest empty street
between them. Only the points on the street's edges, the support vectors, decide where it runs. A
soft margin lets a few points sit inside the street, or on the wrong side, at a cost.

The kernel trick handles curved boundaries. The SVM only ever compares examples through dot
products, so replacing x · x' by a kernel k(x, x'), a similarity that equals a dot product in
some much larger feature space, gives a linear boundary in that space, curved in the original one,
without ever computing the large space. (This "kernel" is unrelated to a convolution kernel.)

Why "shallow": the features are fixed in advance, by the kernel and by whatever hand-made image or
sound descriptors are fed in, and only one linear layer on top is learned. Training is a convex
problem with a single best solution, which made SVMs the safer choice while deep networks were
hard to train. Their weak points are the reliance on good input features and cost: a kernel SVM
works with an N × N matrix of similarities, 10¹² entries for a million examples.

## The math
Labels y ∈ {−1, +1}, score f(x) = w · x + b, predicted class sign(f(x)). The street is
2 / ‖w‖ wide, and the soft-margin SVM minimises

    ½ ‖w‖² + C ∑ᵢ max(0, 1 − yᵢ f(xᵢ))

The second term is the hinge loss: zero for points beyond their edge of the street, growing
linearly inside it; C trades width against errors. The solution has the form
f(x) = ∑ᵢ αᵢ yᵢ k(xᵢ, x) + b with αᵢ > 0 only for support vectors. A common kernel is the Gaussian
k(x, x') = exp(−γ ‖x − x'‖²).

Example: w = (1, 1), b = −3. The street is 2/√2 ≈ 1.41 wide. The point (2, 2) with y = +1 has
f = 1, exactly on its edge (hinge loss 0, a support vector); (1.5, 1.5) with y = +1 has f = 0,
in the middle of the street, and costs 1.

## See also
- **feature-engineering**: the hand-made inputs SVMs depended on
- **logistic-regression**: a linear classifier with log loss instead of hinge loss
- **perceptron**: the older linear classifier without a margin
- **classification**: the task SVMs solve
- **local-minimum**: the non-convex training that SVMs avoid and networks face
- **universal-approximation**: how a network gets curved boundaries without a kernel

## Sources
- [dettmers2015] — shallow learning such as SVMs outperforming early deep architectures
- [cortes1995]
- [boser1992] — the kernel trick for maximum-margin classifiers
- [vapnik1995]
"""

TITLE = "Support vector machine (SVM)"
ALIASES = (
    "svm",
    "shallow learning",
    "shallow learning algorithm",
    "kernel method",
    "kernel trick",
    "kernel machine",
    "maximum-margin classifier",
    "max-margin classifier",
    "hinge loss",
)

PREREQUISITES = ("classification", "perceptron")

RECALL = (
    {
        "question": "An SVM has w = (1, 1) and b = −3. What does the point (1.5, 1.5), labelled +1, add "
        "to the hinge-loss term?",
        "options": {
            "A": "0, since it is not on the wrong side",
            "B": "1, since f = 0 puts it in the middle of the street",
            "C": "0.5, half a margin",
            "D": "2, the full width of the street",
        },
        "answer": "B",
        "why": "(1.5, 1.5) with y = +1 has f = 0, in the middle of the street, and costs 1.",
    },
    {
        "question": "Which training examples decide where a trained SVM's boundary runs?",
        "options": {
            "A": "Only the support vectors, the ones on the edges of the street",
            "B": "Every example, each with the same say",
            "C": "The examples farthest from the boundary",
            "D": "The mean of each class",
        },
        "answer": "A",
        "why": "Only the points on the street's edges, the support vectors, decide where it runs.",
    },
)
