"""Corrections of the machine: the speaker, the kind, "not a quotation"; and of the matcher: confirm or reject a
suggested match, split a quotation out of its cluster. Each is one Change, undone by z like a decision; a
correction made on a view another reviewer changed since is refused, never written over theirs."""

from __future__ import annotations

from factcheck.store import KINDS

from .changes import confirm, correct, reject, split
from .dialogs import ChoiceDialog
from .speaker_dialog import SpeakerDialog
from .writes import Write


class CorrectionActions:
    """Mixed into ReviewApp."""

    def _write_correction(self, row: dict, detail: dict, action: str, done=None, refused=None, **values) -> None:
        quote_id = row["quote_id"]
        self.submit(Write(
            run=lambda db: correct(db, quote_id, reviewer=self.reviewer, action=action,
                                   expected={f: self.expected_value(quote_id, f, detail) for f in values}, **values),
            quote_id=quote_id, action=action, attempted=values, done=done, refused=refused,
        ))

    def action_correct_speaker(self) -> None:
        self.with_detail(self._correct_speaker)

    def _correct_speaker(self, row: dict, detail: dict, typed: str | None = None) -> None:
        def chosen(choice: tuple[str, str] | None) -> None:
            if choice:
                name, kind = choice
                # refused: the dialog again, with the name typed, on the item as it is now
                again = lambda reason: self.with_detail(lambda r, d: self._correct_speaker(r, d, name))  # noqa: E731
                self._write_correction(row, detail, "speaker", refused=again, speaker=name, speaker_type=kind)

        self.push_screen(SpeakerDialog(self.connections, typed or detail["speaker"]), chosen)

    def action_correct_kind(self) -> None:
        self.with_detail(self._correct_kind)

    def _correct_kind(self, row: dict, detail: dict) -> None:
        def chosen(kind: str | None) -> None:
            if kind and kind != detail["kind"]:
                self._write_correction(row, detail, "kind", kind=kind)

        labels = [self.texts.kind(k) for k in KINDS]
        self.push_screen(ChoiceDialog(self.texts("dialog.kind"), labels, detail["kind"], values=list(KINDS)), chosen)

    def action_toggle_not_quote(self) -> None:
        self.with_detail(self._toggle_not_quote)

    def _toggle_not_quote(self, row: dict, detail: dict) -> None:
        hide = not detail["not_quote"]

        def done(change) -> None:
            if hide:
                self.notify(self.texts("msg.marked_not_quote"))

        self._write_correction(row, detail, "not_quote", done=done, not_quote=hide)
        if hide and not self.queue_query.filter.include_not_quotes:
            self.queue.forget()

    # -- the matcher's work -------------------------------------------------------------------------------
    def action_suggestion(self, verdict: str) -> None:
        self.with_detail(lambda row, detail: self._decide_suggestion(row, detail, verdict))

    def _decide_suggestion(self, row: dict, detail: dict, verdict: str) -> None:
        tr = self.texts
        suggestions = detail["suggestions"]
        if not suggestions:
            self.notify(tr("msg.no_suggestions"))
            return
        other = suggestions[min(self.suggestion, len(suggestions) - 1)]["other_quote_id"]
        quote_id = row["quote_id"]
        run = confirm if verdict == "confirm" else reject

        def done(change) -> None:
            if verdict == "confirm":
                cluster = next((m[0] for m in change.after["members"].values() if m), None)
                self.notify(tr("msg.confirmed", cluster=cluster))
            else:
                self.notify(tr("msg.rejected"))

        self.submit(Write(run=lambda db: run(db, quote_id, other, reviewer=self.reviewer), quote_id=quote_id,
                          action=verdict, attempted={"with": other}, done=done))

    def action_next_suggestion(self, step: int) -> None:
        if not self.detail or not self.detail["suggestions"]:
            self.notify(self.texts("msg.no_suggestions"))
            return
        self.suggestion = (self.suggestion + step) % len(self.detail["suggestions"])
        self.detail_view.show(self.detail, self.suggestion)

    def action_split(self) -> None:
        self.with_detail(self._split)

    def _split(self, row: dict, detail: dict) -> None:
        if detail["cluster_id"] is None:
            self.notify(self.texts("msg.no_cluster"), severity="warning")
            return
        quote_id, cluster = row["quote_id"], detail["cluster_id"]
        self.submit(Write(
            run=lambda db: split(db, quote_id, reviewer=self.reviewer), quote_id=quote_id, action="split",
            attempted={"cluster": cluster}, done=lambda change: self.notify(self.texts("msg.split", cluster=cluster)),
        ))
