"""factcheck match and the speaker merges it makes."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click

from ..config import ConfigError
from .base import cli, load_detector, model_option, one_line, open_database


@cli.command("match")
@click.option("--threshold", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Score (0-100) at or above which quotations join a cluster automatically.")
@click.option("--suggest", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="Score from which a pair below --threshold is suggested to a reviewer.")
@click.option("--all", "everything", is_flag=True,
              help="Match every quotation again, not only those added since the last run (decisions stay).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Processes that verify the candidate pairs of a large run [default: one per core].")
@click.pass_context
def match_command(ctx: click.Context, threshold: float, suggest: float, everything: bool, workers: int | None) -> None:
    """Cluster near-duplicate claims across articles and merge speaker name variants.

    Incremental: only quotations added since the last run are compared (against all). Rejected pairs,
    split quotations and undone speaker merges stay as the reviewer left them."""
    from ..match.work import MatchReport, check_thresholds, pending_work

    try:
        check_thresholds(threshold, suggest)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    db = open_database(ctx, writes=True)
    if not everything and not pending_work(db):  # nothing new: the matcher is not even imported
        click.echo(MatchReport().summary())
        return
    from ..match import run

    try:
        report = run(db, threshold=threshold, suggest=suggest, everything=everything,
                     workers=workers or os.cpu_count() or 1)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    except sqlite3.Error as err:
        raise click.ClickException(f"database error: {err}; nothing changed") from None
    click.echo(report.summary())
    for merge in report.speaker_merges:
        click.echo(f"  speaker merge {merge['id']}: {merge['speaker']} → {merge['into']} ({merge['reason']})")


@cli.command("eval-match")
@click.argument("pairs", type=click.Path(dir_okay=False))
@click.option("--articles", type=click.Path(file_okay=False, exists=True),
              help="Folder of the articles [default: beside PAIRS, named like it, or articles/].")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, help="As for match [default: match's].")
@click.option("--suggest", type=click.FloatRange(0, 100), default=None, help="As for match [default: match's].")
@click.option("--errors", is_flag=True, help="List every pair the matcher did not treat as labelled.")
@click.option("--keep-db", type=click.Path(dir_okay=False), help="Build the evaluation database here (kept afterwards).")
@model_option
def eval_match_command(pairs: str, articles: str | None, threshold: float | None, suggest: float | None, errors: bool,
                       keep_db: str | None, model: str | None) -> None:
    """Score claim matching and speaker merging on a labelled set PAIRS.

    PAIRS is JSON with lists same_claim, different_claim, same_speaker and different_speaker of
    [article stem, snippet, article stem, snippet]. The articles are read into a new database (the
    command's --db is not touched), matched, and each list's recall and precision printed."""
    from ..match.evaluate import PairsError, evaluate, load_pairs

    try:
        labelled = load_pairs(pairs, articles)
    except PairsError as err:
        raise click.ClickException(str(err)) from None
    if keep_db and Path(keep_db).exists():
        raise click.ClickException(f"{keep_db} exists; --keep-db builds a new database")
    nlp = load_detector(model) if model else None
    try:
        evaluation = evaluate(labelled, nlp=nlp, threshold=threshold, suggest=suggest, db_path=keep_db)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(evaluation.report(errors=errors))


@cli.group()
def speakers() -> None:
    """Review the speaker merges that `match` made (one person under several spellings)."""


@speakers.command("merges")
@click.pass_context
def speakers_merges(ctx: click.Context) -> None:
    """List speaker merges, newest first."""
    from ..match.speakers import list_merges

    for m in list_merges(open_database(ctx)):
        decided = f" by {m['decided_by']}" if m["decided_by"] else ""
        click.echo(f"{m['id']:>5}  {m['status']:<9} {one_line(m['speaker'], 40)} → {one_line(m['into'], 40)}  "
                   f"({m['reason']}){decided}")


@speakers.command("undo")
@click.argument("merge_id", type=int)
@click.option("--reviewer", help="Your name [default: from the config].")
@click.pass_context
def speakers_undo(ctx: click.Context, merge_id: int, reviewer: str | None) -> None:
    """Undo speaker merge MERGE_ID; it is not made again."""
    from ..config import load_config
    from ..match import undo_speaker_merge

    db = open_database(ctx, writes=True)
    try:
        undo_speaker_merge(db, merge_id, reviewer=reviewer or load_config().reviewer)
    except (ValueError, ConfigError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"speaker merge {merge_id} undone")
