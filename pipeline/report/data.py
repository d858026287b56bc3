"""The report's input: the seven tables and the conflicts among their facts, from an archive or a folder.

    load(db=Path("outputs/pressfacts.duckdb"))      -> ReportData(documents=[...], facts=[...], conflicts=[...])
    load(tables=Path("outputs"))                     # what `extract` wrote there (Parquet, else JSONL)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.io import TABLES, Archive, Rows, UsageError, conflicts_of, find_conflicts


@dataclass
class ReportData:
    source: str
    tables: dict[str, list[dict]] = field(default_factory=dict)
    conflicts: list[dict] = field(default_factory=list)

    def __getattr__(self, name: str) -> list[dict]:
        if name in TABLES:
            return self.tables[name]
        raise AttributeError(name)


def load(db: Path | None = None, tables: Path | None = None) -> ReportData:
    if (db is None) == (tables is None):
        raise UsageError("give either --db PATH or --tables DIR")
    if db is not None:
        with Archive.open(db, read_only=True) as archive:
            rows = Rows()
            archive.export(rows, tables=TABLES)
            conflicts = find_conflicts(archive.con)
        return ReportData(str(db), dict(rows), conflicts)
    found = read_folder(tables)
    return ReportData(str(tables), found, conflicts_of(found["facts"]))


def read_folder(folder: Path, names=TABLES) -> dict[str, list[dict]]:
    """The tables `extract` wrote into `folder`: NAME.parquet, else NAME.jsonl."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    found: dict[str, list[dict]] = {}
    for name in names:
        parquet, jsonl = folder / f"{name}.parquet", folder / f"{name}.jsonl"
        if parquet.exists():
            import pyarrow.parquet as pq

            found[name] = pq.read_table(parquet).to_pylist()
        elif jsonl.exists():
            with open(jsonl, encoding="utf-8") as lines:
                found[name] = [json.loads(line) for line in lines if line.strip()]
        else:
            raise UsageError(f"{folder}: no {name}.parquet or {name}.jsonl (the folder `pressfacts extract` wrote)")
    return found
