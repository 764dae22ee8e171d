"""The universal approximation theorem says that a network with a single hidden layer of
nonlinear units can match any continuous function on a bounded region as closely as you like,
given enough units. It promises that such a network exists, not that it is small or that training
will find it.

## Intuition
A steep sigmoid unit is a soft step; two steps of opposite sign make a bump; enough narrow bumps
side by side trace any smooth outline, and narrower bumps trace it more closely. That is the heart
of the classic proofs, and Michael Nielsen's book turns it into a picture you can play with.

Three things the theorem leaves out. It gives no useful count of units: for some functions the
number needed grows exponentially with the number of inputs. It says nothing about whether
gradient descent will reach the right weights. And it says nothing about how well a network
fitted to a finite sample does on new data. Depth helps with the first point: some functions that
a deep network builds from a handful of units per layer need exponentially many units in one
hidden layer, which is the efficiency argument for deep networks.

## The math
For a continuous f on a compact set K ⊂ ℝⁿ and any tolerance ε > 0 there are N and weights vⱼ,
wⱼ, bⱼ such that

    | f(x) − ∑ⱼ₌₁ᴺ vⱼ σ(wⱼ · x + bⱼ) | < ε    for every x in K.

Cybenko (1989) proved this for sigmoid-like σ; Hornik, Stinchcombe and White (1989) and Hornik
(1991) widened it to general squashing and bounded activations; Leshno, Lin, Pinkus and Schocken
(1993) showed that, under mild conditions, any activation that is not a polynomial works, ReLU
included.

Depth, in one dimension. The tent map t(x) = 2·relu(x) − 4·relu(x − ½) sends 0 to 0, ½ to 1 and
1 to 0: two linear pieces from two units. Applying it m times, with two units per layer, gives a
zigzag of 2ᵐ pieces. A one-hidden-layer ReLU network with N units has at most N bends, so at most
N + 1 pieces, and needs N ≥ 2ᵐ − 1 to draw the zigzag exactly: for m = 20, over a million units
against forty. Telgarsky (2016) proved that even approximating such functions closely takes
exponentially many units when the depth is small.

## See also
- **mlp**: the one-hidden-layer network the theorem is about
- **deep-learning**: why depth is used even though one layer suffices in principle
- **activation**: the nonlinearity the theorem needs
- **relu**: the piecewise-linear unit behind the depth example
- **overfitting**: the generalisation question the theorem does not answer
- **local-minimum**: the optimisation question the theorem does not answer

## Sources
- [overview] — the universality statement and the remark that depth is more efficient
- [nielsen2015] — chapter 4, a visual proof of universality
- [cybenko1989]
- [hornik1989]
- [hornik1991]
- [leshno1993]
- [telgarsky2016]
"""

TITLE = "Universal approximation theorem"
ALIASES = ("universality theorem", "universal approximator", "universality", "cybenko's theorem", "shallow network")

PREREQUISITES = ("mlp", "activation")

RECALL = (
    {
        "question": "What does the universal approximation theorem promise about a network with one hidden layer?",
        "options": {
            "A": "That, given enough units, some setting of its weights matches any continuous "
            "function on a bounded region as closely as you like",
            "B": "That gradient descent will find weights fitting any continuous function",
            "C": "That a few dozen units are enough for any function of practical interest",
            "D": "That a network fitted to a finite sample will do well on new data",
        },
        "answer": "A",
        "why": "It promises that such a network exists, not that it is small or that training will find it.",
    },
    {
        "question": "The tent map applied 20 times is computed exactly by 20 layers of two ReLU units. "
        "How many ReLU units does a network with a single hidden layer need for the same "
        "function?",
        "options": {
            "A": "At least 2²⁰ − 1, over a million",
            "B": "Forty, the same as the deep network",
            "C": "Twenty-one, one per layer plus one",
            "D": "400, the square of the depth",
        },
        "answer": "A",
        "why": "A one-hidden-layer ReLU network with N units has at most N bends, so at most N + 1 "
        "pieces, and needs N ≥ 2ᵐ − 1 to draw the zigzag exactly: for m = 20, over a million "
        "units against forty.",
    },
)
