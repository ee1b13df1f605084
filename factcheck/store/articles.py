"""Saving an article and its quotations: the one write path of ingest.

Identity: an article's id is the content hash of the first version seen. A text already stored (from any
source; see `_classify` for an article's earlier versions) is "unchanged". The same url (or, without url, the same source path) with another text is an
"updated" article: it keeps its id and its quotations are diffed by their stable ids, so that reviews,
corrections and cluster membership of every quotation that is still there survive. Reviews are never
deleted: one whose quotation disappeared is flagged `orphaned` (and unflagged if it comes back).

Each article is saved in one write transaction: a crash leaves the database with the old version or the
new one, never half of it.

Bulk loads (`bulk_load`) skip the per-row full-text index work and rebuild both indexes once at the end.
While a bulk load runs, `meta.fts_deferred` is set and every save skips the index; whoever clears the
flag rebuilds first, so the index never goes out of step with the tables for good, even when a bulk load
is interrupted (the next ingest finishes the rebuild).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Iterable, Literal

import sqlite_utils

from .db import content_hash, fts_add, fts_remove, normalize_for_id, quote_id, rebuild_fts, speaker_id, utc_now, write_transaction
from .reviews import apply_corrections

SaveStatus = Literal["new", "updated", "unchanged"]

QUOTE_COLUMNS = (
    "id", "article_id", "start", "end", "text", "kind", "speaker_id", "speaker_mention", "speaker_start",
    "speaker_end", "cue", "cue_start", "cue_end", "confidence", "extractor_version", "part_of",
)


@dataclass(frozen=True)
class Article:
    """An article as read from its source. `source` is the path it was read from (None for stdin)."""

    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


def article_status(db: sqlite_utils.Database, article: Article) -> SaveStatus:
    """What saving `article` would do: "unchanged", "updated" or "new" (see the module docstring)."""
    return _classify(db, article)[0]


def save_article(
    db: sqlite_utils.Database, article: Article, quotations: Iterable, *, extractor_version: str
) -> SaveStatus:
    """Store `article` with `quotations` (factcheck.nlp.Quotation objects, offsets into article.text)."""
    with write_transaction(db):
        status, existing = _classify(db, article)
        if status == "unchanged":
            return status
        index = not fts_deferred(db)
        now = utc_now()
        if existing is None:
            article_id = content_hash(article.text)
            pk = db.execute(
                "INSERT INTO articles(id, content_hash, source, url, title, outlet, published, ingested_at, text, "
                "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, article_id, article.source, article.url, article.title, article.outlet,
                 article.published, now, article.text, extractor_version],
            ).lastrowid
        else:
            pk, article_id = existing
            if index:
                fts_remove(db, "articles", [pk])
            db.execute(
                "UPDATE articles SET content_hash = ?, text = ?, updated_at = ?, source = COALESCE(?, source), "
                "url = COALESCE(?, url), title = COALESCE(?, title), outlet = COALESCE(?, outlet), "
                "published = COALESCE(?, published), extractor_version = ? WHERE pk = ?",
                [content_hash(article.text), article.text, now, article.source, article.url, article.title,
                 article.outlet, article.published, extractor_version, pk],
            )
        if index:
            fts_add(db, "articles", [pk])
        _replace_quotes(db, article_id, article.text, list(quotations), extractor_version, index=index)
        return status


@dataclass(frozen=True)
class StoredArticle:
    """A stored article as a re-extraction reads it."""

    id: str
    content_hash: str
    text: str
    label: str  # title, url, source or id: how messages name it


def articles_to_reextract(db: sqlite_utils.Database, extractor_version: str, *, everything: bool = False) -> list[str]:
    """Ids of the articles that detector `extractor_version` has not read yet (all of them with `everything`),
    oldest first."""
    if everything:
        rows = db.execute("SELECT id FROM articles ORDER BY pk")
    else:
        rows = db.execute(
            "SELECT id FROM articles WHERE extractor_version IS NULL OR extractor_version != ? ORDER BY pk",
            [extractor_version],
        )
    return [article_id for (article_id,) in rows]


def stored_article(db: sqlite_utils.Database, article_id: str) -> StoredArticle | None:
    row = db.execute(
        "SELECT id, content_hash, text, COALESCE(title, url, source, id) FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return StoredArticle(*row) if row else None


def replace_quotations(
    db: sqlite_utils.Database, article: StoredArticle, quotations: Iterable, *, extractor_version: str
) -> QuoteChanges | None:
    """Store a new extraction of a stored article's unchanged text, in one transaction. Quotations found
    again keep their id, review, corrections and cluster; reviews of vanished ones are kept, flagged
    orphaned. Returns None (and writes nothing) if the article changed or went away since it was read."""
    with write_transaction(db):
        row = db.execute("SELECT content_hash FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is None or row[0] != article.content_hash:
            return None
        changes = _replace_quotes(db, article.id, article.text, list(quotations), extractor_version,
                                  index=not fts_deferred(db))
        db.execute("UPDATE articles SET extractor_version = ? WHERE id = ?", [extractor_version, article.id])
        return changes


def _classify(db: sqlite_utils.Database, article: Article) -> tuple[SaveStatus, tuple[int, str] | None]:
    """The status, and for an update the (pk, id) of the article it replaces.

    A text that is the first version of an article from elsewhere counts as seen ("unchanged"): storing it
    as new would collide with that article's id, and putting it back into that article would let two
    sources flip it back and forth. From the article's own url or path it is an update (a reverted edit)."""
    digest = content_hash(article.text)
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [digest]).fetchone():
        return "unchanged", None
    existing = _same_place(db, article)
    if existing:
        return "updated", existing
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [digest]).fetchone():
        return "unchanged", None
    return "new", None


def _same_place(db: sqlite_utils.Database, article: Article) -> tuple[int, str] | None:
    """The article previously read from the same url (or, without url, the same source path)."""
    if article.url:
        column, value = "url", article.url
    elif article.source:
        column, value = "source", article.source
    else:
        return None
    return db.execute(f"SELECT pk, id FROM articles WHERE {column} = ? ORDER BY pk DESC LIMIT 1", [value]).fetchone()


def _quote_rows(db: sqlite_utils.Database, article_id: str, text: str, quotations: list, extractor_version: str) -> list[tuple]:
    """Quote rows (in QUOTE_COLUMNS order) with stable ids: the n-th quotation with the same normalised
    wording in this article gets occurrence n. A verbatim fragment's `part_of` (an index into `quotations`)
    becomes the enclosing claim's id."""
    seen: dict[str, int] = {}
    ids = []
    for q in quotations:
        wording = normalize_for_id(q.text)
        occurrence = seen.get(wording, 0)
        seen[wording] = occurrence + 1
        ids.append(quote_id(article_id, q.text, occurrence))
    rows = []
    for qid, q in zip(ids, quotations):
        outer = q.part_of
        mention = None
        if q.speaker_start is not None and q.speaker_end is not None:
            mention = text[q.speaker_start : q.speaker_end]
        sid = speaker_id(db, q.speaker, q.speaker_type, variant=mention or q.speaker) if q.speaker else None
        rows.append((
            qid, article_id, q.start, q.end, q.text, q.kind, sid, mention, q.speaker_start, q.speaker_end, q.cue,
            q.cue_start, q.cue_end, q.confidence, extractor_version,
            ids[outer] if outer is not None and 0 <= outer < len(ids) and ids[outer] != qid else None,
        ))
    return rows


@dataclass(frozen=True)
class QuoteChanges:
    """What storing an extraction changed: quotations added, found again, vanished; reviews orphaned."""

    added: int = 0
    kept: int = 0
    vanished: int = 0
    orphaned_reviews: int = 0


def _replace_quotes(
    db: sqlite_utils.Database, article_id: str, text: str, quotations: list, extractor_version: str, *, index: bool
) -> QuoteChanges:
    """Diff the article's quotes by stable id: delete the vanished, update the surviving in place (their pk
    and cluster membership stay), insert the new; then flag/unflag reviews and re-apply corrections."""
    rows = _quote_rows(db, article_id, text, quotations, extractor_version)
    old = dict(db.execute("SELECT id, pk FROM quotes WHERE article_id = ?", [article_id]).fetchall())
    new_ids = [row[0] for row in rows]
    vanished = list(old.keys() - set(new_ids))
    surviving = [row for row in rows if row[0] in old]
    added = [row for row in rows if row[0] not in old]

    if index:
        fts_remove(db, "quotes", [old[qid] for qid in vanished] + [old[row[0]] for row in surviving])
    db.conn.executemany("DELETE FROM quotes WHERE id = ?", [(qid,) for qid in vanished])
    columns = ", ".join(f'"{c}"' for c in QUOTE_COLUMNS)
    sets = ", ".join(f'"{c}" = ?' for c in QUOTE_COLUMNS[1:])
    db.conn.executemany(f"UPDATE quotes SET {sets} WHERE id = ?", [(*row[1:], row[0]) for row in surviving])
    db.conn.executemany(f"INSERT INTO quotes({columns}) VALUES ({', '.join('?' * len(QUOTE_COLUMNS))})", added)
    if index and rows:
        pks = [pk for (pk,) in db.execute("SELECT pk FROM quotes WHERE article_id = ?", [article_id])]
        fts_add(db, "quotes", pks)

    orphaned = 0
    if vanished:
        orphaned = db.conn.executemany(
            "UPDATE reviews SET orphaned = 1 WHERE quote_id = ? AND orphaned = 0", [(qid,) for qid in vanished]
        ).rowcount
    db.execute(
        "UPDATE reviews SET orphaned = 0 WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?) AND orphaned = 1",
        [article_id],
    )
    apply_corrections(db, new_ids)
    return QuoteChanges(len(added), len(surviving), len(vanished), max(orphaned, 0))


def fts_deferred(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM meta WHERE key = 'fts_deferred'").fetchone() is not None


def finish_deferred_fts(db: sqlite_utils.Database) -> bool:
    """If a bulk load deferred the full-text index, rebuild it now. Returns whether it did."""
    with write_transaction(db):
        if not fts_deferred(db):
            return False
        rebuild_fts(db)
        db.execute("DELETE FROM meta WHERE key = 'fts_deferred'")
        return True


@contextlib.contextmanager
def bulk_load(db: sqlite_utils.Database):
    """Saves inside this block skip the per-row index work; both FTS indexes are rebuilt once at the end.

    If the block fails the flag stays set, and the next ingest (or `finish_deferred_fts`) rebuilds."""
    with write_transaction(db):
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_deferred', ?)", [utc_now()])
    yield db
    finish_deferred_fts(db)


def store_totals(db: sqlite_utils.Database, extractor_version: str | None = None) -> dict:
    """Whole-database counts, including what no quotation filter sees (articles without quotations,
    reviews whose quotation disappeared; with `extractor_version`, articles another detector release read)."""
    def one(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    return {
        "articles": one("SELECT count(*) FROM articles"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "speakers": one("SELECT count(*) FROM speakers WHERE merged_into IS NULL"),
        "reviews": one("SELECT count(*) FROM reviews WHERE status != 'unreviewed'"),
        "orphaned_reviews": one("SELECT count(*) FROM reviews WHERE orphaned = 1"),
        "clusters": one("SELECT count(*) FROM clusters"),
    } | ({"outdated_articles": _older_than(db, extractor_version)} if extractor_version else {})


def _older_than(db: sqlite_utils.Database, release: str) -> int:
    """Articles read by another detector release (with or without a --model: "1.3-rules+NAME" is current too)."""
    return db.execute(
        "SELECT count(*) FROM articles WHERE extractor_version IS NULL "
        "OR (extractor_version != ? AND extractor_version NOT LIKE ? || '+%')", [release, release]
    ).fetchone()[0]
