"""Poster layouts: YAML files in ``theme/posters/`` describing layers, read into plain data.

The office edits these files, so every mistake is reported in Chinese with the file and the
layer it is in; nothing about a layout is hard-coded in the renderer.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import ImageColor

from .colors import BUILTIN_COLORS
from .errors import PosterError

Box = tuple[float, float, float, float]  # x, y, width, height in grid units

TEXT_FIELDS = (
    "organization",
    "brand",
    "branch",
    "slogan",
    "title",
    "date",
    "location",
    "date_location",
    "type",
)
DIRECTIONS = ("vertical", "horizontal", "diagonal", "radial")
ALIGNS = ("left", "center", "right")
_PAINT = {"type", "fill", "gradient", "direction", "opacity"}
LAYER_KEYS = {
    "background": _PAINT,
    "rect": _PAINT | {"box", "radius"},
    "photos": {
        "type",
        "box",
        "gap",
        "max",
        "frame",
        "frame_color",
        "radius",
        "shadow",
        "arrangements",
    },
    "text": {
        "type",
        "text",
        "box",
        "size",
        "min_size",
        "max_lines",
        "font",
        "bold",
        "line_height",
        "tracking",
        "align",
        "valign",
        "color",
        "opacity",
        "shadow",
        "badge",
        "id",
        "follow",
        "rule",
    },
    "logo": {"type", "box", "source", "align", "valign", "clear"},
    "qrcode": {"type", "box", "color", "background", "padding", "radius"},
}
VALIGNS = ("top", "middle", "bottom")


class LayoutError(PosterError):
    """A layout file that cannot be used; the message names the file and the layer."""


@dataclass(frozen=True)
class Shadow:
    blur: float = 12
    offset: tuple[float, float] = (0, 6)
    color: str = "#00000059"


@dataclass(frozen=True)
class Rect:
    box: Box | None  # None: the whole canvas
    colors: tuple[str, ...]  # one colour, or the stops of a gradient
    direction: str = "vertical"
    radius: float = 0
    opacity: float = 1.0


@dataclass(frozen=True)
class Photos:
    box: Box
    gap: float = 12
    max: int = 4
    frame: float = 0
    frame_color: str = "#FFFFFF"
    radius: float = 0
    shadow: Shadow | None = None
    arrangements: dict[int, tuple[Box, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Badge:
    fill: str
    padding: tuple[float, float] = (16, 8)
    radius: float = 8


@dataclass(frozen=True)
class Rule:
    """A bar beside a text block, as tall as the text actually set (1, 2 or 3 lines)."""

    fill: str = "accent"
    width: float = 10
    gap: float = 26  # between the bar and the text box's left edge
    radius: float = 5


@dataclass(frozen=True)
class Follow:
    """Move a text box up to sit ``gap`` below the ink of an earlier text layer."""

    id: str
    gap: float = 20


@dataclass(frozen=True)
class Text:
    box: Box
    text: str
    size: float
    min_size: float
    max_lines: int = 1
    font: str = "sans"
    bold: bool = False
    line_height: float = 1.3
    tracking: float = 0.0
    align: str = "left"
    valign: str = "top"
    color: str = "#FFFFFF"
    opacity: float = 1.0
    shadow: Shadow | None = None
    badge: Badge | None = None
    id: str | None = None
    follow: Follow | None = None
    rule: Rule | None = None


@dataclass(frozen=True)
class Logo:
    box: Box
    source: str = "organization"  # or "branch"
    align: str = "left"
    valign: str = "middle"
    clear: float = 0  # keep-out margin around the box, in grid units


@dataclass(frozen=True)
class QRCode:
    box: Box
    color: str = "#000000"
    background: str = "#FFFFFF"
    padding: float = 12
    radius: float = 0


Layer = Rect | Photos | Text | Logo | QRCode


@dataclass(frozen=True)
class Layout:
    source: str  # the file as the user knows it
    canvas: tuple[int, int]  # output pixels
    grid: tuple[float, float]  # the coordinate system the layers are written in
    layers: tuple[Layer, ...]
    palette: dict[str, str]
    square: int | None = None  # side of an extra centre-safe square crop
    quality: int = 90
    dpi: int | None = None
    icc: bool = False

    @property
    def scale(self) -> float:
        """Output pixels per grid unit."""
        return self.canvas[0] / self.grid[0]


def load_layout(path: Path, shown: str) -> Layout:
    """Read and check one layout file; raises LayoutError listing every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError:
        raise LayoutError(f"{shown}: 找不到海报版式文件") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{shown}: 版式文件不是有效的 YAML（{exc}）") from None
    reader = _Reader(shown)
    layout = reader.layout(data if isinstance(data, dict) else {})
    if reader.errors:
        raise LayoutError("\n".join(reader.errors))
    return layout


class _Reader:
    """Reads the YAML mappings into dataclasses, collecting every problem with its place."""

    def __init__(self, shown: str):
        self.shown = shown
        self.errors: list[str] = []
        self.where = ""
        self.palette: dict[str, str] = {}
        self.text_ids: set[str] = set()

    def error(self, message: str) -> None:
        where = f"{self.where}：" if self.where else ""
        self.errors.append(f"{self.shown}: {where}{message}")

    def layout(self, data: dict) -> Layout:
        canvas = self.pair(data, "canvas", integer=True)
        grid = self.pair(data, "grid") if "grid" in data else canvas
        if canvas and grid and abs(canvas[0] / grid[0] - canvas[1] / grid[1]) > 0.01:
            self.error("`grid` 的宽高比必须与 `canvas` 相同")
        palette = data.get("palette") or {}
        if not isinstance(palette, dict):
            self.error("`palette` 应是“名称: 颜色”的子项")
            palette = {}
        self.palette = {str(k): str(v) for k, v in palette.items()}
        for name, value in self.palette.items():
            self.color_value(value, f"palette.{name}")
        output = data.get("output") or {}
        if not isinstance(output, dict):
            self.error("`output` 应是 `{quality: 90, dpi: 300, icc: true}` 这样的子项")
            output = {}
        layers = data.get("layers")
        if not isinstance(layers, list) or not layers:
            self.error("`layers` 应列出至少一个图层")
            layers = []
        parsed = []
        for index, item in enumerate(layers, 1):
            self.where = f"第 {index} 个图层"
            layer = self.layer(item)
            if layer is not None:
                parsed.append(layer)
        self.where = ""
        self.check_logo_clear(parsed)
        return Layout(
            source=self.shown,
            canvas=canvas or (1, 1),
            grid=grid or (1, 1),
            layers=tuple(parsed),
            palette=self.palette,
            square=self.integer(data, "square", None),
            quality=self.integer(output, "quality", 90),
            dpi=self.integer(output, "dpi", None),
            icc=bool(output.get("icc", False)),
        )

    def layer(self, item: object) -> Layer | None:
        if not isinstance(item, dict) or "type" not in item:
            self.error("每个图层都要写 `type`（background、rect、photos、text、logo、qrcode）")
            return None
        kind = item["type"]
        readers = {
            "background": self.rect,
            "rect": self.rect,
            "photos": self.photos,
            "text": self.text,
            "logo": self.logo,
            "qrcode": self.qrcode,
        }
        if kind not in readers:
            self.error(f"未知的图层类型 `{kind}`，可选：{'、'.join(readers)}")
            return None
        self.where += f"（{kind}）"
        unknown = [str(key) for key in item if key not in LAYER_KEYS[kind]]
        if unknown:
            self.error(
                f"不认识的键 {'、'.join(f'`{k}`' for k in unknown)}，"
                f"此类图层可用：{'、'.join(sorted(LAYER_KEYS[kind] - {'type'}))}"
            )
        return readers[kind](item)

    def rect(self, item: dict) -> Rect:
        box = None if item["type"] == "background" else self.box(item.get("box"))
        if "gradient" in item:
            colors = item["gradient"]
            if not isinstance(colors, list) or len(colors) < 2:
                self.error("`gradient` 应列出至少两个颜色，如 [red, deep]")
                colors = ["#000000", "#000000"]
        else:
            colors = [item.get("fill", "#FFFFFF")]
        for value in colors:
            self.color_value(value, "gradient" if len(colors) > 1 else "fill")
        return Rect(
            box=box,
            colors=tuple(str(c) for c in colors),
            direction=self.choice(item, "direction", DIRECTIONS, "vertical"),
            radius=self.number(item, "radius", 0),
            opacity=self.number(item, "opacity", 1.0),
        )

    def photos(self, item: dict) -> Photos:
        arrangements: dict[int, tuple[Box, ...]] = {}
        for count, cells in (item.get("arrangements") or {}).items():
            boxes = tuple(self.box(c, "arrangements") for c in cells or [])
            if not isinstance(count, int) or not 1 <= count <= 4 or len(boxes) != count:
                self.error(
                    f"`arrangements` 的 {count} 张照片应恰好写 {count} 个 [x, y, 宽, 高]（0–1 的比例）"
                )
            arrangements[int(count) if isinstance(count, int) else 0] = boxes
        return Photos(
            box=self.box(item.get("box")),
            gap=self.number(item, "gap", 12),
            max=max(1, min(4, self.integer(item, "max", 4) or 4)),
            frame=self.number(item, "frame", 0),
            frame_color=self.color(item, "frame_color", "#FFFFFF"),
            radius=self.number(item, "radius", 0),
            shadow=self.shadow(item),
            arrangements=arrangements,
        )

    def text(self, item: dict) -> Text:
        template = str(item.get("text", ""))
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        except ValueError:
            fields = []
            self.error(f"`text` 中的花括号不成对：{template}")
        for name in fields:
            if name not in TEXT_FIELDS:
                self.error(f"`text` 中的 {{{name}}} 无法识别，可用：{'、'.join(TEXT_FIELDS)}")
        size = self.number(item, "size", 40)
        badge = item.get("badge")
        return Text(
            box=self.box(item.get("box")),
            text=template,
            size=size,
            min_size=self.number(item, "min_size", size),
            max_lines=self.integer(item, "max_lines", 1) or 1,
            font=self.choice(item, "font", ("sans", "serif"), "sans"),
            bold=bool(item.get("bold", False)),
            line_height=self.number(item, "line_height", 1.3),
            tracking=self.number(item, "tracking", 0.0),
            align=self.choice(item, "align", ALIGNS, "left"),
            valign=self.choice(item, "valign", VALIGNS, "top"),
            color=self.color(item, "color", "#FFFFFF"),
            opacity=self.number(item, "opacity", 1.0),
            shadow=self.shadow(item),
            badge=Badge(
                fill=self.color(badge, "fill", "accent"),
                padding=self.pair(badge, "padding") or (16, 8),
                radius=self.number(badge, "radius", 8),
            )
            if isinstance(badge, dict)
            else None,
            id=self.text_id(item),
            follow=self.follow(item),
            rule=self.rule(item),
        )

    def text_id(self, item: dict) -> str | None:
        if "id" not in item:
            return None
        name = str(item["id"])
        if name in self.text_ids:
            self.error(f"`id` “{name}” 已被前面的文字图层使用，每个 id 只能用一次")
        self.text_ids.add(name)
        return name

    def follow(self, item: dict) -> Follow | None:
        value = item.get("follow")
        if value is None:
            return None
        if not isinstance(value, dict) or "id" not in value:
            self.error("`follow` 应写成 `{id: title, gap: 20}`，id 为前面某个文字图层的 id")
            return None
        name = str(value["id"])
        # Only an earlier layer: its text must be set before this one can be placed.
        if name not in self.text_ids:
            self.error(f"`follow` 的 id “{name}” 不是前面任何文字图层的 id")
        return Follow(id=name, gap=self.number(value, "gap", 20))

    def rule(self, item: dict) -> Rule | None:
        value = item.get("rule")
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error("`rule` 应写成 `{fill: accent, width: 10, gap: 26, radius: 5}`")
            return None
        return Rule(
            fill=self.color(value, "fill", "accent"),
            width=self.number(value, "width", 10),
            gap=self.number(value, "gap", 26),
            radius=self.number(value, "radius", 5),
        )

    def logo(self, item: dict) -> Logo:
        return Logo(
            box=self.box(item.get("box")),
            source=self.choice(item, "source", ("organization", "branch"), "organization"),
            align=self.choice(item, "align", ALIGNS, "left"),
            valign=self.choice(item, "valign", VALIGNS, "middle"),
            clear=self.number(item, "clear", 0),
        )

    def qrcode(self, item: dict) -> QRCode:
        return QRCode(
            box=self.box(item.get("box")),
            color=self.color(item, "color", "#000000"),
            background=self.color(item, "background", "#FFFFFF"),
            padding=self.number(item, "padding", 12),
            radius=self.number(item, "radius", 0),
        )

    def shadow(self, item: dict) -> Shadow | None:
        value = item.get("shadow")
        if not value:
            return None
        value = value if isinstance(value, dict) else {}
        return Shadow(
            blur=self.number(value, "blur", 12),
            offset=self.pair(value, "offset") or (0, 6),
            color=self.color(value, "color", "#00000059"),
        )

    def check_logo_clear(self, layers: list[Layer]) -> None:
        """Text and QR codes must stay off an emblem (which is drawn last, over everything)."""
        for logo in (layer for layer in layers if isinstance(layer, Logo)):
            x, y, w, h = logo.box
            c = logo.clear
            keep_out = (x - c, y - c, w + 2 * c, h + 2 * c)
            for layer in layers:
                if isinstance(layer, Text | QRCode) and _overlap(layer.box, keep_out):
                    kind = type(layer).__name__.lower()
                    self.error(
                        f"{kind} 图层 {list(layer.box)} 与徽标区域 {list(logo.box)}（含留白 {c}）"
                        "重叠。徽标上不能压任何文字或图片，请移开该图层"
                    )

    # -- scalar readers ---------------------------------------------------------------

    def box(self, value: object, key: str = "box") -> Box:
        if (
            isinstance(value, list)
            and len(value) == 4
            and all(isinstance(v, int | float) for v in value)
            and value[2] > 0
            and value[3] > 0
        ):
            return tuple(float(v) for v in value)  # type: ignore[return-value]
        self.error(f"`{key}` 应写成 [x, y, 宽, 高] 四个数字，宽和高大于 0")
        return (0.0, 0.0, 1.0, 1.0)

    def pair(self, item: dict, key: str, integer: bool = False) -> tuple | None:
        """Two numbers; sizes (``integer``: the canvas, or the grid) must be positive."""
        value = item.get(key)
        sizes = integer or key == "grid"
        kinds = int if integer else int | float
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, kinds) and not isinstance(v, bool) for v in value)
            and (not sizes or min(value) > 0)
        ):
            return tuple(value)
        if value is not None or key == "canvas":
            kind = "大于 0 的整数" if integer else "大于 0 的数字" if sizes else "数字"
            self.error(f"`{key}` 应写成 [{'宽, 高' if sizes else 'x, y'}] 两个{kind}")
        return None

    def number(self, item: dict, key: str, default: float) -> float:
        value = item.get(key, default)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.error(f"`{key}` 应是数字，现在是“{value}”")
        return default

    def integer(self, item: dict, key: str, default: int | None) -> int | None:
        value = item.get(key, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.error(f"`{key}` 应是整数，现在是“{value}”")
        return default

    def choice(self, item: dict, key: str, options: tuple[str, ...], default: str) -> str:
        value = item.get(key, default)
        if value in options:
            return value
        self.error(f"`{key}` 只能是 {'、'.join(options)} 之一，现在是“{value}”")
        return default

    def color(self, item: dict, key: str, default: str) -> str:
        value = str(item.get(key, default))
        self.color_value(value, key)
        return value

    def color_value(self, value: object, key: str) -> None:
        text = str(value)
        if text in self.palette or text in BUILTIN_COLORS:
            return
        try:
            ImageColor.getrgb(text)
        except ValueError:
            self.error(
                f'`{key}` 的颜色“{text}”无法识别：请写 "#B71C1C" 这样的颜色值（带引号），'
                f"或 palette 中的名称，或 {'、'.join(BUILTIN_COLORS)}"
            )


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
