"""The vanishing gradient problem is the tendency of error signals to shrink toward zero as
backpropagation carries them back through many layers or time steps, so early layers barely learn;
when the signal grows instead, it is an exploding gradient.

## Intuition
Backpropagation sends blame from the output toward the input, and every layer it crosses scales
that blame by a local slope. Think of a photocopy of a photocopy: if each copy is a little fainter,
after ten copies the page is blank, and the first layers stay near their random starting weights
however long you train. If each copy is a little darker, the page turns black: gradients explode
and one update can wreck the weights.

## The math
Take a chain of single units a_k = σ(z_k), z_k = w_k a_(k−1) + b_k. By the chain rule

∂L/∂a_0 = ∂L/∂a_m × ∏ (k = 1..m) w_k σ′(z_k)

The sigmoid's slope σ′(z) = σ(z)(1 − σ(z)) is at most 0.25 (at z = 0). With weights no larger than
1, ten layers can shrink the gradient by up to 0.25^10 ≈ 9.5 × 10⁻⁷, about a millionfold. If each
factor were 1.5 instead, thirty layers would multiply it by 1.5^30 ≈ 190,000. With vectors the
factors become Jacobians diag(σ′(z_k)) W_k and their singular values play the same role. A
recurrent net suffers the same way along time, since it reuses one matrix at every step.

## Remedies
- ReLU: slope exactly 1 for positive inputs, so active paths do not shrink the signal.
- Careful initialization: scale random weights to keep signal variance steady, e.g.
  Var(w) = 2 / (n_in + n_out) (Glorot) or 2 / n_in for ReLU layers (He).
- LSTM and GRU gating: an additive state path whose derivative can stay near 1.
- Residual links: y = x + F(x) has Jacobian I + ∂F/∂x, so the identity part always passes the
  gradient through.
- Gradient clipping, for explosion: if the norm ‖g‖ exceeds a threshold τ, use g × τ / ‖g‖.

## See also
- **backpropagation**: where the long product of derivatives comes from
- **sigmoid**: whose small slope makes vanishing likely
- **relu**: the activation that largely sidesteps it
- **lstm**: gating that keeps gradients alive across time
- **rnn**: where the problem is sharpest

## Sources
- Sebastian Raschka, "What is deep learning?" (an answer on MLPs, ConvNets and pooling).
- "A short overview of deep learning" (blog overview of neurons, backprop, CNN, RNN, LSTM, GRU).
- Y. Bengio, P. Simard, P. Frasconi, "Learning long-term dependencies with gradient descent is
  difficult", IEEE Transactions on Neural Networks 5(2), 157-166, 1994.
- X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural
  networks", AISTATS, 2010.
- R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training recurrent neural networks",
  ICML, 2013.
- K. He, X. Zhang, S. Ren, J. Sun, "Deep residual learning for image recognition", CVPR, 2016.
"""

TITLE = "Vanishing Gradient"
ALIASES = (
    "exploding gradient",
    "vanishing gradient problem",
    "exploding gradient problem",
    "gradient clipping",
)
