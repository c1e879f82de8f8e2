"""Rules across tables: the same code's total in income and expense tables, the standard
set's identities (catalog.CROSS_TABLE_IDENTITIES), tables listed in the 目录 but absent."""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from decimal import Decimal

from . import catalog
from .catalog import TableKind
from .columns import ColumnRole
from .findings import (
    ZERO,
    Check,
    Finding,
    Severity,
    amount,
    amount_columns,
    classification_of,
    column_name,
    doubtful,
    find_col,
    fmt,
    inferred_note,
    levels,
    printed_step,
    row_label,
    severity,
)
from .model import Document, Table, parse_amount
from .settings import CENT
from .tokens import squash

# Tables whose first amount column totals the same funds by function code.
SAME_TOTALS = ((TableKind.BUDGET_INCOME, TableKind.BUDGET_EXPENSE), (TableKind.FINAL_INCOME, TableKind.FINAL_EXPENSE))


def _first_amount_by_code(table: Table) -> dict[str, tuple[int, int, Decimal]]:
    # (a stray word in the total column must not pass it over for the next, a fund's 小计)
    cols = amount_columns(table, stray_words=True)
    col = cols[0] if cols else None
    if col is None or table.columns[col].numbered:
        return {}       # the first amount column is the rows' total only where the header says so
    out = {}
    for r, code in levels(table):
        value = amount(table, r, col)
        if value is not None:
            out[code] = (r, col, value)
    return out


def _common_step(a: Table, a_cell: tuple[int, int], b: Table, b_cell: tuple[int, int]) -> Decimal:
    """The rounding two tables' figures of one amount share: the coarser printed digit where
    both print one unit (a table printing `480544221.6` rounds what another prints `.62`);
    a cent where the units differ (the 元 figure is rounded to the 万元 one's digits first)."""
    if a.unit != b.unit:
        return CENT
    return printed_step((a.cell(*a_cell).text, b.cell(*b_cell).text))


def check_cross_totals(doc: Document) -> list[Finding]:
    """The same function code carries the same total in the income and the expenditure table."""
    out = []
    by_kind = {t.kind: (ti, t) for ti, t in enumerate(doc.tables)}
    for a_kind, b_kind in SAME_TOTALS:
        if a_kind not in by_kind or b_kind not in by_kind:
            continue
        if a_kind.startswith("final.") and _carries_over(doc):
            continue        # a year's income and spending differ by what is carried over
        (_, a), (bi, b) = by_kind[a_kind], by_kind[b_kind]
        if not (a.recoverable and b.recoverable):
            continue
        a_codes, b_codes = _first_amount_by_code(a), _first_amount_by_code(b)
        for code, (br, bc, b_value) in b_codes.items():
            if code not in a_codes:
                continue
            ar, ac, a_value = a_codes[code]
            sev = severity(b_value - a_value, 1, _common_step(a, (ar, ac), b, (br, bc)))
            if sev:
                label = row_label(b, br)
                out.append(Finding(Check.CROSS_TABLE, sev,
                                   f"{label}: {b.title} {column_name(b, bc)} {fmt(b_value)} ≠ "
                                   f"{a.title} {column_name(a, ac)} {fmt(a_value)}",
                                   b.title, bi, br, bc, f"{label} / {column_name(b, bc)} (vs {a.title})",
                                   list(b.cell(br, bc).lines) + list(a.cell(ar, ac).lines),
                                   {"stated": fmt(b_value), "computed": fmt(a_value)}))
    return out


def check_code_names(doc: Document) -> list[Finding]:
    """The same function code carries the same name in every table where it appears."""
    out = []
    names: dict[str, tuple[str, str]] = {}
    for ti, t in enumerate(doc.tables):
        if classification_of(t) != "function":
            continue
        for r, code in levels(t):
            name = t.cell(r, t.label_column()).text
            if len(code) < 5 or not name:
                continue
            if code in names and names[code][0] != name:
                out.append(Finding(Check.CROSS_TABLE, Severity.WARNING,
                                   f"{code} is named {name} here but {names[code][0]} in {names[code][1]}",
                                   t.title, ti, r, t.label_column(), f"{code}{NAME_PLACE}", list(t.cell(r, 0).lines),
                                   {"stated": name, "other": names[code][0]}))
            names.setdefault(code, (name, t.title))
    return out


NAME_PLACE = " / name"      # where a code's name disagrees between tables (the place of its finding)
CARRY_OVER_ROWS = ("年初结转和结余", "年末结转和结余", "年初财政拨款结转和结余", "年末财政拨款结转和结余")


def _carries_over(doc: Document) -> bool:
    """Whether the final accounts carry funds into or out of the year (or cannot tell): then
    the income of a function code need not equal its spending."""
    summary = next((t for t in doc.tables if t.kind == TableKind.FINAL_INCOME_EXPENSE_SUMMARY), None)
    if summary is None:
        return True
    found = [locate(summary, row, ("",)) for row in CARRY_OVER_ROWS]
    return any(f is not None and f[2] != 0 for f in found)


Located = tuple[int, int, Decimal, list[int]]     # row, column, amount, source lines


@dataclass(frozen=True)
class _RowIndex:
    by_label: dict[str, int]        # a cell's text (squashed) → the first row printing it
    by_code: dict[str, int]         # a row code → its first row


_ROW_INDEXES: dict[int, tuple[weakref.ref[Table], _RowIndex]] = {}


def _row_index(table: Table) -> _RowIndex:
    """Where each label and code stands in `table`, read once per table: a table is never
    changed once read (an edit makes a new one), and the identities ask it many times over."""
    held = _ROW_INDEXES.get(id(table))
    if held is not None and held[0]() is table:
        return held[1]
    by_label: dict[str, int] = {}
    by_code: dict[str, int] = {}
    for r, row in enumerate(table.rows):
        for cell in row:
            by_label.setdefault(squash(cell.text), r)
        by_code.setdefault(table.row_code(r), r)
    index, key = _RowIndex(by_label, by_code), id(table)

    def forget(_: weakref.ref[Table]) -> None:
        _ROW_INDEXES.pop(key, None)
    _ROW_INDEXES[key] = (weakref.ref(table, forget), index)
    return index


def locate(table: Table, row: str, cols: tuple[str, ...]) -> Located | None:
    """The cell an identity names (see catalog.Identity), with its amount; rows joined by
    `+` are summed (located at the first)."""
    if "+" in row:
        found = [locate(table, name, cols) for name in row.split("+")]
        parts = [p for p in found if p is not None]
        if len(parts) < len(found):
            return None
        return parts[0][0], parts[0][1], sum((p[2] for p in parts), ZERO), [k for p in parts for k in p[3]]
    at: int | None
    if row == "*":
        at = 0 if len(table.rows) == 1 else None
    elif row.isdigit():
        at = _row_index(table).by_code.get(row)
    else:
        at = _row_index(table).by_label.get(row)
        if at is None and row == "合计":      # a total row printed without its label
            at = next((r for r in range(len(table.rows)) if _is_unlabelled_total(table, r)), None)
    if at is None:
        return None
    r = at
    for name in cols:
        if name:
            c = find_col(table, name)
        else:       # the amount printed after the label (the first of both panels' that has one)
            c = next((j for at, cell in enumerate(table.rows[r]) if squash(cell.text) == row
                      if (j := _amount_after(table, r, at)) is not None), None)
        value = amount(table, r, c) if c is not None else None
        if c is not None and value is not None:
            return r, c, value, list(table.cell(r, c).lines)
    return None


def _amount_after(table: Table, r: int, at: int) -> int | None:
    """The column of the amount a row prints after its label at `at`, before the next label:
    where the panel prints a figure for each of several periods, the latest's."""
    found = []
    for j in range(at + 1, len(table.columns)):
        if amount(table, r, j) is not None and table.columns[j].role != ColumnRole.SEQUENCE:
            found.append(j)
        elif table.cell(r, j).text and parse_amount(table.cell(r, j).text) is None:
            break
    return max(found, key=lambda j: catalog.period_of(table.columns[j].path)) if found else None


def _in_wan(yuan: Decimal, printed_wan: str) -> Decimal:
    """An amount in 元 as 万元, to the decimals the 万元 figure it is compared with prints."""
    decimals = len(printed_wan.rsplit(".", 1)[1]) if "." in printed_wan else 0
    return (yuan / 10000).quantize(Decimal(1).scaleb(-decimals))


def _is_unlabelled_total(table: Table, r: int) -> bool:
    cells = table.rows[r]
    return r == 0 and any(c.value is not None for c in cells) and \
        all(not c.text for c in cells if c.value is None)


def check_identities(doc: Document) -> list[Finding]:
    """Figures that two standard tables both print must agree (catalog.CROSS_TABLE_IDENTITIES)."""
    by_kind: dict[str, tuple[int, Table]] = {}
    for ti, t in enumerate(doc.tables):
        if t.recoverable:
            by_kind.setdefault(t.kind, (ti, t))
    out = []
    for rule in catalog.CROSS_TABLE_IDENTITIES:
        if rule.a_kind not in by_kind or rule.b_kind not in by_kind:
            continue
        (_, a), (bi, b) = by_kind[rule.a_kind], by_kind[rule.b_kind]
        found_b = locate(b, rule.b_row, rule.b_cols)
        a_cols = [(c,) for c in rule.a_cols] if rule.relation == "any" else [rule.a_cols]
        found_a = [f for f in (locate(a, rule.a_row, cols) for cols in a_cols) if f is not None]
        if not found_a or found_b is None:
            continue
        br, bc, bv, b_lines = found_b
        # compare in 万元, the figure in 元 rounded as the 万元 figure is printed (8265 元 is 0.83 万元)
        if b.unit == "元" and a.unit == "万元":
            bv = _in_wan(bv, a.cell(found_a[0][0], found_a[0][1]).text)
        differences = [bv - (_in_wan(av, b.cell(br, bc).text) if a.unit == "元" and b.unit == "万元" else av)
                       for _, _, av, _ in found_a]
        if rule.relation == "≥":       # b is a part of a: only b exceeding a disagrees
            differences = [max(d, ZERO) for d in differences]
        ar, ac, av, a_lines = found_a[0]
        step = _common_step(a, (ar, ac), b, (br, bc))
        if any(severity(d, 1, step) is None for d in differences):
            continue
        note = inferred_note(b, br, [bc]) or inferred_note(a, ar, [ac])
        sev = doubtful(severity(differences[0], 1, step) or Severity.ROUNDING, note)
        if rule.relation == "⊇" and differences[0] > 0:
            # b may hold more than a (the 三公 table counts project spending too): worth a look only
            sev, note = Severity.WARNING, note + f" ({b.title} may count more than {a.title} does)"
        b_row = row_label(b, br) if rule.b_row == "*" else rule.b_row
        relation = {"=": "≠", "≥": ">", "⊇": "≠", "any": "matches none of"}[rule.relation]
        a_figures = " / ".join(f"{column_name(a, c)} {fmt(v)}" for _, c, v, _ in found_a)
        out.append(Finding(Check.CROSS_TABLE, sev,
                           f"{b.title} {b_row} {column_name(b, bc)} {fmt(bv)} {relation} "
                           f"{a.title} {rule.a_row} {a_figures}"
                           + note,
                           b.title, bi, br, bc, f"{b_row} / {column_name(b, bc)} (vs {a.title})",
                           b_lines + a_lines, {"stated": fmt(bv), "computed": fmt(av)}))
    return out


def _title_printed_at(doc: Document, name: str, after: int) -> int | None:
    """The first line after `after` that prints `name` alone (a table's title), if any."""
    return next((k for k, line in enumerate(doc.source.norm[after:], start=after + 1) if line.strip() == name), None)


def check_toc_tables(doc: Document) -> list[Finding]:
    """A table listed in the 目录 that the text does not hold."""
    toc = next((n for n in doc.root.walk() if n.kind == "toc"), None)
    if toc is None:
        return []
    present = {t.kind for t in doc.tables}
    out = []
    for entry in toc.children:
        m = re.search(r"《(.+?表)》", entry.text) or re.match(
            r"^[-\s]*(?:[一二三四五六七八九十]+、|\d+[.．])?\s*(\S+表)$", entry.text)
        name = m.group(1) if m else ""
        if not name:
            continue
        spec = catalog.spec_for_title(name, doc.info.report_type)
        if spec is None or spec.kind in present:
            continue
        if printed := _title_printed_at(doc, name, toc.last_line):
            # (a title the text prints whose table was not read as that table: no table missing)
            out.append(Finding(Check.EXTRACTION, Severity.WARNING,
                               f"《{name}》 is printed at line {printed} but was not read as a table: its rows were "
                               "likely read into a table beside it; check the tables around it against the source",
                               name, where="whole table", lines=[printed]))
        else:
            out.append(Finding(Check.EXTRACTION, Severity.ERROR, f"《{name}》 is listed in the 目录 but absent from the text",
                               name, where="whole table", lines=[entry.first_line],
                               values={"stated": f"listed in 目录 (line {entry.first_line})",
                                       "computed": "absent from text"}))
    if len(out) > 1 and not doc.tables:
        # no table at all: the file holds the explanation only (its tables published apart, an
        # attachment) — one finding, not one error a table
        names = "、".join(f.table for f in out)
        return [Finding(Check.EXTRACTION, Severity.WARNING,
                        f"none of the {len(out)} tables the 目录 lists is in the text ({names}): they are likely "
                        "published apart (an attachment); open the file that holds them",
                        where="whole document", lines=[toc.first_line],
                        values={"stated": f"{len(out)} tables listed in 目录", "computed": "no table in the text"})]
    return out


def check_unrecoverable(doc: Document) -> list[Finding]:
    return [Finding(Check.EXTRACTION, Severity.WARNING, f"{t.title}: the text lost this table's cells ({'; '.join(t.notes)})",
                    t.title, ti, where="whole table", lines=[t.first_line])
            for ti, t in enumerate(doc.tables) if not t.recoverable]


def check_doubtful_tables(doc: Document) -> list[Finding]:
    """Tables whose columns follow a template the printed header matches only in part: one
    warning each, so that the reviewer checks their columns first."""
    return [Finding(Check.EXTRACTION, Severity.WARNING, f"{t.title}: {t.doubt}", t.title, ti, where="whole table",
                    lines=[t.first_line]) for ti, t in enumerate(doc.tables) if t.doubt and t.recoverable]

