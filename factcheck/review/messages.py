"""Every custom message of the review UI, in one place."""

from __future__ import annotations

from textual.message import Message


class RowHighlighted(Message):
    """The queue's cursor is on a row whose data is loaded (`row` is a queue row dict)."""

    def __init__(self, row: dict) -> None:
        super().__init__()
        self.row = row


class RowsLoaded(Message):
    """Queue rows arrived from the database (`total` is set once the end is known); `kind` says which:
    start, end, anchor, jump, after, before or reload."""

    def __init__(self, total: int | None, kind: str = "start") -> None:
        super().__init__()
        self.total = total
        self.kind = kind


class ItemNotInQueue(Message):
    """The queue was asked to show a quotation its filter does not select."""

    def __init__(self, quote_id: str) -> None:
        super().__init__()
        self.quote_id = quote_id
