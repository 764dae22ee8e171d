"""Regularization is any change to training that gives up a little fit on the training data in
exchange for better results on new data; the classic form adds a penalty on large weights (L2,
also called weight decay) to the loss.

## Intuition
Given two explanations that fit the facts, prefer the simpler one. A network with millions of
weights can bend itself around every noisy point; a penalty on weight size makes sharp bends
costly, so the fitted function stays smooth and the noise is ignored. The penalty strength is a
dial: too weak and the model still memorises, too strong and it underfits.

Penalties are only one family. Dropout, data augmentation, early stopping and simply using a
smaller model all regularize too: each limits how closely the model can hug the training set.

## The math
L2 penalty with strength λ ≥ 0 on the weights w = (w₁, …, w_n):

    L_total(w) = L(w) + λ‖w‖²,    ‖w‖² = ∑ⱼ wⱼ²

Its gradient is ∇L + 2λw, so one gradient step with step size η becomes

    w ← w − η(∇L + 2λw) = (1 − 2ηλ) w − η ∇L

Before the usual update every weight is multiplied by (1 − 2ηλ), a slight shrink toward zero,
hence "weight decay". Example: η = 0.1 and λ = 0.01 give a factor of 0.998 per step. Many texts
write the penalty as (λ/2)‖w‖², which makes the factor (1 − ηλ).

The L1 penalty λ ∑ⱼ |wⱼ| pushes many weights to exactly zero, giving sparse models. Biases are
usually left unpenalised.

## In practice
Typical weight-decay values lie between 1e-5 and 1e-3; the 2012 ImageNet ConvNet used 0.0005.
With adaptive optimisers such as Adam, adding λ‖w‖² to the loss is not the same as shrinking the
weights directly, which is why "decoupled" weight decay (AdamW) exists.

## See also
- **overfitting**: the problem regularization treats
- **dropout**: a regularizer built for neural networks
- **data-augmentation**: regularizing through more varied data
- **loss-function**: the term the penalty is added to
- **gradient-descent**: where the decay factor appears

## Sources
- "A short overview of deep learning" (blog overview of neurons, losses, backprop, CNN and RNN).
- A. E. Hoerl, R. W. Kennard, "Ridge regression: biased estimation for nonorthogonal problems",
  Technometrics 12(1), 1970.
- A. Krogh, J. A. Hertz, "A simple weight decay can improve generalization", NIPS 4, 1992.
- I. Loshchilov, F. Hutter, "Decoupled weight decay regularization", ICLR, 2019.
"""

TITLE = "Regularization"
ALIASES = (
    "regularisation",
    "weight decay",
    "l2 regularization",
    "l2 penalty",
    "l1 regularization",
    "ridge regression",
    "lasso",
    "penalty term",
    "adamw",
)
