"""The review app: outline, source text, the current table and the findings, keyboard-driven.

All work is done by `core.session.ReviewSession`; this module only shows it and routes keys.
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from core.edits import Edit, shown_value
from core.errors import UserError
from core.model import Table
from core.review import REVIEWED, Review
from core.session import ReviewSession, Target
from core.validate import Finding

from . import strings
from .commands import ReviewCommands
from .config import UiSettings, load_keymap
from .editing import CellTarget, EditTarget, HeaderTarget, NoteTarget, SearchTarget, TableFieldTarget
from .export_screen import ExportScreen
from .facts_screen import FactsScreen
from .help_screen import HelpScreen
from .kind_screen import KindScreen
from .widgets.cell_editor import CellEditor
from .widgets.findings_list import FindingsList
from .widgets.key_bar import KeyBar, key_display
from .widgets.outline import DocumentOutline
from .widgets.source_view import SourceView
from .widgets.table_grid import TableGrid

K = strings.KEYS


def key_binding(key: str, action: str, name: str, show: bool = True, priority: bool = False,
                scope: str = "") -> Binding:
    """A binding with an id for the keymap (`budget-review.next_table`, `budget-review.queue.filter`)."""
    return Binding(key, action, K[name], show=show, id=".".join(["budget-review", *([scope] if scope else []), name]),
                   priority=priority)


NEEDS_TABLE = frozenset({"edit_title", "edit_unit", "edit_kind", "edit_header", "insert_row", "mark_reviewed"})
NEEDS_ROWS = frozenset({"edit", "move_value", "delete_row", "fill_down", "clear_cell", "row_end"})


class MainScreen(Screen[bool]):
    # the grid has the focus from the start: focus moved there after the first layout (from
    # the outline, the first widget that takes it) restyled both and laid the screen out again
    AUTO_FOCUS = "#grid"
    BINDINGS = [
        key_binding("left_square_bracket", "prev_table", "prev_table"),
        key_binding("right_square_bracket", "next_table", "next_table"),
        key_binding("e", "edit", "edit"),
        key_binding("t", "edit_title", "edit_title", show=False),
        key_binding("u", "edit_unit", "edit_unit", show=False),
        key_binding("K", "edit_kind", "edit_kind", show=False),
        key_binding("H", "edit_header", "edit_header", show=False),
        key_binding("i", "facts", "facts", show=False),
        key_binding("ctrl+z", "undo", "undo"),
        key_binding("ctrl+y", "redo", "redo"),
        key_binding("o", "insert_row", "insert_row", show=False),
        key_binding("ctrl+d", "delete_row", "delete_row", show=False),
        key_binding("f", "fill_down", "fill_down", show=False),
        key_binding("delete", "clear_cell", "clear_cell", show=False),
        key_binding("greater_than_sign", "move_value(1)", "move_right", show=False),
        key_binding("less_than_sign", "move_value(-1)", "move_left", show=False),
        key_binding("R", "mark_reviewed", "mark_reviewed"),
        key_binding("slash", "search", "search", show=False),
        key_binding("v", "findings_view", "findings_view", show=False),
        key_binding("C", "findings_check", "findings_check", show=False),
        key_binding("m", "zoom", "zoom", show=False),
        key_binding("g", "row_end(0)", "top", show=False),
        key_binding("G", "row_end(-1)", "bottom", show=False),
        key_binding("n", "next_finding", "next_finding"),
        key_binding("N", "prev_finding", "prev_finding", show=False),
        key_binding("c", "decide('confirmed')", "confirm", show=False),
        key_binding("x", "decide('dismissed')", "dismiss", show=False),
        key_binding("a", "explain", "explain", show=False),
        key_binding("ctrl+s", "save", "save"),
        key_binding("ctrl+e", "export", "export"),
        key_binding("question_mark", "help", "help"),
        key_binding("D", "mark_done", "mark_done"),
        key_binding("q", "quit", "quit"),
    ]
    # repaint=False: the watcher updates each pane, a repaint of the whole screen would paint them again
    table_index: reactive[int] = reactive(0, init=False, always_update=True, repaint=False)
    """The table on screen: setting it shows that table in the grid, the outline, the title, the
    source pane and the findings (`watch_table_index`, the one place that keeps them in step)."""

    DEFAULT_CSS = """
    #outline { width: 26; border: round $panel; }
    #outline:focus { border: round $accent; }
    #middle { width: 3fr; }
    #grid { height: 2fr; border: round $panel; border-title-color: $foreground; overflow: scroll scroll; }
    #grid:focus { border: round $accent; }
    #editor { display: none; }
    #editor.editing { display: block; }
    #edit-hint { display: none; height: 1; color: $text-muted; }
    #edit-hint.editing { display: block; }
    #legend { height: 1; color: $text-muted; }
    #cell-status { height: 1; width: 100%; }
    #findings { height: 1fr; border: round $panel; }
    #findings:focus { border: round $accent; }
    #finding-detail { height: 3; }
    #source { width: 2fr; }
    MainScreen.narrow #outline { display: none; }
    MainScreen.narrow #source { width: 1fr; }
    """

    def declared_bindings(self) -> list[Binding]:
        """This screen's bindings (all declared as Binding objects, with ids for the keymap)."""
        return [b for b in self.BINDINGS if isinstance(b, Binding)]

    def __init__(self, session: ReviewSession, settings: UiSettings, in_queue: bool = False):
        super().__init__()
        self.session = session
        self.settings = settings
        self.in_queue = in_queue        # opened from a folder's review queue: q returns to it
        self._keep_cursor = False       # the next table shown keeps the grid's cursor where it is
        self.finding_index: int | None = None
        self.finding_cursor: tuple[int, int, int] | None = None    # where going to that finding left the cursor
        self.heading = ""       # the current table's title, review mark, page and saved state, over the grid
        self.editing: EditTarget | None = None      # what the editor is editing
        self.last_search = ""
        self.finding_view = 0       # which of strings.FINDING_VIEWS the findings pane shows
        self.finding_check: str | None = None      # the one check the pane shows (None: every check)
        self.last_export: tuple[str, str] | None = None     # (format, path) of the last export
        self._quit_unsaved = False      # q pressed once while the review could not be saved

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        doc = self.session.document
        yield Header()
        with Horizontal():
            yield DocumentOutline(doc, id="outline")
            with Vertical(id="middle"):
                yield TableGrid(start_edit=self.action_edit, typed=self._show_typed, finish=self.editor_done,
                                moved=self.show_cell_status, id="grid")
                yield Static("", id="edit-hint")
                yield CellEditor(self.editor_done, id="editor")
                yield Static("", id="cell-status")
                yield Static(strings.LEGEND, id="legend")
                yield FindingsList(id="findings")
                yield Static("", id="finding-detail")
            yield SourceView(doc.source.lines, doc.source.pages, strings.PAGE_MARKER, id="source")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        available = [b for b in self.declared_bindings() if self.check_action(b.action, ())]
        self.query_one(KeyBar).show_bindings(available, self.settings.keymap)
        self.query_one(CellEditor).cursor_blink = self.settings.cursor_blink
        self.session.on_change(self._after_change)
        table, row, col = self.session.position       # where the reviewer left last time
        self.show_table(table if table < len(self.session.tables) else 0)
        if table == self.table_index and self.current_table() is not None:
            self.grid.move_cursor(row=row, column=col, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 100, "narrow")

    # -- state shown ---------------------------------------------------------------------
    @property
    def grid(self) -> TableGrid:
        return self.query_one(TableGrid)

    def current_table(self) -> Table | None:
        tables = self.session.tables
        return tables[self.table_index] if tables else None

    def show_table(self, index: int, keep_cursor: bool = False) -> None:
        """Make `index` the current table (again, after an edit: `keep_cursor`)."""
        if not self.session.tables:
            self.notify(strings.NO_TABLES)
            self.refresh_findings()
            return
        self._keep_cursor = keep_cursor
        self.table_index = index

    def validate_table_index(self, index: int) -> int:
        return max(0, min(index, len(self.session.tables) - 1))

    def watch_table_index(self) -> None:
        tables = self.session.tables
        self.grid.show_table(tables[self.table_index], self.session.printed_rows(self.table_index),
                             self.session.finding_cells(self.table_index),
                             self.session.edited_columns(self.table_index), keep_cursor=self._keep_cursor)
        self.query_one(DocumentOutline).select_table(self.table_index)
        self.refresh_title()
        self.sync_source()
        self.show_cell_status()
        self.refresh_findings()
        self.refresh_bindings()         # the keys a table without rows cannot use are dimmed

    def _after_change(self, _edit: Edit) -> None:
        self.refresh_title()
        if self.session.save_error:     # the edit stays in memory; the next save retries
            self.notify(strings.SAVE_FAILED.format(error=self.session.save_error), severity="error",
                        timeout=8, markup=False)

    def refresh_title(self) -> None:
        table = self.current_table()
        reviewed, tables, still_open = self.session.progress()
        self.app.title = f"{self.session.document.name} — " + strings.PROGRESS.format(
            reviewed=reviewed, tables=tables, open=still_open)
        state = strings.SAVED if self.session.saved else strings.UNSAVED
        page = self.session.document.source.page_of(self.query_one(SourceView).current or 0)
        where = strings.ON_PAGE.format(page=page) if page else ""
        mark = f" {strings.REVIEWED_MARK}" if table is not None and table.status == REVIEWED else ""
        if table is not None and self.session.extracted(self.table_index).doubt:
            mark += f" {strings.DOUBTED_HEADING}"
        heading = f"{table.title if table else ''}{mark}{where} — {state}"
        if heading != self.heading:
            # over the grid, not in the screen's header: a new header title lays the whole screen
            # out again, at every table switch and (for a PDF) every change of page
            self.heading = heading
            self.grid.border_title = Text(heading)

    def refresh_findings(self) -> None:
        findings = self.session.findings
        view, status, severity = strings.FINDING_VIEWS[self.finding_view]
        if self.finding_check is not None:
            view = strings.FINDINGS_OF_CHECK.format(view=view, check=self.finding_check)
        self.query_one(FindingsList).show_findings(findings, self.table_index,
                                                   self.session.findings_where(status, severity, self.finding_check))
        counts: dict[int, int] = {}
        for f in findings:
            if f.table_index is not None and f.severity == "error" and f.status == "open":
                counts[f.table_index] = counts.get(f.table_index, 0) + 1
        reviewed = {i for i, t in enumerate(self.session.tables) if t.status == REVIEWED}
        self.query_one(DocumentOutline).update_counts(counts, reviewed)
        errors = sum(f.severity == "error" for f in findings)
        self.query_one(FindingsList).border_title = strings.FINDINGS_TITLE.format(
            view=view, table=len(self.session.findings_of(self.table_index)), total=len(findings), errors=errors)

    def sync_source(self) -> None:
        table = self.current_table()
        if table is None:
            return
        line = None
        if table.rows:
            row, col = self.grid.cursor_coordinate
            if row < len(table.rows):
                lines = table.cell(row, col).lines or table.rows[row][0].lines if table.rows[row] else ()
                line = lines[0] if lines else None
        self.query_one(SourceView).show((table.first_line, table.last_line), line or table.first_line)
        if self.session.document.source.pages:
            self.refresh_title()        # the title names the page of the cell under the cursor

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table is self.grid:
            self.sync_source()

    def show_cell_status(self) -> None:
        """The cursor cell's whole column path, value as printed, source line and page, and
        whether it was corrected, inferred or flagged, in one line under the grid."""
        row, col = self.grid.cursor_coordinate
        info = self.session.cell_info(self.table_index, row, col)
        status = self.query_one("#cell-status", Static)
        if info is None:
            status.update("", layout=False)
            return
        # one line of fixed size: no layout of the screen at each cursor move
        status.update(Text(strings.CELL_STATUS.format(
            column=info.column, text=info.text,
            line=strings.CELL_LINE.format(line=info.line) if info.line else "",
            page=strings.CELL_PAGE.format(page=info.page) if info.page else "",
            original=strings.CELL_ORIGINAL.format(original=info.original) if info.original is not None else "",
            inferred=strings.CELL_INFERRED.format(why=info.inferred) if info.inferred else "",
            findings=strings.CELL_FINDINGS.format(n=info.findings) if info.findings else ""), no_wrap=True,
            overflow="ellipsis"), layout=False)

    # -- navigation ----------------------------------------------------------------------
    def action_prev_table(self) -> None:
        self.show_table(self.table_index - 1)

    def action_next_table(self) -> None:
        self.show_table(self.table_index + 1)

    def on_document_outline_table_chosen(self, message: DocumentOutline.TableChosen) -> None:
        self.show_table(message.index)
        self.grid.focus()

    def show_source_line(self, line: int) -> None:
        """The source pane marks `line` (a part, a finding of the text, a search hit), the
        current table's lines still tinted."""
        table = self.current_table()
        self.query_one(SourceView).show((table.first_line, table.last_line) if table else None, line)

    def on_document_outline_part_chosen(self, message: DocumentOutline.PartChosen) -> None:
        self.show_source_line(message.line)

    def show_finding_detail(self, index: int) -> None:
        """A finding in full under the findings pane (whose columns a narrow screen cuts): its
        message, the figures it weighs and the source lines it rests on."""
        f = self.session.findings[index]
        self.query_one("#finding-detail", Static).update(Text(strings.FINDING_DETAIL.format(
            id=f.id, severity=f.severity, status=f.status, message=f.message,
            figures=strings.FINDING_FIGURES.format(figures=f.figures) if f.values else "",
            lines=strings.FINDING_LINES.format(lines=", ".join(map(str, f.lines))) if f.lines else "")), layout=False)

    def on_findings_list_highlighted(self, message: FindingsList.Highlighted) -> None:
        self.show_finding_detail(message.index)

    def jump_to_finding(self, index: int) -> None:
        self.finding_index = index
        self.show_finding_detail(index)
        f = self.session.findings[index]
        if f.table_index is None:       # a finding of the text: the source pane shows its line
            if f.lines:
                self.show_source_line(f.lines[0])
        else:
            if f.table_index != self.table_index:
                self.show_table(f.table_index)
            if f.row is not None:
                self.grid.move_cursor(row=f.row, column=f.col or 0, animate=False)
            self.grid.focus()
            self.sync_source()
        self.finding_cursor = self.cursor_place()
        self.query_one(FindingsList).follow(index)
        self.notify(f"{f.id} {f.severity}: {f.message}", timeout=4, markup=False)

    def cursor_place(self) -> tuple[int, int, int] | None:
        """(table, row, column) of the grid's cursor; None without a table."""
        return (self.table_index, *self.grid.cursor_coordinate) if self.current_table() is not None else None

    def action_next_finding(self, step: int = 1) -> None:
        # from the finding gone to last while the cursor stays where that left it, else from the cursor
        cursor = self.cursor_place()
        last = self.finding_index if cursor == self.finding_cursor else None
        index = self.session.next_finding(cursor, last, step)
        if index is None:
            self.notify(strings.NO_FINDINGS)
            return
        self.jump_to_finding(index)

    def action_prev_finding(self) -> None:
        self.action_next_finding(-1)

    def on_findings_list_chosen(self, message: FindingsList.Chosen) -> None:
        self.jump_to_finding(message.index)

    def _chosen_finding(self) -> Finding | None:
        """The finding the reviewer went to last (n/N or the list), else one at the cursor."""
        findings = self.session.findings
        if self.finding_index is not None and self.finding_index < len(findings):
            return findings[self.finding_index]
        row, col = self.grid.cursor_coordinate
        return next((f for f in findings if (f.table_index, f.row, f.col) == (self.table_index, row, col)), None)

    def action_decide(self, decision: str) -> None:
        """Confirm or dismiss the chosen finding; the same key again reopens it."""
        finding = self._chosen_finding()
        if finding is None:
            self.notify(strings.NO_FINDING_HERE)
            return
        decision = "open" if finding.status == decision else decision
        self.session.decide(finding.id, decision)
        self.refresh_findings()
        self.notify(strings.DECIDED.format(id=finding.id, decision=decision), markup=False)

    def action_explain(self) -> None:
        finding = self._chosen_finding()
        if finding is None:
            self.notify(strings.NO_FINDING_HERE)
            return
        self._open_editor(NoteTarget(finding.id), finding.note, strings.EDIT_NOTE.format(id=finding.id))

    # -- editing -------------------------------------------------------------------------
    def _open_editor(self, what: EditTarget, value: str, label: str) -> None:
        self.editing = what
        editor = self.query_one(CellEditor)
        hint = self.query_one("#edit-hint", Static)
        hint.update(strings.EDITING.format(what=label))
        editor.add_class("editing")
        hint.add_class("editing")
        self._show_typed(value)
        self.grid.begin_typing(value)
        self.grid.focus()

    def _show_typed(self, text: str) -> None:
        editor = self.query_one(CellEditor)
        editor.value = text
        editor.cursor_position = len(text)

    def _close_editor(self) -> None:
        self.editing = None
        self.grid.typing = None
        self.query_one(CellEditor).remove_class("editing")
        self.query_one("#edit-hint").remove_class("editing")
        self.grid.focus()

    def action_edit(self, initial: str | None = None) -> None:
        table = self.current_table()
        if table is None or not table.rows or not table.columns:
            return
        row, col = self.grid.cursor_coordinate
        value = table.cell(row, col).text if initial is None else initial
        self._open_editor(CellTarget(row, col), value,
                          strings.EDIT_CELL.format(row=row + 1, column=table.columns[col].text))

    def action_facts(self) -> None:
        table = self.current_table()
        if table is None or not table.all_facts():
            self.notify(strings.NO_FACTS)
            return
        self.app.push_screen(FactsScreen(self.session, self.table_index, self.settings),
                             callback=lambda _: self.after_edit())

    def action_edit_header(self) -> None:
        table = self.current_table()
        if table is None or not table.columns:
            return
        col = self.grid.cursor_coordinate.column
        self._open_editor(HeaderTarget(col), table.columns[col].text, strings.EDIT_HEADER.format(column=col + 1))

    def action_edit_title(self) -> None:
        if (table := self.current_table()) is not None:
            self._open_editor(TableFieldTarget(Target.TITLE), table.title, strings.EDIT_TITLE)

    def action_edit_unit(self) -> None:
        if (table := self.current_table()) is not None:
            self._open_editor(TableFieldTarget(Target.UNIT), table.unit, strings.EDIT_UNIT)

    def action_edit_kind(self) -> None:
        table = self.current_table()
        if table is None:
            return
        index = self.table_index

        def chosen(kind: str | None) -> None:
            if kind is not None and self.session.set_table_field(index, Target.KIND, kind):
                self.after_edit(index)
        self.app.push_screen(KindScreen(table.kind), chosen)

    def editor_done(self, value: str | None, move_right: bool) -> None:
        """The editor's value (None: cancelled), applied at once: the grid has the focus back
        before the next key is read."""
        what = self.editing
        self._close_editor()
        if what is None or value is None:
            return
        if isinstance(what, SearchTarget):
            self._search(value)
            return
        what.commit(self.session, self.table_index, value)
        if isinstance(what, NoteTarget):
            self.refresh_findings()
            return
        self.after_edit()
        if move_right and isinstance(what, CellTarget) and (table := self.current_table()) is not None:
            self.grid.move_cursor(row=what.row, column=min(what.col + 1, len(table.columns) - 1))

    def after_edit(self, table: int | None = None) -> None:
        if table is not None and table != self.table_index:
            self.show_table(table)
        else:
            self.show_table(self.table_index, keep_cursor=True)

    def action_undo(self) -> None:
        self._step(self.session.undo(), strings.NOTHING_TO_UNDO, strings.UNDONE)

    def action_redo(self) -> None:
        self._step(self.session.redo(), strings.NOTHING_TO_REDO, strings.REDONE)

    def _step(self, edit: Edit | None, nothing: str, done: str) -> None:
        """Show the table an undo/redo touched, with the cursor on the cell it changed."""
        if edit is None:
            self.notify(nothing)
            return
        self.after_edit(edit.table if edit.table >= 0 else None)     # a decision names no table
        row, col = edit.address
        table = self.current_table()
        if row is not None and table is not None and table.rows:
            self.grid.move_cursor(row=min(row, len(table.rows) - 1), column=col or 0, animate=False)
        value = shown_value(edit.old if done == strings.UNDONE else edit.new)
        self.notify(done.format(where=self.session.place_of(edit), value=value), timeout=3, markup=False)

    def action_clear_cell(self) -> None:
        table = self.current_table()
        if table is not None and table.rows and table.columns:
            row, col = self.grid.cursor_coordinate
            if self.session.set_cell(self.table_index, row, col, ""):
                self.after_edit()

    def action_move_value(self, step: int) -> None:
        """Move the cursor cell's value one column right (1) or left (-1), the cursor with it."""
        table = self.current_table()
        if table is None or not table.rows:
            return
        row, col = self.grid.cursor_coordinate
        if self.session.move_value(self.table_index, row, col, step):
            self.after_edit()
            self.grid.move_cursor(row=row, column=col + step, animate=False)

    def action_mark_reviewed(self) -> None:
        """Mark the table reviewed, or (pressed again) not reviewed."""
        table = self.current_table()
        if table is None:
            return
        reviewed = table.status != REVIEWED
        self.session.set_reviewed(self.table_index, reviewed)
        self.after_edit()
        done = strings.MARKED_REVIEWED if reviewed else strings.MARKED_NOT_REVIEWED
        self.notify(done.format(title=table.title), timeout=3, markup=False)

    def action_zoom(self) -> None:
        """The focused pane (the grid, the findings, the source, the outline) fills the screen;
        pressed again, the panes come back."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_findings_view(self) -> None:
        """Show all findings, the open ones, or the open errors (one press each, round)."""
        self.finding_view = (self.finding_view + 1) % len(strings.FINDING_VIEWS)
        self.refresh_findings()

    def action_findings_check(self) -> None:
        """Show the findings of one check, then of the next, then of every check (round)."""
        order: list[str | None] = [None, *self.session.finding_checks()]
        at = order.index(self.finding_check) if self.finding_check in order else 0
        self.finding_check = order[(at + 1) % len(order)]
        self.refresh_findings()

    def action_search(self) -> None:
        self._open_editor(SearchTarget(), "", strings.SEARCH)

    def _search(self, query: str) -> None:
        """Move to the next cell of this table printing `query` (nothing typed: the last
        search again), else show it in the source."""
        query = query or self.last_search
        self.last_search = query
        row, col = self.grid.cursor_coordinate
        hit = self.session.find(query, self.table_index, (row, col) if self.current_table() else None)
        if hit is None:
            self.notify(strings.NOT_FOUND.format(query=query), markup=False)
        elif hit.row is not None and hit.col is not None:
            self.grid.move_cursor(row=hit.row, column=hit.col, animate=False)
        elif hit.line is not None:
            # after the grid's own refresh, which puts the source back on the cursor's line
            self.call_after_refresh(self.show_source_line, hit.line)
            self.notify(strings.FOUND_IN_SOURCE.format(query=query, line=hit.line), markup=False)

    def action_row_end(self, which: int) -> None:
        """The cursor to the first (0) or last (-1) row of the table."""
        table = self.current_table()
        if table is not None and table.rows:
            self.grid.move_cursor(row=0 if which == 0 else len(table.rows) - 1, animate=False)

    def action_insert_row(self) -> None:
        table = self.current_table()
        if table is None:
            return
        row = self.grid.cursor_coordinate.row + 1 if table.rows else 0
        self.session.insert_row(self.table_index, row)
        self.after_edit()
        self.grid.move_cursor(row=row, column=0)

    def action_delete_row(self) -> None:
        table = self.current_table()
        if table is None or not table.rows:
            return
        self.session.delete_row(self.table_index, self.grid.cursor_coordinate.row)
        self.after_edit()

    def action_fill_down(self) -> None:
        table = self.current_table()
        if table is None or not table.rows:
            return
        row, col = self.grid.cursor_coordinate
        if self.session.fill_from_above(self.table_index, row, col):
            self.after_edit()

    # -- files ---------------------------------------------------------------------------
    def action_save(self) -> None:
        try:
            path = self.session.save()
        except UserError as exc:
            self.notify(strings.SAVE_FAILED.format(error=exc), severity="error", timeout=8, markup=False)
            return
        self.refresh_title()
        self.notify(strings.SAVED_TO.format(path=path), markup=False)

    def action_export(self) -> None:
        paths = {fmt: self.session.export_path(fmt) for fmt in strings.EXPORT_FORMATS}
        fmt = self.last_export[0] if self.last_export else "xlsx"
        if self.last_export:
            paths[fmt] = Path(self.last_export[1])
        self.app.push_screen(ExportScreen(paths, fmt), callback=self._export_chosen)

    def _export_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        self.last_export = choice
        self.notify(strings.EXPORTING.format(path=choice[1]), timeout=2, markup=False)
        self.export(*choice)

    @work(thread=True, exclusive=True, group="export")
    def export(self, fmt: str, target: str) -> None:
        try:
            path, warnings = self.session.export(target, fmt)
        except Exception as exc:   # shown to the user; the earlier file stays intact
            self.app.call_from_thread(self.notify, strings.EXPORT_FAILED.format(error=exc), severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, strings.EXPORTED_TO.format(path=path), timeout=8, markup=False)
        for w in warnings:
            self.app.call_from_thread(self.notify, w, severity="warning", markup=False)

    def action_help(self) -> None:
        keys = [(key_display(self.app, binding, self.settings.keymap), binding.description)
                for binding in self.declared_bindings()]
        keys += [("arrows, h/j/k/l", "Move"), ("PageUp/PageDown, Home/End", "Scroll"),
                 ("Tab / Shift+Tab", "Next / previous pane"), ("Enter", "Edit cell / choose"),
                 ("0-9 - .", "Start editing the cell with that character"), ("ctrl+p", "Command palette")]
        self.app.push_screen(HelpScreen(keys))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marking a document done is for documents opened from a review queue; the keys that
        need a table, its rows or a form's facts are dimmed where there are none."""
        if action == "mark_done":
            return self.in_queue
        table = self.current_table()
        if action in NEEDS_ROWS:
            return True if table is not None and table.rows and table.columns else None
        if action in NEEDS_TABLE:
            return True if table is not None else None
        if action == "facts":
            return True if table is not None and table.all_facts() else None
        return True

    def action_quit(self) -> None:
        """Quit (back to the queue, when opened from one), saving first; when the review cannot
        be saved, a second q quits anyway."""
        if self._saved_or_forced():
            self._close(done=False)

    def action_mark_done(self) -> None:
        """Back to the queue with this document marked done, saving first."""
        if self._saved_or_forced():
            self._close(done=True)

    def _saved_or_forced(self) -> bool:
        row, col = self.grid.cursor_coordinate
        self.session.leave_at(self.table_index, row, col)
        if not self.session.written_whole and not self._quit_unsaved:
            try:
                self.session.save()
            except UserError as exc:
                self._quit_unsaved = True
                self.notify(strings.QUIT_UNSAVED.format(error=exc), severity="error", timeout=10, markup=False)
                return False
        return True

    def _close(self, done: bool) -> None:
        if self.in_queue:
            self.dismiss(done)
        else:
            self.app.exit()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table is self.grid:
            self.action_edit()


class ConfiguredApp(App):
    """An app with the user's configuration (keymap from the config file unless given) and
    the screen it opens on."""

    TITLE = "budget-review"

    def __init__(self, keymap: dict[str, str] | None = None, cursor_blink: bool = True):
        super().__init__()
        keymap, self._keymap_warning = (keymap, "") if keymap is not None else load_keymap()
        self.settings = UiSettings(keymap, cursor_blink)

    def first_screen(self) -> Screen:
        raise NotImplementedError

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self._keymap_warning:
            self.notify(self._keymap_warning, severity="warning")
        self.push_screen(self.first_screen())


class BudgetReviewApp(ConfiguredApp):
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def __init__(self, review: Review, keymap: dict[str, str] | None = None, cursor_blink: bool = True):
        super().__init__(keymap, cursor_blink)
        self.session = ReviewSession(review)

    def first_screen(self) -> Screen:
        return MainScreen(self.session, self.settings)

