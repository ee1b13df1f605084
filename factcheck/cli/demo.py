"""factcheck demo: the seed articles in a fresh database, opened in the review UI."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from ..ingest import seed_sources
from ..store import select_quotes
from .base import cli, open_database
from .ingest import match_pending, run_ingest
from .quotes import print_quote_table
from .review import run_review

DEMO_DB = "factcheck-demo.db"


@cli.command()
@click.option("--print", "print_only", is_flag=True,
              help="Print the quotations instead of opening the review UI (always so when not on a terminal).")
@click.option("--reviewer", metavar="NAME", help="Reviewer name for the review UI [default: from the config].")
@click.pass_context
def demo(ctx: click.Context, print_only: bool, reviewer: str | None) -> None:
    """Ingest the bundled seed articles into a fresh database and open them in the review UI.

    The database is factcheck-demo.db in the current folder, recreated on each run; with --db (or
    FACTCHECK_DB) the seeds go into that database instead, which is never deleted."""
    explicit = ctx.find_root().get_parameter_source("db_path") != click.core.ParameterSource.DEFAULT
    path = Path(ctx.find_root().obj["db_path"]) if explicit else Path(DEMO_DB)
    if not explicit:
        remove_demo_db(path)
    db = open_database(ctx, path, writes=True)
    if not explicit:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('demo', '1')")
        db.conn.commit()
    report = run_ingest(db, seed_sources())
    click.echo(report.summary())
    match_pending(db)
    click.echo()
    if print_only or not (sys.stdin.isatty() and sys.stdout.isatty()):
        print_quote_table(select_quotes(db))
        click.echo(f"\ndatabase: {path.resolve()}  (try: factcheck --db {path} quotes --search Ukraine)")
        return
    db.close()
    run_review(path, reviewer)


def remove_demo_db(path: Path) -> None:
    """Delete an earlier demo database, refusing if the file is something else."""
    if not path.exists():
        return
    try:
        with sqlite3.connect(path) as conn:
            is_demo = conn.execute("SELECT 1 FROM meta WHERE key = 'demo'").fetchone() is not None
        conn.close()
    except sqlite3.Error:
        is_demo = False
    if not is_demo:
        raise click.ClickException(f"{path} exists and is not a demo database; move it away or pass --db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
