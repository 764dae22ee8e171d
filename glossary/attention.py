"""Attention lets a network choose, at every step, which parts of its input to focus on: it
scores each part against what it currently needs, turns the scores into weights with a softmax
and reads the weighted average. A translator network can look back at any source word, a
captioning network at any region of the image.

## Intuition
Translating a long sentence by hand, you do not memorise it and then write; you glance back at
the words that matter for the phrase you are writing. Early encoder-decoder networks had to do the
former, squeezing the whole source sentence into one vector, and their translations got worse as
sentences got longer. Bahdanau, Cho and Bengio (2015) let the decoder look at all the encoder's
states at each output word. The long-sentence problem largely went away, and the learned weights
turned out to line up with which source words translate which.

There are two flavours. Soft attention takes a weighted average over all positions; it is
differentiable and trained by ordinary backpropagation. Hard attention picks one position, like
moving your eyes; the choice is not differentiable, so it is trained with reinforcement learning.
That is the idea LeCun, Bengio and Hinton point to when they describe ConvNets and RNNs that learn
where to look (Mnih et al., 2014). Xu et al. (2015) used both kinds for image captions. The
Transformer (Vaswani et al., 2017) drops recurrence altogether and builds a whole network out of
attention.

## The math
Given encoder states h₁, …, h_n and the decoder's current state s:

    eᵢ = score(s, hᵢ)                  e.g. s · hᵢ, or vᵀ tanh(W s + U hᵢ)
    αᵢ = exp(eᵢ) / ∑ⱼ exp(eⱼ)          weights: positive, summing to 1
    c  = ∑ᵢ αᵢ hᵢ                      the context passed to the decoder

Example: scores (2, 0, 0) give weights (0.79, 0.11, 0.11); with h₁ = (1, 0), h₂ = (0, 1),
h₃ = (1, 1) the context is c ≈ (0.89, 0.21), mostly h₁.

The Transformer's form packs the queries, keys and values into matrices Q, K, V:
Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V, where d_k is the key length.

## Picture
```text
 encoder states   h₁     h₂     h₃     h₄
 weights αᵢ      0.05   0.80   0.10   0.05    softmax of the scores against s
                   └──────┴───┬──┴──────┘
                   c = ∑ αᵢ hᵢ  ──►  next decoder step
```

## See also
- **encoder-decoder**: the model attention was added to
- **image-captioning**: attention over image regions
- **reinforcement-learning**: how hard attention is trained
- **softmax**: turns scores into weights
- **memory-network**: attention over stored facts

## Sources
- [lecun2015] — networks that learn where to look
- [bahdanau2015]
- [mnih2014]
- [xu2015]
- [vaswani2017]
"""

TITLE = "Attention"
ALIASES = ("attention mechanism", "visual attention", "soft attention", "hard attention",
           "self-attention", "transformer", "scaled dot-product attention")
