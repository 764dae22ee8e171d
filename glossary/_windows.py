"""Window arithmetic shared by convolution, pooling and weight sharing (not an entry).

A convolution kernel and a pooling window slide the same way, so the rules for their sizes,
strides and padding live here once.
"""

from __future__ import annotations

__all__ = ["as_pair", "same_padding", "output_size"]


def as_pair(value, name="value"):
    """An int k as (k, k), a pair as a tuple; anything but one or two positive ints is refused."""
    pair = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(pair) != 2 or not all(isinstance(v, int) and v > 0 for v in pair):
        raise ValueError(f"{name} must be a positive integer or a pair of them, not {value!r}")
    return pair


def same_padding(size, k, s):
    """Zeros (before, after) that make a window of k with stride s give ⌈size / s⌉ outputs."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def output_size(size, k, s, padding):
    """How many positions a window of k with stride s takes along an axis of `size` pixels.

    "valid": ⌊(size − k) / s⌋ + 1, the window stays inside; "same": ⌈size / s⌉. None (a size not
    known yet) stays None.
    """
    if size is None:
        return None
    return -(-size // s) if padding == "same" else (size - k) // s + 1
