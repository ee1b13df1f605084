"""Normalising an article's text before it is stored and searched.

Only the end of an article is ever cut (scraper leftovers), so offsets into the cleaned text are offsets
into the stored text. Nothing in the text is interpreted: markup, escape sequences and SQL stay plain
characters; control characters are removed because they are never part of an article and would reach a
reviewer's terminal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

MAX_BOILERPLATE_LINE = 200  # a longer line is the article's own text, whatever it matches
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc but tab and newline


def clean_text(text: str) -> str:
    """NFC, newlines as \\n, control characters (but tab and newline) removed, trailing leftovers cut."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CONTROL_CHARACTERS.sub("", text)
    return strip_trailing_boilerplate(text).strip()


def strip_trailing_boilerplate(text: str) -> str:
    """Cut trailing lines that are blank or scraper leftovers (patterns in lexicons/boilerplate.txt)."""
    lines = text.rstrip().split("\n")
    while lines and _is_leftover(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


def _is_leftover(line: str) -> bool:
    return not line or (len(line) <= MAX_BOILERPLATE_LINE and _boilerplate().fullmatch(line) is not None)


@cache
def _boilerplate() -> re.Pattern:
    source = resources.files("factcheck.lexicons").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    patterns = [line.strip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
