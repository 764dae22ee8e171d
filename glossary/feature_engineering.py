"""Feature engineering is the manual craft of turning raw data into a handful of informative
numbers, called features, chosen with knowledge of the problem so that even a simple model can
tell the classes apart.

## Intuition
A cardiologist does not feed a risk model ten thousand raw samples of an ECG trace; she first
measures heart rate, rhythm regularity and a few interval lengths. Those summaries are features.

For pictures the same idea might be: to decide whether an animal lives on land or in water, count
what share of the pixels look greenish and what share look bluish. Such tricks are powerful but
brittle: each data set needs its own, only rough rules exist for inventing them, and a feature
that worked once can fail on the next collection (with only land animals the colour count is
useless). Classic vision used SIFT and HOG; speech used MFCCs. On tabular problems, such as many
Kaggle contests, careful feature design is still the strongest lever. Its cost in human labour is
why people wanted models that learn features for themselves.

## The math
A person picks a fixed map φ: X → ℝᵈ; only the model on top of it is trained, for instance a
logistic regression ŷ = σ(w · φ(x) + b), where σ(z) = 1 / (1 + e^(−z)).

Example: a 32×32 colour image has 32 · 32 · 3 = 3072 raw numbers. The hand-made map
φ(x) = (share of green pixels, share of blue pixels) squeezes it to d = 2.

A good feature can make a hopeless problem easy: XOR on x₁, x₂ ∈ {−1, +1} cannot be split by
any line, but with the extra feature x₁ · x₂ the label is just its sign.

## Picture
```text
 hand-made:  pixels ──► φ(x) written by a person ──► trained classifier
 learned:    pixels ──► layers fitted to data ──────► trained classifier
```

## See also
- **feature-learning**: letting the network build the features instead
- **logistic-regression**: a typical simple model placed on top of engineered features
- **machine-learning**: where features fit into the overall recipe
- **deep-learning**: the approach that mostly replaced hand-made image and speech features

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
- Sebastian Raschka, "What is deep learning?" (answer on MLPs, ConvNets and pooling).
- D. G. Lowe, "Distinctive image features from scale-invariant keypoints", IJCV 60(2), 2004.
- N. Dalal, B. Triggs, "Histograms of oriented gradients for human detection", CVPR, 2005.
"""

TITLE = "Feature engineering"
ALIASES = (
    "hand-crafted features",
    "feature extraction",
    "feature design",
    "engineered features",
    "manual features",
)
