"""A layout text's table cut into cells by its columns of spaces, as a PDF's ruling cuts it.

pdftotext -layout and pdfplumber's layout text keep a page's columns as runs of spaces: every
row of a grid leaves the gaps between its columns blank. Where the printed header names
columns no template of the table's kind knows (a region's 政府采购预算表 with words in
several columns), those gaps tell each cell's column, words and empty cells included, which
tokens alone cannot. Header cells are centred over their columns and CJK text drifts in a
layout text, so the columns are found from the rows; a header word standing over no row's
cells heads a column of its own (a column every row leaves empty)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .catalog import PERIOD, TOTAL_LABELS
from .columns import CODE_PARTS
from .reader import normalise
from .tokens import (
    CHUNK,
    CJK,
    DESCRIPTION_MARK,
    GLUED,
    SPACED_APART,
    PrintedPages,
    is_amount,
    is_column_number_row,
    is_short_number,
    line_tokens,
    numbers_columns,
    squash,
)


class SpacedCut(NamedTuple):
    """A table's lines cut into cells by their columns of spaces."""
    lines: list[tuple[int, str]]        # each row's (and header line's) cells, tab-separated
    body_from: int                      # the line its rows start at
    drawn_from: dict[tuple[int, int], tuple[int, ...]]      # (line, column) → lines of a cell joined from pieces
    numbered: bool                      # the header's row of column numbers placed the columns


SENTENCE_END = re.compile(r"[。；;.]$")
# a figure of two decimals run on into a list item's number (`1,010.472.发放…`: 1,010.47 and `2.发放…`)
FIGURE_THEN_ITEM = re.compile(r"^(-?\d[\d,]*\.\d{2})(\d{1,2}[.、．]\D.*)$")
Span = tuple[int, int]          # [start, end) in a printed line's characters
Chunks = list[tuple[Span, str]]     # a line's runs of printed characters, each with where it stands
Given = tuple[int, list[int], str]      # head pieces given to a row: the row, their lines, their text
LINE_END = 10 ** 6      # past the end of any printed line: where the last column's span ends
HEADER_DRIFT = 6        # characters a layout text may push a header line's words off their columns


def _chunks(line: str) -> Chunks:
    """A line's runs of printed characters; a total's label printed letter-spaced (`合   计`) is
    one, and so is a year a space before its 年 (`2025 年度…`: no figure); a figure run on into
    the next cell's words (`35.00做到有求必应…`, `1,010.472.发放…`) two."""
    out: Chunks = []
    for m in CHUNK.finditer(line):
        if out and ((len(m.group()) == len(out[-1][1]) == 1 and TOTAL_LABELS.fullmatch(out[-1][1] + m.group())) or
                    (m.group().startswith("年") and PERIOD.fullmatch(out[-1][1] + "年") and m.start() - out[-1][0][1] == 1)):
            out[-1] = ((out[-1][0][0], m.end()), out[-1][1] + m.group())
        elif glued := GLUED.match(m.group()) or FIGURE_THEN_ITEM.match(m.group()):
            cut = m.start() + len(glued.group(1))
            out += [((m.start(), cut), glued.group(1)), ((cut, m.end()), glued.group(2))]
        else:
            out.append(((m.start(), m.end()), m.group()))
    return out


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _row_spans(lines: Sequence[Chunks]) -> list[Span]:
    """The runs of characters that some row prints in, between runs every row leaves blank or
    where, no cell crossing there, a figure a space before the next cell ends or that cell
    starts (`1 302` and `30 310`: a count and a code, their columns drifting a character), or a
    code ends where another row's words start (`262005` / `西安市…`): no character is blank in
    every row between those columns."""
    width = max((chunks[-1][0][1] for chunks in lines if chunks), default=0)
    printed = [False] * width
    crossed = [False] * (width + 1)     # a cell runs on from the character before each place
    parting: set[int] = set()           # places two columns touch at
    codes_end: set[int] = set()
    words_start: set[int] = set()
    for chunks in lines:
        for (start, end), text in chunks:
            printed[start:end] = [True] * (end - start)
            crossed[start + 1:end] = [True] * (end - start - 1)
            if text.isdigit():
                codes_end.add(end)
            elif not _is_figure(text):
                words_start.add(start)
        for ((_, end), text), ((start, _), _) in zip(chunks, chunks[1:]):
            if start == end:
                crossed[start] = True       # one cell's two chunks (`1.5匹防爆`)
            elif start == end + 1 and _is_figure(text):
                parting.update((end, start))
    parting |= codes_end & words_start
    spans, x = [], 0
    while x < width:
        if printed[x]:
            start = x
            x += 1
            while x < width and printed[x] and (crossed[x] or x not in parting):
                x += 1
            spans.append((start, x))
        else:
            x += 1
    return spans


def _best_span(chunk: Span, spans: list[Span], figure: bool = False) -> int:
    """The column a chunk belongs to: the one it overlaps most, else (a tie, or none) the one
    whose edge its own aligned edge is nearest: a figure's right, a word's left (a short figure
    the extractor printed two characters right of its column's others, `8.86` under `14023.40`,
    overlaps its column and the next alike)."""
    def edge_apart(j: int) -> int:
        return abs(chunk[1] - spans[j][1]) if figure else abs(chunk[0] - spans[j][0])
    return max(range(len(spans)), key=lambda j: (_overlap(chunk, spans[j]), -edge_apart(j)))


def _with_header_spans(header: Sequence[Chunks], spans: list[Span], rows: Sequence[Chunks] | None
                       ) -> list[Span] | None:
    """The rows' columns, and one more for each header word over none of them (a column every
    row leaves empty). Two words of a header line, printed apart, over one run of the rows'
    cells part it where none of `rows`' cells crosses between them (a long name and the next
    column's cell a space apart ran the columns together); None where every place between them
    cuts a cell, or no `rows` are given: the spaces do not part those columns (CJK text running
    on to the next column's cells)."""
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
            elif rows is not None and (cut := _parting(spans[j], over[j][1], chunk[0], rows)) is not None:
                spans[j:j + 1] = [(spans[j][0], cut), (cut, spans[j][1])]
                over = {(n + 1 if n > j else n): word for n, word in over.items()} | {j + 1: chunk}
            else:
                return None
        spans = sorted(spans + added)
    return spans


def _drift_undone(chunks: Chunks, spans: list[Span]) -> Chunks:
    """A header's last line's words laid back over the rows' runs where the extractor pushed
    them right or left together: two or more of its words over no run, each brought over a run
    of its own, headed by no other word of the line, by one shift of a few characters (a line's
    wide characters push the words after them along: `类 款 类 款` over the economic codes'
    columns)."""
    def over(chunk: Span) -> int | None:
        j = _best_span(chunk, spans)
        return j if _overlap(chunk, spans[j]) > 0 else None
    if not spans:
        return chunks
    astray = [n for n, (chunk, _) in enumerate(chunks)
              if _overlap(chunk, spans[_best_span(chunk, spans)]) <= -SPACED_APART]
    if len(astray) < 2:
        return chunks
    headed = {over(chunk) for n, (chunk, _) in enumerate(chunks) if n not in astray} - {None}
    for shift in sorted(range(-HEADER_DRIFT, HEADER_DRIFT + 1), key=abs):
        landed = [over((chunks[n][0][0] + shift, chunks[n][0][1] + shift)) for n in astray]
        if shift and None not in landed and len(set(landed)) == len(landed) and not headed & set(landed):
            moved = set(astray)
            return [((start + shift, end + shift), text) if n in moved else ((start, end), text)
                    for n, ((start, end), text) in enumerate(chunks)]
    return chunks


def _parting(span: Span, left: int, right: int, rows: Sequence[Chunks]) -> int | None:
    """Where between two header words (from `left` to `right`) no row's cell in `span` crosses
    and rows' cells stand on either side (anywhere in a run only the header prints: two empty
    columns), nearest halfway; None where every place cuts one, or has figures on both sides
    (a header cell's pieces over a column of figures stand apart as its lines drift; a column
    of codes beside one of names, `222001 西安市…`, parts)."""
    figures = [chunk for line in rows for chunk, text in line if _overlap(chunk, span) > 0 and _is_figure(text)]
    cells = [chunk for line in rows if _is_row([t for _, t in line]) for chunk, _ in line if _overlap(chunk, span) > 0]
    free = [x for x in range(left, right + 1) if not cells or (
        not any(start < x < end for start, end in cells) and
        any(end <= x for _, end in cells) and any(start >= x for start, _ in cells) and
        not (any(end <= x for _, end in figures) and any(start >= x for start, _ in figures)))]
    return min(free, key=lambda x: abs(2 * x - left - right)) if free else None


def _numbered_spans(header: Sequence[Chunks]) -> list[Span] | None:
    """The columns as the header's row of column numbers places them (`**  1  2 … 17`, a number
    or mark centred over each column): every column, those no row fills among them, where the
    gaps between the rows' cells cannot tell narrow columns apart. Each column reaches halfway
    to its neighbours. None where the header numbers no columns (three at least, 1, 2, 3 …)."""
    for chunks in header:
        texts = [text for _, text in chunks]
        numbers = [t for t in texts if t.isdigit()]
        # (a row of levels alone, `类 款 项 类 款`, marks the code columns, not every column)
        marks = [t for t in texts if squash(t) not in CODE_PARTS]
        if is_column_number_row(texts) and (numbers_columns(numbers) or (not numbers and len(texts) >= 3 and marks)):
            centres = [(start + end) / 2 for (start, end), _ in chunks]
            bounds = [0] + [round((a + b) / 2) for a, b in zip(centres, centres[1:])] + [LINE_END]
            return list(zip(bounds, bounds[1:]))
    return None


def _aligned_ends(spans: list[Span], body: Sequence[Chunks]) -> tuple[dict[int, int], dict[int, int]]:
    """Where the rows' cells stand in each column: the leftmost start of its words, the
    rightmost end of its figures (words run on a space after a figure may stand anywhere)."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for chunks in body:
        if not _is_row([t for _, t in chunks]):
            continue
        after_figure = False
        for chunk, text in chunks:
            j = _best_span(chunk, spans, _is_figure(text))
            if _is_figure(text):
                ends[j] = max(ends.get(j, 0), chunk[1])
            elif not after_figure:
                starts[j] = min(starts.get(j, LINE_END), chunk[0])
            after_figure = _is_figure(text)
    return starts, ends


def _fitted_to_cells(spans: list[Span], body: Sequence[Chunks]) -> list[Span]:
    """Columns placed halfway between their numbers, fitted to the rows' cells: figures align
    right, so a column of figures closes where its figures end (the words a space after them,
    and a wrapped cell's pieces printed under them, are the next column's: `1,010.47 2.发放…` /
    `3.组织…`); words align left, so a column of words opens where its words start (`军供保障`,
    shorter than half its column)."""
    starts, ends = _aligned_ends(spans, body)
    bounds = [start for start, _ in spans] + [spans[-1][1]]
    for j in range(1, len(spans)):
        if j - 1 in ends and j - 1 not in starts:
            bound = ends[j - 1]
        elif j in starts and j not in ends:
            bound = starts[j]
        else:
            continue
        if bounds[j - 1] < bound < bounds[j + 1]:
            bounds[j] = bound
    return list(zip(bounds, bounds[1:]))


def _spaced_apart(chunks: Chunks) -> bool:
    """Whether a line parts two of its cells by more than one space (keeps its columns)."""
    return any(b[0][0] - a[0][1] >= SPACED_APART for a, b in zip(chunks, chunks[1:]))


def _is_figure(chunk: str) -> bool:
    return any(is_amount(t) for t in line_tokens(normalise(chunk)))


def _is_row(texts: Sequence[str]) -> bool:
    """A line (its chunks' or cells' texts) printing a figure, not a column number: the grid's
    rows start at the first. A number of a digit or two counts standing as a cell of its own
    beside two cells of words (an indicator's value: `数量指标 10 印发宣传手册 …`), not among
    column numbers."""
    if any(is_amount(t) and not is_short_number(t) for t in line_tokens(normalise(" ".join(texts)))):
        return True
    return any(is_short_number(t.strip()) for t in texts) and sum(bool(CJK.search(t)) for t in texts) >= 2 and \
        not is_column_number_row(texts)


def cells_by_spaces(printed: PrintedPages, content: Sequence[tuple[int, str]]
                    ) -> SpacedCut | None:
    """The table's lines as tab-separated cells, each cut by the columns its rows leave spaces
    between (see the module's note), with the line its rows start at and the lines each cell
    joined from pieces is drawn from; None where the lines keep no columns of spaces, or where
    the cut is in doubt. The pages after the first are spaced afresh by the extractor: their
    columns are laid over the first page's (see `_laid_over`)."""
    lines = [(k, _chunks(printed.lines[k - 1].replace("\f", ""))) for k, _ in content if 0 < k <= len(printed.lines)]
    first = next((i for i, (_, chunks) in enumerate(lines) if _is_row([t for _, t in chunks])), None)
    if first is None:       # a table printed empty: its rows start at its total's label, alone on its line
        first = next((i for i, (_, chunks) in enumerate(lines)
                      if len(chunks) == 1 and TOTAL_LABELS.fullmatch(chunks[0][1].replace(" ", ""))), None)
    if first is None or not any(_spaced_apart(chunks) for _, chunks in lines):
        return None
    while first > 0 and any(DESCRIPTION_MARK.search(text) for _, text in lines[first - 1][1]):
        first -= 1      # the first row's cell wrapped above its line (header cells print no sentence)
    first = _first_rows_run_start(lines, first)
    lines = lines[:first] + _header_again_dropped(printed, lines[:first], lines[first:])
    for rows_only in (False, True):
        # (a cell wrapped around its row's line may print its pieces over the next column's
        # figures, a layout text placing each line's characters afresh: the columns are then
        # those the rows' own lines leave, and no piece of words stands among the figures)
        found = _cut(printed, lines, first, rows_only)
        if found is not None:
            return found
    return None


def _first_rows_run_start(lines: list[tuple[int, Chunks]], first: int) -> int:
    """Where the first row starts in a body whose rows blank lines part: the head of the run
    of lines its row's line stands in, where a blank line parts that run from the header and
    the run prints at least as many lines below the row's line as above it (a cell wrapped
    around its row's line is centred on it: lines above it and none below are the header's);
    else the row's line."""
    parts = [i for i in range(first + 1, len(lines)) if lines[i][0] > lines[i - 1][0] + 1]
    start = first
    while start > 0 and lines[start - 1][0] == lines[start][0] - 1:
        start -= 1
    below = (parts[0] if parts else len(lines)) - first - 1
    if start == 0 or len(parts) < 2 or below < first - start or \
            any(_is_row([t for _, t in chunks]) for _, chunks in lines[first + 1:parts[0]]):
        return first
    return start


def _header_again_dropped(printed: PrintedPages, header: list[tuple[int, Chunks]], body: list[tuple[int, Chunks]]
                          ) -> list[tuple[int, Chunks]]:
    """The body without the header a later page prints again before its first row, nor what
    that page prints above it (its table number, the title, the unit): no cell's pieces (they
    were read as the head of the page's first row's cells)."""
    again = {tuple(t for _, t in chunks) for _, chunks in header if chunks}
    dropped: set[int] = set()
    page_start, seen_row = 0, False
    for i, (k, chunks) in enumerate(body):
        if i and printed.page(k) != printed.page(body[i - 1][0]):
            page_start, seen_row = i, False
        if _is_row([t for _, t in chunks]):
            seen_row = True
        elif page_start and not seen_row and tuple(t for _, t in chunks) in again:
            dropped.update(range(page_start, i + 1))
    return [line for i, line in enumerate(body) if i not in dropped]


def _cut(printed: PrintedPages, lines: list[tuple[int, Chunks]], first: int, rows_only: bool
         ) -> SpacedCut | None:
    """`cells_by_spaces` with the columns every line from the first row on leaves, or those
    the rows' lines alone leave."""
    pages: dict[int, list[Chunks]] = {}
    for k, chunks in lines[first:]:
        if not rows_only or _is_row([t for _, t in chunks]):
            pages.setdefault(printed.page(k), []).append(chunks)
    if not pages:       # (a table printed empty: no row's line)
        return None
    page_spans = [_row_spans(page) for page in pages.values()]
    header = [chunks for _, chunks in lines[:first]]
    first_page = next(iter(pages.values()))
    numbered = _numbered_spans(header)
    # (the header's last line, its leaves right above the rows: a line above may print a
    # column's name off it, centred over a column every row leaves empty)
    undone = header[:-1] + [_drift_undone(header[-1], page_spans[0])] if header else header
    # (where the header numbers its columns, the numbers part a run two words stand over)
    spans = _with_header_spans(undone, page_spans[0], first_page if numbered is None else None)
    by_numbers = numbered is not None and (spans is None or len(spans) < len(numbered))
    if by_numbers:      # (the numbers place the columns, and the words as printed under them)
        assert numbered is not None
        spans = _fitted_to_cells(numbered, [chunks for page in pages.values() for chunks in page])
    else:
        lines = list(zip([k for k, _ in lines[:first]], undone)) + lines[first:]
    if spans is None or len(spans) < 2:
        return None
    moves = {page: _laid_over(own, page_spans[0], rows, first_page)
             for (page, rows), own in zip(list(pages.items())[1:], page_spans[1:])}
    if None in moves.values():
        return None
    headed = {_best_span(chunk, spans) for _, chunks in lines[:first] for chunk, _ in chunks}
    figures_alone: set[int] = set()     # the columns whose rows print figures, no words
    if rows_only:
        starts, ends = _aligned_ends(spans, [chunks for page in pages.values() for chunks in page])
        figures_alone = set(ends) - set(starts)
    grid = []
    for i, (k, chunks) in enumerate(lines):
        move = moves.get(printed.page(k)) or UNMOVED
        cells = [""] * len(spans)
        last: tuple[int, int] | None = None        # the column and end of the line's chunk before
        laid_before: Span = (0, 0)      # where the line's chunk before lies on the first page
        for (start, end), text in chunks:
            laid = (_moved(start, move), _moved(end, move))
            j = _best_span(laid, spans, _is_figure(text))
            if i >= first and j in figures_alone and CJK.search(text) and len(spans) > len(figures_alone):
                words = [n for n in range(len(spans)) if n not in figures_alone]
                j = words[_best_span(laid, [spans[n] for n in words])]
            if j not in headed and last is not None and start - last[1] < SPACED_APART and \
                    not _is_figure(text) and not _is_figure(cells[last[0]]):
                j = last[0]     # words a space apart, the second under no header: one cell (`一、货物 A`)
            if cells[j] and last is not None and last[0] == j and start == last[1]:
                cells[j] += text        # a figure and words printed as one (`1.5匹防爆`): one cell
                last, laid_before = (j, end), laid
                continue
            if cells[j] and (_is_figure(cells[j].split()[-1]) or _is_figure(text)):
                if i < first or last is None or last[0] != j or not _is_figure(cells[j]) or not _is_figure(text):
                    return None     # a figure beside more in one column: the spaces keep no columns here
                # two figures a space apart on a row's line, laid over one column (a page's right
                # columns drifting further than its left): the nearer neighbouring column, empty
                # on the line, takes the one beside it
                left = laid_before[0] - spans[j - 1][1] if j and not cells[j - 1] else LINE_END
                right = spans[j + 1][0] - laid[1] if j + 1 < len(spans) else LINE_END
                if min(left, right) == LINE_END:
                    return None
                if left <= right:
                    cells[j - 1], cells[j] = cells[j], ""
                else:
                    j += 1
            cells[j] = f"{cells[j]} {text}" if cells[j] else text
            last, laid_before = (j, end), laid
        grid.append((k, [normalise(c) for c in cells]))
    _centred_leaves_raised([cells for _, cells in grid[:first]])
    _centred_groups_widened([cells for _, cells in grid[:first]])
    _side_by_side_groups_spread([cells for _, cells in grid[:first]])
    joined = _centred_pieces_joined(grid[first:], printed) or _blocks_joined(grid[first:], printed)
    if joined is None:
        return None
    body, body_drawn = joined
    grid = grid[:first] + body
    header_drawn: list[list[tuple[int, ...]]] = [[(k,) for _ in cells] for k, cells in grid[:first]]
    drawn = header_drawn + body_drawn
    for j in reversed(range(len(spans))):
        into = _column_taking(grid, first, spans, j)
        if into is not None:
            for (_, cells), sources in zip(grid, drawn):
                if not cells[into]:
                    cells[into], sources[into] = cells[j], sources[j]
                del cells[j], sources[j]
            del spans[j]
    return SpacedCut([(k, "\t".join(cells)) for k, cells in grid], lines[first][0],
                     {(k, j): tuple(sorted(lines_of)) for (k, _), sources in zip(grid, drawn)
                      for j, lines_of in enumerate(sources) if len(lines_of) > 1}, by_numbers)


Scaling = tuple[float, float]       # a later page's positions on the first page's: x · scale + shift
Anchors = tuple[tuple[float, float], ...]      # … or in proportion between (x, x on the first page) pairs
Move = Scaling | Anchors
UNMOVED: Move = (1.0, 0.0)
SKIPPED_COLUMN = 0.3        # what leaving a later page's run of cells unpaired costs (a share of the page's width)


def _moved(x: int, move: Move) -> int:
    """x laid over the first page: scaled and shifted, or between two anchors in proportion
    (past the last, or before the first, by the nearest pair's slope)."""
    if isinstance(move[0], float) and isinstance(move[1], float):
        return round(x * move[0] + move[1])
    anchors: Anchors = move
    n = next((i for i in range(1, len(anchors) - 1) if x < anchors[i][0]), len(anchors) - 1)
    (a, a_first), (b, b_first) = anchors[n - 1], anchors[n]
    return round(a_first + (x - a) * (b_first - a_first) / (b - a))


def _laid_over(own: list[Span], first: list[Span], own_rows: Sequence[Chunks], first_rows: Sequence[Chunks]
               ) -> Move | None:
    """Where a later page's columns (`own`) stand on the first page's (`first`): the extractor
    spaces each page by its own character width, so the page's positions are scaled and
    shifted. Their last columns' ends (a grid ends in figures, aligned right) meet; of the
    scalings that also bring one column's start onto one of the first page's, the one that
    brings every column nearest a first-page column is taken. Where none lays every column over
    one of the first page's (a page spacing its columns unevenly: its figures' columns closer),
    its columns are paired with the first page's in order, figures with figures and words with
    words, and laid over them piecewise. None where some column then overlaps none of the
    first page's (the page keeps other columns)."""
    if not own or not first:
        return None
    right, target = own[-1][1], first[-1][1]
    moves: list[Move] = [(1.0, float(target - right))]
    for start, _ in own[:-1]:
        for anchor, _ in first[:-1]:
            scale = (target - anchor) / (right - start)
            if 0.5 <= scale <= 2:
                moves.append((scale, target - right * scale))
    move = min(moves, key=lambda m: sum(min(abs(_moved(a, m) - b) for b, _ in first) for a, _ in own))
    if _laid_over_first(own, first, move):
        return move
    paired = _paired_in_order(own, first, own_rows, first_rows)
    return paired if paired is not None and _laid_over_first(own, first, paired) else None


def _laid_over_first(own: list[Span], first: list[Span], move: Move) -> bool:
    return all(max(_overlap((_moved(a, move), _moved(b, move)), span) for span in first) > 0 for a, b in own)


def _paired_in_order(own: list[Span], first: list[Span], own_rows: Sequence[Chunks], first_rows: Sequence[Chunks]
                     ) -> Move | None:
    """The later page's columns paired in order with the first page's of their kind (figures or
    words), each nearest its pair by its aligned edge (a figure's right, a word's left) as a
    share of its page's width, a column of the first page unpaired where the page leaves it
    empty: the pairs' aligned edges as anchors. None where the last columns pair no figures."""
    own_kinds = _figure_columns(own, own_rows)
    first_kinds = _figure_columns(first, first_rows)

    def edge(span: Span, figures: bool, width: int) -> float:
        return (span[1] if figures else span[0]) / width
    n, m = len(own), len(first)
    best: dict[tuple[int, int], tuple[float, tuple[tuple[int, int], ...]]] = {(0, j): (0.0, ()) for j in range(m + 1)}
    for i in range(1, n + 1):
        best[(i, 0)] = (i * SKIPPED_COLUMN, ())
        for j in range(1, m + 1):
            options = [best[(i, j - 1)], (best[(i - 1, j)][0] + SKIPPED_COLUMN, best[(i - 1, j)][1])]
            if own_kinds[i - 1] == first_kinds[j - 1]:
                figures = own_kinds[i - 1]
                cost = abs(edge(own[i - 1], figures, own[-1][1]) - edge(first[j - 1], figures, first[-1][1]))
                options.append((best[(i - 1, j - 1)][0] + cost, best[(i - 1, j - 1)][1] + ((i - 1, j - 1),)))
            best[(i, j)] = min(options, key=lambda option: option[0])
    pairs = best[(n, m)][1]
    if not pairs or pairs[-1] != (n - 1, m - 1) or not own_kinds[-1] or len(pairs) < 2:
        return None
    anchors = [(float(own[i][1] if own_kinds[i] else own[i][0]), float(first[j][1] if own_kinds[i] else first[j][0]))
               for i, j in pairs]
    if any(b[0] <= a[0] or b[1] <= a[1] for a, b in zip(anchors, anchors[1:])):
        return None
    return tuple(anchors)


def _figure_columns(spans: list[Span], rows: Sequence[Chunks]) -> list[bool]:
    """Whether each column's cells are mostly figures."""
    counts = [[0, 0] for _ in spans]
    for line in rows:
        for chunk, text in line:
            counts[_best_span(chunk, spans)][_is_figure(text)] += 1
    return [figures > words for words, figures in counts]


def _centred_pieces_joined(body: list[tuple[int, list[str]]], printed: PrintedPages
                           ) -> tuple[list[tuple[int, list[str]]], list[list[tuple[int, ...]]]] | None:
    """Rows with their cells' wrapped pieces joined in: a layout text prints a cell of several
    lines centred on its row's line (the line with the row's figures), as many of its lines
    above that line as below it. The lines without figures between two rows are, column by
    column, the end of the upper row's cells (as many lines as the upper row had above it)
    and then the start of the lower row's. Pieces no row takes stay where they are. None where
    a cell's pieces below its row's line fall short of those above (rows printing no figure:
    their lines are rows, not pieces). A row a page break cuts prints the rest of its cells
    at the top of the next page: a cell whose last piece on the row's page ends no sentence runs
    on there through the piece that ends it. With the rows, the lines each of their cells is
    drawn from."""
    drawn: list[list[tuple[int, ...]]] = [[(k,) for _ in cells] for k, cells in body]      # the lines of each cell
    rows = [i for i, (_, cells) in enumerate(body) if _is_row(cells) and not _codes_set_low(body, i)]
    if not rows:
        return body, drawn
    lines = [list(cells) for _, cells in body]
    for j in _printed_low(body, rows):
        for i in rows:
            if i + 1 < len(body) and i + 1 not in rows and body[i + 1][0] == body[i][0] + 1 and lines[i + 1][j]:
                lines[i][j], lines[i + 1][j] = lines[i + 1][j], ""
                drawn[i][j] = (body[i + 1][0],)
    heads = [0] * len(lines[0])         # the pieces above the last row, column by column
    given: list[Given] = [(-1, [], "") for _ in heads]      # … the row they were given to, and which
    bounds = [-1] + rows + [len(body)]
    for before, upper, lower, after in zip([-1] + bounds, bounds, bounds[1:], bounds[2:] + [len(body)]):
        for j in range(len(heads)):
            pieces = [i for i in range(upper + 1, lower) if lines[i][j]]
            tail = pieces[:heads[j]] if upper >= 0 else []
            if 0 <= upper and lower < len(body) and printed.page(body[upper][0]) != printed.page(body[lower][0]):
                tail = [i for i in pieces if printed.page(body[i][0]) == printed.page(body[upper][0])]
                rest = pieces[len(tail):]
                if tail and not SENTENCE_END.search(lines[tail[-1]][j]):
                    tail += rest[:next((n + 1 for n, i in enumerate(rest) if SENTENCE_END.search(lines[i][j])), 0)]
                if (tail or lines[upper][j]) and not any(lines[i][j] for i in range(lower + 1, after)):
                    # (the lower row prints nothing below its line there: what the page prints
                    # above it is the upper row's cell run on, a name cut by the page)
                    tail = pieces
            if len(tail) < heads[j] and _hung_below(lines, given[j], before, upper, j, body):
                # the head taken as the upper row's, its cell printed on its line whole, was the
                # row before's last line: a cell printed from its row's line down (`…五周年宣传` / `费`)
                _, taken, text = given[j]
                lines[upper][j] = lines[upper][j][len(text):]
                drawn[upper][j] = drawn[upper][j][len(taken):]
                lines[before][j] += text
                drawn[before][j] += tuple(body[i][0] for i in taken)
                heads[j] = 0
            if len(tail) < heads[j]:
                return None
            head = pieces[len(tail):] if lower < len(body) else []
            if tail:
                lines[upper][j] += "".join(lines[i][j] for i in tail)
                drawn[upper][j] += tuple(body[i][0] for i in tail)
            head_text = "".join(lines[i][j] for i in head)
            if head:
                lines[lower][j] = head_text + lines[lower][j]
                drawn[lower][j] = tuple(body[i][0] for i in head) + drawn[lower][j]
            given[j] = (lower, head, head_text)
            for i in tail + head:
                lines[i][j] = ""
            heads[j] = len(head)
    kept = [i for i, cells in enumerate(lines) if any(cells)]
    return [(body[i][0], lines[i]) for i in kept], [drawn[i] for i in kept]


def _hung_below(lines: list[list[str]], given: Given, before: int, upper: int, j: int, body: list[tuple[int, list[str]]]
                ) -> bool:
    """Whether the head column `j`'s piece gave the upper row (`given`) is the row before's
    cell hung below its line: one line, right under that row's line, shorter than the words
    that line prints in the column (a wrapped cell's last line), and the upper row's own line prints
    there too (a cell centred on it would then print as much below it, and none does)."""
    given_to, taken, text = given
    return given_to == upper and len(taken) == 1 and before >= 0 and len(text) < len(lines[before][j]) and \
        not _is_figure(lines[before][j]) and \
        len(lines[upper][j]) > len(text) and body[taken[0]][0] == body[before][0] + 1


def _codes_set_low(body: list[tuple[int, list[str]]], i: int) -> bool:
    """Whether line `i` prints only codes (whole numbers), each under a cell the row's line
    right above it leaves empty, that line printing two figures at least: the row's codes set
    low in their cells, no row of their own."""
    if i == 0 or body[i - 1][0] + 1 != body[i][0]:
        return False
    above, cells = body[i - 1][1], body[i][1]
    figures = [j for j, cell in enumerate(cells) if _is_figure(cell)]
    return sum(_is_figure(cell) for cell in above) >= 2 and bool(figures) and \
        all(cells[j].isdigit() and not above[j] for j in figures)


def _printed_low(body: list[tuple[int, list[str]]], rows: list[int]) -> list[int]:
    """The columns whose cells of one line the text prints a line below their rows' lines (a
    code set low in its cell, `3 205 08 03 西安市… 225600.00` / `251001`): every piece of the
    column off the rows' lines stands on the line right under a row's line that leaves the
    column empty, and on no line right above a row's (where it might as well be the lower
    row's, centred on it); two such pieces at least."""
    row_set = set(rows)
    out = []
    for j in range(len(body[0][1])):
        pieces = [i for i, (_, cells) in enumerate(body) if i not in row_set and cells[j]]
        if len(pieces) >= 2 and all(
                i - 1 in row_set and not body[i - 1][1][j] and body[i - 1][0] + 1 == body[i][0] and
                not (i + 1 in row_set and body[i + 1][0] == body[i][0] + 1) for i in pieces):
            out.append(j)
    return out


def _blocks_joined(body: list[tuple[int, list[str]]], printed: PrintedPages
                   ) -> tuple[list[tuple[int, list[str]]], list[list[tuple[int, ...]]]] | None:
    """Rows parted by blank lines, each run of lines one row, its cells' pieces joined top to
    bottom: a layout text leaves a row's padding blank, so a grid whose rows print no figure
    (an indicator with its value empty) keeps its rows apart that way. A run holding more than
    one line with figures (a merged cell's run touching the next row's) is parted as
    `_centred_pieces_joined` parts rows. None where some run parts no other way, or no run
    holds more lines than one."""
    runs: list[list[tuple[int, list[str]]]] = []
    for k, cells in body:
        if runs and k == runs[-1][-1][0] + 1:
            runs[-1].append((k, cells))
        else:
            runs.append([(k, cells)])
    if len(runs) < 2 or all(len(run) == 1 for run in runs):
        return None
    rows: list[tuple[int, list[str]]] = []
    drawn: list[list[tuple[int, ...]]] = []
    for run in runs:
        if sum(_is_row(cells) for _, cells in run) > 1:
            parted = _centred_pieces_joined(run, printed)
            if parted is None:
                return None
            rows += parted[0]
            drawn += parted[1]
            continue
        at = next((k for k, cells in run if _is_row(cells)), run[0][0])
        width = len(run[0][1])
        rows.append((at, ["".join(cells[j] for _, cells in run) for j in range(width)]))
        drawn.append([tuple(k for k, cells in run if cells[j]) or (at,) for j in range(width)])
    return rows, drawn


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


def _centred_groups_widened(header: list[list[str]]) -> None:
    """A group's word centred over its columns, two lines or more above their leaves (the
    header's last line), moves to its first column: a ruled grid prints a merged cell there, and
    a layout text prints it over a middle column (`科目编码` over `款` of `类 款 项`). Its columns
    are those either side of it whose only word is a leaf on the last line; it moves left over
    no more of them than it has to its right."""
    last = len(header) - 1

    def leaf_only(k: int) -> bool:
        return bool(header[last][k]) and not any(header[i][k] for i in range(last))
    for i in range(last - 1):
        for j, word in enumerate(header[i]):
            if not word or any(header[x][j] for x in range(i + 1, last)) or not header[last][j]:
                continue
            left = next((n for n in range(j) if not leaf_only(j - 1 - n)), j)
            right = next((n for n in range(len(header[i]) - j - 1) if not leaf_only(j + 1 + n)), len(header[i]) - j - 1)
            if 0 < left <= right:
                header[i][j - left], header[i][j] = word, ""


def _side_by_side_groups_spread(header: list[list[str]]) -> None:
    """Groups printed side by side over a column each (`部门预算支出经` `政府预算支出经济分`, their
    names wrapped on the lines below), the columns after them headed by leaves on the last line
    alone: the groups share their leaves' columns evenly, in order, each moved (with its wrapped
    lines) to its first (a layout text prints a group's wide name left of its centre)."""
    last = len(header) - 1
    width = len(header[0]) if header else 0
    for i in range(last):
        def group(n: int, i: int = i) -> bool:
            return bool(header[i][n]) and bool(header[last][n]) and not any(header[x][n] for x in range(i))
        j = 0
        while j < width:
            k = next((n for n in range(j, width) if not group(n)), width) - j      # the groups side by side
            if k < 2:
                j += max(k, 1)
                continue
            leaves = next((n for n in range(j + k, width)
                           if not header[last][n] or any(header[x][n] for x in range(last))), width) - j
            if leaves > k and leaves % k == 0:
                share = leaves // k
                for t in reversed(range(1, k)):
                    for x in range(i, last):
                        header[x][j + t * share], header[x][j + t] = header[x][j + t], ""
            j += k

