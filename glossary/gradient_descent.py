"""Gradient descent minimizes a loss by repeatedly moving every parameter a small step against the
gradient, the direction in which the loss rises fastest, so that each step lowers the loss a
little.

## Intuition
Imagine standing on a hillside in thick fog, trying to reach the valley floor. You cannot see the
valley, but you can feel which way the ground tilts under your feet, so you take a step downhill,
feel again, and repeat. The gradient is that tilt, measured for every parameter at once, and the
learning rate is the length of your stride. Too short a stride and you crawl; too long and you
leap across the valley and may end up higher than where you started.

## The math
For parameters θ = (θ_1, ..., θ_p) and a loss L(θ), the gradient ∇L(θ) = (∂L/∂θ_1, ..., ∂L/∂θ_p)
points uphill. One update with learning rate η > 0 is

θ ← θ − η ∇L(θ)

Worked example: L(w) = (w − 3)², so ∂L/∂w = 2(w − 3). Start at w = 0 with η = 0.1.
Step 1: gradient −6, w becomes 0.6. Step 2: gradient −4.8, w becomes 1.08. Each step multiplies
the distance to the minimum by 1 − 2η = 0.8, so w approaches 3. With η = 1.1 the factor is −1.2:
w overshoots further each time and diverges. The workable range of η depends on the curvature of L.

"Batch" or full gradient descent computes ∇L over the whole training set before every step. In
deep learning that is usually too slow, so the gradient is estimated from a small random sample
instead (stochastic gradient descent), with the gradients supplied by backpropagation.

## Common confusions
- The gradient is not the step: the step is −η times the gradient.
- Neural network losses are not convex, so there is no promise of reaching the global minimum.
  In large networks poor local minima turn out to be a smaller problem than once feared; flat
  regions and saddle points slow training more often.

## See also
- **sgd**: the mini-batch version used in practice
- **backpropagation**: how the gradient of a network is computed
- **loss-function**: the surface being descended
- **parameter**: the numbers that each step changes

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- A. Cauchy, "Méthode générale pour la résolution des systèmes d'équations simultanées",
  Comptes Rendus de l'Académie des Sciences 25, 536-538, 1847.
"""

TITLE = "Gradient Descent"
ALIASES = (
    "gradient",
    "learning rate",
    "step size",
    "steepest descent",
    "batch gradient descent",
    "full-batch gradient descent",
)
