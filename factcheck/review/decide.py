"""The reviewer's decisions: status and verdict, note, evidence, the whole cluster, skip, undo and redo.

Decisions mean one thing. The status is the outcome of checking the claim, the verdict rates it on the team's
scale, and each verdict means a status (config.py):
- v (verified) keeps a verdict that means verified, else sets the scale's default for verified („richtig“);
- d (disputed) opens the verdict picker on the verdicts that mean disputed;
- a verdict chosen alone (1–9, or w for the picker) sets the status it means;
- u clears both.
Each of these moves on to the next item; undo (z) and redo (Z) go back to the item they change.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .changes import decide, revert
from .dialogs import ChoiceDialog, ConfirmDialog, TextAreaDialog
from .writes import Write


class DecisionActions:
    """Mixed into ReviewApp."""

    # -- status and verdict --------------------------------------------------------------------------------
    def action_verify(self) -> None:
        row = self.current()
        if row:
            verdict = row["verdict"] if self.config.status_of(row["verdict"]) == "verified" else None
            self._decide_and_move(row, "verified", verdict or self.config.verified_verdict)

    def action_dispute(self) -> None:
        row = self.current()
        if not row:
            return
        labels = self.config.labels_for("disputed")

        def chosen(label: str | None) -> None:
            if label is not None:
                self._decide_and_move(row, "disputed", label)

        self.push_screen(ChoiceDialog(self.texts("dialog.dispute"), labels, row["verdict"]), chosen)

    def action_clear(self) -> None:
        row = self.current()
        if row:
            self._write_review(row, "clear", status="unreviewed", verdict=None)

    def action_verdict(self, number: int) -> None:
        if number > len(self.verdicts):
            self.notify(self.texts("msg.scale_steps", n=len(self.verdicts)), severity="warning")
            return
        row = self.current()
        if row:
            label = self.verdicts[number - 1]
            self._decide_and_move(row, self.config.status_of(label), label)

    def action_pick_verdict(self) -> None:
        row = self.current()
        if not row:
            return

        def chosen(label: str | None) -> None:
            if label is not None:
                self._decide_and_move(row, self.config.status_of(label), label)

        self.push_screen(ChoiceDialog(self.texts("dialog.verdict"), self.verdicts, row["verdict"]), chosen)

    def action_skip(self) -> None:
        """On to the next item without deciding this one."""
        self.queue.action_move(1)

    def _decide_and_move(self, row: dict, status: str, verdict: str | None) -> None:
        self._write_review(row, status, status=status, verdict=verdict)
        if self.queue.row() is not None and self.queue.row()["quote_id"] != row["quote_id"]:
            return  # a picker was open: the cursor is elsewhere already
        flt = self.queue_query.filter
        if (flt.status and status not in flt.status) or (flt.only_unreviewed and status != "unreviewed") or \
                (flt.verdict and verdict not in flt.verdict):
            self.queue.forget()  # it leaves this queue: the next one moves up under the cursor
        else:
            self.queue.action_move(1)

    def _write_review(self, row: dict, action: str, refused=None, **changes) -> None:
        quote_id, seen = row["quote_id"], row["review_version"]
        self.submit(Write(
            run=lambda db: decide(db, {quote_id: self.expected_version(quote_id, seen)}, reviewer=self.reviewer,
                                  action=action, **changes),
            quote_id=quote_id, action=action, attempted=changes, refused=refused,
        ))

    # -- note and evidence -----------------------------------------------------------------------------------
    def action_note(self) -> None:
        self.with_detail(lambda row, detail: self._edit_note(row, detail["review"]["note"] or ""))

    def _edit_note(self, row: dict, text: str, error: str | None = None) -> None:
        def written(note: str | None) -> None:
            if note is None:
                return
            fresh = self.detail if self.detail and self.detail["quote_id"] == row["quote_id"] else None
            version = fresh["review_version"] if fresh else row["review_version"]
            self._write_review({**row, "review_version": version}, "note",
                               refused=lambda reason: self._edit_note(row, note, reason), note=note.strip() or None)

        self.push_screen(TextAreaDialog(self.texts("dialog.note"), text, error=error), written)

    def action_evidence(self) -> None:
        self.with_detail(lambda row, detail: self._edit_evidence(row, "\n".join(detail["review"]["evidence"])))

    def _edit_evidence(self, row: dict, text: str, error: str | None = None) -> None:
        def written(typed: str | None) -> None:
            if typed is None:
                return
            urls, bad = web_addresses(typed)
            if bad:
                reason = self.texts("msg.not_a_url", line=bad)
                self.log_refusal(row["quote_id"], "evidence", {"evidence": typed.splitlines()}, reason)
                self._edit_evidence(row, typed, reason)
                return
            fresh = self.detail if self.detail and self.detail["quote_id"] == row["quote_id"] else None
            version = fresh["review_version"] if fresh else row["review_version"]
            self._write_review({**row, "review_version": version}, "evidence",
                               refused=lambda reason: self._edit_evidence(row, typed, reason), evidence=urls)

        self.push_screen(TextAreaDialog(self.texts("dialog.evidence"), text, hint=self.texts("hint.evidence"),
                                        error=error), written)

    # -- the whole cluster -------------------------------------------------------------------------------
    def action_apply_to_cluster(self) -> None:
        self.with_detail(self._apply_to_cluster)

    def _apply_to_cluster(self, row: dict, detail: dict) -> None:
        tr = self.texts
        if detail["cluster_id"] is None:
            self.notify(tr("msg.no_cluster"), severity="warning")
            return
        review = detail["review"]
        if review["status"] == "unreviewed":
            self.notify(tr("msg.decide_first"), severity="warning")
            return
        others = [o for o in detail["appearances"] if not o["not_quote"]]
        undecided = [o for o in others if o["status"] == "unreviewed" and not o["verdict"]]
        conflicts = [o for o in others if o not in undecided
                     and (o["status"], o["verdict"]) != (review["status"], review["verdict"])]
        decision = tr.status(review["status"]) + (f" · {review['verdict']}" if review["verdict"] else "")
        if not undecided and not conflicts:
            self.notify(tr("msg.cluster_already", decision=decision))
            return

        def apply(members: list[dict] | None) -> None:
            if members:
                versions = {o["quote_id"]: o["review_version"] for o in members}
                self.submit(Write(
                    run=lambda db: decide(db, {q: self.expected_version(q, v) for q, v in versions.items()},
                                          reviewer=self.reviewer, quote_id=row["quote_id"], action="cluster",
                                          status=review["status"], verdict=review["verdict"]),
                    quote_id=row["quote_id"], action="cluster",
                    attempted={"status": review["status"], "verdict": review["verdict"], "members": list(versions)},
                    done=lambda change: self.notify(tr("msg.cluster_applied", n=len(versions), decision=decision)),
                ))

        if not conflicts:
            question = tr("dialog.apply", decision=decision, n=len(undecided), cluster=detail["cluster_id"])
            self.push_screen(ConfirmDialog(question, {"y": undecided, "n": None}), apply)
            return
        named = "; ".join(
            f"„{o['text'][:40]}“ ({o.get('reviewer') or '?'}: {tr.status(o['status'])}"
            + (f" · {o['verdict']}" if o["verdict"] else "") + ")" for o in conflicts[:5]
        ) + (" …" if len(conflicts) > 5 else "")
        question = tr("dialog.apply_conflicts", decision=decision, n=len(conflicts), cluster=detail["cluster_id"],
                      named=named, undecided=len(undecided))
        answers = {"a": undecided + conflicts, "n": None}
        if undecided:
            answers["u"] = undecided
        self.push_screen(ConfirmDialog(question, answers, hint=tr("hint.apply_conflicts" if undecided
                                                                  else "hint.apply_all")), apply)

    # -- undo and redo ----------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self._step(self.undo_stack, self.redo_stack, "undone")

    def action_redo(self) -> None:
        self._step(self.redo_stack, self.undo_stack, "redone")

    def _step(self, source: list, target: list, verb: str) -> None:
        """Revert the latest change of `source`; its revert goes onto `target`. The cursor goes to the item."""
        tr = self.texts
        if not source:
            self.notify(tr(f"msg.nothing_{verb}"))
            return
        change = source.pop()

        def done(inverse) -> None:
            target.append(inverse)
            self.queue.go_to(change.quote_id)
            self.notify(tr(f"msg.{verb}", action=tr.action(change.action), item=self._item_name(change.quote_id)),
                        markup=False)

        self.submit(Write(
            run=lambda db: revert(db, change, reviewer=self.reviewer,
                                  versions={q: self.expected_version(q, v) for q, v in change.after.items()}
                                  if change.kind == "review" else None),
            quote_id=change.quote_id, action=verb, attempted={"change": change.action}, done=done, record=False,
        ))

    def _item_name(self, quote_id: str) -> str:
        row = next((r for r in self.queue.window.rows if r["quote_id"] == quote_id), None)
        text = (row or {}).get("text") or (self.detail or {}).get("text") or quote_id
        return f"„{text[:50]}{'…' if len(text) > 50 else ''}“"


def web_addresses(text: str) -> tuple[list[str], str | None]:
    """The evidence URLs typed one per line: `www.example.org/beleg` becomes https://www.example.org/beleg.
    Returns (urls, None), or ([], the first line that is no web address)."""
    urls = []
    for line in text.splitlines():
        url = line.strip()
        if not url:
            continue
        if "://" not in url:
            url = "https://" + url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or "." not in parts.netloc or any(c.isspace() for c in url):
            return [], line.strip()
        if url not in urls:
            urls.append(url)
    return urls, None
