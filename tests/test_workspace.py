"""The review queue of a folder: its SQLite workspace, read back, shared by two reviewers,
and the queue screen from the first key to a document marked done."""
from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from core.document import load_document
from core.errors import UserError
from core.review import Review
from core.validate import validate_review
from core.workspace import WORKSPACE_FILE, Workspace
from tui.app import MainScreen
from tui.queue import QueueApp, QueueScreen

ZENGDU = "zengdu_medical_security_center_2023_budget.txt"
SHANGRAO = "shangrao_medical_security_bureau_2022_final_accounts.txt"


@pytest.fixture
def folder(sample_copy):
    sample_copy(ZENGDU)
    return sample_copy(SHANGRAO).parent


def test_a_folder_is_read_into_its_queue_most_open_errors_first(folder):
    entries = Workspace(folder).scan()
    assert [(e.path, e.status, e.agency, e.year, e.report_type, e.tables, e.open_errors) for e in entries] == [
        (ZENGDU, "new", "曾都区医疗保障服务中心", "2023", "预算", 12, 8),
        (SHANGRAO, "new", "上饶市医疗保障局", "2022", "决算", 12, 2)]
    # the state is in the folder, read back by another opening
    rows = sqlite3.connect(folder / WORKSPACE_FILE).execute("SELECT path, status FROM documents ORDER BY path")
    assert rows.fetchall() == [(SHANGRAO, "new"), (ZENGDU, "new")]


def test_a_status_survives_reopening_and_a_changed_document_is_read_again(folder):
    ws = Workspace(folder)
    ws.scan()
    ws.set_status(ZENGDU, "done")
    # the reviewer's dismissal in the review file lowers the open errors once rescanned
    review = Review.open(load_document(folder / ZENGDU))
    first_error = next(f for f in validate_review(review) if f.severity == "error")
    review.decide(first_error.id, "dismissed")
    review.save()
    again = {e.path: e for e in Workspace(folder).scan()}
    assert (again[ZENGDU].status, again[ZENGDU].open_errors) == ("done", 7)
    assert [e.path for e in Workspace(folder).entries(status="done")] == [ZENGDU]
    assert [e.path for e in Workspace(folder).entries(text="上饶")] == [SHANGRAO]


def test_a_document_gone_from_the_folder_leaves_the_queue_and_bad_input_is_refused(folder, tmp_path):
    ws = Workspace(folder)
    ws.scan()
    (folder / SHANGRAO).unlink()
    assert [e.path for e in ws.scan()] == [ZENGDU]
    with pytest.raises(UserError, match="unknown status"):
        ws.set_status(ZENGDU, "finished")
    with pytest.raises(UserError, match="not in the workspace"):
        ws.set_status(SHANGRAO, "done")
    with pytest.raises(UserError, match="not a folder"):
        Workspace(tmp_path / "missing")


def test_an_unreadable_document_is_listed_with_why(folder):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    broken = next(e for e in Workspace(folder).scan() if e.path == "broken.pdf")
    assert broken.tables == 0 and "not a readable PDF" in broken.problem


def _flip(folder: str, name: str, times: int) -> None:
    ws = Workspace(folder)
    for n in range(times):
        ws.set_status(name, "done" if n % 2 else "in review")


def test_two_reviewers_updating_the_same_workspace_lose_nothing(folder):
    Workspace(folder).scan()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_flip, args=(str(folder), name, 40)) for name in (ZENGDU, SHANGRAO)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    # 40 flips each end on "done", and neither process's last update was lost
    assert {e.path: e.status for e in Workspace(folder).entries()} == {ZENGDU: "done", SHANGRAO: "done"}


def _queue(folder) -> tuple[Workspace, QueueApp]:
    ws = Workspace(folder)
    ws.scan()
    return ws, QueueApp(ws, keymap={}, cursor_blink=False)


async def test_the_queue_opens_a_document_and_marks_it_done(folder):
    ws, app = _queue(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert [e.path for e in queue.entries] == [ZENGDU, SHANGRAO]
        assert queue.title == f"{folder.name} — 0 of 2 documents done, 10 open errors"
        await pilot.press("down", "enter")       # the second document: 上饶 决算
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.in_queue
        assert ws.entry(SHANGRAO).status == "in review"
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is queue
        assert ws.entry(SHANGRAO).status == "done"
        assert queue.title == f"{folder.name} — 1 of 2 documents done, 10 open errors"
        assert not (folder / f"{SHANGRAO}.review.json.lock").exists()      # the session's lock released
        await pilot.press("s", "s", "s")         # all → new → in review → done
        assert queue.status == "done" and [e.path for e in queue.entries] == [SHANGRAO]
        await pilot.press("s", "slash")
        await pilot.press(*"曾都", "enter")
        assert queue.text == "曾都" and [e.path for e in queue.entries] == [ZENGDU]


async def test_quitting_a_document_of_the_queue_returns_to_it_without_marking_it(folder):
    ws, app = _queue(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        assert ws.entry(ZENGDU).status == "in review"
