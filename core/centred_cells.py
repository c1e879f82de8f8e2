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
would keep the count too); else it is left as printed. Where the table numbers its rows (序号),
its rows' lines are those its numbers open, and a figure printed on a line between two of them
(its cell drawn a little off its number's line) is the nearer one's, set on its line where that
leaves its place empty; as near both, the one that leaves it so, or where both do, the one on
the side the table's other figures print off their rows. The reader tries this on a table
whose reading as printed is doubted, and keeps it where it reads the table undoubted."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from .reader import normalise
from .tokens import CHUNK, CJK, LABEL_START, SPACED_APART, PrintedPages, is_amount, line_tokens, squash

DRIFT = 2 * SPACED_APART      # columns a line's print drifts from the lines around it (more wide characters before)
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


def _runs_on(piece: str, tail: Slot, head: Slot, upper: list[Chunk], lower: list[Chunk],
             heads: dict[Slot, list[Piece]], under_lower: list[tuple[int, list[Chunk]]], numbered_alone: bool) -> bool:
    """Whether a piece under a row's cell of words runs that cell on, as a cell printed from
    its row's line down does: the lower row's cell it would open instead (or its gap, where
    that row prints its number alone: `numbered_alone`; a gap over a line of figures is where
    their label prints) has no piece above it yet, and opens an item (`11、`), or prints no
    line below its row's (`under_lower`: a cell centred on its line prints as many lines below
    it as above) while the upper's line is as wide as the piece (a label wraps where its line
    is full)."""
    return tail[0] and head not in heads and (head[0] or numbered_alone) and (
        (head[0] and bool(LABEL_START.match(lower[head[1]][2]))) or
        (len(upper[tail[1]][2]) >= len(piece) and not _words_below(head, lower, under_lower)))


def _words_below(slot: Slot, row: list[Chunk], under: list[tuple[int, list[Chunk]]]) -> int:
    """How many pieces of words the lines under a row's line (`under`) print in its slot (a
    code printed there is no piece of a cell's words)."""
    return sum(_slot(chunk, row) == slot and not _is_figure(chunk[2]) for _, chunks in under for chunk in chunks)


def _ends_run_on(heads: dict[Slot, list[Piece]], tails: dict[Slot, list[Piece]], upper: list[Chunk],
                 lower: list[Chunk], under_lower: list[tuple[int, list[Chunk]]]) -> None:
    """The lower row's heads in a gap that outnumber the pieces it prints below its line there
    (a cell centred on its line prints as many on either side): the first of them end the
    upper row's cell of words they stand under, printed from its row's line down (`资本性支出（基`
    / `本建设）` over `基础设施建` / row / `设`). Moved from `heads` to `tails` where each does."""
    for slot, pieces in list(heads.items()):
        if slot[0]:
            continue
        ends = pieces[:max(len(pieces) - _words_below(slot, lower, under_lower), 0)]
        over = [_slot((start, start + len(text), text), upper) for _, start, text in ends]
        if ends and all(on_cell for on_cell, _ in over):
            for piece, tail in zip(ends, over):
                tails.setdefault(tail, []).append(piece)
            if len(ends) < len(pieces):
                heads[slot] = pieces[len(ends):]
            else:
                del heads[slot]


def _is_figure(text: str) -> bool:
    """Whether a run of print holds an amount (a row's line is a line that prints one)."""
    return any(is_amount(t) for t in line_tokens(normalise(text)))


def _slot(piece: Chunk, row: list[Chunk]) -> Slot:
    """Where a piece stands on a row's line: over one of its cells of words where it meets it
    (overlaps it, or ends a column short of it: a row's line drifts right of the lines around
    it where it prints more wide characters before), else in the gap its start falls in —
    past a figure it starts within (a figure ends at its right)."""
    over = next((i for i, (start, end, text) in enumerate(row)
                 if piece[0] <= end and start <= piece[1] and not _is_figure(text)), None)
    if over is not None:
        return True, over
    return False, sum(start <= piece[0] for start, _, _ in row)


def keeps_places(content: list[tuple[int, str]], printed: PrintedPages) -> bool:
    """Whether a table's lines print its cells in places, runs of spaces apart (a layout text),
    not a single space apart or a piece a line (whose places tell nothing)."""
    return any(" " * SPACED_APART in printed.lines[k - 1].strip() for k, _ in content if 0 < k <= len(printed.lines))


def cells_put_back_on_their_rows(content: list[tuple[int, str]], printed: PrintedPages, numbered: Collection[int] = ()
                                 ) -> tuple[list[tuple[int, str]], PrintedPages, Joined]:
    """The table's lines with the pieces of cells wrapped around their rows' lines put back on
    them (see the module's note), the text as printed with those rows' lines so (the source
    stays as it is), and each such row's joined cells with the lines they were drawn from.
    `numbered`: the lines the table's row numbers open, where it numbers them. Unchanged where
    some cell's pieces break the count, a piece is no words (or, between numbered rows, a
    figure whose place is taken or that stands as near one row as the other), or none wraps."""
    unchanged: tuple[list[tuple[int, str]], PrintedPages, Joined] = (content, printed, {})
    lines = [(k, _chunks(printed.lines[k - 1].replace("\f", ""))) for k, _ in content if 0 < k <= len(printed.lines)]
    if len(lines) != len(content):
        return unchanged
    if numbered:
        rows, numbers = _numbered_row_lines(lines, numbered, printed)
    else:
        rows, numbers = [i for i, (_, chunks) in enumerate(lines) if any(_is_figure(t) for _, _, t in chunks)], {}
    # each row's cells' pieces above its line and below it, top down, by the slot they stand over
    above: list[dict[Slot, list[Piece]]] = [{} for _ in rows]
    below: list[dict[Slot, list[Piece]]] = [{} for _ in rows]
    figures: list[list[Piece]] = [[] for _ in rows]     # figures printed off their numbered row's line
    set_apart = set()       # (line, start) of the numbers printed above their rows' lines: set on them
    undecided: list[tuple[int, Piece]] = []     # figures as near the row above (its index) as the one below
    for n, number in numbers.items():
        figures[n].append(number)
        set_apart.add(number[:2])
    first = min(rows + [i for i, (k, _) in enumerate(lines) if k in numbered], default=0)
    header = "".join(squash(line) for _, line in content[:first])
    for n, upper in enumerate(rows):
        if n and printed.page(lines[upper][0]) != printed.page(lines[rows[n - 1]][0]):
            # a page's first row: its pieces above stand under the header printed again
            if (opening := _page_opening(lines[rows[n - 1] + 1:upper], header, lines[upper], printed, bool(numbered),
                                         set_apart)) is None:
                return unchanged
            above[n] = opening[0]
            figures[n] += opening[1]
        lower = rows[n + 1] if n + 1 < len(rows) else None
        same_page = lower is not None and printed.page(lines[upper][0]) == printed.page(lines[lower][0])
        lower_cells = lines[lower][1] if lower is not None else []
        after_lower = rows[n + 2] if n + 2 < len(rows) else len(lines)
        under_lower = [(k, chunks) for k, chunks in lines[lower + 1:after_lower] if printed.page(k) == printed.page(
            lines[lower][0])] if lower is not None else []
        # lines each cell still prints below (none where the row's number, printed at its top,
        # shows its cells printed from there down)
        owed = {slot: len(pieces) for slot, pieces in above[n].items()} if n not in numbers else {}
        lower_top = numbers[n + 1][0] if n + 1 in numbers else None     # the lower row's number's line
        for k, chunks in lines[upper + 1:lower]:
            if printed.page(k) != printed.page(lines[upper][0]) or (lower is None and not any(owed.values()) and not (
                    numbered and k == lines[upper][0] + 1 and all(_is_figure(t) for _, _, t in chunks))):
                break       # the next page's header printed again, or what follows the last row's cells (but
                # for figures printed just under a numbered last row)
            for start, end, text in chunks:
                if (k, start) in set_apart:
                    continue
                if numbered and _is_figure(text):
                    places = _empty_places(k, (start, end), [lines[upper], lines[lower]] if lower is not None and
                                           same_page else [lines[upper]])
                    if not places:
                        return unchanged
                    if len(places) > 1:
                        undecided.append((n, (k, start, text)))
                    else:
                        figures[n + places[0]].append((k, start, text))
                    continue
                if not CJK.search(text) or _is_figure(text):
                    return unchanged
                tail = _slot((start, end, text), lines[upper][1])
                head = _slot((start, end, text), lower_cells) if lower is not None else None
                if lower_top is not None and head is not None and k >= lower_top:
                    above[n + 1].setdefault(head, []).append((k, start, text))      # from its number's line down
                    continue
                if n in numbers:
                    below[n].setdefault(tail, []).append((k, start, text))
                    continue
                if LABEL_START.match(text):
                    owed[tail] = 0      # (an item's number opens a cell: the lower row's)
                elif owed.get(tail, 0) > 0 or (head is not None and _runs_on(
                        text, tail, head, lines[upper][1], lower_cells, above[n + 1], under_lower,
                        bool(numbered) and len(lower_cells) == 1)):
                    owed[tail] = max(owed.get(tail, 0) - 1, 0)
                    below[n].setdefault(tail, []).append((k, start, text))
                    continue
                if head is None or not same_page:
                    return unchanged
                above[n + 1].setdefault(head, []).append((k, start, text))
        if lower is not None and n + 1 not in numbers:
            _ends_run_on(above[n + 1], below[n], lines[upper][1], lower_cells, under_lower)
        if any(owed.values()):
            return unchanged
    if undecided:
        # the side the table's other figures print off their rows' lines on
        sides = {piece[0] > lines[rows[n]][0] for n in range(len(rows)) for piece in figures[n]
                 if piece[:2] not in set_apart}
        if len(sides) != 1:
            return unchanged
        below_theirs = sides.pop()
        for n, piece in undecided:
            figures[n if below_theirs else n + 1].append(piece)
    if any(_overlapping(pieces) for pieces in figures):
        return unchanged
    if not any(above) and not any(below) and not any(figures):
        return unchanged
    if any(on_cell and LABEL_START.match(lines[i][1][at][2]) for n, i in enumerate(rows) for on_cell, at in above[n]):
        return unchanged        # a cell's line opening an item (`2、`) is its first: pieces below rows run on
    joined: Joined = {}
    row_lines: dict[int, str] = {}
    for n, i in enumerate(rows):
        if above[n] or below[n] or figures[n]:
            k, chunks = lines[i]
            row_lines[k], joined[k] = _row_line(chunks, above[n], below[n], figures[n], k)
    drawn = {piece[0] for n in range(len(rows)) for pieces in (*above[n].values(), *below[n].values(), figures[n])
             for piece in pieces}
    as_read = dict(content)
    if any(normalise(printed.lines[k - 1].replace("\f", "")) != as_read[k] for k in drawn | row_lines.keys()):
        return unchanged        # (the text's view joined more to these lines than they print: a cut figure's rest)
    kept = [(k, normalise(row_lines[k]) if k in row_lines else line) for k, line in content if k not in drawn]
    as_printed = tuple(row_lines.get(k, line) for k, line in enumerate(printed.lines, start=1))
    return kept, replace(printed, lines=as_printed), joined


def _numbered_row_lines(lines: list[tuple[int, list[Chunk]]], numbered: Collection[int], printed: PrintedPages
                        ) -> tuple[list[int], dict[int, Piece]]:
    """The rows' lines of a table that numbers its rows: the line each number opens, or, where
    that prints no other figure, the first line after it (before the next number, on its page)
    that does — the number printed at its cell's top, the row's figures centred below it —
    and, by row, each number so printed above its row's line."""
    opened = [i for i, (k, _) in enumerate(lines) if k in numbered]
    rows: list[int] = []
    numbers: dict[int, Piece] = {}
    for j, i in enumerate(opened):
        k, chunks = lines[i]
        end = opened[j + 1] if j + 1 < len(opened) else len(lines)
        figured = None if any(_is_figure(t) for _, _, t in chunks[1:]) else next(
            (m for m in range(i + 1, end) if printed.page(lines[m][0]) == printed.page(k) and
             any(_is_figure(t) for _, _, t in lines[m][1])), None)      # (looked for where the number prints alone)
        if figured is not None:
            numbers[len(rows)] = (k, chunks[0][0], chunks[0][2])
        rows.append(i if figured is None else figured)
    return rows, numbers


def _page_opening(between: list[tuple[int, list[Chunk]]], header: str, row: tuple[int, list[Chunk]],
                  printed: PrintedPages, numbered: bool, set_apart: set[tuple[int, int]]
                  ) -> tuple[dict[Slot, list[Piece]], list[Piece]] | None:
    """The pieces a page's first row prints above its line, on the lines that follow the
    header printed again (the last line every piece of which the first page's header prints,
    however it wraps them; the unit's line may come before it): its cells' heads by the slot
    they stand over, and, where the table numbers its rows, its figures printed off its line.
    None where no header line is printed again (whose the lines are is then unknown) or a piece
    is neither words nor such a figure."""
    on_page = [(k, chunks) for k, chunks in between if printed.page(k) == printed.page(row[0])]
    again = [i for i, (_, chunks) in enumerate(on_page) if all(squash(normalise(t)) in header for _, _, t in chunks)]
    if not again:
        return None
    heads: dict[Slot, list[Piece]] = {}
    figures: list[Piece] = []
    for k, chunks in on_page[again[-1] + 1:]:
        for start, end, text in chunks:
            if (k, start) in set_apart:
                continue
            if numbered and _is_figure(text) and _empty_places(k, (start, end), [row]):
                figures.append((k, start, text))
            elif not CJK.search(text) or _is_figure(text):
                return None
            else:
                heads.setdefault(_slot((start, end, text), row[1]), []).append((k, start, text))
    return heads, figures


def _empty_places(k: int, span: tuple[int, int], rows: list[tuple[int, list[Chunk]]]) -> list[int]:
    """Which of the rows' lines (one, or the two around line `k`) a figure printed on line `k`
    at `span` may be set on: the nearer, where it leaves that place empty; as near both, those
    that leave it so (a code printed a line under its row, the row below printing its own
    there). None where its place is taken."""
    def free(chunks: list[Chunk]) -> bool:      # (a space apart from the line's cells at least)
        return not any(start <= span[1] and span[0] <= end for start, end, _ in chunks)
    distances = [abs(k - row_k) for row_k, _ in rows]
    return [i for i, d in enumerate(distances) if d == min(distances) and free(rows[i][1])]


def _overlapping(pieces: list[Piece]) -> bool:
    """Whether figures set on one row's line would stand in one place (two rows' own, read as one's)."""
    spans = sorted((start, start + len(text)) for _, start, text in pieces)
    return any(later[0] < earlier[1] + SPACED_APART for earlier, later in zip(spans, spans[1:]))


def _row_line(chunks: list[Chunk], above: dict[Slot, list[Piece]], below: dict[Slot, list[Piece]],
              figures: list[Piece], k: int) -> tuple[str, list[tuple[str, tuple[int, ...]]]]:
    """A row's line with its cells' pieces put back and its figures printed off it set on it,
    and its cells so joined, or set, with the lines each was drawn from. A cell in a gap stands
    where its first piece does; pieces in one gap that stand apart are cells apart."""
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
            for cell_head, cell_tail in _apart(head, below.get(slot, [])):
                cells.append(((cell_head + cell_tail)[0][1], whole(cell_head, "", cell_tail)))
    for line, start, text in figures:
        cells.append((start, text))
        joined.append((text, (line,)))
    return _laid_out(sorted(cells)), joined


def _apart(head: list[Piece], tail: list[Piece]) -> list[tuple[list[Piece], list[Piece]]]:
    """A gap's pieces above and below its row's line as the cells they make: pieces above that
    stand over one another (their spans meet, give or take a line's drift) are one cell's, and
    each piece below ends the cell it stands nearest (the count that parted the rows gave the
    gap as many ends as heads; a line's print may drift further than a column or two)."""
    def apart(piece: Piece, cell: tuple[list[Piece], list[Piece]]) -> int:
        return min(max(p[1] - (piece[1] + len(piece[2])), piece[1] - (p[1] + len(p[2])), 0) for p in cell[0] + cell[1])
    cells: list[tuple[list[Piece], list[Piece]]] = []
    for piece in head:
        cell = next((c for c in cells if apart(piece, c) <= DRIFT), None)
        if cell is None:
            cells.append(cell := ([], []))
        cell[0].append(piece)
    for piece in tail:
        if cells:
            min(cells, key=lambda c: apart(piece, c))[1].append(piece)
        else:
            cells.append(([], [piece]))
    return cells


def _laid_out(cells: list[tuple[int, str]]) -> str:
    """Cells printed on one line each where it starts, or as far left as leaves the next cell
    room (a joined label is wider than any of its pieces), or right after the cell before."""
    line = ""
    for n, (start, text) in enumerate(cells):
        room = cells[n + 1][0] - SPACED_APART - len(text) if n + 1 < len(cells) else start
        at = max(min(start, room), len(line) + SPACED_APART if line else 0)
        line = line.ljust(at) + text
    return line

