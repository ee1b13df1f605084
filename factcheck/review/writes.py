"""A write the review UI queues: what it runs and what happens after (see ReviewApp.submit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Write:
    """One write of the queue: `run(db)` returns the Change it made (or a value for `done`)."""

    run: Callable
    quote_id: str | None
    action: str
    attempted: dict = field(default_factory=dict)   # what the reviewer tried, for the log if it is refused
    done: Callable | None = None                     # called with the result, on the UI thread
    refused: Callable | None = None                  # called with the reason: offer the typed text again
    record: bool = True                              # an action of the reviewer's (undo and redo are not)
