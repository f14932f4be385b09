"""Pseudonymization: names, e-mails and IDs become `participant_key`, a keyed hash (keyed BLAKE2b).

The secret is created once (mode 0600) at `.atlas/pseudonym.key` in the project, outside `data/parquet`
and git-ignored; `ATLAS_SECRET_FILE` points elsewhere. The same person in two files gets the same key,
because the identity is normalized (case, accents, spaces, the order of a name's words) before hashing.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import contract as C
from .categorical import distinct, text_series

PROJECT_ROOT = Path(__file__).resolve().parents[1]
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


class SecretError(ValueError):
    """The pseudonymization secret is unusable; nothing is hashed with it."""


MIN_SECRET_CHARS = 32


@lru_cache(maxsize=4)
def _load_secret(path: str) -> bytes:
    value = Path(path).read_text().strip().encode()
    if len(value) < MIN_SECRET_CHARS:
        raise SecretError(f"the pseudonymization secret {path} is empty or too short, so names would not be "
                          "protected; restore it from a backup, or delete it to create a new one (participants "
                          "then get new keys)")
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
