"""A memory network pairs a neural network with a separate memory that it writes facts into and
reads back by content, so it can store a whole story and later fetch the few sentences needed to
answer a question about it.

## Intuition
An LSTM keeps everything it has read in one state vector of fixed size: fine over a sentence,
cramped over a long story. Memory networks (Weston, Chopra and Bordes, 2015) give each sentence its
own slot in a memory. To answer "Where is the football?" the model first finds the slot that best
matches the question, "John picked up the football", then uses what it found to search again,
"John went to the kitchen". Several such hops let it chain facts together. LeCun, Bengio and Hinton
describe these networks following the state of a small text-adventure world and answering
questions that take several steps of inference.

The first version had to be told, during training, which memories were relevant. End-to-end
memory networks (Sukhbaatar et al., 2015) made the read a soft attention, so plain
backpropagation on question-answer pairs is enough. Neural Turing machines (Graves et al., 2014)
also learn where to write. The bAbI tasks (Weston et al., 2016), twenty small reasoning tests such
as counting, following paths and simple deduction, were built to measure this kind of model.

## The math
End-to-end version. Each sentence xᵢ (a bag of words) is embedded twice, as a key mᵢ = A xᵢ and a
value cᵢ = C xᵢ; the question q becomes u = B q. One hop:

    pᵢ = softmax(u · mᵢ)          how well slot i matches the question
    o  = ∑ᵢ pᵢ cᵢ                 what is read
    u′ = u + o                    the query for the next hop

After K hops the answer word is predicted with softmax(W u_K) over the vocabulary. A, B, C and W
are learned; the memory itself is just the embedded sentences.

## Picture
```text
 story (one slot each)               question: Where is the football?
 1 Mary went to the bathroom.
 2 John moved to the hallway.
 3 John picked up the football.   ◄── hop 1: matches "football"
 4 John went to the kitchen.      ◄── hop 2: matches "John"
                                      answer: kitchen
```

## See also
- **lstm**: memory held in a state vector instead of slots
- **attention**: the soft read that makes training end to end
- **natural-language-processing**: question answering as a task
- **rnn**: the sequence models memory networks extend
- **distributed-representation**: the embeddings stored in the slots

## Sources
- [lecun2015] — memory networks answering questions about a story
- [weston2015]
- [sukhbaatar2015]
- [graves2014]
- [weston2016]
"""

TITLE = "Memory network"
ALIASES = (
    "memnn",
    "end-to-end memory network",
    "memn2n",
    "explicit memory",
    "memory module",
    "neural turing machine",
    "ntm",
    "babi",
    "babi tasks",
)

PREREQUISITES = ("lstm", "attention")

RECALL = (
    {
        "question": "What let Sukhbaatar et al.'s version be trained from question-answer pairs alone?",
        "options": {
            "A": "Reading the memory became a soft attention, so backpropagation reaches every slot",
            "B": "Training was told which sentences mattered for each question",
            "C": "The whole story was packed into one LSTM state",
            "D": "A reinforcement-learning reward chose one slot to read",
        },
        "answer": "A",
        "why": "End-to-end memory networks (Sukhbaatar et al., 2015) made the read a soft attention, so "
        "plain backpropagation on question-answer pairs is enough.",
    },
    {
        "question": "To answer \"Where is the football?\" about a story, why does the model look up the "
        "memory more than once?",
        "options": {
            "A": "The first look finds who picked the ball up; a second, using what it found, "
            "finds where that person went",
            "B": "To average out the noise of a single lookup",
            "C": "Because each look can only read one word",
            "D": "It does not: one lookup is always enough",
        },
        "answer": "A",
        "why": "Several such hops let it chain facts together.",
    },
)
