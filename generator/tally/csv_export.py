"""``tally --format csv``: the summary table, UTF-8 with a BOM so that Excel on a Chinese
Windows PC opens it without garbling, one row per secretary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .result import TallyResult
from .table import summary_table


def csv_bytes(result: TallyResult) -> bytes:
    headers, rows = summary_table(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # CRLF line ends, as Excel writes them
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(result: TallyResult, path: Path) -> None:
    path.write_bytes(csv_bytes(result))
