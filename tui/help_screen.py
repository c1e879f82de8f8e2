"""`?`: every key of the review screen, as currently mapped."""
from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from . import strings
from .config import config_path


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 70; max-height: 90%; border: round $accent; background: $surface; }
    """

    def __init__(self, bindings: list[tuple[str, str]]):
        super().__init__()
        self.rows = bindings

    def compose(self) -> ComposeResult:
        table = Table(title=strings.HELP_TITLE, expand=True)
        table.add_column("key")
        table.add_column("action")
        for key, description in self.rows:
            table.add_row(key, description)
        with VerticalScroll():
            yield Static(table)
            yield Static(strings.HELP_FOOTER.format(path=config_path()))
