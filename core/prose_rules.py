"""Rules of the explanatory text: stated totals, parts, changes and rates recomputed, and
figures stated by name matched to the table cell of the same subject."""
from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from . import catalog
from .catalog import TableKind
from .cross_rules import locate
from .findings import (
    CENT,
    ZERO,
    Check,
    Finding,
    Severity,
    amount,
    amount_columns,
    cells_note,
    classification_of,
    column_name,
    find_col,
    fmt,
    per_text,
    row_label,
    severity,
    text_only,
)
from .model import Document, Table, parse_amount
from .panels import LIST_NUMBER, OUT_OF_TURN
from .placement import GUESSED
from .reader import SourceText
from .table_rules import FORM_PARTS, FORM_TOTAL, grid_blocks
from .text import HAN
from .tokens import named_amounts, squash

# An amount as the text prints it: `19,044.27`, `2940.05`, never the tail of a longer number.
_NUMBER = r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)"


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


_RATE = re.compile(_NUMBER + r"\s*万元[，,]\s*(?:(?:(?!万元)[^，,。；;]){0,16}[，,])?(?:决算数)?\s*(?:较|比)\s*(上年|20\d\d\s*年)\s*"
                   r"(?:预算)?\s*(增加|减少|增长|下降)\s*" + _NUMBER + r"\s*万元[，,]\s*(增长|下降|增加|减少)\s*([\d.]{1,20})\s*%")
_COMPLETION = re.compile(r"(?:年初|全年)预算(?:数)?为\s*" + _NUMBER + r"\s*万元[，,]\s*(?:支出)?决算(?:数)?为\s*"
                         + _NUMBER + r"\s*万元[，,]\s*完成(?:年初|全年)预算的\s*([\d.]{1,20})\s*%")


def _rate_finding(message: str, where: str, line: int, stated: Decimal, computed: Decimal | str) -> Finding:
    """A stated percentage that its figures contradict (`computed` a rate, or why there is none)."""
    shown = f"{computed:.2f}%" if isinstance(computed, Decimal) else computed
    return Finding(Check.PROSE_VS_TABLE, Severity.ERROR, message, where=where, lines=[line],
                   values={"stated": f"{stated}%", "computed": shown})


def _rate_differs(computed: Decimal, stated: Decimal, printed: str) -> bool:
    """Beyond the rounding of the printed rate (96% stands for 95.5–96.5)."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return abs(computed - stated) > Decimal("0.5") * Decimal(10) ** -decimals + Decimal("0.05")


@text_only
def check_prose_rates(doc: Document) -> list[Finding]:
    """Stated changes and rates in the text, recomputed (`X 万元，[完成…的 Z%，]较上年减少 C
    万元，下降 R%`); a rate on a zero base is a finding."""
    out = []
    in_table: set[int] = set()
    for t in doc.tables:
        in_table.update(range(t.first_line, t.last_line + 1))
    lines = doc.source.norm
    for i, line in enumerate(lines, start=1):
        if i in in_table:
            continue
        text = line.replace(" ", "")
        for m in _COMPLETION.finditer(text):
            budget, actual, rate = (_dec(m.group(k)) for k in (1, 2, 3))
            if budget == 0 and actual != 0:
                out.append(_rate_finding(f"完成年初预算的 {rate}% on a 年初预算数 of 0 (决算数 {actual}): the rate is "
                                         "undefined", text[max(0, m.start() - 20):m.start()], i, rate,
                                         f"undefined ({actual} / 0)"))
            elif budget != 0 and _rate_differs(actual / budget * 100, rate, m.group(3)):
                computed = actual / budget * 100
                out.append(_rate_finding(f"完成预算的 {rate}% ≠ 决算数 {actual} / 预算数 {budget} = {computed:.2f}%",
                                         text[max(0, m.start() - 20):m.start()], i, rate, computed))
        for m in _RATE.finditer(text):
            current, change, rate = _dec(m.group(1)), _dec(m.group(4)), _dec(m.group(6))
            sign = 1 if m.group(3) in ("增加", "增长") else -1
            base = current - sign * change
            if base == 0:
                out.append(_rate_finding(f"a rate of {rate}% stated on a zero base ({current} vs {change} change)",
                                         text[max(0, m.start() - 20):m.start()], i, rate, f"undefined ({current} / 0)"))
                continue
            computed = (change / abs(base) * 100)
            if _rate_differs(computed, rate, m.group(6)) and \
                    not _rate_of_the_sentences_total(_sentence_before(lines, i, text[:m.start()], in_table),
                                                     sign * change, rate, m.group(6)):
                out.append(_rate_finding(f"stated rate {rate}% ≠ {change} / {base} = {computed:.2f}%",
                                         text[max(0, m.start() - 20):m.start()], i, rate, computed))
    return out


SENTENCE_END = re.compile(r"[。；;]")
_AMOUNT = re.compile(_NUMBER + r"\s*万元")
SENTENCE_LINES = 6      # lines a sentence is read back over at most


def _sentence_before(lines: Sequence[str], i: int, head: str, in_table: set[int]) -> str:
    """The sentence's text before a point of line i (`head`: the line's text before it), back
    over the lines of prose it wraps from (a layout text's blank lines between them passed)."""
    parts = [head]
    j = i - 1
    while not SENTENCE_END.search(parts[0]) and j >= max(1, i - SENTENCE_LINES) and j not in in_table:
        if lines[j - 1].strip():
            parts.insert(0, lines[j - 1].replace(" ", ""))
        j -= 1
    return SENTENCE_END.split("".join(parts))[-1]


def _rate_of_the_sentences_total(sentence: str, change: Decimal, rate: Decimal, printed: str) -> bool:
    """Whether the rate is the change's share of the sentence's total, its first amount, where
    the figure before the change is an item of its breakdown (`收入4,203.47万元，其中：…其他收入
    100.00万元，较上年增加142.30万元，增长3.50%`)."""
    first = _AMOUNT.search(sentence)
    if "其中" not in sentence or first is None:
        return False
    base = _dec(first.group(1)) - change
    return base != 0 and not _rate_differs(abs(change) / abs(base) * 100, rate, printed)


_TOTAL = re.compile(r"(收入|支出)预算(?:总额)?(?:为)?" + _NUMBER + r"万元[，,]较上年(?:预算安排)?(增加|减少)" + _NUMBER + r"万元")
_BREAKDOWN = re.compile(r"按[^：:，,。；]{0,10}划分[：:]")
_ITEM = re.compile(r"(?:^|[：:；;，,。])([^：:；;，,。\d]{2,20}?)" + _NUMBER
                   + r"万元[，,]较上年(?:预算安排)?(增加|减少)" + _NUMBER + r"万元")


@per_text
def _prose_blocks(doc: Document) -> list[tuple[str, list[int]]]:
    """The text of each subsection of the explanatory text, tables left out, line breaks and
    spaces removed so that sentences read whole, with the source line of each character."""
    in_table: set[int] = set(doc.page_lines)     # (a sentence may run on over a page number)
    for t in doc.tables:
        in_table.update(range(t.first_line, t.last_line + 1))
    out = []
    for node in doc.root.walk():
        if node.kind != "subsection" and not (node.kind == "section" and not any(
                c.kind == "subsection" for c in node.children)):
            continue
        out.append(_spaceless(doc.source, (k for k in range(node.first_line, node.last_line + 1)
                                                if k not in in_table)))
    return out


# pdftotext's layout mode may print a figure's decimals apart from it, on its line or the next:
# `预算858      .32万元。其中：费用207` / `   .78万元，比上年减少95`, the `.32` being another
# figure's. A gap that wide is never inside a figure, and a line showing one leaves the next
# line's leading decimals unowned: neither is joined to the digits before it. (The normalised
# lines keep one space of any gap, so the printed line tells which of their gaps were wide.)
_GAP_BEFORE_DECIMALS = re.compile(r"(?<=\d)[ \t]+(?=\.\d)")
_WIDE_GAP = 3
_APART = "|"        # between pieces that must not read as one figure


def _spaceless(source: SourceText, numbers: Iterable[int]) -> tuple[str, list[int]]:
    """The normalised lines `numbers` (1-based) of `source` as one string without spaces, so
    that sentences read whole, and the source line of each character."""
    chars: list[str] = []
    lines: list[int] = []
    after_displaced = False
    for k in numbers:
        text, printed = source.norm[k - 1], source.lines[k - 1]
        gaps = [len(gap.group()) for gap in _GAP_BEFORE_DECIMALS.finditer(printed)]
        displaced = any(width >= _WIDE_GAP for width in gaps)
        if displaced and len(gaps) == len(_GAP_BEFORE_DECIMALS.findall(text)):
            pieces = _GAP_BEFORE_DECIMALS.split(text)
            text = pieces[0] + "".join((_APART if width >= _WIDE_GAP else " ") + piece
                                       for width, piece in zip(gaps, pieces[1:]))
        if after_displaced and text.startswith("."):
            text = _APART + text
        after_displaced = displaced
        text = text.replace(" ", "").replace("\t", "")
        chars.append(text)
        lines.extend([k] * len(text))
    return "".join(chars), lines


def _signed(direction: str, value: str) -> Decimal:
    return _dec(value) * (-1 if direction == "减少" else 1)


@text_only
def check_prose_breakdowns(doc: Document) -> list[Finding]:
    """A total stated in the text (收入/支出预算总额 T, 较上年 ± C) against each breakdown that
    follows it (按…划分: item amounts and their changes)."""
    out = []
    for text, lines in _prose_blocks(doc):
        m = _TOTAL.search(text)
        if not m:
            continue
        total, change = _dec(m.group(2)), _signed(m.group(3), m.group(4))
        rest = text[m.end():]
        cuts = [b.start() for b in _BREAKDOWN.finditer(rest)]
        segments = [rest[a:b] for a, b in zip(cuts, cuts[1:] + [len(rest)])] if cuts else [rest]
        for segment in segments:
            items = [(i.group(1), _dec(i.group(2)), _signed(i.group(3), i.group(4)))
                     for i in _ITEM.finditer(_strip_sub_items(segment))]
            if not items or (len(items) == 1 and items[0][1] != total):
                continue    # one item that is not the whole: a partial list, not a breakdown
            breakdown = _BREAKDOWN.match(segment)
            basis = breakdown.group(0).rstrip("：:") if breakdown else ""
            where = f"{text[:12]} / {basis or m.group(1) + '预算总额'}"
            names = " + ".join(f"{n} {a}" for n, a, _ in items)
            amount_sum = sum((a for _, a, _ in items), ZERO)
            sev = severity(total - amount_sum, len(items))
            if sev:
                out.append(Finding(Check.SUM, sev, f"{m.group(1)}预算总额 {total} ≠ {names} = {amount_sum}",
                                   where=where, lines=[lines[m.start()]],
                                   values={"stated": str(total), "computed": str(amount_sum)}))
            change_sum = sum((c for _, _, c in items), ZERO)
            sev = severity(change - change_sum, len(items))
            if sev:
                out.append(Finding(Check.SUM, sev, f"{m.group(1)}预算总额 较上年 {change:+} ≠ the sum of its parts' "
                                   f"changes {change_sum:+}", where=where + " (较上年)", lines=[lines[m.start()]],
                                   values={"stated": str(change), "computed": str(change_sum)}))
    return out


_STATED_CHANGE = re.compile("(" + "|".join(catalog.CHANGE_SUBJECTS) +
                            r")(?:比|较)?(?:上年|去年)?(?:预算)?(增加|减少)" + _NUMBER + r"万元")
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
        for rows in grid_blocks(t).values():
            for (group, row), cells in rows.items():
                change = next((c for c in cells if (m := catalog.GRID_MARK.search(c)) and "-" in m.group(1)), None)
                printed_change = cells[change] if change is not None else None
                if "支出" not in group or change is None or printed_change is None:
                    continue
                for subject, printed, value, line in stated:
                    sev = severity(value - printed_change, 1) if catalog.CHANGE_SUBJECTS[subject] == row else None
                    if sev is None:
                        continue
                    out.append(Finding(Check.PROSE_VS_TABLE, sev,
                                       f"the text states “{printed}”; {t.title} {group} {row} {change} "
                                       f"prints {fmt(printed_change)}", t.title, ti,
                                       where=f"{group} {row} / {change}", lines=[line],
                                       values={"stated": str(value), "table": fmt(printed_change)}))
    return out


_ALL_FISCAL = re.compile(r"收入(?:预算)?(?:总额|总计)(?:为)?" + _NUMBER + r"万元[^。]*?财政拨款(?:收入)?" + _NUMBER + r"万元")


@per_text
def _income_all_fiscal(doc: Document) -> tuple[Decimal, int] | None:
    """The budget's income, with its line, when the text states that all of it is 财政拨款."""
    for text, lines in _prose_blocks(doc):
        m = _ALL_FISCAL.search(text)
        if m and _dec(m.group(1)) == _dec(m.group(2)) and _dec(m.group(1)) > 0:
            return _dec(m.group(1)), lines[m.start()]
    return None


def check_project_fund_sources(doc: Document) -> list[Finding]:
    """Where the text states that all income is 财政拨款, a project form's 其中：财政拨款 must
    be its whole 年度资金总额: there is no other source to fund the rest."""
    income = _income_all_fiscal(doc)
    if income is None:
        return []
    out = []
    for ti, t in enumerate(doc.tables):
        total, fiscal = parse_amount(t.facts.get(FORM_TOTAL, "")), parse_amount(t.facts.get(FORM_PARTS[0], ""))
        sev = severity(total - fiscal, 1) if total is not None and fiscal is not None else None
        if t.kind != TableKind.BUDGET_PERFORMANCE_TARGET or sev is None:
            continue
        name = t.facts.get("项目名称", "")
        out.append(Finding(Check.PROSE_VS_TABLE, sev,
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
_PROJECT_BUDGET = re.compile(r"预算安排[：:]?\s*" + _NUMBER + r"\s*万元")


def _prose_text(doc: Document) -> tuple[str, list[int]]:
    """All explanatory text outside the tables as one string (spaces removed), and the
    source line of each character. Edits never move a table, so this is computed once."""
    return _prose_of(doc.source, tuple((t.first_line, t.last_line) for t in doc.tables), doc.page_lines)


@functools.lru_cache(maxsize=8)
def _prose_of(source: SourceText, spans: tuple[tuple[int, int], ...], page_lines: frozenset[int]
              ) -> tuple[str, list[int]]:
    in_table: set[int] = set(page_lines)        # (a sentence may run on over a page number)
    for first, last in spans:
        in_table.update(range(first, last + 1))
    return _spaceless(source, (k for k in range(1, len(source.norm) + 1) if k not in in_table))


def _project_amounts(doc: Document) -> list[tuple[str, Decimal, int]]:
    """(project name, amount, the table's index) from the 项目支出表 (合计) and performance
    forms (年度资金总额); a row whose name was not read (its name wrapped around its figures,
    read apart) with the name "": an amount the text states that such a row prints may be its."""
    out = []
    for ti, t in enumerate(doc.tables):
        if t.kind == TableKind.BUDGET_PROJECT_EXPENSE:
            name_col = find_col(t, "项目名称")
            name_col = t.label_column() if name_col is None else name_col
            total_col = next((c for c in (find_col(t, "总计"), find_col(t, "合计")) if c is not None), None)
            if total_col is None:
                continue
            values = [amount(t, r, total_col) for r in range(len(t.rows))]
            groups = _group_rows(values)
            for r, value in enumerate(values):
                if value is not None and r not in groups and not catalog.TOTAL_LABELS.match(t.cell(r, name_col).text):
                    out.append((t.cell(r, name_col).text, value, ti))
        elif t.kind == TableKind.BUDGET_PERFORMANCE_TARGET and t.facts.get("项目名称"):
            value = parse_amount(t.facts.get(FORM_TOTAL, ""))
            if value is not None:
                out.append((t.facts["项目名称"], value, ti))
    return out


def _witnessed(table: Table) -> Severity:
    """How sure a project's figure the text disagrees with is: an error, a warning where the
    table's reading is doubted (its rows are no witness to a name: a project's row may be read
    into another's)."""
    return Severity.WARNING if table.doubt else Severity.ERROR


def _doubt_said(table: Table) -> str:
    """The table's doubt, in brackets, for a finding resting on it; else ""."""
    return f" ({table.doubt})" if table.doubt else ""


def _group_rows(values: list[Decimal | None]) -> set[int]:
    """The rows that total the rows after them (a unit's row over its projects): each whose
    amount the next rows' add up to (within their rounding). The text's list of some projects
    (重点项目) totals a unit's other rows than the table: no project's."""
    out: set[int] = set()
    for r, value in enumerate(values):
        if value is None or value <= 0:
            continue
        total = Decimal(0)
        for parts in range(1, len(values) - r):
            total += values[r + parts] or 0
            if severity(value - total, parts) != Severity.ERROR:     # (equal, or within their rounding)
                out.add(r)
                break
            if total > value:
                break
    return out


def check_project_lines(doc: Document) -> list[Finding]:
    """A project listed again in the explanatory text, in a table of its own (`辅助人员补助经费-
    拱北海关 ⇥ 7672.25 ⇥ 绩效目标…`), against the amount the 项目支出表 prints for it (the
    nearest, where several units' projects share the name)."""
    # a name a department's units share (住院医师规范化培训补助经费 of each hospital) has an amount each
    printed: dict[str, list[tuple[Decimal, int]]] = {}
    unnamed: set[Decimal] = set()
    for name, value, table_index in _project_amounts(doc):
        if name:
            printed.setdefault(re.sub(r"\s", "", name), []).append((value, table_index))
        else:
            unnamed.add(value)
    if not printed:
        return []
    in_table = {k for t in doc.tables for k in range(t.first_line, t.last_line + 1)}
    norm = doc.source.norm
    lines_listed = []
    figures_listed: list[tuple[int, Decimal]] = []      # every line of a list printing its figure first
    for k, line in enumerate(norm, start=1):
        if k in in_table:
            continue
        if "\t" in line:
            listed = _listed_project(line)
            lone = parse_amount(listed[1]) if listed is not None else None
        else:
            listed, lone = _wrapped_listed_project(norm, k, printed), _listed_figure(line)
        if listed is not None and listed[0] in printed and (said := parse_amount(listed[1])) is not None:
            lines_listed.append((k, *listed, said))
        if lone is not None:
            figures_listed.append((k, lone))
    # (a unit's line in the text's list, totalling the projects listed after it, is no project's:
    # its projects' lines counted as told, or every line printing a figure, the names of some
    # untold where they wrap)
    totals = {lines_listed[n][0] for n in _group_rows([said for *_, said in lines_listed])} | \
        {figures_listed[n][0] for n in _group_rows([said for _, said in figures_listed])}
    out = []
    for k, name, figure, said in lines_listed:
        if said in unnamed or k in totals:
            continue
        # … and rows whose names hold it among other text: a wrapped name's end, the header
        # printed again, a description's piece, read into the name (`助项目住院医师规范化培训补助经费`)
        glued = [entry for other, entries in printed.items() if other != name and name in other for entry in entries]
        value, table_index = min(printed[name] + glued, key=lambda printed_as: abs(printed_as[0] - said))
        if severity(said - value, 1) == Severity.ERROR:
            table = doc.tables[table_index]
            out.append(Finding(Check.PROSE_VS_TABLE, _witnessed(table),
                               f"the text lists {name} at {figure} 万元; {table.title} prints {fmt(value)}"
                               + _doubt_said(table),
                               table.title, where=f"{name} / 总计", lines=[k],
                               values={"stated": figure, "other": fmt(value)}))
    return out


def _listed_project(line: str) -> tuple[str, str] | None:
    """(name, amount) of a project listed on a line of tab-separated cells."""
    cells = [c.strip() for c in line.split("\t")]
    return (re.sub(r"\s", "", cells[0]), cells[1]) if len(cells) > 1 else None


def _lone_figure_at(tokens: list[str]) -> int | None:
    """Where the one figure of a list's line printed as text stands, first or after one piece
    of its name (`大气污染防治专项经费     384.5`, `625.58`), or None."""
    at = next((i for i, t in enumerate(tokens) if parse_amount(t) is not None), None)
    if at is None or at > 1 or sum(parse_amount(t) is not None for t in tokens) != 1:
        return None
    return at


def _listed_figure(line: str) -> Decimal | None:
    """The one figure a line of a list printed as text opens with (`_lone_figure_at`), or None."""
    tokens = line.split()
    return parse_amount(tokens[at]) if (at := _lone_figure_at(tokens)) is not None else None


def _wrapped_listed_project(norm: tuple[str, ...], k: int, names: Mapping[str, object]) -> tuple[str, str] | None:
    """(name, amount) of a project listed in a grid printed as text, its name wrapped around
    the amount's line (`辅助人员补助经费-拱北海` / `7672.25 好助力服务…` / `关`, its description
    beside) or over the lines above an amount alone (one cell a line: `辅助人员补助经费-拱北海` /
    `关` / `7672.25`): the amount's line's first piece, or it with the first pieces of up to two
    lines above and below it, in order, where together they make the name of a project of
    `names` (never a guess at any other text)."""
    tokens = norm[k - 1].split()
    if (at := _lone_figure_at(tokens)) is None:
        return None

    def first_piece(n: int) -> str:
        line = norm[n - 1].split() if 0 < n <= len(norm) else []
        return line[0] if line and parse_amount(line[0]) is None else ""
    pieces = {n: first_piece(n) for n in range(k - 2, k + 3)} | {k: "".join(tokens[:at])}
    # the nearest windows first: the amount's line alone, then one line more on either side …
    windows = sorted(((a, b) for a in range(k - 2, k + 1) for b in range(k, k + 3)), key=lambda w: w[1] - w[0])
    for a, b in windows:
        name = "".join(pieces[n] for n in range(a, b + 1))
        if len(name) >= 4 and name in names:
            return name, tokens[at]
    return None


@functools.lru_cache(maxsize=4096)
def _same_project(a: str, b: str) -> bool:
    a, b = re.sub(r"\s|项目$", "", a), re.sub(r"\s|项目$", "", b)
    if a == b:
        return True
    # (the quick ratios bound the ratio from above: most pairs of names fail them, cheaply)
    matcher = difflib.SequenceMatcher(a=a, b=b)
    return matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


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
    amounts = _project_amounts(doc)
    known = [(name, value, table_index) for name, value, table_index in amounts if name]
    unnamed = {value for name, value, _ in amounts if not name}
    if not known:
        return []
    text, lines = _prose_text(doc)
    out = []
    for name, start, end in _project_sections(text, reach=600):
        budget = _PROJECT_BUDGET.search(text, start, end)
        if not budget:
            continue
        stated = _dec(budget.group(1))
        matches = [(v, table_index) for p, v, table_index in known if _same_project(p, name)]
        if not matches or any(v == stated for v, _ in matches) or stated in unnamed:
            continue
        value, table_index = matches[0]
        table = doc.tables[table_index]
        out.append(Finding(Check.PROSE_VS_TABLE, _witnessed(table),
                           f"“{name}”: the text states 预算安排 {stated} 万元, {table.title} prints {value}"
                           + _doubt_said(table),
                           table.title, where=f"{name} / 预算安排", lines=[lines[budget.start()]],
                           values={"stated": str(stated), "table": str(value)}))
    return out


_TARGET = re.compile(f"((?:{HAN}){{2,20}}?)" + r"([≥≤=＝><])\s*(\d{1,15}(?:\.\d{1,6})?)\s*%")


def _indicator_values(doc: Document) -> list[tuple[str, str, str, str]]:
    """(project, indicator, value, table title) from the performance forms' indicator grids."""
    out = []
    for t in doc.tables:
        if t.kind != TableKind.BUDGET_PERFORMANCE_TARGET:
            continue
        project_col, name_col = find_col(t, "项目名称"), find_col(t, "三级指标")
        value_col = find_col(t, "指标值")
        if name_col is None or value_col is None:
            continue
        for r in range(len(t.rows)):
            project = t.cell(r, project_col).text if project_col is not None else t.facts.get("项目名称", "")
            out.append((project, t.cell(r, name_col).text, t.cell(r, value_col).text, t.title))
    return out


@functools.lru_cache(maxsize=8)
def _stated_targets(text: str) -> tuple[tuple[str, str, str, Decimal, int], ...]:
    """(project, indicator, sign, number, place in the text) of each indicator target the text
    states in a project's section. The text never changes with an edit: read once."""
    return tuple((project, target.group(1), target.group(2), Decimal(target.group(3)), target.start())
                 for project, start, end in _project_sections(text, reach=800)
                 for target in _TARGET.finditer(text, start, end))


def check_project_targets(doc: Document) -> list[Finding]:
    """An indicator target stated for a project in the text (工作满意度≥95%) against the value
    its performance form gives the same indicator."""
    text, lines = _prose_text(doc)
    stated = _stated_targets(text)
    grid = _indicator_values(doc) if stated else []
    out = []
    rows_of: dict[str, list[tuple[str, str, str, str]]] = {}
    for project, name, sign, number, at in stated:
        rows = rows_of.get(project)
        if rows is None:
            rows = rows_of[project] = [g for g in grid if g[0] and _same_project(g[0], project)]
        same = [g for g in rows if g[1] and (g[1] == name or name.endswith(g[1]) or g[1].endswith(name))]
        if not same:
            continue
        printed = [parse_amount(x) for x in re.findall(r"[\d.]{1,20}", same[0][2])]
        if number in printed:
            continue
        out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                           f"“{project}” {name}: the text states {sign}{number}%, "
                           f"{same[0][3]} prints {same[0][2] or 'nothing'}",
                           same[0][3], where=f"{project} / {name}", lines=[lines[at]],
                           values={"stated": str(number), "table": same[0][2]}))
    return out


_HEADCOUNT = re.compile(f"((?:{HAN}){{2,12}}?)" + r"(共计|小计|合计)(\d{1,9})人[，,](?:其中|包括)[：:]?")
_SUBTOTAL = re.compile(r"小计(\d{1,9})人")


@text_only
def check_headcounts(doc: Document) -> list[Finding]:
    """Staff counts: a 共计/小计 of people against the parts listed after it (其中/包括)."""
    text, lines = _prose_text(doc)
    out = []
    for m in _HEADCOUNT.finditer(text):
        stop = "；;。" if m.group(2) == "小计" else "。"
        end = next((i for i in range(m.end(), len(text)) if text[i] in stop), len(text))
        segment = text[m.end():end]
        parts = [int(x) for x in _SUBTOTAL.findall(segment)] or [int(x) for x in re.findall(r"(\d{1,9})人", segment)]
        stated = int(m.group(3))
        if not parts or sum(parts) == stated:
            continue
        label = m.group(1) + m.group(2)
        out.append(Finding(Check.SUM, Severity.ERROR, f"{label} {stated} 人 ≠ the parts listed after it, {sum(parts)} 人",
                           where=f"{label}", lines=[lines[m.start()]],
                           values={"stated": str(stated), "computed": str(sum(parts))}))
    return out


_HEADING_MARK = re.compile(r"[（(][一二三四五六七八九十]+[)）]")


def _under_projects(text: str, at: int) -> bool:
    """Whether position `at` lies in a passage about projects (`（五）项目支出 … 具体包括：1.统计
    管理 352.27万元`): a project may be named like a function subject without being it."""
    heads = list(_HEADING_MARK.finditer(text, max(0, at - 1500), at))
    return bool(heads) and "项目" in text[heads[-1].end():heads[-1].end() + 12]


@per_text
def _stated_subjects(doc: Document) -> list[tuple[str, Decimal, int]]:
    """(name, amount in 万元, line) of each `name amount万元` the text states outside a passage
    about projects."""
    text, lines = _prose_text(doc)
    return [(run, _dec(figure), lines[at]) for run, figure, at in named_amounts(text) if not _under_projects(text, at)]


def check_prose_subjects(doc: Document) -> list[Finding]:
    """An amount the text gives a classification subject (行政事业单位养老支出 55.56万元)
    against the rows of that name in the coded tables: one of them must print it."""
    stated_subjects = _stated_subjects(doc)
    # the names a statement can give: the endings of each run of words before an amount
    named = {run[i:] for run, _, _ in stated_subjects for i in range(len(run))}
    printed: dict[str, list[tuple[Decimal, str]]] = {}
    doubted: list[str] = []         # witnesses not heard: the figure may be one of theirs
    for t in doc.tables if named else ():
        spec = catalog.SPEC_BY_KIND.get(t.kind)
        # economic classes are stated for all spending in the text but tabled for basic
        # spending only; function classes are tabled in full (支出总表), and a class's income
        # (收入决算表) is not its spending. A table whose reading is doubted (flagged already)
        # is no witness: its labels and figures may be out of step
        if spec is None or classification_of(t) != "function" or spec.income or t.code_column() is None:
            continue
        if t.doubt:
            doubted.append(t.title)
            continue
        label_col, cols = t.label_column(), amount_columns(t)
        for r in range(len(t.rows)):
            label = t.cell(r, label_col).text
            if label not in named or not t.row_code(r):
                continue
            for j in cols:
                value = amount(t, r, j)
                if value is not None:       # the text states 万元
                    printed.setdefault(label, []).extend((in_wan, t.title) for in_wan in _in_wan(value, t.unit))
    if not printed:
        return []
    _summaries_witness(doc, printed)
    out, seen = [], set()
    for run, stated, line in stated_subjects:
        name = next((run[i:] for i in range(len(run)) if run[i:] in printed), None)
        if name is None or (name, stated) in seen:
            continue
        seen.add((name, stated))
        values = printed[name]
        if any(abs(v - stated) <= CENT for v, _ in values):
            continue
        value, title = values[0]
        # (where a table that may print the subject's figure was not read surely, the text
        # may state that table's figure: a warning, not an error resting on a table unheard)
        unheard = f" ({doubted[0]}{' and others' if len(doubted) > 1 else ''}, whose reading is doubted, may print it)" \
            if doubted else ""
        out.append(Finding(Check.PROSE_VS_TABLE, Severity.WARNING if doubted else Severity.ERROR,
                           f"the text gives {name} {stated} 万元; {title} prints {value}{unheard}",
                           title, where=f"{name}", lines=[line],
                           values={"stated": str(stated), "table": str(value)}))
    return out


def _summaries_witness(doc: Document, printed: dict[str, list[tuple[Decimal, str]]]) -> None:
    """The amounts a table without codes prints after a subject's name (a fund's 财政拨款收支
    总表: `十三、交通运输支出 106247.07`) witness that subject too: the text may state a fund's
    share of it. They make no name a subject of their own, so a doubted one witnesses as well:
    it can keep an error from being raised, never raise one."""
    for t in doc.tables:
        spec = catalog.SPEC_BY_KIND.get(t.kind)
        if spec is None or spec.income or spec.form or t.code_column() is not None:
            continue
        for r, row in enumerate(t.rows):
            for j, cell in enumerate(row):
                if (name := LIST_NUMBER.sub("", squash(cell.text))) not in printed:
                    continue
                k = j + 1
                while (value := amount(t, r, k) if k < len(row) else None) is not None:
                    printed[name].extend((in_wan, t.title) for in_wan in _in_wan(value, t.unit))
                    k += 1


@per_text
def _prose_figures(doc: Document) -> list[list[tuple[Decimal, int, str]]]:
    """For each catalog.PROSE_FIGURES entry, the (amount, line, sentence start) the text states."""
    text, lines = _prose_text(doc)
    return [[(_dec(stated.amount), lines[stated.start], text[stated.start:stated.end])
             for stated in _stated_figures(figure.subject, text)] for figure in catalog.PROSE_FIGURES]


class _StatedFigure(NamedTuple):
    start: int
    end: int
    amount: str         # as printed, in 万元


# a subject's few words (预算, 支出, 安排 …), then its amount in 万元 (compiled once, not once a
# subject: its charset alone takes as long to compile as most subjects)
_FIGURE_AFTER_SUBJECT = re.compile(r"(?:(?!增加|减少|增长|下降|比|较)[^\d，,。；;、（(]){0,8}?" + _NUMBER + r"万元")


def _stated_figures(subject: str, text: str, start: int = 0, end: int | None = None) -> Iterator[_StatedFigure]:
    """Each `subject` of `text[start:end]` followed by its amount, as one pattern of the two
    would find them: a subject whose amount does not follow is passed by one character."""
    end = len(text) if end is None else end
    pattern = re.compile(subject)       # (re keeps the compiled subjects)
    while (found := pattern.search(text, start, end)) is not None:
        after = _FIGURE_AFTER_SUBJECT.match(text, found.end(), end)
        if after is None:
            start = found.start() + 1
            continue
        yield _StatedFigure(found.start(), after.end(), after.group(1))
        start = after.end()


_HEADING_AFTER_SENTENCE = re.compile(r"。\s*[（(][一二三四五六七八九十]{1,3}[)）]")


@text_only
def check_prose_sums(doc: Document) -> list[Finding]:
    """Totals the text states with all their parts (catalog.PROSE_SUMS): “三公”经费 = 因公出国（境）费
    + 公务接待费 + 公务用车运行维护费 + 公务用车购置费; 政府采购 = 货物 + 工程 + 服务."""
    text, lines = _prose_text(doc)
    out = []
    for total_subject, part_subjects in catalog.PROSE_SUMS:
        for total in _stated_figures(total_subject, text):
            # the parts follow the total in its paragraph: to the first 。 past 300 characters,
            # or to a numbered heading opening a sentence before it (`（一）基本支出。`: a part
            # of another total, the year's whole spending, under a heading of its own)
            end = text.find("。", total.end + 300)
            if (heading := _HEADING_AFTER_SENTENCE.search(text, total.end)) and (end < 0 or heading.start() < end):
                end = heading.start() + 1
            found = [next(_stated_figures(p, text, total.end, end if end > 0 else len(text)), None)
                     for p in part_subjects]
            parts = [p for p in found if p is not None]
            if len(parts) < len(found):
                continue
            stated = _dec(total.amount)
            computed = sum((_dec(p.amount) for p in parts), ZERO)
            sev = severity(stated - computed, len(parts))
            if sev:
                said = text[total.start:total.end]
                names = " + ".join(text[p.start:p.end] for p in parts)
                out.append(Finding(Check.SUM, sev, f"“{said}” ≠ {names} = {computed}",
                                   where=said, lines=[lines[total.start]],
                                   values={"stated": str(stated), "computed": str(computed)}))
            break       # the first statement with all its parts; a later one repeats it
    return out


def check_prose_figures(doc: Document) -> list[Finding]:
    """Figures the text states by name (机关运行经费, “三公”经费 and its parts, 收入支出总计)
    against the table cell that prints them; one matching statement is enough. A subject is
    compared with the first table that prints it (catalog.PROSE_FIGURES). A table that
    prints no figure at all while the text gives one is a finding too."""
    by_kind = {t.kind: (ti, t) for ti, t in reversed(list(enumerate(doc.tables))) if t.recoverable}
    out = []
    done: set[str] = set()
    for figure, stated in zip(catalog.PROSE_FIGURES, _prose_figures(doc)):
        if figure.subject in done or not stated:
            continue
        own = _table_of_its_own(doc, figure.subject)
        if own:
            # a table of the subject's own (一般公共预算机关运行经费支出预算表) prints it as its 合计
            ti, table = own
            found = locate(table, "合计", ("",))
        elif figure.kind in by_kind:
            ti, table = by_kind[figure.kind]
            found = locate(table, figure.row, figure.cols)
        else:
            continue
        if found is None:
            if _prints_no_figure(table) and any(said > 0 for said, _, _ in stated):
                done.add(figure.subject)
                said, line, sentence = next(x for x in stated if x[0] > 0)
                out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                                   f"the text states “{sentence}”; {table.title} prints no figure at all",
                                   table.title, ti, where="whole table", lines=[line, table.first_line],
                                   values={"stated": str(said), "table": ""}))
            continue
        done.add(figure.subject)
        r, c, value, cell_lines = found
        differ = [x for x in stated if severity(x[0] - _in_wan_as(value, table.unit, x[0]), 1) == Severity.ERROR]
        if not differ or (not figure.every and len(differ) < len(stated)):
            continue        # one agreeing statement is enough, unless the subject names one figure
        if figure.zero_means_none and all(said == 0 for said, _, _ in stated):
            continue
        for said, line, sentence in differ if figure.every else differ[:1]:
            # where the cell may hold more than the subject (公用经费 ⊇ 机关运行经费), less is a warning
            # (a table of the subject's own holds it and no more); so is a figure in a cell whose
            # column nothing told (it may be another column's)
            guess_note = cells_note(table, [(r, c)]) if table.cell(r, c).inferred in _GUESSES else ""
            sev = Severity.WARNING if guess_note or (figure.part and not own and said < _in_wan_as(value, table.unit, said)) \
                else Severity.ERROR
            out.append(Finding(Check.PROSE_VS_TABLE, sev,
                               f"the text states “{sentence}”; {table.title} prints {fmt(value)}{guess_note}",
                               table.title, ti, r, c, f"{row_label(table, r)} / {column_name(table, c)}",
                               [line] + cell_lines, {"stated": str(said), "table": fmt(value)}))
    return out


# the marks of a cell whose column is a guess
_GUESSES = frozenset({GUESSED, OUT_OF_TURN})


def _table_of_its_own(doc: Document, subject: str) -> tuple[int, Table] | None:
    """A table outside the standard kinds whose title names `subject` and that prints a 合计
    row: the subject's own table."""
    return next(((ti, t) for ti, t in enumerate(doc.tables) if t.kind == TableKind.OTHER and t.recoverable
                 and re.search(subject, t.title) and locate(t, "合计", ("",)) is not None), None)


def _in_wan(value: Decimal, unit: str) -> tuple[Decimal, ...]:
    """A table's figure in 万元, as the text states figures: a table in 元 divides by 10,000;
    a table whose unit line was not read (an extractor printed it elsewhere) may be in either."""
    return (value / 10000,) if unit == "元" else (value, value / 10000) if unit == "" else (value,)


def _in_wan_as(value: Decimal, unit: str, said: Decimal) -> Decimal:
    """A cell in 万元 as the text would print it (a table in 元 rounds to the 万元 figure):
    of a table of unknown unit, the reading nearer the text's figure."""
    # (a reading divided from 元 rounds to the text's precision; a 万元 one is as printed)
    readings = [v if v == value else v.quantize(said) for v in _in_wan(value, unit)]
    return min(readings, key=lambda v: abs(v - said))


def _prints_no_figure(table: Table) -> bool:
    return not any(cell.value is not None for row in table.rows for cell in row)


_SHARE_LIST = re.compile(_NUMBER + r"万元[^。；;：:\d]{0,14}[：:]([^。]{0,400})")
_SHARE = re.compile(_NUMBER + r"万元[，,]占(\d{1,3}(?:\.\d{1,4})?)%")


_NAMED_SHARE = re.compile(_NUMBER + r"万元[，,]占([^，,。；;\d%]{2,24}?)(?:总额|总数)?的(\d{1,3}(?:\.\d{1,4})?)%")


def check_prose_named_shares(doc: Document) -> list[Finding]:
    """A share of a total the text names and a table prints (`共涉及资金940.15万元，占一般公共
    预算项目支出总额的100%`), recomputed from that table's cell."""
    by_kind = {t.kind: (ti, t) for ti, t in reversed(list(enumerate(doc.tables))) if t.recoverable}
    text, lines = _prose_text(doc)
    out = []
    for m in _NAMED_SHARE.finditer(text):
        part, stated = _dec(m.group(1)), _dec(m.group(3))
        for base in catalog.SHARE_BASES:
            if not re.fullmatch(base.subject, m.group(2)) or base.kind not in by_kind:
                continue
            ti, table = by_kind[base.kind]
            found = locate(table, base.row, base.cols)
            if found is None:
                break
            r, c, printed, cell_lines = found
            wholes = [w for w in _in_wan(printed, table.unit) if w]
            if wholes and all(_rate_differs(part / w * 100, stated, m.group(3)) for w in wholes):
                whole = wholes[0]
                computed = part / whole * 100
                out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                                   f"{part} 万元 is stated as {stated}% of {m.group(2)}, which {table.title} prints as "
                                   f"{fmt(whole)}: {computed:.2f}%", table.title, ti, r, c, f"{m.group(2)} (share)",
                                   [lines[m.start()]] + cell_lines,
                                   {"stated": str(part), "other": fmt(whole), "share": f"{stated}%"}))
            break
    return out


@text_only
def check_prose_shares(doc: Document) -> list[Finding]:
    """Shares the text states for the parts of a total it has just given (`支出2940.05万元，
    主要用于以下方面：一般公共服务支出2106.66万元，占71.73%；…`), recomputed from the two
    figures to the printed precision."""
    out = []
    for text, lines in _prose_blocks(doc):
        for listing in _SHARE_LIST.finditer(text):
            whole = _dec(listing.group(1))
            if whole == 0:
                continue
            for m in _SHARE.finditer(listing.group(2)):
                part, stated = _dec(m.group(1)), _dec(m.group(2))
                computed = part / whole * 100
                if part > whole or not _rate_differs(computed, stated, m.group(2)):
                    continue
                at = listing.start(2) + m.start()
                out.append(_rate_finding(f"{part} 万元 is stated as {stated}% of {whole} 万元, but {part} / {whole} = "
                                         f"{computed:.2f}%", text[max(0, at - 16):at + len(m.group(0))], lines[at],
                                         stated, computed))
    return out


_COMPARED = re.compile(r"预算(?:数)?为" + _NUMBER + r"万元[，,]支出决算(?:数)?为" + _NUMBER + r"万元"
                       r"[。，,；;]?决算数(大于|等于|小于)预算数")
_RELATION = {"大于": 1, "等于": 0, "小于": -1}


@text_only
def check_prose_comparisons(doc: Document) -> list[Finding]:
    """`年初预算为 A 万元，支出决算为 B 万元。决算数大于预算数…`: the relation stated against the
    two figures it compares."""
    out = []
    for text, lines in _prose_blocks(doc):
        for m in _COMPARED.finditer(text):
            budget, actual = _dec(m.group(1)), _dec(m.group(2))
            real = (actual > budget) - (actual < budget)
            if real == _RELATION[m.group(3)]:
                continue
            said = {1: "大于", 0: "等于", -1: "小于"}[real]
            out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                               f"the text says 决算数{m.group(3)}预算数, but 决算 {actual} is {said} 预算 {budget}",
                               where=m.group(0)[:40], lines=[lines[m.start()]],
                               values={"stated": m.group(3), "budget": str(budget), "actual": str(actual)}))
    return out


_BETWEEN = re.compile(r"(?:执行数|预算数|决算数|预算)(?:为|是)?" + _NUMBER + r"万元[，,]\s*(?:20\d\d年)?(?:预算)?(?:安排|为)?"
                      + _NUMBER + r"万元[，,]\s*(?:比|较)[^，,。；;]{0,16}?(增加|减少|增长|下降)" + r"(\d{1,4}(?:\.\d{1,4})?)%")
# An item of the text about one 项 of spending (`12、…住房公积金(01项)208.8万元`, `“…(项)”257.14万元`):
# its subject ends with the 项 it names, and its amount follows at once.
_ITEM_OPENING = re.compile(r"(?:^|[。；;])\s*(?:\d{1,2}[、.．])?[“\"]?([^。；;“”\"]{2,60}?\((?:\d{2})?项\))[”\"]?"
                           + _NUMBER + r"万元")
# What the item then says the amount is: the year's budget (预算) or its spending (决算).
_ITEM_STATED = {"预算": re.compile(r"(20\d\d)年预算安排" + _NUMBER + r"万元"),
                "决算": re.compile(r"()支出决算(?:数)?为" + _NUMBER + r"万元")}


@text_only
def check_prose_changes_between(doc: Document) -> list[Finding]:
    """A rate of change stated between two figures of one sentence (`2025年当年预算执行数为
    77.99万元，2026年预算安排91.97万元，比2025年预算执行数增加17.66%`), recomputed; and an item
    that opens with one amount and then says its budget is another (`住房公积金208.8万元 …
    2026年预算安排201.50万元`), where a rate that fits the opening amount is not reported again."""
    out = []
    for text, lines in _prose_blocks(doc):
        openings: list[tuple[int, int, Decimal]] = []       # (start, end, amount) of each item
        items = list(_ITEM_OPENING.finditer(text))
        for n, item in enumerate(items):
            end = items[n + 1].start() if n + 1 < len(items) else min(len(text), item.end() + 400)
            subject, opening = item.group(1), _dec(item.group(2))
            openings.append((item.start(), end, opening))
            pattern = _ITEM_STATED.get(doc.info.report_type)
            planned = pattern.search(text, item.end(), end) if pattern else None
            if planned is None or planned.group(1) not in ("", doc.info.year):
                continue
            said = _dec(planned.group(2))
            if severity(opening - said, 1) != Severity.ERROR:
                continue
            out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                               f"“{subject}” opens with {opening} 万元 but then states {planned.group(0)}",
                               where=subject[:30], lines=[lines[planned.start()]],
                               values={"stated": str(said), "table": fmt(opening)}))
        for m in _BETWEEN.finditer(text):
            before, after, stated = _dec(m.group(1)), _dec(m.group(2)), _dec(m.group(4))
            if before == 0:
                continue
            sign = 1 if m.group(3) in ("增加", "增长") else -1
            computed = (after - before) / before * 100
            if not _rate_differs(computed, sign * stated, m.group(4)):
                continue
            own = next((amount for a, b, amount in openings if a <= m.start() < b), None)
            if own is not None and not _rate_differs((own - before) / before * 100, sign * stated, m.group(4)):
                continue        # the rate fits the item's own amount: the item's finding says it
            out.append(_rate_finding(f"the text states {m.group(3)}{stated}% from {before} to {after} 万元, but the "
                                     f"change is {computed:+.2f}%", m.group(0)[:40], lines[m.start()], stated, computed))
    return out


_HEADING_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:部门|单位)?\s*(预算|决算)")
_YEAR_END = re.compile(r"截[至止]\s*(20\d\d)\s*年\s*12\s*月\s*31\s*日")
_PLACEHOLDER = re.compile(r"[XＸ×xｘ]{2,}(?:局|委|办|中心|单位|部门)")


@text_only
def check_document_consistency(doc: Document) -> list[Finding]:
    """The document against itself: a part or section heading that names another year's
    report (`2023年度部门决算情况说明` in a 2024 决算), a 决算 that counts its assets at
    another year's end (`截至2023年12月31日`), a placeholder agency name (`XX局`)."""
    year = doc.info.year
    if not year.isdigit():
        return []
    out = []
    for node in doc.root.walk():
        if node.kind not in ("part", "section"):
            continue
        m = _HEADING_YEAR.search(node.text.replace(" ", ""))
        if m and m.group(1) != year and m.group(2) == doc.info.report_type:
            out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                               f"the heading “{node.text}” names a {m.group(1)} report in the {year} {doc.info.report_type}",
                               where=node.text[:30], lines=[node.first_line],
                               values={"stated": m.group(1), "expected": year}))
        if placeholder := _PLACEHOLDER.search(node.text):
            out.append(Finding(Check.PROSE_VS_TABLE, Severity.WARNING,
                               f"the heading “{node.text}” names a placeholder, not the agency", where=node.text[:30],
                               lines=[node.first_line], values={"stated": placeholder[0]}))
    if doc.info.report_type == "决算":
        text, lines = _prose_text(doc)
        for m in _YEAR_END.finditer(text):
            if m.group(1) != year:
                out.append(Finding(Check.PROSE_VS_TABLE, Severity.ERROR,
                                   f"“{m.group(0)}” in the {year} 决算: the accounts close at the end of {year}",
                                   where=m.group(0), lines=[lines[m.start()]],
                                   values={"stated": m.group(1), "expected": year}))
    return out


_TWO_UNITS = re.compile(r"(?<![\d,.])([\d,]{1,20}(?:\.\d{1,6})?)(万元|元)[（(]([\d,]{1,20}(?:\.\d{1,6})?)(万元|元)[）)]")


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
            out.append(Finding(Check.UNIT, Severity.ERROR, f"{wan} 万元 and {yuan} 元 are not the same amount",
                               where=m.group(0), lines=[lines[m.start()]],
                               values={"stated": wan, "computed": str(expected)}))
    return out
