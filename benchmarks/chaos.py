"""Crash consistency: kill -9 the real commands at random points, run the same command again, and check that
nothing is lost and nothing is left behind.

    python benchmarks/chaos.py                    # 50 kills for each of ingest, bulk, reextract, match, export
    python benchmarks/chaos.py --kills 5 --articles 20 --only ingest,export

Each scenario starts from a prepared database (with reviewers' decisions in it) and a reference: the same
command run once without interruption, which also measures how much the command writes (to the database's
-wal, or to the export's temporary files). A trial copies the prepared database, starts the command as a user
does (`factcheck --db ... COMMAND`, a separate process) and kills it with SIGKILL once it has written a random
number of bytes between 1 and that amount (so the kill lands anywhere in the writing, however long loading the
detector took this time), notes how far it got, then runs the same command again to the end and checks. `match`
writes its few hundred KB in one transaction whose pages reach the -wal in a burst at COMMIT, so counting bytes
cannot land a kill inside it: it is killed at a random time between 0 and the length of its write phase (how
long the reference run held SQLite's write lock) after it first takes the write lock, and counts as mid-way
when it still held the lock at the kill. Then:

- the database equals the reference: articles, their versions, quotations, speakers, reviews (status,
  verdict, note, version, orphaned), the audit log, clusters and suggestions;
- SQLite's integrity and foreign-key checks pass, both full-text indexes match their tables, no work is
  left pending;
- no file is left beside the database or the export (no -wal/-shm after the last connection closed, no
  export temporary file or journal); an export file is byte for byte (sqlite: row for row) the reference.

Scenarios: `ingest` (of 24 articles by default: the 12 of the prepared database again, a fifth of them
changed so that some reviewed quotations vanish, 6 new files and a JSONL feed of 6) and `bulk` (the same with
--bulk), `reextract` (every article read by an "older detector", with reviewed quotations
it will no longer find), `match` (match --all), `export` (export sqlite and export jsonl, alternately).
Ingest runs with --no-match: resuming an interrupted automatic match is the matcher's pending queue (issue
12 item 6), measured by the `match` scenario on its own.

Prints one line per scenario: kills, how many landed mid-way (the database neither as before nor as after;
for match, inside its write transaction), failures; exits with 1 if any trial failed. Takes about 17 minutes per 50 kills of ingest, bulk or reextract
on a shared 2-core machine (most of it the detector loading again in every rerun).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTCHECK = [sys.executable, "-c", "from factcheck.cli import cli; cli()"]
SCENARIOS = ("ingest", "bulk", "reextract", "match", "export")

SPEAKERS = ["Olaf Scholz", "Friedrich Merz", "Annalena Baerbock", "Robert Habeck", "Christian Lindner", "Nancy Faeser",
            "ein Regierungssprecher", "die Bundesbank", "Markus Söder", "Karl Lauterbach"]
CUES = ["sagte", "erklärte", "betonte", "kritisierte", "warnte"]
NOUNS = ["Haushalt", "Inflation", "Rente", "Energiepreise", "Bundeswehr", "Migration", "Klimaschutz", "Schuldenbremse",
         "Wirtschaft", "Bahn", "Pflege", "Wohnungsbau"]
ADJECTIVES = ["notwendig", "falsch", "überfällig", "gefährlich", "richtig", "unbezahlbar", "alternativlos", "riskant"]
FILLER = "Die Debatte im Bundestag dauerte bis in den späten Abend. Beobachter sprachen von angespannter Stimmung. "


# --- the corpus ---------------------------------------------------------------------------------------------

def article_text(rng: random.Random, number: int, edition: int = 0) -> str:
    """A synthetic German news article; claims repeat across articles (matching has work to do)."""
    paragraphs = [f"Berlin. Im Streit um die {rng.choice(NOUNS)} gibt es neue Entwicklungen (Meldung {number})."]
    for _ in range(rng.randint(3, 6)):
        speaker, cue, noun, adjective = rng.choice(SPEAKERS), rng.choice(CUES), rng.choice(NOUNS), rng.choice(ADJECTIVES)
        claim = f"Die Politik bei der {noun} ist {adjective}, und das wissen alle Beteiligten seit vielen Jahren"
        if rng.random() < 0.5:
            paragraphs.append(f"{speaker} {cue}: „{claim}.“ " + FILLER)
        else:
            paragraphs.append(f"„{claim}“, {cue} {speaker}. " + FILLER)
    if edition:
        paragraphs.append(f"Nachtrag {edition}: {rng.choice(SPEAKERS)} sagte: „Wir korrigieren die Angaben vom Vortag "
                          f"zur {rng.choice(NOUNS)} ausdrücklich.“")
    return "\n\n".join(paragraphs)


def write_corpus(folder: Path, articles: int, seed: int) -> tuple[Path, Path]:
    """Two folders: `first` (half the articles: the prepared database's), `run` (what the ingest scenarios
    read: those again, a fifth of them changed, plus the other half as new files and a JSONL feed)."""
    rng = random.Random(seed)
    texts = [article_text(rng, n) for n in range(articles)]
    first, run = folder / "first", folder / "run"
    first.mkdir()
    run.mkdir()
    half = articles // 2
    for n in range(half):
        (first / f"a{n:04d}.txt").write_text(texts[n], encoding="utf-8")
        changed = n % 5 == 0
        text = texts[n].split("\n\n")
        text = "\n\n".join(text[:1] + text[2:]) + "\n\n" + article_text(rng, n, edition=1) if changed else texts[n]
        (run / f"a{n:04d}.txt").write_text(text, encoding="utf-8")
    feed_start = half + (articles - half) // 2
    for n in range(half, feed_start):
        (run / f"a{n:04d}.txt").write_text(texts[n], encoding="utf-8")
    with open(run / "feed.jsonl", "w", encoding="utf-8") as feed:
        for n in range(feed_start, articles):
            feed.write(json.dumps({"text": texts[n], "url": f"https://nachrichten.example/{n}", "title": f"Meldung {n}"},
                                  ensure_ascii=False) + "\n")
    return first, run


# --- running and killing the real command ------------------------------------------------------------------

def factcheck(db: Path, *args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*FACTCHECK, "--db", str(db), *args], cwd=cwd, capture_output=True, text=True)


def written(db: Path, cwd: Path, out: str | None) -> int:
    """How much the command has written so far: the size of the database's -wal, or of the export's
    temporary file(s); 0 before its first write."""
    if out:
        return sum(p.stat().st_size + 1 for p in cwd.iterdir() if p.name.startswith(f".{out}."))
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def writing(db: Path, cwd: Path, out: str | None) -> bool:
    try:
        return written(db, cwd, out) > 0
    except FileNotFoundError:  # a file went away while we looked
        return False


_WAL_WRITE_LOCK = 120  # offset of SQLite's WAL write lock in the -shm file (WALINDEX_LOCK_OFFSET + 0)
# Opening the database takes the write lock for microseconds too (to build the -shm's index of the WAL): a
# write transaction is a holding seen to last this long.
_BLIP = 0.001


def write_lock_held(db: Path) -> bool:
    """Whether a process holds the database's write lock, i.e. is inside a write transaction: in WAL mode
    SQLite takes it as a POSIX lock on byte 120 of the -shm file (WAL_WRITE_LOCK). Asked with F_GETLK, which
    takes no lock itself, so the command is not disturbed."""
    try:
        fd = os.open(db.with_name(db.name + "-shm"), os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        probe = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _WAL_WRITE_LOCK, 1, 0)
        return struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, probe))[0] != fcntl.F_UNLCK
    finally:
        os.close(fd)


def killed_at(db: Path, args: list[str], cwd: Path, out: str | None, *, after_bytes: int | None = None,
              into_writes: float | None = None) -> tuple[bool, bool]:
    """Run the command and SIGKILL it once it has written `after_bytes` (to the database's -wal or the
    export's temporary files), or `into_writes` seconds after it first took the database's write lock;
    whether it was still running then, and whether it held the write lock at the kill. Both anchor the kill
    in the command's writing however long the start took this time."""
    process = subprocess.Popen([*FACTCHECK, "--db", str(db), *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_lock = held_since = None
    while process.poll() is None:
        if after_bytes is not None:
            try:
                if written(db, cwd, out) >= after_bytes:
                    break
            except FileNotFoundError:  # a file went away while we looked
                pass
        elif first_lock is not None:
            if time.perf_counter() - first_lock >= into_writes:
                break
        elif write_lock_held(db):
            held_since = held_since or time.perf_counter()
            if time.perf_counter() - held_since >= _BLIP:
                first_lock = held_since
        else:
            held_since = None
        time.sleep(0.0005)
    if process.poll() is not None:
        return False, False
    in_transaction = write_lock_held(db)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True, in_transaction


def timed_run(db: Path, args: list[str], cwd: Path, out: str | None) -> tuple[int, float, int, float]:
    """Run the command to its end; its exit code, how long it took, how many bytes it wrote at most (the
    database's -wal before the checkpoint at the end, or the export's temporary files) and its write phase:
    the seconds from the first to the last moment it was seen holding the database's write lock."""
    started = time.perf_counter()
    most, first_lock, last_lock, held_since = 0, None, None, None
    process = subprocess.Popen([*FACTCHECK, "--db", str(db), *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        try:
            most = max(most, written(db, cwd, out))
        except FileNotFoundError:
            pass
        if not out and write_lock_held(db):
            held_since = held_since or time.perf_counter()
            now = time.perf_counter()
            if now - held_since >= _BLIP:
                first_lock, last_lock = first_lock or held_since, now
        else:
            held_since = None
        time.sleep(0.0005)
    write_phase = last_lock - first_lock if first_lock else 0.0
    return process.returncode, time.perf_counter() - started, most, write_phase


# --- what must hold -----------------------------------------------------------------------------------------

def fingerprint(db: Path) -> dict:
    """Everything a user would miss, without time stamps and integer ids that depend on insertion order."""
    conn = sqlite3.connect(db)
    try:
        def rows(sql):
            return sorted(conn.execute(sql).fetchall(), key=repr)

        clusters = rows("SELECT group_concat(quote_id, ' ') FROM (SELECT cluster_id, quote_id FROM cluster_members "
                        "ORDER BY cluster_id, quote_id) GROUP BY cluster_id")
        return {
            "articles": rows("SELECT id, content_hash, key, version, extractor_version, url, title FROM articles"),
            "versions": rows("SELECT article_id, version, content_hash FROM article_versions"),
            "quotes": rows('SELECT q.id, q.article_id, q.start, q."end", q.kind, s.name FROM quotes q '
                           "LEFT JOIN speakers s ON s.id = q.speaker_id"),
            "reviews": rows("SELECT quote_id, status, verdict, note, version, orphaned, quote_text FROM reviews"),
            "events": rows("SELECT quote_id, field, old_value, new_value FROM review_events"),
            "clusters": sorted(clusters),
            "suggestions": rows("SELECT quote_a, quote_b, status FROM match_suggestions"),
        }
    finally:
        conn.close()


def health(db: Path) -> list[str]:
    """What is wrong with the database file itself (empty if nothing)."""
    conn = sqlite3.connect(db)
    problems = []
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign keys broken")
        for fts in ("quotes_fts", "articles_fts"):
            try:
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError:
                problems.append(f"{fts} out of step")
        pending = conn.execute("SELECT name FROM pending_work").fetchall()
        if pending:
            problems.append(f"pending work left: {pending}")
        unindexed = _pending(conn) - len(pending)
        if unindexed:
            problems.append(f"{unindexed} rows left unindexed")
        conn.rollback()
    finally:
        conn.close()
    return problems


def _pending(conn: sqlite3.Connection) -> int:
    """Pending work: recorded in pending_work, and rows not in the full-text index yet (store/fts.py)."""
    return sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
               for table in ("pending_work", "quotes_fts_pending", "articles_fts_pending"))


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def leftovers(folder: Path, expected: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def stage(db: Path, before: dict, after: dict, folder: Path, out: str | None, in_transaction: bool = False) -> str:
    """How far a killed command got: "before" any write, "mid-way", or "done" (every write made). An
    export counts as mid-way while its temporary file exists; a command killed inside a write transaction
    (`in_transaction`: it held the write lock) as mid-way even though SQLite rolls that transaction back."""
    if out:
        if any(p.name.startswith(f".{out}.") for p in folder.iterdir()):
            return "mid-way"
        return "done" if (folder / out).exists() else "before"
    now = fingerprint(db)
    conn = sqlite3.connect(db)
    try:
        pending = _pending(conn)
    finally:
        conn.close()
    if now == before and not pending and not in_transaction:
        return "before"
    return "done" if now == after and not pending else "mid-way"


# --- scenarios ---------------------------------------------------------------------------------------------

def prepare(work: Path, articles: int, seed: int) -> dict[str, Path]:
    """The prepared databases, one per scenario, each closed cleanly (no -wal beside it)."""
    from factcheck.store import index_pending, open_db, update_review

    first, run = write_corpus(work, articles, seed)
    base = work / "base.db"
    assert factcheck(base, "ingest", "--no-match", str(first), cwd=work).returncode == 0
    rng = random.Random(seed)
    db = open_db(base)
    for (qid,) in db.execute("SELECT id FROM quotes ORDER BY id").fetchall():
        if rng.random() < 0.4:
            update_review(db, qid, reviewer="chaos", expected_version=0, status=rng.choice(["verified", "disputed"]),
                          verdict=rng.choice(["richtig", "falsch", None]), note="geprüft")
    db.close()

    ingested = work / "ingested.db"
    shutil.copy(base, ingested)
    assert factcheck(ingested, "ingest", "--no-match", str(run), cwd=work).returncode == 0

    old = work / "old-detector.db"
    shutil.copy(ingested, old)
    db = open_db(old)
    with db.conn:
        db.execute("UPDATE articles SET extractor_version = 'chaos-older-detector'")
        # quotations the older detector found and the current one will not: reviewed, they become orphans
        for n, (article_id,) in enumerate(db.execute("SELECT id FROM articles ORDER BY pk LIMIT 20").fetchall()):
            qid = f"qchaos{n:010d}"
            db.execute('INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                       "VALUES (?, ?, 0, 6, 'Berlin', 'scare', 'chaos-older-detector')", [qid, article_id])
        index_pending(db)
    db.close()
    db = open_db(old)
    for (qid,) in db.execute("SELECT id FROM quotes WHERE id LIKE 'qchaos%'").fetchall():
        update_review(db, qid, reviewer="chaos", expected_version=0, status="disputed", note="alt")
    db.close()

    matched = work / "matched.db"
    shutil.copy(ingested, matched)
    assert factcheck(matched, "match", "--all", cwd=work).returncode == 0
    return {"ingest": base, "bulk": base, "reextract": old, "match": ingested, "export": matched, "run": run}


def command(scenario: str, trial: int, prepared: dict[str, Path]) -> tuple[list[str], str | None]:
    """The command line of a trial, and the file it writes (export) if any."""
    run = str(prepared["run"])
    if scenario == "ingest":
        return ["ingest", "--no-match", run], None
    if scenario == "bulk":
        return ["ingest", "--no-match", "--bulk", run], None
    if scenario == "reextract":
        return ["reextract", "--no-match"], None
    if scenario == "match":
        return ["match", "--all"], None
    out = "out.db" if trial % 2 == 0 else "out.jsonl"
    return ["export", "sqlite" if out.endswith(".db") else "jsonl", "-o", out], out


def export_contents(path: Path):
    if path.suffix == ".jsonl":
        return path.read_bytes()
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
                                             "AND name NOT LIKE '%fts%' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def run_scenario(scenario: str, kills: int, prepared: dict[str, Path], work: Path, rng: random.Random) -> dict:
    folder = work / scenario
    folder.mkdir()
    db = folder / "f.db"

    references, windows = {}, {}
    for trial in range(2 if scenario == "export" else 1):
        args, out = command(scenario, trial, prepared)
        shutil.copy(prepared[scenario], db)
        returncode, seconds, most, write_phase = timed_run(db, args, folder, out)
        windows[trial] = (seconds, most, write_phase)
        assert returncode == 0, f"{scenario}: the reference run failed"
        references[trial] = (fingerprint(db), export_contents(folder / out) if out else None)
        db.unlink()
        if out:
            (folder / out).unlink()
    before = fingerprint(prepared[scenario])

    tally = {"kills": 0, "before": 0, "mid-way": 0, "done": 0, "finished before the kill": 0, "failed": 0}
    failures = []
    for trial in range(kills):
        variant = trial % len(references)
        args, out = command(scenario, variant, prepared)
        shutil.copy(prepared[scenario], db)
        seconds, most, write_phase = windows[variant]
        if scenario == "match":  # its writes go to the -wal in one burst at COMMIT: time them from the write lock
            point = {"into_writes": rng.uniform(0, write_phase)}
        else:
            point = {"after_bytes": rng.randint(1, max(1, most))}
        killed, in_transaction = killed_at(db, args, folder, out, **point)
        if killed:
            tally["kills"] += 1
            tally[stage(db, before, references[variant][0], folder, out, in_transaction and scenario == "match")] += 1
        else:
            tally["finished before the kill"] += 1
        result = factcheck(db, *args, cwd=folder)
        problems = [] if result.returncode == 0 else [f"rerun exit {result.returncode}: {result.stderr.strip()[-300:]}"]
        expected, expected_out = references[variant]
        got = fingerprint(db)
        problems += [f"{name} differ" for name in expected if got[name] != expected[name]]
        problems += health(db)
        if scenario == "match" and _count(db, "match_pending"):
            problems.append(f"{_count(db, 'match_pending')} quotations left pending for the matcher")
        if out and export_contents(folder / out) != expected_out:
            problems.append("export file differs from the reference")
        beside = [out, out.replace(".db", ".metadata.json")] if out else []  # a sqlite export's datasette metadata
        left = leftovers(folder, {"f.db", *beside})
        if left:
            problems.append(f"left behind: {left}")
        if problems:
            tally["failed"] += 1
            where = ", ".join(f"{k.replace('_', ' ')} {v:.2f}" if isinstance(v, float) else f"{k.replace('_', ' ')} {v}"
                              for k, v in point.items())
            failures.append(f"trial {trial} (killed {where}): {'; '.join(problems)}")
        for name in ("f.db", "f.db-wal", "f.db-shm", *([out] if out else [])):
            (folder / name).unlink(missing_ok=True)
        for stale in folder.iterdir():  # whatever a failed trial left, so the next one starts clean
            stale.unlink()
    tally["window"] = "/".join(f"{seconds:.1f}s, {most / 1024:.0f} KB written"
                               + (f", write lock held over {phase:.2f}s" if scenario == "match" else "")
                               for seconds, most, phase in windows.values())
    return {"tally": tally, "failures": failures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50, help="kills per scenario (default 50)")
    parser.add_argument("--articles", type=int, default=24, help="articles in the corpus (default 24)")
    parser.add_argument("--only", default=",".join(SCENARIOS), help=f"scenarios, comma-separated ({', '.join(SCENARIOS)})")
    parser.add_argument("--seed", type=int, default=12)
    options = parser.parse_args()
    scenarios = [s for s in options.only.split(",") if s]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    rng = random.Random(options.seed)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="factcheck-chaos-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        prepared = prepare(work, options.articles, options.seed)
        print(f"prepared {options.articles} articles in {time.perf_counter() - started:.0f}s; load {os.getloadavg()[0]:.1f}")
        for scenario in scenarios:
            started = time.perf_counter()
            outcome = run_scenario(scenario, options.kills, prepared, work, rng)
            tally = outcome["tally"]
            print(f"{scenario}: {options.kills} trials, {tally['kills']} killed mid-command "
                  f"({tally['before']} before any write, {tally['mid-way']} mid-way, {tally['done']} after the last write), "
                  f"{tally['finished before the kill']} finished first; reference run {tally['window']}; "
                  f"{tally['failed']} failed  [{time.perf_counter() - started:.0f}s, load {os.getloadavg()[0]:.1f}]",
                  flush=True)
            for failure in outcome["failures"]:
                print(f"  {failure}")
            failed += tally["failed"]
    print("all trials passed" if not failed else f"{failed} trials failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
