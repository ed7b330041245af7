"""Font discovery: a CJK face or a clear error, never tofu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.posters import FontError, PosterError, fonts, render_posters
from generator.posters.fonts import find_fonts, missing_glyphs

from .conftest import load

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_debian_noto_cjk_is_found_with_the_simplified_chinese_face():
    found = find_fonts()
    for role in fonts.ROLES:
        face = found.faces[role]
        assert not missing_glyphs(face, "党建宣传海报")
        assert fonts.load_font(face, 20).getname()[0].endswith(("SC", "GB")) or "Hei" in face.path


def test_tofu_check_spots_missing_glyphs():
    face = find_fonts().faces["sans"]
    assert missing_glyphs(face, "党建 2026 WiFi") == []
    assert missing_glyphs(face, "党🎉建\U0010fffd") == ["🎉", "\U0010fffd"]


def test_no_cjk_font_fails_with_install_hint(monkeypatch: pytest.MonkeyPatch, poster_root):
    monkeypatch.setattr(fonts, "_files_by_name", dict)
    with pytest.raises(FontError, match="fonts-noto-cjk"):
        find_fonts()
    with pytest.raises(PosterError, match=re.escape("posters: {font: 字体文件路径}")):
        render_posters(load(poster_root()), Path("unused"))


@pytest.mark.skipif(not NOTO.is_file(), reason="needs fonts-noto-cjk")
def test_config_font_overrides_every_face(poster_root, tmp_path: Path):
    project = load(poster_root(f"posters:\n  font: {NOTO}\n"))
    found = find_fonts(project.config.posters.font, project.root)
    assert {face.path for face in found.faces.values()} == {str(NOTO)}
    run = render_posters(project, tmp_path, presets=["phone"])
    assert len(run.files) == 2


def test_config_font_that_does_not_exist(poster_root):
    project = load(poster_root("posters:\n  font: fonts/nope.ttf\n"))
    with pytest.raises(
        FontError, match=re.escape("posters.font 指定的字体文件不存在：fonts/nope.ttf")
    ):
        render_posters(project, Path("unused"))


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs a Latin-only font")
def test_config_font_without_chinese_is_refused():
    with pytest.raises(FontError, match="不含中文字形"):
        find_fonts(str(DEJAVU))
