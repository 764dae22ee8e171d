"""Data augmentation enlarges a training set at no labelling cost by applying changes that keep
the label intact, such as flips, crops, shifts and colour tweaks of images, so the model sees
more variety and overfits less.

## Intuition
A photo of a cat mirrored left to right is still a cat, and so is a slightly zoomed or darker
copy. Each such copy is a free extra training example, and it also tells the model what should not
matter: position, orientation, lighting. Augmentation is a way of writing known invariances into
the data rather than into the architecture.

The change must really keep the label. Mirroring is fine for cats but turns a "b" into a "d", and
rotating a "6" by 180° gives a "9". Copies are usually drawn afresh on every pass over the data,
so the network almost never sees exactly the same input twice. For sound, people add noise or
shift and stretch the clip; for text, they swap in synonyms or translate and translate back.

## The math
Pick a family T of transformations with label(t(x)) = label(x) for every t in T. Training then
minimises the expected loss over random transformations:

    L(θ) = (1/N) ∑ᵢ E_{t∼T}[ ℓ(f(t(xᵢ); θ), yᵢ) ]

In practice each mini-batch samples one t per example, which gives an unbiased estimate of this
average.

Example from the 2012 ImageNet ConvNet: it trained on random 224×224 crops of 256×256 images and
their mirror images. The authors counted 32 × 32 crop offsets × 2 flips = 2048 variants per
image. At test time they averaged the predictions for ten fixed crops (corners, centre and their
mirrors).

## Picture
```text
  original    mirrored     cropped     darker
  ┌──────┐    ┌──────┐    ┌────┐      ┌──────┐
  │ ▲  ● │    │ ●  ▲ │    │▲  ●│      │ △  ○ │
  │  ──  │    │  ──  │    │ ── │      │  ──  │
  └──────┘    └──────┘    └────┘      └──────┘
   "cat"       "cat"       "cat"       "cat"
```

## See also
- **overfitting**: what the extra variety protects against
- **regularization**: augmentation as one of its forms
- **translation-invariance**: the property shifts and crops teach
- **cnn**: the models where image augmentation is routine

## Sources
- "A short overview of deep learning" (blog overview of neurons, losses, backprop, CNN and RNN).
- A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with deep convolutional
  neural networks", NIPS, 2012.
- P. Y. Simard, D. Steinkraus, J. C. Platt, "Best practices for convolutional neural networks
  applied to visual document analysis", ICDAR, 2003.
"""

TITLE = "Data augmentation"
ALIASES = (
    "augmentation",
    "image augmentation",
    "augmented data",
    "random crop",
    "random flip",
    "test-time augmentation",
)
