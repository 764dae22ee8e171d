"""One-hot encoding writes a choice among K categories as a vector of K numbers that are all zero
except for a single 1 at the chosen position. It is how class labels and words usually enter a
network, and it is the opposite of a distributed representation.

## Intuition
Numbering categories 1, 2, 3 would tell the network that "cat" (1) is closer to "dog" (2) than to
"car" (3), an order that means nothing. A one-hot vector avoids that: every category has its own
axis, and all categories are equally far apart. The price is size and the lack of any notion of
similarity: a vocabulary of 50,000 words needs vectors of 50,000 numbers that say nothing about
which words are alike.

That is why networks immediately map one-hot words to embeddings, short learned vectors in which
similar words are close. Multiplying a one-hot vector by a matrix just selects one row, so
libraries skip the multiplication and look the row up. For labels, the one-hot vector is the
target distribution that the softmax output is compared with; Keras's sparse losses take the class
number and do the encoding internally.

## The math
For category i of K: eᵢ ∈ {0, 1}ᴷ with (eᵢ)ⱼ = 1 if j = i, else 0.

- Any two different codes are at distance ‖eᵢ − eⱼ‖ = √2 and have dot product 0.
- For a K × d matrix E, eᵢᵀ E is row i of E: an embedding lookup.
- With a one-hot target y = e_c, the cross-entropy −∑ⱼ yⱼ log pⱼ reduces to −log p_c.

Example, K = 4 classes (cat, dog, car, bus): "car" is (0, 0, 1, 0). A softmax output
p = (0.1, 0.1, 0.7, 0.1) gives the loss −ln 0.7 ≈ 0.36.

## See also
- **distributed-representation**: the dense alternative networks learn
- **softmax**: the output compared with a one-hot target
- **cross-entropy**: the loss that picks out the true class
- **language-model**: words entering as one-hot vectors
- **classification**: labels as one-hot targets
- **deep-learning-framework**: sparse losses and embedding lookups that skip the vectors

## Sources
- [bengio2003] — one-hot words mapped to learned feature vectors
- [goodfellow2016] — chapter 6, one-hot targets and softmax outputs
"""

TITLE = "One-hot encoding"
ALIASES = ("one-hot vector", "one-hot", "1-of-k coding", "one-of-k encoding", "dummy variables", "categorical encoding")

PREREQUISITES = ("classification",)

RECALL = (
    {
        "question": "Under one-hot encoding, how far apart are the codes of any two different categories?",
        "options": {
            "A": "√2, the same for every pair",
            "B": "1",
            "C": "It depends on how far apart their numbers are",
            "D": "0",
        },
        "answer": "A",
        "why": "Any two different codes are at distance ‖eᵢ − eⱼ‖ = √2 and have dot product 0.",
    },
    {
        "question": "Why are categories not fed to a network simply as the numbers 1, 2, 3, …?",
        "options": {
            "A": "It would imply an order and distances between them that mean nothing",
            "B": "Networks can only take inputs between 0 and 1",
            "C": "Integers take more memory than vectors",
            "D": "The softmax needs one-hot inputs",
        },
        "answer": "A",
        "why": "Numbering categories 1, 2, 3 would tell the network that \"cat\" (1) is closer to "
        "\"dog\" (2) than to \"car\" (3), an order that means nothing.",
    },
)
