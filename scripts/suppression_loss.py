"""How many people workshop-mode suppression hides, per slide: the share of people whose own count a
slide does not show (``atlas_data.reports.suppression.information_lost``), on the built-in data.

    .venv/bin/python scripts/suppression_loss.py            # k = 3, 5 and 11 (the thresholds agencies use)
    .venv/bin/python scripts/suppression_loss.py 5          # one threshold

`data/raw` is ingested into a temporary store (nothing under `.atlas/` or `data/` is touched). The README's
"Small-cell suppression" table comes from this script.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    thresholds = [int(a) for a in argv] or [3, 5, 11]
    with tempfile.TemporaryDirectory(prefix="atlas-loss-") as work:
        os.environ["ATLAS_SECRET_FILE"] = str(Path(work) / "pseudonym.key")
        import pandas as pd

        import atlas_data
        from atlas_data.reports import workshop

        atlas_data.ingest(ROOT / "data" / "raw", Path(work) / "parquet")
        con = atlas_data.connect(Path(work) / "parquet")
        print("| k | country | slide | protection | people hidden |")
        print("|---|---|---|---|---|")
        for k in thresholds:
            for row in workshop.hidden_shares(con, k=k).itertuples():
                share = "–" if pd.isna(row.hidden_share) else f"{100 * row.hidden_share:.1f} %"
                method = "–" if pd.isna(row.method) else row.method
                print(f"| {k} | {row.country} | {row.slide} | {method} | {share} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
