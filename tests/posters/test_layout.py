"""Layouts as data: validation messages, emblem protection, QR codes, config presets, CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import qrcode
from click.testing import CliRunner
from PIL import Image

from generator.cli import main
from generator.posters import LayoutError, PosterError, render_posters
from generator.posters.content import PosterContent
from generator.posters.fonts import find_fonts
from generator.posters.layout import load_layout
from generator.posters.render import render_poster

from .conftest import REPORT_A, load, report, write_layout

EMBLEM_RED = (222, 41, 16)


def layout_from(tmp_path: Path, text: str):
    path = tmp_path / "custom.yaml"
    path.write_text(text, "utf-8")
    return load_layout(path, "theme/posters/custom.yaml")


def content(**logos) -> PosterContent:
    return PosterContent(
        "r.md",
        {"title": "标题", "organization": "测试医院党委"},
        {"accent": "#123456", "org": "#B71C1C"},
        (),
        logos,
        "https://example.org/dangjian/reports/cardiology/2026-03-05-yizhen/",
    )


def test_every_problem_is_named_with_file_and_layer(tmp_path: Path):
    with pytest.raises(LayoutError) as caught:
        layout_from(
            tmp_path,
            """
canvas: [100, 100]
layers:
  - {type: background, fill: notacolour}
  - {type: text, text: "{titel}", box: [0, 0, 10]}
  - {type: sticker}
  - {type: logo, box: [50, 50, 20, 20], colour: red}
""",
        )
    message = str(caught.value)
    assert (
        "theme/posters/custom.yaml: 第 1 个图层（background）：`fill` 的颜色“notacolour”无法识别"
        in message
    )
    assert "第 2 个图层（text）：`text` 中的 {titel} 无法识别" in message
    assert "第 2 个图层（text）：`box` 应写成 [x, y, 宽, 高]" in message
    assert "第 3 个图层：未知的图层类型 `sticker`" in message
    assert "第 4 个图层（logo）：不认识的键 `colour`，此类图层可用：align、box、clear" in message


def test_text_over_the_emblem_is_refused(tmp_path: Path):
    with pytest.raises(LayoutError, match="徽标上不能压任何文字或图片"):
        layout_from(
            tmp_path,
            """
canvas: [400, 400]
layers:
  - {type: logo, box: [10, 10, 100, 100], clear: 10}
  - {type: text, text: "{organization}", box: [115, 10, 200, 40]}
""",
        )


def test_emblem_keeps_its_aspect_ratio_and_colours_and_is_on_top(tmp_path: Path):
    emblem = Image.new("RGBA", (200, 100), (*EMBLEM_RED, 255))
    emblem.save(tmp_path / "emblem.png")
    layout = layout_from(
        tmp_path,
        """
canvas: [400, 400]
layers:
  - {type: background, fill: "#FFFFFF"}
  - {type: logo, box: [50, 50, 300, 300], align: center, valign: middle}
  - {type: rect, box: [0, 0, 400, 400], fill: "#00FF0080"}
""",
    )
    poster = render_poster(
        layout, content(organization="emblem.png"), find_fonts(), tmp_path
    ).poster
    # The green veil is listed after the emblem but the emblem is drawn over it, untouched.
    assert poster.getpixel((10, 10)) == (127, 255, 127)
    emblem = poster.getchannel("G").point(lambda g: 255 if g < 60 else 0)
    left, top, right, bottom = emblem.getbbox()
    assert (right - left, bottom - top) == (300, 150)  # 2:1 kept, not stretched to the box
    assert poster.getpixel((200, 200)) == EMBLEM_RED  # drawn last, never tinted


def test_qr_code_modules_encode_the_report_url(tmp_path: Path):
    layout = layout_from(
        tmp_path,
        """
canvas: [400, 400]
layers:
  - {type: background, fill: "#C3161C"}
  - {type: qrcode, box: [20, 20, 360, 360], padding: 0, color: "#000000"}
""",
    )
    poster = render_poster(layout, content(), find_fonts(), tmp_path).poster
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(content().url)
    matrix = code.get_matrix()
    module = 360 // (len(matrix) + 8)  # whole pixels, and a quiet zone of 4 modules a side
    offset = 20 + (360 - module * len(matrix)) // 2
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            x = offset + column * module + module // 2
            y = offset + row * module + module // 2
            assert (poster.getpixel((x, y))[0] < 128) == dark


def test_config_maps_a_preset_to_the_office_layout(poster_root, tmp_path: Path):
    root = poster_root("posters:\n  presets:\n    phone: mine.yaml\n    tiny: mine.yaml\n")
    write_layout(
        root,
        "mine.yaml",
        """
canvas: [300, 200]
layers:
  - {type: background, gradient: [accent, "#000000"], direction: diagonal}
  - {type: photos, box: [10, 10, 280, 180], gap: 4, frame: 3, radius: 6}
""",
    )
    project = load(root)
    run = render_posters(
        project, tmp_path, presets=["phone", "tiny"], reports=[report(project, REPORT_A)]
    )
    assert Image.open(run.files[REPORT_A]["phone"]).size == (300, 200)
    assert Image.open(run.files[REPORT_A]["tiny"]).size == (300, 200)
    with pytest.raises(PosterError, match="未知的海报预设：nope"):
        render_posters(project, tmp_path, presets=["nope"])


def test_cli_renders_one_report_into_a_folder(poster_root, tmp_path: Path):
    root = poster_root()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["--root", str(root), "posters", str(root / REPORT_A), "--preset", "phone", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    files = list(out.iterdir())
    assert len(files) == 1 and re.fullmatch(
        r"cardiology-2026-03-05-[a-z0-9-]+-phone\.jpg", files[0].name
    )
    assert "新生成 1 张" in result.output
    again = CliRunner().invoke(main, ["--root", str(root), "posters", "--preset", "phone"])
    assert again.exit_code == 0 and "新生成 1 张，使用缓存 1 张" in again.output
    assert "broken.jpg: 照片文件已损坏" in again.output


def test_cli_explains_reports_without_posters(poster_root):
    root = poster_root()
    result = CliRunner().invoke(
        main,
        [
            "--root",
            str(root),
            "posters",
            str(root / "content/reports/cardiology/2026-05-02-none.md"),
        ],
    )
    assert result.exit_code == 0
    assert "这篇报道没有照片，无法生成海报" in result.output


def test_follow_and_rule_are_checked(tmp_path: Path):
    with pytest.raises(LayoutError) as caught:
        layout_from(
            tmp_path,
            """
canvas: [400, 400]
layers:
  - {type: text, text: "{date}", box: [0, 100, 400, 40], follow: {id: title}}
  - {type: text, id: title, text: "{title}", box: [0, 0, 400, 90], rule: {fill: nocolour}}
  - {type: text, id: title, text: "{branch}", box: [0, 200, 400, 40], follow: below}
""",
        )
    message = str(caught.value)
    assert "第 1 个图层（text）：`follow` 的 id “title” 不是前面任何文字图层的 id" in message
    assert "第 2 个图层（text）：`fill` 的颜色“nocolour”无法识别" in message
    assert "第 3 个图层（text）：`id` “title” 已被前面的文字图层使用" in message
    assert "第 3 个图层（text）：`follow` 应写成 `{id: title, gap: 20}`" in message
