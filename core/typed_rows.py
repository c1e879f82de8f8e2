"""A table whose rows interleave cells of words and of figures, read by what each column's
cells print (a procurement list: the function code in parts, the unit's code, 采购项目, 采购目录,
规格型号, the count, the economic codes, the sum). Where spaces do not place the cells (a text
printing a row a line, single spaces between its cells), a row's tokens are matched in order to
the columns whose kind they fit, the best match of all; the lines between rows are its cells'
wrapped pieces, centred on the row's line (as many above it as below) or, a code, set low in
its cell."""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from .catalog import CellKind, TypedLayout
from .columns import PATH_SEPARATOR, Column, ColumnRole
from .model import clean_number
from .tokens import LONE_NUMBER, is_amount, squash

BARE_CODE = re.compile(r"[A-Z]\d{2,}")       # a catalogue entry's code (printed a space before its name: `B08 修缮工程`)
CATALOGUE_CODE = re.compile(r"(?<![A-Za-z])[A-Z]\d{2,}(?![\dA-Za-z])")    # … anywhere in a token (`网络平台开发C0206…`)
KIND_PATTERNS = {
    CellKind.FUNCTION_CLASS: re.compile(r"2\d{2}"),
    CellKind.DEPARTMENT_CLASS: re.compile(r"3\d{2}"),
    CellKind.GOVERNMENT_CLASS: re.compile(r"5\d{2}"),
    CellKind.CODE2: re.compile(r"\d{2}"),
    CellKind.DIGITS: re.compile(r"\d{1,9}"),
    CellKind.UNIT_CODE: re.compile(r"\d|\d{3}(?:\d{3})?"),
    CellKind.CATALOGUE: re.compile(BARE_CODE.pattern + r"(?:\D.*)?"),
    CellKind.COUNT: re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"),
    # (a year of this century or the last, so a sum of two decimals is none; and its hour)
    CellKind.DATE: re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}.*|\d{1,2}月.*|\d{1,2}:\d{2}(?::\d{2})?"),
}
# how surely a token fitting a kind is that column's: a specific shape surest, words least; of
# like tokens the row's label first, a count before a unit's code (`1`: every item row prints
# its count), 规格型号 before other words (its templates fill it)
STRENGTH = {CellKind.FUNCTION_CLASS: 3.0, CellKind.DEPARTMENT_CLASS: 3.0, CellKind.GOVERNMENT_CLASS: 3.0,
            CellKind.CODE2: 3.0, CellKind.DIGITS: 2.0, CellKind.UNIT_CODE: 2.0, CellKind.CATALOGUE: 3.0,
            CellKind.COUNT: 2.05, CellKind.DATE: 3.0, CellKind.AMOUNT: 3.0, CellKind.NAME: 1.1, CellKind.WORDS: 1.0,
            CellKind.ANY: 1.05, CellKind.CATALOGUE_NAME: 1.08}
# (an entry named alone is words, yet surer under 采购目录, which every item fills, than under
# 规格型号 or 购买服务内容, which most leave empty)
CODE_KINDS = frozenset({CellKind.FUNCTION_CLASS, CellKind.DEPARTMENT_CLASS, CellKind.GOVERNMENT_CLASS,
                        CellKind.CODE2})
# cells a piece of words may go on
WORDED = frozenset({CellKind.NAME, CellKind.WORDS, CellKind.CATALOGUE, CellKind.CATALOGUE_NAME, CellKind.ANY})
SPACED = WORDED | {CellKind.DATE}       # cells that may print a space in them (`2022-10-01 08:00:00`)
JOINED = 0.1        # a further token joined into a cell of words (printed with a space in it)
MIN_ROWS = 2
MIN_FIGURES = 2     # a row's line fills its sum's column and another of figures at least (`201001 传部` is pieces)


class TypedCell(NamedTuple):
    text: str
    lines: tuple[int, ...]


class TypedRows(NamedTuple):
    columns: list[str]                  # the columns' paths
    rows: list[list[TypedCell]]
    body_from: int                      # the first row's line


def _fits(kind: CellKind, token: str) -> bool:
    if kind == CellKind.AMOUNT:
        return is_amount(token)
    if kind in (CellKind.NAME, CellKind.WORDS, CellKind.CATALOGUE_NAME):
        return not is_amount(token)
    if kind == CellKind.ANY:
        return True
    return KIND_PATTERNS[kind].fullmatch(token) is not None


def _cell_score(kind: CellKind, tokens: Sequence[str]) -> float:
    """How surely these tokens are one cell of the kind: a catalogue entry's code and name a
    space apart (`B08 修缮工程`) surely one, other words joined barely."""
    if kind == CellKind.CATALOGUE and len(tokens) == 2 and BARE_CODE.fullmatch(tokens[0]):
        return STRENGTH[kind] + STRENGTH[CellKind.NAME] + JOINED
    return STRENGTH[kind] + JOINED * (len(tokens) - 1)


def _units(kinds: Sequence[CellKind], parents: Sequence[str]) -> list[list[int]]:
    """The columns as the match fills them: a code printed in parts (`类 款 项` under one group)
    is filled whole or left empty, its parts never apart; every other column alone."""
    units: list[list[int]] = []
    for j, kind in enumerate(kinds):
        coded = kind in CODE_KINDS and parents[j]
        if units and coded and kinds[units[-1][-1]] in CODE_KINDS and parents[units[-1][-1]] == parents[j]:
            units[-1].append(j)
        else:
            units.append([j])
    return units


def aligned(tokens: Sequence[str], kinds: Sequence[CellKind], parents: Sequence[str] | None = None
            ) -> list[list[int]] | None:
    """The tokens each column takes (in order, every token taken, a column of words taking
    several where they print more than its share, a code's parts all or none: `parents`, each
    column's group), the surest such match; None where none is."""
    matched = _match(tokens, kinds, parents)
    return None if matched is None else matched[1]


def _match(tokens: Sequence[str], kinds: Sequence[CellKind], parents: Sequence[str] | None
           ) -> tuple[float, list[list[int]]] | None:
    n = len(tokens)
    units = _units(kinds, parents or [""] * len(kinds))
    worst = float("-inf")
    best = [[worst] * (len(units) + 1) for _ in range(n + 1)]
    step = [[0] * (len(units) + 1) for _ in range(n + 1)]      # tokens the unit took
    best[0] = [0.0] * (len(units) + 1)
    for u, unit in enumerate(units, start=1):
        kind = kinds[unit[0]]
        for i in range(n + 1):
            best[i][u], step[i][u] = best[i][u - 1], 0
            counts = range(1, i + 1) if len(unit) == 1 and kind in SPACED else [len(unit)] if len(unit) <= i else []
            for took in counts:
                first = i - took
                if best[first][u - 1] == worst:
                    continue
                if len(unit) == 1:
                    fit = _fits(kind, tokens[first]) and all(
                        _fits(CellKind.WORDS if kind == CellKind.CATALOGUE else kind, t) for t in tokens[first + 1:i])
                    score = _cell_score(kind, tokens[first:i])
                else:
                    fit = all(_fits(kinds[j], t) for j, t in zip(unit, tokens[first:i]))
                    score = sum(STRENGTH[kinds[j]] for j in unit)
                if fit and best[first][u - 1] + score > best[i][u]:
                    best[i][u], step[i][u] = best[first][u - 1] + score, took
    if best[n][len(units)] == worst:
        return None
    taken: list[list[int]] = [[] for _ in kinds]
    i = n
    for u in range(len(units), 0, -1):
        took, unit = step[i][u], units[u - 1]
        if len(unit) == 1:
            taken[unit[0]] = list(range(i - took, i))
        elif took:
            for j, t in zip(unit, range(i - took, i)):
                taken[j] = [t]
        i -= took
    return best[n][len(units)], taken


# two cells printed without a space between them, and what parting them costs (more than the
# surest cell it adds, less than the match it makes): a count and an economic code (`1302`: 1
# and 302, where the code's parts then fill), a name and its catalogue entry (`网络平台开发C0206…`)
GLUED_CELLS = ((re.compile(r"(\d{1,4})(\d{3})"), 4.5),
               (re.compile(r"(.*[^\x00-\x7f])(" + BARE_CODE.pattern + r"\D.*)"), 2.0))


def _parted(tokens: list[str], kinds: Sequence[CellKind], parents: Sequence[str]) -> tuple[list[str], list[list[int]]] | None:
    """The row's tokens, with tokens of two cells glued parted where that matches the row more
    surely (one of them, or all), and the tokens each column takes (as `aligned`); None where
    no match is."""
    glued = {i: (m, cost) for i, token in enumerate(tokens) for pattern, cost in GLUED_CELLS
             if (m := pattern.fullmatch(token))}
    choices: list[set[int]] = [set()] + [{i} for i in glued] + ([set(glued)] if len(glued) > 1 else [])
    best: tuple[float, list[str], list[list[int]]] | None = None
    for parting in choices:
        candidate = [part for i, token in enumerate(tokens)
                     for part in (glued[i][0].groups() if i in parting else [token])]
        matched = _match(candidate, kinds, parents)
        score = matched[0] - sum(glued[i][1] for i in parting) if matched is not None else 0.0
        if matched is not None and (best is None or score > best[0]):
            best = (score, candidate, matched[1])
    return None if best is None else (best[1], best[2])


def _layout_columns(layout: TypedLayout, header: str) -> list[tuple[str, CellKind]] | None:
    """The layout's columns the header prints (its optional ones where it prints their word);
    None where the header does not print the layout's words."""
    if not all(squash(w) in header for w in layout.header_words):
        return None
    optional = dict(layout.optional)
    return [(path, kind) for path, kind in layout.columns if path not in optional or squash(optional[path]) in header]


def read_typed_rows(content: Sequence[tuple[int, str]], layouts: Sequence[TypedLayout]) -> TypedRows | None:
    """The table's rows read by what each column prints, under the first layout its header
    (the lines before its first figure) prints; None where none fits, a line between the rows
    fits no row's empty cells, or fewer than two rows read."""
    first = next((i for i, (_, line) in enumerate(content) if any(is_amount(t) for t in line.split())), None)
    if first is None:
        return None
    header = squash("".join(line for _, line in content[:first]))
    # (a page after the first prints the header again, and its number: no row, no piece)
    again = {line for _, line in content[:first]}
    body = [(k, line) for k, line in content[first:] if line not in again and not LONE_NUMBER.match(line)]
    # (a list whose catalogue entries print no code names them alone: Xi'an's 2020 template)
    named = sum(CATALOGUE_CODE.search(t) is not None for _, line in body for t in line.split()) < MIN_ROWS
    for layout in layouts:
        columns = _layout_columns(layout, header)
        if columns is not None and named:
            columns = [(path, CellKind.CATALOGUE_NAME if kind == CellKind.CATALOGUE else kind) for path, kind in columns]
        if columns is not None:
            read = _rows(body, columns)
            if read is not None and len(read.rows) >= MIN_ROWS:
                return read
    return None


class _Row:
    """A row as read: its cells' tokens (with their lines) column by column, and the columns
    its head pieces went on (its tail pieces go on the same)."""

    def __init__(self, k: int, tokens: list[str], taken: list[list[int]]) -> None:
        self.k = k
        self.cells: list[list[tuple[str, int]]] = [[(tokens[i], k) for i in took] for took in taken]
        self.heads = 0
        self.wrapped: list[int] = []

    def put(self, k: int, tokens: list[str], kinds: Sequence[CellKind], before: bool) -> bool:
        """A piece's tokens on the row's cells of words (the columns its heads went on, then its
        empty ones, a catalogue entry on its column): whether every token found a cell."""
        open_ = self.wrapped + [j for j, kind in enumerate(kinds)
                                if kind in WORDED and not self.cells[j] and j not in self.wrapped]
        placed: list[int] = []
        for token in tokens:
            if is_amount(token):
                return False        # (a figure is no wrapped piece of words: the lines are no such cells)
            # (a catalogue entry wrapped goes on in words, `C0599其他维修和保养服` / `务`; nothing
            # comes before its code)
            left = [j for j in open_ if j not in placed and
                    _fits(CellKind.WORDS if kinds[j] == CellKind.CATALOGUE and j in self.wrapped and not before
                          else kinds[j], token)]
            catalogue = [j for j in left if kinds[j] == CellKind.CATALOGUE and not self.cells[j]]
            if not left:
                return False
            # (a column its heads went on, else the empty one its kind fills surest, right of
            # the token before it)
            after = [j for j in left if not placed or j > placed[-1]] or left
            placed.append((catalogue or [j for j in after if j in self.wrapped] or
                           [max(after, key=lambda j: _cell_score(kinds[j], [token]))])[0])
        for j, token in zip(placed, tokens):
            self.cells[j] = [(token, k)] + self.cells[j] if before else self.cells[j] + [(token, k)]
            if j not in self.wrapped:
                self.wrapped.append(j)
        return True

    def set_low(self, k: int, tokens: list[str], kinds: Sequence[CellKind]) -> list[str] | None:
        """The codes a line right under the row's line opens with, each fitting an empty column
        of the row's not of words (`234001` under `西安市气象局 1 142500`, `251009 心`): the row's,
        set low in their cells; the words after them left (None where the codes fit no such
        columns)."""
        codes = list(itertools.takewhile(str.isdigit, tokens))
        empty = [j for j, kind in enumerate(kinds) if kind not in WORDED and not self.cells[j]]
        taken = aligned(codes, [kinds[j] for j in empty]) if codes else None
        if taken is None:
            return None
        for j, took in zip(empty, taken):
            if took:
                self.cells[j] = [(codes[i], k) for i in took]
        return tokens[len(codes):]


def _rows(body: Sequence[tuple[int, str]], columns: list[tuple[str, CellKind]]) -> TypedRows | None:
    """The rows under these columns; a column numbering them (序号) kept where the rows print
    their numbers (a caller reading them apart gives them back)."""
    kinds = [kind for _, kind in columns]
    parents = [path.rpartition(PATH_SEPARATOR)[0] for path, _ in columns]
    amount = kinds.index(CellKind.AMOUNT)
    rows: list[_Row] = []
    pieces: list[tuple[int, list[str]]] = []        # the lines since the last row's
    for k, line in body:
        printed = line.split()
        matched = _parted(printed, kinds, parents) if any(is_amount(t) for t in printed) else None
        if matched is None or not matched[1][amount] or \
                sum(bool(took) for took, kind in zip(matched[1], kinds) if kind not in WORDED) < MIN_FIGURES:
            pieces.append((k, printed))
            continue
        tokens, taken = matched
        row = _Row(k, tokens, taken)
        if not _pieces_shared(rows[-1] if rows else None, row, pieces, kinds):
            return None
        rows.append(row)
        pieces = []
    if not rows or not _pieces_shared(rows[-1], None, pieces, kinds):
        return None
    used = [j for j, (path, _) in enumerate(columns)
            if Column.parse(path).role != ColumnRole.ORDINAL or any(row.cells[j] for row in rows)]
    out = [[_cell(row.cells[j], kinds[j]) for j in used] for row in rows]
    return TypedRows([columns[j][0] for j in used], out, body[0][0])


def _pieces_shared(upper: _Row | None, lower: _Row | None, pieces: list[tuple[int, list[str]]],
                   kinds: Sequence[CellKind]) -> bool:
    """The lines between two rows given to them: a code set low to the upper row; as many as
    the upper row's cells printed above its line, the rest of them; the others the lower
    row's heads. Whether every line found its cells."""
    if pieces and upper is not None and pieces[0][0] == upper.k + 1 and \
            (words := upper.set_low(*pieces[0], kinds)) is not None:
        pieces = ([(pieces[0][0], words)] if words else []) + pieces[1:]
    tails = len(pieces) if lower is None else min(upper.heads if upper is not None else 0, len(pieces))
    for k, tokens in pieces[:tails]:
        if upper is None or not upper.put(k, tokens, kinds, before=False):
            return False
    if lower is not None:
        heads = pieces[tails:]
        for k, tokens in reversed(heads):
            if not lower.put(k, tokens, kinds, before=True):
                return False
        lower.heads = len(heads)
    return True


def _cell(tokens: list[tuple[str, int]], kind: CellKind) -> TypedCell:
    text = "".join(t for t, _ in tokens)
    if kind in (CellKind.AMOUNT, CellKind.COUNT) and text:
        text = clean_number(text)
    return TypedCell(text, tuple(sorted({k for _, k in tokens})))
