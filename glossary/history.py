"""Neural networks have come in three waves: cybernetics (1940s-1960s), which ended on the limits
of single-layer perceptrons; connectionism (1980s-1990s), which brought backpropagation but lost
ground to methods such as support vector machines; and deep learning, which began in 2006 and took
off around 2012.

## Intuition
Each wave began with an idea that worked on small problems and stalled on a limit. The first
modelled neurons as threshold logic (McCulloch and Pitts, 1943) and learned single-layer
perceptrons (Rosenblatt, 1958). Minsky and Papert's 1969 book showed what one layer cannot do,
XOR among it, and there was no widely used way to train more layers.

The second wave, connectionism, held that intelligence can emerge from many simple units wired
together. Its training method was older than the wave. Reverse-mode differentiation, which gets
every derivative of a result in one backward sweep, goes back to Linnainmaa (1970), and Werbos
proposed it for training networks (thesis 1974, paper 1982); Rumelhart, Hinton and Williams (1986)
made backpropagation widely known by showing that it taught hidden layers useful features.
Fukushima's Neocognitron (1980) stacked layers of local feature detectors and shift-tolerant
pooling units, the layout ConvNets kept, but it was not trained end to end by gradients. ConvNets
trained with backpropagation read handwritten zip codes (LeCun et al., 1989), and LSTM appeared in
1997. But computers and data sets were small, deep networks trained poorly, and by the late 1990s
kernel machines, with convex training and clean theory, usually won.

The third wave started with layer-wise pre-training of deep belief nets (Hinton, Osindero and Teh,
2006) and took off once GPUs, large labelled data sets, ReLU and dropout made deep networks the
best at speech recognition (around 2010-2012) and on ImageNet (2012).

An "AI winter" is a period when funding and interest in artificial intelligence as a whole dried
up after unmet promises: roughly the mid-1970s, after critical reviews such as Lighthill's 1973
report in Britain, and the late 1980s to early 1990s, when the expert-systems market collapsed.

## The math
What each wave could train:

- wave 1: ŷ = step(w · x + b), one layer, learned by the perceptron rule; only linearly separable
  classes;
- wave 2: ŷ = f₂(W₂ f₁(W₁x + b₁) + b₂), hidden layers trained by the chain rule, ∂L/∂W₁ passed
  back through W₂; in practice one or two hidden layers;
- wave 3: the same equations with many layers and far more parameters: AlexNet had about
  6 × 10⁷ of them, trained on 1.2 × 10⁶ images.

## Picture
```text
 1943      McCulloch & Pitts: neurons as logic units    ┐
 1958      Rosenblatt's perceptron                      │ wave 1: cybernetics
 1969      Minsky & Papert, "Perceptrons"               ┘
 1970      Linnainmaa: reverse-mode differentiation
 1974      Werbos: use it to train networks
 ~1974-80  first AI winter
 1980      Fukushima's Neocognitron                     ┐
 1986      backpropagation popularised                  │
 ~1987-93  second AI winter                             │ wave 2: connectionism
 1989      a ConvNet reads zip codes                    │
 1995-97   support vector machines; LSTM                ┘
 2006      deep belief nets                             ┐
 2012      AlexNet wins ImageNet                        │ wave 3: deep learning
 2018      Turing Award to Bengio, Hinton and LeCun     ┘
```

## See also
- **perceptron**: the first wave's model and its limit
- **backpropagation**: the second wave's key method
- **deep-belief-network**: the start of the third wave
- **alexnet**: the result that made it mainstream
- **support-vector-machine**: the shallow rival of the 1990s and 2000s
- **deep-learning**: where the story stands now

## Sources
- [overview] — the three waves, after Goodfellow, Bengio and Courville
- [goodfellow2016] — chapter 1, historical trends; section 6.6 on the origins of backpropagation
- [mcculloch1943]
- [rosenblatt1958]
- [minsky1969]
- [lighthill1973]
- [baydin2018] — reverse-mode differentiation from Linnainmaa (1970) and Werbos
- [linnainmaa1970] — reverse-mode differentiation
- [werbos1974] — backpropagation proposed for networks
- [werbos1982]
- [fukushima1980] — the Neocognitron
- [rumelhart1986]
- [lecun2015] — the Neocognitron as the ancestor of ConvNets
- [lecun1989]
- [hinton2006]
"""

TITLE = "History of deep learning"
ALIASES = (
    "history of neural networks",
    "ai winter",
    "three waves",
    "cybernetics",
    "connectionism",
    "parallel distributed processing",
    "pdp",
    "deep learning revolution",
    "neocognitron",
)

PREREQUISITES = ()

RECALL = (
    {
        "question": "Whose work does reverse-mode differentiation, the mathematics inside backpropagation, go back to?",
        "options": {
            "A": "Rumelhart, Hinton and Williams, 1986",
            "B": "Linnainmaa, 1970",
            "C": "Rosenblatt, 1958",
            "D": "LeCun and colleagues, 1989",
        },
        "answer": "B",
        "why": "Reverse-mode differentiation, which gets every derivative of a result in one backward "
        "sweep, goes back to Linnainmaa (1970)",
    },
    {
        "question": "What ended the first wave of neural-network research?",
        "options": {
            "A": "One layer cannot compute functions such as XOR, and nobody had a widely used "
            "way to train more layers",
            "B": "Computers of the time were too slow to run a perceptron at all",
            "C": "Backpropagation had been tried and shown not to work",
            "D": "Support vector machines won the benchmarks",
        },
        "answer": "A",
        "why": "Minsky and Papert's 1969 book showed what one layer cannot do, XOR among it, and there was "
        "no widely used way to train more layers.",
    },
)
