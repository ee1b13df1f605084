"""The `factcheck` command line: one click group (base.py); each command only wires the stage packages
together. The commands live in modules by what they are about; importing a module registers its commands on
`cli`, and the group imports it when one of them is run (COMMANDS), so that a command's start-up pays only
for what it uses: `factcheck match` never loads the detector, the review app or the exporters. A new command:
register it in its module and add its name here."""

from .base import cli

COMMANDS = {  # command -> the module that registers it
    "check": "check", "orphans": "check",
    "clusters": "clusters",
    "demo": "demo",
    "extract": "detector", "eval": "detector",
    "export": "export", "datasette-metadata": "export",
    "ingest": "ingest", "reextract": "ingest",
    "match": "match", "eval-match": "match", "speakers": "match",
    "quotes": "quotes", "stats": "quotes",
    "review": "review",
    "serve": "serve",
}
cli.lazy_commands = COMMANDS

__all__ = ["COMMANDS", "cli"]
