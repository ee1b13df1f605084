"""Snapshot tests of the review UI (pytest-textual-snapshot): the queue, the detail view, the help screen and the
filter dialog; the dark and the light theme; 120×36 and 80×24; English and German.

The data is fixed (tests/test_review_app.py builds it, and the one review here has fixed time stamps), the
terminal size too. Regenerate with `pytest tests/test_review_snapshots.py --snapshot-update` and look at
the SVGs in tests/__snapshots__/ before checking them in."""

from __future__ import annotations

import pytest

from factcheck.store import open_db

from review_helpers import build_review_db, make_app, settle

SIZE = (120, 36)


@pytest.fixture
def snapshot_db(tmp_path):
    path = tmp_path / "snapshot.db"
    build_review_db(path)
    db = open_db(path)
    with db.conn:
        db.execute(
            "INSERT INTO reviews(quote_id, status, verdict, note, evidence, reviewer, updated_at, version, article_id, quote_text) "
            "VALUES ('q3', 'disputed', 'falsch', 'Rentenniveau sinkt laut [bold]Bericht[/bold]', "
            "'[\"https://example.org/rente\"]', 'anna', '2026-01-06T09:00:00+00:00', 2, 'a2', 'Die Renten sind nicht sicher.')"
        )
        db.conn.executemany(
            "INSERT INTO review_events(at, reviewer, quote_id, field, old_value, new_value) VALUES (?, 'anna', 'q3', ?, ?, ?)",
            [("2026-01-06T08:59:00+00:00", "status", "unreviewed", "disputed"),
             ("2026-01-06T09:00:00+00:00", "verdict", None, "falsch")],
        )
    db.close()
    return path


async def settled(pilot) -> None:
    await settle(pilot.app, pilot)


def test_queue(snap_compare, snapshot_db):
    assert snap_compare(make_app(snapshot_db), terminal_size=SIZE, run_before=settled)


def test_detail_view(snap_compare, snapshot_db):
    async def open_q3(pilot):
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db), terminal_size=SIZE, run_before=open_q3)


def test_help_screen(snap_compare, snapshot_db):
    async def open_help(pilot):
        await settled(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db), terminal_size=SIZE, run_before=open_help)


def test_help_screen_german(snap_compare, snapshot_db):
    async def open_help(pilot):
        await settled(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db, language="de"), terminal_size=SIZE, run_before=open_help)


@pytest.mark.parametrize("theme", ["textual-light"])
def test_queue_and_detail_light_theme(snap_compare, snapshot_db, theme):
    async def light(pilot):
        pilot.app.theme = theme
        await settled(pilot)
        await pilot.press("down")
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db), terminal_size=SIZE, run_before=light)


def test_detail_view_light_theme(snap_compare, snapshot_db):
    async def open_q3(pilot):
        pilot.app.theme = "textual-light"
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db), terminal_size=SIZE, run_before=open_q3)


def test_small_terminal(snap_compare, snapshot_db):
    assert snap_compare(make_app(snapshot_db), terminal_size=(80, 24), run_before=settled)


def test_small_terminal_german(snap_compare, snapshot_db):
    assert snap_compare(make_app(snapshot_db, language="de"), terminal_size=(80, 24), run_before=settled)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x36", "80x24"])
def test_filter_dialog(snap_compare, snapshot_db, size):
    async def open_filter(pilot):
        await settled(pilot)
        await pilot.press("f")
        await settled(pilot)
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False  # a blinking cursor is in the picture or not
        await settled(pilot)

    assert snap_compare(make_app(snapshot_db), terminal_size=size, run_before=open_filter)
