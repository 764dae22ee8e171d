"""Logistic regression is a classifier that passes a weighted sum of the inputs through the sigmoid
to get the probability of the positive class; it is a neural network with no hidden layer.

## Intuition
Despite its name it classifies: "regression" refers to fitting the log-odds of the class as a
straight-line function of the inputs. Its decision boundary is therefore a line (or hyperplane),
and each weight has a plain meaning: how much one unit more of that input raises or lowers the
odds. That readability, plus reliable estimates from modest data when its statistical assumptions
hold, is why medicine and the social sciences lean on it; its speed makes it useful on huge data
sets too.

In deep learning it shows up at the end of the network. A classifier net can be read as several
feature-learning layers followed by a logistic regression (or its multi-class form) that turns
the learned features into class probabilities. A single sigmoid unit is exactly this model.

## The math
For input x, weights w and bias b:

    p = P(y = 1 | x) = σ(w·x + b),   σ(z) = 1 / (1 + e^(−z))

Equivalently ln(p / (1 − p)) = w·x + b, so raising xᵢ by 1 multiplies the odds by e^(wᵢ).

Training minimises the binary cross-entropy L = −[y ln p + (1 − y) ln(1 − p)], whose gradient is
∂L/∂w = (p − y)x and ∂L/∂b = p − y. The average loss is convex in w and b, so gradient descent
does not get stuck in a bad local minimum (on perfectly separable data the weights grow without
bound unless regularised).

Multinomial form for K classes: p = softmax(Wx + b), with W of shape K × n.

Example: w = (2, −1), b = 0.5, x = (1, 3) gives z = 2 − 3 + 0.5 = −0.5 and p = σ(−0.5) ≈ 0.378,
so with a 0.5 threshold the prediction is class 0.

## See also
- **sigmoid**: the squashing function it uses
- **softmax**: its multi-class version
- **cross-entropy**: the loss it is trained with
- **unit**: one sigmoid unit is this model
- **perceptron**: the hard-threshold predecessor

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- Sebastian Raschka, "What is deep learning?" (log-sigmoid units as logistic regression).
- D. R. Cox, "The regression analysis of binary sequences", Journal of the Royal Statistical
  Society, Series B 20(2), 215-242, 1958.
"""

TITLE = "Logistic regression"
ALIASES = ("logit model", "multinomial logistic regression", "logistic classifier",
           "logit regression", "softmax regression", "binary logistic regression")
