"""Logits are the raw, unbounded scores a classifier computes before a sigmoid or softmax turns
them into probabilities. For two classes the logit is the log-odds ln(p / (1 − p)), and losses are
computed more accurately from logits than from the probabilities.

## Intuition
The last dense layer of a classifier outputs any real numbers, one per class: a larger number
means more support for that class, and nothing more is promised. The softmax then converts them
into positive numbers that sum to one. Only differences between logits matter: adding the same
constant to all of them leaves the probabilities unchanged.

Logistic regression models the logit as a linear function of the inputs, which is why it is also
called the logit model. The word itself was coined by Berkson in 1944, by analogy with "probit".

In practice, hand the logits to the loss. Keras's cross-entropy losses accept from_logits=True and
then compute log-softmax in one stable step. Computing the probabilities first can round a tiny
probability to zero in float32, and the logarithm of zero is −∞, so the library has to clip it.

## The math
For a probability p, logit(p) = ln(p / (1 − p)). It is the inverse of the sigmoid:
σ(logit(p)) = p. Values: logit(0.5) = 0, logit(0.9) = ln 9 ≈ 2.20, logit(0.99) ≈ 4.60.

For K classes with logits z₁, …, z_K:

    pₖ = exp(zₖ) / ∑ⱼ exp(zⱼ),        log pₖ = zₖ − log ∑ⱼ exp(zⱼ)

Example: z = (2, 1, 0.1) gives p ≈ (0.66, 0.24, 0.10); if class 1 is correct the cross-entropy is
−2 + ln(e² + e¹ + e^0.1) ≈ 0.42.

Why the log form is safer: for z = (200, 0) with class 2 correct, the loss computed from the
logits is −0 + log(e²⁰⁰ + 1) ≈ 200. Through probabilities, p₂ = e⁻²⁰⁰ ≈ 10⁻⁸⁷ becomes 0 in
float32. Keras clips probabilities to at least 10⁻⁷, which reports a loss of about 16 instead of
200, and a clipped value passes no gradient back. (Keras's TensorFlow backend can sometimes recover
the logits behind a softmax by itself; from_logits=True makes it certain.)

## See also
- **softmax**: turns logits into probabilities
- **sigmoid**: the two-class case and the logit's inverse
- **logistic-regression**: the linear model of the log-odds
- **cross-entropy**: the loss best computed from logits
- **classification**: where logits are produced
- **deep-learning-framework**: the library whose losses take from_logits

## Sources
- [berkson1944]
- [bridle1990] — softmax outputs of a classification network
- [goodfellow2016] — chapter 6, output units and numerically stable log-softmax
"""

TITLE = "Logits"
ALIASES = ("log-odds", "from_logits", "pre-softmax scores", "unnormalized log-probabilities")

PREREQUISITES = ("sigmoid", "softmax")

RECALL = (
    {
        "question": "What happens to a softmax classifier's probabilities if 5 is added to every one of its scores?",
        "options": {
            "A": "Nothing: they stay the same",
            "B": "They all rise",
            "C": "The largest grows and the others shrink",
            "D": "They no longer sum to one",
        },
        "answer": "A",
        "why": "Only differences between logits matter: adding the same constant to all of them leaves "
        "the probabilities unchanged.",
    },
    {
        "question": "Scores z = (200, 0), class 2 correct. The softmax is taken first in float32 and the "
        "result handed to Keras's cross-entropy. What loss is reported?",
        "options": {
            "A": "About 200, the exact value",
            "B": "About 16, because the probability is clipped to 10⁻⁷",
            "C": "Infinity",
            "D": "0",
        },
        "answer": "B",
        "why": "Keras clips probabilities to at least 10⁻⁷, which reports a loss of about 16 instead of "
        "200, and a clipped value passes no gradient back.",
    },
)
