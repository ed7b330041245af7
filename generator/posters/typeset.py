"""Chinese typesetting for posters: per-character wrapping with kinsoku, shrink, then ellipsis.

Text is cut into *groups* that must never be split across lines: one CJK character, a run of
Latin letters or digits, or either of those with the punctuation that may not start or end a
line glued on. Lines break only between groups, so a line never starts with a closing mark or
ends with an opening one, and never splits ``2026`` or ``WiFi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from PIL import ImageDraw, ImageFont

from .fonts import Face, load_font

# Marks that may not begin a line (closing brackets and quotes, sentence and clause marks,
# iteration marks, dashes and ellipses that belong to the text before them).
NO_START = frozenset("，。、；：？！）」』》〉】〕〗〙〛｝］”’…—～·・々〟%‰℃,.;:?!)]}")
# Marks that may not end a line (opening brackets and quotes).
NO_END = frozenset("（「『《〈【〔〖〘〚｛［“‘([{")
# Counters and units that stay with the number before them: "5月", "2026年", "30人".
UNITS = frozenset("年月日号时分秒点岁个名人次期届周天元项条")
ELLIPSIS = "…"
# Nothing should dangle before the ellipsis of a truncated line.
_DROP_BEFORE_ELLIPSIS = frozenset("，、；：。,;: ") | NO_END
_TOKENS = re.compile(
    r"(?P<space>[ \t\r\n]+)"  # not U+3000: an ideographic space is set as a character
    r"|(?P<word>[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:[.\-:/+'_&·][0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)*[%+]?)"
    r"|(?P<char>.)",
    re.S,
)
# Em of space between CJK and Latin: "使用 WiFi 的" reads better than "使用WiFi的". Digits get
# only a hair, so dates such as "2026年3月5日" stay compact.
_LATIN_GAP = 0.22
_DIGIT_GAP = 0.08
_SPACE = 0.3  # em for a space between Latin words
# Reference glyphs for the line box: a tall CJK character and Latin ascender/descender.
_REFERENCE = "国Ågy"


@dataclass(frozen=True)
class Line:
    pieces: tuple[tuple[float, str], ...]  # (x offset, text) drawn at one baseline
    width: float  # advance width
    ink: tuple[float, float]  # leftmost and rightmost inked x


@dataclass(frozen=True)
class TextBlock:
    face: Face
    size: int
    lines: tuple[Line, ...]
    pitch: float  # baseline-to-baseline distance
    ascent: float  # from the block's top to the first baseline
    descent: float  # from the last baseline to the block's bottom
    truncated: bool

    @property
    def height(self) -> float:
        return self.ascent + self.pitch * (len(self.lines) - 1) + self.descent

    @property
    def width(self) -> float:
        return max((line.ink[1] - min(0.0, line.ink[0]) for line in self.lines), default=0.0)


def groups(text: str) -> list[str]:
    """Unbreakable groups of ``text``; ``" "`` stands for a breakable space.

    A space next to a mark that must stay attached (``《 WiFi``, ``日 · 院``) is kept inside
    the group instead: breaking there would break the kinsoku rules.
    """
    result: list[str] = []
    for match in _TOKENS.finditer(text.strip()):
        token = " " if match.lastgroup == "space" else match.group()
        previous = result[-1] if result else " "
        opens = previous != " " and previous.rstrip(" ")[-1] in NO_END
        if token == " ":
            if opens:
                result[-1] = previous + " "
            elif previous != " ":
                result.append(" ")
            continue
        if token[0] in NO_START and previous == " " and len(result) > 1:
            result.pop()
            result[-1] += " " + token
            continue
        glued = token[0] in NO_START or opens
        if previous != " " and (glued or (previous[-1].isdigit() and token in UNITS)):
            result[-1] = previous + token
        else:
            result.append(token)
    return result


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_cjk(char: str) -> bool:
    """Ideographs and kana, not CJK punctuation (which carries its own white space)."""
    return (
        "\u3040" <= char <= "\u30ff"
        or "\u3400" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or char >= "\U00020000"
    )


@dataclass(frozen=True)
class _Metrics:
    font: ImageFont.FreeTypeFont
    size: int
    tracking: float  # px between characters

    def advance(self, text: str) -> float:
        return _advance(self.font, text)

    def gap(self, before: str, after: str) -> float:
        """Space between two adjacent groups on a line."""
        if after == " " or before == " ":
            return 0.0
        if _is_cjk(before[-1]) and _is_latin(after[0]):
            latin = after[0]
        elif _is_latin(before[-1]) and _is_cjk(after[0]):
            latin = before[-1]
        else:
            return self.tracking
        return self.tracking + (_DIGIT_GAP if latin.isdigit() else _LATIN_GAP) * self.size

    def overhang(self, group: str) -> float:
        """How far the ink of a group's last glyph reaches past its advance (e.g. 志's hook)."""
        if group == " ":
            return 0.0
        last = group[-1] if self.tracking else group
        return max(0.0, _ink(self.font, last)[2] - self.advance(last))

    def group_width(self, group: str) -> float:
        if group == " ":
            return _SPACE * self.size
        if not self.tracking:
            return self.advance(group)
        return sum(self.advance(c) for c in group) + self.tracking * (len(group) - 1)


@cache
def _advance(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


@cache
def _ink(font: ImageFont.FreeTypeFont, text: str) -> tuple[float, float, float, float]:
    """Inked box of ``text`` relative to its origin on the baseline."""
    return font.getbbox(text, anchor="ls")


def _line_width(metrics: _Metrics, line: list[str]) -> float:
    width = 0.0
    for index, group in enumerate(line):
        if index:
            width += metrics.gap(line[index - 1], group)
        width += metrics.group_width(group)
    return width


def wrap(text_groups: list[str], metrics: _Metrics, width: float) -> list[list[str]]:
    """Greedy line breaking between groups; a group wider than a line is split by character."""
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    for group in _splittable(text_groups, metrics, width):
        if group == " " and not line:
            continue
        extra = (metrics.gap(line[-1], group) if line else 0.0) + metrics.group_width(group)
        if line and used + extra + metrics.overhang(group) > width and group != " ":
            lines.append(_trim(line))
            line, used = [group], metrics.group_width(group)
        else:
            line.append(group)
            used += extra
    if _trim(line):
        lines.append(_trim(line))
    return lines


def _splittable(text_groups: list[str], metrics: _Metrics, width: float) -> list[str]:
    result: list[str] = []
    for group in text_groups:
        too_wide = metrics.group_width(group) + metrics.overhang(group) > width
        result.extend(group if too_wide else [group])
    return result


def _trim(line: list[str]) -> list[str]:
    while line and line[-1] == " ":
        line = line[:-1]
    return line


def _place(metrics: _Metrics, line: list[str]) -> Line:
    """Pieces with x offsets; with tracking every character is placed on its own."""
    pieces: list[tuple[float, str]] = []
    x = 0.0
    for index, group in enumerate(line):
        if index:
            x += metrics.gap(line[index - 1], group)
        if group == " ":
            x += metrics.group_width(group)
            continue
        for offset, part in enumerate(group if metrics.tracking else [group]):
            x += metrics.tracking if offset else 0.0
            pieces.append((x, part))
            x += metrics.advance(part)
    font = metrics.font
    ink_left = pieces[0][0] + _ink(font, pieces[0][1])[0] if pieces else 0.0
    ink_right = pieces[-1][0] + _ink(font, pieces[-1][1])[2] if pieces else 0.0
    return Line(tuple(pieces), x, (min(0.0, ink_left), max(x, ink_right)))


def _vertical(metrics: _Metrics, lines: list[Line]) -> tuple[float, float]:
    """Ascent above the first baseline and descent below the last, counting real ink."""
    font = metrics.font
    _, top, _, bottom = _ink(font, _REFERENCE)
    if lines:
        top = min(top, *(_ink(font, t)[1] for _, t in lines[0].pieces), 0)
        bottom = max(bottom, *(_ink(font, t)[3] for _, t in lines[-1].pieces), 0)
    return float(-top), float(bottom)


def _block(
    face: Face, metrics: _Metrics, lines: list[list[str]], line_height: float, truncated: bool
) -> TextBlock:
    placed = [_place(metrics, line) for line in lines]
    ascent, descent = _vertical(metrics, placed)
    return TextBlock(
        face, metrics.size, tuple(placed), metrics.size * line_height, ascent, descent, truncated
    )


def fit_text(
    text: str,
    face: Face,
    box: tuple[float, float],
    size: int,
    min_size: int | None = None,
    max_lines: int = 1,
    line_height: float = 1.3,
    tracking: float = 0.0,
) -> TextBlock | None:
    """The largest size from ``size`` down to ``min_size`` at which ``text`` fits ``box``.

    When even ``min_size`` is too big, the text is cut after the last whole group that fits
    and ends with an ellipsis. None when not even one line fits the box's height.
    """
    width, height = box
    min_size = min(min_size or size, size)
    text_groups = groups(text)
    step = max(1, round(size * 0.04))
    sizes = [*range(size, min_size, -step), min_size]
    for current in sizes:
        metrics = _Metrics(load_font(face, current), current, tracking * current)
        lines = wrap(text_groups, metrics, width)
        block = _block(face, metrics, lines, line_height, truncated=False)
        if len(lines) <= max_lines and block.height <= height and block.width <= width:
            balanced = _balanced(text_groups, metrics, width, lines)
            return _block(face, metrics, balanced, line_height, truncated=False)
    return _truncate(text_groups, face, metrics, box, max_lines, line_height)


def _balanced(
    text_groups: list[str], metrics: _Metrics, width: float, lines: list[list[str]]
) -> list[list[str]]:
    """The same number of lines at the narrowest width: no lone character on the last line."""
    if len(lines) < 2:
        return lines
    # Never narrower than the widest group: that would split a word that fits as it is.
    widest = max(metrics.group_width(g) for g in text_groups)
    low, high = max(width / 2, min(widest, width)), width
    for _ in range(8):
        middle = (low + high) / 2
        trial = wrap(text_groups, metrics, middle)
        if len(trial) <= len(lines):
            lines, high = trial, middle
        else:
            low = middle
    return lines


def _truncate(
    text_groups: list[str],
    face: Face,
    metrics: _Metrics,
    box: tuple[float, float],
    max_lines: int,
    line_height: float,
) -> TextBlock | None:
    width, height = box
    stream = _splittable(text_groups, metrics, width)
    lines = wrap(stream, metrics, width)
    for count in range(min(max_lines, len(lines)), 0, -1):
        kept = lines[: count - 1]
        last = _fill_with_ellipsis(_after(stream, kept), metrics, width)
        if last is None:
            continue
        block = _block(face, metrics, [*kept, last], line_height, truncated=True)
        if block.height <= height and block.width <= width:
            return block
    return None


def _after(stream: list[str], lines: list[list[str]]) -> list[str]:
    """The groups of ``stream`` that come after ``lines`` (which hold no edge spaces)."""
    remaining = sum(1 for line in lines for group in line if group != " ")
    for index, group in enumerate(stream):
        if remaining == 0:
            return stream[index:]
        remaining -= group != " "
    return []


def _fill_with_ellipsis(rest: list[str], metrics: _Metrics, width: float) -> list[str] | None:
    """As many leading groups of ``rest`` as fit in one line together with an ellipsis."""
    line: list[str] = []
    for group in rest:
        if _line_width(metrics, [*line, group, ELLIPSIS]) + metrics.overhang(ELLIPSIS) > width:
            break
        line.append(group)
    while line and (line[-1] == " " or line[-1][-1] in _DROP_BEFORE_ELLIPSIS):
        line.pop()
    line.append(ELLIPSIS)
    return line if _line_width(metrics, line) <= width else None


def draw_block(
    draw: ImageDraw.ImageDraw,
    block: TextBlock,
    origin: tuple[float, float],
    box_width: float,
    align: str = "left",
    fill: int | tuple[int, ...] = 255,
) -> None:
    """Draw ``block`` with its top-left at ``origin``, each line aligned within ``box_width``."""
    font = load_font(block.face, block.size)
    x0, y0 = origin
    baseline = y0 + block.ascent
    for line in block.lines:
        left, right = line.ink
        if align == "center":
            x = x0 + (box_width - (right - left)) / 2 - left
        elif align == "right":
            x = x0 + box_width - right
        else:
            x = x0 - left
        for offset, text in line.pieces:
            draw.text((x + offset, baseline), text, font=font, fill=fill, anchor="ls")
        baseline += block.pitch
