"""Findings and the helpers every validation rule shares: severity by the rounding
tolerance (0.01 per summed part), cells' amounts and labels, caching of text-only rules."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from . import catalog
from .columns import Column, ColumnRole
from .model import Document, Table, parse_amount
from .settings import CENT

ZERO = Decimal(0)
T = TypeVar("T")


class Check(StrEnum):
    """What a rule checks: a row's or column's sum, a class against its items, a figure in two
    tables, a figure of the text against a table, a table's unit, the reading itself."""
    SUM = "sum"
    HIERARCHY = "hierarchy"
    CROSS_TABLE = "cross_table"
    PROSE_VS_TABLE = "prose_vs_table"
    UNIT = "unit"
    EXTRACTION = "extraction"


class Severity(StrEnum):
    ERROR = "error"             # the figures disagree beyond rounding
    ROUNDING = "rounding"       # within one unit of the last printed digit per summed part
    WARNING = "warning"         # rests on cells the reader inferred or a table it doubts


@dataclass
class Finding:
    check: Check
    severity: Severity
    message: str
    table: str = ""
    table_index: int | None = None
    row: int | None = None
    col: int | None = None
    where: str = ""
    lines: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    id: str = ""
    status: str = "open"        # the reviewer's decision: open, confirmed, dismissed, explained
    note: str = ""

    @property
    def figures(self) -> str:
        """The figures it weighs, in one line (`stated=580.13; computed=0.00`)."""
        return "; ".join(f"{name}={value}" for name, value in self.values.items())

    def to_json(self) -> dict:
        return {"id": self.id, "check": self.check, "severity": self.severity, "description": self.message,
                "table": self.table, "table_index": self.table_index, "row": self.row, "column": self.col,
                "where": self.where, "source_lines": self.lines, "values": self.values,
                "status": self.status, "note": self.note}


def stable_id(finding: Finding, table_kind: str) -> str:
    """An id that names the same finding after an edit or a re-extraction: from the check,
    the table's kind and where it points (row and column labels), not from its position."""
    digest = hashlib.sha1(f"{finding.check}|{table_kind}|{finding.where}|{finding.table}".encode()).hexdigest()
    return f"{finding.check}-{digest[:6]}"


def settle(findings: list[Finding], decisions: dict[str, tuple[str, str]]) -> list[Finding]:
    """The findings with the reviewer's decisions (finding id → (decision, note)) applied."""
    for f in findings:
        f.status, f.note = decisions.get(f.id, ("open", ""))
    return findings


def standing(findings: list[Finding]) -> list[Finding]:
    """The findings a reviewer has not set aside: open or confirmed."""
    return [f for f in findings if f.status in ("open", "confirmed")]


def fmt(d: Decimal) -> str:
    return f"{d:.2f}"


def severity(diff: Decimal, parts: int, step: Decimal = CENT) -> Severity | None:
    """None when the figures agree; `rounding` within one unit of the last printed digit
    (`step`: 0.01, or 1 in a whole-元 table) per summed part; else `error`."""
    diff = abs(diff)
    if diff == 0:
        return None
    return Severity.ROUNDING if diff <= step * max(1, parts) else Severity.ERROR


def printed_step(texts: Iterable[str]) -> Decimal:
    """One unit of the last printed digit of the coarsest of these amounts (1 for `2892504`,
    0.01 for `1,086.56`)."""
    step = CENT
    for text in texts:
        if text and parse_amount(text) is not None:
            decimals = len(text.rsplit(".", 1)[1]) if "." in text else 0
            step = max(step, Decimal(1).scaleb(-decimals))
    return step


def cells_step(table: Table, cells: Iterable[tuple[int, int]]) -> Decimal:
    return printed_step(table.cell(r, c).text for r, c in cells)


def amount(table: Table, r: int, c: int) -> Decimal | None:
    return table.cell(r, c).value


def column_name(table: Table, j: int) -> str:
    """Column j's name in a finding: its leaf, or, where one figure word stands under every
    amount column of three or more (`本年支出合计/决算数`, `基本支出/决算数` …), the subject
    above it — the figure word alone tells none of them apart."""
    path = table.columns[j].path
    name = path[-2] if len(path) > 1 and path[-1] == _shared_figure_word(tuple(table.columns)) else path[-1]
    # a template printed once per period names its columns alike under each: the period says which
    return f"{path[0]} {name}" if j in _under_periods(tuple(table.columns)) else name


@functools.lru_cache(maxsize=1024)
def _under_periods(columns: tuple[Column, ...]) -> frozenset[int]:
    """The columns under the periods a table prints side by side (catalog.period_groups)."""
    return frozenset(j for group in catalog.period_groups(columns) for j in group)


@functools.lru_cache(maxsize=1024)
def _shared_figure_word(columns: tuple[Column, ...]) -> str | None:
    """The figure word (决算数 …) every amount column ends in, where three or more stand
    together (not panels, with labels between their amounts); None otherwise. Cached by the
    columns: findings name columns many times over."""
    amounts = [k for k, c in enumerate(columns) if not c.holds_words]
    if len(amounts) < 3 or amounts[-1] - amounts[0] + 1 > len(amounts):
        return None
    words = {columns[k].leaf for k in amounts}
    word = words.pop() if len(words) == 1 else None
    return word if word in catalog.FIGURE_LEAVES else None


def row_label(table: Table, r: int) -> str:
    code = table.row_code(r)
    label = table.cell(r, table.label_column()).text
    return " ".join(x for x in (code, label) if x)


def find_col(table: Table, name: str) -> int | None:
    return catalog.column_index(table.columns, name)


def panel_count(table: Table) -> int:
    """How many panels a table prints side by side: its code columns (one per panel, split
    类/款/项 columns counted once by their 类) or, without codes, its name columns."""
    codes = [c for c in table.columns if c.opens_code]
    names = [c for c in table.columns if "名称" in c.leaf]
    return max(len(codes), len(names), 1)


def doubtful(sev: Severity, note: str) -> Severity:
    """A disagreement that rests on inferred cells (`note` says which) is a warning: the
    reviewer checks the cells before the figures."""
    return Severity.WARNING if note and sev == Severity.ERROR else sev


def inferred_note(table: Table, r: int, cols: Iterable[int]) -> str:
    return cells_note(table, [(r, c) for c in cols])


def cells_note(table: Table, cells: Iterable[tuple[int, int]]) -> str:
    """Which of `cells` the reader inferred (placed by the totals, joined from fragments), if any."""
    reasons = {table.cell(r, c).inferred for r, c in cells if table.cell(r, c).inferred}
    return f" (involves inferred cells: {'; '.join(sorted(reasons))})" if reasons else ""


def classification_of(table: Table) -> str:
    """Which classification the table's row codes are of ("function", "economic" or ""): the
    one its code column's header or its title names (西安's 一般公共预算支出明细表 comes by
    function and by economic class under one kind), else its kind's."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    code = table.code_column()
    for named in ("".join(table.columns[code].path) if code is not None else "", table.title):
        for kind, words in catalog.CLASSIFICATION_WORDS.items():
            if any(w in named for w in words):
                return kind
    return spec.code_kind if spec is not None else ""


STRAY_WORDS = 10        # a column of figures may hold a stray word among as many cells (at least one)


def amount_columns(table: Table, stray_words: bool = False) -> list[int]:
    """Columns of amounts: headed as amounts (not a code's, 政府经济科目编码 50206, nor a
    row's number, 行次 or 序号), and every cell reads as a number; with `stray_words`, all but a
    word among ten cells (a header row read into the body, a note), two figures at least."""
    skip = {table.label_column()} | {j for j, c in enumerate(table.columns) if c.role != ColumnRole.AMOUNT}
    out = []
    for j in range(len(table.columns)):
        if j in skip:
            continue
        vals = [row[j].text for row in table.rows if j < len(row) and row[j].text]
        words = sum(parse_amount(v) is None for v in vals)
        if vals and (not words or stray_words and len(vals) - words >= 2 and words <= max(1, len(vals) // STRAY_WORDS)):
            out.append(j)
    return out


def levels(table: Table) -> list[tuple[int, str]]:
    """(row, full code) of coded rows; a short 款 code printed under its 类 is expanded."""
    if table.code_column() is None:
        return []
    out, current_class = [], ""
    for r in range(len(table.rows)):
        code = table.row_code(r)
        if not code.isdigit():
            continue
        if len(code) == 3:
            current_class = code
        elif len(code) == 2 and current_class:
            code = current_class + code
        out.append((r, code))
    return out


def per_text(reader: Callable[[Document], T]) -> Callable[[Document], T]:
    """A reader of the explanatory text only: edits of cells cannot change what it returns,
    so it runs once per document."""
    cache: dict = {}

    @functools.wraps(reader)
    def cached(doc: Document) -> T:
        key = (doc.source.sha256, doc.source.path, tuple((t.first_line, t.last_line) for t in doc.tables))
        if key not in cache:
            cache.clear()
            cache[key] = reader(doc)
        return cache[key]
    return cached


def text_only(rule: Callable[[Document], list[Finding]]) -> Callable[[Document], list[Finding]]:
    """A rule that reads only the explanatory text: computed once per document (per_text),
    its findings copied out so that numbering them leaves the cache alone."""
    once = per_text(rule)

    @functools.wraps(rule)
    def copied(doc: Document) -> list[Finding]:
        return [replace(f, values=dict(f.values), lines=list(f.lines)) for f in once(doc)]
    return copied
