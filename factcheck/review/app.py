"""The review app: a queue of quotations on top, the selected one in detail below, decisions by single keys.

Every database call runs in a thread worker on one of the `Connections`; the UI only ever paints what has
arrived. Every write goes through the store's optimistic locking: when another reviewer got there first,
the write is refused, the reviewer is told what the other decided, and the item is reloaded.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Static

from factcheck.config import Config, load_config
from factcheck.match.decisions import confirm_suggestion, reject_suggestion
from factcheck.store import KINDS, QuoteFilter, StaleReview

from .data import (
    MODES, SORTS, Connections, Decision, QueueQuery, cluster_member_versions, correct, decide, queue_counts,
    quote_detail, undo,
)
from .detail import DetailView
from .dialogs import ChoiceDialog, ConfirmDialog, FilterDialog, SpeakerDialog, TextDialog
from .help import HelpScreen
from .literal import literal_str
from .messages import RowHighlighted, RowsLoaded
from .queue import QueueView


class ReviewApp(App[None]):
    CSS_PATH = "review.tcss"
    TITLE = "factcheck review"
    BINDINGS = [
        Binding("v", "decide('verified')", "Verified"),
        Binding("d", "decide('disputed')", "Disputed"),
        Binding("u", "decide('unreviewed')", "Unreviewed"),
        Binding("w", "pick_verdict", "Verdict"),
        Binding("n", "note", "Note"),
        Binding("e", "evidence", "Evidence URL"),
        Binding("z", "undo", "Undo"),
        Binding("A", "apply_to_cluster", "Decision to whole cluster", show=False),
        Binding("enter", "toggle_detail", "Open"),
        Binding("f", "filter", "Filter"),
        Binding("slash", "search", "Search"),
        Binding("o", "sort", "Sort", show=False),
        Binding("t", "toggle_mode", "Quotes / clusters", show=False),
        Binding("s", "correct_speaker", "Correct speaker", show=False),
        Binding("k", "correct_kind", "Correct kind", show=False),
        Binding("x", "toggle_not_quote", "Not a quotation (toggle)", show=False),
        Binding("c", "suggestion('confirm')", "Confirm suggested match", show=False),
        Binding("r", "suggestion('reject')", "Reject suggested match", show=False),
        Binding("escape", "close_detail", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        *[Binding(str(n), f"verdict({n})", show=False) for n in range(10)],
    ]

    def __init__(self, db_path: str | Path, *, reviewer: str | None = None, config: Config | None = None) -> None:
        super().__init__()
        self.config = config or load_config()
        self.reviewer = reviewer or self.config.reviewer
        self.connections = Connections(db_path)
        self.queue_query = QueueQuery()
        self.counts: tuple[int, int] | None = None
        self._count_pending = False
        self.detail: dict | None = None
        self.undo_stack: list[Decision] = []
        self.known_versions: dict[str, int] = {}  # review versions this session wrote, ahead of the cache

    @property
    def verdicts(self) -> list[str]:
        return self.config.verdict_labels

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="filters", markup=False)
        yield QueueView(self.connections, id="queue")
        yield DetailView(id="detail")
        yield Static(id="progress", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"reviewer: {self.reviewer}"
        self.query_one(QueueView).focus()
        self.show_query(self.queue_query)

    def on_unmount(self) -> None:
        self.workers.cancel_all()
        self.connections.interrupt_count()  # quitting never waits for a long count
        self.connections.close()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """The review keys belong to the main screen: inside a dialog they are text, not decisions."""
        if isinstance(self.screen, ModalScreen) and action in REVIEW_ACTIONS:
            return False
        return True

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if binding.description and binding.action not in ("quit",):
                yield SystemCommand(binding.description, f"key: {binding.key}", partial(self.run_action, binding.action))

    # -- the queue ----------------------------------------------------------------------------------------
    @property
    def queue(self) -> QueueView:
        return self.query_one(QueueView)

    def show_query(self, query: QueueQuery) -> None:
        self.queue_query = query
        self.detail = None
        self.counts = None
        self._show_progress()
        self.query_one("#filters", Static).update(describe(query))
        self.queue.show(query)
        self._count_pending = True  # counted once the first page is on screen: the count must not delay it

    def recount(self) -> None:
        self.connections.interrupt_count()  # a count of an older query stops at once
        self.count_rows(self.queue_query)

    @work(thread=True, exclusive=True, group="count")
    def count_rows(self, query: QueueQuery) -> None:
        try:
            with self.connections.use("count") as db:
                total, reviewed = queue_counts(db, query)
        except sqlite3.OperationalError:  # interrupted by a newer count
            return
        self.call_from_thread(self._counted, query, total, reviewed)

    def _counted(self, query: QueueQuery, total: int, reviewed: int) -> None:
        if query != self.queue_query:
            return
        self.counts = (total, reviewed)
        self.queue.set_total(total)
        self._show_progress()
        if total == 0:
            self.detail = None
            self.query_one(DetailView).show(None)

    def _show_progress(self) -> None:
        if self.counts is None:
            text = "counting…"
        else:
            total, reviewed = self.counts
            share = f" ({reviewed / total:.0%})" if total else ""
            text = f"{reviewed:,} of {total:,} reviewed{share}"
        self.query_one("#progress", Static).update(f"{text} · {self.queue_query.mode} · sort: {self.queue_query.sort}")

    @on(RowsLoaded)
    def rows_loaded(self, message: RowsLoaded) -> None:
        if self._count_pending:
            self._count_pending = False
            self.call_after_refresh(self.recount)
        if message.total == 0:
            self.query_one(DetailView).show(None)

    @on(RowHighlighted)
    def row_highlighted(self, message: RowHighlighted) -> None:
        self.load_detail(message.row["quote_id"])

    @work(thread=True, exclusive=True, group="detail")
    def load_detail(self, quote_id: str) -> None:
        with self.connections.use("read") as db:
            detail = quote_detail(db, quote_id)
            if detail and detail["cluster_id"] is not None:
                detail["cluster_versions"] = cluster_member_versions(db, detail["cluster_id"])
        self.call_from_thread(self._show_detail, quote_id, detail)

    def _show_detail(self, quote_id: str, detail: dict | None) -> None:
        row = self.queue.row()
        if row is None or row["quote_id"] != quote_id:
            return  # the cursor moved on meanwhile
        self.detail = detail
        self.query_one(DetailView).show(detail)

    def _current(self, need_detail: bool = False) -> dict | None:
        """The queue row under the cursor (and, if asked, only once its detail is loaded)."""
        row = self.queue.row()
        if row is None:
            self.notify("Nothing selected yet.", severity="warning")
            return None
        if need_detail and (self.detail is None or self.detail["quote_id"] != row["quote_id"]):
            self.notify("Still loading this item; try again.", severity="warning")
            return None
        return row

    # -- decisions ----------------------------------------------------------------------------------------
    def action_decide(self, status: str) -> None:
        row = self._current()
        if row:
            self.write("decide", {row["quote_id"]: row["review_version"]}, status=status)
            flt = self.queue_query.filter
            if (flt.status and status not in flt.status) or (flt.only_unreviewed and status != "unreviewed"):
                self.queue.forget(self.queue.cursor)  # it leaves this queue; the next one moves up
            else:
                self.queue.action_move(1)

    def action_verdict(self, number: int) -> None:
        if number > len(self.verdicts):
            self.notify(f"The verdict scale has {len(self.verdicts)} steps; press ? for them.", severity="warning")
            return
        row = self._current()
        if row:
            self.write("decide", {row["quote_id"]: row["review_version"]}, verdict=self.verdicts[number - 1] if number else None)

    def action_pick_verdict(self) -> None:
        row = self._current()
        if row:
            def chosen(label: str | None) -> None:
                if label is not None:
                    self.write("decide", {row["quote_id"]: row["review_version"]}, verdict=label)

            self.push_screen(ChoiceDialog("Verdict", self.verdicts, row["verdict"]), chosen)

    def action_note(self) -> None:
        row = self._current(need_detail=True)
        if row:
            def written(note: str | None) -> None:
                if note is not None:
                    self.write("decide", {row["quote_id"]: row["review_version"]}, note=note.strip() or None)

            self.push_screen(TextDialog("Note (why this decision)", self.detail["review"]["note"] or ""), written)

    def action_evidence(self) -> None:
        row = self._current(need_detail=True)
        if row:
            evidence = list(self.detail["review"]["evidence"])

            def written(url: str | None) -> None:
                url = (url or "").strip()
                if not url:
                    return
                if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
                    self.notify(f"Not a web address (http:// or https://): {url}", severity="error", markup=False)
                    return
                self.write("decide", {row["quote_id"]: row["review_version"]}, evidence=[*evidence, url])

            self.push_screen(TextDialog("Evidence URL", placeholder="https://…"), written)

    def action_apply_to_cluster(self) -> None:
        row = self._current(need_detail=True)
        if not row:
            return
        if row["cluster_id"] is None:
            self.notify("This quotation is not part of a claim cluster.", severity="warning")
            return
        review = self.detail["review"]
        versions = dict(self.detail["cluster_versions"])
        decision = review["status"] + (f" · {review['verdict']}" if review["verdict"] else "")
        question = (
            f"Apply “{decision}” to all {len(versions)} quotations of claim cluster {row['cluster_id']}?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.write("decide", versions, status=review["status"], verdict=review["verdict"])

        self.push_screen(ConfirmDialog(literal_str(question, single_line=True)), answered)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo in this session.")
            return
        self.write("undo", self.undo_stack.pop())

    # -- corrections of the machine ------------------------------------------------------------------------
    def action_correct_speaker(self) -> None:
        row = self._current()
        if row:
            def chosen(choice: tuple[str, str | None] | None) -> None:
                if choice:
                    name, type_ = choice
                    values = {"speaker": name} if type_ is None else {"speaker": name, "speaker_type": type_}
                    self.write("correct", row["quote_id"], **values)

            self.push_screen(SpeakerDialog(self.connections, row["speaker"]), chosen)

    def action_correct_kind(self) -> None:
        row = self._current()
        if row:
            def chosen(kind: str | None) -> None:
                if kind:
                    self.write("correct", row["quote_id"], kind=kind)

            self.push_screen(ChoiceDialog("Kind of quotation", list(KINDS), row["kind"]), chosen)

    def action_toggle_not_quote(self) -> None:
        row = self._current(need_detail=True)
        if row:
            not_quote = not self.detail["not_quote"]
            self.write("correct", row["quote_id"], not_quote=not_quote)
            if not_quote and not self.queue_query.filter.include_not_quotes:
                self.queue.forget(self.queue.cursor)

    def action_suggestion(self, verdict: str) -> None:
        row = self._current(need_detail=True)
        if not row:
            return
        if not self.detail["suggestions"]:
            self.notify("No pending match suggestions for this quotation.")
            return
        self.write(verdict, row["quote_id"], self.detail["suggestions"][0]["other_quote_id"])

    # -- writing ------------------------------------------------------------------------------------------
    @work(thread=True, group="write")
    def write(self, what: str, *args, **kwargs) -> None:
        """Run one write (decide, undo, correct, confirm, reject) on the write connection."""
        operations = {"decide": decide, "undo": undo, "correct": correct,
                      "confirm": confirm_suggestion, "reject": reject_suggestion}
        try:
            with self.connections.use("write") as db:
                # A version this session wrote meanwhile (a quick second key, an undo after an undo) is ours:
                # expect it rather than refuse our own change. Anyone else's write still makes it stale.
                if what == "decide":
                    args = ({qid: max(v, self.known_versions.get(qid, 0)) for qid, v in args[0].items()},)
                elif what == "undo":
                    kwargs["expected_versions"] = {qid: self.known_versions[qid] for qid in args[0].versions}
                result = operations[what](db, *args, reviewer=self.reviewer, **kwargs)
                if isinstance(result, Decision):
                    self.known_versions.update(result.versions)
        except StaleReview as stale:
            self.call_from_thread(self._refused, stale)
        except (ValueError, sqlite3.Error) as err:
            self.call_from_thread(self.notify, f"Not saved: {err}", severity="error", markup=False)
        else:
            self.call_from_thread(self._written, what, args, result)

    def _written(self, what: str, args: tuple, result) -> None:
        if isinstance(result, Decision):
            if what != "undo":
                self.undo_stack.append(result)
            else:
                self.notify("Undone.")
        elif what == "confirm":
            self.notify(f"Confirmed: both quotations are now in claim cluster {result}.")
        elif what == "reject":
            self.notify("Rejected: this pair will not be suggested again.")
        self.refresh_data()

    def _refused(self, stale: StaleReview) -> None:
        self.notify(f"Not saved — {stale}", title="Someone else decided first", severity="error", timeout=10,
                    markup=False)
        self.refresh_data()

    def refresh_data(self) -> None:
        self.queue.reload()
        self.recount()
        row = self.queue.row()
        if row is not None:
            self.load_detail(row["quote_id"])

    # -- filters, sort, mode ------------------------------------------------------------------------------
    def action_filter(self) -> None:
        def chosen(flt: QuoteFilter | None) -> None:
            if flt is not None:
                self.show_query(self.queue_query.with_(filter=flt))

        self.push_screen(FilterDialog(self.queue_query.filter, self.verdicts), chosen)

    def action_search(self) -> None:
        def chosen(words: str | None) -> None:
            if words is not None:
                flt = dataclasses.replace(self.queue_query.filter, search=words.strip() or None)
                self.show_query(self.queue_query.with_(filter=flt))

        self.push_screen(TextDialog("Search the quotations", self.queue_query.filter.search or ""), chosen)

    def action_sort(self) -> None:
        def chosen(sort: str | None) -> None:
            if sort:
                self.show_query(self.queue_query.with_(sort=sort))

        self.push_screen(ChoiceDialog("Sort by", list(SORTS), self.queue_query.sort), chosen)

    def action_toggle_mode(self) -> None:
        mode = MODES[(MODES.index(self.queue_query.mode) + 1) % len(MODES)]
        self.show_query(self.queue_query.with_(mode=mode))

    # -- screens ------------------------------------------------------------------------------------------
    def action_toggle_detail(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
        else:
            self.screen.maximize(self.query_one(DetailView), container=False)

    def action_close_detail(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.BINDINGS, self.verdicts))


REVIEW_ACTIONS = {binding.action.split("(")[0] for binding in ReviewApp.BINDINGS} - {"quit"}


def describe(query: QueueQuery) -> str:
    """One line saying what the queue shows."""
    f = query.filter
    parts = []
    for label, values in (("status", f.status), ("verdict", f.verdict), ("kind", f.kind)):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    for label, value in (("speaker", f.speaker), ("article", f.article), ("cluster", f.cluster), ("search", f.search)):
        if value is not None:
            parts.append(f"{label}: {value}")
    if f.only_unreviewed:
        parts.append("only unreviewed")
    shown = "claim clusters" if query.mode == "clusters" else "quotations"
    return literal_str(f"{shown} · " + (" · ".join(parts) if parts else "no filter (f to filter, / to search)"), True)
