"""The help screen: every key, by what it is for, in the UI's language, with the verdict scale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from .keys import GROUPS, KEYS, text_key

MOVING = (("↑ ↓", "help.move"), ("PgUp PgDn Home End", "help.page"), ("Tab", "help.tab"))


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark", "app.pop_screen", show=False), Binding("q", "app.quit", show=False)]

    def __init__(self, verdicts: list[str], config) -> None:
        super().__init__()
        self.verdicts, self.config = verdicts, config

    def compose(self) -> ComposeResult:
        tr = self.app.texts
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for group in GROUPS:
            table.add_row(Text(tr("help.group." + group), style="bold underline"), "")
            if group == "move":
                for keys, what in MOVING:
                    table.add_row(keys, tr(what))
            for key in (k for k in KEYS if k.group == group):
                shown = ", ".join(self.app.get_key_display(Binding(k, key.action)) for k in key.keys.split(","))
                table.add_row(Text(shown), Text(tr("help." + text_key(key.action))))
            if group == "decide":
                for number, label in enumerate(self.verdicts[:9], start=1):
                    status = tr.status(self.config.status_of(label))
                    table.add_row(Text(str(number)), Text(tr("help.verdict", verdict=label, status=status)))
            table.add_row("", "")
        with Vertical():
            yield Label(tr("help.title"), classes="title")
            with VerticalScroll():
                yield Static(table)
