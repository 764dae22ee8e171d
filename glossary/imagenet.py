"""ImageNet is a large database of photographs labelled with the nouns of the WordNet hierarchy.
Its yearly recognition challenge (ILSVRC, 2010-2017), about 1.2 million training images in 1000
classes, became the benchmark on which deep ConvNets overtook hand-engineered vision in 2012.

## Intuition
Before ImageNet, the standard sets of labelled photographs held thousands to tens of thousands of
images in tens to a few hundred classes: too little to train a network with millions of weights
without severe overfitting, so hand-designed features plus a shallow classifier won. Deng, Fei-Fei
and colleagues collected images from the web and had people confirm the labels through Amazon
Mechanical Turk; the full database grew to roughly 14 million images in about 22,000 categories.

The challenge used a 1000-class subset: about 1.28 million training, 50,000 validation and 100,000
test images. In 2012 Krizhevsky, Sutskever and Hinton's ConvNet, AlexNet, won with 15.3% against
the runner-up's 26.2% top-5 error; the 15.3% averaged seven networks, while a single one scored
18.2% on the validation set. LeCun, Bengio and Hinton date the revolution in computer vision from
this result. Errors then fell every year: 11.7% in 2013, 6.7% with GoogLeNet in 2014 and 3.6% with
ResNet in 2015, below the roughly 5% measured for one trained human annotator. Networks trained on
ImageNet also became the standard starting point for other vision tasks, whose last layers are
retrained on a smaller data set.

## The math
Top-k error is the share of test images whose true class is not among the model's k most probable
classes:

    err_k = (1/N) ∑ᵢ 1[yᵢ ∉ top-k(pᵢ)]

The challenge used k = 5 because photos often contain several objects and some classes are hard
to tell apart even for people (over a hundred of the 1000 are dog breeds). Guessing at random
gives a top-5 error of 1 − 5/1000 = 99.5%.

## See also
- **alexnet**: the 2012 winner
- **cnn**: the architecture that has led the challenge since
- **object-recognition**: the tasks ImageNet measures
- **inception**: the 2014 winner
- **overfitting**: why the size of the data set mattered
- **classification**: top-1 and top-5 error

## Sources
- [deng2009]
- [russakovsky2015] — the challenge, its numbers and the human comparison
- [lecun2015] — the 2012 result as a turning point
- [krizhevsky2012]
- [szegedy2015]
- [he2016]
"""

TITLE = "ImageNet"
ALIASES = (
    "ilsvrc",
    "imagenet challenge",
    "imagenet competition",
    "imagenet large scale visual recognition challenge",
    "imagenet dataset",
)

PREREQUISITES = ("classification",)

RECALL = (
    {
        "question": "A model that names five of ILSVRC's 1000 classes at random for every image: what "
        "top-5 error should it expect?",
        "options": {"A": "99.9%", "B": "99.5%", "C": "95%", "D": "80%"},
        "answer": "B",
        "why": "Guessing at random gives a top-5 error of 1 − 5/1000 = 99.5%.",
    },
    {
        "question": "Why did the challenge score a model on its five best guesses rather than its single best one?",
        "options": {
            "A": "Photos often contain several objects, and some classes are hard to tell apart even for people",
            "B": "To make the benchmark easier for the hand-engineered methods of 2010",
            "C": "Because every image was labelled with five classes",
            "D": "Because the labels from Mechanical Turk were wrong in about one case in five",
        },
        "answer": "A",
        "why": "The challenge used k = 5 because photos often contain several objects and some classes "
        "are hard to tell apart even for people (over a hundred of the 1000 are dog breeds).",
    },
)
