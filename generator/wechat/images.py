"""Article images: JPEG, at most 1080 px wide, under 1 MB, without EXIF, cached by content.

The editor accepts images up to a few MB, but phones load an article's photos over mobile
data; 1 MB is the exporter's limit. A photo that is still bigger at the house quality is
recompressed (lower quality first, then smaller) and the exporter says so.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from ..files import atomic_write
from ..imaging import PIPELINE_VERSION, PhotoError, content_hash, open_photo
from ..imaging.derive import JPEG_QUALITY, atomic_save

MAX_WIDTH = 1080
MAX_BYTES = 1_000_000  # "under 1 MB" however a reader counts a megabyte
# Bump when the same photo would be encoded differently.
WECHAT_IMAGE_VERSION = 1
_QUALITIES = (JPEG_QUALITY, 72, 62, 52)
_SHRINK = 0.8


@dataclass(frozen=True)
class Recompression:
    """Why and how a photo was squeezed below ``MAX_BYTES``."""

    first_bytes: int
    quality: int
    width: int
    final_bytes: int


@dataclass(frozen=True)
class PreparedImage:
    file: Path  # the cached JPEG
    recompression: Recompression | None


def prepare_image(source: Path, root: Path, cache_dir: Path) -> PreparedImage:
    """The article version of ``source``, made once and then read from ``cache_dir``.

    Raises imaging.PhotoError when the photo cannot be read.
    """
    key = f"{content_hash(source)}:{PIPELINE_VERSION}:{WECHAT_IMAGE_VERSION}"
    name = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    target = cache_dir / "wechat" / f"{name}.jpg"
    notes = target.with_suffix(".json")
    if target.is_file():
        recorded = json.loads(notes.read_text("utf-8")) if notes.is_file() else None
        return PreparedImage(target, Recompression(**recorded) if recorded else None)
    image = _fit_width(open_photo(source, target=(MAX_WIDTH, 1), root=root))
    image, quality, recompression = _under_limit(image)
    if recompression:  # a build beside this one may be reading the notes
        notes_bytes = json.dumps(asdict(recompression)).encode()
        atomic_write(notes, lambda stream: stream.write(notes_bytes))
    atomic_save(image, target, **_jpeg_options(quality))
    return PreparedImage(target, recompression)


def _fit_width(image: Image.Image) -> Image.Image:
    if image.width <= MAX_WIDTH:
        return image
    height = max(1, round(image.height * MAX_WIDTH / image.width))
    return image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _under_limit(image: Image.Image) -> tuple[Image.Image, int, Recompression | None]:
    """The image and JPEG quality that stay under ``MAX_BYTES``: lower quality first, then smaller."""
    first = _encoded_size(image, JPEG_QUALITY)
    if first < MAX_BYTES:
        return image, JPEG_QUALITY, None
    while True:
        for quality in _QUALITIES[1:]:
            size = _encoded_size(image, quality)
            if size < MAX_BYTES:
                return image, quality, Recompression(first, quality, image.width, size)
        smaller = (max(1, round(image.width * _SHRINK)), max(1, round(image.height * _SHRINK)))
        image = image.resize(smaller, Image.Resampling.LANCZOS)


def _jpeg_options(quality: int) -> dict:
    # Only these options are written: the image carries no EXIF, GPS or XMP (see open_photo).
    return {"format": "JPEG", "quality": quality, "progressive": True, "optimize": True}


def _encoded_size(image: Image.Image, quality: int) -> int:
    buffer = io.BytesIO()
    image.save(buffer, **_jpeg_options(quality))
    return buffer.tell()


class ImageBank:
    """Every photo an article uses, prepared once; a photo that cannot be read is named."""

    def __init__(self, root: Path, cache_dir: Path):
        self.root = root
        self.cache_dir = cache_dir
        self.prepared: dict[str, PreparedImage] = {}

    def refuse(self, src: str) -> str | None:
        """None once ``src`` (relative to the root) is ready, else why it cannot be used."""
        if src in self.prepared:
            return None
        try:
            self.prepared[src] = prepare_image(self.root / src, self.root, self.cache_dir)
        except PhotoError as exc:
            return f"照片 {exc.path} 无法使用：{exc.message}。已从文章中略去这张照片"
        return None
