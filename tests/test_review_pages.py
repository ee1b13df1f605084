"""The queue's pages (factcheck.review.pages): every sort, both directions, by key and by offset, with and without
a filter, against the order written out in Python on a small random database."""

from __future__ import annotations

import random

import pytest

from factcheck.review import pages
from factcheck.review.pages import SORTS, QueueQuery, in_queue, queue_counts, queue_position, queue_rows, row_for, segments
from factcheck.store import QuoteFilter, open_db, rebuild_fts, select_quotes


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    rng = random.Random(3)
    db = open_db(tmp_path_factory.mktemp("pages") / "pages.db")
    words = "Renten Klima Steuern Wahl sicher falsch Öl Feuer".split()
    with db.conn:
        for s in range(1, 6):
            db.execute("INSERT INTO speakers(id, name, type) VALUES (?, ?, 'person')", [s, f"Sprecher {s}"])
        for a in range(1, 16):
            db.execute("INSERT INTO articles(pk, id, content_hash, title, ingested_at, text) VALUES (?, ?, ?, ?, 'now', 'x')",
                       [a, f"a{a}", f"a{a}", f"Artikel {a}"])
        pk = 0
        for a in rng.sample(range(1, 16), 15):  # quote pks not in article order, like re-ingested articles
            for start in rng.sample(range(0, 500, 10), rng.randint(0, 12)):
                pk += 1
                db.execute(
                    'INSERT INTO quotes(pk, id, article_id, start, "end", text, kind, speaker_id, confidence, '
                    "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 't')",
                    [pk, f"q{pk}", f"a{a}", start, start + 5, " ".join(rng.choices(words, k=4)),
                     rng.choice(["direct", "indirect", "partial", "scare"]), rng.randint(1, 5),
                     rng.choice([None, 0.5, round(rng.random(), 2)])])
        for c in range(1, 8):
            db.execute("INSERT INTO clusters(id, canonical_quote_id, canonical_text, size, created_at) "
                       "VALUES (?, ?, '', ?, 'now')", [c, f"q{c * 9}", rng.choice([2, 3, 3])])
            for m in range(3):
                db.execute("INSERT OR IGNORE INTO cluster_members(quote_id, cluster_id, added_at) VALUES (?, ?, 'now')",
                           [f"q{c * 9 + m}", c])
        for q in rng.sample(range(1, pk + 1), pk // 3):
            db.execute("INSERT INTO reviews(quote_id, status, version) VALUES (?, ?, 1)",
                       [f"q{q}", rng.choice(["verified", "disputed"])])
        rebuild_fts(db)
    yield db
    db.close()


def expected(db, query: QueueQuery) -> list[str]:
    """The queue's order, written out in Python."""
    rows = list(select_quotes(db, query.filter))
    if query.mode == "clusters":
        canonical = {r[0] for r in db.execute("SELECT canonical_quote_id FROM clusters")}
        rows = [r for r in rows if r["quote_id"] in canonical]
    article_pk = dict(db.execute("SELECT id, pk FROM articles").fetchall())
    newest = lambda r: (-article_pk[r["article_id"]], r["start"], r["quote_pk"])  # noqa: E731
    keys = {
        "newest": newest,
        "articles": lambda r: (article_pk[r["article_id"]], r["start"], r["quote_pk"]),
        "appearances": lambda r: ((0, -r["cluster_size"], -r["cluster_id"], r["quote_pk"]) if r["cluster_id"]
                                  else (1, *newest(r))),
        "confidence": lambda r: (r["confidence"] is not None, r["confidence"] or 0, r["quote_pk"]),
    }
    return [r["quote_id"] for r in sorted(rows, key=keys[query.sort])]


QUERIES = [
    QueueQuery(sort=sort, filter=flt, mode=mode)
    for sort in SORTS
    for flt in (QuoteFilter(), QuoteFilter(status=("verified",), search="Renten OR Öl"),
                QuoteFilter(speaker="Sprecher 2", only_unreviewed=True), QuoteFilter(cluster=3))
    for mode in ("quotes", "clusters")
]


@pytest.fixture(params=["walk", "candidates", "intersection"])
def plan(request, monkeypatch):
    """Each way of reading the queue: walking the sort order's index, sorting the candidates of a selective
    filter, sorting the intersection of two moderately selective ones."""
    limits = {"walk": (-1, -1, 0), "candidates": (5000, 60000, 0), "intersection": (12, 10000, 0)}[request.param]
    monkeypatch.setattr(pages, "CANDIDATES", limits[0])
    monkeypatch.setattr(pages, "MODERATE", limits[1])
    monkeypatch.setattr(pages, "WALK_BUDGET", limits[2])
    monkeypatch.setattr(pages, "_PLANS", {})
    return request.param


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.sort}-{q.mode}-{q.filter}")
def test_pages_by_key_and_by_offset_follow_the_order(db, query, plan):
    want = expected(db, query)
    chosen = pages._candidates(db, query)
    if plan == "walk" or query.filter == QuoteFilter():
        assert chosen is None
    elif plan == "intersection" and query.filter.search:
        assert "INTERSECT" in chosen[0]
    ids = lambda rows: [r["quote_id"] for r in rows]  # noqa: E731
    forward, page = [], queue_rows(db, query, 7)
    while page:
        forward += page
        page = queue_rows(db, query, 7, after=page[-1])
    assert ids(forward) == want
    backward, page = [], queue_rows(db, query, 5, from_end=True)
    while page:
        backward = page + backward
        page = queue_rows(db, query, 5, before=page[0])
    assert ids(backward) == want
    for offset in (0, 3, len(want) // 2, len(want) - 1, len(want) + 2):
        assert ids(queue_rows(db, query, 4, offset=offset)) == want[offset:offset + 4]
        assert ids(queue_rows(db, query, 4, offset=offset, from_end=True)) == want[max(len(want) - offset - 4, 0):max(len(want) - offset, 0)]
    for index in (0, len(want) // 3, len(want) - 1)[:len(want)]:
        row = forward[index]
        assert queue_position(db, query, row) == index
        assert ids(queue_rows(db, query, 3, after=row, inclusive=True)) == want[index:index + 3]
    counts = queue_counts(db, query)
    assert counts["rows"] == len(want)


def test_an_item_outside_the_filter_still_places_the_queue(db):
    query = QueueQuery(filter=QuoteFilter(status=("verified",)))
    outside = next(r["quote_id"] for r in select_quotes(db) if r["status"] == "unreviewed")
    assert not in_queue(db, query, outside)
    row = row_for(db, query, outside)
    want = expected(db, query)
    following = [r["quote_id"] for r in queue_rows(db, query, 100, after=row, inclusive=True)]
    assert following == want[len(want) - len(following):]


def test_counts_show_progress_under_only_unreviewed(db):
    everything = queue_counts(db, QueueQuery())
    open_only = queue_counts(db, QueueQuery(filter=QuoteFilter(only_unreviewed=True)))
    assert open_only["total"] == everything["total"] and open_only["reviewed"] == everything["reviewed"] > 0
    assert open_only["rows"] == everything["total"] - everything["reviewed"]


def test_a_filter_whose_parts_leave_many_rows_per_page_walks(db, monkeypatch):
    """Two parts too big to sort but frequent enough together that a walk finds a page soon: no intersection."""
    query = QueueQuery(filter=QuoteFilter(status=("verified",), search="Renten OR Öl"))
    parts = pages._candidate_options(query.filter)
    both = db.execute(f"SELECT count(*) FROM ({parts[0].pks} INTERSECT {parts[1].pks})",
                      [*parts[0].params, *parts[1].params]).fetchone()[0]
    smallest = min(db.execute(f"SELECT count(*) FROM ({p.pks})", p.params).fetchone()[0] for p in parts)
    assert both < smallest
    monkeypatch.setattr(pages, "CANDIDATES", both)  # the intersection could be sorted, neither part alone
    monkeypatch.setattr(pages, "_PLANS", {})
    assert pages._candidates(db, query) is None
    monkeypatch.setattr(pages, "_PLANS", {})
    monkeypatch.setattr(pages, "WALK_BUDGET", 10)
    assert "INTERSECT" in pages._candidates(db, query)[0]


@pytest.mark.parametrize("sort", SORTS)
def test_a_walk_only_checks_the_filters_lists_of_ids(db, sort):
    """A page read by walking the sort's index checks the search's pks, it never looks rows up by them: SQLite
    probed all 51,807 pks of a search for each clustered quotation it walked ("most appearances" with a search
    at 1M quotations: minutes for one page)."""
    query = QueueQuery(filter=QuoteFilter(status=("verified",), search="Renten OR Öl", speaker="Sprecher"), sort=sort)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        for number, part in enumerate(segments(query)):
            pages._select(db, query, number, part, None, pages.COLUMNS + ", ", 10, 0, None, False, False)
    finally:
        db.conn.set_trace_callback(None)
    for sql in (s for s in statements if s.startswith("SELECT") and "LIMIT 10 " in s):
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert not any("AND rowid=?" in step for step in plan[1:]), plan  # no list probed inside a loop


@pytest.fixture
def walk(monkeypatch):
    """Pages read by walking the sort order's index, whatever the filter."""
    monkeypatch.setattr(pages, "CANDIDATES", -1)
    monkeypatch.setattr(pages, "MODERATE", -1)
    monkeypatch.setattr(pages, "_PLANS", {})


@pytest.mark.parametrize("sort", SORTS)
def test_a_walk_runs_its_search_once_for_all_its_pages(db, sort, walk):
    """The search's hits are read once, not again for each page: at 1,000,000 quotations a two-word search
    cost more than walking a page (End under "verified + Renten sicher": 100 ms CPU, 43 with the hits kept)."""
    query = QueueQuery(filter=QuoteFilter(status=("verified",), search="Renten OR Öl"), sort=sort)
    page = queue_rows(db, query, 4)  # plans the query and reads the hits
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        following = queue_rows(db, query, 4, after=page[-1])
        queue_rows(db, query, 4, from_end=True)
        queue_rows(db, query, 4, before=following[-1])
    finally:
        db.conn.set_trace_callback(None)
    assert statements and not [sql for sql in statements if "MATCH" in sql]
    assert [r["quote_id"] for r in page + following] == expected(db, query)[:8]


def test_a_walk_finds_what_was_written_after_its_search_was_read(fresh_db, tmp_path, walk):
    """Kept hits are read again after a write of this connection or of any other."""
    db = fresh_db
    with db.conn:
        db.execute("INSERT INTO articles(pk, id, content_hash, title, ingested_at, text) VALUES (1, 'a1', 'a1', 'A', 'now', 'x')")
    query = QueueQuery(filter=QuoteFilter(search="Renten"))

    def add(conn, pk: int) -> None:
        with conn:
            conn.execute('INSERT INTO quotes(pk, id, article_id, start, "end", text, kind, confidence, extractor_version) '
                         "VALUES (?, ?, 'a1', ?, ?, 'Die Renten sind sicher', 'direct', 0.5, 't')",
                         [pk, f"q{pk}", pk * 10, pk * 10 + 5])
            conn.execute("INSERT INTO quotes_fts(rowid, text) VALUES (?, 'Die Renten sind sicher')", [pk])

    ids = lambda: [r["quote_id"] for r in queue_rows(db, query, 10)]  # noqa: E731
    assert ids() == []
    add(db.conn, 1)
    assert ids() == ["q1"]
    other = open_db(tmp_path / "test.db")
    add(other.conn, 2)
    other.close()
    assert ids() == ["q1", "q2"]
