"""Where each photo of a collage goes: arrangements for 1-4 photos, the cover the largest."""

from __future__ import annotations

from .layout import Box

# Fractions of the slot (x, y, width, height). The cover photo always takes the first cell.
_WIDE: dict[int, tuple[Box, ...]] = {
    1: ((0, 0, 1, 1),),
    2: ((0, 0, 0.6, 1), (0.6, 0, 0.4, 1)),
    3: ((0, 0, 0.62, 1), (0.62, 0, 0.38, 0.5), (0.62, 0.5, 0.38, 0.5)),
    4: ((0, 0, 0.6, 1), (0.6, 0, 0.4, 1 / 3), (0.6, 1 / 3, 0.4, 1 / 3), (0.6, 2 / 3, 0.4, 1 / 3)),
}
_TALL: dict[int, tuple[Box, ...]] = {
    1: ((0, 0, 1, 1),),
    2: ((0, 0, 1, 0.6), (0, 0.6, 1, 0.4)),
    3: ((0, 0, 1, 0.62), (0, 0.62, 0.5, 0.38), (0.5, 0.62, 0.5, 0.38)),
    4: ((0, 0, 1, 0.6), (0, 0.6, 1 / 3, 0.4), (1 / 3, 0.6, 1 / 3, 0.4), (2 / 3, 0.6, 1 / 3, 0.4)),
}
_EPSILON = 1e-6


def cells(
    slot: Box, count: int, gap: float, custom: dict[int, tuple[Box, ...]]
) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (left, top, right, bottom) for ``count`` photos in ``slot`` (pixels)."""
    x, y, w, h = slot
    fractions = custom.get(count) or (_WIDE if w >= h else _TALL)[count]
    boxes = []
    for fx, fy, fw, fh in fractions:
        # Half the gap on every inner edge, none on the slot's outer edges.
        left = x + fx * w + (gap / 2 if fx > _EPSILON else 0)
        top = y + fy * h + (gap / 2 if fy > _EPSILON else 0)
        right = x + (fx + fw) * w - (gap / 2 if fx + fw < 1 - _EPSILON else 0)
        bottom = y + (fy + fh) * h - (gap / 2 if fy + fh < 1 - _EPSILON else 0)
        boxes.append((round(left), round(top), round(right), round(bottom)))
    return boxes
