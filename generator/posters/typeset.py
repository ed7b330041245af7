"""Chinese typesetting for posters: per-character wrapping with kinsoku, shrink, then ellipsis.

Text is cut into *groups* that must never be split across lines: one CJK character, a run of
Latin letters or digits, or either of those with the punctuation that may not start or end a
line glued on. Lines break only between groups, so a line never starts with a closing mark or
ends with an opening one, and never splits ``2026`` or ``WiFi``. Among those breaks, ones
between words (found by jieba) are preferred when one is a few characters back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import jieba
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
# How many groups a line may give back to end on a word boundary ("志愿" not "志 / 愿"):
# Chinese words are mostly 2–4 characters, and more would leave a visibly short line.
_WORD_LOOKBACK = 3
# Size steps (4% each) a text may shrink to keep its words whole.
_WORD_SHRINK_STEPS = 2
jieba.setLogLevel(60)
# Our own tokenizer, knowing only jieba's dictionary: the site teaches the shared one brand
# names, and a poster must break the same way whatever else ran in the process (its cache
# key holds jieba's version, not the words taught).
_WORDS = jieba.Tokenizer()


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


def wrap(
    text_groups: list[str], metrics: _Metrics, width: float, words: bool = False
) -> list[list[str]]:
    """Greedy line breaking between groups; a group wider than a line is split by character.

    With ``words`` a line that would end inside a word ends instead at the word boundary a
    few groups back, when there is one; lines only get shorter, so nothing leaves the box.
    """
    return _wrap(text_groups, metrics, width, words)[0]


def _wrap(
    text_groups: list[str], metrics: _Metrics, width: float, words: bool
) -> tuple[list[list[str]], int]:
    """The lines, and (with ``words``) how many line ends fall inside a word."""
    stream = _splittable(text_groups, metrics, width)
    breaks = word_breaks(tuple(stream)) if words else frozenset()
    lines: list[list[str]] = []
    splits = 0
    start = 0
    while start < len(stream):
        if stream[start] == " ":  # no line starts with a space
            start += 1
            continue
        end = _line_end(stream, start, metrics, width)
        if words and end < len(stream):
            end = _word_end(start, end, breaks)
            splits += end not in breaks
        if line := _trim(stream[start:end]):
            lines.append(line)
        start = end
    return lines, splits


def _line_end(stream: list[str], start: int, metrics: _Metrics, width: float) -> int:
    """Index after the last group that fits on a line starting at ``start`` (at least one)."""
    used = metrics.group_width(stream[start])
    for index in range(start + 1, len(stream)):
        group = stream[index]
        used += metrics.gap(stream[index - 1], group) + metrics.group_width(group)
        if group != " " and used + metrics.overhang(group) > width:
            return index
    return len(stream)


def _word_end(start: int, end: int, breaks: frozenset[int]) -> int:
    """``end`` moved back to a word boundary nearby, keeping most of the line."""
    earliest = max(start + 1, end - _WORD_LOOKBACK, start + (end - start + 1) // 2)
    return next((index for index in range(end, earliest - 1, -1) if index in breaks), end)


@lru_cache(maxsize=4096)
def word_breaks(stream: tuple[str, ...]) -> frozenset[int]:
    """Indexes ``i`` where breaking before ``stream[i]`` falls between two words."""
    bounds = {0}
    offset = 0
    for word in _WORDS.cut("".join(stream), HMM=False):
        offset += len(word)
        bounds.add(offset)
    result = set()
    offset = 0
    for index, group in enumerate(stream):
        if index and (offset in bounds or group == " " or stream[index - 1] == " "):
            result.add(index)
        offset += len(group)
    return frozenset(result)


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
    for index, current in enumerate(sizes):
        metrics = _metrics(face, current, tracking)
        lines = wrap(text_groups, metrics, width)
        block = _block(face, metrics, lines, line_height, truncated=False)
        if len(lines) <= max_lines and block.height <= height and block.width <= width:
            return _set(text_groups, face, sizes[index:], len(lines), box, line_height, tracking)
    return _truncate(text_groups, face, metrics, box, max_lines, line_height)


def _metrics(face: Face, size: int, tracking: float) -> _Metrics:
    return _Metrics(load_font(face, size), size, tracking * size)


def _set(
    text_groups: list[str],
    face: Face,
    sizes: list[int],
    count: int,
    box: tuple[float, float],
    line_height: float,
    tracking: float,
) -> TextBlock:
    """Text that fits at ``sizes[0]`` in ``count`` lines, broken between words if possible.

    A word split across lines reads worse than a title one or two steps smaller, so those
    sizes are tried for whole words too; failing that, the fewest split words at the first
    size, and per-character breaking as the last resort. Never more than ``count`` lines.
    """
    first: TextBlock | None = None
    for size in sizes[: 1 + _WORD_SHRINK_STEPS]:
        metrics = _metrics(face, size, tracking)
        found = _balanced(text_groups, metrics, box[0], count, words=True)
        if found is None:
            continue
        block = _block(face, metrics, found[0], line_height, truncated=False)
        if block.height > box[1] or block.width > box[0]:
            continue
        if found[1] == 0:
            return block
        if size == sizes[0]:
            first = block
    if first is not None:
        return first
    metrics = _metrics(face, sizes[0], tracking)
    found = _balanced(text_groups, metrics, box[0], count, words=False)
    lines = found[0] if found else wrap(text_groups, metrics, box[0])
    return _block(face, metrics, lines, line_height, truncated=False)


def _balanced(
    text_groups: list[str], metrics: _Metrics, width: float, count: int, words: bool
) -> tuple[list[list[str]], int] | None:
    """At most ``count`` lines at the narrowest width (no lone character on the last line),
    splitting no more words than at full width; None if that needs more lines."""
    best = _wrap(text_groups, metrics, width, words)
    if len(best[0]) > count:
        return None
    if len(best[0]) < 2:
        return best
    # Never narrower than the widest group: that would split a word that fits as it is.
    widest = max(metrics.group_width(g) for g in text_groups)
    low, high = max(width / 2, min(widest, width)), width
    for _ in range(8):
        middle = (low + high) / 2
        trial = _wrap(text_groups, metrics, middle, words)
        if len(trial[0]) <= count and trial[1] <= best[1]:
            best, high = trial, middle
        else:
            low = middle
    return best


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
    lines = wrap(stream, metrics, width, words=True)  # whole words on the lines kept whole
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
