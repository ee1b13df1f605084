"""Start-up: a command imports what it uses and nothing else, so that a short command on a big database
returns at once (issue 14: `factcheck match` with nothing new <= 0.5 s)."""

import importlib
import pkgutil
import subprocess
import sys

import factcheck.cli
from factcheck.cli import COMMANDS, cli


def test_every_command_is_found_by_name_and_registered_by_its_module():
    for module in pkgutil.iter_modules(factcheck.cli.__path__):
        importlib.import_module(f"factcheck.cli.{module.name}")
    assert set(cli.commands) == set(COMMANDS)
    for name, command in cli.commands.items():
        assert command.callback.__module__ == f"factcheck.cli.{COMMANDS[name]}", name


def imported_by(*args: str) -> set[str]:
    """The top-level packages and factcheck modules a fresh `factcheck ARGS` process has imported at its end."""
    code = ("import sys, atexit; from factcheck.cli import cli; "
            "atexit.register(lambda: print('\\n'.join(sys.modules), file=sys.stderr)); "
            f"cli({list(args)!r}, prog_name='factcheck')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(done.stderr.split())


def test_match_with_nothing_new_loads_no_detector_review_app_or_exporters(tmp_path):
    db = str(tmp_path / "f.db")
    modules = imported_by("--db", db, "match")
    for heavy in ("spacy", "textual", "trafilatura", "charset_normalizer", "factcheck.ingest", "factcheck.export",
                  "factcheck.review", "distributed"):
        assert heavy not in modules, heavy


def test_help_lists_every_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True, text=True)
    for name in COMMANDS:
        assert f"  {name} " in result.stdout, name
