"""Pending work: what a command started, or left for later, recorded in the database and finished by the
next command that needs it, so that an interruption (kill -9, a power cut) can delay work but never lose it
or leave a silent gap.

Each kind of work registers a `Work`: how to tell whether some is pending (a cheap read) and how to finish
it (in its own write transactions, idempotent: running it twice, or after a half-finished run, is right).
Each work keeps its own record of what is pending (the full-text index: its pending tables; matching: the
quotations waiting to be matched) and says whether it is empty. (The `pending_work` table held the one-off
works of earlier releases, such as an interrupted bulk load's index; schema v9 turned what it held into rows
waiting to be indexed.)

    register(Work("fts", "the full-text index", is_pending=..., finish=...))
    finish_pending(db, say=print)     # what every command runs on opening the database
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sqlite_utils



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

