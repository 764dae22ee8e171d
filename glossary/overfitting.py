"""Overfitting is when a model learns the noise and quirks of its training examples rather than
the general pattern, so it does well on data it has seen and poorly on new data.

## Intuition
A student who memorises last year's exam answers aces that paper and fails this year's. A model
with enough parameters can likewise store the training set instead of the rule behind it. The
opposite failure, underfitting, is a model too simple for the rule: it scores badly everywhere.

So data is split three ways: the training set fits the weights, the validation set (never
trained on) picks settings and the stopping point, and the test set is used once at the end for
an honest estimate. Deep networks are especially exposed: the 2012 ImageNet ConvNet had about 60
million parameters but only 1.2 million training images. Standard remedies are more data, data
augmentation, weight penalties, dropout and early stopping.

## The math
Training error: E_train = (1/N) ∑ᵢ ℓ(f(xᵢ), yᵢ) over the N training pairs. Generalisation error:
E_test = E[ℓ(f(x), y)], the expected loss on fresh pairs from the same source, estimated on held-out
data. The generalisation gap is E_test − E_train; overfitting means this gap is large.

Example: through 10 noisy points with distinct x you can always fit a polynomial of degree 9
(10 coefficients) exactly, so E_train = 0, yet the curve swings wildly between the points and
predicts new ones badly. A straight line fits worse on the 10 points and better on new ones.

## Picture
```text
 loss
  │●
  │ ●○                                      ○ validation
  │   ●○                           ○  ○  ○
  │     ●○                  ○  ○
  │       ● ○        ○  ○
  │         ●   ○
  │            ●   ●
  │                   ●  ●  ●   ●   ●   ●   ● training
  └─────────────┬────────────────────────────► epochs
         lowest validation loss: stop here (early stopping)
```

## See also
- **regularization**: penalties and other tricks that shrink the gap
- **dropout**: a regularizer made for neural networks
- **data-augmentation**: more varied training data at no labelling cost
- **parameter**: why more weights mean more room to memorise
- **machine-learning**: training error versus the error that matters

## Sources
- "A short overview of deep learning" (blog overview of neurons, losses, backprop, CNN and RNN).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout: a simple way
  to prevent neural networks from overfitting", JMLR 15, 1929-1958, 2014.
"""

TITLE = "Overfitting"
ALIASES = (
    "generalization",
    "generalisation",
    "training data",
    "test data",
    "validation set",
    "underfitting",
    "overfit",
    "training set",
    "test set",
    "early stopping",
    "generalization gap",
)
