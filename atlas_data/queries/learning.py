"""Test results and item difficulty. Page: Learning."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data import metrics
from atlas_data.queries import sql
from atlas_data.queries.sql import NO_FILTERS, Filters


def learning(con, filters: Filters | None = None) -> pd.DataFrame:
    """Test results per activity, as % of each test's maximum score. Page: Learning.

    A participant's score per test type is the mean of their attempts. Columns: country, dmop,
    activity, pre_n, pre_mean, post_n, post_mean, follow_up_n, follow_up_mean, paired (participants
    with pre and post), pre_mean_paired, post_mean_paired, mean_gain (post − pre in points, paired),
    improved, share_improved, follow_up_paired, follow_up_gain (follow-up − pre, paired),
    retention (follow-up − post, paired). Dates narrow ``test_date``.
    """
    where, params = sql.conditions(filters, date_col="test_date")
    query = f"""
WITH pct AS (
    SELECT country, dmop, activity, participant_key, test_type,
           AVG(100.0 * score / NULLIF(COALESCE(max_score, 100.0), 0)) AS pct
    FROM tests
    WHERE score IS NOT NULL AND participant_key IS NOT NULL{sql.and_(where)}
    GROUP BY ALL
),
person AS (
    SELECT country, dmop, activity, participant_key,
           MAX(pct) FILTER (WHERE test_type = 'pre') AS pre,
           MAX(pct) FILTER (WHERE test_type = 'post') AS post,
           MAX(pct) FILTER (WHERE test_type = 'follow_up') AS follow_up
    FROM pct GROUP BY ALL
)
SELECT country, dmop, activity,
       COUNT(pre)::BIGINT AS pre_n, AVG(pre) AS pre_mean,
       COUNT(post)::BIGINT AS post_n, AVG(post) AS post_mean,
       COUNT(follow_up)::BIGINT AS follow_up_n, AVG(follow_up) AS follow_up_mean,
       COUNT(*) FILTER (WHERE pre IS NOT NULL AND post IS NOT NULL)::BIGINT AS paired,
       AVG(pre) FILTER (WHERE post IS NOT NULL) AS pre_mean_paired,
       AVG(post) FILTER (WHERE pre IS NOT NULL) AS post_mean_paired,
       AVG(post - pre) AS mean_gain,
       COUNT(*) FILTER (WHERE post > pre)::BIGINT AS improved,
       COUNT(*) FILTER (WHERE pre IS NOT NULL AND follow_up IS NOT NULL)::BIGINT AS follow_up_paired,
       AVG(follow_up - pre) AS follow_up_gain,
       AVG(follow_up - post) AS retention
FROM person
GROUP BY country, dmop, activity
"""
    df = sql.run(con, query, params)
    df["share_improved"] = metrics.share(df["improved"], df["paired"])
    cols = ["country", "dmop", "activity", "pre_n", "pre_mean", "post_n", "post_mean", "follow_up_n",
            "follow_up_mean", "paired", "pre_mean_paired", "post_mean_paired", "mean_gain", "improved",
            "share_improved", "follow_up_paired", "follow_up_gain", "retention"]
    return sql.country_sort(df[cols], "dmop", "activity")


def item_difficulty(con, filters: Filters | None = None, test_type: str | Sequence[str] | None = None,
                    activity: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Share of correct answers per test item (low share = hard item). Page: Learning.

    Columns: country, dmop, activity, test_type, item, answered, correct, share_correct; items in
    natural order (Q2 before Q10). ``test_items`` has no date: with a date filter, an item counts
    when the participant's test of that type is dated within the range.
    """
    f = filters or NO_FILTERS
    where, params = sql.conditions(f, alias="i")
    for col, values in (("i.test_type", test_type), ("i.activity", activity)):
        clause, p = sql.in_list(col, values)
        if clause:
            where.append(clause)
            params += p
    date_where, date_params = sql.conditions(Filters(date_from=f.date_from, date_to=f.date_to),
                                          alias="t", country=None, dmop=None, date_col="test_date")
    if date_where:
        where.append(f"""EXISTS (
        SELECT 1 FROM tests t
        WHERE t.country = i.country AND t.activity = i.activity AND t.participant_key = i.participant_key
          AND t.test_type = i.test_type{sql.and_(date_where)})""")
        params += date_params
    query = f"""
SELECT * FROM (
    SELECT i.country, i.dmop, i.activity, i.test_type, i.item,
           COUNT(*)::BIGINT AS answered,
           COUNT(*) FILTER (WHERE i.correct)::BIGINT AS correct
    FROM test_items i
    WHERE i.correct IS NOT NULL{sql.and_(where)}
    GROUP BY i.country, i.dmop, i.activity, i.test_type, i.item
)
ORDER BY country, dmop, activity, test_type,
         TRY_CAST(regexp_extract(item, '(\\d+)', 1) AS INTEGER) NULLS LAST, item
"""
    df = sql.run(con, query, params)
    df["share_correct"] = metrics.share(df["correct"], df["answered"])
    return sql.country_sort(df)
