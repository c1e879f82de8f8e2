"""A layout text's table cut into cells by its columns of spaces, as a PDF's ruling cuts it.

pdftotext -layout and pdfplumber's layout text keep a page's columns as runs of spaces: every
row of a grid leaves the gaps between its columns blank. Where the printed header names
columns no template of the table's kind knows (a region's 政府采购预算表 with words in
several columns), those gaps tell each cell's column, words and empty cells included, which
tokens alone cannot. Header cells are centred over their columns and CJK text drifts in a
layout text, so the columns are found from the rows; a header word standing over no row's
cells heads a column of its own (a column every row leaves empty)."""
from __future__ import annotations

from collections.abc import Sequence

from .catalog import TOTAL_LABELS
from .reader import normalise
from .tokens import (
    CHUNK,
    SPACED_APART,
    PrintedPages,
    is_amount,
    is_column_number_row,
    is_short_number,
    line_tokens,
    numbers_columns,
)

Span = tuple[int, int]          # [start, end) in a printed line's characters
Chunks = list[tuple[Span, str]]     # a line's runs of printed characters, each with where it stands
LINE_END = 10 ** 6      # past the end of any printed line: where the last column's span ends


def _chunks(line: str) -> Chunks:
    """A line's runs of printed characters; a total's label printed letter-spaced (`合   计`) is one."""
    out: Chunks = []
    for m in CHUNK.finditer(line):
        if out and len(m.group()) == len(out[-1][1]) == 1 and TOTAL_LABELS.fullmatch(out[-1][1] + m.group()):
            out[-1] = ((out[-1][0][0], m.end()), out[-1][1] + m.group())
        else:
            out.append(((m.start(), m.end()), m.group()))
    return out


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _row_spans(lines: Sequence[Chunks]) -> list[Span]:
    """The runs of characters that some row prints in, between runs every row leaves blank."""
    width = max((chunks[-1][0][1] for chunks in lines if chunks), default=0)
    printed = [False] * width
    for chunks in lines:
        for (start, end), _ in chunks:
            printed[start:end] = [True] * (end - start)
    spans, x = [], 0
    while x < width:
        if printed[x]:
            start = x
            while x < width and printed[x]:
                x += 1
            spans.append((start, x))
        else:
            x += 1
    return spans


def _best_span(chunk: Span, spans: list[Span]) -> int:
    """The column a chunk belongs to: the one it overlaps most, else the nearest."""
    return max(range(len(spans)), key=lambda j: (_overlap(chunk, spans[j]), -abs(chunk[0] - spans[j][0])))


def _with_header_spans(header: Sequence[Chunks], spans: list[Span]) -> list[Span] | None:
    """The rows' columns, and one more for each header word over none of them (a column every
    row leaves empty). None where two words of a header line, printed apart, stand over one
    run of the rows' cells: the spaces do not part those columns (CJK text running on to the
    next column's cells, a space from them)."""
    spans = list(spans)
    for chunks in header:
        over: dict[int, Span] = {}      # the word over each run of cells
        added: list[Span] = []
        for chunk, _ in chunks:
            j = _best_span(chunk, spans) if spans else -1
            if j < 0 or _overlap(chunk, spans[j]) <= -SPACED_APART:
                added.append(chunk)     # (a word a space from a run, centred over a narrow column, heads it)
            elif j not in over:
                over[j] = chunk
            elif chunk[0] - over[j][1] < SPACED_APART:
                over[j] = (over[j][0], chunk[1])        # one word printed with a space in it
            else:
                return None
        spans = sorted(spans + added)
    return spans


def _numbered_spans(header: Sequence[Chunks]) -> list[Span] | None:
    """The columns as the header's row of column numbers places them (`**  1  2 … 17`, a number
    or mark centred over each column): every column, those no row fills among them, where the
    gaps between the rows' cells cannot tell narrow columns apart. Each column reaches halfway
    to its neighbours. None where the header numbers no columns (three at least, 1, 2, 3 …)."""
    for chunks in header:
        texts = [text for _, text in chunks]
        if numbers_columns([t for t in texts if t.isdigit()]) and is_column_number_row(texts):
            centres = [(start + end) / 2 for (start, end), _ in chunks]
            bounds = [0] + [round((a + b) / 2) for a, b in zip(centres, centres[1:])] + [LINE_END]
            return list(zip(bounds, bounds[1:]))
    return None


def _spaced_apart(chunks: Chunks) -> bool:
    """Whether a line parts two of its cells by more than one space (keeps its columns)."""
    return any(b[0][0] - a[0][1] >= SPACED_APART for a, b in zip(chunks, chunks[1:]))


def _is_figure(chunk: str) -> bool:
    return any(is_amount(t) for t in line_tokens(normalise(chunk)))


def _is_row(texts: Sequence[str]) -> bool:
    """A line (its chunks' or cells' texts) printing a figure, not a column number: the grid's
    rows start at the first."""
    return any(is_amount(t) and not is_short_number(t) for t in line_tokens(normalise(" ".join(texts))))


def cells_by_spaces(printed: PrintedPages, content: Sequence[tuple[int, str]]
                    ) -> tuple[list[tuple[int, str]], int] | None:
    """The table's lines as tab-separated cells, each cut by the columns its rows leave spaces
    between (see the module's note), and the line its rows start at; None where the lines keep
    no columns of spaces, or where the cut is in doubt. The pages after the first are spaced
    afresh by the extractor: their columns are laid over the first page's (see `_laid_over`)."""
    lines = [(k, _chunks(printed.lines[k - 1].replace("\f", ""))) for k, _ in content if 0 < k <= len(printed.lines)]
    first = next((i for i, (_, chunks) in enumerate(lines) if _is_row([t for _, t in chunks])), None)
    if first is None:       # a table printed empty: its rows start at its total's label, alone on its line
        first = next((i for i, (_, chunks) in enumerate(lines)
                      if len(chunks) == 1 and TOTAL_LABELS.fullmatch(chunks[0][1].replace(" ", ""))), None)
    if first is None or not any(_spaced_apart(chunks) for _, chunks in lines):
        return None
    pages: dict[int, list[Chunks]] = {}
    for k, chunks in lines[first:]:
        pages.setdefault(printed.page(k), []).append(chunks)
    page_spans = [_row_spans(page) for page in pages.values()]
    header = [chunks for _, chunks in lines[:first]]
    spans = _with_header_spans(header, page_spans[0])
    numbered = _numbered_spans(header)
    if numbered is not None and (spans is None or len(spans) < len(numbered)):
        spans = numbered
    if spans is None or len(spans) < 2:
        return None
    moves = {page: _laid_over(own, page_spans[0]) for page, own in zip(list(pages)[1:], page_spans[1:])}
    if None in moves.values():
        return None
    headed = {_best_span(chunk, spans) for _, chunks in lines[:first] for chunk, _ in chunks}
    grid = []
    for k, chunks in lines:
        move = moves.get(printed.page(k)) or (1.0, 0.0)
        cells = [""] * len(spans)
        last: tuple[int, int] | None = None        # the column and end of the line's chunk before
        for (start, end), text in chunks:
            j = _best_span((_moved(start, move), _moved(end, move)), spans)
            if j not in headed and last is not None and start - last[1] < SPACED_APART and \
                    not _is_figure(text) and not _is_figure(cells[last[0]]):
                j = last[0]     # words a space apart, the second under no header: one cell (`一、货物 A`)
            if cells[j] and (_is_figure(cells[j].split()[-1]) or _is_figure(text)):
                return None     # a figure beside more in one column: the spaces keep no columns here
            cells[j] = f"{cells[j]} {text}" if cells[j] else text
            last = (j, end)
        grid.append((k, [normalise(c) for c in cells]))
    _centred_leaves_raised([cells for _, cells in grid[:first]])
    body = _centred_pieces_joined(grid[first:])
    if body is None:
        return None
    grid = grid[:first] + body
    for j in reversed(range(len(spans))):
        into = _column_taking(grid, first, spans, j)
        if into is not None:
            for _, cells in grid:
                cells[into] = cells[into] or cells[j]
                del cells[j]
            del spans[j]
    return [(k, "\t".join(cells)) for k, cells in grid], lines[first][0]


Move = tuple[float, float]      # a later page's positions on the first page's: x · scale + shift


def _moved(x: int, move: Move) -> int:
    return round(x * move[0] + move[1])


def _laid_over(own: list[Span], first: list[Span]) -> Move | None:
    """Where a later page's columns (`own`) stand on the first page's (`first`): the extractor
    spaces each page by its own character width, so the page's positions are scaled and
    shifted. Their last columns' ends (a grid ends in figures, aligned right) meet; of the
    scalings that also bring one column's start onto one of the first page's, the one that
    brings every column nearest a first-page column is taken. None where some column then
    overlaps none of the first page's (the page keeps other columns)."""
    if not own or not first:
        return None
    right, target = own[-1][1], first[-1][1]
    moves = [(1.0, float(target - right))]
    for start, _ in own[:-1]:
        for anchor, _ in first[:-1]:
            scale = (target - anchor) / (right - start)
            if 0.5 <= scale <= 2:
                moves.append((scale, target - right * scale))
    move = min(moves, key=lambda m: sum(min(abs(_moved(a, m) - b) for b, _ in first) for a, _ in own))
    if any(max(_overlap((_moved(a, move), _moved(b, move)), span) for span in first) <= 0 for a, b in own):
        return None
    return move


def _centred_pieces_joined(body: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]] | None:
    """Rows with their cells' wrapped pieces joined in: a layout text prints a cell of several
    lines centred on its row's line (the line with the row's figures), as many of its lines
    above that line as below it. The lines without figures between two rows are, column by
    column, the end of the upper row's cells (as many lines as the upper row had above it)
    and then the start of the lower row's. Pieces no row takes stay where they are. None where
    a cell's pieces below its row's line fall short of those above (rows printing no figure:
    their lines are rows, not pieces)."""
    rows = [i for i, (_, cells) in enumerate(body) if _is_row(cells)]
    if not rows:
        return body
    lines = [list(cells) for _, cells in body]
    heads = [0] * len(lines[0])         # the pieces above the last row, column by column
    bounds = [-1] + rows + [len(body)]
    for upper, lower in zip(bounds, bounds[1:]):
        for j in range(len(heads)):
            pieces = [i for i in range(upper + 1, lower) if lines[i][j]]
            tail = pieces[:heads[j]] if upper >= 0 else []
            if len(tail) < heads[j]:
                return None
            head = pieces[len(tail):] if lower < len(body) else []
            if tail:
                lines[upper][j] += "".join(lines[i][j] for i in tail)
            if head:
                lines[lower][j] = "".join(lines[i][j] for i in head) + lines[lower][j]
            for i in tail + head:
                lines[i][j] = ""
            heads[j] = len(head)
    return [(body[i][0], cells) for i, cells in enumerate(lines) if any(cells)]


def _column_taking(grid: list[tuple[int, list[str]]], first: int, spans: list[Span], j: int) -> int | None:
    """The headed column next to column `j` that `j`'s cells belong to, where `j` has no
    header word and no row prints in both (a cell printed off its column's alignment: a
    short code left of the codes under 单位编码); the nearer if both do. None otherwise."""
    if any(cells[j] for _, cells in grid[:first]):
        return None
    rows = [cells for _, cells in grid[first:]]
    sides = [n for n in (j - 1, j + 1) if 0 <= n < len(spans) and any(cells[n] for _, cells in grid[:first])
             and not any(cells[j] and cells[n] for cells in rows)]
    return min(sides, key=lambda n: abs(spans[n][0] - spans[j][0]), default=None)


def _centred_leaves_raised(header: list[list[str]]) -> None:
    """A column headed by one word printed between the header's first and last lines is a
    leaf centred down the header's height: it moves to the first line, where a ruled grid
    prints a merged cell (and where it stops the group word beside it from spanning over it)."""
    if len(header) < 2:
        return
    for j in range(len(header[0])):
        printed = [i for i, cells in enumerate(header) if cells[j]]
        if len(printed) == 1 and 0 < printed[0] < len(header) - 1:
            header[0][j], header[printed[0]][j] = header[printed[0]][j], ""
