"""The cleaned Excel workbook: one sheet per table, then Findings, Review log, Data, Document."""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from copy import copy
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple
from xml.sax.saxutils import escape as xml_escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.compat import safe_string
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from . import __version__
from .clock import now
from .columns import Column
from .edits import shown_value
from .model import Table, parse_amount
from .review import Review
from .sheets import LONG_COLUMNS, is_formula_like, long_records, safe_text, sheet_names, text_columns
from .text import display_width
from .validate import Finding

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.worksheet.worksheet import Worksheet

CORRECTED = PatternFill("solid", fgColor="FFF2CC")
INFERRED = PatternFill("solid", fgColor="DDEBF7")
FLAGGED = PatternFill("solid", fgColor="F8CBAD")
HEADER = PatternFill("solid", fgColor="D9D9D9")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
NOTE = Font(italic=True)
_THIN = Side(style="thin", color="808080")
RULED = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)      # every header and body cell
WRAPPED = Alignment(wrap_text=True, vertical="top")
WIDEST_COLUMN = 60          # widest column of any sheet, in characters (longer text wraps)
HEADER_STYLE = "budget-review header"     # a header cell's look as one named style: one assignment, not four


def _header_style() -> NamedStyle:
    """The header cells' style, made for each workbook (a named style binds to the workbook it joins)."""
    return NamedStyle(HEADER_STYLE, font=BOLD, fill=HEADER, border=RULED,
                      alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
INFERRED_WORDS = "Names and labels the reader put together:\n"
HEADER_TOP = 4          # first header row of a table sheet (title, unit, legend above)
DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>")


def number_format(text: str) -> str:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


CELL_LIMIT = 32767          # characters an Excel cell holds
WIDE_TABLE = 8              # a table sheet of more columns prints landscape


@lru_cache(maxsize=8192)
def _cell_text(text: str) -> tuple[str, bool, int, bool]:
    """A text as a cell holds it (characters a spreadsheet cannot hold removed, cut to the
    cell's limit), whether characters were removed, its length before the cut, and whether
    it reads as a formula. Cached: the list sheets repeat titles, kinds and columns row after row."""
    value, removed = safe_text(text)
    return value[:CELL_LIMIT], removed, len(value), bool(value) and is_formula_like(value)


def _checked_text(text: str, warnings: list[str], where: str) -> tuple[str, bool]:
    """The text a cell can hold, what was done to it said in `warnings`; whether it reads as a formula."""
    value, removed, length, formula = _cell_text(text)
    if removed:
        warnings.append(f"{where}: characters a spreadsheet cannot hold were removed")
    if length > CELL_LIMIT:
        warnings.append(f"{where}: a text of {length} characters was cut to the {CELL_LIMIT} a cell holds")
    return value, formula


def _put(ws: Worksheet, row: int, col: int, text: str, warnings: list[str], where: str) -> SheetCell:
    value, formula = _checked_text(text, warnings, where)
    cell = ws.cell(row=row, column=col, value=value if value != "" else None)
    if formula:
        cell.data_type = "s"          # shown as text, never run as a formula
    return cell


def _list_sheet(ws: Worksheet, header: list[str], rows: list[list], warnings: list[str],
                streamed: dict[str, StreamedRows] | None = None) -> None:
    """A list sheet (Findings, Review log, Data, Document): a header row, then rows with
    numbers as numbers and text made safe. Given `streamed`, the rows are not made cells but
    written as the sheet's XML when it is saved (`StreamedBook`): the Data sheet holds three
    cells in four of the workbook. Columns are as wide as their longest text (to a limit,
    longer text wraps); a sheet with a header keeps it in view and filters by it."""
    widths = [display_width(name) for name in header] or [0] * max((len(r) for r in rows), default=0)
    if header:
        ws.append(header)
        for cell in ws[1]:
            cell.font = BOLD
    shown_rows: list[list[object]] = []
    for n, values in enumerate(rows, start=2 if header else 1):
        shown: list[object] = []
        formulas = []
        for j, v in enumerate(values, start=1):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                shown.append(v)
            else:
                value, formula = _checked_text(str(v), warnings, ws.title)
                shown.append(value if value != "" else None)
                if formula and streamed is None:
                    formulas.append(j)
            if j <= len(widths):
                widths[j - 1] = max(widths[j - 1], min(WIDEST_COLUMN, display_width(str(v))))
        if streamed is not None:
            shown_rows.append(shown)        # (streamed text is never read as a formula)
            continue
        ws.append(shown)
        for j in formulas:
            ws.cell(row=n, column=j).data_type = "s"          # shown as text, never run as a formula
    if streamed is not None and shown_rows:
        streamed[ws.title] = _rows_xml(shown_rows, 2 if header else 1, len(header))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(6, w + 2)
    if header:
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


class StreamedRows(NamedTuple):
    xml: bytes          # the `<row>` elements
    last_cell: str      # the sheet's dimension ends there: last column, last row


def _rows_xml(rows: list[list[object]], first: int, width: int) -> StreamedRows:
    """The `<row>` elements of `rows` from row `first` on, as openpyxl writes plain values
    (numbers as `<v>`, text as inline strings); `width`: the columns the sheet uses."""
    letters = [get_column_letter(j) for j in range(1, max([len(r) for r in rows] + [width]) + 1)]
    parts: list[str] = []
    for n, values in enumerate(rows, start=first):
        parts.append(f'<row r="{n}">')
        for letter, v in zip(letters, values):
            if v is not None:
                parts.append(f'<c r="{letter}{n}"{_value_xml(v)}')
        parts.append("</row>")
    return StreamedRows("".join(parts).encode("utf-8"), f"{letters[-1]}{first + len(rows) - 1}")


@lru_cache(maxsize=8192, typed=True)
def _value_xml(value: object) -> str:
    """A cell's XML after its reference: a number, or text as an inline string. Cached: a
    list sheet repeats its documents' names, kinds, columns and units row after row."""
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f' t="inlineStr"><is><t{space}>{xml_escape(value)}</t></is></c>'
    return f' t="n"><v>{safe_string(value)}</v></c>'


class StreamedBook:
    """A workbook and its list sheets' rows kept as XML (`_list_sheet`): openpyxl makes, and at
    save writes, an object per cell, most of an export's time for the Data sheet's plain
    values. Saving writes each such sheet as openpyxl does and puts the rows into its
    `sheetData`, its dimension widened to them."""

    def __init__(self, workbook: Workbook, streamed: dict[str, StreamedRows]) -> None:
        self.workbook = workbook
        self.streamed = streamed

    def save(self, target: str | Path | IO[bytes]) -> None:
        from openpyxl.writer.excel import ExcelWriter
        rows_by_part: dict[str, StreamedRows] = {}
        for n, ws in enumerate(self.workbook.worksheets, start=1):
            if ws.title in self.streamed:
                rows_by_part[f"xl/worksheets/sheet{n}.xml"] = self.streamed[ws.title]
        archive = _RowsAddingZip(target, rows_by_part)
        ExcelWriter(self.workbook, archive).save()      # (closes the archive)
        if archive.rows_by_part:        # openpyxl named a part otherwise: never a workbook short of rows
            raise RuntimeError(f"worksheet parts not written as expected: {', '.join(archive.rows_by_part)}")


class _RowsAddingZip(ZipFile):
    """The workbook's archive, adding streamed rows to the worksheet parts named."""

    def __init__(self, target: str | Path | IO[bytes], rows_by_part: dict[str, StreamedRows]) -> None:
        super().__init__(target, "w", ZIP_DEFLATED, allowZip64=True)
        self.rows_by_part = dict(rows_by_part)     # those not written yet

    def write(self, filename: str | os.PathLike[str], arcname: str | os.PathLike[str] | None = None,
              compress_type: int | None = None, compresslevel: int | None = None) -> None:
        rows = self.rows_by_part.pop(str(arcname), None)
        if rows is None:
            super().write(filename, arcname, compress_type, compresslevel)
            return
        with open(filename, "rb") as f:
            part = f.read()
        part = DIMENSION.sub(f'<dimension ref="A1:{rows.last_cell}"/>'.encode(), part, count=1)
        self.writestr(str(arcname), _with_rows(part, rows.xml, str(arcname)))


def _with_rows(part: bytes, rows: bytes, name: str) -> bytes:
    """A worksheet part with `rows` at the end of its sheetData (written open or, empty, closed)."""
    closing = part.find(b"</sheetData>")
    if closing >= 0:
        return part[:closing] + rows + part[closing:]
    empty = EMPTY_SHEET_DATA.search(part)
    if empty is None:       # (never a workbook short of its rows)
        raise RuntimeError(f"{name}: no sheetData to put the rows in")
    return part[:empty.start()] + b"<sheetData>" + rows + b"</sheetData>" + part[empty.end():]


def _comment(text: str) -> Comment:
    """A cell comment; its text made safe too (a control character makes the part ill-formed)."""
    return Comment(safe_text(text)[0], "budget-review")


def header_grid(columns: list[Column]) -> list[list[str]]:
    """Header rows as printed: level i of each column path (empty below a shorter path)."""
    depth = max([len(c.path) for c in columns] + [1])
    return [[(c.path[i] if i < len(c.path) else "") for c in columns] for i in range(depth)]


def merged_header_ranges(columns: list[Column]) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based within the header block, of the
    merged cells: a group name over the columns it spans, a leaf down to the last header row."""
    grid = header_grid(columns)
    depth = len(grid)
    ranges = []
    for i in range(depth):
        j = 0
        while j < len(columns):
            parts = columns[j].path
            if i >= len(parts):
                j += 1
                continue
            prefix = parts[:i + 1]
            k = j
            while k + 1 < len(columns) and columns[k + 1].path[:i + 1] == prefix and i < len(parts) - 1:
                k += 1
            last_row = depth - 1 if i == len(parts) - 1 else i
            if k > j or last_row > i:
                ranges.append((i, j, last_row, k))
            j = k + 1
    return ranges


class BodyLooks:
    """The few looks of a workbook's body cells (a fill, a number format, wrapping), each
    made once and given to a cell as openpyxl copies a worksheet, its style array copied:
    setting fill and format cell by cell hashed every style object, a tenth of the build.
    A workbook's own: a style array points into its workbook's lists of styles."""

    def __init__(self) -> None:
        self._made: dict[tuple[int, str, bool], StyleArray] = {}

    def give(self, target: SheetCell, fill: PatternFill | None, number_format: str, wrapped: bool) -> None:
        key = (id(fill), number_format, wrapped)
        made = self._made.get(key)
        if made is not None:
            target._style = copy(made)
            return
        target.number_format = number_format
        if fill is not None:
            target.fill = fill
        if wrapped:
            target.alignment = WRAPPED
        self._made[key] = copy(target._style)


def _table_sheet(ws: Worksheet, ti: int, table: Table, flagged: dict[tuple[int, int], list[Finding]],
                 warnings: list[str], extracted_facts: dict[str, str], looks: BodyLooks,
                 page_of: Callable[[int], int | None] | None = None) -> None:
    _put(ws, 1, 1, table.title, warnings, ws.title).font = TITLE
    _put(ws, 2, 1, f"单位：{table.unit}" if table.unit else "", warnings, ws.title)
    legend = ws.cell(row=2, column=3, value="corrected")
    legend.fill = CORRECTED
    inferred_legend = ws.cell(row=2, column=4, value="inferred")
    inferred_legend.fill = INFERRED
    ws.cell(row=2, column=5, value="finding").fill = FLAGGED
    grid = header_grid(table.columns)
    merged = merged_header_ranges(table.columns)
    hidden = {(r, c) for r0, c0, r1, c1 in merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - \
        {(r0, c0) for r0, c0, _, _ in merged}
    for i, level in enumerate(grid):
        for j, text in enumerate(level):
            c = _put(ws, HEADER_TOP + i, j + 1, "" if (i, j) in hidden else text, warnings, ws.title)
            c.style = HEADER_STYLE
    for r0, c0, r1, c1 in merged:
        # every cell of the range is ruled already and only its first holds text: the range is
        # recorded as it is (merge_cells, or a MergedCellRange, reads each cell's borders again)
        ws.merged_cells.add(CellRange(min_row=HEADER_TOP + r0, min_col=c0 + 1, max_row=HEADER_TOP + r1,
                                      max_col=c1 + 1))
    first_body = HEADER_TOP + len(grid)
    text_cols = text_columns(table)
    widths = [display_width(c.leaf) for c in table.columns]
    words_inferred: Counter[str] = Counter()
    for r, row in enumerate(table.rows):
        for j, cell in enumerate(row[:len(table.columns)]):
            target = ws.cell(row=first_body + r, column=j + 1)
            width = display_width(cell.text)
            value = cell.value if j not in text_cols else None
            amount = value is not None
            if value is not None:
                target.value = float(value)
            else:
                _put(ws, first_body + r, j + 1, cell.text, warnings, f"{ws.title}!{target.coordinate}")
            widths[j] = max(widths[j], width)
            fill = CORRECTED if cell.original is not None else FLAGGED if (r, j) in flagged else \
                INFERRED if cell.inferred else None
            looks.give(target, fill, number_format(cell.text) if amount else "@",
                       not amount and width > WIDEST_COLUMN)
            if cell.original is not None:
                target.comment = _comment(f"extracted: {cell.original or '(empty)'}\nedited: {cell.edited_at}")
            elif (r, j) in flagged:
                target.comment = _comment("\n".join(f.message for f in flagged[(r, j)])[:2000])
            elif cell.inferred:
                if amount:
                    target.comment = _comment(cell.inferred)     # a figure's place: said where it stands
                else:
                    words_inferred[cell.inferred] += 1
    if words_inferred:
        # names and labels joined from fragments, facts filled down: hundreds of cells of a few
        # reasons, said once on the legend (a comment each buried the figures' own)
        inferred_legend.comment = _comment(INFERRED_WORDS + "\n".join(
            f"{reason}: {n} cell{'s' if n > 1 else ''}" for reason, n in words_inferred.most_common()))
    if table.rows and table.columns:      # one rule rules the body (a border per cell costs the export a third)
        body = f"A{first_body}:{get_column_letter(len(table.columns))}{first_body + len(table.rows) - 1}"
        ws.conditional_formatting.add(body, FormulaRule(formula=["TRUE"], border=RULED))
    below = first_body + len(table.rows) + 1
    facts = table.all_facts()
    if facts:
        _facts(ws, below, facts, extracted_facts, warnings)
        below += len(facts) + 2
        if widths:
            widths[0] = max(widths[0], *(display_width(k) for k in facts))
    for n, note in enumerate(table.notes, start=below):     # the table's notes (注：…) under it, as printed
        _put(ws, n, 1, note, warnings, ws.title).font = NOTE
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(WIDEST_COLUMN, max(8, w + 2))
    if page_of is not None:
        _pages_column(ws, table, first_body, page_of)
    ws.freeze_panes = ws.cell(row=first_body, column=1)
    _print_setup(ws, len(table.columns), HEADER_TOP, first_body - 1)


def _print_setup(ws: Worksheet, columns: int, header_top: int, header_bottom: int) -> None:
    """A table prints one page wide (landscape where wide), its header rows on every page."""
    ws.page_setup.orientation = "landscape" if columns > WIDE_TABLE else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_top}:{max(header_top, header_bottom)}"


def _pages_column(ws: Worksheet, table: Table, first_body: int, page_of: Callable[[int], int | None]) -> None:
    """For a PDF, the page of each row beside the grid (a row cut by a page break: both)."""
    col = len(table.columns) + 2
    head = ws.cell(row=HEADER_TOP, column=col, value="page")
    head.font = BOLD
    for r, row in enumerate(table.rows):
        pages = sorted({p for cell in row for k in cell.lines if (p := page_of(k)) is not None})
        if pages:
            ws.cell(row=first_body + r, column=col, value=", ".join(map(str, pages)))


def _facts(ws: Worksheet, top: int, facts: dict[str, str], extracted: dict[str, str], warnings: list[str]) -> None:
    """A form's facts (项目名称, 年度资金总额, 资金情况 …) under its grid: key, value; amounts as numbers."""
    _put(ws, top, 1, "Form facts", warnings, ws.title).font = BOLD
    for n, (key, value) in enumerate(facts.items(), start=top + 1):
        _put(ws, n, 1, key, warnings, ws.title)
        amount = parse_amount(value)
        target = ws.cell(row=n, column=2)
        if amount is not None:
            target.value, target.number_format = float(amount), number_format(value)
        else:
            _put(ws, n, 2, value, warnings, f"{ws.title}!{target.coordinate}")
        if extracted.get(key) != value:
            target.fill = CORRECTED
            target.comment = _comment(f"extracted: {extracted.get(key) or '(empty)'}")


def build_workbook(review: Review, findings: list[Finding], warnings: list[str]) -> StreamedBook:
    doc = review.corrected()
    streamed: dict[str, StreamedRows] = {}
    wb = Workbook()
    wb.remove(wb.active)
    wb.add_named_style(_header_style())
    names = sheet_names(doc.tables)
    looks = BodyLooks()
    by_cell: dict[int, dict[tuple[int, int], list[Finding]]] = {}
    for f in findings:
        if f.table_index is not None and f.row is not None and f.col is not None:
            by_cell.setdefault(f.table_index, {}).setdefault((f.row, f.col), []).append(f)
    for ti, (table, name) in enumerate(zip(doc.tables, names)):
        _table_sheet(wb.create_sheet(name), ti, table, by_cell.get(ti, {}), warnings,
                     review.document.tables[ti].all_facts(), looks, doc.source.page_of if doc.source.pages else None)

    ws = wb.create_sheet("Findings")
    _list_sheet(ws, ["id", "severity", "check", "description", "table", "row", "column", "source lines", "figures",
                     "status", "note"],
                [[f.id, f.severity, f.check, f.message, f.table, f.where.split(" / ")[0] if f.where else "",
                  f.where.split(" / ")[-1] if " / " in f.where else "", ", ".join(map(str, f.lines)),
                  f.figures, f.status, f.note] for f in findings], warnings)
    for n, f in enumerate(findings, start=2):
        if f.table_index is not None and f.row is not None and f.col is not None:
            table = doc.tables[f.table_index]
            sheet = names[f.table_index].replace("'", "''")
            target = f"'{sheet}'!{get_column_letter(f.col + 1)}" \
                     f"{HEADER_TOP + len(header_grid(table.columns)) + f.row}"
            link = ws.cell(row=n, column=4)
            link.hyperlink = f"#{target}"
            link.font = Font(color="0563C1", underline="single")

    ws = wb.create_sheet("Review log")
    _list_sheet(ws, ["time", "edit", "where", "table", "row", "column", "extracted/old", "new"],
                [[e.time, e.target, review.place_of(e), doc.tables[e.table].title if 0 <= e.table < len(doc.tables)
                  else "", *("" if i is None else i + 1 for i in e.address),
                  shown_value(e.old), shown_value(e.new)] for e in review.edits], warnings, streamed)

    ws = wb.create_sheet("Data")
    _list_sheet(ws, list(LONG_COLUMNS), [[rec[c] for c in LONG_COLUMNS] for rec in long_records(doc)], warnings,
                streamed)

    ws = wb.create_sheet("Document")
    _list_sheet(ws, [], [[key, value] for key, value in (
        ("source file", Path(doc.source.path).name), ("sha256", doc.source.sha256),
        ("agency", doc.info.agency), ("year", doc.info.year),
        ("report type", doc.info.report_type), ("level", doc.info.level),
        ("exported at", now()), ("tool version", f"budget-review {__version__}"),
        ("edits", str(len(review.edits))))], warnings, streamed)
    return StreamedBook(wb, streamed)


def corpus_workbook(rows: list[dict], columns: list[str]) -> StreamedBook:
    """A row per document of a batch (file, agency, year, tables, errors …), filtered and frozen."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Documents"
    warnings: list[str] = []
    streamed: dict[str, StreamedRows] = {}
    _list_sheet(ws, columns, [[row.get(c, "") for c in columns] for row in rows], warnings, streamed)
    return StreamedBook(wb, streamed)

