"""The key bar at the foot of the screen: the main keys as currently mapped.

Textual's Footer recomposes a widget per key on every focus change, which cost the review
screen ~0.4 s at start; one line of text built once per keymap does the same job."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def show_bindings(self, bindings: list[Binding], keymap: dict[str, str]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for binding in bindings:
            if not binding.show:
                continue
            key = keymap.get(binding.id or "", binding.key).split(",")[0]
            text.append(f" {self.app.get_key_display(Binding(key, binding.action))} ", style="bold reverse")
            text.append(f" {binding.description}  ")
        text.append(" ^p ", style="bold reverse")
        text.append(" palette")
        self.update(text)
