"""Deep learning is used wherever there is plenty of raw data and a pattern worth predicting:
seeing, hearing and reading, and increasingly science and medicine, where it predicts how drug
molecules act, reads genomes, sifts particle-collider data, traces brain wiring and examines
medical images.

## Intuition
The perception tasks each have their own entry: object recognition, speech recognition, natural
language processing, machine translation (encoder-decoder), image captioning, and game playing
through reinforcement learning. The scientific uses LeCun, Bengio and Hinton list follow the same
recipe, learning from raw measurements instead of hand-designed descriptors:

- drug discovery: Merck's 2012 contest on Kaggle asked for the activity of molecules in 15 data
  sets of biological measurements. A team led by George Dahl of Toronto won with deep networks,
  raising the mean R² from 0.42 for random forests, Merck's standard method, to 0.49. Merck's own
  study then found deep networks better than random forests on most of its data sets (Ma et al.,
  2015), and the winners showed that one network predicting all the activities at once,
  multitask, often helps (Dahl et al., 2014);
- particle physics: networks given the raw measurements of simulated collisions separated rare
  signal events from background better than physicists' hand-made features (Baldi et al., 2014);
- brain circuits: ConvNets helped trace neurons through stacks of electron-microscope images of
  the mouse retina (Helmstaedter et al., 2013);
- genomics: a network learned how DNA sequence controls RNA splicing and predicted how mutations,
  many of them outside the protein-coding parts of genes, change it, flagging some linked to
  disease (Xiong et al., 2015);
- medicine: a ConvNet, pretrained on ImageNet and then trained on 129,450 clinical images of
  2,032 diseases, classified skin lesions from photographs about as well as 21 board-certified
  dermatologists (Esteva et al., 2017).

What these share is a large store of recorded examples with a measurable target. What limits them
is mostly the labels: each one may cost an expert's time or a laboratory assay, which is why
starting from a network pretrained on a big general data set, as Esteva et al. did, is common. A
second limit is that a model can latch onto features of where the data came from, such as a
hospital's scanner, so results have to be checked on data collected elsewhere.

## The math
In medicine a single accuracy number misleads, so results are reported with two rates:

    sensitivity = TP / (TP + FN),        specificity = TN / (TN + FP)

(TP, FN: sick cases flagged and missed; TN, FP: healthy cases cleared and flagged.)

Example: 100 melanomas among 1,000 lesions. A model that flags 90 of the melanomas and 90 of the
900 benign lesions has sensitivity 0.9 and specificity 810/900 = 0.9, yet only half of the 180
flagged lesions are melanomas. When a condition is rare, false alarms can outnumber true finds.

Drug-activity models are scored by R², the squared correlation between predicted and measured
activity: 1 is perfect, 0 means the predictions carry no linear information.

## See also
- **object-recognition**: vision tasks
- **speech-recognition**: hearing
- **natural-language-processing**: reading and writing
- **encoder-decoder**: machine translation
- **image-captioning**: vision and language together
- **reinforcement-learning**: games and control

## Sources
- [lecun2015] — the list of applications, from images to DNA
- [overview] — medical image analysis and drug discovery as coming applications
- [ma2015] — the Merck contest and Merck's own comparison with random forests
- [dahl2014] — the multitask networks of the winning team
- [baldi2014]
- [helmstaedter2013]
- [xiong2015]
- [esteva2017]
"""

TITLE = "Applications of deep learning"
ALIASES = (
    "drug discovery",
    "genomics",
    "particle physics",
    "particle accelerator data",
    "connectomics",
    "brain circuits",
    "medical image analysis",
    "medical imaging",
    "medicine",
    "healthcare",
    "splicing code",
    "bioinformatics",
    "sensitivity",
    "specificity",
    "multitask learning",
    "qsar",
)

PREREQUISITES = ("deep-learning",)

RECALL = (
    {
        "question": "100 of 1,000 lesions are melanomas. A model flags 90 of them and 90 of the 900 "
        "benign ones. What share of the lesions it flags are melanomas?",
        "options": {"A": "90%", "B": "50%", "C": "10%", "D": "81%"},
        "answer": "B",
        "why": "yet only half of the 180 flagged lesions are melanomas.",
    },
    {
        "question": "In Merck's 2012 Kaggle contest, what did the winning deep networks achieve?",
        "options": {
            "A": "They raised the mean R² over the 15 data sets from 0.42 for random forests to 0.49",
            "B": "They found new drugs that went into clinical trials",
            "C": "They matched random forests but trained faster",
            "D": "They lost to hand-engineered molecular descriptors",
        },
        "answer": "A",
        "why": "A team led by George Dahl of Toronto won with deep networks, raising the mean R² "
        "from 0.42 for random forests, Merck's standard method, to 0.49",
    },
)
