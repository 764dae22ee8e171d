"""Classification and regression are the two basic kinds of supervised prediction: a classifier
picks one label from a fixed set (cat, dog, car; cancer or no cancer), a regression model outputs
a number (a price, a temperature). The choice fixes the network's output layer and its loss.

## Intuition
Ask whether the answer is a name or a quantity. "Which digit is this?" has ten possible names, and
being off by one (guessing 3 for a 4) is no better than any other mistake. "How old is the person
in this photo?" is a quantity, and guessing 41 for 40 is nearly right. Classifiers therefore output
a probability for each class and are scored by how much probability they give the right one;
regression models output the number itself and are scored by its distance from the truth.

In statistics, regression analysis is the wider study of how an outcome depends on input variables,
which is why logistic regression keeps its name although it is a classifier: it regresses the
log-odds of a class on the inputs. Many tasks mix the two. An object detector names each object
(classification) and predicts the four coordinates of its box (regression).

## The math
With h the features from the last hidden layer:

- regression: ŷ = w · h + b, loss = mean squared error (1/N) ∑ᵢ (ŷᵢ − yᵢ)²;
- two classes: p = σ(w · h + b), loss = binary cross-entropy;
- K classes: p = softmax(W h + b), loss = −log p_y, the cross-entropy of the true class y.

The predicted class is the one with the largest probability. Accuracy is the share of examples
predicted correctly and the error rate is 1 − accuracy; top-5 error counts a prediction as wrong
only if the true class is missing from the five most probable.

Examples: with K = 3 and p = (0.7, 0.2, 0.1) for an example of class 1, the prediction is right
and the loss is −ln 0.7 ≈ 0.36. A regression model predicting (2.5, 0.0) for targets (3.0, −0.5)
has squared errors 0.25 and 0.25, so MSE = 0.25.

## Picture
```text
 task          output layer        loss                   usual metric
 regression    1 linear unit       mean squared error     MSE, mean absolute error
 2 classes     1 sigmoid unit      binary cross-entropy   accuracy
 K classes     K softmax units     cross-entropy          accuracy, top-5 error
```

## See also
- **supervised-learning**: the setting both belong to
- **logistic-regression**: the classifier with a regression name
- **softmax**: the output of a K-class classifier
- **cross-entropy**: the classification loss
- **evaluation-metrics**: precision, recall and ROC beyond accuracy
- **logit**: the scores a classifier computes before the softmax

## Sources
- [dettmers2015] — regression analysis and categorical outcomes, in the logistic-regression section
- [raschka] — class labels as an MLP's prediction
- [goodfellow2016] — chapter 5, the tasks machine learning is asked to do
"""

TITLE = "Classification and regression"
ALIASES = (
    "regression",
    "classifier",
    "regression analysis",
    "class label",
    "class",
    "categorical outcome",
    "binary classification",
    "multiclass classification",
    "multi-class classification",
    "accuracy",
    "error rate",
    "top-5 error",
)

PREREQUISITES = ("supervised-learning",)

RECALL = (
    {
        "question": "A 3-class network outputs p = (0.7, 0.2, 0.1) for an example whose true class is "
        "class 1. What is its loss?",
        "options": {"A": "−ln 0.7 ≈ 0.36", "B": "1 − 0.7 = 0.3", "C": "0.7", "D": "−ln 0.1 ≈ 2.30"},
        "answer": "A",
        "why": "Examples: with K = 3 and p = (0.7, 0.2, 0.1) for an example of class 1, the prediction is "
        "right and the loss is −ln 0.7 ≈ 0.36.",
    },
    {
        "question": "Guessing 41 for a person who is 40 is nearly right, while guessing the digit 3 for a "
        "4 is simply wrong. What does that difference decide?",
        "options": {
            "A": "Whether the task is regression or classification, and so the output layer and the loss",
            "B": "Only how many hidden layers the network needs",
            "C": "Whether the data need labels at all",
            "D": "Nothing: both are scored by squared distance",
        },
        "answer": "A",
        "why": "The choice fixes the network's output layer and its loss.",
    },
)
