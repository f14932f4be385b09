"""How two store versions differ, per table and country: what a rollback would change, and for whom.

A country data manager may roll back only when every row that changes belongs to a country they manage
(`countries_changed`); the Data page and `python -m atlas_data versions` show the same table.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from atlas_data import contract as C
from atlas_data.store.versions import current_dir, file_id

COUNTRY_TABLES = tuple(name for name, cols in C.STORED_COLUMNS.items() if "country" in cols)


def rows_by_country(version_dir: Path) -> pd.DataFrame:
    """Per stored table and country of one version: rows, and a fingerprint of their content (a sum of row
    hashes), so a rollback that changes values without changing counts is seen too."""
    con = duckdb.connect()
    parts = []
    try:
        for table in C.STORED_COLUMNS:
            files = [str(p) for p in sorted((Path(version_dir) / table).glob("*.parquet"))]
            if table == "rejected" or not files:
                continue
            country = "coalesce(CAST(t.country AS VARCHAR), '')" if table in COUNTRY_TABLES else "''"
            found = con.execute(f"SELECT {country} AS country, count(*) AS rows, "
                                "CAST(sum(hash(t)::HUGEINT) AS VARCHAR) AS content "
                                "FROM read_parquet($files, union_by_name = true) t GROUP BY 1", {"files": files}).df()
            parts.append(found.assign(table=table))
    finally:
        con.close()
    columns = ["table", "country", "rows", "content"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def compare(root, version: str) -> pd.DataFrame:
    """Rows per table and country now and in `version`, where they differ: table, country, rows_now,
    rows_then, change (then minus now: what a rollback to `version` does); a row per table and country whose
    rows differ in number or content."""
    from atlas_data.store import remote

    name = version if version.startswith("v") else f"v{int(version):06d}"
    then_dir = remote.kept_version(root, name) if remote.is_remote(root) else Path(root) / name
    root = remote.local_root(root)
    now_dir = current_dir(root)
    now = rows_by_country(now_dir) if now_dir is not None else rows_by_country(root / "missing")
    then = rows_by_country(then_dir)
    both = now.merge(then, on=["table", "country"], how="outer", suffixes=("_now", "_then")).fillna(
        {"rows_now": 0, "rows_then": 0, "content_now": "", "content_then": ""})
    both[["rows_now", "rows_then"]] = both[["rows_now", "rows_then"]].astype("int64")
    both["change"] = both["rows_then"] - both["rows_now"]
    differ = both[both["content_now"] != both["content_then"]]
    return differ.drop(columns=["content_now", "content_then"]).sort_values(["table", "country"]).reset_index(drop=True)


def countries_changed(differences: pd.DataFrame) -> list[str]:
    """The countries whose rows a rollback changes ('' for rows without a country: only an admin's)."""
    return sorted(set(differences["country"])) if not differences.empty else []


def countries_of_file(root, rel: str) -> list[str]:
    """The countries the current version's rows from one raw file name (each table stores a file's rows under
    its file id): whose data withdrawing that file changes. '' stands for rows without a country."""
    from atlas_data.store.remote import local_root

    folder = current_dir(local_root(root))
    if folder is None:
        return []
    files = [str(p) for table in C.STORED_COLUMNS if table != "rejected"
             for p in sorted((folder / table).glob(f"{file_id(rel)}*.parquet"))]
    found = set()
    for path in files:
        table = Path(path).parent.name
        if table not in COUNTRY_TABLES:
            found.add("")
            continue
        with duckdb.connect() as con:
            found |= {str(c or "") for (c,) in con.execute(
                "SELECT DISTINCT CAST(country AS VARCHAR) FROM read_parquet($file)", {"file": path}).fetchall()}
    return sorted(found)
