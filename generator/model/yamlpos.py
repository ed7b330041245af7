"""YAML loading that remembers the line of every key, so errors can point at it.

Timestamps are not resolved: a date such as ``2026-02-30`` must become a friendly
validation error, not a YAML crash, and Chinese date spellings are parsed by us.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

KeyPath = tuple[Any, ...]


# libyaml parses thousands of reports several times faster than the pure-Python parser.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A parsed YAML document plus the 1-based line of each key path."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1
    # (line, message) for text YAML took as a comment right after a bare value, such as a
    # title's #话题# or a colour's #B71C1C: the value silently ends before it.
    cut_off: list[tuple[int, str]] = field(default_factory=list)

    def line(self, *path: Any) -> int:
        """Line of the deepest known key on ``path``; the document start if none."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return self.first_line


class YamlSyntaxError(Exception):
    def __init__(self, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"{line}: {reason}")


def load_located(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document; ``first_line`` is the file line the text starts on."""
    loader = _Loader(text)
    rows = text.splitlines()
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {}, first_line)
        located = Located(None, {}, first_line)
        _record(node, (), located, rows, set())
        located.data = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as exc:
        row = _blamed_row(exc, rows)
        raise YamlSyntaxError(
            first_line + row, _describe(exc, rows[row] if row < len(rows) else "")
        ) from exc
    except yaml.reader.ReaderError as exc:  # a control character, as Word pastes them
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # The character itself, not the reader's position, which may run to the line's end.
        line = first_line + text[: text.find(chr(code))].count("\n")
        raise YamlSyntaxError(
            line,
            f"这一行有一个看不见的控制字符（U+{code:04X}），常见于从 Word 复制来的换行，"
            "请删掉这一行后重新输入",
        ) from exc
    finally:
        loader.dispose()


def _record(
    node: yaml.Node, path: KeyPath, located: Located, rows: list[str], seen: set[int]
) -> None:
    """Note the line of every key and item below ``node``, and what comments cut off.
    ``seen``: the nodes visited, since an alias (``*name``) visits its anchor's again."""
    if id(node) in seen:
        return
    seen.add(id(node))
    base = located.first_line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            line = base + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(
                    line,
                    "冒号前面的项目名写法不对：项目名只能是文字，不能以 [ 或 { 开头；"
                    "如果这些符号是名称的一部分，请给项目名加上英文引号",
                )
            key_path = (*path, key_node.value)
            if key_path in located.lines:
                # YAML keeps the last of two values without a word: the first looks in
                # force, and every message about the key would point at the wrong line.
                first = located.lines[key_path]
                raise YamlSyntaxError(
                    line,
                    f"`{key_node.value}` 写了两次（第 {first} 行和第 {line} 行），一项只能写一次，"
                    "请删去多余的那一行",
                )
            located.lines[key_path] = line
            _record(value_node, key_path, located, rows, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            located.lines[(*path, index)] = base + item.start_mark.line
            _record(item, (*path, index), located, rows, seen)
    elif not node.style and node.end_mark.line < len(rows):  # a bare value, maybe empty
        comment = rows[node.end_mark.line][node.end_mark.column :].strip()
        # "# 说明" is a comment as templates write one; "#话题#" is meant as text.
        if comment.startswith("#") and comment[1:2] not in ("", " ", "#"):
            line = base + node.end_mark.line  # a value may run over several lines
            located.cut_off.append((line, _cut_off(path, node.value, comment)))


# Where YAML names the start of what it could not finish (a quote, a bracket, a value
# beginning with a special character), that start is the line to fix.
_BLAME_START = re.compile(
    r"while scanning (a quoted scalar|an alias|an anchor|a tag|a block|a simple key)"
)
_QUOTE = "请给整个值加上英文引号"
_REASONS = [
    (re.compile(r"found character '\\t'|tab character"), "YAML 不能用 Tab 键缩进，请改用空格"),
    (
        re.compile(r"mapping values are not allowed"),
        "这一行多了一个“英文冒号加空格”（`: `）。如果冒号是内容的一部分，"
        f"{_QUOTE}，或把它改成中文冒号“：”；如果这一行是新的一项，请让它顶格写，不要缩进",
    ),
    (re.compile(r"could not find expected ':'"), "这一行缺少英文冒号 `:`，请写成 `键: 值` 的形式"),
    (
        re.compile(r"found duplicate anchor|found undefined alias"),
        f"值不能以 `&` 或 `*` 开头，如需这样写，{_QUOTE}",
    ),
    (
        re.compile(r"found unexpected end of stream|found unexpected end"),
        "引号或括号没有配对，请检查是否少写了结束的引号或括号",
    ),
]
# What YAML takes a value's first character to mean, when the writer meant plain text.
_STARTS = {
    "[": "YAML 会把方括号当成列表",
    "{": "YAML 会把花括号当成一组“键: 值”",
    '"': "值以英文引号开头时，引号必须括住整个值",
    "'": "值以英文引号开头时，引号必须括住整个值",
}
_SPECIAL = set("*&!@`%|>-?#,")
_OPENS = re.compile(r"[\[{]")
_LINE = re.compile(r"^\s*(?:- +)?(?:(?P<key>[^\s:#-][^:]*?)\s*:(?:\s+|$))?(?P<value>.*?)\s*$")


def _blamed_row(exc: yaml.MarkedYAMLError, rows: list[str]) -> int:
    """The row (0-based) of the text to fix."""
    context = exc.context or ""
    starts = _BLAME_START.search(context)
    mark = (exc.context_mark if starts else None) or exc.problem_mark or exc.context_mark
    row = mark.line if mark else 0
    if context.startswith("while parsing a flow"):
        # An unclosed bracket is noticed where the text ends: blame the row that opened it.
        opened = [r for r in range(min(row, len(rows) - 1), -1, -1) if _OPENS.search(rows[r])]
        row = opened[0] if opened else row
    return row


def _describe(exc: yaml.MarkedYAMLError, row: str) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, reason in _REASONS:
        if pattern.search(text):
            return reason
    match = _LINE.match(row)
    key, value = (match["key"], match["value"]) if match else (None, "")
    if value and (value[0] in _STARTS or value[0] in _SPECIAL):
        meaning = _STARTS.get(value[0], f"YAML 不允许值以“{value[0]}”开头")
        return f"{meaning}。如果这些符号是内容的一部分，{_QUOTE}{_example(key, value)}"
    return (
        "这一行的写法无法识别：请对照模板检查冒号、缩进和引号；"
        f"值里有 [ ] {{ }} * & # 等符号时，{_QUOTE}"
    )


def _cut_off(path: KeyPath, value: str, comment: str) -> str:
    key = path[-1] if path and isinstance(path[-1], str) else None  # None: a list item
    whole = f"{value} {comment}".strip()
    return (
        f"“{comment}”被当成了注释，没有算进{f' `{key}`' if key else '这一项'}：YAML 里空格后面的 "
        f"# 表示注释。如果它是内容的一部分，{_QUOTE}{_example(key, whole)}；"
        "如果它确实是注释，请在 # 后面空一格"
    )


def _example(key: str | None, value: str) -> str:
    """The line written with the value quoted, as a suggestion; empty when no quote fits."""
    quote = "'" if '"' in value else '"'
    if quote in value:
        return ""
    return f"，例如 `{key + ': ' if key else '- '}{quote}{value}{quote}`"
