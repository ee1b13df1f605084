"""The detector in worker processes: the same database as in one process, articles stored in input order,
unchanged articles never sent, a bounded window, and no article lost when a worker is killed."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from factcheck import nlp as detector
from factcheck.cli import cli
from factcheck.ingest import iter_ingest
from factcheck.ingest.executors import MAX_ATTEMPTS, ExecutorError, InProcess, detect_in_order
from factcheck.ingest.pool import ARTICLES_PER_TASK, TASKS_AHEAD, LocalPool
from factcheck.ingest.pipeline import Timings
from factcheck.match import core

from conftest import REPO, SEEDS

sys.path.insert(0, str(REPO / "benchmarks"))
from articles import generate, write_jsonl  # noqa: E402  (the benchmarks' realistic article generator)


ARTICLES = 26  # in the feed: the seeds and 24 generated ones


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """Realistic generated articles and the seeds, as one JSONL file."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    seeds = [{"text": p.read_text(encoding="utf-8"), "title": p.name} for p in sorted(SEEDS.glob("*.txt"))]
    write_jsonl(path, [*seeds, *generate(ARTICLES - len(seeds), seed=7)])
    return path


@pytest.fixture(scope="module")
def expected(feed, tmp_path_factory):
    """The feed ingested the way it always was, in this process (`--workers 1`): (stdout, content)."""
    path = tmp_path_factory.mktemp("expected") / "expected.db"
    result = ingest(path, feed, "--workers", "1")
    assert result.exit_code == 0, result.output
    return result.stdout, content(path)


def content(path):
    """Everything a user would call the database's content, in storage order."""
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("SELECT pk, id, url, title, extractor_version FROM articles ORDER BY pk").fetchall(),
            conn.execute('SELECT q.id, q.article_id, q.start, q."end", q.text, q.kind, s.name, s.type, q.cue, '
                         "q.confidence FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id").fetchall(),
        )
    finally:
        conn.close()


def ingest(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "ingest", "--no-match", *map(str, args)])


def test_workers_store_exactly_what_one_process_stores(tmp_path, feed, expected):
    two = ingest(tmp_path / "two.db", feed, "--workers", "2", "--timings")
    assert two.exit_code == 0, two.output
    assert two.stdout == expected[0] and two.stdout.startswith(f"{ARTICLES} new, 0 updated, 0 unchanged, 0 failed;")
    assert "detector" in two.stderr and "in 2 workers" in two.stderr
    articles, quotes = content(tmp_path / "two.db")
    assert (articles, quotes) == expected[1] and len(quotes) > 100
    titles = [json.loads(line).get("title") for line in feed.read_text(encoding="utf-8").splitlines()]
    assert [a[3] for a in articles] == titles  # stored in input order

    again = ingest(tmp_path / "two.db", feed, "--workers", "2")
    assert again.stdout.startswith(f"0 new, 0 updated, {ARTICLES} unchanged, 0 failed; 0 quotes")
    assert content(tmp_path / "two.db") == (articles, quotes)

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "two.db"), "reextract", "--all", "--workers", "2", "--no-match"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{ARTICLES} articles re-extracted, 0 skipped, 0 failed; quotations: 0 new, "
                                    f"{len(quotes)} kept")
    assert content(tmp_path / "two.db") == (articles, quotes)


def test_timings_give_each_stage_its_cpu_time_and_time_the_match(tmp_path, feed):
    """--timings: wall and CPU seconds of every stage in the factcheck process, the match that follows included
    (on a shared machine the CPU time is what tells where the work went)."""
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "ingest", str(feed), "--workers", "1", "--timings"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stderr.splitlines() if line.startswith("timings:"))
    stages = dict(re.findall(r"(read|wait|store|match) [\d.]+s \(([\d.]+)s cpu\)", line))
    assert set(stages) == {"read", "wait", "store", "match"}, line
    assert float(stages["store"]) > 0 and float(stages["match"]) > 0
    unmatched = CliRunner().invoke(cli, ["--db", str(tmp_path / "u.db"), "ingest", str(feed), "--no-match", "--timings"])
    assert "match" not in next(line for line in unmatched.stderr.splitlines() if line.startswith("timings:"))


def what_matching_found(path, stdout: str) -> tuple:
    """The command's summary (its seconds left out), the cluster members and the suggestions of a database."""
    conn = sqlite3.connect(path)
    try:
        return (re.sub(r" in [\d.]+s:", ":", stdout),
                conn.execute("SELECT quote_id, cluster_id, score, method FROM cluster_members ORDER BY 1").fetchall(),
                conn.execute("SELECT quote_a, quote_b, score, method FROM match_suggestions ORDER BY 1, 2").fetchall())
    finally:
        conn.close()


def test_the_match_after_the_workers_verifies_in_as_many_processes_with_the_same_result(tmp_path, feed, monkeypatch):
    """The match that follows an ingest with --workers 2 verifies its candidates in two forked processes (their
    CPU time in --timings) and finds the clusters and suggestions that one process finds."""
    monkeypatch.setattr(core, "PARALLEL_MIN_PAIRS", 0)  # the feed is small: fork for its few candidates too
    found, match_lines = [], []
    for workers in (1, 2):
        path = tmp_path / f"{workers}.db"
        result = CliRunner().invoke(cli, ["--db", str(path), "ingest", str(feed), "--workers", str(workers), "--timings"])
        assert result.exit_code == 0, result.output
        match_lines.append(re.search(r"match [^;]*", result.stderr)[0])
        found.append(what_matching_found(path, result.stdout))
    assert found[0] == found[1] and found[0][1] and found[0][2]
    assert "forked" not in match_lines[0] and re.search(r"\+ [\d.]+s in forked processes\)", match_lines[1])


def test_match_verifies_in_as_many_processes_as_asked_with_the_same_result(tmp_path, feed, monkeypatch):
    """`factcheck match --workers 2` (a full run after a --no-match ingest) finds the clusters and suggestions
    that `--workers 1` finds."""
    monkeypatch.setattr(core, "PARALLEL_MIN_PAIRS", 0)  # the feed is small: fork for its few candidates too
    found = []
    for workers in (1, 2):
        path = tmp_path / f"{workers}.db"
        assert CliRunner().invoke(cli, ["--db", str(path), "ingest", str(feed), "--no-match"]).exit_code == 0
        result = CliRunner().invoke(cli, ["--db", str(path), "match", "--workers", str(workers)])
        assert result.exit_code == 0, result.output
        found.append(what_matching_found(path, result.stdout))
    assert found[0] == found[1] and found[0][1] and found[0][2]


def test_a_stage_inside_another_is_not_counted_twice():
    timings = Timings()
    started, started_cpu = time.perf_counter(), time.thread_time()
    with timings.stage("outer"):
        with timings.stage("inner"):
            sum(range(500_000))
    wall, cpu = time.perf_counter() - started, time.thread_time() - started_cpu
    assert timings.cpu["inner"] > 0 and timings.cpu["outer"] < timings.cpu["inner"]
    assert timings.cpu["outer"] + timings.cpu["inner"] <= cpu
    assert timings.seconds["outer"] + timings.seconds["inner"] <= wall


class Recording(InProcess):
    """The in-process detector, keeping the texts it was given and how many were in flight at most."""

    def __init__(self, window=1):
        super().__init__()
        self.window, self.texts = window, []

    def submit(self, text):
        self.texts.append(text)
        return super().submit(text)


def test_only_new_and_changed_articles_reach_the_detector(fresh_db, tmp_path):
    feed = tmp_path / "feed.jsonl"
    articles = list(generate(6, seed=3))
    write_jsonl(feed, articles)
    first = Recording(window=4)
    assert [o.status for o in iter_ingest(fresh_db, [str(feed)], executor=first)] == ["new"] * 6
    assert len(first.texts) == 6

    articles[2]["text"] += "\n\nDie Ministerin sagte: „Wir prüfen das.“"
    write_jsonl(feed, articles)
    second = Recording(window=4)
    outcomes = [o.status for o in iter_ingest(fresh_db, [str(feed)], executor=second)]
    assert outcomes == ["unchanged", "unchanged", "updated", "unchanged", "unchanged", "unchanged"]
    assert second.texts == [articles[2]["text"]]


class Later:
    """A future that is done only when the test says so."""

    def __init__(self, value):
        self.value, self.ready = value, False

    def done(self):
        return self.ready

    def result(self):
        self.ready = True
        return self.value


class Slow:
    window, lost_errors, version = 3, (), "v"

    def submit(self, text):
        return Later(("v", [text], 0.0))


def test_no_more_than_the_window_is_read_ahead():
    produced = []

    def jobs():
        for n in range(20):
            produced.append(n)
            yield n, None if n % 5 == 0 else f"text {n}"  # every fifth has nothing to detect

    results = []
    for item, detection in detect_in_order(Slow(), jobs()):
        assert len(produced) - len(results) <= Slow.window
        results.append((item, detection.quotations if detection else None))
    assert [item for item, _ in results] == list(range(20))
    assert results[1] == (1, ["text 1"]) and results[5] == (5, None)


class Together:
    """Results that come back six at a time (as a worker's task does): a future is done once six were submitted."""

    window, lost_errors, version = 10, (), "v"

    def __init__(self):
        self.submitted = 0

    def submit(self, text):
        self.submitted += 1
        executor, wanted = self, self.submitted

        class Back:
            def done(self):
                return executor.submitted >= max(wanted, 6)

            def result(self):
                return "v", [text], 0.0
        return Back()


def test_results_that_come_in_together_are_handed_out_one_per_article_read():
    """The caller stores a result while the workers wait for the next article: with results that came in
    together, the next article is read (and sent) after each one, not after the whole run."""
    produced, read_before = [], []

    def jobs():
        for n in range(12):
            produced.append(n)
            yield n, f"text {n}"

    for item, detection in detect_in_order(Together(), jobs()):
        read_before.append(len(produced))
        assert detection.quotations == [f"text {item}"]
    assert read_before == [6, 7, 8, 9, 10, 11, 12, 12, 12, 12, 12, 12]


def test_a_killed_worker_loses_no_article(fresh_db, tmp_path, feed, expected):
    pool = LocalPool(2, None, detector.extractor_version())
    statuses = []
    with pool:
        for outcome in iter_ingest(fresh_db, [str(feed)], executor=pool):
            statuses.append(outcome.status)
            if len(statuses) == 3:  # mid-run, with articles in flight: kill -9 a worker
                os.kill(pool._workers[0].process.pid, signal.SIGKILL)
    assert statuses == ["new"] * ARTICLES
    fresh_db.close()
    assert content(tmp_path / "test.db") == expected[1]


def echo(text, model):
    """A detector task that finds its text."""
    return detector.extractor_version(), [text], 0.0


def slow_echo(text, model):
    """An echo that takes a while, as the detector does."""
    time.sleep(0.05)
    return echo(text, model)


class EchoPool(LocalPool):
    task = staticmethod(slow_echo)


def test_articles_go_to_the_workers_a_task_at_a_time_each_with_its_own_result():
    texts = [f"Text {n}." for n in range(ARTICLES_PER_TASK * TASKS_AHEAD * 2 + 2)]
    with EchoPool(2, None, detector.extractor_version()) as pool:
        futures = [pool.submit(text) for text in texts]
        # an idle worker is sent what there is at once, a busy one full tasks, TASKS_AHEAD at most: the rest
        # waits in the writer for a worker with room
        assert all(len(worker.tasks) <= TASKS_AHEAD for worker in pool._workers)
        assert all(len(task) == ARTICLES_PER_TASK for worker in pool._workers for task in list(worker.tasks)[1:])
        assert len(pool._queue) >= 2 and not futures[-1].done()
        results = [f.result() for f in futures]  # waiting for one sends what is left, a short task too
    assert [quotations for _, quotations, _ in results] == [[text] for text in texts]


def die_on_poison(text, model):
    """A detector task (finding nothing) whose worker dies, as if by kill -9, on one particular article."""
    if "GIFT" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return detector.extractor_version(), [], 0.0


class PoisonPool(LocalPool):
    task = staticmethod(die_on_poison)


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_stored(fresh_db, tmp_path):
    feed = tmp_path / "feed.jsonl"
    articles = list(generate(12, seed=5))
    articles[4]["text"] = "GIFT. " + articles[4]["text"]
    write_jsonl(feed, articles)
    with PoisonPool(2, None, detector.extractor_version()) as pool:
        outcomes = list(iter_ingest(fresh_db, [str(feed)], executor=pool))
    assert [o.status for o in outcomes] == ["new"] * 4 + ["failed"] + ["new"] * 7, [o.reason for o in outcomes]
    assert outcomes[4].reason == f"a detector worker died while reading it ({MAX_ATTEMPTS} times)"
    assert fresh_db["articles"].count == 11


def abort(text, model):
    os.abort()


class DeadPool(LocalPool):
    task = staticmethod(abort)  # every worker dies on every article


def test_workers_that_die_whatever_they_read_stop_the_run(fresh_db, tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, generate(5, seed=2))
    with pytest.raises(ExecutorError, match="die whatever they read"):
        with DeadPool(2, None, detector.extractor_version()) as pool:
            list(iter_ingest(fresh_db, [str(feed)], executor=pool))
    assert fresh_db["articles"].count == 0


def processes_with(tag: str) -> set[int]:
    """The processes whose environment holds `tag` (a command and every process it started; zombies left out)."""
    found = set()
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and tag.encode() in open(f"/proc/{entry}/environ", "rb").read() \
                    and open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[0] != "Z":
                found.add(int(entry))
        except OSError:
            continue
    return found


def gone(tag: str, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not processes_with(tag)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_writer_takes_its_workers_with_it(tmp_path):
    """kill -9 of the writer, its workers busy or idle: they end too (they would otherwise wait for work forever)."""
    tag = f"FACTCHECK_TEST_WRITER={os.getpid()}-{time.monotonic_ns()}"
    writer = subprocess.Popen([sys.executable, "-c", WRITER], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, tag.split("=")[0]: tag.split("=")[1]})
    try:
        workers = [int(pid) for pid in writer.stdout.readline().split()]
        assert len(workers) == 2 and set(workers) <= processes_with(tag)
    finally:
        writer.kill()
        writer.wait()
    assert gone(tag)


WRITER = """
import time
from factcheck import nlp
from factcheck.ingest.pool import LocalPool
pool = LocalPool(2, None, nlp.extractor_version())
futures = [pool.submit("Die Ministerin sagte: „Wir prüfen das.“ " * 50) for _ in range(3)]
futures[0].result()  # the workers run
print(*(worker.process.pid for worker in pool._workers), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_run_and_its_workers_and_keeps_what_was_stored(tmp_path):
    """Ctrl-C (SIGINT to the command's process group, as a terminal sends it) in the middle of a --workers 2
    ingest: exit code 130, the articles counted are stored, and no worker is left behind."""
    feed, db = tmp_path / "feed.jsonl", tmp_path / "db.db"
    write_jsonl(feed, generate(2000, seed=4))
    tag = f"FACTCHECK_TEST_CTRLC={os.getpid()}-{time.monotonic_ns()}"
    command = subprocess.Popen([sys.executable, "-m", "factcheck", "--db", str(db), "ingest", str(feed), "--workers", "2",
                                "--no-match"], stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, tag.split("=")[0]: tag.split("=")[1]})
    try:
        deadline = time.monotonic() + 60
        while stored(db) < 20 and command.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(command.pid, signal.SIGINT)
        _, stderr = command.communicate(timeout=30)
    finally:
        command.kill()
    assert command.returncode == 130, stderr
    counted = int(re.search(r"interrupted: (\d+) new", stderr)[1])
    # every article counted is stored; one more may be, interrupted after its commit and before it was counted
    assert 20 <= counted < 2000 and counted <= stored(db) <= counted + 1
    assert gone(tag)


def stored(db) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_worker_options_on_the_command_line(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "db.db"), "ingest", "--workers", "0", str(SEEDS)])
    assert result.exit_code == 2 and "--workers" in result.stderr
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "db.db"), "ingest", "--workers", "2", "--dask",
                                      "tcp://127.0.0.1:9", str(SEEDS)])
    assert result.exit_code == 2 and "--workers and --dask exclude each other" in result.stderr
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(cli, ["--db", str(tmp_path / "db.db"), "ingest", str(SEEDS)],
                                    env={"FACTCHECK_DASK": "tcp://127.0.0.1:9"})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.splitlines()) == 1


class OtherRelease(Slow):
    """Workers with another factcheck release than the writer's."""

    def submit(self, text):
        return Later(("0.9-rules", [], 0.0))


def test_results_of_another_detector_release_are_refused():
    [(item, detection)] = detect_in_order(OtherRelease(), [("a", "text")])
    assert item == "a" and detection.quotations is None
    assert detection.error.startswith("the worker's detector is 0.9-rules, this machine's is v: install the same factcheck")
