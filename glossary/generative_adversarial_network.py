"""A generative adversarial network (GAN) trains two networks against each other: a generator
that turns random noise into samples, and a discriminator that tries to tell those samples from
real data. Each improves by exploiting the other's mistakes.

## Intuition
Think of a forger and an inspector. The forger never sees a real banknote; it only learns
whether the inspector was fooled. The inspector sees both real notes and forgeries and learns
what gives the fakes away. If both keep improving, the forgeries end up carrying every feature
the inspector can check, and the best the inspector can do is guess.

Nothing in this set-up asks for the probability of a sample, as a likelihood model would: the
discriminator is a learned measure of "looks real", and that is why GANs were the first networks
to produce sharp, convincing images where likelihood-trained models gave blurry averages.

## The math
The generator G maps noise z ~ p_z (a Gaussian, say) to a sample G(z); the discriminator D maps a
sample to the probability that it is real. Goodfellow et al. (2014) set the two a minimax game:

min_G max_D  V(D, G) = E_x~p_data[log D(x)] + E_z~p_z[log(1 − D(G(z)))]

which is binary cross-entropy with real samples labelled 1 and generated ones 0. For a fixed
generator whose samples have density p_g, the best discriminator is

D*(x) = p_data(x) / (p_data(x) + p_g(x)),

and putting it back gives V = −log 4 + 2 · JSD(p_data ‖ p_g), where JSD is the Jensen-Shannon
divergence. That is smallest, −log 4 ≈ −1.386, exactly when p_g = p_data; there D* = 1/2 for
every input.

In practice training alternates one discriminator step and one generator step. Early on the
discriminator rejects fakes easily, D(G(z)) ≈ 0, where log(1 − D(G(z))) is flat and passes the
generator almost no gradient, so the generator maximises log D(G(z)) instead (the
"non-saturating" loss): same fixed point, far stronger gradients at the start.

## Picture
```text
 noise z ──► [ generator G ] ──► fake x̃ ──┐
                                          ├──► [ discriminator D ] ──► P(real)
             real data x ─────────────────┘
 D learns: real → 1, fake → 0        G learns: make D say 1 for x̃
```

## What goes wrong
- Mode collapse: the generator finds a few outputs that fool the discriminator and produces only
  those, covering part of the data.
- No convergence: the game can circle instead of settling, and neither loss tells you how good
  the samples are; people judge them by eye or with separate measures.

A variational autoencoder (Kingma & Welling, 2014) is the usual alternative: it trains by a
likelihood bound, is stable and covers the data, but its samples are blurrier.

## See also
- **autoencoder**: the other classic way to learn a generator, variational autoencoders included
- **unsupervised-learning**: learning from unlabelled data, where generative models belong
- **cross-entropy**: the discriminator's loss
- **loss-function**: here two losses pull against each other

## Sources
- [goodfellow2014]
- [kingma2014]
- [goodfellow2016]
"""

TITLE = "Generative Adversarial Network"
ALIASES = (
    "gan",
    "generative adversarial net",
    "generator and discriminator",
    "discriminator network",
    "generator network",
    "mode collapse",
    "dcgan",
    "minimax game",
)

PREREQUISITES = ("unsupervised-learning", "cross-entropy")

RECALL = (
    {
        "question": "A GAN's generator has learned the data distribution exactly. What is the best the "
        "discriminator can output for any input?",
        "options": {
            "A": "1, since the samples are as good as real",
            "B": "0, since it knows half of them are generated",
            "C": "1/2",
            "D": "The data density at that input",
        },
        "answer": "C",
        "why": "That is smallest, −log 4 ≈ −1.386, exactly when p_g = p_data; there D* = 1/2 for every input.",
    },
    {
        "question": "Why does the generator usually maximise log D(G(z)) rather than minimise log(1 − D(G(z)))?",
        "options": {
            "A": "The first has a different optimum that gives sharper images",
            "B": "Early in training the second is flat where the discriminator rejects fakes, and passes "
            "the generator almost no gradient",
            "C": "The second can only be computed with a likelihood",
            "D": "It halves the cost of a training step",
        },
        "answer": "B",
        "why": "Early on the discriminator rejects fakes easily, D(G(z)) ≈ 0, where log(1 − D(G(z))) is flat "
        "and passes the generator almost no gradient, so the generator maximises log D(G(z)) instead (the "
        '"non-saturating" loss): same fixed point, far stronger gradients at the start.',
    },
)
