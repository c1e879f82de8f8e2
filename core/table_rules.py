"""Rules over one table: row identities (合计 = 基本支出 + 项目支出), 类/款/项 hierarchies,
form funds and grids, two-panel balances. Re-run for the edited table only."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from . import catalog
from .columns import ColumnRole
from .findings import (
    ZERO,
    Check,
    Finding,
    Severity,
    amount,
    amount_columns,
    cells_note,
    cells_step,
    column_name,
    doubtful,
    fmt,
    inferred_note,
    levels,
    panel_count,
    row_label,
    severity,
)
from .model import Document, Table, parse_amount
from .panels import list_level


def row_rules(table: Table) -> catalog.ColumnRules:
    """The spec's row identities that this table's columns make whole: a rule whose parts
    have a sibling column of figures it does not name (合计 = 基本支出 + 项目支出 where the
    header prints 单位预留机动经费 beside them) is another template's and says nothing here."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    if spec is None:
        return []
    out = []
    figures: list[int] | None = None        # the columns of figures, found once a rule has siblings to ask about
    for t, parts in catalog.resolve_rules(table.columns, spec.column_rules):
        # a part `财政拨款/小计` stands for its group: the group's own columns are its parts
        paths = [table.columns[p].path for p in parts]
        nodes = [path[:-1] if len(path) > 1 and path[-1] in ("小计", "合计") else path for path in paths]
        parents = {node[:-1] for node in nodes}
        siblings = [j for j, c in enumerate(table.columns) if j != t and j not in parts
                    and not any("其中" in p for p in c.path) and c.path[:-1] in parents
                    and not any(len(c.path) > len(node) and c.path[:len(node)] == node for node in nodes)]
        if siblings:
            figures = amount_columns(table) if figures is None else figures
            if any(j in figures for j in siblings):
                continue
        out.append((t, parts))
    return out


Keyed = dict[tuple[int, ...], list[Finding]]       # a rule's findings by the check that made them, in order


def flattened(found: Keyed) -> list[Finding]:
    """A rule's findings in the order of its checks."""
    return [f for key in sorted(found) for f in found[key]]


@dataclass(frozen=True)
class SumShape:
    """What a table's sums rest on besides its figures: its row identities, its columns of
    figures, its classification tree and total row. An edit of one figure leaves it as it is,
    so only the checks that read that figure need run again."""
    rules: catalog.ColumnRules
    cols: tuple[int, ...]                       # the columns of figures
    kids: dict[int, list[tuple[int, str]]]      # a coded row → the rows coded directly under it
    parents: dict[int, list[int]]               # a coded row → the rows it is coded under (a code may repeat)
    tops: tuple[int, ...]                       # the rows of the top level
    total_row: int | None                       # the 合计 row the top level adds up to
    nested: bool                                # the 类/款/项 hierarchy is checked at all
    # the hierarchy rests on the figures (a list's numbering on which rows print them; whether
    # a code printed on two rows running is one item and its sub-item on their figures): an
    # edit of any figure may change it
    rests_on_figures: bool = False


def sum_shape(table: Table) -> SumShape:
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    coded = levels(table) if spec is not None and spec.code_kind else []
    nested = len(coded) >= 2 and panel_count(table) <= 1
    if not coded and (numbered := _numbered_shape(table)) is not None:
        return numbered
    kids: dict[int, list[tuple[int, str]]] = {}
    parents: dict[int, list[int]] = {}
    tops: tuple[int, ...] = ()
    total_row = None
    cols = tuple(amount_columns(table))
    twins: list[tuple[int, int]] = []       # (row, the row under it printing its code)
    if nested:
        # a row printing the code and the figures of the coded row just above it is that row's
        # one sub-item (a 款 without 项 printed again at the 项's level), not its sibling
        twins = [(above, r) for (above, code_above), (r, code) in zip(coded, coded[1:]) if code == code_above]
        repeats = {r for above, r in twins if all(amount(table, r, j) == amount(table, above, j) for j in cols)}
        kids = _direct_children(coded, repeats)
        for r, under in kids.items():
            for k, _ in under:
                parents.setdefault(k, []).append(r)
        top_len = min(len(c) for _, c in coded)
        tops = tuple(r for r, c in coded if len(c) == top_len and r not in repeats)
        total_row = next((r for r in range(len(table.rows))
                          if catalog.TOTAL_LABELS.match(table.cell(r, table.label_column()).text)), None)
    return SumShape(row_rules(table), cols, kids, parents, tops, total_row, nested, rests_on_figures=bool(twins))


def row_identity_findings(ti: int, table: Table, shape: SumShape, rows: Iterable[int]) -> Keyed:
    """合计 = 基本支出 + 项目支出 and the like in `rows`, keyed (rule, row)."""
    out: Keyed = {}
    for n, (t, parts) in enumerate(shape.rules):
        for r in rows:
            found = _row_identity(ti, table, r, t, parts)
            if found is not None:
                out[(n, r)] = [found]
    return out


def _row_identity(ti: int, table: Table, r: int, t: int, parts: list[int]) -> Finding | None:
    total = amount(table, r, t)
    vals = [amount(table, r, p) for p in parts]
    if total is None and all(v is None for v in vals):
        return None
    s = sum((v or ZERO for v in vals), ZERO)
    if total == s:
        return None     # (most rows: the printed step need not be read)
    sev = severity((total or ZERO) - s, len(parts), cells_step(table, [(r, c) for c in (t, *parts)]))
    if sev is None:
        return None
    label = row_label(table, r)
    if total is None:
        return Finding(Check.EXTRACTION, Severity.WARNING,
                       f"{label}: {column_name(table, t)} is empty where its parts imply {fmt(s)}",
                       table.title, ti, r, t, f"{label} / {column_name(table, t)}",
                       list(table.cell(r, t).lines), {"stated": "", "computed": fmt(s)})
    if all(v is None for v in vals):
        # The parts were left empty: say which one the total implies.
        implied = _implied_part(table, r, parts)
        col = implied if implied is not None else parts[0]
        return Finding(Check.SUM, Severity.ERROR,
                       f"{label}: {column_name(table, t)} {fmt(total)} but "
                       f"{' and '.join(column_name(table, p) for p in parts)} are empty",
                       table.title, ti, r, col, f"{label} / {column_name(table, col)}",
                       list(table.cell(r, t).lines), {"stated": "", "computed": fmt(total)})
    note = inferred_note(table, r, [t, *parts])
    return Finding(Check.SUM, doubtful(sev, note),
                   f"{label}: {column_name(table, t)} {fmt(total or ZERO)} ≠ "
                   f"{' + '.join(column_name(table, p) for p in parts)} = {fmt(s)}" + note,
                   table.title, ti, r, t, f"{label} / {column_name(table, t)}",
                   list(table.cell(r, t).lines), {"stated": fmt(total or ZERO), "computed": fmt(s)})


def check_row_identities(doc: Document, ti: int, table: Table) -> list[Finding]:
    """合计 = 基本支出 + 项目支出 and the like, per row, from the table's spec."""
    return flattened(row_identity_findings(ti, table, sum_shape(table), range(len(table.rows))))


def _rows_with_empty_parts(table: Table, rules: catalog.ColumnRules, rows: Iterable[int]) -> dict[int, set[int]]:
    """column → those of `rows` whose total is printed but all of whose parts (by the spec's
    rules) are empty; those cells are reported once, by the row identity."""
    out: dict[int, set[int]] = {}
    for t, parts in rules:
        for r in rows:
            if amount(table, r, t) and all(amount(table, r, p) is None for p in parts):
                for p in parts:
                    out.setdefault(p, set()).add(r)
    return out


def _implied_part(table: Table, r: int, parts: list[int]) -> int | None:
    """The part column whose children (rows coded under row r) carry the amounts."""
    code = table.row_code(r)
    if not code:
        return None
    best, best_sum = None, ZERO
    for p in parts:
        s = sum((amount(table, k, p) or ZERO for k in range(r + 1, len(table.rows))
                 if table.row_code(k).startswith(code) and table.row_code(k) != code), ZERO)
        if s > best_sum:
            best, best_sum = p, s
    return best


def check_hierarchy(doc: Document, ti: int, table: Table) -> list[Finding]:
    """类 = Σ 款 and 款 = Σ 项 by classification code, in every amount column; the total row
    = Σ of the top-level rows."""
    return flattened(hierarchy_findings(ti, table, sum_shape(table)))


def hierarchy_findings(ti: int, table: Table, shape: SumShape, parents: Iterable[int] | None = None,
                       cols: Iterable[int] | None = None) -> Keyed:
    """The checks of `parents` (every row with rows coded under it, and the total row) in
    `cols` (every column of figures), keyed (0, row, column) and (1, total row, column).
    Project and unit codes (032, 22 其他运转类) are no classification levels; side-by-side
    panels' codes do not total one another's."""
    out: Keyed = {}
    if not shape.nested:
        return out
    columns = shape.cols if cols is None else [j for j in cols if j in shape.cols]
    checked = shape.kids if parents is None else {r: shape.kids[r] for r in sorted(parents) if r in shape.kids}
    for r, kids in checked.items():
        for j in columns:
            stated = amount(table, r, j)
            if stated is None:
                continue
            s = sum((amount(table, k, j) or ZERO for k, _ in kids), ZERO)
            summed = [(r, j)] + [(k, j) for k, _ in kids]
            sev = severity(stated - s, len(kids), cells_step(table, summed))
            if sev is None:
                continue
            label = row_label(table, r)
            note = cells_note(table, summed)
            out[(0, r, j)] = [Finding(Check.HIERARCHY, doubtful(sev, note),
                                      f"{label}: {column_name(table, j)} {fmt(stated)} ≠ Σ of its "
                                      f"{len(kids)} sub-items = {fmt(s)}" + note,
                                      table.title, ti, r, j, f"{label} / {column_name(table, j)}",
                                      list(table.cell(r, j).lines), {"stated": fmt(stated), "computed": fmt(s)})]
    total_row, tops = shape.total_row, shape.tops
    if total_row is None or (parents is not None and total_row not in parents):
        return out
    gaps = _rows_with_empty_parts(table, shape.rules, tops)
    for j in columns:
        stated = amount(table, total_row, j)
        if stated is None:
            continue
        if any(r in gaps.get(j, ()) for r in tops):
            continue     # an empty part is already reported by the row identities
        s = sum((amount(table, r, j) or ZERO for r in tops), ZERO)
        summed = [(total_row, j)] + [(r, j) for r in tops]
        sev = severity(stated - s, len(tops), cells_step(table, summed))
        if sev:
            note = cells_note(table, summed)
            out[(1, total_row, j)] = [Finding(
                Check.SUM, doubtful(sev, note), f"合计 {column_name(table, j)} {fmt(stated)} ≠ Σ of "
                f"the {len(tops)} top-level rows = {fmt(s)}" + note, table.title, ti, total_row, j,
                f"合计 / {column_name(table, j)}", list(table.cell(total_row, j).lines),
                {"stated": fmt(stated), "computed": fmt(s)})]
    return out


def _numbered_shape(table: Table) -> SumShape | None:
    """The hierarchy a list without codes prints by its items' numbers (`1.` over `（1）`
    `（2）`), where every row with figures but its one total row is a numbered item: each item
    with two or more items numbered directly under it, and the total row over the outermost
    items; an item whose items follow a `其中` line lists part of it, and is not checked. None
    for any other list (a row of figures unnumbered, several totals: what its rows add up to,
    the numbers do not tell)."""
    if panel_count(table) > 1 or table.kind.endswith(("income_expense_summary", "fiscal_summary")):
        return None
    label = table.label_column()
    figures = amount_columns(table)
    rows: list[tuple[int, int]] = []        # (row, level) of the numbered items
    totals = []
    partial = []        # rows opening a partial breakdown (`其中：`): what follows need not add up
    for r in range(len(table.rows)):
        text = re.sub(r"\s", "", table.cell(r, label).text)
        if "其中" in text:      # (a `其中：` line may be read as the end of the label above it)
            partial.append(r)
        if not any(amount(table, r, j) is not None for j in figures):
            continue
        if catalog.TOTAL_LABELS.match(text):
            totals.append(r)
        elif (level := list_level(text)) is not None:
            rows.append((r, level))
        else:
            return None
    if len(rows) < 2 or len(totals) > 1:
        return None
    kids: dict[int, list[tuple[int, str]]] = {}
    parents: dict[int, list[int]] = {}
    for i, (r, level) in enumerate(rows):
        end = next((k for k in range(i + 1, len(rows)) if rows[k][1] <= level), len(rows))
        under = rows[i + 1:end]         # the items numbered under this one
        nearest = min((sub for _, sub in under), default=None)
        direct = [(k, str(sub)) for k, sub in under if sub == nearest]
        if len(direct) >= 2 and not any(r <= p <= under[-1][0] for p in partial):
            kids[r] = direct
            for k, _ in direct:
                parents.setdefault(k, []).append(r)
    top = min(level for _, level in rows)
    return SumShape(row_rules(table), tuple(figures), kids, parents, tuple(r for r, level in rows if level == top),
                    totals[0] if totals else None, nested=True, rests_on_figures=True)


def rows_a_figure_weighs_on(shape: SumShape, r: int) -> set[int]:
    """The rows whose sums read row r's figures: itself, the rows it is coded under (their
    sums; and, all the way up, which of an empty row's parts its total implies: see
    _implied_part), and the total row where r is of the top level or is it."""
    out, upward = {r}, [r]
    while upward:
        for parent in shape.parents.get(upward.pop(), ()):
            if parent not in out:
                out.add(parent)
                upward.append(parent)
    if shape.total_row is not None and (r in shape.tops or r == shape.total_row):
        out.add(shape.total_row)
    return out


def _direct_children(coded: list[tuple[int, str]], repeats: set[int]) -> dict[int, list[tuple[int, str]]]:
    """A coded row → its (row, code) children: the rows whose longest printed prefix code is
    its code, and of `repeats` (rows repeating the code of the coded row above them) the one
    under it. A unit's row (`catalog.heads_classes`) heads the rows after it up to the next
    unit: codes are sought among theirs, and its children are those none of theirs heads.
    Linear in the rows (a code has at most seven prefixes)."""
    printed = {code for _, code in coded}
    units = [i for i, (_, code) in enumerate(coded) if catalog.heads_classes(code, printed)]
    out: dict[int, list[tuple[int, str]]] = {}
    for start, end in zip([0] + units, units + [len(coded)]):
        block = coded[start:end]
        if not block:
            continue        # (a unit first: no rows before it)
        unit = block[0][0] if start in units else None
        rows_of: dict[str, list[int]] = {}
        for r, code in block[unit is not None:]:
            if r not in repeats:
                rows_of.setdefault(code, []).append(r)
        for (above, _), (r, code) in zip([(-1, "")] + block, block):
            if r == unit:
                continue
            if r in repeats:
                out.setdefault(above, []).append((r, code))
            elif (parent := next((code[:n] for n in range(len(code) - 1, 0, -1) if code[:n] in rows_of), None)):
                for p in rows_of[parent]:
                    out.setdefault(p, []).append((r, code))
            elif unit is not None:
                out.setdefault(unit, []).append((r, code))
    return out


FORM_TOTAL = "年度资金总额"
FORM_PARTS = ("其中：财政拨款", "其他资金", "上年结转")


def check_form_funds(doc: Document, ti: int, table: Table) -> list[Finding]:
    """A performance form's 年度资金总额 = 财政拨款 + 其他资金 (+ 上年结转)."""
    total = parse_amount(table.facts.get(FORM_TOTAL, ""))
    found = [parse_amount(table.facts[k]) for k in FORM_PARTS if k in table.facts]
    parts = [p for p in found if p is not None]
    if total is None or not parts or len(parts) < len(found):
        return []
    s = sum(parts, ZERO)
    sev = severity(total - s, len(parts))
    if sev is None:
        return []
    name = table.facts.get("项目名称", "")
    return [Finding(Check.SUM, sev, f"{name}: 年度资金总额 {total} ≠ sum of its parts {s}", table.title, ti,
                    where=f"项目资金 / {FORM_TOTAL}", lines=[table.first_line],
                    values={"stated": str(total), "computed": str(s)})]


GridRows = dict[tuple[str, str], dict[str, Decimal | None]]


def grid_blocks(table: Table) -> dict[str, GridRows]:
    """A form's small grids (catalog.FORM_GRID_BLOCKS): block → (group, row) → column → amount."""
    out: dict[str, GridRows] = {}
    for grid in table.grids:
        rows = out.setdefault(grid.block, {})
        for row in grid.rows:
            rows.setdefault((row.group, row.label), {}).update(
                (column, parse_amount(value)) for column, value in zip(grid.columns, row.values))
    return out


def check_form_grids(doc: Document, ti: int, table: Table) -> list[Finding]:
    """A form's small grids: a marked column (`预算增减变化（C-D）`) = its letters' columns, and a
    合计 row = the other rows of its group."""
    out = []
    for block, rows in grid_blocks(table).items():
        reported = set()
        for (group, row), cells in rows.items():
            by_mark = {m.group(1): c for c in cells if (m := catalog.GRID_MARK.search(c))}
            for mark, column in by_mark.items():
                terms = catalog.mark_terms(mark)
                value = cells[column]
                if len(terms) < 2 or value is None or any(x not in by_mark for _, x in terms):
                    continue
                computed = sum((sign * (cells[by_mark[x]] or ZERO) for sign, x in terms), ZERO)
                sev = severity(value - computed, len(terms))
                if sev:
                    reported.add((group, row, column))
                    label = "/".join(x for x in (block, group, row, column) if x)
                    out.append(Finding(Check.SUM, sev, f"{label} {fmt(value)} ≠ {mark} = {fmt(computed)}",
                                       table.title, ti, where=label, lines=[table.first_line],
                                       values={"stated": fmt(value), "computed": fmt(computed)}))
            if not catalog.TOTAL_LABELS.match(row):
                continue
            members = [c for (g, r), c in rows.items() if g == group and r != row]
            for column, stated in cells.items():
                if stated is None or not members or (group, row, column) in reported:
                    continue
                computed = sum((c.get(column) or ZERO for c in members), ZERO)
                sev = severity(stated - computed, len(members))
                if sev:
                    label = "/".join(x for x in (block, group, row, column) if x)
                    out.append(Finding(Check.SUM, sev, f"{label} {fmt(stated)} ≠ the {len(members)} rows above it "
                                       f"= {fmt(computed)}", table.title, ti, where=label, lines=[table.first_line],
                                       values={"stated": fmt(stated), "computed": fmt(computed)}))
    return out


_PANEL_TOTALS = (("本年收入合计", "收入总计"), ("本年支出合计", "支出总计"))
ENUMERATED = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])")


def _without_breakdowns(table: Table, rows: list[int], col: int) -> list[int]:
    """The rows without those that break down the row above them: the rows right after a
    row whose figures add up to its own (年初结转和结余 1154.62, then 一般公共预算财政拨款 1154.62,
    政府性基金 …) are its parts, printed whether or not they are numbered; a part may be broken
    down in turn (本年支出合计, then its 类, each followed by its 款 and 项, printed without codes)."""
    values = [amount(table, r, col) for r in rows]
    ends: dict[int, int] = {}

    def breakdown_end(n: int) -> int:
        """The index after row n and the rows that break it down (their sum within rounding)."""
        if n in ends:
            return ends[n]
        value, running, parts, m = values[n] or ZERO, ZERO, 0, n + 1
        while m < len(values) and running < value and severity(value - running, parts) is Severity.ERROR:
            running, parts = running + (values[m] or ZERO), parts + 1
            m = breakdown_end(m)
        if m == n + 1 or severity(value - running, parts) is Severity.ERROR:
            m = n + 1
        else:
            while m < len(values) and values[m] is None:
                m += 1      # the breakdown's lines that print nothing belong to it too
        ends[n] = m
        return m

    out, n = [], 0
    while n < len(rows):
        out.append(rows[n])
        n = breakdown_end(n)
    return out


def _in_breakdown(texts: list[str], r: int, first: int) -> bool:
    """Whether row r is one of the enumerated rows that break down an unenumerated row
    printed above them (below `first`, the subtotal the tail starts from)."""
    if not ENUMERATED.match(texts[r]):
        return False
    k = r
    while k > first and ENUMERATED.match(texts[k]):
        k -= 1
    return k > first


def check_panel_hierarchies(doc: Document, ti: int, table: Table) -> list[Finding]:
    """类 = Σ 款 within each panel of a table printing its classification in panels side by
    side (the two-panel 基本支出决算表: 301 … beside 302 …): each panel checked as a table of
    its own (its code, name and figure columns), the findings placed in the whole table. A
    panel's total row is not weighed: which panels a total row's figures close, its label
    does not say (人员经费合计 beside 公用经费合计, or one 合计 for all)."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    if spec is None or not spec.code_kind or panel_count(table) <= 1 or not table.recoverable:
        return []
    spans = table.panel_spans()
    if not spans or spans[0][0] != 0:
        return []
    figures = amount_columns(table)
    if any(not any(start <= j < end for j in figures) for start, end in spans):
        # a panel without figures classifies the same rows again (部门经济科目 beside 政府经济
        # 科目: 30101 基本工资 | 50501 工资福利支出): the rows are grouped by the pair of codes,
        # and neither classification alone orders them into 类 and 款
        return []
    out = []
    for start, end in spans:
        panel = replace(table, columns=table.columns[start:end], rows=[row[start:end] for row in table.rows])
        for f in flattened(hierarchy_findings(ti, panel, replace(sum_shape(panel), total_row=None))):
            out.append(replace(f, col=None if f.col is None else f.col + start))
    return out


def _disagreement(sev: Severity | None) -> tuple[bool, bool]:
    """How far a sum disagrees, to order sums by: not at all, within rounding, beyond it."""
    return sev is Severity.ERROR, sev is not None


def check_panel_balance(doc: Document, ti: int, table: Table) -> list[Finding]:
    """Two-panel summary tables: 收入总计 = 本年收入合计 + the rows after it (结转, 结余 …),
    likewise for 支出, and 收入总计 = 支出总计 — under each period a summary prints side by side."""
    if not table.kind.endswith(("income_expense_summary", "fiscal_summary")):
        return []
    labels = [j for j, c in enumerate(table.columns) if "项目" in c.leaf]
    found: dict[tuple[str, int], tuple[int, int, Decimal]] = {}
    out = []
    for side, j in enumerate(labels[:2]):
        texts = [re.sub(r"\s", "", table.cell(r, j).text) for r in range(len(table.rows))]
        subtotal_name, total_name = _PANEL_TOTALS[side]
        sub = next((r for r, t in enumerate(texts) if t.endswith(subtotal_name)), None)
        tot = next((r for r, t in enumerate(texts) if t in (total_name, "总计")), None)
        if tot is None:
            continue
        for period, value_col in enumerate(_panel_figures(table, j)):
            total = amount(table, tot, value_col)
            if total is None:
                continue
            found[total_name, period] = (tot, value_col, total)
            if sub is not None and sub < tot and \
                    (closed := _panel_closing(ti, table, texts, side, sub, tot, value_col, total)):
                out.append(closed)
    for period in sorted({period for _, period in found}):
        if ("收入总计", period) in found and ("支出总计", period) in found:
            (_, _, income), (r2, c2, expense) = found["收入总计", period], found["支出总计", period]
            sev = severity(income - expense, 1)
            if sev:
                out.append(Finding(Check.SUM, sev, f"收入总计 {fmt(income)} ≠ 支出总计 {fmt(expense)}", table.title, ti,
                                   r2, c2, "支出总计", list(table.cell(r2, c2).lines),
                                   {"stated": fmt(expense), "computed": fmt(income)}))
    return out


def _panel_closing(ti: int, table: Table, texts: list[str], side: int, sub: int, tot: int,
                   value_col: int, total: Decimal) -> Finding | None:
    """A panel's 总计 (`total`, in row `tot`) against its 合计 and the rows after it, in one
    column of figures."""
    subtotal_name, total_name = _PANEL_TOTALS[side]
    rows = [r for r in range(sub, tot) if texts[r]]
    # the enumerated rows under a row (年初结转和结余, then 一、一般公共预算财政拨款 …) are
    # its breakdown, not further parts: the total may count either
    whole = [r for r in rows if not _in_breakdown(texts, r, sub)]
    sums = []
    for chosen in (rows, whole, _without_breakdowns(table, rows, value_col)):
        parts = [amount(table, r, value_col) for r in chosen]
        sums.append((sum((p or ZERO for p in parts), ZERO), max(1, sum(p is not None for p in parts))))
    # the reading that agrees best: any exactly, or one within rounding (尾差 of a breakdown)
    sev, (s, n) = min(((severity(total - x, k), (x, k)) for x, k in sums), key=lambda found: _disagreement(found[0]))
    if not sev:
        return None
    note = cells_note(table, [(r, value_col) for r in rows + [tot]])
    return Finding(Check.SUM, doubtful(sev, note),
                   f"{total_name} {fmt(total)} ≠ {subtotal_name} and the rows after it = {fmt(s)}" + note,
                   table.title, ti, tot, value_col, f"{total_name} / {column_name(table, value_col)}",
                   list(table.cell(tot, value_col).lines), {"stated": fmt(total), "computed": fmt(s)})


def _panel_figures(table: Table, label: int) -> list[int]:
    """The columns of a panel's figures the balance is checked in: the first after its label
    (行次 aside), or, where the panel prints its figures once for each of two or more periods,
    each period's."""
    columns = table.columns
    after = list(itertools.takewhile(lambda j: not columns[j].holds_words, range(label + 1, len(columns))))
    periods = [j for j in after if any(catalog.PERIOD_GROUP.match(part) for part in columns[j].path)]
    if len(periods) >= 2:
        return periods
    first = next((j for j in after if columns[j].role != ColumnRole.SEQUENCE), None)
    return [first] if first is not None else []
