"""The data contract (../shared/DATA_CONTRACT.md) as data: tables, canonical columns, aliases, required sets.

Everything that recognizes a header or checks a required column reads it from here, so a new alias
is one line in this file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds drive value normalization (see normalize.py).
TEXT, COUNTRY, DATE, INT, NUMBER, BOOL, GENDER, SCORE, PERSON = (
    "text", "country", "date", "int", "number", "bool", "gender", "score", "person")
ENUM = "enum"  # a closed set of labels parsed by parsers.parse_<column>


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    required: tuple[str, ...] = ()
    # Each inner tuple is a set of columns that, all present in a header, make this table a candidate.
    signatures: tuple[tuple[str, ...], ...] = ()
    fill_down: tuple[str, ...] = ()
    section_column: str | None = None  # column a section row sets (stakeholder_group / dmop_type)
    derived: tuple[str, ...] = field(default=())  # stored columns computed during normalization

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


FILL_DOWN = ("country", "dmop", "activity", "organization", "dmop_type")

COUNTRY_COL = Column("country", COUNTRY, ("país", "pais", "country name"))
DMOP_COL = Column("dmop", TEXT, ("modelo", "dmop name", "model", "modelo de práctica"))
ACTIVITY_COL = Column("activity", TEXT, (
    "actividad", "evento", "event", "training", "curso", "course", "workshop", "taller",
    "activity name", "nombre del evento", "capacitación", "capacitacion", "session title", "event name",
    "event title", "training name", "course name", "training title", "training topic", "training program",
    "training programme", "título de la capacitación", "tema de la capacitación", "nombre del curso", "nombre de la actividad",
    "nombre de la capacitación", "curso o taller", "nombre corto del curso", "course title", "course full name", "nombre completo del curso",
    "หลักสูตร", "ชื่อหลักสูตร", "กิจกรรม"))
INSTITUTION_COL = Column("institution", TEXT, (
    "institución", "agency", "dependencia", "unit", "unidad", "department/agency",
    "department", "departamento/agencia", "entidad", "institución de procedencia", "institución a la que pertenece", "entidad de procedencia", "organismo",
    "institución/dependencia", "unidad/dependencia", "dependencia/unidad", "lugar de trabajo", "workplace", "dept",
    "employer", "empleador", "empresa", "company", "organisation/agency", "หน่วยงาน", "สังกัด", "หน่วยงานต้นสังกัด"))
ORGANIZATION_COL = Column("organization", TEXT, (
    "ministry", "ministerio", "organización", "organisation", "ministry/organization"))
GENDER_COL = Column("gender", GENDER, ("sexo", "sex", "género", "genero", "เพศ"))
PARTICIPANT_ID_COL = Column("participant_id", PERSON, (
    "id", "participant id", "id participante", "cédula", "cedula", "ci", "c.i.", "documento",
    "nro de documento", "dni", "national id", "id number", "código participante", "número de id",
    "numero de identificacion", "número de identificación", "número de documento", "documento de identidad",
    "cédula de identidad", "n° de cédula", "nro de cédula", "no de cedula", "rut", "run", "curp", "nit", "cc",
    "employee id", "employee no", "employee number", "emp no", "staff no", "student id", "staff id", "id del participante", "id estudiante", "código de estudiante",
    "legajo", "matrícula", "ficha", "c.i. n°", "c.i. nº", "ci n°", "ci nº", "n° de c.i.", "nº de c.i.", "n° ci",
    "cédula n°", "cédula nº", "n° de cédula", "nº de cédula", "dni n°", "n° dni", "nº dni", "no. cédula"))
PARTICIPANT_NAME_COL = Column("participant_name", PERSON, (
    "nombre", "nombre y apellido", "nombres y apellidos", "name", "participante", "participant",
    "full name", "nombre completo", "apellido y nombre", "asistente", "alumno", "alumna", "estudiante",
    "student", "trainee", "funcionario", "funcionaria", "participant name", "nombre del participante",
    "nombre del asistente", "nombre del estudiante", "nombre del alumno", "nombre del funcionario",
    "nombre completo del participante", "student name", "trainee name", "attendee", "attendee name",
    "learner", "employee", "employee name", "empleado", "colaborador", "trabajador", "servidor público",
    "nombre y apellidos", "apellidos y nombres", "apellido, nombre", "apellidos, nombres", "nombres completos",
    "ชื่อ-นามสกุล", "ชื่อ นามสกุล"))
# A name split in two columns (`Nombre` + `Apellido(s)`, first / last name) is joined before keying.
FIRST_NAME_COL = Column("first_name", PERSON, (
    "nombres", "nombre(s)", "first name", "given name", "given names", "primer nombre", "nombre de pila",
    "forename", "first", "ชื่อ"))
LAST_NAME_COL = Column("last_name", PERSON, (
    "apellidos", "apellido(s)", "apellido", "last name", "surname", "family name", "surnames",
    "primer apellido", "last", "นามสกุล"))
SECOND_LAST_NAME_COL = Column("second_last_name", PERSON, ("segundo apellido", "apellido materno",
                                                           "second surname", "second last name"))
EMAIL_COL = Column("email", PERSON, (
    "e-mail", "correo", "correo electrónico", "email address", "mail", "e-mail address", "dirección de correo",
    "dirección de correo electrónico", "correo institucional", "correo personal", "email institucional",
    "correo e", "mail address", "user email", "usuario correo", "อีเมล", "ที่อยู่อีเมล"))
PERSON_NAME_PARTS = ("first_name", "last_name", "second_last_name")
# The columns that identify a person, in the order that wins: an ID, else an e-mail, else the name.
PERSON_COLUMNS = ("participant_id", "email", "participant_name")

TABLES: dict[str, Table] = {}


def _table(t: Table) -> Table:
    TABLES[t.name] = t
    return t


ATTENDANCE = _table(Table(
    "attendance",
    (
        COUNTRY_COL, DMOP_COL, ACTIVITY_COL,
        Column("session_date", DATE, ("fecha", "date", "session date", "fecha de sesión", "fecha de la sesión",
                                      "fecha de asistencia", "attendance date", "fecha del evento", "event date",
                                      "día de la sesión", "วันที่", "วันที่อบรม", "วันที่เข้าร่วม",
                                      # when a person signed in: an HR record's training, a form's answer
                                      "training date", "date of training", "date attended", "completion date",
                                      "date completed", "fecha de capacitación",
                                      "fecha de la capacitación", "timestamp", "marca temporal", "ประทับเวลา")),
        Column("session", TEXT, ("sesión", "sesion", "módulo", "modulo", "module", "day", "día", "dia")),
        PARTICIPANT_ID_COL, PARTICIPANT_NAME_COL, EMAIL_COL, FIRST_NAME_COL, LAST_NAME_COL, SECOND_LAST_NAME_COL,
        INSTITUTION_COL, ORGANIZATION_COL, GENDER_COL,
        Column("role", ENUM, ("rol",)),
        Column("modality", ENUM, ("modalidad", "mode")),
        Column("attended", BOOL, ("asistió", "asistio", "asistencia", "presente", "present", "attendance",
                                  "attendance status", "estado de asistencia", "participation status",
                                  "status", "estado")),  # `status`, `estado`: only over marks (headers.reconsider)
        Column("region", TEXT, ("departamento", "provincia", "province", "región")),
    ),
    required=("country", "dmop", "activity", "session_date", "participant", "institution"),
    signatures=(("participant", "session_date"), ("participant", "attended"), ("participant", "session"),
                ("participant", "institution", "activity")),
    fill_down=FILL_DOWN,
))

EVENTS = _table(Table(
    "events",
    (
        COUNTRY_COL, DMOP_COL, ACTIVITY_COL,
        Column("start_date", DATE, ("fecha", "date", "วันที่", "fecha de inicio", "start", "fecha inicio", "inicio")),
        Column("end_date", DATE, ("fecha de fin", "fecha fin", "end", "fin", "fecha de cierre")),
        Column("modality", ENUM, ("modalidad", "mode")),
        Column("participants", INT, (
            "participantes", "asistentes", "attendees", "# of participants", "number of participants",
            "n participants", "no. of participants", "nº de participantes", "cantidad de participantes",
            "total participants", "head count", "headcount", "attendance count", "number of attendees",
            "total attendees", "n attendees", "cantidad de asistentes", "total de asistentes", "total asistentes",
            "número de asistentes", "nº de asistentes", "participantes totales", "total de participantes",
            "asistencia total", "personas", "n personas", "número de personas", "cantidad de personas")),
        Column("female", INT, ("mujeres", "women", "f")),
        Column("male", INT, ("hombres", "men", "m")),
        INSTITUTION_COL, ORGANIZATION_COL,
        Column("institutions", INT, ("# of institutions", "number of institutions", "instituciones",
                                     "nº de instituciones", "cantidad de instituciones")),
        Column("date_precision", ENUM, ("precisión", "precision")),
        Column("region", TEXT, ("departamento", "provincia", "province", "región")),
    ),
    required=("country", "dmop", "activity", "start_date", "participants"),
    signatures=(("participants",),),
    fill_down=FILL_DOWN,
))

TESTS = _table(Table(
    "tests",
    (
        COUNTRY_COL, DMOP_COL, ACTIVITY_COL,
        PARTICIPANT_ID_COL, PARTICIPANT_NAME_COL, EMAIL_COL, FIRST_NAME_COL, LAST_NAME_COL, SECOND_LAST_NAME_COL,
        Column("test_type", ENUM, ("tipo", "prueba", "test", "type", "tipo de prueba", "test type", "momento",
                                   "instrumento")),
        Column("score", SCORE, ("puntaje", "nota", "calificación", "calificacion", "puntuación", "result",
                                "resultado", "overall", "total", "nota final", "calificación final", "grade",
                                "final grade", "score", "puntos", "points", "puntaje total", "puntaje obtenido",
                                "nota obtenida", "total score", "overall score", "porcentaje de aciertos")),
        Column("max_score", NUMBER, ("puntaje máximo", "puntaje maximo", "max", "maximum", "max score",
                                     "out of", "nota máxima", "máximo", "puntaje máx", "nota máx", "puntos máximos",
                                     "maximum score", "max points")),
        Column("test_date", DATE, ("fecha", "date", "วันที่", "timestamp", "marca temporal", "ประทับเวลา")),
        INSTITUTION_COL, GENDER_COL,
    ),
    required=("country", "dmop", "activity", "participant", "test_type", "score"),
    signatures=(("participant", "score"), ("participant", "test_type")),
    fill_down=FILL_DOWN,
))

# Wide test sheets: one score column per test type.
TEST_WIDE_ALIASES: dict[str, tuple[str, ...]] = {
    "pre": ("pre", "pre-test", "pretest", "pre test", "puntaje inicial", "entrada", "inicial", "ex-ante",
            "pre score", "prueba inicial", "prueba de entrada"),
    "post": ("post", "post-test", "posttest", "post test", "puntaje final", "salida", "final", "ex-post",
             "post score", "prueba final", "prueba de salida"),
    "follow_up": ("follow_up", "follow-up", "follow up", "seguimiento", "3-month", "puntaje de seguimiento"),
}

KII_ANSWERS = _table(Table(
    "kii_answers",
    (
        COUNTRY_COL,
        Column("respondent_id", TEXT, ("código", "codigo", "code", "id", "respondent", "respondent code",
                                       "informant", "informante", "key informant")),
        Column("stakeholder_type", TEXT, ("tipo de actor", "stakeholder", "actor", "type of stakeholder",
                                          "respondent type")),
        INSTITUTION_COL, GENDER_COL,
        Column("question", TEXT, ("pregunta", "aspect", "aspecto", "item", "topic")),
        Column("answer", ENUM, ("respuesta", "response")),
        Column("criterion", ENUM, ("criterio", "oecd-dac criterion", "dac criterion")),
        DMOP_COL,
        Column("note", TEXT, ("observación", "observacion", "observaciones", "observation", "observations",
                              "comment", "comments", "comentario", "comentarios", "quote", "cita", "notes",
                              "notas", "nota")),
        Column("shareable", BOOL, ("compartible", "shareable note", "public", "publicable")),
    ),
    required=("country", "respondent_id", "question", "answer"),
    signatures=(("respondent_id", "question", "answer"),),
    fill_down=FILL_DOWN,
))

KII_COUNTS = _table(Table(
    "kii_counts",  # tallies given already counted; the kii_tally view unions them with kii_answers
    (
        COUNTRY_COL,
        Column("question", TEXT, ("pregunta", "aspect", "aspecto", "item", "topic")),
        Column("answer", ENUM, ("respuesta", "response")),
        Column("n", INT, ("count", "cantidad", "número", "numero", "frecuencia", "frequency", "total",
                          "conteo", "n")),
        Column("criterion", ENUM, ("criterio", "oecd-dac criterion", "dac criterion")),
        Column("stakeholder_type", TEXT, ("tipo de actor", "stakeholder", "actor", "type of stakeholder")),
        Column("unit", ENUM, ("unidad de conteo", "counted", "unit of count")),
        Column("note", TEXT, ("observación", "observacion", "observaciones", "observation", "observations",
                              "comment", "comments", "comentario", "comentarios", "notes", "notas")),
        DMOP_COL,
        Column("shareable", BOOL, ("compartible",)),
    ),
    required=("country", "question", "answer", "n"),
    signatures=(("question", "answer", "n"),),
    fill_down=FILL_DOWN,
))

RESPONDENTS = _table(Table(
    "respondents",
    (
        COUNTRY_COL,
        Column("institution", TEXT, ("department/agency", "dependencia", "institución", "agency",
                                     "department", "unidad", "unit", "workplace", "lugar de trabajo",
                                     "department / agency")),
        Column("organization", TEXT, ("ministry/organization", "ministry / organization", "ministry",
                                      "ministerio", "organización", "organisation", "ministerio/organización")),
        Column("stakeholder_group", TEXT, ("grupo", "group", "stakeholder group", "grupo de actores")),
        Column("stakeholder_type", TEXT, ("tipo de actor", "stakeholder type", "type of stakeholder")),
        GENDER_COL,
        Column("n", INT, ("# of respondents", "number of respondents", "respondents", "número", "numero",
                          "cantidad", "# de entrevistados", "entrevistados", "n° de entrevistados",
                          "no. of respondents", "count", "key informants", "# of key informants")),
    ),
    required=("country", "institution", "n"),
    signatures=(("institution", "n"),),
    fill_down=FILL_DOWN,
    section_column="stakeholder_group",
))

DMOP_STATUS = _table(Table(
    "dmop_status",
    (
        COUNTRY_COL,
        Column("dmop", TEXT, ("modelo", "dmop name", "model", "modelo de práctica", "dmops")),
        Column("dmop_type", ENUM, ("tipo", "type", "dmop type", "tipo de dmop")),
        Column("outcome", INT, ("resultado", "outcome no", "outcome number")),
        Column("step", INT, ("paso", "step no", "current step", "paso actual")),
        Column("step_label", TEXT, ("step label", "etiqueta del paso")),
        Column("status_note", TEXT, ("status", "estado", "status note", "situación", "situacion",
                                     "estado actual", "current status")),
        Column("as_of", DATE, ("fecha", "date", "as of", "al", "fecha de corte", "a la fecha")),
    ),
    required=("country", "dmop"),
    signatures=(("dmop", "status_note"), ("dmop", "step")),
    fill_down=FILL_DOWN,
    section_column="dmop_type",
))

DMOP_MILESTONES = _table(Table(
    "dmop_milestones",
    (
        COUNTRY_COL, DMOP_COL,
        Column("step", INT, ("paso", "step no")),
        Column("planned_date", DATE, ("planned", "fecha planificada", "fecha prevista", "planificado",
                                      "plan date", "previsto")),
        Column("actual_date", DATE, ("actual", "fecha real", "real", "achieved", "logrado", "fecha efectiva")),
        Column("note", TEXT, ("nota", "observación", "observacion", "comment", "milestone", "hito",
                              "description", "descripción")),
    ),
    required=("country", "dmop", "step"),
    signatures=(("dmop", "step", "planned_date"), ("dmop", "step", "actual_date")),
    fill_down=FILL_DOWN,
))

INDICATORS = _table(Table(
    "indicators",
    (
        Column("indicator", TEXT, ("indicador", "indicator id", "id", "code", "código")),
        Column("name", TEXT, ("nombre", "indicator name", "description", "descripción")),
        Column("unit", ENUM, ("unidad", "unit of measure")),
        Column("outcome", INT, ("resultado",)),
        DMOP_COL,
    ),
    required=("indicator",),
    signatures=(("indicator", "name"),),
))

TARGETS = _table(Table(
    "targets",
    (
        COUNTRY_COL,
        Column("indicator", TEXT, ("indicador", "indicator id", "code", "código")),
        Column("period", TEXT, ("periodo", "período", "year", "año", "fiscal year", "fy")),
        Column("target", NUMBER, ("meta", "objetivo", "target value", "valor meta")),
        DMOP_COL,
        Column("unit", ENUM, ("unidad",)),
    ),
    required=("country", "indicator", "period", "target"),
    signatures=(("indicator", "target"),),
))

DMOPS = _table(Table(
    "dmops",
    (
        COUNTRY_COL,
        DMOP_COL,
        Column("alias", TEXT, ("alias", "also known as", "otro nombre", "variante", "spelling")),
    ),
    required=("dmop", "alias"),
    signatures=(("dmop", "alias"),),
    fill_down=FILL_DOWN,
))

# The data texts (DMOP names, activities, institutions, interview questions and answers) in each interface
# language: an optional sheet `text, es, en, th` (README "Data text in the room's language"). `text` is matched
# as DMOP aliases are (case, accents and punctuation ignored); an empty language cell leaves the text as it is.
TRANSLATIONS = _table(Table(
    "translations",
    (
        Column("text", TEXT, ("texto", "original", "original text", "texto original", "source text", "data text",
                              "term", "término", "termino", "ข้อความ", "ข้อความต้นฉบับ")),
        Column("es", TEXT, ("spanish", "español", "espanol", "castellano", "in spanish", "en español", "ภาษาสเปน")),
        Column("en", TEXT, ("english", "inglés", "ingles", "in english", "en inglés", "ภาษาอังกฤษ")),
        Column("th", TEXT, ("thai", "tailandés", "tailandes", "ไทย", "ภาษาไทย", "in thai", "en tailandés")),
    ),
    required=("text",),
    signatures=(("text", "es"), ("text", "en"), ("text", "th")),
))

TEST_ITEMS_COLUMNS = ("country", "dmop", "activity", "participant_key", "test_type", "item", "correct")

# Columns every stored row keeps.
SOURCE_COLUMNS = ("source_file", "source_sheet", "source_row")

# What is finally stored per table (after pseudonymization and derivations).
STORED_COLUMNS: dict[str, tuple[str, ...]] = {
    "attendance": ("country", "dmop", "activity", "session_date", "session", "participant_key",
                   "institution", "organization", "gender", "role", "modality", "attended", "excused", "region"),
    "events": ("country", "dmop", "activity", "start_date", "end_date", "modality", "participants",
               "female", "male", "institution", "organization", "institutions", "date_precision", "region",
               "is_breakdown"),
    "tests": ("country", "dmop", "activity", "participant_key", "test_type", "score", "max_score",
              "test_date", "institution", "gender"),
    "test_items": TEST_ITEMS_COLUMNS,
    "kii_answers": ("country", "respondent_id", "stakeholder_type", "institution", "gender", "question",
                    "answer", "criterion", "dmop", "note", "shareable"),
    "kii_counts": ("country", "question", "answer", "n", "criterion", "stakeholder_type", "unit", "note",
                   "dmop", "shareable", "question_order"),
    "respondents": ("country", "institution", "organization", "stakeholder_group", "stakeholder_type",
                    "gender", "n"),
    "dmop_status": ("country", "dmop", "dmop_type", "outcome", "step", "step_label", "status_note", "as_of"),
    "dmop_milestones": ("country", "dmop", "step", "planned_date", "actual_date", "note"),
    "indicators": ("indicator", "name", "unit", "outcome", "dmop"),
    "targets": ("country", "indicator", "period", "year", "target", "dmop", "unit"),
    "dmops": ("country", "dmop", "alias"),
    "translations": ("text", "es", "en", "th"),
    "rejected": ("table_name", "source_file", "source_sheet", "source_row", "column_name", "value",
                 "reason", "severity", "code", "reason_fields"),
}

# Tables whose rows carry a dmop name that the dmops alias sheet may rename.
DMOP_TABLES = ("attendance", "events", "tests", "test_items", "kii_answers", "kii_counts", "dmop_status",
               "dmop_milestones", "targets", "indicators")

COUNTRIES = ("Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia")

STEPS = {
    1: "Body of Knowledge",
    2: "Pre-Situational Analysis",
    3: "Stakeholder consultation",
    4: "Workgroups design the model",
    5: "Pilot",
    6: "Evaluate and refine",
    7: "Validate with stakeholders",
    8: "Implement refined model",
    9: "Institutionalize",
}

KEY_INDICATORS = (
    ("KI-1", "Activities implemented to strengthen the labor and/or criminal judicial system", "#", None),
    ("KI-2", "Individuals provided with training or other support", "#", None),
    ("KI-3", "Evidence-based coordination models that address institutional priorities", "#", 3),
)

# Canonical answer labels in display order (Yes, Partially, No first, as the charts show them).
ANSWER_ORDER = ("Yes", "Partially", "No", "Don't know", "Only positive", "Positive and negative",
                "Only negative")

CRITERIA = ("Relevance", "Effectiveness", "Efficiency", "Sustainability", "Impact", "Coherence")

# Folder names that force a table (data/raw/attendance/...).
FOLDER_TABLES = {name: name for name in TABLES} | {
    "kii_tally": "kii_counts", "asistencia": "attendance", "eventos": "events", "pruebas": "tests",
    "entrevistas": "kii_answers", "metas": "targets", "indicadores": "indicators",
}
