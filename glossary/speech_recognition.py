"""Speech recognition turns recorded speech into text. It was the first large-scale industrial
success of the post-2006 wave of deep learning: around 2010-2012 deep networks replaced Gaussian
mixture models for judging which sound is being spoken, and today whole recognisers are trained
end to end.

## Intuition
A recogniser cuts the audio into short overlapping frames, describes each frame by its spectrum,
decides which speech sounds the frames most likely contain, and then finds the word sequence that
best fits both those sounds and what people tend to say.

For about two decades the standard system paired hidden Markov models, which handle timing, with
Gaussian mixture models that scored each frame. Hinton et al. (2012), a joint paper from four
research groups, reported that swapping the mixtures for a deep feedforward network, pre-trained as
a stack of RBMs, looking at a window of frames and predicting thousands of HMM states, cut error
rates substantially on several benchmarks; by 2012 Google had put such a system into Android's
voice search, as LeCun, Bengio and Hinton relate. Recurrent networks came next: LSTMs trained with
connectionist temporal classification (CTC), which learns from transcripts without knowing which
frame belongs to which letter, and later encoder-decoder models with attention that map audio to
text directly.

## The math
The classic decision rule picks the word sequence W that is most probable given the audio X:

    W* = argmax_W P(W | X) = argmax_W p(X | W) P(W)

p(X | W) is the acoustic model (the part deep networks took over) and P(W) is a language model.

Typical front end: 25 ms windows every 10 ms, so 100 frames per second, each described by about
40 log filter-bank energies; a network seeing 11 frames at once takes 440 numbers as input.

Systems are scored by word error rate, WER = (S + D + I) / N: substitutions, deletions and
insertions needed to turn the output into the reference of N words. Reference "the cat sat on the
mat", output "the cat sat in mat": one substitution (on → in) and one deletion (the), so
WER = 2/6 ≈ 33%.

## See also
- **rnn**: the sequence models used in modern recognisers
- **lstm**: the unit behind CTC-trained recognisers
- **language-model**: the P(W) half of the decision rule
- **encoder-decoder**: end-to-end recognition from audio to text
- **applications**: the other fields deep learning changed
- **restricted-boltzmann-machine**: the pre-training of the first deep acoustic models

## Sources
- [lecun2015] — speech recognition among deep learning's first successes
- [hinton2012]
- [graves2006]
- [graves2013]
"""

TITLE = "Speech recognition"
ALIASES = (
    "automatic speech recognition",
    "asr",
    "speech-to-text",
    "acoustic model",
    "acoustic modelling",
    "connectionist temporal classification",
    "ctc",
    "word error rate",
    "wer",
)

PREREQUISITES = ("rnn", "language-model")

RECALL = (
    {
        "question": "Reference: \"the cat sat on the mat\". Recogniser: \"the cat sat in mat\". What is "
        "the word error rate?",
        "options": {"A": "2/6 ≈ 33%", "B": "1/6 ≈ 17%", "C": "2/5 = 40%", "D": "1/5 = 20%"},
        "answer": "A",
        "why": "one substitution (on → in) and one deletion (the), so WER = 2/6 ≈ 33%.",
    },
    {
        "question": "In the rule W* = argmax_W p(X | W) P(W), which part did deep networks take over from "
        "Gaussian mixtures around 2010-2012?",
        "options": {
            "A": "p(X | W), the acoustic model",
            "B": "P(W), the language model",
            "C": "The search for the best word sequence",
            "D": "The filter-bank front end",
        },
        "answer": "A",
        "why": "p(X | W) is the acoustic model (the part deep networks took over) and P(W) is a language model.",
    },
)
