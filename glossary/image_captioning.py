"""Image captioning writes a sentence that describes a photograph. The usual deep-learning design
feeds a ConvNet's description of the image into a recurrent language model that writes the
caption word by word, joining deep learning's two big successes, ConvNets and LSTMs.

## Intuition
It is an encoder-decoder where the encoder is a ConvNet instead of a recurrent network. The
ConvNet, usually trained first on ImageNet, turns the picture into a vector of features; an LSTM
then writes the caption the way a translation model writes a sentence, as if translating from
"image language" into English. Several groups published this idea independently in 2014-2015,
among them Vinyals et al. ("Show and tell") and Karpathy and Fei-Fei.

Xu et al. (2015) added attention: for each word the decoder weights the regions of the ConvNet's
last feature map, and plotting the weights shows where the model "looks" while it writes "dog"
or "frisbee". LeCun, Bengio and Hinton's review shows such captions with their attention maps.

Captions are judged against several human ones (the MS COCO set has five per image) with n-gram
overlap scores such as BLEU. Models describe typical scenes well and fail in telling ways: they
often produce generic captions seen in training, and they are misled by objects in unusual
settings.

## The math
The model learns P(S | I), the probability of a sentence S = (S₁, …, S_N) given image I:

    P(S | I) = ∏ₜ P(Sₜ | I, S₁, …, Sₜ₋₁)

In Show and tell the image vector CNN(I) is the LSTM's first input, then each word enters through
an embedding, xₜ = W_e Sₜ, and pₜ₊₁ = softmax(V · LSTM(xₜ)). Training minimises −∑ₜ log pₜ(Sₜ)
over image-caption pairs. With attention, the image becomes L = 196 vectors aᵢ (a 14×14 grid of
512-channel features) and each step reads its own context zₜ = ∑ᵢ αₜᵢ aᵢ.

## Picture
```text
 image ─► ConvNet ─► features ─► LSTM ─► a ─► dog ─► catches ─► a ─► frisbee ─► <end>
                                   ▲ each word is fed back in as the next input
```

## See also
- **encoder-decoder**: the template it follows
- **cnn**: the image encoder
- **lstm**: the caption writer
- **attention**: looking at one region per word
- **language-model**: what the decoder is, conditioned on the image
- **imagenet**: where the encoder is usually trained first

## Sources
- [overview] — combining CNN and RNN modules to caption images
- [lecun2015] — captions generated with attention
- [vinyals2015]
- [karpathy2015]
- [xu2015]
- [lin2014coco]
"""

TITLE = "Image captioning"
ALIASES = (
    "caption generation",
    "captioning",
    "image caption",
    "image description",
    "captioning images",
    "show and tell",
)

PREREQUISITES = ("encoder-decoder", "cnn")

RECALL = (
    {
        "question": "In Show and tell, how does the picture reach the caption-writing LSTM?",
        "options": {
            "A": "The ConvNet's image vector is the LSTM's first input",
            "B": "The image vector is added to the input at every word",
            "C": "Each word looks at a different region of the photo",
            "D": "The LSTM reads the raw pixels row by row",
        },
        "answer": "A",
        "why": "In Show and tell the image vector CNN(I) is the LSTM's first input",
    },
    {
        "question": "With Xu et al.'s attention, how many image vectors can the decoder weight when it "
        "writes each word?",
        "options": {
            "A": "1, the whole image's summary",
            "B": "196, one per cell of a 14×14 grid of 512-channel features",
            "C": "512, one per channel",
            "D": "5, one per reference caption",
        },
        "answer": "B",
        "why": "With attention, the image becomes L = 196 vectors aᵢ (a 14×14 grid of 512-channel "
        "features) and each step reads its own context zₜ = ∑ᵢ αₜᵢ aᵢ.",
    },
)
