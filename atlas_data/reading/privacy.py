"""Pseudonymization: names, e-mails and IDs become `participant_key`, a keyed hash (keyed BLAKE2b).

The secret is created once (mode 0600) at `.atlas/pseudonym.key` in the project, outside `data/parquet`
and git-ignored; `ATLAS_SECRET_FILE` points elsewhere. The same person in two files gets the same key,
because the identity is normalized (case, accents, spaces, the order of a name's words) before hashing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from atlas_data import contract as C
from atlas_data.reading import dates, parsers as P
from atlas_data.reading.categorical import distinct, text_series
from atlas_data.reading.messages import Coded

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def secret_path() -> Path:
    return Path(os.environ.get("ATLAS_SECRET_FILE") or PROJECT_ROOT / ".atlas" / "pseudonym.key")


def ensure_secret(path: Path | None = None) -> Path:
    """Create the secret once, readable by its owner only; never overwrite an existing one."""
    path = path or secret_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
    return path


class SecretError(Coded, ValueError):
    """The pseudonymization secret is unusable; nothing is hashed with it."""


MIN_SECRET_CHARS = 32


@lru_cache(maxsize=4)
def _load_secret(path: str) -> bytes:
    value = Path(path).read_text().strip().encode()
    if len(value) < MIN_SECRET_CHARS:
        raise SecretError("secret_too_short", path=path)
    return value


def secret() -> bytes:
    return _load_secret(str(ensure_secret()))


def identity(value: str, kind: str) -> str:
    """The normalized identity that is hashed: IDs lose spaces, dots and dashes; names lose case and accents."""
    text = str(value).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return f"{kind}:{_identity_text(text, kind)}"


def _identity_text(text: str, kind: str) -> str:
    """IDs keep letters and digits; an e-mail its text; a name its words in alphabetical order, so
    `PRUEBA UNO, Ana` (the Peruvian `apellidos y nombres`) is the same person as `Ana Prueba Uno`."""
    if kind == "participant_id":
        return "".join(ch for ch in text if ch.isalnum())
    if kind == "participant_name":
        return " ".join(sorted(text.replace(",", " ").split()))
    return " ".join(text.replace(",", " ").split())


def pseudonym(value: str, kind: str, key: bytes | None = None) -> str:
    """Keyed BLAKE2b (a MAC by design, and faster than HMAC-SHA256) of the normalized identity."""
    digest = hashlib.blake2b(identity(value, kind).encode(), key=(key or secret())[:64], digest_size=8)
    return "P-" + digest.hexdigest()


def _folded(values, kind: str) -> list[str]:
    """`identity(v, kind)` of each value. Case folding and accent removal act on each character alone, so they
    run once over all values joined by NUL (never in a value, nor produced by either step)."""
    texts = [str(v) for v in values]
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [identity(v, kind) for v in texts]  # a NUL inside a value: one at a time
    joined = joined.casefold()
    if not joined.isascii():
        joined = _COMBINING.sub("", unicodedata.normalize("NFKD", joined))
    parts = joined.split("\x00")
    if len(parts) != len(texts):
        return [identity(v, kind) for v in texts]
    return [f"{kind}:" + _identity_text(text, kind) for text in parts]


def pseudonyms(values, kind: str, key: bytes) -> list[str]:
    """`pseudonym(v, kind, key)` for each value, keying BLAKE2b once and copying its state per value."""
    keyed = hashlib.blake2b(key=key[:64], digest_size=8)
    copy = keyed.copy
    out = []
    for text in _folded(values, kind):
        digest = copy()
        digest.update(text.encode())
        out.append("P-" + digest.hexdigest())
    return out


def participant_keys(frame: pd.DataFrame) -> pd.Series:
    """One key per row from participant_id, else email, else participant_name (missing when none is given;
    the order is contract.PERSON_COLUMNS).

    Hashes each distinct identity once; the keys are a Categorical (stored dictionary-encoded), so a million
    rows hold a million small codes, not a million strings."""
    key = secret()
    codes, keys = None, []
    dtype = np.int32 if len(frame) < np.iinfo(np.int32).max else np.int64  # rows bound the distinct keys
    for kind in C.PERSON_COLUMNS:
        if kind not in frame:
            continue
        spread_at, uniques, _ = distinct(frame[kind])
        kind_codes = spread_at.astype(dtype)
        missing = kind_codes == len(uniques)
        if keys:
            kind_codes += len(keys)
        kind_codes[missing] = -1
        keys += pseudonyms(uniques, kind, key)
        codes = kind_codes if codes is None else np.where(codes >= 0, codes, kind_codes)
    if codes is None:
        return pd.Series(None, index=frame.index, dtype=object)
    categories = pd.Index(keys, dtype=object)
    if not categories.is_unique:  # the same key from two kinds (never seen; 64-bit hashes of prefixed texts)
        merged, categories = pd.factorize(categories)
        codes = np.where(codes >= 0, merged[codes], -1)
    return text_series(codes, categories, frame.index)


def respondent_key(code: str, key: bytes | None = None) -> str:
    """The stored form of a key informant's code: `R-` and a keyed BLAKE2b of the code as written (spaces at
    the ends dropped, case kept), so distinct codes stay distinct and counts of respondents do not change, while
    a sheet that uses names as codes (`Quenbarra Informante 0`) leaves no name in the store."""
    digest = hashlib.blake2b(("respondent:" + str(code).strip()).encode(), key=(key or secret())[:64],
                             digest_size=8)
    return "R-" + digest.hexdigest()


def respondent_keys(codes: pd.Series) -> pd.Series:
    """`respondent_key` of each code (missing stays missing), hashing each distinct code once."""
    key = secret()
    present = codes.dropna().astype(str)
    keys = {code: respondent_key(code, key) for code in present.unique()}
    return codes.astype(object).map(lambda v: None if v is None or v is pd.NA or v != v else keys[str(v)])


# ------------------------------------------------------------------ values echoed back to people

# A rejected cell's value goes to the `rejected` table, the store's manifest, the CLI and the Data page. It is
# shown there only when it cannot be a person's name, e-mail, phone or ID; otherwise only its kind is said.
PERSONAL_COLUMN_VALUE = "(personal data, not shown)"
EMAIL, PHONE = "e-mail address", "phone number"
_TEXT_KIND = re.compile(r"^text, (\d+) characters?$")
# Per interface language: the fixed kinds, then `text, N characters` for N == 1 and for any other N.
_DESCRIBED = {
    "es": ({EMAIL: "dirección de correo electrónico", PHONE: "número de teléfono",
            PERSONAL_COLUMN_VALUE: "(dato personal, no se muestra)"}, "texto, {n} carácter", "texto, {n} caracteres"),
    "th": ({EMAIL: "ที่อยู่อีเมล", PHONE: "หมายเลขโทรศัพท์",
            PERSONAL_COLUMN_VALUE: "(ข้อมูลส่วนบุคคล ไม่แสดง)"}, "ข้อความ, {n} ตัวอักษร", "ข้อความ, {n} ตัวอักษร"),
}

# dd/mm/yyyy, yyyy-mm-dd, d.m.yy…, with a time after it or not
_NUMERIC_DATE = re.compile(r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))"
                           r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?\s?m\.?)?)?", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d")
_PHONE_CHARS = re.compile(r"[+(]?[\d\s().\-/]+")
# Words that may stand beside figures without naming anyone: units, approximations, parts of dates.
_FIGURE_WORDS = frozenset("""
    aprox approx approximately aproximadamente aproximado ca circa about around unos unas cerca mas menos more
    less than over under hasta up to de del of the y and a al el la las los en in on out sobre per por each
    cada entre between from desde st nd rd th ro do vo er mo no hs hrs hr h min mins minutos minutes
    horas hours dias days dia day semanas weeks semana week meses months mes month anos years ano year pax
    personas persons people participantes participants asistentes attendees mujeres women hombres men
    instituciones institutions sesiones sessions sesion session paso step pasos steps puntos points pts pt
    fy af pct x
""".split())
# Words and phrases that name no one: the parsers' labels (yes/no, gender, answers, modality, role, test
# type…), and what people write instead of a figure. Month and weekday names are not here: `Julio`,
# `Domingo` and `Abril` are first names too (they are shown only beside a figure, as part of a date).
_PLACEHOLDERS = (
    "n/a", "na", "nd", "n/d", "s/d", "s/n", "sd", "sin dato", "sin datos", "no aplica", "not applicable",
    "none", "ninguno", "ninguna", "nadie", "nil", "null", "nan", "vacio", "empty", "blank", "unknown",
    "desconocido", "pendiente", "pending", "tbd", "tbc", "por definir", "por confirmar", "to be defined",
    "to be confirmed", "varios", "varias", "various", "several", "many", "muchos", "muchas", "some",
    "algunos", "algunas", "maybe", "quizas", "tal vez", "todos", "todas", "all", "idem", "same", "igual",
    "ver nota", "see note", "ver abajo", "see below", "total", "subtotal", "sum", "suma", "approx", "aprox",
    "error", "ref", "value", "name", "num", "div", "calc", "spill", "getting data", "inf", "infinity", "infinito",
    "cero", "zero", "uno", "one",
    "dos", "two", "tres", "three", "cuatro", "four", "cinco", "five", "seis", "six", "siete", "seven", "ocho",
    "eight", "nueve", "nine", "diez", "ten", "once", "eleven", "doce", "twelve", "veinte", "twenty", "treinta",
    "thirty", "cuarenta", "forty", "cincuenta", "fifty", "cien", "ciento", "hundred", "mil", "thousand",
    "no sabe", "no responde", "no sabe no responde", "ns/nr", "no se", "dont know", "don t know", "do not know",
    "only positive", "only negative", "solo positivo", "solo negativo", "positive and negative",
    "positivo y negativo", "in person", "face to face", "cara a cara", "en linea", "on line", "microsoft teams",
    "follow up", "pre test", "post test", "ex ante", "ex post", "key informants", "por ciento",
)
_NON_ALNUM = re.compile(r"[\W_]+")


def _phrase_key(text: str) -> str:
    """Lower case, accents off, every run of other characters one space: `No sabe / no responde` ->
    `no sabe no responde`."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _NON_ALNUM.sub(" ", folded).strip()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset, frozenset, frozenset]:
    """(one-word keys as `parsers.norm_key` makes them, keys of phrases of several words, keys of labels
    written with punctuation): the labels the parsers know, `_PLACEHOLDERS` and `_FIGURE_WORDS`. `N/A` is a
    label; `N A`, two letters apart, is not (they could be initials). Built on first use."""
    words: set[str] = set()
    for index in (P._YES_NO_INDEX, P._GENDER_INDEX, P._TEST_TYPES, P._ANSWERS, P._MODALITIES, P._ROLES,
                  P._CRITERIA, P._COUNT_UNITS, P._MEASURE_UNITS, P._PRECISIONS, P._COUNTRY_INDEX,
                  P._DMOP_TYPE_EXACT):
        words |= set(index)
    words |= {P.norm_key(w) for w in (*C.COUNTRIES, *C.CRITERIA, *C.ANSWER_ORDER, *_PLACEHOLDERS)}
    words |= {w for w in _FIGURE_WORDS if len(w) > 2}  # alone, `Al` or `Mo` could be someone
    words.discard("")
    labels = (*_PLACEHOLDERS, *C.ANSWER_ORDER)
    phrases = {_phrase_key(p) for p in labels if len(p.split()) > 1}
    punctuated = {_phrase_key(p) for p in labels if len(p.split()) == 1 and " " in _phrase_key(p)}
    return frozenset(words), frozenset(phrases), frozenset(punctuated)


_MONTHS_AND_DAYS = frozenset(dates._MONTH_INDEX) | dates._WEEKDAYS | dates._FILLERS  # beside a figure: part of a date


def is_known_label(text: str) -> bool:
    """A label of the parsers' or a placeholder, which names no one: `Sí`, `Mujer`, `NS/NR`, `N/A`, `sin dato`,
    `Only positive`."""
    words, phrases, punctuated = _vocabulary()
    key = _phrase_key(text)
    if len(text.split()) > 1:  # words apart: a phrase of the vocabulary (`N A` is no `N/A`)
        return key in phrases
    return P.norm_key(text) in words or key in phrases or key in punctuated  # one token: `in-person`, `NS/NR`


def _figure_token(token: str) -> bool:
    """One word of a text that holds a figure: a number-like token (`12,5x`, `17/20`, `FY2021`, `KI-2`, `3a`),
    or a word that stands beside figures (`personas`, `aprox.`, `junio`, `de`)."""
    letters = [run.casefold() for run in re.findall(r"[^\W\d_]+", token)]
    if not letters:
        return True
    digits = sum(ch.isdigit() for ch in token)
    if digits >= 6:
        return False  # letters with a long number: a passport or an ID (`A1234567`), not a code of ours
    if digits:
        return sum(map(len, letters)) <= 2 or all(r in _FIGURE_WORDS or r in _MONTHS_AND_DAYS for r in letters)
    key = P.norm_key(token)
    return key in _FIGURE_WORDS or key in _MONTHS_AND_DAYS or key in _vocabulary()[0]


def _looks_like_phone(text: str, digits: int) -> bool:
    """Seven digits or more written as phones are: a leading `+`, `(` or `0`, or groups apart
    (`+595 981 123456`, `(021) 123-456`, `0981123456`); a date or a range of years is none."""
    if digits < 7 or not _PHONE_CHARS.fullmatch(text) or _NUMERIC_DATE.fullmatch(text) or _YEAR_RANGE.fullmatch(text):
        return False
    if text[0] in "+(" or re.match(r"0\d", text):
        return True
    return bool(re.search(r"\d[\s\-/()]+\d", text))


def _hidden_kind(text: str) -> str | None:
    """None when `text` can be shown; else what it is: EMAIL, PHONE, or "text". Decided once per text (a
    long text, rare and never a figure, is not kept in the cache)."""
    return _cached_kind(text) if len(text) <= 200 else _kind(text)


def _kind(text: str) -> str | None:
    if "@" in text:
        return EMAIL
    digits = sum(ch.isdigit() for ch in text)
    if digits and _NUMERIC_DATE.fullmatch(text):
        return None
    if _looks_like_phone(text, digits):
        return PHONE
    if not any(ch.isalpha() for ch in text):
        return None  # figures and punctuation: `12,5`, `85 %`, `17/20`, `-`, `?`
    if is_known_label(text):
        return None
    if digits:
        return None if all(_figure_token(t) for t in text.split()) else "text"
    # letters and no figure: a name unless a known label (above) or a lone letter (`x`, `b`)
    return None if sum(ch.isalpha() for ch in text) == 1 else "text"


_cached_kind = lru_cache(maxsize=65536)(_kind)


def _plain(value) -> tuple[str | None, bool]:
    """(the value's text with runs of whitespace as one space, whether it is a number, date or time)."""
    if value is None:
        return None, False
    if isinstance(value, (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta, np.number, np.bool_)):
        return str(value), True
    return " ".join(str(value).split()), False


def shown_value(value) -> str | None:
    """What may be shown of a cell's value: the value itself (at most 200 characters) when it cannot be
    personal (a number, a date, a known label or code), else what kind of value it was: `e-mail address`,
    `phone number` or `text, 24 characters`. None stays None."""
    text, figure = _plain(value)
    if text is None:
        return None
    if figure or not text:
        return text[:200]
    kind = _hidden_kind(text)
    if kind is None:
        return text[:200]
    return kind if kind != "text" else f"text, {len(text)} character{'s' if len(text) != 1 else ''}"


def quoted(value, limit: int = 80) -> str:
    """A value for a sentence: `"12,5x"` (quoted, long values shortened) when it may be shown, else what it
    was: `a text of 24 characters`, `an e-mail address`, `a phone number`."""
    text, figure = _plain(value)
    text = text or ""
    kind = None if figure or not text else _hidden_kind(text)
    if kind is None:
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        return f'"{text}"'
    if kind == EMAIL:
        return "an " + EMAIL
    if kind == PHONE:
        return "a " + PHONE
    return f"a text of {len(text)} character{'s' if len(text) != 1 else ''}"


def is_shown(value) -> bool:
    """Whether `shown_value(value)` is the value itself."""
    text, figure = _plain(value)
    return text is None or figure or not text or _hidden_kind(text) is None


_QUOTED = re.compile(r"""'([^'\n]{1,200})'|"([^"\n]{1,200})\"""")


def scrub(text: str) -> str:
    """Free text that may quote cell values (an unexpected error's message): each quoted part becomes
    `quoted(part)`."""
    def repl(m: re.Match) -> str:
        part = m.group(1) if m.group(1) is not None else m.group(2)
        return m.group(0) if is_shown(part) else quoted(part)
    return _QUOTED.sub(repl, text)


def described_in(value, lang: str = "en"):
    """A stored `rejected.value` in the interface language: the kinds `shown_value` gives are translated
    (`text, 24 characters` -> `texto, 24 caracteres`, `ข้อความ, 24 ตัวอักษร`); any other value is returned as it is."""
    if lang not in _DESCRIBED or not isinstance(value, str):
        return value
    fixed, one, many = _DESCRIBED[lang]
    m = _TEXT_KIND.match(value)
    if m:
        n = int(m.group(1))
        return (one if n == 1 else many).format(n=n)
    return fixed.get(value, value)
