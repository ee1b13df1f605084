"""One way to select quotations, shared by `quotes`, `export` and the review UI.

A `QuoteFilter` turns into a WHERE clause over `quotes_view` (aliased `v`) with bound parameters:
user text never becomes SQL or FTS syntax. By default it selects claims: scare quotes (kind scare) and the
verbatim fragments inside a claim (part_of) are left out unless the filter asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .search import fts_query


@dataclass
class QuoteFilter:
    status: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    speaker: str | None = None        # part of a speaker's name or of a spelling merged into it, case-insensitive
    article: str | None = None        # article id, or substring of its title, url, source or outlet
    cluster: int | None = None
    search: str | None = None         # words (as prefixes, all required), "phrases", OR, -word: see store/search.py
    since: str | None = None          # ISO date: reviewed or published on or after
    only_unreviewed: bool = False
    include_not_quotes: bool = False  # quotes a reviewer marked "not a quotation" are hidden by default
    include_parts: bool = False       # verbatim fragments of a claim (part_of) are shown with their claim, not as rows
    has_suggestions: bool = False     # only quotations with a pending match suggestion

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) == f.default for f in fields(self))

    def where(self, *, lookups: bool = True) -> tuple[str, list]:
        """The WHERE clause and its parameters. `lookups=False` is for a query that walks another index in
        order (the review queue's pages): the lists of ids a speaker, search or suggestion filter makes are then
        only checked, never used to look rows up (a unary +). Otherwise SQLite may probe the whole list for
        every row it walks: the quotation's id index ends in its pk, so `id = ? AND pk IN (51,807 pks)` made
        a page of the "most appearances" sort take minutes at 1M quotations."""
        clauses: list[str] = []
        params: list = []
        plus = "" if lookups else "+"

        def any_of(column: str, values: tuple[str, ...]) -> None:
            if values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)

        any_of("v.status", self.status)
        any_of("v.verdict", self.verdict)
        any_of("v.kind", self.kind)
        if self.speaker:
            sql, values = speaker_ids(self.speaker)
            clauses.append(f"{plus}v.speaker_id IN ({sql})")
            params += values
        if self.article:
            clauses.append(
                "(v.article_id = ? OR v.title LIKE ? ESCAPE '\\' OR v.url LIKE ? ESCAPE '\\' "
                "OR v.source LIKE ? ESCAPE '\\' OR v.outlet LIKE ? ESCAPE '\\')"
            )
            params += [self.article] + [_like(self.article)] * 4
        if self.cluster is not None:
            clauses.append("v.cluster_id = ?")
            params.append(self.cluster)
        if self.search:
            query = fts_query(self.search)
            if query:
                clauses.append(f"{plus}v.quote_pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
                params.append(query)
            else:  # nothing to search for ("*", a lone quote mark) finds nothing rather than everything
                clauses.append("0")
        if self.has_suggestions:
            clauses.append(f"{plus}v.quote_id IN ({PENDING_SUGGESTIONS})")
        if self.since:
            clauses.append("(v.reviewed_at >= ? OR v.published >= ?)")
            params += [self.since, self.since]
        if self.only_unreviewed:
            clauses.append("v.status = 'unreviewed'")
        if not self.include_not_quotes:
            clauses.append("v.not_quote = 0")
        if not self.include_parts:
            clauses.append("v.part_of IS NULL")
        if "scare" not in self.kind:  # scare quotes (terms, names, titles) are no claims: shown when asked for
            clauses.append("v.kind != 'scare'")
        return (" AND ".join(clauses) or "1"), params


# Quotations with a suggested match a reviewer has not decided yet (pairs already in one cluster need none).
PENDING_SUGGESTIONS = """
SELECT CASE side WHEN 0 THEN s.quote_a ELSE s.quote_b END FROM match_suggestions s, (SELECT 0 AS side UNION ALL SELECT 1)
WHERE s.status = 'pending' AND NOT EXISTS (
    SELECT 1 FROM cluster_members x JOIN cluster_members y ON y.cluster_id = x.cluster_id
    WHERE x.quote_id = s.quote_a AND y.quote_id = s.quote_b)"""


def select_quotes(db, flt: QuoteFilter | None = None, *, order: str = "v.article_id, v.start", limit: int | None = None):
    """Rows of quotes_view matching the filter, as dicts, streamed (constant memory)."""
    where, params = (flt or QuoteFilter()).where()
    sql = f"SELECT v.* FROM quotes_view v WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row))


def speaker_ids(text: str) -> tuple[str, list]:
    """SQL for the ids of the speakers a speaker filter means: every one whose name or a spelling seen contains
    `text`, with all spellings merged into the same person ("Zelensky" finds those shown as Selenskyj)."""
    return (
        "SELECT s.id FROM speakers s WHERE COALESCE(s.merged_into, s.id) IN ("
        "SELECT COALESCE(t.merged_into, t.id) FROM speakers t "
        "WHERE t.name LIKE ? ESCAPE '\\' OR t.variants LIKE ? ESCAPE '\\')",
        [_like(text)] * 2,
    )


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def quote_stats(db, flt: QuoteFilter | None = None, *, top: int = 10) -> dict:
    """Counts over the quotations matching the filter: totals, by status, kind and verdict, top speakers.

    The view (five joins) is read once into a temporary table; the counts are then cheap."""
    where, params = (flt or QuoteFilter()).where()
    db.execute("DROP TABLE IF EXISTS temp.stats_selection")
    db.execute(
        "CREATE TEMP TABLE stats_selection AS SELECT v.status, v.kind, v.verdict, v.speaker, v.article_id, v.cluster_id "
        f"FROM quotes_view v WHERE {where}",
        params,
    )
    try:
        def count(expression: str) -> int:
            return db.execute(f"SELECT count({expression}) FROM temp.stats_selection").fetchone()[0]

        def by(column: str, limit: str = "") -> dict:
            sql = (f"SELECT {column}, count(*) FROM temp.stats_selection WHERE {column} IS NOT NULL "
                   f"GROUP BY 1 ORDER BY 2 DESC, 1 {limit}")
            return dict(db.execute(sql).fetchall())

        return {
            "quotes": count("*"),
            "articles": count("DISTINCT article_id"),
            "speakers": count("DISTINCT speaker"),
            "clusters": count("DISTINCT cluster_id"),
            "status": by("status"),
            "kind": by("kind"),
            "verdict": by("verdict"),
            "top_speakers": by("speaker", f"LIMIT {int(top)}"),
        }
    finally:
        db.execute("DROP TABLE temp.stats_selection")
