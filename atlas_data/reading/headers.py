"""Which contract column a header names, read as a person reads it, and what a column's values look like.

A header matches a column when, after folding case, accents, spaces and punctuation, it *equals* one of
the column's names or aliases (never by a part of it: `Firma de asistencia` is not `asistencia`). Beyond
that exact key, a person also reads `session_title` as "session title", `startDate` as "start date",
`apellidos y nombres` as `nombres y apellidos` and `Nota final (Real)` as `Nota final`; Kobo's
`grupo/nombre` as `nombre`. Those are the fallback keys below, tried in order, each still a whole-header
match. Kobo's own metadata columns (`_id`, `_uuid`, `_submission_time`, `meta/instanceID`) name no column.

Where a header is ambiguous, the values decide (`profile`): a column of personal names is never a count,
and a column of numbers is never a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from atlas_data import contract as C
from atlas_data.reading.parsers import _fold, is_answer_label, norm_key, parse_attendance_mark

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORDS = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(("y", "e", "and", "de", "del", "la", "las", "el", "los", "of", "the", "por", "da", "do"))
_PAREN_TAIL = re.compile(r"\s*[\(\[][^\(\)\[\]]*[\)\]]\s*$")
_PATH = re.compile(r"^[A-Za-z0-9_\-.]+(?:/[A-Za-z0-9_\-.]+)+$")
_META_PREFIX = re.compile(r"^\s*(?:_|meta/|formhub/)", re.IGNORECASE)
# Kobo and ODK write these for every submission; none names a person, an event or a count.
KOBO_META = frozenset(norm_key(h) for h in (
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit",
    "__version__", "instanceID"))


def words(text: str) -> list[str]:
    """The words of a header: camelCase and snake_case split, case and accents folded."""
    return _WORDS.findall(_fold(_CAMEL.sub(" ", str(text))))


def word_set_key(text: str) -> str:
    """The header's words without fillers, in alphabetical order: `Apellidos y nombres` = `nombres y apellidos`."""
    return " ".join(sorted(w for w in words(text) if w not in _STOPWORDS))


def header_keys(text: str, kobo: bool = False) -> list[tuple[str, str]]:
    """The keys a header is matched by, most literal first: ("exact", key) then ("words", key) ones."""
    text = str(text).strip().rstrip(":").strip()
    keys = [("exact", norm_key(text)), ("words", word_set_key(text))]
    variants = []
    bare = _PAREN_TAIL.sub("", text)
    if bare and bare != text:
        variants.append(bare)  # `Nota final (Real)`, `Puntaje (%)`
    if _PATH.match(text) and (kobo or "_" in text):
        variants.append(text.rsplit("/", 1)[1])  # Kobo group path `datos_personales/nombre`
    for variant in variants:
        keys += [("exact", norm_key(variant)), ("words", word_set_key(variant))]
    return [(kind, key) for kind, key in keys if key]


def is_export_metadata(text: str) -> bool:
    """A survey tool's bookkeeping column (`_id`, `_uuid`, `_submission_time`, `meta/instanceID`)."""
    return bool(_META_PREFIX.match(str(text)))


@lru_cache(maxsize=None)
def header_index(table: str) -> tuple[dict[str, str], dict[str, str]]:
    """Two maps for one table, first definition winning: exact key -> column, word-set key -> column."""
    exact: dict[str, str] = {}
    by_words: dict[str, str] = {}
    for col in C.TABLES[table].columns:
        for name in (col.name, col.name.replace("_", " "), *col.aliases):
            exact.setdefault(norm_key(name), col.name)
            by_words.setdefault(word_set_key(name), col.name)
    return exact, by_words


def match_header(table: str, text, kobo: bool = False) -> str | None:
    """The canonical column of `table` that header `text` names, or None."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_HEADER_CHARS or is_export_metadata(text):
        return None
    if kobo and norm_key(text) in KOBO_META:
        return None
    exact, by_words = header_index(table)
    for kind, key in header_keys(text, kobo):
        found = (exact if kind == "exact" else by_words).get(key)
        if found:
            return found
    return None


# ------------------------------------------------------------------ what a column holds

_NUMBER_CELL = re.compile(r"[+-]?[\d\s.,]+%?")  # with fullmatch and a digit: linear on any input
MAX_HEADER_CHARS = 200  # no header is longer; a hostile cell must not stall the matching
MAX_PROFILED_CHARS = 200
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*[.]?$")
NAMES, NUMBERS, SEQUENCE, ANSWERS, MARKS, OTHER, EMPTY = (
    "names", "numbers", "sequence", "answers", "marks", "other", "empty")
# A header this generic names the `attended` column only over attendance marks (`Completed`, `No show`, `P`).
STATUS_HEADERS = frozenset(norm_key(h) for h in ("status", "estado"))
PROFILE_ROWS = 60


def looks_like_name(text: str) -> bool:
    """Two to six words of letters (`Ana María Prueba`, `PRUEBA, Ana`): how a person's name is written."""
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    return 2 <= len(parts) <= 6 and all(_NAME_WORD.match(p) for p in parts) and len(text) <= 80


def profile(cells) -> str:
    """What most filled cells of a column are: NAMES, NUMBERS, SEQUENCE (1, 2, 3 … : a row number), ANSWERS
    (Sí / No / Parcialmente …), MARKS (attendance marks: P, Completed, No show …), OTHER, or EMPTY when none
    is filled."""
    texts = [c.strip() if len(c) <= MAX_PROFILED_CHARS else "\x00" for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return EMPTY
    numbers = sum(1 for t in texts if _NUMBER_CELL.fullmatch(t) and any(ch.isdigit() for ch in t))
    if len(texts) >= 5 and texts == [str(k) for k in range(1, len(texts) + 1)]:
        return SEQUENCE
    if numbers >= 0.8 * len(texts):
        return NUMBERS
    answers = sum(1 for t in texts if is_answer_label(t))
    if answers >= 0.6 * len(texts) and len(texts) >= 2:
        return ANSWERS
    marks = sum(1 for t in texts if is_attendance_mark(t))
    if marks >= 0.6 * len(texts) and len(texts) >= 2:
        return MARKS
    names = sum(1 for t in texts if looks_like_name(t))
    if names >= 0.6 * len(texts) and numbers == 0:
        return NAMES
    return OTHER


def is_attendance_mark(text: str) -> bool:
    try:
        return parse_attendance_mark(text) is not None
    except ValueError:
        return False


COUNT_KINDS = (C.INT, C.NUMBER, C.SCORE)
NAME_COLUMNS = ("participant_name", "first_name", "last_name")


def reconsider(table: str, canonical: str | None, kind: str, text: str = "") -> str | None:
    """The column a header stands for once its values are known (`kind` from `profile`): names under a
    count header (`Asistentes`) are the people of an attendance list, never a count; a row number (1, 2,
    3 …) is never a count; numbers under a name header are IDs, never names."""
    spec = C.TABLES[table]
    if canonical is None:
        if kind == NAMES and "participant_name" in spec.names and match_header("events", text) == "participants":
            return "participant_name"
        return None
    if canonical == "attended" and norm_key(text) in STATUS_HEADERS and kind not in (MARKS, ANSWERS, EMPTY):
        return None  # a `Status` of `Active` / `Enrolled` says nothing of attendance
    column_kind = spec.column(canonical).kind if canonical in spec.names else C.TEXT
    if kind == NAMES and column_kind in COUNT_KINDS:
        return "participant_name" if "participant_name" in spec.names else None
    if kind == SEQUENCE and column_kind in COUNT_KINDS:
        return None
    if kind == NUMBERS and canonical in NAME_COLUMNS:
        return "participant_id" if canonical == "participant_name" and "participant_id" in spec.names else None
    return canonical
