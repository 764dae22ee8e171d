"""An encoder-decoder network reads an input sequence into an internal representation with one
network, the encoder, and writes an output sequence from that representation with another, the
decoder. It made neural machine translation work in 2014 and is the pattern behind captioning,
speech recognition and summarisation.

## Intuition
Translation is not word for word: sentences change length and order ("I have seen it" becomes
"Ich habe es gesehen"). So the network first reads the whole source, then writes. Sutskever,
Vinyals and Le (2014) used a four-layer LSTM to read an English sentence, fed in reverse order
because that put related words closer together, and a second four-layer LSTM that started from
the reader's final state and wrote French one word at a time until it produced an end-of-sentence
token. On the WMT'14 English-to-French task an ensemble of five reached 34.8 BLEU, ahead of a
phrase-based statistical system's 33.3. Cho et al. (2014) proposed the same split that year,
together with the GRU.

Squeezing a whole sentence into one fixed vector is a bottleneck, and quality fell on long
sentences. Attention (Bahdanau et al., 2015) let the decoder consult every encoder state instead;
by 2016 Google was serving neural translation (Wu et al.). The same pattern maps an image to a
caption (a ConvNet as encoder) or audio to text.

## The math
Encoder: hₜ = f(hₜ₋₁, xₜ) for t = 1…T, and c = h_T (or all of h₁…h_T, with attention).
Decoder: sₜ = g(sₜ₋₁, yₜ₋₁, c) and P(yₜ | y₁…yₜ₋₁, x) = softmax(W sₜ).

Training maximises ∑ₜ log P(yₜ | y₁…yₜ₋₁, x) on sentence pairs, feeding the true previous word
to the decoder (teacher forcing). At test time the decoder feeds back its own words, either the
single most likely one at each step or, with beam search, the B most likely partial
translations. BLEU compares the output with human translations: the geometric mean of its 1- to
4-gram precisions times a penalty for being too short, on a 0-100 scale.

## Picture
```text
   encoder (reads)                      decoder (writes)
   x₁     x₂     x₃    <eos>            <go>    y₁     y₂     y₃
   ↓      ↓      ↓      ↓                ↓      ↓      ↓      ↓
 [h₁] → [h₂] → [h₃] → [h₄] ══ c ══►   [s₁] → [s₂] → [s₃] → [s₄]
                                         ↓      ↓      ↓      ↓
                                         y₁     y₂     y₃   <eos>
```

## See also
- **rnn**: the networks on both sides
- **lstm**: the units Sutskever et al. used
- **attention**: the fix for the fixed-vector bottleneck
- **image-captioning**: the same design with a ConvNet encoder
- **language-model**: the decoder is a conditional language model
- **transformer**: the encoder-decoder without recurrence

## Sources
- [dettmers2015] — names translation with encoders and decoders as the topic of part 3
- [sutskever2014]
- [cho2014]
- [bahdanau2015]
- [wu2016]
- [papineni2002] — BLEU
"""

TITLE = "Encoder-decoder (sequence to sequence)"
ALIASES = (
    "encoder-decoder model",
    "sequence to sequence",
    "seq2seq",
    "sequence-to-sequence learning",
    "encoder",
    "decoder",
    "neural machine translation",
    "nmt",
    "machine translation",
    "language translation",
    "context vector",
    "thought vector",
    "beam search",
    "teacher forcing",
    "bleu",
)

PREREQUISITES = ("rnn", "language-model")

RECALL = (
    {
        "question": "Why did Sutskever, Vinyals and Le feed each English sentence to the encoder backwards?",
        "options": {
            "A": "It put related source and target words closer together",
            "B": "An LSTM can only read from right to left",
            "C": "French word order is the reverse of English",
            "D": "It halved the length of the sentences",
        },
        "answer": "A",
        "why": "fed in reverse order because that put related words closer together",
    },
    {
        "question": "While the model is being trained, what does the decoder receive as the previous "
        "word at each step?",
        "options": {
            "A": "The true previous word of the reference translation",
            "B": "Its own most probable previous word",
            "C": "The B best partial translations so far",
            "D": "Nothing: it sees only the encoder's summary",
        },
        "answer": "A",
        "why": "Training maximises ∑ₜ log P(yₜ | y₁…yₜ₋₁, x) on sentence pairs, feeding the true "
        "previous word to the decoder (teacher forcing).",
    },
)
