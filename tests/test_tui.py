"""Functional tests of the review screen with Textual's pilot."""
from __future__ import annotations

import json

import openpyxl
import pytest
from rich.style import Style
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from core.document import load_document
from core.review import Review, default_review_path
from core.session import ReviewSession
from tui.app import BudgetReviewApp, MainScreen
from tui.export_screen import ExportScreen
from tui.facts_screen import FactsScreen
from tui.widgets.findings_list import FindingsList
from tui.widgets.outline import DocumentOutline
from tui.widgets.source_view import SourceView
from tui.widgets.table_grid import TableGrid

NANCHANG = "nanchang_medical_security_center_2024_budget.txt"


def make_app(path, keymap=None):
    return BudgetReviewApp(Review.open(load_document(path), autosave=True), keymap=keymap or {},
                           cursor_blink=False)


def grid(app) -> TableGrid:
    return app.screen.query_one(TableGrid)


async def test_opens_on_the_first_table_with_the_grid_focused(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.focused is grid(app)
        assert app.screen.table_index == 0
        assert app.screen.heading == "部门支出总表 — saved" and "部门支出总表 — saved" in str(grid(app).border_title)
        assert app.screen.query_one(SourceView).span == (172, 194)


async def test_setting_the_current_table_shows_it_in_every_pane(sample_copy):
    # the current table is one reactive: grid, outline, title, source and findings follow it
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.table_index = 3
        await pilot.pause()
        table = screen.session.tables[3]
        assert app.screen.heading.startswith(table.title)
        assert screen.query_one(SourceView).span == (table.first_line, table.last_line)
        assert screen.query_one(DocumentOutline).cursor_node.data == 3
        assert grid(app).row_count == len(table.rows)
        # the scrollable size, kept without measuring the cells: every column as wide as given, a line a row
        widths = [column.width + 2 * grid(app).cell_padding for column in grid(app).ordered_columns]
        assert grid(app).virtual_size == (sum(widths), len(table.rows) + grid(app).header_height)
        screen.table_index = 99         # past the last table: the last
        await pilot.pause()
        assert screen.table_index == len(screen.session.tables) - 1


async def test_navigation_moves_the_cursor_and_the_source_line(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "l")
        assert tuple(grid(app).cursor_coordinate) == (2, 1)
        assert app.screen.query_one(SourceView).current == 183
        await pilot.press("right_square_bracket")
        assert app.screen.table_index == 1 and app.screen.heading.startswith("财政拨款收支总表")
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.screen.table_index == 0


async def test_edit_undo_redo_and_finding_disappears(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l")            # 301 工资福利支出 / 人员经费
        session = app.session
        def error_cells():
            return {(f.row, f.col) for f in session.findings_of(3) if f.severity == "error"}
        assert (1, 3) in error_cells()
        await pilot.press("5", "8", "0", ".", "1", "3", "enter")
        await pilot.pause()
        assert session.tables[3].cell(1, 3).text == "580.13"
        assert (1, 3) not in error_cells()
        await pilot.press("ctrl+z")
        assert session.tables[3].cell(1, 3).text == ""
        await pilot.press("ctrl+y")
        assert session.tables[3].cell(1, 3).text == "580.13"
    assert [e.new for e in Review.open(load_document(path)).edits] == ["580.13"]


async def test_escape_cancels_and_tab_commits_and_moves_right(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "l", "l", "e")
        await pilot.press("x", "escape")
        assert app.session.review.edits == []
        await pilot.press("e", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("7", "tab")
        assert app.session.tables[0].cell(1, 2).text == "7"
        assert tuple(grid(app).cursor_coordinate) == (1, 3)


async def test_rows_insert_delete_fill(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        rows = len(app.session.tables[0].rows)
        await pilot.press("o")
        assert len(app.session.tables[0].rows) == rows + 1
        assert tuple(grid(app).cursor_coordinate) == (1, 0)
        await pilot.press("l", "l", "f")
        assert app.session.tables[0].cell(1, 2).text == "812.07"
        await pilot.press("ctrl+d")
        assert len(app.session.tables[0].rows) == rows


async def test_an_inserted_row_a_renamed_header_and_an_empty_flagged_cell_are_marked(sample_copy):
    from tui import strings
    from tui.widgets.table_grid import CORRECTED, FLAGGED, cell_text
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o", "H", "ctrl+u", *"收入/金额", "enter")
        await pilot.pause()
        table = grid(app)
        inserted = [table.get_cell_at(Coordinate(1, j)) for j in range(len(app.session.tables[0].columns))]
        assert {(t.plain, str(t.style)) for t in inserted} == {(strings.EMPTY_MARK, CORRECTED)}
        header = table.ordered_columns[0].label
        assert header.plain.split("\n")[-1] == "金额" and CORRECTED in str(header.style)
        assert str(table.ordered_columns[2].label.style) == "bold"
    assert (cell_text("", amount=True, style=FLAGGED).plain, cell_text("", amount=True).plain) == (strings.EMPTY_MARK, "")


async def test_label_columns_kept_in_view_take_at_most_half_the_grid(sample_copy):
    # the project table's three label columns (codes, project names) would fill a narrow grid:
    # they stay in view, cut to half of it, and the amounts have the rest
    app = make_app(sample_copy("zengdu_medical_security_center_2023_budget.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        for index in range(len(app.session.tables)):
            app.screen.show_table(index)
            await pilot.pause()
            table = grid(app)
            kept = sum(column.get_render_width(table) for column in table.ordered_columns[:table.fixed_columns])
            assert kept <= table.size.width / 2
        app.screen.show_table(8)
        await pilot.pause()
        table = grid(app)
        # the project code whole, the names cut to the room left
        narrow = [c.width for c in table.ordered_columns[:3]]
        codes = [row[0].text for row in app.session.tables[8].rows]
        assert max(map(len, codes)) <= narrow[0] and narrow[1] < table.natural_widths[1] and narrow[2] < table.natural_widths[2]
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        wide = [c.width for c in table.ordered_columns[:3]]
        assert wide[1] > narrow[1] and table.fixed_columns == 3 and sum(wide) + 6 <= table.size.width / 2


async def test_a_column_cut_by_the_grids_edge_is_not_drawn(sample_copy):
    # scrolling sideways through the 收入总表's 19 columns at 80 columns: every figure on the
    # screen is a whole cell of its row, never the tail or head of one
    app = make_app(sample_copy("zengdu_medical_security_center_2023_budget.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.show_table(1)
        await pilot.pause()
        table = grid(app)
        texts = {cell.text for row in app.session.tables[1].rows for cell in row}
        seen = set()
        for _ in range(len(app.session.tables[1].columns)):
            await pilot.press("l")
            await pilot.pause()
            for y in range(table.header_height, table.size.height):
                shown = table.render_line(y).text.split()
                assert all(t in texts for t in shown if any(ch.isdigit() for ch in t)), shown
                seen.update(shown)
        assert table.scroll_offset.x > 0 and "8132.86" in seen


async def test_a_finding_is_shown_in_full_under_the_findings_pane(sample_copy):
    from textual.widgets import Static
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 24)) as pilot:      # the pane's columns cut the message there
        await pilot.press("n")
        await pilot.pause()
        f = app.session.findings[app.screen.finding_index]
        detail = str(app.screen.query_one("#finding-detail", Static).render())
        assert detail.startswith(f"{f.id} · {f.severity} · open: {f.message}")
        assert all(f"{name}={value}" in detail for name, value in f.values.items()) and f.values
        assert f"source line(s) {', '.join(map(str, f.lines))}" in detail


async def test_next_finding_jumps_to_its_table_and_cell(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        findings = app.session.findings
        target = findings[0]
        assert target.table_index is not None
        await pilot.press("n")
        assert app.screen.table_index == target.table_index
        assert tuple(grid(app).cursor_coordinate) == (target.row, target.col)
        await pilot.press("N")                  # round to the last: a finding of the text
        last = findings[-1]
        assert app.screen.finding_index == len(findings) - 1 and last.table_index is None
        assert app.screen.query_one(SourceView).current == last.lines[0]     # its line shown
        # moved on by hand to the 一般公共预算基本支出表: n goes to its first finding, not past the last gone to
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "n")
        f = findings[app.screen.finding_index]
        assert f.table_index == 3 and f.lines[0] == min(g.lines[0] for g in findings if g.table_index == 3)
        listed = app.screen.query_one(FindingsList)
        await pilot.press("n", "n")
        assert listed.cursor_row > 0 and listed.indices[listed.cursor_row] == app.screen.finding_index   # the list follows


async def test_reopen_restores_the_work(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "l", "l", "e", "ctrl+u", "1", "enter")
        await pilot.press("l", "e", "ctrl+u", "2", "enter")
        assert app.session.review.journal_path.exists()     # the second edit was a journal line
        await pilot.press("q")
    assert not app.session.review.journal_path.exists()     # quitting wrote the review whole
    saved = json.loads(default_review_path(path).read_text(encoding="utf-8"))
    assert [e["new"] for e in saved["edits"]] == ["1", "2"]
    again = make_app(path)
    async with again.run_test(size=(120, 40)) as pilot:
        assert again.session.tables[0].cell(1, 2).text == "1"
        assert again.screen.heading.endswith("saved")


async def test_export_screen_writes_the_workbook_by_default(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    workbook = openpyxl.load_workbook(path.with_name(path.name + ".xlsx"))
    assert "Findings" in workbook.sheetnames


async def test_export_screen_json_follows_the_format_and_escape_cancels(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+e", "escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+e")
        await pilot.click("#format-json")
        assert app.screen.query_one("#export-path").value == str(path) + ".json"
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
    data = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
    assert len(data["tables"]) == len(app.session.tables)
    assert not path.with_name(path.name + ".xlsx").exists()


async def test_form_facts_are_shown_and_edited(sample_copy):
    app = make_app(sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        before = [f for f in app.session.findings if f.check == "prose_vs_table"]
        await pilot.press("i")
        assert isinstance(app.screen, FactsScreen)
        facts = app.screen.query_one("#facts-table")
        facts.move_cursor(row=list(app.session.tables[0].facts).index("其中：财政拨款"))
        await pilot.press("enter", "ctrl+u", "1", "6", "0", "enter")
        assert app.session.tables[0].facts["其中：财政拨款"] == "160"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert len(before) == 1 and [f for f in app.session.findings if f.check == "prose_vs_table"] == []
        await pilot.press("ctrl+z")
        assert app.session.tables[0].facts["其中：财政拨款"] == "0"


async def test_keys_can_be_remapped_by_binding_id(sample_copy):
    app = make_app(sample_copy(NANCHANG), keymap={"budget-review.next_table": "ctrl+n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        assert app.screen.table_index == 1


async def test_help_screen(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("name", [NANCHANG, "shangrao_medical_security_bureau_2022_final_accounts.txt"])
def test_snapshot(snap_compare, sample_copy, name, size):
    assert snap_compare(make_app(sample_copy(name)), terminal_size=size)


async def test_every_action_is_in_the_command_palette(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Next table")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.table_index == 1


async def test_the_command_palette_goes_to_a_table_by_its_title(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [t.title for t in app.session.tables]
        wanted = titles.index("一般公共预算基本支出表")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"Go to table {wanted + 1}/")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.table_index == wanted


def test_snapshot_large_terminal(snap_compare, sample_copy):
    assert snap_compare(make_app(sample_copy(NANCHANG)), terminal_size=(160, 48))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 48)])
def test_snapshot_of_a_real_document(snap_compare, tmp_path, size):
    # a real 部门决算 of another region's template (佛山, pdfplumber text), its 收入支出决算总表
    from tests.conftest import DATA
    path = tmp_path / "foshan_rail_2019_final.pdfplumber.txt"
    path.write_bytes((DATA / "real" / path.name).read_bytes())
    assert snap_compare(make_app(path), terminal_size=size)


async def test_a_table_read_unsurely_is_marked_in_the_outline_and_its_heading(tmp_path):
    # the national 决算's pdfplumber text: its four self-evaluation forms' indicator grids are
    # read unsurely (rows without a score under 分值)
    from tests.conftest import DATA
    path = tmp_path / "national_petition_bureau_2024_final.pdfplumber.txt"
    path.write_bytes((DATA / "real" / path.name).read_bytes())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        outline = app.screen.query_one(DocumentOutline)
        doubted = [i for i, node in outline.table_nodes.items() if "? " in str(node.label)]
        assert doubted == [9, 10, 11, 12] and app.session.tables[9].title == "信访干部培训专项项目绩效自评表"
        assert "read unsurely" not in app.screen.heading
        app.screen.table_index = 9
        await pilot.pause()
        assert app.screen.heading.startswith("信访干部培训专项项目绩效自评表 ? read unsurely")


def texts_lost_in_16_colours(app) -> list[tuple[int, str]]:
    """Screen rows and texts whose colour and background become the same one of a terminal's
    16 colours (what Rich does to the theme's colours there): text a reviewer could not read."""
    from rich.color import ColorSystem
    lost = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if style and style.color and style.bgcolor and any(ch.isalnum() for ch in segment.text) and \
                    style.color.downgrade(ColorSystem.STANDARD).number == \
                    style.bgcolor.downgrade(ColorSystem.STANDARD).number:
                lost.append((y, segment.text))
    return lost


async def test_every_text_stays_legible_in_a_terminal_of_16_colours(sample_copy):
    # the source pane's lines of the current table were grey on a tint, both bright black there
    app = make_app(sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in ([], ["j", "tab"], ["tab", "n"], ["question_mark"], ["escape", "K"], ["escape", "i"],
                     ["escape", "x"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert texts_lost_in_16_colours(app) == [], keys


def test_snapshot_form_facts(snap_compare, sample_copy):
    app = make_app(sample_copy("jingdezhen_medical_insurance_center_2025_budget.txt"))
    assert snap_compare(app, terminal_size=(120, 40), press=["i"])


def test_snapshot_export_screen(snap_compare, sample_copy):
    async def fixed_path(pilot):
        await pilot.press("ctrl+e")
        pilot.app.screen.query_one("#export-path").value = "nanchang.xlsx"     # not the tmp path
    app = make_app(sample_copy(NANCHANG))
    assert snap_compare(app, terminal_size=(120, 40), run_before=fixed_path)


async def test_findings_are_confirmed_dismissed_and_explained_from_the_keyboard(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        finding = app.session.findings[app.screen.finding_index]
        await pilot.press("x")
        assert finding.status == "dismissed"
        await pilot.press("x")                          # the same key again reopens it
        assert finding.status == "open"
        await pilot.press("c")
        assert finding.status == "confirmed"
        await pilot.press("a", *"见说明", "enter")
        await pilot.pause()
        assert (finding.status, finding.note) == ("explained", "见说明")
        await pilot.press("ctrl+z")
        assert finding.status == "confirmed"
    saved = Review.open(load_document(path)).edits     # the review file and its journal
    assert [e.new for e in saved if e.target == "decision"] == ["dismissed", "open", "confirmed"]


async def test_outline_lists_every_table_with_its_position(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outline = app.screen.query_one(DocumentOutline)
        total = len(app.session.tables)
        assert sorted(outline.table_nodes) == list(range(total))
        assert str(outline.table_nodes[3].label).startswith(f"4/{total} ")


async def test_outline_lists_the_tables_of_a_document_without_parts(tmp_path):
    # a Shanghai unit budget prints no 第一部分 …: its nine tables sit under its sections
    from tests.conftest import DATA
    path = tmp_path / "putuo_justice_2026_unit_budget.pdfplumber.txt"
    path.write_bytes((DATA / "real" / path.name).read_bytes())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outline = app.screen.query_one(DocumentOutline)
        assert sorted(outline.table_nodes) == list(range(9)) and len(app.session.tables) == 9
        assert [node.data for node in outline.root.children] == list(range(9))      # flat, in document order
        assert str(outline.table_nodes[0].label) == "1/9 2026年预算单位财务收支预算总表"



async def test_keys_after_enter_go_to_the_grid_not_the_editor(sample_copy):
    """`580.13⏎ j j 7⏎ l 9⏎`: the editor hands the focus back to the grid when Enter is read,
    so the moves and the next values land where they were typed."""
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l")            # 301 工资福利支出 / 人员经费
        await pilot.press(*"580.13", "enter", "j", "j", "7", "enter", "l", "9", "enter")
        assert [e.describe() for e in app.session.review.edits] == [
            "cell of table 4 row 2 column 4: “” → “580.13”",
            "cell of table 4 row 4 column 4: “6.23” → “7”",
            "cell of table 4 row 4 column 5: “” → “9”"]



async def test_keys_typed_in_one_burst_land_in_order(sample_copy):
    """A paste or a fast typist (`580.13⏎ j j 7⏎ l 9⏎`): every key is queued before the first
    is handled; the grid reads them in order, moves included, so each value lands whole in
    the cell it was typed in."""
    from textual import events
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l")            # 301 工资福利支出 / 人员经费
        for key in ["5", "8", "0", "full_stop", "1", "3", "enter", "j", "j", "7", "enter", "l", "9", "enter"]:
            app.post_message(events.Key(key, "." if key == "full_stop" else key if len(key) == 1 else None))
        await pilot.pause(0.5)
        assert [e.describe() for e in app.session.review.edits] == [
            "cell of table 4 row 2 column 4: “” → “580.13”",
            "cell of table 4 row 4 column 4: “6.23” → “7”",
            "cell of table 4 row 4 column 5: “” → “9”"]
        assert app.screen.editing is None and app.screen.focused is grid(app)


async def test_review_keys_clear_move_mark_reviewed_and_jump_to_the_ends(sample_copy):
    path = sample_copy(NANCHANG)
    app = make_app(path)
    notes: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notes.append(message)      # type: ignore[method-assign]
        for _ in range(3):
            await pilot.press("right_square_bracket")
        table = lambda: app.session.tables[3]      # noqa: E731
        await pilot.press("j", "l", "l", "greater_than_sign")      # 580.13 of 301 to 人员经费
        assert [c.text for c in table().rows[1][2:]] == ["", "580.13", ""]
        assert grid(app).cursor_coordinate == (1, 3)                  # the cursor went with it
        await pilot.press("ctrl+z")
        assert [c.text for c in table().rows[1][2:]] == ["580.13", "", ""]
        assert notes[-1] == "Undone: 人员经费 of 301 back to “”"
        await pilot.press("h", "delete")
        assert table().cell(1, 2).text == ""
        await pilot.press("G")
        assert grid(app).cursor_coordinate.row == len(table().rows) - 1
        await pilot.press("g")
        assert grid(app).cursor_coordinate.row == 0
        assert app.title.endswith("0/8 tables reviewed, 9 findings open")
        await pilot.press("R")
        assert table().status == "reviewed" and app.title.endswith("1/8 tables reviewed, 9 findings open")
        assert "✓ reviewed" in app.screen.heading
        outline = app.screen.query_one("DocumentOutline")
        assert "✓" in str(outline.table_nodes[3].label) and "✓" not in str(outline.table_nodes[2].label)
        await pilot.press("j", "j", "l", "q")
    again = make_app(path)        # reopens on the table and cell where the reviewer left
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.screen.table_index == 3 and grid(again).cursor_coordinate == (2, 3)
        assert again.session.tables[3].status == "reviewed" and again.session.tables[3].cell(1, 2).text == ""


async def test_the_grids_scrollbars_follow_each_table_shown(sample_copy):
    # a switch sizes the grid's scrolling to the new table without laying the screen out again
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")       # 一般公共预算基本支出表, 19 rows
        await pilot.pause()
        assert grid(app).max_scroll_y > 0
        assert grid(app).vertical_scrollbar.window_virtual_size == grid(app).virtual_size.height
        await pilot.press("G")
        await pilot.pause()
        assert grid(app).scroll_y == grid(app).max_scroll_y
        await pilot.press("right_square_bracket")           # the 三公 table, one row
        await pilot.pause()
        assert grid(app).max_scroll_y == 0 and grid(app).scroll_y == 0
        assert grid(app).vertical_scrollbar.window_virtual_size == grid(app).virtual_size.height


def _drawn_both_ways(table_grid, row: int, column: int, base: Style, width: int, cursor: bool = False) -> tuple[list, list]:
    """A body cell as the grid draws it (its kept lines included) and as the DataTable itself
    would, each past the DataTable's per-table cache."""
    table_grid._cell_render_cache.clear()
    ours = table_grid._render_cell(row, column, base, width, cursor)
    table_grid._cell_render_cache.clear()
    return ours, DataTable._render_cell(table_grid, row, column, base, width, cursor)


async def test_the_grid_draws_every_cell_as_the_data_table_would(sample_copy):
    # the grid makes a body cell's line itself (for speed): the same segments, styles and
    # widths as the DataTable's own rendering, with the cursor on it or not, cut or whole
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        table_grid = grid(app)
        app.screen.session.set_cell(0, 1, 1, "1234.5")          # a corrected cell: its colour
        compared = 0
        for _ in range(len(app.screen.session.tables)):
            for row in range(table_grid.row_count):
                for column, shown in enumerate(table_grid.ordered_columns):
                    for width in (shown.get_render_width(table_grid), 5):
                        for cursor in (False, True):
                            base = Style(bgcolor="blue") if cursor else Style()
                            ours, theirs = _drawn_both_ways(table_grid, row, column, base, width, cursor)
                            assert ours == theirs, (row, column, width, cursor)
                            compared += 1
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert compared > 1000


async def test_a_table_shown_again_draws_every_line_as_the_data_table_would(sample_copy):
    # the grid keeps drawn lines across tables: every body line of every table, seen twice
    # (the second time from the kept lines), the cursor moved between, is the DataTable's own
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        table_grid = grid(app)
        compared = 0
        for visit in range(2):
            for _ in range(len(app.screen.session.tables)):
                for move in ("", "down", "right"):
                    if move:
                        await pilot.press(move)
                    await pilot.pause()
                    base = table_grid.rich_style
                    for y in range(table_grid.header_height, table_grid.header_height + table_grid.row_count):
                        x1 = int(table_grid.scroll_offset.x)
                        ours = table_grid._render_line(y, x1, x1 + table_grid.size.width, base)
                        table_grid._line_cache.clear()
                        theirs = DataTable._render_line(table_grid, y, x1, x1 + table_grid.size.width, base)
                        assert list(ours) == list(theirs), (visit, y, move)
                        compared += 1
                await pilot.press("right_square_bracket")
        assert compared > 300


async def test_a_cell_drawn_again_shows_its_new_mark_and_text(sample_copy):
    # the grid keeps drawn cells across tables (a table shown again is looked up, not drawn):
    # a cell whose mark or text changed since is drawn anew, as the DataTable would draw it
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        table_grid = grid(app)
        session = app.screen.session
        table = session.tables[0]
        printed = session.printed_rows(0)

        def drawn(flagged: set[tuple[int, int]], texts: list[list[str]]) -> tuple[list, list]:
            table_grid.show_table(table, texts, flagged)
            return _drawn_both_ways(table_grid, 1, 1, Style(), 12)

        flagged_ours, flagged_theirs = drawn({(1, 1)}, printed)
        plain_ours, plain_theirs = drawn(set(), printed)
        assert flagged_ours == flagged_theirs and plain_ours == plain_theirs
        assert flagged_ours != plain_ours
        changed = [list(row) for row in printed]
        changed[1][1] = "更正"
        changed_ours, changed_theirs = drawn(set(), changed)
        assert changed_ours == changed_theirs
        assert "更正" in "".join(segment.text for segment in changed_ours[0])


async def test_help_and_quit_lead_the_key_bar_so_a_narrow_terminal_shows_them(sample_copy):
    from tui.widgets.key_bar import KeyBar
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(KeyBar).render())
        assert shown.startswith(" ?  Help   q  Quit ") and "Mark table reviewed" in shown


async def test_slash_searches_the_table_then_the_source(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    notes: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notes.append(message)      # type: ignore[method-assign]
        await pilot.press("right_square_bracket", "right_square_bracket")      # 一般公共预算支出表 (table 3)
        await pilot.press("slash", *"社会保险经办", "enter")
        assert grid(app).cursor_coordinate == (3, 1)
        await pilot.press("slash", "enter")         # the same search again: the next cell (the same, wrapped)
        assert grid(app).cursor_coordinate == (3, 1)
        await pilot.press("slash", *"内设科室", "enter")       # in no cell: the source shows it
        source = app.screen.query_one(SourceView)
        assert "内设科室" in app.session.document.source.line(source.current)
        assert notes[-1].startswith("“内设科室” is in no cell of this table; found in the source, line")
        await pilot.press("slash", *"nothing like it", "enter")
        assert notes[-1] == "“nothing like it” is printed nowhere in this document"
        assert app.session.review.edits == []       # a search changes nothing


async def test_the_kind_is_chosen_from_the_catalogue(sample_copy):
    from core.review import TABLE_KINDS
    from tui.kind_screen import KindScreen
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("K")
        assert isinstance(app.screen, KindScreen)
        await pilot.press("escape")                 # cancelled: nothing changes
        assert app.session.review.edits == []
        await pilot.press("K", "down", "enter")     # the kind after the table's own
        await pilot.pause()
        own = TABLE_KINDS.index("budget.general_public_basic_expense")
        assert app.session.tables[3].kind == TABLE_KINDS[own + 1]
        await pilot.press("ctrl+z")
        assert app.session.tables[3].kind == "budget.general_public_basic_expense"


async def test_v_shows_all_then_open_then_open_error_findings(sample_copy):
    from tui.widgets.findings_list import FindingsList
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.screen.query_one(FindingsList)
        findings = app.session.findings
        assert listed.row_count == len(findings) and listed.border_title.startswith("Findings (all)")
        await pilot.press("n", "x")                  # one finding dismissed
        await pilot.press("v")
        assert listed.border_title.startswith("Findings (open)")
        assert sorted(listed.indices) == [i for i, f in enumerate(findings) if f.status == "open"]
        assert listed.row_count == len(findings) - 1
        await pilot.press("v")
        assert sorted(listed.indices) == [i for i, f in enumerate(findings)
                                          if f.status == "open" and f.severity == "error"]
        await pilot.press("v")
        assert listed.row_count == len(findings)
        first, second = app.session.finding_checks()[:2]
        await pilot.press("C")
        assert listed.border_title.startswith(f"Findings (all, {first} only)")
        assert sorted(listed.indices) == [i for i, f in enumerate(findings) if f.check == first]
        await pilot.press("C")
        assert sorted(listed.indices) == [i for i, f in enumerate(findings) if f.check == second]
        for _ in app.session.finding_checks()[1:]:
            await pilot.press("C")
        assert listed.row_count == len(findings) and listed.border_title.startswith("Findings (all)")


async def test_the_status_line_describes_the_cursor_cell(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l")            # 301 工资福利支出 / 人员经费, empty, flagged
        await pilot.pause(0.1)                           # the status line follows once the cursor rests
        status = app.screen.query_one("#cell-status")
        line = app.session.tables[3].cell(1, 3).lines[0]
        assert str(status.render()) == f"2024年基本支出/人员经费 = “” · line {line} · 1 finding(s)"
        await pilot.press(*"580.13", "enter")
        await pilot.pause(0.1)
        assert str(status.render()).startswith(f"2024年基本支出/人员经费 = “580.13” · line {line} · corrected (extracted “”)")


async def test_m_zooms_the_focused_pane_and_back(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert app.screen.maximized is grid(app)
        await pilot.press("j")                  # the grid still works zoomed
        assert grid(app).cursor_coordinate.row == 1
        await pilot.press("m")
        assert app.screen.maximized is None


async def test_a_real_document_is_cleared_from_the_keyboard_alone(tmp_path):
    # open a real 部门决算 of another region, fix a cell, settle every finding and mark every
    # table reviewed with keys only; quit saves, and the review reopens as it was left
    from tests.conftest import DATA
    path = tmp_path / "foshan_rail_2019_final.pdfplumber.txt"
    path.write_bytes((DATA / "real" / path.name).read_bytes())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.session
        assert session.findings and len(session.tables) == 8
        await pilot.press("j", "l", "e", "ctrl+u", *"1.00", "enter")     # the first table, row 2, column 2
        assert session.tables[0].cell(1, 1).text == "1.00" and session.tables[0].cell(1, 1).original is not None
        for _ in session.findings:
            await pilot.press("n", "c")
        assert [f.status for f in session.findings if f.status == "open"] == []
        while app.screen.table_index > 0:
            await pilot.press("left_square_bracket")
        for _ in session.tables:
            await pilot.press("R", "right_square_bracket")
        assert all(t.status == "reviewed" for t in session.tables)
        await pilot.press("q")
    reopened = ReviewSession(Review.open(load_document(path)))
    assert all(t.status == "reviewed" for t in reopened.tables)
    assert reopened.tables[0].cell(1, 1).text == "1.00"
    assert {f.status for f in reopened.findings} <= {"confirmed", "dismissed"}


async def test_choosing_a_part_in_the_outline_shows_its_text_in_the_source(sample_copy):
    from tui.widgets.outline import PartStart
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        outline = app.screen.query_one(DocumentOutline)
        part = next(node for node in outline.root.children if isinstance(node.data, PartStart))
        outline.focus()
        outline.move_cursor(part)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(SourceView).current == part.data.line
        assert app.screen.table_index == 0          # the table shown stays


async def test_keys_a_table_without_rows_cannot_use_are_dimmed(sample_copy):
    app = make_app(sample_copy(NANCHANG))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.check_action("edit", ()) is True and screen.check_action("facts", ()) is None
        empty = next(i for i, t in enumerate(app.session.tables) if not t.rows)
        for _ in range(empty):
            await pilot.press("right_square_bracket")
        assert screen.table_index == empty
        assert [screen.check_action(a, ()) for a in ("edit", "delete_row", "clear_cell", "insert_row", "mark_reviewed")] \
            == [None, None, None, True, True]
