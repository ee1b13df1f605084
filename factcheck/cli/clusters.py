"""factcheck clusters: a reviewer's corrections of the claim clusters that `match` made."""

from __future__ import annotations

import sqlite3

import click

from ..config import ConfigError
from .base import cli, open_database

reviewer_option = click.option("--reviewer", metavar="NAME", help="Your name in the audit log [default: from the config].")


@cli.group()
def clusters() -> None:
    """Split a quotation out of its claim cluster, or merge two clusters (list them with `quotes --cluster ID`)."""


@clusters.command("split")
@click.argument("quote_id")
@reviewer_option
@click.pass_context
def clusters_split(ctx: click.Context, quote_id: str, reviewer: str | None) -> None:
    """Take quotation QUOTE_ID out of its claim cluster for good: later match runs leave it alone."""
    from ..match import clusters as cluster_store
    from ..match.decisions import split_quote

    db = open_database(ctx, must_exist=True)
    cluster_id = cluster_store.cluster_of(db, quote_id)
    if cluster_id is None:
        known = db.execute("SELECT 1 FROM quotes WHERE id = ?", [quote_id]).fetchone()
        raise click.ClickException(f"quotation {quote_id} is in no claim cluster" if known else f"no quotation {quote_id}")
    _run(lambda: split_quote(db, quote_id, reviewer=_reviewer(reviewer)))
    click.echo(f"quotation {quote_id} split out of claim cluster {cluster_id}")


@clusters.command("merge")
@click.argument("cluster_a", type=int)
@click.argument("cluster_b", type=int)
@reviewer_option
@click.pass_context
def clusters_merge(ctx: click.Context, cluster_a: int, cluster_b: int, reviewer: str | None) -> None:
    """Merge claim clusters CLUSTER_A and CLUSTER_B: they are one claim. The older (lower) id stays."""
    from ..match.decisions import merge_clusters

    db = open_database(ctx, must_exist=True)
    target = _run(lambda: merge_clusters(db, cluster_a, cluster_b, reviewer=_reviewer(reviewer)))
    size = db.execute("SELECT size FROM clusters WHERE id = ?", [target]).fetchone()[0]
    click.echo(f"claim clusters {cluster_a} and {cluster_b} merged into {target} ({size} quotations)")


def _reviewer(reviewer: str | None) -> str:
    from ..config import load_config

    return reviewer or load_config().reviewer


def _run(write):
    try:
        return write()
    except (ValueError, ConfigError) as err:
        raise click.ClickException(str(err)) from None
    except sqlite3.Error as err:
        raise click.ClickException(f"database error: {err}; nothing changed") from None
