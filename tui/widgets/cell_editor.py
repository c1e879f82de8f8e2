"""The Input under the grid that edits a cell (or a header, title, kind or unit).

Its owner is told that editing is done by a direct call (`finish`), not a message: the
focus must be back on the grid before the next key is dispatched, or keys typed quickly
after Enter (`7⏎ j j`) would land in the editor."""
from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Input


class CellEditor(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
        Binding("tab", "commit_right", "Commit and move right", id="editor.commit_right", priority=True),
    ]

    def __init__(self, finish: Callable[[str | None, bool], None], **kwargs):
        # Editing starts with the cursor after the text (or after the typed character).
        super().__init__(select_on_focus=False, **kwargs)
        self.finish = finish        # (value, or None when cancelled; move right after)

    def action_cancel(self) -> None:
        self.finish(None, False)

    def action_commit_right(self) -> None:
        self.finish(self.value, True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.finish(event.value, False)
