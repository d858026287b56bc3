"""A JSON Schema (draft 2020-12) for the rows of each table, made from pipeline/io/tables.py.

    table_schema("facts")  -> {"type": "object", "properties": {"value": {"type": "number"}, ...}, ...}
    write_schemas(Path("docs/schema"))  -> docs/schema/facts.schema.json, ...  (`pressfacts schema --out DIR`)

A row is what `--format jsonl` and `--out -` write: every column, in order, null where there is no value
(and, on standard output, a "table" field naming the table). Columns in REQUIRED are never null; those
with a vocabulary take only its values; dates are YYYY-MM-DD. docs/schema/*.schema.json are these
files, committed; tests/test_schema.py checks that they are made from the code and that every row of a
run validates against them.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.io.tables import BOOL, COLUMNS, DATE_COLUMNS, FLOAT, INT, REQUIRED, STR, VOCABULARIES

JSON_TYPES = {STR: "string", INT: "integer", FLOAT: "number", BOOL: "boolean"}
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def table_schema(name: str) -> dict:
    properties: dict[str, dict] = {"table": {"const": name, "description": "on standard output (--out -) only"}}
    for column, kind in COLUMNS[name].items():
        required = column in REQUIRED[name]
        prop: dict = {"type": JSON_TYPES[kind] if required else [JSON_TYPES[kind], "null"]}
        if (name, column) in VOCABULARIES:
            prop["enum"] = [*VOCABULARIES[name, column], *([] if required else [None])]
        if (name, column) in DATE_COLUMNS:
            prop["pattern"] = DATE_PATTERN
        properties[column] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"pressfacts {name} row",
        "description": f"One row of the {name} table, as --format jsonl writes it. Made from pipeline/io/tables.py "
                       "(pressfacts schema --out DIR); the columns are described in docs/schema.md.",
        "type": "object",
        "properties": properties,
        "required": list(COLUMNS[name]),
        "additionalProperties": False,
    }


def schema_text(name: str) -> str:
    return json.dumps(table_schema(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in COLUMNS:
        path = out_dir / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        paths.append(path)
    return paths
