"""A hyperparameter is a setting fixed before training instead of learned by it, such as the
learning rate, the batch size, the number of layers or the dropout rate. Hyperparameters are tuned
by training several models and comparing them on held-out validation data.

## Intuition
Parameters are the numbers gradient descent adjusts: weights and biases. Hyperparameters decide
what gradient descent works on and how: the shape of the network (layers, units, kernel size,
stride, size of the pooling window), the optimiser (learning rate, batch size, number of epochs,
momentum) and the regularisation (dropout rate, weight decay). The loss gradient cannot set them:
there is no derivative with respect to "number of layers", and some choices, such as a larger
model, would always lower the training loss while making the model worse on new data.

Many are trade-offs. Dettmers notes that a larger pooling area condenses more and saves memory,
but too large throws away information the classifier needs; only trying values settles it. The
learning rate is usually the one that matters most.

The test set must stay out of this. Choosing among a hundred settings by test score makes that
score optimistic, so a separate validation set does the choosing and the test set is read once
at the end.

## The math
With hyperparameters λ, training gives θ*(λ) = argmin_θ L_train(θ; λ). Tuning then picks

    λ* = argmin_λ L_val(θ*(λ)),

and the model reports L_test(θ*(λ*)) once.

Grid search tries every combination: three values for each of five hyperparameters is 3⁵ = 243
training runs. Random search (Bergstra and Bengio, 2012) draws combinations at random. Since
usually only a few hyperparameters matter, random points try many more distinct values of each.
If the best 5% of the space is good enough, 59 random trials find a point in it with probability
1 − 0.95⁵⁹ ≈ 0.95, however many hyperparameters there are. Scales such as the learning rate are
searched on a log scale, e.g. 10⁻⁴ to 10⁻¹.

## Picture
```text
 grid search, 9 runs          random search, 9 runs
   x     x     x                x        x
                                    x          x
   x     x     x                  x    x
                                 x          x
   x     x     x                       x
 3 values of each setting     9 values of each setting
```

## See also
- **parameter**: what training learns, as opposed to what you choose
- **overfitting**: why choices are judged on validation data
- **gradient-descent**: the learning rate and its effect
- **dropout**: a regularisation rate to tune
- **learning-rate-schedule**: how the most important choice changes over training
- **stride-and-padding**: shape settings chosen before training

## Sources
- [dettmers2015] — the pooling-size trade-off
- [bergstra2012]
- [goodfellow2016] — chapter 11, selecting hyperparameters
"""

TITLE = "Hyperparameter"
ALIASES = (
    "hyperparameter tuning",
    "hyperparameter search",
    "hyperparameter optimization",
    "grid search",
    "random search",
    "model selection",
)

PREREQUISITES = ("parameter", "gradient-descent")

RECALL = (
    {
        "question": "A grid search tries three values for each of five settings. How many models does it train?",
        "options": {"A": "15", "B": "243", "C": "125", "D": "3"},
        "answer": "B",
        "why": "Grid search tries every combination: three values for each of five hyperparameters is "
        "3⁵ = 243 training runs.",
    },
    {
        "question": "You compare a hundred learning rates. Which data should pick the winner?",
        "options": {
            "A": "The test set, so the choice reflects new data",
            "B": "A separate validation set, keeping the test set for one final reading",
            "C": "The training set, the largest one",
            "D": "Any of them: the choice does not bias the reported score",
        },
        "answer": "B",
        "why": "Choosing among a hundred settings by test score makes that score optimistic, so a "
        "separate validation set does the choosing and the test set is read once at the end.",
    },
)
