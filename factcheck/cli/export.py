"""factcheck export: quotations as JSONL, CSV, SQLite or ClaimReview."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path

import click

from .. import sanitize
from ..config import ConfigError
from ..export import FORMATS as EXPORT_FORMATS, ExportError, datasette, export
from ..export.atomic import atomic_open, interrupt_on_termination
from ..store import QuoteFilter
from .base import cli, open_database, quote_filter_options


@cli.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH",
              help="Output file, or - for stdout. A file appears complete or not at all.")
@quote_filter_options
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark (for spreadsheets).")
@click.option("--org", metavar="NAME", help="claimreview: the fact-checking organization [default: from the config].")
@click.option("--url-template", metavar="TEMPLATE",
              help="claimreview: URL of each fact check, with {claim_id}, {cluster_id}, {quote_id} or {slug}.")
@click.option("--scale-out", type=click.Path(dir_okay=False),
              help="claimreview: also write the verdict scale (label to rating value) as JSON to this file.")
@click.option("--metadata", "metadata_out", type=click.Path(dir_okay=False),
              help="sqlite: where to write the datasette metadata [default: beside the file, NAME.metadata.json].")
@click.pass_context
def export_quotes(ctx: click.Context, fmt: str, output: str, flt: QuoteFilter, bom: bool, org: str | None,
                  url_template: str | None, scale_out: str | None, metadata_out: str | None) -> None:
    """Export the quotations (filtered) as FORMAT: jsonl, csv, sqlite or claimreview.

    jsonl and csv: one quotation per line/row with its article, offsets and 40 characters of context,
    speaker, cluster and review. sqlite: a standalone database with the same schema, and its datasette
    metadata (titles, facets, search, canned queries) beside it: datasette NAME.db -m NAME.metadata.json.
    claimreview: schema.org ClaimReview JSON-LD, one object per reviewed claim (needs --url-template and
    --org or organization in the config).
    """
    db_path = ctx.find_root().obj["db_path"]
    if not Path(db_path).is_file():
        raise click.ClickException(f"no database at {sanitize.shown(db_path)} (give --db or set FACTCHECK_DB)")
    if fmt == "sqlite" and output == "-" and sys.stdout.isatty():
        raise click.ClickException("a sqlite export is a binary file: give -o PATH")
    if fmt == "sqlite" and output != "-":
        metadata_out = metadata_out or str(datasette.metadata_path(output))
    elif metadata_out:
        raise click.UsageError("--metadata goes with a sqlite export to a file (-o PATH)")
    db = open_database(ctx)
    destination = "stdout" if output == "-" else sanitize.shown(output)
    try:
        with interrupt_on_termination():
            count = export(db, fmt, output, flt, bom=bom, organization=org, url_template=url_template,
                           scale_out=scale_out, datasette_metadata=metadata_out, warn=lambda message: click.echo(message, err=True))
    except (ExportError, ConfigError) as err:
        raise click.ClickException(str(err)) from None
    except OSError as err:
        raise click.ClickException(f"cannot write {destination}: {err.strerror or err}") from None
    except sqlite3.Error as err:
        raise click.ClickException(f"database error: {err}; nothing written") from None
    except KeyboardInterrupt:
        click.echo("interrupted: nothing written", err=True)
        sys.exit(130)
    what = "claim reviews" if fmt == "claimreview" else "quotations"
    click.echo(f"{count} {what} exported to {destination}", err=True)
    if metadata_out:
        click.echo(f"datasette metadata in {metadata_out}: {shlex.join(['datasette', output, '-m', metadata_out])}", err=True)


@cli.command("datasette-metadata")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write it, - for stdout [default: beside the database, NAME.metadata.json].")
@click.pass_context
def datasette_metadata(ctx: click.Context, output: str | None) -> None:
    """Write the datasette metadata for the database: titles and descriptions of the tables and columns,
    quotes_view with search and facets, canned queries (disputed claims, claims by speaker, claims in more
    than N articles, reviews by reviewer and day). Then: datasette NAME.db -m NAME.metadata.json"""
    db_path = ctx.find_root().obj["db_path"]
    open_database(ctx, must_exist=True).close()  # upgraded, so datasette finds the full-text indexes
    output = output or str(datasette.metadata_path(db_path))
    try:
        with atomic_open(output) as stream:
            datasette.write(Path(db_path).stem, stream)
    except OSError as err:
        raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from None
    if output != "-":
        click.echo(f"datasette metadata in {output}: {shlex.join(['datasette', db_path, '-m', output])}", err=True)
