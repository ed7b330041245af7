"""The office page's tally fragment: ranking bars, the 三会一课 grid and monthly activity.

Self-contained HTML (inline CSS and SVG, no external assets) for the site to embed on the
office page, and only when ``tally.publish: true``; deciding that is the site's job.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .result import TallyResult, plain_number
from .table import RHYTHM_TEXT, STATUS_SYMBOL, STATUS_TEXT, secretary_label

BAR_HEIGHT, BAR_WIDTH, BAR_GAP = 40, 10, 2  # px, one bar per month in the activity charts

_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def office_page_html(result: TallyResult) -> str:
    return _environment.get_template("office.html").render(
        year=result.year,
        as_of=result.as_of,
        span=result.span,
        bars=_total_bars(result),
        months=[month.label for month in result.compliance.months],
        grid=_grid_rows(result),
        activity=_activity_rows(result),
        status_symbol=STATUS_SYMBOL,
        status_text=STATUS_TEXT,
        bar_height=BAR_HEIGHT,
        svg_width=len(result.compliance.months) * (BAR_WIDTH + BAR_GAP),
    )


def _total_bars(result: TallyResult) -> list[dict]:
    """One bar per secretary, as long as the total's share of the largest absolute total."""
    largest = max((abs(e.total) for e in result.secretaries), default=0) or 1
    return [
        {
            "rank": entry.rank,
            "label": secretary_label(result, entry),
            "total": plain_number(entry.total),
            "percent": round(float(abs(entry.total) / largest * 100), 1),
            "negative": entry.total < 0,
        }
        for entry in result.secretaries
    ]


def _grid_rows(result: TallyResult) -> list[dict]:
    """Grid rows; the branch cell spans all of its types' rows."""
    rows = []
    for row in result.compliance.rows:
        activity = result.activity_type(row.type)
        first = not rows or rows[-1]["branch_id"] != row.branch
        rows.append(
            {
                "branch_id": row.branch,
                "branch": result.branch_name(row.branch),
                "span": sum(r.branch == row.branch for r in result.compliance.rows) if first else 0,
                "type": activity.name,
                "rhythm": RHYTHM_TEXT[activity.required],
                "cells": [cell.status for cell in row.cells],
            }
        )
    return rows


def _activity_rows(result: TallyResult) -> list[dict]:
    """Per branch, one SVG column per month on a scale shared by all branches."""
    activity = result.compliance.activity
    months = [month.label for month in result.compliance.months]
    busiest = max((n for counts in activity.values() for n in counts), default=0) or 1
    rows = []
    for branch in result.branches:
        counts = activity[branch.id]
        bars = []
        for index, (month, count) in enumerate(zip(months, counts, strict=True)):
            height = round(count / busiest * BAR_HEIGHT, 1)
            bars.append(
                {
                    "x": index * (BAR_WIDTH + BAR_GAP),
                    "y": BAR_HEIGHT - height,
                    "width": BAR_WIDTH,
                    "height": height,
                    "title": f"{month}：{count} 次",
                }
            )
        rows.append({"branch": branch.name, "bars": bars, "total": sum(counts)})
    return rows
