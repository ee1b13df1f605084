"""Commands that read articles into the database: ingest and reextract."""

from __future__ import annotations

import sqlite3
import sys

import click

from ..ingest import DEFAULT_MAX_BYTES, FORMATS, IngestReport, expand, iter_ingest
from .base import ByteSize, NoBar, cli, load_detector, model_option, open_database


PROGRESS_MIN_BYTES = 1024 * 1024  # smaller inputs finish before a progress bar would tell anything


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Read every input as this format (auto: by file extension; stdin by its first bytes).")
@click.option("--max-size", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="20MB",
              help="Skip files (and JSONL lines) larger than this.")
@click.option("--bulk", is_flag=True,
              help="For large loads: build the full-text index once at the end instead of per article.")
@click.option("--no-match", is_flag=True, help="Do not match the new quotations against the stored ones afterwards.")
@model_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], fmt: str, max_size: int, bulk: bool, no_match: bool,
           model: str | None) -> None:
    """Read articles and store them with their quotations.

    PATHS are files, folders (searched recursively for .txt, .md, .html, .htm, .jsonl), glob patterns, or
    - for standard input. JSONL has one article per line: {"text": ..., "url", "title", "outlet",
    "published"}. Re-ingesting is safe: unchanged articles are skipped, changed ones updated (reviews kept).
    Exits with 1 if any input failed; each failure is reported on one line. Afterwards the new quotations
    are matched against the stored ones (as `factcheck match` does), unless --no-match.
    """
    db = open_database(ctx)
    nlp = load_detector(model) if model else None  # the default pipeline loads only if an article is new
    report = run_ingest(db, list(expand(paths, fmt)), max_bytes=max_size, bulk=bulk, nlp=nlp)
    click.echo(report.summary())
    if not no_match:
        match_new_quotes(db, report.counts["new"] or report.counts["updated"])
    if report.failed:
        ctx.exit(1)


def run_ingest(db, sources: list, **options) -> IngestReport:
    """Ingest with failures on stderr as they happen and, for long inputs on a terminal, a progress bar."""
    report = IngestReport()
    total = sum(getattr(s, "size", None) or 0 for s in sources)
    show_bar = sys.stderr.isatty() and total > PROGRESS_MIN_BYTES
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr) if show_bar else NoBar() as bar:
        try:
            for outcome in iter_ingest(db, sources, **options):
                report.add(outcome)
                if outcome.reason:
                    click.echo(("\r\x1b[K" if show_bar else "") + str(outcome), err=True)
                bar.update(outcome.nbytes)
        except KeyboardInterrupt:
            click.echo(f"\ninterrupted: {report.summary()} (every article counted is stored completely)", err=True)
            sys.exit(130)
        except sqlite3.Error as err:
            raise click.ClickException(f"database error: {err}; {report.summary()} before it") from None
    return report


def match_new_quotes(db, changed: bool) -> None:
    """The incremental match that follows an ingest or re-extraction which changed quotations."""
    if not changed:
        return
    from ..match import run

    try:
        click.echo(f"match: {run(db).summary()}")
    except sqlite3.Error as err:
        raise click.ClickException(f"match: database error: {err}; articles are stored, run `factcheck match`") from None


@cli.command()
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every article, not only those an older detector (or another --model) read.")
@model_option
@click.option("--no-match", is_flag=True, help="Do not match the changed quotations afterwards.")
@click.pass_context
def reextract(ctx: click.Context, everything: bool, model: str | None, no_match: bool) -> None:
    """Run the current detector again over the stored articles.

    Only articles read by an older detector version (or with another --model) are read again, unless
    --all. A quotation found again keeps its id and with it its review, corrections and cluster; the
    review of a quotation no longer found is kept and flagged orphaned. Each article is one transaction,
    so an interrupted run loses nothing and the next run goes on with the rest."""
    from ..ingest import ReextractReport, iter_reextract
    from ..ingest.reextract import pending

    db = open_database(ctx)
    nlp = load_detector(model)
    ids = pending(db, nlp, everything=everything)
    report = ReextractReport()
    show_bar = sys.stderr.isatty() and len(ids) > 20
    with click.progressbar(length=len(ids), label="Re-extracting", file=sys.stderr) if show_bar else NoBar() as bar:
        try:
            for outcome in iter_reextract(db, nlp=nlp, article_ids=ids):
                report.add(outcome)
                if outcome.reason:
                    click.echo(("\r\x1b[K" if show_bar else "") + str(outcome), err=True)
                bar.update(1)
        except KeyboardInterrupt:
            click.echo(f"\ninterrupted: {report.summary()} (run it again for the rest)", err=True)
            sys.exit(130)
        except sqlite3.Error as err:
            raise click.ClickException(f"database error: {err}; {report.summary()} before it") from None
    click.echo(report.summary())
    if not no_match:
        match_new_quotes(db, bool(report.changes["added"] or report.changes["vanished"]))
    if report.failed:
        ctx.exit(1)
