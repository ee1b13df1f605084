"""Team settings: the verdict scale (and its rating values for ClaimReview) and the reviewer's name.

Read from the first of: the path in FACTCHECK_CONFIG, ./factcheck.toml, ~/.config/factcheck/config.toml.
Example:

    reviewer = "anna"
    organization = "Faktencheck-Redaktion"

    [[verdicts]]
    label = "richtig"
    rating = 7
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# CORRECTIV's scale, best to worst; the rating is the ClaimReview ratingValue (bestRating 7, worstRating 1).
DEFAULT_VERDICTS = (
    ("richtig", 7),
    ("größtenteils richtig", 6),
    ("unbelegt", 5),
    ("fehlender Kontext", 4),
    ("teilweise falsch", 3),
    ("größtenteils falsch", 2),
    ("falsch", 1),
)


@dataclass(frozen=True)
class Verdict:
    label: str
    rating: int


@dataclass(frozen=True)
class Config:
    verdicts: tuple[Verdict, ...] = tuple(Verdict(label, rating) for label, rating in DEFAULT_VERDICTS)
    reviewer: str = field(default_factory=lambda: _login_name())
    organization: str | None = None
    source: Path | None = None

    @property
    def verdict_labels(self) -> list[str]:
        return [v.label for v in self.verdicts]

    def rating(self, label: str) -> int | None:
        return next((v.rating for v in self.verdicts if v.label == label), None)

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
    """The settings from `path` or the first config file found; defaults where none exists."""
    candidates = [path] if path else config_paths()
    for candidate in candidates:
        if candidate and candidate.is_file():
            return _parse(candidate)
    return Config()


def _parse(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}") from None
    kwargs: dict = {"source": path}
    if "verdicts" in data:
        try:
            verdicts = tuple(Verdict(str(v["label"]), int(v["rating"])) for v in data["verdicts"])
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{path}: each [[verdicts]] needs a label and an integer rating") from None
        if not verdicts:
            raise ConfigError(f"{path}: the verdict scale is empty")
        kwargs["verdicts"] = verdicts
    for key in ("reviewer", "organization"):
        if key in data:
            kwargs[key] = str(data[key])
    return Config(**kwargs)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "reviewer"
