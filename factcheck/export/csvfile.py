"""CSV: the JSONL fields flat, one quotation a row, for spreadsheets.

Spreadsheets run a cell that begins with = + - @ (or a tab or carriage return before them) as a formula,
and article text is full of such cells ("-3 Prozent", "@Kanzler"): those get a leading apostrophe
(OWASP's advice against CSV injection), which spreadsheets show as text. Lists (evidence) are JSON strings.
"""

from __future__ import annotations

import csv
import json
from typing import TextIO

from factcheck.store import QuoteFilter

from .records import FIELDS, records

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """The cell as a spreadsheet will show it as text, never run it."""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(db, flt: QuoteFilter | None, stream: TextIO) -> int:
    writer = csv.writer(stream)
    writer.writerow(FIELDS)
    count = 0
    for record in records(db, flt):
        writer.writerow([neutralize(record[name]) for name in FIELDS])
        count += 1
    return count
