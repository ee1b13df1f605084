"""The detail view: one claim in its paragraph, what is known about it, where else it appears, the matcher's
pending suggestions and the history of decisions.

The claim is highlighted in one colour, the verbatim words quoted inside it (its fragments) more strongly, the
speaker's mention in another colour and the cue in a third. All article text goes through `literal()`: it is
shown exactly as written, never interpreted. With the focus here (Tab, or Enter for the full view), PgUp, PgDn,
Home and End scroll it, and ↑ ↓ still move from item to item.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .data import wording_diff
from .format import article_label, describe_event, local_time
from .literal import literal

PARTS = ("paragraph", "facts", "review", "appearances", "suggestions", "history")


class DetailView(VerticalScroll, can_focus=True):
    ALLOW_MAXIMIZE = True  # Enter shows the detail full screen
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "scroll_page_up", show=False),
        Binding("pagedown", "scroll_page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]
    COMPONENT_CLASSES = {
        "detail--quote", "detail--part", "detail--speaker", "detail--cue", "detail--label", "detail--added",
        "detail--removed", "detail--verified", "detail--disputed", "detail--unreviewed", "detail--dim",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: dict | None = None
        self.suggestion = 0  # the suggestion c and r act on

    def compose(self) -> ComposeResult:
        for part in PARTS:
            yield Static(id=f"detail-{part}")

    def action_move(self, delta: int) -> None:
        self.app.queue.action_move(delta)

    def show(self, detail: dict | None, suggestion: int = 0) -> None:
        if detail is None or self.detail is None or detail["quote_id"] != self.detail["quote_id"]:
            self.scroll_home(animate=False)
        self.detail, self.suggestion = detail, suggestion
        tr = self.app.texts
        if detail is None:
            self._set("paragraph", Text(tr("detail.empty")))
            for part in PARTS[1:]:
                self._set(part, Text())
            return
        self._set("paragraph", self._paragraph(detail))
        self._set("facts", self._facts(detail))
        self._set("review", self._review(detail["review"]))
        self._set("appearances", self._appearances(detail))
        self._set("suggestions", self._suggestions(detail["suggestions"]))
        self._set("history", self._history(detail["history"]))

    def refresh_styles(self) -> None:
        """Paint again with the current theme's colours (after a theme change)."""
        self.show(self.detail, self.suggestion)

    def _set(self, part: str, text: Text) -> None:
        widget = self.query_one(f"#detail-{part}", Static)
        widget.update(text)
        widget.display = bool(text.plain)

    def _style(self, name: str):
        return self.get_component_rich_style(f"detail--{name}")  # blended: partial styles lose alpha

    def _label(self, text: str) -> Text:
        return Text.assemble((text, self._style("label")))

    def _paragraph(self, detail: dict) -> Text:
        text = literal(detail["paragraph"])
        spans = detail["spans"]
        if spans.get("claim"):  # a fragment: its claim around it
            text.stylize(self._style("quote"), *spans["claim"])
        for name in ("quote", "speaker", "cue"):
            span = spans.get(name)
            if span and span[0] < span[1]:
                text.stylize(self._style("part" if name == "quote" and spans.get("claim") else name), *span)
        for span in spans.get("parts", []):
            text.stylize(self._style("part"), *span)
        return text

    def _facts(self, detail: dict) -> Text:
        tr = self.app.texts
        text = Text()
        text.append_text(self._label(tr("detail.speaker") + " "))
        text.append_text(literal(detail["speaker"] or tr("unknown"), style=self._style("speaker"), single_line=True))
        text.append(f" ({tr.speaker_type(detail['speaker_type'])})  ")
        text.append_text(self._label(tr("detail.kind") + " "))
        text.append(tr.kind(detail["kind"]) if detail["kind"] else "")
        if detail["not_quote"]:
            text.append(" — " + tr("detail.not_quote"), style=self._style("removed"))
        text.append("  ")
        text.append_text(self._label(tr("detail.confidence") + " "))
        text.append("–" if detail["confidence"] is None else f"{detail['confidence']:.2f}")
        if detail["cue"]:
            text.append("  ")
            text.append_text(self._label(tr("detail.cue") + " "))
            text.append_text(literal(detail["cue"], style=self._style("cue"), single_line=True))
        if detail["parts"]:
            text.append("\n")
            text.append_text(self._label(tr("detail.verbatim") + " "))
            for i, part in enumerate(detail["parts"]):
                text.append(" · " if i else "")
                text.append_text(literal(f"„{part['text']}“", style=self._style("part"), single_line=True))
        if detail.get("claim"):
            text.append("\n")
            text.append_text(self._label(tr("detail.fragment_of") + " "))
            text.append_text(literal(f"„{detail['claim']['text']}“", single_line=True))
        text.append("\n")
        text.append_text(self._label(tr("detail.article") + " "))
        text.append_text(literal(article_label(detail), single_line=True))
        for key in ("outlet", "published", "url"):
            if detail[key]:
                text.append(" · ")
                text.append_text(literal(detail[key], single_line=True))
        return text

    def _review(self, review: dict) -> Text:
        tr = self.app.texts
        text = self._label(tr("detail.decision") + " ")
        text.append(tr.status(review["status"]), style=self._style(review["status"]))
        if review["verdict"]:
            text.append(" · ")
            text.append_text(literal(review["verdict"], single_line=True))
        if review["reviewer"]:
            text.append("  ")
            text.append_text(literal(tr("detail.by", who=review["reviewer"],
                                        when=local_time(review["updated_at"], tr.language)), single_line=True))
        if review["note"]:
            text.append("\n")
            text.append_text(self._label(tr("detail.note") + " "))
            text.append_text(literal(review["note"]))
        for url in review["evidence"]:
            text.append("\n")
            text.append_text(self._label(tr("detail.evidence") + " "))
            text.append_text(literal(url, single_line=True))
        return text

    def _appearances(self, detail: dict) -> Text:
        tr = self.app.texts
        others = detail["appearances"]
        if not others:
            return Text()
        text = self._label(tr("detail.also_in", n=len(others), cluster=detail["cluster_id"]))
        for other in others:
            text.append("\n• ")
            text.append_text(literal(article_label(other), single_line=True))
            text.append(" · ")
            text.append_text(literal(other["speaker"] or tr("unknown"), style=self._style("speaker"), single_line=True))
            text.append(" · ")
            text.append(tr.status(other["status"]), style=self._style(other["status"]))
            if other["verdict"]:
                text.append_text(literal(f" · {other['verdict']}", single_line=True))
            text.append("\n  ")
            text.append_text(self._diff(detail["text"], other["text"]))
        return text

    def _diff(self, ours: str, theirs: str) -> Text:
        text = Text("„")
        for i, (kind, words) in enumerate(wording_diff(ours, theirs)):
            if i:
                text.append(" ")
            style = {"added": self._style("added"), "removed": self._style("removed")}.get(kind, "")
            text.append_text(literal(words, style=style, single_line=True))
        text.append("“")
        return text

    def _suggestions(self, suggestions: list[dict]) -> Text:
        tr = self.app.texts
        if not suggestions:
            return Text()
        text = self._label(tr("detail.suggestions", n=len(suggestions)))
        for i, s in enumerate(suggestions):
            text.append(f"\n{'→' if i == self.suggestion else ' '} {s['score']:.3g} ")
            text.append_text(literal(s["text"], single_line=True))
            text.append(" — ")
            text.append_text(literal(s["speaker"] or tr("unknown"), single_line=True))
            text.append(", ")
            text.append_text(literal(s["article_title"] or s["other_quote_id"], single_line=True))
        return text

    def _history(self, events: list[dict]) -> Text:
        tr = self.app.texts
        if not events:
            return Text()
        text = self._label(tr("detail.history"))
        for event in events:
            what, old, new = describe_event(event, tr)
            text.append(f"\n{local_time(event['at'], tr.language)}  ")
            text.append_text(literal(event["reviewer"] or "?", single_line=True))
            text.append_text(literal(f"  {what}: ", single_line=True))
            if old:
                text.append_text(literal(old, style=self._style("dim"), single_line=True))
                text.append(" → ")
            text.append_text(literal(new or "–", single_line=True))
        return text
