"""The full-text indexes: external-content FTS5 over quotes.text (`quotes_fts`) and articles' title and text
(`articles_fts`), brought up to date at the end of a run (and every INDEX_EVERY articles) instead of in every
article's transaction.

No writer touches them. The database records, in the transaction that writes a row, that the row is not
indexed yet (schema v9's triggers: `{fts}_pending` holds its rowid), and removes a row that is indexed from
its index with its old values before they change or go. So at any time a row that is not pending is indexed
with its current values, and a pending row is in no index. `index_pending` indexes the pending rows in one
transaction: ingest and reextract call it every INDEX_EVERY articles they store and at the end of the run
(`Indexer`), and whatever a killed run left pending is finished by the next command of any kind (it is
registered pending work). Until then a search does not find what the run stored.

    indexer = Indexer(db)
    for article in run: save_article(...); indexer.stored()
    indexer.finish()
"""

from __future__ import annotations

import sqlite_utils

from .db import write_transaction
from .pending import Work, register

FTS_TABLES = {"quotes": ("quotes_fts", ("text",)), "articles": ("articles_fts", ("title", "text"))}
INDEX_EVERY = 2000  # articles: bounds how stale search gets in a long run, and the size of its indexing transactions


def pending_rows(db: sqlite_utils.Database) -> dict[str, int]:
    """How many rows of each table wait to be indexed."""
    return {table: db.execute(f"SELECT count(*) FROM {fts}_pending").fetchone()[0]
            for table, (fts, _) in FTS_TABLES.items()}


def has_pending(db: sqlite_utils.Database) -> bool:
    return any(db.execute(f"SELECT 1 FROM {fts}_pending LIMIT 1").fetchone() for fts, _ in FTS_TABLES.values())


def index_pending(db: sqlite_utils.Database) -> dict[str, int]:
    """Index the rows that wait for it, in one transaction (a savepoint of the caller's, if it has one);
    returns how many rows of each table it indexed."""
    indexed = {}
    with write_transaction(db):
        for table, (fts, columns) in FTS_TABLES.items():
            cols = ", ".join(columns)
            values = ", ".join(f"t.{column}" for column in columns)
            indexed[table] = db.execute(
                f"INSERT INTO {fts}(rowid, {cols}) SELECT t.pk, {values} FROM {fts}_pending p "
                f"JOIN {table} t ON t.pk = p.pk ORDER BY p.pk"  # a pending rowid whose row is gone: nothing to index
            ).rowcount
            db.execute(f"DELETE FROM {fts}_pending")
    return indexed


def rebuild_fts(db: sqlite_utils.Database) -> None:
    """Build both indexes again from their tables (nothing is pending afterwards). In the caller's transaction."""
    for fts, _ in FTS_TABLES.values():
        db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        db.execute(f"DELETE FROM {fts}_pending")


class Indexer:
    """Indexes what a run stores every `every` articles (`stored()` after each) and at its end (`finish()`),
    each time in its own transaction."""

    def __init__(self, db: sqlite_utils.Database, every: int | None = None):
        self.db, self.every, self.since = db, every or INDEX_EVERY, 0

    def stored(self) -> None:
        self.since += 1
        if self.since >= self.every:
            self.finish()

    def finish(self) -> None:
        if has_pending(self.db):  # else no write transaction (a run that found nothing new writes nothing)
            index_pending(self.db)
        self.since = 0


def _finish(db: sqlite_utils.Database) -> str:
    indexed = index_pending(db)
    return f"full-text index brought up to date ({indexed['quotes']} quotations, {indexed['articles']} articles)"


FTS_WORK = register(Work("fts", "the full-text index", has_pending, _finish))
