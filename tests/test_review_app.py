"""Pilot tests of the review UI: the whole flow a reviewer goes through, and each of its actions, on a small
fixed database (review_helpers.py). The defects of issue 13 have their own tests in test_review_defects.py."""

from __future__ import annotations

import json

from click.testing import CliRunner
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static

from factcheck.cli import cli
from factcheck.review import ReviewApp
from factcheck.review.article_view import ArticleView
from factcheck.review.dialogs import ChoiceDialog, ConfirmDialog, TextDialog
from factcheck.review.filter_dialog import FilterDialog, TickList
from factcheck.review.help import HelpScreen
from factcheck.store import QuoteFilter

from review_helpers import SIZE, cursor_id, events, go_to, make_app, queue_ids, read, run, settle, sql



def test_opens_on_the_queue_and_shows_the_first_claim(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert queue_ids(app) == ["q3", "q4", "q1", "q2"]  # newest article first, in reading order
            assert app.counts == {"rows": 4, "total": 4, "reviewed": 0}
            assert app.detail["quote_id"] == "q3"
            assert "item 1 of 4 · 0 of 4 reviewed" in str(app.query_one("#progress", Static).content)
            await pilot.press("down", "down")
            await settle(app, pilot)
            assert app.detail["quote_id"] == "q1"

    run(scenario())


def test_decide_note_evidence_undo_redo(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("v")  # q3 verified (default verdict), on to q4
            await settle(app, pilot)
            assert cursor_id(app) == "q4"
            await pilot.press("7")  # q4: falsch means disputed; on to q1
            await settle(app, pilot)
            assert cursor_id(app) == "q1"
            await pilot.press("up", "n")
            await settle(app, pilot)
            app.screen.query_one("TextArea").text = "Rentenniveau [bold]sinkt[/bold]\nsiehe Bericht"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            await pilot.press("e")
            await settle(app, pilot)
            app.screen.query_one("TextArea").text = "https://example.org/rente\nwww.example.org/beleg"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            q4 = read(review_db, "q4")
            assert (q4["status"], q4["verdict"], q4["note"]) == ("disputed", "falsch", "Rentenniveau [bold]sinkt[/bold]\nsiehe Bericht")
            assert q4["evidence"] == ["https://example.org/rente", "https://www.example.org/beleg"]
            assert (read(review_db, "q3")["status"], read(review_db, "q3")["verdict"]) == ("verified", "richtig")
            assert app.counts["reviewed"] == 2

            await pilot.press("z", "z")  # the evidence, then the note
            await settle(app, pilot)
            q4 = read(review_db, "q4")
            assert (q4["status"], q4["note"], q4["evidence"]) == ("disputed", None, [])
            await pilot.press("Z")  # the note again
            await settle(app, pilot)
            assert read(review_db, "q4")["note"].startswith("Rentenniveau")
            assert [e[1] for e in events(review_db, "q4")] == [
                "status", "verdict", "note", "evidence", "evidence", "note", "note"]
            assert "evidence" in str(app.query_one("#detail-history", Static).content)

    run(scenario())


def test_filter_search_and_sort(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("v")
            await settle(app, pilot)
            await pilot.press("f")
            await settle(app, pilot)
            assert isinstance(app.screen, FilterDialog)
            app.screen.query_one("#status", TickList).ticked = {"unreviewed"}
            app.screen.query_one("#speaker", Input).value = "scholz"
            await pilot.press("enter")
            await settle(app, pilot)
            assert queue_ids(app) == ["q4", "q1"]
            assert app.counts["rows"] == 2
            assert "Speaker: scholz" in str(app.query_one("#filters", Static).content)

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
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("3")  # most appearances
            await settle(app, pilot)
            assert app.queue_query.sort == "appearances"

    run(scenario())


def test_clusters_mode_apply_to_cluster_and_suggestions(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("t")  # one row per claim cluster
            await settle(app, pilot)
            assert queue_ids(app) == ["q1"] and app.queue.row()["appearances"] == 2
            assert [a["quote_id"] for a in app.detail["appearances"]] == ["q4"]
            await pilot.press("6")  # größtenteils falsch: disputed
            await settle(app, pilot)
            await pilot.press("A")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            for qid in ("q1", "q4"):
                review = read(review_db, qid)
                assert (review["status"], review["verdict"]) == ("disputed", "größtenteils falsch")

            assert app.detail["suggestions"][0]["other_quote_id"] == "q3"
            await pilot.press("c")  # q3 is the same claim
            await settle(app, pilot)
            members = {r[0] for r in sql(review_db, "SELECT quote_id FROM cluster_members WHERE cluster_id = 1")}
            assert members == {"q1", "q3", "q4"}

    run(scenario())


def test_reject_next_and_previous_suggestion(review_db):
    sql(review_db, "INSERT INTO match_suggestions(quote_a, quote_b, score, method, created_at) "
                   "VALUES ('q2', 'q3', 0.77, 'ratio', '2026-01-05')")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)  # q3, suggested with q1 and q2
            assert [s["other_quote_id"] for s in app.detail["suggestions"]] == ["q1", "q2"]
            await pilot.press("right_square_bracket")
            assert app.suggestion == 1
            assert "→ 0.77" in str(app.query_one("#detail-suggestions", Static).content)
            await pilot.press("r")  # rejects the marked one: q2
            await settle(app, pilot)
            assert [s["other_quote_id"] for s in app.detail["suggestions"]] == ["q1"]
            assert sql(review_db, "SELECT quote_a, status FROM match_suggestions ORDER BY quote_a") == [
                ("q1", "pending"), ("q2", "rejected")]
            await pilot.press("left_square_bracket")
            assert app.suggestion == 0

    run(scenario())


def test_pending_suggestions_filter_and_skip(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("f")
            await settle(app, pilot)
            switches = app.screen.query_one("#switches", TickList)
            switches.focus()
            await pilot.press("down", "space", "enter")  # has pending suggestions
            await settle(app, pilot)
            assert app.queue_query.filter.has_suggestions
            assert queue_ids(app) == ["q3", "q1"]
            await pilot.press("space")  # skip: on without deciding
            await settle(app, pilot)
            assert cursor_id(app) == "q1" and read(review_db, "q3")["status"] == "unreviewed"

    run(scenario())


def test_correct_speaker_kind_and_not_a_quotation(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down", "down", "down")  # q2, no speaker
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "Merz"
            await settle(app, pilot)
            await pilot.press("enter")  # the highlighted known speaker
            await settle(app, pilot)
            assert (app.detail["speaker"], app.detail["speaker_type"]) == ("Friedrich Merz", "person")
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one(Input).value = "  Annalena   Baerbock "
            await settle(app, pilot)
            await pilot.press("enter")  # a new name, as a person
            await settle(app, pilot)
            assert (app.detail["speaker"], app.detail["speaker_type"]) == ("Annalena Baerbock", "person")
            await pilot.press("k")
            await settle(app, pilot)
            await pilot.press("2")  # partial
            await settle(app, pilot)
            assert app.detail["kind"] == "partial"
            await pilot.press("z")  # undo the kind correction
            await settle(app, pilot)
            assert app.detail["kind"] == "direct"
            await pilot.press("x")  # not a quotation: it leaves the queue
            await settle(app, pilot)
            assert "q2" not in queue_ids(app)

        corrections = dict(sql(review_db, "SELECT field, value FROM corrections WHERE quote_id = 'q2'"))
        assert corrections == {"speaker": "Annalena Baerbock", "speaker_type": "person", "kind": "direct", "not_quote": "1"}

    run(scenario())


def test_two_reviewers_conflict(review_db):
    """Both apps show q3 open; bert decides first, anna's later decision is refused, she is told what bert
    decided, and the cursor stays on the item."""

    async def scenario():
        anna, bert = make_app(review_db, "anna"), make_app(review_db, "bert")
        async with anna.run_test(size=SIZE) as anna_pilot, bert.run_test(size=SIZE) as bert_pilot:
            await settle(anna, anna_pilot)
            await settle(bert, bert_pilot)
            await bert_pilot.press("v")
            await settle(bert, bert_pilot)
            await anna_pilot.press("7")
            await settle(anna, anna_pilot)
            review = read(review_db, "q3")
            assert (review["status"], review["verdict"], review["reviewer"]) == ("verified", "richtig", "bert")
            messages = [n.message for n in anna._notifications]
            assert any("bert" in m and "verified, richtig" in m for m in messages), messages
            assert cursor_id(anna) == "q3" and anna.queue.row()["status"] == "verified"  # reloaded, still on it
            await anna_pilot.press("7")  # deciding again on the fresh view works
            await settle(anna, anna_pilot)
            assert read(review_db, "q3")["status"] == "disputed"

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
            assert read(review_db, "q3")["status"] == "unreviewed"
            commands = {c.title for c in app.get_system_commands(app.screen)}
            assert {"undo your last change (shows the item)", "split this quotation out of its claim cluster"} <= commands
            theme = app.theme
            await pilot.press("ctrl+p")  # the palette opens (the review keys once replaced its binding)
            await settle(app, pilot)
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"light or dark theme")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.theme != theme

    run(scenario())


def test_article_text_is_shown_literally(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down", "down", "down", "enter")  # q2 in full view
            await settle(app, pilot)
            paragraph = app.query_one("#detail-paragraph", Static).content
            assert isinstance(paragraph, Text)
            assert "[bold]fett[/bold] ␛[31mrot␛[0m „Wir schaffen das [link=http://x]hier[/link].“" in paragraph.plain
            assert "\x1b" not in paragraph.plain
            assert app.screen.maximized is not None
            await pilot.press("escape")
            assert app.screen.maximized is None
            row_line = app.queue.render_line(4).text
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


def test_quick_decisions_in_the_open_queue_never_skip_or_repeat(review_db):
    """Deciding takes the item out of an "only open" queue: the next one moves up under the cursor at once, so
    two quick keys decide two different quotations and none is skipped."""

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.show_query(app.queue_query.with_(filter=QuoteFilter(only_unreviewed=True)))
            await settle(app, pilot)
            await pilot.press("v", "5")
            await settle(app, pilot)
            assert queue_ids(app) == ["q1", "q2"] and app.detail["quote_id"] == "q1"
            assert (read(review_db, "q3")["status"], read(review_db, "q4")["status"]) == ("verified", "disputed")
            assert "item 1 of 2 · 2 of 4 reviewed (50%)" in str(app.query_one("#progress", Static).content)

    run(scenario())


# -- the new actions -------------------------------------------------------------------------------------
def test_split_out_of_the_cluster_and_undo(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down")  # q4, in cluster 1 with q1
            await settle(app, pilot)
            await pilot.press("S")
            await settle(app, pilot)
            assert sql(review_db, "SELECT count(*) FROM cluster_members") == [(0,)]
            assert app.detail["cluster_id"] is None
            await pilot.press("z")
            await settle(app, pilot)
            assert sql(review_db, "SELECT quote_id FROM cluster_members ORDER BY 1") == [("q1",), ("q4",)]

    run(scenario())


def test_jump_to_the_other_appearances_and_back(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("down", "a")  # q4: the claim also appears as q1
            await settle(app, pilot)
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("1")
            await settle(app, pilot)
            assert cursor_id(app) == "q1" and not app.back_stack  # in this queue: the cursor goes there
            app.show_query(app.queue_query.with_(filter=QuoteFilter(article="a2")))
            await settle(app, pilot)
            await pilot.press("down", "a", "1")  # q4 again; q1 is not in this queue: its cluster's opens
            await settle(app, pilot)
            assert app.queue_query.filter.cluster == 1 and cursor_id(app) == "q1"
            assert "Cluster: 1" in str(app.query_one("#filters", Static).content)
            await pilot.press("backspace")
            await settle(app, pilot)
            assert app.queue_query.filter.article == "a2" and cursor_id(app) == "q4"

    run(scenario())


def test_whole_article_view_and_opening_the_url(review_db, monkeypatch):
    sql(review_db, "UPDATE articles SET url = 'https://abendpost.example/rente' WHERE id = 'a2'")
    opened = []
    monkeypatch.setattr(ReviewApp, "open_url", lambda app, url, new_tab=True: opened.append(url))

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("g")
            await settle(app, pilot)
            assert isinstance(app.screen, ArticleView)
            claims = app.screen.query_one(OptionList)
            assert claims.option_count == 2
            assert "Merz" in str(claims.get_option_at_index(0).prompt)
            await pilot.press("b")
            await pilot.press("down", "enter")  # go to the second claim of the article
            await settle(app, pilot)
            assert cursor_id(app) == "q4"
            await pilot.press("b")
            await settle(app, pilot)
            assert opened == ["https://abendpost.example/rente"] * 2

    run(scenario())


def test_german_ui(review_db):
    async def scenario():
        app = make_app(review_db, language="de")
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert "Eintrag 1 von 4 · 0 von 4 geprüft" in str(app.query_one("#progress", Static).content)
            assert "kein Filter" in str(app.query_one("#filters", Static).content)
            shown = [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]
            assert {"geprüft", "strittig", "Hilfe", "Ende"} <= set(shown)
            await pilot.press("z")
            assert any("nichts rückgängig" in n.message for n in app._notifications)
            await pilot.press("question_mark")
            await settle(app, pilot)
            assert "Tasten" in str(app.screen.query_one(".title").content)
            await pilot.press("escape", "L")  # switch to English
            await settle(app, pilot)
            assert "item 1 of 4" in str(app.query_one("#progress", Static).content)

    run(scenario())


def test_search_without_words_asks_again(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            await settle(app, pilot)
            app.screen.query_one(Input).value = '"'
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TextDialog)
            assert "No words to search for" in str(app.screen.query_one(".error").content)
            assert app.queue_query.filter.search is None

    run(scenario())


def test_the_verbatim_words_of_a_claim_are_highlighted(review_db):
    sql(review_db, "UPDATE quotes SET kind = 'indirect' WHERE id = 'q1'")
    sql(review_db, 'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version, part_of) '
                   "SELECT 'q5', article_id, start + 4, start + 10, 'Renten', 'partial', 'test', 'q1' FROM quotes WHERE id = 'q1'")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q1")
            assert "q5" not in queue_ids(app)  # a fragment is no row of its own
            paragraph = app.query_one("#detail-paragraph", Static).content
            part = app.detail_view.get_component_rich_style("detail--part")
            claim = app.detail_view.get_component_rich_style("detail--quote")
            styled = {paragraph.plain[s.start:s.end]: s.style for s in paragraph.spans}
            assert styled["Renten"] == part and styled["Die Renten sind sicher."] == claim
            assert part.bgcolor != claim.bgcolor and part.bold

    run(scenario())


def test_the_counter_counts_claims_not_fragments_or_scare_quotes(review_db):
    """The queue shows claims: a verbatim fragment (part_of) and a scare quote are in no count and leave no
    placeholder row ("4 of 6" before)."""
    sql(review_db, 'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version, part_of) '
                   "SELECT 'q5', article_id, start + 4, start + 10, 'Renten', 'partial', 'test', 'q1' FROM quotes WHERE id = 'q1'")
    sql(review_db, 'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                   "SELECT 'q6', article_id, start, start + 6, 'Berlin', 'scare', 'test' FROM quotes WHERE id = 'q1'")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert "item 1 of 4 · 0 of 4 reviewed" in str(app.query_one("#progress", Static).content)
            assert app.counts == {"rows": 4, "total": 4, "reviewed": 0}
            assert queue_ids(app) == ["q3", "q4", "q1", "q2"]
            await pilot.press("end")
            await settle(app, pilot)
            assert cursor_id(app) == "q2" and app.queue.cursor_index() == 3  # no placeholder rows below
            app.show_query(app.queue_query.with_(filter=QuoteFilter(speaker="Scholz")), remember=False)
            await settle(app, pilot)
            assert app.counts == {"rows": 2, "total": 2, "reviewed": 0}

    run(scenario())


def test_the_done_when_walk_of_issue_13_and_its_claimreview(review_db):
    """Enter, Esc, ↓ ↓, v decides the third row with the default verdict; d then z (the picker cancelled), and
    d, 1 then z (the dispute undone), leave exactly that one decision; export claimreview gives one ClaimReview
    with the default verdict and skips nothing."""
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            third = app.queue.row(2)["quote_id"]
            await pilot.press("enter", "escape", "down", "down", "v")
            await settle(app, pilot)
            fourth = cursor_id(app)
            await pilot.press("d")
            await settle(app, pilot)
            await pilot.press("z")
            await settle(app, pilot)
            await pilot.press("d")
            await settle(app, pilot)
            await pilot.press("1")
            await settle(app, pilot)
            assert read(review_db, fourth)["status"] == "disputed"
            await pilot.press("z")
            await settle(app, pilot)
            assert cursor_id(app) == fourth
        return third

    third = run(scenario())
    decided = sql(review_db, "SELECT quote_id, status, verdict FROM reviews WHERE status != 'unreviewed' OR verdict IS NOT NULL")
    assert decided == [(third, "verified", "richtig")]
    result = CliRunner().invoke(cli, ["--db", str(review_db), "export", "claimreview", "--org", "X", "--url-template",
                                      "https://x.example/{claim_id}"])
    assert result.exit_code == 0 and "skipped" not in result.stderr
    [claim] = json.loads(result.stdout)
    assert claim["reviewRating"]["alternateName"] == "richtig"
    assert claim["claimReviewed"] == sql(review_db, "SELECT text FROM quotes WHERE id = ?", [third])[0][0]


def test_quitting_never_waits_for_a_page_read(review_db, monkeypatch):
    """A page read still running when the reviewer quits is stopped (it once held up quitting for as long as
    it ran: minutes, for a slow plan at 1M quotations)."""
    import threading
    import time

    from factcheck.review import queue as queue_module

    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    reading = threading.Event()

    def slow_rows(db, query, limit, **where):
        if where.get("from_end"):
            reading.set()
            db.execute(endless).fetchall()
        return []

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            monkeypatch.setattr(queue_module, "queue_rows", slow_rows)
            app.queue.window.tail = None  # End has to read
            await pilot.press("end")
            while not reading.is_set():
                await pilot.pause(0.01)
            safety = threading.Timer(20, app.connections._dbs["read"].conn.interrupt)
            safety.start()
            started = time.perf_counter()
        safety.cancel()
        return time.perf_counter() - started

    assert run(scenario()) < 5
