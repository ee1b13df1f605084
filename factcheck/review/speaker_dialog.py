"""The speaker correction: search the known speakers or name a new one, with its type.

The list under the name shows the known speakers that match what is typed (spellings merged into one person
included), then the typed name as a new person, organisation or anonymous source. Enter takes the highlighted
entry, whether the focus is in the name or in the list: typing „pesk“ and Enter picks Dmitri Peskow, never a
speaker called „pesk“; a new name is taken with the type chosen for it.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from .data import Connections, known_speakers
from .dialogs import Dialog
from .literal import literal

NEW_TYPES = ("person", "organization", "anonymous")


class SpeakerDialog(Dialog):
    """Dismisses with (name, type)."""

    def __init__(self, connections: Connections, current: str | None = None) -> None:
        super().__init__()
        self.connections, self.current = connections, current
        self.choices: list[tuple[str, str]] = []
        self._shown: str | None = None   # the name the list was made for
        self._submitted = False           # Enter came before the list for the typed name: take it on arrival

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.tr("speaker.title"), classes="title", markup=False)
            yield Input(self.current or "", placeholder=self.tr("speaker.placeholder"))
            yield OptionList(markup=False)
            yield Label(self.tr("hint.speaker"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.search(self.current or "")

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, text: str) -> None:
        with self.connections.use("read") as db:
            found = known_speakers(db, " ".join(text.split()), limit=30)
        self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[tuple[str, str]]) -> None:
        if " ".join(text.split()) != " ".join(self.query_one(Input).value.split()):
            return  # typed on meanwhile
        name = " ".join(text.split())
        self._shown = name
        exact = [choice for choice in found if choice[0].casefold() == name.casefold()]
        others = [choice for choice in found if choice not in exact]
        new = [(name, kind) for kind in NEW_TYPES] if name and not exact else []
        self.choices = exact + others + new
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([
            Option(literal(self._label(choice, is_new=i >= len(exact) + len(others)), single_line=True), id=str(i))
            for i, choice in enumerate(self.choices)
        ])
        if self.choices:
            options.highlighted = 0
        if self._submitted and self.choices:
            self.dismiss(self.choices[0])

    def _label(self, choice: tuple[str, str], is_new: bool) -> str:
        name, kind = choice
        if is_new:
            return self.tr("speaker.new", name=name, type=self.tr.speaker_type(kind))
        return f"{name} ({self.tr.speaker_type(kind)})"

    def key_down(self) -> None:
        if self.query_one(Input).has_focus and self.choices:
            self.query_one(OptionList).focus()

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        if self._shown != " ".join(event.value.split()):
            self._submitted = True
            return
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.highlighted < len(self.choices):
            self.dismiss(self.choices[options.highlighted])

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id)])
