"""The database work behind the review UI, usable without the UI.

Everything here takes a sqlite_utils.Database and returns plain dicts and lists, so it can be tested,
scripted and benchmarked on its own. The queue is read a page at a time along an indexed order (keyset
paging when scrolling on, OFFSET when jumping), never all at once.
"""

from __future__ import annotations

import difflib
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from factcheck.match.decisions import pending_suggestions
from factcheck.store import (
    CORRECTION_FIELDS, QuoteFilter, fts_query, get_review, history, open_db, set_correction, update_review,
    update_reviews, write_transaction,
)


# Sort orders of the queue: label -> ORDER BY over quotes_view `v`, each walking an index and ending on the
# unique pk so that pages are stable. "most appearances" has its own query (see _page_by_appearances).
SORTS = {
    "newest": "v.quote_pk DESC",
    "most appearances": None,
    "lowest confidence": "v.confidence, v.quote_pk",  # unknown confidence (NULL) first
}
MODES = ("quotes", "clusters")

QUEUE_COLUMNS = (
    "v.quote_pk, v.quote_id, v.status, v.verdict, v.speaker, v.kind, substr(v.text, 1, 300) AS text, "
    "COALESCE(v.title, v.outlet, v.source, v.article_id) AS article, COALESCE(v.cluster_size, 1) AS appearances, "
    "v.cluster_id, v.review_version, v.confidence"
)
PARAGRAPH_LIMIT = 2000  # characters of context shown around a quotation at most


@dataclass(frozen=True)
class QueueQuery:
    """What the queue shows: a filter, a sort order and whether it lists quotes or claim clusters."""

    filter: QuoteFilter = field(default_factory=QuoteFilter)
    sort: str = "newest"
    mode: str = "quotes"

    def sql(self) -> tuple[str, list]:
        where, params = self.filter.where()
        if self.mode == "clusters":  # one row per cluster: its canonical quotation
            where += " AND v.quote_id IN (SELECT canonical_quote_id FROM clusters)"
        return where, params

    def with_(self, **changes) -> "QueueQuery":
        return replace(self, **changes)


def queue_page(
    db: sqlite_utils.Database, query: QueueQuery, offset: int, limit: int, after: dict | None = None
) -> list[dict]:
    """Rows `offset` .. `offset + limit` of the queue.

    `after`, the row just before `offset` (the last of the previous page), lets the newest and lowest
    confidence orders seek to it in their index (keyset paging) instead of counting `offset` rows past, so
    scrolling on stays as fast at row 500,000 as at row 0."""
    offset, limit = int(offset), int(limit)
    if query.sort == "most appearances":
        return _page_by_appearances(db, query, offset, limit)
    search = query.filter.search if query.sort == "newest" and fts_query(query.filter.search or "") else None
    if search:
        where, params = query.with_(filter=replace(query.filter, search=None)).sql()
    else:
        where, params = query.sql()
    seek = _keyset(query.sort, after)
    if seek:
        where += f" AND {seek[0]}"
        params = [*params, *seek[1]]
        offset = 0
    if search:
        # Walk the FTS index backwards by rowid (= quote pk) and stop after the page, instead of collecting
        # every match first (what QuoteFilter.where()'s IN does).
        sql = (
            f"SELECT {QUEUE_COLUMNS} FROM quotes_fts CROSS JOIN quotes_view v "
            f"WHERE quotes_fts MATCH ? AND v.quote_pk = quotes_fts.rowid AND {where} ORDER BY quotes_fts.rowid DESC"
        )
        params = [fts_query(search), *params]
    else:
        sql = f"SELECT {QUEUE_COLUMNS} FROM quotes_view v WHERE {where} ORDER BY {SORTS[query.sort]}"
    return _rows(db, f"{sql} LIMIT {limit} OFFSET {offset}", params)


def _keyset(sort: str, after: dict | None) -> tuple[str, list] | None:
    """The condition "comes after `after`" in `sort` order, where an index can seek to it."""
    if after is None:
        return None
    if sort == "newest":
        return "v.quote_pk < ?", [after["quote_pk"]]
    if sort == "lowest confidence" and after["confidence"] is not None:
        return "(v.confidence, v.quote_pk) > (?, ?)", [after["confidence"], after["quote_pk"]]
    return None


def _page_by_appearances(db, query: QueueQuery, offset: int, limit: int) -> list[dict]:
    """The "most appearances" order without sorting every quotation: first the clustered ones, walking the
    clusters by size (index clusters_size), then the unclustered ones, newest first."""
    where, params = query.sql()
    # CROSS JOIN makes SQLite start from the clusters, in index order, instead of scanning all quotes.
    clustered = (
        f"FROM clusters c2 CROSS JOIN cluster_members cm2 CROSS JOIN quotes_view v "
        f"WHERE cm2.cluster_id = c2.id AND v.quote_id = cm2.quote_id AND {where}"
    )
    rows = _rows(
        db, f"SELECT {QUEUE_COLUMNS} {clustered} ORDER BY c2.size DESC, c2.id DESC, v.quote_pk DESC "
        f"LIMIT {limit} OFFSET {offset}", params,
    )
    if len(rows) == limit:
        return rows
    clustered_count = offset + len(rows) if rows else db.execute(f"SELECT count(*) {clustered}", params).fetchone()[0]
    rest = f"SELECT {QUEUE_COLUMNS} FROM quotes_view v WHERE {where} AND v.cluster_id IS NULL ORDER BY v.quote_pk DESC"
    return rows + _rows(db, f"{rest} LIMIT {limit - len(rows)} OFFSET {max(offset - clustered_count, 0)}", params)


def _rows(db, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def queue_counts(db: sqlite_utils.Database, query: QueueQuery) -> tuple[int, int]:
    """(total, reviewed) under the query's filter. Scans every matching row: run it off the UI thread."""
    if query.mode == "quotes" and query.filter == QuoteFilter():
        # The queue every session opens on: count the two tables instead of joining the whole view.
        return db.execute(
            "SELECT (SELECT count(*) FROM quotes WHERE not_quote = 0), "
            "(SELECT count(*) FROM reviews r CROSS JOIN quotes q ON q.id = r.quote_id "
            " WHERE r.status != 'unreviewed' AND q.not_quote = 0)"
        ).fetchone()
    where, params = query.sql()
    total, reviewed = db.execute(
        f"SELECT count(*), COALESCE(sum(v.status != 'unreviewed'), 0) FROM quotes_view v WHERE {where}", params
    ).fetchone()
    return total, reviewed


def quote_detail(db: sqlite_utils.Database, quote_id: str) -> dict | None:
    """Everything the detail view shows about one quotation, or None if it is gone.

    `paragraph` is the article paragraph around the quotation; `spans` gives the quotation, speaker mention
    and cue as (start, end) offsets into that paragraph (None where unknown)."""
    row = db.execute(
        "SELECT v.*, a.text AS article_text FROM quotes_view v JOIN articles a ON a.id = v.article_id "
        "WHERE v.quote_id = ?",
        [quote_id],
    )
    names = [d[0] for d in row.description]
    found = row.fetchone()
    if found is None:
        return None
    detail = dict(zip(names, found))
    article_text = detail.pop("article_text")
    spans = {
        "quote": (detail["start"], detail["end"]),
        "speaker": (detail["speaker_start"], detail["speaker_end"]),
        "cue": (detail["cue_start"], detail["cue_end"]),
    }
    begin, end = paragraph_bounds(article_text, *[s for s in spans.values() if None not in s])
    detail["paragraph"] = article_text[begin:end]
    detail["spans"] = {
        name: (max(s - begin, 0), min(e - begin, end - begin)) if s is not None and e is not None and s < end and e > begin else None
        for name, (s, e) in spans.items()
    }
    detail["review"] = get_review(db, quote_id)
    detail["history"] = history(db, quote_id)
    detail["appearances"] = appearances(db, quote_id, detail["cluster_id"])
    detail["suggestions"] = pending_suggestions(db, quote_id)  # the matcher owns that query
    return detail


def paragraph_bounds(text: str, *spans: tuple[int, int]) -> tuple[int, int]:
    """The paragraph(s) of `text` holding all `spans`: from the line break before the first to the one
    after the last, at most PARAGRAPH_LIMIT characters around them."""
    if not spans:
        return 0, min(len(text), PARAGRAPH_LIMIT)
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    begin = text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    end = len(text) if end == -1 else end
    margin = max(PARAGRAPH_LIMIT - (last - first), 0) // 2
    return max(begin, first - margin), min(end, last + margin)


def appearances(db: sqlite_utils.Database, quote_id: str, cluster_id: int | None) -> list[dict]:
    """The other members of the quotation's cluster: where else the claim turns up, said by whom, worded how."""
    if cluster_id is None:
        return []
    cursor = db.execute(
        "SELECT quote_id, text, speaker, COALESCE(title, outlet, source, article_id) AS article, published, status, verdict "
        "FROM quotes_view WHERE cluster_id = ? AND quote_id != ? ORDER BY COALESCE(published, ''), quote_pk",
        [cluster_id, quote_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def cluster_member_versions(db: sqlite_utils.Database, cluster_id: int) -> dict[str, int]:
    """{quote_id: review version} for every member of the cluster: the versions an apply-to-cluster expects."""
    rows = db.execute(
        "SELECT cm.quote_id, COALESCE(r.version, 0) FROM cluster_members cm "
        "LEFT JOIN reviews r ON r.quote_id = cm.quote_id WHERE cm.cluster_id = ? ORDER BY cm.quote_id",
        [cluster_id],
    ).fetchall()
    return dict(rows)


def known_speakers(db: sqlite_utils.Database, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
    """(name, type) of known speakers whose name contains `text`, most quoted first."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        (name, type_)
        for name, type_ in db.execute(
            "SELECT s.name, s.type FROM speakers s LEFT JOIN quotes q ON q.speaker_id = s.id "
            "WHERE s.merged_into IS NULL AND s.name LIKE ? ESCAPE '\\' "
            "GROUP BY s.id ORDER BY count(q.pk) DESC, s.name LIMIT ?",
            [pattern, limit],
        ).fetchall()
    ]


def wording_diff(ours: str, theirs: str) -> list[tuple[str, str]]:
    """`theirs` as (kind, words) pieces against `ours`: kind is "same", "added" (only in theirs) or
    "removed" (only in ours)."""
    a, b = ours.split(), theirs.split()
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[_word_key(w) for w in a], b=[_word_key(w) for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(b[j1:j2])))
    return pieces


@dataclass(frozen=True)
class Decision:
    """A change this session made, with what it replaced: enough to undo it.

    kind "review": `before` maps quote id to the review fields as they were, `versions` to the versions
    the write produced. kind "correction": `before` maps quote id to {field: old value}."""

    kind: str
    before: dict[str, dict]
    versions: dict[str, int] = field(default_factory=dict)

    @property
    def quote_ids(self) -> list[str]:
        return list(self.before)


def decide(db: sqlite_utils.Database, expected_versions: dict[str, int], *, reviewer: str, **changes) -> Decision:
    """Apply review `changes` to one or more quotations in one transaction (StaleReview if any of them
    moved on since its version was read; then nothing is written)."""
    with write_transaction(db):
        before = {qid: {f: get_review(db, qid)[f] for f in changes} for qid in expected_versions}
        new = update_reviews(db, expected_versions, reviewer=reviewer, **changes)
    return Decision("review", before, {review["quote_id"]: review["version"] for review in new})


def correct(db: sqlite_utils.Database, quote_id: str, *, reviewer: str, **values) -> Decision:
    """Correct the machine (speaker, speaker_type, kind, not_quote) in one transaction."""
    with write_transaction(db):
        before = {field: current_value(db, quote_id, field) for field in values}
        for field, value in values.items():
            set_correction(db, quote_id, field, value, reviewer=reviewer)
    return Decision("correction", {quote_id: before})


def undo(
    db: sqlite_utils.Database, decision: Decision, *, reviewer: str, expected_versions: dict[str, int] | None = None
) -> Decision:
    """Put back what `decision` replaced, as a new audited change through the same locked path: if someone
    else changed a review since (since `decision`, or since `expected_versions` when this session wrote
    again after it), StaleReview and nothing is undone."""
    if decision.kind == "correction":
        [(quote_id, values)] = decision.before.items()
        return correct(db, quote_id, reviewer=reviewer, **values)
    expected = {**decision.versions, **(expected_versions or {})}
    with write_transaction(db):
        redo = {qid: {f: get_review(db, qid)[f] for f in fields} for qid, fields in decision.before.items()}
        versions = {
            qid: update_review(db, qid, reviewer=reviewer, expected_version=expected[qid], **fields)["version"]
            for qid, fields in decision.before.items()
        }
    return Decision("review", redo, versions)


def current_value(db: sqlite_utils.Database, quote_id: str, field: str):
    """The quotation's current speaker, speaker_type, kind or not_quote, as a correction would set it."""
    if field not in CORRECTION_FIELDS:
        raise ValueError(f"cannot correct {field!r}")
    row = db.execute(f"SELECT {field} FROM quotes_view WHERE quote_id = ?", [quote_id]).fetchone()
    if row is None:
        raise ValueError(f"no quotation with id {quote_id}")
    return bool(row[0]) if field == "not_quote" else row[0]


def _word_key(word: str) -> str:
    """What counts as the same word in a wording comparison: case and surrounding punctuation ignored."""
    return word.strip(".,;:!?„“”\"'»«()–-").casefold()


class Connections:
    """The UI's database connections, one per kind of work, each used by one thread at a time.

    `read` serves queue pages and details, `count` the slow filtered counts (interruptible, so a new
    filter never waits for the old count), `write` the decisions. Separate connections mean a running
    count never delays the first paint or a decision.
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._dbs = {name: open_db(self.path, check_same_thread=False) for name in ("read", "count", "write")}
        self._locks = {name: threading.Lock() for name in self._dbs}

    @contextmanager
    def use(self, name: str):
        with self._locks[name]:
            yield self._dbs[name]

    def interrupt_count(self) -> None:
        self._dbs["count"].conn.interrupt()

    def close(self) -> None:
        for name, db in self._dbs.items():
            with self._locks[name]:
                db.close()
