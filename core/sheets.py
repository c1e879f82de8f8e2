"""What every output shares: cell text made safe for spreadsheets and CSV, sheet names,
which columns hold text, and the long-format records of every figure. No pandas or
openpyxl here, so that writing JSON or CSV imports neither."""
from __future__ import annotations

import re

from .columns import ColumnRole
from .model import Document, Table, parse_amount

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot hold these; openpyxl refuses them or writes an ill-formed part
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
LONG_COLUMNS = ("table", "kind", "row_code", "row_label", "column", "value", "text", "unit", "page", "inferred",
                "corrected")


def safe_text(text: str) -> tuple[str, bool]:
    """Text without the characters a spreadsheet cannot hold, and whether any were removed."""
    cleaned = _ILLEGAL.sub("", text)
    return cleaned, cleaned != text


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and parse_amount(text) is None


def csv_safe(text: str) -> str:
    """A CSV field a spreadsheet shows rather than runs (the quote prefix Excel honours)."""
    cleaned = safe_text(text)[0]
    return "'" + cleaned if is_formula_like(cleaned) else cleaned


def sheet_names(tables: list[Table]) -> list[str]:
    """Unique sheet names of at most 31 characters without the characters Excel forbids,
    never starting or ending with an apostrophe."""
    used: set[str] = {"Findings", "Review log", "Data", "Document"}
    out = []
    for i, t in enumerate(tables, start=1):
        base = _SHEET_FORBIDDEN.sub("_", t.title or t.kind or "table").strip("'") or "table"
        name = f"{i:02d} {base}"[:31].rstrip("'")
        n = 2
        while name in used:
            suffix = f" ({n})"
            name = f"{i:02d} {base}"[:31 - len(suffix)].rstrip("'") + suffix
            n += 1
        used.add(name)
        out.append(name)
    return out


def text_columns(table: Table) -> set[int]:
    """Columns of codes, names and row numbers: their cells stay text even where they read
    as numbers (a code 2010101 is not an amount)."""
    # a form's indicator columns (一级指标, 指标值) hold words and targets such as `≥95%`
    return {j for j, c in enumerate(table.columns) if c.role != ColumnRole.AMOUNT or "指标" in c.leaf}


def long_records(doc: Document) -> list[dict]:
    """Every amount of the document, a record each (LONG_COLUMNS), ready for a pivot table."""
    records = []
    for t in doc.tables:
        text_cols = text_columns(t)
        label_col = t.label_column()
        for r, row in enumerate(t.rows):
            for j, cell in enumerate(row[:len(t.columns)]):
                if j in text_cols or cell.value is None:
                    continue
                page = doc.source.page_of(cell.lines[0]) if cell.lines else None
                records.append({"table": t.title, "kind": t.kind, "row_code": t.row_code(r),
                                "row_label": t.cell(r, label_col).text, "column": t.columns[j].text,
                                "value": float(cell.value), "text": cell.text, "unit": t.unit,
                                "page": "" if page is None else page, "inferred": bool(cell.inferred),
                                "corrected": cell.original is not None})
    return records

