"""Typed, declarative reading of YAML mappings.

Every getter validates one key and, on failure, records a Chinese message that names
the key (and its Chinese alias) at the key's own line. Validation never stops at the
first problem, so a secretary sees everything to fix in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .dates import DateFormatError, parse_date
from .problems import ProblemList
from .yamlpos import Located

_MISSING = object()


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Mapping:
    """One YAML mapping under validation, with keys normalised to canonical names."""

    def __init__(
        self,
        data: dict,
        located: Located,
        path: tuple,
        problems: ProblemList,
        aliases: dict[str, str] | None = None,
    ):
        self.located = located
        self.path = path
        self.problems = problems
        self.aliases = aliases or {}
        self.written: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self.unknown: dict[str, Any] = {}
        self._normalise(data)

    # -- key names -----------------------------------------------------------------

    def _normalise(self, data: dict) -> None:
        # Canonical English names and Chinese aliases mean the same key; both at once is ambiguous.
        by_alias = {alias: key for key, alias in self.aliases.items()}
        for written, value in data.items():
            key = by_alias.get(str(written), str(written))
            if key in self.values:
                self.problems.error(
                    self.line_of(written),
                    f"{self.label(key)} 写了两次（`{self.written[key]}` 和 `{written}` 是同一项），请删掉其中一个",
                )
                continue
            self.written[key] = str(written)
            self.values[key] = value

    def known(self, canonical: set[str]) -> dict[str, Any]:
        """Keys outside ``canonical``: the caller decides whether they are typos or extensions."""
        return {k: v for k, v in self.values.items() if k not in canonical}

    def label(self, key: str) -> str:
        alias = self.aliases.get(key)
        return f"`{key}`（{alias}）" if alias else f"`{key}`"

    def line_of(self, written: object) -> int:
        return self.located.line(*self.path, written)

    def line(self, key: str | None = None, *deeper: object) -> int:
        if key is None:
            return self.located.line(*self.path)
        return self.located.line(*self.path, self.written.get(key, key), *deeper)

    def error(self, key: str | None, message: str, *deeper: object) -> None:
        self.problems.error(self.line(key, *deeper), message)

    def warning(self, key: str | None, message: str, *deeper: object) -> None:
        self.problems.warning(self.line(key, *deeper), message)

    # -- typed getters -------------------------------------------------------------

    def has(self, key: str) -> bool:
        return self.values.get(key) not in (None, "")

    def raw(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def _present(self, key: str, required: bool, hint: str) -> Any:
        value = self.values.get(key, _MISSING)
        if value is _MISSING or value is None or value == "":
            if required:
                self.error(
                    None if value is _MISSING else key, f"缺少必填项 {self.label(key)}，{hint}"
                )
            return _MISSING
        return value

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        max_len: int | None = None,
        hint: str = "请填写文字",
    ) -> str | None:
        value = self._present(key, required, hint)
        if value is _MISSING:
            return None
        if isinstance(value, dict | list):
            self.error(key, f"{self.label(key)} 应该是一段文字，不能是列表或嵌套项")
            return None
        text = str(value).strip()
        if max_len is not None and len(text) > max_len:
            self.error(
                key, f"{self.label(key)} 最多 {max_len} 个字，现在有 {len(text)} 个字，请精简"
            )
        return text

    def integer(
        self,
        key: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
        default: int | None = None,
    ) -> int | None:
        value = self._present(key, required, "请填写整数")
        if value is _MISSING:
            return default
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not _is_int(value):
            self.error(key, f"{self.label(key)} 应该是整数，现在是“{value}”")
            return default
        if minimum is not None and value < minimum:
            self.error(key, f"{self.label(key)} 不能小于 {minimum}，现在是 {value}")
            return default
        if maximum is not None and value > maximum:
            self.error(key, f"{self.label(key)} 不能大于 {maximum}，现在是 {value}")
            return default
        return value

    def number(self, key: str, *, positive: bool = True) -> float | None:
        value = self._present(key, False, "请填写数字")
        if value is _MISSING:
            return None
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            self.error(key, f"{self.label(key)} 应该是数字（如 2 或 1.5），现在是“{value}”")
            return None
        if positive and number <= 0:
            self.error(key, f"{self.label(key)} 必须大于 0，现在是 {value}")
            return None
        return number

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._present(key, False, "")
        if value is _MISSING:
            return default
        if isinstance(value, bool):
            return value
        spelled = {"是": True, "否": False, "true": True, "false": False}.get(
            str(value).strip().lower()
        )
        if spelled is None:
            self.error(key, f"{self.label(key)} 只能写 true（是）或 false（否），现在是“{value}”")
            return default
        return spelled

    def choice(self, key: str, spellings: dict[str, str], default: str) -> str:
        value = self._present(key, False, "")
        if value is _MISSING:
            return default
        canonical = spellings.get(str(value).strip())
        if canonical is None:
            options = "、".join(dict.fromkeys(f"`{s}`" for s in spellings))
            self.error(key, f"{self.label(key)} 只能是 {options} 之一，现在是“{value}”")
            return default
        return canonical

    def date(self, key: str, *, required: bool = False) -> tuple[dt.date, dt.time | None] | None:
        value = self._present(key, required, "请写成 `2026-03-05` 的形式")
        if value is _MISSING:
            return None
        try:
            return parse_date(value)
        except DateFormatError as exc:
            self.error(key, f"{self.label(key)}：{exc}")
            return None

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self._present(key, False, "")
        if value is _MISSING:
            return ()
        if isinstance(value, str):
            # A secretary often writes `标签: 党史, 学习`; splitting on commas keeps that meaning.
            return tuple(t for t in (s.strip() for s in re.split(r"[,，、]", value)) if t)
        if not isinstance(value, list) or any(isinstance(v, dict | list) for v in value):
            self.error(key, f"{self.label(key)} 应该是文字列表，例如 `[党史学习, 志愿服务]`")
            return ()
        return tuple(str(v).strip() for v in value if v not in (None, ""))

    def mapping(
        self,
        key: str,
        aliases: dict[str, str] | None = None,
        *,
        required: bool = False,
        hint: str = "",
    ) -> Mapping | None:
        value = self._present(key, required, hint)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.error(
                key, f"{self.label(key)} 下面应该是缩进的子项（如 `{hint}`），不是一个单独的值"
            )
            return None
        return Mapping(value, self.located, (*self.path, self.written[key]), self.problems, aliases)

    def sequence(self, key: str) -> Iterator[tuple[int, Any]]:
        value = self._present(key, False, "")
        if value is _MISSING:
            return
        if not isinstance(value, list):
            value = [value]
        yield from enumerate(value)

    def child(
        self, key: str, index: int, data: dict, aliases: dict[str, str] | None = None
    ) -> Mapping:
        return Mapping(
            data, self.located, (*self.path, self.written[key], index), self.problems, aliases
        )


def is_hex_color(value: str) -> bool:
    return bool(re.fullmatch(r"#[0-9a-fA-F]{6}", value))
