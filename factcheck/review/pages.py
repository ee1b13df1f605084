"""The review queue's rows, read from SQLite a page at a time, seeking by key in every sort.

A sort order is a list of segments (most sorts have one; "most appearances" lists the clustered quotations
cluster by cluster and then the rest), each ordered by key columns that end on a unique one. Rows carry
their key values, so the page after a row (or before it) is found by seeking to that key in an index: End,
PgDn and PgUp cost the same at row 900,000 as at row 0. Only a jump to a row far from any known one (a drag
of the scrollbar) counts rows with OFFSET.

Two ways to read a segment in order:
- walk: along an index in sort order, testing the filter on each row: right when many rows pass;
- candidates: when a selective part of the filter (a speaker, a cluster, an article, a search, a small status)
  matches at most CANDIDATES quotations, start from those and sort them: right when few rows pass, where a
  walk would read the whole table to fill a page.
Either way the rows are exactly the filter's (`QuoteFilter.where()`); the candidates only drive the plan.
"""

from __future__ import annotations

import bisect
import itertools
import weakref
from dataclasses import dataclass, field, replace

import sqlite_utils

from factcheck.store import QuoteFilter, fts_query
from factcheck.store.query import PENDING_SUGGESTIONS, speaker_ids

SORTS = ("newest", "articles", "appearances", "confidence")
MODES = ("quotes", "clusters")
CANDIDATES = 5000  # at most this many candidate rows are sorted instead of walking an index

COLUMNS = (
    "v.quote_pk, v.quote_id, v.status, v.verdict, v.speaker, v.speaker_type, v.kind, substr(v.text, 1, 300) AS text, "
    "v.title, v.outlet, v.source, v.url, v.published, v.article_id, COALESCE(v.cluster_size, 1) AS appearances, "
    "v.cluster_id, v.review_version, v.confidence, v.not_quote, v.part_of, v.start"
)


@dataclass(frozen=True)
class QueueQuery:
    """What the queue shows: a filter, a sort order and whether it lists quotes or claim clusters."""

    filter: QuoteFilter = field(default_factory=QuoteFilter)
    sort: str = "newest"
    mode: str = "quotes"

    def sql(self, *, walk: bool = False, db: sqlite_utils.Database | None = None) -> tuple[str, list]:
        """The filter as SQL; `walk` when the query walks a sort order's index (see QuoteFilter.where). With `db`,
        a walk checks a search against its hits read once (see _search_hits)."""
        hits = _search_hits(db, self.filter.search) if walk and db is not None else None
        where, params = (replace(self.filter, search=None) if hits else self.filter).where(lookups=not walk)
        if hits:
            where += f" AND +v.quote_pk IN (SELECT pk FROM temp.{hits})"
        if self.mode == "clusters":  # one row per cluster: its canonical quotation
            where += f" AND {'+' if walk else ''}v.quote_id IN (SELECT canonical_quote_id FROM clusters)"
        return where, params

    def with_(self, **changes) -> "QueueQuery":
        return replace(self, **changes)


@dataclass(frozen=True)
class Key:
    column: str              # an expression over the segment's tables; never NULL
    descending: bool = False


@dataclass(frozen=True)
class Segment:
    walk: str        # FROM clause whose join order walks the first key's index in order
    driven: str      # FROM clause after a candidates subquery `c` (column pk): the same tables, joined by key
    keys: tuple[Key, ...]
    where: str = "1"
    seek_prefix: int = 1  # leading keys of one index, in one direction: a row value seeks on all of them

    def counts_in_order(self, driver) -> bool:
        """Whether a count over the segment walks its tables in a fixed order (no candidates, CROSS JOIN): then
        the filter's lists of ids may only be checked (QuoteFilter.where(lookups=False)), or SQLite probes a
        whole list for each row it walks. A count over the view alone ("lowest confidence") is better planned
        freely, from the search's pks. Pages always walk (see _select)."""
        return driver is None and "CROSS JOIN" in self.walk


_NEWEST_KEYS = (Key("a2.pk", descending=True), Key("v.start"), Key("v.quote_pk"))
_BY_ARTICLE = Segment(
    walk="articles a2 CROSS JOIN quotes_view v ON v.article_id = a2.id",
    driven="quotes_view v ON v.quote_pk = c.pk CROSS JOIN articles a2 ON a2.id = v.article_id",
    keys=_NEWEST_KEYS,
)
_CLUSTERED = Segment(
    walk="clusters c2 CROSS JOIN cluster_members cm2 ON cm2.cluster_id = c2.id "
         "CROSS JOIN quotes_view v ON v.quote_id = cm2.quote_id",
    driven="quotes_view v ON v.quote_pk = c.pk CROSS JOIN clusters c2 ON c2.id = v.cluster_id",
    keys=(Key("c2.size", descending=True), Key("c2.id", descending=True), Key("v.quote_pk")),
    seek_prefix=2,  # index clusters_size is (size, id): most clusters share a size
)
_SEGMENTS = {
    # newest articles first, each in reading order (the last-ingested quotation first put readers mid-article)
    "newest": (_BY_ARTICLE,),
    # the articles in the order they were read in, each in reading order
    "articles": (replace(_BY_ARTICLE, keys=(Key("a2.pk"), Key("v.start"), Key("v.quote_pk"))),),
    # the biggest claim clusters first, then every quotation in no cluster, newest articles first
    "appearances": (_CLUSTERED, replace(_BY_ARTICLE, where="v.cluster_id IS NULL")),
    # the detector's least sure first: unknown confidence before all (a segment of its own, so that neither
    # needs a key that can be NULL: "lower than x or NULL" is no range an index can seek)
    "confidence": (
        Segment(walk="quotes_view v", driven="quotes_view v ON v.quote_pk = c.pk", keys=(Key("v.quote_pk"),),
                where="v.confidence IS NULL"),
        Segment(walk="quotes_view v", driven="quotes_view v ON v.quote_pk = c.pk",
                keys=(Key("v.confidence"), Key("v.quote_pk")), where="v.confidence IS NOT NULL"),
    ),
}


def segments(query: QueueQuery) -> tuple[Segment, ...]:
    found = _SEGMENTS[query.sort]
    return found[:1] if query.mode == "clusters" and query.sort == "appearances" else found  # canonicals are clustered


def queue_rows(
    db: sqlite_utils.Database,
    query: QueueQuery,
    limit: int,
    *,
    after: dict | None = None,
    before: dict | None = None,
    inclusive: bool = False,
    offset: int = 0,
    from_end: bool = False,
) -> list[dict]:
    """Up to `limit` rows of the queue, in queue order:

    - after=row: the rows following `row` (and `row` itself, or whatever now takes its place, if `inclusive`);
    - before=row: the rows just before it;
    - neither: from the start, or with `from_end` the last rows; `offset` skips that many first (last) rows.
    A row passed as `after`/`before` need not be in the queue: its key places it."""
    limit, offset = int(limit), int(offset)
    backwards = before is not None or (after is None and from_end)
    anchor = before if backwards else after
    parts = segments(query)
    order = list(range(len(parts)))
    if backwards:
        order.reverse()
    if anchor is not None:
        order = order[order.index(anchor["seg"]):]
    driver = _candidates(db, query)
    if driver is not None:
        return _slice(_sorted_candidates(db, query, driver), parts, limit, after, before, inclusive, offset, from_end)
    rows: list[dict] = []
    for number in order:
        want = limit - len(rows)
        if want <= 0:
            break
        seek = anchor if anchor is not None and number == anchor["seg"] else None
        found = _segment_rows(db, query, number, parts[number], driver, want, offset, seek, backwards,
                              inclusive and not backwards)
        if not found and offset:
            offset -= _segment_count(db, query, parts[number], driver)
            offset = max(offset, 0)
            continue
        offset = 0
        rows += found
    return rows[::-1] if backwards else rows


def _sorted_candidates(db, query: QueueQuery, driver: tuple[str, list]) -> tuple[list[dict], list[tuple]]:
    """Every row of a queue read from candidates (at most CANDIDATES), in queue order, with their sort keys:
    read once, so End, PgDn and jumps are slices. Kept until the database changes (PRAGMA data_version
    counts the commits of every other connection, our own writes included)."""
    version = db.execute("PRAGMA data_version").fetchone()[0]
    key = (id(db.conn), repr(query), version)
    if key not in _SORTED:
        if len(_SORTED) >= 4:
            _SORTED.pop(next(iter(_SORTED)))
        parts = segments(query)
        rows = [row for number, part in enumerate(parts)
                for row in _segment_rows(db, query, number, part, driver, -1, 0, None, False, False)]
        _SORTED[key] = (rows, [_sort_key(row, parts) for row in rows])
    return _SORTED[key]


_SORTED: dict[tuple, tuple[list[dict], list[tuple]]] = {}


def _sort_key(row: dict, parts: tuple[Segment, ...]) -> tuple:
    """A row's place in queue order as a Python tuple (the keys are numbers)."""
    keys = parts[row["seg"]].keys
    return (row["seg"], *(-row[f"k{i}"] if k.descending else row[f"k{i}"] for i, k in enumerate(keys)))


def _slice(sorted_rows, parts, limit, after, before, inclusive, offset, from_end) -> list[dict]:
    """queue_rows() on the rows of `_sorted_candidates`."""
    rows, keys = sorted_rows
    if after is not None:
        start = (bisect.bisect_left if inclusive else bisect.bisect_right)(keys, _sort_key(after, parts)) + offset
        return rows[start:start + limit]
    if before is not None:
        end = bisect.bisect_left(keys, _sort_key(before, parts))
        return rows[max(end - limit, 0):end]
    if from_end:
        end = max(len(rows) - offset, 0)
        return rows[max(end - limit, 0):end]
    return rows[offset:offset + limit]


def _segment_rows(db, query, number, segment, driver, limit, offset, seek, backwards, inclusive) -> list[dict]:
    if offset and seek is None and driver is None:
        # Counting rows past reads only the keys (SQLite then leaves out the joins the keys do not need), and the
        # page is read from the row found, by key: a third less work for a jump into the middle.
        seek = _select(db, query, number, segment, driver, "", 1, offset, None, backwards, False)
        if not seek:
            return []
        seek, offset, inclusive = seek[0], 0, True
    return _select(db, query, number, segment, driver, COLUMNS + ", ", limit, offset, seek, backwards, inclusive)


def _select(db, query, number, segment, driver, columns, limit, offset, seek, backwards, inclusive) -> list[dict]:
    # Without candidates a page walks the sort's index and only checks the filter's id lists: driven by a
    # search's pks instead, every page of "lowest confidence" would sort the whole search again.
    where, params = query.sql(walk=driver is None, db=db)
    where = f"{where} AND {segment.where}"
    if seek is not None:
        condition, values = _seek(segment, [seek[f"k{i}"] for i in range(len(segment.keys))], backwards, inclusive)
        where += f" AND {condition}"
        params = [*params, *values]
    keys = ", ".join(f"{key.column} AS k{i}" for i, key in enumerate(segment.keys))
    order = ", ".join(
        f"{key.column} {'DESC' if key.descending != backwards else 'ASC'}" for key in segment.keys
    )
    source, params = _source(segment, driver, params)
    sql = (f"SELECT {columns}{keys}, {number} AS seg FROM {source} WHERE {where} "
           f"ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}")
    return _dicts(db.execute(sql, params))


def _segment_count(db, query, segment, driver) -> int:
    where, params = query.sql(walk=segment.counts_in_order(driver), db=db)
    source, params = _source(segment, driver, params)
    return db.execute(f"SELECT count(*) FROM {source} WHERE {where} AND {segment.where}", params).fetchone()[0]


def _source(segment: Segment, driver: tuple[str, list] | None, params: list) -> tuple[str, list]:
    """The FROM clause: the segment's walk, or its tables joined to the candidates. The candidates subquery has
    a LIMIT so that SQLite keeps it a subquery: flattened into the join, its rows were each tested against the
    whole full-text match again (32 s instead of 0.1 s for 5,000 candidates)."""
    if driver is None:
        return segment.walk, params
    return f"({driver[0]} LIMIT -1) c CROSS JOIN {segment.driven}", [*driver[1], *params]


def _seek(segment: Segment, values: list, backwards: bool, inclusive: bool) -> tuple[str, list]:
    """SQL for "comes after (before, if `backwards`) the row with key `values`" in the segment's order. The
    leading key(s) also get a plain range, which is what lets SQLite seek in its index. Keys are never NULL
    (see the confidence sort)."""
    keys = segment.keys

    def chain(i: int) -> tuple[str, list]:
        if i == len(keys):
            return ("1" if inclusive else "0"), []
        later = ">" if keys[i].descending == backwards else "<"
        rest, rest_params = chain(i + 1)
        column = keys[i].column
        return f"({column} {later} ? OR ({column} = ? AND {rest}))", [values[i], values[i], *rest_params]

    condition, params = chain(0)
    prefix = segment.seek_prefix
    columns = ", ".join(key.column for key in keys[:prefix])
    marks = ", ".join("?" * prefix)
    comparison = ">=" if keys[0].descending == backwards else "<="
    return f"({columns}) {comparison} ({marks}) AND {condition}", [*values[:prefix], *params]


def _candidates(db, query: QueueQuery) -> tuple[str, list] | None:
    """A subquery of quote pks that holds every row of the queue and at most CANDIDATES others: the smallest
    selective part of the filter, or the intersection of parts of moderate size when a walk would read too
    many rows for a page (two parts in a hundredth of the quotations each may share only a few). None: walk
    the sort order's index. The choice is remembered for the query (the subquery runs afresh with every page)."""
    key = (_db_key(db), repr(query.filter))
    if key not in _PLANS:
        if len(_PLANS) > 64:
            _PLANS.clear()
        _PLANS[key] = _choose_candidates(db, _candidate_options(query.filter))
    return _PLANS[key]


_PLANS: dict[tuple, tuple[str, list] | None] = {}
MODERATE = 12 * CANDIDATES  # parts up to this size are worth intersecting
# Rows a walk may be expected to read for a page before an intersection is cheaper. On 1,000,000 quotations
# (benchmarks/bench_review.py) a walk reading ~71,000 rows a page (status verified + a two-word search) paints
# its first page in 50-170 ms in every sort, while the intersection costs 250-550 ms to size and 350-800 ms
# more to read and sort, on every filter change: at 50,000 such filters missed the 200 ms target.
WALK_BUDGET = 100_000


def _db_key(db) -> str:
    return next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "") or str(id(db))


@dataclass(frozen=True)
class _Part:
    """A selective part of a filter: `pks` selects a superset of its quote pks, `rows` as many rows (cheaper)."""

    pks: str
    rows: str
    params: list


def _choose_candidates(db, parts: list[_Part]) -> tuple[str, list] | None:
    def size(sql: str, params: list, cap: int) -> int:
        return db.execute(f"SELECT count(*) FROM ({sql} LIMIT {cap + 1})", params).fetchone()[0]

    sizes = [(size(part.rows, part.params, CANDIDATES), part) for part in parts]
    small = min((found for found in sizes if found[0] <= CANDIDATES), key=lambda found: found[0], default=None)
    if small is not None:
        return small[1].pks, small[1].params
    if len(parts) < 2:
        return None
    quotations = max(db.execute("SELECT max(pk) FROM quotes").fetchone()[0] or 1, 1)
    sizes = [(size(part.rows, part.params, MODERATE), part) for part in parts]
    share = 1.0
    for found, _ in sizes:
        share *= min(found / quotations, 1.0)
    if PAGE / max(share, 1e-12) <= WALK_BUDGET:  # as if the parts were independent
        return None
    moderate = [part for found, part in sizes if found <= MODERATE]
    if len(moderate) < 2:
        return None
    sql = " INTERSECT ".join(f"SELECT pk FROM ({part.pks})" for part in moderate)
    params = [value for part in moderate for value in part.params]
    if size(sql, params, CANDIDATES) > CANDIDATES:
        return None
    return f"SELECT pk FROM ({sql})", params


PAGE = 100  # rows a page is expected to hold, for the plan


def _candidate_options(f: QuoteFilter) -> list[_Part]:
    """The selective parts of a filter."""
    parts: list[_Part] = []
    if f.cluster is not None:
        sql = "FROM cluster_members cm JOIN quotes q ON q.id = cm.quote_id WHERE cm.cluster_id = ?"
        parts.append(_Part(f"SELECT q.pk {sql}", f"SELECT 1 {sql}", [f.cluster]))
    if f.speaker:
        speakers, params = speaker_ids(f.speaker)
        sql = f"FROM quotes WHERE speaker_id IN ({speakers})"
        parts.append(_Part(f"SELECT pk {sql}", f"SELECT 1 {sql}", params))
    if f.article:
        like = "%" + f.article.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = ("FROM articles a JOIN quotes q ON q.article_id = a.id WHERE a.id = ? OR a.title LIKE ? ESCAPE '\\' "
               "OR a.url LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\' OR a.outlet LIKE ? ESCAPE '\\'")
        parts.append(_Part(f"SELECT q.pk {sql}", f"SELECT 1 {sql}", [f.article] + [like] * 4))
    if f.search and fts_query(f.search):
        sql = "SELECT rowid AS pk FROM quotes_fts WHERE quotes_fts MATCH ?"
        parts.append(_Part(sql, sql, [fts_query(f.search)]))
    if f.has_suggestions:
        sql = f"FROM quotes WHERE id IN ({PENDING_SUGGESTIONS})"
        parts.append(_Part(f"SELECT pk {sql}", f"SELECT 1 {sql}", []))
    decided = [s for s in f.status if s != "unreviewed"]
    for column, values in (("status", decided if len(decided) == len(f.status) else []), ("verdict", list(f.verdict))):
        if values:
            where = f"WHERE r.{column} IN ({','.join('?' * len(values))})"
            parts.append(_Part(f"SELECT q.pk FROM reviews r JOIN quotes q ON q.id = r.quote_id {where}",
                               f"SELECT 1 FROM reviews r {where}", values))
    return parts


_HITS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # database -> {match: (version, temp table)}
_HIT_TABLES = itertools.count()


def _search_hits(db: sqlite_utils.Database, search: str | None) -> str | None:
    """The name of a temp table of the quote pks a full-text search finds, read once per search and database
    version, or None (no search, or a transaction is open: the table is only filled outside of one). A walk
    checks each row it reads against the search, and SQLite ran the search again for every page: at 1,000,000
    quotations a two-word prefix search costs 50-60 ms of CPU, more than walking the rows of the page
    (benchmarks/bench_review.py: End and deep PgDn under "verified + Renten sicher")."""
    match = fts_query(search) if search else None
    if not match or db.conn.in_transaction:
        return None
    tables = _HITS.setdefault(db, {})
    # data_version counts the commits of other connections, total_changes the writes of this one
    version = (db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes)
    known = tables.pop(match, None)
    if known is not None and known[0] == version:
        tables[match] = known  # now the most recently used
        return known[1]
    if known is None and len(tables) >= 4:
        known = tables.pop(next(iter(tables)))  # the least recently used search gives up its table
    name = known[1] if known is not None else f"queue_hits_{next(_HIT_TABLES)}"
    db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    db.execute(f"CREATE TEMP TABLE {name}(pk INTEGER PRIMARY KEY)")
    db.execute(f"INSERT INTO temp.{name} SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [match])
    db.conn.commit()
    tables[match] = ((version[0], db.conn.total_changes), name)
    return name


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def queue_counts(db: sqlite_utils.Database, query: QueueQuery) -> dict:
    """How long the queue is and how far the reviewing is: {"rows": rows in the queue, "total": quotations under
    the filter whatever their status, "reviewed": those of them decided}. So that "only unreviewed" still shows
    progress. Scans every matching row: run it off the UI thread."""
    unfiltered = query.with_(filter=replace(query.filter, status=(), only_unreviewed=False))
    status_where, status_params = _status_clause(query.filter)
    if query.mode == "quotes" and unfiltered.filter == QuoteFilter():
        # The queue every session opens on: two tables instead of the whole view.
        base = "q.not_quote = 0 AND q.part_of IS NULL AND q.kind != 'scare'"
        total, reviewed, rows = db.execute(
            f"SELECT count(*), COALESCE(sum(v.status != 'unreviewed'), 0), COALESCE(sum({status_where}), 0) FROM "
            f"(SELECT COALESCE(r.status, 'unreviewed') AS status FROM quotes q LEFT JOIN reviews r ON r.quote_id = q.id "
            f"WHERE {base}) v", status_params,
        ).fetchone()
        return {"rows": rows, "total": total, "reviewed": reviewed}
    where, params = unfiltered.sql()
    driver = _candidates(db, unfiltered)
    source, params = _source(Segment("quotes_view v", "quotes_view v ON v.quote_pk = c.pk", ()), driver, params)
    total, reviewed, rows = db.execute(
        f"SELECT count(*), COALESCE(sum(v.status != 'unreviewed'), 0), COALESCE(sum({status_where}), 0) "
        f"FROM {source} WHERE {where}", [*status_params, *params],
    ).fetchone()
    return {"rows": rows, "total": total, "reviewed": reviewed}


def _status_clause(flt: QuoteFilter) -> tuple[str, list]:
    clauses, params = ["1"], []
    if flt.status:
        clauses.append(f"v.status IN ({','.join('?' * len(flt.status))})")
        params += list(flt.status)
    if flt.only_unreviewed:
        clauses.append("v.status = 'unreviewed'")
    return "(" + " AND ".join(clauses) + ")", params


def queue_position(db: sqlite_utils.Database, query: QueueQuery, row: dict) -> int:
    """How many queue rows come before `row` (its index, if it is in the queue). Counts: off the UI thread."""
    parts = segments(query)
    driver = _candidates(db, query)
    if driver is not None:
        return bisect.bisect_left(_sorted_candidates(db, query, driver)[1], _sort_key(row, parts))
    before = sum(_segment_count(db, query, parts[n], driver) for n in range(row["seg"]))
    segment = parts[row["seg"]]
    where, params = query.sql(walk=segment.counts_in_order(driver), db=db)
    condition, values = _seek(segment, [row[f"k{i}"] for i in range(len(segment.keys))], True, False)
    source, params = _source(segment, driver, params)
    return before + db.execute(
        f"SELECT count(*) FROM {source} WHERE {where} AND {segment.where} AND {condition}", [*params, *values]
    ).fetchone()[0]


def row_for(db: sqlite_utils.Database, query: QueueQuery, quote_id: str) -> dict | None:
    """The queue row of a quotation (with its keys in every segment it could be in), whether or not the
    query's filter selects it: what anchors the queue on an item. None if there is no such quotation."""
    for number, segment in enumerate(segments(query)):
        keys = ", ".join(f"{key.column} AS k{i}" for i, key in enumerate(segment.keys))
        found = _dicts(db.execute(
            f"SELECT {COLUMNS}, {keys}, {number} AS seg FROM (SELECT pk FROM quotes WHERE id = ?) c "
            f"CROSS JOIN {segment.driven} WHERE {segment.where}", [quote_id]))
        if found:
            return found[0]
    return None


def in_queue(db: sqlite_utils.Database, query: QueueQuery, quote_id: str) -> bool:
    where, params = query.sql()
    return db.execute(f"SELECT 1 FROM quotes_view v WHERE v.quote_id = ? AND {where}", [quote_id, *params]).fetchone() is not None
