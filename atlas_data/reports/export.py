"""Downloads: tables as CSV and XLSX a room can reuse, charts as PNG through one warm Chromium.

    about = About(title="People trained per activity", sources=("a.xlsx",), note="Figures below 5 …")
    to_csv_bytes(table, about, lang="es")     # `# ` lines, then the table; `;` and a decimal comma
    to_xlsx_bytes(table, "Capacitados", about, lang="es")   # the same lines above the table
    figure_pngs([fig1, fig2], 1280, 720)      # one Chromium for the process, kept warm

**Formulas made inert.** A cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return) would run as a
formula when the file is opened in Excel; it gets a leading apostrophe, the usual neutralization (OWASP
CSV injection). Headers and the lines about the table are neutralized the same way.

**CSV layout.** First a block of lines starting with `# ` (title, source files, data as of / generated on,
the note on `<k` and `×`), then the table: one header row, one row per line. Excel shows the block above
the table in column A; a program skips it (`pandas.read_csv(f, sep=";", decimal=",", comment="#")`, R's
`read.csv2(f, comment.char="#")`). A text cell holding a `#`, the separator, a quote, a line break or
leading/trailing blanks is quoted, so a `#` inside a cell is never read as a comment; numbers never are. In a language whose decimal sign is a comma (Spanish), the
separator is `;` and decimals are written `0,96`, which Excel in that locale opens as numbers in columns;
in English, `,` and `0.96`. Always UTF-8 with a BOM (Excel reads accents right). Integers are written
without thousands separators.

**XLSX layout.** The same lines as rows above the table on the one sheet (title in bold), a blank row,
then the table with a bold header, frozen under its header and with a filter: the note travels with the
table when a sheet is copied, and it is the first thing read. The sheet name is the caller's (translated).

**PNG.** ``figure_pngs`` renders through kaleido 1.x with Debian's Chromium (never a downloaded browser).
Starting Chromium and loading plotly.js costs 2–4 s; the ``Renderer`` keeps one browser open for the whole
process (its own event loop on a daemon thread, two tabs so two figures render at once) and ``warm()``
starts it ahead of the first click, so a figure then takes a few tenths of a second. MathJax is off (it
would come from a CDN this machine cannot reach; no chart uses LaTeX).
"""
from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import io
import math
import os
import shutil
import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd

from atlas_data.i18n import fmt_date, t

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


# =========================================================================== what goes above a table

@dataclass(frozen=True)
class About:
    """What a downloaded table says about itself: its title, the files it comes from, when the data was
    last updated and when the file was made, and the note on ``<k`` and ``×`` (empty where no count of
    people is shown). All text already in the download's language."""

    title: str
    sources: tuple[str, ...] = ()
    note: str = ""
    data_as_of: dt.date | None = None
    generated_on: dt.date | None = None
    context: str = ""             # a line above the title: "ATLAS · Validation workshop · Paraguay"
    extra: tuple[str, ...] = ()   # more lines after the sources ("Includes illustrative data.")

    def lines(self, lang: str = "en") -> list[str]:
        """The lines written above the table, in order."""
        out = [self.context] if self.context else []
        out.append(self.title)
        if self.sources:
            out.append(t("Source files:", lang))
            out += list(self.sources)
        out += list(self.extra)
        dates = []
        if self.data_as_of is not None:
            dates.append(t("Data as of {date}", lang, date=fmt_date(self.data_as_of, lang, "long")))
        dates.append(t("Generated on {date}", lang, date=fmt_date(self.generated_on or dt.date.today(), lang, "long")))
        out.append(" · ".join(dates))
        if self.note:
            out.append(self.note)
        return [" ".join(str(line).split()) if line.strip() else "" for line in out]


def decimal_sign(lang: str) -> str:
    """``,`` for Spanish, ``.`` for English (Babel's number symbols)."""
    from babel.numbers import get_decimal_symbol
    try:
        return get_decimal_symbol(lang)
    except Exception:      # an unknown locale: the English sign
        return "."


def csv_separator(lang: str) -> str:
    """``;`` where the decimal sign is a comma (what Excel in that locale expects), else ``,``."""
    return ";" if decimal_sign(lang) == "," else ","


# =========================================================================== CSV

def _number_text(value, decimal: str) -> str | None:
    """A number as the CSV writes it (``0,96`` with a decimal comma), or None for anything else."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(float(value)).replace(".", decimal)
    return None


def _plain_text(value) -> str:
    """A date as ``2021-06-15`` (a timestamp at midnight too, as pandas writes it), anything else as ``str``."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() and value.tz is None else value.isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _csv_cell(value, sep: str, decimal: str) -> str:
    number = _number_text(value, decimal)
    if number is not None:
        return number
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    text = str(inert(value if isinstance(value, str) else _plain_text(value)))
    if any(c in text for c in (sep, '"', "#", "\n", "\r")) or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _about_line(line: str, sep: str) -> str:
    """One ``# `` line: never a formula, never a line break (a separator inside stays: the line is skipped
    by programs and only spills into the next column in Excel)."""
    text = " ".join(str(inert(line)).split())
    return ("# " + text).rstrip()


def to_csv_bytes(df: pd.DataFrame, about: About | None = None, lang: str = "en") -> bytes:
    """The table as CSV in ``lang``'s convention (see the module docstring), with the ``# `` lines of
    ``about`` first when given. UTF-8 with BOM, so Excel opens accents correctly."""
    sep, decimal = csv_separator(lang), decimal_sign(lang)
    lines = [_about_line(line, sep) for line in about.lines(lang)] if about is not None else []
    frame = inert_frame(df)
    lines.append(sep.join(_csv_cell(str(c), sep, decimal) for c in frame.columns))
    for row in frame.itertuples(index=False, name=None):
        lines.append(sep.join(_csv_cell(v, sep, decimal) for v in row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


# =========================================================================== XLSX

_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_name(name: str) -> str:
    """A name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, not starting with an apostrophe."""
    clean = " ".join(str(name).translate(_SHEET_FORBIDDEN).split()).strip("'")
    return clean[:31].rstrip() or "data"


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data", about: About | None = None, lang: str = "en",
                  indent: tuple[int, ...] = ()) -> bytes:
    """The table as an Excel workbook of one sheet named ``sheet``; the lines of ``about`` above it (title in
    bold), then a blank row and the table (bold header, frozen, with a filter). Numbers are numbers, marks
    (``<5``, ``×``) are text aligned right like the numbers. ``indent``: positions of table rows whose first
    cell is indented (rows that belong to the row above them, e.g. the members of "Others, together")."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    ws = book.add_worksheet(sheet_name(sheet))
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    grey = book.add_format({"font_color": "#333333"})
    header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    right = book.add_format({"align": "right"})
    decimal = book.add_format({"num_format": "0.0##"})
    text_indent = book.add_format({"indent": 1})
    row = 0
    if about is not None:
        lines = about.lines(lang)
        title_at = 1 if about.context else 0
        for i, line in enumerate(lines):
            if line:
                ws.write_string(row, 0, str(inert(line)), title if i == title_at else bold if i < title_at else grey)
            row += 1
        row += 1
    frame = inert_frame(df)
    top = row
    widths = [len(str(c)) for c in frame.columns]
    for c, name in enumerate(frame.columns):
        ws.write_string(row, c, str(name), header)
    for r, values in enumerate(frame.itertuples(index=False, name=None)):
        row += 1
        for c, value in enumerate(values):
            number = _number_text(value, ".")
            if number == "":
                continue
            if number is not None:
                fmt = decimal if isinstance(value, (float, np.floating)) and not float(value).is_integer() else None
                ws.write_number(row, c, float(value) if fmt else int(round(float(value))), fmt)
                widths[c] = max(widths[c], len(number))
            elif value is None or value is pd.NA or value is pd.NaT:
                continue
            else:
                text = _plain_text(value)
                fmt = text_indent if c == 0 and r in indent else right if _is_mark(text) else None
                ws.write_string(row, c, text, fmt)
                widths[c] = max(widths[c], len(text) + (2 if fmt is text_indent else 0))
    for c, width in enumerate(widths):
        ws.set_column(c, c, min(max(width + 2, 8), 60))
    ws.freeze_panes(top + 1, 0)
    if len(frame.columns):
        ws.autofilter(top, 0, max(row, top), len(frame.columns) - 1)
    book.close()
    return buffer.getvalue()


def _is_mark(text: str) -> bool:
    """``<5``, ``×``, ``<5 + <5``: the marks of hidden counts (aligned like numbers)."""
    parts = [p.strip() for p in text.split("+")]
    return all(p == "×" or (p.startswith("<") and p[1:].isdigit()) for p in parts) and bool(parts)


# =========================================================================== PNG

RENDER_TABS = 2          # figures rendered at once (two cores)
RENDER_TIMEOUT = 60.0    # seconds for one figure (kaleido's own timeout); twice that for one batch
OPEN_TIMEOUT = 30.0      # seconds for Chromium to start and load plotly.js in its tabs


class Renderer:
    """One kaleido (Chromium) for the whole process, on its own event loop in a daemon thread.

    ``render`` may be called from any thread (Streamlit runs each session in its own): the figures of one
    call render on the open tabs at once, and calls from several sessions share the tabs. If the browser
    died, the next call opens a new one and tries again once."""

    def __init__(self, tabs: int = RENDER_TABS):
        self.tabs = tabs
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._opening: asyncio.Lock | None = None   # made on the loop: one browser even if two calls race
        self._warming = False

    # ---------------------------------------------------------------- life cycle
    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or not self._thread or not self._thread.is_alive():
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="atlas-kaleido", daemon=True)
                thread.start()
                self._loop, self._thread, self._kaleido, self._opening = loop, thread, None, None
            return self._loop

    async def _open(self):
        if self._opening is None:
            self._opening = asyncio.Lock()
        async with self._opening:
            if self._kaleido is None:
                os.environ.setdefault("BROWSER_PATH", shutil.which("chromium") or "/usr/bin/chromium")
                k = _kept_tabs_kaleido()(n=self.tabs, mathjax=False, timeout=RENDER_TIMEOUT)
                try:     # a browser that does not come up must not keep every later render waiting
                    await asyncio.wait_for(k.open(), OPEN_TIMEOUT)
                except BaseException:
                    try:
                        await asyncio.wait_for(k.close(), 10)
                    except BaseException:
                        pass
                    raise
                self._kaleido = k
            return self._kaleido

    async def _close(self) -> None:
        k, self._kaleido, self._warming = self._kaleido, None, False
        if k is not None:
            try:
                await asyncio.wait_for(k.close(), 10)
            except BaseException:   # already gone
                pass

    def start(self, wait: bool = False) -> None:
        """Open the browser and render a first tiny figure now (plotly.js parsed, fonts loaded), so that
        the first real render is quick. Once per browser; ``wait`` blocks until it is done."""
        with self._lock:
            if self._warming and not wait:
                return
            self._warming = True
        future = asyncio.run_coroutine_threadsafe(self._warm(), self._ensure_loop())
        if wait:
            future.result(RENDER_TIMEOUT)

    async def _warm(self) -> None:
        try:
            await self._render([(_figure_dict(_WARM_FIGURE), {"format": "png", "width": 320, "height": 180})] * self.tabs)
        except Exception:      # the first real render will try again and report
            self._warming = False

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
            except Exception:
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
        self._loop = self._thread = self._kaleido = self._opening = None
        self._warming = False

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    # ---------------------------------------------------------------- rendering
    async def _render(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        for attempt in (1, 2):
            k = await self._open()
            try:
                return list(await asyncio.gather(*(k.calc_fig(fig, opts=opts) for fig, opts in specs)))
            except Exception:
                if attempt == 2:
                    raise
                await self._close()      # a crashed or closed browser: start a new one, once
        raise AssertionError("unreachable")

    def render(self, figures, width: int | None = None, height: int | None = None, scale: float = 1.0,
               fmt: str = "png") -> list[bytes]:
        """The figures as images (same order), at ``width`` × ``height`` CSS pixels (else each figure's own
        layout size) times ``scale``."""
        size = {key: value for key, value in (("width", width), ("height", height)) if value}
        specs = [(_figure_dict(fig), {"format": fmt, "scale": scale, **size}) for fig in figures]
        if not specs:
            return []
        future = asyncio.run_coroutine_threadsafe(self._render(specs), self._ensure_loop())
        return future.result(RENDER_TIMEOUT * 2)


RELOAD_EVERY = 50        # figures a tab renders before kaleido's reload of its page


def _kept_tabs_kaleido():
    """``kaleido.Kaleido`` that puts a tab back after a figure without reloading its page (kaleido reloads
    the page, and so parses plotly.js again, after every figure: 0.2–0.3 s each; the figure is purged by
    plotly.js itself, and the images come out byte for byte the same). Every ``RELOAD_EVERY``-th figure a
    tab is still reloaded, as kaleido would. Uses kaleido 1.5's ``_return_kaleido_tab``: on a kaleido
    without it, this is plain kaleido."""
    import kaleido

    class KeptTabs(kaleido.Kaleido):
        _renders: dict

        async def _return_kaleido_tab(self, tab) -> None:
            renders = self.__dict__.setdefault("_renders", {})
            renders[id(tab)] = renders.get(id(tab), 0) + 1
            if renders[id(tab)] % RELOAD_EVERY == 0:
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return KeptTabs


def _figure_dict(fig) -> dict:
    if isinstance(fig, dict):
        return fig
    from plotly.io._utils import validate_coerce_fig_to_dict
    return validate_coerce_fig_to_dict(fig, True)


_WARM_FIGURE = {"data": [{"type": "bar", "x": ["a"], "y": [1], "text": ["1"]}],
                "layout": {"font": {"family": "Noto Sans, DejaVu Sans, Arial, sans-serif"}}}
RENDERER = Renderer()
atexit.register(RENDERER.stop)


def warm() -> None:
    """Start the renderer in the background (returns at once); the page calls it so the first download is quick."""
    RENDERER.start(wait=False)


def figure_pngs(figures, width: int | None = 1280, height: int | None = 720, scale: float = 1.0) -> list[bytes]:
    """Plotly figures as PNGs (same order), all through the process's one warm Chromium; ``None`` for a
    figure's own width or height."""
    return RENDERER.render(list(figures), width, height, scale)


def figure_png(fig, width: int = 1280, height: int = 720, scale: float = 1.0) -> bytes:
    """One Plotly figure as PNG (``figure_pngs`` of one)."""
    return figure_pngs([fig], width, height, scale)[0]
