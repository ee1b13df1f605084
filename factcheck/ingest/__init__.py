"""Reading articles (txt/md, html, jsonl, stdin) and storing them with their quotations.

    report = ingest(db, ["articles/", "feed.jsonl", "-"])
    print(report.summary())
"""

from .cleanup import clean_text, strip_trailing_boilerplate
from .pipeline import IngestReport, Outcome, ingest, iter_ingest
from .reextract import ReextractReport, Reextracted, iter_reextract, reextract
from .readers import DEFAULT_MAX_BYTES, Document, NotText, decode, read
from .sources import FORMATS, Problem, Source, expand, seed_sources

__all__ = [
    "DEFAULT_MAX_BYTES", "FORMATS", "Document", "IngestReport", "NotText", "Outcome", "Problem", "Source",
    "ReextractReport", "Reextracted", "clean_text", "decode", "iter_reextract", "reextract", "expand", "ingest", "iter_ingest", "read", "seed_sources", "strip_trailing_boilerplate",
]
