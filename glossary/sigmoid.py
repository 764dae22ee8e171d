"""The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) squashes any real number into the open interval
(0, 1), which makes it the standard way to turn a score into a probability.

## Intuition
The sigmoid is a smoothed on/off switch. Very negative inputs give almost 0, very positive ones
almost 1, and zero gives exactly one half. Unlike the hard step of the old perceptron, the curve
is smooth, so it has a gradient everywhere.

It appears in three roles: as the output of a binary classifier (that is logistic regression),
as the gates of LSTM and GRU units (a number near 0 closes a gate, near 1 opens it), and,
historically, as the activation of hidden layers. In that last role it has mostly given way to
ReLU, because it saturates: far from zero the curve is almost flat and passes back almost no
gradient.

## The math
σ(z) = 1 / (1 + e^(−z)), with σ(−z) = 1 − σ(z) and σ(0) = 0.5.
Slope: σ'(z) = σ(z)(1 − σ(z)), largest at z = 0 where it is 0.25.
Inverse: the logit, z = ln(p / (1 − p)), which turns a probability back into log-odds.
Relation to tanh: tanh(z) = 2σ(2z) − 1.

Numbers: σ(2) ≈ 0.881 and σ(−2) ≈ 0.119; σ(5) ≈ 0.9933 but σ'(5) ≈ 0.0066, so a unit sitting at
z = 5 passes back under 3% of the gradient it would pass at z = 0.

## Picture
```text
 σ(z)
 1.0 ┤                          ●●●●●●●●●
     │                    ●●●●●
 0.5 ┤- - - - - - - - ●
     │          ●●●●●
 0.0 ┤●●●●●●●●●
     └───────────────┼─────────────────── z
    −6               0                   6
```

## In practice
Pair a sigmoid output with binary cross-entropy: the gradient of the loss with respect to z then
simplifies to a − y, which stays large whenever the prediction is badly wrong. Its outputs are
always positive, never centred on zero, one reason tanh trained hidden layers better.

## See also
- **activation**: the family it belongs to
- **tanh**: its rescaled, zero-centred cousin
- **relu**: what replaced it in hidden layers
- **logistic-regression**: one linear unit plus a sigmoid
- **vanishing-gradient**: the cost of its flat tails
- **softmax**: its generalisation to many classes

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- "A short overview of deep learning" (blog overview: sigmoid and ReLU neurons).
- Sebastian Raschka, "What is deep learning?" (log-sigmoid units in MLPs).
- P.-F. Verhulst, "Notice sur la loi que la population suit dans son accroissement",
  Correspondance mathématique et physique 10, 113-121, 1838.
"""

TITLE = "Sigmoid"
ALIASES = ("logistic function", "logistic sigmoid", "log-sigmoid", "sigmoid function",
           "logistic curve", "sigmoid activation")
