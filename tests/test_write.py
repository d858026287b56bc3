"""The writers make, without pandas, the files pandas would: CSV byte for byte as `DataFrame.to_csv`, and
Parquet that `pd.read_parquet` reads back into the DataFrame `tables.frame` makes, dtypes included."""
from __future__ import annotations

import itertools
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.io import Rows
from pipeline.run import run
from pipeline.io.tables import SCHEMA, TABLES, frame
from pipeline.io.write import write_atomically, write_tables

from conftest import CORPUS, ROOT

# Rows a table can meet: missing values (None, NaN), text that needs quoting, integers given as floats,
# floats at the edges of repr's fixed and scientific notation.
EDGE_ROWS = {
    "facts": [
        {"doc_id": "a", "fact_id": "a:f1", "start": 0, "end": 5, "text": "12 школ", "value": 12.0,
         "value_max": None, "in_quote": True, "sentence_start": 0, "speaker": None},
        {"doc_id": "b,c", "fact_id": 'x"y', "start": 3.0, "end": None, "text": "строка\nвторая\r\nтретья",
         "value": 1e16, "value_max": float("nan"), "in_quote": False, "kind": "", "multiplier": 1e-05},
        {"doc_id": " пробел ", "value": 0.1 + 0.2, "value_max": 123456789.123, "in_quote": None,
         "qualifier": float("nan"), "multiplier": -0.0},
        {"doc_id": "big", "value": 9999999999999998.0, "value_max": 1e-4, "multiplier": 2.5e-7,
         "start": 2**40, "text": "«кавычки» ; и, запятые"},
    ],
    "errors": [],
    "documents": [{"doc_id": "d", "n_chars": 0, "status": "error", "error": "нет файла"}],
}


def expected_csv(name: str, rows: list[dict]) -> bytes:
    return frame(name, rows).to_csv(index=False, lineterminator="\n").encode("utf-8")


@pytest.fixture(scope="module")
def corpus_rows(tools):
    rows = Rows()
    run([CORPUS], rows, tools)
    return rows


@pytest.mark.parametrize("name", sorted(EDGE_ROWS))
def test_edge_rows_as_pandas_writes_them(name, tmp_path):
    rows = EDGE_ROWS[name]
    write_tables({name: rows}, tmp_path)
    assert (tmp_path / f"{name}.csv").read_bytes() == expected_csv(name, rows)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), frame(name, rows),
                                  check_exact=True)


@pytest.mark.parametrize("name", TABLES)
def test_corpus_tables_as_pandas_writes_them(name, corpus_rows, tmp_path):
    rows = corpus_rows[name]
    write_tables({name: rows}, tmp_path)
    assert (tmp_path / f"{name}.csv").read_bytes() == expected_csv(name, rows)
    written = pq.read_table(tmp_path / f"{name}.parquet")
    assert written.schema.names == list(SCHEMA[name])
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), frame(name, rows),
                                  check_exact=True)


def test_parquet_as_pandas_writes_it(corpus_rows, tmp_path):
    """The same Arrow types and values as `DataFrame.to_parquet` of the same table."""
    rows = corpus_rows["facts"]
    write_tables({"facts": rows}, tmp_path, ["parquet"])
    frame("facts", rows).to_parquet(tmp_path / "by_pandas.parquet", index=False, engine="pyarrow")
    ours, theirs = pq.read_table(tmp_path / "facts.parquet"), pq.read_table(tmp_path / "by_pandas.parquet")

    def types(table):                         # pandas 2 writes `string` columns, pandas 3 `large_string`
        return [(f.name, str(f.type).replace("large_", "")) for f in table.schema]
    assert types(ours) == types(theirs)
    assert ours.to_pylist() == theirs.to_pylist()


def test_the_command_line_does_not_import_pandas(tmp_path):
    """pandas is for the Python API: the command line writes its tables without it (~0.25 s)."""
    code = ("import sys\nfrom pipeline.cli import main\n"
            f"code = main(['extract', {str(CORPUS / '103_synthetic_schools.txt')!r}, '--out', {str(tmp_path)!r}, "
            "'--quiet'])\nprint(code, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 1


def test_write_is_atomic(tmp_path):
    path = tmp_path / "facts.csv"
    write_atomically(path, lambda tmp: open(tmp, "w").write("a\n1\n"))

    def crash(tmp):
        open(tmp, "w").write("a\n2")
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, crash)
    assert path.read_text() == "a\n1\n"                                 # the old table is intact
    assert [p.name for p in tmp_path.iterdir()] == ["facts.csv"]       # no temp file left behind


def long_fact_rows(n: int) -> list[dict]:
    """Facts whose sentences are long (a page with a claim every few words): 1,000 characters each."""
    return [{"doc_id": "p", "fact_id": f"p:f{i}", "start": i, "end": i + 1, "text": str(i), "value": float(i),
             "sentence": ("в городе открыли новые школы и детские сады " * 25)[:1000] + str(i)} for i in range(n)]


@pytest.mark.parametrize("n, splits", [
    (3000, [3000]),
    (3000, [1, 999, 1000, 1000]),
    (3000, [7] * 428 + [4]),
    (5000, [2500, 2500]),
])
def test_row_groups_bounded_by_text_and_the_same_whatever_the_batches(n, splits, tmp_path):
    """Long text ends a row group early (the writer holds ~2 MB of a table, not 16,384 rows of it), and
    where groups end follows from the rows: one file, byte for byte, whatever batches the rows came in."""
    from pipeline.io.write import GROUP_TEXT_BYTES, TableFiles

    rows = long_fact_rows(n)
    whole = tmp_path / "whole"
    write_tables({"facts": rows}, whole, ["parquet"])
    split = tmp_path / "split"
    with TableFiles(split, ["parquet"]) as sink:
        start = 0
        for size in splits:
            sink.add({"facts": rows[start:start + size]})
            start += size
    assert (split / "facts.parquet").read_bytes() == (whole / "facts.parquet").read_bytes()
    meta = pq.ParquetFile(whole / "facts.parquet").metadata
    sizes = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
    assert sum(sizes) == n
    text = [sum(len(v.encode()) for v in r.values() if isinstance(v, str)) for r in rows]
    assert all(sum(text[a:a + size]) <= GROUP_TEXT_BYTES + max(text) for a, size in
               zip(itertools.accumulate([0] + sizes), sizes))                  # no group much over the bound
    assert len(sizes) > sum(text) // GROUP_TEXT_BYTES                          # and none much under it
    assert pd.read_parquet(whole / "facts.parquet")["fact_id"].tolist() == [r["fact_id"] for r in rows]
