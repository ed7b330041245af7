"""``tally --format json``: the spec §3 object, field for field, plus extension keys.

The spec's keys (year, generated_for, secretaries and everything inside each secretary) are
written exactly as specified. Added keys never rename or replace one: ``tally_year``,
``late``, ``uncredited``, ``missed_uncharged``, ``compliance`` and ``rejected`` at the top,
and ``late`` inside a secretary only when ``tally.late_penalty`` makes late reports cost points.
A secretary's ``types`` lists the types with at least one counted report, in config order;
``reports`` are in date order, then path order, and the cap is applied in that order.
"""

from __future__ import annotations

import json
from pathlib import Path

from .result import MissedPeriod, SecretaryTally, TallyResult, TypeScore, plain_number


def tally_dict(result: TallyResult) -> dict:
    penalised = result.settings.late_penalty > 0
    return {
        "year": result.year,
        "generated_for": result.as_of.isoformat(),
        "secretaries": [_secretary(entry, penalised) for entry in result.secretaries],
        "tally_year": {"from": result.span.start.isoformat(), "to": result.span.end.isoformat()},
        "late": [
            {
                "path": late.path,
                "branches": list(late.branches),
                "date": late.date.isoformat(),
                "submitted": late.submitted.isoformat(),
                "days": late.days,
            }
            for late in result.late
        ],
        "uncredited": [
            {"path": u.path, "branch": u.branch, "date": u.date.isoformat(), "type": u.type}
            for u in result.uncredited
        ],
        "missed_uncharged": [
            {"branch": m.branch, **_missed(m)} for m in result.missed if m.charged_to is None
        ],
        "compliance": _compliance(result),
        "rejected": [
            {"path": r.path, "errors": [p.as_dict() for p in r.problems]} for r in result.rejected
        ],
    }


def dumps_json(result: TallyResult) -> str:
    return json.dumps(tally_dict(result), ensure_ascii=False, indent=2) + "\n"


def write_json(result: TallyResult, path: Path) -> None:
    path.write_text(dumps_json(result), encoding="utf-8")


def _secretary(entry: SecretaryTally, penalised: bool) -> dict:
    data = {
        "name": entry.name,
        "branch": entry.branch,
        "term": {
            "from": entry.term.start.isoformat(),
            "to": entry.term.end.isoformat() if entry.term.end else None,
        },
        "types": {score.type: _type_score(score) for score in entry.types},
        "missed": [_missed(m) for m in entry.missed],
        "points": plain_number(entry.points),
        "deductions": plain_number(entry.deductions),
        "total": plain_number(entry.total),
        "rank": entry.rank,
    }
    if penalised:
        data["late"] = [
            {"report": p.report.path, "days": p.report.days, "penalty": plain_number(p.penalty)}
            for p in entry.late
        ]
    return data


def _type_score(score: TypeScore) -> dict:
    return {"count": score.count, "points": plain_number(score.points), "reports": score.reports}


def _missed(missed: MissedPeriod) -> dict:
    return {
        "type": missed.type,
        "period": missed.period.label,
        "penalty": plain_number(missed.penalty),
    }


def _compliance(result: TallyResult) -> dict:
    grid = result.compliance
    return {
        "months": [month.label for month in grid.months],
        "rows": [
            {
                "branch": row.branch,
                "type": row.type,
                "status": [cell.status for cell in row.cells],
                "counts": [cell.count for cell in row.cells],
            }
            for row in grid.rows
        ],
        "activity": {branch: list(counts) for branch, counts in grid.activity.items()},
    }
