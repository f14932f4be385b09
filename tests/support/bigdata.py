"""Large synthetic raw files, fast to write: an attendance CSV of N rows that takes the ingest 1–2 s."""
from __future__ import annotations

import random
from pathlib import Path

HEADER = "country,dmop,activity,session_date,participant_name,institution,gender,attended\n"
COUNTRIES = ("Paraguay", "Thailand", "Liberia")


def write_attendance_csv(path: Path, rows: int, seed: int) -> Path:
    """`rows` attendance rows; `seed` changes people, activities and dates, so two seeds give two stores."""
    rng = random.Random(seed)
    people = [f"Persona {seed}-{k}" for k in range(max(1, rows // 8))]
    activities = [f"Taller {seed}-{k}" for k in range(40)]
    institutions = [f"Institución {k}" for k in range(25)]
    dates = [f"{d:02d}/{m:02d}/2023" for m in range(1, 13) for d in (3, 11, 19, 27)]
    lines = [HEADER]
    for i in range(rows):
        lines.append(f"{COUNTRIES[i % 3]},DMOP {i % 6},{activities[i % 40]},{rng.choice(dates)},"
                     f"{rng.choice(people)},{rng.choice(institutions)},{'FM'[i % 2]},{'Sí' if i % 9 else 'No'}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path
