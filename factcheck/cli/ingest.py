"""Commands that read articles into the database: ingest and reextract."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import time

import click

from ..ingest import DEFAULT_MAX_BYTES, FORMATS, IngestReport, expand, iter_ingest
from ..ingest.executors import ExecutorError, make_executor
from ..ingest.pipeline import Timings
from ..store import INDEX_EVERY
from .base import ByteSize, NoBar, cli, load_detector, model_option, open_database


PROGRESS_MIN_BYTES = 1024 * 1024  # smaller inputs finish before a progress bar would tell anything
SMALL_INPUT_BYTES = 256 * 1024    # less text than this, and worker processes would take longer to start than they save
SMALL_REEXTRACT = 50              # articles; the same for reextract


def executor_options(command):
    """--workers, --dask and --timings: where the detector runs, and where the time went."""
    command = click.option("--timings", is_flag=True, help="Print the seconds spent in each stage to stderr.")(command)
    command = click.option(
        "--dask", metavar="ADDRESS", envvar="FACTCHECK_DASK",
        help="Run the detector on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786; or set "
             "FACTCHECK_DASK). The database stays here.")(command)
    return click.option(
        "--workers", type=click.IntRange(min=1), metavar="N",
        help="Detector processes on this machine [default: one per core; 1 for small inputs]. 1 runs it in "
             "this process. The match that follows verifies its candidates in as many processes.")(command)


def start_executor(workers: int | None, dask: str | None, nlp, small_input: bool):
    if workers is not None and dask:
        raise click.UsageError("--workers and --dask exclude each other: the Dask cluster has its own workers")
    try:
        return make_executor(workers, dask, nlp=nlp, small_input=small_input)
    except ExecutorError as err:
        raise click.ClickException(str(err)) from None


def print_timings(timings: Timings, executor) -> None:
    """Where the time of a run went, on stderr: the stages in this process, wall clock and (in brackets) the CPU
    time they took here and in the processes they forked, then this process's CPU time in all; the detector's CPU
    time summed over its workers."""
    stages = ", ".join(f"{stage} {timings.seconds[stage]:.2f}s ({timings.cpu[stage]:.2f}s cpu"
                       + (f" + {timings.forked[stage]:.2f}s in forked processes)" if timings.forked[stage] else ")")
                       for stage in ("read", "wait", "store", "match") if stage != "match" or stage in timings.seconds)
    click.echo(f"timings: {stages}; this process {time.process_time():.2f}s cpu; detector {timings.seconds['detect']:.2f}s "
               f"cpu in {executor.workers} {'worker' if executor.workers == 1 else 'workers'}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Read every input as this format (auto: by file extension; stdin by its first bytes).")
@click.option("--max-size", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="20MB",
              help="Skip files (and JSONL lines) larger than this.")
@click.option("--bulk", is_flag=True,
              help="Kept for scripts that pass it: every ingest now adds to the full-text index at the end "
                   f"(and every {INDEX_EVERY:,} articles) instead of per article.")
@click.option("--no-match", is_flag=True, help="Do not match the new quotations against the stored ones afterwards.")
@model_option
@executor_options
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], fmt: str, max_size: int, bulk: bool, no_match: bool,
           model: str | None, workers: int | None, dask: str | None, timings: bool) -> None:
    """Read articles and store them with their quotations.

    PATHS are files, folders (searched recursively for .txt, .md, .html, .htm, .jsonl), glob patterns, or
    - for standard input. JSONL has one article per line: {"text": ..., "url", "title", "outlet",
    "published"}. Re-ingesting is safe: unchanged articles are skipped, changed ones updated (reviews kept).
    Exits with 1 if any input failed; each failure is reported on one line. Afterwards the new quotations
    are matched against the stored ones (as `factcheck match` does), unless --no-match.

    The detector runs in worker processes (--workers) or on a Dask cluster (--dask); the articles are
    stored here, in input order, each in one transaction, as with --workers 1.
    """
    db = open_database(ctx, writes=True)
    nlp = load_detector(model) if model else None  # the default pipeline loads only if an article is new
    sources = list(expand(paths, fmt))
    sizes = [getattr(s, "size", None) for s in sources]
    small = None not in sizes and sum(sizes) < SMALL_INPUT_BYTES
    stages = Timings()
    with start_executor(workers, dask, nlp, small) as executor:
        report = run_ingest(db, sources, max_bytes=max_size, nlp=nlp, executor=executor, timings=stages)
    finish_run(ctx, db, report, not no_match, stages if timings else None, executor)


def run_ingest(db, sources: list, **options) -> IngestReport:
    """Ingest with failures on stderr as they happen and, for long inputs on a terminal, a progress bar."""
    report = IngestReport()
    total = sum(getattr(s, "size", None) or 0 for s in sources)
    show_bar = sys.stderr.isatty() and total > PROGRESS_MIN_BYTES
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr) if show_bar else NoBar() as bar:
        with stopped_cleanly(report, "every article counted is stored completely"):
            for outcome in iter_ingest(db, sources, **options):
                report.add(outcome)
                for message in outcome.messages():
                    click.echo(("\r\x1b[K" if show_bar else "") + message, err=True)
                bar.update(outcome.nbytes)
    return report


@contextlib.contextmanager
def stopped_cleanly(report, after_interrupt: str):
    """How a run that does not reach its end ends: Ctrl-C with exit code 130, a database error or a detector
    that cannot run with a one-line error; each says what was stored before."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: {report.summary()} ({after_interrupt})", err=True)
        sys.exit(130)
    except sqlite3.Error as err:
        raise click.ClickException(f"database error: {err}; {report.summary()} before it") from None
    except ExecutorError as err:
        raise click.ClickException(f"{err}; {report.summary()} before it") from None


def finish_run(ctx: click.Context, db, report, match: bool, stages: Timings | None, executor) -> None:
    """The end of an ingest or re-extraction: its summary, the match that follows if `match`, the timings if
    asked for, exit code 1 if anything failed."""
    click.echo(report.summary())
    match_pending(db, match, stages, executor.cores)
    if stages is not None:
        print_timings(stages, executor)
    if report.failed:
        ctx.exit(1)


def match_pending(db, match: bool = True, timings: Timings | None = None, workers: int = 1) -> None:
    """The incremental match that follows an ingest or re-extraction (unless not `match`): whatever matching
    work is pending, this command's or what an interrupted command left, so an interrupted match is finished by
    the next command; in `workers` processes (those the command's detector had, see match.core.verify). Timed
    as stage "match" of `timings` when there is something to match."""
    from ..match.work import pending_work

    if not match or not pending_work(db):
        return  # the matcher not even imported
    from ..match import run

    try:
        with timings.stage("match") if timings is not None else contextlib.nullcontext():
            click.echo(f"match: {run(db, workers=workers).summary()}")
    except sqlite3.Error as err:
        raise click.ClickException(f"match: database error: {err}; articles are stored, run `factcheck match`") from None


@cli.command()
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every article, not only those an older detector (or another --model) read.")
@model_option
@click.option("--no-match", is_flag=True, help="Do not match the changed quotations afterwards.")
@executor_options
@click.pass_context
def reextract(ctx: click.Context, everything: bool, model: str | None, no_match: bool, workers: int | None,
              dask: str | None, timings: bool) -> None:
    """Run the current detector again over the stored articles.

    Only articles read by an older detector version (or with another --model) are read again, unless
    --all. A quotation found again keeps its id and with it its review, corrections and cluster; the
    review of a quotation no longer found is kept and flagged orphaned. Each article is one transaction,
    so an interrupted run loses nothing and the next run goes on with the rest."""
    from ..ingest import ReextractReport, iter_reextract
    from ..ingest.reextract import pending

    db = open_database(ctx, writes=True)
    nlp = load_detector(model) if model else None
    ids = pending(db, nlp, everything=everything)
    report = ReextractReport()
    stages = Timings()
    show_bar = sys.stderr.isatty() and len(ids) > 20
    with (start_executor(workers, dask, nlp, len(ids) < SMALL_REEXTRACT) as executor,
          click.progressbar(length=len(ids), label="Re-extracting", file=sys.stderr) if show_bar else NoBar() as bar):
        with stopped_cleanly(report, "run it again for the rest"):
            for outcome in iter_reextract(db, executor=executor, article_ids=ids, timings=stages):
                report.add(outcome)
                if outcome.reason:
                    click.echo(("\r\x1b[K" if show_bar else "") + str(outcome), err=True)
                bar.update(1)
    finish_run(ctx, db, report, not no_match, stages if timings else None, executor)
