"""Speed and memory figures of budget-review (printed, never asserted).

    python bench/run.py                 # every figure, as text
    python bench/run.py --quick --json  # the headline figures as one JSON object

Targets (issue #13, recorded with the figures in bench/RESULTS.md): import <= 0.12 s; extract +
validate of the largest sample <= 20 ms warm, <= 30 ms first, within 20x the floor; re-validation
<= 2 ms (<= 20 ms on a 10,000-row table); autosave O(1); export <= 150 ms; TUI first paint
<= 0.4 s; switching tables <= 30 ms; cursor <= 10 ms; every stage's per-unit cost flat within 2x.
"""
from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core.collection import keep_alive_uncollected  # noqa: E402
from core.document import load_document  # noqa: E402
from core.review import Review  # noqa: E402
from core.session import ReviewSession  # noqa: E402
from core.validate import validate  # noqa: E402

SAMPLES = sorted((ROOT / "sample_docs").glob("*.txt"))
LARGEST = max(SAMPLES, key=lambda p: len(p.read_bytes().splitlines()))


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def edit_times(doc, n: int, autosave: bool) -> list[float]:
    """Seconds of each of `n` successive cell edits of the document's longest table, each
    re-validating (and, with autosave, saving the review file)."""
    session = ReviewSession(Review(doc, Path(tempfile.mkdtemp()) / "bench.review.json", autosave=autosave))
    table = max(range(len(doc.tables)), key=lambda i: len(doc.tables[i].rows))
    times = []
    for k in range(n):
        start = time.perf_counter()
        session.set_cell(table, 1, 3, f"{k}.00")
        times.append(time.perf_counter() - start)
    return times


def bench_core() -> None:
    for path in SAMPLES:
        t = timed(lambda p=path: validate(load_document(p)), 3)
        print(f"parse+extract+validate {path.name:60s} {t * 1000:8.1f} ms")
    tracemalloc.start()
    doc = load_document(LARGEST)
    validate(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory parsing {LARGEST.name}: {peak / 2**20:.1f} MiB")

    times = edit_times(doc, 20, autosave=False)
    print(f"re-validation after one cell edit (largest sample): median {statistics.median(times) * 1000:.2f} ms, "
          f"max {max(times) * 1000:.2f} ms (target < 20 ms)")


async def tui_figures() -> dict[str, float]:
    """First paint, switching tables and moving the cursor on the largest sample, in a pilot
    at 120×40. The pilot waits for the screen to settle after each key; an unbound key
    measures that wait, which is taken off to give the app's own latency."""
    from tui.app import BudgetReviewApp
    start = time.perf_counter()
    review = Review(load_document(LARGEST), Path(tempfile.mkdtemp()) / "bench.review.json")
    app = BudgetReviewApp(review, keymap={}, cursor_blink=False)
    keep_alive_uncollected()        # as `cli review` does
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first_paint = time.perf_counter() - start

        async def press_times(keys):
            out = []
            for key in keys:
                begin = time.perf_counter()
                await pilot.press(key)
                out.append(time.perf_counter() - begin)
            return out
        async def cpu_per_key(keys):
            start = time.process_time()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            return (time.process_time() - start) / len(keys)
        idle = statistics.median(await press_times(["z"] * 15))
        await press_times(["right_square_bracket"] * len(review.tables))     # every table seen once
        switches = await press_times(["left_square_bracket", "right_square_bracket"] * 6)
        # the process's CPU time per switch, less that of an unbound key: steadier than the wall
        # clock less the pilot's own wait
        idle_cpu = await cpu_per_key(["z"] * 40)
        switch_cpu = await cpu_per_key(["left_square_bracket", "right_square_bracket"] * 20) - idle_cpu
        moves = await press_times(["j"] * 15 + ["l"] * 5 + ["k"] * 10)
        move_cpu = await cpu_per_key(["j", "k"] * 20) - idle_cpu      # likewise per cursor move
    gc.unfreeze()       # (the figures after these are of the collector as ever)
    return {"first_paint_s": first_paint, "switch_table_ms": (statistics.median(switches) - idle) * 1000,
            "switch_table_cpu_ms": switch_cpu * 1000,
            "cursor_ms": (statistics.median(moves) - idle) * 1000, "cursor_cpu_ms": move_cpu * 1000,
            "pilot_wait_ms": idle * 1000}


async def bench_tui() -> None:
    figures = await tui_figures()
    print(f"TUI start to first paint ({LARGEST.name}): {figures['first_paint_s'] * 1000:.0f} ms (target <= 400 ms CPU)")
    print(f"switching tables after the first visit: {figures['switch_table_ms']:.1f} ms (target <= 30 ms), "
          f"{figures['switch_table_cpu_ms']:.1f} ms CPU; "
          f"cursor move {figures['cursor_ms']:.1f} ms per key (target <= 10 ms), over the pilot's own "
          f"{figures['pilot_wait_ms']:.0f} ms, {figures['cursor_cpu_ms']:.1f} ms CPU")
    print(f"launch in a real terminal to the first table on screen: {terminal_first_table_s() * 1000:.0f} ms wall "
          "(target <= 600 ms)")


REAL = ROOT.parent / "shared" / "real"


def bench_pdf() -> None:
    """First open of the longest PDF of ../shared/real (pages read with pdfplumber, cache
    empty) and the second open (from the cache), beside a text of the same document."""
    pdfs = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    if not pdfs:
        print("PDF: no ../shared/real PDFs here, skipped")
        return
    import pdfplumber
    pages = {p: len(pdfplumber.open(p).pages) for p in pdfs}
    longest = max(pdfs, key=lambda p: pages[p])
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
    start = time.perf_counter()
    load_document(longest)
    first = time.perf_counter() - start
    second = timed(lambda: load_document(longest), 3)
    text = longest.with_suffix(".pdfplumber.txt")
    as_text = timed(lambda: load_document(text), 3) if text.exists() else float("nan")
    print(f"PDF {longest.name} ({pages[longest]} pages): first open {first:.2f} s "
          f"({first / pages[longest]:.3f} s/page), second open {second * 1000:.0f} ms, "
          f"its pdfplumber text {as_text * 1000:.0f} ms")


def _compile_bytecode() -> None:
    """Byte-compile the project as an installation does: a process started with
    PYTHONDONTWRITEBYTECODE over a fresh clone would otherwise time compiling the sources."""
    import compileall
    for package in ("core", "tui", "cli"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _process(cmd: list[str], repeat: int = 5, exits: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """The fastest of `repeat` runs of a whole process ending with one of `exits`: (wall clock, CPU time
    of the process), in seconds."""
    import resource
    import subprocess
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in exits:
            raise RuntimeError(f"{' '.join(cmd)} ended with {done.returncode}: {done.stderr.decode()[-500:]}")
    return min(walls), min(cpus)


def _first_call_ms() -> float:
    """Extract + validate of the largest sample as the first call of a fresh process."""
    import subprocess
    code = ("import time, sys; sys.path.insert(0, '.'); from core.document import load_document; "
            "from core.validate import validate; t = time.perf_counter(); "
            f"validate(load_document({str(LARGEST)!r})); print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return float(out.stdout.strip())


def _floor_ms() -> float:
    """Reading, decoding and one tokenising regex pass over the largest sample: what no reader
    can do without."""
    import re
    token = re.compile(r"\S+")
    return timed(lambda: sum(len(token.findall(line)) for line in LARGEST.read_bytes().decode("utf-8").splitlines()),
                 9) * 1000


def terminal_first_table_s(timeout: float = 30.0) -> float:
    """Wall clock from launching `python -m cli review` on the largest sample in a real
    (pseudo-)terminal of 120×40 to its first table's title on the screen: process start,
    imports, reading and the first paint, as a reviewer waits for them."""
    import fcntl
    import os
    import pty
    import select
    import signal
    import struct
    import subprocess
    import termios
    title = load_document(LARGEST).tables[0].title.encode("utf-8")
    folder = Path(tempfile.mkdtemp())
    doc = folder / LARGEST.name
    doc.write_bytes(LARGEST.read_bytes())
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40",
           "XDG_CONFIG_HOME": str(folder), "XDG_CACHE_HOME": str(folder)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "cli", "review", str(doc)], stdin=follower, stdout=follower,
                             stderr=follower, cwd=ROOT, env=env, start_new_session=True)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(leader, 1 << 16)
                except OSError:
                    break
                if title in seen:
                    return time.perf_counter() - start
        raise RuntimeError("the review screen did not show its first table in time")
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait()
        os.close(leader)
        os.close(follower)


def quick() -> dict[str, float]:
    """The headline figures (see the README); only what is measured here is reported."""
    from core.export import write_xlsx
    figures: dict[str, float] = {}
    python = sys.executable
    _compile_bytecode()
    figures["python_start_s"], figures["python_start_cpu_s"] = _process([python, "-c", "pass"])
    figures["import_s"], figures["import_cpu_s"] = _process([python, "-c", "import cli.main"])
    out = Path(tempfile.mkdtemp()) / "out.json"
    figures["cli_extract_s"], figures["cli_extract_cpu_s"] = _process(
        [python, "-m", "cli", "extract", str(LARGEST), "--no-review", "--format", "json", "-o", str(out)])
    figures["cli_check_s"], figures["cli_check_cpu_s"] = _process(
        [python, "-m", "cli", "check", str(LARGEST), "--no-review", "--format", "json", "-o", str(out)], exits=(0, 1))
    figures["extract_validate_ms"] = timed(lambda: validate(load_document(LARGEST)), 9) * 1000
    figures["extract_validate_first_ms"] = _first_call_ms()
    figures["floor_ms"] = _floor_ms()
    figures["floor_ratio"] = figures["extract_validate_ms"] / figures["floor_ms"]
    doc = load_document(LARGEST)
    figures["revalidate_ms"] = statistics.median(edit_times(doc, 20, autosave=False)) * 1000
    figures["autosave_ms_at_1000_edits"] = statistics.median(edit_times(doc, 1000, autosave=True)[-20:]) * 1000
    review = Review(doc, Path(tempfile.mkdtemp()) / "bench.review.json")
    findings = validate(doc)
    figures["export_ms"] = timed(lambda: write_xlsx(review, findings, review.path.with_suffix(".xlsx")), 3) * 1000
    figures.update(asyncio.run(tui_figures()))
    figures["terminal_first_table_s"] = terminal_first_table_s()
    from scaling import scaling
    ratios = scaling()
    figures["revalidate_10k_rows_ms"] = ratios.pop("revalidate_10k_rows_ms")
    figures["scaling_max_ratio"] = max(ratios.values())
    return {k: round(v, 4) for k, v in figures.items()}


if __name__ == "__main__":
    import json
    if "--quick" in sys.argv:
        figures = quick()
        print(json.dumps(figures) if "--json" in sys.argv else "\n".join(f"{k}: {v}" for k, v in figures.items()))
    else:
        bench_core()
        bench_pdf()
        asyncio.run(bench_tui())
