"""Natural language processing (NLP) is the part of computing that works with human language:
sorting texts by topic or sentiment, answering questions, translating, holding a dialogue. Deep
learning reshaped it from about 2011, replacing hand-built linguistic features with learned word
embeddings and sequence models, and since 2018 with large pretrained Transformers.

## Intuition
Text first has to become numbers. A tokenizer cuts it into units from a fixed vocabulary, and each
unit's index picks out a learned embedding. Whole words leave the model helpless before a word it
never saw; single characters make sequences long. Most systems since about 2016 use subwords, such
as byte-pair encoding or WordPiece, whose vocabulary is built from how often pieces occur in a
corpus: frequent words stay whole and rare ones split into known pieces, so "unhappiness" may
become "un" + "happi" + "ness". Google's translation system (Wu et al., 2016) used such
wordpieces, and the Transformer's English-German model a byte-pair vocabulary of about 37,000
tokens shared by both languages.

From there the tasks LeCun, Bengio and Hinton list (topic classification, sentiment analysis,
question answering, translation) become "read a sequence of vectors, then classify or generate".
Collobert et al. (2011) showed that one network, trained "almost from scratch" on raw text, could
match carefully engineered systems on several tagging tasks. Word order and composition matter:
"not bad at all" is praise though "bad" is negative. Recurrent and convolutional networks, or
models that compose phrases along a parse tree (Socher et al., 2013), capture this; averaging word
vectors cannot.

Pretrained Transformers changed the recipe. A large Transformer is first trained as a language
model on billions of words of raw text, predicting masked-out words (BERT) or the next word (GPT);
then it is fine-tuned on the labelled task, or simply given instructions and examples in its
input. Pretraining teaches syntax, word senses in context and many facts, so a few thousand
labelled examples go much further than they would from scratch. At an ICML panel in 2015,
dialogue systems had been singled out as a promising target for deep learning; today's chat
assistants are built on such pretrained models.

## The math
A typical classifier:

    text → tokens w₁…w_T → embeddings xₜ = E[wₜ] → encoder → h → softmax(W h + b)

The encoder may be an RNN (h = h_T), a Transformer, a ConvNet over the sequence, or an average
h = (1/T) ∑ₜ xₜ. The average ignores order: "dog bites man" and "man bites dog" get the same h.

Embeddings dominate the parameter count of small models: a vocabulary of 50,000 words with
300-dimensional vectors gives E 15 million parameters. Subword vocabularies keep the table to tens
of thousands of rows: BERT's 30,522 WordPiece tokens of width 768 take 23.4 million parameters, a
fifth of its 110 million.

## See also
- **language-model**: predicting text, the basis of many NLP systems
- **embedding**: how token ids become learned vectors
- **encoder-decoder**: translation and other text-to-text tasks
- **transformer**: the block behind today's pretrained language models
- **memory-network**: question answering over a story
- **speech-recognition**: spoken language turned into text

## Sources
- [lecun2015] — the language tasks deep learning improved
- [overview] — NLP as an RNN task and dialogue systems as a future direction
- [collobert2011]
- [socher2013]
- [mikolov2013]
- [wu2016] — wordpiece vocabularies
- [vaswani2017] — the Transformer and its byte-pair vocabulary
- [sennrich2016] — byte-pair encoding of words into subwords
- [radford2018] — GPT, a pretrained Transformer decoder
- [devlin2019] — BERT, a pretrained Transformer encoder
"""

TITLE = "Natural language processing (NLP)"
ALIASES = (
    "nlp",
    "natural language understanding",
    "nlu",
    "sentiment analysis",
    "topic classification",
    "text classification",
    "question answering",
    "dialog system",
    "dialogue system",
    "language understanding",
    "tokenization",
    "tokenisation",
    "tokenizer",
    "subword",
    "byte-pair encoding",
    "bpe",
    "wordpiece",
    "bert",
    "gpt",
    "pretrained transformer",
)

PREREQUISITES = ("language-model", "rnn")

RECALL = (
    {
        "question": "Why does the encoder h = (1/T) ∑ₜ xₜ give \"dog bites man\" and \"man bites dog\" the same h?",
        "options": {
            "A": "A sum does not depend on the order of its terms",
            "B": "\"bites\" is missing from its vocabulary",
            "C": "\"dog\" and \"man\" share one embedding",
            "D": "The softmax saturates on short sentences",
        },
        "answer": "A",
        "why": "The average ignores order: \"dog bites man\" and \"man bites dog\" get the same h.",
    },
    {
        "question": "What does a byte-pair or WordPiece tokenizer do with a rare word such as \"unhappiness\"?",
        "options": {
            "A": "Splits it into pieces that are in its vocabulary",
            "B": "Replaces it with a single unknown-word token",
            "C": "Drops it from the text",
            "D": "Adds it to the vocabulary on the spot",
        },
        "answer": "A",
        "why": "frequent words stay whole and rare ones split into known pieces",
    },
    {
        "question": "A vocabulary of 50,000 words, each with a 300-number embedding: how many "
        "parameters does the embedding table hold?",
        "options": {"A": "15 million", "B": "350,000", "C": "750,000", "D": "150 million"},
        "answer": "A",
        "why": "a vocabulary of 50,000 words with 300-dimensional vectors gives E 15 million parameters.",
    },
)
