"""Ingest a folder under limits in this process and print, as JSON, the report and the peak memory
of this process and of its (worker) children: `python hostile_run.py DB_URL FOLDER`."""

from __future__ import annotations

import json
import resource
import sys

from disclosed.runs.ingest import Limits, ingest_paths
from disclosed.store import open_store

if __name__ == "__main__":
    url, folder = sys.argv[1:]
    store = open_store(url)
    report = ingest_paths(store, [folder], jobs=2, isolate=True,
                          limits=Limits(seconds=60, memory_bytes=1024**3, pdf_pages=20))
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"new": report.new, "failed": [[f.source, f.reason] for f in report.failed],
                      "peak_mb": peak_kb / 1024}))
