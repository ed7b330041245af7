"""Draw one poster from a layout and its content. Pure: no model, no cache, no files written."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFilter

from ..imaging import PhotoError, fill_crop, open_photo
from ..imaging.decode import display_path
from . import collage
from .colors import brand_colors
from .content import PosterContent
from .fonts import FontSet, missing_glyphs
from .layout import Follow, Layout, Logo, Photos, QRCode, Rect, Rule, Shadow, Text
from .typeset import draw_block, fit_text

RGBA = tuple[int, int, int, int]
_GRADIENT_STEPS = 256
_SHADOW_DOWNSCALE = 4  # shadows are blurry anyway: blur a quarter-size mask, then scale up
_DECODE_SLACK = 0.85
_ASCII_SPACES = re.compile(r"[ \t\r\n]+")  # not U+3000: an ideographic space is deliberate
# QR codes: ISO/IEC 18004 asks for a 4-module quiet zone; phone cameras need modules of at
# least 3 whole output pixels on screen, and about 0.5 mm on paper.
QUIET_MODULES = 4
MIN_MODULE_PX = 3
MIN_PRINT_MODULE_MM = 0.5


class PosterSkipped(Exception):
    """The poster cannot be made at all (for example no photo could be read)."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


@dataclass
class Rendered:
    poster: Image.Image
    square: Image.Image | None
    problems: list[str]


def render_poster(layout: Layout, content: PosterContent, fonts: FontSet, root: Path) -> Rendered:
    """The poster at the layout's canvas size, plus its centre square when the layout asks."""
    oversample = max(1.0, layout.square / min(layout.canvas)) if layout.square else 1.0
    painter = _Painter(layout, content, fonts, root, layout.scale * oversample)
    # Emblems go on last, over nothing: the layout check keeps every other layer off them.
    # QR codes are stamped after resizing (below), so they are never resampled.
    ordered = sorted(layout.layers, key=lambda layer: isinstance(layer, Logo))
    for layer in ordered:
        if not isinstance(layer, QRCode):
            painter.draw(layer)
    canvas = painter.canvas
    poster = canvas if canvas.size == layout.canvas else _resize(canvas, layout.canvas)
    problems = painter.problems
    problems += _stamp_codes(layout, content, root, poster, layout.scale, (0, 0))
    square = None
    if layout.square:
        side = min(canvas.size)
        left, top = (canvas.width - side) // 2, (canvas.height - side) // 2
        square = canvas.crop((left, top, left + side, top + side))
        if side != layout.square:
            square = _resize(square, (layout.square, layout.square))
        ratio = layout.square / side
        # The poster already reported any code too small; the square shows it larger.
        _stamp_codes(
            layout, content, root, square, painter.scale * ratio, (-left * ratio, -top * ratio)
        )
    return Rendered(poster, square, problems)


def _stamp_codes(
    layout: Layout,
    content: PosterContent,
    root: Path,
    image: Image.Image,
    scale: float,
    origin: tuple[float, float],
) -> list[str]:
    """Draw the QR codes straight onto a finished image, in whole pixels per module.

    Resizing a drawn code (the 公众号 cover is drawn larger for its square, then reduced)
    would blur its modules into grey steps that phone cameras misread.
    """
    codes = [layer for layer in layout.layers if isinstance(layer, QRCode)]
    if not codes:
        return []
    stamper = _Painter(layout, content, None, root, scale, canvas=image, origin=origin)
    for code in codes:
        left, top, right, bottom = stamper.box(code.box)
        if right > 0 and bottom > 0 and left < image.width and top < image.height:
            stamper.qrcode(code)
    return stamper.problems


def _resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


class _Painter:
    def __init__(
        self,
        layout: Layout,
        content: PosterContent,
        fonts: FontSet | None,
        root: Path,
        scale: float,
        canvas: Image.Image | None = None,
        origin: tuple[float, float] = (0, 0),
    ):
        self.layout = layout
        self.content = content
        self.fonts = fonts
        self.root = root
        self.scale = scale
        self.origin = origin  # where the grid's (0, 0) falls on the canvas, in pixels
        size = (round(layout.grid[0] * scale), round(layout.grid[1] * scale))
        self.canvas = canvas if canvas is not None else Image.new("RGB", size, (255, 255, 255))
        self.named = brand_colors(content.colors)
        self.problems: list[str] = []
        self.ink_bottoms: dict[str, int] = {}  # text layer id -> lowest inked pixel row

    def draw(self, layer: Rect | Photos | Text | Logo | QRCode) -> None:
        handlers = {
            Rect: self.rect,
            Photos: self.photos,
            Text: self.text,
            Logo: self.logo,
            QRCode: self.qrcode,
        }
        handlers[type(layer)](layer)

    # -- geometry and colour -------------------------------------------------------------

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def box(self, box: tuple[float, float, float, float] | None) -> tuple[int, int, int, int]:
        """A layout box as pixel (left, top, right, bottom)."""
        if box is None:
            return (0, 0, *self.canvas.size)
        x, y, w, h = (v * self.scale for v in box)
        x, y = x + self.origin[0], y + self.origin[1]
        return (round(x), round(y), round(x + w), round(y + h))

    def color(self, name: str) -> RGBA:
        value = self.named.get(name) or self.layout.palette.get(name) or name
        value = self.named.get(value, value)  # a palette entry may say "org_dark"
        rgba = ImageColor.getrgb(value)
        return rgba if len(rgba) == 4 else (*rgba, 255)

    def paint(
        self,
        fill: Image.Image | tuple[int, ...],
        at: tuple[int, int],
        mask: Image.Image,
        alpha: float = 1.0,
    ) -> None:
        """Paste ``fill`` (an image or one colour) through ``mask`` scaled by ``alpha`` (0..1)."""
        if alpha < 1:
            mask = mask.point(lambda v: round(v * alpha))
        self.canvas.paste(fill, at, mask)

    # -- layers --------------------------------------------------------------------------

    def rect(self, layer: Rect) -> None:
        left, top, right, bottom = self.box(layer.box)
        size = (right - left, bottom - top)
        colors = [self.color(c) for c in layer.colors]
        radius = self.px(layer.radius)
        mask = _rounded_mask(size, radius)
        if len(colors) == 1:
            opacity = layer.opacity * colors[0][3] / 255
            if opacity >= 1 and not radius:
                self.canvas.paste(colors[0][:3], (left, top, right, bottom))
            else:
                self.paint(colors[0][:3], (left, top), mask, opacity)
            return
        fill, alpha = _gradient(colors, size, layer.direction)
        if any(c[3] < 255 for c in colors):
            mask = ImageChops.multiply(mask, alpha)
        self.paint(fill, (left, top), mask, layer.opacity)

    def photos(self, layer: Photos) -> None:
        if not self.content.photos:
            self.brand_panel(layer)
            return
        slot = self.box(layer.box)
        slot_box = (slot[0], slot[1], slot[2] - slot[0], slot[3] - slot[1])
        inset = self.px(layer.frame)
        opened: dict[str, tuple[tuple[int, int], Image.Image]] = {}
        broken: set[str] = set()  # each is opened (and reported) once
        while True:
            # The first ``max`` photos not known to be broken, cover first: a broken photo is
            # replaced by the next one rather than shrinking the collage.
            sources = [src for src in self.content.photos if src not in broken][: layer.max]
            if not sources:
                raise PosterSkipped("没有一张照片可以读取，未生成海报", self.problems)
            cells = collage.cells(slot_box, len(sources), self.px(layer.gap), layer.arrangements)
            for src, cell in zip(sources, cells, strict=True):
                need = (cell[2] - cell[0] - 2 * inset, cell[3] - cell[1] - 2 * inset)
                if src not in opened or _larger(need, opened[src][0]):
                    image = self.open(src, need)
                    if image is None:
                        broken.add(src)
                    else:
                        opened[src] = (need, image)
            if not broken.intersection(sources):
                break
        for src, cell in zip(sources, cells, strict=True):
            self.framed_photo(opened[src][1], cell, layer)

    def brand_panel(self, layer: Photos) -> None:
        """A report without photos still gets its poster: the branch colour and logo fill the slot."""
        left, top, right, bottom = self.box(layer.box)
        size = (right - left, bottom - top)
        fill, _ = _gradient([self.color("accent"), self.color("accent_dark")], size, "radial")
        self.paint(fill, (left, top), _rounded_mask(size, self.px(layer.radius)))
        source = "branch" if self.content.logos.get("branch") else "organization"
        margin_x, margin_y = size[0] // 4, size[1] // 4
        inner = (left + margin_x, top + margin_y, right - margin_x, bottom - margin_y)
        self.place_logo(source, inner, "center", "middle")

    def open(self, src: str, need: tuple[int, int]) -> Image.Image | None:
        # JPEG decodes at 1/1, 1/2, 1/4 or 1/8 scale. Asking for up to 15% less than the cell
        # often allows the next smaller scale (half the decoding work), and the enlargement
        # that fill_crop then makes is too small to see on a poster.
        target = (math.ceil(need[0] * _DECODE_SLACK), math.ceil(need[1] * _DECODE_SLACK))
        try:
            return open_photo(self.root / src, target=target, root=self.root)
        except PhotoError as exc:
            self.problems.append(str(exc))
            return None

    def framed_photo(
        self, image: Image.Image, cell: tuple[int, int, int, int], layer: Photos
    ) -> None:
        left, top, right, bottom = cell
        size = (right - left, bottom - top)
        radius = self.px(layer.radius)
        if layer.shadow:
            self.shadow(layer.shadow, (left, top), _rounded_mask(size, radius))
        inset = self.px(layer.frame)
        if inset:
            self.paint(self.color(layer.frame_color)[:3], (left, top), _rounded_mask(size, radius))
        inner = (size[0] - 2 * inset, size[1] - 2 * inset)
        photo = fill_crop(image, inner)
        self.canvas.paste(
            photo, (left + inset, top + inset), _rounded_mask(inner, max(0, radius - inset))
        )

    def shadow(self, shadow: Shadow, at: tuple[int, int], mask: Image.Image) -> None:
        blur = max(1, self.px(shadow.blur))
        margin = 2 * blur
        small = _SHADOW_DOWNSCALE
        padded = Image.new("L", (mask.width + 2 * margin, mask.height + 2 * margin))
        padded.paste(mask, (margin, margin))
        reduced = padded.resize((max(1, padded.width // small), max(1, padded.height // small)))
        blurred = reduced.filter(ImageFilter.GaussianBlur(blur / small / 2)).resize(padded.size)
        color = self.color(shadow.color)
        x = at[0] - margin + self.px(shadow.offset[0])
        y = at[1] - margin + self.px(shadow.offset[1])
        self.paint(color[:3], (x, y), blurred, color[3] / 255)

    def text(self, layer: Text) -> None:
        value = _ASCII_SPACES.sub(" ", layer.text.format_map(self.content.fields)).strip()
        if not value:
            return
        assert self.fonts is not None  # only the QR stamper has no fonts
        face = self.fonts.face(layer.font, layer.bold)
        missing = missing_glyphs(face, value)
        if missing:
            self.problems.append(
                f"{self.content.report}: 字体 {Path(face.path).name} 中没有“{''.join(missing)}”的字形，"
                "海报上略去了这些字符（不会显示为方框）"
            )
            value = "".join(c for c in value if c not in missing)
        left, top, right, bottom = self.box(layer.box)
        if layer.follow:
            top, bottom = self.follow(layer.follow, top, bottom)
        pad_x, pad_y = (self.px(p) for p in layer.badge.padding) if layer.badge else (0, 0)
        room = (right - left - 2 * pad_x, bottom - top - 2 * pad_y)
        block = fit_text(
            value,
            face,
            room,
            self.px(layer.size),
            self.px(layer.min_size),
            layer.max_lines,
            layer.line_height,
            layer.tracking,
        )
        if block is None:
            self.problems.append(
                f"{self.layout.source}: 文字“{value[:12]}”在文本框中放不下，请加大 box 或减小 min_size"
            )
            return
        width = math.ceil(block.width) if layer.badge else right - left - 2 * pad_x
        height = math.ceil(block.height)
        outer = (width + 2 * pad_x, height + 2 * pad_y)
        x, y = _align((left, top, right, bottom), outer, layer.align, layer.valign)
        if layer.badge:
            badge = self.color(layer.badge.fill)
            mask = _rounded_mask(outer, self.px(layer.badge.radius))
            self.paint(badge[:3], (x, y), mask, badge[3] / 255)
        mask = Image.new("L", (width, height))
        draw_block(ImageDraw.Draw(mask), block, (0, 0), width, layer.align)
        at = (x + pad_x, y + pad_y)
        if layer.shadow:
            self.shadow(layer.shadow, at, mask)
        color = self.color(layer.color)
        self.paint(color[:3], at, mask, layer.opacity * color[3] / 255)
        ink = mask.getbbox()
        if ink is None:
            return
        ink_top, ink_bottom = at[1] + ink[1], at[1] + ink[3]
        if layer.id:
            self.ink_bottoms[layer.id] = ink_bottom
        if layer.rule:
            self.rule(layer.rule, left, ink_top, ink_bottom)

    def follow(self, follow: Follow, top: int, bottom: int) -> tuple[int, int]:
        """The box moved up to ``gap`` below the followed text: never down, so it stays
        within the space the layout gave it (which holds the tallest text)."""
        anchor = self.ink_bottoms.get(follow.id)
        if anchor is None:
            return top, bottom
        shift = max(0, top - (anchor + self.px(follow.gap)))
        return top - shift, bottom - shift

    def rule(self, rule: Rule, box_left: int, ink_top: int, ink_bottom: int) -> None:
        """A bar left of the text box spanning exactly the lines set, however many."""
        width = max(1, self.px(rule.width))
        left = box_left - self.px(rule.gap) - width
        size = (width, ink_bottom - ink_top)
        fill = self.color(rule.fill)
        self.paint(
            fill[:3], (left, ink_top), _rounded_mask(size, self.px(rule.radius)), fill[3] / 255
        )

    def logo(self, layer: Logo) -> None:
        self.place_logo(layer.source, self.box(layer.box), layer.align, layer.valign)

    def place_logo(
        self, source: str, box: tuple[int, int, int, int], align: str, valign: str
    ) -> None:
        src = self.content.logos.get(source)
        if not src:
            return
        try:
            logo = _open_logo(self.root / src)
        except (OSError, ValueError, Image.DecompressionBombError):
            shown = display_path(self.root / src, self.root)
            self.problems.append(f"{shown}: 徽标图片无法读取，海报上未放徽标")
            return
        left, top, right, bottom = box
        # Scale only, keeping the aspect ratio: an emblem is never stretched or recoloured.
        ratio = min((right - left) / logo.width, (bottom - top) / logo.height)
        size = (max(1, round(logo.width * ratio)), max(1, round(logo.height * ratio)))
        logo = logo.resize(size, Image.Resampling.LANCZOS)
        x, y = _align((left, top, right, bottom), size, align, valign)
        self.canvas.paste(logo.convert("RGB"), (x, y), logo.getchannel("A"))

    def qrcode(self, layer: QRCode) -> None:
        left, top, right, bottom = self.box(layer.box)
        side = min(right - left, bottom - top)
        matrix = qr_matrix(self.content.url)
        count = len(matrix)
        padding = self.px(layer.padding)
        radius = min(self.px(layer.radius), side // 2)
        # Whole pixels per module keep the code crisp; the card around it is the quiet zone,
        # whose corners must stay inside the card's rounded ones.
        corner = math.ceil(radius * (1 - math.sqrt(0.5)))
        quiet = 2 * QUIET_MODULES
        module = min((side - 2 * padding) // count, (side - 2 * corner) // (count + quiet))
        smallest = self.min_module()
        if module < smallest:
            need = max(count * smallest + 2 * padding, (count + quiet) * smallest + 2 * corner)
            self.problems.append(self.too_small(count, side, module, smallest, need))
            return
        card = self.color(layer.background)
        self.paint(card[:3], (left, top), _rounded_mask((side, side), radius), card[3] / 255)
        bits = Image.new("L", (count, count))
        bits.putdata([255 if dark else 0 for row in matrix for dark in row])
        bits = bits.resize((count * module, count * module), Image.Resampling.NEAREST)
        offset = (side - bits.width) // 2
        self.paint(self.color(layer.color)[:3], (left + offset, top + offset), bits)

    def min_module(self) -> int:
        """Pixels per module a phone reliably reads: more for print, where dots are tiny."""
        if not self.layout.dpi:
            return MIN_MODULE_PX
        return max(MIN_MODULE_PX, math.ceil(MIN_PRINT_MODULE_MM * self.layout.dpi / 25.4))

    def too_small(self, count: int, side: int, module: int, smallest: int, need_px: int) -> str:
        need = math.ceil(need_px / self.scale)  # in the layout's units
        return (
            f"{self.content.report}: 海报版式 {self.layout.source} 的二维码区域太小：这篇报道的网址需要 "
            f"{count}×{count} 个码点，边长 {side} 像素的区域中每个码点只有 {max(module, 0)} 像素"
            f"（至少需要 {smallest} 像素，四周还要留出 {QUIET_MODULES} 个码点宽的空白），"
            f"手机难以扫描，海报上未放二维码。请把 qrcode 图层的 box 加大到至少 {need}×{need}"
        )


@lru_cache(maxsize=256)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``url``'s QR code (level M: readable with 15% damaged), no border."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def _align(
    box: tuple[int, int, int, int], size: tuple[int, int], align: str, valign: str
) -> tuple[int, int]:
    """Top-left corner of something of ``size`` aligned inside ``box``."""
    left, top, right, bottom = box
    x = {"left": left, "center": (left + right - size[0]) // 2, "right": right - size[0]}
    y = {"top": top, "middle": (top + bottom - size[1]) // 2, "bottom": bottom - size[1]}
    return x[align], y[valign]


def _larger(size: tuple[int, int], than: tuple[int, int]) -> bool:
    return size[0] > than[0] or size[1] > than[1]


def _open_logo(path: Path) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        if image.mode == "CMYK":
            image = image.convert("RGB")
        return image.convert("RGBA")


@lru_cache(maxsize=64)
def _rounded_mask(size: tuple[int, int], radius: int) -> Image.Image:
    """An antialiased rounded-rectangle mask (treat as read-only: it is shared)."""
    mask = Image.new("L", size, 255)
    radius = min(radius, size[0] // 2, size[1] // 2)
    if radius <= 0:
        return mask
    # Only the corners need work: one quarter circle drawn at 4x, scaled down, mirrored.
    big = Image.new("L", (radius * 8, radius * 8))
    ImageDraw.Draw(big).ellipse((0, 0, big.width - 1, big.height - 1), fill=255)
    corner = big.resize((radius * 2, radius * 2), Image.Resampling.BOX).crop((0, 0, radius, radius))
    width, height = size
    mask.paste(corner, (0, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (width - radius, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, height - radius))
    mask.paste(corner.transpose(Image.Transpose.ROTATE_180), (width - radius, height - radius))
    return mask


def _gradient(
    colors: list[RGBA], size: tuple[int, int], direction: str
) -> tuple[Image.Image, Image.Image]:
    """An RGB gradient through ``colors`` (evenly spaced stops) and its alpha channel.

    A one-byte map of the position along the gradient is built at full size (cheap), then
    coloured by palette and lookup tables, much faster than resizing RGBA pixels.
    """
    width, height = size
    if direction == "radial":
        # Pillow's radial gradient reaches 255 in the corners; stretch it so the last stop
        # falls on the edge of the inscribed ellipse instead.
        circle = Image.radial_gradient("L").point(lambda v: min(255, round(v * 255 / 181)))
        position = circle.resize(size, Image.Resampling.BILINEAR)
    elif direction == "diagonal":
        position = _diagonal(size)
    else:
        ramp = Image.linear_gradient("L")
        if direction == "horizontal":
            ramp = ramp.transpose(Image.Transpose.TRANSPOSE)
            line = ramp.crop((0, 0, 256, 1)).resize((width, 1), Image.Resampling.BILINEAR)
        else:
            line = ramp.crop((0, 0, 1, 256)).resize((1, height), Image.Resampling.BILINEAR)
        position = line.resize(size, Image.Resampling.NEAREST)
    stops = [_mix(colors, i / (_GRADIENT_STEPS - 1)) for i in range(_GRADIENT_STEPS)]
    alpha = position.point([stop[3] for stop in stops])
    position.putpalette([v for stop in stops for v in stop[:3]])
    return position.convert("RGB"), alpha


def _diagonal(size: tuple[int, int]) -> Image.Image:
    """Position along the top-left to bottom-right diagonal, 0..255."""
    n = 64
    small = Image.new("L", (n, n))
    small.putdata([round(255 * (x + y) / (2 * (n - 1))) for y in range(n) for x in range(n)])
    return small.resize(size, Image.Resampling.BILINEAR)


def _mix(colors: list[RGBA], t: float) -> RGBA:
    position = t * (len(colors) - 1)
    index = min(int(position), len(colors) - 2)
    local = position - index
    a, b = colors[index], colors[index + 1]
    return tuple(round(a[i] + (b[i] - a[i]) * local) for i in range(4))  # type: ignore[return-value]
