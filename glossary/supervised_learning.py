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

## Try it
`nutshell demo supervised-learning` teaches the same small network with 8,000 labelled MNIST
digits, with only 500 of them (same number of steps), and with all 8,000 after a labeller wrote
"1" on every 7. Seed 0: test accuracy 0.937 with all labels and 0.877 with 500; the mislabelled
model calls 96% of the test 7s "1" while scoring 0.936 on the other digits, as the correctly
taught one does (0.937).

## See also
- **unsupervised-learning**: learning from inputs alone
- **loss-function**: how a wrong answer is scored
- **cross-entropy**: the standard loss for classification
- **softmax**: turning scores into class probabilities
- **sgd**: the usual training loop
- **overfitting**: the risk of memorising the labelled examples

## Sources
- [lecun2015]
- [overview]
- [dettmers2015]
"""

TITLE = "Supervised learning"
ALIASES = ("labels", "labelled data", "labeled data", "supervised", "ground truth")

DEMO = {
    "steps_per_execution": 8,
    "epochs": 6, "batch_size": 32, "learning_rate": 0.001, "datasets": ("mnist", "fashion_mnist"),
    "quick": {"epochs": 3},
}

__all__ = ["relabel"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import numpy as np

from nutshell import data
from nutshell.glossary.machine_learning import draws_per_epoch
from nutshell.glossary.mlp import mlp


def relabel(labels, source: int, target: int):
    """A labeller's systematic mistake: every example of class `source` is given label `target`.
    Returns a new array; the images are untouched, only the answers on the back of the cards."""
    labels = np.array(labels, copy=True)
    labels[labels == source] = target
    return labels


# --- the demo --------------------------------------------------------------------------------

FEW = 500
MISTAKE = (7, 1)  # the labeller writes 1 on every 7


def _classifier(split, name):
    return mlp(split.input_shape, (128,), split.num_classes, output_activation="softmax", name=name)


def _teach(run, split, x, y, name=None):
    """Fit a fresh classifier to (x, y), repeated to a fixed number of draws per epoch so that
    every model takes the same number of steps, and return its test predictions."""
    model = _classifier(split, name=(name or "correct_labels").replace("-", "_"))
    run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    run.fit(model, *draws_per_epoch(x, y, draws=len(split.x_train), seed=run.seed),
            validation_data=(split.x_test, split.y_test), name=name)
    return np.argmax(model.predict(split.x_test, batch_size=500, verbose=0), axis=-1)


def demo(run):
    """Labelled examples teach a classifier: more of them help, and their mistakes are learned."""
    split = data.load_images(run.settings.dataset)
    if run.quick:
        split = split.subset(3000, 1000)
    x, y, y_test = split.x_train, split.y_train, split.y_test
    run.say(f"A classifier taught with all {len(x):,} labelled images…")
    correct = _teach(run, split, x, y)
    few = split.subset(FEW, seed=run.seed)
    run.say(f"…one taught with only {FEW} of them (same number of steps)…")
    with_few = _teach(run, split, few.x_train, few.y_train, name=f"{FEW}-labels")
    source, target = MISTAKE
    run.say(f"…and one taught by a labeller who writes {target} on every {source}.")
    mistaught = _teach(run, split, x, relabel(y, source, target), name="mislabelled")

    accuracy = {"all": float(np.mean(correct == y_test)), "few": float(np.mean(with_few == y_test))}
    is_source = y_test == source
    copied = float(np.mean(mistaught[is_source] == target))
    others = {"correct": float(np.mean(correct[~is_source] == y_test[~is_source])),
              "mislabelled": float(np.mean(mistaught[~is_source] == y_test[~is_source]))}
    run.text("comparison", "| taught with | test accuracy | other classes | "
             f"test {source}s called {target} |\n|---|---|---|---|\n"
             f"| all labels, correct | {accuracy['all']:.3f} | {others['correct']:.3f} | "
             f"{np.mean(correct[is_source] == target):.3f} |\n"
             f"| {FEW} labels, correct | {accuracy['few']:.3f} | | |\n"
             f"| all labels, every {source} called {target} | {np.mean(mistaught == y_test):.3f} | "
             f"{others['mislabelled']:.3f} | {copied:.3f} |")
    run.metrics({"test_accuracy": accuracy["all"], f"test_accuracy_{FEW}_labels": accuracy["few"]})
    run.claim(
        f"More labels teach more: all {len(x):,} labelled images give >= 3 points higher test "
        f"accuracy than {FEW} of them. And the labels' mistakes become the model's: taught that "
        f"every {source} is a {target}, it calls >= 90% of test {source}s {target}, while on the "
        "other classes it stays within 2 points of the correctly taught model.",
        verdict=(accuracy["all"] - accuracy["few"] >= 0.03 and copied >= 0.9
                 and abs(others["mislabelled"] - others["correct"]) <= 0.02),
        test_accuracy_all_labels=accuracy["all"], test_accuracy_few_labels=accuracy["few"],
        mistake_copied=copied, other_classes_correct_labels=others["correct"],
        other_classes_mislabelled=others["mislabelled"],
    )
