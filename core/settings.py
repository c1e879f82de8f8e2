"""Tolerances and search bounds of the readers and the rules, named in one place (as
pdfplumber names its table settings), so that a change to one is a change to all."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ReadingSettings:
    cent: Decimal = CENT                # one unit of the last printed digit of a 万元 amount
    max_placements: int = 2000          # column placements weighed for one row's amounts …
    table_placements: int = 20_000      # … or more, where a table's few rows leave this many to share
    search_steps: int = 50              # … or, where they are more, steps of the search for those that keep
                                        # the sums, per placement the search may return
    joint_states: int = 512             # partial column sums carried when seating the rows under one total
    joint_work: int = 400_000           # … fewer where the rows have many placements (states × placements × columns)
    total_seats_tried: int = 8          # other seats of a total's figures its rows' sums are tried against
    position_tolerance: int = 2         # characters a layout text's cells of one column drift (amounts' right
                                        # ends, labels' starts)
    zigzag_rows: int = 3                # rows alternating between the two panels: read out of step
    stream_new_row: float = 1.0         # a panel cell printed in a stream opens a row at this cost (it goes on
                                        # with its row where it fits as well) …
    stream_passed_panel: float = 0.1    # … and passes each empty panel at this (the nearest panel that fits)
    stream_seatings_kept: int = 24      # partial seatings of a stream's cells weighed at each cell
    stream_sure_margin: float = 0.5     # … and the best seating is sure only this far ahead of the next (more
                                        # than passing a few panels, less than opening a row)
    page_lines: int = 20                # lines a page holds at least (lone numbers this far apart are page numbers)
    short_page_lines: int = 5           # … a short page (of text, landscape) in a run of page numbers
    sure_layout: float = 0.75           # a template fits a text header when it holds this much of its words
    broken_header_words: float = 0.4    # a template a header prints less of is a guess: a header too broken
                                        # to read takes the one template of its width only above it
    broken_header_lead: float = 0.15    # … and only as far ahead of any other template of that width
    header_cell_chars: int = 40         # characters a header's cell prints at most (the longest seen: 32)
    wrapped_line_share: float = 0.75    # a line of a wrapped name fills its column: it prints this much at
                                        # least of the longest name a row prints whole on its line
    full_line_share: float = 0.9        # … and as much of the table's usual full line, less the one glyph
                                        # a narrower character's width may leave
    items_beside_a_bare_one: int = 4    # a summary's numbered items printing figures beside one that prints none
    misread_min_errors: int = 4         # a table with this many failing sums at once …
    misread_share: float = 0.25         # … and at least this share of its rows was probably misread


SETTINGS = ReadingSettings()
