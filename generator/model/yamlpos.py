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
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {}, first_line)
        lines: dict[KeyPath, int] = {}
        _record_lines(node, (), lines, first_line)
        return Located(loader.construct_document(node), lines, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlSyntaxError(line, _describe(exc)) from exc
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], base: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, key_node.value)
            lines.setdefault(key_path, base + key_node.start_mark.line)
            _record_lines(value_node, key_path, lines, base)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = base + item.start_mark.line
            _record_lines(item, (*path, index), lines, base)


_REASONS = [
    (re.compile(r"found character '\\t'|tab character"), "YAML 不能用 Tab 键缩进，请改用空格"),
    (
        re.compile(r"mapping values are not allowed"),
        "这一行的冒号位置不对，键和值之间请用英文冒号加空格（例如 `标题: 内容`）",
    ),
    (re.compile(r"could not find expected ':'"), "这一行缺少英文冒号 `:`，请写成 `键: 值` 的形式"),
    (
        re.compile(r"found duplicate anchor|found undefined alias"),
        "不要使用 `&` 或 `*` 开头的值；如需使用请加引号",
    ),
    (
        re.compile(r"found unexpected end of stream|found unexpected end"),
        "引号或括号没有配对，请检查是否少写了结束的引号",
    ),
]


def _describe(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, reason in _REASONS:
        if pattern.search(text):
            return reason
    return f"YAML 格式错误（{(exc.problem or exc.context or '').strip()}），请检查缩进和冒号"
