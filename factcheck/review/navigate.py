"""Finding and looking: filter, search, sort, quotes or clusters, the full view of one item, the other
appearances of a claim, the whole article, the article's web page, theme and language.

A filter, search, sort or mode change keeps the cursor on the current item when the new queue has it (else
the queue starts at the top). Going to another appearance or to a claim from the article view that the queue
does not hold opens that cluster's (or article's) queue; Backspace goes back to the queue before.
"""

from __future__ import annotations

import dataclasses

from factcheck.store import QuoteFilter, fts_query

from .article_view import ArticleView
from .data import article_claims
from .dialogs import ChoiceDialog, TextDialog
from .filter_dialog import FilterDialog
from .format import article_label
from .help import HelpScreen
from .i18n import Texts
from .pages import MODES, SORTS, in_queue
from .settings import THEMES


class NavigationActions:
    """Mixed into ReviewApp."""

    def _current_id(self) -> str | None:
        row = self.queue.row()
        return row["quote_id"] if row else None

    # -- the queue --------------------------------------------------------------------------------------
    def action_filter(self) -> None:
        def chosen(flt: QuoteFilter | None) -> None:
            if flt is not None:
                self.show_query(self.queue_query.with_(filter=flt), anchor=self._current_id())

        self.push_screen(FilterDialog(self.queue_query.filter, self.verdicts), chosen)

    def action_search(self, words: str | None = None, error: str | None = None) -> None:
        def chosen(typed: str | None) -> None:
            if typed is None:
                return
            if typed.strip() and not fts_query(typed):
                self.action_search(typed, self.texts("msg.no_words"))
                return
            flt = dataclasses.replace(self.queue_query.filter, search=typed.strip() or None)
            self.show_query(self.queue_query.with_(filter=flt), anchor=self._current_id())

        current = self.queue_query.filter.search or "" if words is None else words
        self.push_screen(TextDialog(self.texts("dialog.search"), current, placeholder=self.texts("search.placeholder"),
                                    hint=self.texts("hint.search"), error=error), chosen)

    def action_sort(self) -> None:
        def chosen(sort: str | None) -> None:
            if sort:
                self.show_query(self.queue_query.with_(sort=sort), anchor=self._current_id())

        labels = [self.texts("sort." + s) for s in SORTS]
        self.push_screen(ChoiceDialog(self.texts("dialog.sort"), labels, self.queue_query.sort, values=list(SORTS)),
                         chosen)

    def action_toggle_mode(self) -> None:
        mode = MODES[(MODES.index(self.queue_query.mode) + 1) % len(MODES)]
        self.show_query(self.queue_query.with_(mode=mode), anchor=self._current_id())

    def _drill(self, flt: QuoteFilter, sort: str, quote_id: str) -> None:
        """Open a narrower queue (a cluster's, an article's) on `quote_id`; Backspace returns."""
        self.back_stack.append((self.queue_query, self._current_id()))
        self.show_query(self.queue_query.with_(filter=flt, sort=sort, mode="quotes"), anchor=quote_id,
                        remember=False)

    def action_back(self) -> None:
        if not self.back_stack:
            self.notify(self.texts("msg.nothing_back"))
            return
        query, quote_id = self.back_stack.pop()
        self.show_query(query, anchor=quote_id, remember=False)

    # -- other views of the item ----------------------------------------------------------------------------
    def action_appearances(self) -> None:
        self.with_detail(self._appearances)

    def _appearances(self, row: dict, detail: dict) -> None:
        others = detail["appearances"]
        if not others:
            self.notify(self.texts("msg.no_appearances"))
            return
        labels = [f"{article_label(o)} · {o['speaker'] or '–'} · „{o['text']}“" for o in others]

        def chosen(quote_id: str | None) -> None:
            if quote_id:
                self._go_or_drill(quote_id, QuoteFilter(cluster=detail["cluster_id"], include_parts=True,
                                                        include_not_quotes=True), "appearances")

        self.push_screen(ChoiceDialog(self.texts("dialog.appearances", n=len(others)), labels,
                                      values=[o["quote_id"] for o in others]), chosen)

    def _go_or_drill(self, quote_id: str, flt: QuoteFilter, sort: str) -> None:
        """Go to `quote_id` in this queue if it holds it, else open the narrower queue `flt` on it."""
        position = self.queue.window.find(quote_id)
        if position is not None:
            self.queue.move_to(position)
        else:
            self.check_and_drill(quote_id, flt, sort)

    def check_and_drill(self, quote_id: str, flt: QuoteFilter, sort: str) -> None:
        query = self.queue_query

        def work() -> None:
            with self.connections.use("read") as db:
                here = in_queue(db, query, quote_id)
            self.call_from_thread(lambda: self.queue.go_to(quote_id) if here else self._drill(flt, sort, quote_id))

        self.run_worker(work, thread=True, group="drill")

    def action_article(self) -> None:
        self.with_detail(self._article)

    def _article(self, row: dict, detail: dict) -> None:
        def chosen(quote_id: str | None) -> None:
            if quote_id:
                self._go_or_drill(quote_id, QuoteFilter(article=detail["article_id"], include_parts=True), "articles")

        def work() -> None:
            with self.connections.use("read") as db:
                article = article_claims(db, detail["article_id"])
            if article is not None:
                self.call_from_thread(self.push_screen, ArticleView(article, row["quote_id"]), chosen)

        self.run_worker(work, thread=True, group="article")

    def action_open_url(self) -> None:
        self.with_detail(self._open_url)

    def _open_url(self, row: dict, detail: dict) -> None:
        if detail["url"]:
            self.open_url(detail["url"])
            self.notify(self.texts("msg.opening", url=detail["url"]), markup=False)
        else:
            self.notify(self.texts("msg.no_url"), severity="warning")

    def action_toggle_detail(self) -> None:
        """Enter: the item full screen (↑ ↓ go on to the next one, PgUp PgDn scroll it); Enter again or Esc back."""
        if self.screen.maximized is not None:
            self._close_detail()
        else:
            self.screen.maximize(self.detail_view, container=False)
            self.detail_view.focus()

    def _close_detail(self) -> None:
        self.screen.minimize()
        self.queue.focus()

    def action_escape(self) -> None:
        if self.screen.maximized is not None or self.focused is not self.queue:
            self._close_detail()
        elif self.back_stack:
            self.action_back()

    # -- looks and language ------------------------------------------------------------------------------
    def action_toggle_theme(self) -> None:
        self.theme = THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)] if self.theme in THEMES else THEMES[0]
        self.notify(self.texts("msg.theme", theme=self.theme))

    def action_toggle_language(self) -> None:
        self.texts = Texts("de" if self.texts.language == "en" else "en")
        self._bind_keys()
        self.refresh_bindings()
        self.sub_title = self.texts("title.reviewer", reviewer=self.reviewer)
        self.update_filter_line()
        self.show_progress()
        self.detail_view.refresh_styles()
        self.queue.refresh()
        self.save_settings()
        self.notify(self.texts("msg.language"))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.verdicts, self.config))
