"""docs/schema/*.schema.json are made from pipeline/io/tables.py (never edited by hand), and every row a
run writes, bad inputs' rows included, is valid against its table's schema."""
from __future__ import annotations

import json
import shutil

import pytest
from jsonschema import Draft202012Validator

from pipeline import cli
from pipeline.io import TABLES, conflicts_of
from pipeline.io.json_schema import schema_text
from pipeline.io.tables import COLUMNS

from conftest import CORPUS, ROOT

SCHEMAS = ROOT / "docs" / "schema"


@pytest.mark.parametrize("name", COLUMNS)
def test_committed_schema_is_the_generated_one(name):
    """Regenerate with `pressfacts schema --out docs/schema` after changing the tables."""
    assert (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name)


def test_no_other_schema_files():
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(f"{name}.schema.json" for name in COLUMNS)


@pytest.mark.parametrize("name", COLUMNS)
def test_schema_is_valid_and_lists_every_column(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == list(COLUMNS[name])


@pytest.fixture(scope="module")
def streamed_rows(tools, tmp_path_factory):
    """Every row `extract --out -` writes for corpus/ and for a folder of bad inputs."""
    bad = tmp_path_factory.mktemp("bad")
    shutil.copy(CORPUS / "000_87938b6d2d0e720c.txt", bad)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "feed.jsonl").write_text('{"id": "a", "text": "Открыто 5 школ."}\n{broken\n{"id": "a", "text": "x"}\n',
                                    encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "rows.jsonl"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
        for folder in (CORPUS, bad):
            with open(out, "a", encoding="utf-8") as stream:
                mp.setattr("sys.stdout", stream)
                cli.main(["extract", str(folder), "--out", "-", "--quiet"])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_row_is_valid(streamed_rows):
    validators = {name: Draft202012Validator(json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")))
                  for name in TABLES}
    invalid = [(row["table"], row.get("doc_id"), error.message)
               for row in streamed_rows for error in validators[row["table"]].iter_errors(row)]
    assert invalid == []
    tables = {row["table"] for row in streamed_rows}
    assert tables == set(TABLES)                                   # every table met, errors included


def test_conflict_rows_are_valid(streamed_rows):
    """Conflicts come from the archive (export, the report), not extract: made here from two facts."""
    fact = next(r for r in streamed_rows if r["table"] == "facts" and r["object"] and r["period_start"])
    fact = {k: v for k, v in fact.items() if k != "table"}
    other = {**fact, "doc_id": "other", "fact_id": "other#1", "value": fact["value"] * 3 + 10, "qualifier": "exact"}
    [row] = conflicts_of([{**fact, "qualifier": "exact"}, other])
    schema = json.loads((SCHEMAS / "conflicts.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(row)) == []


@pytest.mark.parametrize("row, table", [
    ({"qualifier": "roughly"}, "facts"), ({"value": None}, "facts"), ({"period_start": "29.03.2016"}, "facts"),
    ({"extra": 1}, "facts"), ({"granularity": "week"}, "dates"), ({"status": "done"}, "documents"),
], ids=["unknown qualifier", "null value", "date not ISO", "unknown column", "unknown granularity", "bad status"])
def test_schemas_reject(row, table, streamed_rows):
    """The schemas are not vacuous: a valid row with one wrong field fails."""
    schema = json.loads((SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8"))
    valid = next(r for r in streamed_rows if r["table"] == table)
    assert Draft202012Validator(schema).is_valid(valid)
    assert not Draft202012Validator(schema).is_valid({**valid, **row})
