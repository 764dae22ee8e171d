"""A unit is the smallest working part of a neural network: it multiplies each input by a weight,
adds the results and a bias into one number, and passes that number through a nonlinear
activation to give a single output.

## Intuition
Picture a committee vote. Each input speaks, its weight sets how loudly it counts (and whether for
or against), the bias is a standing leaning, and the activation turns the tally into a verdict.

Put a sigmoid on top and one unit is exactly logistic regression: its output lies between 0 and 1
and reads as the probability of the positive class. The points where w·x + b = 0 form its
decision boundary, a straight line (a flat hyperplane in more dimensions). So one unit cannot
learn XOR, where (0,1) and (1,0) must fall on one side and (0,0) and (1,1) on the other; no
straight cut does that. Two layers of units can.

Units can be richer than one weighted sum. A maxout unit forms several sums and keeps the largest;
an LSTM unit wires several sigmoid and tanh gates around a memory cell. Pooling and convolution
are normally not called units.

## The math
For inputs x = (x₁, …, xₙ), weights w = (w₁, …, wₙ), bias b and activation f:

    z = w·x + b = ∑ᵢ wᵢxᵢ + b,        a = f(z)

z is the pre-activation, a the output. With the sigmoid σ: x = (1, 2), w = (0.5, −1), b = 1
gives z = 0.5 − 2 + 1 = −0.5 and a = σ(−0.5) ≈ 0.378.

Why XOR fails: output 1 for (1,0) and (0,1) needs w₁ + b > 0 and w₂ + b > 0, which sum to
w₁ + w₂ + 2b > 0. Output 0 for (0,0) and (1,1) needs b ≤ 0 and w₁ + w₂ + b ≤ 0, which sum to
w₁ + w₂ + 2b ≤ 0. Both cannot hold.

## Picture
```text
   x₁ ──w₁──┐
   x₂ ──w₂──┼──► z = ∑ wᵢxᵢ + b ──► f(z) ──► a ──► next layer
   x₃ ──w₃──┘              ▲
                           b
```

## Common confusions
"Neuron" names the same thing but suggests a copy of a brain cell. A unit is a dot product and a
simple function; a real neuron is now thought to act more like a whole small multilayer network.
The word was favoured to set neural networks apart from the discredited perceptron, and the press
later used it to sell deep learning as brain emulation. "Unit" says what it is.

## See also
- **activation**: the nonlinearity f inside every unit
- **layer**: many units working side by side
- **logistic-regression**: what one sigmoid unit amounts to
- **perceptron**: the historical unit with a hard step
- **maxout**: a unit that keeps the largest of several sums
- **lstm**: a unit with gates and a memory cell

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts", 2015 (NVIDIA Technical Blog).
- "A short overview of deep learning" (blog overview: neurons, sigmoid/ReLU, backprop).
- W. S. McCulloch, W. Pitts, "A logical calculus of the ideas immanent in nervous activity",
  Bulletin of Mathematical Biophysics 5, 115-133, 1943.
- M. Minsky, S. Papert, "Perceptrons", MIT Press, 1969.
"""

TITLE = "Unit"
ALIASES = ("neuron", "artificial neuron", "node", "hidden unit", "computational unit")
