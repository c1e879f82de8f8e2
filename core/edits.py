"""The kinds of correction a reviewer makes, each a small frozen record that applies itself.

An edit addresses the corrected table as it was when the edit was made (row and column
indices), keeps what it replaced (`old`) beside what it wrote (`new`), and knows how to apply
itself to a private copy of that table, why it no longer fits a table (the extraction changed
since it was made), and how a reviewer names it. Edits of one `group` (a value moved to the
next column: two cells) undo and redo together. The JSON form is one flat object per edit
(`target`, `table`, and the kind's own fields), so review files stay readable by hand.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, fields, replace
from enum import StrEnum
from typing import Any, ClassVar

from .columns import Column
from .model import Cell, Table

# What a reviewer decides of a finding: a real defect of the document, a false alarm, or
# explained by a note. "open" is the state before any decision.
DECISIONS = ("confirmed", "dismissed", "explained", "open")
MAX_INDEX = 10**6       # beyond any real table: a larger index in a review file is corrupt


class Target(StrEnum):
    """What an edit changes: a cell, a column's header, a table's title, kind, unit or review
    status, a form's fact, a row inserted or deleted, or the decision on a finding."""
    CELL = "cell"
    HEADER = "header"
    TITLE = "title"
    KIND = "kind"
    UNIT = "unit"
    STATUS = "status"
    FACT = "fact"
    INSERT_ROW = "insert_row"
    DELETE_ROW = "delete_row"
    DECISION = "decision"


TABLE_FIELDS = (Target.TITLE, Target.KIND, Target.UNIT, Target.STATUS)      # a table's own texts


def shown_value(value: str | tuple[str, ...] | None) -> str:
    """An edit's value as a reviewer reads it: a row's cells joined, never a Python repr."""
    if value is None:
        return ""
    return value if isinstance(value, str) else " | ".join(value)


@dataclass(frozen=True, kw_only=True)
class Edit:
    """What every edit has: the table it corrects (-1 for a decision, which corrects none),
    when it was made, the group it undoes with, and what it replaced by what (each kind
    narrows `old` and `new` to its texts; a row's texts for row insertions and deletions)."""
    TARGET: ClassVar[Target]
    table: int
    old: str | tuple[str, ...] | None = None
    new: str | tuple[str, ...] | None = None
    time: str = ""
    group: str = ""

    @property
    def target(self) -> Target:
        return self.TARGET

    @property
    def address(self) -> tuple[int | None, int | None]:
        """The (row, column) this edit corrects, None where it names none."""
        return None, None

    def apply_to(self, table: Table) -> None:
        """Apply this edit to a private copy of its table."""

    def misfit(self, tables: Sequence[Table]) -> str:
        """Why this edit cannot be applied to the document's tables as they are now ("" when
        it fits): an address outside its table, or a cell or header that no longer says what
        the edit replaced (the extraction changed since)."""
        if not 0 <= self.table < len(tables):
            return f"no table {self.table + 1}"
        return self._misfit_in(tables[self.table])

    def _misfit_in(self, table: Table) -> str:
        return ""

    def place_in(self, table: Table) -> str:
        """What this edit changed, named as the reviewer sees it: `基本支出 of 2080505`."""
        return f"the {self.target} of {table.title}"

    def describe(self) -> str:
        """The edit in a reviewer's words: `cell of table 4 row 2 column 3: “” → “580.13”`."""
        return f"{self.target.replace('_', ' ')} of {self._where()}: “{shown_value(self.old)}” → “{shown_value(self.new)}”"

    def _where(self) -> str:
        row, col = self.address
        return f"table {self.table + 1}" + ("" if row is None else f" row {row + 1}") \
            + ("" if col is None else f" column {col + 1}")

    def stamped(self, time: str) -> Edit:
        return self if self.time else replace(self, time=time)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"target": str(self.target)}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        return data


def _row_missing(edit: Edit, row: int, last: int) -> str:
    return "" if 0 <= row < last else f"no row {row + 1} in table {edit.table + 1}"


def _column_missing(edit: Edit, table: Table, col: int) -> str:
    return "" if 0 <= col < max(len(table.columns), 1) else f"no column {col + 1} in table {edit.table + 1}"


@dataclass(frozen=True, kw_only=True)
class _TextEdit(Edit):
    """An edit that replaces one text by another."""
    old: str
    new: str


@dataclass(frozen=True, kw_only=True)
class CellEdit(_TextEdit):
    """A cell's text replaced; the cell keeps its printed value as `original`."""
    TARGET: ClassVar[Target] = Target.CELL
    row: int
    col: int

    @property
    def address(self) -> tuple[int | None, int | None]:
        return self.row, self.col

    def apply_to(self, table: Table) -> None:
        old = table.cell(self.row, self.col)
        row = table.rows[self.row]
        while len(row) <= self.col:
            row.append(Cell(""))
        row[self.col] = replace(old, text=self.new, inferred="",     # the reviewer's value, not a guess
                                original=old.original if old.original is not None else old.text,
                                edited_at=self.time)

    def _misfit_in(self, table: Table) -> str:
        reason = _row_missing(self, self.row, len(table.rows)) or _column_missing(self, table, self.col)
        now_reads = "" if reason else table.cell(self.row, self.col).text
        if not reason and now_reads != self.old:
            reason = f"the cell now reads {now_reads!r}, not {self.old!r}"
        return reason

    def place_in(self, table: Table) -> str:
        column = table.columns[self.col].leaf if self.col < len(table.columns) else f"column {self.col + 1}"
        row = (table.row_code(self.row) or table.cell(self.row, table.label_column()).text) \
            if self.row < len(table.rows) else ""
        return f"{column} of {row or f'row {self.row + 1}'}"


@dataclass(frozen=True, kw_only=True)
class HeaderEdit(_TextEdit):
    """A column's header path replaced, both as written (`本年收入/预算数`)."""
    TARGET: ClassVar[Target] = Target.HEADER
    col: int

    @property
    def address(self) -> tuple[int | None, int | None]:
        return None, self.col

    def apply_to(self, table: Table) -> None:
        table.columns[self.col] = Column.parse(self.new)

    def _misfit_in(self, table: Table) -> str:
        reason = _column_missing(self, table, self.col)
        if not reason and table.columns[self.col].text != self.old:
            reason = f"the header now reads {table.columns[self.col].text!r}, not {self.old!r}"
        return reason

    def place_in(self, table: Table) -> str:
        return f"the header of column {self.col + 1} of {table.title}"


@dataclass(frozen=True, kw_only=True)
class TableFieldEdit(_TextEdit):
    """A table's title, kind, unit or review status replaced (`field` is which: its target)."""
    field: Target

    @property
    def target(self) -> Target:
        return self.field

    def apply_to(self, table: Table) -> None:
        setattr(table, self.field, self.new)

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data["target"] = str(data.pop("field"))
        return data


@dataclass(frozen=True, kw_only=True)
class FactEdit(_TextEdit):
    """A form's fact (项目名称, 年度资金总额, a cell of its 资金情况 grid …) replaced."""
    TARGET: ClassVar[Target] = Target.FACT
    key: str

    def apply_to(self, table: Table) -> None:
        table.set_fact(self.key, self.new)

    def place_in(self, table: Table) -> str:
        return f"{self.key} of {table.title}"

    def _where(self) -> str:
        return f"table {self.table + 1} {self.key}"


@dataclass(frozen=True, kw_only=True)
class _RowEdit(Edit):
    """A whole row inserted or deleted at `row`."""
    row: int

    @property
    def address(self) -> tuple[int | None, int | None]:
        return self.row, None

    def place_in(self, table: Table) -> str:
        return f"row {self.row + 1} of {table.title}"


@dataclass(frozen=True, kw_only=True)
class RowInsert(_RowEdit):
    """A row of texts inserted before row `row` (at the end when `row` is the row count)."""
    TARGET: ClassVar[Target] = Target.INSERT_ROW
    new: tuple[str, ...]

    def apply_to(self, table: Table) -> None:
        table.rows.insert(self.row, [Cell(t, (), "", "", self.time) for t in self.new])

    def _misfit_in(self, table: Table) -> str:
        if not isinstance(self.new, tuple):     # (the base's default None: a file that leaves the texts out)
            return f"an {self.TARGET} edit needs its new texts"
        return _row_missing(self, self.row, len(table.rows) + 1)


@dataclass(frozen=True, kw_only=True)
class RowDelete(_RowEdit):
    """Row `row` deleted; `old` keeps its texts."""
    TARGET: ClassVar[Target] = Target.DELETE_ROW
    old: tuple[str, ...]

    def apply_to(self, table: Table) -> None:
        del table.rows[self.row]

    def _misfit_in(self, table: Table) -> str:
        return _row_missing(self, self.row, len(table.rows))


@dataclass(frozen=True, kw_only=True)
class Decision(_TextEdit):
    """A finding settled (`new`: confirmed, dismissed, explained, or open again) with the
    reviewer's note. It changes no table: the review replays decisions over the findings."""
    TARGET: ClassVar[Target] = Target.DECISION
    table: int = -1
    key: str
    note: str = ""

    def misfit(self, tables: Sequence[Table]) -> str:
        return "" if self.new in DECISIONS else f"unknown decision {self.new!r}"

    def describe(self) -> str:
        return f"finding {self.key}: {self.old} → {self.new}" + (f" ({self.note})" if self.note else "")


EDIT_KINDS: dict[Target, type[Edit]] = {
    Target.CELL: CellEdit, Target.HEADER: HeaderEdit, Target.FACT: FactEdit, Target.INSERT_ROW: RowInsert,
    Target.DELETE_ROW: RowDelete, Target.DECISION: Decision,
    **{field: TableFieldEdit for field in TABLE_FIELDS}}
_INDICES = ("table", "row", "col")
_ROWS = ("old", "new")      # a whole row's texts where the kind is a row insertion or deletion


def edit_from_json(raw: object) -> Edit | str:
    """An edit from its JSON form, or the reason it is not one. Keys the kind does not have
    may be present only empty (review files of earlier versions wrote every key)."""
    if not isinstance(raw, Mapping) or raw.get("target") not in EDIT_KINDS:
        return "not an edit object of a known target"
    target = Target(raw["target"])
    kind = EDIT_KINDS[target]
    own = {f.name: f for f in fields(kind)}
    values: dict[str, Any] = {"field": target} if kind is TableFieldEdit else {}
    for name, value in raw.items():
        if name == "target" or value is None:      # None: absent (earlier versions wrote every key)
            continue
        if name not in own or name == "field":
            if value != "":
                return f"a {target} edit has no {name}"
            continue
        reason = _json_value_problem(name, value, kind)
        if reason:
            return reason
        values[name] = tuple(value) if isinstance(value, list) else value
    missing = [name for name, f in own.items() if name not in values and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        return f"a {target} edit needs its {' and '.join(missing)}"
    return kind(**values)


def _json_value_problem(name: str, value: object, kind: type[Edit]) -> str:
    if name in _INDICES:
        low = -1 if name == "table" else 0
        ok = type(value) is int and low <= value < MAX_INDEX
        return "" if ok else f"{name} {value!r} is not an index"
    if name in _ROWS and issubclass(kind, _RowEdit):
        ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
        return "" if ok else f"{name} is not a row of texts"
    return "" if isinstance(value, str) else f"{name} {value!r} is not a text"
