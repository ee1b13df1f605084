"""Checking a database and repairing what can be repaired (`factcheck check`), and the orphaned reviews.

    report = check(db)            # integrity, foreign keys, full-text indexes, reviews, metadata
    for line in report.lines(): print(line)
    orphaned_reviews(db)          # reviews whose quotation is gone, with what they were about
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Iterator

import sqlite_utils

from .. import sanitize
from .db import is_read_only, write_transaction
from .fts import FTS_TABLES, has_pending, index_pending, rebuild_fts
from .pending import finish_pending, unfinished


@dataclass
class Finding:
    check: str
    ok: bool
    message: str
    repaired: bool = False


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    def add(self, check: str, ok: bool, message: str = "ok", repaired: bool = False) -> None:
        self.findings.append(Finding(check, ok, message, repaired))

    @property
    def ok(self) -> bool:
        """Nothing is wrong any more (whatever was found has been repaired)."""
        return all(f.ok or f.repaired for f in self.findings)

    def lines(self) -> list[str]:
        return [f"{f.check}: {f.message}" for f in self.findings]


def check(db: sqlite_utils.Database, *, repair: bool = True) -> CheckReport:
    """Run every check; with `repair`, repair what can be repaired, each repair in its own transaction."""
    report = CheckReport()
    problems = [row[0] for row in db.execute("PRAGMA integrity_check(20)")]
    report.add("integrity", problems == ["ok"], "ok" if problems == ["ok"] else
               "; ".join(problems[:3]) + " (SQLite cannot repair this: restore a backup, or `factcheck export sqlite` "
               "what can still be read)")
    broken = db.execute("SELECT \"table\", count(*) FROM pragma_foreign_key_check GROUP BY 1").fetchall()
    report.add("foreign keys", not broken, "ok" if not broken else
               ", ".join(f"{n} rows of {table} point at nothing" for table, n in broken))
    _check_pending(db, report, repair)
    _check_fts(db, report, repair)
    _check_reviews(db, report, repair)
    _check_metadata(db, report, repair)
    return report


def _check_pending(db, report: CheckReport, repair: bool) -> None:
    works = unfinished(db)
    if not works:
        report.add("pending work", True, "none")
    elif repair:
        done = finish_pending(db)
        report.add("pending work", False, "finished: " + "; ".join(done), repaired=True)
    else:
        report.add("pending work", False, "unfinished: " + ", ".join(w.what for w in works))


def _check_fts(db, report: CheckReport, repair: bool) -> None:
    """Both indexes against their tables. Rows that wait to be indexed (pending work left as it is, or a run
    writing meanwhile) would fail the check: it is made with them indexed, in a transaction rolled back after."""
    if not has_pending(db):
        broken = _broken_indexes(db)
    elif is_read_only(db):
        report.add("full-text index", True, "rows wait to be indexed (pending work): not checked")
        return
    else:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            index_pending(db)
            broken = _broken_indexes(db)
        except sqlite3.DatabaseError:  # an index too damaged to take the rows
            broken = [fts for fts, _ in FTS_TABLES.values()]
        finally:
            db.conn.execute("ROLLBACK")
    if not broken:
        report.add("full-text index", True)
        return
    if repair:
        with write_transaction(db):
            rebuild_fts(db)
        report.add("full-text index", False, f"{', '.join(broken)} out of step with the tables: rebuilt", repaired=True)
    else:
        report.add("full-text index", False, f"{', '.join(broken)} out of step with the tables")


def _broken_indexes(db) -> list[str]:
    broken = []
    for fts, _ in FTS_TABLES.values():
        try:
            db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        except Exception:  # sqlite3.DatabaseError: the index does not match its table
            broken.append(fts)
    return broken


def _check_reviews(db, report: CheckReport, repair: bool) -> None:
    """Every review is either about a stored quotation or flagged orphaned (never detached)."""
    detached = db.execute(
        "SELECT count(*) FROM reviews WHERE orphaned = 0 AND quote_id NOT IN (SELECT id FROM quotes)").fetchone()[0]
    found_again = db.execute(
        "SELECT count(*) FROM reviews WHERE orphaned = 1 AND quote_id IN (SELECT id FROM quotes)").fetchone()[0]
    if (detached or found_again) and repair:
        with write_transaction(db):
            db.execute("UPDATE reviews SET orphaned = 1 WHERE orphaned = 0 AND quote_id NOT IN (SELECT id FROM quotes)")
            db.execute("UPDATE reviews SET orphaned = 0 WHERE orphaned = 1 AND quote_id IN (SELECT id FROM quotes)")
    orphaned = db.execute("SELECT count(*) FROM reviews WHERE orphaned = 1").fetchone()[0]
    parts = []
    if detached:
        parts.append(f"{detached} reviews of quotations that are gone were not flagged orphaned"
                     + (": flagged" if repair else ""))
    if found_again:
        parts.append(f"{found_again} reviews flagged orphaned have their quotation back" + (": unflagged" if repair else ""))
    parts.append(f"{orphaned} orphaned (kept; `factcheck orphans` lists them)" if orphaned else "none orphaned")
    report.add("reviews", not (detached or found_again), "; ".join(parts), repaired=repair and bool(detached or found_again))


def _check_metadata(db, report: CheckReport, repair: bool) -> None:
    """Article metadata stored by an older factcheck, before it was made safe where it comes in."""
    unsafe = []
    for pk, title, outlet, published, url in db.execute("SELECT pk, title, outlet, published, url FROM articles"):
        safe = (sanitize.field(title), sanitize.field(outlet), sanitize.field(published), sanitize.url(url))
        if safe != (title, outlet, published, url):
            unsafe.append((*safe, pk))
    if not unsafe:
        report.add("article metadata", True)
        return
    if repair:
        with write_transaction(db):
            db.conn.executemany("UPDATE articles SET title = ?, outlet = ?, published = ?, url = ? WHERE pk = ?", unsafe)
            index_pending(db)  # the title is indexed
    report.add("article metadata", False, f"{len(unsafe)} articles with control characters or a url that is no "
               f"http(s) address{': cleaned' if repair else ''}", repaired=repair)


def orphaned_reviews(db: sqlite_utils.Database) -> Iterator[dict]:
    """The reviews whose quotation is gone, oldest decision first, with what they were about: the article
    (if it is still stored) and the latest of its versions whose text has the quotation."""
    cursor = db.execute(
        """SELECT r.quote_id, r.status, r.verdict, r.note, r.reviewer, r.updated_at AS reviewed_at, r.version,
                  r.article_id, a.title, a.url, a.source, r.quote_text,
                  (SELECT max(v.version) FROM article_versions v
                   WHERE v.article_id = r.article_id AND r.quote_text IS NOT NULL AND instr(v.text, r.quote_text) > 0)
                      AS found_in_version
           FROM reviews r LEFT JOIN articles a ON a.id = r.article_id
           WHERE r.orphaned = 1 ORDER BY r.updated_at, r.quote_id"""
    )
    columns = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row))
