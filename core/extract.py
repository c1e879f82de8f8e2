"""Turn each table region of a document into a grid of cells.

Three text layouts are handled: tab-separated cells, space-separated cells whose empty cells
were dropped (the amounts are placed in the columns that make the table's own totals hold,
and marked inferred: `placement`), and one fragment per line (fragments are joined into rows
first: `tokens`). Panels side by side are read by `panels`, performance forms by `forms`.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set, Sized
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from functools import cached_property, lru_cache
from types import MappingProxyType

from . import catalog
from .catalog import TableKind, TableSpec
from .centred_cells import cells_put_back_on_their_rows, keeps_places
from .columns import CODE_PARTS, ORDINAL_LEAVES, PATH_SEPARATOR, SEQUENCE_LEAVES, Column, ColumnRole, parse_columns, path_words
from .forms import (
    centred_blocks,
    fill_facts,
    fill_form,
    fill_listed_form,
    fill_one_cell_indicator_list,
    fill_project_grid_form,
    grid_misread,
    has_grid_header,
    indicator_level,
    listed_form_header,
    listed_layout,
    named_indicator_header,
    names_indicators,
    one_cell_indicator_layout,
)
from .model import EMPTY, Cell, FormGrid, GridRow, Table, clean_number, code_columns_of, parse_amount
from .panels import (
    LIST_NUMBER,
    OUT_OF_TURN,
    SUBTOTAL,
    TOP_ITEM,
    TOP_ITEMS,
    WRAPPED_TAIL,
    coded_panel_rows,
    figures_beside_no_label,
    item_over_its_parent,
    items_seated_by_totals,
    labels_above_their_rows_joined,
    labels_wrapped_around_joined,
    number_in_the_other_panel,
    number_repeated,
    numbered_lines,
    numbered_rows,
    panel_rows,
    plain_labels_seated,
    side_by_side_rows,
    spending_in_the_income_panel,
    starts_row,
    stream_panel_rows,
    wrapped_labels_figures_seated,
)
from .placement import GUESSED, holds_total, natures_printed, place_amounts, two_rows_of_totals
from .reader import PrintedLines, SourceText, fold, normalise, printed_text
from .regions import FINAL_NUMBER, NOTE, TABLE_LABEL, TITLE_NUMBER, UNIT_LINE, Region, figures_alone, reads_as_title
from .settings import SETTINGS
from .space_grid import cells_by_spaces
from .table_rules import row_rules
from .text import CLOSES_FIRST, HAN, LIST_CLOSE, brackets_unpaired, display_width, opens_bracket
from .tokens import (
    CHUNK,
    CJK,
    CODE,
    COLUMN_NUMBER_WORDS,
    DESCRIPTION_MARK,
    ECONOMIC_CODE,
    GLUED,
    LABEL_START,
    LINE_CODE,
    LONE_NUMBER,
    PAGE_DASH,
    PAGE_IN_WORDS,
    SPACED_APART,
    TWO_DECIMALS,
    PrintedPages,
    Run,
    Token,
    classify,
    column_numbers_a_line,
    detect_layout,
    is_amount,
    is_code_chain,
    is_column_number_row,
    is_short_number,
    is_text_column,
    line_tokens,
    named_amounts,
    numbered_column,
    numbers_columns,
    split_tokens,
    squash,
    stream_tokens,
    token_places,
)
from .typed_rows import read_typed_rows

TOTAL_WORDS = ("合计", "总计")      # a total row's label alone
SUBTITLE = re.compile(r"^[(（]?\s*\d{4}\s*年度?\s*[)）]?$")
YEAR_CELL = re.compile(r"^\d{4}\s*年$")       # a year among the rows is a cell (a 三公 table by year), no subtitle
CELL_INDENT = 20        # spaces before a line's text that put it under a column right of the labels
UNIT_LABEL = re.compile(r"^(金额)?单位\s*[:：]")
RULE_LINE = re.compile(r"[-|:\s\t]+")        # a text table's rule line (`|---|---|`)


@dataclass(frozen=True)
class Context:
    """What the extraction of one table may know of the rest of the document."""

    year: str
    agency: str = ""
    known_projects: tuple[str, ...] = ()      # names in the 项目支出表 read so far
    stated: tuple[tuple[str, Decimal], ...] = ()   # (subject, amount in 万元) stated in the text
    # (label, amount, unit) that the tables read before print side by side (a summary's
    # `九、其他收入 7.485000`): where a row's figures fit several columns, the figure a
    # column's subject is given elsewhere tells which
    labelled: tuple[tuple[str, Decimal, str], ...] = ()
    page_lines: frozenset[int] = frozenset()        # lines that print a page number
    running_lines: frozenset[int] = frozenset()     # lines of a running head or foot
    ruled: bool = False         # cells come from a PDF's ruling lines (certain), not an extractor's text
    printed: PrintedPages | None = None    # a text's lines as printed: a layout text's spaces place its amounts
    # which of 基本支出 and 项目支出 the department's spending by function (支出总表) fills
    # for each code, where read before: no other table's figure for that code goes elsewhere
    natures: Mapping[str, frozenset[str]] = field(default_factory=dict)
    per_period: bool = True     # a header printing periods may be read as a template printed once per period


def stated_amounts(src: SourceText, regions: list[Region]) -> tuple[tuple[str, Decimal], ...]:
    """Amounts the explanatory text gives a named subject (`公务接待费 5万元`)."""
    in_table: set[int] = set()
    for region in regions:
        in_table.update(range(region.first, region.last + 1))
    text = "".join(line for k, line in enumerate(src.norm, start=1) if k not in in_table)
    return tuple((name, Decimal(figure)) for name, figure, _ in named_amounts(squash(text)))



FRONT_MATTER_PAGES = 20      # pages a file holds before its printed page 1, at most


def _lone_value(m: re.Match[str]) -> int:
    return int(m.group(2).replace(" ", ""))


def page_number_lines(src: SourceText, regions: Sequence[Region] = ()) -> frozenset[int]:
    """Lines printing a page number: `- 12 -`, a lone number just above a table's title, or a
    lone number below 200 that stands apart (no other lone number within a page's worth of
    lines on one side) and runs on from another such number (pages 11, 12, 14 …), as many
    short pages' lines from it as the pages between them hold at least (or on the next line:
    a page's number and the file's, `11` `12`). Lone
    numbers close together are the 行次, codes or amounts of a table printed one fragment per
    line; 208 or 302 alone is a class code."""
    found = [(k, m) for k, line in enumerate(src.norm, start=1) if (m := LONE_NUMBER.match(line))]
    out, apart = set(), []
    for n, (k, m) in enumerate(found):
        if m.group(1) and m.group(3):
            out.add(k)
        elif _lone_value(m) < 200 and (n == 0 or k - found[n - 1][0] >= SETTINGS.page_lines or
                                        n + 1 == len(found) or found[n + 1][0] - k >= SETTINGS.page_lines):
            apart.append((k, _lone_value(m)))
    for n, (k, value) in enumerate(apart):
        near = apart[max(0, n - 3):n] + apart[n + 1:n + 4]
        if any(0 < abs(value - v) <= 3 and (v < value) == (j < k) and
               (abs(j - k) == 1 or abs(j - k) >= abs(value - v) * SETTINGS.short_page_lines) for j, v in near):
            out.add(k)
    # the extractor's page number beside the printed one (`- 31 -` then `33`: the file's pages
    # run ahead of the printed ones by the front matter's few; `- 14 -` then `210` is a code)
    dashed = {k: _lone_value(m) for k, m in found if m.group(1) and m.group(3)}
    out |= {k for k, m in found if any(j in dashed and 0 <= _lone_value(m) - dashed[j] <= FRONT_MATTER_PAGES
                                       for j in (k - 1, k + 1))}
    # a lone number just above a table's title (or its number, or its unit line, printed
    # again on a continuation page) ends the page before it — unless most such numbers stand
    # above other titles too: a page's number is printed once (a file paginated by parts may
    # repeat a few), forms' last cells (总分 `100`) are the same above each form's successor.
    # (Those still bound the page sequences below, as they did before they were told apart.)
    starts = {region.first for region in regions}
    above_titles: dict[int, list[int]] = {}
    for k, m in found:
        nxt = next((j for j in range(k + 1, min(len(src.norm), k + 4) + 1) if src.norm[j - 1].strip()), None)
        if nxt is None or _lone_value(m) >= 200:
            continue
        line = src.norm[nxt - 1].strip()
        if nxt in starts or TABLE_LABEL.match(line) or (UNIT_LINE.search(line) and "\t" not in line) or \
                (reads_as_title(line) and catalog.spec_for_title(TITLE_NUMBER.sub("", line)) is not None):
            above_titles.setdefault(_lone_value(m), []).append(k)
    out |= {k for lines in above_titles.values() for k in lines}
    out |= _short_pages(found, out)
    out |= _pages_run_on(found, out)
    out |= _page_number_partners(found, out)
    out |= _pages_a_digit_a_line(src.norm)
    out |= {k for k, line in enumerate(src.norm, start=1) if _PAGE_IN_WORDS_ALONE.match(line)}
    repeated = {k for lines in above_titles.values() if len(lines) > 1 for k in lines}
    if 2 * len(repeated) > sum(len(lines) for lines in above_titles.values()):
        out -= {k for lines in above_titles.values() for k in lines}
    if not out:
        return frozenset()
    # column numbers printed a number a line (`1` `2` `3`) are no pages, nor a numbered table's rows
    printed = [(k, line) for k, line in enumerate(src.norm, start=1) if line.strip()]
    return frozenset(out - {printed[i][0] for i in column_numbers_a_line(printed)} - _row_numbers_a_line(printed))


HEADER_LINES_AFTER_ORDINAL = 12     # printed lines a header a cell a line holds after its 序号, at most


def _row_numbers_a_line(printed: list[tuple[int, str]]) -> set[int]:
    """The lines of the rows of a table printed a cell a line, numbered by a 序号 column a number
    a line: lone numbers 1, 2, 3 … in turn (three at least), the first a few lines after a header
    cell 序号, each fewer than a page's lines after the one before - from the first number to as
    far past the last as the row before it took (their cells may print lone numbers too, a count
    of 2 in the second row)."""
    out: set[int] = set()
    for i, (_, line) in enumerate(printed):
        if line.strip() not in ORDINAL_HEAD:
            continue
        first = next((j for j in range(i + 1, min(len(printed), i + HEADER_LINES_AFTER_ORDINAL + 1))
                      if printed[j][1].strip() == "1"), None)
        if first is None:
            continue
        numbers = [printed[first][0]]
        for k, later in printed[first + 1:]:
            if k - numbers[-1] >= SETTINGS.page_lines:
                break
            if later.strip() == str(len(numbers) + 1):
                numbers.append(k)
        if len(numbers) >= MIN_NUMBERED_ROWS:
            out.update(range(numbers[0], numbers[-1] + numbers[-1] - numbers[-2]))
    return out


_DASH_ALONE = re.compile(rf"^\s*{PAGE_DASH}\s*$")
_PAGE_IN_WORDS_ALONE = re.compile(rf"^\s*{PAGE_IN_WORDS}\s*$")
_DIGIT_ALONE = re.compile(r"^\s*\d\s*$")
_MAX_PAGE_DIGITS = 3
_PAGES_TO_TELL = 3      # a foot printed so on this many pages at least: no table's cells


def _pages_a_digit_a_line(norm: Sequence[str]) -> set[int]:
    """The lines of page numbers printed a character a line (`—` `8` `4` `4` `—`, its digits
    in either order: an extractor may read them right to left, 448): a dash alone, one to three
    digits alone, a dash alone - where the document prints its pages so on enough pages, and
    the numbers, read in one order, go up from foot to foot, so that no table's cells (a `—`
    for nothing, a count) are taken for them."""
    feet: list[tuple[range, str]] = []
    for k in range(1, len(norm) - 1):
        if not _DASH_ALONE.match(norm[k - 1]):
            continue
        digits = 0
        while digits < _MAX_PAGE_DIGITS and k + digits < len(norm) and _DIGIT_ALONE.match(norm[k + digits]):
            digits += 1
        if digits and k + digits < len(norm) and _DASH_ALONE.match(norm[k + digits]):
            feet.append((range(k, k + digits + 2), "".join(norm[j].strip() for j in range(k, k + digits))))
    if len(feet) < _PAGES_TO_TELL:
        return set()
    if not any(all(int(a) < int(b) for a, b in zip(numbers, numbers[1:]))
               for numbers in ([n for _, n in feet], [n[::-1] for _, n in feet])):
        return set()
    return {j for lines, _ in feet for j in lines}


def _page_number_partners(found: list[tuple[int, re.Match[str]]], pages: set[int]) -> set[int]:
    """The second page number printed beside each page's (`13` then `15`: the printed page
    and the file's): a lone number on the line next to a known page number that differs
    from it as such pairs do through the document (three pairs at least)."""
    value = {k: _lone_value(m) for k, m in found}
    offsets = Counter(value[k + 1] - value[k] for k in pages if k + 1 in pages)
    offset, seen = offsets.most_common(1)[0] if offsets else (0, 0)
    if seen < 3 or offset == 0:
        return set()
    return {k for k in value if k not in pages and
            (value.get(k - 1) == value[k] - offset and k - 1 in pages or
             value.get(k + 1) == value[k] + offset and k + 1 in pages)}


def _short_pages(found: list[tuple[int, re.Match[str]]], pages: set[int]) -> set[int]:
    """Lone numbers that fill the gaps of the page sequence (11 … 12 … 13 … 14 where the pages
    12 and 13 were too short to stand apart): between the known pages around them, whose
    numbers are a few apart and lower before, higher after; or, however far apart those are,
    every number between them in order, a short page's lines apart at least (pages of a table
    printed a cell a line, its codes and counts lone numbers close by: 13 … 14 … 20 … 21)."""
    known = sorted((k, _lone_value(m)) for k, m in found if k in pages)
    lines = [k for k, _ in known]
    out = set()
    for k, m in found:
        at = bisect.bisect_left(lines, k)
        if k in pages or at == 0 or at == len(known):
            continue
        (_, before), (_, after) = known[at - 1], known[at]
        if before < _lone_value(m) < after and after - before <= 6:
            out.add(k)
    found_lines = [k for k, _ in found]
    for (k1, v1), (k2, v2) in zip(known, known[1:]):
        chain: list[int] = []
        last = k1
        for k, m in found[bisect.bisect_right(found_lines, k1):bisect.bisect_left(found_lines, k2)]:
            if _lone_value(m) == v1 + len(chain) + 1 and k - last >= SETTINGS.short_page_lines:
                chain.append(k)
                last = k
        if chain and v1 + len(chain) + 1 == v2:
            out.update(chain)
    return out


def _pages_run_on(found: list[tuple[int, re.Match[str]]], pages: set[int]) -> set[int]:
    """Lone numbers that run the page sequence on beyond the known pages (short landscape
    pages of text, too close together to stand apart: 1 … 7 before the known 8): the lone
    numbers next to them, each one less than the page after it going back, one more going
    on, a short page's lines apart. (A table's 行次 printed one fragment per line skip: the
    other panel's numbers stand among them.)"""
    at = [n for n, (k, _) in enumerate(found) if k in pages]
    out: set[int] = set()
    if not at:
        return out
    for step, start in ((-1, at[0]), (1, at[-1])):
        n = start
        while 0 <= n + step < len(found):
            (k, m), (k_next, m_next) = found[n], found[n + step]
            if (k_next - k) * step < SETTINGS.short_page_lines or _lone_value(m_next) != _lone_value(m) + step:
                break
            out.add(k_next)
            n += step
    return out


def running_head_lines(src: SourceText) -> frozenset[int]:
    """Lines of a running head or foot: a repeated line (`SourceText.repeated_lines`) naming
    the disclosure (`无锡市统计局 2026 年度部门预算公开` on every page), no figure with decimals or
    separators. Never a row: a page's furniture printed among its rows. (The agency's name
    alone is no mark of one: its own row, `深圳市统计局（本级）`, is printed in table after table;
    nor is repetition alone: a header is printed again on each page.)"""
    heads = {line for line in src.repeated_lines if catalog.DISCLOSURE_WORD in line
             and not any(is_amount(t) and not t.isdigit() for t in line.split())}
    return frozenset(k for k, line in enumerate(src.norm, start=1) if heads and line.strip() in heads)


def _printed_pages(src: SourceText, page_lines: frozenset[int]) -> PrintedPages:
    """The lines as printed, with where pages start: at a form feed, or after a page number."""
    starts = {k for k, line in enumerate(src.lines, start=1) if line.startswith("\f")} | {k + 1 for k in page_lines}
    return PrintedPages(src.lines, tuple(sorted(starts)))


def extract_tables(src: SourceText, regions: list[Region], page_lines: frozenset[int], report_type: str, year: str,
                   agency: str = "") -> list[Table]:
    """The tables of `regions`; `page_lines`: the lines printing a page number (`page_number_lines`)."""
    tables: list[Table] = []
    order = catalog.standard_order(report_type)
    prev_kind = ""
    context = Context(year, agency, stated=stated_amounts(src, regions), page_lines=page_lines,
                      running_lines=running_head_lines(src),
                      ruled=bool(src.pages), printed=None if src.pages else _printed_pages(src, page_lines))
    labelled: list[tuple[str, Decimal, str]] = []
    natures: dict[str, frozenset[str]] = {}
    previous: Region | None = None
    read_from: list[tuple[Region, Context]] = []       # the region of each table and what was known then
    for region in regions:
        known = replace(context, known_projects=_project_names(tables), labelled=tuple(labelled), natures=dict(natures))
        table = build_table(src, region, known)
        if region.title_printed:
            if (figures_before := _figures_printed_before(src, previous, region.first, table)) >= 2:
                table.add_doubt(f"it prints no figure, and {figures_before} lines of figures stand between the table "
                                "before it and its title: its body was likely printed before its title; check the rows "
                                "against the source")
            previous = region       # (an untitled stretch after it is the gap: a body printed early)
        if not region.title_printed and table.kind == TableKind.OTHER:
            table.kind, table.title = _infer_kind(_header_text(src, table), report_type, order, prev_kind)
            if table.kind != TableKind.OTHER:
                table = build_table(src, region, known, catalog.SPEC_BY_KIND[table.kind])
                table.title_printed = False
        if not table.rows and table.recoverable and \
                (table.kind == TableKind.OTHER or not table.columns or table.header_lines is None):
            continue        # a title named in the prose or in a list of tables, not a table
        prev_kind = table.kind
        tables.append(table)
        read_from.append((region, known))
        labelled.extend(_labelled_figures(table))
        if (spec := catalog.SPEC_BY_KIND.get(table.kind)) is not None and spec.all_spending and not table.doubt:
            natures.update(natures_printed(table))
    tables = _lists_joined_over_pages(src, tables, read_from)
    for before, after in zip(tables, tables[1:]):
        _give_notes_to_next(before, after, src)
    return tables


def _lists_joined_over_pages(src: SourceText, tables: list[Table],
                             read_from: list[tuple[Region, Context]]) -> list[Table]:
    """A form printed as a list a page at a time, its title and header atop each page (projects
    a row each, or indicators a row each), is one table: a run of tables of one printed title
    and form, each holding no facts of its own (a project's own form does, under the same
    title as the next project's) and the same columns, read again as one, its region running
    from the first's to the last's, with what was known when the first was read."""
    out: list[Table] = []
    i = 0
    while i < len(tables):
        j = i + 1
        while j < len(tables) and _list_goes_on(tables[j - 1], tables[j], read_from[j - 1][0], read_from[j][0]):
            j += 1
        if j - i == 1:
            out.append(tables[i])
        else:
            first, known = read_from[i]
            joined = replace(first, last=read_from[j - 1][0].last)
            out.append(build_table(src, joined, known, catalog.SPEC_BY_KIND[tables[i].kind]))
        i = j
    return out


def _list_goes_on(before: Table, table: Table, before_read: Region, read: Region) -> bool:
    """Whether `table` is the page after `before` of one form printed as a list (see
    `_lists_joined_over_pages`)."""
    spec = catalog.SPEC_BY_KIND.get(table.kind)
    return spec is not None and spec.form and table.kind == before.kind and \
        table.title_printed and before.title_printed and \
        catalog.title_key(table.title) == catalog.title_key(before.title) and \
        not table.facts and not before.facts and bool(table.rows) and bool(before.rows) and \
        [c.path for c in table.columns] == [c.path for c in before.columns] and \
        not before_read.read_order and not read.read_order and before_read.last < read.first


def _figures_printed_before(src: SourceText, previous: Region | None, first: int, table: Table) -> int:
    """How many lines of sums of money alone stand between the titled region before and a
    grid's first line, where the grid itself prints no figure (a text in a PDF's content order
    sets a page's cells before its title: the grid's body stands there) — after that region's
    end, or within it after a unit line its rows print before (`编制部门：…` over a page whose
    title comes last)."""
    if not table.recoverable or catalog.SPEC_BY_KIND.get(table.kind, catalog.OTHER).form or \
            any(parse_amount(c.text) is not None for row in table.rows for c in row):
        return 0
    after = previous.last if previous is not None else 0
    if previous is not None and previous.title_line is not None and after >= first - 1:
        units = [k for k in range(previous.title_line + 1, first) if UNIT_LINE.search(src.norm[k - 1])]
        if units and any(figures_alone(src.norm[k - 1]) for k in range(previous.title_line + 1, units[-1])):
            after = units[-1]
    return sum(1 for line in src.norm[after:first - 1] if figures_alone(line))


EMPTY_TABLE_NOTE = re.compile(r"无(.{2,12}?)(?:预算)?(?:收支|支出|收入)")
NO_DATA_NOTE = re.compile(r"(?:本|此)表(?:无数据|为空)|为空表")      # a note saying the table holds no figure


def _labelled_figures(table: Table) -> list[tuple[str, Decimal, str]]:
    """(label, amount, unit) of each name a table prints with its figure in the column after
    it, or after its 行次 (a summary's panels: 项目 预算数 项目 预算数; 项目 行次 决算数). A table
    whose reading is doubted gives none."""
    if table.doubt:
        return []
    pairs = []
    for j, column in enumerate(table.columns):
        figure = next((f for f in range(j + 1, len(table.columns)) if table.columns[f].role not in NUMBERING_ROLES), None)
        if column.holds_words and figure is not None and not table.columns[figure].holds_words:
            pairs.append((j, figure))
    out = []
    for row in table.rows:
        for j, figure in pairs:
            label, value = row[j].text if j < len(row) else "", row[figure].value if figure < len(row) else None
            if label and value is not None and not CODE.match(label):
                out.append((label, value, table.unit))
    return out


def _give_notes_to_next(before: Table, after: Table, src: SourceText) -> None:
    """A note printed above the next table (`注：若为空表，则为该单位无政府性基金收支`) names
    that table's subject, not the one before it: it opens the next table's span."""
    k, moved = before.last_line, []
    while k > before.first_line:
        line = src.norm[k - 1].strip()
        m = EMPTY_TABLE_NOTE.search(line) if NOTE.match(line) else None
        if line and not (m and m.group(1) in after.title and m.group(1) not in before.title):
            break
        if line:
            moved.append((k, line))
        k -= 1
    if not moved:
        return
    before.last_line = k
    after.first_line = min(after.first_line, moved[-1][0])
    for _, line in moved:
        if line in before.notes:
            before.notes.remove(line)
            after.notes.insert(0, line)


def _project_names(tables: list[Table]) -> tuple[str, ...]:
    """Names of the projects listed in the document's 项目支出表 so far: a performance form
    of several projects is cut into blocks where these names start."""
    names = []
    for t in tables:
        if t.kind == TableKind.BUDGET_PROJECT_EXPENSE and len(t.columns) > 1:
            names += [r[1].text for r in t.rows if len(r) > 2 and r[0].text and r[2].text and len(r[1].text) >= 4]
    return tuple(dict.fromkeys(names))


def _header_text(src: SourceText, table: Table) -> str:
    """The lines of a table's header, as one text."""
    if table.header_lines is None:
        return ""
    first, last = table.header_lines
    return " ".join(src.norm[k - 1] for k in range(first, last + 1))


def _infer_kind(header_text: str, report_type: str, order: Sequence[str], prev_kind: str) -> tuple[str, str]:
    """A table whose title was lost: the first kind after the previous table, in the standard
    order, whose header vocabulary fits."""
    candidates = catalog.specs_for_header(header_text, report_type)
    if not candidates:
        return TableKind.OTHER, ""
    pos = order.index(prev_kind) if prev_kind in order else -1
    later = [s for s in candidates if s.kind in order and order.index(s.kind) > pos]
    spec = (later or candidates)[0]
    return spec.kind, spec.title


def build_table(src: SourceText, region: Region, context: Context, spec: TableSpec | None = None) -> Table:
    spec = spec or region.spec
    norm = src.norm
    content: list[tuple[int, str]] = []
    noted: list[tuple[int, str]] = []
    sentences: list[tuple[int, str]] = []     # lines ending a sentence: notes, unless rows follow them
    title_lines = region.title_lines()
    # (a title wrapped over lines prints each of them again on a continuation page)
    title_texts = {text for j in title_lines if len(text := TITLE_NUMBER.sub("", norm[j - 1].strip()).strip()) >= 2} \
        if region.title_printed else set()
    for k in region.lines_as_read():
        s = norm[k - 1]
        t = s.strip()
        if not t or k in title_lines:
            continue
        if FINAL_NUMBER.match(t) or (SUBTITLE.match(t) and not (content and YEAR_CELL.match(t))) or \
                (UNIT_LINE.search(t) and "\t" not in t and (k - region.first < 10 or not spec.form)):
            continue
        if TABLE_LABEL.match(t) or UNIT_LABEL.match(t):
            continue
        if TITLE_NUMBER.sub("", t).strip() in title_texts:
            continue        # the title printed again on a continuation page
        if NOTE.match(t):
            noted.append((k, t))
            continue
        if noted and not any(norm[j - 1].strip() for j in range(noted[-1][0] + 1, k)) and \
                not noted[-1][1].endswith("。") and \
                not any(is_amount(x) for x in split_tokens(t)):
            noted[-1] = (k, noted[-1][1] + t)       # the note's sentence wrapped onto this line
            continue
        if t.endswith("。") and "\t" not in t and not spec.form and not _beside_label(t) and \
                not (content and content[-1][0] == k - 1 and not sentences and
                     (_ends_in_words(content[-1][1]) or _indent(src.lines[k - 1]) >= CELL_INDENT)):
            # a sentence under the grid, or a wrapped description's end (a wrapped description's
            # last line runs on from the line just above, which ends in words, or is printed
            # far into the line, under its column, where the page keeps its layout)
            sentences.append((k, s))
            continue
        if RULE_LINE.fullmatch(t) or k in context.running_lines:
            continue        # a text-table rule line, a running head: not content
        if k in context.page_lines and not (content and _decimals_cut(content[-1][1], t)):
            continue        # a page number between the pages of a table
        if sentences and any(is_amount(x) for x in split_tokens(t)):
            content += sentences        # rows follow: the sentences were cells (绩效目标 wrapped)
            sentences = []
        content.append((k, s))
    notes = [t.strip() for _, t in sorted(noted + sentences)]
    read_at = {k: i for i, k in enumerate(region.read_order)}
    content.sort(key=lambda line: read_at.get(line[0], line[0]))
    wrapped: dict[int, list[str]] = {}
    if context.printed is not None:
        content, printed, wrapped = _figures_wrapped_around_rows(content, context.printed)
        context = replace(context, printed=printed)
    if not wrapped and not any("  " in s for _, s in content):     # (a text that keeps no places)
        content, wrapped = _figures_wrapped_around_plain_rows(content)
    layout = detect_layout(content)
    while layout != "fragment" and len(content) > 1 and LONE_NUMBER.match(content[-1][1].strip()) and \
            not _decimals_cut(content[-2][1], content[-1][1].strip()):
        content.pop()       # the page number under the table (see the trim of last_line below)
    table = Table(kind=spec.kind, title=region.title or spec.title, title_printed=region.title_printed,
                  unit=region.unit, first_line=region.first, last_line=region.last, columns=[], rows=[],
                  notes=notes, layout=layout)
    try:
        # (a layout text's table may be read again, its wrapped cells put back: from a copy as yet
        # unread; only where its lines keep their cells' places, which tell whose a piece is, and
        # its cells may wrap so much that most of its lines print a piece alone)
        unread = replace(table, notes=list(table.notes)) if layout in ("space", "fragment") and not spec.form and \
            context.printed is not None and keeps_places(content, context.printed) else None
        table = _cells_read(table, content, spec, context)
        if table.doubt and unread is not None:
            table = _read_with_cells_put_back(table, unread, content, spec, context)
        _mark_wrapped_figures(table, wrapped)
    except Exception as exc:        # a reader's fault costs this table, flagged, not the document
        table.columns, table.rows, table.header_lines, table.recoverable = [], [], None, False
        table.notes.append(f"the reader failed on this table ({type(exc).__name__}: {exc}); its cells were not read")
    if spec.form and (cut := _level_wrapped_after(norm, region.last)):
        table.add_doubt(f"the line after the form's last one opens an indicator level wrapped over lines ({cut}): the "
                        "grid likely goes on past where it was read; check the rows against the source")
    # the page number printed under the table is not part of it (with one fragment per line, a
    # lone number may be the last row's cell: only a known page number is dropped there)
    while table.last_line > table.first_line and (
            not norm[table.last_line - 1].strip() or table.last_line in context.page_lines or
            (layout != "fragment" and LONE_NUMBER.match(norm[table.last_line - 1]))):
        table.last_line -= 1
    _restore_printed(table, src, region.title_lines() or (table.first_line,))
    _judge_recoverable(table, src)
    return table


def _level_wrapped_after(norm: tuple[str, ...], last: int) -> str:
    """The start of an indicator level wrapped over lines (`经济效益指` / `标`) that the first line
    printed after a form's last one opens with: the form's grid went on (its region was ended by
    a goal's sentence beside it). Else ""."""
    first = next((t for t in norm[last:] if t.strip()), "").split()[:1]
    return first[0] if first and indicator_level(first[0]) not in ("", first[0]) else ""


ORDINAL_HEAD = frozenset({"序号", "序", "号"})      # a header's 序号, whole or a character a line (printed upright)
# a row's line opening with its number (or holding it alone: a row numbered and left empty)
ORDINAL_OPENING = re.compile(r"^\s*([1-9]\d{0,3})(?=\s+\S|\s*$)")
MIN_NUMBERED_ROWS = 3


@dataclass(frozen=True)
class NumberedRows:
    """A table's lines with the numbers its rows open with (its 序号 column) blanked out, and
    its header's 序号; the number each such line opened with, by line."""
    content: list[tuple[int, str]]
    printed: PrintedPages | None
    numbers: dict[int, str]


def _numbered_rows(content: list[tuple[int, str]], layout: str, printed: PrintedPages | None) -> NumberedRows | None:
    """The table's rows numbered apart: where the header prints 序号 and lines after it open
    with the numbers 1, 2, 3 … in turn (at least three), those lines and the header without
    them (blanked, so a layout text keeps its columns' places). None otherwise, and for a text
    of one fragment a line, whose lone numbers may as well be figures."""
    if layout == "fragment":
        return None
    head = next((i for i, (_, line) in enumerate(content) if ORDINAL_HEAD & set(line.split())), None)
    if head is None or any(is_amount(t) for _, line in content[:head + 1] for t in line.split()):
        return None
    numbers: dict[int, str] = {}
    for k, line in content[head + 1:]:
        if (m := ORDINAL_OPENING.match(line)) and int(m.group(1)) == len(numbers) + 1:
            numbers[k] = m.group(1)
    if len(numbers) < MIN_NUMBERED_ROWS:
        return None
    first_row = next(i for i, (k, _) in enumerate(content) if k in numbers)
    header_lines = {k for k, _ in content[:first_row]}

    def blanked(k: int, line: str) -> str:
        if k in numbers:
            m = ORDINAL_OPENING.match(line)
            assert m is not None
            return line[:m.start(1)] + " " * len(m.group(1)) + line[m.end(1):]
        if k in header_lines:
            return re.sub(r"(?<!\S)(?:序号|序|号)(?!\S)", lambda m: " " * len(m.group()), line)
        if "序号" in line.split():      # the header printed again past a page break: as the first
            return re.sub(r"(?<!\S)序号(?!\S)", "  ", line)
        return line
    lines = [(k, blanked(k, line)) for k, line in content]
    if printed is not None:     # (the document's lines as printed: only the table's numbered and header lines change)
        as_printed = list(printed.lines)
        for k in numbers.keys() | header_lines:
            if 0 < k <= len(as_printed):
                as_printed[k - 1] = blanked(k, as_printed[k - 1])
        printed = replace(printed, lines=tuple(as_printed))
    return NumberedRows([(k, line) for k, line in lines if line.strip()], printed, numbers)


def _numbered_rows_read(table: Table, content: list[tuple[int, str]], spec: TableSpec,
                        context: Context) -> Table | None:
    """The table read without the numbers its rows open with, then given them as its first
    column (序号): where each number stands in one row read, and no row holds two (else None,
    the table to be read as printed). Read with them, a row's number is taken for its code
    or a figure, or dropped."""
    apart = _numbered_rows(content, table.layout, context.printed)
    if apart is None:
        return None
    numbered = replace(table, columns=[], rows=[], notes=list(table.notes), facts={}, grids=[])
    _read_cells(numbered, apart.content, spec, replace(context, printed=apart.printed))
    seats: dict[int, int] = {}
    for r, row in enumerate(numbered.rows):
        opened = {k for cell in row for k in cell.lines if k in apart.numbers}
        if len(opened) > 1:
            return None
        if opened:
            seats[r] = opened.pop()
    read = {k for k, _ in apart.content}
    empty = sorted(k for k in apart.numbers if k not in read)       # lines holding their number alone
    if len(seats) != len(apart.numbers) - len(empty):
        return None
    numbered.columns.insert(0, Column.parse(ORDINAL_LEAVES[0]))
    width = len(numbered.columns)

    def empty_row(k: int) -> list[Cell]:
        return [Cell(apart.numbers[k], (k,))] + [Cell("") for _ in range(width - 1)]
    rows: list[list[Cell]] = []
    for r, row in enumerate(numbered.rows):
        while r in seats and empty and empty[0] < seats[r]:     # an empty row stands where its number does
            rows.append(empty_row(empty.pop(0)))
        rows.append([Cell(apart.numbers[seats[r]], (seats[r],)) if r in seats else Cell("")] + row)
    rows += [empty_row(k) for k in empty]
    numbered.rows = rows
    if pieces := _pieces_between_numbered_rows(rows):
        numbered.add_doubt(f"{pieces} row(s) between two rows numbered one after the other print no number and no "
                           "figure: pieces of cells wrapped around their rows were likely read as rows of their own; "
                           "check the rows against the source")
    return numbered


def _pieces_between_numbered_rows(rows: list[list[Cell]]) -> int:
    """How many rows without a number (序号 first) and without a figure stand between a row
    numbered n and one numbered n + 1: the numbering leaves them no place of their own."""
    numbered = [(r, int(row[0].text)) for r, row in enumerate(rows) if row[0].text.isdigit()]
    return sum(1 for (r, n), (after, m) in zip(numbered, numbered[1:]) if m == n + 1
               for row in rows[r + 1:after] if not any(cell.value is not None for cell in row[1:]))


FIGURE_HEAD = re.compile(r"-?\d[\d,]*\.?\d?")     # a figure cut at its cell's width: `370,219.2`
FIGURE_TAIL = re.compile(r"\d{1,2}")


def _figures_wrapped_around_rows(content: list[tuple[int, str]], printed: PrintedPages
                                 ) -> tuple[list[tuple[int, str]], PrintedPages, dict[int, list[str]]]:
    """A figure wider than its cell wraps, and a cell's lines are centred on its row's: the
    figure's head prints on the line above the row, its last digits on the line below
    (`370,219.2` / `合计 … 246,458.22` / `5`). Where a line of such heads alone and a line of
    as many tails alone, each tail under its head, stand around a row's line that leaves them
    room, the figures are that row's, read as printed whole on its line (in the table's view
    of the lines, `printed`, returned; the source stays as it is), with each such row's line
    and its figures."""
    lines = printed.lines
    kept: list[tuple[int, str]] = []
    rows: dict[int, str] = {}       # the rows' lines as read, by their 1-based numbers
    wrapped: dict[int, list[str]] = {}
    i = 0
    while i < len(content):
        above = content[i][0]       # 1-based, as the row's line (`above + 1`) and the one below it
        if i + 2 < len(content) and content[i + 1][0] == above + 1 and content[i + 2][0] == above + 2 and \
                (found := _row_with_its_wrapped_figures(*lines[above - 1:above + 2])) is not None:
            rows[above + 1], wrapped[above + 1] = found
            kept.append((above + 1, normalise(found[0])))
            i += 3
            continue
        kept.append(content[i])
        i += 1
    if not wrapped:
        return content, printed, wrapped
    return kept, replace(printed, lines=tuple(rows.get(k, line) for k, line in enumerate(lines, start=1))), wrapped


def _figures_wrapped_around_plain_rows(content: list[tuple[int, str]]
                                       ) -> tuple[list[tuple[int, str]], dict[int, list[str]]]:
    """A figure wrapped around its row's line in a text that keeps no places (`350,034.4` /
    `合计 432,513.70 82,479.29 …` / `2`): its head alone on the line above, its last digits alone
    on the line below, the row's line a label and figures; the row's line read with the figure
    whole among its figures, first where it is the sum of the others (the row's total), else
    last; with each such row's line and its figure."""
    kept: list[tuple[int, str]] = []
    wrapped: dict[int, list[str]] = {}
    i = 0
    while i < len(content):
        head = content[i][1].strip()
        # (the cheap tests first: most lines are no figure's head)
        if FIGURE_HEAD.fullmatch(head) and not TWO_DECIMALS.match(head) and i + 2 < len(content) and \
                FIGURE_TAIL.fullmatch(tail := content[i + 2][1].strip()) and TWO_DECIMALS.match(figure := head + tail) \
                and content[i + 2][0] == content[i][0] + 2 and content[i + 1][0] == content[i][0] + 1:
            k, row = content[i + 1]
            tokens = row.split()
            # (the row's figures: the run of them that ends its line, after its label's words)
            words = len(tokens) - next((n for n, t in enumerate(reversed(tokens)) if not is_amount(t)), len(tokens))
            figures = [f for t in tokens[words:] if (f := parse_amount(t)) is not None]
            if figures and words:
                total_first = parse_amount(figure) == sum(figures, Decimal(0))
                placed = [figure, *tokens[words:]] if total_first else [*tokens[words:], figure]
                kept.append((k, " ".join(tokens[:words] + placed)))
                wrapped[k] = [figure]
                i += 3
                continue
        kept.append(content[i])
        i += 1
    return kept, wrapped


def _row_with_its_wrapped_figures(above: str, row: str, below: str) -> tuple[str, list[str]] | None:
    """The row's line with the figures wrapped around it printed in it, and those figures. A
    figure stands where its head does, or as far left of it as the row's next cell, two spaces
    apart, leaves it room (a layout text's narrow columns: the whole figure is wider than its
    column's place on the line)."""
    heads = [(m.start(), m.group()) for m in CHUNK.finditer(above)]
    tails = [(m.start(), m.group()) for m in CHUNK.finditer(below)]
    if not heads or len(heads) != len(tails) or \
            not all(FIGURE_HEAD.fullmatch(t) for _, t in heads) or not all(FIGURE_TAIL.fullmatch(t) for _, t in tails):
        return None
    starts = [at for at, _ in heads] + [len(above) + 1]
    cells = [(m.start(), m.end()) for m in CHUNK.finditer(row)]
    placed: list[tuple[int, str]] = []
    limit = len(row) + len(above) + SPACED_APART      # where the figure placed last starts (past both lines at first)
    for (at, head), (tail_at, tail), next_at in reversed(list(zip(heads, tails, starts[1:]))):
        figure = head + tail
        if TWO_DECIMALS.match(head) or not TWO_DECIMALS.match(figure) or not at <= tail_at < next_at:
            return None     # (a whole figure above, or digits that do not end it: other rows)
        after = min([start for start, _ in cells if start >= at] + [limit])
        before = max([end for start, end in cells if start < at] + [-SPACED_APART])
        start = min(at, after - SPACED_APART - len(figure))
        if start < before + SPACED_APART:
            return None     # the row prints something where the figure would stand
        placed.append((start, figure))
        limit = start
    for start, figure in placed:
        row = row.ljust(start + len(figure))
        row = row[:start] + figure + row[start + len(figure):]
    return row, [figure for _, figure in reversed(placed)]


def _mark_wrapped_figures(table: Table, wrapped: dict[int, list[str]]) -> None:
    """The cells of figures wrapped around their rows' lines name the three lines they print on."""
    for row in table.rows:
        for j, cell in enumerate(row):
            if len(cell.lines) == 1 and (figures := wrapped.get(cell.lines[0])) and \
                    any(parse_amount(f) == cell.value for f in figures):
                k = cell.lines[0]
                row[j] = replace(cell, lines=(k - 1, k, k + 1), inferred=cell.inferred or "joined from fragments")


def _cells_read(table: Table, content: list[tuple[int, str]], spec: TableSpec, context: Context) -> Table:
    """The table with its cells read: its rows' numbers apart where it numbers them (序号), else as printed."""
    if (numbered := _numbered_rows_read(table, content, spec, context)) is not None:
        return numbered
    _read_cells(table, content, spec, context)
    return table


def _read_with_cells_put_back(read: Table, unread: Table, content: list[tuple[int, str]], spec: TableSpec,
                              context: Context) -> Table:
    """A layout text's table whose reading is doubted, read again (from `unread`) with the
    pieces of its cells wrapped around their rows' lines put back on them (`centred_cells`):
    that reading where it is undoubted, its joined cells naming the lines they print on; else
    the first. (Only then: a table read undoubted as printed keeps that reading.)"""
    assert context.printed is not None
    numbered = _numbered_rows(content, "space", context.printed)       # (its lines keep their places)
    put_back, printed, joined = cells_put_back_on_their_rows(content, context.printed,
                                                             numbered.numbers if numbered is not None else ())
    if not joined:
        return read
    again = _cells_read(replace(unread, layout=detect_layout(put_back)), put_back, spec, replace(context, printed=printed))
    if again.doubt:
        return read
    for row in again.rows:
        for j, cell in enumerate(row):
            if len(cell.lines) == 1 and (cells := joined.get(cell.lines[0])):
                drawn = next((lines for text, lines in cells if squash(normalise(text)) == squash(cell.text)), None)
                if drawn is not None:
                    row[j] = replace(cell, lines=drawn, inferred=cell.inferred or (
                        "joined from fragments" if len(drawn) > 1 else PUT_ON_ITS_ROW))
    return again


def _folded(words: Iterable[str]) -> set[str]:
    """Header words as the normalised text prints them (NFKC: `（` as `(`), to find them among its tokens."""
    return {unicodedata.normalize("NFKC", w) for w in words}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _beside_label(line: str) -> bool:
    """Whether a line opens with a short label before more cells (`指标 完成率达95%。`)."""
    pieces = line.split()
    return len(pieces) >= 2 and len(pieces[0]) <= LABEL_PIECE and not SENTENCE_MARK.search(pieces[0])


def _ends_in_words(line: str) -> bool:
    """Whether a line's last cell is words, not a figure, and ends no sentence or clause."""
    return not is_amount(line.split()[-1]) and not SENTENCE_MARK.search(line.strip()[-1])


def _decimals_cut(line: str, digits: str) -> bool:
    """Whether `digits` can be the rest of an amount that `line` ends cut after its decimal
    point (`1,234.` + `56`, `1,234.5` + `6`): then it is no page number."""
    line = line.rstrip()
    return (line.endswith(".") and len(digits) <= 2) or (bool(re.search(r"\.\d$", line)) and len(digits) == 1)


def _read_cells(table: Table, content: list[tuple[int, str]], spec: TableSpec, context: Context) -> None:
    """The table's columns and rows, by the reader its spec and printed layout call for."""
    layout = table.layout
    if spec.form and (one_cell := one_cell_indicator_layout(content, spec.layouts)) is not None:
        fill_one_cell_indicator_list(table, one_cell[0], one_cell[1], one_cell[2], content, layout)
        if not table.rows:      # no line the list's reader knows
            _form_read_as_plain_grid(table, content, context, layout)
    elif spec.form and layout == "fragment" and spec.layouts and has_grid_header(content, spec.layouts[0]):
        fill_project_grid_form(table, content, spec.layouts[0], context.known_projects)
    elif spec.form and layout in ("fragment", "space") and (listed_columns := listed_layout(content, spec.layouts)):
        fill_listed_form(table, listed_columns, content, context.printed)
        if not table.rows:      # no indicator the list's reader knows
            _form_read_as_plain_grid(table, content, context, layout)
    elif spec.form and (listed := listed_form_header(content)) is not None:
        # a list of projects, a row per indicator: the grid it is printed as, where its cells are
        if layout == "tab":
            _fill_tab_grid(table, content[listed:], catalog.OTHER, context.ruled, context.year)
        else:
            _form_read_as_plain_grid(table, content, context, layout)
    elif spec.form and layout == "tab" and (named := named_indicator_header(content)) is not None:
        # facts, then a grid naming each indicator in a column, no levels: the grid as ruled
        fill_facts(table, content[:named])
        _fill_named_indicator_grid(table, content[named:], context)
    elif spec.form:
        fill_form(table, content, layout, context.printed)
        if not table.rows and not (layout == "tab" and table.columns):
            # no indicator grid the form reader knows (a ruled one whose header it read and no
            # row is a template printed empty: `经济成本 ......`)
            _form_read_as_plain_grid(table, content, context, layout)
    elif layout == "tab":
        _fill_tab_grid(table, content, spec, context.ruled, context.year)
    else:
        fit = _fill_token_grid(table, content, spec, context, layout)
        if context.per_period and catalog.period_groups(table.columns) and _sums_fail(table, spec):
            # a template printed per period whose own sums fail: its columns' order likely is
            # not the header's (a stacked header tells no order); the reading without such
            # layouts stands where it has sums and they hold
            flat = replace(table, columns=[], rows=[], notes=list(table.notes), doubt="", columns_doubted=False)
            flat_fit = _fill_token_grid(flat, content, spec, replace(context, per_period=False), layout)
            if flat.rows and _sums_hold(flat, spec):
                table.columns, table.rows, table.header_lines = flat.columns, flat.rows, flat.header_lines
                table.notes, table.doubt, table.columns_doubted = flat.notes, flat.doubt, flat.columns_doubted
                fit = flat_fit
        if layout == "space" and context.printed is not None:
            if fit < SETTINGS.broken_header_words or _figures_left_out(table, content) or \
                    _rows_of_words_alone(table):
                # (a template that leaves printed figures out is not this table's either; rows
                # of words alone are cells wrapped around their rows, which the cut joins)
                _read_by_space_columns(table, content, spec, context.printed, context.year)
            elif any(cell.inferred == GUESSED for row in table.rows for cell in row) or \
                    _numbers_its_columns(table, content):
                _guesses_seated_by_space_columns(table, content, spec, context.printed, context.year)
        if spec.typed_layouts and layout == "space" and \
                (context.printed is None or not keeps_places(content, context.printed)) and \
                (typed := read_typed_rows(content, spec.typed_layouts)) is not None:
            # cells of words and of figures interleaved a row a line, printed single-spaced (no
            # places part them): read by what each column prints
            table.columns, table.header_lines = parse_columns(typed.columns), (content[0][0], typed.body_from - 1)
            table.rows = [[Cell(cell.text, cell.lines, "joined from fragments" if len(cell.lines) > 1 else "")
                           for cell in row] for row in typed.rows]
            table.doubt, table.columns_doubted = "", False
    if not spec.form and spec.layouts_hold_figures and \
            not any(c.role in catalog.FIGURE_ROLES for c in table.columns):
        # (a table of figures read without a column of them: its header was not told, and a
        # table printed empty keeps its template's columns when it is)
        table.add_doubt("no column of figures was read from the header: the table was likely misread; "
                        "check it against the source", of_columns=True)
    guessed = sum(any(cell.inferred == GUESSED for cell in row) for row in table.rows)
    if (guessed >= MANY_GUESSED_ROWS and guessed * 2 >= len(table.rows)) or \
            (guessed and guessed == len(table.rows) and _rows_sparse(table)):
        whose = "row's" if guessed == 1 else "rows'"
        table.add_doubt(f"{guessed} {whose} figures fit other columns as well and nothing told their columns: "
                        "check the columns against the source", of_columns=True)
    if out_of_turn := sum(any(cell.inferred == OUT_OF_TURN for cell in row) for row in table.rows):
        table.add_doubt(f"{out_of_turn} row(s) print more figures after their label than their panel has columns "
                        "(other rows' figures printed out of turn): whose figures are whose was guessed; check the "
                        "rows against the source")
    if broken := _rows_breaking(table, catalog.resolve_rules(table.columns, spec.reading_rules)):
        table.add_doubt(f"{len(broken)} row(s) break a sum the template's figures hold ({broken[0]}): figures were "
                        "likely read into the wrong columns; check the columns against the source", of_columns=True)
    elif len(broken := _rows_breaking(table, row_rules(table))) >= max(MANY_ROWS_BREAKING, len(table.rows) // 10):
        # a document's own slips break a sum in a row or two; a misreading, in row after row
        table.add_doubt(f"{len(broken)} rows break the sums of their columns ({broken[0]}): figures were likely "
                        "read into the wrong columns; check the columns against the source", of_columns=True)
    if copied := _total_repeated_in_its_parts(table, catalog.resolve_rules(table.columns, spec.column_rules)):
        table.add_doubt(f"{len(copied)} row(s) print their total again under two or more of its parts ({copied[0]}): "
                        "several rows' figures were likely read into one; check the rows against the source",
                        of_columns=True)
    if not spec.form and layout == "space" and context.printed is not None and \
            (off := _figures_off_their_column_numbers(table, context.printed)):
        table.add_doubt(f"{off} rows' figures print apart otherwise than the columns they were read into stand, by "
                        "the header's column numbers (栏次): figures were likely read into the wrong columns; check "
                        "the columns against the source", of_columns=True)
    if spec.form and (misread := grid_misread(table)):
        table.add_doubt(f"the indicator grid was likely misread ({misread}); check the rows against the source")
    width = len(table.columns)
    if over := sum(any(c.text for c in row[width:]) for row in table.rows):
        table.add_doubt(f"{over} row(s) hold more cells than the {width} columns read from the header: the header "
                        "was read short; check the columns against the source", of_columns=True)
    for why in _header_misread(table, context.agency):
        table.add_doubt(why, of_columns=True)
    if any(cell.value is not None for row in table.rows for cell in row) and \
            len(coded := _codes_in_header(table, content)) >= MANY_UNREAD:      # (else `_figures_unread` tells)
        table.add_doubt(f"the header's lines print {len(coded)} rows' codes ({coded[0]}): rows were likely read into "
                        "the header; check the columns against the source", of_columns=True)
    if not spec.form and layout == "space" and (unsure := _wrapped_goals_joined(table)):
        table.add_doubt(f"{unsure} row(s) took the lines of a cell wrapped around them by their count, no sentence's "
                        "end telling where the cell ends; check the rows against the source")
    if not spec.form and (wrapped := _rows_of_words_alone(table)):
        table.add_doubt(f"{wrapped} rows hold words alone, no label and no figure, between rows with figures: cells "
                        "wrapped around their rows were likely read as rows of their own; check the rows against the source")
    if not spec.form:
        _plain_grid_tidied_and_doubted(table, content, spec, layout)


NUMBERING_ROLES = frozenset({ColumnRole.SEQUENCE, ColumnRole.ORDINAL})     # a row's printed number: no content


def _plain_grid_tidied_and_doubted(table: Table, content: list[tuple[int, str]], spec: TableSpec, layout: str) -> None:
    """A grid's reading (not a form's) tidied (rates, cut figures rejoined, repeated totals and
    header lines dropped, wrapped labels joined) and doubted where its cells and lines tell a
    misreading."""
    _percentages_as_rates(table)
    _cut_figures_rejoined(table)
    _drop_repeated_totals(table)
    _drop_column_numbers(table)
    _drop_header_again(table)
    _bracketed_labels_joined(table)
    if layout == "space":
        _group_labels_apart(table, content)
    if spec.never_empty and not any(cell.text for row in table.rows for j, cell in enumerate(row)
                                    if j < len(table.columns) and table.columns[j].role not in NUMBERING_ROLES):
        table.add_doubt("no row with a label or a figure was read under its header, and every department prints "
                        "some here: its body was likely printed apart from it; check it against the source")
    if (not any(cell.value is not None for row in table.rows for cell in row) and (
            unread := _figures_unread(content))) or (unread := _labels_unread(table, content)):
        table.add_doubt(unread, of_columns=True)
    if dropped := _figures_left_out(table, content):
        table.add_doubt(f"{dropped} figures its rows print stand in no cell: the columns were likely read short; "
                        "check the columns against the source", of_columns=True)
    if layout == "fragment" and (alone := _figures_alone_in_no_cell(table, content)):
        table.add_doubt(f"{len(alone)} figure(s) printed among its rows stand in no cell ({alone[0]}): a row's "
                        "figure printed out of its place was likely lost; check the rows against the source")
    if unheld := _words_left_out(table, content):
        table.add_doubt(f"{len(unheld)} rows print words that stand in no cell ({unheld[0]}): their names were "
                        "likely read away; check the columns against the source", of_columns=True)
    for find, what, why, of_columns in _MISREADINGS:
        if found := find(table, content):
            table.add_doubt(f"{len(found)} {what} ({found[0]}): {why}; check the rows against the source",
                            of_columns=of_columns)
    for why in _codes_misread(table, spec):
        table.add_doubt(why)


def _codes_misread(table: Table, spec: TableSpec) -> Iterator[str]:
    """Why the codes read of a table's rows are likely wrong (each a doubt of its rows)."""
    if nameless := _codes_without_names(table):
        yield (f"{nameless} coded row(s) print no name: codes and names were likely read apart; "
               "check the rows against the source")
    if orphan := _opens_below_its_class(table):
        yield (f"the table opens at {orphan}, whose 类 no row before it prints while later rows print "
               "their own: its rows above were likely read into another table (a page printed before "
               "the table's title); check the rows against the source")
    if spec.code_kind and (run_together := _codes_run_together(table)):
        yield (f"{len(run_together)} code(s) are longer than any classification code ({run_together[0]}): "
               "codes printed apart from their rows were likely run together; check the codes against the source")
    if spec.code_kind and (numbered := _codes_after_a_page_number(table)):
        yield (f"{len(numbered)} code(s) print digits before a code under one of the table's 类 ({numbered[0]}): a "
               "page's number was likely read into a row's code; check the codes against the source")
    if alone := _words_alone_above_coded_rows(table):
        yield (f"{len(alone)} row(s) print words alone, no code and no figure, right above a coded row ({alone[0]}): "
               "a name wrapped over lines was likely read as a row of its own; check the rows against the source")
    if spec.code_kind and (uncoded := _rows_without_codes(table)):
        yield (f"{len(uncoded)} row(s) after coded rows print a name and figures but no code ({uncoded[0]}): their "
               "codes were likely lost or read into other rows; check the codes against the source")
    if spec.code_kind and (repeated := _codes_of_two_names(table)):
        yield (f"{repeated} code(s) are printed for rows of different names: the codes were likely "
               "read out of order; check the codes against the source")


def _rows_without_codes(table: Table) -> list[str]:
    """The names of the rows after a classification's first coded row that print figures and
    no code: each of its items prints its code (a total, or an `其中` under an item, prints none)."""
    codes, label = table.code_columns(), table.label_column()
    first = next((r for r in range(len(table.rows)) if any(table.cell(r, c).text for c in codes)), None)
    if first is None:
        return []
    return [name for r in range(first + 1, len(table.rows))
            if (name := table.cell(r, label).text) and not any(table.cell(r, c).text for c in codes)
            and not catalog.TOTAL_LABELS.match(squash(name)) and not name.startswith("其中")
            and any(cell.value is not None for cell in table.rows[r][label + 1:])]


def _words_alone_above_coded_rows(table: Table) -> list[str]:
    """The rows printing words and neither a code nor a figure right above a coded row, past a
    coded row or a total: every item of a classification prints its code, and its figures on
    its name's line; words alone there are a piece of a name wrapped over lines (`机关事业单位
    基本养老保` over `301 08 险缴费 …`, an agency's name printed around its row's line)."""
    codes = table.code_columns()
    if not codes:
        return []

    def coded(r: int) -> bool:
        return any(table.cell(r, c).text for c in codes)
    opened = False      # a coded row or a total printed before
    alone = []
    for r, row in enumerate(table.rows):
        words = [cell.text for cell in row if cell.text]
        total = any(catalog.TOTAL_LABELS.match(squash(w)) for w in words)
        if opened and words and not total and not coded(r) and all(cell.value is None for cell in row) and \
                r + 1 < len(table.rows) and coded(r + 1):
            alone.append(words[0])
        opened = opened or coded(r) or total
    return alone


UNIT_NAME_CUT = 6      # characters of the unit's name that, cut short there (`深圳市人民政府口岸办公`), still name it

SUBTOTAL_GROUPS = frozenset({"合计", "小计"})


def _codes_in_header(table: Table, content: list[tuple[int, str]]) -> list[str]:
    """The rows' codes (`204`, `2040401`) among the lines read as the table's header: no header
    prints one (a text setting a table column by column prints its codes before the names)."""
    if table.header_lines is None:
        return []
    first, last = table.header_lines
    return list(dict.fromkeys(t for k, line in content if first <= k <= last for t in line_tokens(line)
                              if LINE_CODE.match(t)))


def _header_misread(table: Table, agency: str) -> Iterator[str]:
    """Why the columns read from a table's header are likely wrong (each a doubt of its columns)."""
    if agency and any(c.role in catalog.FIGURE_ROLES and (
            c.leaf == agency or (len(c.leaf) >= UNIT_NAME_CUT and agency.startswith(c.leaf))) for c in table.columns):
        # the unit's name labels a row (部门名称 长沙市信访局), never a column of figures
        yield (f"a column of figures is named as the document's unit ({agency}): rows' labels were likely read as "
               "the header's; check the columns against the source")
    if cut := [c.leaf for c in table.columns if len(c.leaf) == 1 and c.leaf not in CODE_PARTS]:
        # no header names a column by one character but 类 款 项: a wrapped header cell was cut apart
        yield f"the header's cells were cut into pieces ({' '.join(cut)}); check the columns against the source"
    if long := next((part for c in table.columns for part in c.path if len(part) > SETTINGS.header_cell_chars), None):
        # no header names a column at such length: rows' text (a form's grid of one ruled row) was
        # read into the header
        yield (f"a header cell holds {len(long)} characters ({long[:12]}…): the rows' text was likely read "
               "into the header; check the columns against the source")
    groups = {part for c in table.columns for part in c.path[:-1]}
    if heading := next((c.path for c in table.columns if c.leaf in groups and
                        any(part in SUBTOTAL_GROUPS for part in c.path[:-1])), None):
        # a 合计 or 小计 heads a fund's share at most (`小计/一般公共预算`), never a group of columns
        # of its own: the header's lines were stacked wrong
        yield (f"{'/'.join(heading)}: a total heads a group of the header's columns; its lines were "
               "likely stacked wrong; check the columns against the source")


def _figures_off_their_column_numbers(table: Table, printed: PrintedPages) -> int:
    """Rows whose figures print apart on their line otherwise than the columns they were read
    into: a header numbering its columns of figures (`栏次 1 2 3 …`, a number over each) tells
    how far apart two columns' figures print in the text's own spacing, whatever its wide
    characters took; two figures printed a column apart read two apart (or the other way) were
    misplaced. How many such rows, where the numbers are one a figure column; else 0."""
    figure_cols = [j for j, c in enumerate(table.columns) if c.role in catalog.FIGURE_ROLES]
    first_row = min((k for row in table.rows for c in row if c.text for k in c.lines[:1]), default=0)
    if table.header_lines is None:
        return 0
    ends: list[int] = []
    for k in range(table.header_lines[0], min(first_row, len(printed.lines) + 1)):
        chunks = list(CHUNK.finditer(printed.lines[k - 1]))
        numbers = [c for c in chunks if c.group().isdigit()]
        if is_column_number_row([c.group() for c in chunks]) and len(numbers) == len(figure_cols) and \
                numbers_columns([c.group() for c in numbers]):
            ends = [c.end() for c in numbers]
    if not ends:
        return 0
    if min(b - a for a, b in itertools.pairwise(ends)) <= SPACED_APART + 1:
        return 0        # (the numbers a space apart: the text kept no columns' places)
    off = 0
    for row in table.rows:
        seated = [(n, row[j].lines[0]) for n, j in enumerate(figure_cols) if j < len(row) and row[j].text and row[j].lines]
        if len(seated) < 2 or len({k for _, k in seated}) > 1 or not 0 < seated[0][1] <= len(printed.lines):
            continue
        # (the row's figures are the line's last amounts: a code before them reads as one too)
        figures = [c.end() for c in CHUNK.finditer(printed.lines[seated[0][1] - 1]) if is_amount(c.group())]
        figures = figures[len(figures) - len(seated):]
        if len(figures) == len(seated) and any(
                _nearest_column(b_end - a_end, a, ends) != b
                for (a, _), (b, _), a_end, b_end in zip(seated, seated[1:], figures, figures[1:])):
            off += 1
    return off if off >= MANY_GUESSED_ROWS else 0


def _nearest_column(gap: int, column: int, ends: list[int]) -> int:
    """The numbered column whose number stands nearest `gap` right of `column`'s (the numbers
    centred over columns of unlike widths, figures at their right edges: the nearest, not the
    same, distance tells the column)."""
    return min(range(column + 1, len(ends)), key=lambda n: abs(ends[n] - ends[column] - gap), default=column)


def _rows_sparse(table: Table) -> bool:
    """Whether no row fills half the table's figure columns: a row seated by guess that fills
    its columns has its printed order to go by, a sparse one as many seatings as it leaves
    columns empty (收入总表's one row: 7 figures in 17 columns)."""
    figure_columns = [j for j, c in enumerate(table.columns) if c.role in catalog.FIGURE_ROLES]
    return all(sum(j < len(row) and bool(row[j].text) for j in figure_columns) * 2 < len(figure_columns)
               for row in table.rows)


PERCENT_SIGNS = ("%", "％")


def _percentages_as_rates(table: Table) -> None:
    """A column of figures every one of which is printed as a percentage (`10.00%` under
    比上年增减) holds rates, whatever its header says: no sum reads it."""
    for j, column in enumerate(table.columns):
        printed = [row[j].text for row in table.rows if j < len(row) and row[j].text]
        if column.role == ColumnRole.AMOUNT and printed and all(text.endswith(PERCENT_SIGNS) for text in printed):
            table.columns[j] = replace(column, role=ColumnRole.RATE)


MANY_ROWS_BREAKING = 3      # rows breaking their sums that tell a misreading from a document's slips
MANY_GUESSED_ROWS = 3       # rows whose columns were guessed that, half the table's or more, doubt it
MISREAD_GAP = Decimal(1)     # a figure read into the wrong column moves a whole sum, not a few cents


def _rows_breaking(table: Table, rules: catalog.ColumnRules) -> list[str]:
    """The labels of the rows whose figures miss one of `rules` by a unit or more (a total a
    document prints with cents its parts drop, `79,189,400.34`, is its own, no misreading), or
    print parts of a unit or more and leave their total empty (no table prints parts alone)."""
    return _row_labels(table, {r for r, _, gap in _sum_gaps(table, rules) if gap >= MISREAD_GAP} |
                       _parts_without_total(table, rules))


def _row_labels(table: Table, rows: Iterable[int]) -> list[str]:
    """The words of each of `rows` (codes and names), in order, for a doubt to name them."""
    labels = [j for j, c in enumerate(table.columns) if c.holds_words]
    return [" ".join(c.text for j, c in enumerate(table.rows[r]) if j in labels and c.text) or "a row"
            for r in sorted(rows)]


def _total_repeated_in_its_parts(table: Table, rules: catalog.ColumnRules) -> list[str]:
    """The labels of the rows printing a rule's total again under two or more of its parts,
    and nothing else there: a total its parts add up to is none of them unless the others are
    naught, so such a row holds figures of other rows."""
    return _row_labels(table, {r for r, row in enumerate(table.rows) for total, parts in rules
                               if total < len(row) and (value := row[total].value) and
                               len(printed := [row[j].value for j in parts if j < len(row) and row[j].text]) >= 2 and
                               all(v == value for v in printed)})


def _parts_without_total(table: Table, rules: catalog.ColumnRules) -> set[int]:
    """The rows printing a rule's parts, a unit or more together, with its total empty."""
    return {r for r, row in enumerate(table.rows) for total, parts in rules
            if total < len(row) and not row[total].text and
            sum((v for j in parts if j < len(row) and (v := row[j].value) is not None), Decimal(0)) >= MISREAD_GAP}


def _sums_fail(table: Table, spec: TableSpec) -> bool:
    """Whether a row's figures break a total rule of its columns beyond rounding."""
    return any(_beyond_rounding(_sum_gaps(table, catalog.resolve_rules(table.columns, spec.column_rules))))


def _sums_hold(table: Table, spec: TableSpec) -> bool:
    """Whether rows print a total rule's figures, and every such row keeps it to rounding."""
    kept = _beyond_rounding(_sum_gaps(table, catalog.resolve_rules(table.columns, spec.column_rules)))
    return bool(kept) and not any(kept)


def _beyond_rounding(gaps: Iterable[tuple[int, int, Decimal]]) -> list[bool]:
    """For each row's sum, whether it misses beyond rounding (`_misses`)."""
    return [_misses(parts, gap) for _, parts, gap in gaps]


def _misses(parts: int, gap: Decimal) -> bool:
    """Whether a total misses the sum of its parts beyond rounding (a cent a part)."""
    return gap > SETTINGS.cent * parts


def _sum_gaps(table: Table, rules: catalog.ColumnRules) -> Iterator[tuple[int, int, Decimal]]:
    """(row, how many parts, by how much its total misses their sum) for each of `rules` a
    row prints a total and parts of."""
    for r, row in enumerate(table.rows):
        for parts, gap in _row_gaps(row, rules):
            yield r, parts, gap


def _row_gaps(row: list[Cell], rules: catalog.ColumnRules) -> Iterator[tuple[int, Decimal]]:
    """(how many parts, by how much its total misses their sum) for each of `rules` the row
    prints a total and parts of."""
    for total, parts in rules:
        stated = row[total].value if total < len(row) else None
        values = [value for j in parts if j < len(row) and (value := row[j].value) is not None]
        if stated is not None and values:
            yield len(parts), abs(stated - sum(values, Decimal(0)))


def _read_by_space_columns(table: Table, content: list[tuple[int, str]], spec: TableSpec,
                           printed: PrintedPages, year: str) -> None:
    """A layout text's table whose header no template of its kind fits: its cells cut by the
    columns of spaces its rows leave (as a PDF's ruling cuts them), where that reads the
    printed header's columns."""
    found = _cut_by_space_columns(table, content, spec, printed, year)
    cut = found[0] if found is not None else None
    if cut is not None and cut.rows and all(c.text for c in cut.columns) and not _sums(table) - _sums(cut) - _worded_sums(cut):
        table.columns, table.rows, table.header_lines = cut.columns, cut.rows, cut.header_lines
        table.doubt, table.columns_doubted = cut.doubt, cut.columns_doubted


def _numbers_its_columns(table: Table, content: list[tuple[int, str]]) -> bool:
    """Whether the table's header prints a row numbering its columns (`** 1 2 … 17`)."""
    if table.header_lines is None:
        return False
    first, last = table.header_lines
    lines = [text for k, text in content if first <= k <= last]
    return any(numbers_columns([t for t in cells if t.isdigit()]) for cells in _column_number_rows(lines))


def _cut_by_space_columns(table: Table, content: list[tuple[int, str]], spec: TableSpec,
                          printed: PrintedPages, year: str) -> tuple[Table, bool] | None:
    """The table read afresh from its cells as the columns of spaces its rows leave cut them,
    and whether the header's column numbers placed those columns (None where they cut no grid)."""
    found = cells_by_spaces(printed, content)
    if found is None:
        return None
    cut = replace(table, columns=[], rows=[], notes=[], doubt="", columns_doubted=False)
    _fill_tab_grid(cut, found.lines, spec, False, year, found.body_from, found.drawn_from)
    if _digits_dropped(cut, found.lines):
        return None     # (a column the header misread was read away with its cells)
    if together := [cell for k, line in found.lines if k < found.body_from for cell in line.split("\t")
                    if WORDS_RUN_TOGETHER.search(cell)]:
        cut.add_doubt(f"a header cell holds words printed a space apart ({together[0]}): two columns' names were "
                      "likely read as one, the figures after it a column early; check the columns against the source",
                      of_columns=True)
    return cut, found.numbered


def _digits_dropped(table: Table, lines: list[tuple[int, str]]) -> bool:
    """Whether some row holds fewer digits than the lines it alone is drawn from print: a
    cell of its, a code or a figure, left out of the reading."""
    printed = {k: sum(c.isdigit() for c in line) for k, line in lines}
    drawn = [{k for cell in row for k in cell.lines} for row in table.rows]
    shared = Counter(k for row_lines in drawn for k in row_lines)
    return any(all(shared[k] == 1 for k in row_lines) and
               sum(c.isdigit() for cell in row for c in cell.text) < sum(printed.get(k, 0) for k in row_lines)
               for row, row_lines in zip(table.rows, drawn))


WORDS_RUN_TOGETHER = re.compile(f"(?:{HAN}){{2,}} (?:{HAN}){{2,}}")     # `采购组织形式 一般公共`: two cells' words


def _guesses_seated_by_space_columns(table: Table, content: list[tuple[int, str]], spec: TableSpec,
                                     printed: PrintedPages, year: str) -> None:
    """A layout text's table with rows whose figures fit more than one seating, their columns
    guessed (`202.48` under 小计 and under one of its two parts), or seated by anything but a
    number over each column: where the columns of spaces the rows leave cut the table into as
    many columns, each row its figures in the same order, the guessed rows' cells sit where the
    page prints them, and every row's does where the header's column numbers placed the cut's
    columns (they tell a column better than header words wrapped over three lines, or figures
    read in printed order). The columns keep the names the template gave."""
    found = _cut_by_space_columns(table, content, spec, printed, year)

    def printed_in_order(row: list[Cell]) -> list[str]:
        return [cell.text for cell in row if cell.text]
    if found is None:
        return
    cut, numbered = found
    rules = catalog.resolve_rules(table.columns, spec.column_rules)

    def broken(row: list[Cell]) -> int:
        return sum(_misses(parts, gap) for parts, gap in _row_gaps(row, rules))
    if len(cut.columns) == len(table.columns) and len(cut.rows) == len(table.rows) and all(
            len(a) == len(b) and printed_in_order(a) == printed_in_order(b) for a, b in zip(table.rows, cut.rows)):
        # (where the page's places break a sum the guess kept, the places are off: a header's
        # Chinese words are wider than a layout text's characters)
        table.rows = [seated if (numbered or any(cell.inferred == GUESSED for cell in row)) and
                      broken(seated) <= broken(row) else row for row, seated in zip(table.rows, cut.rows)]


DECIMAL_FIGURE = re.compile(r"-?\d+\.\d+")


def _sums(table: Table) -> Counter[str]:
    """The sums of money a table's cells print (with decimals: no code, count or line number)."""
    return Counter(c.text for row in table.rows for c in row if DECIMAL_FIGURE.fullmatch(c.text))


def _worded_sums(table: Table) -> Counter[str]:
    """The figures a table's cells of words open with, words run on after them (`1.5匹防爆`, a
    specification): where the tokens split such a cell (`GLUED`), a reading of them holds a sum."""
    return Counter(m.group(1).replace(",", "") for row in table.rows for c in row if (m := GLUED.match(c.text)))


def _held_sums(table: Table) -> Counter[Decimal]:
    """The sums of money the table's cells hold, by value (`0.0` and `0.00` alike)."""
    held: Counter[Decimal] = Counter()
    for text, n in _sums(table).items():
        held[Decimal(text)] += n
    return held


def _rows_of_words_alone(table: Table) -> int:
    """How many rows print words but neither a label nor a figure in a table of one panel whose
    other rows print figures, where they are many (`_many_alone`): the lines of a cell wrapped
    above and below its row (a project's goal) read as rows of their own."""
    amounts = _headed_amounts(table)
    if not amounts or any(c.role in (ColumnRole.NAME, ColumnRole.CODE) for c in table.columns[amounts[0]:]):
        return 0        # (panels side by side: one panel's rows leave the other's label empty)
    figured, alone = _figured_and_alone(table, amounts)
    return len(alone) if figured and _many_alone(alone, table) else 0


def _headed_amounts(table: Table) -> list[int]:
    """The columns headed as amounts."""
    return [j for j, c in enumerate(table.columns) if c.role == ColumnRole.AMOUNT]


def _figured_and_alone(table: Table, amounts: list[int]) -> tuple[list[int], list[int]]:
    """The rows printing a figure under `amounts`, and those printing words but neither a
    figure nor a label."""
    label = table.label_column()
    figured: list[int] = []
    alone: list[int] = []
    for i, row in enumerate(table.rows):
        if any(j < len(row) and row[j].text for j in amounts):
            figured.append(i)
        elif not (label < len(row) and row[label].text) and any(c.text for c in row):
            alone.append(i)
    return figured, alone


def _many_alone(alone: Sized, table: Table) -> bool:
    """Rows of words alone are a reading's, not a document's, where two or more and a tenth
    of the rows."""
    return len(alone) >= 2 and len(alone) * 10 >= len(table.rows)


SENTENCE_CLOSED = re.compile(r"[。！？!?]$")


def _wrapped_goals_joined(table: Table) -> int:
    """A table whose last column holds sentences (a project's goal) printed, as a line of text
    prints it, a line of the cell after another around its row's line: the lines above and
    below a row (read as rows of words alone, and the words after its figures on its own
    line) joined into its last cell. A cell wrapped around its row is centred on it: the lines
    between two rows end the upper row's cell through the line that ends its sentence, else
    as many as it printed above its row; the rest open the lower's. Only where those rows are
    two or more, a tenth of the rows, and half of them print a sentence's marks (a name's
    wrapped pieces print none); lines between two rows beside a row without figures (a name
    wrapped too) stay as read. Returns how many rows took their lines by the count alone."""
    into = len(table.columns) - 1
    amounts = _headed_amounts(table)
    if not amounts or into <= amounts[-1] or table.columns[into].role != ColumnRole.TEXT:
        return 0
    figured, alone = _figured_and_alone(table, amounts)
    # (a line's piece: one cell of words, no amount among them)
    printed = {i: [c for c in table.rows[i] if c.text] for i in alone}
    pieces = {i: (cells[0].text, cells[0].lines) for i, cells in printed.items()
              if len(cells) == 1 and not any(is_amount(t) for t in cells[0].text.split())}
    if not figured or not _many_alone(pieces, table) or \
            sum(bool(DESCRIPTION_MARK.search(text)) for text, _ in pieces.values()) * 2 < len(pieces) or \
            any(into < len(table.rows[i]) and table.rows[i][into].text for i in figured):
        return 0
    parts: dict[int, list[tuple[str, tuple[int, ...]]]] = {i: [] for i in figured}
    above: dict[int, int] = dict.fromkeys(figured, 0)      # how many lines each row's cell printed above it
    joined: set[int] = set()
    unsure = 0
    for upper, lower in zip([None, *figured], [*figured, None]):
        gap = range(0 if upper is None else upper + 1, len(table.rows) if lower is None else lower)
        if upper is not None:
            while gap and gap[0] in pieces and pieces[gap[0]][1][:1] == (_row_line(table.rows[upper]),):
                parts[upper].append(pieces[gap[0]])     # the words after the row's figures, on its line
                joined.add(gap[0])
                gap = gap[1:]
        if not all(i in pieces for i in gap):
            continue        # (a row without figures among them: a name wrapped as well)
        between = [pieces[i] for i in gap]
        taken = 0
        if upper is not None:
            taken, by_count = _upper_rows_share(parts[upper], between, above[upper])
            unsure += by_count
            parts[upper] += between[:taken]
        if lower is not None:
            parts[lower], above[lower] = between[taken:], len(between) - taken
        elif between[taken:]:
            continue        # (lines after the last row that it did not take stay as read)
        joined.update(gap)
    rows: list[list[Cell]] = []
    for i, row in enumerate(table.rows):
        if i in joined:
            continue
        if parts.get(i):
            row = list(row) + [EMPTY] * (into + 1 - len(row))
            row[into] = Cell("".join(t for t, _ in parts[i]), tuple(k for _, lines in parts[i] for k in lines),
                             "joined from fragments")
        rows.append(row)
    table.rows = rows
    return unsure


def _row_line(row: list[Cell]) -> int | None:
    """The first source line a row's printed cells come from."""
    return min((c.lines[0] for c in row if c.text and c.lines), default=None)


def _upper_rows_share(cell: list[tuple[str, tuple[int, ...]]], between: list[tuple[str, tuple[int, ...]]],
                      printed_above: int) -> tuple[int, bool]:
    """How many of the lines between two rows end the upper row's wrapped cell (`cell`: its
    lines so far), and whether only their count told."""
    if cell and SENTENCE_CLOSED.search(cell[-1][0]):
        return 0, False
    closing = next((n + 1 for n, (text, _) in enumerate(between) if SENTENCE_CLOSED.search(text)), None)
    if closing is not None and closing <= printed_above + 1:
        return closing, False
    return min(printed_above, len(between)), bool(between)


# a total's word with a name after it (`政府性基金小计财政专户管理资金…`, `合计此表为空`): no row's label
_PAST_A_TOTAL = re.compile(f"(?:小计|合计|总计)(?:{HAN}){{2}}")


def _labels_running_past_a_total(table: Table) -> list[str]:
    """The row labels that print a total's word (小计, 合计, 总计) with words after it: a label
    ends with its total's word, so the words after it are another row's (cells a line each,
    their empty figures unprinted, read into one label)."""
    labels = [j for j, c in enumerate(table.columns) if c.role in (ColumnRole.NAME, ColumnRole.TEXT)]
    return [row[j].text for row in table.rows for j in labels if j < len(row) and _PAST_A_TOTAL.search(row[j].text)]


_WORD_RUN = re.compile(f"(?:{HAN}){{2,}}")


def _words_left_out(table: Table, content: list[tuple[int, str]]) -> list[str]:
    """In a table whose only column of words is its codes, the first run of words each row's
    lines print that no cell of the row holds, where three rows or more, a tenth of them,
    print one: the names read away (`科 目 名 称 总 计` letter-spaced read as one header cell,
    and the names it heads dropped)."""
    if any(c.role in (ColumnRole.NAME, ColumnRole.TEXT) for c in table.columns):
        return []
    text_of = dict(content)
    out = []
    for row in table.rows:
        held = "".join(cell.text for cell in row).replace(" ", "")
        lines = sorted({k for cell in row for k in cell.lines})
        lost = next((w for k in lines for w in _WORD_RUN.findall(text_of.get(k, "").replace(" ", "")) if w not in held), None)
        if lost is not None:
            out.append(lost)
    return out if len(out) >= 3 and len(out) * 10 >= len(table.rows) else []


MANY_UNREAD = 3      # figures (or codes) a table's lines print, none read, that tell a misreading
MANY_LABELS_UNREAD = 2      # rows' numbered labels printed and held by no cell (a list's `一、` is no stray word)


def _figures_unread(content: list[tuple[int, str]]) -> str:
    """Why a table read without a figure was misread, where its lines tell: they print sums of
    money (with decimals; rejoined where a line cut them) that no cell holds, or rows' codes
    and no figure at all (its figures were read apart from it: a table printed empty lists no
    rows)."""
    tokens = [token for _, token in stream_tokens(content)]
    if (figures := sum(bool(DECIMAL_FIGURE.fullmatch(t.replace(",", ""))) for t in tokens)) >= MANY_UNREAD:
        return (f"none of the {figures} figures its lines print stands in a cell: the table was likely misread "
                "whole; check it against the source")
    if not figures and (codes := sum(bool(LINE_CODE.match(t)) for t in tokens)) >= MANY_UNREAD:
        return (f"its lines print {codes} rows' codes and no figure: its figures were likely read apart from it "
                "(into the table after it); check it against the source")
    return ""


def _labels_unread(table: Table, content: list[tuple[int, str]]) -> str:
    """Why a table was misread, where its lines tell: they print rows' labels numbered as a list
    numbers them (`一、一般公共服务支出`) that no cell holds (a template printed empty still names
    its rows; a text setting a summary's columns one after another prints its labels apart
    from their figures, which the reading pairs with the last of them)."""
    labels = [t for _, line in content for t in line_tokens(line) if LIST_NUMBER.match(t) and not is_amount(t)]
    if len(labels) < MANY_LABELS_UNREAD:
        return ""
    held = "\n".join([cell.text.replace(" ", "") for row in table.rows for cell in row] +
                     [c.leaf for c in table.columns])     # (a label read as a column's name: doubted for that)
    if len(labels := [t for t in labels if t not in held]) < MANY_LABELS_UNREAD:
        return ""
    return (f"its lines print {len(labels)} rows' labels that stand in no cell ({labels[0]}): its rows were likely "
            "read away; check it against the source")


def _figures_left_out(table: Table, content: list[tuple[int, str]]) -> int:
    """How many sums of money the lines of the table's rows print that no cell holds, where
    they are a tenth of those printed or more (three at least), or half of them (two at least,
    a small table's): a reading with fewer amount columns than the rows print (a summary's
    本年预算 编制预算 上年结转 under each panel read as one) drops them without a word."""
    lines = {k for row in table.rows for cell in row for k in cell.lines}
    printed = Counter(Decimal(t) for k, line in content if k in lines      # (by value: `0.0` is held as 0.00)
                      for t in (token.replace(",", "") for token in line.split()) if DECIMAL_FIGURE.fullmatch(t))
    missing = sum((printed - _held_sums(table)).values())
    total = sum(printed.values())
    return missing if (missing >= 3 and missing * 10 >= total) or (missing >= 2 and missing * 2 >= total) else 0


def _figures_alone_in_no_cell(table: Table, content: list[tuple[int, str]]) -> list[str]:
    """The sums of money printed alone on lines among a table's rows (a fragment a line) that
    no cell holds, by value: where reading order printed a row's figure out of its place (plain
    pdftotext puts 住房公积金's 539.87 after the page's last row) the reading loses it."""
    held = {k for row in table.rows for cell in row for k in cell.lines}
    if not held:
        return []
    first = min(held)
    printed = Counter(Decimal(t) for k, line in content if first < k and k not in held
                      and DECIMAL_FIGURE.fullmatch(t := line.strip().replace(",", "")))
    return [f"{value:f}" for value in sorted((printed - _held_sums(table)).elements())]


def _fill_named_indicator_grid(table: Table, lines: list[tuple[int, str]], context: Context) -> None:
    """A form's ruled grid naming each indicator in a column (`forms.named_indicator_header`),
    its header printed again atop each page: each page's part read as ruled, without the
    columns its ruling leaves empty (a merged header cell ruled into pieces), and the parts'
    rows laid under the first's columns where every part keeps as many (a grid printed empty
    keeps its header); else the grid read as one, doubted."""
    starts = [i for i, (_, line) in enumerate(lines) if names_indicators(line)]
    parts = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        part = replace(table, columns=[], rows=[], notes=[], facts={}, grids=[])
        _fill_tab_grid(part, lines[start:end], catalog.OTHER, context.ruled, context.year,
                       body_from=lines[start + 1][0] if start + 1 < end else None)      # (rows of small figures)
        kept = [j for j, c in enumerate(part.columns) if c.text or any(j < len(row) and row[j].text for row in part.rows)]
        parts.append((part, kept))
    first, kept = parts[0]
    if any(len(others) != len(kept) for _, others in parts):
        _fill_tab_grid(table, lines, catalog.OTHER, context.ruled, context.year,
                       body_from=lines[1][0] if len(lines) > 1 else None)
        table.add_doubt("the indicator grid's pages print their columns otherwise: which column a page's cells "
                        "stand in was not told; check the columns against the source", of_columns=True)
        return
    table.header_lines, table.columns = first.header_lines, [first.columns[j] for j in kept]
    table.rows = [[row[j] if j < len(row) else EMPTY for j in others] for part, others in parts for row in part.rows]


def _form_read_as_plain_grid(table: Table, content: list[tuple[int, str]], context: Context, layout: str) -> None:
    """A form whose layout the form reader does not know: its lines read as a plain grid (a
    ruled one as its cells stand), doubted."""
    plain = replace(table, facts={}, grids=[], columns=[], rows=[], notes=[])
    if layout == "tab":
        _fill_tab_grid(plain, content, catalog.OTHER, context.ruled, context.year)
    else:
        _fill_token_grid(plain, content, catalog.OTHER, context, layout)
        if layout == "space" and context.printed is not None:
            _read_by_space_columns(plain, content, catalog.OTHER, context.printed, context.year)
    if plain.rows:
        # (a ruled grid's cells stand where the page's cells start: only the lines of a text
        # without its rules print a merged cell's text at its rows' middle)
        table.facts, table.grids, table.columns, table.rows, table.header_lines = {}, [], plain.columns, \
            plain.rows if layout == "tab" else _merged_cells_raised(plain.rows), plain.header_lines
        table.add_doubt("the form's layout is not one the reader knows; its lines were read as a plain grid")


def _merged_cells_raised(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A form's grid read plainly, where the page centres each merged cell's text on its rows (a
    project's code, name, amount and goal beside its indicators; a level beside its own): each
    such text moved to the first of its rows, where the merged cell starts, and rows left empty
    dropped. Column by column from the left, the rows part into frames where a column before
    starts a block; a frame's rows part into one block per text the column prints in it, each
    text at its block's middle (`centred_blocks`). Total rows stand alone. A grid where no row
    prints cells after a column above the column's first text in its frame (an indicator above
    its level's name) keeps its cells where they are: merged cells printed at their top."""
    width = max(map(len, rows))
    grid = [list(row) + [EMPTY] * (width - len(row)) for row in rows]

    def frames(j: int) -> list[list[int]]:
        out: list[list[int]] = []
        for r, row in enumerate(grid):
            if any(catalog.TOTAL_LABELS.match(cell.text) for cell in row):
                out.append([])      # (a total row is no block's and parts the frames around it)
            elif not out or any(cell.text for cell in row[:j]):
                out.append([r])
            else:
                out[-1].append(r)
        return [frame for frame in out if frame]

    def orphaned(j: int, frame: list[int]) -> bool:
        """Whether rows of the frame before the column's first text print cells after it."""
        first = next((n for n, r in enumerate(frame) if grid[r][j].text), 0)
        return any(cell.text for r in frame[:first] for cell in grid[r][j + 1:])
    if not any(orphaned(j, frame) for j in range(width) for frame in frames(j)):
        return rows
    for j in range(width):
        for frame in frames(j):
            texts = [(float(n), grid[r][j].text) for n, r in enumerate(frame) if grid[r][j].text]
            ends = centred_blocks(len(frame), texts)
            for start, (at, _) in zip([0, *ends], texts):
                if start < len(frame) and start != int(at):
                    grid[frame[start]][j], grid[frame[int(at)]][j] = grid[frame[int(at)]][j], EMPTY
        grid = [row for row in grid if any(cell.text for cell in row)]
    return grid


def _coded_names(table: Table) -> Iterator[tuple[int, str, str]]:
    """Each row's classification code (three digits or more; its 类/款/项 parts joined) and
    name, in each panel (a panel: the columns from one code column to the next), with the
    panel's number."""
    for panel, (start, end) in enumerate(table.panel_spans()):
        codes = [j for j in range(start, end) if table.columns[j].role in (ColumnRole.CODE, ColumnRole.CODE_PART)]
        name = next((j for j in range(start, end) if table.columns[j].role == ColumnRole.NAME), None)
        if name is None:
            continue
        for row in table.rows:
            code = "".join(row[j].text for j in codes if j < len(row)).replace(" ", "")
            if len(code) >= 3 and code.isdigit():
                yield panel, code, row[name].text if name < len(row) else ""


MAX_CODE_DIGITS = 7      # the longest classification code (2080201)
MIN_CODE_DIGITS = 3      # the shortest code that opens others (a 类: 201; a unit: 119)
SUBCLASS_CODE_DIGITS = (5, 7)       # a 款's code and a 项's (a unit's, 125001, is no class's part)


def _codes_run_together(table: Table) -> list[str]:
    """The codes of a classification longer than any of its codes: several rows' codes read as one."""
    return [code for _, code, _ in _coded_names(table) if len(code) > MAX_CODE_DIGITS]


PAGE_NUMBER_DIGITS = 3     # a page's number at most


def _codes_after_a_page_number(table: Table) -> list[str]:
    """The codes longer than all the table's others, whose 类 it prints no row of, but which, less a
    page's number of digits before them, stand under a 类 it prints (`1830103` among 301, 30101 …: a
    text sorted by place set the page's number `18` before the next page's first code). Codes longer
    than any classification's are `_codes_run_together`'s."""
    codes = [code for _, code, _ in _coded_names(table)]
    classes = {code for code in codes if len(code) == MIN_CODE_DIGITS}
    lengths = Counter(len(code) for code in codes)
    return [code for code in codes if lengths[len(code)] == 1 and len(code) == max(lengths) <= MAX_CODE_DIGITS and
            code[:MIN_CODE_DIGITS] not in classes and
            any(code[n:n + MIN_CODE_DIGITS] in classes and len(code) - n > MIN_CODE_DIGITS
                for n in range(1, PAGE_NUMBER_DIGITS + 1))]


def _opens_below_its_class(table: Table) -> str:
    """The first coded row of a table's first panel where it is a 款 or 项 (a code longer than a
    类's) whose 类 the table prints no row of before it, while later rows are 类 of their own;
    else ""."""
    codes = [(code, name) for panel, code, name in _coded_names(table) if panel == 0]
    if not codes or len(codes[0][0]) not in SUBCLASS_CODE_DIGITS:
        return ""
    first, name = codes[0]
    later_classes = [code for code, _ in codes[1:] if len(code) == MIN_CODE_DIGITS]
    return f"{first} {name}" if later_classes and first[:MIN_CODE_DIGITS] not in later_classes else ""


REPEATED_RUN = 6       # characters of a label printed twice that tell two labels run together
LONGEST_NAME = 60       # characters of a row's label at most (longer: a description's sentences)


def _labels_printing_a_run_twice(table: Table) -> list[str]:
    """The rows' labels that print a run of words twice (`广州市第四次全国农业普查经费广州市第四次全国农业`):
    no name does but a project's after a dash, naming its part in the project's words (`生均公用经费及运转
    补助-…生均公用经费`); one label and the head of the next row's wrapped one were read as one."""
    label = table.label_column()
    return [text for row in table.rows if label < len(row) and len(text := row[label].text) < LONGEST_NAME
            and any(_repeats_a_run(part) for part in NAME_PARTS.split(text))]


NAME_PARTS = re.compile(r"[-—－]")      # a project's name and its part's (`…项目-2026年度…检查项目`)


def _repeats_a_run(text: str) -> bool:
    """Whether `text` prints a run of REPEATED_RUN characters twice, four of them Chinese."""
    seen: set[str] = set()
    for i in range(len(text) - REPEATED_RUN + 1):
        run = text[i:i + REPEATED_RUN]
        if run in seen and len(CJK.findall(run)) >= 4:
            return True
        seen.add(run)
    return False


def _words_cut_inside_brackets(table: Table) -> list[str]:
    """The rows' words that open a bracket they do not close or close one they did not open
    (`广州市统计监测中心（广州`, `市统计发展中心）`): no label or goal prints one, so a cell wrapped inside its
    brackets was cut between rows the joining could not tell."""
    words = [j for j, c in enumerate(table.columns) if c.role in (ColumnRole.NAME, ColumnRole.TEXT)]
    return [text for row in table.rows for j in words if j < len(row) and brackets_unpaired(text := row[j].text)]


def _labels_of_figures(table: Table) -> list[str]:
    """The rows' labels, in a column of names, that no name prints: digits alone, longer than
    any classification code (a whole-元 row's figures run together and read as its code), or
    digits around a thousands separator (`3,4`, `,02`: the pieces of a figure a font with
    broken metrics printed a line apart each)."""
    j = table.label_column()
    if j >= len(table.columns) or table.columns[j].role != ColumnRole.NAME:
        return []
    labels = [row[j].text for row in table.rows if j < len(row)]
    return [text for text in labels if (digits := text.replace(",", "").replace(".", "")).isdigit()
            and (len(digits) > MAX_CODE_DIGITS or "," in text)]


NAMED_SHARE = 2 / 3       # rows of a list that print their names, at least, for it to name every row
MIN_NAMED_ROWS = 3        # rows of a list, at least, for that share to tell


def _figures_without_a_name(table: Table) -> list[str]:
    """The first figures of the rows after the first that print no name (in no column of names
    before the figures) in a list without codes whose rows mostly print theirs: a project's
    name wrapped over lines beside a goal wrapped over more is read into the rows around it
    (`广州市国资委2025-广州市国资委2026-` above a row of figures alone)."""
    amounts = [j for j, c in enumerate(table.columns) if c.role == ColumnRole.AMOUNT]
    # (one column of words before the figures, and no names after them: a list, not panels side
    # by side, whose last rows name nothing on one side)
    names = [j for j, c in enumerate(table.columns) if c.role in (ColumnRole.NAME, ColumnRole.TEXT)
             and amounts and j < amounts[0]]
    if len(names) != 1 or any(c.role == ColumnRole.NAME for c in table.columns[amounts[0]:]) or \
            table.code_columns() or len(table.rows) < MIN_NAMED_ROWS:
        return []
    nameless = [row for row in table.rows[1:] if not (names[0] < len(row) and row[names[0]].text)]
    if len(nameless) > len(table.rows) * (1 - NAMED_SHARE):
        return []
    return [figure.text for row in nameless if (figure := next((c for c in row if c.value is not None), None))]


FIGURE_HEAD_IN_LABEL = re.compile(f"{HAN}(\\d+)({HAN})$")      # `…服务保障中18心` glued to `39311.66`


def _labels_holding_a_figures_head(table: Table, content: list[tuple[int, str]]) -> list[str]:
    """The rows' labels that end with digits before their last character and print glued to
    a figure on their line (`西安市人工影响天气服务保障中18心39311.66`): a text that lays
    characters out by place put the figure's head (18) inside the label's last word, and its
    rest (39311.66) reads as the figure."""
    j = table.label_column()
    if j >= len(table.columns) or table.columns[j].role != ColumnRole.NAME:
        return []
    printed = dict(content)
    return [row[j].text for row in table.rows if j < len(row) and FIGURE_HEAD_IN_LABEL.search(row[j].text) and
            any(re.search(re.escape(row[j].text) + r"\d", printed.get(k, "")) for k in row[j].lines)]


def _labels_ending_column_names(table: Table, content: list[tuple[int, str]]) -> list[str]:
    """The rows' labels that end a column's name whose head the header prints as a piece of its
    own (`“三公”经` / `费合计`): a header cell wrapped over two lines, its tail read as a row."""
    if table.header_lines is None:
        return []
    first, last = table.header_lines
    pieces = {t for k, line in content if first <= k <= last for t in line.split()}
    j = table.label_column()
    names = [c.leaf.replace(" ", "") for c in table.columns if not c.holds_words]
    # (a label of one character may be the end of the row's own name wrapped, `…支` / `出`; 合计
    # ends 本年收入合计 and is a row's all the same)
    return [label for row in table.rows if j < len(row) and len(label := row[j].text.replace(" ", "")) >= 2
            and label not in TOTAL_WORDS
            and any(name != label and name.endswith(label) and name[:-len(label)] in pieces for name in names)]


def _labels_naming_columns(table: Table) -> list[str]:
    """The rows' labels, in a table's one column of words, that are the name of a column of
    figures (a unit's row labelled 公务接待费): header cells a reading order printed among the
    rows. (A summary's panels list what its other panel's columns name: not such a table.)"""
    j = table.label_column()
    if j >= len(table.columns) or table.columns[j].role != ColumnRole.NAME or \
            sum(c.holds_words for c in table.columns) > 1:
        return []
    leaves = {leaf for c in table.columns if not c.holds_words
              for leaf in (c.leaf, *c.template[-1:]) if len(leaf) >= 4}       # (as printed, or the template's)
    return [row[j].text for row in table.rows if j < len(row) and row[j].text in leaves]


def _rows_holding_two_rows_figures(table: Table) -> list[str]:
    """The labels of rows whose figures, under a table's one total and its parts, are two rows'
    (placement's `two_rows_of_totals`): the next row's figures read into this one."""
    amounts = _headed_amounts(table)
    totals = [j for j in amounts if catalog.TOTAL_LABELS.match(table.columns[j].leaf)]
    if not amounts or totals != amounts[:1]:
        return []       # (a table printing two periods' or two panels' totals side by side holds two halves)
    return _row_labels(table, [r for r, row in enumerate(table.rows) if two_rows_of_totals(
        [v for j in amounts if j < len(row) and (v := row[j].value) is not None])])


def _codes_read_as_figures(table: Table) -> list[str]:
    """The figures that read as a code of the table's: a whole number, where most figures
    print decimals, that opens codes its code column prints (`119` of `119001`, the unit's
    own code printed away from its row, as plain pdftotext may) or is a sibling of one, its
    length and its parent's digits (`30108` beside `30101`: a row's code printed apart from its
    name, as pdfminer sets a wrapped name's head before it); or, a code printed in parts (类 款
    项), a 类 its column prints or a part opening with a zero (`201` `03` `99` after a wrapped
    name, as PyMuPDF's sorted text prints it)."""
    code_cols = [j for j, c in enumerate(table.columns) if c.role == ColumnRole.CODE]
    part_cols = [j for j, c in enumerate(table.columns) if c.role == ColumnRole.CODE_PART]
    codes = {row[j].text for row in table.rows for j in code_cols if j < len(row) and row[j].text.isdigit()}
    classes = {row[j].text for row in table.rows for j in part_cols[:1] if j < len(row) and row[j].text.isdigit()}
    figures = [row[j].text for row in table.rows for j, c in enumerate(table.columns)
               if c.role == ColumnRole.AMOUNT and j < len(row) and row[j].text]
    if not (codes or classes) or sum("." in f for f in figures) * 2 <= len(figures):
        return []
    return [f for f in figures if f.isdigit() and (
        (part_cols and (f in classes or (len(f) == 2 and f[0] == "0"))) or
        (len(f) >= MIN_CODE_DIGITS and any(code != f and (code.startswith(f) or
                                                         (len(code) == len(f) and code[:-2] == f[:-2]))
                                           for code in codes)))]


ITEM_NUMBER = re.compile(r"(?<!\d)\d{1,2}、|[一二三四五六七八九十]+、|[（(](?:\d{1,2}|[一二三四五六七八九十]+)[)）]")


def _cells_numbering_one_item_twice(table: Table) -> list[str]:
    """The cells of words that print one item's number twice (`1、一般公共服1、人员经费和1、机关工资福`):
    a label, or a list in a description, numbers each item once; panels' labels side by side
    were read as one cell (in whatever column a header so misread gave them). Where two cells
    do or more."""
    # (most cells, figures among them, print no mark an item's number ends with: passed over first)
    twice = [text for row in table.rows for cell in row if ("、" in (text := cell.text) or "）" in text or ")" in text)
             and len(numbers := ITEM_NUMBER.findall(text)) > len(set(numbers))]
    return twice if len(twice) >= 2 else []


def _columns_named_as_list_numbers(table: Table) -> list[str]:
    """The columns named as a list numbers its rows (`一、`, `（二）`), where two are or more."""
    numbered = [c.leaf for c in table.columns if LIST_NUMBER.match(c.leaf)]
    return numbered if len(numbered) >= 2 else []


def _columns_of_figures_named_alike(table: Table) -> list[str]:
    """The names two columns of figures, each holding some, share with no column of words
    between them (a panel's label opens each panel): the groups that tell them apart were lost
    (`合计 … 合计` under `2025年预算数` and `2026年预算数`)."""
    seen: set[tuple[str, ...]] = set()
    alike = []
    for j, column in enumerate(table.columns):
        if column.holds_words:
            seen = set()
        elif column.role in catalog.FIGURE_ROLES and any(j < len(row) and row[j].text for row in table.rows):
            # (a column every row leaves empty is a ruling's spacer, named by its group alone)
            path = tuple(unicodedata.normalize("NFKC", part) for part in column.path if part)
            if path and path in seen:       # (a column without a name is named alike with none)
                alike.append(column.text)
            seen.add(path)
    return alike


def _columns_mixing_rates_and_amounts(table: Table) -> list[str]:
    """The columns of figures holding both percentages and plain amounts (`95.79%` under
    `实际执行`, beside `5974.00`): a printed column holds one or the other."""
    mixed = []
    for j, column in enumerate(table.columns):
        if column.role in catalog.FIGURE_ROLES:
            figures = [row[j].text for row in table.rows if j < len(row) and parse_amount(row[j].text) is not None]
            if 0 < sum(text.endswith(PERCENT_SIGNS) for text in figures) < len(figures):
                mixed.append(column.text)
    return mixed


Misreading = tuple[Callable[[Table, list[tuple[int, str]]], list[str]], str, str, bool]
# What a grid's cells show of a misreading: the cells (or columns) that show it, what they are,
# what likely happened, and whether the doubt is of the columns
_MISREADINGS: tuple[Misreading, ...] = (
    (lambda table, _: _labels_of_figures(table), "row label(s) are made of figures",
     "figures were likely read as labels", False),
    (lambda table, _: _labels_printing_a_run_twice(table), "row label(s) print a run of words twice",
     "two rows' labels were likely read as one", False),
    (_labels_holding_a_figures_head, "row label(s) end with digits inside their last word, glued to a figure",
     "a figure's head was likely read into the label, its rest as the figure", False),
    (lambda table, _: _words_cut_inside_brackets(table), "cell(s) of words hold a bracket without its pair",
     "a cell wrapped over lines was likely cut between rows", False),
    (lambda table, _: _cells_numbering_one_item_twice(table), "cell(s) of words print one item's number twice",
     "several panels' labels were likely read as one cell", True),
    (lambda table, _: _columns_named_as_list_numbers(table), "columns are named as a list numbers its rows",
     "rows' labels were likely read as the header's", True),
    (lambda table, _: _columns_of_figures_named_alike(table), "column(s) of figures repeat the name of another beside them",
     "the header's groups were likely lost", True),
    (lambda table, content: _labels_naming_columns(table) or _labels_ending_column_names(table, content),
     "row label(s) name a column of figures", "header cells were likely read as rows", False),
    (lambda table, _: _labels_running_past_a_total(table), "row label(s) run on past a total's word",
     "several rows' labels were likely read as one", False),
    (lambda table, _: _rows_holding_two_rows_figures(table), "row(s) hold two rows' figures, each a total and its part",
     "a row's figures were likely read into the row above", False),
    (lambda table, _: _codes_read_as_figures(table), "figure(s) read as one of the table's codes",
     "a row's code printed apart from it was likely read as a figure", True),
    (lambda table, _: _columns_mixing_rates_and_amounts(table), "column(s) of figures hold both percentages and amounts",
     "figures were likely read a column off", True),
    (lambda table, _: _figures_without_a_name(table), "row(s) of a list naming its rows print figures and no name",
     "a name wrapped over lines was likely read into the rows around it", False),
)


def _codes_without_names(table: Table) -> int:
    """How many rows print a classification code without its name. No classification table
    prints a code alone; a reading that does put the names elsewhere."""
    return sum(not name for _, _, name in _coded_names(table))


def _codes_of_two_names(table: Table) -> int:
    """How many codes a classification prints for rows of different names: each of its
    subjects has a code of its own; a reading that repeats one read the codes out of order."""
    names: dict[tuple[int, str], set[str]] = {}
    for panel, code, name in _coded_names(table):
        if name:
            names.setdefault((panel, code), set()).add(name)
    return sum(len(found) > 1 for found in names.values())


def _group_labels_apart(table: Table, content: list[tuple[int, str]]) -> None:
    """A list of items in groups, each group's name in a cell merged down its rows beside the
    items and each group opening with its 小计 (Jiangsu's 收入预算总表: `一般公共预算资金` over
    小计, 公共财政拨款（补助）资金, 专项收入), read a line a row into one label column: a group's
    name printed on an item's line before the item's own, or alone on a line between the
    group's items, at their middle (a line per printed row centres it), is a column of its
    own, the name on its group's first row, as the ruled table prints it. Nothing changes
    unless every group (from one 小计 to the next) shows exactly one name so."""
    label_cols = [j for j, c in enumerate(table.columns) if c.holds_words]
    if label_cols != [0] or len(table.columns) < 2:
        return
    words_of = dict(content)
    pairs = []      # (group name printed on the row's line, the row's own label)
    for row in table.rows:
        label = row[0]
        words = [t for t in words_of.get(label.lines[0], "").split() if not is_amount(t)] if len(label.lines) == 1 else []
        pairs.append((words[0], words[1]) if len(words) == 2 and words[0] + words[1] == label.text else ("", label.text))
    starts = [r for r, (_, item) in enumerate(pairs) if SUBTOTAL.match(item)]
    if len(starts) < 2 or not any(group for group, _ in pairs):
        return
    group_of: dict[int, str] = {}       # a group's first row → its name
    alone: set[int] = set()             # rows that are a group's name alone on its line
    for start, end in zip(starts, starts[1:] + [len(pairs)]):
        end = next((r for r in range(start + 1, end) if catalog.TOTAL_LABELS.match(pairs[r][1])), end)
        named = [group for group, _ in pairs[start:end] if group]
        middle = start + (end - start - 1) // 2     # a name alone: as many items after it as before
        if len(named) == 1:
            group_of[start] = named[0]
        elif not named and (end - start - 1) % 2 == 0 and end - start > 2 and \
                not any(c.text for c in table.rows[middle][1:]):
            group_of[start] = pairs[middle][1]
            alone.add(middle)
        else:
            return
    item_column = Column(("",), ColumnRole.NAME)
    group_column = replace(table.columns[0], role=ColumnRole.TEXT)
    rows = []
    for r, (row, (_, item)) in enumerate(zip(table.rows, pairs)):
        if r in alone:
            continue
        group = group_of.get(r, "") if r >= starts[0] else row[0].text
        lines = row[0].lines
        rows.append([Cell(group, lines), Cell(item if r >= starts[0] else "", lines,
                                              row[0].inferred if r >= starts[0] else "")] + row[1:])
    table.columns = [group_column, item_column, *table.columns[1:]]
    table.rows = rows


def _drop_column_numbers(table: Table) -> None:
    """The column numbers printed again under the header of a continuation page, one per line
    in reading order (`1` `2` … `7`), read as a row (beside a header word or the unit line
    that reading order printed there): its figures the numbers 1, 2, 3 … in order, printed
    without decimals; or the header's numbers after its first columns', printed after the rows
    (`4 5 6 7`, then `8`): three numbers or more running on, and the rows right after that
    go on counting. No row of a budget prints so; those rows are dropped."""
    amount_cols = [j for j, c in enumerate(table.columns) if not c.holds_words]
    kept: list[list[Cell]] = []
    last: int | None = None        # the number the rows dropped last ended at
    for row in table.rows:
        figures = [row[j].text for j in amount_cols if j < len(row) and row[j].text]
        counted = [int(f) for f in figures] if figures and all(COLUMN_NUMBER.fullmatch(f) for f in figures) else []
        running = bool(counted) and counted == list(range(counted[0], counted[0] + len(counted)))
        if numbers_columns(figures) or (running and (len(counted) >= 3 or (last is not None and counted[0] == last + 1))):
            last = counted[-1]
            continue
        last = None
        kept.append(row)
    table.rows = kept


COLUMN_NUMBER = re.compile(r"[1-9]\d?")


def _bracketed_labels_joined(table: Table) -> None:
    """A label wrapped inside its brackets, read as pieces in two rows, made one again: the head
    alone on its line above the rest printed with the row's figures (`广州市统计监测中心（广州市统计发展`
    / `中心） 1,361.71 …`) goes down to the row's label; the end printed on the next row's line
    before its own label (`购买服务（审计、绩效、ppp项目评` / `价）内审服务`), or on a line of its own
    (`广州市统计监测中心（广` / `州市统计发展中心）`), goes back up, to the bracket it closes."""
    label = table.label_column()
    amounts = _headed_amounts(table)
    r = 0
    while r + 1 < len(table.rows):
        row, after = table.rows[r], table.rows[r + 1]
        head, tail = row[label].text if label < len(row) else "", after[label].text if label < len(after) else ""
        end = CLOSES_FIRST.match(tail) if head and opens_bracket(head) else None
        if end is not None and not opens_bracket(head + tail) and \
                not any(cell.text for j, cell in enumerate(row) if j != label) and \
                any(j < len(after) and after[j].value is not None for j in amounts):
            after[label] = Cell(head + tail, row[label].lines + after[label].lines, "joined from fragments")
            del table.rows[r]
            continue
        r += 1
        if end is None or LIST_CLOSE.match(tail) or opens_bracket(head + end.group()):
            continue
        rest = tail[end.end():].strip()
        if not rest and any(cell.text for j, cell in enumerate(after) if j != label):
            continue        # (an end with figures of its own, under a head with figures, is its row's label)
        row[label] = Cell(head + end.group(), row[label].lines + after[label].lines, "joined from fragments")
        if rest:
            after[label] = replace(after[label], text=rest)
        else:
            del table.rows[r]


def _drop_header_again(table: Table) -> None:
    """Rows that print the header's names again, each in its own column (two at least, no other
    cell): the header repeated on a continuation page, read as a row by a reader that does not
    know the header's words."""
    leaves = [squash(c.leaf) for c in table.columns]
    table.rows = [row for row in table.rows
                  if not (sum(bool(c.text) for c in row) >= 2 and
                          all(not c.text or (j < len(leaves) and squash(c.text) == leaves[j]) for j, c in enumerate(row)))]


CUT_FIGURE = re.compile(r"^-?\d+\.\d$")      # a figure cut after its first decimal
CUT_TAIL = re.compile(r"^\d$")


def _cut_figures_rejoined(table: Table) -> None:
    """A figure cut at its cell's width, its last digit printed on the row's wrapped line below
    beside the end of its name (`深圳市科技创新局（本 985,764.9` … `级） 0`), read as a row of
    its own: where a table prints its figures with two decimals, a row holding one digit alone
    under a figure of one decimal just above is that figure's end, and its words the end of the
    row's labels."""
    figures = [c.text for row in table.rows for c in row if c.value is not None]
    if sum(bool(TWO_DECIMALS.match(t)) for t in figures) * 10 < len(figures) * 9:
        return      # (a table printing figures of one decimal or none: no figure was cut)
    rows = table.rows
    r = 1
    while r < len(rows):
        above, row = rows[r - 1], rows[r]
        figured = [j for j, c in enumerate(row) if c.value is not None]
        if len(figured) == 1 and CUT_TAIL.match(row[figured[0]].text) and CUT_FIGURE.match(above[figured[0]].text):
            j = figured[0]
            head, tail = above[j], row[j]
            above[j] = Cell(head.text + tail.text, head.lines + tail.lines, "joined from fragments")
            for c, cell in enumerate(row):
                if c != j and cell.text:
                    above[c] = Cell(above[c].text + cell.text, above[c].lines + cell.lines, "joined from fragments")
            del rows[r]
            continue
        r += 1


def _drop_repeated_totals(table: Table) -> None:
    """A 合计 row printed again at the top of a continuation page, figure for figure, is the
    same row: the repeat is dropped."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for row in table.rows:
        key = tuple(c.text for c in row)
        if key in seen and any(catalog.TOTAL_LABELS.match(c.text) for c in row if c.text):
            continue
        seen.add(key)
        kept.append(row)
    table.rows = kept


def _judge_recoverable(table: Table, src: SourceText) -> None:
    """A header shattered into single characters cannot be read back: the columns are the
    template's guess and the cells' places unsure, so the table is marked unrecoverable."""
    if not table.header_lines:
        return
    first, last = table.header_lines
    tokens = [t for k in range(first, last + 1) for t in split_tokens(src.norm[k - 1])]
    if single := _shattered(tokens):
        table.recoverable = False
        table.notes.append(f"the header was broken into single characters ({single} of {len(tokens)} "
                           "fragments); columns follow the standard template and need checking")


def _shattered(tokens: Sequence[str]) -> int:
    """How many of a header's pieces are single characters, where they are half of twenty or
    more (a header cut to pieces, whose words cannot be read back); else 0."""
    single = sum(len(t) == 1 for t in tokens)
    return single if len(tokens) >= 20 and single * 2 >= len(tokens) else 0


def _restore_printed(table: Table, src: SourceText, title_lines: tuple[int, ...]) -> None:
    """Labels were read from the normalised view; show them as printed (（一）, not (一))."""
    folded: dict[tuple[int, ...], PrintedLines] = {}     # cells of a line share its folding
    for row in table.rows:
        for j, cell in enumerate(row):
            if cell.text and cell.value is None and src.folded_lines.intersection(cell.lines):
                lines = folded.get(cell.lines) or folded.setdefault(cell.lines, PrintedLines(src, cell.lines))
                shown = lines.of(cell.text)
                if shown != cell.text:
                    row[j] = replace(cell, text=shown)
    if table.header_lines:     # header text as printed (项目（按功能分类）), catalogue paths as they are
        head = PrintedLines(src, tuple(range(table.header_lines[0], table.header_lines[1] + 1)))
        printed = [tuple(head.of(part) for part in c.path) for c in table.columns]
        table.columns = [c if path == c.path else Column.of(path) for c, path in zip(table.columns, printed)]
    if table.facts or table.grids:
        span = PrintedLines(src, tuple(range(table.first_line, table.last_line + 1)))
        table.facts = {span.of(key): span.of(value) for key, value in table.facts.items()}
        table.grids = [FormGrid(span.of(g.block), tuple(span.of(c) for c in g.columns),
                                tuple(GridRow(span.of(r.group), span.of(r.label), tuple(span.of(v) for v in r.values))
                                      for r in g.rows)) for g in table.grids]
    if table.title_printed:
        table.title = printed_text(src, title_lines, table.title)


NOTHING_TO_SHOW = re.compile(r"^(无|此表为空|本表为空|空表)$")     # the one row of a table without figures


def _is_body_cells(cells: list[str]) -> bool:
    vals = [c.strip() for c in cells if c.strip()]
    if not vals:
        return False
    if is_column_number_row(cells):
        return False
    if any(parse_amount(v) is not None and not is_short_number(v) for v in vals):
        return True
    first = squash(vals[0])
    if CODE.match(first) or (len(vals) == 1 and NOTHING_TO_SHOW.match(first)):
        return True
    if catalog.TOTAL_LABELS.match(first):
        # `合计` alone (an empty table's total row), not `合计 因公出国(境)费 公务接待费 …` (a header)
        return len(vals) <= 2
    return bool(re.match(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．]|其中)", first))


Cover = tuple[int, int, str]      # a header cell: first column, last column, text


def _header_cover(rows: list[list[str]], ncols: int) -> list[list[Cover | None]]:
    """For each header row and column, the printed cell covering it. A cell printed once in
    its first column spans the empty cells to its right while it heads cells below them
    (a group header), up to a column headed on a line above its own (a leaf centred down the
    header, printed on its first line: no group's member); a cell with nothing below it is a
    leaf that spans down."""
    cover: list[list[Cover | None]] = []
    for i, r in enumerate(rows):
        line: list[Cover | None] = [None] * ncols

        def below(k: int, i: int = i) -> bool:
            return any(rows[x][k] for x in range(i + 1, len(rows)))
        j = 0
        while j < ncols:
            if not r[j]:
                j += 1
                continue
            run = j + 1
            while run < ncols and not r[run] and not any(rows[x][run] for x in range(i)):
                run += 1
            end = max([k for k in range(j + 1, run) if below(k)], default=j) if below(j) else j
            for k in range(j, end + 1):
                line[k] = (j, end, r[j])
            j = end + 1
        cover.append(line)
    return cover


def _header_paths(header_rows: list[list[str]], ncols: int) -> list[Column]:
    """A column per printed column, its path from the header rows (a cell printing `数量/台`
    is one level). A cell with exactly one cell below it over
    the same columns is one cell whose text wrapped (功能分类 / 科目编码 → 功能分类科目编码),
    not a group and its member, unless it repeats the text above (支出 / 支出用途: a wrap
    never prints its first line again)."""
    rows = [[squash(c) for c in r] + [""] * (ncols - len(r)) for r in header_rows]
    cover = _header_cover(rows, ncols)
    paths = []
    for j in range(ncols):
        parts: list[str] = []
        last: Cover | None = None
        for line in cover:
            cell = line[j]
            if cell is None:
                continue
            if last is not None and (cell[0], cell[1]) == (last[0], last[1]) and parts \
                    and not cell[2].startswith(parts[-1]):
                parts[-1] += cell[2]
            elif not parts or parts[-1] != cell[2]:
                parts.append(cell[2])
            last = cell
        paths.append(Column.of(parts))
    return paths


def _level_row(header: list[list[str]], body: list[tuple[int, list[str]]], ncols: int,
               ruled: bool) -> list[str] | None:
    """The 类/款/项 words over the code columns, when the body prints its codes split over
    them (201 | 06 | 01): they are the leaves of the code header. Printed in a header row
    (`类 款 项 栏次 1 2`) or in the first body row's code cells (`类 款 项 合计 2,946.25`,
    where they are taken out of the row). None when the codes are printed whole, or when
    the table has no coded row to tell and its cells are not ruled."""
    level = [""] * ncols
    for cells in header:
        for j, c in enumerate(cells):
            if squash(c) in CODE_PARTS:
                level[j] = squash(c)
    if not any(level) and body:
        cells = body[0][1]
        lead = [j for j, c in enumerate(cells) if c.strip()][:3]
        if lead and all(squash(cells[j]) in CODE_PARTS for j in lead):
            for j in lead:
                level[j] = squash(cells[j])
                cells[j] = ""
    parts = [j for j, w in enumerate(level) if w in ("款", "项")]
    coded = [cells for _, cells in body if any(CODE.match(squash(c)) for c in cells[:3])]
    split = any(re.fullmatch(r"\d{2}", cells[j].strip()) for cells in coded for j in parts if j < len(cells))
    return level if split or (ruled and parts and not coded) else None


NO_PIECES: Mapping[tuple[int, int], tuple[int, ...]] = MappingProxyType({})
SEATED_BY_TOTALS = "row placed by the rows' totals: the column was printed without its empty cells"
SEATED_BY_COLUMN_SUMS = "column placed by the sums of the rows it totals"
PUT_ON_ITS_ROW = "figure printed a line off its numbered row, put on that row"


def _numbered_fragment_rows(content: list[tuple[int, str]]
                            ) -> tuple[list[tuple[int, str]], dict[tuple[int, int], tuple[int, ...]]] | None:
    """A table printed a cell a line (PyMuPDF's, pdfminer's reading order): its header's words a
    cell a line, 序号 among them, then its rows, each opening with its number (1, 2, 3 … in turn)
    on a line of its own and its other cells a line each after it; a last column no row fills
    (备注) prints nothing. Returned as tab-separated lines (the header's, then a line a row, at
    its number's line) and the line each cell was printed on; None where the text is not so:
    fewer than three rows, a header cell printing a digit, rows of unlike counts of cells, or of
    more than the header names or fewer by more than its last."""
    lines = [(k, line.strip()) for k, line in content if line.strip()]
    first = next((i for i, (_, t) in enumerate(lines) if t == "1"), None)
    if first is None or not ORDINAL_HEAD & {t for _, t in lines[:first]} or \
            any(any(ch.isdigit() for ch in t) for _, t in lines[:first]):
        return None
    header = lines[:first]
    rows: list[list[tuple[int, str]]] = []
    for k, t in lines[first:]:
        if t == str(len(rows) + 1):
            rows.append([(k, t)])
        else:
            rows[-1].append((k, t))
    counts = {len(row) for row in rows}
    if len(rows) < MIN_NUMBERED_ROWS or len(counts) > 1 or not len(header) - 1 <= min(counts) <= len(header):
        return None
    grid = [(header[0][0], "\t".join(t for _, t in header))]
    drawn: dict[tuple[int, int], tuple[int, ...]] = {}
    for row in rows:
        cells = [t for _, t in row] + [""] * (len(header) - len(row))
        grid.append((row[0][0], "\t".join(cells)))
        drawn.update({(row[0][0], j): (k,) for j, (k, _) in enumerate(row)})
    return grid, drawn


def _column_major_rows(content: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str] | None:
    """A coded table that reading order prints column by column (plain pdftotext of a 决算
    公开表): the rows' labels (`合计`, then each code and name), the amount columns' names,
    then each column's number and its figures from the top row down (`1 20,451.35 16,770.89
    …`), an empty column's number alone (numbers may be missing, taken for pages': a
    column's figures then begin after a blank line). Returned as tab-separated lines, a
    header and a line a row, to be read as any grid of cells, and the name of the column
    whose figures the rows' totals seated ("" if none; one such column at most, see
    _seated_by_totals); None where the text is not so."""
    tokens = [(k, t) for k, line in content for t in line_tokens(line)]
    first = next((i for i, (_, t) in enumerate(tokens) if TWO_DECIMALS.match(t)), None)
    if first is None:
        return None
    start = next((i for i in range(first - 1) if CODE.match(tokens[i][1]) and not is_amount(tokens[i + 1][1])), None)
    if start is None:
        return None
    if start > 0 and catalog.TOTAL_LABELS.match(tokens[start - 1][1]):
        start -= 1
    labels: list[tuple[int, str, str]] = []        # (line, code, name)
    i = start
    if catalog.TOTAL_LABELS.match(tokens[i][1]):
        labels.append((tokens[i][0], "", tokens[i][1]))
        i += 1
    while i + 1 < first and CODE.match(tokens[i][1]) and not is_amount(tokens[i + 1][1]):
        labels.append((tokens[i][0], tokens[i][1], tokens[i + 1][1]))
        i += 2
    stream = next((j for j in range(i, first + 1) if j == first or tokens[j][1].isdigit()), first)
    names: list[list[tuple[int, str]]] = []        # the amount columns' names, a cell's pieces on consecutive lines
    for k, t in tokens[i:stream]:
        if names and names[-1][-1][0] + 1 == k:
            names[-1].append((k, t))
        else:
            names.append([(k, t)])
    columns: dict[int, list[tuple[int, str]]] = {}
    current, opened, last = 0, False, 0
    for k, t in tokens[stream:]:
        if t.isdigit() and len(t) <= 3:
            if current < int(t) <= len(names):       # (numbers between may be missing: read as pages')
                current, opened = int(t), True
                columns[current] = []
            continue        # else a page's number among the figures
        if not TWO_DECIMALS.match(t):
            return None
        if not opened and (not current or k - last > 1):
            current += 1
            columns[current] = []
        columns[current].append((k, clean_number(t)))
        opened, last = False, k
    n = len(labels)
    if n < 3 or current != len(names) or current < 2 or any(len(v) > n for v in columns.values()):
        return None
    short = [c for c, v in columns.items() if 0 < len(v) < n]
    if len(short) > 1 or (short and not _seated_by_totals(columns, short[0], n)):
        return None
    header = [t for _, t in tokens[:start] if "代码" in t or "编码" in t or "名称" in t][:2] or ["科目编码", "科目名称"]
    column_names = ["".join(t for _, t in cell) for cell in names]
    lines = [(names[0][0][0], "\t".join(header + column_names))]
    for r, (k, code, name) in enumerate(labels):
        figures = [columns[c][r][1] if len(columns.get(c, [])) == n else "" for c in range(1, current + 1)]
        lines.append((k, "\t".join([code, name] + figures)))
    return lines, column_names[short[0] - 1] if short else ""


def _seated_by_totals(columns: dict[int, list[tuple[int, str]]], short: int, n: int) -> bool:
    """Seats the figures of the one column printed without its empty cells (see
    _column_major_rows) by the first column, each row's total: what a row's total leaves
    over its other figures is that column's, rows leaving nothing have none. Where the
    figures fit so exactly, the column gets an entry a row (an empty one where it has none)."""
    full = [c for c, v in columns.items() if len(v) == n]
    if 1 not in full:
        return False
    left = [Decimal(columns[1][r][1]) - sum((Decimal(columns[c][r][1]) for c in full if c != 1), Decimal(0))
            for r in range(n)]
    rows = [r for r in range(n) if abs(left[r]) > Decimal("0.005")]
    figures = columns[short]
    if len(rows) != len(figures) or any(abs(left[r] - Decimal(f)) > Decimal("0.005") for r, (_, f) in zip(rows, figures)):
        return False
    seated = dict(zip(rows, figures))
    columns[short] = [seated.get(r, (0, "")) for r in range(n)]
    return True


def _fill_tab_grid(table: Table, content: list[tuple[int, str]], spec: TableSpec, ruled: bool, year: str,
                   body_from: int | None = None, drawn_from: Mapping[tuple[int, int], tuple[int, ...]] = NO_PIECES
                   ) -> None:
    """Tab-separated cells. Where they come from a PDF's ruling lines (`ruled`), the printed
    header is certain: an empty table keeps it, and a label in a merged code-and-name cell
    goes to the name column; in an extractor's text the template stands in for a header
    without a body, and cells stay where the text put them. `body_from`: the line the rows
    start at, where the caller knows it (else the first line that reads as a row's);
    `drawn_from`: the lines of a row's cell joined from pieces (by line and column)."""
    widths = Counter(s.count("\t") + 1 for _, s in content if "\t" in s)
    width = widths.most_common(1)[0][0] if ruled and widths else 0

    def cells_of(line: str) -> list[str]:
        # (a row a page prints past its ruling, a line of text: its cells a space apart, as many
        # as the ruled rows')
        if "\t" not in line and width and len(pieces := line.split()) == width and _is_body_cells(pieces):
            return pieces
        return line.split("\t")
    grid = [(k, cells) for k, s in content if len(cells := cells_of(s)) > 1 or _is_body_cells(cells)]
    grid = [(k, cells) for k, cells in grid if any(c.strip() for c in cells)]

    def starts_body(k: int, cells: list[str]) -> bool:
        return k >= body_from if body_from is not None else _is_body_cells(cells)
    body_start = next((i for i, (k, cells) in enumerate(grid) if starts_body(k, cells)), len(grid))
    header_rows = {tuple(squash(c) for c in cells if c.strip()) for _, cells in grid[:body_start]}
    # a header printed again on the next page is no label's wrapped end
    grid = _wrapped_tails_joined(grid[:body_start]) + _wrapped_tails_joined(grid[body_start:], header_rows)
    body_start = next((i for i, (k, cells) in enumerate(grid) if starts_body(k, cells)), len(grid))
    header = [cells for _, cells in grid[:body_start] if not is_column_number_row(cells)]
    header = [[("" if is_short_number(c.strip()) else c) for c in cells] for cells in header]
    header_keys = {tuple(squash(c) for c in cells if c.strip()) for _, cells in grid[:body_start]}
    body = [(k, list(cells)) for k, cells in grid[body_start:] if not is_column_number_row(cells)
            and tuple(squash(c) for c in cells if c.strip()) not in header_keys]   # a header printed again
    ncols = max([len(c) for c in header] + [len(c) for _, c in body] + [0])
    level = _level_row([cells for _, cells in grid[:body_start]], body, ncols, ruled)
    columns = _header_paths(header + ([level] if level else []), ncols)
    rows = [[Cell(clean_number(c.strip()) if parse_amount(c) is not None else squash(c), drawn_from.get((k, j), (k,)))
             for j, c in enumerate(cells)] + [Cell("", (k,))] * (ncols - len(cells)) for k, cells in body]
    rows = [r for r in rows if any(c.text for c in r)]
    # a column with only a group's name over it and nothing below is the group's ruling, not a column
    groups = {c.path[:i] for c in columns for i in range(1, len(c.path))}
    keep = [j for j in range(ncols) if any(r[j].text for r in rows) or columns[j].text and columns[j].path not in groups]
    table.columns = [columns[j] for j in keep]
    table.rows = [[r[j] for j in keep] for r in rows]
    if not table.rows and spec.layouts and not (ruled and len(table.columns) >= 2 and all(table.columns)):
        _empty_table_from_layout(table, header, parse_columns(catalog.with_year(spec.layouts[0], year)),
                                 grid[-1][0] if grid else table.first_line)
    leads = [next((c.text for c in r if c.text), "") for r in table.rows]
    coded = sum(bool(CODE.match(x) or catalog.TOTAL_LABELS.match(x)) for x in leads)
    code_columns = [c for c in table.columns if c.role == ColumnRole.CODE]
    if not ruled and len(code_columns) == 1 and coded * 2 >= len(table.rows) > 0:
        _realign_code_rows(table, header, body)
    if ruled:
        _labels_out_of_code_cells(table)
    if header:
        first_header = next(k for k, cells in grid if not is_column_number_row(cells))
        table.header_lines = (first_header, grid[body_start - 1][0] if body_start else first_header)


def _wrapped_tails_joined(grid: list[tuple[int, list[str]]],
                          header_rows: Set[tuple[str, ...]] = frozenset()) -> list[tuple[int, list[str]]]:
    """Ruled rows that are one printed row cut by the rules of a neighbouring cell. A row
    that prints only the wrapped ends of labels above (`算`, `费`) is one row with them, and
    the single-line cells of that printed row stand centred between a label's two lines
    (`2.政府性基金预 … 三、单位预留机动经` / `三、国防支出 … 3,990.40` / `算 … 费`): a line
    between that fills only cells the first leaves empty is the same row. So is a row of
    amounts alone under a row of labels alone (`合计` / `2,391.92`)."""
    out: list[tuple[int, list[str]]] = []
    for k, cells in grid:
        printed = {j: squash(c) for j, c in enumerate(cells) if c.strip()}
        top = None if tuple(printed.values()) in header_rows else _wrapped_row_above(out, printed)
        if top is not None:
            merged = out[top][1]
            for _, between in out[top + 1:]:
                merged = _overlaid(merged, between)
            for j, tail in printed.items():
                merged[j] = squash(merged[j]) + tail
            out[top:] = [(out[top][0], merged)]
        elif out and _amounts_under_labels(out[-1][1], printed):
            out[-1] = (out[-1][0], _overlaid(out[-1][1], cells))
        elif out and _rest_of_a_row_above(out[-1][1], printed):
            out[-1] = (out[-1][0], [squash(c) + printed.get(j, "") for j, c in enumerate(out[-1][1])])
        else:
            out.append((k, cells))
    return out


def _overlaid(cells: list[str], over: list[str]) -> list[str]:
    """`cells` with the printed cells of `over` laid into their columns."""
    out = cells + [""] * (len(over) - len(cells))
    for j, c in enumerate(over):
        if c.strip():
            out[j] = c
    return out


def _amounts_under_labels(above: list[str], printed: dict[int, str]) -> bool:
    """Whether a row printing amounts alone sits under a row printing labels alone, in the
    columns that row leaves empty (`合计` / `2,391.92`: one printed row cut in two)."""
    labels = {j for j, c in enumerate(above) if c.strip()}
    # (a row's code opening it is a label: `204 | 公共安全支出` / ` | | 16,444.36`)
    code = min(labels) if labels and CODE.match(above[min(labels)].strip()) and len(labels) > 1 else None
    return bool(printed) and bool(labels) and not labels & printed.keys() \
        and all(parse_amount(c) is not None for c in printed.values()) \
        and not any(parse_amount(above[j]) is not None for j in labels if j != code) and not is_column_number_row(above)


def _rest_of_a_row_above(above: list[str], printed: dict[int, str]) -> bool:
    """Whether a row printing sentences alone, no label and no figure, under the sentences of a
    row of figures is the rest of that row's cells: a row a page break cuts prints its cells'
    ends at the top of the next page (`\t\t\t州市相关规范要求的设施…，以确保…。`). (A label is no
    sentence: `十、节能环保支出` under `九、卫生健康支出` is a row of its own, and a sentence
    under a row's name is a cell read into the wrong column.)"""
    return bool(printed) and 0 not in printed and all(
        j < len(above) and parse_amount(c) is None and DESCRIPTION_MARK.search(c) and DESCRIPTION_MARK.search(above[j])
        and parse_amount(above[j]) is None
        for j, c in printed.items()) and any(parse_amount(c) is not None for c in above) and not is_column_number_row(above)


def _wrapped_row_above(rows: list[tuple[int, list[str]]], tails: dict[int, str]) -> int | None:
    """The row (of the last two) whose labels the `tails` continue, where the row between
    prints only in columns that row and the tails leave empty."""
    if not tails or not all(WRAPPED_TAIL.match(t) and t not in SEQUENCE_LEAVES and not catalog.TOTAL_LABELS.match(t)
                            for t in tails.values()):
        return None
    for top in (len(rows) - 1, len(rows) - 2):
        if top < 0:
            return None
        cells = rows[top][1]
        if is_column_number_row(cells) or \
                not all(j < len(cells) and cells[j].strip() and parse_amount(cells[j]) is None for j in tails):
            continue
        between = [j for _, row in rows[top + 1:] for j, c in enumerate(row) if c.strip()]
        if all(j not in tails and (j >= len(cells) or not cells[j].strip()) for j in between):
            return top
    return None


def _labels_out_of_code_cells(table: Table) -> None:
    """A label printed in a merged code-and-name cell (`人员经费合计`, `合计`) belongs to the
    name column of its panel: the code column holds only codes."""
    for code_col in [j for j, c in enumerate(table.columns) if c.opens_code]:
        name_col = next((j for j in range(code_col + 1, len(table.columns))
                         if "名称" in table.columns[j].leaf), None)
        if name_col is None:
            continue
        for row in table.rows:
            if name_col < len(row) and row[code_col].text and not row[name_col].text \
                    and not CODE.match(row[code_col].text) and parse_amount(row[code_col].text) is None:
                row[name_col], row[code_col] = row[code_col], Cell("", row[code_col].lines)


def _empty_table_from_layout(table: Table, header: list[list[str]], layout: list[Column], line: int) -> None:
    """A table printed without data rows (common for 政府性基金 / 国有资本经营 tables): a header
    alone cannot be aligned, so the template's columns are used; a 合计 printed in the header's
    last line (`栏次 合计`) is its one row."""
    table.columns = list(layout)
    if header and any(re.search(r"合计$", squash(c)) for c in header[-1]):
        name_col = max(j for j, c in enumerate(layout) if c.holds_words)
        table.rows = [[Cell("合计" if j == name_col else "", (line,)) for j in range(len(layout))]]


def _realign_code_rows(table: Table, header: list[list[str]], body: list[tuple[int, list[str]]]) -> None:
    """A coded table whose 类/款/项 code columns collapsed unevenly (code, name and amounts
    shifted by empty cells): columns are the code and name headers then the amount headers;
    each row keeps its code, its name, and its amounts after the name, surplus empty cells
    before them dropped."""
    label_cols = [c for c in table.columns if c.role == ColumnRole.CODE][:1]
    label_cols += [c for c in table.columns if c.leaf.endswith("名称")][:1]
    amount_cols = [c for c in table.columns if c.text and c not in label_cols and c.role == ColumnRole.AMOUNT]
    if len(label_cols) != 2 or not amount_cols:
        return
    n = len(amount_cols)
    rows = []
    for k, cells in body:
        texts = [c.strip() for c in cells]
        first = next((i for i, t in enumerate(texts) if t), None)
        if first is None:
            continue
        code = squash(texts[first]) if CODE.match(squash(texts[first])) else ""
        name_at = next((i for i in range(first + (1 if code else 0), len(texts))
                        if texts[i] and parse_amount(texts[i]) is None), None)
        name = squash(texts[name_at]) if name_at is not None else ""
        tail = texts[(name_at if name_at is not None else first) + 1:]
        while len(tail) > n and not tail[0]:
            tail.pop(0)
        tail = (tail + [""] * n)[:n]
        rows.append([Cell(code, (k,)), Cell(name, (k,))] +
                    [Cell(clean_number(t) if parse_amount(t) is not None else t, (k,)) for t in tail])
    table.columns = label_cols + amount_cols
    table.rows = rows
    _seat_short_total_row(table, n)


def _seat_short_total_row(table: Table, n: int) -> None:
    """A total row that lost cells (`合计 1,335.29 374.08` under three amount columns): put
    its amounts in the columns whose top-level rows they total."""
    codes = [r[0].text for r in table.rows]
    top_len = min((len(c) for c in codes if c), default=0)
    tops = [r for r, c in zip(table.rows, codes) if c and len(c) == top_len]
    for row in table.rows:
        values = [c for c in row[2:] if c.text]
        if row[0].text or not catalog.TOTAL_LABELS.match(row[1].text) or not 0 < len(values) < n or not tops:
            continue
        if math.comb(n, len(values)) > SETTINGS.max_placements:
            continue        # too many columns to weigh: the row stays as printed
        sums = [sum((r[2 + j].value or Decimal(0) for r in tops), Decimal(0)) for j in range(n)]
        amounts = [v.value or Decimal(0) for v in values]
        best = min(itertools.combinations(range(n), len(values)),
                   key=lambda combo: sum(abs(a - sums[j]) for a, j in zip(amounts, combo)))
        row[2:] = [Cell("", row[1].lines) for _ in range(n)]
        for v, j in zip(values, best):
            row[2 + j] = Cell(v.text, v.lines, SEATED_BY_COLUMN_SUMS)


def _total_row_seated_by_column_sums(table: Table) -> None:
    """A total row printing fewer figures than the amount columns, in a table whose rows carry
    no code (a purchase or project list, where no rule of the catalogue sums its columns): each
    figure goes to a column whose other rows add up to it (`合计 120.00` under 预算金额, not
    under 数量), the figures in their printed order; where no seating or several fit, the row
    stays as printed."""
    amounts = _headed_amounts(table)
    if len(amounts) < 2 or not table.rows or any(table.row_code(i) for i in range(len(table.rows))) \
            or any(c.holds_words for c in table.columns[amounts[0]:]):
        return      # (panels side by side: a summary's totals are each its own panel's)
    totals = [i for i, row in enumerate(table.rows)
              if any(c.text and c.value is None and catalog.TOTAL_LABELS.match(c.text) for c in row)]
    if len(totals) != 1:
        return
    row = table.rows[totals[0]]
    printed = [j for j in amounts if j < len(row) and row[j].value is not None]
    if not 0 < len(printed) < len(amounts):
        return
    others = [r for k, r in enumerate(table.rows) if k != totals[0]]
    sums = {j: sum((r[j].value or Decimal(0) for r in others if j < len(r)), Decimal(0)) for j in amounts}
    near = SETTINGS.cent * len(others)
    fits = [[k for k in amounts if abs(sums[k] - (row[j].value or Decimal(0))) <= near] for j in printed]
    # the figures keep their printed order: one seating in that order, or none
    seatings = list(itertools.islice(_in_order(fits), 2))
    if len(seatings) != 1 or seatings[0] == printed:
        return
    seats = seatings[0]
    cells = [row[j] for j in printed]
    for j in printed:
        row[j] = Cell("", row[j].lines)
    for cell, j in zip(cells, seats):
        row[j] = replace(cell, inferred=SEATED_BY_COLUMN_SUMS)


def _in_order(fits: list[list[int]], after: int = -1) -> Iterator[list[int]]:
    """Each way of giving every figure one of its fitting columns, left to right."""
    if not fits:
        yield []
        return
    for k in fits[0]:
        if k > after:
            for rest in _in_order(fits[1:], k):
                yield [k, *rest]


ALTERNATIVE = re.compile(r"^(.+?)[（(]([^（）()]+)[）)](.+)$")     # 部门（单位）代码, 因公出国（境）费


@lru_cache(maxsize=4096)
def printed_forms(word: str) -> tuple[str, ...]:
    """A template word and the forms a header may print it in where the template writes an
    alternative inside it: the alternative left out, or read in place of as many characters
    before it (部门（单位）代码: 部门代码, 单位代码; 因公出国（境）费: 因公出国费, 因公出境费)."""
    m = ALTERNATIVE.match(word)
    if m is None:
        return (word,)
    before, alternative, after = m.groups()
    forms = [word, before + after]
    if len(alternative) <= len(before):
        forms.append(before[:len(before) - len(alternative)] + alternative + after)
    return tuple(dict.fromkeys(forms))


BRACKETS = re.compile(r"[()（）]")


def _word_presence(word: str, text: str, lines: Sequence[Sequence[str]] = ()) -> float:
    """How surely a header word stands in the squashed header text: 1 printed whole; 0.75
    printed wrapped (a word of 4+ characters whose characters come in order within a short
    stretch: 功能分类 … 科目编码; or, given the header's cells line by line, made of up to three
    of them)."""
    if word in text:
        return 1.0
    if len(word) < 4:
        return 0.0
    if (bare := BRACKETS.sub("", word)) != word and len(bare) >= 4 and bare in BRACKETS.sub("", text):
        return 0.75         # its brackets printed apart from its words (`因公出国 境 费` over `( )`)
    at, start = 0, -1
    for ch in word:
        at = text.find(ch, at)
        if at < 0:
            return 0.0
        start = at if start < 0 else start
        at += 1
    return 0.75 if at - start <= 2.5 * len(word) or (lines and _in_pieces(word, lines)) else 0.0


def _header_text_and_cells(header_lines: list[str]) -> tuple[str, list[list[str]]]:
    """A header's words as the templates' are written (NFKC): all of it squashed, and its
    cells line by line."""
    return (squash(unicodedata.normalize("NFKC", " ".join(header_lines))),
            [[unicodedata.normalize("NFKC", t) for t in line.split()] for line in header_lines])


def _printed_in_header(columns: list[Column], header_lines: list[str]) -> bool:
    """Whether the header prints every word of every column's path: whole, wrapped within a
    short stretch, or as two or three of its pieces (`一般公共` … `预算拨款`, `国有资本经` … `营预算拨款`:
    a cell wrapped over lines, other cells' pieces between them)."""
    text, lines = _header_text_and_cells(header_lines)
    words = {unicodedata.normalize("NFKC", w) for c in columns for w in c.path}
    return bool(words) and all(_word_presence(w, text) > 0 or _in_pieces(w, lines, glued=True) for w in words)


def _cells_no_column_names(columns: list[Column], header_lines: list[str], row_labels: Set[str]) -> list[str]:
    """The header's cells of words that are part of no column's name (as printed or as the
    template writes it), nor hold one, nor label a row, nor end one wrapped from the cell
    printed before them (`政府性基金预` `算资金`: 政府性基金预算 and a word the template leaves out):
    words of a column the template does not have."""
    names = {unicodedata.normalize("NFKC", squash(part)) for c in columns for part in c.path + c.template}
    _, lines = _header_text_and_cells(header_lines)
    # (a line printing a figure is a row's, not the header's; 栏次 and a period name no column)
    cells = [cell for line in lines if not any(is_amount(t) for t in line) for cell in line]
    return list(dict.fromkeys(
        cell for before, cell in zip(["", *cells], cells)
        if len(CJK.findall(cell)) >= 2 and cell not in SEQUENCE_LEAVES and not catalog.PERIOD.match(cell)
        and cell not in row_labels and not any(cell in name or name in cell or _across(name, before, cell)
                                               for name in names)))


def _across(word: str, before: str, after: str) -> bool:
    """Whether `word` is printed across the end of `before` into `after` (a cell wrapped)."""
    reach = len(word) - 1
    return reach > 0 and word in before[max(0, len(before) - reach):] + after[:reach]


def _in_pieces(word: str, lines: Sequence[Sequence[str]], parts: int = 3, after: tuple[int, int] = (-1, -1),
               glued: bool = False) -> bool:
    """Whether a header word is one of its cells (after the cell `after`: line, place), or up
    to `parts` of them joined, each after the one before, later on its line or on a line below:
    a cell wrapped over lines, however far apart the other cells print its pieces (`一般公共预` …
    `算收入`; `上年结余` … `、结转` where a text sorted by place sets a wrapped piece on the line above;
    `上级补助收入附属单位上缴` … `收入`, `政府性基金预` … `算资金` where pieces may be `glued` to other words:
    a cell before the first, a word the template leaves out after the last)."""
    line, place = after
    first = line < 0
    for k in range(max(line, 0), len(lines)):
        for i in range(place + 1 if k == line else 0, len(lines[k])):
            cell = lines[k][i]
            if cell == word or (glued and not first and cell.startswith(word)):
                return True
            if parts == 1:
                continue
            heads = [cell] if len(cell) < len(word) and word.startswith(cell) else []
            if glued and first and word[:2] in cell:     # (a cell ending in the word's head holds its first two characters)
                heads += [word[:n] for n in range(2, min(len(word), len(cell))) if cell.endswith(word[:n])]
            if any(_in_pieces(word[len(head):], lines, parts - 1, (k, i), glued) for head in heads):
                return True
    return False


MISPRINTED_SHARE = 5      # a misprinted header word lacks at most one in this many of its characters


def _choose_layout(spec: TableSpec, header_text: str, year: str, amount_width: int,
                   code_width: int = 0, per_period: bool = True, lines_printed: bool = True
                   ) -> tuple[list[str] | None, float]:
    """The template layout whose header words the (split, scrambled) header holds best. A
    layout loses for each word of the spec's other layouts that the header prints and it
    lacks (行次 printed: not the layout without 行次); of equally good ones, the one whose
    printed words are the more specific (支出功能分类科目编码 over 功能分类科目编码), then the one
    whose unprinted words are the fewer characters. `lines_printed`: the header's lines are
    lines as printed (not one fragment a line joined). Returns the layout (None when none
    fits) and how well the header holds it (1: every word, none missing)."""
    text = squash(header_text)
    # another template's word counts against a layout only where a line prints it as whole
    # cells: joined across lines, or from the pieces of cells wrapped side by side, the ends
    # of wrapped cells make words no cell prints (公务用车运行 / 费 …, 算收入 预算收入); a
    # period's name alone on its line (`2026年预算数` over every column) is no template's own
    lines = [line.split() for line in header_text.split("\n")]
    whole_lines = {"".join(line) for line in lines}
    layouts = [catalog.with_year(layout, year) for layout in spec.layouts]
    if per_period and (periods := catalog.periods_printed(header_text)):
        layouts += _printed_per_period(layouts, periods, text, lines, amount_width)
    # words as the text is read (NFKC: the catalog's （按大类） is the text's (按大类))
    vocab = [_folded(path_words(cols)) for cols in layouts]
    every = set().union(*vocab) if vocab else set()
    # (a cell that is a word of the spec's own is that word, no piece of a longer one: 功能分类 …
    # 科目编码 is no 功能分类科目编码 where a layout names 科目编码; a short one, 预算, may be either)
    pieces = [[cell for cell in line if len(cell) < 4 or cell not in every] for line in lines]
    by_line = "\n".join(whole_lines)       # (a word no line prints is no cells of one: the quick test first)
    # the spec's words the header prints as cells (each judged once, not once a layout): a
    # layout lacking one of them loses
    printed = [w for w in every if len(w) >= 2 and w in by_line and _printed_as_cells(w, lines)
               and not (catalog.PERIOD.match(w) and w in whole_lines)]
    # (a word a layout writes longer, or shorter inside, 公务用车运行费 for 公务用车运行维护费, is its own)
    owned_by = {w: {v for v in every if w in v or _is_shortened(v, w)} for w in printed}
    # (a cell misprinting a long word, a character or two left out inside it, 支出功能分科目 for
    # 支出功能分类科目, prints that word as surely as its characters wrapped apart; a word of the
    # templates' own, 事业收入, misprints none)
    cells = {cell for line in lines for cell in line} - every
    by_ends: dict[tuple[str, str], list[str]] = {}      # (a shortened word keeps its first two and last characters)
    for cell in cells:
        by_ends.setdefault((cell[:2], cell[-1]), []).append(cell)
    shortened = {w for w in every if w not in cells and any(
        len(w) - len(cell) <= len(w) // MISPRINTED_SHARE and _is_shortened(cell, w)
        for cell in by_ends.get((w[:2], w[-1:]), ()))}
    # (the layouts share most of their words: each judged once)
    presence_of = {w: _word_presence(w, text, pieces) or (0.75 if w in shortened else 0.0) for w in every}
    best, best_score = None, (0.0, 0.0, 0.0, 0, 0, 0)
    for cols, words in zip(layouts, vocab):
        presence = {w: presence_of[w] for w in words}
        found = sum(presence.values())
        unexplained = [w for w in printed if not owned_by[w] & words] + \
            (_cells_beyond_layout(cols, lines) if lines_printed else [])
        # … and of those, the one with as many code columns as a line prints codes (panels)
        panels = sum(catalog.is_code_column(c) for c in cols)
        mismatch = abs(panels - (code_width if code_width > 1 else _panels_printed(cols, panels, text))) \
            if panels > 1 else 0
        # … and of those, the one that invents the least: unprinted words the shorter (功能分类科目编码,
        # not 支出功能分类科目编码, where the header prints neither whole)
        invented = sum(len(w) for w, p in presence.items() if p == 0)
        # … and of those, the one leaving a total's word unexplained rather than another (合计 printed
        # beside 小计 labels an empty table's total row as often as a column)
        score = (found / len(words) - 0.25 * len(unexplained), found, sum(len(w) * p for w, p in presence.items()),
                 -mismatch, -invented, -sum(w not in TOTAL_WORDS for w in unexplained))
        if score > best_score and len(cols) >= amount_width:
            best, best_score = cols, score
    if best_score[0] >= 0.5:
        return best, best_score[0]
    # a header too broken to read: the template with as many amount columns as the rows whose
    # words the header prints a good share of (a few shared words, 基本支出 项目支出, are no
    # sign of another region's template), and clearly more of than any other of that width
    shares = []
    for cols, words in zip(layouts, vocab):
        if sum(not is_text_column(c) for c in cols) == amount_width:
            shares.append((sum(_word_presence(w, text) for w in words) / len(words), cols))
    shares.sort(key=lambda share: -share[0])
    if shares and shares[0][0] >= SETTINGS.broken_header_words and \
            (len(shares) == 1 or shares[0][0] - shares[1][0] >= SETTINGS.broken_header_lead):
        return shares[0][1], best_score[0]
    return None, best_score[0]


def _cells_beyond_layout(cols: list[str], lines: list[list[str]]) -> list[str]:
    """The leaves of `cols` a header line prints as cells more often than the layout holds
    them, once for each time more: panels the layout lacks (`预算数` four times on a line:
    income and spending three ways, not one panel of each). A leaf's qualifier may go
    unprinted (`项目（按功能分类）` printed `项目`)."""
    leaves = Counter(m.group(1) if (m := QUALIFIED.match(leaf := Column.parse(c).leaf)) else leaf for c in cols)
    return [leaf for leaf, held in leaves.items() if len(leaf) >= 2
            for _ in range(max(line.count(leaf) for line in lines) - held)]


def _printed_per_period(layouts: list[list[str]], periods: list[str], text: str, lines: list[list[str]],
                        amount_width: int) -> list[list[str]]:
    """The layouts printed once for each of `periods`; and, where the rows print fewer figures
    than such a layout holds, the layout less its columns of figures (totals aside) whose words
    the header (squashed; its cells line by line) does not print, if that leaves as many columns
    of figures as the rows print (a template's 机关运行经费 beside its 三公 items)."""
    out = []
    for layout in layouts:
        composed = catalog.by_periods(layout, periods)
        if composed is None:
            continue
        out.append(list(composed))
        printed = [c for c in composed if is_text_column(c) or catalog.TOTAL_LABELS.match(leaf := Column.parse(c).leaf)
                   or len(leaf) < 4     # (too short to tell: `购置费` wrapped as `公务用车购` / `置费`)
                   or any(_word_presence(word, text, lines) > 0 for word in {leaf} | _folded([leaf]))]
        if len(printed) < len(composed) and sum(not is_text_column(c) for c in printed) == amount_width:
            out.append([_subtotal_alone_named_by_group(c, printed) for c in printed])
    return out


def _subtotal_alone_named_by_group(written: str, layout: list[str]) -> str:
    """A group's 小计 left alone in `layout` (its parts taken out) as the group it totals."""
    column = Column.parse(written)
    group = column.path[:-1]
    alone = column.leaf in SUBTOTAL_GROUPS and len(group) > 1 and \
        not any(other != written and Column.parse(other).path[:-1] == group for other in layout)
    return PATH_SEPARATOR.join(group) if alone else written


def _printed_as_cells(word: str, lines: list[list[str]]) -> bool:
    """Whether a line prints `word` as one or more whole cells side by side (`项 目`)."""
    for cells in lines:
        line = "".join(cells)
        if word not in line:
            continue
        starts, at = set(), 0
        for cell in cells:
            starts.add(at)
            at += len(cell)
        if any(line.startswith(word, start) and start + len(word) in starts | {len(line)} for start in starts):
            return True
    return False


def _panels_printed(cols: list[str], panels: int, header: str) -> int:
    """How many panels a header prints: the times it prints each leaf that every panel of the
    layout repeats (科目名称 twice: two panels). Where no line shows how many codes a row prints
    (one fragment a line), this tells three panels from two; a header that prints such a leaf
    less than twice says nothing (`panels` back)."""
    leaves = [Column.parse(c).leaf for c in cols]
    repeated = {leaf for leaf in leaves if leaves.count(leaf) == panels and len(leaf) >= 2}
    printed = min((header.count(squash(leaf)) for leaf in repeated), default=0)
    return printed if printed >= 2 else panels


LEVEL_ROW = re.compile(r"(?:^|\s)类\s*款(\s*项)?(?:\s|$)")      # 类 款 项, or joined: 类款项


QUALIFIED = re.compile(r"^(.+?)[（(]([^（）()]+)[）)]$")      # 项目（按功能分类）


def _is_shortened(printed: str, word: str) -> bool:
    """Whether `printed` is `word` with characters left out inside it, its start and end kept
    (公务用车运行费 for 公务用车运行维护费)."""
    if len(printed) < 4 or len(printed) >= len(word) or printed[:2] != word[:2] or printed[-1] != word[-1]:
        return False
    rest = iter(word)
    return all(ch in rest for ch in printed)


GLUED_START = 3     # characters of another header word's start glued after a word (`合计`, `资金` end words too)


def _lengthened(word: str, cells: set[str], template_words: set[str]) -> str:
    """The one cell that prints `word` inside a longer name (`部门预算支出经济分类科目` for
    `支出经济分类科目`) or, of the template's words, `word` alone with characters more inside it
    (`公务用车运行维护费` for `公务用车运行费`), where `word` is no cell of its own and the cell
    holds no other word of the template; else ""."""
    if word in cells or len(word) < 4:
        return ""
    longer = [cell for cell in cells if cell != word and (word in cell or (
        # (a cell a longer word of the template shortens too, or that is another word shortened,
        # is that word's: 公务用车购置及运行费 is the group 公务用车购置及运行维护费, not
        # 公务用车购置费 printed longer)
        cell not in template_words and _is_shortened(word, cell)
        and not any(other != word and ((len(other) >= len(word) and _is_shortened(other, cell))
                                       or _is_shortened(cell, other)) for other in template_words)))]
    if len(longer) != 1 or any(other != word and other in longer[0] for other in template_words):
        return ""
    # (nor a cell gluing the word to another's start: `其他收入功能分类`, the next line's 功能分类科目编码
    # begun; `其他收入科目代码`, a header word of the catalogue's whole)
    extra = longer[0][len(word):] if longer[0].startswith(word) else ""
    if len(extra) >= GLUED_START and any(other.startswith(extra) for other in template_words | catalog.header_words()
                               if other != word):
        return ""
    return longer[0]


MIN_WRAPPED_CELLS = 3      # cells wrapped around a header line side by side, at least (fewer may be two headers' lines)


def _centred_cells_joined(lines: list[list[str]], words: Set[str]) -> list[list[str]]:
    """A header's cells line by line, the cells of two lines centred on a line of one-line
    cells joined: their heads on the line above it, as many ends on the line below
    (`一般公共预算 政府性基金预 …` / `小计 事业收入 …` / `资金 算资金 …`). Each head fills its
    cell's width, as long as the others (cells of one width), each end is short, and each cell
    joined holds one of the template's `words` (a cell of three lines, `一般公共` / `预算财政` /
    `拨款`, joined by its first and last would hold none)."""
    out = [list(line) for line in lines]
    for i in range(len(out) - 2):
        heads, ends = out[i], out[i + 2]
        if len(heads) == len(ends) >= MIN_WRAPPED_CELLS and len({len(head) for head in heads}) == 1 \
                and len(heads[0]) >= 4 and all(len(end) <= 4 and not is_amount(end) for end in ends):
            joined = [head + end for head, end in zip(heads, ends)]
            if all(any(word in cell for word in words) for cell in joined):
                out[i], out[i + 2] = joined, []
    return out


def _words_as_printed(columns: list[Column], header_lines: list[str]) -> list[Column]:
    """A template's header words named as the header prints them: a qualifier the header
    does not print is left out (`项目（按功能分类）` where it prints `项 目`; a qualifier wrapped
    over lines, `（资金使用` … `单位）`, is printed where its start is), a word written with an
    alternative inside is the form the header prints (`单位代码` for `部门（单位）代码`), a total
    printed by its end alone is that end (`合计` for `“三公”经费合计`), and a word printed
    shortened is the printed word (`公务用车运行费` for `公务用车运行维护费`): the longest printed
    cell that shortens it, where one is. The column stays named by the template's path for the
    rules."""
    template_words = {part for c in columns for part in c.path}
    _, lines = _header_text_and_cells(header_lines)
    lines = _centred_cells_joined(lines, {unicodedata.normalize("NFKC", w) for w in template_words if len(w) >= 2})
    printed = squash("".join(cell for line in lines for cell in line))
    cells = {cell for line in lines for cell in line}

    def as_printed(part: str) -> str:
        m = QUALIFIED.match(part)
        if m and squash(unicodedata.normalize("NFKC", m.group(2)))[:2] not in printed:
            return m.group(1)
        word = unicodedata.normalize("NFKC", part)
        if word not in printed and (form := next((f for f in printed_forms(word)[1:] if f in printed), "")):
            return form         # the form the header prints of a word with an alternative
        if _word_presence(word, printed, lines):
            return _lengthened(word, cells, template_words) or part
        # a total named by its end alone (合计 for “三公”经费合计), or a word printed without
        # its qualifier of two characters (功能分类科目 for 支出功能分类科目; no cell prints the
        # qualifier, so no word wrapped over lines), the one such cell
        ends = [t for t in cells if len(t) < len(word) and word.endswith(t) and t not in template_words
                and (catalog.TOTAL_LABELS.match(t) or (len(t) >= 4 and len(word) - len(t) <= 2
                                                       and word[:-len(t)] not in cells))]
        if len(ends) == 1:
            return ends[0]
        shortened = sorted((t for t in cells if t not in template_words and _is_shortened(t, word)),
                           key=len, reverse=True)
        return shortened[0] if shortened and (len(shortened) == 1 or len(shortened[1]) < len(shortened[0])) else part
    out = []
    for c in columns:
        path = [as_printed(part) for part in c.path]
        out.append(c if tuple(path) == c.path else c.printed_as(path))
    return out


def _word_named_otherwise(columns: list[Column], header_lines: list[str], row_labels: Set[str]) -> list[Column]:
    """Where the header prints none of a template's words but one, and one cell of words no
    column names, that cell is the word as this header names it (`本年财政拨款基本支出` for
    `本年一般公共预算基本支出`, `科目代码` for `科目编码`)."""
    printed, lines = _header_text_and_cells(header_lines)
    missing = {part for c in columns for part in c.path
               if len(part) >= 2 and not _word_presence(unicodedata.normalize("NFKC", part), printed, lines)}
    if len(missing) != 1 or len(unnamed := _cells_no_column_names(columns, header_lines, row_labels)) != 1:
        return columns
    [word], [cell] = missing, unnamed
    return [c.printed_as([cell if part == word else part for part in c.path]) if word in c.path else c for c in columns]


def _split_code_columns(columns: list[Column], printed_header: str, runs: list[Run]) -> list[Column]:
    """Where the header prints 类 款 (项) over the code and the rows print their codes in
    parts (`201 06 01`), or print no code at all, each code is that many columns (…编码/类,
    …/款, …/项); otherwise one."""
    level = LEVEL_ROW.search(printed_header)
    # reading order prints the level words apart, among the other header cells (类 科目名称 款)
    apart = set(printed_header.split()) & set(CODE_PARTS)
    code_cols = {j for j, c in enumerate(columns) if c.role == ColumnRole.CODE}
    # a table without a coded row (empty but for its 合计) is as its header prints it
    uncoded = level is not None and not any(codes for codes, _, _ in runs)
    a_part_a_row = _printed_a_part_a_row(runs)
    if (level is None and not {"类", "款"} <= apart) or not code_cols \
            or not (uncoded or any(len(codes) >= 2 for codes, _, _ in runs) or a_part_a_row):
        return _code_parts_joined(columns, level is None and not {"类", "款"} & apart, runs, a_part_a_row)
    # (项 printed apart: three parts where a row prints three, or where no row prints a code)
    three = (level is not None and level.group(1)) or ("项" in apart and (
        any(len(codes) >= 3 for codes, _, _ in runs) or not any(codes for codes, _, _ in runs))) or a_part_a_row
    parts = CODE_PARTS if three else CODE_PARTS[:2]
    return [split for j, c in enumerate(columns)
            for split in ([Column.of(c.path + (p,)) for p in parts] if j in code_cols else [c])]


def _code_parts_joined(columns: list[Column], no_levels: bool, runs: list[Run], a_part_a_row: bool) -> list[Column]:
    """A template's code in 类/款/项 columns where the header prints no level and every coded
    row prints its code whole (`20802`), or no row prints one (a table printed empty): one code
    column, as printed."""
    parts = [j for j, c in enumerate(columns) if c.split_code_part]
    coded = [codes for codes, _, _ in runs if codes]
    if not parts or not no_levels or a_part_a_row or any(len(codes) >= 2 for codes in coded) \
            or parts != list(range(parts[0], parts[0] + len(parts))):
        return columns
    whole = Column.of(columns[parts[0]].path[:-1])
    return columns[:parts[0]] + [whole] + columns[parts[-1] + 1:]


def _printed_a_part_a_row(runs: list[Run]) -> bool:
    """Whether the rows print their codes a part a row under a 类 款 项 header: each its own
    part alone (`205`, then `08` under it, then `03`), 类 of three digits, 款 and 项 of two."""
    lengths = {len("".join(t for _, t in codes)) for codes, _, _ in runs if codes}
    return lengths == {2, 3} and all(len(codes) == 1 for codes, _, _ in runs if codes)


def _seat_code_parts(rows: list[list[Cell]], amounts_of: list[list[tuple[str, int]]], code_parts: list[int]) -> None:
    """Codes printed a part a row, each read into the first part's column, moved to their
    own: three digits are a 类; two are a 款 after its 类, and again once the 项 under the 款
    add up to its amount (or would pass it); else a 项. 款 and 项 look alike: the amounts tell
    them apart, a 款 being the sum of its 项 (a row's first amount is its total)."""
    if len(code_parts) < 3:
        return
    first = code_parts[0]
    branch: Decimal | None = None      # the current 款's amount
    items, taken = 0, Decimal(0)
    for row, amounts in zip(rows, amounts_of):
        code = row[first].text
        if len(code) == 3:
            branch = None
            continue
        if len(code) != 2:
            continue
        value = (parse_amount(amounts[0][0]) if amounts else None) or Decimal(0)
        slack = SETTINGS.cent * (items + 1)
        if branch is None or (items and abs(taken - branch) <= slack) or taken + value > branch + slack:
            seat, branch, items, taken = code_parts[1], value, 0, Decimal(0)
        else:
            seat, items, taken = code_parts[2], items + 1, taken + value
        row[seat], row[first] = row[first], replace(row[first], text="")


def _names_a_row(token: str, header_words: frozenset[str]) -> bool:
    """A fragment that can only be a row's name: not a header word or a piece of one, not a
    total or subtotal (a header's 小计 as often as a row's)."""
    return len(token) > 1 and not LABEL_START.match(token) and not re.search(r"[合小总]计$", token) and \
        not any(token in w or w in token for w in header_words)


def _wrapped_head_start(tokens: list[Token], kinds: list[str], start: int, header_words: frozenset[str]) -> int:
    """Where the first row starts when its code begins a line with no name on it: the lone
    line of text just above is the head of its wrapped name, unless it is a header word."""
    k = tokens[start][0]
    nameless = start + 1 < len(tokens) and tokens[start + 1][0] == k and kinds[start + 1] == "amount"
    if not nameless or start == 0:
        return start
    prev_line = tokens[start - 1][0]
    on_prev = [i for i in range(start) if tokens[i][0] == prev_line]
    text = "".join(tokens[i][1] for i in on_prev)
    if prev_line == k - 1 and len(on_prev) == 1 and kinds[on_prev[0]] == "text" and \
            not any(w in text or text in w for w in header_words):
        return on_prev[0]
    return start


def _name_wrapped_around_first_figures(tokens: list[Token], kinds: list[str], first_amount: int,
                                       header_words: frozenset[str]) -> bool:
    """Whether the first row's name is wrapped around its figures' line: the head alone on the
    line just above them (`深圳市住房和建设局（本`), its last characters alone on the line just
    below (`级）`), neither a piece of the header."""
    if first_amount == 0 or kinds[first_amount - 1] != "text":
        return False
    line = tokens[first_amount][0]
    head = first_amount - 1
    after = next((i for i in range(first_amount, len(tokens)) if tokens[i][0] != line), None)
    if after is None or tokens[head][0] != line - 1 or (head > 0 and tokens[head - 1][0] == line - 1) or \
            tokens[after][0] != line + 1 or (after + 1 < len(tokens) and tokens[after + 1][0] == line + 1):
        return False
    return kinds[after] == "text" and bool(WRAPPED_TAIL.match(tokens[after][1])) and \
        _names_a_row(tokens[head][1], header_words) and not _is_header_token(tokens[after][1], header_words)


def _numbered_head_above(tokens: list[Token], kinds: list[str], start: int, header_words: frozenset[str]) -> int:
    """Where the first row starts when the line just above it is text opening with a numbered
    item: the head of the other panel's label wrapped around the row's line, where the row
    opens with another (`一、文化旅游体育与传媒支` over `一、一般公共预算 49,385,000 …`), or a row
    of its own that prints no figure, where each of its cells is one (`一、部门预算 一、部门预算`,
    the panels' first items). A numbered item is a row's label, never a header cell."""
    if start == 0 or start >= len(tokens):
        return start
    line_start = start
    while line_start > 0 and tokens[line_start - 1][0] == tokens[start][0]:
        line_start -= 1
    if line_start == 0 or tokens[line_start - 1][0] != tokens[start][0] - 1:
        return start
    prev_line = tokens[line_start - 1][0]
    on_prev = [i for i in range(line_start - 1, -1, -1) if tokens[i][0] == prev_line][::-1]
    items = [kinds[i] == "text" and bool(TOP_ITEM.match(tokens[i][1])) for i in on_prev]
    if len(items) >= 2 and all(items):
        return on_prev[0]
    if line_start == start and items[0] and TOP_ITEM.match(tokens[start][1]) and \
            all(kinds[i] == "text" and not _is_header_token(tokens[i][1], header_words) for i in on_prev):
        return on_prev[0]
    return start


def _opens_a_row_of_pairs(tokens: list[tuple[int, str]], kinds: list[str], first_amount: int,
                          header_words: frozenset[str]) -> bool:
    """Whether the text before the first amount, on its line, opens a row of label and amount
    pairs (`财政拨款 5,417.80 一、一般公共服务支出 3,478.72`): a header line prints no figures, so
    that word is the row's label even where it is a header word too. One fragment a line, where
    it names no column (a header's word before a figure is the header's, printed late), the
    four fragments from it alternate so."""
    line = tokens[first_amount][0]
    if tokens[first_amount - 1][0] != line:
        pairs = slice(first_amount - 1, first_amount + 3)
        return kinds[pairs] == ["text", "amount", "text", "amount"] and len({k for k, _ in tokens[pairs]}) == 4 \
            and tokens[first_amount - 1][1] not in header_words
    return [kd for (k, _), kd in zip(tokens, kinds) if k == line][:4] == ["text", "amount", "text", "amount"]


def _row_runs(tokens: list[Token], kinds: list[str], by_line: bool,
              header_words: frozenset[str] = frozenset(), labels_alone: bool = False) -> tuple[list[Token], list[Run]]:
    """Header tokens, then rows as (code tokens, label tokens, amount tokens). A row ends
    with its amounts; a code after a label, or a new line in a line-based layout, starts one."""
    first_amount = next((i for i, (kd, (_, t)) in enumerate(zip(kinds, tokens))
                         if kd == "amount" and not is_short_number(t)), len(tokens))
    if first_amount == len(tokens):
        # no amounts at all: a table of labels alone (a template's fund table with no funds yet:
        # `labels_alone`) is its lines from the first that opens with a numbered item, where
        # two or more do
        items = [i for i, (k, t) in enumerate(tokens) if TOP_ITEM.match(t) and (i == 0 or tokens[i - 1][0] != k)]
        if labels_alone and len(items) >= 2:
            return tokens[:items[0]], _runs_of(tokens[items[0]:], kinds[items[0]:], by_line=True)
        # … else it prints at most its bare total row, last, and a line saying it has nothing
        # to show (`无`) before it; reading order may print the header's later cells after them,
        # its 合计 among them (`无 合计 政府性基金预算支出 合计 基本支出 项目支出`)
        end = len(tokens)
        if tokens and tokens[-1][1] in header_words:
            while end and (tokens[end - 1][1] in header_words or (catalog.TOTAL_LABELS.match(tokens[end - 1][1])
                                                                  and end >= 2 and tokens[end - 2][1] in header_words)):
                end -= 1
            if not any(catalog.TOTAL_LABELS.match(t) for _, t in tokens[end:]):
                end = len(tokens)       # the header's 合计 is not among them: the rows' may be the last
        after_rows = tokens[end:]       # the header's cells printed after the rows
        rows: list[Run] = []
        endings = [catalog.TOTAL_LABELS, NOTHING_TO_SHOW]       # in either order
        while end and (ending := next((e for e in endings if e.match(tokens[end - 1][1])), None)) and \
                (end < 2 or tokens[end - 2][0] != tokens[end - 1][0]):
            endings.remove(ending)
            rows.insert(0, ([], [tokens[end - 1]], []))
            end -= 1
        return tokens[:end] + after_rows, rows
    start = first_amount
    # the first row's label is short: look for its start among the last few tokens only
    for i in range(first_amount - 1, max(-1, first_amount - 9), -1):
        if any(t in header_words for _, t in tokens[i + 1:first_amount]) or \
                (i < first_amount - 1 and tokens[i][1] in header_words):
            break       # `合计 因公出国(境)费 公务接待费 …` is the header's last line, not a row (nor
            # is its last cell before a row's label, `上年结余、结转 深圳市统计局（本级）`)
        if kinds[i] == "code" or LABEL_START.match(tokens[i][1]):
            start = i
            if kinds[i] == "code":
                while start > 0 and kinds[start - 1] == "code":
                    start -= 1
                start = _wrapped_head_start(tokens, kinds, start, header_words)
            break
    if start < first_amount and start > 0 and kinds[start - 1] == "text" and \
            tokens[start - 1][1] not in header_words and LABEL_START.match(tokens[start - 1][1]) and \
            ((by_line and tokens[start - 1][0] == tokens[first_amount][0]) or
             _same_top_item(tokens[start - 1][1], tokens[start][1])):
        # the two panels' items side by side open the row (`一、一般公共预算 一、其他支出
        # 215,020,000`, on one line or, one fragment a line, both numbered 一、): it starts
        # with the first of them
        start -= 1
    start = _numbered_head_above(tokens, kinds, start, header_words)
    if start == first_amount and _name_wrapped_around_first_figures(tokens, kinds, start, header_words):
        start -= 1
    if not by_line and (label := _first_label_before_header_total(tokens, kinds, first_amount, header_words)) is not None:
        # the amount columns' 合计 printed among the codes before the first figures: the row's
        # label is the one printed before them
        return tokens[:label] + tokens[label + 1:first_amount], \
            _runs_of(tokens[label:label + 1] + tokens[first_amount:], kinds[label:label + 1] + kinds[first_amount:], by_line)
    if start == first_amount and by_line:
        # a line layout: the text on the first amount's line, before it, is that row's label
        line = tokens[first_amount][0]
        while start > 0 and tokens[start - 1][0] == line and kinds[start - 1] == "text" \
                and tokens[start - 1][1] not in header_words:
            start -= 1
    elif start == first_amount and start > 0 and kinds[start - 1] == "text" and (
            (_names_a_row(tokens[start - 1][1], header_words) and
             (start < 2 or tokens[start - 2][0] != tokens[start - 1][0] or tokens[start - 1][0] == tokens[start][0]))
            or _opens_a_row_of_pairs(tokens, kinds, start, header_words)):
        # one fragment per line: the fragment before the first amounts is its row's label (the
        # last word of a line of words above them is the header's)
        start -= 1
    elif start == first_amount and not by_line and \
            (item := _item_before_late_header(tokens, kinds, start, header_words)) is not None:
        # reading order prints the other panel's header after the first row's label (`收入 项目
        # 一、一般公共预算财政拨款收入 支出 决算数 2,940.05`): those words are the header's
        return tokens[:item] + tokens[item + 1:first_amount], _runs_of(tokens[item:item + 1] + tokens[first_amount:],
                                                                        kinds[item:item + 1] + kinds[first_amount:], by_line)
    return tokens[:start], _runs_of(tokens[start:], kinds[start:], by_line)


def _same_top_item(label: str, other: str) -> bool:
    """Whether two labels are first-level items of the same number (`一、…` and `一、…`)."""
    return (m := TOP_ITEM.match(label)) is not None and other.startswith(m.group())


def _first_label_before_header_total(tokens: list[Token], kinds: list[str], first_amount: int,
                                     header_words: frozenset[str]) -> int | None:
    """Reading order prints the first row's label, then the codes and the header's cells with
    the amount columns' 合计 among them (`一般公共服务支出 05 201 … 项 201 201 合计 07 02 02
    2,932,700 …`; `… 201 38 合计 基本支出 项目支出 项 07 02 2,932,700 …`), then the row's figures.
    Where only header cells and code parts stand between a total label and the first figures,
    and the table's total row prints that label beside other figures later, the label is the
    header's; the first row's is the last text before it that is no piece of the header, with
    codes between them. Its index, or None."""
    total = None
    for i in range(first_amount - 1, -1, -1):
        t = tokens[i][1]
        if catalog.TOTAL_LABELS.match(t):
            total = i
            break
        if not ((t.isdigit() and len(t) <= 3) or t in CODE_PARTS or _is_header_token(t, header_words)):
            return None
    if total is None or total == first_amount - 1:
        return None
    # the figures printed around each later total label (before it where reading order prints
    # them early), without the code parts printed beside them
    around = [{parse_amount(t) for (_, t), kind in zip(tokens[i - 4:i] + tokens[i + 1:i + 5], kinds[i - 4:i] + kinds[i + 1:i + 5])
               if kind == "amount" and not (t.isdigit() and len(t) <= 3)}
              for i in range(first_amount, len(tokens)) if tokens[i][1] == tokens[total][1]]
    if not any(around) or any(parse_amount(tokens[first_amount][1]) in figures for figures in around):
        return None
    codes_between = False       # the rows' codes come between the first row's label and the header's 合计
    for i in range(total - 1, -1, -1):
        t = tokens[i][1]
        if kinds[i] == "text" and t not in CODE_PARTS and not _is_header_token(t, header_words) and len(t) >= 2:
            return i if codes_between else None
        codes_between = codes_between or kinds[i] == "code"
    return None


def _item_before_late_header(tokens: list[tuple[int, str]], kinds: list[str], first_amount: int,
                             header_words: frozenset[str]) -> int | None:
    """Where a numbered item (`一、…`) stands before the first amount with only a few header
    words after it (short ones, or the template's), each a fragment of its own line; None
    where there is none."""
    for i in range(first_amount - 2, max(-1, first_amount - 5), -1):
        between = tokens[i + 1:first_amount]
        if any(kd != "text" for kd in kinds[i + 1:first_amount]) or \
                any((len(t) > 4 and t not in header_words) or LABEL_START.match(t) for _, t in between) \
                or len({k for k, _ in between}) != len(between) or tokens[i][0] in {k for k, _ in between}:
            return None
        if kinds[i] == "text" and TOP_ITEM.match(tokens[i][1]):
            return i
    return None


def _runs_of(tokens: list[tuple[int, str]], kinds: list[str], by_line: bool) -> list[tuple[list, list, list]]:
    """The body's tokens as rows of (code tokens, label tokens, amount tokens)."""
    rows: list[tuple[list, list, list]] = []
    codes: list = []
    labels: list = []
    amounts: list = []
    prev_line = None
    below = None        # the line of a row's code printed below its figures: its tokens are that row's
    coded = False       # whether a row so far prints a code
    for n, ((k, t), kd) in enumerate(zip(tokens, kinds)):
        new_line = by_line and prev_line is not None and k != prev_line
        prev_line = k
        if k == below:
            rows[-1][1].append((k, t))
            continue
        if (amounts and kd != "amount") or (kd == "code" and labels) or \
                (new_line and (codes or labels or amounts) and kd != "amount"):
            rows.append((codes, labels, amounts))
            coded = coded or bool(codes)
            codes, labels, amounts = [], [], []
        if kd == "code" and rows and not codes and coded and _code_printed_below_its_row(tokens, kinds, n, rows[-1]):
            rows[-1][0].append((k, t))
            below = k
        elif kd == "code" and not labels:
            codes.append((k, t))
        elif kd == "amount":
            amounts.append((k, t))
        else:
            labels.append((k, t))
    if codes or labels or amounts:
        rows.append((codes, labels, amounts))
    return rows


def _code_printed_below_its_row(tokens: list[tuple[int, str]], kinds: list[str], n: int, row: Run) -> bool:
    """Whether code n, opening a line of words and no figures, is the row's just above (its
    label and figures on the line before, no code, no total; rows before it print codes): a
    row whose name wraps onto two lines prints its code centred, with the name's end, below
    the figures. Only where the line after opens another row (with a code, more after it) or
    a name's head alone (no figures beside it): a row of its own would print its figures there."""
    k = tokens[n][0]
    codes, labels, amounts = row
    if codes or not labels or not amounts or amounts[-1][0] != k - 1 or (n and tokens[n - 1][0] == k) or \
            catalog.TOTAL_LABELS.match(labels[0][1]) or sum(line == k - 1 for line, _ in labels + amounts) < 2:
        return False        # (nor where a text prints a cell a line: there every code stands alone)
    line = list(itertools.takewhile(lambda i: tokens[i][0] == k, range(n, len(tokens))))
    # (the next line printed: a page's foot may stand between)
    after = list(itertools.takewhile(lambda i: tokens[i][0] == tokens[line[-1] + 1][0], range(line[-1] + 1, len(tokens))))
    if any(kinds[i] == "amount" for i in line) or not after:
        return False
    opens_row = kinds[after[0]] == "code" and len(after) > 1
    return opens_row or not any(kinds[i] in ("amount", "code") for i in after)


def _panels_as_printed(columns: list[str], code_width: int, header: str) -> list[str]:
    """A layout of panels side by side (code, name, amount; again) with more panels than any
    line prints codes and than the header prints names: its first panels, as many as are
    printed (a 基本支出决算表 of 人员经费 | 公用经费 under the template that continues 公用经费 in
    a third). Where one fragment is printed per line no line shows the panels: not asked."""
    starts = [j for j, c in enumerate(columns) if catalog.is_code_column(c)]
    if code_width < 1 or len(starts) <= code_width or starts[0] != 0:
        return columns
    width = starts[1] - starts[0]
    leaves = [Column.parse(c).leaf for c in columns]
    if len(columns) != width * len(starts) or any(leaves[j:j + width] != leaves[:width] for j in starts):
        return columns      # (panels alike, nothing beside them)
    if max(header.count(squash(leaf)) for leaf in leaves[:width]) > code_width:
        return columns
    return columns[:width * code_width]


def _row_width(runs: list[Run]) -> int:
    """How many amounts a row prints at most, where reading order prints several rows'
    amounts after one label (8 after one label, 4 after others: two rows of 4)."""
    counts = {len(a) for _, _, a in runs if a}
    whole = [n for n in counts if not any(m > 1 and n % m == 0 and n // m >= 2 for m in counts if m < n)]
    return max(whole or counts or {0})


RARE_WIDTH = 0.01       # a share of rows printing as many figures: fewer than this is no template's width


def _usual_runs(runs: list[Run]) -> list[Run]:
    """The runs printing a count of figures that more than a few rows print."""
    counts = Counter(len(a) for _, _, a in runs if a)
    return [run for run in runs if counts[len(run[2])] > max(2, RARE_WIDTH * len(runs))]


def _template_columns(spec: TableSpec, header: list[Token], runs: list[Run], tokens: list[Token],
                      printed_header: str, strays: Callable[[], str], layout: str,
                      year: str, per_period: bool) -> tuple[list[str] | None, float]:
    """The columns a template gives a table read from tokens, and how surely its printed
    header holds them: the spec's best layout; outside the catalogue, a known layout only
    where it holds surely; a second look with the header's words that reading order printed
    among the rows (`strays()`, found only when needed); the header's last line where it names every column. None
    where nothing fits."""
    width = _row_width(runs) if layout == "fragment" else max([len(a) for _, _, a in runs] + [0])
    codes_per_line = Counter(k for k, t in tokens if ECONOMIC_CODE.match(t))
    code_width = max(codes_per_line.values(), default=0)
    by_line = layout != "fragment"
    columns, fit = _choose_layout(spec, printed_header, year, width, code_width, per_period, by_line) \
        if spec.layouts else (None, 0.0)
    if columns is None and spec.layouts and layout == "fragment" and (most := _row_width(_usual_runs(runs))) < width:
        # a row or two printing more figures than the rest (a code read as one): the template the
        # header holds surely stands where the other rows fit it (those rows then doubt the table)
        held, surely = _choose_layout(spec, printed_header, year, most, code_width, per_period, by_line)
        if held is not None and surely >= SETTINGS.sure_layout:
            columns, fit = held, surely
    if columns is not None and layout != "fragment":
        columns = _panels_as_printed(columns, code_width, squash(printed_header))
    if not spec.layouts and header:      # outside the catalogue: a known layout only where it holds surely
        known, surely = _choose_layout(catalog.ANY_LAYOUT, printed_header, year, width, code_width, per_period,
                                       by_line)
        if known is not None and surely >= SETTINGS.sure_layout:
            squashed = squash(printed_header)
            # a template's last text columns the header does not print (绩效目标) are not this table's
            while known and Column.parse(known[-1]).holds_words and \
                    _word_presence(Column.parse(known[-1]).leaf, squashed) == 0:
                known = known[:-1]
            columns, fit = known, surely
    if fit < SETTINGS.sure_layout and (among := strays()):      # with the header's words printed among the rows
        columns, fit = max([(columns, fit), _choose_layout(spec, printed_header + " " + among, year, width, code_width,
                                                           per_period, by_line)],
                           key=lambda chosen: chosen[1])
    labelled = any(codes or labels for codes, labels, _ in runs)
    # a header printed whole on one line, or a cell a line: read as printed (a stacked one only
    # where spaces keep its cells apart: single spaces also part the pieces a cell is wrapped into)
    lines = {k for k, _ in header}
    cell_a_line = layout == "fragment" and len(lines) == len(header)
    one_line = [(0, t) for _, t in header] if cell_a_line else header      # (its cells as one printed line)
    printed = _header_line_whole(one_line, width, labelled) \
        if (layout == "space" or len(lines) == 1 or cell_a_line) and fit < SETTINGS.sure_layout and \
        not spec.form else None
    if printed is not None:
        columns, fit = printed, 1.0
    return columns, fit


def _fill_token_grid(table: Table, content: list[tuple[int, str]], spec: TableSpec, context: Context,
                     layout: str) -> float:
    """The table read from its tokens; how surely its printed header holds the columns given it."""
    if not spec.layouts and layout == "space" and _fill_positional(table, content):
        return 1.0
    if layout == "fragment" and not spec.layouts and (numbered := _numbered_fragment_rows(content)) is not None:
        grid, drawn = numbered
        _fill_tab_grid(table, grid, spec, False, context.year, body_from=grid[1][0], drawn_from=drawn)
        return 1.0
    if layout == "fragment" and (by_rows := _column_major_rows(content)) is not None:
        lines, seated = by_rows
        _fill_tab_grid(table, lines, spec, False, context.year)
        for j in (j for j, c in enumerate(table.columns) if seated and c.leaf == seated):
            for row in table.rows:
                if row[j].text:
                    row[j] = replace(row[j], inferred=SEATED_BY_TOTALS)
        return 1.0
    year = context.year
    tokens = stream_tokens(content)
    kinds = classify(tokens)
    if not spec.prints_codes:
        # a table whose templates print no code: a whole number after a row's label is its
        # figure (`3、事业收入 3555000 7、文化旅游…`), however like a 项's code it looks
        kinds = ["amount" if kind == "code" and i and tokens[i - 1][0] == k and is_amount(t) else kind
                 for i, ((k, t), kind) in enumerate(zip(tokens, kinds))]
    header_words = frozenset(w for layout in spec.layouts for w in path_words(layout)
                             if "{year}" not in w and len(w) > 2)
    header, runs = _row_runs(tokens, kinds, by_line=False, header_words=header_words, labels_alone=bool(spec.layouts))
    words = {w for layout in spec.layouts for w in path_words(layout)} | COLUMN_NUMBER_WORDS

    def is_header_word(t: str) -> bool:
        return t in words or _is_header_token(t, header_words)
    if layout == "fragment":        # one fragment per line, as reading order prints a table
        header, runs = _first_rows_total_label(header, runs, is_header_word)
        header, runs = _first_rows_labels_among_header(header, runs, is_header_word)
        runs = _figures_after_header_cells(runs, is_header_word)
        runs = _whole_figures_before_codes(runs)
        if _may_print_codes(spec):
            runs = _code_blocks_as_rows(runs, is_header_word)
            runs = _codes_printed_late(header, runs, is_header_word)
        runs = _totals_printed_late(runs, is_header_word, frozenset(t for _, t in header))
        runs = _figures_printed_apart(runs)

    def strays(rows: list[Run] | None = None) -> str:
        """The header's words that reading order prints among the rows (the runs as now, or `rows`)."""
        return " ".join(t for codes, labels, amounts in (runs if rows is None else rows) for _, t in labels
                        if is_header_word(t) and not catalog.TOTAL_LABELS.match(t) and not LABEL_START.match(t))
    header_text = " ".join(t for _, t in header)
    if header:
        table.header_lines = (header[0][0], header[-1][0])
    width = max([len(a) for _, _, a in runs] + [0])
    # the layout is judged on every header line as printed: the token stream leaves out
    # column-number lines (`行次`, `栏次 1 2`) that tell one template from another
    first_body = runs[0][0][0][0] if runs and runs[0][0] else (runs[0][1][0][0] if runs and runs[0][1] else None)
    header_line_set = {k for k, _ in header}
    # (a numbered item is a row's label, never a header cell: in reading order the rows may come
    # before a late header's words, and their words name no column)
    printed = [(k, line) for k, line in content if (first_body is None or k < first_body or k in header_line_set)
               and not (layout == "fragment" and LIST_NUMBER.match(line.strip()))]
    printed_lines = [line for _, line in printed]
    # a line a header row (not where one fragment is printed per line): words another template
    # names count against a layout only where a line prints them (see _choose_layout)
    printed_header = ("\n" if layout != "fragment" else " ").join(printed_lines) if header else header_text
    written, fit = _template_columns(spec, header, runs, tokens, printed_header, strays, layout, year,
                                     context.per_period)
    has_code = written is not None and Column.parse(written[0]).role in (ColumnRole.CODE, ColumnRole.CODE_PART) or \
        (written is None and any(c for c, _, _ in runs))
    label_pieces = 0
    named_by_header = False     # no template's: every column named by the printed header's words
    if written is None:
        label_pieces = _label_pieces(runs) if layout == "fragment" and not has_code else 0
        by_place = _header_words_by_place(header, context.printed) \
            if layout == "space" and context.printed is not None else None
        written, named_by_header = _generic_columns(by_place or header_text, width, has_code, label_pieces)
    written = _name_beside_its_code(written)
    # from here on the columns are typed: their paths and roles are not read from words again
    row_labels = {t for codes, labels, _ in runs for _, t in codes + labels}
    columns = _repeated_leaf(_split_code_columns(
        _word_named_otherwise(_words_as_printed(parse_columns(written), printed_lines), printed_lines, row_labels),
        printed_header + " " + header_text, runs), printed_lines)
    # the label pieces' columns hold words whatever the header calls them (一级 二级 三级)
    columns = [replace(c, role=ColumnRole.TEXT) if j < label_pieces and not c.holds_words else c
               for j, c in enumerate(columns)]
    if runs and not any(codes or labels for codes, labels, _ in runs):
        # rows of figures alone: the template's label columns the header does not print are
        # not this table's (a unit's 收入总表 printed without its unit's code and name)
        squashed = squash(printed_header)
        columns = [c for c in columns if not c.holds_words or _word_presence(c.leaf, squashed) > 0]
    column_words = {w for c in columns for w in c.path}
    as_read = runs      # (the header is judged on the rows as read, before the header's cells among them go)
    if layout == "fragment":        # the header's cells that reading order printed among the rows
        runs = _total_label_after_header_cells(runs, is_header_word)
        runs = _total_row_among_header_cells(header, runs, column_words, len(columns) - sum(c.holds_words for c in columns))
        if fit < SETTINGS.sure_layout and len(runs) == 1 and not runs[0][0] and len(runs[0][1]) == 1 and \
                (total := runs[0][1][0]) in header and (total[0], total[1]) in printed and \
                runs[0][2] and all(parse_amount(t) == 0 for _, t in runs[0][2]):
            # an empty table's total row's label, printed alone among the header's cells, is no
            # cell of the header's own: the header is judged without it (合计 over 小计 0.00 …)
            printed_lines = [line for k, line in printed if k != total[0]]
            fit = _template_columns(spec, [t for t in header if t != total], runs, tokens, " ".join(printed_lines),
                                    lambda: strays(as_read), layout, year, context.per_period)[1]
        column_words |= {t for codes, labels, amounts in runs if not codes and not amounts
                         and all(is_header_word(t) and not LIST_NUMBER.match(t) for _, t in labels) for _, t in labels}
    # (a header matched in part doubts where figures stand: a table the document says holds no
    # data, read without a figure, has none to misplace)
    said_empty = not any(amounts for _, _, amounts in as_read) and any(NO_DATA_NOTE.search(n) for n in table.notes)
    if as_read and fit < SETTINGS.sure_layout and not named_by_header and not said_empty and \
            (fit < SETTINGS.broken_header_words or not _printed_in_header(columns, printed_lines)):
        # the cells' columns follow a template the printed header matches only in part (a
        # template of the table's kind ending in columns the header names word for word, its
        # words wrapped over lines, is no doubt)
        table.add_doubt(f"the printed header matches the columns only in part ({fit:.0%}); "
                        "check the columns against the source", of_columns=True)
    elif as_read and fit < 1 and not said_empty and not _printed_in_header(columns, printed_lines) and \
            len(unnamed := _cells_no_column_names(columns, printed_lines, row_labels)) > 1:
        # a template holding most of the header, less a column the header names otherwise (the
        # pieces of its wrapped name: one word alone is as likely a group or a synonym, 科目代码)
        table.add_doubt(f"the printed header names what no column of the template does ({'、'.join(unnamed)}); "
                        "check the columns against the source", of_columns=True)
    runs = [run for run in runs if not _header_again(run, column_words)]
    if layout == "fragment":        # (header words whole: a list's row may name a column, 二、政府性基金预算财政拨款)
        # (and the header's own pieces as this text cuts them, `支出项目类别（资金使用单` `位）`: pieces
        # of the columns' names, not a first row's labels the header took)
        folded = {unicodedata.normalize("NFKC", w) for w in column_words}
        whole_words = column_words | {w.replace("{year}", year) for w in words} | \
            {t for _, t in header if not catalog.TOTAL_LABELS.match(t) and any(t in w for w in folded)}
        long_names = [name for name in folded if len(name) >= MIN_WRAPPED_NAME]
        runs = [cut for run in runs if any(cut := _column_name_pieces_cut(_header_again_cut(run, whole_words),
                                                                          long_names))]
        label_leaves = tuple(c.leaf for c in columns if c.holds_words and c.leaf)
        if again := _header_among_labels(runs, {t for _, t in header if not catalog.TOTAL_LABELS.match(t)},
                                          label_leaves):
            table.add_doubt(f"the header's words ({again}) are printed again among the rows: one panel was likely "
                            "printed after the other, and their rows read out of step; check the rows against the source")
    table.columns = columns
    text_cols = [j for j, c in enumerate(columns) if c.holds_words]
    if layout == "fragment":
        runs = _total_label_printed_early(_total_figures_printed_early(runs, len(columns) - len(text_cols), column_words))
    stated = (context.stated if table.unit == "万元" else ()) + \
        tuple((label, value) for label, value, unit in context.labelled if unit == table.unit)   # the text's are in 万元
    # (no figure but the header's column numbers, `1 2 3` a line each in a reading-order text)
    if text_cols and all(kind != "amount" or is_short_number(t) for (_, t), kind in zip(tokens, kinds)) and \
            (layout == "fragment" or not runs) and _empty_table_rows(table, tokens, runs, text_cols):
        _unnumbered_template_columns_dropped(table, printed_lines)
        return fit
    body = Body(table, content, spec, context, tokens, kinds, runs, header_words, column_words, is_header_word,
                stated, text_cols, has_code)
    shape = body_shape(columns, text_cols, has_code, layout)
    BODY_READERS[shape](body)
    _total_row_seated_by_column_sums(table)
    fewest = 1 if shape in (BodyShape.CODED_LIST, BodyShape.LABEL_COLUMNS) else 3
    _header_cut_from_the_first_label(table, text_cols, body.header_pieces, fewest)
    _bracketed_labels_joined(table)     # (before the rows are judged: a wrapped label's pieces are no rows)
    for why in _read_out_of_step(table, text_cols, body.header_pieces, fewest, context.printed):
        table.add_doubt(why)
    _unnumbered_template_columns_dropped(table, printed_lines)
    return fit


LONGEST_LABEL = 200     # characters of a row's own label after header words run into it


def _header_cut_from_the_first_label(table: Table, text_cols: list[int], header_pieces: frozenset[str],
                                     fewest: int) -> None:
    """The header's last words run into the first row's label (`收入支出项目金额…预算财政拨款一、一般公共
    预算财政拨款`: a header printed a cell a line ended late): the label is what follows them, where
    that opens a row (一、, 合计, …) and they are `fewest` of the header's words or more (the
    shortest such label: the header's own words may open a row too, 合计)."""
    first = next((row for row in table.rows if any(j < len(row) and row[j].text for j in text_cols)), None)
    if first is None:
        return
    for j in text_cols:
        text = first[j].text if j < len(first) else ""
        cut = max((i for i, words in _words_run(text, header_pieces).items()
                   if max(4, len(text) - LONGEST_LABEL) <= i < len(text) - 1 and words >= fewest
                   and starts_row(text[i:])), default=None)
        if cut is not None:
            first[j] = replace(first[j], text=text[cut:])


def _read_out_of_step(table: Table, text_cols: list[int], header_pieces: frozenset[str], header_words: int,
                      printed: PrintedPages | None) -> Iterator[str]:
    """Why the rows any body reader made were likely read out of step with the source (each a
    doubt): the header's words (`header_words` of them at least) read as a label, a label
    holding two rows' codes or figures run together, or two cells a layout text (`printed`)
    prints apart, labels alone after the last figures."""
    if header_again := _header_read_as_label(table, text_cols, header_pieces, header_words):
        yield (f"the header's words ({header_again}) were read as a row's label: the rows around it are "
               "likely out of step; check the rows against the source")
    if joined := next((text for row in table.rows for j in text_cols if j < len(row) and
                       len(BRACKETED_CODE.findall(text := row[j].text)) > 1), None):
        yield (f"a label holds two rows' codes ({joined}): reading order printed labels apart from their "
               "figures; check the rows against the source")
    code_cols = [j for j in text_cols if table.columns[j].role in (ColumnRole.CODE, ColumnRole.CODE_PART)]
    if code_cols and (named := next((text for row in table.rows if not any(j < len(row) and row[j].text for j in code_cols)
                                     for j in text_cols if j < len(row) and CODE_THEN_NAME.match(text := row[j].text)),
                                    None)):
        yield (f"a code glued to its name ({named}) stands in the name's column, its code column empty: the "
               "extractor printed them without a space; check the rows against the source")
    names = [j for j in text_cols if table.columns[j].role == ColumnRole.NAME]
    filled = [sum(1 for row in table.rows if j < len(row) and row[j].text) for j in names]
    if len(names) >= 2 and max(filled) >= NAMED_ROWS and \
            (empty := [table.columns[j].text for j, n in zip(names, filled) if not n]):
        # (two classifications side by side name every row twice: 工资福利支出 beside 机关工资福利支出)
        yield (f"no row holds a name in {'、'.join(empty)}, while the rows' names fill another column: each "
               "row's names were likely read as rows of their own; check the rows against the source")
    if glued := next((text for row in table.rows for j in text_cols if j < len(row) and
                      GLUED_FIGURES.fullmatch(text := row[j].text)), None):
        yield (f"figures run together ({glued}) were read as a label: the extractor printed them without a "
               "space; check the rows against the source")
    if cut := next((text for row in table.rows for j, cell in enumerate(row) if j not in text_cols and
                    BARE_DECIMALS.fullmatch(text := cell.text)), None):
        yield (f"a figure's decimals ({cut}) were read as a figure of their own: the extractor printed a figure "
               "cut over two lines; check the rows against the source")
    if printed is not None and (apart := _cells_printed_apart(table, text_cols, printed)):
        yield (f"a label ({apart}) joins two cells its line prints apart: cells of two columns or panels were read "
               "as one; check the rows against the source")
    trailing, among = _labels_apart_from_figures(table, text_cols)
    if trailing:
        yield (f"{trailing} and the rows after it hold no figure under a last row of figures, in a table "
               "printing every figure (0.00 for none): reading order printed labels apart from their figures; "
               "check the rows against the source")
    elif len(among) >= 2:
        yield (f"{len(among)} rows among rows of figures hold labels alone ({among[0]}), in a table printing "
               "every figure (0.00 for none): reading order printed labels, or the header again, apart from "
               "their figures; check the rows against the source")


NAMED_ROWS = 3          # rows one name column fills at least before another's emptiness tells
CELLS_APART = 4         # spaces a layout text prints between two cells, never inside one's words
WORDS_APART = 3         # characters each side holds at least (`合    计`, `项    目` are one cell spaced)


def _cells_printed_apart(table: Table, text_cols: list[int], printed: PrintedPages) -> str:
    """In a table of two label columns or more (panels side by side), the first label read
    from one line that joins two of its chunks printed `CELLS_APART` spaces apart or more,
    each of words; "" where there is none. (A table of one label column may print a group's
    name apart from its items' on their first line: `一般公共预算资金    公共财政拨款资金`.)"""
    labels = [j for j in text_cols if table.columns[j].role not in (ColumnRole.CODE, ColumnRole.CODE_PART)]
    if len(labels) < 2:
        return ""
    for row in table.rows:
        for j in labels:
            cell = row[j] if j < len(row) else Cell("")
            if len(cell.lines) != 1 or len(cell.text) < 2 * WORDS_APART or not 0 < cell.lines[0] <= len(printed.lines):
                continue
            chunks = list(CHUNK.finditer(printed.lines[cell.lines[0] - 1]))
            label = squash(cell.text)
            if any(b.start() - a.end() >= CELLS_APART and min(len(a.group()), len(b.group())) >= WORDS_APART and
                   squash(normalise(a.group() + b.group())) in label for a, b in zip(chunks, chunks[1:])):
                return cell.text
    return ""


def _amount_columns(table: Table, text_cols: list[int]) -> list[int]:
    return [j for j in range(len(table.columns)) if j not in text_cols]


def _labels_apart_from_figures(table: Table, text_cols: list[int]) -> tuple[str, list[str]]:
    """Where every row of figures fills every amount column and some print zeros (a template
    printing 0.00, not a blank, for nothing), a row of labels alone is no row as printed: the
    first such row after the last row of figures ("" where none), and those between rows of
    figures — the labels reading order printed apart from their figures, or the header again."""
    amount_cols = _amount_columns(table, text_cols)
    figured = [r for r, row in enumerate(table.rows) if any(j < len(row) and row[j].text for j in amount_cols)]
    cells = [table.rows[r][j] if j < len(table.rows[r]) else Cell("") for r in figured for j in amount_cols]
    if not text_cols or not cells or any(not c.text for c in cells) or not any(c.value == 0 for c in cells):
        return "", []

    def label(row: list[Cell]) -> str:
        return "".join(row[j].text for j in text_cols if j < len(row))
    trailing = next((text for row in table.rows[figured[-1] + 1:] if (text := label(row))), "")
    with_figures = set(figured)
    among = [text for r in range(figured[0] + 1, figured[-1]) if r not in with_figures and (text := label(table.rows[r]))]
    return trailing, among


CODE_THEN_NAME = re.compile(r"\d{3,}" + HAN)     # `119001西安市统计局`: a code and a name, no space
GLUED_FIGURES = re.compile(r"-?[\d,]+\.\d+(?:-?[\d,]+\.\d+)+")     # `57,900.00775,000.00`: two figures or more, no space
BARE_DECIMALS = re.compile(r"\.\d+")     # `.73`: the decimals of a figure printed cut over two lines
BRACKETED_CODE = re.compile(r"[\[【]\d{3,}[\]】]")       # a 科目's code printed in its name (`[20105]统计信息事务`)


def _header_read_as_label(table: Table, text_cols: list[int], header_pieces: frozenset[str], fewest: int) -> str:
    """A row's label made of `fewest` of the header's words or more (科目编码类款项, 收入项目支出决算数项目):
    the header read among the rows. A list's names (科目, units) never are; a summary's labels
    may name two (一般公共预算拨款收入); none is a label column's name (支出项目类别（资金使用单位）),
    nor an amount column's run on from column numbers on a row of no figure (`12一般公共预算`).
    Not a total, nor the header printed again over its column numbers (a row dropped as such).
    The label, or ""."""
    amount_cols = _amount_columns(table, text_cols)
    label_names = {unicodedata.normalize("NFKC", table.columns[j].leaf) for j in text_cols
                   if len(table.columns[j].leaf) >= 4}
    # (an amount column's name after its column numbers is no row's label where no figure stands beside)
    amount_names = {unicodedata.normalize("NFKC", table.columns[j].leaf) for j in amount_cols
                    if len(table.columns[j].leaf) >= 4}
    for row in table.rows:
        figures = [row[j].text for j in amount_cols if j < len(row) and row[j].text]
        if numbers_columns(figures):
            continue
        for j in text_cols:
            text = row[j].text if j < len(row) else ""
            words = _after_column_numbers(text)
            if text and not catalog.TOTAL_LABELS.match(text) and \
                    (words in label_names or (words != text and words in amount_names and not figures)
                     or _made_of_words(words, header_pieces, fewest)):
                return text
    return ""


def _after_column_numbers(text: str) -> str:
    """`text` without the column numbers a reading order ran on into its head (`12一般公共预算`,
    `1415单位资金`: numbers counting up one by one, 1 to 99); a code (`2010301行政运行`) stays."""
    digits = re.match(r"\d+", text)
    if digits is None or digits.end() == len(text):
        return text

    def counts_up(rest: str, after: int | None) -> bool:
        if not rest:
            return after is not None
        return any(rest[:size][0] != "0" and (after is None or int(rest[:size]) == after + 1)
                   and counts_up(rest[size:], int(rest[:size])) for size in (1, 2) if size <= len(rest))
    return text[digits.end():] if counts_up(digits.group(), None) and len(digits.group()) > 1 else text


def _column_number_rows(header_lines: list[str]) -> list[list[str]]:
    """The header's rows of column numbers (`栏次 1 2 3`, `栏 次 1 栏 次 2`); printed a cell a line
    (PyMuPDF: `栏 次` / `1` / `栏 次` / `2` / `3`), the consecutive lines of such cells make one row."""
    rows: list[list[str]] = []
    run: list[str] = []
    for line in header_lines + ["end"]:
        cells = line.split()
        if not cells:
            continue
        if all(squash(c) in COLUMN_NUMBER_WORDS or is_short_number(c) for c in cells):
            run += cells
            continue
        if any(c.isdigit() for c in run) and is_column_number_row(run):
            rows.append(run)
        run = []
    return rows


def _unnumbered_template_columns_dropped(table: Table, header_lines: list[str]) -> None:
    """Where the header numbers its amount columns (`栏次 1 栏次 2 3 4`), the table has that
    many: a template's amount columns beyond them that the header does not name and no row
    fills are not this table's (国有资本经营预算财政拨款 where a region prints only the funds
    it has)."""
    amounts = _headed_amounts(table)
    empty = [j for j in amounts if not any(j < len(r) and r[j].text for r in table.rows)]
    if not empty:
        return
    numbers = {int(t) for cells in _column_number_rows(header_lines) for t in cells if t.isdigit()}
    if not numbers or numbers != set(range(1, max(numbers) + 1)) or len(amounts) <= max(numbers):
        return
    printed = squash(" ".join(header_lines))
    unnamed = [j for j in empty if not _word_presence(table.columns[j].leaf, printed)]
    if len(unnamed) < len(amounts) - max(numbers):
        return
    dropped = set(unnamed[len(unnamed) - (len(amounts) - max(numbers)):])
    table.columns = [c for j, c in enumerate(table.columns) if j not in dropped]
    table.rows = [[cell for j, cell in enumerate(r) if j not in dropped] for r in table.rows]


class BodyShape(StrEnum):
    """How a table's rows print, as its typed columns show: which reader reads its body."""
    FIGURES = "figures"                 # no label column: rows of figures alone (the 三公 table)
    NUMBERED_PANELS = "numbered panels" # panels that number their rows (行次, 栏次)
    CODED_PANELS = "coded panels"       # (code, name, amount) panels side by side (公开06)
    LABEL_COLUMNS = "label columns"     # several label columns, then the amounts, a line a row
    PANELS = "panels"                   # a label and its amounts, in one panel or two side by side
    CODED_LIST = "coded list"           # a classification's codes and names, then the amounts


def body_shape(columns: list[Column], text_cols: list[int], has_code: bool, layout: str) -> BodyShape:
    """The shape of a table's body, by its columns' roles and places (and whether its rows
    print codes): never by the columns' names."""
    if not text_cols:
        return BodyShape.FIGURES
    if any(c.role == ColumnRole.SEQUENCE for c in columns):
        return BodyShape.NUMBERED_PANELS
    panel_codes = [j for j, c in enumerate(columns) if c.opens_code]
    if len(panel_codes) > 1 and any(j not in text_cols for j in range(panel_codes[0], panel_codes[-1])):
        return BodyShape.CODED_PANELS       # code columns with amounts between them, not label pairs
    leading = _leading(text_cols)
    last_amount = max((j for j in range(len(columns)) if j not in text_cols), default=0)
    labels_first = len(leading) > 1 and all(j in leading or j > last_amount for j in text_cols)
    if labels_first and (not has_code or (layout in ("space", "fragment") and len(panel_codes) > 1)):
        # (code-and-name pairs need a line a row, or a cell a line, to tell their rows)
        return BodyShape.LABEL_COLUMNS
    return BodyShape.CODED_LIST if has_code else BodyShape.PANELS


def _leading(text_cols: list[int]) -> list[int]:
    """The label columns that open a row, before its first amount column."""
    return list(itertools.takewhile(lambda j: j in text_cols, itertools.count()))


@dataclass
class Body:
    """A table's body as every body reader takes it: its lines, their tokens and runs, the
    header's vocabulary, and its typed columns (on the table)."""
    table: Table
    content: list[tuple[int, str]]
    spec: TableSpec
    context: Context
    tokens: list[Token]
    kinds: list[str]
    runs: list[Run]
    header_words: frozenset[str]
    column_words: set[str]
    is_header_word: Callable[[str], bool]
    stated: tuple[tuple[str, Decimal], ...]
    text_cols: list[int]
    has_code: bool

    @property
    def by_line(self) -> bool:
        return self.table.layout == "space"

    @cached_property
    def header_pieces(self) -> frozenset[str]:
        """The header's words and their endings (科目编码 of 支出功能分类科目编码), as extractors cut them."""
        return frozenset({w[i:] for w in self.column_words | self.header_words for i in range(len(w) - 1)} |
                         self.column_words)

    @cached_property
    def header_lines_printed(self) -> frozenset[str]:
        """The header's lines as printed, spaces taken out: a continuation page prints them again."""
        first, last = self.table.header_lines or (0, -1)
        return frozenset(squash(line) for k, line in self.content if first <= k <= last)

    def line_runs(self) -> list[Run]:
        """Runs a line each, as a layout that keeps lines prints rows."""
        return _line_runs(self.tokens, self.kinds, self.header_words, self.column_words, bool(self.spec.layouts))


def _read_figures(body: Body) -> None:
    """Rows of amounts alone (the 三公 table): seated like any other row."""
    table, columns = body.table, body.table.columns
    # no column holds codes: a whole number read as one (`80` before header words) is a figure
    runs = [([kt for kt in codes if not is_amount(kt[1])], labels, [kt for kt in codes if is_amount(kt[1])] + amounts)
            for codes, labels, amounts in body.runs]
    amounts_of = [[(clean_number(t), k) for k, t in amounts] for _, _, amounts in runs if amounts]
    if table.layout == "fragment" and sum(len(a) for a in amounts_of) <= len(columns):
        # reading order cut the one row of figures where header words fell between them
        amounts_of = [[a for row in amounts_of for a in row]][:1]
    # (a line of single characters above the figures is the header's last: the ends of cells
    # wrapped under their names, `费 费 费 用`)
    printed = dict(body.content)
    among = [t for codes, labels, _ in _heading_run_on_dropped(runs) for k, t in codes + labels
             if not (k in printed and _single_characters(printed[k]))]
    if among:       # text among the figures (header cells printed between them): rows unsure
        table.add_doubt(f"text among the figures of a table without label columns ({' '.join(among[:3])}…); "
                        "check the rows against the source")
    table.rows = [[Cell("", tuple(k for _, k in a)) for _ in columns] for a in amounts_of]
    place_amounts(table, table.rows, amounts_of, body.spec, [], body.stated, body.context.printed,
                  body.context.natures)


def _heading_run_on_dropped(runs: list[Run]) -> list[Run]:
    """The runs less the words printed after the last figure on its own line: the next part's
    heading a text sorted by place runs on after the table (`… 217.83    其他相关情况说明`), no
    header cell between the figures."""
    last = max((i for i, (_, _, amounts) in enumerate(runs) if amounts), default=None)
    if last is None:
        return runs
    line = runs[last][2][-1][0]
    after = runs[last + 1:]
    return runs[:last + 1] if after and all(k == line for codes, labels, amounts in after
                                            for k, _ in codes + labels + amounts) else runs


def _single_characters(line: str) -> bool:
    """Whether a line prints characters one apart from the next, two at least (`费 费 用`)."""
    return len(cells := line.split()) >= 2 and all(len(cell) == 1 for cell in cells)


def _read_numbered_panels(body: Body) -> None:
    columns = body.table.columns
    lines: list[tuple[tuple[int, ...], str]] = \
        [((k,), line) for k, line in body.content] if body.by_line else numbered_lines(body.tokens)
    body.table.rows = numbered_rows(columns, lines, catalog.resolve_rules(columns, body.spec.column_rules))


def _read_coded_panels(body: Body) -> None:
    printed = body.context.printed
    body.table.rows = coded_panel_rows(body.table.columns, body.content, by_line=body.by_line,
                                       is_header_word=body.is_header_word,
                                       printed=printed.lines if printed is not None else None)


def _read_label_columns(body: Body) -> None:
    """Label columns first (two code-and-name pairs: 部门经济科目 … 政府经济科目 …; or a unit,
    a code and a name), amounts after (备注 and such last): a line is a row, or in reading
    order a row's labels then its amounts (a unit and a year, then the year's figures)."""
    columns, leading = body.table.columns, _leading(body.text_cols)
    runs = body.line_runs() if body.by_line else _first_labels_from_header(body, body.runs, len(leading))
    if not body.has_code and any(columns[j].role == ColumnRole.CODE for j in leading):
        runs = _wrapped_names_joined(runs, body.header_words)    # a name wrapped around its code's line
    if sum(columns[j].opens_code for j in leading) > 1:
        # `30101 基本工资 50101 工资奖金津补贴`, `301 01 基本工资 501 01 …`: one row's label pairs, read as runs
        next_line = {k: after for (k, _), (after, _) in zip(body.content, body.content[1:])}
        runs = _first_codes_set_low(_label_pairs_joined(runs, next_line), next_line, len(leading))
    _fill_label_columns(body.table, runs, leading, body.spec, body.stated,
                        tuple(j for j in body.text_cols if j not in leading), body.context.printed,
                        body.context.natures)


def _first_labels_from_header(body: Body, runs: list[Run], label_columns: int) -> list[Run]:
    """Reading order: the first row's labels before its figures are taken as the header's but
    the last (a unit, then its year: `深圳市统计局（本级）` `2025 年` `59.62` …). Where the first
    row prints fewer labels than the table has label columns, the fragments just before them
    that no column names and that name a row are its first labels."""
    if not runs or not any(runs[0]):
        return runs
    codes, labels, amounts = runs[0]
    missing = label_columns - len(codes) - len(labels)
    first = (codes + labels + amounts)[0]
    at = next((i for i, token in enumerate(body.tokens) if token == first), 0)     # (0: not among them)
    taken: list[Token] = []
    while missing > 0 and at > 0:
        k, t = body.tokens[at - 1]
        if t in body.column_words or body.is_header_word(t) or is_amount(t) or not _names_a_row(t, body.header_words):
            break
        taken.insert(0, (k, t))
        at, missing = at - 1, missing - 1
    return [(codes, taken + labels, amounts)] + runs[1:] if taken else runs


def _read_panels(body: Body) -> None:
    """A label and its amounts, in one panel or two side by side (the summaries)."""
    table, columns, text_cols, content = body.table, body.table.columns, body.text_cols, body.content
    runs = body.line_runs() if body.by_line else body.runs
    if not body.by_line and text_cols == [0]:
        runs = _late_labels_seated(_first_figures_labelled_from_header(body, runs), len(columns) - 1, body.column_words)
    if body.by_line and text_cols == [0, len(columns) - 1] and len(columns) > 2:
        # a label, amounts, then a description (绩效目标): two columns of wrapped text
        row_lines = {k for codes, labels, amounts in runs for k, _ in codes + labels + amounts}
        names = _folded(squash(part) for c in columns for part in c.path)
        described = _described_rows([(k, line) for k, line in content if k in row_lines and
                                     not _header_pieces_again(line, names)], len(columns))
        if described is not None:
            described_rows, described_amounts, left_over = described
            place_amounts(table, described_rows, described_amounts, body.spec, text_cols, body.stated,
                          body.context.printed, body.context.natures)
            table.rows = described_rows
            table.notes += left_over        # text under the last row that no cell takes
            return
    descriptions: list[tuple[Token, list[Token]]] = []
    if not body.by_line and text_cols == [0, len(columns) - 1] and len(columns) > 2:
        runs, descriptions = _descriptions_apart(runs)
    alternating = len(text_cols) > 2 and text_cols[0] == 0 and all(j + 1 not in text_cols for j in text_cols)
    if alternating and body.by_line:
        printed = body.context.printed
        places = {k: fold(printed.lines[k - 1]) for k, _ in content if k <= len(printed.lines)} \
            if printed is not None and keeps_places(content, printed) else None
        table.rows, ambiguous = side_by_side_rows(columns, text_cols, runs, dict(content), places)
        if ambiguous:
            table.add_doubt(ambiguous)
    elif alternating:
        table.rows, ambiguous = stream_panel_rows(columns, text_cols, runs)
        if ambiguous:
            table.add_doubt(ambiguous)
    else:
        table.rows = panel_rows(columns, text_cols, runs, by_line=body.by_line)
    if body.by_line and len(text_cols) > 1:
        table.rows = labels_above_their_rows_joined(labels_wrapped_around_joined(table.rows, text_cols), text_cols)
    if body.by_line and len(text_cols) > 2:
        table.rows = wrapped_labels_figures_seated(plain_labels_seated(table.rows, text_cols), text_cols)
    for (label_line, _), pieces in descriptions:
        row = next((row for row in table.rows if label_line in row[0].lines and not row[-1].text), None)
        if row is not None:
            row[-1] = Cell("".join(t for _, t in pieces), tuple(sorted({k for k, _ in pieces})), "joined from fragments")
    crowded = max((len(items) for k, line in content if (items := TOP_ITEMS.findall(line))), default=0)
    if crowded > len(text_cols):
        table.add_doubt(f"a line prints {crowded} numbered items side by side, but the columns hold "
                        f"{len(text_cols)} label columns: a panel is likely missing; check the columns against the source")
    if len(text_cols) == 2:
        # halves on lines of their own: every row where that is the pattern, else the totals
        totals_only = _panels_zigzag(table.rows, text_cols) < SETTINGS.zigzag_rows
        table.rows = items_seated_by_totals(_panel_halves_joined(table.rows, text_cols, totals_only), text_cols)
    elif len(text_cols) == 1:
        table.rows = _total_figures_joined(table.rows, text_cols[0])
        if text_cols == [0]:
            _figures_seated_after_label(body)
    doubts = list(_panels_out_of_step(table, text_cols))
    if body.by_line and len(text_cols) > 1 and (unlabelled := figures_beside_no_label(table.rows, text_cols)):
        doubts.append(f"{unlabelled} row(s) print a figure beside no label of its panel: a label printed apart "
                      "from its row's line was likely read as a row of its own; check the rows against the source")
    spent = spending_in_the_income_panel(table.rows, columns, text_cols)
    if (doubts or spent) and not body.by_line and text_cols == [0, 2] and len(columns) == 4:
        # two panels of a label and a figure read out of step: their cells as one stream, each
        # seated where its list goes on, where that seating is sure, in step, and seats every
        # figure beside a label of its panel (else the stream was not printed row by row)
        read_first = table.rows
        table.rows, ambiguous = stream_panel_rows(columns, text_cols, runs)
        if ambiguous or any(row[j + 1].text and not row[j].text for row in table.rows for j in text_cols) or \
                any(_panels_out_of_step(table, text_cols)):
            table.rows = read_first
        else:
            doubts = []
            spent = spending_in_the_income_panel(table.rows, columns, text_cols)
    if spent:
        doubts.append(f"{len(spent)} label(s) in the income panel name no source of funds ({spent[0]}): spending "
                      "items were likely read into it; check the rows against the source")
    for why in doubts:
        table.add_doubt(why)


def _figures_seated_after_label(body: Body) -> None:
    """A label then its figures (a row per unit or department), where a row prints fewer
    figures than the columns (the text drops an empty cell): each row's figures seated by the
    table's identities and what the document says, as a coded list's are."""
    table = body.table
    amount_cols = range(1, len(table.columns))
    printed = [[(row[j].text, row[j].lines[0]) for j in amount_cols if row[j].text and row[j].lines] for row in table.rows]
    if all(len(figures) in (0, len(amount_cols)) for figures in printed):
        return
    rows = [[row[0]] + [Cell("", row[j].lines) for j in amount_cols] for row in table.rows]
    place_amounts(table, rows, printed, body.spec, body.text_cols, body.stated, body.context.printed,
                  body.context.natures)
    table.rows = rows


def _header_pieces_again(line: str, words: Set[str]) -> bool:
    """A line of the header printed again past a page break, its cells wrapped otherwise than
    on the first page (`支出项目类别（资金使用单 财政专 其他资`, `位） 合计 户拨款 金`): each
    piece part of a column's name, no figure, two pieces at least or one of four characters."""
    tokens = line.split()
    # (one short piece alone is as likely a name's wrapped end: `资金`)
    return (len(tokens) >= 2 or (len(tokens) == 1 and len(tokens[0]) >= 4)) and not any(is_amount(t) for t in tokens) \
        and all(any(t in w for w in words) for t in tokens) and not catalog.TOTAL_LABELS.match("".join(tokens))


def _panels_out_of_step(table: Table, text_cols: list[int]) -> Iterator[str]:
    """Why a summary's panels were likely read out of step with the source (each a doubt): a
    wrapped label's end as a row, rows alternating between two panels, a panel the header
    prints with no label, figures on a row of no label, a list number repeated in a column, a
    detail over its parent, a total or item without the figures the others print."""
    columns = table.columns
    stray = next((text for row in table.rows if len(texts := [c.text for c in row if c.text]) == 1
                  and WRAPPED_TAIL.match(text := texts[0])
                  and not starts_row(text) and not NOTHING_TO_SHOW.match(text)), None)
    if stray:
        yield (f"a wrapped label's end ({stray}) stands as a row of its own: the label it ends was printed "
               "around its row's line; check the rows against the source")
    if len(text_cols) == 2 and _panels_zigzag(table.rows, text_cols) >= SETTINGS.zigzag_rows:
        yield ("the two panels' rows alternate, one side each; the panels were likely read out of "
               "step: check the rows against the source")
    # a panel the header prints always lists its items: one without any was read elsewhere
    empty = [columns[j].text for j in text_cols if not any(j < len(row) and row[j].text for row in table.rows)]
    if table.rows and empty:
        yield (f"no row holds a label in {'、'.join(empty)}, a panel the header prints: the panels were "
               "likely read out of order; check the rows against the source")
    # a summary prints every figure beside its label: figures on a row of no label were read apart
    amount_cols = _amount_columns(table, text_cols)
    if unlabelled := next((row for row in table.rows if not any(j < len(row) and row[j].text for j in text_cols)
                           and any(j < len(row) and row[j].text for j in amount_cols)), None):
        yield (f"a row holds figures ({' '.join(c.text for c in unlabelled if c.text)}) and no label: "
               "reading order printed them apart from their row; check the rows against the source")
    if repeated := number_repeated(table.rows, text_cols):
        yield (f"{repeated} repeats or goes back on a number of its list: two panels' lists were likely "
               "read into one column; check the rows against the source")
    if late := number_in_the_other_panel(table.rows, text_cols):
        yield (f"{late} stands in the other panel's list, where its number is missing: reading order "
               "printed it apart from its row and figures; check the rows against the source")
    if larger := item_over_its_parent(table.rows, text_cols):
        yield (f"{larger} is printed under a numbered item of a smaller figure: its row likely belongs to "
               "the other panel; check the rows against the source")
    if bare := _label_without_figures(table.rows, text_cols):
        yield (f"its {bare} row holds no figure while other rows do: the figures were likely read "
               "apart from their labels; check the rows against the source")


def _descriptions_apart(runs: list[Run]) -> tuple[list[Run], list[tuple[Token, list[Token]]]]:
    """Reading order prints a row's label, its figures, then its description (绩效目标, the
    last column): a run's labels are the row above's description, up to its last sentence's
    end, then its own label (`…提供后勤支持。` `广州市采购经理人指数` `调查编制工作经费` `100.00`
    …); the text after the last figures is the last row's description. Returns the runs with
    their own labels, and (the described row's first label, its description's pieces)."""
    out: list[Run] = []
    described: list[tuple[Token, list[Token]]] = []
    for codes, labels, amounts in runs:
        end = max((j for j, (_, t) in enumerate(labels) if t.endswith("。")), default=-1)
        if end >= 0 and out and out[-1][1] and out[-1][2]:
            described.append((out[-1][1][0], labels[:end + 1]))
            labels = labels[end + 1:]
        if codes or labels or amounts:
            out.append((codes, labels, amounts))
    return out, described


def _read_coded_list(body: Body) -> None:
    """A classification's rows: a code (whole or in 类/款/项 parts), a name, the amounts."""
    table, columns, text_cols = body.table, body.table.columns, body.text_cols
    header_words, column_words, agency = body.header_words, body.column_words, body.context.agency
    runs = body.runs
    unit_col = next((j for j in text_cols[2:] if "单位" in columns[j].leaf), None)
    # (the name's column: its leaf says 名称, or else it is the one after the code's named as a
    # name is, 功能科目 after 类 款 项)
    name_col = next((j for j in text_cols if "名称" in columns[j].leaf),
                    next((j for j in text_cols[1:] if columns[j].role == ColumnRole.NAME),
                         text_cols[1] if len(text_cols) > 1 else 1))
    code_parts = [j for j in text_cols if columns[j].role == ColumnRole.CODE_PART]
    a_part_a_row = bool(code_parts) and _printed_a_part_a_row(runs)
    # (a line a row tells a 款 printed alone; in reading order a code's other parts may be lost)
    lone_kuan = not a_part_a_row and table.layout != "fragment"
    lengths = Counter(len("".join(t for _, t in c)) for c, _, _ in runs if c)
    full_code = max(lengths, key=lambda n: (lengths[n], n)) if lengths else 0
    pieces = body.header_pieces
    if table.layout == "space":
        # a line of the header's words alone (`科目编码类款项`) is the header again, never a name's tail
        runs = [_header_again_dropped(run, body.header_lines_printed) for run in _totals_apart(runs)]
        runs = _wrapped_names_joined([run for run in runs if run[0] or run[2] or
                                      not _made_of_words("".join(t for _, t in run[1]), pieces)], header_words)
    rows: list[list[Cell]] = []
    amounts_of = []
    for codes, labels, amounts in runs:
        name = "".join(t for _, t in labels)
        if not amounts and (_repeats_header(name, header_words) or (
                not codes and not catalog.TOTAL_LABELS.match(name) and
                _header_lines_leading(labels, body.header_lines_printed) == len({k for k, _ in labels}))):
            continue        # the header printed again after a page break (its cells no template names, too)
        if amounts and len({k for k, _ in labels}) > 1 and any(_is_header_token(t, header_words) for _, t in labels):
            tail, labels = _around_header(labels, header_words)      # the header again, then this row
            name = "".join(t for _, t in labels)
            above = rows[-1][name_col] if rows else None
            tail = [(k, t) for k, t in tail if k == tail[0][0]]      # its first line only
            if tail and above is not None and above.text and table.layout == "space" and \
                    not set(above.lines) & set(rows[-1][0].lines) and \
                    not any(catalog.TOTAL_LABELS.match(t) or t in column_words for _, t in tail):
                # the row above printed its name on lines of its own (wrapped around its figures):
                # the line of text before the next page's header is that name's end
                rows[-1][name_col] = Cell(above.text + "".join(t for _, t in tail),
                                          above.lines + tuple(k for k, _ in tail), "joined from fragments")
        named = [(k, t) for k, t in labels if t not in column_words]
        if table.layout == "fragment" and 0 < len(named) < len(labels) and \
                not any(catalog.TOTAL_LABELS.match(t) for _, t in named):
            labels = named      # the header's cells printed among a row's name (`合计 项 卫生健康支出 项目`)
            name = "".join(t for _, t in labels)
        code = "".join(t for _, t in codes)
        if rows and codes and not amounts and 0 < len(rows[-1][0].text) < full_code == len(rows[-1][0].text + code):
            _continue_row(rows[-1], codes, labels, name_col, unit_col, agency)
            continue
        if rows and not codes and not amounts and opens_bracket(rows[-1][name_col].text):
            # `…预备金(老` … amounts … `干局)`: the name's wrapped end
            rows[-1][name_col] = _label_with_its_end(rows[-1][name_col], labels)
            continue
        row_lines = tuple(k for k, _ in codes + labels + amounts)
        row = [Cell("", row_lines) for _ in columns]
        label_lines = tuple(sorted({k for k, _ in labels}))
        if codes and code_parts:
            for j, (k, t) in zip(code_parts, _code_parts(codes, len(code_parts), lone_kuan)):
                row[j] = Cell(t, (k,))
        elif codes:
            row[0] = Cell("".join(t for _, t in codes), tuple(sorted({k for k, _ in codes})),
                          "joined from fragments" if len(codes) > 1 else "")
        if unit_col is not None and agency and name.endswith(agency) and name != agency:
            row[unit_col] = Cell(agency, label_lines, "split from the label by the unit's name")
            name = name[:-len(agency)]
        row[name_col] = Cell(name, label_lines, "joined from fragments" if len(labels) > 1 else "")
        rows.append(row)
        amounts_of.append([(clean_number(t), k) for k, t in amounts])
    if a_part_a_row:
        _seat_code_parts(rows, amounts_of, code_parts)
    place_amounts(table, rows, amounts_of, body.spec, text_cols, body.stated, body.context.printed,
                  body.context.natures)
    table.rows = rows

BODY_READERS: dict[BodyShape, Callable[[Body], None]] = {
    BodyShape.FIGURES: _read_figures, BodyShape.NUMBERED_PANELS: _read_numbered_panels,
    BodyShape.CODED_PANELS: _read_coded_panels, BodyShape.LABEL_COLUMNS: _read_label_columns,
    BodyShape.PANELS: _read_panels, BodyShape.CODED_LIST: _read_coded_list,
}


def _empty_table_rows(table: Table, tokens: list[Token], runs: list[Run], text_cols: list[int]) -> bool:
    """An empty table: its 合计 row is printed among the header's cells (one 合计 more than the
    header's own: `合计 合计 基本支出 项目支出`), every cell empty. The table keeps that row, and
    the line saying it has nothing to show (`无`) where the rows print one. Whether it was one."""
    columns = table.columns
    # (a letter-spaced one, `合` `计` a line each, is one too)
    spelt = [(k, t, k) for k, t in tokens if t in TOTAL_WORDS] + \
        [(k, t + after, end) for (k, t), (end, after) in zip(tokens, tokens[1:])
         if len(t) == 1 and t + after in TOTAL_WORDS]     # (where each ends: `计` is no header word after it)
    spelt.sort()
    totals = [(k, t) for k, t, _ in spelt]
    # a total word alone on a line after the header's words and pieces is the total row whatever
    # the header prints (`本年支出合计` over a template's `合计`)
    leaves = [c.leaf for c in columns]
    alone = [(k, end) for k, _, end in spelt if sum(line == k for line, _ in tokens) == 1]
    after_header = bool(alone) and not any(k > alone[-1][1] and any(t in leaf for leaf in leaves) for k, t in tokens)
    # the header's own totals, less those it prints at more length (`本年支出合计` for 合计): a
    # total word alone is then the total row's, wherever reading order sets it
    longer = sum(1 for _, t in tokens if t not in TOTAL_WORDS and t.endswith(TOTAL_WORDS))
    own = max(0, sum(c.leaf in TOTAL_WORDS for c in columns) - longer)
    if len(totals) <= own and not after_header:
        return False
    nothing = [(k, t) for _, labels, _ in runs for k, t in labels if NOTHING_TO_SHOW.match(t)][:1]
    # the total row's 合计 is the first after `无` or after the header's column numbers (`栏次 1 2 3`,
    # the header's words come before), else the first after the header's own (`预算数 总计 … 合计`)
    numbers = [k for k, t in tokens if is_short_number(t)]
    after = nothing[0][0] if nothing else numbers[-1] if numbers else None
    headers_own = min(own, len(totals) - 1)
    total = next((kt for kt in totals if after is not None and kt[0] > after), totals[headers_own])
    label_col = table.label_column()
    label_col = label_col if label_col in text_cols else text_cols[-1]
    table.rows = [[Cell(text if j == label_col else "", (k,)) for j in range(len(columns))]
                  for k, text in sorted(nothing + [total])]
    return True


def _header_again_dropped(run: Run, header_lines: frozenset[str]) -> Run:
    """A run of words alone without the header a continuation page prints again before the
    next row's name (`科 目 一般公共 …` / `科目编码 科 目 名 称 收入 …` / `气象事务`, the name printed
    above its row): its first lines, two at least, that print a line of the header as its
    first page did, go."""
    if run[0] or run[2]:
        return run
    lines = sorted({k for k, _ in run[1]})
    again = _header_lines_leading(run[1], header_lines)
    if again < 2 or again == len(lines):
        return run
    return (run[0], [(k, t) for k, t in run[1] if k > lines[again - 1]], run[2])


def _header_lines_leading(labels: list[Token], header_lines: frozenset[str]) -> int:
    """How many of the labels' first lines each print a line of the header as its first page did."""
    again = 0
    for k in sorted({k for k, _ in labels}):
        if "".join(t for j, t in labels if j == k) not in header_lines:
            break
        again += 1
    return again


def _made_of_words(text: str, words: frozenset[str], fewest: int = 1) -> bool:
    """Whether `text` (4 characters or more) is header words run together (科目名称科目编码类款项),
    `fewest` of them at least."""
    return len(text) >= 4 and _words_run(text, words).get(len(text), 0) >= fewest


def _words_run(text: str, words: frozenset[str]) -> dict[int, int]:
    """Where in `text` a run of `words` from its start may end → the most words that lead there
    (read only as far as the words run: no word ends past the last such place)."""
    taken = {0: 0}
    reach = 0           # the furthest place a run ends so far
    lengths = _word_lengths(words)
    for i in range(len(text)):
        if i > reach:
            break
        if i in taken:
            for n in lengths:
                if text[i:i + n] in words:
                    taken[i + n] = max(taken.get(i + n, 0), taken[i] + 1)
                    reach = max(reach, i + n)
    return taken


@lru_cache(maxsize=64)
def _word_lengths(words: frozenset[str]) -> tuple[int, ...]:
    """The lengths of `words` (a table's header vocabulary, asked of every label)."""
    return tuple(sorted({len(w) for w in words if w}))


def _line_runs(tokens: list[Token], kinds: list[str], header_words: frozenset[str], column_words: set[str],
               labels_alone: bool) -> list[Run]:
    """The rows as the lines print them, less the header printed again on a new page."""
    head, runs = _row_runs(tokens, kinds, by_line=True, header_words=header_words, labels_alone=labels_alone)
    header_lines = _line_texts(head)
    return [run for run in runs if not _header_again(run, column_words, header_lines)]


def _header_again(run: Run, column_words: set[str], header_lines: frozenset[str] = frozenset()) -> bool:
    """The header printed again at the top of a continuation page: a run of the column names
    alone (`收入 支出`, `项目 预算 项目 预算`), or a line printed exactly as a line of the
    header (`位） 合计 户拨款 金`, its cells split over lines)."""
    codes, labels, amounts = run
    text = "".join(t for _, t in labels)
    if codes or amounts or not labels or catalog.TOTAL_LABELS.match(text):
        return False
    return all(t in column_words for _, t in labels) or (len({k for k, _ in labels}) == 1 and text in header_lines)


def _header_again_cut(run: Run, header_words: Set[str]) -> Run:
    """A row whose labels reading order prints after the header printed again at the top of
    a continuation page (`收入 支出 项目 2026年预算数 … 机关事业单位基本养老保险缴费支出`):
    the row without the header's words (two at least, each a line of its own before the
    row's first label). The header may follow the row above's description, ended by its
    sentence (`…岸通关安全的目的。` `- 21 -` then the header): the description stays."""
    codes, labels, amounts = run
    start = next((i for i in range(1, len(labels)) if labels[i - 1][1].endswith("。") and
                  labels[i][1] in header_words), 0)
    cut = start
    while cut < len(labels) and labels[cut][1] in header_words:
        cut += 1
    if cut - start < 2 or cut == len(labels) or labels[cut - 1][0] == labels[cut][0]:
        return run
    return codes, labels[:start] + labels[cut:], amounts


def _column_name_pieces_cut(run: Run, names: Sequence[str]) -> Run:
    """A row less the pieces of a column's name wrapped over lines that reading order put
    before or after its labels (`中预留给小` `型、微型企业` `的项目资金规` `模` of `…中预留给小型、
    微型企业的项目资金规模`: the header's last lines, or the header printed again past a page
    break): two lines or more, of different lines, that run together into a piece of one of
    `names` (the columns' names long enough to wrap), a label of the row's own left. A run of
    such pieces alone (no code, no figure) is nothing (dropped)."""
    codes, labels, amounts = run
    longest = max(map(len, names), default=0)

    def pieces(part: list[tuple[int, str]]) -> bool:
        text = unicodedata.normalize("NFKC", "".join(t for _, t in part))
        return len(part) >= 2 and len({k for k, _ in part}) == len(part) and any(text in name for name in names)

    def most(ends: Callable[[int], list[tuple[int, str]]], limit: int) -> int:
        # (no longer than the longest name: a row of many labels is read once, not once a label)
        found = n = 0
        while n + 1 < limit and sum(len(t) for _, t in ends(n + 1)) <= longest:
            n += 1
            found = n if pieces(ends(n)) else found
        return found
    if not codes and not amounts and pieces(labels):
        return codes, [], amounts
    if not names or len(labels) < 3:
        return run
    head = most(lambda n: labels[:n], len(labels))
    tail = most(lambda n: labels[len(labels) - n:], len(labels) - head)
    return (codes, labels[head:len(labels) - tail], amounts) if head or tail else run


MIN_WRAPPED_NAME = 12       # characters of a column name long enough to be wrapped over lines


def _header_among_labels(runs: list[Run], header_words: set[str], label_leaves: tuple[str, ...]) -> str:
    """Two or more of the header's words as printed, each a line of its own, right after a
    total among a run's labels, the first over a label column (a panel's total, then the
    header again over the next panel's rows, printed after it); "" where there are none."""
    for _, labels, _ in runs:
        for i in range(1, len(labels) - 1):
            if catalog.TOTAL_LABELS.match(labels[i - 1][1]) and labels[i][1] in header_words and \
                    labels[i][1].startswith(label_leaves) and \
                    labels[i + 1][1] in header_words and labels[i][0] != labels[i + 1][0]:
                return labels[i][1] + " " + labels[i + 1][1]
    return ""


def _line_texts(tokens: list[tuple[int, str]]) -> frozenset[str]:
    """The text of each line the tokens come from, its tokens joined."""
    return frozenset("".join(t for _, t in line) for _, line in itertools.groupby(tokens, key=lambda kt: kt[0]))


def _repeats_header(text: str, header_words: frozenset[str]) -> bool:
    return sum(w in text for w in header_words) >= 2


def _is_header_token(token: str, header_words: frozenset[str]) -> bool:
    """A piece of the header (科目编码 of 支出功能分类科目编码), never a row's total label."""
    return len(token) >= 2 and not catalog.TOTAL_LABELS.match(token) and \
        any(w in token or (len(token) >= 4 and token in w) for w in header_words)


def _around_header(labels: list[Token], header_words: frozenset[str]) -> tuple[list[Token], list[Token]]:
    """A row's label tokens without the header printed again before it on a new page: what
    follows the last line that holds a piece of the header; and the text on lines before
    that header (the row above's wrapped end, where the row has a label of its own after it)."""
    header_lines = [k for k, t in labels if _is_header_token(t, header_words)]
    if not header_lines:
        return [], labels
    # (the level words 类 款 项 under the code's header are the header's too)
    after = [(k, t) for k, t in labels if k > max(header_lines) and t not in CODE_PARTS]
    before = [(k, t) for k, t in labels if k < min(header_lines)]
    # the header's words after the row's own label (a wrapped tail that is the next page's
    # header): the label before them is the row's
    return (before, after) if after else ([], before)


def _totals_apart(runs: list[Run]) -> list[Run]:
    """A total's row starts on its own line: a line of text above its label (`务支出` /
    `合计 19,044.27 …`) is a run of its own, the wrapped end of a name above, not the total's."""
    out: list[Run] = []
    for codes, labels, amounts in runs:
        first = labels[0][0] if labels else None
        total = next((i for i, (k, t) in enumerate(labels) if k != first and catalog.TOTAL_LABELS.match(t)), None)
        if codes or total is None or len({k for k, _ in labels[:total]}) > 1 or \
                any(k == labels[total][0] for k, _ in labels[:total]):
            out.append((codes, labels, amounts))
            continue
        out += [([], labels[:total], []), (codes, labels[total:], amounts)]
    return out


@dataclass
class _Printed:
    """A run whose labels may move to the coded rows around it."""
    codes: list[Token]
    labels: list[Token]
    amounts: list[Token]
    nameless: bool      # a code and amounts with no name on their line


def _names_above_their_codes(rows: list[_Printed]) -> bool:
    """Whether the names stand whole above their codes and amounts (a font with broken metrics
    lifts Chinese characters a line above the figures: `一般公共服务支出` / `201 5,183.00 5,183.00`):
    nine in ten rows of code and amounts without a name right under a line of words alone, and
    between two such rows one such line and no more, nine times in ten, three times at least (a
    name wrapped around its row's line prints its tail below it, then the next one's head: two).
    (The header printed again after a page break is the tenth.)"""
    def lines(run: _Printed) -> set[int]:
        return {k for k, _ in run.codes + run.labels + run.amounts}
    nameless = [i for i, r in enumerate(rows) if r.nameless]
    under = sum(i > 0 and not rows[i - 1].codes and not rows[i - 1].amounts and
                lines(rows[i - 1]) == {min(lines(rows[i])) - 1} for i in nameless)
    between = [len(set().union(*map(lines, rows[a + 1:b]))) for a, b in zip(nameless, nameless[1:])
               if all(r.labels and not r.codes and not r.amounts for r in rows[a + 1:b])]
    return under * 10 >= len(nameless) * 9 and between.count(1) >= 3 and between.count(1) * 10 >= len(between) * 9


def _wrapped_names_joined(runs: list[Run], header_words: frozenset[str]) -> list[Run]:
    """A name wrapped in its cell prints on the lines around the coded amount line it
    belongs to (`一般公共服务支` / `201 306.90 306.90` / `出`): lines of text alone next to a
    coded row are that name's head (above) and tail (below). A wrapped line fills the
    column, so it is as long as the other wrapped lines of the table, and no shorter than the
    names rows print whole on their line: a full line before a coded row is its head, a
    shorter one after a row is that row's tail."""
    rows = [_Printed(codes, labels, amounts, bool(codes) and not labels and bool(amounts)) for codes, labels, amounts in runs]
    text_lines: dict[int, str] = {}
    for row in rows:
        if not row.codes and not row.amounts:
            for k, t in row.labels:
                text_lines[k] = text_lines.get(k, "") + t
    widths = Counter(len(t) for t in text_lines.values())
    full = max(widths, key=lambda n: (widths[n], n)) if widths and max(widths.values()) >= 2 else None
    one_line = max((len(t) for row in rows if row.codes and row.amounts for _, t in row.labels), default=0)
    if full is not None and full < one_line * SETTINGS.wrapped_line_share:
        full = None     # a line shorter than names printed whole on one line fills no column: tails
    above = _names_above_their_codes(rows)

    def fills(line: int) -> bool:
        return full is not None and full * SETTINGS.full_line_share <= len(text_lines[line]) <= full
    for i, run in enumerate(rows):
        text = "".join(t for _, t in run.labels)
        if run.codes or run.amounts or not run.labels or catalog.TOTAL_LABELS.match(text) or _repeats_header(text, header_words):
            continue        # not a run of text alone, or a total, or the header printed again
        before = rows[i - 1] if i > 0 and rows[i - 1].codes and rows[i - 1].amounts else None
        after = rows[i + 1] if i + 1 < len(rows) and rows[i + 1].codes and rows[i + 1].amounts else None
        if after is not None and not after.nameless and full is None:
            after = None        # a row with its own name takes a head only where wrapping is measured
        if before is None and after is None:
            continue
        lines = sorted({k for k, _ in run.labels})
        if above and after is not None:
            cut = 0
        elif full is not None:
            # short lines first are the tail of the row above; the full lines that follow
            # head the row below (a named row takes only full lines)
            cut = 0
            while cut < len(lines) and not fills(lines[cut]):
                cut += 1
            if before is None or (after is not None and after.nameless and cut == len(lines)):
                cut = min(cut, 0 if before is None else 1)
            if cut == 0 and before is not None and before.nameless and after is not None and after.nameless and \
                    len(lines) > 1:
                cut = 1     # two names that each fill their lines: the first line ends the row above
            if after is None or not all(fills(k) for k in lines[cut:]) and not after.nameless:
                cut = len(lines) if before is not None else -1
            if cut < 0:
                continue
        elif before is not None and after is not None:
            cut = 1 if before.nameless else 0
        else:
            cut = len(lines) if before is not None else 0
        tail_lines = set(lines[:cut])
        before_tail = [(k, t) for k, t in run.labels if k in tail_lines]
        after_head = [(k, t) for k, t in run.labels if k not in tail_lines]
        if before is not None:
            before.labels = before.labels + before_tail
        if after is not None:
            after.labels = after_head + after.labels
        run.labels = []
    return [(r.codes, r.labels, r.amounts) for r in rows if r.codes or r.labels or r.amounts]


def _totals_printed_late(runs: list[Run], is_header_word: Callable[[str], bool],
                         header_pieces: Set[str] = frozenset()) -> list[Run]:
    """Reading order prints a total's label after its amounts (`… 购房补贴 2433600.00 … 0.00
    96282213.44 … 0.00 合计`), and several rows' amounts after the first of them or before the
    last: a row with k times a row's count of amounts shares them, in order, with the k - 1
    rows printed without amounts right after it, or else right before it (the widest count
    that fits, unless a narrower one's rows each hold their total and the widest one's do not:
    rows with an empty cell print fewer; none where no split's rows hold their totals and all
    the figures hold one: one row's total and parts); header cells printed between (`科目编码
    类 款`, or the header's own pieces `header_pieces` printed again on a continuation page,
    three at least: `科目编` `码` `科目名称`) are no row, nor a code's piece printed after the figures."""
    widths = sorted({len(amounts) for _, _, amounts in runs if amounts}, reverse=True)
    out = list(runs)

    def bare(j: int) -> bool:
        return bool(out[j][1]) and not out[j][2]

    # the last run a total's label with the header's cells after it (`合计 项目支出`) is the total's,
    # unless a total's label stands alone elsewhere (printed early: see _total_label_printed_early)
    last_total = bool(out) and bool(out[-1][1]) and bool(catalog.TOTAL_LABELS.match(out[-1][1][0][1])) and \
        not any(_lone_total(run) for run in out)

    def is_header(j: int) -> bool:
        labels = out[j][1]
        return not out[j][0] and not out[j][2] and (
            all(is_header_word(t) for _, t in labels) or
            (len(labels) >= REPEATED_HEADER_CELLS and all(t in header_pieces or is_header_word(t) for _, t in labels))) and \
            not _lone_total(out[j]) and not (last_total and j == len(out) - 1)

    def sharing(i: int, k: int) -> list[int] | None:
        """The k rows that share row i's amounts: it and the bare rows after it, or before it."""
        after = [j for j in range(i + 1, len(out)) if not is_header(j)][:k - 1]
        before = [j for j in range(i - 1, -1, -1) if not is_header(j)][:k - 1][::-1]
        if len(after) == k - 1 and all(bare(j) for j in after):
            return [i] + after
        if len(before) == k - 1 and all(bare(j) for j in before):
            return before + [i]
        return None

    for i, (_, _, printed) in enumerate(runs):
        amounts = _without_trailing_pieces(printed)
        splits = [(width, rows) for width in widths if len(amounts) // width >= 2 and len(amounts) % width == 0
                  and (rows := sharing(i, len(amounts) // width)) is not None]
        holding = [split for split in splits if _chunks_hold_totals(amounts, split[0])]
        if not splits or (not holding and _one_rows_total_and_parts(amounts)):
            continue        # (a total and its parts, all one row's: `302 商品和服务支出` and its four)
        # the widest split, unless a narrower one's rows each hold their total (合计 = the rest)
        # where the widest one's do not: rows printing fewer cells than the table's columns
        width, rows = (holding or splits)[0]
        for n, j in enumerate(rows):
            out[j] = (out[j][0], out[j][1], amounts[n * width:(n + 1) * width])
    return out


REPEATED_HEADER_CELLS = 3      # a header printed again holds this many cells at least; a row's label fewer


def _first_rows_total_label(header: list[Token], runs: list[Run],
                            is_header_word: Callable[[str], bool]) -> tuple[list[Token], list[Run]]:
    """Reading order prints the first row's total label apart from its figures, which open the
    rows with no label: right after them, alone (`预算数 7841.26 合计 301 工资福利支出 …`), or among
    the header's cells (`科目编码 科目名称 合计 预算数 5915.38 301 …`). Among the header's cells, the
    one bare 合计 on a line of its own is that row's where no row prints a total's label and the
    header's other words name as many amount columns as the rows mostly print figures — not
    where the header is cut to single characters, which name no column surely, nor where the
    other rows print no labels of their own, only the header's words among the figures (a table
    of figures alone prints no label)."""
    if not runs or runs[0][0] or runs[0][1] or not runs[0][2]:
        return header, runs
    if len(runs) >= 2 and _lone_total(runs[1]):
        return header, [([], runs[1][1], runs[0][2])] + runs[2:]
    if any(catalog.TOTAL_LABELS.match(t) for _, labels, _ in runs for _, t in labels) or \
            sum(bool(codes) or any(not is_header_word(t) for _, t in labels) for codes, labels, _ in runs[1:]) * 2 \
            <= len(runs) - 1 or \
            _shattered([t for _, t in header]):
        return header, runs
    totals = [i for i, (_, t) in enumerate(header) if t in TOTAL_WORDS]
    if len(totals) != 1 or sum(k == header[totals[0]][0] for k, _ in header) > 1:
        return header, runs
    rest = header[:totals[0]] + header[totals[0] + 1:]
    usual = Counter(len(a) for _, _, a in runs if a).most_common(1)[0][0]
    if sum(not is_text_column(t) for _, t in rest) < usual:
        return header, runs
    return rest, [([], [header[totals[0]]], runs[0][2])] + runs[1:]


def _first_rows_labels_among_header(header: list[Token], runs: list[Run],
                                    is_header_word: Callable[[str], bool]) -> tuple[list[Token], list[Run]]:
    """Reading order prints the first rows' labels among the header's cells, the header's tall
    cells drawn after the label column's first (`预算单位 科目编码 科目名称 深圳市…局 深圳市…局(本级)
    支出总计 基本支出 项目支出 535,744.34 …`): their figures then open the body with no label.
    Names a line each (no template's word) between the header's words, as many as the first
    figures make rows of the width the other rows mostly print, are those rows' labels."""
    if len(runs) < 2 or runs[0][0] or runs[0][1] or not runs[0][2]:
        return header, runs
    widths = Counter(len(a) for _, _, a in runs[1:] if a)
    if not widths:
        return header, runs
    usual = widths.most_common(1)[0][0]
    known = [is_header_word(t) for _, t in header]
    tail = len(known)       # the header ends in its words, the names before them
    while tail > 0 and known[tail - 1]:
        tail -= 1
    start = tail
    while start > 0 and not known[start - 1]:
        start -= 1
    names = header[start:tail]
    if not names or start == 0 or tail == len(header) or len(runs[0][2]) != len(names) * usual or \
            len({k for k, _ in names}) != len(names) or any(len(t) < 4 or catalog.TOTAL_LABELS.match(t) for _, t in names):
        return header, runs
    figures = runs[0][2]
    first: list[Run] = [([], [name], figures[i * usual:(i + 1) * usual]) for i, name in enumerate(names)]
    return header[:start] + header[tail:], first + runs[1:]


def _figures_printed_apart(runs: list[Run]) -> list[Run]:
    """Reading order prints some rows' figures apart from them, after a later row's own (cells
    of another text block: `22102 住房改革支出 464.69 464.69 518.06 10 16.63`). Where rows print
    their total first and its parts after (two thirds of those printing two figures or more,
    three at least, add up so), a row whose figures add up only without its last ones printed
    those for rows whose parts fall short of their total by just those figures: each goes, in
    the order printed, to the one row short by it, where every such figure finds its one row
    (a page's number printed among them aside: one or two digits) and every row short of its
    total gets one; else the rows are left as printed, for the sums to show."""
    parsed = [[parse_amount(t) for _, t in amounts] for _, _, amounts in runs]
    values = [[x for x in v if x is not None] if None not in v else [] for v in parsed]
    several = [v for v in values if len(v) >= 2]
    if len(several) < 3 or 3 * sum(map(holds_total, several)) < 2 * len(several):
        return runs
    apart = {i: next((m for m in range(len(v) - 1, 1, -1) if holds_total(v[:m])), 0)
             for i, v in enumerate(values) if len(v) >= 3 and not holds_total(v)}
    short = {i: d for i, v in enumerate(values) if v and i not in apart
             and (d := v[0] - sum(v[1:])) > SETTINGS.cent * len(v)}
    if not short or 0 in apart.values():
        return runs
    out = list(runs)
    for i, m in apart.items():
        codes, labels, amounts = out[i]
        for token, value in zip(amounts[m:], values[i][m:]):
            to = [j for j, d in short.items() if abs(d - value) <= SETTINGS.cent * len(values[j])]
            if len(to) == 1:
                del short[to[0]]
                out[to[0]] = (out[to[0]][0], out[to[0]][1], out[to[0]][2] + [token])
            elif not is_short_number(token[1]):
                return runs
        out[i] = (codes, labels, amounts[:m])
    return runs if short else out


def _lone_total(run: Run) -> bool:
    """A run that is a total's label alone (`合计`), no code, no figures."""
    return not run[0] and not run[2] and len(run[1]) == 1 and bool(catalog.TOTAL_LABELS.match(run[1][0][1]))


def _without_trailing_pieces(amounts: list[Token]) -> list[Token]:
    """A row's figures without the lone numbers of one or two digits after them: a code's
    piece or a page number that reading order printed there, no figure."""
    while amounts and is_short_number(amounts[-1][1]):
        amounts = amounts[:-1]
    return amounts


def _one_rows_total_and_parts(amounts: list[Token]) -> bool:
    """Whether figures are one row's total and its parts, a subtotal among them or not
    (`1,089.92 1,089.92 947.43 142.49`: 总计 = 小计 + 项目支出, 小计 = 人员经费 + 公用经费; the parts
    then add up to the total and the subtotal once more)."""
    values = [v for _, t in amounts if (v := parse_amount(t)) is not None]
    if len(values) != len(amounts):
        return False
    total, parts = values[0], values[1:]
    return holds_total(values) or (len(parts) >= 3 and any(
        abs(sum(parts, Decimal(0)) - total - sub) <= SETTINGS.cent * len(parts) for sub in parts))


def _chunks_hold_totals(amounts: list[Token], width: int) -> bool:
    """Whether each `width` figures of `amounts` are a total then its parts (`3,508,644.00
    3,508,644.00`: 合计 and 基本支出)."""
    values = [v for _, t in amounts if (v := parse_amount(t)) is not None]
    return width >= 2 and len(values) == len(amounts) and \
        all(holds_total(values[n:n + width]) for n in range(0, len(values), width))


def _figures_after_header_cells(runs: list[Run], is_header_word: Callable[[str], bool]) -> list[Run]:
    """Reading order prints a continuation page's header cells, the amount columns' 合计 first,
    between a row's label and its figures (`公共安全支出` … `合计 基本支出 项目支出 项` `1,633,000 0
    1,633,000`): figures after a total label followed by header cells alone belong to the row
    printed bare before them (a total row's label stands alone)."""
    out = list(runs)
    for i in range(1, len(out)):
        codes, labels, amounts = out[i]
        before_codes, before_labels, before_amounts = out[i - 1]
        if amounts and len(labels) >= 2 and catalog.TOTAL_LABELS.match(labels[0][1]) and \
                all(is_header_word(t) for _, t in labels[1:]) and before_labels and not before_amounts and \
                not all(is_header_word(t) for _, t in before_labels):
            # the codes printed with the header's cells are later rows' (see _codes_printed_late)
            out[i - 1] = (before_codes, before_labels, codes + amounts)
            out[i] = ([], labels, [])
    return out


def _code_blocks_as_rows(runs: list[Run], is_header_word: Callable[[str], bool]) -> list[Run]:
    """Reading order prints several rows as blocks, their codes one after the other, then their
    names (`2080505` `2080506` `20899` `机关事业单位基本养老保险缴` `费支出` `机关事业单位职业年金缴费支`
    `出` `其他社会保障和就业支出`), their figures before or after: a run of k whole codes and at
    least k names is k rows, the names paired with the codes in turn (a name wrapped over lines
    printed as its head, as long as the longest piece the table prints or nearly, and its short
    tail), the figures shared in turn where there are k rows' worth (else the rows are left bare,
    for the figures printed apart to find them); with a name fewer, the first code is that of the
    row of a name and no code printed before them. The header's cells printed among the names (a
    continuation page's, and the pieces after them) are no name. A table of one code a row only:
    a row of panels prints one code a panel."""
    longest = max((len(t) for _, labels, _ in runs for _, t in labels), default=0)
    out: list[Run] = []
    for codes, labels, amounts in runs:
        if not is_code_chain([t for _, t in codes], linked=False):
            out.append((codes, labels, amounts))
            continue
        # (the names: the first stretch of pieces that are no header cells; the pieces after the
        # header's cells are theirs, `对附属单位补助支` `出`)
        pieces = itertools.dropwhile(lambda token: is_header_word(token[1]), labels)
        names = list(itertools.takewhile(lambda token: not is_header_word(token[1]), pieces))
        if len(names) == len(codes) - 1 and out and not out[-1][0] and out[-1][1] and \
                not any(is_header_word(t) or catalog.TOTAL_LABELS.match(t) for _, t in out[-1][1]):
            # the first row's name printed before the codes, with the figures (`社会保障和就业支出`
            # … `208` `20801` `人力资源和社会保障管理事务`)
            out[-1] = (codes[:1], out[-1][1], out[-1][2])
            codes = codes[1:]
        if len(codes) < 2 or len(names) < len(codes) or (amounts and len(amounts) % len(codes)):
            out.append((codes, labels, amounts))
            continue
        share = len(amounts) // len(codes)
        for i, (code, name) in enumerate(zip(codes, _wrapped_pieces_joined(names, [longest] * len(codes)))):
            out.append(([code], name, amounts[i * share:(i + 1) * share]))
    return _codes_block_before_names(out, is_header_word)


def _codes_block_before_names(runs: list[Run], is_header_word: Callable[[str], bool]) -> list[Run]:
    """A block of k whole codes printed with no name (`205` `20508` `2050803` `208` `20805`, a
    row's figure on either side) is the codes of the k rows printed next without a code, in
    turn; the figures printed after the block are the row's before it."""
    out = list(runs)
    i = 1
    while i < len(out):
        codes, labels, amounts = out[i]
        nameless = list(itertools.takewhile(
            lambda j: not out[j][0] and bool(out[j][1]) and
            not any(is_header_word(t) or catalog.TOTAL_LABELS.match(t) for _, t in out[j][1]), range(i + 1, len(out))))
        if labels or len(nameless) < len(codes) or not is_code_chain([t for _, t in codes], linked=False):
            i += 1
            continue
        for code, j in zip(codes, nameless):
            out[j] = ([code], out[j][1], out[j][2])
        out[i - 1] = (out[i - 1][0], out[i - 1][1], out[i - 1][2] + amounts)
        del out[i]
    return out


def _whole_figures_before_codes(runs: list[Run]) -> list[Run]:
    """A row's last figures printed whole (`457432345`, a whole-元 table's) a line each before
    the next row's code (`205`) read as that code's first parts: where the code's last part is
    a whole code and the row before is as many figures short of the widest row's, they are
    that row's figures (not `457432345205`) — unless they are rows' codes in a classification's
    order (`205` `20508` `2050803` `208` `20805`)."""
    width = _row_width(runs)
    out = list(runs)
    for i in range(1, len(out)):
        codes, labels, amounts = out[i]
        before = out[i - 1]
        if len(codes) < 2 or not before[2] or not LINE_CODE.match(codes[-1][1]) or \
                len(before[2]) + len(codes) - 1 != width or \
                not all(t.isdigit() and is_amount(t) for _, t in codes[:-1]) or is_code_chain([t for _, t in codes]):
            continue
        out[i - 1] = (before[0], before[1], before[2] + codes[:-1])
        out[i] = (codes[-1:], labels, amounts)
    return out


def _total_label_after_header_cells(runs: list[Run], is_header_word: Callable[[str], bool]) -> list[Run]:
    """Reading order prints a table's first row, its total, as figures alone, and the total's
    label (`合计`) right after the header's cells printed among the later rows: the label is
    that row's."""
    if not runs or runs[0][0] or runs[0][1] or not runs[0][2]:
        return runs

    def header_cells(run: Run) -> bool:
        return not run[0] and not run[2] and bool(run[1]) and all(is_header_word(t) for _, t in run[1])

    for i in range(1, len(runs)):     # the label in a run of its own, or the last of the cells' run
        codes, labels, amounts = runs[i]
        if header_cells(runs[i]) and i + 1 < len(runs) and _lone_total(runs[i + 1]):
            return [([], runs[i + 1][1], runs[0][2])] + runs[1:i + 1] + runs[i + 2:]
        if len(labels) > 1 and header_cells((codes, labels[:-1], amounts)) and _lone_total(([], labels[-1:], [])):
            return [([], labels[-1:], runs[0][2])] + runs[1:i] + [([], labels[:-1], [])] + runs[i + 1:]
    return runs


def _total_figures_printed_early(runs: list[Run], amount_columns: int, column_words: set[str]) -> list[Run]:
    """Reading order prints a total row's first figures before its label (`购房补贴 258.50
    258.50 2,940.05 2,336.91 合计 603.14`): where the row before a total's label holds more
    figures than the table has amount columns, its last figures complete the total's (a total
    prints every column), leaving the row at least one. A column's name printed after the
    total's label is no part of it; a lone number of one or two digits after the figures is
    a code's piece or a page number, no figure. Where the row holds no more figures than the
    table has columns, yet its figures are no total and parts while its first ones and the
    rest each are (`925,901 925,901 128,138,600 120,258,600 7,880,000` / `合计`), the rest are
    the bare total's."""
    out = list(runs)
    for i in range(len(out) - 1):
        codes, labels, amounts = out[i]
        total_codes, total_labels, total_amounts = out[i + 1]
        if total_codes or not total_labels or not catalog.TOTAL_LABELS.match(total_labels[0][1]) or \
                not all(t in column_words for _, t in total_labels[1:]):
            continue        # (the split is sought before a total's label only)
        amounts = _without_trailing_pieces(amounts)
        if len(amounts) > amount_columns:
            moved = min(amount_columns - len(total_amounts), len(amounts) - 1)
        else:
            moved = 0 if total_amounts else _total_split_off(amounts)
        if moved > 0:
            total_labels = total_labels[:1]
            out[i] = (codes, labels, amounts[:-moved])
            out[i + 1] = (total_codes, total_labels, amounts[-moved:] + total_amounts)
    return out


def _total_split_off(amounts: list[Token]) -> int:
    """How many of a row's last figures are another row's total: the figures are no total and
    parts, the first ones and those last each are; 0 where no such split is."""
    values = [v for _, t in amounts if (v := parse_amount(t)) is not None]
    if len(values) != len(amounts) or holds_total(values):
        return 0
    return next((len(values) - m for m in range(2, len(values) - 1)
                 if holds_total(values[:m]) and holds_total(values[m:])), 0)


def _total_label_printed_early(runs: list[Run]) -> list[Run]:
    """Reading order prints a total's label alone among a continuation page's header cells, its
    figures after the last row's, doubling that row's count where the rows print alike
    (`合计` … `购房补贴 2,687,760 2,687,760 31,214,205.80 31,214,205.80`): the total is the
    last row, with the second half."""
    counts = Counter(len(a) for _, _, a in runs if a)
    lone = [i for i, run in enumerate(runs) if _lone_total(run)]
    if len(lone) != 1 or not counts or lone[0] == len(runs) - 1:
        return runs
    usual = counts.most_common(1)[0][0]
    codes, labels, amounts = runs[-1]
    if len(amounts) != 2 * usual or counts[usual] < 3:
        return runs
    total = runs[lone[0]]
    return [run for i, run in enumerate(runs[:-1]) if i != lone[0]] + \
        [(codes, labels, amounts[:usual]), (total[0], total[1], amounts[usual:])]


def _codes_printed_late(header: list[Token], runs: list[Run], is_header_word: Callable[[str], bool]) -> list[Run]:
    """Reading order prints the codes of class and 款 rows apart from those rows: after them
    (`卫生健康支出 …` `行政单位医疗 …` then `210` `210 11` `210 11 01` `住房公积金 …`), before
    them, inside a repeated header or in the header itself (`… 项 204 收入预算 …`). Such code
    groups (a group starts at each 3-digit class) go, in the order printed, to the rows
    without a code, in theirs; a row's own code is the group right before its name. A row
    printed with a code of its own and none left over ends the pairing."""
    def groups(codes: list[Token]) -> list[list[Token]]:
        if not all(CODE_PART_TOKEN.match(t) for _, t in codes):
            return [codes] if codes else []     # a code printed whole, or a project's code in pieces
        out: list[list[tuple[int, str]]] = []
        for k, t in codes:
            if not out or len(t) == 3 or len(out[-1]) == 3:
                out.append([])
            out[-1].append((k, t))
        return out

    loose = deque(_header_code_groups(header))
    nameless: deque[int] = deque()
    carried: list[tuple[int, str]] = []        # codes printed among a repeated header's words
    out = list(runs)
    for i, (codes, labels, amounts) in enumerate(runs):
        codes_among, amounts = _code_parts_among_figures(amounts)
        late = [g for g in groups(codes_among) if len(g[0][1]) == 3]     # a lone 款/项 part is no row's code
        if labels and not amounts and all(is_header_word(t) for _, t in labels) and \
                not (len(labels) == 1 and catalog.TOTAL_LABELS.match(labels[0][1])):
            carried += codes
            out[i] = ([], labels, amounts)      # the header again: dropped with the others
            continue
        codes, carried = carried + codes, []
        parts = groups(codes)
        if labels and (is_header_word(labels[0][1]) or catalog.TOTAL_LABELS.match(labels[-1][1])):
            own: list[tuple[int, str]] = []
            spare = parts       # the header's words between its codes and its name; a total has none
        else:
            own, spare = (parts[-1] if parts else []), parts[:-1]
        if own and not spare and not late and not loose:
            nameless.clear()
        loose.extend(spare)
        out[i] = (own, labels, amounts)
        if not own and labels and amounts and not catalog.TOTAL_LABELS.match(labels[-1][1]):
            nameless.append(i)
        loose.extend(late)
        while loose and nameless:
            j = nameless.popleft()
            out[j] = (loose.popleft(), out[j][1], out[j][2])
    return out


def _header_code_groups(header: list[Token]) -> list[list[Token]]:
    """The codes reading order printed among the header's cells, a group per row, in order:
    a class with the 款 part printed right after it (`201` `201 05` `201 05` …). The 项 column
    may follow as a block of its own after its level word (`项` `07` `02` …): a code whose class
    and 款 repeat the row before's is an item under it, and the block's parts go to those
    codes in order, where there are as many of both. Where a 款 part stands after no class
    (the parts printed out of order), the classes alone are sure: a group each."""
    groups: list[list[Token]] = []
    items: list[Token] = []
    after = ""          # what the token before was: a class, a 款 part, the 项 word, an item part
    for k, t in header:
        if not CODE_PART_TOKEN.match(t):
            after = "项" if t == "项" else ""
        elif len(t) == 3:
            groups.append([(k, t)])
            after = "class"
        elif after == "class":
            groups[-1].append((k, t))
            after = "section"
        elif after in ("项", "item"):
            items.append((k, t))
            after = "item"
        else:
            return [[(m, c)] for m, c in header if len(c) == 3 and CODE_PART_TOKEN.match(c)]     # classes alone
    seen: set[tuple[str, ...]] = set()
    repeats = []        # codes of a class and 款 printed before: items under that 款
    for group in groups:
        code = tuple(t for _, t in group)
        if len(code) == 2 and code in seen:
            repeats.append(group)
        seen.add(code)
    if items and len(items) == len(repeats):
        for group, item in zip(repeats, items):
            group.append(item)
    return groups


def _may_print_codes(spec: TableSpec) -> bool:
    """Whether a table of this kind may print classification codes (科目编码, whose class and
    款/项 parts reading order prints apart): a layout of its template has such a column, or
    it has no template. A unit's or project's code is printed whole. A small whole number
    opening a row's figures in a table without them (`运行费 25 21.56 …`) is a figure."""
    return not spec.layouts or any("科目" in layout[i] for layout in spec.layouts
                                   for i in code_columns_of(tuple(parse_columns(layout))))


CODE_PART_TOKEN = re.compile(r"^[23]\d\d$|^\d\d$")      # a function or economic class, or a 款/项 part


def _code_parts_among_figures(amounts: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Code parts that reading order printed among a row's figures (`210 210 11 …`, codes
    of rows printed without theirs), and the figures without them. A stretch of parts is
    codes where it opens the figures, or where it holds a class and a 款/项 part among
    three or more; either way only beside a figure that no code can be (with a decimal
    point or a thousands comma)."""
    if not any("." in t or "," in t for _, t in amounts):
        return [], amounts
    codes: list[tuple[int, str]] = []
    figures: list[tuple[int, str]] = []
    i = 0
    while i < len(amounts):
        end = i
        while end < len(amounts) and CODE_PART_TOKEN.match(amounts[end][1]):
            end += 1
        stretch = amounts[i:end]
        if i == 0 or (len(stretch) >= 3 and {len(t) for _, t in stretch} == {2, 3}):
            codes += stretch
        else:
            figures += stretch
        if end < len(amounts):
            figures.append(amounts[end])
        i = end + 1
    return codes, figures


def _continue_row(row: list[Cell], codes: list[Token], labels: list[Token], name_col: int, unit_col: int | None, agency: str) -> None:
    """The rest of a row printed after its amounts (a page break cut its cells): the code's
    other fragments, then the name's and the unit's, interleaved (`农村低` `曾都区医疗保障服`
    … `3032T00` `0000114` `收入人口资助参保` `务中心`)."""
    lines = tuple(k for k, _ in codes + labels)
    row[0] = Cell(row[0].text + "".join(t for _, t in codes), row[0].lines + lines, "joined from fragments")
    text = row[name_col].text + "".join(t for _, t in labels)
    if unit_col is not None and agency:
        cut = next((n for n in range(len(agency), 1, -1) if agency[:n] in text), 0)
        at = text.find(agency[:cut]) if cut else -1
        rest = agency[cut:]
        if at >= 0 and (not rest or rest in text[at + cut:]):
            tail = text[at + cut:]
            text = text[:at] + (tail.replace(rest, "", 1) if rest else tail)
            row[unit_col] = Cell(agency, row[name_col].lines + lines, "split from the label by the unit's name")
    row[name_col] = Cell(text, row[name_col].lines + lines, "joined from fragments")


def _label_with_its_end(head: Cell, pieces: list[Token]) -> Cell:
    """A label cell with the pieces of its wrapped end (that close its bracket, or run on past
    its column's width)."""
    return Cell(head.text + "".join(t for _, t in pieces), head.lines + tuple(k for k, _ in pieces),
                "joined from fragments")


def _code_parts(codes: list[tuple[int, str]], n: int, lone_kuan: bool = False) -> list[tuple[int, str]]:
    """A code for 类/款/项 columns: printed parts as they are, a whole code cut 3/2/2. With
    `lone_kuan`, two digits printed alone are no 类 (of three) but the 款 its row is (`40 信访事务`
    under `201`): not where every row prints one part alone, 款 and 项 alike (told apart by
    their figures)."""
    if len(codes) > 1:
        return codes[:n]
    k, code = codes[0]
    if len(code) == 2 and lone_kuan and n > 1:
        return [(k, ""), (k, code)]
    parts = [code[:3], code[3:5], code[5:7]][:n]
    return [(k, p) for p in parts]


def _total_figures_joined(rows: list[list[Cell]], label_col: int) -> list[list[Cell]]:
    """A total that reading order printed among the header's cells (`合计`, then the header's
    words, then its figures): its label alone on one row, its figures on the next without a
    label. One row."""
    out: list[list[Cell]] = []
    for row in rows:
        above = out[-1] if out else None
        if above is not None and catalog.TOTAL_LABELS.match(above[label_col].text) and \
                not any(c.text for j, c in enumerate(above) if j != label_col) and \
                not row[label_col].text and any(c.text for c in row):
            out[-1] = [above[j] if j == label_col else cell for j, cell in enumerate(row)]
            continue
        out.append(row)
    return out


def _first_figures_labelled_from_header(body: Body, runs: list[Run]) -> list[Run]:
    """Reading order may print the first row's label among the header's cells and its figures
    first (`功能科目名称 合计 单位：万元 一般公共预算支出 小计 … 46,402.33 …`; `项目 行政经费 合计
    一般公共预算 … 10,884.55 …`): a first run of figures alone takes the last total label before
    them that names no column, else the one fragment there that only a row can be named by."""
    if not runs or runs[0][0] or runs[0][1] or not runs[0][2]:
        return runs
    first = runs[0][2][0]
    words = _folded(body.column_words)
    header = list(itertools.takewhile(lambda kt: kt != first, body.tokens))
    total = next((kt for kt in reversed(header) if catalog.TOTAL_LABELS.match(kt[1]) and kt[1] not in words), None)
    names = [kt for kt in header if kt[1] not in words and not body.is_header_word(kt[1])
             and not UNIT_LINE.search(kt[1]) and _names_a_row(kt[1], body.header_words)]
    label = total or (names[0] if len(names) == 1 else None)
    return runs if label is None else [([], [label], runs[0][2])] + runs[1:]


def _late_labels_seated(runs: list[Run], width: int, column_words: Set[str]) -> list[Run]:
    """A one-panel table in reading order that printed some rows' figures without their
    labels and those labels together later (`“三公”经费 19.86 … 5.00 … 6.70 …` then `（一）…
    （二）… （三）… 8.16 …`): a run of several rows' figures is those rows, and the labels
    printed together go, in order, to the rows left without one before them, then to their
    own run's rows (its figures may be several rows', the labels of a new page's rows
    printed with the previous page's: `[2010999]… [210]… 功能科目名称 [216]… [21699]… 小计 …
    2,500.00 …`); the header's words among them are left out. Only where the counts agree."""
    rows: list[Run] = []
    for codes, labels, amounts in runs:
        whole = width > 0 and len(amounts) > width and len(amounts) % width == 0
        if not whole:
            rows.append((codes, labels, amounts))
            continue
        rows.append((codes, labels, amounts[:width]))
        rows += [([], [], amounts[i:i + width]) for i in range(width, len(amounts), width)]
    bare = [i for i, (codes, labels, amounts) in enumerate(rows) if not codes and not labels and amounts]
    words = _folded(column_words)
    for late, (codes, labels, amounts) in enumerate(rows):
        queue = [kt for kt in labels if kt[1] not in words]
        if codes or len(queue) < 2 or len(amounts) != width:
            continue
        after = list(itertools.takewhile(lambda i: i in bare, range(late + 1, len(rows))))
        seats = [i for i in bare if i < late] + [late] + after
        if len(seats) == len(queue) and len(seats) - 1 == len(bare):
            for i, label in zip(seats, queue):
                rows[i] = ([], [label], rows[i][2])
            return rows
    return runs


def _total_row_among_header_cells(header: list[Token], runs: list[Run], column_words: set[str],
                                  amount_columns: int) -> list[Run]:
    """A table of one total row in reading order (an empty 政府性基金 table: `小计 合计 其中：基本支出
    0.00 项目支出 0.00 0.00`): its 合计 among the header's cells, its figures among the later
    ones. Where every run's labels are the columns' own words and the header holds a total
    label no column is named by, the runs are that total's row."""
    words = _folded(column_words)
    total = next((kt for kt in reversed(header) if catalog.TOTAL_LABELS.match(kt[1]) and kt[1] not in words), None)
    figures = [a for _, _, amounts in runs for a in amounts]
    if total is None or not runs or len(figures) > amount_columns or \
            not all(not codes and labels and all(t in words for _, t in labels) for codes, labels, _ in runs):
        return runs
    return [([], [total], figures)]


def _label_without_figures(rows: list[list[Cell]], text_cols: list[int]) -> str:
    """A panel's total (本年收入合计, 支出总计) whose figures are all empty in a table that prints
    figures, or one of its numbered items (八、社会保障和就业支出) without figures where at least
    four others print theirs and some print zeros (0.00 where there is nothing: a 决算 template
    leaves such items blank): summaries print every total and, so, every item; reading order
    put its figures elsewhere. The label, or ""."""
    if not any(c.value is not None for row in rows for j, c in enumerate(row) if j not in text_cols):
        return ""
    for n, label in enumerate(text_cols):
        bare, figured, zeros = [], 0, False
        for row in rows:
            own = range(label + 1, min(text_cols[n + 1] if n + 1 < len(text_cols) else len(row), len(row)))
            text = row[label].text if label < len(row) else ""
            printed = [row[j] for j in own if row[j].text]
            if own and catalog.TOTAL_LABELS.match(text) and not printed:
                return text
            if TOP_ITEM.match(text):
                figured += bool(printed)
                zeros = zeros or (bool(printed) and all(c.value == 0 for c in printed))
                bare += [] if printed else [text]
        if bare and zeros and figured >= SETTINGS.items_beside_a_bare_one:
            return bare[0]
    return ""


def _panels_zigzag(rows: list[list[Cell]], text_cols: list[int]) -> int:
    """How many times a row printing only the left panel is followed by one printing only the
    right: a table printed side by side rarely does it; reading order makes it of every row."""
    left, right = text_cols

    def only(row: list[Cell], side: int) -> bool:
        mine = range(left, right) if side == left else range(right, len(row))
        other = range(right, len(row)) if side == left else range(left, right)
        return any(row[j].text for j in mine) and not any(row[j].text for j in other)
    return sum(only(a, left) and only(b, right) for a, b in zip(rows, rows[1:]))


def _fill_positional(table: Table, content: list[tuple[int, str]]) -> bool:
    """A table outside the catalogue whose header is one line of N words and whose every row
    is one line of at most N cells, left to right (`序号 会议名称 时间 人数 金额 备注` /
    `1 试点工作部署动员会 2026年03月04日 80 1.19`, the empty 备注 last): read cell by cell.
    A header of two lines reads so too where one word of the upper line groups the lower
    line's words (see `_two_line_header`). Whether the table was such a table."""
    # (a lone number on its line is a page's: in a text that prints it after the page's last line,
    # between a table's title and its header)
    lines = [(k, _total_joined(split_tokens(line))) for k, line in content if not LONE_NUMBER.match(line)]
    first = next((i for i, (_, toks) in enumerate(lines) if any(is_amount(t) for t in toks)), None)
    if first is None or first == 0:
        return False
    # the header: the line above the first row, or above the head of a cell the first row
    # wraps round its line (`参加其他单位组织的` over `1 财政干部业务培训 … 4.00`, `培训` under)
    if first >= 2 and _wrapped_piece(lines[first - 1][1]) and len(lines[first - 2][1]) >= 3 and \
            not any(is_amount(t) for t in lines[first - 2][1]):
        first -= 1
    header_at, header = lines[first - 1]
    # (notes under the grid were set apart before; the header printed again past a page break is no row)
    body = [(k, toks) for k, toks in lines[first:] if toks != header]
    if not body or any(is_amount(t) for t in header) or (len(body) == 1 and len(body[0][1]) < len(header) - 1):
        return False        # (a row alone shows its grid where it fills every column but a last one left empty)
    # the commonest row: of the lines that print a label and an amount (not a wrapped cell's piece)
    rows = [toks for _, toks in body if len(toks) >= 2 and any(is_amount(t) for t in toks)] or [t for _, t in body]
    common = Counter(len(toks) for toks in rows).most_common(1)[0][0]
    typical = [toks for toks in rows if len(toks) == common]
    columns = _two_line_header([t for _, toks in lines[:first - 1] for t in toks], header, typical) \
        if common > len(header) and first >= 2 else [Column.of((w,)) for w in header]
    n = len(columns)
    body = _wrapped_cells_seated(body, max(common, len(header)))
    if n < 3 or not all(max(2, n - 2) <= len(toks) <= n for _, toks in body):
        return False
    # which columns hold amounts, as the rows of the commonest length print them (left to right)
    holds_amount = [sum(is_amount(toks[j]) for toks in typical) * 2 > len(typical) if j < common else False
                    for j in range(n)]

    def seated(toks: list[str]) -> int:
        """Where a short row starts: at the left, or shifted right where its amounts then fall
        under amount columns (a total's label spanning two cells: `金额合计 3670.11 …`)."""
        fits = [sum(is_amount(t) == holds_amount[at + j] for j, t in enumerate(toks)) for at in range(n - len(toks) + 1)]
        return max(range(len(fits)), key=lambda at: (fits[at], -at))
    def leaves_an_amount_column(toks: list[str]) -> bool:
        """Whether a short row of figures leaves out an amount column (which, only sums tell)."""
        at = seated(toks)
        return len(toks) < n and any(is_amount(t) for t in toks) and not catalog.TOTAL_LABELS.match(toks[0]) and \
            any(not columns[j].holds_words for j in range(n) if not at <= j < at + len(toks))
    if any(leaves_an_amount_column(toks) for _, toks in body):
        return False        # the token reader's placement weighs the sums
    table.columns = columns
    table.header_lines = (content[0][0], header_at)     # every line above the rows
    label_at = next((j for j, c in enumerate(columns) if any("名称" in p for p in c.path)), 0)
    table.rows = []
    for k, toks in body:
        if len(toks) < n and catalog.TOTAL_LABELS.match(toks[0]) and all(is_amount(t) for t in toks[1:]) \
                and n - len(toks) + 1 > label_at:
            # a total's label spans the label cells: it stands in the name column (else the first),
            # its amounts at the right
            cells = [""] * label_at + [toks[0]] + [""] * (n - len(toks) - label_at) + [clean_number(t) for t in toks[1:]]
        else:
            at = seated(toks)
            cells = [""] * at + [clean_number(t) if is_amount(t) else t for t in toks]
        table.rows.append([Cell(t, (k,)) for t in cells + [""] * (n - len(cells))])
    return True


def _shape(token: str) -> str:
    """A label cell's shape, as the rows of one column share it: its code prefix with the
    digits masked (`0101-公共安全服务` → `0000-`), "" for a label without one."""
    m = re.match(r"^[\dA-Z]+[-—]", token)
    return re.sub(r"\d", "0", m.group()) if m else ""


def _wrapped_piece(tokens: list[str]) -> bool:
    """A line holding one piece of a wrapped cell: one word, no figure, no page number."""
    return len(tokens) == 1 and not is_amount(tokens[0]) and not LONE_NUMBER.match(tokens[0])


DATE = re.compile(r"\d年\d{1,2}月|\d月\d{1,2}日")


def _token_class(token: str) -> str:
    """What a positional table's cell holds: an amount, a date (`2026年3月3日至…`) or text, and
    text by its shape (`0202-课题研究和社会调查` under the `0000-` column)."""
    return "amount" if is_amount(token) else "dated" if DATE.search(token) else "text" + _shape(token)


def _wrapped_cells_seated(body: list[tuple[int, list[str]]], n: int) -> list[tuple[int, list[str]]]:
    """Rows of a positional table short of a cell, a wrapped cell printed round their line (its
    head on the line above, its tail on the line below: `参加其他单位组织的` / `1 财政干部业务培训
    不晚于2026年11月30日 20 4.00` / `培训`; `行业职业资格准入和水平评价管` / `01-公共服务 0116-行业管理服务
    12.000000` / `理服务`): the cell goes to the one seat where every cell of
    the row is of the kind the rows printing every cell have there, the row's own cells in
    their order, a last text cell (a remark) left empty. Rows left as read where no full row
    shows the columns' kinds, or where not one seat fits."""
    full = [toks for _, toks in body if len(toks) == n]
    if not full:
        return body
    kinds = [Counter(_token_class(toks[j]) for toks in full).most_common(1)[0][0] for j in range(n)]
    out: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(body):
        k, toks = body[i]
        above = out[-1][1] if out and _wrapped_piece(out[-1][1]) else None
        below = body[i + 1][1] if i + 1 < len(body) and _wrapped_piece(body[i + 1][1]) else None
        if n - 2 <= len(toks) < n and above is not None and below is not None:
            cell = above[0] + below[0]
            # (cells past the row's last are empty: a remark left blank)
            seats = [seat for seat in range(len(toks) + 1)
                     if all(_token_class(t) == kinds[j] for j, t in enumerate(toks[:seat] + [cell] + toks[seat:]))
                     and all(kind.startswith("text") for kind in kinds[len(toks) + 1:])]
            if len(seats) == 1:
                out[-1] = (out[-1][0], toks[:seats[0]] + [cell] + toks[seats[0]:])
                i += 2
                continue
        out.append((k, toks))
        i += 1
    return out


def _total_joined(tokens: list[str]) -> list[str]:
    """A total's label printed spaced out (`合 计`) as one token."""
    if len(tokens) >= 2 and tokens[0] + tokens[1] in TOTAL_WORDS:
        return [tokens[0] + tokens[1]] + tokens[2:]
    return tokens


def _two_line_header(upper: list[str], lower: list[str], typical: list[list[str]]) -> list[Column]:
    """Columns of a header printed on two lines where one word of the upper line groups
    the lower line's words and the others head a column each, beside that block: the block is
    on the side where the rows print as many cells of its kind (`指导性目录 预算金额` over `一级
    二级 三级`, rows of three labels then an amount: 指导性目录/一级 … 预算金额). The lower line
    as it is when the header is not so."""
    width = len(typical[0]) if typical else 0
    as_printed = [Column.of((w,)) for w in lower]
    if not upper or len(upper) + len(lower) - 1 != width or any(is_amount(t) for t in upper):
        return as_printed

    def leading(kind: bool) -> int:
        return min(next((j for j, t in enumerate(toks) if is_amount(t) != kind), len(toks)) for toks in typical)
    texts_first, amounts_last = leading(False), min(
        next((j for j, t in enumerate(reversed(toks)) if not is_amount(t)), len(toks)) for toks in typical)
    block_left, block_right = texts_first == len(lower), amounts_last == len(lower)
    if block_left == block_right:
        return as_printed       # the rows do not tell which side the group is on
    if block_left:
        return [Column.of((upper[0], w)) for w in lower] + [Column.of((w,)) for w in upper[1:]]
    return [Column.of((w,)) for w in upper[:-1]] + [Column.of((upper[-1], w)) for w in lower]


def _panel_halves_joined(rows: list[list[Cell]], text_cols: list[int], totals_only: bool = False) -> list[list[Cell]]:
    """The halves of one printed row that an extractor put on two lines (PyMuPDF: the income
    side, then the spending side): a row of the left panel alone followed by one of the right
    panel alone is one row where both labels open a row of their list (`2.政府性基金` and
    `三、社会保障和就业支出`, `收入总计` and `支出总计`); with `totals_only`, where both are totals.
    Totals read the other way round (`支出总计` on the line before `收入总计`: pdftotext's reading
    order) are one row too: a summary prints its two sides' totals on one line."""
    left, right = text_cols

    def only(row: list[Cell], side: int) -> bool:
        other = row[right:] if side == left else row[left:right]
        return bool(row[side].text) and not any(c.text for c in other)

    def totals(*labels: str) -> bool:
        return all(catalog.TOTAL_LABELS.match(label) is not None for label in labels)
    out: list[list[Cell]] = []
    for row in rows:
        before = out[-1] if out else None
        if before is not None and only(before, left) and only(row, right) and \
                starts_row(before[left].text) and starts_row(row[right].text) and \
                (not totals_only or totals(before[left].text, row[right].text)):
            out[-1] = before[:right] + row[right:]
            continue
        if before is not None and only(before, right) and only(row, left) and totals(before[right].text, row[left].text):
            out[-1] = row[:right] + before[right:]
            continue
        out.append(row)
    return out


def _fill_label_columns(table: Table, runs: list[Run], text_cols: list[int], spec: TableSpec,
                        stated: tuple[tuple[str, Decimal], ...], trailing_texts: tuple[int, ...],
                        printed: PrintedPages | None, natures: Mapping[str, frozenset[str]]) -> None:
    """Rows of several label columns before the amounts (Beijing's 支出总表: the function, the
    government and the department economic class, each `2040601-行政运行`): a line's pieces
    of text fill the label columns from the left, one each, a cell's wrapped tail joined to
    its head and the pieces beyond the last column joined into it (a row printing fewer, one
    of them longer than its column holds, is doubted: two cells printed as one); its amounts
    are seated by the table's identities. Where a label
    column is a code column (Shenzhen's 预算单位 / 科目编码 / 科目名称), a row's code goes there
    and its name to the columns after it; a row without a code and with fewer pieces than
    label columns fills them from the right (the left ones merged down from a row above)."""
    code_cols = [j for j in text_cols if table.columns[j].role == ColumnRole.CODE]
    code_col = code_cols[0] if len(code_cols) == 1 else None
    in_parts = any(table.columns[j].role == ColumnRole.CODE_PART for j in text_cols)
    # (code-and-name pairs: a row whose first code is followed by the next code, or by its
    # figures, prints its first name wrapped around its line; the name goes after that code)
    first_name = next((j for j in text_cols if j > code_cols[0] and table.columns[j].role in
                       (ColumnRole.NAME, ColumnRole.TEXT)), None) if len(code_cols) > 1 else None
    wrapped = _labels_wrapped_around(runs, _first_name_missing(runs)) if first_name is not None else \
        {} if code_cols else _labels_wrapped_around(runs, _one_label_missing(runs, len(text_cols)))
    taken = {i + d for i, (_, tail) in wrapped.items() for d in ((-1, 1) if tail else (-1,))}
    full = [codes + labels for codes, labels, _ in runs if len(codes + labels) == len(text_cols)]  # a label a column
    widths = {j: max(len(t) for _, t in pieces) for j, pieces in zip(text_cols, zip(*full))} if not code_cols else {}
    cut_at = _wrapping_widths(full, text_cols) if not code_cols else {}
    rows: list[list[Cell]] = []
    amounts_of: list[list[tuple[str, int]]] = []
    glued = 0
    for i, (codes, labels, amounts) in enumerate(runs):
        if i in taken:
            continue
        pieces = codes + labels
        if rows and not amounts and len(pieces) == 1 and \
                (opened := next((j for j in text_cols if opens_bracket(rows[-1][j].text)), None)) is not None:
            # `深圳市文化广电旅游体育局（本` … figures … `级）`: the name's wrapped end, alone on its line
            rows[-1][opened] = _label_with_its_end(rows[-1][opened], pieces)
            continue
        if rows and not amounts and len(pieces) == 1 and amounts_of[-1] and not starts_row(pieces[0][1]) and \
                (cut := next((j for j, width in cut_at.items() if display_width(rows[-1][j].text) >= width), None)) \
                is not None:
            # a label as long as its column prints any, then a line of text alone under its row: the
            # label's wrapped end (`…一公开”检 特定目标类 130.00` / `查项目`)
            rows[-1][cut] = _label_with_its_end(rows[-1][cut], pieces)
            continue
        row = [Cell("", tuple(k for k, _ in pieces + amounts)) for _ in table.columns]
        cols = text_cols
        if not codes and len(labels) == 1 and catalog.TOTAL_LABELS.match(labels[0][1]):
            # a total's label in the merged code-and-name cell: the name column takes it
            cols = [j for j in text_cols if "名称" in table.columns[j].leaf][:1] or text_cols
        elif in_parts and (seated := _pieces_seated_by_kind(pieces, text_cols, table.columns)) is not None:
            for j, (k, t) in seated.items():
                row[j] = Cell(t, (k,))
            pieces = []         # every piece seated: none left to fill the columns in order
        elif codes and code_col is not None:
            row[code_col] = Cell("".join(t for _, t in codes), tuple(sorted({k for k, _ in codes})))
            pieces, cols = labels, [j for j in text_cols if j > code_col] or text_cols
        elif i in wrapped and first_name is not None:
            cols = [j for j in text_cols if j != first_name]
        elif not code_cols and 0 < len(pieces) < len(cols) and not (rows and pieces[0][1] == rows[-1][cols[0]].text):
            # the columns to the left are cells merged down from a row above (a unit over its years;
            # a row printing the first column's cell again is not one: a cell of its was glued)
            cols = cols[len(cols) - len(pieces):]
        elif 0 < len(pieces) < len(cols) and any(widths.get(j) and len(t) > widths[j] for j, (_, t) in zip(cols, pieces)):
            glued += 1      # a piece longer than any its column prints whole: two cells printed as one
        for j, cell in zip(cols, _wrapped_pieces_joined(pieces, [widths.get(j, 0) for j in cols])):
            row[j] = Cell("".join(t for _, t in cell), tuple(sorted({k for k, _ in cell})),
                          "joined from fragments" if len(cell) > 1 else "")
        if i in wrapped and (empty := next((j for j in text_cols if not row[j].text and table.columns[j].role in
                                            (ColumnRole.NAME, ColumnRole.TEXT)), None)) is not None:
            name = wrapped[i][0] + wrapped[i][1]
            row[empty] = Cell("".join(t for _, t in name), tuple(k for k, _ in name), "joined from fragments")
        rows.append(row)
        amounts_of.append([(clean_number(t), k) for k, t in amounts])
    if glued:
        table.add_doubt(f"{glued} row(s) print fewer labels than the table's label columns, one longer than any its "
                        "column prints whole: two cells were printed as one; check the rows against the source")
    place_amounts(table, rows, amounts_of, spec, text_cols + list(trailing_texts), stated, printed, natures)
    table.rows = rows


WRAP_SLACK = 2      # display columns a wrapped label may stop short of its column's width (a wide mark)


def _wrapping_widths(full: list[list[Token]], text_cols: list[int]) -> dict[int, int]:
    """The label columns whose labels wrap, each with the width (display columns) its widest
    label reaches, from the rows printing a label a column (`full`): a column where most rows
    print a label narrower than that (names of any length, not a category of a few fixed words)."""
    out = {}
    for j, pieces in zip(text_cols, zip(*full)):
        widths = [display_width(t) for _, t in pieces]
        widest = max(widths) - WRAP_SLACK
        if 2 * sum(w >= widest for w in widths) < len(widths):
            out[j] = widest
    return out


def _wrapped_pieces_joined(pieces: list[Token], widths: list[int]) -> list[list[Token]]:
    """A row's pieces of text as its label cells, by the columns' widths (the longest label
    each prints in rows of a piece a column; 0 unknown): where it prints more pieces than
    there are columns, a cell wrapped in its column printed its head, then its tail as a
    piece of its own (`0207-评审、评估和评价服` / `务`). A head fills its column, a tail is
    short: of the pieces that could end a head that fills its column (and of those beyond the
    last column, which can only join it) the shortest is joined to the piece before it."""
    cells = [[piece] for piece in pieces]
    while len(cells) > len(widths):
        heads = [i for i in range(len(cells) - 1) if i >= len(widths) - 1 or (
            widths[i] and len("".join(t for _, t in cells[i])) >= widths[i] * SETTINGS.wrapped_line_share)]
        head = min(heads, key=lambda i: (sum(len(t) for _, t in cells[i + 1]), -i))
        cells[head:head + 2] = [cells[head] + cells[head + 1]]
    return cells


def _one_label_missing(runs: list[Run], label_columns: int) -> Callable[[int], bool]:
    """Whether a run is a row printing every label but one."""
    return lambda i: 0 <= i < len(runs) and bool(runs[i][2]) and len(runs[i][0]) + len(runs[i][1]) == label_columns - 1


def _first_name_missing(runs: list[Run]) -> Callable[[int], bool]:
    """Whether a run is a row of code-and-name pairs whose first code is followed by the next
    code or by its figures (`30108 50102 社会保障缴费 81.23`, `125001 2,080.32 …`): its first
    name is missing."""
    def missing(i: int) -> bool:
        if not 0 <= i < len(runs) or not runs[i][2]:
            return False
        pieces = runs[i][0] + runs[i][1]
        return bool(pieces) and CODE.fullmatch(pieces[0][1]) is not None and \
            (len(pieces) == 1 or CODE.fullmatch(pieces[1][1]) is not None)
    return missing


def _labels_wrapped_around(runs: list[Run], headless: Callable[[int], bool]) -> dict[int, tuple[list[Token], list[Token]]]:
    """A label wrapped in its cell prints around the line of its row's other labels and
    figures (`生均公用经费及…残疾学` / `特定目标类 94.50 …` / `生生均公用经费`; `机关事业单位基本养老保`
    / `301 08 501 02 社会保障缴费 102.24 …` / `险缴费`): a piece of text alone on its line right
    before a row missing a label (`headless`) is that label's head, and one right after it its
    tail, unless the next row needs it for its head. The head and tail of each such row, by
    its run's index."""
    def alone(i: int) -> bool:
        return 0 <= i < len(runs) and not runs[i][0] and not runs[i][2] and len(runs[i][1]) == 1
    out: dict[int, tuple[list[Token], list[Token]]] = {}
    tails: set[int] = set()
    for i in range(1, len(runs)):
        if headless(i) and alone(i - 1) and i - 1 not in tails:
            has_tail = alone(i + 1) and not headless(i + 2)
            out[i] = (runs[i - 1][1], runs[i + 1][1] if has_tail else [])
            if has_tail:
                tails.add(i + 1)
    return out


SENTENCE_MARK = re.compile(r"[，。；：,;:]")
LABEL_PIECE = 12        # characters of a wrapped label's piece beside a description's (`北海关 方经济发展…。`)


def _described_rows(lines: list[Token], width: int) -> tuple[list[list[Cell]], list[list[tuple[str, int]]], list[str]] | None:
    """Rows of a label, amounts and a description (Guangdong's 项目支出表, 绩效目标 last), both
    text cells wrapped and centred vertically on the amounts' line: a line of text alone holds
    a piece of the label, of the description, or both (`港珠澳大桥珠海公路口 开展对出境旅客…`).
    A piece is the description's where it reads as a sentence (punctuation) or is wider than
    any label piece printed beside amounts (and than a wrapped label's piece); each column's
    pieces between two rows' amounts go to the first row's tail, as many as its head, and to
    the second row's head. Rows (label and description cells), their amounts, and the text
    after the last row that no cell takes (kept as the table's notes); None where no line
    prints a description."""
    parsed = []
    for k, line in lines:
        tokens = split_tokens(line)
        amount_at = [i for i, t in enumerate(tokens) if is_amount(t)]
        if amount_at:
            parsed.append((k, tokens[:amount_at[0]], [tokens[i] for i in amount_at], tokens[amount_at[-1] + 1:]))
        else:
            parsed.append((k, tokens, [], []))
    if not any(desc or (not amounts and len(name) >= 2 and SENTENCE_MARK.search("".join(name[1:])))
               for _, name, amounts, desc in parsed):
        return None     # no line prints a description beside a label or amounts
    widest = max((len("".join(name)) for _, name, amounts, _ in parsed if amounts), default=0)

    def is_description(piece: str) -> bool:
        return bool(SENTENCE_MARK.search(piece)) or len(piece) > max(widest, LABEL_PIECE)

    # for each line: its label piece, its description piece, its amounts
    line_of: list[int] = []
    label_pieces: list[str] = []
    description_pieces: list[str] = []
    amounts_on: list[list[str]] = []
    for k, name, amounts, desc in parsed:
        if amounts:
            label, text = "".join(name), "".join(desc)
        elif len(name) >= 2:
            label, text = name[0], "".join(name[1:])
        else:
            piece = "".join(name)
            label, text = ("", piece) if is_description(piece) else (piece, "")
        line_of.append(k)
        label_pieces.append(label)
        description_pieces.append(text)
        amounts_on.append(amounts)
    anchors = [i for i, amounts in enumerate(amounts_on) if amounts]
    if not anchors:
        return None

    left_over: list[str] = []

    def centred(pieces: list[str]) -> list[list[tuple[int, str]]]:
        """Each row's pieces of one column, in printed order."""
        cells: list[list[tuple[int, str]]] = [[] for _ in anchors]
        heads = 0
        for n, at in enumerate(anchors):
            start = anchors[n - 1] + 1 if n else 0
            gap = [(line_of[i], pieces[i]) for i in range(start, at) if pieces[i]]
            tail = min(heads, len(gap)) if n else 0
            if n:
                cells[n - 1] += gap[:tail]
            cells[n] = gap[tail:] + ([(line_of[at], pieces[at])] if pieces[at] else [])
            heads = len(gap) - tail
        after = [(line_of[i], pieces[i]) for i in range(anchors[-1] + 1, len(pieces)) if pieces[i]]
        cells[-1] += after[:heads]
        left_over.extend(t for _, t in after[heads:])
        return cells
    names, descriptions = centred(label_pieces), centred(description_pieces)

    def cell(pieces: list[tuple[int, str]]) -> Cell:
        return Cell("".join(t for _, t in pieces), tuple(sorted({k for k, _ in pieces})),
                    "joined from fragments" if len(pieces) > 1 else "")
    rows, amounts_of = [], []
    for n, at in enumerate(anchors):
        k = line_of[at]
        rows.append([cell(names[n])] + [Cell("", (k,)) for _ in range(width - 2)] + [cell(descriptions[n])])
        amounts_of.append([(clean_number(t), k) for t in amounts_on[at]])
    return rows, amounts_of, left_over


def _pieces_seated_by_kind(pieces: list[Token], cols: list[int], columns: list[Column]) -> dict[int, Token] | None:
    """A row's label pieces where its label columns hold codes in parts (类 款) and names:
    each code piece to the next code column, each word to the next name column, in printed
    order (`301 工资福利支出 501 机关工资福利支出`: its 款 columns left empty). None where the
    pieces do not fit so."""
    seated: dict[int, Token] = {}
    at = 0
    for k, t in pieces:
        code = t.isdigit()
        while at < len(cols) and (columns[cols[at]].role in (ColumnRole.CODE, ColumnRole.CODE_PART)) != code:
            at += 1
        if at == len(cols):
            return None
        seated[cols[at]] = (k, t)
        at += 1
    return seated


def _label_pairs_joined(runs: list[Run], next_line: Mapping[int, int]) -> list[Run]:
    """Runs without amounts continued by the next run on the same line, as one run whose
    codes and labels keep their printed order (as labels: each fills its own column); or on
    the next line printed (`next_line`: a text may set a blank line after each), where that
    run's code is of the other classification (`30101` `基本工资` then `50101` `工资奖金津补贴`
    and the figures, a cell a line: not a child's code, which begins as its parent's)."""
    out: list = []
    for codes, labels, amounts in runs:
        before = out[-1] if out else None
        pieces = codes + labels
        if before is not None and not before[2] and before[1] and pieces and (
                before[1][-1][0] == pieces[0][0] or (
                    next_line.get(before[1][-1][0]) == pieces[0][0] and codes and CODE.fullmatch(before[1][0][1])
                    and before[1][0][1][0] != codes[0][1][0])):
            out[-1] = ([], before[1] + pieces, amounts)
            continue
        out.append(([], pieces, amounts) if codes else (codes, labels, amounts))
    return out


def _first_codes_set_low(runs: list[Run], next_line: Mapping[int, int], label_columns: int) -> list[Run]:
    """Rows of code-and-name pairs whose first code prints on the line under the row's, its
    cell's text set low (`基本工资 50101 工资奖金津补贴 …` / `30101`; `机关事业单位基` / `50102
    社会保障缴费 …` / `30108 本养老保险缴费`): a line right under a row's, printing no figure and
    opening with a code, where the row prints all its labels but its first code, or only its
    second pair (a code of the other classification: another first digit), opens that row;
    the words after it stay a line of their own (the first name's wrapped end)."""
    out: list[Run] = []
    i = 0
    while i < len(runs):
        codes, labels, amounts = runs[i]
        pieces = codes + labels
        low = runs[i + 1][0] + runs[i + 1][1] if i + 1 < len(runs) and not runs[i + 1][2] else []
        if amounts and pieces and low and CODE.fullmatch(low[0][1]) and \
                next_line.get(max(k for k, _ in pieces + amounts)) == low[0][0] and (
                    (len(pieces) == label_columns - 1 and not CODE.fullmatch(pieces[0][1]) and
                     CODE.fullmatch(pieces[1][1]) is not None) or
                    (len(pieces) == label_columns - 2 and CODE.fullmatch(pieces[0][1]) is not None and
                     pieces[0][1][0] != low[0][1][0])):
            out.append(([], [low[0]] + pieces, amounts))
            if len(low) > 1:
                out.append(([], low[1:], []))
            i += 2
            continue
        out.append(runs[i])
        i += 1
    return out


def _repeated_leaf(columns: list[Column], header_lines: list[str]) -> list[Column]:
    """A header line that prints one word under every amount column (`决算数 决算数 …`, the
    决算's template): that word is each amount column's leaf. The columns as they are
    where no line does so, or the word is part of a column's name already (a wrapped header
    word printed once per panel: `经济分类`)."""
    amounts = [j for j, c in enumerate(columns) if not c.holds_words]
    if len(amounts) < 3:
        return columns
    for line in header_lines:
        if len(line.split()) < len(amounts):
            continue        # each printed chunk gives at most one word: too few to name every column
        counts = Counter(split_tokens(line))
        word, n = counts.most_common(1)[0] if counts else ("", 0)
        if n == len(amounts) and len(word) >= 2 and not is_text_column(word) \
                and not is_amount(word) and not any(word in part for c in columns for part in c.path):
            return [Column.of(c.path + (word,)) if j in amounts else c for j, c in enumerate(columns)]
    return columns


def _header_line_whole(header: list[tuple[int, str]], width: int, labelled: bool) -> list[str] | None:
    """The header's last line as the table's columns where it prints them all: label columns
    first (编码, 名称 …; none where no row prints a label), then at least as many more as the
    widest row prints amounts, the last ones possibly empty in every row (备注): `功能科目编码
    功能科目名称 合计 人员经费支出 … 备注`. None where the line is not so (a stacked header's
    last line holds only some leaves, or pieces of words cut by the wrapping: `及`, `资金 算资金 资金`)."""
    if not header:
        return None
    words = [t for k, t in header if k == header[-1][0]]
    kinds = "".join("t" if is_text_column(w) else "a" for w in words)
    if len(words) < 3 or len(set(words)) < len(words) or any(is_amount(w) or len(w) < 2 for w in words) \
            or kinds.count("a") < max(width, 1) or not re.fullmatch(r"t+a+t*" if labelled else r"a+t*", kinds):
        return None     # labels first, then amounts, then (possibly) text columns such as 备注
    grouped = _groups_over_totals(words)
    return grouped if sum(not is_text_column(c) for c in grouped) >= width else words


def _groups_over_totals(words: list[str]) -> list[str]:
    """Header cells read flat, each a column: a period's figure (预算数, 2026年预算数) printed
    just before a total (合计, 总计, 小计) is the group over that total and the amount cells
    after it, not a column of its own — a total opens its group (`预算数 总计 基本支出 项目支出`:
    预算数/总计 …)."""
    columns: list[str] = []
    group = ""
    for word, after in zip(words, words[1:] + [""]):
        if is_text_column(word):
            group = ""
            columns.append(word)
        elif after in SUBTOTAL_GROUPS | {"总计"} and catalog.PERIOD_GROUP.match(word):
            group = word
        else:
            columns.append(f"{group}{PATH_SEPARATOR}{word}" if group else word)
    return columns


def _name_beside_its_code(written: list[str]) -> list[str]:
    """The columns with a row's name right after its code: reading order prints a two-row
    header's cells column by column, so an amount column's word may come between the code's
    and the name's (`科目编码 机关运行经费支出 科目名称`), while a row prints its code, then its name."""
    roles = [Column.parse(w).role for w in written]
    if roles.count(ColumnRole.CODE) != 1 or ColumnRole.NAME not in roles:
        return written
    code, name = roles.index(ColumnRole.CODE), roles.index(ColumnRole.NAME)
    if name <= code + 1 or any(r != ColumnRole.AMOUNT for r in roles[code + 1:name]):
        return written
    return written[:code + 1] + [written[name]] + written[code + 1:name] + written[name + 1:]


def _header_words_by_place(header: list[Token], printed: PrintedPages) -> str | None:
    """A layout text's header of several lines, its words as the page places them: left to
    right, the words printed one above another one column's name, top to bottom (reading order
    gives the first line's words first, a name at the page's right wrapped over its lines,
    `超支或结余资金` / `原因及处理`, before the words of the line below). None where the header is one
    line, or a word a line, a word is not found where its line prints it, or a word stands over
    two of another line's (a group over its columns: the columns' names are then no one word each)."""
    lines = sorted({k for k, _ in header})
    if len(lines) < 2 or not all(0 < k <= len(printed.lines) for k in lines) or \
            len(lines) == len(header):
        return None     # (a word a line places nothing: a text of one fragment a line)
    placed: list[tuple[int, int, int, str]] = []        # start, end, line, word
    for k in lines:
        words = [t for line_of, t in header if line_of == k]
        starts = token_places(fold(printed.lines[k - 1]), words)
        if None in starts:
            return None
        # (a first row's number read into the header names no column)
        placed += [(start, start + len(word), k, word) for start, word in zip(starts, words)
                   if start is not None and not is_amount(word)]
    columns: list[list[tuple[int, int, int, str]]] = []
    for piece in sorted(placed):
        over = [c for c in columns if any(s < piece[1] and piece[0] < e for s, e, _, _ in c)]
        if len(over) > 1 or any(k == piece[2] for c in over for _, _, k, _ in c):
            return None     # (a word over two of another line's, or under a word and beside it)
        if over:
            over[0].append(piece)
        else:
            columns.append([piece])
    return " ".join("".join(w for _, _, _, w in sorted(c, key=lambda p: p[2])) for c in columns)


def _generic_columns(header_text: str, width: int, has_code: bool, label_pieces: int = 0) -> tuple[list[str], bool]:
    """Columns of a table whose header matches no template, and whether the header's words
    name them all: the header words when they fit the body's width, else numbered columns.
    Rows that each print `label_pieces` labels before their figures (a classification's three
    levels) have as many label columns; a header of one more word names them as reading order
    prints a two-row header: the group over them, the amount columns, then their names
    (`指导性目录 预算金额 一级 二级 三级`)."""
    words = [w for w in split_tokens(header_text) if not is_amount(w)]
    labels = (["编码", "名称"] if has_code else ["项目"])
    if label_pieces > len(labels):
        labels = [f"项目/{numbered_column(i + 1)}" for i in range(label_pieces)]
    total = len(labels) + width
    if len(words) == total:
        return words, True
    if label_pieces > 1 and len(words) == total + 1:
        group, amounts, leaves = words[0], words[1:1 + width], words[1 + width:]
        return [f"{group}/{leaf}" for leaf in leaves] + amounts, True
    return labels + [numbered_column(i + 1) for i in range(width)], False


def _label_pieces(runs: list[Run]) -> int:
    """How many pieces of text the rows print before their figures, where at least three rows
    and most print the same number of two or more (else 0); fewer are cells merged down from
    the row above, more a wrapped name."""
    counts = Counter(len(codes) + len(labels) for codes, labels, amounts in runs if amounts and (codes or labels))
    if not counts:
        return 0
    pieces, rows = counts.most_common(1)[0]
    return pieces if pieces >= 2 and rows >= 3 and rows * 2 > sum(counts.values()) else 0
