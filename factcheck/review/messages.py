"""Every custom message of the review UI, in one place."""

from __future__ import annotations

from textual.message import Message


class RowHighlighted(Message):
    """The queue's cursor is on a row whose data is loaded (`row` is a queue row dict)."""

    def __init__(self, row: dict) -> None:
        super().__init__()
        self.row = row


class RowsLoaded(Message):
    """A page of queue rows arrived from the database (`total` is set once the end is known)."""

    def __init__(self, total: int | None) -> None:
        super().__init__()
        self.total = total
