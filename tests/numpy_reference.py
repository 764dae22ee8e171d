"""Plain-numpy references that the Keras implementations are checked against."""

import numpy as np


def conv2d_same(x, kernel, bias):
    """Cross-correlation of one image (H, W, C) with a kernel (k, k, C, D), stride 1, zero
    padding that keeps height and width (as Keras splits it), plus a bias: (H, W, D)."""
    k = kernel.shape[0]
    pad = (k - 1) // 2
    padded = np.pad(x, ((pad, k - 1 - pad), (pad, k - 1 - pad), (0, 0)))
    height, width, _ = x.shape
    out = np.empty((height, width, kernel.shape[-1]))
    for i in range(height):
        for j in range(width):
            out[i, j] = np.tensordot(padded[i : i + k, j : j + k, :], kernel, axes=3) + bias
    return out
