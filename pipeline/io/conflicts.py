"""Claims that cannot both be true: two releases giving one object, unit and period values that exclude each other.

    «более 1 млн обращений за 2015 год» (one release) and «около 700 тыс. обращений за 2015 год» (another)
      -> [1e6, ∞) and [630e3, 770e3] do not meet: a conflict
    «около 1 млн» and «1,05 млн» for the same year -> [0.9e6, 1.1e6] holds 1.05e6: no conflict

Each claim reads as an interval of values its words allow: `exact` v -> [v, v] (a range: [v, value_max]);
`approx` v -> [0.9 v, 1.1 v] (a range: [0.9 v, 1.1 value_max]); `more`, `at_least` v -> [v, ∞);
`less`, `at_most` v -> [0, v]. Two claims conflict when they are in different documents, have the same
object and unit (both without a unit counts as the same), the same stated period (both bounds equal, not
both missing), the role `level`, the same modality and the same `per` (a rate is no total) where those
columns exist, and intervals that do not meet. The rule is one SQL query, run by DuckDB over the archive or over an extract folder's tables.
"""
from __future__ import annotations

from pipeline.io.tables import CONFLICTS
from pipeline.io.write import arrow_table

def interval_sql(t: str) -> tuple[str, str]:
    """SQL for the low and high ends of the values fact `t` allows (high NULL = no upper bound). 0.9 and 1.1
    as `* 9 / 10` and `* 11 / 10`: one rounding, so that `около 100` still allows exactly 90 and 110."""
    top = f"coalesce({t}.value_max, {t}.value)"
    low = (f"CASE {t}.qualifier WHEN 'approx' THEN {t}.value * 9 / 10 WHEN 'less' THEN 0 WHEN 'at_most' THEN 0 "
           f"ELSE {t}.value END")
    high = (f"CASE {t}.qualifier WHEN 'approx' THEN {top} * 11 / 10 WHEN 'more' THEN NULL WHEN 'at_least' THEN NULL "
            f"ELSE {top} END")
    return low, high


def conflicts_sql(facts: str = "facts", columns: set[str] | None = None) -> str:
    """The query giving the conflicts table over the relation `facts` (whose columns are `columns`)."""
    columns = columns or set()
    same = ["a.object = b.object", "a.unit IS NOT DISTINCT FROM b.unit",
            "a.period_start IS NOT DISTINCT FROM b.period_start", "a.period_end IS NOT DISTINCT FROM b.period_end",
            "(a.period_start IS NOT NULL OR a.period_end IS NOT NULL)", "a.doc_id <> b.doc_id",
            "a.fact_id < b.fact_id"]
    if "role" in columns:                        # claim semantics (CLAIM_SEMANTICS.md), once facts carry it
        same += ["coalesce(a.role, 'level') = 'level'", "coalesce(b.role, 'level') = 'level'"]
    if "modality" in columns:
        same += ["coalesce(a.modality, 'actual') = coalesce(b.modality, 'actual')"]
    if "per" in columns:                         # `5 млн кв. м в год` is a rate, `7 млн кв. м` a total
        same += ["a.per IS NOT DISTINCT FROM b.per"]
    low, high = interval_sql("a")
    sides = ", ".join(f"{side}.{col.removeprefix(side + '_')} AS {col}" for col in CONFLICTS
                      for side in ("a", "b") if col.startswith(side + "_"))
    return f"""
        WITH claims AS (
            SELECT a.*, {low} AS low, {high} AS high FROM {facts} AS a WHERE a.object IS NOT NULL
        )
        SELECT a.object, a.unit, a.period_start, a.period_end, {sides}
        FROM claims AS a JOIN claims AS b ON {' AND '.join(same)}
        WHERE (a.high IS NOT NULL AND a.high < b.low) OR (b.high IS NOT NULL AND b.high < a.low)
        ORDER BY a.object, a.unit NULLS FIRST, a.period_start, a.fact_id, b.fact_id
    """


def find_conflicts(con, facts: str = "facts") -> list[dict]:
    """The conflicts among the facts of relation `facts` on DuckDB connection `con`, as rows."""
    columns = {row[0] for row in con.execute(f"DESCRIBE {facts}").fetchall()}
    cursor = con.execute(conflicts_sql(facts, columns))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def conflicts_of(facts: list[dict]) -> list[dict]:
    """The conflicts among fact rows (an extract folder's, say), by the same query the archive uses."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("facts", arrow_table("facts", facts))
        return find_conflicts(con)
    finally:
        con.close()
