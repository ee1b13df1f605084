"""The whole-article view: the article's text with every claim in it highlighted, and the list of its claims.

↑ ↓ choose a claim (its place in the text is shown and scrolled to), Enter goes to it in the queue, b opens the
article's web address, Esc goes back. Scare quotes and fragments are listed too, dimmed: the reviewer sees
everything the detector found in the article.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from .format import article_label
from .literal import literal


class ArticleView(ModalScreen):
    """Dismisses with the quote id to go to, or None."""

    BINDINGS = [
        Binding("escape,g", "close", show=False),
        Binding("b", "open_url", show=False),
    ]
    COMPONENT_CLASSES = {"article--claim", "article--selected", "article--dim"}

    def __init__(self, article: dict, current: str | None = None) -> None:
        super().__init__()
        self.article, self.current = article, current
        self.claims = article["claims"]

    @property
    def tr(self):
        return self.app.texts

    def compose(self) -> ComposeResult:
        tr, article = self.tr, self.article
        with Vertical():
            meta = " · ".join(v for v in (article["outlet"], article["published"], article["url"]) if v)
            yield Label(literal(article_label(article) + (f"  ({meta})" if meta else ""), single_line=True),
                        classes="title")
            yield OptionList(*[Option(self._claim_line(claim), id=str(i)) for i, claim in enumerate(self.claims)],
                             id="article-claims", markup=False)
            with VerticalScroll(id="article-text"):
                for number, _ in enumerate(self._paragraphs()):
                    yield Static(id=f"article-p{number}")
            yield Label(tr("hint.article"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        index = next((i for i, c in enumerate(self.claims) if c["quote_id"] == self.current), 0)
        if self.claims:
            options.highlighted = index
        self._paint(index if self.claims else None)

    def _claim_line(self, claim: dict) -> Text:
        tr = self.tr
        line = Text(f"{tr.status_symbol(claim['status'])} ")
        line.append(f"{tr.kind(claim['kind'], short=True):5} ")
        line.append_text(literal(f"{claim['speaker'] or '–'}: ", single_line=True))
        line.append_text(literal(claim["text"], single_line=True))
        if claim["part_of"] or claim["kind"] == "scare" or claim["not_quote"]:
            line.stylize("dim")
        return line

    def _paragraphs(self) -> list[tuple[int, int]]:
        text, bounds, start = self.article["text"], [], 0
        for line in text.split("\n"):
            bounds.append((start, start + len(line)))
            start += len(line) + 1
        return bounds

    def _paint(self, selected: int | None) -> None:
        claim_style = self.get_component_rich_style("article--claim")
        selected_style = self.get_component_rich_style("article--selected")
        chosen = self.claims[selected] if selected is not None else None
        target = None
        for number, (begin, end) in enumerate(self._paragraphs()):
            text = literal(self.article["text"][begin:end])
            for claim in self.claims:
                if claim["start"] < end and claim["end"] > begin and not claim["part_of"] and claim["kind"] != "scare":
                    text.stylize(claim_style, max(claim["start"] - begin, 0), min(claim["end"], end) - begin)
            if chosen and chosen["start"] < end and chosen["end"] > begin:
                text.stylize(selected_style, max(chosen["start"] - begin, 0), min(chosen["end"], end) - begin)
                target = target or number
            widget = self.query_one(f"#article-p{number}", Static)
            widget.update(text)
            widget.display = bool(text.plain.strip())
        if target is not None:
            self.query_one(f"#article-p{target}").scroll_visible(animate=False, top=True)

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._paint(int(event.option.id))

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.claims[int(event.option.id)]["quote_id"])

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_url(self) -> None:
        if self.article["url"]:
            self.app.open_url(self.article["url"])
        else:
            self.app.notify(self.tr("msg.no_url"), severity="warning")
