"""Tables → files in the output folder: NAME.parquet and NAME.csv (UTF-8), each written atomically.

    write_tables({"facts": df, ...}, Path("outputs"), ["parquet", "csv"])
    -> outputs/facts.parquet, outputs/facts.csv, ...

Each file is written to a temporary file in the same folder and moved into place with os.replace,
so a reader (or an interrupted run) never sees a half-written table.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

FORMATS = ("parquet", "csv")


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, formats=FORMATS) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            write_atomically(df, path, fmt)
            written.append(path)
    return written


def write_atomically(df: pd.DataFrame, path: Path, fmt: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        if fmt == "parquet":
            df.to_parquet(tmp, index=False, engine="pyarrow")
        elif fmt == "csv":
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        else:
            raise ValueError(f"unknown output format {fmt!r}")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
