"""The queue: a lazy list of quotations (or claim clusters) read from SQLite as it scrolls into view.

A `ScrollView` whose `render_line` paints rows from a small page cache. A missing page is fetched by a
thread worker (LIMIT/OFFSET on an indexed order) and painted as "…" until it arrives, so neither the first
paint nor scrolling ever waits for SQL. The total is unknown until a short page shows the end or the
app's count (run in its own worker) arrives; until then the list is as long as what was seen plus a page.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .data import Connections, QueueQuery, queue_page
from .literal import literal
from .messages import RowHighlighted, RowsLoaded

PAGE_SIZE = 100
CACHED_PAGES = 40
STATUS_SYMBOLS = {"verified": "✓ verified", "disputed": "✗ disputed", "unreviewed": "· open"}
# (title, width); the quotation takes what is left.
COLUMNS = (("status", 11), ("verdict", 15), ("speaker", 18), ("kind", 9), ("quotation", 0), ("article", 20), ("n", 4))
QUOTATION_MIN = 20


class QueueView(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]
    COMPONENT_CLASSES = {
        "queue--header", "queue--cursor", "queue--verified", "queue--disputed", "queue--unreviewed", "queue--dim",
    }
    DEFAULT_CSS = """
    QueueView { height: 1fr; }
    QueueView > .queue--header { text-style: bold; background: $panel; }
    QueueView > .queue--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    QueueView:focus > .queue--cursor { background: $block-cursor-background; }
    QueueView > .queue--verified { color: $success; }
    QueueView > .queue--disputed { color: $error; }
    QueueView > .queue--unreviewed { color: $text-muted; }
    QueueView > .queue--dim { color: $text-muted; }
    """

    def __init__(self, connections: Connections, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.connections = connections
        self.query_ = QueueQuery()
        self.cursor = 0
        self.total: int | None = None
        self._seen = 0  # rows known to exist while the total is unknown
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._requested: set[int] = set()
        self._fresh: set[int] = set()  # pages loaded for the current generation: safe to seek after
        self._generation = 0  # bumped by every new query: pages of an older one are dropped on arrival

    # -- what the app uses -------------------------------------------------------------------------------
    def show(self, query: QueueQuery) -> None:
        """Show a new query from its first row."""
        self.query_ = query
        self._generation += 1
        self._pages.clear()
        self._requested.clear()
        self._fresh.clear()
        self.total = None
        self._seen = 0
        self.cursor = 0
        self._resize()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._request(0)
        self.refresh()

    def reload(self) -> None:
        """Fetch the cached pages again (after a write), showing the old rows until the new ones arrive."""
        self._generation += 1
        self._requested.clear()
        self._fresh.clear()
        for page in list(self._pages):
            self._request(page)
        self.refresh()

    def forget(self, index: int) -> None:
        """Take the row out at once (a decision moved it out of the filter): the next one slides up under
        the cursor now, not when the reload arrives, so a quick second key never hits the old row."""
        rows = self._pages.get(index // PAGE_SIZE)
        if rows is None or index % PAGE_SIZE >= len(rows):
            return
        del rows[index % PAGE_SIZE]
        if self.total:
            self.total -= 1
            self._resize()
        self.refresh()
        self._announce()

    def set_total(self, total: int) -> None:
        self.total = total
        self.cursor = min(self.cursor, max(total - 1, 0))
        self._resize()
        self.refresh()

    def row(self, index: int | None = None) -> dict | None:
        """The row at `index` (default: the cursor's), if its page is loaded."""
        index = self.cursor if index is None else index
        rows = self._pages.get(index // PAGE_SIZE)
        offset = index % PAGE_SIZE
        return rows[offset] if rows is not None and offset < len(rows) else None

    @property
    def row_count(self) -> int:
        return self.total if self.total is not None else self._seen

    def move_to(self, index: int) -> None:
        last = self.row_count - 1 if self.total is not None else self._seen + PAGE_SIZE - 1
        self.cursor = max(0, min(index, max(last, 0)))
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)
        self.refresh()
        self._announce()

    # -- keys and mouse -----------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_jump(self, where: int) -> None:
        self.move_to(0 if where == 0 else self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(int(self.scroll_offset.y) + event.y - 1)

    def on_resize(self) -> None:
        self._resize()

    # -- loading ------------------------------------------------------------------------------------------
    def _resize(self) -> None:
        rows = self.total if self.total is not None else self._seen + PAGE_SIZE
        self.virtual_size = Size(self.size.width, rows + 1)  # +1: the header line

    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        query, generation = self.query_, self._generation
        previous = self._pages.get(page - 1) if page - 1 in self._fresh else None
        after = previous[-1] if previous and len(previous) == PAGE_SIZE else None  # lets the database seek
        self.run_worker(lambda: self._fetch(query, generation, page, after), thread=True, group="queue-pages")

    def _fetch(self, query: QueueQuery, generation: int, page: int, after: dict | None) -> None:
        with self.connections.use("read") as db:
            rows = queue_page(db, query, page * PAGE_SIZE, PAGE_SIZE, after=after)
        self.app.call_from_thread(self._loaded, generation, page, rows)

    def _loaded(self, generation: int, page: int, rows: list[dict]) -> None:
        if generation != self._generation:
            return
        self._pages[page] = rows
        self._fresh.add(page)
        self._pages.move_to_end(page)
        while len(self._pages) > CACHED_PAGES:
            evicted, _ = self._pages.popitem(last=False)
            self._requested.discard(evicted)
            self._fresh.discard(evicted)
        end = page * PAGE_SIZE + len(rows)
        if self.total is None:
            self._seen = max(self._seen, end)
            if len(rows) < PAGE_SIZE:
                self.total = end
            self._resize()
        self.refresh()
        self.post_message(RowsLoaded(self.total))
        if page == self.cursor // PAGE_SIZE:
            self._announce()

    def _announce(self) -> None:
        row = self.row()
        if row is not None:
            self.post_message(RowHighlighted(row))
        else:
            self._request(self.cursor // PAGE_SIZE)

    # -- painting -----------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            return self._strip(self._header(width), width, base + self.get_component_rich_style("queue--header"))
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.row_count and (self.total is not None or index >= self._seen + PAGE_SIZE):
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("queue--cursor") if index == self.cursor else base
        row = self.row(index)
        if row is None:
            self._request(index // PAGE_SIZE)
            return self._strip(Text("  …"), width, style + self.get_component_rich_style("queue--dim"))
        if self._pages and index // PAGE_SIZE in self._pages:
            self._pages.move_to_end(index // PAGE_SIZE)
        return self._strip(self._row_text(row, width, index == self.cursor), width, style)

    def _widths(self, width: int) -> list[int]:
        fixed = sum(w + 1 for _, w in COLUMNS if w)
        return [w or max(width - fixed - 1, QUOTATION_MIN) for _, w in COLUMNS]

    def _header(self, width: int) -> Text:
        titles = [title for title, _ in COLUMNS]
        return self._cells([Text(t) for t in titles], width)

    def _row_text(self, row: dict, width: int, is_cursor: bool) -> Text:
        status = row["status"]
        status_style = "" if is_cursor else self.get_component_rich_style(f"queue--{status}")
        cells = [
            Text(STATUS_SYMBOLS.get(status, status), style=status_style),
            literal(row["verdict"], single_line=True),
            literal(row["speaker"] or "–", single_line=True),
            Text(row["kind"] or ""),
            literal(row["text"], single_line=True),
            literal(row["article"], single_line=True),
            Text(str(row["appearances"]).rjust(COLUMNS[-1][1])),
        ]
        return self._cells(cells, width)

    def _cells(self, cells: list[Text], width: int) -> Text:
        line = Text(" ", end="", no_wrap=True)
        for cell, cell_width in zip(cells, self._widths(width)):
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" ")
        return line

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        return Strip(list(text.render(self.app.console))).adjust_cell_length(width, style).apply_style(style)
