"""The key bar at the foot of the screen: the main keys as currently mapped.

Textual's Footer recomposes a widget per key on every focus change, which cost the review
screen ~0.4 s at start; one line of text built once per keymap does the same job."""
from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static


def key_display(app: App[object], binding: Binding, keymap: dict[str, str]) -> str:
    """How the key bound to `binding` is shown, after the user's remapping."""
    key = keymap.get(binding.id or "", binding.key).split(",")[0]
    return app.get_key_display(Binding(key, binding.action))


FIRST = ("help", "quit")       # binding names always in view


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def show_bindings(self, bindings: list[Binding], keymap: dict[str, str]) -> None:
        """The shown keys in one line; Help and Quit first, so that a narrow terminal, which
        cuts the line at its end, still shows them."""
        text = Text(no_wrap=True, overflow="ellipsis")
        shown = sorted((b for b in bindings if b.show), key=lambda b: (b.id or "").rsplit(".", 1)[-1] not in FIRST)
        for binding in shown:
            text.append(f" {key_display(self.app, binding, keymap)} ", style="bold reverse")
            text.append(f" {binding.description}  ")
        text.append(" ^p ", style="bold reverse")
        text.append(" palette")
        self.update(text)
