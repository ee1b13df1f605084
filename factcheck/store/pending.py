"""Pending work: what a command started, or left for later, recorded in the database and finished by the
next command that needs it, so that an interruption (kill -9, a power cut) can delay work but never lose it
or leave a silent gap.

Each kind of work registers a `Work`: how to tell whether some is pending (a cheap read) and how to finish
it (in its own write transactions, idempotent: running it twice, or after a half-finished run, is right).
Where the work is "one thing to redo" (the full-text index after a bulk load) it is recorded as a row in
the `pending_work` table with `mark`, and `finish` clears the row in the transaction that completes it;
work that is a queue of items (quotations waiting to be matched) keeps its own table and says whether
it is empty.

    register(Work("fts", "the full-text index", is_pending=..., finish=...))
    finish_pending(db, say=print)     # what every command runs on opening the database
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sqlite_utils

from .db import utc_now


@dataclass(frozen=True)
class Work:
    name: str
    what: str                                          # for messages: "the full-text index"
    is_pending: Callable[[sqlite_utils.Database], bool]
    finish: Callable[[sqlite_utils.Database], str]     # does the work; returns one line saying what it did


_REGISTRY: dict[str, Work] = {}


def register(work: Work) -> Work:
    """Make `work` known to `finish_pending` (works run in the order they were registered)."""
    _REGISTRY[work.name] = work
    return work


def unfinished(db: sqlite_utils.Database) -> list[Work]:
    """The registered works that have something pending."""
    return [work for work in _REGISTRY.values() if work.is_pending(db)]


def finish_pending(db: sqlite_utils.Database, names: tuple[str, ...] | None = None, *,
                   say: Callable[[str], None] = lambda line: None) -> list[str]:
    """Finish whatever is pending (of the works `names`, default all), telling `say` first what and why.
    Returns the works' one-line reports."""
    done = []
    for work in unfinished(db):
        if names is None or work.name in names:
            say(f"finishing {work.what}, which an interrupted or earlier command left pending ...")
            done.append(work.finish(db))
    return done


def mark(db: sqlite_utils.Database, name: str, detail: str = "") -> None:
    """Record that work `name` is pending (inside the caller's transaction, so it is recorded together with
    the change that makes it pending)."""
    db.execute("INSERT OR REPLACE INTO pending_work(name, since, detail) VALUES (?, ?, ?)", [name, utc_now(), detail])


def is_marked(db: sqlite_utils.Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM pending_work WHERE name = ?", [name]).fetchone() is not None


def clear(db: sqlite_utils.Database, name: str) -> None:
    """Record that work `name` is done (inside the transaction that did it)."""
    db.execute("DELETE FROM pending_work WHERE name = ?", [name])
