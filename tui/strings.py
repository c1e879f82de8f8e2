"""Every user-facing string of the TUI in one place, so a Chinese UI can follow."""

SAVED = "saved"
UNSAVED = "unsaved changes"
NO_TABLES = "This document has no tables."
LEGEND = "legend: [reverse] cursor [/] [on #5f3f00] corrected [/] [on #1f3f5f] inferred [/] [on #5f1f1f] finding [/]"
EDITING = "Editing {what} — Enter commits, Escape cancels, Tab commits and moves right"
EDIT_CELL = "row {row}, {column}"
EDIT_HEADER = "header of column {column}"
EDIT_TITLE = "table title"
EDIT_KIND = "table kind"
EDIT_UNIT = "table unit"
NOTHING_TO_UNDO = "Nothing to undo"
NOTHING_TO_REDO = "Nothing to redo"
UNDONE = "Undone: {what}"
REDONE = "Redone: {what}"
SAVED_TO = "Saved to {path}"
EXPORTED_TO = "Exported the cleaned workbook to {path}"
EXPORTING = "Exporting the workbook…"
EXPORT_FAILED = "Export failed: {error}"
NO_FINDINGS = "No findings point at a table"
FINDINGS_TITLE = "Findings: {table} of this table, {total} in the document ({errors} errors)"
HELP_TITLE = "budget-review — keys"
HELP_FOOTER = "Press Escape or ? to close. Keys can be remapped in {path}."
COLUMNS_FINDINGS = ("id", "severity", "check", "where", "message")

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
    "next_finding": "Next finding",
    "prev_finding": "Previous finding",
    "save": "Save",
    "export": "Export workbook",
    "help": "Help",
    "quit": "Quit",
    "cursor_left": "Left",
    "cursor_down": "Down",
    "cursor_up": "Up",
    "cursor_right": "Right",
}
