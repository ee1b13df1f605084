"""Export throughput and memory: JSONL and CSV of 100,000 and 1,000,000 quotations.

    python benchmarks/bench_export.py                 # 100k and 1M quotes, jsonl and csv
    python benchmarks/bench_export.py --sizes 100000  # quicker
    python benchmarks/bench_export.py --sqlite        # also the standalone SQLite export

Synthetic databases (articles of ~3,000 characters, 20 quotations each, every 10th quotation reviewed, every
7th in a cluster of three) are built once and cached in /tmp/factcheck-bench/. Each export runs in a fresh
Python process that samples its own resident memory (/proc/self/statm) every 10 ms. It reports wall time,
rows/s, CPU time (steadier than wall time on a shared machine), the resident memory before the export
(baseline: after imports and opening the database) and the peak during it. Flat memory: the growth above
baseline is the same for 100k and 1M rows. Modes `select` (the query alone) and `records` (plus the 40
characters of context each side) show the cost of the context apart from the cost of writing; `substr`
(not run by default) cuts the context in SQL instead, per row, for comparison:

    python benchmarks/bench_export.py --sizes 100000 --modes select records substr
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

CACHE = Path("/tmp/factcheck-bench")
QUOTES_PER_ARTICLE = 20
WORDS = (
    "die der und sagte Regierung Bundeskanzler Ministerin Krieg Frieden Energie Preise Inflation Wahl Partei "
    "Opposition Haushalt Schulden Klimaschutz Verkehr Bahn Streik Gewerkschaft Europa Brüssel Berlin Moskau "
    "Washington Öl Feuer Gas Strom Heizung Rente Steuer Bürger Gemeinde Land Zukunft müssen würden könnte nicht "
    "immer wieder gestern heute morgen erklärte betonte kritisierte forderte warnte über für gegen mit ohne"
).split()
VERDICTS = ("richtig", "größtenteils richtig", "unbelegt", "fehlender Kontext", "teilweise falsch",
            "größtenteils falsch", "falsch")


def build(path: Path, n_quotes: int) -> None:
    """A database of `n_quotes` synthetic quotations, written straight into the tables (executemany)."""
    from factcheck.store import open_db

    tmp = path.with_suffix(".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(n_quotes)
    n_articles = n_quotes // QUOTES_PER_ARTICLE
    db = open_db(tmp)
    conn = db.conn

    def article_text(a: int) -> str:
        words = random.Random(a)
        return " ".join(words.choice(WORDS) for _ in range(400))[:3000]

    def articles():
        for a in range(n_articles):
            yield (f"a{a:07d}", f"h{a}", f"https://news.example/{a}", f"Artikel {a}", f"Outlet {a % 40}",
                   f"2026-{1 + a % 12:02d}-{1 + a % 28:02d}", "2026-11-20T10:00:00+00:00", article_text(a))

    def quotes():
        for a in range(n_articles):
            text = article_text(a)
            for slot in range(QUOTES_PER_ARTICLE):
                i = a * QUOTES_PER_ARTICLE + slot
                start = slot * 140 + rng.randrange(0, 40)
                end = min(len(text), start + rng.randrange(30, 100))
                speaker = i * 7919 % 5000 + 1
                yield (f"q{i:015x}", f"a{a:07d}", start, end, text[start:end], "direct", speaker, "er",
                       "sagte", 0.8, "bench-1")

    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO speakers(id, name, type) VALUES (?, ?, ?)",
        ((s, f"Sprecher {s}", "organization" if s % 10 == 0 else "person") for s in range(1, 5001)),
    )
    conn.executemany(
        "INSERT INTO articles(id, content_hash, url, title, outlet, published, ingested_at, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        articles(),
    )
    conn.executemany(
        'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, speaker_mention, cue, confidence, '
        "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        quotes(),
    )
    conn.executemany(
        "INSERT INTO reviews(quote_id, status, verdict, note, evidence, reviewer, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, 'anna', ?, 1)",
        ((f"q{i:015x}", "verified" if i % 20 else "disputed", VERDICTS[i % 7], "geprüft, =Quelle",
          '["https://evidence.example/1"]', f"2026-11-{1 + i % 28:02d}T09:00:00+00:00")
         for i in range(0, n_quotes, 10)),
    )
    conn.executemany(
        "INSERT INTO clusters(id, canonical_text, size, created_at) VALUES (?, ?, 3, 'now')",
        ((c, f"Behauptung {c}") for c in range(n_quotes // 21 + 1)),
    )
    conn.executemany(
        "INSERT INTO cluster_members(quote_id, cluster_id, method, added_at) VALUES (?, ?, 'ratio', 'now')",
        ((f"q{i:015x}", i // 21) for i in range(0, n_quotes, 7)),
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(tmp, path)


def database(n_quotes: int) -> Path:
    path = CACHE / f"quotes-{n_quotes}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        print(f"building {path} ...", file=sys.stderr, flush=True)
        build(path, n_quotes)
        print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return path


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def rows_with_sql_context(db):
    """The alternative to records(), the same records with the context cut by SQLite's substr() per row."""
    from factcheck.export.records import FIELDS, _evidence

    cursor = db.execute(
        "SELECT v.*, substr(a.text, max(v.start - 40, 0) + 1, v.start - max(v.start - 40, 0)) AS prefix, "
        'substr(a.text, v."end" + 1, 40) AS suffix FROM quotes_view v JOIN articles a ON a.id = v.article_id '
        "WHERE v.not_quote = 0 ORDER BY v.article_id, v.start, v.quote_pk"
    )
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values))
        record = {name: row[name] for name in FIELDS}
        record["evidence"] = _evidence(row["evidence"])
        yield record


def measure(mode: str, db_path: Path, out: Path) -> dict:
    """Run one export in this process, sampling resident memory; the figures as a dict."""
    from factcheck.export import export
    from factcheck.export.records import records
    from factcheck.store import open_db, select_quotes

    db = open_db(db_path)
    baseline = rss_bytes()
    peak = baseline
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, rss_bytes())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    if mode == "select":
        rows = sum(1 for _ in select_quotes(db))
    elif mode == "substr":
        rows = sum(1 for _ in rows_with_sql_context(db))
    elif mode == "records":
        rows = sum(1 for _ in records(db))
    else:
        rows = export(db, mode, out)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    done.set()
    sampler.join()
    peak = max(peak, rss_bytes())
    size = out.stat().st_size if out.exists() else 0
    out.unlink(missing_ok=True)
    return {"mode": mode, "rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "cpu_seconds": cpu_seconds,
            "baseline_mb": baseline / 2**20, "peak_mb": peak / 2**20, "growth_mb": (peak - baseline) / 2**20,
            "output_mb": size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--modes", nargs="+", default=["select", "records", "jsonl", "csv"])
    parser.add_argument("--sqlite", action="store_true", help="also the standalone SQLite export")
    parser.add_argument("--measure", nargs=2, metavar=("MODE", "DB"), help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        mode, db_path = args.measure
        out = CACHE / f"export-{os.getpid()}.{mode}"
        print(json.dumps(measure(mode, Path(db_path), out)))
        return

    modes = args.modes + (["sqlite"] if args.sqlite else [])
    print(f"{'quotes':>9} {'mode':>8} {'rows':>9} {'s':>7} {'rows/s':>9} {'cpu s':>7} {'base MB':>8} {'peak MB':>8} "
          f"{'growth MB':>9} {'out MB':>7}")
    for size in args.sizes:
        db_path = database(size)
        for mode in modes:
            child = subprocess.run([sys.executable, __file__, "--measure", mode, str(db_path)],
                                   capture_output=True, text=True, check=True)
            r = json.loads(child.stdout)
            print(f"{size:>9} {r['mode']:>8} {r['rows']:>9} {r['seconds']:>7.1f} {r['rows_per_s']:>9.0f} {r['cpu_seconds']:>7.1f} "
                  f"{r['baseline_mb']:>8.1f} {r['peak_mb']:>8.1f} {r['growth_mb']:>9.1f} {r['output_mb']:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
