"""The README is checked against the commands: every command is documented, and every example command
line in it parses with the options the command really has."""

import re
import shlex
from pathlib import Path

import click
import pytest

from factcheck.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def example_lines():
    for line in README.splitlines():
        line = line.strip()
        if line.startswith("factcheck ") or line.startswith("pip install -e . && factcheck"):
            command = line.split("&&")[-1].strip()
            command = re.split(r"\s+#|\s+[>|]\s", command)[0].rstrip("\\").strip()
            if "[" not in command:  # a synopsis like `factcheck review [--reviewer NAME]`, not an example
                yield command


def test_every_command_is_documented():
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert f"factcheck {name}" in README or f"factcheck --db FILE {name}" in README, name
        if isinstance(command, click.Group):
            for sub in command.commands:
                assert f"factcheck {name} {sub}" in README, f"{name} {sub}"


@pytest.mark.filterwarnings("ignore:'protected_args' is deprecated")
@pytest.mark.parametrize("line", sorted(set(example_lines())))
def test_readme_examples_parse(line):
    args = shlex.split(line)[1:]
    ctx = cli.make_context("factcheck", list(args), resilient_parsing=False)
    command_name, command, rest = cli.resolve_command(ctx, ctx.protected_args + ctx.args)
    if isinstance(command, click.Group):
        sub_ctx = command.make_context(command_name, rest, parent=ctx)
        command_name, command, rest = command.resolve_command(sub_ctx, sub_ctx.protected_args + sub_ctx.args)
    command.make_context(command_name, rest, parent=ctx)  # raises on an unknown option or a bad value


def test_setup_commands_come_first_and_ci_runs_the_test_command():
    head = README.split("## How it works")[0]
    assert "pip install -e . && factcheck demo" in head
    test_command = "pip install -e '.[test]' && python -m pytest -n 2"
    assert test_command in head
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "python -m pytest -n 2" in ci
