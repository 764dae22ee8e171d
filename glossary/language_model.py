"""A language model gives a probability to any sequence of words or characters, usually by
predicting each token from the ones before it. Trained on raw text, with the next token as the
target, it learns spelling, grammar and some facts, and it serves speech recognition, translation
and text generation.

## Intuition
Reading "the cat sat on the …", you expect "mat" or "sofa" far more than "democracy". That
expectation is a language model. It can be learned without any labelling, because every piece of
text supplies its own targets: hide the next word, predict it, check. LeCun, Bengio and Hinton
point out that recurrent networks became very good at exactly this, predicting the next character
or word.

Classic n-gram models count how often each word follows the previous n − 1 words. They hit a wall
of sparsity: most longer word combinations never occur in the training text, so their counts are
zero. Neural language models (Bengio et al., 2003) give each word an embedding, so that similar
words share what is learned about them; recurrent ones (Mikolov et al., 2010) and LSTMs condition
on the whole history instead of a fixed window. Each word enters the network as a one-hot vector
that selects its row of the embedding matrix. To generate text, sample a token from the predicted
distribution, feed it back in and repeat.

## The math
The chain rule of probability splits a sequence into one prediction per step:

    P(w₁, …, w_T) = ∏ₜ P(wₜ | w₁, …, wₜ₋₁)

A recurrent language model computes hₜ = f(hₜ₋₁, E wₜ) and P(wₜ₊₁ | w₁…wₜ) = softmax(V hₜ + c),
and is trained with the cross-entropy of the true next token. It is judged by perplexity,

    PP = exp(−(1/T) ∑ₜ log P(wₜ | w₁, …, wₜ₋₁)),

the effective number of equally likely choices per step: a model that guesses uniformly over a
vocabulary of V words has PP = V; lower is better.

Example: P(the) = 0.05, P(cat | the) = 0.01, P(sat | the cat) = 0.2 give the three-word sentence
probability 10⁻⁴ and perplexity (10⁻⁴)^(−1/3) ≈ 21.5.

## See also
- **rnn**: the usual model before transformers
- **lstm**: the recurrent unit that made long contexts work
- **distributed-representation**: the word embeddings it learns
- **one-hot-encoding**: how each token enters the network
- **cross-entropy**: the training loss, whose exponential is perplexity
- **natural-language-processing**: the field it serves

## Sources
- [lecun2015] — RNNs predicting the next character or word
- [shannon1948] — n-gram approximations to English
- [bengio2003]
- [mikolov2010]
- [sutskever2011] — character-level text generation with RNNs
"""

TITLE = "Language model"
ALIASES = (
    "language modelling",
    "language modeling",
    "next-word prediction",
    "next-character prediction",
    "character-level language model",
    "n-gram model",
    "n-gram",
    "perplexity",
    "neural language model",
    "text generation",
)

PREREQUISITES = ("one-hot-encoding", "softmax")

RECALL = (
    {
        "question": "A model gives a three-word sentence the probability 10⁻⁴. What is its perplexity on "
        "that sentence?",
        "options": {"A": "About 21.5", "B": "10,000", "C": "About 4", "D": "About 0.05"},
        "answer": "A",
        "why": "give the three-word sentence probability 10⁻⁴ and perplexity (10⁻⁴)^(−1/3) ≈ 21.5.",
    },
    {
        "question": "A model spreads its guess evenly over a vocabulary of V words at every step. What "
        "is its perplexity?",
        "options": {"A": "V", "B": "1", "C": "log V", "D": "1/V"},
        "answer": "A",
        "why": "a model that guesses uniformly over a vocabulary of V words has PP = V; lower is better.",
    },
)
