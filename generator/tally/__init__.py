"""Year-end tallies (spec §3): model → TallyResult → JSON, CSV, XLSX and an HTML fragment.

Free of MkDocs: the site embeds ``office_page_html`` itself when ``tally.publish`` is true.
"""

from .csv_export import csv_bytes, write_csv
from .engine import compute_tally
from .html_export import office_page_html
from .json_export import dumps_json, tally_dict, write_json
from .periods import default_as_of, tally_year, tally_year_of
from .redact import public_copy
from .result import TallyResult
from .step import WRITERS, current_tally, write_tally_exports, write_tally_files
from .xlsx_export import write_xlsx

__all__ = [
    "WRITERS",
    "TallyResult",
    "compute_tally",
    "csv_bytes",
    "current_tally",
    "default_as_of",
    "dumps_json",
    "office_page_html",
    "public_copy",
    "tally_dict",
    "tally_year",
    "tally_year_of",
    "write_csv",
    "write_json",
    "write_tally_exports",
    "write_tally_files",
    "write_xlsx",
]
