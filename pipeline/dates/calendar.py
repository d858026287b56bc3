"""Date fields (from grammars.dates) + publication date -> bounds, granularity, relative (pure functions).

    {'prep': 'в', 'year': '2015'}                   -> Bounds('2015-01-01', '2015-12-31', 'year', False)
    {'shift': -1, 'unit': 'year'}, published 2016-03-29 -> Bounds('2015-01-01', '2015-12-31', 'year', True)
    {'prep': 'с', 'year': '2011'}, published 2016-03-29 -> Bounds('2011-01-01', '2016-03-29', 'range', False)
    {'month': 3, 'day': '29'}, no publication date  -> Bounds(None, None, 'day', True)

Conventions (spec: dates):
- granularity is `day`, `month`, `quarter`, `year` when the expression is exactly one such unit
  (`I квартал 2016 года` -> quarter, `в прошлом месяце` -> month) and `range` for anything else:
  halves, seasons, `9 месяцев`, weeks, decades, centuries, multi-unit spans, open starts.
- halves and seasons span their months; winter of year Y is December Y-1 to February Y (the winter
  that contains January Y); a century is the strict one: XX век = 1901-01-01..2000-12-31.
- `начало`/`середина`/`конец` keep the bounds of the unit they qualify (`в начале 2015 года` -> 2015):
  the text does not say how much of it.
- an open start (`с 2011 г.`, `начиная с 15 декабря 2005 года`, `с начала года`) runs to the
  publication date; without one (or when the start is after it) its end is null.
- `relative` is True when the start needed the publication date (a missing year, `сегодня`,
  `в прошлом году`); a relative expression without a publication date gets null bounds.
- a weekday is the latest such day on or before the publication date; a day and month without a
  year take the publication year; `за последние пять лет` is publication date minus 5 years..publication.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple


class Bounds(NamedTuple):
    date_start: str | None
    date_end: str | None
    granularity: str
    relative: bool


SEASON_MONTHS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
PARTLESS = {"day", "month", "quarter", "year"}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def number(value) -> int | None:
    """'2015' -> 2015 · 3 -> 3 · None -> None"""
    return None if value is None else int(float(str(value).replace(",", ".")))


def unit_bounds(unit: str, anchor: dt.date, shift: int) -> tuple[dt.date, dt.date]:
    """The calendar unit (year, half, quarter, month, week, day) `shift` units away from `anchor`'s."""
    if unit == "year":
        return dt.date(anchor.year + shift, 1, 1), dt.date(anchor.year + shift, 12, 31)
    if unit in ("half", "quarter", "month"):
        size = {"half": 6, "quarter": 3, "month": 1}[unit]
        first = add_months(dt.date(anchor.year, (anchor.month - 1) // size * size + 1, 1), shift * size)
        return first, add_months(first, size) - dt.timedelta(days=1)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    day = anchor + dt.timedelta(days=shift)
    return day, day


GRANULARITY = {"year": "year", "quarter": "quarter", "month": "month", "day": "day"}


def core_bounds(f: dict, year: int | None) -> tuple[dt.date, dt.date, str] | None:
    """Bounds of the start side of an absolute expression in `year` (None when a year is needed)."""
    if f.get("century") is not None:
        c = number(f["century"])
        return dt.date(100 * (c - 1) + 1, 1, 1), dt.date(100 * c, 12, 31), "range"
    if f.get("decade") is not None:
        d = number(f["decade"])
        d = d if d >= 1000 else (1900 + d if d >= 20 else 2000 + d)   # 90-х -> 1990s, 10-х -> 2010s
        return dt.date(d, 1, 1), dt.date(d + 9, 12, 31), "range"
    if year is None:
        return None
    if f.get("month") is not None:
        m = number(f["month"])
        if f.get("day") is not None:
            day = dt.date(year, m, number(f["day"]))
            return day, day, "day"
        return dt.date(year, m, 1), month_end(year, m), "month"
    if f.get("quarter") is not None:
        q = number(f["quarter"])
        return dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter"
    if f.get("half") is not None:
        h = number(f["half"])
        return dt.date(year, 6 * h - 5, 1), month_end(year, 6 * h), "range"
    if f.get("months") is not None:
        n = number(f["months"])
        return dt.date(year, 1, 1), month_end(year, n), "range"
    if f.get("season") is not None:
        first, last = SEASON_MONTHS[f["season"]]
        start_year = year - 1 if first > last else year
        return dt.date(start_year, first, 1), month_end(year, last), "range"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def resolve(fields: dict, published: dt.date | None) -> Bounds | None:
    """Bounds of one Date; None when the fields are no valid date (31 февраля, month 13)."""
    try:
        return _resolve(fields, published)
    except (ValueError, OverflowError, KeyError):
        return None


def _resolve(f: dict, pub: dt.date | None) -> Bounds | None:
    if f.get("month") is None and f.get("day") is not None and f.get("month_end") is not None:
        f = {**f, "month": f["month_end"]}                 # с 13 по 14 апреля: the month is said once
    get = f.get
    relative_kind = next((k for k in ("deictic", "weekday", "direction") if get(k) is not None), None)
    shift_only = get("shift") is not None and not any(
        get(k) is not None for k in ("day", "month", "quarter", "half", "season", "months"))
    implicit = get("unit") is not None and get("shift") is None and relative_kind is None  # с начала года
    if relative_kind or shift_only or implicit:
        granularity = "day" if relative_kind in ("deictic", "weekday") else \
            ("range" if relative_kind == "direction" else GRANULARITY.get(get("unit"), "range"))
        if pub is None:
            return Bounds(None, None, granularity, True)
        start, end = relative_bounds(f, pub)
        return finish(f, start, end, granularity, True, pub)

    if get("season") is not None and get("year") is None and get("year_end") is None:
        return bare_season(f, pub)
    if get("months") is not None and get("year") is None and get("shift") is None and \
            (pub is None or number(get("months")) >= pub.month):
        return None            # `за два месяца` in March, or undated: how long it took, not the months so far
    year = number(get("year"))
    relative = False
    if year is None and get("year_end") is not None:
        year = number(get("year_end"))
    if year is None and get("shift") is not None:        # в мае прошлого года
        relative = True
        year = None if pub is None else pub.year + number(get("shift"))
    needs_year = get("century") is None and get("decade") is None
    if year is None and needs_year:
        relative = True
        year = None if pub is None else pub.year
    start = core_bounds(f, year)
    if start is None:
        ranged = any(get(k) is not None for k in ("day_end", "month_end", "year_end")) or get("prep") == "с"
        granularity = "range" if ranged else core_bounds(f, 2000)[2]     # any leap year: shape only
        return Bounds(None, None, granularity, True)
    first, last, granularity = start

    if any(get(k) is not None for k in ("day_end", "month_end", "year_end")):
        end_month = get("month_end") or (get("month") if get("day_end") else None)
        end_fields = {"day": get("day_end"), "month": end_month}
        end_year = number(get("year_end")) or year
        if end_fields["day"] is not None and end_fields["month"] is None:
            return None
        last = core_bounds({k: v for k, v in end_fields.items() if v is not None}, end_year)[1]
        if last < first and get("year") is None:           # с декабря по февраль 2015 года
            first = first.replace(year=first.year - 1)
        if last < first:
            return None
        granularity = "range"
    return finish(f, first, last, granularity, relative, pub)


def bare_season(f: dict, pub: dt.date | None) -> Bounds:
    """`летом`, `этой зимой`: the latest such season that began on or before publication (winter runs
    December..February); `прошлым летом` the one before it."""
    if pub is None:
        return Bounds(None, None, "range", True)
    first, _ = SEASON_MONTHS[f["season"]]
    # the season of year Y starts in Y (winter: in December of Y-1)
    if f.get("prep") in ("до", "к"):          # `до конца лета`: a deadline, the first season not yet over
        year = min(y for y in (pub.year, pub.year + 1) if core_bounds({"season": f["season"]}, y)[1] >= pub)
    else:
        begun = [y for y in (pub.year + 1, pub.year, pub.year - 1)
                 if dt.date(y - 1 if first == 12 else y, first, 1) <= pub]
        year = max(begun) + (number(f.get("shift")) or 0)
    first_day, last_day, _ = core_bounds({"season": f["season"]}, year)
    return Bounds(first_day.isoformat(), last_day.isoformat(), "range", True)


def relative_bounds(f: dict, pub: dt.date) -> tuple[dt.date, dt.date]:
    get = f.get
    if get("deictic") is not None:
        return unit_bounds("day", pub, number(get("deictic")))
    if get("weekday") is not None:
        day = pub - dt.timedelta(days=(pub.weekday() - number(get("weekday"))) % 7)
        return day, day
    if get("direction") is not None:
        n = get("count")
        n = 1 if n is None else float(str(n).replace(",", "."))
        months = round(n * {"year": 12, "half": 6, "quarter": 3, "month": 1}.get(get("unit"), 0))
        days = round(n * {"week": 7, "day": 1}.get(get("unit"), 0))
        if get("direction") == "past":
            return add_months(pub, -months) - dt.timedelta(days=days), pub
        return pub, add_months(pub, months) + dt.timedelta(days=days)
    return unit_bounds(get("unit"), pub, number(get("shift")) or 0)


def finish(f: dict, first: dt.date, last: dt.date, granularity: str, relative: bool,
           pub: dt.date | None) -> Bounds:
    """An open start (`с 2011 г.`) runs to the publication date; everything else keeps its bounds."""
    if f.get("prep") == "с" and not any(f.get(k) is not None for k in ("day_end", "month_end", "year_end")):
        end = pub if pub is not None and pub >= first else None
        return Bounds(first.isoformat(), end and end.isoformat(), "range", relative)
    return Bounds(first.isoformat(), last.isoformat(), granularity, relative)
