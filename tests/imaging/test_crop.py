"""fill_crop: fills the slot exactly and keeps the people in it."""

from __future__ import annotations

from PIL import Image, ImageDraw

from generator.imaging import fill_crop
from generator.imaging.crop import crop_box

SKIN = (224, 172, 140)


def scene(size: tuple[int, int], face_at: tuple[int, int]) -> Image.Image:
    """A plain wall with one person: a skin-coloured face over a dark, detailed body."""
    image = Image.new("RGB", size, (200, 205, 210))
    draw = ImageDraw.Draw(image)
    x, y = face_at
    draw.ellipse((x - 30, y - 38, x + 30, y + 38), fill=SKIN)
    for stripe in range(0, 120, 8):
        draw.line((x - 50, y + 45 + stripe, x + 50, y + 45 + stripe), fill=(30, 30, 60), width=3)
    return image


def test_output_has_exactly_the_slot_size():
    image = scene((640, 480), (320, 200))
    for size in [(300, 300), (900, 383), (100, 400), (640, 480)]:
        assert fill_crop(image, size).size == size


def test_sideways_crop_follows_the_person_instead_of_the_centre():
    image = scene((1200, 400), (1000, 150))
    left, top, right, bottom = crop_box(image, (400, 400))
    assert (right - left, bottom - top) == (400, 400)
    assert left <= 1000 - 50 and right >= 1000 + 50  # a blind centre crop would be 400..800


def test_tall_photo_keeps_the_head_not_the_feet():
    image = scene((400, 1200), (200, 420))
    _, top, _, bottom = crop_box(image, (400, 300))
    assert top <= 420 - 40 and bottom >= 420 + 40  # centre crop would be 450..750


def test_featureless_photo_is_centred():
    image = Image.new("RGB", (1000, 400), (120, 120, 120))
    left, _, right, _ = crop_box(image, (400, 400))
    assert abs((left + right) / 2 - 500) <= 10
