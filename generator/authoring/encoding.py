"""`pbsite check --fix-encoding`: re-save GBK (and other non-UTF-8) files as UTF-8, keeping a backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.source import EncodingProblem, decode


@dataclass(frozen=True)
class Conversion:
    file: Path
    backup: Path
    label: str


def fix_encoding(file: Path) -> Conversion | None:
    """Convert ``file`` to UTF-8; None when it already is. Raises EncodingProblem if unknown."""
    raw = file.read_bytes()
    try:
        decode(raw)
        return None
    except EncodingProblem as problem:
        if problem.codec is None:
            raise
        try:
            text = raw.decode(problem.codec)
        except UnicodeDecodeError:
            # The guess does not fit every byte; converting would garble the text.
            raise EncodingProblem(None) from None
        backup = _free_backup_name(file)
        backup.write_bytes(raw)
        file.write_text(text.removeprefix("\ufeff"), encoding="utf-8", newline="")
        return Conversion(file, backup, problem.label or problem.codec)


def _free_backup_name(file: Path) -> Path:
    """`r.md.bak`, then `r.md.2.bak` …: an earlier backup is never overwritten."""
    candidate, number = file.with_name(file.name + ".bak"), 2
    while candidate.exists():
        candidate, number = file.with_name(f"{file.name}.{number}.bak"), number + 1
    return candidate
