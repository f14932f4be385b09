"""Write the built-in ATLAS dataset under ``data/raw/``: the files `make run` opens on.

Usage::

    .venv/bin/python scripts/make_builtin_data.py            # writes data/raw/
    .venv/bin/python scripts/make_builtin_data.py --out DIR  # writes DIR/ (the test compares the two)

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
import csv
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "raw"
SEED = 2022
CREATED = datetime(2022, 2, 1)  # fixed workbook properties: same bytes on every run

MTE = "ATLAS Interim (Midterm) Evaluation, Winrock International, February 2022"
ILLUSTRATIVE = ("ILLUSTRATIVE DATA — generated by scripts/make_builtin_data.py; "
                "totals match the MTE report")
ILUSTRATIVO = ("DATOS ILUSTRATIVOS — generados por scripts/make_builtin_data.py; "
               "los totales coinciden con el informe MTE")
ALL_DMOPS = "All DMOPs"  # events and meetings of the whole DMOP process, not of one DMOP


# ----------------------------------------------------------------------------------------------
# Writing helpers
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    kind: str  # title, note, label, header, section, data, total, blank
    cells: tuple


def title(text: str) -> Row:
    return Row("title", (text,))


def note(text: str) -> Row:
    return Row("note", (text,))


def label(name: str, value) -> Row:
    return Row("label", (name, value))


def header(*cells) -> Row:
    return Row("header", tuple(cells))


def section(text: str) -> Row:
    return Row("section", (text,))


def data(*cells) -> Row:
    return Row("data", tuple(cells))


def total(*cells) -> Row:
    return Row("total", tuple(cells))


BLANK = Row("blank", ())


@dataclass(frozen=True)
class Merge:
    """A group label merged over ``rows`` rows downwards (the rows below leave the cell None)."""
    value: str
    rows: int


class Book:
    """An xlsx workbook with the formats an M&E officer would use, and fixed properties."""

    def __init__(self, path: Path, title_text: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.wb = xlsxwriter.Workbook(str(path))
        self.wb.set_properties({
            "title": title_text,
            "author": "ATLAS M&E",
            "company": "ATLAS project",
            "comments": "Built-in ATLAS dataset, written by scripts/make_builtin_data.py",
            "created": CREATED,
        })
        add = self.wb.add_format
        self.fmt = {
            "title": add({"bold": True, "font_size": 12}),
            "note": add({"italic": True, "font_color": "#595959"}),
            "label": add({"bold": True}),
            "header": add({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                           "valign": "top"}),
            "header_date": add({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                                "num_format": "dd/mm/yyyy"}),
            "section": add({"bold": True, "italic": True, "bg_color": "#F2F2F2"}),
            "data": add({"text_wrap": True, "valign": "top"}),
            "date": add({"num_format": "dd/mm/yyyy", "valign": "top", "align": "left"}),
            "total": add({"bold": True, "top": 1}),
            "merge": add({"valign": "top", "text_wrap": True, "border": 0}),
        }

    def sheet(self, name: str, rows: list[Row], widths: list[float] | None = None) -> None:
        ws = self.wb.add_worksheet(name)
        for col, width in enumerate(widths or []):
            ws.set_column(col, col, width)
        for r, row in enumerate(rows):
            fmt = self.fmt.get(row.kind, self.fmt["data"])
            for c, value in enumerate(row.cells):
                self._write(ws, r, c, value, row.kind, fmt)

    def _write(self, ws, r: int, c: int, value, kind: str, fmt) -> None:
        if value is None:
            return
        if isinstance(value, Merge):
            if value.rows > 1:
                ws.merge_range(r, c, r + value.rows - 1, c, value.value, self.fmt["merge"])
            else:
                ws.write_string(r, c, value.value, fmt)
            return
        if isinstance(value, (date, datetime)):
            dt = datetime(value.year, value.month, value.day)
            ws.write_datetime(r, c, dt, self.fmt["header_date"] if kind == "header" else self.fmt["date"])
        elif isinstance(value, bool):
            ws.write_string(r, c, "Yes" if value else "No", fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        else:
            ws.write_string(r, c, str(value), fmt)

    def close(self) -> None:
        self.wb.close()


def write_csv(path: Path, rows: list[list], *, delimiter: str, encoding: str) -> None:
    """A CSV as Excel saves it: CRLF lines, every line padded to the table's width."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width = max(len(r) for r in rows)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for r in rows:
        writer.writerow(["" if v is None else v for v in r] + [""] * (width - len(r)))
    path.write_bytes(buf.getvalue().encode(encoding))


def write_ods(path: Path, sheets: dict[str, list[list]]) -> None:
    """An .ods through pandas + odfpy, re-zipped with fixed timestamps so the bytes are stable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.ods")
    with pd.ExcelWriter(tmp, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max(len(r) for r in rows)
            frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w") as dst:
        order = src.namelist()
        names = sorted(order, key=lambda n: (n != "mimetype", order.index(n)))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    tmp.unlink()


# ----------------------------------------------------------------------------------------------
# Invented names for illustrative rows (none of them is a name printed in the documents)
# ----------------------------------------------------------------------------------------------

PY_FIRST = {
    "F": ["Lorena", "Patricia", "Gabriela", "Noelia", "Rocío", "Liz", "Fátima", "Mirna", "Celeste",
          "Romina", "Analía", "Belén", "Mónica", "Natalia", "Sonia", "Graciela"],
    "M": ["Hugo", "Derlis", "Osvaldo", "Néstor", "Rubén", "Fernando", "Cristian", "Gustavo", "Arnaldo",
          "Blas", "Víctor", "Marcelo", "Diego", "Aníbal", "Édgar", "Richard"],
}
PY_LAST = ["Benítez", "Giménez", "Villalba", "Cáceres", "Duarte", "Acosta", "Ayala", "Bogado",
           "Insfrán", "Zaracho", "Florentín", "Ortiz", "Núñez", "Ferreira", "Rolón", "Galeano",
           "Escobar", "Vera", "Cabrera", "Paredes", "Brítez", "Aquino", "Riquelme", "Candia"]
TH_FIRST = {
    "F": ["Siriporn", "Kanya", "Wanida", "Pornthip", "Jintana", "Nattaya", "Ratana", "Sunisa",
          "Chutima", "Kulap", "Pimchanok", "Waraporn", "Arunee", "Duangjai", "Malee", "Supaporn",
          "Orathai", "Benjawan"],
    "M": ["Somchai", "Prasert", "Anucha", "Kittisak", "Thawatchai", "Surachai", "Wichai", "Narong",
          "Pongsak", "Chaiwat", "Teerawat", "Sakda", "Boonchai", "Phichit", "Worawut", "Yutthana"],
}
TH_LAST = ["Srisuk", "Thongdee", "Kaewmanee", "Phromma", "Saengthong", "Boonmee", "Chaiyaporn",
           "Rattanakul", "Wongsuwan", "Intharasuk", "Khamphiphat", "Suksawat", "Noiwan", "Panyadee",
           "Siriwat", "Thammarat", "Kongkaew", "Meesuk", "Phonphai", "Sombat", "Ruangrit", "Pakdee"]


class People:
    """Unique invented names, drawn from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def paraguayan(self, gender: str) -> str:
        while True:
            name = (f"{self.rng.choice(PY_FIRST[gender])} {self.rng.choice(PY_LAST)} "
                    f"{self.rng.choice(PY_LAST)}")
            if name not in self.used and name.split()[1] != name.split()[2]:
                self.used.add(name)
                return name

    def thai(self, gender: str) -> str:
        while True:
            name = f"{self.rng.choice(TH_FIRST[gender])} {self.rng.choice(TH_LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name


def genders(rng: random.Random, n: int, n_female: int) -> list[str]:
    g = ["F"] * n_female + ["M"] * (n - n_female)
    rng.shuffle(g)
    return g


def spread(counts: dict[str, int]) -> list[str]:
    return [name for name, n in counts.items() for _ in range(n)]


def clamp(x: float, lo: int, hi: int) -> int:
    return int(max(lo, min(hi, round(x))))


# ----------------------------------------------------------------------------------------------
# Paraguay — report figures
# ----------------------------------------------------------------------------------------------

PY_DMOPS_MTE = [  # MTE 5.2, table "DMOP | Status"
    ("DMOPs - Enforcement", [
        ("Enforcement Training Program",
         "Step 7/8 - They have evaluated the training and refined the training program, presented the "
         "refined program to stakeholders and are implementing new methodologies."),
        ("Living Lab", "Step 5/6 - The pilot phase is ending, going into evaluation and refinement"),
        ("Moot Court",
         "Step 4 - The ATLAS Project has yet to establish working groups and refine the model of practice"),
    ]),
    ("DMOPs - Coordination", [
        ("Multi-Agency Unified Enforcement Procedures",
         "Step 5 - The pilot is approaching the final stage, preparing for evaluation and then refinement"),
        ("Inter-Platforms Coordination Mechanism",
         "Step 6 - Pilot stage ended, and they are entering the evaluation stage, looking at refinement"),
        ("Community Referrals",
         "Step 5 – Pilot stage, with important communication material that needs to be tested."),
    ]),
]

PY_DMOPS_Q3_2020 = [  # HQ3: the five DMOPs all eight agencies validated (names as HQ3 spells them)
    "Enforcement Training Program", "Enforcement Living Labs", "Multi-Agency Unified Enforcement Procedures",
    "Inter-Platforms Coordination Mechanism", "Community Referrals",
]


def paraguay_status(out: Path) -> None:
    book = Book(out / "paraguay" / "Estado DMOP Paraguay 2021.xlsx", "Estado de los DMOP - Paraguay")
    rows = [
        title("ATLAS Paraguay — Estado de los DMOP (Modelos Diferenciados de Práctica)"),
        note(f"Fuente: {MTE}, sección 5.2 (tabla DMOP / Status). Texto del estado tal como lo da el informe."),
        note("El informe no fecha la tabla; trabajo de campo 24/09/2021 – 15/10/2021 "
             "(el ETP llegó al paso 7 en el último trimestre de 2021)."),
        BLANK,
        label("País:", "Paraguay"),
        label("Fecha de corte:", "octubre 2021"),
        BLANK,
        header("DMOP", "Estado"),
    ]
    for sec, dmops in PY_DMOPS_MTE:
        rows.append(section(sec))
        rows += [data(name, status) for name, status in dmops]
    book.sheet("Estado MTE 2021", rows, [46, 120])

    rows = [
        title("ATLAS Paraguay — DMOP validados por las ocho instituciones (tercer trimestre 2020)"),
        note("Fuente: ATLAS Progress Highlights Q3 2020 — 'All eight agencies provided their validation and "
             "support of the DMOPs'. Nombres tal como los escribe ese documento (cinco DMOP; sin Moot Court)."),
        BLANK,
        label("País:", "Paraguay"),
        label("Fecha de corte:", "septiembre 2020"),
        BLANK,
        header("DMOP", "Estado"),
    ]
    rows += [data(name, "Step 3 - Validated by all eight government stakeholders in individual meetings "
                        "(in-person or virtual) held with POA during the quarter")
             for name in PY_DMOPS_Q3_2020]
    book.sheet("Validación Q3 2020", rows, [46, 120])
    book.close()


PY_VALIDATION_MEETINGS = [  # MTE 5.4.1, step 3
    ("Ministry for Children and Adolescents", date(2020, 6, 10)),
    ("Public Ministry", date(2020, 6, 15)),
    ("Ministry of Labor, Employment and Social Security", date(2020, 6, 29)),
    ("Ministry of Public Defense", date(2020, 7, 21)),
    ("Supreme Court of Justice", date(2020, 7, 24)),
    ("Ministry for Women (MM)", date(2020, 8, 10)),
    ("National Police", date(2020, 8, 24)),
    ("Ministry of Foreign Affairs (MRREE)", date(2020, 9, 7)),
]


def paraguay_milestones(out: Path) -> None:
    meetings = "; ".join(f"{who} – {d:%d/%m/%Y}" for who, d in PY_VALIDATION_MEETINGS)
    shared = [
        (1, None, "abril 2020", "Body of Knowledge formally issued in April 2020 (MTE 5.4.1)"),
        (2, None, "marzo 2020",
         "PSA: scope of work sent to USDOL Aug 2019; preliminary results validated with 26 participants "
         "from 13 institutions in Nov 2019; draft sent to USDOL 13/12/2019; final version approved "
         "March/April 2020 (MTE 5.4.1)"),
        (3, None, date(2020, 9, 7),
         "Validation of the DMOP action plans in eight individual virtual sessions: " + meetings
         + ". No validation meeting with MDS; agreement signed with the Minister in February 2021 "
         "(MTE 5.4.1)"),
    ]
    own = {
        "Enforcement Training Program": [
            (4, None, "octubre 2020",
             "Training materials developed, experts and instructors defined; last version of the ETP "
             "training manual issued in October 2020"),
            (5, None, date(2020, 11, 4),
             "Pilot: General Symposium (4 and 6 Nov 2020), Social Protection Symposium (20 and 25 Nov "
             "2020), Enforcement Symposium; ToT for labor inspectors and MP (11 Dec 2020); ToT for police "
             "(10 Apr, 12 May, 31 May, 9 Jun 2021); ToT for labor inspectors (Feb and Mar 2021)"),
            (6, None, date(2021, 7, 16),
             "Evaluation: MTESS 16 Jul 2021, PN 16 Jul 2021, CSJ 23 Jul 2021; joint evaluation meeting "
             "with MINNA, MDS, MEC and MRREE 29 Jul 2021"),
            (7, None, "octubre 2021", "Step 7 reached by the last quarter of 2021 (MTE 5.5.3)"),
        ],
        "Living Lab": [
            (5, None, "mayo 2021",
             "Survey of CSJ, MDP, MTESS and MP on compensation to victims: 42 interviews in May and June "
             "2021; working group meetings 28 Jul 2021 (18 officials) and 2 Sep 2021 (14)"),
        ],
        "Inter-Platforms Coordination Mechanism": [
            (5, None, "febrero 2021",
             "Virtual meeting with CONAETI, CONTRAFOR and the HT Roundtable (Feb 2021); consultancy for "
             "the 'Analysis of Public Policies' paper recruited March 2021; results presented July 2021; "
             "final version presented September 2021"),
        ],
        "Community Referrals": [
            (5, None, "febrero 2021",
             "Three meetings in Feb 2021 to define next steps; table of outreach commitments of each "
             "national stakeholder completed"),
        ],
        "Multi-Agency Unified Enforcement Procedures": [],
        "Moot Court": [],
    }
    rows = [
        title("ATLAS Paraguay — Hitos de los DMOP por paso (fechas que da el informe MTE)"),
        note(f"Fuente: {MTE}, sección 5.4.1 'Overview of the DMOP implementation process in Paraguay'. "
             "Los pasos 1 a 3 son comunes a todos los DMOP; Moot Court no figura en la validación de 2020."),
        BLANK,
        label("País:", "Paraguay"),
        BLANK,
        header("Modelo", "Paso", "Fecha prevista", "Fecha real", "Hito"),
    ]
    for dmop, steps in own.items():
        common = shared if dmop != "Moot Court" else shared[:2]
        group = common + steps
        for i, (step, planned, actual, text) in enumerate(group):
            rows.append(data(Merge(dmop, len(group)) if i == 0 else None, step, planned, actual, text))
    book = Book(out / "paraguay" / "Hitos DMOP Paraguay 2019-2021.xlsx", "Hitos DMOP - Paraguay")
    book.sheet("Hitos", rows, [34, 7, 14, 14, 110])
    book.close()


def paraguay_events(out: Path) -> None:
    rows = [
        ["ATLAS Paraguay — Registro de eventos con cantidad de participantes (sin lista nominal)"],
        [f"Fuente: {MTE}, sección 5.4.1. Cifras del informe."],
        [],
        ["País", "Modelo", "Actividad", "Fecha de inicio", "Fecha de fin", "Modalidad", "Participantes",
         "Nº de instituciones", "Observaciones"],
        ["Paraguay", "Todos los DMOP",
         "Taller de validación de los resultados preliminares del Análisis Pre-Situacional (PSA)",
         "noviembre 2019", "", "", 26, 13, "26 participantes de 13 instituciones"],
        ["", "Living Lab", "Primera reunión del grupo de trabajo del Living Lab (indemnización a víctimas)",
         "28/07/2021", "", "presencial", 18, 4,
         "Funcionarios de la CSJ, MDP, MP y MTESS designados formalmente por sus instituciones"],
        ["", "Living Lab",
         "Segunda reunión del grupo de trabajo del Living Lab: resultados de la encuesta y presentación "
         "introductoria sobre daño", "02/09/2021", "", "virtual", 14, "", "Funcionarios del grupo de trabajo"],
    ]
    write_csv(out / "paraguay" / "Eventos ATLAS Paraguay 2019-2021.csv", rows, delimiter=";",
              encoding="cp1252")


PY_PROFILE_GOV = [  # MTE 5.4.2, "Profiles of Key Informants by Their Workplaces"
    ("Court of Appeals for Children and Adolescents", "Supreme Court of Justice", 2),
    ("Jurisdictional Unit", "Supreme Court of Justice", 3),
    ("Human Rights' Directorate", "Supreme Court of Justice", 2),
    ("International Center for Judicial Studies", "Supreme Court of Justice", 1),
    ("Deputy Prosecutors' Offices Prosecution Areas", "Public Ministry", 2),
    ("Specialized Unit Against Human Trafficking", "Public Ministry", 1),
    ("General Protection of Children and Adolescents (DGPNA)", "Ministry of Labor, Employment and Social Security", 1),
    ("Directorate of International Norms", "Ministry of Labor, Employment and Social Security", 1),
    ("Regional Directorate of Labor", "Ministry of Labor, Employment and Social Security", 2),
    ("General Directorate of Inspection and Control", "Ministry of Labor, Employment and Social Security", 2),
    ("Higher Institute Training Center (ISEPOL)", "National Police", 2),
    # the report's table breaks the page here and repeats its header
    ("Investigation Department against Human Trafficking", "National Police", 1),
    ("Department for Labor Matters", "Ministry of Public Defense", 1),
    ("Department for Civil, Children and Adolescents Matters", "Ministry of Public Defense", 3),
    ("Ministerial Cabinet", "Ministry of Public Defense", 1),
    ("Education and Training Department", "Ministry for Social Development", 1),
    ("Department of Human Trafficking Prevention Policies", "Ministry for Women", 2),
    ("Departmental Government of Boquerón", "Provincial Government", 1),
    ("Policy Directorate", "Ministry of Foreign Affairs", 1),
]
PY_PROFILE_ATLAS = [
    ("Partners of the Americas", "NGO", 3, "project staff"),
    ("Winrock International", "NGO", 1, "project staff"),
    ("Dequeni", "Civil Society Organization", 1, None),
]

PY_KII_BLOCKS = [  # MTE 5.5.1 and 5.5.4, printed as: question / answer labels / counts
    ("Are you familiar with the ATLAS Project?", ("Yes", "No", "Partially"), (27, 0, 1)),
    ("Does the interviewee mention the objectives when invited to so?", ("Yes", "No", "Partially"), (1, 18, 9)),
    ("Have you participated in one of the Project activities?", ("Yes", "No", "Observation:"), (28, 0, None)),
    ("Does the interviewee correctly identify the activity?", ("Yes", "No", "Partially"), (5, 4, 19)),
    ("Do you recall the presentation of the PSA at the start of the project?", ("Yes", "No", "Partially"), (6, 22, 0)),
    ("Do you recall having referred to the Body of Knowledge?", ("Yes", "No", "Partially"), (2, 22, 4)),
    ("Are the project objectives well aligned with government priorities", ("Yes", "No", "Partially"), (23, 0, 2)),
]

PY_ETP_MATRIX = [  # MTE 5.5.3: number of comments per aspect of the ETP
    ("Organization", 9, None, None, None),
    ("Contents", 11, None, 1,
     "Some interviewees would have liked more on the issue of the criminal offenses involved in cases of "
     "CL, FL and HT."),
    ("Instructors", 8, None, None, None),
    ("Methodologies", 5, None, 2, "The negative comments were mostly related to the pros and cons of online platforms."),
    ("Participation", 6, None, 3,
     '<ul style="list-style-type: none"> <li>• Alumni complained about lack of commitment of their peers.</li> '
     "<li>• Others suggested that there should be more follow up activity with on-the-job training</li> "
     "<li>• Some interviewees wished there had been more debate about the issues</li> "
     "<li>• Would like to have seen more participation from the Education sector and Foreign Affairs.</li> </ul>"),
    ("Scheduling", 1, 1, 1, None),
]


def paraguay_kii(out: Path) -> None:
    book = Book(out / "paraguay" / "Tabulación entrevistas MTE Paraguay 2021.xlsx",
                "Tabulación de entrevistas a informantes clave - MTE Paraguay")

    # Key-informant profile: Spanish headers, section rows, a page break that repeats the header,
    # the table's own total (35) and the text's figure (thirty-six) as a second totals row.
    head = header("Dependencia", "Ministerio/Organización", "# de entrevistados", "Tipo de actor")
    rows = [
        title("Perfil de los informantes clave por lugar de trabajo"),
        note(f"Fuente: {MTE}, sección 5.4.2 (tabla 'Profiles of Key Informants by Their Workplaces')."),
        label("País:", "Paraguay"),
        BLANK,
        head,
        section("Government Stakeholders"),
    ]
    for dep, org, n in PY_PROFILE_GOV:
        rows.append(data(dep, org, n, None))
        if dep.startswith("Higher Institute"):
            rows += [BLANK, head]  # page break in the source
    rows.append(section("ATLAS Project Team and Civil Society Organizations Stakeholders"))
    rows += [data(dep, org, n, kind) for dep, org, n, kind in PY_PROFILE_ATLAS]
    # The text says thirty-six (4 project staff + 10 decision-makers + 22 participants); the table's rows
    # add up to 35 (the report's table prints 35). The totals row carries the text's figure, so the
    # ingest shows the disagreement as a warning.
    rows.append(total("Total", "36 según el texto del informe (4 + 10 + 22); la tabla del informe suma 35",
                      36, None))
    book.sheet("Perfil informantes", rows, [58, 48, 18, 16])

    # The Yes / No / Partially tables exactly as the report prints them (block layout).
    rows = [
        title("Tabulación de las respuestas de los entrevistados (MTE Paraguay, sept.–oct. 2021)"),
        BLANK,
    ]
    for question, labels, counts in PY_KII_BLOCKS:
        rows += [data(question), header(*labels), data(*counts)]
    book.sheet("Tabulación", rows, [60, 12, 14])

    # The ETP assessment matrix: it counts comments, not people.
    rows = [
        title("What is your assessment of the activities you participated in?"),
        data("ETP assessment matrix — number of comments per aspect (the evaluator's tabulation of "
             "comments, not of people)"),
        header("Aspect", "Only positive", "Only negative", "Positive and negative", "Observations"),
    ]
    rows += [data(*r) for r in PY_ETP_MATRIX]
    book.sheet("Matriz ETP (comentarios)", rows, [18, 14, 14, 20, 90])

    # The text's split of the thirty-six interviewees by type.
    q = "Key informants by stakeholder type"
    rows = [
        title("Informantes clave por tipo de actor (texto del informe, sección 5.4.2)"),
        note("The evaluators interviewed thirty-six stakeholders: four project staff (one from Winrock, three "
             "from POA), ten decision-makers and 22 additional participants. The profile table lists 35."),
        label("País:", "Paraguay"),
        BLANK,
        header("Pregunta", "Respuesta", "Cantidad", "Notas"),
        data(q, "Project staff", 4, "One from Winrock, three from POA"),
        data(q, "Decision-makers", 10, "Heads of the national institutions (directors, general directors)"),
        data(q, "Participants", 22, None),
        total("Total", None, 36, None),
    ]
    book.sheet("Tipo de actor", rows, [36, 18, 10, 60])
    book.close()


# ----------------------------------------------------------------------------------------------
# Thailand — report figures
# ----------------------------------------------------------------------------------------------

TH_DMOPS = [  # MTE 6.4.1
    ("DMOP - Enforcement", [
        ("Enforcement Training Program",
         "Step 7/8. The pilot phase of ETP completed, an assessment of the pilot conducted, assessment result "
         "presented to stakeholder for feedback and refinement of the materials, training materials refined "
         "and the ETP is at the re-implementation stage."),
        ("Practitioner’s Guide on Investigation of Forced Labor",
         "Step 4. The practitioner guide design and development completed and is ready for pilot stage of the DMOP"),
    ]),
    ("DMOP - Coordination", [
        ("Practitioner’s Guide on Coordination",
         "Step 7. The practitioner’s Guide on Coordination completed pilot phase of the DMOP process, the "
         "feedback on the DMOP collected and DMOP is at the refinement stage."),
        ("Multidisciplinary Teams Training",
         "Step 7. Multidisciplinary Teams Training completed pilot phase of the DMOP process, the feedback on "
         "the DMOP collected and DMOP is at the refinement stage."),
        ("Community Referrals",
         "Step 4. The Community Referrals DMOP is at the design and development stage. Not yet piloted."),
    ]),
]


def thailand_status(out: Path) -> None:
    rows = [
        title("ATLAS Thailand — DMOP overview: where each DMOP stands"),
        note(f"Source: {MTE}, section 6.4.1. The report gives no date ('to date'; fieldwork Sep–Oct 2021)."),
        BLANK,
    ]
    first = True
    for sec, dmops in TH_DMOPS:
        rows.append(section(sec))  # the report puts the first section row above the header
        if first:
            rows.append(header("DMOP", "Status"))
            first = False
        rows += [data(name, status) for name, status in dmops]
    book = Book(out / "thailand" / "Thailand DMOP status MTE 2021.xlsx", "ATLAS Thailand DMOP overview")
    book.sheet("DMOP status", rows, [52, 120])
    book.close()


def thailand_milestones(out: Path) -> None:
    shared = [
        (1, None, "April 2020", "Body of Knowledge formally issued April 2020 (MTE 5.4.1); finalized and "
                                "disseminated in workshops in Q3 2020 (Progress Highlights Q3 2020)"),
        (2, "January 2020", date(2020, 9, 10),
         "PSA conducted late 2019 (interviews with 25 KIs); feedback received by 20 Mar 2020; second version "
         "submitted to USDOL 6 Apr 2020; validation workshop planned for April 2020 cancelled (COVID-19); "
         "approved by USDOL 10 Sep 2020, an 8-month delay from the original project plan (planned date "
         "derived from that delay)"),
        (3, "April 2020", date(2020, 9, 22),
         "First consultation workshop planned April 2020, cancelled (COVID-19); one-on-one feedback, then "
         "'ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP', 22 Sep 2020"),
        (4, None, date(2020, 9, 22),
         "Country-level workgroup formed at the 22 Sep 2020 workshop; each agency nominated a champion"),
    ]
    own = {
        "Enforcement Training Program": [
            (5, None, date(2020, 12, 15), "ETP piloted at the 2-day Enforcement Training workshop, 15–16 Dec 2020"),
            (6, None, "January 2021", "Refined following piloting, January 2021; pre/post tests and a follow-up "
                                      "at least three months after the training"),
            (8, None, date(2021, 3, 24),
             "Refined ETP implemented: 3-day workshop 24–26 Mar 2021; 3-day MOL training 14–16 Jul 2021; online "
             "peer-to-peer workshop for judges and prosecutors 8–9 Sep 2021"),
        ],
        "Practitioner’s Guide on Investigation of Forced Labor": [],
        "Practitioner’s Guide on Coordination": [
            (4, None, "April 2021", "Beginning in April the team worked to develop the manual"),
            (5, None, "September 2021",
             "Focus group discussion with DATIP in August; final draft 'The Coordination Practice Manual for "
             "Cases of Employment of Child Labor, Forced Labor and Human Trafficking' completed in September, "
             "completing the pilot period (year from context: 2021)"),
        ],
        "Multidisciplinary Teams Training": [
            (5, None, date(2021, 6, 15), "MDT training piloted at the 2-day workshop, 15–16 Jun 2021"),
        ],
        "Community Referrals": [],
    }
    rows = [
        title("ATLAS Thailand — DMOP milestones by step (dates the MTE report gives)"),
        note(f"Source: {MTE}, section 6.4.1. Steps 1–4 were taken for all DMOPs together."),
        BLANK,
        header("DMOP", "Step", "Planned", "Actual", "Milestone"),
    ]
    for dmop, steps in own.items():
        group = shared + steps
        if dmop == "Practitioner’s Guide on Coordination":
            group = shared[:3] + steps  # its own design step (4) is dated separately
        for i, (step, planned, actual, text) in enumerate(group):
            rows.append(data(dmop if i == 0 else None, step, planned, actual, text))
    book = Book(out / "thailand" / "Thailand DMOP milestones 2019-2021.xlsx", "ATLAS Thailand DMOP milestones")
    book.sheet("Milestones", rows, [48, 7, 14, 14, 110])
    book.close()


TH_CONSULTATION_BREAKDOWN = [  # MTE 6.4.1: adds up to 37, the text says 36
    ("Ministry of Labour (MOL)", 10),
    ("Ministry of Social Development and Human Security (MSDHS)", 2),
    ("Department of Special Investigation (DSI)", 2),
    ("Anti-Money Laundering Office (AMLO)", 3),
    ("Department of Provincial Administration (DOPA), Ministry of Interior", 3),
    ("Thailand Anti-Trafficking in Persons Task Force (TATIP), Royal Thai Police", 3),
    ("Immigration Bureau (IB)", 6),
    ("Anti-Human Trafficking Division (ATHD), Royal Thai Police", 3),
    ("Office of the Attorney General (OAG)", 5),
]

TH_ACT_CONSULTATION = "ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP"
TH_ACT_ETP_PILOT = "ETP pilot: 2-day Enforcement Training workshop for frontline officers"
TH_ACT_ETP_3DAY = ("3-day capacity-building workshop for labor inspectors and investigative officers on "
                   "investigation of child labor, forced labor, and human trafficking")
TH_ACT_MDT_PILOT = ("MDT training pilot: 2-day training workshop on enhanced coordination and services for "
                    "protection of child labor, forced labor and human trafficking victims")
TH_ACT_VALIDATION = "MTE validation meeting (presentation of key evaluation findings)"


def thailand_events(out: Path) -> None:
    rows = [
        title("ATLAS Thailand — workshops and trainings: head counts"),
        note(f"Source: {MTE}, sections 6.3.1 and 6.4.1. Report figures. A row with an agency is that "
             "agency's share of the event above it."),
        BLANK,
        header("Country", "DMOP", "Activity", "Start", "End", "Modality", "Institution",
               "# of participants", "# of institutions"),
        data("Thailand", ALL_DMOPS, TH_ACT_CONSULTATION, date(2020, 9, 22), None, "in-person", None, 36, 9),
    ]
    rows += [data(None, None, None, date(2020, 9, 22), None, None, agency, n, None)
             for agency, n in TH_CONSULTATION_BREAKDOWN]
    rows += [
        data(None, "Enforcement Training Program", TH_ACT_ETP_PILOT, date(2020, 12, 15), date(2020, 12, 16),
             None, None, 42, 7),
        data(None, "Enforcement Training Program", TH_ACT_ETP_3DAY, date(2021, 3, 24), date(2021, 3, 26),
             None, None, 55, 7),
        data(None, "Multidisciplinary Teams Training", TH_ACT_MDT_PILOT, date(2021, 6, 15), date(2021, 6, 16),
             "online", None, 46, 14),
        data(None, ALL_DMOPS, TH_ACT_VALIDATION, date(2021, 10, 18), None, "online", None, 5, 2),
        data(None, None, None, date(2021, 10, 18), None, None,
             "Department of Provincial Administration (DOPA), Ministry of Interior", 3, None),
        data(None, None, None, date(2021, 10, 18), None, None,
             "Department of Labour Protection and Welfare (DLPW), Ministry of Labour", 2, None),
    ]
    book = Book(out / "thailand" / "Thailand ATLAS workshops and trainings 2020-2021.xlsx",
                "ATLAS Thailand workshops and trainings")
    book.sheet("Events", rows, [10, 30, 70, 12, 12, 11, 52, 12, 12])
    book.close()


TH_PROFILE_GOV = [  # MTE 6.3.1 (the PDF text cuts two organization names; written in full here)
    ("Department of Labour Protection and Welfare", "Ministry of Labour", 11),
    ("Department of Employment", "Ministry of Labour", 8),
    ("Immigration Bureau", "Royal Thai Police", 5),
    ("Department of Provincial Administration", "Ministry of Interior", 3),
    ("Department of Anti-Trafficking in Persons", "Ministry of Social Development and Human Security", 2),
    ("Department of Children and Youth", "Ministry of Social Development and Human Security", 1),
    ("Department of Special Investigation", "Ministry of Justice", 1),
    ("Office of the Attorney General", "Office of the Attorney General", 1),
]
TH_PROFILE_ATLAS = [
    ("Winrock International", "Winrock International", 5, "project staff"),
    ("Civil Society Organizations", "Catholic Office for Emergency Relief and Refugee and LIFT International", 2, "CSO"),
]

TH_WORKSHOPS = [  # MTE 6.3.1, "Workshop Attendance of Key Informants" (33 of the 39)
    ("The Enforcement Training Program 3-day training", "March 21, 2021", 8),
    ("The Enforcement Training Program, Ministry of Labour, 3-day training", "July 21, 2021", 7),
    ("The Enforcement Training Program 2-day training", "December 2020", 6),
    ("The Multi-Disciplinary Teams 2-day online training", "June 21, 2021", 5),
    ("The Enforcement Training Program 2-day training and the Multi-Disciplinary Teams 2-day online training",
     "December 2020 and June 2021", 3),
    ("The Enforcement Training Program 3-day training and Multi-Disciplinary Teams 2-day training",
     "March 21, 2021 (3-day Enforcement Training Program); and June 2, 2021, (2-day Multi-Disciplinary Teams "
     "training)", 2),
    ("The Enforcement Training Program 2-day training; and Enforcement Training Program, Ministry of Labour "
     "3-day training",
     "June 21, 2021, online 2-day Enforcement Training Program; and July 21, 2021, online 3-day Enforcement "
     "Training Program, Ministry of Labour", 1),
    ("The Enforcement Training Program 2-day and 3-day training",
     "December 20, 2020, 2-day Enforcement Training Program; and March 21, 202, 3-day Enforcement Training "
     "Program", 1),
]

NON_STAFF = "non-staff (government and CSO)"
TH_FINDINGS = [  # MTE 6.5: counts the report gives in its prose
    ("Knew about Winrock or the ATLAS project before taking part in the workshops", "Yes", 8, NON_STAFF, None,
     "Among the non-staff respondents, 8 reported having learned about Winrock or the ATLAS project through "
     "various channels before taking part in the workshops (6.5.1)"),
    ("Familiar with the project's goals and/or objectives", "Yes", 27, "all respondents", None,
     "The majority of respondents (27) claimed at least some degree of familiarity with the project's goals "
     "and/or objectives (6.5.1)"),
    ("Familiar with the project's goals and/or objectives", "No", 9, NON_STAFF, None,
     "9 respondents among government and CSO stakeholders did not know or could not recall anything about "
     "the objectives or purpose of the ATLAS project (6.5.1)"),
    ("Involved since the design, planning and preparation of the project activities", "Yes", 2,
     "government decision-maker", None,
     "Among five government decision-makers, two reported being involved with the project since the design, "
     "planning, and preparation of the project activities (6.5.2)"),
    ("Workshops had content they did not previously know", "No", 2, "all respondents", None,
     "For all but two of the KIs, there was some content of the workshops that they did not previously know "
     "(6.5.2)"),
    ("Liked investigation and interview techniques for adults and children the most", "Yes", 11,
     "all respondents", None,
     "The most frequently cited topic liked the most, with 11 respondents referring to it (6.5.2)"),
    ("HT training documents used as reference or knowledge management resources in their organization", "Yes", 3,
     "all respondents", None, "Three KIs said the HT training documents were used as reference (6.5.2)"),
    ("Have applied the training topics in their work", "No", 4, "all respondents", None,
     "Four KIs specifically reported that they have not yet applied the topics in their work (COVID-19) (6.5.2)"),
    ("Had seen the BOK or PSA, or reviewed part of the PSA", "Yes", 3, NON_STAFF, "Effectiveness",
     "Three non-staff respondents reported that they had seen the BOK or PSA previously or reviewed a part of "
     "the PSA (6.5.3)"),
    ("BOK and PSA results were presented during a workshop they attended", "Yes", 1, NON_STAFF, "Effectiveness",
     "One further respondent, unable to explain the details of the documents (6.5.3)"),
    ("Project documents were made available for download", "Yes", 10, NON_STAFF, "Effectiveness",
     "10 non-staff respondents reported that project documents were made available for download (6.5.3)"),
    ("Project activities increased their interactions with counterparts in other offices on HT", "Yes", 6,
     "all respondents", "Effectiveness",
     "Six respondents noted that project activities were beneficial in helping to increase their interactions "
     "with the network of counterparts in other offices to address the HT issues (6.5.3)"),
    ("Project strategy, interventions and activities met the expectations of government stakeholders", "Yes", 15,
     NON_STAFF, "Relevance",
     "15 non-staff respondents indicated that the project strategy, interventions, and activities met the "
     "expectations of government stakeholders and were responsive to government needs and priorities (6.5.4)"),
    ("Learnings from the workshop can be used in their work on CL, FL and HT", "Yes", 15,
     "government stakeholder", "Relevance",
     "15 government stakeholders confirmed that the learnings they gained from the workshop could be used in "
     "their work (6.5.4)"),
    ("Project strategy and interventions allowed sufficient flexibility to respond to the local context", "Yes", 16,
     "government stakeholder", "Relevance",
     "16 government stakeholders reported that the project strategy and interventions allowed for sufficient "
     "flexibility (6.5.4)"),
    ("Agencies had already established coordination among themselves, even without the project", "Yes", 3,
     "government stakeholder", "Sustainability",
     "Three government stakeholders reported that even without this project the agencies had already "
     "established coordination among themselves (6.5.6)"),
    ("Training topics on human trafficking could be applied in foreign countries", "Yes", 13, NON_STAFF,
     "Sustainability",
     "13 government and CSO stakeholders involved in the workshops reported that the training topics on human "
     "trafficking could be applied, in whole or in part, in foreign countries (6.5.6)"),
]


def thailand_kii(out: Path) -> None:
    book = Book(out / "thailand" / "Thailand KII tabulation.xlsx", "ATLAS Thailand MTE - KII tabulation")

    rows = [
        title("Profiles of Key Informants by Their Workplaces"),
        note(f"Source: {MTE}, section 6.3.1."),
        BLANK,
        header("Department/ Agency", "Ministry/ Organization", "# of Respondents", "Type of stakeholder"),
        section("Government Stakeholders"),
    ]
    rows += [data(dep, org, n, None) for dep, org, n in TH_PROFILE_GOV]
    rows.append(section("ATLAS Project Team and Civil Society"))
    rows += [data(dep, org, n, kind) for dep, org, n, kind in TH_PROFILE_ATLAS]
    rows.append(total("Total", None, 39, None))
    book.sheet("Profiles", rows, [46, 66, 16, 18])

    rows = [
        title("Key informants by gender"),
        note("Thirty-nine KI respondents (12 males and 27 females) participated in this evaluation "
             "(MTE 6.3.1, Sampling)."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count"),
        data("Key informants by gender", "Male", 12),
        data("Key informants by gender", "Female", 27),
        total("Total", None, 39),
    ]
    book.sheet("Gender", rows, [30, 12, 10])

    q = "Key informants by stakeholder type"
    rows = [
        title("Key informants by stakeholder type"),
        note("MTE 6.3.1, Sampling: 27 general government stakeholders, 5 government decision-makers, 5 ATLAS "
             "project staff, 2 CSO staff. The Methodology paragraph and the Conclusions say 22 general "
             "government staff instead (22 + 5 + 2 + 5 = 34); the government rows of the profile table add up "
             "to 32 = 27 + 5, so 27 is kept."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Note"),
        data(q, "General government stakeholders", 27, "22 in the Methodology paragraph and the Conclusions"),
        data(q, "Government decision-makers", 5, None),
        data(q, "ATLAS project staff (HQ and Thailand office)", 5, None),
        data(q, "CSO staff", 2, None),
        total("Total", None, 39, None),
    ]
    book.sheet("Stakeholder type", rows, [36, 44, 10, 60])

    q = "Workshop attendance of key informants"
    rows = [
        title("Workshop Attendance of Key Informants"),
        note("MTE 6.3.1: among 33 KIIs (31 government stakeholders and 2 representatives from CSOs). Workshop "
             "dates as the table prints them (they differ from the dates in the prose; 'March 21, 202' sic)."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Note"),
    ]
    rows += [data(q, workshop, n, "Workshop dates: " + dates) for workshop, dates, n in TH_WORKSHOPS]
    rows.append(total("Total", None, 33, None))
    book.sheet("Workshop attendance", rows, [36, 90, 10, 90])

    rows = [
        title("KII findings given as counts in the report's prose"),
        note("MTE 6.5 (Thailand). Only the counts the report states; the complementary counts are not given "
             "and are not filled in. Respondents are the 39 key informants unless the stakeholder type says "
             "otherwise."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Type of stakeholder", "Criterion", "Note"),
    ]
    rows += [data(*r) for r in TH_FINDINGS]
    book.sheet("Findings (counts)", rows, [70, 8, 8, 28, 14, 100])
    book.close()


# ----------------------------------------------------------------------------------------------
# Both countries — report figures
# ----------------------------------------------------------------------------------------------

DMOP_ALIASES = [  # country, DMOP as the MTE status tables name it, other spellings in the documents
    ("Paraguay", "Living Lab", ["Enforcement Living Labs", "Living Labs", "Living Lab DMOP", "LL"]),
    ("Paraguay", "Inter-Platforms Coordination Mechanism", [
        "Inter-Platform Action Plan", "Inter-Platform Action Plan Coordination Mechanism",
        "Inter-Platforms Action Plan Coordination Mechanism", "Inter-Platform Coordination Mechanism",
        "Inter-Platform DMOP"]),
    ("Paraguay", "Multi-Agency Unified Enforcement Procedures", ["MAUEP", "Multi-Agency DMOP",
                                                                 "Multi-Agency coordination DMOP"]),
    ("Paraguay", "Enforcement Training Program", ["ETP", "ETP DMOP", "Programa de Capacitación para la Aplicación de la Ley"]),
    ("Paraguay", "Community Referrals", ["Community Referral", "Community Referral DMOP"]),
    ("Paraguay", ALL_DMOPS, ["Todos los DMOP"]),
    ("Thailand", "Enforcement Training Program", ["ETP", "Enforcement Training Programme"]),
    ("Thailand", "Multidisciplinary Teams Training", [
        "Multi-Disciplinary Teams Training", "Multi-Disciplinary Teams (MDT) training", "MDT training",
        "Multi-Disciplinary Team Training on Labor and Criminal Frameworks"]),
    ("Thailand", "Practitioner’s Guide on Investigation of Forced Labor", [
        "Practitioners Guide on Forced Labor", "Practitioner's Guide on Forced Labor"]),
    ("Thailand", "Practitioner’s Guide on Coordination", [
        "Practitioners Guide on Coordination",
        "The Coordination Practice Manual for Cases of Employment of Child Labor, Forced Labor and Human Trafficking"]),
]


def dmop_aliases(out: Path) -> None:
    rows = [["country", "dmop", "alias"]]
    for country, dmop, aliases in DMOP_ALIASES:
        for i, alias in enumerate(aliases):
            rows.append([country if i == 0 else "", dmop if i == 0 else "", alias])
    write_csv(out / "ATLAS DMOP names and aliases.csv", rows, delimiter=",", encoding="utf-8-sig")


def expansion(out: Path) -> None:
    """Liberia, Argentina, Bolivia: no DMOP yet, so one placeholder row per planned DMOP type and date.

    The DMOP name is written on every row: the ingest fills ``dmop`` down in other tables but not in
    ``dmop_status`` (contract.py), and a row without it would be rejected.
    """
    talks = ("Discussions underway with the government to begin work in the fourth quarter of 2020 "
             "(Progress Highlights Jan 2019–Jun 2020)")
    letter = "Letter of Support received endorsing expansion of the ATLAS program (Progress Highlights Q3 2020)"
    mte = "ATLAS is implementing the DMOP strategy; interventions not yet developed or piloted (MTE, section 3.3)"
    legis = "; the project would work to improve legislation and enforcement (Outcomes 1&2)"
    plans = [  # country, DMOP placeholder, type, [(status, as of)]
        ("Liberia", "Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined", "enforcement",
         [(talks, "June 2020"), (letter + legis, "September 2020"), (mte, "February 2022")]),
        ("Argentina", "Enforcement DMOPs (Outcome 2) — to be defined", "enforcement",
         [(talks, "June 2020"), (letter + "; the focus would be on enforcement and coordination (Outcomes 2 & 3)",
                                 "September 2020"), (mte, "February 2022")]),
        ("Argentina", "Coordination DMOPs (Outcome 3) — to be defined", "coordination",
         [(talks, "June 2020"), (letter + "; the focus would be on enforcement and coordination (Outcomes 2 & 3)",
                                 "September 2020"), (mte, "February 2022")]),
        ("Bolivia", "Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined", "enforcement",
         [(letter + "; possible expansion ('and possibly Bolivia')" + legis, "September 2020")]),
    ]
    rows = [
        title("ATLAS expansion beyond Thailand and Paraguay"),
        note("Sources: Progress Highlights Jan 2019–Jun 2020 (discussions with Liberia and Argentina); Progress "
             "Highlights Q3 2020 (letters of support from all three countries; Liberia and Bolivia: Outcomes 1 & 2, "
             "Argentina: Outcomes 2 & 3); MTE sections 3.3 and 7 (Feb 2022). No DMOP had been developed or "
             "piloted in these countries: the DMOP names below are placeholders."),
        BLANK,
        header("Country", "DMOP", "Type", "Status", "As of"),
    ]
    for country, dmop, kind, history in plans:
        for i, (status, as_of) in enumerate(history):
            rows.append(data(country if i == 0 else None, dmop, kind if i == 0 else None, status, as_of))
    book = Book(out / "ATLAS expansion Liberia Argentina Bolivia.xlsx", "ATLAS expansion")
    book.sheet("Expansion", rows, [12, 62, 12, 100, 16])
    book.close()


# ----------------------------------------------------------------------------------------------
# Illustrative rows (seeded)
# ----------------------------------------------------------------------------------------------

PY_TOT_SESSIONS = [date(2021, 4, 10), date(2021, 5, 12), date(2021, 5, 31), date(2021, 6, 9)]
PY_TOT_ACTIVITY = "ToT para la Policía Nacional (piloto ETP)"
PY_TOT_UNITS = {
    "Departamento de Investigación contra la Trata de Personas": 6,
    "Instituto Superior de Educación Policial (ISEPOL)": 4,
    "Dirección de Policía del Departamento Central": 4,
    "Dirección de Policía del Departamento de Boquerón": 3,
    "Dirección de Policía del Departamento de Alto Paraná": 3,
}


def police_tot(out: Path, rng: random.Random, people: People) -> None:
    """20 started (all attended the first session), 12 finished (3 or 4 of the 4 sessions)."""
    units = spread(PY_TOT_UNITS)
    rng.shuffle(units)
    sexes = genders(rng, 20, 7)
    # patterns of attendance over the 4 sessions
    patterns = ([(1, 1, 1, 1)] * 8 + [(1, 0, 1, 1), (1, 1, 0, 1), (1, 1, 1, 0), (1, 1, 0, 1)]  # 12 completed
                + [(1, 0, 0, 0)] * 4 + [(1, 1, 0, 0)] * 3 + [(1, 0, 1, 0)])                # 8 dropped out
    rng.shuffle(patterns)
    people_rows = []
    for i in range(20):
        people_rows.append((people.paraguayan(sexes[i]), units[i], sexes[i], patterns[i]))
    people_rows.sort(key=lambda p: p[0].split()[1:])  # alphabetical by surname, as sign-in lists are

    rows = [
        title(ILUSTRATIVO + " (20 iniciaron, 12 finalizaron — MTE 5.5.2)"),
        note("Lista de asistencia — Formación de formadores (ToT) para la Policía Nacional, "
             "Programa de Capacitación para la Aplicación de la Ley (ETP). Nombres inventados."),
        BLANK,
        label("País:", "Paraguay"),
        label("Modelo:", "Enforcement Training Program"),
        label("Actividad:", PY_TOT_ACTIVITY),
        label("Modalidad:", "virtual"),
        label("Organización:", "Policía Nacional"),
        BLANK,
        header("Nro.", "Nombre y apellido", "Dependencia", "Sexo", *PY_TOT_SESSIONS, "Firma"),
    ]
    for i, (name, unit, sex, pattern) in enumerate(people_rows, start=1):
        rows.append(data(i, name, unit, sex, *["P" if a else "A" for a in pattern], None))
    rows.append(total("Total presentes", None, None, None,
                      *[sum(p[3][s] for p in people_rows) for s in range(4)], None))
    book = Book(out / "paraguay" / "Asistencia ToT Policía 2021 (ILUSTRATIVO).xlsx",
                "Asistencia ToT Policía Nacional 2021 (ilustrativo)")
    book.sheet("Asistencia", rows, [8, 34, 52, 6, 12, 12, 12, 12, 14])
    book.close()

    # Pre-test for the 20 on the first day, post-test for the 12 who finished, scored out of 20.
    rows = [
        title(ILUSTRATIVO + " (puntajes inventados: el informe no da resultados de pruebas)"),
        note("Pruebas de entrada y salida — ToT para la Policía Nacional. Nombres inventados."),
        BLANK,
        label("País:", "Paraguay"),
        label("Modelo:", "Enforcement Training Program"),
        label("Actividad:", PY_TOT_ACTIVITY),
        BLANK,
        header("Nombre y apellido", "Dependencia", "Prueba", "Puntaje", "Fecha"),
    ]
    for name, unit, _sex, pattern in people_rows:
        pre = clamp(rng.gauss(10.5, 2.5), 3, 18)
        rows.append(data(name, unit, "Entrada", f"{pre}/20", PY_TOT_SESSIONS[0]))
        if sum(pattern) >= 3:
            post = clamp(pre + rng.gauss(4.5, 2), pre - 1, 20)
            rows.append(data(name, unit, "Salida", f"{post}/20", PY_TOT_SESSIONS[-1]))
    book = Book(out / "paraguay" / "Pruebas ToT Policía 2021 (ILUSTRATIVO).xlsx",
                "Pruebas ToT Policía Nacional 2021 (ilustrativo)")
    book.sheet("Pruebas", rows, [34, 52, 10, 10, 12])
    book.close()


TH_ETP_PILOT_AGENCIES = {  # the seven agencies MTE 6.4.1 names; the split is illustrative
    "Ministry of Labour (MOL)": 14, "Immigration Bureau (IB)": 8, "Anti-Human Trafficking Division (AHTD)": 5,
    "TATIP, Royal Thai Police": 4, "Department of Special Investigation (DSI)": 4,
    "Department of Provincial Administration (DOPA)": 4, "Anti-Money Laundering Office (AMLO)": 3,
}
TH_MDT_PILOT_ORGS = {  # the 14 organizations MTE 6.4.1 names; the split is illustrative
    "Ministry of Labour (MOL)": 8, "Immigration Bureau (IB)": 5, "Anti-Human Trafficking Division (AHTD)": 4,
    "Department of Provincial Administration (DOPA)": 4, "Division of Anti-Trafficking in Persons (DATIP)": 6,
    "Department of Children and Youth (DCY)": 4, "International Justice Mission": 2, "COERR": 2,
    "Stella Maris": 2, "Asylum Access": 2, "International Organization for Migration": 2,
    "Childline Thailand": 2, "Nightlife International": 1, "Lift International": 2,
}


def thailand_tests(out: Path, rng: random.Random, people: People) -> None:
    # ETP pilot, 42 participants: wide form, pre / post / follow-up in percent.
    agencies = spread(TH_ETP_PILOT_AGENCIES)
    sexes = genders(rng, 42, 23)
    rows = [
        title(ILLUSTRATIVE + " (42 participants, MTE 6.4.1; scores invented: the report gives none)"),
        note("ETP pilot, 15–16 Dec 2020: pre-test, post-test and follow-up at least three months after the "
             "training (MTE 6.4.1, step 6). Names invented."),
        BLANK,
        label("Country:", "Thailand"),
        label("DMOP:", "Enforcement Training Program"),
        label("Activity:", TH_ACT_ETP_PILOT),
        BLANK,
        header("No.", "Name", "Agency", "Gender", "Pre-test", "Post-test", "Follow-up"),
    ]
    for i in range(42):
        pre = clamp(rng.gauss(56, 12), 20, 95)
        post = clamp(pre + rng.gauss(17, 8), pre - 5, 100)
        follow = clamp(post - abs(rng.gauss(4, 5)), 20, 100)
        rows.append(data(i + 1, people.thai(sexes[i]), agencies[i], sexes[i], f"{pre}%", f"{post}%", f"{follow}%"))
    book = Book(out / "thailand" / "Thailand ETP pilot tests Dec 2020 (ILLUSTRATIVE).xlsx",
                "ETP pilot tests (illustrative)")
    book.sheet("Tests", rows, [5, 26, 44, 8, 10, 10, 10])
    book.close()

    # MDT pilot, 46 participants: long form with ten items scored 1/0.
    orgs = spread(TH_MDT_PILOT_ORGS)
    sexes = genders(rng, 46, 31)
    items = [f"Q{k}" for k in range(1, 11)]
    rows = [
        title(ILLUSTRATIVE + " (46 participants, MTE 6.4.1; answers invented: the report gives none)"),
        note("MDT training pilot, 15–16 Jun 2021: pre- and post-test, ten questions scored 1 (correct) or 0. "
             "Names invented."),
        BLANK,
        label("Country:", "Thailand"),
        label("DMOP:", "Multidisciplinary Teams Training"),
        label("Activity:", TH_ACT_MDT_PILOT),
        BLANK,
        header("Name", "Agency", "Gender", "Test", "Date", "Score", "Max score", *items),
    ]
    difficulty = [rng.uniform(0.25, 0.8) for _ in items]
    for i in range(46):
        name = people.thai(sexes[i])
        ability = rng.gauss(0, 0.12)
        for test_type, test_date, gain in (("Pre-test", date(2021, 6, 15), 0.0), ("Post-test", date(2021, 6, 16), 0.2)):
            answers = [1 if rng.random() < min(0.97, max(0.03, d + ability + gain)) else 0 for d in difficulty]
            rows.append(data(name, orgs[i], sexes[i], test_type, test_date, sum(answers), 10, *answers))
    book = Book(out / "thailand" / "Thailand MDT pilot tests Jun 2021 (ILLUSTRATIVE).xlsx",
                "MDT pilot tests (illustrative)")
    book.sheet("Tests", rows, [26, 44, 8, 10, 12, 7, 9] + [5] * 10)
    book.close()


def targets(out: Path) -> None:
    """KI-1..KI-3 per country and year. Not from the report: the MTE assesses no targets."""
    basis = {
        "KI-1": "4 training sessions a year (the plan for the ETP: 4 sessions a year)",
        "KI-2": "120 people a year: 30–40 per training, 4 sessions (the plan for the ETP)",
        "KI-3": "the three coordination DMOPs of each country, validated by the end of the project",
    }
    plan = {"KI-1": {"2020": 4, "2021": 4, "2022": 4},
            "KI-2": {"2020": 120, "2021": 120, "2022": 120},
            "KI-3": {"2021": 1, "2022": 3}}
    sheets = {}
    for country in ("Paraguay", "Thailand"):
        rows = [
            [ILLUSTRATIVE.replace("; totals match the MTE report", "") + " — ILLUSTRATIVE TARGETS"],
            ["The MTE report gives no targets (it does not assess progress toward targets). These only echo "
             "the plan of 30–40 people per training and 120 a year in 4 sessions."],
            [],
            ["Indicator", "Period", "Target", "Unit", "Basis (illustrative)"],
        ]
        for ki, years in plan.items():
            for period, value in years.items():
                rows.append([ki, period, value, "#", basis[ki]])
        sheets[country] = rows
    write_ods(out / "ATLAS key indicator targets 2020-2022 (ILLUSTRATIVE).ods", sheets)


# ----------------------------------------------------------------------------------------------

def build(out: Path) -> list[Path]:
    """Write every built-in file under ``out`` (overwriting the files of the same name)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    people = People(rng)

    paraguay_status(out)
    paraguay_milestones(out)
    paraguay_events(out)
    paraguay_kii(out)
    thailand_status(out)
    thailand_milestones(out)
    thailand_events(out)
    thailand_kii(out)
    dmop_aliases(out)
    expansion(out)
    police_tot(out, rng, people)
    thailand_tests(out, rng, people)
    targets(out)
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
