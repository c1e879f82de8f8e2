"""Performance-target forms: key/value facts, small marked grids (资金情况), and the
indicator grid whose 一级/二级指标 labels are filled down; also the form of several
projects printed one fragment per line."""
from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from . import catalog
from .catalog import FORM_FIELD_KEYS, INDICATOR_L1, INDICATOR_L2, INDICATOR_LEVELS
from .columns import Column, ColumnRole, parse_columns
from .model import Cell, FormGrid, GridRow, Table, clean_number, parse_amount
from .reader import normalise
from .settings import CENT
from .text import HAN, brackets_unpaired, display_width, opens_bracket
from .tokens import CJK, PrintedPages, is_amount, join_spaced_characters, split_tokens, squash, stream_tokens

GRID_TOTAL = re.compile(r"^(总分|合计|总计)$")
PLACEHOLDER = re.compile(r"(?<!\S)(?:[.．…]{3,}|…+)(?!\S)")     # `......`: a template's empty cell
# The multi-project form prints its value column three characters wide (`当期实` `现`).
VALUE_WIDTH = 3
INDICATOR_VALUE = re.compile(r"^[≥≤=＝<>＜＞]|^\d")
LATIN_WORD = re.compile(r"^[A-Za-z]+$")


def fill_form(table: Table, content: list[tuple[int, str]], layout: str, pages: PrintedPages | None = None) -> None:
    """A performance-target form: key/value facts and small grids, then an indicator grid
    whose 一级/二级指标 labels are filled down over their merged cells. `pages`: the text's
    lines as printed and its pages, where a layout text's gaps part its cells."""
    printed = pages.lines if pages is not None else None
    header_idx, header_end, header_cells = _form_grid_header(content)
    facts = content[:header_idx] if header_idx is not None else content
    group = ""
    if header_idx and _is_grid_group_label(content[header_idx - 1][1]):
        group = squash(content[header_idx - 1][1])     # `年度绩效指标` above the grid's header
        facts = facts[:-1]
        head = squash(content[header_idx - 2][1]) if header_idx > 1 else "指标"
        if not head.endswith("指标") and _is_grid_group_label(head + group):
            group, facts = head + group, facts[:-1]      # … wrapped a fragment a line (`年度绩` / `效指标`)
    elif header_cells[1:2] == ["一级指标"] and header_cells[0] != "绩效指标" and _is_grid_group_label(header_cells[0]):
        group, header_cells = header_cells[0], header_cells[1:]     # `年度绩效指标` opening the header's line
    elif (wrapped := next((c for c in header_cells[1:] if c != "绩效指标" and "绩效" in c and _grid_rank(c) is None
                           and _is_grid_group_label(c)), None)) is not None:
        # the group wrapped around the header's line (`绩效目标` / `一级指标 …` / `指标`), its pieces
        # joined as a cell of the header's: the grid's group, no column
        group, header_cells = wrapped, [c for c in header_cells if c != wrapped]
    fill_facts(table, facts)
    if header_idx is None:
        return
    # (`绩效指标` alone is the grid's own name printed down its side, left of its levels: no
    # group over its columns, as PDFs show it)
    table.columns = [Column.of((group if group != NAMED_INDICATOR else "", c)) for c in header_cells
                     if c != NAMED_INDICATOR]
    width = len(table.columns)
    table.header_lines = (content[header_idx][0], content[header_end][0])
    repeated = {group, "".join(header_cells), group + "".join(header_cells), *header_cells}   # (again past a page break)
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    spaced: list[tuple[int, str]] = []
    ruled = [squash(c) for c in content[header_idx][1].split("\t")]
    first = ruled.index("一级指标") if "一级指标" in ruled else None
    second = ruled.index("二级指标") if "二级指标" in ruled else None
    for k, s in content[header_end + 1:]:
        if squash(s) in repeated:
            continue        # the header repeated after a page break
        if "\t" not in s:
            spaced.append((k, s))
            continue
        rest = []
        cells = [squash(c) for c in s.split("\t")]
        named: set[bool] = set()     # the ranks this row names (一级 or not): a row names each once
        for j, c in enumerate(cells):
            level = indicator_level(c)
            if level and (level in INDICATOR_L1) in named:
                level = ""      # a level's name again, under 三级指标: the indicator's (`服务对象满意度指标`)
            if level:
                named.add(level in INDICATOR_L1)
            if level in INDICATOR_L1 and j == second and len(cells) == len(ruled):
                l2 = level      # a 二级 named as a 一级, in the 二级 column (an old template's 产出指标/成本指标)
            elif level in INDICATOR_L1:
                if catalog.INDICATOR_PARENT.get(l2, level) != level or l2 not in INDICATOR_LEVELS:
                    l2 = ""     # another 一级's merged cell opens: the 二级 above is not its
                l1 = level
            elif not level and c and j in (first, second) and len(cells) == len(ruled) and c != group:
                # a level the vocabulary does not know, in its ruled column (`一般性支出情况`)
                l1, l2 = (c, "") if j == first else (l1, c)
            elif level:
                l2 = level
            elif c == "指标" and l2 + c in INDICATOR_LEVELS:     # `可持续影响` wrapped before `指标`
                l2 = _second_level_completed(rows, l2, k)
            elif c and c not in ("绩效指标", "指标", group) and not (j == 0 and not ruled[0] and _is_grid_group_label(c)):
                rest.append(c)      # (not the grid's group, printed down its side: a cell a row, or its first)
        if len(rest) >= 2 and GRID_TOTAL.match(rest[0]):
            rows.append(_grid_total_row(k, rest[0], rest[1:], width, _score_columns(table.columns)))
        elif len(rest) >= 2:
            rows.append(_level_cells(l1, l2, (k,)) + [Cell(c, (k,)) for c in (rest + [""] * width)[:width - 2]])
        elif rest and rows and cells[0] != rest[0]:
            # the wrapped end of the previous indicator's name (a label alone in the grid's first
            # column, where no name stands, is none: `备注`)
            prev = rows[-1][2]
            rows[-1][2] = Cell(prev.text + rest[0], prev.lines + (k,), "joined from fragments")
    centres = _printed_centres(pages.lines, [k for k, _ in content[header_idx:header_end + 1]], header_cells) \
        if pages is not None and spaced and layout == "space" else None
    if pages is not None and centres is not None and len(centres) >= 4:
        # a layout text: each piece read in the column it stands under
        beside = header_cells[0] == "绩效指标"      # the grid's group printed as a column of its own
        left = (centres[0] + centres[1]) / 2 if beside else centres[0] - (centres[1] - centres[0]) / 2
        rows.extend(_positioned_indicator_rows(spaced, pages, content[header_idx][0], centres[beside:], left,
                                               table.columns, _score_columns(table.columns)))
        table.rows = rows
        if spread := next((m.group() for k, _ in spaced if (m := LETTER_SPACED.search(pages.lines[k - 1]))), None):
            table.add_doubt(f"a line prints characters spread a space apart ({spread}): the extractor cannot tell "
                            "where cells set so end; check the rows against the source")
        return
    spaced = [(k, _group_cut(PLACEHOLDER.sub("", s), group)) for k, s in _cells_as_printed(spaced, printed)]
    if not any(INDICATOR_VALUE.match(t) for _, s in spaced for t in s.split()):
        spaced = []     # no figure in any row: a template printed empty (`经济成本 ......`)
    if _one_indicator_per_line(spaced, width):
        scores = _score_columns(table.columns)
        trailing_text = _grid_rank(table.columns[-1].leaf) in WORDS_COLUMN_RANKS
        rows.extend(_line_indicator_rows(spaced, width, scores, trailing_text))
    elif width - 3 >= 2 and layout == "fragment":
        rows.extend(_fragment_indicator_rows(spaced, width, _score_columns(table.columns)))
    else:
        rows.extend(_spaced_indicator_rows(spaced, width))
    table.rows = rows


def _group_cut(line: str, group: str) -> str:
    """A grid line without the grid's group opening it (`绩效目标指标 成本指标 …`: printed in
    every row's first cell), the header's or, where the header names none, `绩效指标`."""
    head, _, rest = line.strip().partition(" ")
    return rest if squash(head) == (group or "绩效指标") and rest else line


def fill_facts(table: Table, lines: list[tuple[int, str]]) -> None:
    """A form's key/value facts and small grids, from its lines above the indicator grid."""
    rest = _take_grid_blocks(table, lines)
    table.facts.update(_form_fields(re.sub(r"\s+", " ", " ".join(s.replace("\t", " ").strip() for _, s in rest))))


CELL_GAP = re.compile(r"\S\s{2,}\S")    # a layout text parts its cells by two spaces or more
# the one space pdftotext -layout prints where figures meet characters inside a cell (`≤120 万`)
# characters spread a space apart, six or more (`保 障 临 床 用 血 ，`: a cell set justified)
LETTER_SPACED = re.compile(f"(?:{HAN}|[，。、；]) (?:(?:{HAN}|[，。、；]) ){{4,}}(?:{HAN}|[，。、；])")
SCRIPT_SPACE = re.compile(f"(?<=[0-9])\\s(?={HAN})|(?<={HAN})\\s(?=[0-9])")


def _cells_as_printed(lines: list[tuple[int, str]], printed: tuple[str, ...] | None) -> list[tuple[int, str]]:
    """A layout text's grid lines without the spaces inside its cells where figures meet
    characters (`≤120 万` → `≤120万`, `次年 2 月` → `次年2月`): where most lines of several cells
    part them by gaps, as pdftotext -layout spaces a page, one space there is inside a cell.
    Other texts' lines as they are."""
    if printed is None or not lines:
        return lines
    gapped = {k for k, _ in lines if 0 < k <= len(printed) and CELL_GAP.search(printed[k - 1])}
    if len(gapped) * 2 < sum(" " in s for _, s in lines):     # (a line of one cell shows no gap)
        return lines
    return [(k, normalise(SCRIPT_SPACE.sub("", printed[k - 1])) if 0 < k <= len(printed) else s) for k, s in lines]


def _printed_centres(printed: tuple[str, ...], header_lines: list[int], cells: list[str]) -> list[float] | None:
    """Where each header cell of an indicator grid stands on its printed line (the middle of
    its characters), found in order over the header's lines; None unless each is found and
    cells printed on one line stand apart by a gap (a layout text: its page's columns kept
    as runs of spaces; one pair may stand a space apart, none touch)."""
    centres: list[float] = []
    places: list[tuple[int, int, int]] = []     # (line, start, end) of each cell found
    folded = {k: unicodedata.normalize("NFKC", printed[k - 1]) for k in header_lines if 0 < k <= len(printed)}
    if any(len(line) != len(printed[k - 1]) for k, line in folded.items()):
        return None     # (folding changed a line's length: its positions are not the page's)
    for cell in cells:
        found = None
        # the cell whole, else its start where it wraps (`一级指` over `标`; one character only
        # where the rest stands under it: `得` over `分`)
        for size in range(len(cell), 0, -1):
            pattern = re.compile(r"\s?".join(map(re.escape, cell[:size])))
            for k, line in folded.items():
                after = max((end for at, _, end in places if at == k), default=0)
                if (m := pattern.search(line, after)) and (size > 1 or _rest_below(folded, k, m.start(), cell[1:])):
                    found = (k, m.start(), m.end())
                    break
            if found is not None:
                break
        if found is None:
            return None
        places.append(found)
        centres.append((found[1] + found[2] - 1) / 2)
    lines = [k for k, _, _ in places]
    if max(map(lines.count, lines), default=0) < 2:
        return None     # each cell alone on its line: the header printed one fragment a line
    gaps = [start - end for (k1, _, end), (k2, start, _) in zip(places, places[1:]) if k1 == k2]
    close = sum(gap < 2 for gap in gaps)
    # (one pair a space apart where CJK characters crowd a layout text's line: `分值 得分`)
    return centres if min(gaps, default=1) > 0 and close <= 1 and close * 2 < len(gaps) else None


def _rest_below(folded: dict[int, str], k: int, start: int, rest: str) -> bool:
    """Whether a header line below line k prints the start of `rest` within two places of
    `start` (a cell's head on line k wrapped there)."""
    return bool(rest) and any(rest[0] in line[max(start - 2, 0):start + 3] for at, line in folded.items() if at > k)


PRINTED_PIECE = re.compile(r"\S+")
# spaces inside a cell that pdftotext -layout keeps where scripts meet (`≥16 人`, `DRG 付费`)
SPACE_BESIDE_CJK = re.compile(r"(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])")


def _line_pieces(printed: str) -> list[tuple[float, str]]:
    """A printed line's pieces (runs of characters between spaces), each at its middle."""
    return [((m.start() + m.end() - 1) / 2, normalise(m.group())) for m in PRINTED_PIECE.finditer(printed)]


def _landmarks(pieces: list[list[tuple[float, str]]]) -> dict[str, float]:
    """Where some lines' known kinds of piece stand (the median of each): whole 一级 and 二级
    labels, a line's last value, and pieces of names on lines printing no value."""
    found: dict[str, list[float]] = {"一级": [], "二级": [], "value": [], "name": []}
    for line in pieces:
        values = [x for x, t in line if INDICATOR_VALUE.match(t)]
        if values:
            found["value"].append(values[-1])
        for x, t in line:
            if t in INDICATOR_L1:
                found["一级"].append(x)
            elif t in INDICATOR_LEVELS:
                found["二级"].append(x)
            elif not values and not any(t in w for w in INDICATOR_LEVELS):
                found["name"].append(x)
    # (statistics imported here: only a layout text's forms measure where their pieces stand)
    import statistics
    return {kind: statistics.median(xs) for kind, xs in found.items() if xs}


def _page_places(lines: list[tuple[int, str]], pages: PrintedPages, header_line: int
                 ) -> dict[int, list[tuple[float, str]]]:
    """Each line's pieces where they would stand on the header's page: an extractor spaces each
    page afresh, so a later page's columns stand elsewhere; the landmarks both pages show (where
    their labels, names and values stand) map one page's places onto the other's, piecewise
    linearly between them (on past the outer ones at the same offset)."""
    printed = pages.lines
    pieces = {k: _line_pieces(printed[k - 1] if 0 < k <= len(printed) else "") for k, _ in lines}
    by_page: dict[int, list[int]] = {}
    for k, _ in lines:
        by_page.setdefault(pages.page(k), []).append(k)
    home = pages.page(header_line)
    marks = _landmarks([pieces[k] for k in by_page.get(home, [])])
    for page, ks in by_page.items():
        if page == home:
            continue
        theirs = _landmarks([pieces[k] for k in ks])
        pairs = sorted((theirs[kind], marks[kind]) for kind in theirs.keys() & marks.keys())
        # (landmarks out of order on one page or the other map nothing)
        pairs = [p for i, p in enumerate(pairs) if all(q[1] < p[1] for q in pairs[:i])]
        if pairs:
            for k in ks:
                pieces[k] = [(_mapped(x, pairs), t) for x, t in pieces[k]]
    return pieces


def _mapped(x: float, pairs: list[tuple[float, float]]) -> float:
    """x carried through the piecewise-linear map that takes each pair's first to its second."""
    after = bisect.bisect(pairs, (x, math.inf))
    if after == 0:
        return x + pairs[0][1] - pairs[0][0]
    if after == len(pairs):
        return x + pairs[-1][1] - pairs[-1][0]
    (a, a2), (b, b2) = pairs[after - 1], pairs[after]
    return a2 + (x - a) * (b2 - a2) / (b - a) if b > a else a2


SCORE = re.compile(r"\d+(?:\.\d+)?")       # a score as printed (分值 `12.5`, 得分 `10`)


def _positioned_indicator_rows(lines: list[tuple[int, str]], pages: PrintedPages, header_line: int,
                               centres: list[float], left: float, columns: list[Column],
                               scores: list[int]) -> list[list[Cell]]:
    """Indicator rows of a layout text, each piece of a line in its column: the columns the
    page's rows leave blanks between where they part as many as the header names
    (`_columns_of_runs`), else the header page's, else those whose header stands nearest above
    (on a page the header is not printed on, where it would stand: `_page_places`). A row's
    line is the one printing its score where every row prints one, else one printing a figure
    under a value column (or a value beside a name); a cell of several lines is centred on its
    row's line (`_centred_cells`). The 一级 and 二级 labels, a merged cell each, stand centred
    on their rows (`centred_blocks`); pieces left of `left` are the grid's group label
    (`绩效指标`) printed down its side."""
    width = len(columns)
    header_words = {squash(c.leaf) for c in columns} | {"绩效指标"}
    by_page: dict[int, list[int]] = {}
    for k, _ in lines:
        by_page.setdefault(pages.page(k), []).append(k)
    # each page's columns where its own rows part as many (its pieces as printed), else the
    # header page's: from its rows, this page's pieces moved as far as its runs stand from them
    # (else from its header, the pieces mapped by landmarks)
    home = pages.page(header_line)
    runs_of = {page: _print_runs([pages.lines[k - 1] for k in ks], left if page == home else -math.inf)
               for page, ks in by_page.items()}
    own = {page: _columns_of_runs(runs, width) for page, runs in runs_of.items()}
    home_columns = own.get(home)
    if home_columns:
        home_columns = own[home] = home_columns[0], max(home_columns[1], left)
    # how each page's printed pieces are cut: (bounds, edge, shift), None where by its landmarks
    cut: dict[int, tuple[list[float], float, float] | None] = {}
    for page, columns_here in own.items():
        shift = _shift_onto(runs_of[page], runs_of[home]) if home_columns and not columns_here else None
        if columns_here:
            cut[page] = (*columns_here, 0.0)
        elif home_columns and shift is not None:
            cut[page] = (*home_columns, shift)
        else:
            cut[page] = None
    header_bounds = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
    # (the landmarks' mapping only where a page's runs cut it neither way)
    placed = _page_places(lines, pages, header_line) if None in cut.values() else {}
    grid: list[tuple[int, dict[int, str]]] = []
    for k, _ in lines:
        page_cut = cut[pages.page(k)]
        if page_cut is not None:
            bounds, edge, shift = page_cut
            pieces = [(x + shift, t) for x, t in _line_pieces(pages.lines[k - 1])]
        else:
            bounds, edge, pieces = header_bounds, left, placed[k]
        by_column: dict[int, list[str]] = {}
        for centre, text in pieces:
            if centre >= edge:
                by_column.setdefault(bisect.bisect(bounds, centre), []).append(text)
        _figures_apart(by_column, width)
        cells = {j: SPACE_BESIDE_CJK.sub("", " ".join(texts)) for j, texts in by_column.items()}
        if cells and not set(cells.values()) <= header_words:       # (the header again, past a page break)
            grid.append((k, cells))
    _level_pieces_parted(grid)
    values = [j for j in range(3, width) if _grid_rank(columns[j].leaf) not in WORDS_COLUMN_RANKS]

    def holds_value(i: int) -> bool:
        return any(grid[i][1].get(j) for j in values) if 0 <= i < len(grid) else False

    def unit_cut_above(i: int) -> bool:
        """Whether line i's values are the ends of units cut from the line right above's (`≤5137.26 平`
        / `方米`)."""
        above = grid[i - 1] if i > 0 and grid[i - 1][0] == grid[i][0] - 1 else None
        return above is not None and all(_unit_cut(above[1].get(j, ""), grid[i][1][j]) for j in values if j in grid[i][1])

    def is_row_line(i: int) -> bool:
        cells = grid[i][1]
        if any(GRID_TOTAL.match(t) for t in cells.values()):
            return True
        # a word alone under the values, a line or two below another value, is that value's end
        return holds_value(i) and not unit_cut_above(i) and (
            any(INDICATOR_VALUE.match(cells.get(j, "")) for j in values) or 2 in cells
            or not (holds_value(i - 2) or holds_value(i - 1) or holds_value(i + 1)))
    def name_alone(i: int, step: int = 0) -> bool:
        """Whether grid line i (or the one printed right after it, `step` 1 down, -1 up) prints a
        name and no value."""
        n = i + step
        return 0 <= n < len(grid) and abs(grid[n][0] - grid[i][0]) == abs(step) and 2 in grid[n][1] and \
            not holds_value(n)

    def touching(i: int, step: int) -> Iterator[int]:
        """The grid lines printed right after line i (`step` 1 down, -1 up), no blank line between,
        while they print no name."""
        while 0 <= i + step < len(grid) and abs(grid[i + step][0] - grid[i][0]) == 1 and 2 not in grid[i + step][1]:
            i += step
            yield i

    anchors = [i for i in range(len(grid)) if is_row_line(i)]
    scored = [i for i in anchors if any(SCORE.fullmatch(grid[i][1].get(j, "")) for j in scores)
              or any(GRID_TOTAL.match(t) for t in grid[i][1].values())]

    def beside_scored(i: int) -> bool:
        return any(abs(n - i) == abs(grid[n][0] - grid[i][0]) <= 2 for n in scored)
    if len(scored) >= 2 and all(beside_scored(i) or 2 not in grid[i][1] for i in anchors):
        # each row scored: a row's line is the one printing its score, its cells' other lines
        # (a name or a target wrapped above and below it, a long value's lines further) around it
        anchors = scored
    owner: dict[int, int] = {}     # lines of a value wrapped around its row's name: that row's line
    for i in range(len(grid)):
        if name_alone(i):
            over, under = list(touching(i, -1)), list(touching(i, 1))
            if any(map(holds_value, over)) and any(map(holds_value, under)) and \
                    not any(sum(bool(grid[n][1].get(j)) for j in values) > 1 for n in over + under) and \
                    not any(name_alone(n, step) for n, step in ((over[-1], -1), (under[-1], 1))):
                # a name alone on its line amid the lines of a value of several (`=通过项目的` / `实施，保障业`
                # / `保障业务工作` / `务工作的顺利` / `进行项`): the row's line, and those lines its value's
                owner.update(dict.fromkeys([*over, *under], i))
                anchors = sorted(set(anchors) - set(over) - set(under) | {i})
    if not anchors:
        return []
    row_lines = set(anchors)
    # the pieces of each row's cells by column, (line, text)
    parts: list[dict[int, list[tuple[int, str]]]] = [{} for _ in anchors]
    for n, i in enumerate(anchors):
        for j, text in grid[i][1].items():
            if j >= 2:
                parts[n].setdefault(j, []).append((grid[i][0], text))
    for j in range(2, width):
        free = [(i, grid[i][0], grid[i][1][j]) for i in range(len(grid)) if j in grid[i][1] and i not in row_lines]
        for i, k, text in free:
            if i in owner:
                parts[anchors.index(owner[i])].setdefault(j, []).append((k, text))
        unowned = [(k, text) for i, k, text in free if i not in owner]
        for n, cell in enumerate(_centred_cells([grid[i][0] for i in anchors], unowned,
                                                [grid[i][1].get(j, "") for i in anchors], named=j == 2)):
            parts[n].setdefault(j, []).extend(cell)
    rows: list[list[Cell]] = []
    for n, i in enumerate(anchors):
        k, cells = grid[i]
        pieces_of = {j: sorted(p) for j, p in parts[n].items()}
        texts = {j: "".join(t for _, t in p) for j, p in pieces_of.items()}
        total = next((t for t in cells.values() if GRID_TOTAL.match(t)), None)
        if total is not None:
            rows.append(_grid_total_row(k, total, [texts[j] for j in sorted(texts) if j >= 3], width, scores))
            continue
        row = [Cell("", (k,)), Cell("", (k,))]
        for j in range(2, width):
            p = pieces_of.get(j, [])
            lines_of = tuple(x for x, _ in p) or (k,)
            row.append(Cell(texts.get(j, ""), lines_of, "joined from fragments" if len(p) > 1 else ""))
        rows.append(row)
    _levels_by_position(rows, grid, [grid[i][0] for i in anchors], header_words, pages.page)
    return rows


def _centred_cells(anchors: list[int], pieces: list[tuple[int, str]], on_anchor: list[str], named: bool = False
                   ) -> list[list[tuple[int, str]]]:
    """A column's pieces printed off its rows' lines, (line, text) in order, parted among the
    rows whose lines are `anchors` (`on_anchor`: what each row's line prints in the column, ""
    for nothing). A cell of several lines stands centred on its row's line, so the pieces
    between two rows' lines part where each row's cell is best centred: its first and last
    lines as far from its row's line, and as many of its lines above as below (a layout text's
    lines are no even measure of height: other columns' lines print between a cell's); between
    equals, each piece goes to its nearer row. Two tall cells meeting between their rows, or a
    wrapped cell whose lines print apart from its row's line, each find their own row. A cell
    wraps its words at its width: its lines but the last are about as wide as its widest, and
    a line of half that or less ends a cell, whatever the centring. In the column of the
    indicators' names (`named`) every row has a name: a row left without one costs as much as
    a one-line name standing a line off its row's line (printed over its row's values,
    `项目（工程）完成及时率` over `=100%`, it is that row's, not the tail of the name above)."""
    gaps: list[list[tuple[int, str]]] = [[] for _ in range(len(anchors) + 1)]     # the pieces before each row's line
    for k, text in pieces:
        gaps[bisect.bisect(anchors, k)].append((k, text))
    # how many pieces of each gap go up to the row above: none of the first, all of the last
    choices = [range(1)] + [range(len(gap) + 1) for gap in gaps[1:-1]] + [range(len(gaps[-1]), len(gaps[-1]) + 1)]

    def row_cost(n: int, down_from: int, up_to: int) -> float:
        """How far row n's cell stands off centre on its row's line, taking the pieces of the
        gap above from `down_from` on and of the gap below up to `up_to`."""
        cell = gaps[n][down_from:] + gaps[n + 1][:up_to]
        lines = [k for k, _ in cell] + ([anchors[n]] if on_anchor[n] else [])
        span = abs(min(lines) + max(lines) - 2 * anchors[n]) if lines else 0
        widths = [display_width(t) for _, t in sorted(cell + ([(anchors[n], on_anchor[n])] if on_anchor[n] else []))]
        cut_short = sum(w < max(widths) * SHORT_LINE_SHARE for w in widths[:-1])
        return span + abs(len(gaps[n]) - down_from - up_to) + cut_short * SHORT_LINE_COST + \
            (NAMELESS_ROW_COST if named and not lines else 0)

    def split_cost(g: int, up: int) -> float:
        gap = gaps[g]
        nearer = sum(k - anchors[g - 1] for k, _ in gap[:up]) + sum(anchors[g] - k for k, _ in gap[up:]) \
            if 0 < g < len(anchors) else 0
        return nearer / 1000

    # by how many pieces of gap g go up: the least cost of the rows above and the choices made
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [0])}
    for g in range(1, len(gaps)):
        best = {up: min(((so_far + row_cost(g - 1, before, up) + split_cost(g, up), made + [up])
                         for before, (so_far, made) in best.items()), key=lambda c: c[0])
                for up in choices[g]}
    ups = min(best.values(), key=lambda c: c[0])[1]
    return [gaps[n][ups[n]:] + gaps[n + 1][:ups[n + 1]] for n in range(len(anchors))]


SHORT_LINE_SHARE = 0.5  # of a cell's widest line, a line shorter ends its cell (wrapping leaves lines a mark or two short)
SHORT_LINE_COST = 100   # a short line inside a cell outweighs any centring
# an indicator's row left without a name: as much as a name printed a line off its row's line
# (a span of two, one line off balance), so that a name wrapped around its own row stays there
NAMELESS_ROW_COST = 3


Run = tuple[float, float, bool]     # where some lines print: start, end, all of it the group label's characters


def _print_runs(lines: list[str], left: float) -> list[Run]:
    """The runs of characters some of a page's printed grid lines print in (their pieces from
    `left` on), between the blanks they all leave; a space where figures meet characters inside
    a cell (`≥110 人`) parts none."""
    runs: list[Run] = []
    pieces = [(x, t) for line in lines for x, t in _line_pieces(SCRIPT_SPACE.sub("·", line)) if x >= left]
    for start, end, text in sorted((x - (len(t) - 1) / 2, x + (len(t) - 1) / 2, t) for x, t in pieces):
        label = text in "绩效指标"      # the group's characters a line, or the group beside each row
        if runs and start <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end), runs[-1][2] and label)
        else:
            runs.append((start, end, label))
    return runs


def _columns_of_runs(runs: list[Run], width: int) -> tuple[list[float], float] | None:
    """Where a page's grid columns part, from its rows' runs of print (`_print_runs`): the
    middles of the blanks between them, where there are as many runs as columns (and the edge
    the columns start at, where the grid's group label, `绩` `效` `指` `标` down its side,
    stands before them). A header's positions drift in a layout text where CJK characters
    crowd it (`得` over `分`, a narrow column, printed left of its figures, under the next
    column's header), its rows' less so; None where the rows' print runs across a gap or leaves
    a column empty."""
    edge = -math.inf
    if len(runs) == width + 1 and runs[0][2]:
        edge = (runs[0][1] + runs[1][0]) / 2
        runs = runs[1:]
    if len(runs) != width:
        return None
    return [(a[1] + b[0]) / 2 for a, b in zip(runs, runs[1:])], edge


def _shift_onto(runs: list[Run], home: list[Run]) -> float | None:
    """How far a page's runs of print stand from the header page's (an extractor spaces each page
    afresh): the shift that starts most of them where one of the header page's starts, within a
    place; None where fewer than half line up."""
    starts = [r[0] for r in home]
    best: tuple[int, float] | None = None
    for shift in sorted({h - r[0] for h in starts for r in runs}, key=abs):
        matched = sum(any(abs(r[0] + shift - h) <= 1 for h in starts) for r in runs)
        if best is None or matched > best[0]:
            best = (matched, shift)
    return best[1] if best is not None and best[0] * 2 >= len(runs) else None


def _figures_apart(by_column: dict[int, list[str]], width: int) -> None:
    """Two figures a line prints apart never share a cell: where they fall in one column (figures
    set right under headers set centred, `分值 得分` over `20 20`), the first goes to the column
    before where that is empty on the line, else the last to the one after."""
    for j in sorted(by_column):
        texts = by_column[j]
        if len(texts) != 2 or not all(FIGURE.fullmatch(t) for t in texts):
            continue
        if j > 0 and j - 1 not in by_column:
            by_column[j - 1], by_column[j] = [texts[0]], [texts[1]]
        elif j + 1 < width and j + 1 not in by_column:
            by_column[j], by_column[j + 1] = [texts[0]], [texts[1]]


def _spelling_on(label: str) -> str:
    """A level's pieces so far, while a longer level may still follow (`可持续影响` / `指标`); ""
    once they spell a level no other goes on from."""
    return label if any(w != label and w.startswith(label) for w in INDICATOR_LEVELS) else ""


MIN_STANDARD_LEVELS = 3     # a column's pieces opening standard levels, at least, for its vocabulary to be told
NAME_PIECES_APART = 2       # lines between a name's wrapped pieces, at most


def _level_pieces_parted(grid: list[tuple[int, dict[int, str]]]) -> None:
    """A 二级 label's piece printed a space before the indicator's name (`象满意 指标1：群众满意率`,
    under `服务对` and over `度指标`; `益指标 程度`, the name's wrapped end; `社会效 指标1：…`, two
    characters at least where it opens a label), read as one piece of the 二级 column: parted
    where the label's pieces so far stop spelling a level, the rest opening the name's column on
    the line. A piece amid a level's spelling, or among standard levels beside a name's lines,
    that starts no level is the name's wrapped end, left-aligned under it."""
    pieces = [cells[1] for _, cells in grid if cells.get(1)]
    starts_level = [any(w.startswith(piece[:2]) for w in INDICATOR_LEVELS) for piece in pieces]
    # (where the column's pieces spell the standard levels, one that starts none is a name's)
    standard = sum(starts_level) >= MIN_STANDARD_LEVELS and sum(starts_level) * 2 > len(pieces)
    named = {k for k, cells in grid if cells.get(2)}

    def named_near(k: int) -> bool:
        """Whether a name's piece stands within two lines of line k (its wrapped end's neighbour)."""
        return any(n in named for n in range(k - NAME_PIECES_APART, k + NAME_PIECES_APART + 1) if n != k)
    label = ""
    for k, cells in grid:
        piece = cells.get(1, "")
        if not piece or FIGURE.fullmatch(piece):
            continue        # (a figure is no level's piece nor a name's: a page's number)
        if any(w.startswith(label + piece) for w in INDICATOR_LEVELS):
            label = _spelling_on(label + piece)
            continue
        end = next((n for n in range(len(piece) - 1, 0 if label else 1, -1)
                    if any(w.startswith(label + piece[:n]) for w in INDICATOR_LEVELS)), None)
        if end is not None:
            cells[1], cells[2] = piece[:end], piece[end:] + cells.get(2, "")
            label = _spelling_on(label + piece[:end])
        elif (label and not cells.get(2) or standard and named_near(k)) and \
                not any(w.startswith(piece[:2]) for w in INDICATOR_LEVELS):
            # no level's piece amid a level's, or among standard levels: the name's wrapped end,
            # left-aligned under it (`服务对` / `象满意` / `意度` / `度指标`)
            cells[2] = cells.pop(1) + cells.get(2, "")
        else:
            label = piece if any(w.startswith(piece) for w in INDICATOR_LEVELS) else ""


LEVEL_SCORE = re.compile(r"[（(]\d+(\.\d+)?分[)）]")     # a level's weight printed under its name


def _levels_by_position(rows: list[list[Cell]], grid: list[tuple[int, dict[int, str]]], anchor_lines: list[int],
                        header_words: set[str], page_of: Callable[[int], int]) -> None:
    """The 一级 and 二级 labels of rows read by position: a column's pieces joined while they
    spell a longer level (`服务对象满意` / `度指标`), each label standing centred on its block of
    rows on its page (`_levels_of_centred_labels`), a standard 二级 naming its 一级."""
    def at_row(k: float) -> float:
        """Line k as a place among the rows (2.5: halfway between the third and fourth)."""
        after = bisect.bisect_left(anchor_lines, k)
        if after < len(anchor_lines) and anchor_lines[after] == k:
            return float(after)
        if after == 0:
            return -0.5
        if after == len(anchor_lines):
            return after - 0.5
        a, b = anchor_lines[after - 1], anchor_lines[after]
        return after - 1 + (k - a) / (b - a)
    row_pages = [page_of(k) for k in anchor_lines]
    for j in (0, 1):
        marks: list[tuple[float, str]] = []
        mark_pages: list[int] = []
        label, at = "", list[int]()
        for k, cells in grid:
            piece = cells.get(j, "")
            if not piece or piece in header_words or FIGURE.fullmatch(piece):
                continue        # (a figure is no level: a page's number standing in the column)
            if label and any(w.startswith(label + piece) for w in INDICATOR_LEVELS) and (
                    label not in INDICATOR_LEVELS or label + piece in INDICATOR_LEVELS):     # 服务对象满意度 / 指标
                label, at = label + piece, at + [k]
                continue
            if label and LEVEL_SCORE.fullmatch(piece):
                label, at = label + piece, at + [k]     # the level's weight under it (`产出指标` / `（50分）`)
                continue

            if label:
                marks.append((at_row(sum(at) / len(at)), label))
                mark_pages.append(page_of(at[0]))
            label, at = piece, [k]
        if label:
            marks.append((at_row(sum(at) / len(at)), label))
            mark_pages.append(page_of(at[0]))
        _levels_of_centred_labels(rows, marks, j, (row_pages, mark_pages))


def _grid_total_row(k: int, label: str, figures: list[str], width: int, scores: list[int]) -> list[Cell]:
    """The indicator grid's total (`总分 100 90.5`), of no indicator level: its label in the
    indicator's column, its figures under the score columns (`scores`: 分值, 得分) where it
    prints as many, else after the label in order."""
    row = [Cell("", (k,)) for _ in range(width)]
    row[2] = Cell(label, (k,))
    for j, figure in zip(scores if len(scores) == len(figures) else range(3, width), figures):
        row[j] = Cell(figure, (k,))
    return row


def _score_columns(columns: list[Column]) -> list[int]:
    """The grid's columns of scores (分值, 分值权重（90分）, 得分)."""
    return [j for j, c in enumerate(columns) if any(w in c.leaf for w in SCORE_LEAVES)]


def _level_cells(l1: str, l2: str, lines: tuple[int, ...]) -> list[Cell]:
    """The 一级 and 二级指标 of a row, filled down over their merged cells; a standard 二级
    names its 一级 even above a 一级 label printed halfway down its cell."""
    return [Cell(catalog.INDICATOR_PARENT.get(l2, l1), lines, "filled down from the merged cell above"),
            Cell(l2, lines, "filled down from the merged cell above")]


def _form_fields(merged: str) -> dict[str, str]:
    """The form's facts by key (FORM_FIELD_KEYS), from its fact lines run together: each key's
    first occurrence, its value what follows up to the next key (or a header cell that ends
    one, catalog.FORM_FIELD_ENDS). One
    pattern finds every key, one every end (a pattern per key cost a process 8 ms to compile)."""
    keys, ends = _field_patterns()
    found: dict[str, str] = {}
    for m in keys.finditer(merged):
        key = FORM_FIELD_KEYS[int(str(m.lastgroup)[1:])]     # (each key its own group: k0, k1 …)
        if key in found or m.end() == len(merged) or keys.match(merged, m.end()) or ends.match(merged, m.end() - 1):
            continue        # printed without a value (an empty form): the next key or header cell follows
        end = ends.search(merged, m.end() + 1)
        found[key] = merged[m.end():end.start() if end else len(merged)].replace(" ", "")
    return {key.rstrip(":").replace(":", "："): found[key] for key in FORM_FIELD_KEYS if key in found}


@lru_cache(maxsize=1)
def _field_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The form keys, each a named group, before the spaces after them; and where a value ends."""
    keys = re.compile("(?:" + "|".join(f"(?P<k{i}>{_spaced(key)})" for i, key in enumerate(FORM_FIELD_KEYS)) + r")\s+")
    any_key = "|".join(_spaced(x) for x in FORM_FIELD_KEYS)
    return keys, re.compile(r"\s+(?:" + "|".join([any_key, *map(re.escape, catalog.FORM_FIELD_ENDS)]) + ")")


def _spaced(key: str) -> str:
    """A regex for `key` that also matches it wrapped over lines (`年度整体绩效总` `目标`)."""
    return r"\s*".join(re.escape(ch) for ch in key)


def _form_grid_header(content: list[tuple[int, str]]) -> tuple[int | None, int, list[str]]:
    """(first line index, last line index, cells) of a form's indicator grid header: one line
    (`一级指标 二级指标 三级指标 指标值`) or, one fragment per line, the run of header words
    from `一级指标` to the first level name."""
    for i, (_, s) in enumerate(content):
        if GRID_WORDS.fullmatch(squash(s)) and i + 1 < len(content) and \
                _fragment_header_piece(content[i + 1][1]) and _fragment_header_piece(s):
            # one fragment a line, its first two words glued (`一级指标二级指标` / `三级指标` / …)
            end = i
            while end + 1 < len(content) and _fragment_header_piece(content[end + 1][1]):
                end += 1
            cells = _bracketed_pieces_joined(GRID_WORD.findall(squash(s)) + [squash(x) for _, x in content[i + 1:end + 1]])
            ranks = [rank for c in cells if (rank := _grid_rank(c)) is not None]
            if "二级指标" in cells and len(ranks) == len(cells) and max(ranks) > 2:
                return i, end, cells        # (each a column the standard order knows, a value's among them)
        if ("二级指标" in s and ("一级指标" in s or "三级指标" in s)) or ("一级指标" in s and "三级指标" in s):
            # (二级指标 may be wrapped round the line, `二级` above it and `指标` below)
            # (a ruled line's cells are its tabs' pieces: `年 度 绩效 指 标` is one cell, letter-spaced)
            cells = [c for c in s.strip().split("\t") if c.strip()] if "\t" in s else \
                join_spaced_characters([c for c in s.strip().split(" ") if c])
            cells = [w for c in cells for w in (GRID_WORD.findall(c) if GRID_WORDS.fullmatch(c) else [squash(c)])]
            first, last, cells = _header_with_wrapped_cells(content, i, cells)
            if "一级指标" in cells:
                return first, last, cells
        if squash(s) == "一级指标" or (squash(s) == "一级指" and i + 1 < len(content) and squash(content[i + 1][1]) == "标"):
            end = i + (squash(s) != "一级指标")       # (its word wrapped: `一级指` / `标`)
            while end + 1 < len(content) and _grid_header_piece(content, end + 1):
                end += 1
            if end - i >= 2 and end + 1 < len(content) and squash(content[end + 1][1]) in INDICATOR_LEVELS and \
                    INDICATOR_VALUE.match(squash(content[end][1])) and _grid_rank(squash(content[end - 1][1])) is None:
                # the first row's name and value before its levels (a level's name centred on its
                # rows prints after the first: `居民医保个人缴费标准` / `≥430 元` / `成本指标`)
                end -= 2
            cells = _wrapped_words_joined(_bracketed_pieces_joined([squash(x) for _, x in content[i:end + 1]]))
            if "二级指标" in cells:
                return i, end, cells
    return None, 0, []


def _grid_header_piece(content: list[tuple[int, str]], j: int) -> bool:
    """Whether line j, after `一级指标` printed a fragment a line, can go on the grid's header: a
    short piece or a column's whole name (`偏差原因分析及改进措施`), not the first of the lines
    that spell a level's name, with its weight or without (`产出指标（` / `50分）`, `产出指` /
    `标50分`, `产` `出` `指` `标`: the rows open)."""
    return _header_sized(squash(content[j][1])) and not _spells_a_level(content, j)


def _header_sized(text: str) -> bool:
    """Whether a piece is sized as a header cell printed a fragment a line: short, or a column's
    whole name (`偏差原因分析及改进措施`)."""
    return 0 < len(text) <= HEADER_PIECE_CHARS or _grid_rank(text) is not None


HEADER_PIECE_CHARS = 10     # a header cell's line printed a fragment a line, at most


def _spells_a_level(content: list[tuple[int, str]], j: int) -> bool:
    """Whether the lines from j on spell a level's name, its weight aside."""
    joined = ""
    for _, line in content[j:]:
        joined += squash(line)
        if WEIGHT.sub("", joined) in INDICATOR_LEVELS:
            return True
        if joined not in _LEVEL_PREFIXES:
            return False
    return False


def _fragment_header_piece(line: str) -> bool:
    """A line of a grid header printed a fragment a line: one short piece or a column's name
    (`偏差原因分析及改进措施`), no level's name."""
    text = squash(line)
    return " " not in line.strip() and "\t" not in line and _header_sized(text) and text not in _LEVEL_PREFIXES \
        and not INDICATOR_VALUE.match(text)


def _bracketed_pieces_joined(pieces: list[str]) -> list[str]:
    """Header pieces with a cell wrapped inside its brackets joined (`分值权重（90` `分）`), or
    before its bracketed qualifier (`分值` `（90）`)."""
    out: list[str] = []
    for piece in pieces:
        if out and (opens_bracket(out[-1]) or piece[:1] in "(（"):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _wrapped_words_joined(pieces: list[str]) -> list[str]:
    """Header pieces of cells wrapped a line a piece joined where the grid's column names tell
    the whole: a piece goes on the one before where together they begin or make a column's
    name and that one alone does not (`二级` `指标`, `年度` `指标值`, `偏差原因分` `析及改进措` `施`;
    not `指标内容` `指标值`, each a name of its own); then a header printed as a line of its
    cells' first lines, then one of their second lines (`_second_lines_joined`)."""
    out: list[str] = []
    for piece in pieces:
        if out and _name_goes_on(out[-1], piece):
            out[-1] += piece
        else:
            out.append(piece)
    return _second_lines_joined(out)


def _name_goes_on(head: str, tail: str) -> bool:
    """Whether a header piece goes on an unfinished column name: together they make one, or
    begin one whose word the head holds already (`偏差原因分` `析及改进措`; not `指` `标`, the
    pieces of a label printed a character a line)."""
    return _unfinished(head) and any(name == head + tail or (name.startswith(head + tail) and _grid_rank(head) is not None)
                                     for name in catalog.GRID_COLUMN_NAMES)


def _unfinished(cell: str) -> bool:
    """Whether a header cell is the beginning of a grid column's name, not one whole."""
    return cell not in catalog.GRID_COLUMN_NAMES and any(name.startswith(cell) for name in catalog.GRID_COLUMN_NAMES)


def _second_lines_joined(cells: list[str]) -> list[str]:
    """A header printed as a line of its cells' first lines, then a line of their second
    lines (PyMuPDF: `二级` `三级指标` `年度` `实际` … `指标` `指标值` `完成值`): the last pieces, as
    many as the unfinished names before them, each goes on one of those in order."""
    for start in range(1, len(cells)):
        heads = [n for n in range(start) if _unfinished(cells[n])]
        tails = cells[start:]
        if heads and len(heads) == len(tails) and all(_name_goes_on(cells[n], t) for n, t in zip(heads, tails)):
            joined = cells[:start]
            for n, tail in zip(heads, tails):
                joined[n] += tail
            return joined
    return cells


def listed_form_header(content: list[tuple[int, str]]) -> int | None:
    """The index of the header's first line of a form printed as one list of its projects, or None:
    the indicator grid's header opens with the projects' own columns (`项目名称 项目总额 …
    绩效目标 一级指标 …`), so every row is a grid row and no key/value fact stands above."""
    header_idx, header_end, cells = _form_grid_header(content)
    if header_idx is None:
        return _projects_a_row_header(content)
    if header_idx != header_end:
        return None
    before = list(itertools.takewhile(lambda c: c != "一级指标", cells))
    if any(not c.endswith("指标") for c in before):
        return header_idx
    # a ruled header of two lines: the projects' columns merged down beside the grid's group
    # (`单位编码 | 单位（项目）名称 | … | 绩效指标` over ` | | … | 一级指标 | …`)
    line = content[header_idx][1].split("\t")
    lead = next((j for j, c in enumerate(line) if c.strip()), 0)
    above = content[header_idx - 1][1].split("\t") if header_idx else []
    if lead and len(above) > lead and all(c.strip() for c in above[:lead]) and \
            not any(len(c) > LONGEST_COLUMN_NAME or SENTENCE_MARK.search(c) for c in above) and \
            all(not c.strip() or c.strip().endswith("指标") for c in above[lead:]):
        # (a fact and its sentence above is no header: `总体目标 | 通过…。`, nor a short one over the
        # grid's columns, where a header prints only their group: `总体目标 | 完成…等保测评`)
        return header_idx - 1
    # or on a line of their own above it, with the grid's group (`单位编码 单位（项目）名称 资金总额
    # 绩效目标`, then `一级指标 …`)
    for j in range(max(0, header_idx - 2), header_idx):
        words = [squash(w) for w in re.split(r"\t| ", content[j][1].strip()) if w]
        if "绩效目标" in words and any("名称" in w for w in words) and not any(is_amount(w) for w in words):
            return j
    return None


def _projects_a_row_header(content: list[tuple[int, str]]) -> int | None:
    """The index of a ruled header line of a form printed as a list of its projects, with no
    indicator grid's levels: a row a project, its indicators in one cell (`项目名称（资金使用单位） |
    总计 | … | 绩效目标 | 绩效指标`), or a row an indicator named in one column (`序号 | 项目名称 | … |
    当年绩效目标 | 指标名称 | 指标性质 | 指标值 …`); or None. A name's column, then the goal's, then
    an indicator's; no figure above it."""
    for i, (_, line) in enumerate(content):
        cells = _ruled_cells(line)
        if any(is_amount(c) for c in cells):
            return None
        goal = next((j for j, c in enumerate(cells) if c.endswith("绩效目标")), None)
        if "\t" in line and goal is not None and any("名称" in c for c in cells[:goal]) and \
                any("指标" in c and c not in catalog.GRID_LEVEL_HEADS for c in cells[goal + 1:]):
            return i
    return None


def _ruled_cells(line: str) -> list[str]:
    """A ruled line's cells that print something, their spaces taken out."""
    return [squash(c) for c in line.split("\t") if c.strip()]


def named_indicator_header(content: list[tuple[int, str]]) -> int | None:
    """The index of a form's ruled indicator grid header that names each indicator in a column
    of its own and prints no levels (`绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%)`),
    under the form's facts; or None."""
    return next((i for i, (_, line) in enumerate(content) if names_indicators(line)), None)


def names_indicators(line: str) -> bool:
    """Whether a ruled line heads a grid naming each indicator in a column (see `named_indicator_header`)."""
    cells = _ruled_cells(line)
    return "\t" in line and "指标名称" in cells and not any(c in catalog.GRID_LEVEL_HEADS for c in cells) and \
        sum(_grid_rank(c) is not None for c in cells) >= 2


# characters of a listed form's project column's name at most (单位（项目）名称); shorter than a
# header cell in general (SETTINGS.header_cell_chars): `主要政策任务1：…卫星遥感监测` over a grid is a fact
LONGEST_COLUMN_NAME = 16


GRID_WORD = re.compile(r"[一二三]级指标")
GRID_WORDS = re.compile(r"(?:[一二三]级指标)+")     # header words printed without a space (`一级指标二级指标`)


def _header_with_wrapped_cells(content: list[tuple[int, str]], i: int, cells: list[str]) -> tuple[int, int, list[str]]:
    """The grid header's first and last lines and cells, with the cells wrapped around its line
    (a line per printed row centres the one-line cells beside a cell of two or three lines):
    the pieces on the lines just above and below, as many on each, joined in order
    (`一级指 分值权重（` / … / `标 90分）`); a cell of three lines, its piece on the header's line
    among the cells (`偏差原因分析` / `… 得分 及` / `改进措施`). Each takes its place by the
    grid columns' standard order (catalog.GRID_COLUMN_ORDER); where one has none, and it is
    not the one cell wrapped, the line's cells stand alone. Lines a blank line parts from the
    header's (a layout text's goal above, a name's piece below) hold no piece of it."""
    above, below = _header_pieces(content, i - 1), _header_pieces(content, i + 1)
    if not above or len(above) != len(below) or content[i + 1][0] - content[i - 1][0] != 2:
        return i, i, cells
    wrapped = [top + bottom for top, bottom in zip(above, below)]
    first, last = i - 1, i + 1
    outer_above, outer_below = _header_pieces(content, i - 2), _header_pieces(content, i + 2)
    middle = [c for c in cells if _grid_rank(c) is None]
    if len(outer_above) == len(outer_below) == len(middle) == 1:
        wrapped.append(outer_above[0] + "".join(middle) + outer_below[0])
        cells = [c for c in cells if c not in middle]
        first, last = i - 2, i + 2
    if len(wrapped) > 1 and any(_grid_rank(w) is None for w in wrapped):
        return i, i, cells
    for cell in wrapped:
        rank = _grid_rank(cell)
        at = next((n for n, c in enumerate(cells) if rank is not None and (_grid_rank(c) or 0) > rank), len(cells))
        cells.insert(at, cell)
    return first, last, cells


def _header_pieces(content: list[tuple[int, str]], j: int) -> list[str]:
    """The words of line j where they can be pieces of wrapped header cells: no figure, no
    whole header word or level, no tab cells; else none."""
    if not 0 <= j < len(content) or "\t" in content[j][1]:
        return []
    words = content[j][1].split()
    if any(is_amount(t) or GRID_WORD.fullmatch(t) or indicator_level(t) or SENTENCE_MARK.search(t) for t in words):
        return []       # (nor a sentence: a goal's last line above the grid)
    return words


REMARKS = "备注"
WORDS_COLUMN_RANKS = frozenset(catalog.GRID_COLUMN_ORDER.index(word) for word in ("偏差原因", "未完成原因", REMARKS))


def _grid_rank(cell: str) -> int | None:
    """Where a header cell stands in the standard order of an indicator grid's columns."""
    return next((n for n, word in enumerate(catalog.GRID_COLUMN_ORDER) if word in cell), None)


def _is_grid_group_label(line: str) -> bool:
    """A name over a grid's indicator columns (`年度绩效指标`, `绩效目标指标`): short, ending in
    指标, no level's, no sentence's end in it (`元。` ending the goal above is no piece of it)."""
    text = squash(line)
    return text.endswith("指标") and len(text) <= 8 and text not in INDICATOR_LEVELS and not SENTENCE_MARK.search(text)


def _take_grid_blocks(table: Table, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Small grids inside a form (catalog.FORM_GRID_BLOCKS) read into the table's grids; the
    lines outside them are returned."""
    rest: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        label, j = _grid_block_label(lines, i)
        end = _read_grid_block(table, label, lines, j) if label else None
        if end is None:
            rest.append(lines[i])
            i += 1
        else:
            i = end
    return rest


def _grid_block_label(lines: list[tuple[int, str]], i: int) -> tuple[str, int]:
    """The block label starting at line i (`部门总体资金情` + `况（万元）`) and the line after it."""
    joined, j = "", i
    while j < len(lines) and len(joined) < 24:
        joined += squash(lines[j][1])
        j += 1
        for name in catalog.FORM_GRID_BLOCKS:
            if re.fullmatch(re.escape(name) + r"([(（][^)）]*[)）])?", joined):
                return joined, j
        if not any(name.startswith(joined) or joined.startswith(name) for name in catalog.FORM_GRID_BLOCKS):
            break
    return "", i


def _read_grid_block(table: Table, block: str, lines: list[tuple[int, str]], j: int) -> int | None:
    """Header lines up to the last one with a letter mark, then rows of amounts; returns the
    index after the block, or None when no marked header follows the label."""
    header_end, k = None, j
    while k < len(lines) and not any(is_amount(t) for t in split_tokens(lines[k][1])):
        if catalog.GRID_MARK.search(lines[k][1]):
            header_end = k
        k += 1
    if header_end is None:
        return None
    head = squash("".join(s for _, s in lines[j:header_end + 1]))
    columns = [m.group(0) for m in re.finditer(".*?" + catalog.GRID_MARK.pattern, head)]
    year = re.search(r"20\d\d年", columns[0])
    if year and year.start() > 0:           # the stub's own heading (`总体资金情况`) before it
        columns[0] = columns[0][year.start():]
    marks = [m.group(1) if (m := catalog.GRID_MARK.search(c)) else "" for c in columns]
    unit = re.search(r"[（(](万元|元)[）)]", block)
    if unit and not table.unit:
        table.unit = unit.group(1)
    group = ""
    rows: list[GridRow] = []
    k = header_end + 1
    while k < len(lines):
        tokens = split_tokens(lines[k][1])
        amounts = [t for t in tokens if is_amount(t)]
        label = squash("".join(t for t in tokens if not is_amount(t)))
        if not amounts:
            if label in catalog.FORM_FIELD_KEYS or k + 1 >= len(lines) or \
                    not any(is_amount(t) for t in split_tokens(lines[k + 1][1])):
                break
            group, k = label, k + 1
            continue
        rows.append(GridRow(group, label, tuple(_place_by_marks(marks, amounts))))
        k += 1
    if rows:
        table.grids.append(FormGrid(block, tuple(columns), tuple(rows)))
    return k


def _place_by_marks(marks: list[str], amounts: list[str]) -> list[str]:
    """Amounts of a row seated under its columns; where cells are empty, the seating under
    which every identity column (`C-D`, `A+B`) holds."""
    n = len(marks)
    if len(amounts) >= n:
        return amounts[:n]
    for seats in itertools.combinations(range(n), len(amounts)):
        row = [""] * n
        for seat, value in zip(seats, amounts):
            row[seat] = value
        values = {m: parse_amount(v) or Decimal(0) for m, v in zip(marks, row)}
        if all(abs(values[m] - sum(sign * values.get(x, 0) for sign, x in catalog.mark_terms(m))) <= CENT
               for m in marks if len(m) > 1):
            return row
    return amounts + [""] * (n - len(amounts))


def indicator_level(text: str) -> str:
    """The 一级/二级指标 a cell names, also when the cell holds only the start of it."""
    if text in INDICATOR_LEVELS:
        return text
    if len(text) >= 4:
        for word in INDICATOR_LEVELS:
            if word.startswith(text):
                return word
    return ""


# Pieces of the merged cells printed down a grid's side, a line each (`成本指` / `标`, `年度绩` /
# `效指标`): the 二级指标 beside them names their 一级 (catalog.INDICATOR_PARENT). Only the levels
# named …指标 (a piece of 一般性支出情况, `况`, `支出`, is any name's).
def _pieces(word: str, shortest: int = 1) -> set[str]:
    """Every run of `shortest` characters or more of a word, the word itself included."""
    return {word[a:b] for a in range(len(word)) for b in range(a + shortest, len(word) + 1)}


_MERGED_PIECES = frozenset(piece for word in (*INDICATOR_L1, "绩效指标", "年度绩效指标") if word.endswith("指标")
                           for piece in _pieces(word) if piece != word) - {"指标"}
_GRID_GROUP = "绩效目标指标"       # the grid's group, a merged cell down its left
_GROUP_PIECES = frozenset(_pieces(_GRID_GROUP, 3))      # (three characters at least: `标指标`)


def _holds_level_piece(value: str) -> bool:
    """A value holding a level's piece, which no value does: a level's name, the grid's group
    (`绩效目标指标产出指`) or a piece of it (`绩效目`), a level cut after 指 (`效益指`), a level's
    wrapped end among other pieces (`度指标件数量`)."""
    return bool(indicator_level(value)) or "绩效指标" in value or _GRID_GROUP in value or value.endswith("指") or \
        any(end in value for end in _LEVEL_ENDS) or value in _GROUP_PIECES


# the ends of the levels' names a cell wraps (`度指标` of 服务对象满意度指标), three characters
_LEVEL_ENDS = frozenset(w[-3:] for w in INDICATOR_LEVELS if w.endswith("指标"))


def _names_a_level_piece(name: str) -> bool:
    """An indicator's name that is a level's piece (`指标`, `效益指`, its end `度指标`), or the
    grid's group printed down its merged cell in pieces (`标指标`, or its head cut before 标
    opening a name: `绩效目审核准确率`): a level read as a name."""
    return name == "指标" or (name.endswith("指") and bool(indicator_level(name + "标"))) or \
        name in _LEVEL_ENDS or name in _GROUP_PIECES or \
        (name.startswith(_GRID_GROUP[:3]) and not name.startswith(_GRID_GROUP[:4]))


def _names_another_level(name: str, value: str, levels: list[Cell]) -> bool:
    """An indicator named as a level other than its row's own (`时效指标` under 质量指标), its
    value words without a sign or figure (`保障区县管理部运转`): a level read as the name, a name
    as the value. (A form may name an indicator as a level, beside its target: 社会效益指标 ≥100%.)"""
    return name in INDICATOR_LEVELS and all(name != cell.text for cell in levels) and \
        not INDICATOR_VALUE.match(value)


def _one_indicator_per_line(lines: list[tuple[int, str]], width: int) -> bool:
    """A form with several value columns (自评表: 指标值, 全年实际完成值, 原因) printed a line
    per indicator: most lines that hold a figure hold a name and at least two values (the
    lines of cells wrapped around them hold none)."""
    counts = [sum(t not in INDICATOR_LEVELS and t not in _MERGED_PIECES for t in s.split())
              for _, s in _cells_wrapped_around(lines, False, 0)[0] if any(INDICATOR_VALUE.match(t) for t in s.split())]
    return width - 3 >= 2 and bool(counts) and sorted(counts)[len(counts) // 2] >= 3


SCORE_LEAVES = ("分值", "得分")        # a performance grid's columns of figures
WHOLE_CHARACTERS = frozenset("无是否有优良好高低中差")     # values a grid's cell prints as one character


# the standard 一级指标 (成本指标 …), no region's own (一般性支出情况)
LEVELS_FIRST = tuple(level for level in INDICATOR_L1 if level.endswith("指标"))


def grid_misread(table: Table) -> str:
    """Why a form's indicator grid reads as misread, or "": its score columns hold no figure
    in any row, or none in more than a fifth of the rows where a third hold one; its 一级指标
    cells hold other cells' lines; its names (the column after 二级指标) hold values or levels'
    pieces, or its values levels; its levels went unread; a name holds two targets, or one and
    a level's name, or values
    open with a name's words (a wrapped name's end), or a value or remark an indicator's
    numbered name (`指标2：…`) or ends in a target's sign, or a remark holds a target beside a
    value of words; a name holds a bracket without its pair; a
    cell holds the header's words, or figures a space apart (several columns' run into one);
    or more than a tenth of its text cells are one Chinese
    character that is no unit of measure and no whole value (无): cells cut apart, `值` `分`
    `及` (a sign, `≥`, or `%` is a cell of its own in some templates)."""
    if not table.rows:
        return ""
    if named := next((c.text for c in table.columns if any(level in squash(c.text) for level in LEVELS_FIRST)), None):
        # (a grid's first levels name its rows, never a column: printed beside the header, read into it)
        return f"its header names an indicator's level ({named}): the rows' levels were read into it"
    for j, column in enumerate(table.columns):
        if any(w in column.leaf for w in SCORE_LEAVES) and \
                not any(SCORE.fullmatch(table.cell(r, j).text) for r in range(len(table.rows))):
            # (a value and its score run together, `≥1本8`, is no figure either)
            return f"its {column.leaf} column holds no figure"
        scored = [SCORE.fullmatch(table.cell(r, j).text) is not None for r in range(len(table.rows))]
        if any(w in column.leaf for w in SCORE_LEAVES) and sum(scored) * 3 >= len(scored) and \
                (len(scored) - sum(scored)) * 5 > len(scored):
            # every indicator has its score: rows without are pieces of cells read as rows
            return f"{len(scored) - sum(scored)} of its {len(scored)} rows hold no figure under {column.leaf}"
        if any(w in column.leaf for w in SCORE_LEAVES) and sum(scored) * 4 >= len(scored) * 3 and (lone := next(
                (r for r, ok in enumerate(scored) if not ok and table.rows[r][j:] and
                 all(table.cell(r, n).text for n in range(2, min(4, len(table.columns))))), None)) is not None:
            # every indicator is scored: a row of a name and a value among scored rows is a
            # wrapped cell's lines read as a row of their own
            return f"row {lone + 1} holds a name and a value but no {column.leaf} among scored rows"
        if j > 0 and any(w in column.leaf for w in SCORE_LEAVES) and sum(scored) * 3 >= len(scored) * 2:
            # a row whose score stands a column early, its last cell empty: its cells slid left
            # (a wrapped name's end taken for a cell of its own)
            slid = next((r for r, ok in enumerate(scored) if not ok and not table.cell(r, j).text and
                         (before := table.cell(r, j - 1).text).isdigit() and FIGURE.fullmatch(before)), None)
            if slid is not None:
                return f"row {slid + 1} holds its {column.leaf} figure a column early"
    if (first := next((j for j, c in enumerate(table.columns) if c.leaf == "一级指标"), None)) is not None and \
            (unnamed := _project_figures_without_name(table, first)):
        return f"{unnamed} row(s) hold a project's figures but no project's name: rows were read out of step"
    if first is not None:
        levels = [row[first].text for row in table.rows if first < len(row) and row[first].text]
        if len(table.rows) >= 2 and not levels:
            # every indicator stands under a level (its merged cell spans its rows): none read
            return "its 一级指标 column is empty: the levels were not read"
        if len(worded := [t for t in levels if len(t) > LEVEL_CHARS or SENTENCE_MARK.search(t)]) >= 3 and \
                len(worded) * 3 >= len(levels):
            # no level is named at such length or in a sentence: other cells' lines read into the levels' column
            return f"{len(worded)} of its {len(levels)} 一级指标 cells name no level, such as {worded[0]}"
    second = next((j for j, c in enumerate(table.columns) if c.leaf == "二级指标"), None)
    if second is not None and len(table.rows) >= 2 and not any(second < len(row) and row[second].text
                                                                 for row in table.rows):
        # (each indicator stands under a 二级 too: none read, the levels' columns were cut amiss)
        return "its 二级指标 column is empty: the levels were not read"
    if second is not None and len(misnamed := [row[second].text for row in table.rows if second < len(row) and
                                               NAME_MARK.search(row[second].text)]) >= 2:
        # (a level is named in a word or two: a colon or a sentence's marks are an indicator's name's)
        return f"{len(misnamed)} of its 二级指标 cells hold an indicator's name, such as {misnamed[0]}: cells were read out of step"
    # the indicator's name is the column after the levels' (三级指标, 指标内容, 指标名称), its value the next
    name = second + 1 if second is not None else len(table.columns)
    last = table.columns[-1]
    scored_last = [r for r in range(len(table.rows)) if SCORE.fullmatch(table.cell(r, len(table.columns) - 1).text)]
    if name + 1 < len(table.columns) - 1 and _grid_rank(last.leaf) in WORDS_COLUMN_RANKS and \
            len(scored_last) * 2 > len(table.rows) and not any(table.cell(r, name + 1).text for r in scored_last):
        # (a remark under the scores, the values' column empty beside them: every cell read a column late)
        return f"its {last.leaf} column holds the scores: cells were read a column late"
    if name + 1 < len(table.columns) and (swapped := sum(
            COMPARISON.match(row[name].text) is not None or FIGURE.fullmatch(row[name].text) is not None or
            _names_a_level_piece(row[name].text) or
            _holds_level_piece(row[name + 1].text) or _worded_target_as_name(row[name].text, row[name + 1].text) or
            _names_another_level(row[name].text, row[name + 1].text, row[:name])
            for row in table.rows if len(row) > name + 1)):
        # an indicator's name opening with its target's sign or a figure alone, a value that is
        # a level's name: names and values were read out of step
        return f"{swapped} row(s) hold a value as the indicator's name or a level as its value"
    if (cut_sign := next((c.text for row in table.rows for c in row[name + 1:]
                          if c.text.endswith(TARGET_SIGNS) and c.text.rstrip("".join(TARGET_SIGNS))), None)):
        # (a target's sign stands before its figure: one ending a cell is a target wrapped into
        # another row; a sign alone is a cell of its own, 指标性质's)
        return f"a cell ends in a target's sign ({cut_sign}): a target's pieces were read into other cells"
    if _grid_rank(last.leaf) in WORDS_COLUMN_RANKS and len(table.columns) == name + 3 and (misplaced := next(
            (row[-1].text for row in table.rows if len(row) == name + 3 and COMPARISON.match(row[-1].text)
             and row[name + 1].text and not INDICATOR_VALUE.match(row[name + 1].text)), None)):
        # a remark holding a target beside a value of words: the row's cells read a column late
        return f"a remark holds a target ({misplaced}) beside a value of words: cells were read a column late"
    if (numbered := next((c.text for row in table.rows for c in row[name + 1:] if NUMBERED_NAME.match(c.text)), None)):
        # (a name numbered `指标2：…` is never a target's or a remark's: names read a column late)
        return f"a value or remark holds an indicator's numbered name ({numbered}): cells were read out of step"
    if name < len(table.columns) and (crowded := next((row[name].text for row in table.rows if len(row) > name and
                                                        len(TARGET_INSIDE.findall(row[name].text)) >= 2), None)):
        # two targets inside one name (`…及时处理率=24小时/日≤0%≥90%`): other rows' values read into it
        return f"an indicator's name holds other rows' values ({crowded})"
    if name < len(table.columns) and (leveled := next((row[name].text for row in table.rows if len(row) > name and
                                                       TARGET_BEFORE_LEVEL.search(row[name].text)), None)):
        return f"an indicator's name holds a target and a level's name ({leveled})"
    if name < len(table.columns) and (cut_name := next((row[name].text for row in table.rows if len(row) > name and
                                                         brackets_unpaired(row[name].text)), None)):
        # a name prints its brackets whole: one opened or closed alone is a wrapped name's piece
        # read into another row's (`…调查成本（` / `元/户/月）…`)
        return f"an indicator's name holds a bracket without its pair ({cut_name})"
    if (header := next((c.text for row in table.rows for c in row if _holds_grid_header_words(c.text)), None)):
        return f"its rows hold the grid's header words ({header}): the header was read as rows"
    if (run_in := next((c.text for row in table.rows for c in row if FIGURES_RUN_IN.search(c.text)), None)):
        # (a target and its score, `≤50 1`, or two scores, `8 8`: each a cell of its own)
        return f"a cell holds several columns' figures ({run_in})"
    value = name + 1
    values = [row[value].text for row in table.rows if len(row) > value and row[value].text]
    if any(WORDED_TARGET.match(v) for v in values) and \
            len(unsigned := [v for v in values if not INDICATOR_VALUE.match(v)]) >= 2:
        # a form writing even its worded targets after a sign (`=提升…`) prints no value without
        # one: values without are the lines of a wrapped target read as rows of their own
        return f"{len(unsigned)} of its values open with no sign where its targets do ({unsigned[0]})"
    tailed = [row[value].text for row in table.rows if len(row) > value and WORDS_BEFORE_TARGET.match(row[value].text)]
    if len(tailed) >= 2 and len(tailed) * 5 >= len(table.rows):
        # `数≤18400万元`, `技能竞赛场次≥1`: a wrapped name's end read before its value, rows out of step
        return f"{len(tailed)} of its {len(table.rows)} values open with a name's words ({tailed[0]})"
    cells = [c.text for row in table.rows for c in row if c.text and not FIGURE.fullmatch(c.text)]
    cut = [t for t in cells if len(t) == 1 and CJK.match(t) and not MEASURE_UNIT.match(t) and t not in WHOLE_CHARACTERS]
    return f"{len(cut)} of its {len(cells)} text cells are one character" if len(cut) * 10 > len(cells) else ""


def _project_figures_without_name(table: Table, first_level: int) -> int:
    """Rows of a list of projects and their indicators that print a project's figures (its
    total and sources, left of the indicators' levels) beside no project's name: a project prints
    its name on the row of its figures."""
    name = next((j for j, c in enumerate(table.columns[:first_level]) if c.leaf == "项目名称"), None)
    funds = [j for j, c in enumerate(table.columns[:first_level]) if c.role in catalog.FIGURE_ROLES]
    if name is None or not funds:
        return 0
    return sum(1 for row in table.rows if len(row) > max(funds) and not row[name].text and
               any(row[j].value is not None for j in funds))


TARGET_SIGNS = ("≥", "≤", "≧", "≦", ">", "<", "＞", "＜", "=", "＝")
NUMBERED_NAME = re.compile(r"指标\d+[：:]")       # an indicator's name numbered (`指标2：…`)
FIGURES_RUN_IN = re.compile(r"(?:^|\s)[≥≤<>=]?\d+(?:\.\d+)?%?\s+\d+(?:\.\d+)?%?(?:$|\s)")     # `100% 8 8`
# the words of an indicator grid's header after its levels' (指标值 … 备注): no indicator is named so
_VALUE_HEADER_WORDS = catalog.GRID_COLUMN_ORDER[3:]


def _holds_grid_header_words(text: str) -> bool:
    """A cell that is a word of the grid's header, or holds two (`实际完成值分值得分`), no sentences
    (a project's indicators written out in one cell name their 指标值 each)."""
    return text in _VALUE_HEADER_WORDS or (sum(w in text for w in _VALUE_HEADER_WORDS) >= 2 and
                                           not SENTENCE_MARK.search(text))


def _worded_target_as_name(name: str, value: str) -> bool:
    """A worded target (`=通过项目实施…`) read as an indicator's name, the words after it as its
    value: a name opening with `=` then words, beside a value that is no target (a name's
    formula, `=完成数/计划数`, stands beside its target, `≥90%`)."""
    return bool(WORDED_TARGET.match(name)) and bool(value) and not INDICATOR_VALUE.match(value)


LEVEL_CHARS = 8         # characters of a 一级指标's name at most (满意度指标, 一般性支出情况)
WORDED_TARGET = re.compile(f"^[=＝]{HAN}")        # a target in words after its sign (`=提升公安机关…`)
SENTENCE_MARK = re.compile(r"[，。；,;]")
NAME_MARK = re.compile(r"[，。；,;：:]")     # a sentence's marks, or the colon after an indicator's number (指标1：)
MEASURE_UNIT = re.compile(r"^(分钟|小时|个?月|天|日|年|个|次|人次?|家|项|户|批|件|万?元)(/[月年季天日次])?$")
COMPARISON = re.compile(r"^[≥≤＞＜>]")       # a target's sign (`≥90%`); `=` may open a name's formula
FIGURE = re.compile(r"[≥≤<>=＝]?\d+(\.\d+)?")
TARGET_SIGN = "[≥≤＞＜><=＝]"
WORDS_BEFORE_TARGET = re.compile(rf"^[\u4e00-\u9fff“”]+{TARGET_SIGN}\d")      # `数≤18400万元`: words, then a target
TARGET_INSIDE = re.compile(rf"(?<=.){TARGET_SIGN}\d")      # a target's sign and figure after a name's first character
# a target's sign and figure inside a name, a level's name after it (`准确率（%）≥954质量指标…`): the row's value and
# score and the next row's level read in (a name may print a figure of its own: `响应时间≤2小时的比例`)
TARGET_BEFORE_LEVEL = re.compile(rf"(?<=.)[≥≤＞＜>]\d[\d.%]*{HAN}{{0,6}}指标")


def _join_number_units(tokens: list[str], is_unit: Callable[[str], object] = MEASURE_UNIT.match) -> list[str]:
    """A line's tokens with a figure and its unit printed a space apart one value: `60` `分钟` is
    `60分钟` (`is_unit`: which words after a figure are its unit)."""
    out: list[str] = []
    for t in tokens:
        if out and is_unit(t) and FIGURE.fullmatch(out[-1]):
            out[-1] += t
        else:
            out.append(t)
    return out


def _cells_wrapped_around(lines: list[tuple[int, str]], trailing_text: bool, value_columns: int
                          ) -> tuple[list[tuple[int, str]], dict[int, tuple[tuple[int, ...], bool]]]:
    """Lines of an indicator grid with the cells wrapped around their row's line put back on
    it, and by row line the lines each such cell was printed on and whether it is the name. A line per printed row centres the
    one-line cells beside a cell of several lines, as many of its lines above the row's line
    as below; a row short of figures (`value_columns` of them before a last column of words)
    takes a value wrapped around its line as its first: the one-word lines between two rows are the head of the row below and the tail
    of the row above, as long as its head. A row printing no name (no more cells than its
    `value_columns`, where no column of words ends the grid) takes its head and tail as its
    name (`人口抽样调查成本（元/社区/年` / `≤600 2` / `）`, `客观反映…发展新情` / `客观反映 18` /
    `况`); one printing a name, as its last cell where the grid ends in a column of words
    (`偏差原因分析及改进措施`)."""
    def parts(s: str) -> tuple[list[str], list[str], list[str]]:
        """(levels and pieces, words, values) of a line."""
        side: list[str] = []
        words: list[str] = []
        values: list[str] = []
        for t in s.split():
            if indicator_level(t) or t in _MERGED_PIECES:
                side.append(t)
            else:
                (values if INDICATOR_VALUE.match(t) else words).append(t)
        return side, words, values
    split = [parts(s) for _, s in lines]

    def pieces(r: int, step: int, stop: int) -> list[int]:
        """The one-word lines next to line r towards `stop`, lines of levels alone passed over."""
        found, i = [], r + step
        while i != stop and not split[i][2]:
            if len(split[i][1]) == 1:
                found.append(i)
            elif split[i][1]:
                break
            i += step
        return found
    out = [(k, s) for k, s in lines]
    joined: dict[int, tuple[tuple[int, ...], bool]] = {}
    taken: set[int] = set()
    def total(r: int) -> bool:
        return bool(split[r][1]) and GRID_TOTAL.match(split[r][1][0]) is not None

    def consume(*pieces_of_a_row: int) -> None:
        """Lines whose words and values went to a row: their levels stay, nothing else."""
        for i in pieces_of_a_row:
            out[i] = (lines[i][0], " ".join(split[i][0]))
            split[i] = (split[i][0], [], [])
            taken.add(i)
    for r in range(1, len(lines) - 1):
        above, below = split[r - 1][1] + split[r - 1][2], split[r + 1][1] + split[r + 1][2]
        if not split[r][1] and len(split[r][2]) > len(split[r - 1][2]) > 0 and not split[r + 1][2] and \
                len(above) >= 2 and len(above) == len(below) and not taken & {r - 1, r + 1} and \
                [t for t in lines[r - 1][1].split() if t in above] == above:
            # cells wrapped around a row's line side by side, a value among their heads (`数据中心设备维
            # ≥330台` / `数量指标 330台套 10 10` / `护量 套`: the line above reads as a row of its own)
            cells = [top + bottom for top, bottom in zip(above, below)]
            consume(r - 1, r + 1)
            side, _, values = split[r]
            out[r] = (lines[r][0], " ".join([*side, *cells, *values]))
            split[r] = parts(out[r][1])
            joined[lines[r][0]] = ((lines[r - 1][0], lines[r][0], lines[r + 1][0]), True)
    rows = [i for i, (_, words, values) in enumerate(split) if len(values) >= 2 or (values and words)]
    for n, r in enumerate(rows):
        if total(r):
            continue        # the grid's total wraps nothing: the pieces above it are the row above's
        side, words, values = split[r]
        if words and len(values) < value_columns and 0 < r < len(lines) - 1 and r - 1 not in taken and \
                not split[r - 1][1] and len(split[r - 1][2]) == 1 and len(split[r + 1][1]) == 1 and not split[r + 1][2]:
            # a value wrapped around the row's line (`≤120万` / row / `元`): the row's first
            values = [split[r - 1][2][0] + split[r + 1][1][0], *values]
            consume(r - 1, r + 1)
            out[r] = (lines[r][0], " ".join([*side, *words, *values]))
        if not words and 0 < r < len(lines) - 1 and r - 1 not in taken and r - 1 not in rows and r + 1 not in rows:
            above, below = split[r - 1][1] + split[r - 1][2], split[r + 1][1] + split[r + 1][2]
            if len(above) >= 2 and len(above) == len(below) and [t for t in lines[r - 1][1].split() if t in above] == above:
                # cells wrapped around the row's line side by side (`完成对物业公司的 次年2月` / row /
                # `考核 份前`): each head joins its tail, the name first, then the values before the row's
                cells = [top + bottom for top, bottom in zip(above, below)]
                consume(r - 1, r + 1)
                out[r] = (lines[r][0], " ".join([*side, *cells, *values]))
                joined[lines[r][0]] = ((lines[r - 1][0], lines[r][0], lines[r + 1][0]), True)
                continue
        nameless = not words or (not trailing_text and len(words) + len(values) <= value_columns)
        head = [i for i in pieces(r, -1, rows[n - 1] if n else -1) if i not in taken][::-1]
        last = n + 1 == len(rows) or total(rows[n + 1])
        tail = pieces(r, +1, rows[n + 1] if n + 1 < len(rows) else len(lines))[:None if last else len(head)]
        if nameless:       # a name of two lines at most: other cells' pieces lie around it too
            head, tail = [i for i in head[-1:] if i == r - 1], [i for i in tail[:1] if i == r + 1]
        if not head or not (nameless or trailing_text):
            continue
        cell = "".join(split[i][1][0] for i in head + tail)
        consume(*head, *tail)
        # a row of values alone keeps them in their printed order (`客观反映 18`)
        own = [t for t in lines[r][1].split() if t not in side] if nameless else [*words, *values]
        out[r] = (lines[r][0], " ".join([*side, cell, *own] if nameless else [*side, *own, cell]))
        joined[lines[r][0]] = (tuple(lines[i][0] for i in sorted([*head, r, *tail])), nameless)
    return [(k, s) for k, s in out if s], joined


def _second_level_completed(rows: list[list[Cell]], l2: str, k: int) -> str:
    """A 二级 whose name's end `指标` line k prints (`经济成本` … `指标`): the whole name, in the
    rows that took its head too."""
    for row in rows:
        if row[1].text == l2:
            row[1] = replace(row[1], text=l2 + "指标", lines=row[1].lines + (k,))
    return l2 + "指标"


def _last_mark_completed(marks: list[tuple[float, str]], l2: str) -> list[tuple[float, str]]:
    """The 二级 labels' marks with the last one's name completed where it is `l2`'s head."""
    return marks[:-1] + [(marks[-1][0], l2 + "指标")] if marks and marks[-1][1] == l2 else marks


def _line_indicator_rows(lines: list[tuple[int, str]], width: int, scores: list[int],
                         trailing_text: bool) -> list[list[Cell]]:
    """Levels first (filled down), then the name, then a value per column; a line holding
    only a word continues the name above (`医保基金`), a lone `指标` the level (`可持续影响`).
    The grid's total (`总分 100 94.7`) has no level, its figures under the score columns
    (`scores`: 分值, 得分) where it prints as many; `trailing_text`: the grid ends in a column
    of words (偏差原因分析及改进措施)."""
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    n_values = width - 3
    marks: list[tuple[float, str]] = []     # where each 二级 label is printed, in rows
    grid_lines, joined = _cells_wrapped_around(lines, trailing_text, n_values - (1 if trailing_text else 0))
    for k, s in grid_lines:
        rest: list[str] = []
        marked = ""
        if all(t in _MERGED_PIECES or t == "指标" for t in s.split()):
            # pieces of merged cells alone on their line (`指标 标`); a 二级's end among them
            # (`成本 经济成本` / `指标 指标`) completes its name
            if "指标" in s.split() and l2 and l2 + "指标" in INDICATOR_LEVELS:
                l2, marks = _second_level_completed(rows, l2, k), _last_mark_completed(marks, l2)
            continue
        for t in s.split():
            level = "" if rest else indicator_level(t)
            if rest or t == "绩效指标":
                rest += [t] if t != "绩效指标" else []
            elif level in INDICATOR_L1:
                l1 = level
            elif level:
                l2 = level      # a level wrapped at the cell's width names it (`服务对象满意度指`)
                marked = level
            elif t in _MERGED_PIECES:
                continue        # a piece of a merged 一级 or group cell, printed down its side
            elif t == "指标" and l2 + t in INDICATOR_LEVELS:
                l2, marks = _second_level_completed(rows, l2, k), _last_mark_completed(marks, l2)
            elif t != "指标":        # else the end of a merged group cell (`年度` `绩效` `指标`)
                rest.append(t)
        # a 二级 label stands on its row's line, or between two rows
        if marked:
            marks.append((len(rows) if len(rest) >= 2 else len(rows) - 0.5, marked))
        if len(rest) == 1 and rows:
            name = rows[-1][2]
            rows[-1][2] = Cell(name.text + rest[0], name.lines + (k,), "joined from fragments")
            continue
        if not rest:
            continue
        rest = _join_number_units(rest)
        if GRID_TOTAL.match(rest[0]):
            rows.append(_grid_total_row(k, rest[0], rest[1:], width, scores))
            continue
        cut = max(1, len(rest) - n_values)
        values = rest[cut:]
        wrapped, is_name = joined.get(k, ((k,), False))
        name_lines, last_lines = (wrapped, (k,)) if is_name else ((k,), wrapped)
        row = [*_level_cells(l1, l2, (k,)),
               Cell("".join(rest[:cut]), name_lines, "joined from fragments" if len(name_lines) > 1 else "")] + \
            [Cell(v, (k,)) for v in values] + [Cell("") for _ in range(n_values - len(values))]
        if len(last_lines) > 1 and row[-1].text:
            row[-1] = Cell(row[-1].text, last_lines, "joined from fragments")
        rows.append(row)
    # labels printed before the first row's, or between two rows, stand centred on their cells
    if rows and (not rows[0][1].text or any(at % 1 for at, _ in marks)):
        _levels_of_centred_labels(rows, marks)
    return rows


CENTRE_SLACK = 10       # rows a centred label may stand off its block's middle (a page break moves it)


def _levels_of_centred_labels(rows: list[list[Cell]], marks: list[tuple[float, str]], level: int = 1,
                              pages: Pages | None = None) -> None:
    """Labels of a level (1: 二级, 0: 一级) centred on their merged cells, give or take half a
    row (a line per printed row puts a label beside the row at its cell's middle): each label's
    block of rows (`centred_blocks`) takes it; a 二级 names its 一级 where it names one. The
    grid's total rows, last, are in no block."""
    start = 0
    blocked = len(rows)
    while blocked and GRID_TOTAL.match(rows[blocked - 1][2].text):
        blocked -= 1
    for end, (_, label) in zip(centred_blocks(blocked, marks, pages), marks):
        for row in rows[start:end]:
            if GRID_TOTAL.match(row[2].text):
                continue
            row[0:2] = _level_cells(row[0].text, label, row[0].lines) if level else \
                [Cell(label, row[0].lines, "filled down from the merged cell above"), row[1]]
        start = end


Pages = tuple[list[int], list[int]]    # the page of each row, and of each label


def centred_blocks(n: int, marks: list[tuple[float, str]], pages: Pages | None = None) -> list[int]:
    """Where each label's block of rows ends, the n rows cut into one block per label, in
    order, each block's middle as near its label (`marks`: where it stands, in rows) as can be
    (a label repeated next to itself, printed again past a page break, may have no rows of its
    own); none where the labels cannot be so placed. With the rows' and labels' `pages`, a
    label stands near the middle of its rows on its page too: a merged cell a page break parts
    prints its label on one part, centred there (each measure alone leaves ties a block's
    other part breaks)."""
    m = len(marks)
    if not m or m > n:
        return []
    inf = float("inf")
    # cost[i][b]: the least misplacement of labels 0..i with label i's block ending at row b
    cost = [[inf] * (n + 1) for _ in range(m)]
    cut: list[list[int]] = [[0] * (n + 1) for _ in range(m)]
    for i, (at, label) in enumerate(marks):
        may_be_empty = i + 1 < m and marks[i + 1][1] == label
        for b in range(1, n + 1):
            # blocks whose middle lies within CENTRE_SLACK rows of the label (or none): linear work
            lowest, highest = max(0, math.floor(2 * (at - CENTRE_SLACK) - b + 1)), min(b - 1, math.ceil(2 * (at + CENTRE_SLACK) - b + 1))
            for a in [*range(lowest, highest + 1), *([b] if may_be_empty else [])]:
                before = 0.0 if i == 0 and a == 0 else (cost[i - 1][a] if i else inf)
                here = 0.0 if a == b else abs(at - (a + b - 1) / 2) + (
                    _off_centre_on_page(at, a, b, pages[0], pages[1][i]) if pages is not None else 0)
                if before + here < cost[i][b]:
                    cost[i][b], cut[i][b] = before + here, a
    if cost[m - 1][n] == inf:
        return []
    ends = [n]
    for i in range(m - 1, 0, -1):
        ends.append(cut[i][ends[-1]])
    return ends[::-1]


def _off_centre_on_page(at: float, a: int, b: int, row_pages: list[int], page: int) -> float:
    """How far a label at `at` stands off the middle of rows a to b-1 that print on its page."""
    on_page = [r for r in range(a, b) if row_pages[r] == page]
    return abs(at - (on_page[0] + on_page[-1]) / 2) if on_page else float("inf")


def _fragment_indicator_rows(lines: list[tuple[int, str]], width: int, scores: list[int]) -> list[list[Cell]]:
    """A form of several value columns (自评表: 指标值, 全年实际完成值, 原因) printed one
    fragment per line: levels, a name, then up to one value per column. A value column left
    empty shows where a fragment is followed by a measured value (`>50%`): it is the next
    indicator's name; a short fragment before a name and a value ends the name above. A grid
    with its scores (`scores`: 分值 and 得分 side by side) is read a row by its scores instead."""
    # (levels wrapped a fragment a line joined: `成本指` `标`, `服务对象满意度指` `标`)
    tokens = _units_joined(_weights_dropped([(k, t) for k, t, _ in _join_levels(stream_tokens(lines))
                                             if t != "绩效指标"]))
    n_values = width - 3
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    scored = len(scores) >= 2 and scores == list(range(scores[0], scores[-1] + 1))

    def measured(i: int) -> bool:
        return i < len(tokens) and bool(INDICATOR_VALUE.match(tokens[i][1]))

    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        if t in INDICATOR_L1 or t in INDICATOR_LEVELS:
            if catalog.FIRST_LEVEL_UNDER.get(t) == l1 and i + 1 < len(tokens) and tokens[i + 1][1] not in INDICATOR_LEVELS:
                l2 = t      # straight before an indicator's name, under the 一级 it can be a 二级 of: a 二级
            elif t in INDICATOR_L1 and not _own_second_level(t, l1):
                l1 = t
            else:
                l2 = t
            i += 1
            continue
        if t == "指标" and l2 + t in INDICATOR_LEVELS:
            l2, i = _second_level_completed(rows, l2, k), i + 1
            continue
        if GRID_TOTAL.match(t) and measured(i + 1):
            figures = list(itertools.takewhile(lambda token: SCORE.fullmatch(token[1]) is not None, tokens[i + 1:]))
            rows.append(_grid_total_row(k, t, [f for _, f in figures], width, scores[:len(figures)]))
            i += 1 + len(figures)
            continue
        if scored and (row := _scored_row(tokens, i, width, scores)) is not None:
            cells, i = row
            rows.append(_level_cells(l1, l2, cells[0].lines) + cells)
            continue
        if rows and len(t) <= 6 and not measured(i) and not measured(i + 1) and measured(i + 2) and \
                tokens[i - 1][1] not in INDICATOR_LEVELS:
            head = rows[-1][2]      # `规范医药机构合理使用` … `医保基金` (not after a level: that opens a row)
            rows[-1][2] = Cell(head.text + t, head.lines + (k,), "joined from fragments")
            i += 1
            continue
        if FIGURE.fullmatch(t) and (i + 1 == len(tokens) or tokens[i + 1][1] in INDICATOR_LEVELS):
            i += 1      # a figure alone where a name stands, no value after it: no indicator (a score's total)
            continue
        name, i = (k, t), i + 1
        while opens_bracket(name[1]) and i < len(tokens) and tokens[i][1] not in INDICATOR_LEVELS:
            name, i = (name[0], name[1] + tokens[i][1]), i + 1      # `…调查成本（` `元/户/月）`: wrapped in its brackets
        values: list[tuple[int, str]] = []
        while i < len(tokens) and len(values) < n_values and tokens[i][1] not in INDICATOR_LEVELS:
            if values and not measured(i) and measured(i + 1):
                break       # a name followed by its value: the next indicator
            values.append(tokens[i])
            i += 1
        rows.append([*_level_cells(l1, l2, (name[0],)), Cell(name[1], (name[0],))] +
                    [Cell(v, (vk,)) for vk, v in values] +
                    [Cell("") for _ in range(n_values - len(values))])
    return rows


def _scores_end(tokens: list[tuple[int, str]], i: int, n_scores: int) -> int | None:
    """The index just past a row's scores from token i on: the end of the first run of at
    least `n_scores` plain figures (a figure printed as a value, `240` `229.19`, runs into
    them) before a level or the grid's total; None without one."""
    j = i
    while j < len(tokens) and tokens[j][1] not in INDICATOR_LEVELS and not GRID_TOTAL.match(tokens[j][1]):
        end = j
        while end < len(tokens) and SCORE.fullmatch(tokens[end][1]):
            end += 1
        if end - j >= n_scores:
            return end
        j = max(end, j + 1)
    return None


def _scored_row(tokens: list[tuple[int, str]], i: int, width: int, scores: list[int]
                ) -> tuple[list[Cell], int] | None:
    """An indicator's cells from its name (token i) on in a grid whose rows end in their
    scores (分值 得分), and the index after them; None where no scores follow. The pieces
    before the scores are its name and values, a cell wrapped over pieces joined where more
    pieces stand than columns; the pieces after them its remark (偏差原因): all before the next
    level where no row is scored before it, else those more than the next row's cells where the
    row lost points (a full score needs none: they begin the next indicator's name)."""
    end = _scores_end(tokens, i + 1, len(scores))
    if end is None:
        return None
    n_before = scores[0] - 2        # the name and the values before the scores
    pieces = _wrapped_pieces_joined(_doubled_values_parted(_lines_joined(tokens[i:end - len(scores)]), n_before),
                                    n_before)
    if pieces is None:
        return None
    figures = tokens[end - len(scores):end]
    remark: list[tuple[int, str]] = []
    if width > scores[-1] + 1:
        stop = next((j for j in range(end, len(tokens)) if tokens[j][1] in INDICATOR_LEVELS
                     or GRID_TOTAL.match(tokens[j][1])), len(tokens))
        following = _scores_end(tokens, end, len(scores))
        if following is None or following > stop:
            remark = tokens[end:stop]       # (no row scored before the next level: all up to it, `无`)
        elif Decimal(figures[-1][1]) < Decimal(figures[0][1]) and \
                (taken := following - len(scores) - end - n_before) > 0:
            remark = _wrapped_cell(tokens[end:end + taken])
    cells = [Cell(t, lines, "joined from fragments" if len(lines) > 1 else "") for lines, t in pieces] + \
        [Cell("") for _ in range(n_before - len(pieces))] + [Cell(t, (k,)) for k, t in figures]
    if remark:
        cells.append(Cell("".join(t for _, t in remark), tuple(k for k, _ in remark), "joined from fragments"))
    return cells + [Cell("") for _ in range(width - 2 - len(cells))], end + len(remark)


Piece = tuple[tuple[int, ...], str]       # a cell's text as far as read, and its lines


def _wrapped_pieces_joined(pieces: list[Piece], cells: int) -> list[Piece] | None:
    """A row's pieces joined to at most `cells`: where more pieces stand than cells, cells
    wrapped over lines. A join is of a line and the next where that one is no longer (a
    wrapped cell's first line is full), neither a measured value (`100%`, `5` are cells of
    their own) unless the next completes its unit or range (`≤120万` `元`, `2022.1.1-`
    `2023.12.30`); those first, then those whose next line can only go on a cell (`，提供…`),
    then the longest first lines. None where too few such joins stand (the pieces are not one
    row's)."""
    def measured(n: int) -> bool:
        return bool(INDICATOR_VALUE.match(pieces[n][1]))

    units = [n for n in range(len(pieces) - 1) if measured(n) and (_unit_cut(pieces[n][1], pieces[n + 1][1])
                                                                  or pieces[n][1].endswith(RANGE_CUT))]
    wraps = sorted((n for n in range(len(pieces) - 1) if not measured(n) and not measured(n + 1)
                    and len(pieces[n][1]) >= len(pieces[n + 1][1])),
                   key=lambda n: (not _goes_on(pieces[n + 1][1]), -len(pieces[n][1])))
    joins = (units + wraps)[:max(0, len(pieces) - cells)]
    if len(joins) < len(pieces) - cells:
        return None
    out: list[Piece] = []
    for n, (lines, t) in enumerate(pieces):
        if n - 1 in joins:
            out[-1] = (out[-1][0] + lines, out[-1][1] + t)
        else:
            out.append((lines, t))
    return out


def _goes_on(piece: str) -> bool:
    """Whether a line can only be a wrapped cell's next: it opens with a mark no cell opens with."""
    return piece[0] in "，。、；：,;:）)"


def _doubled_values_parted(pieces: list[Piece], cells: int) -> list[Piece]:
    """Where fewer pieces stand than cells, a measured value printed twice on one line (the
    target and the actual, `363.41万元363.41万元`) is two pieces."""
    if len(pieces) >= cells:
        return pieces
    out: list[Piece] = []
    for lines, t in pieces:
        half = t[:len(t) // 2]
        out.extend([(lines, half), (lines, half)] if t == half * 2 and INDICATOR_VALUE.match(half) else [(lines, t)])
    return out


RANGE_CUT = ("-", "—", "~", "～", "至")      # a range's first end, its second on the next line


def _lines_joined(tokens: list[tuple[int, str]]) -> list[Piece]:
    """A line's tokens as one piece: printed a fragment a line, a line is one cell's
    (`次年2 月`)."""
    return [((k,), "".join(t for _, t in line)) for k, line in itertools.groupby(tokens, key=lambda token: token[0])]


def _wrapped_cell(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The pieces of one cell wrapped over lines from the first on: up to the first line
    shorter than the first (a wrapped cell's lines are as long as its column is wide)."""
    end = next((n for n, (_, t) in enumerate(pieces) if len(t) < len(pieces[0][1])), len(pieces) - 1)
    return pieces[:end + 1]


# a level's weight after its name (`（50分）`, cut: `（`; unbracketed: `50分`), or away from it
WEIGHT = re.compile(r"(?:[（(][^（()）]*[）)]?|\d+分)$")
AWAY_WEIGHT = re.compile(r"[（(]\d+分[）)]")


def _weights_dropped(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Tokens without the weights printed after levels' names: `产出指标（50分）`, `产出指标（`
    `50分）`, `产出指标` `（50分）`, `产出指标50分` are the level `产出指标`; a weight alone among
    the rows (`（30分）`) is none of their cells."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        bare = WEIGHT.sub("", t)
        if bare != t and bare in INDICATOR_LEVELS:
            out.append((k, bare))
            cut = opens_bracket(t) and i + 1 < len(tokens) and brackets_unpaired(tokens[i + 1][1])
            i += 2 if cut else 1        # (the weight's end on the next line: `50分）`)
        elif (WEIGHT.fullmatch(t) and not opens_bracket(t) and out and out[-1][1] in INDICATOR_LEVELS) or \
                AWAY_WEIGHT.fullmatch(t):
            i += 1      # (a merged cell's weight printed among its rows: `（50分）` after the first)
        else:
            out.append((k, t))
            i += 1
    return out


def _unit_cut(value: str, after: str) -> bool:
    """Whether a value's unit was cut over two fragments (`≤5137.26平` / `方米`): the words after
    its figure and the next fragment, a few characters, make a unit whole."""
    tail = re.search(r"\d([^\d\s]+)$", value)
    unit = tail.group(1) + after if tail is not None else ""
    return len(after) <= UNIT_CHARS and bool(MEASURE_UNIT.match(unit) or LONGER_UNIT.fullmatch(unit))


LONGER_UNIT = re.compile(r"平方米|立方米|平方公里|公里|千米|千瓦时|工作日|亿元")     # beside MEASURE_UNIT's


def _own_second_level(level: str, l1: str) -> bool:
    """A 一级 printed again right under itself where it is its own 二级 (`一般性支出情况`)."""
    return level == l1 and catalog.INDICATOR_PARENT.get(level) == level


def _units_joined(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A value's unit printed after a space on its figure's line (`≤2134.87 万元`, `≥330 台（套）`)
    is the value's: a line printed a fragment a line is one cell, any short word after a figure
    on it its unit."""
    def is_unit(t: str) -> bool:
        return len(t) <= UNIT_CHARS and not INDICATOR_VALUE.match(t) and not indicator_level(t)
    return [(k, t) for k, line in itertools.groupby(tokens, key=lambda token: token[0])
            for t in _join_number_units([t for _, t in line], is_unit)]


def _spaced_indicator_rows(lines: list[tuple[int, str]], width: int) -> list[list[Cell]]:
    """Indicator rows of a form printed with spaces: 一级/二级 labels are filled down; a
    三级指标 name wrapped at the cell width continues on the next fragment; the value follows
    the name, with the rest of its line (`=12 个月`)."""
    tokens: list[tuple[int, str]] = []
    printed = [(k, t) for k, s in lines for t in s.split()]
    group_down = _group_printed_down(printed)
    ends: dict[str, int] = {}      # the ends of merged cells wrapped around a row, their heads' lines
    wrapped_heads: set[int] = set()     # the tokens that are such a level's head
    leading = 0         # where the line's run of wrapped ends, from its start, stops
    for n, (k, t) in enumerate(printed):
        if n in group_down:
            continue
        after = printed[n + 1][1] if n + 1 < len(printed) else ""
        if n == 0 or printed[n - 1][0] != k:
            leading = n
        wrapped = False
        if leading == n and ends.get(t, -1) >= k - 3:
            # a level's or the group's wrapped end (`标`), its head already read: alone on its line
            # or opening it, the merged cells' ends before the row's own cells (`指标 产出指标 …`)
            del ends[t]
            leading = n + 1
            continue
        if len(t) >= 4 and (level := indicator_level(t)) and level != t and not indicator_level(t + after):
            ends[level[len(t):]] = k    # a level wrapped around its row (`经济成本指` / row / `标`)
            t, wrapped = level, True
        elif t in _GROUP_PIECES and _GRID_GROUP.startswith(t) and t != _GRID_GROUP and \
                not _GRID_GROUP.startswith(t + after):
            ends[_GRID_GROUP[len(t):]] = k      # the group's head (`绩效目标指` … `标`): no cell
            continue
        elif t == _GRID_GROUP:
            continue        # the group whole, beside a row: no cell
        elif (glued := _level_opening(t)) is not None:
            tokens.append((k, glued))       # a name printed on its level's line (`可持续影响指标促进…`)
            t = t[len(glued):]
        if tokens and tokens[-1][1] + t in INDICATOR_LEVELS:   # a level name split over lines
            tokens[-1] = (tokens[-1][0], tokens[-1][1] + t)
        elif tokens and tokens[-1][1] + t == "绩效指标":
            tokens.pop()        # the grid's first column, printed down its side
        elif tokens and tokens[-1][0] == k and LATIN_WORD.match(tokens[-1][1]) and CJK.match(t):
            tokens[-1] = (k, tokens[-1][1] + t)     # `DRG 付费改革`: one name, spaced after Latin
        elif tokens and MEASURE_UNIT.match(t) and FIGURE.fullmatch(tokens[-1][1]):
            tokens[-1] = (tokens[-1][0], tokens[-1][1] + t)     # `=12` `个月`: one value
        else:
            tokens.append((k, t))
            if wrapped:
                wrapped_heads.add(len(tokens) - 1)
    names = [t for _, t in tokens if t not in INDICATOR_LEVELS and not INDICATOR_VALUE.match(t)]
    # the width names wrap at (a sentence under the grid, longer still, is no name)
    wrap = max((len(t) for t in names if not t.endswith("。")), default=0)
    # whether rows print their names and values on one line (a name's line and its value's
    # apart, as in a text of a cell a line, tell no wrapped name)
    values = [n for n, (_, t) in enumerate(tokens) if INDICATOR_VALUE.match(t)]
    on_one_line = 2 * sum(n > 0 and tokens[n - 1][0] == tokens[n][0] for n in values) >= len(values) > 0
    rows: list[list[Cell]] = []
    l1 = l2 = ""
    fresh = False       # a 二级 named since the last row
    labels: list[tuple[float, str]] = []        # each 二级 label and the line it is centred on
    name: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        if t == REMARKS and not name and all(tokens[n][0] != k for n in (i - 1, i + 1) if 0 <= n < len(tokens)):
            break       # the form's remarks row, alone on its line, closes the grid (what follows is no indicator)
        if t in INDICATOR_L1 and not _own_second_level(t, l1):
            l1, i = t, i + 1
            continue
        if t in INDICATOR_LEVELS and not (fresh and not name):
            # (a second 二级 before the row's name is its name: `服务对象满意度` under `服务对象满意度指标`)
            # the line the label is centred on: its own, or where its head wraps round a row,
            # the row's between its head and end
            labels.append((k + 1 if i in wrapped_heads else k, t))
            if not name and i not in wrapped_heads and t + "指标" not in INDICATOR_LEVELS and len(rows) >= 2 \
                    and rows[-1][1].text == rows[-2][1].text and _between_one_line_rows(rows, tokens, i):
                # a label alone on its line between two rows of a line each is centred on a cell
                # of both: the row above is its, not the last of the label above's rows (a head
                # that may wrap, `服务对象满意度` … `指标`, is centred on the row between its lines)
                rows[-1][0:2] = _level_cells(l1, t, rows[-1][0].lines)
            l2, i, fresh = t, i + 1, True
            continue
        if t == "指标" and not name and l2 + t in INDICATOR_LEVELS:    # `服务对象满意度` … `指标`
            if labels and labels[-1][1] == l2:
                labels[-1] = ((labels[-1][0] + k) / 2, l2 + t)
            l2, i = _second_level_completed(rows, l2, k), i + 1
            continue
        if not name and rows and on_one_line and not INDICATOR_VALUE.match(t) and \
                _wrapped_end_below(rows[-1], tokens, i, wrap) and \
                _no_value_of_its_own(tokens, i, len(t) < wrap - 1 or _printed_above_its_value(rows[-1]), wrap):
            # words alone under a row whose name fills its width from the line above its value's,
            # with no value of their own: that name's end, wrapped around the value's line
            # (`资金拨付（下达、结算）及` / `时效指标 =100%` / `时率`)
            head = rows[-1][2]
            rows[-1][2] = Cell(head.text + t, head.lines + (k,), "joined from fragments")
            i += 1
            continue
        if not name:
            line_rest = [x for x in tokens[i + 1:] if x[0] == k and x[1] not in INDICATOR_LEVELS]
            split = next((n for n, (_, x) in enumerate(line_rest) if INDICATOR_VALUE.match(x)), None)
            if split is not None:        # `DRG 培训会 ≥2次`: the name runs up to the value
                name = [(k, t)] + line_rest[:split]
                i += 1 + split
                continue
            name, i = [(k, t)], i + 1
            # a name wrapped at the cell width goes on, unless what follows must be its value
            while i + 1 < len(tokens) and len(name[-1][1]) >= wrap - 1 and tokens[i][0] != name[-1][0] \
                    and tokens[i][1] not in INDICATOR_LEVELS and not INDICATOR_VALUE.match(tokens[i][1]) \
                    and tokens[i + 1][1] not in INDICATOR_LEVELS:
                name.append(tokens[i])
                i += 1
            continue
        if opens_bracket("".join(x for _, x in name)) and not INDICATOR_VALUE.match(t):
            name.append((k, t))     # the name wrapped inside its brackets, its end after the row's levels
            i += 1
            continue
        if len(name[-1][1]) >= wrap and (_name_end_beside_value(tokens, i) or _name_middle_beside_value(tokens, i, name)):
            name.append((k, t))     # the name's end beside its value, after the row's levels (`…引起的纠` / `纷 ≤0起`)
            i += 1
            continue
        value = [(k, t)]
        i += 1
        # a name filling its width from the line above its value's wraps around that line: a
        # character of words under it ends the name, not the value (`…职工参保` / `≥100%` / `率`)
        name_wraps = len("".join(x for _, x in name)) >= wrap - 1 and name[-1][0] < k
        # the value goes on: on its line, in a one-character wrap, or in the figure a worded
        # value leads up to (`上年度医保实际支出的` `0.5%`)
        while i < len(tokens) and tokens[i][1] not in INDICATOR_LEVELS and (
                tokens[i][0] == k or (len(tokens[i][1]) == 1 and tokens[i][0] <= value[-1][0] + 2 and
                                      not (name_wraps and CJK.match(tokens[i][1]) and
                                           not MEASURE_UNIT.match(tokens[i][1]))) or
                _unit_cut("".join(x for _, x in value), tokens[i][1]) or
                (tokens[i][0] <= value[-1][0] + 2 and INDICATOR_VALUE.match(tokens[i][1]) and
                 not re.search(r"\d", "".join(x for _, x in value)))):
            value.append(tokens[i])
            i += 1
        lines_used = tuple(sorted({x for x, _ in name + value}))
        rows.append([*_level_cells(l1, l2, lines_used),
                     Cell("".join(x for _, x in name), tuple(sorted({x for x, _ in name})),
                          "joined from fragments" if len(name) > 1 else ""),
                     Cell("".join(x for _, x in value), (k,))] + [Cell("") for _ in range(max(0, width - 4))])
        name, fresh = [], False
    if on_one_line and labels and _centred((places := _label_places(rows, labels)), len(rows)):
        # rows of a line each (a name wrapped round its row's line), each label centred on its
        # merged cell's rows (between two of them where they are even): the labels' rows, where
        # they are other than filled down (or than a label between two rows of a line each, above,
        # gave where rows misread leave the labels no such block)
        centred = [list(row) for row in rows]
        _levels_of_centred_labels(centred, places)
        if any(row[1].text != other[1].text for row, other in zip(rows, centred)):
            rows = centred
    # rows above the first levels printed, each an indicator with its target: those levels'
    # merged cells, centred below their first rows
    named = next((n for n, row in enumerate(rows) if row[0].text or row[1].text), 0)
    for row in rows[:named] if all(INDICATOR_VALUE.match(row[3].text) for row in rows[:named]) else []:
        row[0], row[1] = (Cell(level.text, row[2].lines, "filled up from the merged cell below")
                          for level in rows[named][:2])
    return rows


MAX_LEVELS_A_LINE = 2     # a line prints a 一级 and a 二级 at most


def _between_one_line_rows(rows: list[list[Cell]], tokens: list[tuple[int, str]], i: int) -> bool:
    """Whether token i, a level, is alone on its line (but for other levels), the row before
    printed on the line above it alone and the next row's name and value (two cells or more)
    on the line below."""
    k = tokens[i][0]
    if not rows or {line for cell in rows[-1] for line in cell.lines} != {k - 1}:
        return False
    after = [y for y, x in tokens[i + 1:i + 2 * MAX_LEVELS_A_LINE + 3] if x not in INDICATOR_LEVELS]
    return k not in after and after[:2] == [k + 1, k + 1]


def _centred(places: list[tuple[float, str]], n: int) -> bool:
    """Whether each label stands within half a row of the middle of its block of the n rows,
    and all of them within a row in all (a text printing each label centred on its merged
    cell; one printing it over the cell's first row, a line above it, leaves a label a row or
    more off, as do rows misread)."""
    ends = centred_blocks(n, places)
    off = [abs(at - (a + b - 1) / 2) for (at, _), a, b in zip(places, [0] + ends[:-1], ends) if a != b]
    return bool(ends) and max(off, default=0) <= 0.5 and sum(off) <= 1


def _label_places(rows: list[list[Cell]], labels: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """Each label's place in rows (`centred_blocks`' marks) from the line it is centred on:
    a row's where it stands on that row's middle line, between two rows' in proportion."""
    middles: list[float] = []
    for row in rows:
        lines = [line for cell in row for line in cell.lines]
        middles.append((min(lines) + max(lines)) / 2 if lines else middles[-1] if middles else 0.0)
    places = []
    for line, label in labels:
        after = next((r for r, middle in enumerate(middles) if middle >= line), len(middles))
        if after == 0 or after == len(middles):
            places.append((float(min(after, len(middles) - 1)), label))
        else:
            below, above = middles[after], middles[after - 1]
            places.append((after - (below - line) / (below - above) if below > above else float(after), label))
    return places


WRAPPED_END_CHARS = 2   # a name's end wrapped alone at most: no indicator is named so shortly
GROUP_LINES = 6     # lines the grid's group, printed a piece a line, spans at most


def _group_printed_down(printed: list[tuple[int, str]]) -> set[int]:
    """Which of `printed` are pieces of the grid's group printed a piece a line down its merged
    cell, each opening its line (`绩效` / `目标` / `指标`, a row's cells after each, other rows'
    lines between): no cell."""
    openers = [n for n, (k, _) in enumerate(printed) if n == 0 or printed[n - 1][0] != k]
    out: set[int] = set()
    for i, first in enumerate(openers):
        spelt, taken = printed[first][1], [first]
        if not 2 <= len(spelt) < len(_GRID_GROUP) or not _GRID_GROUP.startswith(spelt):
            continue
        for n in openers[i + 1:i + GROUP_LINES]:
            if spelt == _GRID_GROUP:
                break
            if _GRID_GROUP.startswith(spelt + printed[n][1]):
                spelt, taken = spelt + printed[n][1], taken + [n]
        if spelt == _GRID_GROUP:
            out.update(taken)
    return out


def _wrapped_end_below(row: list[Cell], tokens: list[tuple[int, str]], i: int, wrap: int) -> bool:
    """Whether token i stands alone (but for levels) on the line just under `row`, whose name
    fills the names' width and starts on a line above its value's (a name wrapped around its
    value's line), no more of its lines below the value's than above."""
    k = tokens[i][0]
    name, value = row[2], row[3]
    before = itertools.takewhile(lambda token: token[0] == k, (tokens[n] for n in range(i - 1, -1, -1)))
    after = itertools.takewhile(lambda token: token[0] == k, (tokens[n] for n in range(i + 1, len(tokens))))
    # (alone but for a level's wrapped end: `指标` closing `服务对象满意度`)
    alone = all(x in INDICATOR_LEVELS or x == "指标" for _, x in itertools.chain(before, after))
    if not (alone and name.lines and value.lines and name.lines[0] < value.lines[0]):
        return False
    # (a cell's lines stand centred on its value's: no more of them below it than above)
    above = sum(line < value.lines[0] for line in name.lines)
    below = sum(line > value.lines[0] for line in name.lines)
    return k == max(name.lines + value.lines) + 1 and len(name.text) >= wrap - 1 and below < above


def _printed_above_its_value(row: list[Cell]) -> bool:
    """Whether a row's name stands wholly on lines above its value's: a cell of two lines beside
    a value of one centred between them, its end still to come under the value's line."""
    name, value = row[2], row[3]
    return bool(name.lines) and bool(value.lines) and max(name.lines) < value.lines[0]


def _no_value_of_its_own(tokens: list[tuple[int, str]], i: int, short: bool, wrap: int) -> bool:
    """Whether token i, words where a name may start, has no value of its own: what follows it
    (past any level) is no value nor a name's last character or two beside a value (the end of
    token i where it fills the names' `wrap`: `因补贴未及时发放引起的纠` / levels / `纷 ≤0起`), and
    either the piece is `short` (a name's line that fills no line of the column ends its cell),
    the grid ends, a level's rows follow, or the next name prints its value beside it on its
    line (a full line followed by more words may head a name wrapped a fragment a line:
    `烟台市地理实体库设计与建` / `设方案` / `1套`)."""
    n = i + 1
    while n < len(tokens) and tokens[n][1] in INDICATOR_LEVELS:
        n += 1
    if n == len(tokens):
        return True
    if INDICATOR_VALUE.match(tokens[n][1]):
        return False
    if len(tokens[i][1]) >= wrap and _name_end_beside_value(tokens, n):
        return False
    return short or n > i + 1 or _value_beside(tokens, n)


def _value_beside(tokens: list[tuple[int, str]], n: int) -> bool:
    """Whether token n has a value after it on its line."""
    return n + 1 < len(tokens) and tokens[n + 1][0] == tokens[n][0] and bool(INDICATOR_VALUE.match(tokens[n + 1][1]))


def _name_end_beside_value(tokens: list[tuple[int, str]], n: int) -> bool:
    """Whether token n is a name's last character or two, wrapped to its value's line (`纷 ≤0起`)."""
    return len(tokens[n][1]) <= WRAPPED_END_CHARS and bool(CJK.match(tokens[n][1])) and _value_beside(tokens, n)


def _name_middle_beside_value(tokens: list[tuple[int, str]], n: int, name: list[tuple[int, str]]) -> bool:
    """Whether token n is the middle of a name wrapped over three lines round its row's: its
    head on a line above, token n beside the value, its end alone on the line below
    (`考核全市道路运输企业主要` / `… 负责人和安全生产管理人员 ≥2000人次` / `人数`)."""
    k, t = tokens[n]
    return name[-1][0] < k and bool(CJK.match(t)) and not INDICATOR_VALUE.match(t) and _value_beside(tokens, n) and \
        n + 2 < len(tokens) and tokens[n + 2][0] == k + 1 and tokens[n + 2][1] not in INDICATOR_LEVELS and \
        not INDICATOR_VALUE.match(tokens[n + 2][1])


INDICATOR_L1_SET = frozenset(INDICATOR_L1)        # (a line's words tested against it at once)
_LEVEL_PREFIXES = frozenset(w[:n] for w in INDICATOR_LEVELS for n in range(1, len(w) + 1))
# levels a name can be glued after (their 指标 ends them), longest first
_GLUED_LEVELS = sorted((w for w in INDICATOR_LEVELS if w.endswith("指标")), key=len, reverse=True)


def _level_opening(text: str) -> str | None:
    """The level a text opens with and goes on past into words, not a bracket (a name printed
    on its level's line, `可持续影响指标促进…`; `产出指标（50分）` is the level's weight)."""
    return next((level for level in _GLUED_LEVELS if text.startswith(level) and len(text) > len(level)
                 and text[len(level)] not in "(（"), None)


def _join_levels(tokens: list[tuple[int, str]]) -> list[tuple[int, str, bool]]:
    """Tokens with level names split over fragments (`产出` `指标`, `社会公众或` `服务对象满`
    `意度指标`) joined; the flag marks level names. A name printed on the line of its level's
    end (`社会效` `益指标指标1：…`, `成本指标项目预算控制数`) is parted from it."""
    out: list[tuple[int, str, bool]] = []
    tokens = list(tokens)
    i = 0
    while i < len(tokens):
        k, t = tokens[i]
        j, joined, best = i, "", None
        while j < len(tokens) and len(joined) < 16:
            joined += tokens[j][1]
            if joined in INDICATOR_LEVELS:
                best = (j, joined)
            if joined not in _LEVEL_PREFIXES:
                break
            j += 1
        glued = _level_opening(joined) if best is None and j < len(tokens) else None
        if glued is not None and len(glued) > len(joined) - len(tokens[j][1]):
            out.append((k, glued, True))
            tokens[j] = (tokens[j][0], joined[len(glued):])
            i = j
        elif best is not None:
            out.append((k, best[1], True))
            i = best[0] + 1
        else:
            out.append((k, t, False))
            i += 1
    return out


def _split_indicators(fragments: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Indicators printed one after another under the same level: a value wrapped at the
    value column's width (`稳步拓` `展`) ends one, and the next fragment starts the next."""
    out, start = [], 0
    for j in range(1, len(fragments) - 2):
        if j > start and len(fragments[j][1]) == VALUE_WIDTH and len(fragments[j + 1][1]) <= 2 \
                and not re.search(r"\d", fragments[j + 1][1]):
            out.append(fragments[start:j + 2])
            start = j + 2
    if start < len(fragments):
        out.append(fragments[start:])
    return out


def _split_value(fragments: list[tuple[int, str]]) -> tuple[list, list]:
    """The value at the end of an indicator's fragments: the value column wraps at three
    characters, so `当期实` + `现` is one value and what precedes it the indicator's name."""
    if not fragments:
        return [], []
    shared = next((i for i in range(1, len(fragments)) if fragments[i][0] == fragments[i - 1][0]), None)
    if shared is not None and len(fragments[shared][1]) <= 3 and not INDICATOR_VALUE.match(fragments[shared - 1][1]):
        # `资金及时 当期实` on one line: the name's and the value's first fragments side by side;
        # a value as wide as its column (3) goes on in the last fragment (`现`)
        value = [fragments[shared]]
        rest = fragments[:shared] + fragments[shared + 1:]
        if len(fragments[shared][1]) == VALUE_WIDTH and len(rest) > shared and len(rest[-1][1]) <= 2:
            value, rest = value + [rest[-1]], rest[:-1]
        return rest, value
    if len(fragments) >= 3 and len(fragments[-2][1]) == VALUE_WIDTH and len(fragments[-1][1]) <= 2 \
            and not re.search(r"\d", fragments[-1][1]):
        return fragments[:-2], fragments[-2:]
    return fragments[:-1], fragments[-1:]


def has_grid_header(content: list[tuple[int, str]], layout: tuple[str, ...]) -> bool:
    """Whether the form's first lines are the header of a grid of several projects (a layout
    of that shape: its indicators' levels in columns of their own)."""
    head = squash("".join(s for _, s in content[:60]))
    return "一级指标" in layout and all(word in head for word in layout[:4])


def _name_and_goals(lead: str, projects: tuple[str, ...]) -> tuple[str, str, str]:
    """Split a project block's lead text into name, 中期 and 年度 goals. The goals are usually
    printed twice (the same text in both columns), which marks where the name ends; else a
    known project name does."""
    for size in range(len(lead) // 2, 3, -1):
        if lead[-size:] == lead[-2 * size:-size] and len(lead) - 2 * size >= 2:
            return lead[:-2 * size], lead[-size:], lead[-size:]
    name, shared = _best_known_name(lead, projects)
    if not name:
        return lead, "", ""      # no goals printed: the lead is the name alone
    return name, lead[shared:], ""


def _starts_unknown_project(body: list[tuple[int, str, bool]], i: int) -> bool:
    """After the value of a project's last indicator (its 满意度 level) a long run of text
    without level names is the next project's name and goals."""
    if i == 0 or body[i][2]:
        return False
    last_level = next((t for _, t, lv in reversed(body[:i]) if lv), "")
    if "满意" not in last_level:
        return False
    prev = body[i - 1][1]
    if not (INDICATOR_VALUE.match(prev) and re.search(r"[%％]$", prev)):
        return False
    next_level = next((j for j in range(i, len(body)) if body[j][2]), None)
    if next_level is None:
        return False
    # the next project's indicator list opens with a 一级指标, after its name (and goals)
    return body[next_level][1] in INDICATOR_L1 and next_level - i >= 2


def _best_known_name(lead: str, projects: tuple[str, ...]) -> tuple[str, int]:
    """The known project whose name the block starts with (its end may have been pushed
    further by a page break): the name, and how many characters of `lead` it covers."""
    best, shared = "", 0
    for p in projects:
        n = 0
        while n < min(len(p), len(lead)) and p[n] == lead[n]:
            n += 1
        if n > shared and n >= min(6, len(p)):
            best, shared = p, n
    return best, shared


def _repeated_goal_tail(items: list[tuple[int, str, bool]]) -> tuple[list, str]:
    """The end of a project's goals pushed among its indicators by a page break: the same
    run of fragments printed twice in a row (中期 and 年度 targets), ending a sentence."""
    texts = [t for _, t, _ in items]
    for n in range(1, 12):
        for i in range(0, len(texts) - 2 * n + 1):
            if texts[i:i + n] != texts[i + n:i + 2 * n] or any(lv for _, _, lv in items[i:i + 2 * n]):
                continue
            # a sentence's end, or one short word without a figure (`政策` `政策`)
            if texts[i + n - 1].endswith("。") or (n == 1 and len(texts[i]) <= 4 and not re.search(r"\d", texts[i])):
                return items[:i] + items[i + 2 * n:], "".join(texts[i:i + n])
    return items, ""


def fill_project_grid_form(table: Table, content: list[tuple[int, str]], layout: tuple[str, ...],
                            projects: tuple[str, ...]) -> None:
    """A performance form listing several projects one fragment per line: project blocks
    start where a known project name starts; in each block the text before the first level
    name is the name and its goals (printed twice when 中期 and 年度 targets are the same);
    each 二级指标 is followed by its 三级指标 name and value."""
    tokens = stream_tokens(content)
    columns = parse_columns(layout)
    last_word = squash(unicodedata.normalize("NFKC", columns[-1].text))
    text = ""
    start = 0
    for i, (_, t) in enumerate(tokens[:80]):
        text += t
        if last_word in squash(text):
            start = i + 1
            break
    header, body = tokens[:start], _join_levels(tokens[start:])
    table.columns = columns
    if header:
        table.header_lines = (header[0][0], header[-1][0])
    stream = "".join(t for _, t, _ in body)
    starts = sorted({stream.find(name) for name in projects if name and stream.find(name) >= 0})
    offsets, pos = [], 0
    for _, t, _ in body:
        offsets.append(pos)
        pos += len(t)
    blocks: list[list[tuple[int, str, bool]]] = []
    for i, item in enumerate(body):
        if not blocks or offsets[i] in starts or _starts_unknown_project(body, i):
            blocks.append([])
        blocks[-1].append(item)
    rows: list[list[Cell]] = []
    width = len(columns)
    for block in blocks:
        first_level = next((i for i, (_, _, lv) in enumerate(block) if lv), len(block))
        lead = "".join(t for _, t, _ in block[:first_level])
        name, mid, annual = _name_and_goals(lead, projects)
        rest, tail = _repeated_goal_tail(block[first_level:])
        if tail:
            mid, annual = mid + tail, (annual + tail if annual else annual)
        l1 = l2 = ""
        pending: list[tuple[int, str]] = []

        def flush(levels: tuple[str, str], facts: tuple[str, str, str] = (name, mid, annual),
                  pending: list[tuple[int, str]] = pending) -> None:
            """The indicators gathered so far, each a row under the current levels."""
            for indicator in _split_indicators(pending):
                name_part, value_part = _split_value(indicator)
                lines = tuple(sorted({k for k, _ in indicator}))
                row = [Cell("") for _ in range(width)]
                for j, fact in enumerate(facts):
                    row[j] = Cell(fact, lines, "filled down from the merged cell above")
                row[3], row[4] = Cell(levels[0], lines), Cell(levels[1], lines)
                row[5] = Cell("".join(t for _, t in name_part), lines, "joined from fragments")
                row[7] = Cell("".join(t for _, t in value_part), lines, "joined from fragments")
                rows.append(row)
            pending.clear()

        for n, (k, t, is_level) in enumerate(rest):
            if is_level:
                flush((l1, l2))
                following = next((x for _, x, lv in rest[n + 1:n + 2] if lv), "")
                # 成本指标 is a 一级指标 over 经济成本指标 …, or itself a 二级指标 under 产出指标
                if t in INDICATOR_L1 and (t not in catalog.FIRST_LEVEL_UNDER or following in INDICATOR_L2):
                    l1 = t
                else:
                    l2 = t
                continue
            if pending and INDICATOR_VALUE.match(pending[-1][1]) and re.search(r"[%％\d]$", pending[-1][1]):
                flush((l1, l2))     # `…救助比率 ≥70%` ended an indicator; another follows under the same level
            pending.append((k, t))
        flush((l1, l2))
    table.rows = rows


# An indicator's 指标性质 (its comparison, or 定性 for a value in words), the cell between its
# name and its value in a grid that prints one.
OPERATORS = frozenset({"定性", "定量", "≥", "≤", "＝", "=", "＞", "＜", ">", "<"})
IN_WORDS = frozenset({"定性", "定量"})      # a 指标性质 written as a word, not a sign
# the 二级指标 named so (…指标), longest first: the head of a piece printed with a name's
_L2_NAMED_INDICATORS = tuple(sorted((w for w in INDICATOR_L2 if w.endswith("指标")), key=len, reverse=True))
UNIT_CHARS = 6          # characters of a 度量单位 at most (`元/人·次`)
_L1, _L2, _L3, _OPERATOR, _VALUE, _UNIT = (catalog.GRID_COLUMN_ORDER.index(w) for w in (
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"))


def _indicator_places(columns: list[Column]) -> dict[int, int] | None:
    """Where a listed form's indicator columns stand, by their rank in the standard order; None
    where its layout has no 指标性质 column (the list's readers need it to part a name from
    its value) or no project columns before the grid's."""
    places = {rank: j for j, c in enumerate(columns) if (rank := _grid_rank(c.leaf)) is not None}
    if not all(r in places for r in (_L1, _L2, _L3, _OPERATOR, _VALUE)) or places[_L1] == 0:
        return None
    return places


def listed_layout(content: list[tuple[int, str]], layouts: tuple[tuple[str, ...], ...]) -> list[Column] | None:
    """The columns of the listed form (a project's columns, then an indicator grid with a 指标性质
    column) whose header a text prints among its first lines: each column's words, whole or
    in pieces wrapped over the header's lines (`绩效指标` … `性质`), in order."""
    head = unicodedata.normalize("NFKC", squash("".join(s for _, s in content[:60])))
    for layout in layouts:
        columns = parse_columns(layout)
        if _indicator_places(columns) is not None and \
                all(_printed_in_order(unicodedata.normalize("NFKC", squash(c.leaf)), head) for c in columns):
            return columns
    return None


def _printed_in_order(word: str, text: str) -> bool:
    """Whether the word's characters stand in the text in their order."""
    at = 0
    for ch in word:
        at = text.find(ch, at) + 1
        if not at:
            return False
    return True


def fill_listed_form(table: Table, columns: list[Column], content: list[tuple[int, str]],
                     pages: PrintedPages | None) -> None:
    """A list of projects, a row per indicator (`listed_layout`): a project's name, funds and
    goal, then each indicator's 一级, 二级 and 三级指标, its 指标性质, its value and unit. The
    levels are known words; an indicator's name runs to its 指标性质; a value in words (定性)
    runs to the next 一级指标 or project, a compared one is one figure and a short unit. Read
    a cell after another where the text prints its cells so (PyMuPDF), else a row a line.
    `pages`: the text's lines as printed, where a layout text's gaps part its cells."""
    table.columns = columns
    opening = [tokens for _, line in content if not INDICATOR_L1_SET.isdisjoint(tokens := line.split())]
    if sum(len(tokens) > 2 for tokens in opening) * 2 > len(opening):
        _fill_listed_rows_a_line(table, columns, content, pages)
    else:
        _fill_listed_cells_in_order(table, columns, content)


def _fill_listed_cells_in_order(table: Table, columns: list[Column], content: list[tuple[int, str]]) -> None:
    """The list printed a cell after another, a cell's wrapped lines one after another
    (PyMuPDF's reading of a ruled list). A project is its name's pieces up to its funds, then
    its goal: it stands in its first indicator's row."""
    places = _indicator_places(columns)
    assert places is not None
    header_words = unicodedata.normalize("NFKC", "".join(squash(w) for c in columns for w in c.path))
    pieces = [(k, squash(s)) for k, s in content if squash(s)]
    start = next((i for i, (_, t) in enumerate(pieces) if unicodedata.normalize("NFKC", t) not in header_words),
                 len(pieces))
    if start:
        table.header_lines = (pieces[0][0], pieces[start - 1][0])
    body = _join_levels(pieces[start:])
    # an indicator opens at each 一级指标 (one right after another is its 二级: 产出指标 成本指标)
    opens = [i for i, (_, t, level) in enumerate(body)
             if level and t in INDICATOR_L1 and not (i and body[i - 1][2] and body[i - 1][1] in INDICATOR_L1)]
    project = _project_cells(columns, places[_L1], body[:opens[0]] if opens else body)
    rows: list[list[Cell]] = []
    unread = 0
    for n, at in enumerate(opens):
        segment = body[at + 1:opens[n + 1] if n + 1 < len(opens) else len(body)]
        cells, rest = _indicator_cells(segment, _UNIT in places)
        if cells is None:
            unread += 1
            cells, rest = {_L3: [(k, t) for k, t, _ in rest]}, []
        rows.append(_indicator_row(columns, places, project, body[at][:2], cells))
        project = _project_cells(columns, places[_L1], rest)
    table.rows = rows
    if unread:
        table.add_doubt(f"{unread} indicator(s) print no 指标性质 where the layout has one: their cells were read "
                        "as their name; check the rows against the source")


def _fill_listed_rows_a_line(table: Table, columns: list[Column], content: list[tuple[int, str]],
                             pages: PrintedPages | None) -> None:
    """The list printed a row a line, as a line text prints a ruled one: each line naming a
    一级指标 is an indicator's row, its cells the words after it; a line printing a project's
    funds holds a piece of its name before them (a piece of its goal after them). A cell
    wrapped over lines prints its other pieces around its row's line, among the goal's and
    the project name's: an indicator's name and 二级指标 are joined from pieces alone on the
    lines around (`_names_wrapped_around`, `_level_wrapped_around`), its sign, value and unit
    from a line of theirs right below (`_sign_printed_below`), nothing else (nor the goal); a
    project's cells stand in the first row of its block, as its middle tells it
    (`_first_rows`): the table is doubted."""
    places = _indicator_places(columns)
    assert places is not None
    rows: list[list[Cell]] = []
    row_at: list[int] = []          # each row's line, by its index in content
    level_lines: set[int] = set()   # the lines of 二级指标 wrapped around their rows' lines
    projects: list[tuple[float, dict[int, Cell]]] = []      # each project's cells, by the row its line is
    printed_again: list[str] = []
    taken: set[int] = set()         # the lines of signs and values printed below their rows' lines
    for n, (k, line) in enumerate(content):
        tokens = line.split()
        at = next((i for i, t in enumerate(tokens) if t in INDICATOR_L1), len(tokens))
        if any(is_amount(t) and "." in t for t in tokens[:at]) and not (projects and printed_again == tokens[:at]):
            printed_again = tokens[:at]     # (a clipped cell's text printed again on the next page: one project)
            funded = max(i for i, t in enumerate(tokens[:at]) if is_amount(t)) + 1     # (the goal's piece after: not read)
            projects.append((len(rows) - (0.5 if at == len(tokens) else 0),
                             _project_cells(columns, places[_L1], [(k, t, False) for t in tokens[:funded]])))
        if at == len(tokens):
            continue
        items = [(k, t, t in INDICATOR_LEVELS) for t in tokens[at + 1:]]
        read, _ = _indicator_cells(items, _UNIT in places)
        if read is None and (sign := _sign_printed_below(content, n, taken)) is not None:
            # the row's sign, value and unit printed a line or two below its 一级指标 (`产出指标
            # 数量指标` over `＝ 12 期`): its levels first, its name's pieces, then those
            taken.add(sign)
            below = [(content[sign][0], t, t in INDICATOR_LEVELS) for t in content[sign][1].split()]
            merged = [item for item in items + below if item[2]] + [item for item in items + below if not item[2]]
            read, _ = _indicator_cells(merged, _UNIT in places)
        if read is not None and not read[_L2] and (level := _level_wrapped_around(content, n)) is not None:
            read[_L2] = [level]
            level_lines.update((n - 1, n + 1))
        rows.append(_indicator_row(columns, places, {}, (k, tokens[at]), read or {_L3: [(k, t) for k, t, _ in items]}))
        row_at.append(n)
    if not rows:
        return
    _names_wrapped_around(content, rows, row_at, places[_L3], set(row_at) | level_lines | taken, pages)
    for first, (_, cells) in zip(_first_rows([centre for centre, _ in projects], len(rows)), projects):
        for j, cell in cells.items():
            rows[first][j] = cell
    table.rows = rows
    table.add_doubt("the list's cells wrapped around their rows' lines were read only where their pieces stand "
                    "alone beside them (names, 二级指标), its projects' goals not at all, and the rows its projects "
                    "head were told by where their funds print; check the rows against the source")


def _names_wrapped_around(content: list[tuple[int, str]], rows: list[list[Cell]], row_at: list[int],
                          name_col: int, taken: set[int], pages: PrintedPages | None) -> None:
    """An indicator's name wrapped over lines prints as many of them above its row's line as
    below, each but the last as wide as the column (the longest that names printed whole on
    their rows' lines reach three times at least): where a row's line prints no name, the
    pieces alone on their lines right around it (lines not `taken` by rows or levels; in a
    text keeping its columns as gaps, alone where names start) that fill the column so are
    its name's."""
    lengths = Counter(len(row[name_col].text) for row in rows if row[name_col].text)
    width = max((n for n, seen in lengths.items() if seen >= 3), default=0)
    def printed(m: int) -> str:
        k = content[m][0]
        return pages.lines[k - 1] if pages is not None and 0 < k <= len(pages.lines) else content[m][1]

    # where names start on their rows' lines, in a text keeping its page's columns as gaps
    starts = [printed(n).find(row[name_col].text) for row, n in zip(rows, row_at)
              if row[name_col].text and CELL_GAP.search(printed(n))]
    column = sorted(starts)[len(starts) // 2] if len(starts) >= 3 else None

    def piece(m: int) -> str | None:
        """Line m's piece of a name: the line's one piece, or in a line of several parted by
        gaps, its one piece starting where names start."""
        if not 0 <= m < len(content) or m in taken:
            return None
        line = printed(m)
        tokens = [(t.start(), t.group()) for t in PRINTED_PIECE.finditer(line)]
        if len(tokens) > 1 and column is not None and CELL_GAP.search(line):
            tokens = [(x, t) for x, t in tokens if abs(x - column) <= 3]
        if len(tokens) != 1 or is_amount(tokens[0][1]) or tokens[0][1] in INDICATOR_LEVELS:
            return None
        return tokens[0][1]

    for row, n in zip(rows, row_at):
        if row[name_col].text or not width:
            continue
        around = {m: text for m in range(n - 3, n + 4) if m != n and (text := piece(m)) is not None}
        above = list(itertools.takewhile(around.__contains__, range(n - 1, n - 4, -1)))[::-1]
        below = list(itertools.takewhile(around.__contains__, range(n + 1, n + 4)))
        for k in range(min(len(above), len(below)), 0, -1):
            lines = above[len(above) - k:] + below[:k]
            texts = [around[m] for m in lines]
            if all(width - 1 <= len(t) <= width for t in texts[:-1]) and len(texts[-1]) <= width:
                row[name_col] = Cell("".join(texts), tuple(content[m][0] for m in lines), "joined from fragments")
                taken.update(lines)
                break


def _sign_printed_below(content: list[tuple[int, str]], n: int, taken: set[int]) -> int | None:
    """The index of a line a line or two below line n (no blank line between) that prints an
    indicator's 指标性质, value and unit (a 二级指标 before them at most) and nothing else, no
    other row's; None where there is none."""
    for m in (n + 1, n + 2):
        if m >= len(content) or m in taken or content[m][0] - content[n][0] != m - n:
            return None
        printed = content[m][1].split()
        tokens = printed[1:] if printed and printed[0] in INDICATOR_LEVELS and printed[0] not in INDICATOR_L1 \
            else printed
        if 2 <= len(tokens) <= 3 and tokens[0] in OPERATORS and not any(t in INDICATOR_LEVELS for t in tokens):
            return m
        if INDICATOR_L1_SET.intersection(printed):
            return None     # (the next row's line)
    return None


def _level_wrapped_around(content: list[tuple[int, str]], n: int) -> tuple[int, str] | None:
    """A 二级指标 wrapped around the row's line n (`服务对象满意度` above it, `指标` below):
    the lines just above and below, a piece each, that join into a level's name."""
    if not 0 < n < len(content) - 1:
        return None
    (above, head), (_, tail) = content[n - 1], content[n + 1]
    word = squash(head) + squash(tail)
    return (above, word) if len(head.split()) == len(tail.split()) == 1 and word in INDICATOR_LEVELS \
        and word not in INDICATOR_L1 else None


def _first_rows(centres: list[float], rows: int) -> list[int]:
    """The first row of each project whose cells print centred on a row (its merged cells' middle,
    by rows: `centres`, a half between two rows): the first project's is the first row; each
    other's follows its predecessor's rows, as many below that one's middle as above it."""
    firsts: list[int] = []
    for n, centre in enumerate(centres):
        if n == 0:
            first = 0
        else:
            before = centres[n - 1]
            first = math.floor(before + (before - firsts[-1])) + 1
            first = max(math.floor(before) + 1, min(first, math.ceil(centre)))
        firsts.append(min(first, rows - 1))
    return firsts


def _indicator_row(columns: list[Column], places: dict[int, int], project: dict[int, Cell],
                   level: tuple[int, str], cells: dict[int, list[tuple[int, str]]]) -> list[Cell]:
    """An indicator's row: its project's cells where it heads one, its 一级指标, its other cells by rank."""
    row = [Cell("") for _ in columns]
    for j, cell in project.items():
        row[j] = cell
    row[places[_L1]] = Cell(level[1], (level[0],))
    for rank, items in cells.items():
        if items and rank in places:
            row[places[rank]] = Cell("".join(t for _, t in items), tuple(sorted({k for k, _ in items})),
                                     "joined from fragments" if len(items) > 1 else "")
    return row


def _indicator_cells(segment: list[tuple[int, str, bool]], has_unit: bool
                     ) -> tuple[dict[int, list[tuple[int, str]]] | None, list[tuple[int, str, bool]]]:
    """An indicator's cells after its 一级指标, by rank, and the pieces after them (the next
    project's); None where no 指标性质 parts its name from its value."""
    items = list(segment)
    l2: list[tuple[int, str]] = []
    if items and items[0][2]:
        l2, items = [(items[0][0], items[0][1])], items[1:]
    elif items and (word := next((w for w in _L2_NAMED_INDICATORS if items[0][1].startswith(w)), None)):
        # `可持续影响指标案卷存放安全性`: the 二级指标 and the name's head as one piece
        k, t, _ = items[0]
        l2, items = [(k, word)], [(k, t[len(word):], False)] + items[1:]
    items = _operator_apart(items)
    op = next((i for i, (_, t, _) in enumerate(items) if t in OPERATORS), None)
    if op is None:
        return None, [(k, t, False) for k, t in l2] + items
    name = [(k, t) for k, t, _ in items[:op]]
    after = items[op + 1:]
    project_at = _project_start(after, items[op][1] == "定性", has_unit)
    value, unit = after[:project_at], []
    if items[op][1] != "定性" and len(value) > 1:
        value, unit = value[:1], value[1:]
    return {_L2: l2, _L3: name, _OPERATOR: [(items[op][0], items[op][1])],
            _VALUE: [(k, t) for k, t, _ in value], _UNIT: [(k, t) for k, t, _ in unit]}, after[project_at:]


OPERATOR_IN_PIECE = re.compile(f"^(.*?)({'|'.join(map(re.escape, sorted(OPERATORS, key=len, reverse=True)))})(.*)$")


def _operator_apart(items: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """An indicator's pieces with its 指标性质 a piece of its own where none is: printed at the
    end of the name's last line (`来电咨询人员满意度≥`) or before the value (`定性符合合同约定`)."""
    if any(t in OPERATORS for _, t, _ in items):
        return items
    for i, (k, t, level) in enumerate(items):
        if (m := OPERATOR_IN_PIECE.match(t)) and (not m.group(3) or not m.group(1) or m.group(2) in IN_WORDS):
            parts = [(k, part, level) for part in m.groups() if part]
            return items[:i] + parts + items[i + 1:]
    return items


def _project_start(after: list[tuple[int, str, bool]], in_words: bool, has_unit: bool) -> int:
    """Where the next project's pieces start among those after an indicator's 指标性质: none
    (the end) unless a fund's figure follows; else after the value — a value in words with its
    wrapped tails (`符合相关办法要` `求`), a figure with its unit where the layout has one."""
    if not any(is_amount(t) for _, t, _ in after[1:]):
        return len(after)
    if in_words:
        end = 1
        while end < len(after) and len(after[end][1]) <= 2 and not is_amount(after[end][1]):
            end += 1
        return end
    unit = has_unit and len(after) > 1 and len(after[1][1]) <= UNIT_CHARS and not is_amount(after[1][1]) \
        and not re.search(r"\d{4}", after[1][1])
    return 2 if unit else 1


def _project_cells(columns: list[Column], first_indicator: int,
                   pieces: list[tuple[int, str, bool]]) -> dict[int, Cell]:
    """A project's cells from its pieces: its name up to its first figure, its funds (the
    figures in a row, left to right under the fund columns), then its goal."""
    if not pieces:
        return {}
    names = [j for j in range(first_indicator) if columns[j].role == ColumnRole.NAME]
    funds = [j for j in range(first_indicator) if columns[j].role == ColumnRole.AMOUNT]
    texts = [j for j in range(first_indicator) if columns[j].role == ColumnRole.TEXT]
    first = next((i for i, (_, t, _) in enumerate(pieces) if is_amount(t)), len(pieces))
    last = first
    while last < len(pieces) and is_amount(pieces[last][1]):
        last += 1
    out: dict[int, Cell] = {}

    def put(j: int, items: list[tuple[int, str, bool]]) -> None:
        if items:
            out[j] = Cell("".join(t for _, t, _ in items), tuple(sorted({k for k, _, _ in items})),
                          "joined from fragments" if len(items) > 1 else "")
    if names:
        put(names[0], pieces[:first])
    for j, (k, t, _) in zip(funds, pieces[first:last]):
        out[j] = Cell(clean_number(t), (k,))
    if texts:
        put(texts[0], pieces[last:])
    return out


# A list of activities, a row per indicator whose levels print at the head of its name's cell
# (Beijing's 部门整体支出绩效目标表: 活动 | 绩效指标 `产出指标数量指标…` | 指标性质 | 指标值 | 度量单位).
NAMED_INDICATOR = "绩效指标"


def one_cell_indicator_layout(content: list[tuple[int, str]], layouts: tuple[tuple[str, ...], ...]
                              ) -> tuple[list[Column], int, int] | None:
    """The columns of a listed form whose indicator is one cell (`绩效指标`: its 一级 and 二级
    printed before its name), with a column before it (the activity) and its 指标性质 and
    指标值 after, and the first and last index of its header's lines: the columns' words in
    order, a line holding them all or one word a line."""
    for layout in layouts:
        if NAMED_INDICATOR not in layout:
            continue        # (no layout of this shape: nothing parsed, nothing searched)
        columns = parse_columns(layout)
        leaves = [squash(c.leaf) for c in columns]
        if leaves.count(NAMED_INDICATOR) != 1 or leaves.index(NAMED_INDICATOR) == 0:
            continue
        ranks = [_grid_rank(leaf) for leaf in leaves[leaves.index(NAMED_INDICATOR) + 1:]]
        if _OPERATOR not in ranks or _VALUE not in ranks:
            continue
        if (header := _header_run(content, "".join(leaves))) is not None:
            return columns, *header
    return None


def _header_run(content: list[tuple[int, str]], words: str) -> tuple[int, int] | None:
    """The first and last index of the lines that print `words` (squashed) and nothing else."""
    for i in range(len(content)):
        joined = ""
        for j in range(i, len(content)):
            joined += squash(content[j][1])
            if joined == words:
                return i, j
            if not joined or not words.startswith(joined):
                break
    return None


def fill_one_cell_indicator_list(table: Table, columns: list[Column], first: int, last: int,
                                 content: list[tuple[int, str]], layout: str) -> None:
    """The list under its header (`one_cell_indicator_layout`), the facts above it. Each
    indicator's cell opens with a known 一级指标, which tells where its wrapped name starts;
    its 指标性质 parts it from its value and unit. Read a cell after another where the text
    prints its cells so (PyMuPDF), else a row a line (a ruled row's cells, or a line printing
    the 指标性质 with the activity before it, the name's pieces wrapped around it on the lines
    above and below): a list whose names and rows do not pair off is doubted."""
    fill_facts(table, content[:first])
    table.columns = columns
    table.header_lines = (content[first][0], content[last][0])
    labels = {squash(line.split()[0]) for _, line in content[:first] if line.split()}    # (the form's keys)
    header = "".join(squash(c.leaf) for c in columns)
    body = [(k, line) for k, line in content[last + 1:] if squash(line) != header]     # (the header again)
    read = _one_cell_rows_in_order(body, labels) if layout == "fragment" else \
        _one_cell_rows_a_line(body, labels, layout == "tab")
    if read is None:
        return
    rows, paired = read
    name = [squash(c.leaf) for c in columns].index(NAMED_INDICATOR)
    table.rows = [_one_cell_row(columns, name, *row) for row in rows]
    if not paired:
        table.add_doubt("the list's indicator names and its rows do not pair off (a name's wrapped pieces "
                        "read into another's); check the rows against the source")


# an indicator's activity, the pieces of its name, and its cells after (指标性质, value, unit)
OneCellRow = tuple[tuple[int, str] | None, list[tuple[int, str]], list[tuple[int, str]]]


def _opens_an_indicator(piece: str) -> bool:
    return any(piece.startswith(l1) for l1 in INDICATOR_L1)


def _one_cell_rows_a_line(body: list[tuple[int, str]], labels: set[str], ruled: bool
                          ) -> tuple[list[OneCellRow], bool] | None:
    """Rows of the list printed a row a line (see `fill_one_cell_indicator_list`), and whether
    its names (each opening with a 一级指标, joined from the pieces up to the next) and rows
    pair off; None where no line prints a 指标性质."""
    rows: list[tuple[tuple[int, str] | None, list[tuple[int, str]]]] = []    # activity, cells after
    names: list[list[tuple[int, str]]] = []
    for k, line in body:
        pieces = [p.strip() for p in line.split("\t")] if ruled else line.split()
        items = _operator_apart([(k, p, False) for p in pieces if p and squash(p) not in labels])
        op = next((i for i, (_, t, _) in enumerate(items) if t in OPERATORS), None)
        if op is None:
            words = [(k, t) for k, t, _ in items]
            lead = []
        else:
            before = [(k, t) for k, t, _ in items[:op]]
            opens = next((i for i, (_, t) in enumerate(before) if _opens_an_indicator(t)), None)
            if opens is None:       # the activity, and a piece of a wrapped name after it
                opens = len(before) - 1 if len(before) > 1 else len(before)
            lead, words = before[:opens], before[opens:]
            rows.append((lead[-1] if lead else None, [(k, t) for k, t, _ in items[op:]]))
        for piece in words:
            if _opens_an_indicator(piece[1]) or not names:
                names.append([])
            names[-1].append(piece)
    if not rows:
        return None
    paired = len(names) == len(rows) and all(_opens_an_indicator(n[0][1]) for n in names)
    return [(activity, name, after) for (activity, after), name in zip(rows, names + [[]] * len(rows))], paired


def _one_cell_rows_in_order(body: list[tuple[int, str]], labels: set[str]
                            ) -> tuple[list[OneCellRow], bool] | None:
    """Rows of the list printed a cell after another: each row the piece before a name's head
    (its activity), the name's pieces up to its 指标性质, then its value and unit up to the next
    row's activity. None where no name opens with a 一级指标."""
    items = _operator_apart([(k, line.strip(), False) for k, line in body
                             if line.strip() and squash(line) not in labels])
    opens = [i for i, (_, t, _) in enumerate(items) if _opens_an_indicator(t)]
    if not opens:
        return None
    rows: list[OneCellRow] = []
    paired = True
    for n, start in enumerate(opens):
        end = opens[n + 1] - 1 if n + 1 < len(opens) else len(items)    # (the next row's activity)
        op = next((i for i in range(start, end) if items[i][1] in OPERATORS), None)
        if op is None:
            paired = False
            op = end
        activity = (items[start - 1][0], items[start - 1][1]) if start and start - 1 not in opens else None
        rows.append((activity, [(k, t) for k, t, _ in items[start:op]], [(k, t) for k, t, _ in items[op:end]]))
    return rows, paired


def _one_cell_row(columns: list[Column], name: int, activity: tuple[int, str] | None,
                  pieces: list[tuple[int, str]], after: list[tuple[int, str]]) -> list[Cell]:
    """A row of the list: the activity in the column before the name's, the name's pieces
    joined, then the 指标性质, the value (in words: its pieces joined) and the unit."""
    row = [Cell("", ()) for _ in columns]
    lines = tuple(sorted({k for k, _ in pieces}))
    if activity is not None:
        row[name - 1] = Cell(activity[1], (activity[0],))
    row[name] = Cell("".join(t for _, t in pieces), lines, "joined from fragments" if len(lines) > 1 else "")
    ranked = {_grid_rank(c.leaf): j for j, c in enumerate(columns) if j > name}
    if after:
        k, operator = after[0]
        value, unit = after[1:], []
        if operator not in IN_WORDS and len(value) > 1:
            value, unit = value[:1], value[1:]
        for rank, cells in ((_OPERATOR, [after[0]]), (_VALUE, value), (_UNIT, unit)):
            if rank in ranked and cells:
                row[ranked[rank]] = Cell("".join(t for _, t in cells), tuple(sorted({k for k, _ in cells})))
    return row
