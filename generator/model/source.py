"""Reading a report file: encoding, line endings and the front-matter block.

Secretaries edit reports in Notepad and Word on Windows, so a GBK file, a BOM, CRLF,
a full-width colon, a full-width space or a Tab are everyday mistakes. Each gets a
message that says what to change, on the line where it is.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import frontmatter

from .problems import ProblemList

# python-frontmatter owns the block syntax; our own code only diagnoses broken blocks.
_HANDLER = frontmatter.YAMLHandler()
_BOUNDARY = _HANDLER.FM_BOUNDARY
# A structural line: indentation, an optional list dash, a short key, a colon of either
# width, the value. Keys never hold Chinese sentence punctuation, which tells prose apart.
_KEY_LINE = re.compile(
    r"^(?P<indent>[ \u3000\t]*)(?P<dash>-[ \u3000\t]+)?"
    r"(?P<key>[^\s:：#\-\"'，。、；！？,\[{][^:：\"'，。、；！？]{0,20}?)(?P<gap>[ \u3000\t]*)"
    r"(?P<colon>[:：])(?P<after>[ \u3000\t]*)(?P<value>.*)$"
)
_DASH_LINE = re.compile(r"^(?P<indent>[ \u3000\t]*)-(?P<after>[ \u3000\t]+)(?P<value>.*)$")
_GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz"}
_CODEC_LABELS = {
    "gb18030": "GBK/GB18030（记事本里叫“ANSI”）",
    "utf-16": "UTF-16（记事本里叫“Unicode”）",
    "big5": "Big5（繁体中文）",
}


class EncodingProblem(Exception):
    """The file is not UTF-8; ``codec`` is the Python codec it most likely is in, if known."""

    def __init__(self, codec: str | None):
        self.codec = codec
        super().__init__(codec or "unknown")

    @property
    def label(self) -> str | None:
        return _CODEC_LABELS.get(self.codec, self.codec) if self.codec else None


@dataclass(frozen=True)
class Source:
    """A report split into its front matter and body; ``front_matter_line`` is its first line."""

    front_matter: str | None
    body: str
    front_matter_line: int
    body_line: int = 1

    @property
    def first_content_line(self) -> int:
        """The first front-matter line that is neither blank nor a comment."""
        lines = (self.front_matter or "").split("\n")
        blank = (i for i, line in enumerate(lines) if line.strip() and line.lstrip()[0] != "#")
        return self.front_matter_line + next(blank, 0)


def decode(raw: bytes) -> str:
    """UTF-8 text with BOM and CRLF removed; raises EncodingProblem for anything else."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EncodingProblem(detect_codec(raw)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_codec(raw: bytes) -> str | None:
    """The codec a non-UTF-8 file was most likely saved in, or None when nothing fits."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    # Chinese Windows saves “ANSI” text as GBK. A short report fits several CJK code pages
    # equally well (Korean cp949 often ranks first), so GB18030, a superset of GBK, wins ties.
    best = matches[0]
    gb = next((m for m in matches if m.encoding.replace("_", "") in _GB_FAMILY), None)
    if gb is not None and gb.chaos <= best.chaos:
        return "gb18030"
    return best.encoding.replace("_", "-")


def encoding_message(problem: EncodingProblem) -> str:
    if problem.label is None:
        return (
            "文件不是 UTF-8 编码，无法识别它的编码。请用记事本打开，"
            "点“文件 → 另存为”，把下方“编码”选为“UTF-8”后保存"
        )
    return (
        f"文件是 {problem.label} 编码，系统只认 UTF-8。请用记事本打开，点“文件 → 另存为”，"
        "把下方“编码”选为“UTF-8”后保存；或运行 `pbsite check --fix-encoding` 自动转换（会保留备份）"
    )


def split(text: str, problems: ProblemList) -> Source:
    """Separate front matter from body; records problems for a missing or unclosed block."""
    lines = text.split("\n")
    if not _BOUNDARY.match(lines[0]):
        problems.error(
            1,
            "文件开头缺少 `---`：报道的第一行必须是三个减号 `---`，后面是标题、日期等信息，再用一行 `---` 结束",
        )
        return Source(None, text, 1)
    close = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    prose = _first_prose_line(lines[1 : close or len(lines)], after_blank=close is not None)
    if prose is not None:
        # The secretary forgot the closing line; the body begins where the prose does.
        end = prose + 1
        problems.error(
            end + 1,
            "这一行像是正文，但前面缺少结束的 `---`：标题、日期等信息写完后，"
            "请单独用一行 `---` 结束，再写正文",
        )
        return Source("\n".join(lines[1:end]), "\n".join(lines[end:]), 2, end + 1)
    if close is None:
        problems.error(
            1, "缺少结束的 `---`：标题、日期等信息写完后，请单独用一行 `---` 结束，再写正文"
        )
        return Source(None, "", 1)
    front_matter, body = _HANDLER.split(text)
    # The handler keeps the newlines that end the two `---` lines; line 2 starts the block.
    # The body is what follows the closing line, so its first line is found by counting.
    body = body[1:]
    return Source(front_matter[1:], body, 2, text.count("\n", 0, len(text) - len(body)) + 1)


def _first_prose_line(block: list[str], after_blank: bool) -> int | None:
    """Index of the first line of Markdown prose in ``block``, which YAML would never accept.

    With a closing `---` further down, only prose after a blank line counts: a lone line
    without a colon is more likely a key that lost its colon.
    """
    for index, line in enumerate(block):
        structural = (
            not line.strip() or line[0] in " \t\u3000#-[{'\"" or _KEY_LINE.match(line) is not None
        )
        if not structural and (not after_blank or (index > 0 and not block[index - 1].strip())):
            return index
    return None


def lint_front_matter(source: Source, problems: ProblemList) -> str:
    """Point out full-width punctuation and Tabs; returns the text with those slips corrected.

    Parsing the corrected text lets every other problem in the file be reported in the
    same pass, while the slips themselves stay errors the secretary must fix.
    """
    lines = (source.front_matter or "").split("\n")
    fixed: list[str] = []
    for offset, line in enumerate(lines):
        # Most lines hold none of the slips; skipping them keeps 20,000 reports fast.
        if _SLIP_CHARS.isdisjoint(line):
            fixed.append(line)
            continue
        indent = _intended_indent(line, fixed, lines[offset + 1 :]) if _bad_indent(line) else 0
        corrected, slips = correct_line(line, indent)
        if slips:
            fix = f"请改成：`{corrected}`" if corrected.strip() else "请删掉这些字符，留一个空行"
            problems.error(source.front_matter_line + offset, f"这一行{'，'.join(slips)}。{fix}")
        fixed.append(corrected)
    return "\n".join(fixed)


def _intended_indent(line: str, before: list[str], after: list[str]) -> int:
    """How many spaces a line indented with wide spaces or Tabs was meant to have.

    YAML nests by exact columns, so the corrected line must line up with its siblings:
    under a `key:` that opens a block it is a child (as deep as the other children, else
    two spaces more); after a nested line it is that line's sibling; otherwise top level.
    """
    previous = next((p for p in reversed(before) if _is_structural(p)), None)
    if previous is None:
        return 0
    depth = _ascii_indent(previous)
    if _split_comment(previous)[0].rstrip().endswith(":"):
        return _child_indent(depth, after)
    item_key = previous.lstrip().startswith("- ") and _KEY_LINE.match(previous)
    if item_key and not line.lstrip(" \u3000\t").startswith("-"):
        return depth + 2  # the next key of a `- name: …` item sits under `name`
    return depth


def _child_indent(parent: int, after: list[str]) -> int:
    """The indentation the parent's other children use, or two spaces more than the parent."""
    for line in after:
        if not _is_structural(line) or _bad_indent(line):
            continue
        depth = _ascii_indent(line)
        return depth if depth > parent else parent + 2
    return parent + 2


def _is_structural(line: str) -> bool:
    """Neither blank nor a comment: a line that takes part in YAML nesting."""
    content = line.strip(" \t\u3000")
    return bool(content) and not content.startswith("#")


def _leading(line: str) -> str:
    return re.match(r"^[ \u3000\t]*", line).group(0)


def _bad_indent(line: str) -> bool:
    """Indentation holding a wide space or a Tab, which YAML cannot read."""
    return bool(_leading(line).strip(" "))


def _ascii_indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_SLIP_REASONS = {
    "\u3000": "用了全角空格“　”（要用半角空格）",
    "\t": "用了 Tab 键（YAML 只能用空格缩进和分隔）",
    "：": "用了全角冒号“：”（要用英文半角冒号“:”）",
    "，": "在方括号或花括号里用了全角逗号“，”（要用英文逗号“,”）",
}
# In the indentation the slip changes the nesting, which is what the secretary must see.
_INDENT_REASONS = {
    "\u3000": "行首用全角空格“　”缩进（YAML 只认半角空格，每一级缩进两个半角空格，与同级的项对齐）",
    "\t": "行首用 Tab 键缩进（YAML 只认半角空格，每一级缩进两个半角空格，与同级的项对齐）",
}
_SLIP_CHARS = frozenset(_SLIP_REASONS)


def correct_line(line: str, indent: int = 0) -> tuple[str, list[str]]:
    """The line with structural full-width characters and Tabs fixed, and what was wrong.

    ``indent`` is the number of spaces the line belongs at when its own indentation holds
    wide spaces or Tabs (see `_intended_indent`).
    """
    leading = _leading(line)
    in_indent = [c for c in "\u3000\t" if c in leading]
    if in_indent:
        line = " " * indent + line[len(leading) :]
    seen: list[str] = []
    if match := _KEY_LINE.match(line):
        found = _slips(match["gap"] + match["colon"] + match["after"] + (match["dash"] or ""))
        value, in_value = _correct_flow(match["value"])
        if found or in_value:
            dash = "- " if match["dash"] else ""
            line = f"{match['indent']}{dash}{match['key']}: {value}".rstrip()
        seen += found + in_value
    elif match := _DASH_LINE.match(line):
        found = _slips(match["after"])
        value, in_value = _correct_flow(match["value"])
        if found or in_value:
            line = f"{match['indent']}- {value}"
        seen += found + in_value
    others = [_SLIP_REASONS[c] for c in dict.fromkeys(seen) if c not in in_indent]
    return line, [_INDENT_REASONS[c] for c in in_indent] + others


def _slips(structure: str) -> list[str]:
    return [c for c in "\u3000\t：" if c in structure]


def _correct_flow(value: str) -> tuple[str, list[str]]:
    """Inside `[…]` or `{…}` a full-width comma (or a colon in `{…}`) glues items into one."""
    content, comment = _split_comment(value)
    marks = "，：" if content.startswith("{") else "，" if content.startswith("[") else ""
    found = [c for c in marks if c in content]
    for mark in found:
        content = re.sub(rf"\s*{mark}\s*", {"，": ", ", "：": ": "}[mark], content)
    return content + comment, found


def _split_comment(text: str) -> tuple[str, str]:
    """A YAML comment starts at a `#` after whitespace; the comment keeps that whitespace."""
    match = re.search(r"\s+#", text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")
