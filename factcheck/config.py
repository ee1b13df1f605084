"""Team settings: the verdict scale (its rating values for ClaimReview, which status each verdict means, the
default verdict of "verified"), the reviewer's name, the UI language, and what the review UI keeps between
sessions.

Read from the first of: the path in FACTCHECK_CONFIG, ./factcheck.toml, ~/.config/factcheck/config.toml.
Example:

    reviewer = "anna"
    organization = "Faktencheck-Redaktion"
    language = "de"            # of the review UI; default: from the locale (LC_ALL, LC_MESSAGES, LANG)

    [[verdicts]]
    label = "richtig"
    rating = 7
    status = "verified"        # what choosing this verdict means; default: verified for the best rating
    default = true             # the verdict v (verified) sets when none is chosen yet

    [review]                   # written by the review UI: theme, sort, mode, language and filter you chose last
    theme = "textual-light"

The review UI rewrites only its own [review] table (see `save_review_settings`); everything else in the file
stays as written.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# CORRECTIV's scale, best to worst; the rating is the ClaimReview ratingValue (bestRating 7, worstRating 1); the
# status is what choosing the verdict means for the review.
DEFAULT_VERDICTS = (
    ("richtig", 7, "verified"),
    ("größtenteils richtig", 6, "verified"),
    ("unbelegt", 5, "disputed"),
    ("fehlender Kontext", 4, "disputed"),
    ("teilweise falsch", 3, "disputed"),
    ("größtenteils falsch", 2, "disputed"),
    ("falsch", 1, "disputed"),
)
DECIDED = ("verified", "disputed")
LANGUAGES = ("en", "de")


@dataclass(frozen=True)
class Verdict:
    label: str
    rating: int
    status: str | None = None  # "verified" or "disputed"; None: verified for the scale's best rating
    default: bool = False      # the verdict that v (verified) sets when the claim has none


@dataclass(frozen=True)
class Config:
    verdicts: tuple[Verdict, ...] = tuple(Verdict(label, rating, status) for label, rating, status in DEFAULT_VERDICTS)
    reviewer: str = field(default_factory=lambda: _login_name())
    organization: str | None = None
    source: Path | None = None
    language: str | None = None                       # review UI language; None: from the locale
    review: dict = field(default_factory=dict)        # the [review] table: what the review UI kept
    settings_path: Path | None = None                 # where the review UI keeps its settings (None: nowhere)

    @property
    def verdict_labels(self) -> list[str]:
        return [v.label for v in self.verdicts]

    def rating(self, label: str) -> int | None:
        return next((v.rating for v in self.verdicts if v.label == label), None)

    def status_of(self, label: str | None) -> str | None:
        """The review status a verdict means (None for a label not on the scale)."""
        verdict = next((v for v in self.verdicts if v.label == label), None)
        if verdict is None:
            return None
        return verdict.status or ("verified" if verdict.rating == self.best_rating else "disputed")

    def labels_for(self, status: str) -> list[str]:
        """The verdicts that mean `status`, in the scale's order."""
        return [v.label for v in self.verdicts if self.status_of(v.label) == status]

    @property
    def verified_verdict(self) -> str:
        """The verdict v sets: the one marked default, else the best-rated verdict meaning verified."""
        marked = [v.label for v in self.verdicts if v.default]
        verified = self.labels_for("verified")
        return (marked or verified or self.verdict_labels)[0]

    @property
    def ui_language(self) -> str:
        """The review UI's language: chosen in the UI ([review] language), else the config's, else the locale's."""
        for choice in (self.review.get("language"), self.language, locale_language()):
            if choice in LANGUAGES:
                return choice
        return "en"

    @property
    def best_rating(self) -> int:
        return max(v.rating for v in self.verdicts)

    @property
    def worst_rating(self) -> int:
        return min(v.rating for v in self.verdicts)


class ConfigError(ValueError):
    pass


def config_paths() -> list[Path]:
    paths = []
    if os.environ.get("FACTCHECK_CONFIG"):
        paths.append(Path(os.environ["FACTCHECK_CONFIG"]))
    paths += [Path("factcheck.toml"), Path.home() / ".config" / "factcheck" / "config.toml"]
    return paths


def load_config(path: Path | None = None) -> Config:
    """The settings from `path` or the first config file found; defaults where none exists. The review UI
    keeps its settings in the file read, or (none found) in the one named by FACTCHECK_CONFIG, else the
    user's ~/.config/factcheck/config.toml."""
    candidates = [path] if path else config_paths()
    for candidate in candidates:
        if candidate and candidate.is_file():
            return _parse(candidate)
    return Config(settings_path=path or config_paths()[0 if os.environ.get("FACTCHECK_CONFIG") else -1])


def locale_language() -> str | None:
    """The language of the user's locale ("de" for de_DE.UTF-8), as the C library reads it."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            language = value.split("_")[0].split(".")[0].lower()
            return language if language in LANGUAGES else None
    return None


def _parse(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}") from None
    kwargs: dict = {"source": path, "settings_path": path}
    if "verdicts" in data:
        try:
            verdicts = tuple(
                Verdict(str(v["label"]), int(v["rating"]), v.get("status"), bool(v.get("default", False)))
                for v in data["verdicts"]
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ConfigError(f"{path}: each [[verdicts]] needs a label and an integer rating") from None
        if not verdicts:
            raise ConfigError(f"{path}: the verdict scale is empty")
        for verdict in verdicts:
            if verdict.status not in (None, *DECIDED):
                raise ConfigError(f"{path}: verdict {verdict.label!r}: status must be verified or disputed")
        kwargs["verdicts"] = verdicts
    for key in ("reviewer", "organization", "language"):
        if key in data:
            kwargs[key] = str(data[key])
    if kwargs.get("language", "en") not in LANGUAGES:
        raise ConfigError(f"{path}: language must be one of {', '.join(LANGUAGES)}")
    review = data.get("review", {})
    if not isinstance(review, dict):
        raise ConfigError(f"{path}: [review] must be a table")
    kwargs["review"] = review
    return Config(**kwargs)


# The review UI's settings live in the [review] table (and its subtables) of the config file.
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")


def save_review_settings(path: Path, settings: dict) -> None:
    """Write `settings` as the [review] table of the config file at `path` (created if missing), keeping the
    rest of the file as it is. Values: str, bool, int, lists of str, and one level of subtables (dicts).
    The file is replaced atomically, and only if the result reads back as the same settings."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept, in_review = [], False
    for line in text.splitlines():
        header = _TABLE_HEADER.match(line)
        if header:
            name = header.group(1)
            in_review = name == "review" or name.startswith("review.")
        if not in_review:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    new = "\n".join(kept) + ("\n\n" if kept else "") + _review_table(settings)
    if tomllib.loads(new).get("review", {}) != _plain(settings):
        raise ConfigError(f"{path}: cannot write the review settings")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)


def _review_table(settings: dict) -> str:
    scalars = {k: v for k, v in settings.items() if not isinstance(v, dict) and v is not None}
    lines = ["[review]"] + [f"{key} = {_toml(value)}" for key, value in scalars.items()]
    for name, table in settings.items():
        if isinstance(table, dict):
            lines += ["", f"[review.{name}]"] + [f"{k} = {_toml(v)}" for k, v in table.items() if v is not None]
    return "\n".join(lines) + "\n"


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")  # JSON strings are TOML strings


def _plain(settings: dict) -> dict:
    """The settings as TOML reads them back (tuples as lists, None left out)."""
    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if v is not None}
        return list(value) if isinstance(value, tuple) else value
    return plain(settings)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "reviewer"
