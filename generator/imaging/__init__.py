"""The one photo pipeline: decode, orient, colour-convert, crop, and cache web derivatives.

The site's web photos, the posters and the WeChat exports all read photos through here, so a
photo opens the same way everywhere and every published derivative is stripped of metadata.
"""

from .crop import fill_crop
from .decode import PhotoError, open_photo
from .derive import (
    PIPELINE_VERSION,
    THUMB_SIDE,
    cached_web_image,
    thumbnail_image,
    verify_photo,
    web_image,
)
from .hashing import content_hash, load_hashes, save_hashes
from .parallel import map_photos

__all__ = [
    "PIPELINE_VERSION",
    "THUMB_SIDE",
    "PhotoError",
    "cached_web_image",
    "content_hash",
    "fill_crop",
    "load_hashes",
    "map_photos",
    "open_photo",
    "save_hashes",
    "thumbnail_image",
    "verify_photo",
    "web_image",
]
