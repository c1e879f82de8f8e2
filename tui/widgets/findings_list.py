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

    def on_mount(self) -> None:
        for name in strings.COLUMNS_FINDINGS:
            self.add_column(name, key=name)

    def show_findings(self, findings: list[Finding], table: int | None, shown: list[int] | None = None) -> None:
        """The findings (those of `shown` only, when given), the current table's first."""
        self.clear()
        keep = range(len(findings)) if shown is None else shown
        order = sorted(keep, key=lambda i: (findings[i].table_index != table, i))
        self.indices = order
        for i in order:
            f = findings[i]
            self.add_row(Text(f.id), Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")),
                         Text(f.status + (f": {f.note}" if f.note else ""), style=STATUS_STYLE.get(f.status, "")),
                         Text(f.check), Text(f.where or f.table), Text(f.message), key=f"f{i}")

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
