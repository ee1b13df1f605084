"""The help screen (?): every key of the review UI, generated from the app's bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

MOVING = [
    ("↑ ↓", "previous / next item"),
    ("PgUp PgDn Home End", "page up / down, first / last"),
    ("Esc", "close the dialog or the full detail view"),
]


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 84; max-width: 95%; height: 90%; border: thick $primary; background: $surface; }
    HelpScreen .title { text-style: bold; padding: 0 1; }
    """

    def __init__(self, bindings: list[Binding], verdicts: list[str]) -> None:
        super().__init__()
        self.bindings_, self.verdicts = bindings, verdicts

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in MOVING:
            table.add_row(key, what)
        for binding in self.bindings_:
            if binding.description:
                table.add_row(Text(self.app.get_key_display(binding)), Text(binding.description))
        for number, label in enumerate(self.verdicts, start=1):
            table.add_row(Text(str(number)), Text(f"verdict: {label}"))
        table.add_row("0", "clear the verdict")
        with Vertical():
            yield Static("factcheck review — keys   (Esc closes)", classes="title")
            with VerticalScroll():
                yield Static(table)
