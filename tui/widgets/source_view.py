"""The document's source text with line numbers: read-only, the current table's lines
tinted and the current cell's source line marked and kept in view. A text read from a PDF
shows where each page begins (`── page 7 ──`)."""
from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

TABLE_STYLE = Style(bgcolor="#1c2b36")
CURRENT_STYLE = Style(bgcolor="#5f5f00", bold=True)
NUMBER_STYLE = Style(color="#6c6c6c")
PAGE_STYLE = Style(color="#8a8a8a", italic=True)


class SourceView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    SourceView { border: round $panel; }
    SourceView:focus { border: round $accent; }
    """

    def __init__(self, lines: tuple[str, ...], pages: tuple[int, ...] = (), page_marker: str = "── page {page} ──",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = tuple(line.replace("\t", " ⇥ ") for line in lines)
        self.span: tuple[int, int] | None = None
        self.current: int | None = None
        self._strips: dict[tuple[int, str], Strip] = {}
        self._gutter = len(str(len(lines))) + 1
        # the rows shown: a source line (its index), or the start of a page (-page)
        self._rows: list[int] = []
        for index in range(len(self.lines)):
            if pages and (index == 0 or pages[index] != pages[index - 1]):
                self._rows.append(-pages[index])
            self._rows.append(index)
        self._row_of = {index: row for row, index in enumerate(self._rows) if index >= 0}
        self._marker = page_marker
        # (a line's width as a Text shows it, control codes stripped, without making a Text of each)
        width = max((cell_len(strip_control_codes(x)) for x in self.lines), default=0) + self._gutter + 1
        self.virtual_size = Size(width, len(self._rows))

    def show(self, span: tuple[int, int] | None, current: int | None) -> None:
        """Tint `span` (1-based lines) and mark `current`, scrolling it into view. Moving the
        mark within the same table repaints only the two lines concerned."""
        previous = self.current
        same_span = span == self.span
        self.span, self.current = span, current
        if current is not None:
            top = self.scroll_offset.y
            height = max(1, self.size.height)
            row = self._row_of.get(current - 1, current - 1)
            if not top <= row < top + height - 1:
                self.scroll_to(y=max(0, row - height // 3), animate=False)
                self.refresh()
                return
        if same_span and previous is not None and current is not None:
            top = self.scroll_offset.y
            for line in {previous, current}:
                self.refresh_line(self._row_of.get(line - 1, line - 1) - top)
        else:
            self.refresh()

    def _line_strip(self, index: int, kind: str) -> Strip:
        """The whole rendered line `index` in one of three looks, rendered once."""
        key = (index, kind)
        strip = self._strips.get(key)
        if strip is None:
            style = {"table": TABLE_STYLE, "current": CURRENT_STYLE}.get(kind, Style())
            # the number's grey is its own span: as the Text's base style it greyed the line too,
            # which vanished on the table's tint in a terminal of 16 colours (both bright black)
            text = Text.assemble((f"{index + 1:>{self._gutter - 1}} ", NUMBER_STYLE), (self.lines[index], style))
            strip = Strip(list(text.render(self.app.console)))
            self._strips[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if scroll_y + y >= len(self._rows):
            return Strip.blank(width)
        index = self._rows[scroll_y + y]
        if index < 0:
            marker = Text(" " * self._gutter + self._marker.format(page=-index), style=PAGE_STYLE)
            return Strip(list(marker.render(self.app.console))).crop(scroll_x, scroll_x + width) \
                .adjust_cell_length(width)
        number = index + 1
        kind = "plain"
        if self.span and self.span[0] <= number <= self.span[1]:
            kind = "table"
        if number == self.current:
            kind = "current"
        strip = self._line_strip(index, kind).crop(scroll_x, scroll_x + width)
        if kind != "plain" and strip.cell_length < width:
            fill = TABLE_STYLE if kind == "table" else CURRENT_STYLE
            strip = Strip(list(strip) + [Segment(" " * (width - strip.cell_length), fill)])
        return strip.adjust_cell_length(width)
