"""Run `python -m atlas_data ingest RAW --out STORE` in this process and report its peak memory.

    python tests/support/peak_rss.py RAW STORE

Prints the CLI's own output, then `PEAK_RSS_MB=<n>` on stderr; exits with the CLI's exit code. Address
space is capped at 3 GB, so a workbook that expands without bound fails here instead of taking the
machine down.
"""
from __future__ import annotations

import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

LIMIT = 3 * 1024 ** 3


def main() -> int:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
    except (ValueError, OSError):
        pass
    from atlas_data.cli import main as cli_main

    code = 1
    try:
        code = cli_main(["ingest", sys.argv[1], "--out", sys.argv[2]])
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"PEAK_RSS_MB={peak:.0f}", file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
