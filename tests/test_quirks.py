"""Each reading quirk a real extractor's text has shown, as a witness of its own: a few lines
of text in `tests/data/quirks/<name>.txt`, the tables expected of them in `<name>.json`
(title, kind, columns, rows, the cells read as a guess, the notes, why the reading is doubted). After an intended change of the
reading, regenerate the expected files and read their diff before committing:

    GEN_TEST_DATA=1 .venv/bin/python -m pytest tests/test_quirks.py
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.document import parse_document
from core.reader import load_text

QUIRKS = Path(__file__).parent / "data" / "quirks"
GENERATE = bool(os.environ.get("GEN_TEST_DATA"))


def read_tables(text: Path) -> list[dict[str, object]]:
    doc = parse_document(load_text(text.read_bytes(), text.name))
    return [{"title": t.title, "kind": t.kind, "columns": t.column_texts(), "rows": [[c.text for c in r] for r in t.rows],
             "guessed": [[r, c] for r, row in enumerate(t.rows) for c, cell in enumerate(row) if cell.inferred],
             "notes": t.notes, "doubt": t.doubt}
            for t in doc.tables]


@pytest.mark.parametrize("text", sorted(QUIRKS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_quirk_reads_as_expected(text: Path):
    expected = text.with_suffix(".json")
    found = read_tables(text)
    if GENERATE:
        expected.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(expected.read_text(encoding="utf-8"))


def test_every_quirk_has_its_expected_tables():
    texts = {p.stem for p in QUIRKS.glob("*.txt")}
    assert texts and texts == {p.stem for p in QUIRKS.glob("*.json")}
