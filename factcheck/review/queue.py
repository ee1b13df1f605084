"""The queue: a lazy list of quotations (or claim clusters) read from SQLite as it scrolls into view.

A `ScrollView` whose `render_line` paints rows from a `RowWindow` (window.py). A missing row is painted as
"…" while a thread worker reads it (pages.py: by key next to the loaded rows, from either end, or by offset
for a far jump), so neither the first paint nor scrolling ever waits for SQL. Positions are relative to the
window's origin; the layout covers the whole queue once its length and the window's place in it are known.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .data import Connections
from .format import article_label, distinguishing, shorten_middle
from .literal import literal
from .messages import ItemNotInQueue, RowHighlighted, RowsLoaded
from .pages import QueueQuery, in_queue, queue_rows, row_for
from .window import MARGIN, RowWindow

PAGE_SIZE = 100
FAR = 3 * PAGE_SIZE  # a row further than this from the loaded ones is jumped to (by offset), not scrolled to


@dataclass(frozen=True)
class Column:
    name: str
    width: int  # 0: takes the rest


def columns_for(width: int) -> tuple[Column, ...]:
    """The queue's columns for a terminal `width` cells wide: every column stays, narrower at 80 cells."""
    if width >= 140:
        sizes = (11, 16, 24, 9, 0, 26, 3)
    elif width >= 100:
        sizes = (11, 13, 18, 9, 0, 18, 3)
    else:
        sizes = (2, 8, 12, 4, 0, 10, 3)
    names = ("status", "verdict", "speaker", "kind", "quotation", "article", "n")
    return tuple(Column(name, size) for name, size in zip(names, sizes))


class QueueView(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "home", show=False),
        Binding("end", "end", show=False),
    ]
    COMPONENT_CLASSES = {
        "queue--header", "queue--cursor", "queue--verified", "queue--disputed", "queue--unreviewed", "queue--dim",
    }

    def __init__(self, connections: Connections, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.connections = connections
        self.query_ = QueueQuery()
        self.window = RowWindow()
        self.cursor = 0           # relative position (see window.py)
        self._generation = 0      # bumped when the window is replaced: older answers are dropped
        self._loading: set[str] = set()
        self._top = 0             # the layout's first position, to keep rows in place when it changes
        self._announced: tuple | None = None
        self._labels: tuple[tuple, dict] = ((), {})  # article labels shortened for the loaded rows

    # -- what the app uses -------------------------------------------------------------------------------
    def show(self, query: QueueQuery, anchor: str | None = None) -> None:
        """Show `query`: from its first row, or around quotation `anchor` if it is in the queue."""
        self.query_ = query
        self.window = RowWindow()
        if anchor:
            self.window.head = self.window.origin = None  # where the item sits is unknown until counted
        self.cursor = 0
        self._begin("anchor" if anchor else "start", anchor)

    def go_to(self, quote_id: str) -> None:
        """Put the cursor on a quotation: at once if it is loaded, else after reading the rows around it. If it
        is not in this queue the view stays as it is (and ItemNotInQueue says so)."""
        position = self.window.find(quote_id)
        if position is not None:
            self.move_to(position)
        else:
            self._begin("anchor", quote_id, keep_total=True, stay=True)

    def reload(self) -> None:
        """Read the loaded rows again (after a write), keeping the cursor's place."""
        if not self.window.rows:
            self._begin("start")
            return
        first, count, query = self.window.rows[0], max(len(self.window.rows), PAGE_SIZE), self.query_
        self._request("reload", lambda db: queue_rows(db, query, count, after=first, inclusive=True), count)

    def forget(self) -> None:
        """Take the cursor's row out at once (a decision moved it out of the filter): the next slides up under
        the cursor now, not when the reload arrives, so a quick second key never hits the old row."""
        if self.window.remove(self.cursor):
            self.cursor = self.window.clamp(self.cursor)
            self._layout()
            self._announce()

    def set_total(self, total: int) -> None:
        self.window.set_total(total)
        self.cursor = self.window.clamp(self.cursor)
        self._layout()

    def set_position(self, quote_id: str, absolute: int) -> None:
        position = self.window.find(quote_id)
        if position is not None:
            self.window.set_position(position, absolute)
            self._layout()

    def row(self, position: int | None = None) -> dict | None:
        return self.window.row(self.cursor if position is None else position)

    @property
    def total(self) -> int | None:
        return self.window.total

    def cursor_index(self) -> int | None:
        """The cursor's absolute index in the queue, once known."""
        return self.window.absolute(self.cursor)

    def move_to(self, position: int) -> None:
        self.cursor = self.window.clamp(position)
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    # -- keys and mouse -----------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.scrollable_content_region.height - 2, 1))

    def action_home(self) -> None:
        if self.window.head is not None and self.window.row(self.window.head) is not None:
            self.move_to(self.window.head)
        else:
            self._begin("start", keep_total=True)

    def action_end(self) -> None:
        tail = self.window.tail
        if tail is not None and self.window.row(tail - 1) is not None:
            self.move_to(tail - 1)
        else:
            self._begin("end", keep_total=True)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(self.window.top() + int(self.scroll_offset.y) + event.y - 1)

    def on_resize(self) -> None:
        self._layout()

    # -- loading ------------------------------------------------------------------------------------------
    def _begin(self, kind: str, quote_id: str | None = None, keep_total: bool = False, stay: bool = False) -> None:
        """Replace the window: read from the start, the end, or around a quotation (which, if it is not in the
        queue, means the start, or with `stay` keeping the window as it is)."""
        self._generation += 1
        self._loading.clear()
        total = self.window.total if keep_total else None
        query = self.query_
        if kind == "anchor":
            def read(db):
                row = row_for(db, query, quote_id)
                if row is None or not in_queue(db, query, quote_id):
                    return False, ([] if stay else queue_rows(db, query, PAGE_SIZE)), []
                before = queue_rows(db, query, PAGE_SIZE, before=row)
                after = queue_rows(db, query, PAGE_SIZE, after=row, inclusive=True)
                return True, before, after
        elif kind == "end":
            def read(db):
                return queue_rows(db, query, PAGE_SIZE, from_end=True)
        else:
            def read(db):
                return queue_rows(db, query, PAGE_SIZE)
        self._request(kind, read, PAGE_SIZE, total=total, stay=stay, quote_id=quote_id)

    def _request(self, kind: str, read, asked: int, **extra) -> None:
        if kind in self._loading:
            return
        self._loading.add(kind)
        generation, window = self._generation, self.window
        edge = {"after": window.rows[-1:], "before": window.rows[:1]}.get(kind, [])

        def work() -> None:
            with self.connections.use("read") as db:
                result = read(db)
            self.app.call_from_thread(self._arrived, kind, generation, edge, result, asked, extra)

        self.run_worker(work, thread=True, group="queue-rows")

    def _arrived(self, kind: str, generation: int, edge: list, result, asked: int, extra: dict) -> None:
        self._loading.discard(kind)
        if generation != self._generation:
            return
        window = self.window
        if kind in ("after", "before") and edge != ({"after": window.rows[-1:], "before": window.rows[:1]}[kind]):
            return  # the window changed under this answer; the rows are asked for again when shown
        if kind == "start":
            window.start(result, asked)
            if extra.get("total") is not None and window.tail is None:
                window.set_total(extra["total"])
            self.cursor = 0
        elif kind == "end":
            if extra.get("total") is not None:
                window.total = extra["total"]
            window.end(result, asked)
            self.cursor = -1 if result else 0
        elif kind == "anchor":
            found, before, after = result
            if not found:
                self.post_message(ItemNotInQueue(extra["quote_id"]))
                if extra["stay"]:
                    return
                window.start(before, asked)  # not in this queue: show it from the start
                self.cursor = 0
            else:
                if extra.get("total") is not None:
                    window.total = extra["total"]
                window.anchor(before, after, asked)
                self.cursor = 0 if after else -1
        elif kind == "jump":
            window.at(result, extra["absolute"], asked)
            self.cursor = extra["target"] - (window.origin or 0)  # the cursor goes where the view went
        elif kind == "after":
            window.extend_after(result, asked, keep=self._middle())
        elif kind == "before":
            window.extend_before(result, asked, keep=self._middle())
        elif kind == "reload":
            window.replace(result, asked)
        self.cursor = window.clamp(self.cursor)
        self._layout()
        if kind in ("start", "end", "anchor", "jump"):
            self._scroll_to_cursor(center=kind in ("anchor", "jump"))
        self.refresh()
        self.post_message(RowsLoaded(window.total, kind))
        self._announce(force=kind in ("reload", "anchor", "start", "end"))

    def _fill(self, position: int) -> None:
        """Ask for the rows around `position`, which is not loaded."""
        window = self.window
        if not window.rows:
            if not self._loading:
                self._begin("start", keep_total=True)
            return
        if position >= window.hi:
            distance = position - window.hi
            if distance > FAR and window.origin is not None:
                self._jump(window.origin + position)
            else:
                last, count = window.rows[-1], min(distance + PAGE_SIZE, FAR + PAGE_SIZE)
                self._request("after", lambda db: queue_rows(db, self.query_, count, after=last), count)
        elif position < window.lo:
            distance = window.lo - position
            if distance > FAR and window.origin is not None:
                self._jump(window.origin + position)
            else:
                first, count = window.rows[0], min(distance + PAGE_SIZE, FAR + PAGE_SIZE)
                self._request("before", lambda db: queue_rows(db, self.query_, count, before=first), count)

    def _jump(self, absolute: int) -> None:
        """Read the rows at an absolute index far from the loaded ones, counting from the nearer end."""
        self._generation += 1
        self._loading.clear()
        query, total = self.query_, self.window.total
        start = max(absolute - PAGE_SIZE // 2, 0)
        if total is not None and total - start < start:
            skip = max(total - start - PAGE_SIZE, 0)
            count = min(PAGE_SIZE, total - start)

            def read(db):
                return queue_rows(db, query, count, offset=skip, from_end=True)
        else:
            def read(db):
                return queue_rows(db, query, PAGE_SIZE, offset=start)
        self._request("jump", read, PAGE_SIZE, absolute=start, target=absolute)

    def _announce(self, force: bool = False) -> None:
        row = self.row()
        if row is None:
            if self.window.exists(self.cursor):
                self._fill(self.cursor)
            return
        key = (row["quote_id"], row.get("review_version"), self._generation)
        if force or key != self._announced:
            self._announced = key
            self.post_message(RowHighlighted(row))

    def _middle(self) -> int:
        """The position in the middle of the screen: loaded rows are kept around it."""
        return self.window.top() + int(self.scroll_offset.y) + self.scrollable_content_region.height // 2

    # -- layout -------------------------------------------------------------------------------------------
    def _layout(self) -> None:
        """Size the scroll area to the known queue; keep the rows on screen where they were."""
        window = self.window
        top, bottom = window.top(), window.bottom()
        if top != self._top:
            self.scroll_to(y=max(self.scroll_offset.y + (self._top - top), 0), animate=False, immediate=True)
            self._top = top
        self.virtual_size = Size(self.scrollable_content_region.width, bottom - top + 1)  # +1: the header line

    def _scroll_to_cursor(self, center: bool = False) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        line = self.cursor - self.window.top()
        top = int(self.scroll_offset.y)
        if center:
            self.scroll_to(y=max(line - visible // 2, 0), animate=False, immediate=True)
        elif line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + visible:
            self.scroll_to(y=line - visible + 1, animate=False, immediate=True)

    # -- painting -----------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._strip(self._header(width), width, base + self.get_component_rich_style("queue--header"))
        position = self.window.top() + int(self.scroll_offset.y) + y - 1
        if not self.window.exists(position) or position >= self.window.bottom():
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("queue--cursor") if position == self.cursor else base
        row = self.window.row(position)
        if row is None:
            self._fill(position)
            return self._strip(Text("  …"), width, style + self.get_component_rich_style("queue--dim"))
        return self._strip(self._row_text(row, width, position == self.cursor), width, style)

    def _widths(self, width: int) -> list[int]:
        columns = columns_for(width)
        fixed = sum(c.width + 1 for c in columns if c.width)
        return [c.width or max(width - fixed - 1, 12) for c in columns]

    def _header(self, width: int) -> Text:
        tr = self.app.texts
        narrow = width < 100
        titles = [tr("column." + c.name + (".short" if narrow else "")) for c in columns_for(width)]
        return self._cells([Text(t) for t in titles], width, right_align_last=True)

    def _row_text(self, row: dict, width: int, is_cursor: bool) -> Text:
        tr = self.app.texts
        widths = self._widths(width)
        narrow = width < 100
        status = row["status"]
        status_style = "" if is_cursor else self.get_component_rich_style(f"queue--{status}")
        label = tr.status_symbol(status) if narrow else f"{tr.status_symbol(status)} {tr.status(status)}"
        marks = ("✗ " if row.get("not_quote") else "")
        cells = [
            Text(label, style=status_style),
            literal(shorten_middle(row["verdict"] or "", widths[1]), single_line=True),
            literal(shorten_middle(row["speaker"] or "–", widths[2]), single_line=True),
            Text(tr.kind(row["kind"], short=narrow) if row["kind"] else ""),
            literal(marks + (row["text"] or ""), single_line=True),
            literal(shorten_middle(self._article(row, widths[5]), widths[5]), single_line=True),
            Text(str(row["appearances"]).rjust(widths[6])),
        ]
        return self._cells(cells, width)

    def _article(self, row: dict, width: int) -> str:
        """The article's label; if it is too long, from where it differs from the other articles' (parts of a
        series differ at the end)."""
        rows = self.window.rows
        key = (self._generation, len(rows), rows[0]["quote_id"] if rows else None, rows[-1]["quote_id"] if rows else None)
        if self._labels[0] != key:
            self._labels = (key, distinguishing({article_label(r) for r in rows}))
        label = article_label(row)
        return label if len(label) <= width else self._labels[1].get(label, label)

    def _cells(self, cells: list[Text], width: int, right_align_last: bool = False) -> Text:
        line = Text(" ", end="", no_wrap=True)
        widths = self._widths(width)
        for i, (cell, cell_width) in enumerate(zip(cells, widths)):
            if right_align_last and i == len(cells) - 1:
                cell = Text(cell.plain.rjust(cell_width))
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" ")
        return line

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        return Strip(list(text.render(self.app.console))).adjust_cell_length(width, style).apply_style(style)


__all__ = ["QueueView", "PAGE_SIZE", "MARGIN", "columns_for"]
