"""QR codes phones can read at the real output size: whole-pixel modules and a quiet zone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.posters.content import PosterContent
from generator.posters.fonts import find_fonts
from generator.posters.layout import QRCode, load_layout
from generator.posters.render import qr_matrix, render_poster
from generator.posters.run import BUILTIN_LAYOUTS

# Longer than the demo's longest page address (121 characters): a version 8 code, 49×49.
LONG_URL = (
    "https://dangjian.example-hospital.cn/reports/admin-logistics/"
    "2026-12-31-xingzheng-houqin-dangzhibu-honguanjia-zhiyuan-fuwudui/"
)
FIELDS = {
    "organization": "示范人民医院党委",
    "brand": "红管家",
    "branch": "行政后勤党支部",
    "slogan": "服务无止境",
    "title": "行政后勤党支部“红管家”志愿服务队走进门诊大厅开展导诊服务",
    "date": "2026年12月31日",
    "location": "门诊大厅",
    "date_location": "2026年12月31日 · 门诊大厅",
    "type": "志愿服务",
}


def content(url: str = LONG_URL) -> PosterContent:
    return PosterContent("r.md", FIELDS, {"org": "#B71C1C", "accent": "#C62828"}, (), {}, url)


def as_published(image: Image.Image, quality: int) -> Image.Image:
    """The poster after the JPEG encoding it is published with."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, subsampling=0)
    return Image.open(buffer).convert("L")


def measure(
    image: Image.Image, box: tuple[int, int, int, int], matrix, radius: int
) -> tuple[int, int]:
    """Module size and quiet zone (in modules) of the code drawn in ``box``; asserts that
    every module reads as the matrix says, with every one of its pixels clearly dark or light."""
    card = image.crop(box)
    cut = radius // 3  # whatever shows past a rounded card's corners is not the code
    inner = card.crop((cut, cut, card.width - cut, card.height - cut))
    left, top, right, bottom = (
        v + cut for v in inner.point(lambda v: 255 if v < 128 else 0).getbbox()
    )
    count = len(matrix)
    assert (right - left) == (bottom - top) and (right - left) % count == 0
    module = (right - left) // count
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            x, y = left + column * module, top + row * module
            pixels = card.crop((x, y, x + module, y + module)).getextrema()
            assert (pixels[1] < 110) if dark else (pixels[0] > 150), (row, column, pixels)
    quiet = min(left, top, card.width - right, card.height - bottom)
    assert quiet >= 4 * module, "a quiet zone of 4 modules on every side"
    margin = 4 * module
    ring = card.crop((left - margin, top - margin, right + margin, bottom + margin))
    ring.paste(255, (margin, margin, ring.width - margin, ring.height - margin))
    assert ring.getextrema()[0] > 150, "the quiet zone must be blank"
    return module, quiet // module


def test_wechat_cover_code_scans_at_its_real_size(tmp_path: Path):
    layout = load_layout(BUILTIN_LAYOUTS / "wechat_cover.yaml", "wechat_cover.yaml")
    rendered = render_poster(layout, content(), find_fonts(), tmp_path)
    assert not [p for p in rendered.problems if "二维码" in p]
    code = next(layer for layer in layout.layers if isinstance(layer, QRCode))
    x, y, w, h = (round(v * layout.scale) for v in code.box)
    matrix = qr_matrix(LONG_URL)
    assert len(matrix) == 49
    published = as_published(rendered.poster, layout.quality)
    radius = round(code.radius * layout.scale)
    module, quiet = measure(published, (x, y, x + w, y + h), matrix, radius)
    assert module >= 3 and quiet >= 4


@pytest.mark.parametrize("name", ["phone.yaml", "print_a3.yaml"])
def test_phone_and_print_codes_have_room_for_long_addresses(tmp_path: Path, name: str):
    layout = load_layout(BUILTIN_LAYOUTS / name, name)
    rendered = render_poster(layout, content(), find_fonts(), tmp_path)
    assert not [p for p in rendered.problems if "二维码" in p]
    code = next(layer for layer in layout.layers if isinstance(layer, QRCode))
    x, y, w, h = (round(v * layout.scale) for v in code.box)
    published = as_published(rendered.poster, layout.quality)
    radius = round(code.radius * layout.scale)
    module, quiet = measure(published, (x, y, x + w, y + h), qr_matrix(LONG_URL), radius)
    # On paper a module must be about half a millimetre: 6 pixels at 300 dpi.
    assert module >= (6 if layout.dpi else 3) and quiet >= 4


SMALL = """
canvas: [400, 400]
OUTPUT
layers:
  - {type: background, fill: "#FFFFFF"}
  - {type: qrcode, box: [10, 10, SIDE, SIDE], padding: 0}
"""


@pytest.mark.parametrize(
    ("side", "output", "smallest", "need"),
    [(140, "", 3, 171), (250, "output: {dpi: 300}", 6, 342)],
)
def test_a_code_too_small_to_scan_is_left_out_with_the_size_it_needs(
    tmp_path: Path, side: int, output: str, smallest: int, need: int
):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("SIDE", str(side)).replace("OUTPUT", output), "utf-8")
    layout = load_layout(path, "theme/posters/small.yaml")
    rendered = render_poster(layout, content(), find_fonts(), tmp_path)
    assert rendered.problems == [
        f"r.md: 海报版式 theme/posters/small.yaml 的二维码区域太小：这篇报道的网址需要 49×49 个码点，"
        f"边长 {side} 像素的区域中每个码点只有 {side // 57} 像素（至少需要 {smallest} 像素，"
        f"四周还要留出 4 个码点宽的空白），手机难以扫描，海报上未放二维码。"
        f"请把 qrcode 图层的 box 加大到至少 {need}×{need}"
    ]
    assert rendered.poster.convert("L").getextrema() == (255, 255)  # nothing half-drawn
