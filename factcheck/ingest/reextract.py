"""Running a newer detector over the articles already stored.

A detector release changes EXTRACTOR_VERSION; articles stored by an older one keep their old quotations until
`reextract` reads them again. Each article is re-extracted in its own transaction, from the stored text (so
offsets and quotation ids are comparable): a quotation found again keeps its id and with it its review,
corrections and cluster; a review whose quotation is not found any more is kept and flagged orphaned. An
interrupted run leaves every article either as it was or fully re-extracted, and the next run goes on with
the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

import sqlite_utils

from .. import nlp as detector
from ..store import Indexer, articles_to_reextract, replace_quotations, stored_article
from .executors import InProcess, detect_in_order
from .pipeline import Tally, Timings


@dataclass(frozen=True)
class Reextracted:
    where: str                      # the article's title, source or id
    status: str                     # reextracted | skipped (changed meanwhile) | failed
    added: int = 0
    kept: int = 0
    vanished: int = 0
    orphaned_reviews: int = 0
    reason: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.reason or self.status}"


@dataclass
class ReextractReport(Tally):
    changes: Counter = field(default_factory=Counter)

    def add(self, outcome: Reextracted) -> None:
        super().add(outcome)
        for key in ("added", "kept", "vanished", "orphaned_reviews"):
            self.changes[key] += getattr(outcome, key)

    def summary(self) -> str:
        c = self.changes
        return (f"{self.counts['reextracted']} articles re-extracted, {self.counts['skipped']} skipped, "
                f"{self.counts['failed']} failed; quotations: {c['added']} new, {c['kept']} kept, "
                f"{c['vanished']} gone ({c['orphaned_reviews']} reviews kept as orphaned)")


def pending(db: sqlite_utils.Database, nlp=None, *, everything: bool = False) -> list[str]:
    """Ids of the articles `iter_reextract` would read."""
    return articles_to_reextract(db, detector.extractor_version(nlp), everything=everything)


def iter_reextract(
    db: sqlite_utils.Database, *, nlp=None, executor=None, everything: bool = False,
    article_ids: list[str] | None = None, timings: Timings | None = None,
) -> Iterator[Reextracted]:
    """Re-extract the articles the current detector has not read, or all of them with `everything`; yield
    one outcome per article, in order. The detector runs in `executor` (see executors.py; default: `nlp`, or
    the default pipeline, in this process); the results are stored here, one article per transaction."""
    timings = timings or Timings()
    executor = executor or InProcess(nlp)
    indexer = Indexer(db)
    ids = article_ids if article_ids is not None else articles_to_reextract(db, executor.version, everything=everything)
    jobs = timings.timed("read", _stored_texts(db, ids))
    for (article_id, article), detection in timings.timed("wait", detect_in_order(executor, jobs)):
        if article is None:
            yield Reextracted(article_id, "skipped")  # deleted since the list was made
        elif detection.error:  # one article the detector chokes on must not stop the run
            yield Reextracted(article.label, "failed", reason=detection.error)
        else:
            timings.seconds["detect"] += detection.seconds
            with timings.stage("store"):
                changes = replace_quotations(db, article, detection.quotations, extractor_version=detection.version)
                indexer.stored()
            if changes is None:
                yield Reextracted(article.label, "skipped")  # changed by an ingest since it was read: that stored it
                continue
            yield Reextracted(article.label, "reextracted", changes.added, changes.kept, changes.vanished,
                              changes.orphaned_reviews)
    with timings.stage("store"):
        indexer.finish()


def _stored_texts(db: sqlite_utils.Database, ids: list[str]) -> Iterator[tuple[tuple, str | None]]:
    for article_id in ids:
        article = stored_article(db, article_id)
        yield (article_id, article), article.text if article else None


def reextract(db: sqlite_utils.Database, **options) -> ReextractReport:
    """Run `iter_reextract` to the end and return the tally."""
    report = ReextractReport()
    for outcome in iter_reextract(db, **options):
        report.add(outcome)
    return report
