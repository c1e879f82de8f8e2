"""Read a PDF's text layer and ruled tables into the line-oriented text the rest of the
pipeline reads, without an extractor's losses: a printed table row is one line with its
cells separated by tabs (where the ruling lines say they are cells), wrapped cell text is
joined into its cell, page numbers are left out, and every line remembers its page.

pdfplumber is imported here only, so that reading a text file never pays for it. The text
of a PDF is cached by the file's sha256 (under $XDG_CACHE_HOME/budget-review), so that a
document under review reopens as fast as a text file.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError
from .text import holds_words
from .tokens import PAGE_IN_WORDS

if TYPE_CHECKING:        # pdfplumber is imported only where a PDF is read
    from pdfplumber.page import Page
    from pdfplumber.table import Table as RuledTable

CACHE_VERSION = 20
Progress = Callable[[int, int], None]       # (pages read, pages in all)


@dataclass(frozen=True)
class PdfSettings:
    """Named tolerances of the page reading (points, pdfplumber's unit)."""

    margin_share: float = 0.08          # top and bottom share of a page where page numbers stand
    line_tolerance: float = 3.0         # words whose tops differ by less share a line
    # … and inside a table's cell: a cell's figures, set in another font than its characters,
    # stand up to 4 points off their tops (`≤18400` beside `万元`); its wrapped lines are 10+ apart
    cell_line_tolerance: float = 5.0
    char_gap: float = 1.5               # characters closer than this belong to one word
    # a glyph drawn again over itself this close (a title set bold by printing it several times,
    # each a fraction of a point aside) is one character, not `表表表表表表111111`
    overprint_tolerance: float = 1.0
    # a character whose box stands less than this share of its size above its baseline has a
    # font with broken metrics (its box drawn below the line: `2026` beside `年部门收支总体情况表`)
    min_ascent_share: float = 0.3
    ascent_share: float = 0.8           # … its box is drawn again this share above the baseline, the rest below
    min_table_rows: int = 2             # a ruled box of fewer rows and no figure is a frame, not a table
    min_table_columns: int = 2
    min_column_width: float = 12.0      # narrower and empty throughout: an artefact of the ruling, not a column
    crossed_rows: int = 2               # a rule that this many rows of figures (and …
    crossed_share: float = 0.5          # … this share of them) print across divides no columns


SETTINGS = PdfSettings()
# (`1 0`: a letter-spaced page number's digits stand apart)
_PAGE_NUMBER = re.compile(rf"^[-—–\s]*\d(?: ?\d){{0,3}}[-—–\s]*$|^{PAGE_IN_WORDS}$|^\d{{1,4}}\s*/\s*\d{{1,4}}$")


@dataclass(frozen=True)
class PdfText:
    text: str                      # lines joined by "\n"
    pages: tuple[int, ...]         # the 1-based page of each line


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budget-review"


def read_pdf(data: bytes, path: str, progress: Progress | None = None) -> PdfText:
    """The text of a PDF (from the cache when this file was read before). A PDF that is
    encrypted, damaged, or has no text layer is refused with a UserError."""
    digest = hashlib.sha256(data).hexdigest()
    cached = _from_cache(digest)
    if cached is not None:
        return cached
    result = _read_pages(data, path, progress)
    _to_cache(digest, result)
    return result


def _from_cache(digest: str) -> PdfText | None:
    entry = cache_folder() / f"{digest}.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        text, pages = data["text"], tuple(data["pages"])
        if not isinstance(text, str) or len(pages) != text.count("\n") + 1:
            return None
        return PdfText(text, pages)
    except (OSError, ValueError, KeyError, TypeError):
        return None     # no cache, or a broken one: read the PDF again


def _to_cache(digest: str, result: PdfText) -> None:
    from .atomic import atomic_write_text
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(folder / f"{digest}.json",
                          json.dumps({"version": CACHE_VERSION, "text": result.text, "pages": result.pages},
                                     ensure_ascii=False))
    except (OSError, UserError):
        pass        # a cache that cannot be written only costs the next open its speed


def _read_pages(data: bytes, path: str, progress: Progress | None) -> PdfText:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:    # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        if _caused_by(exc, PDFPasswordIncorrect):
            raise UserError(f"{path}: the PDF is encrypted with a password; open an unprotected copy") from exc
        raise UserError(f"{path}: not a readable PDF ({_reason(exc)}); check that the file is whole") from exc
    lines: list[str] = []
    pages: list[int] = []
    try:
        with pdf:
            total = len(pdf.pages)
            columns: Extents = ()
            for number, page in enumerate(pdf.pages, start=1):
                _box_set_upright(page)
                found, columns = page_lines(page, columns)
                for line in found:
                    lines.append(line)
                    pages.append(number)
                page.close()
                if progress is not None:
                    progress(number, total)
    except UserError:
        raise
    except Exception as exc:    # noqa: BLE001 - a page pdfminer cannot parse
        raise UserError(f"{path}: the PDF is damaged ({_reason(exc)}); check that the file is whole") from exc
    if not any(line.strip() for line in lines):
        raise UserError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first, "
                        "this tool reads the PDF's text")
    if not any(holds_words(line) for line in lines):
        raise UserError(f"{path}: the PDF's text layer holds no words, only figures and page numbers (a scan with "
                        "its page numbers printed on, or fonts without a Unicode map); run OCR on it first")
    return PdfText("\n".join(lines), tuple(pages))


def _box_set_upright(page: Page) -> None:
    """A page whose MediaBox names its corners upper-left then lower-right (any two opposite
    corners are allowed): pdfminer places the page's objects from the first corner, a page's
    height below the page (its every character off it, the page read empty); the box as its
    lower-left and upper-right corners."""
    x0, y0, x1, y1 = page.page_obj.mediabox
    page.page_obj.mediabox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _caused_by(exc: BaseException, kind: type) -> bool:
    """Whether `kind` is behind `exc` (pdfplumber wraps pdfminer's errors, as argument or cause)."""
    at: BaseException | None = exc
    seen = 0
    while at is not None and seen < 5:
        if isinstance(at, kind) or any(isinstance(a, kind) for a in getattr(at, "args", ())):
            return True
        at, seen = at.__cause__ or at.__context__, seen + 1
    return False


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200] if str(exc) else type(exc).__name__


def _cell_text(text: str | None) -> str:
    """A cell's text on one line: wrapped lines joined (no space between CJK fragments),
    tabs out so that they never split a cell."""
    if not text:
        return ""
    parts = [p.strip() for p in text.replace("\t", " ").splitlines() if p.strip()]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum() \
                and not (out[-1].isdigit() and part[0].isdigit()):
            out += " "
        out += part
    return out


_AGENCY_CAPTION = re.compile(r"^(部门|单位)(名称)?\s*[:：]")


def _is_caption(text: str) -> bool:
    from .regions import UNIT_LINE, reads_as_title  # regions reads SourceText: imported late
    return reads_as_title(text) or bool(UNIT_LINE.search(text) or _AGENCY_CAPTION.match(text))


def _is_caption_row(filled: list[str]) -> bool:
    """Captions only, or the agency caption with its name in the next cell and the unit last
    (`部门： | 江苏省人民检察院 | 单位：万元`)."""
    from .regions import UNIT_LINE
    return all(_is_caption(x) for x in filled) or \
        (len(filled) >= 2 and bool(_AGENCY_CAPTION.match(filled[0]) and UNIT_LINE.search(filled[-1])))


Extents = tuple[tuple[float, float], ...]      # where a table's columns stand across the page


def _cell_texts(table: RuledTable) -> list[list[str]]:
    """The texts of a ruled table's cells, row by row (a merged cell's in its first box)."""
    return [[_cell_text(c) for c in cells]
            for cells in table.extract(x_tolerance=SETTINGS.char_gap, y_tolerance=SETTINGS.cell_line_tolerance)]


def _spans_joined(table: RuledTable) -> tuple[list[list[str]], Extents]:
    """Cells' texts with the columns that a ruling divides only in part joined, and where each
    joined column stands. Where rows of figures print a cell across a vertical rule (its box
    spans both sides), that rule is the drawing's, not a column boundary (a class's code left
    of its items', staggered amount columns). A merged 合计 label in one row, headers spanning
    their groups, or a rule with header words on both sides (a form's indicator grid below its
    funds grid) stand."""
    from .tokens import is_amount
    texts = _cell_texts(table)
    edges = [c.bbox[0] for c in table.columns]
    width = len(edges)
    _open_cells_filled(table, texts)
    _out_of_slivers(table, texts)
    _overflow_returned(texts)
    crossed = [0] * width       # rows of figures printing a cell across the rule before column b
    divides = [False] * width   # a header line prints words on both sides of the rule
    figures = 0
    for row, cells in zip(table.rows, texts):
        if not any(is_amount(c) for c in cells):
            starts = [j for j, box in enumerate(row.cells) if box is not None and j < len(cells)]
            for left, j in zip(starts, starts[1:]):
                divides[j] = divides[j] or bool(cells[left] and cells[j])
            continue
        figures += 1
        for j, box in enumerate(row.cells):
            if box is None or j >= len(cells) or not cells[j]:
                continue
            for b in range(j + 1, width):
                if edges[b] >= box[2] - SETTINGS.line_tolerance:
                    break
                crossed[b] += 1
    starts = [0] + [b for b in range(1, width)
                    if divides[b] or crossed[b] < max(SETTINGS.crossed_rows, SETTINGS.crossed_share * figures)]
    bounds = list(zip(starts, starts[1:] + [max(width, max((len(r) for r in texts), default=0))]))
    xs = [*edges, table.bbox[2]]
    return [["".join(row[a:b]) for a, b in bounds] for row in texts], tuple((xs[a], xs[min(b, width)]) for a, b in bounds)


def _open_cells_filled(table: RuledTable, texts: list[list[str]]) -> None:
    """Text inside the table that no ruled cell closes round: a merged cell cut by the page's
    end (a form's 一级/二级指标 running on to the next page) is no cell to pdfplumber, and its
    text would be lost. It goes where a closed merged cell's text goes, in the first row the
    open cell spans: the row below the last cell closed above it in its column."""
    from pdfplumber.utils import extract_text, extract_words
    edges = [c.bbox[0] for c in table.columns]
    above: list[list[tuple[float, float]]] = [[] for _ in edges]     # per column: its cells' (top, bottom)
    for x0, top, x1, bottom in table.cells:
        for j, edge in enumerate(edges):
            if x0 - SETTINGS.line_tolerance <= edge < x1 - SETTINGS.line_tolerance:
                above[j].append((top, bottom))
    for spans in above:
        spans.sort()

    def column(x: float) -> int:
        return max(bisect.bisect_right(edges, x) - 1, 0)

    def closing(x: float, y: float) -> tuple[float, float] | None:
        """The cell of the point's column at or above it."""
        spans = above[column(x)]
        at = bisect.bisect_right(spans, (y, math.inf)) - 1
        return spans[at] if at >= 0 else None

    left, top, right, bottom = table.bbox
    open_chars = []
    for char in table.page.chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if left <= x < right and top <= y < bottom and ((cell := closing(x, y)) is None or cell[1] <= y):
            open_chars.append(char)
    if not open_chars:
        return
    row_tops = [row.bbox[1] for row in table.rows]
    cells: dict[tuple[int, int], list[dict]] = {}
    for word in extract_words(open_chars, return_chars=True, x_tolerance=SETTINGS.char_gap):
        x, y = word["x0"] + 1, (word["top"] + word["bottom"]) / 2
        cell = closing(x, y)
        first = bisect.bisect_left(row_tops, (cell[1] if cell else top) - SETTINGS.line_tolerance)
        if first < len(texts):
            cells.setdefault((first, column(x)), []).extend(word["chars"])
    for (r, j), chars in cells.items():
        if j < len(texts[r]):
            texts[r][j] += _cell_text(extract_text(chars, x_tolerance=SETTINGS.char_gap, y_tolerance=SETTINGS.cell_line_tolerance))


def _column_widths(table: RuledTable) -> list[float]:
    """Each column's own width, from its left rule to the next column's (pdfplumber's column
    box is the union of its cells', which a cell spanning several columns widens)."""
    edges = [c.bbox[0] for c in table.columns] + [table.bbox[2]]
    return [right - left for left, right in zip(edges, edges[1:])]


def _out_of_slivers(table: RuledTable, texts: list[list[str]]) -> None:
    """A cell whose box starts in a sliver column (a double rule drawn a few points off the
    header's) and spans wider columns prints its text in the first wide one: there the
    header above it stands, and the sliver is left empty to be dropped."""
    edges = [c.bbox[0] for c in table.columns]
    narrow = [w < SETTINGS.min_column_width for w in _column_widths(table)]
    for row, cells in zip(table.rows, texts):
        for j, box in enumerate(row.cells):
            if box is None or j >= len(cells) or not cells[j] or not narrow[j]:
                continue
            wide = next((b for b in range(j + 1, len(narrow))
                         if edges[b] < box[2] - SETTINGS.line_tolerance and not narrow[b]), None)
            if wide is not None and wide < len(cells) and not cells[wide]:
                cells[wide], cells[j] = cells[j], ""


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "（）()、，：:"


def _overflow_returned(texts: list[list[str]]) -> None:
    """A long name a PDF prints unwrapped runs over its cell's right rule, and its last words
    land in the next cell, before or among the figures of its amount (`机关事业单位职业年金 |
    缴费支出43608.96`, `…部门预 | 算0的.0项0目`): in a column of figures, they go back to the
    name they end. Words after the figures are the cell's own (`2026年`)."""
    from .tokens import is_amount

    def split(text: str) -> tuple[str, str, bool]:
        """(its words, its figures, whether a word stands before a figure)"""
        words = "".join(ch for ch in text if _is_name_char(ch))
        figure = "".join(ch for ch in text if not _is_name_char(ch) and not ch.isspace())
        first_word = next((i for i, ch in enumerate(text) if _is_name_char(ch)), len(text))
        return words, figure, any(not _is_name_char(ch) and not ch.isspace() for ch in text[first_word:])

    rows = [cells for cells in texts if any(map(is_amount, cells))]     # (not a header's: `项目 | 2026年预算数`)
    width = max((len(cells) for cells in rows), default=0)
    for j in range(1, width):
        column = [cells[j] for cells in rows if j < len(cells) and cells[j]]
        if sum(map(is_amount, column)) * 2 <= len(column):
            continue        # (dates, `2026年03月04日`, are no figures with words among them)
        for cells in rows:
            if j >= len(cells) or not cells[j - 1] or not _is_name_char(cells[j - 1][-1]) or is_amount(cells[j]):
                continue
            words, figure, words_first = split(cells[j])
            if words and words_first and is_amount(figure):
                cells[j - 1] += words
                cells[j] = figure


def _row_of_figures(table: RuledTable) -> bool:
    """A ruled box printing an amount: a table's row the page break left alone (the last row
    of a table on a page of its own), not a frame round a title."""
    from .tokens import is_amount
    return any(is_amount(text) for row in _cell_texts(table) for text in row)


def _under_columns(texts: list[str], extents: Extents, columns: Extents) -> list[str]:
    """A row's cells, drawn with columns of their own, put under the columns they stand over most."""
    out = [""] * len(columns)
    for text, (left, right) in zip(texts, extents):
        if text:
            j = max(range(len(columns)), key=lambda n: min(right, columns[n][1]) - max(left, columns[n][0]))
            out[j] += text
    return out


def _on_the_page(page: Page) -> Page:
    """The page without the characters set above or below its edges: a cell's text run on
    past the page's foot (a project's goal, clipped, and printed again on the next page) or
    carried over above its head is not printed on it. (A line run past the right edge stays:
    its words are the line's own.)"""
    _, top, _, bottom = page.bbox
    if all(top <= c["top"] and c["bottom"] <= bottom for c in page.chars):
        return page
    return page.filter(lambda obj: obj["object_type"] != "char" or top <= obj["top"] and obj["bottom"] <= bottom)


def _overprinted(page: Page) -> bool:
    """Whether a glyph is drawn again over itself (the quick test before pdfplumber's slower
    dedupe: the same character in the same grid square of the overprint tolerance)."""
    seen = set()
    for char in page.chars:
        key = (char["text"], round(float(char["x0"]) / SETTINGS.overprint_tolerance),
               round(float(char["top"]) / SETTINGS.overprint_tolerance))
        if key in seen:
            return True
        seen.add(key)
    return False


def _unruled_lead(table: RuledTable, carried: Extents) -> tuple[int, tuple[float, float, float, float]] | None:
    """Where a page's first table starts a column or more right of the columns carried from
    the table before it, and its own columns stand under the carried ones, the columns left
    of it are that table's, unruled on this page (a project's name, funds and goal merged
    down the whole page beside its indicators' rows): the first carried column the table
    takes, and the box of those left of it, from the carried table's left to the table's."""
    left, top, _, bottom = table.bbox
    first = next((j for j, (start, end) in enumerate(carried) if start > left - SETTINGS.line_tolerance), None)
    if not first or carried[first - 1][1] > left + SETTINGS.line_tolerance:
        return None
    edges = [c.bbox[0] for c in table.columns]
    if not all(any(abs(edge - start) <= SETTINGS.line_tolerance for start, _ in carried[first:]) for edge in edges):
        return None
    return first, (carried[0][0], top, left, bottom)


def _lead_cells(page: Page, table: RuledTable, carried: Extents,
                lead: tuple[int, tuple[float, float, float, float]]) -> dict[int, dict[int, str]]:
    """The texts of a table's unruled lead columns (`_unruled_lead`), by row and column: the
    words between two rules across them (the page's top and bottom where none is drawn) are
    one merged cell each column, in the first row of the table they stand beside."""
    from pdfplumber.utils import extract_text
    first, (x0, top, x1, bottom) = lead
    rules = sorted({float(e["top"]) for e in page.edges if e["orientation"] == "h" and e["x0"] < x1 - SETTINGS.line_tolerance
                    and e["x1"] > x0 + SETTINGS.line_tolerance and top < float(e["top"]) < bottom})
    bounds = [top, *rules, bottom]
    row_tops = [row.bbox[1] for row in table.rows]
    cells: dict[int, dict[int, str]] = {}
    for above, below in zip(bounds, bounds[1:]):
        r = bisect.bisect_left(row_tops, above - SETTINGS.line_tolerance)
        if r >= len(row_tops):
            continue
        for j, (start, end) in enumerate(carried[:first]):
            chars = [c for c in page.chars if start <= (c["x0"] + c["x1"]) / 2 < end and
                     above <= (c["top"] + c["bottom"]) / 2 < below]
            if text := _cell_text(extract_text(chars, x_tolerance=SETTINGS.char_gap,
                                               y_tolerance=SETTINGS.cell_line_tolerance)):
                cells.setdefault(r, {})[j] = text
    return cells


def _rows_past_the_rules(page: Page, table: RuledTable, extents: Extents) -> list[tuple[tuple[float, float], list[str]]]:
    """A row whose rule above (or below) the page leaves undrawn while the table's vertical
    rules run on across it (the first row of a table continued on a page of its own, no
    header and no top rule): every column boundary's rule reaching past the table's box
    marks out that row, and its words are cells by the columns they stand in: ((top, bottom), texts)."""
    from pdfplumber.utils import extract_text

    from .tokens import is_amount
    left, top, right, bottom = table.bbox
    tolerance = SETTINGS.line_tolerance
    boundaries = [c.bbox[0] for c in table.columns] + [right]
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    found = []
    for above in (True, False):
        reach = []
        for x in boundaries:
            ends = [float(e["top"]) if above else float(e["bottom"]) for e in verticals if abs(float(e["x0"]) - x) <= tolerance
                    and (float(e["bottom"]) >= top - tolerance if above else float(e["top"]) <= bottom + tolerance)]
            if not ends:
                break
            reach.append(min(ends) if above else max(ends))
        if len(reach) < len(boundaries):
            continue
        band = (max(reach), top) if above else (bottom, min(reach))
        if band[1] - band[0] < 2 * tolerance:
            continue
        chars = [c for c in page.chars if band[0] <= (c["top"] + c["bottom"]) / 2 < band[1]]
        if any(not left <= (c["x0"] + c["x1"]) / 2 < right for c in chars) or _lines_across_columns(chars, extents) > 1:
            continue        # (a line running on beyond the table's sides, a text's or a wider table's; or
            # several lines each printing cells of several columns: rows the ruling leaves undivided)
        texts = [_cell_text(extract_text([c for c in chars if start <= (c["x0"] + c["x1"]) / 2 < end],
                                         x_tolerance=SETTINGS.char_gap, y_tolerance=SETTINGS.cell_line_tolerance))
                 for start, end in extents]
        if any(is_amount(text) for text in texts):     # (words alone: a cell's tail run on from the page before)
            found.append((band, texts))
    return found


def _lines_across_columns(chars: list[dict], extents: Extents) -> int:
    """How many of the text lines `chars` make print in two columns or more (one row's
    wrapped cell prints its lines in one column, its other cells on one line)."""
    from pdfplumber.utils import cluster_objects
    lines = cluster_objects(chars, lambda c: float(c["top"]), SETTINGS.line_tolerance)
    return sum(1 for line in lines
               if len({j for c in line for j, (start, end) in enumerate(extents) if start <= (c["x0"] + c["x1"]) / 2 < end}) > 1)


def _boxes_on_their_baselines(page: Page) -> None:
    """Characters of a font whose metrics put its boxes below the line (the ascent 0, the
    descent its whole size: a year, a colon, a list's 、 a line lower than their words) are
    boxed again round their baseline, so that they share their words' line and cell."""
    for char in page.chars:
        matrix, size = char["matrix"], float(char["size"])
        if not char.get("upright") or matrix[0] <= 0 or matrix[3] <= 0 or size <= 0:
            continue
        baseline = float(matrix[5])
        if float(char["y1"]) - baseline >= SETTINGS.min_ascent_share * size:
            continue
        shift = baseline + SETTINGS.ascent_share * size - float(char["y1"])
        char["y1"] = float(char["y1"]) + shift
        char["y0"] = char["y1"] - size
        for key in ("top", "doctop"):
            char[key] = float(char[key]) - shift
        char["bottom"] = float(char["top"]) + size
        char["height"] = size


def page_lines(page: Page, carried: Extents = ()) -> tuple[list[str], Extents]:
    """The lines of one page, top to bottom: text lines outside the ruled tables, and a
    tab-separated line per table row, and where the page's last table's columns stand. Page
    numbers in the margins are left out. A row ruled alone (a table's last row on a page of
    its own, merged otherwise than the table's) is laid under the columns `carried` from
    the table before it."""
    _boxes_on_their_baselines(page)
    page = _on_the_page(page)
    if _overprinted(page):
        page = page.dedupe_chars(tolerance=SETTINGS.overprint_tolerance)
    tables = [t for t in page.find_tables() if len(t.columns) >= SETTINGS.min_table_columns and
              (len(t.rows) >= SETTINGS.min_table_rows or _row_of_figures(t))]
    items: list[tuple[float, int, str]] = []        # (top, order, text)
    # the columns a table continued from the page before leaves unruled on its left (a
    # project's cells merged across the whole page): (its first column there, their box)
    lead = _unruled_lead(tables[0], carried) if tables and carried else None
    read_boxes = [t.bbox for t in tables] + ([lead[1]] if lead is not None else [])
    for number, t in enumerate(tables):
        grid, extents = _spans_joined(t)
        # a sliver of a column, empty in every row, is a ruling artefact: without it the
        # table's columns line up with its continuation on the next page
        widths = _column_widths(t)
        used = [j for j in range(max((len(r) for r in grid), default=0))
                if any(j < len(r) and r[j] for r in grid) or j >= len(widths) or widths[j] >= SETTINGS.min_column_width]
        spans = tuple(extents[min(j, len(extents) - 1)] for j in used)
        alone = len(t.rows) < SETTINGS.min_table_rows
        led_on = lead is not None and number == 0      # (the page's first table, its lead unruled)
        led = _lead_cells(page, t, carried, lead) if led_on and lead is not None else {}
        rows = [(float(row.bbox[1]), [texts[j] if j < len(texts) else "" for j in used])
                for row, texts in zip(t.rows, grid)]
        if not alone and not led_on:
            unruled = _rows_past_the_rules(page, t, spans)
            rows += [(band[0], texts) for band, texts in unruled]
            read_boxes += [(t.bbox[0], band[0], t.bbox[2], band[1]) for band, _ in unruled]
        for r, (row_top, texts) in enumerate(rows):
            if (alone or led_on) and carried:
                texts = _under_columns(texts, spans, carried)
                for j, text in led.get(r, {}).items():
                    texts[j] = text
            filled = [x for x in texts if x]
            if not filled:
                continue
            # a title, unit or agency line ruled into the table's box is a line of text, not a row
            printed = " ".join(filled) if _is_caption_row(filled) else "\t".join(texts)
            items.append((row_top, 1, printed))
        if not alone and not led_on:
            carried = spans
    outside = page
    for box in read_boxes:
        outside = outside.outside_bbox(box, strict=False)
    height = float(page.height)
    lines = [line for line in outside.extract_text_lines(layout=False, strip=True, x_tolerance=SETTINGS.char_gap,
                                                         y_tolerance=SETTINGS.line_tolerance)
             if line["text"].strip()]
    for n, line in enumerate(lines):
        text = line["text"].strip()
        # the page number: in the top or bottom margin, or the first or last line of the page
        at_edge = n in (0, len(lines) - 1) or line["top"] < height * SETTINGS.margin_share or \
            line["bottom"] > height * (1 - SETTINGS.margin_share)
        if at_edge and _PAGE_NUMBER.match(text):
            continue
        items.append((float(line["top"]), 0, text.replace("\t", " ")))
    items.sort(key=lambda item: (round(item[0], 1), item[1]))
    return [text for _, _, text in items], carried
