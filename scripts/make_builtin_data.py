"""Write the built-in ATLAS dataset under ``data/raw/``: the files `make run` opens on.

Usage::

    .venv/bin/python scripts/make_builtin_data.py            # writes data/raw/
    .venv/bin/python scripts/make_builtin_data.py --out DIR  # writes DIR/ (the test compares the two)

The writing is in ``scripts/builtin/``: ``writers`` (rows, xlsx, CSV, ODS), ``people`` (invented
names), ``paraguay``, ``thailand`` and ``project`` (the files of both countries and the expansion),
``translations`` (the draft translations of the data texts).

The files are what an M&E officer in each country would keep: Excel workbooks with title rows,
label cells (``País:``), section rows and totals rows, a ``;``-delimited Windows-1252 CSV, a UTF-8
CSV with BOM, an ODS file, a wide attendance roster with one column per session date, and the
block layout of the evaluators' KII tabulation. They are read by the ordinary ingest
(``atlas_data.ingest``), like any user's files; nothing here is special-cased.

Provenance
----------
Sources (``../shared/seeds``):

* MTE  = ATLAS Interim (Midterm) Evaluation, Winrock International, February 2022
  (000_c92239ac672db5b5.txt): section 5 Paraguay, section 6 Thailand.
* H1   = ATLAS Progress Report Highlights, Jan 2019 - Jun 2020 (003_4cde0ccee425a6f1.txt).
* HQ3  = ATLAS Progress Highlights, Q3 2020 (004_d34d92eb915c2707.txt).

REPORT FIGURES (copied from the documents; names of DMOPs, institutions, dates, counts and the
evaluators' observations are verbatim; no respondent's personal name is copied):

* paraguay/Estado DMOP Paraguay 2021.xlsx          MTE 5.2 DMOP status table (6 DMOPs), HQ3 (five
                                                   DMOPs validated in Q3 2020, as history)
* paraguay/Hitos DMOP Paraguay 2019-2021.xlsx      MTE 5.4.1 dated steps (BOK, PSA, validation
                                                   meetings, ETP pilot and evaluation, Living Lab,
                                                   Inter-Platform, Community Referrals)
* paraguay/Eventos ATLAS Paraguay 2019-2021.csv    MTE 5.4.1 head counts (PSA validation workshop
                                                   Nov 2019: 26 from 13 institutions; Living Lab
                                                   28 Jul 2021: 18; 2 Sep 2021: 14). ``;`` + cp1252
* paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx
                                                   MTE 5.4.2 key-informant profile table (rows add
                                                   up to 35; the totals row gives the text's 36),
                                                   MTE 5.5.1 / 5.5.4 Yes-No-Partially tables in the
                                                   report's block layout, MTE 5.5.3 ETP assessment
                                                   matrix (counts comments), MTE 5.4.2 text: 4 staff,
                                                   10 decision-makers, 22 participants
* thailand/Thailand DMOP status MTE 2021.xlsx      MTE 6.4.1 DMOP table (5 DMOPs; the report gives
                                                   no date, so ``as_of`` is left blank)
* thailand/Thailand DMOP milestones 2019-2021.xlsx MTE 6.4.1 dated steps (PSA, 22 Sep 2020 workshop,
                                                   pilots, refinement, implementation)
* thailand/Thailand ATLAS workshops and trainings 2020-2021.xlsx
                                                   MTE 6.4.1 / 6.3.1 head counts: 22 Sep 2020 (36,
                                                   with the per-agency counts that add to 37),
                                                   15-16 Dec 2020 (42), 24-26 Mar 2021 (55),
                                                   15-16 Jun 2021 (46), 18 Oct 2021 (5 = 3 + 2)
* thailand/Thailand KII tabulation.xlsx            MTE 6.3.1 profile table (39), gender (12 male,
                                                   27 female) and type of the 39 key informants,
                                                   workshop attendance of key informants (33),
                                                   MTE 6.5 counts given in the prose
* ATLAS DMOP names and aliases.csv                 ``dmops`` sheet: spellings used by MTE / HQ3
                                                   (UTF-8 with BOM)
* ATLAS data texts translations (DRAFT).csv        ``translations`` sheet: the data texts above
                                                   (DMOP, activity, institution and organisation
                                                   names, KII questions and answers, stakeholder
                                                   types, indicator names) in es / en / th. DRAFT
                                                   translations for the ATLAS team to review
                                                   (scripts/builtin/translations.py; UTF-8 with BOM)
* ATLAS expansion Liberia Argentina Bolivia.xlsx   HQ3 (letters of support; outcomes), MTE 3.3 / 7

ILLUSTRATIVE ROWS (generated here with ``random.Random(2022)``; invented names; every file says so
in its first row and in its file name; totals match the report where the report gives one):

* paraguay/Asistencia ToT Policía 2021 (ILUSTRATIVO).xlsx
                                                   wide roster, sessions 10 Apr, 12 May, 31 May and
                                                   9 Jun 2021 (MTE 5.4.1); 20 started, 12 finished
                                                   (MTE 5.5.2). Names, units, gender, which sessions
                                                   each person missed: illustrative
* paraguay/Pruebas ToT Policía 2021 (ILUSTRATIVO).xlsx
                                                   pre-test for the 20, post-test for the 12
                                                   (scores illustrative: the report has none)
* thailand/Thailand ETP pilot tests Dec 2020 (ILLUSTRATIVE).xlsx
                                                   pre / post / 3-month follow-up for the 42 of the
                                                   ETP pilot (MTE 6.4.1 says the tests and the
                                                   follow-up were done; scores illustrative)
* thailand/Thailand MDT pilot tests Jun 2021 (ILLUSTRATIVE).xlsx
                                                   pre / post with item columns Q1-Q10 for the 46
                                                   of the MDT pilot
* ATLAS key indicator targets 2020-2022 (ILLUSTRATIVE).ods
                                                   KI-1..KI-3 per country and year. The report has
                                                   no targets; these only echo the plan of 30-40
                                                   per training and 120 a year in 4 sessions

Where the report contradicts itself the files keep what its table says and let the ingest warn:
the 22 Sep 2020 consultation (36 officials; per-agency counts add up to 37) and the Paraguay key
informants (table 35; text thirty-six). See docs/builtin_data.md for the file-by-file list.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # `builtin` beside this script, whether run or loaded by the test
    sys.path.insert(0, HERE)

from builtin import paraguay, project, thailand, translations  # noqa: E402
from builtin.people import People  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "raw"
SEED = 2022


def build(out: Path) -> list[Path]:
    """Write every built-in file under ``out`` (overwriting the files of the same name)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    people = People(rng)

    paraguay.paraguay_status(out)
    paraguay.paraguay_milestones(out)
    paraguay.paraguay_events(out)
    paraguay.paraguay_kii(out)
    thailand.thailand_status(out)
    thailand.thailand_milestones(out)
    thailand.thailand_events(out)
    thailand.thailand_kii(out)
    project.dmop_aliases(out)
    translations.data_translations(out)
    project.expansion(out)
    paraguay.police_tot(out, rng, people)
    thailand.thailand_tests(out, rng, people)
    project.targets(out)
    return sorted(p for p in out.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (default: data/raw)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path.relative_to(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
