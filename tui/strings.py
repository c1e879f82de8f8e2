"""Every user-facing string of the TUI in one place, so a Chinese UI can follow."""

SAVED = "saved"
PAGE_MARKER = "── page {page} ──"
ON_PAGE = ", page {page}"
UNSAVED = "unsaved changes"
NO_TABLES = "This document has no tables."
CELL_STATUS = "{column} = “{text}”{line}{page}{original}{inferred}{findings}"
CELL_LINE = " · line {line}"
CELL_PAGE = ", page {page}"
CELL_ORIGINAL = " · corrected (extracted “{original}”)"
CELL_INFERRED = " · inferred: {why}"
CELL_FINDINGS = " · {n} finding(s)"
EMPTY_MARK = "·"       # shown in an empty cell that is corrected, inferred, flagged or inserted: its colour shows
LEGEND = "legend: [reverse] cursor [/] [on #5f3f00] corrected [/] [on #1f3f5f] inferred [/] [on #5f1f1f] finding [/]"
EDITING = "Editing {what} — Enter commits, Escape cancels, Tab commits and moves right"
EDIT_CELL = "row {row}, {column}"
EDIT_HEADER = "header of column {column}"
EDIT_TITLE = "table title"
KIND_TITLE = "The table's kind (now {kind}): Enter chooses, Escape cancels"
OTHER_KIND = "a table outside the standard set"
EDIT_UNIT = "table unit"
NOTHING_TO_UNDO = "Nothing to undo"
NOTHING_TO_REDO = "Nothing to redo"
UNDONE = "Undone: {where} back to “{value}”"
REDONE = "Redone: {where} to “{value}”"
PROGRESS = "{reviewed}/{tables} tables reviewed, {open} findings open"
REVIEWED_MARK = "✓ reviewed"
DOUBTED_MARK = "?"      # beside a table whose reading the reader doubts (its extraction warning says why)
DOUBTED_HEADING = "? read unsurely"
MARKED_REVIEWED = "{title}: reviewed"
SEARCH = "search: text of a cell of this table, else of the source (Enter finds it; / Enter, the next)"
FOUND_IN_SOURCE = "“{query}” is in no cell of this table; found in the source, line {line}"
GO_TO_TABLE = "Go to table {n}/{total}: {title}"
FIRST_ROW = "first row: {text}"
NOT_FOUND = "“{query}” is printed nowhere in this document"
MARKED_NOT_REVIEWED = "{title}: not reviewed"
SAVED_TO = "Saved to {path}"
SAVE_FAILED = "Not saved — {error}. Your edits are kept here; the next edit or ctrl+s tries again."
QUIT_UNSAVED = "Not saved — {error}. Press q again to quit and lose the unsaved edits, or fix the folder and press ctrl+s."
EXPORTED_TO = "Exported to {path}"
EXPORTING = "Exporting to {path}…"
EXPORT_FAILED = "Export failed: {error}"
NO_FINDINGS = "No findings point at a table"
NO_FACTS = "This table has no form facts."
FACTS_TITLE = "Form facts of {title}"
FACTS_HINT = "Enter edits the fact, Escape closes; corrected facts are highlighted."
FACT_KEY = "fact"
FACT_VALUE = "value"
CLOSE = "Close"
CANCEL = "Cancel"
EXPORT_TITLE = "Export the corrected document"
EXPORT_PATH = "Write to (a file; for CSV, a folder):"
EXPORT_GO = "Export"
EXPORT_NO_PATH = "Give a path to write to."
EXPORT_FORMATS = {"xlsx": "Excel workbook (tables, findings, review log)", "json": "JSON (tables as data)",
                  "csv": "CSV files (one per table, and a long table)"}
FINDINGS_OF_CHECK = "{view}, {check} only"
FINDINGS_TITLE = "Findings ({view}): {table} of this table, {total} in the document ({errors} errors)"
# the findings pane's views, in the order `v` steps through them: (name, status, severity)
FINDING_VIEWS = (("all", None, None), ("open", "open", None), ("open errors", "open", "error"))
HELP_TITLE = "budget-review — keys"
HELP_FOOTER = "Press Escape or ? to close. Keys can be remapped in {path}."
COLUMNS_FINDINGS = ("id", "severity", "status", "check", "where", "message")
FINDING_DETAIL = "{id} · {severity} · {status}: {message}{figures}{lines}"
FINDING_FIGURES = " · figures: {figures}"
FINDING_LINES = " · source line(s) {lines}"
NO_FINDING_HERE = "No finding chosen: press n to go to one, or choose it in the findings list"
DECIDED = "{id}: {decision}"
EDIT_NOTE = "note explaining finding {id}"

QUEUE_TITLE = "{folder} — {done} of {total} documents done, {errors} open errors"
QUEUE_COLUMNS = {"status": "status", "errors": "open errors", "agency": "agency", "year": "year",
                 "type": "type", "tables": "tables", "path": "document"}
QUEUE_FILTER = "filter: part of the name, agency, year or type (Enter applies, Escape clears)"
QUEUE_STATUS_FILTER = "showing: {status}"
QUEUE_ALL = "all"
QUEUE_EMPTY = "No .txt or .pdf documents in this folder."
QUEUE_OPEN_FAILED = "{path}: {error}"
QUEUE_PROBLEM = "unreadable: {problem}"

# Binding descriptions (shown in the footer, the help screen and the command palette).
KEYS = {
    "prev_table": "Previous table",
    "next_table": "Next table",
    "edit": "Edit cell",
    "edit_title": "Edit title",
    "edit_unit": "Edit unit",
    "edit_kind": "Edit kind",
    "edit_header": "Edit column header",
    "undo": "Undo",
    "redo": "Redo",
    "insert_row": "Insert row below",
    "delete_row": "Delete row",
    "fill_down": "Fill from above",
    "clear_cell": "Clear cell",
    "move_right": "Move value to the next column",
    "move_left": "Move value to the previous column",
    "mark_reviewed": "Mark table reviewed",
    "search": "Search",
    "zoom": "Zoom the pane in focus (again: all panes)",
    "findings_view": "Findings shown: all, open, open errors",
    "findings_check": "Findings of one check, then the next (round)",
    "top": "First row",
    "bottom": "Last row",
    "next_finding": "Next finding",
    "prev_finding": "Previous finding",
    "confirm": "Confirm finding",
    "dismiss": "Dismiss finding",
    "explain": "Explain finding",
    "save": "Save",
    "export": "Export…",
    "facts": "Form facts",
    "help": "Help",
    "mark_done": "Mark done, back to the queue",
    "quit": "Quit",
    "open_document": "Open document",
    "filter": "Filter",
    "status_filter": "Status filter",
    "rescan": "Rescan folder",
    "cursor_left": "Left",
    "cursor_down": "Down",
    "cursor_up": "Up",
    "cursor_right": "Right",
}
