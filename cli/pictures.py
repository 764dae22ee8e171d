"""Pictures as arrays: pure numpy, so they can be tested without TensorFlow.

TensorBoard shows an image pixel for pixel; an 8x8 digit or a 3x3 kernel is a speck there, so
images are enlarged by whole factors (nearest neighbour: every pixel stays a crisp square) and many
small tiles are laid out as one mosaic.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def rescaled(images: ArrayLike) -> np.ndarray:
    """Each image (N, H, W, C) stretched to its own [0, 1] range."""
    images = np.asarray(images, dtype="float32")
    low = images.min(axis=(1, 2, 3), keepdims=True)
    high = images.max(axis=(1, 2, 3), keepdims=True)
    return (images - low) / np.maximum(high - low, 1e-8)


def enlarged(images: ArrayLike, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement of (N, H, W, C) images by a whole `factor`."""
    images = np.asarray(images, dtype="float32")
    return np.repeat(np.repeat(images, factor, axis=1), factor, axis=2) if factor > 1 else images


def prepared(images: ArrayLike, enlarge: int = 1, rescale: bool = True) -> np.ndarray:
    """What gets logged: optionally rescaled per image, then enlarged."""
    return enlarged(rescaled(images) if rescale else images, enlarge)


def mosaic(
    tiles: ArrayLike, columns: int = 8, enlarge: int = 8, rescale: bool = True, gap_value: float = 1.0
) -> np.ndarray:
    """Tiles (N, h, w, C) laid out as one (1, H, W, C) image, `columns` to a row."""
    tiles = prepared(tiles, enlarge, rescale)
    count, height, width, channels = tiles.shape
    columns = min(columns, count)
    rows = -(-count // columns)
    gap = max(1, enlarge // 4)
    cell_h, cell_w = height + gap, width + gap
    grid = np.full((rows * cell_h - gap, columns * cell_w - gap, channels), gap_value, "float32")
    for i, tile in enumerate(tiles):
        r, c = divmod(i, columns)
        grid[r * cell_h : r * cell_h + height, c * cell_w : c * cell_w + width] = tile
    return grid[None]


def plane_grid(extent: float = 2.0, size: int = 64) -> np.ndarray:
    """(size², 2) points covering [-extent, extent]², row by row from the top, for decision surfaces."""
    axis = np.linspace(-extent, extent, size, dtype="float32")
    return np.stack(np.meshgrid(axis, -axis), axis=-1).reshape(-1, 2)
