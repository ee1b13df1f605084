"""The `factcheck` command line: one click group; each command only wires the stage packages together."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.option(
    "--db",
    "db_path",
    default="factcheck.db",
    show_default=True,
    envvar="FACTCHECK_DB",
    type=click.Path(dir_okay=False),
    help="SQLite database file (or set FACTCHECK_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    """factcheck: quotations and claims in German news, from article to reviewed quote database."""
    ctx.obj = {"db_path": db_path}
