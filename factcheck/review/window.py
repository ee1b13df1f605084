"""Which queue rows are loaded and where they sit: the model behind the lazy queue (no UI, no SQL).

The window is one contiguous run of rows around the cursor. Row positions are relative to an origin, whose
absolute index (`origin`) is known when the window was read from the start (Home), or once counting tells
it; a window read from the end before the total is known (End right after a filter) or anchored on an item
(a filter change that keeps the current item) knows only its rows and, once reached, where the queue
starts (`head`) or ends (`tail`). The layout shows the known rows plus a margin where more are loaded as
they scroll into view, and becomes the whole queue as soon as origin and total are known.
"""

from __future__ import annotations

MARGIN = 100  # rows of "…" shown beyond the loaded ones while the queue's end in that direction is unknown
MAX_ROWS = 4000  # rows kept; beyond that the far side of the window is dropped


class RowWindow:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.lo = 0                  # relative position of rows[0]
        self.head: int | None = 0    # relative position of the queue's first row, once known
        self.tail: int | None = None  # relative position just past its last row, once known
        self.origin: int | None = 0  # absolute index of relative position 0, once known
        self.total: int | None = None

    # -- filling ------------------------------------------------------------------------------------------
    def start(self, rows: list[dict], asked: int) -> None:
        """The first rows of the queue (fewer than asked: all of it)."""
        self._reset(rows, lo=0, origin=0)
        self.head = 0
        if len(rows) < asked:
            self.tail = len(rows)
            self.total = len(rows)

    def end(self, rows: list[dict], asked: int) -> None:
        """The last rows of the queue, placed before relative position 0."""
        self._reset(rows, lo=-len(rows), origin=None if self.total is None else self.total)
        self.tail = 0
        if len(rows) < asked:
            self.head = -len(rows)
            self.origin = len(rows)
            self.total = len(rows)
        elif self.origin is not None:
            self.head = -self.origin

    def anchor(self, before: list[dict], after: list[dict], asked: int) -> None:
        """Rows around an item: `after` starts at relative position 0 (the item, or what follows its place)."""
        self._reset(before + after, lo=-len(before), origin=None)
        if len(before) < asked:
            self.head = -len(before)
            self.origin = len(before)
        if len(after) < asked:
            self.tail = len(after)
        if self.origin is not None and self.tail is not None:
            self.total = self.tail + self.origin

    def at(self, rows: list[dict], absolute: int, asked: int) -> None:
        """Rows from absolute index `absolute` (a jump by offset), keeping the origin."""
        origin = self.origin or 0
        self._reset(rows, lo=absolute - origin, origin=origin)
        self.head = -origin
        if len(rows) < asked:
            self.tail = self.lo + len(rows)

    def extend_after(self, rows: list[dict], asked: int, keep: int) -> None:
        self.rows += rows
        if len(rows) < asked:
            self.tail = self.hi
        self._trim(keep)

    def extend_before(self, rows: list[dict], asked: int, keep: int) -> None:
        self.rows = rows + self.rows
        self.lo -= len(rows)
        if len(rows) < asked:
            self.head = self.lo
            self.origin = -self.lo
            if self.total is None and self.tail is not None:
                self.total = self.tail - self.head
        self._trim(keep)

    def replace(self, rows: list[dict], asked: int) -> None:
        """The window read again from its first row (after a write): positions stay."""
        self.rows = rows
        if len(rows) < asked:
            self.tail = self.hi

    def set_total(self, total: int) -> None:
        self.total = total
        if self.origin is None and self.tail is not None:
            self.origin = total - self.tail
        if self.origin is not None:
            self.head = -self.origin
            self.tail = total - self.origin

    def set_position(self, position: int, absolute: int) -> None:
        """Counting found that relative `position` is absolute index `absolute`."""
        if self.origin is None:
            self.origin = absolute - position
            self.head = -self.origin
            if self.total is not None:
                self.tail = self.total - self.origin

    def remove(self, position: int) -> bool:
        """Take the row at `position` out (it left the queue); the rows after it move up."""
        if not self.lo <= position < self.hi:
            return False
        del self.rows[position - self.lo]
        if self.tail is not None:
            self.tail -= 1
        if self.total is not None:
            self.total -= 1
        return True

    # -- reading ------------------------------------------------------------------------------------------
    @property
    def hi(self) -> int:
        return self.lo + len(self.rows)

    def row(self, position: int) -> dict | None:
        return self.rows[position - self.lo] if self.lo <= position < self.hi else None

    def find(self, quote_id: str) -> int | None:
        return next((self.lo + i for i, row in enumerate(self.rows) if row["quote_id"] == quote_id), None)

    def top(self) -> int:
        return self.head if self.head is not None else min(self.lo, 0) - MARGIN

    def bottom(self) -> int:
        return self.tail if self.tail is not None else max(self.hi, 0) + MARGIN

    def clamp(self, position: int) -> int:
        return max(self.top() if self.head is not None else position, min(position, self.bottom() - 1))

    def absolute(self, position: int) -> int | None:
        return None if self.origin is None else self.origin + position

    def exists(self, position: int) -> bool:
        """Whether a queue row can be at `position` (as far as is known)."""
        return (self.head is None or position >= self.head) and (self.tail is None or position < self.tail)

    # -- internals ----------------------------------------------------------------------------------------
    def _reset(self, rows: list[dict], *, lo: int, origin: int | None) -> None:
        self.rows, self.lo, self.origin = list(rows), lo, origin
        self.head = None if origin is None else -origin
        self.tail = None if origin is None or self.total is None else self.total - origin

    def _trim(self, keep: int) -> None:
        """Drop rows far from position `keep` when the window grows past MAX_ROWS."""
        excess = len(self.rows) - MAX_ROWS
        if excess <= 0:
            return
        if keep - self.lo > self.hi - keep:  # more rows before the kept position: drop from the start
            del self.rows[:excess]
            self.lo += excess
        else:
            del self.rows[-excess:]
