"""Open any supported photo as an upright 8-bit sRGB image, decoding no more than needed."""

from __future__ import annotations

import io
import math
import os
import warnings
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

# EXIF orientation -> the transpose that makes the photo upright; 5-8 swap width and height.
_ORIENTATION_FIX = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_TRANSPOSED = {5, 6, 7, 8}
_WHITE = (255, 255, 255)


class PhotoError(Exception):
    """A photo that cannot be used; ``str()`` is ``"<path>: <message>"`` for the problem list."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    @property
    def unusable(self) -> str:
        """The problem as said on the line of the report that shows the photo."""
        return f"照片 {self.path} 无法使用：{self.message}"


@cache
def _register_heif() -> None:
    # On first use rather than at import: importing the package stays cheap for commands
    # that never open a photo.
    from pillow_heif import register_heif_opener

    register_heif_opener()


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def display_path(path: Path, root: Path | None) -> str:
    """The path as the user knows it: relative to the project root when possible."""
    if root is not None:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def open_photo(
    path: Path,
    *,
    target: tuple[int, int] | None = None,
    fit: bool = False,
    root: Path | None = None,
) -> Image.Image:
    """The photo, upright, in RGB, at least big enough for ``target`` (width, height).

    With ``fit=False`` the result covers ``target`` (for cropping to fill a slot); with
    ``fit=True`` it is big enough to be scaled down to fit inside ``target``. JPEGs are
    decoded at 1/2, 1/4 or 1/8 scale when that is still big enough; other formats are box-
    reduced after decoding. Without ``target`` (or when the photo is smaller) the full image
    is returned. Raises PhotoError naming the file relative to ``root``.
    """
    _register_heif()
    shown = display_path(path, root)
    try:
        with warnings.catch_warnings():
            # Pillow warns between 1x and 2x MAX_IMAGE_PIXELS and raises above: large
            # panoramas are fine, only the error case is a bomb.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Leaving the block closes the file, also on errors; loaded pixels stay usable.
            with Image.open(path) as image:
                orientation = image.getexif().get(0x0112, 1)
                needed = _needed_size(image.size, target, fit, orientation in _TRANSPOSED)
                if needed and image.format == "JPEG":
                    image.draft("RGB", needed)
                image.load()
    except Image.DecompressionBombError:
        raise PhotoError(
            shown, "图片像素数过多（超过安全上限），疑似异常文件，请换用正常拍摄的照片"
        ) from None
    except UnidentifiedImageError:
        raise PhotoError(shown, "无法识别的图片格式，请另存为 JPG 或 PNG 后再引用") from None
    except FileNotFoundError:
        raise PhotoError(shown, "找不到照片文件") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(
            shown, f"照片文件已损坏或不完整（{_reason(exc)}），请重新导出或从原相册再次复制"
        ) from None
    if needed:
        image = _reduce(image, needed)
    method = _ORIENTATION_FIX.get(orientation)
    if method is not None:
        image = image.transpose(method)
    image = _to_srgb(image)
    image.info = {}  # pixels only: no EXIF, GPS, XMP or profile can reach a derivative
    return image


def _needed_size(
    size: tuple[int, int], target: tuple[int, int] | None, fit: bool, transposed: bool
) -> tuple[int, int] | None:
    """The smallest stored (pre-rotation) size that still serves ``target``."""
    if target is None:
        return None
    width, height = size
    want_w, want_h = (target[1], target[0]) if transposed else target
    scale = min(want_w / width, want_h / height) if fit else max(want_w / width, want_h / height)
    scale = min(scale, 1.0)
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def _reduce(image: Image.Image, needed: tuple[int, int]) -> Image.Image:
    # Keep at least twice the needed size so the final Lanczos resize still sees real detail.
    factor = min(image.width // needed[0], image.height // needed[1]) // 2
    return image.reduce(factor) if factor >= 2 else image


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "truncated" in text or "premature" in text or "end of file" in text:
        return "文件被截断"
    return "无法解码"


def _to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB in sRGB: alpha flattened onto white, 16-bit scaled, ICC profiles converted."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = _sixteen_to_eight(image)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        image = _flatten(image)
    if icc:
        converted = _apply_icc(image, icc)
        if converted is not None:
            return converted
    return image if image.mode == "RGB" else image.convert("RGB")


def _sixteen_to_eight(image: Image.Image) -> Image.Image:
    image = image.convert("I") if image.mode != "F" else image
    high = image.getextrema()[1]
    # Most 16-bit files use the full range; an 8-bit range stored wide must not be darkened.
    divisor = 257 if high > 255 else 1
    return image.point(lambda value: value / divisor).convert("L")


def _flatten(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, _WHITE)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _apply_icc(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Convert from the embedded profile to sRGB; None when the profile cannot be used."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if image.mode not in ("RGB", "CMYK", "L"):
            return None
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None
