"""A corpus at a time: every document extracted and checked, the corpus outputs read back
with pandas and openpyxl, a failing document reported without stopping the batch, and a
second run that skips what did not change."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pandas as pd
import pytest

from cli.main import main
from core.batch import run_batch
from core.document import load_document
from core.review import Review, default_review_path
from tests.conftest import SAMPLES


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "2024").mkdir(parents=True)
    for name in ("nanchang_medical_security_center_2024_budget.txt",
                 "shangrao_medical_security_bureau_2022_final_accounts.txt"):
        shutil.copy(SAMPLES / name, folder / "2024" / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf\n")
    return folder


def test_batch_writes_each_document_and_the_corpus(corpus, tmp_path):
    out = tmp_path / "out"
    report = run_batch([str(corpus)], out, jobs=2)
    assert report.done == 2 and report.skipped == 0
    assert [name for name, _ in report.failed] == ["broken.pdf"] and "not a readable PDF" in report.failed[0][1]
    book = openpyxl.load_workbook(out / "corpus.xlsx")["Documents"]
    rows = {r[0]: r for r in book.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"2024__nanchang_medical_security_center_2024_budget.txt",
                         "2024__shangrao_medical_security_bureau_2022_final_accounts.txt", "broken.pdf"}
    nanchang = rows["2024__nanchang_medical_security_center_2024_budget.txt"]
    assert nanchang[1:4] == ("南昌市医疗保障服务中心", "2024", "预算") and nanchang[11] == "done"
    assert rows["broken.pdf"][11] == "failed"
    data = pd.read_parquet(out / "dataset.parquet")
    csv_data = pd.read_csv(out / "dataset.csv", encoding="utf-8-sig", dtype=str)
    assert len(data) == len(csv_data) > 100
    one = data[(data.document.str.contains("nanchang")) & (data.row_code == "2080505")].iloc[0]
    assert (one.kind, one.value, one.unit) == ("budget.expense", 50.89, "万元")
    tables = json.loads((out / "2024__nanchang_medical_security_center_2024_budget.txt" / "tables.json")
                        .read_text(encoding="utf-8"))
    assert len(tables["tables"]) == 8
    assert openpyxl.load_workbook(out / "2024__nanchang_medical_security_center_2024_budget.txt" / "workbook.xlsx")


def test_a_second_batch_skips_what_did_not_change(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch([str(corpus)], out, jobs=1)
    again = run_batch([str(corpus)], out, jobs=1)
    assert (again.done, again.skipped, len(again.failed)) == (0, 2, 1)      # the broken one reported again
    doc = corpus / "2024" / "nanchang_medical_security_center_2024_budget.txt"
    review = Review(load_document(doc), autosave=True)
    review.set_cell(3, 1, 3, "580.13")          # a reviewer's correction: that document runs again
    third = run_batch([str(corpus)], out, jobs=1)
    assert (third.done, third.skipped) == (1, 1)
    data = pd.read_csv(out / "dataset.csv", encoding="utf-8-sig", dtype=str)
    corrected = data[(data.document.str.contains("nanchang")) & (data.corrected == "True")]
    assert corrected.text.tolist() == ["580.13"]
    assert default_review_path(doc).exists()


def test_batch_command_reports_failures_and_exits_1(corpus, tmp_path, capsys):
    assert main(["batch", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "2 extracted, 0 unchanged, 1 failed" in out and "broken.pdf" in out


def _dies_once(marker: str, name: str, source: bytes, review):
    """A worker that dies the first time it takes a document (a machine lost mid-batch)."""
    import os
    from pathlib import Path
    if not Path(marker).exists():
        Path(marker).write_text("died", encoding="utf-8")
        os._exit(1)
    from core.batch import run_job
    return run_job(name, source, review)


def test_batch_on_a_dask_cluster_survives_a_worker_killed_mid_batch(corpus, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    marker = tmp_path / "died"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        def submit(fn, *args, **kwargs):
            return client.submit(_dies_once, str(marker), *args, pure=False)
        report = run_batch([str(corpus)], tmp_path / "out", submit=submit)
    assert marker.exists()                                 # a worker did die
    assert report.done == 2 and [n for n, _ in report.failed] == ["broken.pdf"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == ["2024__nanchang_medical_security_center_2024_budget.txt",
                                "2024__shangrao_medical_security_bureau_2022_final_accounts.txt", "broken.pdf"]
