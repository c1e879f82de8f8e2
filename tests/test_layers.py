"""The layering, checked so that it cannot rot: `core` imports neither Textual nor the TUI
nor the command line; `tui` never imports the command line; and the common commands import
neither pandas nor openpyxl nor Textual before they need them. Each module is imported in a
fresh interpreter, so what one test imported cannot hide what another needs."""
from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = sorted(f"core.{m.name}" for m in pkgutil.iter_modules([str(ROOT / "core")]))
TUI_MODULES = ["tui.app"]


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def top_levels(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_never_imports_the_ui_or_the_command_line(module):
    assert not top_levels(loaded_after_import(module)) & {"textual", "tui", "cli"}


@pytest.mark.parametrize("module", TUI_MODULES)
def test_tui_never_imports_the_command_line(module):
    assert "cli" not in top_levels(loaded_after_import(module))


def test_the_command_line_imports_heavy_packages_only_when_used():
    assert not top_levels(loaded_after_import("cli.main")) & {"pandas", "openpyxl", "textual", "pdfplumber"}
