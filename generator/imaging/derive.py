"""Cached web derivatives of photos: small, progressive, metadata-free JPEGs in sRGB."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image

from ..files import atomic_write
from .decode import open_photo
from .hashing import content_hash, known_hash

# Bump when the output for the same input changes, so old derivatives are not reused.
PIPELINE_VERSION = 1
THUMB_SIDE = 480
JPEG_QUALITY = 82


def web_image(source: Path, root: Path, cache_dir: Path, max_side: int = 1600) -> Path:
    """A derivative with a long side of at most ``max_side`` px, made once and cached.

    The file name is a hash of the photo's bytes, ``max_side`` and the pipeline version, so
    an unchanged photo is never processed twice, across runs and processes alike.
    """
    destination = _derivative(source, cache_dir, max_side)
    if destination.is_file():
        return destination
    image = open_photo(source, target=(max_side, max_side), fit=True, root=root)
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=None)
    save_jpeg(image, destination)
    return destination


def cached_web_image(
    source: Path, cache_dir: Path, max_side: int = 1600, digest: str | None = None
) -> Path | None:
    """The derivative ``web_image`` would return, if it is made already; None if not.
    ``digest`` is the photo's ``content_hash``, for a caller that has it already."""
    destination = _derivative(source, cache_dir, max_side, digest)
    return destination if destination.is_file() else None


def verify_photo(source: Path, root: Path, cache_dir: Path) -> None:
    """Raise PhotoError unless the photo decodes in full. One whose digest is known and whose
    web derivative is cached decoded before, byte for byte; any other is decoded at the
    smallest scale, which still reads every byte, so a truncated or mislabelled file is
    found. (Hashing an unknown photo first would read it twice.)"""
    try:
        digest = known_hash(source)
    except OSError:  # gone or unreadable: opening it says which, in the photo's words
        digest = None
    if digest and cached_web_image(source, cache_dir, digest=digest) is not None:
        return
    open_photo(source, target=(1, 1), fit=True, root=root)


def _derivative(source: Path, cache_dir: Path, max_side: int, digest: str | None = None) -> Path:
    key = f"{digest or content_hash(source)}:{max_side}:{PIPELINE_VERSION}"
    return cache_dir / f"{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}.jpg"


def thumbnail_image(source: Path, root: Path, cache_dir: Path) -> Path:
    """A small derivative for cards and gallery thumbnails."""
    return web_image(source, root, cache_dir, max_side=THUMB_SIDE)


def save_jpeg(image: Image.Image, destination: Path, **options) -> None:
    """Write a metadata-free progressive JPEG atomically: a reader never sees half a file."""
    atomic_save(
        image,
        destination,
        format="JPEG",
        quality=JPEG_QUALITY,
        progressive=True,
        optimize=True,
        **options,
    )


def atomic_save(image: Image.Image, destination: Path, **options) -> None:
    """Save ``image`` atomically with only the given options.

    No EXIF, GPS or XMP is ever carried over: the images saved here come from open_photo
    or the poster renderer, which hold pixels only.
    """
    atomic_write(destination, lambda stream: image.save(stream, **options))
