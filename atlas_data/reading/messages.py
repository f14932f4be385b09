"""Rejection reasons: a code and a template with named fields (file, sheet, row, column, value, ...).

The `rejected` table stores the code and the English text; `render(code, lang="es", ...)` gives the Spanish.
A `detail` that quotes a cell's value has it from `privacy.quoted`: a value that could be personal is never in it.
"""
from __future__ import annotations

TEMPLATES = {
    "en": {
        "missing_column": "{where}: no column for {column} (also accepted: {aliases}); add the column, a "
                          "\"{column}:\" cell above the header, or fill it in for the whole file on the Data page",
        "no_country": "{where}: the country is not in the rows, the sheet name or the file name; add a Country/País "
                      "column, a \"País:\" cell above the header, or put the country in the file name",
        "missing_value": "{where}: {column} is empty; fill it in and upload the file again",
        "bad_value": "{where}, {column}: {detail}; fix it in the file and upload it again",
        "check_failed": "{where}: {column} {detail}; fix it in the file and upload it again",
        "parts_disagree": "{where}: \"{what}\" has {total} participants but its per-institution rows add up to "
                          "{parts}; both figures are kept",
        "total_disagrees": "{where}: the total {total} does not match the sum of the rows above it ({parts}); the "
                           "rows are kept",
        "unknown_mark": "{where}: {column}: the attendance mark {mark} is not known, so it counts as not attended; "
                        "use P, X or ✓ (present), F, A or 0 (absent), J, Justificado or Vacaciones (excused), "
                        "Cancelado (cancelled)",
        "session_cancelled": "{where}: session \"{session}\" was cancelled (every mark in its column says so); "
                             "not counted",
        "no_table": "{where}: matches no table (skipped); its header row must name the contract's columns",
        "unreadable": "{where}: {detail}",
        "single_word_names": "{where}: most people are named by one word only (a first name?), and there is no ID "
                             "or e-mail column, so people who share that name are counted as one; add the surname "
                             "or ID column to the file and upload it again",
    },
    "es": {
        "missing_column": "{where}: falta la columna {column} (también se acepta: {aliases}); agregue la columna, una "
                          "celda \"{column}:\" sobre el encabezado, o complétela para todo el archivo en la página Datos",
        "no_country": "{where}: el país no está en las filas, ni en el nombre de la hoja o del archivo; agregue una "
                      "columna País, una celda \"País:\" sobre el encabezado, o ponga el país en el nombre del archivo",
        "missing_value": "{where}: {column} está vacío; complételo y vuelva a subir el archivo",
        "bad_value": "{where}, {column}: {detail}; corríjalo en el archivo y vuelva a subirlo",
        "check_failed": "{where}: {column} {detail}; corríjalo en el archivo y vuelva a subirlo",
        "parts_disagree": "{where}: \"{what}\" tiene {total} participantes pero sus filas por institución suman "
                          "{parts}; se conservan ambas cifras",
        "total_disagrees": "{where}: el total {total} no coincide con la suma de las filas de arriba ({parts}); se "
                           "conservan las filas",
        "unknown_mark": "{where}: {column}: la marca de asistencia {mark} no se reconoce, así que cuenta como "
                        "ausencia; use P, X o ✓ (presente), F, A o 0 (falta), J, Justificado o Vacaciones "
                        "(justificada), Cancelado (sesión cancelada)",
        "session_cancelled": "{where}: la sesión \"{session}\" fue cancelada (todas las marcas de su columna lo "
                             "dicen); no se cuenta",
        "no_table": "{where}: no corresponde a ninguna tabla (omitida); su encabezado debe nombrar las columnas del "
                    "contrato",
        "unreadable": "{where}: {detail}",
        "single_word_names": "{where}: la mayoría de las personas figura con una sola palabra (¿el nombre de pila?) "
                             "y no hay columna de documento ni de correo, así que quienes comparten ese nombre se "
                             "cuentan como una sola persona; agregue al archivo la columna de apellido o documento "
                             "y vuelva a subirlo",
    },
}


def where(file: str, sheet: str | None = None, row: int | None = None, lang: str = "en") -> str:
    """`Asistencia 2021.xlsx, sheet "ToT", row 14`: the place a person looks at."""
    sheet_word, row_word = ("hoja", "fila") if lang == "es" else ("sheet", "row")
    text = file
    if sheet:
        text += f', {sheet_word} "{sheet}"'
    if row is not None:
        text += f", {row_word} {row}"
    return text


class _Blank(dict):
    def __missing__(self, key):
        return ""


def render(code: str, lang: str = "en", file: str = "", sheet: str | None = None, row: int | None = None,
           **fields) -> str:
    template = TEMPLATES.get(lang, TEMPLATES["en"]).get(code) or TEMPLATES["en"].get(code, "{where}: {detail}")
    if not fields.get("column"):
        template = template.replace(", {column}:", ":")
    return template.format_map(_Blank(where=where(file, sheet, row, lang), **fields))
