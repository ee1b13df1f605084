"""The database's health: check (and repair) it, list the orphaned reviews."""

from __future__ import annotations

import click

from ..store.integrity import check, orphaned_reviews
from .base import cli, one_line, open_database, output_format_option
from .quotes import write_table_rows

ORPHAN_TABLE = (("quote_id", "quote id", 16), ("status", "status", 10), ("verdict", "verdict", 12),
                ("reviewer", "reviewer", 10), ("reviewed_at", "reviewed", 10), ("title", "article", 24))


@cli.command("check")
@click.option("--no-repair", is_flag=True, help="Only report; change nothing.")
@click.pass_context
def check_command(ctx: click.Context, no_repair: bool) -> None:
    """Check the database and repair what can be repaired.

    Runs SQLite's integrity and foreign-key checks, finishes pending work (the rows an interrupted ingest
    or reextract left to be indexed), checks both full-text indexes against their tables (rebuilding one that is out of
    step), flags reviews whose quotation is gone as orphaned, and cleans article metadata an older factcheck
    stored unsafe. Exits with 1 if anything is still wrong afterwards."""
    db = open_database(ctx, must_exist=True, writes=not no_repair, finish=False)
    report = check(db, repair=not no_repair)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        ctx.exit(1)


@cli.command()
@output_format_option
@click.pass_context
def orphans(ctx: click.Context, output: str) -> None:
    """List the orphaned reviews: decisions on quotations that a re-ingest or re-extraction no longer finds.

    They are kept (and exported) with what they were about: the quotation's text, its article, and the
    article's latest earlier version that has it. A quotation found again takes its review back."""
    rows = orphaned_reviews(open_database(ctx, must_exist=True))
    if output != "table":
        write_table_rows(rows, output)
        return
    columns = [*ORPHAN_TABLE, ("quote_text", "quotation", 40)]
    click.echo("  ".join(title.ljust(width) for _, title, width in columns).rstrip())
    count = 0
    for row in rows:
        click.echo("  ".join(one_line(row[key] if key != "title" else row["title"] or row["url"] or row["article_id"],
                                      width).ljust(width) for key, _, width in columns).rstrip())
        count += 1
    click.echo(f"{count} orphaned review{'s' if count != 1 else ''}", err=True)
