"""The floor `bench/gate.py` compares the write path with: FastAPI plus one SQLite insert.

    python bench/floor_app.py DB_PATH PORT

`POST /v1/instructions` parses the JSON body and inserts it into one table of a
WAL-mode SQLite file, in the handler, with no risk assessment, no audit and no
thread hop: what any service that stores each call must pay at least. One
uvicorn worker, like `twokey serve`. Its SQLite is TwoKey's (`storage.db`): WAL,
`synchronous=NORMAL` (each insert is committed before the answer, as each submit
is), and checkpoints taken off the commit path, every 2 s in a thread, rather
than by whichever commit fills the WAL.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000", "wal_autocheckpoint=0")


def _checkpoints(path: str) -> None:
    """`storage.db.checkpoint` every 2 s, as `twokey serve` schedules it."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    while True:
        time.sleep(2)
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def build(path: str) -> FastAPI:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        db.execute(f"PRAGMA {pragma}")
    db.execute(
        "CREATE TABLE IF NOT EXISTS requests "
        "(id INTEGER PRIMARY KEY, at REAL, requester TEXT, text TEXT)"
    )
    threading.Thread(target=_checkpoints, args=(path,), daemon=True).start()
    app = FastAPI()

    @app.post("/v1/instructions")
    async def submit(request: Request) -> JSONResponse:
        body = json.loads(await request.body())
        cur = db.execute(
            "INSERT INTO requests (at, requester, text) VALUES (?, ?, ?)",
            (time.time(), body.get("requester"), body.get("text")),
        )
        return JSONResponse({"id": cur.lastrowid, "status": "allowed"})

    @app.get("/healthz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


if __name__ == "__main__":
    uvicorn.run(
        build(sys.argv[1]),
        host="127.0.0.1",
        port=int(sys.argv[2]),
        workers=1,
        log_level="warning",
        access_log=False,
    )
