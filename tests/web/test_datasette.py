"""`disclosed export --datasette` opened by Datasette (its own test client): the dataset table, its
foreign keys and full-text search answer."""

from __future__ import annotations

import asyncio
import json
import sqlite3

from typer.testing import CliRunner

from disclosed.cli import app, register


def test_datasette_serves_the_export(web_store, tmp_path):
    from datasette.app import Datasette

    register()
    out = tmp_path / "export.db"
    result = CliRunner().invoke(app, ["export", "--datasette", str(out), "--db", web_store.url])
    assert result.exit_code == 0, result.output
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert "count" in metadata["databases"]["export"]["tables"]["dataset"]["columns"]
    conn = sqlite3.connect(out)
    fks = {row[2] for row in conn.execute("PRAGMA foreign_key_list(figures)")}
    assert fks == {"documents", "dataset"}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    async def ask():
        ds = Datasette([str(out)], metadata=metadata)
        rows = (await ds.client.get("/export/dataset.json?_shape=array&_search=Cumbria")).json()
        figures = (
            await ds.client.get(
                "/export/figures.json?_shape=array&dataset_id__notblank=1&organisation=Cumbria+Constabulary"
            )
        ).json()
        docs = (await ds.client.get("/export/documents.json?_shape=array&_search=WhatsApp")).json()
        page = await ds.client.get("/export/dataset")
        return rows, figures, docs, page

    rows, figures, docs, page = asyncio.run(ask())
    assert rows and {r["organisation"] for r in rows} == {"Cumbria Constabulary"}
    conflicting = [r for r in rows if r["status"] == "conflicting"]
    assert conflicting and sorted(v["count"] for v in json.loads(conflicting[0]["competing_values"])) == [
        4,
        5,
    ]
    assert {f["dataset_id"] for f in figures} <= {r["id"] for r in rows}
    assert {d["name"] for d in docs} >= {"cumbria_foi_reply.txt", "cumbria_courier_article.txt"}
    assert page.status_code == 200 and "reconciled dataset" in page.text
