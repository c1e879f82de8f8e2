"""Validation rules: small functions over the corrected document, each returning findings.

A difference of at most 0.01 per summed part is a rounding difference (severity `rounding`);
anything larger is an `error`. One disagreement is reported once.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import replace
from decimal import Decimal
from enum import StrEnum
from typing import cast, overload

from .collection import collection_paused
from .cross_rules import (
    NAME_PLACE,
    check_code_names,
    check_cross_totals,
    check_doubtful_tables,
    check_identities,
    check_toc_tables,
    check_unrecoverable,
)
from .edits import CellEdit, Edit, Target
from .findings import ZERO, Check, Finding, Severity, amount, settle, severity, stable_id, standing
from .model import Cell, Document, Table, parse_amount
from .prose_rules import (
    check_document_consistency,
    check_headcounts,
    check_project_budgets,
    check_project_fund_sources,
    check_project_lines,
    check_project_targets,
    check_prose_breakdowns,
    check_prose_changes,
    check_prose_changes_between,
    check_prose_comparisons,
    check_prose_figures,
    check_prose_named_shares,
    check_prose_rates,
    check_prose_shares,
    check_prose_subjects,
    check_prose_sums,
    check_units,
)
from .review import Review
from .settings import SETTINGS
from .table_rules import (
    Keyed,
    check_form_funds,
    check_form_grids,
    check_hierarchy,
    check_panel_balance,
    check_panel_hierarchies,
    check_row_identities,
    flattened,
    hierarchy_findings,
    row_identity_findings,
    rows_a_figure_weighs_on,
    sum_shape,
)

__all__ = ["Finding", "settle", "severity", "standing", "validate", "validate_table", "TABLE_RULES", "DOCUMENT_RULES",
           "DocumentRuns", "TableRuns", "changed_by"]


TableRule = Callable[[Document, int, Table], list[Finding]]
# the table's own sums come first (TableRuns keeps them check by check), then the other rules
TABLE_RULES: tuple[TableRule, ...] = (
    check_row_identities, check_hierarchy, check_form_funds, check_form_grids, check_panel_balance,
    check_panel_hierarchies)
_OTHER_TABLE_RULES = TABLE_RULES[2:]
DOCUMENT_RULES: tuple[Callable[[Document], list[Finding]], ...] = (
    check_cross_totals, check_code_names, check_identities, check_prose_rates, check_prose_breakdowns, check_prose_changes,
    check_project_budgets, check_project_fund_sources, check_project_targets, check_prose_subjects, check_prose_figures,
    check_prose_shares, check_prose_comparisons, check_prose_sums, check_headcounts, check_units, check_toc_tables,
    check_unrecoverable, check_document_consistency, check_prose_changes_between, check_prose_named_shares,
    check_project_lines, check_doubtful_tables)


def _figures_moved_between(failing: list[Finding], table: Table) -> bool:
    """Whether two of a table's failing sums of classes of one level miss by opposite amounts
    (301 short of its items by 247.25, 302 over by 247.25), or miss while the rows with none
    under them add up to the total row all the same (every figure is in the table, some under
    the wrong class): figures read into other classes' rows, as a text listing codes, names
    and figures apart misplaces them. (A class and the total above it missing so is one slip
    of the class's figure: not counted.)"""
    gaps: set[tuple[int, int | None, Decimal]] = set()     # (code length, column, by how much a class misses)
    missing: Counter[int] = Counter()                       # how many classes miss, by column
    for f in failing:
        stated, computed = parse_amount(f.values.get("stated", "")), parse_amount(f.values.get("computed", ""))
        if f.check != Check.HIERARCHY or f.row is None or f.col is None or stated is None or computed is None or \
                stated == computed:
            continue
        level = len(table.row_code(f.row))
        if level and (level, f.col, computed - stated) in gaps:
            return True
        gaps.add((level, f.col, stated - computed))
        missing[f.col] += 1
    columns = [col for col, n in missing.items() if n >= 2]
    if not columns:
        return False
    shape = sum_shape(table)        # (once for every column: it reads the whole table)
    if shape.total_row is None:
        return False
    coded = set(shape.tops) | {k for kids in shape.kids.values() for k, _ in kids}
    leaves = coded - set(shape.kids) - {shape.total_row}
    return len(leaves) >= 2 and any(_leaves_meet_the_total(table, shape.total_row, leaves, col) for col in columns)


def _leaves_meet_the_total(table: Table, total_row: int, leaves: Set[int], col: int) -> bool:
    """Whether the coded rows with no rows coded under them (`leaves`) add up to the total row
    in `col`."""
    total = amount(table, total_row, col)
    return total is not None and \
        abs(total - sum((amount(table, r, col) or ZERO for r in leaves), ZERO)) <= SETTINGS.cent * len(leaves)


def _misread_tables(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A table whose own sums fail in many places at once (one whose reading is doubted
    already: in four) was most likely misread (cells in the wrong columns): its failures
    become one `extraction` warning for the table, and what other tables or the text are
    said to disagree with it are warnings, never a cascade of errors built on misread cells.
    An error resting on a table whose reading is doubted is a warning with the doubt said:
    its own sums' where they fail, any naming it where the doubt is of its columns (a
    figure said to disagree may be another column's). Likewise many of a table's codes named otherwise than in
    another table are one warning: its codes and names are out of step. A doubted table's
    sums count as failing where they fail beyond rounding (warnings, resting on cells placed
    by guess), and many figures of the text disagreeing with it are one warning too."""
    own: dict[int, list[Finding]] = {}      # a table's failing sums: errors, and a doubted table's warnings
    told: dict[int, list[Finding]] = {}     # figures of the text said to disagree with a doubted table
    for f in findings:
        if f.table_index is None:
            continue
        doubted_table = bool(doc.tables[f.table_index].doubt)
        if f.check in (Check.SUM, Check.HIERARCHY) and (
                f.severity == Severity.ERROR or (f.severity == Severity.WARNING and doubted_table)):
            own.setdefault(f.table_index, []).append(f)
        elif f.check == Check.PROSE_VS_TABLE and doubted_table and f.severity != Severity.ROUNDING:
            told.setdefault(f.table_index, []).append(f)
    misread = {ti for ti, failing in own.items()
               if (len(failing) >= SETTINGS.misread_min_errors
                   and (doc.tables[ti].doubt or len(failing) >= SETTINGS.misread_share * max(1, len(doc.tables[ti].rows))))
               or _figures_moved_between(failing, doc.tables[ti])}
    doubted = {ti for ti, t in enumerate(doc.tables) if t.doubt and (t.columns_doubted or any(
        f.severity == Severity.ERROR for f in own.get(ti, ())))} - misread
    renamed: dict[int, list[Finding]] = {}       # codes named otherwise than in another table
    for f in findings:
        if f.table_index is not None and f.check == Check.CROSS_TABLE and f.where.endswith(NAME_PLACE):
            renamed.setdefault(f.table_index, []).append(f)
    out_of_step = {ti for ti, names in renamed.items() if len(names) >= SETTINGS.misread_min_errors}
    contradicted = {ti for ti, stated in told.items() if len(stated) >= SETTINGS.misread_min_errors}
    if not misread and not doubted and not out_of_step and not contradicted:
        return findings
    out = []
    for f in findings:
        if (f.table_index in misread and f in own[f.table_index]) or \
                (f.table_index in out_of_step and f in renamed[f.table_index]) or \
                (f.table_index in contradicted and f in told[f.table_index]):
            continue
        if f.severity == Severity.ERROR and (f.table_index in misread or any(
                doc.tables[ti].title and doc.tables[ti].title in f.message for ti in misread)):
            f = replace(f, severity=Severity.WARNING, message=f.message + " (a table involved was probably misread)")
        elif f.severity == Severity.ERROR and (doubt := next((doc.tables[ti].doubt for ti in doubted if ti == f.table_index or (
                doc.tables[ti].title and doc.tables[ti].title in f.message)), "")):
            f = replace(f, severity=Severity.WARNING, message=f"{f.message} ({doubt})")
        out.append(f)
    for ti in sorted(misread):
        table, failing = doc.tables[ti], own[ti]
        out.append(Finding(Check.EXTRACTION, Severity.WARNING,
                           f"{table.title}: this table was probably misread — {len(failing)} of its sums fail at once "
                           f"(first: {failing[0].message}); check its columns against the source before its figures",
                           table.title, ti, where="whole table", lines=[table.first_line],
                           values={"failing_sums": str(len(failing))}))
    for ti in sorted(contradicted):
        table, stated = doc.tables[ti], told[ti]
        out.append(Finding(Check.EXTRACTION, Severity.WARNING,
                           f"{table.title}: {len(stated)} figures the text states disagree with this table, whose "
                           f"reading is doubted (first: {stated[0].message}); check its columns against the source "
                           "before its figures", table.title, ti, where="whole table (the text's figures)",
                           lines=[table.first_line], values={"disagreeing_figures": str(len(stated))}))
    for ti in sorted(out_of_step):
        table, names = doc.tables[ti], renamed[ti]
        out.append(Finding(Check.EXTRACTION, Severity.WARNING,
                           f"{table.title}: {len(names)} of its codes are named otherwise than in another table "
                           f"(first: {names[0].message}); its codes and names were probably read out of step",
                           table.title, ti, where="whole table (names)", lines=[table.first_line],
                           values={"renamed_codes": str(len(names))}))
    return out


def validate_table(doc: Document, ti: int) -> list[Finding]:
    return TableRuns(doc, ti).findings()


class TableRuns:
    """A table's findings, its sums kept check by check with what they rest on (its SumShape):
    after an edit of one figure only the checks that read it run again (a 10,000-row table's
    row, its parents and the total row); any other edit runs every rule again."""

    def __init__(self, doc: Document, ti: int):
        self.ti = ti
        self._run_all(doc)

    def _run_all(self, doc: Document) -> None:
        table = doc.tables[self.ti]
        self.shape = sum_shape(table) if table.recoverable else None
        self.identities: Keyed = {}
        self.hierarchy: Keyed = {}
        self.others: list[Finding] = []
        if self.shape is not None:
            self.identities = row_identity_findings(self.ti, table, self.shape, range(len(table.rows)))
            self.hierarchy = hierarchy_findings(self.ti, table, self.shape)
            self._run_others(doc)

    def _run_others(self, doc: Document) -> None:
        self.others = [f for rule in _OTHER_TABLE_RULES for f in rule(doc, self.ti, doc.tables[self.ti])]

    def findings(self) -> list[Finding]:
        return flattened(self.identities) + flattened(self.hierarchy) + self.others

    def after(self, doc: Document, edit: Edit) -> None:
        """The findings after `edit` of this table: where it set one figure of a column of
        figures to another or to nothing, the checks that read that figure; else all."""
        table, shape = doc.tables[self.ti], self.shape
        text = table.cell(edit.row, edit.col).text if isinstance(edit, CellEdit) else ""
        if shape is None or shape.rests_on_figures or not isinstance(edit, CellEdit) or edit.group or \
                edit.col not in shape.cols or not 0 <= edit.row < len(table.rows) or \
                (text and parse_amount(text) is None):
            self._run_all(doc)
            return
        rows = rows_a_figure_weighs_on(shape, edit.row)
        self.identities = {key: found for key, found in self.identities.items() if key[1] not in rows}
        self.identities.update(row_identity_findings(self.ti, table, shape, sorted(rows)))
        self.hierarchy = {key: found for key, found in self.hierarchy.items()
                          if not (key[1] in rows and key[2] == edit.col)}
        self.hierarchy.update(hierarchy_findings(self.ti, table, shape, rows, (edit.col,)))
        self._run_others(doc)


DocumentRule = Callable[[Document], list[Finding]]


class Contents(StrEnum):
    """What of a table an edit changes and a document rule may read: the figures of its rows,
    their codes and names, its columns, a form's facts."""
    FIGURES = "figures"
    LABELS = "labels"
    COLUMNS = "columns"
    FACTS = "facts"


ROWS = frozenset({Contents.FIGURES, Contents.LABELS})
# what each kind of edit changes (a cell: as its column holds; a title, kind or unit changes
# what rules know tables by: everything runs again; a review mark changes nothing a rule reads)
_CHANGED_BY: dict[Target, frozenset[Contents]] = {
    Target.INSERT_ROW: ROWS, Target.DELETE_ROW: ROWS, Target.HEADER: frozenset({Contents.COLUMNS}),
    Target.FACT: frozenset({Contents.FACTS}), Target.STATUS: frozenset()}


def changed_by(edit: Edit, table: Table) -> frozenset[Contents] | None:
    """What of `table` the edit changed; None: what the rules know tables by."""
    if isinstance(edit, CellEdit):
        if edit.group or edit.col >= len(table.columns):
            return ROWS         # (a value moved between two columns: whatever either holds)
        return frozenset({Contents.LABELS if table.columns[edit.col].holds_words else Contents.FIGURES})
    return _CHANGED_BY.get(edit.target)


# what reading each part of a table reads (a cell: as its column holds); the others (kind,
# title, lines, notes, doubt …) are fixed at extraction, no edit but a title's or kind's changes them
_READS: dict[str, frozenset[Contents]] = {
    "row_code": frozenset({Contents.LABELS, Contents.COLUMNS}),
    "columns": frozenset({Contents.COLUMNS}), "column_texts": frozenset({Contents.COLUMNS}),
    "code_columns": frozenset({Contents.COLUMNS}), "code_column": frozenset({Contents.COLUMNS}),
    "label_column": frozenset({Contents.COLUMNS}),
    "facts": frozenset({Contents.FACTS}), "grids": frozenset({Contents.FACTS}), "all_facts": frozenset({Contents.FACTS})}
_FIXED = frozenset({"kind", "title", "title_printed", "unit", "first_line", "last_line", "recoverable", "doubt",
                    "columns_doubted", "notes", "layout", "header_lines", "status"})
Read = tuple[int, Contents]     # a table's index, and what of it


class _WatchedTable:
    """A table as one run of a document rule sees it: reading its contents notes what was
    read (in `reads`), so that the rule runs again only after an edit of that. A part not
    known as fixed or as contents counts as all of them. Each part is looked up once a run,
    then held (the table does not change while a rule reads it)."""

    def __init__(self, table: Table, index: int, reads: set[Read]):
        self._table, self._index, self._reads = table, index, reads

    def __getattr__(self, name: str) -> object:
        value: object
        if name == "cell":          # a cell is read as its column holds
            value = self._cell
        elif name == "rows":        # the rows' number is read apart from the rows
            value = _WatchedRows(self._table.rows, self._index, self._reads)
        else:
            value = getattr(self._table, name)
            if name not in _FIXED:
                self._reads.update((self._index, part) for part in _READS.get(name, Contents))
        self.__dict__[name] = value
        return value

    def _cell(self, row: int, col: int) -> Cell:
        columns = self._table.columns
        self._reads.add((self._index, Contents.LABELS if col >= len(columns) or columns[col].holds_words
                         else Contents.FIGURES))
        return self._table.cell(row, col)


class _WatchedRows(Sequence[list[Cell]]):
    """A table's rows as a document rule sees them: their number is known by their labels
    (only an insertion or deletion changes it, which changes the labels too); reading a row
    reads all of it."""

    def __init__(self, rows: list[list[Cell]], index: int, reads: set[Read]):
        self._rows, self._index, self._reads = rows, index, reads

    def __len__(self) -> int:
        self._reads.add((self._index, Contents.LABELS))
        return len(self._rows)

    @overload
    def __getitem__(self, at: int) -> list[Cell]: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[list[Cell]]: ...

    def __getitem__(self, at: int | slice) -> list[Cell] | Sequence[list[Cell]]:
        self._reads.update((self._index, part) for part in ROWS)
        return self._rows[at]

    def __iter__(self) -> Iterator[list[Cell]]:
        self._reads.update((self._index, part) for part in ROWS)
        return iter(self._rows)


class DocumentRuns:
    """Each document rule's last findings and what of the tables it read then: after an
    edit only the rules that read what it changed run again (a rule over the 三公 table need
    not run after an edit of the 项目支出表's cells)."""

    def __init__(self) -> None:
        self._last: dict[DocumentRule, tuple[frozenset[Read], list[Finding]]] = {}

    def findings(self, doc: Document, changed: Set[Read] | None = None) -> list[Finding]:
        """Every document rule's findings; `changed`: what of which tables changed since the
        last call (None: anything may have, titles and kinds too)."""
        out: list[Finding] = []
        for rule in DOCUMENT_RULES:
            last = self._last.get(rule)
            if last is None or changed is None or last[0] & changed:
                reads: set[Read] = set()
                watched = [cast(Table, _WatchedTable(t, i, reads)) for i, t in enumerate(doc.tables)]
                found = rule(doc.with_tables(watched))
                last = self._last[rule] = (frozenset(reads), found)
            out.extend(last[1])
        return out


def validate(doc: Document, per_table: dict[int, list[Finding]] | None = None,
             document_findings: list[Finding] | None = None) -> list[Finding]:
    """All findings of a document in document order, each with its stable id. `per_table`
    may carry cached findings of unchanged tables and `document_findings` the document
    rules' (the TUI re-validates only what an edit can change: see DocumentRuns)."""
    findings: list[Finding] = []
    with collection_paused():       # a long table's checks build many objects that stay (its sums, per rule)
        for ti in range(len(doc.tables)):
            findings.extend(per_table[ti] if per_table is not None and ti in per_table else validate_table(doc, ti))
        if document_findings is None:
            for rule in DOCUMENT_RULES:
                findings.extend(rule(doc))
        else:
            findings.extend(document_findings)
    findings = _misread_tables(doc, findings)
    seen: dict[str, int] = {}
    for f in findings:
        base = stable_id(f, doc.tables[f.table_index].kind if f.table_index is not None else "text")
        seen[base] = seen.get(base, 0) + 1
        f.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return findings


def validate_review(review: Review) -> list[Finding]:
    """The findings of a review's corrected document, each settled by the reviewer's decision on it."""
    return settle(validate(review.corrected()), review.decisions)
