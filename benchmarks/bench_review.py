"""How fast the review UI opens and filters on a database of 1,000,000 quotations, measured through the Pilot.

    python benchmarks/bench_review.py                 # 1,000,000 quotes, database cached in /tmp
    python benchmarks/bench_review.py --quotes 100000 --rebuild

Builds the database once (synthetic rows by executemany, reviews on 10 %, claim clusters, one FTS rebuild)
and caches it under /tmp, so reruns only measure. Prints the query plans of the queue's queries (they
must walk an index, not sort or scan the whole table) and the timings:

- first paint: from starting the app to the first page of the queue painted on screen;
- filter: from applying a filter (status verified + free-text search) to its first page painted, for the
  first filter of a session and for three more;
- the count (reviewed / total) arrives later, in its own worker, and is printed for information;
- one page half-way down the queue, jumped to (OFFSET) and scrolled on to (keyset), without the UI.

Targets from the issue: first paint <= 1 s, filter <= 200 ms.
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
from factcheck.review.data import SORTS, QueueQuery, queue_page
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
                yield (pk, f"q{pk}", f"a{1 + (pk - 1) // QUOTES_PER_ARTICLE}", 0, len(text), text,
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
        conn.executemany(
            "INSERT INTO clusters(id, canonical_quote_id, canonical_text, size, created_at) VALUES (?, ?, '', 3, 'x')",
            ((c, f"q{c * 50}") for c in range(1, clusters + 1)),
        )
        conn.executemany(
            "INSERT INTO cluster_members(quote_id, cluster_id, added_at) VALUES (?, ?, 'x')",
            ((f"q{c * 50 - k}", c) for c in range(1, clusters + 1) for k in (0, 1, 2)),
        )
        rebuild_fts(db)
    db.close()


def explain(path: Path, queries: dict[str, QueueQuery]) -> None:
    """Print the plan of every statement the first page of each query runs (traced, so it is the real SQL)."""
    db = open_db(path)
    for label, query in queries.items():
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        queue_page(db, query, 0, 100)
        db.conn.set_trace_callback(None)
        for sql in (s for s in statements if "quotes_view" in s):  # not FTS5's own internal statements
            plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
            print(f"  plan [{label}]: " + " | ".join(plan))
    db.close()


class PaintClock:
    """Notes when the queue first paints a real row (not the "…" placeholder) after `start()`: wraps
    QueueView.render_line, the one place rows reach the screen."""

    def __init__(self) -> None:
        self.started = self.painted = None
        original = QueueView.render_line
        clock = self

        def render_line(view, y):
            strip = original(view, y)
            if clock.painted is None and clock.started is not None and y == 1 and view.row(int(view.scroll_offset.y)):
                clock.painted = time.perf_counter()
            return strip

        QueueView.render_line = render_line

    def start(self) -> None:
        self.started, self.painted = time.perf_counter(), None

    async def wait(self) -> float:
        while self.painted is None:
            await asyncio.sleep(0.001)
        return self.painted - self.started


async def measure(path: Path, filters: list[QueueQuery], clock: PaintClock) -> dict[str, float]:
    """One app session: seconds to the first painted queue, to its count, and from applying each filter to
    its first page painted (the first filter of a session meets cold SQLite page caches)."""
    clock.start()
    app = ReviewApp(path, reviewer="bench", config=Config(reviewer="bench"))
    figures = {}
    async with app.run_test(size=(120, 36)):
        figures["first_paint"] = await clock.wait()
        while app.counts is None:
            await asyncio.sleep(0.005)
        figures["count"] = time.perf_counter() - clock.started
        for n, query in enumerate(filters):
            while any(worker.is_running for worker in app.workers):  # the previous filter's count and detail
                await asyncio.sleep(0.005)
            clock.start()
            app.show_query(query)
            figures["first_filter" if n == 0 else f"filter_{n}"] = await clock.wait()
    figures["later_filters"] = statistics.median(v for k, v in figures.items() if k.startswith("filter_"))
    return figures


def deep_pages(path: Path, queries: dict[str, QueueQuery], offset: int) -> None:
    """Seconds for one page far down the queue: jumping there (OFFSET, grows with the offset) and scrolling
    on from the page before (keyset: seeks in the index; "most appearances" has no keyset and uses OFFSET)."""
    db = open_db(path)
    for label, query in queries.items():
        previous = queue_page(db, query, offset - 100, 100)
        started = time.perf_counter()
        queue_page(db, query, offset, 100)
        jumped = time.perf_counter() - started
        started = time.perf_counter()
        queue_page(db, query, offset, 100, after=previous[-1])
        scrolled = time.perf_counter() - started
        print(f"  page at row {offset:,} [{label}]: jump {jumped * 1000:.0f} ms, scroll on {scrolled * 1000:.1f} ms")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    path = Path(f"/tmp/factcheck-bench-review-{args.quotes}.db")
    if args.rebuild or not path.exists():
        t = time.perf_counter()
        build(path, args.quotes)
        print(f"built {path} with {args.quotes:,} quotes in {time.perf_counter() - t:.1f} s")
    filters = [QueueQuery(QuoteFilter(status=("verified",), search=words))
               for words in ("Renten sicher", "Klima", "Wahl Europa", "Steuern sinken")]
    filtered = filters[0]
    explain(path, {
        "newest": QueueQuery(),
        "lowest confidence": QueueQuery(sort="lowest confidence"),
        "most appearances": QueueQuery(sort="most appearances"),
        "verified + search": filtered,
        "clusters": QueueQuery(mode="clusters"),
    })
    deep_pages(path, {sort: QueueQuery(sort=sort) for sort in SORTS}, args.quotes // 2)
    clock = PaintClock()
    results = [asyncio.run(measure(path, filters, clock)) for _ in range(args.runs)]
    print(f"{args.quotes:,} quotes, {args.runs} runs, python {sys.version.split()[0]}; median (min–max):")
    for key, label, target in (("first_paint", "first painted queue", 1.0),
                               ("first_filter", "first filter of a session", 0.2),
                               ("later_filters", "later filters (median)", 0.2),
                               ("count", "count shown (in a worker)", None)):
        values = [r[key] for r in results]
        verdict = "" if target is None else ("  OK" if statistics.median(values) <= target else f"  OVER target {target * 1000:.0f} ms")
        print(f"  {label:28s} {statistics.median(values) * 1000:8.0f} ms  ({min(values) * 1000:.0f}–{max(values) * 1000:.0f}){verdict}")


if __name__ == "__main__":
    main()
