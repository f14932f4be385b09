"""Paraguay: the report's figures (MTE section 5) and the illustrative police ToT roster and tests."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from builtin.people import People, clamp, genders, spread
from builtin.writers import (BLANK, ILUSTRATIVO, MTE, Book, Merge, data, header, label, note, section, title, total,
                             write_csv)

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
