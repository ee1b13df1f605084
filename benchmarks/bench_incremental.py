"""What one new article costs a newsroom's database as it grows: the real `factcheck ingest`, end to end.

    python benchmarks/bench_incremental.py                            # 20k, 200k and 1M quotations
    python benchmarks/bench_incremental.py --sizes 20000,200000 --repeat 3
    python benchmarks/bench_incremental.py --cache ~/.cache/factcheck-bench   # keep the built databases
    python benchmarks/bench_incremental.py --bytecode   # compiled modules, as installed, despite PYTHONDONTWRITEBYTECODE

For each size it builds (or takes from --cache) a database of realistic generated articles
(benchmarks/articles.py: varied speakers, quotations, lengths, claims that travel between articles) holding
at least that many quotations, then runs `factcheck match` (clusters, speaker merges, the matcher's index), so
that it is fully matched (that full run's CPU time and peak memory are printed). Each size grows from the one
before (or from the biggest smaller one in --cache).
The bulk path stores the articles with the quotations the generator wrote into them
(`Generator.article_with_quotations`: offsets, kinds, speakers by full name with the mention the text uses)
through the store's own write path (`save_article`, 2,000 articles per transaction, indexed at its end), without
running the detector: a million quotations take minutes instead of hours (`--detector` builds them with
`factcheck ingest --bulk --no-match` instead).
Then, on a copy, it times as separate processes, as a user runs them (the new article goes through the
real detector):
- `factcheck ingest ONE.jsonl`: one new article, with the matching and speaker merging that follow it;
- `factcheck ingest --no-match ONE.jsonl`: the same without matching (another new article);
- `factcheck match` matching the quotations of that article (ingested without matching);
- `factcheck match` with nothing new to match;
each --repeat times, and prints the wall times (median and range) and CPU seconds (median) with the split
`--timings` gives (start-up and shutdown are the rest). The load (`uptime`) is printed with every size: read the figures
with it on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from articles import Generator, write_jsonl

from factcheck.nlp import Quotation, extractor_version
from factcheck.store import Article, index_pending, open_db, save_article, write_transaction

FACTCHECK = shutil.which("factcheck", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
CHILD_ENV: dict | None = None  # the measured commands' environment (None: this one's); see with_bytecode
BATCH = 20_000  # articles per ingest while building
TRANSACTION = 2_000  # articles per transaction in the bulk path


def factcheck(db: Path, *args: str) -> tuple[float, str, str]:
    """Run the command; (wall seconds, stdout, stderr). Its CPU seconds (user + system, which a busy machine
    changes much less than the wall time) are in `factcheck.cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([FACTCHECK, "--db", str(db), *args], capture_output=True, text=True, env=CHILD_ENV)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    factcheck.cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        sys.exit(f"factcheck {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return wall, done.stdout, done.stderr


def with_bytecode(work: Path) -> dict:
    """An environment in which the commands run from compiled modules, as an installed factcheck does (pip
    compiles them): with PYTHONDONTWRITEBYTECODE set, as here, every process compiles factcheck's own modules
    again (an editable install has no bytecode). They are compiled once into a private cache in `work`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    package = Path(sys.modules["factcheck"].__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    return env


def quotations(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    finally:
        conn.close()


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup API: the WAL included)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def matcher_current(path: Path) -> bool:
    """Whether the database's persisted matcher index was built with the current rules (a new release of the
    matcher's word lists makes the next match a full run: the database was not "matched" for this factcheck)."""
    from factcheck.match import index

    db = open_db(path)
    try:
        return index.is_current(db)
    finally:
        db.conn.close()


class Builder:
    """Grows one database through the sizes asked for, keeping a copy of each size in `cache`."""

    def __init__(self, cache: Path, seed: int, work: Path, detector: bool = False):
        self.cache, self.seed, self.work, self.detector = cache, seed, work, detector
        self.generator, self.next_number = Generator(seed), 0
        self.fresh = Generator(seed + 10_000)  # the measured articles: never one a database was built from
        self.db = work / "growing.db"

    def database(self, size: int) -> Path:
        cached = self.cache / f"incremental-seed{self.seed}-{size}{'-detector' if self.detector else ''}.db"
        if cached.exists():
            print(f"  {size:,} quotations: from {cached}", flush=True)
            if not matcher_current(cached):
                wall, out, _ = factcheck(cached, "match", "--all")
                print(f"    its matcher index was made by older rules: matched again in {wall:.0f} s ({out.strip()})",
                      flush=True)
            return cached
        started = time.perf_counter()
        if not self.db.exists():
            self.resume_from_smaller(size)
        while (have := quotations(self.db) if self.db.exists() else 0) < size:
            if self.detector:
                wanted = max(100, min(BATCH, int((size - have) / 6.0) + 50))  # ~6.3 quotations per article
                feed = self.work / "batch.jsonl"
                write_jsonl(feed, (self.generator.article(self.next_number + i) for i in range(wanted)))
                factcheck(self.db, "ingest", "--bulk", "--no-match", str(feed))
            else:
                wanted = max(100, min(BATCH, int((size - have) / 5.0) + 50))  # ~5.1 quotations per article
                self.bulk_store(wanted)
            self.next_number += wanted
            print(f"    ingested {self.next_number:,} articles, {quotations(self.db):,} quotations "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
        wall, out, _ = factcheck(self.db, "match")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # the biggest command run so far
        print(f"    matched in {wall:.0f} s (cpu {factcheck.cpu:.0f} s, peak {peak:.2f} GB): {out.strip()}", flush=True)
        copy_db(self.db, cached)
        print(f"  {size:,} quotations: built in {time.perf_counter() - started:.0f} s, kept as {cached}", flush=True)
        return cached

    def resume_from_smaller(self, size: int) -> None:
        """Start from the biggest smaller database in the cache, if any: the generator goes on after the articles
        in it, numbered after the highest number in it (the number ends each generated article's url)."""
        suffix = "-detector" if self.detector else ""
        pattern = re.compile(rf"incremental-seed{self.seed}-(\d+){suffix}\.db")
        smaller = sorted((int(m[1]), path) for path in self.cache.iterdir()
                         if (m := pattern.fullmatch(path.name)) and int(m[1]) < size)
        if not smaller:
            return
        copy_db(smaller[-1][1], self.db)
        conn = sqlite3.connect(self.db)
        try:
            urls = [url for (url,) in conn.execute("SELECT url FROM articles")]
        finally:
            conn.close()
        for _ in urls:  # the generator draws each article from where the one before left it
            self.generator.article_with_quotations(0)
        self.next_number = 1 + max(int(url.rsplit("/", 1)[1]) for url in urls)
        print(f"    growing from {smaller[-1][1]} ({self.next_number:,} articles)", flush=True)

    def bulk_store(self, count: int) -> None:
        """The next `count` generated articles with their quotations, stored without the detector."""
        db, version = open_db(self.db), extractor_version()
        try:
            for first in range(self.next_number, self.next_number + count, TRANSACTION):
                with write_transaction(db):
                    for number in range(first, min(first + TRANSACTION, self.next_number + count)):
                        record, quotations = self.generator.article_with_quotations(number)
                        article = Article(record["text"], url=record["url"], title=record["title"],
                                          outlet=record["outlet"], published=record["published"])
                        save_article(db, article, [Quotation(**q) for q in quotations], extractor_version=version)
                    index_pending(db)
        finally:
            db.conn.close()

    def one_article(self) -> Path:
        """A new article, never seen before, as a one-line JSONL file."""
        feed = self.work / f"one-{self.next_number}.jsonl"
        write_jsonl(feed, [self.fresh.article(10**9 + self.next_number)])
        self.next_number += 1
        return feed


def split(stderr: str, wall: float) -> str:
    stages = dict((k, float(v)) for k, v in re.findall(r"(read|wait|store|match) ([\d.]+)s", stderr))
    stages["start-up/shutdown"] = max(wall - sum(stages.values()), 0.0)
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items())


def summary(walls: list[float], cpus: list[float]) -> str:
    return (f"{statistics.median(walls):6.2f} s (min {min(walls):.2f}, max {max(walls):.2f}), "
            f"cpu {statistics.median(cpus):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,200000,1000000", help="quotations in the database (comma-separated)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="folder to keep the built databases in (default: thrown away)")
    parser.add_argument("--detector", action="store_true",
                        help="build the databases with the detector (factcheck ingest --bulk: hours for 1M)")
    parser.add_argument("--bytecode", action="store_true",
                        help="run the commands from compiled modules even where PYTHONDONTWRITEBYTECODE is set")
    args = parser.parse_args()
    global CHILD_ENV

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cache = args.cache or work / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        builder = Builder(cache, args.seed, work, args.detector)
        print(f"factcheck incremental benchmark: one new article into a matched database; load {os.getloadavg()[0]:.2f}")
        if args.bytecode:
            CHILD_ENV = with_bytecode(work)
        elif os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print("  PYTHONDONTWRITEBYTECODE is set: each command compiles factcheck's modules first, which an installed "
                  "factcheck does not (--bytecode measures it as installed)", flush=True)
        for size in sorted(int(s) for s in args.sizes.split(",")):
            base = builder.database(size)
            db = work / "measured.db"
            copy_db(base, db)
            quotes = quotations(db)
            runs: dict[str, list[tuple[float, float, str]]] = {"ingest": [], "ingest --no-match": [],
                                                               "match (that article)": [], "match (nothing new)": []}
            for _ in range(args.repeat):
                for name, options in (("ingest", []), ("ingest --no-match", ["--no-match"])):
                    wall, out, err = factcheck(db, "ingest", "--timings", *options, str(builder.one_article()))
                    if not out.startswith("1 new"):
                        sys.exit(f"the measured article was not new: {out}")
                    runs[name].append((wall, factcheck.cpu, split(err, wall)))
                for name in ("match (that article)", "match (nothing new)"):  # the --no-match article's quotations
                    wall, out, _ = factcheck(db, "match")
                    if (name == "match (nothing new)") != out.startswith("0 new"):
                        sys.exit(f"{name}: {out}")
                    runs[name].append((wall, factcheck.cpu, ""))
            print(f"{quotes:>9,} quotations (load {os.getloadavg()[0]:.2f}):")
            for name, results in runs.items():
                walls = [w for w, _, _ in results]
                typical = min(results, key=lambda r: abs(r[0] - statistics.median(walls)))[2]
                print(f"    {name:<22} {summary(walls, [c for _, c, _ in results])}" + (f"   [{typical}]" if typical else ""),
                      flush=True)


if __name__ == "__main__":
    main()
