"""Batch figures of budget-review on a synthetic corpus (printed, never asserted).

    python bench/batch.py [--size 1000] [--json]

The corpus is made by varying the five samples: each copy gets its own agency name (so no two
documents are alike) and, in turn, the habits of other extractors (tabs as single spaces, no
blank lines, one fragment per line). It reports documents per second with one job, with
every core, and through a Dask LocalCluster of one single-threaded worker per core; the peak
memory of a worker; and the time of a second run over unchanged documents (resume).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.batch import run_batch  # noqa: E402

SAMPLES = sorted((ROOT / "sample_docs").glob("*.txt"))


def _habit(text: str, n: int) -> str:
    """The n-th extractor habit: as printed, tabs as single spaces, no blank lines, a fragment per line."""
    if n == 1:
        return text.replace("\t", " ")
    if n == 2:
        return "\n".join(line for line in text.splitlines() if line.strip())
    if n == 3:
        return "\n".join(part for line in text.splitlines() for part in (line.split("\t") if "\t" in line else [line]))
    return text


def make_corpus(folder: Path, size: int) -> list[Path]:
    from core.document import load_document
    agencies = {p: load_document(p).info.agency for p in SAMPLES}
    out = []
    for i in range(size):
        sample = SAMPLES[i % len(SAMPLES)]
        text = sample.read_text(encoding="utf-8")
        agency = agencies[sample]
        if agency:
            text = text.replace(agency, f"{agency[:-2]}第{i}{agency[-2:]}")
        path = folder / f"{i:05d}_{sample.stem}.txt"
        path.write_text(_habit(text, (i // len(SAMPLES)) % 4), encoding="utf-8")
        out.append(path)
    return out


def _child_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _self_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(corpus: Path, out: Path, **kwargs) -> tuple[float, int]:
    start = time.perf_counter()
    report = run_batch([str(corpus)], out, **kwargs)
    return time.perf_counter() - start, report.done + report.skipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1000, help="documents in the synthetic corpus")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="budget-review-batch-"))
    cores = os.cpu_count() or 1
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.size)
        figures: dict[str, float] = {"documents": args.size, "cores": cores}

        seconds, done = _run(corpus, work / "one", jobs=1)
        figures["docs_per_s_1_job"] = done / seconds
        figures["peak_mib_1_job"] = _self_peak_mib()

        seconds, done = _run(corpus, work / "all", jobs=cores)
        figures["docs_per_s_all_cores"] = done / seconds
        figures["peak_mib_per_worker_pool"] = _child_peak_mib()

        seconds, _ = _run(corpus, work / "all", jobs=cores)
        figures["resume_s"] = seconds

        from dask.distributed import Client, LocalCluster
        with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            def submit(fn, *a):
                return client.submit(fn, *a, pure=False)
            seconds, done = _run(corpus, work / "dask", submit=submit)
            figures["docs_per_s_local_cluster"] = done / seconds
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            figures["peak_mib_per_worker_dask"] = max(peaks.values())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
        return
    print(f"synthetic corpus: {args.size} documents (the samples varied), {cores} cores")
    print(f"1 job:          {figures['docs_per_s_1_job']:7.1f} documents/s, peak {figures['peak_mib_1_job']:.0f} MiB")
    print(f"all cores:      {figures['docs_per_s_all_cores']:7.1f} documents/s, "
          f"peak {figures['peak_mib_per_worker_pool']:.0f} MiB per worker")
    print(f"LocalCluster:   {figures['docs_per_s_local_cluster']:7.1f} documents/s, "
          f"peak {figures['peak_mib_per_worker_dask']:.0f} MiB per worker")
    print(f"resume (all unchanged): {figures['resume_s']:.2f} s")


if __name__ == "__main__":
    main()
