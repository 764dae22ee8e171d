"""Natural language processing (NLP) is the part of computing that works with human language:
sorting texts by topic or sentiment, answering questions, translating, holding a dialogue. Deep
learning reshaped it from about 2011, replacing hand-built linguistic features with learned word
embeddings and sequence models.

## Intuition
Words are discrete symbols, so a network first has to turn them into numbers: each word becomes a
one-hot vector that picks out a learned embedding. From there the tasks LeCun, Bengio and Hinton
list (topic classification, sentiment analysis, question answering, translation) all become
"read a sequence of vectors, then classify or generate".

Collobert et al. (2011) showed that one network, trained "almost from scratch" on raw text, could
match carefully engineered systems on several tagging tasks. Word order and composition matter:
"not bad at all" is praise though "bad" is negative. Models that read the whole sequence, such as
recurrent and convolutional networks, or that compose phrases along a parse tree (Socher et al.,
2013), capture this; averaging word vectors cannot. Memory networks read a story and answer
questions about it. At an ICML panel in 2015, dialogue systems were singled out as a promising
target for deep learning.

## The math
A typical classifier:

    text → tokens w₁…w_T → embeddings xₜ = E[wₜ] → encoder → h → softmax(W h + b)

The encoder may be an RNN (h = h_T), a ConvNet over the sequence, or an average
h = (1/T) ∑ₜ xₜ. The average ignores order: "dog bites man" and "man bites dog" get the same h.

Embeddings dominate the parameter count: a vocabulary of 50,000 words with 300-dimensional
vectors gives E 15 million parameters, more than the rest of a small model.

## See also
- **language-model**: predicting text, the basis of many NLP systems
- **distributed-representation**: word embeddings
- **encoder-decoder**: translation and other text-to-text tasks
- **memory-network**: question answering over a story
- **rnn**: reading a sentence word by word
- **speech-recognition**: spoken language turned into text

## Sources
- [lecun2015] — the language tasks deep learning improved
- [overview] — NLP as an RNN task and dialogue systems as a future direction
- [collobert2011]
- [socher2013]
- [mikolov2013]
"""

TITLE = "Natural language processing (NLP)"
ALIASES = ("nlp", "natural language understanding", "nlu", "sentiment analysis",
           "topic classification", "text classification", "question answering",
           "dialog system", "dialogue system", "language understanding")
