"""The filter dialog: every filter of the queue at once.

Lists with headings (status, kind, verdict, and the switches), each line ticked ☑ or not ☐: Space (or a click)
ticks, Enter applies the whole filter from anywhere in the dialog, Tab goes on to the next field. Scare quotes
are a kind to tick; verbatim fragments inside claims and quotations marked "not a quotation" are switches.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from factcheck.store import KINDS, STATUSES, QuoteFilter

from .dialogs import Dialog
from .literal import literal

SWITCHES = ("only_unreviewed", "has_suggestions", "include_not_quotes", "include_parts")
TEXT_FIELDS = ("search", "speaker", "article", "cluster")


class TickList(OptionList):
    """Options to tick: Space or a click ticks, Enter applies the dialog."""

    BINDINGS = [Binding("space", "tick", show=False), Binding("enter", "screen.apply", show=False)]

    def __init__(self, items: list[tuple[str, str]], ticked, *, id: str) -> None:
        super().__init__(markup=False, id=id, compact=True)
        self.items, self.ticked = items, set(ticked)

    def on_mount(self) -> None:
        self._draw()
        self.highlighted = 0

    def _draw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(literal(f"{'☑' if value in self.ticked else '☐'} {label}", single_line=True), id=value)
                          for value, label in self.items])
        self.highlighted = highlighted

    def action_tick(self) -> None:
        if self.highlighted is not None:
            value = self.items[self.highlighted][0]
            self.ticked ^= {value}
            self._draw()

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick()

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.items if value in self.ticked)


class FilterDialog(Dialog):
    """Dismisses with a QuoteFilter."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "apply", show=False)]

    def __init__(self, current: QuoteFilter, verdicts: list[str]) -> None:
        super().__init__()
        self.current, self.verdicts = current, verdicts

    def compose(self) -> ComposeResult:
        f, tr = self.current, self.tr
        with Vertical():
            yield Label(tr("filter.title"), classes="title")
            with VerticalScroll(id="filter-body"):
                with Horizontal(classes="lists"):
                    for name, items, ticked in (
                        ("status", [(s, tr.status(s)) for s in STATUSES], f.status),
                        ("kind", [(k, tr.kind(k)) for k in KINDS], f.kind),
                        ("verdict", [(v, v) for v in self.verdicts], f.verdict),
                    ):
                        with Vertical(classes=f"column {name}"):
                            yield Label(tr("filter." + name), classes="heading")
                            yield TickList(items, ticked, id=name)
                for name in TEXT_FIELDS:
                    with Horizontal(classes="field"):
                        yield Label(tr("filter." + name), classes="heading")
                        value = getattr(f, name)
                        yield Input("" if value is None else str(value), placeholder=tr(f"filter.{name}.placeholder"),
                                    id=name, compact=True, restrict=r"[0-9]*" if name == "cluster" else None)
                yield Label(tr("filter.switches"), classes="heading", id="switches-heading")
                yield TickList([(s, tr("filter." + s)) for s in SWITCHES], [s for s in SWITCHES if getattr(f, s)],
                               id="switches")
            yield Label(tr("hint.filter"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The lists scroll inside the dialog when the terminal is short; title and keys always show."""
        self.query_one("#filter-body").styles.max_height = max(self.size.height - 8, 4)

    @on(Input.Submitted)
    def action_apply(self) -> None:
        def text(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        switches = self.query_one("#switches", TickList).selected
        cluster = text("cluster")
        self.dismiss(
            QuoteFilter(
                status=self.query_one("#status", TickList).selected,
                kind=self.query_one("#kind", TickList).selected,
                verdict=self.query_one("#verdict", TickList).selected,
                search=text("search"),
                speaker=text("speaker"),
                article=text("article"),
                cluster=int(cluster) if cluster else None,
                since=self.current.since,
                **{name: name in switches for name in SWITCHES},
            )
        )
