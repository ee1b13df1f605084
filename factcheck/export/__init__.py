"""Exports of the quote database, each standing on its own and saying where every quotation came from:
JSONL and CSV for researchers and spreadsheets, a standalone SQLite file for datasette, schema.org
ClaimReview JSON-LD for search engines and the newsroom's CMS.

    export(db, fmt, out, flt=None, **options) -> rows written

Rows are streamed (constant memory). File exports are atomic: a temporary file beside the target is renamed
into place when complete, so a failed export leaves no file (see atomic.py). `out="-"` writes to stdout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from factcheck.config import Config, load_config
from factcheck.store import QuoteFilter

from . import claimreview, csvfile, datasette, jsonl, sqlite
from .atomic import STDOUT, atomic_open, atomic_path
from .claimreview import ClaimReviewError, rating_scale

FORMATS = ("jsonl", "csv", "sqlite", "claimreview")


class ExportError(ValueError):
    """An export that cannot be done as asked; the message names what is wrong."""


def export(
    db,
    fmt: str,
    out: str | Path = STDOUT,
    flt: QuoteFilter | None = None,
    *,
    bom: bool = False,
    organization: str | None = None,
    url_template: str | None = None,
    scale_out: str | Path | None = None,
    datasette_metadata: str | Path | None = None,
    config: Config | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> int:
    """Export the quotations `flt` selects from `db` as `fmt` to `out` (a path or "-"); return the number of
    quotations (claims, for claimreview) written.

    bom: csv starts with a UTF-8 byte order mark, so spreadsheets read it as UTF-8.
    organization, url_template, config: claimreview settings (organization defaults to the config's);
    scale_out: where claimreview writes its verdict scale (label → rating) as JSON.
    datasette_metadata: where sqlite (to a file) writes its datasette metadata (see datasette.py).
    warn: receives one line for each item skipped (e.g. a verdict not on the scale).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    for path in (out, scale_out, datasette_metadata):
        _refuse_to_overwrite(db, path)
    if fmt == "sqlite":
        with atomic_path(out) as tmp:
            count = sqlite.write(db, flt, tmp)
            if datasette_metadata and str(out) != STDOUT:
                with atomic_open(datasette_metadata) as stream:
                    datasette.write(Path(out).stem, stream)
        return count
    if fmt == "jsonl":
        with atomic_open(out) as stream:
            return jsonl.write(db, flt, stream)
    if fmt == "csv":
        with atomic_open(out, encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
            return csvfile.write(db, flt, stream)

    config = config or load_config()
    try:
        reviews = claimreview.claim_reviews(
            db, flt, organization=organization or config.organization, url_template=url_template, config=config, warn=warn
        )
    except ClaimReviewError as err:
        raise ExportError(str(err)) from None
    with atomic_open(out) as stream:
        count = claimreview.write_reviews(reviews, stream)
    if scale_out:
        with atomic_open(scale_out) as stream:
            json.dump(rating_scale(config), stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    return count


def _refuse_to_overwrite(db, path) -> None:
    """An export written over the database it reads would replace the user's data with a copy of part of it."""
    if path is None or str(path) == STDOUT:
        return
    source = next(row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main")
    if source and os.path.exists(path) and os.path.samefile(source, path):
        raise ExportError(f"{path} is the database being exported; choose another output file")
