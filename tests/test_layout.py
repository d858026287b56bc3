"""The code is laid out by stage: the import contracts in pyproject.toml hold, the top level stays small,
and each stage's package says what it takes and gives and exports its entry points."""
from __future__ import annotations

import importlib

import pytest
from importlinter.cli import lint_imports

from conftest import ROOT

STAGES = ["io", "nlp", "facts", "dates", "people", "speech", "report"]


def test_import_contracts_hold(monkeypatch):
    """Layers (a stage imports only the stages below it), grammars free of the pipeline, and no import of
    a stage's inner modules from outside it (pyproject.toml, [tool.importlinter]); the broken contract and
    the offending import are printed."""
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_top_level_holds_at_most_eight_modules():
    modules = sorted(p.name for p in (ROOT / "pipeline").glob("*.py"))
    assert len(modules) <= 8, modules


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_takes_and_gives(stage):
    package = importlib.import_module(f"pipeline.{stage}")
    assert "Takes" in package.__doc__ and "gives" in package.__doc__
    assert package.__all__ and [name for name in package.__all__ if not hasattr(package, name)] == []
