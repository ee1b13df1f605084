"""Input from outside: only regular files are read, text is made safe where it comes in (factcheck.sanitize),
and every problem is one clear line naming what was wrong, while the batch goes on."""

from __future__ import annotations

import json
import os
import threading

import pytest
from click.testing import CliRunner

from factcheck import sanitize
from factcheck.cli import cli
from factcheck.store import open_db

V1 = "Der Minister sagte: „Wir schaffen das.“ Die Opposition nannte das „naiv“.\n"


def ingest(db_path, *args, input=None):
    return CliRunner().invoke(cli, ["--db", str(db_path), "ingest", "--no-match", *map(str, args)], input=input)


def in_thread(function, seconds=20):
    """Run `function` in a thread; fail (instead of hanging the test run) if it does not end in time."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return box["result"]


def test_a_named_pipe_is_skipped_not_read(db_path, tmp_path):
    (tmp_path / "gut.txt").write_text(V1, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    result = in_thread(lambda: ingest(db_path, tmp_path / "pipe.txt", str(tmp_path / "*.txt")))
    assert result.stdout.startswith("1 new, 0 updated, 0 unchanged, 1 failed;"), result.output
    assert result.stderr.splitlines() == [f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe), skipped"]


def test_a_device_is_skipped(db_path):
    result = in_thread(lambda: ingest(db_path, "/dev/zero"))
    assert result.exit_code == 1 and result.stderr == "/dev/zero: not a regular file (a character device), skipped\n"


def test_a_symlink_loop_is_one_line(db_path, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = ingest(db_path, str(tmp_path / "*.txt"), tmp_path / "a.txt")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no RuntimeError
    assert result.stderr.splitlines() == [f"{tmp_path / 'a.txt'}: symbolic link loop, skipped",
                                          f"{tmp_path / 'b.txt'}: symbolic link loop, skipped"]


def test_lone_surrogates_do_not_abort_the_batch(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "Er sagte: \\u201eGut\\ud800 so.\\u201c", "title": "Titel \\udc00"}\n' + json.dumps({"text": V1}) + "\n",
        encoding="utf-8",
    )
    result = ingest(db_path, feed)
    assert result.exit_code == 0 and result.stdout.startswith("2 new,"), result.output
    db = open_db(db_path)
    assert db.execute("SELECT title FROM articles ORDER BY pk LIMIT 1").fetchone()[0] == "Titel \ufffd"
    assert "Gut\ufffd so." in db.execute("SELECT text FROM articles ORDER BY pk LIMIT 1").fetchone()[0]


def test_control_and_bidi_characters_never_reach_metadata(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({
        "text": "Er sagte: „Alles \u202egut\u202c.“", "title": "Neu\x1b]8;;https://evil\x07es\u0085 aus\nKöln\u202e",
        "outlet": "\x1b[31mZeitung\x9b", "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    result = ingest(db_path, feed)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{feed}:1: url 'javascript:alert(1)' is no http(s) address, not stored\n"
    db = open_db(db_path)
    row = db.execute("SELECT title, outlet, url, text FROM articles").fetchone()
    assert row == ("Neu]8;;https://eviles aus Köln", "[31mZeitung", None, "Er sagte: „Alles gut.“")
    page = tmp_path / "seite.html"
    page.write_text("<html><head><title>Seite\x1b[2J\u202e</title><meta property='og:site_name' content='Blatt\x9b'>"
                    "<link rel='canonical' href='javascript:alert(2)'></head><body><article><p>"
                    + "Die Ministerin sagte: „Die Brücke wird im Frühjahr fertig.“ " * 5 + "</p></article></body></html>")
    assert ingest(db_path, page).exit_code == 0
    assert db.execute("SELECT title, url FROM articles WHERE source LIKE '%seite.html'").fetchone() == ("Seite[2J", None)
    for command in (["quotes", "--csv"], ["quotes", "--json"], ["quotes"], ["export", "csv", "-o", "-"],
                    ["export", "jsonl", "-o", "-"]):
        shown = CliRunner().invoke(cli, ["--db", str(db_path), *command]).stdout
        assert ("Zeitung" in shown or command == ["quotes"]) and not any(c in shown for c in "\x1b\x07\x9b\u202e\u202c"), command


def test_csv_of_quotes_cannot_run_formulas(db_path, tmp_path):
    (tmp_path / "a.txt").write_text('Er schrieb: „=HYPERLINK("https://evil.example","klick")“ und mehr.', encoding="utf-8")
    ingest(db_path, tmp_path / "a.txt")
    csv_text = CliRunner().invoke(cli, ["--db", str(db_path), "quotes", "--csv"]).stdout
    assert "'=HYPERLINK" in csv_text and ',=HYPERLINK' not in csv_text and '"=HYPERLINK' not in csv_text


def test_file_names_are_shown_safely_on_one_line(db_path, tmp_path):
    name = tmp_path / "a\x1b[31m\nb\u202e.txt"
    name.write_bytes(b"")
    result = ingest(db_path, name)
    assert result.stderr == f"{tmp_path}/a\\x1b[31m\\nb\\u202e.txt: empty file\n"
    undecodable = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(undecodable, "wb") as file:
        file.write(V1.encode())
    result = ingest(db_path, os.fsdecode(undecodable), tmp_path / "fehlt\x07.txt")
    assert result.stdout.startswith("1 new,") and result.stderr == f"{tmp_path}/fehlt\\x07.txt: no such file or folder\n"
    assert open_db(db_path).execute("SELECT source FROM articles").fetchone()[0].endswith("caf\\xe9.txt")


def test_size_limit_messages_are_exact_when_rounding_would_hide_it(db_path, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * (1024 * 1024 + 1))
    result = ingest(db_path, "--max-size", "1MB", tmp_path / "a.txt")
    assert result.stderr == f"{tmp_path / 'a.txt'}: file is 1,048,577 bytes, over the size limit of 1,048,576 bytes\n"


def test_json_errors_say_what_is_wrong(db_path, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Er sagte\tes."}\n{"text": "x"} {}\n', encoding="utf-8")
    result = ingest(db_path, feed)
    assert result.stderr.splitlines() == [
        f"{feed}:1: not valid JSON at column 19: a raw control character (tab, line break, ...) inside a string; "
        "write it as \\t, \\n or \\u00XX",
        f"{feed}:2: not valid JSON at column 15: more after the end of the JSON object (one object per line)",
    ]


@pytest.mark.parametrize("args, stdin, message", [
    (("{feed}",), None, "{feed}: empty file"),
    (("--format", "jsonl", "-"), "", "<stdin>: no input"),
    (("-",), "", "<stdin>: no input"),
    (("{blank}",), None, "{blank}: no JSON records, only blank lines"),
])
def test_empty_input_is_a_failure_with_a_message(db_path, tmp_path, args, stdin, message):
    feed, blank = tmp_path / "leer.jsonl", tmp_path / "blank.jsonl"
    feed.write_bytes(b"")
    blank.write_text("\n  \n")
    result = ingest(db_path, *(a.format(feed=feed, blank=blank) for a in args), input=stdin)
    assert result.exit_code == 1 and result.stderr == message.format(feed=feed, blank=blank) + "\n"


def test_sanitize_rules():
    assert sanitize.field("  a\tb\r\nc\u2028d ") == "a b c d"
    assert sanitize.field("\x1b\u202e") is None
    assert sanitize.url("https://x.example/a?b=1") == "https://x.example/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://", "//x.example", "http://a b"):
        assert sanitize.url(bad) is None, bad
    assert sanitize.text("a\r\nb\x00c\u202ed\ud800") == "a\nbcd\ufffd"
    assert sanitize.shown("a\nb\x1b\udce9") == "a\\nb\\x1b\\xe9"
