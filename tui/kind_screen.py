"""K: the table's kind, chosen from the catalogue's kinds (never typed free: a kind the
catalogue does not know would leave the table without its checks)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from core.catalog import SPEC_BY_KIND
from core.review import TABLE_KINDS

from . import strings


class KindScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", strings.CANCEL, id="kind.cancel")]
    DEFAULT_CSS = """
    KindScreen { align: center middle; }
    KindScreen > Vertical { width: 80; height: 80%; border: round $accent; background: $surface; }
    KindScreen OptionList { height: 1fr; }
    """

    def __init__(self, current: str):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(strings.KIND_TITLE.format(kind=self.current), markup=False)
            yield OptionList(*[Option(f"{kind}  {SPEC_BY_KIND[kind].title if kind in SPEC_BY_KIND else strings.OTHER_KIND}",
                                      id=kind) for kind in TABLE_KINDS], id="kinds")

    def on_mount(self) -> None:
        kinds = self.query_one(OptionList)
        kinds.highlighted = TABLE_KINDS.index(self.current) if self.current in TABLE_KINDS else 0
        kinds.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
