"""The workshop pack as a PowerPoint deck (python-pptx), beside the PDF (``pack.py``): slides a team can
edit, reorder and present.

    pptx = build_deck(con, "Paraguay", "es", k=5)      # bytes

16:9 (13.33 × 7.5 in). A title slide (ATLAS · Validation workshop, the country, language and date, the note
on ``<k`` and ``×``, what is never in the pack), then per slide of ``workshop.slides``:

- the chart slide: the slide's title (a real title placeholder: the outline, search and screen readers see
  it), its subtitle, the chart as a picture (the same PNG as the PDF pack's, rendered by the warm Chromium
  at 1280 × 560 CSS pixels, scale 1.5), the shareable notes where there are any, and the source line;
- the numbers slide that follows it: a native PowerPoint table of what the chart shows
  (``downloads.chart_table``: the published numbers with their ``<k`` and ``×``, the "others, together" row,
  the hidden part of a bar), numbers written in the language (``1.234``, ``53,2``); a long table continues
  on a second slide ("(2 of 2)"). An empty slide (no data for the country) has no numbers slide.

Every slide's speaker notes hold its source files, "Data as of" / "Generated on" and the note on ``<k`` and
``×``, so whoever presents can say where a number comes from. Like the PDF, the deck holds only what the
slides publish. Text goes into python-pptx runs as plain text (never parsed as markup).
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from atlas_data.reports import downloads, pack, workshop
from atlas_data.queries import sources
from atlas_data.i18n import LANGUAGE_NAMES, fmt_date, translator

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)       # 13.333 × 7.5 in: PowerPoint's own 16:9
MARGIN = Inches(0.5)
INK = RGBColor(0, 0, 0)
GREY = RGBColor(0x33, 0x33, 0x33)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
HEADER_FILL = RGBColor(0xE6, 0xEE, 0xF5)
TABLE_HEIGHT = 5.7          # inches available to a table under the title (above the note)
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5
PLAIN_GRID = "{5940675A-B579-460E-94D1-54222C63F5DA}"   # PowerPoint's "No Style, Table Grid": black on white


def build_deck(con, country: str, lang: str = "en", k: int | None = None, today: dt.date | None = None,
               slides: list[workshop.Slide] | None = None, images: list[bytes] | None = None,
               data_as_of: dt.date | None = None) -> bytes:
    """The deck of ``country`` in ``lang`` at small-cell threshold ``k`` (default: the setting). ``slides``
    and ``images`` (``pack.pack_images``) when the caller has them already (the page caches both)."""
    k = int(k if k is not None else workshop.threshold())
    slides = slides if slides is not None else workshop.slides(con, country, lang, k)
    images = images if images is not None else pack.pack_images(slides)
    if data_as_of is None and con is not None:
        last = sources.last_update(con)
        data_as_of = max((d for s in slides if (d := downloads.data_as_of(last, s))), default=None)
    return render_deck(slides, country, lang, k, images, today, data_as_of)


def render_deck(slides: list[workshop.Slide], country: str, lang: str, k: int, images: list[bytes],
                today: dt.date | None = None, data_as_of: dt.date | None = None) -> bytes:
    if len(images) != len(slides):
        raise ValueError(f"render_deck: {len(slides)} slides but {len(images)} images")
    t = translator(lang)
    today = today or dt.date.today()
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = f"ATLAS · {t('Validation workshop')} · {t(country)}"
    deck.core_properties.author = "ATLAS M&E"
    deck.core_properties.language = lang
    note = workshop.small_cell_note(k, lang, secondary=any(s.secondary for s in slides))
    deck.core_properties.subject = note
    _title_slide(deck, slides, country, lang, today, note)
    for slide, png in zip(slides, images):
        about = downloads.slide_about(slide, country, lang, data_as_of, today)
        notes = "\n".join(about.lines(lang)[1:])        # title, sources, dates, note (the context is the deck's)
        _chart_slide(deck, slide, png, lang, notes)
        if not slide.empty:
            table, indent = downloads.chart_table(slide, lang)
            _table_slides(deck, slide, table, indent, lang, notes)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# =========================================================================== slides

def _title_slide(deck, slides, country: str, lang: str, today: dt.date, note: str) -> None:
    t = translator(lang)
    s = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _band(s, Inches(0.2))
    title, subtitle = s.shapes.title, s.placeholders[1]
    _place(title, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(1.9))
    _write(title.text_frame, [(f"ATLAS · {t('Validation workshop')}", 36, True, INK),
                              (t(country), 54, True, ACCENT)], align=PP_ALIGN.LEFT)
    _place(subtitle, MARGIN, Inches(3.4), WIDTH - 2 * MARGIN, Inches(3.4))
    lines = [(f"{LANGUAGE_NAMES.get(lang, lang)} · {fmt_date(today, lang, 'long')}", 24, False, GREY),
             (note, 20, True, INK),
             (t("No participant names, keys or individual scores; only notes marked shareable."), 16, False, GREY),
             (t("Contents") + ": " + " · ".join(s.title for s in slides), 14, False, GREY)]
    _write(subtitle.text_frame, lines, align=PP_ALIGN.LEFT)
    sources = sorted({f for sl in slides for f in sl.sources})
    _notes(s, "\n".join([t("Source files:"), *sources, note]))


def _chart_slide(deck, slide: workshop.Slide, png: bytes, lang: str, notes: str) -> None:
    s = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    _band(s, Inches(0.12))
    top = _title(s, slide.title, slide.subtitle)
    bottom = HEIGHT - Inches(0.25)
    bottom -= _text_box(s, [(slide.source_line, 11, False, GREY)], bottom, anchor_bottom=True)
    if slide.notes:
        quotes = [(translator(lang)("Shareable notes"), 13, True, INK)] + [("“" + n + "”", 12, False, INK)
                                                                             for n in slide.notes]
        bottom -= _text_box(s, quotes, bottom - Inches(0.05), anchor_bottom=True) + Inches(0.05)
    _picture(s, png, MARGIN, top + Inches(0.05), WIDTH - 2 * MARGIN, bottom - top - Inches(0.1))
    _notes(s, notes)


def _table_slides(deck, slide: workshop.Slide, table: pd.DataFrame, indent: tuple[int, ...], lang: str,
                  notes: str) -> None:
    t = translator(lang)
    shown = workshop.formatted(table.astype(object).where(table.notna(), ""), lang)   # a blank stays blank
    chunks = _chunks(shown)
    for number, rows in enumerate(chunks, start=1):
        s = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
        _band(s, Inches(0.12))
        heading = t("{title}: the numbers", title=slide.title)
        if len(chunks) > 1:
            heading += " " + t("({i} of {n})", i=number, n=len(chunks))
        top = _title(s, heading, "")
        part = shown.iloc[rows]
        _table(s, part, [r in indent for r in rows], top + Inches(0.1))
        if slide.note:
            _text_box(s, [(slide.note, 12, False, GREY)], HEIGHT - Inches(0.25), anchor_bottom=True)
        _notes(s, notes)


# =========================================================================== tables

def _font_size(table: pd.DataFrame) -> int:
    return 14 if len(table) <= 8 else 12 if len(table) <= 14 else 11


def _column_widths(table: pd.DataFrame) -> list[float]:
    """Inches per column: the first (labels) takes what the numbers leave, up to 60 %."""
    total = (WIDTH - 2 * MARGIN) / 914400
    lengths = [max([len(str(c))] + [len(str(v)) for v in table[c]]) for c in table.columns]
    numbers = [min(max(length * 0.11 + 0.3, 1.0), 2.4) for length in lengths[1:]]
    first = max(total - sum(numbers), total * 0.3)
    if first > total * 0.6 and len(table.columns) > 1:
        first = total * 0.6
        spare = total - first - sum(numbers)
        numbers = [n + spare / len(numbers) for n in numbers]
    widths = [first] + numbers
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _row_height(values, widths: list[float], size: int) -> float:
    """Inches a row takes once its text wraps (a character is about half the font size wide)."""
    lines = 1
    for value, width in zip(values, widths):
        per_line = max(int((width - 0.2) * 72 / (0.5 * size)), 4)
        lines = max(lines, -(-len(str(value)) // per_line))
    return lines * size * 1.2 / 72 + 0.08        # line height 1.2, cell margins 0.03 in above and below


def _chunks(table: pd.DataFrame) -> list[list[int]]:
    """Rows per slide so that each table fits under its title (the header row repeats)."""
    size = _font_size(table)
    widths = _column_widths(table)
    header = _row_height(table.columns, widths, size)
    chunks, current, height = [], [], header
    for i, row in enumerate(table.itertuples(index=False, name=None)):
        h = _row_height(row, widths, size)
        if current and height + h > TABLE_HEIGHT:
            chunks.append(current)
            current, height = [], header
        current.append(i)
        height += h
    if current or not chunks:
        chunks.append(current)
    return chunks


def _table(s, table: pd.DataFrame, indented: list[bool], top) -> None:
    size = _font_size(table)
    widths = _column_widths(table)
    rows, cols = len(table) + 1, len(table.columns)
    heights = [_row_height(table.columns, widths, size)] + [_row_height(r, widths, size)
                                                             for r in table.itertuples(index=False, name=None)]
    frame = s.shapes.add_table(rows, cols, MARGIN, top, WIDTH - 2 * MARGIN, Inches(sum(heights)))
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    style = grid._tbl.tblPr.find(qn("a:tableStyleId"))
    if style is None:
        style = grid._tbl.tblPr.makeelement(qn("a:tableStyleId"), {})
        grid._tbl.tblPr.append(style)
    style.text = PLAIN_GRID
    for c, width in enumerate(widths):
        grid.columns[c].width = Inches(width)
    for r, height in enumerate(heights):
        grid.rows[r].height = Inches(height)
    for c, name in enumerate(table.columns):
        _cell(grid.cell(0, c), str(name), size, bold=True, right=c > 0, header=True)
    for r, values in enumerate(table.itertuples(index=False, name=None), start=1):
        total = _is_total(values[0])
        for c, value in enumerate(values):
            text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
            if c == 0 and indented[r - 1]:
                text = "    " + text
            _cell(grid.cell(r, c), text, size, bold=total, right=c > 0)


def _is_total(label) -> bool:
    return str(label).strip().lower() == "total"


def _cell(cell, text: str, size: int, bold: bool = False, right: bool = False, header: bool = False) -> None:
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    if header:
        cell.fill.solid()
        cell.fill.fore_color.rgb = HEADER_FILL
    frame = cell.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = INK


# =========================================================================== drawing helpers

def _band(s, height) -> None:
    """The accent band along the top edge (as on the PDF pack's pages)."""
    band = s.shapes.add_shape(1, 0, 0, WIDTH, height)     # 1: rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = int(left), int(top), int(width), int(height)


def _write(frame, lines, align=PP_ALIGN.LEFT) -> None:
    """``lines`` of (text, size, bold, colour) into a text frame, one paragraph each, as plain text."""
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _title(s, title: str, subtitle: str):
    """The slide's title (placeholder) and subtitle at the top; returns where the content may start."""
    holder = s.shapes.title
    _place(holder, MARGIN, Inches(0.25), WIDTH - 2 * MARGIN, Inches(0.85))
    holder.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    _write(holder.text_frame, [(title, 30, True, INK)])
    top = Inches(1.1)
    if subtitle:
        box = s.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4))
        _write(box.text_frame, [(subtitle, 14, False, GREY)])
        top += Inches(0.45)
    return top


def _text_box(s, lines, bottom, anchor_bottom: bool = True) -> Emu:
    """A text box whose bottom edge is at ``bottom``; returns its height (estimated from the lines' length)."""
    width = WIDTH - 2 * MARGIN
    per_line = lambda size: max(int((width / 914400 - 0.2) * 72 / (0.5 * size)), 10)
    height = Inches(sum(-(-max(len(text), 1) // per_line(size)) * size * 1.3 / 72 for text, size, _, _ in lines) + 0.1)
    box = s.shapes.add_textbox(MARGIN, bottom - height, width, height)
    box.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM if anchor_bottom else MSO_ANCHOR.TOP
    box.text_frame.margin_top = box.text_frame.margin_bottom = 0
    _write(box.text_frame, lines)
    return height


def _picture(s, png: bytes, left, top, width, height) -> None:
    """The PNG as large as fits in the box, centred, its aspect kept."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        w, h = im.size
    scale = min(width / w, height / h)
    draw_w, draw_h = int(w * scale), int(h * scale)
    s.shapes.add_picture(io.BytesIO(png), int(left + (width - draw_w) / 2), int(top + (height - draw_h) / 2),
                         draw_w, draw_h)


def _notes(s, text: str) -> None:
    s.notes_slide.notes_text_frame.text = text
