"""The document model: immutable source text, a tree of nodes with line spans, and tables
as grids of cells that remember where they came from and what they first said."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from .columns import Column, ColumnRole
from .reader import SourceText

MAX_AMOUNT_CHARS = 32        # 10^18 with separators and decimals: larger than any budget
_AMOUNT_OPENING = frozenset("0123456789+-.")    # most tokens are words: turned away before the regex
GROUPED_AMOUNT = re.compile(r"-?\d+(?:,\d{3})+(?:\.\d+)?")      # an amount printed with thousands separators
# … or with its last separator alone (`19439,054`: a template that prints only the thousands')
_AMOUNT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+(,\d{3})?)(\.\d+)?%?$|^[-+]?\.\d+%?$")


@lru_cache(maxsize=1 << 16)
def parse_amount(text: str) -> Decimal | None:
    """The value of a printed amount (`1,086.56` → 1086.56) or percentage (`-9.88%` → -9.88: a
    rate column's figure, which no sum reads); None for text, codes and dashes.
    Cached: validation reads each cell several times (Decimals are immutable)."""
    t = text.strip().replace(" ", "")
    if not t or t[0] not in _AMOUNT_OPENING or len(t) > MAX_AMOUNT_CHARS or not _AMOUNT.match(t):
        return None     # (a figure of hundreds of digits is no amount: it would overflow every sum)
    try:
        return Decimal(t.replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def clean_number(text: str) -> str:
    """A printed number without thousands separators, decimals kept as printed."""
    t = text.strip().replace(" ", "")
    return t.replace(",", "") if _AMOUNT.match(t) else text.strip()


def panel_spans_of(columns: tuple[Column, ...]) -> list[tuple[int, int]]:
    """The columns of each panel a classification printed side by side takes (from one code
    column to the next), as (first, past the last); none where no column opens a code."""
    starts = [j for j, c in enumerate(columns) if c.opens_code]
    return list(zip(starts, [*starts[1:], len(columns)]))


@lru_cache(maxsize=1024)
def code_columns_of(columns: tuple[Column, ...]) -> tuple[int, ...]:
    """The code column among `columns`, or the 类/款/项 columns a split code is printed in (of
    the first classification, where a row prints two: `301 01 基本工资 501 01 工资奖金津补贴`)."""
    spans = panel_spans_of(columns)
    end = spans[0][1] if spans else len(columns)
    split = tuple(i for i, c in enumerate(columns) if c.split_code_part and i < end)
    if split:
        return split
    return tuple(i for i, c in enumerate(columns) if c.role == ColumnRole.CODE)[:1]


@dataclass(frozen=True)
class Cell:
    text: str                       # the value as printed (cleaned of separators / wrap breaks)
    lines: tuple[int, ...] = ()     # 1-based source lines the text came from
    inferred: str = ""              # why the cell is not a plain read ("" when it is)
    original: str | None = None     # the extracted text, when a reviewer corrected the cell
    edited_at: str = ""

    @property
    def value(self) -> Decimal | None:
        return parse_amount(self.text)


EMPTY = Cell("")


@dataclass(frozen=True)
class GridRow:
    """A row of a form's small grid: its group (收入构成; "" when none), its label (财政拨款;
    "" in a grid of one row) and its values, one per column, as printed."""
    group: str
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class FormGrid:
    """A small grid inside a form (人员基本情况, 部门总体资金情况): the block's label, its
    columns (each with a letter mark: 2023年预算金额（C）) and its rows. Its cells are the
    form's facts named `block/group/label/column`."""
    block: str
    columns: tuple[str, ...]
    rows: tuple[GridRow, ...]

    def _name(self, row: GridRow, column: str) -> str:
        return "/".join(x for x in (self.block, row.group, row.label, column) if x)

    def cells(self) -> Iterator[tuple[str, str]]:
        """(fact name, value) of every cell, row by row."""
        for row in self.rows:
            for column, value in zip(self.columns, row.values):
                yield self._name(row, column), value

    def with_value(self, name: str, value: str) -> FormGrid | None:
        """This grid with the cell named `name` set to `value`; None when it has no such cell."""
        for r, row in enumerate(self.rows):
            for c, column in enumerate(self.columns):
                if self._name(row, column) == name:
                    values = row.values[:c] + (value,) + row.values[c + 1:]
                    rows = self.rows[:r] + (replace(row, values=values),) + self.rows[r + 1:]
                    return replace(self, rows=rows)
        return None


@dataclass
class Table:
    kind: str
    title: str
    title_printed: bool
    unit: str
    first_line: int
    last_line: int
    columns: list[Column]
    rows: list[list[Cell]]
    facts: dict[str, str] = field(default_factory=dict)      # a form's key/value facts (项目名称 …)
    notes: list[str] = field(default_factory=list)
    recoverable: bool = True
    layout: str = ""                # tab / space / fragment: how the text printed it
    header_lines: tuple[int, int] | None = None
    doubt: str = ""                 # why the reading may be wrong ("" when the header matched)
    columns_doubted: bool = False   # the doubt is of the columns: which column each figure is in
    status: str = ""                # "reviewed" once a reviewer has checked it (review.REVIEWED)
    grids: list[FormGrid] = field(default_factory=list)     # a form's small grids

    def all_facts(self) -> dict[str, str]:
        """A form's facts: its grids' cells (`block/group/label/column`), then its key/value facts."""
        return {**{name: value for grid in self.grids for name, value in grid.cells()}, **self.facts}

    def set_fact(self, name: str, value: str) -> None:
        """Set a fact, in the grid that has a cell of that name or else among the key/value facts."""
        for i, grid in enumerate(self.grids):
            changed = grid.with_value(name, value)
            if changed is not None:
                self.grids[i] = changed
                return
        self.facts[name] = value

    def add_doubt(self, why: str, of_columns: bool = False) -> None:
        """One more reason the reading may be wrong (`of_columns`: which column each figure
        stands in); the reasons found before are kept."""
        self.doubt = f"{self.doubt}; {why}" if self.doubt else why
        self.columns_doubted = self.columns_doubted or of_columns

    def cell(self, row: int, col: int) -> Cell:
        r = self.rows[row]
        return r[col] if col < len(r) else EMPTY

    def code_columns(self) -> list[int]:
        """The column of the row code, or the 类/款/项 columns a split code is printed in."""
        return list(code_columns_of(tuple(self.columns)))

    def panel_spans(self) -> list[tuple[int, int]]:
        """The columns of each classification's panel (see `panel_spans_of`)."""
        return panel_spans_of(tuple(self.columns))

    def code_column(self) -> int | None:
        cols = self.code_columns()
        return cols[0] if cols else None

    def row_code(self, row: int) -> str:
        """The row's classification code, its 类/款/项 parts joined (208 05 01 → 2080501). A row
        printing only its own part (`08` under 款, its 类 left to the row above) takes the
        parts before it from the nearest row above that prints an earlier part."""
        columns = self.code_columns()
        parts = [self.cell(row, c).text.replace(" ", "") for c in columns]
        first = next((j for j, p in enumerate(parts) if p), 0)
        if first and len(parts[first]) <= 2 and parts[first].isdigit():
            for above in range(row - 1, -1, -1):
                lead = next((j for j, c in enumerate(columns) if self.cell(above, c).text.strip()), first)
                if lead < first:
                    return self.row_code(above) + "".join(parts[first:])
        return "".join(parts)

    def label_column(self) -> int:
        for i, c in enumerate(self.columns):
            if "名称" in c.leaf or c.leaf in ("项目", "项目(按支出功能科目类级)"):
                return i
        return 0

    def column_texts(self) -> list[str]:
        """The columns' paths as written in JSON and CSV (`支出/基本支出`)."""
        return [c.text for c in self.columns]

    def to_json(self) -> dict:
        return {
            "title": self.title, "title_printed": self.title_printed, "kind": self.kind,
            "unit": self.unit, "source_lines": [self.first_line, self.last_line],
            "recoverable": self.recoverable, "columns": self.column_texts(),
            "rows": [[c.text for c in r] for r in self.rows],
            "fields": self.all_facts(), "notes": "; ".join(self.notes + ([DOUBTED + self.doubt] if self.doubt else [])),
            "inferred": [[r, c, cell.inferred] for r, row in enumerate(self.rows)
                         for c, cell in enumerate(row) if cell.inferred],
            "cell_lines": [[list(c.lines) for c in r] for r in self.rows],
        }


DOUBTED = "the reading is doubted: "       # a doubt among a table's notes in JSON


class NodeKind(StrEnum):
    DOCUMENT = "document"
    TOC = "toc"                 # the 目录, one node
    PART = "part"               # 第一部分 …
    SECTION = "section"         # 一、…
    SUBSECTION = "subsection"   # （一）…
    ITEM = "item"               # 1. …
    PARAGRAPH = "paragraph"
    TABLE = "table"
    NOTE = "note"               # 注：… under a table
    FURNITURE = "furniture"     # page numbers and running heads


@dataclass
class Node:
    """A node of the document tree."""

    kind: NodeKind
    text: str
    first_line: int
    last_line: int
    children: list[Node] = field(default_factory=list)
    table_index: int | None = None   # for table nodes: index into Document.tables

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict:
        d: dict[str, object] = {"kind": self.kind, "text": self.text, "lines": [self.first_line, self.last_line]}
        if self.table_index is not None:
            d["table"] = self.table_index
        if self.children:
            d["children"] = [c.to_json() for c in self.children]
        return d


@dataclass
class DocumentInfo:
    agency: str = ""
    year: str = ""
    report_type: str = ""      # 预算 or 决算
    level: str = ""            # 部门 or 单位


@dataclass
class Document:
    source: SourceText
    info: DocumentInfo
    root: Node
    tables: list[Table]
    page_lines: frozenset[int] = frozenset()      # lines printing a page number (extract.page_number_lines)

    @property
    def name(self) -> str:
        from pathlib import Path
        return Path(self.source.path).name

    def with_tables(self, tables: list[Table]) -> Document:
        return replace(self, tables=tables)

    def printed(self, cell: Cell) -> str:
        """A cell's text as the source prints it: an amount keeps the thousands separators of
        its source line (the cell holds 86959408.34 where the line prints 86,959,408.34); a
        corrected cell, text, or an amount printed without separators as it stands."""
        if cell.original is not None or not cell.lines or parse_amount(cell.text) is None:
            return cell.text
        for k in cell.lines:
            if 0 < k <= len(self.source.norm) and (token := _grouped_amounts(self.source.norm[k - 1]).get(cell.text)):
                return token
        return cell.text


@lru_cache(maxsize=4096)
def _grouped_amounts(line: str) -> Mapping[str, str]:
    """The amounts a line prints with thousands separators, by their cleaned text: read once a
    line, not once for each of its cells (a table shown is every cell of its rows)."""
    return {token.replace(",", ""): token for token in GROUPED_AMOUNT.findall(line)} if "," in line else {}
