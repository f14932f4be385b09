"""Key-informant interviews: answers, notes, cross-tabs, who was interviewed. Page: Evaluation findings."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data import metrics
from atlas_data.contract import ANSWER_ORDER
from atlas_data.queries import sql
from atlas_data.queries.sql import Filters


#: Tallies that describe who was interviewed rather than what they answered (see docs/builtin_data.md):
#: the Evaluation findings page shows them under "Who was interviewed", not as answers.
KII_PROFILE_QUESTIONS: tuple[str, ...] = (
    "Key informants by stakeholder type", "Key informants by gender", "Workshop attendance of key informants")


def _kii_where(filters: Filters | None, criterion, stakeholder_type, question, unit=None,
               alias: str = "", profile: bool | None = None) -> tuple[list[str], list]:
    """WHERE fragments for the KII queries; ``profile`` True keeps only ``KII_PROFILE_QUESTIONS``,
    False leaves them out, None keeps every question."""
    a = f"{alias}." if alias else ""
    where, params = sql.conditions(filters, alias=alias, dmop_nullable=True)
    for col, values in (("criterion", criterion), ("stakeholder_type", stakeholder_type),
                        ("question", question), ("unit", unit)):
        clause, p = sql.in_list(a + col, values)
        if clause:
            where.append(clause)
            params += p
    if profile is not None:
        names = [q.lower() for q in KII_PROFILE_QUESTIONS]
        where.append(f"{'' if profile else 'NOT '}COALESCE(lower(trim({a}question)) IN ({sql.placeholders(names)}), FALSE)")
        params += names
    return where, params


def kii_distribution(con, filters: Filters | None = None, criterion=None, stakeholder_type=None,
                     question=None, unit: str | None = None, profile: bool | None = None) -> pd.DataFrame:
    """Answers per question (counts and shares), from ``kii_tally``. Page: Key informants.

    ``criterion``, ``stakeholder_type``, ``question``, ``unit`` (respondents | comments) each take
    one value or a list. Respondent counts and comment counts are never added together.
    Columns: country, question, question_order, criterion, unit, answer, n, share (of the
    question's answers in that country and unit). Paraguay, "Are you familiar with the ATLAS
    Project?": Yes 27, Partially 1, No 0. ``profile``: see ``_kii_where`` (False: answers only).
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, question, unit, profile=profile)
    query = f"""
SELECT country, question, MIN(question_order) AS question_order, MAX(criterion) AS criterion,
       COALESCE(unit, 'respondents') AS unit, answer, SUM(n)::BIGINT AS n, MIN(source_file) AS first_source
FROM kii_tally
{sql.where(where)}
GROUP BY country, question, COALESCE(unit, 'respondents'), answer
"""
    df = sql.run(con, query, params)
    df["share"] = metrics.share(df["n"], df.groupby(["country", "question", "unit"])["n"].transform("sum"))
    df = _order_questions(df)
    return df[["country", "question", "question_order", "criterion", "unit", "answer", "n", "share"]]


def _order_questions(df: pd.DataFrame) -> pd.DataFrame:
    """Questions as the questionnaire lists them: per country, respondent counts before comment
    counts (an assessment matrix numbers its aspects from 1 again), then file, then
    ``question_order``; answers in the fixed order (Yes, Partially, No …)."""
    if df.empty:
        return df.reset_index(drop=True)
    rank = {a: i for i, a in enumerate(ANSWER_ORDER)}
    keys = ["country", "question"]
    units = df["unit"] if "unit" in df.columns else df.get("units", pd.Series("respondents", index=df.index))
    comment_only = ~units.fillna("respondents").str.contains("respondents")
    ordered = df.assign(
        __u=comment_only.astype(int).groupby([df[k] for k in keys]).transform("min"),
        __s=df["first_source"].fillna("").groupby([df[k] for k in keys]).transform("min"),
        __q=df["question_order"].fillna(1e9).groupby([df[k] for k in keys]).transform("min"),
        __a=df["answer"].map(lambda a: rank.get(a, 99)) if "answer" in df.columns else 0)
    ordered = sql.country_sort(ordered, "__u", "__s", "__q", "question", "unit", "stakeholder_type", "__a", "answer")
    return ordered.drop(columns=["__u", "__s", "__q", "__a", "first_source"])


def kii_questions(con, filters: Filters | None = None, criterion=None, stakeholder_type=None,
                  profile: bool | None = None) -> pd.DataFrame:
    """The questions asked, in questionnaire order, for the question picker. Page: Key informants.

    Columns: country, question, question_order, criterion, answers (total n), units.
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, None, profile=profile)
    query = f"""
SELECT country, question, MIN(question_order) AS question_order, MAX(criterion) AS criterion,
       SUM(n)::BIGINT AS answers,
       string_agg(DISTINCT COALESCE(unit, 'respondents'), ', ' ORDER BY COALESCE(unit, 'respondents') DESC) AS units,
       MIN(source_file) AS first_source
FROM kii_tally
{sql.where(where)}
GROUP BY country, question
"""
    df = _order_questions(sql.run(con, query, params))
    return df[["country", "question", "question_order", "criterion", "answers", "units"]]


def kii_notes(con, filters: Filters | None = None, criterion=None, stakeholder_type=None, question=None,
              shareable_only: bool = False, profile: bool | None = None) -> pd.DataFrame:
    """Notes and quotes per question. Page: Key informants (workshop mode: ``shareable_only=True``).

    From ``kii_answers.note`` and from notes given with counted tallies (``kii_tally`` rows of
    files that are not interview sheets, so an interview note is not listed twice; such a note
    belongs to the question, so its ``answer`` is empty and it is listed once). No respondent
    id is returned. Columns: country, question, answer, stakeholder_type, criterion, note,
    shareable, source_file.
    """
    a_where, a_params = _kii_where(filters, criterion, stakeholder_type, question, profile=profile)
    t_where, t_params = _kii_where(filters, criterion, stakeholder_type, question, alias="k", profile=profile)
    share_clause = "AND COALESCE(shareable, FALSE)" if shareable_only else ""
    query = f"""
SELECT country, question, answer, stakeholder_type, criterion, note,
       COALESCE(shareable, FALSE) AS shareable, source_file
FROM kii_answers
WHERE note IS NOT NULL AND trim(note) <> '' {share_clause}{sql.and_(a_where)}
UNION
SELECT k.country, k.question, NULL AS answer, MAX(k.stakeholder_type), MAX(k.criterion), k.note,
       bool_or(COALESCE(k.shareable, FALSE)) AS shareable, MIN(k.source_file)
FROM kii_tally k
WHERE k.note IS NOT NULL AND trim(k.note) <> '' {share_clause.replace('shareable', 'k.shareable')}
  AND COALESCE(k.source_file, '') NOT IN (
        SELECT DISTINCT source_file FROM kii_answers WHERE source_file IS NOT NULL){sql.and_(t_where)}
GROUP BY k.country, k.question, k.note
"""
    df = sql.run(con, query, a_params + t_params)
    order = kii_questions(con, filters)
    if not df.empty:
        position = {(c, qn): i for i, (c, qn) in enumerate(zip(order["country"], order["question"]))}
        df["__p"] = [position.get(k, len(position)) for k in zip(df["country"], df["question"])]
        df = sql.country_sort(df, "__p", "question", "answer", "note").drop(columns="__p")
    return df[["country", "question", "answer", "stakeholder_type", "criterion", "note", "shareable",
               "source_file"]].reset_index(drop=True)


def kii_crosstab(con, filters: Filters | None = None, criterion=None, question=None,
                 unit: str | None = "respondents", stakeholder_type=None, profile: bool | None = None) -> pd.DataFrame:
    """Answers per question and stakeholder type (decision-maker, participant, staff …).
    Page: Key informants (cross-tab).

    Long frame: country, question, question_order, stakeholder_type (``None`` where a tally was
    given without it), answer, n, share (within question × stakeholder type). Pivot to show.
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, question, unit, profile=profile)
    query = f"""
SELECT country, question, MIN(question_order) AS question_order, stakeholder_type,
       COALESCE(unit, 'respondents') AS unit, answer, SUM(n)::BIGINT AS n, MIN(source_file) AS first_source
FROM kii_tally
{sql.where(where)}
GROUP BY country, question, stakeholder_type, COALESCE(unit, 'respondents'), answer
"""
    df = sql.run(con, query, params)
    df["share"] = metrics.share(
        df["n"], df.groupby(["country", "question", "stakeholder_type", "unit"], dropna=False)["n"].transform("sum"))
    df = _order_questions(df)
    return df[["country", "question", "question_order", "stakeholder_type", "unit", "answer", "n", "share"]]


def kii_profile(con, filters: Filters | None = None) -> pd.DataFrame:
    """Who was interviewed, as the report tallies it (``KII_PROFILE_QUESTIONS``: by stakeholder
    type, by gender, workshops attended). Page: Evaluation findings (who was interviewed).

    Columns: country, breakdown (the tally's question), group (its answer label), respondents.
    Paraguay by stakeholder type: 10 decision-makers, 22 participants, 4 project staff (= 36).
    """
    df = kii_distribution(con, filters, profile=True)
    out = df.rename(columns={"question": "breakdown", "answer": "group", "n": "respondents"})
    return out[["country", "breakdown", "group", "respondents"]].reset_index(drop=True)


def kii_pivot(df: pd.DataFrame, rows: Sequence[str], columns: Sequence[str], share: bool = False) -> pd.DataFrame:
    """``kii_crosstab``'s long frame turned into the table an evaluator asks for: ``rows`` down,
    ``columns`` across (several column fields are joined with " · "), the answers counted (``n``)
    in the cells, 0 where nothing was counted; ``share=True`` gives each cell as a share of its
    row (metrics.share). Page: Evaluation findings (cross-tab).

    Rows and columns keep the frame's order (questionnaire order; answers Yes, Partially, No …).
    A field may not be both a row and a column.
    """
    rows, columns = list(rows), list(columns)
    value = "n"
    if not rows or set(rows) & set(columns):
        raise ValueError(f"kii_pivot: pick at least one row field and different column fields ({rows}, {columns})")
    unknown = [c for c in rows + columns + [value] if c not in df.columns]
    if unknown:
        raise ValueError(f"kii_pivot: {unknown} not in the frame {list(df.columns)}")
    if df.empty:
        return pd.DataFrame(columns=rows)
    data = df[rows + columns + [value]].copy()
    answer_rank = {a: i for i, a in enumerate(ANSWER_ORDER)}
    rank: dict[str, dict[str, tuple]] = {}
    for col in rows + columns:
        data[col] = data[col].astype("object").where(data[col].notna(), "–").astype(str)
        first = {v: i for i, v in reversed(list(enumerate(data[col])))}
        rank[col] = {v: (answer_rank.get(v, len(answer_rank)) if col == "answer" else 0, i) for v, i in first.items()}

    def in_order(keys: list[tuple], fields: list[str]) -> list[tuple]:
        return sorted(dict.fromkeys(keys), key=lambda k: tuple(rank[f][v] for f, v in zip(fields, k)))

    if columns:
        col_keys = in_order(list(data[columns].itertuples(index=False, name=None)), columns)
        col_order = [" · ".join(k) for k in col_keys]
        data["__col"] = data[columns].agg(" · ".join, axis=1)
    else:
        data["__col"] = value
        col_order = [value]
    row_order = in_order(list(data[rows].itertuples(index=False, name=None)), rows)
    table = data.pivot_table(index=rows, columns="__col", values=value, aggfunc="sum", fill_value=0, sort=False)
    table = table.reindex(index=pd.MultiIndex.from_tuples(row_order, names=rows) if len(rows) > 1
                          else pd.Index([r[0] for r in row_order], name=rows[0]), columns=col_order, fill_value=0)
    table.columns.name = None
    if share:
        table = table.astype("float64").apply(lambda col: metrics.share(col, table.sum(axis=1)))
    return table.reset_index()


#: How the Evaluation findings page may order its questions (besides by one answer: ``n:No``, ``share:No``).
KII_QUESTIONNAIRE_ORDER = "questionnaire"


def kii_sort(df: pd.DataFrame, order: str = KII_QUESTIONNAIRE_ORDER) -> pd.DataFrame:
    """``kii_distribution``'s frame with its questions reordered: ``questionnaire`` (as it comes), or
    ``n:<answer>`` / ``share:<answer>``: most of that answer first (count, or share of the question's
    answers), ties in questionnaire order. Within each country. Page: Evaluation findings ("most No first").
    """
    if df.empty or order == KII_QUESTIONNAIRE_ORDER:
        return df
    measure, _, answer = order.partition(":")
    if measure not in ("n", "share") or not answer:
        raise ValueError(f"kii_sort: order {order!r} is not 'questionnaire', 'n:<answer>' or 'share:<answer>'")
    keys = ["country", "question", "unit"] if "unit" in df.columns else ["country", "question"]
    first = {k: i for i, k in reversed(list(enumerate(df[keys].itertuples(index=False, name=None))))}
    picked = df[df["answer"] == answer].groupby(keys, dropna=False)[measure].sum()
    key = [(-float(picked.get(k, 0) or 0), first[k]) for k in df[keys].itertuples(index=False, name=None)]
    ordered = df.assign(__k=key, __i=range(len(df))).sort_values(["__k", "__i"], kind="stable")
    return sql.country_sort(ordered.drop(columns=["__k", "__i"]))


_RESPONDENT_DIMS = {d: d for d in ("stakeholder_group", "organization", "institution", "stakeholder_type",
                                   "gender")}


def respondents_summary(con, filters: Filters | None = None,
                        by: Sequence[str] | str = ("stakeholder_group", "organization", "institution")
                        ) -> pd.DataFrame:
    """Key informants interviewed, per country and ``by`` (stakeholder_group, organization,
    institution, stakeholder_type, gender). Page: Key informants (profile).

    Columns: country, [by…], respondents. Paraguay's profile table: 35 respondents.
    DMOP filters do not apply (the table has no DMOP).
    """
    dims = sql.grouping(by, _RESPONDENT_DIMS, "respondents_summary")
    where, params = sql.conditions(filters, dmop=None)
    group = ", ".join(["country", *dims])
    query = f"""
SELECT {group}, SUM(n)::BIGINT AS respondents, MIN(source_row) AS first_row
FROM respondents
{sql.where(where)}
GROUP BY {group}
"""
    df = sql.run(con, query, params)
    if df.empty:
        return df.drop(columns="first_row")
    # groups in the order the profile table lists them; within a group, most respondents first
    keys = ["country", "stakeholder_group"] if "stakeholder_group" in dims else ["country"]
    df["__g"] = df.groupby(keys, dropna=False)["first_row"].transform("min")
    df["__r"] = -df["respondents"]
    return sql.country_sort(df, "__g", "__r", *dims).drop(columns=["__g", "__r", "first_row"])
