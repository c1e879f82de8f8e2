"""ctrl+e: choose the format and destination of an export; the main screen writes it in a
worker thread and reports the result."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from . import strings


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (format, path), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", strings.CANCEL, id="export.cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 76; height: auto; border: round $accent; background: $surface;
                              padding: 0 1; }
    ExportScreen RadioSet { width: 100%; }
    ExportScreen Horizontal { height: auto; margin-top: 1; }
    ExportScreen Button { margin-right: 2; }
    """

    def __init__(self, paths: dict[str, Path], fmt: str = "xlsx"):
        super().__init__()
        self.paths = paths          # default destination of each format
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(strings.EXPORT_TITLE)
            with RadioSet(id="export-format"):
                for fmt, label in strings.EXPORT_FORMATS.items():
                    yield RadioButton(label, value=fmt == self.fmt, id=f"format-{fmt}")
            yield Label(strings.EXPORT_PATH)
            yield Input(str(self.paths[self.fmt]), id="export-path")
            with Horizontal():
                yield Button(strings.EXPORT_GO, variant="primary", id="export-go")
                yield Button(strings.CANCEL, id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "").removeprefix("format-")
        path = self.query_one("#export-path", Input)
        if path.value == str(self.paths[self.fmt]):     # follow the format unless the user typed a path
            path.value = str(self.paths[fmt])
        self.fmt = fmt

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self._go()
        else:
            self.dismiss(None)

    def _go(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify(strings.EXPORT_NO_PATH, severity="error")
            return
        self.dismiss((self.fmt, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
