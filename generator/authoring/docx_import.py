"""`pbsite import`: a Word report (.docx) becomes a Markdown report with photos next to it.

Secretaries write reports in Word with a header of labelled lines (`时间：`, `地点：`,
`应到15人，实到13人，缺席：…`). Those lines fill the front matter; everything else
becomes the body. A labelled line that maps to no field stays in the body and is listed,
so nothing is lost silently. Attendance lines always leave the body: absentee names are
personal data and must never reach the public site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from PIL import Image, UnidentifiedImageError

from ..model import Absentee, ActivityType, Attendance, Branch
from ..model.dates import DateFormatError, parse_date
from ..model.photos import PHOTO_SUFFIXES
from ..model.report import BODY_PLACEHOLDER, KEY_SYNONYMS, REPORT_KEYS, TITLE_MAX, split_people
from .scaffold import ReportDraft, photo_folder, report_path, write_report

# Labels as they appear in Word reports, by the draft field they fill.
LABELS: dict[str, tuple[str, ...]] = {
    **{
        key: (REPORT_KEYS[key], *KEY_SYNONYMS[key])
        for key in ("title", "date", "location", "host", "recorder", "lecturer")
    },
    "expected": ("应到", "应到人数", "应到会人数", "应出席"),
    "present": ("实到", "实到人数", "实到会人数", "实际出席"),
    "absent": ("缺席", "缺席人员", "请假", "请假人员", "缺席人员及原因"),
}
_BY_LABEL = {label: key for key, labels in LABELS.items() for label in labels}
_LABEL_LINE = re.compile(r"^\s*(?P<label>[^：:，。、；！？,\s]{1,8})\s*[：:]\s*(?P<value>.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(-|\d+\.) ")
_FIELD_LIKE_MAX = 60
_COUNT = r"\s*(?:会)?(?:人数)?\s*[：:]?\s*(\d+)\s*人?"
_EXPECTED = re.compile(rf"应(?:到|出席){_COUNT}")
_PRESENT = re.compile(rf"(?:实到|实际出席){_COUNT}")
_ABSENT_NAMES = re.compile(
    r"(?:缺席|请假)(?:人员)?(?:及原因)?\s*(?:\d+\s*人)?\s*[：:]\s*(?P<names>.+?)\s*(?:[。；;]|$)"
)
# A line about attendance, possibly behind a label such as `出席情况：`.
_ATTENDANCE_LINE = re.compile(
    r"^\s*(?:[^：:，。]{1,6}[：:])?\s*"
    r"(?:(?:应到|应出席|实到)[^，。]{0,6}\d|(?:缺席|请假)[^，。：:]{0,6}[：:])"
)
_DATE_IN_TEXT = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")
_TIME_IN_TEXT = re.compile(
    r"(?P<half>上午|中午|下午|晚上)?\s*(?P<h>\d{1,2})\s*(?:[:：]|点|时)\s*(?P<m>\d{2})?"
)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"


class ImportProblem(Exception):
    """The document cannot become a report; the message says what to do."""


@dataclass(frozen=True)
class ImportResult:
    file: Path
    photos: tuple[Path, ...]
    filled: dict[str, str]
    unmapped: list[str]


@dataclass
class _Extracted:
    """What the reader found: body blocks, labelled values, images and leftovers."""

    blocks: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    images: list[tuple[bytes, str]] = field(default_factory=list)
    attendance_lines: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def import_docx(
    source: Path,
    root: Path,
    branch: Branch,
    activity: ActivityType,
    branches: Sequence[Branch],
    day: dt.date | None = None,
    title: str | None = None,
) -> ImportResult:
    """Write the report and its photos; ``day`` and ``title`` override the document's own.
    ``branches`` are the configured ones, for the examples in the comments."""
    found = _read(source)
    when = (day, None) if day else _parse_when(found.values.get("date", ""))
    title = title or found.title
    if when is None:
        raise ImportProblem("文档里没有找到活动日期（如“时间：2026年3月5日”），请用 --date 指定")
    if not title:
        raise ImportProblem("文档里没有找到标题，请用 --title 指定")
    target = report_path(root, branch.id, when[0], title)
    photos = _save_images(found.images, photo_folder(target))
    attendance, note = _attendance(found.attendance_lines, branch)
    draft = ReportDraft(
        title=title,
        day=when[0],
        time=when[1],
        branch=branch,
        activity=activity,
        host=found.values.get("host"),
        recorder=found.values.get("recorder"),
        lecturer=found.values.get("lecturer"),
        location=found.values.get("location"),
        attendance=attendance,
        photos=tuple(p.relative_to(target.parent).as_posix() for p in photos),
        body="\n\n".join(found.blocks) or BODY_PLACEHOLDER,
    )
    write_report(target, draft, branches)
    unmapped = found.unmapped + ([note] if note else [])
    return ImportResult(target, photos, _filled(draft, found), unmapped)


def _filled(draft: ReportDraft, found: _Extracted) -> dict[str, str]:
    """The fields taken from the document, as the secretary would read them."""
    filled = {
        key: found.values.get(key, "") for key in ("host", "recorder", "lecturer", "location")
    }
    if "date" in found.values:
        filled["date"] = draft.day.isoformat() + (f" {draft.time:%H:%M}" if draft.time else "")
    if draft.attendance and found.attendance_lines:
        filled["attendance"] = (
            f"应到 {draft.attendance.expected} 人，实到 {draft.attendance.present} 人，"
            f"缺席 {len(draft.attendance.absent)} 人"
        )
    return {key: value for key, value in filled.items() if value}


# -- reading the document ----------------------------------------------------------------


def _read(source: Path) -> _Extracted:
    if source.suffix.lower() != ".docx":
        raise ImportProblem(
            f"{source.name} 不是 .docx 文件。请在 Word 或 WPS 里“另存为” Word 文档（*.docx）后再导入"
        )
    try:
        document = docx.Document(str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise ImportProblem(
            f"{source.name} 打不开，可能已损坏或不是真正的 Word 文档，请在 Word 里重新另存为 .docx"
        ) from None
    found = _Extracted()
    seen_images: set[str] = set()
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            _read_table(item, found, seen_images)
        else:
            _read_paragraph(item, found, seen_images)
    return found


def _read_paragraph(paragraph: Paragraph, found: _Extracted, seen: set[str]) -> None:
    _collect_images(paragraph, found, seen)
    text = _inline_markdown(paragraph).strip()
    if not text:
        return
    plain = paragraph.text.strip()
    level = _heading_level(paragraph)
    first = found.title is None and not found.blocks
    if first and level in (0, 1):
        found.title = plain
    elif level is not None:
        # The report page shows the title as the only first-level heading.
        found.blocks.append("#" * min(level + 1, 6) + " " + plain)
    elif _take_labelled_line(plain, found):
        return
    elif first and _looks_like_title(plain):
        found.title = plain
    else:
        _append_block(found, _list_prefix(paragraph) + text)


def _looks_like_title(text: str) -> bool:
    """A short first line without sentence punctuation or a label is how Word reports start."""
    return len(text) <= TITLE_MAX and not re.search("[。；：:]", text)


def _append_block(found: _Extracted, block: str) -> None:
    # Items of one list form one Markdown list; a different kind of list starts a new one.
    item = _LIST_ITEM.match(block)
    top = _LIST_ITEM.match(found.blocks[-1]) if found.blocks else None
    if item and top and (block.startswith(" ") or item[1] == top[1]):
        found.blocks[-1] += "\n" + block
    else:
        found.blocks.append(block)


def _read_table(table: Table, found: _Extracted, seen: set[str]) -> None:
    rows: list[list[str]] = []
    for row in table.rows:
        cells = list(dict.fromkeys(row.cells))  # a merged cell repeats; keep it once
        for cell in cells:
            for paragraph in cell.paragraphs:
                _collect_images(paragraph, found, seen)
        texts = [" ".join(p.text.strip() for p in c.paragraphs if p.text.strip()) for c in cells]
        if not _take_labelled_row(texts, found):
            rows.append(texts)
    if rows:
        found.blocks.append(_markdown_table(rows))


def _take_labelled_row(texts: list[str], found: _Extracted) -> bool:
    """A form row such as `时间 | 2026年3月5日 | 地点 | 会议室`; True when all of it was used."""
    if not texts or len(texts) % 2 or not all(_label_key(label) for label in texts[::2]):
        return False
    pairs = zip(texts[::2], texts[1::2], strict=True)
    taken = [
        _take_labelled_line(f"{label.rstrip('：:')}：{value}", found) for label, value in pairs
    ]
    return all(taken)


def _markdown_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(r) + " |" for r in cells]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, 1–9 for headings, None for body text."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.lower() == "title":
        return 0
    match = _HEADING_STYLE.match(name)
    return int(match[1]) if match else None


def _list_prefix(paragraph: Paragraph) -> str:
    """`- ` or `1. ` with four spaces per level, as Python-Markdown nests lists."""
    style = paragraph.style.name if paragraph.style is not None else ""
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if "Bullet" not in style and "Number" not in style and num_pr is None:
        return ""
    level = num_pr.ilvl.val if num_pr is not None and num_pr.ilvl is not None else 0
    ordered = "Number" in style or (
        num_pr is not None and _number_format(paragraph, num_pr, level) not in ("bullet", None)
    )
    return "    " * level + ("1. " if ordered else "- ")


def _number_format(paragraph: Paragraph, num_pr, level: int) -> str | None:
    if num_pr.numId is None:
        return None
    numbering = paragraph.part.numbering_part.element
    abstract = numbering.xpath(f'w:num[@w:numId="{num_pr.numId.val}"]/w:abstractNumId/@w:val')
    if not abstract:
        return None
    formats = numbering.xpath(
        f'w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
    )
    return formats[0] if formats else None


def _inline_markdown(paragraph: Paragraph) -> str:
    """Runs as Markdown: bold kept, links kept, images left out (they become photos)."""
    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            parts.append(f"[{item.text}]({item.url})" if item.url else item.text)
        elif item.text.strip() and item.bold:
            parts.append(f"**{item.text.strip()}**")
        else:
            parts.append(item.text)
    return "".join(parts).replace("****", "")


# -- labelled lines ------------------------------------------------------------------------


def _label_key(label: str) -> str | None:
    return _BY_LABEL.get(re.sub(r"\s+", "", label).rstrip("：:"))


def _take_labelled_line(text: str, found: _Extracted) -> bool:
    """Use a header line for the front matter; True when it leaves the body."""
    if _ATTENDANCE_LINE.match(text):
        found.attendance_lines.append(text)
        return True
    match = _LABEL_LINE.match(text)
    # A form line holds a short value; a sentence after a colon (`会议指出：……。`) is prose.
    if not match or len(text) > _FIELD_LIKE_MAX or re.search("[。！？；]", match["value"]):
        return False
    key, value = _label_key(match["label"]), match["value"]
    if key is not None and not value:
        return True  # an empty form line (`记录人：`) carries nothing to keep
    reason = _not_mapped(key, value, found)
    if reason:
        found.unmapped.append(f"“{text}”：{reason}，已保留在正文中")
        return False
    if key == "title":
        found.title = value
    else:
        found.values[key] = value
    return True


def _not_mapped(key: str | None, value: str, found: _Extracted) -> str | None:
    if key is None:
        return "没有对应的报道项"
    if key in found.values or (key == "title" and found.title):
        return "与前面的内容重复，只用了第一处"
    if key == "date" and _parse_when(value) is None:
        return "看不出具体日期，请在“日期”里填写"
    return None


def _attendance(lines: list[str], branch: Branch) -> tuple[Attendance | None, str | None]:
    """Attendance from the document's lines, and a note when it needs the secretary's eye."""
    if not lines:
        return None, None
    text = "；".join(lines)
    expected, present = (_number(pattern, text) for pattern in (_EXPECTED, _PRESENT))
    names = _ABSENT_NAMES.search(text)
    absent = tuple(Absentee.parse(entry) for entry in split_people(names["names"] if names else ""))
    if expected is None or present is None:
        expected = max(branch.members or 0, len(absent), 1)
        present = expected - len(absent)
        return Attendance(expected, present, absent), (
            f"“{text}”：没有找到应到、实到人数，已按 {expected} 人预填，请核对“出勤”"
        )
    if expected - present != len(absent) or any(not a.reason for a in absent):
        return Attendance(expected, present, absent), (
            f"“{text}”：缺席人员与人数对不上或缺少原因，请在“出勤”的“缺席”里补齐"
        )
    return Attendance(expected, present, absent), None


def _number(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    return int(match[1]) if match else None


def _parse_when(text: str) -> tuple[dt.date, dt.time | None] | None:
    """`2026年3月5日（星期四）下午2:30` → 2026-03-05 14:30; None when no real date is in it."""
    day = _DATE_IN_TEXT.search(text)
    if not day:
        return None
    clock = _TIME_IN_TEXT.search(text, day.end())
    written = "-".join(day.groups())
    if clock:
        hour = int(clock["h"]) + (
            12 if clock["half"] in ("下午", "晚上") and int(clock["h"]) < 12 else 0
        )
        written += f" {hour:02d}:{clock['m'] or '00'}"
    try:
        return parse_date(written)
    except DateFormatError:
        return None


# -- images ------------------------------------------------------------------------------


def _collect_images(paragraph: Paragraph, found: _Extracted, seen: set[str]) -> None:
    """Every picture once, in reading order; modern (DrawingML) and legacy (VML) both count."""
    for element in paragraph._p.iter(qn("a:blip"), _VML_IMAGE):
        rel_id = element.get(qn("r:embed")) or element.get(qn("r:id"))
        part = paragraph.part.related_parts.get(rel_id) if rel_id else None
        if part is None:
            continue
        digest = hashlib.sha1(part.blob).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        suffix = Path(str(part.partname)).suffix.lower()
        image = _web_image(part.blob, suffix)
        if image is None:
            found.unmapped.append(
                f"第 {len(seen)} 张图片是 {suffix[1:].upper()} 格式，"
                "不能作为照片使用，已跳过；请把原图另存为 JPG 放进照片文件夹，再写进“照片”"
            )
        else:
            found.images.append(image)


def _web_image(blob: bytes, suffix: str) -> tuple[bytes, str] | None:
    """The image as a photo file; BMP or GIF become PNG, drawings (EMF, WMF) cannot."""
    if suffix == ".jpeg":
        suffix = ".jpg"
    if suffix in PHOTO_SUFFIXES:
        return blob, suffix
    try:
        with Image.open(io.BytesIO(blob)) as picture:
            out = io.BytesIO()
            picture.convert("RGB").save(out, "PNG")
            return out.getvalue(), ".png"
    except (UnidentifiedImageError, OSError):
        return None


def _save_images(images: list[tuple[bytes, str]], folder: Path) -> tuple[Path, ...]:
    saved: list[Path] = []
    for number, (blob, suffix) in enumerate(images, start=1):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{number:02d}{suffix}"
        path.write_bytes(blob)
        saved.append(path)
    return tuple(saved)
