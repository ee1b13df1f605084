"""The detector on a Dask cluster (a LocalCluster of 2 worker processes started here): the same database
as the local path, and no article lost when a worker is killed mid-run."""

from __future__ import annotations

import os
import signal
import time

import pytest
from click.testing import CliRunner

from factcheck import nlp as detector
from factcheck.cli import cli
from factcheck.ingest import iter_ingest
from factcheck.ingest.executors import DaskCluster

import test_workers
from test_workers import ARTICLES, content

distributed = pytest.importorskip("distributed")

feed, expected = test_workers.feed, test_workers.expected  # the same fixtures (the feed, its database in one process)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_dask_stores_exactly_what_the_local_path_stores(tmp_path, feed, expected, cluster):
    remote = CliRunner().invoke(cli, ["--db", str(tmp_path / "dask.db"), "ingest", "--no-match", str(feed), "--timings"],
                                env={"FACTCHECK_DASK": cluster.scheduler_address})
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == expected[0] and remote.stdout.startswith(f"{ARTICLES} new, 0 updated, 0 unchanged, 0 failed;")
    assert "in 2 workers" in remote.stderr
    assert content(tmp_path / "dask.db") == expected[1]


def test_a_killed_dask_worker_loses_no_article(fresh_db, tmp_path, feed, expected, cluster):
    statuses = []
    with DaskCluster(cluster.scheduler_address, None, detector.extractor_version()) as executor:
        victim = next(iter(executor.client.run(os.getpid).values()))
        for outcome in iter_ingest(fresh_db, [str(feed)], executor=executor):
            statuses.append(outcome.status)
            if len(statuses) == 3:  # mid-run, with articles in flight: kill -9 a worker
                os.kill(victim, signal.SIGKILL)
    assert statuses == ["new"] * ARTICLES
    time.sleep(1.1)
    assert executor.workers >= 1  # what --timings prints after the run, with the client closed
    fresh_db.close()
    assert content(tmp_path / "test.db") == expected[1]
