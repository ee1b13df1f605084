"""The ingest run: sources → articles → quotations → database, one article per transaction.

Reading and the check of what is stored happen here, in the writer; the detector runs wherever the executor
puts it (this process, worker processes, a Dask cluster: see executors.py), and its results come back in
article order, so the database ends up the same either way.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import sqlite_utils

from ..store import Indexer, article_status, save_article
from .executors import Detection, InProcess, detect_in_order
from .readers import DEFAULT_MAX_BYTES, Document, read
from .sources import Problem, Source, expand

try:
    import resource
except ImportError:  # Windows
    resource = None

STATUSES = ("new", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class Outcome:
    where: str
    status: str                 # new | updated | unchanged | failed
    quotes: int = 0             # quotations stored (new and updated articles)
    reason: str | None = None   # why it failed
    nbytes: int = 0             # input consumed, for progress
    notes: tuple[str, ...] = ()  # what the user should know though nothing failed (an update's kept version, ...)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.reason else f"{self.where}: {self.status}"

    def messages(self) -> list[str]:
        """The one-line messages this outcome gives: its failure, or its notes."""
        return [str(self)] if self.reason else [f"{self.where}: {note}" for note in self.notes]


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


@dataclass
class Timings:
    """Seconds spent per stage of a run. In the writer: "read" (reading, decoding, checking what is stored),
    "wait" (for the detector's results), "store", "match" (the match that follows); each with its wall time
    in `seconds`, the CPU time of the writer's thread in `cpu` (on a busy machine the wall time of a stage
    includes waiting for a core; its CPU time does not), and in `forked` that of the processes the stage forked
    (the match's). "detect" is the detector's CPU time, summed over workers."""

    seconds: Counter = field(default_factory=Counter)
    cpu: Counter = field(default_factory=Counter)
    forked: Counter = field(default_factory=Counter)
    _inner: tuple[float, float, float] = (0.0, 0.0, 0.0)  # those of the stages inside the one being timed (not counted twice)

    @contextlib.contextmanager
    def stage(self, name: str):
        started, outer = (time.perf_counter(), time.thread_time(), _children_cpu()), self._inner
        self._inner = (0.0, 0.0, 0.0)
        try:
            yield
        finally:
            spent = (time.perf_counter() - started[0], time.thread_time() - started[1], _children_cpu() - started[2])
            for counter, seconds, inner in zip((self.seconds, self.cpu, self.forked), spent, self._inner):
                counter[name] += seconds - inner
            self._inner = tuple(o + s for o, s in zip(outer, spent))

    def timed(self, name: str, items: Iterable) -> Iterator:
        """`items`, with the time spent producing them counted as stage `name`."""
        iterator = iter(items)
        while True:
            with self.stage(name):
                item = next(iterator, _END)
            if item is _END:
                return
            yield item


_END = object()


def _children_cpu() -> float:
    """CPU seconds of the child processes that ended (those the match forks; the detector's pool workers are the
    fork server's children, and the fork server lives to the end of the command)."""
    if resource is None:  # Windows: none are forked there
        return 0.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def iter_ingest(
    db: sqlite_utils.Database,
    items: Iterable[str | Source],
    *,
    nlp=None,
    executor=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str = "auto",
    timings: Timings | None = None,
) -> Iterator[Outcome]:
    """Ingest files, folders, globs, `-` (stdin) or ready-made sources; yield one outcome per article or
    problem, in input order. The detector (`executor`, see executors.py; default: `nlp` in this process) is
    given only the articles that are new or changed, and started only if there is one.

    The full-text index takes what was stored every INDEX_EVERY articles and at the end (store/fts.py).
    `timings` collects the seconds spent per stage (indexing counts as "store")."""
    timings = timings or Timings()
    executor = executor or InProcess(nlp)
    indexer = Indexer(db)
    jobs = timings.timed("read", _to_detect(db, items, fmt, max_bytes))
    for item, detection in timings.timed("wait", detect_in_order(executor, jobs)):
        if detection is None:
            yield item  # the outcome of an input with nothing to detect (failed to read, or unchanged)
            continue
        timings.seconds["detect"] += detection.seconds
        with timings.stage("store"):
            outcome = _save(db, item, detection)
            indexer.stored()
        yield outcome
    with timings.stage("store"):
        indexer.finish()


def _to_detect(db, items, fmt: str, max_bytes: int) -> Iterator[tuple[Document | Outcome, str | None]]:
    """(document, its text) for each article to detect; (outcome, None) for every other input."""
    for source in expand(items, fmt):
        if isinstance(source, Problem):
            yield _failed(source), None
            continue
        for doc in read(source, max_bytes):
            if isinstance(doc, Problem):
                yield _failed(doc), None
            elif article_status(db, doc.article) == "unchanged":
                yield Outcome(doc.where, "unchanged", nbytes=doc.nbytes, notes=doc.notes), None
            else:
                yield doc, doc.article.text


def ingest(db: sqlite_utils.Database, items: Iterable[str | Source], **options) -> IngestReport:
    """Run `iter_ingest` to the end and return the tally (see `iter_ingest` for the options)."""
    report = IngestReport()
    for outcome in iter_ingest(db, items, **options):
        report.add(outcome)
    return report


def _save(db: sqlite_utils.Database, doc: Document, detection: Detection) -> Outcome:
    if detection.error:  # one article the detector chokes on must not stop the batch
        return Outcome(doc.where, "failed", reason=detection.error, nbytes=doc.nbytes)
    # save_article checks again what is stored: an article read twice while in flight is stored once
    try:
        saved = save_article(db, doc.article, detection.quotations, extractor_version=detection.version)
    except (ValueError, sqlite3.IntegrityError) as err:  # this article cannot be stored; the next may
        return Outcome(doc.where, "failed", reason=f"cannot store it: {err}", nbytes=doc.nbytes)
    quotes = len(detection.quotations) if saved.status != "unchanged" else 0
    return Outcome(doc.where, saved.status, quotes=quotes, nbytes=doc.nbytes, notes=doc.notes + saved.notes)


def _failed(problem: Problem) -> Outcome:
    return Outcome(problem.where, "failed", reason=problem.reason, nbytes=problem.nbytes)
