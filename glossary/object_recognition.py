"""Object recognition covers the core tasks of computer vision: saying what an image shows
(classification), where each object is (detection, with a box around it) and which pixels belong
to which object or class (segmentation). ConvNets have been the leading approach to all three
since about 2012.

## Intuition
The old pipeline had two halves: hand-designed descriptors of local image structure, such as SIFT
or histograms of oriented gradients, followed by a trained classifier, often a support vector
machine. A ConvNet learns both halves from pixels. After the 2012 ImageNet result the approach
spread from whole-image labels to finer tasks:

- detection: R-CNN (Girshick et al., 2014) ran a ConvNet on candidate regions of the image and
  classified each; later detectors predict all boxes in one pass;
- segmentation: fully convolutional networks (Long et al., 2015) replace the dense layers with
  convolutions so the network outputs a class for every pixel;
- specialised recognition: a committee of ConvNets (Cireşan et al., 2012) classified German
  traffic signs with 99.46% accuracy, ahead of the 98.84% measured for people.

Features learned on ImageNet transfer well: a new task often starts from an ImageNet network and
retrains only its last layers. Vision transformers now compete with ConvNets on these tasks.

## The math
Classification: one softmax over K classes for the whole image. Segmentation: one softmax per
pixel. Detection: for each box, a class and four coordinates, judged by intersection over union
with the true box,

    IoU(A, B) = area(A ∩ B) / area(A ∪ B),

counted as a hit when IoU > 0.5, that is when the overlap exceeds half the union, in the PASCAL VOC
rules. Example: two 10×10 boxes offset by 5 pixels sideways overlap in 50 pixels and cover 150
together, IoU = 1/3: not a hit. Offset by 2 pixels they overlap in 80 of 120, IoU = 2/3: a hit.

## Picture
```text
 classification      detection                 segmentation
                     ┌────────┐                c c c . . .
    "cat"            │  cat   │ 0.97           c c c c . .
                     └────────┘                . c c . . .
 one label           boxes and labels          a label for every pixel
```

## See also
- **cnn**: the model behind all three tasks
- **imagenet**: the benchmark that started the shift
- **classification**: the simplest of the tasks
- **feature-engineering**: the hand-made descriptors it replaced
- **translation-invariance**: recognising objects wherever they are
- **applications**: other fields deep learning changed

## Sources
- [lecun2015] — ConvNets as the dominant approach for recognition and detection
- [girshick2014]
- [long2015]
- [ciresan2012]
- [everingham2010]
- [dosovitskiy2021] — vision transformers
"""

TITLE = "Object recognition"
ALIASES = (
    "computer vision",
    "visual object recognition",
    "image recognition",
    "image classification",
    "object detection",
    "detection",
    "image segmentation",
    "semantic segmentation",
    "segmentation",
    "intersection over union",
    "iou",
)

PREREQUISITES = ("cnn", "classification")

RECALL = (
    {
        "question": "A detector's 10×10 box sits 5 pixels to the side of the true 10×10 box. Does the "
        "PASCAL VOC rule count the detection?",
        "options": {
            "A": "Yes: each box has half of its area inside the other",
            "B": "No: IoU is 1/3, and a hit needs more than 0.5",
            "C": "Yes: IoU is exactly 0.5, which is enough",
            "D": "No: only an exact match counts",
        },
        "answer": "B",
        "why": "Example: two 10×10 boxes offset by 5 pixels sideways overlap in 50 pixels and cover 150 "
        "together, IoU = 1/3: not a hit.",
    },
    {
        "question": "How did Long et al. (2015) adapt a classification ConvNet to segmentation?",
        "options": {
            "A": "They replaced its dense layers with convolutions, so it outputs a class at every position",
            "B": "They run a classifier on thousands of candidate regions",
            "C": "They classify the whole image and colour it in one class",
            "D": "They add hand-made SIFT descriptors to the ConvNet's features",
        },
        "answer": "A",
        "why": "fully convolutional networks (Long et al., 2015) replace the dense layers with "
        "convolutions so the network outputs a class for every pixel",
    },
)
