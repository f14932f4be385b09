"""Run `python -m atlas_data ingest RAW --out STORE` and SIGKILL itself at one precise point of the commit.

    python tests/support/kill_at.py POINT RAW STORE

POINT is one of:
  parquet-N        right after the N-th Parquet file of the new version was written
  before-move      when the finished version folder is about to be moved into place
  after-move       after the version folder was moved into place, before CURRENT is swapped
  after-pointer    right after CURRENT was swapped (the new version is live)

A random SIGKILL rarely lands inside the few milliseconds between the two renames of a commit; this
puts it there on purpose. Exits 0 if the point was never reached (the ingest had nothing to do).
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    point, raw, store = sys.argv[1], sys.argv[2], sys.argv[3]
    import pyarrow.parquet as pq

    real_replace, real_write = os.replace, pq.write_table
    written = {"n": 0}

    def replace(src, dst, *args, **kwargs):
        is_pointer = os.path.basename(str(dst)) == "CURRENT"
        if point == "before-move" and not is_pointer:
            die()
        real_replace(src, dst, *args, **kwargs)
        if point == "after-move" and not is_pointer:
            die()
        if point == "after-pointer" and is_pointer:
            die()

    def write_table(*args, **kwargs):
        real_write(*args, **kwargs)
        written["n"] += 1
        if point.startswith("parquet-") and written["n"] == int(point.split("-")[1]):
            die()

    os.replace = replace
    pq.write_table = write_table
    from atlas_data.cli import main as cli_main
    return cli_main(["ingest", raw, "--out", store])


if __name__ == "__main__":
    sys.exit(main())
