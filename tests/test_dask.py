"""The detector on a Dask cluster (a LocalCluster of 2 worker processes started here): the same database
as the local path, and no article lost when a worker is killed mid-run."""

from __future__ import annotations

import os
import signal

import pytest
from click.testing import CliRunner

from factcheck import nlp as detector
from factcheck.cli import cli
from factcheck.ingest import iter_ingest
from factcheck.ingest.executors import DaskCluster

from test_workers import content, feed, ingest  # noqa: F401  (feed is a fixture)

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_dask_stores_exactly_what_the_local_path_stores(tmp_path, feed, cluster):
    local = ingest(tmp_path / "local.db", feed, "--workers", "1")
    remote = CliRunner().invoke(cli, ["--db", str(tmp_path / "dask.db"), "ingest", "--no-match", str(feed), "--timings"],
                                env={"FACTCHECK_DASK": cluster.scheduler_address})
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout and remote.stdout.startswith("42 new, 0 updated, 0 unchanged, 0 failed;")
    assert "in 2 workers" in remote.stderr
    assert content(tmp_path / "dask.db") == content(tmp_path / "local.db")


def test_a_killed_dask_worker_loses_no_article(fresh_db, tmp_path, feed, cluster):
    expected = tmp_path / "expected.db"
    assert ingest(expected, feed, "--workers", "1").exit_code == 0
    statuses = []
    with DaskCluster(cluster.scheduler_address, None, detector.extractor_version()) as executor:
        victim = next(iter(executor.client.run(os.getpid).values()))
        for outcome in iter_ingest(fresh_db, [str(feed)], executor=executor):
            statuses.append(outcome.status)
            if len(statuses) == 3:  # mid-run, with articles in flight: kill -9 a worker
                os.kill(victim, signal.SIGKILL)
    assert statuses == ["new"] * 42
    fresh_db.close()
    assert content(tmp_path / "test.db") == content(expected)
