"""i: the facts of a form (项目名称, 年度资金总额, the 资金情况 grid …), each editable; an edit
is a core `fact` edit, undoable and saved like a cell's."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from core.session import ReviewSession

from . import strings
from .config import UiSettings
from .widgets.cell_editor import CellEditor
from .widgets.table_grid import CORRECTED


class FactsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", strings.CLOSE, id="facts.close")]
    DEFAULT_CSS = """
    FactsScreen { align: center middle; }
    FactsScreen > Vertical { width: 90%; height: 80%; border: round $accent; background: $surface; }
    FactsScreen DataTable { height: 1fr; }
    FactsScreen #facts-hint { height: 1; color: $text-muted; }
    FactsScreen CellEditor { display: none; }
    FactsScreen CellEditor.editing { display: block; }
    """

    def __init__(self, session: ReviewSession, table_index: int, settings: UiSettings):
        super().__init__()
        self.session = session
        self.settings = settings
        self.table_index = table_index
        self.editing: str | None = None       # the key of the fact being edited

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(strings.FACTS_TITLE.format(title=self.session.tables[self.table_index].title), markup=False)
            yield DataTable(cursor_type="row", id="facts-table")
            yield Static(strings.FACTS_HINT, id="facts-hint")
            yield CellEditor(self.editor_done, id="facts-editor")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(strings.FACT_KEY, key="key")
        table.add_column(strings.FACT_VALUE, key="value")
        self.show_facts()
        self.query_one(CellEditor).cursor_blink = self.settings.cursor_blink
        table.focus()

    def show_facts(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        original = self.session.extracted(self.table_index).all_facts()
        for key, value in self.session.tables[self.table_index].all_facts().items():
            style = CORRECTED if original.get(key) != value else ""
            table.add_row(Text(key), Text(value, style=style), key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.editing = str(event.row_key.value)
        editor = self.query_one(CellEditor)
        editor.value = self.session.tables[self.table_index].all_facts().get(self.editing, "")
        editor.cursor_position = len(editor.value)
        editor.add_class("editing")
        editor.focus()

    def editor_done(self, value: str | None, _move_right: bool) -> None:
        key, self.editing = self.editing, None
        self.query_one(CellEditor).remove_class("editing")
        if key is not None and value is not None:
            self.session.set_table_fact(self.table_index, key, value)
            self.show_facts()
        self.query_one(DataTable).focus()

    def action_close(self) -> None:
        self.dismiss(None)
