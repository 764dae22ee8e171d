"""A distributed representation encodes each item as a pattern of values across many features,
each feature shared by many items; word embeddings are the best-known case, where similar words
land at nearby points in a vector space.

## Intuition
Compare two ways to store colours. A local code keeps one switch per named colour ("crimson",
"teal", ...) and says nothing about how they relate. A distributed code uses three shared dials,
red, green and blue: similar colours get similar settings and an unnamed colour still has a place.

Networks learn codes of the second kind. As features are shared, what was learned about "big"
and about "red" carries over to a big red object never seen in training. LeCun, Bengio and Hinton
credit deep nets with two exponential gains: such shared-feature codes, and composing layers.

## The math
With n binary features a local code can name n items; a distributed code can tell 2ⁿ apart
(n = 20: 20 versus 1,048,576).

Words: for a vocabulary of V words, word i is the one-hot vector eᵢ ∈ {0, 1}^V. An embedding
matrix E with V rows and d columns (say V = 10,000, d = 300) maps it to vᵢ = Eᵀeᵢ, simply row i
of E. These rows are parameters learned with the rest of the network. Closeness is measured by
cosine similarity cos(u, v) = u · v / (‖u‖ ‖v‖). In word2vec, vector arithmetic such as
king − man + woman lands near queen.

## Picture
```text
        one-hot (V = 10,000)       embedding (d = 4)
 cat    [0 0 1 0 … 0]              [ 0.8  0.1 −0.3  0.5]
 dog    [0 0 0 1 … 0]              [ 0.7  0.2 −0.2  0.6]
 car    [0 1 0 0 … 0]              [−0.5  0.9  0.4 −0.1]
        all pairs equally far      cos(cat, dog) ≈ 0.98
                                   cos(cat, car) ≈ −0.43
```

## See also
- **feature-learning**: how networks arrive at such codes
- **deep-learning**: the second, depth-based exponential gain
- **rnn**: language models that read embeddings word by word
- **unsupervised-learning**: embeddings learned from unlabelled text

## Sources
- Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015.
- G. E. Hinton, "Learning distributed representations of concepts", Proceedings of the 8th Annual
  Conference of the Cognitive Science Society, 1986.
- Y. Bengio, R. Ducharme, P. Vincent, C. Jauvin, "A neural probabilistic language model",
  JMLR 3, 2003.
- T. Mikolov, K. Chen, G. Corrado, J. Dean, "Efficient estimation of word representations in
  vector space", arXiv:1301.3781, 2013.
"""

TITLE = "Distributed representation"
ALIASES = (
    "embedding",
    "word embedding",
    "word vector",
    "word2vec",
    "embedding layer",
    "dense representation",
    "one-hot encoding",
)
