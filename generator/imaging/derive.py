"""Cached web derivatives of photos: small, progressive, metadata-free JPEGs in sRGB."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from .decode import open_photo
from .hashing import content_hash

# Bump when the output for the same input changes, so old derivatives are not reused.
PIPELINE_VERSION = 1
THUMB_SIDE = 480
JPEG_QUALITY = 82


def web_image(source: Path, root: Path, cache_dir: Path, max_side: int = 1600) -> Path:
    """A derivative with a long side of at most ``max_side`` px, made once and cached.

    The file name is a hash of the photo's bytes, ``max_side`` and the pipeline version, so
    an unchanged photo is never processed twice, across runs and processes alike.
    """
    key = f"{content_hash(source)}:{max_side}:{PIPELINE_VERSION}"
    name = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    destination = cache_dir / f"{name}.jpg"
    if destination.is_file():
        return destination
    image = open_photo(source, target=(max_side, max_side), fit=True, root=root)
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=None)
    save_jpeg(image, destination)
    return destination


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


def atomic_write(destination: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, then rename over ``destination``:
    a reader, or a parallel build, never sees half a file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(
        prefix=".tmp-", suffix=destination.suffix, dir=destination.parent
    )
    try:
        # mkstemp makes owner-only files; published images must be readable by the web server.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
