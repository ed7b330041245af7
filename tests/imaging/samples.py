"""Real image files made on the fly for the photo pipeline and poster tests."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

RED = (220, 20, 20)
BLUE = (20, 40, 220)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def marked(size: tuple[int, int] = (120, 80)) -> Image.Image:
    """An upright grey picture: red block top-left, blue block top-right."""
    image = Image.new("RGB", size, (128, 128, 128))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, 0, w // 3, h // 3), fill=RED)
    draw.rectangle((w - w // 3, 0, w - 1, h // 3), fill=BLUE)
    return image


# How a camera stores an upright scene for each EXIF orientation (the inverse of what the
# viewer must do, per the EXIF specification's description of each value).
STORED_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def oriented_jpeg(path: Path, orientation: int) -> Path:
    upright = marked()
    method = STORED_AS[orientation]
    stored = upright.transpose(method) if method is not None else upright
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, quality=95, exif=exif)
    return path


def gps_jpeg(path: Path, size: tuple[int, int] = (800, 600), color=RED) -> Path:
    """A JPEG whose EXIF carries a camera model and a GPS position, plus XMP and a profile."""
    exif = Image.Exif()
    exif[0x0110] = "TestPhone 15"
    exif[GPS_IFD] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(size, color).save(
        path, quality=90, exif=exif, xmp=b"<x:xmpmeta>secret</x:xmpmeta>", icc_profile=srgb
    )
    return path


def photo(size: tuple[int, int], color=RED) -> Image.Image:
    """A gradient picture with some structure, so crops and encoders have real work."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    overlay = Image.new("RGB", size, color)
    return Image.blend(image, overlay, 0.6)


def truncated_jpeg(path: Path) -> Path:
    full = path.with_suffix(".full.jpg")
    photo((800, 600)).save(full, quality=90)
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: len(data) // 3])
    return path


def bomb_png(path: Path, side: int = 40_000) -> Path:
    """A tiny PNG claiming 1.6 gigapixels: only its header is real."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * side
    body = zlib.compress(row * 4)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path
