"""The shipped layouts: brand colours from the config, joint reports, the title bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from generator.posters import render_posters
from generator.posters.colors import BUILTIN_COLORS, brand_colors
from generator.posters.content import PosterContent, poster_content
from generator.posters.fonts import find_fonts
from generator.posters.layout import Text, load_layout
from generator.posters.render import render_poster
from generator.posters.run import BUILTIN_LAYOUTS
from generator.posters.typeset import fit_text
from tests.conftest import BASE_CONFIG

from .conftest import front, load

EMBLEM_RED = (222, 41, 16)
BLUE_ORG = "#1565C0"
GREEN_BRANCH = "#00C000"


def fields(title: str = "党员志愿服务活动") -> dict[str, str]:
    return {
        "organization": "示范人民医院党委",
        "brand": "心守护",
        "branch": "心血管内科党支部",
        "slogan": "守护每一颗心",
        "title": title,
        "date": "2026年3月5日",
        "location": "门诊楼一楼大厅",
        "date_location": "2026年3月5日 · 门诊楼一楼大厅",
        "type": "志愿服务",
    }


def layout(name: str):
    return load_layout(BUILTIN_LAYOUTS / f"{name}.yaml", f"{name}.yaml")


def poster(name: str, content: PosterContent, root: Path) -> Image.Image:
    rendered = render_poster(layout(name), content, find_fonts(), root)
    assert rendered.problems == []
    return rendered.poster.convert("RGB")


def test_derived_shades_reproduce_the_party_red_palette():
    named = brand_colors({"org": "#B71C1C", "accent": BLUE_ORG})
    assert set(named) == set(BUILTIN_COLORS)
    assert named["org"] == "#B71C1C" and named["accent"] == BLUE_ORG
    near = {"org_light": "#C3161C", "org_dark": "#8A0B10", "org_deep": "#5E060A"}
    for name, designed in near.items():
        got = Image.new("RGB", (1, 1), named[name]).getpixel((0, 0))
        want = Image.new("RGB", (1, 1), designed).getpixel((0, 0))
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 8, name


@pytest.mark.parametrize("name", ["wechat_cover", "phone", "print_a3"])
def test_no_layout_hard_codes_the_party_reds(name: str):
    text = (BUILTIN_LAYOUTS / f"{name}.yaml").read_text("utf-8").upper()
    for red in ("#C3161C", "#8A0B10", "#5E060A", "#8E1A16"):
        assert red not in text


@pytest.mark.parametrize(
    ("name", "points"),
    [
        ("phone", [(1060, 20), (1060, 600), (20, 1900)]),  # header, behind photos, footer
        ("print_a3", [(3480, 30), (3480, 1500), (20, 4900)]),
        ("wechat_cover", [(450, 8), (450, 375)]),  # the centre panel
    ],
)
def test_the_organisation_colour_drives_the_palette_and_the_emblem_stays(
    tmp_path: Path, name: str, points: list[tuple[int, int]]
):
    Image.new("RGBA", (100, 100), (*EMBLEM_RED, 255)).save(tmp_path / "emblem.png")
    content = PosterContent(
        "r.md",
        fields(),
        {"org": BLUE_ORG, "accent": GREEN_BRANCH},
        (),
        {"organization": "emblem.png"},
        "https://example.org/r/",
    )
    image = poster(name, content, tmp_path)
    for point in points:
        red, green, blue = image.getpixel(point)
        assert blue > red + 40 and blue > green, (point, (red, green, blue))
    # The emblem is pasted as it is, whatever the brand colours.
    assert EMBLEM_RED in {color for _, color in image.getcolors(1 << 22)}


def joint_project(make_project) -> Path:
    return make_project(
        {
            "cardiology/2026-06-26-joint.md": front(
                "心血管内科党支部与护理党支部联合开展主题党日活动",
                "2026-06-26",
                "[cardiology, nursing]",
                "",
            )
        },
        config=BASE_CONFIG.replace(
            "    brand: 南丁格尔\n", "    brand: 南丁格尔\n    slogan: 白衣映初心\n"
        ),
    )


def test_joint_reports_show_every_branch(make_project, tmp_path: Path):
    project = load(joint_project(make_project))
    report = project.reports[0]
    content = poster_content(project, report)
    assert content.fields["brand"] == "心守护 · 南丁格尔"
    assert content.fields["branch"] == "心血管内科党支部、护理党支部"
    assert content.fields["slogan"] == "守护每一颗心　白衣映初心"
    run = render_posters(project, tmp_path, reports=[report])
    assert run.problems == []  # every brand fitted its box
    # The longest joint brand still fits the cover's brand box by shrinking, not cutting.
    cover = layout("wechat_cover")
    brand = next(t for t in cover.layers if isinstance(t, Text) and t.text == "{brand}")
    block = fit_text(
        content.fields["brand"],
        find_fonts().face(brand.font, brand.bold),
        (brand.box[2], brand.box[3]),
        round(brand.size),
        round(brand.min_size),
        tracking=brand.tracking,
    )
    assert block is not None and not block.truncated and block.width <= brand.box[2]


TITLES = [
    "党员志愿服务活动",
    "离退休党支部“银辉”志愿服务队走进金桥社区开展健康科普讲座",
    "离退休党支部开展“弘扬崇高职业精神 庆祝中国医师节”主题党日活动",
]


def ink_rows(image: Image.Image, box, wanted) -> tuple[int, int]:
    """First and last row in ``box`` holding a pixel for which ``wanted(r, g, b)`` holds."""
    top = box[1]
    region = image.crop(box)
    rows = [
        y
        for y in range(region.height)
        if any(wanted(*region.getpixel((x, y))) for x in range(0, region.width, 2))
    ]
    assert rows, "nothing found"
    return top + rows[0], top + rows[-1]


@pytest.mark.parametrize("title", TITLES)
def test_phone_title_bar_and_date_follow_the_lines_set(tmp_path: Path, title: str):
    content = PosterContent(
        "r.md", fields(title), {"org": "#B71C1C", "accent": GREEN_BRANCH}, (), {}, "https://e.org/"
    )
    image = poster("phone", content, tmp_path)
    area = (40, 1285, 1016, 1655)  # between the photos and the footer
    bar = ink_rows(image, (40, 1285, 96, 1655), lambda r, g, b: g > 150 and r < 90)
    title_ink = ink_rows(image, (100, *area[1:]), lambda r, g, b: r - g > 60 and r > b)
    date_ink = ink_rows(image, (100, *area[1:]), lambda r, g, b: r < 190 and abs(r - g) < 40)
    assert abs(bar[0] - title_ink[0]) <= 3 and abs(bar[1] - title_ink[1]) <= 3
    assert 0 < date_ink[0] - title_ink[1] <= 40  # the date sits just under the last line
