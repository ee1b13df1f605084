"""Modal dialogs. Each is a `ModalScreen[T]` that dismisses with its answer, or None when cancelled (Escape)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from factcheck.store import KINDS, STATUSES, QuoteFilter

from .data import Connections, known_speakers
from .literal import literal


class Dialog(ModalScreen):
    """Base: a framed box with a title; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical { width: 70; max-width: 90%; height: auto; max-height: 90%; border: thick $primary;
                        background: $surface; padding: 0 1; }
    Dialog .title { text-style: bold; width: 1fr; margin-bottom: 1; }
    Dialog .hint { color: $text-muted; margin-top: 1; }
    Dialog OptionList { height: auto; max-height: 14; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(Dialog):
    """One line of text: a note, an evidence URL."""

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Input(self.value, placeholder=self.placeholder)
            yield Label("Enter save · Esc cancel", classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ChoiceDialog(Dialog):
    """Pick one of a few labels (verdict, kind, sort)."""

    def __init__(self, title: str, choices: list[str], current: str | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            options = OptionList(*[Option(literal(choice, single_line=True), id=str(i)) for i, choice in enumerate(self.choices)], markup=False)
            if self.current in self.choices:
                options.highlighted = self.choices.index(self.current)
            yield options
            yield Label("↑↓ choose · Enter take · Esc cancel", classes="hint")

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id)])


class ConfirmDialog(Dialog):
    """Yes or no (y / n)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="title", markup=False)
            yield Label("y yes · n no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class SpeakerDialog(Dialog):
    """Pick a known speaker or type a new name. Dismisses with (name, type) — type None for a new name."""

    def __init__(self, connections: Connections, current: str | None = None) -> None:
        super().__init__()
        self.connections, self.current = connections, current
        self.found: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Speaker", classes="title")
            yield Input(self.current or "", placeholder="name; ↓ to pick a known speaker")
            yield OptionList(markup=False)
            yield Label("type to search · Enter on the name takes it as typed · ↓ Enter picks · Esc cancel",
                        classes="hint")

    def on_mount(self) -> None:
        self.search("")

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, text: str) -> None:
        with self.connections.use("read") as db:
            found = known_speakers(db, text.strip(), limit=30)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[tuple[str, str]]) -> None:
        self.found = found
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(literal(f"{name} ({type_})", single_line=True), id=str(i)) for i, (name, type_) in enumerate(found)])

    def key_down(self) -> None:
        if self.query_one(Input).has_focus and self.found:
            self.query_one(OptionList).focus()

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if name:
            self.dismiss((name, None))

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[int(event.option.id)])


class FilterDialog(Dialog):
    """Every filter of the queue at once. Dismisses with a QuoteFilter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "apply", "Apply")]
    DEFAULT_CSS = """
    FilterDialog > Vertical { width: 90; }
    FilterDialog SelectionList { height: auto; max-height: 9; width: 1fr; }
    FilterDialog Input { margin-top: 1; }
    FilterDialog Checkbox { margin-top: 1; }
    FilterDialog VerticalScroll { height: auto; }
    """

    def __init__(self, current: QuoteFilter, verdicts: list[str]) -> None:
        super().__init__()
        self.current, self.verdicts = current, verdicts

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical():
            yield Label("Filter the queue", classes="title")
            with VerticalScroll():
                with Horizontal(classes="lists"):
                    yield SelectionList(*[(s, s, s in f.status) for s in STATUSES], id="status", compact=True)
                    yield SelectionList(*[(k, k, k in f.kind) for k in KINDS], id="kind", compact=True)
                    yield SelectionList(*[(Text(v), v, v in f.verdict) for v in self.verdicts], id="verdict", compact=True)
                yield Input(f.search or "", placeholder="words in the quotation (full-text search)", id="search", compact=True)
                yield Input(f.speaker or "", placeholder="speaker (part of the name)", id="speaker", compact=True)
                yield Input(f.article or "", placeholder="article or outlet (id, part of title, url, outlet)", id="article", compact=True)
                yield Input("" if f.cluster is None else str(f.cluster), placeholder="cluster number",
                            id="cluster", restrict=r"[0-9]*", compact=True)
                yield Checkbox("only unreviewed", f.only_unreviewed, id="only_unreviewed", compact=True)
            yield Label("Tab next field · Space tick · Enter / Ctrl+S apply · Esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Submitted)
    def action_apply(self) -> None:
        def text(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        cluster = text("cluster")
        self.dismiss(
            QuoteFilter(
                status=tuple(self.query_one("#status", SelectionList).selected),
                kind=tuple(self.query_one("#kind", SelectionList).selected),
                verdict=tuple(self.query_one("#verdict", SelectionList).selected),
                search=text("search"),
                speaker=text("speaker"),
                article=text("article"),
                cluster=int(cluster) if cluster else None,
                only_unreviewed=self.query_one("#only_unreviewed", Checkbox).value,
                since=self.current.since,
                include_not_quotes=self.current.include_not_quotes,
            )
        )
