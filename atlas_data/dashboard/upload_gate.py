"""Streamlit's upload endpoint accepts a file for any live session; this gate makes it refuse a session whose
page shows no uploader.

Streamlit 1.67 (``PUT /_stcore/upload_file/<session>/<file>``) checks the XSRF token and that the session is
alive, not that the session may upload: anyone with the app open could park files in server memory. The gate
wraps the server's file manager: it gives upload addresses only to sessions the Data page marked as showing an
uploader (a signed-in data manager, ``allow_this_session``), and refuses (HTTP 403) a file sent for any other
session. Installed once by ``app.py``.
"""
from __future__ import annotations

import threading

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

_lock = threading.Lock()
_allowed: set[str] = set()            # session ids whose page shows an uploader


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def allow_this_session(allowed: bool = True) -> None:
    """Mark this browser session as showing an uploader (or, with False, no longer)."""
    session = _session_id()
    if session is None:
        return
    with _lock:
        if allowed:
            _allowed.add(session)
        else:
            _allowed.discard(session)


def install() -> None:
    """Wrap the file manager's address and storage methods (once per process)."""
    if getattr(MemoryUploadedFileManager, "_atlas_gate", False):
        return
    give, store, forget = (MemoryUploadedFileManager.get_upload_urls, MemoryUploadedFileManager.add_file,
                           MemoryUploadedFileManager.remove_session_files)

    def get_upload_urls(self, session_id, file_names):
        with _lock:
            if session_id not in _allowed:
                return []
        return give(self, session_id, file_names)

    def add_file(self, session_id, file):
        with _lock:
            may = session_id in _allowed
        if not may:
            from starlette.exceptions import HTTPException
            raise HTTPException(status_code=403, detail="This session may not upload files.")
        store(self, session_id, file)

    def remove_session_files(self, session_id):
        with _lock:
            _allowed.discard(session_id)
        forget(self, session_id)

    MemoryUploadedFileManager.get_upload_urls = get_upload_urls
    MemoryUploadedFileManager.add_file = add_file
    MemoryUploadedFileManager.remove_session_files = remove_session_files
    MemoryUploadedFileManager._atlas_gate = True
