"""Seating a row's amounts in their columns where the text dropped the empty cells: the
placements that make the table's own totals hold, then those that agree with the figures
the text states (or the tables before print beside a column's subject), with the economic
classes' columns, and with where a layout text prints each amount."""
from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from . import catalog
from .catalog import TableSpec
from .columns import Column, ColumnRole
from .model import Cell, Table, parse_amount
from .settings import CENT, SETTINGS
from .tokens import ECONOMIC_CODE, PrintedPages, amount_ends


def _rule_score(values: dict[int, int], rules: catalog.ColumnRules, cent: int) -> int:
    """Minus the number of the row's identities a placement breaks: one that leaves a rule's
    columns empty is as good as one that fills them, so the column totals can choose. The
    values are whole units of which `cent` makes 0.01 (integers: thousands of placements are
    weighed for one wide row)."""
    broken = 0
    for t, parts in rules:
        if t not in values and not any(p in values for p in parts):
            continue
        s = sum(values.get(p, 0) for p in parts)
        broken += abs(values.get(t, 0) - s) > cent * max(1, len(parts))
    return -broken


def _in_units(values: list[Decimal]) -> tuple[list[int], int]:
    """The values as whole units of their finest printed decimal (at least a cent, at most a
    millionth), and how many units make a cent."""
    places = min(6, max([2] + [-int(v.as_tuple().exponent) for v in values if v.is_finite()]))
    scale = Decimal(10) ** places
    return [int(v * scale) for v in values], int(CENT * scale)


def _weighed(k: int, n: int, anywhere: bool) -> int:
    """The placements of k amounts in n columns (the first in the first unless `anywhere`)."""
    return math.comb(n, k) if anywhere else math.comb(n - 1, k - 1)


def placements(amounts: list[str], amount_cols: list[int], rules: catalog.ColumnRules,
               total_may_be_empty: bool = False, limit: int = SETTINGS.max_placements) -> tuple[list[tuple[int, ...]], bool]:
    """Column placements of a row's amounts, best by the table's row identities first. The
    first amount of a row is its total, except in a total row (合计) whose own total cell
    was left empty and whose amounts do not add up as total and part. Where the placements
    are too many to weigh (a header of 30 columns), those that keep every identity, found by
    a bounded search; failing that, the amounts keep their printed order from the first
    column, and the second value (whether the totals weighed them) is False: the search is
    bounded, never the input."""
    k = len(amounts)
    if k == 0:
        return [()], True
    # else the first amount is the first column's (a column no sum names, last year's figure
    # before this year's total, may be left empty too)
    anywhere = (total_may_be_empty and k >= 2) or \
        (bool(rules) and not any(amount_cols[0] == t or amount_cols[0] in parts for t, parts in rules))
    if k >= len(amount_cols):
        return [tuple(amount_cols[:k])], True
    values, cent = _in_units([parse_amount(a) or Decimal(0) for a in amounts])
    if _weighed(k, len(amount_cols), anywhere) > limit:
        # (a total row's total printed too, as a row's usually is: its first amount in the first column)
        found = consistent_placements(values, cent, amount_cols, rules, limit)
        return (found, True) if found else ([tuple(amount_cols[:k])], False)
    combos = itertools.combinations(amount_cols, k) if anywhere else \
        ((amount_cols[0], *rest) for rest in itertools.combinations(amount_cols[1:], k - 1))
    scored = []
    for combo in combos:
        vals = dict(zip(combo, values))
        if combo[0] == amount_cols[0]:
            scored.append((_rule_score(vals, rules, cent), combo))
        else:       # the total unknown: its rules neither hold nor fail
            scored.append((_rule_score(vals, [(t, ps) for t, ps in rules if t in vals], cent), combo))
    if not scored:
        return [tuple(amount_cols[:k])], True
    best = max(s for s, _ in scored)
    found = [c for s, c in scored if s == best]
    if best == 0 and total_may_be_empty and any(c[0] == amount_cols[0] for c in found):
        # a total row whose figures add up as total and parts from its first column printed
        # its total: placements leaving it empty only leave its identities unchecked
        found = [c for c in found if c[0] == amount_cols[0]]
    return found, True


def consistent_placements(values: list[int], cent: int, amount_cols: list[int], rules: catalog.ColumnRules,
                          limit: int) -> list[tuple[int, ...]] | None:
    """The placements of a row's amounts (the first in the first column) that keep every row
    identity, in the order of `placements`, where the placements are too many to weigh one
    by one (a row of 21 figures under 27 columns): the columns are decided left to right and
    a choice is dropped as soon as an identity whose columns are all decided fails. At most
    `limit` placements, after at most `limit` × `search_steps` steps; None if none was found."""
    index = {c: i for i, c in enumerate(amount_cols)}
    closing: dict[int, list[tuple[int, list[int]]]] = {}     # column index → the rules it completes
    for t, parts in rules:
        cols = [t, *parts]
        if all(c in index for c in cols):
            closing.setdefault(max(index[c] for c in cols), []).append((t, parts))
    k, n = len(values), len(amount_cols)
    found: list[tuple[int, ...]] = []
    placed: dict[int, int] = {amount_cols[0]: values[0]}
    chosen = [amount_cols[0]]
    steps = limit * SETTINGS.search_steps

    def holds(j: int) -> bool:
        return _rule_score(placed, closing.get(j, []), cent) == 0

    def place(i: int, j: int) -> None:
        """Amounts i… into columns j…, the columns before decided."""
        nonlocal steps
        steps -= 1
        if len(found) >= limit or steps < 0:
            return
        if i == k:
            if all(holds(jj) for jj in range(j, n)):
                found.append(tuple(chosen))
            return
        if n - j < k - i:
            return
        col = amount_cols[j]
        placed[col] = values[i]
        chosen.append(col)
        if holds(j):
            place(i + 1, j + 1)
        chosen.pop()
        del placed[col]
        if holds(j):
            place(i, j + 1)
    if holds(0):
        place(1, 1)
    return found or None


# the figures the text states or the tables before print beside a column's subject
BY_FIGURES_GIVEN = " and the figures the document gives elsewhere"
BY_SPENDING_TABLE = " and the columns the department's spending by function fills for its code"
PLACED_BY_POSITION = "column placed by where the amount is printed on its line"
PLACED_BY_TOTALS = "column placed by the table's totals"
UNWEIGHED = ("columns as printed, in order: the row prints fewer figures than the table has columns, in more "
             "ways than can be weighed")
GUESSED = "columns guessed: the row's figures fit other columns as well, and no total tells which"


def holds_total(figures: list[Decimal]) -> bool:
    """Whether a row's figures are a total then its parts (合计 = 基本支出 + 项目支出), to the cent."""
    return len(figures) >= 2 and abs(figures[0] - sum(figures[1:], Decimal(0))) <= CENT


def two_rows_of_totals(figures: list[Decimal]) -> bool:
    """Whether figures that make no total and parts are two rows' that each do, half and half
    (`3,807,295.58 3,807,295.58 20,120,000.00 20,120,000.00`: each row's 合计 and one part)."""
    half = len(figures) // 2
    return half >= 2 and len(figures) % 2 == 0 and not holds_total(figures) and \
        holds_total(figures[:half]) and holds_total(figures[half:])


# what a sentence puts between a subject and its figure (`公务用车运行维护费支出40.61万元`)
STATED_ENDING = re.compile(r"(?:(?:决算|预算)数?)?(?:支出)?(?:(?:决算|预算)数?)?为?$")


SOURCE_ENDINGS = re.compile(r"(?:拨款|收入|资金)+$")
IN_WHICH = re.compile(r"^其中[:：]?")        # `其中：公务用车购置费`: a part of the column before it


@functools.lru_cache(maxsize=4)
def _stated_subjects(stated: tuple[tuple[str, Decimal], ...]
                     ) -> tuple[list[tuple[str, Decimal]], list[tuple[str, Decimal]]]:
    """The subjects the text states amounts of, and the sources of funds among them (each
    document's once, not once a table; shared, so read and never changed)."""
    subjects = [(STATED_ENDING.sub("", name), amount) for name, amount in stated]
    # (a subject spent on names no source of funds: `其他支出40000.00万元` is not 其他收入's)
    incomes = [(SOURCE_ENDINGS.sub("", name), amount) for (name, amount), (said_as, _) in zip(subjects, stated)
               if "支出" not in said_as[len(name):]]
    return subjects, incomes


def _stated_by_column(columns: list[Column], amount_cols: list[int],
                      stated: tuple[tuple[str, Decimal], ...]) -> dict[int, set[Decimal]]:
    """The amounts the text gives each amount column's subject (its leaf; a 小计 its group)."""
    out: dict[int, set[Decimal]] = {}
    subjects, incomes = _stated_subjects(stated)
    for j in amount_cols:
        parts = columns[j].path
        subject = IN_WHICH.sub("", parts[-2] if parts[-1] == "小计" and len(parts) > 1 else parts[-1])
        if len(subject) < 3 or subject == "小计" or catalog.TOTAL_LABELS.match(subject):
            continue        # 合计, 小计: too common to tie a figure to this column
        names = (subject, *catalog.SUBJECT_ALIASES.get(subject, ()))
        # a source of funds is named with or without its endings (财政专户管理资金收入 in the
        # table, 四、财政专户管理资金 in the summary; 事业收入, 事业收入资金)
        source = SOURCE_ENDINGS.sub("", subject) if subject.endswith("收入") else ""
        found = {amount for name, amount in subjects if name.endswith(names)} | \
            {amount for name, amount in incomes if len(source) >= 2 and name.endswith(source)}
        if found:
            out[j] = found
    return out


def _by_stated(cands: list[tuple[int, ...]], amounts: list[tuple[str, int]], said: dict[int, set[Decimal]],
               amount_cols: list[int]) -> list[tuple[int, ...]]:
    """Placements equally good by the table's totals, narrowed to those that agree best
    with the amounts the document gives the columns' subjects elsewhere (the text's `公务接待费
    5万元`, a summary's `九、其他收入 7.485000`)."""
    if len(cands) < 2 or not said or not amounts:
        return cands

    def agreement(combo: tuple[int, ...]) -> int:
        placed = {c: parse_amount(a) or Decimal(0) for c, (a, _) in zip(combo, amounts)}
        return sum(1 if placed.get(j, Decimal(0)) in said[j] else -1 for j in amount_cols if j in said)
    best = max(agreement(c) for c in cands)
    return [c for c in cands if agreement(c) == best]


EMPTY_NATURES: Mapping[str, frozenset[str]] = MappingProxyType({})
FUNCTION_CODE = re.compile(r"^2\d\d(\d\d){0,2}$")      # 201, 20101, 2010101


def natures_printed(table: Table) -> dict[str, frozenset[str]]:
    """Which of 基本支出 and 项目支出 (each a group of columns) a table fills, with a figure
    other than 0, in the row of each function code; none where it lacks one of the groups."""
    groups = {g: [j for j, c in enumerate(table.columns) if any(g in part for part in c.path)]
              for g in catalog.GROUP_OF_NATURE.values()}
    if not all(groups.values()):
        return {}
    out = {}
    for i, row in enumerate(table.rows):
        if FUNCTION_CODE.match(code := table.row_code(i)):
            out[code] = frozenset(g for g, cols in groups.items() if any(row[j].value for j in cols if j < len(row)))
    return out


def _natures_filled(codes: list[str], is_total: list[bool],
                    natures: Mapping[str, frozenset[str]]) -> list[frozenset[str] | None]:
    """The groups (基本支出, 项目支出) the department's spending fills for each row's code, where
    known; a row's whose items this table prints are its items' (every item known: a fund
    spends on 214 only in its project-spending 2149801, however the department spends on 214),
    and a total row's its classes' (every class printed and known)."""
    filled = [natures.get(code) if FUNCTION_CODE.match(code) else None for code in codes]
    at = {code: i for i, code in enumerate(codes) if FUNCTION_CODE.match(code)}
    items_of: dict[str, list[int]] = {}
    for code, i in at.items():
        if code[:-2] in at:
            items_of.setdefault(code[:-2], []).append(i)
    for length in (5, 3):       # items first, so that a class takes its items' as they now stand
        for code, items in items_of.items():
            kids = [filled[j] for j in items]
            if len(code) == length and all(kid is not None for kid in kids):
                filled[at[code]] = frozenset().union(*(kid for kid in kids if kid is not None))
    classes = [groups for code, groups in zip(codes, filled) if len(code) == 3 and FUNCTION_CODE.match(code)]
    if classes and all(groups is not None for groups in classes):
        whole = frozenset().union(*(g for g in classes if g is not None))
        filled = [whole if total and not code else groups for code, groups, total in zip(codes, filled, is_total)]
    return filled


def _by_natures(cands: list[tuple[int, ...]], amounts: list[tuple[str, int]], groups: frozenset[str] | None,
                columns: list[Column]) -> list[tuple[int, ...]]:
    """Placements nothing else tells apart, narrowed to those that leave empty the group of
    columns (基本支出 or 项目支出) the department's spending leaves empty for the row's code: a
    fund's spending on a subject is part of the department's (`212 44,003.26 44,003.26` in a
    fund's table is 合计 and 项目支出 where the 支出总表 prints 212 only under 项目支出)."""
    if len(cands) < 2 or groups is None:
        return cands
    absent = [g for g in catalog.GROUP_OF_NATURE.values() if g not in groups]

    def fits(combo: tuple[int, ...]) -> bool:
        return not any(parse_amount(a) and any(g in part for part in columns[c].path for g in absent)
                       for c, (a, _) in zip(combo, amounts))
    return [c for c in cands if fits(c)] or cands


def _by_usual_parts(cands: list[tuple[int, ...]], amounts: list[tuple[str, int]],
                    columns: list[Column]) -> list[tuple[int, ...]]:
    """Placements nothing else tells apart, narrowed to those that leave empty the parts seldom
    spent alone (catalog.SELDOM_ALONE: `0.80 0.80` under 小计 and 购置 or 运行 is 运行's)."""
    def fits(combo: tuple[int, ...]) -> bool:
        return not any(parse_amount(a) and catalog.SELDOM_ALONE.search(columns[c].leaf)
                       for c, (a, _) in zip(combo, amounts))
    if len(cands) < 2:
        return cands
    return [c for c in cands if fits(c)] or cands


def _by_parallel_groups(cands: list[tuple[int, ...]], columns: list[Column]) -> list[tuple[int, ...]]:
    """Placements equally good otherwise, narrowed to those that fill the same columns in each
    group of a header that repeats its columns under groups (预算数/… and 决算数/…): the
    budget and the actual of one item are printed, or left empty, alike. A group the
    placement leaves wholly empty is no witness (a unit with nothing carried over from last
    year leaves 上年结转结余/… empty, whatever 本年收入/… holds)."""
    if len(cands) < 2:
        return cands
    tails: dict[tuple[str, ...], list[int]] = {}
    for j, c in enumerate(columns):
        if len(c.path) > 1:
            tails.setdefault(c.path[1:], []).append(j)
    twins = [js for js in tails.values() if len(js) > 1]
    if not twins:
        return cands

    def alike(combo: tuple[int, ...]) -> int:
        filled = set(combo)
        groups = {columns[j].path[0] for j in filled}
        witnesses = [[j for j in js if columns[j].path[0] in groups] for js in twins]
        return sum(len({j in filled for j in js}) == 1 for js in witnesses if len(js) > 1)
    best = max(alike(c) for c in cands)
    return [c for c in cands if alike(c) == best]


CODE_NAMED = re.compile(r"^(3\d\d)\d*\s*[-—]")       # `30201-办公费`: a department economic class
CODE_PREFIX = re.compile(r"^(\d+)\s*[-—]\s*")             # `2040602-一般行政管理事务`: a code inside the name


def _economic_class(row: list[Cell], text_cols: list[int]) -> str:
    """The department economic class a row's labels print before a name (`30201-办公费` → 302),
    for tables that print codes inside their label cells."""
    return next((m.group(1) for j in text_cols if (m := CODE_NAMED.match(row[j].text))), "")


def _by_class(cands: list[tuple[int, ...]], code: str, columns: list[Column]) -> list[tuple[int, ...]]:
    """Placements equally good by the totals, narrowed to those that put an economic code's
    amount under the column its class belongs to (302 商品和服务支出 → 公用经费)."""
    def fits(combo: tuple[int, ...]) -> bool:
        return all(code[:3] in catalog.ECONOMIC_CLASS_COLUMNS.get(columns[c].leaf, (code[:3],))
                   for c in combo)
    if len(cands) < 2 or not (ECONOMIC_CODE.match(code) and code.startswith("3")):
        return cands
    return [c for c in cands if fits(c)] or cands


def _by_nature(cands: list[tuple[int, ...]], amounts: list[tuple[str, int]], labels: list[str],
               columns: list[Column]) -> list[tuple[int, ...]]:
    """Placements equally good by the totals, narrowed, for a row that prints one figure
    again and again (its total, its group's subtotal, its leaf), to those that keep it out
    of the group the function subject's nature excludes (行政运行 is basic spending, not a
    project's; 一般行政管理事务 a project's). A row of several figures spans groups."""
    if len(cands) < 2 or len({a for a, _ in amounts}) != 1:
        return cands
    names = [CODE_PREFIX.sub("", label) for label in labels]
    nature = "basic" if any(catalog.BASIC_FUNCTION_SUBJECTS.match(n) for n in names) else \
        "project" if any(catalog.PROJECT_FUNCTION_SUBJECTS.match(n) for n in names) else None
    if nature is None:
        return cands
    excluded = catalog.GROUP_OF_NATURE["project" if nature == "basic" else "basic"]
    return [c for c in cands if not any(excluded in columns[j].path for j in c)] or cands


Place = tuple[int, int]      # where an amount is printed: its page, the column it ends at
CJK_DRIFT = 12      # characters a layout text's line may drift by (each wide character before a figure moves it)


def _drift_undone(places: list[list[Place | None]], decided: list[tuple[int, ...]], first: int
                  ) -> list[list[Place | None]]:
    """Each row's places moved by as much as its total's (the first column's, which every row
    fills) stands off where the page's totals mostly end: a layout text counts a wide character
    as one, so a line's figures drift left or right with its words (`合计 515313.35` ends two
    characters left of `科学技术支出 1140.61`); a row's figures keep their distances from its total.
    Left as they are where a row drifts further (its first figure is no total), and a figure
    that already ends where the page's rows standing at the middle end theirs (an extractor
    keeps a run of words and the figures printed close after it together, and sets a figure
    further on at its own place: `机关商品和服务支出 73.80 73.80` drifts, the third `73.80` not)."""
    by_page: dict[int, list[int]] = {}
    for row, combo in zip(places, decided):
        if row and row[0] is not None and combo[:1] == (first,):
            by_page.setdefault(row[0][0], []).append(row[0][1])
    middle = {page: sorted(ends)[len(ends) // 2] for page, ends in by_page.items() if len(ends) >= 3}
    if not middle:
        return places
    shifts: list[int | None] = []      # None: a row whose total's place is not known
    for row, combo in zip(places, decided):
        own = row[0] if row and combo[:1] == (first,) else None
        shifts.append(middle[own[0]] - own[1] if own is not None and own[0] in middle else None)
    # where the figures of rows whose totals end at the middle end, page by page
    settled = {p for row, shift in zip(places, shifts) if shift == 0 for p in row if p is not None}
    tolerance = SETTINGS.position_tolerance

    def moved(place: Place | None, shift: int, total: bool) -> Place | None:
        if place is None or (not total and any((place[0], place[1] + d) in settled
                                               for d in range(-tolerance, tolerance + 1))):
            return place
        return place[0], place[1] + shift
    return [row if not shift or abs(shift) > CJK_DRIFT else [moved(p, shift, n == 0) for n, p in enumerate(row)]
            for row, shift in zip(places, shifts)]


def printed_places(amounts_of: list[list[tuple[str, int]]], printed: PrintedPages) -> list[list[Place | None]]:
    """Where each row's amounts are printed (None where the text kept no columns), each
    matched to the next amount of its value on its line."""
    read: dict[int, int] = {}       # a line's amounts matched so far
    out = []
    for amounts in amounts_of:
        places: list[Place | None] = []
        for text, line in amounts:
            found = amount_ends(printed.lines[line - 1]) if 0 < line <= len(printed.lines) else ()
            at = next((i for i in range(read.get(line, 0), len(found)) if found[i][0] == text), None)
            if at is not None:
                read[line] = at + 1
            places.append(None if at is None else (printed.page(line), found[at][1]))
        out.append(places)
    return out


def _position_ranges(ends: list[list[int | None]], decided: list[tuple[int, ...]],
                     amount_cols: list[int], headed: dict[int, int]) -> dict[int, tuple[int, int]] | None:
    """For each end at which the table's amounts are printed, the amount columns (first and
    last index) it can belong to. The ends fall in groups a column each, left to right; a
    group takes the column that the rows placed for certain (`decided`) put its amounts in,
    and the groups between two such take the columns between, in order - each the one whose
    name the page's header prints clearly nearest above its amounts (`headed`: where it ends, by
    amount column index), where every such group has one and they keep the columns' order. None
    where the ends do not fall in such groups (a text whose columns drift) or contradict the
    certain rows."""
    known = sorted({e for row in ends for e in row if e is not None})
    if not known:
        return None
    tolerance = SETTINGS.position_tolerance
    groups: list[list[int]] = [[known[0]]]
    for e in known[1:]:
        if e - groups[-1][-1] <= tolerance:
            groups[-1].append(e)
        else:
            groups.append([e])
    if len(groups) > len(amount_cols) or any(g[-1] - g[0] > 2 * tolerance for g in groups):
        return None
    group_of = {e: n for n, g in enumerate(groups) for e in g}
    index = {c: i for i, c in enumerate(amount_cols)}
    votes: list[Counter[int]] = [Counter() for _ in groups]
    for row, combo in zip(ends, decided):
        for end, c in zip(row, combo):
            if end is not None:
                votes[group_of[end]][index[c]] += 1
    anchors = {}
    for n, counted in enumerate(votes):
        if counted:
            i, count = counted.most_common(1)[0]
            if count * 2 <= counted.total():
                return None     # the certain rows disagree where this column is
            anchors[n] = i
    ranges: dict[int, tuple[int, int]] = {}
    # where the header's names end, shifted as the certain groups' amounts end from their columns'
    # names (a name centred over its column, its amounts right-aligned), where they agree on it and
    # the names stand in the columns' order
    shifts = sorted(sum(groups[n]) / len(groups[n]) - headed[i] for n, i in anchors.items() if i in headed)
    named = [headed[i] for i in sorted(headed)]
    expected = {i: end + shifts[len(shifts) // 2] for i, end in headed.items()} \
        if shifts and shifts[-1] - shifts[0] <= HEADER_NEARER and named == sorted(set(named)) else {}
    bounds = [(-1, -1), *sorted(anchors.items()), (len(groups), len(amount_cols))]
    for (g0, i0), (g1, i1) in zip(bounds, bounds[1:]):
        between = range(g0 + 1, g1)
        if i1 - i0 - 1 < len(between):
            return None
        for r, n in enumerate(between, start=1):
            ranges[n] = (i0 + r, i1 - (len(between) - r + 1))
        # each group whose header stands clearly nearest takes its column (where those so found
        # keep the columns' order); the groups between them keep to the columns between
        nearest = {n: near for n in between if (near := _nearest_header(groups[n], ranges[n], expected)) is not None}
        if list(nearest.values()) == sorted(set(nearest.values())):
            for n in between:
                below = max((i for m, i in nearest.items() if m < n), default=i0)
                above = min((i for m, i in nearest.items() if m > n), default=i1)
                ranges[n] = (nearest[n], nearest[n]) if n in nearest else \
                    (max(ranges[n][0], below + 1), min(ranges[n][1], above - 1))
                if ranges[n][0] > ranges[n][1]:
                    return None     # more groups between two found columns than columns there
        if g1 < len(groups):
            ranges[g1] = (i1, i1)
    return {e: ranges[group_of[e]] for e in known}


HEADER_NEARER = 4       # characters a column's header ends nearer its amounts than the next column's, at least


def _nearest_header(ends: list[int], allowed: tuple[int, int], expected: dict[int, float]) -> int | None:
    """The amount column (index) among `allowed` where a group of amounts ends nearest where its
    header says the column's amounts end (`expected`), by HEADER_NEARER characters at least over
    the next; None where an allowed column's header was not found. A single column allowed is it."""
    columns = range(allowed[0], allowed[1] + 1)
    if len(columns) == 1:
        return allowed[0]
    at = sum(ends) / len(ends)
    distance = {i: abs(expected[i] - at) if i in expected else _nearest_possible(i, at, expected) for i in columns}
    near = sorted(columns, key=lambda i: distance[i])
    if near[0] not in expected:
        return None
    return near[0] if distance[near[1]] - distance[near[0]] >= HEADER_NEARER else None


def _nearest_possible(column: int, at: float, expected: dict[int, float]) -> float:
    """How near `at` a column whose header was not found can end: the columns keep their
    order, so it ends between the found columns either side of it (0 where `at` lies there:
    a header squeezed or stretched against its figures may stand anywhere between). Where `at`
    lies past one of them, that one's figures end nearer: the column ends about as far along
    between the two as it stands among the columns between them (`使用非财政拨款结余`, its
    name wrapped over three lines, ends about halfway between 单位资金 and 上年结转, not where
    单位资金 does); where no found column bounds it on the far side, as near as the near one."""
    left = max((i for i in expected if i < column), default=None)
    right = min((i for i in expected if i > column), default=None)
    low = expected[left] if left is not None else float("-inf")
    high = expected[right] if right is not None else float("inf")
    if low <= at <= high:
        return 0.0
    if left is not None and right is not None:
        return abs(at - (low + (high - low) * (column - left) / (right - left)))
    return min(abs(at - low), abs(at - high))


def header_ends(leaves: list[str], lines: list[tuple[int, str]]) -> dict[int, int]:
    """Where each leaf of `leaves` (an amount column's name) ends on a layout text's header
    lines (`(line, printed)` of one page), by index, for those printed once for each column so
    named (`公务接待费` under 上年, 本年 and 增减, in order): whole, letter-spaced or not (`合 计`),
    or by a tail of two characters or more that no other leaf ends in (`购置费` of 公务用车购置费,
    wrapped under `公务用车`)."""
    folded = [unicodedata.normalize("NFKC", printed) for _, printed in reversed(lines)]
    squashed = [("".join(line.split()), [i for i, ch in enumerate(line) if not ch.isspace()]) for line in folded]

    def found(text: str) -> list[int]:
        """Where `text` ends on the lowest header line printing it (a group's name above may hold
        it too: `公务用车购置及运行费` over `运行费`)."""
        for words, at in squashed:
            ends, start = [], words.find(text)
            while start >= 0:
                ends.append(at[start + len(text) - 1] + 1)
                start = words.find(text, start + 1)
            if ends:
                return ends
        return []
    out = {}
    leaves = [unicodedata.normalize("NFKC", leaf) for leaf in leaves]     # (a template's names print full-width marks)
    for i, leaf in enumerate(leaves):
        alike = [j for j, other in enumerate(leaves) if other == leaf]
        for size in range(len(leaf), 1, -1):
            tail = leaf[-size:]
            if size < len(leaf) and any(other != leaf and other.endswith(tail) for other in leaves):
                break
            if ends := found(tail):
                if len(ends) == len(alike):     # (each column of a name printed once a group: in order)
                    out[i] = ends[alike.index(i)]
                break
    return out


def position_ranges(places: list[list[Place | None]], decided: list[tuple[int, ...]],
                    amount_cols: list[int], headed: dict[int, dict[int, int]]) -> dict[Place, tuple[int, int]]:
    """The amount columns each printed place allows, page by page (an extractor spaces each
    page afresh); a page whose places tell nothing sure allows anything. `headed`: by page,
    where a header ends each amount column's name (`_headers_by_page`)."""
    ranges: dict[Place, tuple[int, int]] = {}
    for page in sorted({p[0] for row in places for p in row if p is not None}):
        ends = [[p[1] if p is not None and p[0] == page else None for p in row] for row in places]
        found = _position_ranges(ends, decided, amount_cols, headed.get(page, {}))
        ranges.update({(page, e): r for e, r in (found or {}).items()})
    return ranges


def _by_position(cands: list[tuple[int, ...]], places: list[Place | None], ranges: dict[Place, tuple[int, int]],
                 amount_cols: list[int], amounts: list[tuple[str, int]], rules: catalog.ColumnRules,
                 by_sums: bool) -> list[tuple[int, ...]]:
    """Placements narrowed to those that put each amount in a column its printed place allows.
    Where none does: the placement the places alone decide, unless it breaks the row's sums
    (`by_sums`: the candidates kept them) — then the places are those of a page whose columns
    stand elsewhere, and the candidates stand."""
    index = {c: i for i, c in enumerate(amount_cols)}
    allowed = [ranges.get(p) if p is not None else None for p in places]

    def fits(combo: tuple[int, ...]) -> bool:
        return all(r is None or r[0] <= index[c] <= r[1] for r, c in zip(allowed, combo))
    kept = [c for c in cands if fits(c)]
    if kept:
        return kept
    sure = [r[0] for r in allowed if r is not None and r[0] == r[1]]
    if len(sure) == len(places) and sure == sorted(set(sure)):
        decided = tuple(amount_cols[i] for i in sure)
        values, cent = _in_units([parse_amount(a) or Decimal(0) for a, _ in amounts])
        if not by_sums or _rule_score(dict(zip(decided, values)), rules, cent) == 0:
            return [decided]
    return cands


_LEVEL_OF_LENGTH = {3: 1, 2: 2, 5: 2, 7: 3}     # 类, 款 (printed short or whole), 项


def _code_parents(codes: list[str]) -> list[int | None]:
    """For each row, the index of the row that totals it: the nearest row above with a
    shorter code (short 款 codes printed under their 类 count as 5 digits); a code of no
    classification's length (a unit's `119001`) is totalled by the nearest row above whose
    code begins it (its department's `119`); where none does, a unit's code of six digits
    totals the classes printed under it, up to the next unit. One pass."""
    last_at: dict[int, int] = {}      # level → latest row of that level (a unit's: 0)
    last_of: dict[str, int] = {}      # code → latest row printing it
    parents: list[int | None] = []
    for i, code in enumerate(codes):
        if not code.isdigit():
            parents.append(None)
            continue
        me = _LEVEL_OF_LENGTH.get(len(code), 0)
        last_of[code] = i
        if me:
            above = [last_at[lv] for lv in last_at if lv < me]
            parents.append(max(above) if above else None)
        else:
            heads = [last_of[code[:n]] for n in range(1, len(code)) if code[:n] in last_of]
            parents.append(max(heads) if heads else None)
            if not catalog.heads_classes(code, last_of):
                continue        # a unit under its department's row (or codes run together): no head of classes
        last_at[me] = i
        for lv in [lv for lv in last_at if lv > me]:
            del last_at[lv]      # a new 类 closes the 款 and 项 of the one before; a unit, its classes
    return parents


def _cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


class _Reached(NamedTuple):
    """How a partial sum was reached: the row's choice, the partial sum before it (and how
    that was reached), and another trail reaching it from other sums, where one did."""
    choice: int
    before: _Reached | None
    sums: tuple[int, ...]
    other: _Reached | None = None


# (built from a tuple: the search makes thousands, and a named tuple's own constructor is slow)
_reached = functools.partial(tuple.__new__, _Reached)


def _choices(trail: _Reached | None) -> list[int]:
    """The choices a trail made, first row first."""
    out: list[int] = []
    while trail is not None:
        out.append(trail.choice)
        trail = trail.before
    return out[::-1]


class JointPlacement(NamedTuple):
    picks: list[int]            # each row's placement (its index among the row's options)
    untold: frozenset[int]      # the rows another placement seats otherwise, meeting as many of the sums


def _joint_placement(row_options: list[list[dict[int, Decimal]]], fixed: dict[int, Decimal],
                     target: dict[int, Decimal], columns: list[int], tolerance: Decimal) -> JointPlacement:
    """For rows each with a few candidate placements (column → amount), the choice of one
    per row whose column sums meet `target` in the most columns. Row by row, choices that
    reach the same sums are kept once (so twenty rows of two choices are not a million
    combinations), and at most SETTINGS.joint_states partial sums are carried, those nearest
    the target first: the search is bounded, never the input. Sums are kept in cents.
    With no negative figure, the largest rows are seated first and partial sums that can no
    longer meet the target (a column past it, or short of it by more than the rows left can
    bring) are let go while others remain: the bound keeps the beam on sums that can.
    Sums reached by two trails from other sums (not a row's zeros seated either way), or
    other sums meeting as many columns as nearly, mean the totals do not tell those trails
    apart: the rows they seat otherwise are untold."""
    goal = tuple(_cents(target.get(c, Decimal(0))) for c in columns)
    slack = _cents(tolerance)
    deltas = [[tuple(_cents(placed.get(c, Decimal(0))) for c in columns) for placed in options]
              for options in row_options]
    bounded = not any(d < 0 for options in deltas for delta in options for d in delta)
    order = sorted(range(len(deltas)), key=lambda i: -max(map(sum, deltas[i]))) if bounded else list(range(len(deltas)))
    # what the rows after each step can still add to each column, at most
    reach = [tuple(0 for _ in columns)]
    for i in reversed(order):
        most = tuple(max(delta[c] for delta in deltas[i]) for c in range(len(columns)))
        reach.append(tuple(r + m for r, m in zip(reach[-1], most)))
    reach.reverse()
    # the beam narrows where rows have many placements, so that the work stays bounded
    work = max(1, sum(len(o) for o in deltas) * max(1, len(columns)))
    beam = max(1, min(SETTINGS.joint_states, SETTINGS.joint_work // work))
    states: dict[tuple[int, ...], _Reached | None] = {tuple(_cents(fixed.get(c, Decimal(0))) for c in columns): None}
    for step, i in enumerate(order):
        nxt: dict[tuple[int, ...], _Reached | None] = {}
        for sums, trail in states.items():
            for n, delta in enumerate(deltas[i]):
                after = tuple(x + d for x, d in zip(sums, delta))
                if (met := nxt.get(after)) is None:
                    nxt[after] = _reached((n, trail, sums, None))
                elif met.other is None and met.sums != sums:
                    # (from other sums: the trails seat other figures somewhere)
                    nxt[after] = met._replace(other=_Reached(n, trail, sums))
        if bounded:
            left = reach[step + 1]
            able = {t: v for t, v in nxt.items()
                    if all(g - slack - r <= x <= g + slack for g, x, r in zip(goal, t, left))}
            nxt = able or nxt
        if len(nxt) > beam:
            nearest = sorted(nxt, key=lambda t: sum(abs(g - x) for g, x in zip(goal, t)))
            nxt = {t: nxt[t] for t in nearest[:beam]}
        states = nxt

    def score(sums: tuple[int, ...]) -> tuple[int, int]:
        return (sum(abs(g - x) <= slack for g, x in zip(goal, sums)), -sum(abs(g - x) for g, x in zip(goal, sums)))
    best = max(states, key=score)
    picks = _choices(states[best])
    # the trails as good: other sums meeting as many columns (where the best meets them all, as
    # near them to a cent a column: the slack is for rounding, not for other figures), and
    # those the best's trail met on its way
    columns_met, off = score(best)
    rivals = [_choices(states[sums]) for sums in states if sums != best and score(sums)[0] == columns_met and
              (columns_met < len(columns) or score(sums)[1] >= off - len(columns))]
    trail = states[best]
    while trail is not None:
        if trail.other is not None:
            rivals.append(_choices(trail.other))
        trail = trail.before
    untold = frozenset(order[step] for rival in rivals for step, n in enumerate(rival)
                       if deltas[order[step]][n] != deltas[order[step]][picks[step]])
    chosen = dict(zip(order, picks))
    return JointPlacement([chosen[i] for i in range(len(deltas))], untold)


def _printed_ranges(table: Table, printed: PrintedPages, cands: list[list[tuple[int, ...]]],
                    amounts_of: list[list[tuple[str, int]]], is_total: list[bool], unweighed: list[bool],
                    amount_cols: list[int]) -> tuple[list[list[Place | None]], dict[Place, tuple[int, int]]]:
    """Where each row's amounts are printed, and the ranges of places each amount column's
    figures take, learnt from the rows placed for certain (every column filled, or one
    placement left; a row's first amount is its total's unless a total row may leave that
    empty)."""
    places = printed_places(amounts_of, printed)
    decided = [c[0] if a and len(c) == 1 and not unsure
               else (amount_cols[0],) if a and not total else ()
               for c, a, total, unsure in zip(cands, amounts_of, is_total, unweighed)]
    # (the header's places are sought only where some row's columns are left open)
    headed = {} if table.header_lines is None or all(len(c) < 2 for c in cands) else \
        _headers_by_page(table, printed, amounts_of, [table.columns[j].leaf for j in amount_cols])
    # (a total row's first figure is its total too)
    places = _drift_undone(places, [c or ((amount_cols[0],) if total and a else ())
                                    for c, a, total in zip(decided, amounts_of, is_total)], amount_cols[0])
    return places, position_ranges(places, decided, amount_cols, headed)


MIN_HEADER_NAMES = 2       # amount columns' names a page's lines above its rows print, at least, to be its header


def _headers_by_page(table: Table, printed: PrintedPages, amounts_of: list[list[tuple[str, int]]],
                     leaves: list[str]) -> dict[int, dict[int, int]]:
    """Where a header ends each amount column's name (`header_ends`), for each page printing
    the table's figures: the table's header on its page; on a page after it, the header that
    page prints again above its rows, if it does (an extractor spaces each page afresh: another
    page's header may stand elsewhere, its columns wider or narrower)."""
    assert table.header_lines is not None
    first, last = table.header_lines

    def lines(start: int, end: int) -> list[tuple[int, str]]:
        return [(k, printed.lines[k - 1]) for k in range(start, end + 1) if 0 < k <= len(printed.lines)]
    opened: dict[int, int] = {}     # page → the first line printing a figure of its rows
    for amounts in amounts_of:
        for _, k in amounts:
            page = printed.page(k)
            opened[page] = min(opened.get(page, k), k)
    headed = {printed.page(first): header_ends(leaves, lines(first, last))}
    for page in sorted(p for p in opened if p > printed.page(first)):
        again = header_ends(leaves, lines(max(table.first_line, printed.page_starts[page - 1]), opened[page] - 1))
        if len(again) >= MIN_HEADER_NAMES:
            headed[page] = again
    return headed


def _values(amounts: list[tuple[str, int]], combo: tuple[int, ...]) -> dict[int, Decimal]:
    """A row's amounts by the columns `combo` seats them in."""
    return {c: parse_amount(a) or Decimal(0) for c, (a, _) in zip(combo, amounts)}


def _forget(chosen: list[tuple[int, ...] | None], rows: list[int]) -> None:
    """The rows' placements forgotten, to be chosen afresh."""
    for i in rows:
        chosen[i] = None


def _tolerance(group: list[int]) -> Decimal:
    """How far a group's sums may miss their total: a cent a row (each rounded apart)."""
    return SETTINGS.cent * max(1, len(group))


def place_amounts(table: Table, rows: list[list[Cell]], amounts_of: list[list[tuple[str, int]]], spec: TableSpec, text_cols: list[int],
                   stated: tuple[tuple[str, Decimal], ...] = (), printed: PrintedPages | None = None,
                   natures: Mapping[str, frozenset[str]] = EMPTY_NATURES) -> None:
    amount_cols = [j for j in range(len(table.columns)) if j not in text_cols]
    over = sum(len(a) > len(amount_cols) for a in amounts_of)
    if over:        # the columns are fewer than the amounts a row prints: the surplus cannot be seated
        table.add_doubt(f"{over} row(s) print more amounts than the {len(amount_cols)} amount columns read "
                        "from the header; check the columns against the source")
    rules = catalog.resolve_rules(table.columns, spec.column_rules)
    said = _stated_by_column(table.columns, amount_cols, stated)
    is_total = [any(catalog.TOTAL_LABELS.match(c.text) for c in r if c.text) for r in rows]
    limit = max(SETTINGS.max_placements, SETTINGS.table_placements // max(1, len(rows)))
    weighed = [placements([x for x, _ in a], amount_cols, rules, total, limit) for a, total in zip(amounts_of, is_total)]
    by_totals = [found for found, _ in weighed]
    cands = [_by_stated(c, a, said, amount_cols) for c, a in zip(by_totals, amounts_of)]
    told_by_text = [len(c) < len(t) for c, t in zip(cands, by_totals)]
    # (the first classification's parts, where a row prints two)
    first_panel_end = next((end for _, end in table.panel_spans()), len(table.columns))
    code_cols = [j for j in text_cols if table.columns[j].role == ColumnRole.CODE_PART and j < first_panel_end] or [0]
    printed_codes = ["".join(r[j].text for j in code_cols) for r in rows]
    # a first column of names (项目名称, 部门名称) codes no row, unless a name opens with its code
    named_only = code_cols == [0] and bool(table.columns) and table.columns[0].role in (ColumnRole.NAME, ColumnRole.TEXT)
    classes = [code if ECONOMIC_CODE.match(code) else _economic_class(r, text_cols) for code, r in zip(printed_codes, rows)]
    # a table printing each row's code inside its first label (`2040604-基层司法业务`) is coded by it
    in_names = [m.group(1) if (m := CODE_PREFIX.match(code)) and len(m.group(1)) >= 3 and m.end() < len(code) else ""
                for code in printed_codes]
    codes = in_names if any(in_names) else [""] * len(rows) if named_only else printed_codes
    filled = _natures_filled(codes, is_total, natures)
    told_by_tables = [False] * len(rows)
    told_by_usage = [False] * len(rows)        # rows whose placement a part seldom spent alone told
    labels = [[r[j].text for j in text_cols if r[j].text] for r in rows]
    # (and, where the class narrows a row's placements, the placements without it: a unit may
    # print a class under the other column, which only its totals tell; and without the
    # subject's nature, and then without where the row is printed, too: a unit may spend on a
    # subject of basic nature (机关服务) as a project, and a continuation page set its columns
    # apart from the first page's, which only totals seated for certain tell)
    unclassed = [_by_parallel_groups(_by_nature(c, a, label, table.columns), table.columns)
                 for c, label, a in zip(cands, labels, amounts_of)]
    unnatured = [_by_parallel_groups(c, table.columns) for c in cands]
    unplaced = unnatured        # (kept as it is before the printed places narrow `unnatured`)
    cands = [_by_parallel_groups(_by_nature(_by_class(c, code, table.columns), a, label, table.columns), table.columns)
             for c, code, label, a in zip(cands, classes, labels, amounts_of)]
    # rows printing fewer figures than the columns whose placements were too many to weigh:
    # their figures stay in printed order, a guess nothing checked
    unweighed = [not by_sums for _, by_sums in weighed]
    told_by_position = [False] * len(rows)
    position_cands = list(cands)        # (a copy: settling widens `cands` row by row)
    # rows seated with no choice by their figures (not by where they are printed), or by totals
    # so seated: their totals may move other rows off what their nature or place told
    sure = [len(c) == 1 for c in cands]
    if printed is not None:
        places, ranges = _printed_ranges(table, printed, cands, amounts_of, is_total, unweighed, amount_cols)
        if ranges:
            narrowed = [_by_position(c, p, ranges, amount_cols, a, rules, not unsure)
                        for c, p, a, unsure in zip(cands, places, amounts_of, unweighed)]
            told_by_position = [n != c for n, c in zip(narrowed, cands)]
            cands, position_cands = narrowed, list(narrowed)
            unclassed, unnatured = ([_by_position(c, p, ranges, amount_cols, a, rules, not unsure)
                                     for c, p, a, unsure in zip(wider, places, amounts_of, unweighed)]
                                    for wider in (unclassed, unnatured))
    chosen: list[tuple[int, ...] | None] = [c[0] if len(c) == 1 else None for c in cands]
    guessed = [False] * len(rows)       # rows whose columns nothing decided among several
    untold = [False] * len(rows)        # rows seated to meet totals that other seats meet as well
    total_row = next((i for i, r in enumerate(rows) if not codes[i] and
                      any(catalog.TOTAL_LABELS.match(c.text) for c in r if c.text)), None)
    # codes printed a part a row in 类/款/项 columns: each row's whole code tells its level
    parts_apart = code_cols != [0] and not any(in_names)
    parents = _code_parents([replace(table, rows=rows).row_code(i) for i in range(len(rows))] if parts_apart else codes)
    top = [i for i in range(len(rows)) if codes[i] and parents[i] is None]
    kids_of: dict[int, list[int]] = {}
    for i, p in enumerate(parents):
        if p is not None:
            kids_of.setdefault(p, []).append(i)

    def settle(group: list[int], target: dict[int, Decimal] | None, allowed: set[int] | None,
               certain: bool = False) -> None:
        """Choose placements of `group`'s ambiguous rows so their column sums meet `target`.
        Where the rows' economic classes seated one so that the totals do not hold (a unit
        printing 303 对个人和家庭的补助 under 公用经费), the totals decide, where they then hold;
        so do `certain` totals (seated with no choice) where a subject's nature or the place
        the row is printed at seated one."""
        open_rows = [i for i in group if chosen[i] is None]
        choose(open_rows, group, target, allowed)
        for wider in (unclassed, unnatured, unplaced) if certain else (unclassed,):
            widened = [i for i in group if len(wider[i]) > len(cands[i])]
            if target is None or not widened or meets(group, target):
                continue
            before = {i: (chosen[i], cands[i], untold[i]) for i in group}
            for i in widened:
                cands[i] = wider[i]
            reopened = sorted(set(open_rows) | set(widened))
            for i in reopened:
                chosen[i] = None
            choose(reopened, group, target, allowed)
            if not meets(group, target):
                for i, (combo, own, was_untold) in before.items():
                    chosen[i], cands[i], untold[i] = combo, own, was_untold
        if certain and target is not None and meets(group, target):
            for i in group:
                sure[i] = True

    def choose(open_rows: list[int], group: list[int], target: dict[int, Decimal] | None,
               allowed: set[int] | None) -> None:
        """Placements for `open_rows` of `group`: those whose sums with the rest meet `target`
        (without one, each row's first)."""
        if not open_rows:
            return
        options = []
        for i in open_rows:
            opts = [c for c in cands[i] if allowed is None or set(c) <= allowed] or cands[i]
            options.append(opts)
        if target is None:
            for i, o in zip(open_rows, options):
                chosen[i] = first_choice(i, o)
                guessed[i] = len(o) > 1
            return
        fixed: dict[int, Decimal] = {}
        for i in group:
            if (combo := chosen[i]) is not None:
                for c, v in _values(amounts_of[i], combo).items():
                    fixed[c] = fixed.get(c, Decimal(0)) + v
        joint = _joint_placement([[_values(amounts_of[i], combo) for combo in opts] for i, opts in zip(open_rows, options)],
                                 fixed, target, amount_cols, _tolerance(group))
        for k, (i, opts, n) in enumerate(zip(open_rows, options, joint.picks)):
            chosen[i] = opts[n]
            untold[i] = k in joint.untold

    def meets(group: list[int], target: dict[int, Decimal]) -> bool:
        """Whether the group's chosen placements add up to `target` in every amount column."""
        sums: dict[int, Decimal] = {}
        for i in group:
            for c, v in _values(amounts_of[i], chosen[i] or ()).items():
                sums[c] = sums.get(c, Decimal(0)) + v
        return all(abs(sums.get(c, Decimal(0)) - target.get(c, Decimal(0))) <= _tolerance(group) for c in amount_cols)

    def first_choice(i: int, options: list[tuple[int, ...]]) -> tuple[int, ...]:
        """Of placements nothing else tells apart, the first that the department's spending by
        function allows for the row's code, and leaves a part seldom spent alone empty."""
        by_natures = _by_natures(options, amounts_of[i], filled[i], table.columns)
        told_by_tables[i] = by_natures[0] != options[0]
        usual = _by_usual_parts(by_natures, amounts_of[i], table.columns)
        told_by_usage[i] = usual[0] != by_natures[0]
        return usual[0]

    def told(i: int) -> bool:
        """Whether something told row i's placement: no other left, the document's figures, the
        spending table or the parts seldom spent alone (not the first of several taken)."""
        placed(i)
        return len(cands[i]) == 1 or told_by_text[i] or told_by_tables[i] or told_by_usage[i]

    def placed(i: int) -> tuple[int, ...]:
        """Row i's placement, its first candidate until one is chosen."""
        combo = chosen[i]
        if combo is None:
            combo = chosen[i] = first_choice(i, cands[i])
            guessed[i] = len(cands[i]) > 1
        return combo

    def seated_under(total: int, seat: tuple[int, ...]) -> list[tuple[int, ...] | None] | None:
        """Every row's placement where the total's figures take `seat` and the rows under it
        are seated to meet it, level by level (None where some level's rows cannot)."""
        kept, kept_untold = list(chosen), list(untold)
        chosen[total] = seat
        met = all(reseated(group, parent, parent == total) for group, parent in
                  [(top, total)] + [(kids, p) for p, kids in sorted(kids_of.items()) if kids])
        seats = list(chosen)
        chosen[:], untold[:] = kept, kept_untold
        return seats if met else None

    def reseated(group: list[int], parent: int, free: bool) -> bool:
        """Whether `group`'s rows, those with a choice seated afresh, meet their parent's figures
        (in its columns unless `free`)."""
        open_rows = [i for i in group if len(cands[i]) > 1]
        _forget(chosen, open_rows)
        goal = _values(amounts_of[parent], placed(parent))
        choose(open_rows, group, goal, None if free else set(placed(parent)))
        return meets(group, goal)

    settle(top, _values(amounts_of[total_row], placed(total_row)) if total_row is not None else None, None,
           total_row is not None and sure[total_row])
    # (a total moved past an empty column, first of several seats that the rows under it meet
    # as well: which columns they fill, nothing tells; those seated otherwise then are guesses.
    # A total in printed order is read as printed, as any row is)
    first = seated_under(total_row, placed(total_row)) if total_row is not None and top and not told(total_row) and \
        placed(total_row) != tuple(amount_cols[:len(amounts_of[total_row])]) else None
    elsewhere = next((seats for other in itertools.islice(cands[total_row], SETTINGS.total_seats_tried)
                      if other != placed(total_row) and (seats := seated_under(total_row, other)) is not None), None) \
        if first is not None and total_row is not None else None
    under_untold_total = {i for i, (one, two) in enumerate(zip(first, elsewhere)) if one != two} \
        if first is not None and elsewhere is not None else set()
    if total_row is not None and not top and not any(codes) and not table.columns_doubted and \
            told(total_row):
        # rows of no code (a unit a row) under their total: the total's figures are their
        # columns' sums, where some placement of theirs meets them all (and the columns are
        # the header's, the total's own figures seated by something: read in printed order for
        # want of anything telling otherwise, they set its rows no target)
        flat = [i for i in range(len(rows)) if i != total_row]
        before = [(chosen[i], untold[i]) for i in flat]
        target = _values(amounts_of[total_row], placed(total_row))
        settle(flat, target, None)
        if meets(flat, target):
            top = flat
        else:
            for i, (combo, was_untold) in zip(flat, before):
                chosen[i], untold[i] = combo, was_untold
    for p, kids in sorted(kids_of.items()):
        if kids:
            settle(kids, _values(amounts_of[p], placed(p)), set(placed(p)), sure[p])
    seated_by_guess = [False] * len(rows)
    for i, row in enumerate(rows):
        combo = placed(i)
        # (a row the totals moved off where it is printed was placed by the totals)
        told_by_position[i] = told_by_position[i] and combo in position_cands[i]
        # amounts in the first columns, in printed order, are read as printed (the text drops
        # trailing empty cells); amounts moved past an empty column were placed. Where other
        # columns would hold them as well and the table prints no total to check its columns
        # by, the printed order is a guess and says so; so is a move to meet totals that other
        # seats meet as well, or a total that the rows under it meet as well seated otherwise
        ambiguous = 0 < len(amounts_of[i]) < len(amount_cols) and tuple(combo) != tuple(amount_cols[:len(combo)])
        # (a row seated to meet its parent's figures is as much a guess as they were)
        guess = ((untold[i] and ambiguous) or
                 (guessed[i] or ((parent := parents[i]) is not None and seated_by_guess[parent] and len(cands[i]) > 1)) and
                 (total_row is None or not top) or (i in under_untold_total and ambiguous)) and \
            not (told_by_text[i] or told_by_tables[i])
        seated_by_guess[i] = guess
        for c, (a, line) in zip(combo, amounts_of[i]):
            why = (GUESSED if guess
                   else (PLACED_BY_POSITION if told_by_position[i] else PLACED_BY_TOTALS +
                         (BY_FIGURES_GIVEN if told_by_text[i] else "") + (BY_SPENDING_TABLE if told_by_tables[i] else ""))
                   if ambiguous else UNWEIGHED if unweighed[i] and not told_by_position[i] else "")
            row[c] = Cell(a, (line,), why)
