"""The workshop pack: one country in one language as a PDF to hand out or project (reportlab).

    pdf = build_pack(con, "Paraguay", "es", k=5)      # bytes

One 16:9 page per slide: the cover (country, language, date, "figures below 5 are shown as <5" and, where
a slide has one, what `×` means, the list of slides), then the six slides of ``workshop.slides`` — DMOP board, reach, dropout, learning,
KII findings, who was interviewed — each with its title, its chart as a PNG (kaleido through Debian's
Chromium: the process's one warm browser, ``export.figure_pngs``), the shareable notes where there are any, and its source
line. The pack only ever holds what the slides publish: suppressed counts, group means, shareable notes.
All text from the data is escaped before it reaches reportlab's paragraph markup.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from atlas_data.reports import export, projector, workshop
from atlas_data.i18n import LANGUAGE_NAMES, fmt_date, translator

PAGE = (960.0, 540.0)          # points: 13.33 × 7.5 in, the 16:9 slide size
MARGIN = 36.0
CHART_PNG = (1280, 560)        # the chart's size in CSS pixels (fonts are sized for it)
CHART_SCALE = 1.5              # rendered at 1920 × 840: 156 dpi across the 12.3-inch chart, sharp on a 1080p screen
INK = HexColor("#000000")
GREY = HexColor("#333333")
ACCENT = HexColor("#0072B2")

_FONTS = Path("/usr/share/fonts/truetype")
_FONT_FILES = ((_FONTS / "noto/NotoSans-Regular.ttf", _FONTS / "noto/NotoSans-Bold.ttf"),
               (_FONTS / "dejavu/DejaVuSans.ttf", _FONTS / "dejavu/DejaVuSans-Bold.ttf"))
# Thai letters are not in Noto Sans: a run of them is written in Noto Sans Thai (fonts-noto-core)
_THAI_FILES = (_FONTS / "noto/NotoSansThai-Regular.ttf", _FONTS / "noto/NotoSansThai-Bold.ttf")
_THAI = re.compile(r"([\u0e00-\u0e7f]+(?:[ \u0e00-\u0e7f]*[\u0e00-\u0e7f])?)")


# =========================================================================== charts as PNG

def figure_pngs(figures, width: int | None = CHART_PNG[0], height: int | None = CHART_PNG[1],
                scale: float = CHART_SCALE) -> list[bytes]:
    """The pack's charts as PNGs, all in one call to the process's warm Chromium (``export.figure_pngs``)."""
    return export.figure_pngs(figures, width, height, scale)


def slide_png(slide: workshop.Slide, lang: str = "en") -> bytes:
    """One slide's chart with its title, as the PNG download of the slides page (``projector.PNG_SIZE``)."""
    return export.figure_png(projector.titled(slide, lang), *projector.PNG_SIZE, scale=1.0)


def pack_images(slides: list[workshop.Slide]) -> list[bytes]:
    """The chart of every slide as drawn in the packs (PDF and PowerPoint), same order as ``slides``."""
    return figure_pngs([_pack_figure(s) for s in slides], None, None)   # each at its own height (notes)


# =========================================================================== the PDF

def build_pack(con, country: str, lang: str = "en", k: int | None = None, today: dt.date | None = None,
               slides: list[workshop.Slide] | None = None, images: list[bytes] | None = None) -> bytes:
    """The workshop pack of ``country`` in ``lang`` at small-cell threshold ``k`` (default: the setting).
    ``slides`` and ``images`` (``pack_images``) when the caller already has them (the page caches both)."""
    k = int(k if k is not None else workshop.threshold())
    slides = slides if slides is not None else workshop.slides(con, country, lang, k)
    images = images if images is not None else pack_images(slides)
    return render_pdf(slides, country, lang, k, images, today)


def _pack_figure(slide: workshop.Slide) -> dict:
    """The slide's figure sized for the pack, as a plain dict (copying a ``go.Figure`` validates it all
    again: 0.4 s a pack)."""
    fig = slide.figure.to_dict()
    fig["layout"] = {**fig.get("layout", {}), "width": CHART_PNG[0], "height": CHART_PNG[1] - (90 if slide.notes else 0)}
    return fig


def render_pdf(slides: list[workshop.Slide], country: str, lang: str, k: int, images: list[bytes],
               today: dt.date | None = None) -> bytes:
    """The PDF from slides and their chart PNGs (same order): cover + one page per slide."""
    if len(images) != len(slides):
        raise ValueError(f"render_pdf: {len(slides)} slides but {len(images)} images")
    t = translator(lang)
    regular, bold = _fonts()
    buffer = io.BytesIO()
    rl_config.useA85 = 0     # images as binary Flate streams: ASCII85 (pure Python here) took 0.8 s a pack
    pdf = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    title = f"ATLAS · {t('Validation workshop')} · {t(country)}"
    pdf.setTitle(title)
    pdf.setAuthor("ATLAS M&E")
    note = workshop.small_cell_note(k, lang, secondary=any(s.secondary for s in slides))
    pdf.setSubject(note)
    total = len(slides) + 1
    _cover(pdf, slides, country, lang, k, today or dt.date.today(), regular, bold, note)
    _footer(pdf, 1, total, workshop.small_cell_note(k, lang), regular)
    pdf.showPage()
    for number, (slide, png) in enumerate(zip(slides, images), start=2):
        _slide_page(pdf, slide, png, lang, regular, bold)
        _footer(pdf, number, total, slide.note or workshop.small_cell_note(k, lang), regular)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fonts() -> tuple[str, str]:
    """A Unicode TrueType font (Noto Sans, else DejaVu Sans) when installed, else Helvetica."""
    for regular, bold in _FONT_FILES:
        if Path(regular).is_file() and Path(bold).is_file():
            name = Path(regular).stem.split("-")[0]
            if f"{name}-Regular" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(f"{name}-Regular", str(regular)))
                pdfmetrics.registerFont(TTFont(f"{name}-Bold", str(bold)))
            return f"{name}-Regular", f"{name}-Bold"
    return "Helvetica", "Helvetica-Bold"


def _thai_fonts() -> tuple[str, str] | None:
    """Noto Sans Thai (regular, bold) registered with reportlab, or None when it is not installed."""
    if not all(Path(f).is_file() for f in _THAI_FILES):
        return None
    if "NotoSansThai-Regular" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NotoSansThai-Regular", str(_THAI_FILES[0])))
        pdfmetrics.registerFont(TTFont("NotoSansThai-Bold", str(_THAI_FILES[1])))
    return "NotoSansThai-Regular", "NotoSansThai-Bold"


def _markup(text: str, font: str) -> str:
    """``text`` as paragraph markup that is only text (escaped), its runs of Thai letters in Noto Sans Thai of
    ``font``'s weight (the Latin font has no Thai glyph: they would be boxes)."""
    thai = _thai_fonts() if _THAI.search(text) else None
    if thai is None:
        return escape(text)
    face = thai[1] if font.endswith("Bold") else thai[0]
    return "".join(f'<font name="{face}">{escape(part)}</font>' if i % 2 else escape(part)
                   for i, part in enumerate(_THAI.split(text)))


def _paragraph(pdf: Canvas, text: str, x: float, top: float, width: float, font: str, size: float,
               color=INK, leading: float | None = None) -> float:
    """Plain text (escaped: never markup) wrapped into ``width`` with its top at ``top``; returns its height."""
    style = ParagraphStyle("p", fontName=font, fontSize=size, leading=leading or size * 1.25, textColor=color)
    para = Paragraph(_markup(text, font), style)
    _, height = para.wrapOn(pdf, width, PAGE[1])
    para.drawOn(pdf, x, top - height)
    return height


def _cover(pdf: Canvas, slides, country, lang, k, today, regular, bold, note: str) -> None:
    t = translator(lang)
    width = PAGE[0] - 2 * MARGIN
    pdf.setFillColor(ACCENT)
    pdf.rect(0, PAGE[1] - 14, PAGE[0], 14, stroke=0, fill=1)
    top = PAGE[1] - 60
    top -= _paragraph(pdf, "ATLAS", MARGIN, top, width, bold, 20, ACCENT) + 8
    top -= _paragraph(pdf, t("Validation workshop"), MARGIN, top, width, bold, 40) + 6
    top -= _paragraph(pdf, t(country), MARGIN, top, width, bold, 52, ACCENT) + 14
    top -= _paragraph(pdf, f"{LANGUAGE_NAMES.get(lang, lang)} · {fmt_date(today, lang, 'long')}", MARGIN, top, width,
                      regular, 22, GREY) + 22
    top -= _paragraph(pdf, note, MARGIN, top, width, bold, 20) + 8
    top -= _paragraph(pdf, t("No participant names, keys or individual scores; only notes marked shareable."),
                      MARGIN, top, width, regular, 16, GREY) + 22
    _paragraph(pdf, t("Contents"), MARGIN, top, width, bold, 18)
    top -= 28
    column = (width - 20) / 2
    for i, slide in enumerate(slides):
        x = MARGIN + (i // 3) * (column + 20)
        row_top = top - (i % 3) * 24
        _paragraph(pdf, f"{i + 2}. {slide.title}", x, row_top, column, regular, 16)


def _slide_page(pdf: Canvas, slide: workshop.Slide, png: bytes, lang: str, regular: str, bold: str) -> None:
    width = PAGE[0] - 2 * MARGIN
    pdf.setFillColor(ACCENT)
    pdf.rect(0, PAGE[1] - 8, PAGE[0], 8, stroke=0, fill=1)
    top = PAGE[1] - 26
    top -= _paragraph(pdf, slide.title, MARGIN, top, width, bold, 26) + 4
    if slide.subtitle:
        top -= _paragraph(pdf, slide.subtitle, MARGIN, top, width, regular, 13, GREY) + 6
    # bottom up: footer (20), source line, notes, then the chart fills what is left
    bottom = 24.0
    source_style = ParagraphStyle("s", fontName=regular, fontSize=10, leading=12.5, textColor=GREY)
    source = Paragraph(_markup(slide.source_line, regular), source_style)
    _, source_h = source.wrapOn(pdf, width, PAGE[1])
    source.drawOn(pdf, MARGIN, bottom)
    bottom += source_h + 6
    if slide.notes:
        note_style = ParagraphStyle("n", fontName=regular, fontSize=11, leading=13.5, textColor=INK)
        paras = [Paragraph(_markup("“" + note + "”", regular), note_style) for note in slide.notes]
        heights = [p.wrapOn(pdf, width, PAGE[1])[1] for p in paras]
        for para, height in reversed(list(zip(paras, heights))):
            para.drawOn(pdf, MARGIN, bottom)
            bottom += height + 3
        bottom += _paragraph(pdf, translator(lang)("Shareable notes"), MARGIN, bottom + 15, width, bold, 12) + 3
    image = _opaque(png)
    img_w, img_h = image.size
    box_h = max(top - bottom - 4, 60)
    scale = min(width / img_w, box_h / img_h)
    draw_w, draw_h = img_w * scale, img_h * scale
    _draw_rgb(pdf, image, MARGIN + (width - draw_w) / 2, bottom + (box_h - draw_h) / 2, draw_w, draw_h)


def _opaque(png: bytes):
    """The PNG as an RGB image (the chart's background is white): reportlab then writes one image, without a
    separate alpha mask to decode, compress and draw."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.convert("RGB")


_IMAGE_NUMBERS = itertools.count(1)


def _draw_rgb(pdf: Canvas, image, x: float, y: float, width: float, height: float) -> None:
    """``Canvas.drawImage`` for an RGB image drawn once: its pixels compressed at zlib level 1 (charts are
    mostly flat colour: a file 10 % larger, written three times faster) and never hashed (``drawImage``
    hashes them to reuse an image drawn twice). Uses reportlab 5.1's image object as ``drawImage`` does;
    where that fails, ``drawImage`` itself."""
    try:
        # a name unique in this PDF: id(image) can repeat once an earlier image is freed
        xobject = pdfdoc.PDFImageXObject(f"atlas-chart-{next(_IMAGE_NUMBERS)}", source=None)
        xobject.width, xobject.height = image.size
        xobject.bitsPerComponent, xobject.colorSpace = 8, "DeviceRGB"
        xobject.streamContent = zlib.compress(image.tobytes(), 1)
        xobject._filters = ("FlateDecode",)
        xobject.mask = None
        name = xobject.name
        registered = pdf._doc.getXObjectName(name)
        pdf._setXObjects(xobject)
        pdf._doc.Reference(xobject, registered)
        pdf._doc.addForm(name, xobject)
        pdf._currentPageHasImages = 1
        pdf.saveState()
        pdf.translate(x, y)
        pdf.scale(width, height)
        pdf._code.append(f"/{registered} Do")
        pdf.restoreState()
        pdf._formsinuse.append(name)
    except AttributeError:          # another reportlab: the public way
        pdf.drawImage(ImageReader(image), x, y, width, height)


def _footer(pdf: Canvas, number: int, total: int, note: str, regular: str) -> None:
    pdf.setFillColor(GREY)
    para = Paragraph(_markup(f"{note}   {number} / {total}", regular),
                     ParagraphStyle("f", fontName=regular, fontSize=9, leading=11, alignment=2, textColor=GREY))
    para.wrapOn(pdf, PAGE[0] - 2 * MARGIN, 20)
    para.drawOn(pdf, MARGIN, 8)
