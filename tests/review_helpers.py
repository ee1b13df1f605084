"""Shared by the review UI tests: a small fixed database, the app on it, waiting for its workers."""

from __future__ import annotations

import asyncio

from factcheck.config import Config
from factcheck.review import ReviewApp
from factcheck.store import get_review, history, open_db, rebuild_fts

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


def make_app(path, reviewer="anna", language="en", **config) -> ReviewApp:
    try:
        settings = Config(reviewer=reviewer, language=language, **config)
    except TypeError:  # the app before it had languages: the defect tests run against it too
        settings = Config(reviewer=reviewer)
    app = ReviewApp(path, reviewer=reviewer, config=settings)
    app.recount_delay = 0.01  # the count after writes, without waiting for more keys
    return app


async def settle(app, pilot) -> None:
    """Wait until every worker is done, the queued writes are written, the count after them is in and the
    messages they posted are handled (a handled message may start another worker)."""
    idle_rounds = 0
    while idle_rounds < 2:
        await pilot.pause()
        busy = (any(worker.is_running for worker in app.workers) or getattr(app, "_writing", False)
                or getattr(app, "_recount_timer", None) is not None)
        if busy:
            await asyncio.sleep(0.02)
        idle_rounds = 0 if busy else idle_rounds + 1


def run(coro):
    return asyncio.run(coro)


def queue_ids(app) -> list[str]:
    """The loaded rows of the queue, in order (all of them, on the small test databases)."""
    window = getattr(app.queue, "window", None)
    if window is None:  # the queue before the row window (the defect tests run against it too)
        return [app.queue.row(i)["quote_id"] for i in range(app.queue.row_count) if app.queue.row(i)]
    return [row["quote_id"] for row in window.rows]


def cursor_id(app) -> str | None:
    row = app.queue.row()
    return row["quote_id"] if row else None


def events(path, quote_id) -> list[tuple]:
    db = open_db(path)
    try:
        return [(e["reviewer"], e["field"], e["old_value"], e["new_value"]) for e in history(db, quote_id)]
    finally:
        db.close()


def sql(path, statement, params=()) -> list[tuple]:
    db = open_db(path)
    try:
        with db.conn:
            return db.execute(statement, params).fetchall()
    finally:
        db.close()


def read(path, quote_id) -> dict:
    db = open_db(path)
    try:
        return get_review(db, quote_id)
    finally:
        db.close()




def screen_text(app) -> str:
    """What the terminal shows, as text (like `tmux capture-pane -p`)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


async def go_to(app, pilot, quote_id: str) -> None:
    """Move the cursor with the keys (Home, then ↓) until it is on `quote_id`."""
    await settle(app, pilot)
    await pilot.press("home")
    for _ in range(30):
        await settle(app, pilot)
        row = app.queue.row()
        if row and row["quote_id"] == quote_id:
            return
        await pilot.press("down")
    raise AssertionError(f"{quote_id} not found in the queue")
