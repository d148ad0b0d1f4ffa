"""A scale job on a Dask client: plan the tasks, run them in the workers, then find the copy links.

Tasks are submitted with retries: when a worker dies, the scheduler runs its tasks again elsewhere,
and each task's output files are named by the task, so the retry replaces them (see tasks.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from disclosed.errors import ReadError
from disclosed.model import CopyPair
from disclosed.read import DEFAULT_MAX_BYTES
from disclosed.scale.inputs import DEFAULT_BATCH, Task, plan_tasks
from disclosed.scale.tasks import TaskReport, run_task
from disclosed.stories import DEFAULT_COPY_SETTINGS, CopySettings

# How many times the scheduler reruns a task whose worker died (or that raised) before giving up.
TASK_RETRIES = 3


@dataclass
class JobReport:
    tasks: int = 0
    read: int = 0
    kept: int = 0
    figures: int = 0
    policies: int = 0
    statements: int = 0
    copies: int = 0
    failed: list[ReadError] = field(default_factory=list)

    def add(self, task: TaskReport) -> None:
        self.read += task.read
        self.kept += task.kept
        self.figures += task.figures
        self.policies += task.policies
        self.statements += task.statements
        self.failed.extend(ReadError(source, reason) for source, reason in task.errors)


def write_copies(output: str, copies: list[CopyPair]) -> None:
    import fsspec
    import pyarrow as pa

    from disclosed.scale.tasks import _write

    table = pa.Table.from_pylist([c.model_dump() for c in copies], schema=pa.schema(
        [("a", pa.string()), ("b", pa.string()), ("similarity", pa.float64())]))
    fs, root = fsspec.core.url_to_fs(output)
    _write(fs, f"{root.rstrip('/')}/copies", "copies", table)


def run_job(
    client: Any,
    inputs: Iterable[str | Path],
    output: str,
    *,
    batch: int = DEFAULT_BATCH,
    max_bytes: int = DEFAULT_MAX_BYTES,
    copy_settings: CopySettings = DEFAULT_COPY_SETTINGS,
    on_planned: Callable[[list[Task]], None] | None = None,
    on_task_done: Callable[[TaskReport], None] | None = None,
) -> JobReport:
    """Extract every input on the cluster `client` talks to, write the datasets under `output`
    (a folder or an fsspec URL every worker can reach), and the copy links among what was kept."""
    from distributed import as_completed

    from disclosed.scale.copies import find_copies_at_scale
    from disclosed.scale.tasks import task_ids

    tasks, errors = plan_tasks(inputs, batch=batch)
    report = JobReport(tasks=len(tasks), failed=list(errors))
    if on_planned:
        on_planned(tasks)
    run = uuid.uuid4().hex[:8]  # a second job on the same client must not share the first one's results
    futures = [client.submit(run_task, t, output, max_bytes=max_bytes, copy_settings=copy_settings,
                             key=f"disclosed-extract-{t.id}-{run}", retries=TASK_RETRIES)
               for t in tasks]
    for future in as_completed(futures):
        try:
            done = future.result()
        except Exception as err:  # noqa: BLE001 - a task that failed every retry is reported, the rest go on
            report.failed.append(ReadError(future.key, f"task failed ({type(err).__name__}: {err})"))
            continue
        report.add(done)
        if on_task_done:
            on_task_done(done)
    del futures
    planned = {t.id for t in tasks}
    workers = len(client.scheduler_info().get("workers", {})) or 1
    done = [t for t in task_ids(output) if t in planned]
    # a few partitions per worker: enough to spread the shuffles, few enough that task overhead stays small
    copies = find_copies_at_scale(output, done, settings=copy_settings, client=client,
                                  partitions=max(1, min(len(done), 2 * workers)))
    write_copies(output, copies)
    report.copies = len(copies)
    return report
