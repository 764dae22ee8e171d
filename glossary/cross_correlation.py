"""Cross-correlation slides one signal over another and, at each offset, sums the products of the
overlapping values; it measures how well a pattern matches each location, and it is what deep
learning libraries actually compute under the name "convolution".

## Intuition
Hold a small transparent template over a larger picture and move it around. Wherever the picture
underneath matches the template, bright on bright and dark on dark, the products are big and
positive and the sum peaks. That is template matching, and it is the most useful way to read a
convolutional layer: each kernel is a template, and the output map is high where the template's
pattern occurs.

Mathematical convolution does the same thing with the template turned upside down (flipped along
every axis). For a learned kernel the difference is irrelevant: if the flipped version would work
better, training simply finds the flipped weights.

## The math
For a 2-D input I and kernel K (indices m, n over the kernel):
- cross-correlation: (I ⋆ K)[i, j] = ∑ₘ ∑ₙ I[i + m, j + n] · K[m, n]
- convolution: (I ∗ K)[i, j] = ∑ₘ ∑ₙ I[i − m, j − n] · K[m, n]
So I ⋆ K equals I ∗ K′, where K′ is K rotated by 180°. The two agree for symmetric kernels.

1-D example with x = [0, 1, 2, 3] and w = [1, 0, −1] ("valid" positions only):
- cross-correlation: y[0] = 0·1 + 1·0 + 2·(−1) = −2, y[1] = 1 − 3 = −2, so y = [−2, −2];
- convolution uses the flipped kernel [−1, 0, 1]: y = [2, 2].
The sign flips, because this kernel is antisymmetric.

Unlike convolution, cross-correlation is not commutative: swapping I and K mirrors the result.
Normalised cross-correlation first subtracts the means of patch and template and divides by their
standard deviations, so the score lies between −1 and 1 and ignores brightness and contrast.

## See also
- **convolution**: the flipped-kernel twin, and the layer built on it
- **kernel**: the template being matched
- **convolution-theorem**: the frequency-domain route, which works for both
- **feature-map**: the map of match scores

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016 (chapter 9).
"""

TITLE = "Cross-correlation"
ALIASES = ("correlation", "sliding dot product", "template matching", "xcorr")
