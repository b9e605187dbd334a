"""The README says what the code does: every setting, export format, command and API route is in it."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from api.routes import routes
from kg.export import FORMATS
from kg.settings import SETTINGS

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented_with_its_default(setting):
    row = next((line for line in README.splitlines() if f"`{setting.env}`" in line), None)
    assert row is not None, f"{setting.env} is missing from the README's configuration table"
    assert f"`{setting.default}`" in row or (setting.default is None and "unset" in row)


def test_kg_help_lists_every_setting():
    from api.cli import cli

    shown = CliRunner().invoke(cli, ["--help"]).output
    for setting in SETTINGS:
        assert re.search(rf"^\s+{setting.env}\s", shown, re.M), shown


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_is_documented(fmt):
    assert fmt in README


def test_every_command_of_kg_is_documented():
    from api.cli import cli

    for name in cli.commands:
        assert f"kg {name}" in README, name


def test_every_api_route_is_documented():
    for route in routes():
        if route.rule.startswith("/static"):
            continue
        documented = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: m.group(1).upper(), route.rule)
        pattern = re.escape(documented)
        pattern = re.sub(r"[A-Z_]+(?:_ID)?", r"[A-Z_]+", pattern) if "<" in route.rule else pattern
        assert re.search(pattern + r"(?![\w/])", README), f"{route.rule} is not in the README"
