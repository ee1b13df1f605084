"""One pilot test for each of the 16 defects a new user hit in the review UI (issue 13), numbered as there.

Each drives the app with keys and checks what the reviewer sees (the screen's text) or what the database holds,
so that it says the same against the app before the fixes, where each of these failed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rich.color import Color
from textual.screen import ModalScreen

from factcheck.cli import cli
from factcheck.config import load_config
from factcheck.review import ReviewApp
from factcheck.store import open_db, set_correction, update_review

from review_helpers import (
    SIZE, cursor_id, events, go_to, make_app, queue_ids, read, run, screen_text, settle, sql,
)


def three_member_cluster(path) -> None:
    """q1, q4 and q2 form claim cluster 1."""
    sql(path, "INSERT INTO cluster_members(quote_id, cluster_id, method, added_at) VALUES ('q2', 1, 'seed', '2026-01-05')")
    sql(path, "UPDATE clusters SET size = 3 WHERE id = 1")


def write_as(path, reviewer: str, quote_id: str, **changes) -> None:
    """Another reviewer's decision, made elsewhere."""
    db = open_db(path)
    try:
        version = db.execute("SELECT COALESCE(max(version), 0) FROM reviews WHERE quote_id = ?", [quote_id]).fetchone()[0]
        update_review(db, quote_id, reviewer=reviewer, expected_version=version, **changes)
    finally:
        db.close()


def test_defect01_focus_stays_on_the_queue_after_opening_an_item(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            third = app.queue.row(2)["quote_id"]
            await pilot.press("enter", "escape", "down", "down")
            await settle(app, pilot)
            assert cursor_id(app) == third and app.detail["quote_id"] == third
            await pilot.press("v")
            await settle(app, pilot)
            assert read(review_db, third)["status"] == "verified"
            await pilot.press("enter", "enter", "home")
            await settle(app, pilot)
            assert app.queue.cursor == 0 and app.focused is app.queue

    run(scenario())


def test_defect02_undo_takes_back_the_last_action_first_and_shows_its_item(review_db):
    three_member_cluster(review_db)

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q1")
            await pilot.press("7")  # falsch: disputed
            await go_to(app, pilot, "q1")
            await pilot.press("A")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert {read(review_db, q)["status"] for q in ("q1", "q2", "q4")} == {"disputed"}
            await go_to(app, pilot, "q3")
            await pilot.press("c")  # q3 is the same claim as q1
            await settle(app, pilot)
            assert ("q3",) in sql(review_db, "SELECT quote_id FROM cluster_members")
            await go_to(app, pilot, "q2")

            await pilot.press("z")  # the confirmed match goes, the decisions stay; the cursor shows q3
            await settle(app, pilot)
            assert ("q3",) not in sql(review_db, "SELECT quote_id FROM cluster_members")
            assert sql(review_db, "SELECT status FROM match_suggestions") == [("pending",)]
            assert {read(review_db, q)["status"] for q in ("q2", "q4")} == {"disputed"}
            assert cursor_id(app) == "q3"
            await pilot.press("z")  # then the decision given to the cluster
            await settle(app, pilot)
            assert [read(review_db, q)["status"] for q in ("q1", "q2", "q4")] == ["disputed", "unreviewed", "unreviewed"]
            assert cursor_id(app) == "q1"

            await pilot.press("v")  # a plain decision moves on; its undo comes back to it
            await settle(app, pilot)
            assert cursor_id(app) != "q1"
            await pilot.press("z")
            await settle(app, pilot)
            assert cursor_id(app) == "q1" and read(review_db, "q1")["status"] == "disputed"

    run(scenario())


def test_defect03_cluster_decisions_leave_colleagues_decisions_alone(review_db):
    three_member_cluster(review_db)
    write_as(review_db, "bert", "q4", status="verified", verdict="richtig")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q1")
            await pilot.press("A")  # q1 is open itself: nothing to give to the others
            await settle(app, pilot)
            assert not isinstance(app.screen, ModalScreen)
            await pilot.press("7")
            await go_to(app, pilot, "q1")
            await pilot.press("A")
            await settle(app, pilot)
            question = screen_text(app)
            assert "bert" in question and "verified" in question  # the conflicting decision is named
            await pilot.press("u")  # only the open members
            await settle(app, pilot)
            assert (read(review_db, "q2")["status"], read(review_db, "q2")["verdict"]) == ("disputed", "falsch")
            bert = read(review_db, "q4")
            assert (bert["status"], bert["verdict"], bert["reviewer"]) == ("verified", "richtig", "bert")

    run(scenario())


def test_defect04_decisions_mean_one_thing_and_claimreview_exports_them(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            await pilot.press("v")  # verified, with the default verdict for verified
            await settle(app, pilot)
            assert (read(review_db, "q3")["status"], read(review_db, "q3")["verdict"]) == ("verified", "richtig")
            await go_to(app, pilot, "q2")
            await pilot.press("d")  # the verdict picker, on the verdicts that mean disputed
            await settle(app, pilot)
            picker = screen_text(app)
            assert "unbelegt" in picker and "falsch" in picker and "größtenteils richtig" not in picker
            await pilot.press("enter")
            await settle(app, pilot)
            assert (read(review_db, "q2")["status"], read(review_db, "q2")["verdict"]) == ("disputed", "unbelegt")
            await go_to(app, pilot, "q4")
            await pilot.press("2")  # a verdict alone sets its status
            await settle(app, pilot)
            assert (read(review_db, "q4")["status"], read(review_db, "q4")["verdict"]) == ("verified", "größtenteils richtig")
            await go_to(app, pilot, "q4")
            await pilot.press("u")  # clears both
            await settle(app, pilot)
            assert (read(review_db, "q4")["status"], read(review_db, "q4")["verdict"]) == ("unreviewed", None)
            await go_to(app, pilot, "q2")
            await pilot.press("u")
            await settle(app, pilot)

    run(scenario())
    result = CliRunner().invoke(cli, ["--db", str(review_db), "export", "claimreview", "--org", "X", "--url-template",
                                      "https://x.example/{claim_id}"])
    assert result.exit_code == 0 and "1 claim reviews exported" in result.stderr
    [claim] = json.loads(result.stdout)
    assert (claim["claimReviewed"], claim["reviewRating"]["alternateName"]) == ("Die Renten sind nicht sicher.", "richtig")


def test_defect05_not_a_quotation_can_be_taken_back(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            await pilot.press("x")
            await settle(app, pilot)
            assert "q3" not in queue_ids(app)
            await pilot.press("f")
            await settle(app, pilot)
            switches = app.screen.query_one("#switches")
            switches.focus()
            await pilot.press("down", "down", "space", "enter")  # also those marked not a quotation
            await settle(app, pilot)
            await go_to(app, pilot, "q3")
            assert "NOT A QUOTATION" in screen_text(app)
            await pilot.press("x")  # a quotation again
            await settle(app, pilot)
            assert sql(review_db, "SELECT not_quote FROM quotes WHERE id = 'q3'") == [(0,)]

    run(scenario())


def test_defect06_concurrent_work_is_never_overwritten_typing_never_lost_refusals_logged(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            db = open_db(review_db)
            set_correction(db, "q3", "speaker", "Olaf Scholz", reviewer="bert")  # bert, elsewhere, meanwhile
            db.close()
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one("Input").value = "Maria Sacharowa"
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert sql(review_db, "SELECT speaker FROM quotes_view WHERE quote_id = 'q3'") == [("Olaf Scholz",)]
            assert app.screen.query_one("Input").value == "Maria Sacharowa"  # offered again
            await pilot.press("escape")

            write_as(review_db, "bert", "q3", status="verified", verdict="richtig")
            await pilot.press("n")
            await settle(app, pilot)
            app.screen.query_one("TextArea").text = "Quelle: Rentenbericht 2025"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, ModalScreen)  # offered again, with the text typed
            assert app.screen.query_one("TextArea").text == "Quelle: Rentenbericht 2025"
            await pilot.press("escape")

            write_as(review_db, "bert", "q3", status="disputed", verdict="falsch")
            await pilot.press("v")  # refused: the cursor stays on the item
            await settle(app, pilot)
            assert cursor_id(app) == "q3" and read(review_db, "q3")["reviewer"] == "bert"
            refused = [e for e in events(review_db, "q3") if e[0] == "anna"]
            assert [e[1] for e in refused] == ["refused", "refused", "refused"]
            assert "Maria Sacharowa" in refused[0][3] and "Rentenbericht" in refused[1][3]

    run(scenario())


def contrast(one: Color, other: Color) -> float:
    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_defect07_highlights_differ_and_labels_read_in_both_themes(review_db, theme):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.theme = theme
            await settle(app, pilot)
            detail = app.query_one("#detail")
            quote = detail.get_component_rich_style("detail--quote").bgcolor.get_truecolor()
            speaker = detail.get_component_rich_style("detail--speaker").bgcolor.get_truecolor()
            assert sum((a - b) ** 2 for a, b in zip(quote, speaker)) ** 0.5 > 60  # another colour, not a shade
            facts = app.query_one("#detail-facts").content
            label = next(span.style for span in facts.spans if facts.plain[span.start:span.end].startswith("Speaker"))
            background = detail.background_colors[1].rich_color
            assert contrast(label.color, background) >= 3

    run(scenario())


def test_defect07_theme_key_and_the_theme_is_kept(review_db, tmp_path):
    config = tmp_path / "factcheck.toml"
    config.write_text('reviewer = "anna"\n', encoding="utf-8")

    async def scenario(expected_start):
        app = ReviewApp(review_db, reviewer="anna", config=load_config(config))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.theme == expected_start
            await pilot.press("ctrl+t")
            await settle(app, pilot)
            return app.theme

    changed = run(scenario("textual-dark"))
    assert changed == "textual-light"
    assert run(scenario("textual-light")) == "textual-dark"


def test_defect08_columns_fit_and_say_which_article(review_db):
    sql(review_db, "UPDATE articles SET title = NULL, source = 'archiv/2026/januar/a1-kanzler.txt' WHERE id = 'a1'")
    sql(review_db, "UPDATE speakers SET name = 'Wolodymyr Selenskyj' WHERE name = 'Friedrich Merz'")
    for n in range(30):  # enough rows for a scrollbar
        sql(review_db, 'INSERT INTO quotes(id, article_id, start, "end", text, kind, extractor_version) '
                       "VALUES (?, 'a1', ?, ?, 'Mehr Text', 'direct', 't')", [f"x{n}", 200 + n, 201 + n])

    async def scenario(size):
        app = make_app(review_db)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            return screen_text(app).splitlines()

    lines = run(scenario((160, 45)))
    header = next(line for line in lines if "speaker" in line and "article" in line)
    assert header.rstrip().endswith(" n")  # not under the scrollbar
    text = "\n".join(lines)
    assert "Wolodymyr Selenskyj" in text  # a whole name, not cut at 18
    assert "a1-kanzler" in text and "archiv/" not in text
    small = run(scenario((80, 24)))
    header = next(line for line in small if "speaker" in line)
    assert "article" in header and header.rstrip().endswith(" n")
    footer = small[-1]
    assert all(f" {key} " in f" {footer} " for key in ("z", "?", "q")), footer


def test_defect08_parts_of_a_series_stay_apart(review_db):
    sql(review_db, "UPDATE articles SET title = 'Ukraine-Krieg: Die Lage am Tag 245 der Invasion' WHERE id = 'a1'")
    sql(review_db, "UPDATE articles SET title = 'Ukraine-Krieg: Die Lage am Tag 246 der Invasion' WHERE id = 'a2'")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            return [app.queue.render_line(y).text for y in range(1, 5)]

    rows = run(scenario())
    assert sum("245" in row for row in rows) == 2 and sum("246" in row for row in rows) == 2


def test_defect09_newest_starts_at_the_top_of_the_newest_article_and_there_is_an_article_order(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            first = queue_ids(app)[:2]
            await pilot.press("o")
            await settle(app, pilot)
            options = app.screen.query_one("OptionList")
            labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any("article order" in label for label in labels), labels
            index = next(i for i, label in enumerate(labels) if "article order" in label)
            options.highlighted = index
            await pilot.press("enter")
            await settle(app, pilot)
            return first, queue_ids(app)

    newest, articles = run(scenario())
    assert newest == ["q3", "q4"]  # a2's first claim, then its second
    assert articles == ["q1", "q2", "q3", "q4"]


def test_defect10_speaker_corrections_keep_what_was_meant(review_db):
    sql(review_db, "INSERT INTO speakers(name, type) VALUES ('Dmitri Peskow', 'person'), ('ein Sprecher', 'anonymous')")
    sql(review_db, "UPDATE quotes SET speaker_id = (SELECT id FROM speakers WHERE name = 'ein Sprecher') WHERE id = 'q3'")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one("Input").value = "Maria Sacharowa"  # a new name: a person, not "anonymous"
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            await go_to(app, pilot, "q2")
            await pilot.press("s")
            await settle(app, pilot)
            app.screen.query_one("Input").value = "pesk"  # searching: Enter takes the match found
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            await go_to(app, pilot, "q3")
            history = str(app.query_one("#detail-history").content)
            assert "ein Sprecher → Maria Sacharowa" in history

    run(scenario())
    assert sql(review_db, "SELECT speaker, speaker_type FROM quotes_view WHERE quote_id IN ('q3', 'q2') ORDER BY quote_id") == [
        ("Dmitri Peskow", "person"), ("Maria Sacharowa", "person")]
    assert ("anna", "correction.speaker", "ein Sprecher", "Maria Sacharowa") in events(review_db, "q3")


def test_defect11_filter_dialog_fits_ticks_show_and_enter_applies(review_db):
    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            await pilot.press("f")
            await settle(app, pilot)
            text = screen_text(app)
            for visible in ("Status", "Kind", "Verdict", "only open items", "Enter applies", "☐ verified"):
                assert visible in text, visible
            status = app.screen.query_one("#status")
            status.focus()
            await pilot.press("down", "space")
            await settle(app, pilot)
            assert "☑ verified" in screen_text(app)
            await pilot.press("enter")  # applies, does not tick
            await settle(app, pilot)
            assert not isinstance(app.screen, ModalScreen)
            assert app.queue_query.filter.status == ("verified",)

    run(scenario())


def test_defect12_the_detail_scrolls_with_the_keyboard(review_db):
    for n in range(12):
        write_as(review_db, "bert", "q3", note=f"Notiz {n}")

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert "History" not in screen_text(app)
            await pilot.press("tab", "end")
            await settle(app, pilot)
            assert "History" in screen_text(app) or "Notiz 11" in screen_text(app)
            await pilot.press("escape", "enter", "home", "pagedown", "pagedown", "pagedown")
            await settle(app, pilot)
            assert "Notiz" in screen_text(app)

    run(scenario())


def test_defect13_evidence_can_be_edited_and_short_addresses_are_taken(review_db):
    write_as(review_db, "anna", "q3", evidence=["https://falsch.example/x", "https://example.org/rente"])

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            await pilot.press("e")
            await settle(app, pilot)
            area = app.screen.query_one("TextArea")
            assert area.text == "https://falsch.example/x\nhttps://example.org/rente"
            area.text = "https://example.org/rente\nwww.example.org/beleg\nkeine adresse"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert "Not a web address: keine adresse" in screen_text(app)
            area = app.screen.query_one("TextArea")
            assert area.text.endswith("keine adresse")  # the typed text is still there
            area.text = "https://example.org/rente\nwww.example.org/beleg"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            app.screen.query_one("TextArea").text = "erste Zeile\nzweite Zeile"
            await pilot.press("ctrl+s")
            await settle(app, pilot)

    run(scenario())
    review = read(review_db, "q3")
    assert review["evidence"] == ["https://example.org/rente", "https://www.example.org/beleg"]
    assert review["note"] == "erste Zeile\nzweite Zeile"
    refused = [e for e in events(review_db, "q3") if e[1] == "refused"]
    assert len(refused) == 1 and "keine adresse" in refused[0][3]  # the refused input is in the log too


def test_defect14_a_key_right_after_moving_waits_for_the_item(review_db, monkeypatch):
    import time

    import factcheck.review.app as app_module

    slow = app_module.quote_detail

    def slow_detail(db, quote_id):
        time.sleep(0.3)
        return slow(db, quote_id)

    monkeypatch.setattr(app_module, "quote_detail", slow_detail)

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            second = app.queue.row(1)["quote_id"]
            await pilot.press("down", "n")
            await settle(app, pilot)
            assert not any("loading" in n.message.lower() for n in app._notifications)
            app.screen.query_one("TextArea").text = "für das zweite"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            return second

    second = run(scenario())
    assert read(review_db, second)["note"] == "für das zweite"


def test_defect15_search_phrases_or_spellings_and_merged_speakers(review_db):
    sql(review_db, "INSERT INTO speakers(id, name, type, merged_into) VALUES (9, 'Olaf Scholtz', 'person', 1)")
    sql(review_db, "UPDATE quotes SET speaker_id = 9 WHERE id = 'q2'")

    async def search(app, pilot, words):
        await pilot.press("slash")
        await settle(app, pilot)
        app.screen.query_one("Input").value = words
        await pilot.press("enter")
        await settle(app, pilot)
        return sorted(queue_ids(app))

    async def scenario():
        app = make_app(review_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert await search(app, pilot, '"sicher sind"') == []
            assert await search(app, pilot, '"sind nicht"') == ["q3"]
            assert await search(app, pilot, "nicht OR schaffen") == ["q2", "q3"]
            assert await search(app, pilot, "Renten sicher -nicht") == ["q1", "q4"]
            await search(app, pilot, '"')  # nothing to search for: not the whole list
            assert isinstance(app.screen, ModalScreen)
            await pilot.press("escape")
            await search(app, pilot, "")
            app.show_query(app.queue_query.with_(filter=app.queue_query.filter.__class__(speaker="Scholtz")))
            await settle(app, pilot)
            assert sorted(queue_ids(app)) == ["q1", "q2", "q4"]

    run(scenario())


def test_defect16_history_help_settings_position_and_progress(review_db, tmp_path):
    sql(review_db, "INSERT INTO review_events(at, reviewer, quote_id, field, old_value, new_value) VALUES "
                   "('2026-01-06T09:00:00+00:00', 'bert', 'q3', 'evidence', '[]', '[\"https://example.org/beleg\"]')")
    config = tmp_path / "factcheck.toml"
    config.write_text('reviewer = "anna"\n', encoding="utf-8")

    async def first_session():
        app = ReviewApp(review_db, reviewer="anna", config=load_config(config))
        async with app.run_test(size=SIZE) as pilot:
            await go_to(app, pilot, "q3")
            history = str(app.query_one("#detail-history").content)
            assert "06.01.2026 10:00" in history or "2026-01-06 10:00" in history  # local time, Berlin
            assert "+ https://example.org/beleg" in history and '["' not in history
            await go_to(app, pilot, "q1")
            app.show_query(app.queue_query.with_(filter=app.queue_query.filter.__class__(speaker="Scholz")),
                           anchor="q1")
            await settle(app, pilot)
            assert cursor_id(app) == "q1"  # the filter keeps the item
            await pilot.press("o")
            await settle(app, pilot)
            await pilot.press("3")  # most appearances
            await settle(app, pilot)
            assert cursor_id(app) == "q1"
            await pilot.press("v")
            await settle(app, pilot)
            app.show_query(app.queue_query.with_(filter=app.queue_query.filter.__class__(only_unreviewed=True)))
            await settle(app, pilot)
            assert "1 of 4 reviewed" in screen_text(app)
            await pilot.press("question_mark")
            await settle(app, pilot)
            assert "q quits" in screen_text(app)
            await pilot.press("q")
            await settle(app, pilot)
            assert app.return_code == 0

    run(first_session())

    async def second_session():
        app = ReviewApp(review_db, reviewer="anna", config=load_config(config))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            return app.queue_query

    query = run(second_session())
    assert (query.sort, query.filter.only_unreviewed) == ("appearances", True)
