"""A loss function turns a model's prediction and the correct answer into a single number that says
how wrong the prediction was; training adjusts the parameters to make the average of that number
over the data as small as possible.

## Intuition
A loss is a scorekeeper that only counts mistakes: it compares what the model said with what it
should have said and writes down a penalty, zero for a perfect answer and more the further off it
is. Training cannot aim at "be good" directly, but it can aim at "make the penalty smaller",
because the penalty has a slope with respect to each weight.

The choice of loss decides what "wrong" means. Squared error punishes a miss of 4 sixteen times as
much as a miss of 1, so it cares a lot about outliers. Cross-entropy punishes confident wrong
guesses very hard and is the standard choice for classification.

## The math
For a model f with parameters θ, training pairs (x_i, y_i) for i = 1..N and a per-example loss ℓ:

L(θ) = (1/N) ∑ (i = 1..N) ℓ(f(x_i; θ), y_i)

- mean squared error, for regression: ℓ(ŷ, y) = (ŷ − y)²
- cross-entropy, for classes: ℓ(q, y) = −log q_y, where q_y is the probability given to class y

Worked example: predicting 2.5 when the truth is 3 costs (2.5 − 3)² = 0.25 under squared error;
predicting 5 costs 4. Gradient descent then moves θ along −∇L(θ).

A usable loss must be differentiable (at least almost everywhere) and should give a useful slope.
Accuracy fails this test: it is flat almost everywhere, so its gradient is zero and gives no
direction. That is why one trains on cross-entropy and reports accuracy.

## Common confusions
- "Loss" often means one example's penalty and "cost" or "objective" the average over the data
  plus any regularization term, but many authors use the words interchangeably.
- A lower training loss is not the goal in itself; the loss on unseen data is what matters.
- Pairing a sigmoid output with squared error learns slowly when the unit saturates; with
  cross-entropy the slope of the sigmoid cancels out of the gradient.

## See also
- **cross-entropy**: the standard loss for classification
- **gradient-descent**: how the loss is minimized
- **backpropagation**: how its gradient is computed
- **regularization**: extra terms added to the loss
- **overfitting**: when training loss and test loss part ways

## Sources
- Tim Dettmers, NVIDIA Technical Blog, 2015: "Deep Learning in a Nutshell: Core Concepts".
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
"""

TITLE = "Loss Function"
ALIASES = (
    "loss",
    "cost function",
    "cost",
    "objective function",
    "error function",
    "objective",
    "mean squared error",
    "mse",
    "squared error",
)
