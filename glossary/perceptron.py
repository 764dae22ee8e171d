"""The perceptron is Frank Rosenblatt's 1958 single-unit classifier: it outputs 1 when a weighted
sum of its inputs plus a bias is positive and 0 otherwise, and it learns by nudging its weights
after every mistake.

## Intuition
A perceptron draws one straight line (a hyperplane, in more dimensions) through the input space
and labels everything on one side 1 and everything on the other 0. Training is error-driven: show
it an example; if the answer is right, do nothing; if it is wrong, tilt the line towards the
correct side of that example. If some line separates the two classes perfectly, this simple
procedure is guaranteed to find one after a finite number of corrections.

The catch is the same straight line. Classes that no line can split, XOR being the classic case,
are out of reach. Minsky and Papert's 1969 analysis of such limits helped end the first wave of
neural-network research. The fix, layering units into a multilayer network, needed a training
method that a hard step cannot support: its slope is zero almost everywhere, so no gradient flows
back. Replacing the step with a smooth function such as the sigmoid gives a unit that behaves like
a differentiable perceptron, which is logistic regression, and stacks of those can be trained with
backpropagation.

## The math
Prediction: ŷ = step(w·x + b), where step(z) = 1 if z > 0 and 0 otherwise.
Learning rule for an example (x, y) with learning rate η:

    w ← w + η(y − ŷ)x,        b ← b + η(y − ŷ)

Since y − ŷ is 0 on correct answers, only mistakes change anything.

Example, logical AND with w = (1, 1) and b = −1.5: (1,1) gives 0.5 > 0, so 1; (1,0) and (0,1)
give −0.5, so 0; (0,0) gives −1.5, so 0. No choice of w and b does the same for XOR.

## See also
- **unit**: the general form that replaced the hard step
- **mlp**: perceptron-like units stacked in layers
- **logistic-regression**: the smooth, probabilistic cousin
- **activation**: why the step function was swapped out
- **backpropagation**: the training method the step function blocks

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- Sebastian Raschka, "What is deep learning?" (on the name "perceptron" in MLPs).
- F. Rosenblatt, "The perceptron: a probabilistic model for information storage and
  organization in the brain", Psychological Review 65(6), 386-408, 1958.
- M. Minsky, S. Papert, "Perceptrons", MIT Press, 1969.
"""

TITLE = "Perceptron"
ALIASES = ("rosenblatt perceptron", "single-layer perceptron", "perceptron learning rule",
           "linear threshold unit")
