"""Ingest throughput of the real command, `factcheck ingest`, on realistic synthetic articles.

    python benchmarks/bench_ingest.py                          # 5,000 articles: --workers 1 and one per core
    python benchmarks/bench_ingest.py --articles 1000 --workers 1,2 --repeat 2
    python benchmarks/bench_ingest.py --articles 1000 --dask local   # also on a Dask LocalCluster of 2 workers
    python benchmarks/bench_ingest.py --dask tcp://scheduler:8786    # also on a real cluster

Writes the articles (benchmarks/articles.py: varied lengths, speakers and quotations, travelling claims) and
the bundled seed articles as one JSONL file, then runs `factcheck --db NEW ingest FEED --workers N --timings`
as a separate process for every worker count, with and without `--no-match` (matching and speaker merging
are part of what a user runs), each into a fresh database, interleaved so that a change in the machine's
load hits every mode alike. For each run it prints wall time (process start to exit: imports, detector
start-up, reading, detection, storing, FTS, matching), articles/s, quote rows/s, the cores used (CPU
seconds of the command and all its worker processes, sampled from /proc, over wall time), and the share of
each stage of the wall time (from `--timings`: reading, waiting for the detector, storing, matching; the rest
is start-up and shutdown). The detector's own time is given in worker-seconds. Below each run: the CPU
milliseconds per article of each stage (which the machine's load changes far less than wall times) and the
throughput they allow at best on the cores the run uses, with the match as it runs (its verification in
forked processes, the rest of it in one), and were every stage parallel. At the end it checks that every
run stored the same content (article ids, quotation ids, texts, kinds, offsets, speakers, versions) and
prints the speed-up of each worker count over --workers 1 in the same run. The load (`uptime`) is printed
before and after: on a shared machine, read the figures with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from articles import generate, write_jsonl

REPO = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
FACTCHECK = shutil.which("factcheck", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


class TreeCPU:
    """CPU seconds used by a process and all its descendants (worker processes, a fork server), sampled
    from /proc every `interval` seconds while it runs; the last sample of each process is kept."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.seen = pid, interval, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def _sample(self) -> None:
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
        tree = {self.pid}
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _) in stats.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree & stats.keys():
            self.seen[pid] = max(self.seen.get(pid, 0.0), stats[pid][1])

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(self.seen.values())


def run_command(db: Path, feed: Path, options: list[str]) -> dict:
    """Run `factcheck ingest` as a user would; its wall time, CPU seconds, stdout and --timings."""
    command = [FACTCHECK, "--db", str(db), "ingest", str(feed), "--timings", *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONWARNINGS": "ignore"})
    cpu = TreeCPU(process.pid)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    cpu_seconds = cpu.stop()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{out}\n{err}")
    timings = dict((k, float(v)) for k, v in re.findall(r"(read|wait|store|match) ([\d.]+)s", err))
    stage_cpu, forked = {}, {}
    for stage, cpu, in_forked in re.findall(r"(read|wait|store|match) [\d.]+s \(([\d.]+)s cpu(?: \+ ([\d.]+)s in forked processes)?\)", err):
        stage_cpu[stage], forked[stage] = float(cpu) + float(in_forked or 0), float(in_forked or 0)
    detector = re.search(r"detector ([\d.]+)s cpu in (\d+) worker", err)
    writer = re.search(r"this process ([\d.]+)s cpu", err)
    return {"wall": wall, "cpu": cpu_seconds, "stdout": out, "timings": timings, "stage_cpu": stage_cpu, "forked": forked,
            "writer": float(writer[1]),
            "detector": float(detector[1]), "workers": int(detector[2])}


def content(db: Path) -> tuple[int, int, str]:
    """(articles, quotations, a digest of everything a user would call the database's content)."""
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT id, content_hash, url, title FROM articles ORDER BY id").fetchall()
    quotes = conn.execute(
        'SELECT q.id, q.article_id, q.start, q."end", q.text, q.kind, s.name, s.type, q.speaker_mention, q.cue, '
        "q.confidence, q.extractor_version FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    ).fetchall()
    conn.close()
    digest = hashlib.sha256(json.dumps([articles, quotes], ensure_ascii=False).encode()).hexdigest()[:16]
    return len(articles), len(quotes), digest


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(label: str, articles: int, quotes: int, result: dict) -> str:
    wall, t = result["wall"], result["timings"]
    cores = "n/a (Dask)" if label.startswith("--dask") else f"{result['cpu'] / wall:.2f}"  # its workers are not the command's
    stages = {"read": t.get("read", 0.0), "wait for detector": t.get("wait", 0.0), "store": t.get("store", 0.0),
              "match": t.get("match", 0.0)}
    # the rest: start-up, shutdown, and the writer between stages (with 3 processes on 2 cores, waiting for a core)
    stages["other"] = max(wall - sum(stages.values()), 0.0)
    shares = ", ".join(f"{name} {100 * seconds / wall:.0f} %" for name, seconds in stages.items())
    return (f"  {label:<28} {wall:7.2f} s  {articles / wall:6.0f} articles/s  {quotes / wall:7.0f} quote rows/s  "
            f"cores used {cores}  | {shares} | cpu: factcheck process {result['writer']:.1f} s, "
            f"detector {result['detector']:.1f} s")


def budget(articles: int, result: dict, cores: int) -> str:
    """The run's CPU per article by stage, and the most that allows on `cores` cores (one with --workers 1, where
    everything runs in one process): all the CPU time spread evenly over them, except the part of the match
    that runs in one process after the last article (all of it, but the verification it forks out)."""
    cores = min(cores, result["workers"])
    cpu = result["stage_cpu"]
    per = {"detector": result["detector"], "read": cpu.get("read", 0.0), "store": cpu.get("store", 0.0),
           "match": cpu.get("match", 0.0)}
    serial = per["match"] - result["forked"].get("match", 0.0)
    total = result["cpu"]
    other = max(total - sum(per.values()), 0.0)  # start-up (imports, pipeline loads), IPC threads, shutdown
    shown = ", ".join(f"{name} {1000 * seconds / articles:.2f}" for name, seconds in per.items())
    return (f"    cpu per article (ms): {shown} (match in one process: {1000 * serial / articles:.2f}), the rest "
            f"(start-up, IPC, shutdown) {1000 * other / articles:.2f}; total {total:.1f} s cpu | at best on {cores} "
            f"{'core' if cores == 1 else 'cores'}: {articles / ((total - serial) / cores + serial):.0f} articles/s with "
            f"the match as it runs, {articles / (total / cores):.0f} with every stage parallel")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", default=f"1,{os.cpu_count()}", help="worker counts to compare (default: 1,cores)")
    parser.add_argument("--match", choices=("both", "yes", "no"), default="both",
                        help="with matching (the default command), with --no-match, or both")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dask", metavar="ADDRESS", help="also run with --dask ADDRESS; 'local' starts a LocalCluster of 2 workers")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    workers = [int(n) for n in args.workers.split(",")]
    match_modes = {"both": [True, False], "yes": [True], "no": [False]}[args.match]
    cluster = None
    if args.dask == "local":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        args.dask = cluster.scheduler_address

    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "articles.jsonl"
        write_jsonl(feed, [*({"text": p.read_text(encoding="utf-8"), "title": p.name} for p in sorted((REPO / "seeds").glob("*.txt"))),
                           *generate(args.articles, seed=args.seed)])
        total = args.articles + len(list((REPO / "seeds").glob("*.txt")))
        print(f"factcheck ingest benchmark: {total} articles ({args.articles} generated + the seeds, "
              f"{feed.stat().st_size / 1e6:.1f} MB JSONL), {os.cpu_count()} cores; load before: {load()}")
        modes = [(f"--workers {n}", ["--workers", str(n)]) for n in workers]
        if args.dask:
            modes.append((f"--dask {'LocalCluster(2)' if cluster else args.dask}", ["--dask", args.dask]))
        results: dict[tuple[str, bool], list[dict]] = {}
        digests = set()
        for repeat in range(args.repeat):
            for matching in match_modes:
                for label, options in modes:
                    db = Path(folder) / f"bench-{len(results)}-{repeat}.db"
                    result = run_command(db, feed, options + ([] if matching else ["--no-match"]))
                    articles, quotes, digest = content(db)
                    digests.add(digest)
                    name = f"{label}{'' if matching else ' --no-match'}"
                    print(report(name, articles, quotes, result), flush=True)
                    if not label.startswith("--dask"):
                        print(budget(articles, result, os.cpu_count()), flush=True)
                    results.setdefault((label, matching), []).append(result)
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
        print(f"  quotations stored: {quotes} ({quotes / total:.1f} per article); "
              f"same content in every run: {'yes' if len(digests) == 1 else 'NO: ' + ', '.join(sorted(digests))}")
        base = modes[0][0]
        for matching in match_modes:
            best = {label: min(r["wall"] for r in results[(label, matching)]) for label, _ in modes}
            for label, _ in modes[1:]:
                print(f"  speed-up {label} over {base}{'' if matching else ' (--no-match)'}: "
                      f"{best[base] / best[label]:.2f}x (best of {args.repeat})")
        print(f"  load after: {load()}")
    if cluster:
        cluster.close()


if __name__ == "__main__":
    main()
