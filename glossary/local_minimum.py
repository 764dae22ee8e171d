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

- all λᵢ > 0: local minimum (curving up in every direction);
- all λᵢ < 0: local maximum;
- some positive, some negative: saddle point.

Example: f(x, y) = x² − y² has gradient (2x, −2y), zero at the origin, and Hessian eigenvalues 2
and −2. Along x the origin is a minimum, along y a maximum: walking in y lowers f.

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
- **backpropagation**: computes the gradient that vanishes at critical points

## Sources
- [lecun2015] — local minima are rarely a serious problem in large networks
- [overview] — global minimum not guaranteed; convex methods do not apply
- [dauphin2014]
- [choromanska2015]
- [goodfellow2016] — chapter 8, challenges in neural network optimisation
"""

TITLE = "Local minima and saddle points"
ALIASES = ("local minima", "saddle point", "global minimum", "global minima", "critical point",
           "loss landscape", "loss surface", "convex optimization", "non-convex optimization",
           "convexity", "plateau")
