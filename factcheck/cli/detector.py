"""The detector on its own, without a database: extract and eval."""

from __future__ import annotations

import click

from .base import cli, model_option


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@model_option
def extract_command(paths: tuple[str, ...], fmt: str, model: str | None) -> None:
    """Print the quotations and claims found in text files (no database needed)."""
    from ..nlp.commands import extract_files

    try:
        failed = extract_files(list(paths), fmt, model, err=lambda m: click.echo(m, err=True))
    except OSError as err:  # e.g. an unknown --model
        raise click.ClickException(str(err)) from None
    if failed:
        raise SystemExit(1)


@cli.command("eval")
@click.argument("gold")
@model_option
@click.option("--errors", is_flag=True, help="List misses and false hits with context (and their category).")
@click.option("--by-category", is_flag=True, help="Count the errors by category (factcheck/nlp/categories.py).")
@click.option("--texts", default=None, type=click.Path(file_okay=False), help="Folder with <doc>.txt for a JSONL gold.")
def eval_command(gold: str, model: str | None, errors: bool, by_category: bool, texts: str | None) -> None:
    """Score quotation detection and attribution on a gold folder (WIKINEWS) or JSONL file."""
    from ..nlp.commands import InputError, evaluate_gold

    try:
        evaluate_gold(gold, model, errors, texts, by_category=by_category)
    except (InputError, OSError) as err:
        raise click.ClickException(str(err)) from None
