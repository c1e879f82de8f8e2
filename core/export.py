"""Outputs a finance team can use as is: FORMAT.md JSON, pandas frames, CSV and the cleaned
Excel workbook. Every file is written atomically."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .atomic import atomic_write, atomic_write_text, check_destination
from .errors import UserError
from .model import Document, Table, parse_amount
from .review import Review
from .validate import Finding

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def document_json(doc: Document) -> dict:
    return {"source": doc.name, "sha256": doc.source.sha256,
            "document": {"agency": doc.info.agency, "year": doc.info.year,
                         "report_type": doc.info.report_type, "level": doc.info.level},
            "tables": [t.to_json() for t in doc.tables]}


def safe_text(text: str) -> tuple[str, bool]:
    """Text without the characters openpyxl refuses, and whether any were removed."""
    cleaned = _ILLEGAL.sub("", text)
    return cleaned, cleaned != text


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _is_number(text)


def csv_safe(text: str) -> str:
    """A CSV field a spreadsheet shows rather than runs (the quote prefix Excel honours)."""
    cleaned = safe_text(text)[0]
    return "'" + cleaned if is_formula_like(cleaned) else cleaned


def _is_number(text: str) -> bool:
    return parse_amount(text) is not None


# --------------------------------------------------------------------------- pandas

def table_frame(table: Table) -> pd.DataFrame:
    """A table as a DataFrame with MultiIndex columns from the header paths; amounts as floats
    of the printed value, codes and labels as text."""
    depth = max([len(c.split("/")) for c in table.columns] + [1])
    tuples = [tuple(c.split("/")) + ("",) * (depth - len(c.split("/"))) for c in table.columns]
    data = [[(float(c.value) if c.value is not None and j not in _text_columns(table) else c.text)
             for j, c in enumerate(r[:len(table.columns)])] + [""] * (len(table.columns) - len(r))
            for r in table.rows]
    return pd.DataFrame(data, columns=pd.MultiIndex.from_tuples(tuples) if tuples else None)


def _text_columns(table: Table) -> set[int]:
    out = set()
    for j, c in enumerate(table.columns):
        leaf = c.split("/")[-1]
        if any(w in leaf for w in ("编码", "代码", "名称", "行次", "栏次", "指标")) or \
                leaf.startswith("项目") and not leaf.endswith("支出") or j in table.code_columns():
            out.add(j)
    return out


def long_frame(doc: Document) -> pd.DataFrame:
    """Every amount of the document in long format, ready for a pivot table."""
    records = []
    for t in doc.tables:
        text_cols = _text_columns(t)
        label_col = t.label_column()
        for r, row in enumerate(t.rows):
            for j, cell in enumerate(row[:len(t.columns)]):
                if j in text_cols or cell.value is None:
                    continue
                records.append({"table": t.title, "kind": t.kind, "row_code": t.row_code(r),
                                "row_label": t.cell(r, label_col).text, "column": t.columns[j],
                                "value": float(cell.value), "text": cell.text, "unit": t.unit})
    return pd.DataFrame(records, columns=["table", "kind", "row_code", "row_label", "column", "value",
                                          "text", "unit"])


# --------------------------------------------------------------------------- writers

def write_json(doc: Document, path: str | Path | None) -> str:
    text = json.dumps(document_json(doc), ensure_ascii=False, indent=1)
    if path:
        atomic_write_text(path, text)
    return text


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for r in rows:
        writer.writerow([csv_safe(x) for x in r])
    return "\ufeff" + buf.getvalue()


def write_csv(doc: Document, folder: str | Path) -> list[Path]:
    """One CSV per table plus `long.csv` (and `facts.csv` for forms), UTF-8 with BOM so that
    Excel opens them right."""
    d = Path(folder)
    if d.exists() and not d.is_dir():
        raise UserError(f"{d}: is a file; give a folder for the CSV files")
    if not d.exists():
        if not d.parent.is_dir():
            raise UserError(f"{d}: the folder {d.parent} does not exist; create it first")
        d.mkdir()
    written = []
    names = sheet_names(doc.tables)
    for t, name in zip(doc.tables, names):
        rows = [t.columns] + [[c.text for c in r] for r in t.rows]
        written.append(atomic_write_text(d / f"{name}.csv", _csv_text(rows), "utf-8"))
    frame = long_frame(doc)
    rows = [list(frame.columns)] + [[str(v) for v in rec] for rec in frame.itertuples(index=False)]
    written.append(atomic_write_text(d / "long.csv", _csv_text(rows), "utf-8"))
    facts = [[name, key, value] for t, name in zip(doc.tables, names) for key, value in t.fields.items()]
    if facts:       # the forms' facts (项目名称, 年度资金总额 …), a row each
        written.append(atomic_write_text(d / "facts.csv", _csv_text([["table", "fact", "value"]] + facts), "utf-8"))
    return written


def sheet_names(tables: list[Table]) -> list[str]:
    """Unique sheet names of at most 31 characters without the characters Excel forbids."""
    used: set[str] = {"Findings", "Review log", "Data", "Document"}
    out = []
    for i, t in enumerate(tables, start=1):
        base = _SHEET_FORBIDDEN.sub("_", t.title or t.kind or "table").strip("'") or "table"
        name = f"{i:02d} {base}"[:31]
        n = 2
        while name in used:
            suffix = f" ({n})"
            name = f"{i:02d} {base}"[:31 - len(suffix)] + suffix
            n += 1
        used.add(name)
        out.append(name)
    return out


def write_xlsx(review: Review, findings: list[Finding], path: str | Path) -> tuple[Path, list[str]]:
    """The cleaned workbook; returns its path and warnings (characters removed)."""
    from .workbook import build_workbook
    check_destination(path)
    warnings: list[str] = []
    wb = build_workbook(review, findings, warnings)
    return atomic_write(path, wb.save), warnings


def export_time() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

