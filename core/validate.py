"""Validation rules: small functions over the corrected document, each returning findings.

A difference of at most 0.01 per summed part is a rounding difference (severity `rounding`);
anything larger is an `error`. One disagreement is reported once.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Callable, Iterable, TypeVar

from . import catalog
from .model import Document, Table, parse_amount

CENT = Decimal("0.01")
ZERO = Decimal(0)
T = TypeVar("T")


@dataclass
class Finding:
    check: str                  # sum, hierarchy, cross_table, prose_vs_table, unit, extraction
    severity: str               # error, rounding, warning
    message: str
    table: str = ""
    table_index: int | None = None
    row: int | None = None
    col: int | None = None
    where: str = ""
    lines: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    id: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "check": self.check, "severity": self.severity, "message": self.message,
                "table": self.table, "table_index": self.table_index, "row": self.row, "column": self.col,
                "where": self.where, "source_lines": self.lines, "values": self.values}


def fmt(d: Decimal) -> str:
    return f"{d:.2f}"


def severity(diff: Decimal, parts: int) -> str | None:
    diff = abs(diff)
    if diff == 0:
        return None
    return "rounding" if diff <= CENT * max(1, parts) else "error"


def amount(table: Table, r: int, c: int) -> Decimal | None:
    return table.cell(r, c).value


def _leaf(col: str) -> str:
    return col.split("/")[-1]


def row_label(table: Table, r: int) -> str:
    code = table.row_code(r)
    label = table.cell(r, table.label_column()).text
    return " ".join(x for x in (code, label) if x)


def _find_col(table: Table, name: str) -> int | None:
    return catalog.column_index(table.columns, name)


def _inferred_note(table: Table, r: int, cols: Iterable[int]) -> str:
    reasons = {table.cell(r, c).inferred for c in cols if table.cell(r, c).inferred}
    return f" (involves inferred cells: {'; '.join(sorted(reasons))})" if reasons else ""


# --------------------------------------------------------------------------- rules

def check_row_identities(doc: Document, ti: int, table: Table) -> list[Finding]:
    """合计 = 基本支出 + 项目支出 and the like, per row, from the table's spec."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    if spec is None:
        return []
    out = []
    for t, parts in catalog.resolve_rules(table.columns, spec.column_rules):
        for r in range(len(table.rows)):
            total = amount(table, r, t)
            vals = [amount(table, r, p) for p in parts]
            if total is None and all(v is None for v in vals):
                continue
            s = sum((v or ZERO for v in vals), ZERO)
            sev = severity((total or ZERO) - s, len(parts))
            if sev is None:
                continue
            label = row_label(table, r)
            if total is None:
                out.append(Finding("extraction", "warning",
                                   f"{label}: {_leaf(table.columns[t])} is empty where its parts imply {fmt(s)}",
                                   table.title, ti, r, t, f"{label} / {_leaf(table.columns[t])}",
                                   list(table.cell(r, t).lines), {"stated": "", "computed": fmt(s)}))
                continue
            if all(v is None for v in vals):
                # The parts were left empty: say which one the total implies.
                implied = _implied_part(table, r, parts)
                col = implied if implied is not None else parts[0]
                out.append(Finding("sum", "error",
                                   f"{label}: {_leaf(table.columns[t])} {fmt(total)} but "
                                   f"{' and '.join(_leaf(table.columns[p]) for p in parts)} are empty",
                                   table.title, ti, r, col, f"{label} / {_leaf(table.columns[col])}",
                                   list(table.cell(r, t).lines), {"stated": "", "computed": fmt(total)}))
                continue
            out.append(Finding("sum", sev,
                               f"{label}: {_leaf(table.columns[t])} {fmt(total or ZERO)} ≠ "
                               f"{' + '.join(_leaf(table.columns[p]) for p in parts)} = {fmt(s)}"
                               + _inferred_note(table, r, [t, *parts]),
                               table.title, ti, r, t, f"{label} / {_leaf(table.columns[t])}",
                               list(table.cell(r, t).lines), {"stated": fmt(total or ZERO), "computed": fmt(s)}))
    return out


def _rows_with_empty_parts(table: Table) -> dict[int, set[int]]:
    """column → rows whose total is printed but all of whose parts (by the spec's rules)
    are empty; those cells are reported once, by the row identity."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    out: dict[int, set[int]] = {}
    for t, parts in catalog.resolve_rules(table.columns, spec.column_rules if spec else ()):
        for r in range(len(table.rows)):
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


def _amount_columns(table: Table) -> list[int]:
    skip = set(table.code_columns()) | {table.label_column()}
    out = []
    for j in range(len(table.columns)):
        if j in skip:
            continue
        vals = [table.cell(r, j).text for r in range(len(table.rows)) if table.cell(r, j).text]
        if vals and all(parse_amount(v) is not None for v in vals):
            out.append(j)
    return out


def _levels(table: Table) -> list[tuple[int, str]]:
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


def check_hierarchy(doc: Document, ti: int, table: Table) -> list[Finding]:
    """类 = Σ 款 and 款 = Σ 项 by classification code, in every amount column; the total row
    = Σ of the top-level rows."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    if spec is None or not spec.code_kind:
        return []        # project and unit codes (032, 22 其他运转类) are not classification levels
    coded = _levels(table)
    code_columns = [c for c in table.columns if "编码" in _leaf(c) or "代码" in _leaf(c)]
    if len(coded) < 2 or len(code_columns) > 1:     # (split 类/款/项 columns have other leaves)
        return []        # side-by-side panels: codes of one column do not total another's
    cols = _amount_columns(table)
    out = []
    parents = {}
    for r, code in coded:
        kids = [(k, c) for k, c in coded if c != code and c.startswith(code) and
                not any(c2 != code and c2 != c and c.startswith(c2) and c2.startswith(code) for _, c2 in coded)]
        if kids:
            parents[r] = (code, kids)
    for r, (code, kids) in parents.items():
        for j in cols:
            stated = amount(table, r, j)
            if stated is None:
                continue
            s = sum((amount(table, k, j) or ZERO for k, _ in kids), ZERO)
            sev = severity(stated - s, len(kids))
            if sev is None:
                continue
            label = row_label(table, r)
            out.append(Finding("hierarchy", sev,
                               f"{label}: {_leaf(table.columns[j])} {fmt(stated)} ≠ Σ of its "
                               f"{len(kids)} sub-items = {fmt(s)}" + _inferred_note(table, r, [j]),
                               table.title, ti, r, j, f"{label} / {_leaf(table.columns[j])}",
                               list(table.cell(r, j).lines), {"stated": fmt(stated), "computed": fmt(s)}))
    total_row = next((r for r in range(len(table.rows))
                      if catalog.TOTAL_LABELS.match(table.cell(r, table.label_column()).text)), None)
    if total_row is not None:
        top_len = min(len(c) for _, c in coded)
        tops = [r for r, c in coded if len(c) == top_len]
        gaps = _rows_with_empty_parts(table)
        for j in cols:
            stated = amount(table, total_row, j)
            if stated is None:
                continue
            if any(r in gaps.get(j, ()) for r in tops):
                continue     # an empty part is already reported by the row identities
            s = sum((amount(table, r, j) or ZERO for r in tops), ZERO)
            sev = severity(stated - s, len(tops))
            if sev:
                out.append(Finding("sum", sev, f"合计 {_leaf(table.columns[j])} {fmt(stated)} ≠ Σ of the "
                                   f"{len(tops)} top-level rows = {fmt(s)}", table.title, ti, total_row, j,
                                   f"合计 / {_leaf(table.columns[j])}", list(table.cell(total_row, j).lines),
                                   {"stated": fmt(stated), "computed": fmt(s)}))
    return out


FORM_TOTAL = "年度资金总额"
FORM_PARTS = ("其中：财政拨款", "其他资金", "上年结转")


def check_form_funds(doc: Document, ti: int, table: Table) -> list[Finding]:
    """A performance form's 年度资金总额 = 财政拨款 + 其他资金 (+ 上年结转)."""
    total = parse_amount(table.fields.get(FORM_TOTAL, ""))
    parts = [parse_amount(table.fields[k]) for k in FORM_PARTS if k in table.fields]
    if total is None or not parts or any(p is None for p in parts):
        return []
    s = sum(parts, ZERO)
    sev = severity(total - s, len(parts))
    if sev is None:
        return []
    name = table.fields.get("项目名称", "")
    return [Finding("sum", sev, f"{name}: 年度资金总额 {total} ≠ sum of its parts {s}", table.title, ti,
                    where=f"项目资金 / {FORM_TOTAL}", lines=[table.first_line],
                    values={"stated": str(total), "computed": str(s)})]


GridRows = dict[tuple[str, str], dict[str, Decimal | None]]


def grid_blocks(table: Table) -> dict[str, GridRows]:
    """A form's small grids (fields named `block/group/row/column`, see
    catalog.FORM_GRID_BLOCKS): block → (group, row) → column → amount."""
    out: dict[str, GridRows] = {}
    for key, value in table.fields.items():
        parts = key.split("/")
        if len(parts) < 2 or len(parts) > 4 or not catalog.GRID_MARK.search(parts[-1]):
            continue
        group, row = ("", "") if len(parts) == 2 else ("", parts[1]) if len(parts) == 3 else parts[1:3]
        out.setdefault(parts[0], {}).setdefault((group, row), {})[parts[-1]] = parse_amount(value)
    return out


def check_form_grids(doc: Document, ti: int, table: Table) -> list[Finding]:
    """A form's small grids: a marked column (`预算增减变化（C-D）`) = its letters' columns, and a
    合计 row = the other rows of its group."""
    out = []
    for block, rows in grid_blocks(table).items():
        reported = set()
        for (group, row), cells in rows.items():
            by_mark = {catalog.GRID_MARK.search(c).group(1): c for c in cells}
            for mark, column in by_mark.items():
                terms = catalog.mark_terms(mark)
                if len(terms) < 2 or cells[column] is None or any(x not in by_mark for _, x in terms):
                    continue
                computed = sum((sign * (cells[by_mark[x]] or ZERO) for sign, x in terms), ZERO)
                sev = severity(cells[column] - computed, len(terms))
                if sev:
                    reported.add((group, row, column))
                    label = "/".join(x for x in (block, group, row, column) if x)
                    out.append(Finding("sum", sev, f"{label} {fmt(cells[column])} ≠ {mark} = {fmt(computed)}",
                                       table.title, ti, where=label, lines=[table.first_line],
                                       values={"stated": fmt(cells[column]), "computed": fmt(computed)}))
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
                    out.append(Finding("sum", sev, f"{label} {fmt(stated)} ≠ the {len(members)} rows above it "
                                       f"= {fmt(computed)}", table.title, ti, where=label, lines=[table.first_line],
                                       values={"stated": fmt(stated), "computed": fmt(computed)}))
    return out


# --------------------------------------------------------------------------- document rules

_RATE = re.compile(r"([\d.]+)\s*万元[，,]\s*(?:较|比)\s*(上年|20\d\d\s*年)\s*(?:预算)?\s*(增加|减少|增长|下降)\s*"
                   r"([\d.]+)\s*万元[，,]\s*(增长|下降|增加|减少)\s*([\d.]+)\s*%")
_COMPLETION = re.compile(r"年初预算(?:数)?为\s*([\d.]+)\s*万元[，,]\s*(?:支出)?决算(?:数)?为\s*([\d.]+)\s*万元[，,]\s*"
                         r"完成年初预算的\s*([\d.]+)\s*%")


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


@text_only
def check_prose_rates(doc: Document) -> list[Finding]:
    """Stated changes and rates in the text, recomputed; a rate on a zero base is a finding."""
    out = []
    in_table = set()
    for t in doc.tables:
        in_table.update(range(t.first_line, t.last_line + 1))
    lines = doc.source.norm
    for i, line in enumerate(lines, start=1):
        if i in in_table:
            continue
        text = line.replace(" ", "")
        for m in _COMPLETION.finditer(text):
            budget, actual, rate = (Decimal(m.group(k)) for k in (1, 2, 3))
            if budget == 0 and actual != 0:
                out.append(Finding("prose_vs_table", "error",
                                   f"完成年初预算的 {rate}% on a 年初预算数 of 0 (决算数 {actual}): the rate is undefined",
                                   where=text[max(0, m.start() - 20):m.start()], lines=[i],
                                   values={"stated": f"{rate}%", "computed": f"undefined ({actual} / 0)"}))
        for m in _RATE.finditer(text):
            current, change, rate = Decimal(m.group(1)), Decimal(m.group(4)), Decimal(m.group(6))
            sign = 1 if m.group(3) in ("增加", "增长") else -1
            base = current - sign * change
            if base == 0:
                out.append(Finding("prose_vs_table", "error",
                                   f"a rate of {rate}% stated on a zero base ({current} vs {change} change)",
                                   where=text[max(0, m.start() - 20):m.start()], lines=[i],
                                   values={"stated": f"{rate}%", "computed": f"undefined ({current} / 0)"}))
                continue
            computed = (change / abs(base) * 100)
            decimals = len(m.group(6).split(".")[1]) if "." in m.group(6) else 0
            if abs(computed - rate) > Decimal("0.5") * Decimal(10) ** -decimals + Decimal("0.05"):
                out.append(Finding("prose_vs_table", "error",
                                   f"stated rate {rate}% ≠ {change} / {base} = {computed:.2f}%",
                                   where=text[max(0, m.start() - 20):m.start()], lines=[i],
                                   values={"stated": f"{rate}%", "computed": f"{computed:.2f}%"}))
    return out


_TOTAL = re.compile(r"(收入|支出)预算(?:总额)?(?:为)?([\d.]+)万元[，,]较上年(?:预算安排)?(增加|减少)([\d.]+)万元")
_BREAKDOWN = re.compile(r"按[^：:，,。；]{0,10}划分[：:]")
_ITEM = re.compile(r"(?:^|[：:；;，,。])([^：:；;，,。\d]{2,20}?)([\d.]+)万元[，,]较上年(?:预算安排)?(增加|减少)([\d.]+)万元")


@per_text
def _prose_blocks(doc: Document) -> list[tuple[str, list[int]]]:
    """The text of each subsection of the explanatory text, tables left out, line breaks and
    spaces removed so that sentences read whole, with the source line of each character."""
    in_table = set()
    for t in doc.tables:
        in_table.update(range(t.first_line, t.last_line + 1))
    out = []
    for node in doc.root.walk():
        if node.kind != "subsection" and not (node.kind == "section" and not any(
                c.kind == "subsection" for c in node.children)):
            continue
        chars, lines = [], []
        for k in range(node.first_line, node.last_line + 1):
            if k not in in_table:
                text = doc.source.norm[k - 1].replace(" ", "")
                chars.append(text)
                lines.extend([k] * len(text))
        out.append(("".join(chars), lines))
    return out


def _signed(direction: str, value: str) -> Decimal:
    return Decimal(value) * (-1 if direction == "减少" else 1)


@text_only
def check_prose_breakdowns(doc: Document) -> list[Finding]:
    """A total stated in the text (收入/支出预算总额 T, 较上年 ± C) against each breakdown that
    follows it (按…划分: item amounts and their changes)."""
    out = []
    for text, lines in _prose_blocks(doc):
        m = _TOTAL.search(text)
        if not m:
            continue
        total, change = Decimal(m.group(2)), _signed(m.group(3), m.group(4))
        rest = text[m.end():]
        cuts = [b.start() for b in _BREAKDOWN.finditer(rest)]
        segments = [rest[a:b] for a, b in zip(cuts, cuts[1:] + [len(rest)])] if cuts else [rest]
        for segment in segments:
            items = [(i.group(1), Decimal(i.group(2)), _signed(i.group(3), i.group(4)))
                     for i in _ITEM.finditer(_strip_sub_items(segment))]
            if not items or (len(items) == 1 and items[0][1] != total):
                continue    # one item that is not the whole: a partial list, not a breakdown
            basis = _BREAKDOWN.match(segment).group(0).rstrip("：:") if _BREAKDOWN.match(segment) else ""
            where = f"{text[:12]} / {basis or m.group(1) + '预算总额'}"
            names = " + ".join(f"{n} {a}" for n, a, _ in items)
            amount_sum = sum((a for _, a, _ in items), ZERO)
            sev = severity(total - amount_sum, len(items))
            if sev:
                out.append(Finding("sum", sev, f"{m.group(1)}预算总额 {total} ≠ {names} = {amount_sum}",
                                   where=where, lines=[lines[m.start()]],
                                   values={"stated": str(total), "computed": str(amount_sum)}))
            change_sum = sum((c for _, _, c in items), ZERO)
            sev = severity(change - change_sum, len(items))
            if sev:
                out.append(Finding("sum", sev, f"{m.group(1)}预算总额 较上年 {change:+} ≠ the sum of its parts' "
                                   f"changes {change_sum:+}", where=where + " (较上年)", lines=[lines[m.start()]],
                                   values={"stated": str(change), "computed": str(change_sum)}))
    return out


_STATED_CHANGE = re.compile("(" + "|".join(catalog.CHANGE_SUBJECTS) +
                            r")(?:比|较)?(?:上年|去年)?(?:预算)?(增加|减少)([\d.]+)万元")
# Headings of paragraphs about part of the funds (财政拨款支出情况): their changes have
# another base than the whole budget's.
_PART_SCOPE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本|三公|机关运行")


@per_text
def _spending_changes(doc: Document) -> list[tuple[str, str, Decimal, int]]:
    """(subject, as printed, signed change, line) of each change the text states for the
    whole budget's spending (预算支出比上年增加 X 万元，其中基本支出增加 Y 万元)."""
    out = []
    for text, lines in _prose_blocks(doc):
        heading = text[:14]
        if "支出" not in heading or _PART_SCOPE.search(heading):
            continue
        for m in _STATED_CHANGE.finditer(text):
            out.append((m.group(1), m.group(0), _signed(m.group(2), m.group(3)), lines[m.start()]))
    return out


def check_prose_changes(doc: Document) -> list[Finding]:
    """Changes the text states for spending against the 预算增减变化 that a form's 支出构成
    block (部门整体支出绩效目标申报表) prints for the same row."""
    stated = _spending_changes(doc)
    if not stated:
        return []
    out = []
    for ti, t in enumerate(doc.tables):
        for block, rows in grid_blocks(t).items():
            for (group, row), cells in rows.items():
                change = next((c for c in cells if "-" in catalog.GRID_MARK.search(c).group(1)), None)
                if "支出" not in group or change is None or cells[change] is None:
                    continue
                for subject, printed, value, line in stated:
                    if catalog.CHANGE_SUBJECTS[subject] != row or severity(value - cells[change], 1) is None:
                        continue
                    out.append(Finding("prose_vs_table", severity(value - cells[change], 1),
                                       f"the text states “{printed}”; {t.title} {group} {row} {change} "
                                       f"prints {fmt(cells[change])}", t.title, ti,
                                       where=f"{group} {row} / {change}", lines=[line],
                                       values={"stated": str(value), "table": fmt(cells[change])}))
    return out


_ALL_FISCAL = re.compile(r"收入(?:预算)?(?:总额|总计)(?:为)?([\d.]+)万元[^。]*?财政拨款(?:收入)?([\d.]+)万元")


@per_text
def _income_all_fiscal(doc: Document) -> tuple[Decimal, int] | None:
    """The budget's income, with its line, when the text states that all of it is 财政拨款."""
    for text, lines in _prose_blocks(doc):
        m = _ALL_FISCAL.search(text)
        if m and Decimal(m.group(1)) == Decimal(m.group(2)) and Decimal(m.group(1)) > 0:
            return Decimal(m.group(1)), lines[m.start()]
    return None


def check_project_fund_sources(doc: Document) -> list[Finding]:
    """Where the text states that all income is 财政拨款, a project form's 其中：财政拨款 must
    be its whole 年度资金总额: there is no other source to fund the rest."""
    income = _income_all_fiscal(doc)
    if income is None:
        return []
    out = []
    for ti, t in enumerate(doc.tables):
        total, fiscal = parse_amount(t.fields.get(FORM_TOTAL, "")), parse_amount(t.fields.get(FORM_PARTS[0], ""))
        if t.kind != "budget.performance_target" or total is None or fiscal is None or total == fiscal:
            continue
        name = t.fields.get("项目名称", "")
        out.append(Finding("prose_vs_table", severity(total - fiscal, 1),
                           f"{name}: 其中：财政拨款 {fiscal} of 年度资金总额 {total}, but the text states all "
                           f"income ({income[0]} 万元) is 财政拨款", t.title, ti,
                           where=f"项目资金 / {FORM_PARTS[0]}", lines=[t.first_line, income[1]],
                           values={"stated": str(fiscal), "computed": str(total)}))
    return out


def _strip_sub_items(segment: str) -> str:
    """Drop `其中：…` lists (parts of a part) so only the breakdown's own items remain."""
    return re.sub(r"其中[：:][^。；;]*?(?=[。；;]|$)", "", segment)


_PROJECT_START = re.compile(r"(?<![\d.])(?:\d{1,2}|[一二三四五六七八九十]+)[.、．]\s*[“\"]?"
                            r"([^“”\"：:，,。；;]{4,40}?)[”\"]?(?:主要内容是|[：:])")
_PROJECT_BUDGET = re.compile(r"预算安排[：:]?\s*([\d.]+)\s*万元")


def _prose_text(doc: Document) -> tuple[str, list[int]]:
    """All explanatory text outside the tables as one string (spaces removed), and the
    source line of each character. Edits never move a table, so this is computed once."""
    return _prose_of(doc.source, tuple((t.first_line, t.last_line) for t in doc.tables))


@functools.lru_cache(maxsize=8)
def _prose_of(source, spans: tuple[tuple[int, int], ...]) -> tuple[str, list[int]]:
    in_table = set()
    for first, last in spans:
        in_table.update(range(first, last + 1))
    chars, lines = [], []
    for k, line in enumerate(source.norm, start=1):
        if k in in_table:
            continue
        text = line.replace(" ", "").replace("\t", "")
        chars.append(text)
        lines.extend([k] * len(text))
    return "".join(chars), lines


def _project_amounts(doc: Document) -> list[tuple[str, Decimal, str]]:
    """(project name, amount, where) from the 项目支出表 (合计) and performance forms
    (年度资金总额)."""
    out = []
    for t in doc.tables:
        if t.kind == "budget.project_expense":
            name_col, total_col = _find_col(t, "项目名称"), _find_col(t, "合计")
            if name_col is None or total_col is None:
                continue
            for r in range(len(t.rows)):
                value = amount(t, r, total_col)
                if value is not None and t.cell(r, name_col).text:
                    out.append((t.cell(r, name_col).text, value, t.title))
        elif t.kind == "budget.performance_target" and t.fields.get("项目名称"):
            value = parse_amount(t.fields.get(FORM_TOTAL, ""))
            if value is not None:
                out.append((t.fields["项目名称"], value, t.title))
    return out


@functools.lru_cache(maxsize=4096)
def _same_project(a: str, b: str) -> bool:
    a, b = re.sub(r"\s|项目$", "", a), re.sub(r"\s|项目$", "", b)
    return a == b or difflib.SequenceMatcher(a=a, b=b).ratio() >= 0.8


def _project_sections(text: str, reach: int) -> list[tuple[str, int, int]]:
    """(project name, start, end) of each project described in the text: from its numbered
    heading to the next one (the last reaches `reach` characters)."""
    starts = list(_PROJECT_START.finditer(text))
    return [(m.group(1), m.end(),
             starts[n + 1].start() if n + 1 < len(starts) else min(len(text), m.end() + reach))
            for n, m in enumerate(starts)]


def check_project_budgets(doc: Document) -> list[Finding]:
    """A project's 预算安排 stated in the text against its amount in the 项目支出表 or its
    performance form, matched by the project's name."""
    known = _project_amounts(doc)
    if not known:
        return []
    text, lines = _prose_text(doc)
    out = []
    for name, start, end in _project_sections(text, reach=600):
        budget = _PROJECT_BUDGET.search(text, start, end)
        if not budget:
            continue
        stated = Decimal(budget.group(1))
        matches = [(v, where) for p, v, where in known if _same_project(p, name)]
        if not matches or any(v == stated for v, _ in matches):
            continue
        value, where = matches[0]
        out.append(Finding("prose_vs_table", "error",
                           f"“{name}”: the text states 预算安排 {stated} 万元, {where} prints {value}",
                           where, where=f"{name} / 预算安排", lines=[lines[budget.start()]],
                           values={"stated": str(stated), "table": str(value)}))
    return out


_TARGET = re.compile(r"([\u4e00-\u9fff]{2,20}?)([≥≤=＝><])\s*([\d.]+)\s*%")


def _indicator_values(doc: Document) -> list[tuple[str, str, str, str]]:
    """(project, indicator, value, table title) from the performance forms' indicator grids."""
    out = []
    for t in doc.tables:
        if t.kind != "budget.performance_target":
            continue
        project_col, name_col = _find_col(t, "项目名称"), _find_col(t, "三级指标")
        value_col = _find_col(t, "指标值")
        if name_col is None or value_col is None:
            continue
        for r in range(len(t.rows)):
            project = t.cell(r, project_col).text if project_col is not None else t.fields.get("项目名称", "")
            out.append((project, t.cell(r, name_col).text, t.cell(r, value_col).text, t.title))
    return out


def check_project_targets(doc: Document) -> list[Finding]:
    """An indicator target stated for a project in the text (工作满意度≥95%) against the value
    its performance form gives the same indicator."""
    grid = _indicator_values(doc)
    if not grid:
        return []
    text, lines = _prose_text(doc)
    out = []
    for project, start, end in _project_sections(text, reach=800):
        rows = [g for g in grid if g[0] and _same_project(g[0], project)]
        for target in _TARGET.finditer(text, start, end):
            name, number = target.group(1), Decimal(target.group(3))
            same = [g for g in rows if g[1] and (g[1] == name or name.endswith(g[1]) or g[1].endswith(name))]
            if not same:
                continue
            printed = [parse_amount(x) for x in re.findall(r"[\d.]+", same[0][2])]
            if number in printed:
                continue
            out.append(Finding("prose_vs_table", "error",
                               f"“{project}” {name}: the text states {target.group(2)}{number}%, "
                               f"{same[0][3]} prints {same[0][2] or 'nothing'}",
                               same[0][3], where=f"{project} / {name}", lines=[lines[target.start()]],
                               values={"stated": str(number), "table": same[0][2]}))
    return out


_HEADCOUNT = re.compile(r"([\u4e00-\u9fff]{2,12}?)(共计|小计|合计)(\d+)人[，,](?:其中|包括)[：:]?")
_SUBTOTAL = re.compile(r"小计(\d+)人")


@text_only
def check_headcounts(doc: Document) -> list[Finding]:
    """Staff counts: a 共计/小计 of people against the parts listed after it (其中/包括)."""
    text, lines = _prose_text(doc)
    out = []
    for m in _HEADCOUNT.finditer(text):
        stop = "；;。" if m.group(2) == "小计" else "。"
        end = next((i for i in range(m.end(), len(text)) if text[i] in stop), len(text))
        segment = text[m.end():end]
        parts = [int(x) for x in _SUBTOTAL.findall(segment)] or [int(x) for x in re.findall(r"(\d+)人", segment)]
        stated = int(m.group(3))
        if not parts or sum(parts) == stated:
            continue
        label = m.group(1) + m.group(2)
        out.append(Finding("sum", "error", f"{label} {stated} 人 ≠ the parts listed after it, {sum(parts)} 人",
                           where=f"{label}", lines=[lines[m.start()]],
                           values={"stated": str(stated), "computed": str(sum(parts))}))
    return out


_NAMED_AMOUNT = re.compile(r"([\u4e00-\u9fff]+)([\d]+(?:\.\d+)?)万元")


def check_prose_subjects(doc: Document) -> list[Finding]:
    """An amount the text gives a classification subject (行政事业单位养老支出 55.56万元)
    against the rows of that name in the coded tables: one of them must print it."""
    printed: dict[str, list[tuple[Decimal, str, int]]] = {}
    for ti, t in enumerate(doc.tables):
        spec = catalog.SPEC_BY_KIND.get(t.kind)
        # economic classes are stated for all spending in the text but tabled for basic
        # spending only; function classes are tabled in full (支出总表)
        if spec is None or spec.code_kind != "function" or t.code_column() is None:
            continue
        label_col, cols = t.label_column(), _amount_columns(t)
        for r in range(len(t.rows)):
            if not t.row_code(r):
                continue
            for j in cols:
                value = amount(t, r, j)
                if value is not None:
                    printed.setdefault(t.cell(r, label_col).text, []).append((value, t.title, r))
    if not printed:
        return []
    text, lines = _prose_text(doc)
    out, seen = [], set()
    for m in _NAMED_AMOUNT.finditer(text):
        run, stated = m.group(1), Decimal(m.group(2))
        name = next((run[i:] for i in range(len(run)) if run[i:] in printed), None)
        if name is None or (name, stated) in seen:
            continue
        seen.add((name, stated))
        values = printed[name]
        if any(abs(v - stated) <= CENT for v, _, _ in values):
            continue
        value, title, _ = values[0]
        out.append(Finding("prose_vs_table", "error",
                           f"the text gives {name} {stated} 万元; {title} prints {value}",
                           title, where=f"{name}", lines=[lines[m.start()]],
                           values={"stated": str(stated), "table": str(value)}))
    return out


@per_text
def _prose_figures(doc: Document) -> list[list[tuple[Decimal, int, str]]]:
    """For each catalog.PROSE_FIGURES entry, the (amount, line, sentence start) the text states."""
    text, lines = _prose_text(doc)
    out = []
    for figure in catalog.PROSE_FIGURES:
        out.append([(Decimal(m.group(1)), lines[m.start()], m.group(0))
                    for m in _figure_pattern(figure.subject).finditer(text)])
    return out


@functools.lru_cache(maxsize=64)
def _figure_pattern(subject: str) -> re.Pattern:
    """`subject`, a few words (预算, 支出, 安排 …), then its amount in 万元."""
    return re.compile(subject + r"[^\d，,。；;、（(]{0,8}?([\d]+(?:\.\d+)?)万元")


@text_only
def check_prose_sums(doc: Document) -> list[Finding]:
    """Totals the text states with all their parts (catalog.PROSE_SUMS): “三公”经费 = 因公出国（境）费
    + 公务接待费 + 公务用车运行维护费 + 公务用车购置费; 政府采购 = 货物 + 工程 + 服务."""
    text, lines = _prose_text(doc)
    out = []
    for total_subject, part_subjects in catalog.PROSE_SUMS:
        for total in _figure_pattern(total_subject).finditer(text):
            end = text.find("。", total.end() + 300)
            parts = [_figure_pattern(p).search(text, total.end(), end if end > 0 else len(text))
                     for p in part_subjects]
            if any(p is None for p in parts):
                continue
            stated = Decimal(total.group(1))
            computed = sum((Decimal(p.group(1)) for p in parts), ZERO)
            sev = severity(stated - computed, len(parts))
            if sev:
                names = " + ".join(p.group(0) for p in parts)
                out.append(Finding("sum", sev, f"“{total.group(0)}” ≠ {names} = {computed}",
                                   where=total.group(0), lines=[lines[total.start()]],
                                   values={"stated": str(stated), "computed": str(computed)}))
            break
    return out


def check_prose_figures(doc: Document) -> list[Finding]:
    """Figures the text states by name (机关运行经费, “三公”经费 and its parts) against the table
    cell that prints them; one matching statement is enough."""
    by_kind = {t.kind: (ti, t) for ti, t in reversed(list(enumerate(doc.tables))) if t.recoverable}
    out = []
    for figure, stated in zip(catalog.PROSE_FIGURES, _prose_figures(doc)):
        if not stated or figure.kind not in by_kind:
            continue
        ti, table = by_kind[figure.kind]
        found = _locate(table, figure.row, figure.cols)
        if found is None:
            continue
        r, c, value, cell_lines = found
        in_wan = value / 10000 if table.unit == "元" else value
        # a table in 元 agrees when it rounds to the 万元 figure as printed
        if any(severity(amount - (in_wan.quantize(amount) if table.unit == "元" else in_wan), 1) != "error"
               for amount, _, _ in stated):
            continue
        if figure.zero_means_none and all(amount == 0 for amount, _, _ in stated):
            continue
        amount, line, sentence = stated[0]
        out.append(Finding("prose_vs_table", "error",
                           f"the text states “{sentence}”; {table.title} prints {fmt(value)}",
                           table.title, ti, r, c, f"{row_label(table, r)} / {_leaf(table.columns[c])}",
                           [line] + cell_lines, {"stated": str(amount), "table": fmt(value)}))
    return out


# Tables whose first amount column totals the same funds by function code.
SAME_TOTALS = (("budget.income", "budget.expense"), ("final.income", "final.expense"))


def _first_amount_by_code(table: Table) -> dict[str, tuple[int, int, Decimal]]:
    cols = _amount_columns(table)
    if not cols:
        return {}
    out = {}
    for r, code in _levels(table):
        value = amount(table, r, cols[0])
        if value is not None:
            out[code] = (r, cols[0], value)
    return out


def check_cross_tables(doc: Document) -> list[Finding]:
    """The same function code carries the same total in the income and the expenditure
    table, and the same name in every table where it appears."""
    out = []
    by_kind = {t.kind: (ti, t) for ti, t in enumerate(doc.tables)}
    for a_kind, b_kind in SAME_TOTALS:
        if a_kind not in by_kind or b_kind not in by_kind:
            continue
        (_, a), (bi, b) = by_kind[a_kind], by_kind[b_kind]
        if not (a.recoverable and b.recoverable):
            continue
        a_codes, b_codes = _first_amount_by_code(a), _first_amount_by_code(b)
        for code, (br, bc, b_value) in b_codes.items():
            if code not in a_codes:
                continue
            ar, ac, a_value = a_codes[code]
            sev = severity(b_value - a_value, 1)
            if sev:
                label = row_label(b, br)
                out.append(Finding("cross_table", sev,
                                   f"{label}: {b.title} {_leaf(b.columns[bc])} {fmt(b_value)} ≠ "
                                   f"{a.title} {_leaf(a.columns[ac])} {fmt(a_value)}",
                                   b.title, bi, br, bc, f"{label} / {_leaf(b.columns[bc])} (vs {a.title})",
                                   list(b.cell(br, bc).lines) + list(a.cell(ar, ac).lines),
                                   {"stated": fmt(b_value), "computed": fmt(a_value)}))
    names: dict[str, tuple[str, str]] = {}
    for ti, t in enumerate(doc.tables):
        spec = catalog.SPEC_BY_KIND.get(t.kind)
        if spec is None or spec.code_kind != "function":
            continue
        for r, code in _levels(t):
            name = t.cell(r, t.label_column()).text
            if len(code) < 5 or not name:
                continue
            if code in names and names[code][0] != name:
                out.append(Finding("cross_table", "warning",
                                   f"{code} is named {name} here but {names[code][0]} in {names[code][1]}",
                                   t.title, ti, r, t.label_column(), f"{code} / name", list(t.cell(r, 0).lines),
                                   {"stated": name, "other": names[code][0]}))
            names.setdefault(code, (name, t.title))
    return out


Located = tuple[int, int, Decimal, list[int]]     # row, column, amount, source lines


def _locate(table: Table, row: str, cols: tuple[str, ...]) -> Located | None:
    """The cell an identity names (see catalog.Identity), with its amount; rows joined by
    `+` are summed (located at the first)."""
    if "+" in row:
        parts = [_locate(table, name, cols) for name in row.split("+")]
        if any(p is None for p in parts):
            return None
        return parts[0][0], parts[0][1], sum((p[2] for p in parts), ZERO), [k for p in parts for k in p[3]]
    if row == "*":
        rows = [0] if len(table.rows) == 1 else []
    elif row.isdigit():
        rows = [r for r in range(len(table.rows)) if table.row_code(r) == row]
    else:
        rows = [r for r in range(len(table.rows))
                if any(re.sub(r"\s", "", c.text) == row for c in table.rows[r])]
        if not rows and row == "合计":      # a total row printed without its label
            rows = [r for r in range(len(table.rows)) if _is_unlabelled_total(table, r)][:1]
    if not rows:
        return None
    r = rows[0]
    for name in cols:
        if name:
            c = _find_col(table, name)
        else:       # the amount printed after the label, before the next label
            c = None
            at = next(j for j, cell in enumerate(table.rows[r]) if re.sub(r"\s", "", cell.text) == row)
            for j in range(at + 1, len(table.columns)):
                if amount(table, r, j) is not None and _leaf(table.columns[j]) not in ("行次", "栏次"):
                    c = j
                    break
                if table.cell(r, j).text and parse_amount(table.cell(r, j).text) is None:
                    break
        if c is not None and amount(table, r, c) is not None:
            return r, c, amount(table, r, c), list(table.cell(r, c).lines)
    return None


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
        found_b = _locate(b, rule.b_row, rule.b_cols)
        a_cols = [(c,) for c in rule.a_cols] if rule.relation == "any" else [rule.a_cols]
        found_a = [f for f in (_locate(a, rule.a_row, cols) for cols in a_cols) if f is not None]
        if not found_a or found_b is None:
            continue
        br, bc, bv, b_lines = found_b
        if b.unit == "元" and a.unit == "万元":     # compare in 万元, the unit of the rounding rule
            bv = bv / 10000
        differences = [bv - (av / 10000 if a.unit == "元" and b.unit == "万元" else av) for _, _, av, _ in found_a]
        if rule.relation == "≥":       # b is a part of a: only b exceeding a disagrees
            differences = [max(d, ZERO) for d in differences]
        if any(severity(d, 1) is None for d in differences):
            continue
        ar, ac, av, a_lines = found_a[0]
        sev = severity(differences[0], 1)
        b_row = row_label(b, br) if rule.b_row == "*" else rule.b_row
        relation = {"=": "≠", "≥": ">", "any": "matches none of"}[rule.relation]
        a_figures = " / ".join(f"{_leaf(a.columns[c])} {fmt(v)}" for _, c, v, _ in found_a)
        out.append(Finding("cross_table", sev,
                           f"{b.title} {b_row} {_leaf(b.columns[bc])} {fmt(bv)} {relation} "
                           f"{a.title} {rule.a_row} {a_figures}",
                           b.title, bi, br, bc, f"{b_row} / {_leaf(b.columns[bc])} (vs {a.title})",
                           b_lines + a_lines, {"stated": fmt(bv), "computed": fmt(av)}))
    return out


_PANEL_TOTALS = (("本年收入合计", "收入总计"), ("本年支出合计", "支出总计"))


def check_panel_balance(doc: Document, ti: int, table: Table) -> list[Finding]:
    """Two-panel summary tables: 收入总计 = 本年收入合计 + the rows after it (结转, 结余 …),
    likewise for 支出, and 收入总计 = 支出总计."""
    if not table.kind.endswith(("income_expense_summary", "fiscal_summary")):
        return []
    labels = [j for j, c in enumerate(table.columns) if re.search(r"项目", _leaf(c))]
    found: dict[str, tuple[int, int, Decimal]] = {}
    out = []
    for side, j in enumerate(labels[:2]):
        value_col = j + next((k for k in range(1, len(table.columns) - j)
                              if _leaf(table.columns[j + k]) not in ("行次", "栏次")), 1)
        if value_col >= len(table.columns):
            continue
        texts = [re.sub(r"\s", "", table.cell(r, j).text) for r in range(len(table.rows))]
        subtotal_name, total_name = _PANEL_TOTALS[side]
        sub = next((r for r, t in enumerate(texts) if t.endswith(subtotal_name)), None)
        tot = next((r for r, t in enumerate(texts) if t in (total_name, "总计")), None)
        if tot is None:
            continue
        total = amount(table, tot, value_col)
        if total is None:
            continue
        found[total_name] = (tot, value_col, total)
        if sub is None or sub > tot:
            continue
        parts = [amount(table, r, value_col) for r in range(sub, tot) if texts[r]]
        s = sum((p or ZERO for p in parts), ZERO)
        sev = severity(total - s, max(1, sum(p is not None for p in parts)))
        if sev:
            out.append(Finding("sum", sev, f"{total_name} {fmt(total)} ≠ {subtotal_name} and the rows after it = {fmt(s)}",
                               table.title, ti, tot, value_col, f"{total_name} / {_leaf(table.columns[value_col])}",
                               list(table.cell(tot, value_col).lines), {"stated": fmt(total), "computed": fmt(s)}))
    if "收入总计" in found and "支出总计" in found:
        (_, _, income), (r2, c2, expense) = found["收入总计"], found["支出总计"]
        sev = severity(income - expense, 1)
        if sev:
            out.append(Finding("sum", sev, f"收入总计 {fmt(income)} ≠ 支出总计 {fmt(expense)}", table.title, ti,
                               r2, c2, "支出总计", list(table.cell(r2, c2).lines),
                               {"stated": fmt(expense), "computed": fmt(income)}))
    return out


_TWO_UNITS = re.compile(r"([\d,]+(?:\.\d+)?)(万元|元)[（(]([\d,]+(?:\.\d+)?)(万元|元)[）)]")


@text_only
def check_units(doc: Document) -> list[Finding]:
    """The same amount stated in 万元 and in 元 (`1.5万元（15000元）`) agrees, to the
    precision the 万元 figure is printed with."""
    text, lines = _prose_text(doc)
    out = []
    for m in _TWO_UNITS.finditer(text):
        if m.group(2) == m.group(4):
            continue
        wan, yuan = (m.group(1), m.group(3)) if m.group(2) == "万元" else (m.group(3), m.group(1))
        decimals = len(wan.split(".")[1]) if "." in wan else 0
        expected = (Decimal(yuan.replace(",", "")) / 10000).quantize(Decimal(1).scaleb(-decimals))
        stated = Decimal(wan.replace(",", ""))
        if abs(expected - stated) > Decimal(1).scaleb(-decimals) / 2:
            out.append(Finding("unit", "error", f"{wan} 万元 and {yuan} 元 are not the same amount",
                               where=m.group(0), lines=[lines[m.start()]],
                               values={"stated": wan, "computed": str(expected)}))
    return out


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
        if spec is not None and spec.kind not in present:
            out.append(Finding("extraction", "error", f"《{name}》 is listed in the 目录 but absent from the text",
                               name, where="whole table", lines=[entry.first_line],
                               values={"stated": f"listed in 目录 (line {entry.first_line})",
                                       "computed": "absent from text"}))
    return out


def check_unrecoverable(doc: Document) -> list[Finding]:
    return [Finding("extraction", "warning", f"{t.title}: the text lost this table's cells ({'; '.join(t.notes)})",
                    t.title, ti, where="whole table", lines=[t.first_line])
            for ti, t in enumerate(doc.tables) if not t.recoverable]


TABLE_RULES: tuple[Callable[[Document, int, Table], list[Finding]], ...] = (
    check_row_identities, check_hierarchy, check_form_funds, check_form_grids, check_panel_balance)

DOCUMENT_RULES: tuple[Callable[[Document], list[Finding]], ...] = (
    check_cross_tables, check_identities, check_prose_rates, check_prose_breakdowns, check_prose_changes,
    check_project_budgets, check_project_fund_sources, check_project_targets, check_prose_subjects, check_prose_figures,
    check_prose_sums, check_headcounts, check_units, check_toc_tables, check_unrecoverable)


def validate_table(doc: Document, ti: int) -> list[Finding]:
    table = doc.tables[ti]
    if not table.recoverable:
        return []
    out = []
    for rule in TABLE_RULES:
        out.extend(rule(doc, ti, table))
    return out


def validate(doc: Document, per_table: dict[int, list[Finding]] | None = None) -> list[Finding]:
    """All findings of a document, numbered in document order. `per_table` may carry cached
    findings of unchanged tables (the TUI re-validates only the table that was edited)."""
    findings: list[Finding] = []
    for ti in range(len(doc.tables)):
        findings.extend(per_table[ti] if per_table is not None and ti in per_table else validate_table(doc, ti))
    for rule in DOCUMENT_RULES:
        findings.extend(rule(doc))
    for n, f in enumerate(findings, start=1):
        f.id = f"F{n}"
    return findings
