"""The Input that shows an edit (a cell, a header, a title, a fact, a note).

On the review screen it only shows what is typed: the grid keeps the focus and reads the
keys (TableGrid.begin_typing), so that keys typed fast are read in order by one widget. On
the facts screen it takes the keys itself. Either way its owner is told that editing is done
by a direct call (`finish`), not a message."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.widgets import Input


class CellEditor(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
        Binding("tab", "commit_right", "Commit and move right", id="editor.commit_right", priority=True),
    ]

    def __init__(self, finish: Callable[[str | None, bool], None], **kwargs: Any) -> None:
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
