"""JSON Lines: one quotation record a line (fields in `records.FIELDS`), UTF-8."""

from __future__ import annotations

import json
from typing import TextIO

from factcheck.store import QuoteFilter

from .records import records

_encode = json.JSONEncoder(ensure_ascii=False).encode


def write(db, flt: QuoteFilter | None, stream: TextIO) -> int:
    count = 0
    for record in records(db, flt):
        stream.write(_encode(record) + "\n")
        count += 1
    return count
