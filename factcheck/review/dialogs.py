"""The small modal dialogs. Each is a `ModalScreen[T]` that dismisses with its answer, or None when cancelled
(Escape). A dialog opened again after a refused write gets the text the reviewer typed, and says why."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from .literal import literal


class Dialog(ModalScreen):
    """Base: a framed box with a title; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def tr(self):
        return self.app.texts

    def error_label(self, error: str | None) -> Label:
        label = Label(error or "", classes="error", markup=False)
        label.display = bool(error)
        return label


class TextDialog(Dialog):
    """One line of text: the search words."""

    def __init__(self, title: str, value: str = "", placeholder: str = "", hint: str = "", error: str | None = None):
        super().__init__()
        self.title_text, self.value, self.placeholder, self.hint, self.error = title, value, placeholder, hint, error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Input(self.value, placeholder=self.placeholder)
            yield self.error_label(self.error)
            yield Label(self.hint or self.tr("hint.text"), classes="hint", markup=False)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class TextAreaDialog(Dialog):
    """Several lines: a note, or the evidence URLs one per line (so a wrong one can be edited or deleted).
    Enter starts a new line; Ctrl+S saves."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "save", show=False)]

    def __init__(self, title: str, value: str = "", hint: str = "", error: str | None = None):
        super().__init__()
        self.title_text, self.value, self.hint, self.error = title, value, hint, error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield TextArea(self.value, soft_wrap=True, show_line_numbers=False)
            yield self.error_label(self.error)
            yield Label(self.hint or self.tr("hint.textarea"), classes="hint", markup=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)


class ChoiceDialog(Dialog):
    """Pick one of a few labels (verdict, kind, sort, another appearance): ↑↓ and Enter, or its number.
    z, the undo key, cancels: taking back what was just opened."""

    BINDINGS = [Binding("escape,z", "cancel", show=False)]

    def __init__(self, title: str, choices: list[str], current: str | None = None, values: list | None = None,
                 hint: str = ""):
        super().__init__()
        self.title_text, self.choices, self.current, self.hint = title, choices, current, hint
        self.values = values if values is not None else choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            numbered = len(self.choices) <= 9
            options = OptionList(*[
                Option(literal(f"{i + 1}  {choice}" if numbered else choice, single_line=True), id=str(i))
                for i, choice in enumerate(self.choices)
            ], markup=False)
            if self.current in self.values:
                options.highlighted = self.values.index(self.current)
            yield options
            yield Label(self.hint or self.tr("hint.choice"), classes="hint", markup=False)

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and 1 <= int(event.character) <= min(len(self.choices), 9):
            event.stop()
            self.dismiss(self.values[int(event.character) - 1])

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.values[int(event.option.id)])


class ConfirmDialog(Dialog):
    """A question with answers on single keys: by default y (True) and n / Escape (False)."""

    def __init__(self, question: str, answers: dict[str, object] | None = None, hint: str = ""):
        super().__init__()
        self.question, self.hint = question, hint
        self.answers = answers if answers is not None else {"y": True, "n": False}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="title", markup=False)
            yield Label(self.hint or self.tr("hint.confirm"), classes="hint", markup=False)

    def on_key(self, event) -> None:
        if event.character in self.answers:
            event.stop()
            self.dismiss(self.answers[event.character])
        elif event.key == "escape":
            event.stop()
            self.dismiss(None if "n" not in self.answers else self.answers["n"])
