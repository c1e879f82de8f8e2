"""The current table as a grid: header rows as printed, amounts right-aligned exactly as
printed, corrected / inferred / flagged cells coloured."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from core.model import Table, parse_amount

from .. import strings

CORRECTED = "on #5f3f00"
INFERRED = "on #1f3f5f"
FLAGGED = "on #5f1f1f"
START_EDIT_CHARS = set("0123456789-.")


def cell_text(text: str, *, amount: bool, style: str = "") -> Text:
    """A cell as printed: never parsed as markup, never reformatted."""
    return Text(text, style=style, justify="right" if amount else "left", no_wrap=True)


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


class TableGrid(DataTable):
    """DataTable of one extracted table. Typing a digit, '-' or '.' starts an edit with it."""

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

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new and self.moved is not None:
            self.moved()

    def begin_typing(self, text: str) -> None:
        """Take the keys of an edit: the grid keeps the focus, so every key, however fast,
        is read in order by one widget (an editor taking the focus would race the keys
        already queued here)."""
        self.typing = text

    def show_table(self, table: Table, flagged: set[tuple[int, int]], keep_cursor: bool = True) -> None:
        cursor = self.cursor_coordinate
        self.table = table
        self.clear(columns=True)
        depth = max([len(c.path) for c in table.columns] + [1])
        for j in range(len(table.columns)):
            self.add_column(Text(header_label(table, j, depth), style="bold"), key=f"c{j}")
        self.header_height = depth
        # codes and labels stay in view while the amounts scroll sideways
        self.fixed_columns = next((j for j, column in enumerate(table.columns)
                                   if not column.holds_words), 0) if table.rows else 0
        width = len(table.columns)
        for r, row in enumerate(table.rows):
            cells = []
            for j in range(width):
                cell = row[j] if j < len(row) else None
                text = cell.text if cell else ""
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

