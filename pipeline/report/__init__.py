"""Report: the audit view, a static site made from the archive or from an extract folder.

Takes the seven tables and the conflicts among their facts (`load`); gives a folder of HTML pages that
open from disk with no network (`write_report`): the overview, each release with its claims, dates,
people and quotes highlighted, the claims explorer, a timeline per metric, and the conflicts.

    write_report(load(db=Path("outputs/pressfacts.duckdb")), Path("outputs/report"))
"""
from pipeline.report.data import ReportData, load
from pipeline.report.site import write_report

__all__ = ["load", "write_report", "ReportData"]
