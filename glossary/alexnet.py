"""AlexNet is the eight-layer ConvNet with which Krizhevsky, Sutskever and Hinton won the 2012
ImageNet challenge, 15.3% top-5 error against 26.2%. It turned computer vision towards deep
learning, and it owed its win to a combination: ReLUs, dropout, data augmentation and two GPUs.

## Intuition
In design AlexNet is a scaled-up LeNet: convolution and max-pooling stages, then fully connected
layers and a softmax, all trained with backpropagation. The novelty was making something this big
trainable: about 60 million parameters and 650,000 units, fitted to 1.2 million images.

- ReLU units: in the paper's CIFAR-10 test they reached 25% training error about six times faster
  than tanh units.
- GPUs: the network was split across two GTX 580 cards with 3 GB each and trained for five to six
  days. Some convolution layers only see the half of the previous maps on their own GPU, an early
  grouped convolution.
- Dropout (p = 0.5) in the first two fully connected layers, and augmentation with random crops,
  horizontal flips and colour shifts, kept 60 million parameters from memorising the data.
- Overlapping 3×3 max pooling with stride 2 and "local response normalisation", both later
  dropped from most designs.

The winning 15.3% was not one network's score but the average of seven networks' predictions. Five
were like the network in the table below; the other two had an extra sixth convolution layer and
were first trained on the whole Fall 2011 release of ImageNet (about 15 million images in 22,000
categories), then fine-tuned on the challenge's 1000 classes. A single network scored 18.2% top-5
error on the validation set and five averaged 16.4% (table 2 of the paper).

## The math
Layer shapes for one image (the paper says 224×224 inputs; 227 makes the arithmetic work):

```text
 layer   weights                 output
 input                           227×227×3
 conv1   96 kernels 11×11×3, s=4 55×55×96   → max pool 3×3, s=2 → 27×27×96
 conv2   256 kernels 5×5×48      27×27×256  → max pool          → 13×13×256
 conv3   384 kernels 3×3×256     13×13×384
 conv4   384 kernels 3×3×192     13×13×384
 conv5   256 kernels 3×3×192     13×13×256  → max pool          → 6×6×256
 fc6     4096 units, dropout
 fc7     4096 units, dropout
 fc8     1000 units, softmax
```

Where the weights sit: the five convolution layers hold about 2.3 million, fc6 alone
6·6·256·4096 ≈ 37.7 million, fc7 16.8 million and fc8 4.1 million; about 61 million in all. The
convolutions do most of the arithmetic, the fully connected layers hold most of the memory.
Training used SGD with momentum 0.9, batch size 128, weight decay 0.0005 and a learning rate of
0.01 divided by 10 whenever validation error stopped improving.

## See also
- **imagenet**: the challenge it won
- **relu**: its activation
- **dropout**: its regularisation in the dense layers
- **gpu**: the hardware that made its size trainable
- **data-augmentation**: crops and flips against overfitting
- **stride-and-padding**: the arithmetic behind the output sizes in the table

## Sources
- [krizhevsky2012]
- [lecun2015] — GPUs, ReLUs and dropout as the causes of the 2012 success
- [russakovsky2015]
"""

TITLE = "AlexNet"
ALIASES = ()

PREREQUISITES = ("cnn", "imagenet")

RECALL = (
    {
        "question": "Where did AlexNet's winning 15.3% top-5 error on the 2012 test set come from?",
        "options": {
            "A": "One eight-layer network trained on the challenge's 1.2 million images",
            "B": "The averaged predictions of seven networks, two of them pre-trained on a larger ImageNet release",
            "C": "The best of many training runs, picked by its test score",
            "D": "One network with a sixth convolution layer added",
        },
        "answer": "B",
        "why": "The winning 15.3% was not one network's score but the average of seven networks' predictions.",
    },
    {
        "question": "Which part of AlexNet holds most of its roughly 61 million weights?",
        "options": {
            "A": "The five convolution layers, because they do most of the arithmetic",
            "B": "The fully connected layers, the first of them alone about 38 million",
            "C": "The 1000-way softmax output layer",
            "D": "None: the weights are spread about evenly over the eight layers",
        },
        "answer": "B",
        "why": "The convolutions do most of the arithmetic, the fully connected layers hold most of the memory.",
    },
)
