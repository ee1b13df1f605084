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
                  "factcheck.review", "distributed", "rapidfuzz", "factcheck.match.pipeline", "numpy"):
        assert heavy not in modules, heavy


def test_ingest_without_matching_loads_no_matcher(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Die Ministerin sagte: „Wir schaffen das.“")
    modules = imported_by("--db", str(tmp_path / "f.db"), "ingest", "--no-match", str(article))
    assert "factcheck.nlp.components" in modules
    for heavy in ("rapidfuzz", "factcheck.match.pipeline", "spacy.cli"):
        assert heavy not in modules, heavy


def test_match_checks_its_thresholds_with_nothing_to_match(tmp_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "f.db"), "match", "--threshold", "50", "--suggest", "60"])
    assert result.exit_code == 1 and "need 0 <= suggest (60.0) <= threshold (50.0)" in result.output


def test_help_lists_every_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True, text=True)
    for name in COMMANDS:
        assert f"  {name} " in result.stdout, name


def test_lemma_table_gives_spacys_lemmas_and_is_cached(tmp_path, monkeypatch):
    from spacy.lookups import load_lookups

    from factcheck.nlp import lemmas

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    fresh = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    assert [p.suffix for p in tmp_path.iterdir()] == [".sqlite"]
    cached = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    spacys = load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")
    assert len(fresh) == len(cached) == len(spacys)
    for form in ("sagte", "teilte", "Abgeordneten", "gelogen", "kein-solches-Wort"):
        assert fresh.get(form, form) == cached.get(form, form) == spacys.get(form, form)
        assert (form in fresh) == (form in spacys)
    forms = ["sagte", "teilte", "kein-solches-Wort"] + [f"Wort{n}" for n in range(600)]  # more than one query's
    assert cached.get_many(forms) == fresh.get_many(forms) == {"sagte": "sagen", "teilte": "teilen"}


def test_lemma_table_without_a_writable_cache(tmp_path, monkeypatch):
    from factcheck.nlp import lemmas

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocked / "cache"))
    table = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    assert table.get("sagte") == "sagen" and table.get_many(["sagte", "kein-solches-Wort"]) == {"sagte": "sagen"}


def test_lemma_table_from_a_damaged_cache_file(tmp_path, monkeypatch):
    from factcheck.nlp import lemmas

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    lemmas.lemma_lookups("de")
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(b"not a database" * 100)
    table = lemmas.lemma_lookups("de").get_table("lemma_lookup")
    assert table.get("sagte") == "sagen" and "sagte" in table and table.get("kein-solches-Wort") is None
    assert table.get_many(["sagte", "kein-solches-Wort"]) == {"sagte": "sagen"}


def test_cached_strings_are_built_once_and_read_by_key(tmp_path, monkeypatch):
    from factcheck import datacache

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    source = tmp_path / "forms.json"
    source.write_text("{}")
    built = []

    def build():
        built.append(1)
        return {"sagte": "sagen", "ging": "gehen"}

    first = datacache.cached_strings(source, build)
    again = datacache.cached_strings(source, build)
    assert len(built) == 1 and isinstance(again, datacache.StringTable)
    assert dict(first) == dict(again) == {"ging": "gehen", "sagte": "sagen"}
    assert again.get("sagte") == again["sagte"] == "sagen" and again.get("x", "x") == "x" and "x" not in again
    code = ("from pathlib import Path; from factcheck import datacache; "  # another process: read, never built
            f"print(datacache.cached_strings(Path({str(source)!r}), None).get('ging'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "FACTCHECK_CACHE": str(tmp_path)})
    assert done.stdout.split() == ["gehen"], done.stderr
    source.write_text('{"changed": 1}')  # a new release of the data: a new cache file
    assert dict(datacache.cached_strings(source, lambda: {"neu": "neu"})) == {"neu": "neu"}


def test_the_detector_imports_no_spacy_command_line():
    code = ("import sys; from factcheck import nlp; nlp.extract('Er sagte: „Ja.“'); "
            "print('spacy.cli' in sys.modules, 'typer' in sys.modules); "
            "import spacy, spacy.cli; print(sorted(spacy.info(silent=True))[0], spacy.cli.info.__module__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False", "location", "spacy.cli.info"], done.stderr


def test_a_spacy_that_takes_more_from_its_command_line_still_imports():
    """Should a later spaCy take something else from spacy.cli while it is imported, the stand-in gives it the
    real one (emulated: the first `from .cli.info import info` in spacy/__init__ also asks for setup_cli)."""
    code = """if True:
        import builtins, sys
        from factcheck.nlp.spacy_import import import_spacy
        plain = builtins.__import__
        def asking(name, globals=None, locals=None, fromlist=(), level=0):
            module = plain(name, globals, locals, fromlist, level)
            if level == 1 and name == "cli.info" and (globals or {}).get("__name__") == "spacy":
                builtins.__import__ = plain
                sys.modules["spacy.cli"].setup_cli
            return module
        builtins.__import__ = asking
        spacy = import_spacy()
        print(spacy.cli.setup_cli.__module__, spacy.blank("de")("Ja.").text)"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["spacy.cli._util", "Ja."], done.stderr


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
