"""Reading a report file: encoding, line endings and the front-matter block.

Secretaries edit reports in Notepad and Word on Windows, so a GBK file, a BOM, CRLF,
a full-width colon or a full-width space are everyday mistakes. Each gets a message
that says what to change, on the line where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import charset_normalizer
import frontmatter

from .problems import ProblemList

_FM_HANDLER = frontmatter.YAMLHandler()
_FULLWIDTH_KEY = re.compile(
    r"^(?P<indent>[ \u3000]*)(?P<dash>-[ \u3000]*)?(?P<key>[^\s:：#\-\"'][^:：\"']{0,20}?)[ \u3000]*：[ \u3000]*(?P<value>.*)$"
)


class EncodingProblem(Exception):
    """The file is not UTF-8; ``encoding`` names what it most likely is."""

    def __init__(self, encoding: str | None):
        self.encoding = encoding
        super().__init__(encoding or "unknown")


@dataclass(frozen=True)
class Source:
    """A report split into its front matter and body, with the body's first file line."""

    front_matter: str | None
    body: str
    front_matter_line: int
    body_line: int


def decode(raw: bytes) -> str:
    """UTF-8 text with BOM and CRLF removed; raises EncodingProblem for anything else."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EncodingProblem(_guess_encoding(raw)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(raw: bytes) -> str | None:
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        return None
    # GBK, GB2312 and GB18030 are one family to a user; Windows Notepad calls it “ANSI”.
    return (
        "GBK/GB18030"
        if best.encoding.lower().replace("_", "") in {"gb18030", "gbk", "gb2312", "hz", "big5"}
        else best.encoding
    )


def encoding_message(problem: EncodingProblem) -> str:
    named = f"{problem.encoding} 编码" if problem.encoding else "不是 UTF-8 编码"
    return (
        f"文件是 {named}，系统只认 UTF-8。请用记事本打开，点“文件 → 另存为”，"
        "把下方“编码”选为“UTF-8”后保存；或运行 `pbsite check --fix-encoding` 自动转换（会保留备份）"
    )


def split(text: str, problems: ProblemList) -> Source:
    """Separate front matter from body; records problems for a missing or unclosed block."""
    if not _FM_HANDLER.detect(text):
        problems.error(
            1,
            "文件开头缺少 `---`：报道的第一行必须是三个减号 `---`，后面是标题、日期等信息，再用一行 `---` 结束",
        )
        return Source(None, text, 1, 1)
    try:
        front_matter, body = _FM_HANDLER.split(text)
    except ValueError:
        problems.error(
            1, "缺少结束的 `---`：标题、日期等信息写完后，请单独用一行 `---` 结束，再写正文"
        )
        return Source(None, "", 1, 1)
    opening = text[: text.index(front_matter)] if front_matter else "---\n"
    front_matter_line = opening.count("\n") + 1
    closing_end = text.index(body, len(opening) + len(front_matter)) if body else len(text)
    return Source(front_matter, body, front_matter_line, text[:closing_end].count("\n") + 1)


def lint_front_matter(source: Source, problems: ProblemList) -> str:
    """Point out full-width punctuation in keys; returns the text with those slips corrected.

    Parsing the corrected text lets every other problem in the file be reported in the
    same pass, while the slips themselves stay errors the secretary must fix.
    """
    fixed: list[str] = []
    for offset, line in enumerate((source.front_matter or "").split("\n")):
        nested = bool(fixed) and (fixed[-1].rstrip().endswith(":") or fixed[-1].startswith(" "))
        corrected, slips = _correct_line(line, nested)
        if slips:
            problems.error(
                source.front_matter_line + offset,
                f"这一行用了{'和'.join(slips)}，YAML 只认英文半角符号。请改成：{corrected.strip()}",
            )
        fixed.append(corrected)
    return "\n".join(fixed)


def _correct_line(line: str, nested: bool) -> tuple[str, list[str]]:
    slips: list[str] = []
    indent = re.match(r"^[ \u3000]*", line).group(0)
    if "\u3000" in indent:
        slips.append("全角空格“　”")
        # A full-width space under a block opener was meant as indentation; elsewhere it is a slip.
        indent = indent.replace("\u3000", "  ") if nested else indent.replace("\u3000", "")
        line = indent + line.lstrip(" \u3000")
    match = _FULLWIDTH_KEY.match(line)
    if match and ":" not in line.split("：")[0]:
        slips.append("全角冒号“：”")
        dash = (match["dash"] or "").replace("\u3000", " ")
        line = f"{match['indent']}{dash}{match['key'].strip()}: {match['value']}".rstrip()
    return line, slips
