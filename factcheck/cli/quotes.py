"""Commands that read the database: quotes and stats."""

from __future__ import annotations

import csv
import json
import shutil
import sys

import click

from ..export.csvfile import neutralize
from ..nlp import EXTRACTOR_VERSION
from ..store import QuoteFilter, quote_stats, select_quotes, store_totals
from .base import cli, one_line, open_database, output_format_option, quote_filter_options

QUOTE_TABLE = (("quote_id", "id", 16), ("status", "status", 10), ("kind", "kind", 13), ("speaker", "speaker", 22))


@cli.command()
@quote_filter_options
@output_format_option
@click.option("--limit", type=click.IntRange(min=0), help="At most this many quotations.")
@click.pass_context
def quotes(ctx: click.Context, flt: QuoteFilter, output: str, limit: int | None) -> None:
    """List quotations, filtered; a table, or --json / --csv with every column."""
    rows = select_quotes(open_database(ctx, must_exist=True), flt, limit=limit)
    write_rows(rows, output)


def write_rows(rows, output: str) -> None:
    if output in ("json", "csv"):
        write_table_rows(rows, output)
    else:
        print_quote_table(rows)


def write_table_rows(rows, output: str) -> None:
    """Rows (dicts) as JSON lines or CSV (formula cells neutralised) on stdout."""
    if output == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif output == "csv":
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row), lineterminator="\n")
                writer.writeheader()
            writer.writerow({name: neutralize(value) for name, value in row.items()})  # text, never a formula


def print_quote_table(rows) -> None:
    """One line per quotation, cut to the terminal's width; the text takes the room the other columns leave."""
    width = shutil.get_terminal_size((120, 24)).columns
    text_width = max(20, width - sum(w + 2 for _, _, w in QUOTE_TABLE))
    columns = [*QUOTE_TABLE, ("text", "text", text_width)]
    click.echo("  ".join(title.ljust(w) for _, title, w in columns).rstrip())
    shown = 0
    for row in rows:
        click.echo("  ".join(one_line(row.get(key), w).ljust(w) for key, _, w in columns).rstrip())
        shown += 1
    click.echo(f"{shown} quotation{'s' if shown != 1 else ''}", err=True)


@cli.command()
@quote_filter_options
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_context
def stats(ctx: click.Context, flt: QuoteFilter, as_json: bool) -> None:
    """Counts: articles, quotations, speakers, reviews; by status, kind and verdict; top speakers.

    With filters, the counts are over the matching quotations only."""
    from ..match import pending_work  # here, not at the top: `quotes` starts without the matcher

    db = open_database(ctx, must_exist=True)
    figures = {"database": store_totals(db, EXTRACTOR_VERSION), "matching_pending": pending_work(db) != 0
               } if flt.is_empty() else {}
    figures["quotations"] = quote_stats(db, flt)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    if "database" in figures:
        click.echo("database: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in figures["database"].items()))
        if figures["database"]["outdated_articles"]:
            click.echo("  (articles read by an older detector: `factcheck reextract` reads them again)")
        if figures["matching_pending"]:
            click.echo("  (quotations not matched yet, after --no-match or an interrupted run: `factcheck match`)")
    q = figures["quotations"]
    click.echo(f"quotations: {q['quotes']} in {q['articles']} articles, {q['speakers']} speakers, {q['clusters']} clusters")
    for name in ("status", "kind", "verdict", "top_speakers"):
        if q[name]:
            click.echo(f"{name.replace('_', ' ')}: " + ", ".join(f"{one_line(k, 40)} {n}" for k, n in q[name].items()))
