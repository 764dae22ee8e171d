"""An activation function is the nonlinear function a unit applies to its weighted sum; without
it, any stack of layers would shrink to a single linear map, so it is what gives depth its power.

## Intuition
A weighted sum can only stretch, rotate, shear and shift its input space; straight lines stay
straight. The activation bends that space. Take two pairs of points, each pair tight and the pairs
far apart. A linear map that drags one member of the first pair next to the second pair must drag
its partner along too. A nonlinear one can pull one point closer while pushing its neighbour
away, so each layer can redraw which inputs count as similar, and stacked bends build features of
growing complexity.

## The math
Let z be a unit's pre-activation. The three classic choices and their slopes:

- sigmoid: σ(z) = 1 / (1 + e^(−z)), outputs in (0, 1); σ'(z) = σ(z)(1 − σ(z)) ≤ 0.25,
  peak at z = 0.
- tanh: tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), outputs in (−1, 1); tanh'(z) = 1 − tanh²(z),
  peak 1 at z = 0.
- ReLU: relu(z) = max(0, z); relu'(z) = 1 for z > 0 and 0 otherwise (frameworks pick 0 at z = 0).

Why linear stacks collapse: two layers with no activation compute

    W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂) = Wx + b,

one layer with W = W₂W₁ and b = W₂b₁ + b₂. By induction, a thousand linear layers are still one.

The vanishing-gradient link: backpropagation multiplies in one activation slope per layer. For
the sigmoid each slope is at most 0.25, so over 10 layers those factors alone give at most
0.25¹⁰ ≈ 9.5 × 10⁻⁷; saturated units are worse (σ'(2) ≈ 0.105, tanh'(3) ≈ 0.0099). ReLU hands
back a slope of exactly 1 for each active unit, one reason deep networks train faster with it.

## Picture
```text
 x ─► z = Wx + b ─► f(z) ─► a        range        largest slope f'
          sigmoid:                  (0, 1)       0.25
          tanh:                     (−1, 1)      1
          ReLU:                     [0, ∞)       1 (0 when z < 0)
 gradient reaching layer 1 ∝ f'(z₁) · f'(z₂) · … · f'(z_L)
```

## Common confusions
"Activation" means both the function f and the value a = f(z) it produces; "the activations of
a layer" are its outputs. Softmax is also called an activation, but it acts on a whole vector
at once rather than unit by unit. A unit may hold several activation functions (an LSTM unit
does), so unit and activation are not synonyms.

## See also
- **unit**: where the activation sits
- **sigmoid**: the classic squashing choice
- **tanh**: the zero-centred squashing choice
- **relu**: today's default for hidden layers
- **vanishing-gradient**: what small slopes do to deep nets
- **softmax**: the vector-valued output activation

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- "A short overview of deep learning" (blog overview: neurons, sigmoid/ReLU, backprop).
- V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines",
  ICML, 2010.
- X. Glorot, A. Bordes, Y. Bengio, "Deep sparse rectifier neural networks", AISTATS, 2011.
"""

TITLE = "Activation function"
ALIASES = ("activation function", "nonlinearity", "transfer function", "squashing function")
