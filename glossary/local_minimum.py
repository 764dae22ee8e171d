"""A local minimum is a point where the loss is lower than anywhere close by but not necessarily
lowest overall; a saddle point is flat as well, yet the loss still falls in some directions.
Network losses have both, and in large networks saddles and flat plateaus slow training far more
often than bad local minima trap it.

## Intuition
A convex loss is a single bowl: every downhill path ends at the same bottom, the global minimum.
Linear and logistic regression have such losses in their weights. A network's loss is not convex.
Symmetry alone guarantees many minima: swap two hidden units, with their incoming and outgoing
weights, and the network computes exactly the same function, so a layer of n units has n!
equivalent arrangements of any good solution.

For decades the worry was that gradient descent would settle in a poor valley. LeCun, Bengio and
Hinton (2015) sum up theory and experiments pointing the other way for big networks: most local
minima have a loss close to the best one, and most points where the gradient vanishes are saddle
points. At a saddle the gradient is tiny, so plain gradient descent crawls, but the noise of
stochastic gradients and momentum tend to carry it off along a downhill direction.

## The math
A critical point has ∇L(θ) = 0. Its type is read from the Hessian H = ∇²L, the matrix of second
derivatives, through its eigenvalues λ₁, …, λ_p:

- all λᵢ > 0: local minimum;
- all λᵢ < 0: local maximum;
- some positive, some negative: saddle point;
- some λᵢ = 0 (a degenerate Hessian) and none of the opposite sign: second derivatives cannot
  decide, higher ones must. x⁴ has a minimum at 0 and x³ does not, though both have f″(0) = 0.

Example: f(x, y) = x² − y² has gradient (2x, −2y), zero at the origin, and Hessian eigenvalues 2
and −2. Along x the origin is a minimum, along y a maximum: walking in y lowers f.

Zero eigenvalues are the usual case in networks. A ReLU unit with non-zero weights computes the
same function if its incoming weights and bias are multiplied by c > 0 and its outgoing weights
divided by c, so every critical point lies on a curve of critical points with the same loss, and
the Hessian has eigenvalue 0 along that curve. The smallest case: ŷ = w₂w₁x fitted to y = 1 at
x = 1. L = (w₁w₂ − 1)² is minimal on the whole curve w₁w₂ = 1, and at (1, 1) the Hessian
[[2, 2], [2, 2]] has eigenvalues 4 and 0, the 0 along (1, −1), the direction of the curve.

A heuristic for why saddles dominate: if each eigenvalue's sign were a fair coin, a critical point
of a model with p parameters would be a minimum with probability 2⁻ᵖ, vanishingly small for
millions of parameters. The signs are not really independent: near low loss, upward curvature
becomes common. Dauphin et al. (2014) and Choromanska et al. (2015) support the picture with
random-matrix arguments and experiments: critical points with high loss are mostly saddles, and
the minima cluster at losses near the global one.

## See also
- **gradient-descent**: the method that has to get past these points
- **sgd**: whose noise helps escape saddles
- **loss-function**: the surface being explored
- **logistic-regression**: a convex case with a single minimum
- **support-vector-machine**: a model whose training problem is convex
- **universal-approximation**: good weights exist; whether training finds them is asked here

## Sources
- [lecun2015] — local minima are rarely a serious problem in large networks
- [overview] — global minimum not guaranteed; convex methods do not apply
- [dauphin2014]
- [choromanska2015]
- [goodfellow2016] — chapter 8, challenges in neural network optimisation
"""

TITLE = "Local minima and saddle points"
ALIASES = (
    "local minima",
    "saddle point",
    "global minimum",
    "global minima",
    "critical point",
    "loss landscape",
    "loss surface",
    "convex optimization",
    "non-convex optimization",
    "convexity",
    "plateau",
    "degenerate hessian",
    "hessian",
)

PREREQUISITES = ("gradient-descent",)

RECALL = (
    {
        "question": "Where the gradient is zero, the Hessian's eigenvalues are 3, 0.5 and −2. What "
        "kind of critical point is it?",
        "options": {
            "A": "A local minimum",
            "B": "A local maximum",
            "C": "A saddle",
            "D": "Undecided until higher derivatives are checked",
        },
        "answer": "C",
        "why": "some positive, some negative: saddle point",
    },
    {
        "question": "Why does the Hessian of a ReLU network usually have an eigenvalue of exactly 0 at "
        "its critical points?",
        "options": {
            "A": "Scaling a unit's incoming weights by c > 0 and its outgoing ones by 1/c leaves "
            "the function unchanged, so the loss is flat along that direction",
            "B": "ReLU's second derivative is zero, so the loss has no curvature in any direction",
            "C": "The loss of a network is convex, so it is flat at every minimum",
            "D": "Gradient descent only ever stops at saddle points",
        },
        "answer": "A",
        "why": "A ReLU unit with non-zero weights computes the same function if its incoming weights "
        "and bias are multiplied by c > 0 and its outgoing weights divided by c, so every "
        "critical point lies on a curve of critical points with the same loss, and the Hessian "
        "has eigenvalue 0 along that curve.",
    },
)
