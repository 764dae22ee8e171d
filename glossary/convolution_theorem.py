"""The convolution theorem says that convolving two signals is the same as multiplying their Fourier
transforms: f ∗ g = F⁻¹(F(f) · F(g)). A sliding sum in space becomes a pointwise product in the
frequency domain.

## Intuition
Any image or sound can be described in two languages: as values at positions (brightness 200
at row 5, column 12) or as a mix of waves, each with a frequency, an amplitude and a phase. The
Fourier transform translates between them. In the wave language, a convolution stops being a sliding
window and becomes something much simpler: every frequency of the input is just scaled by the
kernel's response at that frequency. A blur kernel, for example, keeps slow waves and shrinks fast
ones, which is why it removes fine detail.

A handy way to see it is polynomial multiplication. Convolving [1, 2] with [1, 1] gives
[1, 3, 2], exactly the coefficients of (1 + 2z)(1 + z) = 1 + 3z + 2z². The Fourier transform
evaluates such polynomials at points on the unit circle, and multiplying polynomials means
multiplying their values point by point.

## The math
With F the Fourier transform and · elementwise multiplication:
F(f ∗ g) = F(f) · F(g),   so   f ∗ g = F⁻¹(F(f) · F(g)).
For sampled signals the discrete Fourier transform (DFT) gives circular convolution, in which
values wrap around the ends. To get the ordinary result, zero-pad both signals to length at least
N + K − 1 (signal length N, kernel length K). For the cross-correlation that CNN layers compute,
use the complex conjugate of a real kernel's transform: it is the transform of the flipped kernel.

Cost in 1-D: the direct sum needs about N·K multiplications, the FFT route about O(N log N)
whatever K is. The saving is large for big kernels and small for the 3×3 kernels common in CNNs.

## In practice
GPU libraries such as cuDNN include FFT-based convolution algorithms and choose them when they are
fastest, usually for larger kernels; for 3×3 kernels direct or Winograd methods tend to win. FFT
training of convolutional networks was explored by Mathieu, Henaff and LeCun.

## See also
- **convolution**: the operation being accelerated
- **cross-correlation**: the flipped variant used in CNNs
- **gpu**: where FFT convolutions run
- **kernel**: whose frequency response scales the input

## Sources
- Tim Dettmers, "Deep Learning in a Nutshell: Core Concepts" (Part 1), NVIDIA Technical Blog, 2015.
- J. W. Cooley, J. W. Tukey, "An algorithm for the machine calculation of complex Fourier series",
  Mathematics of Computation, 1965.
- M. Mathieu, M. Henaff, Y. LeCun, "Fast training of convolutional networks through FFTs", ICLR,
  2014.
"""

TITLE = "Convolution theorem"
ALIASES = (
    "fourier transform", "fft", "frequency domain", "fft convolution", "fast fourier transform",
)
