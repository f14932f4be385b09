"""One test per rule of DATA_CONTRACT.md, each asserting the rows, columns and numbers that come out.

Most rules are checked against one shared corpus (one raw file per rule, ingested once for the
module); tests filter the views by `source_file`. Rules about exit codes and failures use small
corpora of their own so that one file's outcome cannot hide another's.
"""
from __future__ import annotations

import datetime as dt
import random
import stat
from pathlib import Path

import pytest

import atlas_data
from filemaker import (parquet_bytes, parquet_text, tree_hashes, write_bytes, write_csv, write_defaults,
                       write_ods, write_xls, write_xlsx)
from support.rulesql import with_participation

D = dt.date

# ---------------------------------------------------------------------------------------------- helpers

ATT_HEADER = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo"]
FORMAT_ROWS = [
    ATT_HEADER,
    ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "María Pérez", "Policía Nacional", "F"],
    ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "José Núñez", "Institución Fiscal", "M"],
    ["Paraguay", "Living Lab", "Taller ETP", "10/05/2023", "María Pérez", "Policía Nacional", "Mujer"],
]
FORMAT_FILES = ["fmt_utf8.csv", "fmt_bom.csv", "fmt_cp1252.csv", "fmt_semicolon.csv", "fmt_cp1252_semicolon.csv",
                "fmt.xlsx", "fmt.xlsm", "fmt.xls", "fmt.ods"]


def q(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def attendance_of(con, source_file, columns="country, dmop, activity, session_date, institution, gender, attended"):
    return q(con, f"SELECT {columns} FROM attendance WHERE source_file = ? "
                  "ORDER BY source_sheet, source_row, session_date, session",
             source_file)


def rejected_of(con, source_file):
    return q(con, "SELECT table_name, source_sheet, source_row, column_name, value, reason, severity, code "
                  "FROM rejected WHERE source_file = ? ORDER BY source_row, column_name", source_file)


def file_report(report, path):
    matches = [f for f in report.files if f.path == path]
    assert matches, f"{path} not in report: {[f.path for f in report.files]}"
    return matches[0]


def att_row(*cells, country="Paraguay", dmop="Living Lab", activity="Taller ETP", date="09/05/2023"):
    """An attendance row in ATT_HEADER order: name, institution, gender."""
    name, institution, gender = cells
    return [country, dmop, activity, date, name, institution, gender]


pytestmark = pytest.mark.usefixtures("secret_file")


# ---------------------------------------------------------------------------------------------- corpus

PERSONAL = ["Zacarías Ñandutí Benítez", "Zacarias Nanduti Benitez", "Ñandutí", "Benítez", "Eulogia Cáceres",
            "Cáceres", "ruth.ortiz@example.org", "ruth.ortiz", "example.org", "4.555.123", "4555123",
            "3.111.999", "3111999", "Librada Candia", "Candia Ortiz"]
NOT_STORED = ["+595 981 765 432", "981 765 432", "981765432", "AGfirma77", "JNfirma88", "XXL-talla",
              "nota-interna-77", "Firmado-QWZ", "Firmado-RTY"]


def build_main_corpus(raw: Path) -> None:
    # ---- formats: the same table in every encoding, delimiter and workbook type
    write_csv(raw / "fmt_utf8.csv", FORMAT_ROWS)
    write_csv(raw / "fmt_bom.csv", FORMAT_ROWS, encoding="utf-8-sig")
    write_csv(raw / "fmt_cp1252.csv", FORMAT_ROWS, encoding="cp1252")
    write_csv(raw / "fmt_semicolon.csv", FORMAT_ROWS, delimiter=";")
    write_csv(raw / "fmt_cp1252_semicolon.csv", FORMAT_ROWS, encoding="cp1252", delimiter=";")
    write_xlsx(raw / "fmt.xlsx", {"Asistencia": FORMAT_ROWS})
    write_xlsx(raw / "fmt.xlsm", {"Asistencia": FORMAT_ROWS})
    write_xls(raw / "fmt.xls", {"Asistencia": FORMAT_ROWS})
    write_ods(raw / "fmt.ods", {"Asistencia": FORMAT_ROWS})

    # ---- every sheet of a workbook
    write_xlsx(raw / "three_sheets.xlsx", {
        "Mayo": [ATT_HEADER, att_row("Ana Sosa", "Inst May 1", "F"), att_row("Rosa Vera", "Inst May 2", "F")],
        "Junio": [ATT_HEADER, att_row("Juan Gill", "Inst Jun", "M", date="06/06/2023")],
        "Julio": [ATT_HEADER, att_row("Lia Roa", "Inst Jul", "F", date="04/07/2023")],
    })

    # ---- header row below title rows (header in Excel row 30) and a 2-cell note row above it
    title = [["Registro de asistencia – Proyecto ATLAS"], ["Elaborado por:", "Unidad de M&E"],
             ["Ministerio de Trabajo, Empleo y Seguridad Social"]]
    write_xlsx(raw / "title_rows.xlsx", {"Registro": title + [[]] * 26 + [
        ATT_HEADER,                                                           # Excel row 30
        att_row("Nilda Paiva", "Inst T1", "F"),                               # row 31
        att_row("Hugo Ayala", "Inst T2", "M"),                                # row 32
    ]})

    # ---- header names ignoring case, accents, spaces, punctuation, trailing ':'
    write_csv(raw / "header_variants.csv", [
        ["  PAÍS: ", "D.M.O.P.", "ACTIVIDAD", "fecha:", "NOMBRE  Y  APELLIDO", "institucion", "Sexo :"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Dora Paz", "Inst H1", "F"],
    ])

    # ---- English and Spanish aliases
    write_csv(raw / "aliases_en.csv", [
        ["Country", "Model", "Workshop", "Date", "Participant", "Agency", "Ministry", "Sex", "Role", "Modality",
         "Present", "Province", "Module"],
        ["Paraguay", "Living Lab", "ETP online", "2021-06-15", "Ana Ruiz", "Labor Inspectorate", "MTESS", "Female",
         "trainer", "virtual", "Yes", "Central", "Module 1"],
    ])
    write_csv(raw / "aliases_es.csv", [
        ["País", "Modelo", "Curso", "Fecha", "Participante", "Dependencia", "Ministerio", "Género", "Rol",
         "Modalidad", "Asistió", "Departamento", "Módulo"],
        ["Paraguay", "Living Lab", "Curso ETP", "15/06/2021", "Ana Ruiz", "Inspección", "MTESS", "Femenino",
         "facilitador", "presencial", "No", "Central", "Módulo 1"],
    ])
    write_csv(raw / "aliases_events.csv", [
        ["Country", "DMOP", "Event", "Date", "# of Participants", "Mujeres", "Hombres", "# of institutions",
         "Modalidad"],
        ["Thailand", "MDT", "Consultation workshop", "22/09/2020", "42", "25", "17", "9", "Zoom"],
    ])

    # ---- `Firma de asistencia` is not `asistencia`; unknown, phone and signature columns are not stored
    write_csv(raw / "firma.csv", [
        ATT_HEADER + ["Firma de asistencia"],
        att_row("Olga Rojas", "Inst F1", "F") + ["Firmado-QWZ"],
        att_row("Tito Mora", "Inst F2", "M") + ["Firmado-RTY"],
    ])
    write_csv(raw / "extra_columns.csv", [
        ATT_HEADER + ["Teléfono", "Firma", "Talla de camiseta", "Observaciones internas"],
        att_row("Alba Gómez", "Inst E1", "F") + ["+595 981 765 432", "AGfirma77", "XXL-talla", "nota-interna-77"],
        att_row("Juan Núñez", "Inst E2", "M") + ["981765432", "JNfirma88", "", ""],
    ])

    # ---- a file in a folder named after a table (its header alone looks like a test sheet)
    write_csv(raw / "attendance" / "roster_forced.csv", [
        ["Country", "DMOP", "Activity", "Date", "Name", "Institution", "Type"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Rosa Benítez", "Inst Forced 1", "Workshop"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Mario Duarte", "Inst Forced 2", "Workshop"],
    ])

    # ---- rows that are not data
    write_xlsx(raw / "row_rules.xlsx", {
        "blank": [ATT_HEADER, att_row("B One", "Inst B1", "F"), [], [None, None, "  "],
                  att_row("B Two", "Inst B2", "M"), [], []],
        "totals": [ATT_HEADER, att_row("T One", "Inst S1", "F"), att_row("T Two", "Inst S2", "M"),
                   ["Total", None, None, None, None, None, "2"],
                   att_row("T Three", "Inst S3", "F"),
                   ["TOTALES", None, None, None, None, "3"],
                   att_row("T Four", "Inst S4", "M"),
                   ["Total general", None, None, None, None, None, "4"],
                   ["Sum", None, None, None, None, "4"], ["Suma", None, None, None, "4"],
                   ["Total Paraguay", None, None, None, None, "4"], ["total", "4"]],
        "repeat": [ATT_HEADER, att_row("R One", "Inst R1", "F"), att_row("R Two", "Inst R2", "M"),
                   ATT_HEADER, att_row("R Three", "Inst R3", "F")],
    })
    resp_header = ["Department/ Agency", "Ministry/ Organization", "# of Respondents"]
    write_xlsx(raw / "footnotes.xlsx", {"Paraguay": [
        resp_header,
        ["Government Stakeholders"],
        ["Court of Appeals for Children and Adolescents", "Supreme Court of Justice", 2],
        ["1 Two respondents of this court were interviewed together, online, on the same day."],
        ["Jurisdictional Unit", "Supreme Court of Justice", 3],
        ["<sup>2</sup> Includes one respondent who later moved to another unit of the Public Ministry."],
        ["Specialized Unit Against Human Trafficking", "Public Ministry", 1],
    ]})

    # ---- cell text cleaning
    write_csv(raw / "cleaning.csv", [
        ATT_HEADER + ["Ministerio", "Región"],
        ["Paraguay", "Living Lab", "Taller<br>ETP", "09/05/2023", "Clara Ibarra", "<b>Policía   Nacional</b>", "F",
         "<ul><li>Ministerio del Interior</li><li>Ministerio Público</li></ul>", "Alto\\_Paraná"],
    ])

    # ---- label–value cells above the header
    write_xlsx(raw / "label_values.xlsx", {
        "Planilla": [["Fecha:", "09/05/2023"], ["Evento:", None, "Taller ETP"], ["País:", "Paraguay"],
                     ["Institución:", "Ministerio de Trabajo"], ["Modelo:", "Living Lab"], [],
                     ["N°", "Nombre y Apellido", "Sexo", "Cargo", "Firma"],
                     [1, "Ana Gómez", "F", "Inspectora", "AG"],
                     [2, "Luis Britez", "M", "Inspector", "LB"]],
        "Con fecha": [["País:", "Paraguay"], ["Evento:", "Taller ETP"], ["Modelo:", "Living Lab"], [],
                      ["Nombre", "Institución", "Fecha", "Sexo"],
                      ["Ana Gómez", "MTESS", "10/05/2023", "F"],
                      ["Luis Britez", "MTESS", "10/05/2023", "M"]],
    })

    # ---- NAME.defaults.csv beside the raw file
    defaults_sheet = [["Actividad", "Fecha", "Nombre", "Institución"],
                      ["Taller ETP", "09/05/2023", "Inés Florentín", "Inst D1"]]
    write_xlsx(raw / "defaults_roster.xlsx", {"Semana 1": defaults_sheet,
                                               "Semana 2": [defaults_sheet[0], ["Taller ETP", "16/05/2023",
                                                                                "Pedro Garay", "Inst D2"]]})
    write_defaults(raw / "defaults_roster.xlsx", {"country": "Bolivia", "dmop": "Living Lab"})

    # ---- gender from F / M mark columns and from Mujer / Hombre headers
    marks_header = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "F", "M"]
    write_csv(raw / "gender_marks.csv", [marks_header] + [
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", f"Persona G{i}", f"Inst G{i}", f, m]
        for i, (f, m) in enumerate([("X", ""), ("", "X"), ("✓", ""), ("", "✓"), ("1", ""), ("", "1")], start=1)])
    write_xlsx(raw / "gender_words.xlsx", {"Asistencia": [
        ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Mujer", "Hombre"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Persona W1", "Inst W1", "x", None],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Persona W2", "Inst W2", None, "X"],
    ]})

    # ---- fill-down of group cells (blank below the first row; merged cells)
    fill_header = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Ministerio"]
    write_csv(raw / "filldown.csv", [
        fill_header,
        ["Paraguay", "Living Lab", "Taller A", "01/03/2021", "Persona 1", "Inst 1", "Ministerio 1"],
        ["", "", "", "01/03/2021", "Persona 2", "Inst 2", ""],
        ["", "", "Taller B", "02/03/2021", "Persona 3", "Inst 3", "Ministerio 2"],
        ["", "", "", "02/03/2021", "Persona 4", "Inst 4", ""],
    ])
    write_xlsx(raw / "filldown_merged.xlsx", {"Asistencia": [
        fill_header,
        [None, None, None, "01/03/2021", "Persona 1", "Inst 1", None],
        [None, None, None, "01/03/2021", "Persona 2", "Inst 2", None],
        [None, None, None, "02/03/2021", "Persona 3", "Inst 3", None],
        [None, None, None, "02/03/2021", "Persona 4", "Inst 4", None],
    ]}, merges={"Asistencia": [(1, 0, 4, 0, "Paraguay"), (1, 1, 4, 1, "Living Lab"), (1, 2, 2, 2, "Taller A"),
                               (3, 2, 4, 2, "Taller B"), (1, 6, 2, 6, "Ministerio 1"),
                               (3, 6, 4, 6, "Ministerio 2")]})
    write_csv(raw / "filldown_dmop_type.csv", [
        ["País", "DMOP", "Tipo", "Estado"],
        ["Paraguay", "Fill Type A", "E", "Step 5 - Pilot"],
        ["", "Fill Type B", "", "Step 4 - Workgroups"],
        ["", "Fill Type C", "C", "Step 6 - Evaluation"],
        ["", "Fill Type D", "", "Step 2 - PSA"],
    ])

    # ---- section rows: stakeholder_group (respondents), dmop_type (dmop_status), just above the header
    write_xlsx(raw / "respondents_py.xlsx", {"Paraguay": [
        ["Profiles of Key Informants by Their Workplaces"],
        resp_header,
        ["Government Stakeholders"],
        ["Court of Appeals for Children and Adolescents", "Supreme Court of Justice", 2],
        ["Jurisdictional Unit", None, 3],
        ["Higher Institute Training Center (ISEPOL)", "National Police", 2],
        ["ATLAS Project Team and Civil Society Organizations Stakeholders"],
        ["Partners of the Americas", "NGO", 3],
        ["Dequeni", "Civil Society Organization", 1],
        ["Total", None, 11],
    ]})
    write_xlsx(raw / "respondents_th.xlsx", {"Tailandia": [
        ["Government Stakeholders"],
        resp_header,
        ["DLPW", "MOL", 11],
        ["DOE", "MOL", 8],
    ]})
    write_xlsx(raw / "dmop_sections.xlsx", {"Paraguay": [
        ["DMOP", "Status"],
        ["<i>DMOPs - Enforcement</i>"],
        ["Enforcement Training Program", "Step 7/8 - They have evaluated the training and refined the program."],
        ["Moot Court", "Step 4 - The ATLAS Project has yet to establish working groups"],
        ["<i>DMOPs - Coordination</i>"],
        ["Multi-Agency Unified Enforcement Procedures", "Step 5 - The pilot is approaching the final stage"],
    ]})

    # ---- country from the sheet name, else the file name, else rejected
    write_xlsx(raw / "sheet_country.xlsx", {"Tailandia": [
        ["Modelo", "Actividad", "Fecha", "Nombre", "Institución"],
        ["MDT", "MDT training", "15/06/2021", "Somchai K", "DLPW"]]})
    write_xlsx(raw / "Asistencia Liberia 2021.xlsx", {"Hoja1": [
        ["Modelo", "Actividad", "Fecha", "Nombre", "Institución"],
        ["Labor Inspection", "LI training", "15/06/2021", "Musu K", "Ministry of Labour"]]})
    write_csv(raw / "lista_2021.csv", [
        ["Modelo", "Actividad", "Fecha", "Nombre", "Institución"],
        ["Living Lab", "Taller ETP", "15/06/2021", "Sin País", "Inst NC"]])

    # ---- values: countries, yes/no, gender, dates, months, numbers
    countries = ["PY", "PRY", "paraguay", "Tailandia", "TH", "THA", "LR", "LBR", "AR", "ARG", "BO", "BOL"]
    write_csv(raw / "countries.csv", [["Country", "DMOP", "Activity", "Date", "Participants"]] + [
        [c, "Country DMOP", f"country-{c}", "01/02/2021", "10"] for c in countries])
    yes = ["Yes", "Y", "Sí", "Si", "S", "1", "True", "X", "✓", "P", "Present", "Presente"]
    no = ["No", "N", "0", "False", "A", "Absent", "Ausente"]
    write_csv(raw / "yes_no.csv", [ATT_HEADER + ["Sesión", "Asistió"]] + [
        att_row("Yesno Person", "Inst YN", "F") + [f"yn-{v}", v] for v in yes + no])
    genders = ["F", "Female", "Woman", "Femenino", "Mujer", "หญิง", "M", "Male", "Man", "Masculino", "Hombre", "ชาย",
               "No binario", ""]
    write_csv(raw / "genders.csv", [ATT_HEADER + ["Sesión"]] + [
        att_row("Gender Person", "Inst GV", g) + [f"g-{g or 'blank'}"] for g in genders])
    date_cells = [("iso", "2021-06-15"), ("dmy", "15/06/2021"), ("en", "June 15, 2021"),
                  ("es", "15 de junio de 2021"), ("be", "15/06/2564"), ("be-iso", "2564-06-15"),
                  ("serial", 44362), ("cell", D(2021, 6, 15)), ("dayfirst", "09/05/2023")]
    write_xlsx(raw / "dates.xlsx", {"Fechas": [["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución",
                                               "Sesión"]] + [
        ["Paraguay", "Living Lab", "Taller fechas", value, "Date Person", "Inst DT", f"d-{tag}"]
        for tag, value in date_cells]})
    write_csv(raw / "months.csv", [
        ["Country", "DMOP", "Activity", "Date", "Participants"],
        ["Paraguay", "Living Lab", "month-en", "December 2020", "30"],
        ["Paraguay", "Living Lab", "month-es", "diciembre 2020", "31"],
        ["Paraguay", "Living Lab", "month-day", "15/12/2020", "32"],
    ])
    write_csv(raw / "targets.csv", [
        ["Country", "Indicator", "Period", "Target", "Unit"],
        ["Paraguay", "KI-1", "FY2021", "12", "#"],
        ["Paraguay", "KI-2", "2021", "120,5", "#"],
        ["Paraguay", "KI-3", "FY2022", "85%", "%"],
        ["Thailand", "KI-2", "2022", "1.250", "#"],
    ])
    write_csv(raw / "indicators.csv", [
        ["Indicator", "Name", "Unit"],
        ["KI-2", "Individuals provided with training or other support", "#"],
        ["PY-1", "Protocols adopted by the Public Ministry", "#"],
    ])

    # ---- wide rosters
    dates = [D(2021, 5, 5), D(2021, 5, 12), D(2021, 5, 19), D(2021, 5, 26)]
    base = ["Paraguay", "Living Lab", "Curso wide fechas"]
    write_xlsx(raw / "wide_dates.xlsx", {"Asistencia": [
        ["País", "Modelo", "Actividad", "Nombre", "Institución", *dates],
        base + ["Wide A", "Inst WA", "X", "✓", "1", "P"],
        base + ["Wide B", "Inst WB", "X", "X", "X", None],
        base + ["Wide C", "Inst WC", "X", "X", "A", "0"],
        base + ["Wide D", "Inst WD", None, None, None, None],
    ]})
    write_csv(raw / "wide_dates_text.csv", [
        ["País", "Modelo", "Actividad", "Nombre", "Institución", "05/05/2021", "12/05/2021"],
        ["Paraguay", "Living Lab", "Curso wide texto", "Wide E", "Inst WE", "X", ""],
    ])
    write_xlsx(raw / "wide_sessions.xlsx", {"Asistencia": [
        ["Fecha:", "10/06/2021"], [],
        ["País", "Modelo", "Actividad", "Nombre", "Institución", "Sesión 1", "Sesión 2", "Sesión 3"],
        ["Paraguay", "Living Lab", "Curso sesiones", "Ses A", "Inst SA", "X", "X", "X"],
        ["Paraguay", "Living Lab", "Curso sesiones", "Ses B", "Inst SB", "X", None, None],
    ]})
    write_csv(raw / "wide_days.csv", [
        ["País", "Modelo", "Actividad", "Nombre", "Institución", "Día 1", "Día 2"],
        ["Paraguay", "Living Lab", "Curso días", "Dia A", "Inst DA", "X", ""],
        ["Paraguay", "Living Lab", "Curso días", "Dia B", "Inst DB", "X", "X"],
    ])

    # ---- tests
    tests_header = ["País", "Modelo", "Actividad", "Nombre", "Institución", "Tipo", "Puntaje"]
    tb = ["Paraguay", "Living Lab", "ETP pruebas"]
    write_csv(raw / "tests_long.csv", [tests_header] + [
        tb + ["Test Uno", "t1", "pre-test", "60"],
        tb + ["Test Uno", "t2", "post", "85%"],
        tb + ["Test Uno", "t3", "salida", "17/20"],
        tb + ["Test Uno", "t4", "seguimiento", "12,5"],
        tb + ["Test Uno", "t5", "Entrada", "8/10"],
    ])
    write_xlsx(raw / "tests_wide.xlsx", {"Pruebas": [
        ["País", "Modelo", "Actividad", "Nombre", "Institución", "Puntaje inicial", "Puntaje final"],
        tb + ["Wide Test A", "tw1", 55, 80],
        tb + ["Wide Test B", "tw2", 40, None],
    ]})
    write_csv(raw / "tests_items.csv", [tests_header + ["Q1", "Q2", "Q3"],
                                        tb + ["Item Person", "ti", "pre", "2", "1", "1", "0"],
                                        tb + ["Item Person", "ti", "post", "3", "1", "1", "1"]])
    write_xlsx(raw / "tests_bad_score.xlsx", {"Pruebas": [
        tests_header + ["Puntaje máximo"],
        tb + ["Bad Score A", "tb1", "pre", "25/20", None],     # row 2: above its maximum
        tb + ["Bad Score B", "tb2", "pre", "15/20", None],     # row 3: fine
        tb + ["Bad Score C", "tb3", "pre", "120", 100],        # row 4: above its maximum
        tb + ["Bad Score D", "tb4", "post", "90", 100],        # row 5: fine
    ]})

    # ---- KII answers and tallies
    write_xlsx(raw / "kii_answers.xlsx", {
        "Paraguay": [["Código", "Tipo de actor", "Institución", "Pregunta", "Respuesta", "Criterio", "Observación"],
                     ["WI_001", "decision-maker", "MTESS", "KQ objectives aligned", "Sí", "Relevancia", ""],
                     ["WI_002", "participant", "MTESS", "KQ objectives aligned", "Parcialmente", "Relevancia", ""],
                     ["WI_003", "participant", "Fiscalía", "KQ objectives aligned", "NS/NR", "Relevancia", ""],
                     ["WI_004", "participant", "Policía", "KQ objectives aligned", "Sí", "Relevancia", ""],
                     ["WI_001", "decision-maker", "MTESS", "KQ training assessment", "Mixto", "Eficacia", "ok"],
                     ["WI_002", "participant", "MTESS", "KQ training assessment", "Solo positivo", "Eficacia", ""],
                     ["WI_003", "participant", "Fiscalía", "KQ training assessment", "No", "Eficacia", ""]],
        "Thailand": [["Code", "Question", "Answer", "Compartible", "Comment"],
                     ["TH_001", "KQ share", "Yes", "Sí", "Useful workshops"],
                     ["TH_002", "KQ share", "No", "", "Too long online"],
                     ["TH_003", "KQ share", "Yes", "No", "Names a colleague"]],
    })
    write_csv(raw / "kii_counts_long.csv", [["Country", "Question", "Answer", "Count"],
                                            ["Paraguay", "KQ long", "Sí", "20"],
                                            ["Paraguay", "KQ long", "Parcialmente", "5"],
                                            ["Paraguay", "KQ long", "No", "3"]])
    write_csv(raw / "kii_counts_unit.csv", [["Country", "Question", "Answer", "Count", "Unit"],
                                            ["Thailand", "KQ unit", "Only positive", "7", "comments"],
                                            ["Thailand", "KQ unit", "Only negative", "2", "comments"]])
    write_xlsx(raw / "kii_wide.xlsx", {"Paraguay": [
        ["What is your assessment of the activities you participated in?"],
        [None, "Only positive", "Only negative", "Positive and negative", "Observations"],
        ["Organization", 9],
        ["Contents", 11, None, 1, "Some interviewees would have liked more on criminal offenses."],
        ["Participation", 6, None, 3, '<ul style="list-style-type: none"> <li>• Alumni complained about peers.</li> '
                                      '<li>• Others suggested more follow up</li> </ul>'],
        ["Scheduling", 1, 1, 1],
    ]})
    write_xlsx(raw / "kii_block.xlsx", {"Paraguay": [
        ["KQ block: are the project objectives aligned with your institution's priorities?"],
        ["Yes", "Partially", "No"],
        [20, 3, 2],
        [],
        ["KQ block: has the training changed the way you work?"],
        ["Sí", "No", "NS/NR"],
        [15, 8, 5],
    ]})
    write_xlsx(raw / "kii_comments.xlsx", {"Paraguay": [
        ["Comentarios de los entrevistados sobre cada aspecto del curso"],
        ["Aspecto", "Only positive", "Only negative", "Positive and negative"],
        ["KC Organization", 4, 1, 0],
        ["KC Contents", 6, 0, 2],
    ]})

    # ---- dmop_status
    write_csv(raw / "dmop_steps.csv", [
        ["Country", "DMOP", "Status"],
        ["Paraguay", "Steps A", "Step 7/8 - They have evaluated the training"],
        ["Paraguay", "Steps B", "Step 4. The ATLAS Project has yet to establish working groups"],
        ["Paraguay", "Steps C", "Paso 5 – El piloto se acerca a la etapa final"],
        ["Paraguay", "Steps D", "Paso 6 — Etapa piloto terminada"],
        ["Paraguay", "Steps E", "Step 3: Consultations held"],
        ["Paraguay", "Steps F", "Step 5/6 - The pilot phase is ending"],
    ])
    write_csv(raw / "dmop_types.csv", [
        ["Country", "DMOP", "Tipo", "Status"],
        ["Thailand", "Types A", "E", "Step 5 - Pilot"],
        ["Thailand", "Types B", "DMOP-C", "Step 5 - Pilot"],
        ["Thailand", "Types C", "Enforcement", "Step 5 - Pilot"],
        ["Thailand", "Types D", "C", "Step 5 - Pilot"],
        ["Thailand", "Types E", "DMOP-E", "Step 5 - Pilot"],
    ])
    write_csv(raw / "dmop_history.csv", [
        ["Country", "DMOP", "Status", "Fecha"],
        ["Paraguay", "History X", "Step 3 - Consultation", "15/03/2021"],
        ["Paraguay", "History X", "Step 6 - Evaluation", "10/11/2021"],
        ["Paraguay", "History X", "Step 5 - Pilot", "01/07/2021"],
        ["Paraguay", "History Y", "Step 4 - Workgroups", "01/01/2022"],
        ["Paraguay", "History Y", "Step 2 - PSA", "01/02/2021"],
    ])

    # ---- personal data
    write_xlsx(raw / "personal.xlsx", {"Asistencia": [
        ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Correo electrónico", "Cédula", "Institución"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Zacarías Ñandutí Benítez", "ruth.ortiz@example.org",
         "4.555.123", "Inst P1"],
        ["Paraguay", "Living Lab", "Taller ETP", "31/02/2023", "Eulogia Cáceres", "", "3.111.999", "Inst P2"],
    ]})
    write_csv(raw / "personal_tests.csv", [
        ["País", "Modelo", "Actividad", "Nombre", "Tipo", "Puntaje"],
        ["Paraguay", "Living Lab", "ETP pruebas", "Zacarías Ñandutí Benítez", "pre", "70"],
        ["Paraguay", "Living Lab", "ETP pruebas", "Eulogia Cáceres", "pre", "175/20"],
    ])
    write_csv(raw / "same_name_attendance.csv", [ATT_HEADER, att_row("Librada Candia Ortiz", "Inst SN", "F"),
                                                 att_row("Ramón Candia Ortiz", "Inst SN", "M")])
    write_csv(raw / "same_name_tests.csv", [
        ["País", "Modelo", "Actividad", "Nombre", "Tipo", "Puntaje"],
        ["Paraguay", "Living Lab", "Taller ETP", "Librada Candia Ortiz", "pre", "70"]])

    # ---- rejected rows and warnings
    write_xlsx(raw / "rejected_rows.xlsx", {"ToT": [
        ["Capacitación de instructores – Policía Nacional"],
        ["Registro 2021"],
        ATT_HEADER,                                                              # row 3
        att_row("Rej Uno", "Inst RJ1", "F", date="01/02/2021"),                  # row 4
        att_row("Rej Dos", "Inst RJ2", "M", date="31/02/2021"),                  # row 5: no such day
        att_row("Rej Tres", "Inst RJ3", "F", date="02/02/2021"),                 # row 6
    ]})
    agencies = [("DLPW", 11), ("DOE", 8), ("IB RTP", 5), ("DOPA", 3), ("DATIP", 2), ("DCY", 2), ("DSI", 2),
                ("OAG", 1), ("COEER", 1), ("LIFT", 1), ("Winrock", 1)]
    ev = ["Thailand", "MDT", "Consultation 22 Sep", "22/09/2020"]
    write_csv(raw / "events_parts.csv", [["Country", "DMOP", "Activity", "Date", "Institution", "Participants"],
                                         ev + ["", "36"]] + [ev + [a, str(n)] for a, n in agencies])
    write_csv(raw / "events_total.csv", [
        ["Country", "DMOP", "Activity", "Date", "Participants"],
        ["Paraguay", "Living Lab", "ETP cohort 1", "01/03/2021", "42"],
        ["Paraguay", "Living Lab", "ETP cohort 2", "01/06/2021", "46"],
        ["Paraguay", "Living Lab", "ETP cohort 3", "01/09/2021", "55"],
        ["Total", "", "", "", "140"],
    ])

    # ---- a sheet that matches nothing beside one that does
    write_xlsx(raw / "with_notes.xlsx", {
        "Asistencia": [ATT_HEADER, att_row("Nota Uno", "Inst N1", "F")],
        "Notas": [["Notas de la facilitadora"], ["La sesión empezó tarde por problemas de conexión."]],
    })


@pytest.fixture(scope="module")
def main(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("main")
    raw, out = base / "raw", base / "parquet"
    build_main_corpus(raw)
    before = tree_hashes(raw)
    report = atlas_data.ingest(raw, out)
    con = atlas_data.connect(out)
    yield {"raw": raw, "out": out, "report": report, "con": con, "hashes_before": before}
    con.close()


@pytest.fixture(scope="module")
def con(main):
    return main["con"]


# ---------------------------------------------------------------------------------------------- formats

def test_formats_csv_utf8_bom_cp1252_semicolon_xlsx_xlsm_xls_ods_give_identical_rows(con):
    expected = [
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Policía Nacional", "Female", True, 2),
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Institución Fiscal", "Male", True, 3),
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 10), "Policía Nacional", "Female", True, 4),
    ]
    keys = {}
    for name in FORMAT_FILES:
        rows = attendance_of(con, name, "country, dmop, activity, session_date, institution, gender, attended, "
                                        "source_row")
        assert rows == expected, name
        keys[name] = [k for (k,) in q(con, "SELECT participant_key FROM attendance WHERE source_file = ? "
                                           "ORDER BY source_row", name)]
    first = keys[FORMAT_FILES[0]]
    assert first[0] == first[2] != first[1]
    assert all(k == first for k in keys.values())
    assert {s for (s,) in q(con, "SELECT DISTINCT source_sheet FROM attendance WHERE source_file LIKE 'fmt.%'")} \
        == {"Asistencia"}


def test_every_sheet_of_a_workbook_is_read(con):
    rows = q(con, "SELECT source_sheet, institution, session_date, source_row FROM attendance "
                  "WHERE source_file = 'three_sheets.xlsx' ORDER BY institution")
    assert rows == [("Julio", "Inst Jul", D(2023, 7, 4), 2), ("Junio", "Inst Jun", D(2023, 6, 6), 2),
                    ("Mayo", "Inst May 1", D(2023, 5, 9), 2), ("Mayo", "Inst May 2", D(2023, 5, 9), 3)]


# ---------------------------------------------------------------------------------------------- headers

def test_header_row_found_below_title_rows_up_to_row_30(con):
    assert attendance_of(con, "title_rows.xlsx", "institution, gender, source_row") == [
        ("Inst T1", "Female", 31), ("Inst T2", "Male", 32)]


def test_header_names_match_ignoring_case_accents_spaces_punctuation_and_colon(con):
    assert attendance_of(con, "header_variants.csv") == [
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Inst H1", "Female", True)]


def test_spanish_and_english_aliases(con):
    cols = ("country, dmop, activity, session_date, session, institution, organization, gender, role, modality, "
            "attended, region")
    assert attendance_of(con, "aliases_en.csv", cols) == [
        ("Paraguay", "Living Lab", "ETP online", D(2021, 6, 15), "Module 1", "Labor Inspectorate", "MTESS",
         "Female", "trainer", "online", True, "Central")]
    assert attendance_of(con, "aliases_es.csv", cols) == [
        ("Paraguay", "Living Lab", "Curso ETP", D(2021, 6, 15), "Módulo 1", "Inspección", "MTESS",
         "Female", "facilitator", "in-person", False, "Central")]
    assert q(con, "SELECT country, dmop, activity, start_date, participants, female, male, institutions, modality "
                  "FROM events WHERE source_file = 'aliases_events.csv'") == [
        ("Thailand", "MDT", "Consultation workshop", D(2020, 9, 22), 42, 25, 17, 9, "online")]


def test_firma_de_asistencia_is_not_read_as_asistencia(main, con):
    assert attendance_of(con, "firma.csv", "institution, attended") == [("Inst F1", True), ("Inst F2", True)]
    assert rejected_of(con, "firma.csv") == []
    text = parquet_text(main["out"])
    assert "Firmado-QWZ" not in text and "Firmado-RTY" not in text


def test_unknown_extra_columns_ignored(con):
    assert attendance_of(con, "extra_columns.csv") == [
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Inst E1", "Female", True),
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Inst E2", "Male", True)]
    assert rejected_of(con, "extra_columns.csv") == []


def test_phone_and_signature_columns_not_stored(main):
    data, text = parquet_bytes(main["out"]), parquet_text(main["out"])
    for value in NOT_STORED:
        assert value.encode() not in data, value
        assert value not in text, value


def test_file_in_folder_named_after_table_is_read_as_that_table(main, con):
    assert attendance_of(con, "attendance/roster_forced.csv", "country, activity, session_date, institution") == [
        ("Paraguay", "Taller ETP", D(2023, 5, 9), "Inst Forced 1"),
        ("Paraguay", "Taller ETP", D(2023, 5, 9), "Inst Forced 2")]
    fr = file_report(main["report"], "attendance/roster_forced.csv")
    assert [(s.table, s.rows_kept) for s in fr.sheets] == [("attendance", 2)]
    assert q(con, "SELECT count(*) FROM tests WHERE source_file = 'attendance/roster_forced.csv'") == [(0,)]


# ---------------------------------------------------------------------------------------------- sheets

def test_sheet_matching_nothing_is_skipped_not_an_error(main, con):
    fr = file_report(main["report"], "with_notes.xlsx")
    assert fr.status == "ok" and not fr.failed
    by_sheet = {s.sheet: s for s in fr.sheets}
    assert by_sheet["Asistencia"].table == "attendance" and by_sheet["Asistencia"].rows_kept == 1
    assert by_sheet["Notas"].table is None and by_sheet["Notas"].status == "skipped"
    assert "Notas" in by_sheet["Notas"].message and "with_notes.xlsx" in by_sheet["Notas"].message
    assert rejected_of(con, "with_notes.xlsx") == []


@pytest.fixture(scope="module")
def no_table_ingest(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("no_table")
    raw = base / "raw"
    write_csv(raw / "good.csv", FORMAT_ROWS)
    write_xlsx(raw / "Informe narrativo.xlsx", {
        "Resumen": [["Informe trimestral"], ["El proyecto avanzó según lo previsto."]],
        "Anexo": [["Tema", "Comentario"], ["Capacitación", "Muy buena"]]})
    report = atlas_data.ingest(raw, base / "parquet")
    return report, atlas_data.connect(base / "parquet")


def test_file_where_no_sheet_matches_exit_1_with_message_and_other_files_ingested(no_table_ingest):
    report, con = no_table_ingest
    assert report.exit_code == 1
    fr = file_report(report, "Informe narrativo.xlsx")
    assert fr.failed and fr.status == "no_table"
    assert "Informe narrativo.xlsx" in fr.message and "\n" not in fr.message
    assert {s.sheet for s in fr.sheets} == {"Resumen", "Anexo"}
    assert attendance_of(con, "good.csv", "institution, source_row") == [
        ("Policía Nacional", 2), ("Institución Fiscal", 3), ("Policía Nacional", 4)]


def test_skipped_sheet_beside_a_matched_one_exits_0(tmp_path, secret_file):
    write_xlsx(tmp_path / "raw" / "with_notes.xlsx", {
        "Asistencia": [ATT_HEADER, att_row("Nota Uno", "Inst N1", "F")],
        "Notas": [["Notas de la facilitadora"], ["La sesión empezó tarde por problemas de conexión."]]})
    report = atlas_data.ingest(tmp_path / "raw", tmp_path / "parquet")
    assert report.exit_code == 0
    assert [(s.sheet, s.table, s.status) for s in report.files[0].sheets] == [
        ("Asistencia", "attendance", "ok"), ("Notas", None, "skipped")]


# ---------------------------------------------------------------------------------------------- rows

def test_blank_rows_skipped(con):
    assert q(con, "SELECT institution, source_row FROM attendance WHERE source_file = 'row_rules.xlsx' "
                  "AND source_sheet = 'blank' ORDER BY source_row") == [("Inst B1", 2), ("Inst B2", 5)]
    assert [r for r in rejected_of(con, "row_rules.xlsx") if r[1] == "blank"] == []


def test_totals_rows_not_data(con):
    assert q(con, "SELECT institution, source_row FROM attendance WHERE source_file = 'row_rules.xlsx' "
                  "AND source_sheet = 'totals' ORDER BY source_row") == [
        ("Inst S1", 2), ("Inst S2", 3), ("Inst S3", 5), ("Inst S4", 7)]
    assert [r for r in rejected_of(con, "row_rules.xlsx") if r[1] == "totals"] == []


def test_repeated_header_row_inside_table_skipped(con):
    assert q(con, "SELECT institution, source_row FROM attendance WHERE source_file = 'row_rules.xlsx' "
                  "AND source_sheet = 'repeat' ORDER BY source_row") == [
        ("Inst R1", 2), ("Inst R2", 3), ("Inst R3", 5)]
    assert [r for r in rejected_of(con, "row_rules.xlsx") if r[1] == "repeat"] == []


def test_footnote_line_inside_table_is_not_data_nor_a_section(con):
    assert q(con, "SELECT stakeholder_group, institution, n, source_row FROM respondents "
                  "WHERE source_file = 'footnotes.xlsx' ORDER BY source_row") == [
        ("Government Stakeholders", "Court of Appeals for Children and Adolescents", 2, 3),
        ("Government Stakeholders", "Jurisdictional Unit", 3, 5),
        ("Government Stakeholders", "Specialized Unit Against Human Trafficking", 1, 7)]
    assert rejected_of(con, "footnotes.xlsx") == []


# ---------------------------------------------------------------------------------------------- cell text

def test_cell_text_cleaning_html_markdown_spaces(con):
    assert attendance_of(con, "cleaning.csv", "activity, institution, organization, region") == [
        ("Taller ETP", "Policía Nacional", "Ministerio del Interior; Ministerio Público", "Alto_Paraná")]


# ---------------------------------------------------------------------------------------------- label cells, defaults

def test_label_value_cells_above_header_fill_columns(con):
    assert q(con, "SELECT country, dmop, activity, session_date, institution, gender FROM attendance "
                  "WHERE source_file = 'label_values.xlsx' AND source_sheet = 'Con fecha' ORDER BY source_row") == [
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 10), "MTESS", "Female"),
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 10), "MTESS", "Male")]


def test_label_value_sign_in_sheet_fecha_evento_pais_institucion_above_names(con):
    """A sign-in sheet: `Fecha:` `Evento:` `País:` `Institución:` `Modelo:` above a header of names only."""
    assert q(con, "SELECT country, dmop, activity, session_date, institution, gender, source_row FROM attendance "
                  "WHERE source_file = 'label_values.xlsx' AND source_sheet = 'Planilla' ORDER BY source_row") == [
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Ministerio de Trabajo", "Female", 8),
        ("Paraguay", "Living Lab", "Taller ETP", D(2023, 5, 9), "Ministerio de Trabajo", "Male", 9)]


def test_defaults_csv_fills_missing_columns_for_every_sheet_and_is_not_data(main, con):
    assert q(con, "SELECT source_sheet, country, dmop, activity, session_date, institution FROM attendance "
                  "WHERE source_file = 'defaults_roster.xlsx' ORDER BY source_sheet") == [
        ("Semana 1", "Bolivia", "Living Lab", "Taller ETP", D(2023, 5, 9), "Inst D1"),
        ("Semana 2", "Bolivia", "Living Lab", "Taller ETP", D(2023, 5, 16), "Inst D2")]
    assert not [f.path for f in main["report"].files if f.path.endswith(".defaults.csv")]
    assert q(con, "SELECT count(*) FROM ingest_files WHERE source_file LIKE '%defaults.csv'") == [(0,)]
    assert q(con, "SELECT count(*) FROM rejected WHERE source_file LIKE '%defaults.csv'") == [(0,)]


# ---------------------------------------------------------------------------------------------- gender marks

def test_gender_from_F_M_mark_columns_and_mujer_hombre_headers(con):
    assert attendance_of(con, "gender_marks.csv", "institution, gender") == [
        ("Inst G1", "Female"), ("Inst G2", "Male"), ("Inst G3", "Female"), ("Inst G4", "Male"),
        ("Inst G5", "Female"), ("Inst G6", "Male")]
    assert attendance_of(con, "gender_words.xlsx", "institution, gender") == [
        ("Inst W1", "Female"), ("Inst W2", "Male")]
    assert rejected_of(con, "gender_marks.csv") == []


# ---------------------------------------------------------------------------------------------- fill-down

FILLED = [("Paraguay", "Living Lab", "Taller A", "Ministerio 1", "Inst 1"),
          ("Paraguay", "Living Lab", "Taller A", "Ministerio 1", "Inst 2"),
          ("Paraguay", "Living Lab", "Taller B", "Ministerio 2", "Inst 3"),
          ("Paraguay", "Living Lab", "Taller B", "Ministerio 2", "Inst 4")]


def test_fill_down_blank_group_cells(con):
    assert attendance_of(con, "filldown.csv", "country, dmop, activity, organization, institution") == FILLED
    assert q(con, "SELECT dmop, dmop_type, outcome FROM dmop_status WHERE source_file = 'filldown_dmop_type.csv' "
                  "ORDER BY source_row") == [
        ("Fill Type A", "enforcement", 2), ("Fill Type B", "enforcement", 2),
        ("Fill Type C", "coordination", 3), ("Fill Type D", "coordination", 3)]


def test_fill_down_merged_cells_xlsx(con):
    assert attendance_of(con, "filldown_merged.xlsx", "country, dmop, activity, organization, institution") == FILLED
    assert rejected_of(con, "filldown_merged.xlsx") == []


# ---------------------------------------------------------------------------------------------- sections

def test_section_rows_set_stakeholder_group_in_respondents(con):
    assert q(con, "SELECT stakeholder_group, institution, n FROM respondents WHERE source_file = "
                  "'respondents_py.xlsx' ORDER BY source_row") == [
        ("Government Stakeholders", "Court of Appeals for Children and Adolescents", 2),
        ("Government Stakeholders", "Jurisdictional Unit", 3),
        ("Government Stakeholders", "Higher Institute Training Center (ISEPOL)", 2),
        ("ATLAS Project Team and Civil Society Organizations Stakeholders", "Partners of the Americas", 3),
        ("ATLAS Project Team and Civil Society Organizations Stakeholders", "Dequeni", 1)]


def test_section_rows_set_dmop_type_in_dmop_status(con):
    assert q(con, "SELECT dmop, dmop_type, outcome, step FROM dmop_status WHERE source_file = 'dmop_sections.xlsx' "
                  "ORDER BY source_row") == [
        ("Enforcement Training Program", "enforcement", 2, 7),
        ("Moot Court", "enforcement", 2, 4),
        ("Multi-Agency Unified Enforcement Procedures", "coordination", 3, 5)]


def test_section_row_just_above_header(con):
    assert q(con, "SELECT country, stakeholder_group, institution, organization, n FROM respondents "
                  "WHERE source_file = 'respondents_th.xlsx' ORDER BY source_row") == [
        ("Thailand", "Government Stakeholders", "DLPW", "MOL", 11),
        ("Thailand", "Government Stakeholders", "DOE", "MOL", 8)]


def test_respondents_headers_department_agency_ministry_organization_number(con):
    assert q(con, "SELECT country, institution, organization, n, source_row FROM respondents "
                  "WHERE source_file = 'respondents_py.xlsx' ORDER BY source_row") == [
        ("Paraguay", "Court of Appeals for Children and Adolescents", "Supreme Court of Justice", 2, 4),
        ("Paraguay", "Jurisdictional Unit", "Supreme Court of Justice", 3, 5),
        ("Paraguay", "Higher Institute Training Center (ISEPOL)", "National Police", 2, 6),
        ("Paraguay", "Partners of the Americas", "NGO", 3, 8),
        ("Paraguay", "Dequeni", "Civil Society Organization", 1, 9)]


# ---------------------------------------------------------------------------------------------- country

def test_country_from_sheet_name(con):
    assert attendance_of(con, "sheet_country.xlsx", "country, dmop, institution") == [("Thailand", "MDT", "DLPW")]


def test_country_from_file_name(con):
    assert attendance_of(con, "Asistencia Liberia 2021.xlsx", "country, institution") == [
        ("Liberia", "Ministry of Labour")]


def test_country_not_found_rejects_sheet_with_message_how_to_fix(main, con):
    assert attendance_of(con, "lista_2021.csv") == []
    reasons = [r[5] for r in rejected_of(con, "lista_2021.csv")]
    assert reasons and all("lista_2021.csv" in r for r in reasons)
    assert any("País" in r or "country" in r.lower() for r in reasons)
    fr = file_report(main["report"], "lista_2021.csv")
    assert fr.sheets[0].rows_kept == 0
    assert "lista_2021.csv" in fr.sheets[0].message and "\n" not in fr.sheets[0].message


# ---------------------------------------------------------------------------------------------- values

def test_country_codes_and_spanish_names_become_english_names(con):
    rows = dict(q(con, "SELECT activity, country FROM events WHERE source_file = 'countries.csv'"))
    assert rows == {"country-PY": "Paraguay", "country-PRY": "Paraguay", "country-paraguay": "Paraguay",
                    "country-Tailandia": "Thailand", "country-TH": "Thailand", "country-THA": "Thailand",
                    "country-LR": "Liberia", "country-LBR": "Liberia", "country-AR": "Argentina",
                    "country-ARG": "Argentina", "country-BO": "Bolivia", "country-BOL": "Bolivia"}


def test_yes_no_values(con):
    rows = dict(q(con, "SELECT session, attended FROM attendance WHERE source_file = 'yes_no.csv'"))
    assert rows == {**{f"yn-{v}": True for v in ["Yes", "Y", "Sí", "Si", "S", "1", "True", "X", "✓", "P",
                                                   "Present", "Presente"]},
                    **{f"yn-{v}": False for v in ["No", "N", "0", "False", "A", "Absent", "Ausente"]}}


def test_gender_values_female_male_other_unknown(con):
    rows = dict(q(con, "SELECT session, gender FROM attendance WHERE source_file = 'genders.csv'"))
    assert rows == {"g-F": "Female", "g-Female": "Female", "g-Woman": "Female", "g-Femenino": "Female",
                    "g-Mujer": "Female", "g-หญิง": "Female", "g-M": "Male", "g-Male": "Male", "g-Man": "Male",
                    "g-Masculino": "Male", "g-Hombre": "Male", "g-ชาย": "Male", "g-No binario": "Other",
                    "g-blank": "Unknown"}


def test_gender_blank_for_every_row_when_the_sheet_has_no_gender_column_is_unknown(con):
    """A roster without a gender column leaves every row's gender blank, and blank -> `Unknown`."""
    assert q(con, "SELECT DISTINCT gender FROM attendance WHERE source_file = 'sheet_country.xlsx'") == [("Unknown",)]
    assert q(with_participation(con), "SELECT DISTINCT gender FROM participation WHERE activity = 'Curso wide fechas'") == [("Unknown",)]
    assert q(con, "SELECT DISTINCT gender FROM tests WHERE source_file = 'tests_long.csv'") == [("Unknown",)]


def test_dates_iso_dayfirst_excel_serial_written_and_buddhist_era(con):
    rows = dict(q(con, "SELECT session, session_date FROM attendance WHERE source_file = 'dates.xlsx'"))
    june15 = D(2021, 6, 15)
    assert rows == {"d-iso": june15, "d-dmy": june15, "d-en": june15, "d-es": june15, "d-be": june15,
                    "d-be-iso": june15, "d-serial": june15, "d-cell": june15, "d-dayfirst": D(2023, 5, 9)}


def test_month_alone_gives_first_of_month_and_date_precision_month(con):
    assert q(con, "SELECT activity, start_date, date_precision FROM events WHERE source_file = 'months.csv' "
                  "ORDER BY source_row") == [
        ("month-en", D(2020, 12, 1), "month"), ("month-es", D(2020, 12, 1), "month"),
        ("month-day", D(2020, 12, 15), "day")]


def test_decimal_comma_and_percent_numbers(con):
    assert q(con, "SELECT indicator, target, unit FROM targets WHERE source_file = 'targets.csv' "
                  "ORDER BY source_row") == [
        ("KI-1", 12.0, "#"), ("KI-2", 120.5, "#"), ("KI-3", 85.0, "%"), ("KI-2", 1250.0, "#")]
    assert q(con, "SELECT score, max_score FROM tests WHERE source_file = 'tests_long.csv' AND institution = 't4'"
             ) == [(12.5, 100.0)]


# ---------------------------------------------------------------------------------------------- wide rosters

def test_wide_roster_date_columns_give_one_row_per_participant_per_session(con):
    rows = q(con, "SELECT institution, session_date, attended FROM attendance WHERE source_file = 'wide_dates.xlsx' "
                  "ORDER BY institution, session_date")
    days = [D(2021, 5, 5), D(2021, 5, 12), D(2021, 5, 19), D(2021, 5, 26)]
    marks = {"Inst WA": [True] * 4, "Inst WB": [True, True, True, False], "Inst WC": [True, True, False, False],
             "Inst WD": [False] * 4}
    assert rows == [(inst, day, mark) for inst in sorted(marks) for day, mark in zip(days, marks[inst])]
    assert q(con, "SELECT institution, session_date, attended FROM attendance "
                  "WHERE source_file = 'wide_dates_text.csv' ORDER BY session_date") == [
        ("Inst WE", D(2021, 5, 5), True), ("Inst WE", D(2021, 5, 12), False)]


def test_wide_roster_session_headers_with_fecha_label(con):
    rows = q(con, "SELECT institution, session, session_date, attended FROM attendance "
                  "WHERE source_file = 'wide_sessions.xlsx' ORDER BY institution, session")
    june10 = D(2021, 6, 10)
    assert rows == [("Inst SA", "Sesión 1", june10, True), ("Inst SA", "Sesión 2", june10, True),
                    ("Inst SA", "Sesión 3", june10, True), ("Inst SB", "Sesión 1", june10, True),
                    ("Inst SB", "Sesión 2", june10, False), ("Inst SB", "Sesión 3", june10, False)]
    assert q(with_participation(con), "SELECT institution, sessions_total, sessions_attended, status FROM participation "
                  "WHERE activity = 'Curso sesiones' ORDER BY institution") == [
        ("Inst SA", 3, 3, "completed"), ("Inst SB", 3, 1, "dropped_out")]


def test_wide_roster_session_headers_only(con):
    """`Día 1` / `Día 2` columns and no date anywhere: still one row per participant per session."""
    rows = q(con, "SELECT institution, session, attended FROM attendance WHERE source_file = 'wide_days.csv' "
                  "ORDER BY institution, session")
    assert rows == [("Inst DA", "Día 1", True), ("Inst DA", "Día 2", False),
                    ("Inst DB", "Día 1", True), ("Inst DB", "Día 2", True)]


def test_participation_completed_at_75_percent_dropped_out_no_show(con):
    assert q(with_participation(con), "SELECT institution, sessions_total, sessions_attended, status FROM participation "
                  "WHERE activity = 'Curso wide fechas' ORDER BY institution") == [
        ("Inst WA", 4, 4, "completed"), ("Inst WB", 4, 3, "completed"), ("Inst WC", 4, 2, "dropped_out"),
        ("Inst WD", 4, 0, "no_show")]


# ---------------------------------------------------------------------------------------------- tests

def test_tests_long_form_types_and_scores_number_percent_fraction(con):
    assert q(con, "SELECT institution, test_type, score, max_score FROM tests WHERE source_file = 'tests_long.csv' "
                  "ORDER BY institution") == [
        ("t1", "pre", 60.0, 100.0), ("t2", "post", 85.0, 100.0), ("t3", "post", 17.0, 20.0),
        ("t4", "follow_up", 12.5, 100.0), ("t5", "pre", 8.0, 10.0)]
    keys = q(con, "SELECT DISTINCT participant_key FROM tests WHERE source_file = 'tests_long.csv'")
    assert len(keys) == 1 and keys[0][0]


def test_tests_wide_form_puntaje_inicial_final(con):
    rows = q(con, "SELECT institution, test_type, score, max_score, participant_key FROM tests "
                  "WHERE source_file = 'tests_wide.xlsx' ORDER BY institution, test_type")
    assert [r[:4] for r in rows] == [("tw1", "post", 80.0, 100.0), ("tw1", "pre", 55.0, 100.0),
                                     ("tw2", "pre", 40.0, 100.0)]
    assert rows[0][4] == rows[1][4] != rows[2][4]


def test_test_items_q1_to_qn_go_to_test_items(con):
    key = q(con, "SELECT DISTINCT participant_key FROM tests WHERE source_file = 'tests_items.csv'")
    assert len(key) == 1
    assert q(con, "SELECT country, dmop, activity, participant_key, test_type, item, correct FROM test_items "
                  "WHERE source_file = 'tests_items.csv' ORDER BY test_type DESC, item") == [
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "pre", "Q1", True),
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "pre", "Q2", True),
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "pre", "Q3", False),
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "post", "Q1", True),
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "post", "Q2", True),
        ("Paraguay", "Living Lab", "ETP pruebas", key[0][0], "post", "Q3", True)]
    assert q(con, "SELECT test_type, score FROM tests WHERE source_file = 'tests_items.csv' ORDER BY score") == [
        ("pre", 2.0), ("post", 3.0)]


def test_score_above_its_maximum_is_a_rejected_error_other_rows_kept(con):
    assert q(con, "SELECT institution, score, max_score FROM tests WHERE source_file = 'tests_bad_score.xlsx' "
                  "ORDER BY source_row") == [("tb2", 15.0, 20.0), ("tb4", 90.0, 100.0)]
    rejected = q(con, "SELECT source_sheet, source_row, column_name, value, severity, reason FROM rejected "
                      "WHERE source_file = 'tests_bad_score.xlsx' AND column_name = 'score' ORDER BY source_row")
    assert [r[:5] for r in rejected] == [("Pruebas", 2, "score", "25/20", "error"),
                                         ("Pruebas", 4, "score", "120", "error")]
    assert "25" in rejected[0][5] and "20" in rejected[0][5]
    assert "120" in rejected[1][5] and "100" in rejected[1][5]
    # one rejected row per bad score: the check across score and max_score is not repeated under max_score
    assert q(con, "SELECT source_row, column_name FROM rejected WHERE source_file = 'tests_bad_score.xlsx' "
                  "AND severity = 'error' ORDER BY source_row") == [(2, "score"), (4, "score")]


# ---------------------------------------------------------------------------------------------- KII

def test_kii_answers_unified_labels(con):
    from atlas_data.reading.privacy import respondent_key   # codes are stored keyed (a code may be a name)

    rows = q(con, "SELECT country, respondent_id, stakeholder_type, question, answer, criterion FROM kii_answers "
                  "WHERE source_file = 'kii_answers.xlsx' AND source_sheet = 'Paraguay' ORDER BY source_row")
    codes = {respondent_key(c): c for c in ("WI_001", "WI_002", "WI_003", "WI_004")}
    assert [(r[0], codes[r[1]], *r[2:]) for r in rows] == [
        ("Paraguay", "WI_001", "decision-maker", "KQ objectives aligned", "Yes", "Relevance"),
        ("Paraguay", "WI_002", "participant", "KQ objectives aligned", "Partially", "Relevance"),
        ("Paraguay", "WI_003", "participant", "KQ objectives aligned", "Don't know", "Relevance"),
        ("Paraguay", "WI_004", "participant", "KQ objectives aligned", "Yes", "Relevance"),
        ("Paraguay", "WI_001", "decision-maker", "KQ training assessment", "Positive and negative", "Effectiveness"),
        ("Paraguay", "WI_002", "participant", "KQ training assessment", "Only positive", "Effectiveness"),
        ("Paraguay", "WI_003", "participant", "KQ training assessment", "No", "Effectiveness")]


def test_kii_shareable_defaults_to_false(con):
    assert {s for (s,) in q(con, "SELECT shareable FROM kii_answers WHERE source_file = 'kii_answers.xlsx' "
                                 "AND source_sheet = 'Paraguay'")} == {False}
    from atlas_data.reading.privacy import respondent_key

    assert q(con, "SELECT respondent_id, shareable, note FROM kii_answers WHERE source_file = 'kii_answers.xlsx' "
                  "AND source_sheet = 'Thailand' ORDER BY source_row") == [
        (respondent_key("TH_001"), True, "Useful workshops"), (respondent_key("TH_002"), False, "Too long online"),
        (respondent_key("TH_003"), False, "Names a colleague")]


def test_kii_tally_counts_answers_per_question_in_respondents(con):
    rows = q(con, "SELECT question, answer, sum(n)::INT, min(unit), max(unit) FROM kii_tally "
                  "WHERE source_file = 'kii_answers.xlsx' AND country = 'Paraguay' GROUP BY ALL ORDER BY ALL")
    assert rows == [("KQ objectives aligned", "Don't know", 1, "respondents", "respondents"),
                    ("KQ objectives aligned", "Partially", 1, "respondents", "respondents"),
                    ("KQ objectives aligned", "Yes", 2, "respondents", "respondents"),
                    ("KQ training assessment", "No", 1, "respondents", "respondents"),
                    ("KQ training assessment", "Only positive", 1, "respondents", "respondents"),
                    ("KQ training assessment", "Positive and negative", 1, "respondents", "respondents")]


def test_kii_tally_given_counts_long_layout(con):
    assert q(con, "SELECT country, question, answer, n, unit FROM kii_tally WHERE source_file = 'kii_counts_long.csv' "
                  "ORDER BY n DESC") == [("Paraguay", "KQ long", "Yes", 20, "respondents"),
                                         ("Paraguay", "KQ long", "Partially", 5, "respondents"),
                                         ("Paraguay", "KQ long", "No", 3, "respondents")]


def test_kii_tally_given_counts_wide_layout_with_observations(con):
    rows = q(con, "SELECT country, question, answer, n, unit, note FROM kii_tally WHERE source_file = 'kii_wide.xlsx' "
                  "AND n > 0 ORDER BY question_order, answer")
    assert [r[:5] for r in rows] == [
        ("Paraguay", "Organization", "Only positive", 9, "respondents"),
        ("Paraguay", "Contents", "Only positive", 11, "respondents"),
        ("Paraguay", "Contents", "Positive and negative", 1, "respondents"),
        ("Paraguay", "Participation", "Only positive", 6, "respondents"),
        ("Paraguay", "Participation", "Positive and negative", 3, "respondents"),
        ("Paraguay", "Scheduling", "Only negative", 1, "respondents"),
        ("Paraguay", "Scheduling", "Only positive", 1, "respondents"),
        ("Paraguay", "Scheduling", "Positive and negative", 1, "respondents")]
    notes = {r[1]: r[5] for r in rows}
    assert notes["Contents"] == "Some interviewees would have liked more on criminal offenses."
    assert notes["Participation"] == "Alumni complained about peers.; Others suggested more follow up"
    assert notes["Organization"] is None


def test_kii_tally_given_counts_block_layout(con):
    q1 = "KQ block: are the project objectives aligned with your institution's priorities?"
    q2 = "KQ block: has the training changed the way you work?"
    assert q(con, "SELECT question, answer, n, unit FROM kii_tally WHERE source_file = 'kii_block.xlsx' "
                  "ORDER BY question_order, n DESC") == [
        (q1, "Yes", 20, "respondents"), (q1, "Partially", 3, "respondents"), (q1, "No", 2, "respondents"),
        (q2, "Yes", 15, "respondents"), (q2, "No", 8, "respondents"), (q2, "Don't know", 5, "respondents")]


def test_kii_tally_unit_comments_from_heading_or_unit_column(con):
    assert q(con, "SELECT question, answer, n, unit FROM kii_tally WHERE source_file = 'kii_comments.xlsx' "
                  "AND n > 0 ORDER BY question, answer") == [
        ("KC Contents", "Only positive", 6, "comments"), ("KC Contents", "Positive and negative", 2, "comments"),
        ("KC Organization", "Only negative", 1, "comments"), ("KC Organization", "Only positive", 4, "comments")]
    assert q(con, "SELECT question, answer, n, unit FROM kii_tally WHERE source_file = 'kii_counts_unit.csv' "
                  "ORDER BY n DESC") == [("KQ unit", "Only positive", 7, "comments"),
                                         ("KQ unit", "Only negative", 2, "comments")]


# ---------------------------------------------------------------------------------------------- DMOP status

def test_dmop_status_step_text_gives_step_label_and_note(con):
    assert q(con, "SELECT dmop, step, step_label, status_note FROM dmop_status WHERE source_file = 'dmop_steps.csv' "
                  "ORDER BY dmop") == [
        ("Steps A", 7, "7/8", "They have evaluated the training"),
        ("Steps B", 4, "4", "The ATLAS Project has yet to establish working groups"),
        ("Steps C", 5, "5", "El piloto se acerca a la etapa final"),
        ("Steps D", 6, "6", "Etapa piloto terminada"),
        ("Steps E", 3, "3", "Consultations held"),
        ("Steps F", 5, "5/6", "The pilot phase is ending")]


def test_dmop_type_codes_and_outcome(con):
    assert q(con, "SELECT dmop, dmop_type, outcome FROM dmop_status WHERE source_file = 'dmop_types.csv' "
                  "ORDER BY dmop") == [
        ("Types A", "enforcement", 2), ("Types B", "coordination", 3), ("Types C", "enforcement", 2),
        ("Types D", "coordination", 3), ("Types E", "enforcement", 2)]


def test_dmop_current_keeps_latest_row_per_country_and_dmop(con):
    assert q(con, "SELECT count(*) FROM dmop_status WHERE source_file = 'dmop_history.csv'") == [(5,)]
    assert q(con, "SELECT country, dmop, as_of, step, status_note FROM dmop_current "
                  "WHERE dmop IN ('History X', 'History Y') ORDER BY dmop") == [
        ("Paraguay", "History X", D(2021, 11, 10), 6, "Evaluation"),
        ("Paraguay", "History Y", D(2022, 1, 1), 4, "Workgroups")]


# ---------------------------------------------------------------------------------------------- DMOP aliases

@pytest.fixture(scope="module")
def alias_ingest(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("aliases")
    raw = base / "raw"
    write_xlsx(raw / "catalogo.xlsx", {"dmops": [
        ["country", "dmop", "alias"],
        ["Paraguay", "Living Lab", "Enforcement Living Labs"],
        ["Paraguay", "Inter-Platforms Coordination Mechanism", "Inter-Platform Action Plan"]]})
    write_csv(raw / "asistencia.csv", [
        ATT_HEADER,
        att_row("Alias Uno", "Inst AL1", "F", dmop="Enforcement Living Labs"),
        att_row("Alias Dos", "Inst AL2", "M", dmop="ENFORCEMENT LIVING-LABS"),
        att_row("Alias Tres", "Inst AL3", "F", dmop="Fiscalía Móvil")])
    write_csv(raw / "eventos.csv", [
        ["Country", "DMOP", "Activity", "Date", "Participants"],
        ["Paraguay", "enforcement living labs", "Lab session", "01/03/2021", "12"],
        ["Paraguay", "Inter-Platform Action Plan", "Platform meeting", "02/03/2021", "20"],
        ["Paraguay", "FISCALIA MOVIL", "Fiscalía day", "03/03/2021", "7"]])
    write_csv(raw / "estado.csv", [
        ["Country", "DMOP", "Status"],
        ["Paraguay", "Enforcement Living Labs", "Step 5/6 - The pilot phase is ending"],
        ["Paraguay", "Inter-Platforms Coordination Mechanism", "Step 6 - Pilot stage ended"],
        ["Paraguay", "Fiscalia movil.", "Step 3 - Consultation"]])
    report = atlas_data.ingest(raw, base / "parquet")
    return report, atlas_data.connect(base / "parquet")


def test_dmops_alias_sheet_maps_spellings_to_one_name_in_every_table(alias_ingest):
    _, con = alias_ingest
    assert q(con, "SELECT institution, dmop FROM attendance WHERE institution LIKE 'Inst AL%' "
                  "AND institution <> 'Inst AL3' ORDER BY institution") == [
        ("Inst AL1", "Living Lab"), ("Inst AL2", "Living Lab")]
    assert q(con, "SELECT activity, dmop FROM events WHERE activity IN ('Lab session', 'Platform meeting') "
                  "ORDER BY activity") == [("Lab session", "Living Lab"),
                                           ("Platform meeting", "Inter-Platforms Coordination Mechanism")]
    assert q(con, "SELECT dmop, step FROM dmop_status WHERE step IN (5, 6) ORDER BY step") == [
        ("Living Lab", 5), ("Inter-Platforms Coordination Mechanism", 6)]
    assert q(con, "SELECT dmop, step FROM dmop_current WHERE dmop = 'Living Lab'") == [("Living Lab", 5)]


def test_dmop_names_matched_ignoring_case_accents_punctuation(alias_ingest):
    _, con = alias_ingest
    names = q(con, "SELECT DISTINCT dmop FROM (SELECT dmop FROM attendance WHERE institution = 'Inst AL3' "
                   "UNION ALL SELECT dmop FROM events WHERE activity = 'Fiscalía day' "
                   "UNION ALL SELECT dmop FROM dmop_status WHERE step = 3)")
    assert len(names) == 1 and names[0][0] in ("Fiscalía Móvil", "FISCALIA MOVIL", "Fiscalia movil.")


# ---------------------------------------------------------------------------------------------- targets, indicators

def test_targets_periods_fy_and_year(con):
    assert q(con, "SELECT country, indicator, period, year, target FROM targets WHERE source_file = 'targets.csv' "
                  "ORDER BY source_row") == [
        ("Paraguay", "KI-1", "FY2021", 2021, 12.0), ("Paraguay", "KI-2", "2021", 2021, 120.5),
        ("Paraguay", "KI-3", "FY2022", 2022, 85.0), ("Thailand", "KI-2", "2022", 2022, 1250.0)]


def test_indicators_view_always_has_ki_1_2_3(con, tmp_path):
    rows = q(con, "SELECT indicator, count(*) FROM indicators GROUP BY ALL ORDER BY ALL")
    assert rows == [("KI-1", 1), ("KI-2", 1), ("KI-3", 1), ("PY-1", 1)]
    empty = atlas_data.connect(tmp_path / "nothing_here")
    assert [i for (i,) in q(empty, "SELECT indicator FROM indicators ORDER BY indicator")] == ["KI-1", "KI-2", "KI-3"]
    assert q(empty, "SELECT outcome FROM indicators WHERE indicator = 'KI-3'") == [(3,)]


# ---------------------------------------------------------------------------------------------- personal data

def test_personal_data_never_reaches_parquet_nor_rejected(main, con):
    data, text = parquet_bytes(main["out"]), parquet_text(main["out"])
    lowered = text.casefold()
    for value in PERSONAL:
        assert value.encode() not in data, value
        assert value.casefold() not in lowered, value
    # the row with the impossible date and the test above its maximum are rejected, without the name
    assert q(con, "SELECT source_row, column_name FROM rejected WHERE source_file = 'personal.xlsx'") == [
        (3, "session_date")]
    assert q(con, "SELECT source_row, column_name FROM rejected WHERE source_file = 'personal_tests.csv'") == [
        (3, "score")]
    keys = q(con, "SELECT participant_key FROM attendance WHERE source_file = 'personal.xlsx'")
    assert len(keys) == 1 and keys[0][0] and keys[0][0] not in PERSONAL


def test_same_name_in_two_files_gets_same_participant_key(con):
    att = q(con, "SELECT participant_key FROM attendance WHERE source_file = 'same_name_attendance.csv' "
                 "ORDER BY source_row")
    tests = q(con, "SELECT participant_key FROM tests WHERE source_file = 'same_name_tests.csv'")
    assert len(att) == 2 and len(tests) == 1
    assert tests[0][0] == att[0][0] != att[1][0]


def test_secret_file_created_once_with_mode_0600_outside_the_store(main, secret_file):
    assert secret_file.is_file()
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert not str(secret_file.resolve()).startswith(str(main["out"].resolve()))
    before = secret_file.read_bytes()
    atlas_data.ingest(main["raw"], main["out"])
    assert secret_file.read_bytes() == before


# ---------------------------------------------------------------------------------------------- rejected rows

def test_rejected_row_has_file_sheet_excel_row_column_value_reason_error(con):
    assert attendance_of(con, "rejected_rows.xlsx", "institution, source_row") == [("Inst RJ1", 4), ("Inst RJ3", 6)]
    rows = q(con, "SELECT table_name, source_file, source_sheet, source_row, column_name, value, severity, reason "
                  "FROM rejected WHERE source_file = 'rejected_rows.xlsx'")
    assert [r[:7] for r in rows] == [("attendance", "rejected_rows.xlsx", "ToT", 5, "session_date", "31/02/2021",
                                      "error")]
    reason = rows[0][7]
    assert 'rejected_rows.xlsx, sheet "ToT", row 5' in reason and "31/02/2021" in reason
    assert "\n" not in reason and "Error" not in reason and "Traceback" not in reason


def test_event_total_disagreeing_with_its_parts_is_a_warning_and_rows_kept(main, con):
    rows = q(con, "SELECT institution, participants, is_breakdown FROM events WHERE source_file = 'events_parts.csv' "
                  "ORDER BY source_row")
    assert len(rows) == 12
    assert rows[0] == (None, 36, False)
    assert sum(r[1] for r in rows[1:]) == 37 and all(r[2] for r in rows[1:])
    warnings = q(con, "SELECT source_row, column_name, value, severity, reason FROM rejected "
                      "WHERE source_file = 'events_parts.csv'")
    assert [w[:4] for w in warnings] == [(2, "participants", "36", "warning")]
    assert "36" in warnings[0][4] and "37" in warnings[0][4]
    sheet = file_report(main["report"], "events_parts.csv").sheets[0]
    assert (sheet.rows_kept, sheet.rows_rejected, sheet.warnings) == (12, 0, 1)


def test_totals_row_differing_from_the_sum_is_a_warning_and_rows_kept(con):
    assert q(con, "SELECT activity, participants FROM events WHERE source_file = 'events_total.csv' "
                  "ORDER BY source_row") == [("ETP cohort 1", 42), ("ETP cohort 2", 46), ("ETP cohort 3", 55)]
    warnings = q(con, "SELECT source_row, column_name, severity, reason FROM rejected "
                      "WHERE source_file = 'events_total.csv'")
    assert [w[:3] for w in warnings] == [(5, "participants", "warning")]
    assert "140" in warnings[0][3] and "143" in warnings[0][3]


# ---------------------------------------------------------------------------------------------- unreadable files

@pytest.fixture(scope="module")
def broken_ingest(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("broken")
    raw = base / "raw"
    write_csv(raw / "good.csv", FORMAT_ROWS)
    write_bytes(raw / "corrupt.xlsx", random.Random(7).randbytes(4096))
    write_bytes(raw / "empty.csv", b"")
    write_bytes(raw / "empty.xlsx", b"")
    write_xlsx(raw / "Informe.xlsx", {"Resumen": [["Informe trimestral"], ["Sin tablas."]]})
    write_xlsx(raw / "fechas_malas.xlsx", {"ToT": [ATT_HEADER, att_row("Mala Fecha", "Inst MF", "F",
                                                                       date="31/02/2021")]})
    before = tree_hashes(raw)
    report = atlas_data.ingest(raw, base / "parquet")
    return report, atlas_data.connect(base / "parquet"), raw, before


@pytest.mark.parametrize("name", ["corrupt.xlsx", "empty.csv", "empty.xlsx"])
def test_unreadable_file_one_line_message_naming_the_file_exit_1(broken_ingest, name):
    report, con, _, _ = broken_ingest
    assert report.exit_code == 1
    fr = file_report(report, name)
    assert fr.status == "unreadable" and fr.failed
    assert fr.message.startswith(name) and "\n" not in fr.message
    assert "Traceback" not in fr.message and "Error" not in fr.message
    assert q(con, "SELECT status FROM ingest_files WHERE source_file = ?", name) == [("unreadable",)]


def test_broken_files_do_not_stop_the_others(broken_ingest):
    report, con, _, _ = broken_ingest
    assert attendance_of(con, "good.csv", "institution") == [
        ("Policía Nacional",), ("Institución Fiscal",), ("Policía Nacional",)]
    fr = file_report(report, "Informe.xlsx")
    assert fr.status == "no_table" and "Informe.xlsx" in fr.message
    rows = q(con, "SELECT source_sheet, source_row, column_name, value, severity FROM rejected "
                  "WHERE source_file = 'fechas_malas.xlsx'")
    assert rows == [("ToT", 2, "session_date", "31/02/2021", "error")]


def test_raw_files_never_modified(main, broken_ingest):
    assert tree_hashes(main["raw"]) == main["hashes_before"]
    _, _, raw, before = broken_ingest
    assert tree_hashes(raw) == before


def test_every_stored_row_keeps_source_file_sheet_row(con):
    for table in ("attendance", "events", "tests", "test_items", "kii_answers", "kii_counts", "respondents",
                  "dmop_status", "targets"):
        rows = q(con, f"SELECT count(*), count(source_file), count(source_sheet), count(source_row), "
                      f"min(source_row) FROM {table}")
        n, files, sheets, source_rows, lowest = rows[0]
        assert n > 0 and files == sheets == source_rows == n and lowest >= 1, table


def test_legacy_xls_dates_and_numbers_are_read_as_excel_values(tmp_path):
    """A .xls (Excel 97-2003) with real date cells, numbers and two sheets: every sheet, dates as dates."""
    raw = tmp_path / "raw"
    header = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo", "Puntaje", "Puntaje máximo",
              "Tipo de prueba"]
    write_xls(raw / "pruebas_2021.xls", {
        "Pre": [["Pruebas ToT Policía"], [], header,
                ["Paraguay", "Living Lab", "ToT", D(2021, 4, 10), "Ana Sosa", "Policía Nacional", "F", 14, 20, "pre"],
                ["Paraguay", "Living Lab", "ToT", D(2021, 4, 10), "Juan Gill", "Policía Nacional", "M", 21, 20, "pre"]],
        "Post": [header,
                 ["Paraguay", "Living Lab", "ToT", D(2021, 6, 9), "Ana Sosa", "Policía Nacional", "F", 18.5, 20,
                  "post"]],
    })
    report = atlas_data.ingest(raw, tmp_path / "store")
    con = atlas_data.connect(tmp_path / "store")
    rows = q(con, "SELECT source_sheet, source_row, test_date, test_type, score, max_score FROM tests "
                  "ORDER BY source_sheet, source_row")
    assert rows == [("Post", 2, D(2021, 6, 9), "post", 18.5, 20.0), ("Pre", 4, D(2021, 4, 10), "pre", 14.0, 20.0)]
    assert [(r[1], r[2], r[3], r[4]) for r in rejected_of(con, "pruebas_2021.xls")] == \
        [("Pre", 5, "score", "21")]   # once, under score (not again under max_score)
    assert report.exit_code == 0       # a rejected row is not a file that could not be read
