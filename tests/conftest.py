"""Shared fixtures: the bundled samples and the truth copied from the project's shared folder
(copies, so the suite runs on a clone without ../shared)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
DATA = Path(__file__).resolve().parent / "data"

# Property tests run 60 examples each in the suite; `pytest --hypothesis-profile deep` runs ten
# times as many (no deadline: whole documents are parsed per example).
settings.register_profile("suite", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", settings.get_profile("suite"), max_examples=600)
settings.load_profile("suite")

# sample file → stem of its truth files
SAMPLE_STEMS = {
    "shangrao_medical_security_center_2024_budget.txt": "000_7fe24cca4b7a4db4",
    "nanchang_medical_security_center_2024_budget.txt": "001_1886ce78e3864c15",
    "jingdezhen_medical_insurance_center_2025_budget.txt": "002_0a36a88aef94cc2c",
    "shangrao_medical_security_bureau_2022_final_accounts.txt": "003_478751ce5583cfa1",
    "zengdu_medical_security_center_2023_budget.txt": "004_11f39c83a94e4e1b",
}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", DATA / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def truth(stem: str, findings: bool = False):
    name = f"{stem}.findings.json" if findings else f"{stem}.json"
    return json.loads((DATA / "truth" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def documents():
    """Each sample parsed once for the whole session."""
    from core.document import load_document
    return {name: load_document(SAMPLES / name) for name in SAMPLE_STEMS}


@pytest.fixture
def sample_copy(tmp_path):
    """A private copy of a sample (review files land beside it)."""
    def make(name: str) -> Path:
        dest = tmp_path / name
        dest.write_bytes((SAMPLES / name).read_bytes())
        return dest
    return make


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test reads PDFs into its own cache folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
