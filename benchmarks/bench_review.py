"""How fast the review UI opens, filters and jumps on a database of 1,000,000 quotations, measured through the
Pilot (the real app, keys pressed, rows painted).

    python benchmarks/bench_review.py                 # 1,000,000 quotes, database cached in /tmp
    python benchmarks/bench_review.py --quotes 100000 --rebuild

Builds the database once (synthetic rows by executemany, reviews on 10 %, claim clusters, one FTS rebuild)
and caches it under /tmp, so reruns only measure. Prints the query plans of the queue's first pages, then:

- first paint: from starting the app to the first row of the queue painted;
- filter: from applying a filter (status verified + free-text search) to its first row painted, for the first
  filter of a session and for three more;
- End and a deep PgDn, in every sort, with and without that filter: from the key to the cursor's row painted.
  End is pressed right after the queue is shown, before it is counted (the window is read from its end); PgDn
  is pressed six times in a row half-way down the queue (the rows around it read by key, not timed), and the
  slowest press counts;
- the count (reviewed / total) arrives later, in its own worker, and is printed for information.

Targets (issues 13 and 14): first paint <= 1 s, filter <= 200 ms, End and deep PgDn <= 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

from factcheck.config import Config
from factcheck.review import ReviewApp
from factcheck.review.pages import SORTS, QueueQuery, queue_rows, row_for
from factcheck.review.queue import QueueView
from factcheck.store import QuoteFilter, open_db, rebuild_fts

WORDS = (
    "Renten Regierung Haushalt Klima Energie Migration Inflation Steuern Bundeswehr Ukraine Russland Wahl "
    "Gesundheit Pflege Schulen Bahn Wohnungen Mieten Löhne Arbeit Wirtschaft Europa Grenzen Sicherheit "
    "sicher falsch richtig niemals immer sofort dringend deutlich massiv gefährlich notwendig unmöglich "
    "wir werden müssen können nicht keine alle mehr weniger steigen sinken kommen bleiben"
).split()
SPEAKERS = 5000
QUOTES_PER_ARTICLE = 20
FILTER = QuoteFilter(status=("verified",), search="Renten sicher")


def build(path: Path, quotes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    articles = quotes // QUOTES_PER_ARTICLE
    with conn:
        conn.executemany(
            "INSERT INTO speakers(id, name, type) VALUES (?, ?, 'person')",
            ((i, f"Sprecher {i}") for i in range(1, SPEAKERS + 1)),
        )
        conn.executemany(
            "INSERT INTO articles(pk, id, content_hash, title, outlet, published, ingested_at, text) "
            "VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00+00:00', ?)",
            ((i, f"a{i}", f"a{i}", f"Artikel {i}", f"Outlet {i % 40}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
              " ".join(rng.choices(WORDS, k=60))) for i in range(1, articles + 1)),
        )

        def quote_rows():
            for pk in range(1, quotes + 1):
                text = " ".join(rng.choices(WORDS, k=rng.randint(4, 14)))
                yield (pk, f"q{pk}", f"a{1 + (pk - 1) // QUOTES_PER_ARTICLE}", (pk - 1) % QUOTES_PER_ARTICLE * 100,
                       (pk - 1) % QUOTES_PER_ARTICLE * 100 + len(text), text,
                       rng.choice(("direct", "direct", "indirect", "partial", "reported")),
                       rng.randint(1, SPEAKERS), round(rng.random(), 3))

        conn.executemany(
            'INSERT INTO quotes(pk, id, article_id, start, "end", text, kind, speaker_id, confidence, extractor_version) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
            quote_rows(),
        )
        conn.executemany(
            "INSERT INTO reviews(quote_id, status, verdict, reviewer, updated_at, version) VALUES (?, ?, ?, 'bench', "
            "'2026-01-02T00:00:00+00:00', 1)",
            ((f"q{pk}", rng.choice(("verified", "disputed")), rng.choice(("richtig", "falsch", None)))
             for pk in rng.sample(range(1, quotes + 1), quotes // 10)),
        )
        clusters = quotes // 50
        size = {c: 2 + c % 3 for c in range(1, clusters + 1)}
        conn.executemany(
            "INSERT INTO clusters(id, canonical_quote_id, canonical_text, size, created_at) VALUES (?, ?, '', ?, 'x')",
            ((c, f"q{c * 50}", size[c]) for c in range(1, clusters + 1)),
        )
        conn.executemany(
            "INSERT INTO cluster_members(quote_id, cluster_id, added_at) VALUES (?, ?, 'x')",
            ((f"q{c * 50 - k}", c) for c in range(1, clusters + 1) for k in range(size[c])),
        )
        rebuild_fts(db)
    db.close()


def explain(path: Path, queries: dict[str, QueueQuery]) -> None:
    """Print the plan of every statement the first page of each query runs (traced, so it is the real SQL)."""
    db = open_db(path)
    for label, query in queries.items():
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        queue_rows(db, query, 100)
        db.conn.set_trace_callback(None)
        for sql in (s for s in statements if "quotes_view" in s and "LIMIT 100 " in s):
            plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
            print(f"  plan [{label}]: " + " | ".join(plan))
    db.close()


class PaintClock:
    """Notes when the queue paints the cursor's row (not the "…" placeholder) after `start()`: wraps
    QueueView.render_line, the one place rows reach the screen."""

    def __init__(self) -> None:
        self.started = self.painted = None
        original = QueueView.render_line
        clock = self

        def render_line(view, y):
            strip = original(view, y)
            if clock.painted is None and clock.started is not None and y >= 1:
                position = view.window.top() + int(view.scroll_offset.y) + y - 1
                if position == view.cursor and view.row() is not None and clock.ready(view):
                    clock.painted = time.perf_counter()
            return strip

        QueueView.render_line = render_line

    def start(self, ready=lambda view: True) -> None:
        self.started, self.painted, self.ready = time.perf_counter(), None, ready

    async def wait(self, timeout: float = 60) -> float:
        while self.painted is None:
            if time.perf_counter() - self.started > timeout:
                raise TimeoutError(f"nothing painted in {timeout} s")
            await asyncio.sleep(0.001)
        return self.painted - self.started


async def idle(app) -> None:
    while any(worker.is_running for worker in app.workers) or app._recount_timer is not None:
        await asyncio.sleep(0.005)


async def measure(path: Path, filters: list[QueueQuery], clock: PaintClock, quotes: int) -> dict[str, float]:
    """One app session: first paint, count, filters, then End and a deep PgDn in every sort, with and without
    the filter."""
    clock.start()
    app = ReviewApp(path, reviewer="bench", config=Config(reviewer="bench", language="en"))
    figures = {}
    async with app.run_test(size=(120, 36)) as pilot:
        figures["first_paint"] = await clock.wait()
        while app.counts is None:
            await asyncio.sleep(0.005)
        figures["count"] = time.perf_counter() - clock.started
        for n, query in enumerate(filters):
            await idle(app)  # the previous filter's count and detail
            clock.start()
            app.show_query(query, remember=False)
            figures["first_filter" if n == 0 else f"filter_{n}"] = await clock.wait()
        for sort in SORTS:
            for label, flt in (("", QuoteFilter()), (" filtered", FILTER)):
                await idle(app)
                clock.start()
                app.show_query(QueueQuery(flt, sort=sort), remember=False)
                await clock.wait()
                clock.start(lambda view: view.window.tail is not None and view.cursor == view.window.tail - 1)
                await pilot.press("end")  # right away: the queue is not counted yet
                figures[f"end {sort}{label}"] = await clock.wait()
                await idle(app)
                figures[f"deep pgdn {sort}{label}"] = await deep_page_down(app, pilot, clock, quotes)
    figures["later_filters"] = statistics.median(v for k, v in figures.items() if k.startswith("filter_"))
    return figures


async def deep_page_down(app, pilot, clock: PaintClock, quotes: int, presses: int = 6) -> float:
    """Put the cursor on the first row of the queue at or after quotation q{quotes/2} (read by key around it,
    as a filter change keeps the current item; not timed), then press PgDn again and again, each press as soon
    as the one before has painted its row; the slowest press. Rows below are read as they come into view, so
    some presses wait for a read and some find their rows loaded."""
    queue = app.queue
    with app.connections.use("read") as db:
        middle = queue_rows(db, queue.query_, 1, after=row_for(db, queue.query_, f"q{quotes // 2}"), inclusive=True)
    queue.show(queue.query_, anchor=middle[0]["quote_id"])
    while queue.row() is None or queue.row()["quote_id"] != middle[0]["quote_id"]:
        await asyncio.sleep(0.005)
    await idle(app)
    slowest = 0.0
    for _ in range(presses):
        clock.start()
        await pilot.press("pagedown")
        slowest = max(slowest, await clock.wait())
    return slowest


def deep_pages(path: Path, queries: dict[str, QueueQuery], offset: int) -> None:
    """Seconds for one page far down the queue, without the UI: jumping there by OFFSET (grows with the offset)
    and going on from a row by key, forwards and backwards (does not)."""
    db = open_db(path)
    for label, query in queries.items():
        [row] = queue_rows(db, query, 1, offset=offset)
        started = time.perf_counter()
        queue_rows(db, query, 100, offset=offset)
        jumped = time.perf_counter() - started
        started = time.perf_counter()
        queue_rows(db, query, 100, after=row)
        forward = time.perf_counter() - started
        started = time.perf_counter()
        queue_rows(db, query, 100, before=row)
        backward = time.perf_counter() - started
        print(f"  page at row {offset:,} [{label}]: jump {jumped * 1000:.0f} ms, by key on {forward * 1000:.1f} ms, "
              f"back {backward * 1000:.1f} ms")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    path = Path(f"/tmp/factcheck-bench-review-v2-{args.quotes}.db")
    if args.rebuild or not path.exists():
        t = time.perf_counter()
        build(path, args.quotes)
        print(f"built {path} with {args.quotes:,} quotes in {time.perf_counter() - t:.1f} s")
    filters = [QueueQuery(QuoteFilter(status=("verified",), search=words))
               for words in ("Renten sicher", "Klima", "Wahl Europa", "Steuern sinken")]
    explain(path, {
        **{sort: QueueQuery(sort=sort) for sort in SORTS},
        "verified + search": filters[0],
        "clusters": QueueQuery(mode="clusters"),
    })
    deep_pages(path, {sort: QueueQuery(sort=sort) for sort in SORTS}, args.quotes // 2)
    clock = PaintClock()
    results = [asyncio.run(measure(path, filters, clock, args.quotes)) for _ in range(args.runs)]
    print(f"{args.quotes:,} quotes, {args.runs} runs, python {sys.version.split()[0]}; median (min–max):")
    rows = [("first_paint", "first painted queue", 1.0), ("first_filter", "first filter of a session", 0.2),
            ("later_filters", "later filters (median)", 0.2)]
    rows += [(key, key, 0.2) for key in results[0] if key.startswith(("end ", "deep pgdn "))]
    rows += [("count", "count shown (in a worker)", None)]
    for key, label, target in rows:
        values = [r[key] for r in results]
        verdict = "" if target is None else ("  OK" if statistics.median(values) <= target else f"  OVER target {target * 1000:.0f} ms")
        print(f"  {label:32s} {statistics.median(values) * 1000:8.0f} ms  ({min(values) * 1000:.0f}–{max(values) * 1000:.0f}){verdict}")


if __name__ == "__main__":
    main()
