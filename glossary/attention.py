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

Soft attention, as above, takes a weighted average and is trained by ordinary backpropagation.
Hard attention picks one position, like moving your eyes; the choice is not differentiable, so it
is trained with reinforcement learning (Mnih et al., 2014), the networks that learn where to look
in LeCun, Bengio and Hinton's review. Xu et al. (2015) used both kinds for image captions.

The Transformer (Vaswani et al., 2017) drops recurrence and builds the whole network from
attention. In self-attention every position of a sequence attends to every position of the same
sequence: each token's vector is mapped to a query (what it looks for), a key (what it offers) and
a value (what it passes on), so "it" can draw its meaning from the noun it stands for however far
back that noun is. Multi-head attention runs several such attentions side by side on smaller
projections and concatenates them, so different heads can track different relations. Attention
alone ignores order: shuffle the tokens and each output is shuffled the same way. So the
Transformer adds a positional encoding to every input vector. All positions are computed at once,
which suits GPUs far better than an RNN's step-by-step loop, at a cost that grows with the square
of the length.

## The math
Given encoder states h₁, …, h_n and the decoder's current state s:

    eᵢ = score(s, hᵢ)                  e.g. s · hᵢ, or vᵀ tanh(W s + U hᵢ)
    αᵢ = exp(eᵢ) / ∑ⱼ exp(eⱼ)          weights: positive, summing to 1
    c  = ∑ᵢ αᵢ hᵢ                      the context passed to the decoder

Example: scores (2, 0, 0) give weights (0.79, 0.11, 0.11); with h₁ = (1, 0), h₂ = (0, 1),
h₃ = (1, 1) the context is c ≈ (0.89, 0.21), mostly h₁.

The Transformer stacks the n tokens' queries, keys and values as rows of Q, K, V:

    Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V

Dividing by √d_k keeps the dot products of long vectors from saturating the softmax. Q Kᵀ is
n × n: 1,000 tokens give a million scores per head and layer. The base model has width d = 512
and 8 heads of d_k = 64, each with its own projections, and positional encodings
PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).

## See also
- **encoder-decoder**: the model attention was added to
- **image-captioning**: attention over image regions
- **reinforcement-learning**: how hard attention is trained
- **transformer**: self-attention, positions and the block built from them
- **memory-network**: attention over stored facts
- **natural-language-processing**: where Transformers took over

## Sources
- [lecun2015] — networks that learn where to look
- [bahdanau2015]
- [mnih2014]
- [xu2015]
- [vaswani2017]
"""

TITLE = "Attention"
ALIASES = (
    "attention mechanism",
    "visual attention",
    "soft attention",
    "hard attention",
    "scaled dot-product attention",
    "query key value",
)

PREREQUISITES = ("encoder-decoder", "softmax")

RECALL = (
    {
        "question": "Three encoder states get the scores (2, 0, 0). What weights does the decoder give them?",
        "options": {"A": "(0.79, 0.11, 0.11)", "B": "(1, 0, 0)", "C": "(0.5, 0.25, 0.25)", "D": "(0.33, 0.33, 0.33)"},
        "answer": "A",
        "why": "Example: scores (2, 0, 0) give weights (0.79, 0.11, 0.11)",
    },
    {
        "question": "Why does the Transformer add a vector computed from each token's index to that token's input?",
        "options": {
            "A": "Attention alone ignores order: shuffled tokens give the same outputs, shuffled the same way",
            "B": "To keep the dot products from saturating the softmax",
            "C": "To let different heads track different relations",
            "D": "To make the cost grow linearly with the length",
        },
        "answer": "A",
        "why": "Attention alone ignores order: shuffle the tokens and each output is shuffled the same "
        "way. So the Transformer adds a positional encoding to every input vector.",
    },
    {
        "question": "Self-attention over a sequence of 1,000 tokens: how many query-key scores does one "
        "head of one layer compute?",
        "options": {"A": "A million", "B": "A thousand", "C": "64,000", "D": "512,000"},
        "answer": "A",
        "why": "Q Kᵀ is n × n: 1,000 tokens give a million scores per head and layer.",
    },
)
