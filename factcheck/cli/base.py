"""The command group and what its commands share: the --db option, one-line usage errors, opening the
database, the quotation filter options and small option types."""

from __future__ import annotations

import contextlib
import functools
import importlib
import re
import sqlite3
import sys
from pathlib import Path

import click

from .. import __version__, sanitize
from ..store import KINDS, STATUSES, QuoteFilter, finish_pending, is_read_only, open_db, unfinished


class OneLineUsageError(click.UsageError):
    """A usage mistake told on one line, with where to look, instead of click's usage block."""

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx else "factcheck"
        click.echo(f"Error: {self.format_message()} (see '{command} --help')", file=file or sys.stderr)


class FactcheckGroup(click.Group):
    """The command group. A command's module is imported when the command is first asked for
    (`lazy_commands`: command name -> the module of factcheck.cli that registers it), so that each command
    starts with the packages it needs and no others; and usage errors of any command come out as one line."""

    lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in self.lazy_commands:
            importlib.import_module(f"{__package__}.{self.lazy_commands[name]}")
        return super().get_command(ctx, name)

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


def open_database(ctx: click.Context, path: str | Path | None = None, *, must_exist: bool = False,
                  writes: bool = False, finish: bool = True):
    """The database named by --db (or `path`), created or upgraded, with a one-line error if it cannot be
    opened (or, with `must_exist`, if there is none yet: reading commands should not leave empty files
    behind; with `writes`, if it can only be read here).

    Whatever work an interrupted or earlier command left pending (an unfinished full-text index, ...) is
    finished first, with a line on stderr saying so, so that no command works on a half-done database."""
    path = path or ctx.find_root().obj["db_path"]
    shown = sanitize.shown(path)
    if must_exist and not Path(path).is_file():
        raise click.ClickException(f"no database at {shown}; ingest articles first (factcheck ingest PATH) or give --db")
    existed = Path(path).exists()
    try:
        db = open_db(path)
    except sqlite3.OperationalError as err:
        if existed:
            raise click.ClickException(f"{shown}: {err}") from None
        raise click.ClickException(f"cannot create a database at {shown} ({err}): can its folder be written to?") from None
    except (sqlite3.DatabaseError, RuntimeError) as err:
        raise click.ClickException(f"{shown}: {err}") from None
    if writes and is_read_only(db):
        raise click.ClickException(f"{shown} can only be read here (the file or its folder cannot be written to), "
                                   "and this command writes to it")
    if finish:
        _finish_pending_work(db, shown)
    return db


def _finish_pending_work(db, shown: str) -> None:
    say = functools.partial(click.echo, err=True)
    if is_read_only(db):
        for work in unfinished(db):
            say(f"warning: {work.what} is unfinished and cannot be finished in a read-only database: "
                "results may be incomplete (`factcheck check` where it can be written finishes it)")
        return
    try:
        for line in finish_pending(db, say=say):
            say(line)
    except sqlite3.Error as err:
        raise click.ClickException(f"{shown}: cannot finish the work an earlier command left pending ({err}); "
                                   "nothing else was done") from None


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
        click.option("--include-parts", is_flag=True,
                     help="Also the verbatim fragments quoted inside a claim, as rows of their own."),
    ]
    names = ("status", "verdict", "kind", "speaker", "article", "cluster", "search", "since", "only_unreviewed",
             "include_not_quotes", "include_parts")

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
    from .. import nlp

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


def one_line(value, width: int) -> str:
    """A value as one line of at most `width` characters. What is stored was made safe when it came in; this
    keeps the terminal safe from what an older factcheck stored (control and bidi characters)."""
    text = sanitize.field("" if value is None else str(value), unsafe="?") or ""
    return text if len(text) <= width else text[: width - 1] + "…"


class NoBar:
    """Stands in for click's progress bar when none is shown."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass
