"""The review app: a queue of claims on top, the selected one in detail below, decisions by single keys.

Every database call runs in a thread worker on one of the `Connections`; the UI only ever paints what has
arrived. Writes go through one queue, in the order the keys were pressed, each as a `Change` (changes.py) that
undo and redo revert. Every write uses the store's optimistic locking: when another reviewer got there first,
the write is refused and logged, the reviewer is told what the other decided, the cursor goes back to the
item and whatever they typed is offered again.

The actions live in mixins by subject: decide.py (decisions, notes, evidence, undo), edit.py (corrections of
the machine and of the clusters), navigate.py (filters, sorting, views, theme, language).
"""

from __future__ import annotations

import sqlite3
from collections import deque
from functools import partial
from pathlib import Path
from typing import Callable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingsMap
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Static

from factcheck.config import Config, ConfigError, load_config, save_review_settings
from factcheck.store import StaleWrite, log_refused

from .changes import Change
from .data import Connections, quote_detail
from .decide import DecisionActions
from .detail import DetailView
from .edit import CorrectionActions
from .i18n import Texts
from .keys import KEYS, bindings, text_key
from .messages import ItemNotInQueue, RowHighlighted, RowsLoaded
from .navigate import NavigationActions
from .pages import QueueQuery, queue_counts, queue_position
from .queue import QueueView
from .settings import query_from_settings, settings_of, theme_from_settings
from .writes import Write

RECOUNT_DELAY = 0.3  # seconds after the last write before the queue is counted again


class ReviewApp(DecisionActions, CorrectionActions, NavigationActions, App[None]):
    CSS_PATH = "review.tcss"
    TITLE = "factcheck review"
    recount_delay = RECOUNT_DELAY

    def __init__(self, db_path: str | Path, *, reviewer: str | None = None, config: Config | None = None) -> None:
        super().__init__()
        self.config = config or load_config()
        self.reviewer = reviewer or self.config.reviewer
        self.texts = Texts(self.config.ui_language)
        self.connections = Connections(db_path)
        self.queue_query: QueueQuery = query_from_settings(self.config.review)
        self.back_stack: list[tuple[QueueQuery, str | None]] = []   # queues left by a drill-down (a, g)
        self.counts: dict | None = None
        self.detail: dict | None = None
        self.suggestion = 0
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.known_versions: dict[str, int] = {}     # review versions this session wrote (worker thread)
        self.known_values: dict[tuple, tuple] = {}   # (quote, field) -> (value, write number) this session wrote
        self.write_number = 0                        # writes done so far (worker thread)
        self._writes: deque[Write] = deque()
        self._writing = False
        self._pending: dict[str, int] = {}           # writes queued per quotation, not done yet
        self._waiting: tuple[str, Callable] | None = None  # an action waiting for its item's detail
        self._recount_timer = None
        self._settings_warned = False
        self._app_bindings = [binding for _, binding in self._bindings]  # Textual's own: Ctrl+Q, Ctrl+C, Ctrl+P
        self._bind_keys()
        theme = theme_from_settings(self.config.review)
        if theme:
            self.theme = theme

    def _bind_keys(self) -> None:
        """The bindings, with their texts in the current language (they are per app: the language can change),
        after Textual's own (Ctrl+Q, Ctrl+C, and the command palette's Ctrl+P, which App.__init__ adds)."""
        self._bindings = BindingsMap([*self._app_bindings, *bindings(self.texts)])

    @property
    def verdicts(self) -> list[str]:
        return self.config.verdict_labels

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="filters", markup=False)
        yield QueueView(self.connections, id="queue")
        yield DetailView(id="detail")
        yield Static(id="progress", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.texts("title.reviewer", reviewer=self.reviewer)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.queue.focus()
        self.show_query(self.queue_query, remember=False)

    def on_unmount(self) -> None:
        self.workers.cancel_all()
        self.connections.interrupt_reads()  # quitting never waits for a long count or page read
        self.connections.close()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """The review keys belong to the main screen: inside a dialog they are text, not decisions."""
        if isinstance(self.screen, ModalScreen) and action in REVIEW_ACTIONS:
            return False
        return True

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action != "quit":
                yield SystemCommand(self.texts("help." + text_key(key.action)), self.get_key_display_of(key.keys),
                                    partial(self.run_action, key.action))

    def get_key_display_of(self, keys: str) -> str:
        return ", ".join(self.get_key_display(self._bindings.key_to_bindings[k.strip()][0]) for k in keys.split(",")
                         if k.strip() in self._bindings.key_to_bindings)

    # -- the queue ----------------------------------------------------------------------------------------
    @property
    def queue(self) -> QueueView:
        return self.query_one(QueueView)

    @property
    def detail_view(self) -> DetailView:
        return self.query_one(DetailView)

    def show_query(self, query: QueueQuery, anchor: str | None = None, remember: bool = True) -> None:
        """Show the queue for `query`, on `anchor` if it is in it (else from the top)."""
        self.queue_query = query
        self.counts = None
        self.connections.interrupt_count()
        self.update_filter_line()
        self.show_progress()
        self.queue.show(query, anchor)
        if remember:
            self.save_settings()

    def update_filter_line(self) -> None:
        from .format import describe_filter

        line = describe_filter(self.queue_query.filter, self.queue_query.mode, self.texts)
        if self.back_stack:
            line += "  " + self.texts("filter.back")
        self.query_one("#filters", Static).update(line)

    def schedule_recount(self) -> None:
        if self._recount_timer is not None:
            self._recount_timer.stop()
        self._recount_timer = self.set_timer(self.recount_delay, self.recount)

    def recount(self) -> None:
        self._recount_timer = None
        self.connections.interrupt_count()  # a count of an older query stops at once
        row = self.queue.row()
        locate = row if row is not None and self.queue.window.origin is None else None
        self.count_rows(self.queue_query, locate)

    @work(thread=True, exclusive=True, group="count")
    def count_rows(self, query: QueueQuery, locate: dict | None) -> None:
        try:
            with self.connections.use("count") as db:
                counts = queue_counts(db, query)
                position = queue_position(db, query, locate) if locate is not None else None
        except sqlite3.OperationalError:  # interrupted by a newer count
            return
        self.call_from_thread(self._counted, query, counts, locate, position)

    def _counted(self, query: QueueQuery, counts: dict, locate: dict | None, position: int | None) -> None:
        if query != self.queue_query:
            return
        self.counts = counts
        if locate is not None:
            self.queue.set_position(locate["quote_id"], position)
        self.queue.set_total(counts["rows"])
        self.show_progress()
        if counts["rows"] == 0:
            self.detail = None
            self.detail_view.show(None)

    def show_progress(self) -> None:
        tr = self.texts
        if self.counts is None:
            text = tr("progress.counting")
        else:
            rows, total, reviewed = self.counts["rows"], self.counts["total"], self.counts["reviewed"]
            index = self.queue.cursor_index()
            place = tr("progress.item", n=f"{index + 1:,}", of=f"{rows:,}") if index is not None and rows else \
                tr("progress.items", of=f"{rows:,}")
            share = f" ({reviewed / total:.0%})" if total else ""
            text = f"{place} · " + tr("progress.reviewed", n=f"{reviewed:,}", of=f"{total:,}") + share
        sort = tr("sort." + self.queue_query.sort)
        self.query_one("#progress", Static).update(f"{text} · {tr('progress.sort')}: {sort}")

    @on(RowsLoaded)
    def rows_loaded(self, message: RowsLoaded) -> None:
        if message.kind in ("start", "anchor", "end", "jump") and (self.counts is None or message.kind == "anchor"):
            self.call_after_refresh(self.recount)  # counted once the first rows are on screen: never delays them
        elif self.counts is not None:
            self.show_progress()
        if message.total == 0:
            self.detail = None
            self.detail_view.show(None)

    @on(ItemNotInQueue)
    def not_in_queue(self, message: ItemNotInQueue) -> None:
        self.notify(self.texts("msg.not_in_queue"), severity="warning")

    @on(RowHighlighted)
    def row_highlighted(self, message: RowHighlighted) -> None:
        if self.detail is None or self.detail["quote_id"] != message.row["quote_id"]:
            self.suggestion = 0
        self.load_detail(message.row["quote_id"])
        if self.counts is not None:
            self.show_progress()

    @work(thread=True, exclusive=True, group="detail")
    def load_detail(self, quote_id: str) -> None:
        number = self.write_number
        with self.connections.use("read") as db:
            detail = quote_detail(db, quote_id)
        if detail is not None:
            detail["write_number"] = number
        self.call_from_thread(self._show_detail, quote_id, detail)

    def _show_detail(self, quote_id: str, detail: dict | None) -> None:
        row = self.queue.row()
        if row is None or row["quote_id"] != quote_id:
            return  # the cursor moved on meanwhile
        self.detail = detail
        self.suggestion = min(self.suggestion, max(len(detail["suggestions"]) - 1, 0)) if detail else 0
        self.detail_view.show(detail, self.suggestion)
        if self._waiting and self._waiting[0] == quote_id and self._fresh(row):
            _, action = self._waiting
            self._waiting = None
            action(row, self.detail)

    def current(self) -> dict | None:
        """The queue row under the cursor."""
        row = self.queue.row()
        if row is None:
            self.notify(self.texts("msg.nothing_selected"), severity="warning")
        return row

    def with_detail(self, action: Callable[[dict, dict], None]) -> None:
        """Run `action(row, detail)` for the item under the cursor as soon as its detail is loaded and shows
        every write queued for it (at once if it does): a key pressed right after moving is never refused."""
        row = self.current()
        if row is None:
            return
        if self._fresh(row):
            action(row, self.detail)
        else:
            self._waiting = (row["quote_id"], action)
            if not self._pending.get(row["quote_id"]):
                self.load_detail(row["quote_id"])

    def _fresh(self, row: dict) -> bool:
        detail = self.detail
        return (detail is not None and detail["quote_id"] == row["quote_id"]
                and not self._pending.get(row["quote_id"]))

    # -- writing ------------------------------------------------------------------------------------------
    def submit(self, write: Write) -> None:
        """Queue a write; they run one after another in the order submitted."""
        self._writes.append(write)
        if write.quote_id:
            self._pending[write.quote_id] = self._pending.get(write.quote_id, 0) + 1
        if not self._writing:
            self._writing = True
            self._drain_writes()

    @work(thread=True, group="write")
    def _drain_writes(self) -> None:
        while self._writes:
            write = self._writes.popleft()
            try:
                with self.connections.use("write") as db:
                    result = write.run(db)
                    self.write_number += 1
                    if isinstance(result, Change):
                        self._remember(result)
            except (StaleWrite, ValueError, sqlite3.Error) as err:
                self._log_refused(write, err)
                self.call_from_thread(self._refused, write, err)
            else:
                self.call_from_thread(self._written, write, result)
        self.call_from_thread(self._writes_done)

    def _remember(self, change: Change) -> None:
        """What this session wrote, so its next write expects it (worker thread)."""
        if change.kind == "review":
            self.known_versions.update(change.after)
        elif change.kind == "correction":
            for quote, values in change.after.items():
                for name, value in values.items():
                    self.known_values[(quote, name)] = (value, self.write_number)

    def expected_version(self, quote_id: str, seen: int) -> int:
        """The version to expect: the one seen, or a newer one this session wrote itself (worker thread)."""
        return max(seen, self.known_versions.get(quote_id, 0))

    def expected_value(self, quote_id: str, name: str, detail: dict):
        """The value to expect for a correction: the one shown, or one this session wrote after it was loaded."""
        value, number = self.known_values.get((quote_id, name), (None, -1))
        return value if number > detail.get("write_number", -1) else detail[name]

    def log_refusal(self, quote_id: str, action: str, attempted: dict, reason: str) -> None:
        """Log a write the UI refused itself (input that is no decision, like a line that is no web address)."""
        self.submit(Write(run=lambda db: log_refused(db, self.reviewer, quote_id, action, attempted, reason),
                          quote_id=None, action=action, record=False))

    def _log_refused(self, write: Write, err: Exception) -> None:
        if isinstance(err, sqlite3.Error) and not isinstance(err, sqlite3.IntegrityError):
            return  # the database itself failed: logging would too
        try:
            with self.connections.use("write") as db:
                log_refused(db, self.reviewer, write.quote_id, write.action, write.attempted, str(err))
        except sqlite3.Error:
            pass

    def _writes_done(self) -> None:
        self._writing = False
        if self._writes:
            self._writing = True
            self._drain_writes()

    def _finished(self, write: Write) -> None:
        if write.quote_id and self._pending.get(write.quote_id):
            self._pending[write.quote_id] -= 1
            if not self._pending[write.quote_id]:
                del self._pending[write.quote_id]

    def _written(self, write: Write, result) -> None:
        self._finished(write)
        if isinstance(result, Change) and write.record:
            self.undo_stack.append(result)
            self.redo_stack.clear()
        if write.done:
            write.done(result)
        self.refresh_data()

    def _refused(self, write: Write, err: Exception) -> None:
        self._finished(write)
        tr = self.texts
        if isinstance(err, StaleWrite):
            self.notify(str(err), title=tr("msg.refused_title"), severity="error", timeout=10, markup=False)
        else:
            self.notify(tr("msg.not_saved", reason=str(err)), severity="error", timeout=10, markup=False)
        if write.quote_id and write.record:
            self.queue.go_to(write.quote_id)  # back to the item that was not saved
        self.refresh_data()
        if write.refused:
            write.refused(str(err))

    def refresh_data(self) -> None:
        self.queue.reload()
        self.schedule_recount()
        row = self.queue.row()
        if row is not None:
            self.load_detail(row["quote_id"])

    # -- settings -----------------------------------------------------------------------------------------
    def save_settings(self) -> None:
        """Keep theme, language, sort, mode and filter in the config's [review] table (the queue a drill-down
        left, not the drill-down)."""
        path = self.config.settings_path
        if path is None:
            return
        query = self.back_stack[0][0] if self.back_stack else self.queue_query
        settings = settings_of(query, self.theme, self.texts.language)
        try:
            save_review_settings(path, settings)
        except (OSError, ConfigError) as err:
            if not self._settings_warned:
                self._settings_warned = True
                self.notify(self.texts("msg.settings_not_saved", path=str(path), reason=str(err)), severity="warning",
                            markup=False)

    def _theme_changed(self, theme) -> None:
        self.detail_view.refresh_styles()
        self.queue.refresh()
        self.save_settings()


REVIEW_ACTIONS = {key.action.split("(")[0] for key in KEYS} - {"quit"} | {"verdict"}
