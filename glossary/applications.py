"""Deep learning is used wherever there is plenty of raw data and a pattern worth predicting:
seeing, hearing and reading, and increasingly science and medicine, where it predicts how drug
molecules act, reads genomes, sifts particle-collider data, traces brain wiring and examines
medical images.

## Intuition
The perception tasks each have their own entry: object recognition, speech recognition, natural
language processing, machine translation (encoder-decoder), image captioning, and game playing
through reinforcement learning. The scientific uses LeCun, Bengio and Hinton list follow the same
recipe, learning from raw measurements instead of hand-designed descriptors:

- drug discovery: multitask networks predicted the activity of molecules on many biological
  targets better than standard methods in a Merck-sponsored contest and in Merck's own study
  (Ma et al., 2015);
- particle physics: networks given the raw measurements of simulated collisions separated rare
  signal events from background better than physicists' hand-made features (Baldi et al., 2014);
- brain circuits: ConvNets helped trace neurons through stacks of electron-microscope images of
  the mouse retina (Helmstaedter et al., 2013);
- genomics: a network learned how DNA sequence controls RNA splicing and predicted how mutations,
  many of them outside the protein-coding parts of genes, change it, flagging some linked to
  disease (Xiong et al., 2015);
- medicine: a ConvNet classified skin lesions from photographs about as well as 21 board-certified
  dermatologists (Esteva et al., 2017).

## The math
In medicine a single accuracy number misleads, so results are reported with two rates:

    sensitivity = TP / (TP + FN),        specificity = TN / (TN + FP)

(TP, FN: sick cases flagged and missed; TN, FP: healthy cases cleared and flagged.)

Example: 100 melanomas among 1,000 lesions. A model that flags 90 of the melanomas and 90 of the
900 benign lesions has sensitivity 0.9 and specificity 810/900 = 0.9, yet only half of the 180
flagged lesions are melanomas. When a condition is rare, false alarms can outnumber true finds.

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
- [ma2015]
- [baldi2014]
- [helmstaedter2013]
- [xiong2015]
- [esteva2017]
"""

TITLE = "Applications of deep learning"
ALIASES = ("drug discovery", "genomics", "particle physics", "particle accelerator data",
           "connectomics", "brain circuits", "medical image analysis", "medical imaging",
           "medicine", "healthcare", "splicing code", "bioinformatics", "sensitivity",
           "specificity")
