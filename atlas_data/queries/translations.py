"""The data texts and their translations: the `translations` sheets' rows, and every text of the data a page
or slide shows (DMOP names, activities, institutions, interview questions, answers and notes). Page: Data; used by
``reports.translate`` on every page, slide and download."""
from __future__ import annotations

import pandas as pd

from atlas_data.queries import sql
from atlas_data.queries.sql import Filters

#: Where a data text is read: (table, column, what it is, in English words of the catalog).
DATA_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("dmop_status", "dmop", "DMOP"), ("dmop_milestones", "dmop", "DMOP"), ("events", "dmop", "DMOP"),
    ("attendance", "dmop", "DMOP"), ("tests", "dmop", "DMOP"), ("kii_counts", "dmop", "DMOP"),
    ("kii_answers", "dmop", "DMOP"),
    ("events", "activity", "Activity"), ("attendance", "activity", "Activity"), ("tests", "activity", "Activity"),
    ("events", "institution", "Institution"), ("attendance", "institution", "Institution"),
    ("tests", "institution", "Institution"), ("respondents", "institution", "Institution"),
    ("kii_answers", "institution", "Institution"),
    ("events", "organization", "Organization"), ("attendance", "organization", "Organization"),
    ("respondents", "organization", "Organization"),
    ("respondents", "stakeholder_group", "Stakeholder group"), ("respondents", "stakeholder_type", "Stakeholder type"),
    ("kii_counts", "stakeholder_type", "Stakeholder type"), ("kii_answers", "stakeholder_type", "Stakeholder type"),
    ("kii_counts", "question", "Question"), ("kii_answers", "question", "Question"),
    ("kii_counts", "answer", "Answer"), ("kii_answers", "answer", "Answer"),
    ("indicators", "name", "Indicator"),
    ("kii_counts", "note", "Note"), ("kii_answers", "note", "Note"), ("dmop_status", "status_note", "Note"),
    ("dmop_milestones", "note", "Note"),
)


def translations(con, filters: Filters | None = None) -> pd.DataFrame:
    """Every row of the `translations` sheets, first file first. Columns: text, text_key, es, en, th,
    source_file, source_row. ``filters`` do not apply (a text is translated in every country)."""
    return sql.run(con, """
SELECT text, text_key, es, en, th, source_file, source_row FROM translations
WHERE text IS NOT NULL ORDER BY source_file, source_sheet, source_row""")


def data_texts(con, filters: Filters | None = None) -> pd.DataFrame:
    """Every distinct data text, with what it is and the countries it appears in. Columns: kind (DMOP,
    Activity, …), text, countries (", "-joined), rows. ``filters.countries`` narrows."""
    parts, params = [], []
    for table, column, kind in DATA_TEXTS:
        has_country = table != "indicators"
        w, p = sql.conditions(filters, dmop=None) if has_country else ([], [])
        w = w + [f"{column} IS NOT NULL", f"trim(CAST({column} AS VARCHAR)) <> ''"]
        country = "country" if has_country else "NULL::VARCHAR"
        parts.append(f"SELECT ? AS kind, CAST({column} AS VARCHAR) AS text, {country} AS country FROM {table} {sql.where(w)}")
        params += [kind, *p]
    query = ("SELECT kind, text, string_agg(DISTINCT country, ', ' ORDER BY country) AS countries, "
             "count(*)::BIGINT AS rows FROM (\n" + "\nUNION ALL\n".join(parts) + "\n) GROUP BY kind, text ORDER BY kind, text")
    return sql.run(con, query, params)
