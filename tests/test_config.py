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


def test_each_verdict_means_a_status_and_v_has_a_default(tmp_path):
    cfg = load_config(Path("/nonexistent/factcheck.toml"))
    assert cfg.verified_verdict == "richtig"
    assert cfg.labels_for("verified") == ["richtig", "größtenteils richtig"]
    assert cfg.labels_for("disputed")[0] == "unbelegt" and cfg.status_of("falsch") == "disputed"
    assert cfg.status_of("gelogen") is None
    path = tmp_path / "factcheck.toml"
    path.write_text('[[verdicts]]\nlabel = "wahr"\nrating = 3\n[[verdicts]]\nlabel = "eher wahr"\nrating = 2\n'
                    'status = "verified"\ndefault = true\n[[verdicts]]\nlabel = "falsch"\nrating = 1\n', encoding="utf-8")
    cfg = load_config(path)
    assert cfg.verified_verdict == "eher wahr"
    assert [cfg.status_of(label) for label in cfg.verdict_labels] == ["verified", "verified", "disputed"]
    path.write_text('[[verdicts]]\nlabel = "wahr"\nrating = 3\nstatus = "ok"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="status must be verified or disputed"):
        load_config(path)


def test_ui_language_from_the_config_else_the_locale(tmp_path, monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert load_config(Path("/nonexistent/factcheck.toml")).ui_language == "de"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert load_config(Path("/nonexistent/factcheck.toml")).ui_language == "en"
    path = tmp_path / "factcheck.toml"
    path.write_text('language = "de"\n', encoding="utf-8")
    assert load_config(path).ui_language == "de"
    path.write_text('language = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="language must be one of en, de"):
        load_config(path)


def test_review_settings_are_kept_in_their_own_table(tmp_path):
    from factcheck.config import save_review_settings

    path = tmp_path / "factcheck.toml"
    path.write_text('# team settings\nreviewer = "anna"\n\n[review]\ntheme = "old"\n\n[review.filter]\nspeaker = "x"\n\n'
                    '[[verdicts]]\nlabel = "wahr"\nrating = 1\n', encoding="utf-8")
    settings = {"theme": "textual-light", "sort": "newest", "language": "de",
                "filter": {"status": ("verified",), "search": 'Öl "ins" \\ Feuer', "only_unreviewed": True}}
    save_review_settings(path, settings)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# team settings\nreviewer = "anna"\n\n[[verdicts]]\nlabel = "wahr"\nrating = 1\n\n[review]\n')
    cfg = load_config(path)
    assert cfg.reviewer == "anna" and cfg.verdict_labels == ["wahr"] and cfg.ui_language == "de"
    assert cfg.review == {"theme": "textual-light", "sort": "newest", "language": "de",
                          "filter": {"status": ["verified"], "search": 'Öl "ins" \\ Feuer', "only_unreviewed": True}}
    save_review_settings(tmp_path / "new" / "config.toml", {"theme": "textual-dark"})
    assert load_config(tmp_path / "new" / "config.toml").review == {"theme": "textual-dark"}


def test_review_settings_go_to_the_config_named_even_before_it_exists(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "mine.toml"))
    monkeypatch.chdir(tmp_path)
    assert load_config().settings_path == tmp_path / "mine.toml"
    monkeypatch.delenv("FACTCHECK_CONFIG")
    assert load_config().settings_path == Path.home() / ".config" / "factcheck" / "config.toml"
