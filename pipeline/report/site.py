"""The audit report as a static site: index, one page per document, the claims explorer, metric timelines
and the conflicts, written into a folder that opens from disk with no network.

    write_report(load(db=Path("outputs/pressfacts.duckdb")), Path("outputs/report"))
    -> outputs/report/index.html, claims.html, conflicts.html, docs/<doc>.html, metrics/<object>.html, assets/

Pages are Jinja2 templates (pipeline/report/templates/, autoescaped); the explorer's rows are a script
(assets/claims-data.js) rather than a JSON file, because a page opened from disk may not fetch() one.
Timelines are Plotly charts: their figures are written into the page as JSON, and plotly.min.js is copied
from the installed plotly package into assets/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from pipeline.report.data import ReportData
from pipeline.report.markup import Span, highlight

QUALIFIER_SYMBOLS = {"exact": "circle", "approx": "diamond", "more": "triangle-up", "at_least": "triangle-up-open",
                     "less": "triangle-down", "at_most": "triangle-down-open"}
SEMANTIC_COLUMNS = ("role", "change", "baseline_start", "baseline_end", "per", "modality", "source")
TOP = 25


def page_name(key: str) -> str:
    """A file name for a doc_id or metric: the key itself when it is plain, else a readable slug and a hash."""
    if re.fullmatch(r"[\w.-]{1,80}", key) and not key.startswith("."):
        return f"{key}.html"
    slug = re.sub(r"[^\w-]+", "-", key).strip("-")[:60] or "page"
    return f"{slug}-{hashlib.blake2b(key.encode('utf-8', 'surrogatepass'), digest_size=4).hexdigest()}.html"


def number(value) -> str:
    """12 · 1 500 000 · 5,3 · 0,25 (Russian style: thin gaps, decimal comma)."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.6g}".replace(",", "\u202f").replace(".", ",") if abs(value) >= 1000 else \
        f"{value:.6g}".replace(".", ",")


def period(start, end) -> str | None:
    if not start and not end:
        return None
    return start if start == end else f"{start or '…'} – {end or '…'}"


def fact_tip(f: dict) -> str:
    value = number(f["value"]) + (f" – {number(f['value_max'])}" if f.get("value_max") is not None else "")
    lines = [f"value: {value} ({f['qualifier']})", f"unit: {f.get('unit') or '—'}",
             f"object: {f.get('object') or '—'}", f"period: {period(f.get('period_start'), f.get('period_end')) or '—'}",
             f"speaker: {f.get('speaker') or '—'}"]
    lines += [f"{col}: {f[col]}" for col in SEMANTIC_COLUMNS if f.get(col) is not None]
    return "\n".join(lines)


class Site:
    def __init__(self, data: ReportData, out: Path):
        from jinja2 import Environment, PackageLoader, select_autoescape

        self.data, self.out = data, out
        self.env = Environment(loader=PackageLoader("pipeline.report", "templates"),
                               autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
        self.env.filters["number"] = number
        self.env.globals["period"] = period
        self.doc_pages = {d["doc_id"]: page_name(d["doc_id"]) for d in data.documents if d.get("doc_id")}
        self.by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for name in ("facts", "quotes", "people", "positions", "dates"):
            for row in data.tables[name]:
                self.by_doc[row["doc_id"]][name].append(row)
        self.metrics = self.metric_groups()

    def fact_href(self, fact: dict, prefix: str = "") -> str:
        page = self.doc_pages.get(fact["doc_id"])
        return f"{prefix}docs/{page}#{fact['fact_id']}" if page else ""

    def metric_groups(self) -> dict[tuple, list[dict]]:
        """(object, unit) -> its facts, for those claimed in at least two documents. A timeline draws levels:
        a change (`вырос на 5%`) or a rate (`в год`) is no point on the same axis as the amount itself."""
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for fact in self.data.facts:
            if fact.get("object") and (fact.get("role") or "level") == "level" and not fact.get("per"):
                groups[fact["object"], fact.get("unit")].append(fact)
        return {key: facts for key, facts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0][0], kv[0][1] or ""))
                if len({f["doc_id"] for f in facts}) >= 2}

    @staticmethod
    def metric_page(key: tuple) -> str:
        obj, unit = key
        return page_name(f"{obj}" + (f" ({unit})" if unit else ""))

    # ---- pages ----

    def write(self) -> list[Path]:
        out, written = self.out, []
        (out / "assets").mkdir(parents=True)
        static = resources.files("pipeline.report") / "static"
        for name in ("report.css", "report.js"):
            (out / "assets" / name).write_bytes((static / name).read_bytes())
        if self.metrics:
            plotly_js = resources.files("plotly") / "package_data" / "plotly.min.js"
            (out / "assets" / "plotly.min.js").write_bytes(plotly_js.read_bytes())
        written.append(self.render(out / "index.html", "index.html", **self.index_context()))
        written.append(self.render(out / "claims.html", "claims.html", n_facts=len(self.data.facts)))
        (out / "assets" / "claims-data.js").write_text(self.claims_script(), encoding="utf-8")
        written.append(self.render(out / "conflicts.html", "conflicts.html", conflicts=self.conflicts_context()))
        (out / "docs").mkdir()
        for doc in self.data.documents:
            if doc.get("doc_id") in self.doc_pages:
                written.append(self.render(out / "docs" / self.doc_pages[doc["doc_id"]], "document.html",
                                           **self.document_context(doc)))
        (out / "metrics").mkdir()
        for key, facts in self.metrics.items():
            written.append(self.render(out / "metrics" / self.metric_page(key), "metric.html",
                                       **self.metric_context(key, facts)))
        return written

    def render(self, path: Path, template: str, **context) -> Path:
        depth = len(path.parent.relative_to(self.out).parts)
        html = self.env.get_template(template).render(root="../" * depth, source=self.data.source, **context)
        path.write_text(html, encoding="utf-8")
        return path

    def index_context(self) -> dict:
        data = self.data
        objects = Counter((f["object"], f.get("unit")) for f in data.facts if f.get("object"))
        releases = defaultdict(set)
        for f in data.facts:
            if f.get("object"):
                releases[f["object"], f.get("unit")].add(f["doc_id"])
        speakers = Counter(f["speaker"] for f in data.facts if f.get("speaker"))
        quoted = Counter(q["speaker"] for q in data.quotes if q.get("speaker"))
        return {
            "counts": {name: len(rows) for name, rows in data.tables.items()},
            "n_ok": sum(d.get("status") == "ok" for d in data.documents),
            "n_failed": sum(d.get("status") != "ok" for d in data.documents),
            "errors": data.errors,
            "top_objects": [{"object": obj, "unit": unit, "claims": n, "releases": len(releases[obj, unit]),
                             "page": self.metric_page((obj, unit)) if (obj, unit) in self.metrics else None}
                            for (obj, unit), n in objects.most_common(TOP)],
            "top_speakers": [{"speaker": s, "claims": speakers[s], "quotes": quoted[s]}
                             for s, _ in (speakers + quoted).most_common(TOP)],
            "n_metrics": len(self.metrics), "n_conflicts": len(data.conflicts),
            "documents": [{**d, "page": self.doc_pages.get(d.get("doc_id"))} for d in data.documents],
        }

    def document_context(self, doc: dict) -> dict:
        rows = self.by_doc[doc["doc_id"]]
        people = {p["person_id"]: p for p in rows["people"]}
        spans = [Span(f["start"], f["end"], "fact", {"id": f["fact_id"], "data-fact-id": f["fact_id"]}, fact_tip(f))
                 for f in rows["facts"]]
        spans += [Span(d["start"], d["end"], "date", {}, f"date: {period(d['date_start'], d['date_end']) or 'unresolved'}"
                       f" ({d['granularity']})") for d in rows["dates"]]
        spans += [Span(p["start"], p["end"], "position", {"data-person-id": p["person_id"]},
                       f"{p['name']}: {p.get('position_full') or p.get('position') or '—'}") for p in rows["positions"]]
        spans += [Span(q["start"], q["end"], "quote", {"id": q["quote_id"], "data-quote-id": q["quote_id"]},
                       f"said by: {q.get('speaker') or 'no named person'}"
                       + (f", {q['speaker_position']}" if q.get("speaker_position") else "")
                       + f"\ncue: {q.get('cue') or '—'} ({q['kind']})") for q in rows["quotes"]]
        return {"doc": doc, "text": highlight(doc.get("text") or "", spans), "facts": rows["facts"],
                "quotes": rows["quotes"], "people": list(people.values()), "dates": rows["dates"]}

    def claims_script(self) -> str:
        columns = ["fact_id", "doc_id", "href", "text", "value", "value_max", "qualifier", "unit", "object",
                   "period_start", "period_end", "speaker", "published", *SEMANTIC_COLUMNS]
        rows = [[self.fact_href(f) if col == "href" else f.get(col) for col in columns] for f in self.data.facts]
        payload = json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
        return "window.PRESSFACTS_CLAIMS = " + payload.replace("</", "<\\/") + ";\n"

    def conflicts_context(self) -> list[dict]:
        return [{**c, **{f"{side}_href": self.fact_href({"doc_id": c[f"{side}_doc_id"], "fact_id": c[f"{side}_fact_id"]})
                         for side in "ab"}} for c in self.data.conflicts]

    def metric_context(self, key: tuple, facts: list[dict]) -> dict:
        obj, unit = key
        dated, undated = [], []
        for f in facts:
            when = f.get("period_end") or f.get("period_start") or f.get("published")
            (dated if when else undated).append((when, f))
        traces: dict[str, dict] = {}
        for when, f in sorted(dated, key=lambda p: p[0]):
            speaker = f.get("speaker") or "no speaker"
            trace = traces.setdefault(speaker, {"type": "scatter", "mode": "markers", "name": speaker, "x": [], "y": [],
                                                "customdata": [], "text": [], "marker": {"symbol": [], "opacity": [], "size": 11},
                                                "hovertemplate": "%{text}<extra>%{fullData.name}</extra>"})
            trace["x"].append(when)
            trace["y"].append(f["value"])
            trace["customdata"].append(self.fact_href(f, "../"))
            trace["marker"]["symbol"].append(QUALIFIER_SYMBOLS.get(f["qualifier"], "circle"))
            trace["marker"]["opacity"].append(1.0 if (f.get("modality") or "actual") == "actual" else 0.4)  # plans pale
            trace["text"].append(f"{f['text']}<br>{number(f['value'])} ({f['qualifier']})<br>"
                                 f"period: {period(f.get('period_start'), f.get('period_end')) or '—'}<br>"
                                 f"published: {f.get('published') or '—'}"
                                 + (f"<br>{f['modality']}" if (f.get("modality") or "actual") != "actual" else ""))
        figure = {"data": list(traces.values()),
                  "layout": {"xaxis": {"title": {"text": "period (its end), else publication date"}, "type": "date",
                                       "range": date_range([when for when, _ in dated])},
                             "yaxis": {"title": {"text": unit or "count"}, "rangemode": "tozero"},
                             "margin": {"t": 30}, "hovermode": "closest", "legend": {"title": {"text": "speaker"}}}}
        rows = sorted(facts, key=lambda f: (f.get("period_end") or f.get("published") or "", f["fact_id"]))
        return {"object": obj, "unit": unit, "facts": [{**f, "href": self.fact_href(f, "../")} for f in rows],
                "n_points": len(dated), "undated": len(undated),
                "figure": json.dumps(figure, ensure_ascii=False).replace("</", "<\\/")}


def date_range(days: list[str]) -> list[str] | None:
    """The time axis: the claims' dates with a margin of a twentieth of their span, and at least a month on
    each side (one date alone would otherwise be drawn across a millisecond)."""
    if not days:
        return None
    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    margin = max(dt.timedelta(days=31), (last - first) / 20)
    return [(first - margin).isoformat(), (last + margin).isoformat()]


def write_report(data: ReportData, out: Path) -> list[Path]:
    """Write the site into `out`, replacing what was there as a whole: it is made in a new folder beside
    `out` and moved into place when complete."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        written = [out / p.relative_to(new) for p in Site(data, new).write()]
        os.chmod(new, 0o755)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / out.name)
        os.replace(new, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return written
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
