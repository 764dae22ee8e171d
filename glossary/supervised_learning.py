"""Supervised learning trains a model on inputs that each come with the correct answer, a label,
so that it can give the answer for inputs it has not seen; predicting a category is called
classification, predicting a number regression.

## Intuition
It is studying with flash cards: question on the front, answer on the back. You guess, flip the
card, and correct yourself. A network does the same with a photo and the tag "cat", or a house and
its sale price; every mistake tells it which way to move its weights.

Most headline results of deep learning are supervised and lean on big labelled sets: the ImageNet
contest set has about 1.2 million photos, each tagged by people with one of 1000 classes. Labels
are the costly part: someone must produce them, and their errors become the model's errors.

## The math
Data: pairs (xᵢ, yᵢ), i = 1 … N. Training picks the parameters θ that minimise the average loss

    L(θ) = (1/N) ∑ᵢ ℓ(f(xᵢ; θ), yᵢ)

usually with stochastic gradient descent: each step averages the gradient over a small random
batch, a noisy but cheap estimate of the gradient over all N examples.

- Classification with K classes: f outputs probabilities p = softmax(z) and the loss is the
  cross-entropy ℓ = −log p_y, the negative log of the probability given to the true class y.
- Regression: f outputs a number and a common loss is the squared error ℓ = (f(x) − y)².

Example: for three classes the model says p = (0.7, 0.2, 0.1) and the true class is the first:
ℓ = −ln 0.7 ≈ 0.36. Had it given that class only 0.1, the loss would be −ln 0.1 ≈ 2.30.

## Common confusions
Unsupervised learning has inputs but no labels. Self-supervised learning makes labels out of the
input itself (hide a word, predict it). Reinforcement learning gets a reward, not the answer.

## See also
- **unsupervised-learning**: learning from inputs alone
- **loss-function**: how a wrong answer is scored
- **cross-entropy**: the standard loss for classification
- **softmax**: turning scores into class probabilities
- **sgd**: the usual training loop
- **overfitting**: the risk of memorising the labelled examples

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, losses, backprop, CNN and RNN).
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
"""

TITLE = "Supervised learning"
ALIASES = ("labels", "labelled data", "labeled data", "supervised", "ground truth")
