"""A restricted Boltzmann machine (RBM) is a two-layer network of visible and hidden units, with
connections only between the layers, that learns a probability distribution over its inputs
without labels. Stacks of RBMs, trained one at a time, gave in 2006 the first recipe that trained
deep fully connected networks well.

## Intuition
An RBM learns features by learning to reproduce its data. Its hidden units must find the patterns
that explain which inputs tend to be on together, strokes in digit images for example, because
that is the only way to regenerate realistic inputs from them.

"Restricted" means no links inside a layer. Given the visible units, every hidden unit can then be
sampled independently and all at once, and the same holds in the other direction, so a sampler can
go back and forth between the layers in large parallel steps. The unrestricted Boltzmann machine
of Ackley, Hinton and Sejnowski (1985) allows all links and is very slow to train. Smolensky
introduced the restricted form in 1986 under the name "harmonium"; Hinton's contrastive divergence
(2002) made training practical. The name "rectified linear unit" comes from an RBM paper (Nair
and Hinton, 2010).

## The math
Binary visible units v (m of them), hidden units h (n), weights W (m × n), biases a and b. The
model gives every joint state an energy and makes low energy probable:

    E(v, h) = −aᵀv − bᵀh − vᵀW h,        P(v, h) = exp(−E(v, h)) / Z

Z sums exp(−E) over all 2^(m+n) states: for 784 pixels and 500 hidden units, 2¹²⁸⁴ of them, so
the exact likelihood is out of reach. The conditionals, though, are simple sigmoids:

    P(hⱼ = 1 | v) = σ(bⱼ + ∑ᵢ vᵢ Wᵢⱼ),     P(vᵢ = 1 | h) = σ(aᵢ + ∑ⱼ Wᵢⱼ hⱼ)

Contrastive divergence (CD-1): from a data vector v, sample h; reconstruct v′ from h; compute the
hidden probabilities h′ for v′; then move the weights by ΔW = η (v hᵀ − v′ h′ᵀ), averaged over a
mini-batch. It lowers the energy of real data and raises that of the model's own reconstructions.

## Picture
```text
 hidden    h₁      h₂      h₃        no hidden-hidden links
           │ ╲   ╱ │ ╲   ╱ │
           │   ╳   │   ╳   │         every visible unit is linked
           │ ╱   ╲ │ ╱   ╲ │         to every hidden unit (weights W)
 visible   v₁      v₂      v₃        no visible-visible links
```

## See also
- **deep-belief-network**: RBMs stacked and trained layer by layer
- **unsupervised-learning**: learning from inputs alone
- **sigmoid**: the form of its conditional probabilities
- **feature-learning**: its hidden units as learned features
- **relu**: named in a paper on RBMs
- **autoencoder**: the deep network the 2006 RBM stack was unrolled into

## Sources
- [ackley1985]
- [smolensky1986]
- [hinton2002]
- [hinton2006]
- [nair2010]
"""

TITLE = "Restricted Boltzmann machine (RBM)"
ALIASES = ("rbm", "boltzmann machine", "contrastive divergence", "harmonium", "energy-based model")

PREREQUISITES = ("unsupervised-learning", "sigmoid")

RECALL = (
    {
        "question": "Given the visible units of an RBM, why can all its hidden units be sampled in one parallel step?",
        "options": {
            "A": "No connections join two units of the same layer",
            "B": "The weights between the layers are symmetric",
            "C": "The partition function Z has been computed exactly",
            "D": "Contrastive divergence runs for only one step",
        },
        "answer": "A",
        "why": '"Restricted" means no links inside a layer. Given the visible units, every hidden unit '
        'can then be sampled independently and all at once',
    },
    {
        "question": "An RBM has 784 binary visible units and 500 binary hidden ones. Over how many joint "
        "states does its normalising constant Z sum?",
        "options": {"A": "2¹²⁸⁴", "B": "784 × 500 = 392,000", "C": "2⁷⁸⁴", "D": "1284²"},
        "answer": "A",
        "why": "Z sums exp(−E) over all 2^(m+n) states: for 784 pixels and 500 hidden units, 2¹²⁸⁴ of "
        "them, so the exact likelihood is out of reach.",
    },
)
