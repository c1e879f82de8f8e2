"""Cells wrapped around their row's line in a layout text, put back on that line.

A PDF centres a cell's lines on its row: a label of two lines prints one above the row's line
and one below, a label of three its middle line on it. A layout text keeps those lines apart,
so a row's line may print its figures beside no label of theirs, its labels' pieces on the
lines around it (`1、一般公共服务` / `2 1、财政拨款 703768605.8 0.00 …` / `支出`). Each piece
stands over the place its cell takes on the row's line (a gap between the line's other cells,
or the cell it wraps), which tells whose it is; the lines between two rows end the upper row's
cells (as many lines as each printed above) and open the lower's. A table is read so only
where every cell's pieces keep that count, and no row's line opens an item (`2、外交支出`) its
pieces above would precede (a label printed from its row's line down runs on below it, and
would keep the count too); else it is left as printed. The reader tries this on a table whose
reading as printed is doubted, and keeps it where it reads the table undoubted."""
from __future__ import annotations

from dataclasses import replace

from .reader import normalise
from .tokens import CHUNK, CJK, LABEL_START, SPACED_APART, PrintedPages, is_amount, line_tokens

Chunk = tuple[int, int, str]        # where a run of print starts and ends on its line, and its text
Slot = tuple[bool, int]             # on the row's line: (over a cell of words, that cell's index) or (in a gap, its index)
Piece = tuple[int, int, str]        # a cell's piece: its line, where it starts on it, its text
Joined = dict[int, list[tuple[str, tuple[int, ...]]]]      # row's line → (its cell as joined, the lines it was drawn from)


def _chunks(line: str) -> list[Chunk]:
    """A line's runs of print, words a single space apart one run (`一、 部门预算`)."""
    out: list[Chunk] = []
    for m in CHUNK.finditer(line):
        if out and m.start() - out[-1][1] < SPACED_APART and not _is_figure(out[-1][2]) and not _is_figure(m.group()):
            out[-1] = (out[-1][0], m.end(), f"{out[-1][2]} {m.group()}")
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


def _runs_on(tail: Slot, head: Slot, lower: list[Chunk], heads: dict[Slot, list[Piece]]) -> bool:
    """Whether a piece under a row's cell of words runs that cell on, as a cell printed from
    its row's line down does: the lower row's cell it would open instead opens an item (`11、`)
    and has no piece above it yet."""
    return tail[0] and head[0] and head not in heads and bool(LABEL_START.match(lower[head[1]][2]))


def _is_figure(text: str) -> bool:
    """Whether a run of print holds an amount (a row's line is a line that prints one)."""
    return any(is_amount(t) for t in line_tokens(normalise(text)))


def _slot(piece: Chunk, row: list[Chunk]) -> Slot:
    """Where a piece stands on a row's line, by where it starts: over one of its cells of words,
    else in the gap its start falls in — past a figure it starts within (a cell's words start
    at its left, a figure ends at its right, and a row's line drifts right of the lines around
    it where it prints more wide characters before)."""
    within = next((i for i, (start, end, _) in enumerate(row) if start <= piece[0] < end), None)
    if within is not None and not _is_figure(row[within][2]):
        return True, within
    return False, sum(start <= piece[0] for start, _, _ in row)


def cells_put_back_on_their_rows(content: list[tuple[int, str]], printed: PrintedPages
                                 ) -> tuple[list[tuple[int, str]], PrintedPages, Joined]:
    """The table's lines with the pieces of cells wrapped around their rows' lines put back on
    them (see the module's note), the text as printed with those rows' lines so (the source
    stays as it is), and each such row's joined cells with the lines they were drawn from.
    Unchanged where some cell's pieces break the count, a piece is no words, or none wraps."""
    unchanged: tuple[list[tuple[int, str]], PrintedPages, Joined] = (content, printed, {})
    lines = [(k, _chunks(printed.lines[k - 1].replace("\f", ""))) for k, _ in content if 0 < k <= len(printed.lines)]
    if len(lines) != len(content):
        return unchanged
    rows = [i for i, (_, chunks) in enumerate(lines) if any(_is_figure(t) for _, _, t in chunks)]
    # each row's cells' pieces above its line and below it, top down, by the slot they stand over
    above: list[dict[Slot, list[Piece]]] = [{} for _ in rows]
    below: list[dict[Slot, list[Piece]]] = [{} for _ in rows]
    for n, upper in enumerate(rows):
        lower = rows[n + 1] if n + 1 < len(rows) else None
        same_page = lower is not None and printed.page(lines[upper][0]) == printed.page(lines[lower][0])
        lower_cells = lines[lower][1] if lower is not None else []
        owed = {slot: len(pieces) for slot, pieces in above[n].items()}     # lines each cell still prints below
        for k, chunks in lines[upper + 1:lower]:
            if printed.page(k) != printed.page(lines[upper][0]) or (lower is None and not any(owed.values())):
                break       # the next page's header printed again, or what follows the last row's cells
            for start, end, text in chunks:
                if not CJK.search(text) or _is_figure(text):
                    return unchanged
                tail = _slot((start, end, text), lines[upper][1])
                head = _slot((start, end, text), lower_cells) if lower is not None else None
                if LABEL_START.match(text):
                    owed[tail] = 0      # (an item's number opens a cell: the lower row's)
                elif owed.get(tail, 0) > 0 or (head is not None and _runs_on(tail, head, lower_cells, above[n + 1])):
                    owed[tail] = max(owed.get(tail, 0) - 1, 0)
                    below[n].setdefault(tail, []).append((k, start, text))
                    continue
                if head is None or not same_page:
                    return unchanged
                above[n + 1].setdefault(head, []).append((k, start, text))
        if any(owed.values()):
            return unchanged
    if not any(above) and not any(below):
        return unchanged
    if any(on_cell and LABEL_START.match(lines[i][1][at][2]) for n, i in enumerate(rows) for on_cell, at in above[n]):
        return unchanged        # a cell's line opening an item (`2、`) is its first: pieces below rows run on
    joined: Joined = {}
    row_lines: dict[int, str] = {}
    for n, i in enumerate(rows):
        if above[n] or below[n]:
            k, chunks = lines[i]
            row_lines[k], joined[k] = _row_line(chunks, above[n], below[n], k)
    drawn = {piece[0] for n in range(len(rows)) for pieces in (*above[n].values(), *below[n].values())
             for piece in pieces}
    as_read = dict(content)
    if any(normalise(printed.lines[k - 1].replace("\f", "")) != as_read[k] for k in drawn | row_lines.keys()):
        return unchanged        # (the text's view joined more to these lines than they print: a cut figure's rest)
    kept = [(k, normalise(row_lines[k]) if k in row_lines else line) for k, line in content if k not in drawn]
    as_printed = tuple(row_lines.get(k, line) for k, line in enumerate(printed.lines, start=1))
    return kept, replace(printed, lines=as_printed), joined


def _row_line(chunks: list[Chunk], above: dict[Slot, list[Piece]], below: dict[Slot, list[Piece]], k: int
              ) -> tuple[str, list[tuple[str, tuple[int, ...]]]]:
    """A row's line with its cells' pieces put back, and its cells so joined with the lines
    each was drawn from. A cell in a gap stands where its first piece does."""
    cells: list[tuple[int, str]] = []
    joined: list[tuple[str, tuple[int, ...]]] = []

    def whole(head: list[Piece], on_line: str, tail: list[Piece]) -> str:
        text = "".join(t for _, _, t in head) + on_line + "".join(t for _, _, t in tail)
        joined.append((text, tuple(sorted({k, *(line for line, _, _ in head + tail)}))))
        return text
    for i, (start, _, text) in enumerate(chunks):
        head, tail = above.get((True, i), []), below.get((True, i), [])
        cells.append((start, whole(head, text, tail) if head or tail else text))
    for slot, head in above.items():
        if not slot[0]:
            cells.append((head[0][1], whole(head, "", below.get(slot, []))))
    return _laid_out(sorted(cells)), joined


def _laid_out(cells: list[tuple[int, str]]) -> str:
    """Cells printed on one line each where it starts, or as far left as leaves the next cell
    room (a joined label is wider than any of its pieces), or right after the cell before."""
    line = ""
    for n, (start, text) in enumerate(cells):
        room = cells[n + 1][0] - SPACED_APART - len(text) if n + 1 < len(cells) else start
        at = max(min(start, room), len(line) + SPACED_APART if line else 0)
        line = line.ljust(at) + text
    return line
