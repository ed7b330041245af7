"""Problems found in content or config, reported as ``path:line: message`` in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "警告："
        return f"{self.path}:{self.line}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class ProblemList:
    """Collects problems for one file so a validator can keep going after the first one."""

    path: str
    items: list[Problem] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        self.items.append(Problem(self.path, line or 1, message, "error"))

    def warning(self, line: int | None, message: str) -> None:
        self.items.append(Problem(self.path, line or 1, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
