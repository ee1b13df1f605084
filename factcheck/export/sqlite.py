"""A standalone database of the selected quotations, ready for datasette.

The file is created by `open_db`, so its schema, FTS indexes and `quotes_view` are the project's own.
The selected quotes are copied with everything that belongs to them (articles, speakers and the speakers
they were merged into, clusters and memberships, reviews, the audit log, corrections, splits, match
suggestions between two selected quotes), in one read snapshot of the source, by INSERT … SELECT inside
SQLite: nothing passes through Python, so memory stays flat. Cluster rows are copied as they are (their
`size` counts every member, exported or not). The `meta` table records where and when the file came from.

Without a filter the export is the whole database: every row of every table, so also what no quotation
selects (orphaned reviews with their audit log and corrections, quotations marked "not a quotation",
earlier versions of articles): a reviewer's work is never left behind.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from factcheck import __version__
from factcheck.store import QuoteFilter, open_db, utc_now

SCHEMA = "export_target"
SELECTION = "temp.export_selection"

# Which rows of each table belong with the selected quotes, in an order that keeps foreign keys valid.
_SPEAKERS = f"""
    WITH RECURSIVE needed(id) AS (
        SELECT q.speaker_id FROM main.quotes q JOIN {SELECTION} s ON s.quote_id = q.id
        UNION
        SELECT sp.merged_into FROM main.speakers sp JOIN needed ON sp.id = needed.id WHERE sp.merged_into IS NOT NULL
    ) SELECT id FROM needed"""
_CLUSTERS = f"SELECT cluster_id FROM main.cluster_members WHERE quote_id IN {SELECTION}"
_SELECTED = f"IN {SELECTION}"
ROWS_TO_COPY = (
    ("articles", f"id IN (SELECT q.article_id FROM main.quotes q JOIN {SELECTION} s ON s.quote_id = q.id)"),
    ("speakers", f"id IN ({_SPEAKERS})"),
    ("speaker_merges", f"speaker_id IN ({_SPEAKERS}) AND into_id IN ({_SPEAKERS})"),
    ("quotes", f"id {_SELECTED}"),
    ("clusters", f"id IN ({_CLUSTERS})"),
    ("cluster_members", f"quote_id {_SELECTED}"),
    ("cluster_splits", f"quote_id {_SELECTED}"),
    ("match_suggestions", f"quote_a {_SELECTED} AND quote_b {_SELECTED}"),
    ("reviews", f"quote_id {_SELECTED}"),
    ("review_events", f"quote_id {_SELECTED} OR (quote_id IS NULL AND cluster_id IN ({_CLUSTERS}))"),
    ("corrections", f"quote_id {_SELECTED}"),
)


def write(db, flt: QuoteFilter | None, path: str | Path) -> int:
    """Write the quotations `flt` selects from `db` with all that belongs to them into a new database at
    `path` (which must not hold anything yet: pass a temporary path and rename it), and the verbatim fragments of
    the selected claims with them. Returns the number of quotations selected (fragments not counted)."""
    flt = flt or QuoteFilter()
    target = open_db(path)
    target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    target.close()

    conn = db.conn
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", [str(path)])
    try:
        conn.execute("BEGIN")  # deferred: a read snapshot of the source, the write lock only on the export
        try:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # speakers may point at speakers copied later
            where, params = flt.where()
            conn.execute(f"CREATE TABLE {SELECTION} (quote_id TEXT PRIMARY KEY)")
            conn.execute(f"INSERT INTO {SELECTION} SELECT v.quote_id FROM main.quotes_view v WHERE {where}", params)
            count = conn.execute(f"SELECT count(*) FROM {SELECTION}").fetchone()[0]
            # the verbatim fragments of the selected claims belong to them: the database is complete
            conn.execute(f"INSERT OR IGNORE INTO {SELECTION} SELECT id FROM main.quotes "
                         f"WHERE part_of IN (SELECT quote_id FROM {SELECTION})")
            for table, condition in ROWS_TO_COPY if not flt.is_empty() else _every_row(conn):
                columns = ", ".join(f'"{c[1]}"' for c in conn.execute(f"PRAGMA {SCHEMA}.table_info({table})"))
                conn.execute(
                    f"INSERT INTO {SCHEMA}.{table} ({columns}) SELECT {columns} FROM main.{table} WHERE {condition}"
                )
            for fts in ("quotes_fts", "articles_fts"):
                conn.execute(f"INSERT INTO {SCHEMA}.{fts}({fts}) VALUES ('rebuild')")
                conn.execute(f"DELETE FROM {SCHEMA}.{fts}_pending")  # what the copy's triggers recorded: indexed now
            conn.executemany(
                f"INSERT OR REPLACE INTO {SCHEMA}.meta(key, value) VALUES (?, ?)",
                _provenance(conn, flt).items(),
            )
            conn.execute(f"DROP TABLE {SELECTION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"DETACH DATABASE {SCHEMA}")
    return count


NOT_COPIED = {"match_pending"}  # the copy's own triggers record every quotation copied into it as pending


def _every_row(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every table of the schema (but meta and the full-text indexes, which are rebuilt), in an order that
    keeps foreign keys and triggers valid: the tables ROWS_TO_COPY knows first, then the others."""
    tables = [name for (name,) in conn.execute(
        f"SELECT name FROM {SCHEMA}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name != 'meta' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rowid")]
    indexes = [name for (name,) in conn.execute(
        f"SELECT name FROM {SCHEMA}.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    tables = [t for t in tables if not any(t.startswith(f"{index}_") for index in indexes) and t not in NOT_COPIED]
    known = list(dict.fromkeys(table for table, _ in ROWS_TO_COPY))
    return [(table, "1") for table in known + [t for t in tables if t not in known]]


def _provenance(conn: sqlite3.Connection, flt: QuoteFilter) -> dict[str, str]:
    source = next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main") or ":memory:"
    return {
        "exported_from": source,
        "exported_at": utc_now(),
        "export_filter": json.dumps(asdict(flt), ensure_ascii=False),
        "factcheck_version": __version__,
    }
