from pathlib import Path

import pytest

from factcheck.config import ConfigError, load_config


def test_default_scale_is_correctiv():
    cfg = load_config(Path("/nonexistent/factcheck.toml"))
    assert cfg.verdict_labels[0] == "richtig" and cfg.verdict_labels[-1] == "falsch"
    assert (cfg.best_rating, cfg.worst_rating) == (7, 1)
    assert cfg.rating("unbelegt") == 5


def test_custom_scale(tmp_path):
    path = tmp_path / "factcheck.toml"
    path.write_text('reviewer = "anna"\n[[verdicts]]\nlabel = "wahr"\nrating = 2\n[[verdicts]]\nlabel = "falsch"\nrating = 0\n',
                    encoding="utf-8")
    cfg = load_config(path)
    assert cfg.reviewer == "anna" and cfg.verdict_labels == ["wahr", "falsch"] and cfg.rating("falsch") == 0


def test_broken_config_is_one_clear_error(tmp_path):
    path = tmp_path / "factcheck.toml"
    path.write_text("[[verdicts]]\nlabel = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="factcheck.toml"):
        load_config(path)
