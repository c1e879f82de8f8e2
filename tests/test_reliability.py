"""Hostile inputs and faults: a failed save never loses an edit, an output path never
destroys the input, document text never reaches the terminal as escapes or markup, and a
review file is checked before anything in it is applied."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from core.document import load_document
from core.errors import UserError
from core.review import Review, default_review_path
from tui.app import BudgetReviewApp

NANCHANG = "nanchang_medical_security_center_2024_budget.txt"


@pytest.fixture
def failing_disk(monkeypatch):
    """Every atomic write fails as a full disk would (as root, chmod cannot simulate it)."""
    import core.atomic as atomic

    def full(tmp: str) -> None:
        raise OSError(28, "No space left on device")
    real = atomic.atomic_write

    def broken(path, write, protected=()):
        return real(path, full, protected)
    monkeypatch.setattr(atomic, "atomic_write", broken)
    return monkeypatch


def test_failed_autosave_keeps_the_edit_in_memory_and_retries(sample_copy, failing_disk):
    path = sample_copy(NANCHANG)
    review = Review(load_document(path), autosave=True)
    review.set_cell(3, 1, 3, "580.13")
    assert review.tables[3].cell(1, 3).text == "580.13"
    assert not review.saved and "No space left on device" in review.save_error
    assert not default_review_path(path).exists()
    failing_disk.undo()
    review.set_cell(3, 2, 3, "1.00")
    assert review.saved and review.save_error == ""
    saved = json.loads(default_review_path(path).read_text(encoding="utf-8"))
    assert [e["new"] for e in saved["edits"]] == ["580.13", "1.00"]


async def test_review_screen_survives_a_failed_save_and_asks_before_quitting(sample_copy, failing_disk):
    app = BudgetReviewApp(Review.open(load_document(sample_copy(NANCHANG)), autosave=True), keymap={},
                          cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l", "e", *"580.13", "enter")
        await pilot.pause()
        assert app.session.tables[3].cell(1, 3).text == "580.13"
        assert any("Not saved" in n.message for n in app._notifications)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running        # the first q warns instead of losing the edit
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


def test_review_refuses_a_review_file_that_can_never_be_written(sample_copy, tmp_path, capsys):
    path = sample_copy(NANCHANG)
    code = main(["review", str(path), "--review-file", str(tmp_path / "missing" / "r.json")])
    assert code == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "--review-file" in err


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_output_never_replaces_the_document_or_its_review(sample_copy, fmt, capsys):
    path = sample_copy(NANCHANG)
    before = path.read_bytes()
    review = default_review_path(path)
    review.write_text("keep", encoding="utf-8")
    for target in (path, review):
        assert main(["extract", str(path), "--no-review", "--format", fmt, "-o", str(target)]) == 2
    assert path.read_bytes() == before and review.read_text(encoding="utf-8") == "keep"
    assert "is the document or its review file" in capsys.readouterr().err


def test_output_never_replaces_a_link_or_a_device(sample_copy, tmp_path, capsys):
    path = sample_copy(NANCHANG)
    target = tmp_path / "target.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert main(["extract", str(path), "--no-review", "-o", str(link)]) == 2
    assert main(["check", str(path), "--no-review", "--format", "json", "-o", "/dev/null"]) == 2
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "precious"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert "not a regular file" in capsys.readouterr().err


def test_rewritten_output_keeps_its_mode(sample_copy, tmp_path):
    path = sample_copy(NANCHANG)
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    os.chmod(out, 0o644)
    assert main(["extract", str(path), "--no-review", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and json.loads(out.read_text(encoding="utf-8"))["tables"]


def test_document_text_never_reaches_the_terminal_as_escapes_or_markup(tmp_path, capsys):
    doc = tmp_path / "evil.txt"
    doc.write_text("第一部分 [/]恶意[b]单位\x1b]52;c;cHduZWQ=\x07概况\n2024年部门预算\n一、主要职能\n"
                   "\x1b[2J清屏\x1b]0;PWNED-BY-DOC\x07\n", encoding="utf-8")
    assert main(["tree", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[/]恶意[b]单位" in out and "\\x1b" in out
    assert main(["tree", str(doc), "--format", "json"]) == 0
    text = capsys.readouterr().out
    assert "\x1b" not in text and json.loads(text)["tree"]


def _write_review(path, edits):
    doc = load_document(path)
    default_review_path(path).write_text(json.dumps({
        "format": "budget-review.review", "version": 1,
        "document": {"name": doc.name, "sha256": doc.source.sha256}, "edits": edits}), encoding="utf-8")
    return doc


@pytest.mark.parametrize("document", [[], "x", None])
def test_review_file_with_a_malformed_document_is_refused(sample_copy, document):
    path = sample_copy(NANCHANG)
    doc = load_document(path)
    default_review_path(path).write_text(json.dumps({"format": "budget-review.review", "version": 1,
                                                     "document": document, "edits": []}), encoding="utf-8")
    with pytest.raises(UserError, match="malformed"):
        Review.open(doc)


def test_review_file_version_as_text_is_named_as_written(sample_copy):
    path = sample_copy(NANCHANG)
    doc = load_document(path)
    default_review_path(path).write_text(json.dumps({"format": "budget-review.review", "version": "1",
                                                     "document": {}, "edits": []}), encoding="utf-8")
    with pytest.raises(UserError, match="version '1' is not supported"):
        Review.open(doc)


def test_edits_that_no_longer_fit_are_set_aside_not_applied_elsewhere(sample_copy):
    path = sample_copy(NANCHANG)
    doc = _write_review(path, [
        {"target": "cell", "table": 3, "row": 1, "col": 3, "old": "", "new": "580.13"},
        {"target": "cell", "table": 3, "row": -1, "col": 3, "old": "", "new": "1"},
        {"target": "cell", "table": 3, "row": 1, "col": 10**7, "old": "", "new": "2"},
        {"target": "cell", "table": 3, "row": 2, "col": 2, "old": "not what it says", "new": "3"},
        {"target": "cell", "table": 99, "row": 0, "col": 0, "old": "", "new": "4"},
        {"target": "cell", "table": 3, "row": 1, "col": 2, "old": "", "new": 5},
        {"target": "insert_row", "table": 0, "row": 0},        # a row without its texts
        "not an edit",
    ])
    review = Review.open(doc)
    assert [e.new for e in review.edits] == ["580.13"]
    assert len(review.set_aside) == 7
    assert review.set_aside[5][1] == "an insert_row edit needs its new texts"
    assert review.tables[3].cell(2, 2).text == doc.tables[3].cell(2, 2).text
    review.save()       # the set-aside edits are kept in the file, never lost
    saved = json.loads(default_review_path(path).read_text(encoding="utf-8"))
    assert len(saved["set_aside"]) == 7 and all("reason" in e for e in saved["set_aside"])


def test_a_review_file_that_is_a_fifo_is_refused_without_hanging(sample_copy):
    path = sample_copy(NANCHANG)
    os.mkfifo(default_review_path(path))
    with pytest.raises(UserError, match="not a regular file"):
        Review.open(load_document(path))


def test_a_second_session_on_one_review_is_refused(sample_copy):
    path = sample_copy(NANCHANG)
    first = Review.open(load_document(path), autosave=True)
    first.lock()
    second = Review.open(load_document(path), autosave=True)
    with pytest.raises(UserError, match="another review session"):
        second.lock()
    first.unlock()
    second.lock()           # free again once the first session ends
    second.unlock()


def test_a_stale_lock_of_a_dead_session_is_taken_over(sample_copy):
    path = sample_copy(NANCHANG)
    review = Review.open(load_document(path), autosave=True)
    lock = default_review_path(path).with_name(default_review_path(path).name + ".lock")
    lock.write_text("999999999", encoding="utf-8")       # no such process
    review.lock()
    assert lock.read_text(encoding="utf-8") == str(os.getpid())
    review.unlock()
    assert not lock.exists()


def test_a_review_changed_on_disk_is_never_overwritten(sample_copy):
    path = sample_copy(NANCHANG)
    a = Review.open(load_document(path), autosave=True)
    b = Review.open(load_document(path), autosave=True)
    a.set_cell(3, 1, 3, "111.11")
    b.set_cell(3, 1, 3, "222.22")       # b's file view is stale: its save is refused, its edit kept
    assert "changed by another program" in b.save_error and b.tables[3].cell(1, 3).text == "222.22"
    a.set_cell(3, 2, 3, "333.33")
    assert [e.new for e in Review.open(load_document(path)).edits] == ["111.11", "333.33"]
    b.set_cell(3, 2, 3, "444.44")      # its journal is refused too: the file is not the one it saw
    assert "changed by another program" in b.save_error
    assert [e.new for e in Review.open(load_document(path)).edits] == ["111.11", "333.33"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    path = tmp_path / "doc.txt"
    path.write_bytes("2024年部门预算\n一、收支总表\n".encode(codec))
    doc = load_document(path)
    assert doc.source.encoding == codec and doc.source.lines[0] == "2024年部门预算"


def test_an_amount_of_a_million_digits_is_no_amount(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text("2024年部门预算\n支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n"
                    "201 一般公共服务支出 " + "9" * 1_000_000 + " 1.00 2.00\n", encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_a_text_too_long_for_a_cell_is_cut_and_reported(sample_copy, tmp_path):
    from core.export import write_xlsx
    review = Review(load_document(sample_copy(NANCHANG)))
    review.set_cell(0, 1, 0, "长" * 40_000)
    _, warnings = write_xlsx(review, [], tmp_path / "b.xlsx")
    assert any("cut to the 32767" in w for w in warnings)


def test_the_encoding_error_names_the_file(tmp_path, capsys):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\x81\x30" * 10 + b"\xff\xfe\xfd")
    assert main(["tree", str(path)]) == 2
    assert str(path) in capsys.readouterr().err


def test_a_reader_failing_on_one_table_costs_that_table_flagged_not_the_document(documents, sample_copy, tmp_path,
                                                                                 monkeypatch):
    import openpyxl

    import core.extract as extract
    from core.validate import validate

    def failing_on_three_public(reader):
        def read(table, *args):
            if table.kind == "budget.three_public":
                raise ValueError("not enough values to unpack")
            return reader(table, *args)
        return read
    for reader in ("_fill_token_grid", "_fill_tab_grid"):
        monkeypatch.setattr(extract, reader, failing_on_three_public(getattr(extract, reader)))
    path = sample_copy(NANCHANG)
    doc = load_document(path)
    [three] = [t for t in doc.tables if t.kind == "budget.three_public"]
    assert (three.rows, three.recoverable) == ([], False)
    assert three.notes[-1] == "the reader failed on this table (ValueError: not enough values to unpack); its cells were not read"
    # every other table is read as without the fault
    assert [(t.title, t.rows) for t in doc.tables if t is not three] == \
        [(t.title, t.rows) for t in documents[NANCHANG].tables if t.kind != "budget.three_public"]
    flagged = [f for f in validate(doc) if f.table == three.title]
    assert [(f.check, f.severity, f.where) for f in flagged] == [("extraction", "warning", "whole table")]
    # every output is written whole, the failed table in it as a table without cells
    assert main(["extract", str(path), "--format", "json", "-o", str(tmp_path / "d.json")]) == 0
    tables = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["tables"]
    assert [t["rows"] for t in tables if t["kind"] == "budget.three_public"] == [[]]
    assert main(["export", str(path), "-o", str(tmp_path / "d.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "d.xlsx")
    sheet = book.worksheets[doc.tables.index(three)]
    # its title and unit, no cells: under them its notes, the reader's failure last
    assert sheet["A1"].value == three.title and sheet.cell(row=sheet.max_row, column=1).value == three.notes[-1]
    assert all(sheet.cell(row=n, column=2).value is None for n in range(3, sheet.max_row + 1))
    assert [(r[2], r[4]) for r in book["Findings"].iter_rows(min_row=2, values_only=True)
            if r[4] == three.title] == [("extraction", three.title)]


KILLED_SESSION = """
import asyncio, sys
from core.document import load_document
from core.review import Review
from tui.app import BudgetReviewApp

async def edit_then_wait():
    app = BudgetReviewApp(Review.open(load_document(sys.argv[1]), autosave=True), keymap={}, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.press("j", "l", "l", "l", "e", *"580.13", "enter")
        await pilot.pause()
        print(app.session.tables[3].cell(1, 3).text, flush=True)
        await asyncio.sleep(120)

asyncio.run(edit_then_wait())
"""


def test_an_edit_survives_the_review_screen_killed_right_after_it(sample_copy):
    path = sample_copy(NANCHANG)
    root = Path(__file__).resolve().parent.parent
    session = subprocess.Popen([sys.executable, "-c", KILLED_SESSION, str(path)], cwd=root,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert session.stdout.readline().strip() == "580.13"      # the edit was made on screen
    finally:
        os.kill(session.pid, signal.SIGKILL)
        session.wait(timeout=30)
    assert session.returncode == -signal.SIGKILL
    reopened = Review.open(load_document(path), autosave=True)
    reopened.lock()                  # the dead session's lock is stale and taken over
    assert reopened.tables[3].cell(1, 3).text == "580.13"
    assert [e.new for e in reopened.edits] == ["580.13"]
    reopened.unlock()


@pytest.mark.parametrize("enabled", [True, False])
def test_parsing_and_exporting_leave_the_garbage_collector_as_they_found_it(enabled, sample_copy, tmp_path):
    """Parsing and writing the workbook hold cyclic collection off; after them (and after a
    failure inside) the collector is on or off as the caller had it."""
    import gc

    from core.collection import collection_paused
    from core.export import write_xlsx
    from core.validate import validate
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        review = Review(load_document(sample_copy(NANCHANG)))
        assert gc.isenabled() is enabled
        write_xlsx(review, validate(review.document), tmp_path / "b.xlsx")
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collection_paused():
            assert not gc.isenabled()
            raise RuntimeError("a reader's fault")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_document_under_review_is_left_out_of_later_collections(sample_copy):
    """`review` opens its document, then keeps what is alive out of the cyclic collector's
    sight: a later full collection walks none of the document's objects, which stay usable."""
    import gc

    from core.collection import keep_alive_uncollected
    review = Review(load_document(sample_copy(NANCHANG)))
    cells = sum(len(row) for table in review.tables for row in table.rows)
    before = gc.get_freeze_count()
    keep_alive_uncollected()
    try:
        assert gc.get_freeze_count() - before > cells
        tracked = len(gc.get_objects())         # what a full collection walks
        assert all(obj is not review.document for obj in gc.get_objects())
        assert tracked < gc.get_freeze_count()
        assert review.set_cell(3, 1, 3, "580.13").new == "580.13"
    finally:
        gc.unfreeze()
