"""Pilot tests of the review UI: the whole flow a reviewer goes through, on a small fixed database."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.widgets import Input, OptionList, SelectionList, Static

from factcheck.config import Config
from factcheck.review import ReviewApp
from factcheck.review.dialogs import ConfirmDialog, FilterDialog
from factcheck.review.help import HelpScreen
from factcheck.store import QuoteFilter, get_review, history, open_db, rebuild_fts

SIZE = (120, 36)

ARTICLES = [
    ("a1", "Kanzler im Interview", "Tagesblatt", "2026-01-02",
     "Berlin. Der Kanzler sprach am Montag.\n"
     "Scholz sagte: „Die Renten sind sicher.“ Das sei klar.\n"
     "Danach Fragen. [bold]fett[/bold] \x1b[31mrot\x1b[0m „Wir schaffen das [link=http://x]hier[/link].“"),
    ("a2", "Rentendebatte", "Abendpost", "2026-01-03",
     "Die Opposition widersprach.\n"
     "Merz erklärte: „Die Renten sind nicht sicher.“\n"
     "Auch der Kanzler sagte später, „die Renten sind sicher“."),
]
# (id, article, quotation, kind, speaker, speaker mention, cue, confidence)
QUOTES = [
    ("q1", "a1", "Die Renten sind sicher.", "direct", "Olaf Scholz", "Scholz", "sagte", 0.95),
    ("q2", "a1", "Wir schaffen das [link=http://x]hier[/link].", "direct", None, None, None, 0.4),
    ("q3", "a2", "Die Renten sind nicht sicher.", "direct", "Friedrich Merz", "Merz", "erklärte", 0.9),
    ("q4", "a2", "die Renten sind sicher", "partial", "Olaf Scholz", None, "sagte", 0.7),
]


def build_review_db(path) -> None:
    """Articles, speakers and quotations with fixed time stamps; q1 and q4 form claim cluster 1, and the
    matcher suggests q1 ~ q3. Rows are inserted directly so the test does not depend on ingest or matching."""
    db = open_db(path)
    with db.conn:
        for article_id, title, outlet, published, text in ARTICLES:
            db.execute(
                "INSERT INTO articles(id, content_hash, title, outlet, published, ingested_at, text) VALUES (?,?,?,?,?,?,?)",
                [article_id, article_id, title, outlet, published, "2026-01-05T10:00:00+00:00", text],
            )
        speakers = {name: db.execute("INSERT INTO speakers(name, type) VALUES (?, 'person')", [name]).lastrowid
                    for name in ("Olaf Scholz", "Friedrich Merz")}
        for qid, article_id, quotation, kind, speaker, mention, cue, confidence in QUOTES:
            text = next(a[4] for a in ARTICLES if a[0] == article_id)

            def span(needle):
                return (text.index(needle), text.index(needle) + len(needle)) if needle else (None, None)

            start, end = span(quotation)
            db.execute(
                'INSERT INTO quotes(id, article_id, start, "end", text, kind, speaker_id, speaker_mention, speaker_start, '
                "speaker_end, cue, cue_start, cue_end, confidence, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [qid, article_id, start, end, quotation, kind, speakers.get(speaker), mention, *span(mention),
                 cue, *span(cue), confidence, "test"],
            )
        db.execute("INSERT INTO clusters(id, canonical_quote_id, canonical_text, size, created_at) "
                   "VALUES (1, 'q1', 'Die Renten sind sicher.', 2, '2026-01-05')")
        db.execute("INSERT INTO cluster_members(quote_id, cluster_id, method, added_at) "
                   "VALUES ('q1', 1, 'seed', '2026-01-05'), ('q4', 1, 'seed', '2026-01-05')")
        db.execute("INSERT INTO match_suggestions(quote_a, quote_b, score, method, created_at) "
                   "VALUES ('q1', 'q3', 0.81, 'ratio', '2026-01-05')")
        rebuild_fts(db)
    db.close()


@pytest.fixture
def review_db(tmp_path):
    path = tmp_path / "review.db"
    build_review_db(path)
    return path


def make_app(path, reviewer="anna") -> ReviewApp:
    return ReviewApp(path, reviewer=reviewer, config=Config(reviewer=reviewer))


async def settle(app, pilot) -> None:
    """Wait until every worker is done and the messages they posted are handled (a handled message may
    start another worker, e.g. a loaded page starts loading the detail)."""
    idle_rounds = 0
    while idle_rounds < 2:
        await pilot.pause()
        idle_rounds = 0 if any(worker.is_running for worker in app.workers) else idle_rounds + 1


def run(coro):
    return asyncio.run(coro)


def queue_ids(app) -> list[str]:
    return [app.queue.row(i)["quote_id"] for i in range(app.queue.row_count)]


def read(path, quote_id) -> dict:
    db = open_db(path)
    try:
        return get_review(db, quote_id)
    finally:
        db.close()


def test_opens_on_the_queue_and_shows_the_first_quotation(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert queue_ids(app) == ["q4", "q3", "q2", "q1"]  # newest first
            assert app.counts == (4, 0)
            assert app.detail["quote_id"] == "q4"
            assert "0 of 4 reviewed" in str(app.query_one("#progress", Static).content)
            await pilot.press("down", "down")
            await settle(app, pilot)
            assert app.detail["quote_id"] == "q2"

    run(scenario())


def test_decide_note_evidence_undo(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("v")  # q4 verified, on to q3
            await settle(app, pilot)
            assert app.queue.cursor == 1 and app.detail["quote_id"] == "q3"
            await pilot.press("7", "d")  # q3: verdict 7 (falsch) stays on the item, then disputed moves on
            await settle(app, pilot)
            await pilot.press("up")
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            note = app.screen.query_one(Input)
            note.value = "Rentenniveau [bold]sinkt[/bold]"
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("e")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "not a url"
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("e")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "https://example.org/rente"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.counts == (4, 2)

            q3 = read(review_db, "q3")
            assert (q3["status"], q3["verdict"], q3["note"]) == ("disputed", "falsch", "Rentenniveau [bold]sinkt[/bold]")
            assert q3["evidence"] == ["https://example.org/rente"]
            assert read(review_db, "q4")["status"] == "verified"

            await pilot.press("z", "z")  # undo the evidence, then the note
            await settle(app, pilot)
            q3 = read(review_db, "q3")
            assert (q3["status"], q3["note"], q3["evidence"]) == ("disputed", None, [])
            db = open_db(review_db)
            fields = [(e["reviewer"], e["field"], e["new_value"]) for e in history(db, "q3")]
            db.close()
            assert fields == [
                ("anna", "verdict", "falsch"), ("anna", "status", "disputed"),
                ("anna", "note", "Rentenniveau [bold]sinkt[/bold]"),
                ("anna", "evidence", '["https://example.org/rente"]'),
                ("anna", "evidence", "[]"), ("anna", "note", None),
            ]
            history_panel = app.query_one("#detail-history", Static).content
            assert "evidence" in str(history_panel)

    run(scenario())


def test_filter_and_search(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("v")
            await settle(app, pilot)
            await pilot.press("f")
            await settle(app, pilot)
            assert isinstance(app.screen, FilterDialog)
            app.screen.query_one("#status", SelectionList).select("unreviewed")
            app.screen.query_one("#speaker", Input).value = "scholz"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert queue_ids(app) == ["q1"]
            assert app.counts == (1, 0)
            assert "speaker: scholz" in str(app.query_one("#filters", Static).content)

            await pilot.press("slash")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "nicht"
            await pilot.press("enter")
            await settle(app, pilot)
            assert queue_ids(app) == []  # Scholz never said "nicht"
            app.show_query(app.queue_query.with_(filter=QuoteFilter(search="nicht sich")))
            await settle(app, pilot)
            assert queue_ids(app) == ["q3"]

            await pilot.press("o")
            await settle(app, pilot)
            await pilot.press("down", "enter")  # most appearances
            await settle(app, pilot)
            assert app.queue_query.sort == "most appearances"

    run(scenario())


def test_clusters_apply_to_cluster_and_suggestions(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("t")  # one row per claim cluster
            await settle(app, pilot)
            assert queue_ids(app) == ["q1"] and app.queue.row()["appearances"] == 2
            assert [a["quote_id"] for a in app.detail["appearances"]] == ["q4"]
            await pilot.press("2", "d")  # the cluster row q1: verdict 2 (größtenteils richtig), disputed
            await settle(app, pilot)
            await pilot.press("A")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            for qid in ("q1", "q4"):
                review = read(review_db, qid)
                assert (review["status"], review["verdict"]) == ("disputed", "größtenteils richtig")

            assert app.detail["suggestions"][0]["other_quote_id"] == "q3"
            await pilot.press("c")  # q3 is the same claim
            await settle(app, pilot)
            db = open_db(review_db)
            members = {r[0] for r in db.execute("SELECT quote_id FROM cluster_members WHERE cluster_id = 1")}
            db.close()
            assert members == {"q1", "q3", "q4"}

    run(scenario())


def test_reject_suggestion(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down")  # q3, suggested with q1
            await settle(app, pilot)
            assert [s["other_quote_id"] for s in app.detail["suggestions"]] == ["q1"]
            await pilot.press("r")
            await settle(app, pilot)
            assert app.detail["suggestions"] == []
            db = open_db(review_db)
            assert db.execute("SELECT status FROM match_suggestions").fetchone()[0] == "rejected"
            db.close()

    run(scenario())


def test_correct_speaker_kind_and_not_a_quotation(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down", "down")  # q2, no speaker
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "Merz"
            await settle(app, pilot)
            assert app.screen.query_one(OptionList).option_count == 1
            await pilot.press("down", "enter")  # pick the known Friedrich Merz
            await settle(app, pilot)
            assert (app.detail["speaker"], app.detail["speaker_type"]) == ("Friedrich Merz", "person")
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "  Annalena   Baerbock "
            await pilot.press("enter")  # a new speaker, typed
            await settle(app, pilot)
            assert app.detail["speaker"] == "Annalena Baerbock"
            await pilot.press("k")
            await settle(app, pilot)
            await pilot.press("down", "enter")  # partial
            await settle(app, pilot)
            assert app.detail["kind"] == "partial"
            await pilot.press("z")  # undo the kind correction
            await settle(app, pilot)
            assert app.detail["kind"] == "direct"
            await pilot.press("x")  # not a quotation: it leaves the queue
            await settle(app, pilot)
            assert "q2" not in queue_ids(app)

        db = open_db(review_db)
        corrections = dict(db.execute("SELECT field, value FROM corrections WHERE quote_id = 'q2'").fetchall())
        db.close()
        assert corrections == {"speaker": "Annalena Baerbock", "speaker_type": "person", "kind": "direct", "not_quote": "1"}

    run(scenario())


def test_two_reviewers_conflict(review_db):
    """Both apps show q4 unreviewed; bert decides first, anna's later decision is refused and she is told
    what bert decided."""

    async def scenario():
        anna, bert = make_app(review_db, "anna"), make_app(review_db, "bert")
        async with anna.run_test(size=SIZE) as anna_pilot, bert.run_test(size=SIZE) as bert_pilot:
            await settle(anna, anna_pilot)
            await settle(bert, bert_pilot)
            await bert_pilot.press("1", "v")
            await settle(bert, bert_pilot)
            await anna_pilot.press("d")
            await settle(anna, anna_pilot)
            review = read(review_db, "q4")
            assert (review["status"], review["verdict"], review["reviewer"]) == ("verified", "richtig", "bert")
            messages = [n.message for n in anna._notifications]
            assert any("bert" in m and "verified, richtig" in m for m in messages), messages
            assert anna.queue.row(0)["status"] == "verified"  # reloaded
            await anna_pilot.press("up", "d")  # deciding again on the fresh view works
            await settle(anna, anna_pilot)
            assert read(review_db, "q4")["status"] == "disputed"

    run(scenario())


def test_help_and_command_palette(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("question_mark")
            await settle(app, pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("v")  # a key inside the help screen decides nothing
            await pilot.press("escape")
            await settle(app, pilot)
            assert not isinstance(app.screen, HelpScreen)
            assert read(review_db, "q4")["status"] == "unreviewed"
            commands = {c.title for c in app.get_system_commands(app.screen)}
            assert {"Verified", "Correct speaker", "Decision to whole cluster"} <= commands

    run(scenario())


def test_article_text_is_shown_literally(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down", "down", "enter")  # q2 in full view
            await settle(app, pilot)
            paragraph = app.query_one("#detail-paragraph", Static).content
            assert isinstance(paragraph, Text)
            assert "[bold]fett[/bold] ␛[31mrot␛[0m „Wir schaffen das [link=http://x]hier[/link].“" in paragraph.plain
            assert "\x1b" not in paragraph.plain
            assert app.screen.maximized is not None
            await pilot.press("escape")
            assert app.screen.maximized is None
            row_line = app.queue.render_line(3).text
            assert "[link=http://x]" in row_line

    run(scenario())


def test_review_command_opens_the_app_with_the_reviewer(review_db, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import cli

    opened = []
    monkeypatch.setattr(ReviewApp, "run", lambda app: opened.append((app.connections.path, app.reviewer)))
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "factcheck.toml"))
    (tmp_path / "factcheck.toml").write_text('reviewer = "carla"\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(review_db), "review"]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(review_db), "review", "--reviewer", "dora"]).exit_code == 0
    assert opened == [(str(review_db), "carla"), (str(review_db), "dora")]

    (tmp_path / "factcheck.toml").write_text("reviewer = [", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(review_db), "review"])
    assert result.exit_code == 1 and "cannot read config" in result.output and "Traceback" not in result.output


def test_quick_decisions_in_the_unreviewed_queue_never_skip_or_repeat(review_db):
    """Deciding takes the item out of an "only unreviewed" queue: the next one moves up under the cursor at
    once, so two quick keys decide two different quotations and none is skipped."""

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.show_query(app.queue_query.with_(filter=QuoteFilter(only_unreviewed=True)))
            await settle(app, pilot)
            await pilot.press("v", "d")
            await settle(app, pilot)
            assert queue_ids(app) == ["q2", "q1"] and app.detail["quote_id"] == "q2"
            assert (read(review_db, "q4")["status"], read(review_db, "q3")["status"]) == ("verified", "disputed")

    run(scenario())
