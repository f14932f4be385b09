"""Pseudonymization: names, e-mails and IDs become `participant_key`, a keyed hash (HMAC-SHA256).

The secret is created once (mode 0600) at `.atlas/pseudonym.key` in the project, outside `data/parquet`
and git-ignored; `ATLAS_SECRET_FILE` points elsewhere. The same person in two files gets the same key,
because the identity is normalized (case, accents, spaces) before hashing.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[1]


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


@lru_cache(maxsize=4)
def _load_secret(path: str) -> bytes:
    return Path(path).read_text().strip().encode()


def secret() -> bytes:
    return _load_secret(str(ensure_secret()))


def identity(value: str, kind: str) -> str:
    """The normalized identity that is hashed: IDs lose spaces, dots and dashes; names lose case and accents."""
    text = unicodedata.normalize("NFKD", str(value)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if kind == "participant_id":
        text = "".join(ch for ch in text if ch.isalnum())
    else:
        text = " ".join(text.replace(",", " ").split())
    return f"{kind}:{text}"


def pseudonym(value: str, kind: str, key: bytes | None = None) -> str:
    digest = hmac.new(key or secret(), identity(value, kind).encode(), hashlib.sha256).hexdigest()
    return "P-" + digest[:16]


def participant_keys(frame: pd.DataFrame) -> pd.Series:
    """One key per row from participant_id, else email, else participant_name (None when none is given)."""
    key = secret()
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for kind in ("participant_id", "email", "participant_name"):
        if kind not in frame:
            continue
        values = frame[kind]
        todo = out.isna() & values.notna()
        if not todo.any():
            continue
        codes, uniques = pd.factorize(values[todo])
        hashed = [pseudonym(v, kind, key) for v in uniques]
        out.loc[todo] = pd.Series(hashed, dtype=object).take(codes).to_numpy()
    return out
