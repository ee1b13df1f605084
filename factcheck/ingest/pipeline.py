"""The ingest run: sources → articles → quotations → database, one article per transaction."""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import sqlite_utils

from .. import nlp as detector
from ..store import article_status, bulk_load, finish_deferred_fts, save_article
from .readers import DEFAULT_MAX_BYTES, Document, read
from .sources import Problem, Source, expand

STATUSES = ("new", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class Outcome:
    where: str
    status: str                 # new | updated | unchanged | failed
    quotes: int = 0             # quotations stored (new and updated articles)
    reason: str | None = None   # why it failed
    nbytes: int = 0             # input consumed, for progress

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.reason else f"{self.where}: {self.status}"


@dataclass
class Tally:
    """Outcomes (anything with a `status` and a `reason`) counted by status; the failures' one-line messages."""

    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.reason:
            self.errors.append(str(outcome))

    @property
    def failed(self) -> int:
        return self.counts["failed"]


@dataclass
class IngestReport(Tally):
    quotes: int = 0

    def add(self, outcome: Outcome) -> None:
        super().add(outcome)
        self.quotes += outcome.quotes

    def summary(self) -> str:
        counts = ", ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        return f"{counts}; {self.quotes} quotes stored"


def iter_ingest(
    db: sqlite_utils.Database,
    items: Iterable[str | Source],
    *,
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str = "auto",
    bulk: bool = False,
) -> Iterator[Outcome]:
    """Ingest files, folders, globs, `-` (stdin) or ready-made sources; yield one outcome per article or
    problem. The detector is loaded once, and only if some article is new or changed.

    `bulk` defers the full-text index to one rebuild at the end (for large loads into a database that
    nobody searches meanwhile)."""
    finish_deferred_fts(db)  # an earlier bulk load was interrupted: bring the index up to date first
    with bulk_load(db) if bulk else contextlib.nullcontext():
        for source in expand(items, fmt):
            if isinstance(source, Problem):
                yield _failed(source)
                continue
            for doc in read(source, max_bytes):
                if isinstance(doc, Problem):
                    yield _failed(doc)
                    continue
                if article_status(db, doc.article) == "unchanged":
                    yield Outcome(doc.where, "unchanged", nbytes=doc.nbytes)
                    continue
                if nlp is None:
                    nlp = detector.load()
                yield _save(db, doc, nlp)


def ingest(db: sqlite_utils.Database, items: Iterable[str | Source], **options) -> IngestReport:
    """Run `iter_ingest` to the end and return the tally (see `iter_ingest` for the options)."""
    report = IngestReport()
    for outcome in iter_ingest(db, items, **options):
        report.add(outcome)
    return report


def _save(db: sqlite_utils.Database, doc: Document, nlp) -> Outcome:
    try:
        quotations = detector.extract(doc.article.text, nlp)
    except Exception as err:  # one article the detector chokes on must not stop the batch
        return Outcome(doc.where, "failed", reason=f"detector failed: {type(err).__name__}: {err}", nbytes=doc.nbytes)
    status = save_article(db, doc.article, quotations, extractor_version=detector.extractor_version(nlp))
    return Outcome(doc.where, status, quotes=len(quotations) if status != "unchanged" else 0, nbytes=doc.nbytes)


def _failed(problem: Problem) -> Outcome:
    return Outcome(problem.where, "failed", reason=problem.reason, nbytes=problem.nbytes)
