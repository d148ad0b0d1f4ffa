"""Scale-out on Dask: the same reading and extraction as `ingest`, run as one task per WARC file or
batch of files on any Dask cluster, written to Parquet datasets that `disclosed load` stores.

Modules: inputs.py (what the tasks are), prefilter.py (which documents are worth extracting),
tables.py (models to Arrow tables and back), tasks.py (one task, run in a worker), copies.py
(near-duplicates by a shuffle on LSH band keys), job.py (the job on a Dask client).
Needs the optional extra `disclosed[scale]` (dask[distributed], pyarrow, fsspec).
"""

from __future__ import annotations

from disclosed.scale.order import order_key
from disclosed.scale.prefilter import is_relevant

__all__ = ["is_relevant", "order_key"]
