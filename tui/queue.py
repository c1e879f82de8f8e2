"""The review queue of a folder: its documents, most open errors first; Enter opens one in the
review screen, D there marks it done and returns here. State lives in the folder's workspace."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input

from core.document import load_document
from core.errors import UserError
from core.review import Review
from core.session import ReviewSession
from core.workspace import STATUSES, Entry, Workspace, matching

from . import strings
from .app import ConfiguredApp, MainScreen, key_binding
from .config import UiSettings
from .widgets.key_bar import KeyBar


class QueueScreen(Screen[None]):
    BINDINGS = [
        key_binding("enter", "open_document", "open_document", scope="queue"),
        key_binding("slash", "filter", "filter", scope="queue"),
        key_binding("s", "status_filter", "status_filter", scope="queue"),
        key_binding("r", "rescan", "rescan", scope="queue"),
        key_binding("q", "quit", "quit", scope="queue"),
    ]
    DEFAULT_CSS = """
    #queue-filter { display: none; }
    #queue-filter.filtering { display: block; }
    """

    def __init__(self, workspace: Workspace, settings: UiSettings):
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.status: str | None = None      # the status shown (None: all)
        self.text = ""                      # the text filter
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=strings.QUEUE_FILTER, id="queue-filter")
        yield DataTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in strings.QUEUE_COLUMNS.items():
            table.add_column(label, key=key)
        self.query_one(KeyBar).show_bindings([b for b in self.BINDINGS if isinstance(b, Binding)],
                                             self.settings.keymap)
        self.reload()
        table.focus()

    def reload(self) -> None:
        """The rows as the workspace has them now, under the filters, the cursor kept."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        every = self.workspace.entries()
        self.entries = matching(every, self.status, self.text)
        table.clear()
        for e in self.entries:
            status = Text(e.status, style="green" if e.status == "done" else "yellow" if e.status == "in review" else "")
            errors = Text(str(e.open_errors), style="bold red" if e.open_errors else "")
            path = Text(e.path) if not e.problem else Text(f"{e.path} ({strings.QUEUE_PROBLEM.format(problem=e.problem)})",
                                                             style="red")
            table.add_row(status, errors, Text(e.agency), Text(e.year), Text(e.report_type), Text(str(e.tables)),
                          path, key=e.path)
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))
        self.title = strings.QUEUE_TITLE.format(folder=self.workspace.folder.name or str(self.workspace.folder),
                                                done=sum(e.status == "done" for e in every), total=len(every),
                                                errors=sum(e.open_errors for e in every))
        self.sub_title = strings.QUEUE_STATUS_FILTER.format(status=self.status or strings.QUEUE_ALL) + \
            (f" · {self.text}" if self.text else "") + ("" if every else f" · {strings.QUEUE_EMPTY}")

    def chosen(self) -> Entry | None:
        table = self.query_one(DataTable)
        return self.entries[table.cursor_row] if self.entries and 0 <= table.cursor_row < len(self.entries) else None

    def action_open_document(self) -> None:
        entry = self.chosen()
        if entry is not None:
            self.app.call_later(self._open, entry)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_document()

    def _open(self, entry: Entry) -> None:
        path = self.workspace.folder / entry.path
        try:
            review = Review.open(load_document(path), autosave=True)
            review.check_writable()
            review.lock()
        except UserError as exc:
            self.notify(strings.QUEUE_OPEN_FAILED.format(path=entry.path, error=exc), severity="error", markup=False)
            return
        if entry.status == "new":
            self.workspace.set_status(entry.path, "in review")

        def closed(done: bool | None) -> None:
            review.unlock()
            self.workspace.refresh(entry.path)
            if done:
                self.workspace.set_status(entry.path, "done")
            self.reload()
        self.app.push_screen(MainScreen(ReviewSession(review), self.settings, in_queue=True), callback=closed)

    def action_filter(self) -> None:
        box = self.query_one("#queue-filter", Input)
        box.add_class("filtering")
        box.value = self.text
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.text = event.value.strip()
        event.input.remove_class("filtering")
        self.query_one(DataTable).focus()
        self.reload()

    def key_escape(self) -> None:
        box = self.query_one("#queue-filter", Input)
        if box.has_class("filtering"):
            box.remove_class("filtering")
            self.text = ""
            self.query_one(DataTable).focus()
            self.reload()

    def action_status_filter(self) -> None:
        """All, then each status in turn."""
        order: list[str | None] = [None, *STATUSES]
        self.status = order[(order.index(self.status) + 1) % len(order)]
        self.reload()

    def action_rescan(self) -> None:
        self.workspace.scan()
        self.reload()

    def action_quit(self) -> None:
        self.app.exit()


class QueueApp(ConfiguredApp):
    def __init__(self, workspace: Workspace, keymap: dict[str, str] | None = None, cursor_blink: bool = True):
        super().__init__(keymap, cursor_blink)
        self.workspace = workspace

    def first_screen(self) -> Screen:
        return QueueScreen(self.workspace, self.settings)
