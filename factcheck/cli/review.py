"""factcheck review: the terminal UI."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import ConfigError
from .base import cli, open_database


@cli.command()
@click.option("--reviewer", metavar="NAME",
              help="Your name in the audit log [default: reviewer in the config, else the login name].")
@click.pass_context
def review(ctx: click.Context, reviewer: str | None) -> None:
    """Go through the quotations in a terminal UI: decide (verified, disputed, verdict), note, correct.

    Press ? inside for the keys. Several reviewers can work on one database at once: a decision made on
    an out-of-date view is refused, never overwritten."""
    path = ctx.find_root().obj["db_path"]
    open_database(ctx, path, writes=True).close()  # create or upgrade it, with a clear error if it cannot be opened
    run_review(path, reviewer)


def run_review(path: str | Path, reviewer: str | None) -> None:
    from ..config import load_config
    from ..review import ReviewApp

    try:
        config = load_config()
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    ReviewApp(path, reviewer=reviewer, config=config).run()
