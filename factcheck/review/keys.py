"""The review keys, in one table: the footer, the help screen and the command palette are made from it, in the
UI's language (the texts are `key.ACTION` for the footer and `help.ACTION` for the help, in i18n.py)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str      # Textual key names, comma-separated
    action: str
    group: str     # the help screen's section
    footer: bool = False


KEYS = (
    Key("v", "verify", "decide", footer=True),
    Key("d", "dispute", "decide", footer=True),
    Key("u", "clear", "decide", footer=True),
    Key("w", "pick_verdict", "decide"),
    Key("n", "note", "decide"),
    Key("e", "evidence", "decide"),
    Key("A", "apply_to_cluster", "decide"),
    Key("space", "skip", "decide"),
    Key("z", "undo", "decide", footer=True),
    Key("Z,ctrl+y", "redo", "decide"),
    Key("s", "correct_speaker", "correct"),
    Key("k", "correct_kind", "correct"),
    Key("x", "toggle_not_quote", "correct"),
    Key("c", "suggestion('confirm')", "match"),
    Key("r", "suggestion('reject')", "match"),
    Key("right_square_bracket", "next_suggestion(1)", "match"),
    Key("left_square_bracket", "next_suggestion(-1)", "match"),
    Key("S", "split", "match"),
    Key("a", "appearances", "go"),
    Key("g", "article", "go"),
    Key("b", "open_url", "go"),
    Key("enter", "toggle_detail", "go", footer=True),
    Key("escape", "escape", "go"),
    Key("backspace", "back", "go"),
    Key("f", "filter", "view", footer=True),
    Key("slash", "search", "view", footer=True),
    Key("o", "sort", "view"),
    Key("t", "toggle_mode", "view"),
    Key("ctrl+t", "toggle_theme", "view"),
    Key("L", "toggle_language", "view"),
    Key("question_mark", "help", "view", footer=True),
    Key("q", "quit", "view", footer=True),
)
GROUPS = ("move", "decide", "correct", "match", "go", "view")
VERDICT_KEYS = 9  # 1-9 pick the verdict with that number on the scale


def text_key(action: str) -> str:
    """`verify` for "verify", `suggestion.confirm` for "suggestion('confirm')", `next_suggestion.1` ..."""
    name, _, argument = action.partition("(")
    argument = argument.rstrip(")").strip("'")
    return f"{name}.{argument}" if argument else name


def bindings(tr) -> list[Binding]:
    """The app's bindings with footer texts in the UI's language."""
    made = [Binding(k.keys, k.action, tr("key." + text_key(k.action)), show=k.footer) for k in KEYS]
    made += [Binding(str(n), f"verdict({n})", show=False) for n in range(1, VERDICT_KEYS + 1)]
    return made
