"""The command group itself: global options and how mistakes are told."""

import pytest
from click.testing import CliRunner

from factcheck.cli import cli


@pytest.mark.parametrize(
    "args, says",
    [
        (["export", "csv", "--since", "2026-13-01"], "Invalid value for '--since'"),
        (["export", "pdf"], "Invalid value for 'FORMAT'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["ingest"], "Missing argument 'PATHS...'"),
        (["quotes", "--status", "maybe"], "Invalid value for '--status'"),
    ],
)
def test_usage_mistakes_are_one_line(tmp_path, args, says):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), *args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "--help" in lines[0]
    assert "Traceback" not in result.output


def test_db_from_environment(tmp_path, monkeypatch):
    db_file = tmp_path / "env.db"
    monkeypatch.setenv("FACTCHECK_DB", str(db_file))
    source = tmp_path / "a.txt"
    source.write_text("Der Minister sagte: „Wir schaffen das.“", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--no-match", str(source)])
    assert result.exit_code == 0, result.output
    assert db_file.exists()
