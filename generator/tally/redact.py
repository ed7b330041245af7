"""The tally as the public site may show it (``tally.publish: true``).

Internal reports count in tallies but never appear on the public site (spec §1), and the
messages about rejected reports quote their front matter, absentees included. So the
published copy keeps every figure and every row, but an internal report is named only as
such, and a rejected report only by how many there are. The office's own exports under
``build/exports/`` keep everything: that is where a point is traced to its report.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Problem, Project, Rejected
from .result import SecretaryTally, TallyResult

INTERNAL = "（内部报道，不公开）"
WITHHELD = "（未公开）"
WITHHELD_MESSAGE = "这篇报道未通过校验，未计分；详情见党委办公室的内部导出"


def public_copy(result: TallyResult, project: Project) -> TallyResult:
    published = {report.path for report in project.public_reports}

    def hide(item):
        return item if item.path in published else replace(item, path=INTERNAL, title=INTERNAL)

    def secretary(entry: SecretaryTally) -> SecretaryTally:
        types = tuple(
            replace(score, credits=tuple(map(hide, score.credits))) for score in entry.types
        )
        late = tuple(replace(p, report=hide(p.report)) for p in entry.late)
        return replace(entry, types=types, late=late)

    withheld = Rejected(WITHHELD, (Problem(WITHHELD, 0, WITHHELD_MESSAGE),))
    return replace(
        result,
        secretaries=tuple(map(secretary, result.secretaries)),
        late=tuple(map(hide, result.late)),
        uncredited=tuple(map(hide, result.uncredited)),
        rejected=(withheld,) * len(result.rejected),
    )
