"""Downloads: tables as CSV and XLSX with spreadsheet formulas made inert, charts as PNG via Chromium.

A cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return) would run as a formula when the
file is opened in Excel; it gets a leading apostrophe, the usual neutralization (OWASP CSV injection).
"""
from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """`=1+1` -> `'=1+1`; numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def inert_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(inert)
    out.columns = [inert(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens accents correctly."""
    return inert_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    frame = inert_frame(df)
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as xl:
        frame.to_excel(xl, sheet_name=sheet[:31] or "data", index=False)
    return buffer.getvalue()


def figure_png(fig, width: int = 1280, height: int = 720, scale: float = 1.0) -> bytes:
    """A Plotly figure as PNG through kaleido and Debian's Chromium (never a downloaded browser)."""
    import os
    import shutil

    os.environ.setdefault("BROWSER_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    return fig.to_image(format="png", width=width, height=height, scale=scale)
