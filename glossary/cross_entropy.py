"""Cross-entropy measures how badly predicted probabilities fit the true labels: for one-hot labels
it is the negative log of the probability the model gave the correct answer, so confident
mistakes cost a great deal.

## Intuition
Suppose a weather app says "90% rain" and it rains: little surprise, small penalty. If it said
"1% rain" and you got soaked, the surprise is huge. Cross-entropy scores a model by its surprise at
the true answer. A model that hedges at 50% pays a moderate price every time; one that is sure and
right pays almost nothing; one that is sure and wrong pays enormously.

## The math
For a true distribution p and a predicted one q over K classes (natural log):

H(p, q) = −∑ (k = 1..K) p_k log q_k

With a one-hot label for class y this reduces to ℓ = −log q_y. Worked numbers: q_y = 0.9 gives
0.105; q_y = 0.5 gives 0.693; q_y = 0.01 gives 4.61. The loss is 0 only when q_y = 1.

Binary case, one sigmoid output a = σ(z) and label y in {0, 1}:

ℓ = −[y log a + (1 − y) log(1 − a)]

Why it trains well: with softmax outputs q = softmax(z), the gradient with respect to the logits
is simply ∂ℓ/∂z = q − y (and a − y in the binary case). The slope of the sigmoid or softmax has
cancelled, so a saturated but wrong output still gets a large, useful gradient, unlike with
squared error.

Links to other ideas: H(p, q) = H(p) + KL(p ‖ q), where H(p) is the entropy of the labels, fixed by
the data, and KL is the Kullback-Leibler divergence. Minimizing cross-entropy therefore minimizes
KL, and over a data set it is the same as maximizing the log-likelihood of the labels. With log
base 2 the unit is bits; with the natural log it is nats.

## In practice
- Compute it from logits (log-softmax via the log-sum-exp trick) rather than from rounded
  probabilities; log(0) is minus infinity.
- Keras names: binary_crossentropy, categorical_crossentropy (one-hot labels) and
  sparse_categorical_crossentropy (integer labels).

## See also
- **loss-function**: the general idea this is one case of
- **softmax**: produces the probabilities q
- **sigmoid**: the binary-case output
- **logistic-regression**: the classic model trained with this loss

## Sources
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- C. E. Shannon, "A mathematical theory of communication", Bell System Technical Journal 27,
  379-423 and 623-656, 1948.
"""

TITLE = "Cross-Entropy"
ALIASES = (
    "log loss",
    "binary cross-entropy",
    "categorical cross-entropy",
    "sparse categorical cross-entropy",
    "negative log-likelihood",
    "nll",
    "logistic loss",
)
