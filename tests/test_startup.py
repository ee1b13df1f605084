"""Start-up: a command imports what it uses and nothing else, so that a short command on a big database
returns at once (issue 14: `factcheck match` with nothing new <= 0.5 s)."""

import importlib
import os
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


def test_lemma_table_gives_spacys_lemmas_and_is_cached(tmp_path, monkeypatch):
    from spacy.lookups import load_lookups

    from factcheck.nlp import lemmas

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    fresh = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    assert [p.suffix for p in tmp_path.iterdir()] == [".marshal"]
    cached = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    spacys = load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")
    assert len(fresh) == len(cached) == len(spacys)
    for form in ("sagte", "teilte", "Abgeordneten", "gelogen", "kein-solches-Wort"):
        assert fresh.get(form, form) == cached.get(form, form) == spacys.get(form, form)
        assert (form in fresh) == (form in spacys)


def test_lemma_table_without_a_writable_cache(tmp_path, monkeypatch):
    from factcheck.nlp import lemmas

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocked / "cache"))
    assert lemmas.lemma_lookups("de").get_table("lemma_lookup").get("sagte") == "sagen"


def test_background_frequencies_are_wordfreqs_and_load_without_it(tmp_path, monkeypatch):
    from wordfreq import get_frequency_dict

    from factcheck.match import guards

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    guards._background.cache_clear()
    try:
        assert guards._background() == get_frequency_dict("de", wordlist="small")
        guards._background.cache_clear()
        code = "import sys; from factcheck.match import guards; guards._background(); print('wordfreq' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "FACTCHECK_CACHE": str(tmp_path)})
        assert done.stdout.split() == ["False"], done.stderr
    finally:
        guards._background.cache_clear()
