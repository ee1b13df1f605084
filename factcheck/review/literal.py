"""Article text as Rich `Text`, shown literally.

Text from articles is data: it is never parsed as Rich/Textual markup (we only build `Text` objects, never
markup strings) and no control character reaches the terminal. Each control or bidi-override character is
replaced by one visible symbol, so offsets into the original text stay valid for highlighting.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

ESCAPE_SYMBOL = "␛"
_BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible_char(char: str, single_line: bool) -> str:
    if char == "\n":
        return " " if single_line else "\n"
    if char == "\t":
        return " "
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␍ for CR, ...
    if code == 0x7F:
        return "␡"
    if 0x80 <= code <= 0x9F or char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cs", "Co"):
        return "\ufffd"
    return char


def literal_str(text: str, single_line: bool = False) -> str:
    """`text` with every control character replaced by a visible symbol of the same length."""
    if text.isprintable() and "\t" not in text:
        return text
    return "".join(visible_char(c, single_line) for c in text)


def literal(text: str | None, style: str = "", single_line: bool = False) -> Text:
    """A Rich Text showing `text` exactly as written."""
    return Text(literal_str(text or "", single_line), style=style, no_wrap=single_line, end="")
