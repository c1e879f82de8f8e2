"""The current table as a grid: header rows as printed, amounts right-aligned exactly as
printed, corrected / inferred / flagged cells coloured."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.containers import Lines
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import CellCacheKey
from textual.widgets.data_table import Column, RowKey

from core.columns import ColumnRole
from core.model import Table, parse_amount

from .. import strings

CORRECTED = "on #5f3f00"
INFERRED = "on #1f3f5f"
FLAGGED = "on #5f1f1f"
START_EDIT_CHARS = set("0123456789-.")
LABEL_SHARE = 0.5       # of the grid's width, at most, for the code and label columns kept in view
MIN_LABEL_WIDTH = 4     # … each of them at least this wide
CELLS_DRAWN_KEPT = 50_000       # drawn cells kept for tables shown again (a few screens of every table)
LINES_DRAWN_KEPT = 5_000        # … and drawn lines
Drawn = TypeVar("Drawn")
CODE_ROLES = (ColumnRole.CODE, ColumnRole.CODE_PART, ColumnRole.SEQUENCE)     # kept whole: never cut


def cell_text(text: str, *, amount: bool, style: str = "") -> Text:
    """A cell as printed: never parsed as markup, never reformatted. An empty cell with a
    mark shows a dot in the mark's colour (an empty text would show no colour at all)."""
    if not text and style:
        return Text(strings.EMPTY_MARK, style=style, justify="center", no_wrap=True)
    return Text(text, style=style, justify="right" if amount else "left", no_wrap=True, overflow="ellipsis")


def header_label(table: Table, col: int, depth: int) -> str:
    """A column's header path, one level per line: a group is named over the first column
    it spans and cut to the column's width, so a long group name does not widen the grid."""
    parts = table.columns[col].path
    prev = table.columns[col - 1].path if col else ()
    width = max([cell_len(parts[-1])] + [cell_len(r[col].text) for r in table.rows if col < len(r)])
    lines = []
    for level, part in enumerate(parts[:-1]):
        if prev[:level + 1] == parts[:level + 1]:
            part = ""            # the group was named over the column to the left
        lines.append(part if cell_len(part) <= width else set_cell_size(part, max(1, width - 1)) + "…")
    lines.append(parts[-1])
    return "\n".join(lines + [""] * (depth - len(parts)))


def _kept(store: dict[Any, Drawn], key: Any, drawn: Drawn, most: int) -> Drawn:
    """`drawn`, kept in `store` under `key` (the store emptied first where it holds `most`)."""
    if len(store) >= most:
        store.clear()
    store[key] = drawn
    return drawn


class TableGrid(DataTable):
    """DataTable of one extracted table. Typing a digit, '-' or '.' starts an edit with it."""

    # The grid's place on screen never depends on its content (its size is set by the screen,
    # its scrollbars always shown), so a new table's size scrolls the grid without laying the
    # whole screen out again (Widget's virtual_size asks for a layout)
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("h", "cursor_left", strings.KEYS["cursor_left"], show=False, id="grid.cursor_left"),
        Binding("j", "cursor_down", strings.KEYS["cursor_down"], show=False, id="grid.cursor_down"),
        Binding("k", "cursor_up", strings.KEYS["cursor_up"], show=False, id="grid.cursor_up"),
        Binding("l", "cursor_right", strings.KEYS["cursor_right"], show=False, id="grid.cursor_right"),
    ]

    def __init__(self, start_edit: Callable[[str], None] | None = None,
                 typed: Callable[[str], None] | None = None,
                 finish: Callable[[str | None, bool], None] | None = None,
                 moved: Callable[[], None] | None = None, **kwargs: Any) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)
        self.table: Table | None = None
        self.start_edit = start_edit        # called with the character that starts an edit
        self.typed = typed                  # called with the text as it is typed
        self.finish = finish                # called with the text (None: cancelled), move right
        self.moved = moved                  # called as the cursor moves, in the refresh that moves it
        self.typing: str | None = None      # the text being typed, while an edit is open
        self.natural_widths: list[int] = []     # the columns' widths as their headers and cells print
        self._cells_width: list[int] = []   # … as their cells alone print (a code column's header may be cut)
        # (scroll, width, fixed columns, column widths) → the fixed part's width and where the whole columns are
        self._edges: tuple[tuple[int, int, int, tuple[int, ...]], int, int, int] = ((-1, -1, -1, ()), 0, 0, 0)
        self._columns_in_order: tuple[object, int, int, list[Column]] = (None, -1, -1, [])
        # body cells' lines by all they are made of, kept across tables (the DataTable's own
        # cache is emptied by every `clear`)
        self._cells_drawn: dict[tuple[object, ...], list[list[Segment]]] = {}
        self._lines_drawn: dict[tuple[object, ...], Strip] = {}

    @property
    def ordered_columns(self) -> list[Column]:
        """The columns as shown, kept until columns or cells change: the DataTable works
        them out afresh for every line it draws."""
        locations, count, updates, columns = self._columns_in_order
        if locations is not self._column_locations or count != len(self.columns) or updates != self._update_count:
            columns = [self.columns[key] for j in range(len(self.columns))
                       if (key := self._column_locations.get_key(j)) is not None]
            self._columns_in_order = (self._column_locations, len(self.columns), self._update_count, columns)
        return columns

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)       # what the layout would do: the scrollbars to the new size
        self.refresh()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The grid's scrollable size after rows are added. `show_table` gives every column
        its width and every row one line, so no new cell needs measuring (the DataTable's
        own would measure each cell of each new row for widths it then ignores)."""
        if any(column.auto_width for column in self.columns.values()) or self._labelled_row_exists or \
                any(row.auto_height for key in new_rows if (row := self.rows.get(key)) is not None):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        self.virtual_size = Size(width, self._total_row_height + (self.header_height if self.show_header else 0))

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        """A body cell's one line, made from its text directly: the DataTable's own way (rich's
        Padding and Styled rendered through the console for every cell) is most of a table
        switch's time, and every body cell here is a one-line `Text` (`show_table`)."""
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:       # (the header, the row labels)
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key: CellCacheKey = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor,
                             self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is None:
            cell = self._get_row_renderables(row_index)[1][column_index]
            if not isinstance(cell, Text) or self.rows[row_key].height != 1:
                return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
            component_style, post_style = self._get_styles_to_render_cell(
                False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
                self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
            # everything the line is made of: the same cell drawn again (its table shown again)
            # is looked up, not drawn
            drawn = (row_index, column_index, cell.plain, cell.style, cell.justify, cell.overflow, width,
                     self.cell_padding, base_style, component_style, post_style)
            lines = self._cells_drawn.get(drawn)
            if lines is None:
                style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
                lines = _kept(self._cells_drawn, drawn, [list(Segment.apply_style(
                    self._cell_segments(cell, width), style, post_style))], CELLS_DRAWN_KEPT)
            self._cell_render_cache[key] = lines
        return lines

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """A body line, looked up by all it is made of where it was drawn before (its table
        shown again: the DataTable's own lines are dropped by every `clear`)."""
        try:
            row_key, offset = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row = self._row_locations.get(row_key)
        if row is None or offset or self._labelled_row_exists:       # (the header, a row's second line)
            return super()._render_line(y, x1, x2, base_style)
        cells = self._get_row_renderables(row)[1]
        if not all(isinstance(cell, Text) for cell in cells):
            return super()._render_line(y, x1, x2, base_style)
        cursor, hover = self.cursor_coordinate, self.hover_coordinate
        drawn = (row, tuple((cell.plain, cell.style, cell.justify, cell.overflow) for cell in cells if isinstance(cell, Text)),
                 tuple(column.get_render_width(self) for column in self.ordered_columns), self.fixed_columns,
                 x1, x2, self.size.width, base_style, self._pseudo_class_state, self.show_cursor, self.cursor_type,
                 self._show_hover_cursor, cursor.row == row, cursor.column, hover.row == row, hover.column)
        strip = self._lines_drawn.get(drawn)
        if strip is None:
            strip = _kept(self._lines_drawn, drawn, super()._render_line(y, x1, x2, base_style), LINES_DRAWN_KEPT)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines_drawn.clear()       # (a new theme: the cells' own keys hold their styles)

    def _cell_segments(self, cell: Text, width: int) -> list[Segment]:
        """`cell` as rich renders it in `width` cells, one line, padded (what the DataTable's
        Padding of a no-wrap Text gives)."""
        console = self.app.console
        pad = self.cell_padding
        inner = max(0, width - 2 * pad)
        text = cell.copy()
        overflow = cell.overflow or "fold"
        if cell.justify and cell.justify != "default":
            Lines([text]).justify(console, inner, justify=cell.justify, overflow=overflow)
        text.truncate(inner, overflow=overflow)
        segments = [Segment(" " * pad)] if pad else []
        segments += Text().join([text]).render(console)      # (joined: its own style is a span, as rich renders it)
        if (rest := inner - text.cell_len) > 0:
            segments.append(Segment(" " * rest))
        if pad:
            segments.append(Segment(" " * pad))
        return segments

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new and self.moved is not None:
            self.moved()

    def begin_typing(self, text: str) -> None:
        """Take the keys of an edit: the grid keeps the focus, so every key, however fast,
        is read in order by one widget (an editor taking the focus would race the keys
        already queued here)."""
        self.typing = text

    def show_table(self, table: Table, printed: list[list[str]], flagged: set[tuple[int, int]],
                   edited_columns: frozenset[int] = frozenset(), keep_cursor: bool = True) -> None:
        """Show `table`, its cells as `printed` (row by row, as the source prints them)."""
        cursor = self.cursor_coordinate
        self.table = table
        self.clear(columns=True)
        depth = max([len(c.path) for c in table.columns] + [1])
        headers = [header_label(table, j, depth) for j in range(len(table.columns))]
        # every width given, as the cells print (one line each): a width the DataTable measures
        # later leaves the cells it drew before cut to their header's width
        self._cells_width = [max([cell_len(texts[j]) if texts[j] else 1 for texts in printed] + [1])
                             for j in range(len(headers))]
        widths = [max([cell_len(line) for line in header.split("\n")] + [self._cells_width[j]])
                  for j, header in enumerate(headers)]
        self.natural_widths = list(widths)
        capped = self.label_widths(widths)
        widths[:len(capped)] = capped
        labels = self.label_columns()
        for j, header in enumerate(headers):
            style = f"bold {CORRECTED}" if j in edited_columns else "bold"
            self.add_column(Text(header, style=style, overflow="ellipsis"), key=f"c{j}", width=widths[j])
        self.header_height = depth
        # codes and labels stay in view while the amounts scroll sideways
        self.fixed_columns = self.kept_in_view(widths[:labels])
        width = len(table.columns)
        for r, row in enumerate(table.rows):
            cells = []
            for j in range(width):
                cell = row[j] if j < len(row) else None
                text = printed[r][j]
                style = ""
                if cell is not None and cell.original is not None:
                    style = CORRECTED
                elif (r, j) in flagged:
                    style = FLAGGED
                elif cell is not None and cell.inferred:
                    style = INFERRED
                cells.append(cell_text(text, amount=parse_amount(text) is not None, style=style))
            self.add_row(*cells, key=f"r{r}")
        if keep_cursor and table.rows:
            self.move_cursor(row=min(cursor.row, len(table.rows) - 1),
                             column=min(cursor.column, max(0, width - 1)), animate=False)

    def label_columns(self) -> int:
        """How many columns, from the left, hold codes and labels (kept in view)."""
        table = self.table
        if table is None or not table.rows:
            return 0
        return next((j for j, column in enumerate(table.columns) if not column.holds_words), 0)

    def label_room(self) -> float:
        """The cells the label columns kept in view may take (before the grid is laid out, a
        share of the screen's width)."""
        return LABEL_SHARE * (self.size.width or self.app.size.width)

    def label_widths(self, natural: list[int]) -> list[int]:
        """The code and label columns' widths, from the columns' `natural` ones: where they
        would take more than `LABEL_SHARE` of the grid, the names are cut in proportion (a cut
        name ends in …; the status line shows it whole), codes never (only their header), so
        the amounts always have the rest."""
        labels = natural[:self.label_columns()]
        room = int(self.label_room()) - 2 * self.cell_padding * len(labels)
        if sum(labels) <= room or self.table is None:
            return labels
        names = [j for j in range(len(labels)) if self.table.columns[j].role not in CODE_ROLES]
        codes = {j: max(MIN_LABEL_WIDTH, self._cells_width[j]) for j in range(len(labels)) if j not in names}
        room -= sum(codes.values())
        wanted = sum(labels[j] for j in names) or 1
        return [max(MIN_LABEL_WIDTH, width * room // wanted) if j in names else codes[j] for j, width in enumerate(labels)]

    def kept_in_view(self, widths: list[int]) -> int:
        """How many of the label columns (of these widths) stay in view: those, from the left,
        within `LABEL_SHARE` of the grid (many codes side by side may not all fit)."""
        room = self.label_room()
        used = 0
        for kept, width in enumerate(widths):
            used += width + 2 * self.cell_padding
            if used > room:
                return kept
        return len(widths)

    def render_line(self, y: int) -> Strip:
        """A line of the grid with the columns cut by its edges left blank: a number is shown
        whole or not at all (the cursor's column is always whole: moving to it scrolls)."""
        strip = super().render_line(y)
        width = self.size.width
        key = (int(self.scroll_offset.x), width, self.fixed_columns, tuple(c.width for c in self.columns.values()))
        if self._edges[0] != key:       # the columns' edges change only with a scroll, a resize or new widths
            fixed = sum(column.get_render_width(self) for column in self.ordered_columns[:self.fixed_columns])
            self._edges = (key, fixed, *self._whole_columns(fixed, width))
        _, fixed, left, right = self._edges
        if left <= fixed and right >= width:
            return strip
        blank = self.rich_style
        return Strip.join([strip.crop(0, fixed), Strip.blank(left - fixed, blank), strip.crop(left, right),
                           Strip.blank(width - right, blank)])

    def _whole_columns(self, fixed: int, width: int) -> tuple[int, int]:
        """Where, on screen, the scrolling columns shown whole begin and end (all of the
        scrolling part where no column fits whole)."""
        scroll_x = int(self.scroll_offset.x)
        start, edges = 0, []
        for column in self.ordered_columns:
            end = start + column.get_render_width(self)
            edges.append((start - scroll_x, end - scroll_x))
            start = end
        whole = [(a, b) for a, b in edges[self.fixed_columns:] if a >= fixed and b <= width]
        if not whole:
            return fixed, width
        return whole[0][0], whole[-1][1]

    def on_resize(self, event: events.Resize) -> None:
        """The label columns' share of a new width, set on the columns shown (a change of
        height alone changes nothing)."""
        widths = self.label_widths(self.natural_widths)
        labels = self.ordered_columns[:len(widths)]
        if self.table is None or [column.width for column in labels] == widths:
            return
        for column, width in zip(labels, widths):
            column.width = width
        self.fixed_columns = self.kept_in_view(widths)
        # the DataTable's own way after a change of widths: its virtual width recomputed, its
        # rendered lines (cut to the old widths) dropped
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        if self.typing is not None:
            event.stop()
            event.prevent_default()
            self._type(event)
            return
        move = next((b.action for b in self._bindings.key_to_bindings.get(event.key, ())
                     if b.action.startswith(("cursor_", "scroll_", "page_"))), None)
        if move is not None and hasattr(self, f"action_{move}"):
            # a move is made here and now, in the order of the keys: a digit typed right
            # after it starts its edit on the cell it moved to
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{move}")()
            return
        if event.character and event.character in START_EDIT_CHARS and self.table and self.table.rows:
            event.stop()
            event.prevent_default()
            # a direct call: the editor has the focus before the next key is dispatched, so a
            # value typed or pasted quickly (`580.13`) reaches it whole
            if self.start_edit is not None:
                self.start_edit(event.character)

    def _type(self, event: events.Key) -> None:
        """One key of an open edit: text, Backspace, Enter (commit), Tab (commit and move
        right), Escape (cancel); other keys are ignored while typing."""
        assert self.typing is not None
        if event.key in ("enter", "tab", "escape"):
            text, self.typing = self.typing, None
            if self.finish is not None:
                self.finish(None if event.key == "escape" else text, event.key == "tab")
            return
        if event.key == "backspace":
            self.typing = self.typing[:-1]
        elif event.key == "ctrl+u":
            self.typing = ""
        elif event.is_printable and event.character:
            self.typing += event.character
        else:
            return
        if self.typed is not None:
            self.typed(self.typing)

