"""The `factcheck` command line: one click group; each command only wires the stage packages together."""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import re
import shutil
import sqlite3
import sys
import unicodedata
from pathlib import Path

import click

from . import __version__
from .config import ConfigError
from .export import FORMATS as EXPORT_FORMATS, ExportError, export
from .export.atomic import interrupt_on_termination
from .nlp import EXTRACTOR_VERSION
from .ingest import DEFAULT_MAX_BYTES, FORMATS, IngestReport, expand, iter_ingest, seed_sources
from .store import KINDS, STATUSES, QuoteFilter, open_db, quote_stats, select_quotes, store_totals


class OneLineUsageError(click.UsageError):
    """A usage mistake told on one line, with where to look, instead of click's usage block."""

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx else "factcheck"
        click.echo(f"Error: {self.format_message()} (see '{command} --help')", file=file or sys.stderr)


class FactcheckGroup(click.Group):
    """The command group; its only addition is that usage errors of any command come out as one line."""

    def make_context(self, *args, **kwargs):
        with _one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        with _one_line_usage_errors():
            return super().invoke(ctx)


@contextlib.contextmanager
def _one_line_usage_errors():
    try:
        yield
    except OneLineUsageError:
        raise
    except click.UsageError as err:
        raise OneLineUsageError(err.format_message(), err.ctx) from None


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


# --- shared helpers -------------------------------------------------------------------------------------


def open_database(ctx: click.Context, path: str | Path | None = None, *, must_exist: bool = False):
    """The database named by --db (or `path`), created or upgraded; a clear error if it cannot be opened
    (or, with `must_exist`, if there is none yet: reading commands should not leave empty files behind)."""
    path = path or ctx.find_root().obj["db_path"]
    if must_exist and not Path(path).is_file():
        raise click.ClickException(f"no database at {path}; ingest articles first (factcheck ingest PATH) or give --db")
    try:
        return open_db(path)
    except (sqlite3.DatabaseError, RuntimeError) as err:
        raise click.ClickException(f"{path}: {err}") from None


def quote_filter_options(command):
    """The shared quotation filters (quotes, stats, export). The command receives them as `flt`, a
    `factcheck.store.QuoteFilter`."""
    options = [
        click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Review status (repeatable)."),
        click.option("--verdict", multiple=True, metavar="LABEL", help="Verdict label (repeatable)."),
        click.option("--kind", multiple=True, type=click.Choice(KINDS), help="Kind of quotation (repeatable)."),
        click.option("--speaker", metavar="TEXT", help="Speaker name contains TEXT (case-insensitive)."),
        click.option("--article", metavar="TEXT", help="Article id, or TEXT in its title, url, source or outlet."),
        click.option("--cluster", type=int, help="Cluster id."),
        click.option("--search", metavar="TEXT", help="Words in the quotation (full-text search, all words, as prefixes)."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Reviewed or published on or after this date."),
        click.option("--unreviewed", "only_unreviewed", is_flag=True, help="Only quotations nobody has reviewed."),
        click.option("--include-not-quotes", is_flag=True, help="Also those a reviewer marked as not a quotation."),
    ]
    names = ("status", "verdict", "kind", "speaker", "article", "cluster", "search", "since", "only_unreviewed",
             "include_not_quotes")

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        values = {name: kwargs.pop(name) for name in names}
        if values["since"] is not None:
            values["since"] = values["since"].date().isoformat()
        return command(*args, flt=QuoteFilter(**values), **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def model_option(command):
    """--model: an installed spaCy German pipeline (name or path) for the detector to build on."""
    return click.option("--model", default=None, metavar="NAME",
                        help="Installed spaCy German pipeline to build on (default: rules only).")(command)


def load_detector(model: str | None):
    """The detector pipeline, with a one-line error for a pipeline that cannot be loaded."""
    from . import nlp

    try:
        return nlp.load(model)
    except (OSError, ValueError) as err:  # not installed, not a pipeline folder
        raise click.ClickException(f"cannot load --model {model}: {err}") from None


def output_format_option(command):
    """--json (JSON lines) / --csv / the default readable table, as `output`."""
    command = click.option("--csv", "output", flag_value="csv", help="Output CSV.")(command)
    command = click.option("--json", "output", flag_value="json", help="Output JSON lines.")(command)
    return click.option("--table", "output", flag_value="table", default=True, hidden=True)(command)


class ByteSize(click.ParamType):
    """A size such as 20MB, 500KB, 1.5GB or a number of bytes."""

    name = "size"
    units = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", str(value).lower())
        if not match or float(match[1]) <= 0:
            self.fail(f"{value!r} is not a size like 20MB, 500KB or 1000000", param, ctx)
        return int(float(match[1]) * self.units[match[2]])


# --- ingest, quotes, stats, demo ------------------------------------------------------------------------

PROGRESS_MIN_BYTES = 1024 * 1024  # smaller inputs finish before a progress bar would tell anything
QUOTE_TABLE = (("quote_id", "id", 16), ("status", "status", 10), ("kind", "kind", 13), ("speaker", "speaker", 22))
DEMO_DB = "factcheck-demo.db"


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
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr) if show_bar else _NoBar() as bar:
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
    from .match import run

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
    from .ingest import ReextractReport, iter_reextract
    from .ingest.reextract import pending

    db = open_database(ctx)
    nlp = load_detector(model)
    ids = pending(db, nlp, everything=everything)
    report = ReextractReport()
    show_bar = sys.stderr.isatty() and len(ids) > 20
    with click.progressbar(length=len(ids), label="Re-extracting", file=sys.stderr) if show_bar else _NoBar() as bar:
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


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


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
    if output == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif output == "csv":
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row), lineterminator="\n")
                writer.writeheader()
            writer.writerow(row)
    else:
        print_quote_table(rows)


def print_quote_table(rows) -> None:
    """One line per quotation, cut to the terminal's width; the text takes the room the other columns leave."""
    width = shutil.get_terminal_size((120, 24)).columns
    text_width = max(20, width - sum(w + 2 for _, _, w in QUOTE_TABLE))
    columns = [*QUOTE_TABLE, ("text", "text", text_width)]
    click.echo("  ".join(title.ljust(w) for _, title, w in columns).rstrip())
    shown = 0
    for row in rows:
        click.echo("  ".join(_cell(row.get(key), w).ljust(w) for key, _, w in columns).rstrip())
        shown += 1
    click.echo(f"{shown} quotation{'s' if shown != 1 else ''}", err=True)


def _cell(value, width: int) -> str:
    """A value as one line of at most `width` characters; control characters never reach the terminal."""
    text = " ".join(str("" if value is None else value).split())
    text = "".join(c if unicodedata.category(c) != "Cc" else "?" for c in text)
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@quote_filter_options
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_context
def stats(ctx: click.Context, flt: QuoteFilter, as_json: bool) -> None:
    """Counts: articles, quotations, speakers, reviews; by status, kind and verdict; top speakers.

    With filters, the counts are over the matching quotations only."""
    db = open_database(ctx, must_exist=True)
    figures = {"database": store_totals(db, EXTRACTOR_VERSION)} if flt.is_empty() else {}
    figures["quotations"] = quote_stats(db, flt)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    if "database" in figures:
        click.echo("database: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in figures["database"].items()))
        if figures["database"]["outdated_articles"]:
            click.echo("  (articles read by an older detector: `factcheck reextract` reads them again)")
    q = figures["quotations"]
    click.echo(f"quotations: {q['quotes']} in {q['articles']} articles, {q['speakers']} speakers, {q['clusters']} clusters")
    for name in ("status", "kind", "verdict", "top_speakers"):
        if q[name]:
            click.echo(f"{name.replace('_', ' ')}: " + ", ".join(f"{_cell(k, 40)} {n}" for k, n in q[name].items()))


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
    db = open_database(ctx, path)
    if not explicit:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('demo', '1')")
        db.conn.commit()
    report = run_ingest(db, seed_sources())
    click.echo(report.summary())
    match_new_quotes(db, report.counts["new"] or report.counts["updated"])
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


# --- export ---------------------------------------------------------------------------------------------


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
@click.pass_context
def export_quotes(ctx: click.Context, fmt: str, output: str, flt: QuoteFilter, bom: bool, org: str | None,
                  url_template: str | None, scale_out: str | None) -> None:
    """Export the quotations (filtered) as FORMAT: jsonl, csv, sqlite or claimreview.

    jsonl and csv: one quotation per line/row with its article, offsets and 40 characters of context,
    speaker, cluster and review. sqlite: a standalone database with the same schema, ready for datasette.
    claimreview: schema.org ClaimReview JSON-LD, one object per reviewed claim (needs --url-template and
    --org or organization in the config).
    """
    db_path = ctx.find_root().obj["db_path"]
    if not Path(db_path).is_file():
        raise click.ClickException(f"no database at {db_path} (give --db or set FACTCHECK_DB)")
    if fmt == "sqlite" and output == "-" and sys.stdout.isatty():
        raise click.ClickException("a sqlite export is a binary file: give -o PATH")
    db = open_database(ctx)
    destination = "stdout" if output == "-" else output
    try:
        with interrupt_on_termination():
            count = export(db, fmt, output, flt, bom=bom, organization=org, url_template=url_template,
                           scale_out=scale_out, warn=lambda message: click.echo(message, err=True))
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


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@model_option
def extract_command(paths: tuple[str, ...], fmt: str, model: str | None) -> None:
    """Print the quotations and claims found in text files (no database needed)."""
    from .nlp.commands import extract_files

    try:
        failed = extract_files(list(paths), fmt, model, err=lambda m: click.echo(m, err=True))
    except OSError as err:  # e.g. an unknown --model
        raise click.ClickException(str(err)) from None
    if failed:
        raise SystemExit(1)


@cli.command("eval")
@click.argument("gold")
@model_option
@click.option("--errors", is_flag=True, help="List misses and false hits with context.")
@click.option("--texts", default=None, type=click.Path(file_okay=False), help="Folder with <doc>.txt for a JSONL gold.")
def eval_command(gold: str, model: str | None, errors: bool, texts: str | None) -> None:
    """Score quotation detection and attribution on a gold folder (WIKINEWS) or JSONL file."""
    from .nlp.commands import InputError, evaluate_gold

    try:
        evaluate_gold(gold, model, errors, texts)
    except (InputError, OSError) as err:
        raise click.ClickException(str(err)) from None


# --- match ----------------------------------------------------------------------------------------------


@cli.command("match")
@click.option("--threshold", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Score (0-100) at or above which quotations join a cluster automatically.")
@click.option("--suggest", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="Score from which a pair below --threshold is suggested to a reviewer.")
@click.option("--all", "everything", is_flag=True,
              help="Match every quotation again, not only those added since the last run (decisions stay).")
@click.pass_context
def match_command(ctx: click.Context, threshold: float, suggest: float, everything: bool) -> None:
    """Cluster near-duplicate claims across articles and merge speaker name variants.

    Incremental: only quotations added since the last run are compared (against all). Rejected pairs,
    split quotations and undone speaker merges stay as the reviewer left them."""
    from .match import run

    db = open_database(ctx)
    try:
        report = run(db, threshold=threshold, suggest=suggest, everything=everything)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    except sqlite3.Error as err:
        raise click.ClickException(f"database error: {err}; nothing changed") from None
    click.echo(report.summary())
    for merge in report.speaker_merges:
        click.echo(f"  speaker merge {merge['id']}: {merge['speaker']} → {merge['into']} ({merge['reason']})")


# --- review ---------------------------------------------------------------------------------------------


@cli.command()
@click.option("--reviewer", metavar="NAME",
              help="Your name in the audit log [default: reviewer in the config, else the login name].")
@click.pass_context
def review(ctx: click.Context, reviewer: str | None) -> None:
    """Go through the quotations in a terminal UI: decide (verified, disputed, verdict), note, correct.

    Press ? inside for the keys. Several reviewers can work on one database at once: a decision made on
    an out-of-date view is refused, never overwritten."""
    path = ctx.find_root().obj["db_path"]
    open_database(ctx, path).close()  # create or upgrade it, with a clear error if it cannot be opened
    run_review(path, reviewer)


def run_review(path: str | Path, reviewer: str | None) -> None:
    from .config import load_config
    from .review import ReviewApp

    try:
        config = load_config()
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    ReviewApp(path, reviewer=reviewer, config=config).run()


@cli.group()
def speakers() -> None:
    """Review the speaker merges that `match` made (one person under several spellings)."""


@speakers.command("merges")
@click.pass_context
def speakers_merges(ctx: click.Context) -> None:
    """List speaker merges, newest first."""
    from .match.speakers import list_merges

    for m in list_merges(open_database(ctx)):
        decided = f" by {m['decided_by']}" if m["decided_by"] else ""
        click.echo(f"{m['id']:>5}  {m['status']:<9} {_cell(m['speaker'], 40)} → {_cell(m['into'], 40)}  "
                   f"({m['reason']}){decided}")


@speakers.command("undo")
@click.argument("merge_id", type=int)
@click.option("--reviewer", help="Your name [default: from the config].")
@click.pass_context
def speakers_undo(ctx: click.Context, merge_id: int, reviewer: str | None) -> None:
    """Undo speaker merge MERGE_ID; it is not made again."""
    from .config import load_config
    from .match import undo_speaker_merge

    db = open_database(ctx)
    try:
        undo_speaker_merge(db, merge_id, reviewer=reviewer or load_config().reviewer)
    except (ValueError, ConfigError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"speaker merge {merge_id} undone")
