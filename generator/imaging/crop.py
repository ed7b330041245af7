"""Crop a photo to fill a slot, keeping people (and their heads) in the frame.

No numpy: the saliency map is computed with Pillow on a tiny copy of the photo, where a few
thousand pixels are plenty to place one crop window.
"""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageFilter

_MAP_SIDE = 64  # saliency map resolution (long side)
_SKIN_WEIGHT = 2.0  # faces and hands matter more than busy backgrounds
# Where a photo's subject usually is: centred horizontally, upper third vertically (heads in
# group photos); positions and spreads as fractions of the image. The prior only breaks ties
# and favours the usual place: strong detail or skin elsewhere still wins.
_PRIOR_X, _PRIOR_Y = 0.5, 0.38
_SPREAD_X, _SPREAD_Y = 0.5, 0.35
# Inside the crop, content near the middle counts fully and content at the edges counts
# this much less, so the subject ends up framed rather than cut at the border.
_EDGE_DISCOUNT = 0.6


def fill_crop(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``image`` cropped to the aspect ratio of ``size`` and resized to exactly ``size``."""
    box = crop_box(image, size)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)


def crop_box(image: Image.Image, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of the slot's aspect ratio, slid to where the content is."""
    width, height = image.size
    aspect = size[0] / size[1]
    crop_w = min(width, round(height * aspect))
    crop_h = min(height, round(width / aspect))
    if crop_w == width and crop_h == height:
        return (0, 0, width, height)
    weights = _saliency(image)
    horizontal = crop_w < width
    profile = _profile(weights, horizontal)
    span = crop_w / width if horizontal else crop_h / height
    start = _best_start(profile, span)
    if horizontal:
        left = round(start * width)
        left = min(max(left, 0), width - crop_w)
        return (left, 0, left + crop_w, height)
    top = min(max(round(start * height), 0), height - crop_h)
    return (0, top, width, top + crop_h)


def _saliency(image: Image.Image) -> list[list[float]]:
    """Per-pixel interest of a small copy: edge detail plus skin tones, times a prior."""
    small = image.convert("RGB")
    small.thumbnail((_MAP_SIDE, _MAP_SIDE), Image.Resampling.BOX)
    grey = small.convert("L")
    detail = grey.filter(ImageFilter.FIND_EDGES).filter(ImageFilter.BoxBlur(1))
    skin = _skin_mask(small)
    w, h = small.size
    detail_px, skin_px = detail.load(), skin.load()
    rows = []
    for y in range(h):
        py = ((y + 0.5) / h - _PRIOR_Y) / _SPREAD_Y
        row = []
        for x in range(w):
            px = ((x + 0.5) / w - _PRIOR_X) / _SPREAD_X
            prior = math.exp(-0.5 * (px * px + py * py))
            interest = detail_px[x, y] / 255 + _SKIN_WEIGHT * skin_px[x, y] / 255
            row.append((0.15 + interest) * prior)
        rows.append(row)
    return rows


def _skin_mask(image: Image.Image) -> Image.Image:
    """255 where a pixel has a skin chroma (a classic YCbCr box, fair to dark skin)."""
    _, cb, cr = image.convert("YCbCr").split()
    cb_ok = cb.point(lambda v: 255 if 77 <= v <= 127 else 0)
    cr_ok = cr.point(lambda v: 255 if 133 <= v <= 173 else 0)
    return ImageChops.multiply(cb_ok, cr_ok)


def _profile(weights: list[list[float]], horizontal: bool) -> list[float]:
    if horizontal:
        return [sum(column) for column in zip(*weights, strict=True)]
    return [sum(row) for row in weights]


def _best_start(profile: list[float], span: float) -> float:
    """Start (0..1) of the window covering ``span`` of the profile that frames most weight."""
    cells = len(profile)
    window = span * cells
    best, best_at = -1.0, 0.0
    # Every whole-cell start, plus the window flush with the far edge.
    for start in [*range(int(cells - window) + 1), cells - window]:
        middle = start + window / 2
        score = 0.0
        for index in range(int(start), min(cells, math.ceil(start + window))):
            offset = 2 * (index + 0.5 - middle) / window  # -1 at one edge, +1 at the other
            score += profile[index] * (1 - _EDGE_DISCOUNT * offset * offset)
        if score > best + 1e-9:
            best, best_at = score, start
    return best_at / cells
