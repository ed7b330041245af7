"""Finding a CJK font on Debian, Windows and macOS, and never drawing tofu with it.

A poster uses up to four faces (sans and serif, regular and bold). Each is searched for in a
list of well-known files; a face that is missing falls back to the nearest one found.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

from .errors import PosterError

ROLES = ("sans", "sans-bold", "serif", "serif-bold")
# Characters every usable Chinese poster font must have.
_PROBE = "党建宣传海报，。"
# A code point no font maps: it renders as the font's .notdef glyph ("tofu").
_NOTDEF = "\U0010fffd"
_CHECK_SIZE = 24


class FontError(PosterError):
    """No usable CJK font; the message says how to install or configure one."""


@dataclass(frozen=True)
class Face:
    path: str
    index: int

    def identity(self) -> tuple[str, int, int, int]:
        """What the rendered pixels depend on: the file's path, version (size, mtime) and face."""
        stat = os.stat(self.path)
        return (self.path, self.index, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class FontSet:
    faces: dict[str, Face]

    def face(self, family: str, bold: bool) -> Face:
        return self.faces[f"{family}-bold" if bold else family]

    def identity(self) -> list:
        return [[role, *self.faces[role].identity()] for role in ROLES]


def _font_dirs() -> list[str]:
    windows = os.environ.get("WINDIR", r"C:\Windows")
    home = Path.home()
    return [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        str(home / ".local/share/fonts"),
        str(home / ".fonts"),
        os.path.join(windows, "Fonts"),
        str(home / "AppData/Local/Microsoft/Windows/Fonts"),
        "/System/Library/Fonts",
        "/System/Library/Fonts/Supplemental",
        "/Library/Fonts",
        str(home / "Library/Fonts"),
        "/System/Library/AssetsV2/com_apple_MobileAsset_Font*/*/AssetData",
    ]


# Per role, file names in order of preference (case-insensitive, searched in every font dir).
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "sans": (
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJKsc-Regular.otf",
        "SourceHanSansSC-Regular.otf",
        "msyh.ttc",
        "PingFang.ttc",
        "simhei.ttf",
        "Hiragino Sans GB.ttc",
        "STHeiti Light.ttc",
        "wqy-microhei.ttc",
        "wqy-zenhei.ttc",
    ),
    "sans-bold": (
        "NotoSansCJK-Bold.ttc",
        "NotoSansCJKsc-Bold.otf",
        "SourceHanSansSC-Bold.otf",
        "msyhbd.ttc",
        "PingFang.ttc",
        "simhei.ttf",
        "STHeiti Medium.ttc",
    ),
    "serif": (
        "NotoSerifCJK-Regular.ttc",
        "NotoSerifCJKsc-Regular.otf",
        "SourceHanSerifSC-Regular.otf",
        "Songti.ttc",
        "simsun.ttc",
    ),
    "serif-bold": (
        "NotoSerifCJK-Bold.ttc",
        "NotoSerifCJKsc-Bold.otf",
        "SourceHanSerifSC-Bold.otf",
        "Songti.ttc",
        "STZHONGS.TTF",
    ),
}
# When a role has no font of its own, use the first of these that was found.
_FALLBACK = {
    "sans": ("sans-bold", "serif", "serif-bold"),
    "sans-bold": ("sans", "serif-bold", "serif"),
    "serif": ("serif-bold", "sans", "sans-bold"),
    "serif-bold": ("serif", "sans-bold", "sans"),
}
_INSTALL_HINT = (
    "没有找到可用的中文字体，无法生成海报（不会用方框代替汉字）。"
    "Debian/Ubuntu 请运行 `sudo apt-get install fonts-noto-cjk`；"
    "Windows 需要“微软雅黑”或“黑体”，macOS 需要“苹方”；"
    "也可以在 site_config.yaml 中用 `posters: {font: 字体文件路径}` 指定字体"
)


def find_fonts(override: str | None = None, root: Path | None = None) -> FontSet:
    """The faces for posters; ``override`` (``posters.font``) is used for every role."""
    if override:
        face = _override_face(override, root)
        return FontSet(dict.fromkeys(ROLES, face))
    found = {role: _find_role(role) for role in ROLES}
    if not any(found.values()):
        raise FontError(_INSTALL_HINT)
    faces = {}
    for role in ROLES:
        choice = found[role] or next(found[r] for r in _FALLBACK[role] if found[r])
        faces[role] = choice
    return FontSet(faces)


def _override_face(override: str, root: Path | None) -> Face:
    path = Path(override).expanduser()
    if not path.is_absolute() and root is not None:
        path = root / path
    if not path.is_file():
        raise FontError(f"site_config.yaml 中 posters.font 指定的字体文件不存在：{override}")
    face = _cjk_face(str(path), bold=False)
    if face is None:
        raise FontError(
            f"posters.font 指定的字体 {override} 不含中文字形，请换用黑体、雅黑、思源或 Noto CJK 字体"
        )
    return face


def _find_role(role: str) -> Face | None:
    files = _files_by_name()
    for name in _CANDIDATES[role]:
        for path in files.get(name.lower(), ()):
            face = _cjk_face(path, bold=role.endswith("-bold"))
            if face is not None:
                return face
    return None


@cache
def _files_by_name() -> dict[str, list[str]]:
    """Every font file in the usual folders, by lower-case file name."""
    wanted = {name.lower() for names in _CANDIDATES.values() for name in names}
    files: dict[str, list[str]] = {}
    for pattern in _font_dirs():
        for folder in glob.glob(pattern):
            for dirpath, _, names in os.walk(folder):
                for name in names:
                    if name.lower() in wanted:
                        files.setdefault(name.lower(), []).append(os.path.join(dirpath, name))
    return files


def _cjk_face(path: str, bold: bool) -> Face | None:
    """The best Simplified Chinese face in a font file, if it has Chinese glyphs."""
    best: tuple[int, int] | None = None
    for index in range(64):
        try:
            font = ImageFont.truetype(path, _CHECK_SIZE, index=index)
        except OSError:
            break
        family, style = font.getname()
        score = _face_score(family or "", style or "", bold)
        if best is None or score > best[0]:
            best = (score, index)
    if best is None:
        return None
    face = Face(path, best[1])
    return face if not missing_glyphs(face, _PROBE) else None


def _face_score(family: str, style: str, bold: bool) -> int:
    words = family.replace("-", " ").split()
    score = 0
    if "SC" in words or "GB" in family or "YaHei" in family or family in ("SimHei", "SimSun"):
        score += 4
    if "Mono" in words or family.endswith(" UI"):
        score -= 3
    heavy = any(w in style for w in ("Bold", "Semibold", "Heavy", "Black", "Medium"))
    score += 2 if heavy == bold else 0
    return score


@cache
def load_font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, max(1, size), index=face.index)


@cache
def _notdef(face: Face) -> tuple[tuple[int, int], bytes]:
    mask = load_font(face, _CHECK_SIZE).getmask(_NOTDEF)
    return mask.size, bytes(mask)


@cache
def _has_glyph(face: Face, char: str) -> bool:
    mask = load_font(face, _CHECK_SIZE).getmask(char)
    return (mask.size, bytes(mask)) != _notdef(face)


def missing_glyphs(face: Face, text: str) -> list[str]:
    """Characters of ``text`` the face would draw as tofu, in order of appearance."""
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if not char.isspace() and char not in missing and not _has_glyph(face, char):
            missing.append(char)
    return missing
