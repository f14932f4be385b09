"""Cell text: what a cell says once blanks, HTML, Markdown escapes and odd spaces are gone (`clean_text`), and the
helpers the parsers share (`norm_key` for matching, `_q` for a value in a message, label indexes).
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from functools import lru_cache

from atlas_data.reading.messages import ParseError

# ------------------------------------------------------------------ helpers

def _text(value) -> str | None:
    """The stripped text of a cell, or None when it is missing or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        if isinstance(value, float) and math.isnan(value):
            return None
        if type(value).__name__ in ("NAType", "NaTType"):
            return None
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = f"{value:.1f}"  # 42.0 -> "42.0", as Excel text would show it
        value = str(value)
    value = value.strip()
    return value or None


def _q(text: str, limit: int = 80, paren: bool = False) -> str:
    """A value for an error message: quoted (long values shortened) when it cannot be personal, else what it
    was, e.g. `a text of 24 characters` (`privacy.quoted`); `paren` puts the latter in parentheses."""
    from atlas_data.reading.privacy import quoted

    out = quoted(text, limit)
    return f"({out})" if paren and not out.startswith('"') else out


def _fmt(x: float) -> str:
    """A number as people write it: 25 rather than 25.0."""
    if math.isfinite(x) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


_LATIN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Lower case without Latin accents (`Miércoles` -> `miercoles`); other scripts kept as they are."""
    text = text.casefold()
    if text.isascii():
        return text
    return _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))


def _ascii_digits(text: str) -> str:
    """Any script's decimal digits (Thai ๒๕๖๔, full-width ２０２１) as ASCII digits."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


_NON_ALNUM_ASCII = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _norm_key(text: str) -> str:
    if text.isascii():
        return _NON_ALNUM_ASCII.sub("", text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = unicodedata.normalize("NFKD", folded.casefold())
    return "".join(c for c in folded if c.isalnum())


def norm_key(text) -> str:
    """A matching key: case-folded, accents stripped, only letters and digits kept.

    `"# of Participants:"` -> `"ofparticipants"`, `"País"` -> `"pais"`. None -> "".
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _norm_key(text)


def _index(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{norm_key(alias): label} from {label: aliases}."""
    out: dict[str, str] = {}
    for label, aliases in groups.items():
        for alias in (label, *aliases):
            key = norm_key(alias)
            if key:
                out.setdefault(key, label)
    return out


def _enum(value, index: dict[str, str], code: str, raw: dict[str, str] | None = None, **fields):
    text = _text(value)
    if text is None:
        return None
    if raw and text in raw:
        return raw[text]
    label = index.get(norm_key(text))
    if label is None:
        raise ParseError(code, value=_q(text, paren=True), **fields)
    return label


# ------------------------------------------------------------------ clean_text

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ue000]")
_WS = re.compile(r"\s+")
# Anything `_clean_pass` could change in a stripped text: control characters, entities, tags, backslashes,
# whitespace other than single spaces.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ue000&<\\\\]|[^\\S ]|  ")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>", re.I)
_LI_OPEN = re.compile(r"<\s*li\b[^<>]*>", re.I)
_TAG = re.compile(r"<\s*/?\s*([a-z][a-z0-9]*(?::[a-z][a-z0-9]*)?)(?:\s[^<>]*)?/?\s*>", re.I)
_MD_ESCAPE = re.compile(r"\\+(.?)", re.S)  # a run of backslashes and what follows it (linear: no backtracking)
_MD_PUNCT = frozenset(chr(c) for c in range(33, 127) if not chr(c).isalnum())
MAX_VALUE_CHARS = 120  # longer text is no number or date; pathological cells must not stall the regexes
_BULLET = re.compile(r"^(?:[•·▪◦‣∙●○■□➢➤►▸]\s*|[-*–—]\s+)+")
_ITEM = "\ue000"  # a private-use character marks where each <li> began

# Tags whose content stays and which separate words; inline tags are removed with no space.
_BLOCK_TAGS = frozenset("""
    br hr p div ul ol li dl dt dd table thead tbody tfoot tr td th caption h1 h2 h3 h4 h5 h6
    blockquote pre section article header footer nav aside main figure figcaption center address
    form fieldset legend label input select option textarea button img iframe col colgroup
""".split())
_INLINE_TAGS = frozenset("""
    b i u s em strong sup sub span font small big strike del ins mark code tt kbd samp var abbr
    cite q a o:p nobr wbr
""".split())


def _replace_tag(m: re.Match) -> str:
    name = m.group(1).lower()
    if name in _INLINE_TAGS:
        return ""
    if name in _BLOCK_TAGS:
        return " "
    return m.group(0)  # "<Name>" in a cell is text, not HTML


def _clean_pass(s: str) -> str:
    s = _CONTROL.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    has_items = False
    if "<" in s:
        s = _COMMENT.sub(" ", s)
        s = _AUTOLINK.sub(r"\1", s)
        if _LI_OPEN.search(s):
            has_items = True
            s = _LI_OPEN.sub(_ITEM, s)
        s = _TAG.sub(_replace_tag, s)
    if "\\" in s:
        s = _MD_ESCAPE.sub(lambda m: m.group(1) if m.group(1) in _MD_PUNCT else m.group(0), s)
    s = _WS.sub(" ", s).strip()
    if has_items:
        head, *items = s.split(_ITEM)
        parts = []
        for item in items:
            item = _BULLET.sub("", item.strip()).rstrip(" ;")
            if item:
                parts.append(item)
        head = head.strip()
        s = "; ".join(parts)
        if head:
            s = f"{head} {s}".strip()
    return s


# Python's whitespace (str.isspace, what strip and split remove) but the plain space; a test checks the list.
PY_WHITESPACE_BUT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    chr(c) for c in range(0x2000, 0x200b)) + "\u2028\u2029\u202f\u205f\u3000"
_RE2_WHITESPACE_BUT_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in PY_WHITESPACE_BUT_SPACE)  # for a [...] class
# RE2 (Arrow) syntax: every value clean_text could change matches (a superset of _NEEDS_CLEANING, plus an
# empty value or a space at either end, which `_text` strips).
_MAY_NEED_CLEANING = ("[\\x00-\\x08\\x0e-\\x1f\\x7f\\x{200b}\\x{feff}\\x{e000}&<\\\\"
                      + _RE2_WHITESPACE_BUT_SPACE + "]|  |^ | $|^$")
RE2_BLANK = f"^[ {_RE2_WHITESPACE_BUT_SPACE}]*$"  # RE2 (Arrow) syntax: a text `str.strip` leaves empty


def clean_texts(values) -> list:
    """`[clean_text(v) for v in values]` for many texts: Arrow's regex engine finds the few that need
    cleaning in one pass; the others come back as the same objects."""
    values = list(values)
    if len(values) < 1000 or not all(type(v) is str for v in values):
        return [clean_text(v) for v in values]
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        flagged = pc.match_substring_regex(pa.array(values, type=pa.string()), _MAY_NEED_CLEANING)
    except (pa.ArrowException, UnicodeError):  # a lone surrogate, say: one at a time
        return [clean_text(v) for v in values]
    out = values.copy()
    for i in pc.indices_nonzero(flagged).to_pylist():
        out[i] = clean_text(values[i])
    return out


def clean_text(value) -> str | None:
    """Plain text of a cell: HTML tags and entities, Markdown escapes and extra spaces removed.

    List items are joined with "; " (leading bullets dropped), `<br>` becomes a space, other tags
    go and keep their content. Empty -> None. Idempotent.
    """
    s = _text(value)
    if s is None:
        return None
    if not _NEEDS_CLEANING.search(s):
        return s  # what the passes below would return unchanged (most cells): no regex pass needed
    for _ in range(50):  # each pass shortens the text or leaves it unchanged
        new = _clean_pass(s)
        if new == s:
            break
        s = new
    return s or None
