"""The Input under the grid that edits a cell (or a header, title, kind or unit)."""
from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class CellEditor(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
        Binding("tab", "commit_right", "Commit and move right", id="editor.commit_right", priority=True),
    ]

    class Done(Message):
        def __init__(self, value: str | None, move_right: bool = False) -> None:
            self.value = value           # None when cancelled
            self.move_right = move_right
            super().__init__()

    def __init__(self, **kwargs):
        # Editing starts with the cursor after the text (or after the typed character).
        super().__init__(select_on_focus=False, **kwargs)

    def action_cancel(self) -> None:
        self.post_message(self.Done(None))

    def action_commit_right(self) -> None:
        self.post_message(self.Done(self.value, move_right=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(event.value))
