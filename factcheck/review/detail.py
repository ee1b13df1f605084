"""The detail view: one quotation in its paragraph, what is known about it, where else it appears, the
matcher's pending suggestions and the history of decisions.

All article text goes through `literal()`: it is shown exactly as written, never interpreted.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from .data import wording_diff
from .literal import literal


class DetailView(VerticalScroll, can_focus=False):
    ALLOW_MAXIMIZE = True  # Enter shows the detail full screen
    COMPONENT_CLASSES = {
        "detail--quote", "detail--speaker", "detail--cue", "detail--label", "detail--added", "detail--removed",
        "detail--verified", "detail--disputed", "detail--unreviewed",
    }
    DEFAULT_CSS = """
    DetailView { height: 1fr; border-top: solid $primary; padding: 0 1; }
    DetailView > .detail--quote { background: $warning 25%; text-style: bold; }
    DetailView > .detail--speaker { background: $accent 30%; text-style: underline; }
    DetailView > .detail--cue { color: $success; text-style: bold italic; }
    DetailView > .detail--label { color: $text-muted; text-style: bold; }
    DetailView > .detail--added { color: $success; text-style: bold; }
    DetailView > .detail--removed { color: $error; text-style: strike; }
    DetailView > .detail--verified { color: $success; text-style: bold; }
    DetailView > .detail--disputed { color: $error; text-style: bold; }
    DetailView > .detail--unreviewed { color: $text-muted; text-style: bold; }
    DetailView Static { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        for part in ("paragraph", "facts", "review", "appearances", "suggestions", "history"):
            yield Static(id=f"detail-{part}")

    def show(self, detail: dict | None) -> None:
        if detail is None:
            self._set("paragraph", Text("Nothing selected: the queue is empty under this filter."))
            for part in ("facts", "review", "appearances", "suggestions", "history"):
                self._set(part, Text())
            return
        self._set("paragraph", self._paragraph(detail))
        self._set("facts", self._facts(detail))
        self._set("review", self._review(detail["review"]))
        self._set("appearances", self._appearances(detail))
        self._set("suggestions", self._suggestions(detail["suggestions"]))
        self._set("history", self._history(detail["history"]))

    def _set(self, part: str, text: Text) -> None:
        widget = self.query_one(f"#detail-{part}", Static)
        widget.update(text)
        widget.display = bool(text.plain)

    def _style(self, name: str):
        return self.get_component_rich_style(f"detail--{name}", partial=True)

    def _label(self, text: str) -> Text:
        return Text.assemble((text, self._style("label")))

    def _paragraph(self, detail: dict) -> Text:
        text = literal(detail["paragraph"])
        for name in ("quote", "speaker", "cue"):
            span = detail["spans"].get(name)
            if span and span[0] < span[1]:
                text.stylize(self._style(name), *span)
        return text

    def _facts(self, detail: dict) -> Text:
        text = Text()
        speaker = detail["speaker"] or "unknown"
        text.append_text(self._label("Speaker "))
        text.append_text(literal(speaker, style=self._style("speaker"), single_line=True))
        text.append(f" ({detail['speaker_type'] or 'unknown'})  ")
        text.append_text(self._label("Kind "))
        text.append(detail["kind"] or "")
        if detail["not_quote"]:
            text.append(" — marked NOT A QUOTATION", style=self._style("removed"))
        text.append("  ")
        text.append_text(self._label("Confidence "))
        text.append("–" if detail["confidence"] is None else f"{detail['confidence']:.2f}")
        if detail["cue"]:
            text.append("  ")
            text.append_text(self._label("Cue "))
            text.append_text(literal(detail["cue"], style=self._style("cue"), single_line=True))
        text.append("\n")
        text.append_text(self._label("Article "))
        text.append_text(literal(detail["title"] or detail["source"] or detail["article_id"], single_line=True))
        for key in ("outlet", "published", "url"):
            if detail[key]:
                text.append(" · ")
                text.append_text(literal(detail[key], single_line=True))
        return text

    def _review(self, review: dict) -> Text:
        text = self._label("Decision ")
        text.append(review["status"], style=self._style(review["status"]))
        if review["verdict"]:
            text.append(" · ")
            text.append_text(literal(review["verdict"], single_line=True))
        if review["reviewer"]:
            text.append("  by ")
            text.append_text(literal(review["reviewer"], single_line=True))
            text.append(f" at {review['updated_at']} (v{review['version']})")
        if review["note"]:
            text.append("\n")
            text.append_text(self._label("Note "))
            text.append_text(literal(review["note"]))
        for url in review["evidence"]:
            text.append("\n")
            text.append_text(self._label("Evidence "))
            text.append_text(literal(url, single_line=True))
        return text

    def _appearances(self, detail: dict) -> Text:
        others = detail["appearances"]
        if not others:
            return Text()
        text = self._label(f"Also in {len(others)} other article(s) — claim cluster {detail['cluster_id']}")
        for other in others:
            text.append("\n• ")
            text.append_text(literal(other["article"], single_line=True))
            text.append(" · ")
            text.append_text(literal(other["speaker"] or "unknown speaker", style=self._style("speaker"), single_line=True))
            text.append(f" · {other['status']}\n  ")
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
        if not suggestions:
            return Text()
        text = self._label(f"Suggested matches ({len(suggestions)}): c confirms, r rejects the first")
        for i, s in enumerate(suggestions):
            text.append(f"\n{'→' if i == 0 else ' '} {s['score']:.2f} ")
            text.append_text(literal(s["text"], single_line=True))
            text.append(" — ")
            text.append_text(literal(s["speaker"] or "unknown speaker", single_line=True))
            text.append(", ")
            text.append_text(literal(s["article_title"] or s["other_quote_id"], single_line=True))
        return text

    def _history(self, events: list[dict]) -> Text:
        if not events:
            return Text()
        text = self._label("History")
        for event in events:
            text.append(f"\n{event['at']}  ")
            text.append_text(literal(event["reviewer"] or "?", single_line=True))
            text.append(f"  {event['field']}: ")
            text.append_text(literal(event["old_value"] if event["old_value"] is not None else "–", single_line=True))
            text.append(" → ")
            text.append_text(literal(event["new_value"] if event["new_value"] is not None else "–", single_line=True))
        return text
