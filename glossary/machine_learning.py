"""Machine learning gets a computer to improve at a task from examples: instead of hand-written
rules, we choose a model with adjustable parameters and tune them on data until it predicts well
on cases it has never seen.

## Intuition
Think of learning to pick ripe avocados: nobody hands you a rule book; you squeeze a few hundred,
see which turned out good, and calibrate your thumb. Machine learning works the same way in three
moves: gather examples, fit a model to them, then use the fitted model on new inputs.

Fitting is a loop. The model guesses, a score says how wrong the guess was, and the parameters are
nudged to make that score smaller. A nudge that repairs one example can spoil another, so the loop
runs for thousands of rounds and stops once the predictions stop improving. What finally counts
is the score on fresh data, not on the examples used for fitting.

## The math
Given N examples (x₁, y₁), …, (x_N, y_N), a model f(x; θ) with parameters θ and a loss ℓ(ŷ, y) that
measures one error, training minimises the empirical risk, the average loss on the data:

    R̂(θ) = (1/N) ∑ᵢ ℓ(f(xᵢ; θ), yᵢ)

It stands in for the quantity we really care about, the expected risk R(θ) = E[ℓ(f(x; θ), y)] over
all inputs the world might produce. Most models are fitted with gradient steps
θ ← θ − η ∇R̂(θ), where η is the step size.

Tiny example: f(x) = w·x with squared loss and data (1, 2), (2, 4), (3, 5). With w = 2 the
predictions are 2, 4, 6, the squared errors 0, 0, 1, so R̂ = 1/3 ≈ 0.33.

## Picture
```text
 examples (x, y) ──► model f(x; θ) ──► guess ŷ
                          ▲                │
                          │ adjust θ       ▼
                          └──── loss ℓ(ŷ, y)
```

## See also
- **supervised-learning**: the common case where every example carries its answer
- **unsupervised-learning**: learning when there are no answers at all
- **loss-function**: how "wrong" is turned into a number
- **gradient-descent**: the usual way to make R̂ smaller
- **overfitting**: why a low training score is not enough
- **deep-learning**: machine learning with many stacked layers

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015, NVIDIA Technical Blog.
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- V. N. Vapnik, The Nature of Statistical Learning Theory, Springer, 1995.
"""

TITLE = "Machine learning"
ALIASES = ("ml", "statistical learning", "empirical risk", "empirical risk minimization", "erm")
