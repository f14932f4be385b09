"""The language catalogs: one English text has one translation, whichever catalog file holds it."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

LOCALES = Path(__file__).resolve().parents[1] / "atlas_data" / "locales"


def test_a_text_translated_in_two_catalog_files_reads_the_same_in_both():
    for folder in LOCALES.iterdir():
        seen: dict[str, dict[str, str]] = defaultdict(dict)
        for path in sorted(folder.glob("*.json")):
            for english, translated in json.loads(path.read_text(encoding="utf-8")).items():
                seen[english][path.name] = translated
        clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
        assert not clashes, (folder.name, clashes)
        assert len(seen) > 300  # the catalogs are there, not an empty folder
