"""Reviewer corrections: an append-only log of edits applied on top of the extraction.

The extracted tables are never changed; `Review.tables` is the extraction with the applied
edits replayed over it. Every edit can be undone and redone, and the log is saved atomically
to a review file beside the document so no correction is ever lost.
"""
from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from .atomic import atomic_write_text
from .errors import UserError
from .model import Cell, Document, Table

REVIEW_FORMAT = "budget-review.review"
REVIEW_VERSION = 1
EDIT_TARGETS = ("cell", "header", "title", "kind", "unit", "fact", "insert_row", "delete_row")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Edit:
    """One correction. `row`/`col` address the corrected table as it was when the edit was
    made; `old`/`new` are texts (a whole row, as a list, for row insertions and deletions);
    `key` names the form fact (项目名称, 年度资金总额 …) a `fact` edit corrects."""

    target: str
    table: int
    row: int | None = None
    col: int | None = None
    old: str | list | None = None
    new: str | list | None = None
    time: str = ""
    key: str = ""

    def describe(self) -> str:
        where = f"table {self.table + 1}" + (f" {self.key}" if self.key else "")
        if self.row is not None:
            where += f" row {self.row + 1}"
        if self.col is not None:
            where += f" column {self.col + 1}"
        return f"{self.target} {where}: {self.old!r} → {self.new!r}"


def default_review_path(document_path: str | Path) -> Path:
    p = Path(document_path)
    return p.with_name(p.name + ".review.json")


def _apply(table: Table, edit: Edit) -> None:
    """Apply one edit to a (private copy of a) table."""
    if edit.target == "cell":
        old = table.cell(edit.row, edit.col)
        row = table.rows[edit.row]
        while len(row) <= edit.col:
            row.append(Cell(""))
        row[edit.col] = replace(old, text=edit.new, inferred="",     # the reviewer's value, not a guess
                                original=old.original if old.original is not None else old.text,
                                edited_at=edit.time)
    elif edit.target == "header":
        table.columns[edit.col] = edit.new
    elif edit.target == "title":
        table.title = edit.new
    elif edit.target == "kind":
        table.kind = edit.new
    elif edit.target == "unit":
        table.unit = edit.new
    elif edit.target == "fact":
        table.fields[edit.key] = edit.new
    elif edit.target == "insert_row":
        table.rows.insert(edit.row, [Cell(t, (), "", "", edit.time) for t in edit.new])
    elif edit.target == "delete_row":
        del table.rows[edit.row]
    else:
        raise ValueError(f"unknown edit target {edit.target}")


def _copy_table(table: Table) -> Table:
    t = copy.copy(table)
    t.columns = list(table.columns)
    t.rows = [list(r) for r in table.rows]
    t.fields = dict(table.fields)
    t.notes = list(table.notes)
    return t


class Review:
    """The edit log of one document, with undo/redo and the corrected tables."""

    def __init__(self, document: Document, path: str | Path | None = None, autosave: bool = False):
        self.document = document
        self.path = Path(path) if path else default_review_path(document.source.path)
        self.autosave = autosave
        self.edits: list[Edit] = []
        self.undone: list[Edit] = []
        self.tables: list[Table] = list(document.tables)
        self.saved = True
        self.listeners: list = []

    # -- state -------------------------------------------------------------------------
    def corrected(self) -> Document:
        return self.document.with_tables(self.tables)

    def _rebuild(self, index: int) -> None:
        table = _copy_table(self.document.tables[index])
        for e in self.edits:
            if e.table == index:
                _apply(table, e)
        self.tables[index] = table

    def _push(self, edit: Edit) -> None:
        """Apply `edit` to a copy of its table and append it to the log."""
        table = _copy_table(self.tables[edit.table])
        _apply(table, edit)
        self.tables[edit.table] = table
        self.edits.append(edit)

    def _changed(self, edit: Edit) -> None:
        self.saved = False
        if self.autosave:
            self.save()
        for listener in self.listeners:
            listener(edit)

    # -- operations --------------------------------------------------------------------
    def apply(self, edit: Edit) -> Edit:
        if edit.target not in EDIT_TARGETS:
            raise UserError(f"unknown edit {edit.target}")
        if not 0 <= edit.table < len(self.tables):
            raise UserError(f"no table {edit.table + 1}")
        edit = replace(edit, time=edit.time or now())
        self._push(edit)
        self.undone.clear()
        self._changed(edit)
        return edit

    def set_cell(self, table: int, row: int, col: int, text: str) -> Edit | None:
        old = self.tables[table].cell(row, col).text
        if old == text:
            return None
        return self.apply(Edit("cell", table, row, col, old, text))

    def set_header(self, table: int, col: int, text: str) -> Edit | None:
        old = self.tables[table].columns[col]
        return None if old == text else self.apply(Edit("header", table, None, col, old, text))

    def set_field(self, table: int, target: str, text: str) -> Edit | None:
        old = getattr(self.tables[table], target)
        return None if old == text else self.apply(Edit(target, table, None, None, old, text))

    def set_fact(self, table: int, key: str, text: str) -> Edit | None:
        old = self.tables[table].fields.get(key, "")
        return None if old == text else self.apply(Edit("fact", table, None, None, old, text, key=key))

    def insert_row(self, table: int, at: int) -> Edit:
        width = len(self.tables[table].columns)
        return self.apply(Edit("insert_row", table, at, None, None, [""] * width))

    def delete_row(self, table: int, row: int) -> Edit:
        old = [c.text for c in self.tables[table].rows[row]]
        return self.apply(Edit("delete_row", table, row, None, old, None))

    def fill_from_above(self, table: int, row: int, col: int) -> Edit | None:
        if row == 0:
            return None
        return self.set_cell(table, row, col, self.tables[table].cell(row - 1, col).text)

    def undo(self) -> Edit | None:
        if not self.edits:
            return None
        edit = self.edits.pop()
        self.undone.append(edit)
        self._rebuild(edit.table)
        self._changed(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self.undone:
            return None
        edit = self.undone.pop()
        self._push(edit)
        self._changed(edit)
        return edit

    # -- persistence -------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"format": REVIEW_FORMAT, "version": REVIEW_VERSION,
                "document": {"name": self.document.name, "sha256": self.document.source.sha256},
                "saved_at": now(), "edits": [asdict(e) for e in self.edits]}

    def save(self) -> Path:
        atomic_write_text(self.path, json.dumps(self.to_json(), ensure_ascii=False, indent=1))
        self.saved = True
        return self.path

    @classmethod
    def open(cls, document: Document, path: str | Path | None = None, autosave: bool = False) -> "Review":
        """The document's review, with the edits of its review file replayed when there is one.
        A review file of another document, or one that is corrupt, is refused and left as it is."""
        review = cls(document, path, autosave)
        p = review.path
        if not p.exists():
            return review
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(f"{p}: the review file is corrupt ({exc}); it was left untouched. "
                            "Move it away or pass --review-file to use another") from exc
        if not isinstance(data, dict) or data.get("format") != REVIEW_FORMAT:
            raise UserError(f"{p}: not a budget-review review file; it was left untouched")
        if data.get("version") != REVIEW_VERSION:
            raise UserError(f"{p}: review file version {data.get('version')} is not supported "
                            f"(this tool reads version {REVIEW_VERSION}); it was left untouched")
        sha = (data.get("document") or {}).get("sha256")
        if sha != document.source.sha256:
            raise UserError(f"{p}: this review file was made for another document "
                            f"({(data.get('document') or {}).get('name')}, sha256 {str(sha)[:12]}…); "
                            "it was left untouched. Pass --review-file to choose another")
        try:
            edits = [Edit(**e) for e in data.get("edits", [])]
            for edit in edits:
                review._push(edit)
        except (TypeError, IndexError, KeyError, ValueError) as exc:
            raise UserError(f"{p}: the review file does not fit this document ({exc}); "
                            "it was left untouched") from exc
        return review
