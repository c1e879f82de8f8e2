"""The findings of the document, the current table's first."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from core.validate import Finding

from .. import strings

SEVERITY_STYLE = {"error": "bold red", "rounding": "yellow", "warning": "magenta"}
STATUS_STYLE = {"open": "bold", "confirmed": "red", "dismissed": "dim", "explained": "dim italic"}


class FindingsList(DataTable):
    class Chosen(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.indices: list[int] = []
        self._rows: list[tuple[int, str, str, str, str, str, str, str]] = []     # what the list shows

    def on_mount(self) -> None:
        for name in strings.COLUMNS_FINDINGS:
            self.add_column(name, key=name)

    def show_findings(self, findings: list[Finding], table: int | None, shown: list[int] | None = None) -> None:
        """The findings (those of `shown` only, when given) in document order, the cursor on
        the current table's first. The list is rebuilt only when what it shows changed: going
        to another table moves its cursor, no more (a rebuild was a third of a table switch)."""
        order = list(range(len(findings)) if shown is None else shown)
        rows = [(i, f.id, str(f.severity), f.status, f.note, str(f.check), f.where or f.table, f.message)
                for i in order for f in (findings[i],)]
        if rows != self._rows:
            self.clear()
            self.indices, self._rows = order, rows
            for i, fid, severity, status, note, check, where, message in rows:
                self.add_row(Text(fid), Text(severity, style=SEVERITY_STYLE.get(severity, "")),
                             Text(status + (f": {note}" if note else ""), style=STATUS_STYLE.get(status, "")),
                             Text(check), Text(where), Text(message), key=f"f{i}")
        first = next((row for row, i in enumerate(self.indices) if findings[i].table_index == table), None)
        current = self.indices[self.cursor_row] if 0 <= self.cursor_row < len(self.indices) else None
        if first is not None and (current is None or findings[current].table_index != table):
            self.move_cursor(row=first, animate=False)

    def follow(self, index: int) -> None:
        """Put the list's cursor on finding `index` (the one gone to), where the list shows it."""
        if index in self.indices:
            self.move_cursor(row=self.indices.index(index), animate=False)

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.indices):
            self.post_message(self.Highlighted(self.indices[event.cursor_row]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.indices[event.cursor_row]))
