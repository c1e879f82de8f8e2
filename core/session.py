"""A review session: the review log plus findings kept current after every edit.

Everything the TUI does is a method here, so it is tested without a terminal. After an edit
only what it can change runs again: of the edited table's sums, the checks that read the
figure edited (validate.TableRuns); of the document rules, those that read what the edit
changed (validate.DocumentRuns). One re-validation takes a few milliseconds, however long
the table.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from .edits import Decision, Edit, Target
from .errors import UserError
from .export import write_csv, write_json, write_xlsx
from .model import Document, Table
from .review import REVIEWED, Review
from .tokens import squash
from .validate import DocumentRuns, Finding, TableRuns, changed_by, settle, validate

EXPORT_SUFFIX = {"xlsx": ".xlsx", "json": ".json", "csv": "_csv"}


@dataclass(frozen=True)
class SearchHit:
    """Where a search found its text: a cell of a table, or a line of the source text."""

    table: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class CellInfo:
    """What a reviewer needs to know of one cell: where it sits (its column's whole header
    path), what it prints, where the text printed it, and why it may be doubted."""

    column: str
    text: str
    original: str | None        # the extracted text, where the reviewer corrected it
    inferred: str               # why the reader placed or joined it ("" for a plain read)
    line: int | None
    page: int | None
    findings: int               # findings that point at this cell


def _searchable(text: str) -> str:
    """Text as a search compares it: NFKC (（ as (, full-width digits as digits), no spaces."""
    return squash(unicodedata.normalize("NFKC", text))


class ReviewSession:
    def __init__(self, review: Review):
        self.review = review
        self._table_runs: dict[int, TableRuns] = {}
        self._document_runs = DocumentRuns()
        self.findings: list[Finding] = []
        self.revalidate()

    @property
    def tables(self) -> list[Table]:
        return self.review.tables

    @property
    def document(self) -> Document:
        """The document as extracted (its source text, tree and info); tables are `tables`."""
        return self.review.document

    @property
    def saved(self) -> bool:
        return self.review.saved

    @property
    def written_whole(self) -> bool:
        """The review file holds every step (quitting saves when it does not: the journal is folded in)."""
        return self.review.written_whole

    @property
    def save_error(self) -> str:
        """Why the last autosave failed ("" when it did not): the edits stay in memory."""
        return self.review.save_error

    def extracted(self, table: int) -> Table:
        """Table `table` as extracted, before any correction."""
        return self.review.document.tables[table]

    def on_change(self, listener: Callable[[Edit], None]) -> None:
        """Call `listener(edit)` after every edit, undo and redo."""
        self.review.listeners.append(listener)

    def revalidate(self, edit: Edit | None = None) -> list[Finding]:
        """The findings again after `edit` (None: after anything): its table's own rules and
        the document rules that read what it changed run again."""
        doc = self.review.corrected()
        changed = None if edit is None else changed_by(edit, doc.tables[edit.table])
        if edit is None or changed is None:
            self._table_runs = {ti: TableRuns(doc, ti) for ti in range(len(doc.tables))}
            reads = None
        else:
            self._table_runs[edit.table].after(doc, edit)
            reads = {(edit.table, part) for part in changed}
        document_findings = self._document_runs.findings(doc, reads)
        per_table = {ti: runs.findings() for ti, runs in self._table_runs.items()}
        self.findings = settle(validate(doc, per_table, document_findings), self.review.decisions)
        return self.findings

    @overload
    def _after(self, edit: Edit) -> Edit: ...
    @overload
    def _after(self, edit: Edit | None) -> Edit | None: ...

    def _after(self, edit: Edit | None) -> Edit | None:
        if isinstance(edit, Decision):
            settle(self.findings, self.review.decisions)
        elif edit is not None:
            self.revalidate(edit)
        return edit

    # -- edits (all undoable, all saved at once when the review autosaves) ---------------
    def set_cell(self, table: int, row: int, col: int, text: str) -> Edit | None:
        return self._after(self.review.set_cell(table, row, col, text))

    def set_header(self, table: int, col: int, text: str) -> Edit | None:
        return self._after(self.review.set_header(table, col, text))

    def set_table_field(self, table: int, target: Target, text: str) -> Edit | None:
        return self._after(self.review.set_field(table, target, text))

    def set_table_fact(self, table: int, key: str, text: str) -> Edit | None:
        return self._after(self.review.set_fact(table, key, text))

    def insert_row(self, table: int, at: int) -> Edit:
        return self._after(self.review.insert_row(table, at))

    def delete_row(self, table: int, row: int) -> Edit | None:
        if not self.review.tables[table].rows:
            return None
        return self._after(self.review.delete_row(table, row))

    def move_value(self, table: int, row: int, col: int, step: int) -> Edit | None:
        return self._after(self.review.move_value(table, row, col, step))

    def set_reviewed(self, table: int, reviewed: bool) -> Edit | None:
        return self._after(self.review.set_reviewed(table, reviewed))

    def progress(self) -> tuple[int, int, int]:
        """(tables reviewed, tables, findings still open): how far the review has come."""
        reviewed = sum(t.status == REVIEWED for t in self.tables)
        return reviewed, len(self.tables), sum(f.status == "open" for f in self.findings)

    def leave_at(self, table: int, row: int, col: int) -> None:
        self.review.leave_at(table, row, col)

    @property
    def position(self) -> tuple[int, int, int]:
        """(table, row, column) where the reviewer left the document last time."""
        return self.review.position

    def place_of(self, edit: Edit) -> str:
        return self.review.place_of(edit)

    def fill_from_above(self, table: int, row: int, col: int) -> Edit | None:
        return self._after(self.review.fill_from_above(table, row, col))

    def decide(self, finding_id: str, decision: str, note: str = "") -> Edit | None:
        """Confirm, dismiss or explain a finding (or reopen it); the findings show it at once."""
        edit = self.review.decide(finding_id, decision, note)
        if edit is not None:
            settle(self.findings, self.review.decisions)
        return edit

    def undo(self) -> Edit | None:
        return self._after(self.review.undo())

    def redo(self) -> Edit | None:
        return self._after(self.review.redo())

    def save(self) -> Path:
        return self.review.save()

    def export_path(self, fmt: str = "xlsx") -> Path:
        """Where an export goes by default: beside the document (CSV: a folder of files)."""
        return Path(self.review.document.source.path + EXPORT_SUFFIX[fmt])

    def export(self, path: str | Path | None = None, fmt: str = "xlsx") -> tuple[Path, list[str]]:
        """Write the corrected document as a workbook, JSON or CSV files; returns the path and
        warnings. A failed write leaves any earlier file as it was."""
        if fmt not in EXPORT_SUFFIX:
            raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_SUFFIX)}")
        target = Path(path) if path else self.export_path(fmt)
        if fmt == "json":
            write_json(self.review.corrected(), target, protected=self._protected())
            return target, []
        if fmt == "csv":
            return write_csv(self.review.corrected(), target, protected=self._protected())
        return write_xlsx(self.review, self.findings, target, protected=self._protected())

    def _protected(self) -> tuple[Path, Path]:
        return Path(self.review.document.source.path), self.review.path

    # -- queries -------------------------------------------------------------------------
    def find(self, query: str, table: int, after: tuple[int, int] | None = None) -> SearchHit | None:
        """The next cell of table `table` printing `query` after the cell `after` (row by row,
        wrapping round), else the first line of the source text printing it; None where
        nothing does. Spaces and full-width forms do not matter."""
        wanted = _searchable(query)
        if not wanted:
            return None
        if 0 <= table < len(self.tables):
            t = self.tables[table]
            places = [(r, c) for r in range(len(t.rows)) for c in range(len(t.columns))]
            start = places.index(after) + 1 if after in places else 0
            for r, c in places[start:] + places[:start]:
                if wanted in _searchable(t.cell(r, c).text):
                    return SearchHit(table=table, row=r, col=c)
        line = next((k for k, text in enumerate(self.document.source.lines, start=1) if wanted in _searchable(text)),
                    None)
        return SearchHit(line=line) if line is not None else None


    def cell_info(self, table: int, row: int, col: int) -> CellInfo | None:
        """The cell at (row, col) of table `table`, described; None outside the table."""
        if not 0 <= table < len(self.tables):
            return None
        t = self.tables[table]
        if not (0 <= row < len(t.rows) and 0 <= col < len(t.columns)):
            return None
        cell = t.cell(row, col)
        line = cell.lines[0] if cell.lines else None
        return CellInfo(t.columns[col].text, self.document.printed(cell), cell.original, cell.inferred, line,
                        self.document.source.page_of(line) if line else None,
                        sum(f.row == row and f.col == col for f in self.findings_of(table)))

    def findings_where(self, status: str | None = None, severity: str | None = None,
                       check: str | None = None) -> list[int]:
        """Indices into `findings` of those with this status, severity and check (None: any)."""
        return [i for i, f in enumerate(self.findings)
                if (status is None or f.status == status) and (severity is None or f.severity == severity)
                and (check is None or f.check == check)]

    def finding_checks(self) -> list[str]:
        """The checks the document's findings come from, in the order of their first finding."""
        return list(dict.fromkeys(str(f.check) for f in self.findings))

    def findings_of(self, table: int) -> list[Finding]:
        return [f for f in self.findings if f.table_index == table]

    def printed_rows(self, table: int) -> list[list[str]]:
        """The table's cells as the source prints them (thousands separators kept), row by row."""
        t = self.tables[table]
        return [[self.document.printed(t.cell(r, j)) for j in range(len(t.columns))] for r in range(len(t.rows))]

    def edited_columns(self, table: int) -> frozenset[int]:
        """Columns whose header the reviewer renamed (their path differs from the extracted one)."""
        extracted = self.extracted(table).columns
        return frozenset(j for j, column in enumerate(self.tables[table].columns)
                         if j >= len(extracted) or column.path != extracted[j].path)

    def finding_cells(self, table: int) -> set[tuple[int, int]]:
        return {(f.row, f.col) for f in self.findings_of(table) if f.row is not None and f.col is not None}

    def next_finding(self, cursor: tuple[int, int, int] | None, last: int | None, step: int = 1) -> int | None:
        """Index into `findings` of the next (step 1) or previous (-1) finding in the order of
        the source, wrapping around, findings of the text (no table) included: from `last`, the
        finding the reviewer went to, while they have not moved on (several findings of one cell
        are each reached), else from the grid's `cursor` (table, row, column)."""
        if not self.findings:
            return None
        order = sorted(range(len(self.findings)), key=self._finding_place)
        if last is not None:
            here = self._finding_place(last)
        elif cursor is not None:
            line = self._cursor_line(*cursor)
            here = (line, -1) if step > 0 else (line, len(self.findings))
        else:
            return order[0] if step > 0 else order[-1]
        if step > 0:
            return next((i for i in order if self._finding_place(i) > here), order[0])
        return next((i for i in reversed(order) if self._finding_place(i) < here), order[-1])

    def _finding_place(self, index: int) -> tuple[int, int]:
        """Where a finding stands in the source: its first line (its table's, without one)."""
        f = self.findings[index]
        line = f.lines[0] if f.lines else (self.tables[f.table_index].first_line if f.table_index is not None else 0)
        return line, index

    def _cursor_line(self, table: int, row: int, col: int) -> int:
        """The source line of the cell under the cursor (its row's, its table's where it has none)."""
        t = self.tables[table]
        if 0 <= row < len(t.rows):
            lines = t.cell(row, col).lines or next((c.lines for c in t.rows[row] if c.lines), ())
            if lines:
                return lines[0]
        return t.first_line
